"""Where things go on the table screen, for any window size.

Besides the seat plates, each seat's small cards (face down, or shown at the showdown) and its
stake this quarter need a place that overlaps nothing else. Cards go above the plate where
there is room, else beside or below it; a stake goes between its plate and the pot, moved
along that line, and its chip stacks drawn lower, until it is clear of plates, cards, the pot
and the other stakes. A small window with many seats may leave no clear place: then the
least crowded one is taken.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import pygame

DESIGN_SIZE = (1280, 720)  # the window the table is drawn for; larger windows scale it up (`table_scale`)
MAX_SCALE = 2.0
SIDE_PANEL_SHARE = 0.29  # of the window width, for prices, events, pot and the log
ACTION_BAR_HEIGHT = 132
SEAT_SIZE = (184, 110)  # name, player, cash and ownership, investors' preference, compute and its bar
# The seat at the bottom, where the person at the screen sits: wider and taller, for labelled figures
# and the line with their capability as a showdown would score it now.
BOTTOM_SEAT_SIZE = (300, 146)  # at most: a third of the table's width
PLATE_TAB = 10  # how far a tab on a plate's foot reaches below it
STATUS_TAB = 10  # how far a status tab ("SITTING OUT") on a plate's top edge reaches above it
SMALL_CARD = (34, 46)  # an R&D card at a seat
CARD_PITCH = 38  # from one small card's centre to the next
CHIP_STEP = 4  # pixels from one chip of a stack to the one above it
MAX_CHIPS_PER_STACK = 12
STAKE_STACK_HEIGHTS = (12, 10, 8, 6, 4)  # chips per stack a stake may be drawn with, tallest first
STAKE_LABEL = (100, 16)  # the stake's amount under its chips: "12.345 Mio. $" at most
STAKE_LABEL_TOP = 10  # from the foot of the stake's chips to the top of its amount
STAKE_FRACTIONS = (0.55, 0.45, 0.65, 0.35, 0.75, 0.25, 0.85)  # of the way from the pot to the seat
# Pixels beside that line a stake may move to.
STAKE_SHIFTS = tuple((dx, dy) for dy in (0, -30, 30, -60, 60, -90, 90) for dx in (0, -40, 40, -80, 80))
# What a place costs: each pixel covered twice CROWDING (a pixel of text twice that), each pixel
# outside the table's area OUTSIDE, each pixel a stake moves from its usual place 2, each chip
# its stacks lose 12, and cards 60 for each place further down the list of card places.
CROWDING = 30
OUTSIDE = 1000
# The pot around `pot`: its title, five stacks of chips under it and up to two lines of pots under those.
POT_TITLE = (220, 28)
POT_LINES = (190, 36)
POT_TITLE_BOTTOM = -30  # the title's foot, above the tallest stack
POT_CHIPS_BASE = 24  # where the pot's stacks stand
POT_LINES_TOP = 34  # the main pot and side pots, one a line


def table_scale(window: tuple[int, int]) -> float:
    """How much the table is scaled up in a window of this size: 1 up to the design size, then as much
    as the window's width and height both allow (1.5 at 1920×1080), at most MAX_SCALE."""
    return max(1.0, min(window[0] / DESIGN_SIZE[0], window[1] / DESIGN_SIZE[1], MAX_SCALE))


SMALLEST_LAYOUT = (1024, 640)  # every screen is laid out for at least this (tests/test_scene_render.py checks it)


def ui_scale(window: tuple[int, int], chosen: str | float) -> float:
    """How much every screen is scaled up in a window of this size: `chosen` is the UI scale setting,
    "auto" (the table's scale, `table_scale`) or a factor, which is lowered as far as the window must
    to leave the screens at least SMALLEST_LAYOUT (never below 1)."""
    if chosen == "auto":
        return table_scale(window)
    return max(1.0, min(float(chosen), window[0] / SMALLEST_LAYOUT[0], window[1] / SMALLEST_LAYOUT[1]))


@dataclass(frozen=True)
class TableLayout:
    window: pygame.Rect
    felt: pygame.Rect  # the table's ellipse
    side: pygame.Rect  # the right-hand panel
    actions: pygame.Rect  # the control bar under the table
    seats: tuple[pygame.Rect, ...]  # one plate per seat, clockwise from the bottom (see `turned`)
    stakes: tuple[tuple[int, int], ...]  # where each seat's stake this quarter stands (the foot of its chips)
    pot: tuple[int, int]
    my_cards: pygame.Rect  # the viewer's own two R&D cards, at the top of the side panel
    cards: tuple[tuple[int, int], ...]  # midbottom of each seat's two small cards
    stake_stacks: tuple[int, ...]  # how many chips each seat's stake stacks may hold there


def small_cards_rect(midbottom: tuple[int, int], count: int = 2) -> pygame.Rect:
    """The rectangle `count` small cards fill when drawn around `midbottom`."""
    rect = pygame.Rect(0, 0, SMALL_CARD[0] + CARD_PITCH * (count - 1), SMALL_CARD[1])
    rect.midbottom = midbottom
    return rect


def small_card_rects(midbottom: tuple[int, int], count: int) -> list[pygame.Rect]:
    """One rectangle per small card, left to right, centred on `midbottom`."""
    first = midbottom[0] - CARD_PITCH * (count - 1) // 2
    rects = []
    for index in range(count):
        rect = pygame.Rect(0, 0, *SMALL_CARD)
        rect.midbottom = (first + index * CARD_PITCH, midbottom[1])
        rects.append(rect)
    return rects


def chips_area(foot: tuple[int, int], per_stack: int = MAX_CHIPS_PER_STACK) -> pygame.Rect:
    """What two stacks of at most `per_stack` chips standing at `foot` cover (`TableView.chips`)."""
    top = foot[1] - CHIP_STEP * (per_stack - 1) - 8
    return pygame.Rect(foot[0] - 26, top, 52, foot[1] + 8 - top)


def stake_area(foot: tuple[int, int], per_stack: int = MAX_CHIPS_PER_STACK) -> list[pygame.Rect]:
    """What a stake standing at `foot` covers: two stacks of `per_stack` chips, its amount under them."""
    chips = chips_area(foot, per_stack)
    label = pygame.Rect(foot[0] - STAKE_LABEL[0] // 2, foot[1] + STAKE_LABEL_TOP, *STAKE_LABEL)
    return [chips, label]


def pot_area(pot: tuple[int, int]) -> list[pygame.Rect]:
    """What the pot covers: its title, five stacks of chips under it, two lines of pots under those."""
    x, y = pot
    title = pygame.Rect(x - POT_TITLE[0] // 2, y + POT_TITLE_BOTTOM - POT_TITLE[1], *POT_TITLE)
    chips = pygame.Rect(x - 66, y + POT_CHIPS_BASE - CHIP_STEP * (MAX_CHIPS_PER_STACK - 1) - 8, 132,
                        CHIP_STEP * (MAX_CHIPS_PER_STACK - 1) + 16)
    lines = pygame.Rect(x - POT_LINES[0] // 2, y + POT_LINES_TOP, *POT_LINES)
    return [title, chips, lines]


def _overlap(rects: list[pygame.Rect], others: list[pygame.Rect]) -> int:
    """Pixels of `rects` that `others` cover (each pair counted once)."""
    total = 0
    for rect in rects:
        for index in rect.collidelistall(others):
            clip = rect.clip(others[index])
            total += clip.width * clip.height
    return total


def _outside(rects: list[pygame.Rect], play: pygame.Rect) -> int:
    return sum(rect.width * rect.height for rect in rects) - _overlap(rects, [play])


def _plate_area(plate: pygame.Rect) -> pygame.Rect:
    """A plate with a little margin, and under it room for the tab an export-restricted firm's
    plate carries on its foot."""
    return pygame.Rect(plate.x - 3, plate.y - 3, plate.width + 6, plate.height + 3 + PLATE_TAB)


def _card_places(plate: pygame.Rect) -> list[tuple[int, int]]:
    """Where a seat's two small cards may go, best first: above the plate (centred, then shifted
    to either side), beside its upper corners, below it, beside its lower corners."""
    width = small_cards_rect((0, 0)).width
    above = plate.top - 4
    shift = (plate.width - width) // 2
    left, right = plate.left - 6 - width // 2, plate.right + 6 + width // 2
    return [(plate.centerx, above), (plate.centerx - shift, above), (plate.centerx + shift, above),
            (left, plate.top + SMALL_CARD[1]), (right, plate.top + SMALL_CARD[1]),
            (plate.centerx, plate.bottom + PLATE_TAB + SMALL_CARD[1]), (left, plate.bottom), (right, plate.bottom)]


def _stake_places(plate: pygame.Rect, centre: tuple[float, float]) -> list[tuple[tuple[int, int], float]]:
    """Where a seat's stake may stand, with how far that is from its usual place (in pixels): on the
    line from the pot to the plate, or beside that line (where the plates leave no room on it)."""
    usual = (centre[0] + (plate.centerx - centre[0]) * STAKE_FRACTIONS[0],
             centre[1] + (plate.centery - centre[1]) * STAKE_FRACTIONS[0])
    places = []
    for fraction in STAKE_FRACTIONS:
        x = centre[0] + (plate.centerx - centre[0]) * fraction
        y = centre[1] + (plate.centery - centre[1]) * fraction
        for dx, dy in STAKE_SHIFTS:
            places.append(((int(x + dx), int(y + dy)), math.hypot(x + dx - usual[0], y + dy - usual[1])))
    return places


def _best_place(plate: pygame.Rect, centre: tuple[float, float], play: pygame.Rect,
                blocked: list[pygame.Rect]) -> tuple[float, tuple[int, int], tuple[int, int], int]:
    """(cost, cards, stake, chips per stack): a seat's cards and stake where they are least crowded
    by `blocked` (text covering anything counts double); among clear places, cards above the plate
    and the stake near its usual place, with tall stacks."""
    stakes = []
    for foot, distance in _stake_places(plate, centre):
        label = stake_area(foot)[1]
        label_cost = (_overlap([label], blocked) * CROWDING * 2 + _outside([label], play) * OUTSIDE
                      + distance * 2)
        for per_stack in STAKE_STACK_HEIGHTS:  # tallest first: once clear, shorter stacks are clear too
            chips = stake_area(foot, per_stack)[0]
            crowded = _overlap([chips], blocked) * CROWDING + _outside([chips], play) * OUTSIDE
            stakes.append((label_cost + crowded + (MAX_CHIPS_PER_STACK - per_stack) * 12, foot, per_stack,
                           [chips, label]))
            if not crowded:
                break
    stakes.sort(key=lambda stake: stake[0])
    best = None
    for rank, place in enumerate(_card_places(plate)):
        card_rect = small_cards_rect(place)
        if not play.contains(card_rect):
            continue
        card_cost = _overlap([card_rect], blocked) * CROWDING * 2 + rank * 60
        for stake_cost, foot, per_stack, area in stakes:
            cost = card_cost + stake_cost
            if best is not None and cost >= best[0]:
                break  # the stakes come cheapest first: none after this one can do better
            cost += _overlap(area, [card_rect]) * CROWDING * 2
            if best is None or cost < best[0]:
                best = (cost, place, foot, per_stack)
    if best is None:  # no room anywhere in the play area (a tiny window): above the plate
        return OUTSIDE, (plate.centerx, plate.top - 4), plate.center, STAKE_STACK_HEIGHTS[-1]
    return best


def _place(seats: list[pygame.Rect], centre: tuple[float, float], play: pygame.Rect,
           pot: list[pygame.Rect]) -> list[tuple[tuple[int, int], tuple[int, int], int]]:
    """Each seat's (cards, stake, chips per stack), seat by seat, each clear of the plates, the pot
    and what the seats before it took."""
    blocked = [_plate_area(plate) for plate in seats] + [rect.inflate(8, 8) for rect in pot]
    choices = []
    for plate in seats:
        _, cards, foot, per_stack = _best_place(plate, centre, play, blocked)
        choices.append((cards, foot, per_stack))
        blocked += [small_cards_rect(cards).inflate(6, 6), *stake_area(foot, per_stack)]
    return choices


class _Frame(NamedTuple):
    window: pygame.Rect
    side: pygame.Rect
    actions: pygame.Rect
    play: pygame.Rect  # where the table and everything on it goes
    felt: pygame.Rect
    seats: list[pygame.Rect]
    pot: tuple[int, int]


def _frame(size: tuple[int, int], seat_count: int) -> _Frame:
    width, height = size
    window = pygame.Rect(0, 0, width, height)
    side_width = max(320, int(width * SIDE_PANEL_SHARE))
    side = pygame.Rect(width - side_width, 0, side_width, height)
    actions = pygame.Rect(0, height - ACTION_BAR_HEIGHT, width - side_width, ACTION_BAR_HEIGHT)
    play = pygame.Rect(0, 0, width - side_width, height - ACTION_BAR_HEIGHT)
    felt = play.inflate(-SEAT_SIZE[0] * 0.9, -SEAT_SIZE[1] * 1.15)
    centre = felt.center
    # Seats sit on an ellipse a little outside the felt, seat 0 at the bottom, then clockwise.
    below_tabs = pygame.Rect(play.x, play.y + STATUS_TAB, play.width, play.height - STATUS_TAB)  # the top seat's tab
    radius_x = felt.width / 2 + 6
    radius_y = felt.height / 2 + 4
    seats = []
    for seat in range(seat_count):
        angle = math.pi / 2 + 2 * math.pi * seat / seat_count
        x = centre[0] + radius_x * math.cos(angle)
        y = centre[1] + radius_y * math.sin(angle)
        plate = pygame.Rect(0, 0, *SEAT_SIZE)
        if seat == 0:
            plate.size = (max(SEAT_SIZE[0], min(BOTTOM_SEAT_SIZE[0], play.width // 3)), BOTTOM_SEAT_SIZE[1])
        plate.center = (int(x), int(y))
        plate.clamp_ip(below_tabs)
        seats.append(plate)
    return _Frame(window, side, actions, play, felt, seats, (centre[0], centre[1] - 12))


@lru_cache(maxsize=32)
def _placements(size: tuple[int, int], seat_count: int) -> tuple:
    """(cards, stakes, chips per stack) of every seat for a window size, worked out once (while the
    window is resized the same sizes come again and again)."""
    frame = _frame(size, seat_count)
    choices = _place(frame.seats, frame.felt.center, frame.play, pot_area(frame.pot))
    return tuple(tuple(column) for column in zip(*choices, strict=True))


def table_layout(size: tuple[int, int], seat_count: int) -> TableLayout:
    size = (int(size[0]), int(size[1]))
    frame = _frame(size, seat_count)
    cards, stakes, stacks = _placements(size, seat_count)
    # In the side panel, under its heading: at the table they would meet a seat plate
    # whatever the number of seats.
    side = frame.side
    my_cards = pygame.Rect(side.x + 14, side.y + 94, side.width - 28, 122)
    return TableLayout(frame.window, frame.felt, side, frame.actions, tuple(frame.seats), stakes, frame.pot, my_cards,
                       cards, stacks)


def lowered(layout: TableLayout, by: int) -> TableLayout:
    """`layout` moved `by` pixels down (a layout made for a window that much shorter): room above the
    table for a banner that must not cover a seat."""
    def rect(area: pygame.Rect) -> pygame.Rect:
        return area.move(0, by)

    def point(where: tuple[int, int]) -> tuple[int, int]:
        return where[0], where[1] + by

    return TableLayout(rect(layout.window), rect(layout.felt), rect(layout.side), rect(layout.actions),
                       tuple(rect(seat) for seat in layout.seats), tuple(point(stake) for stake in layout.stakes),
                       point(layout.pot), rect(layout.my_cards), tuple(point(card) for card in layout.cards),
                       layout.stake_stacks)


def turned(layout: TableLayout, bottom: int) -> TableLayout:
    """`layout` turned so that seat `bottom` sits at the bottom (in hot-seat, the person acting), the
    others following clockwise: each seat takes the places of the seat `bottom` places before it."""
    count = len(layout.seats)

    def places(values: tuple) -> tuple:
        return tuple(values[(seat - bottom) % count] for seat in range(count))

    return TableLayout(layout.window, layout.felt, layout.side, layout.actions, places(layout.seats),
                       places(layout.stakes), layout.pot, layout.my_cards, places(layout.cards),
                       places(layout.stake_stacks))
