"""contrast: RMS contrast σ(L*)/100 on images whose lightness spread is known by construction."""

from __future__ import annotations

import numpy as np
import pytest

from stylelint import testing
from stylelint.analysis import Analysis
from stylelint.rules.contrast import RULE

SIZE = (200, 100)  # long edge = max_side: the working copy is the image itself
ANALYSIS = Analysis(max_side=200)


def _run(tmp_path, image, **raw):
    return testing.run_rule(RULE, testing.write(tmp_path / "i.png", image), raw, analysis=ANALYSIS)


def test_flat_grey_has_no_contrast(tmp_path):
    measured, verdict = _run(tmp_path, testing.solid(SIZE, "#777777"), min=0.0)
    assert measured["rms"] == pytest.approx(0.0, abs=1e-9)  # one tone: σ = 0 exactly
    assert verdict.passed


@pytest.mark.parametrize("share", [0.5, 0.3])
def test_black_white_split(tmp_path, share):
    # L* is 0 on black and 100 on white, so σ(L*) = 100 · sqrt(s (1 − s)): 0.5 for halves,
    # 0.458 for 30/70. rgb2lab puts white at L* 100 within 1e-4, hence abs=1e-5.
    measured, _ = _run(tmp_path, testing.split(SIZE, "#000000", "#FFFFFF", share), min=0.0)
    assert measured["rms"] == pytest.approx(np.sqrt(share * (1 - share)), abs=1e-5)


def test_bounds_are_inclusive(tmp_path):
    path = testing.write(tmp_path / "i.png", testing.split(SIZE, "#000000", "#FFFFFF", 0.3))
    rms = testing.run_rule(RULE, path, {"min": 0.0}, analysis=ANALYSIS)[0]["rms"]
    assert testing.run_rule(RULE, path, {"min": rms}, analysis=ANALYSIS)[1].passed
    assert not testing.run_rule(RULE, path, {"min": rms + 0.001}, analysis=ANALYSIS)[1].passed
    assert testing.run_rule(RULE, path, {"max": rms}, analysis=ANALYSIS)[1].passed
    verdict = testing.run_rule(RULE, path, {"max": rms - 0.001}, analysis=ANALYSIS)[1]
    assert not verdict.passed and verdict.expected == {"max": rms - 0.001}


def test_blur_lowers_the_contrast_of_a_photo(tmp_path):
    photo = testing.photo("astronaut")[::2, ::2]  # 256 × 256
    analysis = Analysis(max_side=256)
    sharp = testing.run_rule(RULE, testing.write(tmp_path / "a.png", photo), {"min": 0.0}, analysis=analysis)[0]
    flat = testing.run_rule(
        RULE, testing.write(tmp_path / "b.png", testing.blur(photo, 8)), {"min": 0.0}, analysis=analysis
    )[0]
    assert 0.1 < flat["rms"] < sharp["rms"] < 0.5


@pytest.mark.parametrize("raw", [{}, {"min": 0.3, "max": 0.2}, {"min": "high"}, {"max": 0.6}])
def test_parameter_errors(raw):
    with pytest.raises(ValueError):
        testing.make_params(RULE, raw)
