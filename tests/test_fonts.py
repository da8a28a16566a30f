"""The shipped fonts: every character the game draws has a real glyph, and the licence ships too.

Set the SDL drivers before pygame is imported, so the test also runs headless in CI.

``pygame.font.Font.metrics()`` alone cannot tell a real glyph from the "missing glyph"
box: with pygame-ce 2.5.8 (SDL_ttf 2.24) it returns the .notdef metrics, not ``None``,
for a character the font lacks. So the decisive check is ``pygame.freetype``, whose
``get_metrics()`` does return ``None`` for a missing glyph. A control test makes sure
that this check still catches a glyph we know is missing.
"""

from pathlib import Path

import pygame
import pygame.freetype
import pytest

FONT_DIR = Path(__file__).resolve().parents[1] / "assets" / "fonts"
FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
LICENCE_FILES = ("LICENSE-DejaVu.txt", "README.md")

# Every non-ASCII (and a few ASCII) character the client is meant to draw.
REQUIRED = "$€äöüßÄÖÜ\u2212×±≥≤→←↑↓·…–—„“”‘’%½¼¾•✓✗▲▼●○"
# Not required by the design, but used in card faces, scenario notes and rules text.
EXTRAS = "♠♥♦♣≈÷§"
# Characters DejaVu Sans does NOT have: the control test below needs at least one.
KNOWN_MISSING = "\u4e00\ue000"  # a CJK ideograph and a private-use code point

SIZE = 24


@pytest.fixture(scope="module", autouse=True)
def _pygame():
    # Initialising twice is harmless; quitting is left to whoever owns the process,
    # so this module cannot tear down a display that another test's fixture opened.
    pygame.init()
    pygame.freetype.init()


def _missing_freetype(path: Path, chars: str) -> list[str]:
    font = pygame.freetype.Font(str(path), SIZE)
    return [ch for ch, m in zip(chars, font.get_metrics(chars), strict=True) if m is None]


def _name(ch: str) -> str:
    return f"{ch!r} U+{ord(ch):04X}"


def test_the_font_files_are_there_and_small():
    sizes = {name: (FONT_DIR / name).stat().st_size for name in FONT_FILES}
    assert all(size > 100_000 for size in sizes.values()), sizes
    assert sum(sizes.values()) < 2_000_000, sizes


def test_licence_files_exist_and_say_what_they_should():
    for name in LICENCE_FILES:
        path = FONT_DIR / name
        assert path.is_file(), path
        assert path.stat().st_size > 500, path
    licence = (FONT_DIR / "LICENSE-DejaVu.txt").read_text(encoding="utf-8")
    assert "Bitstream Vera Fonts Copyright" in licence
    assert "Arev Fonts Copyright" in licence
    readme = (FONT_DIR / "README.md").read_text(encoding="utf-8")
    for name in FONT_FILES:
        assert name in readme
    assert "fonts-dejavu-core" in readme


@pytest.mark.parametrize("name", FONT_FILES)
def test_pygame_font_loads_and_reports_metrics(name):
    font = pygame.font.Font(str(FONT_DIR / name), SIZE)
    chars = REQUIRED + EXTRAS
    metrics = font.metrics(chars)
    assert len(metrics) == len(chars)
    bad = [
        _name(ch)
        for ch, m in zip(chars, metrics, strict=True)
        if m is None or m[4] <= 0 or m[1] <= m[0]  # no advance, or zero ink width
    ]
    assert not bad, f"{name}: no usable metrics for {bad}"
    surface = font.render(chars, True, (255, 255, 255))
    assert surface.get_width() > len(chars) * SIZE // 4


@pytest.mark.parametrize("name", FONT_FILES)
def test_every_required_character_has_a_real_glyph(name):
    missing = _missing_freetype(FONT_DIR / name, REQUIRED)
    assert not missing, f"{name} lacks {[_name(ch) for ch in missing]}"


@pytest.mark.parametrize("name", FONT_FILES)
def test_extra_characters_have_a_real_glyph(name):
    missing = _missing_freetype(FONT_DIR / name, EXTRAS)
    assert not missing, f"{name} lacks {[_name(ch) for ch in missing]}"


@pytest.mark.parametrize("name", FONT_FILES)
def test_the_glyph_check_catches_a_missing_glyph(name):
    # Control: if freetype ever stopped returning None for a missing glyph,
    # the two tests above would pass for any font.
    assert _missing_freetype(FONT_DIR / name, KNOWN_MISSING) == list(KNOWN_MISSING)


# --------------------------------------------------------------------------- the numbers' display face

NUMBERS_FONT = "B612-Bold.otf"
# what the display face must draw besides the numbers the game formats (below): signs, units, umlauts
NUMBERS_REQUIRED = "0123456789$%×≈€\u2212+.,:·äöüÄÖÜß"


def _numbers_drawn() -> str:
    """Every character of the numbers the client draws in the display face, as the game formats them in
    both languages: money (pot, cash, stakes), compute, the showdown's running capability, the year line."""
    from game.client import i18n
    from game.client.table_view import short_h100e
    from game.content.text import money

    texts = []
    for lang in ("en", "de"):
        i18n.set_language(lang)
        amounts = [money(amount, lang) for amount in (0, 7, 65, 1234, 12345, 1_234_567, -250)]
        texts += amounts + [i18n.t("table.pot", amount=amount) for amount in amounts]
        texts += [f"{short_h100e(value)} H100e" for value in (0.0, 512.0, 12_500.0, 3.4e6)]
        texts += [i18n.fixed(value, 1, lang) for value in (0.0, 44.9, -3.25, 1234.5)]
        texts += [i18n.t("table.when_ante", year=2031), i18n.t("table.when_quarter", year=2031, quarter=3),
                  i18n.t("table.when_over", year=2035)]
    i18n.set_language("en")
    return "".join(sorted(set("".join(texts)) - {" "}))


def test_the_numbers_face_loads_has_one_width_for_every_figure_and_ships_its_licence():
    font = pygame.font.Font(str(FONT_DIR / NUMBERS_FONT), SIZE)
    assert len({font.size(figure)[0] for figure in "0123456789"}) == 1  # a count-up does not jitter
    assert (FONT_DIR / NUMBERS_FONT).stat().st_size < 200_000
    licence = (FONT_DIR / "LICENSE-B612.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence and "AIRBUS" in licence
    readme = (FONT_DIR / "README.md").read_text(encoding="utf-8")
    assert NUMBERS_FONT in readme and "fonts-b612" in readme


def test_the_numbers_face_has_every_character_the_game_draws_with_it():
    drawn = _numbers_drawn()
    assert {"$", "1", "H", "Q", "\u2212"} <= set(drawn)  # money, compute, the year line, a negative figure
    missing = _missing_freetype(FONT_DIR / NUMBERS_FONT, NUMBERS_REQUIRED + drawn)
    assert not missing, f"{NUMBERS_FONT} lacks {[_name(ch) for ch in missing]}"


def test_the_numbers_face_check_catches_a_missing_glyph():
    assert _missing_freetype(FONT_DIR / NUMBERS_FONT, "\u4e00\u0e01") == ["\u4e00", "\u0e01"]  # CJK, Thai
