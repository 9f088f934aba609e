"""The `summary` of `stylelint compare`: a few sentences a creative director can read.

"AFTER: warmer (median temperature 5,310 K → 4,670 K, −640 K) and blacks lifted (median
black_point 2.0 → 9.0, +7.0 L*). The palette lost brand-red (#C8102E) and gained dark-blue (#2A406D)."
Only drifted features are named as changes (see `stylelint.drift`); when none drifted, the
feature nearest to drift (smallest p) is given with its p-value, so a reader sees how far from
drift it was.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from stylelint import drift
from stylelint.compare import Comparison, FeatureDrift
from stylelint.drift_features import FeatureDef
from stylelint.wording import count

# Kept colours that moved at least this far (ΔE00) are mentioned: about where a difference
# between two swatches side by side is clear at a glance (ΔE00 ≈ 1 is just noticeable).
_NOTABLE_MOVE = 5.0
# Drifted features named in the first sentence (largest effect first); the table has the rest.
_NAMED = 5


def sentences(comparison: Comparison) -> list[str]:
    """The summary, sentence by sentence."""
    out = [_features_sentence(comparison.features)]
    if comparison.paired:
        out.append(
            f"Both sets hold the same {len(comparison.before.images)} file names, so each image was compared "
            "with its namesake (paired)."
        )
    out += _near_misses(comparison.features)
    out += _too_small(comparison)
    out.append(_palette_sentence(comparison.palette))
    for side, measured in (("BEFORE", comparison.before), ("AFTER", comparison.after)):
        if measured.unreadable:
            unreadable = len(measured.unreadable)
            out.append(f"{count(unreadable, 'file')} of {side} could not be read and {_were(unreadable)} left out.")
    return out


def _were(number: int) -> str:
    return "was" if number == 1 else "were"


def value_text(feature: FeatureDef, value: float) -> str:
    """A value as people read it: "5,310 K", "12.5%", "+3.1", "0.210"."""
    return feature.fmt.format(value)


def shift_text(feature: FeatureDef, shift: float, before: float) -> str:
    """The shift as people read it: "−640 K", "+12 %" (relative features), "+2.1 points"."""
    if feature.relative and before > 0:
        return f"{shift / before:+.0%}".replace("%", " %")
    if feature.unit == "share":
        return f"{shift * 100:+.1f} points"
    if feature.unit == "K":
        return f"{shift:+,.0f} K"
    decimals = re.search(r"\.(\d)f", feature.fmt)
    return f"{shift:+.{decimals.group(1) if decimals else 2}f} {feature.unit}"


def change_phrase(d: FeatureDrift) -> str:
    """ "warmer (temperature 5,310 K → 4,670 K, −640 K)"."""
    word = d.feature.higher if d.shift > 0 else d.feature.lower
    f = d.feature
    return (
        f"{word} (median {f.name} {value_text(f, d.before.median)} → {value_text(f, d.after.median)}, "
        f"{shift_text(f, d.shift, d.before.median)})"
    )


def _headline_order(d: FeatureDrift) -> tuple[bool, float, float]:
    """consistency's whole-image features first (warmer, brighter, more colourful: the headline),
    then the look's finer ones; within each, the largest effect, then the largest shift in JNDs."""
    return (d.feature.rule != "consistency", -abs(d.effect_size), -abs(d.shift) / d.feature.jnd)


def _features_sentence(features: Sequence[FeatureDrift]) -> str:
    drifted = sorted((d for d in features if d.significant), key=_headline_order)
    if drifted:
        phrases = [change_phrase(d) for d in drifted[:_NAMED]]
        if len(drifted) > _NAMED:
            phrases.append(f"{count(len(drifted) - _NAMED, 'more feature')} (see the table)")
        listed = phrases[0] if len(phrases) == 1 else "; ".join(phrases[:-1]) + " and " + phrases[-1]
        return f"AFTER: {listed}."
    if not features:
        return "No feature could be measured in both sets."
    largest = min(features, key=lambda d: (d.p_raw, -abs(d.shift) / d.feature.jnd))
    return (
        "No feature moved more than the sets' own spread explains; the nearest to drift, "
        f"{largest.feature.name} {value_text(largest.feature, largest.before.median)} → "
        f"{value_text(largest.feature, largest.after.median)} (median; δ = {largest.effect_size:+.2f}), "
        f"has p = {largest.p_value:.2g} after "
        f"Holm's correction (drift needs p < {drift.ALPHA:g}, |δ| ≥ {drift.MIN_EFFECT:g} and a shift of "
        "at least one just-noticeable difference)."
    )


def _near_misses(features: Sequence[FeatureDrift]) -> list[str]:
    """Features that differ statistically but below the effect-size floors: named, not drift."""
    small = [d for d in features if d.p_value < drift.ALPHA and not d.significant]
    if not small:
        return []
    listed = ", ".join(f"{d.feature.name} ({shift_text(d.feature, d.shift, d.before.median)})" for d in small[:_NAMED])
    if len(small) > _NAMED:
        listed += f" and {len(small) - _NAMED} more"
    return [f"Statistically different but too small to call drift: {listed}."]


def _too_small(comparison: Comparison) -> list[str]:
    n_before, n_after, tests = len(comparison.before.images), len(comparison.after.images), len(comparison.features)
    if tests and drift.smallest_p(n_before, n_after, paired=comparison.paired) * tests >= drift.ALPHA:
        return [
            f"With {n_before} and {n_after} images no shift can reach significance across {tests} features; "
            "compare larger sets."
        ]
    return []


def colour_words(row: Mapping[str, Any], *, key: str = "hex") -> str:
    """ "brand-red (#C8102E)", or a plain description when no palette name: "dark-blue (#2A406D)"."""
    from stylelint.colour import swatch_name
    from stylelint.params import Colour

    name = row.get("name") if key == "hex" else None
    return f"{name or swatch_name(Colour.from_hex(row[key]).lab)} ({row[key]})"


def _palette_sentence(palette: Mapping[str, list[dict[str, Any]]]) -> str:
    lost = " and ".join(colour_words(row) for row in palette["dropped"])
    gained = " and ".join(colour_words(row) for row in palette["added"])
    if lost and gained:
        return f"The palette lost {lost} and gained {gained}."
    if lost or gained:
        return f"The palette lost {lost}." if lost else f"The palette gained {gained}."
    kept = palette["kept"]
    moved = max(kept, key=lambda row: row["delta_e"], default=None)
    text = f"The palette kept its {count(len(kept), 'main colour')}"
    if moved is not None and moved["delta_e"] >= _NOTABLE_MOVE:
        text += f"; the largest move is {moved['delta_e']:.1f} ΔE00, {moved['hex']} → {moved['after_hex']}"
    return text + "."
