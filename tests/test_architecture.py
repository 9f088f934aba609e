"""Architecture rules that keep the rooms apart (issue 18), read from the source's import statements.

- nothing below the engine imports it: only the layers that run checks (API, CLI, inspect) do;
- a rule imports neither the engine, the CLI, the API, the executors nor inspect/learn.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "stylelint"
RULES = ROOT / "rules"

# The modules that drive a run and so may import the engine.
ENGINE_USERS = {"stylelint.api", "stylelint.cli", "stylelint.inspect"}
# What a rule must never import: the layers above the rules.
ABOVE_RULES = ("stylelint.engine", "stylelint.cli", "stylelint.api", "stylelint.executors", "stylelint.inspect")


def _module_name(path: Path) -> str:
    if path.is_relative_to(RULES):
        return "stylelint.rules." + path.relative_to(RULES).with_suffix("").as_posix().replace("/", ".")
    return path.relative_to(ROOT).with_suffix("").as_posix().replace("/", ".")


def _imports(path: Path) -> set[str]:
    """Every module `path` imports (absolute names; `from a import b` gives both a and a.b)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path.name}: relative import"  # the code base imports absolutely
            module = node.module or ""
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def _sources(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.py") if "__pycache__" not in p.parts)


def _under(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


@pytest.mark.parametrize("path", _sources(PACKAGE) + _sources(RULES), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_only_the_layers_that_run_checks_import_the_engine(path):
    if _module_name(path) in ENGINE_USERS | {"stylelint.engine"}:
        return
    assert not {n for n in _imports(path) if _under(n, "stylelint.engine")}


@pytest.mark.parametrize("path", _sources(RULES), ids=lambda p: p.name)
def test_rules_import_nothing_above_them(path):
    above = {n for n in _imports(path) for layer in ABOVE_RULES if _under(n, layer)}
    assert not above, f"{path.name} imports {sorted(above)}"
