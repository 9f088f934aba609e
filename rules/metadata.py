"""Required metadata fields are present and forbidden ones are absent (EXIF, XMP, IPTC).

Measures `present`: which of the fields below the file carries with a non-empty value, from
its EXIF (including the GPS IFD), XMP packet and IPTC (APP13) records:

| field | EXIF | XMP | IPTC |
|---|---|---|---|
| gps | GPS IFD with at least one tag | exif:GPSLatitude / GPSLongitude | — |
| copyright | Copyright (0x8298) | dc:rights | 2:116 |
| artist | Artist (0x013B) | dc:creator | 2:80 |
| camera | Make / Model (0x010F, 0x0110) | tiff:Make / tiff:Model | — |
| datetime | DateTimeOriginal / DateTime | xmp:CreateDate, photoshop:DateCreated | 2:55 |
| software | Software (0x0131) | xmp:CreatorTool | — |
| description | ImageDescription (0x010E) | dc:description | 2:120 |
| keywords | — | dc:subject | 2:25 |
| location | — | photoshop:City / Country | 2:90, 2:101 |
| ai-generated | — | Iptc4xmpExt:DigitalSourceType of trainedAlgorithmicMedia or compositeWithTrainedAlgorithmicMedia | — |

An empty GPS IFD means no location. Fails when a `forbid` field is present or a `require`
field is missing. `exif_readable` is false when the EXIF block is corrupt; the fields it would
have held then count as missing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from stylelint.facts import Header, ImageFacts
from stylelint.rule import Category, Rule, Verdict, param, params

_EXIF_FIELDS = {
    "copyright": (0x8298,),
    "artist": (0x013B,),
    "camera": (0x010F, 0x0110),
    "datetime": (0x9003, 0x0132),
    "software": (0x0131,),
    "description": (0x010E,),
}
_XMP_FIELDS = {
    "gps": ("exif:GPSLatitude", "exif:GPSLongitude"),
    "copyright": ("dc:rights",),
    "artist": ("dc:creator",),
    "camera": ("tiff:Make", "tiff:Model"),
    "datetime": ("xmp:CreateDate", "photoshop:DateCreated"),
    "software": ("xmp:CreatorTool",),
    "description": ("dc:description",),
    "keywords": ("dc:subject",),
    "location": ("photoshop:City", "photoshop:Country"),
}
_IPTC_FIELDS = {
    "copyright": ((2, 116),),
    "artist": ((2, 80),),
    "datetime": ((2, 55),),
    "description": ((2, 120),),
    "keywords": ((2, 25),),
    "location": ((2, 90), (2, 101)),
}
# trainedAlgorithmicMedia and compositeWithTrainedAlgorithmicMedia (IPTC's codes for generated and
# partly generated images): the T is capital inside the composite code, so that part ignores case.
_AI_SOURCE = re.compile(r"DigitalSourceType[^<>]*?(?:>|=\")[^<\"]*(?i:trainedAlgorithmicMedia)", re.S)
FIELDS = (
    "gps",
    "copyright",
    "artist",
    "camera",
    "datetime",
    "software",
    "description",
    "keywords",
    "location",
    "ai-generated",
)


@params
class Params:
    forbid: tuple[str, ...] = param((), choices=FIELDS, doc="Fields that must be absent, e.g. [gps].")
    require: tuple[str, ...] = param((), choices=FIELDS, doc="Fields that must be present, e.g. [copyright, artist].")


def measure(facts: ImageFacts, p: Params) -> dict[str, Any]:
    header = facts.header
    present = {name for name in FIELDS if _has(header, name)}
    return {"present": sorted(present), "exif_readable": header.exif_readable}


def _has(header: Header, name: str) -> bool:
    if name == "gps" and header.gps:
        return True
    if name == "ai-generated":
        return bool(_AI_SOURCE.search(header.xmp))
    if any(_filled(header.exif.get(tag)) for tag in _EXIF_FIELDS.get(name, ())):
        return True
    if any(_filled(header.iptc.get(key)) for key in _IPTC_FIELDS.get(name, ())):
        return True
    return any(_xmp_has(header.xmp, tag) for tag in _XMP_FIELDS.get(name, ()))


def _filled(value: Any) -> bool:
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    if isinstance(value, (list, tuple)):
        return any(_filled(v) for v in value)
    return value is not None and str(value).strip("\x00 \t\r\n") != ""


def _xmp_has(xmp: str, tag: str) -> bool:
    """True when the XMP packet gives `tag` a non-empty value, as an element or an attribute."""
    if not xmp or tag not in xmp:
        return False
    escaped = re.escape(tag)
    attribute = re.search(escaped + r'\s*=\s*"([^"]*)"', xmp)
    if attribute and attribute.group(1).strip():
        return True
    element = re.search(r"<" + escaped + r"\b[^>]*>(.*?)</" + escaped + ">", xmp, re.S)
    return bool(element and re.sub(r"<[^>]+>", "", element.group(1)).strip())


def judge(measured: Mapping[str, Any], p: Params) -> Verdict:
    present = set(measured["present"])
    expected = {"forbid": list(p.forbid), "require": list(p.require)}
    found = [name for name in p.forbid if name in present]
    missing = [name for name in p.require if name not in present]
    problems = ([f"forbidden {', '.join(found)} present"] if found else []) + (
        [f"required {', '.join(missing)} missing"] if missing else []
    )
    if problems:
        return Verdict(False, expected, "; ".join(problems))
    return Verdict(True, expected, "metadata fields: " + (", ".join(sorted(present)) or "none"))


RULE = Rule(
    id="metadata",
    category=Category.TECHNICAL,
    version=2,
    doc=__doc__,
    params=Params,
    measure=measure,
    judge=judge,
    measured_with=(),
    measured_keys=("present",),
    example="metadata: {forbid: [gps], require: [copyright, artist]}",
)
