"""Batch-audit benchmark: stylelint against the decode floor and the tools a user might pick.

Builds (once, reproducibly, under --data, by default benchmarks/data/) a set of camera-size
JPEGs (6000×4000, upscaled from scikit-image's photos with seeded grain so they compress like
real photos; quality 95, 6.7-7.8 MB each, as a camera's fine JPEGs; --camera-quality 90 for the
lighter 3.7-4.4 MB set measured before) and a set of tiny PNGs (each one distinct, so a cold run
hits no cache), then measures in the same run:

- the decode floor: Pillow decode with draft 1/8 (DCT scaling), one process per core;
- `stylelint check` with the `recommended` preset, cold (empty cache) and warm (cache filled);
- colorthief's palette extraction (one process per core) and CleanVision's default issue scan,
  each when installed (`pip install -e '.[bench]'`);
- `stylelint check` on 1k, 10k and 100k tiny files, to show time is linear in file count;
- with `--executor dask`, instead of the peers: stylelint's cold run on the local executor and on
  Dask LocalClusters of --jobs workers, in images/s and images/s per worker.

Every throughput is printed in images/s and as a ratio to the floor measured in this run, with
the peak RSS of the largest single process. On the camera set, CPU time (user + system of every
process of a run) is measured too, which other work on a shared machine disturbs far less than
wall time: the marginal CPU cost per image, (CPU of all N images − CPU of the first N/4) / (3N/4),
leaves out interpreter and worker start-up; `--repeat` runs each measurement several times and
keeps the median. One file checked by a fresh process (what pre-commit does) and `stylelint --help`
are timed as well, in CPU and peak RSS.
Run: python benchmarks/bench_check.py --help
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
from PIL import Image

DATA = Path(__file__).parent / "data"  # --data changes it
CAMERA_SIZE = (6000, 4000)
PHOTOS = ("astronaut", "coffee", "chelsea", "rocket", "immunohistochemistry", "hubble_deep_field")
GRAIN_SIGMA = 4.0  # 8-bit codes: the grain of a well-exposed ISO 400 frame, so JPEG sizes are realistic
# A camera's "fine" JPEGs are quality 92-98: at 95 these files are 6.7-7.8 MB with a draft-1/8
# floor of 55-62 ms, like the 24 MP camera JPEGs of issue 14 (6.6 MB, 57 ms). --camera-quality 90
# builds the lighter set measured before (3.7-4.4 MB, floor 33-39 ms), where the fixed cost of the
# 1024-px working copy weighs more against the floor.
JPEG_QUALITY = 95
TINY_SIZE = (64, 48)
SPEC = "version: 1\nextends: [recommended]\n"


def build_camera_set(count: int, quality: int = JPEG_QUALITY) -> Path:
    """`count` 6000×4000 JPEGs of JPEG `quality` (cycled photos, seeded grain); reused when
    already built."""
    from stylelint import testing

    folder = DATA / f"camera-q{quality}-{count}"
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        path = folder / f"camera-{index:03d}.jpg"
        if path.exists():
            continue
        noise = np.random.default_rng(index).normal(0, GRAIN_SIGMA, (CAMERA_SIZE[1], CAMERA_SIZE[0], 3))
        photo = Image.fromarray(testing.photo(PHOTOS[index % len(PHOTOS)])).resize(
            CAMERA_SIZE, Image.Resampling.BICUBIC
        )
        grained = np.clip(np.asarray(photo, dtype=np.float64) + noise, 0, 255).astype(np.uint8)
        Image.fromarray(grained).save(path, quality=quality)
    return folder


# An odd multiplier permutes the 2^24 colours (index → index × K mod 2^24 is a bijection), so
# every tiny file has its own flat colour (up to 16.7 million files) and neighbours differ widely.
_COLOUR_STEP = 0x9E3779 | 1


def build_tiny_set(count: int) -> Path:
    """`count` tiny PNGs, each of its own flat colour, in sub-folders of 1000; reused when built."""
    folder = DATA / f"tiny-distinct-{count}"
    if (folder / ".complete").exists():
        return folder
    for index in range(count):
        sub = folder / f"{index // 1000:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        code = (index * _COLOUR_STEP) % (1 << 24)
        colour = (code >> 16, (code >> 8) & 0xFF, code & 0xFF)
        Image.new("RGB", TINY_SIZE, colour).save(sub / f"tiny-{index:06d}.png")
    (folder / ".complete").touch()
    return folder


POOL_SCRIPT = """
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

def work(path):
{body}

if __name__ == "__main__":
    with ProcessPoolExecutor(int(sys.argv[2])) as pool:
        list(pool.map(work, sorted(str(p) for p in Path(sys.argv[1]).glob("*.jpg")), chunksize=1))
"""
FLOOR_SCRIPT = POOL_SCRIPT.format(
    body="""\
    from PIL import Image
    with Image.open(path) as image:
        image.draft("RGB", (image.width // 8, image.height // 8))
        image.load()"""
)
COLORTHIEF_SCRIPT = POOL_SCRIPT.format(
    body="""\
    from colorthief import ColorThief
    ColorThief(path).get_palette(color_count=5)"""
)


def script_run(script: str, images: Path, jobs: int) -> tuple[float, float, float]:
    """A Python script as a fresh process (interpreter start included, as for stylelint)."""
    with tempfile.TemporaryDirectory() as work:
        path = Path(work) / "run.py"
        path.write_text(script)
        return timed([sys.executable, str(path), str(images), str(jobs)], Path(work))


def timed_command(argv: Sequence[str], cwd: Path) -> tuple[float, float]:
    """Wall seconds of a command, and the peak RSS (MB) of its largest process (workers too)."""
    return timed(argv, cwd)[:2]


def timed(argv: Sequence[str], cwd: Path) -> tuple[float, float, float]:
    """Wall seconds, peak RSS (MB) of the largest process, and CPU seconds (user + system of the
    command and of every process it started) of one run of a command."""
    probe = (
        "import resource, subprocess, sys, time; t = time.perf_counter(); "
        "code = subprocess.run(sys.argv[1:]).returncode; "
        "use = resource.getrusage(resource.RUSAGE_CHILDREN); "
        "print(time.perf_counter() - t, use.ru_maxrss / 1024, use.ru_utime + use.ru_stime, code)"
    )
    out = subprocess.run([sys.executable, "-c", probe, *argv], cwd=cwd, capture_output=True, text=True, check=True)
    seconds, peak, cpu, code = out.stdout.split()[-4:]
    if int(code) not in (0, 1):
        raise RuntimeError(f"{' '.join(argv)} exited {code}: {out.stderr[-2000:]}")
    return float(seconds), float(peak), float(cpu)


def stylelint_argv(paths: Sequence[Path], work: Path, jobs: int, extra: Sequence[str] = ()) -> list[str]:
    """`stylelint check PATHS` under the recommended preset, a JSON report into `work`."""
    spec = work / "stylelint.yaml"
    spec.write_text(SPEC)
    output = ["--format", "json", "--output", str(work / "report.json")]
    return [sys.executable, "-m", "stylelint", "check", *map(str, paths), "--spec", str(spec), *output,
            "--jobs", str(jobs), *extra]  # fmt: skip


def stylelint_runs(
    images: Path, jobs: int, extra: Sequence[str] = (), *, warm: bool = True
) -> dict[str, tuple[float, float, float]]:
    """Cold (and warm) `stylelint check` of a folder under the recommended preset; `extra`
    options (an executor) are added to the command line."""
    with tempfile.TemporaryDirectory() as work:
        argv = stylelint_argv([images], Path(work), jobs, extra)
        runs = {"cold": timed(argv, Path(work))}
        if warm:
            runs["warm"] = timed(argv, Path(work))
        report = json.loads((Path(work) / "report.json").read_text())
        assert report["summary"]["errored"] == 0, report["summary"]
    return runs


def cleanvision_run(images: Path) -> tuple[float, float] | None:
    """CleanVision's default issue scan (Imagelab.find_issues), or None when not installed."""
    try:
        import cleanvision  # noqa: F401
    except ImportError:
        return None
    script = (
        "import sys; from cleanvision import Imagelab; "
        "lab = Imagelab(data_path=sys.argv[1]); lab.find_issues(verbose=False)"
    )
    return timed_command([sys.executable, "-c", script, str(images)], images)


def row(name: str, count: int, seconds: float, peak: float, floor: float) -> str:
    rate = count / seconds
    return f"| {name} | {rate:.2f} | {rate / floor:.2f}× | {peak:.0f} |"


def quarter_set(camera: Path) -> Path:
    """A folder of links to the first quarter of the camera set (for the marginal CPU cost)."""
    paths = sorted(camera.glob("*.jpg"))
    folder = camera.with_name(camera.name + "-quarter")
    folder.mkdir(exist_ok=True)
    for path in paths[: max(1, len(paths) // 4)]:
        link = folder / path.name
        if not link.exists():
            link.symlink_to(path.resolve())
    return folder


def median_runs(measure: Callable[[], dict[str, tuple[float, float, float]]], repeat: int) -> dict[str, list[float]]:
    """Each figure of `measure` (name → (wall s, peak MB, CPU s)), the median of `repeat` runs."""
    runs = [measure() for _ in range(repeat)]
    return {name: [statistics.median(run[name][i] for run in runs) for i in range(3)] for name in runs[0]}


def camera_section(count: int, jobs: int, repeat: int, quality: int) -> None:
    """Throughput on camera-size JPEGs: the floor, stylelint cold and warm, and the peers; then
    the marginal CPU cost per image against the floor's, and one file in a fresh process."""
    camera = build_camera_set(count, quality)
    quarter = quarter_set(camera)
    n, k = len(list(camera.glob("*.jpg"))), len(list(quarter.glob("*.jpg")))
    sizes = [path.stat().st_size / 1e6 for path in camera.glob("*.jpg")]

    def measure() -> dict[str, tuple[float, float, float]]:
        runs = {"floor": script_run(FLOOR_SCRIPT, camera, jobs), "floor k": script_run(FLOOR_SCRIPT, quarter, jobs)}
        runs.update(stylelint_runs(camera, jobs))
        runs["cold k"] = stylelint_runs(quarter, jobs, warm=False)["cold"]
        return runs

    runs = median_runs(measure, repeat)
    floor_rate = n / runs["floor"][0]
    print(f"{n} JPEGs {CAMERA_SIZE[0]}×{CAMERA_SIZE[1]}, quality {quality}, ", end="")
    print(f"{min(sizes):.1f}–{max(sizes):.1f} MB (mean {statistics.mean(sizes):.1f}), ", end="")
    print(f"{jobs} processes; each run a fresh process; ", end="")
    print(f"medians of {repeat} runs\n")
    print("| run | images/s | vs decode floor | peak RSS per process, MB |\n|---|---|---|---|")
    print(row("decode floor (Pillow, draft 1/8)", n, runs["floor"][0], runs["floor"][1], floor_rate))
    for name in ("cold", "warm"):
        print(row(f"stylelint check, recommended, {name}", n, runs[name][0], runs[name][1], floor_rate))
    if importlib.util.find_spec("colorthief") is not None:  # the [bench] extra
        print(row("colorthief get_palette(5)", n, *script_run(COLORTHIEF_SCRIPT, camera, jobs)[:2], floor_rate))
    clean = cleanvision_run(camera)
    if clean is not None:
        print(row("CleanVision find_issues (defaults)", n, *clean, floor_rate))
    print(f"\nwarm re-run speed-up: {runs['cold'][0] / runs['warm'][0]:.1f}× in wall time, ", end="")
    print(
        f"{runs['cold'][2] / runs['warm'][2]:.1f}× in CPU ({runs['cold'][2]:.2f} s against {runs['warm'][2]:.2f})",
        flush=True,
    )
    floor_ms = 1000 * (runs["floor"][2] - runs["floor k"][2]) / (n - k)
    cold_ms = 1000 * (runs["cold"][2] - runs["cold k"][2]) / (n - k)
    print(f"\nmarginal CPU per image ({n} vs {k} images): decode floor {floor_ms:.1f} ms, ", end="")
    print(f"stylelint cold {cold_ms:.1f} ms: marginal throughput {floor_ms / cold_ms:.2f}× the floor")
    single_file_section(sorted(camera.glob("*.jpg"))[0], repeat)


def single_file_section(path: Path, repeat: int) -> None:
    """One camera file checked by a fresh process (pre-commit on one changed file), cold cache,
    and `stylelint --help`; stylelint's bytecode compiled first, as `pip install` leaves it (an
    environment with PYTHONDONTWRITEBYTECODE set would otherwise compile every module each run)."""
    compile_bytecode()

    def measure() -> dict[str, tuple[float, float, float]]:
        with tempfile.TemporaryDirectory() as work:
            return {
                "one": timed(stylelint_argv([path], Path(work), 1), Path(work)),
                "help": timed([sys.executable, "-m", "stylelint", "--help"], Path(work)),
            }

    runs = median_runs(measure, repeat)
    wall, peak, cpu = runs["one"]
    print(f"one file, fresh process, cold: {wall:.2f} s wall, {cpu:.2f} s CPU, peak RSS {peak:.0f} MB", flush=True)
    wall, peak, cpu = runs["help"]
    print(f"stylelint --help, fresh process: {wall:.2f} s wall, {cpu:.2f} s CPU, peak RSS {peak:.0f} MB", flush=True)


def compile_bytecode() -> None:
    """Compile stylelint's modules (and its rules') to bytecode, as a regular install does."""
    import compileall

    import stylelint
    import stylelint.rules

    for package in (stylelint, stylelint.rules):
        compileall.compile_dir(str(Path(package.__file__).parent), quiet=1)


def executor_section(count: int, jobs: int, quality: int) -> None:
    """Cold runs on each executor: local processes; a Dask LocalCluster of `jobs` workers that
    stylelint starts (its start-up included); the same cluster already running (--scheduler)."""
    import distributed

    from stylelint.executors import local_cluster

    camera = build_camera_set(count, quality)
    images = len(list(camera.glob("*.jpg")))
    print(
        f"{images} JPEGs {CAMERA_SIZE[0]}×{CAMERA_SIZE[1]}, {jobs} workers, cold runs (empty cache), "
        "each a fresh process\n"
    )
    print("| executor | images/s | images/s per worker | peak RSS, MB |\n|---|---|---|---|")

    def report(name: str, extra: Sequence[str]) -> None:
        seconds, peak, _cpu = stylelint_runs(camera, jobs, extra, warm=False)["cold"]
        print(f"| {name} | {images / seconds:.2f} | {images / seconds / jobs:.2f} | {peak:.0f} |", flush=True)

    report("local (process pool)", [])
    report("dask, LocalCluster started by stylelint", ["--executor", "dask"])
    with local_cluster(jobs) as cluster:
        report(
            "dask, the same LocalCluster already running (--scheduler; RSS: client only)",
            ["--executor", "dask", "--scheduler", cluster.scheduler_address],
        )
    # Last: a Dask-default cluster sets MALLOC_TRIM_THRESHOLD_ in this process's environment too
    # (Dask's pre-spawn-environ), which every later command would inherit.
    with distributed.LocalCluster(n_workers=jobs, threads_per_worker=1, dashboard_address=":0") as cluster:
        report(
            "dask, LocalCluster with Dask's default worker environment (--scheduler; RSS: client only)",
            ["--executor", "dask", "--scheduler", cluster.scheduler_address],
        )


def tiny_section(counts: Sequence[int], jobs: int) -> None:
    """stylelint on growing folders of tiny files: time (wall and CPU) should grow linearly."""
    print("\n| tiny files | seconds | files/s | CPU s | CPU ms per file | peak RSS, MB |\n|---|---|---|---|---|---|")
    for count in counts:
        seconds, peak, cpu = stylelint_runs(build_tiny_set(count), jobs, warm=False)["cold"]
        row = (
            f"| {count:,} | {seconds:.1f} | {count / seconds:.0f} | {cpu:.1f} | {1000 * cpu / count:.2f} | {peak:.0f} |"
        )
        print(row, flush=True)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--camera", type=int, default=96, help="camera-size JPEGs (default 96; 0 skips)")
    parser.add_argument(
        "--camera-quality",
        type=int,
        default=JPEG_QUALITY,
        help=f"JPEG quality of the camera set (default {JPEG_QUALITY}: 6.7-7.8 MB files; 90: the lighter 3.7-4.4 MB set)",
    )
    parser.add_argument("--tiny", default="1000,10000,100000", help="tiny-file counts, comma-separated ('' or 0 skips)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--repeat", type=int, default=1, help="runs of each camera measurement; medians shown")
    parser.add_argument("--data", type=Path, help="where the image sets are built (default benchmarks/data)")
    parser.add_argument(
        "--executor",
        choices=["local", "dask"],
        default="local",
        help="dask: on the camera set, compare the local executor with Dask LocalClusters "
        "of --jobs workers instead of the peers (pip install -e '.[dask]')",
    )
    args = parser.parse_args(argv)
    if args.data is not None:
        global DATA
        DATA = args.data
    print(
        f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, load average {os.getloadavg()[0]:.1f} at the start "
        "(other work on the machine slows wall-clock figures; CPU figures far less)"
    )
    if args.camera:
        if args.executor == "dask":
            executor_section(args.camera, args.jobs, args.camera_quality)
        else:
            camera_section(args.camera, args.jobs, args.repeat, args.camera_quality)
    counts = [int(c) for c in args.tiny.split(",") if c and int(c) > 0]
    if counts:
        tiny_section(counts, args.jobs)


if __name__ == "__main__":
    main()
