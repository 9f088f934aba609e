"""The image fits the style of its set, or of a reference.

Each image is reduced (on the working copy) to eight style features, each defined exactly as
the rule that checks it alone:
- `lightness`: mean CIELAB L* (as `exposure`), 0–100;
- `contrast`: RMS contrast σ(L*) / 100 (as `contrast`), 0–0.5;
- `colorfulness`: Hasler–Süsstrunk M on sRGB 0–255 (as `colorfulness`);
- `temperature`: grey-world CCT (Ohno 2013), in K (as `color-temperature`);
- `mean_a`, `mean_b`: mean CIELAB a* (green − / magenta +) and b* (blue − / yellow +);
- `highlights`, `shadows`: shares of pixels with every channel ≥ 250/255 (blown) and with every
  channel ≤ 5/255 (crushed), as `exposure` measures them.

Each selected feature x is scored by a robust z-score, z = (x − median) / (1.4826 · MAD),
against the median and median absolute deviation (MAD) of the checked set (every image the
rule ran on with the same parameters), or of `reference`: a folder of approved images
(relative to the spec's folder; measured once when the spec is loaded) or the inline profile
`stylelint learn` writes, a mapping of feature → {median, mad}. 1.4826 makes the MAD a
consistent estimate of the standard deviation for normal data (Rousseeuw & Croux 1993). A MAD
below the feature's floor (see `FEATURES`, e.g. 1 L*, 100 K) is raised to the floor, so a set of
near-identical images does not turn a just-noticeable difference into a huge z.

Fails when the largest |z| is above `max_z` (a z equal to `max_z` passes). A set of fewer than
5 measurable images has no meaningful median and MAD: every image passes, with `z` empty.
`measured` holds `z` {feature: z}, `worst` (the feature of largest |z|), `values`, `median`
and `against` (what the image was compared with). Only these compact records are compared;
no image holds another's pixels.

References: Rousseeuw, P. J. & Croux, C. (1993), "Alternatives to the median absolute
deviation", JASA 88(424), 1273–1283; Iglewicz, B. & Hoaglin, D. (1993), "How to Detect and
Handle Outliers" (robust z, the 3.5 cut-off); and the references of the rules named above.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

from stylelint.analysis import Analysis
from stylelint.discovery import discover
from stylelint.errors import ImageReadError
from stylelint.facts import ImageFacts, fact_versions
from stylelint.params import ParamInfo, ParamValueError, ParseContext
from stylelint.profile_entries import Least, checked_profile
from stylelint.rule import Category, References, Rule, Suggestion, Verdict, param, params

log = logging.getLogger(__name__)

# Consistency factor of the MAD for normally distributed data: 1 / Φ⁻¹(3/4) (Rousseeuw & Croux).
MAD_TO_SIGMA = 1.4826
# Below this many measurable images a median and MAD say nothing (half of four is an outlier).
MIN_SET_SIZE = 5
# A reference folder needs as many readable images as a set does.
MIN_REFERENCES = MIN_SET_SIZE
# |z| above this multiple of max_z reads as "much" in messages.
_MUCH = 2.0


class Feature(NamedTuple):
    """A style feature: name, unit, MAD floor, words for either side of the median, and how a
    value is shown (`label` then `fmt`: "mean L* " + "{:.0f}")."""

    name: str
    unit: str
    mad_floor: float
    lower: str
    higher: str
    label: str
    fmt: str


# MAD floors, each about one just-noticeable difference of the feature: ΔL* ≈ 1 (CIE 1976
# lightness scale), 1 L* of spread, a tenth of one step of Hasler–Süsstrunk's 7-step
# colourfulness scale (steps ≈ 13–27 M apart), 100 K (≈ 4 mired at 5000 K, below the ~5.5 mired
# white-point JND), Δa*/Δb* ≈ 1 (ΔE76 ≈ 1), and one percent of clipped pixels (the exposure
# rule's default highlight limit).
FEATURES: tuple[Feature, ...] = (
    Feature("lightness", "L*", 1.0, "darker", "brighter", "mean L* ", "{:.0f}"),
    Feature("contrast", "σ(L*)/100", 0.01, "flatter", "more contrasty", "RMS contrast ", "{:.2f}"),
    Feature("colorfulness", "M", 2.0, "more muted", "more colourful", "colourfulness ", "{:.0f}"),
    Feature("temperature", "K", 100.0, "warmer", "cooler", "", "{:.0f} K"),
    Feature("mean_a", "a*", 1.0, "greener", "more magenta", "mean a* ", "{:+.1f}"),
    Feature("mean_b", "b*", 1.0, "bluer", "yellower", "mean b* ", "{:+.1f}"),
    Feature("highlights", "share", 0.01, "with fewer clipped highlights", "with more clipped highlights", "", "{:.1%}"),
    Feature("shadows", "share", 0.01, "with fewer crushed shadows", "with more crushed shadows", "", "{:.1%}"),
)
FEATURE_NAMES = tuple(f.name for f in FEATURES)
_BY_NAME = {f.name: f for f in FEATURES}


@dataclass(frozen=True)
class Profile:
    """Per-feature (median, MAD) of approved images: what `reference` resolves to.

    `stats` holds (feature, median, mad) in `FEATURES` order; `source` says where it came from
    ("reference folder approved/ (24 images)", "inline profile").
    """

    source: str
    stats: tuple[tuple[str, float, float], ...]

    def centre(self) -> dict[str, tuple[float, float]]:
        """{feature: (median, mad)}."""
        return {name: (median, mad) for name, median, mad in self.stats}


def profile_of(records: Sequence[Mapping[str, Any]], *, source: str) -> Profile:
    """The median and MAD of every feature over measured records (None values left out).

    A feature measured on fewer than `MIN_SET_SIZE` records is left out of the profile.
    """
    stats = []
    for name in FEATURE_NAMES:
        values = np.array([r[name] for r in records if r.get(name) is not None], dtype=np.float64)
        if len(values) >= MIN_SET_SIZE:
            median = float(np.median(values))
            stats.append((name, median, float(np.median(np.abs(values - median)))))
    return Profile(source, tuple(stats))


# ---- the `reference` parameter: a folder (loaded at spec parsing) or an inline profile ----------


def _image_files(folder: Path) -> list[Path]:
    """The image files under `folder`, found as a checked folder's are (stylelint.discovery)."""
    return [Path(t.path) for t in discover([str(folder)]) if t.error is None]


def load_reference(folder: Path, analysis: Analysis = Analysis()) -> Profile:
    """Measure a folder of approved images (recursively) and return their profile.

    This is the rule's only I/O, run when the spec is parsed (never in measure, compare or
    judge). The images are found and read as checked images are: the same discovery, and the
    spec's `analysis` settings (working-copy size, pixel limit). Unreadable images are skipped
    with a warning. The result is cached per folder, analysis settings and list of (file, size,
    mtime), so the several parses of one spec (validation, overrides) measure the folder once.
    Raises ParamValueError when fewer than `MIN_REFERENCES` images can be read.
    """
    files = _image_files(folder)
    signature = tuple((str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in files)
    return _load_reference(str(folder.resolve()), signature, analysis)


@lru_cache(maxsize=16)
def _load_reference(folder: str, signature: tuple[tuple[str, int, int], ...], analysis: Analysis) -> Profile:
    records = []
    for name, _size, _mtime in signature:
        try:
            records.append(measure(ImageFacts(Path(name), analysis), Params()))
        except ImageReadError as exc:
            log.warning("reference image %s skipped: %s", name, exc)
    if len(records) < MIN_REFERENCES:
        raise ParamValueError(
            f"expected a folder with at least {MIN_REFERENCES} readable images, "
            f"found {len(records)} in {os.path.relpath(folder)}"
        )
    return profile_of(records, source=f"reference folder {os.path.relpath(folder)} ({len(records)} images)")


# The keys of a feature's entry in an inline profile and their least values.
_ENTRY_KEYS: dict[str, Least] = {"median": None, "mad": (0.0, True)}


def profile_from_mapping(value: Mapping[str, Any]) -> Profile:
    """Parse the inline profile {feature: {median: number, mad: number ≥ 0}}; raises
    ParamValueError with every problem, each at its key path (`checked_profile`)."""
    entries = checked_profile(
        value, kind="feature", features=FEATURE_NAMES, keys=_ENTRY_KEYS, required=tuple(_ENTRY_KEYS)
    )
    stats = {name: (entry["median"], entry["mad"]) for name, entry in entries.items()}
    if not stats:
        raise ParamValueError("expected at least one feature in the profile")
    ordered = tuple((n, *stats[n]) for n in FEATURE_NAMES if n in stats)
    return Profile("inline profile", ordered)  # type: ignore[arg-type]


class _ReferenceKind:
    """Parameter kind of `reference`: a folder path (str) or an inline profile (mapping)."""

    name = "folder or profile"

    def parse(self, value: Any, info: ParamInfo, ctx: ParseContext) -> Profile:
        if isinstance(value, dict):
            return profile_from_mapping(value)
        if not isinstance(value, str) or not value:
            raise ParamValueError("expected a folder of approved images or a profile {feature: {median, mad}}")
        folder = ctx.base_dir / value
        if not folder.is_dir():
            raise ParamValueError(f"no folder '{value}' (relative to the spec's folder)")
        return load_reference(folder, ctx.analysis)


@params
class Params:
    features: tuple[str, ...] = param(
        FEATURE_NAMES, choices=FEATURE_NAMES, doc="The style features compared (default: all)."
    )
    max_z: float = param(
        3.0, unit="robust z", min=0, max=100, doc="Largest allowed |z| = |x − median| / (1.4826 · MAD) of any feature."
    )
    reference: Profile | None = param(
        None,
        kind=_ReferenceKind(),
        doc="A folder of approved images (relative to the spec) or the "
        "inline profile `stylelint learn` writes; default: the set itself.",
    )


def _features_in_reference(p: Params) -> str | None:
    if not p.features:
        return "expected at least one feature"
    missing = [f for f in p.features if p.reference is not None and f not in p.reference.centre()]
    if missing:
        return f"features not in the reference profile: {', '.join(missing)}"
    return None


# ---- measure, compare, judge --------------------------------------------------------------------


def measure(facts: ImageFacts, p: Params) -> dict[str, Any]:
    """Every feature (whatever `features` selects, so the record is cached once per image).

    The features that other rules report are the same facts they read, so they cannot drift apart.
    """
    # Weighted by opacity like the other features' facts (CONTRACT §7): the tint of what is drawn.
    lab_mean = facts.mean_lab
    # Contrast first: it needs the L* array, from which the mean L* is then the same number
    # without making L* again a block at a time (issue 12: 4 ms per 1024-px copy).
    contrast = facts.rms_contrast
    return {
        "lightness": facts.mean_lightness,
        "contrast": contrast,
        "colorfulness": facts.colourfulness,
        "temperature": facts.white_point[1],
        "mean_a": round(float(lab_mean[1]), 4),
        "mean_b": round(float(lab_mean[2]), 4),
        "highlights": facts.highlights,
        "shadows": facts.shadows,
    }


def compare(records: Sequence[Mapping[str, Any]], p: Params) -> list[dict[str, Any]]:
    """Score each record against the reference profile, or the set's own profile."""
    if p.reference is not None:
        profile = p.reference
    else:
        profile = profile_of(records, source=f"the set ({len(records)} images)")
    centre = {k: v for k, v in profile.centre().items() if k in p.features}
    return [_scored(record, centre, profile.source) for record in records]


def robust_z(value: float, median: float, mad: float, floor: float) -> float:
    """(value − median) / (1.4826 · max(mad, floor)); the floor keeps a zero MAD finite."""
    return (value - median) / (MAD_TO_SIGMA * max(mad, floor))


def _scored(record: Mapping[str, Any], centre: Mapping[str, tuple[float, float]], against: str) -> dict[str, Any]:
    z = {
        name: round(robust_z(record[name], median, mad, _BY_NAME[name].mad_floor), 3)
        for name, (median, mad) in centre.items()
        if record.get(name) is not None
    }
    worst = max(z, key=lambda name: (abs(z[name]), -FEATURE_NAMES.index(name))) if z else None
    return {
        "z": z,
        "worst": worst,
        "values": {name: record.get(name) for name in centre},
        "median": {name: round(median, 6) for name, (median, _mad) in centre.items()},
        "against": against,
    }


def judge(measured: Mapping[str, Any], p: Params) -> Verdict:
    expected = {"max_z": p.max_z}
    worst = measured["worst"]
    if worst is None:
        return Verdict(
            True,
            expected,
            f"nothing to compare with: {measured['against']} has fewer than {MIN_SET_SIZE} measurable images",
        )
    z = measured["z"][worst]
    if abs(z) <= p.max_z:
        return Verdict(
            True, expected, f"fits {_against(measured)}: largest deviation {worst} (z = {z:+.1f}, limit {p.max_z:g})"
        )
    return Verdict(False, expected, describe_deviation(worst, measured, p.max_z))


def _against(measured: Mapping[str, Any]) -> str:
    return "the set" if measured["against"].startswith("the set") else "the reference"


def describe_deviation(name: str, measured: Mapping[str, Any], max_z: float) -> str:
    """ "much cooler than the set: 7400 K against a median of 5200 K (z = +6.3, limit 3)"."""
    feature, z = _BY_NAME[name], measured["z"][name]
    side = feature.higher if z > 0 else feature.lower
    much = "much " if abs(z) > _MUCH * max_z and not side.startswith("with") else ""
    value = feature.fmt.format(measured["values"][name])
    median = feature.fmt.format(measured["median"][name])
    return (
        f"{much}{side} than {_against(measured)}: {feature.label}{value} against a median of {median} "
        f"(z = {z:+.1f}, limit {max_z:g})"
    )


# Cut-off for robust z recommended by Iglewicz & Hoaglin (1993); `learn` never suggests less.
_SUGGESTED_MAX_FEATURE_Z = 4.0  # a feature whose references reach |z| > 4 is not held constant
_SUGGESTED_MIN_Z = 3.5
_SUGGEST_PERCENTILE = 95.0
# The learned max_z sits this far above the largest |z| of any reference, so every reference
# passes and a new image of the same look may stray a little further than the farthest one did.
_SUGGEST_HEADROOM = 1.25
# How much each feature varies across ordinary photographs: its MAD over the 24 Kodak test
# photographs (ungraded film scans), measured by this rule's `measure` (temperature by Ohno's
# method; `python benchmarks/learn_constants.py <Kodak folder>`). Most of these are whole-image averages that scenes move more
# than a grade does; a feature is part of a look only when the references hold it at most
# _HELD × that (black and white holds colourfulness and mean a*/b* at 0; a high-key grade holds
# lightness high). Clipped and crushed shares are never learned: they are heavy-tailed (one sky
# scene clips half its pixels, so a MAD-based z explodes); exposure's ceilings cover them.
POPULATION_MAD = {
    "lightness": 4.43,
    "contrast": 0.0224,
    "colorfulness": 6.50,
    "temperature": 503.0,
    "mean_a": 2.15,
    "mean_b": 3.17,
}
_HELD = 0.25
_NOT_LEARNED = ("highlights", "shadows")


def _uses_set(p: Params) -> bool:
    """Only a consistency rule without a `reference` compares the images with each other."""
    return p.reference is None


def suggest(references: References) -> Suggestion:
    """For `stylelint learn`: the references' inline profile {feature: {median, mad}}; the
    `features` the references hold unusually constant: their MAD at most _HELD × that of
    ordinary photographs (POPULATION_MAD; clipping shares never), and the 95th percentile of their own |z| at most
    _SUGGESTED_MAX_FEATURE_Z (a feature that varies wildly across approved images, such as the
    shadows of a set with one night shot, is not part of the style and would only loosen the
    limit); and a `max_z` every reference meets on those: _SUGGEST_HEADROOM × the largest |z| of
    any reference, at least _SUGGESTED_MIN_Z. Left out when no feature is held."""
    records = references.measured
    profile = profile_of(records, source="references")
    scored = compare(records, Params(reference=profile))  # type: ignore[call-arg]
    spread = {name: _percentile([abs(m["z"][name]) for m in scored if name in m["z"]]) for name, _, _ in profile.stats}
    held = {
        name
        for name, _, mad in profile.stats
        if name not in _NOT_LEARNED and mad <= _HELD * max(POPULATION_MAD[name], _BY_NAME[name].mad_floor)
    }
    features = [name for name, value in spread.items() if value <= _SUGGESTED_MAX_FEATURE_Z and name in held]
    if not features:
        return Suggestion(
            note="the references vary like ordinary photographs on every feature (MAD above "
            f"{_HELD:g} × that of the Kodak test photographs, or |z| above {_SUGGESTED_MAX_FEATURE_Z:g}): "
            "no profile to hold new images to; left out"
        )
    worst = max(max(abs(m["z"][name]) for name in features if name in m["z"]) for m in scored if m["z"])
    max_z = max(_SUGGESTED_MIN_Z, _SUGGEST_HEADROOM * worst)
    dropped = [name for name in spread if name not in features]
    evidence = {
        "features": f"features the references hold unusually constant (MAD ≤ {_HELD:g} × ordinary photographs', "
        f"95th percentile of |z| ≤ {_SUGGESTED_MAX_FEATURE_Z:g})"
        + (f"; left out: {', '.join(dropped)}" if dropped else ""),
        "max_z": f"largest |z| of any reference {worst:.1f}, × {_SUGGEST_HEADROOM:g}, at least {_SUGGESTED_MIN_Z:g}",
        "reference": f"median and MAD of each feature over {len(records)} references",
    }
    for name, _median, _mad in profile.stats:
        values = [float(r[name]) for r in records if r.get(name) is not None]
        evidence[f"reference.{name}"] = f"seen {min(values):.4g}–{max(values):.4g}"
    return Suggestion(
        params={
            "features": features,
            "max_z": float(np.ceil(max_z * 10) / 10),
            "reference": {
                name: {"median": round(median, 4), "mad": round(mad, 4)} for name, median, mad in profile.stats
            },
        },
        evidence=evidence,
    )


def _percentile(values: Sequence[float]) -> float:
    return float(np.percentile(values, _SUGGEST_PERCENTILE)) if values else 0.0


RULE = Rule(
    id="consistency",
    category=Category.SET,
    version=3,
    doc=__doc__,
    params=Params,
    measure=measure,
    judge=judge,
    compare=compare,
    suggest=suggest,
    measured_keys=("z", "worst", "values", "median", "against"),
    constraints=(_features_in_reference,),
    measured_with=(),
    reads_facts=fact_versions(
        "mean_lightness", "rms_contrast", "colourfulness", "white_point", "highlights", "shadows"
    ),
    uses_set=_uses_set,
    example="consistency: {max_z: 3, features: [lightness, temperature, mean_b]}",
)
