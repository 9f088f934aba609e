"""stylelint.colour against published reference values (WCAG, Sharma–Wu–Dalal, McCamy, Hasler)."""

from __future__ import annotations

import numpy as np
import pytest

from stylelint.colour import (
    colourfulness,
    contrast_ratio,
    delta_e_2000,
    delta_e_to_each,
    hex_to_srgb,
    linear_rgb_to_xy,
    mccamy_cct,
    planckian_xy,
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


def test_mccamy_at_d65_is_6504_k():
    # D65 (x, y) = (0.31271, 0.32902), CCT 6504 K; McCamy is within ~2 K there.
    assert mccamy_cct(0.31271, 0.32902) == pytest.approx(6504, abs=3)


def test_mccamy_at_illuminant_a_is_2856_k():
    # CIE illuminant A, a 2856 K black body, (x, y) = (0.44757, 0.40745); McCamy ~2 K off.
    assert mccamy_cct(0.44757, 0.40745) == pytest.approx(2856, abs=3)


def test_white_linear_rgb_is_d65():
    # sRGB white is D65 by definition, so grey-world white reads 6504 K.
    assert mccamy_cct(*linear_rgb_to_xy([1.0, 1.0, 1.0])) == pytest.approx(6504, abs=3)
    assert linear_rgb_to_xy([0.0, 0.0, 0.0]) is None


@pytest.mark.parametrize("kelvin, tolerance", [(2500, 40), (3000, 20), (4000, 15), (5000, 15), (6500, 10), (8000, 40)])
def test_mccamy_follows_the_planckian_locus(kelvin, tolerance):
    # Kim et al.'s spline of the locus and McCamy's cubic each deviate a few K to tens of K
    # from exact CCT (more towards the ends of the range), hence the per-point tolerance.
    assert mccamy_cct(*planckian_xy(kelvin)) == pytest.approx(kelvin, abs=tolerance)


def test_xy_to_linear_rgb_round_trips():
    x, y = planckian_xy(3200)
    assert linear_rgb_to_xy(xy_to_linear_rgb(x, y, luminance=0.5)) == pytest.approx((x, y), abs=1e-12)


def test_planckian_xy_refuses_out_of_range():
    with pytest.raises(ValueError):
        planckian_xy(1000)


def test_colourfulness_of_grey_is_zero():
    greys = np.repeat(np.linspace(0, 255, 50)[:, None], 3, axis=1)
    assert colourfulness(greys) == pytest.approx(0.0, abs=1e-12)


def test_colourfulness_of_red_black_halves():
    # rg ∈ {255, 0} and yb ∈ {127.5, 0}: σ = μ = (127.5, 63.75), so
    # M = (1 + 0.3) · hypot(127.5, 63.75) = 185.30…; exact arithmetic, float tolerance.
    pixels = np.array([[255, 0, 0], [0, 0, 0]] * 10, dtype=float)
    assert colourfulness(pixels) == pytest.approx(1.3 * np.hypot(127.5, 63.75), abs=1e-9)


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
