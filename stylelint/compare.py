"""`stylelint compare BEFORE AFTER`: how a visual language moved between two sets of images.

Both folders are measured by the engine's per-image phase (`engine.per_image`), with the same
facts, executor and measurement cache as `check`, under a spec that enables the rules whose
measurements describe a style: `consistency`'s features and the dominant colours (from the
spec's own `palette` rule when it configures one, so a checked folder is not re-measured; else
from `facts.dominant_colours`). The user's spec gives only `analysis`, `ignore` and the palette's
colour names; no threshold plays a part.

Each feature's two distributions are compared by `stylelint.drift` (Mann–Whitney U, Holm,
Cliff's δ, effect-size floors); the dominant colours of each set are pooled and matched in
ΔE00 (`kept`, `dropped`, `added`); and the images closest to their own set's centre
(`typical`) and farthest from the other set's (`changed`) are named, for the HTML page.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import MISSING, dataclass, fields, replace
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from stylelint import __version__, drift
from stylelint.discovery import discover
from stylelint.drift_features import FeatureDef, style_features
from stylelint.engine import Options, Outcome, cache_notice, per_image
from stylelint.errors import UsageError
from stylelint.facts import ImageFacts
from stylelint.names import shown
from stylelint.report import FileResult, Severity
from stylelint.rule import Category, Rule, Verdict, param, params
from stylelint.sources import is_url
from stylelint.spec import RuleConfig, Spec

log = logging.getLogger(__name__)

# Images shown per set as the most typical and as the most changed.
SHOWN_IMAGES = 3
# Dominant colours per image: the palette rule's default `dominant_colors`.
DOMINANT_PER_IMAGE = 5


# ---- measuring: the engine's per-image phase under a measuring spec ------------------------------


@params
class DominantParams:
    colors: int = param(DOMINANT_PER_IMAGE, unit="colours", min=1, max=16, doc="Dominant colours per image.")


def _measure_dominant(facts: ImageFacts, p: DominantParams) -> dict[str, Any]:
    return {"dominant": [{"hex": d.hex, "share": round(d.share, 6)} for d in facts.dominant_colours(p.colors)]}


def _no_verdict(measured: Mapping[str, Any], p: DominantParams) -> Verdict:
    return Verdict(True, {}, "measured for stylelint compare")


DOMINANT = Rule(
    id="compare-dominant-colors",
    category=Category.COLOUR,
    version=1,
    doc="Each image's dominant colours, for `stylelint compare` (not a spec rule; cached like one).",
    params=DominantParams,
    measure=_measure_dominant,
    judge=_no_verdict,
    measured_keys=("dominant",),
)


def measuring_spec(spec: Spec, features: Sequence[FeatureDef]) -> Spec:
    """`spec` with its rules replaced by those that measure the features and dominant colours
    (its analysis, ignore globs, palette and cache folder kept; overrides dropped)."""
    from stylelint.registry import available_rules

    rules = available_rules()
    configs = {rule_id: _config(rules[rule_id], spec) for rule_id in sorted({f.rule for f in features})}
    palette = spec.rules.get("palette")
    colours = palette if palette is not None else RuleConfig(DOMINANT, Severity.INFO, DominantParams())
    configs[colours.rule.id] = colours
    return replace(spec, rules=configs, overrides=())


def _config(rule: Rule, spec: Spec) -> RuleConfig:
    """The spec's own configuration of a feature rule, else its defaults; a required parameter
    is left None, which only a rule whose `measure` reads no parameter accepts (see
    `drift_features.style_features`): its cache key is the same either way."""
    if rule.id in spec.rules:
        return spec.rules[rule.id]
    required = {f.name: None for f in fields(rule.params) if f.default is MISSING and f.default_factory is MISSING}
    return RuleConfig(rule, Severity.INFO, rule.params(**required))


@dataclass(frozen=True)
class MeasuredSet:
    """One side of a comparison: what was given, the readable images and their measurements.

    `values` is (images, features) with NaN where a feature could not be measured; `dominant`
    holds each image's dominant colours as [{hex, share}].
    """

    path: str
    images: tuple[str, ...]
    names: tuple[str, ...]
    columns: tuple[str, ...]
    values: npt.NDArray[np.float64]
    dominant: tuple[tuple[dict[str, Any], ...], ...]
    unreadable: tuple[tuple[str, str], ...] = ()
    notices: tuple[str, ...] = ()
    """Warnings of the measuring run (a cache that could not be written), as `check` shows them."""

    def column(self, feature: str) -> npt.NDArray[np.float64]:
        """Every image's value of one feature (NaN where not measured)."""
        return self.values[:, self.columns.index(feature)]

    def subset(self, indices: Sequence[int]) -> MeasuredSet:
        """The same set restricted to the images at `indices` (random halves, tests)."""
        return replace(
            self,
            images=tuple(self.images[i] for i in indices),
            names=tuple(self.names[i] for i in indices),
            values=self.values[list(indices)],
            dominant=tuple(self.dominant[i] for i in indices),
            unreadable=(),
        )


def measure_set(
    path: str,
    spec: Spec,
    features: Sequence[FeatureDef],
    options: Options,
    *,
    on_file: Callable[[FileResult, int], None] | None = None,
) -> MeasuredSet:
    """Measure every image under `path`; raises UsageError for a missing folder or no image."""
    if not is_url(path) and not Path(path).exists():
        raise UsageError(f"no such folder: {path}")
    targets = discover([path], spec)
    if not targets:
        raise UsageError(f"no image found in {path}")
    measuring = measuring_spec(spec, features)
    outcomes = per_image(targets, measuring, options, on_file=on_file)
    readable = [o for o in outcomes if o.file.error is None]
    if not readable:
        raise UsageError(f"no readable image in {path} ({len(outcomes)} unreadable)")
    return MeasuredSet(
        path=shown(path),
        images=tuple(o.file.path for o in readable),
        names=tuple(_below(path, o.file.path) for o in readable),
        columns=tuple(f.name for f in features),
        values=np.array([[_value(o, f) for f in features] for o in readable], dtype=np.float64).reshape(
            len(readable), len(features)
        ),
        dominant=tuple(tuple(_measured(o, "palette", DOMINANT.id).get("dominant", ())) for o in readable),
        unreadable=tuple((o.file.path, str(o.file.error)) for o in outcomes if o.file.error is not None),
        notices=cache_notice(measuring, outcomes),
    )


def _below(given: str, display: str) -> str:
    """A file's path below the folder (or URL) given: the name that pairs images across sets."""
    prefix = given.rstrip("/") + "/"
    return display[len(prefix) :] if display.startswith(prefix) else display.rsplit("/", 1)[-1]


def _measured(outcome: Outcome, *rule_ids: str) -> Mapping[str, Any]:
    """The measurement of the first of `rule_ids` found: a set rule's record, or a per-image
    rule's `measured`; {} when the rule crashed."""
    for rule_id in rule_ids:
        if rule_id in outcome.records:
            return outcome.records[rule_id]
        for result in outcome.file.results:
            if result.rule == rule_id and result.crashed is None:
                return result.measured
    return {}


def _value(outcome: Outcome, feature: FeatureDef) -> float:
    value = _measured(outcome, feature.rule).get(feature.name)
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else float("nan")


# ---- the comparison --------------------------------------------------------------------------------


@dataclass(frozen=True)
class FeatureDrift:
    """One feature compared: both spreads, the median shift, Cliff's δ, p-values, the verdict."""

    feature: FeatureDef
    before: drift.Spread
    after: drift.Spread
    shift: float
    effect_size: float
    p_raw: float
    p_value: float
    significant: bool

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (CONTRACT.md §7)."""
        decimals = _decimals(self.feature)
        return {
            "feature": self.feature.name,
            "unit": self.feature.unit,
            "before": self.before.to_dict(decimals),
            "after": self.after.to_dict(decimals),
            "shift": round(self.shift, decimals),
            "effect_size": round(self.effect_size, 4),
            "p_value": drift.rounded_p(self.p_value),
            "p_raw": drift.rounded_p(self.p_raw),
            "significant": self.significant,
            "jnd": self.feature.jnd,
        }


def _decimals(feature: FeatureDef) -> int:
    """Decimals kept in JSON: whole kelvin, 4 for shares and σ(L*)/100, else 2."""
    return 0 if feature.unit == "K" else 4 if feature.jnd < 0.1 else 2


def pairing(before: MeasuredSet, after: MeasuredSet) -> list[int] | None:
    """For each BEFORE image, the row of the AFTER image of the same name, when both sets hold
    exactly the same names (a paired comparison); else None (two independent sets)."""
    if len(set(before.names)) != len(before.names) or sorted(before.names) != sorted(after.names):
        return None
    row = {name: i for i, name in enumerate(after.names)}
    return [row[name] for name in before.names]


def compare_features(before: MeasuredSet, after: MeasuredSet, features: Sequence[FeatureDef]) -> list[FeatureDrift]:
    """Every feature measured in both sets, tested (paired when the names match, see `pairing`),
    with Holm's adjustment across the features."""
    pairs = pairing(before, after)
    tested = []
    for column, feature in enumerate(features):
        b, a = before.values[:, column], after.values[:, column]
        if pairs is not None:
            a = a[pairs]
            both = np.isfinite(b) & np.isfinite(a)
            test = drift.paired_test(b[both], a[both]) if both.any() else None
        else:
            test = drift.rank_test(_finite(b), _finite(a)) if np.isfinite(b).any() and np.isfinite(a).any() else None
        if test is not None:
            tested.append((feature, _finite(b), _finite(a), test))
    adjusted = drift.holm([test.p_raw for *_, test in tested])
    out = []
    for (feature, b, a, test), p_value in zip(tested, adjusted):
        spread_b, spread_a = drift.spread(b), drift.spread(a)
        shift = spread_a.median - spread_b.median
        significant = drift.is_drift(p_value, test.effect_size, shift, feature.jnd)
        out.append(FeatureDrift(feature, spread_b, spread_a, shift, test.effect_size, test.p_raw, p_value, significant))
    return out


def _finite(column: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    return column[np.isfinite(column)]


@dataclass(frozen=True)
class Comparison:
    """The whole comparison; `to_dict()` is the `--format json` document. The measured sets are
    kept (not serialised) for the HTML page's distributions and thumbnails."""

    before: MeasuredSet
    after: MeasuredSet
    features: tuple[FeatureDrift, ...]
    palette: Mapping[str, list[dict[str, Any]]]
    shown: Mapping[str, Mapping[str, tuple[str, ...]]]
    summary: tuple[str, ...]
    spec: str = ""
    paired: bool = False

    @property
    def drifted(self) -> bool:
        """True when any feature shift is significant (what --fail-on-drift fails on)."""
        return any(f.significant for f in self.features)

    def to_dict(self) -> dict[str, Any]:
        """The JSON report (CONTRACT.md §7)."""
        return {
            "stylelint": __version__,
            "spec": self.spec,
            "method": {
                "design": "paired" if self.paired else "independent",
                "test": "Wilcoxon signed-rank, two-sided" if self.paired else "Mann-Whitney U, two-sided",
                "correction": "Holm",
                "alpha": drift.ALPHA,
                "effect_size": "matched-pairs rank-biserial r" if self.paired else "Cliff's delta",
                "min_effect_size": drift.MIN_EFFECT,
            },
            "before": self._side(self.before, "before"),
            "after": self._side(self.after, "after"),
            "features": [f.to_dict() for f in self.features],
            "palette": dict(self.palette),
            "summary": list(self.summary),
        }

    def _side(self, measured: MeasuredSet, side: str) -> dict[str, Any]:
        return {
            "path": measured.path,
            "files": len(measured.images),
            "unreadable": [{"path": p, "error": e} for p, e in measured.unreadable],
            "typical": list(self.shown[side]["typical"]),
            "changed": list(self.shown[side]["changed"]),
        }


def shown_images(
    before: MeasuredSet, after: MeasuredSet, features: Sequence[FeatureDrift], defs: Sequence[FeatureDef]
) -> dict[str, dict[str, tuple[str, ...]]]:
    """Per set, the SHOWN_IMAGES images nearest their own set's centre (`typical`) and farthest
    from the other set's centre (`changed`), by RMS robust z over the drifted features (all
    features when none drifted); ties broken by path."""
    drifted = {f.feature.name for f in features if f.significant}
    columns = [i for i, d in enumerate(defs) if d.name in drifted] or list(range(len(defs)))
    floors = np.array([defs[i].jnd for i in columns])
    out = {}
    for side, own, other in (("before", before, after), ("after", after, before)):
        values = own.values[:, columns]
        typical = drift.robust_distance(values, *drift.robust_centre(values, floors))
        changed = drift.robust_distance(values, *drift.robust_centre(other.values[:, columns], floors))
        out[side] = {"typical": _pick(own.images, typical, lowest=True), "changed": _pick(own.images, changed)}
    return out


def _pick(images: Sequence[str], scores: npt.NDArray[np.float64], *, lowest: bool = False) -> tuple[str, ...]:
    keyed = [(s if lowest else -s, p) for s, p in zip(np.nan_to_num(scores, nan=np.inf if lowest else -np.inf), images)]
    return tuple(p for _, p in sorted(keyed)[:SHOWN_IMAGES])


def compare_sets(
    before: MeasuredSet,
    after: MeasuredSet,
    *,
    features: Sequence[FeatureDef],
    spec: Spec,
) -> Comparison:
    """Compare two measured sets: features, palette, shown images and the summary sentences."""
    from stylelint.compare_palette import compare_palettes, match_radius
    from stylelint.compare_summary import sentences

    drifts = tuple(compare_features(before, after, features))
    palette = compare_palettes(before.dominant, after.dominant, spec.palette, match_radius(spec))
    shown = shown_images(before, after, drifts, features)
    paired = pairing(before, after) is not None
    partial = Comparison(before, after, drifts, palette, shown, (), spec=_spec_name(spec), paired=paired)
    return replace(partial, summary=tuple(sentences(partial)))


def _spec_name(spec: Spec) -> str:
    import os

    return spec.name if spec.path is None else os.path.relpath(spec.path)


def compare_spec(spec_path: str | None) -> tuple[Spec, bool]:
    """The spec (found as for `check`) and whether to use the cache beside it. Without a spec
    (none given, none found) compare still runs, with the default analysis settings, no ignore
    globs and no cache (there is no folder to keep it in)."""
    from stylelint.analysis import Analysis
    from stylelint.api import resolve_spec
    from stylelint.spec import find_spec

    if spec_path is not None or find_spec(Path.cwd()) is not None:
        return resolve_spec(spec_path), True
    return Spec(path=None, name="", root=Path.cwd(), palette={}, analysis=Analysis(), rules={}), False


def compare(
    before: str,
    after: str,
    spec: Spec,
    *,
    options: Options = Options(),
    on_file: Callable[[FileResult, int], None] | None = None,
) -> Comparison:
    """Measure both folders (or URLs) and compare them (the API behind `stylelint compare`).

    Raises UsageError for a missing folder, or one without a readable image.
    """
    features = style_features()
    measured = [measure_set(path, spec, features, options, on_file=on_file) for path in (before, after)]
    return compare_sets(*measured, features=features, spec=spec)
