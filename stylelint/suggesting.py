"""The learning half of the rule API (`stylelint learn`): what a rule's `suggest` hook receives
(`References`) and returns (`Suggestion`), and the shared hooks and helpers range rules learn
with, beside `stylelint.rule.judge_range`: `suggest_range`, `suggest_ceiling`, `RangeHook`,
`ScaledLimitHook`, `NotLearned`. Everything here is re-exported by `stylelint.rule`, where rules
import it from; see that module's docs for the hook's contract.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

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


def tally(seen: Sequence[str], order: Sequence[str] | None = None) -> str:
    """What the references hold and how often, for a suggestion's evidence: "jpeg ×7, png ×3".
    Each distinct value once, in `order` (values outside it are left out) or else most frequent
    first, ties by name."""
    counts = Counter(seen)
    shown = [v for v in order if v in counts] if order is not None else sorted(counts, key=lambda v: (-counts[v], v))
    return ", ".join(f"{value} ×{counts[value]}" for value in shown)


Suggest = Callable[[References], "Suggestion | None"]


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
    convert: Callable[[float], float] | None = None,
    scale_unit: str = "",
) -> Suggestion:
    """Learn inclusive bounds `names` from `values` seen on the references.

    The range is [min − m, max + m] with m = max(`scene_margin`, RANGE_MARGIN · (max − min)),
    so every reference passes and new images of the same look, other scenes, mostly do
    (`scene_margin`: how far such scenes typically move this quantity). A bound at or beyond
    the edge of `scale` is not written (a colourful set never gets a minimum of 0; a bound the
    parameter cannot hold is not clipped into one that fails references). When the range admits
    more than MAX_SPAN of `typical` (what ordinary photographs span, P5–P95, on `values`'
    scale; default `scale`), or no bound is left, the rule is left out with a note: such a range
    would pass almost any photograph and only cost on-style images of unusual scenes; but a
    bound beyond `extremes` (the least and most any ordinary photograph measured read) is still
    written, since it costs no ordinary scene and rejects only extreme grades (a strong cool cast).

    `convert` maps a bound from the scale `values` are in to the parameter's unit (mired →
    kelvin); `names` are then the parameters of the lower and upper bound on `values`' scale,
    and `scale_unit` names that scale in the comments ("widened by 127 mired").
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
    if span > MAX_SPAN:
        whose = "of what ordinary photographs span" if typical else "of the scale"
        wide = f"{seen}: a range wide enough for other scenes of this look would admit {span:.0%} {whose}"
        beyond = _beyond(extremes, scale, (names[0], low), (names[1], high))
        if not beyond or extremes is None:
            return left_out(f"{wide}, so it would constrain little; left out")
        params = _rounded_outwards(beyond, convert, decimals)
        widened = f"{seen}, widened by {_margin_text(margin, decimals, convert, scale_unit)}"
        evidence = {
            name: f"{widened}; beyond every ordinary photograph measured ({_shown(extreme, decimals, convert)}), "
            "so it costs no ordinary scene and rejects only extreme grades"
            for name, extreme in zip(names, extremes)
            if name in params
        }
        return Suggestion(
            params=params,
            evidence=evidence,
            note=f"{wide}; only a bound beyond every ordinary photograph is written",
        )
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
    widened = f"widened by {_margin_text(margin, decimals, convert, scale_unit)}"
    evidence = {name: f"{seen}, {widened}" if index == 0 else widened for index, name in enumerate(params)}
    return Suggestion(params=params, evidence=evidence)


# References that need a share limit above this (twice their largest + 2 %) clip or crush a lot
# themselves (a white sky, a night scene): that comes with scenes, not with a look, and new scenes
# will do more.
CEILING_TOP = 0.1
# The value that switches a share limit off (`exposure`: "set a share limit to 1").
SHARE_OFF = 1.0


def suggest_ceiling(
    values: Sequence[float], *, name: str, what: str, default: float, ordinary: float = 0.0, decimals: int = 3
) -> Suggestion:
    """Learn an upper limit on a share (clipping, …): twice the largest seen plus 0.02 (shares of
    such pixels swing with the scene: a sky in frame), never below `default` nor below `ordinary`,
    the share that one ordinary photograph in 100 exceeds (ten references that hardly clip do not
    show that a look forbids clipping, since most photographs hardly clip: a tighter limit fails
    scenes, not grades). When the references need more than CEILING_TOP, the limit is switched
    off (`SHARE_OFF`, so the rule's default does not apply either)."""
    if not values:
        return left_out(f"{what}: not measured on any reference")
    needed = _ceil(2 * max(values) + 0.02, decimals)
    shown = ".2%" if max(values) < 0.01 else ".1%"  # "0.04%", not "0.0%", beside a limit of 0.021
    seen = f"{what} seen {min(values):{shown}}–{max(values):{shown}} across {len(values)} references"
    if needed > CEILING_TOP:
        why = f"{seen}: it comes with the scenes, not the look; switched off"
        return Suggestion(params={name: SHARE_OFF}, evidence={name: why})
    limit = max(default, ordinary, needed)
    if limit == needed:
        why = "twice the largest + 2 %"
    else:
        floor = "the share one ordinary photograph in 100 exceeds" if ordinary > default else "the rule's default"
        why = f"{floor} (the references need {needed:g}: twice the largest + 2 %)"
    return Suggestion(params={name: limit}, evidence={name: f"{seen}; {why}"})


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


def _shown(value: float, decimals: int, convert: Callable[[float], float] | None) -> str:
    return f"{convert(value) if convert else value:.{decimals}f}"


def _margin_text(margin: float, decimals: int, convert: Callable[[float], float] | None, scale_unit: str) -> str:
    if convert is None:
        return f"{margin:.{decimals}f}"
    return f"{margin:.3g} {scale_unit or 'on the measured scale'}"


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
class NotLearned:
    """A `suggest` hook for a rule that is deliberately not learned from images: it leaves the
    rule out, saying `reason`, and `learn` does not measure the references with it."""

    reason: str

    def __call__(self, references: References) -> Suggestion:
        return left_out(self.reason)


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
