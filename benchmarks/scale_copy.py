"""Cheaper ways to make the 400-px copy of noise and sharpness, against a full-resolution reference.

Noise and sharpness read a copy of the image with a 400-px long edge (Lanczos from the 1024-px
working copy, `ImageFacts.scaled_codes`). For each JPEG given, this script makes that copy in
several ways and measures both rules' numbers on each (the rules' own `measure`, on the file's
`ImageFacts` with that copy in place of its own), against the same numbers on a reference made
the slow, faithful way: the whole file decoded at full size, then one Lanczos resize to 400 px.
"Today" is the copy a check makes: `ImageFacts.scaled_codes` from the real working copy. It
prints, per way, the median CPU ms of the resize (`time.process_time`) and the range and median
of each number's ratio to the reference. A cheaper way is worth taking only when its ratios are
as close to 1 as today's. Issue 14; see the README's Performance section. Files with an ICC
profile or an EXIF orientation are skipped: the reference and the 1/4-scale decode apply neither.
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

from stylelint.facts import ImageFacts
from stylelint.rules import noise, sharpness

LANCZOS, BICUBIC = Image.Resampling.LANCZOS, Image.Resampling.BICUBIC
TODAY = "today: the check's own copy (ImageFacts.scaled_codes)"
# Each other way: (the image it starts from, how it resizes to the 400-px size).
WAYS: dict[str, tuple[str, Callable[[Image.Image, tuple[int, int]], Image.Image]]] = {
    "Lanczos from the 1/4-scale decode": ("decoded", lambda im, size: im.resize(size, LANCZOS, reducing_gap=3.0)),
    "box 1/3 of the decode, then Lanczos": ("decoded", lambda im, size: im.resize(size, LANCZOS, reducing_gap=1.0)),
    "box 1/2 of the working copy, then Lanczos": (
        "working",
        lambda im, size: im.resize(size, LANCZOS, reducing_gap=1.0),
    ),
    "bicubic from the working copy": ("working", lambda im, size: im.resize(size, BICUBIC, reducing_gap=3.0)),
}


def readings(facts: ImageFacts) -> tuple[float, float]:
    """(noise σ, sharpness) of `facts`' 400-px copy, as the two rules measure them."""
    return noise.measure(facts, noise.Params())["sigma"], sharpness.measure(facts, sharpness.Params())["sharpness"]


def with_copy(facts: ImageFacts, copy: Image.Image) -> ImageFacts:
    """Facts of the same file and working copy whose 400-px copy is `copy` (a cached property's
    value lives in the instance's dictionary: set there, it is what the rules read)."""
    other = ImageFacts(facts.path, facts.analysis)
    other.__dict__["working_image"] = facts.working_image
    other.__dict__["scaled_codes"] = np.asarray(copy)
    return other


def main() -> None:
    files = sorted(glob.glob(sys.argv[1]))[: int(sys.argv[2]) if len(sys.argv) > 2 else 12]
    ratios: dict[str, list[tuple[float, float]]] = {name: [] for name in [TODAY, *WAYS]}
    cpu: dict[str, list[float]] = {name: [] for name in ratios}
    for file in files:
        facts = ImageFacts(file)
        if facts.icc_profile or facts.header.orientation != 1:
            print(f"skipped {file}: an ICC profile or an EXIF orientation", file=sys.stderr)
            continue
        working = facts.working_image
        start = time.process_time()
        height, width = facts.scaled_codes.shape[:2]
        cpu[TODAY].append(1000 * (time.process_time() - start))
        size = (width, height)  # every copy the same size as the check's own
        with Image.open(file) as full:
            full.load()
            reference = readings(with_copy(facts, full.resize(size, LANCZOS)))
        with Image.open(file) as image:  # the decode the working copy is resized from
            image.draft("RGB", working.size)
            image.load()
            sources = {"decoded": image.copy(), "working": working}
        copies = {TODAY: facts}
        for name, (source, resize) in WAYS.items():
            start = time.process_time()
            copy = resize(sources[source], size)
            cpu[name].append(1000 * (time.process_time() - start))
            copies[name] = with_copy(facts, copy)
        for name, copied in copies.items():
            sigma, sharp = readings(copied)
            ratios[name].append((sigma / reference[0], sharp / reference[1]))
    print(f"{len(ratios[TODAY])} files; ratio of each reading to the full-resolution reference (min–max, median)\n")
    print("| 400-px copy | resize CPU ms | noise σ | sharpness |\n|---|---|---|---|")
    for name, values in ratios.items():
        array = np.array(values)
        cells = [f"{a.min():.2f}–{a.max():.2f} ({np.median(a):.2f})" for a in array.T]
        print(f"| {name} | {statistics.median(cpu[name]):.1f} | {cells[0]} | {cells[1]} |")


if __name__ == "__main__":
    main()
