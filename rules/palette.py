"""Colours come from the brand palette.

Measures, on the working copy, in CIEDE2000 (ΔE00, CIELAB D65 2°):
- `coverage`: the share of pixels within `max_delta_e` of at least one colour of `colors`
  (a pixel exactly at `max_delta_e` counts as on palette). Computed exactly, over the working
  copy's distinct 8-bit colours weighted by their pixel counts, so no pixel is sampled away.
- `dominant`: the `dominant_colors` most common colours (weighted k-means in Lab, see
  `ImageFacts.dominant_colours`), largest share first, each {`hex`, `share`, `nearest`: the
  closest palette colour's name, `delta_e`: its ΔE00}.
- `off_palette_mask`: where the off-palette pixels are, as evidence for reports: the share of
  pixels farther than `max_delta_e` from every palette colour in each cell of a 12 × 12 grid
  over the image (rows top to bottom, values in [0, 1]).

`colors` defaults to every colour of the spec's palette. Fails when `coverage` is below
`min_coverage` (equal passes), or when a dominant colour whose share is at least `min_share`
is farther than `max_delta_e` from every palette colour (equal passes).

Reference: Sharma, Wu & Dalal (2005), "The CIEDE2000 color-difference formula", Color Res.
Appl. 30(1), 21–30.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import numpy.typing as npt

from stylelint.colour import delta_e_to_each
from stylelint.facts import ImageFacts
from stylelint.rule import Category, Colour, Rule, Verdict, param, params

# The off-palette evidence: the share of off-palette pixels in each cell of a 12 × 12 grid,
# coarse enough to stay small in reports (144 numbers), fine enough to show where the drift is.
MASK_GRID = 12


@params
class Params:
    max_delta_e: float = param(
        10.0, unit="ΔE00", min=0, max=100, doc="How near a pixel must be to a palette colour to count as on palette."
    )
    min_coverage: float = param(
        0.5, unit="fraction of pixels", min=0, max=1, doc="Smallest allowed share of pixels on palette."
    )
    dominant_colors: int = param(5, unit="colours", min=1, max=16, doc="How many dominant colours to check.")
    min_share: float = param(
        0.05,
        unit="fraction of pixels",
        min=0,
        max=1,
        doc="Dominant colours with at least this share must be on palette.",
    )
    colors: tuple[Colour, ...] = param(
        (), doc="The palette colours to match (default: every colour of the spec's palette), hex or palette names."
    )


def _require_colours(p: Params) -> str | None:
    if p.colors:
        return None
    return "no palette colours: define 'palette' in the spec or list 'colors'"


def measure(facts: ImageFacts, p: Params) -> dict[str, Any]:
    counts = facts.colour_counts
    targets = np.array([c.lab for c in p.colors])
    near = delta_e_to_each(counts.lab, targets) <= p.max_delta_e
    off_palette: npt.NDArray[np.bool_] = np.logical_not(near.any(axis=1))
    coverage = 1.0 - float(counts.counts @ off_palette) / float(counts.counts.sum())
    dominant = facts.dominant_colours(p.dominant_colors)
    gaps = delta_e_to_each([d.lab for d in dominant], targets)
    rows = [
        {
            "hex": d.hex,
            "share": round(d.share, 6),
            "nearest": p.colors[int(np.argmin(row))].name,
            "delta_e": round(float(row.min()), 3),
        }
        for d, row in zip(dominant, gaps)
    ]
    return {
        "coverage": round(coverage, 6),
        "dominant": rows,
        "off_palette_mask": _grid_shares(off_palette[facts.colour_index]),
    }


def _grid_shares(mask: npt.NDArray[np.bool_]) -> list[list[float]]:
    """Share of True pixels in each cell of a MASK_GRID × MASK_GRID grid over `mask` (H, W)."""
    rows = np.array_split(np.arange(mask.shape[0]), min(MASK_GRID, mask.shape[0]))
    cols = np.array_split(np.arange(mask.shape[1]), min(MASK_GRID, mask.shape[1]))
    return [[round(float(mask[r[0] : r[-1] + 1, c[0] : c[-1] + 1].mean()), 2) for c in cols] for r in rows]


def judge(measured: Mapping[str, Any], p: Params) -> Verdict:
    expected = {
        "min_coverage": p.min_coverage,
        "max_delta_e": p.max_delta_e,
        "min_share": p.min_share,
        "palette": {c.name: c.hex for c in p.colors},
    }
    coverage = measured["coverage"]
    problems = (
        []
        if coverage >= p.min_coverage
        else [f"{coverage:.0%} of pixels on palette, needs at least {p.min_coverage:.0%}"]
    )
    off = [d for d in measured["dominant"] if d["share"] >= p.min_share and d["delta_e"] > p.max_delta_e]
    problems += [
        f"dominant colour {d['hex']} ({d['share']:.0%}) is {d['delta_e']:.1f} ΔE00 from "
        f"the nearest palette colour {d['nearest']}"
        for d in off
    ]
    if problems:
        return Verdict(False, expected, "; ".join(problems))
    return Verdict(True, expected, f"{coverage:.0%} of pixels on palette; dominant colours on palette")


RULE = Rule(
    id="palette",
    category=Category.COLOUR,
    version=2,
    doc=__doc__,
    params=Params,
    measure=measure,
    judge=judge,
    measured_keys=("coverage", "dominant"),
    constraints=(_require_colours,),
    example="palette: {max_delta_e: 10, min_coverage: 0.5, dominant_colors: 5, min_share: 0.05}",
)
