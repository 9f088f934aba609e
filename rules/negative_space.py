"""The share of quiet, low-detail area in the frame stays within bounds.

Measures `share`: the fraction of working-copy pixels that are quiet. A pixel is quiet when
the standard deviation of lightness L* (CIELAB, D65) in the square window around it, of side
1/64 of the long edge (made odd: 17 px at 1024, 5 px at 256; borders mirrored), is below
2.3 L* units. That is one just-noticeable difference in CIELAB (Mahy et al. 1994): variation
below it reads as flat, so smooth gradients (a sky, a studio sweep, a blurred background)
and sensor noise of a few levels count as quiet, while texture, edges and text do not. The
window is tied to the long edge so the share is the same at any `analysis.max_side`.
A fully flat image reads 1, a fully textured one 0; an edge makes a band about one window
wide around it busy.

Fails when `share` < `min` or `share` > `max`; the bounds are inclusive.

Known failure cases: quiet hue changes at constant lightness (a red shape on a green field of
equal L*) count as quiet; heavy noise (σ above about 4 levels) or film grain makes a plain
area busy; a strongly blurred busy background counts as quiet, which is usually the intent.

References: Mahy, M., Van Eycken, L. & Oosterlinck, A. (1994), "Evaluation of uniform color
spaces developed after the adoption of CIELAB and CIELUV", Color Research & Application 19(2),
105–121 (JND ΔE*ab ≈ 2.3).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from stylelint.facts import ImageFacts
from stylelint.rule import Category, Rule, Verdict, judge_range, param, params, require_min_or_max

# One CIELAB just-noticeable difference (Mahy et al. 1994): below it, variation reads as flat.
QUIET_MAX_STD = 2.3


@params
class Params:
    min: float | None = param(
        None, unit="fraction of the frame", min=0, max=1, doc="Smallest allowed share of quiet area."
    )
    max: float | None = param(
        None, unit="fraction of the frame", min=0, max=1, doc="Largest allowed share of quiet area."
    )


def measure(facts: ImageFacts, p: Params) -> dict[str, Any]:
    return {"share": round(float((facts.local_detail < QUIET_MAX_STD).mean()), 4)}


def judge(measured: Mapping[str, Any], p: Params) -> Verdict:
    return judge_range(measured["share"], p, what="quiet share of the frame", fmt="{:.1%}")


RULE = Rule(
    id="negative-space",
    category=Category.COMPOSITION,
    version=1,
    doc=__doc__,
    params=Params,
    measure=measure,
    judge=judge,
    measured_keys=("share",),
    measured_with=(),
    constraints=(require_min_or_max,),
    example="negative-space: {min: 0.3}",
)
