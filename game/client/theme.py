"""Fonts, colours and the pygame_gui theme, for the standard or the colour-blind-safe palette."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pygame

from .palette import COLOUR_BLIND, STANDARD, Palette

FONT_DIR = Path(__file__).resolve().parents[2] / "assets" / "fonts"
FONT_REGULAR = FONT_DIR / "DejaVuSans.ttf"
FONT_BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"
# The big numbers (pot, cash, stakes, compute, the showdown's count, the year): B612 Bold, an instrument
# face whose figures all have one width, so a number counting up does not jitter (assets/fonts/README.md)
FONT_NUMBERS = FONT_DIR / "B612-Bold.otf"


# A number and its unit stay on one line when text wraps: "65 %", "650 Mio. $", "1,5 Mrd. $".
_NUMBER_AND_UNIT = re.compile(r"(?<=\d) (?=%|\$|€|Mio\.|Mrd\.|H100e)|(?<=Mio\.) (?=\$)|(?<=Mrd\.) (?=\$)")


def keep_units(text: str) -> str:
    """`text` with a no-break space between each number and its unit."""
    return _NUMBER_AND_UNIT.sub("\u00a0", text)


def _hex(colour: tuple[int, int, int]) -> str:
    return "#{:02x}{:02x}{:02x}".format(*colour[:3])


@lru_cache(maxsize=64)
def font(size: int, bold: bool = False) -> pygame.font.Font:
    return pygame.font.Font(str(FONT_BOLD if bold else FONT_REGULAR), size)


@lru_cache(maxsize=32)
def number_font(size: int) -> pygame.font.Font:
    """The display face for big numbers (`FONT_NUMBERS`); not for sentences."""
    return pygame.font.Font(str(FONT_NUMBERS), size)


class Theme:
    def __init__(self, colour_blind: bool) -> None:
        self.palette: Palette = COLOUR_BLIND if colour_blind else STANDARD
        self._text_cache: dict[tuple, pygame.Surface] = {}
        self.cut_texts: list[str] = []  # the lines `fitted` had to cut, newest last (the layout tests read it)
        # For the layout tests: while a dict, each text surface handed out, by id, with its text (a test's
        # canvas then knows where each piece of text was blitted); None in the game.
        self.handed_out: dict[int, tuple[pygame.Surface, str]] | None = None

    def font(self, size: int, bold: bool = False) -> pygame.font.Font:
        return font(size, bold)

    def text(self, text: str, size: int, colour, bold: bool = False, width: int = 0,
             numbers: bool = False) -> pygame.Surface:
        """A rendered line (or wrapped block when `width` is given), cached: the table redraws
        the same few hundred strings every frame. With `numbers`, in the display face for big numbers."""
        key = (text, size, tuple(colour), bold, width, numbers)
        surface = self._text_cache.get(key)
        if surface is None:
            if len(self._text_cache) > 2000:
                self._text_cache.clear()
            face = number_font(size) if numbers else font(size, bold)
            surface = face.render(keep_units(text), True, colour, wraplength=width) if width else \
                face.render(text, True, colour)
            self._text_cache[key] = surface
        if self.handed_out is not None:
            self.handed_out[id(surface)] = (surface, text)
        return surface

    def number(self, text: str, size: int, colour) -> pygame.Surface:
        """A big number ("$1,234M", "Pot: 1.234 Mio. $", "2031") in the display face, cached."""
        return self.text(text, size, colour, numbers=True)

    def fitted(self, text: str, size: int, colour, width: int, bold: bool = False) -> pygame.Surface:
        """A line cut to `width` pixels with an ellipsis if it is too long."""
        surface = self.text(text, size, colour, bold)
        if surface.get_width() <= width:
            return surface
        if len(self.cut_texts) > 200:
            self.cut_texts.clear()
        self.cut_texts.append(text)
        measure = font(size, bold)
        while text and measure.size(text + "…")[0] > width:
            text = text[:-1]
        return self.text(text.rstrip() + "…", size, colour, bold)

    def gui_theme(self) -> dict:
        """The pygame_gui theme built from the palette and the shipped font."""
        p = self.palette
        font_spec = {"name": "dejavu_sans", "size": "15", "regular_path": str(FONT_REGULAR),
                     "bold_path": str(FONT_BOLD), "italic_path": str(FONT_REGULAR),
                     "bold_italic_path": str(FONT_BOLD)}
        colours = {
            "normal_bg": _hex(p.button), "hovered_bg": _hex(p.button_hover), "disabled_bg": _hex(p.panel),
            "selected_bg": _hex(p.highlight), "active_bg": _hex(p.highlight), "dark_bg": _hex(p.panel),
            "normal_text": _hex(p.text), "hovered_text": _hex(p.text), "selected_text": _hex(p.background),
            "active_text": _hex(p.background), "disabled_text": _hex(p.text_dim),
            "normal_border": _hex(p.panel_edge), "hovered_border": _hex(p.highlight),
            "disabled_border": _hex(p.panel_edge), "selected_border": _hex(p.highlight),
            "active_border": _hex(p.highlight), "text_cursor": _hex(p.text),
            "filled_bar": _hex(p.highlight), "unfilled_bar": _hex(p.panel),
        }
        return {
            "defaults": {
                "colours": colours,
                "font": font_spec,
                "misc": {"shape": "rounded_rectangle", "shape_corner_radius": "6", "border_width": "1",
                         "tool_tip_delay": "0.6", "text_horiz_alignment_padding": "8"},
            },
            # pygame_gui does not pass the defaults' font on to every element type: name it for each
            **{element: {"font": font_spec} for element in (
                "button", "text_entry_line", "drop_down_menu", "selection_list", "check_box",
                "horizontal_slider", "window", "panel", "text_box", "tool_tip")},
            "label": {"colours": {"normal_text": _hex(p.text), "dark_bg": "#00000000"}, "font": font_spec},
            "@title": {"font": {**font_spec, "size": "40", "bold": "1"}, "colours": {"normal_text": _hex(p.text)}},
            "@heading": {"font": {**font_spec, "size": "22", "bold": "1"}},
            "@dim": {"colours": {"normal_text": _hex(p.text_dim)}},
            "@warning": {"colours": {"normal_text": _hex(p.warning)}},
            "#autosave_banner": {"colours": {"dark_bg": _hex(p.warning), "normal_text": _hex(p.background)},
                                 "font": {**font_spec, "size": "15", "bold": "1"}},
            "@primary": {"colours": {"normal_bg": _hex(p.highlight), "hovered_bg": _hex(p.highlight_hover),
                                     "normal_text": _hex(p.background), "hovered_text": _hex(p.background)},
                         "font": {**font_spec, "bold": "1"}},
            # a choice beside the primary one: outlined in the highlight colour
            "@secondary": {"colours": {"normal_bg": _hex(p.panel), "hovered_bg": _hex(p.button_hover),
                                       "normal_text": _hex(p.highlight), "hovered_text": _hex(p.text),
                                       "normal_border": _hex(p.highlight), "hovered_border": _hex(p.highlight)},
                           "font": {**font_spec, "bold": "1"}, "misc": {"border_width": "2"}},
            # a step that loses something (leave without saving, quit): outlined in the warning colour
            "@danger": {"colours": {"normal_bg": _hex(p.panel), "hovered_bg": _hex(p.warning),
                                    "normal_text": _hex(p.warning), "hovered_text": _hex(p.background),
                                    "normal_border": _hex(p.warning), "hovered_border": _hex(p.warning)},
                        "misc": {"border_width": "2"}},
            "text_box": {"colours": {"dark_bg": _hex(p.panel)}, "font": {**font_spec, "size": "14"}},
            "tool_tip": {"colours": {"dark_bg": _hex(p.tooltip), "normal_text": _hex(p.text)},
                         "font": {**font_spec, "size": "14"}, "misc": {"rect_width": "360"}},
            "panel": {"colours": {"dark_bg": _hex(p.panel), "normal_border": _hex(p.panel_edge)}},
            "window": {"colours": {"dark_bg": _hex(p.panel)}},
        }
