"""HTML: golden file, escaping of every user string, self-containment, evidence overlays, and
the page run in headless Chromium without console errors."""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser

import numpy as np
import pytest
from reporter_samples import DASH_NAME, SCRIPT_NAME, UNICODE_NAME, sample_report

from stylelint import testing
from stylelint.reporters.html_reporter import REPORTER, HtmlReporter, render_html
from stylelint.reporters.thumbnails import Thumbnail, make_thumbnail

CHROMIUM = "/usr/bin/chromium"
# 1×1 white JPEG: a fixed thumbnail so that the golden file needs no image file.
_PIXEL = (
    "data:image/jpeg;base64,/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBk"
    "SEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/wAALCAABAAEBAREA/8QAFAABAAAAAA"
    "AAAAAAAAAAAAAACf/EABQQAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAD8AKp//2Q=="
)


def _fixed_thumbnail(path: str) -> Thumbnail | None:
    """A 3:2 thumbnail for every image except the unicode one (shows the placeholder)."""
    return None if path == UNICODE_NAME else Thumbnail(_PIXEL, 300, 200)


def _page() -> str:
    return render_html(sample_report(), _fixed_thumbnail)


class _Collector(HTMLParser):
    """Every text node and attribute value, as the browser would decode them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self.attrs: list[tuple[str, str, str | None]] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += [(tag, name, value) for name, value in attrs]

    def handle_data(self, data):
        self.texts.append(data)


def _parsed(page: str) -> _Collector:
    collector = _Collector()
    collector.feed(page)
    return collector


def test_golden(golden):
    golden("report.html", _page())


def test_user_strings_are_escaped_and_come_back_intact():
    page = _page()
    assert page.count("<script>") == 1  # only the report's own script
    assert "<script>alert" not in page and 'alert("x")' not in page
    parsed = _parsed(page)
    text = "".join(parsed.texts)
    for name in (SCRIPT_NAME, DASH_NAME):
        assert name in text
    assert UNICODE_NAME in text  # unicode kept as is, not mangled
    alts = [value for tag, name, value in parsed.attrs if tag == "img" and name == "alt"]
    assert SCRIPT_NAME in alts and DASH_NAME not in alts  # an unreadable file has no image
    assert parsed.tags.count("script") == 1


def test_self_contained_and_deterministic():
    page = _page()
    assert not re.search(r"""(src|href)=["']?(https?:|//)""", page)
    assert "@import" not in page and "url(" not in page
    assert page == _page()
    assert not re.search(r"20\d\d-\d\d-\d\d", page)


def test_overlays_from_measured_values():
    page = _page()
    # horizon: the measured line, in a 1000-wide viewBox over a 3:2 thumbnail (height 666.7)
    assert '<svg class="overlay" data-rule="horizon" viewBox="0 0 1000 666.7"' in page
    assert 'x1="50.0" y1="346.7" x2="950.0" y2="313.3"' in page
    # text-contrast: the region box from `expected`
    assert '<rect x="50.0" y="500.0" width="900.0" height="133.3"' in page
    # palette measured no mask: nothing is drawn for it
    assert 'data-rule="palette"' in page and '<svg class="overlay" data-rule="palette"' not in page
    # thirds on the unicode file: no thumbnail, so no overlay; its card still lists it
    assert "subject sits 0.21" in page


def test_swatches_only_for_valid_colours():
    page = _page()
    assert "background:#3A5F8C" in page and "background:#C8102E" in page
    assert "not-a-colour" not in page and "red;x:y" not in page
    assert 'class="swatch off"' in page  # 21.4 ΔE00 > max_delta_e 10


def test_off_palette_mask_is_drawn_when_measured():
    from stylelint.report import FileResult, Report, RuleResult, Severity

    result = RuleResult(
        "palette",
        Severity.ERROR,
        False,
        "off",
        {"coverage": 0.2, "dominant": [], "off_palette_mask": [[0, 1], [0.5, 0]]},
        {"min_coverage": 0.5},
    )
    page = render_html(Report("s.yaml", (FileResult("a.jpg", (result,)),)), _fixed_thumbnail)
    # Issue 13: the two cells at least a quarter off palette are hatched (the photo shows through
    # the pattern) and outlined; nothing tints the whole thumbnail, and a toggle hides it all.
    hatch = page.split('<g class="hatch"', 1)[1].split("</g>", 1)[0]
    assert hatch.count("<rect") == 2 and 'fill="url(#stylelint-hatch)"' in page
    assert page.count('<pattern id="stylelint-hatch"') == 1
    assert 'id="evidence-toggle"' in page and "body.no-evidence svg.overlay" in page


def test_real_thumbnails_are_small_jpeg_data_uris(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    testing.write(tmp_path / "wide.png", np.full((300, 1200, 3), 200, dtype=np.uint8))
    thumb = make_thumbnail("wide.png")
    assert thumb is not None and thumb.data_uri.startswith("data:image/jpeg;base64,")
    assert (thumb.width, thumb.height) == (400, 100)
    assert make_thumbnail("missing.png") is None
    assert REPORTER.thumbnails is make_thumbnail and isinstance(REPORTER, HtmlReporter)


@pytest.mark.skipif(
    not shutil.which(CHROMIUM),
    reason=f"{CHROMIUM} not installed (CI installs Debian's chromium); the page's script is checked in a real browser",
)
def test_script_runs_in_headless_chromium_without_console_errors(tmp_path):
    page = tmp_path / "report.html"
    page.write_text(_page(), encoding="utf-8")
    done = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--enable-logging=stderr",
            "--v=0",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert 'data-ready="1"' in done.stdout, done.stderr[-2000:]
    assert 'data-shown="6"' in done.stdout
    console = [line for line in done.stderr.splitlines() if "CONSOLE" in line]
    assert console == [], console
