"""Colour science, written once: sRGB ↔ linear ↔ XYZ ↔ CIELAB, ΔE00, WCAG contrast.

Conventions (STYLE.md §12): pixels are sRGB-encoded floats in [0, 1] (IEC 61966-2-1, D65);
linear values are named ``linear_…``; luminance is WCAG 2.x relative luminance Y in [0, 1];
Lab is CIE 1976 L*a*b*, D65, 2° observer (L in [0, 100]); colour difference is CIEDE2000.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

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
LINEAR_RGB_TO_XYZ = np.array(
    [[0.4124564, 0.3575761, 0.1804375], [0.2126729, 0.7151522, 0.0721750], [0.0193339, 0.1191920, 0.9503041]]
)
# WCAG 2.x relative luminance coefficients (https://www.w3.org/TR/WCAG21/#dfn-relative-luminance).
WCAG_LUMINANCE_WEIGHTS = np.array([0.2126, 0.7152, 0.0722])
# The 0.05 flare term of the WCAG contrast ratio.
_WCAG_FLARE = 0.05


def hex_to_srgb(hex_code: str) -> tuple[float, float, float]:
    """Parse "#RRGGBB" into sRGB floats in [0, 1]; raises ValueError when malformed."""
    text = hex_code.strip().lstrip("#")
    if len(text) != 6:
        raise ValueError(f"not a #RRGGBB colour: {hex_code!r}")
    r, g, b = (int(text[i : i + 2], 16) / 255.0 for i in (0, 2, 4))
    return (r, g, b)


def srgb_to_hex(srgb: npt.ArrayLike) -> str:
    """sRGB floats in [0, 1] → "#RRGGBB" (rounded to the nearest 8-bit code)."""
    codes = np.clip(np.rint(np.asarray(srgb, dtype=np.float64) * 255), 0, 255).astype(int)
    return "#" + "".join(f"{c:02X}" for c in codes)


def srgb_to_linear(srgb: npt.ArrayLike) -> FloatArray:
    """Decode sRGB-encoded values in [0, 1] to linear light in [0, 1] (IEC 61966-2-1)."""
    v = np.asarray(srgb, dtype=np.float64)
    return np.where(
        v <= _SRGB_LINEAR_THRESHOLD, v / _SRGB_SLOPE, ((v + _SRGB_OFFSET) / (1 + _SRGB_OFFSET)) ** _SRGB_GAMMA
    )


def linear_to_srgb(linear: npt.ArrayLike) -> FloatArray:
    """Encode linear light in [0, 1] to sRGB values in [0, 1] (IEC 61966-2-1)."""
    v = np.clip(np.asarray(linear, dtype=np.float64), 0, 1)
    return np.where(
        v <= _SRGB_LINEAR_THRESHOLD / _SRGB_SLOPE,
        v * _SRGB_SLOPE,
        (1 + _SRGB_OFFSET) * v ** (1 / _SRGB_GAMMA) - _SRGB_OFFSET,
    )


def relative_luminance(srgb: npt.ArrayLike) -> FloatArray:
    """WCAG 2.x relative luminance Y in [0, 1] of sRGB values (..., 3) in [0, 1]."""
    return srgb_to_linear(srgb) @ WCAG_LUMINANCE_WEIGHTS


def contrast_ratio(y1: npt.ArrayLike, y2: npt.ArrayLike) -> FloatArray:
    """WCAG 2.x contrast ratio (L1 + 0.05) / (L2 + 0.05), from 1 to 21, of two luminances."""
    a, b = np.asarray(y1, dtype=np.float64), np.asarray(y2, dtype=np.float64)
    return (np.maximum(a, b) + _WCAG_FLARE) / (np.minimum(a, b) + _WCAG_FLARE)


# scikit-image's sRGB → XYZ matrix (skimage.color.colorconv.xyz_from_rgb) and D65 2° white point
# (xyz_tristimulus_values), written out: importing skimage.color for them pulls in scipy.linalg,
# about 0.15 s per process (issue 14). tests/test_colour.py checks them against scikit-image.
XYZ_FROM_SRGB = np.array(
    [[0.412453, 0.357580, 0.180423], [0.212671, 0.715160, 0.072169], [0.019334, 0.119193, 0.950227]]
)
D65_WHITE_XYZ = np.array([0.95047, 1.0, 1.08883])
# Luma weights of scikit-image's rgb2gray (Rec. 709 primaries on sRGB-encoded values).
LUMA_WEIGHTS = np.array([0.2125, 0.7154, 0.0721])
# CIE 1976 L*a*b* constants exactly as scikit-image's xyz2lab uses them, so the conversions here
# agree with its rgb2lab: the f(t) knee ε = 0.008856 and the linear segment's slope κ/116 = 7.787.
_LAB_EPSILON = 0.008856
_LAB_SLOPE = 7.787


def rgb_to_lab(srgb: npt.ArrayLike) -> FloatArray:
    """CIELAB (D65, 2°) of sRGB values (..., 3) in [0, 1]: scikit-image's rgb2lab (its matrix,
    white point and f(t)), to within float rounding (tests/test_colour.py)."""
    return _lab_from_linear(srgb_to_linear(srgb))


# Each 8-bit code's linear-light value, float64: the numbers srgb_to_linear(code / 255) gives.
LINEAR_OF_CODE = srgb_to_linear(np.arange(256) / 255.0)
_LINEAR_OF_CODE_32 = LINEAR_OF_CODE.astype(np.float32)  # the same, for the float32 conversions


def codes_to_lab(codes: npt.NDArray[np.integer]) -> FloatArray:
    """`rgb_to_lab(codes / 255)` of 8-bit sRGB codes (..., 3), the same float64 numbers, with each
    code's linear value from a 256-entry table instead of a power per channel."""
    return _lab_from_linear(np.take(LINEAR_OF_CODE, codes))


def mean_linear_rgb(codes: npt.NDArray[np.uint8], weights: npt.ArrayLike | None = None) -> FloatArray:
    """Mean linear-light RGB (3,) of 8-bit sRGB pixels (..., 3), weighted by `weights` (...) when
    given: each channel's histogram of codes times the table of their linear values, the mean of
    `srgb_to_linear(codes / 255)` within float rounding, without a float copy of the image."""
    flat = np.asarray(codes, dtype=np.uint8).reshape(-1, 3)
    w = None if weights is None else np.asarray(weights, dtype=np.float64).reshape(-1)
    total = float(len(flat)) if w is None else float(w.sum())
    if total == 0:
        raise ZeroDivisionError("weights sum to zero: no pixel to average")
    if w is None and flat.flags.c_contiguous:
        # Red and green counted together, as pairs (one pass instead of two; the same counts).
        joint = np.bincount(red_green_pairs(flat), minlength=1 << 16).reshape(256, 256)  # [green, red]
        counts = [joint.sum(axis=0), joint.sum(axis=1), np.bincount(flat[:, 2], minlength=256)]
    else:
        counts = [np.bincount(flat[:, channel], weights=w, minlength=256) for channel in range(3)]
    return np.array([count @ LINEAR_OF_CODE for count in counts]) / total


def _lab_from_linear(linear: npt.NDArray[np.floating]) -> FloatArray:
    """CIELAB of linear-light sRGB (..., 3), float64: XYZ over the white, f(t), L*a*b*."""
    f = np.asarray(linear @ (XYZ_FROM_SRGB.T / D65_WHITE_XYZ), dtype=np.float64)
    # f(t) in place: the cube root everywhere, then the linear segment where t ≤ ε (the values
    # np.where would pick, without computing both branches for every element).
    linear_part = f <= _LAB_EPSILON
    linear_values = _LAB_SLOPE * f[linear_part] + 16.0 / 116.0
    np.cbrt(f, out=f)
    f[linear_part] = linear_values
    return _lab_from_f(f)


def _lab_from_f(f: npt.NDArray[np.floating]) -> FloatArray:
    """L*, a*, b* (float64) from f(X/Xn), f(Y/Yn), f(Z/Zn) in the last axis."""
    lab = np.empty(f.shape, dtype=np.float64)
    np.subtract(116.0 * f[..., 1], 16.0, out=lab[..., 0])
    np.multiply(500.0, f[..., 0] - f[..., 1], out=lab[..., 1])
    np.multiply(200.0, f[..., 1] - f[..., 2], out=lab[..., 2])
    return lab


def lab_to_rgb(lab: npt.ArrayLike) -> FloatArray:
    """sRGB values in [0, 1] (..., 3) of CIELAB pixels (..., 3): the inverse of `rgb_to_lab`
    (scikit-image's lab2rgb: its matrix, white point and f⁻¹(t), and like it a negative f(Z/Zn)
    of a colour too yellow for any light taken as 0), clipped to the gamut."""
    lab = np.asarray(lab, dtype=np.float64)
    fy = (lab[..., 0] + 16.0) / 116.0
    f = np.stack([fy + lab[..., 1] / 500.0, fy, np.maximum(fy - lab[..., 2] / 200.0, 0.0)], axis=-1)
    cube = f**3
    ratio = np.where(cube > _LAB_EPSILON, cube, (f - 16.0 / 116.0) / _LAB_SLOPE)
    linear = np.clip((ratio * D65_WHITE_XYZ) @ np.linalg.inv(XYZ_FROM_SRGB).T, 0.0, 1.0)
    return np.clip(linear_to_srgb(linear), 0.0, 1.0)


def rgb8_to_lab(rgb8: npt.NDArray[np.uint8]) -> FloatArray:
    """CIELAB (D65, 2°) of 8-bit sRGB pixels, shape (..., 3) → (..., 3) float64.

    The same conversion as `rgb_to_lab` (scikit-image's matrix, white point and f(t)), computed
    about 4× faster: every 8-bit code's linear value comes from a 256-entry table and the rest
    runs in float32. Agrees with scikit-image's rgb2lab within 0.001 (tests/test_colour.py).
    """
    to_xyz = (XYZ_FROM_SRGB.T / D65_WHITE_XYZ).astype(np.float32)
    # np.take: the same gather as indexing, about twice as fast on uint8 indices (issue 14).
    f = np.take(_LINEAR_OF_CODE_32, np.asarray(rgb8, dtype=np.uint8)) @ to_xyz  # XYZ / white, then f(t) in place
    linear_part = f <= _LAB_EPSILON
    linear_values = _LAB_SLOPE * f[linear_part] + 16.0 / 116.0
    np.cbrt(f, out=f)
    f[linear_part] = linear_values
    return _lab_from_f(f)


# Each 8-bit code's share of relative luminance Y / Yn, per channel (rows R, G, B): the middle row
# of scikit-image's sRGB → XYZ matrix applied to the linear value, in float32 as rgb8_to_lab.
_Y_TABLES = (LINEAR_OF_CODE[None, :] * (XYZ_FROM_SRGB[1] / D65_WHITE_XYZ[1])[:, None]).astype(np.float32)


def _pair_table(red: npt.NDArray[np.floating], green: npt.NDArray[np.floating]) -> npt.NDArray[np.floating]:
    """The red and green tables summed for every (green, red) pair of codes, in their precision:
    entry 256 · g + r holds red[r] + green[g], the sum adding the two look-ups rounds to as well
    (indexed by `red_green_pairs`)."""
    return (red[None, :] + green[:, None]).reshape(-1)


# The red and green shares of Y / Yn of each pair of codes, float32.
_RG_Y_TABLE = _pair_table(_Y_TABLES[0], _Y_TABLES[1])


def lowest_channel(rgb8: npt.NDArray[np.uint8]) -> npt.NDArray[np.uint8]:
    """Each pixel's smallest channel value, shape (..., 3) → (...): element-wise minima of the
    three channels (a reduction over the short last axis is about 10× slower)."""
    return np.minimum(np.minimum(rgb8[..., 0], rgb8[..., 1]), rgb8[..., 2])


def highest_channel(rgb8: npt.NDArray[np.uint8]) -> npt.NDArray[np.uint8]:
    """Each pixel's largest channel value, shape (..., 3) → (...) (as `lowest_channel`)."""
    return np.maximum(np.maximum(rgb8[..., 0], rgb8[..., 1]), rgb8[..., 2])


def red_green_pairs(rgb8: npt.NDArray[np.uint8]) -> npt.NDArray[np.uint16]:
    """Each pixel's red and green codes read as one little-endian 16-bit number, 256 · g + r,
    shape (...): a view of the pixels (no copy), for one look-up in a 65,536-entry table of
    (red, green) pairs instead of two in 256-entry ones. `rgb8` is C-contiguous (..., 3) uint8."""
    if rgb8.dtype != np.uint8 or rgb8.shape[-1:] != (3,) or not rgb8.flags.c_contiguous:
        raise ValueError("expected C-contiguous 8-bit RGB pixels (..., 3)")
    return np.ndarray(rgb8.shape[:-1], dtype="<u2", buffer=rgb8, strides=rgb8.strides[:-1])


# (red-green pair table, blue table) of each luma scale and precision rgb8_to_luma was asked for.
_LUMA_LOOKUPS: dict[tuple[np.dtype[Any], float], tuple[npt.NDArray[np.floating], npt.NDArray[np.floating]]] = {}


def rgb8_to_luma(
    rgb8: npt.NDArray[np.uint8], dtype: npt.DTypeLike = np.float32, *, top: float = 1.0
) -> npt.NDArray[np.floating]:
    """Luma of 8-bit sRGB pixels (Rec. 709 weights on the sRGB-encoded values, as scikit-image's
    rgb2gray), shape (..., 3) → (...) in [0, `top`] (1, or 255 for the codes' levels), float32 or
    float64: the one luma every measure reads (the working copy's `gray`, the 400-px copy of
    noise and sharpness, horizon's reduced copy).

    Each channel's share (LUMA_WEIGHTS × code × top / 255, computed in float64 and stored in
    `dtype`) comes from a table, red and green together from one table of their pairs: the same
    numbers as adding the three shares in that precision, from two look-ups per pixel."""
    key = (np.dtype(dtype), float(top))
    if key not in _LUMA_LOOKUPS:
        tables = (LUMA_WEIGHTS[:, None] * (np.arange(256) * top / 255.0)[None, :]).astype(dtype)
        _LUMA_LOOKUPS[key] = (_pair_table(tables[0], tables[1]), tables[2])
    red_green, blue = _LUMA_LOOKUPS[key]
    codes = np.ascontiguousarray(rgb8, dtype=np.uint8)
    luma = np.take(red_green, red_green_pairs(codes))
    luma += np.take(blue, codes[..., 2])
    return luma


def rgb8_to_lightness(
    rgb8: npt.NDArray[np.uint8], blue: npt.NDArray[np.uint8] | None = None
) -> npt.NDArray[np.float32]:
    """CIELAB L* (D65, 2°) of 8-bit sRGB pixels, shape (..., 3) → (...) float32, 0–100; `blue`,
    when given, is a contiguous copy of their blue channel (read faster than the pixels' own).

    The L* of `rgb8_to_lab` (the same float32 arithmetic, within one float32 step, 2e-5) from
    three 256-entry tables and one cube root, without a* and b*: about 3× faster, for the rules
    that read lightness only (issue 14).
    """
    codes = np.ascontiguousarray(rgb8, dtype=np.uint8)
    # np.take: the same gather as indexing, about twice as fast on uint8 indices (issue 14); red
    # and green in one look-up of their pair (the same float32 sums, a third less time).
    y = np.take(_RG_Y_TABLE, red_green_pairs(codes))
    y += np.take(_Y_TABLES[2], codes[..., 2] if blue is None else blue)
    linear_part = y <= _LAB_EPSILON
    linear_values = _LAB_SLOPE * y[linear_part] + np.float32(16.0 / 116.0)
    np.cbrt(y, out=y)
    y[linear_part] = linear_values
    y *= np.float32(116.0)
    y -= np.float32(16.0)
    return y


def srgb_to_lab(srgb: tuple[float, float, float]) -> tuple[float, float, float]:
    """CIELAB of one sRGB colour, as a plain tuple."""
    lab = rgb_to_lab(np.asarray(srgb))
    return (float(lab[0]), float(lab[1]), float(lab[2]))


def delta_e_2000(lab1: npt.ArrayLike, lab2: npt.ArrayLike) -> FloatArray:
    """CIEDE2000 colour difference (ΔE00, kL = kC = kH = 1) between Lab arrays (..., 3), broadcast.

    Sharma, Wu & Dalal's (2005) equations as scikit-image's deltaE_ciede2000 writes them (its
    values within 1e-9, tests/test_colour.py), in numpy here: importing skimage.color pulls in
    scipy.linalg, about 0.17 s of CPU per process, which `learn` paid for its palette (issue 12).
    """
    a = np.asarray(lab1, dtype=np.float64)
    b = np.asarray(lab2, dtype=np.float64)
    a, b = np.broadcast_arrays(a, b)
    return _ciede2000(a, b)


# CIEDE2000 (Sharma, Wu & Dalal 2005, equations 1-22), kL = kC = kH = 1.
_CIEDE_25_7 = 25.0**7


def _ciede2000(a: FloatArray, b: FloatArray) -> FloatArray:
    """ΔE00 of Lab arrays (..., 3) of one shape, float64."""
    l1, a1, b1 = a[..., 0], a[..., 1], a[..., 2]
    l2, a2, b2 = b[..., 0], b[..., 1], b[..., 2]
    # a* is stretched by 1 + G, G from the mean chroma (eqs. 2-4), then polar (5-7).
    c7 = (0.5 * (np.hypot(a1, b1) + np.hypot(a2, b2))) ** 7
    stretch = 1.0 + 0.5 * (1.0 - np.sqrt(c7 / (c7 + _CIEDE_25_7)))
    c1, h1 = _polar(a1 * stretch, b1)
    c2, h2 = _polar(a2 * stretch, b2)
    # Lightness (eqs. 8, 17).
    l_mean = 0.5 * (l1 + l2)
    tmp = (l_mean - 50.0) ** 2
    l_term = (l2 - l1) / (1.0 + 0.015 * tmp / np.sqrt(20.0 + tmp))
    # Chroma (9, 16, 21).
    c_mean = 0.5 * (c1 + c2)
    c_term = (c2 - c1) / (1.0 + 0.045 * c_mean)
    # Hue difference (10, 11) and mean hue (14), 0 and the plain sum where a chroma is 0.
    product = c1 * c2
    h_diff = h2 - h1
    dh = np.where(h_diff > np.pi, h_diff - 2 * np.pi, np.where(h_diff < -np.pi, h_diff + 2 * np.pi, h_diff))
    dh = np.where(product == 0.0, 0.0, dh)
    h_sum = h1 + h2
    wrap = (product != 0.0) & (np.abs(h_diff) > np.pi)
    h_mean = np.where(wrap, np.where(h_sum < 2 * np.pi, h_sum + 2 * np.pi, h_sum - 2 * np.pi), h_sum)
    h_mean = 0.5 * np.where(product == 0.0, 2 * h_mean, h_mean)
    t = (
        1.0
        - 0.17 * np.cos(h_mean - np.deg2rad(30))
        + 0.24 * np.cos(2 * h_mean)
        + 0.32 * np.cos(3 * h_mean + np.deg2rad(6))
        - 0.20 * np.cos(4 * h_mean - np.deg2rad(63))
    )
    h_term = 2 * np.sqrt(product) * np.sin(dh / 2) / (1.0 + 0.015 * c_mean * t)
    # Rotation (18-20, 22).
    c7 = c_mean**7
    rotation = np.deg2rad(30) * np.exp(-(((np.rad2deg(h_mean) - 275) / 25) ** 2))
    r_term = -np.sin(2 * rotation) * 2 * np.sqrt(c7 / (c7 + _CIEDE_25_7)) * c_term * h_term
    return np.sqrt(np.maximum(l_term**2 + c_term**2 + h_term**2 + r_term, 0.0))


def _polar(x: FloatArray, y: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Radius and angle in [0, 2π) of (x, y)."""
    angle = np.arctan2(y, x)
    return np.hypot(x, y), np.where(angle < 0, angle + 2 * np.pi, angle)


def delta_e_to_each(lab_pixels: npt.ArrayLike, lab_targets: npt.ArrayLike) -> FloatArray:
    """ΔE00 from every pixel to every target colour.

    Parameters
    ----------
    lab_pixels : array (n, 3), CIELAB
    lab_targets : array (m, 3), CIELAB

    Returns
    -------
    array (n, m) of ΔE00 (kL = kC = kH = 1); column j is the distance to target j.
    """
    pixels = np.asarray(lab_pixels, dtype=np.float64).reshape(-1, 3)
    targets = np.asarray(lab_targets, dtype=np.float64).reshape(-1, 3)
    columns = [delta_e_2000(pixels, target) for target in targets]
    return np.stack(columns, axis=1) if columns else np.zeros((len(pixels), 0))


def shares_within(
    lab_pixels: npt.ArrayLike, weights: npt.ArrayLike, lab_targets: npt.ArrayLike, max_delta_e: float
) -> tuple[FloatArray, float]:
    """Share of (weighted) pixels within `max_delta_e` ΔE00 of each target, and of any target.

    Parameters
    ----------
    lab_pixels : array (n, 3), CIELAB; typically an image's distinct colours
    weights : array (n,), each colour's pixel count (or share)
    lab_targets : array (m, 3), CIELAB
    max_delta_e : radius in ΔE00; a pixel exactly at the radius counts as within

    Returns
    -------
    (shares, any_share): shares (m,) in [0, 1] per target; any_share in [0, 1] counts each pixel
    once however many targets it is near.
    """
    near = delta_e_to_each(lab_pixels, lab_targets) <= max_delta_e
    w = np.asarray(weights, dtype=np.float64)
    total = w.sum()
    return (w @ near) / total, float(w @ near.any(axis=1)) / total


# ---- chromaticity ---------------------------------------------------------------------------
def linear_rgb_to_xy(linear_rgb: npt.ArrayLike) -> tuple[float, float] | None:
    """CIE 1931 xy chromaticity of one linear-RGB colour (sRGB primaries, D65).

    Returns None for black (X + Y + Z = 0), whose chromaticity is undefined.
    """
    xyz = LINEAR_RGB_TO_XYZ @ np.asarray(linear_rgb, dtype=np.float64).reshape(3)
    total = float(xyz.sum())
    if total <= 0:
        return None
    return float(xyz[0] / total), float(xyz[1] / total)


def xy_to_linear_rgb(x: float, y: float, *, luminance: float = 1.0) -> FloatArray:
    """Linear RGB (sRGB primaries) of chromaticity xy at luminance Y; may leave [0, 1]."""
    xyz = np.array([x / y, 1.0, (1.0 - x - y) / y]) * luminance
    return np.asarray(np.linalg.solve(LINEAR_RGB_TO_XYZ, xyz), dtype=np.float64)


# ---- colourfulness ------------------------------------------------------------------------
# Hasler & Süsstrunk (2003): weight of the mean-chroma term in M.
_HASLER_MEAN_WEIGHT = 0.3


def colourfulness(srgb_255: npt.ArrayLike) -> float:
    """Hasler–Süsstrunk colourfulness M of sRGB pixels on the 0–255 scale.

    Parameters
    ----------
    srgb_255 : array (..., 3), sRGB-encoded values in [0, 255]

    Returns
    -------
    M = sqrt(σ_rg² + σ_yb²) + 0.3 · sqrt(μ_rg² + μ_yb²), with rg = R − G and
    yb = (R + G) / 2 − B. 0 for any grey image; about 0–110 for photographs ("not
    colourful" < 15, "extremely colourful" > 109 in the paper's scale), at most ~250 in theory.

    References
    ----------
    Hasler, D. & Süsstrunk, S. (2003). Measuring colourfulness in natural images. Proc. SPIE
    5007, Human Vision and Electronic Imaging VIII, 87–95.
    """
    values = np.asarray(srgb_255)
    if values.dtype == np.uint8:
        return colourfulness_of_colours(values.reshape(-1, 3))
    rgb = values.astype(np.float64).reshape(-1, 3)
    rg = rgb[:, 0] - rgb[:, 1]
    yb = 0.5 * (rgb[:, 0] + rgb[:, 1]) - rgb[:, 2]
    spread = np.hypot(rg.std(), yb.std())
    mean = np.hypot(rg.mean(), yb.mean())
    return float(spread + _HASLER_MEAN_WEIGHT * mean)


def colourfulness_of_colours(codes: npt.NDArray[np.uint8], counts: npt.ArrayLike | None = None) -> float:
    """`colourfulness` of 8-bit pixels (N, 3), or of an image's distinct colours each held by
    `counts` pixels: rg = R − G and 2·yb = R + G − 2B are whole numbers, so their means and
    standard deviations come exactly from their histograms (whole-number sums, no float copy):
    the float formula's value within its own rounding (1e-9, tests/test_colour.py), 3× cheaper
    from the pixels, and bit for bit that from the distinct colours (issue 12)."""
    weights = None if counts is None else np.asarray(counts, dtype=np.float64)
    r, g, b = (codes[:, i].astype(np.int16) for i in range(3))
    rg_mean, rg_std = _moments(r - g, 255, weights)
    yb_mean, yb_std = _moments(r + g - 2 * b, 510, weights)  # 2·yb
    spread = math.hypot(rg_std, yb_std / 2)
    return spread + _HASLER_MEAN_WEIGHT * math.hypot(rg_mean, yb_mean / 2)


def _moments(values: npt.NDArray[np.int16], reach: int, weights: FloatArray | None = None) -> tuple[float, float]:
    """Mean and population standard deviation of whole numbers in [−reach, reach], each counted
    `weights` times (whole numbers) when given, exactly (integer sums) from their histogram."""
    counts = np.bincount(values + reach, weights=weights, minlength=2 * reach + 1)
    if weights is not None:  # whole numbers: counted as integers, so the sums below stay exact
        counts = np.rint(counts).astype(np.int64)
    levels = np.arange(-reach, reach + 1, dtype=np.int64)
    count, total, squares = int(counts.sum()), int(counts @ levels), int(counts @ (levels * levels))
    return total / count, math.sqrt((squares * count - total * total) / (count * count))


# Hue families by CIELAB hue angle (degrees, upper bounds): pure sRGB red sits near 40°, yellow
# near 100°, green near 136°, blue near 306° (CIE 15:2004 Lab of the sRGB primaries).
_HUES = (
    (20, "pink"),
    (50, "red"),
    (75, "orange"),
    (105, "yellow"),
    (165, "green"),
    (230, "teal"),
    (300, "blue"),
    (340, "purple"),
    (360, "pink"),
)
# Below this chroma a colour reads as grey (about where hue naming becomes unreliable).
GREY_CHROMA = 12.0


def swatch_name(lab: Sequence[float]) -> str:
    """A plain name for a Lab colour: "dark-blue", "light-grey", "orange", "black"."""
    lightness, a, b = lab
    if math.hypot(a, b) < GREY_CHROMA:
        family = "black" if lightness < 20 else "white" if lightness > 92 else "grey"
    else:
        angle = math.degrees(math.atan2(b, a)) % 360
        family = next(word for top, word in _HUES if angle < top)
    if family in ("black", "white"):
        return family
    return ("dark-" if lightness < 35 else "light-" if lightness > 70 else "") + family
