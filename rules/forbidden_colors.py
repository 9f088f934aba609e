"""Listed colours are (nearly) absent.

For each colour in `colors` (hex or palette name), measures `shares[name]`: the share of
working-copy pixels within `max_delta_e` of it in CIEDE2000 (ΔE00, CIELAB D65 2°, a pixel at
exactly `max_delta_e` counts as near). Computed exactly, over the working copy's distinct 8-bit
colours weighted by their pixel counts. Fails when any share exceeds `max_share`; a share equal
to `max_share` passes.

Reference: Sharma, Wu & Dalal (2005), "The CIEDE2000 color-difference formula", Color Res.
Appl. 30(1), 21–30.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from stylelint.colour import shares_within
from stylelint.facts import ImageFacts
from stylelint.rule import Category, Colour, Rule, Verdict, param, params


@params
class Params:
    colors: tuple[Colour, ...] = param(required=True, doc='Colours to keep out, "#RRGGBB" or palette names.')
    max_delta_e: float = param(8.0, unit="ΔE00", min=0, max=100, doc="How near a pixel must be to count as the colour.")
    max_share: float = param(
        0.01, unit="fraction of pixels", min=0, max=1, doc="Largest allowed share of pixels near any one listed colour."
    )


def _require_colours(p: Params) -> str | None:
    return None if p.colors else "expected at least one colour in 'colors'"


def measure(facts: ImageFacts, p: Params) -> dict[str, Any]:
    counts = facts.colour_counts
    shares, _ = shares_within(counts.lab, counts.counts, [c.lab for c in p.colors], p.max_delta_e)
    return {"shares": {c.name: round(float(s), 6) for c, s in zip(p.colors, shares)}}


def judge(measured: Mapping[str, Any], p: Params) -> Verdict:
    expected = {"max_share": p.max_share, "max_delta_e": p.max_delta_e}
    name, share = max(measured["shares"].items(), key=lambda item: item[1])
    if share > p.max_share:
        return Verdict(False, expected, f"{share:.1%} of pixels are near {name}; limit {p.max_share:.1%}")
    return Verdict(True, expected, f"at most {share:.1%} of pixels near a forbidden colour ({name})")


RULE = Rule(
    id="forbidden-colors",
    category=Category.COLOUR,
    version=2,
    doc=__doc__,
    params=Params,
    measure=measure,
    judge=judge,
    measured_keys=("shares",),
    measured_with=("colors", "max_delta_e"),
    constraints=(_require_colours,),
    example='forbidden-colors: {colors: ["#00FF00", competitor-blue], max_delta_e: 8, max_share: 0.01}',
)
