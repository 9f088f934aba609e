"""What is wrong with a profile written in a spec, {feature: {key: number, …}} (`look`'s
learned reference {median, scale, weight}, `consistency`'s inline one {median, mad}): every
problem of every feature, each at its key path below the feature, so that the spec names each
one at its own line."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from stylelint.params import ParamValueError, Problem, did_you_mean, found_text, is_number

# A key's least value: (bound, whether the bound itself is allowed); None: any number.
Least = tuple[float, bool] | None


def checked_profile(
    value: Mapping[str, Any],
    *,
    kind: str,
    features: Sequence[str],
    keys: Mapping[str, Least],
    required: Sequence[str],
    more: Callable[[str, Mapping[str, float]], list[Problem]] = lambda name, entry: [],
) -> dict[str, dict[str, float]]:
    """{feature: {key: number}} of `value` once every entry is valid (`entry_problems`, then
    `more` on an entry that passed them); else raises ParamValueError with every problem, each at
    its key path below the profile."""
    problems: list[Problem] = []
    for name, entry in value.items():
        found = entry_problems(str(name), entry, kind=kind, features=features, keys=keys, required=required)
        found = found or more(str(name), entry)
        problems += [((str(name), *path), message) for path, message in found]
    if problems:
        raise ParamValueError("; ".join(" › ".join(path) + ": " + message for path, message in problems), problems)
    return {str(name): {key: float(number) for key, number in entry.items()} for name, entry in value.items()}


def shape(keys: Mapping[str, Least]) -> str:
    """ "{median: number, scale: number > 0, …}" for the error messages."""
    return "{" + ", ".join(f"{key}: number{_least_text(least)}" for key, least in keys.items()) + "}"


def _least_text(least: Least) -> str:
    return "" if least is None else f" {'≥' if least[1] else '>'} {least[0]:g}"


def entry_problems(
    name: str, entry: Any, *, kind: str, features: Sequence[str], keys: Mapping[str, Least], required: Sequence[str]
) -> list[Problem]:
    """What is wrong with one feature's entry: an unknown `kind` of feature, a value that is no
    mapping, unknown or missing keys, numbers that are no numbers or below their least."""
    if name not in features:
        return [((), f"unknown {kind}" + (did_you_mean(name, features) or f" ({kind}s: {', '.join(features)})"))]
    if not isinstance(entry, dict):
        return [((), f"expected {shape(keys)}, got {found_text(entry)}")]
    problems: list[Problem] = [
        ((str(key),), "unknown key" + did_you_mean(key, keys) + f" (keys: {', '.join(keys)})")
        for key in entry
        if key not in keys
    ]
    problems += [((), f"missing {key}: expected {shape(keys)}") for key in required if key not in entry]
    for key in (k for k in keys if k in entry):
        number, least = entry[key], keys[key]
        if not is_number(number):
            problems.append(((key,), f"expected a number, got {found_text(number)}"))
        elif least is not None and (number < least[0] or number == least[0] and not least[1]):
            problems.append(((key,), f"expected a number{_least_text(least)}, got {number:g}"))
    return problems
