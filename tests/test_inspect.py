"""`stylelint inspect`: every rule's measurement, dominant colours, no verdicts."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from stylelint import testing
from stylelint.cli import cli


def test_inspect_json_reports_measurements_and_dominant_colours(tmp_path, write_image, write_spec, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_spec('version: 1\npalette: {red: "#FF0000", blue: "#0000FF"}\n')
    # 30 % red, 70 % blue (exact column split), so the dominant colours are known.
    image = write_image("split.png", testing.split((100, 50), "#FF0000", "#0000FF", 0.3))
    result = CliRunner().invoke(cli, ["inspect", str(image), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    (item,) = json.loads(result.stdout)["images"]
    assert item["error"] is None
    assert item["measurements"]["resolution"]["width"] == 100
    assert item["measurements"]["aspect-ratio"]["ratio"] == 2.0
    assert "passed" not in json.dumps(item)  # measurements only, no verdicts
    shares = {row["hex"]: row["share"] for row in item["dominant"]}
    # Resampling to the working copy blends the one boundary column: allow 1 %.
    assert shares["#0000FF"] == pytest.approx(0.7, abs=0.01)
    assert {row["nearest"] for row in item["dominant"]} == {"red", "blue"}


def test_inspect_text_shows_swatches_and_exits_1_for_an_unreadable_file(tmp_path, write_image, monkeypatch):
    monkeypatch.chdir(tmp_path)
    image = write_image("grey.png", testing.solid((40, 40), "#808080"))
    (tmp_path / "bad.jpg").write_bytes(b"")
    result = CliRunner().invoke(cli, ["inspect", str(image), "bad.jpg"])
    assert result.exit_code == 1
    assert "#808080" in result.stdout and "empty file (0 bytes)" in result.stdout


def test_inspect_reports_the_notes_of_how_a_file_was_read(tmp_path, monkeypatch):
    from PIL import Image

    monkeypatch.chdir(tmp_path)
    frames = [Image.new("RGB", (16, 16), colour) for colour in ("red", "blue", "green")]
    frames[0].save(tmp_path / "anim.gif", save_all=True, append_images=frames[1:])
    result = CliRunner().invoke(cli, ["inspect", "anim.gif", "--format", "json"])
    (item,) = json.loads(result.stdout)["images"]
    assert item["notes"] == ["3 frames (animated or multi-page): only the first is checked"]


def test_inspect_a_photo_without_a_palette_shows_no_crash(tmp_path, write_image, monkeypatch):
    # Issue 13: "palette: rule crashed: ValueError: attempt to get argmin of an empty sequence".
    # Without a spec the palette rule shows the dominant colours alone, and a rule that cannot
    # measure without parameters says why in its place.
    monkeypatch.chdir(tmp_path)
    image = write_image("photo.png", testing.photo("coffee"))
    result = CliRunner().invoke(cli, ["inspect", str(image), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    (item,) = json.loads(result.stdout)["images"]
    assert "crash" not in result.stdout
    assert item["measurements"]["palette"]["coverage"] is None and item["measurements"]["palette"]["dominant"]
    assert item["measurements"]["forbidden-colors"] == "not measured: missing required parameter 'colors'"
