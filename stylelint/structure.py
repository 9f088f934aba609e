"""Structure analyses of a grey image: local detail and saliency (straight lines are in
`stylelint/straight_lines.py`).

Pure functions of arrays, shared by the composition rules through `ImageFacts`
(`local_detail`, `saliency`). Nothing here knows of rules or thresholds. Heavy
libraries (scikit-image, SciPy) are imported inside the functions that use them.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from stylelint.decode import scaled_size

FloatArray = npt.NDArray[np.float64]

# Local-detail window: 1/64 of the long edge (16 px at 1024, 4 px at 256), made odd so that it
# is centred; small enough to follow object outlines, large enough to see texture.
DETAIL_WINDOW_SHARE = 1 / 64
# Spectral residual saliency (Hou & Zhang 2007, §2.2-2.3): the image is scaled to 64 px,
# the log amplitude spectrum is smoothed by a 3×3 mean filter, and the saliency map is
# smoothed by a Gaussian. The paper's σ = 8 is for 64×64 maps of natural images; 3 px keeps a
# small subject's peak in place while merging its texture into one blob.
SALIENCY_SIDE_PX = 64
SALIENCY_MEAN_FILTER = 3
SALIENCY_SIGMA_PX = 3.0
# A grey range below a quarter of one 8-bit level is flat: its spectrum is rounding noise.
FLAT_RANGE = 0.25 / 255


def detail_window(shape: tuple[int, ...]) -> int:
    """The odd side, in px, of the local-detail window for an image of `shape` (H, W, ...)."""
    side = max(3, round(max(shape[:2]) * DETAIL_WINDOW_SHARE))
    return side if side % 2 else side + 1


def local_std(plane: FloatArray, window: int) -> FloatArray:
    """Standard deviation of `plane` in a `window` × `window` box around each pixel.

    Parameters
    ----------
    plane : (H, W) float array, any unit
    window : odd side of the box, px; borders are mirrored (scipy "reflect")

    Returns
    -------
    (H, W) float array, same unit as `plane`, ≥ 0
    """
    from scipy.ndimage import uniform_filter

    mean = uniform_filter(plane, size=window, mode="reflect")
    mean_sq = uniform_filter(plane * plane, size=window, mode="reflect")
    return np.sqrt(np.clip(mean_sq - mean * mean, 0.0, None))


def spectral_residual_saliency(gray: FloatArray) -> FloatArray:
    """Spectral residual saliency map (Hou & Zhang 2007).

    Parameters
    ----------
    gray : (H, W) float array in [0, 1]

    Returns
    -------
    (h, w) float array in [0, 1], the long side `SALIENCY_SIDE_PX` px, the aspect ratio kept;
    all zeros for a flat image.

    References
    ----------
    X. Hou and L. Zhang, "Saliency Detection: A Spectral Residual Approach", CVPR 2007.
    """
    from scipy.ndimage import gaussian_filter, uniform_filter
    from skimage.transform import resize

    width, height = scaled_size((gray.shape[1], gray.shape[0]), SALIENCY_SIDE_PX / max(gray.shape))
    shape = (height, width)
    small = resize(gray, shape, anti_aliasing=True)
    if np.ptp(small) < FLAT_RANGE:
        return np.zeros(shape, dtype=np.float64)  # nothing stands out of a flat image
    # The mean brightness (the DC term) is no part of what stands out; left in, its residual
    # adds a uniform offset that swamps the map.
    spectrum = np.fft.fft2(small - small.mean())
    log_amplitude = np.log(np.abs(spectrum) + 1e-12)
    residual = log_amplitude - uniform_filter(log_amplitude, size=SALIENCY_MEAN_FILTER, mode="wrap")
    saliency = np.abs(np.fft.ifft2(np.exp(residual + 1j * np.angle(spectrum)))) ** 2
    saliency = gaussian_filter(saliency, SALIENCY_SIGMA_PX, mode="nearest")
    top = saliency.max()
    return np.asarray(saliency / top if top > 0 else saliency, dtype=np.float64)
