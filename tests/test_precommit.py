"""The pre-commit hook, run by the real `pre-commit` tool in a temporary git repository.

pre-commit installs a hook repository from a git commit, so the working tree of this repository
is copied to a temporary folder and committed there; a second temporary repository (the "user's
project") points its .pre-commit-config.yaml at that commit. pre-commit then builds a virtualenv
and pip-installs stylelint into it: this needs the package index (or pip's cache) and takes tens
of seconds, hence the `slow` mark (`pytest -m "not slow"` leaves it out).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from stylelint import testing
from stylelint.registry import available_rules

pytest.importorskip("pre_commit")
pytestmark = [pytest.mark.slow, pytest.mark.skipif(shutil.which("git") is None, reason="needs git")]

ROOT = Path(__file__).resolve().parents[1]
SPEC = 'version: 1\nrules:\n  aspect-ratio: {allowed: ["1:1"]}\n'


def _git(cwd: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True)
    return done.stdout.strip()


def _commit_all(folder: Path) -> str:
    _git(folder, "init", "-q")
    _git(folder, "add", "-A")
    _git(folder, "commit", "-q", "--no-verify", "-m", "snapshot")
    return _git(folder, "rev-parse", "HEAD")


def _hook_repo(tmp_path: Path) -> tuple[Path, str]:
    """This repository's working tree (tracked and untracked, not ignored files), committed."""
    listed = _git(ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard").split("\0")
    clone = tmp_path / "hook-repo"
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            (clone / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, clone / name)
    return clone, _commit_all(clone)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A project with a spec, a passing and a failing image, and the hook configured."""
    tmp_path = tmp_path_factory.mktemp("pre-commit")
    repo, rev = _hook_repo(tmp_path)
    project = tmp_path / "project"
    (project / "shoot").mkdir(parents=True)
    spec = SPEC + ("  duplicates: warning\n" if "duplicates" in available_rules() else "")
    (project / "stylelint.yaml").write_text(spec)
    testing.write(project / "shoot" / "square.png", testing.solid((40, 40), "#808080"))
    testing.write(project / "shoot" / "wide.jpg", testing.solid((60, 40), "#808080"))
    (project / "notes.txt").write_text("not an image\n")
    (project / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {repo.as_posix()}\n    rev: {rev}\n    hooks:\n      - id: stylelint\n"
    )
    _commit_all(project)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "NO_COLOR": "1"}
    return project, env


def _pre_commit(project: tuple[Path, dict[str, str]], *args: str) -> subprocess.CompletedProcess[str]:
    folder, env = project
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--color", "never", *args],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_hook_passes_a_good_image(project):
    done = _pre_commit(project, "--files", "shoot/square.png", "notes.txt")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "stylelint (images)" in done.stdout and "Passed" in done.stdout


def test_hook_fails_on_a_bad_image_and_names_it(project):
    done = _pre_commit(project, "--all-files", "--verbose")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Failed" in done.stdout
    assert "shoot/wide.jpg" in done.stdout
    assert "notes.txt" not in done.stdout  # types_or passes images only
    if "duplicates" in available_rules():
        assert "set rules skipped (duplicates)" in done.stdout
