"""stylelint.look: look features on images whose tone and tint are known by construction."""

from __future__ import annotations

import numpy as np
import pytest

from stylelint.colour import rgb8_to_lab
from stylelint.look import FEATURE_NAMES, FEATURES, HIGHLIGHT_SHARE, MIDTONE_RANKS, SHADOW_SHARE, look_features
from stylelint.testing import photo


@pytest.fixture(scope="module")
def astronaut_lab():
    return rgb8_to_lab(photo("astronaut")[::2, ::2])


def test_every_feature_is_documented_with_a_unit():
    assert len(set(FEATURE_NAMES)) == len(FEATURES)
    assert all(f.unit and f.what and f.why for f in FEATURES)


def test_a_grey_image_has_no_chroma_and_no_cast():
    lab = np.full((20, 20, 3), [50.0, 0.0, 0.0])
    features = look_features(lab)
    assert set(features) == set(FEATURE_NAMES)
    for name in ("chroma_median", "chroma_high", "shadow_chroma", "highlight_chroma", "cast_a", "cast_b", "split_b"):
        assert features[name] == 0.0
    assert features["midpoint"] == 50.0 and features["midtone_contrast"] == 0.0


def test_tone_percentiles_of_an_even_ramp():
    # L* spread evenly over 0..100: the k-th percentile is k (to within one step of 0.01 L*).
    lab = np.zeros((10001, 3))
    lab[:, 0] = np.linspace(0, 100, 10001)
    f = look_features(lab)
    assert f["black_point"] == pytest.approx(1, abs=0.01)
    assert f["shadow_level"] == pytest.approx(5, abs=0.01)
    assert f["midpoint"] == pytest.approx(50, abs=0.01)
    assert f["white_point"] == pytest.approx(99, abs=0.01)
    assert f["midtone_contrast"] == pytest.approx(50, abs=0.02)
    # L* ≤ 3 and L* ≥ 97: 3 % of the ramp each (plus the end samples).
    assert f["crushed"] == pytest.approx(0.03, abs=0.001)
    assert f["clipped"] == pytest.approx(0.03, abs=0.001)


def test_a_blue_shift_in_the_shadows_reads_as_shadow_b_with_its_size(astronaut_lab):
    before = look_features(astronaut_lab)
    lab = astronaut_lab.reshape(-1, 3).copy()
    # Shift b* by −9 in exactly the darkest SHADOW_SHARE of pixels (ranks are unchanged, so the
    # shadows are the same pixels): shadow b* moves by −9, the highlights not at all.
    darkest = np.argsort(lab[:, 0], kind="stable")[: round(len(lab) * SHADOW_SHARE)]
    lab[darkest, 2] -= 9
    after = look_features(lab)
    assert after["shadow_b"] - before["shadow_b"] == pytest.approx(-9, abs=0.01)  # rounding to 4 decimals
    assert after["highlight_b"] == before["highlight_b"]
    assert after["split_b"] - before["split_b"] == pytest.approx(9, abs=0.01)


def test_lifted_blacks_read_in_the_black_point():
    # Output levels 0 → 0.15 (sRGB): the darkest possible pixel is sRGB 0.15, L* = 15.2
    # (CIE 1976: linear 0.0194, 116 · 0.0194^(1/3) − 16); nothing can be crushed.
    rgb = photo("astronaut")[::2, ::2].astype(np.float64) / 255
    lifted = np.rint((0.15 + 0.85 * rgb) * 255).astype(np.uint8)
    f = look_features(rgb8_to_lab(lifted))
    assert f["black_point"] >= 15.0
    assert f["crushed"] == 0.0
    assert look_features(rgb8_to_lab(photo("astronaut")[::2, ::2]))["black_point"] < 5


def test_crushed_and_clipped_shares_of_a_split_image():
    lab = np.zeros((10, 10, 3))
    lab[:3, :, 0] = 100  # 30 % white, 70 % black
    f = look_features(lab)
    assert f["clipped"] == pytest.approx(0.3) and f["crushed"] == pytest.approx(0.7)


def test_one_hue_everywhere_gives_a_cast_of_length_one():
    # Every pixel at hue 90° (pure +b*, yellow): cast = (0, 1).
    lab = np.zeros((10, 10, 3))
    lab[..., 0] = np.linspace(20, 80, 100).reshape(10, 10)
    lab[..., 2] = 30
    f = look_features(lab)
    assert f["cast_a"] == pytest.approx(0, abs=1e-4) and f["cast_b"] == pytest.approx(1, abs=1e-4)
    assert f["chroma_median"] == pytest.approx(30, abs=1e-4)


def test_no_pixels_is_a_clear_error():
    with pytest.raises(ValueError, match="at least one pixel"):
        look_features(np.zeros((0, 3)))


def test_channel_end_points_of_known_codes():
    # Half pure red (255, 0, 0), half grey (128, 128, 128): the smallest channel's P1 is the
    # red's 0 and the largest channel's P99 its 255 (to within the Lab round trip, 0.01 code).
    rgb = np.zeros((10, 10, 3), dtype=np.uint8)
    rgb[:5] = (255, 0, 0)
    rgb[5:] = 128
    f = look_features(rgb8_to_lab(rgb))
    assert f["channel_black"] == pytest.approx(0, abs=0.01)
    assert f["channel_white"] == pytest.approx(255, abs=0.01)
    grey = look_features(rgb8_to_lab(rgb[5:]))
    assert grey["channel_black"] == pytest.approx(128, abs=0.01)
    assert grey["channel_white"] == pytest.approx(128, abs=0.01)


def test_saturation_drives_the_channels_to_the_gamut_edge():
    # A +60 % saturation boost around each pixel's luma (clipped to the gamut, as an editor does)
    # pushes strong colours to a channel at 0 and another at 255: channel_black falls,
    # channel_white rises (or stays at 255); a lift of the blacks to code 40 raises channel_black to ≥ 40.
    rgb = photo("astronaut")[::2, ::2].astype(np.float64)
    luma = rgb @ np.array([0.2126, 0.7152, 0.0722])
    vivid = np.clip(luma[..., None] + 1.6 * (rgb - luma[..., None]), 0, 255).round().astype(np.uint8)
    lifted = np.rint(40 + rgb * (215 / 255)).astype(np.uint8)
    base, boosted, matte = (look_features(rgb8_to_lab(x)) for x in (rgb.astype(np.uint8), vivid, lifted))
    assert boosted["channel_black"] < base["channel_black"] or base["channel_black"] == 0
    assert boosted["channel_white"] >= base["channel_white"]
    assert matte["channel_black"] >= 40 - 0.01


def test_each_channels_black_and_white_levels_of_a_ramp():
    # G and B run evenly over the codes 0..255; R is G + 20, clipped at 255. P1 of 0..255 is
    # 0.01 · 255 = 2.55 and P99 is 252.45 (linear interpolation between ranks): R's P1 is 22.55,
    # so the blacks read 20 codes redder; R's P99 is 255 (its top 21 codes are clipped), so the
    # whites spread 255 − 252.45 = 2.55; the lowest channel's P1 is G's and B's 2.55.
    ramp = np.arange(256, dtype=np.uint8)
    rgb = np.stack([np.minimum(ramp.astype(int) + 20, 255).astype(np.uint8), ramp, ramp], axis=-1)
    f = look_features(rgb8_to_lab(rgb), rgb)
    assert f["black_tint_r"] == pytest.approx(20, abs=1e-3)
    assert f["black_tint_b"] == pytest.approx(0, abs=1e-3)
    assert f["channel_floor"] == pytest.approx(2.55, abs=1e-3)
    assert f["white_spread"] == pytest.approx(2.55, abs=1e-3)
    # From the Lab pixels alone (converted back to sRGB) the same numbers, within the round trip.
    g = look_features(rgb8_to_lab(rgb))
    assert all(g[n] == pytest.approx(f[n], abs=0.01) for n in ("black_tint_r", "channel_floor", "white_spread"))


def test_a_blue_lift_of_the_blacks_reads_as_its_size_in_black_tint_b():
    # Blue output levels 0 → code 30 (B' = 30 + B · 225/255), the other channels untouched, on the
    # coffee photograph: percentiles commute with that monotone map, so B's P1 becomes
    # 30 + P1(B) · 225/255 and black_tint_b rises by 30 − P1(B) · 30/255, within one code of
    # rounding; black_tint_r and the other channels' levels do not move.
    rgb = photo("coffee")[::2, ::2]
    lifted = rgb.copy()
    lifted[..., 2] = np.rint(30 + rgb[..., 2] * (225 / 255)).astype(np.uint8)
    before, after = (look_features(rgb8_to_lab(x), x) for x in (rgb, lifted))
    p1_blue = float(np.percentile(rgb[..., 2], 1))
    assert after["black_tint_b"] - before["black_tint_b"] == pytest.approx(30 - p1_blue * 30 / 255, abs=1)
    assert after["black_tint_r"] == before["black_tint_r"]


def test_a_cool_white_balance_spreads_the_channels_whites():
    # White-balance gains R × 0.86, B × 1.15 (a cool grade) on the astronaut, whose whites (the
    # suit) have P99 R 252, G 247, B 246: a spread of 6 codes. R's P99 falls to 0.86 · 252 = 216.7
    # (the gain keeps the order of pixels) while B's clips at 255 (1.15 · 246 = 283): 38 codes,
    # to within one code of rounding.
    rgb = photo("astronaut")[::2, ::2]
    assert np.percentile(rgb.reshape(-1, 3), 99, axis=0).tolist() == [252, 247, 246]
    cool = np.clip(rgb * np.array([0.86, 1.0, 1.15]), 0, 255).round().astype(np.uint8)
    before, after = (look_features(rgb8_to_lab(x), x) for x in (rgb, cool))
    assert before["white_spread"] == pytest.approx(6, abs=0.01)
    assert after["white_spread"] == pytest.approx(255 - 0.86 * 252, abs=1)


def test_tonal_ranges_are_rank_slices_of_a_stable_sort_with_ties():
    # Few distinct L* values (each shared by many pixels) and a* that names each pixel: the
    # shadows, mid-tones and highlights are exactly the rank slices of the pixels sorted stably
    # by L* (ties in pixel order), as the definition says, although no sort is done.
    rng = np.random.default_rng(3)
    lab = np.zeros((997, 3))
    lab[:, 0] = rng.integers(0, 5, len(lab)) * 20.0
    lab[:, 1] = np.arange(len(lab), dtype=np.float64)
    ranked = lab[np.argsort(lab[:, 0], kind="stable")]
    low, high = round(997 * SHADOW_SHARE), 997 - round(997 * HIGHLIGHT_SHARE)
    mid = [round(997 * r) for r in MIDTONE_RANKS]
    f = look_features(lab)
    # Means of whole numbers, rounded to 4 decimals like the features.
    assert f["shadow_a"] == round(float(ranked[:low, 1].mean()), 4)
    assert f["midtone_a"] == round(float(ranked[mid[0] : mid[1], 1].mean()), 4)
    assert f["highlight_a"] == round(float(ranked[high:, 1].mean()), 4)
