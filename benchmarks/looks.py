"""Colour grades ("looks") applied to photographs, for benchmarks/style_separation.py.

Each look is a function from sRGB floats (H, W, 3) in [0, 1] to graded sRGB floats, written the
way a colourist would build it from a few standard operations (white balance gains, a tone
curve, saturation, split toning, a tint). `apply(look, image, strength)` blends the graded image
with the original: strength 1 is the look as designed, 0.5 half of it, 1.5 pushed further
(extrapolated, then clipped to [0, 1]).

The looks come in two groups: `TUNING` looks were used while the look features and model were
designed; `HELD_OUT` looks were written before any figure was read on them and never used to
choose anything, so their figures show what a team with a look nobody has tried should expect.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
Look = Callable[[FloatArray], FloatArray]

# Rec. 709 luma weights (on sRGB-encoded values, as a colourist's "luma" / rgb2gray).
_LUMA = np.array([0.2126, 0.7152, 0.0722])


def luma(rgb: FloatArray) -> FloatArray:
    """Rec. 709 luma, shape (H, W, 1)."""
    return (rgb @ _LUMA)[..., None]


def saturation(rgb: FloatArray, factor: float) -> FloatArray:
    """Scale each pixel's distance from its luma by `factor` (0: grey, 1: unchanged)."""
    y = luma(rgb)
    return y + factor * (rgb - y)


def s_curve(rgb: FloatArray, amount: float) -> FloatArray:
    """A smooth S-shaped contrast curve about mid-grey; amount 0 is the identity."""
    return rgb + amount * (rgb - 0.5) * (1 - np.abs(2 * rgb - 1))


def levels(rgb: FloatArray, black: float, white: float) -> FloatArray:
    """Output levels: 0 maps to `black`, 1 to `white` (lifted blacks, dimmed whites)."""
    return black + (white - black) * rgb


def gamma(rgb: FloatArray, power: float) -> FloatArray:
    """Tone curve x ** power (power < 1 brightens the mid-tones)."""
    return np.clip(rgb, 0, 1) ** power


def gains(rgb: FloatArray, r: float, g: float, b: float) -> FloatArray:
    """White-balance gains per channel."""
    return rgb * np.array([r, g, b])


def split_tone(
    rgb: FloatArray, shadows: tuple[float, float, float], highlights: tuple[float, float, float]
) -> FloatArray:
    """Add an RGB offset to the shadows and another to the highlights, weighted by luma."""
    y = luma(rgb)
    return rgb + (1 - y) ** 2 * np.array(shadows) + y**2 * np.array(highlights)


def tint(rgb: FloatArray, colour: tuple[float, float, float]) -> FloatArray:
    """A monochrome image toned with `colour` (multiply luma by it, keep luma)."""
    y = luma(rgb)
    c = np.array(colour)
    return np.clip(y * c / float(c @ _LUMA), 0, 1)


# ---- tuning looks -------------------------------------------------------------------------------


def golden_hour(rgb: FloatArray) -> FloatArray:
    """Warm golden hour: warm white balance, warm lifted shadows, a little more saturation."""
    out = gains(rgb, 1.10, 1.0, 0.80)
    out = split_tone(np.clip(out, 0, 1), (0.04, 0.02, -0.02), (0.03, 0.01, -0.03))
    return s_curve(saturation(np.clip(out, 0, 1), 1.15), 0.15)


def black_and_white(rgb: FloatArray) -> FloatArray:
    """Black and white with a gentle S-curve."""
    return s_curve(np.repeat(luma(rgb), 3, axis=-1), 0.25)


def matte_film(rgb: FloatArray) -> FloatArray:
    """Matte film: lifted blacks, dimmed whites, faded contrast, slightly muted colour."""
    return levels(s_curve(saturation(rgb, 0.8), -0.15), 0.13, 0.92)


def high_key(rgb: FloatArray) -> FloatArray:
    """High-key airy: bright mid-tones, soft contrast, pale colour."""
    return levels(gamma(saturation(rgb, 0.75), 0.55), 0.06, 1.05)


def teal_orange(rgb: FloatArray) -> FloatArray:
    """Teal and orange: teal shadows, orange highlights, punchy contrast."""
    out = split_tone(rgb, (-0.08, 0.02, 0.07), (0.08, 0.02, -0.08))
    return s_curve(saturation(np.clip(out, 0, 1), 1.1), 0.2)


def vivid(rgb: FloatArray) -> FloatArray:
    """Vivid: strong saturation and contrast."""
    return s_curve(saturation(rgb, 1.6), 0.3)


# ---- held-out looks -----------------------------------------------------------------------------


def cool_blue(rgb: FloatArray) -> FloatArray:
    """Cool / blue: cold white balance, slightly muted."""
    return saturation(gains(rgb, 0.86, 0.97, 1.15), 0.9)


def bleach_bypass(rgb: FloatArray) -> FloatArray:
    """Bleach bypass: half the colour, hard contrast."""
    return s_curve(saturation(rgb, 0.45), 0.55)


def sepia(rgb: FloatArray) -> FloatArray:
    """Sepia / vintage: brown-toned monochrome with faded blacks."""
    return levels(tint(rgb, (1.0, 0.78, 0.55)), 0.06, 0.96)


def low_key(rgb: FloatArray) -> FloatArray:
    """Low-key moody: dark mid-tones, crushed blacks, muted and cool in the shadows."""
    out = split_tone(gamma(rgb, 1.7), (-0.02, 0.0, 0.03), (0.0, 0.0, 0.0))
    return saturation(np.clip(out, 0, 1), 0.8)


def cross_process(rgb: FloatArray) -> FloatArray:
    """Cross-processed: per-channel curves, yellow-green highlights and blue-magenta shadows."""
    r = gamma(rgb[..., :1], 0.85)
    g = s_curve(rgb[..., 1:2], 0.2)
    b = levels(gamma(rgb[..., 2:], 1.3), 0.12, 0.85)
    return np.concatenate([r, g, b], axis=-1)


def faded_pastel(rgb: FloatArray) -> FloatArray:
    """Faded pastel: soft, bright, low contrast and low chroma."""
    return levels(gamma(saturation(rgb, 0.55), 0.8), 0.18, 0.97)


def ungraded(rgb: FloatArray) -> FloatArray:
    """The photograph as it came."""
    return rgb


TUNING: dict[str, Look] = {
    "golden-hour": golden_hour,
    "black-and-white": black_and_white,
    "matte-film": matte_film,
    "high-key": high_key,
    "teal-orange": teal_orange,
    "vivid": vivid,
}
HELD_OUT: dict[str, Look] = {
    "cool-blue": cool_blue,
    "bleach-bypass": bleach_bypass,
    "sepia": sepia,
    "low-key": low_key,
    "cross-process": cross_process,
    "faded-pastel": faded_pastel,
}
LOOKS: dict[str, Look] = {**TUNING, **HELD_OUT, "ungraded": ungraded}


def apply(look: Look, rgb8: npt.NDArray[np.uint8], strength: float = 1.0) -> npt.NDArray[np.uint8]:
    """Grade an 8-bit RGB image with `look` at `strength` (1 = as designed)."""
    rgb = rgb8.astype(np.float64) / 255.0
    graded = np.clip(look(rgb), 0, 1)
    out = np.clip(rgb + strength * (graded - rgb), 0, 1)
    return np.rint(out * 255).astype(np.uint8)
