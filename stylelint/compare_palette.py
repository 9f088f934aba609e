"""The palette part of `stylelint compare`: which colours a set kept, dropped and added.

Every image's dominant colours (hex and share of its pixels) from both sets are clustered
together, by the same weighted k-means in CIELAB as an image's dominant colours
(`facts.dominant_colours_of`), into at most `SET_PALETTE_SIZE` shared swatches: each set weighs
the same, and each image the same within its set. Clustering both sets together, rather than
each alone and then matching, keeps the random differences between two k-means runs from
reading as palette changes. Each image then has a share of its pixels in each swatch, and each
set a mean share (`share`). A swatch with at least `MIN_PALETTE_SHARE` in either set is:

- `dropped` when AFTER keeps at most a quarter of its BEFORE share and the per-image shares
  differ significantly (two-sided Mann–Whitney U, Holm-adjusted across the swatches, as for
  the features; see `stylelint.drift`);
- `added`, the same the other way round;
- else `kept` (when BEFORE has it), with the swatch's colour in each set (`hex`, `after_hex`:
  the share-weighted mean of its members) and how far it moved (`delta_e`, ΔE00).

When the whole set shifts (a warmer grade), k-means may split one colour into a BEFORE swatch
and an AFTER swatch; a dropped and an added colour within the matching radius of each other
are therefore joined into one kept colour that moved (nearest pairs first).

`name` is the nearest spec palette colour within the palette rule's `max_delta_e` (default
10 ΔE00), else null."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt

from stylelint import drift
from stylelint.colour import delta_e_to_each, lab_to_rgb, srgb_to_hex
from stylelint.colour_stats import ColourCounts, dominant_colours_of
from stylelint.params import Colour
from stylelint.spec import Spec

# Swatches per pooled set palette: brand palettes typically hold 4–8 colours.
SET_PALETTE_SIZE = 8
# A pooled colour is listed (kept, dropped, added) from this share of the set's pixels: below,
# it is a detail of a few images, not part of the set's palette.
MIN_PALETTE_SHARE = 0.03
# Matching radius when the spec does not configure the palette rule: its default max_delta_e.
DEFAULT_MATCH_DELTA_E = 10.0
# A swatch is dropped (added) when AFTER (BEFORE) keeps at most this fraction of its share, and
# the per-image shares differ significantly (Mann–Whitney U, Holm across the swatches).
_GONE = 0.25


def match_radius(spec: Spec) -> float:
    """The spec's palette rule's `max_delta_e`, or the rule's default when it is not configured."""
    palette = spec.rules.get("palette")
    return float(palette.params.max_delta_e) if palette is not None else DEFAULT_MATCH_DELTA_E


class Swatches(NamedTuple):
    """The shared swatches of both sets and each image's share of each.

    `lab` (k, 3): the swatch centres; `before`, `after` (images, k): each image's share of its
    pixels in each swatch (its dominant colours assigned to the nearest centre); `before_lab`,
    `after_lab` (k, 3): the share-weighted mean colour of each swatch's members in each set
    (NaN where a set has none).
    """

    lab: npt.NDArray[np.float64]
    before: npt.NDArray[np.float64]
    after: npt.NDArray[np.float64]
    before_lab: npt.NDArray[np.float64]
    after_lab: npt.NDArray[np.float64]


Images = Sequence[Sequence[Mapping[str, Any]]]


def _rows(images: Images) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64], npt.NDArray[np.intp]]:
    """Lab (m, 3), share (m,) and image index (m,) of every dominant colour of every image."""
    rows = [(Colour.from_hex(d["hex"]).lab, float(d["share"]), i) for i, image in enumerate(images) for d in image]
    if not rows:
        return np.zeros((0, 3)), np.zeros(0), np.zeros(0, dtype=np.intp)
    lab, share, index = zip(*rows)
    return np.array(lab, dtype=np.float64), np.array(share, dtype=np.float64), np.array(index, dtype=np.intp)


def swatches(before: Images, after: Images) -> Swatches:
    """Cluster both sets' dominant colours together (each set weighing the same, each image
    the same within its set) into at most SET_PALETTE_SIZE swatches; share them out per image."""
    sides = [_rows(before), _rows(after)]
    lab = np.concatenate([rows[0] for rows in sides])
    weights = np.concatenate([rows[1] / max(1, len(images)) for rows, images in zip(sides, (before, after))])
    centres = np.array([c.lab for c in dominant_colours_of(ColourCounts.pooled(lab, weights), SET_PALETTE_SIZE)])
    centres = centres.reshape(-1, 3)
    per_image, means = [], []
    for (rows_lab, share, index), images in zip(sides, (before, after)):
        label = np.argmin(((rows_lab[:, None, :] - centres[None, :, :]) ** 2).sum(axis=2), axis=1)
        shares = np.zeros((len(images), len(centres)))
        np.add.at(shares, (index, label), share)
        per_image.append(shares)
        total = np.bincount(label, weights=share, minlength=len(centres))
        sums = np.stack(
            [np.bincount(label, weights=share * rows_lab[:, c], minlength=len(centres)) for c in range(3)], 1
        )
        with np.errstate(invalid="ignore", divide="ignore"):
            means.append(sums / total[:, None])
    return Swatches(centres, per_image[0], per_image[1], means[0], means[1])


def compare_palettes(
    before: Images, after: Images, names: Mapping[str, Colour], radius: float
) -> dict[str, list[dict[str, Any]]]:
    """{kept, dropped, added}: lists of {hex, share, name}, largest share first; kept rows add
    `after_hex`, `after_share` and `delta_e` (ΔE00 from the BEFORE to the AFTER colour)."""
    found = swatches(before, after)
    share_b, share_a = found.before.mean(axis=0), found.after.mean(axis=0)
    listed = [k for k in range(len(found.lab)) if max(share_b[k], share_a[k]) >= MIN_PALETTE_SHARE]
    tests = [drift.rank_test(found.before[:, k], found.after[:, k]) for k in listed]
    adjusted = drift.holm([t.p_raw for t in tests])
    out: dict[str, list[dict[str, Any]]] = {"kept": [], "dropped": [], "added": []}
    for k, p_value in zip(listed, adjusted):
        if p_value < drift.ALPHA and share_a[k] <= share_b[k] * _GONE:
            out["dropped"].append(_row(found.before_lab[k], share_b[k], names, radius))
        elif p_value < drift.ALPHA and share_b[k] <= share_a[k] * _GONE:
            out["added"].append(_row(found.after_lab[k], share_a[k], names, radius))
        elif share_b[k] >= MIN_PALETTE_SHARE and np.isfinite(found.after_lab[k]).all():
            row = _row(found.before_lab[k], share_b[k], names, radius)
            moved = float(delta_e_to_each([found.before_lab[k]], [found.after_lab[k]])[0, 0])
            after_hex = _hex(found.after_lab[k])
            out["kept"].append(
                {**row, "after_hex": after_hex, "after_share": round(float(share_a[k]), 4), "delta_e": round(moved, 2)}
            )
    _rejoin(out, radius)
    return {key: sorted(rows, key=lambda r: (-r["share"], r["hex"])) for key, rows in out.items()}


def _rejoin(out: dict[str, list[dict[str, Any]]], radius: float) -> None:
    """A dropped and an added colour within `radius` of each other are one colour that moved
    (k-means split it in two when the whole set shifted): make them kept, nearest pairs first."""
    while out["dropped"] and out["added"]:
        gaps = delta_e_to_each(
            [Colour.from_hex(r["hex"]).lab for r in out["dropped"]],
            [Colour.from_hex(r["hex"]).lab for r in out["added"]],
        )
        i, j = np.unravel_index(int(np.argmin(gaps)), gaps.shape)
        if gaps[i, j] > radius:
            return
        old, new = out["dropped"].pop(int(i)), out["added"].pop(int(j))
        moved = {"after_hex": new["hex"], "after_share": new["share"], "delta_e": round(float(gaps[i, j]), 2)}
        out["kept"].append({**old, **moved})


def _hex(lab: npt.ArrayLike) -> str:
    return srgb_to_hex(lab_to_rgb(lab))


def _row(lab: npt.ArrayLike, share: float, names: Mapping[str, Colour], radius: float) -> dict[str, Any]:
    return {"hex": _hex(lab), "share": round(float(share), 4), "name": palette_name(lab, names, radius)}


def palette_name(lab: npt.ArrayLike, names: Mapping[str, Colour], radius: float) -> str | None:
    """The nearest spec palette colour's name when within `radius` ΔE00, else None."""
    if not names:
        return None
    colours = list(names.values())
    gaps = delta_e_to_each(np.asarray(lab, dtype=np.float64).reshape(1, 3), [c.lab for c in colours])[0]
    best = int(np.argmin(gaps))
    return colours[best].name if gaps[best] <= radius else None
