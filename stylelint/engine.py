"""The engine: the per-image phase, the set phase, parallelism.

`check_image` is pure and picklable: worker processes map it over files. Set rules then run in
the main process on the compact records the per-image phase measured. Files are ordered by
path and results by rule id, whatever the scheduling, so output does not depend on --jobs.
"""

from __future__ import annotations

import json
import logging
import os
import traceback
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any, NamedTuple

from stylelint.analysis import Analysis
from stylelint.cache import CACHE_FOLDER, MeasurementCache, rule_key
from stylelint.discovery import Target
from stylelint.errors import ImageReadError
from stylelint.executors import Executor, ordered_map
from stylelint.facts import ImageFacts
from stylelint.limits import TimeLimitExceeded, time_limit
from stylelint.names import shown
from stylelint.report import FailPolicy, FileResult, Report, RuleResult, Severity, Thumbnail
from stylelint.rule import RECORD_PATH, Rule
from stylelint.spec import RuleConfig, Spec

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Options:
    """How a run is carried out (not what is checked)."""

    jobs: int = 1
    select: frozenset[str] = frozenset()
    ignore: frozenset[str] = frozenset()
    policy: FailPolicy = field(default_factory=FailPolicy)
    cache: bool = False
    executor: Executor = field(default_factory=Executor)
    thumbnails: bool = False
    """Make each image's thumbnail while it is decoded (a reporter that shows images)."""


@dataclass(frozen=True)
class Job:
    """One image's work for the per-image phase (picklable)."""

    target: Target
    configs: tuple[RuleConfig, ...]
    analysis: Analysis
    cache: MeasurementCache | None = None
    thumbnails: bool = False


@dataclass(frozen=True)
class Outcome:
    """The per-image phase's answer for one file: per-image results, set-rule records
    ({rule id: measured record}, before the set phase compares them), and why the cache could
    not be written (a worker cannot warn by itself: the run warns once)."""

    file: FileResult
    records: Mapping[str, dict[str, Any]] = field(default_factory=dict)
    cache_error: str | None = None


def check_image(job: Job) -> Outcome:
    """Measure and judge one image with every configured rule (set rules: measure only)."""
    target = job.target
    unreadable = partial(_unreadable, target)
    if target.error:
        return Outcome(unreadable(target.error))
    facts = ImageFacts(target.path, job.analysis)
    try:
        with time_limit(job.analysis.max_seconds):
            measured, notes, cache_error = measure_all(job, facts)
    except ImageReadError as exc:
        return Outcome(unreadable(str(exc)))
    except TimeLimitExceeded:
        return Outcome(unreadable(f"analysis took longer than {job.analysis.max_seconds} s (analysis.max_seconds)"))
    results: list[RuleResult] = []
    records: dict[str, dict[str, Any]] = {}
    for config in job.configs:
        outcome = measured[config.rule.id]
        if isinstance(outcome, RuleResult):
            results.append(outcome)
        elif config.rule.is_set_rule:
            records[config.rule.id] = outcome
        else:
            results.append(judged(config, outcome))
    # With the cache, the file was hashed for its key: keep the hash (baselines need no re-read).
    content_hash = facts.content_hash if job.cache is not None else None
    file = _file_result(target, results=tuple(results), notes=notes, content_hash=content_hash)
    return Outcome(replace(file, thumbnail=_thumbnail(facts)) if job.thumbnails else file, records, cache_error)


def _thumbnail(facts: ImageFacts) -> Thumbnail | None:
    """The image's thumbnail from its working copy reduced to THUMB_SIDE px (`facts.reduced`:
    the copy noise and sharpness read when they ran, since their scale is the same 400 px; the
    working copy is decoded already unless every measurement came from the cache); None when it
    cannot be made."""
    from stylelint.reporters.thumbnails import THUMB_SIDE, thumbnail_of

    try:
        return thumbnail_of(facts.reduced(THUMB_SIDE))
    except (ImageReadError, OSError) as exc:
        log.debug("no thumbnail for %s: %s", facts.path, exc)
        return None


def _file_result(target: Target, **fields: Any) -> FileResult:
    """The target's FileResult, its name shown safely (`names.shown`; the real one kept to open)."""
    display = shown(target.display)
    return FileResult(display, source=None if display == target.display else target.path, **fields)


def _unreadable(target: Target, cause: str) -> FileResult:
    """The target as an unreadable file; decoder messages may quote its undecodable name."""
    return _file_result(target, error=shown(cause))


class Measurements(NamedTuple):
    """What the per-image phase learnt of one file: each rule's measurement (or its crash as a
    RuleResult), the file's notes (ImageFacts.notes), and why the cache could not be written."""

    values: dict[str, dict[str, Any] | RuleResult]
    notes: tuple[str, ...]
    cache_error: str | None = None


# The cache entry of an image holds its notes beside the rules' measurements, under a key no
# rule key can take ("id@version:hash"), so a warm run reports them without opening the file.
_NOTES_KEY = "_notes"


def measure_all(job: Job, facts: ImageFacts) -> Measurements:
    """Every rule's measurement (from the cache when there), or its crash as a RuleResult.

    A cached part is used only when it has the shape the rule measures (a mapping holding the
    rule's `measured_keys`; notes a list of text); anything else is measured again and the entry
    rewritten, so an edited or stale cache can neither crash a run nor change a verdict.
    """
    cached = _usable(job.cache.load(facts.content_hash, job.analysis), job.configs) if job.cache else {}
    fresh: dict[str, Any] = {}
    if _NOTES_KEY not in cached:
        fresh[_NOTES_KEY] = list(facts.notes)  # reads the header: a broken file fails here
    else:  # these bytes decoded whole before: a header-only rule measured afresh needs no decode
        facts.known_decodable = True
    out: dict[str, dict[str, Any] | RuleResult] = {}
    for config in job.configs:
        key = rule_key(config.rule, config.params)
        if key in cached:
            out[config.rule.id] = cached[key]
            continue
        try:
            out[config.rule.id] = fresh[key] = _plain(config.rule.measure(facts, config.params))
        except ImageReadError:
            raise
        except Exception as exc:
            log.debug("rule %s crashed on %s:\n%s", config.rule.id, job.target.display, traceback.format_exc())
            out[config.rule.id] = _crashed(config, exc)
    failed = job.cache.store(facts.content_hash, job.analysis, {**cached, **fresh}) if fresh and job.cache else None
    return Measurements(out, tuple({**cached, **fresh}[_NOTES_KEY]), failed)


def _usable(cached: dict[str, Any], configs: Sequence[RuleConfig]) -> dict[str, Any]:
    """The cache entry without the parts that lack the shape their rule measures: notes that are
    not a list of text, or a rule's part that is not a mapping holding its `measured_keys` (a set
    rule's part is its per-image record, checked as a mapping only). Parts of rules this run does
    not configure are kept as they are, so a run with other rules does not erase them."""
    keep = dict(cached)
    notes = cached.get(_NOTES_KEY)
    if not (isinstance(notes, list) and all(isinstance(note, str) for note in notes)):
        keep.pop(_NOTES_KEY, None)
    for config in configs:
        key = rule_key(config.rule, config.params)
        measured = cached.get(key)
        required = () if config.rule.is_set_rule else config.rule.measured_keys
        if key in keep and not (isinstance(measured, dict) and all(k in measured for k in required)):
            del keep[key]
    return keep


def _plain(measured: dict[str, Any]) -> dict[str, Any]:
    """Measured values as plain JSON data (numpy scalars → numbers, tuples → lists, NaN and
    infinities → null, which JSON has no other way to hold), so a fresh measurement and a cached
    one are identical and every report format can write them."""

    def default(value: Any) -> Any:
        if hasattr(value, "tolist"):
            return value.tolist()
        raise TypeError(f"measured value of type {type(value).__name__} is not JSON data")

    return json.loads(json.dumps(measured, default=default), parse_constant=lambda _constant: None)


def judged(config: RuleConfig, measured: dict[str, Any]) -> RuleResult:
    """Judge a measurement under a configuration (a crashing judge becomes a crashed result)."""
    try:
        verdict = config.rule.judge(measured, config.params)
    except Exception as exc:
        log.debug("rule %s failed to judge:\n%s", config.rule.id, traceback.format_exc())
        return _crashed(config, exc, measured)
    return RuleResult(
        rule=config.rule.id,
        severity=config.severity,
        passed=verdict.passed,
        message=verdict.message,
        measured=measured,
        expected=verdict.expected,
    )


def _crashed(config: RuleConfig, exc: BaseException, measured: dict[str, Any] | None = None) -> RuleResult:
    cause = shown(f"{type(exc).__name__}: {exc}")
    return RuleResult(
        rule=config.rule.id,
        severity=config.severity,
        passed=False,
        message=f"rule crashed: {cause}",
        measured=measured or {},
        expected={},
        crashed=cause,
    )


def _jobs(targets: Iterable[Target], spec: Spec, options: Options) -> Iterator[Job]:
    from stylelint.registry import select

    cache = MeasurementCache(spec.root / CACHE_FOLDER) if options.cache else None
    for target in targets:
        rules = spec.rules_at(target.below) if target.below is not None else spec.rules_for(Path(target.path))
        configs = select(rules, only=options.select, ignore=options.ignore)
        configured = tuple(configs[k] for k in sorted(configs))
        yield Job(target, configured, spec.analysis, cache, thumbnails=options.thumbnails)


def run(
    targets: Sequence[Target],
    spec: Spec,
    options: Options = Options(),
    *,
    on_file: Callable[[FileResult, int], None] | None = None,
) -> Report:
    """Check `targets` under `spec`: the per-image phase on `options.executor` (`options.jobs`
    local processes by default), then the set phase here; returns the report in path order."""
    jobs = list(_jobs(targets, spec, options))
    outcomes = _per_image(jobs, spec, options, on_file=on_file)
    files = _set_phase(jobs, outcomes)
    return Report(
        spec=_spec_name(spec), files=tuple(files), policy=options.policy, notices=cache_notice(spec, outcomes)
    )


def per_image(
    targets: Sequence[Target],
    spec: Spec,
    options: Options = Options(),
    *,
    on_file: Callable[[FileResult, int], None] | None = None,
) -> list[Outcome]:
    """The per-image phase alone, as `run` carries it out (same executor, same cache): each
    target's FileResult (per-image rules judged) and its set rules' records, in target order.
    `stylelint compare` reads measurements from here, so a checked folder is not re-measured."""
    return _per_image(list(_jobs(targets, spec, options)), spec, options, on_file=on_file)


def _per_image(
    jobs: list[Job], spec: Spec, options: Options, *, on_file: Callable[[FileResult, int], None] | None
) -> list[Outcome]:
    outcomes = []
    shared = _Shared()
    for outcome in ordered_map(_check_batch, jobs, workers=options.jobs, executor=options.executor):
        outcomes.append(shared.outcome(outcome))
        if on_file is not None:
            on_file(outcome.file, len(jobs))
    if options.cache:
        MeasurementCache(spec.root / CACHE_FOLDER).prune()
    return outcomes


def cache_notice(spec: Spec, outcomes: Sequence[Outcome]) -> tuple[str, ...]:
    """The one warning of a run whose cache could not be written (issue 15: a full disk); every
    command that measures through the engine (check, learn, compare, baseline) shows it."""
    cause = next((o.cache_error for o in outcomes if o.cache_error), None)
    if cause is None:
        return ()
    folder = shown(os.path.relpath(spec.root / CACHE_FOLDER))
    return (f"warning: the cache could not be written ({folder}: {cause}); results are not affected",)


class _Shared:
    """Makes equal values that arrive from workers one object again: a library audit holds a
    result for every file and rule, and most messages, `expected` mappings and many `measured`
    ones are the same for thousands of files (unpickling gives each its own copy)."""

    def __init__(self) -> None:
        self._values: dict[tuple[type, str], Any] = {}

    def _one(self, value: Any) -> Any:
        return self._values.setdefault((type(value), repr(value)), value)

    def outcome(self, outcome: Outcome) -> Outcome:
        results = tuple(
            replace(
                r,
                rule=self._one(r.rule),
                message=self._one(r.message),
                measured=self._one(r.measured),
                expected=self._one(r.expected),
            )
            for r in outcome.file.results
        )
        return replace(outcome, file=replace(outcome.file, results=results))


def _check_batch(jobs: list[Job]) -> list[Outcome]:
    """The per-image phase of a batch of jobs: one executor task."""
    return [check_image(job) for job in jobs]


def _set_phase(jobs: list[Job], outcomes: list[Outcome]) -> list[FileResult]:
    """Judge each set rule over the records of every file it measured, grouped by parameters."""
    groups: dict[tuple[str, Any], list[int]] = {}
    for index, (job, outcome) in enumerate(zip(jobs, outcomes)):
        for config in job.configs:
            if config.rule.id in outcome.records:
                groups.setdefault((config.rule.id, config.params), []).append(index)
    extra: dict[int, list[RuleResult]] = {}
    for (rule_id, _params), members in groups.items():
        config = next(c for c in jobs[members[0]].configs if c.rule.id == rule_id)
        records = [{**outcomes[i].records[rule_id], RECORD_PATH: outcomes[i].file.path} for i in members]
        for index, result in zip(members, _compare(config, records)):
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
    except Exception as exc:
        log.debug("set rule %s crashed:\n%s", rule.id, traceback.format_exc())
        return [_crashed(config, exc) for _ in records]


def _spec_name(spec: Spec) -> str:
    return shown(spec.name if spec.path is None else os.path.relpath(spec.path))


def default_jobs() -> int:
    """All cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


__all__ = [
    "Options",
    "Severity",
    "Target",
    "cache_notice",
    "check_image",
    "default_jobs",
    "judged",
    "per_image",
    "run",
]
