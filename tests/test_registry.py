"""Registry: entry points found, loaded and checked; a real plugin behaves like a built-in."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib.metadata import EntryPoint

import pytest

from stylelint.errors import RegistryError
from stylelint.registry import RULE_GROUP, available_rules, find, load_rules


def _ep(name: str, value: str) -> EntryPoint:
    return EntryPoint(name=name, value=value, group=RULE_GROUP)


def _error(eps) -> str:
    with pytest.raises(RegistryError) as caught:
        load_rules(eps)
    return str(caught.value)


def test_loads_and_sorts_by_id():
    rules = load_rules(
        [_ep("resolution", "stylelint.rules.resolution:RULE"), _ep("aspect-ratio", "stylelint.rules.aspect_ratio:RULE")]
    )
    assert list(rules) == ["aspect-ratio", "resolution"]


def test_duplicate_ids_name_both_entry_points():
    assert _error(
        [_ep("aspect-ratio", "stylelint.rules.aspect_ratio:RULE"), _ep("aspect-ratio", "other_plugin.rules:RULE")]
    ) == (
        "duplicate rule id 'aspect-ratio': entry point 'aspect-ratio = stylelint.rules.aspect_ratio:RULE' "
        "of an unknown distribution and entry point 'aspect-ratio = other_plugin.rules:RULE' of an unknown "
        "distribution"
    )


def test_import_failure_names_the_entry_point_and_cause():
    assert _error([_ep("ghost", "no_such_module_for_stylelint:RULE")]) == (
        "cannot import entry point 'ghost = no_such_module_for_stylelint:RULE' of an unknown distribution: "
        "ModuleNotFoundError: No module named 'no_such_module_for_stylelint'"
    )


def test_missing_attribute_is_an_import_failure():
    assert _error([_ep("ghost", "stylelint.rules.resolution:NOT_THERE")]).startswith(
        "cannot import entry point 'ghost = stylelint.rules.resolution:NOT_THERE' of an unknown distribution: "
        "AttributeError"
    )


def test_id_mismatch():
    assert _error([_ep("ratio", "stylelint.rules.aspect_ratio:RULE")]) == (
        "entry point 'ratio = stylelint.rules.aspect_ratio:RULE' of an unknown distribution declares rule "
        "id 'aspect-ratio', expected 'ratio'"
    )


def test_non_rule_object():
    assert _error([_ep("path", "os:path")]) == (
        "entry point 'path = os:path' of an unknown distribution is not a stylelint Rule (got module)"
    )


def test_distribution_is_named_for_installed_entry_points():
    # Built-ins are registered exactly as plugins are: their distribution is named.
    installed = {ep.name: ep for ep in find(RULE_GROUP)}
    assert "aspect-ratio" in installed
    dist = installed["aspect-ratio"].dist
    assert dist is not None and dist.name == "stylelint-images"
    assert set(available_rules()) >= {
        "aspect-ratio",
        "color-profile",
        "file-format",
        "metadata",
        "orientation",
        "resolution",
    }


# ---- a real plugin, built and installed into a temporary folder ------------------------------

PLUGIN_RULE = '''\
"""The image is at least as wide as it is tall (a plugin rule).

Measures `wide`: width >= height of the displayed image. Fails when it is not.
"""
from __future__ import annotations

from stylelint.rule import Category, Rule, Verdict, param, params


@params
class Params:
    slack: int = param(0, unit="px", min=0, doc="How many pixels taller than wide still passes.")


def measure(facts, p):
    width, height = facts.size_px
    return {"wide": width + p.slack >= height, "width": width, "height": height}


def judge(measured, p):
    return Verdict(measured["wide"], {"slack": p.slack}, "wide enough" if measured["wide"] else "too tall")


RULE = Rule(id="wide-enough", category=Category.TECHNICAL, version=1, doc=__doc__, params=Params,
            measure=measure, judge=judge, measured_keys=("wide",), example="wide-enough: {slack: 10}")
'''

ENTRY_POINTS = "[stylelint.rules]\nwide-enough = stylelint_wide_plugin:RULE\n"


def _wheel(folder) -> str:
    """A wheel (PEP 427) of the plugin: a zip of the module and its .dist-info.

    Built by hand because the test environment has no `wheel` package (setuptools cannot build
    one); pip then installs it for real, writing the metadata `importlib.metadata` reads.
    """
    import base64
    import hashlib
    import zipfile

    info = "stylelint_wide_plugin-1.0.dist-info"
    files = {
        "stylelint_wide_plugin.py": PLUGIN_RULE,
        f"{info}/METADATA": "Metadata-Version: 2.1\nName: stylelint-wide-plugin\nVersion: 1.0\n",
        f"{info}/WHEEL": "Wheel-Version: 1.0\nGenerator: tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
        f"{info}/entry_points.txt": ENTRY_POINTS,
    }
    record = ""
    for name, text in files.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(text.encode()).digest()).rstrip(b"=").decode()
        record += f"{name},sha256={digest},{len(text.encode())}\n"
    files[f"{info}/RECORD"] = record + f"{info}/RECORD,,\n"
    path = folder / "stylelint_wide_plugin-1.0-py3-none-any.whl"
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return str(path)


# Installing a wheel and three CLI runs take about 2 s: fast enough to run by default.
@pytest.fixture(scope="module")
def plugin_path(tmp_path_factory):
    """The plugin installed by pip into a private --target folder (the dev environment is untouched)."""
    wheel = _wheel(tmp_path_factory.mktemp("plugin_src"))
    target = tmp_path_factory.mktemp("plugin_site")
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", "--target", str(target), wheel],
        check=True,
        capture_output=True,
    )
    return target


def _stylelint(plugin_path, cwd, *args):
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(plugin_path), os.environ.get("PYTHONPATH", "")])}
    return subprocess.run(
        [sys.executable, "-m", "stylelint", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=60
    )


def test_plugin_rule_is_listed_explained_and_run_like_a_built_in(plugin_path, tmp_path, write_image):
    from stylelint import testing

    listed = _stylelint(plugin_path, tmp_path, "rules")
    assert listed.returncode == 0, listed.stderr
    row = next(line for line in listed.stdout.splitlines() if line.startswith("wide-enough"))
    assert row.split()[:2] == ["wide-enough", "technical"]
    assert row.endswith("The image is at least as wide as it is tall (a plugin rule).")

    explained = _stylelint(plugin_path, tmp_path, "explain", "wide-enough")
    assert explained.returncode == 0, explained.stderr
    assert "slack (integer; default 0; unit px; [0, ∞])" in explained.stdout

    (tmp_path / "stylelint.yaml").write_text("version: 1\nrules:\n  wide-enough: {slack: 10}\n  orientation: info\n")
    write_image("tall.png", testing.solid((50, 70), "#808080"))  # 50 + 10 < 70: fails
    write_image("ok.png", testing.solid((60, 70), "#808080"))  # 60 + 10 = 70: passes
    checked = _stylelint(plugin_path, tmp_path, "check", ".", "--format", "json", "--jobs", "2", "--no-cache")
    assert checked.returncode == 1, checked.stderr
    files = {f["path"]: f for f in json.loads(checked.stdout)["files"]}
    assert [r["rule"] for r in files["ok.png"]["results"]] == ["orientation", "wide-enough"]
    plugin_result = files["tall.png"]["results"][1]
    assert plugin_result == {
        "rule": "wide-enough",
        "severity": "error",
        "passed": False,
        "message": "too tall",
        "measured": {"wide": False, "width": 50, "height": 70},
        "expected": {"slack": 10},
        "suppressed": False,
    }
    assert files["ok.png"]["status"] == "pass"

    (tmp_path / "bad.yaml").write_text("version: 1\nrules:\n  wide-enuf: error\n")
    typo = _stylelint(plugin_path, tmp_path, "check", ".", "--spec", "bad.yaml")
    assert typo.returncode == 2
    assert "bad.yaml:3:3: rules › wide-enuf: unknown rule; did you mean 'wide-enough'?" in typo.stderr


def test_a_plugin_that_calls_sys_exit_on_import_is_a_failed_load(tmp_path, monkeypatch):
    """sys.exit raises SystemExit, not an Exception: it must not end `check` silently with 0."""
    (tmp_path / "exiting_plugin.py").write_text("import sys\nsys.exit(0)\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    message = _error([_ep("exiting", "exiting_plugin:RULE")])
    assert "cannot import entry point 'exiting = exiting_plugin:RULE'" in message
    assert "called sys.exit(0)" in message
