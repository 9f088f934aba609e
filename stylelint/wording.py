"""Words shared by messages: a count with its noun ("1 file", "3 distinct scenes")."""

from __future__ import annotations


def count(number: int, noun: str) -> str:
    """`1 file`, `2 files`: a count with its noun in the singular or the (regular) plural."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
