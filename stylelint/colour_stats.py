"""Colour statistics of an 8-bit image: its distinct colours with their counts, and its dominant
colours by weighted k-means in Lab (the extractor chosen in benchmarks/README.md).

Pure functions of pixel arrays; `ImageFacts` computes them once per image and shares them.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from stylelint.colour import FloatArray, codes_to_lab, lab_to_rgb, srgb_to_hex

# Pooled shares become integer weights for the k-means: a millionth of a share is the unit.
POOLED_SHARE_TO_COUNT = 1_000_000


class ColourCounts(NamedTuple):
    """Distinct colours of an 8-bit image: sRGB (n, 3) in [0, 1], Lab (n, 3), counts (n,), and
    each colour as one integer 0xRRGGBB (n,) when known (None for pooled or binned colours)."""

    srgb: FloatArray
    lab: FloatArray
    counts: npt.NDArray[np.int64]
    packed: npt.NDArray[np.uint32] | None = None

    @property
    def shares(self) -> FloatArray:
        """Each colour's share of the pixels, shape (n,), summing to 1."""
        return np.asarray(self.counts / self.counts.sum(), dtype=np.float64)

    @classmethod
    def pooled(cls, lab: npt.ArrayLike, shares: npt.ArrayLike) -> ColourCounts:
        """Colours of many images pooled for `dominant_colours_of`: Lab (n, 3) weighted by shares
        (n,), which become integer counts (× `POOLED_SHARE_TO_COUNT`, at least 1). `srgb` is
        not filled in (zeros): the clustering reads only Lab and counts."""
        lab = np.asarray(lab, dtype=np.float64).reshape(-1, 3)
        counts = np.maximum(1, np.rint(np.asarray(shares, dtype=np.float64) * POOLED_SHARE_TO_COUNT))
        return cls(srgb=np.zeros_like(lab), lab=lab, counts=counts.astype(np.int64))


class DominantColour(NamedTuple):
    """One dominant colour: "#RRGGBB", its share of the pixels in [0, 1], and its Lab."""

    hex: str
    share: float
    lab: tuple[float, float, float]


def _packed(rgb8: npt.NDArray[np.uint8]) -> npt.NDArray[np.uint32]:
    """Each (..., 3) 8-bit colour as one integer 0xRRGGBB, shape (...)."""
    # Shifted and merged in place in one uint32 array: no uint32 copy of all three channels
    # (2.5× faster on a working copy, issue 12).
    packed = rgb8[..., 0].astype(np.uint32)
    packed <<= 8
    packed |= rgb8[..., 1]
    packed <<= 8
    packed |= rgb8[..., 2]
    return packed


class DistinctColours(NamedTuple):
    """Distinct colours of an 8-bit image, in increasing 0xRRGGBB order: each as one integer
    (n,), its 8-bit codes (n, 3) and how many pixels hold it (n,)."""

    packed: npt.NDArray[np.uint32]
    codes: npt.NDArray[np.uint8]
    counts: npt.NDArray[np.int64]


def distinct_colours_of(
    rgb8: npt.NDArray[np.uint8], *, counted: npt.NDArray[np.bool_] | None = None
) -> DistinctColours:
    """Distinct colours of an (H, W, 3) uint8 image with their pixel counts (exact, no binning).
    With `counted` (H, W), only those pixels count (transparent ones do not, issue 13); every
    colour of the image is still listed, so `colour_index_of` finds each pixel's row, and a
    colour seen only where nothing counts has count 0."""
    if counted is None:
        packed, counts = _distinct(_packed(rgb8.reshape(-1, 3)))
    else:
        packed, inverse = np.unique(_packed(rgb8.reshape(-1, 3)), return_inverse=True)
        counts = np.bincount(inverse.reshape(-1), weights=counted.reshape(-1), minlength=len(packed))
    codes = np.stack([packed >> 16, packed >> 8, packed], axis=1).astype(np.uint8)  # the low byte of each
    return DistinctColours(packed, codes, counts.astype(np.int64))


def with_lab(distinct: DistinctColours) -> ColourCounts:
    """The distinct colours with their sRGB in [0, 1] and Lab (`colour_counts_of`)."""
    srgb = distinct.codes.astype(np.float64) / 255.0
    return ColourCounts(srgb=srgb, lab=codes_to_lab(distinct.codes), counts=distinct.counts, packed=distinct.packed)


def colour_counts_of(rgb8: npt.NDArray[np.uint8], *, counted: npt.NDArray[np.bool_] | None = None) -> ColourCounts:
    """Distinct colours of an (H, W, 3) uint8 image with their Lab and pixel counts, in increasing
    0xRRGGBB order (`distinct_colours_of`, `with_lab`)."""
    return with_lab(distinct_colours_of(rgb8, counted=counted))


def _distinct(packed: npt.NDArray[np.uint32]) -> tuple[npt.NDArray[np.uint32], npt.NDArray[np.intp]]:
    """`np.unique(packed, return_counts=True)`: the same arrays, about 1.5× faster (issue 12): the
    packed colours are sorted in place (they are a fresh array) and each run's start found once."""
    if packed.size == 0:
        return packed, np.zeros(0, dtype=np.intp)
    packed.sort()
    starts = np.empty(packed.size, dtype=np.bool_)
    starts[0] = True
    np.not_equal(packed[1:], packed[:-1], out=starts[1:])
    first = np.flatnonzero(starts)
    return packed[first], np.diff(first, append=packed.size)


def _counted_only(counts: ColourCounts) -> ColourCounts:
    """`counts` without the colours whose count is 0 (seen only where nothing counts)."""
    keep = counts.counts > 0
    if keep.all():
        return counts
    packed = None if counts.packed is None else counts.packed[keep]
    return ColourCounts(srgb=counts.srgb[keep], lab=counts.lab[keep], counts=counts.counts[keep], packed=packed)


def _packed_of(counts: ColourCounts) -> npt.NDArray[np.uint32]:
    """Each of `counts`' colours as 0xRRGGBB: kept since counting, else from its sRGB."""
    if counts.packed is not None:
        return counts.packed
    return _packed(np.rint(counts.srgb * 255).astype(np.uint8))


def colour_index_of(counts: ColourCounts, rgb8: npt.NDArray[np.uint8]) -> npt.NDArray[np.intp]:
    """Each pixel's row in `counts` (the distinct colours of that same image), shape (H, W)."""
    return np.searchsorted(_packed_of(counts), _packed(rgb8))


def binned(counts: ColourCounts, bits: int) -> ColourCounts:
    """`counts` merged into bins of the top `bits` bits of each 8-bit channel: each bin's Lab is
    its colours' count-weighted mean, its count their sum; its sRGB is not filled in (zeros, as
    in `ColourCounts.pooled`: the clustering reads only Lab and counts, and three weighted sums
    fewer cost less, issue 12). With 5 bits (steps of 8 codes, a few ΔE00) a photograph's ~10⁵
    distinct colours fall into ~10⁴ bins: a much cheaper k-means input whose dominant colours
    are near the full ones (`stylelint learn` uses it to see which colours references share)."""
    counts = _counted_only(counts)
    # Each colour's bin key, the top `bits` of R, G and B, from its packed 0xRRGGBB (no float pass).
    packed, top = _packed_of(counts).astype(np.intp), (1 << bits) - 1
    key = (((packed >> (24 - bits)) & top) << (2 * bits)) | (((packed >> (16 - bits)) & top) << bits)
    key |= (packed >> (8 - bits)) & top
    # Each colour's bin as a row of the bins present, in increasing key order (np.unique's
    # labels, from a table of all 2^(3·bits) keys instead of sorting the colours).
    present = np.bincount(key, minlength=1 << (3 * bits)) > 0
    size, label = int(np.count_nonzero(present)), (np.cumsum(present) - 1)[key]
    weights = counts.counts.astype(np.float64)
    total = np.bincount(label, weights=weights, minlength=size)
    columns = [np.bincount(label, weights=weights * counts.lab[:, i], minlength=size) for i in range(3)]
    lab = np.stack(columns, axis=1) / total[:, None]
    return ColourCounts(srgb=np.zeros_like(lab), lab=lab, counts=total.astype(np.int64))


# Weighted k-means in Lab for dominant colours: Lloyd iterations until no centre moves more than
# _KMEANS_TOLERANCE (ΔE76 units, far below a visible difference), at most _KMEANS_ITERATIONS;
# k-means++ seeding with a fixed seed, or stable (see _kmeans_pp), keeps the output deterministic.
_KMEANS_ITERATIONS = 20
_KMEANS_TOLERANCE = 1e-2
_KMEANS_SEED = 0


def dominant_colours_of(counts: ColourCounts, k: int, *, stable: bool = False) -> tuple[DominantColour, ...]:
    """At most k dominant colours (fewer when the image has fewer), largest share first.

    Weighted k-means (Euclidean Lab) over the distinct colours; each colour's share is the
    share of pixels assigned to it; its hex is the cluster's Lab mean converted to sRGB. With
    `stable`, the seeding is the deterministic one of `_kmeans_pp`.
    """
    weights = counts.counts.astype(np.float64)
    centres = _kmeans_pp(counts.lab, weights, k, stable=stable)
    for _ in range(_KMEANS_ITERATIONS):
        labels = _nearest(counts.lab, centres)
        moved = _weighted_means(counts.lab, weights, labels, centres)
        done = np.abs(moved - centres).max() <= _KMEANS_TOLERANCE
        centres = moved
        if done:
            break
    labels = _nearest(counts.lab, centres)
    shares = np.bincount(labels, weights=weights, minlength=len(centres)) / weights.sum()
    srgb = lab_to_rgb(centres)
    found = [
        DominantColour(srgb_to_hex(rgb), float(share), (float(c[0]), float(c[1]), float(c[2])))
        for rgb, share, c in zip(srgb, shares, centres)
        if share > 0
    ]
    return tuple(sorted(found, key=lambda d: (-d.share, d.hex)))


def _kmeans_pp(points: FloatArray, weights: FloatArray, k: int, *, stable: bool) -> FloatArray:
    """k-means++ seeding, weighted by pixel count; stops early when every point is a centre.

    With `stable`, each next centre is the colour with the largest weight × squared distance to
    its nearest centre (the likeliest k-means++ draw, taken instead of drawn): a random draw made
    near-identical copies of one photo settle in different local optima (issue 13), the argmax
    moves only when the image does. Otherwise drawn with a fixed seed.
    """
    # numpy.random only when drawing: importing it costs each worker process ~17 ms (issue 12).
    rng = None if stable else np.random.default_rng(_KMEANS_SEED)
    centres = [points[int(np.argmax(weights))]]
    gap = ((points - centres[0]) ** 2).sum(axis=1)
    while len(centres) < k and (gap * weights).sum() > 0:
        chance = gap * weights
        pick = int(np.argmax(chance)) if rng is None else int(rng.choice(len(points), p=chance / chance.sum()))
        centres.append(points[pick])
        gap = np.minimum(gap, ((points - centres[-1]) ** 2).sum(axis=1))
    return np.array(centres)


def _nearest(points: FloatArray, centres: FloatArray) -> npt.NDArray[np.intp]:
    """Index of the nearest centre (Euclidean) for each point.

    |p − c|² = |p|² − 2 p·c + |c|², and |p|² is the same for every centre, so it is left out.
    """
    gaps = (centres**2).sum(axis=1)[None, :] - 2.0 * points @ centres.T
    return np.argmin(gaps, axis=1)


def _weighted_means(
    points: FloatArray, weights: FloatArray, labels: npt.NDArray[np.intp], centres: FloatArray
) -> FloatArray:
    """Weighted mean of each cluster; an empty cluster keeps its centre."""
    totals = np.bincount(labels, weights=weights, minlength=len(centres))
    sums = np.stack(
        [np.bincount(labels, weights=weights * points[:, i], minlength=len(centres)) for i in range(points.shape[1])],
        axis=1,
    )
    filled = totals > 0
    means = centres.copy()
    means[filled] = sums[filled] / totals[filled, None]
    return means
