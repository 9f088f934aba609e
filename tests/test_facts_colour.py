"""ImageFacts colour statistics: distinct-colour counts and dominant colours of known images."""

from __future__ import annotations

import pytest

from stylelint import testing
from stylelint.analysis import Analysis
from stylelint.facts import ImageFacts

SIZE = (200, 100)  # long edge = max_side: the working copy is the image itself


def _facts(tmp_path, image):
    return ImageFacts(testing.write(tmp_path / "i.png", image), Analysis(max_side=200))


def test_colour_counts_are_exact(tmp_path):
    counts = _facts(tmp_path, testing.split(SIZE, "#C8102E", "#F5F1E8", 0.3)).colour_counts
    assert sorted(counts.counts.tolist()) == [6000, 14000]  # 60 and 140 columns of 100 rows
    assert counts.shares.sum() == pytest.approx(1.0, abs=1e-12)


def test_dominant_colours_recover_a_known_palette(tmp_path):
    # Three bands with exact shares; k-means centres land on the band colours (see benchmarks/).
    image = testing.split(SIZE, "#C8102E", "#1A1A1A", 0.5)
    image[:, 140:] = testing.solid((1, 1), "#F5F1E8")[0, 0]  # 50 % red, 20 % ink, 30 % paper
    found = _facts(tmp_path, image).dominant_colours(5)
    assert [(d.hex, round(d.share, 9)) for d in found] == [("#C8102E", 0.5), ("#F5F1E8", 0.3), ("#1A1A1A", 0.2)]


def test_dominant_colours_are_cached_per_k_and_deterministic(tmp_path):
    facts = _facts(tmp_path, testing.add_noise(testing.photo("coffee")[::4, ::4], 2))
    first = facts.dominant_colours(4)
    assert facts.dominant_colours(4) is first and len(first) == 4
    again = ImageFacts(facts.path, facts.analysis).dominant_colours(4)
    assert again == first
    assert sum(d.share for d in first) == pytest.approx(1.0, abs=1e-9)


def test_binned_counts_keep_every_pixel_and_land_near_the_full_dominant_colours(tmp_path):
    import numpy as np

    from stylelint.colour import delta_e_2000
    from stylelint.colour_stats import binned, dominant_colours_of

    facts = ImageFacts(testing.write(tmp_path / "a.png", testing.photo("astronaut")[::2, ::2]), Analysis())
    counts = facts.colour_counts
    bins = binned(counts, 5)
    # Every pixel is in one bin; at most 32³ bins, and far fewer than the distinct colours.
    assert bins.counts.sum() == counts.counts.sum()
    assert len(bins.counts) < len(counts.counts) / 3
    # Weighted means: the image's mean Lab is unchanged by binning (to float rounding).
    mean = (counts.lab * counts.counts[:, None]).sum(axis=0) / counts.counts.sum()
    assert (bins.lab * bins.counts[:, None]).sum(axis=0) / bins.counts.sum() == pytest.approx(mean, abs=1e-6)
    # Each dominant colour (facts: from the binned colours) is near one from all the distinct
    # colours: within the 10 ΔE00 at which `learn` asks whether references share a colour, for
    # the top three (the small clusters may split differently: a purple or a dark red here).
    full = np.array([d.lab for d in dominant_colours_of(counts, 5, stable=True)])
    for colour in facts.dominant_colours(5)[:3]:
        assert delta_e_2000(full, np.array(colour.lab)).min() < 10


def test_distinct_colours_and_bins_from_the_packed_colours_are_those_of_their_srgb():
    # The packed 0xRRGGBB kept since counting (issue 12: no float pass to recover it) gives the
    # very arrays np.unique, the colours' sRGB and a search of the sRGB give: exact equality.
    import numpy as np

    from stylelint.colour_stats import _packed, binned, colour_counts_of, colour_index_of

    photo = testing.photo("astronaut")[::4, ::4]
    counts = colour_counts_of(photo)
    colours, seen = np.unique(_packed(photo.reshape(-1, 3)), return_counts=True)
    assert np.array_equal(counts.packed, colours) and np.array_equal(counts.counts, seen)
    without = counts._replace(packed=None)  # as pooled colours: only the sRGB is known
    assert np.array_equal(colour_index_of(counts, photo), colour_index_of(without, photo))
    for a, b in zip(binned(counts, 5), binned(without, 5)):
        assert np.array_equal(a, b)
