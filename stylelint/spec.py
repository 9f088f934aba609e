"""Spec loading: YAML → typed Spec, with presets, `extends`, overrides and validation.

Every problem in every file of the chain is collected and raised as one SpecError, each
located by file:line:column and key path, with what was expected and a "did you mean".
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from stylelint.analysis import ANALYSIS_BOUNDS, Analysis
from stylelint.errors import SpecError, SpecProblem
from stylelint.globs import matches_any
from stylelint.params import Colour, ParamValueError, ParseContext, build, describe, did_you_mean
from stylelint.report import Severity
from stylelint.rule import Rule
from stylelint.yamlpos import Located, YamlProblem, load, read_capped

SPEC_FILENAME = "stylelint.yaml"
SPEC_VERSION = 1
_TOP_KEYS = ("version", "name", "extends", "palette", "analysis", "rules", "overrides", "ignore")
SEVERITIES = tuple(s.value for s in Severity)
_MAX_SPEC_BYTES = 1_000_000


@dataclass(frozen=True)
class RuleConfig:
    """A rule as a spec configures it: severity and ready parameters."""

    rule: Rule
    severity: Severity
    params: Any


@dataclass
class _RawRule:
    """A rule entry as written, merged across the chain; `where` locates its last mention."""

    severity: Severity | None = None  # None: not written here; inherited, else error
    params: dict[str, Any] = field(default_factory=dict)
    where: tuple[str, int, int, tuple[str, ...]] = ("", 1, 1, ())
    invalid: bool = False  # a parameter was already reported; skip whole-rule checks

    def merged(self, other: _RawRule) -> _RawRule:
        return _RawRule(
            other.severity or self.severity, {**self.params, **other.params}, other.where, self.invalid or other.invalid
        )


@dataclass(frozen=True)
class _Override:
    files: tuple[str, ...]
    rules: Mapping[str, _RawRule]


@dataclass(frozen=True)
class Spec:
    """A validated spec, ready to configure rules for any file below its folder."""

    path: Path | None
    name: str
    root: Path
    palette: Mapping[str, Colour]
    analysis: Analysis
    rules: Mapping[str, RuleConfig]
    ignore: tuple[str, ...] = ()
    overrides: tuple[_Override, ...] = ()
    _raw: Mapping[str, _RawRule] = field(default_factory=dict)
    _catalogue: Mapping[str, Rule] = field(default_factory=dict)

    def relative(self, path: Path) -> str:
        """`path` relative to the spec's folder, '/'-separated (for globs).

        The path as found, not its target: `social/link.jpg` is matched as `social/link.jpg`
        wherever it points (issue 15), as Git and ESLint match names. Only a path that is not
        below the spec's folder as written (reached through a linked folder above it) is matched
        by its real folder, its own name kept. No link is followed to its end, so a symlink loop
        (a.png → a.png) cannot raise (issue 8).
        """
        root = os.path.realpath(self.root)
        relative = os.path.relpath(os.path.abspath(path), root)
        if relative == os.pardir or relative.startswith(os.pardir + os.sep):
            real = os.path.join(os.path.realpath(os.path.dirname(os.path.abspath(path))), os.path.basename(path))
            relative = os.path.relpath(real, root)
        return Path(relative).as_posix()

    def is_ignored(self, path: Path) -> bool:
        """True when an `ignore` glob matches the file."""
        return self.ignores(self.relative(path))

    def ignores(self, relative: str) -> bool:
        """True when an `ignore` glob matches a '/'-separated relative path."""
        return matches_any(relative, self.ignore)

    def rules_for(self, path: Path) -> dict[str, RuleConfig]:
        """The rules that run on `path` (overrides applied, `off` dropped), sorted by id."""
        return self.rules_at(self.relative(path))

    def rules_at(self, relative: str) -> dict[str, RuleConfig]:
        """The rules that run on a file at a '/'-separated relative path (as `rules_for`)."""
        hits = tuple(i for i, o in enumerate(self.overrides) if matches_any(relative, o.files))
        return self._rules_for_overrides(hits) if hits else dict(self.rules)

    def enabled(self) -> dict[str, Rule]:
        """Every rule that runs on some file: the spec's rules and those an override turns on."""
        found = {rule_id: config.rule for rule_id, config in self.rules.items()}
        for override in self.overrides:
            for rule_id, entry in override.rules.items():
                on = (entry.severity or (self._raw[rule_id].severity if rule_id in self._raw else None)) != Severity.OFF
                if on and rule_id in self._catalogue:
                    found[rule_id] = self._catalogue[rule_id]
        return found

    def _rules_for_overrides(self, hits: tuple[int, ...]) -> dict[str, RuleConfig]:
        raw = dict(self._raw)
        for index in hits:
            for rule_id, entry in self.overrides[index].rules.items():
                raw[rule_id] = raw[rule_id].merged(entry) if rule_id in raw else entry
        configs, problems = _configure(raw, self._catalogue, ParseContext(self.palette, self.root, self.analysis))
        if problems:
            raise SpecError(problems)
        return configs


def find_spec(start: Path) -> Path | None:
    """The nearest stylelint.yaml in `start` or its parents, or None."""
    folder = start.resolve()
    for candidate in (folder, *folder.parents):
        if (candidate / SPEC_FILENAME).is_file():
            return candidate / SPEC_FILENAME
    return None


def load_spec(path: Path, catalogue: Mapping[str, Rule]) -> Spec:
    """Load and validate a spec file and everything it extends; raises SpecError."""
    loader = _ChainLoader()
    docs = loader.chain(str(path), Path(path), stack=())
    validator = _Validator(docs, catalogue, Path(path))
    validator.problems += loader.problems
    return validator.spec()


@dataclass
class _Doc:
    """One file of the chain: its display name, folder and located content."""

    name: str
    folder: Path
    located: Located

    @property
    def data(self) -> dict[str, Any]:
        return self.located.data if isinstance(self.located.data, dict) else {}


@cache
def preset_names() -> tuple[str, ...]:
    """The names of the built-in presets (`extends: [recommended]`), sorted."""
    files = resources.files("stylelint.presets").iterdir()
    return tuple(sorted(f.name[:-5] for f in files if f.name.endswith(".yaml")))


class _ChainLoader:
    """Reads a spec and its `extends` chain, presets first, detecting cycles."""

    def __init__(self) -> None:
        self.problems: list[SpecProblem] = []

    def chain(
        self,
        name: str,
        path: Path | None,
        *,
        stack: tuple[str, ...],
        text: str | None = None,
        where: tuple[str, int, int] | None = None,
    ) -> list[_Doc]:
        doc = self._read(name, path, text, where)
        if doc is None:
            return []
        docs: list[_Doc] = []
        extends = doc.data.get("extends")
        # Anything but a list is reported by the validator ("expected a list of text values").
        for index, entry in enumerate(extends if isinstance(extends, list) else []):
            docs += self._extend(doc, index, entry, stack + (name,))
        return docs + [doc]

    def _extend(self, doc: _Doc, index: int, entry: Any, stack: tuple[str, ...]) -> list[_Doc]:
        line, col = doc.located.mark(("extends", index))
        problem = self._problem_at(doc.name, line, col, ("extends", str(index + 1)))
        if not isinstance(entry, str) or not entry:
            problem(f"expected a preset name ({', '.join(preset_names())}) or a spec path")
            return []
        if entry in preset_names():
            text = resources.files("stylelint.presets").joinpath(entry + ".yaml").read_text("utf-8")
            name, path = f"<preset {entry}>", None
        else:
            path = (doc.folder / entry).resolve()
            name, text = os.path.relpath(path), None
            if not path.is_file():
                problem(
                    f"no preset or file '{entry}'"
                    + did_you_mean(entry, preset_names())
                    + f" (presets: {', '.join(preset_names())})"
                )
                return []
        if name in stack:
            problem("extends cycle: " + " → ".join(stack + (name,)))
            return []
        return self.chain(name, path, stack=stack, text=text, where=(doc.name, line, col))

    def _read(self, name: str, path: Path | None, text: str | None, where: tuple[str, int, int] | None) -> _Doc | None:
        try:
            if text is None and path is not None:
                text = read_capped(path, _MAX_SPEC_BYTES)
            located = load(text or "")
        except (OSError, UnicodeDecodeError) as exc:
            file, line, col = where or (name, 1, 1)
            self.problems.append(SpecProblem(file, line, col, (), f"cannot read {name}: {exc}"))
            return None
        except YamlProblem as exc:
            self.problems.append(SpecProblem(name, exc.line, exc.column, (), str(exc)))
            return None
        folder = path.parent if path is not None else Path.cwd()
        return _Doc(name, folder, located)

    def _problem_at(self, file: str, line: int, col: int, keys: tuple[str, ...]) -> Callable[[str], None]:
        return lambda message: self.problems.append(SpecProblem(file, line, col, keys, message))


class _Validator:
    """Validates the documents of a chain and merges them into a Spec (later ones win)."""

    def __init__(self, docs: list[_Doc], catalogue: Mapping[str, Rule], path: Path) -> None:
        self.docs, self.catalogue, self.path = docs, catalogue, path
        self.problems: list[SpecProblem] = []

    def report(self, doc: _Doc, keys: tuple[Any, ...], message: str, *, at_key: bool = False) -> None:
        line, col = doc.located.mark(keys, key=at_key)
        shown = tuple(str(k + 1) if isinstance(k, int) else str(k) for k in keys)
        self.problems.append(SpecProblem(doc.name, line, col, shown, message))

    def spec(self) -> Spec:
        for doc in self.docs:
            self._check_document(doc)
        palette = self._palette()
        analysis = self._analysis()
        ctx = ParseContext(palette=palette, base_dir=self.path.parent, analysis=analysis)
        raw: dict[str, _RawRule] = {}
        for doc in self.docs:
            for rule_id, entry in self._rule_entries(doc, ("rules",), ctx).items():
                raw[rule_id] = raw[rule_id].merged(entry) if rule_id in raw else entry
        configs, problems = _configure(raw, self.catalogue, ctx)
        self.problems += problems
        overrides = self._overrides(raw, ctx)
        if self.problems:
            raise SpecError(self.problems)
        return Spec(
            path=self.path,
            name=self._last("name", self.path.name),
            root=self.path.parent,
            palette=palette,
            analysis=analysis,
            rules=configs,
            ignore=tuple(g for d in self.docs for g in d.data.get("ignore") or []),
            overrides=overrides,
            _raw=raw,
            _catalogue=self.catalogue,
        )

    def _last(self, key: str, default: Any) -> Any:
        values = [d.data[key] for d in self.docs if key in d.data]
        return values[-1] if values else default

    def _check_document(self, doc: _Doc) -> None:
        if doc.located.data is None:
            return
        if not isinstance(doc.located.data, dict):
            self.report(doc, (), "expected a mapping of spec keys (version, rules, …)")
            return
        for keys in doc.located.duplicate_keys:
            self.report(doc, keys, "duplicate key; the later value would silently win", at_key=True)
        for key in doc.data:
            if key not in _TOP_KEYS:
                self.report(
                    doc,
                    (key,),
                    "unknown key" + did_you_mean(key, _TOP_KEYS) + f" (keys: {', '.join(_TOP_KEYS)})",
                    at_key=True,
                )
        self._check_scalars(doc)

    def _check_scalars(self, doc: _Doc) -> None:
        data = doc.data
        if "version" in data and (data["version"] != SPEC_VERSION or isinstance(data["version"], bool)):
            self.report(doc, ("version",), f"expected {SPEC_VERSION}, got {data['version']!r}")
        if "name" in data and not isinstance(data["name"], str):
            self.report(doc, ("name",), "expected a text value")
        for key in ("extends", "ignore"):
            value = data.get(key)
            if value is not None and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
                hint = f": write [{value}]" if isinstance(value, str) else ""
                self.report(doc, (key,), f"expected a list of text values{hint}")
        for key in ("palette", "analysis", "rules"):
            if key in data and not isinstance(data[key], dict):
                self.report(doc, (key,), "expected a mapping")
        if "overrides" in data and not isinstance(data["overrides"], list):
            self.report(doc, ("overrides",), "expected a list of {files, rules} entries")

    def _palette(self) -> dict[str, Colour]:
        palette: dict[str, Colour] = {}
        for doc in self.docs:
            entries = doc.data.get("palette")
            for name, value in entries.items() if isinstance(entries, dict) else ():
                try:
                    palette[name] = _palette_colour(name, value)
                except ParamValueError as exc:
                    self.report(doc, ("palette", name), str(exc))
        return palette

    def _analysis(self) -> Analysis:
        values: dict[str, int] = {}
        for doc in self.docs:
            section = doc.data.get("analysis")
            for key, value in section.items() if isinstance(section, dict) else ():
                if key not in ANALYSIS_BOUNDS:
                    self.report(doc, ("analysis", key), "unknown key" + did_you_mean(key, ANALYSIS_BOUNDS), at_key=True)
                    continue
                low, high = ANALYSIS_BOUNDS[key]
                if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
                    self.report(doc, ("analysis", key), f"expected a whole number in [{low}, {high}], got {value!r}")
                    continue
                values[key] = value
        return Analysis(**values)

    def _rule_entries(self, doc: _Doc, where: tuple[Any, ...], ctx: ParseContext) -> dict[str, _RawRule]:
        section = doc.located.data
        for key in where:
            if isinstance(section, list) and isinstance(key, int) and key < len(section):
                section = section[key]
            else:
                section = section.get(key) if isinstance(section, dict) else None
        entries: dict[str, _RawRule] = {}
        for rule_id, value in section.items() if isinstance(section, dict) else ():
            keys = where + (rule_id,)
            if rule_id not in self.catalogue:
                self.report(
                    doc,
                    keys,
                    "unknown rule" + (did_you_mean(rule_id, self.catalogue) or "; `stylelint rules` lists them"),
                    at_key=True,
                )
                continue
            entry = self._rule_entry(doc, keys, self.catalogue[rule_id], value, ctx)
            if entry is not None:
                entries[rule_id] = entry
        return entries

    def _rule_entry(
        self, doc: _Doc, keys: tuple[Any, ...], rule: Rule, value: Any, ctx: ParseContext
    ) -> _RawRule | None:
        line, col = doc.located.mark(keys, key=True)
        where = (doc.name, line, col, tuple(str(k + 1) if isinstance(k, int) else k for k in keys))
        if isinstance(value, (str, bool)):
            severity = self._severity(doc, keys, value)
            return None if severity is None else _RawRule(severity, {}, where)
        if not isinstance(value, dict):
            self.report(
                doc,
                keys,
                f"expected a severity ({', '.join(SEVERITIES)}) or a mapping of parameters, got {_describe(value)}",
            )
            return None
        params = {k: v for k, v in value.items() if k != "severity"}
        severity = self._severity(doc, keys + ("severity",), value["severity"]) if "severity" in value else None
        infos = {info.name: info for info in describe(rule.params)}
        problems_before = len(self.problems)
        for key, raw in params.items():
            if key not in infos:
                self.report(
                    doc,
                    keys + (key,),
                    "unknown parameter"
                    + did_you_mean(key, infos)
                    + f" (parameters of {rule.id}: {', '.join(infos) or 'none'})",
                    at_key=True,
                )
                continue
            try:
                infos[key].kind.parse(raw, infos[key], ctx)
            except ParamValueError as exc:
                for path, message in exc.problems or [((), str(exc))]:
                    # A problem inside the value is shown at the key it concerns (a feature, one
                    # of its keys), as an unknown parameter is above; the value's own at the value.
                    self.report(doc, keys + (key, *path), message, at_key=bool(path))
        invalid = len(self.problems) > problems_before
        return _RawRule(severity, params, where, invalid)

    def _severity(self, doc: _Doc, keys: tuple[Any, ...], value: Any) -> Severity | None:
        if isinstance(value, str) and value in SEVERITIES:
            return Severity(value)
        self.report(
            doc, keys, f"expected a severity ({', '.join(SEVERITIES)}), got {_describe(value)}" + _severity_hint(value)
        )
        return None

    def _overrides(self, raw: Mapping[str, _RawRule], ctx: ParseContext) -> tuple[_Override, ...]:
        overrides = []
        for doc in self.docs:
            entries = doc.data.get("overrides")
            for index, entry in enumerate(entries if isinstance(entries, list) else []):
                override = self._override(doc, index, entry, ctx)
                if override is not None:
                    merged = {**raw}
                    for rule_id, rule_entry in override.rules.items():
                        merged[rule_id] = raw[rule_id].merged(rule_entry) if rule_id in raw else rule_entry
                    self.problems += _configure(merged, self.catalogue, ctx)[1]
                    overrides.append(override)
        return tuple(overrides)

    def _override(self, doc: _Doc, index: int, entry: Any, ctx: ParseContext) -> _Override | None:
        keys: tuple[Any, ...] = ("overrides", index)
        if not isinstance(entry, dict):
            self.report(doc, keys, "expected a mapping with 'files' and 'rules'")
            return None
        for key in entry:
            if key not in ("files", "rules"):
                self.report(doc, keys + (key,), "unknown key" + did_you_mean(key, ("files", "rules")), at_key=True)
        files = entry.get("files")
        if not (isinstance(files, list) and files and all(isinstance(f, str) for f in files)):
            self.report(doc, keys + ("files",), "expected a non-empty list of glob patterns")
            return None
        if not isinstance(entry.get("rules"), dict):
            self.report(doc, keys + ("rules",), "expected a mapping of rules")
            return None
        return _Override(tuple(files), self._rule_entries(doc, keys + ("rules",), ctx))


def _configure(
    raw: Mapping[str, _RawRule], catalogue: Mapping[str, Rule], ctx: ParseContext
) -> tuple[dict[str, RuleConfig], list[SpecProblem]]:
    """Build every rule's Params from merged raw entries; `off` rules are validated, then dropped."""
    configs: dict[str, RuleConfig] = {}
    problems: list[SpecProblem] = []
    for rule_id in sorted(raw):
        entry, rule = raw[rule_id], catalogue[rule_id]
        if entry.invalid:
            continue
        built, found = build(rule.params, entry.params, ctx, rule.constraints)
        file, line, col, keys = entry.where
        problems += [SpecProblem(file, line, col, keys + sub, message) for sub, message in found]
        severity = entry.severity or Severity.ERROR
        if built is not None and severity is not Severity.OFF:
            configs[rule_id] = RuleConfig(rule, severity, built)
    return configs, problems


def _palette_colour(name: str, value: Any) -> Colour:
    if value is None:
        raise ParamValueError('empty value; quote hex colours ("#1A1A1A")')
    if not isinstance(value, str) or not value.startswith("#") or len(value) != 7:
        raise ParamValueError(f'expected a hex colour "#RRGGBB", got {_describe(value)}')
    try:
        return Colour.from_hex(value, name=name)
    except ValueError:
        raise ParamValueError(f'expected a hex colour "#RRGGBB", got {_describe(value)}') from None


# Words that YAML 1.1 reads as booleans, written to switch a rule off or on (issue 8).
_OFF_WORDS = frozenset({"no", "n", "false", "disable", "disabled", "none"})
_ON_WORDS = frozenset({"yes", "y", "true", "on", "enable", "enabled"})


def _severity_hint(value: Any) -> str:
    """A "did you mean" for a wrong severity; yes/no-style words map to 'error'/'off'."""
    word = str(value).lower()
    if word in _OFF_WORDS:
        return "; did you mean 'off'?"
    if word in _ON_WORDS:
        return "; did you mean 'error'?"
    return did_you_mean(value, SEVERITIES) if isinstance(value, str) else ""


def _describe(value: Any) -> str:
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (list, dict)):
        return "a list" if isinstance(value, list) else "a mapping"
    return repr(value)
