"""Remote sources: PATHs as fsspec URLs, read from a real HTTP server on 127.0.0.1 and from
fsspec's memory filesystem; reports equal local ones, the cache keys on content; local paths
need no fsspec."""

from __future__ import annotations

import functools
import hashlib
import http.server
import json
import shutil
import socket
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from stylelint import testing
from stylelint.analysis import Analysis
from stylelint.api import check
from stylelint.cache import CACHE_FOLDER, MeasurementCache
from stylelint.cli import cli
from stylelint.errors import UsageError
from stylelint.facts import ImageFacts
from stylelint.partial import only_files

pytest.importorskip("fsspec")

SPEC = """\
version: 1
rules:
  resolution: {min_width: 30}
  aspect-ratio: {allowed: ["1:1"]}
  file-format: {allowed: [png]}
  duplicates: {severity: warning}
ignore: ["**/_rejects/**"]
overrides:
  - files: ["**/social/**"]
    rules:
      aspect-ratio: {allowed: ["3:2"]}
"""


@pytest.fixture
def shoot(tmp_path, write_image, write_spec, monkeypatch):
    """A shoot with a sub-folder, a duplicate, an ignored folder, a text file and a skipped .git."""
    monkeypatch.chdir(tmp_path)
    write_spec(SPEC)
    write_image("shoot/a.png", testing.add_noise(testing.solid((40, 40), "#336699"), 5, seed=1))
    write_image("shoot/b.jpg", testing.add_noise(testing.solid((60, 40), "#996633"), 5, seed=2))
    write_image("shoot/social/c.png", testing.add_noise(testing.solid((60, 40), "#808080"), 5, seed=3))
    shutil.copy(tmp_path / "shoot/a.png", tmp_path / "shoot/social/a-copy.png")
    write_image("shoot/_rejects/x.png", testing.solid((10, 10), "#000000"))
    write_image("shoot/.git/y.png", testing.solid((10, 10), "#000000"))
    (tmp_path / "shoot/notes.txt").write_text("not an image")
    return tmp_path


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep the test output clean
        pass


@pytest.fixture
def server(shoot):
    """A real HTTP server on 127.0.0.1 serving the test folder, with its directory index pages."""
    pytest.importorskip("aiohttp")
    handler = functools.partial(_QuietHandler, directory=str(shoot))
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler) as httpd:
        thread = threading.Thread(target=httpd.serve_forever, daemon=True)
        thread.start()
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
        httpd.shutdown()


@pytest.fixture
def memory(shoot):
    """The shoot copied into fsspec's memory filesystem under memory://shoot (removed after)."""
    import fsspec

    fs = fsspec.filesystem("memory")
    for path in sorted((shoot / "shoot").rglob("*")):
        if path.is_file():
            fs.pipe(f"/{path.relative_to(shoot).as_posix()}", path.read_bytes())
    yield "memory://shoot"
    fs.rm("/shoot", recursive=True)


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def _local_json() -> str:
    return run("check", "shoot", "--format", "json", "--jobs", "1", "--no-cache").stdout


def test_http_folder_reports_like_the_local_folder(server):
    remote = run("check", f"{server}/shoot/", "--format", "json", "--jobs", "2", "--no-cache")
    assert remote.exit_code == 1
    # Display paths are the URLs; with the server's prefix removed the bytes are the local ones
    # (duplicates' messages and measured values name paths too).
    assert remote.stdout.replace(f"{server}/", "") == _local_json()
    files = [f["path"] for f in json.loads(remote.stdout)["files"]]
    assert files == [f"{server}/shoot/{name}" for name in ("a.png", "b.jpg", "social/a-copy.png", "social/c.png")]


def test_memory_folder_reports_like_the_local_folder(memory):
    remote = run("check", memory, "--format", "json", "--jobs", "1", "--no-cache")
    assert remote.stdout.replace("memory://", "") == _local_json()


def test_overrides_and_ignore_globs_match_below_the_url(memory, write_spec):
    # For a URL, globs match the path below the URL given (local files: below the spec's folder).
    write_spec(SPEC.replace('"**/social/**"', '"social/**"').replace('"**/_rejects/**"', '"_rejects/**"'))
    report = check([memory], "stylelint.yaml")
    social = next(f for f in report.files if f.path == "memory://shoot/social/c.png")
    aspect = next(r for r in social.results if r.rule == "aspect-ratio")
    assert aspect.passed and aspect.expected["allowed"] == ["3:2"]  # the social/** override
    assert not any("_rejects" in f.path or ".git" in f.path for f in report.files)


def test_named_url_files_and_read_errors(server):
    report = check([f"{server}/shoot/b.jpg", f"{server}/shoot/gone.png"], "stylelint.yaml").to_dict()
    assert [(f["path"], f["error"]) for f in report["files"]] == [
        (f"{server}/shoot/b.jpg", None),
        (f"{server}/shoot/gone.png", "file not found"),
    ]


def test_an_unreachable_host_is_a_per_file_error(shoot):
    pytest.importorskip("aiohttp")
    with socket.socket() as probe:  # a port just bound then released: nothing listens there
        probe.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{probe.getsockname()[1]}/shoot/a.png"
    report = check([url], "stylelint.yaml")
    assert report.files[0].error.startswith(f"cannot read {url}: ")


def test_the_cache_keys_remote_files_on_their_content(server):
    first = run("check", f"{server}/shoot/", "--format", "json", "--jobs", "1")
    again = run("check", f"{server}/shoot/", "--format", "json", "--jobs", "1")
    assert again.stdout == first.stdout
    data = Path("shoot/b.jpg").read_bytes()
    entry = MeasurementCache(Path.cwd() / CACHE_FOLDER).load(hashlib.sha256(data).hexdigest(), Analysis())
    assert sorted(key.split("@")[0] for key in entry) == [
        "_notes",
        "aspect-ratio",
        "duplicates",
        "file-format",
        "resolution",
    ]


def test_facts_of_a_url_read_its_bytes(memory):
    data = Path("shoot/b.jpg").read_bytes()
    facts = ImageFacts(f"{memory}/b.jpg")
    assert facts.content_hash == hashlib.sha256(data).hexdigest()
    assert facts.file_bytes == len(data)
    assert facts.size_px == (60, 40) and facts.format == "jpeg"


def test_a_url_folder_is_a_folder_for_set_rules(memory):
    assert not only_files([memory])
    assert only_files([f"{memory}/a.png"])


def test_without_fsspec_urls_are_a_usage_error_and_local_paths_still_work(shoot, monkeypatch):
    for name in ("fsspec", "fsspec.core"):
        monkeypatch.setitem(sys.modules, name, None)  # import fsspec → ImportError
    with pytest.raises(UsageError, match=r"stylelint-images\[remote\]"):
        check(["memory://shoot"], "stylelint.yaml")
    assert check(["shoot"], "stylelint.yaml").summary()["files"] == 4


def test_a_dask_cluster_reads_urls_in_its_worker_processes(server):
    pytest.importorskip("distributed")
    from stylelint.engine import Options
    from stylelint.executors import Executor, ExecutorKind

    options = Options(jobs=2, executor=Executor(ExecutorKind.DASK))
    on_dask = check([f"{server}/shoot/"], "stylelint.yaml", options=options).to_dict()
    assert on_dask == check([f"{server}/shoot/"], "stylelint.yaml", options=Options(jobs=1)).to_dict()
    assert on_dask["summary"]["files"] == 4 and on_dask["summary"]["errored"] == 0
