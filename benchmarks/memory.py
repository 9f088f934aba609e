"""Peak memory of one `stylelint check` worker per image format, at the largest size allowed.

Builds (once, under --data, default benchmarks/data/memory/) one image per format at
14,000 × 14,000 = 196 million pixels, just under the default `analysis.max_pixels` of 200 million
(WebP at 10,000 × 10,000: libwebp's limit is 16,383 px a side), plus a 6000 × 4000 camera JPEG,
then checks each in a fresh process (`--jobs 1`, the recommended preset, no cache) and prints
its peak RSS, and the bytes per stored pixel above the peak of checking a 64-px PNG (interpreter,
libraries, working copy): a worker holds one image at a time, so `--jobs N` needs about N times
the figure.
Run: python benchmarks/memory.py [--side 14000]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
from PIL import Image

DATA = Path(__file__).parent / "data" / "memory"
SPEC = "version: 1\nextends: [recommended]\n"
WEBP_SIDE = 10_000  # libwebp refuses more than 16,383 px a side; 10,000² keeps the file quick to make
SEED_SIDE = 64  # a seeded 64-px pattern enlarged smoothly: photo-like gradients, quick to encode


def _pattern(side: int, mode: str) -> Image.Image:
    """A smooth, seeded `side` × `side` image in `mode` (enlarged from a small random one)."""
    small = np.random.default_rng(0).integers(0, 256, (SEED_SIDE, SEED_SIDE, 4), dtype=np.uint8)
    rgba = Image.fromarray(small, "RGBA").resize((side, side), Image.Resampling.BILINEAR)
    if mode == "RGBA":
        return rgba
    rgb = rgba.convert("RGB")
    del rgba
    if mode == "P":
        return rgb.quantize(64)
    if mode == "I;16":
        return Image.fromarray(np.asarray(rgb.convert("L"), dtype=np.uint16) * 257)
    return rgb if mode == "RGB" else rgb.convert(mode)


# (label, file name, mode, save options, side or None for --side)
FORMATS: list[tuple[str, str, str, dict[str, object], int | None]] = [
    ("PNG, RGB", "rgb.png", "RGB", {"compress_level": 1}, None),
    ("TIFF, RGB", "rgb.tif", "RGB", {}, None),
    ("BMP, RGB", "rgb.bmp", "RGB", {}, None),
    ("PNG, RGBA", "rgba.png", "RGBA", {"compress_level": 1}, None),
    ("TIFF, CMYK", "cmyk.tif", "CMYK", {}, None),
    ("PNG, palette", "palette.png", "P", {"compress_level": 1}, None),
    ("PNG, 8-bit grey", "grey8.png", "L", {"compress_level": 1}, None),
    ("PNG, 16-bit grey", "grey16.png", "I;16", {"compress_level": 1}, None),
    ("WebP, RGB", "rgb.webp", "RGB", {"quality": 80, "method": 0}, WEBP_SIDE),
]


def build(folder: Path, side: int) -> list[tuple[str, Path, int]]:
    """Each format's image (made once), with its label and stored pixel count."""
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for label, name, mode, options, fixed in FORMATS:
        size = fixed or side
        path = folder / f"{size}-{name}"
        if not path.exists():
            image = _pattern(size, mode)
            image.save(path, **options)
            del image
        made.append((label, path, size * size))
    return made


def camera_jpeg(folder: Path) -> tuple[str, Path, int]:
    """A 6000 × 4000 JPEG of the same pattern, with grain so it compresses like a photo."""
    path = folder / "camera.jpg"
    folder.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        pattern = np.asarray(_pattern(6000, "RGB").crop((0, 0, 6000, 4000)), dtype=np.int16)
        grain = np.random.default_rng(1).normal(0, 4, pattern.shape).astype(np.int16)
        Image.fromarray(np.clip(pattern + grain, 0, 255).astype(np.uint8)).save(path, quality=90)
    return "JPEG, 6000 × 4000 camera file", path, 6000 * 4000


def peak_of_check(path: Path) -> tuple[float, str]:
    """Peak RSS (MB) of `stylelint check PATH` in a fresh process (`--jobs 1`: the check runs in
    that process, as in one worker), and the file's status in the report. Started from a fresh
    interpreter of its own, because RUSAGE_CHILDREN keeps the largest child ever waited for."""
    probe = (
        "import resource, subprocess, sys; subprocess.run(sys.argv[1:], capture_output=True); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)"
    )
    with tempfile.TemporaryDirectory() as work:
        (Path(work) / "stylelint.yaml").write_text(SPEC)
        report = Path(work) / "report.json"
        argv = [sys.executable, "-m", "stylelint", "check", str(path), "--jobs", "1", "--no-cache",
                "--format", "json", "--output", str(report)]  # fmt: skip
        out = subprocess.run(
            [sys.executable, "-c", probe, *argv],
            cwd=work,
            capture_output=True,
            text=True,
            check=True,
        )
        status = json.loads(report.read_text())["files"][0]["status"]
    return float(out.stdout.split()[-1]), status


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--side",
        type=int,
        default=14_000,
        help="side of the square images, px (default 14000)",
    )
    parser.add_argument("--data", type=Path, default=DATA, help="where the images are built")
    args = parser.parse_args()
    tiny = args.data / "tiny.png"
    _pattern(SEED_SIDE, "RGB").save(tiny)
    base, _status = peak_of_check(tiny)
    print(f"64 × 64 PNG (the base: interpreter, libraries, one small image): peak RSS {base:.0f} MB\n")
    print("| format | stored pixels | peak RSS, MB | bytes per stored pixel above the base |\n|---|---|---|---|")
    for label, path, pixels in [camera_jpeg(args.data), *build(args.data, args.side)]:
        peak, status = peak_of_check(path)
        note = "" if status != "error" else " (unreadable!)"
        above = (peak - base) * 2**20 / pixels
        print(f"| {label}{note} | {pixels / 1e6:.0f} M | {peak:,.0f} | {above:.1f} |", flush=True)


if __name__ == "__main__":
    main()
