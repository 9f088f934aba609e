"""Baselines: record today's failures, then report them as suppressed (CONTRACT.md §1).

A baseline lists, per file content (SHA-256 of the file's bytes), the ids of the rules that
failed on it. `check --baseline FILE` marks a failed result as suppressed when the baseline
holds the same content hash and rule id; a changed file has another hash and is judged afresh.
The path is stored for people reading the file; matching uses only the hash and the rule.
Everything here is a pure function over a Report except `hash_files`, which reads (never writes)
an image only when the run did not keep its hash (a run with the cache keeps them), and `load`,
which reads the baseline file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TextIO

from stylelint.errors import ImageReadError, UsageError
from stylelint.report import FileResult, Report, RuleResult
from stylelint.sources import Source

DEFAULT_BASELINE = "stylelint-baseline.json"
FORMAT_KEY, FORMAT_VERSION = "stylelint-baseline", 1
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class Baseline:
    """The recorded failures: (content SHA-256, rule id) pairs."""

    entries: frozenset[tuple[str, str]] = frozenset()

    def covers(self, sha256: str | None, rule_id: str) -> bool:
        """True when this rule's failure on this content was recorded."""
        return sha256 is not None and (sha256, rule_id) in self.entries


def _recordable(result: RuleResult) -> bool:
    """A failure a baseline can hold: failed, not already suppressed, not a rule crash."""
    return not result.passed and not result.suppressed and result.crashed is None


def hash_files(report: Report, *, only_failing: bool = False) -> dict[str, str]:
    """SHA-256 (hex) of each readable file of the report, by report path.

    Report paths are as given on the command line, so they open from the current folder.
    With `only_failing`, only files with a recordable failure are hashed. The hash the run kept
    (`FileResult.content_hash`) is used as is; a file is read only when there is none.
    """
    hashes: dict[str, str] = {}
    for file in report.files:
        if file.error is not None or (only_failing and not any(map(_recordable, file.results))):
            continue
        try:
            hashes[file.path] = file.content_hash or Source(file.opens).sha256()
        except (OSError, ImageReadError):
            continue  # gone since the run (or the object store is unreachable): nothing can match it
    return hashes


def record(report: Report, hashes: Mapping[str, str]) -> dict[str, Any]:
    """The baseline document for `report`: one entry per file with recordable failures.

    Entries are sorted by path then hash and rule ids alphabetically, so the same failures
    give the same bytes.
    """
    entries = []
    for file in report.files:
        rules = sorted({r.rule for r in file.results if _recordable(r)})
        if rules and file.path in hashes:
            entries.append({"path": file.path, "sha256": hashes[file.path], "rules": rules})
    entries.sort(key=lambda e: (e["path"], e["sha256"]))
    return {FORMAT_KEY: FORMAT_VERSION, "files": entries}


def apply(report: Report, baseline: Baseline, hashes: Mapping[str, str]) -> Report:
    """`report` with every failure that `baseline` records marked `suppressed`."""
    return replace(report, files=tuple(_apply_file(f, baseline, hashes.get(f.path)) for f in report.files))


def _apply_file(file: FileResult, baseline: Baseline, sha256: str | None) -> FileResult:
    results = tuple(
        replace(r, suppressed=True) if _recordable(r) and baseline.covers(sha256, r.rule) else r for r in file.results
    )
    return replace(file, results=results)


def count(document: Mapping[str, Any]) -> tuple[int, int]:
    """(failures, files) recorded in a baseline document."""
    files = document["files"]
    return sum(len(entry["rules"]) for entry in files), len(files)


def dump(document: Mapping[str, Any], out: TextIO) -> None:
    """Write a baseline document as deterministic, indented JSON."""
    json.dump(document, out, indent=2, sort_keys=True, ensure_ascii=False)
    out.write("\n")


def load(path: Path) -> Baseline:
    """Read a baseline file; a missing or malformed one is a UsageError (exit 2)."""
    try:
        document = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise UsageError(f"baseline file not found: {path}; create it with `stylelint baseline`") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read baseline {path}: {exc}") from None
    except json.JSONDecodeError as exc:
        raise UsageError(f"invalid baseline {path}: not JSON ({exc})") from None
    return Baseline(frozenset(_entries(document, path)))


def _entries(document: Any, path: Path) -> list[tuple[str, str]]:
    def invalid(what: str) -> UsageError:
        return UsageError(f"invalid baseline {path}: {what}; recreate it with `stylelint baseline`")

    if not isinstance(document, dict) or document.get(FORMAT_KEY) != FORMAT_VERSION:
        raise invalid(f'expected a JSON object with "{FORMAT_KEY}": {FORMAT_VERSION}')
    files = document.get("files")
    if not isinstance(files, list):
        raise invalid('expected "files" to be a list')
    pairs = []
    for index, entry in enumerate(files, start=1):
        ok = (
            isinstance(entry, dict)
            and isinstance(entry.get("sha256"), str)
            and _SHA256.match(entry["sha256"])
            and isinstance(entry.get("rules"), list)
            and all(isinstance(rule, str) for rule in entry["rules"])
        )
        if not ok:
            raise invalid(f'files entry {index}: expected {{"path", "sha256" (64 hex digits), "rules" (ids)}}')
        pairs += [(entry["sha256"], rule) for rule in entry["rules"]]
    return pairs
