"""The image is sharp enough: variance of the Laplacian of its luma.

Measures `sharpness`: the variance of the 4-neighbour Laplacian ([[0, 1, 0], [1, −4, 1],
[0, 1, 0]], borders mirrored) of the luma of the working copy on the 0–255 scale. Luma is
Rec. 709 weights on the sRGB-encoded values (as OpenCV's and scikit-image's grey
conversions), the quantity the variance-of-Laplacian focus measure was defined on. Units are
(luma levels per px²)²; there is no upper limit. A crisp, detailed photograph at 1024 px reads
in the hundreds to thousands, a soft or out-of-focus one below about 100; a flat image reads 0.

Fails when `sharpness` < `min`; the bound is inclusive (a value equal to it passes).

Known failure cases: the measure also rises with noise, grain and fine texture (a noisy soft
photo can read sharp), and falls for a sharp but minimalist image (a subject on a plain
backdrop), so compare like with like. It depends on the working size: a small original scaled
up to `max_side` reads softer than a large one scaled down.

References: Pech-Pacheco, J. L. et al. (2000), "Diatom autofocusing in brightfield
microscopy: a comparative study", ICPR, 314–317; Pertuz, S. et al. (2013), "Analysis of focus
measure operators for shape-from-focus", Pattern Recognition 46(5).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from stylelint.facts import ImageFacts
from stylelint.rule import Category, Rule, ScaledLimitHook, Verdict, judge_range, param, params, require_min_or_max

# CONTRACT.md §4: sharpness is on the 0–255 scale; facts.gray is in [0, 1].
_LEVELS = 255.0


@params
class Params:
    min: float | None = param(None, unit="(luma levels/px²)²", min=0, doc="Lowest allowed sharpness.")
    max: float | None = param(
        None, unit="(luma levels/px²)²", min=0, doc="Highest allowed sharpness (rarely useful; for a soft-focus style)."
    )


def measure(facts: ImageFacts, p: Params) -> dict[str, Any]:
    from scipy.ndimage import laplace

    return {"sharpness": round(float(laplace(facts.gray * _LEVELS, mode="reflect").var()), 4)}


def judge(measured: Mapping[str, Any], p: Params) -> Verdict:
    return judge_range(measured["sharpness"], p, what="sharpness (variance of the Laplacian)", fmt="{:.1f}")


# A learned minimum is half the softest reference: the Laplacian's variance of one scene in one
# look varies by far more than 2× with content (foliage against sky), while defocus or motion blur
# that is plainly visible divides it by 5–50 (the recommended preset's calibration).
_SOFTEST_FACTOR = 0.5


# For `stylelint learn`: a minimum, half the softest reference's sharpness.
suggest = ScaledLimitHook("sharpness", "min", what="sharpness", factor=_SOFTEST_FACTOR, lower=True, decimals=0)


RULE = Rule(
    id="sharpness",
    category=Category.QUALITY,
    version=1,
    doc=__doc__,
    params=Params,
    measure=measure,
    judge=judge,
    measured_keys=("sharpness",),
    measured_with=(),
    suggest=suggest,
    constraints=(require_min_or_max,),
    example="sharpness: {severity: warning, min: 100}",
)
