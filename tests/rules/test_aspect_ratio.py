"""aspect-ratio: width / height of the displayed original against allowed "W:H" ratios."""

from __future__ import annotations

import pytest
from PIL import Image

from stylelint import testing
from stylelint.rules.aspect_ratio import RULE


def _run(write_image, size, raw, name="a.png", **save):
    path = write_image(name, testing.solid(size, "#808080"), **save)
    return testing.run_rule(RULE, path, raw)


def test_exact_ratio_passes_and_reports_ratio_and_nearest(write_image):
    measured, verdict = _run(write_image, (80, 100), {"allowed": ["4:5", "1:1"]})
    assert measured["ratio"] == 0.8  # 80 / 100 exactly
    assert measured["nearest"] == "4:5"
    assert verdict.passed
    assert verdict.expected == {"allowed": ["4:5", "1:1"], "tolerance": 0.01}


@pytest.mark.parametrize(
    ("width", "passed"),
    [
        (101, True),  # 101/100 is exactly 1 % off 1:1: the bound is inclusive
        (102, False),  # 2 % off
        (99, True),  # 1 % off below
        (98, False),
    ],
)
def test_tolerance_boundary_is_inclusive(write_image, width, passed):
    measured, verdict = _run(write_image, (width, 100), {"allowed": ["1:1"], "tolerance": 0.01})
    assert measured["ratio"] == pytest.approx(width / 100, abs=1e-6)  # rounded to 6 places
    assert verdict.passed is passed


def test_zero_tolerance_only_accepts_the_exact_ratio(write_image):
    assert _run(write_image, (160, 90), {"allowed": ["16:9"], "tolerance": 0})[1].passed
    assert not _run(write_image, (161, 90), {"allowed": ["16:9"], "tolerance": 0}, name="b.png")[1].passed


def test_nearest_is_chosen_in_relative_terms(write_image):
    # 3:2 = 1.5; 1.45 is 3.3 % from 3:2 and 9.4 % from 4:3 (1.333…)
    measured, verdict = _run(write_image, (145, 100), {"allowed": ["4:3", "3:2"]})
    assert measured["nearest"] == "3:2"
    assert not verdict.passed


def test_no_allowed_list_only_reports(write_image):
    measured, verdict = _run(write_image, (300, 100), {})
    assert measured == {"ratio": 3.0, "width": 300, "height": 100, "nearest": None}
    assert verdict.passed


@pytest.mark.parametrize(("orientation", "ratio"), [(1, 2.0), (3, 2.0), (6, 0.5), (8, 0.5)])
def test_exif_orientation_is_applied_before_measuring(write_image, orientation, ratio):
    # Stored 200×100; orientations 6 and 8 rotate by 90°, so the displayed image is 100×200.
    exif = Image.Exif()
    exif[0x0112] = orientation
    measured, _ = _run(write_image, (200, 100), {"allowed": ["1:2"]}, name="r.jpg", exif=exif)
    assert measured["ratio"] == ratio
    assert (measured["width"], measured["height"]) == ((200, 100) if ratio == 2.0 else (100, 200))


def test_decimal_ratios_are_allowed(write_image):
    measured, verdict = _run(write_image, (237, 100), {"allowed": ["2.37:1"]})
    assert measured["nearest"] == "2.37:1" and verdict.passed


@pytest.mark.parametrize(
    "raw",
    [
        {"allowed": [4]},  # unquoted numbers are not ratios
        {"allowed": ["4/5"]},
        {"allowed": ["0:5"]},  # a zero side has no ratio
        {"allowed": "4:5"},  # a single string is not a list
        {"tolerance": -0.1},
        {"tolerance": 1.5},
        {"tolerance": "0.01"},  # strings are not numbers
        {"tolerence": 0.01},  # unknown parameter
    ],
)
def test_parameter_errors(raw):
    with pytest.raises(ValueError):
        testing.make_params(RULE, raw)


def test_unknown_parameter_suggests_the_right_name():
    with pytest.raises(ValueError, match="did you mean 'tolerance'"):
        testing.make_params(RULE, {"tolerence": 0.01})
