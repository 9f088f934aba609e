"""noise: estimated σ at 400 px of Gaussian noise of known sigma added to smooth images and to real
photographs, and of one photograph at several file sizes."""

from __future__ import annotations

import numpy as np
import pytest

from stylelint import testing
from stylelint.rules.noise import RULE, diagonal_detail

SIZE = (400, 300)  # long edge = the 400-px measuring scale: the image is measured unscaled


def _smooth():
    """A grey ramp from 64 to 191: smooth, and far enough from 0 and 255 that noise of σ ≤ 16
    is not clipped (4σ)."""
    return (testing.gradient(SIZE) // 2 + 64).astype(np.uint8)


def _sigma(tmp_path, image, name="i.png"):
    return testing.run_rule(RULE, testing.write(tmp_path / name, image), {"max": 255})[0]["sigma"]


def _at(photo, long_edge):
    """`photo` resized (Lanczos) so that its long edge is `long_edge` px."""
    return testing.resize(photo, long_edge / max(photo.shape[:2]))


@pytest.mark.parametrize("sigma", [2.0, 5.0, 10.0, 16.0])
def test_added_noise_on_a_ramp_reads_its_sigma(tmp_path, sigma):
    # Rounding to 8 bits adds uniform noise of σ = 1/√12 ≈ 0.29 levels, hence √(σ² + 1/12). The
    # estimate is a median over ~10,000 coefficients (a few % of sampling error) and the ramp has
    # no texture: 8 % covers it (it reads within 2 % for these seeds).
    measured = _sigma(tmp_path, testing.add_noise(_smooth(), sigma, seed=3))
    assert measured == pytest.approx(np.sqrt(sigma**2 + 1 / 12), rel=0.08)


def test_clean_smooth_image_reads_near_zero(tmp_path):
    # Only the 8-bit rounding of the ramp remains: well under one level.
    assert _sigma(tmp_path, _smooth()) < 0.5


def test_diagonal_detail_of_known_patterns():
    # db2's high-pass filter sums to 0 and has two vanishing moments: a flat patch and a linear
    # ramp give 0 (leftovers below 1e-9 level are set to exactly 0). On a 1-px checkerboard of
    # 100 ± 20, each 1-D pass multiplies the alternating pattern by Σ h_k (−1)^k = √2, so every
    # diagonal coefficient is 2 · 20 = 40 in size.
    ramp = np.add.outer(np.arange(8), 2 * np.arange(8)).astype(np.uint8)[None, :, :, None]
    assert np.all(diagonal_detail(ramp + 50) == 0.0)
    board = testing.checkerboard((8, 8), 1, low=80, high=120)[None]
    assert diagonal_detail(board) == pytest.approx(np.full((1, 5, 5, 3), 40.0), abs=1e-9)


@pytest.mark.parametrize("name", ["astronaut", "coffee", "rocket"])
@pytest.mark.parametrize("sigma", [2.0, 5.0, 10.0])
def test_added_noise_on_a_photo_reads_in_quadrature(tmp_path, name, sigma):
    # Issue 13: a clean photo that reads c, plus N(0, σ²), must read √(c² + σ²). Noise added to a
    # 400-px copy (the measuring scale, so σ is in the rule's unit as added): the 24 Kodak
    # photographs read within 10 % in 70 of 72 cases (up to 14 % where texture fills the flattest
    # blocks, benchmarks/picture_scale.py); these three within 5 %, hence rel=0.1.
    photo = _at(testing.photo(name), 400)
    clean = _sigma(tmp_path, photo, "c.png")
    noisy = _sigma(tmp_path, testing.add_noise(photo, sigma, seed=4), "n.png")
    assert noisy == pytest.approx(np.hypot(clean, sigma), rel=0.1)


def test_noise_added_to_a_larger_file_reads_scaled_to_400_px(tmp_path):
    # Noise of σ added to an 800-px file is averaged by the resampling to 400 px: about
    # 0.85 · σ · 400 / 800 (Lanczos keeps a little more than a box average would; 0.80–0.87 on
    # the Kodak set), so σ = 10 adds about 4.2 levels in quadrature (4.0 here). 15 % for the scene.
    photo = _at(testing.photo("astronaut"), 800)
    clean = _sigma(tmp_path, photo, "c.png")
    noisy = _sigma(tmp_path, testing.add_noise(photo, 10.0, seed=5), "n.png")
    assert np.sqrt(noisy**2 - clean**2) == pytest.approx(0.85 * 10.0 * 400 / 800, rel=0.15)


@pytest.mark.parametrize("name", ["astronaut", "hubble_deep_field", "rocket"])
def test_one_photo_reads_the_same_at_any_file_size(tmp_path, name):
    # Issue 13: one photo at 400–1,600 px long edge must read within a factor 1.5. Measured at one
    # 400-px scale, the copies differ only by resampling: within 1.13 on the 24 Kodak photographs
    # (each at 400, 600, 800, 1,024, 1,200 and 1,600 px), so 1.25 here. 1,600 px is above the
    # working copy's 1,024: the copy is reduced twice, as a camera file's is.
    photo = testing.photo(name)
    values = [_sigma(tmp_path, _at(photo, size), f"{size}.png") for size in (400, 700, 1024, 1600)]
    assert max(values) / min(values) < 1.25, values


def test_texture_is_not_read_as_noise(tmp_path):
    # Issue 13: clean photos with fine texture read σ 5–6 with a whole-image wavelet estimator.
    # The gravel and grass textures (clean, but textured at the pixel scale everywhere) read 4.0
    # and 6.1 here, against 6.2 and 9.9 with the whole image's coefficients: texture filling the
    # whole frame is the known limit, so the margins are modest.
    for name, limit in (("gravel", 4.8), ("grass", 7.5)):
        photo = _at(testing.photo(name), 400)
        measured = testing.run_rule(RULE, testing.write(tmp_path / "t.png", photo), {"max": 255})[0]
        whole = np.mean(np.median(diagonal_detail(photo[None]), axis=(0, 1, 2))) / 0.6745
        assert measured["sigma"] < limit < whole
        assert measured["flat_share"] == pytest.approx(0.1, abs=0.03)  # the flattest tenth, few clipped
        assert measured["scale_px"] == 400


def test_threshold_is_inclusive(tmp_path):
    path = testing.write(tmp_path / "i.png", testing.add_noise(_smooth(), 6.0, seed=5))
    sigma = testing.run_rule(RULE, path, {"max": 255})[0]["sigma"]
    assert testing.run_rule(RULE, path, {"max": sigma})[1].passed
    verdict = testing.run_rule(RULE, path, {"max": sigma - 0.01})[1]
    assert not verdict.passed and verdict.expected == {"max": sigma - 0.01}


@pytest.mark.parametrize("raw", [{}, {"max": -1}, {"max": 300}, {"max": "low"}])
def test_parameter_errors(raw):
    with pytest.raises(ValueError):
        testing.make_params(RULE, raw)


def test_flat_images_read_zero_not_nan(write_image):
    # Every diagonal wavelet coefficient of a flat fill is 0 (floating-point leftovers set to 0):
    # no noise at all, never a NaN, which no JSON report can hold (a tiny black JPEG in the
    # odd-input corpus stopped a whole run, issue 8). A black fill is all clipped blocks; a
    # 400 × 1 strip has no whole block at all.
    for name, image in (
        ("flat.png", testing.solid((8, 8), "#000000")),
        ("flat.jpg", testing.solid((8, 8), "#000000")),
        ("strip.png", testing.solid((400, 1), "#808080")),
    ):
        measured, verdict = testing.run_rule(RULE, write_image(name, image), {"max": 1})
        assert measured["sigma"] == 0.0 and verdict.passed
