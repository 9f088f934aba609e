"""CSV: golden file and a csv.reader round trip of every cell, including odd file names."""

from __future__ import annotations

import csv
import io
import json

from reporter_samples import DASH_NAME, SCRIPT_NAME, UNICODE_NAME

from stylelint.reporters.csv_reporter import COLUMNS, FORMULA_STARTS, REPORTER


def _render(report) -> str:
    out = io.StringIO(newline="")
    REPORTER.render(report, out)
    return out.getvalue()


def _restored(cell: str) -> str:
    """A cell's value as a script gets it back: one leading apostrophe of a neutralised formula
    start dropped (the module docstring's rule)."""
    return cell[1:] if cell[:1] == "'" and cell[1:2] in FORMULA_STARTS and cell[1:2] else cell


def _rows(text: str) -> list[list[str]]:
    return [[_restored(cell) for cell in row] for row in csv.reader(io.StringIO(text, newline=""))]


def test_golden(report, golden):
    golden("report.csv", _render(report))


def test_round_trip(report):
    header, *rows = _rows(_render(report))
    assert tuple(header) == COLUMNS
    expected = [(f.path, None) for f in report.files if f.error] + [
        (f.path, r) for f in report.files for r in f.results
    ]
    assert sorted(row[0] for row in rows) == sorted(path for path, _ in expected)
    by_key = {(row[0], row[2]): dict(zip(COLUMNS, row)) for row in rows}
    for file in report.files:
        for result in file.results:
            row = by_key[(file.path, result.rule)]
            assert row["message"] == result.message
            assert json.loads(row["measured"]) == result.measured
            assert json.loads(row["expected"]) == result.expected
            assert row["passed"] == str(result.passed).lower()
            assert row["suppressed"] == str(result.suppressed).lower()
            assert row["status"] == file.status(report.policy).value
    assert {SCRIPT_NAME, UNICODE_NAME, DASH_NAME} <= {row[0] for row in rows}


def test_unreadable_file_is_one_row_with_its_error(report):
    rows = [row for row in _rows(_render(report)) if row[0] == DASH_NAME]
    assert rows == [
        [
            DASH_NAME,
            "error",
            "unreadable-image",
            "",
            "",
            "",
            'truncated JPEG: <EOF> & "more" | *after* 1024 bytes',
            "",
            "",
        ]
    ]
