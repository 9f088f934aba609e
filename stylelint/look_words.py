"""The words of a `look` verdict: which way a feature lies from the look's median, and by how much,
as a photographer would say it ("shadows 9.0 b* bluer than the look", "blacks deeper (P1 L* 0.4;
the look's 11.0)")."""

from __future__ import annotations

from collections.abc import Iterable

from stylelint.look import BY_NAME

# Words for either side of each feature's median: (lower, higher, label for "value, the look's").
_WORDS: dict[str, tuple[str, str, str]] = {
    "black_point": ("blacks deeper", "blacks lifted", "P1 L*"),
    "shadow_level": ("shadows darker", "shadows lighter", "P5 L*"),
    "midpoint": ("mid-tones darker", "mid-tones brighter", "median L*"),
    "highlight_level": ("highlights darker", "highlights brighter", "P95 L*"),
    "white_point": ("whites dimmer", "whites brighter", "P99 L*"),
    "midtone_contrast": ("flatter mid-tones", "more mid-tone contrast", "P75 − P25 of L*"),
    "crushed": ("fewer crushed blacks", "more crushed blacks", "share at L* ≤ 3"),
    "clipped": ("fewer blown whites", "more blown whites", "share at L* ≥ 97"),
    "chroma_median": ("colour more muted", "colour more saturated", "median C*"),
    "chroma_high": ("strongest colours more muted", "strongest colours more saturated", "P90 C*"),
    "shadow_chroma": ("shadows more neutral", "shadows more coloured", "shadow C*"),
    "midtone_chroma": ("mid-tones more muted", "mid-tones more saturated", "mid-tone C*"),
    "highlight_chroma": ("highlights more neutral", "highlights more coloured", "highlight C*"),
    "split_b": ("less warm-over-cool split", "more warm-over-cool split", "highlight − shadow b*"),
    "channel_black": ("strong colours nearer 0 in a channel", "every channel lifted off 0", "P1 of min(R, G, B)"),
    "channel_white": ("every channel held below 255", "strong colours nearer 255 in a channel", "P99 of max(R, G, B)"),
    "black_tint_r": ("blacks less red", "blacks redder", "P1 of R − P1 of G"),
    "black_tint_b": ("blacks less blue", "blacks bluer", "P1 of B − P1 of G"),
    "channel_floor": ("blacks deeper in a channel", "every channel's black lifted", "lowest channel's P1"),
    "white_spread": ("channels' whites more even", "channels' whites further apart", "spread of the channels' P99"),
    "cast_a": ("cast greener", "cast more magenta", "mean a* / mean C*"),
    "cast_b": ("cast cooler", "cast warmer", "mean b* / mean C*"),
}
# Features whose words say the same of an image: the lowest 8-bit code of the pixels and the lowest
# of the channels' black levels ("every channel lifted off 0", "every channel's black lifted"). A
# verdict names the first of the two and gives its place to the next feature.
_TWINS = {"channel_black": "channel_floor", "channel_floor": "channel_black"}
_TINT = {"a": ("greener", "more magenta"), "b": ("bluer", "yellower")}
_RANGE_WORD = {"shadow": "shadows", "midtone": "mid-tones", "highlight": "highlights"}


def describe(name: str, value: float, median: float) -> str:
    """ "shadows 9.0 b* bluer than the look" or "blacks deeper (P1 L* 0.4; the look's 11.0)"."""
    lower = value < median
    parts = name.split("_")
    if parts[-1] in _TINT and parts[0] in _RANGE_WORD and name != "split_b":
        where = _RANGE_WORD[parts[0]] + (" (neutrals)" if "neutral" in parts else "")
        unit = BY_NAME[name].unit
        return f"{where} {abs(value - median):.1f} {unit} {_TINT[parts[-1]][0 if lower else 1]} than the look"
    low_word, high_word, label = _WORDS[name]
    shown = (lambda v: f"{v:.1%}") if BY_NAME[name].unit == "share" else (lambda v: f"{v:.1f}")
    return f"{low_word if lower else high_word} ({label} {shown(value)}; the look's {shown(median)})"


def named(ranked: Iterable[str], count: int) -> list[str]:
    """The first `count` features of `ranked` (largest contribution first), less a feature whose
    twin in words is already named."""
    out: list[str] = []
    for name in ranked:
        if len(out) == count:
            break
        if _TWINS.get(name) not in out:
            out.append(name)
    return out
