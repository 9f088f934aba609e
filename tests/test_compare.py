"""`stylelint compare`: real photos transformed by known amounts are found, random halves are not.

The shared fixture is 32 small crops (96×96) of four skimage photographs (8 framings each of
astronaut, chelsea, coffee and rocket: varied scenes, like a real set) written once per module,
and the same crops transformed: a white-balance cast from D65 to 5000 K, a lift of 8 L*, a
halving of chroma, and a brand-red band replaced by navy. Each folder is measured once.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from PIL import Image

from stylelint import drift, testing
from stylelint.analysis import Analysis
from stylelint.cct import planckian_xy
from stylelint.colour import rgb_to_lab, xy_to_linear_rgb
from stylelint.compare import (
    Comparison,
    MeasuredSet,
    compare,
    compare_features,
    compare_sets,
    measure_set,
    pairing,
)
from stylelint.compare_palette import compare_palettes
from stylelint.drift_features import consistency_features, style_features
from stylelint.engine import Options
from stylelint.params import Colour
from stylelint.spec import Spec

SCENES = ("astronaut", "chelsea", "coffee", "rocket")
BRAND_RED, NAVY = "#C8102E", "#1F3A68"
D65_XY = (0.3127, 0.3290)
WARM_KELVIN = 5000


def _lab_edit(image: np.ndarray, *, lift: float = 0.0, chroma: float = 1.0) -> np.ndarray:
    """Add `lift` to L* and scale a*, b* by `chroma` (CIELAB D65), back to 8-bit sRGB."""
    from skimage.color import lab2rgb

    lab = rgb_to_lab(image / 255.0)
    lab[..., 0] += lift
    lab[..., 1:] *= chroma
    return np.rint(np.clip(lab2rgb(lab), 0, 1) * 255).astype(np.uint8)


def warm_gains() -> tuple[float, float, float]:
    """Linear-RGB gains that turn a D65 white into the Planckian white at WARM_KELVIN (von Kries
    in RGB, as a camera's white balance does), largest gain 1 so nothing clips."""
    gains = xy_to_linear_rgb(*planckian_xy(WARM_KELVIN)) / xy_to_linear_rgb(*D65_XY)
    return tuple(float(g) for g in gains / gains.max())  # type: ignore[return-value]


def _band(image: np.ndarray, hex_code: str) -> np.ndarray:
    """The left 40 % of the frame painted one colour (a brand band, as on a campaign layout)."""
    out = image.copy()
    out[:, : int(out.shape[1] * 0.4)] = [int(hex_code[i : i + 2], 16) for i in (1, 3, 5)]
    return out


TRANSFORMS = {
    "before": lambda image: image,
    "warm": lambda image: testing.colour_cast(image, warm_gains()),
    "lift": lambda image: _lab_edit(image, lift=8.0),
    "desaturated": lambda image: _lab_edit(image, chroma=0.5),
    "red": lambda image: _band(image, BRAND_RED),
    "navy": lambda image: _band(image, NAVY),
}


@pytest.fixture(scope="module")
def sets(tmp_path_factory):
    """{name: folder} of the transformed crops, plus `shoot` and `shoot_warm`: 16 framings of one
    scene (coffee), where a shoot's own spread is small."""
    root = tmp_path_factory.mktemp("compare")
    crops = [
        c
        for i, scene in enumerate(SCENES)
        for c in testing.random_crops(testing.photo(scene), 8, size=(96, 96), seed=i)
    ]
    shoot = testing.random_crops(testing.photo("coffee"), 16, size=(96, 96), seed=7)
    folders = {}
    for name, transform in TRANSFORMS.items():
        folders[name] = _write(root / name, [transform(c) for c in crops])
    folders["shoot"] = _write(root / "shoot", shoot)
    folders["shoot_warm"] = _write(root / "shoot_warm", [TRANSFORMS["warm"](c) for c in shoot])
    return folders


def _write(folder, images):
    folder.mkdir()
    for index, image in enumerate(images):
        Image.fromarray(image).save(folder / f"{index:02d}.png")
    return str(folder)


def bare_spec(root, palette=None) -> Spec:
    colours = {name: Colour.from_hex(hex_code, name=name) for name, hex_code in (palette or {}).items()}
    return Spec(path=None, name="", root=root, palette=colours, analysis=Analysis(), rules={})


@pytest.fixture(scope="module")
def compared(sets, tmp_path_factory):
    """compared(before, after, palette=None) -> Comparison; each folder is measured once."""
    measured: dict[str, MeasuredSet] = {}
    root = tmp_path_factory.mktemp("spec")
    features = style_features()

    def run(before: str, after: str, palette=None) -> Comparison:
        spec = bare_spec(root, palette)
        for name in (before, after):
            if name not in measured:
                measured[name] = measure_set(sets[name], spec, features, Options(jobs=1))
        return compare_sets(measured[before], measured[after], features=features, spec=spec)

    return run


def feature(comparison: Comparison, name: str):
    return next(f for f in comparison.features if f.feature.name == name)


# ---- known transforms are found --------------------------------------------------------------


def test_warm_white_balance_reads_as_a_warmer_temperature_of_the_right_size(compared):
    temperature = feature(compared("before", "warm"), "temperature")
    assert temperature.shift < 0  # lower kelvin: warmer
    # The cast moves a neutral grey from 6504 K to 5000 K: 1e6/5000 − 1e6/6504 = 46 mired.
    # Measured per image on these photos it moves 40–73 mired (McCamy's formula is not linear in
    # mired, and a colourful scene's grey-world white is not neutral), so the median shift in
    # mired must fall in that band, not merely have the right sign.
    mired = 1e6 / temperature.after.median - 1e6 / temperature.before.median
    assert 40 <= mired <= 80
    assert feature(compared("before", "warm"), "mean_b").shift > 0  # yellower


def test_warm_shift_within_one_shoot_is_drift_and_the_summary_names_it(compared):
    comparison = compared("shoot", "shoot_warm")
    temperature = feature(comparison, "temperature")
    assert temperature.significant and temperature.effect_size < -0.9  # nearly every image warmer
    assert comparison.drifted
    assert "warmer (median temperature" in comparison.summary[0]


def test_lightness_lift_is_found_with_its_size(compared):
    comparison = compared("before", "lift")
    lightness = feature(comparison, "lightness")
    # +8 L* on every pixel; highlights that clip at L* 100 give back a little, hence −1.5.
    assert lightness.significant and lightness.shift == pytest.approx(8.0, abs=1.5)
    # The same names in both folders: each image is compared with itself lifted (paired). The lift
    # moves every point of the tone curve (look features) and may blow a few more highlights to
    # white in every channel (exposure's definition, issue 13), but the overall colour does not move.
    assert comparison.paired
    drifted = {f.feature.name for f in comparison.features if f.significant}
    assert {"lightness", "black_point", "midpoint", "white_point"} <= drifted
    assert not drifted & {"temperature", "mean_a", "mean_b", "colorfulness", "chroma_median", "midtone_b"}
    assert comparison.summary[0].startswith("AFTER: brighter (median lightness")


def test_desaturation_is_found_as_less_colourful(compared):
    colorfulness = feature(compared("before", "desaturated"), "colorfulness")
    assert colorfulness.significant
    # Halving a* and b* roughly halves the opponent-channel spread that M sums (Hasler–Süsstrunk
    # is not Lab-linear: measured −47 %), so the relative shift is about −50 %, ±15 points.
    assert colorfulness.shift / colorfulness.before.median == pytest.approx(-0.5, abs=0.15)


def test_palette_swap_drops_the_brand_colour_and_adds_the_new_one(compared):
    palette = {"brand-red": BRAND_RED, "navy": NAVY}
    comparison = compared("red", "navy", palette)
    dropped, added = comparison.palette["dropped"], comparison.palette["added"]
    assert [row["name"] for row in dropped] == ["brand-red"]
    assert [row["name"] for row in added] == ["navy"]
    # The band is 40 % of every frame: pooled, its swatch holds about that share.
    assert dropped[0]["share"] == pytest.approx(0.4, abs=0.08)
    assert all(row["delta_e"] < 5 for row in comparison.palette["kept"])  # the scenes did not move
    assert "lost brand-red" in comparison.summary[-1] and "gained navy" in comparison.summary[-1]


def test_no_palette_change_without_one(compared):
    palette = compared("before", "lift").palette
    assert palette["dropped"] == [] and palette["added"] == [] and palette["kept"]


# ---- no drift where there is none --------------------------------------------------------------


def test_random_halves_of_one_set_show_no_drift_in_at_least_19_of_20_splits(compared):
    measured = compared("before", "lift").before
    features = style_features()
    drifted = palette_changed = 0
    for seed in range(20):
        order = np.random.default_rng(seed).permutation(len(measured.images))
        first, second = measured.subset(order[:16]), measured.subset(order[16:])
        drifted += any(f.significant for f in compare_features(first, second, features))
        colours = compare_palettes(first.dominant, second.dominant, {}, 10.0)
        palette_changed += bool(colours["dropped"] or colours["added"])
    assert drifted <= 1
    # Not required by the issue but said in the summary: the palette is as calm (4 scenes of
    # 8 framings make halves unequal by chance; measured 2 of 40 splits).
    assert palette_changed <= 2


def test_a_tiny_shift_on_many_images_is_significant_but_not_drift():
    rng = np.random.default_rng(0)
    # 20,000 images per side, lightness N(50, 5) against N(50.4, 5): p is tiny, but δ ≈ 0.045
    # (negligible) and the median shift 0.4 L* is below the 1 L* just-noticeable difference.
    before = _synthetic(rng.normal(50.0, 5.0, 20_000), "b")
    after = _synthetic(rng.normal(50.4, 5.0, 20_000), "a")
    lightness = compare_features(before, after, consistency_features()[:1])[0]  # lightness only
    assert lightness.p_value < 1e-6 and abs(lightness.effect_size) < drift.MIN_EFFECT
    assert not lightness.significant


def _synthetic(lightness: np.ndarray, prefix: str) -> MeasuredSet:
    names = tuple(f"{prefix}{i}.png" for i in range(len(lightness)))  # distinct names: independent sets
    return MeasuredSet(prefix, names, names, ("lightness",), lightness[:, None], ())


# ---- the statistics themselves ------------------------------------------------------------------


def test_holm_adjusts_step_down_and_keeps_order():
    # Sorted 0.01, 0.03, 0.04 times 3, 2, 1 = 0.03, 0.06, 0.04 → made non-decreasing: 0.06.
    assert drift.holm([0.01, 0.04, 0.03]) == pytest.approx([0.03, 0.06, 0.06])
    assert drift.holm([]) == []


def test_paired_test_effect_size_and_exact_p():
    # Every image higher after: r = +1; exact two-sided p = 2 / 2⁶ for six pairs.
    assert drift.paired_test([1, 2, 3, 4, 5, 6], [2, 4, 4, 7, 6, 9]) == drift.Test(1.0, pytest.approx(2 / 64))
    # Differences +1, −2, +3: ranks 1, 2, 3, so r = (1 + 3 − 2) / 6.
    assert drift.paired_test([0, 0, 0], [1, -2, 3]).effect_size == pytest.approx(1 / 3)
    assert drift.paired_test([1, 2], [1, 2]) == drift.Test(0.0, 1.0)
    assert drift.smallest_p(4, 4, paired=True) == pytest.approx(2 / 16)


def test_pairing_needs_exactly_the_same_names():
    one = MeasuredSet("a", ("a/x.png", "a/y.png"), ("x.png", "y.png"), ("lightness",), np.zeros((2, 1)), ((), ()))
    other = replace(one, path="b", images=("b/y.png", "b/x.png"), names=("y.png", "x.png"))
    assert pairing(one, other) == [1, 0]
    assert pairing(one, replace(other, names=("y.png", "z.png"))) is None
    assert pairing(one, other.subset([0])) is None


def test_rank_test_effect_size_and_constant_sets():
    separated = drift.rank_test([1, 2, 3, 4, 5], [6, 7, 8, 9, 10])
    # Every AFTER value above every BEFORE one: δ = +1; exact two-sided p = 2 / C(10, 5) = 2/252.
    assert separated.effect_size == 1.0 and separated.p_raw == pytest.approx(2 / 252)
    assert drift.rank_test([0, 0, 0], [0, 0]) == drift.Test(0.0, 1.0)
    assert drift.smallest_p(5, 5) == pytest.approx(2 / 252)


def test_tiny_sets_say_no_shift_can_be_significant(sets, tmp_path):
    comparison = compare(
        sets["before"] + "/00.png", sets["lift"] + "/00.png", bare_spec(tmp_path), options=Options(jobs=1)
    )
    assert not comparison.drifted
    assert any("no shift can reach significance" in s for s in comparison.summary)
