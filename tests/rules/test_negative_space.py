"""negative-space: share of quiet area with a textured block of known area."""

from __future__ import annotations

import pytest

from stylelint import testing
from stylelint.analysis import Analysis
from stylelint.rules.negative_space import RULE

SIZE = (256, 192)  # long edge = max_side: the working copy is the image itself
ANALYSIS = Analysis(max_side=256)
# The detail window is 1/64 of 256 = 4 → 5 px, so a textured block makes a band of 2 px
# around itself busy too.
BAND = 2


def _block(width, height):
    image = testing.solid(SIZE, (200, 190, 170))
    image[20 : 20 + height, 30 : 30 + width] = testing.noise((width, height), sigma=50, seed=2)
    return image


def _run(tmp_path, image, **raw):
    return testing.run_rule(RULE, testing.write(tmp_path / "i.png", image), raw or {"min": 0.0}, analysis=ANALYSIS)


@pytest.mark.parametrize("width, height", [(128, 96), (64, 48), (200, 150)])
def test_textured_block_of_known_area(tmp_path, width, height):
    # Quiet share = 1 − (block grown by the window's half-width) / frame. The band's inner
    # corners are not full squares of the window, hence abs=0.01 (a fifth of the band).
    measured, _ = _run(tmp_path, _block(width, height))
    busy = (width + 2 * BAND) * (height + 2 * BAND) / (SIZE[0] * SIZE[1])
    assert measured["share"] == pytest.approx(1 - busy, abs=0.01)


def test_flat_and_smooth_images_are_all_quiet(tmp_path):
    assert _run(tmp_path, testing.solid(SIZE, "#336699"))[0]["share"] == 1.0
    # A full 0–255 ramp over 256 px changes L* by well under one JND across a 5-px window.
    assert _run(tmp_path, testing.gradient(SIZE))[0]["share"] == pytest.approx(1.0, abs=0.02)


def test_texture_is_all_busy(tmp_path):
    assert _run(tmp_path, testing.noise(SIZE, sigma=40))[0]["share"] == 0.0


def test_bounds_are_inclusive(tmp_path):
    path = testing.write(tmp_path / "i.png", _block(128, 96))
    share = testing.run_rule(RULE, path, {"min": 0.0}, analysis=ANALYSIS)[0]["share"]
    assert testing.run_rule(RULE, path, {"min": share, "max": share}, analysis=ANALYSIS)[1].passed
    verdict = testing.run_rule(RULE, path, {"min": share + 0.01}, analysis=ANALYSIS)[1]
    assert not verdict.passed and verdict.expected == {"min": share + 0.01}
    assert not testing.run_rule(RULE, path, {"max": share - 0.01}, analysis=ANALYSIS)[1].passed


@pytest.mark.parametrize("raw", [{}, {"min": 0.8, "max": 0.2}, {"min": 1.5}, {"max": "half"}])
def test_parameter_errors(raw):
    with pytest.raises(ValueError):
        testing.make_params(RULE, raw)
