"""Which files a run checks: folders walked for image extensions, local paths and fsspec URLs.

Folders are searched recursively, following links but each real folder once, skipping version
control and the result cache and the spec's `ignore` globs; a file named explicitly is always
taken (CONTRACT.md §1), unless the spec's `ignore` matches it: then it is skipped with a notice,
as ESLint does ("File ignored because of a matching ignore pattern"), so that the pre-commit hook
and `stylelint check FOLDER` agree. A PATH that names nothing is a usage error (exit 2). A file
that cannot be read as one (unreadable, a FIFO, a symlink loop) is a Target with an error,
reported per file rather than stopping the run.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from stylelint.errors import UsageError
from stylelint.sources import find_files, is_folder, is_url

# CONTRACT.md §1's extensions, plus the multi-picture and animated variants that Pillow reads as
# JPEG, PNG and AVIF (camera .mpo, .apng, .avifs): their first frame is checked.
IMAGE_EXTENSIONS = frozenset(
    {
        ".jpg",
        ".jpeg",
        ".png",
        ".webp",
        ".tif",
        ".tiff",
        ".gif",
        ".bmp",
        ".heic",
        ".heif",
        ".avif",
        ".mpo",
        ".apng",
        ".avifs",
    }
)
# Folders never searched: version control, and the result cache.
SKIPPED_FOLDERS = frozenset({".git", ".hg", ".svn", ".stylelint_cache"})


@dataclass(frozen=True)
class Target:
    """A file to check: the path shown in reports, and the local path or fsspec URL to open.

    `below` is set for a URL only: the path that spec globs (`ignore`, `overrides`) match, the
    object's path below the URL given on the command line (its name, for a URL given alone).
    Local files are matched by their path relative to the spec's folder.
    """

    display: str
    path: str
    error: str | None = None
    below: str | None = None
    ignored: bool = False
    """Named explicitly, but the spec's `ignore` matches it: skipped with a notice (ESLint)."""


class Ignores(Protocol):
    """What discovery asks of a spec: whether its `ignore` globs match a file (a Spec is one)."""

    def is_ignored(self, path: Path) -> bool:
        """True when the local file `path` is ignored."""

    def ignores(self, relative: str) -> bool:
        """True when a '/'-separated path below a URL is ignored."""


class _NothingIgnored:
    def is_ignored(self, path: Path) -> bool:
        return False

    def ignores(self, relative: str) -> bool:
        return False


def discover(paths: Sequence[str], ignored: Ignores | None = None) -> list[Target]:
    """Image files under `paths`, deduplicated and sorted by display path.

    Folders are searched recursively (following links, each real folder once) for the image
    extensions, skipping what `ignored` ignores (nothing when None); a file named explicitly is
    always taken.
    """
    ignored = ignored if ignored is not None else _NothingIgnored()
    found: dict[str, Target] = {}
    for given in paths:
        path = Path(given)
        if is_url(given):
            for target in _remote(given, ignored):
                found.setdefault(target.path, target)
        elif path.is_dir():
            for target in _walk(given, ignored):
                found.setdefault(target.display if target.error else os.path.realpath(target.path), target)
        elif not os.path.lexists(path):
            # ESLint and Git stop on a PATH that names nothing: a typo must not pass as "checked".
            raise UsageError(f"{given}: no such file or folder")
        else:
            target = Target(given, given, _not_a_file(path), ignored=ignored.is_ignored(path))
            found.setdefault(os.path.realpath(path), target)
    return sorted(found.values(), key=lambda t: t.display)


def is_image_name(name: str | Path) -> bool:
    """True when a file name has one of the image extensions (any case)."""
    return Path(name).suffix.lower() in IMAGE_EXTENSIONS


def _not_a_file(path: Path) -> str | None:
    """Why `path` cannot be read as an image file, or None when it is a regular file.

    A FIFO, socket or device would block or never end when read (issue 8), so it is a per-file
    error rather than something to open.
    """
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return "file not found"
    except OSError as exc:  # a symlink loop (ELOOP), a name too long, …
        return f"cannot read file: {exc.strerror}"
    return None if stat.S_ISREG(mode) or stat.S_ISDIR(mode) else "not a regular file (FIFO, socket or device)"


def _walk(given: str, ignored: Ignores) -> Iterator[Target]:
    seen: set[tuple[int, int]] = set()
    errors: list[OSError] = []
    for folder, subfolders, files in os.walk(given, followlinks=True, onerror=errors.append):
        try:
            info = os.stat(folder)
        except OSError as gone:  # removed while walking
            errors.append(gone)
            continue
        if (info.st_dev, info.st_ino) in seen:
            subfolders[:] = []
            continue
        seen.add((info.st_dev, info.st_ino))
        subfolders[:] = sorted(d for d in subfolders if d not in SKIPPED_FOLDERS)
        for name in sorted(files):
            path = Path(folder, name)
            if is_image_name(path) and not ignored.is_ignored(path):
                yield Target(path.as_posix() if given != "." else os.path.relpath(path), str(path), _not_a_file(path))
    for exc in errors:
        yield Target(str(exc.filename), str(exc.filename), f"cannot read folder: {exc.strerror}")


def _remote(given: str, ignored: Ignores) -> Iterator[Target]:
    """The targets of a URL: a folder's image files found recursively (skipping `ignore` globs,
    matched below the URL), or the file itself. A folder that cannot be listed is an error."""
    try:
        if not is_folder(given):
            yield Target(given, given, below=given.rstrip("/").rsplit("/", 1)[-1])
            return
        found = list(find_files(given))
    except UsageError:
        raise
    except Exception as exc:
        yield Target(given, given, f"cannot read folder: {type(exc).__name__}: {exc}")
        return
    for url, below in found:
        *folders, name = below.split("/")
        if is_image_name(name) and not SKIPPED_FOLDERS.intersection(folders) and not ignored.ignores(below):
            yield Target(url, url, below=below)
