"""text-contrast: WCAG ratio of text against a region's percentile background."""

from __future__ import annotations

import pytest

from stylelint import testing
from stylelint.analysis import Analysis
from stylelint.rules.text_contrast import RULE

SIZE = (256, 128)  # long edge = max_side: the working copy is the image itself
ANALYSIS = Analysis(max_side=256)


def _run(tmp_path, image, palette=None, **raw):
    return testing.run_rule(RULE, testing.write(tmp_path / "i.png", image), raw, palette=palette, analysis=ANALYSIS)


@pytest.mark.parametrize("text, background", [("#FFFFFF", "#000000"), ("#000000", "#FFFFFF")])
def test_black_and_white_give_21(tmp_path, text, background):
    # (1 + 0.05) / (0 + 0.05) = 21 exactly; measured is rounded to 4 places.
    measured, verdict = _run(tmp_path, testing.solid(SIZE, background), text_color=text)
    assert measured["ratio"] == pytest.approx(21, abs=1e-4) and verdict.passed


def test_767676_on_white_is_4_54_and_the_bound_is_inclusive(tmp_path):
    path = testing.write(tmp_path / "w.png", testing.solid(SIZE, "#FFFFFF"))
    measured, verdict = testing.run_rule(RULE, path, {"text_color": "#767676"}, analysis=ANALYSIS)
    assert measured["ratio"] == pytest.approx(4.54, abs=0.005)  # WCAG's published 4.54:1, 2 decimals
    assert verdict.passed  # 4.54 ≥ 4.5
    ratio = measured["ratio"]
    for limit, passed in [(ratio, True), (ratio + 0.01, False)]:
        raw = {"text_color": "#767676", "min_ratio": limit}
        assert testing.run_rule(RULE, path, raw, analysis=ANALYSIS)[1].passed is passed


@pytest.mark.parametrize("share, passed", [(0.04, True), (0.06, False)])
def test_dark_text_tolerates_dark_speckles_below_the_5th_percentile(tmp_path, share, passed):
    # Black text is darker than the white median, so the 5th percentile is used: with 4 % black
    # speckles it is still white (21:1); with 6 % it is black (1:1).
    image = testing.speckle(SIZE, "#FFFFFF", "#000000", share, seed=3)
    measured, verdict = _run(tmp_path, image, text_color="#000000")
    assert measured["ratio"] == pytest.approx(21 if passed else 1, abs=1e-4) and verdict.passed is passed


@pytest.mark.parametrize("share, passed", [(0.04, True), (0.06, False)])
def test_light_text_tolerates_bright_speckles_above_the_95th_percentile(tmp_path, share, passed):
    image = testing.speckle(SIZE, "#000000", "#FFFFFF", share, seed=4)
    measured, verdict = _run(tmp_path, image, text_color="#FFFFFF")
    assert measured["ratio"] == pytest.approx(21 if passed else 1, abs=1e-4) and verdict.passed is passed


def test_percentile_parameter_moves_the_boundary(tmp_path):
    # 4 % speckles pass at the 95th percentile but not at the 99th.
    image = testing.speckle(SIZE, "#000000", "#FFFFFF", 0.04, seed=5)
    assert not _run(tmp_path, image, text_color="#FFFFFF", percentile=99)[1].passed


def test_only_the_region_counts(tmp_path):
    image = testing.split(SIZE, "#000000", "#FFFFFF", 0.5)  # left half black, right half white
    left = _run(tmp_path, image, text_color="#FFFFFF", region=[0, 0, 0.5, 1])[0]
    right = _run(tmp_path, image, text_color="#FFFFFF", region=[0.5, 0.2, 0.5, 0.5])[0]
    assert left["ratio"] == pytest.approx(21, abs=1e-4)
    assert right["ratio"] == pytest.approx(1, abs=1e-4)


def test_text_colour_from_the_palette(tmp_path):
    measured, _ = _run(tmp_path, testing.solid(SIZE, "#FFFFFF"), palette={"ink": "#767676"}, text_color="ink")
    assert measured["ratio"] == pytest.approx(4.54, abs=0.005)


@pytest.mark.parametrize(
    "raw",
    [
        {},
        {"text_color": "#FFF"},
        {"text_color": "#FFFFFF", "min_ratio": 22},
        {"text_color": "#FFFFFF", "region": [0.5, 0, 0.6, 1]},
        {"text_color": "#FFFFFF", "region": [0, 0, 1]},
        {"text_color": "#FFFFFF", "percentile": 40},
    ],
)
def test_parameter_errors(raw):
    with pytest.raises(ValueError):
        testing.make_params(RULE, raw)
