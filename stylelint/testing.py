"""Public test kit: synthetic images of known properties, known transforms, a one-rule runner.

Rule authors (built-in or plugin) use it to test a rule against images whose true property
is known by construction, without a spec file or the CLI.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from PIL import Image

from stylelint.analysis import Analysis
from stylelint.decode import scaled_size
from stylelint.facts import ImageFacts
from stylelint.params import ParseContext, build
from stylelint.rule import Rule, Verdict

UInt8Array = npt.NDArray[np.uint8]


def solid(size: tuple[int, int], colour: str | tuple[int, int, int]) -> UInt8Array:
    """A (height, width, 3) uint8 image of one colour; `size` is (width, height)."""
    rgb = _rgb(colour)
    return np.broadcast_to(np.array(rgb, dtype=np.uint8), (size[1], size[0], 3)).copy()


def split(
    size: tuple[int, int], first: str | tuple[int, int, int], second: str | tuple[int, int, int], share: float
) -> UInt8Array:
    """Left part `first` covering exactly round(share · width) columns, the rest `second`."""
    image = solid(size, second)
    image[:, : round(share * size[0])] = _rgb(first)
    return image


def gradient(size: tuple[int, int], *, horizontal: bool = True) -> UInt8Array:
    """A grey ramp from 0 to 255 along the width (or height)."""
    width, height = size
    ramp = np.linspace(0, 255, width if horizontal else height)
    plane = np.tile(ramp, (height, 1)) if horizontal else np.tile(ramp[:, None], (1, width))
    return np.repeat(np.rint(plane).astype(np.uint8)[:, :, None], 3, axis=2)


def checkerboard(size: tuple[int, int], cell: int, *, low: int = 0, high: int = 255) -> UInt8Array:
    """A black/white (or low/high grey) checkerboard with square cells of `cell` px."""
    width, height = size
    yy, xx = np.mgrid[0:height, 0:width]
    plane = np.where(((yy // cell) + (xx // cell)) % 2 == 0, low, high).astype(np.uint8)
    return np.repeat(plane[:, :, None], 3, axis=2)


def noise(size: tuple[int, int], *, mean: float = 128, sigma: float = 20, seed: int = 0) -> UInt8Array:
    """Gaussian noise of known sigma (0–255 scale) around `mean`, clipped to 0–255, seeded."""
    rng = np.random.default_rng(seed)
    values = rng.normal(mean, sigma, (size[1], size[0], 3))
    return np.clip(np.rint(values), 0, 255).astype(np.uint8)


def add_noise(image: UInt8Array, sigma: float, *, seed: int = 0) -> UInt8Array:
    """`image` plus Gaussian noise of standard deviation `sigma` (0–255 scale), seeded."""
    rng = np.random.default_rng(seed)
    noisy = image.astype(np.float64) + rng.normal(0, sigma, image.shape)
    return np.clip(np.rint(noisy), 0, 255).astype(np.uint8)


def colour_cast(image: UInt8Array, gains: tuple[float, float, float]) -> UInt8Array:
    """Multiply each channel in linear light by `gains` (a known white-balance cast)."""
    from stylelint.colour import linear_to_srgb, srgb_to_linear

    linear = srgb_to_linear(image / 255.0) * np.asarray(gains)
    return np.rint(linear_to_srgb(linear) * 255).astype(np.uint8)


def speckle(
    size: tuple[int, int],
    base: str | tuple[int, int, int],
    spot: str | tuple[int, int, int],
    share: float,
    *,
    seed: int = 0,
) -> UInt8Array:
    """`base` with exactly round(share · pixels) pixels, scattered at seeded random places, `spot`."""
    image = solid(size, base)
    flat = image.reshape(-1, 3)
    chosen = np.random.default_rng(seed).permutation(len(flat))[: round(share * len(flat))]
    flat[chosen] = _rgb(spot)
    return image


def planckian_grey(size: tuple[int, int], kelvin: float, *, duv: float = 0.0, brightest: float = 0.8) -> UInt8Array:
    """A neutral surface lit by a black body at `kelvin`, tinted `duv` off the locus: one colour.

    The chromaticity comes from `colour.planckian_xy` (positive `duv` is greener, negative more
    magenta); the linear RGB is scaled so its largest channel is `brightest`, then sRGB-encoded
    and rounded to 8 bits (which moves its CCT by a few kelvin at 5000 K and about 1 % at
    20,000 K; see tests/rules/test_color_temperature.py). Raises ValueError for a colour outside
    the sRGB gamut (a green tint at 2500 K and below).
    """
    from stylelint.cct import planckian_xy
    from stylelint.colour import linear_to_srgb, xy_to_linear_rgb

    linear = xy_to_linear_rgb(*planckian_xy(kelvin, duv=duv))
    if linear.min() < 0:
        raise ValueError(f"{kelvin:g} K at Duv {duv:+g} is outside the sRGB gamut")
    encoded = linear_to_srgb(linear / linear.max() * brightest)
    return solid(size, tuple(int(v) for v in np.rint(encoded * 255)))  # type: ignore[arg-type]


def blur(image: UInt8Array, sigma: float) -> UInt8Array:
    """Gaussian blur of known sigma (px) on each channel."""
    from skimage.filters import gaussian

    blurred = gaussian(image / 255.0, sigma=sigma, channel_axis=-1, preserve_range=True)
    return np.rint(np.clip(blurred, 0, 1) * 255).astype(np.uint8)


def rotate(image: UInt8Array, degrees: float) -> UInt8Array:
    """Rotate counter-clockwise by `degrees` about the centre, keeping the size (edge mode)."""
    from skimage.transform import rotate as sk_rotate

    rotated = sk_rotate(image / 255.0, degrees, resize=False, mode="edge", order=1)
    return np.rint(np.clip(rotated, 0, 1) * 255).astype(np.uint8)


def resize(image: UInt8Array, scale: float) -> UInt8Array:
    """`image` resized by `scale` (Lanczos, as a photo editor exports a smaller or larger copy)."""
    size = scaled_size((image.shape[1], image.shape[0]), scale)
    return np.asarray(Image.fromarray(image).resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0))


def cut_away(image: UInt8Array, share: float) -> Image.Image:
    """`image` as RGBA whose left `share` of columns is fully transparent (a cut-out PNG); the
    opaque part is `image[:, round(share · width):]`."""
    cut = round(image.shape[1] * share)
    rgba = np.dstack([image, np.full(image.shape[:2], 255, np.uint8)])
    rgba[:, :cut, 3] = 0
    return Image.fromarray(rgba, "RGBA")


def photo(name: str = "astronaut") -> UInt8Array:
    """A real photograph shipped with scikit-image (`skimage.data.<name>`), as RGB uint8."""
    from skimage import data

    image = np.asarray(getattr(data, name)())
    if image.ndim == 2:
        image = np.repeat(image[:, :, None], 3, axis=2)
    return np.ascontiguousarray(image[:, :, :3]).astype(np.uint8)


def random_crops(
    image: UInt8Array,
    count: int,
    *,
    size: tuple[int, int] = (160, 160),
    keep: tuple[float, float] = (0.55, 0.8),
    seed: int = 0,
) -> list[UInt8Array]:
    """`count` seeded random crops of `image`, each keeping a share in `keep` of each side, at a
    random place, resized to `size` (width, height): the framings of one scene, like a shoot."""
    rng = np.random.default_rng(seed)
    height, width = image.shape[:2]
    crops = []
    for _ in range(count):
        share = rng.uniform(*keep)
        w, h = int(width * share), int(height * share)
        x, y = int(rng.uniform(0, width - w)), int(rng.uniform(0, height - h))
        crops.append(np.asarray(Image.fromarray(image[y : y + h, x : x + w]).resize(size, Image.Resampling.LANCZOS)))
    return crops


def write(path: Path | str, image: UInt8Array | Image.Image, **save_options: Any) -> Path:
    """Write an array or PIL image to `path` (format from the extension); returns the path."""
    path = Path(path)
    picture = image if isinstance(image, Image.Image) else Image.fromarray(np.asarray(image))
    picture.save(path, **save_options)
    return path


def make_params(rule: Rule, raw: Mapping[str, Any] | None = None, *, palette: Mapping[str, str] | None = None) -> Any:
    """Build a rule's Params from raw spec values; raises ValueError listing the problems."""
    from stylelint.params import Colour

    ctx = ParseContext(
        palette={name: Colour.from_hex(hex_code, name=name) for name, hex_code in (palette or {}).items()}
    )
    built, problems = build(rule.params, dict(raw or {}), ctx, rule.constraints)
    if problems:
        raise ValueError("; ".join(f"{'.'.join(path) or rule.id}: {msg}" for path, msg in problems))
    return built


def run_rule(
    rule: Rule,
    path: Path | str,
    raw_params: Mapping[str, Any] | None = None,
    *,
    palette: Mapping[str, str] | None = None,
    analysis: Analysis = Analysis(),
) -> tuple[dict[str, Any], Verdict]:
    """Measure and judge one image with one per-image rule; returns (measured, verdict)."""
    p = make_params(rule, raw_params, palette=palette)
    measured = rule.measure(ImageFacts(path, analysis), p)
    return measured, rule.judge(measured, p)


def _rgb(colour: str | tuple[int, int, int]) -> tuple[int, int, int]:
    if isinstance(colour, str):
        text = colour.lstrip("#")
        return int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16)
    return colour
