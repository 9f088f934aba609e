"""The image is clean: the estimated standard deviation of its noise stays below a limit.

Measures `sigma`: the standard deviation of additive white Gaussian noise, estimated in each
sRGB channel of the working copy on the 0–255 scale and averaged over R, G and B. Each channel's
estimate is the wavelet-domain robust median estimator of Donoho & Johnstone: the median
absolute value of the finest diagonal (HH) Daubechies-1 wavelet coefficients divided by
0.6745 (`skimage.restoration.estimate_sigma`). Scenes contribute little to those
coefficients, so the estimate holds for textured images as well as flat ones.

Fails when `sigma` > `max`; the bound is inclusive (a value equal to it passes). An image
with no pixel-scale variation at all (every HH coefficient zero, e.g. a flat fill) reads 0.

The estimate is of the working copy: scaling an image down averages its noise away (halving
the size roughly halves σ), so a large noisy original that is downscaled to `max_side` reads
cleaner than a small one. Known failure cases: very fine regular texture (fabric, print
screens) at the pixel scale reads as noise; JPEG at low quality removes high-frequency noise
and may read cleaner than it looks; noise that is not white (smeared by demosaicking or
noise reduction) is underestimated.

References: Donoho, D. L. & Johnstone, I. M. (1994), "Ideal spatial adaptation by wavelet
shrinkage", Biometrika 81(3), 425–455 (σ = median(|HH|) / 0.6745).
"""
from __future__ import annotations

import math
import warnings
from typing import Any, Mapping

from stylelint.facts import ImageFacts
from stylelint.rule import Category, Rule, Verdict, judge_range, param, params, require_min_or_max

# CONTRACT.md §4: noise is on the 0–255 scale; facts.rgb is in [0, 1].
_LEVELS = 255.0


@params
class Params:
    min: float | None = param(None, unit="sRGB levels (0–255)", min=0, max=255,
                              doc="Lowest allowed noise (for a film-grain style).")
    max: float | None = param(None, unit="sRGB levels (0–255)", min=0, max=255, doc="Highest allowed noise.")


def measure(facts: ImageFacts, p: Params) -> dict[str, Any]:
    from skimage.restoration import estimate_sigma

    with warnings.catch_warnings():
        # "mean of empty slice" (handled below) and skimage's channel guess on 1-px-wide images
        warnings.simplefilter("ignore")
        sigma = float(estimate_sigma(facts.rgb, channel_axis=-1, average_sigmas=True))
    # skimage takes the median of the non-zero HH coefficients; when every one is zero (a flat or
    # blocky image: no pixel-scale variation at all) that median is NaN, and the noise is 0.
    # A NaN would also break every JSON report (issue 8).
    return {"sigma": round(sigma * _LEVELS, 4) if math.isfinite(sigma) else 0.0}


def judge(measured: Mapping[str, Any], p: Params) -> Verdict:
    return judge_range(measured["sigma"], p, what="noise σ", fmt="{:.2f}", unit="levels")


RULE = Rule(id="noise", category=Category.QUALITY, version=1,
            summary=__doc__.splitlines()[0], doc=__doc__, params=Params,
            measure=measure, judge=judge, measured_keys=("sigma",), measured_with=(),
            constraints=(require_min_or_max,), example="noise: {severity: warning, max: 4}")
