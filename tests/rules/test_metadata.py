"""metadata: EXIF (with the GPS IFD), XMP and IPTC fields present or absent."""

from __future__ import annotations

import pytest
from PIL import Image, PngImagePlugin

from stylelint import testing
from stylelint.rules.metadata import FIELDS, RULE

IMAGE = testing.solid((8, 8), "#777777")


def _exif(**tags) -> Image.Exif:
    exif = Image.Exif()
    for tag, value in tags.items():
        exif[int(tag[1:], 16)] = value
    return exif


def _iptc_app13(records: dict[tuple[int, int], bytes]) -> bytes:
    """A JPEG APP13 segment: Photoshop 3.0 resource 0x0404 holding IPTC-IIM datasets."""
    iim = b"".join(b"\x1c" + bytes(key) + len(value).to_bytes(2, "big") + value for key, value in records.items())
    resource = b"8BIM" + (0x0404).to_bytes(2, "big") + b"\x00\x00" + len(iim).to_bytes(4, "big") + iim
    resource += bytes(len(iim) % 2)  # resource data is padded to an even length
    body = b"Photoshop 3.0\x00" + resource
    return b"\xff\xed" + (len(body) + 2).to_bytes(2, "big") + body


def _measure(path, raw=None):
    return testing.run_rule(RULE, path, raw)


def test_plain_file_has_no_fields(write_image):
    measured, verdict = _measure(write_image("a.jpg", IMAGE), {"forbid": ["gps"]})
    assert measured == {"present": [], "exif_readable": True}
    assert verdict.passed and verdict.expected == {"forbid": ["gps"], "require": []}


def test_gps_ifd_is_found_and_forbidden(write_image):
    exif = Image.Exif()
    gps = exif.get_ifd(0x8825)  # the GPS IFD; Pillow writes it when it is not empty
    gps[1], gps[2] = "N", (48.0, 51.0, 24.0)
    measured, verdict = _measure(write_image("a.jpg", IMAGE, exif=exif), {"forbid": ["gps"]})
    assert measured["present"] == ["gps"]
    assert not verdict.passed


def test_empty_gps_ifd_means_no_location(write_image):
    exif = _exif(x0131="Editor 1.0")
    exif.get_ifd(0x8825)  # created, but left empty
    measured, verdict = _measure(write_image("a.jpg", IMAGE, exif=exif), {"forbid": ["gps"]})
    assert measured["present"] == ["software"]
    assert verdict.passed


def test_exif_fields(write_image):
    exif = _exif(x8298="© ACME", x013B="Ann Example", x010F="Cam", x0132="2024:01:02 03:04:05", x010E="A test")
    measured, verdict = _measure(
        write_image("a.jpg", IMAGE, exif=exif),
        {"require": ["copyright", "artist", "camera", "datetime", "description"]},
    )
    assert measured["present"] == ["artist", "camera", "copyright", "datetime", "description"]
    assert verdict.passed


def test_blank_exif_values_do_not_count(write_image):
    exif = _exif(x8298="   ", x013B="\x00")
    measured, verdict = _measure(write_image("a.jpg", IMAGE, exif=exif), {"require": ["copyright"]})
    assert measured["present"] == []
    assert not verdict.passed and verdict.expected == {"forbid": [], "require": ["copyright"]}


XMP = b"""<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/"
  Iptc4xmpExt:DigitalSourceType="http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia">
 <dc:rights><rdf:Alt><rdf:li xml:lang="x-default">(c) ACME</rdf:li></rdf:Alt></dc:rights>
 <dc:creator><rdf:Seq><rdf:li>Ann Example</rdf:li></rdf:Seq></dc:creator>
 <dc:description><rdf:Alt><rdf:li xml:lang="x-default">  </rdf:li></rdf:Alt></dc:description>
</rdf:Description></rdf:RDF></x:xmpmeta>"""


def test_xmp_copyright_creator_and_ai_source_in_jpeg(write_image):
    measured, verdict = _measure(
        write_image("a.jpg", IMAGE, xmp=XMP), {"require": ["copyright", "artist"], "forbid": ["ai-generated"]}
    )
    # dc:description holds only spaces, so it is not present
    assert measured["present"] == ["ai-generated", "artist", "copyright"]
    assert not verdict.passed  # ai-generated is forbidden


def test_composite_with_generated_media_is_ai_generated_too(write_image):
    # IPTC's compositeWithTrainedAlgorithmicMedia (an edit with generated parts) spells the T in capitals.
    composite = XMP.replace(b"/trainedAlgorithmicMedia", b"/compositeWithTrainedAlgorithmicMedia")
    measured, _ = _measure(write_image("a.jpg", IMAGE, xmp=composite))
    assert "ai-generated" in measured["present"]
    plain = XMP.replace(b"/trainedAlgorithmicMedia", b"/digitalCapture")
    assert "ai-generated" not in _measure(write_image("b.jpg", IMAGE, xmp=plain))[0]["present"]


def test_xmp_in_png_itxt(write_image):
    info = PngImagePlugin.PngInfo()
    info.add_itxt("XML:com.adobe.xmp", XMP.decode())
    measured, _ = _measure(write_image("a.png", IMAGE, pnginfo=info))
    assert measured["present"] == ["ai-generated", "artist", "copyright"]


def test_iptc_records_in_jpeg_app13(write_image, tmp_path):
    plain = write_image("plain.jpg", IMAGE).read_bytes()
    segment = _iptc_app13({(2, 116): b"(c) ACME", (2, 80): b"Ann", (2, 25): b"autumn", (2, 90): b"Oslo"})
    path = tmp_path / "iptc.jpg"
    path.write_bytes(plain[:2] + segment + plain[2:])  # right after SOI
    measured, verdict = _measure(path, {"require": ["copyright", "artist", "keywords", "location"]})
    assert measured["present"] == ["artist", "copyright", "keywords", "location"]
    assert verdict.passed


def _with_app1(plain: bytes, body: bytes) -> bytes:
    return plain[:2] + b"\xff\xe1" + (len(body) + 2).to_bytes(2, "big") + body + plain[2:]


def test_corrupt_exif_is_not_readable_and_the_image_still_lints(write_image, tmp_path):
    plain = write_image("plain.jpg", IMAGE).read_bytes()
    # IFD0 with one entry, Copyright (0x8298), ASCII, 100 bytes at offset 1000: past the end of
    # the block, so the field is lost and the block is corrupt.
    ifd = (
        b"MM\x00\x2a\x00\x00\x00\x08"
        + b"\x00\x01"
        + b"\x82\x98\x00\x02\x00\x00\x00\x64\x00\x00\x03\xe8"
        + b"\x00\x00\x00\x00"
    )
    path = tmp_path / "bad_exif.jpg"
    path.write_bytes(_with_app1(plain, b"Exif\x00\x00" + ifd))
    measured, verdict = _measure(path, {"require": ["copyright"]})
    assert measured == {"present": [], "exif_readable": False}
    assert not verdict.passed


def test_garbage_exif_block_is_ignored(write_image, tmp_path):
    plain = write_image("plain.jpg", IMAGE).read_bytes()
    path = tmp_path / "garbage_exif.jpg"
    path.write_bytes(_with_app1(plain, b"Exif\x00\x00XX\x00\x2a\x00\x00\x00\x08" + b"\xff" * 20))
    measured, verdict = _measure(path, {"forbid": ["gps"]})
    assert measured["present"] == [] and verdict.passed  # no readable field, nothing forbidden


def test_every_field_is_a_choice():
    assert testing.make_params(RULE, {"forbid": list(FIELDS)}).forbid == FIELDS


@pytest.mark.parametrize(
    "raw", [{"forbid": ["GPS"]}, {"forbid": "gps"}, {"require": ["author"]}, {"require": [None]}, {"forbids": ["gps"]}]
)
def test_parameter_errors(raw):
    with pytest.raises(ValueError):
        testing.make_params(RULE, raw)
