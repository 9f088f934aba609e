"""Shell completion: click generates the scripts; stylelint completes rule ids, formats and paths."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner

from stylelint.cli import cli


def _complete(env: dict[str, str]) -> str:
    result = CliRunner().invoke(cli, [], prog_name="stylelint", env=env, catch_exceptions=False)
    assert result.exit_code == 0
    return result.stdout


@pytest.mark.parametrize(
    "shell, marker",
    [
        ("bash", "complete -o nosort -F _stylelint_completion stylelint"),
        ("zsh", "#compdef stylelint"),
        ("fish", "complete --no-files --command stylelint"),
    ],
)
def test_completion_script_generates(shell, marker):
    assert marker in _complete({"_STYLELINT_COMPLETE": f"{shell}_source"})


# The console script installed beside this interpreter (`pip install` puts it there), not whichever
# `stylelint` comes first on PATH, which may belong to another environment.
_SCRIPT = shutil.which("stylelint", path=os.path.dirname(sys.executable))


@pytest.mark.skipif(_SCRIPT is None, reason="console script not installed beside this Python")
def test_installed_console_script_prints_the_bash_script():
    done = subprocess.run(
        [str(_SCRIPT)],
        env={**os.environ, "_STYLELINT_COMPLETE": "bash_source"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0
    assert "_STYLELINT_COMPLETE=bash_complete" in done.stdout


def _bash_complete(words: str) -> list[str]:
    cword = len(words.split()) - (0 if words.endswith(" ") else 1)
    out = _complete({"_STYLELINT_COMPLETE": "bash_complete", "COMP_WORDS": words, "COMP_CWORD": str(cword)})
    return out.splitlines()


def test_completes_commands_rule_ids_lists_and_formats():
    assert "plain,check" in _bash_complete("stylelint ch")
    assert "plain,baseline" in _bash_complete("stylelint ba")
    assert "plain,aspect-ratio" in _bash_complete("stylelint explain asp")
    assert "plain,palette,aspect-ratio" in _bash_complete("stylelint check --select palette,asp")
    assert "plain,json" in _bash_complete("stylelint check --format js")


def test_paths_complete_as_files():
    assert _bash_complete("stylelint check sho") == ["file,sho"]
