"""The result cache in `.stylelint_cache/` beside the spec: measurements, never verdicts.

One JSON file per (image content, analysis settings, stylelint version) holds the measured
records of every rule that ran on it, keyed by rule id, rule version and the parameters its
`measure` reads. Judging always reruns, so moving a threshold costs no re-measuring. Keys use
the file's SHA-256, not its mtime (git checkouts reset mtimes). Writes go to a temporary file
then rename, so concurrent runs and interrupted runs never leave a half-written entry. The
cache is bounded: `prune` drops the least recently used entries beyond `max_bytes`.

The cache can make a run faster, never wrong and never failed (issue 15):

- Each entry carries the SHA-256 of its own content (`_sha256`); an entry edited by hand, cut
  short or left by another layout fails it and is measured again (the engine also checks each
  rule's part against what the rule measures, see `engine.measure_all`).
- A write that fails (a full disk, a read-only folder) removes its temporary file and is
  returned to the caller, which warns once per run; a read-only cache is still read.
- The folder holds a `.gitignore` of `*`, as pytest's and ruff's caches do, so it never shows
  in `git status`.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from stylelint import __version__
from stylelint.analysis import Analysis
from stylelint.output import write_bytes_atomically
from stylelint.params import to_jsonable

log = logging.getLogger(__name__)

CACHE_FOLDER = ".stylelint_cache"
_LAYOUT = "v1"
DEFAULT_MAX_BYTES = 256 * 1024 * 1024  # generous for ~500k image entries of a few hundred bytes
DIGEST_KEY = "_sha256"  # an entry's checksum of its own content; no rule key looks like it
GITIGNORE = b"# created by stylelint\n*\n"


def rule_key(rule: Any, params: Any) -> str:
    """ "id@version:hash" of the parameters the rule's measure reads (and of the versions of the
    shared facts it reads, when it declares them)."""
    values = to_jsonable(params)
    if rule.measured_with is not None:
        values = {k: v for k, v in values.items() if k in rule.measured_with}
    keyed: Any = [values, [list(f) for f in rule.reads_facts]] if rule.reads_facts else values
    digest = hashlib.sha256(json.dumps(keyed, sort_keys=True).encode()).hexdigest()[:16]
    return f"{rule.id}@{rule.version}:{digest}"


@dataclass(frozen=True)
class MeasurementCache:
    """A folder of cached measurements (picklable, so workers read and write it directly)."""

    folder: Path
    max_bytes: int = DEFAULT_MAX_BYTES

    def _entry_path(self, content_hash: str, analysis: Analysis) -> Path:
        settings = json.dumps({"analysis": asdict(analysis), "stylelint": __version__}, sort_keys=True)
        key = hashlib.sha256(f"{content_hash}:{settings}".encode()).hexdigest()
        return self.folder / _LAYOUT / key[:2] / f"{key}.json"

    def load(self, content_hash: str, analysis: Analysis) -> dict[str, Any]:
        """The cached measurements of an image ({rule key: measured}); {} when none, or when the
        entry is not what this cache wrote (its checksum fails)."""
        path = self._entry_path(content_hash, analysis)
        try:
            data = json.loads(path.read_bytes())
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict) or data.pop(DIGEST_KEY, None) != _digest(data):
            log.debug("cache entry %s is not as written; measuring again", path)
            return {}
        try:
            os.utime(path)  # mark as recently used for pruning; a read-only cache is still read
        except OSError:
            pass
        return data

    def store(self, content_hash: str, analysis: Analysis, entries: dict[str, Any]) -> str | None:
        """Write an image's measurements atomically; returns why it could not (None when written).

        The cache is made only beside an existing spec folder: a Dask worker on another machine,
        where that folder does not exist, writes nothing rather than create the path there.
        """
        path = self._entry_path(content_hash, analysis)
        if not self.folder.parent.is_dir():
            return None
        # Key order kept: cached output equals fresh output; the checksum is of the sorted form.
        data = json.dumps({**entries, DIGEST_KEY: _digest(entries)}).encode("utf-8")
        try:
            if not (self.folder / ".gitignore").is_file():
                self.folder.mkdir(exist_ok=True)
                write_bytes_atomically(self.folder / ".gitignore", GITIGNORE)
            path.parent.mkdir(parents=True, exist_ok=True)
            write_bytes_atomically(path, data)
        except OSError as exc:
            log.debug("cache not written (%s): %s", path, exc)
            return exc.strerror or str(exc)
        return None

    def prune(self) -> None:
        """Delete least recently used entries until the cache is within `max_bytes`."""
        root = self.folder / _LAYOUT
        if not root.is_dir():
            return
        entries = []
        for path in root.glob("*/*.json"):
            try:
                stat = path.stat()
            except OSError:
                continue
            entries.append((stat.st_mtime, stat.st_size, path))
        total = sum(size for _, size, _ in entries)
        for _, size, path in sorted(entries, key=lambda e: (e[0], str(e[2]))):
            if total <= self.max_bytes:
                break
            try:
                path.unlink(missing_ok=True)
            except OSError:  # a read-only cache: nothing can be pruned
                return
            total -= size


def _digest(entries: dict[str, Any]) -> str:
    """SHA-256 (hex) of an entry's content in canonical JSON (sorted keys)."""
    return hashlib.sha256(json.dumps(entries, sort_keys=True).encode("utf-8")).hexdigest()
