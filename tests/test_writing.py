"""Files stylelint writes (issue 15, CONTRACT.md §7): modes that honour the umask, an --output that
cannot be written refused before the run, and no temporary file left by a failed write."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from stylelint import api, testing
from stylelint.cache import CACHE_FOLDER
from stylelint.cli import cli
from stylelint.errors import StylelintError
from stylelint.output import write_atomically

SPEC = 'version: 1\nrules:\n  aspect-ratio: {allowed: ["1:1"]}\n'


def _run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def shoot(tmp_path, write_image, monkeypatch):
    (tmp_path / "stylelint.yaml").write_text(SPEC)
    for index in range(5):  # learn needs five references
        write_image(f"shoot/{index}.png", testing.noise((48, 48), mean=100 + 10 * index, seed=index))
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture(params=[0o022, 0o077])
def umask(request):
    old = os.umask(request.param)
    yield request.param
    os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_every_written_file_honours_the_umask(shoot, umask):
    expected = 0o666 & ~umask
    assert _run("check", "shoot", "--jobs", "1", "--format", "json", "--output", "report.json").exit_code == 0
    assert _run("baseline", "shoot", "--jobs", "1").exit_code == 0
    assert _run("init", "--output", "new.yaml").exit_code == 0
    assert _run("schema", "--output", "schema.json").exit_code == 0
    assert _run("learn", "shoot", "--output", "learned.yaml").exit_code == 0
    written = ["report.json", "stylelint-baseline.json", "new.yaml", "schema.json", "learned.yaml"]
    cache = [p for p in (shoot / CACHE_FOLDER).rglob("*") if p.is_file()]
    assert len(cache) >= 6  # five entries and the .gitignore
    assert {str(p): oct(_mode(p)) for p in [shoot / w for w in written] + cache} == {
        str(p): oct(expected) for p in [shoot / w for w in written] + cache
    }


@pytest.mark.parametrize(
    ("output", "why"),
    [
        ("missing/folder/report.json", "No such file or directory"),
        ("stylelint.yaml/report.json", "Not a directory"),
    ],
)
def test_an_output_that_cannot_be_written_is_a_usage_error_before_the_run(shoot, monkeypatch, output, why):
    monkeypatch.setattr(api, "check", lambda *a, **k: pytest.fail("the run started"))
    result = _run("check", "shoot", "--output", output)
    assert result.exit_code == 2
    assert f"cannot write {output}: {why}" in result.stderr
    assert "internal error" not in result.stderr and ".tmp" not in result.stderr


@pytest.mark.parametrize(
    "command",
    [
        ["learn", "shoot", "--output"],
        ["check", "shoot", "--format", "json", "--output"],
        ["baseline", "shoot", "--output"],
        ["init", "--force", "--output"],
    ],
)
def test_an_output_named_like_an_image_is_refused_and_the_image_kept(shoot, command):
    # `stylelint learn --output shoot/*.png` (the glob expanded by the shell) named the first of
    # the user's images as the output, and the learned spec replaced it.
    image = shoot / "shoot" / "0.png"
    before = image.read_bytes()
    result = _run(*command, "shoot/0.png")
    assert result.exit_code == 2
    assert "cannot write shoot/0.png: it is named like an image (a shell glob after --output?)" in result.stderr
    assert "writes only reports, specs and baselines" in result.stderr
    assert image.read_bytes() == before


def test_an_unwritable_output_folder_as_a_normal_user(as_nobody, shoot):
    """Only meaningful without root's override of permissions: run the CLI as `nobody`."""
    folder = Path(os.environ.get("TMPDIR", "/tmp"))
    import tempfile

    with tempfile.TemporaryDirectory(dir=folder) as work:
        os.chmod(work, 0o755)  # readable, not writable, by nobody
        (Path(work) / "stylelint.yaml").write_text(SPEC)
        testing.write(Path(work) / "a.png", testing.solid((60, 60), "#808080"))
        done = as_nobody(["check", "a.png", "--output", "report.json"], cwd=work)
    assert done.returncode == 2, done.stderr
    assert "cannot write report.json: Permission denied" in done.stderr


def test_a_full_disk_while_writing_a_report_leaves_no_temporary_file(tmp_path):
    def render(out):
        out.write("partial")
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(StylelintError, match=r"cannot write .*report.json: No space left on device"):
        write_atomically(tmp_path / "report.json", render)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(not hasattr(__import__("signal"), "sigtimedwait"), reason="POSIX signal masks")
def test_a_worker_stopped_by_sigterm_mid_write_leaves_no_temporary_file(tmp_path):
    # A pool worker ends on SIGTERM when a run is stopped. One that arrives while a cache entry is
    # written (here: sent by the worker itself just before the rename) waits until the entry is
    # in place, then the worker exits with 143: no "*.tmp" is left (the race tests/test_interrupts.py
    # met about once in tens of runs). The worker has other threads, started after its set-up as a
    # pool worker's are (a plain one, and OpenBLAS's: numpy is imported after it): none may take
    # the signal.
    import subprocess
    import sys

    code = (
        "import os, signal, sys, threading, time\n"
        "from pathlib import Path\n"
        "from stylelint import executors, output\n"
        "executors._init_worker(os.getppid())\n"
        "import numpy as np\n"
        "threading.Thread(target=time.sleep, args=(30,), daemon=True).start()\n"
        "np.ones((300, 300)) @ np.ones((300, 300))\n"
        "real = os.replace\n"
        "def replace(a, b):\n"
        "    os.kill(os.getpid(), signal.SIGTERM)\n"
        "    time.sleep(0.5)\n"
        "    real(a, b)\n"
        "os.replace = replace\n"
        "output.write_bytes_atomically(Path(sys.argv[1]) / 'entry.json', b'{}')\n"
        "time.sleep(10)\n"
        "print('not reached')\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 143, done.stderr
    assert "not reached" not in done.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["entry.json"]
