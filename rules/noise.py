"""The image is clean: the estimated standard deviation of its noise stays below a limit.

Measures `sigma`: the standard deviation of additive white noise, estimated in each sRGB channel
of the working copy on the 0–255 scale and averaged over R, G and B, from the image's flattest
areas only, so that texture (rock, grass, foliage) is not mistaken for noise:

1. The working copy is cut into blocks of 8 × 8 px. Each block's amount of structure is the
   mean gradient magnitude (Sobel) of the luma smoothed by a Gaussian of σ = 2 px, which
   pixel-scale noise barely moves. Blocks touching clipped values (a channel at 0–1 or
   254–255, where noise is cut off) are left out.
2. The flattest 10 % of the blocks are kept (`flat_share` in `measured`: the share of the
   frame they cover).
3. In each channel, σ = median(|HH|) / Φ⁻¹(0.75) over the finest diagonal Daubechies-2 wavelet
   coefficients of those blocks: Donoho & Johnstone's robust estimator, which ignores what
   smooth gradients remain in flat areas. A flat fill reads 0.

Accuracy, on real photographs with known added noise: a clean photo that reads c plus
N(0, σ²) reads √(c² + σ²) within 10 % (mean +2 %) for σ = 2, 5 and 10 on the 24 Kodak
photographs; textured clean photos read 1–5 (the finest-texture Kodak photo, rock and grass,
reads 4.9, against 7.5 with the whole-image estimator used before). The estimate is per pixel
of the working copy: scaling a noisy image down averages its noise away (halving the size
roughly halves σ), as it does for a viewer, so a large noisy original downscaled to `max_side`
reads cleaner than a small one, and a thumbnail of a grainy photo reads cleaner than the photo.

Fails when `sigma` > `max` (or < `min`); the bounds are inclusive (a value equal to one passes).

Known failure cases: an image textured everywhere at the pixel scale (a close-up of fabric,
sand or grass filling the frame) still reads its texture as noise; JPEG at low quality removes
high-frequency noise from flat areas first and reads cleaner than it looks; noise that is not
white (smeared by demosaicking or noise reduction) is underestimated.

References: Donoho, D. L. & Johnstone, I. M. (1994), "Ideal spatial adaptation by wavelet
shrinkage", Biometrika 81(3), 425–455 (σ = median(|HH|) / 0.6745); Liu, X., Tanaka, M. &
Okutomi, M. (2013), "Single-image noise level estimation for blind denoising", IEEE TIP 22(12),
5226–5237 (estimating from weak-texture patches); Shin, D.-H. et al. (2005), "Block-based noise
estimation using adaptive Gaussian filtering", IEEE TCE 51(1), 218–226 (the flattest blocks).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import numpy.typing as npt

from stylelint.facts import FloatArray, ImageFacts
from stylelint.rule import Category, Rule, ScaledLimitHook, Verdict, judge_range, param, params, require_min_or_max

# CONTRACT.md §4: noise is on the 0–255 scale; facts.rgb is in [0, 1].
_LEVELS = 255.0
# Φ⁻¹(0.75): the median |x| of a standard normal variable (Donoho & Johnstone 1994, §4.2).
_NORMAL_QUARTILE = 0.6744897501960817
# Block size (px, even: 4 × 4 finest wavelet coefficients) and the share of the flattest blocks
# kept. Chosen on the Kodak set with added noise (issue 13): 8-px blocks and 10 % read added
# noise closest (larger blocks or shares let texture in; smaller ones are too few to be stable).
BLOCK_PX = 8
FLAT_SHARE = 0.1
# The luma whose gradient ranks the blocks is smoothed by σ = 2 px (facts.smooth_gray, horizon's
# too): wide enough that noise of a few levels hardly changes the ranking.
# 8-bit codes at which a channel counts as clipped: noise there is cut off on one side.
_CLIPPED_LOW, _CLIPPED_HIGH = 1, 254

BoolArray = npt.NDArray[np.bool_]


@params
class Params:
    min: float | None = param(
        None, unit="sRGB levels (0–255)", min=0, max=255, doc="Lowest allowed noise (for a film-grain style)."
    )
    max: float | None = param(None, unit="sRGB levels (0–255)", min=0, max=255, doc="Highest allowed noise.")


def measure(facts: ImageFacts, p: Params) -> dict[str, Any]:
    keep = flat_blocks(facts.smooth_gray, facts.channel_min, facts.channel_max)
    rgb = facts.rgb
    sigmas = [channel_sigma(rgb[..., channel], keep) for channel in range(rgb.shape[-1])]
    flat_share = float(keep.mean()) if keep.size else 1.0
    return {"sigma": round(float(np.mean(sigmas)) * _LEVELS, 4), "flat_share": round(flat_share, 4)}


def _blocks(array: npt.NDArray[Any], size: int) -> npt.NDArray[Any]:
    """`array` (H, W, ...) cut into whole size × size blocks: (H // size · W // size, size², ...)."""
    rows, cols = array.shape[0] // size, array.shape[1] // size
    cut = array[: rows * size, : cols * size].reshape(rows, size, cols, size, *array.shape[2:])
    return cut.swapaxes(1, 2).reshape(rows * cols, size * size, *array.shape[2:])


def flat_blocks(
    smooth: npt.NDArray[np.float32], lowest: npt.NDArray[np.uint8], highest: npt.NDArray[np.uint8]
) -> BoolArray:
    """Which BLOCK_PX blocks (row-major, as `_blocks`) are among the flattest FLAT_SHARE of the
    unclipped ones; all blocks when none is unclipped. Empty when the image is smaller than a block.

    `smooth` is the luma smoothed by a Gaussian of σ = 2 px (`ImageFacts.smooth_gray`, shared
    with horizon), `lowest` and `highest` each pixel's smallest and largest 8-bit channel.
    """
    from scipy.ndimage import sobel

    # The smoothed luma holds nothing above a quarter of the sampling rate, so its gradient is
    # taken on every second pixel (a quarter of the work, the same block ranking).
    half, rows, cols = BLOCK_PX // 2, smooth.shape[0] // BLOCK_PX, smooth.shape[1] // BLOCK_PX
    smooth = smooth[::2, ::2]
    gradient = np.hypot(sobel(smooth, axis=0), sobel(smooth, axis=1))[: rows * half, : cols * half]
    structure = _blocks(gradient, half).mean(axis=1)
    low = _blocks(lowest, BLOCK_PX).min(axis=1)
    high = _blocks(highest, BLOCK_PX).max(axis=1)
    unclipped = np.flatnonzero((low > _CLIPPED_LOW) & (high < _CLIPPED_HIGH))
    candidates = unclipped if unclipped.size else np.arange(len(structure))
    count = max(1, round(FLAT_SHARE * len(candidates))) if candidates.size else 0
    keep = np.zeros(len(structure), dtype=bool)
    keep[candidates[np.argsort(structure[candidates], kind="stable")[:count]]] = True
    return keep


def channel_sigma(plane: FloatArray, keep: BoolArray | None = None) -> float:
    """Donoho–Johnstone noise σ of one channel (same unit as `plane`): median |HH| / Φ⁻¹(0.75)
    over the finest diagonal db2 coefficients of the blocks in `keep` (see `flat_blocks`), or of
    the whole plane when `keep` is None or empty."""
    import pywt

    diagonal = np.abs(pywt.dwtn(plane, wavelet="db2")["dd"])
    if keep is not None and keep.any():
        # Coefficient (i, j) of the finest level sits at pixels (2i, 2j): a block of BLOCK_PX
        # pixels holds BLOCK_PX / 2 coefficients a side (db2's two extra border rows dropped).
        rows, cols = plane.shape[0] // BLOCK_PX, plane.shape[1] // BLOCK_PX
        half = BLOCK_PX // 2
        diagonal = _blocks(diagonal[: rows * half, : cols * half], half)[keep]
    return float(np.median(diagonal)) / _NORMAL_QUARTILE if diagonal.size else 0.0


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
    version=3,
    doc=__doc__,
    params=Params,
    measure=measure,
    judge=judge,
    measured_keys=("sigma", "flat_share"),
    measured_with=(),
    suggest=suggest,
    constraints=(require_min_or_max,),
    example="noise: {severity: warning, max: 4}",
)
