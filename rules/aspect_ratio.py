"""Width : height must be one of the allowed aspect ratios.

Measures the displayed size of the original image (after EXIF orientation, so a portrait
photo stored sideways counts as portrait): `ratio` is width / height, and `nearest` is the
allowed ratio closest to it in relative terms. Passes when
|ratio − allowed| / allowed ≤ `tolerance` for some allowed ratio (the bound is inclusive).
With no `allowed` list the rule only reports the ratio and passes.

Example: a 1080×1350 image has ratio 0.8 and matches "4:5" exactly; 1080×1380 is 2.2 % off
and fails with the default tolerance of 1 %.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from stylelint.facts import ImageFacts
from stylelint.rule import Category, Ratio, Rule, Verdict, param, params

# Slack for float rounding when comparing a relative difference with `tolerance`: 101/100 is
# 1.0000000000000009 % off 1:1 in binary floating point. One pixel on a 100 000 px side is
# 1e-5, far above this, so no real image changes verdict because of it.
_FLOAT_SLACK = 1e-9


@params
class Params:
    allowed: tuple[Ratio, ...] = param((), doc='Allowed ratios, each "W:H" (quote them in YAML).')
    tolerance: float = param(
        0.01,
        unit="relative difference",
        min=0,
        max=1,
        doc="How far the ratio may be from an allowed one, as a share of it.",
    )


def measure(facts: ImageFacts, p: Params) -> dict[str, Any]:
    width, height = facts.size_px
    ratio = width / height
    nearest = min(p.allowed, key=lambda r: abs(ratio - r.value) / r.value, default=None)
    return {"ratio": round(ratio, 6), "width": width, "height": height, "nearest": nearest.text if nearest else None}


def judge(measured: Mapping[str, Any], p: Params) -> Verdict:
    expected = {"allowed": [r.text for r in p.allowed], "tolerance": p.tolerance}
    size = f"{measured['width']}×{measured['height']}"
    ratio = measured["width"] / measured["height"]  # exact; `measured["ratio"]` is rounded
    if not p.allowed:
        return Verdict(True, expected, f"{size} has ratio {ratio:.4g}; no ratios are restricted")
    nearest = next(r for r in p.allowed if r.text == measured["nearest"])
    off = abs(ratio - nearest.value) / nearest.value
    if off <= p.tolerance + _FLOAT_SLACK:
        return Verdict(True, expected, f"{size} matches {nearest.text}")
    return Verdict(
        False,
        expected,
        f"{size} is {ratio:.4g}:1, {off:.1%} off the nearest allowed "
        f"ratio {nearest.text} (tolerance {p.tolerance:.1%})",
    )


RULE = Rule(
    id="aspect-ratio",
    category=Category.TECHNICAL,
    version=1,
    doc=__doc__,
    params=Params,
    measure=measure,
    judge=judge,
    measured_with=("allowed",),
    measured_keys=("ratio", "nearest"),
    example='aspect-ratio: {allowed: ["4:5", "1:1"], tolerance: 0.01}',
)
