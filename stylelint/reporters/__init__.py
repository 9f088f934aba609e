"""Reporters: each renders a whole Report to a text stream (registered as entry points).

Every reporter is called the same way, through `render_report`: the report, the stream, and
`RenderOptions` (what the command line says about rendering, and the metadata of the rules). A
reporter written for the older two-argument `render(report, out)` is still called, without them.
"""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol, TextIO

from stylelint.report import Report


@dataclass(frozen=True)
class RenderOptions:
    """What every reporter is told beyond the report.

    `quiet`: report only what fails the run (`check --quiet`). `rules`: the installed rules by id
    (their id, summary and docs; SARIF writes a descriptor for each).
    """

    quiet: bool = False
    rules: Mapping[str, Any] = field(default_factory=dict)


class Reporter(Protocol):
    """A report format: its name and how to render a whole report.

    A reporter that shows images sets `wants_thumbnails = True`: the run then makes each image's
    thumbnail while the image is decoded (`FileResult.thumbnail`).
    """

    name: str

    def render(self, report: Report, out: TextIO, options: RenderOptions = RenderOptions()) -> None:
        """Write the whole report to `out`."""


def render_report(reporter: Reporter, report: Report, out: TextIO, options: RenderOptions) -> None:
    """Render `report` with `options`; a two-argument `render(report, out)` gets none."""
    if "options" in inspect.signature(reporter.render).parameters:
        reporter.render(report, out, options)
    else:
        reporter.render(report, out)


def wants_thumbnails(reporter: Reporter) -> bool:
    """True when the reporter shows images, so the run should make their thumbnails."""
    return bool(getattr(reporter, "wants_thumbnails", False))
