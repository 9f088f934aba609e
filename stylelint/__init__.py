"""stylelint: a linter for images that checks them against a visual-language spec."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from stylelint.api import check

__all__ = ["__version__", "check"]


def __getattr__(name: str) -> Any:
    """`stylelint.check`, imported on first use (PEP 562): importing the package (the CLI does,
    for `--help` and `--version`) then loads neither numpy nor Pillow (issue 14)."""
    if name == "check":
        from stylelint.api import check

        return check
    raise AttributeError(f"module 'stylelint' has no attribute {name!r}")
