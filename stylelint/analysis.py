"""Analysis settings of a spec (CONTRACT.md §2 `analysis`), apart from the decoding code.

The spec, the cache and the CLI need these numbers without numpy or Pillow (issue 14: the CLI
starts without them); `stylelint.decode` applies them.
"""

from __future__ import annotations

from dataclasses import dataclass

# The accepted range of each setting, inclusive: a working copy of at least 16 px on its long
# edge, at most 16384 (the largest a JPEG stores); a day's time limit at most.
ANALYSIS_BOUNDS = {"max_side": (16, 16384), "max_pixels": (1, 10**12), "max_seconds": (1, 86400)}


@dataclass(frozen=True)
class Analysis:
    """Analysis settings of a spec (CONTRACT.md §2 `analysis`)."""

    max_side: int = 1024
    max_pixels: int = 200_000_000
    max_seconds: int = 120
