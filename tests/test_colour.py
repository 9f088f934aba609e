"""stylelint.colour against published reference values (WCAG, Sharma–Wu–Dalal, Ohno, Hasler)."""

from __future__ import annotations

import numpy as np
import pytest

from stylelint.cct import cct_ohno, planckian_uv, planckian_xy
from stylelint.colour import (
    colourfulness,
    contrast_ratio,
    delta_e_2000,
    delta_e_to_each,
    hex_to_srgb,
    linear_rgb_to_xy,
    relative_luminance,
    xy_to_linear_rgb,
)


def _ratio(fg: str, bg: str) -> float:
    return float(contrast_ratio(relative_luminance(hex_to_srgb(fg)), relative_luminance(hex_to_srgb(bg))))


def test_wcag_black_on_white_is_21():
    # (1 + 0.05) / (0 + 0.05) = 21 exactly.
    assert _ratio("#000000", "#FFFFFF") == pytest.approx(21.0, abs=1e-9)


def test_wcag_767676_on_white_is_4_54():
    # #767676 is the lightest grey that passes AA on white; WebAIM and WCAG give 4.54:1
    # (rounded to 2 decimals, hence abs=0.005).
    assert _ratio("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.005)


# Sharma, Wu & Dalal (2005), "The CIEDE2000 color-difference formula: implementation notes,
# supplementary test data, and mathematical observations", Table 1: pairs 1, 2, 7, 17, 19, 25, 34.
SHARMA_PAIRS = [
    ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
    ((50.0, 3.1571, -77.2803), (50.0, 0.0, -82.7485), 2.8615),
    ((50.0, 0.0, 0.0), (50.0, -1.0, 2.0), 2.3669),
    ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),
    ((50.0, 2.5, 0.0), (56.0, -27.0, -3.0), 31.9030),
    ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
    ((2.0776, 0.0795, -1.1350), (0.9033, -0.0636, -0.5514), 0.9082),
]


@pytest.mark.parametrize("lab1, lab2, expected", SHARMA_PAIRS)
def test_ciede2000_sharma_wu_dalal(lab1, lab2, expected):
    # The table gives 4 decimals, so agreement to half a unit of the last place.
    assert float(delta_e_2000(lab1, lab2)) == pytest.approx(expected, abs=5e-5)


def test_delta_e_to_each_has_one_column_per_target():
    pixels = np.array([pair[0] for pair in SHARMA_PAIRS])
    targets = np.array([SHARMA_PAIRS[0][1], SHARMA_PAIRS[2][1]])
    table = delta_e_to_each(pixels, targets)
    assert table.shape == (len(SHARMA_PAIRS), 2)
    assert table[0, 0] == pytest.approx(2.0425, abs=5e-5)  # pair 1 again
    assert table[2, 1] == pytest.approx(2.3669, abs=5e-5)  # pair 7 again


def test_ohno_at_d65():
    # D65 (x, y) = (0.31271, 0.32902): CCT 6504 K, Duv +0.0032 (CIE 015:2018; Ohno 2013, Table 3).
    cct = cct_ohno(0.31271, 0.32902)
    assert cct.kelvin == pytest.approx(6504, abs=2) and cct.duv == pytest.approx(0.0032, abs=1e-4)


def test_ohno_at_illuminant_a():
    # CIE illuminant A is a 2856 K black body, (x, y) = (0.44757, 0.40745): on the locus.
    cct = cct_ohno(0.44757, 0.40745)
    assert cct.kelvin == pytest.approx(2856, abs=2) and cct.duv == pytest.approx(0.0, abs=1e-4)


def test_white_linear_rgb_is_d65():
    # sRGB white is D65 by definition, so grey-world white reads 6504 K.
    assert cct_ohno(*linear_rgb_to_xy([1.0, 1.0, 1.0])).kelvin == pytest.approx(6504, abs=2)
    assert linear_rgb_to_xy([0.0, 0.0, 0.0]) is None


def test_planckian_uv_matches_published_values():
    # CIE 1960 uv of black bodies from Planck's law and the CIE 1931 observer at 1 nm
    # (colour-science 0.4.7 sd_blackbody → sd_to_XYZ); the 5-nm sum differs by under 1e-4 at 1000 K.
    reference = {
        1000: (0.44796, 0.35463),
        3000: (0.25057, 0.34759),
        6500: (0.20045, 0.31036),
        100_000: (0.18066, 0.26589),
    }
    for kelvin, uv in reference.items():
        assert [float(c) for c in planckian_uv(kelvin)] == pytest.approx(uv, abs=1e-4)


@pytest.mark.parametrize("kelvin", [1000, 1500, 2000, 2856, 4000, 6500, 10_000, 20_000, 50_000, 100_000])
@pytest.mark.parametrize("duv", [-0.03, -0.01, -0.001, 0.0, 0.001, 0.01, 0.03])
def test_ohno_inverts_the_locus_over_1000_to_100000_k(kelvin, duv):
    # planckian_xy and cct_ohno share the table's Planck sums, so what is checked is Ohno's
    # interpolation: within 0.02 % in T (Ohno 2013 reports < 1 K below 20,000 K with 1 % steps)
    # and 1e-5 in Duv. At exactly an end of the range, a point may read just beyond it.
    cct = cct_ohno(*planckian_xy(kelvin, duv=duv))
    if cct.kelvin is None:
        assert cct.out_of_range == {1000: "below 1000 K", 100_000: "above 100000 K"}[kelvin]
        return
    assert cct.kelvin == pytest.approx(kelvin, rel=2e-4)
    assert cct.duv == pytest.approx(duv, abs=1e-5)


def test_ohno_says_when_out_of_range():
    # A deep blue beyond the infinite-temperature end of the locus, a red beyond 1000 K, and a
    # green 0.07 above the locus (no CCT beyond |Duv| 0.05, CIE 015:2018).
    assert cct_ohno(0.2, 0.2).out_of_range == "above 100000 K"
    assert cct_ohno(0.65, 0.33).out_of_range == "below 1000 K"
    green = cct_ohno(*planckian_xy(5000, duv=0.07))
    assert green.kelvin is None and green.out_of_range == "off the locus"
    assert green.duv == pytest.approx(0.07, abs=1e-3)  # the parabola, extrapolated beyond 0.05


def test_xy_to_linear_rgb_round_trips():
    x, y = planckian_xy(3200)
    assert linear_rgb_to_xy(xy_to_linear_rgb(x, y, luminance=0.5)) == pytest.approx((x, y), abs=1e-12)


def test_colourfulness_of_grey_is_zero():
    greys = np.repeat(np.linspace(0, 255, 50)[:, None], 3, axis=1)
    assert colourfulness(greys) == pytest.approx(0.0, abs=1e-12)


def test_colourfulness_of_red_black_halves():
    # rg ∈ {255, 0} and yb ∈ {127.5, 0}: σ = μ = (127.5, 63.75), so
    # M = (1 + 0.3) · hypot(127.5, 63.75) = 185.30…; exact arithmetic, float tolerance.
    pixels = np.array([[255, 0, 0], [0, 0, 0]] * 10, dtype=float)
    assert colourfulness(pixels) == pytest.approx(1.3 * np.hypot(127.5, 63.75), abs=1e-9)
    # The same pixels as 8-bit codes take the histogram path: the same number.
    assert colourfulness(pixels.astype(np.uint8)) == pytest.approx(1.3 * np.hypot(127.5, 63.75), abs=1e-9)


def test_colourfulness_of_codes_matches_the_float_formula():
    # The 8-bit path sums whole numbers exactly; the float path rounds each pixel's rg and yb
    # and their sums: the two agree to float64 rounding of the sums (1e-9 on 0–250).
    codes = np.random.default_rng(5).integers(0, 256, (300, 200, 3)).astype(np.uint8)
    assert colourfulness(codes) == pytest.approx(colourfulness(codes.astype(np.float64)), abs=1e-9)
    assert colourfulness(np.full((4, 4, 3), 77, dtype=np.uint8)) == 0.0


def test_rgb8_to_lab_agrees_with_scikit_image_on_every_fifth_code():
    # The fast 8-bit path must give scikit-image's numbers; float32 arithmetic bounds the error
    # near 1e-4 in L*, a* and b*, far below 1 ΔE (the smallest difference a person sees).
    import numpy as np

    from stylelint.colour import rgb8_to_lab, rgb_to_lab

    codes = np.arange(0, 256, 5, dtype=np.uint8)
    grid = np.stack(np.meshgrid(codes, codes, codes, indexing="ij"), axis=-1).reshape(-1, 3)
    assert np.abs(rgb8_to_lab(grid) - rgb_to_lab(grid / 255.0)).max() < 1e-3


def test_lab_and_luma_constants_are_scikit_images():
    # Written out so that no process imports skimage.color for them (issue 14); they must stay
    # scikit-image's exactly, or every L*, a*, b* and luma value would move.
    from skimage.color.colorconv import xyz_from_rgb, xyz_tristimulus_values

    from stylelint.colour import D65_WHITE_XYZ, XYZ_FROM_SRGB

    assert np.array_equal(XYZ_FROM_SRGB, xyz_from_rgb)
    assert np.array_equal(D65_WHITE_XYZ, xyz_tristimulus_values(illuminant="D65", observer="2"))


def test_rgb_to_lab_and_gray_agree_with_scikit_image():
    # Same formula and constants in float64: only the order of rounding differs (about 1e-13).
    from skimage.color import rgb2gray, rgb2lab

    from stylelint.colour import LUMA_WEIGHTS, rgb_to_lab

    values = np.random.default_rng(0).random((500, 1, 3))
    values[:10] = 0.0  # black and the linear segment of f(t)
    values[10:20] *= 0.01
    assert np.abs(rgb_to_lab(values) - rgb2lab(values)).max() < 1e-9
    assert np.abs(values @ LUMA_WEIGHTS - rgb2gray(values)).max() < 1e-12


def test_lab_to_rgb_inverts_rgb_to_lab():
    # Every 17th code of each channel: the round trip is exact up to float rounding, and
    # scikit-image's lab2rgb (the reference formula) agrees.
    from skimage.color import lab2rgb

    from stylelint.colour import lab_to_rgb, rgb_to_lab

    codes = np.arange(0, 256, 17) / 255.0
    srgb = np.stack(np.meshgrid(codes, codes, codes), axis=-1).reshape(-1, 3)
    lab = rgb_to_lab(srgb)
    assert np.abs(lab_to_rgb(lab) - srgb).max() < 1e-6
    assert np.abs(lab_to_rgb(lab) - lab2rgb(lab.reshape(-1, 1, 3)).reshape(-1, 3)).max() < 1e-6
    # Outside every gamut, too: a yellow beyond any light (f(Z/Zn) < 0) is read as scikit-image
    # reads it, Z = 0, so dominant colours' hex codes did not change when it replaced lab2rgb.
    rng = np.random.default_rng(0)
    wild = np.column_stack([rng.uniform(0, 100, 5000), rng.uniform(-128, 127, 5000), rng.uniform(-128, 127, 5000)])
    with pytest.warns(UserWarning):  # scikit-image says it clipped negative Z values
        reference = np.clip(lab2rgb(wild.reshape(-1, 1, 3)).reshape(-1, 3), 0, 1)
    assert np.abs(lab_to_rgb(wild) - reference).max() < 1e-5


def test_codes_to_lab_and_mean_linear_rgb_give_the_numbers_of_the_float_path():
    from stylelint.colour import codes_to_lab, mean_linear_rgb, rgb_to_lab, srgb_to_linear

    # The table holds srgb_to_linear(code / 255) itself, so the Lab is the same float64 numbers;
    # a mean from per-channel histograms differs from the pixel-by-pixel average only in the order
    # of the sums (float rounding, far below 1e-12).
    codes = np.random.default_rng(5).integers(0, 256, size=(64, 48, 3)).astype(np.uint8)
    assert np.array_equal(codes_to_lab(codes), rgb_to_lab(codes / 255.0))
    weights = np.random.default_rng(6).uniform(0, 1, size=(64, 48))
    linear = srgb_to_linear(codes / 255.0).reshape(-1, 3)
    assert mean_linear_rgb(codes) == pytest.approx(linear.mean(axis=0), abs=1e-12)
    assert mean_linear_rgb(codes, weights) == pytest.approx(
        np.average(linear, axis=0, weights=weights.reshape(-1)), abs=1e-12
    )


def test_ciede2000_agrees_with_scikit_image():
    # The same equations in another order of float operations: equal within 1e-9 ΔE00, on random
    # pairs over the whole Lab range and on the special cases (a zero chroma, hues 180° apart,
    # opposite sides of 0°/360°, identical colours).
    from skimage.color import deltaE_ciede2000

    rng = np.random.default_rng(7)
    one = np.column_stack([rng.uniform(0, 100, 5000), rng.uniform(-128, 127, (5000, 2))])
    two = np.column_stack([rng.uniform(0, 100, 5000), rng.uniform(-128, 127, (5000, 2))])
    special = np.array(
        [
            [[50, 0, 0], [60, 10, -10]],
            [[50, 20, 0], [50, -20, 0]],
            [[50, 10, -1], [50, 10, 1]],
            [[50, 0, 30], [50, 0, -30]],
            [[40, 5, 5], [40, 5, 5]],
            [[0, 0, 0], [100, 0, 0]],
        ],
        dtype=float,
    )
    one, two = np.concatenate([one, special[:, 0]]), np.concatenate([two, special[:, 1]])
    assert np.abs(delta_e_2000(one, two) - deltaE_ciede2000(one, two)).max() <= 1e-9
    assert delta_e_2000([50, 0, 0], [[50, 0, 0], [60, 0, 0]]).shape == (2,)  # broadcast
