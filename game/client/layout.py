"""Where things go on the table screen, for any window size."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pygame

SIDE_PANEL_SHARE = 0.29  # of the window width, for prices, events, pot and the log
ACTION_BAR_HEIGHT = 132
SEAT_SIZE = (184, 96)


@dataclass(frozen=True)
class TableLayout:
    window: pygame.Rect
    felt: pygame.Rect  # the table's ellipse
    side: pygame.Rect  # the right-hand panel
    actions: pygame.Rect  # the control bar under the table
    seats: tuple[pygame.Rect, ...]  # one plate per seat, clockwise from the bottom
    stakes: tuple[tuple[int, int], ...]  # where each seat's stake this quarter is drawn
    pot: tuple[int, int]
    my_cards: pygame.Rect  # the viewer's own two R&D cards, at the top of the side panel


def table_layout(size: tuple[int, int], seat_count: int) -> TableLayout:
    width, height = size
    window = pygame.Rect(0, 0, width, height)
    side_width = max(320, int(width * SIDE_PANEL_SHARE))
    side = pygame.Rect(width - side_width, 0, side_width, height)
    actions = pygame.Rect(0, height - ACTION_BAR_HEIGHT, width - side_width, ACTION_BAR_HEIGHT)
    play = pygame.Rect(0, 0, width - side_width, height - ACTION_BAR_HEIGHT)
    felt = play.inflate(-SEAT_SIZE[0] * 0.9, -SEAT_SIZE[1] * 1.15)
    centre = felt.center
    # Seats sit on an ellipse a little outside the felt, seat 0 at the bottom, then clockwise.
    radius_x = felt.width / 2 + 6
    radius_y = felt.height / 2 + 4
    seats = []
    stakes = []
    for seat in range(seat_count):
        angle = math.pi / 2 + 2 * math.pi * seat / seat_count
        x = centre[0] + radius_x * math.cos(angle)
        y = centre[1] + radius_y * math.sin(angle)
        plate = pygame.Rect(0, 0, *SEAT_SIZE)
        plate.center = (int(x), int(y))
        plate.clamp_ip(play)
        seats.append(plate)
        stakes.append((int(centre[0] + (x - centre[0]) * 0.55), int(centre[1] + (y - centre[1]) * 0.55)))
    # In the side panel, under its heading: at the table they would meet a seat plate
    # whatever the number of seats.
    cards = pygame.Rect(side.x + 14, side.y + 94, side.width - 28, 122)
    return TableLayout(window, felt, side, actions, tuple(seats), tuple(stakes),
                       (centre[0], centre[1] - 12), cards)
