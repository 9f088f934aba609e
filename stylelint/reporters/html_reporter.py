"""The HTML report: one self-contained page, a grid of thumbnails with each image's verdict.

Each card shows the image (an embedded JPEG thumbnail), its status, and every failed rule with
its message and measured against expected values; the palette rule's dominant colours appear as
swatches, and rules with a location draw their evidence over the thumbnail (see
`html_evidence`). Passing rules are listed folded, so the page is a full audit. Cards filter
by status and rule with a few lines of inline script. Nothing is fetched from the network,
every string from the report is escaped with `html.escape`, and there are no timestamps.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import TextIO

from stylelint import __version__
from stylelint.report import FileResult, Report, RuleResult, Status
from stylelint.reporters import RenderOptions
from stylelint.reporters.common import UNREADABLE_RULE, Outcome, compact_json, evidence, outcome, summary_line
from stylelint.reporters.html_assets import CSS, JS
from stylelint.reporters.html_evidence import HATCH_DEFS, overlay, swatches
from stylelint.reporters.thumbnails import Thumbnail, make_thumbnail

ThumbnailMaker = Callable[[str], "Thumbnail | None"]
_STATUS_ORDER = (Status.FAIL, Status.ERROR, Status.WARN, Status.PASS)
_OUTCOME_NOTE = {
    Outcome.SUPPRESSED: " (suppressed by baseline)",
    Outcome.WARNED: "",
    Outcome.FAILED: "",
    Outcome.CRASHED: " (rule crashed)",
}


def _flagged(file: FileResult) -> list[str]:
    """Ids of the rules that failed (unsuppressed) on `file`, for the rule filter."""
    if file.error is not None:
        return [UNREADABLE_RULE]
    return [r.rule for r in file.results if not r.passed and not r.suppressed]


def _finding(result: RuleResult, kind: Outcome) -> str:
    """One failed result: rule, severity, message, measured against expected, swatches."""
    css = "li-suppressed" if kind is Outcome.SUPPRESSED else ""
    return (
        f'<li class="{css}" data-rule="{escape(result.rule)}"><span class="rule">'
        f'{escape(result.rule)}</span><span class="sev {escape(result.severity.value)}">'
        f"{escape(result.severity.value)}</span>{_OUTCOME_NOTE[kind]}<br>{escape(result.message)}"
        f'<div class="detail">{escape(evidence(result, scalars_only=True))}</div>{swatches(result)}</li>'
    )


def _passed(file: FileResult) -> str:
    """The passing rules, folded (with the palette swatches when palette passed)."""
    passed = [r for r in file.results if r.passed]
    if not passed:
        return ""
    items = "".join(
        f'<li><span class="rule">{escape(r.rule)}</span> {escape(r.message)}{swatches(r)}</li>' for r in passed
    )
    return f'<details><summary>{len(passed)} rules passed</summary><ul class="findings">{items}</ul></details>'


def _findings(file: FileResult, report: Report) -> str:
    """The failed results of a file, or the read error."""
    if file.error is not None:
        return f'<ul class="findings"><li><span class="rule">{UNREADABLE_RULE}</span><br>{escape(file.error)}</li></ul>'
    items = [_finding(r, outcome(r, report)) for r in file.results if not r.passed]
    return f'<ul class="findings">{"".join(items)}</ul>' if items else ""


def _frame(file: FileResult, thumb: Thumbnail | None) -> str:
    """The thumbnail with the failed results' overlays, or a placeholder."""
    if thumb is None:
        return '<div class="frame"><div class="noimg">no preview</div></div>'
    overlays = "".join(overlay(r, thumb.width, thumb.height) for r in file.results if not r.passed and not r.suppressed)
    return (
        f'<div class="frame"><img src="{escape(thumb.data_uri)}" width="{thumb.width}" '
        f'height="{thumb.height}" alt="{escape(file.path)}">{overlays}</div>'
    )


def _card(file: FileResult, report: Report, thumb: Thumbnail | None) -> str:
    """One image's card."""
    status = file.status(report.policy).value
    return (
        f'<article class="card" data-status="{status}" data-rules="{escape(compact_json(_flagged(file)))}">'
        f'{_frame(file, thumb)}<div class="body"><p class="path">{escape(file.path)}</p>'
        f'<span class="badge {status}">{status}</span>{_findings(file, report)}{_passed(file)}'
        f"</div></article>"
    )


def _filters(report: Report) -> str:
    """Status checkboxes and the rule selector (rules that failed somewhere)."""
    boxes = "".join(
        f'<label><input type="checkbox" checked data-status-filter="{s.value}">{s.value}</label>' for s in _STATUS_ORDER
    )
    ids = sorted({rule for f in report.files for rule in _flagged(f)})
    options = "".join(f'<option value="{escape(i)}">{escape(i)}</option>' for i in ids)
    evidence = '<label><input type="checkbox" checked id="evidence-toggle">evidence</label>'
    return (
        f'<div class="filters">{boxes}<label>rule <select id="rule-filter">'
        f'<option value="">all rules</option>{options}</select></label>{evidence}</div>'
    )


def _thumbnail(file: FileResult, thumbnails: ThumbnailMaker) -> Thumbnail | None:
    """The thumbnail the run made while decoding the image; else `thumbnails` reads the file."""
    if file.error is not None:
        return None
    return file.thumbnail if file.thumbnail is not None else thumbnails(file.opens)


def render_html(report: Report, thumbnails: ThumbnailMaker) -> str:
    """The whole page."""
    cards = "".join(_card(f, report, _thumbnail(f, thumbnails)) for f in report.files)
    title = f"stylelint report · {report.spec}"
    return (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="generator" content="stylelint {escape(__version__)}">'
        f"<title>{escape(title)}</title><style>{CSS}</style></head><body>{HATCH_DEFS}"
        f'<header><h1>{escape(title)}</h1><span class="summary">{escape(summary_line(report))}'
        f"</span>{_filters(report)}</header><main>{cards}"
        f'<p id="no-match" class="empty" hidden>No image matches the filters.</p></main>'
        f"<script>{JS}</script></body></html>\n"
    )


class HtmlReporter:
    """Writes the self-contained HTML page; each image's preview is the one the run made
    (`wants_thumbnails`), or else `thumbnails` makes it from the file."""

    name = "html"
    wants_thumbnails = True

    def __init__(self, *, thumbnails: ThumbnailMaker = make_thumbnail) -> None:
        self.thumbnails = thumbnails

    def render(self, report: Report, out: TextIO, options: RenderOptions = RenderOptions()) -> None:
        """Write the page for `report` to `out`."""
        out.write(render_html(report, self.thumbnails))


REPORTER = HtmlReporter()
