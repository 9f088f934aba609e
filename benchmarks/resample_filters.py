"""Which resampling filter makes the working copy: CPU per image against what it does to the values.

For each JPEG given, decodes at the DCT scale stylelint uses (the smallest of 1/2, 1/4, 1/8 at
least the working size), then resizes to the working size with each of Pillow's filters, and
measures every rule of the `recommended` preset on that working copy (the copy is handed to
ImageFacts as decoded, so only the filter differs). Prints, per filter, the median CPU ms of the
resize, the largest change of each measured number against LANCZOS (absolute, and relative to
the LANCZOS value) and how many verdicts of the preset changed.
Run: python benchmarks/resample_filters.py 'benchmarks/data/camera-q95-40/*.jpg'
"""

from __future__ import annotations

import glob
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from PIL import Image

from stylelint.analysis import Analysis
from stylelint.api import resolve_spec
from stylelint.decode import working_size
from stylelint.facts import ImageFacts
from stylelint.spec import RuleConfig

FILTERS = ("LANCZOS", "BICUBIC", "HAMMING", "BILINEAR", "BOX")


def numbers(measured: dict[str, Any], prefix: str = "") -> dict[str, float]:
    """The numeric leaves of a rule's measurements, by dotted key."""
    out: dict[str, float] = {}
    for key, value in measured.items():
        if isinstance(value, dict):
            out.update(numbers(value, f"{prefix}{key}."))
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            out[f"{prefix}{key}"] = float(value)
    return out


def measure(path: str, working: Image.Image, configs: list[RuleConfig]) -> tuple[dict[str, float], tuple[bool, ...]]:
    """Every number the preset's rules measure on `working`, and each rule's verdict."""
    facts = ImageFacts(path)
    facts.known_decodable = True
    facts.__dict__["working_image"] = working  # the cached fact, as decode_working would give it
    values: dict[str, float] = {}
    verdicts = []
    for config in configs:
        measured = config.rule.measure(facts, config.params)
        values.update(numbers(measured, f"{config.rule.id}."))
        verdicts.append(config.rule.judge(measured, config.params).passed)
    return values, tuple(verdicts)


def main() -> None:
    files = sorted(glob.glob(sys.argv[1]))
    with tempfile.TemporaryDirectory() as work:
        path = Path(work) / "stylelint.yaml"
        path.write_text("version: 1\nextends: [recommended]\n")
        spec = resolve_spec(path)
    configs = [spec.rules[k] for k in sorted(spec.rules)]
    cpu: dict[str, list[float]] = {name: [] for name in FILTERS}
    results: dict[str, Results] = {name: [] for name in FILTERS}
    for file in files:
        with Image.open(file) as image:
            size = working_size(image.size, Analysis().max_side)
            image.draft("RGB", size)
            decoded = image.convert("RGB")
        for name in FILTERS:
            start = time.process_time()
            working = decoded.resize(size, getattr(Image.Resampling, name), reducing_gap=3.0)
            cpu[name].append(1000 * (time.process_time() - start))
            results[name].append(measure(file, working, configs))
    print(f"{len(files)} files, working copy {size[0]}×{size[1]} from {decoded.size[0]}×{decoded.size[1]}; ", end="")
    print("largest change against LANCZOS (absolute, then relative to the LANCZOS value)\n")
    reference = results["LANCZOS"]
    keys = [key for key in sorted(reference[0][0]) if any(_changes(reference, results[name], key) for name in FILTERS)]
    print("| filter | resize CPU ms | verdicts changed | " + " | ".join(keys) + " |")
    print("|---" * (len(keys) + 3) + "|")
    for name in FILTERS:
        cells = [_worst(reference, results[name], key) for key in keys]
        changed = sum(ref[1] != got[1] for ref, got in zip(reference, results[name]))
        print(f"| {name} | {statistics.median(cpu[name]):.1f} | {changed} | " + " | ".join(cells) + " |")


Results = list[tuple[dict[str, float], tuple[bool, ...]]]


def _changes(reference: Results, other: Results, key: str) -> list[float]:
    """(LANCZOS value, other value) per file where `key` is measured in both and differs."""
    return [
        abs(got[0][key] - ref[0][key])
        for ref, got in zip(reference, other)
        if key in ref[0] and key in got[0] and got[0][key] != ref[0][key]
    ]


def _worst(reference: Results, other: Results, key: str) -> str:
    """The largest change of `key` over the files, absolute and relative."""
    pairs = [(ref[0][key], got[0][key]) for ref, got in zip(reference, other) if key in ref[0] and key in got[0]]
    if not pairs:
        return "—"
    before, after = max(pairs, key=lambda pair: abs(pair[1] - pair[0]))
    if before == after:
        return "0"
    relative = f"{abs(after - before) / abs(before):.0%}" if before else "from 0"
    return f"{abs(after - before):.3g} ({relative})"


if __name__ == "__main__":
    main()
