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
