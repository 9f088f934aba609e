"""Writing report, spec and cache files atomically: a temporary file beside the target, then
rename, so an interrupted run never leaves a half-written file.

Files are created with mode 0666 less the process umask, as `open` and every shell redirection
create them (CONTRACT.md §7; `tempfile.mkstemp` would make every file 0600 whatever the umask).
A failed write (a full disk, a folder that became read-only) removes its temporary file and is
an OutputError naming the target, never the temporary name.
"""

from __future__ import annotations

import os
import secrets
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from stylelint.errors import OutputError

_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
_MODE = 0o666  # less the umask, applied by the kernel
# Held while `write_bytes_atomically` writes: a pool worker stopped by SIGTERM takes it before it
# exits (executors._watch_parent), so that it never leaves a half-made temporary file behind.
WRITING = threading.Lock()


def _create_temporary(target: Path) -> tuple[int, Path]:
    """A new, empty temporary file beside `target`: (descriptor, path)."""
    folder = target.parent if str(target.parent) else Path(".")
    for _ in range(100):
        temp = folder / f".{target.name}.{secrets.token_hex(4)}.tmp"
        try:
            return os.open(temp, _CREATE, _MODE), temp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name beside {target}")


def write_atomically(target: Path, render: Callable[[TextIO], object]) -> None:
    """Call `render` on a temporary file in the target's folder, then rename it into place."""
    try:
        handle, temp = _create_temporary(target)
    except OSError as exc:
        raise OutputError(target, exc) from exc
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            render(out)
        os.replace(temp, target)
    except BaseException as exc:
        temp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise OutputError(target, exc) from exc
        raise


def write_bytes_atomically(target: Path, data: bytes) -> None:
    """Write `data` to `target` atomically (temporary file, then rename); OSError on failure,
    with the temporary file removed. Holds WRITING meanwhile (a pool worker's exit on SIGTERM
    waits for it)."""
    with WRITING:
        handle, temp = _create_temporary(target)
        try:
            try:
                view = memoryview(data)
                while view:
                    view = view[os.write(handle, view) :]
            finally:
                os.close(handle)
            os.replace(temp, target)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise


# Pictures stylelint does not read but a user may keep beside those it checks (camera raw files,
# layered and newer formats): an --output named like one is refused too.
_OTHER_IMAGE_SUFFIXES = frozenset(
    {".jfif", ".jxl", ".jp2", ".dng", ".cr2", ".cr3", ".nef", ".arw", ".raf", ".orf", ".rw2", ".psd", ".exr", ".hdr"}
)


def check_writable(target: Path) -> None:
    """Raise OutputError now when `target` cannot be written (its folder missing, not a folder,
    or not writable), so that a long run does not end in an error (ESLint checks up front too).
    A target named like an image is refused too: stylelint writes reports, specs and baselines,
    and `--output *.jpg` (a shell glob expanded after the option) would otherwise replace the
    first of the user's images with one."""
    from stylelint.discovery import is_image_name

    folder = target.parent if str(target.parent) else Path(".")
    try:
        if is_image_name(target) or target.suffix.lower() in _OTHER_IMAGE_SUFFIXES:
            raise FileExistsError(
                17,
                "it is named like an image (a shell glob after --output?); "
                "stylelint writes only reports, specs and baselines",
            )
        if not folder.is_dir():
            folder.stat()  # the precise cause: ENOENT, ENOTDIR, EACCES
            raise NotADirectoryError(20, "Not a directory")
        if not os.access(folder, os.W_OK | os.X_OK):
            raise PermissionError(13, "Permission denied")
        if target.is_dir():
            raise IsADirectoryError(21, "Is a directory")
    except OSError as exc:
        raise OutputError(target, exc) from exc
