"""stylelint learn: a round trip from one graded shoot, and a different grade that fails."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from stylelint import check, testing
from stylelint.cli import cli
from stylelint.engine import Options
from stylelint.learn import learn_spec, ratio_text, swatch_name, widened
from stylelint.registry import available_rules
from stylelint.spec import load_spec

WARM_GRADE = (1.08, 1.0, 0.85)
# A different grade: cool and lifted blue, as from another colourist.
COOL_GRADE = (0.8, 0.95, 1.35)


@pytest.fixture(scope="module")
def sets(tmp_path_factory):
    root = tmp_path_factory.mktemp("learn")
    crops = testing.random_crops(testing.photo("coffee"), 20, seed=3)
    for folder, grade, chosen in (("refs", WARM_GRADE, crops[:14]), ("other", COOL_GRADE, crops[14:])):
        (root / folder).mkdir()
        for index, crop in enumerate(chosen):
            testing.write(root / folder / f"{index:02d}.png", testing.colour_cast(crop, grade))
    return root


@pytest.fixture(scope="module")
def learned(sets):
    learned = learn_spec([str(sets / "refs")])
    path = sets / "learned.yaml"
    path.write_text(learned.text, encoding="utf-8")
    return path, learned


def _statuses(folder, spec):
    report = check([str(folder)], spec, options=Options(jobs=1))
    return [f["status"] for f in report.to_dict()["files"]]


def test_learned_spec_loads_and_comments_every_value(learned):
    path, result = learned
    spec = load_spec(path, available_rules())
    assert result.references == 14 and not result.skipped
    assert {"consistency", "exposure", "palette", "aspect-ratio", "resolution"} <= set(spec.rules)
    assert len(spec.palette) >= 3
    body = result.text.split("rules:\n", 1)[1].splitlines()
    valued = [line for line in body if ":" in line and not line.rstrip().endswith(":")]
    assert all("#" in line for line in valued), [line for line in valued if "#" not in line]


def test_round_trip_passes_the_references_and_fails_another_grade(sets, learned):
    path, _ = learned
    refs = _statuses(sets / "refs", path)
    other = _statuses(sets / "other", path)
    assert refs.count("pass") >= 0.85 * len(refs)  # the great majority of its own references
    assert other.count("fail") == len(other)


def test_cli_learn_writes_the_spec(sets, tmp_path):
    out = tmp_path / "spec.yaml"
    result = CliRunner().invoke(cli, ["learn", str(sets / "refs"), "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text("utf-8").startswith("# Learned by `stylelint learn` from 14")


def test_too_few_references_is_a_usage_error(sets, tmp_path):
    result = CliRunner().invoke(cli, ["learn", str(sets / "refs" / "00.png"), "--output", str(tmp_path / "x.yaml")])
    assert result.exit_code == 2 and "at least 5" in result.output


@pytest.mark.parametrize(
    "size, expected", [((3000, 2000), "3:2"), ((1080, 1350), "4:5"), ((1920, 1080), "16:9"), ((1000, 317), "1000:317")]
)
def test_ratio_text(size, expected):
    assert ratio_text(*size) == expected


@pytest.mark.parametrize(
    "lab, expected",
    [
        ((50, 0, 0), "grey"),
        ((10, 1, 1), "black"),
        ((30, 20, -60), "dark-blue"),
        ((60, 10, 70), "yellow"),
        ((80, 40, 50), "light-orange"),
    ],
)
def test_swatch_name(lab, expected):
    assert swatch_name(lab) == expected


def test_widened_range():
    # 0..100: P5 = 5, P95 = 95, IQR = 50 → [−45, 145]
    assert widened(list(range(101))) == pytest.approx((-45.0, 145.0))
