"""Shell completion of rule ids and report formats (click's `shell_complete` callbacks).

Completion itself is click's: `_STYLELINT_COMPLETE=bash_source stylelint` prints the script
(also zsh_source, fish_source). These callbacks add the values only stylelint knows: installed
rule ids (`explain RULE`, `--select`, `--ignore`, completing the last id of a comma list) and
report formats (`--format`). They never raise: a broken plugin must not break the shell.
"""

from __future__ import annotations

import logging
from typing import Any

from click.shell_completion import CompletionItem

log = logging.getLogger(__name__)


def _names(group: str) -> list[str]:
    from stylelint.registry import available_reporters, available_rules

    try:
        return sorted(available_rules() if group == "rules" else available_reporters())
    except Exception:
        log.debug("completion could not load %s", group, exc_info=True)
        return []


def rule_ids(ctx: Any, param: Any, incomplete: str) -> list[CompletionItem]:
    """Installed rule ids after the last comma of `incomplete` ("palette,con" → "palette,contrast")."""
    head, _, last = incomplete.rpartition(",")
    prefix = f"{head}," if head else ""
    return [CompletionItem(prefix + rule_id) for rule_id in _names("rules") if rule_id.startswith(last)]


def formats(ctx: Any, param: Any, incomplete: str) -> list[CompletionItem]:
    """Installed report formats starting with `incomplete`."""
    return [CompletionItem(name) for name in _names("reporters") if name.startswith(incomplete)]
