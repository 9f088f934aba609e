"""Straight lines near the image axes: from the edge points of level and plumb lines
(stylelint/edge_points.py, on the luma reduced to 512 px), their votes, refined fits and
coverage (the horizon rule's evidence; numpy and Pillow only).

Each edge point votes for the tilts near its own gradient's (a Hough transform restricted by
orientation, O'Gorman & Clowes 1976); the peaks are refined by a fine search and a
total-least-squares fit, each point is given to one line only (the one covering most), and each
line is measured by its coverage of the frame and, if level, by the clutter beside it and the
pieces it is made of. Nothing here judges
whether the lines show a rolled camera: `rules/horizon.py` does.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from typing import NamedTuple

import numpy as np
import numpy.typing as npt
from PIL import Image

from stylelint.edge_points import Family, edge_families
from stylelint.ranks import median

FloatArray = npt.NDArray[np.float64]
Float32Array = npt.NDArray[np.float32]

# Lines up to 15° off an axis count as meant to be level; beyond that they read as deliberate
# diagonals (a common limit of auto-straighten tools, e.g. Lightroom's ±45° is for scans).
SEARCH_DEG = 15.0
# Each edge point votes for the tilts within this of its own gradient's, in steps of STEP_DEG;
# offsets in bins of BIN_PX. On the blurred edge of a real horizon half the points' directions
# stray by more than 2.5° (kodim16), so 4°.
VOTE_DEG = 4.0
STEP_DEG = 0.5
BIN_PX = 1.0
# A line counts when it covers at least this share of the frame's width (or height).
MIN_LINE_SHARE = 0.15
# Edge points within this distance (px of the reduced luma) of a line belong to it: the edge
# of a real horizon wanders by a px or so either side (haze, waves, a strip of land).
LINE_BAND_PX = 1.5
# A line found by the votes is refined on the points this close to it (px), in steps of
# FINE_DEG and FINE_PX.
NEAR_PX = 3.0
FINE_DEG = 0.05
FINE_PX = 1.0
# A line's clutter is the density of edge points (same family) in the SIDE_PX beyond its band on
# its quieter side, over the density on the line: a sea horizon or a roof edge has sky on one side
# (about 0.1 or less on the Kodak photos); a "line" joining ripples or grass that happen to align
# has texture on both (0.2-1).
SIDE_PX = 6.0
# A line's tilt standard error is the difference of its two halves' tilts over this (see halves_se).
HALVES_SE_RATIO = 4.0
# Lines examined per family, most votes first; peaks closer than these in offset (px) and tilt
# are one line.
PEAKS = 16
SEPARATION_PX = 4.0
SEPARATION_DEG = 1.0
# Coverage bins along a line: 1 % of the frame's span, counted when BIN_FILL of their px hold a
# point of the line; gaps of up to GAP_BINS bins between counted bins count too.
BIN_SHARE = 0.01
BIN_FILL = 0.35
GAP_BINS = 2
# A horizon broken by rocks, islands or boats is a chain of collinear pieces: runs of counted bins
# (gaps of up to GAP_BINS joined) at least PIECE_SHARE of the span long, each fitted on its own
# without TRIM px at either end (where the occluder's blur bends the edge); shorter runs show no
# tilt of their own worth weighing. Pieces more than GAP_SHARE of the span apart are separate
# chains (two stretches of a plinth at either side of a statue are no horizon).
PIECE_SHARE = 0.06
TRIM = 3.0
GAP_SHARE = 0.25
# The least share a chain's pieces may cover together (the horizon rule takes no less). Pieces are
# measured on every level line covering MIN_LINE_SHARE: a shorter line can still be a chain's
# rival, and whether its pieces bend more than the chain's decides whether it contests it.
CHAIN_SHARE = 0.3


class Line(NamedTuple):
    """A straight run of edge points, in px of the reduced luma (x right, y down), refitted: its
    ends, its coverage `share` of the frame's span, its `tilt` (degrees, counter-clockwise) and
    `tilt_se`, the standard error of its tilt (degrees, see halves_se; measured when asked, by
    `halves`, since the horizon rule asks it of its evidence alone); for a level line, its
    `clutter` (texture beside it, see SIDE_PX), its `pieces` (see PIECE_SHARE), their `reach`
    (share of the span from the first one's start to the last one's end) and `bend_px`, how far
    they stray from the line (see _pieces). Those not measured are 0: all but the coverage and
    ends of a line covering less than MIN_LINE_SHARE (no evidence), the clutter and pieces of a
    plumb line (the horizon rule reads none of them)."""

    x0: float
    y0: float
    x1: float
    y1: float
    share: float
    tilt: float
    horizontal: bool = True
    clutter: float = 0.0
    halves: Callable[[], float] | None = None
    pieces: int = 0
    reach: float = 0.0
    bend_px: float = 0.0

    @property
    def tilt_se(self) -> float:
        """The standard error of the line's tilt (degrees, see halves_se)."""
        return 0.0 if self.halves is None else self.halves()


def axis_lines(image: Image.Image) -> tuple[list[Line], tuple[int, int]]:
    """The distinct level and plumb lines of `image` (most coverage first), and the shape (h, w)
    of the reduced luma their coordinates are in."""
    families, shape = edge_families(image, SEARCH_DEG + VOTE_DEG)
    searched = [_lines(family) for family in families]
    # The longest line is reported whatever its coverage: when a line skipped (see _lines) could
    # be longer than every line measured, its family is searched again with none skipped.
    longest = max((line.share for lines, _ in searched for line in lines), default=0.0)
    found = [
        line
        for family, (lines, bound) in zip(families, searched, strict=True)
        for line in (_lines(family, every=True)[0] if bound > longest else lines)
    ]
    return _distinct(found), shape


def _distinct(lines: list[Line]) -> list[Line]:
    """`lines`, most coverage first, without those that repeat a longer one: same family, tilt
    within SEPARATION_DEG and middle within SEPARATION_PX of it (the two edges of a thin strip,
    found once for each polarity, are one line)."""
    kept: list[Line] = []
    for line in sorted(lines, key=lambda line: -line.share):
        if not any(_same(line, other) for other in kept):
            kept.append(line)
    return kept


def _same(line: Line, other: Line) -> bool:
    """Whether `line` repeats `other` (see _distinct)."""
    if line.horizontal != other.horizontal or abs(line.tilt - other.tilt) > SEPARATION_DEG:
        return False
    x, y = (line.x0 + line.x1) / 2, (line.y0 + line.y1) / 2
    dx, dy = other.x1 - other.x0, other.y1 - other.y0
    length = math.hypot(dx, dy)
    return length > 0 and abs((x - other.x0) * dy - (y - other.y0) * dx) / length <= SEPARATION_PX


def _votes(family: Family) -> tuple[npt.NDArray[np.int64], float]:
    """Votes per (tilt step, offset bin): each point votes for the frame tilts within VOTE_DEG
    of its own (Hough 1962 restricted by the gradient's direction, O'Gorman & Clowes 1976).
    Returns the votes (steps × bins) and the offset of bin 0."""
    tilts, _, cos, sin = _steps(0.0, SEARCH_DEG, STEP_DEG)
    steps = len(tilts)
    own = np.rint((family.tilt + SEARCH_DEG) / STEP_DEG).astype(np.int64)
    reach = round(VOTE_DEG / STEP_DEG)
    k = own[:, None] + np.arange(-reach, reach + 1)
    inside = (k >= 0) & (k < steps)
    point = np.broadcast_to(np.arange(len(own))[:, None], k.shape)[inside]
    k = k[inside]
    return _accumulate(family.a[point], family.b[point], k, cos[k], sin[k], steps, BIN_PX)


def _accumulate(
    a: Float32Array,
    b: Float32Array,
    k: npt.NDArray[np.int64],
    cos: Float32Array,
    sin: Float32Array,
    steps: int,
    bin_px: float,
    spare: int = 0,
) -> tuple[npt.NDArray[np.int64], float]:
    """The Hough accumulator of points (a, b) voting for tilt steps `k` (of `steps`) whose cosines
    and sines are `cos` and `sin` (arrays broadcasting together): votes per (tilt step, offset
    bin of `bin_px`), with `spare` empty bins after the last, and the offset of bin 0."""
    v = b * cos + a * sin
    start = float(v.min())
    cells = np.floor((v - start) / bin_px).astype(np.int64)
    width = int(cells.max()) + 1 + spare
    votes = np.bincount((k * width + cells).ravel(), minlength=steps * width).reshape(steps, width)
    return votes, start


@functools.lru_cache(maxsize=128)
def _steps(centre: float, half: float, step: float) -> tuple[FloatArray, FloatArray, Float32Array, Float32Array]:
    """The frame tilts searched about `centre` (degrees, from centre − half to centre + half by
    step), in degrees and in radians, and their cosines and sines: the coarse search's (about 0)
    and the fine search's about each coarse tilt (_refine), the same few dozen on every image.
    Read-only: shared by every call."""
    degrees = centre + np.arange(-half, half + step / 2, step)
    radians = np.radians(degrees)
    steps = degrees, radians, np.cos(radians).astype(np.float32), np.sin(radians).astype(np.float32)
    for array in steps:
        array.flags.writeable = False
    return steps


def _lines(family: Family, *, every: bool = False) -> tuple[list[Line], float]:
    """The family's distinct straight lines (vote peaks, most votes first), each refitted, and
    the most coverage a line skipped could have had (0 when none was skipped).

    Unless `every`, a peak whose near points (see _near) cover less than MIN_LINE_SHARE is
    skipped: its line covers no more than they do, so it is no evidence, and the points it would
    have claimed belong only to lines covering less than it (see below): no line covering
    MIN_LINE_SHARE changes. Half the peaks of a photo are such (issue 14: 1-2 ms a photo)."""
    found: list[Line] = []
    if len(family.a) < 3:
        return found, 0.0
    votes, start = _votes(family)
    # Two neighbouring offset bins summed: a line between two bins is one peak, not two halves.
    votes = votes.astype(np.int32)  # counts of points: argmax is twice as fast as on int64
    votes = votes[:, :-1] + votes[:, 1:] if votes.shape[1] > 1 else votes
    floor = MIN_LINE_SHARE * family.span * BIN_FILL
    r_win, t_win = round(SEPARATION_PX / BIN_PX), round(SEPARATION_DEG / STEP_DEG)
    peaks: list[tuple[float, float]] = []
    # The first maximum in row order, as np.argmax over the whole: the first of the rows' maxima,
    # then the first in that row; only the rows a peak's window cleared are searched again.
    row_max = votes.max(axis=1)
    for _ in range(PEAKS):
        k = int(np.argmax(row_max))
        i = int(np.argmax(votes[k]))
        if votes[k, i] < floor:
            break
        rows = slice(max(0, k - t_win), k + t_win + 1)
        votes[rows, max(0, i - r_win) : i + r_win + 1] = 0
        row_max[rows] = votes[rows].max(axis=1)
        peaks.append((float(_steps(0.0, SEARCH_DEG, STEP_DEG)[0][k]), start + (i + 1) * BIN_PX))
    fits = []
    skipped = 0.0
    nears = _near(family, peaks)
    bounds = _coverages(family, nears)
    for (tilt, _), near, bound in zip(peaks, nears, bounds):
        if not every and len(near) >= 3 and bound < MIN_LINE_SHARE:
            skipped = max(skipped, float(bound))
            continue
        if (fit := _fit_near(family, tilt, near)) is not None:
            fits.append(fit)
    # Each point belongs to one line, the one covering most: a line crossing a long edge at a
    # small angle would otherwise borrow a stretch of it (fans of lines about a horizon).
    covers = [float(cover) for cover in _coverages(family, [on for _, _, on in fits])]
    claimed = np.zeros(len(family.a), dtype=bool)
    for n in sorted(range(len(fits)), key=lambda n: -covers[n]):
        tilt, offset, on = fits[n]
        own = on[~claimed[on]]
        claimed[on] = True
        if len(own) >= 3:  # a line that keeps all its points keeps its coverage
            found.append(_line(family, tilt, offset, own, covers[n] if len(own) == len(on) else None))
    return found, skipped


def _near(family: Family, peaks: list[tuple[float, float]]) -> list[npt.NDArray[np.intp]]:
    """For each (frame tilt, offset) found by the votes, the indices of the family's points
    within NEAR_PX of that line whose own tilt agrees with it (within VOTE_DEG + STEP_DEG), in
    order: all the peaks in one pass over the points, in the arithmetic of one at a time (float32,
    the offset subtracted in float64)."""
    if not peaks:
        return []
    radians = [math.radians(tilt) for tilt, _ in peaks]
    column = functools.partial(np.array, dtype=np.float32, ndmin=2)
    tilts, offsets = column([tilt for tilt, _ in peaks]).T, np.array([[offset] for _, offset in peaks])
    cos, sin = column([math.cos(t) for t in radians]).T, column([math.sin(t) for t in radians]).T
    agree = np.abs(family.tilt - tilts) <= np.float32(VOTE_DEG + STEP_DEG)
    agree &= np.abs(family.b * cos + family.a * sin - offsets) <= np.float32(NEAR_PX)
    rows, points = np.divmod(np.flatnonzero(agree), agree.shape[1])
    return np.split(points, np.searchsorted(rows, np.arange(1, len(peaks))))


def _fit_near(
    family: Family, tilt: float, near: npt.NDArray[np.intp]
) -> tuple[float, float, npt.NDArray[np.intp]] | None:
    """The line near a frame tilt found by the votes, from the points `near` it (see _near),
    refined: the tilt and offset (in FINE_DEG steps) that gather the most of them, then a
    total-least-squares fit of the points within LINE_BAND_PX of it. Returns its frame tilt,
    offset and the indices of its points, or None when fewer than three."""
    a, b = family.a, family.b
    if len(near) < 3:
        return None
    tilt, offset = _refine(a[near], b[near], tilt)
    t = math.radians(tilt)
    on = near[np.abs(b[near] * math.cos(t) + a[near] * math.sin(t) - offset) <= LINE_BAND_PX]
    if len(on) < 3:
        return None
    tilt, offset = _fit(a[on], b[on])
    return tilt, offset, on


def _line(family: Family, tilt: float, offset: float, own: npt.NDArray[np.intp], covered: float | None = None) -> Line:
    """The line of frame tilt and offset through the family's points `own`: its ends, the share
    of the span they cover in bins of BIN_SHARE of it (gaps where waves or rocks break the line
    allowed; clutter crossing it leaves bins unfilled), and what the Line's docstring lists."""
    a = family.a[own]
    t = math.radians(tilt)
    covered = _coverage(a, family.span) if covered is None else covered
    evidence = covered >= MIN_LINE_SHARE  # shorter lines are no evidence: nothing more is measured
    se = functools.partial(halves_se, a, family.b[own]) if evidence else None
    ends = [(float(e), (offset - float(e) * math.sin(t)) / math.cos(t)) for e in (a.min(), a.max())]
    if family.horizontal:
        (x0, y0), (x1, y1) = ends
        clutter = _clutter(family, tilt, offset, a) if evidence else 0.0
        chain = _pieces(a, family.b[own], family.span, tilt) if evidence else (0, 0.0, 0.0)
        pieces, reach, bend = chain
        return Line(x0, y0, x1, y1, covered, tilt, clutter=clutter, halves=se, pieces=pieces, reach=reach, bend_px=bend)
    (y0, x0), (y1, x1) = ends
    (x0, y0), (x1, y1) = sorted([(x0, y0), (x1, y1)])
    return Line(x0, y0, x1, y1, covered, -tilt, horizontal=False, halves=se)


def halves_se(a: Float32Array, b: Float32Array) -> float:
    """The standard error (degrees) of the tilt fitted to points (a, b), from the tilts fitted to
    its two halves (split at the median a): with independent errors each half's tilt varies 8
    times as much as the whole's (half the points over half the length: 2 · 2²), so their
    difference 16 times, and the whole's standard error is a quarter of that difference (in the
    root-mean-square sense: one line's |difference| / 4 averages √(2/π) ≈ 0.8 of it). Unlike
    the residuals of one fit, it also catches a bowed edge (a curved lens) or one that wanders
    over tens of px (haze, waves). 0 when a half has fewer than three points or spans under 2 px."""
    middle = median(a)
    left, right = a < middle, a >= middle
    if min(np.count_nonzero(left), np.count_nonzero(right)) < 3 or min(np.ptp(a[left]), np.ptp(a[right])) < 2:
        return 0.0
    return abs(_fit(a[left], b[left])[0] - _fit(a[right], b[right])[0]) / HALVES_SE_RATIO


def _clutter(family: Family, tilt: float, offset: float, along: Float32Array) -> float:
    """Edge points per px of offset in the SIDE_PX beyond the line's band, on its quieter side
    and between its ends (`along`: its points' positions), over the same on the line."""
    t = math.radians(tilt)
    side = family.b * math.cos(t) + family.a * math.sin(t) - offset
    beside = np.abs(side) - LINE_BAND_PX
    near = (beside > 0) & (beside <= SIDE_PX) & (family.a >= along.min()) & (family.a <= along.max())
    quieter = min(np.count_nonzero(near & (side < 0)), np.count_nonzero(near & (side > 0)))
    return quieter / SIDE_PX / (len(along) / (2 * LINE_BAND_PX))


def _coverage(along: Float32Array, span: int) -> float:
    """The share of `span` a line covers, from its points' positions `along` it: bins of
    BIN_SHARE of the span count when BIN_FILL of their px hold a point, and gaps of up to
    GAP_BINS bins between counted bins count too (a wave, a rock, a post breaking a horizon)."""
    bin_px, counted = _counted(along, span)
    if len(counted) == 0:
        return 0.0
    gaps = np.diff(counted) - 1
    return min(1.0, (len(counted) + int(gaps[gaps <= GAP_BINS].sum())) * bin_px / span)


def _coverages(family: Family, lines: list[npt.NDArray[np.intp]]) -> FloatArray:
    """_coverage of each of `lines` (indices of the family's points), computed together: the same
    numbers in one pass instead of one call each."""
    if not lines:
        return np.zeros(0)
    bin_px = max(2.0, BIN_SHARE * family.span)
    along = family.a[np.concatenate(lines)]
    line = np.repeat(np.arange(len(lines)), [len(points) for points in lines])
    bins = np.floor(along / bin_px).astype(np.int64)
    width = int(bins.max()) + 1 if len(bins) else 1
    counted = np.flatnonzero(np.bincount(line * width + bins, minlength=len(lines) * width) >= BIN_FILL * bin_px)
    owner = counted // width
    gaps = np.diff(counted) - 1
    joined = (owner[1:] == owner[:-1]) & (gaps <= GAP_BINS)
    total = np.bincount(owner, minlength=len(lines)) + np.bincount(
        owner[1:][joined], weights=gaps[joined], minlength=len(lines)
    ).astype(np.int64)
    return np.minimum(1.0, total * bin_px / family.span)


def _counted(along: Float32Array, span: int) -> tuple[float, npt.NDArray[np.intp]]:
    """The coverage bins' width (px) and the indices of those that count (see _coverage)."""
    bin_px = max(2.0, BIN_SHARE * span)
    return bin_px, np.flatnonzero(np.bincount(np.floor(along / bin_px).astype(np.int64)) >= BIN_FILL * bin_px)


def _pieces(a: Float32Array, b: Float32Array, span: int, tilt: float) -> tuple[int, float, float]:
    """A line's chain of pieces (runs of counted bins, gaps of up to GAP_BINS joined, at least
    PIECE_SHARE of `span` long, none more than GAP_SHARE from the next; the chain reaching
    furthest) from its points (a, b) and frame `tilt`: how many pieces, their reach (the share of
    the span from the first one's start to the last one's end) and their bend: the largest rise
    (px), over its own length, of a piece's own fit against the line. A horizon broken by rocks
    or islands is pieces that agree (bend within a px); a shoreline curving toward it, or lines
    that meet by chance, are not. (0, 0, 0) without a piece."""
    bin_px, counted = _counted(a, span)
    if len(counted) == 0:
        return 0, 0.0, 0.0
    breaks = np.flatnonzero(np.diff(counted) - 1 > GAP_BINS)
    firsts, lasts = counted[np.r_[0, breaks + 1]], counted[np.r_[breaks, len(counted) - 1]]
    long_enough = (lasts - firsts + 1) * bin_px >= PIECE_SHARE * span
    firsts, lasts = firsts[long_enough], lasts[long_enough]
    if len(firsts) == 0:
        return 0, 0.0, 0.0
    # Pieces further apart than GAP_SHARE are separate chains: the one reaching furthest is kept.
    cuts = np.flatnonzero((firsts[1:] - lasts[:-1] - 1) * bin_px > GAP_SHARE * span) + 1
    chains = list(zip(np.split(firsts, cuts), np.split(lasts, cuts), strict=True))
    firsts, lasts = max(chains, key=lambda chain: chain[1][-1] - chain[0][0])
    bend = 0.0
    for first, last in zip(firsts, lasts, strict=True):
        on = (a >= first * bin_px + TRIM) & (a < (last + 1) * bin_px - TRIM)
        if np.count_nonzero(on) >= 3 and np.ptp(a[on]) >= 2:
            rise = abs(math.tan(math.radians(_fit(a[on], b[on])[0] - tilt))) * float(np.ptp(a[on]))
            bend = max(bend, rise)
    return len(firsts), min(1.0, float(lasts[-1] + 1 - firsts[0]) * bin_px / span), bend


def _refine(a: Float32Array, b: Float32Array, tilt: float) -> tuple[float, float]:
    """The frame tilt within STEP_DEG of `tilt` (steps of FINE_DEG) and the offset (bins of
    FINE_PX, two summed) that gather the most points (a, b): a fine Hough search on the few
    points near a coarse line, so that a neighbouring parallel edge does not pull the fit."""
    _, fine, cos, sin = _steps(tilt, STEP_DEG, FINE_DEG)
    votes, start = _accumulate(a[:, None], b[:, None], np.arange(len(fine)), cos, sin, len(fine), FINE_PX, spare=1)
    votes[:, 1:] += votes[:, :-1]
    k, i = np.unravel_index(int(np.argmax(votes)), votes.shape)
    return math.degrees(float(fine[k])), start + i * FINE_PX


def _mean(values: Float32Array) -> float:
    """`values.mean()` (float32 sum, then float32 division: the same number) without the Python
    overhead of ndarray.mean, a fifth of a fit's time."""
    total = np.add.reduce(values)
    return float(total.dtype.type(total / len(values)))


def _fit(a: Float32Array, b: Float32Array) -> tuple[float, float]:
    """Total-least-squares line through points (a, b): its frame tilt (degrees) and offset
    v = b cos t + a sin t, from the points' second moments (principal axis)."""
    ma, mb = _mean(a), _mean(b)
    da, db = a - ma, b - mb
    saa, sbb, sab = float(da @ da), float(db @ db), float(da @ db)
    direction = 0.5 * math.atan2(2 * sab, saa - sbb)  # of the line in (a, b), b down
    t = -direction
    return math.degrees(t), mb * math.cos(t) + ma * math.sin(t)
