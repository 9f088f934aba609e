"""Keystone: the lean a camera pitched up or down gives vertical lines, fitted out of their tilts.

A camera pitched up makes verticals converge: each leans in proportion to its distance from
the frame's centre, the one through the centre stays plumb. Fitting the lines' tilts linearly
in x reads the tilt a vertical at the centre would have (the camera's roll), whatever the
pitch; lines to one side only cannot tell the lean from a roll, so they are averaged.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from stylelint.straight_lines import Line

FloatArray = npt.NDArray[np.float64]


class Keystone(NamedTuple):
    """Plumb lines' tilts fitted for keystone (fit_keystone): each line's x (share of the width
    from the centre) and coverage, whether they stand on both sides of the centre (so the
    keystone's slope is fitted), the slope (degrees per width), the tilt at the centre and each
    line's deviation from the fit (degrees)."""

    x: FloatArray
    weights: FloatArray
    straddles: bool
    slope: float
    centre: float
    deviations: FloatArray


def fit_keystone(lines: list[Line], width: int, *, min_spread: float, straddle: float) -> Keystone:
    """The tilts of near-vertical `lines` fitted linearly in x (weighted by coverage) when they
    spread over `min_spread` of the `width` and stand `straddle` or more of it on both sides of
    the centre; else their coverage-weighted mean, with no slope."""
    x = np.array([(line.x0 + line.x1) / 2 / width - 0.5 for line in lines])
    tilts = np.array([line.tilt for line in lines])
    weights = np.array([line.share for line in lines])
    straddles = bool(np.ptp(x) >= min_spread and x.min() <= -straddle and x.max() >= straddle)
    if straddles:
        slope, centre = np.polyfit(x, tilts, 1, w=np.sqrt(weights))
    else:
        slope, centre = 0.0, float(np.average(tilts, weights=weights))
    return Keystone(x, weights, straddles, float(slope), float(centre), tilts - centre - slope * x)


def keystone_lean(fit: Keystone, keystone_deg: float) -> float:
    """The most a camera pitched up or down leans lines standing where `fit`'s lines stand, to one
    side of the centre (degrees): `keystone_deg` at the frame's sides, in proportion to the
    distance from the centre, averaged over the lines by coverage."""
    return 2 * keystone_deg * float(np.average(np.abs(fit.x), weights=fit.weights))
