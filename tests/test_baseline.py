"""Baselines: `stylelint baseline` records failures, `check --baseline` suppresses exactly those."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from stylelint import baseline, testing
from stylelint.cli import cli
from stylelint.report import FileResult, Report, RuleResult, Severity

# wide.jpg (50×75) fails aspect-ratio (error) and resolution (warning); square.png passes both.
SPEC = """\
version: 1
rules:
  aspect-ratio: {allowed: ["1:1"]}
  resolution: {severity: warning, min_width: 60}
"""


@pytest.fixture
def shoot(tmp_path, write_image, write_spec, monkeypatch):
    """shoot/square.png (60×60) and shoot/wide.jpg (50×75); cwd is tmp_path."""
    monkeypatch.chdir(tmp_path)
    write_spec(SPEC)
    for name, size in (("square.png", (60, 60)), ("wide.jpg", (50, 75))):
        write_image(f"shoot/{name}", testing.solid(size, "#808080"))
    return tmp_path


def run(*args: str):
    """The CLI in-process; stderr kept apart from stdout."""
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def _result(rule: str, passed: bool, **extra) -> RuleResult:
    return RuleResult(rule, Severity.ERROR, passed, "m", {}, {}, **extra)


def test_record_keeps_only_live_failures_sorted():
    report = Report(
        "s",
        (
            FileResult("b.png", (_result("z", False), _result("a", False), _result("p", True))),
            FileResult("a.png", (_result("c", False, crashed="boom"),)),
            FileResult("c.png", error="truncated"),
        ),
    )
    document = baseline.record(report, {"a.png": "1" * 64, "b.png": "2" * 64})
    assert document == {"stylelint-baseline": 1, "files": [{"path": "b.png", "sha256": "2" * 64, "rules": ["a", "z"]}]}


def test_apply_suppresses_matching_hash_and_rule_only():
    report = Report(
        "s",
        (FileResult("a.png", (_result("x", False), _result("y", False))), FileResult("b.png", (_result("x", False),))),
    )
    known = baseline.Baseline(frozenset({("1" * 64, "x")}))
    applied = baseline.apply(report, known, {"a.png": "1" * 64, "b.png": "2" * 64})
    assert [[r.suppressed for r in f.results] for f in applied.files] == [[True, False], [False]]
    assert applied.summary()["results"]["error"] == 2


def test_baseline_then_check_passes_and_marks_suppressed(shoot):
    result = run("baseline", "shoot", "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert "recorded 2 failures in 1 file" in result.stderr
    document = json.loads((shoot / "stylelint-baseline.json").read_text())
    assert document["files"][0]["path"] == "shoot/wide.jpg"
    assert document["files"][0]["rules"] == ["aspect-ratio", "resolution"]

    checked = run("check", "shoot", "--baseline", "stylelint-baseline.json", "--format", "json", "--jobs", "1")
    assert checked.exit_code == 0
    report = json.loads(checked.stdout)
    wide = report["files"][1]
    assert wide["status"] == "pass"
    assert all(r["suppressed"] for r in wide["results"] if not r["passed"])
    assert report["summary"]["results"] == {"error": 0, "warning": 0, "info": 0}


def test_text_report_says_suppressed_by_baseline(shoot):
    run("baseline", "shoot", "--jobs", "1")
    result = run("check", "shoot", "--baseline", "stylelint-baseline.json", "--jobs", "1")
    assert result.exit_code == 0
    assert "(suppressed by baseline)" in result.stdout


def test_changed_file_is_judged_afresh(shoot, write_image):
    run("baseline", "shoot", "--jobs", "1")
    write_image("shoot/wide.jpg", testing.solid((50, 75), "#707070"))  # same failure, new content
    result = run("check", "shoot", "--baseline", "stylelint-baseline.json", "--jobs", "1")
    assert result.exit_code == 1


def test_baseline_is_deterministic_and_leaves_images_untouched(shoot):
    before = {p: p.read_bytes() for p in (shoot / "shoot").iterdir()}
    run("baseline", "shoot", "--output", "one.json", "--jobs", "1")
    run("baseline", "shoot", "--output", "two.json", "--jobs", "2", "--no-cache")
    assert (shoot / "one.json").read_bytes() == (shoot / "two.json").read_bytes()
    assert {p: p.read_bytes() for p in (shoot / "shoot").iterdir()} == before


@pytest.mark.parametrize(
    "content, message",
    [
        (None, "baseline file not found: missing.json; create it with `stylelint baseline`"),
        ("{not json", "invalid baseline missing.json: not JSON"),
        ('{"files": []}', 'expected a JSON object with "stylelint-baseline": 1'),
        ('{"stylelint-baseline": 1, "files": [{"sha256": "xyz", "rules": []}]}', "files entry 1"),
    ],
)
def test_missing_or_invalid_baseline_is_a_usage_error(shoot, content, message):
    if content is not None:
        (shoot / "missing.json").write_text(content)
    result = run("check", "shoot", "--baseline", "missing.json")
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stdout == ""


def test_check_with_a_baseline_hashes_each_file_once(shoot, monkeypatch):
    # The run hashes each file for its cache key and keeps the hash; hash_files reads nothing more
    # (it used to hash the failing wide.jpg a second time).
    from stylelint.sources import Source

    assert run("baseline", "shoot", "--jobs", "1").exit_code == 0
    hashed = []
    real = Source.sha256
    monkeypatch.setattr(Source, "sha256", lambda self: hashed.append(str(self.path)) or real(self))
    result = run("check", "shoot", "--baseline", "stylelint-baseline.json", "--jobs", "1")
    assert result.exit_code == 0
    assert sorted(hashed) == ["shoot/square.png", "shoot/wide.jpg"]
