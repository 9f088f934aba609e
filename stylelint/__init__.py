"""stylelint: a linter for images that checks them against a visual-language spec."""

from __future__ import annotations

__version__ = "0.1.0"

from stylelint.api import check

__all__ = ["__version__", "check"]
