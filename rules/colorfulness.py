"""Colourfulness: the Hasler–Süsstrunk measure M stays within bounds.

Measures `colorfulness` M over every pixel of the working copy (those at least half opaque), on sRGB-encoded values scaled
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

import math
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from stylelint.facts import ImageFacts, fact_versions
from stylelint.rule import (
    Category,
    RangeHook,
    References,
    Rule,
    Suggestion,
    Verdict,
    judge_range,
    param,
    params,
    require_min_or_max,
)


@params
class Params:
    min: float | None = param(None, unit="M (sRGB 0–255)", min=0, max=300, doc="Lowest allowed colourfulness.")
    max: float | None = param(None, unit="M (sRGB 0–255)", min=0, max=300, doc="Highest allowed colourfulness.")


def measure(facts: ImageFacts, p: Params) -> dict[str, Any]:
    return {"colorfulness": facts.colourfulness}


def judge(measured: Mapping[str, Any], p: Params) -> Verdict:
    return judge_range(measured["colorfulness"], p, what="colourfulness", fmt="{:.1f}")


# Learning. The scale's edges: 0, and 150 (Hasler & Süsstrunk's "extremely colourful" images
# read about 109; real photographs rarely pass 150). The least margin of a learned range: 5 M, a
# third of a step of their 7-step scale. What ordinary photographs span: P5–P95 of the 24 Kodak
# test photographs, 21.4–64.2 M; a learned range admitting most of that is left out.
_PHOTO_SCALE = (0.0, 150.0)
_SCENE_COLORFULNESS = 5.0
TYPICAL_COLORFULNESS = (21.4, 64.2)
# Their least and most, 20.0–79.5: a bound beyond them is written even when the range is not.
EXTREME_COLORFULNESS = (20.0, 79.5)
_RANGE = RangeHook(
    "colorfulness",
    what="colourfulness M",
    scale=_PHOTO_SCALE,
    decimals=1,
    scene_margin=_SCENE_COLORFULNESS,
    typical=TYPICAL_COLORFULNESS,
    extremes=EXTREME_COLORFULNESS,
)
# A set whose every reference is visibly in colour (at least 8 M on Hasler & Süsstrunk's scale,
# where 15 is "slightly colourful"; a muted or moody grade of an ordinary scene reads 10–20) is a
# colour look: whatever the scene, its images stay in colour, so it gets a minimum of half its
# least colourful reference even when its range is left out. Black-and-white and near-monochrome
# images (M below 4–10) then fail a colour house, a muted one included.
_COLOURFUL = 8.0
_COLOURFUL_FLOOR = 0.5


def suggest(references: References) -> Suggestion:
    """A colourfulness range, with no minimum when it would reach 0 (so a colourful set never
    gets `min: 0`), left out unless the look shifts or pins it (black and white); for a colourful
    set, a minimum of half its least colourful reference when the range gives none or a lower one."""
    ranged = _RANGE(references)
    values = references.values("colorfulness")
    if not values or min(values) < _COLOURFUL:
        return ranged
    low = math.floor(min(values) * _COLOURFUL_FLOOR * 10) / 10
    if ranged.params.get("min", -math.inf) >= low:  # the range's own minimum is the tighter
        return ranged
    seen = f"colourfulness M seen {min(values):.1f}–{max(values):.1f} across {len(values)} references"
    floor = Suggestion(
        params={"min": low},
        evidence={"min": f"{seen}, every one colourful: half the least colourful, so monochrome images fail"},
    )
    if not ranged.written:  # the range alone would constrain little: the minimum is all there is
        return replace(
            floor,
            note="every reference is colourful, and a range wide enough for other scenes would admit most of "
            "what ordinary photographs span: a minimum only",
        )
    # The range's note (e.g. "only a bound beyond every ordinary photograph is written") says
    # why it wrote so little; it must not read as if that were all.
    return ranged.merged(replace(floor, note="and, every reference being colourful, a minimum that monochrome fails"))


RULE = Rule(
    id="colorfulness",
    category=Category.COLOUR,
    version=2,
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
