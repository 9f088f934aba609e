"""duplicates: resized, recompressed and cropped copies are found; distinct photos are not."""

from __future__ import annotations

import random

import numpy as np
import pytest
from PIL import Image

from stylelint import check, testing
from stylelint.engine import Options
from stylelint.rule import RECORD_PATH
from stylelint.rules import duplicates
from stylelint.rules.duplicates import compare, judge, nearest_earlier

# Distinct photographs of skimage.data ("cat" is "chelsea", "horse" is a 0/1 mask: left out).
PHOTOS = (
    "astronaut",
    "brick",
    "camera",
    "cell",
    "chelsea",
    "clock",
    "coffee",
    "coins",
    "colorwheel",
    "grass",
    "gravel",
    "hubble_deep_field",
    "immunohistochemistry",
    "logo",
    "microaneurysms",
    "moon",
    "page",
    "retina",
    "rocket",
    "text",
)
SIDE = 256


def _copies(image: Image.Image) -> dict[str, Image.Image]:
    width, height = image.size

    def trim(share: float) -> Image.Image:
        left, top = round(width * share / 2), round(height * share / 2)
        return image.crop((left, top, width - left, height - top))

    return {
        "half": image.resize((width // 2, height // 2)),
        "big": image.resize((width * 2, height * 2)),
        "crop4": trim(0.04),
        "crop8": trim(0.08),
    }


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    """a_<photo>.jpg originals; b_<photo>_<copy>.jpg copies, all recompressed at JPEG quality 40."""
    root = tmp_path_factory.mktemp("library")
    for name in PHOTOS:
        photo = testing.photo(name)
        image = Image.fromarray(photo).resize((SIDE, round(SIDE * photo.shape[0] / photo.shape[1])))
        image.save(root / f"a_{name}.jpg", quality=90)
        for label, copy in _copies(image).items():
            copy.save(root / f"b_{name}_{label}.jpg", quality=40)
    return root


@pytest.fixture(scope="module")
def results(library, tmp_path_factory):
    spec = tmp_path_factory.mktemp("spec") / "stylelint.yaml"
    spec.write_text("version: 1\nrules:\n  duplicates: {}\n", encoding="utf-8")
    report = check([str(library)], spec, options=Options(jobs=1))
    return {f.path.split("/")[-1]: f.results[0] for f in report.files}


def test_distinct_photos_are_not_flagged(results):
    originals = {name: r for name, r in results.items() if name.startswith("a_")}
    assert len(originals) == len(PHOTOS)
    assert all(r.passed and r.measured["duplicate_of"] is None for r in originals.values())


@pytest.mark.parametrize("label", ["half", "big", "crop4", "crop8"])
def test_every_copy_points_at_its_original(results, label):
    copies = {name: r for name, r in results.items() if name.endswith(f"_{label}.jpg")}
    # The nearest earlier file of the same photo: its original or another copy (path order).
    found = [
        name
        for name, r in copies.items()
        if not r.passed and r.measured["duplicate_of"].split("/")[-1][2:].startswith(name[2 : -len(label) - 5])
    ]
    assert sorted(found) == sorted(copies)  # 20 of 20 for every kind of copy
    assert all(0 <= r.measured["distance"] <= 6 for r in copies.values())


@pytest.mark.parametrize("unrelated, copies", [(300, 100), (150, 50)])
def test_the_index_agrees_with_brute_force(unrelated, copies):
    # 400 hashes take the multi-index search, 200 (at most 2^16 pairs) the all-pairs one.
    rng = random.Random(0)
    hashes = [rng.getrandbits(64) for _ in range(unrelated)]
    # plant near copies: flip 1–8 random bits of earlier hashes
    for _ in range(copies):
        source = rng.choice(hashes)
        hashes.append(source ^ sum(1 << b for b in rng.sample(range(64), rng.randint(1, 8))))
    array = np.array(hashes, dtype=np.uint64)
    owners = np.arange(len(hashes), dtype=np.int64)
    for radius in (0, 3, 6, 9):
        found = nearest_earlier(array, owners, radius)
        for position, value in enumerate(hashes):
            brute = [((value ^ other).bit_count(), j) for j, other in enumerate(hashes[:position])]
            assert found[position] == min([pair for pair in brute if pair[0] <= radius], default=None)


def test_several_hashes_per_image_match_on_any_pair():
    # Image 2's second hash is 2 bits from image 0's third: image 2 is a duplicate of image 0.
    hashes = np.array([0x0, 0xFFFF, 0xF0F0F0F0, 0x1234, 0x5678, 0xAAAA0000AAAA, 0xF0F0F0F3], dtype=np.uint64)
    owners = np.array([0, 0, 0, 1, 1, 2, 2], dtype=np.int64)
    assert nearest_earlier(hashes, owners, 2) == [None, None, (2, 0)]


def test_compare_names_the_earlier_file_and_judge_reports_it():
    p = testing.make_params(duplicates.RULE)
    records = [
        {"hash": "ffff0000ffff0000", "crops": [], RECORD_PATH: "a.jpg"},
        {"hash": "0123456789abcdef", "crops": [], RECORD_PATH: "b.jpg"},
        {"hash": "ffff0000ffff0007", "crops": [], RECORD_PATH: "c.jpg"},
    ]
    out = compare(records, p)
    assert [m["duplicate_of"] for m in out] == [None, None, "a.jpg"]
    assert out[2]["distance"] == 3  # 0x7 differs in three bits
    assert judge(out[0], p).passed and not judge(out[2], p).passed
    assert compare([{k: v for k, v in r.items() if k != RECORD_PATH} for r in records], p)[2]["duplicate_of"] == 0


def test_max_distance_bounds():
    with pytest.raises(ValueError, match="whole number"):
        testing.make_params(duplicates.RULE, {"max_distance": 17})


def test_the_hash_transform_is_scipys_orthonormal_dct():
    from scipy.fft import dctn

    from stylelint.rules.duplicates import _DCT_ROWS

    # The hash's DCT as a matrix product: the same coefficients as SciPy's DCT-II (norm "ortho"),
    # to float rounding, so the hash bits (signs against the median) are SciPy's.
    block = np.random.default_rng(2).uniform(0, 1, size=(32, 32))
    assert _DCT_ROWS @ block @ _DCT_ROWS.T == pytest.approx(dctn(block, type=2, norm="ortho"), abs=1e-12)
