"""The file's container format is allowed and its size on disk is within limits.

Measures the format from the file's header, not its extension (a PNG named .jpg counts as
png; an MPO camera file counts as jpeg, since every JPEG decoder reads its first picture), and
the size of the file in bytes. Fails when the format is not in `allowed`, or when the size is
above `max_bytes` (inclusive: exactly `max_bytes` passes).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from stylelint.facts import ImageFacts
from stylelint.rule import Category, References, Rule, Suggestion, Verdict, param, params, tally

_FORMATS = ("jpeg", "png", "webp", "tiff", "gif", "bmp", "avif", "heif")


@params
class Params:
    allowed: tuple[str, ...] = param(
        ("jpeg", "png", "webp", "tiff"), choices=_FORMATS, doc="Allowed container formats."
    )
    max_bytes: int | None = param(None, unit="bytes", min=1, doc="Largest allowed file size.")


def measure(facts: ImageFacts, p: Params) -> dict[str, Any]:
    return {"format": facts.format, "bytes": facts.file_bytes}


def judge(measured: Mapping[str, Any], p: Params) -> Verdict:
    expected: dict[str, Any] = {"allowed": list(p.allowed)}
    if p.max_bytes is not None:
        expected["max_bytes"] = p.max_bytes
    problems = []
    if measured["format"] not in p.allowed:
        problems.append(f"format {measured['format']} is not allowed ({', '.join(p.allowed)})")
    if p.max_bytes is not None and measured["bytes"] > p.max_bytes:
        problems.append(f"{_size(measured['bytes'])} on disk, limit {_size(p.max_bytes)}")
    if problems:
        return Verdict(False, expected, "; ".join(problems))
    return Verdict(True, expected, f"{measured['format']}, {_size(measured['bytes'])}")


def _size(count: int) -> str:
    for unit, factor in (("MB", 1_000_000), ("kB", 1_000)):
        if count >= factor:
            return f"{count / factor:.1f} {unit}"
    return f"{count} bytes"


def suggest(references: References) -> Suggestion:
    """The formats the references come in (the house's delivery formats)."""
    formats = [str(m["format"]) for m in references.measured]
    allowed = [f for f in _FORMATS if f in formats]
    words = tally(formats, allowed)
    return Suggestion(params={"allowed": allowed}, evidence={"allowed": f"seen: {words}"})


RULE = Rule(
    id="file-format",
    category=Category.TECHNICAL,
    version=1,
    doc=__doc__,
    params=Params,
    measure=measure,
    judge=judge,
    measured_with=(),
    suggest=suggest,
    measured_keys=("format", "bytes"),
    example="file-format: {allowed: [jpeg, webp], max_bytes: 2000000}",
)
