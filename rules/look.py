"""The image is graded in the house look learned from approved references.

Measures the look features of `stylelint.look` on the working copy (every one with its unit:
tone-curve points P1/P5/P50/P95/P99 of L* and the mid-tone contrast P75 − P25; the shares of
crushed pixels, L* ≤ 3, and clipped pixels, L* ≥ 97; the chroma distribution and the chroma of
the shadows, mid-tones and highlights; the mean a*, b* of each tonal range and of its most
neutral third; the highlight − shadow b* split; the direction of the overall cast; how close
strong colours come to the sRGB gamut's edges: P1 of each pixel's smallest and P99 of its
largest 8-bit channel; and each channel's own black and white levels, P1 and P99 of R, G and B:
the tint of the blacks, R − G and B − G of the P1s, the lowest P1, and the spread of the P99s).
Run
`python -c "import stylelint.look as l; print(*l.FEATURES, sep=chr(10))"` for the list with
each feature's unit and why it carries a grade. These are measured once per image and cached.

`reference` is the look: per feature, the references' `median`, a `scale` and a `weight`
(default 1). The scale is in the feature's unit, except for two kinds of feature compared on a
log scale, whose scale is in that unit (0.1 ≈ a 10 % change of 1 + C*, or of share + offset):
the chroma features (C*ab), compared as ln(1 + C*) because saturation multiplies chroma, and the
shares of crushed and clipped pixels, compared as ln(share + 0.002) (`SHARE_OFFSET`) because they
are mostly near 0 and, where a scene has a white sky or a black doorway, many times larger (a
scene whose top tenth is blown to white reads z ≈ 2.7 on this scale against a look learned from
scenes with few blown whites; in the share's own unit, over the floor of half a percent that unit
had, it read about 20 and pushed such a scene out alone).
`stylelint learn` writes it. The scale is the references' robust spread (1.4826 · MAD)
shrunk toward `PRIOR_SHARE` of the spread of that feature across ordinary, ungraded photographs
(the population prior shipped in stylelint/data/look_prior.json, made by
benchmarks/look_prior.py), as if `PRIOR_WEIGHT` more references had that spread: a feature the
references hold far more constant than ordinary photographs do (the chroma of black-and-white,
the black point of a matte look) gets a small scale and counts strongly; a feature that merely
varies with the scene keeps a scale like the population's and counts little. The floor of a
scale is `SCALE_FLOORS` (about one just-noticeable difference).

Each feature also has a `weight`: `BASE_WEIGHT` plus the square of how far the references'
median sits from ordinary photographs' median, in population spreads (at most `MAX_SHIFT`),
plus `TIGHT_WEIGHT` × ln(population spread / scale)² when the references hold it tighter than
ordinary photographs do, so the few features in
which the look departs from ordinary photographs (lifted blacks, warm highlights, no colour)
count most. Each feature gives a z = (value − median) / scale, and the image one distance

    distance = sqrt( Σ weight · c² · ln(1 + z² / c²)  /  Σ weight ),  c = 2,

a robust (Cauchy) form of the weighted root-mean-square z: equal to it for small z, growing only
logarithmically beyond about 2 σ, so a single scene oddity (a red door, a white sky) cannot by
itself push a picture out, while a shift in many features does. Fails when `distance` is above
`max_distance` (a distance equal to it passes). `learn` sets `max_distance` by leave-one-out:
each reference is scored against the profile of the others, and the `LOO_PERCENTILE`th
percentile of those distances estimates how far a new on-style image may fall. From ten
references that percentile is rough, so the limit is its geometric mean with `TYPICAL_LIMIT`, the
percentile's median over many learned looks (shrinkage toward what looks typically need), but
never below any reference's distance to the whole profile, rounded up, so a learned spec passes
all its references. `learn` also says how many of the prior's framings of
ordinary, ungraded photographs fall within that limit, and warns when `WEAK_LOOK_SHARE` (a third)
or more do: such a look is close to an ungraded one, and other subtle grades pass it too. The
message names the features that pushed the image out, in words ("shadows 9.0 b* bluer than
the look"; "blacks deeper: P1 L* 0.4, the look's 11.0").

`measured`: `distance`, `features` {feature: value}, `z` {feature: z}, `pushed` (the three
features of largest contribution, most first; of `channel_black` and `channel_floor`, which say
the same in words, only the first) and `median` (the look's median of each pushed feature).
With a `reference` the rule judges each image against it alone, so it runs on any subset of
files. Without one, each image is judged against the look of the checked set itself
(learned from the set as `learn` would, at least 5 images; fewer pass with `distance` null).

References: shrinkage of a variance toward a prior guess worth `PRIOR_WEIGHT` pseudo-observations
(the scaled-inverse-χ² posterior, Gelman et al., "Bayesian Data Analysis", 3rd ed., §3.3);
Rousseeuw & Croux (1993) for the MAD; Cauchy loss: Black & Rangarajan (1996), "On the
unification of line processes, outlier rejection, and robust statistics".
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, NamedTuple

import numpy as np

from stylelint.colour import rgb8_to_lab
from stylelint.facts import ImageFacts
from stylelint.look import BY_NAME, FEATURE_NAMES, look_features, sampled
from stylelint.look_words import describe, named
from stylelint.params import ParamInfo, ParamValueError, ParseContext, Problem
from stylelint.profile_entries import Least, checked_profile
from stylelint.rule import Category, References, Rule, Suggestion, Verdict, left_out, param, params

# 1 / Φ⁻¹(3/4): the MAD's consistency factor for normal data (Rousseeuw & Croux 1993).
MAD_TO_SIGMA = 1.4826
# Shrinkage of a reference spread toward the population: the prior spread is PRIOR_SHARE of
# ordinary photographs' spread, worth PRIOR_WEIGHT references. Chosen on the tuning looks of
# benchmarks/style_separation.py (never on its held-out looks or scenes).
PRIOR_SHARE = 0.3
PRIOR_WEIGHT = 2.0
# Cauchy loss width, in z: below it a feature counts as z², above it only logarithmically.
CAUCHY_C = 2.0
# Smallest scale per unit: about one just-noticeable difference (ΔL*, Δa*, Δb* ≈ 0.5–1; chroma,
# compared as ln(1 + C*), 0.05 ≈ 5 %), 0.1 in ln(share + SHARE_OFFSET) (a 10 % change of share +
# offset), 0.02 of the cast ratio, one 8-bit sRGB code.
SCALE_FLOORS = {"L*": 0.5, "a*": 0.5, "b*": 0.5, "C*ab": 0.05, "share": 0.1, "ratio": 0.02, "code": 1.0}
# Shares are compared as ln(share + SHARE_OFFSET), a fifth of a percent of the pixels. Chosen over
# five reference splits (benchmarks/README.md, ninth round): 0.0002 separates more but, checked as
# JPEG against lossless references, passes fewer on-style images (the codec clips a few pixels).
SHARE_OFFSET = 0.002
# Weight of a feature: BASE_WEIGHT + the square of its shift from ordinary photographs in
# population spreads (at most MAX_SHIFT) + TIGHT_WEIGHT × the square of ln(population spread /
# scale) when the references hold it tighter. Chosen on the tuning looks, like PRIOR_SHARE:
# squares let the few features that define a look outweigh the many that only follow the scene.
BASE_WEIGHT = 0.05
TIGHT_WEIGHT = 0.5
MAX_SHIFT = 3.0
# Percentile of the references' leave-one-out distances taken as the limit (100: the largest).
# 90 trades a few on-style passes for many off-style failures on the tuning looks (at 100:
# 96 % / 53 %; at 90: 92 % / 63 %); the limit still never falls below a reference's distance.
LOO_PERCENTILE = 90.0
# From 10 references that percentile is nearly the second-largest of 10 distances: the limit is
# its geometric mean with this, its median over the design looks of benchmarks/style_separation.py
# (1.80 over its 18 learned looks as the README runs it; 1.69 over 90 with a prior that leaves out
# the checked photographs, 5 reference splits). Over those splits it fails 0.4–2.7 points more
# off-style images at the same on-style pass (benchmarks/README.md, ninth round).
TYPICAL_LIMIT = 1.8
# The distance limit never goes below this (one scale off on every feature, on average).
MIN_DISTANCE = 1.0
# Without a reference, a set needs this many images for a median and spread to mean anything
# (as consistency's MIN_SET_SIZE).
MIN_SET_SIZE = 5
# Features named in a failing message.
_NAMED = 3


class Entry(NamedTuple):
    """One feature of a look: the references' median, the scale of its z and its weight."""

    median: float
    scale: float
    weight: float = 1.0


@dataclass(frozen=True)
class Look:
    """A learned look: {feature: Entry} (in `FEATURE_NAMES` order)."""

    entries: tuple[tuple[str, Entry], ...]

    def as_dict(self) -> dict[str, Entry]:
        """{feature: Entry}."""
        return dict(self.entries)


# ---- the population prior -----------------------------------------------------------------------


@lru_cache(maxsize=1)
def _prior_document() -> dict[str, Any]:
    text = resources.files("stylelint").joinpath("data/look_prior.json").read_text(encoding="utf-8")
    return dict(json.loads(text))


def population() -> dict[str, dict[str, float]]:
    """The shipped prior: {feature: {median, p16, p84, spread}} over ungraded photographs."""
    return dict(_prior_document()["features"])


@lru_cache(maxsize=1)
def ordinary_framings() -> tuple[dict[str, float], ...]:
    """The features of every framing the prior was measured on: ordinary, ungraded photographs
    (none when the prior file keeps no framings, as files made before 2026-12-02 do)."""
    framings = _prior_document().get("framings") or {"features": [], "values": []}
    return tuple(dict(zip(framings["features"], values)) for values in framings["values"])


# ---- the `reference` parameter -------------------------------------------------------------------


# The keys of a feature's entry in a spec and their least values (weight defaults to 1).
_ENTRY_KEYS: dict[str, Least] = {"median": None, "scale": (0.0, False), "weight": (0.0, True)}


def look_from_mapping(value: Mapping[str, Any]) -> Look:
    """Parse {feature: {median: number, scale: number > 0, weight: number ≥ 0 (default 1)}};
    raises ParamValueError with every problem, each at its key path (`checked_profile`)."""
    entries = checked_profile(
        value,
        kind="look feature",
        features=FEATURE_NAMES,
        keys=_ENTRY_KEYS,
        required=("median", "scale"),
        more=_old_share_scale,
    )
    if not entries:
        raise ParamValueError("expected at least one look feature")
    return Look(
        tuple((n, Entry(e["median"], e["scale"], e.get("weight", 1.0))) for n in FEATURE_NAMES if (e := entries.get(n)))
    )


def _old_share_scale(name: str, entry: Mapping[str, float]) -> list[Problem]:
    """A share's scale below version 8's floor: a profile learned before shares were compared
    on a log scale, whose scales are in shares."""
    if BY_NAME[name].unit != "share" or entry["scale"] >= SCALE_FLOORS["share"]:
        return []
    return [
        (
            ("scale",),
            f"{entry['scale']:g} is below {SCALE_FLOORS['share']:g}, the smallest scale of a share (compared as "
            f"ln(share + {SHARE_OFFSET:g}) since look version 8); a profile learned by an earlier version has "
            "its share scales in shares: learn it again (stylelint learn)",
        )
    ]


class _LookKind:
    """Parameter kind of `reference`: the inline look `stylelint learn` writes."""

    name = "look profile"

    def parse(self, value: Any, info: ParamInfo, ctx: ParseContext) -> Look:
        if not isinstance(value, dict):
            raise ParamValueError("expected a look profile {feature: {median, scale}} (stylelint learn writes one)")
        return look_from_mapping(value)


@params
class Params:
    reference: Look | None = param(
        None,
        kind=_LookKind(),
        doc="The learned look: {feature: {median, scale, weight}} per look feature (written by "
        "`stylelint learn`); default: the look of the checked set itself.",
    )
    max_distance: float = param(
        2.0, unit="robust distance", min=0, max=100, doc="Largest allowed combined distance from the look."
    )


# ---- measure, score, judge -----------------------------------------------------------------------


def measure(facts: ImageFacts, p: Params) -> dict[str, Any]:
    """The look features of the working copy (independent of the parameters: cached once); with
    transparency, of the pixels at least half opaque (as the colour statistics count them)."""
    rgb8 = facts.codes.reshape(-1, 3)
    if facts.drawn is not None and (drawn := facts.drawn.reshape(-1)).any():
        rgb8 = rgb8[drawn]
    rgb8 = sampled(rgb8)  # only the pixels measured are converted to Lab (issue 12: a quarter)
    return look_features(rgb8_to_lab(rgb8), rgb8)


def distance_of(z: Mapping[str, float], weights: Mapping[str, float] | None = None) -> float:
    """sqrt(weighted mean of c² ln(1 + z²/c²)): the combined distance of per-feature z-scores
    (equal weights when `weights` is None)."""
    w = {name: 1.0 if weights is None else weights[name] for name in z}
    total = sum(w.values())
    if total <= 0:
        return 0.0
    return math.sqrt(sum(w[name] * _loss(value) for name, value in z.items()) / total)


def _loss(z: float) -> float:
    return CAUCHY_C**2 * math.log1p((z / CAUCHY_C) ** 2)


def model_value(name: str, value: float) -> float:
    """A feature in the unit its z is taken in: ln(1 + C*) for chroma features (saturation
    multiplies chroma, and scenes vary in chroma by factors), ln(share + SHARE_OFFSET) for the
    shares of crushed and clipped pixels (near 0 in most scenes, many times more in some), the
    feature's own unit otherwise."""
    unit = BY_NAME[name].unit
    if unit == "C*ab":
        return math.log1p(max(value, 0.0))
    if unit == "share":
        return math.log(max(value, 0.0) + SHARE_OFFSET)
    return value


def score(features: Mapping[str, float], look: Look) -> dict[str, Any]:
    """z per feature, the distance and the features that pushed it most."""
    z = {
        name: round((model_value(name, features[name]) - model_value(name, entry.median)) / entry.scale, 3)
        for name, entry in look.entries
        if features.get(name) is not None
    }
    weights = {name: entry.weight for name, entry in look.entries if name in z}
    pushed = named(sorted(z, key=lambda name: -weights[name] * _loss(z[name])), _NAMED)
    medians = {name: entry.median for name, entry in look.entries if name in pushed}
    return {
        "distance": round(distance_of(z, weights), 4),
        "features": dict(features),
        "z": z,
        "pushed": pushed,
        "median": {name: medians[name] for name in pushed},
    }


def compare(records: Sequence[Mapping[str, Any]], p: Params) -> list[dict[str, Any]]:
    """Score each image against the learned look, or (no `reference`) against the look of the
    checked set itself, learned from its records as `learn` would."""
    features = [{n: r[n] for n in FEATURE_NAMES if n in r} for r in records]
    if p.reference is not None:
        return [score(f, p.reference) for f in features]
    if len(features) < MIN_SET_SIZE:
        return [{"distance": None, "features": f, "z": {}, "pushed": [], "median": {}} for f in features]
    look = fit(features, population())
    return [score(f, look) for f in features]


def judge(measured: Mapping[str, Any], p: Params) -> Verdict:
    distance = measured["distance"]
    expected = {"max_distance": p.max_distance}
    if distance is None:
        return Verdict(True, expected, f"nothing to compare with: fewer than {MIN_SET_SIZE} images in the set")
    if distance <= p.max_distance:
        return Verdict(True, expected, f"in the look: distance {distance:.2f} (limit {p.max_distance:g})")
    words = [describe(name, measured["features"][name], measured["median"][name]) for name in measured["pushed"]]
    return Verdict(
        False, expected, f"off the look (distance {distance:.2f}, limit {p.max_distance:g}): " + "; ".join(words)
    )


# ---- learning -----------------------------------------------------------------------------------


# The evidence comment of a feature compared on a log scale (see `model_value`).
_LOG_SCALES = {"C*ab": "; scale in ln(1 + C*)", "share": f"; scale in ln(share + {SHARE_OFFSET:g})"}


def prior_in_model_units(name: str, prior: Mapping[str, float]) -> tuple[float, float]:
    """(median, spread) of ordinary photographs in `model_value` units. Percentiles commute with
    its monotone logarithms, so P16 and P84 convert exactly."""
    low, high = (model_value(name, prior[k]) for k in ("p16", "p84"))
    return model_value(name, prior["median"]), max((high - low) / 2, 1e-9)


def fit(records: Sequence[Mapping[str, float]], prior: Mapping[str, Mapping[str, float]]) -> Look:
    """The look of `records`: per feature the median and the shrunk scale (see the module docs)."""
    entries = []
    for name in FEATURE_NAMES:
        raw = [r[name] for r in records if r.get(name) is not None]
        if not raw or name not in prior:
            continue
        median = float(np.median(raw))
        values = np.array([model_value(name, v) for v in raw])
        centre = model_value(name, median)
        spread = MAD_TO_SIGMA * float(np.median(np.abs(values - centre)))
        prior_median, prior_spread = prior_in_model_units(name, prior[name])
        n = len(values)
        scale = math.sqrt((n * spread**2 + PRIOR_WEIGHT * (PRIOR_SHARE * prior_spread) ** 2) / (n + PRIOR_WEIGHT))
        shift = min(MAX_SHIFT, abs(centre - prior_median) / prior_spread)
        scale = max(scale, SCALE_FLOORS[BY_NAME[name].unit])
        tight = max(0.0, math.log(prior_spread / scale))
        entries.append((name, Entry(median, scale, BASE_WEIGHT + shift**2 + TIGHT_WEIGHT * tight**2)))
    return Look(tuple(entries))


def leave_one_out(records: Sequence[Mapping[str, float]], prior: Mapping[str, Mapping[str, float]]) -> list[float]:
    """Each record's distance to the look of the others."""
    return [
        score(record, fit([r for j, r in enumerate(records) if j != i], prior))["distance"]
        for i, record in enumerate(records)
    ]


def suggest(references: References) -> Suggestion:
    """For `stylelint learn`: the references' look and a `max_distance` calibrated by
    leave-one-out that every reference meets (see the module docs)."""
    records = [r for r in references.measured if all(r.get(n) is not None for n in FEATURE_NAMES)]
    if len(records) < 2:
        return left_out("look: fewer than 2 references measured")
    prior = population()
    look = fit(records, prior)
    loo = leave_one_out(records, prior)
    inside = max(score(r, look)["distance"] for r in records)
    percentile = float(np.percentile(loo, LOO_PERCENTILE))
    limit = math.ceil(max(MIN_DISTANCE, inside, math.sqrt(percentile * TYPICAL_LIMIT)) * 20) / 20
    accepted, framings = ordinary_accepted(look, limit), len(ordinary_framings())
    evidence = {
        "reference": f"median of each feature over {len(records)} references; scale: their spread shrunk "
        f"toward {PRIOR_SHARE:g} × that of ordinary photographs",
        "max_distance": f"leave-one-out distances of the references {min(loo):.2f}–{max(loo):.2f} "
        f"(P{LOO_PERCENTILE:g} {percentile:.2f}, averaged geometrically with the typical {TYPICAL_LIMIT:g}); "
        f"largest distance to the whole look {inside:.2f}; rounded up"
        + (f"; {accepted} of {framings} framings of ordinary, ungraded photographs fall within it" if framings else ""),
    }
    for name, entry in look.entries:
        values = [float(r[name]) for r in records]
        unit = _LOG_SCALES.get(BY_NAME[name].unit, "")  # as model_value reads it
        # A share says what it counts: exposure's crushed shadows (every channel ≤ 5) are another count.
        what = f"{BY_NAME[name].what} " if BY_NAME[name].unit == "share" else ""
        evidence[f"reference.{name}"] = f"{what}seen {min(values):.4g}–{max(values):.4g}{unit}" + _against_prior(
            name, entry, prior[name]
        )
    return Suggestion(
        params={
            "max_distance": limit,
            "reference": {
                n: {"median": round(e.median, 4), "scale": round(e.scale, 4), "weight": round(e.weight, 3)}
                for n, e in look.entries
            },
        },
        evidence=evidence,
        note=_note(look, prior),
        warnings=weak_look(accepted, framings),
    )


def weak_look(accepted: int, framings: int) -> tuple[str, ...]:
    """A warning when the learned look accepts `WEAK_LOOK_SHARE` or more of the `framings` of
    ordinary photographs (`accepted` of them)."""
    if not framings or accepted < WEAK_LOOK_SHARE * framings:
        return ()
    return (
        f"look: the learned look accepts {accepted} of {framings} framings ({accepted / framings:.0%}) of "
        "ordinary, ungraded photographs (the population prior): it is close to an ungraded look, so other "
        "subtle grades will pass it too; review what it passes, and if the house look is stronger than these "
        "references show, learn from references that show it more",
    )


def _against_prior(name: str, entry: Entry, prior: Mapping[str, float]) -> str:
    """ "; held 4× tighter than ordinary photographs", "; shifted from ordinary photographs' 8.8" or ""."""
    prior_median, prior_spread = prior_in_model_units(name, prior)
    if entry.scale < 0.5 * prior_spread:
        return f"; held {prior_spread / entry.scale:.0f}× tighter than ordinary photographs"
    if abs(model_value(name, entry.median) - prior_median) > prior_spread:
        return f"; shifted from ordinary photographs' {prior['median']:.4g}"
    return ""


# `learn` warns when the learned look accepts at least this share of the prior's framings of
# ordinary, ungraded photographs. On the independent evaluation's 21 learned looks (7 grades × 3
# reference sets) that share and the share of other grades the look fails correlate at −0.91
# (−0.87 leaving out its ungraded images, whose photographs the prior's framings are of); every
# look accepting a third or more failed at most 79 % of other grades (81 % without the ungraded),
# every one under a fifth at least 81 % (80 %) (version 8; benchmarks/README.md, ninth round).
WEAK_LOOK_SHARE = 1 / 3


def ordinary_accepted(look: Look, limit: float) -> int:
    """How many of the prior's framings of ordinary photographs are within `limit` of `look` (pass
    it, as `judge` passes a distance equal to the limit)."""
    return sum(score(f, look)["distance"] <= limit for f in ordinary_framings())


# The note names this many of the look's distinctive features, the heaviest first: a list of 20
# tells a person nothing; each feature's own comment still says how it stands out.
_NOTE_FEATURES = 6


def _note(look: Look, prior: Mapping[str, Mapping[str, float]]) -> str:
    """What defines the look: the heaviest features much tighter than, or shifted from, ordinary
    photographs."""
    marks = [(entry.weight, name) for name, entry in look.entries if _against_prior(name, entry, prior[name])]
    if not marks:
        return "the references differ from ordinary photographs in no single feature: a weak look"
    heaviest = [name for _, name in sorted(marks, reverse=True)[:_NOTE_FEATURES]]
    more = f" (and {len(marks) - len(heaviest)} more, marked below)" if len(marks) > len(heaviest) else ""
    return "the look is defined most by: " + ", ".join(heaviest) + more


def _uses_set(p: Params) -> bool:
    """Without a `reference` the images are judged against the set's own look (a function, not a
    lambda: rules travel to worker processes)."""
    return p.reference is None


RULE = Rule(
    id="look",
    category=Category.COLOUR,
    version=8,
    doc=__doc__,
    params=Params,
    measure=measure,
    judge=judge,
    compare=compare,
    suggest=suggest,
    measured_keys=("distance", "features", "z", "pushed", "median"),
    measured_with=(),
    uses_set=_uses_set,
    example="look: {max_distance: 2.1, reference: {black_point: {median: 13.5, scale: 1.2}, "
    "shadow_b: {median: -6.0, scale: 1.5}}}",
)
