"""Correlated colour temperature and Duv: the Planckian locus and Ohno's (2013) method.

Written once here for `color-temperature`, `consistency` and `stylelint.testing`. Chromaticity
is CIE 1931 xy (2° observer) and CIE 1960 UCS uv; temperatures are in kelvin.
"""

from __future__ import annotations

import functools
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]

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
