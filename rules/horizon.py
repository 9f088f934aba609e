"""The horizon is level and verticals are plumb: the camera's roll, when the photo shows it.

Measures `tilt_deg`: the rotation, in degrees, of the lines that show how the camera was held,
on the working copy; null (and a pass) when the photo holds no such evidence. Edges come from
Canny (σ = 2 px, thresholds low enough for a faint sea horizon) on the grey image; edge pixels
whose gradient points within 20° of vertical form level lines, within 20° of horizontal plumb
lines. A Hough transform over tilts of ±15° (0.1° steps) finds up to 16 distinct straight lines
per family; each is refitted (total least squares) and measured by its coverage: the share of
the frame's width (level) or height (plumb) along which it runs, in bins of 1 % that it must
half fill, so gaps where waves, rocks or a figure break it are allowed and clutter crossing it
does not count. A tilt is reported only when the lines are evidence of a rolled camera (issue 13:
plant stems, grass, wings and planks in perspective are not):
- "horizon": a level line covering at least 60 % of the width, with the level lines that agree
  with it within 0.5°, or at least four level lines agreeing within 0.5° that cover two widths
  together (lines of text, courses of bricks);
- "plumb lines": at least three plumb lines covering one frame height together that agree within
  0.5° once the keystone of a camera pitched up or down is taken out (tilt fitted linearly in
  the line's x; the tilt is that of a vertical at the centre);
- "level and plumb lines": at least two level and two plumb lines agreeing within 0.5° and
  covering one frame span together (a rolled camera turns both).
Beyond 3° a slanted subject (a sail, a wing, a hat) is likelier than a rolled camera, so twice
the evidence is needed there (a single line must cover 90 % of the width). `tilt_deg` is the coverage-weighted mean tilt of the evidence.

How sure: `evidence` names the kind, `lines` counts the lines and `support` sums their coverage
(in frame spans: 2.5 is, say, a horizon across the frame and two long walls); `strength` is the
best line's coverage, also when no evidence was found. `line` is the longest line of the
evidence, as [[x0, y0], [x1, y1]] fractions of the width and height (for drawing).

Sign: positive `tilt_deg` means the picture is turned counter-clockwise: a horizon that rises
to the right, verticals whose tops lean left. Rotating the image clockwise by `tilt_deg` levels
it. An image rotated counter-clockwise by 2° (`stylelint.testing.rotate(image, 2)`) reads +2.

Fails when |tilt_deg| > `max_tilt_deg`; the bound is inclusive (exactly 1.0° passes).

Measured on the 24 Kodak photographs (all level): 1 reads more than 1° (a barn whose walls lean
1.8°); 8 report a tilt. On the same photos turned by +2° and −1°, 18 of 48 turned copies
report a tilt, 8 of them within 0.7°; synthetic horizons and straight-lined photos within ±0.5°.
Known failure cases: a real horizon tilted by a curved lens is not straightened first; a
deliberately canted ("Dutch") angle fails by design; a horizon hidden behind a subject for most
of the width is not found.

References: Canny, J. (1986), IEEE PAMI 8(6); Duda & Hart (1972), "Use of the Hough
transformation to detect lines and curves in pictures", CACM 15(1); Lee, H., Shechtman, E.,
Wang, J. & Lee, S. (2012), "Automatic upright adjustment of photographs", CVPR (vertical lines,
keystone and camera roll).
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
# Hough angle step; each line's tilt is then refitted to its points, well below it.
STEP_DEG = 0.1
# An edge pixel belongs to the horizontal family when its gradient is within SEARCH_DEG plus
# this margin of vertical: Canny's gradient direction is noisy by a few degrees on real edges.
ORIENTATION_MARGIN_DEG = 5.0
# A line counts when it covers at least this share of the frame's width (or height).
MIN_LINE_SHARE = 0.15
# Edge pixels this close to the frame (share of the long edge) are ignored: scanned and
# resized photos often carry a dark or bright border line that is level by construction.
BORDER_SHARE = 0.01
# Edge pixels within this distance (px) of a Hough line belong to it: Canny's localisation
# error plus the 1-px rounding of the accumulator.
LINE_BAND_PX = 1.5
# Hough lines examined per family, most votes first; peaks closer than these in offset (px) and
# angle are one line.
PEAKS = 16
SEPARATION_PX = 6.0
SEPARATION_DEG = 1.0
# Coverage bins along a line: 1 % of the frame's span, so gaps of a few px do not count.
BIN_SHARE = 0.01
BIN_FILL = 0.5
# Canny hysteresis thresholds on the gradient magnitude of the [0, 1] grey image (scikit-image's
# defaults are 0.1 and 0.2): a sea horizon of a few per cent contrast still makes an edge.
EDGE_LOW, EDGE_HIGH = 0.03, 0.06
# Camera roll in real photographs is mostly small: beyond this tilt a slanted subject (a sail, a
# wing, a hat) is likelier, so twice the evidence is needed.
PRIOR_DEG = 3.0
# Evidence of a rolled camera (issue 13; see the docstring): chosen on the Kodak set, where
# looser limits let sails, wings and fences in perspective through.
HORIZON_SHARE = 0.6
MIN_PLUMB = 3
# Many long level lines agreeing (text, courses of bricks, a frontal facade) are a horizon too.
MIN_LEVEL = 4
LEVEL_SUPPORT = 2.0
# The most coverage asked of one line, even twice HORIZON_SHARE: edges within the border margin
# are ignored, so no line covers the whole frame.
MAX_SHARE = 0.9
MIN_EACH = 2
# Converging verticals of a camera pitched up or down lean by up to a few degrees at the frame's
# sides; their tilts are fitted linearly in x when they spread over this share of the width.
KEYSTONE_DEG = 3.0
MIN_SPREAD = 0.3
AGREE_DEG = 0.5
SUPPORT_MIN = 1.0


class Found(NamedTuple):
    """A straight run of edge pixels, in px (x right, y down), with its refitted tilt."""

    x0: float
    y0: float
    x1: float
    y1: float
    share: float
    length: float
    tilt: float
    horizontal: bool = True


@params
class Params:
    max_tilt_deg: float = param(
        1.0, unit="degrees", min=0, max=SEARCH_DEG, doc="Largest allowed |tilt| of the dominant lines."
    )


def measure(facts: ImageFacts, p: Params) -> dict[str, Any]:
    gray = facts.gray
    edges = _inner(_faint_edges(gray))
    slopes = _gradient_slopes(facts.smooth_gray)
    tilts = np.arange(-SEARCH_DEG, SEARCH_DEG + STEP_DEG / 2, STEP_DEG)
    lines = [
        line
        for horizontal in (True, False)
        for line in _lines(_family(edges, slopes, tilts, horizontal=horizontal), tilts, gray.shape)
    ]
    agreeing, evidence, tilt = _evidence(lines, gray.shape[1])
    strongest = max((line.share for line in lines), default=0.0)
    if evidence is None:
        return {
            "tilt_deg": None,
            "line": None,
            "strength": round(strongest, 4),
            "support": 0.0,
            "lines": 0,
            "evidence": None,
        }
    weights = np.array([line.share for line in agreeing])
    best = max(agreeing, key=lambda line: line.share)
    height, width = gray.shape
    return {
        "tilt_deg": round(tilt, 3),
        "strength": round(best.share, 4),
        "support": round(float(weights.sum()), 3),
        "lines": len(agreeing),
        "evidence": evidence,
        "line": [
            [round(best.x0 / width, 4), round(best.y0 / height, 4)],
            [round(best.x1 / width, 4), round(best.y1 / height, 4)],
        ],
    }


def _evidence(lines: list[Found], width: int) -> tuple[list[Found], str | None, float]:
    """The lines that are evidence of a rolled camera, what kind, and the tilt they give.

    "horizon": a level line covering HORIZON_SHARE of the width, gaps allowed, with the level
    lines agreeing with it within AGREE_DEG. "plumb lines": at least MIN_PLUMB near-vertical
    lines covering SUPPORT_MIN heights together whose tilts, once the keystone of a camera
    pitched up or down is taken out (tilt linear in the line's x), agree within AGREE_DEG; the
    tilt is that of a vertical at the centre. Beyond PRIOR_DEG, where a slanted subject is
    likelier than a rolled camera, twice the evidence is needed. ([], None, 0) when none.
    """
    horizon = _horizon(lines)
    if horizon:
        weights = [line.share for line in horizon]
        return horizon, "horizon", float(np.average([line.tilt for line in horizon], weights=weights))
    plumb, tilt = _plumb(lines, width)
    if plumb:
        return plumb, "plumb lines", tilt
    frame = _level_and_plumb(lines)
    if frame:
        weights = [line.share for line in frame]
        return frame, "level and plumb lines", float(np.average([line.tilt for line in frame], weights=weights))
    return [], None, 0.0


def _level_and_plumb(lines: list[Found]) -> list[Found]:
    """The best-supported group of level and plumb lines agreeing within AGREE_DEG: at least
    MIN_EACH of each family, covering SUPPORT_MIN spans together (a rolled camera turns both)."""
    usable = [line for line in lines if line.share >= MIN_LINE_SHARE]
    best: list[Found] = []
    for seed in usable:
        group = [line for line in usable if abs(line.tilt - seed.tilt) <= AGREE_DEG]
        strict = _strict(seed.tilt)
        level = sum(line.horizontal for line in group)
        enough = min(level, len(group) - level) >= MIN_EACH * strict
        if enough and sum(g.share for g in group) >= SUPPORT_MIN * strict and len(group) > len(best):
            best = group
    return best


def _strict(tilt: float) -> float:
    """How much more evidence a tilt needs: 1, or 2 beyond PRIOR_DEG."""
    return 2.0 if abs(tilt) > PRIOR_DEG else 1.0


def _horizon(lines: list[Found]) -> list[Found]:
    """The longest level line if it covers enough of the width, with the level lines agreeing."""
    level = [line for line in lines if line.horizontal and line.share >= MIN_LINE_SHARE]
    candidates = [line for line in level if line.share >= min(MAX_SHARE, HORIZON_SHARE * _strict(line.tilt))]
    if candidates:
        best = max(candidates, key=lambda line: line.share)
        return [line for line in level if abs(line.tilt - best.tilt) <= AGREE_DEG]
    for seed in sorted(level, key=lambda line: -line.share):
        group = [line for line in level if abs(line.tilt - seed.tilt) <= AGREE_DEG]
        strict = _strict(seed.tilt)
        if len(group) >= MIN_LEVEL * strict and sum(line.share for line in group) >= LEVEL_SUPPORT * strict:
            return group
    return []


def _plumb(lines: list[Found], width: int) -> tuple[list[Found], float]:
    """The best-supported set of plumb lines that agree once keystone is taken out, and its tilt."""
    plumb = [line for line in lines if not line.horizontal and line.share >= MIN_LINE_SHARE]
    best: tuple[list[Found], float] = ([], 0.0)
    for seed in plumb:
        group = [line for line in plumb if abs(line.tilt - seed.tilt) <= KEYSTONE_DEG]
        if len(group) < MIN_PLUMB or sum(line.share for line in group) <= sum(line.share for line in best[0]):
            continue
        x = np.array([(line.x0 + line.x1) / 2 / width - 0.5 for line in group])
        tilts = np.array([line.tilt for line in group])
        weights = np.array([line.share for line in group])
        if np.ptp(x) >= MIN_SPREAD:
            slope, centre = np.polyfit(x, tilts, 1, w=np.sqrt(weights))
        else:
            slope, centre = 0.0, float(np.average(tilts, weights=weights))
        residual = float(np.sqrt(np.average((tilts - centre - slope * x) ** 2, weights=weights)))
        strict = _strict(float(centre))
        if residual <= AGREE_DEG and len(group) >= MIN_PLUMB * strict and weights.sum() >= SUPPORT_MIN * strict:
            best = (group, float(centre))
    return best


def _lines(family: Family, tilts: FloatArray, shape: tuple[int, ...]) -> list[Found]:
    """The family's distinct straight lines (Hough peaks, strongest first), each refitted."""
    span = shape[1] if family.horizontal else shape[0]
    votes = family.votes.astype(np.float64)
    floor = MIN_LINE_SHARE * span
    found: list[Found] = []
    rho_step = float(family.rho[1] - family.rho[0]) if len(family.rho) > 1 else 1.0
    r_win = max(1, round(SEPARATION_PX / rho_step))
    t_win = round(SEPARATION_DEG / STEP_DEG)
    for _ in range(PEAKS):
        i, k = np.unravel_index(int(np.argmax(votes)), votes.shape)
        if votes[i, k] < floor:
            break
        votes[max(0, i - r_win) : i + r_win + 1, max(0, k - t_win) : k + t_win + 1] = 0
        line = _line(family, float(family.theta[k]), float(family.rho[i]), span, shape)
        if line is not None:
            found.append(line)
    return found


def _line(family: Family, theta: float, rho: float, span: int, shape: tuple[int, ...]) -> Found | None:
    """The edge points on the Hough line (theta, rho), refitted, with the share of the frame's
    span they cover in bins of BIN_SHARE of it (gaps where waves or rocks break it allowed)."""
    points = family.points
    cos, sin = math.cos(theta), math.sin(theta)
    on_line = np.abs(points @ np.array([cos, sin]) - rho) <= LINE_BAND_PX
    if np.count_nonzero(on_line) < 3:
        return None
    chosen = points[on_line]
    along = chosen @ np.array([-sin, cos])
    bin_px = max(2.0, BIN_SHARE * span)
    # A bin is covered when the line runs through most of it: clutter crossing the band (grass,
    # texture) leaves a few points in many bins, a line fills them.
    counts = np.bincount(np.floor((along - along.min()) / bin_px).astype(np.int64))
    covered = np.count_nonzero(counts >= BIN_FILL * bin_px) * bin_px / span
    fit = _refit(chosen, span)
    return fit._replace(share=min(1.0, covered), horizontal=family.horizontal)


def judge(measured: Mapping[str, Any], p: Params) -> Verdict:
    expected = {"max_tilt_deg": p.max_tilt_deg}
    tilt = measured["tilt_deg"]
    if tilt is None:
        return Verdict(True, expected, "no strong straight line to level")
    turn = "counter-clockwise" if tilt > 0 else "clockwise"
    if abs(tilt) <= p.max_tilt_deg:
        return Verdict(True, expected, f"lines are level within {abs(tilt):.1f}° (limit {p.max_tilt_deg:g}°)")
    return Verdict(False, expected, f"image is turned {abs(tilt):.1f}° {turn}; limit {p.max_tilt_deg:g}°")


def _faint_edges(gray: FloatArray) -> BoolArray:
    """Canny edges (σ = 2 px) with thresholds low enough for a faint sea horizon."""
    from skimage.feature import canny

    return np.asarray(
        canny(gray, sigma=2.0, low_threshold=EDGE_LOW, high_threshold=EDGE_HIGH, mode="nearest"), dtype=bool
    )


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


RULE = Rule(
    id="horizon",
    category=Category.COMPOSITION,
    version=2,
    doc=__doc__,
    params=Params,
    measure=measure,
    judge=judge,
    measured_keys=("tilt_deg", "line", "strength", "support", "lines", "evidence"),
    measured_with=(),
    example="horizon: {severity: warning, max_tilt_deg: 1.0}",
)
