"""consistency: a graded shoot from one skimage photo, with a cast and an exposure outlier."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from stylelint import check, testing
from stylelint.cache import rule_key
from stylelint.engine import Options
from stylelint.errors import SpecError
from stylelint.facts import ImageFacts
from stylelint.registry import available_rules
from stylelint.rules import color_temperature, colorfulness, consistency, contrast, exposure
from stylelint.rules.consistency import FEATURE_NAMES, MAD_TO_SIGMA, compare, judge, robust_z
from stylelint.spec import load_spec

# The shoot's grade: warm white balance (linear gains), as a colourist would set it once.
GRADE = (1.08, 1.0, 0.85)
# A strong blue cast on top of the grade, and a 2-stop underexposure (linear ×0.25): each
# clearly a different look from the rest of the shoot.
BLUE_CAST = (0.6, 0.85, 1.6)
UNDEREXPOSED = (0.25, 0.25, 0.25)


@pytest.fixture(scope="module")
def shoot(tmp_path_factory):
    """12 framings of `coffee` with one grade (good/), and two odd ones (odd/)."""
    root = tmp_path_factory.mktemp("shoot")
    (root / "good").mkdir()
    (root / "odd").mkdir()
    crops = testing.random_crops(testing.photo("coffee"), 14, seed=1)
    for index, crop in enumerate(crops[:12]):
        testing.write(root / "good" / f"{index:02d}.png", testing.colour_cast(crop, GRADE))
    testing.write(root / "odd" / "blue.png", testing.colour_cast(testing.colour_cast(crops[12], GRADE), BLUE_CAST))
    testing.write(root / "odd" / "dark.png", testing.colour_cast(testing.colour_cast(crops[13], GRADE), UNDEREXPOSED))
    return root


def _results(root, spec):
    report = check([str(root)], spec, options=Options(jobs=1))
    return {f.path.split("/")[-1]: f.results[0] for f in report.files}


def test_exactly_the_odd_images_are_flagged(shoot, write_spec):
    spec = write_spec({"version": 1, "rules": {"consistency": {}}})
    results = _results(shoot, spec)
    failed = sorted(name for name, r in results.items() if not r.passed)
    assert failed == ["blue.png", "dark.png"]
    assert results["blue.png"].measured["worst"] in ("mean_b", "temperature")
    assert results["blue.png"].measured["z"]["mean_b"] < -3  # bluer: b* below the set's median
    assert results["dark.png"].measured["z"]["lightness"] < -3
    assert set(results["00.png"].measured["z"]) == set(FEATURE_NAMES)
    assert results["00.png"].measured["against"] == "the set (14 images)"


def test_a_reference_folder_judges_the_odd_images(shoot, write_spec, tmp_path):
    spec = write_spec(f"version: 1\nrules:\n  consistency: {{reference: '{shoot / 'good'}'}}\n")
    results = _results(shoot / "odd", spec)
    assert not results["blue.png"].passed and not results["dark.png"].passed
    assert results["blue.png"].measured["against"].startswith("reference folder")
    assert "than the reference" in results["blue.png"].message


def test_an_inline_profile_is_parsed_and_used():
    profile = {"temperature": {"median": 5200, "mad": 150}, "lightness": {"median": 50, "mad": 4}}
    p = testing.make_params(consistency.RULE, {"reference": profile, "features": ["temperature"]})
    [measured] = compare([{"temperature": 7400.0, "lightness": 50.0}], p)
    # z = (7400 − 5200) / (1.4826 · 150) = 9.89
    assert measured["z"] == {"temperature": pytest.approx(2200 / (MAD_TO_SIGMA * 150), abs=1e-3)}
    verdict = judge(measured, p)
    assert not verdict.passed
    assert verdict.message.startswith("much cooler than the reference: 7400 K against a median of 5200 K")


@pytest.mark.parametrize(
    "raw, expected",
    [
        ({"reference": {"temprature": {"median": 1, "mad": 1}}}, "did you mean 'temperature'"),
        ({"reference": {"lightness": {"median": 50}}}, "expected {median: number, mad: number ≥ 0}"),
        (
            {"reference": {"lightness": {"median": 50, "mad": 2}}, "features": ["contrast"]},
            "features not in the reference profile: contrast",
        ),
        ({"reference": "no/such/folder"}, "no folder 'no/such/folder'"),
        ({"features": ["warmth"]}, "expected one of"),
    ],
)
def test_parameter_errors(raw, expected):
    with pytest.raises(ValueError, match=expected.replace("{", r"\{").replace("}", r"\}")):
        testing.make_params(consistency.RULE, raw)


def test_mad_floor_keeps_identical_sets_finite():
    # MAD 0 is raised to the floor (1 L*): one L* above the median is z = 1 / 1.4826.
    assert robust_z(51.0, 50.0, 0.0, 1.0) == pytest.approx(1 / MAD_TO_SIGMA)


def test_z_equal_to_the_limit_passes():
    p = testing.make_params(consistency.RULE, {"max_z": 2.0})
    measured = {
        "z": {"lightness": -2.0},
        "worst": "lightness",
        "values": {"lightness": 40.0},
        "median": {"lightness": 43.0},
        "against": "the set (9 images)",
    }
    assert judge(measured, p).passed
    measured["z"]["lightness"] = -2.001
    assert not judge(measured, p).passed


def test_a_set_too_small_passes_with_no_z():
    record = dict.fromkeys(FEATURE_NAMES, 1.0)
    results = compare([record] * 4, testing.make_params(consistency.RULE))
    assert all(r["z"] == {} and r["worst"] is None for r in results)
    assert judge(results[0], testing.make_params(consistency.RULE)).passed


def test_a_reference_profile_runs_on_a_partial_file_list(tmp_path, write_image, write_spec, monkeypatch):
    # With a fixed reference the rule does not compare the named files with each other, so
    # naming files (as pre-commit does) does not skip it.
    from click.testing import CliRunner

    from stylelint.cli import cli

    monkeypatch.chdir(tmp_path)
    write_spec(
        "version: 1\nrules:\n  consistency:\n    features: [lightness]\n    reference:\n"
        "      lightness: {median: 50, mad: 1}\n"
    )
    image = write_image("grey.png", testing.solid((32, 32), "#777777"))
    result = CliRunner().invoke(cli, ["check", str(image), "--format", "json"])
    assert "set rules skipped" not in result.stderr
    (consistency,) = json.loads(result.stdout)["files"][0]["results"]
    assert consistency["rule"] == "consistency"


def test_suggest_leaves_out_a_feature_the_references_do_not_hold_constant():
    # Eight references agree on every feature except shadows, where two are night shots: the
    # learned rule must not judge shadows (|z| far above 4 for those two), and its limit must
    # stay tight (3.5) instead of widening to let the night shots' z through.
    from stylelint.rule import References
    from stylelint.rules.consistency import suggest

    base = {
        "lightness": 50.0,
        "contrast": 0.2,
        "colorfulness": 40.0,
        "temperature": 5000.0,
        "mean_a": 5.0,
        "mean_b": 10.0,
        "highlights": 0.01,
        "shadows": 0.0,
    }
    records = []
    for index in range(8):
        record = {name: value * (1 + 0.01 * (index - 4)) for name, value in base.items()}
        record["shadows"] = 0.4 if index in (2, 5) else 0.0
        records.append(record)
    suggested = suggest(References(tuple(records), len(records))).params
    assert "shadows" not in suggested["features"] and "temperature" in suggested["features"]
    assert suggested["max_z"] == 3.5


def test_reference_images_are_read_with_the_specs_analysis_settings(shoot, write_spec):
    # The references are 160×160 px (25,600 pixels), so under
    # analysis.max_pixels 100 every one is refused, as a checked image would be. A default
    # Analysis() (200 Mpx) would have read them all.
    spec = write_spec(
        f"version: 1\nanalysis: {{max_pixels: 100}}\nrules:\n  consistency: {{reference: '{shoot / 'good'}'}}\n"
    )
    with pytest.raises(SpecError, match="at least 5 readable images, found 0"):
        load_spec(spec, available_rules())


def test_the_features_are_what_the_tone_and_colour_rules_report(shoot):
    # One definition each: consistency's features equal the other rules' measurements exactly.
    facts = ImageFacts(shoot / "odd" / "blue.png")
    record = consistency.measure(facts, consistency.Params())
    expected = {
        "lightness": exposure.measure(facts, exposure.Params())["lightness"],
        "highlights": exposure.measure(facts, exposure.Params())["highlights"],
        "shadows": exposure.measure(facts, exposure.Params())["shadows"],
        "contrast": contrast.measure(facts, contrast.Params())["rms"],
        "colorfulness": colorfulness.measure(facts, colorfulness.Params())["colorfulness"],
        "temperature": color_temperature.measure(facts, color_temperature.Params())["kelvin"],
    }
    assert {k: record[k] for k in expected} == expected


def test_the_cache_key_follows_the_facts_the_features_read():
    # A changed definition of a shared fact (say exposure's highlights) must re-measure
    # consistency too, though consistency's own version is unchanged.
    params = consistency.Params()
    bumped = tuple((name, version + (name == "highlights")) for name, version in consistency.RULE.reads_facts)
    assert "highlights" in dict(consistency.RULE.reads_facts)
    assert rule_key(replace(consistency.RULE, reads_facts=bumped), params) != rule_key(consistency.RULE, params)


def test_mean_tint_counts_only_what_is_drawn(write_image):
    # Left half opaque navy, right half fully transparent (flattened on white): mean a*, b* are
    # navy's, as for a solid navy image, not halfway to the white's 0.
    import numpy as np

    rgba = np.zeros((20, 20, 4), dtype=np.uint8)
    rgba[..., :3] = (31, 42, 96)
    rgba[:, :10, 3] = 255
    params = testing.make_params(consistency.RULE, {})
    drawn = consistency.RULE.measure(ImageFacts(write_image("half.png", rgba)), params)
    solid = consistency.RULE.measure(ImageFacts(write_image("navy.png", rgba[..., :3].copy())), params)
    # Same pixels, so the same mean to float rounding (values are rounded to 4 decimals).
    assert drawn["mean_a"] == pytest.approx(solid["mean_a"], abs=1e-4)
    assert drawn["mean_b"] == pytest.approx(solid["mean_b"], abs=1e-4)


def test_every_problem_of_an_inline_profile_is_named():
    from stylelint.params import ParamValueError
    from stylelint.rules.consistency import profile_from_mapping

    with pytest.raises(ParamValueError) as caught:
        profile_from_mapping({"lightnes": {"median": 50, "mad": 3}, "contrast": {"median": 0.2, "mad": -1}, "hue": {}})
    assert [(path, message) for path, message in caught.value.problems] == [
        (("lightnes",), "unknown feature; did you mean 'lightness'?"),
        (("contrast", "mad"), "expected a number ≥ 0, got -1"),
        (("hue",), "unknown feature (features: " + ", ".join(FEATURE_NAMES) + ")"),
    ]
