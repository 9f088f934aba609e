"""Hostile file names (issue 15): names that are not UTF-8, that hold terminal control sequences or
line breaks, or that a spreadsheet would run as a formula. Every report is still written, and
nothing a file name holds reaches a terminal or a spreadsheet as anything but text."""

from __future__ import annotations

import csv
import io
import json
import os

import pytest
from click.testing import CliRunner

from stylelint import testing
from stylelint.cli import cli
from stylelint.names import printable, shown
from stylelint.registry import available_reporters

SPEC = 'version: 1\nrules:\n  aspect-ratio: {allowed: ["1:1"]}\n'


def _run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def hostile(tmp_path, monkeypatch):
    """A folder with a 3:2 PNG (fails aspect-ratio) whose name holds the byte 0xFF, as on old NAS
    shares: Python sees it as the lone surrogate U+DCFF (PEP 383)."""
    (tmp_path / "stylelint.yaml").write_text(SPEC)
    (tmp_path / "shoot").mkdir()
    testing.write(tmp_path / "shoot" / "a.png", testing.solid((90, 60), "#808080"))
    os.rename(tmp_path / "shoot" / "a.png", os.fsencode(tmp_path / "shoot") + b"/\xffwide.png")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("fmt", sorted(available_reporters()))
def test_a_name_that_is_not_utf8_is_reported_escaped_in_every_format(hostile, fmt):
    result = _run("check", "shoot", "--format", fmt, "--output", "out", "--jobs", "1", "--no-cache")
    assert result.exit_code == 1, result.output  # the file fails aspect-ratio; no internal error
    text = (hostile / "out").read_bytes().decode("utf-8")  # strict: the report is valid UTF-8
    assert "xffwide.png" in text
    if fmt == "json":
        assert json.loads(text)["files"][0]["path"] == "shoot/\\xffwide.png"


def test_the_html_thumbnail_still_opens_a_non_utf8_name(hostile):
    _run("check", "shoot", "--format", "html", "--output", "out.html", "--jobs", "1", "--no-cache")
    assert "data:image/jpeg;base64," in (hostile / "out.html").read_text("utf-8")


def test_shown_escapes_undecodable_bytes_and_keeps_everything_else():
    assert shown("shoot/\udcffb\udc80.png") == "shoot/\\xffb\\x80.png"
    assert shown("ünïcödé 写真.png") == "ünïcödé 写真.png"


@pytest.mark.parametrize(
    ("name", "escaped"),
    [
        ("\x1b[2Jclear.png", "\\x1b[2Jclear.png"),
        ("\x1b]0;title\x07.png", "\\x1b]0;title\\x07.png"),
        ("a\nPASS   forged.png", "a\\nPASS   forged.png"),
        ("tab\there\r.png", "tab\\there\\r.png"),
        ("c1\x9b31m.png", "c1\\x9b31m.png"),
        ("bidi\u202egnp.exe", "bidi\\u202egnp.exe"),
        ("plain ünï 写真.png", "plain ünï 写真.png"),
    ],
)
def test_printable_escapes_control_characters(name, escaped):
    assert printable(name) == escaped


@pytest.fixture
def forging(tmp_path, monkeypatch):
    """A failing 3:2 image whose name tries to forge a PASS line and clear the screen."""
    (tmp_path / "stylelint.yaml").write_text(SPEC)
    name = "x.png\nPASS   forged.png\x1b[2J\x1b]0;owned\x07.png"
    (tmp_path / "shoot").mkdir()
    testing.write(tmp_path / "shoot" / name, testing.solid((90, 60), "#808080"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_control_characters_in_names_never_reach_a_human_report(forging, fmt):
    result = _run("check", "shoot", "--format", fmt, "--jobs", "1", "--no-cache")
    assert result.exit_code == 1
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert not any(line.startswith("PASS") for line in result.output.splitlines())
    assert not any("forged" in line and "x.png" not in line for line in result.output.splitlines())


@pytest.mark.parametrize("name", ["=HYPERLINK(1).png", "+1.png", "-1.png", "@SUM(1).png", "\tx.png", "\rx.png"])
def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(tmp_path, monkeypatch, name):
    (tmp_path / "stylelint.yaml").write_text(SPEC)
    testing.write(tmp_path / name, testing.solid((90, 60), "#808080"))
    monkeypatch.chdir(tmp_path)
    result = _run("check", "--format", "csv", "--jobs", "1", "--no-cache", "--", name)
    _, row = list(csv.reader(io.StringIO(result.output, newline="")))
    # OWASP "CSV injection": a leading apostrophe makes Excel and LibreOffice take the cell as text.
    assert row[0] == "'" + name
    assert not any(cell[:1] in ("=", "+", "-", "@", "\t", "\r") for cell in row)
