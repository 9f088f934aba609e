"""Partial file lists: when `check` is given only files, set rules are skipped, and said so.

Set rules (`consistency`, `duplicates`) judge each image against the whole set. pre-commit,
editors and scripts that pass the changed files only would make them compare two or three
images with each other, which gives confident but meaningless verdicts. So when every PATH given
to `check` is a file (no folder), the set rules the spec configures are skipped and a notice on
stderr names them. `--as-set` runs them anyway, treating the named files as the whole set. A
folder among the PATHs means the set is known, and set rules run as usual.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from stylelint.rule import Rule
from stylelint.sources import is_folder
from stylelint.spec import Spec


def only_files(paths: Sequence[str]) -> bool:
    """True when PATHs were given and none of them is a folder (the default `.` is one)."""
    return bool(paths) and not any(is_folder(p) for p in paths)


def configured_set_rules(spec: Spec, catalogue: Mapping[str, Rule]) -> frozenset[str]:
    """Ids of the set rules that the spec turns on and that judge against the checked set, at top
    level or in an override (a rule judged against a fixed reference needs no set)."""
    ids = {i for i, config in spec.rules.items() if _uses_set(config.rule, config.params)}
    ids |= {rule_id for override in spec.overrides for rule_id in override.rules}
    return frozenset(i for i in ids if i in catalogue and catalogue[i].is_set_rule)


def _uses_set(rule: Rule, params: object) -> bool:
    return rule.uses_set is None or rule.uses_set(params)


def skipped_set_rules(
    paths: Sequence[str], spec: Spec, catalogue: Mapping[str, Rule], *, as_set: bool = False
) -> frozenset[str]:
    """The set rules to skip for this PATH list: all configured ones when only files are named."""
    if as_set or not only_files(paths):
        return frozenset()
    return configured_set_rules(spec, catalogue)


def skipped_notice(skipped: frozenset[str]) -> str:
    """The one-line notice that names the skipped set rules and how to run them."""
    names = ", ".join(sorted(skipped))
    return (
        f"set rules skipped ({names}): only files were named, not the whole set; check a folder, "
        "or pass --as-set to judge the named files as the set"
    )
