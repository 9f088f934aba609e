"""The text report: a verdict per file, failed rules with measured against expected, a summary.

Colour when the stream is a terminal, plain text otherwise (rich decides). The only module of
the reporters that imports rich. Text that comes from outside (file names, messages, notes,
measured strings) goes through `names.printable`, so no control sequence reaches the terminal and
no name forges a line.
"""

from __future__ import annotations

from typing import Any, TextIO

from rich.console import Console
from rich.text import Text

from stylelint.names import printable
from stylelint.report import Report, RuleResult, Severity, Status
from stylelint.reporters import RenderOptions
from stylelint.reporters.common import count, format_pairs

_STATUS_STYLE = {
    Status.PASS: ("PASS", "green"),
    Status.WARN: ("WARN", "yellow"),
    Status.FAIL: ("FAIL", "bold red"),
    # Not "ERROR": the summary counts results of severity `error`, which an unreadable file is not.
    Status.ERROR: ("UNREADABLE", "bold magenta"),
}
_SEVERITY_STYLE = {Severity.ERROR: ("✗", "red"), Severity.WARNING: ("!", "yellow"), Severity.INFO: ("i", "cyan")}


def _pairs(mapping: dict[str, Any]) -> str:
    return printable(format_pairs(mapping))


class TextReporter:
    """Human-readable report for the terminal."""

    name = "text"

    def render(self, report: Report, out: TextIO, options: RenderOptions = RenderOptions()) -> None:
        """Write one block per file (failures only, or everything not passing when quiet)."""
        quiet = options.quiet
        console = Console(file=out, highlight=False, soft_wrap=True)
        for file in report.files:
            status = file.status(report.policy)
            if quiet and status in (Status.PASS, Status.WARN):
                continue
            label, style = _STATUS_STYLE[status]
            line = Text.assemble((f"{label:<5}", style), "  ", (printable(file.path), "bold"))
            if file.error:
                line.append(f"  {printable(file.error)}", style="magenta")
            elif status is Status.PASS:
                line.append(f"  ({count(len(file.results), 'rule')} passed)", style="dim")
            console.print(line)
            for note in file.notes:
                console.print(Text(f"  note: {printable(note)}", style="dim"))
            for result in file.results:
                if not result.passed and not (quiet and not report.policy.fails(result)):
                    self._result(console, result)
        console.print(self._summary(report))

    def _result(self, console: Console, result: RuleResult) -> None:
        mark, style = _SEVERITY_STYLE.get(result.severity, ("·", "dim"))
        head = Text.assemble(
            "  ",
            (f"{mark} {result.severity.value:<7}", style),
            " ",
            (f"{printable(result.rule):<17}", "bold"),
            " ",
            printable(result.message),
        )
        if result.suppressed:
            head.append("  (suppressed by baseline)", style="dim")
        console.print(head)
        detail = _pairs({k: v for k, v in result.measured.items() if _flat(v)})
        expected = _pairs(result.expected)
        if detail or expected:
            console.print(Text(f"{'':30}measured {detail or '—'}  |  expected {expected or '—'}", style="dim"))

    def _summary(self, report: Report) -> Text:
        s = report.summary()
        counts = s["results"]
        text = Text.assemble(
            "\n",
            (count(s["files"], "file"), "bold"),
            ": ",
            (f"{s['passed']} passed", "green"),
            ", ",
            (f"{s['warned']} warned", "yellow"),
            ", ",
            (f"{s['failed']} failed", "red"),
            ", ",
            (f"{s['errored']} unreadable", "magenta"),
            f"  ·  {count(counts['error'], 'error')}, {count(counts['warning'], 'warning')}, {counts['info']} info",
        )
        return text


def _flat(value: Any) -> bool:
    """Whether a measured value reads on one line: a scalar, or a list or mapping of scalars
    (metadata's fields present, forbidden-colors' shares); nested values (grids, lines,
    dominant colours) are left to the JSON and HTML reports (issue 13)."""
    if isinstance(value, (list, tuple)):
        return all(not isinstance(v, (list, tuple, dict)) for v in value)
    if isinstance(value, dict):
        return all(not isinstance(v, (list, tuple, dict)) for v in value.values())
    return True


REPORTER = TextReporter()


def render_inspection(inspections: Any, out: TextIO) -> None:
    """`stylelint inspect` in the terminal: dominant colours as swatches, then every measurement."""
    console = Console(file=out, highlight=False, soft_wrap=True)
    for item in inspections:
        console.print(Text(printable(item.path), style="bold"))
        if item.error:
            console.print(Text(f"  error: {printable(item.error)}", style="magenta"))
            continue
        for note in item.notes:
            console.print(Text(f"  note: {printable(note)}", style="dim"))
        console.print("  dominant colours")
        for row in item.dominant:
            nearest = f"  nearest {row['nearest']} (ΔE00 {row['delta_e']:.1f})" if "nearest" in row else ""
            console.print(
                Text.assemble(
                    "    ", ("      ", f"on {row['hex']}"), f" {row['hex']}  ", f"{row['share']:6.1%}", nearest
                )
            )
        for rule_id, measured in item.measurements.items():
            shown = printable(measured) if isinstance(measured, str) else _pairs(measured)
            console.print(Text.assemble(("  " + f"{rule_id:<17}", "cyan"), " ", shown))
        console.print()
