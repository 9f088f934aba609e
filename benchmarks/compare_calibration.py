"""Calibration of `stylelint compare` on a folder of varied photographs: false alarms and power.

- False alarms: the folder split into two random halves, --splits times; how often a feature
  (and the palette) is called drifted though both halves come from one set.
- Power, independent sets: half the photos against the *other* half transformed by a known
  amount (a white-balance cast, a lightness lift, a desaturation), --splits times.
- Power, paired: every photo against itself transformed (the same names in both folders).

Run: python benchmarks/compare_calibration.py FOLDER [--splits 200] [--side 384]
(the README's figures: the 24 Kodak photographs, 500 splits for the halves, 200 for power).
Transformed copies are written to a temporary folder and measured once each.
"""

from __future__ import annotations

import argparse
import tempfile
from collections.abc import Callable
from pathlib import Path

import numpy as np
from PIL import Image

from stylelint import testing
from stylelint.analysis import Analysis
from stylelint.colour import planckian_xy, rgb_to_lab, xy_to_linear_rgb
from stylelint.compare import MeasuredSet, compare_features, measure_set
from stylelint.compare_palette import compare_palettes
from stylelint.discovery import discover
from stylelint.drift_features import style_features
from stylelint.engine import Options
from stylelint.spec import Spec

Transform = Callable[[np.ndarray], np.ndarray]


def _lab(lift: float = 0.0, chroma: float = 1.0) -> Transform:
    def edit(image: np.ndarray) -> np.ndarray:
        from skimage.color import lab2rgb

        lab = rgb_to_lab(image / 255.0)
        lab[..., 0] += lift
        lab[..., 1:] *= chroma
        return np.rint(np.clip(lab2rgb(lab), 0, 1) * 255).astype(np.uint8)

    return edit


def _warm(kelvin: float) -> Transform:
    gains = xy_to_linear_rgb(*planckian_xy(kelvin)) / xy_to_linear_rgb(0.3127, 0.3290)
    return lambda image: testing.colour_cast(image, tuple(gains / gains.max()))


TRANSFORMS: dict[str, Transform] = {
    "warm 5500 K": _warm(5500),
    "warm 5000 K": _warm(5000),
    "lift 3 L*": _lab(lift=3),
    "lift 6 L*": _lab(lift=6),
    "chroma x0.8": _lab(chroma=0.8),
    "chroma x0.6": _lab(chroma=0.6),
}


def _measured(images: list[np.ndarray], folder: Path, spec: Spec) -> MeasuredSet:
    folder.mkdir(parents=True)
    for index, image in enumerate(images):
        Image.fromarray(image).save(folder / f"{index:03d}.png")
    return measure_set(str(folder), spec, style_features(), Options(jobs=2))


def _drifted(before: MeasuredSet, after: MeasuredSet) -> list[str]:
    return [d.feature.name for d in compare_features(before, after, style_features()) if d.significant]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("--splits", type=int, default=200)
    parser.add_argument("--side", type=int, default=384, help="long edge the photos are scaled to (speed)")
    args = parser.parse_args()
    images = []
    for target in discover([args.folder]):
        image = Image.open(target.path).convert("RGB")
        image.thumbnail((args.side, args.side))
        images.append(np.asarray(image))
    spec = Spec(path=None, name="", root=Path.cwd(), palette={}, analysis=Analysis(), rules={})
    with tempfile.TemporaryDirectory() as work:
        original = _measured(images, Path(work, "original"), spec)
        n, half = len(images), len(images) // 2
        halves = [np.random.default_rng(seed).permutation(n) for seed in range(args.splits)]
        alarms = sum(bool(_drifted(original.subset(o[:half]), original.subset(o[half:]))) for o in halves)
        palette = 0
        for o in halves:
            colours = compare_palettes(original.subset(o[:half]).dominant, original.subset(o[half:]).dominant, {}, 10.0)
            palette += bool(colours["dropped"] or colours["added"])
        print(
            f"{n} photos; random halves: a drifted feature in {alarms}/{args.splits}, palette change {palette}/{args.splits}"
        )
        for name, transform in TRANSFORMS.items():
            changed = _measured([transform(i) for i in images], Path(work, name.replace(" ", "_")), spec)
            found = [_drifted(original.subset(o[:half]), changed.subset(o[half:])) for o in halves]
            counts = {f: sum(f in hit for hit in found) for f in {f for hit in found for f in hit}}
            print(
                f"{name:<12} independent {half} vs {n - half}: any drift {sum(map(bool, found))}/{args.splits} {counts}"
            )
            print(f"{'':<12} paired {n}: {_drifted(original, changed)}")


if __name__ == "__main__":
    main()
