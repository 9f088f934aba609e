"""`stylelint learn`: infer a spec from approved reference images, every value with its evidence.

Each reference is measured by every installed rule (`stylelint.inspect`, default parameters).
From those measurements the learned spec gets:
- `palette`: named swatches, the references' dominant colours (6 per image, weighted by share)
  clustered by the same weighted k-means in Lab as `ImageFacts.dominant_colours`;
- ranges for tone and colour rules (exposure, contrast, colorfulness, color-temperature),
  widened from what was seen: [P5 − IQR, P95 + IQR] (≈ ±3σ for normally spread values, so
  about 3 in 1000 references of the same grade would fall outside), rounded outwards and clipped
  to the parameter's declared range; limits on shares (clipping, off-palette colours) are
  P95 + IQR but never stricter than the rule's default;
- the aspect ratios seen and the smallest long and short edges seen;
- `consistency` with the references' inline profile (its `suggest` hook), so later images are
  compared with the references rather than with each other.

A rule with a `suggest` hook is asked for its parameters; the tone/colour ranges above are the
fallback for rules without one. Only installed rules are written. The result is a YAML text
with a comment on every learned value ("seen 4.1–5.3 across 24 references"); it is validated
with `load_spec` before it is returned.
"""

from __future__ import annotations

import logging
import math
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np

from stylelint.colour_stats import ColourCounts, dominant_colours_of
from stylelint.discovery import Target, discover
from stylelint.errors import UsageError
from stylelint.facts import ImageFacts
from stylelint.params import Colour
from stylelint.registry import available_rules

log = logging.getLogger(__name__)

# Enough references for P5/P95 and a median/MAD to mean something (= consistency's MIN_SET_SIZE).
MIN_REFERENCES = 5
# Swatches in the learned palette: brand palettes typically hold 4–8 colours.
PALETTE_SIZE = 6
# Widening of observed ranges: [P5 − IQR, P95 + IQR]. For normal data P5 = μ − 1.645σ and
# IQR = 1.349σ, so the bounds sit at about μ ± 3σ, a little beyond Tukey's 1.5·IQR fences (±2.7σ).
_LOW_PCT, _HIGH_PCT, _IQR_MARGIN = 5.0, 95.0, 1.0
# Ratios with numerator and denominator ≤ 16 cover photographic formats (3:2, 4:5, 16:9, …);
# a measured ratio within 0.5 % of one (half the aspect-ratio rule's tolerance) is written as it.
_MAX_RATIO_TERM, _RATIO_SNAP = 16, 0.005
# Weights of pooled dominant colours are integer counts: shares scaled by this.
_SHARE_TO_COUNT = 1_000_000

# Tone/colour ranges: (rule id, measured key, low param, high param, what, decimals).
_RANGES = (
    ("exposure", "lightness", "min_lightness", "max_lightness", "mean L*", 1),
    ("contrast", "rms", "min", "max", "RMS contrast", 3),
    ("colorfulness", "colorfulness", "min", "max", "colourfulness M", 1),
    ("color-temperature", "kelvin", "min_kelvin", "max_kelvin", "colour temperature (K)", 0),
)
# Share ceilings: (rule id, measured key, param, what).
_CEILINGS = (
    ("exposure", "highlights", "max_highlights", "clipped highlights"),
    ("exposure", "shadows", "max_shadows", "crushed shadows"),
)

Entry = tuple[str, Any, str]
"""A learned parameter: name, value (number, string, list or nested entries) and evidence."""


@dataclass(frozen=True)
class Learned:
    """A learned spec: its YAML text, how many references it came from, the skipped files."""

    text: str
    references: int
    skipped: tuple[str, ...]


def learn_spec(paths: Sequence[str], *, name: str | None = None) -> Learned:
    """Measure the reference images under `paths` and write a spec from them.

    Raises UsageError with fewer than `MIN_REFERENCES` readable images.
    """
    from stylelint.inspect import inspect_image

    targets = _discover(paths)
    inspections = [inspect_image(t.display, None) for t in targets]
    good = [i for i in inspections if i.error is None]
    skipped = tuple(f"{i.path}: {i.error}" for i in inspections if i.error is not None)
    if len(good) < MIN_REFERENCES:
        raise UsageError(
            f"learn needs at least {MIN_REFERENCES} readable reference images, found {len(good)} in {', '.join(paths)}"
        )
    rules = available_rules()
    palette = _palette(good) if "palette" in rules else {}
    sections = _rule_sections(good, rules, palette)
    text = _render(name or f"Learned from {len(good)} references", palette, sections, len(good))
    _validate(text)
    return Learned(text, len(good), skipped)


def _discover(paths: Sequence[str]) -> list[Target]:
    targets = [t for t in discover(list(paths)) if t.error is None]
    if not targets:
        raise UsageError(f"no image found in {', '.join(paths)}")
    return targets


# ---- statistics ----------------------------------------------------------------------------------


def widened(values: Sequence[float]) -> tuple[float, float]:
    """[P5 − IQR, P95 + IQR] of `values` (IQR = P75 − P25)."""
    data = np.asarray(values, dtype=np.float64)
    p5, p25, p75, p95 = np.percentile(data, [_LOW_PCT, 25, 75, _HIGH_PCT])
    margin = _IQR_MARGIN * (p75 - p25)
    return float(p5 - margin), float(p95 + margin)


def _floor(value: float, decimals: int) -> float:
    return math.floor(value * 10**decimals) / 10**decimals


def _ceil(value: float, decimals: int) -> float:
    return math.ceil(value * 10**decimals) / 10**decimals


def _seen(values: Sequence[float], decimals: int, count: int, *, percent: bool = False) -> str:
    low, high = min(values), max(values)
    shown = f"{low:.1%}–{high:.1%}" if percent else f"{low:.{decimals}f}–{high:.{decimals}f}"
    return f"seen {shown} across {count} references"


def _bounds(rule: Any, param_name: str) -> tuple[float, float]:
    info = next(i for i in rule.param_infos() if i.name == param_name)
    return (-math.inf if info.min is None else info.min), (math.inf if info.max is None else info.max)


# ---- rule sections ---------------------------------------------------------------------------------


def _rule_sections(
    good: Sequence[Any], rules: Mapping[str, Any], palette: Mapping[str, Colour]
) -> dict[str, list[Entry]]:
    measured = {rule_id: [i.measurements.get(rule_id) for i in good] for rule_id in rules}
    sections: dict[str, list[Entry]] = {}
    for rule_id, low, high, entry in _range_entries(measured, rules):
        sections.setdefault(rule_id, []).extend([low, high] if entry is None else [entry])
    if "resolution" in rules:
        sections.update(_geometry(measured["resolution"], rules))
    if palette:
        sections["palette"] = _palette_entries(good, palette)
    for rule_id, rule in rules.items():
        records = [m for m in measured[rule_id] if isinstance(m, dict)]
        if rule.suggest is not None and rule_id not in sections and len(records) >= MIN_REFERENCES:
            sections[rule_id] = _suggested(rule.suggest(records), records)
    return dict(sorted(sections.items()))


def _range_entries(measured: Mapping[str, list[Any]], rules: Mapping[str, Any]) -> list[tuple[str, Any, Any, Any]]:
    """(rule id, low entry, high entry, None) for ranges; (rule id, None, None, entry) for ceilings."""
    out: list[tuple[str, Any, Any, Any]] = []
    for rule_id, key, low_name, high_name, what, decimals in _RANGES:
        values = [m[key] for m in measured.get(rule_id, []) if isinstance(m, dict) and m.get(key) is not None]
        if rule_id not in rules or rules[rule_id].suggest is not None or len(values) < MIN_REFERENCES:
            continue
        low, high = widened(values)
        lo_bound, hi_bound = _bounds(rules[rule_id], low_name)
        evidence = f"{what} {_seen(values, decimals, len(values))}"
        out.append(
            (
                rule_id,
                (low_name, max(lo_bound, _floor(low, decimals)), evidence + "; P5 − IQR"),
                (high_name, min(hi_bound, _ceil(high, decimals)), "P95 + IQR"),
                None,
            )
        )
    for rule_id, key, param_name, what in _CEILINGS:
        values = [m[key] for m in measured.get(rule_id, []) if isinstance(m, dict) and m.get(key) is not None]
        if rule_id not in rules or rules[rule_id].suggest is not None or len(values) < MIN_REFERENCES:
            continue
        default = next(i.default for i in rules[rule_id].param_infos() if i.name == param_name)
        limit = min(1.0, max(default, _ceil(widened(values)[1], 3)))
        evidence = f"{what} {_seen(values, 1, len(values), percent=True)}; P95 + IQR, at least {default:g}"
        out.append((rule_id, None, None, (param_name, limit, evidence)))
    return out


def ratio_text(width: int, height: int) -> str:
    """ "W:H" of a size: a small-term ratio (3:2, 16:9) when within 0.5 %, else reduced exactly."""
    approx = Fraction(width, height).limit_denominator(_MAX_RATIO_TERM)
    if approx.numerator <= _MAX_RATIO_TERM and abs(approx * height / width - 1) <= _RATIO_SNAP:
        return f"{approx.numerator}:{approx.denominator}"
    exact = Fraction(width, height)
    return f"{exact.numerator}:{exact.denominator}"


def _geometry(sizes: Sequence[Any], rules: Mapping[str, Any]) -> dict[str, list[Entry]]:
    dims = [(m["width"], m["height"]) for m in sizes if isinstance(m, dict)]
    longs, shorts = [max(d) for d in dims], [min(d) for d in dims]
    out = {
        "resolution": [
            ("min_long_edge", min(longs), f"smallest seen across {len(dims)} references (largest {max(longs)} px)"),
            ("min_short_edge", min(shorts), f"smallest seen (largest {max(shorts)} px)"),
        ]
    }
    if "aspect-ratio" in rules:
        ratios = [ratio_text(w, h) for w, h in dims]
        counts = {r: ratios.count(r) for r in dict.fromkeys(sorted(ratios))}
        seen = ", ".join(f"{r} ×{n}" for r, n in counts.items())
        out["aspect-ratio"] = [("allowed", list(counts), f"ratios seen: {seen}")]
    return out


def _suggested(params: Mapping[str, Any], records: Sequence[Mapping[str, Any]]) -> list[Entry]:
    """Entries from a rule's `suggest`; a nested {key: {...}} gets a "seen" comment per key."""
    entries: list[Entry] = []
    for key, value in params.items():
        if isinstance(value, dict):
            nested = [(sub, inner, _evidence_of(sub, records)) for sub, inner in value.items()]
            entries.append((key, nested, f"suggested by the rule from {len(records)} references"))
        else:
            entries.append((key, value, f"suggested by the rule from {len(records)} references"))
    return entries


def _evidence_of(key: str, records: Sequence[Mapping[str, Any]]) -> str:
    values = [r[key] for r in records if isinstance(r.get(key), (int, float))]
    if not values:
        return ""
    decimals = 0 if max(abs(v) for v in values) >= 1000 else 3
    return _seen(values, decimals, len(values))


# ---- palette ---------------------------------------------------------------------------------------

# Hue families by CIELAB hue angle (degrees, upper bounds): pure sRGB red sits near 40°, yellow
# near 100°, green near 136°, blue near 306° (CIE 15:2004 Lab of the sRGB primaries).
_HUES = (
    (20, "pink"),
    (50, "red"),
    (75, "orange"),
    (105, "yellow"),
    (165, "green"),
    (230, "teal"),
    (300, "blue"),
    (340, "purple"),
    (360, "pink"),
)
# Below this chroma a colour reads as grey (about where hue naming becomes unreliable).
_GREY_CHROMA = 12.0


def swatch_name(lab: Sequence[float]) -> str:
    """A plain name for a Lab colour: "dark-blue", "light-grey", "orange", "black"."""
    lightness, a, b = lab
    if math.hypot(a, b) < _GREY_CHROMA:
        family = "black" if lightness < 20 else "white" if lightness > 92 else "grey"
    else:
        angle = math.degrees(math.atan2(b, a)) % 360
        family = next(word for top, word in _HUES if angle < top)
    if family in ("black", "white"):
        return family
    return ("dark-" if lightness < 35 else "light-" if lightness > 70 else "") + family


def _palette(good: Sequence[Any]) -> dict[str, Colour]:
    rows = [(Colour.from_hex(d["hex"]), d["share"]) for i in good for d in i.dominant]
    counts = ColourCounts(
        srgb=np.array([c.srgb for c, _ in rows]),
        lab=np.array([c.lab for c, _ in rows]),
        counts=np.array([max(1, round(s * _SHARE_TO_COUNT)) for _, s in rows], dtype=np.int64),
    )
    palette: dict[str, Colour] = {}
    for swatch in dominant_colours_of(counts, PALETTE_SIZE):
        base = swatch_name(swatch.lab)
        name = (
            base if base not in palette else next(f"{base}-{n}" for n in range(2, 99) if f"{base}-{n}" not in palette)
        )
        palette[name] = Colour.from_hex(swatch.hex, name=name)
    return palette


def _palette_entries(good: Sequence[Any], palette: Mapping[str, Colour]) -> list[Entry]:
    """min_coverage and min_share such that the references pass, from a second measuring pass."""
    from stylelint.rules import palette as palette_rule

    p = palette_rule.Params(colors=tuple(palette.values()))
    coverage, off = [], []
    for inspection in good:
        m = palette_rule.measure(ImageFacts(Path(inspection.path)), p)
        coverage.append(m["coverage"])
        off.append(max([d["share"] for d in m["dominant"] if d["delta_e"] > p.max_delta_e], default=0.0))
    min_coverage = max(0.0, _floor(widened(coverage)[0], 2))
    min_share = min(1.0, max(p.min_share, _ceil(widened(off)[1], 3) + 0.001))
    return [
        ("min_coverage", min_coverage, f"coverage {_seen(coverage, 2, len(coverage), percent=True)}; P5 − IQR"),
        (
            "min_share",
            min_share,
            f"largest off-palette dominant colour {_seen(off, 1, len(off), percent=True)}; above P95 + IQR",
        ),
    ]


# ---- YAML ------------------------------------------------------------------------------------------


def _scalar(value: Any) -> str:
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, list):
        return "[" + ", ".join(_scalar(v) for v in value) + "]"
    if isinstance(value, float):
        return f"{value:.6g}" if value != int(value) or abs(value) < 1e15 else str(value)
    return str(value)


def _entry_lines(entry: Entry, indent: str) -> list[str]:
    key, value, evidence = entry
    comment = f"  # {evidence}" if evidence else ""
    if isinstance(value, list) and value and isinstance(value[0], tuple):
        lines = [f"{indent}{key}:{comment}"]
        for sub, inner, sub_evidence in value:
            body = "{" + ", ".join(f"{k}: {_scalar(v)}" for k, v in inner.items()) + "}"
            lines.append(f"{indent}  {sub}: {body}" + (f"  # {sub_evidence}" if sub_evidence else ""))
        return lines
    return [f"{indent}{key}: {_scalar(value)}{comment}"]


def _render(name: str, palette: Mapping[str, Colour], sections: Mapping[str, list[Entry]], count: int) -> str:
    lines = [
        f"# Learned by `stylelint learn` from {count} approved reference images.",
        "# Every value says what it was learned from; edit freely.",
        "version: 1",
        f'name: "{name}"',
    ]
    if palette:
        lines.append(f"palette:  # the references' dominant colours clustered into {len(palette)} swatches")
        lines += [f'  {n}: "{c.hex}"' for n, c in palette.items()]
    lines.append("rules:")
    for rule_id, entries in sections.items():
        lines.append(f"  {rule_id}:")
        for entry in entries:
            lines += _entry_lines(entry, "    ")
    return "\n".join(lines) + "\n"


def _validate(text: str) -> None:
    """Load the learned text as a spec: a learned spec that does not load is a bug."""
    from stylelint.spec import load_spec

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "learned.yaml")
        path.write_text(text, encoding="utf-8")
        load_spec(path, available_rules())
