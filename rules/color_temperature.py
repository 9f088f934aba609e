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
from stylelint.rule import Category, Rule, Verdict, judge_range, param, params, require_bound

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
    example="color-temperature: {min_kelvin: 4500, max_kelvin: 7000}",
)
