"""Cheaper ways to make the 400-px copy of noise and sharpness, against a full-resolution reference.

Noise and sharpness read a copy of the image with a 400-px long edge (Lanczos from the 1024-px
working copy, `ImageFacts.scaled_codes`). For each JPEG given, this script makes that copy in
several ways and measures both rules' numbers on each, against the same numbers on a reference
made the slow, faithful way: the whole file decoded at full size, then one Lanczos resize to
400 px. It prints, per way, the median CPU ms of the resize (`time.process_time`) and the range
and median of each number's ratio to the reference. A cheaper way is worth taking only when its
ratios are as close to 1 as today's. Issue 14; see the README's Performance section.
Run: python benchmarks/scale_copy.py 'benchmarks/data/camera-q95-40/*.jpg' [COUNT]
"""

from __future__ import annotations

import glob
import statistics
import sys
import time
from collections.abc import Callable

import numpy as np
from PIL import Image

from stylelint.analysis import Analysis
from stylelint.colour import rgb8_to_luma
from stylelint.decode import working_size
from stylelint.facts import SCALE_PX
from stylelint.rules import noise, sharpness

LANCZOS, BICUBIC = Image.Resampling.LANCZOS, Image.Resampling.BICUBIC
# Each way: (the image it starts from, how it resizes to the 400-px size).
WAYS: dict[str, tuple[str, Callable[[Image.Image, tuple[int, int]], Image.Image]]] = {
    "today: Lanczos from the working copy": ("working", lambda im, size: im.resize(size, LANCZOS, reducing_gap=3.0)),
    "Lanczos from the 1/4-scale decode": ("decoded", lambda im, size: im.resize(size, LANCZOS, reducing_gap=3.0)),
    "box 1/3 of the decode, then Lanczos": ("decoded", lambda im, size: im.resize(size, LANCZOS, reducing_gap=1.0)),
    "box 1/2 of the working copy, then Lanczos": (
        "working",
        lambda im, size: im.resize(size, LANCZOS, reducing_gap=1.0),
    ),
    "bicubic from the working copy": ("working", lambda im, size: im.resize(size, BICUBIC, reducing_gap=3.0)),
}


def readings(copy: Image.Image) -> tuple[float, float]:
    """(noise σ, sharpness) of a 400-px RGB copy, as the two rules compute them (unrounded)."""
    codes = np.asarray(copy)
    luma = rgb8_to_luma(codes, top=255.0)
    keep = noise.flat_blocks(luma, codes)
    coefficients = noise.diagonal_detail(noise._blocks(codes, noise.BLOCK_PX)[keep])
    sigma = float(np.mean([np.median(coefficients[..., c]) for c in range(3)])) / noise._NORMAL_QUARTILE
    return sigma, float(sharpness.laplacian(luma).var(dtype=np.float64))


def main() -> None:
    files = sorted(glob.glob(sys.argv[1]))[: int(sys.argv[2]) if len(sys.argv) > 2 else 12]
    ratios: dict[str, list[tuple[float, float]]] = {name: [] for name in WAYS}
    cpu: dict[str, list[float]] = {name: [] for name in WAYS}
    for file in files:
        with Image.open(file) as full:
            full.load()
            reference = readings(full.resize(working_size(full.size, SCALE_PX), LANCZOS))
        with Image.open(file) as image:
            image.draft("RGB", working_size(image.size, Analysis().max_side))
            image.load()
            sources = {"decoded": image.copy()}
        sources["working"] = sources["decoded"].resize(working_size(full.size, Analysis().max_side), LANCZOS)
        for name, (source, resize) in WAYS.items():
            start = time.process_time()
            copy = resize(sources[source], working_size(full.size, SCALE_PX))
            cpu[name].append(1000 * (time.process_time() - start))
            sigma, sharp = readings(copy)
            ratios[name].append((sigma / reference[0], sharp / reference[1]))
    print(f"{len(files)} files; ratio of each reading to the full-resolution reference (min–max, median)\n")
    print("| 400-px copy | resize CPU ms | noise σ | sharpness |\n|---|---|---|---|")
    for name, values in ratios.items():
        array = np.array(values)
        cells = [f"{a.min():.2f}–{a.max():.2f} ({np.median(a):.2f})" for a in array.T]
        print(f"| {name} | {statistics.median(cpu[name]):.1f} | {cells[0]} | {cells[1]} |")


if __name__ == "__main__":
    main()
