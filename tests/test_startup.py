"""Start-up stays light (issue 14): the CLI imports no numerical library until a command needs
one, and `check` imports only the rules its spec enables and the reporter asked for.

Each case runs in a fresh interpreter, because this test process has long imported everything.
"""

from __future__ import annotations

import json
import subprocess
import sys
from importlib.metadata import EntryPoint

import pytest

from stylelint import testing
from stylelint.errors import RegistryError
from stylelint.registry import RULE_GROUP, Lazy, _check_rule

HEAVY = ("numpy", "PIL", "skimage", "scipy", "rich", "pywt", "fsspec", "dask")


def _modules_after(code: str, cwd=None) -> set[str]:
    """The names in sys.modules after running `code` in a fresh interpreter."""
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=cwd)
    return set(json.loads(out.stdout.splitlines()[-1]))


def _top_level(modules: set[str]) -> set[str]:
    return {name.split(".")[0] for name in modules}


def test_importing_the_cli_loads_no_numerical_library():
    loaded = _modules_after("import stylelint.cli")
    assert _top_level(loaded).isdisjoint(HEAVY), sorted(_top_level(loaded) & set(HEAVY))
    assert not any(name.startswith("stylelint.rules.") for name in loaded)


def test_help_loads_no_numerical_library():
    loaded = _modules_after(
        "from click.testing import CliRunner\nfrom stylelint.cli import cli\n"
        "assert CliRunner().invoke(cli, ['--help']).exit_code == 0"
    )
    assert _top_level(loaded).isdisjoint(HEAVY)


def _modules_after_check(tmp_path, write_image, allowed: str, options: str, expected: str) -> set[str]:
    """The modules a fresh interpreter has loaded after `stylelint check a.png OPTIONS` (a 40 × 30
    image, orientation allowing `allowed`), which must give `expected` (a Python condition on
    `result`), with neither FORCE_COLOR nor TTY_COMPATIBLE set."""
    write_image("a.png", testing.solid((40, 30), "#808080"))
    (tmp_path / "stylelint.yaml").write_text(f"version: 1\nrules:\n  orientation: {{allowed: [{allowed}]}}\n")
    return _modules_after(
        "import os\nos.environ.pop('FORCE_COLOR', None); os.environ.pop('TTY_COMPATIBLE', None)\n"
        "from click.testing import CliRunner\nfrom stylelint.cli import cli\n"
        f"result = CliRunner().invoke(cli, ['check', 'a.png', {options}, '--jobs', '1', '--no-cache'])\n"
        f"assert {expected}, result.output",
        cwd=tmp_path,
    )


def test_check_imports_only_the_enabled_rules_and_the_chosen_reporter(tmp_path, write_image):
    loaded = _modules_after_check(tmp_path, write_image, "landscape", "'--format', 'json'", "result.exit_code == 0")
    rules = {name for name in loaded if name.startswith("stylelint.rules.")}
    reporters = {name for name in loaded if name.startswith("stylelint.reporters.")}
    assert rules == {"stylelint.rules.orientation"}
    assert reporters == {"stylelint.reporters.json_reporter"}
    assert "rich" not in _top_level(loaded) and "skimage" not in _top_level(loaded)
    # One file needs no worker pool: multiprocessing costs ~30 ms of CPU to import (issue 14).
    assert "multiprocessing" not in _top_level(loaded) and "concurrent.futures.process" not in loaded
    # The entry points are read without importlib.metadata (email, zipfile, csv: ~20 ms of CPU).
    assert "importlib.metadata" not in loaded and "email" not in _top_level(loaded)


def test_a_text_report_to_a_pipe_does_not_import_rich(tmp_path, write_image):
    # The default text report, written where rich would not colour it (a pre-commit hook's pipe):
    # plain text without rich's import, about 30 ms of a one-file check (issue 14).
    expected = "result.exit_code == 1 and 'FAIL   a.png' in result.output"
    loaded = _modules_after_check(tmp_path, write_image, "portrait", "'--format', 'text'", expected)
    assert "stylelint.reporters.text" in loaded and "rich" not in _top_level(loaded)


def _ep(name: str, value: str) -> EntryPoint:
    return EntryPoint(name=name, value=value, group=RULE_GROUP)


def test_lazy_registry_knows_names_without_importing_and_fails_on_use():
    rules = Lazy(
        [_ep("ghost", "no_such_module_for_stylelint:RULE"), _ep("aspect-ratio", "stylelint.rules.aspect_ratio:RULE")],
        _check_rule,
        "rule id",
    )
    assert list(rules) == ["aspect-ratio", "ghost"] and "ghost" in rules and len(rules) == 2
    assert rules["aspect-ratio"].id == "aspect-ratio"
    with pytest.raises(RegistryError, match="cannot import entry point 'ghost"):
        rules["ghost"]


def test_lazy_registry_refuses_duplicate_names_at_once():
    eps = [_ep("aspect-ratio", "stylelint.rules.aspect_ratio:RULE"), _ep("aspect-ratio", "other:RULE")]
    with pytest.raises(RegistryError, match="duplicate rule id 'aspect-ratio'"):
        Lazy(eps, _check_rule, "rule id")
