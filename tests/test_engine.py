"""Engine: discovery, ordering, --jobs independence, crash isolation, read-only runs."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from PIL import Image

from stylelint import testing
from stylelint.api import check
from stylelint.discovery import discover
from stylelint.engine import Options
from stylelint.registry import available_rules
from stylelint.rule import Category, Rule, Verdict, params
from stylelint.spec import load_spec

SPEC = """\
version: 1
rules:
  resolution: {min_width: 30}
  aspect-ratio: {allowed: ["1:1"]}
  orientation: {severity: warning, allowed: [square]}
  metadata: {forbid: [gps]}
"""


@pytest.fixture
def shoot(tmp_path, write_image, write_spec, monkeypatch):
    """Files written out of order, in subfolders; cwd is tmp_path."""
    monkeypatch.chdir(tmp_path)
    write_spec(SPEC)
    write_image("shoot/b.png", testing.solid((40, 40), "#808080"))
    write_image("shoot/a.jpg", testing.solid((60, 40), "#336699"))
    write_image("shoot/sub/c.png", testing.solid((20, 40), "#000000"))
    write_image("shoot/A0.gif", testing.checkerboard((32, 32), 4))
    return tmp_path


def _spec(path="stylelint.yaml", catalogue=None):
    return load_spec(Path(path), catalogue or available_rules())


def _paths(targets):
    return [t.display for t in targets]


def test_files_ordered_by_path_and_results_by_rule_id(shoot):
    report = check(["shoot"], "stylelint.yaml")
    # sorted by display path (code points: upper case first), whatever the creation order
    assert [f.path for f in report.files] == ["shoot/A0.gif", "shoot/a.jpg", "shoot/b.png", "shoot/sub/c.png"]
    for file in report.files:
        assert [r.rule for r in file.results] == ["aspect-ratio", "metadata", "orientation", "resolution"]


def test_jobs_do_not_change_the_report(shoot):
    one = check(["shoot"], "stylelint.yaml", options=Options(jobs=1)).to_dict()
    two = check(["shoot"], "stylelint.yaml", options=Options(jobs=2)).to_dict()
    assert one == two
    assert one["summary"]["files"] == 4


# A rule whose measure always raises: the engine must isolate it (STYLE.md §7).
@params
class _NoParams:
    pass


def _explode(facts, p):
    return {"value": 1 / 0}


def _never(measured, p):  # pragma: no cover - measure always raises
    return Verdict(True, {}, "")


BOOM = Rule(
    id="boom",
    category=Category.TECHNICAL,
    version=1,
    doc="Always crashes.",
    params=_NoParams,
    measure=_explode,
    judge=_never,
)


def test_a_crashing_rule_is_reported_for_that_file_and_rule_and_the_run_goes_on(shoot, write_spec):
    write_spec("version: 1\nrules:\n  boom: warning\n  resolution: {min_width: 30}\n")
    spec = _spec(catalogue={**available_rules(), "boom": BOOM})
    report = check(["shoot"], spec)
    assert len(report.files) == 4  # every file was still checked
    for file in report.files:
        boom, resolution = file.results
        assert (boom.rule, boom.passed, boom.crashed) == ("boom", False, "ZeroDivisionError: division by zero")
        assert resolution.rule == "resolution" and resolution.crashed is None
    assert [f.results[1].passed for f in report.files] == [True, True, True, False]  # c.png is 20 px wide


def test_user_files_are_byte_for_byte_unchanged(shoot):
    def snapshot():
        return {
            p: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
            for p in sorted((shoot / "shoot").rglob("*"))
            if p.is_file()
        }

    before = snapshot()
    check(["shoot"], "stylelint.yaml", options=Options(jobs=2, cache=True))
    check(["shoot"], "stylelint.yaml", options=Options(jobs=1, cache=True))  # cache hits too
    assert snapshot() == before


def test_symlink_loops_terminate_and_each_file_is_found_once(shoot):
    os.symlink("..", shoot / "shoot" / "sub" / "up")  # sub/up → shoot: a loop
    os.symlink(shoot / "shoot", shoot / "shoot" / "again")  # again → shoot
    os.symlink("loop.png", shoot / "shoot" / "loop.png")  # a file linked to itself
    targets = discover(["shoot"], _spec())
    real = [t for t in targets if t.error is None]
    assert _paths(real) == ["shoot/A0.gif", "shoot/a.jpg", "shoot/b.png", "shoot/sub/c.png"]
    assert [(t.display, t.error) for t in targets if t.error] == [
        ("shoot/loop.png", "cannot read file: Too many levels of symbolic links")
    ]


def test_odd_names_are_found(shoot, write_image):
    names = [
        "with space.png",
        "ünïcödé 写真.jpg",
        "-leading-dash.png",
        'quote\'s "x".png',
        "UPPER.JPEG",
        "Mixed.TiFf",
        "semi;colon.webp",
        "new\nline.png",
    ]
    for name in names:
        write_image(f"odd/{name}", testing.solid((8, 8), "#123456"))
    write_image("odd/notes.txt.bak", testing.solid((8, 8), "#123456"), format="PNG")  # not an image name
    targets = discover(["odd"], _spec())
    assert _paths(targets) == sorted(f"odd/{n}" for n in names)
    report = check(["odd"], "stylelint.yaml")
    assert [f.error for f in report.files] == [None] * len(names)


def test_a_file_named_explicitly_is_always_checked(shoot, write_image):
    write_image("notes.dat", testing.solid((8, 8), "#123456"), format="PNG")
    (shoot / "readme.txt").write_text("hello")
    os.symlink("nowhere.png", shoot / "dangling.png")  # a name that exists, pointing at nothing
    report = check(["notes.dat", "readme.txt", "dangling.png"], "stylelint.yaml")
    assert [(f.path, f.error) for f in report.files] == [
        ("dangling.png", "file not found"),
        ("notes.dat", None),
        ("readme.txt", "not an image in a format Pillow can read (unknown or corrupt header)"),
    ]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_fifo_is_an_error_not_a_hang(shoot):
    os.mkfifo(shoot / "shoot" / "pipe.png")
    targets = {t.display: t.error for t in discover(["shoot", "shoot/pipe.png"], _spec())}
    assert targets["shoot/pipe.png"] == "not a regular file (FIFO, socket or device)"


def test_ignore_globs_and_skipped_folders(shoot, write_image, write_spec):
    write_spec(SPEC + "ignore: ['**/sub/**', '*.gif']\n")
    write_image("shoot/.git/x.png", testing.solid((8, 8), "#000000"))
    write_image("shoot/.stylelint_cache/y.png", testing.solid((8, 8), "#000000"))
    assert _paths(discover(["shoot"], _spec())) == ["shoot/a.jpg", "shoot/b.png"]


def test_same_file_given_twice_is_checked_once(shoot):
    assert _paths(discover(["shoot/b.png", "shoot", "./shoot/b.png"], _spec())).count("shoot/b.png") == 1


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions; see the simulated test below")
def test_unreadable_file_and_folder_as_a_normal_user(shoot):  # pragma: no cover - CI runs as root
    (shoot / "shoot" / "b.png").chmod(0)
    (shoot / "shoot" / "sub").chmod(0)
    try:
        report = check(["shoot"], "stylelint.yaml")
        errors = {f.path: f.error for f in report.files if f.error}
        assert errors == {"shoot/b.png": "permission denied", "shoot/sub": "cannot read folder: Permission denied"}
    finally:
        (shoot / "shoot" / "sub").chmod(0o755)


def test_unreadable_folder_simulated(shoot, monkeypatch):
    real_scandir = os.scandir

    def scandir(path="."):
        if os.fspath(path).endswith("sub"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    report = check(["shoot"], "stylelint.yaml")
    assert {f.path: f.error for f in report.files if f.error} == {"shoot/sub": "cannot read folder: Permission denied"}
    assert len(report.files) == 4  # the three readable images and the folder's error


def test_unreadable_file_simulated(shoot, monkeypatch):
    import builtins

    real_open = builtins.open

    def guarded(file, *args, **kwargs):
        if str(file).endswith("b.png"):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded)
    report = check(["shoot"], "stylelint.yaml")
    assert {f.path: f.error for f in report.files if f.error} == {"shoot/b.png": "permission denied"}


def test_non_finite_measurements_are_reported_as_null(tmp_path, write_image):
    # JSON has no NaN: a rule that measures one must not break the report (it reads null).
    from stylelint.engine import _plain

    assert _plain({"a": float("nan"), "b": [float("inf"), 1.5]}) == {"a": None, "b": [None, 1.5]}


def test_mpo_apng_and_avifs_files_are_found_in_folders(tmp_path, write_image, write_spec):
    from stylelint import check

    for name in ("a.mpo", "b.apng", "c.avifs"):
        (tmp_path / "set").mkdir(exist_ok=True)
        (tmp_path / "set" / name).write_bytes(b"")
    spec = write_spec("version: 1\nrules:\n  resolution: {}\n")
    report = check([tmp_path / "set"], spec)
    assert [f.path.rsplit("/", 1)[-1] for f in report.files] == ["a.mpo", "b.apng", "c.avifs"]


def test_the_thumbnail_is_the_400_px_copy_noise_and_sharpness_read(write_image, monkeypatch):
    # The HTML thumbnail and the copy noise and sharpness read are both 400 px on the long edge:
    # one resize of the working copy whichever is made first, with one size rule and one filter
    # (issue 14); a small image is never enlarged for the thumbnail.
    import numpy as np

    from stylelint import engine
    from stylelint.facts import ImageFacts
    from stylelint.reporters import thumbnails

    seen = []
    real = thumbnails.thumbnail_of
    monkeypatch.setattr(thumbnails, "thumbnail_of", lambda image: seen.append(image) or real(image))
    resizes = []
    resize = Image.Image.resize
    monkeypatch.setattr(Image.Image, "resize", lambda self, *a, **k: resizes.append(a[0]) or resize(self, *a, **k))
    large = ImageFacts(write_image("large.png", testing.photo("astronaut")))  # 512 px
    thumb = engine._thumbnail(large)  # before noise and sharpness ran
    assert thumb is not None and (thumb.width, thumb.height) == (400, 400)
    assert np.array_equal(np.asarray(seen[-1]), large.scaled_codes)  # as noise and sharpness read it
    assert resizes == [(400, 400)]  # made once, for both
    small = ImageFacts(write_image("small.png", testing.solid((300, 200), "#336699")))
    assert small.scaled_codes.shape == (267, 400, 3)  # enlarged to 400 px for sharpness: not the thumbnail
    assert engine._thumbnail(small) is not None and np.asarray(seen[-1]).shape == (200, 300, 3)
