"""The hot path's shortcuts (issue 14) compute the same numbers as the plain formulas."""

from __future__ import annotations

import math

import numpy as np

from stylelint import testing
from stylelint.colour import rgb8_to_lab, rgb8_to_lightness
from stylelint.facts import ImageFacts
from stylelint.rules import horizon


def test_lightness_tables_give_the_l_of_lab():
    # Same float32 arithmetic in another order: within one float32 step at L* = 100 (1.5e-5).
    codes = np.arange(0, 256, 3, dtype=np.uint8)
    grid = np.stack(np.meshgrid(codes, codes, codes, indexing="ij"), axis=-1)
    assert np.abs(rgb8_to_lightness(grid) - rgb8_to_lab(grid)[..., 0]).max() <= 2e-5


def test_rgb_channel_max_and_lightness_facts(write_image):
    pixels = testing.photo("coffee")
    facts = ImageFacts(write_image("c.png", pixels))
    assert np.array_equal(facts.rgb, np.asarray(facts.working_image, dtype=np.float64) / 255.0)  # exactly
    assert np.array_equal(facts.channel_max, np.asarray(facts.working_image).max(axis=-1))
    # Mean L* is reported to 4 decimals; the tables change it by far less (float32 steps).
    assert facts.mean_lightness == round(float(np.mean(facts.lab[..., 0])), 4)


def test_gradient_slopes_classify_as_the_angle_does():
    # |gx| ≤ tan 20° · |gy| ⇔ atan2(|gx|, |gy|) ≤ 20°, and the mirror test for horizontal; the
    # zero gradient counts as vertical (atan2(0, 0) = 0). Angles away from 20° and 70° by 1e-4°.
    angles = np.radians(np.concatenate([np.linspace(0, 90, 9001), [19.9999, 20.0001, 69.9999, 70.0001]]))
    gx, gy = np.float32(np.sin(angles)), np.float32(np.cos(angles))
    smooth = np.zeros((3, len(angles) * 3), np.float32)
    off_vertical = np.degrees(np.arctan2(np.abs(gx), np.abs(gy)))
    limit = horizon.SEARCH_DEG + horizon.ORIENTATION_MARGIN_DEG
    tan = np.float32(math.tan(math.radians(limit)))
    near = np.abs(off_vertical - limit) > 1e-5
    assert np.array_equal((np.abs(gx) <= tan * np.abs(gy))[near], (off_vertical <= limit)[near])
    near_h = np.abs(90 - off_vertical - limit) > 1e-5
    assert np.array_equal(((np.abs(gy) <= tan * np.abs(gx)) & (gx > 0))[near_h], (90 - off_vertical <= limit)[near_h])
    slopes = horizon._gradient_slopes(smooth)
    assert slopes.near_vertical.all() and not slopes.near_horizontal.any()  # a flat image: zero gradients
