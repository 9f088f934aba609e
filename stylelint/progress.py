"""Progress on stderr while checking or measuring: a rich bar with files/s and ETA, on a terminal only.

The rate is the files finished since the run began divided by the time since then. Workers send
results back in batches, so rich's own estimate, from the last few updates, read a whole batch
arriving at once as thousands of files a second and an ETA of a second (issue 14).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from stylelint.report import FileResult

OnFile = Callable[[FileResult, int], None]
"""Progress callback: called with each finished file and the total number of files."""


@contextmanager
def progress_callback(*, enabled: bool = True, label: str = "checking") -> Iterator[OnFile | None]:
    """Yield an `on_file` callback that advances a progress bar headed `label`, or None when
    stderr is not a terminal (CI logs stay clean) or progress is disabled."""
    if not enabled or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn
    from rich.text import Text

    started = time.monotonic()

    class _RateAndEta(ProgressColumn):
        def render(self, task: Any) -> Text:
            return Text(rate_and_eta(task.completed, task.total, time.monotonic() - started), style="dim")

    with Progress(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        _RateAndEta(),
        console=Console(stderr=True),
        transient=True,
    ) as progress:
        task = progress.add_task("check", total=None)

        def advance(_result: FileResult, total: int) -> None:
            progress.update(task, total=total, advance=1)

        yield advance


def rate_and_eta(done: float, total: float | None, elapsed: float) -> str:
    """ "12.5 files/s, 0:01:04 left": the mean rate since the start and the time left at that
    rate; empty before the first file is done."""
    if done <= 0 or elapsed <= 0:
        return ""
    rate = done / elapsed
    text = f"{rate:.1f} files/s"
    if total:
        left = round(max(0.0, total - done) / rate)
        text += f", {left // 3600}:{left // 60 % 60:02d}:{left % 60:02d} left"
    return text
