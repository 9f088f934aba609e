"""Parameter kinds (number, integer, bool, choice, colour, ratio "W:H", region) and parsing.

A rule declares its parameters once, as a frozen dataclass whose fields are made by `param`.
Validation, `stylelint explain`, the JSON schema and cache keys are all derived from that
declaration. Parsing is strict: nothing is coerced (the string "4.5" is not a number).
"""

from __future__ import annotations

import dataclasses
import difflib
import math
import re
import types
import typing
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TypeGuard

from stylelint.analysis import Analysis

_PARAM_KEY = "stylelint"


Problem = tuple[tuple[str, ...], str]
"""A parse problem: the key path below the parameters mapping, and the message."""


class ParamValueError(ValueError):
    """A value does not fit its parameter; the message says what was expected and found.
    `problems`, when given, are every problem inside the value, each with its key path below it
    (("shadow_b", "medain"), "unknown key; …"), so the spec names each one at its own line."""

    def __init__(self, message: str, problems: Sequence[Problem] = ()) -> None:
        super().__init__(message)
        self.problems = tuple(problems)


@dataclass(frozen=True)
class Colour:
    """A resolved colour: its name (palette name or hex), hex code, sRGB in [0, 1] and CIELAB."""

    name: str
    hex: str
    srgb: tuple[float, float, float]
    lab: tuple[float, float, float]

    @classmethod
    def from_hex(cls, hex_code: str, *, name: str | None = None) -> Colour:
        """Build a colour from "#RRGGBB"; raises ParamValueError when malformed."""
        from stylelint.colour import hex_to_srgb, srgb_to_lab  # numpy: not on the CLI's start-up path

        srgb = hex_to_srgb(hex_code)
        lab = srgb_to_lab(srgb)
        return cls(name=name or hex_code.upper(), hex=hex_code.upper(), srgb=srgb, lab=lab)


@dataclass(frozen=True)
class Ratio:
    """An aspect ratio written "W:H" (both positive numbers)."""

    text: str
    width: float
    height: float

    @property
    def value(self) -> float:
        """Width divided by height."""
        return self.width / self.height


@dataclass(frozen=True)
class Region:
    """A rectangle [x, y, w, h] in fractions of the image's width and height, all in [0, 1]."""

    x: float
    y: float
    w: float
    h: float

    def pixel_box(self, width: int, height: int) -> tuple[int, int, int, int]:
        """(left, top, right, bottom) in px of an image width × height, right/bottom exclusive.

        Edges are rounded to the nearest pixel; the box is at least 1 px on each side.
        """
        left, top = min(round(self.x * width), width - 1), min(round(self.y * height), height - 1)
        right = max(left + 1, round((self.x + self.w) * width))
        bottom = max(top + 1, round((self.y + self.h) * height))
        return left, top, min(right, width), min(bottom, height)


@dataclass(frozen=True)
class ParseContext:
    """What parsing needs beyond the value: the spec's palette, folder and analysis settings (for
    parameters that read images, such as consistency's `reference`)."""

    palette: Mapping[str, Colour] = field(default_factory=dict)
    base_dir: Path = Path(".")
    analysis: Analysis = field(default_factory=Analysis)


class Kind(Protocol):
    """A parameter kind: its name for docs and how to parse a YAML value into it."""

    @property
    def name(self) -> str:
        """The kind's name in docs ("number", "list of colour")."""

    def parse(self, value: Any, info: ParamInfo, ctx: ParseContext) -> Any:
        """Return the parsed value or raise ParamValueError."""


def found_text(value: Any) -> str:
    """Describe a YAML value in an error message."""
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return repr(value)


def is_number(value: Any) -> TypeGuard[float]:
    """A real, finite number: YAML's .nan and .inf (or 1e400) are not (NaN passes every bound)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _bounds_text(info: ParamInfo) -> str:
    lo = "-∞" if info.min is None else f"{info.min:g}"
    hi = "∞" if info.max is None else f"{info.max:g}"
    return "" if info.min is None and info.max is None else f" in [{lo}, {hi}]"


def _check_bounds(number: float, info: ParamInfo, noun: str) -> None:
    if (info.min is not None and number < info.min) or (info.max is not None and number > info.max):
        raise ParamValueError(f"expected {noun}{_bounds_text(info)}, got {number:g}")


class _Number:
    name = "number"

    def parse(self, value: Any, info: ParamInfo, ctx: ParseContext) -> float:
        if not is_number(value):
            raise ParamValueError(f"expected a number{_bounds_text(info)}, got {found_text(value)}")
        _check_bounds(float(value), info, "a number")
        return float(value)


class _Integer:
    name = "integer"

    def parse(self, value: Any, info: ParamInfo, ctx: ParseContext) -> int:
        if not is_number(value) or int(value) != value:
            raise ParamValueError(f"expected a whole number{_bounds_text(info)}, got {found_text(value)}")
        _check_bounds(value, info, "a whole number")
        return int(value)


class _Bool:
    name = "boolean"

    def parse(self, value: Any, info: ParamInfo, ctx: ParseContext) -> bool:
        if not isinstance(value, bool):
            raise ParamValueError(f"expected true or false, got {found_text(value)}" + _bool_hint(value))
        return value


# YAML 1.1 boolean words; a spec is read as YAML 1.2, where they are plain text (issue 8).
_YAML11_BOOLS = {"yes": True, "y": True, "on": True, "no": False, "n": False, "off": False}


def _bool_hint(value: Any) -> str:
    meant = _YAML11_BOOLS.get(value.lower()) if isinstance(value, str) else None
    return "" if meant is None else f"; did you mean {str(meant).lower()}?"


class _String:
    name = "string"

    def parse(self, value: Any, info: ParamInfo, ctx: ParseContext) -> str:
        if not isinstance(value, str) or not value:
            raise ParamValueError(f"expected a text value, got {found_text(value)}")
        if info.choices and value not in info.choices:
            raise ParamValueError(
                f"expected one of {', '.join(info.choices)}, got {found_text(value)}"
                + did_you_mean(value, info.choices)
            )
        return value


_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")


class _Colour:
    name = "colour"

    def parse(self, value: Any, info: ParamInfo, ctx: ParseContext) -> Colour:
        if value is None:
            raise ParamValueError('expected a colour, got an empty value; quote hex colours ("#1A1A1A")')
        if isinstance(value, str) and _HEX.match(value):
            return Colour.from_hex(value)
        if isinstance(value, str) and value in ctx.palette:
            return ctx.palette[value]
        names = sorted(ctx.palette)
        hint = did_you_mean(value, names) if isinstance(value, str) else ""
        raise ParamValueError(f'expected a colour ("#RRGGBB" or a palette name), got {found_text(value)}{hint}')


_RATIO = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*:\s*(\d+(?:\.\d+)?)\s*$")


class _Ratio:
    name = "ratio"

    def parse(self, value: Any, info: ParamInfo, ctx: ParseContext) -> Ratio:
        match = _RATIO.match(value) if isinstance(value, str) else None
        if not match or float(match[1]) == 0 or float(match[2]) == 0:
            raise ParamValueError(f'expected a ratio "W:H" of two positive numbers (quote it), got {found_text(value)}')
        return Ratio(text=value.strip(), width=float(match[1]), height=float(match[2]))


class _Region:
    name = "region"

    def parse(self, value: Any, info: ParamInfo, ctx: ParseContext) -> Region:
        ok = isinstance(value, list) and len(value) == 4 and all(is_number(v) for v in value)
        if not ok or not all(0 <= v <= 1 for v in value):
            raise ParamValueError(f"expected [x, y, w, h] as fractions in [0, 1], got {found_text(value)}")
        x, y, w, h = (float(v) for v in value)
        if w <= 0 or h <= 0 or x + w > 1 + 1e-9 or y + h > 1 + 1e-9:
            raise ParamValueError("expected a region with positive size inside the image (x + w ≤ 1, y + h ≤ 1)")
        return Region(x, y, w, h)


@dataclass(frozen=True)
class _ListOf:
    item: Kind

    @property
    def name(self) -> str:
        return f"list of {self.item.name}"

    def parse(self, value: Any, info: ParamInfo, ctx: ParseContext) -> tuple[Any, ...]:
        if not isinstance(value, list):
            raise ParamValueError(f"expected a list of {self.item.name}s, got {found_text(value)}")
        parsed = []
        for index, entry in enumerate(value):
            try:
                parsed.append(self.item.parse(entry, info, ctx))
            except ParamValueError as exc:
                raise ParamValueError(f"item {index + 1}: {exc}") from None
        return tuple(parsed)


NUMBER, INTEGER, BOOL, STRING = _Number(), _Integer(), _Bool(), _String()
COLOUR, RATIO, REGION = _Colour(), _Ratio(), _Region()
_KIND_OF_TYPE: dict[Any, Kind] = {
    float: NUMBER,
    int: INTEGER,
    bool: BOOL,
    str: STRING,
    Colour: COLOUR,
    Ratio: RATIO,
    Region: REGION,
}


@dataclass(frozen=True)
class ParamInfo:
    """Everything declared about one parameter (filled in from the dataclass field)."""

    name: str = ""
    kind: Kind = NUMBER
    default: Any = None
    required: bool = False
    unit: str | None = None
    min: float | None = None
    max: float | None = None
    choices: tuple[str, ...] = ()
    doc: str = ""


def param(
    default: Any = dataclasses.MISSING,
    *,
    required: bool = False,
    unit: str | None = None,
    min: float | None = None,
    max: float | None = None,
    choices: tuple[str, ...] = (),
    doc: str,
    kind: Kind | None = None,
) -> Any:
    """Declare a rule parameter as a dataclass field.

    The kind comes from the field's annotation (float, int, bool, str, Colour, Ratio, Region,
    tuple[X, ...], X | None) unless `kind` is given. Bounds are inclusive.
    """
    info = ParamInfo(required=required, unit=unit, min=min, max=max, choices=tuple(choices), doc=doc)
    if kind is not None:
        info = dataclasses.replace(info, kind=kind)
    meta = {_PARAM_KEY: (info, kind is not None)}
    if required:
        return field(metadata=meta)
    return field(default=default, metadata=meta)


def params(cls: type) -> type:
    """Class decorator: make a rule's Params a frozen, keyword-only dataclass."""
    return dataclasses.dataclass(frozen=True, kw_only=True)(cls)


def _kind_of(annotation: Any) -> Kind:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _kind_of(inner[0])
    if origin is tuple:
        return _ListOf(_kind_of(typing.get_args(annotation)[0]))
    if annotation in _KIND_OF_TYPE:
        return _KIND_OF_TYPE[annotation]
    raise TypeError(f"no parameter kind for annotation {annotation!r}")


def describe(params_cls: type) -> list[ParamInfo]:
    """Every parameter of a Params class, in declaration order, with kind and default."""
    hints = typing.get_type_hints(params_cls)
    described = []
    for f in dataclasses.fields(params_cls):
        info, explicit_kind = f.metadata[_PARAM_KEY]
        kind = info.kind if explicit_kind else _kind_of(hints[f.name])
        default = None if f.default is dataclasses.MISSING else f.default
        described.append(dataclasses.replace(info, name=f.name, kind=kind, default=default))
    return described


def did_you_mean(word: str, options: Any) -> str:
    """A "; did you mean 'x'?" suffix for the closest option, or ""."""
    close = difflib.get_close_matches(str(word), [str(o) for o in options], n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def build(
    params_cls: type,
    raw: Mapping[str, Any],
    ctx: ParseContext,
    constraints: tuple[Callable[[Any], str | None], ...] = (),
) -> tuple[Any, list[Problem]]:
    """Parse a mapping of raw YAML values into a Params instance.

    A list-of-colours parameter whose default is the empty list and that the mapping leaves
    out takes every colour of the spec's palette, in palette order (see `_palette_defaults`):
    that is how "`colors` (all palette names)" defaults work. Returns the instance (None when
    any problem was found) and every problem found.
    """
    infos = {info.name: info for info in describe(params_cls)}
    problems: list[Problem] = []
    values: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in infos:
            problems.append(
                (
                    (key,),
                    "unknown parameter" + did_you_mean(key, infos) + f" (parameters: {', '.join(infos) or 'none'})",
                )
            )
            continue
        try:
            values[key] = infos[key].kind.parse(value, infos[key], ctx)
        except ParamValueError as exc:
            problems += [((key, *path), message) for path, message in exc.problems or [((), str(exc))]]
    for name, info in infos.items():
        if info.required and name not in raw:
            problems.append(((), f"missing required parameter '{name}'"))
    if problems:
        return None, problems
    values.update(_palette_defaults(infos, raw, ctx))
    instance = params_cls(**values)
    for constraint in constraints:
        message = constraint(instance)
        if message:
            problems.append(((), message))
    return (None if problems else instance), problems


def _palette_defaults(
    infos: Mapping[str, ParamInfo], raw: Mapping[str, Any], ctx: ParseContext
) -> dict[str, tuple[Colour, ...]]:
    """Values for omitted list-of-colour parameters with an empty default: the whole palette.

    An explicit value (even an empty list) is kept as written; with no palette nothing changes.
    """
    if not ctx.palette:
        return {}
    return {
        name: tuple(ctx.palette.values())
        for name, info in infos.items()
        if name not in raw and info.default == () and isinstance(info.kind, _ListOf) and info.kind.item is COLOUR
    }


def to_jsonable(instance: Any) -> dict[str, Any]:
    """A Params instance as plain JSON values (colours as hex, ratios as "W:H")."""
    return {f.name: plain(getattr(instance, f.name)) for f in dataclasses.fields(instance)}


def plain(value: Any) -> Any:
    """A parameter value as plain JSON/YAML data (colours as hex, ratios as "W:H", regions as lists)."""
    if isinstance(value, Colour):
        return value.hex
    if isinstance(value, Ratio):
        return value.text
    if isinstance(value, Region):
        return [value.x, value.y, value.w, value.h]
    if isinstance(value, tuple):
        return [plain(v) for v in value]
    return value
