"""Entry points read from the installed metadata without importing `importlib.metadata`.

The registry needs only each installed distribution's `entry_points.txt`, but
`importlib.metadata` imports `email`, `zipfile` and `csv` to read any metadata: about 15 ms of
CPU, and 4–6 ms to search, in a process that may check one file (pre-commit), about 5 % of it
(issue 14). `entry_points(group)` searches as `importlib.metadata.entry_points` does for an
ordinary installation: each folder on `sys.path` in order, its `*.dist-info` and `*.egg-info`
folders, the first distribution of a (normalised) name winning, each file's `[group]` section
read line by line. Where that search could miss something (a zip archive on `sys.path`, or an
import hook that reports distributions of its own) it hands the search to
`importlib.metadata`, so both always find the same entry points (tests/test_entry_points.py
compares them).
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
    """An installed distribution's metadata folder; `name` and `version` as its metadata says."""

    folder: Path

    @cached_property
    def _headers(self) -> dict[str, str]:
        for file in ("METADATA", "PKG-INFO"):
            try:
                text = (self.folder / file).read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue
            head = text.split("\n\n", 1)[0]
            return dict((k.strip(), v.strip()) for k, _, v in (line.partition(":") for line in head.splitlines()))
        return {}

    @property
    def name(self) -> str:
        return self._headers.get("Name", self.folder.name.split("-")[0])

    @property
    def version(self) -> str:
        return self._headers.get("Version", "of unknown version")


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
        for attr in (match["attr"] or "").split(".") if match["attr"] else ():
            found = getattr(found, attr)
        return found


def entry_points(group: str) -> list[Registered]:
    """Every installed entry point of `group`, in the order `importlib.metadata` gives them."""
    if not _plain_search():
        from importlib.metadata import entry_points as searched

        return list(searched(group=group))
    return [point for dist in _distributions() for point in _read(dist, group)]


def _plain_search() -> bool:
    """Whether every distribution lives in a folder on sys.path: no zip archive or egg there, and
    no import hook but the standard path finder that reports distributions."""
    if any(os.path.isfile(entry) or entry.lower().endswith(".egg") for entry in sys.path):
        return False
    path_finder = importlib.machinery.PathFinder
    return not any(hasattr(f, "find_distributions") and f is not path_finder for f in sys.meta_path)


def _distributions() -> list[Distribution]:
    """The metadata folders on sys.path in importlib.metadata's order (each folder's
    `.dist-info` before its `.egg-info`), the first of each normalised name only."""
    seen: set[str] = set()
    found = []
    for entry in sys.path:
        try:
            names = sorted(os.listdir(entry or "."))
        except OSError:
            continue
        for suffix in _SUFFIXES:
            for name in names:
                if not name.lower().endswith(suffix):
                    continue
                key = re.sub(r"[-_.]+", "_", name.lower().rpartition(".")[0].partition("-")[0])
                if key not in seen:
                    seen.add(key)
                    found.append(Distribution(Path(entry or ".") / name))
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
            section = line[1:-1].strip()
        elif section == group:
            name, equals, value = line.partition("=")
            if equals:
                points.append(EntryPoint(name.strip(), value.strip(), group, dist))
    return points
