"""resolution: displayed pixel size against inclusive bounds."""

from __future__ import annotations

import pytest
from PIL import Image

from stylelint import testing
from stylelint.rules.resolution import RULE


def _run(write_image, size, raw, name="a.png", **save):
    path = write_image(name, testing.solid(size, "#404040"), **save)
    return testing.run_rule(RULE, path, raw)


def test_measures_every_size_key(write_image):
    measured, verdict = _run(write_image, (300, 200), {})
    # 300 × 200 = 60 000 px = 0.06 MP
    assert measured == {"width": 300, "height": 200, "long_edge": 300, "short_edge": 200, "megapixels": 0.06}
    assert verdict.passed and verdict.expected == {}


@pytest.mark.parametrize(
    ("param", "bound", "size", "passed"),
    [
        ("min_width", 300, (300, 200), True),  # exactly at the bound: inclusive
        ("min_width", 301, (300, 200), False),  # 1 px short
        ("min_width", 299, (300, 200), True),
        ("min_height", 200, (300, 200), True),
        ("min_height", 201, (300, 200), False),
        ("min_long_edge", 300, (200, 300), True),  # the long edge is the height here
        ("min_long_edge", 301, (200, 300), False),
        ("min_short_edge", 200, (200, 300), True),
        ("min_short_edge", 201, (200, 300), False),
        ("max_long_edge", 300, (300, 200), True),
        ("max_long_edge", 299, (300, 200), False),  # 1 px too long
        ("max_long_edge", 301, (300, 200), True),
        ("min_megapixels", 0.06, (300, 200), True),  # 0.06 MP exactly
        ("min_megapixels", 0.0601, (300, 200), False),
        ("min_megapixels", 0.0599, (300, 200), True),
    ],
)
def test_each_bound_at_and_either_side(write_image, param, bound, size, passed):
    _, verdict = _run(write_image, size, {param: bound})
    assert verdict.passed is passed
    assert verdict.expected == {param: bound}


def test_several_broken_bounds_fail_together(write_image):
    _, verdict = _run(write_image, (100, 50), {"min_width": 200, "min_height": 100, "max_long_edge": 1000})
    assert not verdict.passed
    assert verdict.expected == {"min_width": 200, "min_height": 100, "max_long_edge": 1000}


@pytest.mark.parametrize("orientation", [5, 6, 7, 8])
def test_exif_rotation_swaps_width_and_height(write_image, orientation):
    exif = Image.Exif()
    exif[0x0112] = orientation
    measured, verdict = _run(write_image, (120, 80), {"min_height": 120}, name="r.jpg", exif=exif)
    assert (measured["width"], measured["height"]) == (80, 120)  # stored 120×80, shown 80×120
    assert verdict.passed


@pytest.mark.parametrize(
    "raw",
    [
        {"min_width": 0},  # at least 1 px
        {"min_width": 10.5},  # a whole number of pixels
        {"min_width": "100"},  # strings are not numbers
        {"min_width": True},  # booleans are not numbers
        {"min_megapixels": -1},
        {"max_long_edge": None},
        {"min_widht": 100},
    ],
)
def test_parameter_errors(raw):
    with pytest.raises(ValueError):
        testing.make_params(RULE, raw)


def test_integral_floats_are_accepted_for_pixels():
    # YAML `100.0` is a whole number of pixels; it is accepted and stored as an int.
    assert testing.make_params(RULE, {"min_width": 100.0}).min_width == 100
