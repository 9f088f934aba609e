"""The cache under faults (issue 15): edited or corrupt entries, a full disk, a read-only
folder. The cache may make a run faster, never wrong, never fail it, and never leave litter."""

from __future__ import annotations

import errno
import json
import os

import pytest
from click.testing import CliRunner

from stylelint import check, engine, testing
from stylelint.cache import CACHE_FOLDER
from stylelint.cli import cli
from stylelint.engine import Options

SPEC = 'version: 1\nrules:\n  aspect-ratio: {allowed: ["1:1"]}\n  resolution: {min_width: 50}\n'


@pytest.fixture
def warm(tmp_path, write_image, write_spec, monkeypatch):
    """A spec and a 3:2 PNG measured once into the cache; cwd is tmp_path."""
    spec = write_spec(SPEC)
    image = write_image("a.png", testing.solid((90, 60), "#808080"))
    monkeypatch.chdir(tmp_path)
    cold = check([image], spec, options=Options(cache=True)).to_dict()
    return spec, image, cold


def _entry(tmp_path):
    (entry,) = sorted((tmp_path / CACHE_FOLDER).glob("v1/*/*.json"))
    return entry


def _edit(tmp_path, change):
    entry = _entry(tmp_path)
    data = json.loads(entry.read_text())
    change(data)
    entry.write_text(json.dumps(data))


def _rule_key(data, rule_id):
    return next(k for k in data if k.startswith(rule_id + "@"))


def _measuring(monkeypatch):
    """Count fresh measurements (every one passes through engine._plain; cached ones do not)."""
    calls = []
    original = engine._plain
    monkeypatch.setattr(engine, "_plain", lambda measured: calls.append(1) or original(measured))
    return calls


@pytest.mark.parametrize(
    "edit",
    [
        lambda d: d.update(_notes=None),
        lambda d: d.update(_notes=[1, 2]),
        lambda d: d[_rule_key(d, "aspect-ratio")].update(ratio="1.0"),
        lambda d: d[_rule_key(d, "aspect-ratio")].update(ratio=1.0),  # a plausible false number
        lambda d: d[_rule_key(d, "resolution")].pop("width"),
        lambda d: d.update({_rule_key(d, "resolution"): None}),
        lambda d: d.clear(),
    ],
    ids=["notes-null", "notes-not-text", "string", "edited-number", "missing-key", "entry-null", "empty"],
)
def test_an_edited_cache_entry_is_measured_again_never_trusted(warm, tmp_path, edit):
    spec, image, cold = warm
    _edit(tmp_path, edit)
    assert check([image], spec, options=Options(cache=True)).to_dict() == cold
    # The entry was rewritten whole, so the next run is warm and right again.
    assert check([image], spec, options=Options(cache=True)).to_dict() == cold


@pytest.mark.parametrize("fmt", ["text", "junit", "html", "json"])
def test_reporters_survive_a_corrupt_cache(warm, tmp_path, fmt):
    _edit(tmp_path, lambda d: d[_rule_key(d, "aspect-ratio")].update(ratio="garbage", nearest=None))
    result = CliRunner().invoke(cli, ["check", "a.png", "--format", fmt, "--jobs", "1"], catch_exceptions=False)
    assert result.exit_code == 1, result.output  # the 3:2 file fails; no internal error


def test_a_valid_entry_is_used_without_measuring(warm, monkeypatch):
    spec, image, cold = warm
    calls = _measuring(monkeypatch)
    assert check([image], spec, options=Options(cache=True)).to_dict() == cold
    assert calls == []


def test_a_read_only_cache_is_still_read(warm, monkeypatch):
    """A folder that became read-only refuses os.utime (the LRU mark); the entry is still read."""
    spec, image, cold = warm

    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "utime", refuse)
    calls = _measuring(monkeypatch)
    assert check([image], spec, options=Options(cache=True)).to_dict() == cold
    assert calls == []


def _full_disk(monkeypatch):
    """Every os.write fails as on a full disk (ENOSPC), after the file was created."""

    def full(fd, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", full)


def test_a_full_disk_warns_once_and_leaves_no_temporary_files(tmp_path, write_image, write_spec, monkeypatch):
    write_spec(SPEC)
    for index in range(3):
        write_image(f"shoot/{index}.png", testing.solid((60, 60), "#808080"))
    monkeypatch.chdir(tmp_path)
    _full_disk(monkeypatch)
    result = CliRunner().invoke(cli, ["check", "shoot", "--jobs", "1", "--format", "json"], catch_exceptions=False)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["summary"]["passed"] == 3
    warnings = [line for line in result.stderr.splitlines() if "cache" in line]
    assert len(warnings) == 1 and "No space left on device" in warnings[0], result.stderr
    assert [p for p in tmp_path.rglob("*") if p.name.endswith(".tmp")] == []


def test_a_cache_that_cannot_be_written_warns_once_across_workers(tmp_path, write_image, write_spec, monkeypatch):
    """Worker processes cannot print the warning themselves: it comes back once, from the run."""
    write_spec(SPEC)
    for index in range(4):
        write_image(f"shoot/{index}.png", testing.solid((60, 60 + index), "#808080"))
    (tmp_path / CACHE_FOLDER).mkdir()
    (tmp_path / CACHE_FOLDER / "v1").write_text("not a folder")  # every write fails: ENOTDIR
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["check", "shoot", "--jobs", "2"], catch_exceptions=False)
    assert result.exit_code == 1  # three files are not 1:1
    assert len([line for line in result.stderr.splitlines() if "cache" in line]) == 1, result.stderr


def test_the_cache_folder_holds_a_gitignore_of_everything(warm, tmp_path):
    # As pytest and ruff do: `git status` never shows the cache, whatever the repository ignores.
    assert (tmp_path / CACHE_FOLDER / ".gitignore").read_text() == "# created by stylelint\n*\n"
