"""color-temperature: grey-world McCamy CCT on neutral surfaces under known illuminants."""

from __future__ import annotations

import pytest

from stylelint import testing
from stylelint.analysis import Analysis
from stylelint.colour import linear_rgb_to_xy, mccamy_cct, srgb_to_linear
from stylelint.rules.color_temperature import RULE

SIZE = (200, 100)  # long edge = max_side: the working copy is the image itself
ANALYSIS = Analysis(max_side=200)


def _run(tmp_path, image, **raw):
    return testing.run_rule(RULE, testing.write(tmp_path / "i.png", image), raw, analysis=ANALYSIS)


def test_white_is_d65(tmp_path):
    # sRGB white is D65 by definition: 6504 K, McCamy within ~2 K there.
    measured, verdict = _run(tmp_path, testing.solid(SIZE, "#FFFFFF"), min_kelvin=6000, max_kelvin=7000)
    assert measured["kelvin"] == pytest.approx(6504, abs=3)
    assert verdict.passed


@pytest.mark.parametrize("kelvin", [3000, 4000, 5000, 6500])
def test_grey_under_a_planckian_illuminant(tmp_path, kelvin):
    # The Planckian spline, McCamy and 8-bit rounding of the test colour each move the CCT by
    # up to ~10–20 K in this range (test_colour.py, testing.planckian_grey), hence abs=30.
    measured, _ = _run(tmp_path, testing.planckian_grey(SIZE, kelvin), min_kelvin=1000)
    assert measured["kelvin"] == pytest.approx(kelvin, abs=30)


@pytest.mark.parametrize("gains", [(1.0, 0.8, 0.55), (0.7, 0.85, 1.0)])
def test_photo_under_a_colour_cast(tmp_path, gains):
    # A linear-light cast multiplies the mean linear RGB by the gains (all ≤ 1, so nothing clips):
    # the expected CCT is McCamy of the original mean times the gains. 8-bit rounding of the
    # cast image averages out over 65 536 pixels, hence abs=2 K.
    photo = testing.photo("astronaut")[::2, ::2]
    mean = srgb_to_linear(photo / 255.0).reshape(-1, 3).mean(axis=0)
    expected = mccamy_cct(*linear_rgb_to_xy(mean * gains))
    measured, _ = testing.run_rule(
        RULE,
        testing.write(tmp_path / "c.png", testing.colour_cast(photo, gains)),
        {"min_kelvin": 1000},
        analysis=Analysis(max_side=256),
    )
    assert measured["kelvin"] == pytest.approx(expected, abs=2)


def test_warm_cast_fails_a_daylight_spec(tmp_path):
    measured, verdict = _run(tmp_path, testing.planckian_grey(SIZE, 3000), min_kelvin=4500, max_kelvin=7000)
    assert not verdict.passed and verdict.expected == {"min_kelvin": 4500, "max_kelvin": 7000}


def test_bounds_are_inclusive(tmp_path):
    path = testing.write(tmp_path / "i.png", testing.planckian_grey(SIZE, 5000))
    k = testing.run_rule(RULE, path, {"min_kelvin": 1000}, analysis=ANALYSIS)[0]["kelvin"]
    for raw, passed in [
        ({"min_kelvin": k}, True),
        ({"min_kelvin": k + 1}, False),
        ({"max_kelvin": k}, True),
        ({"max_kelvin": k - 1}, False),
    ]:
        assert testing.run_rule(RULE, path, raw, analysis=ANALYSIS)[1].passed is passed


def test_black_has_no_temperature_and_passes(tmp_path):
    measured, verdict = _run(tmp_path, testing.solid(SIZE, "#000000"), min_kelvin=5000)
    assert measured["kelvin"] is None and verdict.passed


@pytest.mark.parametrize(
    "raw", [{}, {"min_kelvin": 7000, "max_kelvin": 5000}, {"min_kelvin": 500}, {"max_kelvin": "6500K"}, {"min": 5000}]
)
def test_parameter_errors(raw):
    with pytest.raises(ValueError):
        testing.make_params(RULE, raw)
