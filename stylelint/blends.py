"""Tints, shades and mixes of palette colours: the blends `palette` accepts with `blends: true`.

A blend is the path of colours between two ends, mixed in gamma-encoded sRGB: (1 − t)·A + t·B
for t in [0, 1], which is how gradient maps, duotones, layer opacity and "tint 40 %" swatches mix
in common design and photo tools. The blends of a palette are the mixes of every pair of its
colours, and each colour's tints (towards white, #FFFFFF) and shades (towards black, #000000).
Each path is a curve in CIELAB; it is held as a polyline of `PIECES` straight pieces in CIELAB
(their ends are exact mixes), fine enough that the chord is within a fraction of a ΔE of the
curve.

A colour's distance to the blends is the CIEDE2000 difference between it and the point of the
polylines nearest to it in CIELAB (Euclidean: the orthogonal projection onto each piece,
clamped to its ends).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from stylelint.colour import FloatArray, delta_e_2000, rgb_to_lab
from stylelint.params import Colour

# Straight pieces per blend: a mix of two sRGB colours bends in CIELAB; with 16 pieces the chord
# of navy → sand (the bend of a typical duotone) stays within 0.2 ΔE76 of the curve.
PIECES = 16
# Colours handled at once: bounds the (chunk, PIECES, 3) work arrays to about 20 MB.
_CHUNK = 50_000
_WHITE = (1.0, 1.0, 1.0)
_BLACK = (0.0, 0.0, 0.0)


class Blend(NamedTuple):
    """One blend: its name ("navy–sand", "navy tint", "navy shade") and its polyline in CIELAB,
    shape (PIECES + 1, 3)."""

    name: str
    lab: FloatArray


def blends_of(colours: Sequence[Colour]) -> list[Blend]:
    """The mixes of every pair of `colours`, and each colour's tints and shades."""
    ends: list[tuple[str, tuple[float, float, float], tuple[float, float, float]]] = []
    for index, first in enumerate(colours):
        ends += [(f"{first.name}–{second.name}", first.srgb, second.srgb) for second in colours[index + 1 :]]
        ends += [(f"{first.name} tint", first.srgb, _WHITE), (f"{first.name} shade", first.srgb, _BLACK)]
    t = np.linspace(0.0, 1.0, PIECES + 1)[:, None]
    return [Blend(name, rgb_to_lab((1 - t) * np.array(a) + t * np.array(b))) for name, a, b in ends]


def blend_distance(lab: npt.ArrayLike, blends: Sequence[Blend]) -> tuple[FloatArray, npt.NDArray[np.intp]]:
    """ΔE00 from each colour to the nearest point of the blends, and which blend that point is on.

    Parameters
    ----------
    lab : array (n, 3), CIELAB
    blends : from `blends_of` (at least one)

    Returns
    -------
    (delta_e (n,) in ΔE00, index (n,) into `blends`)
    """
    points = np.asarray(lab, dtype=np.float64).reshape(-1, 3)
    best = np.full(len(points), np.inf)
    nearest = points.copy()
    index = np.zeros(len(points), dtype=np.intp)
    for lo in range(0, len(points), _CHUNK):
        part = slice(lo, lo + _CHUNK)
        for number, blend in enumerate(blends):
            found, gap = _nearest_on(points[part], blend.lab)
            closer = gap < best[part]
            best[part][closer], nearest[part][closer], index[part][closer] = gap[closer], found[closer], number
    return np.asarray(delta_e_2000(points, nearest), dtype=np.float64).reshape(-1), index


def _nearest_on(points: FloatArray, polyline: FloatArray) -> tuple[FloatArray, FloatArray]:
    """The nearest point (Euclidean) of a polyline (k, 3) to each point (n, 3), and its squared
    distance."""
    start, step = polyline[:-1], np.diff(polyline, axis=0)  # (p, 3)
    length2 = np.maximum((step**2).sum(axis=1), 1e-12)  # a zero-length piece (white's tint) is a point
    offset = points[:, None, :] - start[None, :, :]  # (n, p, 3)
    t = np.clip((offset * step[None]).sum(axis=2) / length2, 0.0, 1.0)
    foot = start[None] + t[..., None] * step[None]
    gap = ((points[:, None, :] - foot) ** 2).sum(axis=2)  # (n, p)
    piece = np.argmin(gap, axis=1)
    rows = np.arange(len(points))
    return foot[rows, piece], gap[rows, piece]
