"""The edge points of level and plumb lines (the horizon rule's, see stylelint/straight_lines.py;
numpy and Pillow only).

The luma is brought to WORK_SIDE px on its long edge (reduced, or enlarged when smaller) and
smoothed; edge points are the local maxima of the gradient across a line whose gradient lies
near the line's normal, split by family (level or plumb) and polarity.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np
import numpy.typing as npt
from PIL import Image

from stylelint.colour import rgb8_to_luma
from stylelint.smoothing import gaussian_smooth

Float32Array = npt.NDArray[np.float32]
BoolArray = npt.NDArray[np.bool_]

# Lines are searched on the luma reduced to this long edge (box average): a level line across
# the frame still has hundreds of edge points, its fitted tilt is good to a few hundredths of a
# degree, and the search costs a quarter of what it does at the 1024-px working copy (issue 14).
# A smaller image is enlarged to it, so the px lengths here and in straight_lines mean the same
# share of the frame at any size.
WORK_SIDE = 512
# Gaussian smoothing (px of the reduced luma) before gradients: 3 px of a 1024-px working copy.
# It suppresses JPEG blocking, film grain and fine texture, and steadies each point's gradient
# direction, on which its votes depend (chosen on the Kodak tuning half among 1, 1.5 and 2).
SMOOTH_SIGMA_PX = 1.5
# An edge point's gradient (luma per px, central differences of the smoothed luma) must reach
# this: a step of 3 % of the luma range (8 codes) smoothed by SMOOTH_SIGMA_PX peaks at it; lower,
# the grain of a sky and the ripples of a sea add points faster than faint horizons do.
EDGE_MIN = 0.008
# Edge points this close to the frame (share of the long edge) are ignored: scanned and
# resized photos often carry a dark or bright border line that is level by construction.
BORDER_SHARE = 0.01


def edge_families(image: Image.Image, within_deg: float) -> tuple[list[Family], tuple[int, int]]:
    """The edge points of `image` whose gradient is within `within_deg` of a level or a plumb
    line's normal: four families (level rising, level falling, plumb rising, plumb falling), and
    the shape (h, w) of the reduced luma their coordinates are in."""
    luma = reduced_luma(image, WORK_SIDE)
    gx, gy = gradients(gaussian_smooth(luma, SMOOTH_SIGMA_PX))
    strength = magnitude(gx, gy)  # once for both families
    margin = max(1, round(BORDER_SHARE * max(luma.shape)))
    # Strong enough, and the gradient within `within_deg` of a level line's normal (|gx| small
    # against |gy|) or a plumb line's: the tests both families share, made once.
    limit = np.float32(math.tan(math.radians(within_deg)))
    along, across = np.abs(gx), np.abs(gy)
    strong = strength >= EDGE_MIN
    level = strong & (along <= limit * across)
    plumb = strong & (across <= limit * along)
    families = []
    for horizontal, candidates in ((True, level), (False, plumb)):
        # Split by polarity (brighter below or above a level line, right or left of a plumb one):
        # a horizon keeps one polarity along its length, so the two edges of a thin strip, or
        # clutter of both kinds, do not mix in one line's fit.
        family, rising = _family(gx, gy, strength, candidates, margin, horizontal=horizontal)
        families += [family.side(rising), family.side(~rising)]
    return families, (luma.shape[0], luma.shape[1])


def reduced_luma(image: Image.Image, side: int) -> Float32Array:
    """Luma (Rec. 709 weights on sRGB-encoded values, as `ImageFacts.gray`) of `image` (8-bit RGB,
    as the working copy always is) box-averaged to a long edge of `side` px, shape (h, w), float32
    in [0, 1]; a smaller image is enlarged to it (bicubic), so that every length in px below means
    the same share of the frame at any size (issue 13: at 384 px, 3 of the 24 level Kodak photos
    read above 1° without it, 1 with it).

    The 8-bit channels are averaged first (Pillow's `reduce` for a whole factor, a box resize
    otherwise), then weighted: the same luma, at an eighth of the cost of weighting every pixel
    of the working copy.
    """
    long_edge = max(image.size)
    factor = long_edge / side
    if long_edge > side and factor.is_integer():
        image = image.reduce(int(factor))
    elif long_edge != side:
        size = (max(1, round(image.width / factor)), max(1, round(image.height / factor)))
        image = image.resize(size, Image.Resampling.BICUBIC if long_edge < side else Image.Resampling.BOX)
    return rgb8_to_luma(np.asarray(image))


def gradients(plane: Float32Array) -> tuple[Float32Array, Float32Array]:
    """Central-difference gradients (gx, gy) of `plane` (H, W) in units per px, shape (H, W),
    zero on the outermost rows and columns."""
    gx = np.zeros_like(plane)
    gy = np.zeros_like(plane)
    np.subtract(plane[:, 2:], plane[:, :-2], out=gx[:, 1:-1])
    np.subtract(plane[2:], plane[:-2], out=gy[1:-1])
    gx *= np.float32(0.5)
    gy *= np.float32(0.5)
    return gx, gy


def magnitude(gx: Float32Array, gy: Float32Array) -> Float32Array:
    """np.hypot(gx, gy) of float32 gradients, to the bit, in two thirds of its time: the squares
    are exact in float64, their sum and its root are rounded once each, then to float32 (how
    glibc's hypotf computes it; equal to np.hypot on 15 million random pairs and on every photo
    of issue 14's check, 708 images)."""
    total = np.square(gx, dtype=np.float64)
    total += np.square(gy, dtype=np.float64)
    return np.sqrt(total, out=total).astype(np.float32)


class Family(NamedTuple):
    """The edge points of one family of lines (level or plumb), in the family's own frame.

    The level family's frame is the image's (a = x, b = y). The plumb family's is the image
    transposed (a = y, b = x), where a vertical turned counter-clockwise by t is a level line
    turned clockwise by t. In both, a line of frame tilt t runs b = b0 − a · tan t, at offset
    v = b cos t + a sin t. `tilt` is each point's own frame tilt (degrees), from its gradient.
    """

    horizontal: bool
    a: Float32Array
    b: Float32Array
    tilt: Float32Array
    span: int

    def side(self, rising: BoolArray) -> Family:
        """The points selected by `rising` (a mask over the points)."""
        return self._replace(a=self.a[rising], b=self.b[rising], tilt=self.tilt[rising])


def _family(
    gx: Float32Array,
    gy: Float32Array,
    strength: Float32Array,
    candidates: BoolArray,
    margin: int,
    *,
    horizontal: bool,
) -> tuple[Family, BoolArray]:
    """The edge points of one family among its `candidates` (gradient near the family's line
    normal, at least EDGE_MIN strong; `strength`: the gradient's magnitude): a local maximum
    across the line (non-maximum suppression along the normal's axis), located to a fraction of a
    px across it (parabola through the three strengths)."""
    along, across = (gx, gy) if horizontal else (gy.T, gx.T)
    strength, candidates = (strength, candidates) if horizontal else (strength.T, candidates.T)
    rows, cols = strength.shape
    inner = (slice(margin, rows - margin), slice(margin, cols - margin))
    centre = strength[inner]
    above = strength[margin - 1 : rows - margin - 1, margin : cols - margin]
    below = strength[margin + 1 : rows - margin + 1, margin : cols - margin]
    keep = centre >= above
    keep &= centre > below
    keep &= candidates[inner]
    keep &= _continued(keep)
    # In the family's row order (the plumb family's keep is laid out transposed): np.nonzero on
    # two axes costs five times flatnonzero and a division (issue 14).
    i, j = np.divmod(np.flatnonzero(np.ascontiguousarray(keep)), keep.shape[1])
    up, mid, down = above[i, j], centre[i, j], below[i, j]
    curvature = up - 2 * mid + down
    shift = np.where(curvature < 0, (up - down) / (2 * np.minimum(curvature, -1e-12)), 0)
    normal = across[i + margin, j + margin]
    tilt = np.degrees(np.arctan(along[i + margin, j + margin] / normal))
    b = (i + margin).astype(np.float32) + shift.astype(np.float32)
    a = (j + margin).astype(np.float32)
    return Family(horizontal, a, b, tilt.astype(np.float32), cols), normal > 0


def _continued(keep: BoolArray) -> BoolArray:
    """Where `keep` has a neighbour in both the previous and the next column (any of the three
    rows): an edge runs on there; specks of texture and grain, one or two px long, do not."""
    rows = keep.copy(order="K")  # any of the three rows, per column (in keep's memory layout)
    rows[1:] |= keep[:-1]
    rows[:-1] |= keep[1:]
    continued = np.zeros_like(keep)
    np.logical_and(rows[:, :-2], rows[:, 2:], out=continued[:, 1:-1])
    return continued
