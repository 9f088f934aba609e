"""Compare dominant-colour extractors: accuracy on known palettes, and speed.

Run: python benchmarks/dominant_colours.py   (figures go into benchmarks/README.md by hand)

Candidates, each given an 8-bit RGB working copy and k, returning [(rgb, share)]:
  colorthief-q1/q10  colorthief's MMCQ (quality 1 and its default 10); it returns no shares, so
                     every pixel is assigned to the nearest returned colour (Euclidean Lab)
  pillow-mediancut   Image.quantize(k, MEDIANCUT); shares are the palette-index counts
  pillow-octree      Image.quantize(k, FASTOCTREE)
  kmeans-lab         weighted k-means (k-means++ init, seed 0) on the unique colours in Lab
Accuracy: synthetic images whose palette and shares are known by construction (bands of exact
width, plus seeded noise of sigma 3 codes, plus a blurred variant). For each true colour, the
nearest extracted colour's ΔE00 and the share error of that colour are recorded; the table
gives the worst over colours and images.
"""

from __future__ import annotations

import io
import statistics
import time
from collections.abc import Callable

import numpy as np
import numpy.typing as npt
from PIL import Image

from stylelint import testing
from stylelint.colour import delta_e_2000, rgb_to_lab

Extracted = list[tuple[tuple[int, int, int], float]]
Extractor = Callable[[npt.NDArray[np.uint8], int], Extracted]

PALETTES = {  # name → [(hex, share)], shares summing to 1
    "3 brand": [("#C8102E", 0.5), ("#F5F1E8", 0.3), ("#1A1A1A", 0.2)],
    "5 mixed": [("#2E5EAA", 0.40), ("#F2C14E", 0.25), ("#FFFFFF", 0.15), ("#5B8E7D", 0.12), ("#7A3B69", 0.08)],
    "4 close": [("#C8102E", 0.4), ("#A0102E", 0.3), ("#E8E0D0", 0.2), ("#303030", 0.1)],
}


def bands(palette: list[tuple[str, float]], size: tuple[int, int] = (1024, 683)) -> npt.NDArray[np.uint8]:
    """Vertical bands of exact width, in palette order."""
    image = np.zeros((size[1], size[0], 3), dtype=np.uint8)
    start = 0
    for hex_code, share in palette:
        end = start + round(share * size[0])
        image[:, start:end] = testing.solid((1, 1), hex_code)[0, 0]
        start = end
    return image


def _assign_shares(image: npt.NDArray[np.uint8], colours: list[tuple[int, int, int]]) -> Extracted:
    pixels, counts = np.unique(image.reshape(-1, 3), axis=0, return_counts=True)
    lab = rgb_to_lab(pixels / 255.0)
    centres = rgb_to_lab(np.array(colours) / 255.0)
    nearest = np.argmin(((lab[:, None, :] - centres[None]) ** 2).sum(-1), axis=1)
    shares = np.bincount(nearest, weights=counts, minlength=len(colours)) / counts.sum()
    return sorted(zip(colours, shares.tolist()), key=lambda cs: -cs[1])


def colorthief(quality: int) -> Extractor:
    def run(image: npt.NDArray[np.uint8], k: int) -> Extracted:
        from colorthief import ColorThief

        buffer = io.BytesIO()
        Image.fromarray(image).save(buffer, format="PNG")
        buffer.seek(0)
        colours = ColorThief(buffer).get_palette(color_count=k, quality=quality)
        return _assign_shares(image, [tuple(c) for c in colours])

    return run


def pillow(method: Image.Quantize) -> Extractor:
    def run(image: npt.NDArray[np.uint8], k: int) -> Extracted:
        quantised = Image.fromarray(image).quantize(colors=k, method=method)
        flat = quantised.getpalette() or []
        counts = quantised.getcolors(maxcolors=256) or []
        total = image.shape[0] * image.shape[1]
        found = [(tuple(flat[3 * i : 3 * i + 3]), n / total) for n, i in counts]
        return sorted(found, key=lambda cs: -cs[1])

    return run


def kmeans_lab(image: npt.NDArray[np.uint8], k: int) -> Extracted:
    from stylelint.colour import hex_to_srgb
    from stylelint.colour_stats import colour_counts_of, dominant_colours_of

    found = dominant_colours_of(colour_counts_of(image), k)
    return [(tuple(round(v * 255) for v in hex_to_srgb(d.hex)), d.share) for d in found]


CANDIDATES: dict[str, Extractor] = {
    "colorthief-q1": colorthief(1),
    "colorthief-q10": colorthief(10),
    "pillow-mediancut": pillow(Image.Quantize.MEDIANCUT),
    "pillow-octree": pillow(Image.Quantize.FASTOCTREE),
    "kmeans-lab": kmeans_lab,
}


def score(found: Extracted, palette: list[tuple[str, float]]) -> tuple[float, float]:
    """(worst ΔE00 from a true colour to its nearest found colour, worst share error)."""
    found_lab = rgb_to_lab(np.array([c for c, _ in found]) / 255.0)
    worst_de, worst_share = 0.0, 0.0
    for hex_code, share in palette:
        true_lab = rgb_to_lab(testing.solid((1, 1), hex_code)[0, 0] / 255.0)
        distances = delta_e_2000(found_lab, true_lab)
        best = int(np.argmin(distances))
        worst_de = max(worst_de, float(distances[best]))
        worst_share = max(worst_share, abs(found[best][1] - share))
    return worst_de, worst_share


def variants(palette: list[tuple[str, float]]) -> list[npt.NDArray[np.uint8]]:
    clean = bands(palette)
    return [clean, testing.add_noise(clean, 3, seed=1), testing.blur(testing.add_noise(clean, 3), 2)]


def timed(extract: Extractor, image: npt.NDArray[np.uint8], k: int, repeats: int = 3) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        extract(image, k)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    import os
    import platform

    photo = np.asarray(Image.fromarray(testing.photo("astronaut")).resize((1024, 1024)))
    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}"
    )
    names = list(PALETTES)
    print("extractor         | " + " | ".join(f"{n}: ΔE00 / share" for n in names) + " | photo s")
    for name, extract in CANDIDATES.items():
        cells = []
        for palette in PALETTES.values():
            scores = [score(extract(image, len(palette)), palette) for image in variants(palette)]
            cells.append(f"{max(s[0] for s in scores):5.2f} / {max(s[1] for s in scores):.3f}")
        seconds = timed(extract, photo, 5, repeats=1 if name == "colorthief-q1" else 3)
        print(f"{name:17} | " + " | ".join(f"{c:>17}" for c in cells) + f" | {seconds:.3f}")


if __name__ == "__main__":
    main()
