"""PATHs as an operator gives them (issue 15): a missing PATH, an explicitly named file that the
spec ignores (as pre-commit passes them), globs on symlinks, and files the user cannot read."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from stylelint import testing
from stylelint.cli import cli

SPEC = """\
version: 1
rules:
  aspect-ratio: {allowed: ["1:1"]}
overrides:
  - files: ["social/**"]
    rules:
      aspect-ratio: {allowed: ["3:2"]}
ignore: ["**/_rejects/**"]
"""


def _run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A spec; outside it, a 3:2 image that symlinks inside the project point to."""
    root = tmp_path / "project"
    root.mkdir()
    (root / "stylelint.yaml").write_text(SPEC)
    testing.write(root / "square.png", testing.solid((60, 60), "#808080"))
    (tmp_path / "outside").mkdir()
    testing.write(tmp_path / "outside" / "wide.png", testing.solid((90, 60), "#808080"))
    monkeypatch.chdir(root)
    return root


def _json(result):
    return {f["path"]: f for f in json.loads(result.stdout)["files"]}


def test_a_missing_path_is_a_usage_error(project):
    result = _run("check", "square.png", "no-such-folder")
    assert result.exit_code == 2
    assert "no-such-folder: no such file or folder" in result.stderr


def test_globs_match_a_symlink_by_its_own_path_not_its_target(project):
    (project / "social").mkdir()
    (project / "_rejects").mkdir()
    os.symlink(project.parent / "outside" / "wide.png", project / "social" / "link.png")
    os.symlink(project.parent / "outside" / "wide.png", project / "_rejects" / "link.png")
    result = _run("check", ".", "--format", "json", "--jobs", "1", "--no-cache")
    files = _json(result)
    assert sorted(files) == ["social/link.png", "square.png"]  # _rejects/link.png is ignored
    assert files["social/link.png"]["status"] == "pass"  # the social/** override allows 3:2
    assert result.exit_code == 0


def test_an_explicitly_named_ignored_file_is_skipped_with_a_notice(project):
    (project / "_rejects").mkdir()
    testing.write(project / "_rejects" / "old.png", testing.solid((90, 60), "#808080"))
    result = _run("check", "_rejects/old.png", "square.png", "--format", "json", "--jobs", "1", "--no-cache")
    assert result.exit_code == 0
    assert sorted(_json(result)) == ["square.png"]
    assert "stylelint: _rejects/old.png: file ignored because of a matching ignore pattern" in result.stderr


def test_only_ignored_files_named_is_a_clean_pass_not_no_image_found(project):
    """pre-commit passes only the changed files; a commit that touches only ignored ones passes."""
    (project / "_rejects").mkdir()
    testing.write(project / "_rejects" / "old.png", testing.solid((90, 60), "#808080"))
    result = _run("check", "_rejects/old.png", "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert "file ignored because of a matching ignore pattern" in result.stderr


@pytest.fixture
def shared_folder():
    """A folder the user nobody can read and write (pytest's tmp_path is private to root)."""
    with tempfile.TemporaryDirectory() as folder:
        os.chmod(folder, 0o777)
        Path(folder, "stylelint.yaml").write_text(SPEC)
        testing.write(Path(folder, "ok.png"), testing.solid((60, 60), "#808080"))
        testing.write(Path(folder, "secret.png"), testing.solid((60, 60), "#808080"))
        os.chmod(Path(folder, "secret.png"), 0o000)
        yield folder


@pytest.mark.parametrize("cache", ["--cache", "--no-cache"])
@pytest.mark.parametrize("paths", [["."], ["ok.png", "secret.png"]], ids=["folder", "named"])
def test_a_file_the_user_cannot_read_is_a_per_file_error(as_nobody, shared_folder, cache, paths):
    done = as_nobody(["check", *paths, cache, "--format", "json", "--jobs", "1"], cwd=shared_folder)
    assert done.returncode == 1, done.stderr
    files = {f["path"]: f for f in json.loads(done.stdout)["files"]}
    assert files["secret.png"]["status"] == "error"
    assert files["secret.png"]["error"] == "permission denied"
    assert files["ok.png"]["status"] == "pass"
