"""The CSV report: one row per file and rule, for spreadsheets and scripts.

Columns: path, status, rule, severity, passed, suppressed, message, measured, expected.
`passed` and `suppressed` are `true`/`false`; `measured` and `expected` are compact JSON. An
unreadable file is one row with rule `unreadable-image`, empty rule fields and the cause as
message. Written by the csv module (RFC 4180 quoting, CRLF line ends). Cell values are the
report's own, never altered: a spreadsheet user who opens a CSV of untrusted file names should
import it as text.
"""

from __future__ import annotations

import csv
from typing import TextIO

from stylelint.report import Report
from stylelint.reporters.common import UNREADABLE_RULE, Row, compact_json, rows

COLUMNS = ("path", "status", "rule", "severity", "passed", "suppressed", "message", "measured", "expected")


def _bool(value: bool) -> str:
    return "true" if value else "false"


def _cells(row: Row) -> list[str]:
    """The cells of one row, in COLUMNS order."""
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

    def render(self, report: Report, out: TextIO) -> None:
        """Write the CSV table of `report` to `out`."""
        writer = csv.writer(out)
        writer.writerow(COLUMNS)
        writer.writerows(_cells(row) for row in rows(report))


REPORTER = CsvReporter()
