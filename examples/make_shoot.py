"""Rebuild the demo shoot in examples/shoot/ from photos that ship with scikit-image.

Five photos get the same warm "autumn" grade and a 4:5 portrait crop; one (rocket-cool.jpg)
is graded cool instead, so it drifts from the set, and one (coffee-wide.jpg) keeps a 3:2
crop. Run: python examples/make_shoot.py
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image

from stylelint import testing

SHOOT = Path(__file__).parent / "shoot"
WARM = (1.10, 1.0, 0.82)   # linear-light channel gains of the house grade
COOL = (0.80, 1.0, 1.25)   # the drifting image's cast
LONG_EDGE = 640


def crop(image: np.ndarray, ratio: float) -> np.ndarray:
    """Centre crop to width / height = ratio."""
    height, width = image.shape[:2]
    if width / height > ratio:
        new_width = round(height * ratio)
        left = (width - new_width) // 2
        return image[:, left:left + new_width]
    new_height = round(width / ratio)
    top = (height - new_height) // 2
    return image[top:top + new_height]


def save(name: str, photo: str, gains: tuple[float, float, float], ratio: float) -> None:
    graded = testing.colour_cast(crop(testing.photo(photo), ratio), gains)
    picture = Image.fromarray(graded)
    picture.thumbnail((LONG_EDGE, LONG_EDGE), Image.Resampling.LANCZOS)
    picture.save(SHOOT / name, quality=88, optimize=True)


def main() -> None:
    SHOOT.mkdir(exist_ok=True)
    save("astronaut.jpg", "astronaut", WARM, 4 / 5)
    save("chelsea.jpg", "chelsea", WARM, 4 / 5)
    save("coffee.jpg", "coffee", WARM, 4 / 5)
    save("immuno.jpg", "immunohistochemistry", WARM, 4 / 5)
    save("rocket-cool.jpg", "rocket", COOL, 4 / 5)
    save("coffee-wide.jpg", "coffee", WARM, 3 / 2)


if __name__ == "__main__":
    main()
