"""orientation: portrait, landscape or square, from the displayed size."""

from __future__ import annotations

import pytest
from PIL import Image

from stylelint import testing
from stylelint.rules.orientation import RULE


def _run(write_image, size, raw, name="a.png", **save):
    path = write_image(name, testing.solid(size, "#202020"), **save)
    return testing.run_rule(RULE, path, raw)


@pytest.mark.parametrize(
    ("size", "kind"),
    [
        ((100, 100), "square"),  # equal sides exactly
        ((101, 100), "landscape"),  # one pixel wider is already landscape: no tolerance
        ((100, 101), "portrait"),
        ((1, 1), "square"),
    ],
)
def test_classification_is_exact(write_image, size, kind):
    measured, verdict = _run(write_image, size, {})
    assert measured == {"orientation": kind, "width": size[0], "height": size[1]}
    assert verdict.passed  # with no `allowed` list the rule only reports


def test_allowed_list(write_image):
    assert _run(write_image, (100, 150), {"allowed": ["portrait", "square"]})[1].passed
    _, verdict = _run(write_image, (150, 100), {"allowed": ["portrait", "square"]}, name="b.png")
    assert not verdict.passed
    assert verdict.expected == {"allowed": ["portrait", "square"]}


@pytest.mark.parametrize(
    ("orientation", "kind"),
    [
        (1, "landscape"),
        (2, "landscape"),
        (3, "landscape"),
        (4, "landscape"),
        (5, "portrait"),
        (6, "portrait"),
        (7, "portrait"),
        (8, "portrait"),
    ],
)
def test_exif_orientation(write_image, orientation, kind):
    # Stored 160×90 (landscape); orientations 5–8 transpose it to 90×160 (portrait).
    exif = Image.Exif()
    exif[0x0112] = orientation
    measured, _ = _run(write_image, (160, 90), {}, name="o.jpg", exif=exif)
    assert measured["orientation"] == kind


@pytest.mark.parametrize(
    "raw", [{"allowed": ["portait"]}, {"allowed": "portrait"}, {"allowed": [1]}, {"allow": ["square"]}]
)
def test_parameter_errors(raw):
    with pytest.raises(ValueError):
        testing.make_params(RULE, raw)


def test_misspelt_choice_suggests_the_right_one():
    with pytest.raises(ValueError, match="did you mean 'portrait'"):
        testing.make_params(RULE, {"allowed": ["portait"]})
