"""`stylelint learn`: infer a spec from approved reference images, every value with its evidence.

How it works. Every installed rule with a `suggest` hook (see `stylelint.rule`; plugin rules
are learned exactly like built-in ones) is measured on the references by the engine, as
`check` measures (`--jobs` processes, the measurement cache), at its default parameters. Each
hook is then handed its own measurements and returns the parameters the references support,
each with a comment saying what it was learned from, or a note saying why the rule is left out.
This module names no rule. The spec is written, loaded back (a learned spec that does not load
is a bug) and checked against the references: a rule that would fail any of them is left out,
with a comment saying so, so **a learned spec passes every one of its references**. That check
reads the measurements from the cache, in this process: each reference is decoded and measured
once (a palette the references may share is measured again, with its colours).

What is written (the hooks' shared policy):
- **Only what the references support.** A range is [smallest − m, largest + m], m half the
  range seen and at least a small floor (`stylelint.suggesting.suggest_range`), so other scenes in the
  same look pass. Whole-image averages (mean lightness, RMS contrast, colourfulness, grey-world
  colour temperature) move more from scene to scene than a grade moves them, so a range that
  would admit most (`stylelint.suggesting.MAX_SPAN`) of what ordinary photographs span (each hook's
  `typical`, P5–P95 of the Kodak test photographs) is left out with a comment: it would
  constrain little and only cost on-style images of unusual scenes. Such ranges are written only
  for looks that shift or pin the average (high-key lightness, black-and-white colourfulness),
  except a bound beyond every ordinary photograph measured (each hook's `extremes`), which costs
  no ordinary scene and rejects extreme grades (a strong cool cast);
  what a grade does to the tones and colours of every scene is the business of a look model
  (tone curve, split toning), not of these ranges.
- A bound at the edge of its scale is not written: a colourful set never gets a colourfulness
  minimum of 0, and a reference beyond a parameter's largest value (25,000 K) drops that bound
  rather than failing.
- Shares that swing with the scene (clipped highlights, crushed shadows) get generous ceilings,
  never below what one ordinary photograph in 100 exceeds (a hook passes it as `ordinary`;
  exposure: 22.5 % blown, 18 % crushed), and switched off when the references themselves clip
  a lot (`stylelint.suggesting.suggest_ceiling`).
- `consistency` keeps only the features the references hold unusually constant (compared with
  ordinary photographs), and is left out when there are none.
- Geometry: aspect ratios snap to common ratios ("4:5", "3:2") with a tolerance covering every
  reference; orientations, formats and profiles are those seen.
- A palette is written only when the references share colours beyond their scene content: a
  colour present with a real share in most references (the comment says why it was or was
  not), with `blends`, since a photograph holds its colours in every light.
- Warnings: fewer than `FEW_REFERENCES` references, or references so alike (near-duplicates)
  that they cannot pin a look down. Fewer than `MIN_REFERENCES` files is refused before
  anything is measured.
- A rule whose hook is `NotLearned` (sharpness: image quality, not a look) is not measured, and
  a rule without a hook is not either; both are left out with their reason. Every rule left out
  is named, with why, in the spec's comments and in `Learned.left_out` (which the CLI prints).
"""

from __future__ import annotations

import json
import logging
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from stylelint.analysis import Analysis
from stylelint.discovery import Target, discover
from stylelint.errors import UsageError
from stylelint.params import Colour, ParseContext, build
from stylelint.registry import available_rules
from stylelint.report import Severity
from stylelint.rule import NotLearned, References, Remeasure, Rule, Suggestion, left_out
from stylelint.spec import RuleConfig, Spec

log = logging.getLogger(__name__)

# Enough references for a range and a median/MAD to mean something (= consistency's set size).
MIN_REFERENCES = 5
# Below this many references a learned look is rough: ten give each range's ends at about the
# 9th and 91st percentiles of the look (order statistics: k/(n + 1)).
FEW_REFERENCES = 10
# Why a rule without a `suggest` hook is not written.
NO_HOOK = "not learned from images (a decision for the house, not a property of its look): set by hand"


@dataclass(frozen=True)
class Learned:
    """A learned spec: its YAML text, how many references it came from, the skipped files, what
    the user should know about the references and which rules were left out, and why."""

    text: str
    references: int
    skipped: tuple[str, ...]
    warnings: tuple[str, ...] = ()
    left_out: tuple[tuple[str, str], ...] = ()
    """(rule ids, why) of every rule not written, as the spec's comments say ("a, b" when the
    reason is the same)."""
    notices: tuple[str, ...] = ()
    """Warnings of the measuring runs (a cache that could not be written), as `check` shows them."""


def learn_spec(
    paths: Sequence[str],
    *,
    name: str | None = None,
    jobs: int = 1,
    cache_root: Path | None = None,
) -> Learned:
    """Measure the reference images under `paths` and write a spec from them.

    `jobs`: worker processes; `cache_root`: the folder whose `.stylelint_cache/` holds the
    measurements (None: a temporary one for this run). Raises UsageError with fewer than
    `MIN_REFERENCES` images, before measuring anything, or fewer readable ones.
    """
    from stylelint.engine import Options

    targets = _discover(paths)
    if len(targets) < MIN_REFERENCES:
        raise UsageError(
            f"learn needs at least {MIN_REFERENCES} reference images, found {len(targets)} in {', '.join(paths)}"
        )
    installed = available_rules()
    hooked = {rule_id: rule for rule_id, rule in installed.items() if rule.suggest is not None}
    # Rules without a hook (the horizon's tilt, required metadata, text over a region) are house
    # decisions that images cannot show: the spec says so, so a reader knows they were considered.
    unhooked = {r: left_out(NO_HOOK) for r in installed if r not in hooked}
    # A rule whose optional package is missing (provenance without c2pa-python) is not measured.
    absent = {rule_id: left_out(f"not measured: {why}") for rule_id, rule in hooked.items() if (why := rule.missing())}
    # A rule deliberately not learned from images says why, without being measured.
    unlearned = {
        r: rule.suggest(References((), 0)) for r, rule in hooked.items() if isinstance(rule.suggest, NotLearned)
    }
    rules = {rule_id: rule for rule_id, rule in hooked.items() if rule_id not in absent and rule_id not in unlearned}
    with _cache_folder(cache_root) as root:
        session = _Session(rules, root, Options(jobs=jobs, cache=True))
        good, skipped = session.measure(targets)
        if len(good) < MIN_REFERENCES:
            raise UsageError(
                f"learn needs at least {MIN_REFERENCES} readable reference images, found {len(good)} in {', '.join(paths)}"
            )
        readable = [Target(path, path) for path in good]
        suggestions = dict(
            sorted(
                {**unhooked, **absent, **unlearned, **{r: session.suggest(r, readable, good) for r in rules}}.items()
            )
        )
        title = name or f"Learned from {len(good)} references"
        text = _render(title, suggestions, len(good))
        failures = session.failures(readable, _validate(text, root))
        if failures:
            suggestions.update(failures)
            text = _render(title, suggestions, len(good))
            _validate(text, root)
    warnings = _warnings(len(good), suggestions)
    return Learned(text, len(good), skipped, warnings, _left_out(suggestions), tuple(session.notices))


def _discover(paths: Sequence[str]) -> list[Target]:
    targets = [t for t in discover(list(paths)) if t.error is None]
    if not targets:
        raise UsageError(f"no image found in {', '.join(paths)}")
    return targets


@contextmanager
def _cache_folder(root: Path | None) -> Iterator[Path]:
    """`root` itself, or a temporary folder for this run (so the checks reuse the measurements)."""
    if root is not None:
        yield root
        return
    with tempfile.TemporaryDirectory(prefix="stylelint-learn-") as folder:
        yield Path(folder)


class _Session:
    """One learning run: the rules with hooks, where the cache lives, how the engine runs."""

    def __init__(self, rules: Mapping[str, Rule], root: Path, options: Any) -> None:
        self.rules, self.root, self.options = rules, root, options
        self.measured: dict[str, list[Mapping[str, Any] | None]] = {}
        self.notices: dict[str, None] = {}  # the runs' warnings, once each, in order

    def spec(self, configs: Mapping[str, RuleConfig], palette: Mapping[str, Colour]) -> Spec:
        return Spec(path=None, name="learn", root=self.root, palette=palette, analysis=Analysis(), rules=configs)

    def measure(self, targets: Sequence[Any]) -> tuple[list[str], tuple[str, ...]]:
        """Measure every reference with every hooked rule at its defaults; (readable paths, skipped)."""
        configs = {}
        for rule_id, rule in self.rules.items():
            built, problems = build(rule.params, {}, ParseContext())
            if problems:  # a required parameter (forbidden-colors' colours): nothing to measure with
                log.debug("learn: %s left out: %s", rule_id, problems)
                continue
            configs[rule_id] = RuleConfig(rule, Severity.INFO, built)
        files = self._measured(targets, self.spec(configs, {}))
        good = [(path, values) for path, values, error in files if error is None]
        self.measured = {rule_id: [values.get(rule_id) for _, values in good] for rule_id in configs}
        return [path for path, _ in good], tuple(f"{path}: {error}" for path, _, error in files if error is not None)

    def _measured(self, targets: Sequence[Any], spec: Spec) -> list[tuple[str, dict[str, Any], str | None]]:
        """(path, {rule id: raw measurement, None where it crashed}, read error) of each target,
        from the engine's per-image phase (`--jobs` processes, the cache)."""
        from stylelint.engine import cache_notice, per_image

        found = []
        outcomes = per_image(targets, spec, self.options)
        for outcome in outcomes:
            values: dict[str, Any] = {r.rule: (None if r.crashed else r.measured) for r in outcome.file.results}
            values.update(outcome.records)
            found.append((outcome.file.path, values, outcome.file.error))
        self.notices.update(dict.fromkeys(cache_notice(spec, outcomes)))
        return found

    def suggest(self, rule_id: str, targets: Sequence[Any], paths: Sequence[str]) -> Suggestion:
        """Ask the rule's hook; a hook that crashes or answers nothing leaves its rule out, saying so."""
        rule = self.rules[rule_id]
        assert rule.suggest is not None
        measured = tuple(m for m in self.measured.get(rule_id, []) if isinstance(m, dict))
        if not measured:
            return left_out("it could not be measured on any reference (run with --debug to see why)")
        references = References(measured, len(paths), self._remeasurer(rule, targets))
        try:
            return rule.suggest(references) or left_out("its suggest hook answered nothing")
        except Exception as exc:
            log.warning("learn: rule %s could not suggest parameters: %s: %s", rule_id, type(exc).__name__, exc)
            return left_out(f"its suggest hook failed ({type(exc).__name__}: {exc})")

    def _remeasurer(self, rule: Rule, targets: Sequence[Any]) -> Remeasure:
        def remeasure(raw: Mapping[str, Any], palette: Mapping[str, str]) -> list[Mapping[str, Any] | None]:
            colours = {n: Colour.from_hex(h, name=n) for n, h in palette.items()}
            built, problems = build(rule.params, raw, ParseContext(palette=colours), rule.constraints)
            if problems:
                raise ValueError(f"remeasure with invalid parameters {raw}: {problems}")
            spec = self.spec({rule.id: RuleConfig(rule, Severity.INFO, built)}, colours)
            return [values.get(rule.id) for _, values, _ in self._measured(targets, spec)]

        return remeasure

    def failures(self, targets: Sequence[Any], spec: Spec) -> dict[str, Suggestion]:
        """Rules of the learned spec that fail any reference, each as a left-out suggestion."""
        from stylelint.engine import run

        # In this process: every measurement the check needs was taken by `measure` (or by a
        # remeasure with the learned colours) and is read from the cache, so worker processes
        # would only cost their start (about 0.08 s of CPU for two, issue 12).
        report = run(targets, spec, replace(self.options, jobs=1))
        self.notices.update(dict.fromkeys(report.notices))
        failed: dict[str, list[str]] = {}
        for file in report.files:
            for result in file.results:
                if not result.passed:
                    failed.setdefault(result.rule, []).append(f"{file.path}: {result.message}")
        for rule_id, where in failed.items():
            log.debug("learn: %s would fail %d references (%s); left out", rule_id, len(where), where[0])
        return {
            rule_id: left_out(f"it would fail {len(where)} of {len(targets)} references (e.g. {where[0]}); left out")
            for rule_id, where in failed.items()
        }


def _left_out(suggestions: Mapping[str, Suggestion]) -> tuple[tuple[str, str], ...]:
    """(rule ids, why) of the rules not written, rules with the same reason on one line
    ("horizon, metadata, thirds"), in rule order."""
    grouped: dict[str, list[str]] = {}
    for rule_id, suggestion in suggestions.items():
        if not suggestion.written:
            grouped.setdefault(" ".join(suggestion.note.split()) or "nothing to learn", []).append(rule_id)
    return tuple((", ".join(rule_ids), reason) for reason, rule_ids in grouped.items())


def _warnings(count: int, suggestions: Mapping[str, Suggestion]) -> tuple[str, ...]:
    found = []
    if count < FEW_REFERENCES:
        found.append(
            f"only {count} references: learned ranges are rough (at least {FEW_REFERENCES}, of varied "
            "scenes in the house look, pin a look down)"
        )
    for suggestion in suggestions.values():
        found += suggestion.warnings
    return tuple(found)


# ---- YAML ------------------------------------------------------------------------------------------


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_scalar(v) for v in value) + "]"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{k}: {_scalar(v)}" for k, v in value.items()) + "}"
    if isinstance(value, float):
        return f"{value:.6g}" if abs(value) < 1e15 else str(value)
    return str(value)


def _comment(text: str) -> str:
    return f"  # {' '.join(text.split())}" if text else ""


def _param_lines(suggestion: Suggestion, indent: str) -> list[str]:
    lines = []
    for key, value in suggestion.params.items():
        evidence = suggestion.evidence.get(key, "")
        if isinstance(value, Mapping) and value and all(isinstance(v, Mapping) for v in value.values()):
            lines.append(f"{indent}{key}:{_comment(evidence)}")
            for sub, inner in value.items():
                lines.append(
                    f"{indent}  {sub}: {_scalar(inner)}{_comment(suggestion.evidence.get(f'{key}.{sub}', ''))}"
                )
        else:
            lines.append(f"{indent}{key}: {_scalar(value)}{_comment(evidence)}")
    return lines


def _render(name: str, suggestions: Mapping[str, Suggestion], count: int) -> str:
    lines = [
        f"# Learned by `stylelint learn` from {count} approved reference images.",
        "# Every value says what it was learned from; edit freely.",
        "version: 1",
        f"name: {_scalar(name)}",
    ]
    palette = {n: h for s in suggestions.values() if s and s.written for n, h in s.palette.items()}
    if palette:
        lines.append("palette:  # colours the references share (see the palette rule's comment)")
        lines += [f'  {n}: "{h}"' for n, h in palette.items()]
    written = any(s.written for s in suggestions.values())
    lines.append("rules:" if written else "rules: {}")
    for rule_id, suggestion in suggestions.items():
        if suggestion.written:
            lines.append(f"  {rule_id}:{_comment(suggestion.note)}")
            lines += _param_lines(suggestion, "    ")
    omitted = _left_out(suggestions)
    if omitted:
        lines.append("  # Not written:")
        lines += [f"  # {rule_ids}: {reason}" for rule_ids, reason in omitted]
    return "\n".join(lines) + "\n"


def _validate(text: str, root: Path) -> Spec:
    """Load the learned text as a spec (a learned spec that does not load is a bug); the spec's
    folder is `root`, so checking with it reuses the learning run's cache."""
    from stylelint.spec import load_spec

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "learned.yaml")
        path.write_text(text, encoding="utf-8")
        spec = load_spec(path, available_rules())
    return replace(spec, root=root)
