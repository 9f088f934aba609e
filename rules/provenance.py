"""Content Credentials (C2PA) validate and AI generation is disclosed as the spec asks.

Needs the optional extra `c2pa` (`pip install 'stylelint-images[c2pa]'`, the Content
Authenticity Initiative's c2pa-python); a spec that enables this rule without it is a usage
error (exit 2). Reads only the file itself: remote manifests and OCSP responses are never
fetched, so a file that merely points to a remote manifest counts as carrying none.

Measures:
- `c2pa`: a C2PA manifest store is embedded in the file.
- `c2pa_valid`: the active manifest's signature validates and its hard binding (the hash of
  the image data) matches the file; null when there is no manifest. A signature by a
  certificate that no trust anchor vouches for is still valid: trust is `signer_trusted`.
  `c2pa_failures` lists the validation failure codes (C2PA 2.2 §15), `c2pa_error` why a
  store that is present cannot be read (then `c2pa_valid` is false).
- `signer` and `signer_issuer`: the signing certificate's subject and issuer ("CN=…, O=…").
- `signer_trusted`: with `trusted_signers`, whether the certificate's subject or issuer is
  listed (matched against the whole name, its CN or its O, ignoring case); without it, whether
  the C2PA SDK trusts the certificate chain (its built-in trust anchors; stylelint adds none).
  Null when there is no manifest, false when its signature does not validate. Names in a
  certificate are only as reliable as its issuer: list issuers (your CA) rather than subjects
  where you can.
- `claim_generator`: the software that made the manifest ("name/version"), or null.
- `ai_generated`: the active manifest's `c2pa.actions` declare a `digitalSourceType` of
  `trainedAlgorithmicMedia` or `compositeWithTrainedAlgorithmicMedia` (IPTC NewsCodes), or
  the XMP `Iptc4xmpExt:DigitalSourceType` does; `ai_disclosure_sources` says which
  (["c2pa", "xmp"]) and `declarations` lists every declared digital source type.

Fails when the store cannot be read; when `require_c2pa` and there is no manifest; when
`require_valid` and the manifest does not validate (a tampered image whose pixels no longer
match its hard binding fails); when `trusted_signers` is given and a manifest's signer is not
trusted; when `ai_disclosure` is `require` and nothing declares AI generation (EU AI Act
Article 50 asks providers to mark generated images in a machine-readable way), or `forbid`
and something does.

References: C2PA Technical Specification 2.2 (https://c2pa.org/specifications/);
IPTC Digital Source Type NewsCodes (https://cv.iptc.org/newscodes/digitalsourcetype/).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from stylelint.credentials import AI_SOURCE_TYPES, Credentials, Declaration, distinguished_name, xmp_source_types
from stylelint.facts import ImageFacts
from stylelint.rule import Category, References, Requirement, Rule, Suggestion, Verdict, left_out, param, params, tally

C2PA = Requirement(module="c2pa", package="c2pa-python", install="pip install 'stylelint-images[c2pa]'")
DISCLOSURE = ("allow", "require", "forbid")

# What a failure code means to a person (C2PA 2.2 §15, standard validation status codes).
_HARD_BINDING = ("assertion.dataHash.mismatch", "assertion.bmffHash.mismatch", "assertion.boxesHash.mismatch")
_SIGNATURE_CODES = ("claimSignature.", "signingCredential.")
_CAUSES = {
    **dict.fromkeys(_HARD_BINDING, "the pixels changed after signing"),
    "claimSignature.mismatch": "the signature does not match the manifest (it was altered after signing)",
    "assertion.hashedURI.mismatch": "part of the manifest was altered after signing",
    "signingCredential.expired": "the signing certificate had expired when it signed",
    "signingCredential.revoked": "the signing certificate is revoked",
    "signingCredential.invalid": "the signing certificate is not valid for C2PA signing",
}


@params
class Params:
    require_c2pa: bool = param(False, doc="Fail an image that carries no Content Credentials (C2PA manifest).")
    require_valid: bool = param(
        True, doc="Fail an image whose Content Credentials do not validate (signature, or pixels changed)."
    )
    ai_disclosure: str = param(
        "allow",
        choices=DISCLOSURE,
        doc="AI-generation disclosure: allow it, require it (generated-image pipelines) or forbid it (photography).",
    )
    trusted_signers: tuple[str, ...] | None = param(
        None, doc="Certificate subjects or issuers (whole name, CN or O) to trust; the signer must be one."
    )


def measure(facts: ImageFacts, p: Params) -> dict[str, Any]:
    found = facts.content_credentials
    declarations = found.declarations + xmp_source_types(facts.header.xmp)
    sources = sorted({d.source for d in declarations if d.ai})
    return {
        "c2pa": found.present,
        "c2pa_valid": found.valid,
        "c2pa_failures": list(found.failures),
        "c2pa_error": found.error,
        "c2pa_remote": found.remote_url,
        "signer": distinguished_name(found.subject),
        "signer_issuer": distinguished_name(found.issuer),
        "signer_trusted": _trusted(found, p.trusted_signers),
        "claim_generator": found.claim_generator,
        "ai_generated": bool(sources),
        "ai_disclosure_sources": sources,
        "declarations": [_declared(d) for d in declarations],
    }


def _trusted(found: Credentials, trusted_signers: Sequence[str] | None) -> bool | None:
    """Whether the signer is trusted: listed in `trusted_signers`, else trusted by the SDK."""
    if not found.present or found.error is not None:
        return None
    if any(code.startswith(_SIGNATURE_CODES) for code in found.failures):
        return False  # the certificate's names are only known to sign this when the signature holds
    if trusted_signers is None:
        return found.sdk_trusted
    names = {_fold(name) for names in (found.subject, found.issuer) for name in _aliases(names)}
    return any(_fold(entry) in names for entry in trusted_signers)


def _aliases(names: Sequence[tuple[str, str]]) -> list[str]:
    """The ways a list may name a certificate: its whole name, its CN and its O."""
    whole = distinguished_name(names)
    return ([whole] if whole else []) + [value for key, value in names if key in ("CN", "O")]


def _fold(text: str) -> str:
    """Case and spacing folded, so "cn=Acme,  O=Acme Inc" matches "CN=Acme, O=Acme Inc"."""
    return ",".join(part.strip() for part in text.casefold().split(","))


def _declared(declaration: Declaration) -> dict[str, Any]:
    return {
        "source": declaration.source,
        "action": declaration.action,
        "digital_source_type": declaration.digital_source_type,
    }


def judge(measured: Mapping[str, Any], p: Params) -> Verdict:
    expected: dict[str, Any] = {
        "require_c2pa": p.require_c2pa,
        "require_valid": p.require_valid,
        "ai_disclosure": p.ai_disclosure,
    }
    if p.trusted_signers is not None:
        expected["trusted_signers"] = list(p.trusted_signers)
    problems = _credential_problems(measured, p) + _disclosure_problems(measured, p)
    if problems:
        return Verdict(False, expected, "; ".join(problems))
    return Verdict(True, expected, _summary(measured))


def _credential_problems(measured: Mapping[str, Any], p: Params) -> list[str]:
    if measured["c2pa_error"]:
        return [f"Content Credentials (C2PA) are present but cannot be read: {measured['c2pa_error']}"]
    if not measured["c2pa"]:
        if not p.require_c2pa:
            return []
        remote = measured.get("c2pa_remote")
        where = f" embedded (the file points to a remote manifest at {remote}, which is not fetched)" if remote else ""
        return [f"no Content Credentials (C2PA) found{where}; this spec requires them"]
    problems = []
    if p.require_valid and not measured["c2pa_valid"]:
        causes = dict.fromkeys(_CAUSES.get(code, f"validation failed ({code})") for code in measured["c2pa_failures"])
        problems.append(f"Content Credentials do not match the image: {', '.join(causes)}")
    if p.trusted_signers is not None and not measured["signer_trusted"]:
        issuer = f" (issued by {measured['signer_issuer']})" if measured["signer_issuer"] else ""
        problems.append(f"signed by {measured['signer'] or 'an unnamed signer'}{issuer}, not one of trusted_signers")
    return problems


def _disclosure_problems(measured: Mapping[str, Any], p: Params) -> list[str]:
    if p.ai_disclosure == "require" and not measured["ai_generated"]:
        return [
            "no AI-generation disclosure found (no C2PA action or XMP DigitalSourceType says "
            "trainedAlgorithmicMedia); this spec requires generated images to be marked"
        ]
    if p.ai_disclosure == "forbid" and measured["ai_generated"]:
        said = "; ".join(_said(d) for d in measured["declarations"] if d["digital_source_type"] in AI_SOURCE_TYPES)
        return [f"declared AI-generated ({said}) but this spec forbids generated images"]
    return []


def _said(declaration: Mapping[str, Any]) -> str:
    """ "C2PA action c2pa.created, trainedAlgorithmicMedia" or "XMP DigitalSourceType …"."""
    if declaration["source"] == "c2pa":
        return f"C2PA action {declaration['action'] or '(unnamed)'}, {declaration['digital_source_type']}"
    return f"XMP DigitalSourceType {declaration['digital_source_type']}"


def _summary(measured: Mapping[str, Any]) -> str:
    if measured["c2pa"]:
        state = "valid" if measured["c2pa_valid"] else "not valid"
        credentials = f"Content Credentials {state}, signed by {measured['signer'] or 'an unnamed signer'}"
    else:
        credentials = "no Content Credentials"
    sources = measured["ai_disclosure_sources"]
    disclosure = f"declared AI-generated ({', '.join(sources)})" if sources else "not declared AI-generated"
    return f"{credentials}; {disclosure}"


# IPTC digital source types of a camera or scanner capture: references that all declare one of
# these (and none declares AI) support `ai_disclosure: forbid`.
_CAPTURE_TYPES = frozenset(
    {"digitalCapture", "computationalCapture", "negativeFilm", "positiveFilm", "print", "minorHumanEdits"}
)


def suggest(references: References) -> Suggestion | None:
    """Suggested when every reference carries Content Credentials: `require_c2pa`, `require_valid`
    as the references show, and `ai_disclosure: require` when all declare AI generation, `forbid`
    when all declare a capture and none AI. Signers are named in the note, not pinned."""
    measured, count = references.measured, references.count
    carrying = sum(1 for m in measured if m.get("c2pa") and not m.get("c2pa_error"))
    if carrying == 0:
        return left_out("no reference carries Content Credentials (C2PA)")
    if carrying < count:
        return left_out(f"only {carrying} of {count} references carry readable Content Credentials (C2PA)")
    valid = sum(1 for m in measured if m.get("c2pa_valid"))
    params: dict[str, Any] = {"require_c2pa": True, "require_valid": valid == count}
    evidence = {
        "require_c2pa": f"all {count} references carry Content Credentials",
        "require_valid": f"{valid} of {count} references' credentials validate",
    }
    disclosure = _learned_disclosure(measured)
    if disclosure is not None:
        params["ai_disclosure"], evidence["ai_disclosure"] = disclosure
    signers = [m.get("signer_issuer") or m.get("signer") or "unnamed" for m in measured]
    seen = tally(signers, sorted(set(signers)))
    return Suggestion(
        params=params, evidence=evidence, note=f"signers' issuers seen: {seen} (trusted_signers pins them)"
    )


def _learned_disclosure(measured: Sequence[Mapping[str, Any]]) -> tuple[str, str] | None:
    """("require" | "forbid", evidence) when every reference agrees, else None (allow)."""
    count = len(measured)
    if all(m.get("ai_generated") for m in measured):
        return "require", f"all {count} references declare AI generation"
    captured = [
        any(d.get("digital_source_type") in _CAPTURE_TYPES for d in m.get("declarations", [])) for m in measured
    ]
    if all(captured) and not any(m.get("ai_generated") for m in measured):
        return "forbid", f"all {count} references declare a capture (camera or scan), none AI generation"
    return None


RULE = Rule(
    id="provenance",
    category=Category.TECHNICAL,
    version=1,
    doc=__doc__,
    params=Params,
    measure=measure,
    judge=judge,
    measured_with=("trusted_signers",),
    measured_keys=(
        "c2pa",
        "c2pa_valid",
        "signer_trusted",
        "ai_generated",
        "ai_disclosure_sources",
        "claim_generator",
        "signer",
    ),
    requires=(C2PA,),
    suggest=suggest,
    example="provenance: {require_c2pa: true, ai_disclosure: forbid}",
)
