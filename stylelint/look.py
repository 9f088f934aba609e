"""Look features: numbers that describe a photograph's grade rather than its scene.

A grade (a "look") is a transformation applied to many different scenes: a tone curve that
lifts the blacks or rolls off the whites, a tint pushed into the shadows or highlights, chroma
pulled down or up. Whole-image averages (mean L*, mean b*, colourfulness) move more from one
scene to the next than a grade moves them, so they say little about the look. The features here
are chosen because a grade pins them down while scene content does not: the end points and the
shape of the tone curve, the tint of the darkest, middle and brightest pixels (split toning),
the chroma distribution and how it varies with tone, the shares of crushed and clipped
pixels, how far strong colours are driven to the sRGB gamut's edges (a channel at 0 or 255), and
the black and white levels of each sRGB channel (a per-channel tone curve tints the blacks and
holds one channel's whites below the others').

`look_features(lab)` is a pure function from an image's CIELAB pixels (D65, 2°; the working
copy, `ImageFacts.lab`) to a dict {feature: value}; `FEATURES` documents each one with its unit
and why it carries a grade. The `look` rule learns a profile over these features and the
`compare` command reports their shift between two sets.

Tonal ranges are defined by the image's own L* ranks, so every image has pixels in each: the
shadows are its darkest `SHADOW_SHARE` of pixels, the highlights its brightest `HIGHLIGHT_SHARE`
and the mid-tones the pixels between the 40th and 60th percentiles of L*.
"""

from __future__ import annotations

import math
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt

from stylelint.colour import highest_channel, lab_to_rgb, lowest_channel

FloatArray = npt.NDArray[np.float64]

# Tonal ranges by rank: the darkest and brightest 15 % of pixels (about the two outer zones of
# Adams' zone system, zones 0–II and VIII–X of an evenly spread histogram), and the middle fifth.
SHADOW_SHARE = 0.15
HIGHLIGHT_SHARE = 0.15
MIDTONE_RANKS = (0.40, 0.60)
# The most neutral third of a tonal range: greys, whites and blacks of the scene, whose tint is
# the grade's (grey-world on near-neutral pixels), where saturated scene colours would swamp a mean.
NEUTRAL_SHARE = 1 / 3
# Crushed / clipped by lightness: L* ≤ 3 is within ~1 % of the sRGB black level (sRGB code 8 is
# L* ≈ 2.2), L* ≥ 97 is at the sRGB white level less one just-noticeable step of about 2–3 L*.
CRUSHED_L = 3.0
CLIPPED_L = 97.0
# Below this mean chroma (C*ab) an image has no hue worth naming: its cast direction reads 0.
_NEUTRAL_CHROMA = 1.0
# Features are measured on at most this many pixels, taken with a regular stride (deterministic):
# the L* percentiles of 2^17 pixels are within 0.1–0.2 L* (P90 over 54 photographs) of those of
# the whole 1024-px working copy, as 2^18's were (0.07–0.15), at half the cost (issue 12).
MAX_PIXELS = 1 << 17


class Feature(NamedTuple):
    """A look feature: name, unit, what it is, and why it carries a grade."""

    name: str
    unit: str
    what: str
    why: str


FEATURES: tuple[Feature, ...] = (
    Feature("black_point", "L*", "1st percentile of L*", "matte looks lift the blacks, contrasty looks crush them"),
    Feature("shadow_level", "L*", "5th percentile of L*", "the toe of the tone curve"),
    Feature("midpoint", "L*", "median L*", "high-key looks push the mid-tones up, low-key looks down"),
    Feature("highlight_level", "L*", "95th percentile of L*", "the shoulder of the tone curve"),
    Feature("white_point", "L*", "99th percentile of L*", "faded looks hold the whites below paper white"),
    Feature("midtone_contrast", "L*", "P75 − P25 of L*", "the slope of the tone curve through the mid-tones"),
    Feature("crushed", "share", f"share of pixels with L* ≤ {CRUSHED_L:g}", "blocked-up blacks"),
    Feature("clipped", "share", f"share of pixels with L* ≥ {CLIPPED_L:g}", "blown whites (high-key)"),
    Feature("chroma_median", "C*ab", "median chroma", "muted and vivid looks move the whole chroma distribution"),
    Feature(
        "chroma_high", "C*ab", "90th percentile of chroma", "how far saturation is pushed in the strongest colours"
    ),
    Feature("shadow_chroma", "C*ab", "mean chroma of the shadows", "coloured or neutral blacks"),
    Feature("midtone_chroma", "C*ab", "mean chroma of the mid-tones", "saturation where skin and subjects sit"),
    Feature("highlight_chroma", "C*ab", "mean chroma of the highlights", "tinted or clean whites"),
    Feature("shadow_a", "a*", "mean a* of the shadows", "split toning: green (−) or magenta (+) blacks"),
    Feature("shadow_b", "b*", "mean b* of the shadows", "split toning: blue (−) or yellow (+) blacks, teal shadows"),
    Feature("midtone_a", "a*", "mean a* of the mid-tones", "the overall tint: green (−) or magenta (+)"),
    Feature("midtone_b", "b*", "mean b* of the mid-tones", "the overall tint: cool (−) or warm (+)"),
    Feature("highlight_a", "a*", "mean a* of the highlights", "split toning of the highlights"),
    Feature("highlight_b", "b*", "mean b* of the highlights", "warm (+) or cool (−) highlights"),
    Feature("shadow_neutral_a", "a*", "mean a* of the most neutral third of the shadows", "tint of the blacks"),
    Feature("shadow_neutral_b", "b*", "mean b* of the most neutral third of the shadows", "warm or cool blacks"),
    Feature("midtone_neutral_a", "a*", "mean a* of the most neutral third of the mid-tones", "tint of the greys"),
    Feature("midtone_neutral_b", "b*", "mean b* of the most neutral third of the mid-tones", "warm or cool greys"),
    Feature("highlight_neutral_a", "a*", "mean a* of the most neutral third of the highlights", "tint of the whites"),
    Feature("highlight_neutral_b", "b*", "mean b* of the most neutral third of the highlights", "warm or cool whites"),
    Feature(
        "split_b",
        "b*",
        "highlight b* − shadow b*",
        "split toning: warm highlights over cool shadows (teal and orange) read high",
    ),
    Feature(
        "channel_black",
        "code",
        "1st percentile of the smallest sRGB channel (8-bit code, 0–255)",
        "saturation and contrast push a channel of strong colours to 0 (vivid, punchy grades); matte and faded looks "
        "lift every channel off 0",
    ),
    Feature(
        "channel_white",
        "code",
        "99th percentile of the largest sRGB channel (8-bit code, 0–255)",
        "saturated, bright grades drive a channel of strong colours to 255; faded and matte looks hold every channel "
        "below it",
    ),
    Feature(
        "black_tint_r",
        "code",
        "1st percentile of R − 1st percentile of G (8-bit codes)",
        "the red channel's black level against the green's: per-channel curves and split toning tint the "
        "blacks (cross-processed, teal shadows), where a scene's darkest pixels are mostly neutral",
    ),
    Feature(
        "black_tint_b",
        "code",
        "1st percentile of B − 1st percentile of G (8-bit codes)",
        "the blue channel's black level against the green's: blue-lifted or yellow-crushed blacks",
    ),
    Feature(
        "channel_floor",
        "code",
        "the lowest of the three channels' 1st percentiles (8-bit code)",
        "the black level of the tone curve per channel: matte and faded looks lift all three, a tinted black lifts two",
    ),
    Feature(
        "white_spread",
        "code",
        "highest − lowest of the three channels' 99th percentiles (8-bit codes)",
        "how unequal the channels' white levels are: a white balance or a channel held down (cool, warm, "
        "cross-processed) leaves one channel short of the others in every scene",
    ),
    Feature("cast_a", "ratio", "mean a* / mean chroma", "direction of the overall cast, −1 (green) to +1 (magenta)"),
    Feature("cast_b", "ratio", "mean b* / mean chroma", "direction of the overall cast, −1 (blue) to +1 (yellow)"),
)
FEATURE_NAMES = tuple(f.name for f in FEATURES)
BY_NAME = {f.name: f for f in FEATURES}


def look_features(lab: npt.ArrayLike, rgb8: npt.ArrayLike | None = None) -> dict[str, float]:
    """The look features of an image.

    Parameters
    ----------
    lab : array, shape (H, W, 3) or (N, 3), float
        CIELAB pixels (D65, 2°): L* in [0, 100], a* and b* about [−128, 127]. Pass only the
        pixels that count (for example the opaque ones) as an (N, 3) array; N ≥ 1.
    rgb8 : array of the same shape, uint8, optional
        The same pixels as 8-bit sRGB, when the caller has them (the `look` rule does): the
        channel end points are read from them directly; without them the Lab pixels are
        converted back (`stylelint.colour.lab_to_rgb`, about a third of the features' cost).

    Returns
    -------
    dict
        {feature: value} for every name in `FEATURE_NAMES`, in the units `FEATURES` gives
        (L*, a*, b*, C*ab, shares in [0, 1], ratios in [−1, 1]), rounded to 4 decimals.

    Examples
    --------
    >>> grey = np.full((4, 4, 3), [50.0, 0.0, 0.0])
    >>> look_features(grey)["chroma_median"]
    0.0
    """
    pixels = np.asarray(lab, dtype=np.float64).reshape(-1, 3)
    if len(pixels) == 0:
        raise ValueError("look_features needs at least one pixel")
    pixels = sampled(pixels)
    codes = lab_to_rgb(pixels) * 255.0 if rgb8 is None else sampled(np.asarray(rgb8).reshape(-1, 3))
    # One contiguous copy per channel (the strided columns of `pixels` are slow to read).
    lightness, a, b = (np.ascontiguousarray(pixels[:, i]) for i in range(3))
    chroma = np.hypot(a, b)
    ordered = np.sort(lightness)
    out = _tone(ordered)
    out.update(_chroma(chroma))
    out.update(_ranges(lightness, ordered, a, b, chroma))
    out["split_b"] = out["highlight_b"] - out["shadow_b"]
    out.update(_cast(a, b, chroma))
    out.update(_channels(codes))
    return {name: round(float(out[name]), 4) for name in FEATURE_NAMES}


def sampled(pixels: npt.NDArray[Any]) -> npt.NDArray[Any]:
    """The pixels (N, ...) the features are measured on: at most `MAX_PIXELS`, taken with a
    regular stride (all of them when there are no more). A caller that converts its pixels to
    Lab may sample first and convert only these (`look_features` of sampled pixels samples
    nothing more). A contiguous copy: every feature reads the sample again, and reading a strided
    view cost 15 % more (issue 12)."""
    return np.ascontiguousarray(pixels[:: max(1, -(-len(pixels) // MAX_PIXELS))])


def _tone(ordered: FloatArray) -> dict[str, float]:
    """Percentiles of L* (sorted ascending), mid-tone contrast, crushed and clipped shares."""
    p1, p5, p25, p50, p75, p95, p99 = np.percentile(ordered, [1, 5, 25, 50, 75, 95, 99])
    count = len(ordered)
    return {
        "black_point": p1,
        "shadow_level": p5,
        "midpoint": p50,
        "highlight_level": p95,
        "white_point": p99,
        "midtone_contrast": p75 - p25,
        "crushed": int(np.searchsorted(ordered, CRUSHED_L, side="right")) / count,
        "clipped": (count - int(np.searchsorted(ordered, CLIPPED_L, side="left"))) / count,
    }


def _chroma(chroma: FloatArray) -> dict[str, float]:
    median, high = np.percentile(chroma, [50, 90])
    return {"chroma_median": median, "chroma_high": high}


def _bands(count: int) -> dict[str, slice]:
    """Rank slices of the shadows, mid-tones and highlights of `count` pixels sorted by L*."""
    low = max(1, round(count * SHADOW_SHARE))
    high = min(count - 1, count - round(count * HIGHLIGHT_SHARE))
    mid_lo, mid_hi = (round(count * r) for r in MIDTONE_RANKS)
    return {
        "shadow": slice(0, low),
        "midtone": slice(min(mid_lo, count - 1), max(mid_hi, mid_lo + 1)),
        "highlight": slice(high, count),
    }


def _in_ranks(lightness: FloatArray, ordered: FloatArray, ranks: slice) -> npt.NDArray[np.bool_]:
    """The pixels whose rank in a stable sort by L* (ties in pixel order) is within `ranks`:
    those strictly between the L* at the slice's two ends, and of the pixels equal to either end
    those whose rank falls inside. The same pixels as slicing the stably sorted pixels, from the
    sorted L* values alone: a stable argsort of the pixels cost 15× more (issue 12)."""
    first, last = ordered[ranks.start], ordered[ranks.stop - 1]
    inside = (lightness > first) & (lightness < last)
    for value in {first, last}:
        ties = np.flatnonzero(lightness == value)
        rank = int(np.searchsorted(ordered, value, side="left")) + np.arange(len(ties))
        inside[ties[(rank >= ranks.start) & (rank < ranks.stop)]] = True
    return inside


def _ranges(
    lightness: FloatArray, ordered: FloatArray, a: FloatArray, b: FloatArray, chroma: FloatArray
) -> dict[str, float]:
    """Mean a*, b* and chroma of each tonal range (by L* rank, see `_in_ranks`), and the tint of
    its most neutral pixels (the `NEUTRAL_SHARE` of lowest chroma)."""
    out: dict[str, float] = {}
    for band, ranks in _bands(len(lightness)).items():
        inside = np.flatnonzero(_in_ranks(lightness, ordered, ranks))  # found once, gathered thrice
        band_a, band_b, band_chroma = a[inside], b[inside], chroma[inside]
        out[f"{band}_a"] = float(np.mean(band_a))
        out[f"{band}_b"] = float(np.mean(band_b))
        out[f"{band}_chroma"] = float(np.mean(band_chroma))
        keep = max(1, round(len(band_chroma) * NEUTRAL_SHARE))
        neutral = np.argpartition(band_chroma, keep - 1)[:keep]
        out[f"{band}_neutral_a"] = float(np.mean(band_a[neutral]))
        out[f"{band}_neutral_b"] = float(np.mean(band_b[neutral]))
    return out


def _channels(codes: npt.NDArray[Any]) -> dict[str, float]:
    """The channel end points of pixels (N, 3) in 8-bit sRGB codes, 0–255: P1 of each pixel's
    smallest and P99 of its largest channel (how close the grade drives colours to the edges of
    the sRGB gamut), and each channel's own P1 and P99 (the per-channel tone curve's black and
    white levels: their tint, the lowest black and the spread of the whites)."""
    channels = [codes[:, i] for i in range(3)]
    (black_r, white_r), (black_g, white_g), (black_b, white_b) = (_code_percentiles(c, (1, 99)) for c in channels)
    black, white = np.array([black_r, black_g, black_b]), np.array([white_r, white_g, white_b])
    return {
        "channel_black": _code_percentiles(lowest_channel(codes), (1,))[0],
        "channel_white": _code_percentiles(highest_channel(codes), (99,))[0],
        "black_tint_r": float(black[0] - black[1]),
        "black_tint_b": float(black[2] - black[1]),
        "channel_floor": float(black.min()),
        "white_spread": float(white.max() - white.min()),
    }


def _code_percentiles(values: npt.NDArray[Any], qs: tuple[float, ...]) -> list[float]:
    """`np.percentile(values, q)` for each q (linear interpolation between ranks); for 8-bit codes
    read from their cumulative histogram (made once for all qs), which costs a tenth of sorting."""
    if values.dtype != np.uint8:
        return [float(v) for v in np.percentile(values, qs)]
    below = np.cumsum(np.bincount(values, minlength=256))  # below[v]: how many values are ≤ v
    found = []
    for q in qs:
        position = q / 100 * (len(values) - 1)
        rank = math.floor(position)
        low, high = np.searchsorted(below, [rank, min(rank + 1, len(values) - 1)], side="right")
        found.append(float(low + (position - rank) * (high - low)))
    return found


def _cast(a: FloatArray, b: FloatArray, chroma: FloatArray) -> dict[str, float]:
    """Direction of the mean (a*, b*) relative to the mean chroma: 1 when every pixel shares one hue."""
    mean_chroma = float(np.mean(chroma))
    if mean_chroma < _NEUTRAL_CHROMA:
        return {"cast_a": 0.0, "cast_b": 0.0}
    return {"cast_a": float(np.mean(a)) / mean_chroma, "cast_b": float(np.mean(b)) / mean_chroma}
