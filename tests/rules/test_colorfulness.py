"""colorfulness: Hasler–Süsstrunk M on images whose colour statistics are known by construction."""

from __future__ import annotations

import numpy as np
import pytest

from stylelint import testing
from stylelint.analysis import Analysis
from stylelint.rules.colorfulness import RULE

SIZE = (200, 100)  # long edge = max_side: the working copy is the image itself
ANALYSIS = Analysis(max_side=200)


def _run(tmp_path, image, **raw):
    return testing.run_rule(RULE, testing.write(tmp_path / "i.png", image), raw, analysis=ANALYSIS)


def test_grey_images_score_zero(tmp_path):
    measured, _ = _run(tmp_path, testing.gradient(SIZE), min=0.0)
    assert measured["colorfulness"] == pytest.approx(0.0, abs=1e-9)  # R = G = B everywhere


def test_red_black_halves(tmp_path):
    # rg ∈ {255, 0}, yb ∈ {127.5, 0}: σ and μ both (127.5, 63.75), so M = 1.3 · hypot(127.5, 63.75)
    # = 185.30; measured is rounded to 4 decimals, hence abs=1e-3.
    measured, _ = _run(tmp_path, testing.split(SIZE, "#FF0000", "#000000", 0.5), min=0.0)
    assert measured["colorfulness"] == pytest.approx(1.3 * np.hypot(127.5, 63.75), abs=1e-3)


def test_photo_is_colourful_and_its_grey_version_is_not(tmp_path):
    photo = testing.photo("astronaut")[::2, ::2]
    grey = np.repeat(photo.mean(axis=2, keepdims=True).astype(np.uint8), 3, axis=2)
    analysis = Analysis(max_side=256)
    colour = testing.run_rule(RULE, testing.write(tmp_path / "c.png", photo), {"min": 15}, analysis=analysis)
    plain = testing.run_rule(RULE, testing.write(tmp_path / "g.png", grey), {"min": 15}, analysis=analysis)
    assert colour[1].passed and colour[0]["colorfulness"] > 30  # "moderately colourful" or more
    assert not plain[1].passed and plain[0]["colorfulness"] == pytest.approx(0.0, abs=1e-9)


def test_bounds_are_inclusive(tmp_path):
    path = testing.write(tmp_path / "i.png", testing.split(SIZE, "#FF0000", "#000000", 0.5))
    m = testing.run_rule(RULE, path, {"min": 0.0}, analysis=ANALYSIS)[0]["colorfulness"]
    for raw, passed in [({"min": m}, True), ({"min": m + 0.1}, False), ({"max": m}, True), ({"max": m - 0.1}, False)]:
        assert testing.run_rule(RULE, path, raw, analysis=ANALYSIS)[1].passed is passed


@pytest.mark.parametrize("raw", [{}, {"min": 50, "max": 10}, {"min": -1}, {"max": "4"}])
def test_parameter_errors(raw):
    with pytest.raises(ValueError):
        testing.make_params(RULE, raw)
