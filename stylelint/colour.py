"""Colour science, written once: sRGB ↔ linear ↔ XYZ ↔ CIELAB, ΔE00, WCAG contrast.

Conventions (STYLE.md §12): pixels are sRGB-encoded floats in [0, 1] (IEC 61966-2-1, D65);
linear values are named ``linear_…``; luminance is WCAG 2.x relative luminance Y in [0, 1];
Lab is CIE 1976 L*a*b*, D65, 2° observer (L in [0, 100]); colour difference is CIEDE2000.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from typing import NamedTuple

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
    f = srgb_to_linear(srgb) @ (XYZ_FROM_SRGB.T / D65_WHITE_XYZ)
    linear_part = f <= _LAB_EPSILON
    f[linear_part] = _LAB_SLOPE * f[linear_part] + 16.0 / 116.0
    f[~linear_part] = np.cbrt(f[~linear_part])
    return _lab_from_f(f)


def _lab_from_f(f: npt.NDArray[np.floating]) -> FloatArray:
    """L*, a*, b* (float64) from f(X/Xn), f(Y/Yn), f(Z/Zn) in the last axis."""
    lab = np.empty(f.shape, dtype=np.float64)
    np.subtract(116.0 * f[..., 1], 16.0, out=lab[..., 0])
    np.multiply(500.0, f[..., 0] - f[..., 1], out=lab[..., 1])
    np.multiply(200.0, f[..., 1] - f[..., 2], out=lab[..., 2])
    return lab


def rgb8_to_lab(rgb8: npt.NDArray[np.uint8]) -> FloatArray:
    """CIELAB (D65, 2°) of 8-bit sRGB pixels, shape (..., 3) → (..., 3) float64.

    The same conversion as `rgb_to_lab` (scikit-image's matrix, white point and f(t)), computed
    about 4× faster: every 8-bit code's linear value comes from a 256-entry table and the rest
    runs in float32. Agrees with scikit-image's rgb2lab within 0.001 (tests/test_colour.py).
    """
    table = srgb_to_linear(np.arange(256) / 255.0).astype(np.float32)
    to_xyz = (XYZ_FROM_SRGB.T / D65_WHITE_XYZ).astype(np.float32)
    f = table[np.asarray(rgb8, dtype=np.uint8)] @ to_xyz  # XYZ / white, then f(t) in place
    linear_part = f <= _LAB_EPSILON
    linear_values = _LAB_SLOPE * f[linear_part] + 16.0 / 116.0
    np.cbrt(f, out=f)
    f[linear_part] = linear_values
    return _lab_from_f(f)


# Each 8-bit code's share of relative luminance Y / Yn, per channel (rows R, G, B): the middle row
# of scikit-image's sRGB → XYZ matrix applied to the linear value, in float32 as rgb8_to_lab.
_Y_TABLES = (srgb_to_linear(np.arange(256) / 255.0)[None, :] * (XYZ_FROM_SRGB[1] / D65_WHITE_XYZ[1])[:, None]).astype(
    np.float32
)


def rgb8_to_lightness(rgb8: npt.NDArray[np.uint8]) -> npt.NDArray[np.float32]:
    """CIELAB L* (D65, 2°) of 8-bit sRGB pixels, shape (..., 3) → (...) float32, 0–100.

    The L* of `rgb8_to_lab` (the same float32 arithmetic, within one float32 step, 2e-5) from
    three 256-entry tables and one cube root, without a* and b*: about 3× faster, for the rules
    that read lightness only (issue 14).
    """
    codes = np.asarray(rgb8, dtype=np.uint8)
    y = _Y_TABLES[0][codes[..., 0]]
    y += _Y_TABLES[1][codes[..., 1]]
    y += _Y_TABLES[2][codes[..., 2]]
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
    """CIEDE2000 colour difference (ΔE00, kL = kC = kH = 1) between Lab arrays (broadcast)."""
    from skimage.color import deltaE_ciede2000

    a = np.asarray(lab1, dtype=np.float64)
    b = np.asarray(lab2, dtype=np.float64)
    a, b = np.broadcast_arrays(a, b)
    return np.asarray(deltaE_ciede2000(a, b, channel_axis=-1))


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


# ---- white point and correlated colour temperature ----------------------------------------
# CIE 1931 2° standard observer colour-matching functions x̄, ȳ, z̄ at 5 nm from 360 to 830 nm
# (CIE 015:2018, Table 1, every fifth row; as tabulated in colour-science 0.4).
_CMF_START_NM, _CMF_STEP_NM = 360.0, 5.0
_CIE1931_CMF = np.array(
    [
        (0.0001299, 3.917e-06, 0.0006061),  # 360
        (0.0002321, 6.965e-06, 0.001086),  # 365
        (0.0004149, 1.239e-05, 0.001946),  # 370
        (0.0007416, 2.202e-05, 0.003486),  # 375
        (0.001368, 3.9e-05, 0.00645),  # 380
        (0.002236, 6.4e-05, 0.01055),  # 385
        (0.004243, 0.00012, 0.02005),  # 390
        (0.00765, 0.000217, 0.03621),  # 395
        (0.01431, 0.000396, 0.06785),  # 400
        (0.02319, 0.00064, 0.1102),  # 405
        (0.04351, 0.00121, 0.2074),  # 410
        (0.07763, 0.00218, 0.3713),  # 415
        (0.13438, 0.004, 0.6456),  # 420
        (0.21477, 0.0073, 1.03905),  # 425
        (0.2839, 0.0116, 1.3856),  # 430
        (0.3285, 0.01684, 1.62296),  # 435
        (0.34828, 0.023, 1.74706),  # 440
        (0.34806, 0.0298, 1.7826),  # 445
        (0.3362, 0.038, 1.77211),  # 450
        (0.3187, 0.048, 1.7441),  # 455
        (0.2908, 0.06, 1.6692),  # 460
        (0.2511, 0.0739, 1.5281),  # 465
        (0.19536, 0.09098, 1.28764),  # 470
        (0.1421, 0.1126, 1.0419),  # 475
        (0.09564, 0.13902, 0.81295),  # 480
        (0.05795, 0.1693, 0.6162),  # 485
        (0.03201, 0.20802, 0.46518),  # 490
        (0.0147, 0.2586, 0.3533),  # 495
        (0.0049, 0.323, 0.272),  # 500
        (0.0024, 0.4073, 0.2123),  # 505
        (0.0093, 0.503, 0.1582),  # 510
        (0.0291, 0.6082, 0.1117),  # 515
        (0.06327, 0.71, 0.07825),  # 520
        (0.1096, 0.7932, 0.05725),  # 525
        (0.1655, 0.862, 0.04216),  # 530
        (0.22575, 0.91485, 0.02984),  # 535
        (0.2904, 0.954, 0.0203),  # 540
        (0.3597, 0.9803, 0.0134),  # 545
        (0.43345, 0.99495, 0.00875),  # 550
        (0.51205, 1, 0.00575),  # 555
        (0.5945, 0.995, 0.0039),  # 560
        (0.6784, 0.9786, 0.00275),  # 565
        (0.7621, 0.952, 0.0021),  # 570
        (0.8425, 0.9154, 0.0018),  # 575
        (0.9163, 0.87, 0.00165),  # 580
        (0.9786, 0.8163, 0.0014),  # 585
        (1.0263, 0.757, 0.0011),  # 590
        (1.0567, 0.6949, 0.001),  # 595
        (1.0622, 0.631, 0.0008),  # 600
        (1.0456, 0.5668, 0.0006),  # 605
        (1.0026, 0.503, 0.00034),  # 610
        (0.9384, 0.4412, 0.00024),  # 615
        (0.85445, 0.381, 0.00019),  # 620
        (0.7514, 0.321, 0.0001),  # 625
        (0.6424, 0.265, 5e-05),  # 630
        (0.5419, 0.217, 3e-05),  # 635
        (0.4479, 0.175, 2e-05),  # 640
        (0.3608, 0.1382, 1e-05),  # 645
        (0.2835, 0.107, -1.90582e-21),  # 650
        (0.2187, 0.0816, 0),  # 655
        (0.1649, 0.061, 0),  # 660
        (0.1212, 0.04458, 0),  # 665
        (0.0874, 0.032, 0),  # 670
        (0.0636, 0.0232, 0),  # 675
        (0.04677, 0.017, 0),  # 680
        (0.0329, 0.01192, 0),  # 685
        (0.0227, 0.00821, 0),  # 690
        (0.01584, 0.005723, 0),  # 695
        (0.0113592, 0.004102, 0),  # 700
        (0.00811092, 0.002929, 0),  # 705
        (0.00579035, 0.002091, 0),  # 710
        (0.00410946, 0.001484, 0),  # 715
        (0.00289933, 0.001047, 0),  # 720
        (0.00204919, 0.00074, 0),  # 725
        (0.00143997, 0.00052, 0),  # 730
        (0.000999949, 0.0003611, 0),  # 735
        (0.000690079, 0.0002492, 0),  # 740
        (0.000476021, 0.0001719, 0),  # 745
        (0.000332301, 0.00012, 0),  # 750
        (0.000234826, 8.48e-05, 0),  # 755
        (0.00016615, 6e-05, 0),  # 760
        (0.000117413, 4.24e-05, 0),  # 765
        (8.30753e-05, 3e-05, 0),  # 770
        (5.87065e-05, 2.12e-05, 0),  # 775
        (4.15099e-05, 1.499e-05, 0),  # 780
        (2.93533e-05, 1.06e-05, 0),  # 785
        (2.06738e-05, 7.4657e-06, 0),  # 790
        (1.45598e-05, 5.2578e-06, 0),  # 795
        (1.0254e-05, 3.7029e-06, 0),  # 800
        (7.22146e-06, 2.6078e-06, 0),  # 805
        (5.08587e-06, 1.8366e-06, 0),  # 810
        (3.58165e-06, 1.2934e-06, 0),  # 815
        (2.52252e-06, 9.1093e-07, 0),  # 820
        (1.77651e-06, 6.4153e-07, 0),  # 825
        (1.25114e-06, 4.5181e-07, 0),  # 830
    ]
)
# Second radiation constant c2 = hc/k in m·K, the value CIE 015:2018 uses for Planckian
# radiators (ITS-90); Ohno (2013) builds his Planckian table with it.
_PLANCK_C2 = 1.4388e-2
# CCT range of the Planckian table (K) and its step: Ohno (2013) uses 1 % steps, for which the
# combined triangular/parabolic solution errs by under 1 K below 20,000 K and 0.01 % above.
CCT_RANGE_K = (1000.0, 100_000.0)
_TABLE_STEP = 1.01
# Beyond |Duv| = 0.05 a correlated colour temperature has no meaning (CIE 015:2018 §9.5);
# Ohno's solution switches from triangular to parabolic at |Duv| = 0.002 (Ohno 2013, §3).
MAX_CCT_DUV = 0.05
_OHNO_PARABOLIC_DUV = 0.002
# Ohno (2013)'s correction factor of the parabolic CCT for a table of 1 % steps.
_OHNO_PARABOLIC_CORRECTION = 0.99991


def linear_rgb_to_xy(linear_rgb: npt.ArrayLike) -> tuple[float, float] | None:
    """CIE 1931 xy chromaticity of one linear-RGB colour (sRGB primaries, D65).

    Returns None for black (X + Y + Z = 0), whose chromaticity is undefined.
    """
    xyz = LINEAR_RGB_TO_XYZ @ np.asarray(linear_rgb, dtype=np.float64).reshape(3)
    total = float(xyz.sum())
    if total <= 0:
        return None
    return float(xyz[0] / total), float(xyz[1] / total)


def xy_to_uv(x: float, y: float) -> tuple[float, float]:
    """CIE 1960 UCS (u, v) of CIE 1931 xy: u = 4x / (−2x + 12y + 3), v = 6y / (−2x + 12y + 3)."""
    d = -2.0 * x + 12.0 * y + 3.0
    return 4.0 * x / d, 6.0 * y / d


def uv_to_xy(u: float, v: float) -> tuple[float, float]:
    """CIE 1931 xy of CIE 1960 (u, v): x = 3u / (2u − 8v + 4), y = 2v / (2u − 8v + 4)."""
    d = 2.0 * u - 8.0 * v + 4.0
    return 3.0 * u / d, 2.0 * v / d


def planckian_uv(kelvin: npt.ArrayLike) -> tuple[FloatArray, FloatArray]:
    """CIE 1960 (u, v) of black bodies at `kelvin` (any shape, > 0), by Planck's law.

    Planck's spectral radiance λ⁻⁵ / (exp(c2 / λT) − 1) is summed against the CIE 1931 2°
    colour-matching functions at 5 nm from 360 to 830 nm; constant factors cancel in u, v.
    Exact to about 1e-6 in u, v (the 5-nm summation), at any temperature.
    """
    t = np.asarray(kelvin, dtype=np.float64)
    metres = (_CMF_START_NM + _CMF_STEP_NM * np.arange(len(_CIE1931_CMF))) * 1e-9
    exponent = _PLANCK_C2 / (metres * t[..., None])
    # Scaled by λ⁻⁵ of the shortest wavelength so that nothing overflows or underflows.
    spectrum = (metres[0] / metres) ** 5 / np.expm1(np.minimum(exponent, 700.0))
    x, y, z = np.moveaxis(spectrum @ _CIE1931_CMF, -1, 0)
    d = x + 15.0 * y + 3.0 * z
    return 4.0 * x / d, 6.0 * y / d


def planckian_xy(kelvin: float, *, duv: float = 0.0) -> tuple[float, float]:
    """CIE 1931 xy of a black body at `kelvin`, moved `duv` off the locus in CIE 1960 uv.

    Positive `duv` is above the locus (towards green), negative below (towards magenta), along
    the locus's normal, as ANSI C78.377 and Ohno (2013) define Duv. Used to build test images
    lit by a known illuminant.
    """
    u, v = (float(c) for c in planckian_uv(kelvin))
    du, dv = (float(c) for c in planckian_uv(kelvin * 1.0001))
    tangent = np.array([du - u, dv - v]) / np.hypot(du - u, dv - v)
    # The normal pointing to larger v: the tangent runs towards lower v as T rises, so turning
    # it by −90° (x, y) → (y, −x) would point below; this one points above.
    normal = np.array([-tangent[1], tangent[0]])
    normal = normal if normal[1] > 0 else -normal
    return uv_to_xy(u + duv * normal[0], v + duv * normal[1])


class Cct(NamedTuple):
    """Correlated colour temperature and Duv of a chromaticity (Ohno 2013).

    `kelvin` is None when the estimate falls outside CCT_RANGE_K or |duv| > MAX_CCT_DUV;
    `out_of_range` then says which ("below 1000 K", "above 100000 K", "off the locus").
    """

    kelvin: float | None
    duv: float
    out_of_range: str | None


@functools.cache
def _planck_table() -> tuple[FloatArray, FloatArray, FloatArray]:
    """Ohno's Planckian table: temperatures in 1 % steps over CCT_RANGE_K (one step beyond
    each end), and their (u, v); built once per process (≈ 470 rows, under a millisecond)."""
    lo, hi = CCT_RANGE_K
    count = int(np.ceil(np.log(hi / lo) / np.log(_TABLE_STEP))) + 3
    kelvin = np.asarray(lo / _TABLE_STEP * _TABLE_STEP ** np.arange(count), dtype=np.float64)
    u, v = planckian_uv(kelvin)
    return kelvin, u, v


def cct_ohno(x: float, y: float) -> Cct:
    """CCT (K) and Duv of CIE 1931 xy by Ohno's combined triangular–parabolic method.

    Notes
    -----
    The chromaticity is taken to CIE 1960 uv and compared with a table of the Planckian locus in
    1 % temperature steps. Around the nearest entry, the triangular solution is used for
    |Duv| < 0.002 and the parabolic one otherwise (Ohno 2013, eqs. 4–12). Duv is the signed
    distance from the locus in uv: positive above it (greenish), negative below (pinkish).
    Accurate to about 1 K below 20,000 K (0.01 % above) over 1,000–100,000 K.

    References
    ----------
    Ohno, Y. (2013). Practical use and calculation of CCT and Duv. LEUKOS 10(1), 47–55.
    ANSI C78.377-2017, Specifications for the chromaticity of solid-state lighting products.
    """
    u, v = xy_to_uv(x, y)
    kelvin, pu, pv = _planck_table()
    d = np.hypot(pu - u, pv - v)
    m = int(np.argmin(d))
    if m == 0 or m == len(kelvin) - 1:
        side = "below" if m == 0 else "above"
        edge = CCT_RANGE_K[0] if m == 0 else CCT_RANGE_K[1]
        return Cct(None, _signed(float(d[m]), v - float(pv[m])), f"{side} {edge:.0f} K")
    t, duv = _ohno_triangular(kelvin, pu, pv, d, m, u, v)
    if abs(duv) >= _OHNO_PARABOLIC_DUV:
        t, duv = _ohno_parabolic(kelvin, d, m, v)
    if abs(duv) > MAX_CCT_DUV:
        return Cct(None, duv, "off the locus")
    lo, hi = CCT_RANGE_K
    if t < lo:
        return Cct(None, duv, f"below {lo:.0f} K")
    if t > hi:
        return Cct(None, duv, f"above {hi:.0f} K")
    return Cct(t, duv, None)


def _signed(distance: float, above: float) -> float:
    return distance if above >= 0 else -distance


def _ohno_triangular(
    kelvin: FloatArray, pu: FloatArray, pv: FloatArray, d: FloatArray, m: int, u: float, v: float
) -> tuple[float, float]:
    """Ohno (2013) eqs. 4–7: CCT and Duv from the triangle of entries m − 1, m + 1 and the point."""
    length = float(np.hypot(pu[m + 1] - pu[m - 1], pv[m + 1] - pv[m - 1]))
    x = (d[m - 1] ** 2 - d[m + 1] ** 2 + length**2) / (2 * length)
    t = kelvin[m - 1] + (kelvin[m + 1] - kelvin[m - 1]) * x / length
    v_locus = pv[m - 1] + (pv[m + 1] - pv[m - 1]) * x / length
    return float(t), _signed(float(np.sqrt(max(d[m - 1] ** 2 - x**2, 0.0))), v - float(v_locus))


def _ohno_parabolic(kelvin: FloatArray, d: FloatArray, m: int, v: float) -> tuple[float, float]:
    """Ohno (2013) eqs. 8–12: a parabola through the distances at entries m − 1, m, m + 1."""
    t0, t1, t2 = kelvin[m - 1 : m + 2]
    d0, d1, d2 = d[m - 1 : m + 2]
    denominator = (t2 - t1) * (t0 - t2) * (t1 - t0)
    a = (t0 * (d2 - d1) + t1 * (d0 - d2) + t2 * (d1 - d0)) / denominator
    b = -(t0**2 * (d2 - d1) + t1**2 * (d0 - d2) + t2**2 * (d1 - d0)) / denominator
    c = -(d0 * (t2 - t1) * t1 * t2 + d1 * (t0 - t2) * t0 * t2 + d2 * (t1 - t0) * t0 * t1) / denominator
    t = -b / (2 * a)
    v_locus = float(planckian_uv(t)[1])
    return float(t * _OHNO_PARABOLIC_CORRECTION), _signed(float(a * t**2 + b * t + c), v - v_locus)


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
    rgb = np.asarray(srgb_255, dtype=np.float64).reshape(-1, 3)
    rg = rgb[:, 0] - rgb[:, 1]
    yb = 0.5 * (rgb[:, 0] + rgb[:, 1]) - rgb[:, 2]
    spread = np.hypot(rg.std(), yb.std())
    mean = np.hypot(rg.mean(), yb.mean())
    return float(spread + _HASLER_MEAN_WEIGHT * mean)


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
