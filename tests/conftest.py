"""Shared fixtures: an image writer in tmp_path, a spec builder, the --update-golden option."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml

from stylelint import testing


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="Rewrite golden report files.")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def write_image(tmp_path: Path) -> Callable[..., Path]:
    """write_image("a.png", array_or_pil, **save_options) -> path under tmp_path."""

    def write(name: str, image: Any, **options: Any) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        return testing.write(path, image, **options)

    return write


@pytest.fixture
def write_spec(tmp_path: Path) -> Callable[..., Path]:
    """write_spec({...} or "yaml text", name="stylelint.yaml") -> path under tmp_path."""

    def write(content: dict[str, Any] | str, name: str = "stylelint.yaml") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        text = content if isinstance(content, str) else yaml.safe_dump(content, sort_keys=False)
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture(scope="session")
def astronaut_small() -> np.ndarray:
    """skimage's astronaut photo downscaled to 256×256 (shared, read-only)."""
    from PIL import Image

    return np.asarray(Image.fromarray(testing.photo("astronaut")).resize((256, 256)))


# ---- ICC profiles built offline -------------------------------------------------------------
# Pillow's ImageCms can only create sRGB, LAB and XYZ profiles, and no wide-gamut profile ships
# with the test environment. A matrix/TRC RGB display profile (ICC.1:2001-04, version 2) is small
# enough to write by hand: a header, a tag table, desc/cprt/wtpt, three colorants and three TRCs.

# sRGB's colorants adapted to the D50 PCS (the values LittleCMS's built-in sRGB profile uses).
SRGB_D50_COLORANTS = ((0.4361, 0.2225, 0.0139), (0.3851, 0.7169, 0.0971), (0.1431, 0.0606, 0.7141))
_D50 = (0.9642, 1.0, 0.8249)


def _s15(value: float) -> bytes:
    return int(round(value * 65536)).to_bytes(4, "big", signed=True)


def _xyz_tag(xyz) -> bytes:
    return b"XYZ " + bytes(4) + b"".join(_s15(v) for v in xyz)


def _desc_tag(text: str) -> bytes:
    ascii_ = text.encode("ascii") + b"\0"
    return (
        b"desc"
        + bytes(4)
        + len(ascii_).to_bytes(4, "big")
        + ascii_
        + bytes(4)
        + bytes(4)
        + bytes(2)
        + bytes(1)
        + bytes(67)
    )


def _curve_tag(gamma: float) -> bytes:
    return b"curv" + bytes(4) + (1).to_bytes(4, "big") + int(round(gamma * 256)).to_bytes(2, "big")


def build_icc_profile(description: str, colorants=SRGB_D50_COLORANTS, gamma: float = 2.2) -> bytes:
    """Bytes of an ICC v2 RGB display profile with the given D50 colorants and a pure-gamma TRC."""
    tags = [
        (b"desc", _desc_tag(description)),
        (b"cprt", b"text" + bytes(4) + b"public domain\0"),
        (b"wtpt", _xyz_tag(_D50)),
        (b"rXYZ", _xyz_tag(colorants[0])),
        (b"gXYZ", _xyz_tag(colorants[1])),
        (b"bXYZ", _xyz_tag(colorants[2])),
        (b"rTRC", _curve_tag(gamma)),
        (b"gTRC", _curve_tag(gamma)),
        (b"bTRC", _curve_tag(gamma)),
    ]
    offset = 128 + 4 + 12 * len(tags)
    table, data = b"", b""
    for signature, body in tags:
        body += bytes(-len(body) % 4)  # tags start on 4-byte boundaries
        table += signature + (offset + len(data)).to_bytes(4, "big") + len(body).to_bytes(4, "big")
        data += body
    size = offset + len(data)
    header = (
        size.to_bytes(4, "big")
        + bytes(4)
        + bytes([2, 0x10, 0, 0])
        + b"mntr"
        + b"RGB "
        + b"XYZ "
        + bytes(12)
        + b"acsp"
        + bytes(4 + 4 + 4 + 4 + 8 + 4)
        + b"".join(_s15(v) for v in _D50)
        + bytes(4 + 16)
    )
    header += bytes(128 - len(header))
    return header + len(tags).to_bytes(4, "big") + table + data


@pytest.fixture(scope="session")
def icc():
    """Profiles for tests: `srgb` (LittleCMS's built-in), `swapped` (a linear-light profile whose
    red and blue colorants are sRGB's blue and red) and `build` (the builder itself)."""
    from PIL import ImageCms

    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    red, green, blue = SRGB_D50_COLORANTS
    swapped = build_icc_profile("Swapped RB linear test profile", (blue, green, red), gamma=1.0)
    return type("Profiles", (), {"srgb": srgb, "swapped": swapped, "build": staticmethod(build_icc_profile)})


# ---- running the CLI as an unprivileged user ------------------------------------------------
# Root ignores file permissions, so permission faults are only real for another user. The
# checkout may sit in a folder `nobody` cannot read (CI's does), so the package is copied to a
# world-readable folder first when `nobody` cannot import it where it is.


def _nobody_command() -> list[str]:
    import os
    import shutil
    import sys

    setpriv = shutil.which("setpriv")
    if os.geteuid() != 0 or setpriv is None:
        pytest.skip("needs root (to switch to the unprivileged user nobody) and setpriv")
    return [setpriv, "--reuid=nobody", "--regid=nogroup", "--clear-groups", sys.executable]


def _importable_by_nobody(command: list[str], env: dict[str, str]) -> bool:
    import subprocess

    probe = subprocess.run(
        [*command, "-c", "import stylelint.cli, stylelint.rules"], cwd="/", env=env, capture_output=True
    )
    return probe.returncode == 0


def _readable_copy_of_the_package(folder: Path) -> None:
    import shutil

    import stylelint
    import stylelint.rules

    skip = shutil.ignore_patterns("__pycache__")
    shutil.copytree(Path(stylelint.__file__).parent, folder / "stylelint", ignore=skip, dirs_exist_ok=True)
    shutil.copytree(
        Path(stylelint.rules.__file__).parent, folder / "stylelint" / "rules", ignore=skip, dirs_exist_ok=True
    )
    for path in [folder, *folder.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)


@pytest.fixture(scope="session")
def as_nobody() -> Any:
    """as_nobody(args, cwd=folder) runs `python -m stylelint ARGS` as the user nobody."""
    import os
    import subprocess
    import tempfile

    command = _nobody_command()
    with tempfile.TemporaryDirectory(prefix="stylelint-code-") as code:
        env = dict(os.environ)
        if not _importable_by_nobody(command, env):
            _readable_copy_of_the_package(Path(code))
            env["PYTHONPATH"] = code
            if not _importable_by_nobody(command, env):
                pytest.skip("the user nobody cannot run this Python interpreter")

        def run(args: list[str], *, cwd: str | Path) -> subprocess.CompletedProcess[str]:
            run_env = {**env, "HOME": str(cwd)}
            command_line = [*command, "-m", "stylelint", *args]
            return subprocess.run(command_line, cwd=cwd, env=run_env, capture_output=True, text=True, timeout=60)

        yield run
