"""The reports of `stylelint compare`: text, json, markdown and html (`FORMATS`).

Each renders a whole `Comparison` to a text stream. JSON is `Comparison.to_dict()`; text and
Markdown say the same to people: the summary, a table of the features (medians with P5–P95,
shift, Cliff's δ, Holm-adjusted p, drift), and the palette kept, dropped and added. The HTML
page is `compare_html`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any, TextIO

from stylelint import drift
from stylelint.compare import Comparison, FeatureDrift
from stylelint.compare_summary import shift_text, value_text
from stylelint.names import printable
from stylelint.reporters.markdown import escape as md_escape


def render_json(comparison: Comparison, out: TextIO) -> None:
    """The JSON document (CONTRACT.md §7)."""
    json.dump(comparison.to_dict(), out, indent=2, ensure_ascii=False)
    out.write("\n")


def method_line(comparison: Comparison) -> str:
    """How drift is decided, in one line."""
    test, effect = (
        ("Wilcoxon signed-rank over images paired by name", "rank-biserial r")
        if comparison.paired
        else ("Mann–Whitney U", "Cliff's δ")
    )
    return (
        f"drift: two-sided {test}, Holm-adjusted p < {drift.ALPHA:g}, |{effect}| ≥ {drift.MIN_EFFECT:g}, "
        "and a median shift of at least one just-noticeable difference (jnd)"
    )


def feature_cells(d: FeatureDrift) -> list[str]:
    """A feature's row: name, unit, before and after (median [P5–P95]), shift, δ, p, drift."""
    f = d.feature

    def spread(s: drift.Spread) -> str:
        return f"{value_text(f, s.median)} [{value_text(f, s.p5)}–{value_text(f, s.p95)}]"

    return [
        f.name,
        f.unit,
        spread(d.before),
        spread(d.after),
        shift_text(f, d.shift, d.before.median),
        f"{d.effect_size:+.2f}",
        f"{d.p_value:.2g}",
        "DRIFT" if d.significant else "-",
    ]


def table_head(comparison: Comparison) -> list[str]:
    """The feature table's header; the effect size is Cliff's δ, or r when the sets are paired."""
    effect = "r" if comparison.paired else "δ"
    return ["feature", "unit", "before median [P5–P95]", "after median [P5–P95]", "shift", effect, "p (Holm)", "drift"]


def palette_lines(palette: Mapping[str, list[dict[str, Any]]]) -> list[tuple[str, str]]:
    """(group, description) per listed colour: "#B13F1B 12% → #A94422 10% (2.1 ΔE00) rust"."""
    lines = []
    for row in palette["kept"]:
        moved = (
            f"{row['hex']} {row['share']:.0%} → {row['after_hex']} {row['after_share']:.0%} ({row['delta_e']:.1f} ΔE00)"
        )
        lines.append(("kept", moved + (f" {row['name']}" if row["name"] else "")))
    for group in ("dropped", "added"):
        for row in palette[group]:
            lines.append((group, f"{row['hex']} {row['share']:.0%}" + (f" {row['name']}" if row["name"] else "")))
    return lines


def _sides(comparison: Comparison) -> list[str]:
    lines = []
    for label, side in (("BEFORE", comparison.before), ("AFTER", comparison.after)):
        unreadable = f", {len(side.unreadable)} unreadable" if side.unreadable else ""
        lines.append(f"{label:<6} {side.path} ({len(side.images)} images{unreadable})")
        lines += [f"       unreadable: {path}: {error}" for path, error in side.unreadable]
    return lines


def render_text(comparison: Comparison, out: TextIO) -> None:
    """The report for a terminal (plain text; control characters in names shown as escapes)."""
    head = table_head(comparison)
    rows = [head] + [feature_cells(d) for d in comparison.features]
    widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
    lines = _sides(comparison) + [""] + list(comparison.summary) + [""]
    lines += ["  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip() for row in rows]
    lines += ["", "palette"] + [f"  {group:<8} {text}" for group, text in palette_lines(comparison.palette)]
    lines += ["", method_line(comparison)]
    out.write("\n".join(printable(line) for line in lines) + "\n")


def render_markdown(comparison: Comparison, out: TextIO) -> None:
    """A pull-request comment: summary, feature table, palette."""
    verdict = "❌ drift" if comparison.drifted else "✅ no drift"
    lines = [
        f"**stylelint compare** · {verdict} · BEFORE `{md_escape(comparison.before.path)}` "
        f"({len(comparison.before.images)} images) → AFTER `{md_escape(comparison.after.path)}` "
        f"({len(comparison.after.images)} images)",
        "",
        *[md_escape(sentence) for sentence in comparison.summary],
        "",
        "| " + " | ".join(table_head(comparison)) + " |",
        "|" + "---|" * len(table_head(comparison)),
    ]
    for d in comparison.features:
        cells = feature_cells(d)
        cells[-1] = "**drift**" if d.significant else ""
        lines.append("| " + " | ".join(md_escape(c) if i < 7 else c for i, c in enumerate(cells)) + " |")
    palette = palette_lines(comparison.palette)
    if palette:
        lines += ["", "| palette | colour |", "|---|---|"] + [f"| {g} | {md_escape(t)} |" for g, t in palette]
    lines += ["", f"<sub>{md_escape(method_line(comparison))}</sub>"]
    out.write("\n".join(lines) + "\n")


def _render_html(comparison: Comparison, out: TextIO) -> None:
    from stylelint.reporters.compare_html import render_html

    render_html(comparison, out)


FORMATS: Mapping[str, Callable[[Comparison, TextIO], None]] = {
    "text": render_text,
    "json": render_json,
    "markdown": render_markdown,
    "html": _render_html,
}
