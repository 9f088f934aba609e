"""JUnit XML: golden file, structure as GitLab and Jenkins read it, escaping."""

from __future__ import annotations

import io
from xml.etree import ElementTree as ET

from stylelint.report import FileResult, Report
from stylelint.reporters.junit import REPORTER


def _render(report) -> str:
    out = io.StringIO()
    REPORTER.render(report, out)
    return out.getvalue()


def test_golden(report, golden):
    golden("report.junit.xml", _render(report))


def test_one_suite_a_testcase_per_file_and_rule(report):
    root = ET.fromstring(_render(report).encode("utf-8"))
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    cases = suite.findall("testcase")
    # 1 unreadable + 4 + 2 + 1 + 3 + 2 results
    assert len(cases) == 13 == int(suite.get("tests"))
    pairs = [(c.get("classname"), c.get("name")) for c in cases]
    assert ("shoot/a photo.jpg", "palette") in pairs
    assert ('shoot/<script>alert("x")</script>.png', "file-format") in pairs


def test_failures_errors_and_skips(report):
    suite = ET.fromstring(_render(report).encode("utf-8")).find("testsuite")
    by_key = {(c.get("classname"), c.get("name")): c for c in suite.findall("testcase")}
    failure = by_key[("shoot/a photo.jpg", "palette")].find("failure")
    assert failure.get("message") == "41% of pixels on palette, needs at least 50%"
    assert "coverage 0.41" in failure.text and "min_coverage 0.5" in failure.text
    # a warning does not fail the run under --fail-on error: it passes, reported in system-out
    horizon = by_key[("shoot/a photo.jpg", "horizon")]
    assert horizon.find("failure") is None and "warning:" in horizon.find("system-out").text
    # baseline-suppressed: skipped, not a failure
    assert by_key[("shoot/z baseline.jpg", "palette")].find("skipped") is not None
    assert by_key[("shoot/z baseline.jpg", "contrast")].find("error").get("type") == "crashed"
    unreadable = by_key[("-leading dash 'quoted' & co.jpg", "unreadable-image")].find("error")
    assert unreadable.get("message").startswith("truncated JPEG: <EOF> &")
    counts = {k: int(suite.get(k)) for k in ("failures", "errors", "skipped")}
    assert counts == {"failures": 3, "errors": 2, "skipped": 1}


def test_control_characters_in_names_still_make_well_formed_xml():
    report = Report(spec="s.yaml", files=(FileResult("bad\x01name\x1b.png", error="oops\x00"),))
    case = ET.fromstring(_render(report).encode("utf-8")).find("testsuite/testcase")
    assert case.get("classname") == "bad\ufffdname\ufffd.png"
