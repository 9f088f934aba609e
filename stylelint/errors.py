"""Exceptions raised by stylelint; each names the file, rule or key involved."""

from __future__ import annotations

from dataclasses import dataclass


class StylelintError(Exception):
    """Base class of every error stylelint reports to a user without a traceback."""


class UsageError(StylelintError):
    """The command line asks for something impossible (exit 2)."""


@dataclass(frozen=True)
class SpecProblem:
    """One problem in a spec file, located to its line and column (both 1-based)."""

    file: str
    line: int
    column: int
    key_path: tuple[str, ...]
    message: str

    def __str__(self) -> str:
        keys = " › ".join(self.key_path) if self.key_path else "(document)"
        return f"{self.file}:{self.line}:{self.column}: {keys}: {self.message}"


class SpecError(StylelintError):
    """A spec is invalid; carries every problem found, in file order."""

    def __init__(self, problems: list[SpecProblem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.file, p.line, p.column))
        super().__init__("\n".join(str(p) for p in self.problems))


class ImageReadError(StylelintError):
    """An image could not be read; the message is a short human cause."""


class Terminated(KeyboardInterrupt):
    """SIGTERM arrived: the run stops like at Ctrl-C (workers stopped, no report), exit 143."""


class RegistryError(StylelintError):
    """A rule or reporter plugin could not be loaded; names distribution and entry point."""


class OutputError(StylelintError):
    """A file stylelint writes (a report, a spec, a baseline) cannot be written (exit 2)."""

    def __init__(self, target: object, cause: OSError) -> None:
        self.target, self.cause = target, cause
        from stylelint.names import printable

        super().__init__(f"cannot write {printable(str(target))}: {cause.strerror or cause}")
