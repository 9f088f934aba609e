"""The numpy-only Gaussian and the facts computed from the working copy's codes (issue 14) give
the numbers of the plain formulas they replace."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
from scipy.ndimage import gaussian_filter

from stylelint import testing
from stylelint.colour import LUMA_WEIGHTS
from stylelint.facts import ImageFacts
from stylelint.smoothing import _bands, gaussian_kernel, gaussian_smooth


@pytest.mark.parametrize("shape", [(40, 57), (1, 1), (3, 30), (30, 2)])
@pytest.mark.parametrize("sigma", [0.7, 2.0, 3.0])
def test_gaussian_smooth_is_scipys_gaussian_filter(shape, sigma):
    # Same kernel, same mirrored borders (also when the kernel is wider than the image), summed in
    # another order: within float32 rounding of values in [0, 1] (one step at 1.0 is 6e-8).
    plane = np.random.default_rng(3).random(shape).astype(np.float32)
    smooth = gaussian_smooth(plane, sigma)
    assert smooth.dtype == np.float32 and smooth.shape == plane.shape
    assert np.abs(smooth - gaussian_filter(plane, sigma)).max() <= 5e-7


def test_gaussian_smooth_in_bands_of_large_views_and_float64():
    # Planes longer than one product's span (564 lines at σ 1.5, 399 at σ 3) both ways, a strided
    # view, and float64: every band and span of the matrix products, against SciPy (float64
    # rounding: 1e-15).
    plane = np.random.default_rng(5).random((1200, 1230))
    view = plane[::2, 1::2].astype(np.float32)  # 600 × 615
    assert np.abs(gaussian_smooth(view, 1.5) - gaussian_filter(view, 1.5)).max() <= 5e-7
    smooth = gaussian_smooth(plane[:530, :600], 3.0)
    assert smooth.dtype == np.float64 and np.abs(smooth - gaussian_filter(plane[:530, :600], 3.0)).max() <= 1e-14


@pytest.mark.parametrize(("length", "sigma"), [(100, 1.5), (37, 1.5), (16, 2.0), (5, 3.0), (341, 1.0)])
def test_bands_assemble_the_mirrored_filter_matrix(length, sigma):
    # The bands (the shared interior one and those built at each end) put together are the
    # filter's matrix: each output's kernel taps added onto its inputs after mirroring.
    kernel = gaussian_kernel(sigma)
    radius = len(kernel) // 2
    expected = np.zeros((length, length))
    for out in range(length):
        for tap, weight in zip(range(out - radius, out + radius + 1), kernel):
            source = tap % (2 * length)
            expected[out, 2 * length - 1 - source if source >= length else source] += weight
    assembled = np.zeros((length, length))
    for first, last, start, stop, weights in _bands(length, sigma, "<f8"):
        assembled[first:last, start:stop] += weights
    assert np.array_equal(assembled, expected)


def test_gaussian_kernel_is_normalised_and_truncated_at_four_sigma():
    kernel = gaussian_kernel(2.0)
    assert len(kernel) == 17 and kernel.sum() == pytest.approx(1.0, abs=1e-12)
    assert kernel.argmax() == 8 and np.allclose(kernel, kernel[::-1])


def test_a_step_is_smoothed_symmetrically_and_a_flat_plane_stays_flat():
    step = np.zeros((5, 40), np.float32)
    step[:, 20:] = 1.0
    row = gaussian_smooth(step, 2.0)[2]
    # Half-way at the step (between columns 19 and 20), and odd-symmetric about it.
    assert row[19] + row[20] == pytest.approx(1.0, abs=1e-6) and row[0] < 1e-6 and row[-1] > 1 - 1e-6
    assert np.allclose(gaussian_smooth(np.full((9, 9), 0.25, np.float32), 2.0), 0.25, atol=1e-7)


def test_gray_fact_and_its_smoothing_match_the_plain_formulas(write_image):
    facts = ImageFacts(write_image("c.png", testing.photo("coffee")))
    plain = (np.asarray(facts.working_image, dtype=np.float64) / 255.0) @ LUMA_WEIGHTS
    # Three table look-ups summed instead of a dot product: the same float64 numbers within 1 ulp.
    assert facts.gray.dtype == np.float64 and np.abs(facts.gray - plain).max() <= 1e-15
    expected = gaussian_filter(plain.astype(np.float32), 2.0)
    assert np.abs(gaussian_smooth(facts.gray.astype(np.float32), 2.0) - expected).max() <= 5e-7
    assert not facts.codes.flags.writeable and facts.codes.dtype == np.uint8


def test_smoothing_imports_no_scipy(write_image):
    # SciPy's ndimage costs about 0.2 s of CPU to import, a third of a one-file check (issue 14).
    path = write_image("c.png", testing.photo("coffee"))
    probe = (
        "import sys\nfrom stylelint.facts import ImageFacts\nfrom stylelint.smoothing import gaussian_smooth\n"
        f"gaussian_smooth(ImageFacts({str(path)!r}).gray, 2.0)\nprint('scipy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.split()[-1] == "False"
