"""The image's pixel size is within the required bounds.

Measures the displayed size of the original image (after EXIF orientation), in pixels;
`megapixels` is width × height / 1,000,000. Fails when any given bound is broken: the
minimums and `max_long_edge` are inclusive (an image exactly at a bound passes). With no
bound given the rule only reports the size.

Example: `min_long_edge: 2048` fails a 1600×1200 image ("long edge 1600 px, needs at least
2048 px").
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from stylelint.facts import ImageFacts
from stylelint.rule import Category, References, Rule, Suggestion, Verdict, param, params

_BOUNDS = {  # parameter → (measured key, True for a minimum, words for the message)
    "min_width": ("width", True, "width"),
    "min_height": ("height", True, "height"),
    "min_long_edge": ("long_edge", True, "long edge"),
    "min_short_edge": ("short_edge", True, "short edge"),
    "max_long_edge": ("long_edge", False, "long edge"),
    "min_megapixels": ("megapixels", True, "size"),
}


@params
class Params:
    min_width: int | None = param(None, unit="px", min=1, doc="Smallest allowed width.")
    min_height: int | None = param(None, unit="px", min=1, doc="Smallest allowed height.")
    min_long_edge: int | None = param(None, unit="px", min=1, doc="Smallest allowed long edge.")
    min_short_edge: int | None = param(None, unit="px", min=1, doc="Smallest allowed short edge.")
    max_long_edge: int | None = param(None, unit="px", min=1, doc="Largest allowed long edge.")
    min_megapixels: float | None = param(None, unit="MP", min=0, doc="Smallest allowed width × height / 10⁶.")


def measure(facts: ImageFacts, p: Params) -> dict[str, Any]:
    width, height = facts.size_px
    return {
        "width": width,
        "height": height,
        "long_edge": max(width, height),
        "short_edge": min(width, height),
        "megapixels": round(width * height / 1e6, 4),
    }


def judge(measured: Mapping[str, Any], p: Params) -> Verdict:
    expected = {name: getattr(p, name) for name in _BOUNDS if getattr(p, name) is not None}
    broken = []
    for name, bound in expected.items():
        key, is_min, words = _BOUNDS[name]
        value, unit = measured[key], ("MP" if key == "megapixels" else "px")
        if (is_min and value < bound) or (not is_min and value > bound):
            need = "at least" if is_min else "at most"
            broken.append(f"{words} {value:g} {unit}, needs {need} {bound:g} {unit}")
    size = f"{measured['width']}×{measured['height']} px"
    if broken:
        return Verdict(False, expected, f"{size}: " + "; ".join(broken))
    return Verdict(True, expected, f"{size} meets the size bounds")


def suggest(references: References) -> Suggestion:
    """The smallest long and short edges seen: new images at least as large as the approved ones."""
    longs = [int(m["long_edge"]) for m in references.measured]
    shorts = [int(m["short_edge"]) for m in references.measured]
    return Suggestion(
        params={"min_long_edge": min(longs), "min_short_edge": min(shorts)},
        evidence={
            "min_long_edge": f"smallest seen across {len(longs)} references (largest {max(longs)} px)",
            "min_short_edge": f"smallest seen (largest {max(shorts)} px)",
        },
    )


RULE = Rule(
    id="resolution",
    category=Category.TECHNICAL,
    version=1,
    doc=__doc__,
    params=Params,
    measure=measure,
    judge=judge,
    measured_with=(),
    suggest=suggest,
    measured_keys=("width", "height"),
    example="resolution: {min_long_edge: 2048, min_megapixels: 4}",
)
