"""Every registered rule is well-formed, documented, tested, and in the README's table."""

from __future__ import annotations

from pathlib import Path

import pytest

from stylelint.docs import with_rule_table
from stylelint.params import INTEGER, NUMBER
from stylelint.registry import RULE_GROUP, available_rules, find

ROOT = Path(__file__).resolve().parents[1]
RULES = available_rules()

# CONTRACT.md §4: the `measured` keys each rule must report.
CONTRACT_MEASURED = {
    "palette": {"coverage", "dominant"},
    "forbidden-colors": {"shares"},
    "colorfulness": {"colorfulness"},
    "color-temperature": {"kelvin"},
    "exposure": {"lightness", "highlights", "shadows"},
    "contrast": {"rms"},
    "text-contrast": {"ratio"},
    "aspect-ratio": {"ratio", "nearest"},
    "resolution": {"width", "height"},
    "orientation": {"orientation"},
    "horizon": {"tilt_deg"},
    "thirds": {"subject", "distance"},
    "negative-space": {"share"},
    "sharpness": {"sharpness"},
    "noise": {"sigma"},
    "color-profile": {"profile"},
    "file-format": {"format", "bytes"},
    "metadata": {"present"},
    "consistency": {"z", "worst"},
    "duplicates": {"duplicate_of", "distance"},
    # §7: the second round's additions.
    "provenance": {
        "c2pa",
        "c2pa_valid",
        "signer_trusted",
        "ai_generated",
        "ai_disclosure_sources",
        "claim_generator",
        "signer",
    },
}


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_rule_is_well_formed_and_documented(rule_id):
    rule = RULES[rule_id]
    entry = next(ep for ep in find(RULE_GROUP) if ep.name == rule_id)
    assert entry.value == f"stylelint.rules.{rule_id.replace('-', '_')}:RULE"
    assert rule.summary and "\n" not in rule.summary and rule.summary == rule.doc.strip().splitlines()[0]
    assert rule.version >= 1 and rule.example
    for info in rule.param_infos():
        assert info.doc, f"{rule_id}.{info.name} has no doc"
        if info.kind in (NUMBER, INTEGER):
            assert info.unit, f"{rule_id}.{info.name} has no unit"
            assert info.min is not None or info.max is not None, f"{rule_id}.{info.name} has no range"
    assert (ROOT / "tests" / "rules" / f"test_{rule_id.replace('-', '_')}.py").is_file()


@pytest.mark.parametrize("rule_id", sorted(set(RULES) & set(CONTRACT_MEASURED)))
def test_rule_declares_the_contract_measured_keys(rule_id):
    assert CONTRACT_MEASURED[rule_id] <= set(RULES[rule_id].measured_keys)


def test_readme_rule_table_matches_the_registry():
    readme = (ROOT / "README.md").read_text("utf-8")
    assert readme == with_rule_table(readme, RULES), (
        "README rule table is stale: run `python -m stylelint.docs README.md`"
    )
