"""Spec loading: verbatim messages, YAML 1.1 traps, presets and extends, overrides, limits."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stylelint.errors import SpecError
from stylelint.registry import available_rules
from stylelint.report import Severity
from stylelint.spec import find_spec, load_spec


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path, monkeypatch):
    """Specs are loaded by a path relative to the current folder, as a user gives them, so
    messages name 'stylelint.yaml', not an absolute path."""
    monkeypatch.chdir(tmp_path)


def _load(path: Path):
    return load_spec(Path(os.path.relpath(path)), available_rules())


def _problems(path: Path) -> list[str]:
    with pytest.raises(SpecError) as caught:
        _load(path)
    return [str(p) for p in caught.value.problems]


MANY_PROBLEMS = """\
version: 1
palette:
  ink: #1A1A1A
  paper: "#F5F1E8"
rules:
  aspect-ratio: {allowed: [4:5, "1:1"], tolerance: "0.01"}
  orientation: no
  resolution: {min_width: off}
  file-format: {allowed: [jpg]}
  colour-profile: warning
  metadata: {severity: warn}
analysis:
  max_side: 8
overrides:
  - files: ["social/**"]
    rules:
      aspect-ratio: {alowed: ["1:1"]}
extra: 1
"""


def test_every_problem_is_reported_verbatim_in_file_order(write_spec):
    assert _problems(write_spec(MANY_PROBLEMS)) == [
        'stylelint.yaml:3:7: palette › ink: empty value; quote hex colours ("#1A1A1A")',
        "stylelint.yaml:6:52: rules › aspect-ratio › tolerance: expected a number in [0, 1], got '0.01'",
        "stylelint.yaml:7:16: rules › orientation: expected a severity (error, warning, info, off), "
        "got 'no'; did you mean 'off'?",
        "stylelint.yaml:8:27: rules › resolution › min_width: expected a whole number in [1, ∞], got 'off'",
        "stylelint.yaml:9:26: rules › file-format › allowed: item 1: expected one of jpeg, png, webp, tiff, "
        "gif, bmp, avif, heif, got 'jpg'; did you mean 'jpeg'?",
        "stylelint.yaml:10:3: rules › colour-profile: unknown rule; did you mean 'color-profile'?",
        "stylelint.yaml:11:24: rules › metadata › severity: expected a severity (error, warning, info, off), "
        "got 'warn'; did you mean 'warning'?",
        "stylelint.yaml:13:13: analysis › max_side: expected a whole number in [16, 16384], got 8",
        "stylelint.yaml:17:22: overrides › 1 › rules › aspect-ratio › alowed: unknown parameter; "
        "did you mean 'allowed'? (parameters of aspect-ratio: allowed, tolerance)",
        "stylelint.yaml:18:1: extra: unknown key (keys: version, name, extends, palette, analysis, rules, "
        "overrides, ignore)",
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        # YAML 1.2 booleans given as a severity: the likely intent is named.
        (
            "rules:\n  orientation: false\n",
            "stylelint.yaml:2:16: rules › orientation: expected a severity "
            "(error, warning, info, off), got the boolean false; did you mean 'off'?",
        ),
        (
            "rules:\n  orientation: yes\n",
            "stylelint.yaml:2:16: rules › orientation: expected a severity "
            "(error, warning, info, off), got 'yes'; did you mean 'error'?",
        ),
        (
            "rules:\n  color-profile: {allow_untagged: no}\n",
            "stylelint.yaml:2:35: rules › color-profile › "
            "allow_untagged: expected true or false, got 'no'; did you mean false?",
        ),
        # strings are not numbers, and neither are NaN or infinity
        (
            "rules:\n  resolution: {min_width: '100'}\n",
            "stylelint.yaml:2:27: rules › resolution › min_width: expected a whole number in [1, ∞], got '100'",
        ),
        (
            "rules:\n  aspect-ratio: {tolerance: .nan}\n",
            "stylelint.yaml:2:29: rules › aspect-ratio › tolerance: expected a number in [0, 1], got nan",
        ),
        (
            "rules:\n  resolution: {min_width: 1e400}\n",
            "stylelint.yaml:2:27: rules › resolution › min_width: expected a whole number in [1, ∞], got inf",
        ),
        (
            "rules:\n  resolution: {min_width: true}\n",
            "stylelint.yaml:2:27: rules › resolution › min_width: expected a whole number in [1, ∞], "
            "got the boolean true",
        ),
        (
            "palette:\n  ink: 1A1A1A\n",
            "stylelint.yaml:2:8: palette › ink: expected a hex colour \"#RRGGBB\", got '1A1A1A'",
        ),
        (
            "rules:\n  aspect-ratio: error\n  aspect-ratio: warning\n",
            "stylelint.yaml:3:3: rules › aspect-ratio: duplicate key; the later value would silently win",
        ),
        ("version: 2\n", "stylelint.yaml:1:10: version: expected 1, got 2"),
        ("- 1\n", "stylelint.yaml:1:1: (document): expected a mapping of spec keys (version, rules, …)"),
        (
            "rules:\n\taspect-ratio: error\n",
            "stylelint.yaml:2:1: (document): invalid YAML: a tab character; use spaces, not tabs",
        ),
        ("rules:\n  ? [a, b]\n  : error\n", "stylelint.yaml:2:5: (document): mapping keys must be plain text"),
        (
            "rules:\n  resolution: {min_width: 10}\n  aspect-ratio: [1:1]\n",
            "stylelint.yaml:3:17: rules › aspect-ratio: expected a severity (error, warning, info, off) or a "
            "mapping of parameters, got a list",
        ),
    ],
)
def test_single_problem_messages(write_spec, text, message):
    lines_added = 0 if text.startswith(("version", "-")) else 1
    expected = _shift(message, lines_added)
    assert _problems(write_spec(("version: 1\n" if lines_added else "") + text)) == [expected]


def _shift(message: str, lines: int) -> str:
    """Move a 'file:line:col' message down by `lines` lines (a 'version: 1' line was prepended)."""
    file, line, rest = message.split(":", 2)
    return f"{file}:{int(line) + lines}:{rest}"


def test_unquoted_ratio_is_a_ratio_not_sexagesimal(write_spec):
    # YAML 1.1 reads 4:5 as 4·60 + 5 = 245; the loader uses YAML 1.2, where it is the text "4:5".
    spec = _load(write_spec("version: 1\nrules:\n  aspect-ratio: {allowed: [4:5, 1:30]}\n"))
    assert [r.text for r in spec.rules["aspect-ratio"].params.allowed] == ["4:5", "1:30"]


def test_off_is_a_severity_not_false(write_spec):
    spec = _load(write_spec("version: 1\nrules:\n  orientation: off\n  resolution: {min_width: 10}\n"))
    assert list(spec.rules) == ["resolution"]  # off rules are validated, then dropped


def test_preset_extends_and_later_wins(write_spec):
    spec = _load(write_spec("version: 1\nextends: [recommended]\nrules:\n  metadata: {forbid: [gps, artist]}\n"))
    # from the preset: metadata is a warning; the spec changes its parameters, keeps the severity
    assert spec.rules["metadata"].severity is Severity.WARNING
    assert spec.rules["metadata"].params.forbid == ("gps", "artist")
    assert spec.rules["file-format"].params.allowed == ("jpeg", "png", "webp")


def test_extends_paths_merge_in_order_and_severity_is_inherited(write_spec, tmp_path):
    write_spec(
        "version: 1\nrules:\n  aspect-ratio: {severity: warning, allowed: ['1:1'], tolerance: 0.05}\n"
        "  orientation: info\n",
        "base/a.yaml",
    )
    write_spec(
        "version: 1\nrules:\n  aspect-ratio: {allowed: ['4:5']}\n  orientation: {allowed: [square]}\n", "base/b.yaml"
    )
    spec = _load(write_spec("version: 1\nextends: [base/a.yaml, base/b.yaml]\nrules:\n  aspect-ratio: error\n"))
    ratio = spec.rules["aspect-ratio"]
    assert ratio.severity is Severity.ERROR  # the spec itself wins
    assert [r.text for r in ratio.params.allowed] == ["4:5"]  # b.yaml wins over a.yaml
    assert ratio.params.tolerance == 0.05  # only a.yaml set it
    assert spec.rules["orientation"].severity is Severity.INFO  # inherited from a.yaml


def test_problems_in_an_extended_file_name_that_file(write_spec):
    write_spec("version: 1\nrules:\n  orientaton: error\n", "base.yaml")
    assert _problems(write_spec("version: 1\nextends: [base.yaml]\n")) == [
        "base.yaml:3:3: rules › orientaton: unknown rule; did you mean 'orientation'?"
    ]


def test_extends_cycle_is_named(write_spec, tmp_path):
    write_spec("version: 1\nextends: [b.yaml]\n", "a.yaml")
    write_spec("version: 1\nextends: [a.yaml]\n", "b.yaml")
    assert _problems(tmp_path / "a.yaml") == ["b.yaml:2:11: extends › 1: extends cycle: a.yaml → b.yaml → a.yaml"]


def test_a_single_extends_says_how_to_write_the_list(write_spec):
    # `extends: recommended` is the natural first try (ESLint takes a string); the contract's form
    # is a list, and the message shows it.
    assert _problems(write_spec("version: 1\nextends: recommended\n")) == [
        "stylelint.yaml:2:10: extends: expected a list of text values: write [recommended]"
    ]


def test_unknown_preset_suggests(write_spec):
    assert _problems(write_spec("version: 1\nextends: [recomended]\n")) == [
        "stylelint.yaml:2:11: extends › 1: no preset or file 'recomended'; did you mean 'recommended'? "
        "(presets: recommended)"
    ]


def test_overrides_apply_by_glob_and_later_entries_win(write_spec, tmp_path):
    spec = _load(
        write_spec("""\
version: 1
rules:
  aspect-ratio: {severity: warning, allowed: ["4:5"]}
overrides:
  - files: ["social/**"]
    rules:
      aspect-ratio: {allowed: ["1:1"]}
  - files: ["social/stories/*.jpg"]
    rules:
      aspect-ratio: {allowed: ["9:16"]}
      orientation: {allowed: [portrait]}
""")
    )

    def allowed(rel):
        config = spec.rules_for(tmp_path / rel)
        return [r.text for r in config["aspect-ratio"].params.allowed], config["aspect-ratio"].severity, sorted(config)

    assert allowed("shoot/a.jpg") == (["4:5"], Severity.WARNING, ["aspect-ratio"])
    assert allowed("social/feed/a.jpg") == (["1:1"], Severity.WARNING, ["aspect-ratio"])
    assert allowed("social/stories/a.jpg") == (["9:16"], Severity.WARNING, ["aspect-ratio", "orientation"])


def test_ignore_globs(write_spec, tmp_path):
    spec = _load(write_spec("version: 1\nignore: ['**/_rejects/**', '*.gif']\n"))
    assert spec.is_ignored(tmp_path / "a" / "_rejects" / "x.jpg")
    assert spec.is_ignored(tmp_path / "deep" / "anim.gif")  # no '/': matches the name anywhere
    assert not spec.is_ignored(tmp_path / "a" / "rejects" / "x.jpg")


def _alias_bomb(levels: int = 9) -> str:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            _alias_bomb(),
            "stylelint.yaml:1:5: (document): document too large or too deeply nested (alias "
            "expansion?); limits: 20000 nodes, depth 40",
        ),  # 9⁹ ≈ 3.9·10⁸ nodes if expanded
        (
            "x: " + "[" * 5000 + "]" * 5000 + "\n",
            "stylelint.yaml:1:43: (document): document nested more than 40 levels deep",
        ),
        (
            "x: " + "{a: " * 300 + "1" + "}" * 300 + "\n",
            "stylelint.yaml:1:160: (document): document nested more than 40 levels deep",
        ),
    ],
    ids=["alias-bomb", "deep-lists", "deep-mappings"],
)
def test_hostile_yaml_is_refused_quickly(write_spec, text, message):
    start = time.perf_counter()
    assert _problems(write_spec(text)) == [message]
    # Refusal is immediate; 2 s is a very generous bound for a slow CI machine (the expansion
    # would take minutes and gigabytes, deep recursion crashed with RecursionError).
    assert time.perf_counter() - start < 2.0


def test_hostile_yaml_is_exit_2_on_the_command_line(write_spec, write_image):
    from click.testing import CliRunner

    from stylelint import testing
    from stylelint.cli import cli

    write_spec(_alias_bomb())
    write_image("a.png", testing.solid((4, 4), "#000000"))
    result = CliRunner().invoke(cli, ["check", "a.png"])
    assert result.exit_code == 2
    assert "document too large or too deeply nested" in result.stderr


def test_discovery_walks_up_from_a_subfolder(write_spec, tmp_path):
    spec = write_spec("version: 1\n")
    deep = tmp_path / "a" / "b" / "c"
    deep.mkdir(parents=True)
    assert find_spec(deep) == spec
    write_spec("version: 1\n", "a/stylelint.yaml")
    assert find_spec(deep) == tmp_path / "a" / "stylelint.yaml"  # the nearest wins


def test_css_stylelint_files_are_never_read(tmp_path):
    (tmp_path / ".stylelintrc.yaml").write_text("rules: {}\n")
    assert find_spec(tmp_path) is None or find_spec(tmp_path).name == "stylelint.yaml"


# ---- property-based: any YAML-able tree either loads or raises SpecError ------------------

RULE_IDS = ["aspect-ratio", "resolution", "orientation", "file-format", "color-profile", "metadata", "nope", "palette"]
PARAM_NAMES = [
    "allowed",
    "tolerance",
    "min_width",
    "max_bytes",
    "forbid",
    "require",
    "severity",
    "allow_untagged",
    "min",
    "max",
    "colors",
    "region",
]
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(
        [
            "error",
            "warning",
            "off",
            "info",
            "no",
            "4:5",
            "1:1",
            "#C8102E",
            "jpeg",
            "gps",
            "sRGB",
            "ink",
            "",
            "**/x/**",
            "recommended",
        ]
    ),
    st.text(max_size=8),
)
trees = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(PARAM_NAMES + RULE_IDS), st.text(max_size=5)), children, max_size=4),
    ),
    max_leaves=20,
)
rule_values = st.one_of(trees, st.dictionaries(st.sampled_from(PARAM_NAMES), trees, max_size=4))
specs = st.fixed_dictionaries(
    {},
    optional={
        "version": st.one_of(st.just(1), scalars),
        "name": scalars,
        "extends": st.one_of(st.just(["recommended"]), trees),
        "palette": st.one_of(st.dictionaries(st.sampled_from(["ink", "paper", "x"]), scalars), trees),
        "analysis": st.one_of(st.dictionaries(st.sampled_from(["max_side", "max_pixels", "other"]), scalars), trees),
        "rules": st.one_of(st.dictionaries(st.sampled_from(RULE_IDS), rule_values, max_size=5), trees),
        "overrides": st.one_of(st.lists(st.fixed_dictionaries({"files": trees, "rules": trees}), max_size=2), trees),
        "ignore": trees,
    },
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(spec=specs)
def test_generated_specs_load_or_raise_spec_error(tmp_path, spec):
    path = tmp_path / "stylelint.yaml"
    path.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    try:
        _load(path)
    except SpecError as exc:
        assert exc.problems  # every SpecError says what is wrong


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(alphabet=st.sampled_from(list("ab:-[]{}&*!#'\"\n\t ,?|>%@`01.~")), max_size=60))
def test_arbitrary_text_loads_or_raises_spec_error(tmp_path, text):
    path = tmp_path / "stylelint.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        _load(path)
    except SpecError:
        pass


def test_a_file_whose_reported_size_is_zero_is_capped_by_what_is_read():
    """/proc files report st_size 0 whatever they hold: the cap counts the bytes read."""
    big = Path("/proc/kallsyms")
    try:
        with big.open("rb") as handle:
            if len(handle.read(1_000_001)) <= 1_000_000 or big.stat().st_size != 0:
                pytest.skip("/proc/kallsyms is not a large file of reported size 0 here")
    except OSError as exc:
        pytest.skip(f"/proc/kallsyms cannot be read: {exc}")
    with pytest.raises(SpecError) as caught:
        load_spec(big, available_rules())
    assert [p.message for p in caught.value.problems] == ["file larger than 1,000,000 bytes"]


def test_a_tab_in_the_indentation_says_use_spaces(write_spec):
    (problem,) = _problems(write_spec("version: 1\nrules:\n\taspect-ratio: warning\n"))
    assert problem == "stylelint.yaml:3:1: (document): invalid YAML: a tab character; use spaces, not tabs"


@pytest.mark.parametrize(
    "text",
    ["x: " + "[" * 41 + "]" * 41, "x: " + "[" * 40 + "]" * 40, "a:\n\tb: 1\n", "a: [1, 2\n", "a: 'x\x07'\n", "a: 1\n"],
    ids=["41-deep", "40-deep", "tab", "unclosed", "control-character", "plain"],
)
def test_the_nesting_check_answers_as_pyyaml_alone_does(text, monkeypatch):
    # libyaml's parser only vouches for a well-nested document; every refusal, and where it
    # points, is PyYAML's own (issue 12: the C parser reads a learned spec in 0.3 ms, not 6.5).
    from stylelint import yamlpos

    def outcome():
        try:
            yamlpos.load(text)
        except yamlpos.YamlProblem as exc:
            return str(exc), exc.line, exc.column
        return None

    if yamlpos._C_LOADER is None:
        pytest.skip("PyYAML built without libyaml: there is one parser only")
    with_libyaml = outcome()
    monkeypatch.setattr(yamlpos, "_C_LOADER", None)
    assert outcome() == with_libyaml


@pytest.mark.parametrize("libyaml", [True, False], ids=["libyaml", "pure-python"])
def test_forty_levels_of_nesting_load_and_forty_one_are_refused(libyaml, monkeypatch):
    # The top mapping is one level, so "x: " and 39 brackets are 40 levels, 40 brackets 41.
    from stylelint import yamlpos

    if not libyaml:
        monkeypatch.setattr(yamlpos, "_C_LOADER", None)
    elif yamlpos._C_LOADER is None:
        pytest.skip("PyYAML built without libyaml")
    assert yamlpos.load("x: " + "[" * 39 + "]" * 39) is not None
    with pytest.raises(yamlpos.YamlProblem) as caught:
        yamlpos.load("x: " + "[" * 40 + "]" * 40)
    assert (str(caught.value), caught.value.line, caught.value.column) == (
        "document nested more than 40 levels deep",
        1,
        43,
    )


def test_every_problem_in_a_learned_look_profile_is_named_at_its_own_line(tmp_path):
    # A hand-edited `look` reference with three mistakes in two features: each is reported, at
    # its own line and the key it concerns, with a "did you mean" for the misspelt key.
    spec = tmp_path / "stylelint.yaml"
    spec.write_text(
        "version: 1\n"
        "rules:\n"
        "  look:\n"
        "    max_distance: 2\n"
        "    reference:\n"
        "      black_point: {median: 5.2, scale: 1.8}\n"
        "      shadow_level:\n"
        "        medain: 9.2\n"
        "        scale: 8.6\n"
        "      midpoint: {median: 47.4, scale: -3}\n"
    )
    assert _problems(spec) == [
        "stylelint.yaml:7:7: rules › look › reference › shadow_level: missing median: "
        "expected {median: number, scale: number > 0, weight: number ≥ 0}",
        "stylelint.yaml:8:9: rules › look › reference › shadow_level › medain: unknown key; "
        "did you mean 'median'? (keys: median, scale, weight)",
        "stylelint.yaml:10:32: rules › look › reference › midpoint › scale: expected a number > 0, got -3",
    ]


def test_a_line_indented_to_no_mapping_names_both_lines(tmp_path):
    # PyYAML says "expected <block end>, but found '<block mapping start>'" at the second of two
    # lines that disagree; the message says which two and how far each is indented.
    spec = tmp_path / "stylelint.yaml"
    spec.write_text("version: 1\nrules:\n  look:\n     max_distance: 2\n    reference: {}\n")
    assert _problems(spec) == [
        "stylelint.yaml:5:5: (document): invalid YAML: line 5 is indented by 4 spaces and line 4 above it "
        "by 5 spaces: the keys of one mapping must start in the same column"
    ]
