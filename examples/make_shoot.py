"""Rebuild the demo images in examples/ from photos that ship with scikit-image.

- references/: eight approved images with the warm "autumn" house grade, 4:5 portrait crops
  (for `stylelint learn`);
- shoot/: a new shoot: five photos with the same grade and crop, one (rocket-cool.jpg) graded
  cool instead, so it drifts from the set, and one (coffee-wide.jpg) left at 3:2.

Run: python examples/make_shoot.py
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image

from stylelint import testing

EXAMPLES = Path(__file__).parent
SHOOT = EXAMPLES / "shoot"
REFERENCES = EXAMPLES / "references"
WARM = (1.10, 1.0, 0.82)  # linear-light channel gains of the house grade
COOL = (0.80, 1.0, 1.25)  # the drifting image's cast
LONG_EDGE = 640


def crop(image: np.ndarray, ratio: float) -> np.ndarray:
    """Centre crop to width / height = ratio."""
    height, width = image.shape[:2]
    if width / height > ratio:
        new_width = round(height * ratio)
        left = (width - new_width) // 2
        return image[:, left : left + new_width]
    new_height = round(width / ratio)
    top = (height - new_height) // 2
    return image[top : top + new_height]


def save(
    name: str, photo: str | np.ndarray, gains: tuple[float, float, float], ratio: float, *, folder: Path = SHOOT
) -> None:
    source = testing.photo(photo) if isinstance(photo, str) else photo
    picture = Image.fromarray(testing.colour_cast(crop(source, ratio), gains))
    scale = LONG_EDGE / max(picture.size)
    picture = picture.resize((round(picture.width * scale), round(picture.height * scale)), Image.Resampling.LANCZOS)
    picture.save(folder / name, quality=88, optimize=True)


def references() -> None:
    """Approved images: other framings of the same scenes, same grade and crop."""
    REFERENCES.mkdir(exist_ok=True)
    for photo in ("astronaut", "coffee", "chelsea", "immunohistochemistry"):
        for index, framing in enumerate(testing.random_crops(testing.photo(photo), 2, size=(400, 500), seed=7)):
            save(f"{photo}-{index + 1}.jpg", framing, WARM, 4 / 5, folder=REFERENCES)


def main() -> None:
    references()
    SHOOT.mkdir(exist_ok=True)
    save("astronaut.jpg", "astronaut", WARM, 4 / 5)
    save("chelsea.jpg", "chelsea", WARM, 4 / 5)
    save("coffee.jpg", "coffee", WARM, 4 / 5)
    save("immuno.jpg", "immunohistochemistry", WARM, 4 / 5)
    save("rocket-cool.jpg", "rocket", COOL, 4 / 5)
    save("coffee-wide.jpg", "coffee", WARM, 3 / 2)


if __name__ == "__main__":
    main()
