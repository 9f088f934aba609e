"""stylelint.entry_points finds what importlib.metadata finds, in its order, without its imports
(issue 14)."""

from __future__ import annotations

import importlib.metadata
import os
import sys
import zipfile
from pathlib import Path

import pytest

from stylelint import entry_points
from stylelint.registry import REPORTER_GROUP, RULE_GROUP


def _found(points) -> list[tuple[str, str, str]]:
    """Each entry point's name, value and metadata folder, in the order given."""
    return [(p.name, p.value, str(getattr(p.dist, "folder", None) or p.dist._path)) for p in points]


def _same_as_importlib(group: str) -> list[tuple[str, str, str]]:
    ours = _found(entry_points.entry_points(group))
    assert ours == _found(importlib.metadata.entry_points(group=group))
    return ours


@pytest.mark.parametrize("group", [RULE_GROUP, REPORTER_GROUP, "console_scripts"])
def test_the_installed_entry_points_are_importlib_metadatas(group):
    # The whole environment the tests run in: stylelint's own 22 rules and 7 reporters, and every
    # other distribution's console scripts (pytest, pip, ruff, ...), in the same order.
    assert len(_same_as_importlib(group)) >= (22 if group == RULE_GROUP else 7)


def _install(folder: Path, info: str, points: str, metadata: str = "") -> None:
    (folder / info).mkdir(parents=True)
    (folder / info / "entry_points.txt").write_text(points)
    if metadata:
        (folder / info / ("PKG-INFO" if info.endswith(".egg-info") else "METADATA")).write_text(metadata)


@pytest.fixture
def listed_in(monkeypatch):
    """Make os.listdir list the given folders' children in the given order (for both readers)."""
    orders: dict[str, list[str]] = {}
    real = os.listdir

    def listdir(path="."):
        return list(orders.get(str(path), real(path)))

    monkeypatch.setattr(os, "listdir", listdir)
    return orders


def test_the_first_listed_distribution_of_a_name_wins_as_in_importlib(tmp_path, monkeypatch, listed_in):
    first, second = tmp_path / "first", tmp_path / "second"
    _install(first, "p5.egg-info", "[stylelint.rules]\nr = egg:R\n", "Name: p5\nVersion: 0.1\n")
    _install(first, "p5-1.0.dist-info", "[stylelint.rules]\nr = dist:R\n")
    _install(first, "foo-2.0.dist-info", "[stylelint.rules]\nf = new:F\n")
    _install(first, "foo-1.0.dist-info", "[stylelint.rules]\nf = stale:F\n")
    _install(second, "Foo-3.0.dist-info", "[stylelint.rules]\nf = shadowed:F\n")  # same name, later
    for name in "kbxmzq":
        _install(first, f"{name}-1.dist-info", f"[stylelint.rules]\n{name} = m:{name.upper()}\n")
    listed_in[str(first)] = ["p5.egg-info", "k-1.dist-info", "foo-2.0.dist-info", "b-1.dist-info"]
    listed_in[str(first)] += ["x-1.dist-info", "p5-1.0.dist-info", "m-1.dist-info", "foo-1.0.dist-info"]
    listed_in[str(first)] += ["z-1.dist-info", "q-1.dist-info"]
    monkeypatch.setattr(sys, "path", [str(first), str(tmp_path / "missing"), str(second)])
    found = _same_as_importlib(RULE_GROUP)
    assert [value for _, value, _ in found] == ["egg:R", "m:K", "new:F", "m:B", "m:X", "m:M", "m:Z", "m:Q"]


def test_sections_comments_spacing_and_metadata_headers(tmp_path, monkeypatch):
    text = (
        "# a comment\n[other]\nx = nowhere:X\n\n[stylelint.rules]\n  wide = wide_plugin : RULE [extra]\n"
        "[ stylelint.rules ]\nspaced = not:Read\n"
    )
    # A folded continuation line is not a header; the first Name and Version count.
    metadata = (
        "Metadata-Version: 2.1\nSummary: a\n  Name: folded\nName: Wide.Plugin\nVersion: 1.0\nVersion: 9\n\nName: b"
    )
    _install(tmp_path, "wide_plugin-1.0.dist-info", text, metadata)
    monkeypatch.setattr(sys, "path", [str(tmp_path)])
    assert [name for name, _, _ in _same_as_importlib(RULE_GROUP)] == ["wide"]
    (found,) = entry_points.entry_points(RULE_GROUP)
    (theirs,) = importlib.metadata.entry_points(group=RULE_GROUP)
    assert (found.value, found.dist.name, found.dist.version) == ("wide_plugin : RULE [extra]", "Wide.Plugin", "1.0")
    assert (theirs.dist.name, theirs.dist.version) == ("Wide.Plugin", "1.0")


@pytest.mark.parametrize("odd", ["zip", "path object", "upper-case suffix"])
def test_what_a_folder_search_could_read_otherwise_is_left_to_importlib_metadata(tmp_path, monkeypatch, odd):
    if odd == "zip":
        entry: object = str(tmp_path / "plugins.zip")
        with zipfile.ZipFile(str(entry), "w") as zipped:
            zipped.writestr("zipped-1.0.dist-info/entry_points.txt", "[stylelint.rules]\nz = zipped:RULE\n")
            zipped.writestr("zipped-1.0.dist-info/METADATA", "Name: zipped\nVersion: 1.0\n")
    else:
        entry = tmp_path if odd == "path object" else str(tmp_path)
        info = "zipped-1.0.dist-info" if odd == "path object" else "Zipped-1.0.DIST-INFO"
        _install(tmp_path, info, "[stylelint.rules]\nz = zipped:RULE\n", "Name: zipped\nVersion: 1.0\n")
    monkeypatch.setattr(sys, "path", [entry])
    found = entry_points.entry_points(RULE_GROUP)
    assert [(p.name, p.value, p.dist.name) for p in found] == [("z", "zipped:RULE", "zipped")]
    assert not isinstance(found[0], entry_points.EntryPoint)  # importlib.metadata's own


def test_load_imports_the_module_then_reads_each_attribute():
    point = entry_points.EntryPoint("join", "os.path : join", "g")
    assert point.load() is os.path.join
    assert entry_points.EntryPoint("json", "json", "g").load() is __import__("json")
    assert entry_points.EntryPoint("path", "os:path.", "g").load() is os.path  # empty parts ignored
    with pytest.raises(ValueError, match="malformed entry point value 'not a value!'"):
        entry_points.EntryPoint("bad", "not a value!", "g").load()
