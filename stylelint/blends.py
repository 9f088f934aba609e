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
# Colours handled at once: bounds the (chunk, pieces) work arrays to about 20 MB for a 6-colour palette.
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

    Notes
    -----
    Every piece of every blend is scored at once, with (n, pieces) matrix products rather than
    (n, pieces, 3) differences: for a colour x, a piece from s along d and o = x − s, the foot of
    the perpendicular is at t = clip(o·d / |d|², 0, 1) and the squared distance is
    |o|² − 2t(o·d) + t²|d|², where o·d = x·d − s·d and |o|² = |x|² − 2x·s + |s|². Only the nearest
    piece's foot is then built, for the ΔE00. A tie goes to the first blend, as listed.
    """
    points = np.asarray(lab, dtype=np.float64).reshape(-1, 3)
    starts = np.concatenate([blend.lab[:-1] for blend in blends])  # (P, 3)
    steps = np.concatenate([np.diff(blend.lab, axis=0) for blend in blends])  # (P, 3)
    owner = np.repeat(np.arange(len(blends)), [len(blend.lab) - 1 for blend in blends])
    length2 = np.maximum((steps**2).sum(axis=1), 1e-12)  # a zero-length piece (white's tint) is a point
    start_step = (starts * steps).sum(axis=1)
    start2 = (starts**2).sum(axis=1)
    best = np.empty(len(points), dtype=np.intp)
    for lo in range(0, len(points), _CHUNK):
        part = points[lo : lo + _CHUNK]
        along = part @ steps.T - start_step  # o·d, (n, P)
        t = np.clip(along / length2, 0.0, 1.0)
        gap = (part**2).sum(axis=1)[:, None] - 2 * part @ starts.T + start2 - t * (2 * along - t * length2)
        best[lo : lo + _CHUNK] = np.argmin(gap, axis=1)
    t_best = np.clip(((points - starts[best]) * steps[best]).sum(axis=1) / length2[best], 0.0, 1.0)
    nearest = starts[best] + t_best[:, None] * steps[best]
    return np.asarray(delta_e_2000(points, nearest), dtype=np.float64).reshape(-1), owner[best]
