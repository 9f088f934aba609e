"""color-temperature: grey-world CCT and Duv (Ohno 2013) of neutral surfaces and photographs
under known illuminants and tints."""

from __future__ import annotations

import numpy as np
import pytest

from stylelint import testing
from stylelint.analysis import Analysis
from stylelint.cct import planckian_xy
from stylelint.colour import srgb_to_linear, xy_to_linear_rgb
from stylelint.rules.color_temperature import RULE

SIZE = (200, 100)  # long edge = max_side: the working copy is the image itself
ANALYSIS = Analysis(max_side=200)


def _run(tmp_path, image, **raw):
    return testing.run_rule(RULE, testing.write(tmp_path / "i.png", image), raw, analysis=ANALYSIS)


def test_white_is_d65(tmp_path):
    # sRGB white is D65 by definition: 6504 K, Duv +0.0032 (CIE 015:2018).
    measured, verdict = _run(tmp_path, testing.solid(SIZE, "#FFFFFF"), min_kelvin=6000, max_kelvin=7000)
    assert measured["kelvin"] == pytest.approx(6504, abs=2)
    assert measured["duv"] == pytest.approx(0.0032, abs=1e-4)
    assert measured["out_of_range"] is None and verdict.passed


@pytest.mark.parametrize("kelvin", [2000, 3000, 5000, 6500, 10_000, 15_000, 20_000])
def test_grey_under_a_planckian_illuminant_reads_within_3_percent(tmp_path, kelvin):
    # The bar is ±3 %; the method itself is exact to 0.02 % (test_colour.py), and 8-bit
    # rounding of the one test colour moves it by up to ~1 % at 20,000 K, hence rel=0.015.
    measured, _ = _run(tmp_path, testing.planckian_grey(SIZE, kelvin), min_kelvin=1000)
    assert measured["kelvin"] == pytest.approx(kelvin, rel=0.015)
    assert measured["duv"] == pytest.approx(0.0, abs=0.001)


@pytest.mark.parametrize("kelvin", [3500, 5000, 10_000, 20_000])
@pytest.mark.parametrize("duv", [-0.02, 0.02])
def test_tint_reads_with_its_sign_and_size(tmp_path, kelvin, duv):
    # 8-bit rounding moves Duv by under 0.001 here, so a ±0.02 tint reads 0.02 ± 0.001; green
    # (+) and magenta (−) keep the temperature within 1.5 %.
    measured, _ = _run(tmp_path, testing.planckian_grey(SIZE, kelvin, duv=duv), min_kelvin=1000)
    assert measured["duv"] == pytest.approx(duv, abs=0.001)
    assert measured["kelvin"] == pytest.approx(kelvin, rel=0.015)


def _lit_by(photo, kelvin, duv=0.0):
    """`photo` white-balanced to grey world, then lit by the illuminant (kelvin, duv): each linear
    channel is scaled so that the mean colour has exactly the illuminant's chromaticity."""
    linear = srgb_to_linear(photo / 255.0)
    illuminant = xy_to_linear_rgb(*planckian_xy(kelvin, duv=duv))
    gains = illuminant / linear.reshape(-1, 3).mean(axis=0)
    return testing.colour_cast(photo, tuple(gains / gains.max() * 0.9))


@pytest.mark.parametrize("kelvin, duv", [(3200, 0.0), (5000, 0.01), (9000, -0.01), (15_000, 0.0)])
def test_photo_under_a_known_illuminant(tmp_path, kelvin, duv):
    # A real photograph whose mean colour is set to the illuminant's chromaticity (grey world
    # holds by construction). Gains ≤ 0.9 leave only a few clipped pixels of the brightest
    # parts, and 8-bit rounding averages out over 65,536 pixels: within 1 % and 0.002 Duv.
    photo = testing.photo("astronaut")[::2, ::2]
    path = testing.write(tmp_path / "c.png", _lit_by(photo, kelvin, duv))
    measured, _ = testing.run_rule(RULE, path, {"min_kelvin": 1000}, analysis=Analysis(max_side=256))
    assert measured["kelvin"] == pytest.approx(kelvin, rel=0.01)
    assert measured["duv"] == pytest.approx(duv, abs=0.002)


def test_warm_cast_fails_a_daylight_spec(tmp_path):
    measured, verdict = _run(tmp_path, testing.planckian_grey(SIZE, 3000), min_kelvin=4500, max_kelvin=7000)
    assert not verdict.passed and verdict.expected == {"min_kelvin": 4500, "max_kelvin": 7000}


def test_duv_bound_fails_a_green_cast_at_neutral_temperature(tmp_path):
    # The "strongly green image reads a neutral 5,335 K": now its tint fails.
    measured, verdict = _run(tmp_path, testing.planckian_grey(SIZE, 5300, duv=0.03), max_abs_duv=0.01)
    assert measured["duv"] == pytest.approx(0.03, abs=0.001)
    assert not verdict.passed and verdict.expected == {"max_abs_duv": 0.01}
    assert _run(tmp_path, testing.planckian_grey(SIZE, 5300, duv=0.005), max_abs_duv=0.01)[1].passed


def test_bounds_are_inclusive(tmp_path):
    path = testing.write(tmp_path / "i.png", testing.planckian_grey(SIZE, 5000, duv=-0.01))
    measured = testing.run_rule(RULE, path, {"min_kelvin": 1000}, analysis=ANALYSIS)[0]
    k, duv = measured["kelvin"], abs(measured["duv"])
    for raw, passed in [
        ({"min_kelvin": k}, True),
        ({"min_kelvin": k + 1}, False),
        ({"max_kelvin": k}, True),
        ({"max_kelvin": k - 1}, False),
        ({"max_abs_duv": duv}, True),
        ({"max_abs_duv": duv - 1e-4}, False),
    ]:
        assert testing.run_rule(RULE, path, raw, analysis=ANALYSIS)[1].passed is passed


def test_blue_beyond_the_range_says_so_and_fails_a_maximum(tmp_path):
    # Pure sRGB blue's chromaticity (0.15, 0.06) lies beyond the locus's infinite-temperature
    # end: no number is printed, and it is above any maximum.
    measured, verdict = _run(tmp_path, testing.solid(SIZE, "#2040FF"), max_kelvin=20_000)
    assert measured["kelvin"] is None and measured["out_of_range"] == "above 100000 K"
    assert not verdict.passed
    assert _run(tmp_path, testing.solid(SIZE, "#2040FF"), min_kelvin=3000)[1].passed


def test_off_the_locus_has_no_temperature(tmp_path):
    measured, verdict = _run(tmp_path, testing.solid(SIZE, "#30C040"), min_kelvin=3000)
    assert measured["kelvin"] is None and measured["out_of_range"] == "off the locus"
    assert measured["duv"] > 0.05 and not verdict.passed


def test_black_has_no_temperature_and_passes(tmp_path):
    measured, verdict = _run(tmp_path, testing.solid(SIZE, "#000000"), min_kelvin=5000)
    assert measured["kelvin"] is None and measured["duv"] is None and verdict.passed


def test_out_of_gamut_test_colour_is_refused():
    with pytest.raises(ValueError):
        testing.planckian_grey(SIZE, 2000, duv=0.02)


@pytest.mark.parametrize(
    "raw",
    [
        {},
        {"min_kelvin": 7000, "max_kelvin": 5000},
        {"min_kelvin": 500},
        {"max_kelvin": 200_000},
        {"max_kelvin": "6500K"},
        {"max_abs_duv": -0.01},
        {"min": 5000},
    ],
)
def test_parameter_errors(raw):
    with pytest.raises(ValueError):
        testing.make_params(RULE, raw)


def test_duv_alone_is_a_bound():
    assert testing.make_params(RULE, {"max_abs_duv": 0.01}).max_abs_duv == 0.01
    assert np.isfinite(testing.make_params(RULE, {"max_kelvin": 100_000}).max_kelvin)
