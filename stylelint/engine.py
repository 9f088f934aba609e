"""The engine: file discovery, the per-image phase, the set phase, parallelism.

`check_image` is pure and picklable: worker processes map it over files. Set rules then run in
the main process on the compact records the per-image phase measured. Files are ordered by
path and results by rule id, whatever the scheduling, so output does not depend on --jobs.
"""
from __future__ import annotations

import logging
import os
import traceback
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence

from stylelint.errors import ImageReadError
from stylelint.facts import Analysis, ImageFacts
from stylelint.report import FailPolicy, FileResult, Report, RuleResult, Severity
from stylelint.rule import Rule
from stylelint.spec import RuleConfig, Spec

log = logging.getLogger(__name__)

IMAGE_EXTENSIONS = frozenset({".jpg", ".jpeg", ".png", ".webp", ".tif", ".tiff", ".gif", ".bmp",
                              ".heic", ".heif", ".avif"})
# Folders never searched: version control, and the result cache.
_SKIPPED_FOLDERS = frozenset({".git", ".hg", ".svn", ".stylelint_cache"})


@dataclass(frozen=True)
class Target:
    """A file to check: the path shown in reports and the path to open."""

    display: str
    path: Path
    error: str | None = None


@dataclass(frozen=True)
class Options:
    """How a run is carried out (not what is checked)."""

    jobs: int = 1
    select: frozenset[str] = frozenset()
    ignore: frozenset[str] = frozenset()
    policy: FailPolicy = field(default_factory=FailPolicy)


@dataclass(frozen=True)
class _Job:
    """One image's work for the per-image phase (picklable)."""

    target: Target
    configs: tuple[RuleConfig, ...]
    analysis: Analysis


@dataclass(frozen=True)
class _Outcome:
    """The per-image phase's answer: per-image results and set-rule records."""

    file: FileResult
    records: Mapping[str, dict[str, Any]] = field(default_factory=dict)


def discover(paths: Sequence[str], spec: Spec) -> list[Target]:
    """Image files under `paths`, deduplicated and sorted by display path.

    Folders are searched recursively (following links, each real folder once) for the image
    extensions, skipping `ignore` globs; a file named explicitly is always taken.
    """
    found: dict[str, Target] = {}
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for target in _walk(given, spec):
                found.setdefault(target.display if target.error else os.path.realpath(target.path), target)
        else:
            error = None if path.exists() else "file not found"
            found.setdefault(os.path.realpath(path), Target(given, path, error))
    return sorted(found.values(), key=lambda t: t.display)


def _walk(given: str, spec: Spec) -> Iterator[Target]:
    seen: set[tuple[int, int]] = set()
    errors: list[OSError] = []
    for folder, subfolders, files in os.walk(given, followlinks=True, onerror=errors.append):
        stat = os.stat(folder)
        if (stat.st_dev, stat.st_ino) in seen:
            subfolders[:] = []
            continue
        seen.add((stat.st_dev, stat.st_ino))
        subfolders[:] = sorted(d for d in subfolders if d not in _SKIPPED_FOLDERS)
        for name in sorted(files):
            path = Path(folder, name)
            if path.suffix.lower() in IMAGE_EXTENSIONS and not spec.is_ignored(path):
                yield Target(path.as_posix() if given != "." else os.path.relpath(path), path)
    for exc in errors:
        yield Target(str(exc.filename), Path(str(exc.filename)), f"cannot read folder: {exc.strerror}")


def check_image(job: _Job) -> _Outcome:
    """Measure and judge one image with every configured rule (set rules: measure only)."""
    target = job.target
    if target.error:
        return _Outcome(FileResult(target.display, error=target.error))
    facts = ImageFacts(target.path, job.analysis)
    results: list[RuleResult] = []
    records: dict[str, dict[str, Any]] = {}
    try:
        facts.header  # every file must at least open: a broken header is a per-file error
        for config in job.configs:
            measured, result = _run_rule(config, facts, target.display)
            if config.rule.is_set_rule and measured is not None:
                records[config.rule.id] = measured
            elif result is not None:
                results.append(result)
    except ImageReadError as exc:
        return _Outcome(FileResult(target.display, error=str(exc)))
    return _Outcome(FileResult(target.display, tuple(results)), records)


def _run_rule(config: RuleConfig, facts: ImageFacts,
              display: str) -> tuple[dict[str, Any] | None, RuleResult | None]:
    rule = config.rule
    try:
        measured = rule.measure(facts, config.params)
        if rule.is_set_rule:
            return measured, None
        return measured, judged(config, measured)
    except ImageReadError:
        raise
    except Exception as exc:  # noqa: BLE001 - one crashing rule must not stop the run (STYLE.md §7)
        log.debug("rule %s crashed on %s:\n%s", rule.id, display, traceback.format_exc())
        return None, _crashed(config, exc)


def judged(config: RuleConfig, measured: dict[str, Any]) -> RuleResult:
    """Judge a measurement under a configuration."""
    verdict = config.rule.judge(measured, config.params)
    return RuleResult(rule=config.rule.id, severity=config.severity, passed=verdict.passed,
                      message=verdict.message, measured=measured, expected=verdict.expected)


def _crashed(config: RuleConfig, exc: BaseException) -> RuleResult:
    cause = f"{type(exc).__name__}: {exc}"
    return RuleResult(rule=config.rule.id, severity=config.severity, passed=False,
                      message=f"rule crashed: {cause}", measured={}, expected={}, crashed=cause)


def _jobs(targets: Iterable[Target], spec: Spec, options: Options) -> Iterator[_Job]:
    from stylelint.registry import select

    for target in targets:
        configs = select(spec.rules_for(target.path), only=options.select, ignore=options.ignore)
        yield _Job(target, tuple(configs[k] for k in sorted(configs)), spec.analysis)


def run(targets: Sequence[Target], spec: Spec, options: Options = Options(), *,
        on_file: Callable[[FileResult, int], None] | None = None) -> Report:
    """Check `targets` under `spec`: the per-image phase in `options.jobs` processes, then
    the set phase; returns the report in path order."""
    jobs = list(_jobs(targets, spec, options))
    outcomes = []
    for outcome in _map(check_image, jobs, options.jobs):
        outcomes.append(outcome)
        if on_file is not None:
            on_file(outcome.file, len(jobs))
    files = _set_phase(jobs, outcomes)
    return Report(spec=_spec_name(spec), files=tuple(files), policy=options.policy)


def _map(func: Callable[[_Job], _Outcome], jobs: list[_Job], workers: int) -> Iterator[_Outcome]:
    if workers <= 1 or len(jobs) <= 1:
        yield from map(func, jobs)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(func, jobs, chunksize=max(1, min(16, len(jobs) // (workers * 4))))


def _set_phase(jobs: list[_Job], outcomes: list[_Outcome]) -> list[FileResult]:
    """Judge each set rule over the records of every file it measured, grouped by parameters."""
    groups: dict[tuple[str, Any], list[int]] = {}
    for index, (job, outcome) in enumerate(zip(jobs, outcomes)):
        for config in job.configs:
            if config.rule.id in outcome.records:
                groups.setdefault((config.rule.id, config.params), []).append(index)
    extra: dict[int, list[RuleResult]] = {}
    for (rule_id, _params), members in groups.items():
        config = next(c for c in jobs[members[0]].configs if c.rule.id == rule_id)
        for index, result in zip(members, _compare(config, [outcomes[i].records[rule_id] for i in members])):
            severity = next(c.severity for c in jobs[index].configs if c.rule.id == rule_id)
            extra.setdefault(index, []).append(replace(result, severity=severity))
    files = []
    for index, outcome in enumerate(outcomes):
        results = sorted(outcome.file.results + tuple(extra.get(index, ())), key=lambda r: r.rule)
        files.append(replace(outcome.file, results=tuple(results)))
    return files


def _compare(config: RuleConfig, records: list[dict[str, Any]]) -> list[RuleResult]:
    rule: Rule = config.rule
    assert rule.compare is not None
    try:
        return [judged(config, measured) for measured in rule.compare(records, config.params)]
    except Exception as exc:  # noqa: BLE001 - a crashing set rule is reported for every file
        log.debug("set rule %s crashed:\n%s", rule.id, traceback.format_exc())
        return [_crashed(config, exc) for _ in records]


def _spec_name(spec: Spec) -> str:
    return spec.name if spec.path is None else os.path.relpath(spec.path)


def default_jobs() -> int:
    """All cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


__all__ = ["IMAGE_EXTENSIONS", "Options", "Severity", "Target", "check_image", "default_jobs",
           "discover", "judged", "run"]
