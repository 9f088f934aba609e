"""The Python API (CONTRACT.md §6): `stylelint.check(paths, spec).to_dict()` is the JSON report."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import stylelint
from stylelint import testing
from stylelint.cli import cli
from stylelint.engine import Options
from stylelint.errors import UsageError

SPEC = """\
version: 1
palette: {grey: "#808080"}
rules:
  aspect-ratio: {allowed: ["1:1"]}
  palette: {severity: warning, min_coverage: 0.9}
"""


@pytest.fixture
def shoot(tmp_path, write_image, write_spec, monkeypatch):
    """A passing square, a failing 3:2 image, an unreadable file; cwd is tmp_path."""
    write_spec(SPEC)
    write_image("shoot/ok.png", testing.solid((32, 32), "#808080"))
    write_image("shoot/wide.png", testing.solid((48, 32), "#C8102E"))
    (tmp_path / "shoot" / "broken.jpg").write_bytes(b"\xff\xd8 not really a JPEG")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_to_dict_equals_the_json_report(shoot):
    report = stylelint.check(["shoot"], "stylelint.yaml", options=Options(jobs=1))
    printed = CliRunner().invoke(cli, ["check", "shoot", "--format", "json", "--jobs", "1", "--no-cache"])
    assert printed.exit_code == 1
    assert report.to_dict() == json.loads(printed.stdout)
    assert [f["status"] for f in report.to_dict()["files"]] == ["error", "pass", "fail"]


def test_a_single_path_and_the_discovered_spec(shoot):
    report = stylelint.check("shoot/ok.png")
    assert report.to_dict()["summary"]["passed"] == 1


def test_no_image_is_a_usage_error(shoot):
    (shoot / "empty").mkdir()
    with pytest.raises(UsageError, match="no image found"):
        stylelint.check(["empty"], "stylelint.yaml")
