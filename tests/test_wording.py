"""Words a person reads (issue 15 item 17): counts with their plurals, unreadable files not called
"errors", PNG checksum failures in plain words, an extension that does not match the format."""

from __future__ import annotations

import struct
import zlib

import pytest
from click.testing import CliRunner

from stylelint import check, testing
from stylelint.cli import cli
from stylelint.report import FileResult, Report, RuleResult, Severity
from stylelint.reporters.common import summary_line

SPEC = 'version: 1\nrules:\n  aspect-ratio: {allowed: ["1:1"]}\n'


def _result(severity: str) -> RuleResult:
    return RuleResult("aspect-ratio", Severity(severity), False, "3:2", {}, {})


def test_summary_counts_take_the_singular_for_one():
    report = Report("s", (FileResult("a.png", (_result("error"), _result("warning"))),))
    assert summary_line(report) == "1 file: 0 passed, 0 warned, 1 failed, 0 unreadable · 1 error, 1 warning, 0 info"


def test_the_text_report_does_not_call_an_unreadable_file_an_error(tmp_path, write_image, monkeypatch):
    (tmp_path / "stylelint.yaml").write_text(SPEC)
    write_image("wide.png", testing.solid((90, 60), "#808080"))
    (tmp_path / "broken.png").write_bytes(b"not a png")
    monkeypatch.chdir(tmp_path)
    output = CliRunner().invoke(cli, ["check", ".", "--jobs", "1", "--no-cache"]).stdout
    lines = output.splitlines()
    assert any(line.startswith("UNREADABLE  broken.png") for line in lines), output
    assert not any(line.startswith("ERROR") for line in lines)
    assert lines[-1] == "2 files: 0 passed, 0 warned, 1 failed, 1 unreadable  ·  1 error, 0 warnings, 0 info"


def _png_with_bad_idat_crc(path):
    testing.write(path, testing.solid((8, 8), "#808080"))
    data = bytearray(path.read_bytes())
    at = data.index(b"IDAT") - 4
    (length,) = struct.unpack(">I", data[at : at + 4])
    crc_at = at + 8 + length
    data[crc_at : crc_at + 4] = struct.pack(">I", zlib.crc32(b"wrong") & 0xFFFFFFFF)
    path.write_bytes(bytes(data))


def test_a_png_chunk_checksum_failure_is_said_in_words(tmp_path, write_spec):
    _png_with_bad_idat_crc(tmp_path / "bad.png")
    (file,) = check([tmp_path / "bad.png"], write_spec(SPEC)).files
    assert file.error == "corrupt PNG: the checksum (CRC) of its IDAT chunk (the image data) does not match"


@pytest.mark.parametrize(("name", "fmt"), [("photo.png", "JPEG"), ("photo.jpg", "PNG"), ("photo.gif", "PNG")])
def test_an_extension_that_does_not_match_the_format_is_noted(tmp_path, write_spec, name, fmt):
    from PIL import Image

    image = Image.new("RGB", (8, 8), "grey")
    image.save(tmp_path / name, format=fmt)
    (file,) = check([tmp_path / name], write_spec(SPEC)).files
    extension = name.rsplit(".", 1)[1]
    assert f"the extension .{extension} does not match the file's format ({fmt})" in file.notes


@pytest.mark.parametrize("name", ["a.jpg", "a.JPEG", "a.tif", "a.png"])
def test_a_matching_extension_gives_no_note(tmp_path, write_spec, name):
    from PIL import Image

    fmt = {"jpg": "JPEG", "jpeg": "JPEG", "tif": "TIFF", "png": "PNG"}[name.rsplit(".", 1)[1].lower()]
    Image.new("RGB", (8, 8), "grey").save(tmp_path / name, format=fmt)
    (file,) = check([tmp_path / name], write_spec(SPEC)).files
    assert file.notes == ()
