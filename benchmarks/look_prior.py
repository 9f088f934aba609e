"""Build stylelint/data/look_prior.json: how each look feature varies across ungraded photographs.

The `look` rule compares what a set of references holds constant with how the same feature
varies across ordinary, ungraded photographs of all kinds of scenes. This script measures that
population: every photograph given (scikit-image's colour photographs, plus every image in the
folders named on the command line) is taken as it came, in framings a house might use (the full
frame, a centred 4:5 crop, a centred 1:1 crop and two seeded random crops keeping 60–85 % of
each side), and measured with `stylelint.look.look_features` on the working copy that `check`
uses (long edge at most 1024 px). For each feature it writes the median, the 16th and 84th
percentiles and `spread` = (P84 − P16) / 2, a robust standard deviation (equal to σ for normal
data, and not zero for the crushed and clipped shares, which are 0 for most photographs), and
every framing's features (`framings`: the feature names and one row of values per framing), so
that `stylelint learn` can say how many ordinary photographs a learned look would accept.

The shipped file was made with:

    python benchmarks/look_prior.py /path/to/kodak-photos

on the 24 photographs of the Kodak Lossless True Color Image Suite (film scans of outdoor
scenes, people, boats, buildings, flowers) and skimage.data's astronaut, coffee, chelsea, rocket
and stereo_motorcycle (left view): 29 photographs, 145 framings. None of these is graded in any
particular look.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
import numpy.typing as npt
from PIL import Image

from stylelint.colour import rgb8_to_lab
from stylelint.decode import working_size
from stylelint.look import FEATURE_NAMES, look_features
from stylelint.testing import photo, random_crops

OUT = Path(__file__).resolve().parent.parent / "stylelint" / "data" / "look_prior.json"
SKIMAGE_PHOTOS = ("astronaut", "coffee", "chelsea", "rocket")
EXTENSIONS = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".webp"}
UInt8 = npt.NDArray[np.uint8]


def photographs(folders: list[Path]) -> dict[str, UInt8]:
    """{name: RGB uint8} of scikit-image's colour photographs and every image in `folders`."""
    from skimage import data

    out = {name: photo(name) for name in SKIMAGE_PHOTOS}
    out["motorcycle"] = np.asarray(data.stereo_motorcycle()[0])
    for folder in folders:
        for path in sorted(p for p in folder.iterdir() if p.suffix.lower() in EXTENSIONS):
            # Test sets reuse file names (img_001_SRF_2_HR.png is in BSD100 and in Urban100): a
            # second photograph of a name is kept under its path.
            out[path.stem if path.stem not in out else str(path)] = np.asarray(Image.open(path).convert("RGB"))
    return out


def centre_crop(image: UInt8, ratio: float) -> UInt8:
    """The largest centred crop of width / height = `ratio`."""
    height, width = image.shape[:2]
    if width / height > ratio:
        new = round(height * ratio)
        return image[:, (width - new) // 2 : (width - new) // 2 + new]
    new = round(width / ratio)
    return image[(height - new) // 2 : (height - new) // 2 + new]


def framings(image: UInt8, seed: int) -> list[UInt8]:
    """The full frame, centred 4:5 and 1:1 crops, two seeded random crops (as the docstring says)."""
    height, width = image.shape[:2]
    size = (max(64, width * 3 // 4), max(64, height * 3 // 4))
    return [image, centre_crop(image, 0.8), centre_crop(image, 1.0)] + random_crops(
        image, 2, size=size, keep=(0.6, 0.85), seed=seed
    )


def working(image: UInt8) -> UInt8:
    """The working copy `check` measures: long edge at most 1024 px (Lanczos)."""
    height, width = image.shape[:2]
    new = working_size((width, height), 1024)
    if new == (width, height):
        return image
    return np.asarray(Image.fromarray(image).resize(new, Image.Resampling.LANCZOS))


def measured(images: list[UInt8]) -> npt.NDArray[np.float64]:
    """The look features of each image's working copy, one row per image (`FEATURE_NAMES` order)."""
    rows = [look_features(rgb8_to_lab(copy), copy) for copy in (working(i) for i in images)]
    return np.array([[features[n] for n in FEATURE_NAMES] for features in rows])


def prior(table: npt.NDArray[np.float64]) -> dict[str, dict[str, float]]:
    """Per feature: median, p16, p84, spread = (p84 − p16) / 2, over the rows of `table`."""
    out = {}
    for column, name in enumerate(FEATURE_NAMES):
        p16, median, p84 = np.percentile(table[:, column], [16, 50, 84])
        out[name] = {
            "median": round(float(median), 4),
            "p16": round(float(p16), 4),
            "p84": round(float(p84), 4),
            "spread": round(float(p84 - p16) / 2, 4),
        }
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path, help="folders of ungraded photographs to add")
    parser.add_argument("--output", type=Path, default=OUT)
    args = parser.parse_args()
    photos = photographs(args.folders)
    images = [f for index, image in enumerate(photos.values()) for f in framings(image, seed=index)]
    table = measured(images)
    document = {
        "made_by": "benchmarks/look_prior.py (see its docstring)",
        "photographs": sorted(photos),
        "images": len(images),
        "features": prior(table),
        "framings": {"features": list(FEATURE_NAMES), "values": np.round(table, 4).tolist()},
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {args.output}: {len(photos)} photographs, {len(images)} framings")


if __name__ == "__main__":
    main()
