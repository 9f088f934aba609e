"""ImageFacts: the decoding policy of CONTRACT.md §3 and lazily computed, shared analyses.

Every rule reads an image through one `ImageFacts`. Each analysis is computed once, on first
use, and cached. Header facts (size, format, profile, metadata) never decode pixels; pixel
analyses decode once, straight to the working copy (JPEG DCT scaling through Pillow's
`draft`), with EXIF orientation applied, the embedded ICC profile converted to sRGB and alpha
composited over white. Files are opened read-only and never written.
"""

from __future__ import annotations

import hashlib
import io
import logging
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple

import numpy as np
import numpy.typing as npt
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from stylelint.analysis import Analysis
from stylelint.colour import LUMA_WEIGHTS, relative_luminance, rgb8_to_lab, rgb_to_lab, srgb_to_hex, srgb_to_linear
from stylelint.errors import ImageReadError, UsageError
from stylelint.sources import Source

log = logging.getLogger(__name__)

FloatArray = npt.NDArray[np.float64]

# Pillow format names → the names the contract and the file-format rule use. MPO is a
# multi-picture JPEG whose first picture every JPEG decoder reads, so it counts as jpeg.
_FORMAT_NAMES = {
    "JPEG": "jpeg",
    "MPO": "jpeg",
    "PNG": "png",
    "WEBP": "webp",
    "TIFF": "tiff",
    "GIF": "gif",
    "BMP": "bmp",
    "AVIF": "avif",
    "HEIF": "heif",
}
# EXIF Orientation values 5–8 swap width and height (EXIF 2.32, tag 0x0112).
_ORIENTATIONS_THAT_TRANSPOSE = {5, 6, 7, 8}
_EXIF_ORIENTATION = 0x0112
_EXIF_GPS_IFD = 0x8825
_EXIF_IFD = 0x8769
_HEIF_BRANDS = (b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1")
_HASH_CHUNK = 1 << 20
# `icc_description` of an embedded profile LittleCMS cannot parse.
INVALID_PROFILE = "invalid embedded profile"


@dataclass(frozen=True)
class Header:
    """What the file's header says, read without decoding pixels."""

    format: str
    stored_size: tuple[int, int]
    orientation: int
    frames: int
    icc_profile: bytes | None
    srgb_chunk: bool
    exif: dict[int, Any]
    gps: dict[int, Any]
    exif_readable: bool
    xmp: str
    iptc: dict[tuple[int, int], Any]
    mode: str = "RGB"


def _human_cause(exc: BaseException, source: Source) -> str:
    """A short, plain-words cause for a failure to read an image."""
    if isinstance(exc, FileNotFoundError):
        return "file not found"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, IsADirectoryError):
        return "is a folder, not a file"
    if isinstance(exc, Image.DecompressionBombError):
        return f"image too large to decode safely ({exc})"
    if isinstance(exc, UnidentifiedImageError):
        return _unidentified_cause(source)
    text = str(exc).strip() or type(exc).__name__
    if "truncated" in text.lower():
        return f"truncated image data: {text}"
    return f"could not decode image: {text}"


def _unidentified_cause(source: Source) -> str:
    try:
        with source.open() as handle:
            head = handle.read(16)
    except OSError:
        head = b""
    if not head:
        return "empty file (0 bytes)"
    if head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS:
        return "HEIC/HEIF image, but no HEIF decoder is installed (pip install pillow-heif)"
    return "not an image in a format Pillow can read (unknown or corrupt header)"


class _Opener:
    """Opens an image read-only with the max_pixels guard; maps every failure to ImageReadError."""

    def __init__(self, source: Source, analysis: Analysis) -> None:
        self.source = source
        self.analysis = analysis

    def __enter__(self) -> Image.Image:
        _register_optional_decoders()
        self.file = self._open_file()
        try:
            # Pillow's bomb guard (process-wide) refuses at twice MAX_IMAGE_PIXELS with its own
            # numbers; at open, the check below gives the cause in the spec's terms instead. After
            # open it is aligned with this spec's limit, for frames and decoders (never None).
            Image.MAX_IMAGE_PIXELS = None
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                self.image = Image.open(self.file)
        except Exception as exc:
            self.file.close()
            raise ImageReadError(_human_cause(exc, self.source)) from exc
        finally:
            Image.MAX_IMAGE_PIXELS = self.analysis.max_pixels
        width, height = self.image.size
        if width <= 0 or height <= 0:
            self.__exit__()
            raise ImageReadError(f"image has no pixels ({width}×{height})")
        if width * height > self.analysis.max_pixels:
            self.__exit__()
            raise ImageReadError(_too_large("image", (width, height), self.analysis.max_pixels))
        return self.image

    def _open_file(self) -> BinaryIO:
        try:
            return self.source.open()
        except ImageReadError:
            raise
        except UsageError as exc:  # fsspec (or a protocol's package) missing on this worker
            raise ImageReadError(str(exc)) from exc
        except Exception as exc:
            raise ImageReadError(_human_cause(exc, self.source)) from exc

    def __exit__(self, *exc: object) -> None:
        self.image.close()  # an image opened from a file object leaves the file to its opener
        self.file.close()


def _too_large(what: str, size: tuple[int, int], max_pixels: int) -> str:
    """The cause for an image (or frame) above analysis.max_pixels."""
    width, height = size
    return f"{what} too large: {width}×{height} = {width * height:,} pixels, above analysis.max_pixels ({max_pixels:,})"


def _register_optional_decoders() -> None:
    """Register pillow-heif's HEIC opener when that optional package is installed."""
    try:
        import pillow_heif  # type: ignore[import-not-found]
    except ImportError:
        return
    pillow_heif.register_heif_opener()


class ImageFacts:
    """Facts about one image file, each computed on first use and then shared by all rules."""

    def __init__(self, path: Path | str, analysis: Analysis = Analysis()) -> None:
        self.source = Source(path)  # a local path, or an fsspec URL (fetched once, then shared)
        self.path = self.source.path
        self.analysis = analysis

    # ---- file facts -------------------------------------------------------------------
    @cached_property
    def file_bytes(self) -> int:
        """Size of the file on disk, in bytes."""
        return self.source.size()

    @cached_property
    def content_hash(self) -> str:
        """SHA-256 of the file's bytes (hex): identifies content whatever the mtime."""
        digest = hashlib.sha256()
        for chunk in _read_chunks(self.source):
            digest.update(chunk)
        return digest.hexdigest()

    # ---- header facts (no pixel decoding) ----------------------------------------------
    @cached_property
    def header(self) -> Header:
        """The header: format, stored size, orientation, profile and metadata.

        Reading it also decodes the working copy once (cached, so pixel rules pay nothing
        more): a file whose header is fine but whose pixel data is truncated or corrupt is then a
        per-file error for every rule, never linted as fine by header-only rules (issue 8).
        """
        header = self._header_only
        self.working_image  # noqa: B018 - decode check; raises ImageReadError
        return header

    @cached_property
    def notes(self) -> tuple[str, ...]:
        """What a person should know about how this file was read, in plain words: the
        approximations and choices of the decoding policy (nothing passes silently)."""
        header, notes = self.header, []
        if header.frames > 1:
            notes.append(f"{header.frames} frames (animated or multi-page): only the first is checked")
        if self.icc_description == "invalid embedded profile":
            notes.append("embedded colour profile cannot be read: the pixels are taken as sRGB")
        elif header.mode == "CMYK" and header.icc_profile is None:
            notes.append("CMYK without a colour profile: converted to sRGB approximately")
        if not header.exif_readable:
            notes.append("EXIF block is corrupt: its fields count as missing, and the orientation as stored")
        return tuple(notes)

    @cached_property
    def _header_only(self) -> Header:
        """The header as read without decoding pixels."""
        with _Opener(self.source, self.analysis) as img:
            try:
                header = _read_header(img, self.analysis.max_pixels)
                if header.format == "png":
                    _verify_png(self.source)
                return header
            except ImageReadError:
                raise
            except Exception as exc:
                raise ImageReadError(_human_cause(exc, self.source)) from exc

    @cached_property
    def format(self) -> str:
        """Container format, lower case: jpeg, png, webp, tiff, gif, bmp, avif, heif, …"""
        return self.header.format

    @cached_property
    def size_px(self) -> tuple[int, int]:
        """(width, height) in pixels as displayed, i.e. after EXIF orientation."""
        width, height = self.header.stored_size
        if self.header.orientation in _ORIENTATIONS_THAT_TRANSPOSE:
            return height, width
        return width, height

    @cached_property
    def icc_profile(self) -> bytes | None:
        """The embedded ICC profile's bytes, or None when untagged."""
        return self.header.icc_profile

    @cached_property
    def icc_description(self) -> str | None:
        """The embedded profile's description ("sRGB IEC61966-2.1"), "invalid" or None."""
        if self.icc_profile is None:
            return "sRGB (PNG sRGB chunk)" if self.header.srgb_chunk else None
        profile = _parse_profile(self.icc_profile)
        if profile is None:
            return INVALID_PROFILE
        return ImageCms.getProfileDescription(profile).strip() or "unnamed profile"

    # ---- pixels --------------------------------------------------------------------------
    @cached_property
    def working_image(self) -> Image.Image:
        """The working copy: 8-bit sRGB, oriented, flattened on white, long edge at most max_side."""
        with _Opener(self.source, self.analysis) as img:
            try:
                return _decode_working(img, self.analysis.max_side)
            except ImageReadError:
                raise
            except Exception as exc:
                raise ImageReadError(_human_cause(exc, self.source)) from exc

    @cached_property
    def rgb(self) -> FloatArray:
        """Working copy as sRGB-encoded floats, shape (H, W, 3), range [0, 1]."""
        return np.asarray(self.working_image, dtype=np.float64) / 255.0

    @cached_property
    def linear_rgb(self) -> FloatArray:
        """Working copy in linear light, shape (H, W, 3), range [0, 1]."""
        return srgb_to_linear(self.rgb)

    @cached_property
    def luminance(self) -> FloatArray:
        """WCAG 2.x relative luminance Y of the working copy, shape (H, W), range [0, 1]."""
        return relative_luminance(self.rgb)

    @cached_property
    def lab(self) -> FloatArray:
        """CIELAB (D65, 2°) of the working copy, shape (H, W, 3); L in [0, 100]."""
        return rgb8_to_lab(np.asarray(self.working_image))

    @cached_property
    def gray(self) -> FloatArray:
        """Luma of the working copy (Rec. 709 weights on sRGB-encoded values, as
        skimage.color.rgb2gray), shape (H, W), range [0, 1]."""
        return np.asarray(self.rgb @ LUMA_WEIGHTS, dtype=np.float64)

    # ---- structure (horizon, thirds, negative-space; see stylelint/structure.py) ----------
    @cached_property
    def edges(self) -> npt.NDArray[np.bool_]:
        """Canny edge map of `gray` (σ = 2 px), shape (H, W), True on edge pixels."""
        from stylelint.structure import canny_edges

        return canny_edges(self.gray)

    @cached_property
    def local_detail(self) -> FloatArray:
        """Local standard deviation of L* in a window of 1/64 of the long edge (odd, ≥ 3 px),
        shape (H, W), L* units (0–50)."""
        from stylelint.structure import detail_window, local_std

        return local_std(self.lab[..., 0], detail_window(self.lab.shape))

    @cached_property
    def saliency(self) -> FloatArray:
        """Spectral residual saliency (Hou & Zhang 2007) of `gray`, shape (h, w) with the long
        side 64 px and the working copy's aspect ratio, range [0, 1]."""
        from stylelint.structure import spectral_residual_saliency

        return spectral_residual_saliency(self.gray)

    # ---- colour statistics (palette, forbidden-colors) -----------------------------------
    @cached_property
    def colour_counts(self) -> ColourCounts:
        """The working copy's distinct 8-bit colours, their Lab and pixel counts."""
        return colour_counts_of(np.asarray(self.working_image, dtype=np.uint8))

    @cached_property
    def colour_index(self) -> npt.NDArray[np.intp]:
        """Each working-copy pixel's row in `colour_counts`, shape (H, W)."""
        pixels = np.asarray(self.working_image, dtype=np.uint8)
        return np.searchsorted(_packed(np.rint(self.colour_counts.srgb * 255).astype(np.uint8)), _packed(pixels))

    @cached_property
    def _dominant_by_k(self) -> dict[int, tuple[DominantColour, ...]]:
        return {}

    def dominant_colours(self, k: int) -> tuple[DominantColour, ...]:
        """At most `k` dominant colours of the working copy, largest share first (cached per k).

        The one place that chooses the extractor (benchmarks/README.md): weighted k-means in Lab.
        """
        if k not in self._dominant_by_k:
            self._dominant_by_k[k] = dominant_colours_of(self.colour_counts, k)
        return self._dominant_by_k[k]


class ColourCounts(NamedTuple):
    """Distinct colours of an 8-bit image: sRGB (n, 3) in [0, 1], Lab (n, 3), counts (n,)."""

    srgb: FloatArray
    lab: FloatArray
    counts: npt.NDArray[np.int64]

    @property
    def shares(self) -> FloatArray:
        """Each colour's share of the pixels, shape (n,), summing to 1."""
        return np.asarray(self.counts / self.counts.sum(), dtype=np.float64)


class DominantColour(NamedTuple):
    """One dominant colour: "#RRGGBB", its share of the pixels in [0, 1], and its Lab."""

    hex: str
    share: float
    lab: tuple[float, float, float]


def _packed(rgb8: npt.NDArray[np.uint8]) -> npt.NDArray[np.uint32]:
    """Each (..., 3) 8-bit colour as one integer 0xRRGGBB, shape (...)."""
    codes = rgb8.astype(np.uint32)
    return np.asarray((codes[..., 0] << 16) | (codes[..., 1] << 8) | codes[..., 2])


def colour_counts_of(rgb8: npt.NDArray[np.uint8]) -> ColourCounts:
    """Distinct colours of an (H, W, 3) uint8 image with their pixel counts (exact, no binning),
    in increasing 0xRRGGBB order."""
    packed, counts = np.unique(_packed(rgb8.reshape(-1, 3)), return_counts=True)
    codes = np.stack([(packed >> 16) & 0xFF, (packed >> 8) & 0xFF, packed & 0xFF], axis=1)
    srgb = codes.astype(np.float64) / 255.0
    return ColourCounts(srgb=srgb, lab=rgb_to_lab(srgb), counts=counts.astype(np.int64))


# Weighted k-means in Lab for dominant colours: Lloyd iterations until no centre moves more than
# _KMEANS_TOLERANCE (ΔE76 units, far below a visible difference), at most _KMEANS_ITERATIONS;
# k-means++ seeding with a fixed seed keeps the output deterministic (STYLE.md §3).
_KMEANS_ITERATIONS = 20
_KMEANS_TOLERANCE = 1e-2
_KMEANS_SEED = 0


def dominant_colours_of(counts: ColourCounts, k: int) -> tuple[DominantColour, ...]:
    """At most k dominant colours (fewer when the image has fewer), largest share first.

    Weighted k-means (Euclidean Lab) over the distinct colours; each colour's share is the
    share of pixels assigned to it; its hex is the cluster's Lab mean converted to sRGB.
    """
    from skimage.color import lab2rgb

    weights = counts.counts.astype(np.float64)
    centres = _kmeans_pp(counts.lab, weights, k)
    for _ in range(_KMEANS_ITERATIONS):
        labels = _nearest(counts.lab, centres)
        moved = _weighted_means(counts.lab, weights, labels, centres)
        done = np.abs(moved - centres).max() <= _KMEANS_TOLERANCE
        centres = moved
        if done:
            break
    labels = _nearest(counts.lab, centres)
    shares = np.bincount(labels, weights=weights, minlength=len(centres)) / weights.sum()
    srgb = lab2rgb(centres.reshape(-1, 1, 3)).reshape(-1, 3)
    found = [
        DominantColour(srgb_to_hex(rgb), float(share), (float(c[0]), float(c[1]), float(c[2])))
        for rgb, share, c in zip(srgb, shares, centres)
        if share > 0
    ]
    return tuple(sorted(found, key=lambda d: (-d.share, d.hex)))


def _kmeans_pp(points: FloatArray, weights: FloatArray, k: int) -> FloatArray:
    """k-means++ seeding, weighted by pixel count; stops early when every point is a centre."""
    rng = np.random.default_rng(_KMEANS_SEED)
    centres = [points[int(np.argmax(weights))]]
    gap = ((points - centres[0]) ** 2).sum(axis=1)
    while len(centres) < k and (gap * weights).sum() > 0:
        chance = gap * weights
        centres.append(points[int(rng.choice(len(points), p=chance / chance.sum()))])
        gap = np.minimum(gap, ((points - centres[-1]) ** 2).sum(axis=1))
    return np.array(centres)


def _nearest(points: FloatArray, centres: FloatArray) -> npt.NDArray[np.intp]:
    """Index of the nearest centre (Euclidean) for each point.

    |p − c|² = |p|² − 2 p·c + |c|², and |p|² is the same for every centre, so it is left out.
    """
    gaps = (centres**2).sum(axis=1)[None, :] - 2.0 * points @ centres.T
    return np.argmin(gaps, axis=1)


def _weighted_means(
    points: FloatArray, weights: FloatArray, labels: npt.NDArray[np.intp], centres: FloatArray
) -> FloatArray:
    """Weighted mean of each cluster; an empty cluster keeps its centre."""
    totals = np.bincount(labels, weights=weights, minlength=len(centres))
    sums = np.stack(
        [np.bincount(labels, weights=weights * points[:, i], minlength=len(centres)) for i in range(points.shape[1])],
        axis=1,
    )
    filled = totals > 0
    means = centres.copy()
    means[filled] = sums[filled] / totals[filled, None]
    return means


def _read_chunks(source: Source) -> Iterator[bytes]:
    with source.open() as handle:
        while chunk := handle.read(_HASH_CHUNK):
            yield chunk


def _parse_profile(data: bytes) -> ImageCms.ImageCmsProfile | None:
    try:
        return ImageCms.ImageCmsProfile(io.BytesIO(data))
    except Exception:
        return None


def _read_header(img: Image.Image, max_pixels: int) -> Header:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        exif = img.getexif()
        gps = dict(exif.get_ifd(_EXIF_GPS_IFD)) if _EXIF_GPS_IFD in exif else {}
        exif_values = dict(exif)
        exif_values.update(exif.get_ifd(_EXIF_IFD))
    exif_readable = _exif_is_clean(img) and not _pillow_warned(caught)
    return Header(
        format=_FORMAT_NAMES.get(img.format or "", (img.format or "unknown").lower()),
        stored_size=img.size,
        orientation=int(exif.get(_EXIF_ORIENTATION, 1) or 1),
        frames=_frame_count(img, max_pixels),
        icc_profile=img.info.get("icc_profile") or None,
        srgb_chunk="srgb" in img.info,
        exif=exif_values,
        gps=gps,
        exif_readable=exif_readable,
        xmp=_xmp_text(img),
        iptc=_iptc(img),
        mode=img.mode,
    )


# Frames whose size is checked against max_pixels; seeking reads each frame's header (about
# 0.5 ms a frame for GIF), and nothing past frame 0 is ever decoded, so a cap bounds the cost.
_MAX_FRAMES_CHECKED = 1000


def _frame_count(img: Image.Image, max_pixels: int) -> int:
    """The number of frames, checking that no frame is larger than `max_pixels`.

    A GIF frame may extend far beyond the logical screen (a decompression bomb in frame 2 of an
    innocent-looking animation); such a file is refused as a whole, like a large first frame.
    """
    frames = int(getattr(img, "n_frames", 1) or 1)
    for index in range(1, min(frames, _MAX_FRAMES_CHECKED)):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # DecompressionBombWarning: checked just below
                img.seek(index)
        except Image.DecompressionBombError as exc:
            # Pillow refuses before allocating the frame; its message counts twice our limit.
            raise ImageReadError(
                f"frame {index + 1} of {frames} too large: above analysis.max_pixels ({max_pixels:,})"
            ) from exc
        if img.size[0] * img.size[1] > max_pixels:
            raise ImageReadError(_too_large(f"frame {index + 1} of {frames}", img.size, max_pixels))
    if frames > 1:
        img.seek(0)
    return frames


def _verify_png(source: Source) -> None:
    """Check chunk CRCs and a complete stream up to IEND; reads no pixels (cheap).

    Pillow decodes a PNG cut inside its last IDAT without complaint (issue 8). `verify` must
    run on a fresh open, before anything else reads the file.
    """
    with source.open() as handle, Image.open(handle) as img:
        img.verify()


def _pillow_warned(caught: list[warnings.WarningMessage]) -> bool:
    """True when Pillow warned: it reports a corrupt EXIF block with UserWarnings ("Corrupt EXIF
    data", "Tag data larger than file. Skipping tag …"); ResourceWarnings are unrelated."""
    return any(issubclass(w.category, UserWarning) for w in caught)


def _exif_is_clean(img: Image.Image) -> bool:
    """Parse the raw EXIF block again, watching for warnings.

    The JPEG plugin parses EXIF while opening the file (for its DPI), where warnings cannot be
    seen, and caches the result; a fresh parse of the same bytes is cheap and shows them.
    """
    raw = img.info.get("exif")
    if not isinstance(raw, bytes) or not raw:
        return True
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            Image.Exif().load(raw)
        except Exception:
            return False
    return not _pillow_warned(caught)


def _xmp_text(img: Image.Image) -> str:
    raw = img.info.get("xmp") or img.info.get("XML:com.adobe.xmp") or b""
    return raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)


def _iptc(img: Image.Image) -> dict[tuple[int, int], Any]:
    from PIL import IptcImagePlugin

    try:
        return dict(IptcImagePlugin.getiptcinfo(img) or {})  # type: ignore[arg-type]
    except Exception:
        return {}


def working_size(size: tuple[int, int], max_side: int) -> tuple[int, int]:
    """(width, height) scaled down so that the long edge is `max_side` px (at least 1 px each).

    Images whose long edge is already at most `max_side` keep their size: upscaling adds no
    detail, would make a sharp thumbnail read as soft and hide its noise, and costs time.
    """
    width, height = size
    scale = min(1.0, max_side / max(width, height))
    return max(1, round(width * scale)), max(1, round(height * scale))


def _decode_working(img: Image.Image, max_side: int) -> Image.Image:
    if img.format in ("JPEG", "MPO"):
        # DCT scaling: decode at the smallest 1/2, 1/4 or 1/8 scale still ≥ the working size.
        img.draft(img.mode, working_size(img.size, max_side))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        img.load()
    oriented = _apply_orientation(img)
    rgb = _to_srgb(oriented)
    size = working_size(rgb.size, max_side)
    return rgb if size == rgb.size else rgb.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)


def _apply_orientation(img: Image.Image) -> Image.Image:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return ImageOps.exif_transpose(img) or img
    except Exception:
        log.debug("EXIF orientation unreadable, using stored orientation", exc_info=True)
        return img


_SRGB_PROFILE: ImageCms.ImageCmsProfile | None = None


def _srgb_profile() -> ImageCms.ImageCmsProfile:
    global _SRGB_PROFILE
    if _SRGB_PROFILE is None:
        _SRGB_PROFILE = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
    return _SRGB_PROFILE


def _to_srgb(img: Image.Image) -> Image.Image:
    """Normalise any mode to 8-bit sRGB RGB: ICC → sRGB, 16-bit, Lab, CMYK, palette, alpha."""
    alpha = _alpha_channel(img)
    colour = _colour_part(img)
    profile = _parse_profile(img.info["icc_profile"]) if img.info.get("icc_profile") else None
    if profile is not None and colour.mode in ("RGB", "L", "CMYK"):
        try:
            colour = ImageCms.profileToProfile(colour, profile, _srgb_profile(), outputMode="RGB") or colour
        except Exception:
            log.debug("embedded profile not usable, assuming sRGB", exc_info=True)
    elif colour.mode == "LAB":
        lab_profile = ImageCms.createProfile("LAB")
        colour = ImageCms.profileToProfile(colour, lab_profile, _srgb_profile(), outputMode="RGB") or colour
    colour = colour.convert("RGB")
    if alpha is None:
        return colour
    white = Image.new("RGB", colour.size, (255, 255, 255))
    return Image.composite(colour, white, alpha)


def _colour_part(img: Image.Image) -> Image.Image:
    """The colour channels in a mode ImageCms and convert() handle (RGB, L, CMYK, LAB)."""
    if img.mode in ("RGB", "L", "CMYK", "LAB"):
        return img
    if img.mode.startswith("I") or img.mode == "F":
        # 16-bit and 32-bit grey: Pillow's convert clips to 0–255 rather than rescaling, which is
        # what the PNG and TIFF writers that store 8-bit data in 16-bit containers expect.
        array = np.clip(np.asarray(img, dtype=np.float64), 0, 255).astype(np.uint8)
        return Image.fromarray(array, "L")
    if img.mode in ("LA", "La"):
        return img.convert("L")
    return img.convert("RGB")


def _alpha_channel(img: Image.Image) -> Image.Image | None:
    """The alpha channel as mode L, or None when the image is opaque."""
    if img.mode in ("RGBA", "LA", "La", "RGBa", "PA"):
        return img.getchannel("A") if img.mode != "RGBa" else img.convert("RGBA").getchannel("A")
    if img.mode in ("P", "L", "RGB", "1") and "transparency" in img.info:
        return img.convert("RGBA").getchannel("A")
    if img.mode.startswith("I") and "transparency" in img.info:
        opaque = np.asarray(img) != img.info["transparency"]
        return Image.fromarray((opaque * 255).astype(np.uint8), "L")
    return None
