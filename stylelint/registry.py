"""Rule and reporter discovery through entry points: find → load → select.

`available_rules()` and `available_reporters()` know every name from the installed metadata
without importing anything, and import each rule or reporter on first use: `check` imports only
the rules its spec enables and the reporter asked for, `--help` none (issue 14). Built-in rules are registered in setup.cfg exactly as a third-party plugin registers its own,
under the entry-point group `stylelint.rules`. Nothing is skipped silently: an import failure,
a malformed object, an id that differs from its entry-point name, or a duplicate id is a
RegistryError naming the distribution and the entry point.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import lru_cache
from typing import Any

from stylelint.entry_points import Registered, entry_points
from stylelint.errors import RegistryError, UsageError
from stylelint.params import did_you_mean
from stylelint.reporters import Reporter
from stylelint.rule import Category, Rule

RULE_GROUP = "stylelint.rules"
REPORTER_GROUP = "stylelint.reporters"


def find(group: str) -> list[Registered]:
    """The entry points registered under `group`, sorted by name. Imports nothing
    (`stylelint.entry_points` reads the metadata without importlib.metadata's imports)."""
    return sorted(entry_points(group), key=lambda ep: ep.name)


def _origin(ep: Registered) -> str:
    dist = getattr(ep, "dist", None)
    name = f"{dist.name} {dist.version}" if dist is not None else "an unknown distribution"
    return f"entry point '{ep.name} = {ep.value}' of {name}"


def _load_object(ep: Registered) -> Any:
    try:
        return ep.load()
    except SystemExit as exc:  # a BaseException: it would end `check` silently with its code
        raise RegistryError(f"cannot import {_origin(ep)}: it called sys.exit({exc.code!r})") from exc
    except Exception as exc:
        raise RegistryError(f"cannot import {_origin(ep)}: {type(exc).__name__}: {exc}") from exc


def _check_rule(obj: Any, ep: Registered) -> Rule:
    if not isinstance(obj, Rule):
        raise RegistryError(f"{_origin(ep)} is not a stylelint Rule (got {type(obj).__name__})")
    if obj.id != ep.name:
        raise RegistryError(f"{_origin(ep)} declares rule id '{obj.id}', expected '{ep.name}'")
    if not isinstance(obj.category, Category) or not callable(obj.measure) or not callable(obj.judge):
        raise RegistryError(f"{_origin(ep)} is malformed: needs a Category, measure and judge")
    return obj


def load_rules(eps: Iterable[Registered]) -> dict[str, Rule]:
    """Import and check each rule entry point; returns {id: Rule} sorted by id."""
    rules: dict[str, Rule] = {}
    origins: dict[str, Registered] = {}
    for ep in eps:
        if ep.name in origins:
            raise RegistryError(f"duplicate rule id '{ep.name}': {_origin(origins[ep.name])} and {_origin(ep)}")
        origins[ep.name] = ep
        rules[ep.name] = _check_rule(_load_object(ep), ep)
    return dict(sorted(rules.items()))


class Lazy(Mapping[str, Any]):
    """Entry points by name, each imported and checked on first access, then kept.

    Names, membership and length come from the metadata alone; a duplicate name is an error at
    once, an import failure or a malformed object when that entry is first read.
    """

    def __init__(self, eps: Iterable[Registered], check: Callable[[Any, Registered], Any], what: str) -> None:
        self._eps: dict[str, Registered] = {}
        for ep in eps:
            if ep.name in self._eps:
                raise RegistryError(f"duplicate {what} '{ep.name}': {_origin(self._eps[ep.name])} and {_origin(ep)}")
            self._eps[ep.name] = ep
        self._eps = dict(sorted(self._eps.items()))
        self._check = check
        self._loaded: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        if name not in self._loaded:
            ep = self._eps[name]  # KeyError for an unknown name, as a Mapping should
            self._loaded[name] = self._check(_load_object(ep), ep)
        return self._loaded[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._eps)

    def __len__(self) -> int:
        return len(self._eps)

    def __contains__(self, name: object) -> bool:
        return name in self._eps


@lru_cache(maxsize=1)
def available_rules() -> Mapping[str, Rule]:
    """Every installed rule, built-in and plugin, by id (each imported on first use)."""
    return Lazy(find(RULE_GROUP), _check_rule, "rule id")


def load_reporters(eps: Iterable[Registered]) -> dict[str, Reporter]:
    """Import each reporter entry point; returns {name: reporter}."""
    reporters: dict[str, Reporter] = {}
    for ep in eps:
        if ep.name in reporters:
            raise RegistryError(f"duplicate reporter '{ep.name}': {_origin(ep)}")
        reporters[ep.name] = _check_reporter(_load_object(ep), ep)
    return reporters


def _check_reporter(reporter: Any, ep: Registered) -> Reporter:
    if not callable(getattr(reporter, "render", None)):
        raise RegistryError(f"{_origin(ep)} is not a reporter (no render method)")
    return reporter


@lru_cache(maxsize=1)
def available_reporters() -> Mapping[str, Reporter]:
    """Every installed reporter by format name (each imported on first use)."""
    return Lazy(find(REPORTER_GROUP), _check_reporter, "reporter")


def parse_rule_list(text: str | None, known: Iterable[str], *, option: str) -> frozenset[str]:
    """Parse a --select/--ignore value ("a,b"); unknown ids are a UsageError with a suggestion."""
    if not text:
        return frozenset()
    ids = [part.strip() for part in text.split(",") if part.strip()]
    known = list(known)
    for rule_id in ids:
        if rule_id not in known:
            raise UsageError(f"{option}: unknown rule '{rule_id}'{did_you_mean(rule_id, known)}")
    return frozenset(ids)


def select(
    configured: Mapping[str, Any], *, only: frozenset[str] = frozenset(), ignore: frozenset[str] = frozenset()
) -> dict[str, Any]:
    """The configured rules that --select (when given) keeps and --ignore does not drop."""
    return {
        rule_id: config
        for rule_id, config in configured.items()
        if (not only or rule_id in only) and rule_id not in ignore
    }
