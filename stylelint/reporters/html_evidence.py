"""Evidence for the HTML report: SVG overlays drawn from measured values, and colour swatches.

Overlays are chosen by the keys a result carries, not by rule id, so a plugin rule that
measures the same kind of value gets the same drawing:

- `line` (measured): [[x0, y0], [x1, y1]] as fractions of the image, e.g. the detected horizon;
- `subject` (measured): [x, y] fractions, drawn with the rule-of-thirds grid (or the centre
  cross when `expected.target` is `center`);
- `region` (expected or measured): [x, y, w, h] fractions, e.g. the text-contrast box;
- `off_palette_mask` (measured): rows of values in [0, 1] on a coarse grid, the share of each
  cell's pixels off the palette. Drawn only when a rule measured it; never guessed.

Coordinates are fractions, drawn in a 0–1000 × 0–1000·(h/w) viewBox over the thumbnail.
Every value is checked before it is drawn; anything malformed is skipped.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from html import escape
from typing import Any

from stylelint.report import RuleResult

VIEW_WIDTH = 1000
_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")
# Overlay colours per drawing, chosen to stay visible over photographs (with a dark halo).
_LINE_COLOUR = "#ff3b30"
_SUBJECT_COLOUR = "#ffd60a"
_REGION_COLOUR = "#0a84ff"
_MASK_COLOUR = "#ff2d55"
_THIRDS = (1 / 3, 2 / 3)


def _number(value: Any) -> float | None:
    """A finite int or float as float, else None (bools are not numbers here)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return None
    return float(value)


def _numbers(value: Any, count: int) -> list[float] | None:
    """A flat list of exactly `count` finite numbers, else None."""
    if not isinstance(value, (list, tuple)) or len(value) != count:
        return None
    numbers = [_number(v) for v in value]
    return None if any(n is None for n in numbers) else [n for n in numbers if n is not None]


def _stroke(colour: str, shape: str) -> str:
    """`shape` drawn twice: a dark halo under a coloured stroke, so it shows on any photo."""
    halo = shape.replace("/>", ' stroke="#000" stroke-opacity="0.55" stroke-width="6"/>')
    return halo + shape.replace("/>", f' stroke="{colour}" stroke-width="3"/>')


def _line(result: RuleResult, height: float) -> list[str]:
    line = result.measured.get("line")
    if not isinstance(line, (list, tuple)) or len(line) != 2:
        return []
    ends = [_numbers(point, 2) for point in line]
    if ends[0] is None or ends[1] is None:
        return []
    (x0, y0), (x1, y1) = ends[0], ends[1]
    shape = (
        f'<line x1="{x0 * VIEW_WIDTH:.1f}" y1="{y0 * height:.1f}" x2="{x1 * VIEW_WIDTH:.1f}" '
        f'y2="{y1 * height:.1f}" vector-effect="non-scaling-stroke"/>'
    )
    return [_stroke(_LINE_COLOUR, shape)]


def _grid(fractions: Sequence[float], height: float) -> list[str]:
    """Thin guide lines at the given fractions, both ways."""
    lines = [f'<line x1="{f * VIEW_WIDTH:.1f}" y1="0" x2="{f * VIEW_WIDTH:.1f}" y2="{height:.1f}"/>' for f in fractions]
    lines += [f'<line x1="0" y1="{f * height:.1f}" x2="{VIEW_WIDTH}" y2="{f * height:.1f}"/>' for f in fractions]
    return [
        f'<g class="guide" stroke="#fff" stroke-opacity="0.7" stroke-dasharray="8 6" '
        f'stroke-width="1.5" vector-effect="non-scaling-stroke">{"".join(lines)}</g>'
    ]


def _subject(result: RuleResult, height: float) -> list[str]:
    point = _numbers(result.measured.get("subject"), 2)
    if point is None:
        return []
    centred = result.expected.get("target") == "center"
    guides = _grid((0.5,) if centred else _THIRDS, height)
    x, y = point[0] * VIEW_WIDTH, point[1] * height
    ring = _stroke(
        _SUBJECT_COLOUR, f'<circle cx="{x:.1f}" cy="{y:.1f}" r="28" fill="none" vector-effect="non-scaling-stroke"/>'
    )
    dot = (
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="9" fill="{_SUBJECT_COLOUR}" stroke="#000" '
        f'vector-effect="non-scaling-stroke"/>'
    )
    return guides + [ring + dot]


def _region(result: RuleResult, height: float) -> list[str]:
    box = _numbers(result.expected.get("region", result.measured.get("region")), 4)
    if box is None:
        return []
    x, y, w, h = box
    shape = (
        f'<rect x="{x * VIEW_WIDTH:.1f}" y="{y * height:.1f}" width="{w * VIEW_WIDTH:.1f}" '
        f'height="{h * height:.1f}" fill="none" vector-effect="non-scaling-stroke"/>'
    )
    return [_stroke(_REGION_COLOUR, shape)]


def _mask(result: RuleResult, height: float) -> list[str]:
    """Off-palette cells hatched and outlined, so the photo stays visible under them (issue 13:
    a tint over the whole thumbnail hid the drift it should show)."""
    grid = result.measured.get("off_palette_mask")
    if not isinstance(grid, list) or not grid or not all(isinstance(r, list) and r for r in grid):
        return []
    marked = {
        (row_index, col_index)
        for row_index, row in enumerate(grid)
        for col_index, value in enumerate(row)
        if (_number(value) or 0.0) >= MASK_MIN_SHARE
    }
    if not marked:
        return []
    cell_h, cell_w = height / len(grid), VIEW_WIDTH / max(len(row) for row in grid)
    hatch = "".join(
        f'<rect x="{c * cell_w:.1f}" y="{r * cell_h:.1f}" width="{cell_w:.1f}" height="{cell_h:.1f}"/>'
        for r, c in sorted(marked)
    )
    edges = "".join(_cell_edges(r, c, marked, cell_w, cell_h) for r, c in sorted(marked))
    outline = f'<path d="{edges}" fill="none" vector-effect="non-scaling-stroke"/>'
    return [f'<g class="hatch" fill="url(#{HATCH_ID})">{hatch}</g>', _stroke(_MASK_COLOUR, outline)]


def _cell_edges(row: int, col: int, marked: set[tuple[int, int]], cell_w: float, cell_h: float) -> str:
    """SVG path segments of the sides of cell (row, col) that border an unmarked cell."""
    x0, y0, x1, y1 = col * cell_w, row * cell_h, (col + 1) * cell_w, (row + 1) * cell_h
    sides = (
        ((row - 1, col), (x0, y0, x1, y0)),
        ((row + 1, col), (x0, y1, x1, y1)),
        ((row, col - 1), (x0, y0, x0, y1)),
        ((row, col + 1), (x1, y0, x1, y1)),
    )
    return "".join(f"M{a:.1f} {b:.1f}L{c:.1f} {d:.1f}" for other, (a, b, c, d) in sides if other not in marked)


HATCH_ID = "stylelint-hatch"
# The hatch pattern of off-palette cells, defined once per page: thin diagonal strokes in the
# mask colour over a dark line, so it reads on light and dark photos alike while the photo shows.
HATCH_DEFS = (
    f'<svg width="0" height="0" style="position:absolute" aria-hidden="true"><defs>'
    f'<pattern id="{HATCH_ID}" width="14" height="14" patternUnits="userSpaceOnUse" '
    f'patternTransform="rotate(45)"><rect width="3" height="14" fill="#000" fill-opacity="0.35"/>'
    f'<rect x="1" width="1.5" height="14" fill="{_MASK_COLOUR}"/></pattern></defs></svg>'
)
# Cells with at least this share of off-palette pixels are marked: a quarter of a cell is a
# visible patch; fewer are scattered pixels the coverage figure already counts.
MASK_MIN_SHARE = 0.25


_DRAWINGS: tuple[Callable[[RuleResult, float], list[str]], ...] = (_mask, _region, _line, _subject)


def overlay(result: RuleResult, width: int, height: int) -> str:
    """The SVG overlay of one failed result over a `width`×`height` thumbnail ('' if none)."""
    view_height = VIEW_WIDTH * height / width
    shapes = [shape for draw in _DRAWINGS for shape in draw(result, view_height)]
    if not shapes:
        return ""
    return (
        f'<svg class="overlay" data-rule="{escape(result.rule)}" viewBox="0 0 {VIEW_WIDTH} '
        f'{view_height:.1f}" preserveAspectRatio="none" aria-hidden="true">'
        f"{''.join(shapes)}</svg>"
    )


def safe_hex(value: Any) -> str | None:
    """`value` if it is a `#RRGGBB` colour, else None (so it can go into a style attribute)."""
    return value if isinstance(value, str) and _HEX.match(value) else None


def _swatch(colour: str, label: str, title: str, *, off: bool = False) -> str:
    css = "swatch off" if off else "swatch"
    return f'<span class="{css}" title="{escape(title)}"><i style="background:{colour}"></i>{escape(label)}</span>'


def _dominant_chip(colour: Any, limit: float | None) -> str:
    """One measured dominant colour: hex, share and ΔE00 to the nearest palette colour,
    marked `off` when that ΔE00 exceeds the rule's `max_delta_e`."""
    hex_ = safe_hex(colour.get("hex")) if isinstance(colour, dict) else None
    if hex_ is None:
        return ""
    share, gap = _number(colour.get("share")), _number(colour.get("delta_e"))
    label = hex_ + (f" {share:.0%}" if share is not None else "")
    label += f" · ΔE {gap:.1f}" if gap is not None else ""
    title = f"{hex_}: nearest palette colour {colour.get('nearest', '?')}"
    title += f", ΔE00 {gap:.1f}" if gap is not None else ""
    return _swatch(hex_, label, title, off=gap is not None and limit is not None and gap > limit)


def spec_palette(result: RuleResult) -> dict[str, str]:
    """{name: hex} of the spec palette when the result's `expected` carries it (as `palette`
    {name: hex} or `colors` [{name, hex}]), else {}."""
    palette = result.expected.get("palette")
    if isinstance(palette, dict):
        return {str(k): v for k, v in palette.items() if safe_hex(v)}
    colours = result.expected.get("colors")
    if isinstance(colours, list):
        return {
            str(c.get("name", c.get("hex"))): c["hex"]
            for c in colours
            if isinstance(c, dict) and safe_hex(c.get("hex"))
        }
    return {}


def swatches(result: RuleResult) -> str:
    """Dominant colours (measured) beside the spec palette (when known), as HTML."""
    dominant = result.measured.get("dominant")
    if not isinstance(dominant, list):
        return ""
    limit = _number(result.expected.get("max_delta_e"))
    chips = [chip for chip in (_dominant_chip(c, limit) for c in dominant) if chip]
    palette = [_swatch(hex_, name, f"{name} {hex_}") for name, hex_ in spec_palette(result).items()]
    html = f'<div class="swatches"><b>dominant</b>{"".join(chips)}</div>' if chips else ""
    if palette:
        html += f'<div class="swatches"><b>palette</b>{"".join(palette)}</div>'
    return html
