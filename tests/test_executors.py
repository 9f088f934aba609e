"""Executors: the Dask executor on a real dask.distributed LocalCluster gives the local report,
byte for byte; ordered, bounded streaming; a clear usage error without the extra."""

from __future__ import annotations

import json
import os
import platform
import shutil
import sys
import time

import pytest
from click.testing import CliRunner

from stylelint import testing
from stylelint.api import check
from stylelint.cli import cli
from stylelint.engine import Options
from stylelint.errors import UsageError
from stylelint.executors import BATCHES_IN_FLIGHT, Executor, ExecutorKind, _streamed, ordered_map

SPEC = """\
version: 1
rules:
  resolution: {min_width: 30}
  aspect-ratio: {allowed: ["1:1"]}
  exposure: {severity: warning}
  consistency: {severity: warning, features: [lightness, colorfulness]}
  duplicates: {severity: warning}
"""


@pytest.fixture(scope="module")
def scheduler():
    """A real two-worker dask.distributed cluster (threads in this process, to start fast)."""
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=":0"
    ) as cluster:
        yield cluster.scheduler_address


@pytest.fixture
def shoot(tmp_path, write_image, write_spec, monkeypatch):
    """Twelve files (one a duplicate, one unreadable) so batches and the set phase both matter."""
    monkeypatch.chdir(tmp_path)
    write_spec(SPEC)
    for index in range(10):
        grey = f"#{40 + 18 * index:02x}{50 + 15 * index:02x}{60 + 12 * index:02x}"
        size = (48, 48) if index % 3 else (64, 40)
        write_image(
            f"shoot/{'sub/' if index % 2 else ''}img-{index:02d}.png",
            testing.add_noise(testing.solid(size, grey), 4, seed=index),
        )
    shutil.copy(tmp_path / "shoot/img-00.png", tmp_path / "shoot/copy.png")
    (tmp_path / "shoot/broken.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    return tmp_path


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_dask_report_equals_the_local_report_byte_for_byte(shoot, scheduler):
    # No timing fields exist in a report today, so nothing needs normalising before comparing.
    local = run("check", "shoot", "--format", "json", "--jobs", "2", "--no-cache")
    dask_cold = run("check", "shoot", "--format", "json", "--executor", "dask", "--scheduler", scheduler)
    dask_warm = run("check", "shoot", "--format", "json", "--executor", "dask", "--scheduler", scheduler)
    assert local.exit_code == dask_cold.exit_code == dask_warm.exit_code == 1  # broken.jpg
    assert dask_cold.stdout == local.stdout
    assert dask_warm.stdout == local.stdout  # measured by Dask workers, read back from the cache
    report = json.loads(local.stdout)
    assert report["summary"]["files"] == 12 and report["summary"]["errored"] == 1
    assert any(r["rule"] == "duplicates" and not r["passed"] for f in report["files"] for r in f["results"])


def test_api_runs_on_a_scheduler_given_by_address(shoot, scheduler):
    options = Options(executor=Executor(ExecutorKind.DASK, scheduler))
    assert (
        check(["shoot"], "stylelint.yaml", options=options).to_dict()
        == check(["shoot"], "stylelint.yaml", options=Options(jobs=1)).to_dict()
    )


def test_a_local_cluster_is_started_when_no_scheduler_is_given(shoot):
    pytest.importorskip("distributed")
    options = Options(jobs=2, executor=Executor(ExecutorKind.DASK))
    assert (
        check(["shoot"], "stylelint.yaml", options=options).to_dict()
        == check(["shoot"], "stylelint.yaml", options=Options(jobs=1)).to_dict()
    )


def _slow_squares(batch: list[int]) -> list[int]:
    time.sleep(0.001 * (batch[0] % 7))  # later batches often finish first
    return [n * n for n in batch]


@pytest.mark.parametrize("kind", [ExecutorKind.LOCAL, ExecutorKind.DASK])
def test_results_come_back_in_item_order(kind, scheduler):
    items = list(range(300))
    executor = Executor(kind, scheduler if kind is ExecutorKind.DASK else None)
    assert list(ordered_map(_slow_squares, items, workers=2, executor=executor)) == [n * n for n in items]


def test_batches_in_flight_are_bounded():
    submitted, done, peak = [], [], 0

    class Future:
        def __init__(self, batch):
            self.batch = batch

        def result(self):
            done.append(self.batch)
            return self.batch

    def submit(batch):
        nonlocal peak
        submitted.append(batch)
        peak = max(peak, len(submitted) - len(done))
        return Future(batch)

    assert list(_streamed(submit, list(range(1000)), 2)) == list(range(1000))
    assert len(submitted) == 63  # 1000 items in batches of 16 (MAX_BATCH)
    assert peak == 2 * BATCHES_IN_FLIGHT  # never more ahead, however many files


def test_dask_without_the_extra_is_a_usage_error_naming_it(shoot, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed → ImportError
    with pytest.raises(UsageError, match=r"stylelint-images\[dask\]"):
        check(["shoot"], "stylelint.yaml", options=Options(executor=Executor(ExecutorKind.DASK)))
    result = CliRunner().invoke(cli, ["check", "shoot", "--executor", "dask"])
    assert result.exit_code == 2
    assert "pip install 'stylelint-images[dask]'" in result.stderr


def test_scheduler_needs_the_dask_executor(shoot):
    result = CliRunner().invoke(cli, ["check", "shoot", "--scheduler", "tcp://127.0.0.1:8786"])
    assert result.exit_code == 2
    assert "--scheduler needs --executor dask" in result.stderr


def _malloc_trim_setting():
    import os

    return os.environ.get("MALLOC_TRIM_THRESHOLD_")


def test_stylelints_local_cluster_keeps_glibcs_default_malloc(monkeypatch):
    # Dask's default worker environment sets MALLOC_TRIM_THRESHOLD_=65536, which costs the
    # per-image phase about a quarter of its throughput (README, benchmarks/bench_check.py).
    distributed = pytest.importorskip("distributed")
    from stylelint.executors import local_cluster

    monkeypatch.delenv("MALLOC_TRIM_THRESHOLD_", raising=False)
    with local_cluster(1) as cluster, distributed.Client(cluster) as client:
        assert list(client.run(_malloc_trim_setting).values()) == [None]


_FAULTS_SCRIPT = """
import resource, sys
import numpy as np
from stylelint.executors import keep_freed_memory
if sys.argv[1] == "keep":
    keep_freed_memory()
np.ones(3 << 20, dtype=np.uint8)  # one 3 MB block, mapped and freed: glibc's threshold rises to it
for image in range(11):  # per image, three 3 MB arrays at once (a working copy as float32), then freed
    if image == 1:  # the first image has faulted its pages in, either way
        before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    arrays = [np.ones(3 << 20, dtype=np.uint8) for _ in range(3)]
    del arrays
print(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)
"""


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="glibc's allocator")
def test_a_local_process_reuses_freed_image_memory_instead_of_faulting_it_in_again():
    """By default glibc trims the 9 MB freed at its heap's top after each image (more than twice
    the largest block it has mapped), so each of ten images faults its 2,304 pages in again;
    after keep_freed_memory the next image reuses them."""
    import subprocess

    def faults(mode: str) -> int:
        # glibc's own defaults: no MALLOC_* tunables inherited from the environment
        env = {k: v for k, v in os.environ.items() if not k.startswith(("MALLOC_", "GLIBC_TUNABLES"))}
        run = subprocess.run(
            [sys.executable, "-c", _FAULTS_SCRIPT, mode], capture_output=True, text=True, check=True, env=env
        )
        return int(run.stdout.split()[-1])

    default, kept = faults("default"), faults("keep")
    assert kept < 200, kept  # a few pages of Python's own objects, never the arrays again
    assert default > 10 * 1500, default  # the test shows the behaviour it is about


class _Libc:
    """A stand-in for glibc whose mallopt answers `answer` (1: setting taken, 0: refused)."""

    def __init__(self, answer: int) -> None:
        self.answer = answer
        self.calls: list[tuple[int, int]] = []

    def gnu_get_libc_version(self) -> bytes:
        return b"2.36"

    def mallopt(self, parameter: int, value: int) -> int:
        self.calls.append((parameter, value))
        return self.answer


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="keep_freed_memory acts on Linux only")
@pytest.mark.parametrize("answer", [1, 0])
def test_freed_memory_counts_as_kept_only_when_glibc_takes_both_settings(monkeypatch, answer):
    # mallopt returns 0 for a setting glibc refuses: the one-block JPEG read must not then count
    # on freed blocks being kept (its block would be fresh pages for every image).
    import ctypes

    from stylelint import executors

    libc = _Libc(answer)
    monkeypatch.setattr(ctypes, "CDLL", lambda name: libc)
    monkeypatch.setattr(executors, "_KEPT", False)
    monkeypatch.setattr(executors, "_APPLIED", False)
    executors.keep_freed_memory()
    assert len(libc.calls) == 2
    assert executors.freed_memory_kept() is (answer == 1)


def test_invoking_the_cli_in_a_process_leaves_its_malloc_alone(tmp_path, monkeypatch, write_image):
    # The setting is process-wide: a test's CliRunner (or a program running `cli`) must not
    # change this process's malloc, nor the decode path of every later check in it.
    from stylelint import executors

    calls: list[int] = []
    monkeypatch.setattr(executors, "keep_freed_memory", lambda: calls.append(1))
    monkeypatch.chdir(tmp_path)
    write_image("a.jpg", testing.solid((40, 30), "#808080"))
    (tmp_path / "stylelint.yaml").write_text("version: 1\nrules:\n  orientation: {allowed: [landscape]}\n")
    result = CliRunner().invoke(cli, ["check", "a.jpg", "--jobs", "1", "--no-cache"])
    assert result.exit_code == 0, result.output
    assert calls == []


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="glibc's allocator")
def test_the_console_command_keeps_freed_memory(tmp_path):
    # `stylelint` (setup.cfg's console script, stylelint.cli:main) and `python -m stylelint` run
    # main, which makes the setting for the process that checks the images itself.
    import subprocess

    probe = (
        "import sys, runpy\nfrom stylelint import executors\nsys.argv = ['stylelint', 'rules']\n"
        "try:\n    runpy.run_module('stylelint', run_name='__main__')\nexcept SystemExit:\n    pass\n"
        "print('kept' if executors.freed_memory_kept() else 'not kept')"
    )
    from importlib.metadata import entry_points

    assert [ep.value for ep in entry_points(group="console_scripts", name="stylelint")] == ["stylelint.cli:main"]
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=tmp_path)
    assert run.stdout.splitlines()[-1] == "kept", run.stdout
