"""Colourfulness: the Hasler–Süsstrunk measure M stays within bounds.

Measures `colorfulness` M over every pixel of the working copy, on sRGB-encoded values scaled
to 0–255 (the paper's scale): with rg = R − G and yb = (R + G) / 2 − B,
M = sqrt(σ_rg² + σ_yb²) + 0.3 · sqrt(μ_rg² + μ_yb²). Any grey image gives 0. The paper's
labels: not colourful 0, slightly 15, moderately 33, averagely 45, quite 59, highly 82,
extremely colourful 109.

Fails when M is below `min` or above `max`; the bounds are inclusive (a value equal to a bound
passes). At least one bound is required.

Reference: Hasler, D. & Süsstrunk, S. (2003), "Measuring colourfulness in natural images",
Proc. SPIE 5007, 87–95.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from stylelint.facts import ImageFacts, fact_versions
from stylelint.rule import Category, RangeHook, Rule, Verdict, judge_range, param, params, require_min_or_max


@params
class Params:
    min: float | None = param(None, unit="M (sRGB 0–255)", min=0, max=300, doc="Lowest allowed colourfulness.")
    max: float | None = param(None, unit="M (sRGB 0–255)", min=0, max=300, doc="Highest allowed colourfulness.")


def measure(facts: ImageFacts, p: Params) -> dict[str, Any]:
    return {"colorfulness": facts.colourfulness}


def judge(measured: Mapping[str, Any], p: Params) -> Verdict:
    return judge_range(measured["colorfulness"], p, what="colourfulness", fmt="{:.1f}")


# The scale a learned range is judged against: Hasler & Süsstrunk's "extremely colourful"
# images read about 109; real photographs rarely pass 150.
_PHOTO_SCALE = (0.0, 150.0)
# Scene-to-scene spread within one look (a grey street and a flower market in the same grade):
# 8 M, about half a step of Hasler & Süsstrunk's 7-step scale, is the least a range is widened by.
_SCENE_COLORFULNESS = 8.0


# For `stylelint learn`: a colourfulness range, with no minimum when it would reach 0 (so a
# colourful set never gets `min: 0`), left out when it would span most of 0–150.
suggest = RangeHook(
    "colorfulness", what="colourfulness M", scale=_PHOTO_SCALE, decimals=1, scene_margin=_SCENE_COLORFULNESS
)


RULE = Rule(
    id="colorfulness",
    category=Category.COLOUR,
    version=1,
    doc=__doc__,
    params=Params,
    measure=measure,
    judge=judge,
    measured_keys=("colorfulness",),
    reads_facts=fact_versions("colourfulness"),
    constraints=(require_min_or_max,),
    measured_with=(),
    suggest=suggest,
    example="colorfulness: {min: 15, max: 60}",
)
