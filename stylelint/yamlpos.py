"""YAML loading that keeps the line and column of every key and value.

Scalars follow the YAML 1.2 core schema rather than PyYAML's YAML 1.1 defaults, so `no`,
`off` and `on` stay strings and `4:5` is not the sexagesimal integer 245. Documents are
bounded (node count and depth) so alias bombs and deep nesting are refused quickly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from stylelint.wording import count

# Refuse documents whose expansion (aliases included) exceeds these; a real spec has a few
# hundred nodes and a nesting depth under ten.
MAX_NODES = 20_000
MAX_DEPTH = 40

Path_ = tuple[Any, ...]


class YamlProblem(Exception):
    """The text is not a YAML document this loader accepts; `line`/`column` are 1-based."""

    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.line, self.column = line, column


class _Core12Loader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 core-schema resolution of plain scalars."""


_Core12Loader.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in (
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", list("-+0123456789")),
    (
        "tag:yaml.org,2002:float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        list("-+.0123456789"),
    ),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
):
    _Core12Loader.add_implicit_resolver(_tag, re.compile(_pattern), _first)


@dataclass
class Located:
    """A loaded document: plain Python values plus the position of every key and value."""

    data: Any
    value_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    duplicate_keys: list[Path_] = field(default_factory=list)

    def mark(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        """(line, column) of the value (or key) at `path`, else of the nearest parent."""
        marks = self.key_marks if key else self.value_marks
        while path:
            if path in marks:
                return marks[path]
            path = path[:-1]
        return self.value_marks.get((), (1, 1))


def read_capped(path: Path, max_bytes: int) -> str:
    """The UTF-8 text of a YAML file, refused (YamlProblem) past `max_bytes` counted as read, not
    as the file reports: /proc files and devices report a size of 0 whatever they hold."""
    with path.open("rb") as handle:
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise YamlProblem(f"file larger than {max_bytes:,} bytes")
    return data.decode("utf-8")


def _plain_problem(exc: yaml.MarkedYAMLError, text: str) -> str:
    """PyYAML's problem in a person's words where it is cryptic: a tab ("found character '\\t'
    that cannot start any token"), which YAML never allows in indentation, and a line indented
    to no column of the mappings above it ("expected <block end>, but found '<block mapping
    start>'"), which names neither of the two lines that disagree."""
    problem = str(exc.problem or exc)
    if "'\\t'" in problem:
        return "a tab character; use spaces, not tabs"
    return _misindented(exc, text) or problem


def _misindented(exc: yaml.MarkedYAMLError, text: str) -> str | None:
    """The two lines that disagree when a key starts in no column of the mappings above it, or
    None when the problem is another (text after a quoted value, a list item among keys)."""
    mark = exc.problem_mark
    if mark is None or str(exc.problem) != "expected <block end>, but found '<block mapping start>'":
        return None
    lines = text.splitlines()
    here = lines[mark.line] if mark.line < len(lines) else ""
    if len(here) - len(here.lstrip(" ")) != mark.column:  # the key does not start its line
        return None
    above = [
        (number + 1, len(line) - len(line.lstrip(" ")))
        for number, line in enumerate(lines[: mark.line])
        if line.strip() and not line.lstrip().startswith("#")
    ]
    if not above or above[-1][1] == mark.column:
        return None
    line, indent = above[-1]
    return (
        f"line {mark.line + 1} is indented by {count(mark.column, 'space')} and line {line} above it by "
        f"{count(indent, 'space')}: the keys of one mapping must start in the same column"
    )


def load(text: str) -> Located:
    """Parse one YAML document with positions; raises YamlProblem."""
    try:
        _check_nesting(text)
        node = yaml.compose(text, Loader=_Core12Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise YamlProblem(f"invalid YAML: {_plain_problem(exc, text)}", line, col) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(f"invalid YAML: {exc}") from None
    located = Located(data=None)
    if node is None:
        return located
    budget = [MAX_NODES]
    located.data = _convert(node, (), located, budget, 0)
    return located


def _check_nesting(text: str) -> None:
    """Refuse nesting deeper than MAX_DEPTH from the parser's events, before composing.

    PyYAML's composer recurses once per level, so `[[[[…` a few thousand deep would end in a
    RecursionError after seconds; the event stream is flat, so this check is fast (issue 8).
    libyaml's parser (when PyYAML has it) reads the same events about 20× faster (0.3 against
    6.5 ms for a learned spec, issue 12): when it finds the document well nested, that is the
    answer; anything else (too deep, or text it refuses) is read again by PyYAML's own parser,
    so every refusal and its position are PyYAML's, as before.
    """
    if _C_LOADER is not None and _within_depth(yaml.parse(text, Loader=_C_LOADER)):
        return
    _raise_if_too_deep(yaml.parse(text, Loader=_Core12Loader))


_C_LOADER: Any = getattr(yaml, "CSafeLoader", None)


def _within_depth(events: Any) -> bool:
    """Whether the events nest at most MAX_DEPTH deep (False too when the parser refuses the text)."""
    try:
        _raise_if_too_deep(events)
    except (YamlProblem, yaml.YAMLError, ValueError):  # ValueError: text libyaml cannot encode
        return False
    return True


def _raise_if_too_deep(events: Any) -> None:
    depth = 0
    for event in events:
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                line, col = event.start_mark.line + 1, event.start_mark.column + 1
                raise YamlProblem(f"document nested more than {MAX_DEPTH} levels deep", line, col)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _convert(node: yaml.Node, path: Path_, out: Located, budget: list[int], depth: int) -> Any:
    budget[0] -= 1
    if budget[0] < 0 or depth > MAX_DEPTH:
        line, col = _mark(node)
        raise YamlProblem(
            f"document too large or too deeply nested (alias expansion?); limits: {MAX_NODES} nodes, depth {MAX_DEPTH}",
            line,
            col,
        )
    out.value_marks[path] = _mark(node)
    if isinstance(node, yaml.MappingNode):
        return _convert_mapping(node, path, out, budget, depth)
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, path + (i,), out, budget, depth + 1) for i, item in enumerate(node.value)]
    try:
        return _construct_scalar_value(node)
    except (yaml.YAMLError, ValueError) as exc:
        line, col = _mark(node)
        raise YamlProblem(f"invalid scalar {node.value!r}: {exc}", line, col) from None


def _convert_mapping(
    node: yaml.MappingNode, path: Path_, out: Located, budget: list[int], depth: int
) -> dict[Any, Any]:
    result: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            line, col = _mark(key_node)
            raise YamlProblem("mapping keys must be plain text", line, col)
        key = key_node.value
        if key in result:
            out.duplicate_keys.append(path + (key,))
        out.key_marks[path + (key,)] = _mark(key_node)
        result[key] = _convert(value_node, path + (key,), out, budget, depth + 1)
    return result


def _construct_scalar_value(node: yaml.ScalarNode) -> Any:
    """Build one scalar with the safe constructors for its resolved tag."""
    constructor = _SCALAR_LOADER.yaml_constructors.get(node.tag)
    if constructor is None or not isinstance(node, yaml.ScalarNode):
        raise ValueError(f"unsupported tag {node.tag}")
    return constructor(_SCALAR_LOADER, node)


_SCALAR_LOADER = _Core12Loader("")
