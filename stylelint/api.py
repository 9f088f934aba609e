"""The public Python API: `stylelint.check(paths, spec)` and helpers shared with the CLI."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from stylelint.discovery import IMAGE_EXTENSIONS, discover
from stylelint.engine import Options, run
from stylelint.errors import UsageError
from stylelint.names import printable
from stylelint.registry import available_rules, select
from stylelint.report import FileResult, Report
from stylelint.spec import SPEC_FILENAME, Spec, find_spec, load_spec


def resolve_spec(spec: Spec | Path | str | None) -> Spec:
    """A Spec from a Spec, a path, or (None) the nearest stylelint.yaml upwards from here."""
    if isinstance(spec, Spec):
        return spec
    path = Path(spec) if spec is not None else find_spec(Path.cwd())
    if path is None:
        raise UsageError(
            f"no {SPEC_FILENAME} found in this folder or its parents; "
            "create one with `stylelint init`, or pass --spec FILE"
        )
    if not path.is_file():
        raise UsageError(f"spec file not found: {path}")
    return load_spec(path, available_rules())


def require_installed(spec: Spec, options: Options = Options()) -> None:
    """Refuse a run in which an enabled rule (after --select/--ignore) lacks an optional package."""
    for rule in select(spec.enabled(), only=options.select, ignore=options.ignore).values():
        why = rule.missing()
        if why:
            raise UsageError(why)


def check(
    paths: Sequence[str | Path] | str | Path = (".",),
    spec: Spec | Path | str | None = None,
    *,
    options: Options = Options(),
    on_file: Callable[[FileResult, int], None] | None = None,
) -> Report:
    """Check images against a spec and return the Report (`to_dict()` is the JSON report).

    Raises UsageError when no image is found or a rule the spec enables needs an optional
    package that is not installed, SpecError when the spec is invalid.

    Examples
    --------
    >>> report = stylelint.check(["shoot/"], "stylelint.yaml")  # doctest: +SKIP
    >>> report.summary()["failed"]  # doctest: +SKIP
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    loaded = resolve_spec(spec)
    require_installed(loaded, options)
    found = discover([str(p) for p in paths], loaded)
    if not found:
        raise UsageError(
            f"no image found in {', '.join(str(p) for p in paths)} "
            f"(looked for {', '.join(sorted(e[1:] for e in IMAGE_EXTENSIONS))})"
        )
    report = run([t for t in found if not t.ignored], loaded, options, on_file=on_file)
    skipped = tuple(f"{printable(t.display)}: {IGNORED_NOTICE}" for t in found if t.ignored)
    return replace(report, notices=skipped + report.notices)


# ESLint's words for an explicitly named file that an ignore pattern matches.
IGNORED_NOTICE = "file ignored because of a matching ignore pattern (the spec's `ignore`)"
