"""A per-image time limit, so a pathological image becomes a per-file error, not a hang.

Uses SIGALRM (POSIX), which fires between Python bytecodes: a single long call inside a C
decoder is interrupted when it returns. Outside the main thread, or where SIGALRM does not
exist, the limit is not enforced.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


class TimeLimitExceeded(BaseException):
    """Raised inside the limited block when its time is up.

    A BaseException, like KeyboardInterrupt, so that the engine's per-rule crash isolation and
    the decoders' error mapping (`except Exception`) let it through to the per-file handler.
    """


def _raise(_signum: int, _frame: Any) -> None:
    raise TimeLimitExceeded()


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Run the block with a wall-clock limit of `seconds`."""
    usable = hasattr(signal, "SIGALRM") and threading.current_thread() is threading.main_thread()
    if not usable or seconds <= 0:
        yield
        return
    previous = signal.signal(signal.SIGALRM, _raise)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
