"""Near-duplicates within the set.

Each image is reduced to a 64-bit perceptual hash (pHash, Zauner 2010, as in the `imagehash`
package): the luma of the picture at a 400-px long edge (`ImageFacts.scaled_luma`, the copy
noise and sharpness read) is box-averaged to 32 × 32 px, its 2-D DCT-II taken, and the 8 × 8
lowest frequencies (DC included) compared with their median: one bit per coefficient, set when
it is above the median. Resizing, recompression and mild colour edits move few bits; distinct
photographs differ in about 32 of 64. A plain pHash does not survive cropping (a 4 % trim moves
up to 20 bits), so each image is hashed four times: whole and centre-cropped to 96 %, 92 % and
88 % of each side. A copy trimmed by up to ~12 % then matches some crop of its original;
off-centre crops are found less reliably.

Two images are near-duplicates when any hash of one and any hash of the other differ in at most
`max_distance` bits (Hamming distance, inclusive); `distance` is the smallest such difference.
Files are taken in path order: an image fails when an earlier file is a near-duplicate;
`duplicate_of` names the nearest such file (ties: the earliest). The first file of a group of
copies passes.

Pairs are not all compared: a multi-index hash (Norouzi, Punjani & Fleet 2012) splits each hash
into 4 chunks of 16 bits. By the pigeonhole principle two hashes within distance d agree within
⌊d/4⌋ bits on at least one chunk, so each hash probes, per chunk, the buckets of the chunk
values within ⌊d/4⌋ bits of its own (17 per chunk for the default d = 6) and only the hashes
found there are checked. With n images (4n hashes) spread uniformly, an image's 4 hashes meet
about 4 · 4 · 17 · 4n / 65536 ≈ n / 60 candidates for d = 6: about n² / 120 checks in all
instead of 16 · n² / 2 for every pair of hashes. The search runs for the whole set at once in
numpy (sorted chunk tables, candidate pairs gathered and measured as arrays, in bounded blocks),
so the n²/120 pair checks cost nanoseconds each. Measured on random hashes (2 cores, Python
3.11, 4 hashes per image): 10,000 images 0.2 s, 100,000 images 8 s; the n²/120 term still
dominates past ~10⁵ images, so a library of millions is better checked folder by folder.
Real hashes cluster, so buckets are uneven; the probes grow as C(16, ⌊d/4⌋), hence d ≤ 16.

References: Zauner, C. (2010), "Implementation and Benchmarking of Perceptual Image Hash
Functions", thesis, Upper Austria University of Applied Sciences; Norouzi, M., Punjani, A. &
Fleet, D. J. (2012), "Fast search in Hamming space with multi-index hashing", CVPR.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import combinations
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt
from PIL import Image

from stylelint.facts import ImageFacts
from stylelint.rule import RECORD_PATH, Category, References, Rule, Suggestion, Verdict, left_out, param, params
from stylelint.wording import count

# pHash geometry (Zauner 2010; imagehash.phash defaults): 32 × 32 luma, 8 × 8 low frequencies.
_DCT_SIZE = 32
_HASH_SIDE = 8
HASH_BITS = _HASH_SIDE * _HASH_SIDE
# The orthonormal DCT-II matrix of size _DCT_SIZE (row k: sqrt(2/N) cos(π (2n + 1) k / 2N), row 0
# divided by sqrt 2): C X Cᵀ is scipy.fft.dctn(X, type=2, norm="ortho") within 1e-13, without
# importing SciPy in every worker process (about 0.2 s CPU each) for a 32 × 32 transform.
_DCT_ROWS = np.sqrt(2 / _DCT_SIZE) * np.cos(
    np.pi * (2 * np.arange(_DCT_SIZE)[None, :] + 1) * np.arange(_DCT_SIZE)[:, None] / (2 * _DCT_SIZE)
)
_DCT_ROWS[0] /= np.sqrt(2)
# Centre crops hashed besides the whole frame, as fractions of each side: trims of up to ~12 %
# then match within a few bits (measured on 21 skimage.data photos, tests/rules/test_duplicates.py).
_CROPS = (0.96, 0.92, 0.88)
# Multi-index hashing: 4 chunks of 16 bits (Norouzi et al. 2012 pick chunk length ≈ log2 n;
# 16 bits suit sets of 10³–10⁵ images).
_CHUNKS = 4
_CHUNK_BITS = HASH_BITS // _CHUNKS


@params
class Params:
    max_distance: int = param(
        6,
        unit="hash bits",
        min=0,
        max=16,
        doc="Largest Hamming distance (of 64 pHash bits) at which two images count as near-duplicates.",
    )


def _float_image(gray: npt.NDArray[np.floating[Any]]) -> Image.Image:
    """`gray` as a Pillow 32-bit float image (the box average runs on float32 values)."""
    return Image.fromarray(np.asarray(gray, dtype=np.float32), mode="F")


def _phash_of(image: Image.Image) -> int:
    """64-bit DCT perceptual hash of a Pillow float image of luma, as an unsigned integer.

    The luma is `ImageFacts.scaled_luma` (or a crop of it), on the 0–255 scale; the scale does not
    matter, up to rounding, since each coefficient is compared with their median. The bits are the
    8 × 8 lowest DCT-II frequencies of the 32 × 32 box-averaged image, row by row, most
    significant first, each set when the coefficient is above their median.
    """
    small = image.resize((_DCT_SIZE, _DCT_SIZE), Image.Resampling.BOX)
    low = (_DCT_ROWS @ np.asarray(small, dtype=np.float64) @ _DCT_ROWS.T)[:_HASH_SIDE, :_HASH_SIDE]
    bits = (low > np.median(low)).ravel()
    return int("".join("1" if bit else "0" for bit in bits), 2)


def _centre_box(size: tuple[int, int], keep: float) -> tuple[int, int, int, int]:
    """(left, top, right, bottom) of the centre crop keeping `keep` of each side of `size`."""
    width, height = size
    dy, dx = round(height * (1 - keep) / 2), round(width * (1 - keep) / 2)
    return dx, dy, width - dx, height - dy


def measure(facts: ImageFacts, p: Params) -> dict[str, Any]:
    # From the 400-px copy's luma, which noise and sharpness read anyway (issue 12: version 1
    # hashed the 1024-px working copy's luma, a float copy and four box averages of 10⁶ pixels,
    # 8 ms per camera file against 1); 32 × 32 averages of it are the same picture. The float
    # image is made once and the crops cut from it: four hashes, one conversion.
    image = _float_image(facts.scaled_luma)
    hashes = [_phash_of(image)] + [_phash_of(image.crop(_centre_box(image.size, keep))) for keep in _CROPS]
    return {"hash": f"{hashes[0]:016x}", "crops": [f"{h:016x}" for h in hashes[1:]]}


# Population count of every 16-bit value: a 64-bit Hamming distance is four table look-ups.
# (The bits of every 16-bit value unpacked and summed: 65,536 `bin(v).count` calls cost every
# learning run and every check with duplicates ~11 ms of CPU at import, issue 12.)
_POPCOUNT16 = (
    np.unpackbits(np.arange(1 << _CHUNK_BITS, dtype=">u2").view(np.uint8)).reshape(-1, 16).sum(1, dtype=np.int64)
)
_CHUNK_MASK = (1 << _CHUNK_BITS) - 1
# While the n × n table of (hash, hash) pairs has at most this many cells (n ≤ 256 hashes), every
# pair is measured: a learn run's references or a small shoot, where the ~2,800 probes of the
# multi-index search cost more (55 ms for 30 hashes, issue 12).
_ALL_PAIRS = 1 << 16
# Query hashes per step of the batch search: bounds the candidate arrays (about this many times
# the number of hashes / 65,536 pairs per probe) to tens of MB whatever the size of the set.
_QUERY_BLOCK = 1 << 17


def _popcount(values: npt.NDArray[np.uint64]) -> npt.NDArray[np.int64]:
    chunks = [(values >> np.uint64(shift)) & np.uint64(_CHUNK_MASK) for shift in range(0, HASH_BITS, _CHUNK_BITS)]
    return np.asarray(sum(_POPCOUNT16[chunk.astype(np.int64)] for chunk in chunks), dtype=np.int64)


def nearest_earlier(
    hashes: npt.NDArray[np.uint64], owners: npt.NDArray[np.int64], radius: int
) -> list[tuple[int, int] | None]:
    """For each owner 0 … n−1, (distance, owner) of the nearest lower owner with a hash within
    `radius` bits of one of its own (ties: the lowest owner), or None.

    While n² ≤ `_ALL_PAIRS` for n hashes, every pair is measured. Beyond, multi-index hashing, run
    for all hashes at once with numpy: for each 16-bit chunk and each flip pattern of at most
    ⌊radius/4⌋ bits, hashes whose chunk equals the flipped chunk are gathered from a table sorted
    by chunk value, and only those candidate pairs are measured. Both find every pair within
    `radius` (by the pigeonhole principle, one chunk of such a pair differs in at most ⌊radius/4⌋
    bits), so both give the same answer.
    """
    owner_count = int(owners.max()) + 1 if len(owners) else 0
    none = np.iinfo(np.int64).max
    # Each owner's best as distance · owner_count + owner: min() breaks ties by owner.
    search = _Search(hashes, owners, radius, owner_count, np.full(owner_count, none, dtype=np.int64))
    if len(hashes) ** 2 <= _ALL_PAIRS:
        search.measure(*np.nonzero(owners[:, None] > owners[None, :]))
    else:
        _multi_index(search)
    return [None if code == none else (int(code // owner_count), int(code % owner_count)) for code in search.best]


class _Search(NamedTuple):
    """A search for each owner's nearest earlier hash: the hashes, their owners, the radius, the
    number of owners and each owner's best so far (updated in place)."""

    hashes: npt.NDArray[np.uint64]
    owners: npt.NDArray[np.int64]
    radius: int
    owner_count: int
    best: npt.NDArray[np.int64]

    def measure(self, query: npt.NDArray[np.integer[Any]], entry: npt.NDArray[np.integer[Any]]) -> None:
        """Measure each pair (query, entry of a lower owner) and keep each owner's best."""
        distance = _popcount(self.hashes[query] ^ self.hashes[entry])
        close = distance <= self.radius
        np.minimum.at(
            self.best, self.owners[query[close]], distance[close] * self.owner_count + self.owners[entry[close]]
        )


def _multi_index(search: _Search) -> None:
    """`nearest_earlier`'s multi-index search."""
    flips = [
        sum(1 << bit for bit in bits)
        for r in range(search.radius // _CHUNKS + 1)
        for bits in combinations(range(_CHUNK_BITS), r)
    ]
    hashes = search.hashes
    for chunk in range(_CHUNKS):
        keys = ((hashes >> np.uint64(chunk * _CHUNK_BITS)) & np.uint64(_CHUNK_MASK)).astype(np.int64)
        order = np.argsort(keys, kind="stable")
        bounds = np.searchsorted(keys[order], np.arange((1 << _CHUNK_BITS) + 1))
        for start in range(0, len(hashes), _QUERY_BLOCK):
            block = np.arange(start, min(start + _QUERY_BLOCK, len(hashes)))
            for flip in flips:
                _probe(block, keys[block] ^ flip, order, bounds, search)


def _probe(
    block: npt.NDArray[np.int64],
    wanted: npt.NDArray[np.int64],
    order: npt.NDArray[np.int64],
    bounds: npt.NDArray[np.int64],
    search: _Search,
) -> None:
    """Measure every pair (query in `block`, entry whose chunk is `wanted`) and keep the best."""
    low, sizes = bounds[wanted], bounds[wanted + 1] - bounds[wanted]
    query = np.repeat(block, sizes)
    offsets = np.arange(len(query)) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    entry = order[np.repeat(low, sizes) + offsets]
    earlier = search.owners[entry] < search.owners[query]
    search.measure(query[earlier], entry[earlier])


def compare(records: Sequence[Mapping[str, Any]], p: Params) -> list[dict[str, Any]]:
    """Each record's nearest earlier near-duplicate (records come in file order).

    `duplicate_of` is that file's path, from the record's `RECORD_PATH` key (which the engine
    supplies), or its index in `records` when the records carry no path.
    """
    values = [[int(h, 16) for h in [record["hash"], *record["crops"]]] for record in records]
    hashes = np.array([h for hs in values for h in hs], dtype=np.uint64)
    owners = np.repeat(np.arange(len(values), dtype=np.int64), [len(hs) for hs in values])
    hits = nearest_earlier(hashes, owners, p.max_distance)
    return [
        {
            "hash": record["hash"],
            "duplicate_of": None if hit is None else records[hit[1]].get(RECORD_PATH, hit[1]),
            "distance": None if hit is None else hit[0],
        }
        for record, hit in zip(records, hits)
    ]


def judge(measured: Mapping[str, Any], p: Params) -> Verdict:
    expected = {"max_distance": p.max_distance}
    if measured["duplicate_of"] is None:
        return Verdict(True, expected, "no near-duplicate earlier in the set")
    return Verdict(
        False,
        expected,
        f"near-duplicate of {measured['duplicate_of']}: "
        f"{measured['distance']} of {HASH_BITS} hash bits differ (limit {p.max_distance})",
    )


# Learning: references within this many hash bits of another are variants of one scene (a burst,
# a re-crop, a re-grade), not another example of the look. Distinct photographs differ in ~32.
SIMILAR_BITS = 12


def suggest(references: References) -> Suggestion:
    """Writes nothing: warns when references are near-copies of each other, since a look learned
    from variants of a few scenes is pinned down by fewer examples than there are files."""
    found = compare(references.measured, Params(max_distance=SIMILAR_BITS))  # type: ignore[call-arg]
    copies = sum(m["duplicate_of"] is not None for m in found)
    note = (
        "it compares the checked images with each other, not with the look: add it by hand "
        "(`duplicates: warning`) to catch repeated frames in a shoot"
    )
    if not copies:
        return left_out(note)
    return left_out(
        note,
        warnings=(
            f"{copies} of {len(found)} references are near-copies of another (perceptual hashes within "
            f"{SIMILAR_BITS} of 64 bits): the references show only {count(len(found) - copies, 'distinct scene')}, "
            "too similar to pin a look down; add varied scenes in the house look",
        ),
    )


RULE = Rule(
    id="duplicates",
    category=Category.SET,
    version=2,
    doc=__doc__,
    params=Params,
    measure=measure,
    judge=judge,
    compare=compare,
    measured_keys=("duplicate_of", "distance", "hash"),
    measured_with=(),
    suggest=suggest,
    example="duplicates: {severity: warning, max_distance: 6}",
)
