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
from stylelint.rule import Category, References, Rule, Suggestion, Verdict, left_out, param, params, tally


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


# Short names of the common profiles, matched within descriptions as `allowed` matches them.
_KNOWN_PROFILES = ("sRGB", "Display P3", "Adobe RGB", "ProPhoto RGB")


def suggest(references: References) -> Suggestion | None:
    """The profiles the references carry (by short name when one is known); untagged files stay
    allowed (browsers take them as sRGB). Left out when every reference is untagged."""
    described = [m["profile"] for m in references.measured if m.get("profile") not in (None, INVALID_PROFILE)]
    if not described:
        return left_out("no reference carries a colour profile")
    names = [next((k for k in _KNOWN_PROFILES if k.lower() in d.lower()), d) for d in described]
    allowed = sorted(set(names))
    words = tally(names, allowed)
    untagged = len(references.measured) - len(described)
    return Suggestion(
        params={"allowed": allowed, "allow_untagged": True},
        evidence={"allowed": f"seen: {words}" + (f"; {untagged} untagged" if untagged else "")},
    )


RULE = Rule(
    id="color-profile",
    category=Category.TECHNICAL,
    version=1,
    doc=__doc__,
    params=Params,
    measure=measure,
    judge=judge,
    measured_with=(),
    suggest=suggest,
    measured_keys=("profile",),
    example='color-profile: {allowed: ["sRGB", "Display P3"], allow_untagged: false}',
)
