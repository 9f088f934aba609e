"""Entry points read from the installed metadata without importing `importlib.metadata`.

The registry needs only each installed distribution's `entry_points.txt`, but
`importlib.metadata` imports `email`, `zipfile` and `csv` to read any metadata: about 15 ms of
CPU, and 4–6 ms to search, in a process that may check one file (pre-commit), about 5 % of it
(issue 14). `entry_points(group)` searches as Python 3.11's `importlib.metadata.entry_points`
does for an ordinary installation: each folder on `sys.path` in order, its `*.dist-info` and
`*.egg-info` children in the order the folder lists them, grouped by normalised name, the first
distribution of a name winning; each `entry_points.txt` read as its `Sectioned` reader reads it
(`#` comments, `[group]` headers, `name = value` lines; a line without `=`, on which it raises,
is skipped here). Where that search could differ (a `sys.path` entry that is not a plain folder
name, a zip archive or egg there, a metadata folder whose suffix is not lower-case, or an import
hook that reports distributions of its own) it hands the search to `importlib.metadata`.
tests/test_entry_points.py compares the two.
"""

from __future__ import annotations

import importlib
import importlib.machinery
import os
import re
import sys
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, Protocol

# importlib.metadata's EntryPoint.pattern: "module", "module:attr.attr", optional "[extras]".
_VALUE = re.compile(r"(?P<module>[\w.]+)\s*(:\s*(?P<attr>[\w.]+)\s*)?((?P<extras>\[.*\])\s*)?$")
_SUFFIXES = (".dist-info", ".egg-info")


class Registered(Protocol):
    """What the registry reads of an entry point (this module's or `importlib.metadata`'s)."""

    @property
    def name(self) -> str: ...

    @property
    def value(self) -> str: ...

    def load(self) -> Any: ...


@dataclass(frozen=True)
class Distribution:
    """An installed distribution's metadata folder; `name` and `version` as the first `Name` and
    `Version` headers of its METADATA (or PKG-INFO) say, for messages: the folder's name before
    its first "-", and "of unknown version", when they say nothing."""

    folder: Path

    @cached_property
    def _headers(self) -> dict[str, str]:
        for file in ("METADATA", "PKG-INFO"):
            try:
                text = (self.folder / file).read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue
            if text:
                return _first_headers(text)
        return {}

    @property
    def name(self) -> str:
        return self._headers.get("Name", self.folder.name.split("-")[0])

    @property
    def version(self) -> str:
        return self._headers.get("Version", "of unknown version")


def _first_headers(text: str) -> dict[str, str]:
    """The first value of each header of an RFC 822 header block (up to the first blank line);
    folded continuation lines (starting with white space) belong to the header before them."""
    headers: dict[str, str] = {}
    for line in text.split("\n\n", 1)[0].splitlines():
        if line[:1].isspace() or ":" not in line:
            continue
        key, _, value = line.partition(":")
        headers.setdefault(key.strip(), value.strip())
    return headers


@dataclass(frozen=True)
class EntryPoint:
    """One `name = module:attr` line of a distribution's `[group]`."""

    name: str
    value: str
    group: str
    dist: Distribution | None = None

    def load(self) -> Any:
        """The object named by `value`: its module imported, then each attribute read in turn."""
        match = _VALUE.match(self.value)
        if match is None:
            raise ValueError(f"malformed entry point value {self.value!r}")
        found: Any = importlib.import_module(match["module"])
        for attr in filter(None, (match["attr"] or "").split(".")):
            found = getattr(found, attr)
        return found


def entry_points(group: str) -> list[Registered]:
    """Every installed entry point of `group`, in the order `importlib.metadata` gives them."""
    distributions = _distributions() if _plain_search() else None
    if distributions is None:
        from importlib.metadata import entry_points as searched

        return list(searched(group=group))
    return [point for dist in distributions for point in _read(dist, group)]


def _plain_search() -> bool:
    """Whether every sys.path entry is a folder's name (a string; no zip archive or egg) and no
    import hook but the standard path finder reports distributions."""
    if not all(isinstance(entry, str) for entry in sys.path):
        return False
    if any(os.path.isfile(entry) or entry.lower().endswith(".egg") for entry in sys.path):
        return False
    path_finder = importlib.machinery.PathFinder
    return not any(hasattr(f, "find_distributions") and f is not path_finder for f in sys.meta_path)


def _distributions() -> list[Distribution] | None:
    """The metadata folders on sys.path in importlib.metadata's order (per sys.path folder,
    grouped by normalised name in the order the folder lists them), the first of each name only;
    None where a suffix is not lower-case (importlib.metadata then names it by its metadata)."""
    seen: set[str] = set()
    found = []
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        groups: dict[str, list[str]] = {}
        for name in names:
            low = name.lower()
            if not low.endswith(_SUFFIXES):
                continue
            if not name.endswith(_SUFFIXES):
                return None
            key = re.sub(r"[-_.]+", "_", low.rpartition(".")[0].partition("-")[0])
            groups.setdefault(key, []).append(name)
        for key, members in groups.items():
            if key not in seen:
                seen.add(key)
                found.append(Distribution(Path(entry or ".") / members[0]))
    return found


def _read(dist: Distribution, group: str) -> list[EntryPoint]:
    """The entry points of `group` in `dist`'s entry_points.txt (none without one)."""
    try:
        text = (dist.folder / "entry_points.txt").read_text(encoding="utf-8")
    except OSError:
        return []
    points, section = [], None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):  # as importlib.metadata's Sectioned
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line.strip("[]")
        elif section == group:
            name, equals, value = line.partition("=")
            if equals:
                points.append(EntryPoint(name.strip(), value.strip(), group, dist))
    return points
