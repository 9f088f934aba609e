"""Runs that must stop: the per-image time limit, and Ctrl-C leaving no half-written files."""

from __future__ import annotations

import signal
import subprocess
import sys
import time

import pytest

from stylelint import testing
from stylelint.api import check
from stylelint.registry import available_rules
from stylelint.rule import Category, Rule, Verdict, params
from stylelint.spec import load_spec


@params
class _NoParams:
    pass


def _spin(facts, p):
    # Busy for ever: stands for a pathological image that never finishes decoding.
    while True:
        pass


def _never(measured, p):  # pragma: no cover - measure never returns
    return Verdict(True, {}, "")


SPIN = Rule(
    id="spin",
    category=Category.TECHNICAL,
    version=1,
    doc="Never ends.",
    params=_NoParams,
    measure=_spin,
    judge=_never,
)


def test_an_image_over_the_time_limit_is_a_per_file_error_and_the_run_goes_on(tmp_path, write_image, write_spec):
    write_spec("version: 1\nanalysis: {max_seconds: 1}\nrules:\n  spin: error\n")
    for name in ("a.png", "b.png"):
        write_image(f"set/{name}", testing.solid((8, 8), "#445566"))
    spec = load_spec(tmp_path / "stylelint.yaml", {**available_rules(), "spin": SPIN})
    started = time.monotonic()
    report = check([tmp_path / "set"], spec)
    assert time.monotonic() - started < 10  # two images, one second each, plus overhead
    assert [f.error for f in report.files] == ["analysis took longer than 1 s (analysis.max_seconds)"] * 2


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_ctrl_c_stops_the_workers_and_leaves_no_report_or_partial_cache(tmp_path, write_image, write_spec):
    # Enough work for several seconds on two workers (noisy 768-px images, the recommended
    # preset), interrupted after the first results: exit 130 promptly, no report file, and no
    # temporary file left in the cache or beside the report.
    write_spec("version: 1\nextends: [recommended]\n")
    for index in range(40):
        write_image(f"set/{index:02d}.png", testing.noise((768, 512), sigma=30, seed=index))
    report = tmp_path / "report.json"
    process = subprocess.Popen(
        [sys.executable, "-m", "stylelint", "check", "set", "--jobs", "2", "--format", "json", "--output", str(report)],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    cache = tmp_path / ".stylelint_cache"
    deadline = time.monotonic() + 60
    while not list(cache.rglob("*.json")) and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)  # wait for the first finished image, not a fixed delay
    process.send_signal(signal.SIGINT)
    interrupted = time.monotonic()
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 130, stderr
    assert time.monotonic() - interrupted < 10
    assert b"interrupted" in stderr and b"Traceback" not in stderr
    assert not report.exists()
    assert not [p for p in tmp_path.rglob("*.tmp")]
