"""`stylelint compare` on the command line: exit codes, each format, the cache shared with check,
and the HTML page in headless Chromium."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import numpy as np
import pytest
from click.testing import CliRunner
from PIL import Image

from stylelint import testing
from stylelint.cli import cli

CHROMIUM = "/usr/bin/chromium"
CONSISTENCY = ["lightness", "contrast", "colorfulness", "temperature", "mean_a", "mean_b", "highlights", "shadows"]


def _lifted(image: np.ndarray, amount: int) -> np.ndarray:
    """Every channel raised by `amount` levels (a plain brightness lift, clipped at 255)."""
    return np.clip(image.astype(np.int16) + amount, 0, 255).astype(np.uint8)


@pytest.fixture
def folders(tmp_path, monkeypatch):
    """before/ and after/ (12 framings of astronaut, after lifted by 40 levels), and half_a/,
    half_b/ (6 + 6 framings of the same scene, randomly assigned); run from tmp_path."""
    crops = testing.random_crops(testing.photo("astronaut"), 12, size=(64, 64), seed=3)
    order = np.random.default_rng(0).permutation(12)
    layout = {
        "before": crops,
        "after": [_lifted(c, 40) for c in crops],
        "half_a": [crops[i] for i in order[:6]],
        "half_b": [crops[i] for i in order[6:]],
    }
    for name, images in layout.items():
        (tmp_path / name).mkdir()
        for index, image in enumerate(images):
            Image.fromarray(image).save(tmp_path / name / f"{index:02d}.png")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str):
    return CliRunner().invoke(cli, ["compare", *args, "--jobs", "1"], catch_exceptions=False)


def test_exit_0_whatever_changed_and_1_with_fail_on_drift(folders):
    assert run("before", "after").exit_code == 0
    assert run("before", "after", "--fail-on-drift").exit_code == 1
    assert run("half_a", "half_b", "--fail-on-drift").exit_code == 0


def test_text_summary_names_the_drifted_feature(folders):
    result = run("before", "after")
    assert "brighter (median lightness" in result.output
    assert re.search(r"^lightness .* DRIFT$", result.output, re.MULTILINE)


def test_usage_errors_exit_2(folders):
    (folders / "empty").mkdir()
    (folders / "broken").mkdir()
    (folders / "broken" / "a.png").write_bytes(b"not a png")
    for args, message in (
        (("before", "missing"), "no such folder: missing"),
        (("empty", "before"), "no image found in empty"),
        (("before", "broken"), "no readable image in broken"),
    ):
        result = CliRunner().invoke(cli, ["compare", *args], catch_exceptions=False)
        assert result.exit_code == 2 and message in result.output


def test_json_has_the_contract_keys(folders):
    document = json.loads(run("before", "after", "--format", "json").output)
    assert document["before"]["path"] == "before" and document["before"]["files"] == 12
    assert document["after"]["files"] == 12
    # consistency's eight features, then the look rule's (stylelint.look)
    assert [f["feature"] for f in document["features"]][:8] == CONSISTENCY
    assert {f["feature"] for f in document["features"]} >= {"black_point", "white_point", "shadow_b", "chroma_median"}
    lightness = next(f for f in document["features"] if f["feature"] == "lightness")
    assert set(lightness) >= {"feature", "unit", "before", "after", "shift", "effect_size", "p_value", "significant"}
    assert set(lightness["before"]) == {"median", "p5", "p95"}
    assert lightness["significant"] is True and lightness["shift"] > 0
    assert lightness["shift"] == pytest.approx(lightness["after"]["median"] - lightness["before"]["median"], abs=0.02)
    assert set(document["palette"]) == {"kept", "dropped", "added"}
    assert all(set(row) >= {"hex", "share", "name"} for rows in document["palette"].values() for row in rows)
    assert isinstance(document["summary"], list) and document["summary"]


def test_markdown_and_output_file(folders):
    assert run("before", "after", "--format", "markdown", "--output", "drift.md").exit_code == 0
    text = (folders / "drift.md").read_text(encoding="utf-8")
    assert text.startswith("**stylelint compare** · ❌ drift")
    assert "| lightness | L\\* |" in text


def test_a_checked_folder_is_not_measured_again(folders, write_spec):
    look = {"severity": "info", "reference": {"black_point": {"median": 5.0, "scale": 1.0}}}
    rules = {"consistency": "info", "palette": "info", "look": look}
    write_spec({"version": 1, "palette": {"sky": "#4A6FA5"}, "rules": rules})
    CliRunner().invoke(cli, ["check", "before", "after", "--jobs", "1"], catch_exceptions=False)
    cache = folders / ".stylelint_cache"
    before = {p: p.read_bytes() for p in cache.rglob("*.json")}
    assert len(before) == 24
    assert run("before", "after").exit_code == 0
    # Nothing new measured means no cache entry rewritten: every image was a hit for the features
    # (consistency, look) and the dominant colours (the spec's palette rule).
    assert {p: p.read_bytes() for p in cache.rglob("*.json")} == before


def test_html_page_is_self_contained_with_plots_swatches_and_thumbnails(folders):
    assert run("before", "after", "--format", "html", "--output", "drift.html").exit_code == 0
    page = (folders / "drift.html").read_text(encoding="utf-8")
    assert page.count("<svg") == page.count("<tr") - 1  # one strip plot per feature row
    assert page.count('class="chip"') >= 1
    assert page.count("data:image/jpeg;base64,") == 12  # 3 typical + 3 changed per set
    assert not re.search(r"""(src|href)=["']?(https?:|//)""", page)


@pytest.mark.skipif(not shutil.which(CHROMIUM), reason=f"{CHROMIUM} not installed (CI installs Debian's chromium)")
def test_html_page_renders_in_headless_chromium(folders):
    assert run("before", "after", "--format", "html", "--output", "drift.html").exit_code == 0
    shot = folders / "shot.png"
    subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            f"--user-data-dir={folders / 'profile'}",
            "--window-size=1200,1800",
            f"--screenshot={shot}",
            (folders / "drift.html").as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=False,
    )
    pixels = np.asarray(Image.open(shot).convert("RGB"))
    # The strip plots' two colours are drawn (BEFORE #4A6FA5, AFTER #D9822B, blended by opacity).
    blue = (pixels[..., 2].astype(int) - pixels[..., 0] > 40).sum()
    orange = (pixels[..., 0].astype(int) - pixels[..., 2] > 60).sum()
    assert blue > 500 and orange > 500


def test_control_characters_in_folder_names_are_shown_as_escapes(folders):
    hostile = folders / "shoot\x1b[2J"
    shutil.copytree(folders / "before", hostile)
    result = run("before", hostile.name)
    assert result.exit_code == 0
    assert "\x1b" not in result.output and "shoot\\x1b[2J" in result.output


def test_unwritable_output_fails_before_measuring(folders):
    result = CliRunner().invoke(cli, ["compare", "before", "after", "--output", "missing/drift.txt"])
    assert result.exit_code == 2 and "cannot write missing/drift.txt" in result.output


def test_the_report_does_not_depend_on_jobs(folders):
    one = run("half_a", "half_b", "--format", "json").output
    two = CliRunner().invoke(cli, ["compare", "half_a", "half_b", "--format", "json", "--jobs", "2"]).output
    assert json.loads(one) == json.loads(two) and one == two


def test_a_cache_that_cannot_be_written_is_warned_about_once_as_check_does(folders, write_spec):
    write_spec("version: 1\nrules: {}\n")
    (folders / ".stylelint_cache").mkdir()
    (folders / ".stylelint_cache" / "v1").write_text("not a folder")  # every write fails: ENOTDIR
    result = run("before", "after")
    assert result.exit_code == 0
    warnings = [line for line in result.stderr.splitlines() if "cache could not be written" in line]
    assert len(warnings) == 1, result.stderr
