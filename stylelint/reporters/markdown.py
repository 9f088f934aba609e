"""The Markdown report, for a pull-request comment (GitHub- and GitLab-flavoured Markdown).

A bold summary line, then a table of the files that did not pass: file, status and each
failed rule with its severity and message. Passing files are only counted. Every string that
comes from a user (paths, messages, which may quote file names) is escaped: Markdown
punctuation gets a backslash, `<`, `>` and `&` become HTML entities (both hosts render inline
HTML), line breaks become spaces so that a row stays one row, and other control characters
are shown as escapes (`names.printable`).
"""

from __future__ import annotations

import re
from typing import TextIO

from stylelint.names import printable
from stylelint.report import FileResult, Report, Status
from stylelint.reporters import RenderOptions
from stylelint.reporters.common import is_reported_failure, summary_line

_STATUS_LABEL = {Status.PASS: "✅ pass", Status.WARN: "⚠️ warn", Status.FAIL: "❌ fail", Status.ERROR: "💥 unreadable"}
# CommonMark §2.4: any ASCII punctuation may be backslash-escaped. Inside a table cell only
# inline markup matters: emphasis, code, links and images, strikethrough (GFM), the cell
# separator, and `@`, which would otherwise mention a user on GitHub and GitLab.
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_\[\]|~@])")
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def escape(text: str) -> str:
    """`text` safe inside a Markdown table cell: no markup, no HTML, no line breaks."""
    text = printable(re.sub(r"\s*[\r\n]+\s*", " ", text))
    text = "".join(_HTML.get(char, char) for char in text)
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", text)


def _findings(file: FileResult) -> str:
    """The failures cell: one `**rule** (severity): message` per failed result."""
    if file.error is not None:
        return f"could not read: {escape(file.error)}"
    items = [
        f"**{escape(r.rule)}** ({r.severity.value}): {escape(r.message)}"
        for r in file.results
        if is_reported_failure(r)
    ]
    return "<br>".join(items)


def render_markdown(report: Report) -> str:
    """The whole comment as one string."""
    summary = report.summary()
    verdict = "❌" if summary["failed"] or summary["errored"] else "✅"
    lines = [f"{verdict} **stylelint** · {summary_line(report)}", ""]
    shown = [f for f in report.files if f.status(report.policy) is not Status.PASS]
    if not shown:
        return "\n".join(lines + ["Every image passes the spec."]) + "\n"
    lines += ["| File | Status | Failed rules |", "|---|---|---|"]
    lines += [f"| {escape(f.path)} | {_STATUS_LABEL[f.status(report.policy)]} | {_findings(f)} |" for f in shown]
    return "\n".join(lines) + "\n"


class MarkdownReporter:
    """Writes the pull-request comment."""

    name = "markdown"

    def render(self, report: Report, out: TextIO, options: RenderOptions = RenderOptions()) -> None:
        """Write the Markdown summary and table to `out`."""
        out.write(render_markdown(report))


REPORTER = MarkdownReporter()
