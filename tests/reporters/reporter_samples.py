"""A fixed Report built in code, with odd file names, for the reporter tests."""

from __future__ import annotations

from types import SimpleNamespace

from stylelint.report import FailPolicy, FileResult, Report, RuleResult, Severity

SCRIPT_NAME = 'shoot/<script>alert("x")</script>.png'
UNICODE_NAME = "shoot/ünïcödé 写真.png"
DASH_NAME = "-leading dash 'quoted' & co.jpg"


def _r(rule, severity="error", passed=False, message="", measured=None, expected=None, **kw):
    return RuleResult(
        rule=rule,
        severity=Severity(severity),
        passed=passed,
        message=message,
        measured=measured or {},
        expected=expected or {},
        **kw,
    )


PALETTE_FAIL = _r(
    "palette",
    message="41% of pixels on palette, needs at least 50%",
    measured={
        "coverage": 0.41,
        "dominant": [
            {"hex": "#3A5F8C", "share": 0.38, "nearest": "ink", "delta_e": 21.4},
            {"hex": "#C8102E", "share": 0.22, "nearest": "brand-red", "delta_e": 0.8},
            {"hex": "not-a-colour", "share": 0.1, "nearest": "ink", "delta_e": 3.0},
        ],
    },
    expected={"min_coverage": 0.5, "max_delta_e": 10.0, "min_share": 0.05},
)
HORIZON_FAIL = _r(
    "horizon",
    "warning",
    message="image is turned 3.2° clockwise; limit 1°",
    measured={"tilt_deg": -3.2, "strength": 0.31, "line": [[0.05, 0.52], [0.95, 0.47]]},
    expected={"max_tilt_deg": 1.0},
)
TEXT_FAIL = _r(
    "text-contrast",
    message="text ink reaches 2.10:1 against the region's background, needs at least 4.5:1",
    measured={"ratio": 2.1},
    expected={"min_ratio": 4.5, "region": [0.05, 0.75, 0.9, 0.2]},
)
THIRDS_WARN = _r(
    "thirds",
    "warning",
    message="subject sits 0.21 of the diagonal from a third",
    measured={"subject": [0.52, 0.48], "distance": 0.21},
    expected={"max_distance": 0.1, "target": "thirds"},
)
PALETTE_PASS = _r(
    "palette",
    passed=True,
    message="92% of pixels on palette",
    measured={"coverage": 0.92, "dominant": [{"hex": "#F5F1E8", "share": 0.7, "nearest": "paper", "delta_e": 1.2}]},
    expected={"min_coverage": 0.5, "palette": {"ink": "#1A1A1A", "paper": "#F5F1E8", "bad": "red;x:y"}},
)


def sample_report() -> Report:
    """Six files: fail, warn, a hostile name, unreadable, baseline/info/crash, pass."""
    files = (
        FileResult(DASH_NAME, error='truncated JPEG: <EOF> & "more" | *after* 1024 bytes'),
        FileResult(
            "shoot/a photo.jpg",
            (
                HORIZON_FAIL,
                PALETTE_FAIL,
                TEXT_FAIL,
                _r(
                    "thirds",
                    passed=True,
                    message="subject near a third",
                    measured={"subject": [0.34, 0.66], "distance": 0.01},
                    expected={"max_distance": 0.1},
                ),
            ),
        ),
        FileResult(
            "shoot/all good.jpg",
            (
                PALETTE_PASS,
                _r("resolution", passed=True, message="4000×3000 px", measured={"width": 4000, "height": 3000}),
            ),
        ),
        FileResult(
            SCRIPT_NAME,
            (
                _r(
                    "file-format",
                    message=f'{SCRIPT_NAME} is "gif" | not *allowed*\nsecond line',
                    measured={"format": "gif", "bytes": 20480},
                    expected={"allowed": ["jpeg", "png"], "max_bytes": None},
                ),
            ),
        ),
        FileResult(
            "shoot/z baseline.jpg",
            (
                _r("contrast", message="rule crashed: ValueError: boom", crashed="ValueError: boom"),
                _r(
                    "exposure",
                    "info",
                    message="mean lightness 81 is above the maximum 80",
                    measured={"lightness": 81.0, "highlights": 0.002, "shadows": 0.0},
                    expected={"max_lightness": 80},
                ),
                _r(
                    "palette",
                    message="30% of pixels on palette, needs at least 50%",
                    suppressed=True,
                    measured={"coverage": 0.3, "dominant": []},
                    expected={"min_coverage": 0.5},
                ),
            ),
        ),
        FileResult(UNICODE_NAME, (PALETTE_PASS, THIRDS_WARN)),
    )
    return Report(spec="stylelint.yaml", files=files, policy=FailPolicy())


FAKE_RULES = {
    "contrast": SimpleNamespace(summary="RMS contrast", doc="RMS contrast.\n\nStandard deviation of L*/100."),
    "palette": SimpleNamespace(
        summary="Colours come from the brand palette",
        doc="Colours come from the brand palette.\n\nΔE00 to the nearest colour.",
    ),
}
