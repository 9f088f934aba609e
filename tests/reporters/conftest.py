"""Fixtures of the reporter tests: the fixed sample Report and the golden-file comparison."""

from __future__ import annotations

from pathlib import Path

import pytest
from reporter_samples import sample_report

from stylelint import __version__
from stylelint.report import Report

GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture
def report() -> Report:
    return sample_report()


@pytest.fixture
def golden(update_golden):
    """golden(name, text): compare `text` with golden/<name>, or rewrite it with --update-golden.

    The stylelint version is normalised to `<version>` so that a release needs no refresh."""

    def check(name: str, text: str) -> None:
        text = text.replace(__version__, "<version>")
        path = GOLDEN / name
        if update_golden:
            path.write_text(text, encoding="utf-8", newline="")
            return
        assert path.exists(), f"{path} missing: run pytest --update-golden"
        with path.open(encoding="utf-8", newline="") as stored:
            expected = stored.read()
        assert expected == text, f"{name} differs from its golden file; review and run pytest --update-golden"

    return check
