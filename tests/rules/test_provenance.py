"""provenance: Content Credentials (C2PA) signed in the test itself, and AI disclosure.

A throwaway certificate chain is made here with `cryptography` (a self-signed root CA and an
ES256 end-entity certificate with the extensions C2PA requires of a signer: key usage
digitalSignature, extended key usage emailProtection, not a CA, subject and authority key ids),
and c2pa-python signs small JPEGs with it: an AI-generated image (`c2pa.created`,
trainedAlgorithmicMedia), a digital capture, a copy of the capture whose pixels were changed
after signing, one whose manifest is corrupt, one that only points to a remote manifest; beside
them an unsigned image and one that discloses AI generation in XMP only. The tests that need
c2pa-python skip, saying so, when it cannot be imported; the usage-error tests run without it.
"""

from __future__ import annotations

import datetime
import http.server
import io
import json
import subprocess
import sys
import threading
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
import yaml
from click.testing import CliRunner
from PIL import Image

from stylelint import testing
from stylelint.cli import cli
from stylelint.credentials import xmp_source_types
from stylelint.learn import learn_spec
from stylelint.rule import References
from stylelint.rules.provenance import RULE

SOURCE_TYPES = "http://cv.iptc.org/newscodes/digitalsourcetype/"
SIGNER = "CN=Acme Camera Signer, O=Acme Photo"
ISSUER = "CN=Stylelint Test Root CA, O=Stylelint Tests"
XMP_AI = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    b'<rdf:Description xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/">'
    b"<Iptc4xmpExt:DigitalSourceType>" + SOURCE_TYPES.encode() + b"trainedAlgorithmicMedia"
    b"</Iptc4xmpExt:DigitalSourceType></rdf:Description></rdf:RDF></x:xmpmeta>"
)
C2PA_MISSING = "c2pa-python is not installed (pip install 'stylelint-images[c2pa]')"


# ---- fixtures made in the test: a certificate chain, and images signed with it -------------------


def _chain():
    """(PEM chain end-entity + root, PEM PKCS#8 private key) of a fresh ES256 signer."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    def name(cn, org):
        return x509.Name(
            [x509.NameAttribute(NameOID.COMMON_NAME, cn), x509.NameAttribute(NameOID.ORGANIZATION_NAME, org)]
        )

    start = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=1)
    root_key, key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    root_name = name("Stylelint Test Root CA", "Stylelint Tests")

    def certificate(subject, public_key):
        return (
            x509.CertificateBuilder()
            .subject_name(subject)
            .issuer_name(root_name)
            .public_key(public_key)
            .serial_number(x509.random_serial_number())
            .not_valid_before(start)
            .not_valid_after(start + datetime.timedelta(days=30))
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
        )

    usage = dict(content_commitment=False, key_encipherment=False, data_encipherment=False, key_agreement=False)
    usage |= dict(encipher_only=False, decipher_only=False)
    root = (
        certificate(root_name, root_key.public_key())
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True, **usage), critical=True)
        .sign(root_key, hashes.SHA256())
    )
    signer = (
        certificate(name("Acme Camera Signer", "Acme Photo"), key.public_key())
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(digital_signature=True, key_cert_sign=False, crl_sign=False, **usage), critical=True
        )
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(root_key.public_key()), critical=False)
        .sign(root_key, hashes.SHA256())
    )
    pem = serialization.Encoding.PEM
    private = key.private_bytes(pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    return signer.public_bytes(pem) + root.public_bytes(pem), private


def _jpeg(array, **options) -> bytes:
    out = io.BytesIO()
    Image.fromarray(array).save(out, "JPEG", quality=90, **options)
    return out.getvalue()


class _Signer:
    """Signs JPEG bytes with the throwaway chain (no timestamp authority, no thumbnail)."""

    def __init__(self, c2pa):
        self.c2pa = c2pa
        chain, key = _chain()
        self.info = c2pa.C2paSignerInfo(alg=b"es256", sign_cert=chain, private_key=key, ta_url=None)

    def sign(self, jpeg: bytes, source_type: str, *, remote_url: str | None = None, mime: str = "image/jpeg") -> bytes:
        c2pa = self.c2pa
        manifest = {
            "claim_generator_info": [{"name": "stylelint-tests", "version": "1.0"}],
            "title": "fixture",
            "assertions": [
                {
                    "label": "c2pa.actions",
                    "data": {"actions": [{"action": "c2pa.created", "digitalSourceType": SOURCE_TYPES + source_type}]},
                }
            ],
        }
        context = c2pa.Context.from_dict({"builder": {"thumbnail": {"enabled": False}}})
        with context, c2pa.Signer.from_info(self.info) as signer, c2pa.Builder(manifest, context) as builder:
            if remote_url:
                builder.set_no_embed()
                builder.set_remote_url(remote_url)
            out = io.BytesIO()
            builder.sign(signer, mime, io.BytesIO(jpeg), out)
        return out.getvalue()


def _tampered(signed: bytes, original: bytes, edited: bytes) -> bytes:
    """`signed` (made from `original`) with its image data replaced by `edited`'s: the same
    encoder and size give the same headers, so the files first differ inside the scan data."""
    first = next(i for i, (a, b) in enumerate(zip(original, edited)) if a != b)
    tail = len(original) - first
    assert signed.endswith(original[first:])
    return signed[:-tail] + edited[first:]


def _corrupted(signed: bytes) -> bytes:
    """`signed` with 16 bytes of the claim's CBOR inverted: the store is there but unreadable."""
    at = signed.rfind(b"c2pa.claim") + 60
    return signed[:at] + bytes(b ^ 0xFF for b in signed[at : at + 16]) + signed[at + 16 :]


@pytest.fixture(scope="session")
def c2pa_lib():
    return pytest.importorskip("c2pa", reason=C2PA_MISSING)


@pytest.fixture(scope="session")
def signed(c2pa_lib):
    """The signed fixtures' bytes (made once per session)."""
    photo = np.asarray(Image.fromarray(testing.photo("astronaut")).resize((64, 64)))
    original = _jpeg(photo)
    edited_photo = photo.copy()
    edited_photo[8:24, 8:24] = (255, 0, 0)  # a red square painted over the face
    signer = _Signer(c2pa_lib)
    capture = signer.sign(original, "digitalCapture")
    return SimpleNamespace(
        photo=photo,
        edited_photo=edited_photo,
        original=original,
        signer=signer,
        ai=signer.sign(original, "trainedAlgorithmicMedia"),
        capture=capture,
        tampered=_tampered(capture, original, _jpeg(edited_photo)),
        corrupt=_corrupted(capture),
        ai_both=signer.sign(_jpeg(photo, xmp=XMP_AI), "compositeWithTrainedAlgorithmicMedia"),
    )


def _run(path, raw=None):
    return testing.run_rule(RULE, path, raw)


def _write(tmp_path, name, data: bytes) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


# ---- measuring ------------------------------------------------------------------------------------


def test_ai_generated_image_signed_with_c2pa(signed, tmp_path):
    measured, verdict = _run(_write(tmp_path, "ai.jpg", signed.ai))
    assert measured["c2pa"] is True and measured["c2pa_valid"] is True
    assert measured["ai_generated"] is True and measured["ai_disclosure_sources"] == ["c2pa"]
    assert measured["declarations"] == [
        {"source": "c2pa", "action": "c2pa.created", "digital_source_type": "trainedAlgorithmicMedia"}
    ]
    assert measured["claim_generator"] == "stylelint-tests/1.0"
    assert measured["signer"] == SIGNER and measured["signer_issuer"] == ISSUER
    # No trust anchor knows the throwaway root: well-formed and valid, but not trusted.
    assert measured["signer_trusted"] is False
    assert verdict.passed  # the defaults allow AI disclosure and ask only that a manifest validates


def test_digital_capture_passes_a_photography_only_spec(signed, tmp_path):
    measured, verdict = _run(_write(tmp_path, "capture.jpg", signed.capture), {"ai_disclosure": "forbid"})
    assert measured["c2pa_valid"] is True and measured["ai_generated"] is False
    assert measured["declarations"][0]["digital_source_type"] == "digitalCapture"
    assert verdict.passed and verdict.expected["ai_disclosure"] == "forbid"


def test_forbidding_ai_fails_the_generated_image_naming_the_declaration(signed, tmp_path):
    _, verdict = _run(_write(tmp_path, "ai.jpg", signed.ai), {"ai_disclosure": "forbid"})
    assert not verdict.passed
    assert verdict.message == (
        "declared AI-generated (C2PA action c2pa.created, trainedAlgorithmicMedia) but this spec forbids generated images"
    )


def test_pixels_changed_after_signing_do_not_validate(signed, tmp_path):
    path = _write(tmp_path, "tampered.jpg", signed.tampered)
    # The fixture is what it claims: it decodes to the edited picture, not the signed one.
    with Image.open(path) as image:
        decoded = np.asarray(image.convert("RGB"), dtype=np.int16)
    assert np.abs(decoded - np.asarray(Image.open(io.BytesIO(_jpeg(signed.edited_photo))))).max() == 0
    measured, verdict = _run(path)
    assert measured["c2pa"] is True and measured["c2pa_valid"] is False
    assert measured["c2pa_failures"] == ["assertion.dataHash.mismatch"]
    assert not verdict.passed
    assert verdict.message == "Content Credentials do not match the image: the pixels changed after signing"
    _, lenient = _run(path, {"require_valid": False})
    assert lenient.passed


def test_unsigned_image(signed, tmp_path):
    path = _write(tmp_path, "plain.jpg", signed.original)
    measured, verdict = _run(path)
    assert measured["c2pa"] is False and measured["c2pa_valid"] is None and measured["signer_trusted"] is None
    assert measured["signer"] is None and measured["claim_generator"] is None and measured["ai_generated"] is False
    assert verdict.passed
    _, required = _run(path, {"require_c2pa": True})
    assert not required.passed
    assert required.message == "no Content Credentials (C2PA) found; this spec requires them"


def test_xmp_only_disclosure(c2pa_lib, tmp_path):
    path = _write(tmp_path, "xmp.jpg", _jpeg(testing.solid((16, 16), "#808080"), xmp=XMP_AI))
    measured, verdict = _run(path, {"ai_disclosure": "require"})
    assert measured["c2pa"] is False
    assert measured["ai_generated"] is True and measured["ai_disclosure_sources"] == ["xmp"]
    assert verdict.passed
    _, forbidden = _run(path, {"ai_disclosure": "forbid"})
    assert forbidden.message == (
        "declared AI-generated (XMP DigitalSourceType trainedAlgorithmicMedia) but this spec forbids generated images"
    )


def test_both_sources_and_the_composite_type(signed, tmp_path):
    measured, _ = _run(_write(tmp_path, "both.jpg", signed.ai_both))
    assert measured["c2pa_valid"] is True  # the XMP packet is part of the signed data, unchanged
    assert measured["ai_disclosure_sources"] == ["c2pa", "xmp"]
    assert {d["digital_source_type"] for d in measured["declarations"]} == {
        "compositeWithTrainedAlgorithmicMedia",
        "trainedAlgorithmicMedia",
    }


def test_requiring_disclosure_fails_an_undeclared_image(signed, tmp_path):
    _, verdict = _run(_write(tmp_path, "capture.jpg", signed.capture), {"ai_disclosure": "require"})
    assert not verdict.passed and verdict.message.startswith("no AI-generation disclosure found")


def test_corrupt_manifest_is_a_failed_measurement_not_a_crash(signed, tmp_path):
    path = _write(tmp_path, "corrupt.jpg", signed.corrupt)
    measured, verdict = _run(path, {"require_valid": False})
    assert measured["c2pa"] is True and measured["c2pa_valid"] is False
    assert measured["c2pa_error"] and measured["signer"] is None
    assert not verdict.passed
    assert verdict.message.startswith("Content Credentials (C2PA) are present but cannot be read: ")


@pytest.mark.parametrize(
    "entry",
    [
        "Stylelint Tests",  # the issuer's O
        "stylelint test root ca",  # the issuer's CN, case folded
        "Acme Photo",  # the subject's O
        "cn=Acme Camera Signer,o=Acme Photo",  # the whole subject, spacing and case folded
    ],
)
def test_trusted_signers_match_subject_or_issuer(signed, tmp_path, entry):
    measured, verdict = _run(_write(tmp_path, "capture.jpg", signed.capture), {"trusted_signers": ["Other", entry]})
    assert measured["signer_trusted"] is True and verdict.passed
    assert verdict.expected["trusted_signers"] == ["Other", entry]


def test_untrusted_signer_fails_when_trusted_signers_are_given(signed, tmp_path):
    measured, verdict = _run(_write(tmp_path, "capture.jpg", signed.capture), {"trusted_signers": ["Acme"]})
    assert measured["signer_trusted"] is False and measured["c2pa_valid"] is True
    assert not verdict.passed
    assert verdict.message == f"signed by {SIGNER} (issued by {ISSUER}), not one of trusted_signers"


@pytest.mark.parametrize(("fmt", "mime"), [("PNG", "image/png"), ("WEBP", "image/webp")])
def test_credentials_in_other_containers(signed, tmp_path, fmt, mime):
    picture = io.BytesIO()
    Image.fromarray(testing.solid((16, 16), "#808080")).save(picture, fmt)
    data = signed.signer.sign(picture.getvalue(), "trainedAlgorithmicMedia", mime=mime)
    measured, _ = _run(_write(tmp_path, f"a.{fmt.lower()}", data))
    assert measured["c2pa"] is True and measured["c2pa_valid"] is True and measured["ai_generated"] is True


def test_format_that_cannot_carry_credentials(c2pa_lib, tmp_path):
    measured, verdict = _run(testing.write(tmp_path / "a.bmp", testing.solid((8, 8), "#808080")))
    assert measured["c2pa"] is False and verdict.passed


class _Counter(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):
        self.hits.append(self.path)
        self.send_response(404)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_nothing_outside_the_file_is_read_or_written(signed, tmp_path):
    server = http.server.HTTPServer(("127.0.0.1", 0), _Counter)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/manifest.c2pa"
    try:
        path = _write(tmp_path, "remote.jpg", signed.signer.sign(signed.original, "digitalCapture", remote_url=url))
        # A valid manifest store as a sidecar beside an unsigned file: not the file, so not read.
        (tmp_path / "plain.c2pa").write_bytes(signed.capture)
        plain = _write(tmp_path, "plain.jpg", signed.original)
        before = sorted((p.name, p.stat().st_mtime_ns) for p in tmp_path.iterdir())
        measured, verdict = _run(path, {"require_c2pa": True})
        sidecar, _ = _run(plain)
    finally:
        server.shutdown()
    assert _Counter.hits == []  # the remote manifest was not fetched
    assert measured["c2pa"] is False and measured["c2pa_remote"] == url
    assert verdict.message == (
        f"no Content Credentials (C2PA) found embedded (the file points to a remote manifest at {url}, "
        "which is not fetched); this spec requires them"
    )
    assert sidecar["c2pa"] is False
    assert sorted((p.name, p.stat().st_mtime_ns) for p in tmp_path.iterdir()) == before


def test_xmp_source_type_forms():
    element = xmp_source_types(XMP_AI.decode())
    attribute = xmp_source_types(f'<rdf:Description Iptc4xmpExt:DigitalSourceType="{SOURCE_TYPES}digitalCapture"/>')
    resource = xmp_source_types(f'<Iptc4xmpExt:DigitalSourceType rdf:resource="{SOURCE_TYPES}algorithmicMedia"/>')
    assert [d.digital_source_type for d in element + attribute + resource] == [
        "trainedAlgorithmicMedia",
        "digitalCapture",
        "algorithmicMedia",
    ]
    assert [d.ai for d in element + attribute + resource] == [True, False, False]
    assert xmp_source_types("") == ()


# ---- the command line ----------------------------------------------------------------------------


def _spec(tmp_path, rules):
    (tmp_path / "stylelint.yaml").write_text(yaml.safe_dump({"version": 1, "rules": rules}), encoding="utf-8")


def test_check_reports_each_fixture(signed, tmp_path, monkeypatch):
    folder = tmp_path / "shoot"
    folder.mkdir()
    for name in ("ai", "capture", "tampered", "corrupt"):
        _write(folder, f"{name}.jpg", getattr(signed, name))
    _write(folder, "plain.jpg", signed.original)
    _spec(tmp_path, {"provenance": {"require_c2pa": True, "ai_disclosure": "forbid"}})
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["check", "shoot", "--format", "json", "--jobs", "2", "--no-cache"])
    assert result.exit_code == 1, result.output
    files = {Path(f["path"]).name: f for f in json.loads(result.output)["files"]}
    assert {name: f["status"] for name, f in files.items()} == {
        "ai.jpg": "fail",
        "capture.jpg": "pass",
        "corrupt.jpg": "fail",
        "plain.jpg": "fail",
        "tampered.jpg": "fail",
    }
    assert not any(r.get("crashed") for f in files.values() for r in f["results"])


def test_spec_enabling_provenance_without_c2pa_is_a_usage_error(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "c2pa", None)  # as if c2pa-python were not installed
    testing.write(tmp_path / "a.jpg", testing.solid((8, 8), "#808080"))
    _spec(tmp_path, {"provenance": {"ai_disclosure": "forbid"}})
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["check", "a.jpg", "--jobs", "1", "--no-cache"])
    assert result.exit_code == 2
    assert "stylelint-images[c2pa]" in result.output and "provenance" in result.output
    assert CliRunner().invoke(cli, ["check", "a.jpg", "--jobs", "1", "--ignore", "provenance"]).exit_code == 0
    inspected = CliRunner().invoke(cli, ["inspect", "a.jpg", "--format", "json"])
    assert inspected.exit_code == 0
    assert "stylelint-images[c2pa]" in json.loads(inspected.output)["images"][0]["measurements"]["provenance"]


def test_override_turning_provenance_on_needs_c2pa_too(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "c2pa", None)
    testing.write(tmp_path / "a.jpg", testing.solid((8, 8), "#808080"))
    spec = {
        "version": 1,
        "rules": {"provenance": "off"},
        "overrides": [{"files": ["gen/**"], "rules": {"provenance": "error"}}],
    }
    (tmp_path / "stylelint.yaml").write_text(yaml.safe_dump(spec), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(cli, ["check", "a.jpg", "--jobs", "1", "--no-cache"]).exit_code == 2


def test_c2pa_is_imported_only_when_the_rule_runs(tmp_path):
    testing.write(tmp_path / "a.jpg", testing.solid((8, 8), "#808080"))
    _spec(tmp_path, {"file-format": "error"})
    code = (
        "import sys, stylelint; from stylelint.registry import available_rules; available_rules();"
        f"stylelint.check([{str(tmp_path / 'a.jpg')!r}], {str(tmp_path / 'stylelint.yaml')!r});"
        "print('c2pa' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP", "TIFF"])
def test_a_file_without_credentials_is_answered_without_c2pa(c2pa_lib, tmp_path, monkeypatch, fmt):
    # No C2PA marker in the bytes: no store, read without importing c2pa-python (about 25 ms
    # per worker, issue 12), and the same answer as the SDK's own reading of the file.
    path = testing.write(tmp_path / f"a.{fmt.lower()}", testing.photo("coffee")[:64, :80])
    code = (
        "import sys; from stylelint.credentials import read_credentials; from stylelint.sources import Source;"
        f"print(read_credentials(Source({str(path)!r})).present, 'c2pa' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False", "False"]
    from stylelint import credentials
    from stylelint.sources import Source

    monkeypatch.setattr(credentials, "_may_carry", lambda source: True)  # the SDK reads the file
    assert credentials.read_credentials(Source(path)) == credentials.Credentials(present=False)


def test_the_marker_scan_finds_a_marker_across_a_chunk_edge(tmp_path, monkeypatch):
    from stylelint import credentials
    from stylelint.sources import Source

    monkeypatch.setattr(credentials, "_SCAN_CHUNK", 8)
    path = _write(tmp_path, "a.bin", b"x" * 6 + b"c2pa" + b"x" * 9)  # "c2pa" straddles bytes 6-9
    assert credentials._may_carry(Source(path))
    assert not credentials._may_carry(Source(_write(tmp_path, "b.bin", b"c2p" + b"x" * 20)))


# ---- learning ------------------------------------------------------------------------------------


def _references(paths):
    return References(tuple(_run(p)[0] for p in paths), len(paths))


def _signed_set(signed, tmp_path, source_type, n=5):
    """n distinct crops of the photo, each signed declaring `source_type`."""
    crops = testing.random_crops(testing.photo("astronaut"), n, size=(48, 48), seed=1)
    return [
        _write(tmp_path, f"{source_type}{i}.jpg", signed.signer.sign(_jpeg(c), source_type))
        for i, c in enumerate(crops)
    ]


def test_learn_suggests_provenance_when_every_reference_carries_credentials(signed, tmp_path):
    _signed_set(signed, tmp_path / "refs", "digitalCapture")
    learned = learn_spec([str(tmp_path / "refs")])
    rules = yaml.safe_load(learned.text)["rules"]
    # All five are signed captures with valid credentials and no AI declaration.
    assert rules["provenance"] == {"require_c2pa": True, "require_valid": True, "ai_disclosure": "forbid"}
    assert f"signers' issuers seen: {ISSUER} ×5" in learned.text


def test_suggest_require_for_a_generated_set_and_nothing_for_a_mixed_one(signed, tmp_path):
    generated = _signed_set(signed, tmp_path, "trainedAlgorithmicMedia")
    suggestion = RULE.suggest(_references(generated))
    assert suggestion.params == {"require_c2pa": True, "require_valid": True, "ai_disclosure": "require"}
    mixed = generated[:4] + [_write(tmp_path, "plain.jpg", signed.original)]
    assert not RULE.suggest(_references(mixed)).written
    assert RULE.suggest(_references(mixed)).note == "only 4 of 5 references carry readable Content Credentials (C2PA)"
    tampered = generated[:4] + [_write(tmp_path, "tampered.jpg", signed.tampered)]
    # A set that holds an image whose credentials do not validate: require_valid is off, and
    # nothing is said of AI (the capture does not declare it, the others do).
    assert RULE.suggest(_references(tampered)).params == {"require_c2pa": True, "require_valid": False}


def test_learn_without_c2pa_says_why_provenance_is_not_measured(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "c2pa", None)
    for i, crop in enumerate(testing.random_crops(testing.photo("astronaut"), 5, size=(48, 48), seed=2)):
        testing.write(tmp_path / f"r{i}.png", crop)
    text = learn_spec([str(tmp_path)]).text
    assert "provenance: not measured: rule 'provenance' needs an optional package" in text
    assert "stylelint-images[c2pa]" in text and "  provenance:" not in text
