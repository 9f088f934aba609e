"""The SARIF 2.1.0 report, in the subset GitHub code scanning accepts.

One run. `tool.driver.rules` holds a descriptor for every rule it is given (the CLI gives the
installed rules: id, summary, doc, default level), for any other rule id in the report, and for
`unreadable-image` (files that could not be read); a descriptor's `name` is its id in PascalCase (`aspect-ratio` → `AspectRatio`), since the
SARIF multitool (SARIF1001) wants a readable name that differs from the id. Each failed,
unsuppressed result is one SARIF result: the image is the artifact, the level follows the
severity. A path in or below the current folder is a relative URI under `%SRCROOT%` (the folder
the run started in, as GitHub takes it: the checkout); a path outside it is an absolute
`file://` URI with no base, since a URI with a `uriBaseId` must be relative (SARIF1004); and `partialFingerprints`
hashes the path and rule id, never the message, so an alert keeps its identity across runs
while the numbers change. Images have no lines; GitHub requires `region.startLine`
(sarif-sdk rule GH1003), so every result points at line 1.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from pathlib import PurePath
from typing import Any, TextIO
from urllib.parse import quote

from stylelint import __version__
from stylelint.report import Report, RuleResult, Severity
from stylelint.reporters import RenderOptions
from stylelint.reporters.common import (
    UNREADABLE_RULE,
    UNREADABLE_SUMMARY,
    fingerprint,
    is_reported_failure,
    relative_uri,
)

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
TOOL_NAME = "stylelint"
INFORMATION_URI = "https://pypi.org/project/stylelint-images/"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "stylelint/v1"
# SARIF §3.27.10: level is one of none, note, warning, error.
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note", Severity.OFF: "none"}
# A rule's severity defaults to `error` when the spec names it without one (CONTRACT.md §2).
DEFAULT_LEVEL = "error"
_UNREADABLE_HELP = (
    "The file is named by the check but could not be decoded as an image: it is "
    "missing, unreadable, truncated, in an unsupported format or larger than "
    "analysis.max_pixels. An unreadable image fails the run."
)


def pascal_case(rule_id: str) -> str:
    """`aspect-ratio` → `AspectRatio`: a descriptor's readable name (SARIF §3.49.7)."""
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[^0-9A-Za-z]+", rule_id))


def _descriptor(rule_id: str, summary: str, doc: str) -> dict[str, Any]:
    """A reportingDescriptor (SARIF §3.49)."""
    return {
        "id": rule_id,
        "name": pascal_case(rule_id),
        "shortDescription": {"text": summary},
        "fullDescription": {"text": doc.strip()},
        "help": {"text": doc.strip()},
        "defaultConfiguration": {"level": DEFAULT_LEVEL},
    }


def descriptors(report: Report, rules: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Descriptors of every installed rule, of any rule id in the report that is not installed
    (so every result has one), and of `unreadable-image`; sorted by id."""
    found = {rule_id: _descriptor(rule_id, rule.summary, rule.doc) for rule_id, rule in rules.items()}
    for result in report.failed_results():
        found.setdefault(result.rule, _descriptor(result.rule, result.rule, result.rule))
    found[UNREADABLE_RULE] = _descriptor(UNREADABLE_RULE, UNREADABLE_SUMMARY, _UNREADABLE_HELP)
    return [found[rule_id] for rule_id in sorted(found)]


def artifact_location(path: str) -> dict[str, str]:
    """A relative URI under %SRCROOT% (the current folder), else an absolute `file://` URI."""
    if "://" in path:  # an fsspec URL is its own absolute URI
        return {"uri": path}
    below = os.path.relpath(path)
    if below != os.pardir and not below.startswith(os.pardir + os.sep):
        return {"uri": relative_uri(below), "uriBaseId": SRCROOT}
    return {"uri": "file://" + quote(PurePath(os.path.abspath(path)).as_posix(), safe="/")}


def _result(path: str, rule_id: str, index: int, level: str, message: str) -> dict[str, Any]:
    """A SARIF result on image `path` (SARIF §3.27)."""
    location = {
        "physicalLocation": {
            "artifactLocation": artifact_location(path),
            "region": {"startLine": 1},
        }
    }
    return {
        "ruleId": rule_id,
        "ruleIndex": index,
        "level": level,
        "message": {"text": message},
        "locations": [location],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint(path, rule_id)},
    }


def results(report: Report, index: Mapping[str, int]) -> list[dict[str, Any]]:
    """One result per unreadable file and per failed, unsuppressed rule result."""
    out = []
    for file in report.files:
        if file.error is not None:
            out.append(
                _result(file.path, UNREADABLE_RULE, index[UNREADABLE_RULE], "error", f"{file.path}: {file.error}")
            )
        failed: list[RuleResult] = [r for r in file.results if is_reported_failure(r)]
        out += [_result(file.path, r.rule, index[r.rule], LEVELS[r.severity], r.message) for r in failed]
    return out


def build(report: Report, rules: Mapping[str, Any]) -> dict[str, Any]:
    """The SARIF log as a JSON-able dict."""
    rule_descriptors = descriptors(report, rules)
    index = {d["id"]: i for i, d in enumerate(rule_descriptors)}
    driver = {
        "name": TOOL_NAME,
        "version": __version__,
        "semanticVersion": __version__,
        "informationUri": INFORMATION_URI,
        "rules": rule_descriptors,
    }
    run = {"tool": {"driver": driver}, "results": results(report, index), "columnKind": "unicodeCodePoints"}
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


class SarifReporter:
    """Writes the SARIF log (UTF-8 JSON, indented)."""

    name = "sarif"

    def render(self, report: Report, out: TextIO, options: RenderOptions = RenderOptions()) -> None:
        """Write the SARIF log of `report` to `out`, with a descriptor for each of `options.rules`."""
        json.dump(build(report, options.rules), out, indent=2, ensure_ascii=False, allow_nan=False)
        out.write("\n")


REPORTER = SarifReporter()
