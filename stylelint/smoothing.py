"""Gaussian smoothing in numpy alone: SciPy's `ndimage` costs about 0.2 s to import, more than a
whole 24 MP check should (issue 14).

The same filter as `scipy.ndimage.gaussian_filter(plane, sigma)` with its defaults (kernel
truncated at 4 σ, borders mirrored half-sample symmetrically: ``d c b a | a b c d``), applied
separably, along rows then columns, in the plane's float dtype. Each pass is a product with the
filter's banded matrix, the mirrored borders folded into it, cut into bands of _BAND_ROWS output
lines so that no multiply-add falls outside the band (BLAS: about 3× faster than summing shifted
copies of the plane, issue 14). It agrees with SciPy to float32 rounding (≤ 5e-7 on [0, 1] data):
only the order of each sum differs.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import numpy.typing as npt

# SciPy's default truncation of the kernel, in standard deviations.
TRUNCATE_SIGMAS = 4.0
# Output lines per matrix product, and the most multiply-adds one product makes: 2^18, above
# which OpenBLAS shares a product between threads (their waiting costs CPU time, and a check
# already runs one process per core); the lines of the other axis a product takes follow from it
# (564 for horizon's σ = 1.5 px; the CLI also pins OpenBLAS to one thread, so this matters to
# callers of the API).
_BAND_ROWS = 16
_MAX_MULTIPLY_ADDS = 1 << 18


def gaussian_kernel(sigma: float) -> npt.NDArray[np.float64]:
    """The normalised 1-D Gaussian of standard deviation `sigma` (px), radius ⌊4σ + 0.5⌋ taps
    each side, as SciPy builds it."""
    radius = int(TRUNCATE_SIGMAS * sigma + 0.5)
    taps = np.exp(-0.5 * (np.arange(-radius, radius + 1) / sigma) ** 2)
    return taps / taps.sum()


def gaussian_smooth(plane: npt.NDArray[np.floating], sigma: float) -> npt.NDArray[np.floating]:
    """`plane` (H, W) smoothed by a Gaussian of `sigma` px, borders mirrored; same shape and dtype.

    Examples
    --------
    >>> import numpy as np
    >>> flat = np.full((5, 7), 0.5, dtype=np.float32)
    >>> bool(np.allclose(gaussian_smooth(flat, 2.0), 0.5))
    True
    """
    height, width = plane.shape
    span = max(1, _MAX_MULTIPLY_ADDS // (_BAND_ROWS * len(gaussian_kernel(sigma)) + _BAND_ROWS**2))
    along_rows = np.empty_like(plane)
    for first, last, start, stop, weights in _bands(width, float(sigma), plane.dtype.str):
        for top in range(0, height, span):
            rows = slice(top, top + span)
            np.matmul(plane[rows, start:stop], weights.T, out=along_rows[rows, first:last])
    out = np.empty_like(plane)
    for first, last, start, stop, weights in _bands(height, float(sigma), plane.dtype.str):
        for left in range(0, width, span):
            columns = slice(left, left + span)
            np.matmul(weights, along_rows[start:stop, columns], out=out[first:last, columns])
    return out


Band = tuple[int, int, int, int, npt.NDArray[np.floating]]


@lru_cache(maxsize=64)
def _bands(length: int, sigma: float, dtype: str) -> tuple[Band, ...]:
    """The smoothing of a line of `length` samples as bands of its matrix: (first, last, start,
    stop, weights), output samples first:last being weights (last − first, stop − start) times
    input samples start:stop; each weight the sum of the kernel's taps that land on that input
    after mirroring, in float64, then stored in `dtype`. A band clear of both ends is the same
    matrix wherever it stands (_interior, built once per sigma), so a new length, as each new
    aspect ratio brings, builds only the bands at its ends."""
    kernel = gaussian_kernel(sigma)
    radius = len(kernel) // 2
    bands = []
    for first in range(0, length, _BAND_ROWS):
        last = min(length, first + _BAND_ROWS)
        if first >= radius and last + radius <= length and last - first == _BAND_ROWS:
            bands.append((first, last, first - radius, last + radius, _interior(sigma, dtype)))
            continue
        # Each output's inputs, mirrored at both ends (numpy's "symmetric", repeated as often as a
        # kernel wider than the line needs: the mirrored line has period 2 × length).
        inputs = (np.arange(first, last)[:, None] + np.arange(-radius, radius + 1)[None, :]) % (2 * length)
        inputs = np.where(inputs >= length, 2 * length - 1 - inputs, inputs)
        start, stop = int(inputs.min()), int(inputs.max()) + 1
        weights = np.zeros((last - first, stop - start))
        rows = np.repeat(np.arange(last - first), len(kernel))
        np.add.at(weights, (rows, inputs.reshape(-1) - start), np.tile(kernel, last - first))
        bands.append((first, last, start, stop, weights.astype(dtype)))
    return tuple(bands)


@lru_cache(maxsize=8)
def _interior(sigma: float, dtype: str) -> npt.NDArray[np.floating]:
    """The weights of a band of _BAND_ROWS outputs clear of both ends: row i holds the kernel from
    column i (the inputs start `radius` before the band's first output)."""
    kernel = gaussian_kernel(sigma)
    weights = np.zeros((_BAND_ROWS, _BAND_ROWS + len(kernel) - 1))
    for row in range(_BAND_ROWS):
        weights[row, row : row + len(kernel)] = kernel
    return weights.astype(dtype)
