"""noise: estimated σ of Gaussian noise of known sigma added to smooth images."""

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


def test_noise_on_a_photo(tmp_path):
    # On a real photo the scene adds a little to the finest wavelet band: still within 25 %.
    photo = testing.blur(testing.photo("astronaut")[::2, ::2], 1.0)
    measured, _ = _run(tmp_path, testing.add_noise(photo, 8.0, seed=4))
    assert measured["sigma"] == pytest.approx(8.0, rel=0.25)


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
    # all. skimage's median of the non-zero coefficients is then NaN, which no JSON report can
    # hold (a tiny black JPEG in the odd-input corpus stopped a whole run, issue 8).
    for name in ("flat.png", "flat.jpg"):
        measured, verdict = testing.run_rule(RULE, write_image(name, testing.solid((8, 8), "#000000")), {"max": 1})
        assert measured == {"sigma": 0.0} and verdict.passed


def test_estimate_equals_scikit_images_estimate_sigma(astronaut_small):
    # The rule computes skimage.restoration.estimate_sigma's estimator with PyWavelets directly
    # (to avoid importing scipy.stats); on a noisy photo the two agree to rounding.
    import numpy as np
    from skimage.restoration import estimate_sigma

    from stylelint.rules.noise import channel_sigma

    rgb = testing.add_noise(astronaut_small, 6.0) / 255.0
    ours = np.mean([channel_sigma(rgb[..., c]) for c in range(3)])
    assert ours == pytest.approx(estimate_sigma(rgb, channel_axis=-1, average_sigmas=True), rel=1e-12)
