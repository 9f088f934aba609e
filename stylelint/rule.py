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
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from stylelint.params import Colour, ParamInfo, Ratio, Region, describe, param, params

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


Remeasure = Callable[[Mapping[str, Any], Mapping[str, str]], "list[Mapping[str, Any] | None]"]


@dataclass(frozen=True)
class References:
    """The approved reference images as one rule sees them: the argument of `Rule.suggest`.

    `measured` holds the rule's measurement of each reference it could measure (default
    parameters), in path order; `count` is how many references were read.
    `remeasure(params, palette)` measures the same references again under other parameters (raw
    YAML values, validated like a spec's, under the spec palette `palette` {name: "#RRGGBB"}),
    through the engine and its cache, and returns the measurements in the same order (None where
    the rule crashed). It is None when the references are not files (a hook called in a test).
    """

    measured: tuple[Mapping[str, Any], ...]
    count: int
    remeasure: Remeasure | None = None

    def __len__(self) -> int:
        return len(self.measured)

    def values(self, key: str) -> list[float]:
        """The numbers measured under `key` (None and non-numbers left out), in path order."""
        found = (m.get(key) for m in self.measured)
        return [float(v) for v in found if isinstance(v, (int, float)) and not isinstance(v, bool)]


@dataclass(frozen=True)
class Suggestion:
    """What a rule's `suggest` learned: parameters with their evidence, or why it is left out.

    `params` maps parameter names to YAML values (numbers, strings, lists, mappings); an empty
    `params` leaves the rule out of the learned spec and `note` says why. `evidence` maps a
    parameter (or "param.key" for a key of a mapping value) to a comment on where the value
    came from. `palette` adds named swatches ("#RRGGBB") to the spec's top-level palette.
    `warnings` are shown to the user by `stylelint learn`.
    """

    params: Mapping[str, Any] = field(default_factory=dict)
    evidence: Mapping[str, str] = field(default_factory=dict)
    note: str = ""
    palette: Mapping[str, str] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()

    @property
    def written(self) -> bool:
        """Whether the rule goes into the learned spec."""
        return bool(self.params)

    def merged(self, other: Suggestion) -> Suggestion:
        """Both suggestions' parameters, evidence, palettes and warnings; notes joined by "; "."""
        return Suggestion(
            params={**self.params, **other.params},
            evidence={**self.evidence, **other.evidence},
            note="; ".join(n for n in (self.note, other.note) if n),
            palette={**self.palette, **other.palette},
            warnings=self.warnings + other.warnings,
        )


def left_out(reason: str, *, warnings: tuple[str, ...] = ()) -> Suggestion:
    """A suggestion that writes nothing, saying why (the comment `learn` writes for the rule)."""
    return Suggestion(note=reason, warnings=warnings)


Suggest = Callable[[References], "Suggestion | None"]


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


# ---- learning: the shared range suggestion (beside judge_range) ------------------------------

# A learned range is [smallest seen − margin, largest seen + margin]: with n references drawn
# from one look, a new image of that look lies beyond the largest seen with chance 1/(n + 1), so
# the observed range alone fails about 2/(n + 1) of new images (18 % for 10 references). For
# normal data the range of 10 samples is about 3.1σ (its ends near ±1.55σ); a margin of half of
# it on each side puts the bounds near ±3.1σ (99.8 % inside). Scenes are not normal (a white
# sky, a night street), so the margin errs wide: a bound costs on-style images, a look model
# (tone curve, split toning) is what tells grades apart.
RANGE_MARGIN = 0.5
# A range admitting more than this share of what ordinary photographs span (their P5–P95, the
# hook's `typical`) constrains little: it is left out.
MAX_SPAN = 0.6


def suggest_range(
    values: Sequence[float],
    *,
    what: str,
    scale: tuple[float, float],
    decimals: int,
    names: tuple[str, str] = ("min", "max"),
    scene_margin: float = 0.0,
    typical: tuple[float, float] | None = None,
    extremes: tuple[float, float] | None = None,
    max_span: float = MAX_SPAN,
    convert: Callable[[float], float] | None = None,
) -> Suggestion:
    """Learn inclusive bounds `names` from `values` seen on the references.

    The range is [min − m, max + m] with m = max(`scene_margin`, RANGE_MARGIN · (max − min)),
    so every reference passes and new images of the same look, other scenes, mostly do
    (`scene_margin`: how far such scenes typically move this quantity). A bound at or beyond
    the edge of `scale` is not written (a colourful set never gets a minimum of 0; a bound the
    parameter cannot hold is not clipped into one that fails references). When the range admits
    more than `max_span` of `typical` (what ordinary photographs span, P5–P95, on `values`'
    scale; default `scale`), or no bound is left, the rule is left out with a note: such a range
    would pass almost any photograph and only cost on-style images of unusual scenes; but a
    bound beyond `extremes` (the least and most any ordinary photograph measured read) is still
    written, since it costs no ordinary scene and rejects only extreme grades (a strong cool cast).

    `convert` maps a bound from the scale `values` are in to the parameter's unit (mired →
    kelvin); `names` are then the parameters of the lower and upper bound on `values`' scale.
    Bounds are rounded outwards to `decimals` places in the parameter's unit.
    """
    if not values:
        return left_out(f"{what}: not measured on any reference")
    seen_low, seen_high = min(values), max(values)
    margin = max(scene_margin, RANGE_MARGIN * (seen_high - seen_low))
    low, high = seen_low - margin, seen_high + margin
    usual = typical or scale
    span = max(0.0, min(high, usual[1]) - max(low, usual[0])) / (usual[1] - usual[0])
    ends = sorted(convert(v) if convert else v for v in (seen_low, seen_high))
    seen = f"{what} seen {ends[0]:.{decimals}f}–{ends[1]:.{decimals}f} across {len(values)} references"
    if span > max_span:
        whose = "of what ordinary photographs span" if typical else "of the scale"
        wide = f"{seen}: a range wide enough for other scenes of this look would admit {span:.0%} {whose}"
        beyond = _beyond(extremes, scale, (names[0], low), (names[1], high))
        if not beyond:
            return left_out(f"{wide}, so it would constrain little; left out")
        params = _rounded_outwards(beyond, convert, decimals)
        why = "beyond every ordinary photograph measured: it costs no ordinary scene, only extreme grades"
        return Suggestion(params=params, evidence=dict.fromkeys(params, why), note=f"{wide}: only {why}")
    bounds = {
        name: (value, is_lower)
        for name, value, is_lower, edge in (
            (names[0], low, True, low <= scale[0]),
            (names[1], high, False, high >= scale[1]),
        )
        if not edge
    }
    if not bounds:
        return left_out(f"{seen}: both bounds reach the edges of the scale; left out")
    params = _rounded_outwards(bounds, convert, decimals)
    widened = f"widened by {_margin_text(margin, decimals, convert)}"
    evidence = {name: f"{seen}, {widened}" if index == 0 else widened for index, name in enumerate(params)}
    return Suggestion(params=params, evidence=evidence)


# A learned share limit above this means the references themselves clip or crush a lot (a white
# sky, a night scene): that comes with scenes, not with a look, and new scenes will do more.
CEILING_TOP = 0.1
# The value that switches a share limit off (`exposure`: "set a share limit to 1").
SHARE_OFF = 1.0


def suggest_ceiling(
    values: Sequence[float], *, name: str, what: str, default: float, decimals: int = 3, top: float = CEILING_TOP
) -> Suggestion:
    """Learn an upper limit on a share (clipping, …): twice the largest seen plus 0.02 (shares of
    such pixels swing with the scene: a sky in frame), never below `default`. When that exceeds
    `top`, the limit is switched off (`SHARE_OFF`, so the rule's default does not apply either)."""
    if not values:
        return left_out(f"{what}: not measured on any reference")
    limit = max(default, _ceil(2 * max(values) + 0.02, decimals))
    seen = f"{what} seen {min(values):.1%}–{max(values):.1%} across {len(values)} references"
    if limit > top:
        why = f"{seen}: it comes with the scenes, not the look; switched off"
        return Suggestion(params={name: SHARE_OFF}, evidence={name: why})
    return Suggestion(params={name: limit}, evidence={name: f"{seen}; twice the largest + 2 %, at least {default:g}"})


def _beyond(
    extremes: tuple[float, float] | None,
    scale: tuple[float, float],
    lower: tuple[str, float],
    upper: tuple[str, float],
) -> dict[str, tuple[float, bool]]:
    """The bounds (as `_rounded_outwards` takes them) outside `extremes` and inside `scale`."""
    if extremes is None:
        return {}
    out = {}
    if scale[0] < lower[1] < extremes[0]:
        out[lower[0]] = (lower[1], True)
    if extremes[1] < upper[1] < scale[1]:
        out[upper[0]] = (upper[1], False)
    return out


def _rounded_outwards(
    bounds: Mapping[str, tuple[float, bool]], convert: Callable[[float], float] | None, decimals: int
) -> dict[str, float]:
    """{name: (value, is the lower bound on the values' scale)} → values in the parameter's unit,
    lower bounds rounded down and upper ones up (a decreasing `convert` swaps the two)."""
    out = {}
    for name, (value, is_lower) in bounds.items():
        if convert is None:
            out[name] = _floor(value, decimals) if is_lower else _ceil(value, decimals)
            continue
        decreasing = convert(value + 1e-6) < convert(value)
        converted = convert(value)
        out[name] = _floor(converted, decimals) if is_lower != decreasing else _ceil(converted, decimals)
    return out


def _margin_text(margin: float, decimals: int, convert: Callable[[float], float] | None) -> str:
    return f"{margin:.{max(decimals, 1)}g} on the measured scale" if convert else f"{margin:.{decimals}f}"


def _floor(value: float, decimals: int) -> float:
    return math.floor(round(value * 10**decimals, 6)) / 10**decimals


def _ceil(value: float, decimals: int) -> float:
    return math.ceil(round(value * 10**decimals, 6)) / 10**decimals


@dataclass(frozen=True)
class RangeHook:
    """A `suggest` hook for a rule with a range on one measured key: `suggest_range` over
    `key`'s values, with the keyword arguments given (a picklable object, as `require_bound`'s
    check is, because rules travel to worker processes)."""

    key: str
    what: str
    scale: tuple[float, float]
    decimals: int
    names: tuple[str, str] = ("min", "max")
    scene_margin: float = 0.0
    typical: tuple[float, float] | None = None
    extremes: tuple[float, float] | None = None

    def __call__(self, references: References) -> Suggestion:
        return suggest_range(
            references.values(self.key),
            what=self.what,
            scale=self.scale,
            decimals=self.decimals,
            names=self.names,
            scene_margin=self.scene_margin,
            typical=self.typical,
            extremes=self.extremes,
        )


@dataclass(frozen=True)
class ScaledLimitHook:
    """A `suggest` hook for a one-sided limit: `factor` × the smallest value seen + `offset` for
    a lower limit (`lower`), or × the largest + `offset` for an upper one, rounded outwards."""

    key: str
    name: str
    what: str
    factor: float
    offset: float = 0.0
    lower: bool = False
    decimals: int = 1

    def __call__(self, references: References) -> Suggestion:
        values = references.values(self.key)
        if not values:
            return left_out(f"{self.what}: not measured on any reference")
        seen = min(values) if self.lower else max(values)
        limit = self.factor * seen + self.offset
        rounded = _floor(limit, self.decimals) if self.lower else _ceil(limit, self.decimals)
        which = "smallest" if self.lower else "largest"
        how = f"{self.factor:g} × the {which}" + (f" + {self.offset:g}" if self.offset else "")
        evidence = f"{self.what} seen {min(values):.{self.decimals}f}–{max(values):.{self.decimals}f} across {len(values)} references; {how}"
        return Suggestion(params={self.name: rounded}, evidence={self.name: evidence})
