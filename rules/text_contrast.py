"""Text over a region stays legible: WCAG contrast against the region's worst background.

Measures `ratio`, the WCAG 2.x contrast ratio (Y1 + 0.05) / (Y2 + 0.05), from 1 to 21, between
`text_color` and a background luminance taken from the `region` of the working copy. Y is WCAG
relative luminance of each pixel. When the text is lighter than the region's median luminance,
the background used is the region's `percentile`-th percentile (its brighter parts, the worst
case for light text); otherwise its (100 − `percentile`)-th percentile (its darker parts).
Percentiles interpolate linearly between pixel values (numpy's default). So with the default
95, a speckle of the worst tone covering under 5 % of the region is tolerated and one covering
more is not.

`region` is [x, y, w, h] in fractions of the image's width and height (default: the whole
image); its edges are rounded to the nearest working-copy pixel. Fails when `ratio` is below
`min_ratio`; a ratio equal to `min_ratio` passes. WCAG 2.x asks 4.5 for body text (SC 1.4.3,
level AA), 3 for large text and 7 for level AAA.

Reference: W3C, Web Content Accessibility Guidelines 2.1, SC 1.4.3 and the definitions of
contrast ratio and relative luminance.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from stylelint.colour import contrast_ratio, relative_luminance
from stylelint.facts import ImageFacts
from stylelint.rule import Category, Colour, Region, Rule, Verdict, param, params

_PERCENT = 100.0


@params
class Params:
    region: Region = param(
        Region(0.0, 0.0, 1.0, 1.0),
        unit="fractions [x, y, w, h]",
        doc="Where the text goes, as fractions of the image (default: everywhere).",
    )
    text_color: Colour = param(required=True, doc='The text colour, "#RRGGBB" or a palette name.')
    min_ratio: float = param(
        4.5,
        unit="contrast ratio",
        min=1,
        max=21,
        doc="Smallest allowed WCAG contrast ratio (4.5 AA body text, 3 large text, 7 AAA).",
    )
    percentile: float = param(
        95.0, unit="percent", min=50, max=100, doc="Percentile of the region's luminance taken as the worst background."
    )


def measure(facts: ImageFacts, p: Params) -> dict[str, Any]:
    luminance = facts.luminance
    left, top, right, bottom = p.region.pixel_box(luminance.shape[1], luminance.shape[0])
    area = luminance[top:bottom, left:right].ravel()
    text = float(relative_luminance(np.asarray(p.text_color.srgb)))
    lighter = text > float(np.median(area))
    background = float(np.percentile(area, p.percentile if lighter else _PERCENT - p.percentile))
    return {
        "ratio": round(float(contrast_ratio(text, background)), 4),
        "text_luminance": round(text, 6),
        "background_luminance": round(background, 6),
        "text_lighter": lighter,
    }


def judge(measured: Mapping[str, Any], p: Params) -> Verdict:
    region = p.region
    expected = {"min_ratio": p.min_ratio, "region": [region.x, region.y, region.w, region.h]}
    ratio = measured["ratio"]
    if ratio < p.min_ratio:
        return Verdict(
            False,
            expected,
            f"text {p.text_color.name} reaches {ratio:.2f}:1 against "
            f"the region's background, needs at least {p.min_ratio:g}:1",
        )
    return Verdict(True, expected, f"text {p.text_color.name} reaches {ratio:.2f}:1 (needs {p.min_ratio:g}:1)")


RULE = Rule(
    id="text-contrast",
    category=Category.TONE,
    version=1,
    doc=__doc__,
    params=Params,
    measure=measure,
    judge=judge,
    measured_keys=("ratio",),
    measured_with=("region", "text_color", "percentile"),
    example='text-contrast: {region: [0.05, 0.75, 0.9, 0.2], text_color: "#FFFFFF", min_ratio: 4.5}',
)
