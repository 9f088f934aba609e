"""The JSON report of CONTRACT.md §5: `Report.to_dict()`, indented, keys in a fixed order."""
from __future__ import annotations

import json
from typing import TextIO

from stylelint.report import Report


class JsonReporter:
    """Writes the report document; the only thing on stdout when stdout is the target."""

    name = "json"
    machine_readable = True

    def render(self, report: Report, out: TextIO) -> None:
        """Write `report.to_dict()` as indented JSON with a trailing newline."""
        json.dump(report.to_dict(), out, indent=2, ensure_ascii=False, allow_nan=False)
        out.write("\n")


REPORTER = JsonReporter()
