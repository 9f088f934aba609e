"""The dominant near-horizontal and near-vertical lines are level and plumb.

Measures `tilt_deg`: the rotation, in degrees, that best aligns the image's straight edges with
the frame's axes, on the working copy. Edges come from Canny (σ = 2 px) on the grey image; only
edge pixels whose gradient points within 20° of vertical (for horizontal lines) or of
horizontal (for vertical lines) are kept. For each candidate tilt t in ±15° (0.1° steps, then
refined by a parabola through the best three), a Hough transform projects those pixels across
lines turned by t; the tilt whose projections are most concentrated (largest sum of squared
Hough votes, the projection-profile criterion of Postl 1986) wins. Horizontal and vertical
lines vote together, since a rolled camera turns both by the same angle. Lines more than 15°
off an axis are taken as deliberate diagonals and ignored.

Sign: positive `tilt_deg` means the picture is turned counter-clockwise: a horizon that rises
to the right, verticals whose tops lean left. Rotating the image clockwise by `tilt_deg` levels
it. An image rotated counter-clockwise by 2° (`stylelint.testing.rotate(image, 2)`) reads +2.

A tilt is reported only when there is a strong line at it: an unbroken run of edge pixels
(gaps of at most 1 % of the long edge) at least 25 % of the frame's width (horizontal) or height
(vertical) long. Otherwise `tilt_deg` and `line` are null and the rule passes. `line` is the
longest such run, as [[x0, y0], [x1, y1]] fractions of the width and height (for drawing).

Fails when |tilt_deg| > `max_tilt_deg`; the bound is inclusive (exactly 1.0° passes).

Accuracy: within ±0.5° (typically ±0.2°) on photographs with clear straight lines (buildings,
horizons, furniture, text) rotated by known angles. Known failure cases: converging verticals
(a building shot from below) and receding horizontals read as the average of their slopes;
scenes without true horizontals (foliage, a cat, a portrait) may show a strong but slanted
contour (a shoulder, a branch) and report its slope; a deliberately canted ("Dutch") angle
fails by design; a real horizon tilted by a curved lens is not straightened first.

References: Canny, J. (1986), IEEE PAMI 8(6); Duda & Hart (1972), "Use of the Hough
transformation to detect lines and curves in pictures", CACM 15(1); Postl, W. (1986),
"Detection of linear oblique structures and skew scan in digitized documents", ICPR.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt

from stylelint.facts import ImageFacts
from stylelint.rule import Category, Rule, Verdict, param, params

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

# Lines up to 15° off an axis count as meant to be level; beyond that they read as deliberate
# diagonals (a common limit of auto-straighten tools, e.g. Lightroom's ±45° is for scans).
SEARCH_DEG = 15.0
# Hough angle step; the parabolic refinement brings the estimate well below it.
STEP_DEG = 0.1
# An edge pixel belongs to the horizontal family when its gradient is within SEARCH_DEG plus
# this margin of vertical: Canny's gradient direction is noisy by a few degrees on real edges.
ORIENTATION_MARGIN_DEG = 5.0
# A strong line: an unbroken run at least this share of the frame's width (or height) ...
MIN_LINE_SHARE = 0.25
# ... whose gaps are at most this share of the long edge (10 px at 1024: small occlusions).
MAX_GAP_SHARE = 0.01
# Edge pixels this close to the frame (share of the long edge) are ignored: scanned and
# resized photos often carry a dark or bright border line that is level by construction.
BORDER_SHARE = 0.01
# Edge pixels within this distance (px) of a Hough line belong to it: Canny's localisation
# error plus the 1-px rounding of the accumulator.
LINE_BAND_PX = 1.5
# Hough lines examined per family, most votes first, when looking for the strong line.
PEAKS = 8


class Found(NamedTuple):
    """A straight run of edge pixels, in px (x right, y down), with its refitted tilt."""

    x0: float
    y0: float
    x1: float
    y1: float
    share: float
    length: float
    tilt: float


@params
class Params:
    max_tilt_deg: float = param(
        1.0, unit="degrees", min=0, max=SEARCH_DEG, doc="Largest allowed |tilt| of the dominant lines."
    )


def measure(facts: ImageFacts, p: Params) -> dict[str, Any]:
    gray, edges = facts.gray, _inner(facts.edges)
    slopes = _gradient_slopes(facts.smooth_gray)
    tilts = np.arange(-SEARCH_DEG, SEARCH_DEG + STEP_DEG / 2, STEP_DEG)
    families = [_family(edges, slopes, tilts, horizontal=h) for h in (True, False)]
    score = np.sum([family.votes.astype(np.float64) ** 2 for family in families], axis=(0, 1))
    best = int(np.argmax(score))
    runs = [_longest_on_peaks(family, best, gray.shape) for family in families]
    line = max((run for run in runs if run is not None), key=lambda run: run.share, default=None)
    if line is None or line.share < MIN_LINE_SHARE:
        return {"tilt_deg": None, "line": None, "strength": round(line.share if line else 0.0, 4)}
    height, width = gray.shape
    tilt = float(tilts[best] + _parabolic_offset(score, best) * STEP_DEG)
    return {
        "tilt_deg": round(tilt, 3),
        "strength": round(line.share, 4),
        "line": [
            [round(line.x0 / width, 4), round(line.y0 / height, 4)],
            [round(line.x1 / width, 4), round(line.y1 / height, 4)],
        ],
    }


def judge(measured: Mapping[str, Any], p: Params) -> Verdict:
    expected = {"max_tilt_deg": p.max_tilt_deg}
    tilt = measured["tilt_deg"]
    if tilt is None:
        return Verdict(True, expected, "no strong straight line to level")
    turn = "counter-clockwise" if tilt > 0 else "clockwise"
    if abs(tilt) <= p.max_tilt_deg:
        return Verdict(True, expected, f"lines are level within {abs(tilt):.1f}° (limit {p.max_tilt_deg:g}°)")
    return Verdict(False, expected, f"image is turned {abs(tilt):.1f}° {turn}; limit {p.max_tilt_deg:g}°")


def _inner(edges: BoolArray) -> BoolArray:
    """`edges` without the pixels within BORDER_SHARE of the long edge from the frame."""
    margin = max(1, round(BORDER_SHARE * max(edges.shape)))
    inner = np.zeros_like(edges)
    inner[margin:-margin, margin:-margin] = edges[margin:-margin, margin:-margin]
    return inner


def _thetas(tilt_deg: npt.ArrayLike) -> tuple[FloatArray, FloatArray]:
    """Hough normal angles (radians) of horizontal and vertical lines turned CCW by `tilt_deg`.

    skimage's Hough uses rho = x cos θ + y sin θ with y down: a level line has θ = 90°, a plumb
    one θ = 0°, and turning the picture counter-clockwise by t lowers both by t.
    """
    t = np.radians(np.asarray(tilt_deg, dtype=np.float64))
    return math.pi / 2 - t, -t


class Family(NamedTuple):
    """One family of lines (level or plumb): its edge points and Hough votes per tilt."""

    horizontal: bool
    points: FloatArray
    votes: npt.NDArray[np.uint64]
    theta: FloatArray
    rho: FloatArray


def _family(edges: BoolArray, slopes: Slopes, tilts: FloatArray, *, horizontal: bool) -> Family:
    """Hough votes (rho × tilt) of the edge pixels oriented like one family of lines.

    An edge pixel joins the family when its gradient is within SEARCH_DEG + margin of the
    family's line normal (vertical for horizontal lines).
    """
    from skimage.transform import hough_line

    mask = edges & (slopes.near_vertical if horizontal else slopes.near_horizontal)
    theta = _thetas(tilts)[0 if horizontal else 1]
    votes, _, rho = hough_line(mask, theta=theta)
    ys, xs = np.nonzero(mask)
    return Family(
        horizontal, np.column_stack([xs, ys]).astype(np.float64), votes, theta, np.asarray(rho, dtype=np.float64)
    )


def _longest_on_peaks(family: Family, k: int, shape: tuple[int, ...]) -> Found | None:
    """The longest unbroken run on the PEAKS best-voted lines of tilt index `k`."""
    span = shape[1] if family.horizontal else shape[0]
    gap = max(2.0, MAX_GAP_SHARE * max(shape[:2]))
    column = family.votes[:, k]
    peaks = np.argsort(column, kind="stable")[::-1][:PEAKS]
    runs = [_run(family.points, family.theta[k], family.rho[i], gap, span) for i in peaks if column[i]]
    return max((run for run in runs if run is not None), key=lambda run: run.share, default=None)


def _run(points: FloatArray, theta: float, rho: float, gap: float, span: int) -> Found | None:
    """The longest unbroken run of `points` on the Hough line (theta, rho), refitted."""
    cos, sin = math.cos(theta), math.sin(theta)
    distance = points @ np.array([cos, sin]) - rho
    along = points @ np.array([-sin, cos])
    on_line = np.flatnonzero(np.abs(distance) <= LINE_BAND_PX)
    order = on_line[np.argsort(along[on_line], kind="stable")]
    start, stop = _longest_run(along[order], gap)
    if stop - start < 2:
        return None
    chosen = points[order[start : stop + 1]]
    return _refit(chosen, span)


def _refit(chosen: FloatArray, span: int) -> Found:
    """Total-least-squares line through `chosen` (n, 2) points: its ends and tilt."""
    centre = chosen.mean(axis=0)
    _, _, vt = np.linalg.svd(chosen - centre, full_matrices=False)
    dx, dy = vt[0]
    # y grows downwards, so the counter-clockwise angle of the direction is atan2(-dy, dx).
    angle = math.degrees(math.atan2(-dy, dx)) % 180.0
    horizontal = angle < 45 or angle >= 135
    tilt = (angle + 90) % 180 - 90 if horizontal else angle - 90
    along = (chosen - centre) @ vt[0]
    (x0, y0), (x1, y1) = sorted(tuple(centre + t * vt[0]) for t in (along.min(), along.max()))
    length = float(along.max() - along.min())
    return Found(float(x0), float(y0), float(x1), float(y1), length / span, length, float(tilt))


class Slopes(NamedTuple):
    """Which pixels' gradients point within SEARCH_DEG + margin of vertical, or of horizontal."""

    near_vertical: BoolArray
    near_horizontal: BoolArray


def _gradient_slopes(smooth: npt.NDArray[np.float32]) -> Slopes:
    """Orientation classes of each pixel's gradient (Sobel of the smoothed luma).

    The angle θ between the gradient (gx, gy) and the vertical is within a limit L exactly when
    |gx| ≤ tan L · |gy|, and within L of the horizontal when |gy| ≤ tan L · |gx| (a zero gradient
    counts as vertical, as atan2(0, 0) = 0): slopes compared, no arctangent (issue 14).
    """
    from scipy.ndimage import sobel

    gy, gx = np.abs(sobel(smooth, axis=0)), np.abs(sobel(smooth, axis=1))
    limit = np.float32(math.tan(math.radians(SEARCH_DEG + ORIENTATION_MARGIN_DEG)))
    return Slopes(gx <= limit * gy, (gy <= limit * gx) & (gx > 0))


def _longest_run(positions: FloatArray, gap: float) -> tuple[int, int]:
    """First and last index of the longest stretch of sorted `positions` with no step > `gap`."""
    if len(positions) < 2:
        return 0, 0
    breaks = np.flatnonzero(np.diff(positions) > gap)
    starts = np.concatenate([[0], breaks + 1])
    stops = np.concatenate([breaks, [len(positions) - 1]])
    longest = int(np.argmax(positions[stops] - positions[starts]))
    return int(starts[longest]), int(stops[longest])


def _parabolic_offset(score: FloatArray, k: int) -> float:
    """Sub-step offset (in steps, within ±0.5) of the peak of `score` at index `k`."""
    if k == 0 or k == len(score) - 1:
        return 0.0
    left, mid, right = score[k - 1], score[k], score[k + 1]
    curvature = left - 2 * mid + right
    return float(np.clip(0.5 * (left - right) / curvature, -0.5, 0.5)) if curvature else 0.0


RULE = Rule(
    id="horizon",
    category=Category.COMPOSITION,
    version=1,
    doc=__doc__,
    params=Params,
    measure=measure,
    judge=judge,
    measured_keys=("tilt_deg", "line", "strength"),
    measured_with=(),
    example="horizon: {severity: warning, max_tilt_deg: 1.0}",
)
