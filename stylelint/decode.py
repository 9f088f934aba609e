"""The decoding policy of CONTRACT.md §3: how an image file becomes the pixels every rule reads.

A file is opened read-only with the `analysis.max_pixels` guard, and every failure becomes an
ImageReadError whose message names the cause in plain words. The header (format, size,
orientation, profile, metadata) is read without decoding pixels. The working copy is decoded
once, straight to its size (JPEG DCT scaling through Pillow's `draft`), with EXIF orientation
applied, the embedded ICC profile converted to sRGB and alpha composited over white, its long
edge at most `analysis.max_side`.
"""

from __future__ import annotations

import logging
import warnings
from dataclasses import dataclass
from typing import Any, BinaryIO

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from stylelint.analysis import Analysis
from stylelint.errors import ImageReadError, UsageError
from stylelint.executors import MMAP_THRESHOLD_BYTES, freed_memory_kept
from stylelint.formats import png_checksum_cause
from stylelint.sources import Source

log = logging.getLogger(__name__)

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


def read_header(source: Source, analysis: Analysis) -> Header:
    """The file's header, read without decoding pixels; a PNG's chunks are verified too.

    Raises ImageReadError (with the cause in plain words) when the file cannot be read.
    """
    with Opener(source, analysis) as img:
        try:
            header = _read_header(img, analysis.max_pixels)
            if header.format == "png":
                _verify_png(source)
            return header
        except ImageReadError:
            raise
        except Exception as exc:
            raise ImageReadError(_human_cause(exc, source)) from exc


def decode_working(source: Source, analysis: Analysis) -> Image.Image:
    """The working copy: 8-bit sRGB, oriented, flattened on white, long edge at most max_side.

    Raises ImageReadError (with the cause in plain words) when the file cannot be decoded.
    """
    with Opener(source, analysis) as img:
        try:
            _read_in_one_block(img, source)
            return _decode_working(img, analysis.max_side)
        except ImageReadError:
            raise
        except Exception as exc:
            raise ImageReadError(_human_cause(exc, source)) from exc


def _read_in_one_block(img: Image.Image, source: Source) -> None:
    """Let Pillow hand a JPEG's data to the decoder in one block, not 64 kB chunks each appended to
    the bytes left unread (108 decoder calls for 7 MB: about 1 ms, issue 14); libjpeg's output does
    not depend on how its input is split. Only where freed memory is kept (`freed_memory_kept`) and
    the block (the file, 64 bytes added for its bytes object's header and malloc's) is under
    MMAP_THRESHOLD_BYTES: glibc then reuses it for the next image, elsewhere its fresh pages cost
    more than the read saves. The cost is memory: the file's bytes (under 32 MB) are held while
    the decoder runs, beside the decoded copy (64 kB chunks held about 0.1 MB; README, Peak memory)."""
    if img.format in ("JPEG", "MPO") and freed_memory_kept() and (size := source.size()) + 64 < MMAP_THRESHOLD_BYTES:
        img.decodermaxblock = max(int(getattr(img, "decodermaxblock", 0)), size)  # type: ignore[attr-defined]


def displayed_size(header: Header) -> tuple[int, int]:
    """(width, height) in pixels as displayed, i.e. after EXIF orientation."""
    width, height = header.stored_size
    return (height, width) if header.orientation in _ORIENTATIONS_THAT_TRANSPOSE else (width, height)


def profile_description(data: bytes) -> str:
    """An embedded ICC profile's description ("sRGB IEC61966-2.1"), or INVALID_PROFILE."""
    from PIL import ImageCms  # with stylelint.icc: only for files that carry a profile

    from stylelint.icc import parse_profile

    profile = parse_profile(data)
    if profile is None:
        return INVALID_PROFILE
    return ImageCms.getProfileDescription(profile).strip() or "unnamed profile"


def unreadable(exc: BaseException, source: Source) -> ImageReadError:
    """The ImageReadError for a failure to read `source`, its cause in plain words."""
    return ImageReadError(_human_cause(exc, source))


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
    checksum = png_checksum_cause(text)
    if checksum is not None:
        return checksum
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


class Opener:
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


def scaled_size(size: tuple[int, int], scale: float) -> tuple[int, int]:
    """(width, height) times `scale`, each side rounded, at least 1 px: every resized copy's size."""
    width, height = size
    return max(1, round(width * scale)), max(1, round(height * scale))


def working_size(size: tuple[int, int], max_side: int) -> tuple[int, int]:
    """(width, height) scaled down so that the long edge is `max_side` px (at least 1 px each).

    Images whose long edge is already at most `max_side` keep their size: upscaling adds no
    detail, would make a sharp thumbnail read as soft and hide its noise, and costs time.
    """
    return scaled_size(size, min(1.0, max_side / max(size)))


def _decode_working(img: Image.Image, max_side: int) -> Image.Image:
    """Decode, orient, reduce, convert to sRGB and resize; never a full-size copy that changes
    nothing (issue 14). The result is never `img` itself, which its opener closes."""
    if img.format in ("JPEG", "MPO"):
        # DCT scaling: decode at the smallest 1/2, 1/4 or 1/8 scale still ≥ the working size.
        img.draft(img.mode, working_size(img.size, max_side))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        img.load()
    oriented = _apply_orientation(img)
    size = working_size(oriented.size, max_side)
    reduced, box = _reduced(oriented, size)
    alpha = _alpha_channel(reduced)  # once: _to_srgb composites over white with it
    rgb = _to_srgb(reduced, alpha, icc_profile=img.info.get("icc_profile"))
    if size != rgb.size:
        rgb = rgb.resize(size, Image.Resampling.LANCZOS, box=box, reducing_gap=_REDUCING_GAP)
        alpha = alpha.resize(size, Image.Resampling.BOX, box=box) if alpha is not None else None
    rgb = rgb.copy() if rgb is img else rgb
    if alpha is not None and int(np.asarray(alpha).min()) < ALPHA_OPAQUE:
        # Colour and tone measures weigh each pixel by its opacity (CONTRACT.md §7); the copy
        # itself stays flattened on white for everything else (edges, thumbnails).
        rgb.info[ALPHA_KEY] = alpha
    return rgb


# The working copy's `info` key holding its alpha (mode L, working size) when any pixel is not
# fully opaque; 255 is opaque.
ALPHA_KEY = "stylelint_alpha"
ALPHA_OPAQUE = 255


# Pillow's resize with reducing_gap=3 first box-averages by the whole factor that leaves at least
# 3× the target size, then resamples with LANCZOS: much faster, and the same as LANCZOS alone
# within a level for photographs (Pillow's docs).
_REDUCING_GAP = 3.0
# Rows of the reduced image made from one strip of the decoded one: the strip's conversion then
# costs a few megabytes, never a second copy of a large image.
_STRIP_ROWS = 64


def _reduced(img: Image.Image, size: tuple[int, int]) -> tuple[Image.Image, tuple[float, float, float, float]]:
    """`img` box-reduced by the integer factors resize would use for `size`, and the box of the
    reduced image that covers the original exactly (its last row and column may be partial).

    Reducing right after decoding, strip by strip, keeps memory near the decoded image alone for
    large PNG, TIFF and WebP files: mode conversions (palette, 16-bit, transparency) happen per
    strip, and the ICC transform and alpha compositing on the reduced copy (issue 14). For RGB
    and grey images the result is the very image Pillow's resize would reduce to.
    """
    width, height = img.size
    fx, fy = (int(width / size[0] / _REDUCING_GAP) or 1, int(height / size[1] / _REDUCING_GAP) or 1)
    whole = (0.0, 0.0, float(width), float(height))
    if (fx, fy) == (1, 1) or _strip_mode(img) is None:
        return img, whole
    out: Image.Image | None = None
    step = fy * _STRIP_ROWS
    for top in range(0, height, step):
        strip = _reducible(img.crop((0, top, width, min(height, top + step)))).reduce((fx, fy))
        if out is None:
            out = Image.new(strip.mode, (-(-width // fx), -(-height // fy)))
        out.paste(strip, (0, top // fy))
    assert out is not None
    return out, (0.0, 0.0, width / fx, height / fy)


def _strip_mode(img: Image.Image) -> str | None:
    """The mode strips of `img` are reduced in, or None for the full-size path (Lab, and 16-bit
    grey with a transparent value)."""
    transparent = "transparency" in img.info
    if img.mode in ("RGB", "L", "CMYK", "RGBA", "LA") and not transparent:
        return img.mode
    if img.mode in ("P", "PA", "1", "L", "RGB", "RGBa", "La"):
        return "RGBA" if transparent or img.mode in ("PA", "RGBa", "La") else "RGB"
    if (img.mode.startswith("I") or img.mode == "F") and not transparent:
        return "L"
    return None


def _reducible(strip: Image.Image) -> Image.Image:
    """A strip in its `_strip_mode`: the conversions `_to_srgb` would make, per strip."""
    mode = _strip_mode(strip)
    if mode == strip.mode:
        return strip
    if strip.mode.startswith("I") or strip.mode == "F":
        return _colour_part(strip)  # 16-bit and float grey: clipped to 0–255 as in _to_srgb
    return strip.convert(mode)


# Orientation values that move pixels (EXIF 2.32, tag 0x0112): 1 is as stored.
_MOVING_ORIENTATIONS = frozenset(range(2, 9))


def _apply_orientation(img: Image.Image) -> Image.Image:
    """`img` as displayed; `img` itself (no copy) when its orientation moves nothing."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            if img.getexif().get(_EXIF_ORIENTATION, 1) not in _MOVING_ORIENTATIONS:
                return img
            return ImageOps.exif_transpose(img) or img
    except Exception:
        log.debug("EXIF orientation unreadable, using stored orientation", exc_info=True)
        return img


def _to_srgb(img: Image.Image, alpha: Image.Image | None, *, icc_profile: bytes | None) -> Image.Image:
    """Normalise any mode to 8-bit sRGB RGB: ICC → sRGB, 16-bit, Lab, CMYK, palette; composited
    over white with `alpha` (its `_alpha_channel`) when there is one."""
    colour = _colour_part(img)
    if icc_profile and colour.mode in ("RGB", "L", "CMYK"):
        from stylelint.icc import profile_to_srgb

        colour = profile_to_srgb(colour, icc_profile)
    elif colour.mode == "LAB":
        from PIL import ImageCms

        from stylelint.icc import srgb_profile

        lab_profile = ImageCms.createProfile("LAB")
        colour = ImageCms.profileToProfile(colour, lab_profile, srgb_profile(), outputMode="RGB") or colour
    if colour.mode != "RGB":
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
        array = np.array(img)  # in the stored dtype, clipped in place: no float64 copy (issue 14)
        return Image.fromarray(np.clip(array, 0, 255, out=array).astype(np.uint8), "L")
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
