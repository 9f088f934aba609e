"""horizon: signed tilt of level/plumb lines on synthetic horizons and photos turned by known angles."""

from __future__ import annotations

import math

import numpy as np
import pytest
from PIL import Image, ImageDraw

from stylelint import edge_points, straight_lines, testing
from stylelint.analysis import Analysis
from stylelint.rules import horizon
from stylelint.rules.horizon import RULE

ANALYSIS = Analysis(max_side=256)
SIZE = (256, 170)  # long edge = max_side: the working copy is the image itself


def _horizon(size=SIZE):
    """Sky over sea: a straight level edge at 55 % of the height, across the whole width."""
    image = testing.solid(size, (150, 190, 230))
    image[round(size[1] * 0.55) :] = (30, 70, 110)
    return image


def _centre(image, keep=0.7):
    """The middle `keep` of each side: drops the smeared corners that rotation leaves."""
    h, w = image.shape[:2]
    dh, dw = round(h * (1 - keep) / 2), round(w * (1 - keep) / 2)
    return image[dh : h - dh, dw : w - dw]


def _tilt(tmp_path, image, analysis=ANALYSIS, name="i.png"):
    return testing.run_rule(RULE, testing.write(tmp_path / name, image), {}, analysis=analysis)


@pytest.mark.parametrize("angle", [-6.0, -2.0, -0.7, 0.0, 0.4, 1.5, 3.0, 8.0])
def test_synthetic_horizon_turned_by_known_angle(tmp_path, angle):
    # Turned counter-clockwise by `angle` (the horizon rises to the right), the rule reads
    # +angle. ±0.5° is the accuracy the docstring promises; a clean edge does far better, and
    # says so: one straight edge, its halves agreeing, is sure to 0.1° (the fine search's
    # resolution alone is 0.05 / √12 = 0.014°).
    measured, _ = _tilt(tmp_path, _centre(testing.rotate(_horizon((400, 266)), angle)))
    assert measured["tilt_deg"] == pytest.approx(angle, abs=0.5)
    assert 0.014 <= measured["tilt_uncertainty_deg"] <= 0.1


def test_vertical_lines_tilt_with_the_same_sign(tmp_path):
    # Three plumb edges (wall panels) turned counter-clockwise by 2°: their tops lean left, +2°.
    # One vertical alone is not evidence (a pole may lean); three agreeing are.
    image = testing.solid((266, 400), (200, 200, 190))
    image[:, 70:130] = (90, 80, 70)
    image[:, 200:] = (120, 110, 100)
    measured, _ = _tilt(tmp_path, _centre(testing.rotate(image, 2.0)))
    assert measured["evidence"] == "plumb lines"
    assert measured["tilt_deg"] == pytest.approx(2.0, abs=0.5)


def _sea(angle, *, seed=0):
    """A faint sea horizon broken by rocks, with texture, turned counter-clockwise by `angle`.

    Sky (grey 160 with grain σ 3) over sea 15 levels darker (6 % of the range: a hazy horizon)
    whose waves are noise smeared along the width; dark rocks stand across the horizon over 30 %
    of the width in three groups, so the line is found only if gaps are allowed.
    """
    rng = np.random.default_rng(seed)
    height, width = 400, 600
    image = rng.normal(160, 3, (height, width))
    sea = rng.normal(0, 6, (height // 2, width // 8 + 1)).repeat(8, axis=1)[:, :width]
    image[height // 2 :] += sea - 15
    for left, right, top in ((60, 120, 170), (260, 330, 150), (450, 500, 180)):
        image[top : height // 2 + 40, left:right] = rng.normal(60, 8, (height // 2 + 40 - top, right - left))
    image = np.repeat(np.clip(np.rint(image), 0, 255).astype(np.uint8)[..., None], 3, axis=2)
    return _centre(testing.rotate(image, angle))


@pytest.mark.parametrize("angle", [-5.0, -2.5, -1.5, 0.0, 1.0, 2.5, 4.0, 5.0])
def test_faint_broken_sea_horizon(tmp_path, angle):
    # Issue 13: a faint horizon broken by rocks is found, at ±0.5° (the documented accuracy),
    # with evidence "horizon" and a support of at least the required coverage. Turned by 4-5°
    # (within PRIOR_DEG, 5.5°) it is found too; version 5, whose prior was 3°, asked such a
    # line to cover 90 % of the width and read null.
    # Turned by 2.5° or more, it warns at the default 1°: its uncertainty (one line, waves and
    # grain) does not hide a real turn; within 1° it passes.
    measured, verdict = _tilt(tmp_path, _sea(angle), analysis=Analysis())
    assert measured["evidence"] == "horizon"
    assert measured["support"] >= horizon.HORIZON_SHARE and measured["lines"] >= 1
    assert measured["tilt_deg"] == pytest.approx(angle, abs=0.5)
    assert measured["tilt_uncertainty_deg"] <= 0.5
    if abs(angle) >= 2 or abs(angle) <= 1:
        assert verdict.passed == (abs(angle) <= 1)


def _islands(angle, *, seed=0):
    """A sea horizon seen between islands and rocks, turned counter-clockwise by `angle`.

    Sky (grey 160, grain σ 3) over sea 20 levels darker (8 % of the range) with waves smeared
    along the width; dark rocks (grey 70, σ 8) with ragged tops and bottoms stand across the
    horizon everywhere but in four stretches of 9-10 % of the width each, so that the horizon
    is four collinear pieces over about 70 % of the cropped width, covering under half of it.
    """
    rng = np.random.default_rng(seed)
    height, width = 400, 600
    horizon_y = height // 2
    image = rng.normal(160, 3, (height, width))
    sea = rng.normal(0, 6, (height - horizon_y, width // 8 + 1)).repeat(8, axis=1)[:, :width]
    image[horizon_y:] += sea - 20
    x = np.arange(width)
    open_sea = np.zeros(width, dtype=bool)
    for left, right in ((145, 205), (250, 305), (345, 400), (440, 500)):
        open_sea[left:right] = True
    tops = horizon_y - 10 - 25 * np.abs(np.sin(x / 23.0)) - rng.uniform(0, 4, width)
    bottoms = horizon_y + 15 + 40 * np.abs(np.sin(x / 31.0)) + rng.uniform(0, 4, width)
    for column in np.flatnonzero(~open_sea):
        top, bottom = int(tops[column]), int(bottoms[column])
        image[top:bottom, column] = rng.normal(70, 8, bottom - top)
    image = np.repeat(np.clip(np.rint(image), 0, 255).astype(np.uint8)[..., None], 3, axis=2)
    return _centre(testing.rotate(image, angle), keep=0.8)


@pytest.mark.parametrize("angle", [-5.0, -3.0, -1.5, 0.0, 1.0, 2.5, 4.0, 5.0])
def test_horizon_broken_into_pieces_by_islands(tmp_path, angle):
    # Issue 13: a sea horizon seen only between islands and rocks (kodim06, kodim21) is several
    # collinear pieces. Together they cover under HORIZON_SHARE of the width (measured 0.38-0.42),
    # so version 8 read null; as a chain of pieces that agree it is a horizon now, read within
    # ±0.7° (issue 13's "done when"; measured within 0.05° on 3 seeds of grain and waves at these
    # 8 angles). One straight faint edge: sure to a tenth of a degree (measured 0.014-0.07°).
    measured, verdict = _tilt(tmp_path, _islands(angle), analysis=Analysis())
    assert measured["evidence"] == "horizon"
    assert straight_lines.CHAIN_SHARE <= measured["support"] < horizon.HORIZON_SHARE
    assert measured["tilt_deg"] == pytest.approx(angle, abs=0.7)
    assert 0.014 <= measured["tilt_uncertainty_deg"] <= 0.2
    assert verdict.passed == (abs(angle) <= 1)


def test_pieces_that_do_not_line_up_bend_the_chain():
    # Three collinear 50-px pieces of a line (points scattered by 0.1 px) over 250 px of a
    # 512-px span: 3 pieces reaching 250 / 512 of it (in whole 1 % bins), each rising under
    # 0.2 px against the line (0.1 px of scatter moves a 50-px fit's ends by about 0.05 px).
    # Measured against a line 1° off, each piece rises tan 1° times its length (49 px between
    # its outermost points; TRIM drops none, the bins reaching beyond them): 0.86 px.
    rng = np.random.default_rng(0)
    a = np.concatenate([np.arange(start, start + 50, dtype=np.float32) for start in (60, 160, 260)])
    b = (200 + rng.normal(0, 0.1, len(a))).astype(np.float32)
    pieces, reach, bend = straight_lines._pieces(a, b, 512, 0.0)
    assert pieces == 3 and reach == pytest.approx(250 / 512, abs=0.02) and bend < 0.2
    _, _, bent = straight_lines._pieces(a, b, 512, 1.0)
    assert bent == pytest.approx(math.tan(math.radians(1.0)) * 49, abs=0.2)


def _roof(slope, *, angle=0.0):
    """A roof line across the frame falling `slope`° to the right (a facade seen at an angle:
    in perspective), sky above (grey 200) and wall below (120), with grain σ 2, and three dark
    posts standing plumb in front of it over 90 % of the height; all turned counter-clockwise
    by `angle`."""
    rng = np.random.default_rng(0)
    height, width = 400, 600
    y, x = np.mgrid[:height, :width]
    image = np.where(y > 0.4 * height - (x - width / 2) * math.tan(math.radians(slope)), 120.0, 200.0)
    for left in (140, 300, 460):
        image[30:390, left : left + 10] = 60.0
    image += rng.normal(0, 2, image.shape)
    image = np.repeat(np.clip(np.rint(image), 0, 255).astype(np.uint8)[..., None], 3, axis=2)
    return _centre(testing.rotate(image, angle) if angle else image, keep=0.8)


@pytest.mark.parametrize("slope", [-2.5, 1.5, 2.0])
def test_plumb_posts_overrule_a_roof_line_in_perspective(tmp_path, slope):
    # Issue 13: a level photo never warns. A long clean roof line 1.5-2.5° off level beside posts
    # that stand plumb is a facade in perspective, not a rolled camera, which turns both: version
    # 10 read it as a horizon turned by `slope`° (and warned at 2°); now the posts overrule it and
    # are read instead (their edges, straight to a few hundredths of a degree).
    measured, verdict = _tilt(tmp_path, _roof(slope), analysis=Analysis())
    assert measured["evidence"] == "plumb lines"
    assert measured["tilt_deg"] == pytest.approx(0.0, abs=0.1) and verdict.passed


def test_shelves_in_perspective_beside_short_uprights_are_no_horizon(tmp_path):
    # skimage's stereo_motorcycle (left view, 741 x 500, level): a shelf's front edge and a door's
    # top, in perspective, line up as a chain across 68 % of the width at -1.9°, while the shelf's
    # uprights and the door's frame, keystone aside, stand plumb: three of them agree within 0.5°
    # at +0.6-0.9°, but one covers only 14 % of the height, under the 15 % the veto took, and
    # version 13 read the shelf as a horizon turned by -2.05 ± 0.62° (a warning at 1°). Version
    # 14 counts plumb lines from 12 % of the height in the veto: nothing is read.
    from skimage import data

    measured, verdict = _tilt(tmp_path, np.asarray(data.stereo_motorcycle()[0]), analysis=Analysis())
    assert measured["tilt_deg"] is None and verdict.passed


@pytest.mark.parametrize("angle", [-3.0, 2.0])
def test_roof_and_posts_turned_together_read_as_a_horizon(tmp_path, angle):
    # The same roof built level, with its posts, turned by the camera: both agree, the roof is
    # read as the horizon, within the fine search's resolution (measured within 0.003°).
    measured, verdict = _tilt(tmp_path, _roof(0.0, angle=angle), analysis=Analysis())
    assert measured["evidence"] == "horizon"
    assert measured["tilt_deg"] == pytest.approx(angle, abs=0.1) and not verdict.passed


def test_line_endpoints_follow_the_horizon(tmp_path):
    measured, _ = _tilt(tmp_path, _horizon())
    (x0, y0), (x1, y1) = measured["line"]
    # The edge is between rows 93 and 94 of 170 (0.55 · 170 = 93.5): Canny puts it on one of
    # them, so y is 0.55 within a pixel (1/170 ≈ 0.006); the run spans the inner frame.
    assert y0 == pytest.approx(0.55, abs=0.01) and y1 == pytest.approx(0.55, abs=0.01)
    assert x0 < 0.05 and x1 > 0.95


@pytest.fixture(scope="module")
def photo_tilts(tmp_path_factory):
    """Tilts of brick and page photos turned by known angles, at the default 1024-px copy.

    The photos are first enlarged to a 1024-px long edge (the working copy never upscales), so
    the rule is tested at the resolution its accuracy is documented for.
    """
    folder = tmp_path_factory.mktemp("horizon")
    tilts = {}
    for name in ("brick", "page"):
        source = testing.photo(name)
        scale = 1024 / max(source.shape[:2])
        size = (round(source.shape[1] * scale), round(source.shape[0] * scale))
        enlarged = np.asarray(Image.fromarray(source).resize(size, Image.Resampling.LANCZOS))
        for angle in (0.0, -5.0, -3.0, 1.0, 2.5, 5.0):
            path = testing.write(folder / f"{name}{angle}.png", _centre(testing.rotate(enlarged, angle)))
            measured, verdict = testing.run_rule(RULE, path, {})
            tilts[name, angle] = measured["tilt_deg"]
            tilts[name, angle, "uncertainty"] = measured["tilt_uncertainty_deg"]
            tilts[name, angle, "passed"] = verdict.passed
    return tilts


@pytest.mark.parametrize("angle", [-5.0, -3.0, 1.0, 2.5, 5.0])
def test_photo_turned_by_known_angle(photo_tilts, angle):
    # skimage's page is not level itself (at this size and crop it reads -0.3°), so the known
    # quantity is the change in tilt; ±0.5° is the documented accuracy. Turns of 5° are within
    # PRIOR_DEG (5.5°), so they need no more evidence.
    assert photo_tilts["page", angle] - photo_tilts["page", 0.0] == pytest.approx(angle, abs=0.5)


@pytest.mark.parametrize("angle", [0.0, -5.0, -3.0, 1.0, 2.5, 5.0])
def test_pavement_in_perspective_is_no_plumb_evidence(photo_tilts, angle):
    # skimage's brick is a pavement seen obliquely: its long joints converge toward a vanishing
    # point, leaning by 7-8° at the sides of this crop (a keystone fit's slope of 13-16° per
    # width), far beyond what a camera pitched up or down gives verticals (KEYSTONE_DEG at the
    # sides). Version 9 does not take them as plumb lines: version 8 read the level crop
    # +1.19 ± 0.05° from them and warned at 1°. Read from its level and plumb lines together,
    # it is level (measured +0.03°) and unsure by about half a degree (measured 0.45-0.5°), so
    # it passes level or turned by 1°, and warns turned by 2.5° or more. The reading follows
    # the turn within three uncertainties (measured: within 0.1° at -5, 2.5 and 5°, 1.3-1.4° at
    # -3 and +1°, where cross joints that agree by chance join the evidence).
    tilt, uncertainty = photo_tilts["brick", angle], photo_tilts["brick", angle, "uncertainty"]
    assert 0.3 <= uncertainty <= 0.7
    assert abs(tilt - angle) <= 3 * uncertainty
    assert photo_tilts["brick", angle, "passed"] == (abs(angle) <= 1)


@pytest.mark.parametrize("angle", [0.0, -5.0, -3.0, 1.0, 5.0])
def test_page_warns_only_when_surely_turned(photo_tilts, angle):
    # skimage's page reads -0.3° level; its lines of text bend toward the binding, so they
    # scatter and the reading is unsure by 0.4-0.7° (measured 0.45-0.65 at version 7). Level or
    # turned by 1° it passes; turned by 3-5° (|tilt| - uncertainty >= 2.3°) it warns.
    assert 0.3 <= photo_tilts["page", angle, "uncertainty"] <= 0.8
    assert photo_tilts["page", angle, "passed"] == (abs(angle) <= 1)


@pytest.mark.parametrize(("name", "angle"), [("camera", 4.0), ("camera", -4.5), ("brick", 4.0)])
def test_walls_and_floors_turned_by_4_degrees(tmp_path, name, angle):
    # Issue 13: a photo turned by 4-4.5° (within PRIOR_DEG, 5.5°) is read from its level and
    # plumb lines, as its own reading plus the angle, within the documented ±0.5°. With the
    # prior at 3°, as in version 4, these read null: twice the evidence was needed. Level, both
    # read nothing since version 14 (their plumb lines stand to one side, within a keystone's
    # lean; version 13 read +0.15 ± 0.41° and -0.06 ± 0.50°), so their own reading is 0.
    image = testing.photo(name)
    level, _ = _tilt(tmp_path, image, analysis=Analysis(), name="level.png")
    turned, _ = _tilt(tmp_path, testing.rotate(image, angle), analysis=Analysis(), name="turned.png")
    assert level["tilt_deg"] is None and turned["tilt_deg"] is not None
    assert turned["evidence"] in ("plumb lines", "level and plumb lines")
    assert turned["tilt_deg"] == pytest.approx(angle, abs=0.5)


@pytest.mark.parametrize("name", ["astronaut", "coffee", "chelsea", "grass", "gravel"])
def test_photos_without_horizon_or_plumb_lines_report_no_tilt(tmp_path, name):
    # Issue 13: no verdict on a photo with no horizon and no architecture (a portrait, a cup, a
    # cat, grass, gravel), level or turned by 3°: tilt_deg is null and the rule passes.
    for angle in (0.0, 3.0):
        image = testing.photo(name)
        measured, verdict = _tilt(tmp_path, _centre(testing.rotate(image, angle), keep=0.9), analysis=Analysis())
        assert measured["tilt_deg"] is None and measured["evidence"] is None and verdict.passed


def test_reduced_luma_is_the_box_average_of_gray(tmp_path):
    # Reduced by a whole factor, the luma is the box average of the working copy's gray, to the
    # half code that Pillow's 8-bit averages round away (0.5 / 255).
    from stylelint.facts import ImageFacts

    facts = ImageFacts(testing.write(tmp_path / "c.png", testing.photo("camera")))
    reduced = edge_points.reduced_luma(facts.working_image, 256)
    boxed = facts.gray.reshape(256, 2, 256, 2).mean(axis=(1, 3))
    assert np.abs(reduced - boxed).max() <= 0.5 / 255 + 1e-6


@pytest.mark.parametrize("name", ["camera", "brick"])
def test_skipping_short_peaks_keeps_every_line_that_counts(monkeypatch, name):
    # Issue 14: peaks whose near points cannot cover MIN_LINE_SHARE are not fitted. Every line
    # that covers it, and the longest line (the rule's `strength`), must be the same, to the bit,
    # as when none is skipped; and some must have been skipped, or this tests nothing.
    image = Image.fromarray(testing.photo(name))
    search = straight_lines._lines
    skipped = []

    def watched(family, *, every=False):
        lines, bound = search(family, every=every)
        skipped.append(bound)
        return lines, bound

    monkeypatch.setattr(straight_lines, "_lines", watched)
    fast, shape = straight_lines.axis_lines(image)
    assert max(skipped) > 0
    monkeypatch.setattr(straight_lines, "_lines", lambda family, every=False: search(family, every=True))
    full, full_shape = straight_lines.axis_lines(image)

    def counted(lines):
        return [line._replace(halves=None) for line in lines if line.share >= straight_lines.MIN_LINE_SHARE]

    assert shape == full_shape and fast[0]._replace(halves=None) == full[0]._replace(halves=None)
    assert counted(fast) == counted(full) and [line.tilt_se for line in counted(fast)] == [
        line.tilt_se for line in counted(full)
    ]


def test_coverages_together_equal_one_at_a_time():
    # _coverages is _coverage of several point sets in one pass: the same numbers exactly.
    rng = np.random.default_rng(3)
    a = np.sort(rng.uniform(5, 500, 3000)).astype(np.float32)
    family = edge_points.Family(True, a, np.zeros_like(a), np.zeros_like(a), 512)
    lines = [np.sort(rng.choice(3000, size, replace=False)) for size in (3, 40, 300, 1200, 2900)]
    lines.append(np.arange(0, 3000, 2))
    expected = [straight_lines._coverage(a[points], 512) for points in lines]
    assert list(straight_lines._coverages(family, lines)) == expected
    assert expected[0] == 0.0 and 0 < expected[1] < 0.5 < expected[2]  # none, a few bins, most


def test_small_images_are_searched_at_the_same_scale():
    # Issue 13: lengths in px (smoothing, line band, separation) mean the same share of the
    # frame at any size, so a 384-px image is enlarged to the 512-px luma: a half-grey image
    # keeps its edge at half the height, its values within the bicubic overshoot (none on flat).
    image = np.zeros((256, 384, 3), dtype=np.uint8)
    image[128:] = 255
    luma = edge_points.reduced_luma(Image.fromarray(image), edge_points.WORK_SIDE)
    assert luma.shape == (341, 512)
    assert luma[:160].max() == pytest.approx(0.0, abs=1e-6) and luma[182:].min() == pytest.approx(1.0, abs=1e-6)


def test_no_strong_line_gives_null_and_passes(tmp_path):
    measured, verdict = _tilt(tmp_path, testing.noise(SIZE, sigma=40))
    assert measured["tilt_deg"] is None and measured["line"] is None
    assert verdict.passed


def test_threshold_is_inclusive(tmp_path):
    # The verdict fails when |tilt| - SURE_SIGMAS uncertainties exceeds the limit: at that
    # bound it passes, just under it it fails.
    path = testing.write(tmp_path / "i.png", _centre(testing.rotate(_horizon((400, 266)), 2.0)))
    measured = testing.run_rule(RULE, path, {}, analysis=ANALYSIS)[0]
    sure = abs(measured["tilt_deg"]) - horizon.SURE_SIGMAS * measured["tilt_uncertainty_deg"]
    assert testing.run_rule(RULE, path, {"max_tilt_deg": sure}, analysis=ANALYSIS)[1].passed
    verdict = testing.run_rule(RULE, path, {"max_tilt_deg": sure - 0.01}, analysis=ANALYSIS)[1]
    assert not verdict.passed and verdict.expected == {"max_tilt_deg": sure - 0.01}
    assert not testing.run_rule(RULE, path, {}, analysis=ANALYSIS)[1].passed  # default 1.0°


def test_judge_weighs_the_uncertainty():
    # The same reading, 1.5°, fails when sure to 0.2° (1.3° at least) and passes when sure only
    # to 0.6° (0.9° at least, within the 1° limit); a measurement without the key (a dictionary
    # made by hand or by a plugin, never a cache entry, whose key holds the rule's version) is
    # judged on its tilt alone.
    params = testing.make_params(RULE, {})
    assert not RULE.judge({"tilt_deg": 1.5, "tilt_uncertainty_deg": 0.2}, params).passed
    assert RULE.judge({"tilt_deg": -1.5, "tilt_uncertainty_deg": 0.6}, params).passed
    assert not RULE.judge({"tilt_deg": 1.5}, params).passed


def _facade(tilts):
    """Dark 3-px lines across a light wall (grey 180 with grain σ 2), one per tilt (degrees,
    counter-clockwise), evenly spaced over the height: the fourth runs over 96 % of the width,
    the others over 70 % (drawn 4x larger and box-reduced, so anti-aliased)."""
    scale, width, height = 4, 600, 400
    canvas = Image.new("L", (width * scale, height * scale), 180)
    draw = ImageDraw.Draw(canvas)
    for i, tilt in enumerate(tilts):
        middle = height * (i + 1) / (len(tilts) + 1)
        ends = (0.02 * width, 0.98 * width) if i == 3 else (0.15 * width, 0.85 * width)
        slope = math.tan(math.radians(tilt))
        draw.line([(x * scale, (middle - (x - width / 2) * slope) * scale) for x in ends], fill=60, width=3 * scale)
    wall = np.asarray(canvas.resize((width, height), Image.Resampling.BOX), dtype=float)
    wall += np.random.default_rng(0).normal(0, 2, wall.shape)
    return np.repeat(np.clip(np.rint(wall), 0, 255).astype(np.uint8)[..., None], 3, axis=2)


def test_lines_that_disagree_make_the_reading_unsure(tmp_path):
    # A facade seen at an angle: its level lines spread over 3.5° (issue 13: kodim01's spread
    # over 2°). The longest, at 1.3°, is read as the horizon, alone (no other within 0.5°), but
    # the lines within SCATTER_DEG of it deviate by -1.8 ... +1.7°: coverage-weighted mean
    # square 1.27 (0.96 for the long line, 0.7 each for the six others), effective number of
    # lines 6.9, so an uncertainty of √(1.27 / 5.9) = 0.46° (±0.05°: each drawn line is found
    # within a few hundredths of a degree). 1.3 - 0.46 is within the 1° limit: it passes.
    measured, verdict = _tilt(tmp_path, _facade([-0.5, 0.2, 0.8, 1.3, 1.9, 2.5, 3.0]), analysis=Analysis())
    assert measured["evidence"] == "horizon" and measured["tilt_deg"] == pytest.approx(1.3, abs=0.1)
    assert measured["tilt_uncertainty_deg"] == pytest.approx(0.46, abs=0.05)
    assert verdict.passed
    # The same wall with every line at 1.3°, agreeing: the reading is sure (the lines' halves
    # agree to a few hundredths of a degree) and it fails.
    measured, verdict = _tilt(tmp_path, _facade([1.3] * 7), analysis=Analysis(), name="agree.png")
    assert measured["tilt_deg"] == pytest.approx(1.3, abs=0.1) and measured["tilt_uncertainty_deg"] <= 0.05
    assert not verdict.passed


def test_level_image_passes_the_default(tmp_path):
    assert _tilt(tmp_path, _horizon())[1].passed


@pytest.mark.parametrize("raw", [{"max_tilt_deg": -1}, {"max_tilt_deg": "1"}, {"max_tilt_deg": 20}, {"max_tilt": 1}])
def test_parameter_errors(raw):
    with pytest.raises(ValueError):
        testing.make_params(RULE, raw)


def test_measuring_imports_neither_scipy_nor_scikit_image(tmp_path):
    # Issue 14: a one-file check in a fresh process paid ~0.25 s CPU importing SciPy's ndimage
    # and scikit-image's feature and transform modules for Canny and the Hough transform; the
    # line search is numpy and Pillow alone now. A fresh interpreter, since this one has them.
    import json
    import subprocess
    import sys

    path = testing.write(tmp_path / "h.png", _horizon())
    probe = (
        "import json, sys\nfrom stylelint.facts import ImageFacts\nfrom stylelint.rules.horizon import RULE\n"
        f"measured = RULE.measure(ImageFacts({str(path)!r}), RULE.params())\n"
        "print(json.dumps([measured['evidence'], sorted(m for m in sys.modules if m.split('.')[0] in "
        "('scipy', 'skimage'))]))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    evidence, heavy = json.loads(out.stdout.splitlines()[-1])
    assert evidence == "horizon" and heavy == []


def _shoreline(slope, *, angle=0.0):
    """A level sea horizon at 30 % of the height, visible over the right 45 % of the width; on the
    left, a dark strip of land whose shoreline recedes toward the horizon, falling by `slope`° to
    the left (kodim06's shoreline), all turned counter-clockwise by `angle`."""
    rng = np.random.default_rng(1)
    height, width = 400, 600
    y, x = np.mgrid[:height, :width]
    horizon_y = 0.3 * height
    image = np.where(y > horizon_y, 110.0, 200.0)  # sky over sea
    shore_y = horizon_y + (0.55 * width - x) * np.tan(np.radians(slope))
    image[(x < 0.55 * width) & (y > horizon_y - 25) & (y <= shore_y)] = 60.0
    image += rng.normal(0, 3, image.shape)
    image = np.repeat(np.clip(np.rint(image), 0, 255).astype(np.uint8)[..., None], 3, axis=2)
    return _centre(testing.rotate(image, angle), keep=0.9)


@pytest.mark.parametrize("slope", [2.0, 3.0])
def test_receding_shoreline_is_not_read_as_a_tilted_horizon(tmp_path, slope):
    # Issue 13: a level photo never warns. The shoreline (longer than the visible horizon, and
    # clean) met the level lines inside the frame; version 5 read it as the horizon, +slope°.
    # Now the two contest the horizon and neither is taken: no tilt is better than a wrong one.
    measured, verdict = _tilt(tmp_path, _shoreline(slope), analysis=Analysis())
    assert verdict.passed
    assert measured["tilt_deg"] is None or abs(measured["tilt_deg"]) <= 0.5


def test_thumbnails_are_not_searched(tmp_path, monkeypatch):
    # Issue 14: under MIN_SIDE px on the long edge nothing is searched (no enlargement to the
    # 512-px luma): a clear horizon turned by 3° reads null, the pass says why. At MIN_SIDE px
    # the same scene is read (the 256-px images of the tests above).
    assert horizon.MIN_SIDE == 256
    image = testing.rotate(_horizon((255, 170)), 3.0)
    monkeypatch.setattr(horizon, "axis_lines", _not_called)
    measured, verdict = _tilt(tmp_path, image)
    assert measured["tilt_deg"] is None and measured["strength"] is None and measured["line"] is None
    assert measured["evidence"] == "too small"
    assert verdict.passed and "too small" in verdict.message
    monkeypatch.undo()
    measured, verdict = _tilt(tmp_path, testing.rotate(_horizon((256, 170)), 3.0), name="j.png")
    assert measured["tilt_deg"] == pytest.approx(3.0, abs=0.3)  # read as in the tests above
    assert not verdict.passed


def _not_called(*_args, **_kwargs):
    raise AssertionError("a thumbnail's lines were searched")


def _pitched_up(lean):
    """A level sea horizon across the frame (sky grey 200 over sea 110, grain σ 2) with three dark
    posts at the left, each leaning `lean`° as a camera pitched up leans verticals away from
    the centre (keystone), their middles a third of the width left of it."""
    rng = np.random.default_rng(1)
    height, width = 400, 600
    y, x = np.mgrid[:height, :width]
    image = np.where(y > 0.5 * height, 110.0, 200.0)
    for middle in (80, 110, 140):
        lean_x = middle + (y - height / 2) * math.tan(math.radians(lean))
        image[(np.abs(x - lean_x) < 5) & (y > 30) & (y < 370)] = 50.0
    image += rng.normal(0, 2, image.shape)
    image = np.repeat(np.clip(np.rint(image), 0, 255).astype(np.uint8)[..., None], 3, axis=2)
    return _centre(image, keep=0.8)


@pytest.mark.parametrize("lean", [-1.8, 1.5])
def test_keystoned_posts_to_one_side_leave_a_level_horizon(tmp_path, lean):
    # Issue 13: a level photo never warns. Posts standing to one side of a camera pitched up lean
    # by their keystone (up to 3° at the frame's sides, about 2° a third of the width from the
    # centre), which one side alone cannot tell from a roll: version 11 let them overrule the
    # level horizon and read a 1.5-1.8° "turn" from them; now the horizon is read, level within
    # the fine search's resolution.
    measured, verdict = _tilt(tmp_path, _pitched_up(lean), analysis=Analysis())
    assert measured["evidence"] == "horizon"
    assert measured["tilt_deg"] == pytest.approx(0.0, abs=0.1) and verdict.passed


def test_a_rival_too_short_for_a_chain_still_has_its_bend_measured():
    # A level line covering 15-30 % of the width can contest a chain as a rival (RIVAL_SHARE of a
    # chain's coverage), and a rival whose pieces bend more than the chain's does not; its bend
    # must therefore be measured, not left at 0 ("straight"), which made every such line
    # contest. A dark bar over a fifth of the width (x 200-300 of 500), edges straight: one
    # piece, reaching its own coverage, bending under 0.5 px.
    image = np.full((300, 500), 200.0)
    image[150:, 200:300] = 60.0
    image += np.random.default_rng(2).normal(0, 1, image.shape)
    codes = np.repeat(np.clip(np.rint(image), 0, 255).astype(np.uint8)[..., None], 3, axis=2)
    lines, _ = straight_lines.axis_lines(Image.fromarray(codes))
    level = max((line for line in lines if line.horizontal), key=lambda line: line.share)
    assert straight_lines.MIN_LINE_SHARE <= level.share < straight_lines.CHAIN_SHARE
    assert level.pieces == 1 and level.reach == pytest.approx(level.share, abs=0.05) and level.bend_px < 0.5


def _post_and_edge(angle, posts=(0.18,)):
    """A dark post (12 px wide, 65 % of the height) at each of `posts` (shares of the width) and a
    dark band a quarter of the width long right of the centre (a bus's side, say), on grey 150
    with grain σ 2, all turned counter-clockwise by `angle`: two edges of each, the post's near
    the frame's side once the turned frame's corners are cropped."""
    rng = np.random.default_rng(2)
    height, width = 400, 600
    image = np.full((height, width), 150.0)
    for share in posts:
        left = round(share * width)
        image[40:300, left : left + 12] = 60.0
    image[250:280, 300:450] = 60.0
    image += rng.normal(0, 2, image.shape)
    image = np.repeat(np.clip(np.rint(image), 0, 255).astype(np.uint8)[..., None], 3, axis=2)
    return _centre(testing.rotate(image, angle), keep=0.8)


@pytest.mark.parametrize("angle", [-1.5, 1.5])
def test_a_post_to_one_side_agreeing_with_a_short_edge_is_no_roll(tmp_path, angle):
    # Issue 13: a level photo never warns. A tower to one side of a camera pitched up leans by
    # its keystone (about 2.4° at a tenth of the width from the frame's side), and a bus's side
    # receding in perspective can slope the same way: one side alone cannot tell that from a
    # roll. Version 13 read such a pair as "level and plumb lines" turned by `angle`° and warned
    # at 1° (OpenCV's photo of a London bus under Big Ben: -1.80 ± 0.34°); now nothing is read.
    measured, verdict = _tilt(tmp_path, _post_and_edge(angle), analysis=Analysis())
    assert measured["tilt_deg"] is None and verdict.passed


def test_a_post_to_one_side_leaning_past_any_keystone_reads_a_roll(tmp_path):
    # The same pair turned by 3.5°, more than a pitched camera leans a line that far from the
    # centre (about 2.4°): a rolled camera, read from both lines as before.
    measured, _ = _tilt(tmp_path, _post_and_edge(3.5), analysis=Analysis())
    assert measured["evidence"] == "level and plumb lines"
    assert measured["tilt_deg"] == pytest.approx(3.5, abs=0.15)


def test_posts_on_both_sides_agreeing_with_a_short_edge_read_a_roll(tmp_path):
    # Posts on both sides of the centre leaning the same way: a keystone would lean them opposite
    # ways, so a turn of 1.5° is read.
    measured, _ = _tilt(tmp_path, _post_and_edge(1.5, posts=(0.18, 0.8)), analysis=Analysis())
    assert measured["tilt_deg"] == pytest.approx(1.5, abs=0.15)
