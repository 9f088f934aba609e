"""horizon's sea evidence (stylelint/sea.py): a sea horizon hidden by a headland and islands for
most of the width, read from the sea's colour (issue 13, Kodak's kodim21)."""

from __future__ import annotations

import functools

import numpy as np
import pytest
from PIL import Image

from stylelint import sea, testing
from stylelint.analysis import Analysis
from stylelint.rules import horizon
from stylelint.rules.horizon import RULE

# Colours measured on kodim21 near its horizon: the sky, the sea, an island almost the sea's
# colour. The headland is kodim21's green-grey made as bright as the sea (luma 92 against 93), so
# that only its colour tells them apart: the luma has no edge along its water line.
SKY = (133, 146, 141)
SEA = (82, 95, 107)
HEADLAND = (88, 95, 80)
ISLAND = (81, 91, 98)
HEIGHT, WIDTH = 512, 768
HORIZON_Y = 290


def _coast(angle, *, sea_colour=SEA):
    """_scene turned counter-clockwise by `angle` and cropped to its middle 85 % (as a turned
    photo is cropped)."""
    turned = testing.rotate(_scene(sea_colour), angle)
    dh, dw = round(HEIGHT * 0.075), round(WIDTH * 0.075)
    return turned[dh : HEIGHT - dh, dw : WIDTH - dw]


@functools.cache
def _scene(sea_colour, seed=0):
    """A lighthouse coast after kodim21, level.

    Sky (grain σ 3) over sea (waves: noise σ 6 smeared along the width); a headland from the left
    edge to 66 % of the width, its top ragged 8-120 px above the horizon, coming down to the
    bottom of the frame over the left 45 %, beyond that its water line 1-2 px below the horizon
    (nearer land lies lower); an island over 78-84 %, 5-13 px high, its water line 1 px below; so
    the horizon itself shows only over 66-78 % and 84-100 % of the width (a quarter of the
    cropped width, in two stretches), too little for the rule's luma lines (test_a_grey_sea_...),
    and the sea's top runs from the right edge over 55 % of the width. Rocks in the foreground.
    """
    rng = np.random.default_rng(seed)
    image = np.empty((HEIGHT, WIDTH, 3))
    image[:] = SKY
    image[:HORIZON_Y] += rng.normal(0, 3, (HORIZON_Y, WIDTH, 1))
    waves = rng.normal(0, 6, (HEIGHT - HORIZON_Y, WIDTH // 8 + 1)).repeat(8, axis=1)[:, :WIDTH]
    image[HORIZON_Y:] = np.asarray(sea_colour) + waves[..., None]
    x = np.arange(WIDTH)
    headland = x < 0.66 * WIDTH
    tops = HORIZON_Y - 8 - 25 * np.abs(np.sin(x / 37.0)) - 90 * (1 - x / WIDTH) ** 2 - rng.uniform(0, 4, WIDTH)
    island = (x >= 0.78 * WIDTH) & (x < 0.84 * WIDTH)
    island_tops = HORIZON_Y - 5 - 8 * np.abs(np.sin(x / 13.0))
    waterline = HORIZON_Y + 1 + rng.integers(0, 2, WIDTH)  # ragged by a px
    for column in x:
        if headland[column]:
            bottom = HEIGHT if column < 0.45 * WIDTH else waterline[column]
            top, colour, grain = int(tops[column]), HEADLAND, 8
        elif island[column]:
            top, bottom, colour, grain = int(island_tops[column]), HORIZON_Y + 1, ISLAND, 3
        else:
            continue
        image[top:bottom, column] = np.asarray(colour) + rng.normal(0, grain, (bottom - top, 1))
    rocks = np.minimum(HEIGHT, 420 + 300 * (x / WIDTH - 0.3) ** 2 - 30 * np.abs(np.sin(x / 19.0))).astype(int)
    for column in x:
        image[rocks[column] :, column] = (120, 110, 95) + rng.normal(0, 12, (HEIGHT - rocks[column], 1))
    return np.clip(np.rint(image), 0, 255).astype(np.uint8)


def _measure(tmp_path, image):
    return testing.run_rule(RULE, testing.write(tmp_path / "coast.png", image), {}, analysis=Analysis())


@pytest.mark.parametrize("angle", [-5.0, -1.0, 0.5, 2.0, 4.0])
def test_sea_hidden_by_a_headland_and_an_island_reads_the_turn(tmp_path, angle):
    # Issue 13's "done when": a broken sea horizon is found and the rotation read within ±0.7°.
    # The sea's top joins the headland's water line, 1-2 px below the horizon, to the horizon
    # beyond it, so it reads a little high: +0.33 to +0.35° off the angle (3 seeds, angles -5
    # to 4), as kodim21 reads +0.4° where its open sea reads +0.2°; asserted within 0.45°. The
    # uncertainty is at least WATERLINE_DEG for that (measured 0.30-0.31°) and under 0.4°.
    # Turned by 2° or more it warns at the default 1°; within 1° it passes.
    measured, verdict = _measure(tmp_path, _coast(angle))
    assert measured["evidence"] == "sea"
    assert measured["tilt_deg"] == pytest.approx(angle + 0.34, abs=0.11)
    assert sea.WATERLINE_DEG <= measured["tilt_uncertainty_deg"] <= 0.4
    # The sea's top runs from the right edge to the headland's foot: 55 % of the width.
    assert measured["support"] == pytest.approx(measured["strength"], abs=1e-3)
    assert measured["support"] == pytest.approx(0.55, abs=0.03)
    assert verdict.passed == (abs(angle) <= 1)


def test_the_sea_line_is_drawn_where_the_sea_begins(tmp_path):
    # `line` is the sea's top as fractions of the width and height: at the horizon (290 px of
    # 512, 252 of the 436 px kept: 0.578) within 1.5 px, from where the headland comes down to the
    # bottom (45 % of the width: 0.41 of the cropped width) to near the right edge.
    measured, _ = _measure(tmp_path, _coast(0.0))
    (x0, y0), (x1, y1) = measured["line"]
    assert y0 == pytest.approx((HORIZON_Y - 38) / 436, abs=1.5 / 436)
    assert y1 == pytest.approx((HORIZON_Y - 38) / 436, abs=1.5 / 436)
    assert x0 == pytest.approx(0.41, abs=0.05) and x1 > 0.95


def test_a_grey_sea_gives_no_reading(tmp_path):
    # The same coast with a grey sea (B = R, as bright): nothing tells the sea from the headland,
    # the horizon shows over under 12 % of the width, and the rule reads no tilt rather than a
    # guess. (The rule's luma lines do not read this coast either: the sea evidence is its own.)
    measured, verdict = _measure(tmp_path, _coast(2.0, sea_colour=(95, 95, 95)))
    assert measured["tilt_deg"] is None and measured["evidence"] is None and verdict.passed


@pytest.mark.parametrize("angle", [0.0, 3.0])
def test_a_blue_boat_on_grey_water_is_no_sea(tmp_path, angle):
    # A blue hull's straight top edge across the middle 60 % of the frame: bluer below, but it
    # reaches no frame side (the sea goes on beyond the frame; a thing on it ends inside it).
    rng = np.random.default_rng(1)
    image = np.clip(rng.normal(150, 3, (400, 600, 3)), 0, 255)
    image[200:260, 120:480] = (40, 60, 140)
    image = testing.rotate(np.rint(image).astype(np.uint8), angle)
    assert sea.sea_line(Image.fromarray(image), (400, 600), horizon.PRIOR_DEG) is None


@pytest.mark.parametrize("size", [(2000, 4), (1000, 6), (768, 20), (6, 1000)])
def test_a_thin_strip_blue_below_grey_is_measured_without_a_crash(tmp_path, size):
    # Strips too low for a step with a band on either side (the long edge alone is over the
    # rule's smallest side): no sea reading, and no error (version 15 raised on them).
    width, height = size
    image = np.full((height, width, 3), 150, np.uint8)
    image[height // 2 :] = SEA
    measured, verdict = _measure(tmp_path, image)
    assert measured["evidence"] != "sea" and verdict.passed


@pytest.mark.parametrize("mode", ["P", "RGBA", "L"])
def test_any_image_mode_is_read_as_rgb(mode):
    # sea_line converts what is not RGB before reducing (the rule passes RGB; a caller may not).
    image = Image.fromarray(_coast(2.0))
    image = image.convert(mode, palette=Image.Palette.ADAPTIVE) if mode == "P" else image.convert(mode)
    found = sea.sea_line(image, (436, 652), horizon.PRIOR_DEG)
    if mode == "L":  # no colour, so no sea
        assert found is None
    else:
        assert found is not None and found.tilt == pytest.approx(2.34, abs=0.15)


def test_the_no_blue_gate_changes_no_reading(monkeypatch):
    # The early return for too few blue columns is exact: without it the coast reads the same
    # line, and the same coast in grey still reads none.
    coast, grey = Image.fromarray(_coast(2.0)), Image.fromarray(_coast(2.0)).convert("L").convert("RGB")
    gated = [sea.sea_line(image, (436, 652), horizon.PRIOR_DEG) for image in (coast, grey)]
    monkeypatch.setattr(sea, "_too_few_blue_columns", lambda columns: False)
    ungated = [sea.sea_line(image, (436, 652), horizon.PRIOR_DEG) for image in (coast, grey)]
    assert gated[0] is not None and ungated[0] is not None and gated[0].tilt == ungated[0].tilt
    assert gated[1] is None and ungated[1] is None
