"""Near-duplicates within the set.

Each image is reduced to a 64-bit perceptual hash (pHash, Zauner 2010, as in the `imagehash`
package): the luma of the working copy (`ImageFacts.gray`) is box-averaged to 32 × 32 px, its
2-D DCT-II taken, and the 8 × 8 lowest frequencies (DC included) compared with their median:
one bit per coefficient, set when it is above the median. Resizing, recompression and mild
colour edits move few bits; distinct photographs differ in about 32 of 64. A plain pHash does not
survive cropping (a 4 % trim moves up to 20 bits), so each image is hashed four times: whole and
centre-cropped to 96 %, 92 % and 88 % of each side. A copy trimmed by up to ~12 % then matches
some crop of its original; off-centre crops are found less reliably.

Two images are near-duplicates when any hash of one and any hash of the other differ in at most
`max_distance` bits (Hamming distance, inclusive); `distance` is the smallest such difference. Files are taken in path order: an image fails when an earlier
file is a near-duplicate; `duplicate_of` names the nearest such file (ties: the earliest). The first file of a group of copies passes.

Pairs are not all compared: a multi-index hash (Norouzi, Punjani & Fleet 2012) splits each hash
into 4 chunks of 16 bits. By the pigeonhole principle two hashes within distance d agree within
⌊d/4⌋ bits on at least one chunk, so each hash probes, per chunk, the buckets of the chunk
values within ⌊d/4⌋ bits of its own (17 per chunk for the default d = 6) and only the hashes
found there are checked. With n images (4n hashes) spread uniformly, an image's 4 hashes meet
about 4 · 4 · 17 · 4n / 65536 ≈ n / 60 candidates for d = 6: about n² / 120 checks in all
instead of 16 · n² / 2 for every pair of hashes. Measured on random hashes (2 cores, Python
3.11): 1,000 images 0.04 s, 10,000 images 1.4 s, 50,000 images 28 s: the remaining n²/120
term dominates past ~10⁴ images (a library of 10⁵ takes about two minutes in this phase).
Real hashes cluster, so buckets are uneven; the probes grow as C(16, ⌊d/4⌋), hence d ≤ 16.

References: Zauner, C. (2010), "Implementation and Benchmarking of Perceptual Image Hash
Functions", thesis, Upper Austria University of Applied Sciences; Norouzi, M., Punjani, A. &
Fleet, D. J. (2012), "Fast search in Hamming space with multi-index hashing", CVPR.
"""
from __future__ import annotations

from itertools import combinations
from typing import Any, Mapping, Sequence

import numpy as np
import numpy.typing as npt

from stylelint.facts import ImageFacts
from stylelint.rule import RECORD_PATH, Category, Rule, Verdict, param, params

# pHash geometry (Zauner 2010; imagehash.phash defaults): 32 × 32 luma, 8 × 8 low frequencies.
_DCT_SIZE = 32
_HASH_SIDE = 8
HASH_BITS = _HASH_SIDE * _HASH_SIDE
# Centre crops hashed besides the whole frame, as fractions of each side: trims of up to ~12 %
# then match within a few bits (measured on 21 skimage.data photos, tests/rules/test_duplicates.py).
_CROPS = (0.96, 0.92, 0.88)
# Multi-index hashing: 4 chunks of 16 bits (Norouzi et al. 2012 pick chunk length ≈ log2 n;
# 16 bits suit sets of 10³–10⁵ images).
_CHUNKS = 4
_CHUNK_BITS = HASH_BITS // _CHUNKS


@params
class Params:
    max_distance: int = param(6, unit="hash bits", min=0, max=16,
                              doc="Largest Hamming distance (of 64 pHash bits) at which two images "
                                  "count as near-duplicates.")


def phash(gray: npt.NDArray[np.float64]) -> int:
    """64-bit DCT perceptual hash of a luma image (H, W) in [0, 1], as an unsigned integer.

    The bits are the 8 × 8 lowest DCT-II frequencies of the 32 × 32 box-averaged image, row by
    row, most significant first, each set when the coefficient is above their median.
    """
    from PIL import Image
    from scipy.fft import dctn

    small = Image.fromarray(np.asarray(gray, dtype=np.float32), mode="F").resize(
        (_DCT_SIZE, _DCT_SIZE), Image.Resampling.BOX)
    low = dctn(np.asarray(small, dtype=np.float64), type=2, norm="ortho")[:_HASH_SIDE, :_HASH_SIDE]
    bits = (low > np.median(low)).ravel()
    return int("".join("1" if bit else "0" for bit in bits), 2)


def _centre_crop(gray: npt.NDArray[np.float64], keep: float) -> npt.NDArray[np.float64]:
    height, width = gray.shape
    dy, dx = round(height * (1 - keep) / 2), round(width * (1 - keep) / 2)
    return gray[dy:height - dy, dx:width - dx]


def measure(facts: ImageFacts, p: Params) -> dict[str, Any]:
    hashes = [phash(facts.gray)] + [phash(_centre_crop(facts.gray, keep)) for keep in _CROPS]
    return {"hash": f"{hashes[0]:016x}", "crops": [f"{h:016x}" for h in hashes[1:]]}


class HammingIndex:
    """Multi-index hash of 64-bit integers, each owned by an item: "the nearest earlier item
    with a hash within `radius` bits of any of these"."""

    def __init__(self, radius: int) -> None:
        self.radius = radius
        per_chunk = radius // _CHUNKS
        self.flips = [sum(1 << b for b in bits) for r in range(per_chunk + 1)
                      for bits in combinations(range(_CHUNK_BITS), r)]
        self.tables: list[dict[int, list[int]]] = [{} for _ in range(_CHUNKS)]
        self.entries: list[tuple[int, int]] = []  # (hash, owner)

    @staticmethod
    def _chunks(value: int) -> list[int]:
        mask = (1 << _CHUNK_BITS) - 1
        return [(value >> (i * _CHUNK_BITS)) & mask for i in range(_CHUNKS)]

    def _candidates(self, value: int) -> set[int]:
        return {entry for table, chunk in zip(self.tables, self._chunks(value))
                for flip in self.flips for entry in table.get(chunk ^ flip, ())}

    def nearest(self, values: Sequence[int]) -> tuple[int, int] | None:
        """(distance, owner) of the nearest entry within `radius` of any value (ties: lowest owner)."""
        found = [((value ^ self.entries[e][0]).bit_count(), self.entries[e][1])
                 for value in values for e in self._candidates(value)]
        within = [pair for pair in found if pair[0] <= self.radius]
        return min(within) if within else None

    def add(self, values: Sequence[int], owner: int) -> None:
        """Index `values` as belonging to `owner`."""
        for value in values:
            for table, chunk in zip(self.tables, self._chunks(value)):
                table.setdefault(chunk, []).append(len(self.entries))
            self.entries.append((value, owner))


def compare(records: Sequence[Mapping[str, Any]], p: Params) -> list[dict[str, Any]]:
    """Each record's nearest earlier near-duplicate (records come in file order).

    `duplicate_of` is that file's path, from the record's `RECORD_PATH` key (which the engine
    supplies), or its index in `records` when the records carry no path.
    """
    index = HammingIndex(p.max_distance)
    out = []
    for position, record in enumerate(records):
        values = [int(h, 16) for h in [record["hash"], *record["crops"]]]
        hit = index.nearest(values)
        index.add(values, position)
        other = None if hit is None else records[hit[1]].get(RECORD_PATH, hit[1])
        out.append({"hash": record["hash"], "duplicate_of": other,
                    "distance": None if hit is None else hit[0]})
    return out


def judge(measured: Mapping[str, Any], p: Params) -> Verdict:
    expected = {"max_distance": p.max_distance}
    if measured["duplicate_of"] is None:
        return Verdict(True, expected, "no near-duplicate earlier in the set")
    return Verdict(False, expected, f"near-duplicate of {measured['duplicate_of']}: "
                   f"{measured['distance']} of {HASH_BITS} hash bits differ (limit {p.max_distance})")


RULE = Rule(id="duplicates", category=Category.SET, version=1,
            summary=__doc__.splitlines()[0], doc=__doc__, params=Params,
            measure=measure, judge=judge, compare=compare,
            measured_keys=("duplicate_of", "distance", "hash"), measured_with=(),
            example="duplicates: {severity: warning, max_distance: 6}")
