"""Glob matching for `overrides.files` and `ignore`: `*`, `?`, `[...]` and `**` across folders."""

from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=512)
def _compile(pattern: str) -> re.Pattern[str]:
    out, i = [], 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        elif pattern[i] == "[" and "]" in pattern[i + 1 :]:
            end = pattern.index("]", i + 1)
            out.append("[" + pattern[i + 1 : end].replace("!", "^", 1) + "]")
            i = end + 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out) + r"\Z")


def matches(relative_path: str, pattern: str) -> bool:
    """True when a '/'-separated path relative to the spec's folder matches the glob.

    A pattern without a '/' also matches the file name alone, as in .gitignore ("*.gif").
    """
    if _compile(pattern).match(relative_path):
        return True
    return "/" not in pattern and bool(_compile(pattern).match(relative_path.rsplit("/", 1)[-1]))


def matches_any(relative_path: str, patterns: tuple[str, ...]) -> bool:
    """True when any pattern matches."""
    return any(matches(relative_path, p) for p in patterns)
