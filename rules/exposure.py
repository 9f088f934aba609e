"""Exposure: mean lightness within bounds, and little clipping in highlights and shadows.

Measures, over every pixel of the working copy (each weighted by its opacity when the image has
transparency, so only what is drawn counts, not the white it is flattened on):
- `lightness`: mean CIELAB L* (D65, 2°), 0 (black) to 100 (white); mid-grey #777777 is ~50.
- `highlights`: share of blown highlights, what photographers mean by the word: pixels with every
  channel ≥ 250 (8-bit sRGB code), near-white (L* ≥ 98) with at most 5 levels of detail left in
  any channel, as the white of a camera's or a raw converter's clipping warning.
- `saturated`: share of pixels with one or two channels ≥ 250 but not all three: saturated
  colours at the edge of the gamut (a yellow flower, a red sign, a blue neon). They keep their
  hue and their detail in the other channels, so they are not blown highlights; they are
  measured apart, and only judged when `max_saturated` is set.
- `shadows`: share of pixels with every channel ≤ 5 (8-bit sRGB code), i.e. crushed to black.
- `backdrop` (with `white_backdrop: true`, else null): the share of blown pixels joined to the
  frame's edge through other blown pixels, 4-connected (`stylelint.backdrop`; with transparency,
  only pixels at least half opaque): the white seamless of a product shot, blown by design.
  `max_highlights` then bounds `highlights` − `backdrop`, the share blown off the backdrop, and a
  frame that is all backdrop (ALL_BACKDROP, 99.9 %) fails: it holds no product.

Until version 2, `highlights` counted any channel ≥ 250, so a saturated yellow flower read 27 %
clipped (issue 13); that count is now `highlights` + `saturated`.

Fails when `lightness` is below `min_lightness` or above `max_lightness` (each optional), when
`highlights` (less `backdrop` with `white_backdrop`) exceeds `max_highlights`, when `shadows` exceeds `max_shadows`, or when
`saturated` exceeds `max_saturated` (optional). All bounds are
inclusive: a value equal to a bound passes. Set a share limit to 1 to switch that check off.

Reference: CIE 15:2004 (CIELAB lightness L*).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from stylelint.backdrop import border_connected
from stylelint.facts import HIGHLIGHT_CODE, ImageFacts, fact_versions
from stylelint.rule import (
    SHARE_OFF,
    Category,
    References,
    Rule,
    Suggestion,
    Verdict,
    judge_range,
    left_out,
    param,
    params,
    suggest_ceiling,
    suggest_range,
)


@params
class Params:
    min_lightness: float | None = param(None, unit="L*", min=0, max=100, doc="Lowest allowed mean L*.")
    max_lightness: float | None = param(None, unit="L*", min=0, max=100, doc="Highest allowed mean L*.")
    max_highlights: float = param(
        0.01,
        unit="fraction of pixels",
        min=0,
        max=1,
        doc="Largest allowed share of blown highlights: pixels with every channel ≥ 250/255.",
    )
    max_shadows: float = param(
        0.02, unit="fraction of pixels", min=0, max=1, doc="Largest allowed share of pixels with all channels ≤ 5/255."
    )
    white_backdrop: bool = param(
        False,
        doc="Product shots on white: blown pixels joined to the frame's edge are the backdrop, "
        "measured as `backdrop` and left out of max_highlights.",
    )
    max_saturated: float | None = param(
        None,
        unit="fraction of pixels",
        min=0,
        max=1,
        doc="Largest allowed share of pixels with one or two channels ≥ 250/255 (saturated colours).",
    )


# With white_backdrop, a frame whose backdrop covers this share holds no product (an export that
# lost its layer, a blank placeholder): it fails, as a photographer would not pass it.
ALL_BACKDROP = 0.999


def _ordered_lightness(p: Params) -> str | None:
    if p.min_lightness is not None and p.max_lightness is not None and p.min_lightness > p.max_lightness:
        return f"'min_lightness' ({p.min_lightness:g}) is greater than 'max_lightness' ({p.max_lightness:g})"
    return None


def measure(facts: ImageFacts, p: Params) -> dict[str, Any]:
    return {
        "lightness": facts.mean_lightness,
        "highlights": facts.highlights,
        "saturated": facts.saturated,
        "shadows": facts.shadows,
        "backdrop": _backdrop(facts) if p.white_backdrop else None,
    }


def _backdrop(facts: ImageFacts) -> float:
    """Share of the working copy's blown pixels joined to the frame's edge (opacity-weighted, as
    `highlights`; a cut-out's transparent pixels, flattened on white, join nothing), to 6
    decimals."""
    blown = facts.channel_min >= HIGHLIGHT_CODE
    joined = border_connected(blown if facts.drawn is None else blown & facts.drawn)
    if facts.opacity is None:
        return round(float(np.count_nonzero(joined)) / joined.size, 6)
    return round(float(np.average(joined, weights=facts.opacity)), 6)


def judge(measured: Mapping[str, Any], p: Params) -> Verdict:
    tone = judge_range(
        measured["lightness"],
        p,
        what="mean lightness",
        fmt="{:.1f}",
        unit="L*",
        names=("min_lightness", "max_lightness"),
    )
    expected = {**tone.expected, "max_highlights": p.max_highlights, "max_shadows": p.max_shadows}
    if p.max_saturated is not None:
        expected["max_saturated"] = p.max_saturated
    problems = [] if tone.passed else [tone.message]
    backdrop = measured.get("backdrop")  # None unless white_backdrop (and in entries from before it)
    if backdrop is not None and backdrop >= ALL_BACKDROP:
        problems.append(f"the frame is all white backdrop ({backdrop:.1%}): no product in it")
    blown = measured["highlights"] - (backdrop or 0.0)
    if blown > p.max_highlights + 1e-9:  # the difference of two 6-decimal shares
        where = " off the backdrop" if backdrop is not None else ""
        beside = f"; the backdrop's {backdrop:.1%} not counted" if backdrop is not None else ""
        problems.append(f"{blown:.1%} of pixels blown to white{where} (limit {p.max_highlights:.1%}{beside})")
    saturated = measured["saturated"]
    if p.max_saturated is not None and saturated > p.max_saturated:
        problems.append(f"{saturated:.1%} of pixels with a saturated channel (limit {p.max_saturated:.1%})")
    if measured["shadows"] > p.max_shadows:
        problems.append(f"{measured['shadows']:.1%} of pixels crushed in the shadows (limit {p.max_shadows:.1%})")
    if problems:
        return Verdict(False, expected, "; ".join(problems))
    return Verdict(
        True,
        expected,
        f"mean lightness {measured['lightness']:.1f} L*; "
        f"{measured['highlights']:.1%} of pixels blown to white"
        + (f" ({backdrop:.1%} the backdrop)" if backdrop is not None else "")
        + f", {measured['shadows']:.1%} in the shadows",
    )


# Learning. The least margin of a learned mean-L* range: 5 L*, about half a stop at mid-grey
# (references of one studio set can agree closely; other scenes of it still move that much).
_SCENE_LIGHTNESS = 5.0
# Mean L* of ordinary photographs: P5–P95 of the 24 Kodak test photographs (ungraded film scans:
# 32.5–65.3). A learned range admitting most of it is left out.
TYPICAL_LIGHTNESS = (32.5, 65.3)
# Their least and most, 30.4–70.1: a bound beyond them is written even when the range is not.
EXTREME_LIGHTNESS = (30.4, 70.1)
# The shares of blown highlights and crushed shadows that one ordinary photograph in 100 exceeds
# (P99 over 349 ungraded photographs: Kodak, 27 of OpenCV's sample photographs, BSD100,
# Urban100, Sun-Hays80, McMaster; benchmarks/learn_constants.py). A learned limit is never below
# them: a white sky or a black sky in space is a scene, not a grade, and a limit learned from
# references should not fail ordinary scenes more often than the recommended preset's 0.25 does
# (the `look` rule weighs the look's own share of crushed and clipped pixels against ordinary
# photographs).
ORDINARY_HIGHLIGHTS = 0.225
ORDINARY_SHADOWS = 0.18


def suggest(references: References) -> Suggestion:
    """Mean lightness range (left out unless the look shifts or pins it, e.g. high-key) and
    clipping limits (at least what one ordinary photograph in 100 exceeds; switched off when the
    references themselves clip); left out when neither constrains anything."""
    defaults = Params()
    lightness = suggest_range(
        references.values("lightness"),
        what="mean L*",
        scale=(0.0, 100.0),
        decimals=1,
        names=("min_lightness", "max_lightness"),
        scene_margin=_SCENE_LIGHTNESS,
        typical=TYPICAL_LIGHTNESS,
        extremes=EXTREME_LIGHTNESS,
    )
    highlights = suggest_ceiling(
        references.values("highlights"),
        name="max_highlights",
        what="blown highlights (every channel ≥ 250)",
        default=defaults.max_highlights,
        ordinary=ORDINARY_HIGHLIGHTS,
    )
    shadows = suggest_ceiling(
        references.values("shadows"),
        name="max_shadows",
        what="crushed shadows (every channel ≤ 5)",
        default=defaults.max_shadows,
        ordinary=ORDINARY_SHADOWS,
    )
    learned = lightness.merged(highlights).merged(shadows)
    if not lightness.written and all(learned.params[k] == SHARE_OFF for k in ("max_highlights", "max_shadows")):
        return left_out(f"{lightness.note}; and the references clip and crush: nothing to hold new images to")
    return learned


RULE = Rule(
    id="exposure",
    category=Category.TONE,
    version=4,
    doc=__doc__,
    params=Params,
    measure=measure,
    judge=judge,
    measured_keys=("lightness", "highlights", "saturated", "shadows", "backdrop"),
    reads_facts=fact_versions("mean_lightness", "highlights", "saturated", "shadows"),
    constraints=(_ordered_lightness,),
    measured_with=("white_backdrop",),
    suggest=suggest,
    example="exposure: {min_lightness: 35, max_lightness: 75, max_highlights: 0.01}",
)
