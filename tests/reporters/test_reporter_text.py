"""The text reporter shows flat list and mapping values on the measured line (issue 13)."""

from __future__ import annotations

import io

from stylelint.report import FileResult, Report, RuleResult, Severity
from stylelint.reporters.text import REPORTER


def _render(measured):
    result = RuleResult(
        rule="metadata",
        severity=Severity.WARNING,
        passed=False,
        message="required field missing: copyright",
        measured=measured,
        expected={"require": ["copyright"]},
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
