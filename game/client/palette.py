"""The client's colours: a standard palette and a colour-blind-safe one with the same names.

Every colour is an ``(r, g, b)`` tuple of ints from 0 to 255, so pygame takes it as it is.
Drawing code asks for a role (``palette.nvidia``, ``palette.negative``), never for a hue.
Then switching to the colour-blind-safe palette changes every colour at once:

>>> palette = get_palette(colour_blind=True)
>>> palette.nvidia, palette.amd
((86, 180, 233), (230, 159, 0))
>>> palette.domain("energy") == palette.domain_energy
True

``COLOUR_BLIND`` takes its signal colours from the Okabe–Ito set (Okabe & Ito 2002,
"Color Universal Design"). Nvidia and AMD are sky blue and orange, not green and red.
Positive and negative are bluish green and vermillion. Both pairs stay apart for
deuteranopes and protanopes; tests/test_palette.py checks this with a simulation.
Colour never carries meaning alone: signs (+ −), arrows (▲ ▼) and labels go with it.

Contrast (WCAG 2.x), checked by the tests in both palettes: body text, dimmed text and the
signal colours used for numbers reach at least 4.5:1 on ``panel``. Card ink reaches at
least 4.5:1 on card paper, and event ink on event paper. Card paper reaches at least 4.5:1
on every domain colour, because the client writes on the domain band in card paper.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

RGB = tuple[int, int, int]


def hex_to_rgb(code: str) -> RGB:
    """``"#E69F00"`` -> ``(230, 159, 0)``.

    >>> hex_to_rgb("#E69F00")
    (230, 159, 0)
    """
    code = code.lstrip("#")
    if len(code) != 6:
        raise ValueError(f"expected #RRGGBB, got {code!r}")
    return (int(code[0:2], 16), int(code[2:4], 16), int(code[4:6], 16))


def rgb_to_hex(rgb: RGB) -> str:
    """``(230, 159, 0)`` -> ``"#E69F00"``."""
    return "#{:02X}{:02X}{:02X}".format(*rgb)


# The eight Okabe–Ito colours (Okabe & Ito 2002; Wong 2011, Nature Methods 8:441).
OKABE_ITO: dict[str, RGB] = {
    "black": hex_to_rgb("#000000"),
    "orange": hex_to_rgb("#E69F00"),
    "sky_blue": hex_to_rgb("#56B4E9"),
    "bluish_green": hex_to_rgb("#009E73"),
    "yellow": hex_to_rgb("#F0E442"),
    "blue": hex_to_rgb("#0072B2"),
    "vermillion": hex_to_rgb("#D55E00"),
    "reddish_purple": hex_to_rgb("#CC79A7"),
}

FIRM_COLOURS = 8  # the most seats a table has
DOMAINS = ("algorithms", "data", "talent", "energy", "hardware")  # = game.core.scenario.DOMAINS


@dataclass(frozen=True)
class Palette:
    """One complete set of colours. Both palettes fill every field."""

    name: str
    # the room and the table
    background: RGB  # behind everything
    felt: RGB  # the table surface (dark green)
    felt_edge: RGB  # the darker band just inside the rim
    rim: RGB  # the wooden rim of the table
    # panels and text
    panel: RGB  # seat boxes, the log, dialogs
    panel_edge: RGB
    text: RGB  # body text on panel, background and felt
    text_dim: RGB  # secondary text (labels, hints) on panel
    tooltip: RGB  # tooltip background (text on it: ``text``)
    # chips
    nvidia: RGB  # Nvidia accelerator chips
    amd: RGB  # AMD accelerator chips
    chip_edge: RGB  # the dark side and outline of every chip, so stacked chips stay apart
    # state and signals
    highlight: RGB  # whose turn it is, the focused control, the primary button
    highlight_hover: RGB  # the primary button under the mouse (text on it: ``background``)
    positive: RGB  # gains, a good result
    negative: RGB  # losses, a bad result
    warning: RGB  # take care (a low cash balance, a risky raise)
    folded: RGB  # a seat that folded this hand
    all_in: RGB  # a seat that is all-in
    exited: RGB  # a seat that left the game
    # cards
    card_paper: RGB  # R&D cards: research-paper cards
    card_back: RGB  # a face-down card
    card_ink: RGB
    event_paper: RGB  # market events: newspaper-headline cards
    event_ink: RGB
    # controls
    button: RGB
    button_hover: RGB
    button_text: RGB
    # the five R&D domains, domain_<name> for each name in DOMAINS: the band at the top of an
    # R&D card (its icon, name and points are drawn on it in card_paper) and the card's border
    domain_algorithms: RGB
    domain_data: RGB
    domain_talent: RGB
    domain_energy: RGB
    domain_hardware: RGB
    # one accent per seat, firm_<n> for n in 1..FIRM_COLOURS: the firm's logo mark and the stripe on
    # its plate (its mark's shape differs too, so colour never tells the firms apart alone)
    firm_1: RGB
    firm_2: RGB
    firm_3: RGB
    firm_4: RGB
    firm_5: RGB
    firm_6: RGB
    firm_7: RGB
    firm_8: RGB

    def firm(self, seat: int) -> RGB:
        """The accent of the firm at `seat` (seats beyond eight take the colours again)."""
        return getattr(self, f"firm_{seat % FIRM_COLOURS + 1}")

    def domain(self, name: str) -> RGB:
        """The colour of one R&D domain, by its name in ``DOMAINS`` (field ``domain_<name>``)."""
        if name not in DOMAINS:
            raise KeyError(name)
        return getattr(self, f"domain_{name}")

    def colours(self) -> dict[str, RGB]:
        """Every colour field by name (without ``name``)."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "name"}


_OI = OKABE_ITO

# Neutrals shared by both palettes: a dark room, dark panels, light text, warm paper.
_NEUTRALS = dict(
    background=hex_to_rgb("#0E1316"),
    felt=hex_to_rgb("#1C5A3A"),
    felt_edge=hex_to_rgb("#123D27"),
    rim=hex_to_rgb("#5E3B20"),
    panel=hex_to_rgb("#11161A"),
    panel_edge=hex_to_rgb("#3A4650"),
    text=hex_to_rgb("#F2F1EC"),
    text_dim=hex_to_rgb("#A9B2BA"),
    tooltip=hex_to_rgb("#232C34"),
    chip_edge=hex_to_rgb("#0A0D0C"),
    folded=hex_to_rgb("#7D838A"),
    exited=hex_to_rgb("#4A5057"),
    card_paper=hex_to_rgb("#F7F2E4"),
    card_back=hex_to_rgb("#2B4D8F"),
    card_ink=hex_to_rgb("#1D1D1B"),
    event_paper=hex_to_rgb("#EAE3CF"),
    event_ink=hex_to_rgb("#1A1A1A"),
    button=hex_to_rgb("#2C5C85"),
    button_hover=hex_to_rgb("#3A72A3"),
    button_text=hex_to_rgb("#FFFFFF"),
)

STANDARD = Palette(
    name="standard",
    **_NEUTRALS,
    nvidia=hex_to_rgb("#76B900"),  # Nvidia's brand green
    amd=hex_to_rgb("#E0312B"),  # close to AMD's brand red
    highlight=hex_to_rgb("#FFCC33"),
    highlight_hover=hex_to_rgb("#FFDD70"),
    positive=hex_to_rgb("#4CC26B"),
    negative=hex_to_rgb("#F0625A"),
    warning=hex_to_rgb("#F2A33A"),
    all_in=hex_to_rgb("#C77DFF"),
    domain_algorithms=hex_to_rgb("#2F62B0"),
    domain_data=hex_to_rgb("#1E7A5E"),
    domain_talent=hex_to_rgb("#A23F74"),
    domain_energy=hex_to_rgb("#8F5F00"),
    domain_hardware=hex_to_rgb("#4A515C"),
    firm_1=hex_to_rgb("#4E9BE6"),
    firm_2=hex_to_rgb("#E8773A"),
    firm_3=hex_to_rgb("#B57BE0"),
    firm_4=hex_to_rgb("#3FC1B0"),
    firm_5=hex_to_rgb("#E35D8C"),
    firm_6=hex_to_rgb("#D9C04A"),
    firm_7=hex_to_rgb("#9CCB5A"),
    firm_8=hex_to_rgb("#A9B8C8"),
)

COLOUR_BLIND = Palette(
    name="colour_blind",
    **_NEUTRALS,
    nvidia=_OI["sky_blue"],  # blue vs orange: apart for deuteranopes and protanopes
    amd=_OI["orange"],
    highlight=_OI["yellow"],
    highlight_hover=hex_to_rgb("#F6EC85"),  # a lighter tint of Okabe–Ito yellow
    positive=_OI["bluish_green"],
    negative=_OI["vermillion"],
    warning=_OI["orange"],  # same hue as AMD chips, but shown on text and badges, never chips
    all_in=_OI["reddish_purple"],
    # Domain bands carry card_paper-coloured text, so they must be dark: Okabe–Ito blue and
    # black as they are, the other hues darkened (same chromaticity, lower luminance).
    domain_algorithms=_OI["blue"],
    domain_data=hex_to_rgb("#00543C"),  # bluish green, darkened
    domain_talent=hex_to_rgb("#96587A"),  # reddish purple, darkened
    domain_energy=hex_to_rgb("#B24D00"),  # vermillion, darkened
    domain_hardware=_OI["black"],
    # Okabe–Ito hues, blue lightened to read on the dark plates, and a light grey as the eighth
    firm_1=_OI["sky_blue"],
    firm_2=_OI["orange"],
    firm_3=_OI["bluish_green"],
    firm_4=_OI["yellow"],
    firm_5=hex_to_rgb("#4F9BD9"),  # Okabe–Ito blue, lighter
    firm_6=_OI["vermillion"],
    firm_7=_OI["reddish_purple"],
    firm_8=hex_to_rgb("#BBBBBB"),
)

PALETTES: dict[str, Palette] = {p.name: p for p in (STANDARD, COLOUR_BLIND)}


def get_palette(colour_blind: bool = False) -> Palette:
    """The palette for the colour-blind-safe setting."""
    return COLOUR_BLIND if colour_blind else STANDARD


def _channel_to_linear(c: int) -> float:
    s = c / 255
    return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4


def relative_luminance(rgb: RGB | str) -> float:
    """WCAG 2.x relative luminance of an sRGB colour, from 0 (black) to 1 (white)."""
    if isinstance(rgb, str):
        rgb = hex_to_rgb(rgb)
    r, g, b = (_channel_to_linear(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: RGB | str, b: RGB | str) -> float:
    """WCAG 2.x contrast ratio (L1 + 0.05) / (L2 + 0.05), from 1 to 21. The order does not matter.

    >>> contrast_ratio((0, 0, 0), (255, 255, 255))
    21.0
    >>> round(contrast_ratio("#767676", "#FFFFFF"), 2)  # the lightest grey that passes AA on white
    4.54
    >>> contrast_ratio((10, 20, 30), (10, 20, 30))
    1.0
    """
    la, lb = relative_luminance(a), relative_luminance(b)
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)
