"""Shared fixtures: an image writer in tmp_path, a spec builder, the --update-golden option."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

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
