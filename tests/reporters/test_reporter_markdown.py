"""Markdown: golden file, one table row per file that did not pass, escaping of user strings."""

from __future__ import annotations

from reporter_samples import SCRIPT_NAME

from stylelint.report import FileResult, Report, RuleResult, Severity
from stylelint.reporters.markdown import escape, render_markdown


def test_golden(report, golden):
    golden("report.md", render_markdown(report))


def test_summary_line_and_one_row_per_file_that_did_not_pass(report):
    lines = render_markdown(report).splitlines()
    assert lines[0].startswith("❌ **stylelint** · 6 files: 1 passed, 1 warned, 3 failed, 1 unreadable")
    rows = [line for line in lines if line.startswith("| ") and not line.startswith("| File")]
    assert len(rows) == 5
    # every row keeps exactly three cells: pipes inside paths and messages are escaped
    assert all(line.replace("\\|", "").count("|") == 4 for line in rows)


def test_user_strings_cannot_inject_markup_or_html(report):
    text = render_markdown(report)
    assert SCRIPT_NAME not in text and "<script>" not in text
    assert '&lt;script&gt;alert("x")&lt;/script&gt;' in text
    assert "second line" in text and "*allowed*" not in text


def test_escape():
    assert escape("a|b *c* _d_ [e](f) `g` <h> & @team ~~s~~ \\") == (
        "a\\|b \\*c\\* \\_d\\_ \\[e\\](f) \\`g\\` &lt;h&gt; &amp; \\@team \\~\\~s\\~\\~ \\\\"
    )
    assert escape("one\ntwo\r\n  three") == "one two three"


def test_all_passing():
    ok = RuleResult("palette", Severity.ERROR, True, "fine", {}, {})
    text = render_markdown(Report(spec="s.yaml", files=(FileResult("a.jpg", (ok,)),)))
    assert text.startswith("✅ **stylelint** · 1 file: 1 passed") and "|" not in text
