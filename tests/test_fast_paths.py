"""The hot path's shortcuts (issue 14) compute the same numbers as the plain formulas."""

from __future__ import annotations

import numpy as np
import pytest

from stylelint import testing
from stylelint.colour import (
    _Y_TABLES,
    LUMA_WEIGHTS,
    red_green_pairs,
    rgb8_to_lab,
    rgb8_to_lightness,
    rgb8_to_luma,
)
from stylelint.facts import ImageFacts
from stylelint.tone import tone_of


def test_lightness_tables_give_the_l_of_lab():
    # Same float32 arithmetic in another order: within one float32 step at L* = 100 (1.5e-5).
    codes = np.arange(0, 256, 3, dtype=np.uint8)
    grid = np.stack(np.meshgrid(codes, codes, codes, indexing="ij"), axis=-1)
    assert np.abs(rgb8_to_lightness(grid) - rgb8_to_lab(grid)[..., 0]).max() <= 2e-5


def test_lightness_from_red_green_pairs_is_the_three_table_sum_exactly():
    # The (red, green) table holds the float32 sums `y += table[g]` rounds to: every colour of a
    # 52-level grid (and a strided, non-contiguous view of it) gives the very same L*.
    codes = np.arange(0, 256, 5, dtype=np.uint8)
    grid = np.stack(np.meshgrid(codes, codes, codes, indexing="ij"), axis=-1)
    pairs = red_green_pairs(grid)
    assert np.array_equal(pairs, grid[..., 0].astype(np.uint16) + 256 * grid[..., 1].astype(np.uint16))
    y = np.take(_Y_TABLES[0], grid[..., 0])
    y += np.take(_Y_TABLES[1], grid[..., 1])
    y += np.take(_Y_TABLES[2], grid[..., 2])
    small = y <= np.float32(0.008856)
    plain = np.where(small, np.float32(7.787) * y + np.float32(16.0 / 116.0), np.cbrt(y))
    assert np.array_equal(rgb8_to_lightness(grid), np.float32(116.0) * plain - np.float32(16.0))
    assert np.array_equal(rgb8_to_lightness(grid[::2, :, 1::3]), rgb8_to_lightness(grid)[::2, :, 1::3])


def test_the_one_luma_is_the_three_table_sum_in_either_precision():
    # gray (float64), the 400-px copy's luma and horizon's reduced luma (float32) all come from
    # rgb8_to_luma: each channel's share from a table, summed in that precision, exactly.
    codes = np.arange(0, 256, 5, dtype=np.uint8)
    grid = np.stack(np.meshgrid(codes, codes, codes, indexing="ij"), axis=-1)
    for dtype, top in ((np.float64, 1.0), (np.float32, 1.0), (np.float32, 255.0)):
        tables = (LUMA_WEIGHTS[:, None] * (np.arange(256) * top / 255.0)[None, :]).astype(dtype)
        plain = tables[0][grid[..., 0]] + tables[1][grid[..., 1]] + tables[2][grid[..., 2]]
        luma = rgb8_to_luma(grid, dtype, top=top)
        assert luma.dtype == dtype and np.array_equal(luma, plain)
    # The float32 luma is the float64 one within float32 rounding (scikit-image's rgb2gray).
    assert np.abs(rgb8_to_luma(grid) - grid / 255.0 @ LUMA_WEIGHTS).max() <= 2e-7


def test_tone_by_blocks_is_the_mean_and_the_counts_of_the_per_pixel_arrays():
    # Made a block of rows at a time: the same L* values, summed in float64 in another order, and
    # the very counts of the channel minima and maxima over the whole image.
    codes = testing.photo("coffee")  # 400 × 600: blocks of 109 rows, the last one partial
    codes = np.concatenate([codes, np.full((7, 600, 3), 255, np.uint8), np.zeros((3, 600, 3), np.uint8)])
    codes[:40, :50] = (255, 251, 20)  # saturated: two channels ≥ 250, not the third
    codes[40:45, :50] = (5, 4, 5)  # crushed, at the shadow code itself
    tone = tone_of(codes, highlight=250, shadow=5)
    whole = float(np.mean(rgb8_to_lightness(codes), dtype=np.float64))
    assert abs(tone.lightness - whole) <= 1e-12 * whole
    low, high = codes.min(axis=-1), codes.max(axis=-1)
    assert tone.highlights == np.count_nonzero(low >= 250) >= 7 * 600
    assert tone.bright == np.count_nonzero(high >= 250) >= tone.highlights + 40 * 50
    assert tone.shadows == np.count_nonzero(high <= 5) >= 3 * 600 + 5 * 50
    assert tone.pixels == codes.shape[0] * codes.shape[1] and tone.share(tone.pixels) == 1.0
    one = np.full((1, 1, 3), 255, np.uint8)
    one.flags.writeable = False  # as the working copy's codes: its planes are copies, never views
    assert tone_of(one, highlight=250, shadow=5)[1:] == (1, 1, 0, 1)
    empty = tone_of(codes[:0], highlight=250, shadow=5)
    assert np.isnan(empty.lightness) and np.isnan(empty.share(0))
    # Anything but 8-bit RGB is refused, not wrapped (300 as uint8 would read 44).
    for wrong in (np.full((2, 2, 3), 300, np.uint16), np.zeros((2, 2, 4), np.uint8), np.zeros((2, 3), np.uint8)):
        with pytest.raises(ValueError, match="8-bit RGB"):
            tone_of(wrong, highlight=250, shadow=5)


def test_rgb_channel_max_and_lightness_facts(write_image):
    pixels = testing.photo("coffee")
    facts = ImageFacts(write_image("c.png", pixels))
    assert np.array_equal(facts.rgb, np.asarray(facts.working_image, dtype=np.float64) / 255.0)  # exactly
    assert np.array_equal(facts.channel_max, np.asarray(facts.working_image).max(axis=-1))
    # Mean L* is reported to 4 decimals; the tables change it by far less (float32 steps).
    assert facts.mean_lightness == round(float(np.mean(facts.lab[..., 0])), 4)


def test_mean_lab_from_the_distinct_colours_is_the_mean_over_the_pixels(write_image):
    # Each distinct colour's float64 Lab times its count against the mean of the float32-computed
    # Lab copy: the copy's rounding (rgb8_to_lab agrees with scikit-image within 0.001) bounds it.
    facts = ImageFacts(write_image("c.png", testing.photo("coffee")))
    assert np.allclose(facts.mean_lab, facts.lab.reshape(-1, 3).mean(axis=0), rtol=0, atol=1e-3)


def test_colourfulness_and_white_point_from_the_distinct_colours_are_the_pixels_exactly(write_image):
    # The facts read both from the distinct colours and their counts (issue 12: one sort of the
    # pixels shared with the colour counts); whole-number sums make them bit-identical to the
    # per-pixel formulas, not merely close.
    from stylelint.colour import colourfulness, colourfulness_of_colours, linear_rgb_to_xy, mean_linear_rgb
    from stylelint.colour_stats import distinct_colours_of

    for name in ("coffee", "astronaut", "chelsea"):
        pixels = testing.photo(name)
        facts = ImageFacts(write_image(f"{name}.png", pixels))
        assert facts.colourfulness == round(colourfulness(facts.codes), 4)
        distinct = distinct_colours_of(facts.codes)
        assert colourfulness_of_colours(distinct.codes, distinct.counts) == colourfulness(facts.codes)
        assert np.array_equal(mean_linear_rgb(distinct.codes, distinct.counts), mean_linear_rgb(facts.codes))
        xy = linear_rgb_to_xy(mean_linear_rgb(facts.codes))
        assert facts.white_point.xy == (round(xy[0], 6), round(xy[1], 6))
