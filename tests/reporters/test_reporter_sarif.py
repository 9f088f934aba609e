"""SARIF 2.1.0: golden file, the structure GitHub code scanning requires, registry descriptors."""

from __future__ import annotations

import io
import json

import pytest
from reporter_samples import FAKE_RULES, SCRIPT_NAME, UNICODE_NAME, sample_report

from stylelint.registry import available_rules
from stylelint.reporters import RenderOptions, render_report, sarif
from stylelint.reporters.common import fingerprint

# The parts of the SARIF 2.1.0 schema (OASIS sarif-schema-2.1.0.json) and of GitHub's
# "SARIF support for code scanning" that this report uses, written out here so that the test
# needs no network: required keys, the level enumeration and the shapes GitHub reads.
_MESSAGE = {"type": "object", "required": ["text"], "properties": {"text": {"type": "string"}}}
_DESCRIPTOR = {
    "type": "object",
    "required": ["id", "shortDescription", "fullDescription", "help"],
    "properties": {
        "id": {"type": "string"},
        "shortDescription": _MESSAGE,
        "fullDescription": _MESSAGE,
        "help": _MESSAGE,
        "defaultConfiguration": {
            "type": "object",
            "properties": {"level": {"enum": ["none", "note", "warning", "error"]}},
        },
    },
}
_RESULT = {
    "type": "object",
    "required": ["ruleId", "ruleIndex", "level", "message", "locations", "partialFingerprints"],
    "properties": {
        "level": {"enum": ["none", "note", "warning", "error"]},
        "message": _MESSAGE,
        "ruleIndex": {"type": "integer", "minimum": 0},
        "locations": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["physicalLocation"],
                "properties": {
                    "physicalLocation": {
                        "type": "object",
                        "required": ["artifactLocation", "region"],
                        "properties": {
                            "artifactLocation": {"type": "object", "required": ["uri"]},
                            "region": {"type": "object", "required": ["startLine"]},
                        },
                    }
                },
            },
        },
        "partialFingerprints": {"type": "object", "additionalProperties": {"type": "string"}},
    },
}
SCHEMA = {
    "type": "object",
    "required": ["version", "$schema", "runs"],
    "properties": {
        "version": {"const": "2.1.0"},
        "runs": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["tool", "results"],
                "properties": {
                    "tool": {
                        "type": "object",
                        "required": ["driver"],
                        "properties": {
                            "driver": {
                                "type": "object",
                                "required": ["name", "version", "informationUri", "rules"],
                                "properties": {"rules": {"type": "array", "items": _DESCRIPTOR}},
                            }
                        },
                    },
                    "results": {"type": "array", "items": _RESULT},
                },
            },
        },
    },
}


def _log(report=None, rules=FAKE_RULES):
    return sarif.build(report or sample_report(), rules)


def test_golden(golden):
    golden("report.sarif", json.dumps(_log(), indent=2, ensure_ascii=False) + "\n")


def test_matches_the_schema_subset():
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validate(_log(), SCHEMA)


def test_one_result_per_failed_unsuppressed_rule_and_unreadable_file(report):
    results = _log(report)["runs"][0]["results"]
    keys = [
        (r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], r["ruleId"], r["level"]) for r in results
    ]
    assert keys == [
        ("-leading%20dash%20%27quoted%27%20%26%20co.jpg", "unreadable-image", "error"),
        ("shoot/a%20photo.jpg", "horizon", "warning"),
        ("shoot/a%20photo.jpg", "palette", "error"),
        ("shoot/a%20photo.jpg", "text-contrast", "error"),
        ("shoot/%3Cscript%3Ealert%28%22x%22%29%3C/script%3E.png", "file-format", "error"),
        ("shoot/z%20baseline.jpg", "contrast", "error"),
        ("shoot/z%20baseline.jpg", "exposure", "note"),
        ("shoot/%C3%BCn%C3%AFc%C3%B6d%C3%A9%20%E5%86%99%E7%9C%9F.png", "thirds", "warning"),
    ]
    assert all(r["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"] == "%SRCROOT%" for r in results)


def test_rule_index_points_at_the_descriptor_and_every_result_has_one():
    log = _log()
    descriptors = log["runs"][0]["tool"]["driver"]["rules"]
    for result in log["runs"][0]["results"]:
        assert descriptors[result["ruleIndex"]]["id"] == result["ruleId"]
    ids = [d["id"] for d in descriptors]
    assert ids == sorted(ids) and "unreadable-image" in ids


def test_fingerprints_depend_on_path_and_rule_not_on_the_message():
    first = _log()["runs"][0]["results"]
    other = sample_report()
    changed = type(other)(
        spec=other.spec,
        files=tuple(
            f
            if f.path != SCRIPT_NAME
            else type(f)(f.path, tuple(type(r)(**{**r.__dict__, "message": "different words, 99%"}) for r in f.results))
            for f in other.files
        ),
    )
    second = _log(changed)["runs"][0]["results"]
    assert [r["partialFingerprints"] for r in first] == [r["partialFingerprints"] for r in second]
    assert first[-1]["partialFingerprints"]["stylelint/v1"] == fingerprint(UNICODE_NAME, "thirds")
    assert len({json.dumps(r["partialFingerprints"]) for r in first}) == len(first)


def test_render_describes_the_rules_it_is_given(report):
    # The CLI gives the installed rules (RenderOptions.rules); the reporter asks no registry.
    out = io.StringIO()
    render_report(sarif.REPORTER, report, out, RenderOptions(rules=available_rules()))
    driver = json.loads(out.getvalue())["runs"][0]["tool"]["driver"]
    by_id = {d["id"]: d for d in driver["rules"]}
    for rule_id, rule in available_rules().items():
        assert by_id[rule_id]["shortDescription"]["text"] == rule.summary
        assert by_id[rule_id]["fullDescription"]["text"] == rule.doc.strip()
        assert by_id[rule_id]["defaultConfiguration"]["level"] == "error"
    assert driver["name"] == "stylelint" and driver["informationUri"].startswith("https://")


def test_absolute_paths_give_relative_uris_under_srcroot_or_file_uris(tmp_path, monkeypatch):
    """SARIF1004: a uri with a uriBaseId must be relative; a path outside %SRCROOT% (the current
    folder) is an absolute file:// URI with no base."""
    from stylelint.report import FileResult, Report, RuleResult, Severity

    monkeypatch.chdir(tmp_path)
    failed = RuleResult("aspect-ratio", Severity.ERROR, False, "3:2", {}, {})
    inside, outside = str(tmp_path / "shoot" / "a b.png"), "/elsewhere/ü.png"
    report = Report("s.yaml", (FileResult(inside, (failed,)), FileResult(outside, (failed,))))
    locations = [
        r["locations"][0]["physicalLocation"]["artifactLocation"] for r in sarif.build(report, {})["runs"][0]["results"]
    ]
    assert locations == [
        {"uri": "shoot/a%20b.png", "uriBaseId": "%SRCROOT%"},
        {"uri": "file:///elsewhere/%C3%BC.png"},
    ]


def test_rule_descriptors_have_readable_pascal_case_names():
    """SARIF1001: a descriptor's name must differ from its id; PascalCase by convention."""
    built = sarif.build(sample_report(), available_rules())
    names = {d["id"]: d["name"] for d in built["runs"][0]["tool"]["driver"]["rules"]}
    assert names["aspect-ratio"] == "AspectRatio"
    assert names["unreadable-image"] == "UnreadableImage"
    assert names["color-temperature"] == "ColorTemperature"
    assert all(name != rule_id and name[:1].isupper() and "-" not in name for rule_id, name in names.items())


def test_without_rule_metadata_every_result_still_has_a_descriptor(report):
    out = io.StringIO()
    sarif.REPORTER.render(report, out)
    run = json.loads(out.getvalue())["runs"][0]
    ids = [d["id"] for d in run["tool"]["driver"]["rules"]]
    assert set(ids) == {r["ruleId"] for r in run["results"]} | {"unreadable-image"}
