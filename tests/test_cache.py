"""The measurement cache: warm runs equal cold ones, thresholds re-judge without re-measuring."""

from __future__ import annotations

import json

from stylelint import check, testing
from stylelint.cache import CACHE_FOLDER, DIGEST_KEY, MeasurementCache, _digest
from stylelint.engine import Options

SPEC = "version: 1\nrules:\n  resolution: {min_width: %d}\n"


def _entries(tmp_path):
    return sorted((tmp_path / CACHE_FOLDER).glob("v1/*/*.json"))


def _plant(entry, change):
    """Change a cache entry and sign it again, as the cache itself would have written it (an
    edit without the checksum is measured again: tests/test_cache_faults.py)."""
    data = json.loads(entry.read_text())
    data.pop(DIGEST_KEY)
    change(data)
    data[DIGEST_KEY] = _digest(data)
    entry.write_text(json.dumps(data))


def test_warm_run_equals_cold_run_and_reads_the_cache(tmp_path, write_image, write_spec):
    spec = write_spec(SPEC % 50)
    image = write_image("a.png", testing.solid((80, 40), "#336699"))
    cold = check([image], spec, options=Options(cache=True)).to_dict()
    (entry,) = _entries(tmp_path)
    assert check([image], spec, options=Options(cache=True)).to_dict() == cold
    # Plant a different width in the cache: a warm run must report it (it did not re-measure).
    (key,) = [k for k in json.loads(entry.read_text()) if k.startswith("resolution@")]
    _plant(entry, lambda data: data[key].update(width=30))
    warm = check([image], spec, options=Options(cache=True)).to_dict()
    assert warm["files"][0]["results"][0]["measured"]["width"] == 30
    assert check([image], spec, options=Options(cache=False)).to_dict() == cold


def test_threshold_change_rejudges_from_the_cache(tmp_path, write_image, write_spec):
    image = write_image("a.png", testing.solid((80, 40), "#336699"))
    assert check([image], write_spec(SPEC % 50), options=Options(cache=True)).summary()["failed"] == 0
    # resolution's measure reads no parameter, so a new threshold reuses the same entry.
    assert check([image], write_spec(SPEC % 100), options=Options(cache=True)).summary()["failed"] == 1
    assert len(_entries(tmp_path)) == 1
    assert sorted(json.loads(_entries(tmp_path)[0].read_text())) == [
        "_notes",
        DIGEST_KEY,
        *[k for k in json.loads(_entries(tmp_path)[0].read_text()) if k.startswith("resolution@")],
    ]
    assert len(json.loads(_entries(tmp_path)[0].read_text())) == 3  # the notes, one rule, the checksum


def test_changed_content_is_measured_afresh(tmp_path, write_image, write_spec):
    spec = write_spec(SPEC % 50)
    image = write_image("a.png", testing.solid((80, 40), "#336699"))
    check([image], spec, options=Options(cache=True))
    write_image("a.png", testing.solid((40, 40), "#336699"))  # same name, new content
    report = check([image], spec, options=Options(cache=True)).to_dict()
    assert report["files"][0]["results"][0]["measured"]["width"] == 40
    assert len(_entries(tmp_path)) == 2


def test_prune_keeps_the_cache_within_its_byte_budget(tmp_path):
    cache = MeasurementCache(tmp_path / CACHE_FOLDER, max_bytes=1000)
    from stylelint.analysis import Analysis

    for index in range(30):
        cache.store(f"{index:064x}", Analysis(), {"rule@1:x": {"value": "v" * 100}})
    cache.prune()
    total = sum(p.stat().st_size for p in (tmp_path / CACHE_FOLDER).rglob("*.json"))
    assert 0 < total <= 1000


def test_a_warm_run_reports_the_notes_without_opening_the_file(tmp_path, write_image, write_spec):
    from PIL import Image

    spec = write_spec(SPEC % 5)
    frames = [Image.new("RGB", (16, 16), colour) for colour in ("red", "blue")]
    image = write_image("anim.gif", frames[0], save_all=True, append_images=frames[1:])
    cold = check([image], spec, options=Options(cache=True))
    assert cold.files[0].notes == ("2 frames (animated or multi-page): only the first is checked",)
    (entry,) = _entries(tmp_path)
    _plant(entry, lambda data: data.update(_notes=["planted"]))  # proves the warm run read the notes
    assert check([image], spec, options=Options(cache=True)).files[0].notes == ("planted",)


# Every parameter of these rules is a threshold (measured_with empty by default): moving any of
# them must be judged from the cached measurements, never by decoding the image again.
_RANGES = (
    "version: 1\nrules:\n  contrast: {min: %s}\n  colorfulness: {max: %s}\n"
    "  exposure: {min_lightness: %s, max_highlights: 0.5}\n  color-temperature: {min_kelvin: %s}\n"
)


def test_no_threshold_change_re_measures(tmp_path, write_image, write_spec, monkeypatch):
    image = write_image("a.png", testing.photo("coffee")[::4, ::4])
    cold = check([image], write_spec(_RANGES % (0.01, 200, 1, 1000)), options=Options(cache=True))
    assert cold.summary()["failed"] == 0

    def no_decoding(*args, **kwargs):
        raise AssertionError("re-measured: the image was decoded again")

    monkeypatch.setattr("stylelint.facts.decode_working", no_decoding)
    warm = check([image], write_spec(_RANGES % (0.45, 1, 99, 20000)), options=Options(cache=True))
    results = warm.files[0].results
    assert [r.rule for r in results if not r.passed] == ["color-temperature", "colorfulness", "contrast", "exposure"]
    assert not any(r.crashed for r in results)
    assert [r.measured for r in results] == [r.measured for r in cold.files[0].results]


def test_a_header_rule_measured_again_does_not_decode_known_bytes(tmp_path, write_image, write_spec, monkeypatch):
    # aspect-ratio's measure reads `allowed`, so new ratios re-measure it; the cache entry shows
    # these bytes decoded whole, so the header is read without decoding the pixels again.
    image = write_image("a.png", testing.solid((80, 40), "#336699"))
    check([image], write_spec('version: 1\nrules:\n  aspect-ratio: {allowed: ["2:1"]}\n'), options=Options(cache=True))

    def no_decoding(*args, **kwargs):
        raise AssertionError("decoded again")

    monkeypatch.setattr("stylelint.facts.decode_working", no_decoding)
    spec = write_spec('version: 1\nrules:\n  aspect-ratio: {allowed: ["1:1"]}\n')
    (result,) = check([image], spec, options=Options(cache=True)).files[0].results
    assert not result.passed and not result.crashed and result.measured["nearest"] == "1:1"
