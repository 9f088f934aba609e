"""palette: coverage and dominant colours on images whose palette and shares are known."""

from __future__ import annotations

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
