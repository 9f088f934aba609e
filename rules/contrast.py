"""RMS contrast: the standard deviation of lightness L* / 100 stays within bounds.

Measures `rms` = σ(L*) / 100 over every pixel of the working copy (opacity-weighted; CIELAB, D65, 2°; population
standard deviation), a number from 0 (one flat tone) to 0.5 (half black, half white). Typical
photographs read about 0.15–0.30; a foggy or washed-out shot reads below 0.1.

Fails when `rms` is below `min` or above `max`; the bounds are inclusive (a value equal to a
bound passes). At least one bound is required.

References: Peli, E. (1990), "Contrast in complex images", JOSA A 7(10), 2032–2040 (RMS
contrast); CIE 15:2004 (CIELAB).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from stylelint.facts import ImageFacts, fact_versions
from stylelint.rule import Category, RangeHook, Rule, Verdict, judge_range, param, params, require_min_or_max


@params
class Params:
    min: float | None = param(None, unit="σ(L*)/100", min=0, max=0.5, doc="Lowest allowed RMS contrast.")
    max: float | None = param(None, unit="σ(L*)/100", min=0, max=0.5, doc="Highest allowed RMS contrast.")


def measure(facts: ImageFacts, p: Params) -> dict[str, Any]:
    return {"rms": facts.rms_contrast}


def judge(measured: Mapping[str, Any], p: Params) -> Verdict:
    return judge_range(measured["rms"], p, what="RMS contrast")


# Learning: the least margin of a learned range (0.02, about 2 L* of spread), and what ordinary
# photographs span: P5–P95 of the 24 Kodak test photographs, 0.149–0.318. A learned range
# admitting most of that is left out.
_SCENE_CONTRAST = 0.02
TYPICAL_CONTRAST = (0.149, 0.318)
# No bound beyond their least and most (0.085–0.335) is written on its own: on graded Kodak
# photos (own evaluation, issue 12) a sky scene in the same look reads 0.35, past that.
# For `stylelint learn`: a range of RMS contrast, left out unless the look shifts or pins it.
suggest = RangeHook(
    "rms",
    what="RMS contrast",
    scale=(0.0, 0.5),
    decimals=3,
    scene_margin=_SCENE_CONTRAST,
    typical=TYPICAL_CONTRAST,
)


RULE = Rule(
    id="contrast",
    category=Category.TONE,
    version=2,
    doc=__doc__,
    params=Params,
    measure=measure,
    judge=judge,
    measured_keys=("rms",),
    reads_facts=fact_versions("rms_contrast"),
    constraints=(require_min_or_max,),
    measured_with=(),
    suggest=suggest,
    example="contrast: {min: 0.12, max: 0.35}",
)
