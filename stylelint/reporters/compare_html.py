"""The HTML page of `stylelint compare`: one self-contained file, nothing fetched.

The summary; per feature, both distributions side by side as an inline SVG strip plot (one dot
per image, the P5–P95 range as a bar, the median as a tick; BEFORE above, AFTER below, on one
shared axis) with the numbers beside it; the palette's kept, dropped and added swatches; and
thumbnails (embedded JPEGs) of the most typical and the most changed images of each set.
Every string from the comparison is escaped; there are no timestamps or scripts.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from html import escape
from typing import Any, TextIO

import numpy as np
import numpy.typing as npt

from stylelint import __version__
from stylelint.compare import Comparison, FeatureDrift, MeasuredSet
from stylelint.reporters.compare_reports import feature_cells, method_line
from stylelint.reporters.thumbnails import Thumbnail, make_thumbnail

# Strip plot geometry (CSS px): wide enough for a few hundred dots to stay distinguishable.
_WIDTH, _HEIGHT, _PAD = 420, 64, 10
_ROWS = {"before": 18, "after": 42}
# The axis spans both sets' P5–P95 widened by this share on each side; the few images beyond
# (one 57,000 K sky among 3,000 K interiors) sit on the edge instead of squeezing the rest.
_AXIS_MARGIN = 0.25
_COLOURS = {"before": "#4A6FA5", "after": "#D9822B"}
# Thumbnails: long edge in px (six per set fit a 1100-px page).
_THUMB_SIDE = 150

_CSS = """
body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:1100px;color:#222;padding:0 16px}
h1{font-size:22px;margin:0 0 4px} h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #ddd}
.meta{color:#666} .summary p{margin:4px 0} .drift{color:#b3261e;font-weight:600} .ok{color:#2e7d32;font-weight:600}
table{border-collapse:collapse;width:100%} td,th{padding:4px 8px;border-bottom:1px solid #eee;text-align:left;
vertical-align:middle;font-variant-numeric:tabular-nums} th{font-weight:600;color:#555}
tr.drifted{background:#fff4f2} .legend span{display:inline-block;width:10px;height:10px;border-radius:50%;margin:0 4px 0 12px}
.swatches{display:flex;flex-wrap:wrap;gap:10px} .sw{width:120px;font-size:12px}
.chip{height:36px;border-radius:4px;border:1px solid #0002} .pair{display:flex} .pair .chip{flex:1}
.sets{display:grid;grid-template-columns:1fr 1fr;gap:24px} .thumbs{display:flex;flex-wrap:wrap;gap:8px}
figure{margin:0;width:150px;font-size:11px;color:#555;word-break:break-all} figure img{display:block;border-radius:3px}
"""


def render_html(
    comparison: Comparison, out: TextIO, *, thumbnail: Callable[[str], Thumbnail | None] | None = None
) -> None:
    """Write the page; `thumbnail` (default: embedded JPEGs of `_THUMB_SIDE` px) may be replaced."""
    maker = thumbnail or (lambda path: make_thumbnail(path, side=_THUMB_SIDE))
    verdict = '<span class="drift">drift</span>' if comparison.drifted else '<span class="ok">no drift</span>'
    parts = [
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>stylelint compare: '
        f"{escape(comparison.before.path)} → {escape(comparison.after.path)}</title><style>{_CSS}</style></head><body>",
        f"<h1>stylelint compare · {verdict}</h1>",
        f'<p class="meta">BEFORE <b>{escape(comparison.before.path)}</b> ({len(comparison.before.images)} images) → '
        f"AFTER <b>{escape(comparison.after.path)}</b> ({len(comparison.after.images)} images) · stylelint "
        f"{escape(__version__)}</p>",
        '<div class="summary">' + "".join(f"<p>{escape(s)}</p>" for s in comparison.summary) + "</div>",
        _features(comparison),
        _palette(comparison.palette),
        _images(comparison, maker),
        f'<p class="meta">{escape(method_line(comparison))}</p></body></html>\n',
    ]
    out.write("\n".join(parts))


def _features(comparison: Comparison) -> str:
    legend = "".join(f'<span style="background:{c}"></span>{side.upper()}' for side, c in _COLOURS.items())
    effect = "r" if comparison.paired else "δ"
    head = "".join(
        f"<th>{escape(h)}</th>" for h in ("feature", "distributions", "before", "after", "shift", effect, "p")
    )
    rows = [_feature_row(d, comparison.before, comparison.after) for d in comparison.features]
    return f'<h2>Features</h2><p class="legend">{legend}</p><table><tr>{head}</tr>{"".join(rows)}</table>'


def _feature_row(d: FeatureDrift, before: MeasuredSet, after: MeasuredSet) -> str:
    cells = feature_cells(d)
    values = {"before": before.column(d.feature.name), "after": after.column(d.feature.name)}
    name = f"<b>{escape(cells[0])}</b><br><small>{escape(cells[1])}</small>"
    if d.significant:
        name += '<br><span class="drift">drift</span>'
    numbers = "".join(f"<td>{escape(c)}</td>" for c in cells[2:7])
    css = ' class="drifted"' if d.significant else ""
    return f"<tr{css}><td>{name}</td><td>{strip_plot(values, d)}</td>{numbers}</tr>"


def strip_plot(values: Mapping[str, npt.NDArray[np.float64]], d: FeatureDrift) -> str:
    """An inline SVG: each set's values as dots on a shared axis (values beyond it drawn on its
    edge), P5–P95 bar, median tick."""
    low, high = min(d.before.p5, d.after.p5), max(d.before.p95, d.after.p95)
    non_negative = low >= 0  # shares, kelvin, L*: the axis stays at 0 or above
    if high - low < 2 * d.feature.jnd:  # at least two just-noticeable differences wide
        centre = (high + low) / 2
        low, high = centre - d.feature.jnd, centre + d.feature.jnd
    margin = (high - low) * _AXIS_MARGIN
    low, high = low - margin, high + margin
    if non_negative and low < 0:
        low, high = 0.0, high - low
    span = high - low

    def x(value: float) -> float:
        return _PAD + (min(max(value, low), high) - low) / span * (_WIDTH - 2 * _PAD)

    marks = []
    for side, spread in (("before", d.before), ("after", d.after)):
        y, colour = _ROWS[side], _COLOURS[side]
        marks.append(
            f'<line x1="{x(spread.p5):.1f}" x2="{x(spread.p95):.1f}" y1="{y}" y2="{y}" stroke="{colour}" '
            f'stroke-width="8" stroke-opacity="0.18"/>'
        )
        marks += [
            f'<circle cx="{x(v):.1f}" cy="{y + _jitter(i):.1f}" r="2.3" fill="{colour}" fill-opacity="0.55"/>'
            for i, v in enumerate(values[side])
            if np.isfinite(v)
        ]
        marks.append(
            f'<line x1="{x(spread.median):.1f}" x2="{x(spread.median):.1f}" y1="{y - 9}" y2="{y + 9}" '
            f'stroke="{colour}" stroke-width="2.5"/>'
        )
    f = d.feature
    labels = (
        f'<text x="{_PAD}" y="{_HEIGHT - 2}" font-size="10" fill="#777">{escape(f.fmt.format(low))}</text>'
        f'<text x="{_WIDTH - _PAD}" y="{_HEIGHT - 2}" font-size="10" fill="#777" text-anchor="end">'
        f"{escape(f.fmt.format(high))}</text>"
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_WIDTH}" height="{_HEIGHT}" role="img" '
        f'aria-label="{escape(f.name)}: before and after">{"".join(marks)}{labels}</svg>'
    )


def _jitter(index: int) -> float:
    """A deterministic vertical offset in [−6, 6] px, so overlapping dots stay visible."""
    return ((index * 7919) % 13 - 6) * 1.0


def _chip(hex_code: str) -> str:
    return f'<div class="chip" style="background:{escape(hex_code)}"></div>'


def _palette(palette: Mapping[str, list[dict[str, Any]]]) -> str:
    groups = []
    for group in ("kept", "dropped", "added"):
        cards = []
        for row in palette[group]:
            name = f"<br>{escape(row['name'])}" if row["name"] else ""
            if group == "kept":
                chips = f'<div class="pair">{_chip(row["hex"])}{_chip(row["after_hex"])}</div>'
                text = f"{escape(row['hex'])} → {escape(row['after_hex'])}<br>{row['share']:.0%} → {row['after_share']:.0%}, moved {row['delta_e']:.1f} ΔE00"
            else:
                chips, text = _chip(row["hex"]), f"{escape(row['hex'])} · {row['share']:.0%}"
            cards.append(f'<div class="sw">{chips}{text}{name}</div>')
        body = "".join(cards) or '<p class="meta">none</p>'
        groups.append(f'<h3>{group} ({len(palette[group])})</h3><div class="swatches">{body}</div>')
    return "<h2>Palette</h2>" + "".join(groups)


def _images(comparison: Comparison, maker: Callable[[str], Thumbnail | None]) -> str:
    columns = []
    for side in ("before", "after"):
        blocks = [
            f"<h3>{side.upper()}: {title}</h3>{_thumbs(comparison.shown[side][key], maker)}"
            for key, title in (("typical", "most typical"), ("changed", "most changed"))
        ]
        columns.append(f"<div>{''.join(blocks)}</div>")
    return f'<h2>Images</h2><div class="sets">{"".join(columns)}</div>'


def _thumbs(paths: Sequence[str], maker: Callable[[str], Thumbnail | None]) -> str:
    figures = []
    for path in paths:
        thumb = maker(path)
        image = (
            f'<img src="{escape(thumb.data_uri)}" width="{thumb.width}" height="{thumb.height}" alt="{escape(path)}">'
            if thumb
            else "no preview"
        )
        figures.append(f"<figure>{image}<figcaption>{escape(path)}</figcaption></figure>")
    return f'<div class="thumbs">{"".join(figures)}</div>'
