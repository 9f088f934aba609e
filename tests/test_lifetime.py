"""Worker processes live no longer than the run (issue 15 item 2): they die with a parent killed
by SIGKILL, and SIGTERM stops a run like Ctrl-C (exit 143, one line, no report, no worker)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from stylelint import testing

SPEC = "version: 1\nrules:\n  noise: {max: 50}\n  sharpness: {min: 0}\n"
BOUND_S = 15  # a generous bound on a loaded 2-core CI machine; the loops below poll, not sleep


def _children(pid: int) -> set[int]:
    """Every process whose parent is `pid` (from /proc; Linux only)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _wait_for(condition, what: str) -> None:
    deadline = time.monotonic() + BOUND_S
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"not within {BOUND_S} s: {what}")
        time.sleep(0.05)


@pytest.fixture
def running(tmp_path):
    """`stylelint check` started on 200 photos with two workers, once its workers are up: several
    seconds of work even on a fast machine, so the run is still going when the test acts on it."""
    if not Path("/proc/self/stat").exists():
        pytest.skip("reads /proc (Linux)")
    (tmp_path / "stylelint.yaml").write_text(SPEC)
    (tmp_path / "shoot").mkdir()
    first = testing.write(tmp_path / "shoot" / "000.jpg", testing.resize(testing.photo("astronaut"), 2))
    for index in range(1, 200):  # copies: the same work per file, no encoding cost
        shutil.copyfile(first, tmp_path / "shoot" / f"{index:03}.jpg")
    process = subprocess.Popen(
        [sys.executable, "-m", "stylelint", "check", "shoot", "--jobs", "2", "--no-cache", "--format", "json"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    _wait_for(lambda: len(_children(process.pid)) >= 2, "two workers started")
    workers = _children(process.pid)
    yield process, workers
    for pid in workers | {process.pid}:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    process.wait()


def test_workers_die_when_the_parent_is_killed(running):
    process, workers = running
    process.kill()
    process.wait()
    _wait_for(lambda: not any(_alive(pid) for pid in workers), f"workers {sorted(workers)} gone")


def test_sigterm_stops_the_run_like_ctrl_c(running):
    process, workers = running
    process.send_signal(signal.SIGTERM)
    stdout, stderr = process.communicate(timeout=BOUND_S)
    assert process.returncode == 143, stderr  # 128 + SIGTERM, the shell convention
    assert stdout == ""  # no report, not even a partial one
    assert stderr.strip().splitlines() == ["stylelint: terminated; no report written"], stderr
    _wait_for(lambda: not any(_alive(pid) for pid in workers), f"workers {sorted(workers)} gone")
