"""Analysis settings of a spec (CONTRACT.md §2 `analysis`), apart from the decoding code.

The spec, the cache and the CLI need these numbers without numpy or Pillow (issue 14: the CLI
starts without them); `stylelint.facts` applies them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Analysis:
    """Analysis settings of a spec (CONTRACT.md §2 `analysis`)."""

    max_side: int = 1024
    max_pixels: int = 200_000_000
    max_seconds: int = 120
