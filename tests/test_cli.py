"""The command line through click's CliRunner: exit codes, formats, stdout purity."""

from __future__ import annotations

import json
import os

import pytest
from click.testing import CliRunner

from stylelint import testing
from stylelint.cli import cli

SPEC = """\
version: 1
rules:
  aspect-ratio: {allowed: ["1:1"]}
  orientation: {severity: warning, allowed: [square]}
"""


@pytest.fixture
def shoot(tmp_path, write_image, write_spec, monkeypatch):
    """A folder with a square PNG (passes), a 3:2 JPEG (fails) and a spec; cwd is tmp_path."""
    write_spec(SPEC)
    write_image("shoot/square.png", testing.solid((60, 60), "#808080"))
    write_image("shoot/wide.jpg", testing.solid((90, 60), "#808080"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_check_fails_with_exit_1_and_names_the_failing_file(shoot):
    result = run("check", "shoot", "--jobs", "1")
    assert result.exit_code == 1
    assert "FAIL   shoot/wide.jpg" in result.output
    assert "PASS   shoot/square.png" in result.output


def test_json_report_is_the_only_thing_on_stdout(shoot):
    result = run("check", "shoot", "--format", "json", "--jobs", "1")
    report = json.loads(result.stdout)
    assert report["summary"] == {
        "files": 2,
        "passed": 1,
        "warned": 0,
        "failed": 1,
        "errored": 0,
        "results": {"error": 1, "warning": 1, "info": 0},
    }
    assert [f["path"] for f in report["files"]] == ["shoot/square.png", "shoot/wide.jpg"]
    assert [f["status"] for f in report["files"]] == ["pass", "fail"]


def test_exit_0_when_the_failing_rule_is_ignored(shoot):
    result = run("check", "shoot", "--ignore", "aspect-ratio", "--jobs", "1")
    assert result.exit_code == 0  # the orientation failure is only a warning


def test_fail_on_warning_and_max_warnings(shoot):
    assert run("check", "shoot", "--select", "orientation", "--fail-on", "warning").exit_code == 1
    assert run("check", "shoot", "--select", "orientation", "--max-warnings", "0").exit_code == 1
    assert run("check", "shoot", "--select", "orientation", "--max-warnings", "1").exit_code == 0


def test_no_spec_found_exits_2_and_suggests_init(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("check", ".")
    assert result.exit_code == 2
    assert "stylelint init" in result.stderr


def test_no_image_found_exits_2(shoot):
    (shoot / "empty").mkdir()
    result = run("check", "empty")
    assert result.exit_code == 2
    assert "no image found" in result.stderr


def test_invalid_spec_exits_2_names_the_line_and_checks_nothing(shoot, write_spec):
    write_spec("version: 1\nrules:\n  aspect-ration: error\n")
    result = run("check", "shoot", "--format", "json")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "stylelint.yaml:3:3: rules › aspect-ration: unknown rule; did you mean 'aspect-ratio'?" in result.stderr


def test_unreadable_image_is_a_per_file_error_and_exit_1(shoot):
    (shoot / "shoot" / "broken.jpg").write_bytes(b"not a jpeg at all")
    result = run("check", "shoot", "--ignore", "aspect-ratio", "--format", "json")
    assert result.exit_code == 1
    broken = json.loads(result.stdout)["files"][0]
    assert broken["status"] == "error" and "not an image" in broken["error"]


def test_output_writes_the_report_to_a_file(shoot):
    result = run("check", "shoot", "--format", "json", "--output", "report.json")
    assert result.stdout == ""
    assert json.loads((shoot / "report.json").read_text())["summary"]["files"] == 2


def test_unknown_select_rule_is_a_usage_error(shoot):
    result = run("check", "shoot", "--select", "aspectratio")
    assert result.exit_code == 2
    assert "did you mean 'aspect-ratio'" in result.stderr


def test_rules_lists_every_rule_with_category(shoot):
    result = run("rules")
    assert result.exit_code == 0
    assert any(line.split()[:2] == ["aspect-ratio", "technical"] for line in result.output.splitlines())


def test_explain_documents_parameters_and_example():
    result = run("explain", "aspect-ratio")
    assert result.exit_code == 0
    assert "tolerance (number; default 0.01; unit relative difference; [0, 1])" in result.output
    assert "Example" in result.output


def test_init_writes_a_valid_spec_and_refuses_to_overwrite(tmp_path, monkeypatch, write_image):
    monkeypatch.chdir(tmp_path)
    assert run("init").exit_code == 0
    write_image("a.png", testing.solid((50, 50), "#1A1A1A"))
    assert run("check", "a.png", "--select", "aspect-ratio").exit_code == 0  # 1:1 is allowed
    assert run("check", "a.png", "--select", "resolution").exit_code == 1  # 50 px < 1600 px
    assert run("init").exit_code == 2


class _PluginReporter:
    """A third-party reporter: it is told what the command line says, as built-ins are."""

    name = "plugin"

    def render(self, report, out, options):
        out.write(f"quiet={options.quiet} rules={'aspect-ratio' in options.rules}\n")


class _OldPluginReporter:
    """A reporter written for the two-argument render(report, out): still called."""

    name = "old"

    def render(self, report, out):
        out.write(f"{len(report.files)} files\n")


def test_plugin_reporters_get_the_same_options_as_built_ins(shoot, monkeypatch):
    from stylelint.registry import available_reporters

    reporters = {**available_reporters(), "plugin": _PluginReporter(), "old": _OldPluginReporter()}
    monkeypatch.setattr("stylelint.cli.available_reporters", lambda: reporters)
    assert run("check", "shoot", "--jobs", "1", "--format", "plugin", "--quiet").stdout == "quiet=True rules=True\n"
    assert run("check", "shoot", "--jobs", "1", "--format", "plugin").stdout == "quiet=False rules=True\n"
    assert run("check", "shoot", "--jobs", "1", "--format", "old").stdout == "2 files\n"


def test_html_thumbnails_are_made_while_the_images_are_decoded(shoot, monkeypatch):
    # One decode per image for rules and thumbnail together (the HTML report used to decode each
    # image a second time for its thumbnail). --no-cache so that the rules decode too.
    from stylelint import facts

    decoded = []
    real = facts.decode_working
    monkeypatch.setattr(
        facts, "decode_working", lambda source, analysis: decoded.append(source.path) or real(source, analysis)
    )
    result = run("check", "shoot", "--jobs", "1", "--no-cache", "--format", "html")
    assert result.stdout.count('src="data:image/jpeg;base64,') == 2
    assert sorted(str(p) for p in decoded) == ["shoot/square.png", "shoot/wide.jpg"]


def test_numerical_thread_pools_are_one_thread_unless_the_user_set_them(monkeypatch):
    from stylelint import cli as cli_module

    # Parallelism is one process per image; a BLAS pool in each only oversubscribes the cores.
    monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)
    monkeypatch.setenv("OMP_NUM_THREADS", "4")
    cli_module._one_thread_per_process()
    assert os.environ["OPENBLAS_NUM_THREADS"] == "1" and os.environ["OMP_NUM_THREADS"] == "4"
