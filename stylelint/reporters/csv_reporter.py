"""The CSV report: one row per file and rule, for spreadsheets and scripts.

Columns: path, status, rule, severity, passed, suppressed, message, measured, expected.
`passed` and `suppressed` are `true`/`false`; `measured` and `expected` are compact JSON. An
unreadable file is one row with rule `unreadable-image`, empty rule fields and the cause as
message. Written by the csv module (RFC 4180 quoting, CRLF line ends).

Excel and LibreOffice run a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return
as a formula, so a file named `=HYPERLINK(…).jpg` would become a live link ("CSV injection",
OWASP). Such a cell gets a leading apostrophe, as OWASP recommends: spreadsheets show the text
as it is, and a script that reads the CSV drops one leading `'` from a cell whose next character
is one of those six to get the value back. No other cell is altered.
"""

from __future__ import annotations

import csv
from typing import TextIO

from stylelint.report import Report
from stylelint.reporters import RenderOptions
from stylelint.reporters.common import UNREADABLE_RULE, Row, compact_json, rows

# OWASP "CSV Injection": the characters that make a spreadsheet cell a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
COLUMNS = ("path", "status", "rule", "severity", "passed", "suppressed", "message", "measured", "expected")


def _bool(value: bool) -> str:
    return "true" if value else "false"


def neutralised(cell: str) -> str:
    """`cell` as text to a spreadsheet: a leading apostrophe when it would start a formula."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def _cells(row: Row) -> list[str]:
    """The cells of one row, in COLUMNS order, each neutralised."""
    return [neutralised(cell) for cell in _raw_cells(row)]


def _raw_cells(row: Row) -> list[str]:
    head = [row.file.path, row.status.value]
    if row.result is None:
        return head + [UNREADABLE_RULE, "", "", "", row.file.error or "", "", ""]
    r = row.result
    return head + [
        r.rule,
        r.severity.value,
        _bool(r.passed),
        _bool(r.suppressed),
        r.message,
        compact_json(r.measured),
        compact_json(r.expected),
    ]


class CsvReporter:
    """Writes the header and one row per file and rule."""

    name = "csv"

    def render(self, report: Report, out: TextIO, options: RenderOptions = RenderOptions()) -> None:
        """Write the CSV table of `report` to `out`."""
        writer = csv.writer(out)
        writer.writerow(COLUMNS)
        writer.writerows(_cells(row) for row in rows(report))


REPORTER = CsvReporter()
