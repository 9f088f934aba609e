"""The JSON Schema of stylelint.yaml, generated from the registry (`stylelint schema`).

Editors use it for completion, hover docs and checking as you type, e.g. through the YAML
language server's modeline `# yaml-language-server: $schema=stylelint.schema.json`. It is JSON
Schema draft-07, the newest draft the YAML language server fully supports. It is a typing aid:
`stylelint check` remains the judge (palette names, ranges between parameters, required
parameters, which a preset or an override may supply, are checked there).

Each installed rule is a property of `rules` accepting a severity or a mapping of its
parameters. A parameter's schema comes from its kind; a plugin kind may add a
`json_schema(info) -> dict` method, else its values are not typed here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from stylelint.analysis import ANALYSIS_BOUNDS
from stylelint.params import ParamInfo, plain
from stylelint.rule import Rule
from stylelint.spec import SEVERITIES, SPEC_VERSION, preset_names

DRAFT = "http://json-schema.org/draft-07/schema#"
_HEX_PATTERN = "^#[0-9A-Fa-f]{6}$"
# Mirrors params._RATIO: "W:H", two decimal numbers (their being positive is checked by stylelint).
_RATIO_PATTERN = r"^\s*\d+(\.\d+)?\s*:\s*\d+(\.\d+)?\s*$"
_ANALYSIS_DOCS = {
    "max_side": "Long edge, in px, of the working copy used for colour and composition analysis.",
    "max_pixels": "Larger images are refused as a per-file error (decompression-bomb guard).",
    "max_seconds": "Time limit, in seconds, for analysing one image.",
}
_SEVERITY_DOC = "error, warning, info (never fails a run) or off."


def spec_schema(rules: Mapping[str, Rule]) -> dict[str, Any]:
    """The JSON Schema (draft-07) of a stylelint.yaml under these installed rules."""
    return {
        "$schema": DRAFT,
        "title": "stylelint.yaml",
        "description": "A visual-language spec checked by `stylelint check` (stylelint-images).",
        "type": "object",
        "additionalProperties": False,
        "properties": _top_level(),
        "definitions": {
            "severity": {"description": _SEVERITY_DOC, "enum": list(SEVERITIES)},
            "rules": {
                "description": "Rule id: a severity, or a mapping of parameters (and `severity`).",
                "type": "object",
                "additionalProperties": False,
                "properties": {rule_id: rule_schema(rule) for rule_id, rule in rules.items()},
            },
        },
    }


def _top_level() -> dict[str, Any]:
    texts = {"type": "array", "items": {"type": "string", "minLength": 1}}
    return {
        "version": {"description": "Spec format version.", "const": SPEC_VERSION},
        "name": {"description": "The spec's name, shown in reports.", "type": "string"},
        "extends": {
            **texts,
            "description": "Built-in presets or paths of other specs; later ones win.",
            "items": {"anyOf": [{"enum": list(preset_names())}, {"type": "string", "minLength": 1}]},
        },
        "palette": {
            "description": "Named brand colours, sRGB hex (quote them: # starts a YAML comment).",
            "type": "object",
            "additionalProperties": {"type": "string", "pattern": _HEX_PATTERN},
        },
        "analysis": {
            "description": "How images are analysed.",
            "type": "object",
            "additionalProperties": False,
            "properties": {
                key: {"description": _ANALYSIS_DOCS.get(key, ""), "type": "integer", "minimum": low, "maximum": high}
                for key, (low, high) in ANALYSIS_BOUNDS.items()
            },
        },
        "rules": {"$ref": "#/definitions/rules"},
        "overrides": {
            "description": "Per-folder rule changes; later entries win.",
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["files", "rules"],
                "properties": {
                    "files": {**texts, "minItems": 1, "description": "Globs relative to the spec's folder."},
                    "rules": {"$ref": "#/definitions/rules"},
                },
            },
        },
        "ignore": {**texts, "description": "Globs of files never checked."},
    }


def rule_schema(rule: Rule) -> dict[str, Any]:
    """One rule's entry: a severity, or a mapping of `severity` and its parameters."""
    properties: dict[str, Any] = {"severity": {"$ref": "#/definitions/severity"}}
    properties.update({info.name: param_schema(info) for info in rule.param_infos()})
    mapping = {"type": "object", "additionalProperties": False, "properties": properties}
    return {
        "description": f"{rule.summary} More: `stylelint explain {rule.id}`.",
        "anyOf": [{"$ref": "#/definitions/severity"}, mapping],
    }


def param_schema(info: ParamInfo) -> dict[str, Any]:
    """A parameter's schema: type from its kind, choices, bounds, doc, unit and default."""
    schema = {"description": _describe(info), **_kind_schema(info.kind, info)}
    default = _default(info)
    if default is not None:
        schema["default"] = default
    return schema


def _describe(info: ParamInfo) -> str:
    notes = [f"unit: {info.unit}"] if info.unit else []
    notes += ["required"] if info.required else []
    return info.doc + (f" ({'; '.join(notes)})" if notes else "")


def _default(info: ParamInfo) -> Any:
    """The default as JSON; none for required or unset ones, nor for a colour list whose empty
    default means "the whole palette" (writing [] would mean no colours)."""
    if info.required or info.default is None:
        return None
    if info.default == () and getattr(getattr(info.kind, "item", None), "name", "") == "colour":
        return None
    return plain(info.default)


def _kind_schema(kind: Any, info: ParamInfo) -> dict[str, Any]:
    if callable(getattr(kind, "json_schema", None)):
        return dict(kind.json_schema(info))
    item = getattr(kind, "item", None)
    if item is not None:
        return {"type": "array", "items": _kind_schema(item, info)}
    build = _KIND_SCHEMAS.get(getattr(kind, "name", ""))
    return build(info) if build else {}


def _bounded(json_type: str) -> Callable[[ParamInfo], dict[str, Any]]:
    def schema(info: ParamInfo) -> dict[str, Any]:
        bounds = {"minimum": info.min, "maximum": info.max}
        return {"type": json_type, **{k: v for k, v in bounds.items() if v is not None}}

    return schema


def _string(info: ParamInfo) -> dict[str, Any]:
    return {"enum": list(info.choices)} if info.choices else {"type": "string", "minLength": 1}


_KIND_SCHEMAS: dict[str, Callable[[ParamInfo], dict[str, Any]]] = {
    "number": _bounded("number"),
    "integer": _bounded("integer"),
    "boolean": lambda info: {"type": "boolean"},
    "string": _string,
    # A palette name or "#RRGGBB"; palette names are only known to the spec, so any text.
    "colour": lambda info: {"type": "string", "minLength": 1},
    "ratio": lambda info: {"type": "string", "pattern": _RATIO_PATTERN},
    "region": lambda info: {
        "type": "array",
        "minItems": 4,
        "maxItems": 4,
        "items": {"type": "number", "minimum": 0, "maximum": 1},
    },
}
