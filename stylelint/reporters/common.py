"""Helpers shared by the reporters: value formatting, result classification and row iteration.

Every reporter reads `measured` and `expected`, never the message text (STYLE.md §3), and
classifies a result the same way: passed, suppressed by a baseline, failing the run under the
report's policy, or failed without failing the run (a warning under `--fail-on error`, info).
"""

from __future__ import annotations

import enum
import hashlib
import json
from collections.abc import Iterator
from pathlib import PurePath, PurePosixPath
from typing import Any, NamedTuple
from urllib.parse import quote

from stylelint.report import FileResult, Report, RuleResult, Status
from stylelint.wording import count

# The pseudo rule id under which an unreadable file is reported (SARIF descriptor, JUnit
# testcase name, CSV row): not a real rule, so it cannot clash with a registered id, which
# the registry requires to match a module name.
UNREADABLE_RULE = "unreadable-image"
UNREADABLE_SUMMARY = "The image could not be read"
_MAX_SHOWN_ITEMS = 4


class Outcome(str, enum.Enum):
    """What one rule result means for the run (reporters colour and count by this)."""

    PASSED = "passed"
    SUPPRESSED = "suppressed"
    FAILED = "failed"  # fails the run under the report's policy
    WARNED = "warned"  # failed, but does not fail the run (warning, info)
    CRASHED = "crashed"  # the rule itself raised


def outcome(result: RuleResult, report: Report) -> Outcome:
    """Classify `result` under `report.policy`."""
    if result.crashed is not None:
        return Outcome.CRASHED
    if result.passed:
        return Outcome.PASSED
    if result.suppressed:
        return Outcome.SUPPRESSED
    return Outcome.FAILED if report.policy.fails(result) else Outcome.WARNED


class Row(NamedTuple):
    """One file with its status and one of its results (None for an unreadable file)."""

    file: FileResult
    status: Status
    result: RuleResult | None


def rows(report: Report) -> Iterator[Row]:
    """Every (file, result) pair in report order; an unreadable file gives one row, result None."""
    for file in report.files:
        status = file.status(report.policy)
        if file.error is not None:
            yield Row(file, status, None)
            continue
        for result in file.results:
            yield Row(file, status, result)


def is_reported_failure(result: RuleResult) -> bool:
    """A failed result that is not suppressed (what SARIF and the summaries list)."""
    return not result.passed and not result.suppressed


def format_value(value: Any, *, exact: bool = False) -> str:
    """A measured value, compact: 3 significant digits, short lists. With `exact` (an expected
    value, as the spec wrote it) floats keep 6 significant digits: `max 114.4`, not `max 114`."""
    if isinstance(value, bool) or value is None:
        return "null" if value is None else str(value).lower()
    if isinstance(value, float):
        return _exact(value) if exact else f"{value:.0f}" if abs(value) >= 1000 else f"{value:.3g}"
    if isinstance(value, (list, tuple)):
        shown = ", ".join(format_value(v, exact=exact) for v in value[:_MAX_SHOWN_ITEMS])
        more = f", … {len(value) - _MAX_SHOWN_ITEMS} more" if len(value) > _MAX_SHOWN_ITEMS else ""
        return f"[{shown}{more}]"
    if isinstance(value, dict):
        items = list(value.items())
        shown = ", ".join(f"{k}: {format_value(v, exact=exact)}" for k, v in items[:_MAX_SHOWN_ITEMS])
        return "{" + shown + (", …" if len(items) > _MAX_SHOWN_ITEMS else "") + "}"
    return str(value)


def _exact(value: float) -> str:
    """6 significant digits, and whole numbers up to 1e15 without an exponent (123456789, not
    1.23457e+08)."""
    text = f"{value:.6g}"
    return f"{value:.0f}" if "e" in text and 1 <= abs(value) < 1e15 else text


def format_pairs(mapping: dict[str, Any], *, scalars_only: bool = False, exact: bool = False) -> str:
    """`key value · key value`, each value by `format_value`; optionally without lists/dicts."""
    items = [(k, v) for k, v in mapping.items() if not (scalars_only and isinstance(v, (list, dict, tuple)))]
    return " · ".join(f"{k} {format_value(v, exact=exact)}" for k, v in items)


def evidence(result: RuleResult, *, scalars_only: bool = False) -> str:
    """`measured … | expected …` in one line, for failure details (JUnit text, HTML); with
    `scalars_only`, measured lists and mappings are left out (shown otherwise, e.g. drawn)."""
    measured = format_pairs(result.measured, scalars_only=scalars_only) or "—"
    expected = format_pairs(result.expected, exact=True) or "—"
    return f"measured {measured} | expected {expected}"


def compact_json(value: Any) -> str:
    """Deterministic one-line JSON (key order kept, unicode as is, NaN refused)."""
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


def fingerprint(*parts: str) -> str:
    """SHA-256 (hex) of the parts joined by NUL: a stable identity, e.g. of (path, rule)."""
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


def relative_uri(path: str) -> str:
    """The report path as a relative URI reference: forward slashes, `./` dropped, UTF-8
    percent-encoding (RFC 3986) of everything but unreserved characters and `/`."""
    posix = PurePosixPath(PurePath(path).as_posix())
    return quote(str(posix), safe="/")


def summary_line(report: Report) -> str:
    """`3 files: 1 passed, 0 warned, 1 failed, 1 unreadable · 2 errors, 1 warning, 0 info`."""
    s = report.summary()
    counts = s["results"]
    return (
        f"{count(s['files'], 'file')}: {s['passed']} passed, {s['warned']} warned, {s['failed']} failed, "
        f"{s['errored']} unreadable · {count(counts['error'], 'error')}, {count(counts['warning'], 'warning')}, "
        f"{counts['info']} info"
    )
