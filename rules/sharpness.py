"""The image is sharp enough: variance of the Laplacian of its luma at a fixed 400-px scale.

Measures `sharpness`: the variance of the 4-neighbour Laplacian ([[0, 1, 0], [1, −4, 1],
[0, 1, 0]], borders mirrored) of the luma, on the 0–255 scale, of the image resampled
(Lanczos) so that its long edge is 400 px: `scale_px` in `measured`. Luma is Rec. 709 weights
on the sRGB-encoded values (as OpenCV's and scikit-image's grey conversions), the quantity the
variance-of-Laplacian focus measure was defined on. Units are (luma levels per px²)² at that
scale; there is no upper limit.

Why a fixed scale: the variance of the Laplacian per pixel depends strongly on the pixel size.
A photograph is rarely sharp to its last pixel, so its thumbnail reads several times sharper
than its full-size file (270 against 27 for one photo, issue 13). Measured at one scale, the
same photo reads the same whatever size the file is: within 4 % from 400 to 1,600 px long
edge on the 24 Kodak photographs (each at 400, 600, 800, 1,024, 1,200 and 1,600 px) and on
scikit-image's photographs. 400 px is a size every published image reaches; images smaller
than that are enlarged to it (Lanczos), so a small thumbnail reads softer than the photo it
came from, as it looks when shown at 400 px. The 400-px copy is shared with the noise rule.

Calibration (24 Kodak photographs, 768 × 512): sharp originals read 550–4,800 (median 1,190);
blurred by a Gaussian of σ = 1 px (at 768 px) 130–1,390; σ = 2 px 17–220 (median 56);
σ = 3 px 5–56. A crisp, detailed photograph reads in the hundreds to thousands, a clearly soft
or out-of-focus one below about 100; a flat image reads 0.

Fails when `sharpness` < `min` (or > `max`); the bounds are inclusive (a value equal to one
passes).

Known failure cases: the measure also rises with noise, grain and fine texture (a noisy soft
photo can read sharp), and falls for a sharp but minimalist image (a subject on a plain
backdrop), so compare like with like. Softness visible only at full size (slight camera shake
in a 24 MP file) does not show at 400 px: the rule judges sharpness as a viewer of a web-size
image sees it.

References: Pech-Pacheco, J. L. et al. (2000), "Diatom autofocusing in brightfield
microscopy: a comparative study", ICPR, 314–317; Pertuz, S. et al. (2013), "Analysis of focus
measure operators for shape-from-focus", Pattern Recognition 46(5).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import numpy.typing as npt

from stylelint.facts import SCALE_PX, ImageFacts
from stylelint.rule import Category, NotLearned, Rule, Verdict, judge_range, param, params, require_min_or_max


@params
class Params:
    min: float | None = param(None, unit="(luma levels/px²)² at 400 px", min=0, doc="Lowest allowed sharpness.")
    max: float | None = param(
        None,
        unit="(luma levels/px²)² at 400 px",
        min=0,
        doc="Highest allowed sharpness (rarely useful; for a soft-focus style).",
    )


def measure(facts: ImageFacts, p: Params) -> dict[str, Any]:
    return {"sharpness": round(float(laplacian(facts.scaled_luma).var(dtype=np.float64)), 4), "scale_px": SCALE_PX}


def laplacian(plane: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """The 4-neighbour Laplacian of `plane` (H, W), borders mirrored (d c b a | a b c d, as
    scipy.ndimage.laplace's mode "reflect"), in numpy alone: SciPy's import costs a fresh
    process more CPU than the whole measure (issue 14)."""
    padded = np.pad(plane, 1, mode="symmetric")
    vertical = padded[:-2, 1:-1] + padded[2:, 1:-1]
    horizontal = padded[1:-1, :-2] + padded[1:-1, 2:]
    return vertical + horizontal - 4 * plane


def judge(measured: Mapping[str, Any], p: Params) -> Verdict:
    return judge_range(measured["sharpness"], p, what="sharpness (variance of the Laplacian)", fmt="{:.1f}")


# For `stylelint learn`: nothing learned, saying why. Sharpness is image quality, not a look: the
# Laplacian's variance within one look varies by far more than 2× with content (foliage against a
# sky, a blurred background), so a minimum learned from a sharp set fails on-style shallow depth
# of field, and one learned from a soft set makes softness a house rule.
suggest = NotLearned(
    "sharpness is image quality, not part of a look: learned from references it would make their "
    "softness (or their scenes' detail) a house rule; set a minimum by hand (the recommended preset's "
    "is 100) or extend `recommended`"
)


RULE = Rule(
    id="sharpness",
    category=Category.QUALITY,
    version=4,
    doc=__doc__,
    params=Params,
    measure=measure,
    judge=judge,
    measured_keys=("sharpness", "scale_px"),
    measured_with=(),
    suggest=suggest,
    constraints=(require_min_or_max,),
    example="sharpness: {severity: warning, min: 100}",
)
