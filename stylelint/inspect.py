"""`stylelint inspect`: every measurement of every installed rule for some images, no verdicts.

Rules the spec configures are measured with its parameters; the others with their defaults
(bounds are not needed to measure). A rule whose required parameters are missing (for
example `forbidden-colors` without `colors`) says so in place of its measurements; one whose optional package is not
installed (`provenance` without c2pa-python) shows why in place of its measurements. The
dominant colours are listed with the nearest palette colour when the spec has a palette, so a
person can write a spec from it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from stylelint import __version__
from stylelint.analysis import Analysis
from stylelint.colour import delta_e_2000
from stylelint.engine import Job, Target, measure_all
from stylelint.errors import ImageReadError
from stylelint.facts import ImageFacts
from stylelint.params import ParseContext, build
from stylelint.registry import available_rules
from stylelint.report import RuleResult, Severity
from stylelint.spec import RuleConfig, Spec

# As many dominant colours as the palette rule checks by default: the same computation, so inspect,
# the palette rule and the HTML report show the same colours (issue 13).
DOMINANT_COLOURS = 5


@dataclass(frozen=True)
class Inspection:
    """Everything measured on one image."""

    path: str
    error: str | None = None
    notes: tuple[str, ...] = ()
    dominant: list[dict[str, Any]] = field(default_factory=list)
    measurements: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """JSON form: path, error, notes, dominant colours, {rule id: measured}."""
        return {
            "path": self.path,
            "error": self.error,
            "notes": list(self.notes),
            "dominant": self.dominant,
            "measurements": self.measurements,
        }


def _configs(spec: Spec | None, path: Path) -> tuple[tuple[RuleConfig, ...], dict[str, str]]:
    """The rules to measure, and for each rule that cannot measure without parameters the spec
    does not give, why ("not measured: missing required parameter 'colors'"): shown in its
    place, never a crash (issue 13)."""
    configured = spec.rules_for(path) if spec else {}
    ctx = ParseContext(palette=spec.palette if spec else {})
    configs, needs = [], {}
    for rule_id, rule in available_rules().items():
        if rule_id in configured:
            configs.append(configured[rule_id])
            continue
        built, problems = build(rule.params, {}, ctx)
        if problems:
            needs[rule_id] = "not measured: " + "; ".join(message for _, message in problems)
        else:
            configs.append(RuleConfig(rule, Severity.INFO, built))
    return tuple(configs), needs


def _dominant(facts: ImageFacts, spec: Spec | None) -> list[dict[str, Any]]:
    rows = []
    palette = list(spec.palette.values()) if spec else []
    for colour in facts.dominant_colours(DOMINANT_COLOURS):
        row: dict[str, Any] = {"hex": colour.hex, "share": round(colour.share, 4)}
        if palette:
            gaps = delta_e_2000(np.array([c.lab for c in palette]), np.array(colour.lab))
            row["nearest"], row["delta_e"] = palette[int(np.argmin(gaps))].name, round(float(gaps.min()), 2)
        rows.append(row)
    return rows


def inspect_image(path: str, spec: Spec | None) -> Inspection:
    """Measure one image with every rule; a decoding failure becomes `error`."""
    analysis = spec.analysis if spec else Analysis()
    facts = ImageFacts(path, analysis)
    configs, needs = _configs(spec, Path(path))
    unavailable: dict[str, Any] = {c.rule.id: why for c in configs if (why := c.rule.missing())}
    unavailable.update(needs)
    job = Job(Target(path, path), tuple(c for c in configs if c.rule.id not in unavailable), analysis)
    try:
        measured, notes = measure_all(job, facts)[:2]
        dominant = _dominant(facts, spec)
    except ImageReadError as exc:
        return Inspection(path, error=str(exc))
    measurements = {
        rule_id: (value.to_dict()["message"] if isinstance(value, RuleResult) else value)
        for rule_id, value in sorted({**measured, **unavailable}.items())
    }
    return Inspection(path, notes=notes, dominant=dominant, measurements=measurements)


def inspect_images(paths: Sequence[str], spec: Spec | None) -> list[Inspection]:
    """Inspect each image, in the order given."""
    return [inspect_image(path, spec) for path in paths]


def to_document(inspections: Sequence[Inspection]) -> dict[str, Any]:
    """The `inspect --format json` document."""
    return {"stylelint": __version__, "images": [i.to_dict() for i in inspections]}
