"""The image is clean: the estimated standard deviation of its noise stays below a limit.

Measures `sigma`: the standard deviation of additive white Gaussian noise, estimated in each
sRGB channel of the working copy on the 0–255 scale and averaged over R, G and B. Each channel's
estimate is the wavelet-domain robust median estimator of Donoho & Johnstone: the median
absolute value of the non-zero finest diagonal (HH) Daubechies-2 wavelet coefficients divided
by Φ⁻¹(0.75) ≈ 0.6745: the estimator of `skimage.restoration.estimate_sigma`, computed here with
PyWavelets directly (the same numbers; importing skimage.restoration costs 0.3 s and 30 MB per
worker for scipy.stats). Scenes contribute little to those coefficients, so the estimate holds
for textured images as well as flat ones.

Fails when `sigma` > `max`; the bound is inclusive (a value equal to it passes). A channel
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

from collections.abc import Mapping
from typing import Any

import numpy as np

from stylelint.facts import FloatArray, ImageFacts
from stylelint.rule import Category, Rule, ScaledLimitHook, Verdict, judge_range, param, params, require_min_or_max

# CONTRACT.md §4: noise is on the 0–255 scale; facts.rgb is in [0, 1].
_LEVELS = 255.0
# Φ⁻¹(0.75): the median |x| of a standard normal variable (Donoho & Johnstone 1994, §4.2).
_NORMAL_QUARTILE = 0.6744897501960817


@params
class Params:
    min: float | None = param(
        None, unit="sRGB levels (0–255)", min=0, max=255, doc="Lowest allowed noise (for a film-grain style)."
    )
    max: float | None = param(None, unit="sRGB levels (0–255)", min=0, max=255, doc="Highest allowed noise.")


def measure(facts: ImageFacts, p: Params) -> dict[str, Any]:
    rgb = facts.rgb
    sigmas = [channel_sigma(rgb[..., channel]) for channel in range(rgb.shape[-1])]
    return {"sigma": round(float(np.mean(sigmas)) * _LEVELS, 4)}


def channel_sigma(plane: FloatArray) -> float:
    """Donoho–Johnstone noise σ of one channel (same unit as `plane`): median |HH| / Φ⁻¹(0.75)
    over the non-zero finest diagonal db2 coefficients; 0 when there are none."""
    import pywt

    diagonal = pywt.dwtn(plane, wavelet="db2")["dd"]
    nonzero = np.abs(diagonal[diagonal != 0])
    return float(np.median(nonzero)) / _NORMAL_QUARTILE if nonzero.size else 0.0


def judge(measured: Mapping[str, Any], p: Params) -> Verdict:
    return judge_range(measured["sigma"], p, what="noise σ", fmt="{:.2f}", unit="levels")


# A learned maximum is 2 × the noisiest reference + 2 levels: the estimate reads fine texture
# (foliage, gravel) as noise, so it varies with the scene by up to 2× within one camera and look
# (Kodak photo 13 reads 7.5 where its neighbours read 2–4); 2 levels of 255 are below visibility.
_NOISIEST_FACTOR, _NOISE_SLACK = 2.0, 2.0


# For `stylelint learn`: a maximum, 2 × the noisiest reference + 2 levels (a grain look keeps its
# grain).
suggest = ScaledLimitHook("sigma", "max", what="noise (levels)", factor=_NOISIEST_FACTOR, offset=_NOISE_SLACK)


RULE = Rule(
    id="noise",
    category=Category.QUALITY,
    version=2,
    doc=__doc__,
    params=Params,
    measure=measure,
    judge=judge,
    measured_keys=("sigma",),
    measured_with=(),
    suggest=suggest,
    constraints=(require_min_or_max,),
    example="noise: {severity: warning, max: 4}",
)
