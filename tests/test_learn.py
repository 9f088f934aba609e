"""stylelint learn: a round trip from one graded shoot, and a different grade that fails; the
suggest interface (plugins learned like built-ins); what is and is not written."""

from __future__ import annotations

import ast
import math
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

import stylelint.learn as learn_module
from stylelint import check, testing
from stylelint.cli import cli
from stylelint.engine import Options
from stylelint.learn import learn_spec
from stylelint.registry import available_rules
from stylelint.rule import Category, References, Rule, Suggestion, Verdict, param, params
from stylelint.spec import load_spec

WARM_GRADE = (1.08, 1.0, 0.85)
# A different grade: cool and lifted blue, as from another colourist.
COOL_GRADE = (0.8, 0.95, 1.35)


@pytest.fixture(scope="module")
def sets(tmp_path_factory):
    root = tmp_path_factory.mktemp("learn")
    crops = testing.random_crops(testing.photo("coffee"), 20, seed=3)
    for folder, grade, chosen in (("refs", WARM_GRADE, crops[:14]), ("other", COOL_GRADE, crops[14:])):
        (root / folder).mkdir()
        for index, crop in enumerate(chosen):
            testing.write(root / folder / f"{index:02d}.png", testing.colour_cast(crop, grade))
    return root


@pytest.fixture(scope="module")
def learned(sets):
    learned = learn_spec([str(sets / "refs")])
    path = sets / "learned.yaml"
    path.write_text(learned.text, encoding="utf-8")
    return path, learned


def _statuses(folder, spec):
    report = check([str(folder)], spec, options=Options(jobs=1))
    return [f["status"] for f in report.to_dict()["files"]]


def test_learned_spec_loads_and_comments_every_value(learned):
    path, result = learned
    spec = load_spec(path, available_rules())
    assert result.references == 14 and not result.skipped
    assert {"consistency", "exposure", "aspect-ratio", "resolution"} <= set(spec.rules)
    body = result.text.split("rules:\n", 1)[1].splitlines()
    valued = [line for line in body if ":" in line and not line.rstrip().endswith(":") and "#" not in line[:6]]
    assert all("#" in line for line in valued), [line for line in valued if "#" not in line]


def test_learned_spec_passes_every_reference_and_fails_another_grade(sets, learned):
    path, _ = learned
    assert _statuses(sets / "refs", path) == ["pass"] * 14  # every reference, not most
    assert _statuses(sets / "other", path) == ["fail"] * 6


def test_cli_learn_writes_the_spec_in_parallel_and_caches(sets, tmp_path):
    out = tmp_path / "spec.yaml"
    result = CliRunner().invoke(cli, ["learn", str(sets / "refs"), "--output", str(out), "--jobs", "2"])
    assert result.exit_code == 0, result.output
    assert out.read_text("utf-8").startswith("# Learned by `stylelint learn` from 14")
    assert list((tmp_path / ".stylelint_cache").rglob("*.json"))  # measurements kept beside the spec
    again = tmp_path / "again.yaml"
    assert CliRunner().invoke(cli, ["learn", str(sets / "refs"), "--output", str(again)]).exit_code == 0
    assert again.read_text("utf-8") == out.read_text("utf-8")  # same answer, --jobs 2 or all, cold or warm


def test_too_few_references_is_refused_before_measuring(sets, tmp_path, monkeypatch):
    def no_measuring(*args, **kwargs):
        raise AssertionError("measured before counting the references")

    monkeypatch.setattr("stylelint.engine.per_image", no_measuring)
    files = [str(sets / "refs" / f"{i:02d}.png") for i in range(3)]
    result = CliRunner().invoke(cli, ["learn", *files, "--output", str(tmp_path / "x.yaml")])
    assert result.exit_code == 2 and "at least 5" in result.output and "found 3" in result.output


def test_few_and_near_duplicate_references_are_warned_about(tmp_path):
    # Six copies of one crop, lightly changed: few (< 10) and all one scene.
    crop = testing.random_crops(testing.photo("coffee"), 1, seed=1)[0]
    for index in range(6):
        testing.write(tmp_path / f"{index}.png", testing.add_noise(crop, 2, seed=index))
    result = learn_spec([str(tmp_path)])
    assert any("only 6 references" in w for w in result.warnings)
    assert any("5 of 6 references are near-copies" in w and "only 1 distinct scene," in w for w in result.warnings)


# ---- the interface: learn names no rule; a plugin rule is learned like a built-in -------------


def test_learn_module_names_no_rule_and_imports_none():
    source = Path(learn_module.__file__).read_text("utf-8")
    tree = ast.parse(source)
    imported = [n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    assert not [m for m in imported if m and m.startswith("stylelint.rules")]
    strings = {n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)}
    assert not strings & set(available_rules())


@params
class _MeanBParams:
    min_b: float | None = param(None, unit="b*", min=-128, max=127, doc="Smallest allowed mean b*.")


def _mean_b(facts, p):
    return {"mean_b": round(float(facts.lab[..., 2].mean()), 3)}


def _judge_b(measured, p):
    ok = p.min_b is None or measured["mean_b"] >= p.min_b
    return Verdict(ok, {"min_b": p.min_b}, f"mean b* {measured['mean_b']}")


def _suggest_b(references: References) -> Suggestion:
    low = min(references.values("mean_b")) - 1
    return Suggestion(params={"min_b": round(low, 1)}, evidence={"min_b": f"from {len(references)} references"})


def _suggest_too_tight(references: References) -> Suggestion:
    return Suggestion(params={"min_b": round(max(references.values("mean_b")), 1)}, evidence={"min_b": "too tight"})


def _plugin(rule_id, suggest):
    return Rule(
        id=rule_id,
        category=Category.COLOUR,
        version=1,
        doc="Mean b* at least min_b (a test plugin).",
        params=_MeanBParams,
        measure=_mean_b,
        judge=_judge_b,
        measured_keys=("mean_b",),
        measured_with=(),
        suggest=suggest,
    )


def test_a_plugin_rule_is_learned_through_its_hook_and_one_failing_references_is_left_out(sets, monkeypatch):
    plugins = {
        "warm-b": _plugin("warm-b", _suggest_b),
        "too-tight": _plugin("too-tight", _suggest_too_tight),
        "silent": _plugin("silent", lambda references: None),  # a hook typed `Suggestion | None`
    }
    catalogue = {**available_rules(), **plugins}
    monkeypatch.setattr(learn_module, "available_rules", lambda: catalogue)
    text = learn_spec([str(sets / "refs")]).text
    # The warm grade lifts b*: the plugin's learned minimum is written with its evidence.
    line = next(line for line in text.splitlines() if line.strip().startswith("min_b:"))
    assert "# from 14 references" in line and float(line.split(":")[1].split("#")[0]) > 0
    # The other hook's minimum is the largest b* seen, so all but one reference would fail it.
    assert "  too-tight:" not in text
    assert "# too-tight: it would fail 13 of 14 references" in text
    # A hook that answers nothing is named among the rules left out, like every other.
    assert "# silent: its suggest hook answered nothing" in text


# ---- what is written: ranges, geometry, palette ------------------------------------------------


def _refs(key, values):
    return References(tuple({key: v} for v in values), len(values))


def test_colourful_set_never_gets_a_colourfulness_minimum_of_zero():
    from stylelint.rules import colorfulness

    # A vivid look, 70–80 M: margin max(5, 0.5 · 10) = 5 → 65–85, beyond what ordinary photos
    # span (21.4–64.2): both bounds written.
    assert colorfulness.suggest(_refs("colorfulness", [70, 72, 75, 78, 80])).params == {"min": 65.0, "max": 85.0}
    # A black-and-white set (M ≈ 0–2): the minimum would be below 0, so only a maximum (2 + 5).
    assert colorfulness.suggest(_refs("colorfulness", [0.0, 0.5, 1, 2, 1.5])).params == {"max": 7.0}
    # Ordinary colour, 30–60 M: 15–75 admits all of 21.4–64.2, so no range; but every reference is
    # visibly in colour (≥ 8 M), so a minimum of half the least colourful (15) keeps monochrome out.
    suggestion = colorfulness.suggest(_refs("colorfulness", [30, 40, 45, 50, 60]))
    assert suggestion.params == {"min": 15.0} and "ordinary photographs" in suggestion.note
    # A set with a near-grey reference (M 6, a tinted black-and-white): no minimum at all; the
    # maximum, 60 + 27 = 87, is beyond every Kodak photograph (79.5 at most), so it is written: it
    # costs no ordinary scene.
    assert colorfulness.suggest(_refs("colorfulness", [6, 30, 45, 50, 60])).params == {"max": 87.0}


def test_a_bound_beyond_every_ordinary_photograph_is_written_when_the_range_is_not():
    from stylelint.rules import color_temperature

    # The demo's warm references, 2205–5014 K (453–199 mired): margin 0.5 · 254 = 127 mired, so the
    # range admits all of what photos span and is left out, but its cool end, 72 mired (13,900 K),
    # is bluer than every Kodak photograph (6795 K at most): written, and a cool-graded image
    # (16,860 K) fails it.
    suggestion = color_temperature.suggest(_refs("kelvin", [2205, 3000, 3500, 4200, 5014]))
    low_mired = 1e6 / 5014 - 0.5 * (1e6 / 2205 - 1e6 / 5014)
    assert suggestion.params == {"max_kelvin": math.ceil(1e6 / low_mired)}
    assert "beyond every ordinary photograph" in suggestion.evidence["max_kelvin"]


def test_a_range_spanning_most_of_what_photos_span_is_left_out_with_a_note():
    from stylelint.rules import exposure

    # Mean L* 42–58 (day scenes in one grade): 34–66 admits all of 32.5–65.3 (Kodak P5–P95), and
    # neither bound is beyond every Kodak photograph (30.4–70.1).
    records = tuple({"lightness": v, "highlights": 0.0, "shadows": 0.0} for v in (42, 45, 50, 55, 58))
    suggestion = exposure.suggest(References(records, 5))
    assert "min_lightness" not in suggestion.params and "max_lightness" not in suggestion.params
    assert "constrain little" in suggestion.note
    # Clipping limits still written, at what one ordinary photograph in 100 exceeds: references that
    # never clip (2 · 0 + 2 %) do not show a look that forbids clipping, since most photographs
    # hardly clip.
    assert suggestion.params == {"max_highlights": 0.225, "max_shadows": 0.18}
    # A high-key look, 70–80: 65–85 admits 1 % of 32.5–65.3: written.
    records = tuple({"lightness": v, "highlights": 0.0, "shadows": 0.0} for v in (70, 72, 75, 78, 80))
    assert exposure.suggest(References(records, 5)).params["min_lightness"] == 65.0


def test_clipping_that_comes_with_the_scenes_switches_the_limit_off():
    from stylelint.rules import exposure

    # The 31-photo failure: references clipping up to 27.2 % (a white sky). Twice that + 2 % is far
    # above 10 %: clipping comes with these scenes, so the limit is switched off (1), not left at
    # the rule's 1 % default; shadows up to 3 % need 0.08, under the 18 % one ordinary
    # photograph in 100 crushes: that is the limit.
    values = [0.0, 0.1, 0.272, 0.05, 0.2]
    records = tuple(
        {"lightness": 42 + 4 * i, "highlights": h, "shadows": 0.03 * (i == 2)} for i, h in enumerate(values)
    )
    suggestion = exposure.suggest(References(records, 5))
    assert suggestion.params["max_highlights"] == 1.0
    assert suggestion.params["max_shadows"] == pytest.approx(0.18)
    # Nothing left to hold: lightness ordinary and both limits off → the rule is left out.
    records = tuple({"lightness": 42 + 4 * i, "highlights": h, "shadows": h} for i, h in enumerate(values))
    assert not exposure.suggest(References(records, 5)).written


@pytest.mark.parametrize(
    ("largest", "default", "ordinary", "limit", "why"),
    [
        # Ordinary photographs' share decides, and the comment says so.
        (0.0, 0.01, 0.225, 0.225, "the share one ordinary photograph in 100 exceeds (the references need 0.02"),
        # Without `ordinary` (a plugin's share), the default decides when the references need less.
        (0.0, 0.05, 0.0, 0.05, "the rule's default (the references need 0.02"),
        # References that need more than both: twice the largest + 2 %.
        (0.04, 0.01, 0.05, 0.1, "twice the largest + 2 %"),
        # Just over CEILING_TOP: switched off.
        (0.0401, 0.01, 0.225, 1.0, "switched off"),
        # A default above CEILING_TOP does not switch the limit off: only what the references need does.
        (0.0, 0.25, 0.0, 0.25, "the rule's default"),
    ],
)
def test_a_learned_share_ceiling_and_what_decides_it(largest, default, ordinary, limit, why):
    from stylelint.rule import suggest_ceiling

    suggestion = suggest_ceiling([0.0, largest], name="max_x", what="x", default=default, ordinary=ordinary)
    assert suggestion.params == {"max_x": pytest.approx(limit)}
    assert why in suggestion.evidence["max_x"]


def test_a_bound_beyond_the_parameter_range_is_dropped_not_clipped():
    from stylelint.rule import suggest_range

    # Mired 36–50 (a very blue set, one reference at 27,800 K, beyond max_kelvin's 25,000 K = 40
    # mired): the lower-mired bound (max_kelvin) cannot be written; min_kelvin = 10⁶ / (50 + 15).
    suggestion = suggest_range(
        [36, 40, 45, 50],
        what="CCT",
        scale=(40, 500),
        decimals=0,
        names=("max_kelvin", "min_kelvin"),
        scene_margin=15,
        convert=lambda mired: 1e6 / mired,
    )
    assert suggestion.params == {"min_kelvin": math.floor(1e6 / 65)}


def test_tally_counts_each_value_once_in_the_order_given_or_most_frequent_first():
    from stylelint.rule import tally

    seen = ["png", "jpeg", "jpeg", "webp", "jpeg", "png"]
    assert tally(seen) == "jpeg ×3, png ×2, webp ×1"
    assert tally(seen, ["webp", "tiff", "png"]) == "webp ×1, png ×2"  # jpeg is not in the order
    assert tally(["b", "a"]) == "a ×1, b ×1"  # ties by name


def test_learned_formats_and_orientations_say_how_many_references_hold_each():
    from stylelint.rules import file_format, orientation

    records = tuple(
        {"format": f, "bytes": 1000, "orientation": o} for f, o in [("png", "square")] + [("jpeg", "portrait")] * 3
    )
    formats = file_format.suggest(References(records, 4))
    assert formats.params["allowed"] == ["jpeg", "png"] and formats.evidence["allowed"] == "seen: jpeg ×3, png ×1"
    kinds = orientation.suggest(References(records, 4))
    assert kinds.params == {"allowed": ["portrait", "square"]}
    assert kinds.evidence["allowed"] == "seen: portrait ×3, square ×1"


def test_colour_temperature_range_is_learned_in_mired_and_rounded_outwards():
    from stylelint.rules import color_temperature

    # 5000–5500 K = 200–181.8 mired, margin max(15, 0.5 · 18.2) = 15 → 166.8–215 mired, which
    # admits 43 % of what ordinary photographs span (156–268): written, 4651–5995 K.
    params = color_temperature.suggest(_refs("kelvin", [5000, 5200, 5500, 5100, 5300])).params
    assert params["min_kelvin"] == math.floor(1e6 / 215)
    assert params["max_kelvin"] == math.ceil(1e6 / (1e6 / 5500 - 15))


@pytest.mark.parametrize(
    "sizes, allowed, tolerance",
    [
        ([(800, 541)] * 5, ["3:2"], 0.015),  # 1.4 % off 3:2 → the tolerance covers it (no "800:541")
        ([(1080, 1350)] * 4 + [(1350, 1080)], ["4:5", "5:4"], 0.01),
        ([(1400, 1100)] * 5, ["5:4"], 0.019),  # 14:11 is 1.8 % off 5:4
        # No common ratio within 3 %: the smallest terms within the default 1 % (3.1546 vs 3.1667).
        ([(1000, 317)] * 5, ["19:6"], 0.01),
        # One hand-made crop cut a few pixels differently: one ratio, not 11:10, 32:29 and 34:31.
        ([(1098, 1000), (1100, 1000), (1102, 1000), (1100, 1000), (1099, 1000)], ["11:10"], 0.01),
        # Two hand-made crops 10 % apart stay two (1.21 is 0.8 % off 6:5, within the default 1 %).
        ([(1100, 1000)] * 3 + [(1210, 1000)] * 2, ["11:10", "6:5"], 0.01),
        # Neighbours 0.1 % apart are one group, whatever its first member; 1.1 is 3 % below them.
        ([(1100, 1000)] * 3 + [(1133, 1000), (1134, 1000)], ["11:10", "8:7"], 0.01),
        # A strip beyond 1:32: written n:1 or 1:n (was 0:1, and learn's hook failed dividing by it).
        ([(15, 1000)] * 5, ["1:67"], 0.01),
    ],
)
def test_aspect_ratios_snap_to_common_ratios(sizes, allowed, tolerance):
    from stylelint.rules import aspect_ratio

    measured = tuple({"width": w, "height": h, "ratio": w / h} for w, h in sizes)
    suggestion = aspect_ratio.suggest(References(measured, len(measured)))
    assert suggestion.params["allowed"] == allowed
    assert suggestion.params["tolerance"] == pytest.approx(tolerance, abs=0.001)


def test_aspect_ratio_is_left_out_without_a_house_crop():
    from stylelint.rules import aspect_ratio

    sizes = [(100, 100), (300, 200), (160, 90), (400, 300), (90, 160)]
    measured = tuple({"width": w, "height": h} for w, h in sizes)
    suggestion = aspect_ratio.suggest(References(measured, 5))
    assert not suggestion.written and "no house crop" in suggestion.note


def _duotone(gray, dark, light):
    """Map luma 0..1 onto the straight line dark → light in sRGB (a duotone)."""
    t = gray[..., None]
    return np.clip(np.rint((1 - t) * np.array(dark) + t * np.array(light)), 0, 255).astype(np.uint8)


def test_palette_is_learned_from_shared_brand_colours_only(tmp_path):

    # Brand set: every image is half navy block, half sand block (colours shared by all), with a
    # different photo strip: palette written. Scene set: plain photos of different scenes.
    names = ("astronaut", "coffee", "chelsea", "rocket", "immunohistochemistry", "hubble_deep_field")
    brand, scenes = tmp_path / "brand", tmp_path / "scenes"
    brand.mkdir()
    scenes.mkdir()
    for index, name in enumerate(names):
        scene = np.asarray(testing.random_crops(testing.photo(name), 1, size=(120, 120), seed=index)[0])
        image = np.concatenate(
            [
                np.full((120, 60, 3), (20, 40, 90), np.uint8),
                scene[:, :30],
                np.full((120, 60, 3), (225, 205, 160), np.uint8),
            ],
            axis=1,
        )
        testing.write(brand / f"{index}.png", image)
        testing.write(scenes / f"{index}.png", scene)
    brand_text = learn_spec([str(brand)]).text
    assert "palette:  #" in brand_text and "  palette:" in brand_text
    assert "dark-blue" in brand_text and "min_coverage" in brand_text
    scene_text = learn_spec([str(scenes)]).text
    assert "\npalette:" not in scene_text and "# palette:" in scene_text


@pytest.mark.parametrize(
    "lab, expected",
    [
        ((50, 0, 0), "grey"),
        ((10, 1, 1), "black"),
        ((30, 20, -60), "dark-blue"),
        ((60, 10, 70), "yellow"),
        ((80, 40, 50), "light-orange"),
    ],
)
def test_swatch_name(lab, expected):
    from stylelint.colour import swatch_name

    assert swatch_name(lab) == expected


def test_shared_greys_are_no_palette_unless_the_set_is_monochrome():
    from stylelint.rules import palette

    def no_remeasure(params, swatches):
        raise AssertionError("no palette should be measured")

    # Every reference holds a mid grey (sky, road) beside its own scene colours: greys are in every
    # photograph, so no palette.
    scene = ["#2E9E44", "#C8102E", "#1F4AA8", "#E0B020", "#8A3FA0"]
    measured = tuple(
        {"dominant": [{"hex": "#808080", "share": 0.4}, {"hex": scene[i], "share": 0.6}]} for i in range(5)
    )
    suggestion = palette.suggest(References(measured, 5, no_remeasure))
    assert not suggestion.written and "greys" in suggestion.note
    # A black-and-white set: every dominant colour is a grey; colourfulness and the look carry
    # "no colour", so no palette of greys either.
    greys = tuple({"dominant": [{"hex": "#202020", "share": 0.5}, {"hex": "#B0B0B0", "share": 0.5}]} for _ in range(5))
    suggestion = palette.suggest(References(greys, 5, no_remeasure))
    assert not suggestion.written and "monochrome" in suggestion.note


def test_a_colourful_set_gets_at_least_half_its_least_colourful_reference_as_minimum():
    from stylelint.rules import colorfulness

    # 40–110 M: the range's minimum, 40 − 0.5 · 70 = 5, is below every Kodak photograph (20.0) and
    # would be written alone; half the least colourful reference, 20, is the tighter minimum that
    # every reference still meets, so it wins (a grey-ish image at 10 M fails the colour house).
    suggestion = colorfulness.suggest(_refs("colorfulness", [40, 60, 80, 100, 110]))
    assert suggestion.params["min"] == 20.0
    assert "half the least colourful" in suggestion.evidence["min"]
    # The range's note says only a bound beyond ordinary photographs is written; the note must
    # also own up to the minimum written beside it.
    assert suggestion.note.endswith("a minimum that monochrome fails")


def test_a_palette_shared_by_too_few_pixels_is_left_out_without_measuring_again():
    from stylelint.rules import palette

    def no_remeasure(params, swatches):
        raise AssertionError("the palette should be left out from the dominant colours alone")

    # An orange shared by every reference but holding 6–10 % of each (a warm grade's skin tones):
    # far below the 30 % a palette needs, even counting generously from the dominant colours.
    scene = ["#2E9E44", "#1F4AA8", "#5A5A5A", "#8A3FA0", "#20B0B0"]
    measured = tuple(
        {"dominant": [{"hex": "#D2691E", "share": 0.06 + 0.01 * i}, {"hex": scene[i], "share": 0.94 - 0.01 * i}]}
        for i in range(5)
    )
    suggestion = palette.suggest(References(measured, 5, no_remeasure))
    assert not suggestion.written and "too little to be a palette" in suggestion.note


def test_sharpness_is_not_learned_from_a_soft_reference_set(tmp_path, monkeypatch):
    # Soft references (Gaussian σ 3 px): a minimum learned from them would make softness the house
    # rule (half the softest reference admits any blur); sharpness is left out, saying why, and is
    # not even measured.
    crops = testing.random_crops(testing.photo("astronaut"), 5, size=(96, 120), seed=4)
    for index, crop in enumerate(crops):
        testing.write(tmp_path / f"{index}.png", testing.blur(crop, 3))
    measured_rules = []
    original = learn_module._Session._measured

    def spy(self, targets, spec):
        measured_rules.extend(spec.rules)
        return original(self, targets, spec)

    monkeypatch.setattr(learn_module._Session, "_measured", spy)
    learned = learn_spec([str(tmp_path)])
    spec = load_spec(_written(tmp_path / "soft.yaml", learned.text), available_rules())
    assert "sharpness" not in spec.rules and "sharpness" not in measured_rules
    assert any(ids == "sharpness" and "image quality" in why for ids, why in learned.left_out)
    assert "# sharpness: sharpness is image quality" in learned.text


def _written(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def test_cli_reports_every_rule_left_out_and_why(sets, tmp_path):
    output = tmp_path / "learned.yaml"
    result = CliRunner().invoke(cli, ["learn", str(sets / "refs"), "--output", str(output), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    written = set(load_spec(output, available_rules()).rules)
    reported = [line.removeprefix("stylelint: left out ") for line in result.stderr.splitlines() if "left out" in line]
    named = {rule_id for line in reported for rule_id in line.split(": ", 1)[0].split(", ")}
    # Every installed rule is either written or reported, with a reason, never both.
    assert named | written == set(available_rules()) and not named & written
    assert all(len(line.split(": ", 1)[1]) > 20 for line in reported)
    # Rules without a hook share one line and one reason.
    assert any(line.startswith("forbidden-colors, horizon, metadata") for line in reported)


def test_learn_warns_once_when_its_cache_cannot_be_written(sets, tmp_path):
    (tmp_path / ".stylelint_cache").mkdir()
    (tmp_path / ".stylelint_cache" / "v1").write_text("not a folder")  # every write fails: ENOTDIR
    result = CliRunner().invoke(cli, ["learn", str(sets / "refs"), "--output", str(tmp_path / "l.yaml"), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert len([line for line in result.stderr.splitlines() if "cache could not be written" in line]) == 1


# Grades applied to photographs, as a colourist would (sRGB 0–255 floats in, clipped out).
def _warm(rgb):
    return rgb * np.array(WARM_GRADE)


def _black_and_white(rgb):
    return np.repeat((rgb @ np.array([0.2126, 0.7152, 0.0722]))[..., None], 3, axis=2)


def _matte(rgb):
    return 40 + rgb * (215 - 40) / 255  # lifted blacks, dimmed whites


def _high_key(rgb):
    return 255 * (rgb / 255) ** 0.55


@pytest.mark.parametrize("grade", [_warm, _black_and_white, _matte, _high_key], ids=lambda g: g.__name__[1:])
def test_a_learned_spec_passes_every_one_of_its_references(tmp_path, grade):
    # Eight scenes, two 4:5 crops of each of four photographs, in one grade.
    names = ("astronaut", "coffee", "chelsea", "rocket")
    for index in range(8):
        crop = testing.random_crops(testing.photo(names[index % 4]), 1, size=(96, 120), seed=index)[0]
        graded = np.clip(np.rint(grade(crop.astype(np.float64))), 0, 255).astype(np.uint8)
        testing.write(tmp_path / f"{index}.png", graded)
    learned = learn_spec([str(tmp_path)])
    spec = load_spec(_written(tmp_path / "learned.yaml", learned.text), available_rules())
    report = check([str(tmp_path)], spec, options=Options(jobs=1))
    failed = {(f["path"], r["rule"]) for f in report.to_dict()["files"] for r in f["results"] if not r["passed"]}
    assert failed == set()
    assert len(spec.rules) >= 5  # not passing by writing nothing


def _muted(image, saturation):
    """Chroma scaled by `saturation` about Rec. 709 luma (0: black and white)."""
    luma = (image.astype(float) @ [0.2126, 0.7152, 0.0722])[..., None]
    return np.clip(luma + saturation * (image - luma), 0, 255).round().astype(np.uint8)


def test_a_muted_colour_set_still_rejects_black_and_white(tmp_path):
    from stylelint.rules import colorfulness

    # A moody grade keeping 30 % of the chroma: the four skimage photos read 11.4–23.1 M (M is
    # linear in the saturation: 38–77 M ungraded). The set is visibly in colour: half its least
    # colourful reference, 5.7 M (chelsea's 11.4 / 2), is the minimum (the range's own, 11.4 −
    # 5.8, is lower), which a black-and-white version of another crop (0 M) fails and a muted
    # version of it still passes.
    names = ["astronaut", "coffee", "chelsea", "rocket", "astronaut"]
    measured = []
    for index, name in enumerate(names):
        path = testing.write(tmp_path / f"{index}.png", _muted(testing.photo(name), 0.3))
        measured.append(testing.run_rule(colorfulness.RULE, path, {"min": 0})[0])
    suggestion = colorfulness.suggest(References(tuple(measured), len(measured)))
    assert suggestion.params["min"] == pytest.approx(5.7, abs=0.2)
    for saturation, passes in ((0.0, False), (0.3, True)):
        path = testing.write(
            tmp_path / f"held-out-{saturation}.png", _muted(testing.photo("coffee")[::2, ::2], saturation)
        )
        verdict = testing.run_rule(colorfulness.RULE, path, suggestion.params)[1]
        assert verdict.passed is passes


def test_learn_decodes_each_reference_once_more_only_for_a_shared_palette(sets, monkeypatch):
    # Issue 12: one engine pass measures every hooked rule on every reference; the check of the
    # learned spec against the references reads those measurements from the cache. A palette the
    # references share is measured once more, with its colours (these references share one: the
    # coffee photo's browns and oranges); nothing else is measured twice (aspect-ratio's learned
    # list is a parameter of its measurement, read from the header without decoding: not counted).
    from dataclasses import replace

    import stylelint.facts as facts_module

    decoded: dict[str, int] = {}
    measured: dict[str, int] = {}
    real_decode = facts_module.decode_working

    def decode(source, analysis):
        decoded[source.path.name] = decoded.get(source.path.name, 0) + 1
        return real_decode(source, analysis)

    def counting(rule):
        def measure(facts, p):
            measured[rule.id] = measured.get(rule.id, 0) + 1
            return rule.measure(facts, p)

        return replace(rule, measure=measure)

    installed = available_rules()
    rules = {
        r: rule if rule.suggest is None or r == "aspect-ratio" else counting(rule) for r, rule in installed.items()
    }
    monkeypatch.setattr(facts_module, "decode_working", decode)
    monkeypatch.setattr(learn_module, "available_rules", lambda: rules)
    result = learn_spec([str(sets / "refs")], jobs=1)
    assert "palette:" in result.text
    assert decoded == {path.name: 2 for path in (sets / "refs").glob("*.png")}
    assert measured.pop("palette") == 2 * 14
    assert measured and set(measured.values()) == {14}, measured
