"""Every registered rule is well-formed, documented, tested, and in the README's table."""

from __future__ import annotations

from pathlib import Path

import pytest

from stylelint import testing
from stylelint.docs import with_rule_table
from stylelint.facts import ImageFacts
from stylelint.params import INTEGER, NUMBER
from stylelint.registry import RULE_GROUP, available_rules, find
from stylelint.spec import load_spec

ROOT = Path(__file__).resolve().parents[1]
RULES = available_rules()

# CONTRACT.md §4: the `measured` keys each rule must report.
CONTRACT_MEASURED = {
    "palette": {"coverage", "dominant"},
    "forbidden-colors": {"shares"},
    "colorfulness": {"colorfulness"},
    "color-temperature": {"kelvin", "duv"},
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


# The examples are lines under `rules:` of a spec; some name palette colours, as a user's spec would.
_EXAMPLE_PALETTE = {"ink": "#1A1A1A", "paper": "#F5F1E8", "brand-red": "#C8102E", "competitor-blue": "#0033A0"}


def _example_spec(rule, tmp_path):
    palette = "".join(f'  {name}: "{hex_code}"\n' for name, hex_code in _EXAMPLE_PALETTE.items())
    path = tmp_path / "stylelint.yaml"
    path.write_text(f"version: 1\npalette:\n{palette}rules:\n  {rule.example}\n", "utf-8")
    return load_spec(path, RULES)


class _Recording:
    """A rule's Params that records which parameters are read."""

    def __init__(self, params):
        object.__setattr__(self, "_params", params)
        object.__setattr__(self, "read", set())

    def __getattr__(self, name):
        self.read.add(name)
        return getattr(self._params, name)


@pytest.fixture(scope="module")
def photo_path(tmp_path_factory):
    # A real photo (chelsea, 451×300): every rule finds something to measure in it.
    return testing.write(tmp_path_factory.mktemp("catalogue") / "chelsea.jpg", testing.photo("chelsea"))


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_the_example_is_a_valid_spec_entry(rule_id, tmp_path):
    # As ESLint runs its rules' examples: what `explain` shows must load.
    rule = RULES[rule_id]
    if rule.missing():
        pytest.skip(rule.missing())
    assert rule_id in _example_spec(rule, tmp_path).rules


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_measure_returns_the_measured_keys_and_reads_only_measured_with(rule_id, tmp_path, photo_path):
    rule = RULES[rule_id]
    if rule.missing():
        pytest.skip(rule.missing())
    params = _example_spec(rule, tmp_path).rules[rule_id].params
    recording = _Recording(params)
    record = rule.measure(ImageFacts(photo_path), recording)
    # The cache is keyed on measured_with only: a parameter read by measure but not declared
    # there would serve a stale measurement when the spec changes it.
    declared = set(rule.measured_with) if rule.measured_with is not None else {i.name for i in rule.param_infos()}
    assert recording.read <= declared, f"{rule_id}.measure reads {sorted(recording.read)}"
    # A set rule's measured (what reports show) comes from compare; its measure gives the record.
    measured = rule.compare([record] * 5, params)[0] if rule.is_set_rule else record
    assert set(rule.measured_keys) <= set(measured), (
        f"{rule_id} does not return {set(rule.measured_keys) - set(measured)}"
    )
