"""file-format: the container format from the header (not the extension) and bytes on disk."""

from __future__ import annotations

import pytest

from stylelint import testing
from stylelint.rules.file_format import RULE

IMAGE = testing.solid((16, 16), "#336699")


@pytest.mark.parametrize(
    ("name", "save", "fmt"),
    [
        ("a.jpg", {}, "jpeg"),
        ("a.png", {}, "png"),
        ("a.webp", {}, "webp"),
        ("a.tif", {}, "tiff"),
        ("a.gif", {}, "gif"),
        ("a.bmp", {}, "bmp"),
        ("png-named.jpg", {"format": "PNG"}, "png"),  # the header decides, not the extension
    ],
)
def test_format_comes_from_the_header(write_image, name, save, fmt):
    path = write_image(name, IMAGE, **save)
    measured, verdict = testing.run_rule(RULE, path)
    assert measured == {"format": fmt, "bytes": path.stat().st_size}
    # the default allowed list is jpeg, png, webp, tiff
    assert verdict.passed is (fmt in ("jpeg", "png", "webp", "tiff"))


def test_max_bytes_is_inclusive(write_image):
    path = write_image("a.png", IMAGE)
    size = path.stat().st_size
    assert testing.run_rule(RULE, path, {"max_bytes": size})[1].passed  # exactly at the limit
    assert testing.run_rule(RULE, path, {"max_bytes": size + 1})[1].passed
    _, verdict = testing.run_rule(RULE, path, {"max_bytes": size - 1})  # one byte over
    assert not verdict.passed
    assert verdict.expected == {"allowed": ["jpeg", "png", "webp", "tiff"], "max_bytes": size - 1}


def test_format_and_size_can_fail_together(write_image):
    path = write_image("a.gif", IMAGE)
    _, verdict = testing.run_rule(RULE, path, {"allowed": ["jpeg"], "max_bytes": 1})
    assert not verdict.passed
    assert verdict.expected == {"allowed": ["jpeg"], "max_bytes": 1}


@pytest.mark.parametrize(
    "raw",
    [
        {"allowed": ["jpg"]},
        {"allowed": ["JPEG"]},
        {"allowed": "jpeg"},
        {"max_bytes": 0},
        {"max_bytes": 1.5},
        {"max_bytes": "1MB"},
    ],
)
def test_parameter_errors(raw):
    with pytest.raises(ValueError):
        testing.make_params(RULE, raw)


def test_jpg_suggests_jpeg():
    with pytest.raises(ValueError, match="did you mean 'jpeg'"):
        testing.make_params(RULE, {"allowed": ["jpg"]})
