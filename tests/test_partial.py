"""Files-only PATH lists (pre-commit): set rules are skipped with a notice unless --as-set."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from stylelint import testing
from stylelint.cli import cli
from stylelint.registry import available_rules
from stylelint.rule import Category, Rule, Verdict, params

SPEC = """\
version: 1
rules:
  orientation: {allowed: [square]}
  fake-set: warning
"""


@params
class _NoParams:
    pass


def _compare(records, p):
    # Every image learns the size of the set it was judged in: what the tests look at.
    return [{"set_size": len(records)} for _ in records]


FAKE_SET_RULE = Rule(
    id="fake-set",
    category=Category.SET,
    version=1,
    doc="A test set rule.",
    params=_NoParams,
    measure=lambda facts, p: {},
    judge=lambda measured, p: Verdict(True, {}, "ok"),
    compare=_compare,
)


@pytest.fixture
def shoot(tmp_path, write_image, write_spec, monkeypatch):
    """Two square images, a spec with a (fake) set rule, and that rule installed; cwd is tmp_path."""
    catalogue = {**available_rules(), "fake-set": FAKE_SET_RULE}
    monkeypatch.setattr("stylelint.cli.available_rules", lambda: catalogue)
    monkeypatch.setattr("stylelint.api.available_rules", lambda: catalogue)
    write_spec(SPEC)
    write_image("shoot/a.png", testing.solid((40, 40), "#808080"))
    write_image("shoot/b.png", testing.solid((40, 40), "#202020"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _check(*args: str):
    result = CliRunner().invoke(cli, ["check", *args, "--format", "json", "--jobs", "1"], catch_exceptions=False)
    sizes = [
        r["measured"].get("set_size")
        for f in json.loads(result.stdout)["files"]
        for r in f["results"]
        if r["rule"] == "fake-set"
    ]
    return result, sizes


def test_only_files_skips_set_rules_with_a_notice(shoot):
    result, sizes = _check("shoot/a.png", "shoot/b.png")
    assert result.exit_code == 0
    assert sizes == []
    assert "set rules skipped (fake-set): only files were named" in result.stderr
    assert "--as-set" in result.stderr


def test_as_set_judges_the_named_files_as_the_set(shoot):
    result, sizes = _check("shoot/a.png", "shoot/b.png", "--as-set")
    assert sizes == [2, 2]
    assert "skipped" not in result.stderr


def test_a_folder_runs_set_rules_over_the_whole_set(shoot):
    result, sizes = _check("shoot")
    assert sizes == [2, 2]
    assert "skipped" not in result.stderr


def test_no_notice_when_the_spec_has_no_set_rule(shoot):
    (shoot / "stylelint.yaml").write_text("version: 1\nrules:\n  orientation: warning\n")
    result, sizes = _check("shoot/a.png")
    assert "skipped" not in result.stderr
