"""What `stylelint learn` costs per reference image, against `stylelint check` with `recommended`.

Issue 12 asks that learning a spec cost at most 1.5× the CPU per image of checking the same
files with the recommended preset. This script builds (once, under --data) sets of N graded
photographs, 4:5 crops of scikit-image's colour photographs and of every image in `--folder`
(several framings each when there are fewer photographs than N), enlarged to a 1600-px long
edge (a camera file or an export is larger than the 1024-px working copy), graded golden-hour
(benchmarks/looks.py) and saved as JPEG (quality 92), then runs, each in a fresh process with a
cold cache (a new empty folder for the spec and its `.stylelint_cache/`):

- `stylelint learn SET --output learned.yaml`;
- `stylelint check SET --spec recommended.yaml` (a spec that only extends `recommended`).

A set is reused only when its folder holds exactly the files the photographs make (`set.json`
lists them); otherwise it is rebuilt. stylelint's bytecode is compiled first, as an install
leaves it (the machine may set PYTHONDONTWRITEBYTECODE, and each fresh process would compile it).

CPU time is user + system of the process and every worker it waited for (`resource.getrusage`
of the children), which other work on a shared machine disturbs far less than wall time.
`--repeat` runs each several times, alternating learn and check (so a change in the machine's
load falls on both), and keeps the median of each. Printed: CPU per image of each (median, and
the range over the runs) and the ratio of the medians, for each N.

`--versus PYTHON` compares two versions in the same minutes: each round runs learn and check
with `--python` and then with PYTHON (another venv, or an interpreter whose path finds another
checkout), so the machine's load, which moves single figures by ±0.1×, falls on both alike.

Run: python benchmarks/learn_cost.py [--folder /path/to/photos] [--sizes 10,30] [--repeat 3]
     [--versus /path/to/other/python]
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent))

import looks
from look_prior import centre_crop, framings, photographs

DATA = Path(__file__).parent / "data"
JPEG_QUALITY = 92
# Long edge of the files: larger than the working copy's default 1024 px, as camera files and
# exports are, so both commands decode and scale down as they do for real files (the photographs
# are enlarged to it when smaller: costs depend on pixel counts, not on the detail in them).
LONG_EDGE = 1600
RECOMMENDED = "version: 1\nextends: [recommended]\n"


def build_set(folders: list[Path], count: int, data: Path) -> Path:
    """`count` graded 4:5 JPEGs under `data`, reused only when the folder holds exactly the files
    these photographs make (a folder left by another --folder, or by a run stopped half way, is
    emptied and rebuilt: a stale folder once mixed the 25 and 30 images of two sets)."""
    out = data / f"learn-cost-{count}-{LONG_EDGE}px"
    photos = photographs(folders)
    # Every photograph's full frame first, then its other framings (crops), photograph by photograph.
    every = {name: framings(image, seed=0) for name, image in photos.items()}
    frames = [(f"{name}-{i}", f[i]) for i in range(5) for name, f in every.items()][:count]
    if len(frames) < count:
        raise SystemExit(f"only {len(frames)} framings for {count} images: add photographs with --folder")
    expected = sorted(f"{name}.jpg" for name, _ in frames)
    manifest = out / "set.json"
    if out.is_dir() and sorted(p.name for p in out.iterdir() if p.name != manifest.name) == expected:
        if manifest.is_file() and json.loads(manifest.read_text(encoding="utf-8")) == expected:
            return out
    out.mkdir(parents=True, exist_ok=True)
    for stale in out.iterdir():
        stale.unlink()
    for name, frame in frames:
        crop = Image.fromarray(np.ascontiguousarray(centre_crop(frame, 0.8)))
        scale = LONG_EDGE / max(crop.size)
        crop = crop.resize((round(crop.width * scale), round(crop.height * scale)), Image.Resampling.LANCZOS)
        graded = looks.apply(looks.golden_hour, np.asarray(crop))
        Image.fromarray(graded).save(out / f"{name}.jpg", quality=JPEG_QUALITY)
    manifest.write_text(json.dumps(expected), encoding="utf-8")  # written last: the set is complete
    return out


def compile_bytecode(python: str) -> None:
    """Compile stylelint's modules and its rules' to bytecode with `python`, as an install leaves
    them (as bench_check.py does): this machine sets PYTHONDONTWRITEBYTECODE, so each run would
    otherwise compile them again (about 0.07 s of CPU for check, 0.17 s for learn)."""
    script = (
        "import compileall, pathlib, stylelint, stylelint.rules\n"
        "for package in (stylelint, stylelint.rules):\n"
        "    compileall.compile_dir(str(pathlib.Path(package.__file__).parent), quiet=1)\n"
    )
    subprocess.run([python, "-c", script], check=True)


def cpu_seconds(argv: list[str], cwd: Path) -> float:
    """User + system CPU of `argv` run to completion (it and the workers it waited for)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(argv, cwd=cwd, capture_output=True, text=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} failed ({done.returncode}):\n{done.stderr}")
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def learn_cpu(images: Path, jobs: int, python: str) -> float:
    with tempfile.TemporaryDirectory() as folder:
        argv = [python, "-m", "stylelint", "learn", str(images), "--output", "learned.yaml"]
        return cpu_seconds(argv + ["--jobs", str(jobs)], Path(folder))


def check_cpu(images: Path, jobs: int, python: str) -> float:
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "recommended.yaml").write_text(RECOMMENDED, encoding="utf-8")
        argv = [python, "-m", "stylelint", "check", str(images), "--spec", "recommended.yaml"]
        return cpu_seconds(argv + ["--jobs", str(jobs), "--format", "json", "--output", "report.json"], Path(folder))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--folder", type=Path, action="append", default=[], help="more photographs (repeatable)")
    parser.add_argument("--sizes", default="10,30", help="reference counts to measure (comma-separated)")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each measurement; the median is kept")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes of learn and check")
    parser.add_argument("--data", type=Path, default=DATA, help="where the graded sets are built")
    parser.add_argument(
        "--python", default=sys.executable, help="the interpreter that runs stylelint (another version)"
    )
    parser.add_argument("--versus", help="a second interpreter (another version), run alternately with --python")
    args = parser.parse_args()
    pythons = [args.python] + ([args.versus] if args.versus else [])
    for python in pythons:
        compile_bytecode(python)
    print(f"{'images':>6}  {'version':>7}  {'learn s/img (range)':>21}  {'check s/img (range)':>21}  {'ratio':>5}")
    for count in (int(n) for n in args.sizes.split(",")):
        images = build_set(args.folder, count, args.data)
        runs: dict[str, list[tuple[float, float]]] = {python: [] for python in pythons}
        for _ in range(args.repeat):
            for python in pythons:  # round by round, so both versions see the same load
                runs[python].append(
                    (learn_cpu(images, args.jobs, python) / count, check_cpu(images, args.jobs, python) / count)
                )
        for index, python in enumerate(pythons):
            learn, check = ([run[i] for run in runs[python]] for i in (0, 1))
            ratio = statistics.median(learn) / statistics.median(check)
            print(
                f"{count:>6}  {'ab'[index] if args.versus else '':>7}  {_spread(learn):>21}  {_spread(check):>21}  {ratio:>5.2f}",
                flush=True,
            )
    if args.versus:
        print(f"a: {args.python}\nb: {args.versus}")


def _spread(values: list[float]) -> str:
    """ "0.150 (0.146-0.157)": the median and the range."""
    return f"{statistics.median(values):.3f} ({min(values):.3f}-{max(values):.3f})"


if __name__ == "__main__":
    main()
