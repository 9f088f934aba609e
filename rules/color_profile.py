"""The embedded ICC colour profile is one of the allowed profiles.

Measures `profile`: the description of the embedded ICC profile ("sRGB IEC61966-2.1",
"Display P3", "Adobe RGB (1998)"), "sRGB (PNG sRGB chunk)" for a PNG that declares sRGB
without a profile, "invalid embedded profile" when the profile cannot be parsed, or null when
the file is untagged. A profile is allowed when an `allowed` name appears in its description,
ignoring case ("sRGB" allows "sRGB IEC61966-2.1" and "sRGB built-in"). Untagged files pass when
`allow_untagged` is true (browsers assume sRGB for them); an invalid profile always fails.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from stylelint.facts import INVALID_PROFILE, ImageFacts
from stylelint.rule import Category, Rule, Verdict, param, params


@params
class Params:
    allowed: tuple[str, ...] = param(
        ("sRGB",), doc="Names of allowed profiles, matched within the profile description, ignoring case."
    )
    allow_untagged: bool = param(True, doc="Whether a file without a profile passes (taken as sRGB).")


def measure(facts: ImageFacts, p: Params) -> dict[str, Any]:
    return {"profile": facts.icc_description}


def judge(measured: Mapping[str, Any], p: Params) -> Verdict:
    profile = measured["profile"]
    expected = {"allowed": list(p.allowed), "allow_untagged": p.allow_untagged}
    if profile is None:
        verb = "allowed" if p.allow_untagged else "not allowed"
        return Verdict(p.allow_untagged, expected, f"no embedded colour profile ({verb})")
    if profile != INVALID_PROFILE and any(name.lower() in profile.lower() for name in p.allowed):
        return Verdict(True, expected, f"profile {profile}")
    return Verdict(False, expected, f"profile {profile!r} is not one of {', '.join(p.allowed)}")


RULE = Rule(
    id="color-profile",
    category=Category.TECHNICAL,
    version=1,
    doc=__doc__,
    params=Params,
    measure=measure,
    judge=judge,
    measured_with=(),
    measured_keys=("profile",),
    example='color-profile: {allowed: ["sRGB", "Display P3"], allow_untagged: false}',
)
