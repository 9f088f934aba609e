"""Scene white point: the correlated colour temperature stays within bounds.

Measures `kelvin`, the CCT of the image's mean colour under the grey-world assumption: the mean
of the working copy's linear-light RGB (all pixels) → CIE XYZ (sRGB primaries, D65) → CIE
1931 xy → McCamy's cubic, CCT = 449 n³ + 3525 n² + 6823.3 n + 5520.33 with
n = (x − 0.3320) / (0.1858 − y). Neutral sRGB reads 6504 K (D65); warm (orange) casts read
lower, cool (blue) casts higher. McCamy is within ~2 K of the exact CCT from 2856 to 6504 K
and tens of K out to 2000 and 12500 K, for near-neutral means; for a strongly coloured scene the
grey-world number is only a direction. `kelvin` is null (and the rule passes) for an all-black
image or where the formula has no meaning.

Fails when `kelvin` is below `min_kelvin` or above `max_kelvin`; the bounds are inclusive. At
least one bound is required.

References: McCamy, C. S. (1992), Color Res. Appl. 17(2), 142–144; Buchsbaum, G. (1980),
"A spatial processor model for object colour perception", J. Franklin Inst. 310, 1–26
(grey world); IEC 61966-2-1 (sRGB).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from stylelint.facts import ImageFacts, fact_versions
from stylelint.rule import (
    Category,
    References,
    Rule,
    Suggestion,
    Verdict,
    describe,
    judge_range,
    param,
    params,
    require_bound,
    suggest_range,
)

_BOUNDS = ("min_kelvin", "max_kelvin")


@params
class Params:
    min_kelvin: float | None = param(None, unit="K", min=1000, max=25000, doc="Lowest allowed CCT (warmest).")
    max_kelvin: float | None = param(None, unit="K", min=1000, max=25000, doc="Highest allowed CCT (coolest).")


def measure(facts: ImageFacts, p: Params) -> dict[str, Any]:
    xy, kelvin = facts.white_point
    return {"kelvin": kelvin, "xy": None if xy is None else list(xy)}


def judge(measured: Mapping[str, Any], p: Params) -> Verdict:
    return judge_range(measured["kelvin"], p, what="colour temperature", fmt="{:.0f}", unit="K", names=_BOUNDS)


# Learned ranges are taken in mired (10⁶ / K), where equal steps look about equally large (a
# 500 K step at 3000 K is 56 mired, at 10,000 K 5 mired). 2000 K (500 mired) is as warm as a
# grey-world mean of a real scene gets (candle light 1900 K); bounds beyond it are not written.
_WARMEST_PLAUSIBLE = 2000.0
# The least margin of a learned range: 15 mired, about 4650–5400 K around 5000 K (near three
# white-point JNDs of ~5.5 mired). What ordinary photographs span: P5–P95 of the 24 Kodak test
# photographs' grey-world CCT, 3732–6393 K (268–156 mired); a learned range admitting most of it
# is left out.
_SCENE_MIRED = 15.0
TYPICAL_MIRED = (156.0, 268.0)
_MIRED = 1e6


def _to_kelvin(mired: float) -> float:
    return _MIRED / mired


def suggest(references: References) -> Suggestion:
    """A CCT range, learned in mired; a bound past the parameters' limits (or warmer than
    2000 K) is not written, so a reference at 30,000 K drops `max_kelvin` rather than failing."""
    limits = next(i for i in describe(Params) if i.name == "max_kelvin")
    hottest = float(limits.max) if limits.max is not None else 1e5
    coldest = max(float(limits.min) if limits.min is not None else 0.0, _WARMEST_PLAUSIBLE)
    return suggest_range(
        [_MIRED / k for k in references.values("kelvin") if k > 0],
        what="colour temperature (K)",
        scale=(_MIRED / hottest, _MIRED / coldest),
        decimals=0,
        names=("max_kelvin", "min_kelvin"),
        scene_margin=_SCENE_MIRED,
        typical=TYPICAL_MIRED,
        convert=_to_kelvin,
    )


RULE = Rule(
    id="color-temperature",
    category=Category.COLOUR,
    version=1,
    doc=__doc__,
    params=Params,
    measure=measure,
    judge=judge,
    measured_keys=("kelvin",),
    reads_facts=fact_versions("white_point"),
    constraints=(require_bound(*_BOUNDS),),
    measured_with=(),
    suggest=suggest,
    example="color-temperature: {min_kelvin: 4500, max_kelvin: 7000}",
)
