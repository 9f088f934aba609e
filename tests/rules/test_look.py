"""look: a look learned from photos graded with a known curve, judged on other photos."""

from __future__ import annotations

import math

import numpy as np
import pytest

from stylelint import testing
from stylelint.colour import rgb8_to_lab
from stylelint.facts import ImageFacts
from stylelint.look import FEATURE_NAMES, SHADOW_SHARE, look_features
from stylelint.look_words import describe
from stylelint.rule import References
from stylelint.rules import look as rule
from stylelint.rules.look import RULE, Entry, Look, compare, distance_of, judge, population, suggest

# A faded matte grade: half the colour (distance from Rec. 709 luma × 0.5), then output levels
# 0 → 0.25, 1 → 0.92 on sRGB (blacks lifted to L* ≥ 27, whites held below paper white). A
# colourist sets it once for a whole shoot.
SATURATION, LIFT, WHITE = 0.5, 0.25, 0.92
LUMA = np.array([0.2126, 0.7152, 0.0722])
PHOTOS = ("astronaut", "coffee", "chelsea", "rocket")


def matte(image):
    rgb = image.astype(np.float64) / 255
    y = (rgb @ LUMA)[..., None]
    rgb = y + SATURATION * (rgb - y)
    return np.rint(np.clip(LIFT + (WHITE - LIFT) * rgb, 0, 1) * 255).astype(np.uint8)


@pytest.fixture(scope="module")
def scenes():
    """Eight small framings of four different photographs (two each, seeded), and a ninth scene
    held out: stereo_motorcycle, a photograph none of the references shows."""
    from skimage import data

    framings = [c for i, name in enumerate(PHOTOS) for c in testing.random_crops(testing.photo(name), 2, seed=i)]
    held_out = testing.random_crops(np.asarray(data.stereo_motorcycle()[0]), 1, seed=9)[0]
    return framings, held_out


def features(image):
    return look_features(rgb8_to_lab(image))


@pytest.fixture(scope="module")
def matte_look(scenes):
    framings, _ = scenes
    suggestion = suggest(References(measured=tuple(features(matte(c)) for c in framings), count=len(framings)))
    return testing.make_params(RULE, suggestion.params)


def test_a_learned_matte_look_passes_a_new_scene_in_that_look_and_fails_it_ungraded(scenes, matte_look):
    _, held_out = scenes
    graded, ungraded = compare([features(matte(held_out)), features(held_out)], matte_look)
    assert judge(graded, matte_look).passed
    verdict = judge(ungraded, matte_look)
    assert not verdict.passed
    # The ungraded photo's blacks sit near L* 3 while the look lifts them above 27 (its channels'
    # black levels from 4 to about 70): those are the features that pushed it out, and the
    # message says so in words. The lowest channel's black level and the pixels' lowest code
    # push it most and say the same, so only the first is named and the third place goes to the
    # next feature (measured: channel_floor, then channel_black, black_point, crushed).
    assert ungraded["pushed"] == ["channel_floor", "black_point", "crushed"]
    assert ungraded["z"]["black_point"] < -5
    assert "blacks deeper (P1 L* 2.9; the look's 30.7)" in verdict.message
    assert "blacks deeper in a channel" in verdict.message
    assert "nearer 0 in a channel" not in verdict.message
    assert "more crushed blacks" in verdict.message


def test_the_note_names_the_heaviest_distinctive_features_only(scenes):
    # A matte look stands out from ordinary photographs in many features (lifted blacks, lower
    # chroma, their tints): the note names the six that weigh most; each feature's own comment
    # still says how it stands out.
    framings, _ = scenes
    suggestion = suggest(References(measured=tuple(features(matte(c)) for c in framings), count=len(framings)))
    named = suggestion.note.split(": ", 1)[1].split(" (and")[0].split(", ")
    marked = [
        name.split(".", 1)[1]
        for name, text in suggestion.evidence.items()
        if name.startswith("reference.") and any(word in text for word in ("tighter", "shifted"))
    ]
    weights = {name: entry["weight"] for name, entry in suggestion.params["reference"].items()}
    unnamed = [n for n in marked if n not in named]
    assert 1 <= len(named) <= 6 and set(named) <= set(marked)
    # A matte look stands out in more than six features, so the note must leave some out.
    assert len(unnamed) >= 1
    assert min(weights[n] for n in named) >= max(weights[n] for n in unnamed)
    assert f"(and {len(unnamed)} more, marked below)" in suggestion.note


def test_the_learned_limit_passes_every_reference(scenes, matte_look):
    framings, _ = scenes
    records = [features(matte(c)) for c in framings]
    measured = compare(records, matte_look)
    distances = [m["distance"] for m in measured]
    # The limit's ingredients, measured (not from `leave_one_out`): each reference scored against
    # the look fitted to the other seven gives distances 0.99-1.92, their 90th percentile 1.71;
    # the farthest reference from the whole look reads 1.63.
    prior = population()
    loo = [rule.score(r, rule.fit(records[:i] + records[i + 1 :], prior))["distance"] for i, r in enumerate(records)]
    inside = max(rule.score(r, rule.fit(records, prior))["distance"] for r in records)
    assert float(np.percentile(loo, 90)) == pytest.approx(1.71, abs=0.01)
    assert inside == pytest.approx(1.63, abs=0.01)
    # The definition worked by hand: the geometric mean of P90 and the typical limit 1.8 is
    # sqrt(1.71 · 1.8) = 1.754, above 1 and above 1.63, rounded up to 0.05: 1.80.
    expected = 1.8
    assert matte_look.max_distance == pytest.approx(expected, abs=1e-9)
    # Judged with the spec as written (medians and scales rounded to 4 decimals), every reference
    # still passes, with a verdict that says so.
    assert [judge(m, matte_look).passed for m in measured] == [True] * len(records)
    # Every reference passes (learn never writes a limit below the farthest one), yet the limit
    # still tells the references from the very same framings ungraded: each of those reads
    # farther than it (measured: references up to 1.63, limit 1.8, ungraded from 2.22).
    ungraded = [m["distance"] for m in compare([features(c) for c in framings], matte_look)]
    assert max(distances) <= matte_look.max_distance < min(ungraded)
    # The limit is set by the references (their leave-one-out distances' P90: 1.71 measured), not
    # by the floor MIN_DISTANCE, and stays close to them: within 0.5 of the farthest one (1.63).
    assert rule.MIN_DISTANCE < matte_look.max_distance <= max(distances) + 0.5


def test_the_look_holds_the_lifted_black_point_tight(matte_look):
    # No graded pixel is darker than sRGB 0.25, L* 27.0 (CIE 1976: linear 0.0508, 116 · 0.0508^(1/3)
    # − 16); ordinary photographs have their 1st percentile near L* 5-10: the look's black point
    # sits far from theirs, so it weighs heavily: the most of all the look's features, several
    # times the median feature (measured: 9.2 against a median of 1.4).
    entries = matte_look.reference.as_dict()
    entry = entries["black_point"]
    prior = population()["black_point"]
    assert entry.median >= 27.0
    shift = min(rule.MAX_SHIFT, abs(entry.median - prior["median"]) / prior["spread"])
    assert shift > 2
    weights = sorted(e.weight for e in entries.values())
    assert entry.weight == weights[-1] and entry.weight >= 4 * weights[len(weights) // 2]


def test_a_shadow_shift_toward_blue_reads_with_its_sign_and_size_in_the_message():
    lab = rgb8_to_lab(testing.photo("astronaut")[::4, ::4]).reshape(-1, 3)
    base = look_features(lab)
    darkest = np.argsort(lab[:, 0], kind="stable")[: round(len(lab) * SHADOW_SHARE)]
    lab[darkest, 2] -= 9  # shadows 9 b* bluer, everything else unchanged
    shifted = look_features(lab)
    look = Look(tuple((name, Entry(base[name], 1.0)) for name in FEATURE_NAMES))
    [measured] = compare([shifted], testing.make_params(RULE, _raw(look, 2.0)))
    assert measured["z"]["shadow_b"] == pytest.approx(-9, abs=0.01)  # scale 1: z is the shift in b*
    assert measured["pushed"][0] == "shadow_b"
    # At least three of the equally weighted features move by 9 scales (shadow_b,
    # shadow_neutral_b, split_b; shadow chroma and the cast move too): distance
    # ≥ sqrt(3 · 4 ln(1 + 81/4) / n) for n features (1.04 for today's 34).
    assert measured["distance"] >= math.sqrt(3 * 4 * math.log(1 + 81 / 4) / len(FEATURE_NAMES)) - 1e-9
    verdict = judge(measured, testing.make_params(RULE, _raw(look, 1.0)))
    assert not verdict.passed
    assert "shadows 9.0 b* bluer than the look" in verdict.message


def test_a_grey_image_measures_no_chroma_through_the_rule(tmp_path):
    path = testing.write(tmp_path / "grey.png", testing.solid((64, 48), (119, 119, 119)))
    look = Look(tuple((name, Entry(0.0, 1.0)) for name in FEATURE_NAMES))
    measured = RULE.measure(ImageFacts(path), testing.make_params(RULE, _raw(look, 100.0)))
    # Grey codes through the float32 Lab conversion leave |a*|, |b*| below 0.01.
    assert measured["chroma_median"] == pytest.approx(0, abs=0.01)
    assert measured["shadow_chroma"] == pytest.approx(0, abs=0.01)
    # #777777 is L* 50.0 (CIE 1976), to within the 8-bit step.
    assert measured["midpoint"] == pytest.approx(50.0, abs=0.1)


def test_distance_is_the_rms_z_for_small_z_and_grows_slowly_beyond():
    # c² ln(1 + z²/c²) ≈ z² for |z| ≪ c = 2: eight features at z = 0.2 give ≈ 0.2.
    assert distance_of(dict.fromkeys("abcdefgh", 0.2)) == pytest.approx(0.2, abs=0.002)
    # One feature at z = 20 among 8: sqrt(4 ln(101) / 8) = 1.52, not 20 / sqrt(8) = 7.1.
    assert distance_of({"a": 20.0, **dict.fromkeys("bcdefgh", 0.0)}) == pytest.approx(1.519, abs=0.002)


def test_shares_are_compared_on_a_log_scale_so_a_blown_sky_alone_does_not_push_a_scene_out(scenes):
    # A look learned from ungraded framings (few blown whites), and the held-out scene with its
    # top tenth blown to white, as a bright sky is: clipped goes from 0.14 % to 10 % (the look's
    # median 0.28 %), seventy times more, but on ln(share + SHARE_OFFSET) that is under 3 of the
    # look's scales, where its raw difference over version 7's raw floor of 0.005 read about 20
    # and made clipped the feature that pushed the scene out most.
    framings, held_out = scenes
    p = testing.make_params(RULE, suggest(References(tuple(features(c) for c in framings), len(framings))).params)
    entry = p.reference.as_dict()["clipped"]
    sky = held_out.copy()
    sky[: sky.shape[0] // 10] = 255
    plain, blown = compare([features(held_out), features(sky)], p)
    assert blown["features"]["clipped"] == pytest.approx(0.1, abs=0.005)
    offset = rule.SHARE_OFFSET
    # The z worked by hand from the measured inputs: the look's clipped median 0.28 % and scale
    # 1.143 (in ln units), offset 0.002: (ln(0.1014 + 0.002) − ln(0.0028 + 0.002)) / 1.143 = 2.69.
    assert offset == 0.002
    assert entry.median == pytest.approx(0.0028, abs=1e-4)
    assert entry.scale == pytest.approx(1.143, abs=0.002)
    expected = (math.log(0.1014 + 0.002) - math.log(0.0028 + 0.002)) / 1.143
    assert blown["z"]["clipped"] == pytest.approx(expected, abs=0.01)
    # Measured: z 2.69 on the log scale (scale 1.14); the same difference in share units over
    # version 7's floor of 0.005 is 19.7.
    assert blown["z"]["clipped"] == pytest.approx(2.69, abs=0.05)
    assert (blown["features"]["clipped"] - entry.median) / 0.005 > 15
    assert f"ln(share + {offset:g})" in RULE.doc  # what `stylelint explain look` tells the user
    assert judge(plain, p).passed and judge(blown, p).passed
    assert "clipped" not in blown["pushed"]
    assert blown["distance"] - plain["distance"] < 0.35


def test_words_for_tone_and_shares():
    assert describe("black_point", 0.4, 11.0) == "blacks deeper (P1 L* 0.4; the look's 11.0)"
    assert describe("clipped", 0.2, 0.01) == "more blown whites (share at L* ≥ 97 20.0%; the look's 1.0%)"
    assert describe("highlight_neutral_a", 3.0, 0.0) == "highlights (neutrals) 3.0 a* more magenta than the look"


@pytest.mark.parametrize(
    "raw, message",
    [
        ({"shadow_bee": {"median": 1, "scale": 1}}, r"shadow_bee: unknown look feature; did you mean 'shadow_b'\?"),
        ({"shadow_b": {"median": 1, "scale": 0}}, "shadow_b.scale: expected a number > 0, got 0"),
        ({"shadow_b": {"median": 1}}, "shadow_b: missing scale"),
        ({"shadow_b": {"median": 1, "scale": "wide"}}, "shadow_b.scale: expected a number, got 'wide'"),
        ({"shadow_b": {"medain": 1, "scale": 1}}, r"shadow_b.medain: unknown key; did you mean 'median'\?"),
        ("folder/", "expected a look profile"),
        ({}, "at least one look feature"),
        # A profile learned by look version 7, whose share scales were in shares.
        ({"clipped": {"median": 0.01, "scale": 0.005}}, r"clipped\.scale: 0\.005 is below 0\.1, .* learn it again"),
    ],
)
def test_bad_reference_is_a_clear_error(raw, message):
    with pytest.raises(ValueError, match=message):
        testing.make_params(RULE, {"reference": raw})


def test_without_a_reference_the_set_is_its_own_look(scenes):
    framings, held_out = scenes
    p = testing.make_params(RULE, {"max_distance": 2.0})
    assert p.reference is None and RULE.uses_set(p)
    # Fewer than 5 images: nothing to compare with, every image passes with distance null.
    few = compare([features(matte(c)) for c in framings[:4]], p)
    assert [m["distance"] for m in few] == [None] * 4
    assert [judge(m, p).passed for m in few] == [True] * 4
    # Eight framings in the matte look and one ungraded photo: the ungraded one is farthest.
    measured = compare([features(matte(c)) for c in framings] + [features(held_out)], p)
    distances = [m["distance"] for m in measured]
    assert distances.index(max(distances)) == len(framings)


def test_the_prior_covers_every_feature_with_a_positive_spread():
    prior = population()
    assert set(prior) == set(FEATURE_NAMES)
    # crushed and clipped are 0 for most photographs, but not for all: P84 is above 0.
    assert [name for name in FEATURE_NAMES if prior[name]["spread"] <= 0] == []


def test_the_prior_keeps_every_framing_it_was_made_from_and_its_statistics_come_from_them():
    framings = rule.ordinary_framings()
    assert len(framings) == 145  # 29 photographs, 5 framings each (benchmarks/look_prior.py)
    assert [f for f in framings if set(f) != set(FEATURE_NAMES)] == []
    for name, stats in population().items():
        p16, median, p84 = np.percentile([f[name] for f in framings], [16, 50, 84])
        assert (stats["p16"], stats["median"], stats["p84"]) == pytest.approx((p16, median, p84), abs=1e-3)


def test_the_ordinary_photographs_a_look_accepts_are_those_within_the_limit_inclusive():
    # One feature: distance = sqrt(c² ln(1 + z²/c²)) <= 1 exactly when |z| <= c sqrt(e^(1/c²) − 1).
    look = Look((("black_point", Entry(median=20.0, scale=4.0)),))
    z_max = rule.CAUCHY_C * math.sqrt(math.expm1(1 / rule.CAUCHY_C**2))
    black_points = np.array([f["black_point"] for f in rule.ordinary_framings()])
    expected = int(np.sum(np.abs(black_points - 20.0) / 4.0 <= z_max))
    assert 0 < expected < len(black_points)
    assert rule.ordinary_accepted(look, 1.0) == expected
    # A framing exactly at the limit passes, as `judge` passes a distance equal to max_distance.
    at_limit = rule.score(rule.ordinary_framings()[0], look)["distance"]
    assert rule.ordinary_accepted(look, at_limit) > rule.ordinary_accepted(look, at_limit - 1e-4)


def test_the_weak_look_warning_starts_at_a_third_of_the_framings():
    assert rule.weak_look(48, 145) == ()  # 33.1 %
    (warning,) = rule.weak_look(49, 145)  # 33.8 %
    assert warning.startswith("look: the learned look accepts 49 of 145 framings (34%) of ordinary")
    assert rule.weak_look(0, 0) == ()  # a prior without framings: nothing to say


def _learned_count(framings, grade):
    """The learned look's suggestion and how many of the prior's framings its spec accepts."""
    suggestion = suggest(References(measured=tuple(features(grade(c)) for c in framings), count=len(framings)))
    p = testing.make_params(RULE, suggestion.params)
    accepted = rule.ordinary_accepted(p.reference, p.max_distance)
    assert (
        f"; {accepted} of 145 framings of ordinary, ungraded photographs fall within it"
        in (suggestion.evidence["max_distance"])
    )
    return suggestion, accepted


def test_a_matte_look_accepts_no_ordinary_photograph_and_learn_does_not_warn(scenes):
    # A matte grade lifts the blacks to L* >= 27, far above any ordinary photograph's.
    suggestion, accepted = _learned_count(scenes[0], matte)
    assert accepted == 0
    assert suggestion.warnings == ()


def test_a_look_learned_from_plain_photographs_accepts_most_ordinary_ones_and_learn_warns(scenes):
    # References that are plain photographs learn a look most plain photographs pass (127 of 145
    # when written: well above the warning's third).
    suggestion, accepted = _learned_count(scenes[0], lambda image: image)
    assert accepted >= 0.8 * 145
    (warning,) = suggestion.warnings
    assert warning.startswith(f"look: the learned look accepts {accepted} of 145 framings")
    assert "close to an ungraded look" in warning


def test_a_prior_without_framings_learns_the_look_without_the_count(scenes, monkeypatch):
    framings, _ = scenes
    document = dict(rule._prior_document())
    del document["framings"]
    monkeypatch.setattr(rule, "_prior_document", lambda: document)
    rule.ordinary_framings.cache_clear()
    try:
        suggestion = suggest(References(measured=tuple(features(c) for c in framings), count=len(framings)))
    finally:
        rule.ordinary_framings.cache_clear()
    assert suggestion.written and suggestion.warnings == ()
    assert "ordinary, ungraded" not in suggestion.evidence["max_distance"]


def _raw(look, max_distance):
    return {
        "max_distance": max_distance,
        "reference": {name: {"median": e.median, "scale": e.scale, "weight": e.weight} for name, e in look.entries},
    }


def test_transparent_pixels_do_not_count(write_image):
    # Left half opaque navy, right half fully transparent (flattened on white for display): the
    # look of the drawn pixels is navy's alone, as for an opaque navy image; flattened white
    # would otherwise be half the pixels (white point 100, chroma median halfway to 0).
    rgba = np.zeros((40, 40, 4), dtype=np.uint8)
    rgba[..., :3] = (31, 42, 96)
    rgba[:, 20:, 3] = 0
    rgba[:, :20, 3] = 255
    params = testing.make_params(RULE, {})
    drawn = RULE.measure(ImageFacts(write_image("half.png", rgba)), params)
    solid = RULE.measure(ImageFacts(write_image("navy.png", rgba[..., :3].copy())), params)
    assert drawn == solid
    assert drawn["white_point"] < 30 and drawn["channel_white"] == pytest.approx(96, abs=0.01)


def blue_blacks(image):
    """Blue output levels 0 → code 40 (B' = 40 + B · 215/255), red and green untouched: the
    blue-lifted blacks of a cross-processed grade, which tints only the darkest pixels."""
    out = image.copy()
    out[..., 2] = np.rint(40 + image[..., 2] * (215 / 255)).astype(np.uint8)
    return out


def test_a_look_with_blue_lifted_blacks_rejects_the_same_scenes_without_them(scenes):
    # Ordinary photographs' P1 of B sits a few codes below their P1 of G (the prior's
    # black_tint_b: median −8, spread 9 codes); the graded references all read ≥ 30 codes bluer
    # in the blacks, so the look holds black_tint_b far from ordinary photographs and a new scene
    # without the lift is pushed out by it, named in words.
    framings, held_out = scenes
    refs = tuple(look_features(rgb8_to_lab(blue_blacks(c)), blue_blacks(c)) for c in framings)
    params = testing.make_params(RULE, suggest(References(measured=refs, count=len(refs))).params)
    assert len(refs) == 8 and min(r["black_tint_b"] for r in refs) >= 30
    graded, ungraded = compare([look_features(rgb8_to_lab(x), x) for x in (blue_blacks(held_out), held_out)], params)
    assert judge(graded, params).passed
    verdict = judge(ungraded, params)
    assert not verdict.passed
    assert "black_tint_b" in ungraded["pushed"] and "blacks less blue" in verdict.message


def warm(image):
    """A warm grade written for this test: white-balance gains R × 1.1, B × 0.8, then chroma × 1.15."""
    rgb = np.clip(image.astype(np.float64) / 255 * np.array([1.1, 1.0, 0.8]), 0, 1)
    y = (rgb @ LUMA)[..., None]
    return np.rint(np.clip(y + 1.15 * (rgb - y), 0, 1) * 255).astype(np.uint8)


def jpeg_round_trip(image, quality=85):
    """`image` saved as a baseline JPEG (Pillow's default 4:2:0 chroma subsampling) and read back."""
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.fromarray(image).save(buffer, "JPEG", quality=quality)
    return np.asarray(Image.open(buffer).convert("RGB"))


def _masters_and_exports(framings, grade):
    """A look learned from `grade` applied to `framings` (lossless masters): its parameters, and
    the masters' and their quality-85 JPEG exports' measurements against it."""
    graded = [grade(c) for c in framings]
    params = testing.make_params(
        RULE, suggest(References(measured=tuple(features(g) for g in graded), count=len(graded))).params
    )
    masters = compare([features(g) for g in graded], params)
    exports = compare([features(jpeg_round_trip(g)) for g in graded], params)
    return params, masters, exports


@pytest.mark.parametrize("grade", [matte, warm])
def test_a_look_learned_from_lossless_references_passes_them_as_jpeg_exports(scenes, grade):
    # A team learns from masters and checks web exports: JPEG at quality 85 halves the chroma
    # resolution and quantises fine colour away. Every reference's export passes its spec.
    framings, _ = scenes
    params, _masters, exports = _masters_and_exports(framings, grade)
    assert [judge(m, params).passed for m in exports] == [True] * len(framings)


def test_a_warm_look_reads_its_jpeg_exports_within_0_05_of_their_masters(scenes):
    # A warm grade's features (tone percentiles, band and neutral tints, channel levels) move by
    # a fraction of a scale: the exports' distances are 0.019 from the masters' on average
    # (measured), under the 0.05 asserted. A feature that reads fine-scale colour moves by several
    # scales: look version 5's edge tints (ln of R's and B's neighbour differences over G's) made
    # it 0.12 here, and a look learned from masters then failed 12 % (design looks) and 32 %
    # (held-out looks) of its on-style exports in benchmarks/style_separation.py. (A matte grade's
    # muted chroma is near JPEG's own chroma noise: its chroma features move more, 0.12, in any
    # case, so it is not held to this.)
    framings, _ = scenes
    _params, masters, exports = _masters_and_exports(framings, warm)
    shift = np.mean([abs(e["distance"] - m["distance"]) for e, m in zip(exports, masters)])
    assert shift < 0.05
