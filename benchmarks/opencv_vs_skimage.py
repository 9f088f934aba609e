"""OpenCV against scikit-image/SciPy/Pillow for the working copy's hot operations (issue 14).

For each operation: CPU ms per call (median of repeats, time.process_time, one thread each) on
the luma of 1024×683 photographs, and how far OpenCV's values are from the ones stylelint
computes now. Run: pip install opencv-python-headless; python benchmarks/opencv_vs_skimage.py
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

import numpy as np
from PIL import Image

REPEAT = 15


def cpu_ms(function: Callable[[], Any]) -> float:
    """Median CPU milliseconds of `function` over REPEAT calls (after one warm-up call)."""
    function()
    times = []
    for _ in range(REPEAT):
        start = time.process_time()
        function()
        times.append(1000 * (time.process_time() - start))
    return statistics.median(times)


def working_copies() -> list[np.ndarray]:
    """1024-px RGB working copies of scikit-image's photographs (LANCZOS, as stylelint makes them)."""
    from skimage import data

    photos = [data.astronaut(), data.coffee(), data.chelsea(), data.rocket()]
    out = []
    for photo in photos:
        image = Image.fromarray(photo).resize((1024, 683), Image.Resampling.LANCZOS)
        out.append(np.asarray(image))
    return out


Row = tuple[str, float, float, str]


def photo_rows(rgb: np.ndarray) -> list[Row]:
    """The four operations on one working copy: (name, ours ms, OpenCV ms, how the values compare)."""
    import cv2
    from scipy.ndimage import gaussian_filter, sobel
    from skimage.feature import canny
    from skimage.transform import hough_line

    gray = (rgb.astype(np.float32) @ np.array([0.2125, 0.7154, 0.0721], np.float32)) / 255.0

    # Gaussian σ = 2 px (truncate 4: a 17-tap kernel) and 3×3 Sobel, borders mirrored
    # (SciPy's 'reflect' is OpenCV's BORDER_REFLECT).
    def sk_grad() -> tuple[np.ndarray, np.ndarray]:
        smooth = gaussian_filter(gray, 2.0)
        return sobel(smooth, axis=0), sobel(smooth, axis=1)

    def cv_grad() -> tuple[np.ndarray, np.ndarray]:
        smooth = cv2.GaussianBlur(gray, (17, 17), 2.0, borderType=cv2.BORDER_REFLECT)
        return (
            cv2.Sobel(smooth, cv2.CV_32F, 0, 1, ksize=3, borderType=cv2.BORDER_REFLECT),
            cv2.Sobel(smooth, cv2.CV_32F, 1, 0, ksize=3, borderType=cv2.BORDER_REFLECT),
        )

    (sy, sx), (cy, cx) = sk_grad(), cv_grad()
    grad_err = max(np.abs(sy - cy).max(), np.abs(sx - cx).max()) / max(np.abs(sy).max(), np.abs(sx).max())

    # horizon's Canny: σ = 2 px, thresholds 0.03 / 0.06 of the [0, 1] luma's gradient magnitude.
    def sk_canny() -> np.ndarray:
        return canny(gray.astype(np.float64), sigma=2.0, low_threshold=0.03, high_threshold=0.06, mode="nearest")

    g8 = np.clip(gray * 255 + 0.5, 0, 255).astype(np.uint8)

    def cv_canny() -> np.ndarray:
        blurred = cv2.GaussianBlur(g8, (17, 17), 2.0, borderType=cv2.BORDER_REPLICATE)
        return cv2.Canny(blurred, 0.03 * 255, 0.06 * 255, L2gradient=True) > 0  # the same thresholds, 8-bit scale

    sk_edges, cv_edges = sk_canny(), cv_canny()
    agree = (sk_edges & cv_edges).sum() / max(1, (sk_edges | cv_edges).sum())
    theta = np.radians(np.arange(-15, 15.05, 0.1)) + np.pi / 2
    big = Image.fromarray(rgb).resize((1500, 1000), Image.Resampling.BICUBIC)
    big_array = np.asarray(big)

    def pil_resize() -> np.ndarray:
        return np.asarray(big.resize((1024, 683), Image.Resampling.LANCZOS, reducing_gap=3.0))

    def cv_resize() -> np.ndarray:
        return np.asarray(cv2.resize(big_array, (1024, 683), interpolation=cv2.INTER_LANCZOS4))

    diff = np.abs(pil_resize().astype(int) - cv_resize().astype(int))
    return [
        (
            "Gaussian σ 2 px + Sobel (float32)",
            cpu_ms(sk_grad),
            cpu_ms(cv_grad),
            f"max relative difference {grad_err:.1e}",
        ),
        (
            "Canny σ 2 px (horizon's thresholds)",
            cpu_ms(sk_canny),
            cpu_ms(cv_canny),
            f"edge maps agree: IoU {agree:.2f}",
        ),
        (
            "Hough accumulator, 301 angles",
            cpu_ms(lambda: hough_line(sk_edges, theta=theta)),
            float("nan"),
            "OpenCV gives lines, not the accumulator horizon scores",
        ),
        (
            "resize 1500 → 1024 px, LANCZOS",
            cpu_ms(pil_resize),
            cpu_ms(cv_resize),
            f"max difference {diff.max()} levels, mean {diff.mean():.2f}",
        ),
    ]


def main() -> None:
    import cv2

    cv2.setNumThreads(1)
    rows = [row for rgb in working_copies() for row in photo_rows(rgb)]
    print(
        f"Python {sys.version.split()[0]}, OpenCV {cv2.__version__}; CPU ms per call, median over 4 photos × {REPEAT}\n"
    )
    print("| operation | scikit-image / SciPy / Pillow | OpenCV | values |\n|---|---|---|---|")
    for name in dict.fromkeys(r[0] for r in rows):
        mine = [r for r in rows if r[0] == name]
        ours = statistics.median(r[1] for r in mine)
        theirs = statistics.median(r[2] for r in mine)
        print(f"| {name} | {ours:.1f} | {theirs:.1f} | {mine[0][3]} |")


if __name__ == "__main__":
    main()
