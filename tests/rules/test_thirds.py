"""thirds: a textured subject placed at known points on a plain background."""

from __future__ import annotations

import math

import pytest

from stylelint import testing
from stylelint.analysis import Analysis
from stylelint.rules.thirds import RULE

SIZE = (300, 200)  # long edge = max_side: the working copy is the image itself
ANALYSIS = Analysis(max_side=300)
PATCH = 30  # px, a tenth of the width
# The saliency map is 64 px on its long side, so one of its pixels is 1/64 ≈ 0.016 of the
# width; the centroid of a symmetric blob is found within that.
POSITION_TOLERANCE = 0.016


def _subject_at(x, y):
    image = testing.solid(SIZE, (120, 140, 160))
    left, top = round(x * SIZE[0]) - PATCH // 2, round(y * SIZE[1]) - PATCH // 2
    image[top : top + PATCH, left : left + PATCH] = testing.noise((PATCH, PATCH), sigma=60, seed=1)
    return image


def _run(tmp_path, image, **raw):
    return testing.run_rule(RULE, testing.write(tmp_path / "i.png", image), raw, analysis=ANALYSIS)


@pytest.mark.parametrize("x, y", [(1 / 3, 1 / 3), (2 / 3, 2 / 3), (0.5, 0.5), (0.2, 0.8), (0.85, 0.15)])
def test_subject_found_where_it_was_placed(tmp_path, x, y):
    measured, _ = _run(tmp_path, _subject_at(x, y))
    assert measured["subject"] == pytest.approx([x, y], abs=POSITION_TOLERANCE)


def test_subject_on_a_thirds_point_passes(tmp_path):
    measured, verdict = _run(tmp_path, _subject_at(2 / 3, 1 / 3))
    assert measured["nearest"] == pytest.approx([2 / 3, 1 / 3], abs=1e-4)
    assert measured["distance"] < 0.02 and verdict.passed


def test_centred_subject_fails_thirds_and_passes_center(tmp_path):
    # From the centre to a thirds point is (1/6 · 300, 1/6 · 200) px, i.e. 1/6 of the diagonal.
    measured, verdict = _run(tmp_path, _subject_at(0.5, 0.5))
    assert measured["distance"] == pytest.approx(1 / 6, abs=POSITION_TOLERANCE)
    assert not verdict.passed and verdict.expected == {"target": "thirds", "max_distance": 0.1}
    measured, verdict = _run(tmp_path, _subject_at(0.5, 0.5), target="center")
    assert measured["distance"] < 0.02 and measured["nearest"] == [0.5, 0.5] and verdict.passed


def test_distance_is_a_share_of_the_diagonal(tmp_path):
    measured, _ = _run(tmp_path, _subject_at(0.2, 0.8))
    sx, sy = measured["subject"]
    expected = math.hypot((sx - 1 / 3) * 300, (sy - 2 / 3) * 200) / math.hypot(300, 200)
    assert measured["distance"] == pytest.approx(expected, abs=1e-4)  # rounding to 4 places


def test_threshold_is_inclusive(tmp_path):
    path = testing.write(tmp_path / "i.png", _subject_at(0.2, 0.8))
    distance = testing.run_rule(RULE, path, {}, analysis=ANALYSIS)[0]["distance"]
    assert testing.run_rule(RULE, path, {"max_distance": distance}, analysis=ANALYSIS)[1].passed
    assert not testing.run_rule(RULE, path, {"max_distance": distance - 0.001}, analysis=ANALYSIS)[1].passed


def test_flat_image_has_no_subject_and_passes(tmp_path):
    measured, verdict = _run(tmp_path, testing.solid(SIZE, "#808080"))
    assert measured["subject"] is None and measured["distance"] is None and verdict.passed


@pytest.mark.parametrize("raw", [{"target": "golden"}, {"max_distance": 2}, {"max_distance": "0.1"}])
def test_parameter_errors(raw):
    with pytest.raises(ValueError):
        testing.make_params(RULE, raw)
