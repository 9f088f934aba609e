"""Small embedded thumbnails for the HTML report: the image as a base64 JPEG data URI.

The report holds paths only; this helper opens the image read-only through `ImageFacts`, so
the thumbnail shows exactly what the rules saw (EXIF orientation applied, ICC converted to
sRGB, alpha over white), scaled to THUMB_SIDE px on its long edge. Report paths are relative to
the working directory of the run, which is where the reporter runs too.
"""

from __future__ import annotations

import base64
import io
import logging
from typing import NamedTuple

log = logging.getLogger(__name__)

# Long edge in px: cards are about 300 CSS px wide, so 400 px stays sharp on most screens while
# a thumbnail costs some 20-40 kB of HTML.
THUMB_SIDE = 400
# JPEG quality 70: no visible blocking at this size, about half the bytes of quality 90.
JPEG_QUALITY = 70


class Thumbnail(NamedTuple):
    """An embeddable thumbnail: `data:image/jpeg;base64,…` and its size in px."""

    data_uri: str
    width: int
    height: int


def make_thumbnail(path: str, *, side: int = THUMB_SIDE) -> Thumbnail | None:
    """The thumbnail of the image at `path`, or None when it cannot be read (logged at debug)."""
    from stylelint.analysis import Analysis
    from stylelint.errors import ImageReadError
    from stylelint.facts import ImageFacts

    try:
        image = ImageFacts(path, Analysis(max_side=side)).working_image.copy()
    except (ImageReadError, OSError) as exc:
        log.debug("no thumbnail for %s: %s", path, exc)
        return None
    image.thumbnail((side, side))
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, format="JPEG", quality=JPEG_QUALITY, optimize=True)
    encoded = base64.b64encode(buffer.getvalue()).decode("ascii")
    return Thumbnail(f"data:image/jpeg;base64,{encoded}", image.width, image.height)
