"""The image is portrait, landscape or square, as allowed.

Measures the displayed size of the original image (after EXIF orientation): `square` when
width equals height exactly, `landscape` when wider, `portrait` when taller. Fails when the
orientation is not in `allowed`; with no `allowed` list it only reports.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from stylelint.facts import ImageFacts
from stylelint.rule import Category, References, Rule, Suggestion, Verdict, left_out, param, params, tally

_ORIENTATIONS = ("portrait", "landscape", "square")


@params
class Params:
    allowed: tuple[str, ...] = param(
        (), choices=_ORIENTATIONS, doc="Allowed orientations: portrait, landscape, square."
    )


def measure(facts: ImageFacts, p: Params) -> dict[str, Any]:
    width, height = facts.size_px
    kind = "square" if width == height else ("landscape" if width > height else "portrait")
    return {"orientation": kind, "width": width, "height": height}


def judge(measured: Mapping[str, Any], p: Params) -> Verdict:
    kind = measured["orientation"]
    expected = {"allowed": list(p.allowed)}
    if not p.allowed or kind in p.allowed:
        return Verdict(True, expected, f"{kind} ({measured['width']}×{measured['height']})")
    return Verdict(
        False, expected, f"{kind} ({measured['width']}×{measured['height']}), allowed: {', '.join(p.allowed)}"
    )


def suggest(references: References) -> Suggestion:
    """The orientations seen; left out when the references come in all three."""
    kinds = [m["orientation"] for m in references.measured]
    found = [kind for kind in _ORIENTATIONS if kind in kinds]
    words = tally(kinds, found)
    if len(found) == len(_ORIENTATIONS):
        return left_out(f"the references are {words}: every orientation")
    return Suggestion(params={"allowed": found}, evidence={"allowed": f"seen: {words}"})


RULE = Rule(
    id="orientation",
    category=Category.TECHNICAL,
    version=1,
    doc=__doc__,
    params=Params,
    measure=measure,
    judge=judge,
    measured_with=(),
    suggest=suggest,
    measured_keys=("orientation",),
    example="orientation: {allowed: [portrait, square]}",
)
