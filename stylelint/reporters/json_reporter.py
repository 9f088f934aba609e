"""The JSON report of CONTRACT.md §5: `Report.to_dict()`, indented, keys in a fixed order."""

from __future__ import annotations

import json
from typing import TextIO

from stylelint.report import Report
from stylelint.reporters import RenderOptions


class JsonReporter:
    """Writes the report document; the only thing on stdout when stdout is the target."""

    name = "json"

    def render(self, report: Report, out: TextIO, options: RenderOptions = RenderOptions()) -> None:
        """Write `report.to_dict()` as JSON indented by 2, with a trailing newline.

        The files are written one at a time, so a report of 100,000 files is never held twice
        in memory; the bytes are those of `json.dump(report.to_dict(), out, indent=2)`.
        """
        head = _dumps({**report.head(), "files": []})
        out.write(head[: head.rindex("[]")] + "[")
        for index, file in enumerate(report.files):
            entry = _dumps(file.to_dict(report.policy)).replace("\n", "\n" + _FILE_INDENT)
            out.write(("," if index else "") + "\n" + _FILE_INDENT + entry)
        out.write("\n  ]\n}\n" if report.files else "]\n}\n")


_FILE_INDENT = " " * 4  # a file entry sits two levels deep: {"files": [ entry ]}


def _dumps(data: object) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False)


REPORTER = JsonReporter()
