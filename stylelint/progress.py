"""Progress on stderr while checking: a rich bar with files/s and ETA, on a terminal only."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from stylelint.report import FileResult

OnFile = Callable[[FileResult, int], None]
"""Progress callback: called with each finished file and the total number of files."""


@contextmanager
def progress_callback(*, enabled: bool = True) -> Iterator[OnFile | None]:
    """Yield an `on_file` callback that advances a progress bar, or None when stderr is not
    a terminal (CI logs stay clean) or progress is disabled."""
    if not enabled or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn, TimeRemainingColumn
    from rich.text import Text

    class _Rate(ProgressColumn):
        def render(self, task: Any) -> Text:
            return Text(f"{task.speed:.1f} files/s" if task.speed else "", style="dim")

    with Progress(
        TextColumn("checking"),
        BarColumn(),
        MofNCompleteColumn(),
        _Rate(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as progress:
        task = progress.add_task("check", total=None)

        def advance(_result: FileResult, total: int) -> None:
            progress.update(task, total=total, advance=1)

        yield advance
