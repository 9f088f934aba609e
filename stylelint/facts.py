"""ImageFacts: the lazy per-image cache of what rules measure from.

Every rule reads an image through one `ImageFacts`. Each fact is computed once, on first use,
and cached. The file is read by the decoding policy of `stylelint.decode` (header without
pixels; the working copy decoded once); colour statistics come from `stylelint.colour_stats`,
structure from `stylelint.structure`. Files are opened read-only and never written.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, cast

import numpy as np
import numpy.typing as npt
from PIL import Image

from stylelint.analysis import Analysis
from stylelint.colour import (
    FloatArray,
    colourfulness,
    colourfulness_of_colours,
    highest_channel,
    linear_rgb_to_xy,
    lowest_channel,
    mean_linear_rgb,
    relative_luminance,
    rgb8_to_lab,
    rgb8_to_lightness,
    rgb8_to_luma,
)
from stylelint.colour_stats import (
    ColourCounts,
    DistinctColours,
    DominantColour,
    binned,
    colour_index_of,
    distinct_colours_of,
    dominant_colours_of,
    with_lab,
)
from stylelint.decode import (
    ALPHA_KEY,
    INVALID_PROFILE,
    Header,
    decode_working,
    displayed_size,
    profile_description,
    read_header,
    scaled_size,
    unreadable,
)
from stylelint.formats import extension_note
from stylelint.sources import Source
from stylelint.tone import Tone, tone_of

if TYPE_CHECKING:
    from stylelint.credentials import Credentials

# Clipping thresholds fixed by the contract (CONTRACT.md §4), as 8-bit codes of the working copy,
# compared exactly.
HIGHLIGHT_CODE = 250
SHADOW_CODE = 5
# Bits a channel to which colours are binned before dominant colours are found (see
# ImageFacts.dominant_colours).
DOMINANT_BITS = 5
# L* runs from 0 to 100; dividing its standard deviation by 100 puts RMS contrast in [0, 0.5].
_LIGHTNESS_SCALE = 100.0
# The long edge (px) of the copy at which sharpness and noise are defined (issue 13: one picture
# scale, so one photo reads the same whatever its file size): a size every published image reaches.
SCALE_PX = 400
# code / 255 for every 8-bit code: sRGB-encoded values in [0, 1].
_UNIT_CODES = np.arange(256) / 255.0

# Versions of the summaries below that more than one rule reports (a rule lists those it reads in
# `Rule.facts`, through `fact_versions`). Bump one when its definition changes: the cached
# measurements of every rule that reads it go stale, not only those of the rule named after it.
FACT_VERSIONS = {
    "mean_lightness": 2,
    "highlights": 3,
    "saturated": 2,
    "shadows": 2,
    "rms_contrast": 2,
    "colourfulness": 2,
    "white_point": 3,
}


class WhitePoint(NamedTuple):
    """A grey-world white point: CIE 1931 xy, CCT (K), Duv and why the CCT is missing."""

    xy: tuple[float, float] | None
    kelvin: float | None
    duv: float | None
    out_of_range: str | None


def fact_versions(*names: str) -> tuple[tuple[str, int], ...]:
    """((name, version), …) of the shared summaries a rule's measure reads, for `Rule.facts`."""
    return tuple((name, FACT_VERSIONS[name]) for name in names)


class ImageFacts:
    """Facts about one image file, each computed on first use and then shared by all rules."""

    def __init__(self, path: Path | str, analysis: Analysis = Analysis()) -> None:
        self.source = Source(path)  # a local path, or an fsspec URL (fetched once, then shared)
        self.path = self.source.path
        self.analysis = analysis
        # Set when these very bytes were decoded without error before, under these analysis
        # settings (the engine knows it from the cache entry): header facts then need not decode
        # the pixels again to prove the file is whole.
        self.known_decodable = False
        self._reduced: dict[int, Image.Image] = {}  # see `reduced`

    # ---- file facts -------------------------------------------------------------------
    @cached_property
    def file_bytes(self) -> int:
        """Size of the file on disk, in bytes."""
        return self.source.size()

    @cached_property
    def content_hash(self) -> str:
        """SHA-256 of the file's bytes (hex): identifies content whatever the mtime."""
        try:
            return self.source.sha256()
        except OSError as exc:  # read before anything else when the cache is on (issue 15)
            raise unreadable(exc, self.source) from exc

    @cached_property
    def content_credentials(self) -> Credentials:
        """The embedded Content Credentials (C2PA), read and validated from the file's bytes.

        Needs c2pa-python (extra `c2pa`), imported only when this is read (stylelint/credentials.py).
        """
        from stylelint.credentials import read_credentials

        return read_credentials(self.source)

    # ---- header facts (no pixel decoding) ----------------------------------------------
    @cached_property
    def header(self) -> Header:
        """The header: format, stored size, orientation, profile and metadata.

        Reading it also decodes the working copy once (cached, so pixel rules pay nothing
        more): a file whose header is fine but whose pixel data is truncated or corrupt is then a
        per-file error for every rule, never linted as fine by header-only rules (issue 8). A
        file `known_decodable` is not decoded for this check.
        """
        header = self._header_only
        if not self.known_decodable:
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
        if self.opacity is not None:
            notes.append(
                f"transparency: {_transparency_words(self.opacity)}; colour and tone are measured on the "
                "opaque pixels (weighted by opacity), not on the white they are shown over"
            )
        mismatch = extension_note(str(self.path), header.format)
        if mismatch is not None:
            notes.append(mismatch)
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

    def reduced(self, side: int) -> Image.Image:
        """The working copy resampled (Lanczos) so that its long edge is `side` px when it is
        longer, else the working copy itself; made once per side. The one smaller copy the rules
        (`scaled_codes`) and the HTML thumbnail share, so both show the same pixels."""
        image = self.working_image
        if max(image.size) <= side:
            return image
        if side not in self._reduced:
            self._reduced[side] = _resized(image, side)
        return self._reduced[side]

    @cached_property
    def scaled_codes(self) -> npt.NDArray[np.uint8]:
        """The working copy resampled (Lanczos) so that its long edge is SCALE_PX px (enlarged when
        smaller), as 8-bit sRGB codes, shape (H, W, 3): the picture scale of sharpness and noise."""
        image = self.working_image  # always RGB (decode.decode_working), and so are its resized copies
        return np.asarray(self.reduced(SCALE_PX) if max(image.size) >= SCALE_PX else _resized(image, SCALE_PX))

    @cached_property
    def scaled_luma(self) -> npt.NDArray[np.float32]:
        """Luma of `scaled_codes` (`colour.rgb8_to_luma`, as `gray`), on the 0–255 scale, float32,
        shape (H, W)."""
        return rgb8_to_luma(self.scaled_codes, top=255.0)

    @cached_property
    def codes(self) -> npt.NDArray[np.uint8]:
        """The working copy's 8-bit sRGB codes, shape (H, W, 3), read-only: the one array every
        other pixel fact is computed from (Pillow copies the pixels out on every conversion)."""
        codes = np.asarray(self.working_image, dtype=np.uint8)
        codes.flags.writeable = False
        return codes

    @cached_property
    def rgb(self) -> FloatArray:
        """Working copy as sRGB-encoded floats, shape (H, W, 3), range [0, 1]."""
        # Each code's value from a 256-entry table of code / 255: the same numbers as dividing
        # every pixel, in one gather instead of a conversion and a division (issue 14); np.take is
        # the same gather as indexing, about twice as fast.
        return np.take(_UNIT_CODES, self.codes)

    @cached_property
    def luminance(self) -> FloatArray:
        """WCAG 2.x relative luminance Y of the working copy, shape (H, W), range [0, 1]."""
        return relative_luminance(self.rgb)

    @cached_property
    def lab(self) -> FloatArray:
        """CIELAB (D65, 2°) of the working copy, shape (H, W, 3); L in [0, 100]."""
        return rgb8_to_lab(self.codes)

    @cached_property
    def mean_lab(self) -> tuple[float, float, float]:
        """Mean CIELAB (L*, a*, b*) of the working copy, opacity-weighted, float64.

        From the distinct colours (`colour_counts`: each colour's Lab once, in float64, weighted by
        its pixel count or its pixels' summed opacity): the mean over the pixels without a Lab copy
        of the working copy (issue 12: learn reads the distinct colours anyway). It differs from
        the mean of `lab` only by that copy's float32 rounding (below 1e-3,
        tests/test_fast_paths.py).
        """
        counts = self.colour_counts
        if self.opacity is None:
            weights = counts.counts.astype(np.float64)
        else:
            index, opacity = self.colour_index.reshape(-1), self.opacity.reshape(-1)
            weights = np.bincount(index, weights=opacity, minlength=len(counts.counts)).astype(np.float64)
        mean = weights @ counts.lab / weights.sum()
        return (float(mean[0]), float(mean[1]), float(mean[2]))

    @cached_property
    def gray(self) -> FloatArray:
        """Luma of the working copy (Rec. 709 weights on sRGB-encoded values, as
        skimage.color.rgb2gray: `colour.rgb8_to_luma`), shape (H, W), float64 in [0, 1].

        In float64: the saliency map of `thirds` follows the rounding of its input (the float32
        luma moves its centroid by up to 0.02 of the frame on the Kodak photos turned 3°)."""
        return cast(FloatArray, rgb8_to_luma(self.codes, np.float64))

    @cached_property
    def channel_max(self) -> npt.NDArray[np.uint8]:
        """Each working-copy pixel's largest 8-bit channel value, shape (H, W): a channel reaches
        a code exactly when the largest does, and every channel stays below it exactly when the
        largest does."""
        return highest_channel(self.codes)

    @cached_property
    def lightness(self) -> npt.NDArray[np.float32]:
        """CIELAB L* of the working copy, shape (H, W), 0–100, float32 (the L of `lab`, without
        computing a* and b*)."""
        return rgb8_to_lightness(self.codes)

    # ---- tone and colour summaries: each defined once, reported by its rule and by consistency ----
    # Rounded to the precision reported, so every rule that reports one reports the same number.
    # With transparency, each pixel counts by its opacity (alpha / 255): the colour and tone of
    # what is drawn, not of the white it is flattened on (issue 13, CONTRACT.md §7).
    @cached_property
    def opacity(self) -> FloatArray | None:
        """Each working-copy pixel's opacity in [0, 1], shape (H, W); None when all are opaque."""
        alpha = self.working_image.info.get(ALPHA_KEY)
        if alpha is None:
            return None
        weights = np.asarray(alpha, dtype=np.float64) / 255.0
        return weights if weights.sum() > 0 else None  # nothing drawn: measure the flattened copy

    @cached_property
    def drawn(self) -> npt.NDArray[np.bool_] | None:
        """The pixels at least half opaque, shape (H, W), which statistics of distinct pixels
        (colourfulness, colour counts, look) count; None when all are opaque."""
        return None if self.opacity is None else self.opacity >= 0.5

    def _mean(self, values: npt.NDArray[Any]) -> float:
        """Mean of a per-pixel quantity (H, W), weighted by opacity (in float64)."""
        if self.opacity is None:
            return float(np.mean(values, dtype=np.float64))
        return float(np.average(values.astype(np.float64), weights=self.opacity))

    @cached_property
    def _tone(self) -> Tone:
        """Mean L* and the clipped counts of an opaque working copy, in one pass over its codes
        (`stylelint.tone`): the numbers of the per-pixel arrays, without making them (issue 14)."""
        return tone_of(self.codes, highlight=HIGHLIGHT_CODE, shadow=SHADOW_CODE)

    @cached_property
    def mean_lightness(self) -> float:
        """Mean CIELAB L* of the working copy (opacity-weighted), 0–100, to 4 decimals."""
        if self.opacity is None:
            return round(self._tone.lightness, 4)  # without the (H, W) array of L*
        return round(self._mean(self.lightness), 4)

    @cached_property
    def highlights(self) -> float:
        """Share of working-copy pixels with every channel ≥ 250/255 (blown highlights: near-white,
        no detail left), opacity-weighted, to 6 decimals."""
        if self.opacity is None:
            return round(self._tone.share(self._tone.highlights), 6)
        return round(self._mean(self.channel_min >= HIGHLIGHT_CODE), 6)

    @cached_property
    def saturated(self) -> float:
        """Share of working-copy pixels with one or two channels ≥ 250/255 but not all three
        (saturated colours at the gamut's edge, not blown), to 6 decimals."""
        if self.opacity is None:
            return round(self._tone.share(self._tone.bright - self._tone.highlights), 6)
        some = (self.channel_max >= HIGHLIGHT_CODE) & (self.channel_min < HIGHLIGHT_CODE)
        return round(self._mean(some), 6)

    @cached_property
    def channel_min(self) -> npt.NDArray[np.uint8]:
        """Each working-copy pixel's smallest 8-bit channel value, shape (H, W) (as `channel_max`)."""
        return lowest_channel(self.codes)

    @cached_property
    def shadows(self) -> float:
        """Share of working-copy pixels with every channel ≤ 5/255 (crushed shadows), opacity-weighted,
        to 6 decimals."""
        if self.opacity is None:
            return round(self._tone.share(self._tone.shadows), 6)
        return round(self._mean(self.channel_max <= SHADOW_CODE), 6)

    @cached_property
    def rms_contrast(self) -> float:
        """RMS contrast σ(L*) / 100 of the working copy (opacity-weighted), 0–0.5, to 6 decimals."""
        if self.opacity is None:
            return round(float(self.lightness.std(dtype=np.float64)) / _LIGHTNESS_SCALE, 6)
        lightness = self.lightness.astype(np.float64)
        spread = np.sqrt(self._mean((lightness - self._mean(lightness)) ** 2))
        return round(float(spread) / _LIGHTNESS_SCALE, 6)

    @cached_property
    def colourfulness(self) -> float:
        """Hasler–Süsstrunk colourfulness M of the working copy on sRGB 0–255, to 4 decimals; of the
        pixels at least half opaque when the image has transparency."""
        # From the 8-bit codes themselves (the 0–255 scale the contract fixes): the same numbers as
        # the float copy × 255 (identical to 4 decimals on photographs), 4× cheaper (issue 12);
        # without transparency from the distinct colours (bit-identical, and shared, see there).
        if self.drawn is None:
            return round(colourfulness_of_colours(self.distinct_colours.codes, self.distinct_colours.counts), 4)
        codes = self.codes[self.drawn]
        return round(colourfulness(codes if codes.size else self.codes), 4)

    @cached_property
    def white_point(self) -> WhitePoint:
        """The scene's grey-world white point: the CIE xy of the mean linear-RGB colour (6
        decimals), its CCT (K, 1 decimal) and Duv (5 decimals) by Ohno's (2013) method, and why
        the CCT is None when it is (`stylelint.cct.cct_ohno`); all None for a black image."""
        from stylelint.cct import cct_ohno

        if self.opacity is None:  # the same sums from the distinct colours (bit-identical, shared)
            xy = linear_rgb_to_xy(mean_linear_rgb(self.distinct_colours.codes, self.distinct_colours.counts))
        else:
            xy = linear_rgb_to_xy(mean_linear_rgb(self.codes, self.opacity.reshape(-1)))
        if xy is None:
            return WhitePoint(None, None, None, None)
        cct = cct_ohno(*xy)
        # Beyond the table's ends the distance to its last entry is no Duv; off the locus it is.
        beyond = cct.out_of_range is not None and cct.out_of_range != "off the locus"
        return WhitePoint(
            (round(xy[0], 6), round(xy[1], 6)),
            None if cct.kelvin is None else round(cct.kelvin, 1),
            None if beyond else round(cct.duv, 5),
            cct.out_of_range,
        )

    # ---- structure (thirds, negative-space; see stylelint/structure.py) ---------------------
    @cached_property
    def local_detail(self) -> FloatArray:
        """Local standard deviation of L* in a window of 1/64 of the long edge (odd, ≥ 3 px),
        shape (H, W), L* units (0–50)."""
        from stylelint.structure import detail_window, local_std

        return local_std(self.lightness.astype(np.float64), detail_window(self.lightness.shape))

    @cached_property
    def saliency(self) -> FloatArray:
        """Spectral residual saliency (Hou & Zhang 2007) of `gray`, shape (h, w) with the long
        side 64 px and the working copy's aspect ratio, range [0, 1]."""
        from stylelint.structure import spectral_residual_saliency

        return spectral_residual_saliency(self.gray)

    # ---- colour statistics (palette, forbidden-colors) -----------------------------------
    @cached_property
    def distinct_colours(self) -> DistinctColours:
        """The working copy's distinct 8-bit colours and their pixel counts (transparency as in
        `colour_counts`): one sort of the pixels that colour counts, colourfulness and the white
        point share (issue 12: learn measured all three, each in its own pass over the pixels)."""
        return distinct_colours_of(self.codes, counted=self.drawn)

    @cached_property
    def colour_counts(self) -> ColourCounts:
        """The working copy's distinct 8-bit colours, their Lab and pixel counts; with transparency
        only pixels at least half opaque count (palette, forbidden colours, dominant colours)."""
        return with_lab(self.distinct_colours)

    @cached_property
    def colour_index(self) -> npt.NDArray[np.intp]:
        """Each working-copy pixel's row in `colour_counts`, shape (H, W)."""
        return colour_index_of(self.colour_counts, self.codes)

    @cached_property
    def _dominant_by_k(self) -> dict[int, tuple[DominantColour, ...]]:
        return {}

    def dominant_colours(self, k: int) -> tuple[DominantColour, ...]:
        """At most `k` dominant colours of the working copy, largest share first (cached per k).

        The one computation of dominant colours that the palette rule, `inspect`, the HTML report
        and `compare` show (issue 13): weighted k-means in Lab, deterministically seeded, over the
        colours binned to DOMINANT_BITS bits a channel (steps of 8 codes, a few ΔE00): ~10× fewer
        points, and re-encoding noise (JPEG q95 against q85) stays within a bin.
        """
        if k not in self._dominant_by_k:
            self._dominant_by_k[k] = dominant_colours_of(binned(self.colour_counts, DOMINANT_BITS), k, stable=True)
        return self._dominant_by_k[k]


def _transparency_words(opacity: FloatArray) -> str:
    """ "46% of pixels fully transparent", "…, 0.4% partly" or "0.4% of pixels partly transparent,
    none fully": a note that never reads "0% of pixels transparent" when some are."""
    full = float((opacity == 0).mean())
    partly = float(((opacity > 0) & (opacity < 1)).mean())
    if full == 0:
        return f"{_percent(partly)} of pixels partly transparent, none fully"
    return f"{_percent(full)} of pixels fully transparent" + (f", {_percent(partly)} partly" if partly else "")


def _percent(share: float) -> str:
    """A share in whole percent, or to a tenth below 1 % (never "0%" for a share above 0)."""
    return f"{share:.0%}" if share >= 0.01 else f"{max(share, 0.001):.1%}"


def _resized(image: Image.Image, side: int) -> Image.Image:
    """`image` resampled (Lanczos) to a long edge of `side` px (each side rounded, at least 1)."""
    size = scaled_size(image.size, side / max(image.size))
    return image.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0) if size != image.size else image


# Re-exported: rules and plugins read these through the facts they are given.
__all__ = [
    "INVALID_PROFILE",
    "Analysis",
    "ColourCounts",
    "DominantColour",
    "FloatArray",
    "Header",
    "ImageFacts",
    "fact_versions",
]
