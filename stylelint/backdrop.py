"""The white backdrop of a product shot: the blown pixels joined to the frame's edge.

A product photographed on a white seamless (catalogue and marketplace images are often required
to sit on pure white) is blown there by design: OpenCV's sample of sweets on white has 73 % of
its pixels at every channel ≥ 250. `exposure` with `white_backdrop: true` leaves out of its blown
highlights those in the backdrop: the near-white region (every channel ≥ NEAR_WHITE_CODE) joined
to the frame's edge (4-connected; SciPy's `ndimage.label`, imported only then). What is left is
blown on the subject, a highlight with no detail, which a retoucher would fix.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

BoolArray = npt.NDArray[np.bool_]

# The backdrop is flooded through near-white px, not through blown ones alone: its soft shadows
# and noise leave islands of blown px enclosed by near-white ones (OpenCV's sweets on white: 0.48 %
# of the frame joined to the edge only through blown px, 1 px through px ≥ 240), while a
# product's own highlight is enclosed by its colour.
NEAR_WHITE_CODE = 240


def backdrop(channel_min: npt.NDArray[np.uint8], blown_code: int) -> BoolArray:
    """The blown px (smallest channel ≥ `blown_code`) of the white backdrop: of the near-white
    region joined to the frame's edge. `channel_min`: each px's smallest 8-bit channel, (H, W)."""
    return border_connected(channel_min >= NEAR_WHITE_CODE) & (channel_min >= blown_code)


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
