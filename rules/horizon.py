"""The horizon is level and verticals are plumb: the camera's roll, when the photo shows it.

Measures `tilt_deg`: the rotation, in degrees, of the lines that show how the camera was held; null
(and a pass) when the photo holds no such evidence. Lines are searched on the luma of the working
copy reduced (box average) to a 512-px long edge, or enlarged to it (bicubic) when smaller, so that
a smaller image is searched at the same scale, and smoothed by a Gaussian of σ = 1.5 px (3 px of a
1024-px working copy). Edge points are the local maxima of the gradient across a line (non-maximum
suppression), at least 0.008 per px strong (a step of about 3 % of the range), continued by a
neighbour on both sides, and located to a fraction of a pixel. Points whose gradient lies within 19°
of vertical belong to level lines, within 19° of horizontal to plumb lines, and each family is split
by polarity (brighter above or below), since a horizon keeps its sense along its length. Each point
votes only for the tilts within 4° of its own gradient's (a Hough transform restricted by
orientation) over ±15° in 0.5° steps; the 16 strongest peaks per family and polarity are refined by
a fine search (0.05°, 1 px) on the points near them and fitted by total least squares to the points
within 1.5 px; each point then belongs to one line only, the one that covers most (a line crossing a
horizon at a small angle would otherwise borrow a stretch of it). A line's coverage is the share of
the frame's width (level) or height (plumb) along which it runs, in bins of 1 % that hold a point on
35 % of their px, with gaps of up to two bins counted: waves, rocks or a post may break a horizon,
and clutter crossing it does not count. A tilt is reported only when the lines are evidence of a
rolled camera (issue 13: plant stems, grass, wings and planks in perspective are not):
- "horizon": a level line covering at least 50 % of the width, or a chain of pieces that agree (a
  horizon broken by islands, rocks or boats, version 9): runs of at least 6 % of the width, no two
  more than 25 % apart, together covering 30 % of it and reaching over 50 %, clean (little texture
  beside it) and none of them rising more than 1 px over its own length against the line, with the
  level lines that agree with it within 0.5°; unless another clean level line of at least half its
  coverage, tilted otherwise by more than 1°, meets it between their ends: a shoreline receding
  toward the horizon is such a pair, and which of the two is level cannot be told (but a line whose
  pieces bend more than a chain's does not contest it: kodim06's curving shoreline against its
  straight sea horizon); the longest such line not contested is taken; or at least four level lines
  agreeing within 0.5° that cover two widths together (lines of text, courses of bricks); in either
  case not when three plumb lines or more (each covering 12 % of the height; 15 % before version 14)
  agreeing within 0.5° stand off it by more than 1° and more than a camera pitched up or down could
  lean them (version 11: a rolled camera turns both, so the level lines are in perspective: a
  facade, sills, shelves seen at an angle; version 12: lines on both sides of the centre are
  compared by their tilt at the centre, keystone taken out, and lines to one side only must stand
  off by more than the keystone leans a line there, 3° at the frame's sides in proportion to the
  distance from the centre, so verticals beside a level sea do not overrule it; version 13: the bend
  of a rival covering under 30 % of the width is measured, where it read 0, "straight", so that
  every such line contested a chain);
- "plumb lines": at least three plumb lines covering 1.5 frame heights together that agree within
  0.5° once the keystone of a camera pitched up or down is taken out (tilt fitted linearly in the
  line's x when the lines stand on both sides of the centre; the tilt is that of a vertical at the
  centre), a keystone that leans them by at most 3° at the frame's sides (version 10: the joints of
  a pavement seen obliquely, skimage's brick, converge far faster and are no verticals);
- "level and plumb lines": at least two level and two plumb lines agreeing within 0.5° and covering
  1.5 frame spans together (a rolled camera turns both), the plumb lines on both sides of the centre
  or, to one side only, leaning further than a camera pitched up or down could lean them there
  (version 14: a tower leaning by keystone beside a bus whose side recedes at the same angle read as
  a turn of 1.8°);
- "sea" (version 15): the top edge of a blue sea told by its colour (stylelint/sea.py), for a sea
  horizon hidden by a headland and islands but for 8 % of the width (kodim21).
The kinds are tried in this order and the first found is reported; plumb lines and level and plumb
lines are not checked against each other (on one photo they can disagree by over 1°). Beyond 5.5° a
slanted subject (a sail, a wing, a hat) is likelier than a rolled camera, so every kind needs twice
the evidence there (a single line must cover 90 % of the width); up to 5.5°, a photo turned by a few
degrees is found as readily as a level one. `tilt_deg` is the coverage-weighted mean tilt of the
evidence.

How sure: `tilt_uncertainty_deg` is the standard uncertainty of `tilt_deg` (degrees, one σ),
estimated from the evidence itself, three terms added in quadrature: the scatter of the lines that
could have been read instead (those covering at least 15 % of the span and within 3° of the tilt,
agreeing or not; for plumb lines, the group's scatter about the keystone fit): their
coverage-weighted mean square deviation over the effective number of lines, (Σw)² / Σw², less the
parameters fitted; each evidence line's own standard error, a quarter of the difference between the
tilts fitted to its two halves (independent errors make that difference 4 times the whole line's; a
bowed or wandering edge makes it larger), carried through the weighted mean; and the fine search's
resolution, 0.05° / √12. A clean straight horizon is sure to about 0.02°, a facade whose level lines
in perspective spread over 2° (kodim01) to 0.3°; lines that agree by chance and read several degrees
off (kodim10's sails) are not caught by it. The sea's: stylelint/sea.py. `null` with `tilt_deg`.
`evidence` names the kind, `lines` counts the lines and `support` sums their coverage (in frame
spans: 2.5 is, say, a horizon across the frame and two long walls); `strength` is the best line's
coverage, also when no evidence was found. `line` is the longest line of the evidence, as [[x0, y0],
[x1, y1]] fractions of the width and height (for drawing).

An image whose working copy is under 256 px on its long edge (a thumbnail) is not searched: its
lines are a few dozen px long, no evidence of a camera roll worth enlarging it 2-8 times. `tilt_deg`
and `strength` are null, `evidence` is "too small", and the rule passes saying so.

Sign: positive `tilt_deg` means the picture is turned counter-clockwise: a horizon that rises to the
right, verticals whose tops lean left. Rotating the image clockwise by `tilt_deg` levels it. An
image rotated counter-clockwise by 2° (`stylelint.testing.rotate(image, 2)`) reads +2.

Fails only when the photo is surely turned beyond `max_tilt_deg`: when |tilt_deg| less one
uncertainty exceeds it (one-sided, about 84 % sure for a normal error; the bound is inclusive). A
photographer does not take lines that disagree by 2° as evidence of a 1.1° roll: kodim01's facade,
+1.12 ± 0.27° at 1024 px, passes; a sea horizon turned by 2°, -2.12 ± 0.82° (kodim16), fails. (1.645
uncertainties: benchmarks/README.md). A turn of 1-2° is not always warned: kodim16 turned by 1.5°
reads +1.37 ± 0.99° and passes (by -1.5°, no tilt at all).

Measured on the 24 Kodak photographs (`benchmarks/horizon_real.py`, which prints the figures; the
README's horizon section keeps them): level as they are, none warns at 384, 768 or 1024 px; two or
three read more than 1°, all within one uncertainty of the limit (kodim01's facade, kodim02's door
planks, kodim06's sea horizon, which does fall 1.2-1.6° to the right). Every turned copy read right
whose photo is turned by 2° or more warns. Of 192 copies turned by ±1°, ±2°, ±3° and ±5°, 51-54
report a tilt, 47-52 of them within 0.7° of the angle plus the photo's own reading (kodim21's 8 by
the sea's colour, version 15), the error within one uncertainty for 85-93 %. So the rule mostly
reports nothing: photos that do show architecture give none (the houses of kodim08 and kodim22), as
do the portraits, parrots and rafting crew, rightly. Synthetic horizons, a faint sea horizon broken
by rocks or seen in four pieces between islands (turned up to 5°), and photographed text turned by
up to 5° read within ±0.5°; a sea seen between a headland and an island, whose water lines lie 1-2
px below the horizon, 0.34° high.
Known failure cases: a real horizon tilted by a curved lens is not straightened first; a
deliberately canted ("Dutch") angle fails by design; a horizon hidden behind a subject for most of
the width is not found; a receding shoreline that meets a level line hides the horizon (no tilt
rather than a wrong one), but one that meets nothing level, or a facade seen at an angle without
three plumb lines agreeing beside it, reads as a tilted horizon (skimage's stereo_motorcycle did,
-2.05°, until version 14 let its shelf's short uprights count); lines that agree by chance can give
the wrong sign (kodim10's sails, turned +3°, read -5.1°); a straight edge to bluer below from a
frame side reads as a sea (hazy forest under a bright sea: OpenCV's aero3 turned +2° read -0.4°).

References: Canny, J. (1986), IEEE PAMI 8(6) (non-maximum suppression); Duda & Hart (1972), "Use of
the Hough transformation to detect lines and curves in pictures", CACM 15(1); O'Gorman, F. & Clowes,
M. B. (1976), "Finding picture edges through collinearity of feature points", IEEE Trans. Computers
C-25(4) (votes restricted by the gradient's direction); Lee, H., Shechtman, E., Wang, J. & Lee, S.
(2012), "Automatic upright adjustment of photographs", CVPR (vertical lines, keystone and camera
roll).
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from typing import Any

import numpy as np
import numpy.typing as npt

from stylelint.facts import ImageFacts
from stylelint.keystone import fit_keystone, keystone_lean
from stylelint.rule import Category, Rule, Verdict, param, params
from stylelint.sea import sea_line
from stylelint.straight_lines import CHAIN_SHARE, FINE_DEG, MIN_LINE_SHARE, SEARCH_DEG, Line, axis_lines

# Camera roll in real photographs is mostly small: beyond this tilt a slanted subject (a sail, a
# wing, a hat) is likelier, so twice the evidence is needed. Chosen on the Kodak tuning half
# among 3, 4, 5, 5.5, 6, 6.5 and 7 for plumb lines (3 -> 5.5: 17 -> 20 of its 96 turned copies
# read right, held-out 16 -> 17). The horizon's was 3 while a level line in a level photo
# (kodim17's plinth) read -3.4° at 384 px; since small images are enlarged to the 512-px luma it
# reads none, and at 5.5 copies turned by 5° are found (held-out 13 -> 18 of 96 read right at
# 768 px; no level photo warns more at 384, 768 or 1024 px; 10 changed nothing more).
PRIOR_DEG = 5.5
# Evidence of a rolled camera (issue 13; see the docstring): chosen on the Kodak set, where
# looser limits let sails, wings and fences in perspective through.
HORIZON_SHARE = 0.5
MIN_PLUMB = 3
# Plumb lines must cover one and a half frame heights together: a keystone fit has a slope to
# spend, so a handful of short, loosely parallel edges (a space suit's seams, a flag) can fit it.
PLUMB_SUPPORT = 1.5
# Many long level lines agreeing (text, courses of bricks, a frontal facade) are a horizon too.
MIN_LEVEL = 4
LEVEL_SUPPORT = 2.0
# The most coverage asked of one line, even twice HORIZON_SHARE: edges within the border margin
# are ignored, so no line covers the whole frame.
MAX_SHARE = 0.9
MIN_EACH = 2
# Converging verticals of a camera pitched up or down lean by up to a few degrees at the frame's
# sides (a fit leaning them more is no camera's keystone: skimage's brick, a pavement seen
# obliquely, fits 13-16° per width, kodim11's posts 2°); their tilts are fitted linearly in x
# when they spread over this share of the width.
KEYSTONE_DEG = 3.0
MIN_SPREAD = 0.3
# ... and when they stand on both sides of the centre, at least this share of the width from it:
# the tilt at the centre is read between them, not extrapolated from lines to one side (on
# skimage's astronaut, seams and a pole at the right gave -2.7° at the centre).
STRADDLE = 0.1
AGREE_DEG = 0.5
# Level and plumb lines agreeing must cover one and a half frame spans together: with one span,
# lines that agree by chance (a fence in perspective beside a tapered tower, the stripes of a
# sail and its mast) made a quarter of the Kodak readings wrong; with 1.5, one in ten, in the
# tuning and the held-out half alike (benchmarks/horizon_real.py).
SUPPORT_MIN = 1.5
# A shoreline receding toward the horizon is a long clean line that meets a level one inside the
# frame (kodim06 read +2.1° from it): a horizon line is not taken when another clean level line
# (clutter at most RIVAL_CLUTTER) of at least RIVAL_SHARE of its coverage, tilted otherwise by
# more than RIVAL_DEG, meets it between their ends. Chosen on the Kodak set (the shoreline's
# rivals: 0.5-0.6 of it, clutter 0.1; a turned sea horizon's fans of tree tops: clutter 0.2+).
RIVAL_SHARE = 0.5
RIVAL_DEG = 1.0
RIVAL_CLUTTER = 0.15
# Plumb lines overrule a horizon from this coverage of the height (version 14; 0.15, the least a
# line counts as evidence, before): a shelf's uprights of 14 % let skimage's stereo_motorcycle
# read its shelf edge in perspective as a turn of -2°; at 0.12 the Kodak readings are unchanged.
VETO_SHARE = 0.12
# A horizon broken by rocks, islands or boats (issue 13) is a chain of pieces that agree: it is a
# horizon when it reaches as far as HORIZON_SHARE, its pieces cover CHAIN_SHARE of the width
# together (straight_lines.CHAIN_SHARE) and none rises more than CHAIN_BEND_PX over its own
# length against the line (see straight_lines._pieces), and it is clean (clutter at most
# RIVAL_CLUTTER). A line whose pieces bend more (kodim06's shoreline curving toward its sea
# horizon: 0.8-1.8 px, the sea horizon's pieces 0.3-1.4 px) does not contest such a chain. Chosen
# on the Kodak set (benchmarks/horizon_real.py): with 0.6 px kodim06's horizon was lost at most
# turns; a piece gap of 4 bins instead of GAP_BINS (to join a faint horizon's holes) let sills and
# a plinth in perspective read as horizons (4 wrong readings more at 384-1024 px), as did chains
# across gaps over straight_lines.GAP_SHARE (kodim17's plinth, -5.3° on a copy turned by -2°).
CHAIN_BEND_PX = 1.0
# How sure a reading is (issue 13): the lines within SCATTER_DEG of the tilt read, agreeing or
# not, are those that could have been read instead (a facade's level lines in perspective spread
# over 2°, kodim01); their scatter about the tilt sets its uncertainty (see _scatter). Chosen on
# the Kodak tuning half among 1, 1.5, 2 and 3 (benchmarks/horizon_real.py) as the one whose
# uncertainty is the most honest: turned copies whose error is within one uncertainty, 10, 11, 11
# and 13 of the 20 found at 768 px (at 384 px 10, 10, 10, 13 of 21; a normal error: 68 %). Leaving
# out lines with clutter above 0.15 or 0.3 changed nothing on the tuning half.
SCATTER_DEG = 3.0
# The verdict fails only when |tilt| - SURE_SIGMAS uncertainties exceeds max_tilt_deg: one-sided,
# about 84 % sure for a normal error. With 1.645 (95 %), a copy of a tuning photo turned by 2° or
# more and read right passed at 384 px; with 1 none did, at any size, in either half.
SURE_SIGMAS = 1.0
# Images whose long edge is under this (px) are not searched: the lines of a thumbnail are a few
# dozen px long, no evidence of a camera roll worth enlarging 2-8 times to the 512-px luma (a 64-px
# file cost 9 ms more for it, the whole check of a tiny file about twice as much; issue 14). Half
# the working scale, so every image the rule was tuned on (Kodak at 384 px and up) is read.
MIN_SIDE = 256
TOO_SMALL = "too small"


@params
class Params:
    max_tilt_deg: float = param(
        1.0,
        unit="degrees",
        min=0,
        max=SEARCH_DEG,
        doc="Largest allowed |tilt| of the dominant lines: the rule fails when |tilt_deg| less one "
        "tilt_uncertainty_deg exceeds it (surely turned beyond it).",
    )


def measure(facts: ImageFacts, p: Params) -> dict[str, Any]:
    if max(facts.working_image.size) < MIN_SIDE:
        return _no_tilt(None, TOO_SMALL)
    lines, (height, width) = axis_lines(facts.working_image)
    agreeing, evidence, tilt, uncertainty = _evidence(lines, width)
    if evidence is None and (sea := sea_line(facts.working_image, (height, width), PRIOR_DEG)) is not None:
        agreeing, evidence, tilt, uncertainty = [sea], "sea", sea.tilt, sea.tilt_se
    if evidence is None:
        return _no_tilt(round(max((line.share for line in lines), default=0.0), 4), None)
    best = max(agreeing, key=lambda line: line.share)
    return {
        "tilt_deg": round(tilt, 3),
        "tilt_uncertainty_deg": round(uncertainty, 3),
        "strength": round(best.share, 4),
        "support": round(sum(line.share for line in agreeing), 3),
        "lines": len(agreeing),
        "evidence": evidence,
        "line": [
            [round(best.x0 / width, 4), round(best.y0 / height, 4)],
            [round(best.x1 / width, 4), round(best.y1 / height, 4)],
        ],
    }


def _no_tilt(strength: float | None, evidence: str | None) -> dict[str, Any]:
    """The measurement that reads no tilt: `strength`, the best line's coverage (None when the
    image was not searched), and `evidence`, why (None: no evidence of a rolled camera)."""
    return {
        "tilt_deg": None,
        "tilt_uncertainty_deg": None,
        "line": None,
        "strength": strength,
        "support": 0.0,
        "lines": 0,
        "evidence": evidence,
    }


def _evidence(lines: list[Line], width: int) -> tuple[list[Line], str | None, float, float]:
    """The lines that are evidence of a rolled camera, what kind, the tilt they give and its
    standard uncertainty (degrees, see _uncertainty).

    Tried in this order, the first found wins (the last two are not checked against each other):
    "horizon": a level line covering HORIZON_SHARE of the width, gaps allowed, or a chain of
    pieces (_chain), with the level lines agreeing with it within AGREE_DEG, unless a clean level
    line rivals it (see _rival); or at least MIN_LEVEL level lines agreeing within AGREE_DEG
    that cover LEVEL_SUPPORT widths together; and in either case, unless plumb lines agreeing
    among themselves say otherwise (_upright). "plumb lines": at least MIN_PLUMB
    near-vertical lines covering PLUMB_SUPPORT heights together whose tilts, once the keystone
    of a camera pitched up or down is taken out (tilt linear in the line's x), agree within
    AGREE_DEG; the tilt is that of a vertical at the centre. "level and plumb lines": at least
    MIN_EACH level and MIN_EACH plumb lines agreeing within AGREE_DEG, covering SUPPORT_MIN spans
    together, the plumb ones showing a roll (_rolled). Beyond PRIOR_DEG, where a slanted subject
    is likelier than a rolled camera, twice the evidence is needed. ([], None, 0, 0) when none.
    """
    horizon = _horizon(lines)
    if horizon and _upright(lines, width, _mean_tilt(horizon)):
        horizon = []
    if horizon:
        tilt = _mean_tilt(horizon)
        level = [line for line in lines if line.horizontal]
        return horizon, "horizon", tilt, _uncertainty(horizon, _scatter_about(level, tilt))
    plumb, tilt, scatter = _plumb(lines, width)
    if plumb:
        return plumb, "plumb lines", tilt, _uncertainty(plumb, scatter)
    frame = _level_and_plumb(lines, width)
    if frame:
        tilt = _mean_tilt(frame)
        return frame, "level and plumb lines", tilt, _uncertainty(frame, _scatter_about(lines, tilt))
    return [], None, 0.0, 0.0


def _upright(lines: list[Line], width: int, tilt: float) -> bool:
    """Whether MIN_PLUMB plumb lines (covering VETO_SHARE each) agreeing within AGREE_DEG
    stand further from `tilt`, a horizon's, than a camera pitched up or down could lean them: a
    rolled camera turns both, so the level lines are in perspective (a facade, sills, shelves
    seen at an angle). Lines on both sides of the centre are compared by their tilt at the
    centre, keystone taken out (fit_keystone), and must stand RIVAL_DEG off; lines to one side only
    are compared as they stand and must stand further off than the keystone could lean a line
    there (KEYSTONE_DEG at the frame's sides, in proportion to the distance from the centre)."""
    plumb = [line for line in lines if not line.horizontal and line.share >= VETO_SHARE]
    for group, _ in _groups(plumb):
        if len(group) < MIN_PLUMB:
            continue
        fit = fit_keystone(group, width, min_spread=MIN_SPREAD, straddle=STRADDLE)
        if fit.straddles:
            off, lean = abs(fit.centre - tilt), 0.0
        else:
            off, lean = abs(_mean_tilt(group) - tilt), keystone_lean(fit, KEYSTONE_DEG)
        if off > max(RIVAL_DEG, lean):
            return True
    return False


def _mean_tilt(lines: list[Line]) -> float:
    """The coverage-weighted mean tilt of `lines` (degrees)."""
    return float(np.average([line.tilt for line in lines], weights=[line.share for line in lines]))


def _scatter(deviations: npt.NDArray[np.float64], weights: npt.NDArray[np.float64], *, fitted: int = 1) -> float:
    """The standard error (degrees) that lines deviating by `deviations` (degrees) from the tilt
    read from them, with `fitted` parameters, give it: the `weights`-weighted (coverage) mean
    square deviation over the effective number of lines, (Σw)² / Σw², less the parameters fitted
    (at least 1). 0 for a single line."""
    if len(weights) < 2:
        return 0.0
    effective = weights.sum() ** 2 / float(weights @ weights)
    return math.sqrt(float(np.average(deviations**2, weights=weights)) / max(effective - fitted, 1.0))


def _scatter_about(lines: list[Line], tilt: float) -> float:
    """_scatter of the usable `lines` (coverage at least MIN_LINE_SHARE) within SCATTER_DEG of
    `tilt`: the lines that could have been read instead, agreeing or not."""
    near = [line for line in lines if line.share >= MIN_LINE_SHARE and abs(line.tilt - tilt) <= SCATTER_DEG]
    deviations = np.array([line.tilt - tilt for line in near])
    return _scatter(deviations, np.array([line.share for line in near]))


def _uncertainty(evidence: list[Line], scatter: float) -> float:
    """The standard uncertainty (degrees) of a tilt read from `evidence`: the scatter of the lines
    that could have been read (_scatter), each evidence line's own standard error (its two
    halves' disagreement, `Line.tilt_se`) carried through the coverage-weighted mean, and the
    fine search's resolution (a step of FINE_DEG, uniform: FINE_DEG / √12), added in quadrature."""
    weights = np.array([line.share for line in evidence])
    errors = np.array([line.tilt_se for line in evidence])
    own = math.sqrt(float((weights * errors) @ (weights * errors))) / float(weights.sum())
    return math.sqrt(scatter**2 + own**2 + (FINE_DEG / math.sqrt(12)) ** 2)


def _level_and_plumb(lines: list[Line], width: int) -> list[Line]:
    """The best-supported group of level and plumb lines agreeing within AGREE_DEG: at least
    MIN_EACH of each family, covering SUPPORT_MIN spans together (a rolled camera turns both),
    whose plumb lines lean more than a pitched camera could lean them (_rolled); the first of the
    largest."""
    usable = [line for line in lines if line.share >= MIN_LINE_SHARE]
    groups = [
        group
        for group, strict in _groups(usable)
        if min(level := sum(line.horizontal for line in group), len(group) - level) >= MIN_EACH * strict
        and sum(line.share for line in group) >= SUPPORT_MIN * strict
        and _rolled([line for line in group if not line.horizontal], width)
    ]
    return max(groups, key=len, default=[])


def _rolled(plumb: list[Line], width: int) -> bool:
    """Whether agreeing plumb lines show a roll rather than a pitched camera (version 14): lines on
    both sides of the centre do (a keystone leans them opposite ways); lines to one side only
    must lean further than a keystone could lean them there."""
    fit = fit_keystone(plumb, width, min_spread=MIN_SPREAD, straddle=STRADDLE)
    return fit.straddles or abs(fit.centre) > keystone_lean(fit, KEYSTONE_DEG)


def _groups(lines: list[Line]) -> Iterator[tuple[list[Line], float]]:
    """For each of `lines` in turn, the lines agreeing with its tilt (_agreeing) and how much
    evidence that tilt needs (_strict)."""
    for seed in lines:
        yield _agreeing(lines, seed.tilt), _strict(seed.tilt)


def _agreeing(lines: list[Line], tilt: float, within: float = AGREE_DEG) -> list[Line]:
    """The `lines` whose tilt is within `within` degrees of `tilt`, in order."""
    return [line for line in lines if abs(line.tilt - tilt) <= within]


def _strict(tilt: float) -> float:
    """How much more evidence a tilt needs: 1, or 2 beyond PRIOR_DEG."""
    return 2.0 if abs(tilt) > PRIOR_DEG else 1.0


def _horizon(lines: list[Line]) -> list[Line]:
    """The longest level line if it covers enough of the width, with the level lines agreeing."""
    level = [line for line in lines if line.horizontal and line.share >= MIN_LINE_SHARE]
    candidates = [line for line in level if _long(line) or _chain(line)]
    for best in sorted(candidates, key=lambda line: -line.share):
        if not any(_rival(line, best) for line in level):
            return _agreeing(level, best.tilt)
    for group, strict in _groups(level):  # `lines` come most coverage first
        if len(group) >= MIN_LEVEL * strict and sum(line.share for line in group) >= LEVEL_SUPPORT * strict:
            return group
    return []


def _long(line: Line) -> bool:
    """Whether a level line covers enough of the width to be a horizon on its own."""
    return line.share >= min(MAX_SHARE, HORIZON_SHARE * _strict(line.tilt))


def _chain(line: Line) -> bool:
    """Whether a level line is a horizon broken by rocks, islands or boats: clean pieces that
    agree (bend within CHAIN_BEND_PX), reaching as far as a horizon covers and covering
    CHAIN_SHARE together."""
    strict = _strict(line.tilt)
    return (
        line.pieces >= 2
        and line.bend_px <= CHAIN_BEND_PX
        and line.clutter <= RIVAL_CLUTTER
        and line.reach >= min(MAX_SHARE, HORIZON_SHARE * strict)
        and line.share >= CHAIN_SHARE * strict
    )


def _rival(line: Line, best: Line) -> bool:
    """Whether `line` contests `best` as the horizon: clean, nearly as long, tilted otherwise, and
    meeting it between their ends (a shoreline receding toward the horizon, issue 13)."""
    if line.clutter > RIVAL_CLUTTER or line.share < RIVAL_SHARE * best.share:
        return False
    if abs(line.tilt - best.tilt) <= RIVAL_DEG:
        return False
    if not _long(best) and line.bend_px > best.bend_px:
        return False  # a line more bent (kodim06's shoreline) does not contest a chain
    left, right = min(best.x0, line.x0), max(best.x1, line.x1)
    return (_y_at(line, left) - _y_at(best, left)) * (_y_at(line, right) - _y_at(best, right)) <= 0


def _y_at(line: Line, x: float) -> float:
    """The line's y at `x` (px)."""
    return line.y0 + (x - line.x0) * math.tan(math.radians(-line.tilt))


def _plumb(lines: list[Line], width: int) -> tuple[list[Line], float, float]:
    """The best-supported set of plumb lines that agree once keystone is taken out, its tilt and
    the standard error their scatter about the fit gives it (see _scatter)."""
    plumb = [line for line in lines if not line.horizontal and line.share >= MIN_LINE_SHARE]
    best: tuple[list[Line], float, float] = ([], 0.0, 0.0)
    for seed in plumb:
        group = _agreeing(plumb, seed.tilt, KEYSTONE_DEG)
        if len(group) < MIN_PLUMB or sum(line.share for line in group) <= sum(line.share for line in best[0]):
            continue
        fit = fit_keystone(group, width, min_spread=MIN_SPREAD, straddle=STRADDLE)
        residual = float(np.sqrt(np.average(fit.deviations**2, weights=fit.weights)))
        strict = _strict(fit.centre)
        keystone = abs(fit.slope) / 2 <= KEYSTONE_DEG  # the lean it gives at the frame's sides
        if (
            keystone
            and residual <= AGREE_DEG
            and len(group) >= MIN_PLUMB * strict
            and fit.weights.sum() >= PLUMB_SUPPORT * strict
        ):
            best = (group, fit.centre, _scatter(fit.deviations, fit.weights, fitted=2 if fit.straddles else 1))
    return best


def judge(measured: Mapping[str, Any], p: Params) -> Verdict:
    expected = {"max_tilt_deg": p.max_tilt_deg}
    tilt = measured["tilt_deg"]
    if tilt is None:
        if measured.get("evidence") == TOO_SMALL:
            return Verdict(
                True, expected, f"image under {MIN_SIDE} px on its long edge as analysed: too small to read a tilt"
            )
        return Verdict(True, expected, "no strong straight line to level")
    uncertainty = measured.get("tilt_uncertainty_deg") or 0.0
    turn = "counter-clockwise" if tilt > 0 else "clockwise"
    read = f"{abs(tilt):.1f}° ± {uncertainty:.1f}°"
    if abs(tilt) <= p.max_tilt_deg:
        return Verdict(True, expected, f"lines are level within {read} (limit {p.max_tilt_deg:g}°)")
    if abs(tilt) - SURE_SIGMAS * uncertainty <= p.max_tilt_deg:
        return Verdict(True, expected, f"lines read {read} {turn}: not surely beyond the limit {p.max_tilt_deg:g}°")
    return Verdict(False, expected, f"image is turned {read} {turn}; limit {p.max_tilt_deg:g}°")


RULE = Rule(
    id="horizon",
    category=Category.COMPOSITION,
    version=16,
    doc=__doc__,
    params=Params,
    measure=measure,
    judge=judge,
    measured_keys=("tilt_deg", "tilt_uncertainty_deg", "line", "strength", "support", "lines", "evidence"),
    measured_with=(),
    example="horizon: {severity: warning, max_tilt_deg: 1.0}",
)
