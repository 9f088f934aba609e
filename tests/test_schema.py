"""The generated JSON Schema: a valid draft-07 schema that accepts the shipped specs and rejects
wrong ones (checked with the jsonschema package, as an editor would)."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest
from click.testing import CliRunner

from stylelint.cli import cli
from stylelint.docs import starter_spec
from stylelint.params import plain
from stylelint.registry import available_rules
from stylelint.schema import spec_schema
from stylelint.yamlpos import load

jsonschema = pytest.importorskip("jsonschema")

ROOT = Path(__file__).resolve().parents[1]

# CONTRACT.md §2's example spec.
CONTRACT_SPEC = """\
version: 1
name: Acme Autumn 2026
extends: [recommended]
palette:
  brand-red: "#C8102E"
  ink: "#1A1A1A"
  paper: "#F5F1E8"
analysis:
  max_side: 1024
  max_pixels: 200000000
rules:
  palette: {max_delta_e: 10, min_coverage: 0.5}
  aspect-ratio: {severity: warning, allowed: ["4:5", "1:1"]}
  horizon: warning
  noise: off
overrides:
  - files: ["social/**"]
    rules:
      aspect-ratio: {allowed: ["1:1", "9:16"]}
ignore: ["**/_rejects/**"]
"""


@pytest.fixture(scope="module")
def validator():
    schema = spec_schema(available_rules())
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def _errors(validator, text: str) -> list[str]:
    # stylelint's own YAML loader: `off` stays a string, as in YAML 1.2 (the language server's).
    return [error.message for error in validator.iter_errors(load(text).data)]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(starter_spec(), id="starter"),
        pytest.param((ROOT / "examples" / "stylelint.yaml").read_text("utf-8"), id="example"),
        pytest.param(
            resources.files("stylelint.presets").joinpath("recommended.yaml").read_text("utf-8"), id="recommended"
        ),
        pytest.param(CONTRACT_SPEC, id="contract"),
    ],
)
def test_shipped_specs_validate(validator, text):
    missing = set(load(text).data.get("rules") or {}) - set(available_rules())
    if missing:
        pytest.skip(f"rules not installed yet: {', '.join(sorted(missing))}")
    assert _errors(validator, text) == []


@pytest.mark.parametrize(
    "text, found",
    [
        ("version: 2\n", "1 was expected"),
        ("rulez: {}\n", "'rulez' was unexpected"),
        ("palette: {ink: '1A1A1A'}\n", "does not match"),
        ("rules: {forbiden-colors: error}\n", "'forbiden-colors' was unexpected"),
        ("rules: {horizon: fatal}\n", "is not valid under any of the given schemas"),
        ("rules: {contrast: {min: high}}\n", "is not valid under any of the given schemas"),
        ("rules: {aspect-ratio: {allowed: [4]}}\n", "is not valid under any of the given schemas"),
        ("analysis: {max_side: 8}\n", "8 is less than the minimum of 16"),
        ("overrides: [{files: [a/**]}]\n", "'rules' is a required property"),
    ],
)
def test_wrong_specs_are_rejected(validator, text, found):
    errors = _errors(validator, text)
    assert any(found in message for message in errors), errors


def test_every_rule_default_validates(validator):
    rules = {}
    for rule_id, rule in available_rules().items():
        defaults = {
            i.name: plain(i.default) for i in rule.param_infos() if i.default not in (None, ()) and not i.required
        }
        rules[rule_id] = {"severity": "warning", **defaults}
    assert list(validator.iter_errors({"rules": rules})) == []


def test_rule_property_carries_choices_bounds_and_docs():
    rules = spec_schema(available_rules())["definitions"]["rules"]["properties"]
    mapping = rules["orientation"]["anyOf"][1]["properties"]
    assert mapping["allowed"]["items"] == {"enum": ["portrait", "landscape", "square"]}
    tolerance = rules["aspect-ratio"]["anyOf"][1]["properties"]["tolerance"]
    assert (tolerance["minimum"], tolerance["maximum"], tolerance["default"]) == (0, 1, 0.01)
    assert tolerance["description"]


def test_schema_command_prints_the_schema():
    result = CliRunner().invoke(cli, ["schema"], catch_exceptions=False)
    assert result.exit_code == 0
    assert json.loads(result.stdout) == spec_schema(available_rules())
