"""color-profile: the embedded ICC profile's description against allowed names.

Profiles come from tests/conftest.py: LittleCMS's built-in sRGB and a hand-built ICC v2 matrix
profile ("Swapped RB linear test profile"), since no wide-gamut profile is available offline.
"""

from __future__ import annotations

import pytest

from stylelint import testing
from stylelint.rules.color_profile import RULE

IMAGE = testing.solid((16, 16), "#808080")


def test_srgb_profile_passes_by_default(write_image, icc):
    path = write_image("a.jpg", IMAGE, icc_profile=icc.srgb)
    measured, verdict = testing.run_rule(RULE, path)
    assert measured == {"profile": "sRGB built-in"}  # LittleCMS's description of its sRGB
    assert verdict.passed


def test_other_profile_fails_and_is_named(write_image, icc):
    path = write_image("a.png", IMAGE, icc_profile=icc.swapped)
    measured, verdict = testing.run_rule(RULE, path)
    assert measured == {"profile": "Swapped RB linear test profile"}
    assert not verdict.passed
    assert verdict.expected == {"allowed": ["sRGB"], "allow_untagged": True}


def test_allowed_names_match_within_the_description_ignoring_case(write_image, icc):
    path = write_image("a.png", IMAGE, icc_profile=icc.build("Display P3"))
    assert testing.run_rule(RULE, path, {"allowed": ["display p3"]})[1].passed
    assert not testing.run_rule(RULE, path, {"allowed": ["Adobe RGB"]})[1].passed


def test_untagged_follows_allow_untagged(write_image):
    path = write_image("a.jpg", IMAGE)
    measured, verdict = testing.run_rule(RULE, path)
    assert measured == {"profile": None} and verdict.passed
    assert not testing.run_rule(RULE, path, {"allow_untagged": False})[1].passed


def test_png_srgb_chunk_counts_as_srgb(write_image):
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add(b"sRGB", b"\x00")  # rendering intent 0, no ICC profile
    path = write_image("a.png", IMAGE, pnginfo=info)
    measured, verdict = testing.run_rule(RULE, path, {"allow_untagged": False})
    assert measured == {"profile": "sRGB (PNG sRGB chunk)"} and verdict.passed


def test_garbage_profile_is_invalid_and_fails_even_when_allowed(write_image):
    path = write_image("a.jpg", IMAGE, icc_profile=b"\x00" * 200)
    measured, verdict = testing.run_rule(RULE, path, {"allowed": ["sRGB", "invalid"]})
    assert measured == {"profile": "invalid embedded profile"}
    assert not verdict.passed  # an unparseable profile is never an allowed one


@pytest.mark.parametrize(
    "raw", [{"allowed": "sRGB"}, {"allowed": [""]}, {"allow_untagged": "yes"}, {"allow_untagged": 1}]
)
def test_parameter_errors(raw):
    with pytest.raises(ValueError):
        testing.make_params(RULE, raw)
