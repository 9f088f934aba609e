"""The working copy's decoding shortcuts (issue 14) give the values of the long way round.

An sRGB profile's transform is skipped because it changes no 8-bit value, not because of its
name; a large non-JPEG image is box-reduced right after decoding by the factor Pillow's own
resize would use, so the working copy is the same while memory stays near the decoded image.
"""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageFile

from stylelint import decode as decode_module
from stylelint import icc as icc_module
from stylelint import testing
from stylelint.analysis import Analysis
from stylelint.facts import ImageFacts


def test_an_srgb_profile_is_recognised_by_what_it_does(write_image, icc):
    # LittleCMS's own sRGB profile maps every probe colour to itself: no transform is kept.
    stored = testing.solid((8, 8), (200, 100, 50))
    facts = ImageFacts(write_image("s.png", stored, icc_profile=icc.srgb), Analysis(max_side=8))
    assert np.asarray(facts.working_image)[0, 0].tolist() == [200, 100, 50]
    assert icc_module.transform_to_srgb(icc.srgb, "RGB") is None


def test_an_srgb_named_profile_that_is_not_srgb_is_still_converted(write_image, icc):
    # The description says sRGB, the colorants are swapped: the pixels must still move.
    # sRGB's D50 colorants (tests/conftest.py) with red and blue swapped, linear TRC.
    blue, green, red = (0.4361, 0.2225, 0.0139), (0.3851, 0.7169, 0.0971), (0.1431, 0.0606, 0.7141)
    liar = icc.build("sRGB IEC61966-2.1", (red, green, blue), gamma=1.0)
    facts = ImageFacts(write_image("l.png", testing.solid((8, 8), (255, 0, 0)), icc_profile=liar), Analysis(max_side=8))
    assert np.asarray(facts.working_image)[0, 0].tolist() == pytest.approx([0, 0, 255], abs=2)
    assert icc_module.transform_to_srgb(liar, "RGB") is not None


def _photo(width: int, height: int) -> np.ndarray:
    """A textured RGB test image (a photo tiled and noised: every pixel matters to a resize)."""
    tile = np.asarray(Image.fromarray(testing.photo("astronaut")).resize((512, 512)))
    reps = (height // 512 + 1, width // 512 + 1, 1)
    noise = np.random.default_rng(0).integers(0, 8, (height, width, 3))
    return np.clip(np.tile(tile, reps)[:height, :width] + noise, 0, 255).astype(np.uint8)


def test_a_large_png_reduced_early_equals_pillows_resize(write_image):
    # 6200 px → 1024 px is a scale of 6.05: resize's own reduction by 2 (reducing_gap 3), then
    # LANCZOS. Reducing first with the exact box gives the very same bytes.
    pixels = _photo(6200, 301)
    path = write_image("wide.png", pixels, compress_level=1)
    expected = Image.fromarray(pixels).resize((1024, 50), Image.Resampling.LANCZOS, reducing_gap=3.0)
    assert np.array_equal(np.asarray(ImageFacts(path).working_image), np.asarray(expected))


def test_a_large_transparent_png_reduced_early_stays_within_rounding(write_image):
    # Pillow reduces RGBA premultiplied, so compositing on white after the reduction agrees with
    # compositing before it up to the rounding of the two 8-bit steps (2 levels).
    pixels = _photo(6200, 301)
    alpha = np.tile(np.linspace(0, 255, 6200).astype(np.uint8), (301, 1))
    path = write_image("wide.png", np.dstack([pixels, alpha]), compress_level=1)
    flat = Image.composite(Image.fromarray(pixels), Image.new("RGB", (6200, 301), "white"), Image.fromarray(alpha))
    expected = np.asarray(flat.resize((1024, 50), Image.Resampling.LANCZOS, reducing_gap=3.0)).astype(int)
    assert np.abs(np.asarray(ImageFacts(path).working_image).astype(int) - expected).max() <= 2


def _one_block_reads(monkeypatch) -> list[int]:
    """The `decodermaxblock` each JPEG decode of the working copy ran with, in a process that
    keeps freed memory: Pillow reads its data in blocks of that many bytes (64 kB by default)."""
    blocks: list[int] = []
    real = decode_module._read_in_one_block

    def recorded(img: Image.Image, source) -> None:
        # Pillow's own attribute, which ImageFile.load reads: set by Pillow before it is changed
        # (a renamed one would leave the read in chunks, whatever stylelint set)
        assert img.decodermaxblock == ImageFile.MAXBLOCK
        real(img, source)
        blocks.append(img.decodermaxblock)

    monkeypatch.setattr(decode_module, "freed_memory_kept", lambda: True)
    monkeypatch.setattr(decode_module, "_read_in_one_block", recorded)
    return blocks


def test_a_jpeg_read_in_one_block_decodes_as_in_pillows_chunks(write_image, monkeypatch):
    # The decoder is handed the whole file at once (decode._read_in_one_block, as in stylelint's
    # own processes) instead of 64 kB chunks: libjpeg's output does not depend on how its input
    # is split, so the working copy is the same bytes as Pillow's own draft decode and resize.
    # The file spans several chunks.
    path = write_image("camera.jpg", _photo(2100, 1400), quality=95)  # decoded at 1/2 scale
    assert path.stat().st_size > 4 * 65536
    blocks = _one_block_reads(monkeypatch)
    with Image.open(path) as image:
        image.draft("RGB", (1024, 683))
        expected = image.resize((1024, 683), Image.Resampling.LANCZOS, reducing_gap=3.0)
    assert np.array_equal(np.asarray(ImageFacts(path).working_image), np.asarray(expected))
    assert blocks == [path.stat().st_size]  # one block: the whole file


def test_a_jpeg_whose_block_would_be_mapped_afresh_is_read_in_pillows_chunks(write_image, monkeypatch):
    # A block at or above glibc's mmap threshold gets fresh pages for every image even where
    # freed memory is kept, so such a file keeps Pillow's 64 kB chunks (the threshold lowered
    # here, in place of a 32 MB file).
    path = write_image("camera.jpg", _photo(600, 400), quality=95)
    blocks = _one_block_reads(monkeypatch)
    monkeypatch.setattr(decode_module, "MMAP_THRESHOLD_BYTES", path.stat().st_size)
    ImageFacts(path).working_image
    assert blocks == [ImageFile.MAXBLOCK] and blocks[0] < path.stat().st_size


def test_an_untouched_working_copy_is_not_the_opened_image(write_image):
    # A small RGB file needs no transform at all; the working copy must outlive the file.
    path = write_image("small.png", testing.solid((20, 10), (1, 2, 3)))
    facts = ImageFacts(path)
    assert np.asarray(facts.working_image)[0, 0].tolist() == [1, 2, 3]


def test_srgb_profile_probe_covers_every_level():
    probe = icc_module.identity_probe()[0]
    for channel in range(3):
        assert set(probe[:, channel].tolist()) == set(range(256))
