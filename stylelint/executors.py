"""Executors: where the per-image phase runs, a local process pool or a Dask cluster.

Both take a batch function and a list of items and yield the function's results item by item,
in the items' order, whatever order the workers finish in. Items travel in batches (fewer,
larger tasks), and only a bounded number of batches is in flight at once, so memory on the
client and on the scheduler does not grow with the number of files: results stream back and
are handed on as they arrive. Nothing here knows about images or rules.

Dask (`pip install 'stylelint-images[dask]'`) is imported only when the Dask executor is asked for.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from enum import Enum
from functools import partial
from itertools import islice
from typing import TYPE_CHECKING, Any, TypeVar

from stylelint.errors import UsageError
from stylelint.output import WRITING

if TYPE_CHECKING:
    from concurrent.futures import Future

log = logging.getLogger(__name__)

T = TypeVar("T")
R = TypeVar("R")
BatchFunction = Callable[[list[T]], list[R]]

# Batches in flight per worker: enough to keep every worker busy while results travel back, few
# enough that memory does not grow with the number of files (a bounded queue, not everything).
BATCHES_IN_FLIGHT = 4
MAX_BATCH = 16
# Seconds between a worker's checks that the main process still exists (where the kernel's
# parent-death signal is not available: it is, on Linux, and is immediate).
PARENT_WATCH_S = 0.5
_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
# glibc's mallopt parameters (<malloc.h>) and the values a local process sets (keep_freed_memory).
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3
MMAP_THRESHOLD_BYTES = 32 * 1024 * 1024  # glibc's upper limit for this parameter
TRIM_THRESHOLD_BYTES = 64 * 1024 * 1024
DASK_EXTRA = "pip install 'stylelint-images[dask]'"


class ExecutorKind(Enum):
    """Where the per-image phase runs."""

    LOCAL = "local"
    DASK = "dask"


@dataclass(frozen=True)
class Executor:
    """An executor choice: the kind, and for Dask the scheduler address (None: a LocalCluster)."""

    kind: ExecutorKind = ExecutorKind.LOCAL
    scheduler: str | None = None


def ordered_map(
    function: BatchFunction[T, R], items: Sequence[T], *, workers: int, executor: Executor = Executor()
) -> Iterator[R]:
    """`function` over `items` in batches, results yielded one by one in the items' order."""
    if executor.kind is ExecutorKind.DASK:
        return dask_map(function, items, workers=workers, scheduler=executor.scheduler)
    return local_map(function, items, workers=workers)


def batches(items: Sequence[T], workers: int) -> Iterator[list[T]]:
    """Consecutive batches: about 8 per worker, at most MAX_BATCH items each."""
    size = max(1, min(MAX_BATCH, len(items) // (workers * 8)))
    return (list(items[i : i + size]) for i in range(0, len(items), size))


def _streamed(submit: Callable[[list[T]], Any], items: Sequence[T], workers: int) -> Iterator[R]:
    """Keep `workers * BATCHES_IN_FLIGHT` batches submitted; yield results in submission order."""
    queue = batches(items, workers)
    pending: deque[Any] = deque(submit(batch) for batch in islice(queue, workers * BATCHES_IN_FLIGHT))
    while pending:
        results = pending.popleft().result()
        pending.extend(submit(batch) for batch in islice(queue, 1))
        yield from results


def _init_worker(parent: int) -> None:
    """A pool worker: Ctrl-C is left to the main process, which stops the workers (no traceback
    per worker); SIGTERM ends it at once (the handler inherited from the CLI would raise), but
    never while it writes a cache entry (`_watch_parent`); and it dies with the main process, even
    one killed by SIGKILL that could stop nothing (issue 15)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if _TAKES_SIGNALS:  # before any thread starts (OpenBLAS's too): every one inherits the block
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
    keep_freed_memory()
    if os.getppid() == parent:
        _parent_death_signal()
    threading.Thread(target=_watch_parent, args=(parent,), name="stylelint-parent-watch", daemon=True).start()


# POSIX: SIGTERM can be blocked and waited for (pthread_sigmask, sigtimedwait); elsewhere (Windows)
# it ends a worker at once.
_TAKES_SIGNALS = hasattr(signal, "pthread_sigmask") and hasattr(signal, "sigtimedwait")


def _parent_death_signal() -> None:
    """Linux: SIGKILL this process when its parent dies (prctl PR_SET_PDEATHSIG): immediate."""
    if not sys.platform.startswith("linux"):  # elsewhere the watch thread alone
        return
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        log.debug("no PR_SET_PDEATHSIG here; the parent is watched every %s s", PARENT_WATCH_S)


_KEPT = False
_APPLIED = False  # glibc took the settings


def freed_memory_kept() -> bool:
    """Whether this process keeps freed blocks under MMAP_THRESHOLD_BYTES for reuse
    (`keep_freed_memory` ran and glibc took it): a large buffer made per image then costs no
    fresh pages."""
    return _APPLIED


def keep_freed_memory() -> None:
    """glibc: keep freed blocks under 32 MB in this process for the next image, instead of
    handing them back to the kernel (once per process; elsewhere nothing).

    By default glibc maps each block of more than 128 kB afresh and unmaps it when freed (its
    limit rises only to the largest block freed so far, and the heap's top is trimmed), so every
    image's decoded copy, resize buffers and numpy arrays are new pages the kernel must fault in
    and zero: about 3,600 page faults and 5 ms of system CPU per camera JPEG, 5 % of a check
    (issue 14). With blocks under MMAP_THRESHOLD_BYTES taken from the heap and up to
    TRIM_THRESHOLD_BYTES of free heap kept, the next image reuses them; a process's peak memory
    is unchanged, and blocks above 32 MB (a large PNG decoded at full size) are still returned.
    It is a process-wide setting, so it is made only in processes stylelint owns: its pool
    workers and the console command's own process (`stylelint.cli.main`, which `stylelint` and
    `python -m stylelint` run), never in a program that calls the Python API or invokes the click
    group in its own process (a test's CliRunner); a Dask worker keeps Dask's own memory policy."""
    global _KEPT
    if _KEPT or not sys.platform.startswith("linux"):  # ctypes.CDLL(None) is Unix-only
        return
    _KEPT = True
    import ctypes

    try:
        libc = ctypes.CDLL(None)
        if libc.gnu_get_libc_version:  # glibc only (musl and others: AttributeError)
            # mallopt returns 1 when glibc takes a setting, 0 when it refuses it
            taken = [
                libc.mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES),
                libc.mallopt(_M_TRIM_THRESHOLD, TRIM_THRESHOLD_BYTES),
            ]
            global _APPLIED
            _APPLIED = taken == [1, 1]
            if not _APPLIED:
                log.debug("glibc refused mallopt (returned %s): its defaults stay", taken)
    except (OSError, AttributeError):
        log.debug("not glibc: memory is left to the system allocator's defaults")


def _watch_parent(parent: int) -> None:
    """Exit when the main process is gone (any platform, any start method; within
    PARENT_WATCH_S). A worker has nothing to save: its results would go nowhere. Where signals
    can be taken synchronously (POSIX), SIGTERM, blocked in every thread (`_init_worker`), is
    taken here: the worker exits with 143 as soon as no cache entry is being written
    (`output.WRITING`), so a stopped run leaves no temporary file in the cache."""
    while True:
        if _TAKES_SIGNALS:
            if signal.sigtimedwait({signal.SIGTERM}, PARENT_WATCH_S) is not None:
                with WRITING:
                    os._exit(128 + signal.SIGTERM)
        else:
            time.sleep(PARENT_WATCH_S)
        try:
            os.kill(parent, 0)
        except ProcessLookupError:
            os._exit(1)
        except PermissionError:  # the pid now belongs to another user's process: ours is gone
            os._exit(1)


def local_map(function: BatchFunction[T, R], items: Sequence[T], *, workers: int) -> Iterator[R]:
    """In this process for one worker (or one item), else a bounded pool of `workers` processes
    (each keeps its freed memory for the next item: `keep_freed_memory`)."""
    if workers <= 1 or len(items) <= 1:
        for item in items:  # one at a time, so results (and progress) still stream
            yield from function([item])
        return
    # Imported here: multiprocessing costs about 30 ms of CPU to import, a tenth of a one-file check.
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(os.getpid(),))
    try:

        def submit(batch: list[T]) -> Future[list[R]]:
            return pool.submit(function, batch)

        yield from _streamed(submit, items, workers)
    except BaseException:
        # Ctrl-C or an error: stop now rather than finish the queued work.
        for process in list(getattr(pool, "_processes", {}).values()):
            process.terminate()
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()


def dask_map(function: BatchFunction[T, R], items: Sequence[T], *, workers: int, scheduler: str | None) -> Iterator[R]:
    """On the Dask scheduler at `scheduler`, or on a LocalCluster of `workers` processes.

    Each batch is one task, submitted impure (no hashing of its arguments) and released as soon
    as its results are read, so the scheduler holds only the batches in flight.
    """
    distributed = _import_distributed()
    with ExitStack() as stack:
        if scheduler is None:
            scheduler = stack.enter_context(local_cluster(workers)).scheduler_address
        client = stack.enter_context(distributed.Client(scheduler))
        threads = sum(client.nthreads().values()) or workers
        log.debug("dask: %s, %d worker threads", scheduler, threads)
        yield from _streamed(partial(client.submit, function, pure=False), items, threads)


def local_cluster(workers: int) -> Any:
    """A LocalCluster of `workers` single-threaded worker processes, with glibc's default malloc.

    Dask starts worker processes with MALLOC_TRIM_THRESHOLD_=65536 (its config
    `distributed.nanny.pre-spawn-environ`), so glibc hands memory back to the system on every
    large free; the per-image phase allocates and frees working copies image after image, and
    that costs about a quarter of its throughput (benchmarks/bench_check.py --executor dask).
    """
    import dask

    distributed = _import_distributed()
    environ = {
        key: value
        for key, value in dask.config.get("distributed.nanny.pre-spawn-environ").items()
        if key != "MALLOC_TRIM_THRESHOLD_"
    }
    with dask.config.set({"distributed.nanny.pre-spawn-environ": environ}):
        return distributed.LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",
            silence_logs=_dask_log_level(),
        )


def _import_distributed() -> Any:
    try:
        import distributed
    except ImportError as exc:
        raise UsageError(f"--executor dask needs dask.distributed: {DASK_EXTRA}") from exc
    logging.getLogger("distributed").setLevel(_dask_log_level())
    return distributed


def _dask_log_level() -> int:
    """Dask logs its cluster's life at INFO; stylelint's stderr keeps them for --debug only."""
    return logging.DEBUG if logging.getLogger().isEnabledFor(logging.DEBUG) else logging.WARNING
