"""The features `stylelint compare` tests: which rule measures each, its unit, its
just-noticeable difference (the smallest shift called drift) and the words for its change.

- `consistency`'s eight style features (`lightness`, `contrast`, `colorfulness`, `temperature`,
  `mean_a`, `mean_b`, `highlights`, `shadows`), with that rule's MAD floors as JNDs;
- the `look` rule's look features (`stylelint.look`: tone-curve points, crushed and clipped
  shares, chroma by tonal range, tints of the shadows, mid-tones and highlights, split toning,
  cast direction, channel end points), when the rule is installed and its `measure` reads no parameter (so the
  measurement, and its cache entry, is the one `check` makes under any spec).
"""

from __future__ import annotations

from typing import NamedTuple

# One just-noticeable difference per look unit, the floor of a drift: ΔL*, Δa*, Δb*, ΔC*ab ≈ 1
# (ΔE76 ≈ 1, as consistency's floors), one percent of pixels (consistency's share floor), and
# 0.05 of the cast ratio (a twentieth of the way from neutral to one hue), and two 8-bit sRGB codes
# for the channel end points (about one ΔL* in the mid-tones).
LOOK_JND = {"L*": 1.0, "a*": 1.0, "b*": 1.0, "C*ab": 1.0, "share": 0.01, "ratio": 0.05, "code": 2.0}
_SHOWN = {
    "K": "{:,.0f} K",
    "share": "{:.1%}",
    "a*": "{:+.1f}",
    "b*": "{:+.1f}",
    "σ(L*)/100": "{:.3f}",
    "ratio": "{:+.2f}",
}
# Words for a lower / a higher AFTER value of the look features that are not a band's tint.
_LOOK_WORDS = {
    "black_point": ("blacks deeper", "blacks lifted"),
    "shadow_level": ("shadows deeper", "shadows lifted"),
    "midpoint": ("mid-tones darker", "mid-tones brighter"),
    "highlight_level": ("highlights darker", "highlights brighter"),
    "white_point": ("whites dimmed", "whites brighter"),
    "midtone_contrast": ("flatter mid-tones", "more mid-tone contrast"),
    "crushed": ("fewer crushed blacks", "more crushed blacks"),
    "clipped": ("fewer clipped whites", "more clipped whites"),
    "chroma_median": ("less saturated", "more saturated"),
    "chroma_high": ("strongest colours less saturated", "strongest colours more saturated"),
    "split_b": (
        "less split toning (highlights cooler against shadows)",
        "more split toning (warmer highlights over cooler shadows)",
    ),
    "channel_black": ("strong colours nearer 0 in a channel", "every channel lifted off 0"),
    "channel_white": ("every channel held further below 255", "strong colours nearer 255 in a channel"),
    "black_tint_r": ("blacks less red", "blacks redder"),
    "black_tint_b": ("blacks less blue", "blacks bluer"),
    "channel_floor": ("a channel's blacks deeper", "every channel's blacks lifted"),
    "white_spread": ("channels' whites more even", "channels' whites further apart (a cast in the whites)"),
    "cast_a": ("cast towards green", "cast towards magenta"),
    "cast_b": ("cast towards blue", "cast towards yellow"),
}
_BANDS = {"shadow": "shadows", "midtone": "mid-tones", "highlight": "highlights"}


class FeatureDef(NamedTuple):
    """A compared feature: which rule measures it, under which key, its unit, its just-noticeable
    difference (the floor of a drift, in the unit), the words for a lower and a higher AFTER,
    how its values are shown, and whether a relative change (%) reads better than a difference."""

    rule: str
    name: str
    unit: str
    jnd: float
    lower: str
    higher: str
    fmt: str
    relative: bool = False


def consistency_features() -> tuple[FeatureDef, ...]:
    """`consistency`'s eight style features, with its MAD floors as JNDs (one just-noticeable
    difference each: 1 L*, 0.01 RMS contrast, 2 M, 100 K, 1 a*/b*, 1 % of pixels)."""
    from stylelint.rules.consistency import FEATURES

    return tuple(
        FeatureDef(
            "consistency", f.name, f.unit, f.mad_floor, f.lower, f.higher, _SHOWN.get(f.unit, "{:.1f}"), f.unit == "M"
        )
        for f in FEATURES
    )


def _look_words(name: str, unit: str) -> tuple[str, str]:
    """ "shadows bluer" / "shadows yellower", "neutral highlights greener", "less saturated shadows"."""
    if name in _LOOK_WORDS:
        return _LOOK_WORDS[name]
    band, _, rest = name.partition("_")
    subject = ("neutral " if rest.startswith("neutral") else "") + _BANDS[band]
    if unit == "C*ab":
        return f"less saturated {subject}", f"more saturated {subject}"
    return (
        (f"{subject} greener", f"{subject} more magenta")
        if unit == "a*"
        else (f"{subject} bluer", f"{subject} yellower")
    )


def look_features() -> tuple[FeatureDef, ...]:
    """The `look` rule's features, or none when it is not installed or its measure reads a
    parameter (then no spec-independent measurement exists)."""
    from stylelint.registry import available_rules

    rules = available_rules()
    if "look" not in rules or rules["look"].measured_with != ():
        return ()
    from stylelint.look import FEATURES

    return tuple(
        FeatureDef("look", f.name, f.unit, LOOK_JND[f.unit], *_look_words(f.name, f.unit), _SHOWN.get(f.unit, "{:.1f}"))
        for f in FEATURES
    )


def style_features() -> tuple[FeatureDef, ...]:
    """Every feature compare tests: consistency's, then the look rule's."""
    return consistency_features() + look_features()
