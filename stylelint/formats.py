"""Image formats in a person's words: the extensions each format goes by, and PNG chunk names.

Used for messages and notes only (issue 15): a file whose extension does not match its format
is checked as what it is, with a note, and a PNG checksum failure names the chunk in words.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

# The file-name extensions each format (as `ImageFacts.format` names it) goes by, in any case.
# A file named otherwise gets a note: a tool that trusts the name (a browser, a CDN, an upload
# filter) may mishandle it.
EXTENSIONS = {
    "jpeg": frozenset({".jpg", ".jpeg", ".jpe", ".jfif", ".mpo"}),
    "png": frozenset({".png", ".apng"}),
    "webp": frozenset({".webp"}),
    "tiff": frozenset({".tif", ".tiff"}),
    "gif": frozenset({".gif"}),
    "bmp": frozenset({".bmp", ".dib"}),
    "avif": frozenset({".avif", ".avifs"}),
    "heif": frozenset({".heic", ".heif", ".hif"}),
}
# PNG chunk types (PNG specification, 3rd edition, §11) and what they hold.
PNG_CHUNKS = {
    "IHDR": "the header",
    "PLTE": "the palette",
    "IDAT": "the image data",
    "IEND": "the end marker",
    "tRNS": "the transparency",
    "iCCP": "the colour profile",
    "sRGB": "the sRGB flag",
    "gAMA": "the gamma",
    "cHRM": "the chromaticities",
    "eXIf": "the EXIF metadata",
    "iTXt": "text metadata",
    "tEXt": "text metadata",
    "zTXt": "text metadata",
    "pHYs": "the pixel density",
    "acTL": "the animation control",
    "fcTL": "a frame's control",
    "fdAT": "a frame's image data",
}
# Pillow's PngImagePlugin says "broken PNG file (bad header checksum in b'IDAT')", or
# "(incomplete checksum in …)" when the file ends inside a chunk's CRC.
_PNG_CHECKSUM = re.compile(r"(bad header|incomplete) checksum in b'([^']{1,4})'")


def extension_note(path: str, fmt: str) -> str | None:
    """The note for a file whose extension is not one of its format's, else None (no extension,
    or a format without a known extension, gives no note)."""
    extension = PurePosixPath(path).suffix
    if not extension or fmt not in EXTENSIONS or extension.lower() in EXTENSIONS[fmt]:
        return None
    return f"the extension {extension} does not match the file's format ({fmt.upper()})"


def png_checksum_cause(text: str) -> str | None:
    """Pillow's PNG checksum message in words (which chunk, what it holds), else None."""
    found = _PNG_CHECKSUM.search(text)
    if found is None:
        return None
    kind, chunk = found.groups()
    what = f"its {chunk} chunk ({PNG_CHUNKS[chunk]})" if chunk in PNG_CHUNKS else f"its {chunk} chunk"
    if kind == "incomplete":
        return f"truncated PNG: the file ends inside the checksum (CRC) of {what}"
    return f"corrupt PNG: the checksum (CRC) of {what} does not match"
