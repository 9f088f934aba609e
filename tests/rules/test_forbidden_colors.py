"""forbidden-colors: shares near listed colours on exact-proportion images."""

from __future__ import annotations

import pytest

from stylelint import testing
from stylelint.analysis import Analysis
from stylelint.colour import delta_e_2000, hex_to_srgb, srgb_to_lab
from stylelint.rules.forbidden_colors import RULE

SIZE = (200, 100)  # long edge = max_side: the working copy is the image itself
ANALYSIS = Analysis(max_side=200)
GREEN, NEAR_GREEN = "#00A651", "#20B060"


def _run(tmp_path, image, palette=None, **raw):
    return testing.run_rule(RULE, testing.write(tmp_path / "i.png", image), raw, palette=palette, analysis=ANALYSIS)


def test_share_of_an_exact_split(tmp_path):
    # 60 of 200 columns are the forbidden green: 0.3 exactly (no resampling, exact counting).
    measured, verdict = _run(tmp_path, testing.split(SIZE, GREEN, "#FFFFFF", 0.3), colors=[GREEN])
    assert measured["shares"] == {GREEN: pytest.approx(0.3, abs=1e-9)}
    assert not verdict.passed and verdict.expected["max_share"] == 0.01


def test_radius_decides_what_counts_as_near(tmp_path):
    gap = float(delta_e_2000(srgb_to_lab(hex_to_srgb(GREEN)), srgb_to_lab(hex_to_srgb(NEAR_GREEN))))
    assert 2 < gap < 6  # the test colour is a few ΔE00 from the forbidden one
    image = testing.split(SIZE, NEAR_GREEN, "#FFFFFF", 0.3)
    near = _run(tmp_path, image, colors=[GREEN], max_delta_e=gap + 0.01)[0]
    far = _run(tmp_path, image, colors=[GREEN], max_delta_e=gap - 0.01)[0]
    assert near["shares"][GREEN] == pytest.approx(0.3, abs=1e-9)
    assert far["shares"][GREEN] == 0


@pytest.mark.parametrize("limit, passed", [(0.3, True), (0.29, False)])
def test_max_share_is_inclusive(tmp_path, limit, passed):
    _, verdict = _run(tmp_path, testing.split(SIZE, GREEN, "#FFFFFF", 0.3), colors=[GREEN], max_share=limit)
    assert verdict.passed is passed


def test_palette_names_and_several_colours(tmp_path):
    image = testing.split(SIZE, GREEN, "#FF00FF", 0.25)
    measured, verdict = _run(tmp_path, image, palette={"rival": GREEN}, colors=["rival", "#0000FF"])
    # 50 of 200 columns green, none blue (magenta is ~40 ΔE00 from blue).
    assert measured["shares"] == {"rival": pytest.approx(0.25, abs=1e-9), "#0000FF": 0}
    assert not verdict.passed


def test_absent_colour_passes(tmp_path):
    measured, verdict = _run(tmp_path, testing.add_noise(testing.solid(SIZE, "#C8102E"), 3), colors=[GREEN])
    assert measured["shares"][GREEN] == 0 and verdict.passed


@pytest.mark.parametrize(
    "raw",
    [
        {},
        {"colors": []},
        {"colors": ["#12345"]},
        {"colors": ["nope"]},
        {"colors": [GREEN], "max_share": 2},
        {"colors": [GREEN], "max_delta_e": -1},
    ],
)
def test_parameter_errors(raw):
    with pytest.raises(ValueError):
        testing.make_params(RULE, raw)
