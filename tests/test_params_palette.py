"""params.build fills an omitted, empty-by-default list-of-colours parameter with the palette."""

from __future__ import annotations

from stylelint.params import Colour, ParseContext, build
from stylelint.rule import param, params


@params
class _P:
    colors: tuple[Colour, ...] = param((), doc="Colours (default: every palette colour).")
    other: tuple[Colour, ...] = param((Colour.from_hex("#000000"),), doc="Not empty by default.")


_PALETTE = {"ink": Colour.from_hex("#1A1A1A", name="ink"), "red": Colour.from_hex("#C8102E", name="red")}


def test_omitted_colour_list_takes_every_palette_colour_in_order():
    built, problems = build(_P, {}, ParseContext(palette=_PALETTE))
    assert problems == []
    assert [c.name for c in built.colors] == ["ink", "red"]
    assert [c.hex for c in built.other] == ["#000000"]  # a non-empty default is left alone


def test_explicit_value_and_missing_palette_are_kept():
    built, _ = build(_P, {"colors": ["red"]}, ParseContext(palette=_PALETTE))
    assert [c.name for c in built.colors] == ["red"]
    built, _ = build(_P, {"colors": []}, ParseContext(palette=_PALETTE))
    assert built.colors == ()
    built, _ = build(_P, {}, ParseContext())
    assert built.colors == ()
