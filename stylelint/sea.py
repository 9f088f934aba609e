"""The sea's top edge told by its colour: a sea horizon hidden for most of the width (issue 13).

The horizon rule's lines are luma edges of the luma reduced to 512 px. A sea horizon that shows
only in short stretches between a headland and islands (Kodak's kodim21: open over 8 % of the
width, over one stretch of 5 % once turned and cropped) gives too few of them, and the edges of
the land in front are as long. The sea is told here by its colour instead: it is bluer than the
land and than the haze above the horizon (kodim21: RGB 83, 97, 109 against the headland's 78, 85,
78 and the sky's 133, 146, 141). In each column of the working copy (reduced by a whole factor
to no less than LEAST_SIDE px), the strongest step of blueness (B - R, of 0-1 channels) to bluer
below, BAND_SHARE of the long edge averaged on either side, at least STEP_MIN with BLUE_MIN below
it, marks the top of the sea: the horizon where the sea is open, elsewhere the water line of the
headland or island in front, a px or two below it and nearly parallel to it, so that together
they make one nearly straight edge. The line through most of those points within INLIER_PX (a
search over the tilts the caller allows in steps of STEP_DEG, then least squares on the points near
it, three times) is the sea's top when:
- its points, gaps of up to GAP_SHARE of the width joined, run from within SIDE_SHARE of a frame
  side over RUN_SHARE of the width, a point in DENSITY of its columns (the sea goes on beyond the
  frame; a blue thing's edge, a hull's or a chip's, mostly ends inside it);
- it is straight: the rms residual at most RMS_PX and its two halves' tilts within BEND_DEG (a
  shoreline in perspective bends: OpenCV's aerial aero3 read -2.1° with halves 1.9° apart);
- it is within the tilt the caller allows (the horizon rule: 5.5°, beyond which a slanted
  subject is likelier than a rolled camera);
- and below it the sea stays blue: BLUE_BELOW of the px in a band of DEPTH_SHARE of the height
  under the line (beyond the step's band) reach BLUE_MIN.
Its uncertainty adds in quadrature the slope's standard error from the residuals, a quarter of
the difference between its two halves' tilts (straight_lines.halves_se, as for the rule's own
lines) and WATERLINE_DEG, for a
water line is not the horizon: nearer land lies lower, and a line joining a headland's water line
to the horizon beyond it is tilted by the difference (kodim21 reads +0.4° where its open sea reads
+0.2°).

Nothing here judges the photo: rules/horizon.py asks for this line only when its own evidence
reads nothing.
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt
from PIL import Image

from stylelint.edge_points import BORDER_SHARE
from stylelint.straight_lines import HALVES_SE_RATIO, Line, halves_se

FloatArray = npt.NDArray[np.float64]

# The step of blueness to bluer below that marks the sea's top (B - R, 0-1 channels, means of
# BAND_SHARE of the long edge on either side): kodim21's sea is 0.08-0.1 bluer than the headland
# and the haze above it (0.1 at 768 px); the sea below at least BLUE_MIN (0.09-0.11 there, the sky
# near the horizon 0.03-0.06, green and grey land under 0.02).
STEP_MIN = 0.04
BLUE_MIN = 0.05
BAND_SHARE = 0.006
# The working copy is reduced (box) by the largest whole factor that leaves this long edge at
# least: the sea's top is as well read on kodim21's copies at 384, 768 and 1024 px (within 0.15°
# of each other) at a third of the cost of 768 px.
LEAST_SIDE = 384
# The line is searched over the tilts the caller allows (the horizon rule: its PRIOR_DEG, beyond
# which a slanted subject is likelier than a rolled camera) in steps of STEP_DEG; its points lie
# within INLIER_PX. Steps within edge_points.BORDER_SHARE of the frame are ignored (a scan's
# border is level by construction).
STEP_DEG = 0.1
INLIER_PX = 1.0
# What makes the line the sea's top (see the module docstring); chosen on kodim21 at 384, 768
# and 1024 px (its runs: 0.25-0.32 of the width, gaps up to 7.4 %, 0.4-0.5 points per column,
# rms 0.3-0.5 px, halves up to 0.6° apart) against the Kodak, scikit-image and OpenCV photos.
GAP_SHARE = 0.08
SIDE_SHARE = 0.08
RUN_SHARE = 0.2
DENSITY = 0.3
RMS_PX = 0.5
BEND_DEG = 0.8
DEPTH_SHARE = 0.03
BLUE_BELOW = 0.8
# A water line's tilt against the horizon's, beyond what the fit's errors show (one σ, degrees):
# kodim21 reads +0.41° at 768 px where its open sea reads +0.20°; a synthetic coast whose
# headland's water line lies 1-2 px below the horizon reads 0.33-0.35° high
# (tests/rules/test_horizon_sea.py).
WATERLINE_DEG = 0.3


def sea_line(image: Image.Image, shape: tuple[int, int], within_deg: float) -> Line | None:
    """The top edge of the sea in `image` (8-bit RGB), tilted by at most `within_deg`, if one
    shows (see the module docstring), else None: a level `Line` in px of a copy of `image` resized
    to `shape` (h, w), as the horizon rule's lines are, whose `share` is its run's and whose
    `tilt_se` is its uncertainty."""
    factor = max(1, max(image.size) // LEAST_SIDE)
    image = image if image.mode == "RGB" else image.convert("RGB")
    columns = _blueness_columns(image.reduce(factor) if factor > 1 else image)
    width = columns.shape[0]
    if _too_few_blue_columns(columns):
        return None
    found = _edge_from_side(columns, within_deg)
    if found is None:
        return None
    xs, ys, share = found
    slope, offset = np.polyfit(xs, ys, 1)
    residual = float(np.sqrt(np.mean((ys - slope * xs - offset) ** 2)))
    tilt = -math.degrees(math.atan(slope))
    halves = halves_se(xs.astype(np.float32), ys.astype(np.float32))
    bend = halves * HALVES_SE_RATIO  # the two halves' tilts apart, degrees
    if residual > RMS_PX or bend > BEND_DEG or abs(tilt) > within_deg:
        return None
    if not _blue_below(columns, xs, slope, offset):
        return None
    uncertainty = math.hypot(_slope_se(xs, residual), halves, WATERLINE_DEG)
    x0, x1 = float(xs.min()), float(xs.max())
    across, down = shape[1] / width, shape[0] / columns.shape[1]
    ends = (x0 * across, float(slope * x0 + offset) * down, x1 * across, float(slope * x1 + offset) * down)
    return Line(*ends, share=share, tilt=tilt, halves=lambda: uncertainty)


def _too_few_blue_columns(columns: npt.NDArray[np.float32]) -> bool:
    """Whether fewer columns hold any px as blue as the sea (BLUE_MIN) than the sea's top needs
    points (DENSITY of RUN_SHARE of the width, one a column: _edge_from_side). An exact early
    return: about 1 ms less on a photo with no blue."""
    return np.count_nonzero((columns >= BLUE_MIN).any(axis=1)) < DENSITY * RUN_SHARE * columns.shape[0]


def _edge_from_side(columns: npt.NDArray[np.float32], within_deg: float) -> tuple[FloatArray, FloatArray, float] | None:
    """The points (x, y px) of the sea's top on the line through most of them within `within_deg`
    of level (_best_line) that run from a frame side (_run_from_side) with a point in DENSITY of
    their columns, and the share of the width they run over; None when there is no such run."""
    xs, ys = _sea_tops(columns)
    if len(xs) < 2:
        return None
    slope, offset = _best_line(xs, ys, within_deg)
    near = np.abs(ys - slope * xs - offset) <= INLIER_PX
    run = _run_from_side(xs[near], columns.shape[0])
    if run is None:
        return None
    start, end = run
    inside = near & (xs >= start) & (xs <= end)
    if np.count_nonzero(inside) < DENSITY * (end - start):
        return None
    return xs[inside], ys[inside], float(end - start) / columns.shape[0]


def _blueness_columns(image: Image.Image) -> npt.NDArray[np.float32]:
    """B - R of `image` (8-bit RGB) in 0-1 channel units, one column a row: shape (w, h), float32
    (the steps are searched down the columns, fastest along a row)."""
    rgb = np.asarray(image.transpose(Image.Transpose.TRANSPOSE))
    return (rgb[..., 2].astype(np.float32) - rgb[..., 0]) * np.float32(1 / 255)


def _sea_tops(columns: npt.NDArray[np.float32]) -> tuple[FloatArray, FloatArray]:
    """In each column (a row of `columns`, see _blueness_columns), the row (px, to a fraction by a
    parabola through the step) of the strongest step to bluer below (STEP_MIN, BLUE_MIN below
    it), away from the frame; the columns that have one and their rows."""
    width, height = columns.shape
    band = max(2, round(BAND_SHARE * max(height, width)))
    margin = max(1, round(BORDER_SHARE * max(height, width)))
    rows = np.arange(band, height - band)
    if len(rows) <= 2 * margin:  # a strip too low for a step with a band on either side
        return np.empty(0), np.empty(0)
    # sums[:, y]: the values of rows y .. y + band - 1 of each column, added
    sums = _running_sums(columns[margin : width - margin], band)
    below = sums[:, band + 1 : band + 1 + len(rows)] / np.float32(band)
    step = below - sums[:, : len(rows)] / np.float32(band)
    step[(step < STEP_MIN) | (below < BLUE_MIN)] = 0
    step[:, :margin], step[:, len(rows) - margin :] = 0, 0
    best = step.argmax(axis=1)
    found = np.nonzero(step[np.arange(len(best)), best] > 0)[0]
    best = best[found]
    before, at, after = (step[found, np.clip(best + k, 0, len(rows) - 1)] for k in (-1, 0, 1))
    curvature = before - 2 * at + after
    shift = np.where(curvature < 0, 0.5 * (before - after) / np.where(curvature < 0, curvature, -1), 0)
    return (found + margin).astype(np.float64), rows[best] + np.clip(shift, -0.5, 0.5).astype(np.float64)


def _running_sums(rows: npt.NDArray[np.float32], band: int) -> npt.NDArray[np.float32]:
    """Sums of `band` consecutive values along each row of `rows`: shape (n, length - band + 1)."""
    sums = rows[:, : rows.shape[1] - band + 1].copy()
    for k in range(1, band):
        sums += rows[:, k : rows.shape[1] - band + 1 + k]
    return sums


def _best_line(xs: FloatArray, ys: FloatArray, within_deg: float) -> tuple[float, float]:
    """Slope and offset (y = slope * x + offset) of the line within `within_deg` of level through
    most of the points (xs, ys) within INLIER_PX, refitted by least squares on them three times."""
    tilts = np.arange(-within_deg, within_deg + STEP_DEG / 2, STEP_DEG)
    slopes = np.array([math.tan(math.radians(-tilt)) for tilt in tilts])
    offsets = ys[None, :] - slopes[:, None] * xs[None, :]  # one row a tilt
    low = offsets.min(axis=1, keepdims=True)
    bins = (offsets - low).astype(np.intp)  # 1-px bins from each tilt's lowest offset
    size = int(bins.max()) + 1
    votes = np.bincount((bins + size * np.arange(len(tilts))[:, None]).ravel(), minlength=size * len(tilts))
    centres = low[:, 0] + votes.reshape(len(tilts), size).argmax(axis=1) + 0.5
    counts = np.count_nonzero(np.abs(offsets - centres[:, None]) <= INLIER_PX, axis=1)
    best = int(counts.argmax())  # the first of the most, as the tilts go
    slope, offset = float(slopes[best]), float(centres[best])
    for _ in range(3):
        near = np.abs(ys - slope * xs - offset) <= INLIER_PX
        if np.count_nonzero(near) < 2:
            break
        slope, offset = (float(v) for v in np.polyfit(xs[near], ys[near], 1))
    return slope, offset


def _run_from_side(xs: FloatArray, width: int) -> tuple[float, float] | None:
    """The first and last x (px) of the run of `xs` (gaps of GAP_SHARE of the width joined) that
    starts within SIDE_SHARE of a frame side and covers RUN_SHARE of the width, else None."""
    if len(xs) == 0:
        return None
    xs = np.sort(xs)
    breaks = np.nonzero(np.diff(xs) > GAP_SHARE * width)[0]
    starts = np.concatenate([[0], breaks + 1])
    ends = np.concatenate([breaks, [len(xs) - 1]])
    runs = [(xs[a], xs[b]) for a, b in zip(starts, ends, strict=True)]
    near_side = [
        (a, b)
        for a, b in runs
        if (a <= SIDE_SHARE * width or b >= (1 - SIDE_SHARE) * width) and b - a >= RUN_SHARE * width
    ]
    return max(near_side, key=lambda run: run[1] - run[0], default=None)


def _blue_below(columns: npt.NDArray[np.float32], xs: FloatArray, slope: float, offset: float) -> bool:
    """Whether BLUE_BELOW of the px in the band of DEPTH_SHARE of the height under the line (from
    BAND_SHARE of the long edge below it) reach BLUE_MIN along the line's points (`columns`: see
    _blueness_columns)."""
    width, height = columns.shape
    start = max(2, round(BAND_SHARE * max(height, width)))
    depth = max(3, round(DEPTH_SHARE * height))
    rows = np.round(slope * xs + offset).astype(np.intp)[None, :] + np.arange(start, start + depth)[:, None]
    band = columns[xs.astype(np.intp)[None, :], np.clip(rows, 0, height - 1)]
    return float(np.mean(band >= BLUE_MIN)) >= BLUE_BELOW


def _slope_se(xs: FloatArray, residual: float) -> float:
    """The standard error (degrees) of a least-squares slope through points at `xs` whose rms
    residual is `residual` (px)."""
    spread = float(np.sqrt(np.sum((xs - xs.mean()) ** 2)))
    return math.degrees(residual / max(spread, 1e-9))
