"""The text report: a verdict per file, failed rules with measured against expected, a summary.

Colour when the stream is a terminal, plain text otherwise, as rich decides it (FORCE_COLOR and
TTY_COMPATIBLE included). The only module of the reporters that uses rich, and only for colour:
plain text (a pre-commit hook, a pipe, a file) is written without importing it, which costs
about 30 ms of a one-file check (issue 14). Text that comes from outside (file names, messages,
notes, measured strings) goes through `names.printable`, so no control sequence reaches the
terminal and no name forges a line.
"""

from __future__ import annotations

import os
from typing import Any, TextIO

from stylelint.names import printable
from stylelint.report import Report, RuleResult, Severity, Status
from stylelint.reporters import RenderOptions
from stylelint.reporters.common import format_pairs
from stylelint.wording import count

_STATUS_STYLE = {
    Status.PASS: ("PASS", "green"),
    Status.WARN: ("WARN", "yellow"),
    Status.FAIL: ("FAIL", "bold red"),
    # Not "ERROR": the summary counts results of severity `error`, which an unreadable file is not.
    Status.ERROR: ("UNREADABLE", "bold magenta"),
}
_SEVERITY_STYLE = {Severity.ERROR: ("✗", "red"), Severity.WARNING: ("!", "yellow"), Severity.INFO: ("i", "cyan")}


class Text:
    """A line of styled spans: the part of rich's Text this reporter uses, which writes itself as
    plain text or becomes rich's Text for a terminal."""

    def __init__(self, text: str = "", style: str = "") -> None:
        self.spans: list[tuple[str, str]] = [(text, style)] if text else []

    @classmethod
    def assemble(cls, *parts: str | tuple[str, str]) -> Text:
        line = cls()
        for part in parts:
            line.append(*((part, "") if isinstance(part, str) else part))
        return line

    def append(self, text: str, style: str = "") -> None:
        self.spans.append((text, style))

    @property
    def plain(self) -> str:
        return "".join(text for text, _style in self.spans)


class _PlainConsole:
    """Writes each line's text as rich does on a stream that is not a terminal (no wrapping). No
    line holds a tab, which rich would expand by cell widths: `names.printable` escapes them."""

    def __init__(self, out: TextIO) -> None:
        self.out = out

    def print(self, line: Text | str = "") -> None:
        self.out.write((line if isinstance(line, str) else line.plain) + "\n")


class _RichConsole(_PlainConsole):
    """rich's Console for a terminal (colour)."""

    def __init__(self, out: TextIO) -> None:
        from rich.console import Console

        super().__init__(out)
        self.console = Console(file=out, highlight=False, soft_wrap=True)

    def print(self, line: Text | str = "") -> None:
        from rich.text import Text as RichText

        self.console.print(line if isinstance(line, str) else RichText.assemble(*line.spans))


def _console(out: TextIO) -> _PlainConsole:
    """rich's console when it would colour `out` (a terminal, FORCE_COLOR or TTY_COMPATIBLE=1,
    as rich.console.Console.is_terminal decides), else plain text without importing rich."""
    compatible, force = os.environ.get("TTY_COMPATIBLE", ""), os.environ.get("FORCE_COLOR")
    if compatible in ("0", "1"):
        terminal = compatible == "1"
    elif force is not None:
        terminal = force != ""
    else:
        try:
            terminal = bool(getattr(out, "isatty", lambda: False)())
        except ValueError:  # a closed stream
            terminal = False
    return _RichConsole(out) if terminal else _PlainConsole(out)


def _pairs(mapping: dict[str, Any], *, exact: bool = False) -> str:
    return printable(format_pairs(mapping, exact=exact))


class TextReporter:
    """Human-readable report for the terminal."""

    name = "text"

    def render(self, report: Report, out: TextIO, options: RenderOptions = RenderOptions()) -> None:
        """Write one block per file (failures only, or everything not passing when quiet)."""
        quiet = options.quiet
        console = _console(out)
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

    def _result(self, console: _PlainConsole, result: RuleResult) -> None:
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
        expected = _pairs(result.expected, exact=True)
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
    console = _console(out)
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
