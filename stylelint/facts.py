"""ImageFacts: the lazy per-image cache of what rules measure from.

Every rule reads an image through one `ImageFacts`. Each fact is computed once, on first use,
and cached. The file is read by the decoding policy of `stylelint.decode` (header without
pixels; the working copy decoded once); colour statistics come from `stylelint.colour_stats`,
structure from `stylelint.structure`. Files are opened read-only and never written.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from functools import cached_property
from pathlib import Path

import numpy as np
import numpy.typing as npt
from PIL import Image

from stylelint.analysis import Analysis
from stylelint.colour import LUMA_WEIGHTS, FloatArray, relative_luminance, rgb8_to_lab, srgb_to_linear
from stylelint.colour_stats import ColourCounts, DominantColour, colour_counts_of, colour_index_of, dominant_colours_of
from stylelint.credentials import Credentials, read_credentials
from stylelint.decode import (
    INVALID_PROFILE,
    Header,
    decode_working,
    displayed_size,
    profile_description,
    read_header,
)
from stylelint.sources import Source

_HASH_CHUNK = 1 << 20


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

    @cached_property
    def content_credentials(self) -> Credentials:
        """The embedded Content Credentials (C2PA), read and validated from the file's bytes.

        Needs c2pa-python (extra `c2pa`), imported only when this is read (stylelint/credentials.py).
        """
        return read_credentials(self.source)

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
        if self.icc_description == INVALID_PROFILE:
            notes.append("embedded colour profile cannot be read: the pixels are taken as sRGB")
        elif header.mode == "CMYK" and header.icc_profile is None:
            notes.append("CMYK without a colour profile: converted to sRGB approximately")
        if not header.exif_readable:
            notes.append("EXIF block is corrupt: its fields count as missing, and the orientation as stored")
        return tuple(notes)

    @cached_property
    def _header_only(self) -> Header:
        """The header as read without decoding pixels."""
        return read_header(self.source, self.analysis)

    @cached_property
    def format(self) -> str:
        """Container format, lower case: jpeg, png, webp, tiff, gif, bmp, avif, heif, …"""
        return self.header.format

    @cached_property
    def size_px(self) -> tuple[int, int]:
        """(width, height) in pixels as displayed, i.e. after EXIF orientation."""
        return displayed_size(self.header)

    @cached_property
    def icc_profile(self) -> bytes | None:
        """The embedded ICC profile's bytes, or None when untagged."""
        return self.header.icc_profile

    @cached_property
    def icc_description(self) -> str | None:
        """The embedded profile's description ("sRGB IEC61966-2.1"), "invalid" or None."""
        if self.icc_profile is None:
            return "sRGB (PNG sRGB chunk)" if self.header.srgb_chunk else None
        return profile_description(self.icc_profile)

    # ---- pixels --------------------------------------------------------------------------
    @cached_property
    def working_image(self) -> Image.Image:
        """The working copy: 8-bit sRGB, oriented, flattened on white, long edge at most max_side."""
        return decode_working(self.source, self.analysis)

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
        return colour_index_of(self.colour_counts, np.asarray(self.working_image, dtype=np.uint8))

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


def _read_chunks(source: Source) -> Iterator[bytes]:
    with source.open() as handle:
        while chunk := handle.read(_HASH_CHUNK):
            yield chunk


# Re-exported: rules and plugins read these through the facts they are given.
__all__ = [
    "INVALID_PROFILE",
    "Analysis",
    "ColourCounts",
    "DominantColour",
    "FloatArray",
    "Header",
    "ImageFacts",
]
