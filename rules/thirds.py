"""The subject sits on a rule-of-thirds point (or in the centre).

Measures `subject`: the centroid [x, y], as fractions of the width and height from the top
left, of the salient part of the working copy, and `distance`: how far it is from the nearest
target point, as a share of the image diagonal (0 on the point; about 0.24 from a thirds point
to a corner). Targets are the four intersections of the lines at 1/3 and 2/3 of the width and
height (`target: thirds`), or the centre (`target: center`). `nearest` is that target point.

Saliency is the spectral residual of Hou & Zhang (2007) on the grey working copy, scaled to
64 px on its long side: what the log-amplitude spectrum has beyond its local average marks
what stands out of the image's own statistics. The subject is the saliency-weighted centroid
of the pixels whose saliency exceeds three times the mean (the paper's object threshold).
A flat image has no subject: `subject` and `distance` are null and the rule passes.

Fails when `distance` > `max_distance`; the bound is inclusive.

Known failure cases: saliency marks what differs from its surroundings, not what is
meaningful: several subjects pull the centroid between them (two people at the two thirds
read as centred); a busy background around a plain subject makes the background salient; a
subject that fills the frame has its centroid near the centre whatever the framing.

References: Hou, X. & Zhang, L. (2007), "Saliency detection: a spectral residual approach",
CVPR; Smith, J. T. (1797), "Remarks on Rural Scenery" (the rule of thirds).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np

from stylelint.facts import FloatArray, ImageFacts
from stylelint.rule import Category, Rule, Verdict, param, params

# Hou & Zhang 2007, §2.4: object map = saliency above three times its mean.
OBJECT_THRESHOLD = 3.0
_TARGETS = {
    "thirds": ((1 / 3, 1 / 3), (2 / 3, 1 / 3), (1 / 3, 2 / 3), (2 / 3, 2 / 3)),
    "center": ((0.5, 0.5),),
}


@params
class Params:
    target: str = param(
        "thirds", choices=("thirds", "center"), doc="Where the subject belongs: a rule-of-thirds point, or the centre."
    )
    max_distance: float = param(
        0.1,
        unit="share of the diagonal",
        min=0,
        max=1,
        doc="Largest allowed distance from the subject to the nearest target.",
    )


def measure(facts: ImageFacts, p: Params) -> dict[str, Any]:
    subject = saliency_centroid(facts.saliency)
    if subject is None:
        return {"subject": None, "distance": None, "nearest": None}
    height, width = facts.gray.shape
    diagonal = math.hypot(width, height)

    def distance(point: tuple[float, float]) -> float:
        return math.hypot((subject[0] - point[0]) * width, (subject[1] - point[1]) * height) / diagonal

    nearest = min(_TARGETS[p.target], key=distance)
    return {
        "subject": [round(subject[0], 4), round(subject[1], 4)],
        "distance": round(distance(nearest), 4),
        "nearest": [round(v, 4) for v in nearest],
    }


def saliency_centroid(saliency: FloatArray) -> tuple[float, float] | None:
    """Saliency-weighted centroid of the object map, as (x, y) fractions; None when flat."""
    if not saliency.any():
        return None
    weights = np.where(saliency > OBJECT_THRESHOLD * saliency.mean(), saliency, 0.0)
    if not weights.any():
        weights = saliency
    height, width = saliency.shape
    ys, xs = np.mgrid[0:height, 0:width]
    total = weights.sum()
    # Pixel centres: the first pixel covers [0, 1/width), its centre is at 0.5/width.
    return (float((weights * (xs + 0.5)).sum() / total / width), float((weights * (ys + 0.5)).sum() / total / height))


def judge(measured: Mapping[str, Any], p: Params) -> Verdict:
    expected = {"target": p.target, "max_distance": p.max_distance}
    distance = measured["distance"]
    if distance is None:
        return Verdict(True, expected, "no subject stands out of the image")
    x, y = measured["subject"]
    where = "a thirds point" if p.target == "thirds" else "the centre"
    text = f"subject at ({x:.0%}, {y:.0%}) is {distance:.1%} of the diagonal from {where}"
    if distance <= p.max_distance:
        return Verdict(True, expected, text)
    return Verdict(False, expected, f"{text}; limit {p.max_distance:.1%}")


RULE = Rule(
    id="thirds",
    category=Category.COMPOSITION,
    version=1,
    doc=__doc__,
    params=Params,
    measure=measure,
    judge=judge,
    measured_keys=("subject", "distance", "nearest"),
    measured_with=("target",),
    example="thirds: {severity: info, target: thirds, max_distance: 0.1}",
)
