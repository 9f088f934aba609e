"""The white backdrop of a product shot: the blown pixels joined to the frame's edge.

A product photographed on a white seamless (catalogue and marketplace images are often required
to sit on pure white) is blown there by design: OpenCV's sample of sweets on white has 73 % of
its pixels at every channel ≥ 250. `exposure` with `white_backdrop: true` leaves out of its blown
highlights those joined to the frame's edge through other blown pixels (4-connected; SciPy's
`ndimage.label`, imported only then). What is left is blown off the backdrop: a highlight on the
product with no detail, which a retoucher would fix. A product's blown part that touches the
backdrop joins it (its edge is lost in the white either way); a white product that is not blown
(every channel under 250) keeps its highlights apart. Specks of blown pixels enclosed by the
backdrop's soft shadow count as the product's (the sweets: 0.48 % of the frame).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

BoolArray = npt.NDArray[np.bool_]


def border_connected(mask: BoolArray) -> BoolArray:
    """The pixels of `mask` (H, W) joined to the frame's edge through pixels of `mask`
    (4-connected)."""
    from scipy.ndimage import label

    regions, _ = label(mask)  # 0 outside the mask; the default structure is 4-connected
    edge = np.concatenate([regions[0], regions[-1], regions[:, 0], regions[:, -1]])
    touching = np.zeros(int(regions.max()) + 1, dtype=bool)
    touching[edge] = True
    touching[0] = False
    return touching[regions]
