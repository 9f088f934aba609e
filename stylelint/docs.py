"""Documentation derived from the registry: `explain`, the README rule table, the starter spec."""

from __future__ import annotations

from collections.abc import Mapping

from stylelint.params import ParamInfo, plain
from stylelint.rule import Rule


def _default_text(info: ParamInfo) -> str:
    if info.required:
        return "required"
    if info.default is None or info.default == ():
        return "none"
    value = plain(info.default)
    return ", ".join(map(str, value)) if isinstance(value, list) else str(value)


def _range_text(info: ParamInfo) -> str:
    if info.choices:
        return "one of " + ", ".join(info.choices)
    if info.min is None and info.max is None:
        return ""
    lo = "-∞" if info.min is None else f"{info.min:g}"
    hi = "∞" if info.max is None else f"{info.max:g}"
    return f"[{lo}, {hi}]"


def param_line(info: ParamInfo) -> str:
    """One parameter: name, type, default, unit and range, then its doc."""
    facts = [info.kind.name, f"default {_default_text(info)}"]
    facts += [f for f in (info.unit and f"unit {info.unit}", _range_text(info)) if f]
    return f"  {info.name} ({'; '.join(facts)})\n      {info.doc}"


def explain_rule(rule: Rule) -> str:
    """The `stylelint explain RULE` text."""
    parts = [f"{rule.id}  [{rule.category.value}, version {rule.version}]", "", rule.doc.strip(), ""]
    infos = rule.param_infos()
    parts.append("Parameters:" if infos else "Parameters: none")
    parts += [param_line(info) for info in infos]
    parts += ["  severity (error, warning, info or off; default error)", ""]
    if rule.measured_keys:
        parts += [f"Measured: {', '.join(rule.measured_keys)}", ""]
    if rule.example:
        parts += ["Example (in stylelint.yaml under rules:):", f"  {rule.example}"]
    return "\n".join(parts).rstrip() + "\n"


def rule_table(rules: Mapping[str, Rule]) -> str:
    """The README's rule table, in Markdown, generated from the registry."""
    lines = ["| id | category | checks | parameters |", "|---|---|---|---|"]
    for rule in rules.values():
        names = ", ".join(f"`{i.name}`" for i in rule.param_infos()) or "—"
        lines.append(f"| `{rule.id}` | {rule.category.value} | {rule.summary} | {names} |")
    return "\n".join(lines) + "\n"


STARTER_SPEC = """\
# stylelint.yaml: the visual language of this project, checked by `stylelint check`.
# `stylelint rules` lists every rule; `stylelint explain RULE` documents one.
version: 1
name: My brand
extends: [recommended]          # built-in presets or paths of other specs; later ones win

palette:                        # named brand colours; quote hex codes ("#" starts a comment)
  ink: "#1A1A1A"
  paper: "#F5F1E8"

analysis:
  max_side: 1024                # long edge (px) of the working copy used for colour/composition

rules:                          # a severity (error, warning, info, off) or a mapping of parameters
  aspect-ratio: {severity: warning, allowed: ["4:5", "1:1", "3:2", "2:3"]}
  resolution: {min_long_edge: 1600}

overrides:                      # later entries win; globs are relative to this file's folder
  - files: ["social/**"]
    rules:
      aspect-ratio: {allowed: ["1:1", "9:16"]}

ignore: ["**/_rejects/**"]
"""


def starter_spec() -> str:
    """The commented spec that `stylelint init` writes."""
    return STARTER_SPEC


README_START, README_END = "<!-- rules:start -->", "<!-- rules:end -->"


def with_rule_table(readme: str, rules: Mapping[str, Rule]) -> str:
    """The README text with the generated rule table between its markers."""
    head, rest = readme.split(README_START, 1)
    _, tail = rest.split(README_END, 1)
    return f"{head}{README_START}\n{rule_table(rules)}{README_END}{tail}"


def main(argv: list[str] | None = None) -> None:
    """`python -m stylelint.docs README.md`: refresh the README's rule table in place."""
    import sys
    from pathlib import Path

    from stylelint.registry import available_rules

    path = Path((argv or sys.argv[1:] or ["README.md"])[0])
    path.write_text(with_rule_table(path.read_text("utf-8"), available_rules()), "utf-8")


if __name__ == "__main__":
    main()
