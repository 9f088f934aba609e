"""The rule API: Rule, Category, Verdict, parameter helpers and the shared range judge.

A rule is metadata plus two pure functions: ``measure(facts, params) -> dict`` (numbers from an
image, no thresholds) and ``judge(measured, params) -> Verdict``. Set rules add
``compare(records, params) -> list[dict]``: given every image's measured record, in file
order, it returns each image's final ``measured`` mapping, which ``judge`` then reads. Each
record handed to ``compare`` also carries the image's display path under ``RECORD_PATH``, so a
set rule can name another file (``duplicates``' ``duplicate_of``) without holding its pixels.

**Learning** (`stylelint learn`). A rule that can be learned from approved reference images
adds ``suggest(references: References) -> Suggestion | None``:

- it receives `References`: ``measured``, this rule's measurement of every readable reference
  (what ``measure`` returns under the rule's default parameters, the spec's palette empty), in
  path order, a reference the rule could not measure left out; ``count``, how many references
  were read; ``values(key)``, the numbers under one measured key; and
  ``remeasure(params, palette)``, which measures every reference again under other parameters
  (raw YAML values; `palette` a spec palette {name: "#RRGGBB"}) through the engine and its
  cache, for a rule whose measurement depends on what it learned (`palette`);
- it returns a `Suggestion`: ``params`` ({parameter: YAML value}; empty leaves the rule out),
  ``evidence`` ({parameter: what the value was learned from}, written as a comment beside it;
  "param.key" for a key of a mapping value), ``note`` (a comment on the rule as a whole: why it
  was written or left out), ``palette`` ({name: "#RRGGBB"} swatches for the spec's top-level
  palette) and ``warnings`` (what the user should know about the references); or None to leave
  the rule out without a word.

`learn` names no rule: it measures the references with every rule that has a hook, asks each
hook, writes what they return, and checks that the written spec passes every reference (a rule
that would fail one is left out, with a comment saying so). Range rules use `suggest_range`
and `suggest_ceiling` below, beside `judge_range`.
"""

from __future__ import annotations

import enum
import importlib.util
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from stylelint.params import Colour, ParamInfo, Ratio, Region, describe, param, params
from stylelint.suggesting import (
    SHARE_OFF,
    NotLearned,
    RangeHook,
    References,
    Remeasure,
    ScaledLimitHook,
    Suggest,
    Suggestion,
    left_out,
    suggest_ceiling,
    suggest_range,
    tally,
)

__all__ = [
    "Category",
    "Colour",
    "RECORD_PATH",
    "SHARE_OFF",
    "RangeHook",
    "Ratio",
    "References",
    "Remeasure",
    "Region",
    "Requirement",
    "Rule",
    "NotLearned",
    "ScaledLimitHook",
    "Suggestion",
    "Verdict",
    "describe",
    "judge_range",
    "left_out",
    "param",
    "params",
    "require_bound",
    "require_min_or_max",
    "suggest_ceiling",
    "suggest_range",
    "tally",
]

# Reserved key of the records a set rule's `compare` receives: the file's path as reported.
RECORD_PATH = "_path"


class Category(enum.Enum):
    """What part of a visual language a rule checks (shown by `stylelint rules`)."""

    COLOUR = "colour"
    TONE = "tone"
    COMPOSITION = "composition"
    QUALITY = "quality"
    TECHNICAL = "technical"
    SET = "set"


@dataclass(frozen=True)
class Verdict:
    """A rule's judgement of one image: passed or not, what was expected, and why."""

    passed: bool
    expected: dict[str, Any]
    message: str


Measure = Callable[[Any, Any], dict[str, Any]]
Judge = Callable[[Mapping[str, Any], Any], Verdict]
Compare = Callable[[Sequence[Mapping[str, Any]], Any], list[dict[str, Any]]]
Constraint = Callable[[Any], "str | None"]


@dataclass(frozen=True)
class Rule:
    """A rule: identity, docs, declared parameters and its pure functions."""

    id: str
    category: Category
    version: int
    doc: str
    params: type
    measure: Measure
    judge: Judge
    measured_keys: tuple[str, ...] = ()
    constraints: tuple[Constraint, ...] = ()
    compare: Compare | None = None
    suggest: Suggest | None = None
    """For `stylelint learn`: the parameters the references support (see the module docs)."""
    example: str = ""
    measured_with: tuple[str, ...] | None = ()
    """Names of the parameters `measure` reads (default: none; None: all). Only these key the
    result cache, so a spec change that moves a threshold re-judges without re-measuring. The
    catalogue test checks, for every rule, that `measure` reads no other parameter."""
    uses_set: Callable[[Any], bool] | None = None
    """For a set rule: whether, with these parameters, it judges against the checked set (None:
    always). A rule judged against a fixed reference does not, so it runs on a partial file list."""
    requires: tuple[Requirement, ...] = ()
    """Optional packages `measure` needs (`provenance`: c2pa-python); see `missing`."""
    reads_facts: tuple[tuple[str, int], ...] = ()
    """The versioned shared summaries `measure` reads (`facts.fact_versions(...)`): they key the
    result cache too, so a changed definition re-measures every rule that reads it."""

    @property
    def summary(self) -> str:
        """The one-line summary: the first line of the docs (`stylelint rules`, SARIF, schema)."""
        return self.doc.strip().splitlines()[0]

    @property
    def is_set_rule(self) -> bool:
        """Set rules judge each image against the whole set in a second phase."""
        return self.compare is not None

    def param_infos(self) -> list[ParamInfo]:
        """The declared parameters, in order."""
        return describe(self.params)

    def missing(self) -> str | None:
        """Why this rule cannot run here (an optional package it needs is not installed), or None.

        Imports nothing: a spec that enables the rule is refused before any image is read.
        """
        absent = [r for r in self.requires if r.missing()]
        if not absent:
            return None
        needs = "; ".join(f"{r.package} ({r.install})" for r in absent)
        return f"rule '{self.id}' needs an optional package that is not installed: {needs}"


@dataclass(frozen=True)
class Requirement:
    """An optional package a rule needs: its import name, its distribution and how to install it."""

    module: str
    package: str
    install: str

    def missing(self) -> bool:
        """True when `module` cannot be imported here (looked up without importing it)."""
        try:
            return importlib.util.find_spec(self.module) is None
        except (ImportError, ValueError):  # a broken or half-imported installation
            return True


def require_min_or_max(p: Any) -> str | None:
    """Constraint of range rules: `min` and/or `max` is required, and min ≤ max."""
    return require_bound("min", "max")(p)


def require_bound(low: str, high: str) -> Constraint:
    """Constraint like `require_min_or_max` for bounds named otherwise (`min_kelvin`, …)."""
    return _BoundCheck(low, high)


@dataclass(frozen=True)
class _BoundCheck:
    """`require_bound`'s check: a picklable object, not a closure, because rules (with their
    constraints) travel to `--jobs` worker processes."""

    low: str
    high: str

    def __call__(self, p: Any) -> str | None:
        lo, hi = getattr(p, self.low), getattr(p, self.high)
        if lo is None and hi is None:
            return f"expected '{self.low}' and/or '{self.high}'; a range rule needs at least one bound"
        if lo is not None and hi is not None and lo > hi:
            return f"'{self.low}' ({lo:g}) is greater than '{self.high}' ({hi:g})"
        return None


def judge_range(
    value: float | None,
    p: Any,
    *,
    what: str,
    fmt: str = "{:.3g}",
    unit: str = "",
    names: tuple[str, str] = ("min", "max"),
) -> Verdict:
    """Judge `value` against inclusive bounds `p.min` / `p.max` (either may be None).

    A value exactly on a bound passes. `what` names the quantity in the message; `names`
    gives the bound parameters' names when they are not `min` and `max`.
    """
    expected = {k: getattr(p, k) for k in names if getattr(p, k) is not None}
    low, high = (getattr(p, k) for k in names)
    suffix = f" {unit}" if unit else ""
    if value is None:
        return Verdict(passed=True, expected=expected, message=f"{what} could not be measured")
    shown = fmt.format(value) + suffix
    if low is not None and value < low:
        return Verdict(False, expected, f"{what} {shown} is below the minimum {fmt.format(low)}{suffix}")
    if high is not None and value > high:
        return Verdict(False, expected, f"{what} {shown} is above the maximum {fmt.format(high)}{suffix}")
    return Verdict(True, expected, f"{what} {shown} is within range")
