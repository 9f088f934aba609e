"""stylelint.entry_points finds what importlib.metadata finds, without its imports (issue 14)."""

from __future__ import annotations

import importlib.metadata
import sys
import zipfile

import pytest

from stylelint import entry_points
from stylelint.registry import REPORTER_GROUP, RULE_GROUP


def _triples(points) -> list[tuple[str, str, str | None]]:
    return sorted((p.name, p.value, p.dist.name if p.dist is not None else None) for p in points)


@pytest.mark.parametrize("group", [RULE_GROUP, REPORTER_GROUP, "console_scripts"])
def test_the_installed_entry_points_are_importlib_metadatas(group):
    # The whole environment the tests run in: stylelint's own 22 rules and 7 reporters, and every
    # other distribution's console scripts (pytest, pip, ruff, ...).
    ours = _triples(entry_points.entry_points(group))
    assert ours == _triples(importlib.metadata.entry_points(group=group))
    assert len(ours) >= (22 if group == RULE_GROUP else 7)


def _install(folder, info: str, text: str, metadata: str = "") -> None:
    (folder / info).mkdir(parents=True)
    (folder / info / "entry_points.txt").write_text(text)
    if metadata:
        (folder / info / ("PKG-INFO" if info.endswith(".egg-info") else "METADATA")).write_text(metadata)


def test_sections_comments_spacing_and_the_first_distribution_of_a_name(tmp_path, monkeypatch):
    first, second = tmp_path / "first", tmp_path / "second"
    text = "# a comment\n[other]\nx = nowhere:X\n\n[stylelint.rules]\n  wide = wide_plugin : RULE [extra]\n"
    _install(first, "wide_plugin-1.0.dist-info", text, "Metadata-Version: 2.1\nName: Wide.Plugin\nVersion: 1.0\n\nbody")
    _install(second, "Wide_Plugin-2.0.dist-info", "[stylelint.rules]\nwide = shadowed:RULE\n")  # same name, later
    _install(second, "old_plugin.egg-info", "[stylelint.rules]\nold = old_plugin\n", "Name: old-plugin\nVersion: 0.9\n")
    monkeypatch.setattr(sys, "path", [str(first), str(tmp_path / "missing"), str(second)])
    found = entry_points.entry_points(RULE_GROUP)
    assert _triples(found) == _triples(importlib.metadata.entry_points(group=RULE_GROUP))
    assert [(p.name, p.value, p.dist.name, p.dist.version) for p in found] == [
        ("wide", "wide_plugin : RULE [extra]", "Wide.Plugin", "1.0"),
        ("old", "old_plugin", "old-plugin", "0.9"),
    ]


def test_a_zip_archive_on_the_path_is_left_to_importlib_metadata(tmp_path, monkeypatch):
    archive = tmp_path / "plugins.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr(
            "zipped_plugin-1.0.dist-info/entry_points.txt", "[stylelint.rules]\nzipped = zipped_plugin:RULE\n"
        )
        zipped.writestr("zipped_plugin-1.0.dist-info/METADATA", "Name: zipped-plugin\nVersion: 1.0\n")
    monkeypatch.setattr(sys, "path", [str(archive)])
    assert _triples(entry_points.entry_points(RULE_GROUP)) == [("zipped", "zipped_plugin:RULE", "zipped-plugin")]


def test_load_imports_the_module_then_reads_each_attribute():
    point = entry_points.EntryPoint("join", "os.path : join", "g")
    assert point.load() is __import__("os").path.join
    assert entry_points.EntryPoint("json", "json", "g").load() is __import__("json")
    with pytest.raises(ValueError, match="malformed entry point value 'not a value!'"):
        entry_points.EntryPoint("bad", "not a value!", "g").load()
