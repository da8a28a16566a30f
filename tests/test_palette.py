"""The client palettes: the same names in both, readable text, and a colour-blind palette that holds up.

How "colour-blind safe" is checked:

* Simulation: Machado, Oliveira & Fernandes (2009), "A Physiologically-based Model for
  Simulation of Color Vision Deficiency", IEEE TVCG 15(6), matrices at severity 1.0, that is
  full dichromacy. This is the worst case: anomalous trichromats, the more common kind, see
  more than a dichromat does. The matrix is applied to linear RGB, and the result is clipped
  to [0, 1].
* Distance: CIE76 ΔE, the Euclidean distance in CIELAB (D65 white).
* Threshold: ``MIN_DELTA_E = 30`` for pairs that carry game meaning (whose chips, gain or
  loss). The reasons:
    - ΔE ≈ 2.3 is one just-noticeable difference (Mahy et al. 1994, via Sharma 2003), so 30 is about
      13 JNDs: a difference seen at a glance, even on small chips or numbers.
    - Pairs that dichromats are known to confuse score far below 30 under the same
      simulation. The standard palette's Nvidia green vs AMD red gives 17 (deuteranopia).
      Its positive vs negative gives 9. Pure red #FF0000 vs green #00AA00 gives 9. The
      control tests below assert this, so the threshold does reject red–green pairs.
    - The closest Okabe–Ito pairs, orange/yellow and bluish green/reddish purple, score
      17–18. We never use such a pair for one distinction.
  The colour-blind palette clears it with room to spare: Nvidia/AMD ≥ 101 and
  positive/negative ≥ 37 (protanopia is the tighter case).
* The five R&D domains also have an icon and a name, so they only need ``MIN_DELTA_E_DOMAINS``
  = 15 between any two (about 6.5 JNDs). The closest pair in the colour-blind palette is
  data/talent at 20.5 (deuteranopia). The domain colours are darkened Okabe–Ito hues, which
  keeps card_paper text on them at 4.5:1 or better. Their lightness differs on purpose
  (data is darker than talent) because darkening alone pulls hues together for dichromats.
"""

import itertools
import math
from dataclasses import fields

import pytest

from game.client.palette import (
    COLOUR_BLIND,
    DOMAINS,
    OKABE_ITO,
    PALETTES,
    STANDARD,
    Palette,
    contrast_ratio,
    get_palette,
    hex_to_rgb,
    relative_luminance,
    rgb_to_hex,
)

MIN_TEXT_CONTRAST = 4.5  # WCAG 2.x AA, normal-size text (SC 1.4.3)
MIN_GRAPHIC_CONTRAST = 3.0  # WCAG 2.1 AA, graphical objects (SC 1.4.11)
MIN_DELTA_E = 30.0  # see the module docstring
MIN_DELTA_E_DOMAINS = 15.0

# Machado et al. 2009, severity 1.0, for linear RGB.
MACHADO = {
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
}
RED_GREEN = ("deuteranopia", "protanopia")

BOTH = pytest.mark.parametrize("palette", [STANDARD, COLOUR_BLIND], ids=lambda p: p.name)


# --- colour science helpers -------------------------------------------------------------------


def _to_linear(c: int) -> float:
    s = c / 255
    return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4


def _linear(rgb, vision=None):
    lin = [_to_linear(c) for c in rgb]
    if vision is None:
        return lin
    return [min(1.0, max(0.0, sum(m * v for m, v in zip(row, lin, strict=True)))) for row in MACHADO[vision]]


def _lab(lin):
    r, g, b = lin
    x = 0.4124564 * r + 0.3575761 * g + 0.1804375 * b
    y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b
    z = 0.0193339 * r + 0.1191920 * g + 0.9503041 * b

    def f(t):
        d = 6 / 29
        return t ** (1 / 3) if t > d**3 else t / (3 * d * d) + 4 / 29

    fx, fy, fz = f(x / 0.95047), f(y / 1.0), f(z / 1.08883)
    return (116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz))


def delta_e(a, b, vision=None) -> float:
    """CIE76 ΔE between two sRGB colours, both seen with ``vision`` (None = typical)."""
    return math.dist(_lab(_linear(a, vision)), _lab(_linear(b, vision)))


# --- the helpers themselves -------------------------------------------------------------------


def test_simulation_matrices_keep_greys_grey():
    # Each row sums to 1, so greys are fixed points: a check that the numbers were copied right.
    for vision, matrix in MACHADO.items():
        for row in matrix:
            assert sum(row) == pytest.approx(1.0, abs=1e-3), vision
        for grey in ((0, 0, 0), (128, 128, 128), (255, 255, 255)):
            assert delta_e(grey, grey, vision) == 0
            assert _linear(grey, vision) == pytest.approx(_linear(grey), abs=1e-3)


def test_delta_e_reference_values():
    assert delta_e((0, 0, 0), (255, 255, 255)) == pytest.approx(100.0, abs=0.01)  # L* 0 -> 100
    assert _lab(_linear((255, 255, 255))) == pytest.approx((100.0, 0.0, 0.0), abs=0.01)
    # sRGB red is L*a*b* (53.24, 80.09, 67.20) in the usual D65 tables.
    assert _lab(_linear((255, 0, 0))) == pytest.approx((53.24, 80.09, 67.20), abs=0.05)


def test_contrast_ratio_matches_wcag():
    assert contrast_ratio((0, 0, 0), (255, 255, 255)) == pytest.approx(21.0)
    assert contrast_ratio((255, 255, 255), (0, 0, 0)) == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#777777") == pytest.approx(1.0)
    # #767676 on white is the classic "just passes AA" grey (4.54:1); #777777 just fails (4.48:1).
    assert contrast_ratio("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)
    assert relative_luminance((255, 255, 255)) == pytest.approx(1.0)
    assert relative_luminance("#000000") == 0.0


def test_hex_round_trip():
    for code in ("#000000", "#E69F00", "#56B4E9", "#FFFFFF"):
        assert rgb_to_hex(hex_to_rgb(code)) == code
    with pytest.raises(ValueError):
        hex_to_rgb("#FFF")


# --- structure --------------------------------------------------------------------------------


def test_both_palettes_have_the_same_fields_all_filled():
    assert isinstance(STANDARD, Palette) and isinstance(COLOUR_BLIND, Palette)
    assert STANDARD.colours().keys() == COLOUR_BLIND.colours().keys()
    assert [f.name for f in fields(STANDARD)] == [f.name for f in fields(COLOUR_BLIND)]
    for palette in (STANDARD, COLOUR_BLIND):
        for name, colour in palette.colours().items():
            assert isinstance(colour, tuple) and len(colour) == 3, (palette.name, name)
            assert all(isinstance(c, int) and 0 <= c <= 255 for c in colour), (palette.name, name)


def test_the_brief_fields_exist():
    wanted = (
        "felt felt_edge rim background text text_dim panel panel_edge nvidia amd highlight positive "
        "negative warning card_paper card_ink event_paper event_ink folded all_in exited button "
        "domain_algorithms domain_data domain_talent domain_energy domain_hardware "
        "card_back chip_edge tooltip highlight_hover button_hover"  # also used by the client code
    ).split()
    assert set(wanted) <= set(STANDARD.colours())


def test_palettes_are_frozen():
    with pytest.raises(AttributeError):
        STANDARD.felt = (0, 0, 0)  # type: ignore[misc]


def test_domains_match_the_engine():
    from game.core.scenario import DOMAINS as ENGINE_DOMAINS

    assert DOMAINS == ENGINE_DOMAINS
    for palette in (STANDARD, COLOUR_BLIND):
        for name in DOMAINS:
            assert palette.domain(name) == getattr(palette, f"domain_{name}")
    with pytest.raises(KeyError):
        STANDARD.domain("felt")


def test_lookup():
    assert get_palette() is STANDARD
    assert get_palette(colour_blind=True) is COLOUR_BLIND
    assert PALETTES == {"standard": STANDARD, "colour_blind": COLOUR_BLIND}


# --- contrast ---------------------------------------------------------------------------------

TEXT_PAIRS = [
    ("text", "panel"),
    ("card_ink", "card_paper"),
    ("event_ink", "event_paper"),
    ("text_dim", "panel"),
    ("text", "background"),
    ("text", "felt"),
    ("text", "tooltip"),
    ("background", "highlight"),  # the primary button
    ("background", "highlight_hover"),
    ("button_text", "button"),
    ("button_text", "button_hover"),
    # signal colours are also used for numbers and labels on panels
    ("positive", "panel"),
    ("negative", "panel"),
    ("warning", "panel"),
    ("highlight", "panel"),
    ("folded", "panel"),
]


@BOTH
@pytest.mark.parametrize(("fg", "bg"), TEXT_PAIRS)
def test_text_contrast_is_at_least_aa(palette, fg, bg):
    ratio = contrast_ratio(getattr(palette, fg), getattr(palette, bg))
    assert ratio >= MIN_TEXT_CONTRAST, f"{palette.name}: {fg} on {bg} is {ratio:.2f}:1"


@BOTH
@pytest.mark.parametrize("name", DOMAINS)
def test_card_paper_text_is_readable_on_every_domain_band(palette, name):
    ratio = contrast_ratio(palette.card_paper, palette.domain(name))
    assert ratio >= MIN_TEXT_CONTRAST, f"{palette.name}: card_paper on domain_{name} is {ratio:.2f}:1"


@pytest.mark.parametrize("chip", ["nvidia", "amd"])
def test_colour_blind_chips_stand_out_from_the_felt(chip):
    # Colour-blind players rely more on lightness, so the chips must also differ from the felt in
    # luminance, not only in hue.
    ratio = contrast_ratio(getattr(COLOUR_BLIND, chip), COLOUR_BLIND.felt)
    assert ratio >= MIN_GRAPHIC_CONTRAST, f"{chip} on felt is {ratio:.2f}:1"


# --- colour vision deficiency -----------------------------------------------------------------

KEY_PAIRS = [("nvidia", "amd"), ("positive", "negative")]


@pytest.mark.parametrize("vision", [None, *RED_GREEN])
@pytest.mark.parametrize(("a", "b"), KEY_PAIRS)
def test_colour_blind_key_pairs_stay_apart(a, b, vision):
    d = delta_e(getattr(COLOUR_BLIND, a), getattr(COLOUR_BLIND, b), vision)
    assert d >= MIN_DELTA_E, f"{a} vs {b} under {vision or 'typical vision'}: ΔE {d:.1f}"


@pytest.mark.parametrize("vision", [None, *RED_GREEN])
def test_colour_blind_domains_stay_apart(vision):
    for a, b in itertools.combinations(DOMAINS, 2):
        d = delta_e(COLOUR_BLIND.domain(a), COLOUR_BLIND.domain(b), vision)
        assert d >= MIN_DELTA_E_DOMAINS, f"{a} vs {b} under {vision or 'typical vision'}: ΔE {d:.1f}"


def test_control_the_threshold_rejects_red_green_pairs():
    # If these ever passed, the simulation or the threshold would be too lax to mean anything.
    assert delta_e(STANDARD.nvidia, STANDARD.amd, "deuteranopia") < MIN_DELTA_E
    assert delta_e(STANDARD.positive, STANDARD.negative, "deuteranopia") < MIN_DELTA_E
    assert delta_e((255, 0, 0), (0, 170, 0), "deuteranopia") < MIN_DELTA_E
    # ...while with typical vision those same pairs are far apart.
    assert delta_e(STANDARD.nvidia, STANDARD.amd) > 3 * MIN_DELTA_E
    assert delta_e(STANDARD.positive, STANDARD.negative) > 3 * MIN_DELTA_E


def _same_chromaticity(a, b) -> bool:
    """True if ``a`` is ``b`` scaled in linear light (a darker shade of the same colour)."""
    la, lb = _linear(a), _linear(b)
    dot = sum(x * y for x, y in zip(la, lb, strict=True))
    norm = math.hypot(*la) * math.hypot(*lb)
    return norm == 0 and la == lb or norm > 0 and dot / norm > 0.999


def test_colour_blind_signal_colours_are_okabe_ito():
    allowed = set(OKABE_ITO.values())
    for name in ("nvidia", "amd", "highlight", "positive", "negative", "warning", "all_in"):
        assert getattr(COLOUR_BLIND, name) in allowed, name
    # Domain colours may be darkened, but each keeps the chromaticity of one Okabe–Ito colour,
    # and no two domains share one.
    bases = []
    for name in DOMAINS:
        matches = [key for key, oi in OKABE_ITO.items() if _same_chromaticity(COLOUR_BLIND.domain(name), oi)]
        assert matches, f"domain_{name} is not a shade of an Okabe–Ito colour"
        bases.append(matches[0])
    assert len(set(bases)) == len(DOMAINS), bases
    assert COLOUR_BLIND.nvidia != COLOUR_BLIND.amd
    assert COLOUR_BLIND.positive != COLOUR_BLIND.negative


@BOTH
def test_every_firm_accent_stands_out_on_the_plates(palette):
    # A firm's mark and the stripe on its plate are graphics on the panel colour; the mark's shape
    # differs per firm too (game/client/art.py), so colour never tells the firms apart alone.
    for seat in range(8):
        ratio = contrast_ratio(palette.firm(seat), palette.panel)
        assert ratio >= MIN_GRAPHIC_CONTRAST, f"firm {seat + 1} on panel is {ratio:.2f}:1"
    assert len(set(palette.firm(seat) for seat in range(8))) == 8


def test_each_firm_has_a_mark_of_its_own_shape():
    from game.client.art import MARK_SHAPES
    assert len(set(MARK_SHAPES)) == len(MARK_SHAPES) == 8
