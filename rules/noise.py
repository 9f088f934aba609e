"""The image is clean: the estimated σ of its noise, at a fixed 400-px scale, stays below a limit.

Measures `sigma`: the standard deviation of additive white noise, in 8-bit sRGB levels (0–255),
per pixel of the image resampled (Lanczos) so that its long edge is 400 px (`scale_px` in
`measured`, the scale at which sharpness is defined too), estimated in each of R, G and B and
averaged, from the image's flattest areas only, so that texture (rock, grass, foliage) is not
mistaken for noise:

1. The 400-px copy is cut into blocks of 8 × 8 px. Each block's amount of structure is the
   mean gradient magnitude (central differences) of the luma smoothed by a Gaussian of
   σ = 1 px, which pixel-scale noise barely moves. Blocks touching clipped values (a channel at
   0–1 or 254–255, where noise is cut off) are left out.
2. The flattest 10 % of the blocks are kept (`flat_share` in `measured`: the share of the
   frame they cover).
3. In each channel, σ = median(|HH|) / Φ⁻¹(0.75) over the diagonal Daubechies-2 wavelet
   coefficients (undecimated, each lying wholly inside one kept block): Donoho & Johnstone's
   robust estimator, which ignores what smooth gradients remain in flat areas. A flat fill
   reads 0 (coefficients below 10⁻⁹ level, floating-point leftovers, count as 0).

Why a fixed scale: per pixel, noise depends on the file's size (scaling a picture down by k
averages white noise down by about k) while fine texture does not. Per pixel of the working
copy, none of the 24 Kodak photographs read within a factor 1.5 of itself from 400 to 1,600 px
long edge (up to 3.5: texture at 400 px, grain at 1,024), and rescaling σ by the file's size
made it worse (up to 9), as that rescales texture too (issue 13). At one scale the same photo
reads the same whatever the size of its file: within a factor 1.13 from 400 to 1,600 px on the
24 Kodak photographs. The value is the noise a viewer sees with the picture shown at 400 px:
noise of σ levels added to a file whose long edge is L ≥ 400 px reads about 0.85 · σ · 400 / L
(a 24 MP camera file's per-pixel noise is divided by about 18: grain visible only at full size
does not count). Images under 400 px are enlarged to it, which spreads each pixel's noise over
several pixels: they read cleaner.

Accuracy, on real photographs with known added noise (benchmarks/picture_scale.py): at 400 px,
a clean photo that reads c plus N(0, σ²) reads √(c² + σ²) within 10 % in 70 of 72 cases
(σ = 2, 5 and 10 on the 24 Kodak photographs; mean +2 %; the two others, on the most textured
one, +12 % and +14 %). Clean photographs read 0.6–5.2: scanned film grain, and texture where a
photograph has no flat area (the highest is Kodak photo 13, rock and grass).

Fails when `sigma` > `max` (or < `min`); the bounds are inclusive (a value equal to one passes).

Known failure cases: an image textured everywhere at the pixel scale (a close-up of fabric,
sand or grass filling the frame) still reads its texture as noise; JPEG at low quality removes
high-frequency noise from flat areas first and reads cleaner than it looks; noise that is not
white (smeared by demosaicking or noise reduction) is underestimated; noise clipped at 0 or 255
in a large file's near-black or near-white areas reads lower, since the clipping test sees the
400-px copy, where the clipped noise has been averaged (one Kodak sky plus σ = 10 at 1,600 px
read half the noise expected).

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

from stylelint.colour import highest_channel, lowest_channel
from stylelint.facts import SCALE_PX, ImageFacts
from stylelint.ranks import median
from stylelint.rule import Category, Rule, ScaledLimitHook, Verdict, judge_range, param, params, require_min_or_max
from stylelint.smoothing import gaussian_smooth

# Φ⁻¹(0.75): the median |x| of a standard normal variable (Donoho & Johnstone 1994, §4.2).
_NORMAL_QUARTILE = 0.6744897501960817
# Block size (px at 400 px, even) and the share of the flattest blocks kept. Chosen on the Kodak
# set with added noise (issue 13): 8-px blocks and 10 % read added noise closest (larger blocks
# or shares let texture in; smaller ones are too few to be stable).
BLOCK_PX = 8
FLAT_SHARE = 0.1
# The luma whose gradient ranks the blocks is smoothed by a Gaussian of σ = 1 px (cut at 4 σ, as
# scipy.ndimage.gaussian_filter): noise of a few levels hardly changes the ranking, and at 400 px
# a wider one (2 px) lets more texture into the flattest blocks (Kodak photo 13: 5.9 against 5.2).
_SMOOTH_PX = 1.0
# 8-bit codes at which a channel counts as clipped: noise there is cut off on one side.
_CLIPPED_LOW, _CLIPPED_HIGH = 1, 254
# Daubechies-2 decomposition high-pass filter (Daubechies 1992, Table 6.1; PyWavelets' db2
# dec_hi), reversed: correlating with it is PyWavelets' convolution, so every second
# coefficient in each direction is exactly pywt.dwt2's "dd" (tested). Two vanishing moments: a
# linear ramp gives 0.
_DB2_HIGH = (-0.12940952255126037, -0.2241438680420134, 0.8365163037378079, -0.48296291314453416)
# |coefficient| (levels) below which it is a floating-point leftover of a flat patch, not
# noise (issue 14: ~1e-13 leftovers counted as non-zero pull the median of a half-flat image).
_LEFTOVER = 1e-9

BoolArray = npt.NDArray[np.bool_]


@params
class Params:
    min: float | None = param(
        None, unit="sRGB levels (0–255) at 400 px", min=0, max=255, doc="Lowest allowed noise (for a film-grain style)."
    )
    max: float | None = param(None, unit="sRGB levels (0–255) at 400 px", min=0, max=255, doc="Highest allowed noise.")


def measure(facts: ImageFacts, p: Params) -> dict[str, Any]:
    codes = facts.scaled_codes
    keep = flat_blocks(facts.scaled_luma, codes)
    coefficients = diagonal_detail(_blocks(codes, BLOCK_PX)[keep])
    sigmas = [median(coefficients[..., channel]) for channel in range(codes.shape[-1])] if keep.any() else [0.0]
    flat_share = float(keep.mean()) if keep.size else 1.0
    return {
        "sigma": round(float(np.mean(sigmas)) / _NORMAL_QUARTILE, 4),
        "flat_share": round(flat_share, 4),
        "scale_px": SCALE_PX,
    }


def _blocks(array: npt.NDArray[Any], size: int) -> npt.NDArray[Any]:
    """`array` (H, W, ...) cut into whole size × size blocks: (H // size · W // size, size, size, ...),
    row-major."""
    rows, cols = array.shape[0] // size, array.shape[1] // size
    cut = array[: rows * size, : cols * size].reshape(rows, size, cols, size, *array.shape[2:])
    return cut.swapaxes(1, 2).reshape(rows * cols, size, size, *array.shape[2:])


def flat_blocks(luma: npt.NDArray[np.float32], codes: npt.NDArray[np.uint8]) -> BoolArray:
    """Which BLOCK_PX blocks (row-major, as `_blocks`) are among the flattest FLAT_SHARE of the
    unclipped ones; all blocks when none is unclipped. Empty when the image is smaller than a block.

    `luma` (H, W) is the image's luma, `codes` (H, W, 3) its 8-bit sRGB codes.
    """
    smooth = gaussian_smooth(luma, _SMOOTH_PX)
    padded = np.pad(smooth, 1, mode="edge")
    gradient = np.hypot(padded[2:, 1:-1] - padded[:-2, 1:-1], padded[1:-1, 2:] - padded[1:-1, :-2])
    structure = _blocks(gradient, BLOCK_PX).mean(axis=(1, 2))
    low = _blocks(lowest_channel(codes), BLOCK_PX).min(axis=(1, 2))
    high = _blocks(highest_channel(codes), BLOCK_PX).max(axis=(1, 2))
    unclipped = np.flatnonzero((low > _CLIPPED_LOW) & (high < _CLIPPED_HIGH))
    candidates = unclipped if unclipped.size else np.arange(len(structure))
    count = max(1, round(FLAT_SHARE * len(candidates))) if candidates.size else 0
    keep = np.zeros(len(structure), dtype=bool)
    keep[candidates[np.argsort(structure[candidates], kind="stable")[:count]]] = True
    return keep


def diagonal_detail(blocks: npt.NDArray[np.uint8]) -> npt.NDArray[np.float64]:
    """|HH| (levels) of `blocks` (n, h, w, C): the undecimated diagonal db2 coefficients that lie
    wholly inside each block, (n, h − 3, w − 3, C); leftovers below _LEFTOVER set to 0.

    Undecimated coefficients of white noise of σ have standard deviation σ too (the filter is
    orthonormal), and give a steadier median than the decimated ones from the same pixels."""
    values = blocks.astype(np.float64)
    both = np.abs(_correlate(_correlate(values, _DB2_HIGH, axis=1), _DB2_HIGH, axis=2))
    both[both < _LEFTOVER] = 0.0
    return both


def _correlate(array: npt.NDArray[Any], taps: tuple[float, ...], *, axis: int) -> npt.NDArray[Any]:
    """`array` correlated with `taps` along `axis`, only where the taps lie wholly inside it (the
    axis shrinks by len(taps) − 1), as a sum of shifted slices; keeps a float32 array float32."""
    inside = array.shape[axis] - len(taps) + 1
    total = np.zeros(array.shape[:axis] + (inside,) + array.shape[axis + 1 :], dtype=array.dtype)
    window: list[slice] = [slice(None)] * array.ndim
    for start, tap in enumerate(taps):
        window[axis] = slice(start, start + inside)
        total += array.dtype.type(tap) * array[tuple(window)]
    return total


def judge(measured: Mapping[str, Any], p: Params) -> Verdict:
    return judge_range(measured["sigma"], p, what="noise σ", fmt="{:.2f}", unit="levels")


# A learned maximum is 2 × the noisiest reference + 2 levels: the estimate reads fine texture
# (foliage, gravel) as noise, so it varies with the scene by up to 2× within one camera and look
# (Kodak photo 13 reads 5.2 where its neighbours read 1–2.5); 2 levels of 255 are below visibility.
_NOISIEST_FACTOR, _NOISE_SLACK = 2.0, 2.0


# For `stylelint learn`: a maximum, 2 × the noisiest reference + 2 levels (a grain look keeps its
# grain).
suggest = ScaledLimitHook("sigma", "max", what="noise (levels)", factor=_NOISIEST_FACTOR, offset=_NOISE_SLACK)


RULE = Rule(
    id="noise",
    category=Category.QUALITY,
    version=5,  # 5: the Gaussian before its flat-block ranking summed in another order (issue 14)
    doc=__doc__,
    params=Params,
    measure=measure,
    judge=judge,
    measured_keys=("sigma", "flat_share", "scale_px"),
    measured_with=(),
    suggest=suggest,
    constraints=(require_min_or_max,),
    example="noise: {severity: warning, max: 4}",
)
