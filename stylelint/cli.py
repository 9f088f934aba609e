"""The command line: a click group with one small function per command (CONTRACT.md §1)."""

from __future__ import annotations

import logging
import os
import signal
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

import click

from stylelint import __version__, completion
from stylelint.baseline import DEFAULT_BASELINE
from stylelint.errors import SpecError, StylelintError, Terminated, UsageError
from stylelint.names import printable
from stylelint.output import check_writable, write_atomically
from stylelint.registry import available_reporters, available_rules, parse_rule_list
from stylelint.report import FailPolicy, Severity, exit_code
from stylelint.reporters import RenderOptions, Reporter, render_report, wants_thumbnails
from stylelint.wording import count

USAGE_ERROR = 2
INTERRUPTED = 130  # 128 + SIGINT, the shell convention for a run stopped by Ctrl-C
TERMINATED = 143  # 128 + SIGTERM


class _Group(click.Group):
    """Turns user errors into one clear message on stderr and exit 2 (traceback with --debug)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except SpecError as exc:
            click.echo(
                f"stylelint: invalid spec ({count(len(exc.problems), 'problem')}); nothing was checked\n{exc}",
                err=True,
            )
        except StylelintError as exc:
            click.echo(f"stylelint: {printable(str(exc))}", err=True)
        except KeyboardInterrupt as exc:
            # Workers are already stopped (executors); reports are only ever written whole.
            stopped = "terminated" if isinstance(exc, Terminated) else "interrupted"
            click.echo(f"stylelint: {stopped}; no report written", err=True)
            # A worker pool's queue-feeder thread, joined as the interpreter exits, may still be
            # writing to a pipe the stopped workers closed; Python would print that OSError as
            # "Exception ignored in: <module 'threading'>" with a traceback (seen about once in
            # a few dozen interrupted runs). The run is over and said so: keep stderr to that.
            sys.unraisablehook = lambda unraisable: None
            ctx.exit(TERMINATED if isinstance(exc, Terminated) else INTERRUPTED)
        except (click.exceptions.Exit, click.ClickException, click.Abort, BrokenPipeError):
            raise
        except Exception as exc:
            click.echo(f"stylelint: internal error: {type(exc).__name__}: {exc}", err=True)
            if logging.getLogger().isEnabledFor(logging.DEBUG):
                traceback.print_exc()
            else:
                click.echo("run with --debug for the traceback", err=True)
        ctx.exit(USAGE_ERROR)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="stylelint")
@click.option("--debug", is_flag=True, help="Log debug details and show tracebacks.")
def cli(debug: bool) -> None:
    """Check images against a visual-language spec (stylelint.yaml)."""
    logging.basicConfig(
        level=logging.DEBUG if debug else logging.WARNING,
        stream=sys.stderr,
        format="%(levelname)s %(name)s: %(message)s",
    )


def _rule_ids(text: str | None, option: str) -> frozenset[str]:
    return parse_rule_list(text, available_rules(), option=option)


def _emit(render: Callable[[TextIO], None], output: str | None) -> None:
    """Render to --output (atomically: temp file then rename) or to stdout."""
    if output:
        check_writable(Path(output))
        write_atomically(Path(output), render)
    else:
        render(sys.stdout)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(readable=False))
@click.option(
    "--spec", "spec_path", type=click.Path(dir_okay=False), help="Spec file (default: nearest stylelint.yaml)."
)
@click.option(
    "--format",
    "fmt",
    default="text",
    show_default=True,
    shell_complete=completion.formats,
    help="text, json, junit, sarif, html, markdown, csv.",
)
@click.option("--output", type=click.Path(dir_okay=False), help="Write the report to this file.")
@click.option("--jobs", type=click.IntRange(min=1), help="Worker processes (default: all cores).")
@click.option("--cache/--no-cache", default=True, help="Reuse measurements from .stylelint_cache/.")
@click.option("--fail-on", type=click.Choice(["error", "warning"]), default="error", show_default=True)
@click.option("--max-warnings", type=click.IntRange(min=0), help="Fail when more warnings than this.")
@click.option("--select", shell_complete=completion.rule_ids, help="Only these rules (comma-separated ids).")
@click.option(
    "--ignore", "ignore_rules", shell_complete=completion.rule_ids, help="Skip these rules (comma-separated ids)."
)
@click.option("--quiet", "-q", is_flag=True, help="Report only what fails the run.")
@click.option(
    "--baseline",
    "baseline_path",
    type=click.Path(dir_okay=False),
    help="Suppress the failures recorded in this baseline file (see `stylelint baseline`).",
)
@click.option("--as-set", is_flag=True, help="Run set rules even when only files are named: they are the set.")
@click.option(
    "--executor",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="Where the per-image phase runs: local processes, or a Dask cluster (extra [dask]).",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="With --executor dask: a running dask.distributed scheduler (default: a local cluster of --jobs workers).",
)
def check(
    paths: tuple[str, ...],
    spec_path: str | None,
    fmt: str,
    output: str | None,
    jobs: int | None,
    cache: bool,
    fail_on: str,
    max_warnings: int | None,
    select: str | None,
    ignore_rules: str | None,
    quiet: bool,
    baseline_path: str | None,
    as_set: bool,
    executor: str,
    scheduler: str | None,
) -> None:
    """Check images (files or folders, default .) against the spec.

    When only files are named (as pre-commit does), set rules are skipped with a notice,
    unless --as-set is given.
    """
    from stylelint import baseline
    from stylelint.api import check as run_check
    from stylelint.api import resolve_spec
    from stylelint.engine import Options, default_jobs
    from stylelint.progress import progress_callback

    reporter = _reporter(fmt)
    if output:
        check_writable(Path(output))
    known = baseline.load(Path(baseline_path)) if baseline_path else None
    spec = resolve_spec(spec_path)
    options = Options(
        jobs=jobs or default_jobs(),
        select=_rule_ids(select, "--select"),
        ignore=_rule_ids(ignore_rules, "--ignore") | _skipped_set_rules(paths, spec, as_set),
        policy=FailPolicy(Severity(fail_on), max_warnings),
        cache=cache,
        executor=_executor(executor, scheduler),
        thumbnails=wants_thumbnails(reporter),
    )
    with progress_callback(enabled=not quiet) as on_file:
        report = run_check(list(paths) or ["."], spec, options=options, on_file=on_file)
    _notices(report)
    if known is not None:
        report = baseline.apply(report, known, baseline.hash_files(report, only_failing=True))
    rendering = RenderOptions(quiet=quiet, rules=available_rules())
    _emit(lambda out: render_report(reporter, report, out, rendering), output)
    sys.exit(exit_code(report))


def _notices(report: Any) -> None:
    """The run's warnings (e.g. a cache that could not be written), once each, on stderr."""
    for notice in report.notices:
        click.echo(f"stylelint: {notice}", err=True)


def _executor(kind: str, scheduler: str | None) -> Any:
    """The --executor choice; --scheduler belongs to the Dask executor only."""
    from stylelint.executors import Executor, ExecutorKind

    if scheduler is not None and kind != "dask":
        raise UsageError("--scheduler needs --executor dask")
    return Executor(ExecutorKind(kind), scheduler)


def _skipped_set_rules(paths: tuple[str, ...], spec: Any, as_set: bool) -> frozenset[str]:
    """Set rules to skip for a files-only PATH list, announced on stderr (stylelint.partial)."""
    from stylelint.partial import skipped_notice, skipped_set_rules

    skipped = skipped_set_rules(paths, spec, available_rules(), as_set=as_set)
    if skipped:
        click.echo(f"stylelint: {skipped_notice(skipped)}", err=True)
    return skipped


def _reporter(fmt: str) -> Reporter:
    reporters = available_reporters()
    if fmt not in reporters:
        raise UsageError(f"unknown --format '{fmt}'; choose from {', '.join(sorted(reporters))}")
    return reporters[fmt]


@cli.command("compare")
@click.argument("before")
@click.argument("after")
@click.option(
    "--spec", "spec_path", type=click.Path(dir_okay=False), help="Spec file (default: nearest stylelint.yaml)."
)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json", "markdown", "html"]), default="text", show_default=True
)
@click.option("--output", type=click.Path(dir_okay=False), help="Write the report to this file.")
@click.option("--fail-on-drift", is_flag=True, help="Exit 1 when any feature drifted significantly.")
@click.option("--jobs", type=click.IntRange(min=1), help="Worker processes (default: all cores).")
def compare_command(
    before: str, after: str, spec_path: str | None, fmt: str, output: str | None, fail_on_drift: bool, jobs: int | None
) -> None:
    """How the style moved from BEFORE to AFTER (folders or URLs): features, palette, images.

    Each feature's shift is tested (Mann–Whitney U, or Wilcoxon signed-rank when both folders
    hold the same file names; Holm-corrected, with effect-size floors; see the README). Exit 0
    whatever changed; 1 with --fail-on-drift when anything drifted.
    """
    from stylelint.compare import compare, compare_spec
    from stylelint.engine import Options, default_jobs
    from stylelint.progress import progress_callback
    from stylelint.reporters.compare_reports import FORMATS

    if output:
        check_writable(Path(output))
    spec, cache = compare_spec(spec_path)
    with progress_callback(enabled=True, label="measuring") as on_file:
        comparison = compare(
            before, after, spec, options=Options(jobs=jobs or default_jobs(), cache=cache), on_file=on_file
        )
    for notice in dict.fromkeys(comparison.before.notices + comparison.after.notices):
        click.echo(f"stylelint: {notice}", err=True)
    _emit(lambda out: FORMATS[fmt](comparison, out), output)
    sys.exit(1 if fail_on_drift and comparison.drifted else 0)


@cli.command("rules")
def list_rules() -> None:
    """List every rule: id, category, one-line summary."""
    rules = available_rules()
    width = max(len(rule_id) for rule_id in rules)
    for rule in rules.values():
        click.echo(f"{rule.id:<{width}}  {rule.category.value:<11}  {rule.summary}")


@cli.command()
@click.argument("rule_id", shell_complete=completion.rule_ids)
def explain(rule_id: str) -> None:
    """What a rule measures, each parameter (type, default, unit), an example."""
    from stylelint.docs import explain_rule

    parse_rule_list(rule_id, available_rules(), option="explain")
    click.echo(explain_rule(available_rules()[rule_id]))


@cli.command()
@click.argument("images", nargs=-1, required=True)
@click.option("--spec", "spec_path", type=click.Path(dir_okay=False), help="Spec for palette and parameters.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def inspect(images: tuple[str, ...], spec_path: str | None, fmt: str) -> None:
    """Every measurement of the images, no verdicts."""
    import json

    from stylelint.api import resolve_spec
    from stylelint.inspect import inspect_images, to_document
    from stylelint.reporters.text import render_inspection
    from stylelint.spec import find_spec

    spec = resolve_spec(spec_path) if spec_path or find_spec(Path.cwd()) else None
    inspections = inspect_images(images, spec)
    if fmt == "json":
        click.echo(json.dumps(to_document(inspections), indent=2, ensure_ascii=False))
    else:
        render_inspection(inspections, sys.stdout)
    sys.exit(1 if any(i.error for i in inspections) else 0)


@cli.command()
@click.option("--output", default="stylelint.yaml", show_default=True, type=click.Path(dir_okay=False))
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def init(output: str, force: bool) -> None:
    """Write a commented starter spec."""
    from stylelint.docs import starter_spec

    target = Path(output)
    check_writable(target)
    if target.exists() and not force:
        raise UsageError(f"{target} already exists; use --force to overwrite it")
    write_atomically(target, lambda out: out.write(starter_spec()))
    click.echo(f"wrote {target}; edit it, then run `stylelint check`", err=True)


@cli.command("baseline")
@click.argument("paths", nargs=-1, type=click.Path(readable=False))
@click.option(
    "--spec", "spec_path", type=click.Path(dir_okay=False), help="Spec file (default: nearest stylelint.yaml)."
)
@click.option("--output", default=DEFAULT_BASELINE, show_default=True, type=click.Path(dir_okay=False))
@click.option("--jobs", type=click.IntRange(min=1), help="Worker processes (default: all cores).")
@click.option("--cache/--no-cache", default=True, help="Reuse measurements from .stylelint_cache/.")
def record_baseline(paths: tuple[str, ...], spec_path: str | None, output: str, jobs: int | None, cache: bool) -> None:
    """Record today's failures, so `check --baseline FILE` reports only new ones."""
    from stylelint import baseline
    from stylelint.api import check as run_check
    from stylelint.engine import Options, default_jobs
    from stylelint.progress import progress_callback

    check_writable(Path(output))
    options = Options(jobs=jobs or default_jobs(), cache=cache)
    with progress_callback(enabled=True) as on_file:
        report = run_check(list(paths) or ["."], spec_path, options=options, on_file=on_file)
    _notices(report)
    document = baseline.record(report, baseline.hash_files(report, only_failing=True))
    write_atomically(Path(output), lambda out: baseline.dump(document, out))
    failures, files = baseline.count(document)
    unreadable = report.summary()["errored"]
    click.echo(
        f"recorded {count(failures, 'failure')} in {count(files, 'file')} to {output}"
        + (f"; {unreadable} unreadable file(s) not recorded" if unreadable else ""),
        err=True,
    )


@cli.command()
@click.option("--output", type=click.Path(dir_okay=False), help="Write the schema to this file.")
def schema(output: str | None) -> None:
    """Print the JSON Schema of stylelint.yaml (for editors), from the installed rules."""
    import json

    from stylelint.schema import spec_schema

    document = spec_schema(available_rules())

    def render(out: TextIO) -> None:
        json.dump(document, out, indent=2, ensure_ascii=False)
        out.write("\n")

    _emit(render, output)


@cli.command("learn")
@click.argument("paths", nargs=-1, required=True)
@click.option("--output", required=True, type=click.Path(dir_okay=False), help="Where to write the learned spec.")
@click.option("--jobs", type=click.IntRange(min=1), help="Worker processes (default: all cores).")
@click.option(
    "--cache/--no-cache", default=True, help="Reuse measurements from .stylelint_cache/ beside the output spec."
)
def learn_command(paths: tuple[str, ...], output: str, jobs: int | None, cache: bool) -> None:
    """Infer a spec from approved reference images (at least 5; 10 or more of varied scenes)."""
    from stylelint.engine import default_jobs
    from stylelint.learn import learn_spec

    check_writable(Path(output))
    root = Path(output).resolve().parent if cache else None
    learned = learn_spec(list(paths), jobs=jobs or default_jobs(), cache_root=root)
    for skipped in learned.skipped:
        click.echo(f"stylelint: skipped {printable(skipped)}", err=True)
    for notice in learned.notices:
        click.echo(f"stylelint: {notice}", err=True)
    for warning in learned.warnings:
        click.echo(f"stylelint: warning: {warning}", err=True)
    for rule_id, reason in learned.left_out:
        click.echo(f"stylelint: left out {rule_id}: {reason}", err=True)
    write_atomically(Path(output), lambda out: out.write(learned.text))
    click.echo(f"learned from {learned.references} reference images; wrote {output}", err=True)


def _stop(signum: int, frame: object) -> None:
    """SIGINT and SIGTERM: stop the run (KeyboardInterrupt, Terminated) in the main process. A
    worker forked before its initializer reset these handlers just ends, without a traceback."""
    if os.getpid() != _MAIN_PID:
        os._exit(128 + signum)
    raise Terminated() if signum == signal.SIGTERM else KeyboardInterrupt()


_MAIN_PID = os.getpid()


# Thread pools of the numerical libraries (OpenBLAS, OpenMP, MKL): stylelint runs one image per
# process (`--jobs`, all cores by default), so a pool in every process only oversubscribes the
# cores, and OpenBLAS's idle threads spin: with it, `learn` spent about 15 % more CPU (10.6–11.1 s
# against 8.5–9.5 s on 30 references, 2 workers) and `check` about 6 % more. Its matrix products
# are thin (pixels × 3 by 3 × 3), which a thread pool does not speed up anyway.
_THREAD_POOLS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def _one_thread_per_process() -> None:
    """One thread per numerical library pool, unless the user set one: read when NumPy is first
    imported (after this, in this process and in every worker it starts)."""
    for name in _THREAD_POOLS:
        os.environ.setdefault(name, "1")


def main() -> None:
    """Console-script entry point. SIGTERM (a CI job cancelled, `kill`, a container stopped) is
    handled like Ctrl-C: workers stopped, no report, one line, exit 143."""
    global _MAIN_PID
    _MAIN_PID = os.getpid()
    _one_thread_per_process()
    # This process measures images itself with --jobs 1 or one file. Here, not in the click group:
    # the setting is process-wide, so a program (or a test) invoking `cli` keeps its own malloc.
    from stylelint.executors import keep_freed_memory

    keep_freed_memory()
    signal.signal(signal.SIGINT, _stop)
    signal.signal(signal.SIGTERM, _stop)
    try:
        cli(prog_name="stylelint")
    except BrokenPipeError:
        # The reader (`| head`) went away: stop quietly, as other Unix tools do.
        sys.stderr.close()
        sys.exit(1)
