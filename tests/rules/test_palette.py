"""palette: coverage and dominant colours on images whose palette and shares are known."""

from __future__ import annotations

import numpy as np
import pytest

from stylelint import testing
from stylelint.analysis import Analysis
from stylelint.rules.palette import RULE

SIZE = (200, 100)  # long edge = max_side: the working copy is the image itself
ANALYSIS = Analysis(max_side=200)
BRAND = {"brand-red": "#C8102E", "ink": "#1A1A1A", "paper": "#F5F1E8"}
OFF = "#2E9E44"  # a green: 40+ ΔE00 from every brand colour


def _run(tmp_path, image, palette=BRAND, **raw):
    return testing.run_rule(RULE, testing.write(tmp_path / "i.png", image), raw, palette=palette, analysis=ANALYSIS)


def test_coverage_of_a_70_30_split(tmp_path):
    # 140 of 200 columns are brand red: coverage 0.70. ±0.01 is the contract's accuracy goal; the
    # count is exact here (no resampling, every distinct colour counted).
    measured, _ = _run(tmp_path, testing.split(SIZE, "#C8102E", OFF, 0.7))
    assert measured["coverage"] == pytest.approx(0.70, abs=0.01)
    dominant = {d["hex"]: d for d in measured["dominant"]}
    assert dominant["#C8102E"]["share"] == pytest.approx(0.7, abs=1e-9)
    assert dominant["#C8102E"]["nearest"] == "brand-red"
    assert dominant["#C8102E"]["delta_e"] == pytest.approx(0, abs=0.01)  # k-means centre = the colour
    assert dominant[OFF]["delta_e"] > 20


def test_coverage_survives_noise(tmp_path):
    # σ = 3 codes of noise moves a pixel ~1–3 ΔE00: well inside the default radius of 10.
    image = testing.add_noise(testing.split(SIZE, "#C8102E", "#F5F1E8", 0.7), 3, seed=2)
    measured, verdict = _run(tmp_path, image)
    assert measured["coverage"] == pytest.approx(1.0, abs=0.005)
    assert verdict.passed


@pytest.mark.parametrize("limit, passed", [(0.7, True), (0.71, False)])
def test_min_coverage_is_inclusive(tmp_path, limit, passed):
    # min_share 0.31 leaves the 30 % green out of the dominant check: only coverage decides.
    image = testing.split(SIZE, "#C8102E", OFF, 0.7)
    _, verdict = _run(tmp_path, image, min_coverage=limit, min_share=0.31)
    assert verdict.passed is passed and verdict.expected["min_coverage"] == limit


@pytest.mark.parametrize("min_share, passed", [(0.3, False), (0.31, True)])
def test_off_palette_dominant_colour_fails_from_min_share(tmp_path, min_share, passed):
    _, verdict = _run(tmp_path, testing.split(SIZE, "#C8102E", OFF, 0.7), min_coverage=0.5, min_share=min_share)
    assert verdict.passed is passed


def test_colors_narrow_the_palette(tmp_path):
    image = testing.split(SIZE, "#C8102E", "#1A1A1A", 0.5)
    everything = _run(tmp_path, image)[0]
    ink_only = _run(tmp_path, image, colors=["ink"])[0]
    assert everything["coverage"] == pytest.approx(1.0, abs=1e-9)
    assert ink_only["coverage"] == pytest.approx(0.5, abs=1e-9)  # 100 of 200 columns
    assert {d["nearest"] for d in ink_only["dominant"]} == {"ink"}


def test_hex_colours_work_without_a_palette(tmp_path):
    measured, _ = _run(tmp_path, testing.solid(SIZE, "#C8102E"), palette=None, colors=["#C8102E"])
    assert measured["coverage"] == 1.0
    assert measured["dominant"] == [{"hex": "#C8102E", "share": 1.0, "nearest": "#C8102E", "delta_e": 0.0}]


@pytest.mark.parametrize(
    "raw",
    [
        {"max_delta_e": -1},
        {"min_coverage": 1.5},
        {"dominant_colors": 0},
        {"dominant_colors": 2.5},
        {"colors": ["teal"]},
        {"colours": ["ink"]},
    ],
)
def test_parameter_errors(raw):
    with pytest.raises(ValueError):
        testing.make_params(RULE, raw, palette=BRAND)


def test_no_palette_and_no_colors_is_an_error():
    with pytest.raises(ValueError, match="palette"):
        testing.make_params(RULE, {})


def test_off_palette_mask_locates_the_off_palette_pixels(write_image):
    # Left 25 % on the palette (red), the rest blue and off it: on a 12-column grid the first 3
    # columns read 0 and the other 9 read 1, in every row.
    path = write_image("split.png", testing.split((240, 120), "#C8102E", "#0000FF", 0.25))
    measured, _ = testing.run_rule(RULE, path, {"colors": ["#C8102E"]})
    mask = measured["off_palette_mask"]
    assert len(mask) == 12 and all(row == [0.0] * 3 + [1.0] * 9 for row in mask)
    assert measured["coverage"] == pytest.approx(0.25, abs=1e-9)  # exact: no resampling at 240 px


# ---- blends: tints, shades and mixes of palette colours (issue 12) ----------------------------

DUOTONE = {"navy": "#1F2A44", "sand": "#E6D2AA"}


def _duotone(gray, dark, light):
    """Map luma 0..1 onto the straight line dark → light in gamma-encoded sRGB, as a gradient map
    or duotone does: every pixel is an exact navy–sand mix."""
    ends = [np.array(testing.solid((1, 1), c)[0, 0], dtype=np.float64) for c in (dark, light)]
    mixed = (1 - gray[..., None]) * ends[0] + gray[..., None] * ends[1]
    return np.clip(np.rint(mixed), 0, 255).astype(np.uint8)


@pytest.fixture(scope="module")
def camera_gray():
    image = testing.photo("camera")[::4, ::4, 0].astype(np.float64) / 255.0  # 128 × 128, luma 0..1
    return image


def test_a_duotone_of_the_palette_is_on_palette_only_with_blends(tmp_path, camera_gray):
    image = _duotone(camera_gray, DUOTONE["navy"], DUOTONE["sand"])
    plain, plain_verdict = _run(tmp_path, image, palette=DUOTONE)
    blended, verdict = _run(tmp_path, image, palette=DUOTONE, blends=True)
    # Without blends only pixels near either end count (the photo's mid-tones are neither):
    # well under 60 %. With blends every pixel is an exact mix, rounded to 8 bits (≤ 0.5 code,
    # well under 1 ΔE00): coverage 1.
    assert plain["coverage"] < 0.6 and not plain_verdict.passed
    assert blended["coverage"] == pytest.approx(1.0, abs=1e-9)
    assert verdict.passed and verdict.expected["blends"] is True
    assert all(d["delta_e"] <= 10 for d in blended["dominant"])
    assert any(d["nearest"] == "navy–sand" for d in blended["dominant"])


def test_tints_and_shades_are_blends_but_other_hues_are_not(tmp_path):
    # Navy mixed half with white (a 50 % tint) and half with black (a shade), and a green: the tint
    # and shade are 0 ΔE from a blend, the green is far from every blend.
    navy = np.array([0x1F, 0x2A, 0x44], dtype=np.float64)
    tint = np.rint(0.5 * navy + 0.5 * 255).astype(np.uint8)
    shade = np.rint(0.5 * navy).astype(np.uint8)
    image = np.concatenate(
        [
            np.full((60, 40, 3), tint),
            np.full((60, 40, 3), shade),
            np.full((60, 40, 3), testing.solid((1, 1), OFF)[0, 0]),
        ],
        axis=1,
    )
    measured, _ = _run(tmp_path, image, palette={"navy": "#1F2A44"}, blends=True, max_delta_e=3)
    assert measured["coverage"] == pytest.approx(2 / 3, abs=1e-6)  # the green third is off
    names = {d["hex"]: d["nearest"] for d in measured["dominant"]}
    assert "navy tint" in names.values() and "navy shade" in names.values()


def test_blends_on_a_photo_accept_only_its_duotone_like_colours(tmp_path):
    # A colour photo against a navy/sand palette: blends admit its blue-greys and beiges, not its
    # reds and greens, so coverage rises but stays far from 1.
    image = testing.photo("astronaut")[::4, ::4]
    plain, _ = _run(tmp_path, image, palette=DUOTONE)
    blended, _ = _run(tmp_path, image, palette=DUOTONE, blends=True)
    assert plain["coverage"] < blended["coverage"] < 0.9


def test_blend_distance_is_zero_on_a_mix_and_the_chord_error_is_small():
    from stylelint.blends import PIECES, blend_distance, blends_of
    from stylelint.colour import rgb_to_lab
    from stylelint.params import Colour

    navy, sand = Colour.from_hex("#1F2A44", name="navy"), Colour.from_hex("#E6D2AA", name="sand")
    blends = blends_of([navy, sand])
    assert [b.name for b in blends] == ["navy–sand", "navy tint", "navy shade", "sand tint", "sand shade"]
    # Mixes between the polyline's knots (t = 1/32, 3/32, …) lie on the curve, off the chords:
    # the chord error must stay well under 1 ΔE00 (it is what blends add to max_delta_e).
    t = (np.arange(PIECES) + 0.5)[:, None] / PIECES
    mixes = rgb_to_lab((1 - t) * np.array(navy.srgb) + t * np.array(sand.srgb))
    gaps, which = blend_distance(mixes, blends)
    assert gaps.max() < 0.3
    assert set(which.tolist()) == {0}


def test_blend_distance_is_the_delta_e_to_the_nearest_point_of_the_polylines():
    from stylelint.blends import blend_distance, blends_of
    from stylelint.colour import delta_e_2000
    from stylelint.params import Colour

    # Brute force: each piece sampled at 2001 points, the Euclidean-nearest sample of all blends,
    # then its ΔE00. Samples are at most (piece length / 2000) / 2 from the true foot, so both
    # agree within a few hundredths of a ΔE00 (and the blend found is the same but on near-ties).
    colours = [Colour.from_hex(h, name=n) for n, h in (("navy", "#1F2A44"), ("sand", "#E6D2AA"), ("red", "#C8102E"))]
    blends = blends_of(colours)
    points = np.random.default_rng(0).uniform([0, -80, -80], [100, 80, 80], size=(400, 3))
    t = np.linspace(0, 1, 2001)[:, None]
    samples = [b.lab[i] + t * (b.lab[i + 1] - b.lab[i]) for b in blends for i in range(len(b.lab) - 1)]
    dense = np.concatenate(samples)
    nearest = dense[np.argmin(((points[:, None, :] - dense[None]) ** 2).sum(axis=2), axis=1)]
    gaps, which = blend_distance(points, blends)
    assert gaps == pytest.approx(delta_e_2000(points, nearest), abs=0.05)
    assert which.min() >= 0 and which.max() < len(blends)
