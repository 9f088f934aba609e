"""ranks.median: numpy's median to the bit, without importing numpy.ma (issue 14: start-up)."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from stylelint.ranks import median


@pytest.mark.parametrize("size", [1, 2, 3, 10, 101, 4096])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_median_is_numpys_to_the_bit(size, dtype):
    # Odd and even counts, with ties (rounded values), in each float precision the rules use.
    values = np.round(np.random.default_rng(size).normal(0, 3, size), 1).astype(dtype)
    assert median(values) == float(np.median(values))
    assert median(values.reshape(-1, 1)) == float(np.median(values))


def test_median_leaves_its_input_alone_and_imports_no_masked_arrays():
    values = np.array([3.0, 1.0, 2.0, 5.0])
    median(values)
    assert values.tolist() == [3.0, 1.0, 2.0, 5.0]
    code = "import sys, numpy as np; from stylelint.ranks import median; median(np.arange(5.0)); print('numpy.ma' in sys.modules)"
    assert (
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
        == "False"
    )
