"""Embedded ICC profiles to sRGB: parsing, one transform per profile, sRGB recognised by what
its transform does rather than by its name (CONTRACT.md §3: colour is measured in sRGB)."""

from __future__ import annotations

import io
import logging

import numpy as np
import numpy.typing as npt
from PIL import Image, ImageCms

log = logging.getLogger(__name__)


def parse_profile(data: bytes) -> ImageCms.ImageCmsProfile | None:
    """The profile LittleCMS reads from `data`, or None when it cannot."""
    try:
        return ImageCms.ImageCmsProfile(io.BytesIO(data))
    except Exception:
        return None


_SRGB_PROFILE: ImageCms.ImageCmsProfile | None = None


def srgb_profile() -> ImageCms.ImageCmsProfile:
    """LittleCMS's built-in sRGB profile (made once per process)."""
    global _SRGB_PROFILE
    if _SRGB_PROFILE is None:
        _SRGB_PROFILE = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
    return _SRGB_PROFILE


# Transforms from embedded profiles to sRGB, kept per profile and mode because the files of a
# shoot share one profile (building a transform costs milliseconds). None: nothing to apply,
# either because the transform leaves every 8-bit value as it is (an sRGB profile: skipping it
# saves ~25 ms on a camera JPEG, issue 14) or because the profile cannot be used (taken as sRGB).
_TRANSFORMS: dict[tuple[bytes, str], ImageCms.ImageCmsTransform | None] = {}
_MAX_TRANSFORMS = 16


def transform_to_srgb(icc_profile: bytes, mode: str) -> ImageCms.ImageCmsTransform | None:
    """The transform from the profile (for images of `mode`: RGB, L or CMYK) to sRGB RGB, or None
    when it changes no value or the profile is unusable; kept for the next file."""
    key = (icc_profile, mode)
    if key not in _TRANSFORMS:
        if len(_TRANSFORMS) >= _MAX_TRANSFORMS:
            _TRANSFORMS.clear()
        _TRANSFORMS[key] = _build(icc_profile, mode)
    return _TRANSFORMS[key]


def profile_to_srgb(colour: Image.Image, icc_profile: bytes) -> Image.Image:
    """`colour` (RGB, L or CMYK) converted from its embedded profile to sRGB, as RGB."""
    transform = transform_to_srgb(icc_profile, colour.mode)
    return colour if transform is None else ImageCms.applyTransform(colour, transform) or colour


def _build(icc_profile: bytes, mode: str) -> ImageCms.ImageCmsTransform | None:
    profile = parse_profile(icc_profile)
    if profile is None:
        return None
    try:
        transform = ImageCms.buildTransform(profile, srgb_profile(), mode, "RGB")
    except Exception:
        log.debug("embedded profile not usable, assuming sRGB", exc_info=True)
        return None
    return None if mode == "RGB" and _is_identity(transform) else transform


def identity_probe() -> npt.NDArray[np.uint8]:
    """Every 8-bit level of each primary and of grey, and a 16-level cube: (1, 5120, 3) uint8."""
    levels = np.arange(256, dtype=np.uint8)
    zeros = np.zeros(256, dtype=np.uint8)
    ramps = [(levels, zeros, zeros), (zeros, levels, zeros), (zeros, zeros, levels), (levels, levels, levels)]
    cube = np.stack(np.meshgrid(*[np.arange(0, 256, 17, dtype=np.uint8)] * 3, indexing="ij"), axis=-1)
    return np.concatenate([*(np.stack(ramp, axis=1) for ramp in ramps), cube.reshape(-1, 3)])[None]


def _is_identity(transform: ImageCms.ImageCmsTransform) -> bool:
    """True when the transform returns every probe colour unchanged: the profile is sRGB in
    effect, whatever its name says (matrix and curve profiles are smooth between the levels)."""
    probe = identity_probe()
    out = ImageCms.applyTransform(Image.fromarray(probe, "RGB"), transform)
    return out is not None and bool(np.array_equal(np.asarray(out), probe))
