"""Reporters: each renders a whole Report to a text stream (registered as entry points)."""

from __future__ import annotations

from typing import Protocol, TextIO

from stylelint.report import Report


class Reporter(Protocol):
    """A report format: its name and how to render a whole report."""

    name: str

    def render(self, report: Report, out: TextIO) -> None:
        """Write the whole report to `out`."""
