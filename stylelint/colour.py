"""Colour science, written once: sRGB ↔ linear ↔ XYZ ↔ CIELAB, ΔE00, WCAG contrast.

Conventions (STYLE.md §12): pixels are sRGB-encoded floats in [0, 1] (IEC 61966-2-1, D65);
linear values are named ``linear_…``; luminance is WCAG 2.x relative luminance Y in [0, 1];
Lab is CIE 1976 L*a*b*, D65, 2° observer (L in [0, 100]); colour difference is CIEDE2000.
"""
from __future__ import annotations

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]

# IEC 61966-2-1 sRGB transfer function constants. WCAG 2.x writes the threshold as 0.03928,
# a rounding of 0.04045 that makes no difference for 8-bit values.
_SRGB_LINEAR_THRESHOLD = 0.04045
_SRGB_SLOPE = 12.92
_SRGB_GAMMA = 2.4
_SRGB_OFFSET = 0.055

# Rec. 709 / sRGB primaries: row 2 of the linear-RGB → XYZ (D65) matrix gives luminance Y.
LINEAR_RGB_TO_XYZ = np.array([[0.4124564, 0.3575761, 0.1804375],
                              [0.2126729, 0.7151522, 0.0721750],
                              [0.0193339, 0.1191920, 0.9503041]])
# WCAG 2.x relative luminance coefficients (https://www.w3.org/TR/WCAG21/#dfn-relative-luminance).
WCAG_LUMINANCE_WEIGHTS = np.array([0.2126, 0.7152, 0.0722])
# The 0.05 flare term of the WCAG contrast ratio.
_WCAG_FLARE = 0.05


def hex_to_srgb(hex_code: str) -> tuple[float, float, float]:
    """Parse "#RRGGBB" into sRGB floats in [0, 1]; raises ValueError when malformed."""
    text = hex_code.strip().lstrip("#")
    if len(text) != 6:
        raise ValueError(f"not a #RRGGBB colour: {hex_code!r}")
    r, g, b = (int(text[i:i + 2], 16) / 255.0 for i in (0, 2, 4))
    return (r, g, b)


def srgb_to_hex(srgb: npt.ArrayLike) -> str:
    """sRGB floats in [0, 1] → "#RRGGBB" (rounded to the nearest 8-bit code)."""
    codes = np.clip(np.rint(np.asarray(srgb, dtype=np.float64) * 255), 0, 255).astype(int)
    return "#" + "".join(f"{c:02X}" for c in codes)


def srgb_to_linear(srgb: npt.ArrayLike) -> FloatArray:
    """Decode sRGB-encoded values in [0, 1] to linear light in [0, 1] (IEC 61966-2-1)."""
    v = np.asarray(srgb, dtype=np.float64)
    return np.where(v <= _SRGB_LINEAR_THRESHOLD, v / _SRGB_SLOPE,
                    ((v + _SRGB_OFFSET) / (1 + _SRGB_OFFSET)) ** _SRGB_GAMMA)


def linear_to_srgb(linear: npt.ArrayLike) -> FloatArray:
    """Encode linear light in [0, 1] to sRGB values in [0, 1] (IEC 61966-2-1)."""
    v = np.clip(np.asarray(linear, dtype=np.float64), 0, 1)
    return np.where(v <= _SRGB_LINEAR_THRESHOLD / _SRGB_SLOPE, v * _SRGB_SLOPE,
                    (1 + _SRGB_OFFSET) * v ** (1 / _SRGB_GAMMA) - _SRGB_OFFSET)


def relative_luminance(srgb: npt.ArrayLike) -> FloatArray:
    """WCAG 2.x relative luminance Y in [0, 1] of sRGB values (..., 3) in [0, 1]."""
    return srgb_to_linear(srgb) @ WCAG_LUMINANCE_WEIGHTS


def contrast_ratio(y1: npt.ArrayLike, y2: npt.ArrayLike) -> FloatArray:
    """WCAG 2.x contrast ratio (L1 + 0.05) / (L2 + 0.05), from 1 to 21, of two luminances."""
    a, b = np.asarray(y1, dtype=np.float64), np.asarray(y2, dtype=np.float64)
    return (np.maximum(a, b) + _WCAG_FLARE) / (np.minimum(a, b) + _WCAG_FLARE)


def rgb_to_lab(srgb: npt.ArrayLike) -> FloatArray:
    """CIELAB (D65, 2°) of sRGB values (..., 3) in [0, 1], via scikit-image's rgb2lab."""
    from skimage.color import rgb2lab

    v = np.asarray(srgb, dtype=np.float64)
    return np.asarray(rgb2lab(v.reshape(-1, 1, 3), illuminant="D65", observer="2").reshape(v.shape))


def srgb_to_lab(srgb: tuple[float, float, float]) -> tuple[float, float, float]:
    """CIELAB of one sRGB colour, as a plain tuple."""
    lab = rgb_to_lab(np.asarray(srgb))
    return (float(lab[0]), float(lab[1]), float(lab[2]))


def delta_e_2000(lab1: npt.ArrayLike, lab2: npt.ArrayLike) -> FloatArray:
    """CIEDE2000 colour difference (ΔE00, kL = kC = kH = 1) between Lab arrays (broadcast)."""
    from skimage.color import deltaE_ciede2000

    a = np.asarray(lab1, dtype=np.float64)
    b = np.asarray(lab2, dtype=np.float64)
    a, b = np.broadcast_arrays(a, b)
    return np.asarray(deltaE_ciede2000(a, b, channel_axis=-1))
