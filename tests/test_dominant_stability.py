"""Dominant colours: one computation for palette, inspect and the HTML report, stable under
re-encoding (issue 13)."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from stylelint import testing
from stylelint.analysis import Analysis
from stylelint.colour import delta_e_2000
from stylelint.facts import ImageFacts


def _top3(path):
    return ImageFacts(path, Analysis()).dominant_colours(5)[:3]


@pytest.mark.parametrize("name", ["astronaut", "coffee", "chelsea", "rocket"])
def test_top_three_colours_survive_jpeg_re_encoding(tmp_path, name):
    # Issue 13: near-identical copies gave #638ABF at 24 % and #6B94C8 at 39 %. The same photo
    # saved at JPEG quality 95 and 85: its top three colours, paired up, within ΔE00 3 and their
    # shares within 0.05 (the bar).
    photo = testing.photo(name)
    a = _top3(testing.write(tmp_path / "q95.jpg", photo, quality=95))
    b = _top3(testing.write(tmp_path / "q85.jpg", photo, quality=85))
    gap, pairs = min(
        (max(float(delta_e_2000(np.array(x.lab), np.array(b[j].lab))) for x, j in zip(a, order)), order)
        for order in itertools.permutations(range(len(b)))
    )
    assert gap <= 3.0
    assert max(abs(x.share - b[j].share) for x, j in zip(a, pairs)) <= 0.05


def test_the_same_colours_whatever_asks(tmp_path):
    # The palette rule (whose measured colours the HTML report draws) and inspect read one
    # computation: the same colours, in the same order.
    from stylelint.inspect import DOMINANT_COLOURS, inspect_image
    from stylelint.rules.palette import RULE

    path = testing.write(tmp_path / "a.png", testing.photo("coffee"))
    checked = testing.run_rule(RULE, path, {"colors": ["ink"]}, palette={"ink": "#000000"})[0]["dominant"]
    facts = ImageFacts(path, Analysis()).dominant_colours(DOMINANT_COLOURS)
    assert [row["hex"] for row in checked] == [d.hex for d in facts]
    shown = inspect_image(str(path), None).dominant
    assert [row["hex"] for row in shown] == [d.hex for d in facts]


def test_transparent_pixels_do_not_count(tmp_path):
    # Issue 13: transparency was flattened on white and counted as white. Only pixels at least
    # half opaque count, so a photo with 46 % of it cut away reads as the part that is left.
    photo = testing.photo("coffee")
    analysis = Analysis(max_side=600)
    cut_out = ImageFacts(testing.write(tmp_path / "t.png", testing.cut_away(photo, 0.46)), analysis)
    opaque = ImageFacts(testing.write(tmp_path / "o.png", photo[:, round(photo.shape[1] * 0.46) :]), analysis)
    assert [d.hex for d in cut_out.dominant_colours(5)] == [d.hex for d in opaque.dominant_colours(5)]
    assert "#FFFFFF" not in {d.hex for d in cut_out.dominant_colours(5)}
    assert cut_out.colour_counts.counts.sum() == opaque.colour_counts.counts.sum()
