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

With `blends: true`, tints, shades and mixes of the palette colours count as on palette too: a
pixel is on palette when it is within `max_delta_e` of a palette colour or of a blend, the mixes
(1 − t)·A + t·B in gamma-encoded sRGB of every pair of palette colours and of each palette
colour with white (tints) and with black (shades), as gradient maps, duotones and layer opacity
mix them; the distance to the blends is the ΔE00 to their nearest point in CIELAB (see
`stylelint.blends`). A navy-to-sand duotone of a navy/sand palette is then on palette; a grey
ramp is not, unless the palette holds a grey (or black and white). A dominant colour nearer to a
blend than to any palette colour names it in `nearest` ("navy–sand", "navy tint", "navy shade").

`colors` defaults to every colour of the spec's palette. Fails when `coverage` is below
`min_coverage` (equal passes), or when a dominant colour whose share is at least `min_share`
is farther than `max_delta_e` from every palette colour (equal passes).

Reference: Sharma, Wu & Dalal (2005), "The CIEDE2000 color-difference formula", Color Res.
Appl. 30(1), 21–30.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from stylelint.blends import Blend, blend_distance, blends_of
from stylelint.colour import GREY_CHROMA, delta_e_to_each, swatch_name
from stylelint.colour_stats import ColourCounts, dominant_colours_of
from stylelint.facts import ImageFacts
from stylelint.rule import Category, Colour, References, Rule, Suggestion, Verdict, left_out, param, params

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
    blends: bool = param(
        False, doc="Whether tints, shades and mixes between palette colours (in sRGB) count as on palette."
    )


def _require_colours(p: Params) -> str | None:
    if p.colors:
        return None
    return "no palette colours: define 'palette' in the spec or list 'colors'"


def measure(facts: ImageFacts, p: Params) -> dict[str, Any]:
    if not p.colors:  # measured without a palette (`stylelint learn`): the dominant colours alone
        dominant = facts.dominant_colours(p.dominant_colors)
        rows = [{"hex": d.hex, "share": round(d.share, 6), "nearest": None, "delta_e": None} for d in dominant]
        return {"coverage": None, "dominant": rows, "off_palette_mask": None}
    counts = facts.colour_counts
    targets = np.array([c.lab for c in p.colors])
    near = delta_e_to_each(counts.lab, targets) <= p.max_delta_e
    off_palette: npt.NDArray[np.bool_] = np.logical_not(near.any(axis=1))
    blends = blends_of(p.colors) if p.blends else []
    if blends and off_palette.any():
        off_palette[off_palette] = blend_distance(counts.lab[off_palette], blends)[0] > p.max_delta_e
    coverage = 1.0 - float(counts.counts @ off_palette) / float(counts.counts.sum())
    dominant = facts.dominant_colours(p.dominant_colors)
    rows = [{"hex": d.hex, "share": round(d.share, 6), **_nearest(d.lab, p, blends)} for d in dominant]
    return {
        "coverage": round(coverage, 6),
        "dominant": rows,
        "off_palette_mask": _grid_shares(off_palette[facts.colour_index]),
    }


def _nearest(lab: tuple[float, float, float], p: Params, blends: list[Blend]) -> dict[str, Any]:
    """{nearest, delta_e}: the nearest palette colour, or blend when one is nearer."""
    gaps = delta_e_to_each([lab], [c.lab for c in p.colors])[0]
    name, gap = p.colors[int(np.argmin(gaps))].name, float(gaps.min())
    if blends:
        blend_gap, which = blend_distance([lab], blends)
        if float(blend_gap[0]) < gap:
            name, gap = blends[int(which[0])].name, float(blend_gap[0])
    return {"nearest": name, "delta_e": round(gap, 3)}


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
        **({"blends": True} if p.blends else {}),
    }
    coverage = measured["coverage"]
    if coverage is None:
        return Verdict(True, expected, "no palette colours to compare with")
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


# ---- learning ----------------------------------------------------------------------------------

# Swatches the references' pooled dominant colours are clustered into: brand palettes typically
# hold 4–8 colours.
PALETTE_SIZE = 6
# A swatch is the references' own when a dominant colour near it (within the default
# max_delta_e) holds at least PRESENT_SHARE of the pixels in at least SHARED_BY of them; colours
# that come and go with the scenes (a green in the park shots, a blue in the harbour ones) are not.
PRESENT_SHARE = 0.05
SHARED_BY = 0.8
# Below this coverage of every reference, the shared colours are not what the images are made
# of: a palette check would only say "these few colours appear somewhere".
MIN_USEFUL_COVERAGE = 0.3
# Before measuring the references again with a candidate palette, its coverage is estimated from
# their dominant colours: a cluster counts when its centre is within this many times the default
# max_delta_e of the palette or its blends (a generous count: some of a farther cluster's pixels
# may be near the palette). Below MIN_USEFUL_COVERAGE even so, the palette is left out unmeasured.
_REACH = 1.5
# Coverage of new images of the same palette varies with the scene: the learned minimum sits at
# least this far below the lowest reference.
_COVERAGE_MARGIN = 0.05


def suggest(references: References) -> Suggestion:
    """A palette when the references share colours beyond their scene content (see the
    constants above), with `blends` (a photograph holds its palette's colours in every light:
    their tints, shades and mixes) and `min_coverage` and `min_share` that every reference meets."""
    lab = _labs(references.measured)
    rows = [(lab[d["hex"]], float(d["share"])) for m in references.measured for d in m["dominant"]]
    if not rows or references.remeasure is None:
        return left_out("no dominant colours were measured")
    pooled = ColourCounts.pooled([c for c, _ in rows], [s for _, s in rows])
    swatches = dominant_colours_of(pooled, PALETTE_SIZE)
    support = dict(zip((s.hex for s in swatches), _support([s.lab for s in swatches], references.measured, lab)))
    need = math.ceil(SHARED_BY * len(references))
    kept = {hex_code: n for hex_code, n in support.items() if n >= need}
    if kept and all(_is_grey(h) for h in kept):
        if _monochrome(references):
            # A palette of greys would only repeat what colourfulness and the look already say
            # ("no colour"), at the cost of a blend search over every colour of each checked image.
            return left_out(
                "the references are monochrome: colourfulness and the look say so; a palette of greys adds nothing"
            )
        return left_out(
            "the colours the references share are greys, which every photograph holds (skies, roads, shadows), "
            "and the references are not monochrome: their colours are their scenes', not a palette"
        )
    if not kept:
        best = max(support.values(), default=0)
        return left_out(
            f"no colour holds {PRESENT_SHARE:.0%} of the pixels in {SHARED_BY:.0%} of the references (the most "
            f"shared is in {best} of {len(references)}): their colours are their scenes', not a palette"
        )
    palette = _named(kept)
    reach = _reachable(palette, references, lab)
    if min(reach) < MIN_USEFUL_COVERAGE:
        # Not worth measuring every reference again (decoded, every distinct colour against the
        # blends): even generously counted, the shared colours cannot make a palette.
        return left_out(
            f"the colours the references share ({_shared(kept, palette, len(references))}) make at most about "
            f"{min(reach):.0%} of the least of them (their dominant colours within "
            f"{_REACH * Params().max_delta_e:g} ΔE00 of those colours and their blends): too little to be a palette"
        )
    return _with_coverage(kept, palette, references)


def _is_grey(hex_code: str) -> bool:
    _, a, b = Colour.from_hex(hex_code).lab
    return math.hypot(a, b) < GREY_CHROMA


def _monochrome(references: References) -> bool:
    """Every dominant colour of every reference is a grey (a black-and-white set)."""
    return all(_is_grey(d["hex"]) for m in references.measured for d in m["dominant"])


def _labs(measured: Sequence[Mapping[str, Any]]) -> dict[str, tuple[float, float, float]]:
    """{hex: Lab} of every dominant colour of the references, each converted once (issue 12: the
    same colours were converted again for every swatch and every step)."""
    return {h: Colour.from_hex(h).lab for h in dict.fromkeys(d["hex"] for m in measured for d in m["dominant"])}


def _support(
    swatches: Sequence[Sequence[float]], measured: Sequence[Mapping[str, Any]], lab: Mapping[str, Sequence[float]]
) -> list[int]:
    """For each swatch (Lab), in how many references the dominant colours within the default
    max_delta_e of it hold at least PRESENT_SHARE of the pixels (`lab`: {hex: Lab} of the
    references' dominant colours)."""
    limit, count = Params().max_delta_e, [0] * len(swatches)
    for m in measured:
        gaps = delta_e_to_each([lab[d["hex"]] for d in m["dominant"]], swatches)  # one column per swatch
        for i in range(len(swatches)):
            count[i] += sum(d["share"] for d, gap in zip(m["dominant"], gaps[:, i]) if gap <= limit) >= PRESENT_SHARE
    return count


def _named(kept: Mapping[str, int]) -> dict[str, str]:
    """{swatch name: hex} of the kept colours ("dark-blue", "dark-blue-2", …)."""
    palette: dict[str, str] = {}
    for hex_code in kept:
        base = swatch_name(Colour.from_hex(hex_code).lab)
        name = (
            base if base not in palette else next(f"{base}-{n}" for n in range(2, 99) if f"{base}-{n}" not in palette)
        )
        palette[name] = hex_code
    return palette


def _shared(kept: Mapping[str, int], palette: Mapping[str, str], count: int) -> str:
    return ", ".join(f"{n} ({kept[h]} of {count})" for n, h in palette.items())


def _reachable(palette: Mapping[str, str], references: References, lab: Mapping[str, Sequence[float]]) -> list[float]:
    """Per reference, the share of its dominant colours within _REACH × the default max_delta_e
    of the palette or its blends: a generous estimate of its coverage (a dominant colour stands
    for a cluster of pixels around it, some nearer the palette than its centre), from the
    measurements at hand (`lab`: {hex: Lab} of the references' dominant colours)."""
    colours = [Colour.from_hex(h, name=n) for n, h in palette.items()]
    blends, limit = blends_of(colours), _REACH * Params().max_delta_e
    out = []
    for m in references.measured:
        labs = [lab[d["hex"]] for d in m["dominant"]]
        gaps = np.minimum(delta_e_to_each(labs, [c.lab for c in colours]).min(axis=1), blend_distance(labs, blends)[0])
        out.append(float(sum(d["share"] for d, gap in zip(m["dominant"], gaps) if gap <= limit)))
    return out


def _with_coverage(kept: Mapping[str, int], palette: Mapping[str, str], references: References) -> Suggestion:
    assert references.remeasure is not None
    measured = [m for m in references.remeasure({"blends": True}, palette) if m is not None]
    coverage = [float(m["coverage"]) for m in measured]
    default = Params()
    off = [
        max([d["share"] for d in m["dominant"] if d["delta_e"] > default.max_delta_e], default=0.0) for m in measured
    ]
    low = min(coverage) - max(_COVERAGE_MARGIN, 0.25 * (max(coverage) - min(coverage)))
    shared = _shared(kept, palette, len(references))
    seen = f"{min(coverage):.0%}–{max(coverage):.0%}"
    if low < MIN_USEFUL_COVERAGE:
        return left_out(
            f"the colours the references share ({shared}) cover only {seen} of their pixels: too little to be a palette"
        )
    min_share = min(1.0, max(default.min_share, math.ceil((max(off) + 0.01) * 1000) / 1000))
    return Suggestion(
        params={"blends": True, "min_coverage": math.floor(low * 100) / 100, "min_share": min_share},
        evidence={
            "blends": "tints, shades and mixes of the shared colours come with the scenes' light",
            "min_coverage": f"coverage seen {seen} across {len(measured)} references, less a margin",
            "min_share": f"largest off-palette dominant colour seen {max(off):.1%}, plus 1 %",
        },
        note=f"colours held by at least {PRESENT_SHARE:.0%} of the pixels in most references: {shared}",
        palette=palette,
    )


RULE = Rule(
    id="palette",
    category=Category.COLOUR,
    version=5,
    doc=__doc__,
    params=Params,
    measure=measure,
    judge=judge,
    measured_keys=("coverage", "dominant"),
    constraints=(_require_colours,),
    measured_with=("max_delta_e", "dominant_colors", "colors", "blends"),
    suggest=suggest,
    example="palette: {max_delta_e: 10, min_coverage: 0.5, dominant_colors: 5, min_share: 0.05}",
)
