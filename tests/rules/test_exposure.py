"""exposure: mean L* and clipped shares on images whose tones are known by construction."""

from __future__ import annotations

import pytest

from stylelint import testing
from stylelint.analysis import Analysis
from stylelint.colour import srgb_to_linear
from stylelint.rules.exposure import RULE

SIZE = (200, 100)  # long edge = max_side: the working copy is the image itself
ANALYSIS = Analysis(max_side=200)


def _run(tmp_path, image, **raw):
    return testing.run_rule(RULE, testing.write(tmp_path / "i.png", image), raw, analysis=ANALYSIS)


def _lightness(code: int) -> float:
    """CIE L* of a grey sRGB code, from the CIE formula (Y > 0.008856): 116 Y^(1/3) − 16."""
    return 116 * float(srgb_to_linear(code / 255)) ** (1 / 3) - 16


@pytest.mark.parametrize("code", [60, 119, 200])
def test_grey_of_known_lightness(tmp_path, code):
    # skimage's rgb2lab and the CIE formula agree to ~1e-4 L*; measured is rounded to 4 places.
    measured, verdict = _run(tmp_path, testing.solid(SIZE, (code, code, code)))
    assert measured["lightness"] == pytest.approx(_lightness(code), abs=1e-3)
    assert measured["highlights"] == 0 and measured["shadows"] == 0 and verdict.passed


def test_highlight_threshold_is_250_in_every_channel(tmp_path):
    # 30 of 200 columns: 0.15 exactly. (250, 250, 250) is blown; (249, 250, 250) is not.
    measured, _ = _run(tmp_path, testing.split(SIZE, (250, 250, 250), (249, 250, 250), 0.15))
    assert measured["highlights"] == pytest.approx(0.15, abs=1e-9)
    assert measured["saturated"] == pytest.approx(0.85, abs=1e-9)  # the rest: two channels at 250


def test_a_saturated_colour_is_not_a_blown_highlight(tmp_path):
    # (255, 220, 0), a saturated yellow, on 30 % of the frame: saturated, not blown.
    measured, verdict = _run(tmp_path, testing.split(SIZE, (255, 220, 0), (90, 90, 90), 0.3))
    assert measured["highlights"] == 0 and measured["saturated"] == pytest.approx(0.3, abs=1e-9)
    assert verdict.passed
    verdict = _run(tmp_path, testing.split(SIZE, (255, 220, 0), (90, 90, 90), 0.3), max_saturated=0.29)[1]
    assert not verdict.passed and verdict.expected["max_saturated"] == 0.29


def test_saturated_yellows_in_a_photo_stay_apart_from_blown_highlights(tmp_path):
    # Issue 13: a saturated yellow flower read 27 % "clipped". Pushing a real photo's red and green
    # up (×3 in linear light) and its blue down (×0.3) clips red and green in its bright, warm
    # parts while blue stays far below 250: many saturated pixels, hardly any blown ones. Each
    # pixel is counted in one of the two, so together they are the old any-channel share.
    photo = testing.photo("coffee")[::2, ::2]
    path = testing.write(tmp_path / "y.png", testing.colour_cast(photo, (3.0, 3.0, 0.3)))
    measured, _ = testing.run_rule(RULE, path, {}, analysis=Analysis(max_side=300))
    codes = testing.colour_cast(photo, (3.0, 3.0, 0.3))
    any_channel = (codes >= 250).any(axis=-1).mean()
    assert measured["saturated"] > 0.2 and measured["highlights"] < 0.02
    assert measured["saturated"] + measured["highlights"] == pytest.approx(any_channel, abs=1e-5)


def test_shadow_threshold_is_5_in_every_channel(tmp_path):
    # 40 of 200 columns are (5, 5, 5): 0.2 exactly; (5, 5, 6) is not crushed.
    measured, _ = _run(tmp_path, testing.split(SIZE, (5, 5, 5), (5, 5, 6), 0.2))
    assert measured["shadows"] == pytest.approx(0.2, abs=1e-9)


@pytest.mark.parametrize("limit, passed", [(0.01, True), (0.0099, False)])
def test_max_highlights_is_inclusive(tmp_path, limit, passed):
    # 2 of 200 columns white: exactly 0.01 clipped.
    measured, verdict = _run(tmp_path, testing.split(SIZE, "#FFFFFF", "#808080", 0.01), max_highlights=limit)
    assert measured["highlights"] == pytest.approx(0.01, abs=1e-9) and verdict.passed is passed


@pytest.mark.parametrize("limit, passed", [(0.02, True), (0.0199, False)])
def test_max_shadows_is_inclusive(tmp_path, limit, passed):
    _, verdict = _run(tmp_path, testing.split(SIZE, "#000000", "#808080", 0.02), max_shadows=limit)
    assert verdict.passed is passed


def test_lightness_bounds_are_inclusive(tmp_path):
    path = testing.write(tmp_path / "i.png", testing.solid(SIZE, (119, 119, 119)))
    lightness = testing.run_rule(RULE, path, {}, analysis=ANALYSIS)[0]["lightness"]
    for raw, passed in [
        ({"min_lightness": lightness}, True),
        ({"min_lightness": lightness + 0.1}, False),
        ({"max_lightness": lightness}, True),
        ({"max_lightness": lightness - 0.1}, False),
    ]:
        assert testing.run_rule(RULE, path, raw, analysis=ANALYSIS)[1].passed is passed


def test_overexposed_photo_fails_the_defaults(tmp_path):
    # Tripling linear light (+1.6 EV) clips the bright spacesuit far beyond 1 % of the pixels.
    photo = testing.photo("astronaut")[::2, ::2]
    path = testing.write(tmp_path / "o.png", testing.colour_cast(photo, (3.0, 3.0, 3.0)))
    measured, verdict = testing.run_rule(RULE, path, {}, analysis=Analysis(max_side=256))
    assert measured["highlights"] > 0.05 and not verdict.passed
    # The original's black sky is ~13 % crushed shadows, so only highlights are checked here.
    assert testing.run_rule(
        RULE,
        testing.write(tmp_path / "n.png", photo),
        {"max_highlights": 0.05, "max_shadows": 1.0},
        analysis=Analysis(max_side=256),
    )[1].passed


@pytest.mark.parametrize(
    "raw",
    [
        {"min_lightness": 80, "max_lightness": 20},
        {"max_highlights": 1.5},
        {"max_shadows": "2%"},
        {"min_lightness": -1},
        {"min": 10},
    ],
)
def test_parameter_errors(raw):
    with pytest.raises(ValueError):
        testing.make_params(RULE, raw)


def test_transparent_pixels_are_not_measured(tmp_path):
    # Issue 13: a PNG with 46 % fully transparent pixels was flattened on white and measured as
    # half white (a false exposure warning). The opaque part alone, saved as its own file, is the
    # reference: the same numbers (to rounding), and the notes say why.
    from stylelint.facts import ImageFacts

    photo = testing.photo("coffee")
    analysis = Analysis(max_side=600)
    cut_out = testing.write(tmp_path / "t.png", testing.cut_away(photo, 0.46))
    measured = testing.run_rule(RULE, cut_out, {}, analysis=analysis)[0]
    opaque_part = photo[:, round(photo.shape[1] * 0.46) :]
    opaque = testing.run_rule(RULE, testing.write(tmp_path / "o.png", opaque_part), {}, analysis=analysis)[0]
    assert measured == pytest.approx(opaque, abs=1e-4)
    assert measured["highlights"] < 0.01  # flattened on white, 46 % would read blown
    notes = ImageFacts(cut_out, analysis).notes
    assert any("46% of pixels fully transparent" in note for note in notes)


def _product_on_white():
    """200 × 100 on pure white: a grey box (60 × 40) with a blown 10 × 10 specular highlight, in a
    near-white halo (245: its soft shadow, 72 × 52 in all) holding two blown specks; and a grey ring
    (40 × 40, 8 px thick) around a white hole (24 × 24) that no blown path joins to the frame's
    edge. Of the 20,000 px: backdrop 20000 − 3744 − 1600 = 14,656 (0.7328), blown off it
    100 + 2 + 576 = 678 (0.0339), blown in all 15,334 (0.7667)."""
    import numpy as np

    image = np.full((100, 200, 3), 255, np.uint8)
    image[24:76, 14:86] = 245  # the halo, then the box inside it
    image[30:70, 20:80] = 128
    image[45:55, 45:55] = 255  # the specular highlight, inside the box
    image[26, 30] = image[27, 50] = 255  # blown specks enclosed by the halo
    image[30:70, 120:160] = 128
    image[38:62, 128:152] = 255  # the ring's hole
    return image


def test_a_white_backdrop_is_left_out_of_blown_highlights_when_asked(tmp_path):
    # CONTRACT: with white_backdrop, `backdrop` is the share of blown px joined to the frame's
    # edge through blown px, and max_highlights bounds the rest; without it all count.
    image = _product_on_white()
    measured, verdict = _run(tmp_path, image)
    assert measured["highlights"] == pytest.approx(0.7667, abs=1e-9) and measured["backdrop"] is None
    assert not verdict.passed and "76.7% of pixels blown to white" in verdict.message
    measured, verdict = _run(tmp_path, image, white_backdrop=True)
    assert measured["backdrop"] == pytest.approx(0.7328, abs=1e-9)
    assert not verdict.passed  # the specular spot, the specks and the hole: 3.4 %, limit 1 %
    expected = "3.4% of pixels blown to white off the backdrop (limit 1.0%; the backdrop's 73.3% not counted)"
    assert expected in verdict.message
    measured, verdict = _run(tmp_path, image, white_backdrop=True, max_highlights=0.0339)
    assert verdict.passed and "76.7% of pixels blown to white (73.3% the backdrop)" in verdict.message


def test_a_white_product_that_is_not_blown_keeps_its_highlight(tmp_path):
    # A white product (242 in every channel: not blown) on pure white, with a blown 10 × 10
    # highlight: the product stops the backdrop, so the highlight (0.005) counts.
    import numpy as np

    image = np.full((100, 200, 3), 255, np.uint8)
    image[20:80, 50:150] = 242
    image[45:55, 95:105] = 255
    measured, verdict = _run(tmp_path, image, white_backdrop=True, max_highlights=0.004)
    assert measured["backdrop"] == pytest.approx(1 - 0.3, abs=1e-9)
    assert measured["highlights"] - measured["backdrop"] == pytest.approx(0.005, abs=1e-9) and not verdict.passed


def test_a_cut_out_has_no_backdrop(tmp_path):
    # A transparent PNG: a grey product whose right edge is blown (10 of its 60 columns), the rest
    # transparent. Flattened on white, the transparent px would join the blown edge to the frame's
    # edge; they are not drawn, so nothing is backdrop and the edge counts (opacity-weighted:
    # 10 / 60 of what is drawn).
    import numpy as np

    image = np.zeros((100, 200, 4), np.uint8)
    image[20:80, 70:130] = (128, 128, 128, 255)
    image[20:80, 120:130, :3] = 255
    measured, verdict = _run(tmp_path, image, white_backdrop=True)
    assert measured["backdrop"] == 0 and measured["highlights"] == pytest.approx(10 / 60, abs=1e-6)
    assert not verdict.passed


def test_a_photo_on_a_white_canvas_blows_only_its_backdrop(tmp_path):
    # A real photo (scikit-image's cat, 150 × 100) pasted on a pure white 300 × 200 canvas: 75 % of
    # the frame is the backdrop; the photo itself has no blown px, so the subject passes the
    # default limit with white_backdrop, and fails it without.
    import numpy as np

    photo = testing.photo("chelsea")[::3, ::3][:100, :150]
    canvas = np.full((200, 300, 3), 255, np.uint8)
    canvas[50:150, 75:225] = photo
    analysis = Analysis(max_side=300)
    path = testing.write(tmp_path / "c.png", canvas)
    plain, verdict = testing.run_rule(RULE, path, {}, analysis=analysis)
    assert plain["highlights"] == pytest.approx(0.75, abs=0.002) and not verdict.passed
    measured, verdict = testing.run_rule(RULE, path, {"white_backdrop": True}, analysis=analysis)
    assert measured["backdrop"] == pytest.approx(0.75, abs=1e-9) and verdict.passed
    assert measured["highlights"] - measured["backdrop"] == pytest.approx(
        float((photo >= 250).all(-1).mean()) / 4, abs=1e-6
    )


def test_a_frame_that_is_all_white_backdrop_fails(tmp_path):
    # A catalogue image with no product (a blank placeholder): all backdrop, nothing blown off it,
    # yet no photographer would pass it. Without white_backdrop it fails as 100 % blown anyway.
    measured, verdict = _run(tmp_path, testing.solid(SIZE, (255, 255, 255)), white_backdrop=True, max_highlights=1)
    assert measured["backdrop"] == 1.0 and not verdict.passed
    assert verdict.message == "the frame is all white backdrop (100.0%): no product in it"


@pytest.mark.parametrize(("black", "passed"), [(0.14, True), (0.20, False)])
def test_a_learned_limit_passes_a_dark_sky_that_ordinary_photographs_show(tmp_path, black, passed):
    from stylelint.rule import References
    from stylelint.rules.exposure import ORDINARY_SHADOWS, suggest

    # Ten references that never crush do not show a look that forbids crushing (most photographs
    # hardly crush). A new scene of the look with a black sky over 14 % of the frame (scikit-image's
    # astronaut reads 12.6 % in a vivid grade, 14.4 % in black and white) passes the learned limit,
    # 18 %; a frame crushed over 20 % fails it, on the shadows alone (its mean L*, 42.9, is inside
    # the learned 40–59).
    records = tuple({"lightness": 45.0 + i, "highlights": 0.0, "shadows": 0.0} for i in range(10))
    learned = suggest(References(records, 10)).params
    assert learned["max_shadows"] == ORDINARY_SHADOWS
    measured, verdict = _run(tmp_path, testing.split(SIZE, "#000000", "#808080", black), **learned)
    assert measured["shadows"] == pytest.approx(black, abs=1e-9)
    assert verdict.passed is passed
    if not passed:
        assert verdict.message == "20.0% of pixels crushed in the shadows (limit 18.0%)"
