"""sharpness: variance of the Laplacian on photos blurred by known Gaussian sigmas."""

from __future__ import annotations

import numpy as np
import pytest

from stylelint import testing
from stylelint.analysis import Analysis
from stylelint.rules.sharpness import RULE

ANALYSIS = Analysis(max_side=256)
SIGMAS = (0.0, 0.5, 1.0, 2.0, 4.0)


@pytest.fixture(scope="module")
def sharpness_by_sigma(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sharpness")
    photo = testing.photo("astronaut")[::2, ::2]  # 256 × 256: the working copy is the image
    values = {}
    for sigma in SIGMAS:
        image = photo if sigma == 0 else testing.blur(photo, sigma)
        path = testing.write(folder / f"s{sigma}.png", image)
        values[sigma] = testing.run_rule(RULE, path, {"min": 0.0}, analysis=ANALYSIS)[0]["sharpness"]
    return values


def test_blur_strictly_lowers_sharpness(sharpness_by_sigma):
    values = [sharpness_by_sigma[s] for s in SIGMAS]
    assert all(a > b for a, b in zip(values, values[1:])), values


def test_flat_image_reads_zero(tmp_path):
    path = testing.write(tmp_path / "i.png", testing.solid((64, 64), "#808080"))
    measured, verdict = testing.run_rule(RULE, path, {"min": 1.0}, analysis=Analysis(max_side=64))
    assert measured["sharpness"] == pytest.approx(0.0, abs=1e-9)  # no change: Laplacian is 0
    assert not verdict.passed


def test_known_value_on_a_checkerboard(tmp_path):
    # 1-px black/white checkerboard: inside, every Laplacian is ±4 · 255 (four neighbours of
    # the other colour); mirrored borders repeat the pixel itself, so ±3 · 255 on the edges and
    # ±2 · 255 in the corners. Signs alternate, so the mean is 0 and the variance is the mean
    # of squares.
    path = testing.write(tmp_path / "i.png", testing.checkerboard((16, 16), 1))
    measured, _ = testing.run_rule(RULE, path, {"min": 0.0}, analysis=Analysis(max_side=16))
    lap = np.full((16, 16), 4 * 255.0)
    lap[0, :] = lap[-1, :] = lap[:, 0] = lap[:, -1] = 3 * 255.0
    lap[0, 0] = lap[0, -1] = lap[-1, 0] = lap[-1, -1] = 2 * 255.0
    assert measured["sharpness"] == pytest.approx((lap**2).mean(), abs=1e-3)  # exact up to rounding to 4 places


def test_threshold_is_inclusive(tmp_path, sharpness_by_sigma):
    path = testing.write(tmp_path / "i.png", testing.photo("astronaut")[::2, ::2])
    value = sharpness_by_sigma[0.0]
    assert testing.run_rule(RULE, path, {"min": value}, analysis=ANALYSIS)[1].passed
    verdict = testing.run_rule(RULE, path, {"min": value + 1}, analysis=ANALYSIS)[1]
    assert not verdict.passed and verdict.expected == {"min": value + 1}


@pytest.mark.parametrize("raw", [{}, {"min": -1}, {"min": "sharp"}, {"min": 10, "max": 5}])
def test_parameter_errors(raw):
    with pytest.raises(ValueError):
        testing.make_params(RULE, raw)
