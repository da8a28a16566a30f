"""The table's look, drawn in code: the felt with its texture and light, each firm's mark, the R&D
domains' icons, card faces and backs, and digits for numbers that change every frame.

Everything that is the same from frame to frame is drawn once and cached by size and palette, so
the table and the showdown's animation only blit.
"""

from __future__ import annotations

import math
import random
from functools import lru_cache

import pygame

from .palette import Palette
from .theme import font, number_font

MARK_SHAPES = ("ring", "triangle", "diamond", "hexagon", "star", "chevron", "cross", "crescent")


def _shade(colour, factor: float) -> tuple[int, int, int]:
    """`colour` lighter (factor > 1) or darker (factor < 1)."""
    return tuple(max(0, min(255, round(c * factor))) for c in colour[:3])


@lru_cache(maxsize=8)
def felt(size: tuple[int, int], palette: Palette) -> pygame.Surface:
    """The table seen from above: a wooden rim, the felt with a fine woven texture and a pool of
    light in its middle, and the printed line of the betting area. `size` is the felt's ellipse."""
    width, height = size
    margin = 14
    surface = pygame.Surface((width + 2 * margin, height + 2 * margin), pygame.SRCALPHA)
    outer = surface.get_rect()
    pygame.draw.ellipse(surface, _shade(palette.rim, 0.7), outer)
    pygame.draw.ellipse(surface, palette.rim, outer.inflate(-4, -4))
    pygame.draw.ellipse(surface, _shade(palette.rim, 1.35), outer.inflate(-10, -10), 2)  # the rim's polish
    cloth = pygame.Rect(margin, margin, width, height)
    pygame.draw.ellipse(surface, palette.felt_edge, cloth.inflate(8, 8))
    pygame.draw.ellipse(surface, palette.felt, cloth)
    # Light from above: ever smaller, ever lighter ellipses, faint enough to read as a glow.
    light = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
    steps = 10
    for step in range(steps):
        inset = cloth.inflate(-cloth.width * step / (steps + 2), -cloth.height * step / (steps + 2))
        pygame.draw.ellipse(light, (255, 255, 230, 5), inset)
    surface.blit(light, (0, 0))
    # The weave: tiny dots, a little lighter or darker, the same every time (a fixed seed).
    texture = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
    weave = random.Random(1)
    for _ in range(width * height // 60):
        x, y = weave.randrange(cloth.left, cloth.right), weave.randrange(cloth.top, cloth.bottom)
        tone = 255 if weave.random() < 0.5 else 0
        texture.set_at((x, y), (tone, tone, tone, 14))
    mask = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
    pygame.draw.ellipse(mask, (255, 255, 255, 255), cloth)
    texture.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MIN)
    surface.blit(texture, (0, 0))
    pygame.draw.ellipse(surface, palette.felt_edge, cloth.inflate(-60, -50), 2)
    return surface


def firm_mark(surface: pygame.Surface, seat: int, centre: tuple[int, int], size: int, colour) -> pygame.Rect:
    """The firm's logo: a shape of its own (by seat) in its colour. Returns the area it covers."""
    x, y = centre
    r = size / 2
    shape = MARK_SHAPES[seat % len(MARK_SHAPES)]

    def ring_points(count: int, radius: float, turn: float = -math.pi / 2) -> list[tuple[float, float]]:
        angles = [turn + 2 * math.pi * i / count for i in range(count)]
        return [(x + radius * math.cos(angle), y + radius * math.sin(angle)) for angle in angles]

    if shape == "ring":
        pygame.draw.circle(surface, colour, centre, round(r))
        pygame.draw.circle(surface, _shade(colour, 0.35), centre, round(r * 0.45))
    elif shape == "triangle":
        pygame.draw.polygon(surface, colour, ring_points(3, r * 1.1))
    elif shape == "diamond":
        pygame.draw.polygon(surface, colour, ring_points(4, r))
    elif shape == "hexagon":
        pygame.draw.polygon(surface, colour, ring_points(6, r))
        pygame.draw.polygon(surface, _shade(colour, 0.35), ring_points(6, r * 0.45))
    elif shape == "star":
        points = []
        inner = ring_points(5, r * 0.45, -math.pi / 2 + math.pi / 5)
        for outer, between in zip(ring_points(5, r * 1.1), inner, strict=True):
            points += [outer, between]
        pygame.draw.polygon(surface, colour, points)
    elif shape == "chevron":
        pygame.draw.polygon(surface, colour, [(x - r, y - r * 0.6), (x, y + r * 0.2), (x + r, y - r * 0.6),
                                              (x + r, y + r * 0.1), (x, y + r * 0.9), (x - r, y + r * 0.1)])
    elif shape == "cross":
        arm = max(2, round(r * 0.7))
        pygame.draw.rect(surface, colour, (x - arm // 2, y - r, arm, 2 * r))
        pygame.draw.rect(surface, colour, (x - r, y - arm // 2, 2 * r, arm))
    else:  # crescent
        pygame.draw.circle(surface, colour, centre, round(r))
        pygame.draw.circle(surface, _shade(colour, 0.0), (round(x + r * 0.45), round(y - r * 0.2)), round(r * 0.75))
    return pygame.Rect(round(x - r), round(y - r), round(2 * r), round(2 * r))


def domain_icon(surface: pygame.Surface, domain: str, centre: tuple[int, int], colour, size: int = 16) -> None:
    """A glyph per R&D domain, drawn with primitives so no icon font is needed; `size` in pixels."""
    x, y = centre
    k = size / 16  # the glyphs were drawn for 16 pixels
    line = max(1, round(2 * k))

    def p(dx: float, dy: float) -> tuple[int, int]:
        return round(x + dx * k), round(y + dy * k)

    if domain == "algorithms":  # a tiny graph: three nodes and edges
        points = [p(-6, 5), p(0, -6), p(6, 5)]
        pygame.draw.lines(surface, colour, True, points, line)
        for point in points:
            pygame.draw.circle(surface, colour, point, max(2, round(2 * k)))
    elif domain == "data":  # a database cylinder
        pygame.draw.ellipse(surface, colour, (*p(-6, -7), round(12 * k), round(5 * k)), line)
        pygame.draw.line(surface, colour, p(-6, -5), p(-6, 5), line)
        pygame.draw.line(surface, colour, p(5, -5), p(5, 5), line)
        pygame.draw.ellipse(surface, colour, (*p(-6, 2), round(12 * k), round(5 * k)), line)
    elif domain == "talent":  # a person
        pygame.draw.circle(surface, colour, p(0, -4), max(2, round(3 * k)))
        pygame.draw.arc(surface, colour, (*p(-6, 0), round(12 * k), round(10 * k)), 0, math.pi, line)
    elif domain == "energy":  # a lightning bolt
        pygame.draw.polygon(surface, colour, [p(2, -8), p(-5, 1), p(0, 1), p(-2, 8), p(5, -1), p(0, -1)])
    else:  # hardware: a chip with pins
        pygame.draw.rect(surface, colour, (*p(-5, -5), round(10 * k), round(10 * k)), line)
        for offset in (-3, 0, 3):
            pygame.draw.line(surface, colour, p(offset, -8), p(offset, -6), max(1, round(k)))
            pygame.draw.line(surface, colour, p(offset, 6), p(offset, 8), max(1, round(k)))


@lru_cache(maxsize=16)
def card_back(size: tuple[int, int], palette: Palette) -> pygame.Surface:
    """A face-down R&D card: a circuit pattern on the card's blue, a frame, the table's chip in the middle."""
    surface = pygame.Surface(size, pygame.SRCALPHA)
    rect = surface.get_rect()
    radius = max(3, min(size) // 8)
    pygame.draw.rect(surface, palette.card_back, rect, border_radius=radius)
    trace = _shade(palette.card_back, 1.45)
    step = max(5, min(size) // 5)
    for offset in range(-rect.height, rect.width, step):  # diagonal traces
        pygame.draw.line(surface, trace, (offset, rect.bottom), (offset + rect.height, rect.top), 1)
    mask = pygame.Surface(size, pygame.SRCALPHA)
    pygame.draw.rect(mask, (255, 255, 255, 255), rect, border_radius=radius)
    surface.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MIN)
    pygame.draw.rect(surface, palette.card_paper, rect.inflate(-max(4, size[0] // 7), -max(4, size[0] // 7)), 1,
                     border_radius=max(2, radius - 1))
    chip = pygame.Rect(0, 0, size[0] // 2, size[0] // 2)
    chip.center = rect.center
    pygame.draw.rect(surface, palette.card_back, chip)
    domain_icon(surface, "hardware", rect.center, palette.card_paper, max(10, size[0] // 2))
    return surface


@lru_cache(maxsize=64)
def small_card_face(domain: str, points: str, size: tuple[int, int], palette: Palette, colour) -> pygame.Surface:
    """A face-up R&D card at a seat: the domain's colour as a band with its icon, its points below."""
    surface = pygame.Surface(size, pygame.SRCALPHA)
    rect = surface.get_rect()
    radius = max(3, min(size) // 8)
    pygame.draw.rect(surface, palette.card_paper, rect, border_radius=radius)
    band = pygame.Rect(0, 0, size[0], size[1] * 2 // 5)
    pygame.draw.rect(surface, colour, band, border_top_left_radius=radius, border_top_right_radius=radius)
    domain_icon(surface, domain, band.center, palette.card_paper, max(10, band.height - 4))
    pygame.draw.rect(surface, colour, rect, 2, border_radius=radius)
    text = font(max(11, size[1] // 3), True).render(points, True, palette.card_ink)
    surface.blit(text, text.get_rect(center=(rect.centerx, (band.bottom + rect.bottom) // 2)))
    return surface


class Digits:
    """Numbers drawn from cached glyphs: a count-up changes its figure every frame, and rendering
    text each frame would cost more than the rest of the frame."""

    def __init__(self) -> None:
        self._glyphs: dict[tuple, pygame.Surface] = {}

    def glyph(self, character: str, size: int, colour, bold: bool) -> pygame.Surface:
        """One character in the numbers' display face (`bold`: kept for callers; the face is bold)."""
        key = (character, size, tuple(colour), bold)
        image = self._glyphs.get(key)
        if image is None:
            image = self._glyphs[key] = number_font(size).render(character, True, colour)
        return image

    def size(self, text: str, size: int, bold: bool = True) -> tuple[int, int]:
        images = [self.glyph(character, size, (0, 0, 0), bold) for character in text]
        return sum(image.get_width() for image in images), max((image.get_height() for image in images), default=0)

    def draw(self, surface: pygame.Surface, text: str, size: int, colour, topright: tuple[int, int],
             bold: bool = True) -> pygame.Rect:
        """`text` with its top-right corner at `topright` (numbers line up at the right)."""
        width, height = self.size(text, size, bold)
        x = topright[0] - width
        for character in text:
            image = self.glyph(character, size, colour, bold)
            surface.blit(image, (x, topright[1]))
            x += image.get_width()
        return pygame.Rect(topright[0] - width, topright[1], width, height)
