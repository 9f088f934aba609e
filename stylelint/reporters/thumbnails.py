"""Small embedded thumbnails for the HTML reports: the image as a base64 JPEG data URI.

A thumbnail is made from the working copy the rules saw (EXIF orientation applied, ICC converted
to sRGB, alpha over white), scaled to THUMB_SIDE px on its long edge. During `check` the engine
makes it while the image is decoded for the rules (`thumbnail_of`, when the reporter wants
thumbnails); `make_thumbnail` opens a file read-only for a report that was made without them.
Report paths are relative to the working directory of the run, which is where the reporter runs.
"""

from __future__ import annotations

import base64
import io
import logging
from typing import TYPE_CHECKING

from stylelint.report import Thumbnail

if TYPE_CHECKING:
    from PIL import Image

log = logging.getLogger(__name__)

# Long edge in px: cards are about 300 CSS px wide, so 400 px stays sharp on most screens while
# a thumbnail costs some 20-40 kB of HTML.
THUMB_SIDE = 400
# JPEG quality 70: no visible blocking at this size, about half the bytes of quality 90.
JPEG_QUALITY = 70


def thumbnail_of(image: Image.Image, *, side: int = THUMB_SIDE) -> Thumbnail:
    """The thumbnail of a decoded (RGB) image, its long edge at most `side` px."""
    small = image.copy()
    small.thumbnail((side, side))
    buffer = io.BytesIO()
    small.convert("RGB").save(buffer, format="JPEG", quality=JPEG_QUALITY, optimize=True)
    encoded = base64.b64encode(buffer.getvalue()).decode("ascii")
    return Thumbnail(f"data:image/jpeg;base64,{encoded}", small.width, small.height)


def make_thumbnail(path: str, *, side: int = THUMB_SIDE) -> Thumbnail | None:
    """The thumbnail of the image at `path`, or None when it cannot be read (logged at debug)."""
    from stylelint.analysis import Analysis
    from stylelint.errors import ImageReadError
    from stylelint.facts import ImageFacts

    try:
        return thumbnail_of(ImageFacts(path, Analysis(max_side=side)).working_image, side=side)
    except (ImageReadError, OSError) as exc:
        log.debug("no thumbnail for %s: %s", path, exc)
        return None


__all__ = ["THUMB_SIDE", "Thumbnail", "make_thumbnail", "thumbnail_of"]
