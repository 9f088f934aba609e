"""Order statistics without numpy's masked-array module (issue 14: start-up).

`np.median` and `np.percentile` import `numpy.ma` on their first call, about 10 ms of a fresh
process's start (a pre-commit run on one file), only to check for masked input. The measures a
check runs on every image take their medians here instead: the same partition numpy uses, the
same numbers.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt


def median(values: npt.NDArray[np.floating]) -> float:
    """The median of `values` (any shape, taken over all of them; at least one, none NaN): the
    middle one, or the mean of the middle two, as `np.median` computes them (for an even count,
    `np.mean` of the two in the values' dtype), to the bit.

    >>> median(np.array([3.0, 1.0, 2.0])), median(np.array([4.0, 1.0, 3.0, 2.0]))
    (2.0, 2.5)
    """
    flat = np.ravel(values)
    half = flat.size // 2
    if flat.size % 2:
        return float(np.partition(flat, half)[half])
    middle = np.partition(flat, (half - 1, half))[half - 1 : half + 1]
    return float(np.mean(middle))
