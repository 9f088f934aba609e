"""The JUnit XML report, as GitLab (`artifacts:reports:junit`) and Jenkins (JUnit plugin) read it.

One `<testsuite name="stylelint">` inside `<testsuites>`. Each file and rule is a `<testcase>`
with `classname` = the image path and `name` = the rule id. A result that fails the run is a
`<failure>` whose text gives measured against expected and the message; a failed result that
does not fail the run (a warning under `--fail-on error`, info) passes, with the finding in
`<system-out>`, so the test report agrees with the exit code. Results suppressed by a baseline
are `<skipped>`. An unreadable image is one testcase named `unreadable-image` with an
`<error>`, and so is a rule that crashed. No timestamps or durations: output is deterministic.
"""

from __future__ import annotations

import re
from typing import TextIO
from xml.etree import ElementTree as ET

from stylelint.report import Report
from stylelint.reporters import RenderOptions
from stylelint.reporters.common import UNREADABLE_RULE, Outcome, Row, evidence, outcome, rows

_SUITE_NAME = "stylelint"
# Characters XML 1.0 forbids even as references (XML 1.0 §2.2 `Char`); a file name may hold them.
_NOT_XML_CHAR = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_safe(root: ET.Element) -> None:
    """Replace characters XML cannot carry by U+FFFD in every attribute and text, in place."""
    for element in root.iter():
        element.attrib = {k: _NOT_XML_CHAR.sub("\ufffd", v) for k, v in element.attrib.items()}
        if element.text:
            element.text = _NOT_XML_CHAR.sub("\ufffd", element.text)


def _testcase(row: Row, report: Report) -> tuple[ET.Element, Outcome | None]:
    """The testcase for one row and its outcome (None for an unreadable file)."""
    rule = row.result.rule if row.result is not None else UNREADABLE_RULE
    case = ET.Element("testcase", {"classname": row.file.path, "name": rule, "file": row.file.path})
    if row.result is None:
        ET.SubElement(case, "error", {"message": row.file.error or "", "type": UNREADABLE_RULE}).text = row.file.error
        return case, None
    result, kind = row.result, outcome(row.result, report)
    detail = f"{result.message}\n{evidence(result)}"
    if kind is Outcome.CRASHED:
        ET.SubElement(case, "error", {"message": result.message, "type": "crashed"}).text = detail
    elif kind is Outcome.FAILED:
        ET.SubElement(case, "failure", {"message": result.message, "type": result.severity.value}).text = detail
    elif kind is Outcome.SUPPRESSED:
        ET.SubElement(case, "skipped", {"message": f"suppressed by baseline: {result.message}"})
    elif kind is Outcome.WARNED:
        ET.SubElement(case, "system-out").text = f"{result.severity.value}: {detail}"
    return case, kind


def build(report: Report) -> ET.Element:
    """The `<testsuites>` element of the report."""
    cases = [_testcase(row, report) for row in rows(report)]
    kinds = [kind for _, kind in cases]
    counts = {
        "tests": len(cases),
        "failures": kinds.count(Outcome.FAILED),
        "errors": kinds.count(None) + kinds.count(Outcome.CRASHED),
        "skipped": kinds.count(Outcome.SUPPRESSED),
    }
    attrs = {key: str(value) for key, value in counts.items()}
    root = ET.Element("testsuites", {"name": _SUITE_NAME, **attrs})
    suite = ET.SubElement(root, "testsuite", {"name": _SUITE_NAME, **attrs})
    suite.extend(case for case, _ in cases)
    _xml_safe(root)
    return root


class JunitReporter:
    """Writes the JUnit XML document (UTF-8, indented, with an XML declaration)."""

    name = "junit"

    def render(self, report: Report, out: TextIO, options: RenderOptions = RenderOptions()) -> None:
        """Write the `<testsuites>` document to `out`."""
        root = build(report)
        ET.indent(root, space="  ")
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        out.write(ET.tostring(root, encoding="unicode"))
        out.write("\n")


REPORTER = JunitReporter()
