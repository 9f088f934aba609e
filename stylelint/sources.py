"""Where images are read from: local paths, or fsspec URLs (s3://, gs://, http(s)://, memory://).

A plain path is read from the local filesystem and needs nothing extra. A URL is read through
fsspec (the `remote` extra, `pip install 'stylelint-images[remote]'`), which is imported only when
a URL is met; each protocol may need its own fsspec implementation (s3fs for s3://, gcsfs for
gs://, aiohttp for http(s)://). Everything is read-only: nothing is ever written to a source.

An object is fetched once, with one request for the whole object, and held in memory while its
image is checked: decoding, the header, the content hash and the size all read those bytes, so an
image costs one round trip whatever the rules read.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from stylelint.errors import ImageReadError, UsageError

# "scheme://…" with a scheme of two or more characters, so "C:\\photos" stays a local path.
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]+://")
REMOTE_EXTRA = "pip install 'stylelint-images[remote]'"
_HASH_CHUNK = 1 << 20


def is_url(path: str | os.PathLike[str]) -> bool:
    """True when `path` is a URL (`scheme://…`) to read through fsspec rather than a local path."""
    return isinstance(path, str) and _URL.match(path) is not None


def filesystem(url: str) -> tuple[Any, str]:
    """The fsspec filesystem for `url` and the path on it; a missing package is a UsageError."""
    try:
        import fsspec.core
    except ImportError as exc:
        raise UsageError(f"reading {url} needs fsspec: {REMOTE_EXTRA}") from exc
    try:
        return fsspec.core.url_to_fs(url)
    except ImportError as exc:  # fsspec names the package a protocol needs ("Install s3fs to …")
        raise UsageError(f"reading {url}: {exc}") from exc
    except ValueError as exc:  # "Protocol not known: …"
        raise UsageError(f"reading {url}: {exc}") from exc


def is_folder(path: str) -> bool:
    """True when `path` (local path or URL) is a folder to search."""
    if not is_url(path):
        return Path(path).is_dir()
    fs, inner = filesystem(path)
    try:
        return bool(fs.isdir(inner))
    except Exception:
        return False


def find_files(url: str) -> Iterator[tuple[str, str]]:
    """(URL, path below `url`) of every file under the folder `url`, recursively, in name order.

    Raises OSError when the folder cannot be listed (a refused connection, a denied bucket).
    """
    fs, root = filesystem(url)
    base = url.rstrip("/")
    prefix = root.rstrip("/") + "/"
    for found in sorted(fs.find(root, withdirs=False)):
        below = found[len(prefix) :] if found.startswith(prefix) else found.rsplit("/", 1)[-1]
        yield f"{base}/{below}", below


class Source:
    """One image file to read, opened read-only: a local path, or a URL fetched once through fsspec."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path: str | Path = path if isinstance(path, str) and is_url(path) else Path(path)
        self._data: bytes | None = None

    def open(self) -> BinaryIO:
        """A fresh binary file object at offset 0 (the caller closes it)."""
        if isinstance(self.path, Path):
            return open(self.path, "rb")
        return io.BytesIO(self._fetched())

    def size(self) -> int:
        """The file's size in bytes."""
        if isinstance(self.path, Path):
            return self.path.stat().st_size
        return len(self._fetched())

    def sha256(self) -> str:
        """SHA-256 of the file's bytes (hex), read in chunks: identifies content whatever the mtime."""
        # A local file is read into one reused buffer (as hashlib.file_digest, Python 3.11+, does):
        # no new bytes object per chunk, about 0.3 ms less per camera JPEG (issue 14); a fetched
        # one is hashed where it is held.
        if not isinstance(self.path, Path):
            return hashlib.sha256(self._fetched()).hexdigest()
        digest = hashlib.sha256()
        buffer = bytearray(_HASH_CHUNK)
        view = memoryview(buffer)
        with open(self.path, "rb") as handle:
            while size := handle.readinto(buffer):
                digest.update(view[:size])
        return digest.hexdigest()

    def _fetched(self) -> bytes:
        if self._data is None:
            fs, inner = filesystem(str(self.path))
            try:
                self._data = bytes(fs.cat_file(inner))
            except (FileNotFoundError, PermissionError, IsADirectoryError):
                raise
            except Exception as exc:
                raise ImageReadError(f"cannot read {self.path}: {type(exc).__name__}: {exc}") from exc
        return self._data
