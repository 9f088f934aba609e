"""The figures of ordinary photographs that `stylelint learn` compares references with.

`learn` leaves a range out when it would admit most of what ordinary photographs span, writes a
bound beyond every ordinary photograph measured, and keeps a `consistency` feature only when the
references hold it much tighter than ordinary photographs do. Those figures (the `TYPICAL_…`,
`EXTREME_…` and `POPULATION_MAD` constants of rules/exposure.py, colorfulness.py,
color_temperature.py and consistency.py) were measured on the 24 Kodak test photographs
(ungraded film scans, 768 × 512, http://r0k.us/graphics/kodak/) with this script, by the rules'
own `measure` at the default analysis settings: P5–P95 (numpy's linear interpolation) and
least–most of mean L*, RMS contrast, colourfulness M and grey-world CCT (Ohno's method, taken in
mired, where `learn` learns it), and the MAD of each `consistency` feature. The column P99 is
the share of clipped highlights and crushed shadows that one ordinary photograph in 100 exceeds:
`ORDINARY_HIGHLIGHTS` and `ORDINARY_SHADOWS` of rules/exposure.py, measured on 349 photographs
(more folders given after the first: the 24 Kodak ones, the 27 photographs among OpenCV's
sample images, and the image-restoration test sets BSD100, Urban100, Sun-Hays80 and McMaster),
since 24 photographs say little about their top hundredth.

Run: python benchmarks/learn_constants.py /path/to/kodak [more folders …]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from stylelint.analysis import Analysis
from stylelint.facts import ImageFacts
from stylelint.registry import available_rules
from stylelint.testing import make_params

EXTENSIONS = {".png", ".jpg", ".jpeg", ".tif", ".tiff"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folders", type=Path, nargs="+", help="ordinary photographs (the 24 Kodak images, …)")
    args = parser.parse_args()
    rules = available_rules()
    consistency = rules["consistency"]
    params = make_params(consistency)
    records = []
    paths = sorted(p for folder in args.folders for p in folder.iterdir() if p.suffix.lower() in EXTENSIONS)
    for path in paths:
        records.append(consistency.measure(ImageFacts(str(path), Analysis()), params))
    print(f"{len(records)} photographs\n")
    print(f"{'feature':<13} {'P5':>9} {'P95':>9} {'P99':>9} {'least':>9} {'most':>9} {'MAD':>9}")
    for name in ("lightness", "contrast", "colorfulness", "temperature", "mean_a", "mean_b", "highlights", "shadows"):
        values = np.array([r[name] for r in records if r.get(name) is not None], dtype=np.float64)
        low, high, top = np.percentile(values, [5, 95, 99])
        mad = float(np.median(np.abs(values - np.median(values))))
        print(f"{name:<13} {low:>9.4g} {high:>9.4g} {top:>9.4g} {values.min():>9.4g} {values.max():>9.4g} {mad:>9.4g}")
    mired = 1e6 / np.array([r["temperature"] for r in records if r.get("temperature")], dtype=np.float64)
    low, high = np.percentile(mired, [5, 95])
    print(
        f"\nCCT in mired: P5–P95 {low:.1f}–{high:.1f} ({1e6 / high:.0f}–{1e6 / low:.0f} K), "
        f"least–most {mired.min():.1f}–{mired.max():.1f} ({1e6 / mired.max():.0f}–{1e6 / mired.min():.0f} K)"
    )


if __name__ == "__main__":
    main()
