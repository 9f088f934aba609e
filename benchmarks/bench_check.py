"""Batch-audit benchmark: stylelint against the decode floor and the tools a user might pick.

Builds (once, reproducibly, under benchmarks/data/) a set of camera-size JPEGs (6000×4000,
upscaled from scikit-image's photos with seeded grain so they compress like real photos) and a
set of tiny PNGs, then measures in the same run:

- the decode floor: Pillow decode with draft 1/8 (DCT scaling), one process per core;
- `stylelint check` with the `recommended` preset, cold (empty cache) and warm (cache filled);
- colorthief's palette extraction (one process per core) and CleanVision's default issue scan,
  when installed (`pip install -e '.[bench]'`);
- `stylelint check` on 1k, 10k and 100k tiny files, to show time is linear in file count;
- with `--executor dask`, instead of the peers: stylelint's cold run on the local executor and on
  Dask LocalClusters of --jobs workers, in images/s and images/s per worker.

Every throughput is printed in images/s and as a ratio to the floor measured in this run, with
the peak RSS of the largest single process. Run: python benchmarks/bench_check.py --help
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from PIL import Image

DATA = Path(__file__).parent / "data"
CAMERA_SIZE = (6000, 4000)
PHOTOS = ("astronaut", "coffee", "chelsea", "rocket", "immunohistochemistry", "hubble_deep_field")
GRAIN_SIGMA = 4.0  # 8-bit codes: the grain of a well-exposed ISO 400 frame, so JPEG sizes are realistic
JPEG_QUALITY = 90
TINY_SIZE = (64, 48)
SPEC = "version: 1\nextends: [recommended]\n"


def build_camera_set(count: int) -> Path:
    """`count` 6000×4000 JPEGs (cycled photos, seeded grain); reused when already built."""
    from stylelint import testing

    folder = DATA / f"camera-{count}"
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
        Image.fromarray(grained).save(path, quality=JPEG_QUALITY)
    return folder


def build_tiny_set(count: int) -> Path:
    """`count` tiny PNGs of distinct flat colours in sub-folders of 1000; reused when built."""
    folder = DATA / f"tiny-{count}"
    if (folder / ".complete").exists():
        return folder
    for index in range(count):
        sub = folder / f"{index // 1000:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        colour = ((index * 37) % 256, (index * 91) % 256, (index * 13) % 256)
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
        list(pool.map(work, sorted(str(p) for p in Path(sys.argv[1]).glob("*.jpg")), chunksize=4))
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


def script_run(script: str, images: Path, jobs: int) -> tuple[float, float]:
    """A Python script as a fresh process (interpreter start included, as for stylelint)."""
    with tempfile.TemporaryDirectory() as work:
        path = Path(work) / "run.py"
        path.write_text(script)
        return timed_command([sys.executable, str(path), str(images), str(jobs)], Path(work))


def timed_command(argv: Sequence[str], cwd: Path) -> tuple[float, float]:
    """Wall seconds of a command, and the peak RSS (MB) of its largest process (workers too)."""
    probe = (
        "import resource, subprocess, sys, time; t = time.perf_counter(); "
        "code = subprocess.run(sys.argv[1:]).returncode; "
        "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, code)"
    )
    out = subprocess.run([sys.executable, "-c", probe, *argv], cwd=cwd, capture_output=True, text=True, check=True)
    seconds, peak, code = out.stdout.split()[-3:]
    if int(code) not in (0, 1):
        raise RuntimeError(f"{' '.join(argv)} exited {code}: {out.stderr[-2000:]}")
    return float(seconds), float(peak)


def stylelint_runs(
    images: Path, jobs: int, extra: Sequence[str] = (), *, warm: bool = True
) -> dict[str, tuple[float, float]]:
    """Cold (and warm) `stylelint check` of a folder under the recommended preset; `extra`
    options (an executor) are added to the command line."""
    with tempfile.TemporaryDirectory() as work:
        spec = Path(work) / "stylelint.yaml"
        spec.write_text(SPEC)
        argv = [
            sys.executable,
            "-m",
            "stylelint",
            "check",
            str(images),
            "--spec",
            str(spec),
            "--format",
            "json",
            "--output",
            str(Path(work) / "report.json"),
            "--jobs",
            str(jobs),
            *extra,
        ]
        runs = {"cold": timed_command(argv, Path(work))}
        if warm:
            runs["warm"] = timed_command(argv, Path(work))
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


def camera_section(count: int, jobs: int) -> None:
    """Throughput on camera-size JPEGs: the floor, stylelint cold and warm, and the peers."""
    camera = build_camera_set(count)
    paths = sorted(camera.glob("*.jpg"))
    floor_seconds, floor_peak = script_run(FLOOR_SCRIPT, camera, jobs)
    floor_rate = len(paths) / floor_seconds
    print(f"{len(paths)} JPEGs {CAMERA_SIZE[0]}×{CAMERA_SIZE[1]}, {jobs} processes; each run a fresh process\n")
    print("| run | images/s | vs decode floor | peak RSS per process, MB |\n|---|---|---|---|")
    print(row("decode floor (Pillow, draft 1/8)", len(paths), floor_seconds, floor_peak, floor_rate))
    runs = stylelint_runs(camera, jobs)
    for name, (seconds, peak) in runs.items():
        print(row(f"stylelint check, recommended, {name}", len(paths), seconds, peak, floor_rate))
    print(row("colorthief get_palette(5)", len(paths), *script_run(COLORTHIEF_SCRIPT, camera, jobs), floor_rate))
    clean = cleanvision_run(camera)
    if clean is not None:
        print(row("CleanVision find_issues (defaults)", len(paths), *clean, floor_rate))
    print(f"\nwarm re-run speed-up: {runs['cold'][0] / runs['warm'][0]:.1f}×", flush=True)


def executor_section(count: int, jobs: int) -> None:
    """Cold runs on each executor: local processes; a Dask LocalCluster of `jobs` workers that
    stylelint starts (its start-up included); the same cluster already running (--scheduler)."""
    import distributed

    from stylelint.executors import local_cluster

    camera = build_camera_set(count)
    images = len(list(camera.glob("*.jpg")))
    print(
        f"{images} JPEGs {CAMERA_SIZE[0]}×{CAMERA_SIZE[1]}, {jobs} workers, cold runs (empty cache), "
        "each a fresh process\n"
    )
    print("| executor | images/s | images/s per worker | peak RSS, MB |\n|---|---|---|---|")

    def report(name: str, extra: Sequence[str]) -> None:
        seconds, peak = stylelint_runs(camera, jobs, extra, warm=False)["cold"]
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
    """stylelint on growing folders of tiny files: time should grow linearly."""
    print("\n| tiny files | seconds | files/s | peak RSS, MB |\n|---|---|---|---|")
    for count in counts:
        seconds, peak = stylelint_runs(build_tiny_set(count), jobs)["cold"]
        print(f"| {count:,} | {seconds:.1f} | {count / seconds:.0f} | {peak:.0f} |", flush=True)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--camera", type=int, default=96, help="camera-size JPEGs (default 96; 0 skips)")
    parser.add_argument("--tiny", default="1000,10000,100000", help="tiny-file counts, comma-separated ('' skips)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument(
        "--executor",
        choices=["local", "dask"],
        default="local",
        help="dask: on the camera set, compare the local executor with Dask LocalClusters "
        "of --jobs workers instead of the peers (pip install -e '.[dask]')",
    )
    args = parser.parse_args(argv)
    print(
        f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}"
    )
    if args.camera:
        (executor_section if args.executor == "dask" else camera_section)(args.camera, args.jobs)
    counts = [int(c) for c in args.tiny.split(",") if c]
    if counts:
        tiny_section(counts, args.jobs)


if __name__ == "__main__":
    main()
