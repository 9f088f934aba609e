"""Width : height must be one of the allowed aspect ratios.

Measures the displayed size of the original image (after EXIF orientation, so a portrait
photo stored sideways counts as portrait): `ratio` is width / height, and `nearest` is the
allowed ratio closest to it in relative terms. Passes when
|ratio − allowed| / allowed ≤ `tolerance` for some allowed ratio (the bound is inclusive).
With no `allowed` list the rule only reports the ratio and passes.

Example: a 1080×1350 image has ratio 0.8 and matches "4:5" exactly; 1080×1380 is 2.2 % off
and fails with the default tolerance of 1 %.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

from stylelint.facts import ImageFacts
from stylelint.rule import Category, Ratio, References, Rule, Suggestion, Verdict, left_out, param, params, tally

# Slack for float rounding when comparing a relative difference with `tolerance`: 101/100 is
# 1.0000000000000009 % off 1:1 in binary floating point. One pixel on a 100 000 px side is
# 1e-5, far above this, so no real image changes verdict because of it.
_FLOAT_SLACK = 1e-9


@params
class Params:
    allowed: tuple[Ratio, ...] = param((), doc='Allowed ratios, each "W:H" (quote them in YAML).')
    tolerance: float = param(
        0.01,
        unit="relative difference",
        min=0,
        max=1,
        doc="How far the ratio may be from an allowed one, as a share of it.",
    )


def measure(facts: ImageFacts, p: Params) -> dict[str, Any]:
    width, height = facts.size_px
    ratio = width / height
    nearest = min(p.allowed, key=lambda r: abs(ratio - r.value) / r.value, default=None)
    return {"ratio": round(ratio, 6), "width": width, "height": height, "nearest": nearest.text if nearest else None}


def judge(measured: Mapping[str, Any], p: Params) -> Verdict:
    expected = {"allowed": [r.text for r in p.allowed], "tolerance": p.tolerance}
    size = f"{measured['width']}×{measured['height']}"
    ratio = measured["width"] / measured["height"]  # exact; `measured["ratio"]` is rounded
    if not p.allowed:
        return Verdict(True, expected, f"{size} has ratio {ratio:.4g}; no ratios are restricted")
    nearest = next(r for r in p.allowed if r.text == measured["nearest"])
    off = abs(ratio - nearest.value) / nearest.value
    if off <= p.tolerance + _FLOAT_SLACK:
        return Verdict(True, expected, f"{size} matches {nearest.text}")
    return Verdict(
        False,
        expected,
        f"{size} is {ratio:.4g}:1, {off:.1%} off the nearest allowed "
        f"ratio {nearest.text} (tolerance {p.tolerance:.1%})",
    )


# ---- learning ----------------------------------------------------------------------------------

# The ratios photographs and layouts are cut to: print and camera formats (1:1, 5:4, 4:3, 7:5,
# 3:2), screens (16:10, 16:9, 21:9), social formats (4:5, 9:16, 2:1) and their portrait twins.
COMMON_RATIOS = (
    "1:1",
    "5:4",
    "4:5",
    "4:3",
    "3:4",
    "7:5",
    "5:7",
    "3:2",
    "2:3",
    "16:10",
    "10:16",
    "16:9",
    "9:16",
    "2:1",
    "1:2",
    "21:9",
    "9:21",
    "3:1",
    "1:3",
)
# A reference within 3 % of a common ratio was cut to it (a crop a few pixels off, 800×541 for
# 3:2); the learned tolerance then covers it.
SNAP = 0.03
# More distinct ratios than this among the references: there is no house crop to learn.
MAX_LEARNED_RATIOS = 3
# Ratios that snap to no common one are written with terms up to this (14:11, not 800:629).
_MAX_TERM = 32
# Ratios near no common one closer than this to a neighbour are one group (`snapped_all`), and a
# group's label keeps every member within it if it can (`_label`): the default tolerance, 1 %.
_NEAR = Params().tolerance


def _common(ratio: float) -> str | None:
    """The common ratio nearest `ratio` within SNAP, if any."""
    nearest = min(COMMON_RATIOS, key=lambda text: abs(ratio / _value(text) - 1))
    return nearest if abs(ratio / _value(nearest) - 1) <= SNAP else None


# Every W:H with both terms up to _MAX_TERM, in lowest terms: what an uncommon ratio is written as.
_SMALL_TERMS = sorted({Fraction(w, h) for w in range(1, _MAX_TERM + 1) for h in range(1, _MAX_TERM + 1)})


def _label(ratios: Sequence[float]) -> str:
    """The W:H that a group of near-equal `ratios` is written as: of the ratios with both terms
    up to _MAX_TERM (n:1 or 1:n beyond), the one of smallest terms that keeps every member
    within the default tolerance (11:10 for 1.098–1.102, 19:6 for 3.155), else the one whose
    farthest member is nearest."""
    low, high = min(ratios), max(ratios)
    candidates = [*_SMALL_TERMS, Fraction(max(1, round(high))), Fraction(1, max(1, round(1 / low)))]

    def worst(c: Fraction) -> float:
        return max(abs(r / float(c) - 1) for r in ratios)

    within = [c for c in candidates if worst(c) <= _NEAR]
    best = (
        min(within, key=lambda c: (max(c.numerator, c.denominator), worst(c))) if within else min(candidates, key=worst)
    )
    return f"{best.numerator}:{best.denominator}"


def snapped_all(sizes: Sequence[tuple[int, int]]) -> list[tuple[str, float]]:
    """Each width × height as (ratio text, relative difference from it): the common ratio within
    SNAP; the others grouped (sorted; a new group where the next ratio is more than the default
    tolerance above the last, or more than SNAP above the group's first) and each group written
    by `_label`, so one hand-made crop cut a few pixels differently (1098–1102 × 1000) is one
    ratio, 11:10, not three."""
    ratios = [w / h for w, h in sizes]
    texts = [_common(r) or "" for r in ratios]
    groups: list[list[int]] = []
    for ratio, index in sorted((r, i) for i, (r, t) in enumerate(zip(ratios, texts)) if not t):
        group = groups[-1] if groups else []
        if group and ratio <= ratios[group[-1]] * (1 + _NEAR) and ratio <= ratios[group[0]] * (1 + SNAP):
            group.append(index)
        else:
            groups.append([index])
    for group in groups:
        text = _label([ratios[i] for i in group])
        for i in group:
            texts[i] = text
    return [(t, abs(r / _value(t) - 1)) for r, t in zip(ratios, texts)]


def _value(text: str) -> float:
    width, height = text.split(":")
    return float(width) / float(height)


def suggest(references: References) -> Suggestion:
    """The references' ratios, snapped to common ones (or grouped, `snapped_all`), with a
    tolerance that covers each; left out when the references come in more than
    MAX_LEARNED_RATIOS ratios (no house crop)."""
    sizes = [(int(m["width"]), int(m["height"])) for m in references.measured]
    found = snapped_all(sizes)
    texts = [text for text, _ in found]
    counts, seen = Counter(texts), tally(texts)
    if len(counts) > MAX_LEARNED_RATIOS:
        return left_out(f"the references come in {len(counts)} ratios ({seen}): no house crop to learn")
    tolerance = max(Params().tolerance, _ceil3(max(off for _, off in found)))
    allowed = sorted(counts, key=lambda text: (-counts[text], text))
    return Suggestion(
        params={"allowed": allowed, "tolerance": tolerance},
        evidence={
            "allowed": f"ratios seen, snapped to the nearest common ratio within {SNAP:.0%}"
            + (
                f" (ratios near none grouped where neighbours are within {_NEAR:.0%}, each group in the"
                f" simplest terms that keep its members within {_NEAR:.0%} if any do)"
                if any(text not in COMMON_RATIOS for text in counts)
                else ""
            )
            + f": {seen}",
            "tolerance": f"covers the reference farthest from its ratio ({_farthest(sizes, found)})",
        },
    )


def _farthest(sizes: Sequence[tuple[int, int]], found: Sequence[tuple[str, float]]) -> str:
    index = max(range(len(found)), key=lambda i: found[i][1])
    width, height = sizes[index]
    return f"{width}×{height}, {found[index][1]:.1%} off {found[index][0]}"


def _ceil3(value: float) -> float:
    return math.ceil(value * 1000 + 1e-6) / 1000


RULE = Rule(
    id="aspect-ratio",
    category=Category.TECHNICAL,
    version=1,
    doc=__doc__,
    params=Params,
    measure=measure,
    judge=judge,
    measured_with=("allowed",),
    suggest=suggest,
    measured_keys=("ratio", "nearest"),
    example='aspect-ratio: {allowed: ["4:5", "1:1"], tolerance: 0.01}',
)
