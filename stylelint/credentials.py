"""Content Credentials (C2PA) and AI-disclosure declarations, read from one image file.

`read_credentials` reads the C2PA manifest store embedded in a file with the Content
Authenticity Initiative's `c2pa-python` (the optional extra `c2pa`), imported here and only when
called, and returns a plain record: whether a store is there, whether its active manifest
validates (signature and hard binding to the image data), the signer's certificate names, the
claim generator and the digital source types its `c2pa.actions` declare. `xmp_source_types`
reads the IPTC `Iptc4xmpExt:DigitalSourceType` of an XMP packet.

Nothing outside the file is read and nothing is written: the reader gets the file's bytes as a
stream from its `Source` (never a path, so no sidecar `.c2pa` file is looked up), fetching of
remote manifests and OCSP responses is off and no network host is allowed. A file that only
points to a remote manifest therefore counts as carrying none, and says where it points.

References: C2PA Technical Specification 2.2, §15 (validation), §18.5 (actions);
IPTC NewsCodes, Digital Source Type (https://cv.iptc.org/newscodes/digitalsourcetype/).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from stylelint.sources import Source

# IPTC digital source types that declare content made by generative AI (a model trained on
# other media), alone or composited with other material.
AI_SOURCE_TYPES = frozenset({"trainedAlgorithmicMedia", "compositeWithTrainedAlgorithmicMedia"})

# Validation failure codes about trust, not integrity (C2PA 2.2 §15.7): a well-formed signature
# by a certificate no trust anchor vouches for still validates; trust is judged separately.
_TRUST_CODES = frozenset({"signingCredential.untrusted", "timeStamp.untrusted"})

# Reading settings (C2PA SDK settings schema): nothing is fetched over the network.
_READ_SETTINGS = {
    "verify": {"remote_manifest_fetch": False, "ocsp_fetch": False},
    "core": {"allowed_network_hosts": []},
}

_REMOTE_URL = re.compile(r"from url (\S+)")
_XMP_SOURCE_TYPE = re.compile(
    r"[\w.-]+:DigitalSourceType\s*(?:=\s*[\"']([^\"']*)[\"']|>\s*([^<]*?)\s*<"
    r"|[^>]*?rdf:resource\s*=\s*[\"']([^\"']*)[\"'])"
)


@dataclass(frozen=True)
class Declaration:
    """A digital source type declared for the image: by which source, through which action."""

    source: str  # "c2pa" or "xmp"
    digital_source_type: str  # the IPTC term, e.g. "trainedAlgorithmicMedia"
    action: str | None = None  # the C2PA action declaring it, e.g. "c2pa.created"

    @property
    def ai(self) -> bool:
        """True when the type declares generative AI."""
        return self.digital_source_type in AI_SOURCE_TYPES


@dataclass(frozen=True)
class Credentials:
    """An image's embedded Content Credentials, as read and validated.

    `present`: a C2PA manifest store is embedded. `error`: it is there but cannot be read (the
    cause, in words). `failures`: the active manifest's validation failure codes, trust codes
    left out (`_TRUST_CODES`). `sdk_trusted`: the C2PA SDK found the signer's chain ends at a
    trust anchor it knows (stylelint configures none). `subject` and `issuer`: the signing
    certificate's names as (attribute, value) pairs, e.g. (("CN", "Acme Signer"), ("O", "Acme")).
    """

    present: bool
    error: str | None = None
    remote_url: str | None = None
    failures: tuple[str, ...] = ()
    sdk_trusted: bool = False
    claim_generator: str | None = None
    subject: tuple[tuple[str, str], ...] = ()
    issuer: tuple[tuple[str, str], ...] = ()
    declarations: tuple[Declaration, ...] = ()

    @property
    def valid(self) -> bool | None:
        """Whether the active manifest validates (None when there is no manifest)."""
        if not self.present:
            return None
        return self.error is None and not self.failures


def distinguished_name(names: Sequence[tuple[str, str]]) -> str | None:
    """ "CN=Acme Signer, O=Acme" from (attribute, value) pairs; None when there are none."""
    return ", ".join(f"{key}={value}" for key, value in names) or None


def read_credentials(source: Source) -> Credentials:
    """The Content Credentials embedded in `source` (imports c2pa-python; see the module docs).

    A store that cannot be read gives `error`; a format C2PA cannot carry gives no store. A file
    without any of `_MARKERS` in its bytes carries neither a store nor a pointer to one: it is
    answered without importing c2pa-python (about 25 ms per process, issue 12).
    """
    if not _may_carry(source):
        return Credentials(present=False)
    import c2pa

    with source.open() as stream, c2pa.Context.from_dict(_READ_SETTINGS) as context:
        try:
            reader = c2pa.Reader.try_create(stream, context=context)
        except c2pa.C2paError.NotSupported:
            return Credentials(present=False)
        except c2pa.C2paError as exc:
            return _unreadable(exc)
        if reader is None:
            return Credentials(present=False)
        with reader:
            store = json.loads(reader.json())
            try:
                certificates = _certificates(json.loads(reader.crjson()), store.get("active_manifest"))
            except (c2pa.C2paError, ValueError):
                certificates = {}
    return _from_store(store, certificates)


# Byte strings one of which every file holds that c2pa-python could find Content Credentials in:
# an embedded manifest store is a JUMBF superbox (type "jumb") labelled "c2pa" in every container
# (JPEG APP11, PNG caBX, WebP C2PA chunk, BMFF uuid box, TIFF tag), and a pointer to a remote one
# is XMP's dcterms:provenance (C2PA 2.2 §A). Their absence is checked, never their presence.
_MARKERS = (b"jumb", b"c2pa", b"provenance")
_SCAN_CHUNK = 1 << 20


def _may_carry(source: Source) -> bool:
    """Whether any of `_MARKERS` occurs in the file's bytes (read in 1 MB chunks that overlap by
    a marker's length, so none is missed at a chunk's edge)."""
    overlap = max(len(marker) for marker in _MARKERS) - 1
    tail = b""
    with source.open() as stream:
        while chunk := stream.read(_SCAN_CHUNK):
            window = tail + chunk
            if any(marker in window for marker in _MARKERS):
                return True
            tail = window[-overlap:]
    return False


def _unreadable(exc: Exception) -> Credentials:
    """The record of a store the SDK refused: a remote-only manifest, or a corrupt one."""
    text = str(exc).strip() or type(exc).__name__
    if text.startswith("Remote:"):
        found = _REMOTE_URL.search(text)
        return Credentials(present=False, remote_url=found.group(1) if found else "an unknown URL")
    return Credentials(present=True, error=text)


def _from_store(store: Mapping[str, Any], certificates: Mapping[str, Any]) -> Credentials:
    manifest = store.get("manifests", {}).get(store.get("active_manifest"), {})
    if not manifest:
        return Credentials(present=True, error="the manifest store has no active manifest")
    signature = manifest.get("signature_info") or {}
    subject = _names(certificates.get("subject")) or _names(
        {"CN": signature.get("common_name"), "O": signature.get("issuer")}
    )
    return Credentials(
        present=True,
        failures=tuple(code for code in _failure_codes(store) if code not in _TRUST_CODES),
        sdk_trusted=store.get("validation_state") == "Trusted",
        claim_generator=_claim_generator(manifest),
        subject=subject,
        issuer=_names(certificates.get("issuer")),
        declarations=tuple(_c2pa_declarations(manifest)),
    )


def _failure_codes(store: Mapping[str, Any]) -> list[str]:
    """The active manifest's failure codes (`validation_results`), else `validation_status`."""
    results = (store.get("validation_results") or {}).get("activeManifest")
    entries = results.get("failure", []) if isinstance(results, dict) else store.get("validation_status", [])
    return [str(entry.get("code")) for entry in entries if isinstance(entry, dict)]


def _certificates(crjson: Mapping[str, Any], label: str | None) -> Mapping[str, Any]:
    """The active manifest's signing certificate info ({"subject": {...}, "issuer": {...}})."""
    for manifest in crjson.get("manifests", []):
        if isinstance(manifest, dict) and manifest.get("label") == label:
            return dict((manifest.get("signature") or {}).get("certificateInfo") or {})
    return {}


def _names(names: Any) -> tuple[tuple[str, str], ...]:
    if not isinstance(names, dict):
        return ()
    return tuple((str(key), str(value)) for key, value in names.items() if value)


def _claim_generator(manifest: Mapping[str, Any]) -> str | None:
    """The claim generator: v1's `claim_generator` string, or v2's info as "name/version"."""
    if manifest.get("claim_generator"):
        return str(manifest["claim_generator"])
    parts = [
        "/".join(str(info[k]) for k in ("name", "version") if info.get(k))
        for info in manifest.get("claim_generator_info") or []
        if isinstance(info, dict)
    ]
    return " ".join(p for p in parts if p) or None


def _c2pa_declarations(manifest: Mapping[str, Any]) -> list[Declaration]:
    """Digital source types declared by the actions of `c2pa.actions` assertions (any version)."""
    found = []
    for assertion in manifest.get("assertions") or []:
        if not str(assertion.get("label", "")).startswith("c2pa.actions"):
            continue
        for action in (assertion.get("data") or {}).get("actions") or []:
            term = _term(action.get("digitalSourceType"))
            if term:
                found.append(Declaration("c2pa", term, str(action.get("action") or "") or None))
    return found


def xmp_source_types(xmp: str) -> tuple[Declaration, ...]:
    """The `Iptc4xmpExt:DigitalSourceType` values of an XMP packet (attribute, element or
    rdf:resource form), as declarations by "xmp"."""
    if "DigitalSourceType" not in xmp:
        return ()
    terms = (_term(next(g for g in match.groups() if g is not None)) for match in _XMP_SOURCE_TYPE.finditer(xmp))
    return tuple(Declaration("xmp", term) for term in dict.fromkeys(terms) if term)


def _term(value: Any) -> str | None:
    """The IPTC term of a digital source type URI (its last path segment), or None."""
    if not isinstance(value, str) or not value.strip():
        return None
    return value.strip().rstrip("/").rsplit("/", 1)[-1]
