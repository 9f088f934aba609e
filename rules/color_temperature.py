"""Scene white point: the correlated colour temperature and its tint (Duv) stay within bounds.

Measures, under the grey-world assumption, the chromaticity of the image's mean colour: the mean
of the working copy's linear-light RGB (all pixels, weighted by opacity) → CIE XYZ (sRGB primaries, D65) → CIE 1931
`xy` → CIE 1960 uv, and from it, by Ohno's (2013) method against a Planckian table computed from
Planck's law and the CIE 1931 2° observer:
- `kelvin`: the correlated colour temperature (CCT), valid from 1,000 to 100,000 K. Neutral sRGB
  reads 6504 K (D65); warm (orange) casts read lower, cool (blue) casts higher.
- `duv`: the signed distance of the mean colour from the Planckian locus in CIE 1960 uv, the
  green–magenta tint axis that raw converters show beside temperature. Positive is above the
  locus, towards green; negative is below it, towards magenta (ANSI C78.377, Ohno 2013). D65
  itself is +0.0032; a visible cast is about ±0.01; ±0.02 is strong.
- `out_of_range`: null, or why `kelvin` is null although the image has a colour: "below 1000 K"
  or "above 100000 K" (a mean colour redder or bluer than the method's range; `duv` is then
  null too), or "off the locus" (|Duv| > 0.05, where a colour temperature has no meaning, CIE
  015:2018; `duv` is still given).

Accuracy: within 1 K (below 20,000 K; 0.01 % above) of the exact CCT and within 1e-5 of the
exact Duv for a given chromaticity; 8-bit rounding of the pixels adds a few kelvin at 5000 K and
about 1 % at 20,000 K. Grey world assumes the scene averages to grey: for a strongly coloured
scene (a blue sea, a green forest) the numbers describe the image's overall colour, not the
light it was taken in.

Fails when `kelvin` is below `min_kelvin` or above `max_kelvin`, or when |`duv`| exceeds
`max_abs_duv`; the bounds are inclusive. A mean colour below 1000 K fails a `min_kelvin`, above
100000 K a `max_kelvin`, and one off the locus fails any kelvin bound (it has no temperature).
All-black images have no colour: every value is null and the rule passes. At least one bound is
required.

References: Ohno, Y. (2013), "Practical use and calculation of CCT and Duv", LEUKOS 10(1),
47–55; ANSI C78.377-2017; CIE 015:2018, Colorimetry, 4th ed.; Buchsbaum, G. (1980), "A spatial
processor model for object colour perception", J. Franklin Inst. 310, 1–26 (grey world);
IEC 61966-2-1 (sRGB).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from stylelint.cct import CCT_RANGE_K, MAX_CCT_DUV
from stylelint.facts import ImageFacts, fact_versions
from stylelint.rule import (
    Category,
    References,
    Rule,
    Suggestion,
    Verdict,
    describe,
    judge_range,
    param,
    params,
    require_bound,
    suggest_range,
)

_BOUNDS = ("min_kelvin", "max_kelvin")
_LOW_K, _HIGH_K = CCT_RANGE_K


@params
class Params:
    min_kelvin: float | None = param(None, unit="K", min=_LOW_K, max=_HIGH_K, doc="Lowest allowed CCT (warmest).")
    max_kelvin: float | None = param(None, unit="K", min=_LOW_K, max=_HIGH_K, doc="Highest allowed CCT (coolest).")
    max_abs_duv: float | None = param(
        None,
        unit="Duv (CIE 1960 uv)",
        min=0,
        max=MAX_CCT_DUV,
        doc="Largest allowed |Duv|: the green (+) or magenta (−) tint off the Planckian locus.",
    )


def _some_bound(p: Params) -> str | None:
    """At least one of the three bounds, and min_kelvin ≤ max_kelvin."""
    if p.min_kelvin is None and p.max_kelvin is None:
        return None if p.max_abs_duv is not None else "expected 'min_kelvin', 'max_kelvin' and/or 'max_abs_duv'"
    return require_bound(*_BOUNDS)(p)


def measure(facts: ImageFacts, p: Params) -> dict[str, Any]:
    white = facts.white_point
    return {
        "kelvin": white.kelvin,
        "duv": white.duv,
        "out_of_range": white.out_of_range,
        "xy": None if white.xy is None else list(white.xy),
    }


def judge(measured: Mapping[str, Any], p: Params) -> Verdict:
    kelvin = _judge_kelvin(measured, p)
    duv = measured["duv"]
    expected = {**kelvin.expected, **({"max_abs_duv": p.max_abs_duv} if p.max_abs_duv is not None else {})}
    problems = [] if kelvin.passed else [kelvin.message]
    if p.max_abs_duv is not None and duv is not None and abs(duv) > p.max_abs_duv:
        tint = "green" if duv > 0 else "magenta"
        problems.append(f"tint Duv {duv:+.4f} ({tint}) is beyond ±{p.max_abs_duv:g}")
    if problems:
        return Verdict(False, expected, "; ".join(problems))
    tint = f"; tint Duv {duv:+.4f}" if duv is not None else ""
    return Verdict(True, expected, kelvin.message + tint)


def _judge_kelvin(measured: Mapping[str, Any], p: Params) -> Verdict:
    """The temperature bounds, including a mean colour beyond the method's range."""
    verdict = judge_range(measured["kelvin"], p, what="colour temperature", fmt="{:.0f}", unit="K", names=_BOUNDS)
    reason = measured["out_of_range"]
    if reason is None or not verdict.expected:
        return verdict
    if reason == "off the locus":
        why = f"colour temperature undefined: the mean colour is Duv {measured['duv']:+.3f} off the Planckian locus"
        return Verdict(False, verdict.expected, f"{why} (a CCT needs |Duv| ≤ {MAX_CCT_DUV:g})")
    below = reason.startswith("below")
    failed = p.min_kelvin is not None if below else p.max_kelvin is not None
    return Verdict(not failed, verdict.expected, f"colour temperature {reason}")


# Learned ranges are taken in mired (10⁶ / K), where equal steps look about equally large (a
# 500 K step at 3000 K is 56 mired, at 10,000 K 5 mired). 2000 K (500 mired) is as warm as a
# grey-world mean of a real scene gets (candle light 1900 K); bounds beyond it are not written.
_WARMEST_PLAUSIBLE = 2000.0
# The least margin of a learned range: 15 mired, about 4650–5400 K around 5000 K (near three
# white-point JNDs of ~5.5 mired). What ordinary photographs span: P5–P95 of the 24 Kodak test
# photographs' grey-world CCT by this rule's method (Ohno 2013), taken in mired: 156.6–270.9
# mired (6387–3691 K); a learned range admitting most of it is left out. Measured with
# `python benchmarks/learn_constants.py <Kodak folder>` (McCamy's formula, used before, read
# 156–268 mired and 147–590 mired: within 3 mired but for the warmest photograph).
_SCENE_MIRED = 15.0
TYPICAL_MIRED = (156.6, 270.9)
# The least and most of those 24 photographs: 147.2 and 583.0 mired (6791 K and 1715 K). A bound
# beyond them costs no ordinary scene and is written even when the range is left out.
EXTREME_MIRED = (147.2, 583.0)
_MIRED = 1e6


def _to_kelvin(mired: float) -> float:
    return _MIRED / mired


def suggest(references: References) -> Suggestion:
    """A CCT range, learned in mired; a bound past the parameters' limits (or warmer than
    2000 K) is not written, so a reference at 30,000 K drops `max_kelvin` rather than failing."""
    limits = next(i for i in describe(Params) if i.name == "max_kelvin")
    hottest = float(limits.max) if limits.max is not None else 1e5
    coldest = max(float(limits.min) if limits.min is not None else 0.0, _WARMEST_PLAUSIBLE)
    return suggest_range(
        [_MIRED / k for k in references.values("kelvin") if k > 0],
        what="colour temperature (K)",
        scale=(_MIRED / hottest, _MIRED / coldest),
        decimals=0,
        names=("max_kelvin", "min_kelvin"),
        scene_margin=_SCENE_MIRED,
        typical=TYPICAL_MIRED,
        extremes=EXTREME_MIRED,
        convert=_to_kelvin,
        scale_unit="mired",
    )


RULE = Rule(
    id="color-temperature",
    category=Category.COLOUR,
    version=3,
    doc=__doc__,
    params=Params,
    measure=measure,
    judge=judge,
    measured_keys=("kelvin", "duv", "out_of_range"),
    reads_facts=fact_versions("white_point"),
    constraints=(_some_bound,),
    measured_with=(),
    suggest=suggest,
    example="color-temperature: {min_kelvin: 4500, max_kelvin: 7000, max_abs_duv: 0.01}",
)
