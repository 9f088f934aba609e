"""The JSON reporter streams file entries, byte-identical to dumping Report.to_dict()."""

from __future__ import annotations

import io
import json

from stylelint.report import FileResult, Report, RuleResult, Severity
from stylelint.reporters.json_reporter import REPORTER


def _render(report: Report) -> str:
    out = io.StringIO()
    REPORTER.render(report, out)
    return out.getvalue()


def test_streamed_json_equals_a_plain_dump_of_to_dict():
    result = RuleResult(
        "palette",
        Severity.ERROR,
        False,
        'line\nbreak "quoted" ünïcode',
        {"coverage": 0.5, "dominant": [{"hex": "#FFFFFF"}]},
        {"min_coverage": 0.8},
    )
    report = Report(
        spec="stylelint.yaml",
        files=(FileResult("a b/ü.png", (result, result)), FileResult("bad.jpg", error="truncated")),
    )
    expected = json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n"
    assert _render(report) == expected


def test_an_empty_report_is_valid_json():
    report = Report(spec="stylelint.yaml", files=())
    assert _render(report) == json.dumps(report.to_dict(), indent=2) + "\n"
