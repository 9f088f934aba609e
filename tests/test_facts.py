"""ImageFacts: the decoding policy of CONTRACT.md §3 on images whose true content is known."""

from __future__ import annotations

import io
import struct
import zlib

import numpy as np
import pytest
from PIL import Image

from stylelint import testing
from stylelint.analysis import Analysis
from stylelint.decode import working_size
from stylelint.errors import ImageReadError
from stylelint.facts import ImageFacts

SMALL = Analysis(max_side=64)

RED, GREY = (220, 30, 30), (128, 128, 128)


def _quadrants(rgb: np.ndarray) -> dict[str, np.ndarray]:
    """Mean sRGB (0–255) of each quadrant, keyed tl, tr, bl, br."""
    h, w = rgb.shape[:2]
    halves = {"t": slice(0, h // 2), "b": slice(h - h // 2, h)}, {"l": slice(0, w // 2), "r": slice(w - w // 2, w)}
    return {
        r + c: rgb[rs, cs].reshape(-1, 3).mean(axis=0) * 255
        for r, rs in halves[0].items()
        for c, cs in halves[1].items()
    }


# Stored 64×32 with the top-left quadrant red. Where that quadrant is displayed, and the
# displayed size, follow EXIF 2.32 tag 0x0112: 2 mirrors left-right, 3 turns 180°, 4 mirrors
# top-bottom, 5 transposes, 6 turns 90° clockwise, 7 transverses, 8 turns 90° anticlockwise.
ORIENTATIONS = {
    1: ("tl", (64, 32)),
    2: ("tr", (64, 32)),
    3: ("br", (64, 32)),
    4: ("bl", (64, 32)),
    5: ("tl", (32, 64)),
    6: ("tr", (32, 64)),
    7: ("br", (32, 64)),
    8: ("bl", (32, 64)),
}


@pytest.mark.parametrize("orientation", sorted(ORIENTATIONS))
def test_exif_orientation_puts_the_marker_where_expected(write_image, orientation):
    stored = testing.solid((64, 32), GREY)
    stored[:16, :32] = RED
    exif = Image.Exif()
    exif[0x0112] = orientation
    facts = ImageFacts(write_image("o.jpg", stored, exif=exif, quality=95), SMALL)
    corner, size = ORIENTATIONS[orientation]
    assert facts.size_px == size
    assert facts.working_image.size == working_size(size, 64)
    means = _quadrants(facts.rgb)
    # JPEG at quality 95 keeps flat areas within a few levels; 12 levels is far from the 92-level
    # gap between red's and grey's red channel, and from the 98-level gap in green.
    assert means[corner] == pytest.approx(RED, abs=12)
    for other in set(means) - {corner}:
        assert means[other] == pytest.approx(GREY, abs=12)


def test_png_exif_orientation_is_applied_too(write_image):
    exif = Image.Exif()
    exif[0x0112] = 6
    facts = ImageFacts(write_image("o.png", testing.solid((40, 20), GREY), exif=exif), SMALL)
    assert facts.size_px == (20, 40) and facts.working_image.size == (20, 40)  # never upscaled


# ---- colour management -------------------------------------------------------------------


def test_non_srgb_profile_is_converted_to_srgb(write_image, icc):
    # The swapped profile's red colorant is sRGB's blue (and the reverse), with a linear TRC:
    # stored pure red displays as sRGB blue, and stored grey 128 (linear 0.502) is sRGB-encoded
    # as 255 · 1.055 · 0.502^(1/2.4) − 0.055 = 187.6.
    stored = np.zeros((8, 24, 3), np.uint8)
    stored[:, :8] = (255, 0, 0)
    stored[:, 8:16] = (0, 0, 255)
    stored[:, 16:] = (128, 128, 128)
    facts = ImageFacts(write_image("p.png", stored, icc_profile=icc.swapped), Analysis(max_side=24))
    rgb = np.asarray(facts.working_image).astype(int)
    # LittleCMS works in 16-bit fixed point: two levels covers its rounding.
    assert rgb[4, 3] == pytest.approx((0, 0, 255), abs=2)
    assert rgb[4, 11] == pytest.approx((255, 0, 0), abs=2)
    assert rgb[4, 20] == pytest.approx((188, 188, 188), abs=2)


def test_srgb_profile_leaves_values_alone(write_image, icc):
    stored = testing.solid((8, 8), (200, 100, 50))
    facts = ImageFacts(write_image("s.png", stored, icc_profile=icc.srgb), Analysis(max_side=8))
    assert np.asarray(facts.working_image)[0, 0] == pytest.approx((200, 100, 50), abs=1)


def test_broken_profile_is_ignored_for_pixels(write_image):
    facts = ImageFacts(
        write_image("b.png", testing.solid((8, 8), (10, 20, 30)), icc_profile=b"junk" * 40), Analysis(max_side=8)
    )
    assert facts.icc_description == "invalid embedded profile"
    assert tuple(np.asarray(facts.working_image)[0, 0]) == (10, 20, 30)  # taken as sRGB


# ---- modes ---------------------------------------------------------------------------------


def _pixel(write_image, name, image, **save):
    facts = ImageFacts(write_image(name, image, **save), Analysis(max_side=16))
    return tuple(int(v) for v in np.asarray(facts.working_image)[0, 0])


def test_alpha_is_composited_over_white(write_image):
    rgba = np.zeros((16, 16, 4), np.uint8)  # transparent black
    rgba[8:, :, 3] = 255
    facts = ImageFacts(write_image("a.png", Image.fromarray(rgba, "RGBA")), Analysis(max_side=16))
    rgb = np.asarray(facts.working_image)
    assert (rgb[:7] == 255).all()  # fully transparent → white, not black
    assert (rgb[9:] == 0).all()


@pytest.mark.parametrize(
    ("transparent_rows", "soft_pixels", "words"),
    [
        (0, 1, "0.4% of pixels partly transparent, none fully"),  # 1 of 256 px: an anti-aliased edge
        (8, 0, "50% of pixels fully transparent;"),
        (8, 3, "50% of pixels fully transparent, 1% partly;"),
    ],
)
def test_transparency_note_counts_full_and_partial(write_image, transparent_rows, soft_pixels, words):
    # A cut-out whose alpha is nowhere 0 but somewhere below 255 (chicky_512.png of OpenCV's
    # samples: 0.4 % of its pixels at alpha 127-254) read "0% of pixels fully transparent".
    rgba = np.full((16, 16, 4), 200, np.uint8)
    rgba[..., 3] = 255
    rgba[:transparent_rows, :, 3] = 0
    rgba[-1, :soft_pixels, 3] = 128
    facts = ImageFacts(write_image("c.png", Image.fromarray(rgba, "RGBA")), Analysis(max_side=16))
    (note,) = [n for n in facts.notes if n.startswith("transparency:")]
    assert words in note


def test_half_alpha_blends_halfway(write_image):
    rgba = np.zeros((16, 16, 4), np.uint8)
    rgba[..., 3] = 128  # black at 128/255 opacity over white: 255 · (1 − 128/255) = 127
    assert _pixel(write_image, "h.png", Image.fromarray(rgba, "RGBA")) == pytest.approx((127, 127, 127), abs=1)


def test_palette_transparency_and_la(write_image):
    p = Image.new("P", (16, 16), 0)
    p.putpalette([0, 0, 0, 255, 0, 0])
    assert _pixel(write_image, "p.png", p, transparency=0) == (255, 255, 255)
    la = Image.merge("LA", (Image.new("L", (16, 16), 0), Image.new("L", (16, 16), 0)))
    assert _pixel(write_image, "la.png", la) == (255, 255, 255)


def test_rgb_trns_colour_becomes_white(write_image):
    assert _pixel(write_image, "t.png", testing.solid((16, 16), (1, 2, 3)), transparency=(1, 2, 3)) == (255, 255, 255)


@pytest.mark.parametrize(
    ("name", "image", "expected"),
    [
        ("grey.png", Image.new("L", (16, 16), 77), (77, 77, 77)),
        ("bit.png", Image.new("1", (16, 16), 1), (255, 255, 255)),
        ("palette.gif", Image.new("P", (16, 16), 1), None),  # palette entry 1 below
        ("cmyk.jpg", Image.new("CMYK", (16, 16), (0, 0, 0, 0)), (255, 255, 255)),  # no ink: paper white
        ("cmyk.tif", Image.new("CMYK", (16, 16), (0, 0, 0, 255)), (0, 0, 0)),  # full black ink
        ("lab.tif", Image.new("LAB", (16, 16), (255, 128, 128)), (255, 255, 255)),  # L* 100, a* b* 0
        ("lab_grey.tif", Image.new("LAB", (16, 16), (128, 128, 128)), (119, 119, 119)),
    ],
)
def test_modes_are_normalised_to_srgb(write_image, name, image, expected):
    if image.mode == "P":
        image.putpalette([0, 0, 0, 12, 200, 99])
        expected = (12, 200, 99)
    # L* = 100 · 128/255 = 50.2 is sRGB 119.4 (CIE 15:2004); 1 level covers 8-bit rounding.
    assert _pixel(write_image, name, image) == pytest.approx(expected, abs=1)


def test_16_bit_grey_holding_8_bit_values_stays_visible(write_image):
    # PNG and TIFF writers often store 0..255 data in a 16-bit container; scaling by 1/257 would
    # turn it black (the i_trns.png trap), so values are clipped, not rescaled.
    values = np.full((16, 16), 200, np.uint16)
    image = Image.fromarray(values)  # mode I;16
    assert _pixel(write_image, "i16.png", image) == (200, 200, 200)


def test_16_bit_rgb_tiff(write_image):
    # 48-bit RGB TIFF: Pillow reads 16-bit-per-channel RGB as 8-bit RGB (the high byte).
    data = np.full((16, 16, 3), 0x8000, "<u2")
    data[..., 1] = 0xFF00
    tiff = Image.frombytes("RGB", (16, 16), data.tobytes(), "raw", "RGB;16L")
    assert _pixel(write_image, "rgb16.tif", tiff) == (128, 255, 128)


def test_first_frame_of_an_animated_gif(write_image, tmp_path):
    frames = [Image.new("RGB", (16, 16), c) for c in ((255, 0, 0), (0, 0, 255), (0, 255, 0))]
    path = tmp_path / "anim.gif"
    frames[0].save(path, save_all=True, append_images=frames[1:], duration=100, loop=0)
    facts = ImageFacts(path, Analysis(max_side=16))
    assert facts.header.frames == 3
    assert tuple(np.asarray(facts.working_image)[0, 0]) == (255, 0, 0)


# ---- working copy ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("size", "working"), [((300, 200), (96, 64)), ((200, 300), (64, 96)), ((20, 10), (20, 10)), ((96, 1), (96, 1))]
)
def test_working_copy_is_scaled_down_to_max_side_never_up(write_image, size, working):
    facts = ImageFacts(write_image("w.png", testing.gradient(size)), Analysis(max_side=96))
    assert facts.working_image.size == working
    assert facts.size_px == size  # geometry uses the real size
    assert facts.rgb.shape == (working[1], working[0], 3)


def test_jpeg_draft_decode_is_close_to_a_full_decode(write_image, astronaut_small):
    # 256 px JPEG to a 64 px working copy: the DCT decodes at 1/4 scale, which averages 4×4
    # blocks, i.e. a box filter. So it must match a full decode box-resized to within JPEG
    # rounding (1.5 levels of 255 on average), and differ from a full decode Lanczos-resized no
    # more than the box filter itself does (plus 0.5 level).
    path = write_image("photo.jpg", astronaut_small, quality=92)
    draft = np.asarray(ImageFacts(path, Analysis(max_side=64)).working_image).astype(float)
    full = Image.open(path).convert("RGB")
    box = np.asarray(full.resize((64, 64), Image.Resampling.BOX)).astype(float)
    lanczos = np.asarray(full.resize((64, 64), Image.Resampling.LANCZOS)).astype(float)
    assert np.abs(draft - box).mean() < 1.5
    assert np.abs(draft - lanczos).mean() < np.abs(box - lanczos).mean() + 0.5


# ---- unreadable files --------------------------------------------------------------------------


def _png_with_header(width: int, height: int) -> bytes:
    """A PNG whose IHDR claims width × height (CRC valid) over a 1-pixel IDAT."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0\0")) + chunk(b"IEND", b"")


def _read_error(path, analysis=Analysis()) -> str:
    with pytest.raises(ImageReadError) as caught:
        ImageFacts(path, analysis).header
    return str(caught.value)


def test_png_header_claiming_a_huge_size_is_refused_before_decoding(tmp_path):
    path = tmp_path / "bomb.png"
    path.write_bytes(_png_with_header(100_000, 100_000))  # 10¹⁰ pixels in 60 bytes
    assert _read_error(path) == (
        "image too large: 100000×100000 = 10,000,000,000 pixels, above analysis.max_pixels (200,000,000)"
    )


def test_max_pixels_smaller_than_the_image(write_image):
    path = write_image("a.png", testing.solid((20, 20), GREY))
    assert (
        _read_error(path, Analysis(max_pixels=399))
        == "image too large: 20×20 = 400 pixels, above analysis.max_pixels (399)"
    )
    assert ImageFacts(path, Analysis(max_pixels=400)).size_px == (20, 20)  # the limit is inclusive


def _gif_descriptors(data: bytes) -> list[int]:
    """Offsets of the image descriptors (0x2C) of a GIF, walking its block structure."""
    flags = data[10]
    pos = 13 + (3 * 2 ** ((flags & 7) + 1) if flags & 0x80 else 0)
    found = []
    while data[pos] != 0x3B:
        if data[pos] == 0x21:
            pos += 2
        else:
            found.append(pos)
            local = data[pos + 9]
            pos += 10 + (3 * 2 ** ((local & 7) + 1) if local & 0x80 else 0) + 1
        while data[pos]:
            pos += data[pos] + 1
        pos += 1
    return found


def _gif_with_second_frame_claiming(tmp_path, width: int, height: int):
    """A 2-frame 16×16 GIF whose second image descriptor is patched to claim width × height."""
    frames = [Image.new("RGB", (16, 16), (255, 0, 0)), Image.new("RGB", (16, 16), (0, 0, 255))]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:])
    data = bytearray(buffer.getvalue())
    second = _gif_descriptors(bytes(data))[1]
    data[second + 5 : second + 9] = struct.pack("<HH", width, height)
    path = tmp_path / "bomb.gif"
    path.write_bytes(bytes(data))
    return path


def test_animation_with_a_bomb_in_a_later_frame_is_refused(tmp_path):
    # Frame 1 is a harmless 16×16; frame 2 claims 60000×60000 (3.6·10⁹ pixels). Pillow refuses
    # to allocate it, before our own check can see its size.
    path = _gif_with_second_frame_claiming(tmp_path, 60000, 60000)
    assert _read_error(path) == "frame 2 of 2 too large: above analysis.max_pixels (200,000,000)"


def test_later_frame_above_max_pixels_is_refused_with_its_size(tmp_path):
    # 40×40 = 1600 pixels: above max_pixels (1000), below Pillow's own limit (twice it).
    path = _gif_with_second_frame_claiming(tmp_path, 40, 40)
    assert (
        _read_error(path, Analysis(max_pixels=1000))
        == "frame 2 of 2 too large: 40×40 = 1,600 pixels, above analysis.max_pixels (1,000)"
    )
    assert ImageFacts(path, Analysis(max_pixels=1600, max_side=16)).header.frames == 2


@pytest.mark.parametrize(
    ("content", "cause"),
    [
        (b"", "empty file (0 bytes)"),
        (b"hello, I am text", "not an image in a format Pillow can read (unknown or corrupt header)"),
        (
            b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic",
            "HEIC/HEIF image, but no HEIF decoder is installed (pip install pillow-heif)",
        ),
        (
            b"GIF89a\x00\x00\x10\x00\x00\x00\x00;",
            "not an image in a format Pillow can read (unknown or corrupt header)",
        ),
    ],
)
def test_unreadable_files_have_a_plain_cause(tmp_path, content, cause):
    path = tmp_path / "x.png"
    path.write_bytes(content)
    assert _read_error(path) == cause


def test_missing_file_and_folder(tmp_path):
    assert _read_error(tmp_path / "nope.png") == "file not found"
    (tmp_path / "dir.png").mkdir()
    assert _read_error(tmp_path / "dir.png") == "is a folder, not a file"


@pytest.mark.parametrize(("name", "keep"), [("t.jpg", 0.5), ("t.png", 0.5), ("t.png", 0.99)])
def test_truncated_files_are_errors_even_for_header_only_facts(write_image, astronaut_small, name, keep):
    # Header-only facts (size, format) must not pass a file whose pixel data is cut short.
    data = write_image(name, astronaut_small).read_bytes()
    write_image(name, astronaut_small).write_bytes(data[: int(len(data) * keep)])
    facts = ImageFacts(write_image(name, astronaut_small).with_name(name), Analysis(max_side=32))
    facts.path.write_bytes(data[: int(len(data) * keep)])
    with pytest.raises(ImageReadError, match="truncated|could not decode"):
        facts.size_px


@pytest.mark.parametrize(
    ("cut", "cause"),
    [
        (12, "truncated image data: truncated PNG file"),  # IEND missing
        (16, "truncated PNG: the file ends inside the checksum (CRC) of its IDAT chunk (the image data)"),
        (20, "truncated image data: Truncated File Read"),  # zlib's Adler-32 cut off too
    ],
)
def test_png_cut_after_its_pixels_is_an_error(write_image, cut, cause):
    # All pixel data is there and Pillow decodes it without complaint, but the file is cut short
    # (the corpus's truncated_end_chunk.png): an error, whatever order facts are read in.
    path = write_image("e.png", testing.gradient((64, 64)))
    path.write_bytes(path.read_bytes()[:-cut])
    assert _read_error(path, SMALL) == cause


def test_file_bytes_and_content_hash(write_image):
    import hashlib

    path = write_image("a.png", testing.solid((4, 4), GREY))
    facts = ImageFacts(path)
    assert facts.file_bytes == path.stat().st_size
    assert facts.content_hash == hashlib.sha256(path.read_bytes()).hexdigest()
    # Read in 1 MB chunks into one reused buffer: a file of several chunks and a partial last one.
    large = path.with_name("large.bin")
    large.write_bytes(np.random.default_rng(0).integers(0, 256, 2_500_000, dtype=np.uint8).tobytes())
    assert ImageFacts(large).content_hash == hashlib.sha256(large.read_bytes()).hexdigest()


def test_notes_say_what_was_approximated_or_left_out(write_image):
    from PIL import Image as PILImage

    frames = [PILImage.new("RGB", (16, 16), colour) for colour in ("red", "green", "blue")]
    animated = write_image("anim.gif", frames[0], save_all=True, append_images=frames[1:])
    cmyk = write_image("cmyk.jpg", PILImage.new("CMYK", (16, 16), (0, 50, 100, 0)))
    plain = write_image("plain.png", testing.solid((16, 16), GREY))
    assert ImageFacts(animated).notes == ("3 frames (animated or multi-page): only the first is checked",)
    assert ImageFacts(cmyk).notes == ("CMYK without a colour profile: converted to sRGB approximately",)
    assert ImageFacts(plain).notes == ()
