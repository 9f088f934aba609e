"""The tone summaries of 8-bit sRGB pixels in one pass: mean CIELAB L* and the counts of pixels
clipped in the highlights or crushed in the shadows (the exposure rule's measures, CONTRACT.md §4).

They are made a block of rows at a time, each block still in cache while all four are taken from
it, and its channels copied apart once so that the channel minima and maxima run on contiguous
planes: the same numbers as `rgb8_to_lightness`, `lowest_channel` and `highest_channel` over the
whole image, about 1 ms less per 1024-px working copy (issue 14).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from stylelint.colour import rgb8_to_lightness

# Pixels per block: 256 kB of float32 L*, so each block stays in cache.
_BLOCK_PX = 1 << 16


class Tone(NamedTuple):
    """Tone summaries of a set of pixels."""

    lightness: float  # mean L* (0–100, summed in float64); NaN when there are no pixels
    highlights: int  # pixels with every channel ≥ the highlight code
    bright: int  # pixels with some channel ≥ the highlight code (highlights included)
    shadows: int  # pixels with every channel ≤ the shadow code
    pixels: int

    def share(self, count: int) -> float:
        """`count` as a share of the pixels (NaN when there are none)."""
        return count / self.pixels if self.pixels else float("nan")


def tone_of(rgb8: npt.NDArray[np.uint8], *, highlight: int, shadow: int) -> Tone:
    """Mean L* (`rgb8_to_lightness`) of 8-bit sRGB pixels (H, W, 3) and their counts of clipped
    highlights (every channel ≥ `highlight`), of bright pixels (some channel ≥ `highlight`) and of
    crushed shadows (every channel ≤ `shadow`), codes compared exactly.

    The L* values are those of the whole image's `rgb8_to_lightness`, summed in float64 a block at
    a time: the mean agrees with the mean of that array within float64 rounding (1e-12 of it)."""
    codes = np.asarray(rgb8)
    if codes.dtype != np.uint8 or codes.ndim != 3 or codes.shape[2] != 3:
        raise ValueError(f"expected 8-bit RGB pixels (H, W, 3), got {codes.dtype} {codes.shape}")
    height, width = codes.shape[:2]
    if height * width == 0:
        return Tone(float("nan"), 0, 0, 0, 0)
    rows = max(1, _BLOCK_PX // width)
    total, highlights, bright, shadows = 0.0, 0, 0, 0
    for top in range(0, height, rows):
        block = codes[top : top + rows]
        red, green, blue = np.moveaxis(block, -1, 0).copy()  # three contiguous planes
        total += float(rgb8_to_lightness(block, blue).sum(dtype=np.float64))
        low = np.minimum(red, green)
        high = np.maximum(red, green, out=red)
        np.minimum(low, blue, out=low)
        np.maximum(high, blue, out=high)
        highlights += int(np.count_nonzero(low >= highlight))
        bright += int(np.count_nonzero(high >= highlight))
        shadows += int(np.count_nonzero(high <= shadow))
    return Tone(total / (height * width), highlights, bright, shadows, height * width)
