"""The text reporter shows flat list and mapping values on the measured line (issue 13)."""

from __future__ import annotations

import io
import re

from stylelint.report import FileResult, Report, RuleResult, Severity
from stylelint.reporters.text import REPORTER


def _render(measured, expected=None):
    result = RuleResult(
        rule="metadata",
        severity=Severity.WARNING,
        passed=False,
        message="required field missing: copyright",
        measured=measured,
        expected=expected or {"require": ["copyright"]},
    )
    out = io.StringIO()
    REPORTER.render(Report(spec="s.yaml", files=(FileResult("a.jpg", (result,)),)), out)
    return out.getvalue()


def test_list_of_fields_present_is_shown():
    # Issue 13: the line read "exif_readable true" and hid which fields were present.
    text = _render({"present": ["artist", "gps"], "exif_readable": True})
    assert "present [artist, gps]" in text and "exif_readable true" in text


def test_flat_mapping_is_shown_and_nested_values_are_left_to_json_and_html():
    text = _render({"shares": {"#FF0000": 0.25}, "line": [[0.0, 0.5], [1.0, 0.5]], "dominant": [{"hex": "#000000"}]})
    assert "shares {#FF0000: 0.25}" in text
    assert "line" not in text.split("measured", 1)[1] and "dominant" not in text


def test_expected_values_are_shown_as_the_spec_wrote_them():
    # A user's review: the spec said `max: 114.4` and the report "expected min 12.1 · max 114".
    # Measured values stay compact (3 significant digits).
    text = _render({"colorfulness": 116.2345}, {"min": 12.1, "max": 114.4, "allowed": [0.0125], "size": 123456789.0})
    assert "expected min 12.1 · max 114.4 · allowed [0.0125] · size 123456789" in text
    assert "colorfulness 116" in text


def test_plain_text_is_what_rich_writes_without_colour_and_colour_comes_from_rich(monkeypatch):
    # Issue 14: plain text is written without importing rich; it must be rich's own plain output,
    # and a terminal (here FORCE_COLOR, which rich honours as a terminal) still gets rich's colour.
    from rich.console import Console
    from rich.text import Text as RichText

    from stylelint.reporters import text as text_module

    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("TTY_COMPATIBLE", raising=False)
    plain = _render({"present": ["artist", "gps"], "exif_readable": True})
    lines = [
        text_module.Text.assemble(("FAIL ", "bold red"), "  ", ("a.jpg", "bold")),
        text_module.Text("  note: é漢字👍 wide, trailing spaces  ", "dim"),
        text_module.Text.assemble("\n", ("3 files", "bold"), ": ", ("1 passed", "green")),
    ]
    ours, theirs = io.StringIO(), io.StringIO()
    console = Console(file=theirs, highlight=False, soft_wrap=True)
    for line in lines:
        text_module._console(ours).print(line)
        console.print(RichText.assemble(*line.spans))
    assert ours.getvalue() == theirs.getvalue()
    monkeypatch.setenv("FORCE_COLOR", "1")
    coloured = _render({"present": ["artist", "gps"], "exif_readable": True})
    assert "\x1b[" in coloured and "\x1b[" not in plain
    assert re.sub("\x1b\\[[0-9;]*m", "", coloured) == plain  # the same text, coloured
