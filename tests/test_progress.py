"""The progress bar's rate and time left (issue 14): the mean since the run began, so a batch of
results arriving at once does not read as thousands of files a second."""

from __future__ import annotations

import io
import sys

from stylelint.progress import progress_callback, rate_and_eta


def test_rate_is_the_mean_since_the_start():
    # 12 of 200 files after 6 s: 2 files/s and 188 / 2 = 94 s left, however the 12 arrived.
    assert rate_and_eta(12, 200, 6.0) == "2.0 files/s, 0:01:34 left"


def test_nothing_before_the_first_file_and_no_eta_without_a_total():
    assert rate_and_eta(0, 200, 3.0) == ""
    assert rate_and_eta(5, None, 2.0) == "2.5 files/s"


def test_hours_and_a_finished_run():
    assert rate_and_eta(1, 7201, 1.0) == "1.0 files/s, 2:00:00 left"
    assert rate_and_eta(10, 10, 5.0) == "2.0 files/s, 0:00:00 left"


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_bar_names_what_the_command_does(monkeypatch):
    """compare measures, it does not check: its bar says so (check's says "checking")."""
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    for label in ("checking", "measuring"):
        with progress_callback(label=label) as advance:
            assert advance is not None
            advance(None, 3)  # type: ignore[arg-type]
        assert label in terminal.getvalue()
