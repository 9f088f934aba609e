"""The README's demo: `stylelint check shoot` in examples/ matches examples/expected/, and so does the
quickstart's `stylelint check examples/shoot --spec examples/stylelint.yaml` from the repository's folder."""

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


def test_quickstart_from_the_repository_folder_leaves_the_shell_there(monkeypatch):
    # The README's quickstart runs the demo without `cd`, so its next command (the tests) runs in
    # the repository's folder; the report is the golden one with paths seen from there.
    monkeypatch.chdir(EXAMPLES.parent)
    args = ["check", "examples/shoot", "--spec", "examples/stylelint.yaml", "--format", "json", "--jobs", "1"]
    result = CliRunner().invoke(cli, [*args, "--no-cache"])
    assert result.exit_code == 1, result.stderr
    seen_from_examples = json.loads(result.stdout.replace('"examples/', '"'))
    assert seen_from_examples == json.loads(GOLDEN.read_text("utf-8"))
    readme = (EXAMPLES.parent / "README.md").read_text("utf-8")
    assert "pip install . && stylelint " + " ".join(args[:4]) in readme
