"""What is wrong with a look profile written in a spec ({feature: {median, scale, weight}}, as
`stylelint learn` writes it under `look: reference:`): every problem of every feature, each at
its key path below the feature, so that the spec names each one at its own line."""

from __future__ import annotations

import math
from typing import Any, TypeGuard

from stylelint.look import BY_NAME, FEATURE_NAMES
from stylelint.params import Problem, did_you_mean, found_text

ENTRY = "{median: number, scale: number > 0, weight: number ≥ 0}"
ENTRY_KEYS = ("median", "scale", "weight")


def is_number(value: Any) -> TypeGuard[float]:
    """A finite int or float (not a boolean)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def entry_problems(name: str, entry: Any) -> list[Problem]:
    """What is wrong with one feature's entry: an unknown feature, a value that is no mapping,
    unknown or missing keys, numbers that are no numbers or out of range."""
    if name not in BY_NAME:
        return [((), "unknown look feature" + did_you_mean(name, FEATURE_NAMES))]
    if not isinstance(entry, dict):
        return [((), f"expected {ENTRY}, got {found_text(entry)}")]
    problems: list[Problem] = [
        ((str(key),), "unknown key" + did_you_mean(key, ENTRY_KEYS) + f" (keys: {', '.join(ENTRY_KEYS)})")
        for key in entry
        if key not in ENTRY_KEYS
    ]
    problems += [((), f"missing {key}: expected {ENTRY}") for key in ("median", "scale") if key not in entry]
    for key in (k for k in ENTRY_KEYS if k in entry):
        number = entry[key]
        if not is_number(number):
            problems.append(((key,), f"expected a number, got {found_text(number)}"))
        elif key == "scale" and number <= 0:
            problems.append(((key,), f"expected a number > 0, got {number:g}"))
        elif key == "weight" and number < 0:
            problems.append(((key,), f"expected a number ≥ 0, got {number:g}"))
    return problems
