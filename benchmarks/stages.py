"""CPU time per stage of the `recommended` preset on camera JPEGs, against the decode floor.

For each file, in this one process (imports and first-call costs paid before timing):
Pillow's draft-1/8 decode (the floor), the SHA-256 of the file, the decode to the working copy
with the header, then each rule's `measure` on fresh ImageFacts; apart, the two parts of the
working copy (Pillow's DCT-scaled decode to the smallest scale at least the working size, then
the LANCZOS resize to it), which are not added to the total. Freed memory is kept for the next
image, as in a check's processes (stylelint.executors.keep_freed_memory). Prints the median CPU ms
(time.process_time) of each stage: CPU time, so that other work on a shared machine disturbs it
little. Run: python benchmarks/stages.py 'benchmarks/data/camera-q95-40/*.jpg' [COUNT]
"""

from __future__ import annotations

import glob
import statistics
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image

from stylelint.analysis import Analysis
from stylelint.api import resolve_spec
from stylelint.decode import working_size
from stylelint.executors import keep_freed_memory
from stylelint.facts import ImageFacts


def main() -> None:
    keep_freed_memory()
    files = sorted(glob.glob(sys.argv[1]))[: int(sys.argv[2]) if len(sys.argv) > 2 else 20]
    with tempfile.TemporaryDirectory() as work:
        path = Path(work) / "stylelint.yaml"
        path.write_text("version: 1\nextends: [recommended]\n")
        spec = resolve_spec(path)
    configs = [spec.rules[k] for k in sorted(spec.rules)]
    warm = ImageFacts(files[0])
    for config in configs:
        config.rule.measure(warm, config.params)
    stages: dict[str, list[float]] = {}

    def timed(name: str, start: float) -> None:
        stages.setdefault(name, []).append(1000 * (time.process_time() - start))

    for file in files:
        start = time.process_time()
        with Image.open(file) as image:
            image.draft("RGB", (image.width // 8, image.height // 8))
            image.load()
        timed("decode floor (draft 1/8)", start)
        start = time.process_time()
        with Image.open(file) as image:
            size = working_size(image.size, Analysis().max_side)
            image.draft("RGB", size)
            image.load()
            decoded = image.copy()
        timed("  of which: decode (draft 1/4 for 6000 px)", start)
        start = time.process_time()
        decoded.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
        timed("  of which: LANCZOS resize to the working size", start)
        facts = ImageFacts(file)
        start = time.process_time()
        facts.content_hash  # noqa: B018
        timed("sha256", start)
        start = time.process_time()
        facts.header  # noqa: B018 - decodes the working copy too
        timed("working copy + header", start)
        for config in configs:
            start = time.process_time()
            config.rule.measure(facts, config.params)
            timed(config.rule.id, start)
    medians = {name: statistics.median(values) for name, values in stages.items()}
    floor = medians.pop("decode floor (draft 1/8)")
    parts = {name: medians.pop(name) for name in list(medians) if name.startswith("  of which")}
    print(f"{len(files)} files; median CPU ms per image\n\n| stage | CPU ms |\n|---|---|")
    print(f"| decode floor (draft 1/8) | {floor:.1f} |")
    for name, value in medians.items():
        print(f"| {name} | {value:.1f} |")
        if name == "working copy + header":
            for part, part_value in parts.items():
                print(f"| {part} | {part_value:.1f} |")
    total = sum(medians.values())
    print(f"\nstylelint {total:.0f} ms per image: {floor / total:.2f}× the floor's throughput (CPU)")


if __name__ == "__main__":
    main()
