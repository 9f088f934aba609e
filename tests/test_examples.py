"""The README quickstart's demo: `stylelint check shoot` in examples/ matches examples/expected/."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from stylelint.cli import cli

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
GOLDEN = EXAMPLES / "expected" / "report.json"


def test_quickstart_check_on_the_example_shoot(monkeypatch, update_golden):
    monkeypatch.chdir(EXAMPLES)
    result = CliRunner().invoke(cli, ["check", "shoot", "--format", "json", "--jobs", "1", "--no-cache"])
    assert result.exit_code == 1, result.stderr  # the demo shoot has images that drift on purpose
    report = json.loads(result.stdout)
    if update_golden:
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", "utf-8")
    assert report == json.loads(GOLDEN.read_text("utf-8"))
