"""noise: estimated σ of Gaussian noise of known sigma added to smooth images and to real photographs."""

from __future__ import annotations

import numpy as np
import pytest

from stylelint import testing
from stylelint.analysis import Analysis
from stylelint.rules.noise import RULE

SIZE = (256, 192)  # long edge = max_side: the working copy is the image itself, unscaled
ANALYSIS = Analysis(max_side=256)


def _smooth():
    """A grey ramp from 64 to 191: smooth, and far enough from 0 and 255 that noise of σ ≤ 16
    is not clipped (4σ)."""
    return (testing.gradient(SIZE) // 2 + 64).astype(np.uint8)


def _run(tmp_path, image, **raw):
    return testing.run_rule(RULE, testing.write(tmp_path / "i.png", image), raw or {"max": 255}, analysis=ANALYSIS)


@pytest.mark.parametrize("sigma", [2.0, 5.0, 10.0, 16.0])
def test_estimate_within_a_quarter_of_the_added_sigma(tmp_path, sigma):
    # Rounding to 8 bits adds uniform noise of σ = 1/√12 ≈ 0.29 levels, hence the expected
    # value √(σ² + 1/12); 25 % is the accuracy the issue asks of the wavelet estimator.
    measured, _ = _run(tmp_path, testing.add_noise(_smooth(), sigma, seed=3))
    assert measured["sigma"] == pytest.approx(np.sqrt(sigma**2 + 1 / 12), rel=0.25)


def test_clean_smooth_image_reads_near_zero(tmp_path):
    # Only the 8-bit rounding of the ramp remains: well under one level.
    assert _run(tmp_path, _smooth())[0]["sigma"] < 0.5


@pytest.mark.parametrize("name", ["astronaut", "coffee", "rocket"])
@pytest.mark.parametrize("sigma", [2.0, 5.0, 10.0])
def test_added_noise_on_a_photo_reads_in_quadrature(tmp_path, name, sigma):
    # Issue 13: a clean photo that reads c, plus N(0, σ²), must read √(c² + σ²). The flat-block
    # estimator does within 5 % on these (10 % on the Kodak set), hence rel=0.1. Measured at the
    # photo's own size (max_side above it), as the noise was added.
    photo = testing.photo(name)
    analysis = Analysis(max_side=max(photo.shape))
    clean = testing.run_rule(RULE, testing.write(tmp_path / "c.png", photo), {"max": 255}, analysis=analysis)[0]
    path = testing.write(tmp_path / "n.png", testing.add_noise(photo, sigma, seed=4))
    noisy = testing.run_rule(RULE, path, {"max": 255}, analysis=analysis)[0]
    assert noisy["sigma"] == pytest.approx(np.hypot(clean["sigma"], sigma), rel=0.1)


def test_texture_is_not_read_as_noise(tmp_path):
    # Issue 13: clean photos with fine texture read σ 5–6 with the whole-image wavelet estimator.
    # The gravel and grass textures (clean, but textured at the pixel scale) read 3.7 and 8.4
    # here, against 5.0 and 10.7 with the whole-image estimator (channel_sigma without blocks):
    # texture filling the whole frame is the known limit, so the margins are modest.
    from stylelint.rules.noise import channel_sigma

    for name, limit in (("gravel", 4.2), ("grass", 9.5)):
        photo = testing.photo(name)
        measured = testing.run_rule(
            RULE, testing.write(tmp_path / "t.png", photo), {"max": 255}, analysis=Analysis(max_side=512)
        )[0]
        whole = np.mean([channel_sigma(photo[..., c] / 255.0) for c in range(3)]) * 255
        assert measured["sigma"] < limit < whole
        assert measured["flat_share"] == pytest.approx(0.1, abs=0.03)  # the flattest tenth, few clipped


def test_threshold_is_inclusive(tmp_path):
    path = testing.write(tmp_path / "i.png", testing.add_noise(_smooth(), 6.0, seed=5))
    sigma = testing.run_rule(RULE, path, {"max": 255}, analysis=ANALYSIS)[0]["sigma"]
    assert testing.run_rule(RULE, path, {"max": sigma}, analysis=ANALYSIS)[1].passed
    verdict = testing.run_rule(RULE, path, {"max": sigma - 0.01}, analysis=ANALYSIS)[1]
    assert not verdict.passed and verdict.expected == {"max": sigma - 0.01}


@pytest.mark.parametrize("raw", [{}, {"max": -1}, {"max": 300}, {"max": "low"}])
def test_parameter_errors(raw):
    with pytest.raises(ValueError):
        testing.make_params(RULE, raw)


def test_flat_images_read_zero_not_nan(write_image):
    # Every finest-scale diagonal wavelet coefficient of a flat fill is exactly 0: no noise at
    # all, never a NaN, which no JSON report can hold (a tiny black JPEG in the odd-input corpus
    # stopped a whole run, issue 8). 8 × 8 px is one block; a black fill is all clipped blocks.
    for name in ("flat.png", "flat.jpg"):
        measured, verdict = testing.run_rule(RULE, write_image(name, testing.solid((8, 8), "#000000")), {"max": 1})
        assert measured["sigma"] == 0.0 and verdict.passed
