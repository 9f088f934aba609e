"""Report records (Report, FileResult, RuleResult) and the exit-code policy.

`Report.to_dict()` is the JSON report of CONTRACT.md §5; `exit_code` is the one place that
turns a report into the process exit code of CONTRACT.md §1.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from stylelint import __version__


class Severity(str, enum.Enum):
    """How much a failed result matters. `info` never fails a run; `off` rules do not run."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    OFF = "off"


class Status(str, enum.Enum):
    """A file's overall verdict (CONTRACT.md §5)."""

    PASS = "pass"
    WARN = "warn"
    FAIL = "fail"
    ERROR = "error"


@dataclass(frozen=True)
class FailPolicy:
    """Which failed results fail the run: `error` only, or `warning` too."""

    fail_on: Severity = Severity.ERROR
    max_warnings: int | None = None

    def fails(self, result: RuleResult) -> bool:
        """True when this result, failed and not suppressed, fails the run."""
        if result.passed or result.suppressed:
            return False
        if result.severity is Severity.ERROR:
            return True
        return self.fail_on is Severity.WARNING and result.severity is Severity.WARNING


@dataclass(frozen=True)
class RuleResult:
    """One rule's verdict on one file; `crashed` holds the cause when the rule itself failed."""

    rule: str
    severity: Severity
    passed: bool
    message: str
    measured: dict[str, Any]
    expected: dict[str, Any]
    suppressed: bool = False
    crashed: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (CONTRACT.md §5)."""
        data = {
            "rule": self.rule,
            "severity": self.severity.value,
            "passed": self.passed,
            "message": self.message,
            "measured": self.measured,
            "expected": self.expected,
            "suppressed": self.suppressed,
        }
        if self.crashed is not None:
            data["crashed"] = self.crashed
        return data


class Thumbnail(NamedTuple):
    """An embeddable preview of an image: `data:image/jpeg;base64,…` and its size in px."""

    data_uri: str
    width: int
    height: int


@dataclass(frozen=True)
class FileResult:
    """Every rule result for one file, or the reason it could not be read.

    `path` is the name as shown (`stylelint.names.shown`: bytes that are not UTF-8 as `\\xNN`);
    `source`, when set, is the real path to open, for a name that is shown otherwise.
    `content_hash` (the file's SHA-256, when the run computed it) and `thumbnail` (when a
    reporter asked for one) are what the run learnt while reading the file, so nothing after it
    reads the file again; neither is part of the JSON report nor of equality.
    """

    path: str
    results: tuple[RuleResult, ...] = ()
    error: str | None = None
    notes: tuple[str, ...] = ()
    source: str | None = field(default=None, compare=False, repr=False)
    content_hash: str | None = field(default=None, compare=False)
    thumbnail: Thumbnail | None = field(default=None, compare=False, repr=False)

    @property
    def opens(self) -> str:
        """The path that opens the file (its real name, whatever `path` shows)."""
        return self.path if self.source is None else self.source

    def to_dict(self, policy: FailPolicy) -> dict[str, Any]:
        """This file's entry of the JSON report."""
        return {
            "path": self.path,
            "status": self.status(policy).value,
            "error": self.error,
            "notes": list(self.notes),
            "results": [r.to_dict() for r in self.results],
        }

    def status(self, policy: FailPolicy) -> Status:
        """The file's status under `policy`."""
        if self.error is not None:
            return Status.ERROR
        failed = [r for r in self.results if not r.passed and not r.suppressed]
        if any(policy.fails(r) for r in failed):
            return Status.FAIL
        return Status.WARN if failed else Status.PASS


@dataclass(frozen=True)
class Report:
    """The outcome of a run: every file in path order, under one spec and fail policy, and
    `notices`: what a person should hear about the run itself (a cache that could not be
    written, a named file skipped by `ignore`), which the CLI prints on stderr, never in a report."""

    spec: str
    files: tuple[FileResult, ...]
    policy: FailPolicy = field(default_factory=FailPolicy)
    notices: tuple[str, ...] = ()

    def summary(self) -> dict[str, Any]:
        """Counts of files by status and of failed (unsuppressed) results by severity."""
        statuses = [f.status(self.policy) for f in self.files]
        counts = {s: statuses.count(s) for s in Status}
        by_severity = {s.value: 0 for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)}
        for result in self.failed_results():
            by_severity[result.severity.value] += 1
        return {
            "files": len(self.files),
            "passed": counts[Status.PASS],
            "warned": counts[Status.WARN],
            "failed": counts[Status.FAIL],
            "errored": counts[Status.ERROR],
            "results": by_severity,
        }

    def failed_results(self) -> list[RuleResult]:
        """Every failed, unsuppressed result, in report order."""
        return [r for f in self.files for r in f.results if not r.passed and not r.suppressed]

    def to_dict(self) -> dict[str, Any]:
        """The JSON report (CONTRACT.md §5)."""
        return {**self.head(), "files": [f.to_dict(self.policy) for f in self.files]}

    def head(self) -> dict[str, Any]:
        """The JSON report without its `files` (so a reporter can stream them one by one)."""
        return {"stylelint": __version__, "spec": self.spec, "summary": self.summary()}


def exit_code(report: Report) -> int:
    """CONTRACT.md §1: 2 when a rule crashed (internal error); 1 when a result fails the run,
    warnings exceed --max-warnings, or an image is unreadable; else 0."""
    if any(r.crashed for f in report.files for r in f.results):
        return 2
    summary = report.summary()
    if summary["failed"] or summary["errored"]:
        return 1
    limit = report.policy.max_warnings
    if limit is not None and summary["results"]["warning"] > limit:
        return 1
    return 0
