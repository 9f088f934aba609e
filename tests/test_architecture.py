"""Architecture rules that keep the rooms apart (issue 18), read from the source's import statements.

- nothing below the engine imports it: only the layers that run checks (API, CLI, inspect) do;
- a rule imports neither the engine, the CLI, the API, the executors nor inspect, nor another
  rule (what two rules share is a fact, or lives in `colour`, `rule.py` or `structure`);
- no module imports another's private (`_name`) names;
- no module is over MAX_LINES lines: past that, it holds more than one room.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "stylelint"
RULES = ROOT / "rules"

# A module longer than this holds more than one concept (issue 18).
MAX_LINES = 500
# The modules that drive a run and so may import the engine.
# learn measures and checks its references through the engine (issue 12).
ENGINE_USERS = {"stylelint.api", "stylelint.cli", "stylelint.inspect", "stylelint.compare", "stylelint.learn"}
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


ALL = _sources(PACKAGE) + _sources(RULES)


def test_only_the_layers_that_run_checks_import_the_engine():
    exempt = ENGINE_USERS | {"stylelint.engine"}
    offenders = {
        _module_name(p): sorted(n for n in _imports(p) if _under(n, "stylelint.engine"))
        for p in ALL
        if _module_name(p) not in exempt
    }
    assert {m: names for m, names in offenders.items() if names} == {}


def test_rules_import_nothing_above_them():
    offenders = {
        p.name: sorted(n for n in _imports(p) for layer in ABOVE_RULES if _under(n, layer)) for p in _sources(RULES)
    }
    assert {m: names for m, names in offenders.items() if names} == {}


def _private_imports(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("stylelint"):
            found += [
                f"{node.module}.{a.name}" for a in node.names if a.name.startswith("_") and not a.name.endswith("__")
            ]
    return found


def test_no_private_name_is_imported_across_modules():
    offenders = {_module_name(p): _private_imports(p) for p in ALL}
    assert {m: names for m, names in offenders.items() if names} == {}


def test_no_module_is_over_the_line_limit():
    lengths = {_module_name(p): len(p.read_text(encoding="utf-8").splitlines()) for p in ALL}
    assert {m: n for m, n in lengths.items() if n > MAX_LINES} == {}, "split it into modules of one concept each"


def test_the_checks_see_what_they_forbid(tmp_path):
    planted = tmp_path / "planted.py"
    planted.write_text("from stylelint.engine import run\nfrom stylelint.spec import _Doc\nimport stylelint.cli\n")
    assert {"stylelint.engine.run", "stylelint.cli"} <= _imports(planted)
    assert _private_imports(planted) == ["stylelint.spec._Doc"]


def test_importing_the_spec_loads_neither_numpy_nor_pillow():
    # Analysis settings are a spec setting, apart from the decoding code (issue 18), so reading
    # a spec (the CLI, editors' schema, learn's validation) needs no numerical library.
    import json
    import subprocess
    import sys

    probe = "import json, sys, stylelint.spec\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    loaded = {name.split(".")[0] for name in json.loads(out)}
    assert not loaded & {"numpy", "PIL"}
