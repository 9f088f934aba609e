"""Noise and sharpness of one photograph at several file sizes, and noise added by known amounts.

For each photograph given: copies resized (Lanczos) to a long edge of 400, 600, 800, 1,024,
1,200 and 1,600 px (enlarged where the photograph is smaller), each written as PNG and measured
by the noise and sharpness rules with the default analysis settings (so copies above 1,024 px
are reduced to the working copy first, as a camera file is). Prints, per rule, how many
photographs read within a factor 1.5 of themselves over the sizes and the worst ratio (issue
13's target). Then Gaussian noise of σ = 2, 5 and 10 levels is added to the 400-px copy and to
the 800-px and 1,600-px ones, and the reading is compared with √(clean² + (g · σ)²), where
g = 400 / L for a copy of long edge L (the resampling to 400 px averages white noise).
Run: python benchmarks/picture_scale.py '/path/to/kodim*.png'
"""

from __future__ import annotations

import glob
import statistics
import sys
import tempfile
from pathlib import Path

import numpy as np
from PIL import Image

from stylelint import testing
from stylelint.rules import noise, sharpness

SIZES = (400, 600, 800, 1024, 1200, 1600)
SIGMAS = (2.0, 5.0, 10.0)
NOISY_SIZES = (400, 800, 1600)


def _resized(photo: np.ndarray, long_edge: int) -> np.ndarray:
    return testing.resize(photo, long_edge / max(photo.shape[:2]))


def _measure(folder: Path, image: np.ndarray) -> tuple[float, float]:
    path = testing.write(folder / "copy.png", image)
    sigma = testing.run_rule(noise.RULE, path, {"max": 255})[0]["sigma"]
    return sigma, testing.run_rule(sharpness.RULE, path, {"min": 0})[0]["sharpness"]


def _agreement(name: str, table: dict[str, list[float]]) -> None:
    ratios = {photo: max(values) / max(min(values), 1e-9) for photo, values in table.items()}
    worst = max(ratios, key=ratios.__getitem__)
    within = sum(ratio <= 1.5 for ratio in ratios.values())
    print(
        f"{name}: {within} of {len(ratios)} within x1.5 over {SIZES[0]}-{SIZES[-1]} px; "
        f"worst {ratios[worst]:.3f} ({worst}), median {statistics.median(ratios.values()):.3f}"
    )


def main() -> None:
    files = sorted(glob.glob(sys.argv[1]))
    sigmas: dict[str, list[float]] = {}
    sharpnesses: dict[str, list[float]] = {}
    added: dict[int, list[float]] = {size: [] for size in NOISY_SIZES}
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        for index, file in enumerate(files):
            name = Path(file).stem
            photo = np.asarray(Image.open(file).convert("RGB"))
            readings = [_measure(folder, _resized(photo, size)) for size in SIZES]
            sigmas[name] = [sigma for sigma, _ in readings]
            sharpnesses[name] = [value for _, value in readings]
            for size in NOISY_SIZES:
                copy, clean = _resized(photo, size), sigmas[name][SIZES.index(size)]
                for sigma in SIGMAS:
                    noisy = _measure(folder, testing.add_noise(copy, sigma, seed=index))[0]
                    added[size].append(noisy / np.hypot(clean, sigma * 400 / size))
    _agreement("noise", sigmas)
    _agreement("sharpness", sharpnesses)
    at_400 = [values[0] for values in sigmas.values()]
    print(f"clean noise at 400 px: {min(at_400):.2f}-{max(at_400):.2f} levels")
    for size, ratios in added.items():
        print(
            f"noise added at {size} px (σ = {', '.join(f'{s:g}' for s in SIGMAS)}): reading / "
            f"√(clean² + (σ·400/{size})²) mean {np.mean(ratios):.3f}, {min(ratios):.3f}-{max(ratios):.3f}"
        )


if __name__ == "__main__":
    main()
