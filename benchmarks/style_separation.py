"""Style separation: can a look learned from 10 references tell its grade from every other grade?

Photographs of varied scenes (scikit-image's colour photographs, plus every image in `--folder`)
are cut to a 4:5 house crop and graded with each look of benchmarks/looks.py (6 looks used while
designing the look features and model, 6 held out from that, and "ungraded"). For each house
look and each of 3 disjoint reference sets of k scenes, a spec is learned from the k references
in that look, and the held-out scenes (every scene not among the references) are checked in
every look. A held-out image in the house look should pass; in any other look it should fail.

Two ways of learning and checking:
- `--mode rule` (default, fast): the `look` rule alone, through its own `suggest` and `judge`
  on the features `look` measures (the same numbers `check` caches for the working copy);
- `--mode spec`: end to end, as a team would: the graded images are written as PNG files,
  `stylelint.learn.learn_spec` writes the learned spec, and `stylelint.check` checks the
  held-out files with it. An image passes when no rule of the learned spec fails it; the report
  also gives the `look` rule's verdict alone.

Printed: the confusion matrix (rows: house look; columns: the look checked; cells: share of
held-out images that pass), per-look on-style pass and off-style fail rates, their means over
the tuning and the held-out looks, and the pass rate of the house look applied at half (0.5)
and one-and-a-half (1.5) times its strength; then the same for the `look` rule alone on the
checked scenes held out from tuning (`tuning_scenes`).

With `--checked-jpeg QUALITY` (rule mode) the checked images are measured after a JPEG round trip
(4:2:0), the references staying lossless: a look's features must survive the web exports a team
checks against its masters (fine-scale colour does not).

Run: python benchmarks/style_separation.py [--folder /path/to/photos] [--mode rule|spec] [--checked-jpeg 85]
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent))

import looks
from look_prior import centre_crop, photographs

from stylelint.colour import rgb8_to_lab
from stylelint.look import look_features
from stylelint.rule import References
from stylelint.rules.look import RULE, compare, judge, suggest
from stylelint.testing import make_params

UInt8 = npt.NDArray[np.uint8]
STRENGTHS = (0.5, 1.5)
FOLDS = 3


def tuning_scenes(names: Sequence[str]) -> set[str]:
    """The scenes the look features and model were tuned on: a seeded half (15 of the 29 photographs
    of the Kodak suite and scikit-image; seed 12345). The others are held out from tuning, so their
    figures show what new scenes can expect."""
    ordered = sorted(names)
    return {ordered[i] for i in np.random.default_rng(12345).permutation(len(ordered))[: (len(ordered) + 1) // 2]}


def scenes(folders: list[Path], long_edge: int) -> dict[str, UInt8]:
    """{name: 4:5 crop, long edge at most `long_edge`} of every photograph."""
    out = {}
    for name, image in photographs(folders).items():
        crop = Image.fromarray(np.ascontiguousarray(centre_crop(image, 0.8)))
        crop.thumbnail((long_edge, long_edge), Image.Resampling.LANCZOS)
        out[name] = np.asarray(crop)
    return out


def graded(scene_images: dict[str, UInt8], *, strengths: bool = True) -> dict[tuple[str, float], dict[str, UInt8]]:
    """{(look, strength): {scene: image}}: every look at strength 1, and also at 0.5 and 1.5."""
    out: dict[tuple[str, float], dict[str, UInt8]] = {}
    for name, look in looks.LOOKS.items():
        for strength in (1.0, *(() if name == "ungraded" or not strengths else STRENGTHS)):
            out[(name, strength)] = {s: looks.apply(look, img, strength) for s, img in scene_images.items()}
    return out


# ---- the two ways of learning and checking -----------------------------------------------------


def jpeg(image: UInt8, quality: int) -> UInt8:
    """`image` after a round trip through a baseline JPEG at `quality` (Pillow's default 4:2:0
    chroma subsampling), as a web export would leave it."""
    buffer = io.BytesIO()
    Image.fromarray(image).save(buffer, "JPEG", quality=quality)
    return np.asarray(Image.open(buffer).convert("RGB"))


def rule_mode(
    images: dict[tuple[str, float], dict[str, UInt8]],
    folds: list[list[str]],
    houses: Sequence[str],
    checked_jpeg: int | None = None,
) -> list[dict[str, Any]]:
    """Rows {house, fold, look, strength, scene, passed, look_passed} from the look rule alone;
    with `checked_jpeg`, the checked images are measured after a JPEG round trip at that quality
    (the references stay lossless)."""
    features = {key: {s: look_features(rgb8_to_lab(img)) for s, img in group.items()} for key, group in images.items()}
    checked = features
    if checked_jpeg is not None:
        checked = {
            key: {s: look_features(rgb8_to_lab(jpeg(img, checked_jpeg))) for s, img in group.items()}
            for key, group in images.items()
        }
    rows = []
    for house in houses:
        for fold, refs in enumerate(folds):
            records = tuple(features[(house, 1.0)][s] for s in refs)
            params = make_params(RULE, suggest(References(measured=records, count=len(records))).params)
            assert all(judge(m, params).passed for m in compare(records, params)), "a reference fails its own look"
            for (name, strength), by_scene in checked.items():
                held = [s for s in by_scene if s not in refs]
                for scene, m in zip(held, compare([by_scene[s] for s in held], params)):
                    passed = judge(m, params).passed
                    rows.append(dict(house=house, fold=fold, look=name, strength=strength, scene=scene, passed=passed))
                    rows[-1]["look_passed"] = passed
    return rows


def spec_mode(
    images: dict[tuple[str, float], dict[str, UInt8]], folds: list[list[str]], houses: Sequence[str]
) -> list[dict[str, Any]]:
    """Rows as `rule_mode`'s, learned with `learn_spec` and checked with `stylelint.check`."""
    from stylelint import check
    from stylelint.learn import learn_spec

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for (name, strength), by_scene in images.items():
            folder = root / f"{name}@{strength:g}"
            folder.mkdir()
            for scene, img in by_scene.items():
                Image.fromarray(img).save(folder / f"{scene}.png")
        for house in houses:
            for fold, refs in enumerate(folds):
                learned = learn_spec([str(root / f"{house}@1" / f"{s}.png") for s in refs], jobs=2)
                spec = root / f"{house}-{fold}.yaml"
                spec.write_text(learned.text, encoding="utf-8")
                paths = [
                    root / f"{n}@{st:g}" / f"{s}.png"
                    for (n, st), by_scene in images.items()
                    for s in by_scene
                    if s not in refs
                ]
                report = check(paths, spec)
                by_path = {f.path: f for f in report.files}  # the report is in path order, not ours
                for path in paths:
                    result = by_path[str(path)]
                    name, strength = path.parent.name.split("@")
                    look_ok = all(r.passed for r in result.results if r.rule == "look")
                    rows.append(
                        dict(
                            house=house,
                            fold=fold,
                            look=name,
                            strength=float(strength),
                            scene=path.stem,
                            passed=result.error is None and all(r.passed for r in result.results),
                            look_passed=look_ok,
                            failed_rules=sorted({r.rule for r in result.results if not r.passed}),
                        )
                    )
    return rows


# ---- figures -----------------------------------------------------------------------------------


def rate(rows: Sequence[dict[str, Any]], key: str = "passed") -> float:
    return float(np.mean([r[key] for r in rows])) if rows else float("nan")


def blamed(rows: list[dict[str, Any]]) -> None:
    """Which rules of the learned specs fail the on-style held-out images, and how often."""
    on = [r for r in rows if r["look"] == r["house"] and r["strength"] == 1.0]
    counts: dict[str, int] = {}
    for row in on:
        for rule_id in row.get("failed_rules", []):
            counts[rule_id] = counts.get(rule_id, 0) + 1
    shown = ", ".join(f"{k} {v / len(on):.0%}" for k, v in sorted(counts.items(), key=lambda kv: -kv[1]))
    print(f"on-style held-out images failed by each rule of the learned specs: {shown or 'none'}\n")


def report(rows: list[dict[str, Any]], key: str) -> None:
    names = list(looks.LOOKS)
    full = [r for r in rows if r["strength"] == 1.0]
    print("confusion matrix: share of held-out images that pass (rows: house look, columns: look checked)")
    print(" " * 16 + "".join(f"{n[:7]:>8s}" for n in names))
    evaluated = {r["house"] for r in rows}
    for house in [n for n in names if n in evaluated]:
        cells = [rate([r for r in full if r["house"] == house and r["look"] == n], key) for n in names]
        print(f"{house:16s}" + "".join(f"{c:8.2f}" for c in cells))
    print()
    print(
        f"{'house look':16s} {'on-style pass':>14s} {'off-style fail':>15s} {'worst off-style':>24s} {'x0.5 pass':>10s} {'x1.5 pass':>10s}"
    )
    for group, members in (("tuning", looks.TUNING), ("held out", looks.HELD_OUT)):
        on_rates, off_rates = [], []
        for house in [m for m in members if m in evaluated]:
            on = rate([r for r in full if r["house"] == house and r["look"] == house], key)
            off_rows = [r for r in full if r["house"] == house and r["look"] != house]
            off = 1 - rate(off_rows, key)
            worst = min(((1 - rate([r for r in off_rows if r["look"] == n], key)), n) for n in names if n != house)
            weak = [
                rate([r for r in rows if r["house"] == house and r["look"] == house and r["strength"] == s], key)
                for s in STRENGTHS
            ]
            on_rates.append(on)
            off_rates.append(off)
            print(f"{house:16s} {on:14.2f} {off:15.2f} {worst[1]:>18s} {worst[0]:.2f} {weak[0]:10.2f} {weak[1]:10.2f}")
        print(
            f"{'mean ' + group:16s} {np.mean(on_rates):14.2f} {np.mean(off_rates):15.2f}   (worst look: on {min(on_rates):.2f}, off {min(off_rates):.2f})"
        )
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, action="append", default=[], help="more photographs (repeatable)")
    parser.add_argument("--mode", choices=("rule", "spec"), default="rule")
    parser.add_argument("-k", type=int, default=10, help="references per reference set (default 10)")
    parser.add_argument("--long-edge", type=int, default=512, help="long edge of the 4:5 crops, px")
    parser.add_argument("--houses", default=",".join(looks.LOOKS), help="house looks to learn (comma-separated)")
    parser.add_argument("--no-strengths", action="store_true", help="skip the x0.5 and x1.5 grades")
    parser.add_argument(
        "--checked-jpeg",
        type=int,
        metavar="QUALITY",
        help="rule mode: measure the checked images after a JPEG round trip at this quality (4:2:0), the "
        "references lossless: does a look learned from masters still pass its web exports?",
    )
    args = parser.parse_args()
    scene_images = scenes(args.folder, args.long_edge)
    names = sorted(scene_images)
    if len(names) < FOLDS * args.k + 1:
        parser.error(f"{len(names)} scenes: 3 disjoint sets of {args.k} references need at least {FOLDS * args.k + 1}")
    order = [names[i] for i in np.random.default_rng(0).permutation(len(names))]
    folds = [order[f * args.k : (f + 1) * args.k] for f in range(FOLDS)]
    print(
        f"{len(names)} scenes, {len(looks.LOOKS)} looks, {FOLDS} disjoint reference sets of {args.k}; mode {args.mode}\n"
    )
    houses = [h for h in args.houses.split(",") if h in looks.LOOKS]
    images = graded(scene_images, strengths=not args.no_strengths)
    if args.checked_jpeg is not None and args.mode != "rule":
        parser.error("--checked-jpeg is for --mode rule")
    if args.mode == "rule":
        rows = rule_mode(images, folds, houses, args.checked_jpeg)
    else:
        rows = spec_mode(images, folds, houses)
    if args.mode == "spec":
        print("== whole learned spec ==")
        report(rows, "passed")
        blamed(rows)
        print("== the look rule alone (same learned specs) ==")
    report(rows, "look_passed")
    held_scenes = set(names) - tuning_scenes(names)
    print(f"== the look rule alone, on the {len(held_scenes)} checked scenes held out from tuning ==")
    report([r for r in rows if r["scene"] in held_scenes], "look_passed")


if __name__ == "__main__":
    main()
