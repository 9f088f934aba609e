"""Candidate paths to the working copy and to exposure's counts, against the ones stylelint takes
(issue 14), in CPU ms per camera JPEG, each run interleaved with the others on the same files.

- Pillow (stylelint's path): the file hashed (SHA-256, the cache key), Pillow's 1/4-scale DCT
  decode fed the whole file at once, the LANCZOS resize to the 1024-px working copy;
- simplejpeg (`pip install simplejpeg`, libjpeg-turbo), when installed: the file read once and
  hashed from memory, decoded at 1/4 scale to RGB then `Image.fromarray`, or to RGBX mapped
  without a copy and converted to RGB, then the same resize. Every path's pixels and hash are
  checked equal to Pillow's on the first file;
- exposure's clipped counts (every channel ≥ 250, some channel ≥ 250, every channel ≤ 5) from
  numpy's channel minima and maxima, against Pillow's `ImageChops.darker`/`lighter` of the split
  bands and their histograms (the same counts, checked).

Run: python benchmarks/decode_paths.py 'benchmarks/data/camera-q95-40/*.jpg' [COUNT]
"""

from __future__ import annotations

import glob
import hashlib
import importlib.util
import statistics
import sys
import time
from collections.abc import Callable

import numpy as np
from PIL import Image, ImageChops

from stylelint.colour import highest_channel, lowest_channel
from stylelint.decode import working_size
from stylelint.executors import keep_freed_memory
from stylelint.sources import Source

Path = Callable[[str], tuple[str, Image.Image]]


def pillow(file: str) -> tuple[str, Image.Image]:
    digest = Source(file).sha256()
    with Image.open(file) as image:
        size = working_size(image.size, 1024)
        image.decodermaxblock = 1 << 26  # type: ignore[attr-defined]
        image.draft("RGB", size)
        image.load()
        return digest, image.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)


def simplejpeg_path(colours: str) -> Path:
    import simplejpeg  # type: ignore[import-not-found]

    def run(file: str) -> tuple[str, Image.Image]:
        with open(file, "rb") as handle:
            data = handle.read()
        height, width = simplejpeg.decode_jpeg_header(data)[:2]
        size = working_size((width, height), 1024)
        pixels = simplejpeg.decode_jpeg(data, colours, min_width=size[0], min_height=size[1])
        if colours == "RGB":
            image = Image.fromarray(pixels)
        else:
            shape = (pixels.shape[1], pixels.shape[0])
            image = Image.frombuffer("RGBX", shape, pixels, "raw", "RGBX", 0, 1).convert("RGB")
        return hashlib.sha256(data).hexdigest(), image.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)

    return run


def counts_numpy(image: Image.Image) -> tuple[int, int, int]:
    codes = np.asarray(image)
    low, high = lowest_channel(codes), highest_channel(codes)
    return (int(np.count_nonzero(low >= 250)), int(np.count_nonzero(high >= 250)), int(np.count_nonzero(high <= 5)))


def counts_pillow(image: Image.Image) -> tuple[int, int, int]:
    red, green, blue = image.split()
    low = ImageChops.darker(ImageChops.darker(red, green), blue).histogram()
    high = ImageChops.lighter(ImageChops.lighter(red, green), blue).histogram()
    return sum(low[250:]), sum(high[250:]), sum(high[:6])


def main() -> None:
    keep_freed_memory()
    files = sorted(glob.glob(sys.argv[1]))[: int(sys.argv[2]) if len(sys.argv) > 2 else 20]
    paths: dict[str, Path] = {"Pillow (stylelint)": pillow}
    if importlib.util.find_spec("simplejpeg") is not None:
        paths["simplejpeg RGB + fromarray"] = simplejpeg_path("RGB")
        paths["simplejpeg RGBX mapped + convert"] = simplejpeg_path("RGBX")
    reference = pillow(files[0])
    for name, path in paths.items():
        digest, image = path(files[0])
        assert digest == reference[0] and np.array_equal(np.asarray(image), np.asarray(reference[1])), name
    times: dict[str, list[float]] = {}
    for index, file in enumerate(files * 2):
        order = list(paths.items())
        for name, path in order if index % 2 else reversed(order):
            start = time.process_time()
            working = path(file)[1]
            times.setdefault(name, []).append(1000 * (time.process_time() - start))
        assert counts_numpy(working) == counts_pillow(working)
        for name, count in (
            ("counts: numpy minima/maxima", counts_numpy),
            ("counts: Pillow histograms", counts_pillow),
        ):
            start = time.process_time()
            count(working)
            times.setdefault(name, []).append(1000 * (time.process_time() - start))
    print(f"{len(files)} files, each twice; median CPU ms\n\n| path | CPU ms |\n|---|---|")
    for name, values in times.items():
        print(f"| {name} | {statistics.median(values):.2f} |")


if __name__ == "__main__":
    main()
