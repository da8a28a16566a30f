"""Short animations played one after another: chips flying, headlines landing."""

from __future__ import annotations

from collections import deque

import pygame

from game.content.text import describe_event

from .i18n import language
from .layout import chips_area


class Animation:
    duration = 0.4  # seconds at normal pace

    def __init__(self) -> None:
        self.elapsed = 0.0

    @property
    def progress(self) -> float:
        return min(1.0, self.elapsed / self.duration)

    def draw(self, surface: pygame.Surface, view) -> None: ...


def _ease(x: float) -> float:
    return 1 - (1 - x) ** 3


class ChipFlight(Animation):
    """Chips moving from one point to another: a stake into the pot, a pot to its winner."""

    duration = 0.45

    def __init__(self, start: tuple[int, int], end: tuple[int, int], amount: int, unit: int, amd_share: float,
                 hides_seat: int | None = None) -> None:
        super().__init__()
        self.start, self.end = start, end
        self.amount, self.unit, self.amd_share = amount, unit, amd_share
        self.hides_seat = hides_seat  # this seat's stake is drawn by the flight until it lands

    def position(self) -> tuple[int, int]:
        """Where the chips stand now: on a low arc from the start to the end."""
        k = _ease(self.progress)
        x = self.start[0] + (self.end[0] - self.start[0]) * k
        y = self.start[1] + (self.end[1] - self.start[1]) * k - 40 * (1 - (2 * k - 1) ** 2)
        return int(x), int(y)

    def draw(self, surface: pygame.Surface, view) -> pygame.Rect:
        """Draw the chips; returns the place they may cover (two full stacks)."""
        centre = self.position()
        view.chips(surface, centre, self.amount, self.unit, self.amd_share)
        return chips_area(centre)


class Headline(Animation):
    """A market event landing on the table like a newspaper front page, then moving aside."""

    duration = 1.1

    def __init__(self, event_id: str, observation, area: pygame.Rect) -> None:
        super().__init__()
        self.card = observation.scenario.events[event_id]
        self.area = area

    def draw(self, surface: pygame.Surface, view) -> None:
        palette = view.theme.palette
        lang = language()
        p = self.progress
        scale = _ease(min(1.0, p / 0.35))
        fade = 1.0 if p < 0.75 else max(0.0, (1 - p) / 0.25)
        width = int(420 * scale)
        if width < 40:
            return
        title = view.theme.text(self.card.title[lang].upper(), 22, palette.event_ink, bold=True, width=width - 24)
        body = view.theme.text(describe_event(self.card, lang), 14, palette.event_ink, width=width - 24)
        rect = pygame.Rect(0, 0, width, title.get_height() + body.get_height() + 30)
        rect.center = self.area.center
        paper = pygame.Surface(rect.size, pygame.SRCALPHA)
        paper.fill((*palette.event_paper[:3], int(245 * fade)))
        surface.blit(paper, rect)
        if fade > 0.3:
            surface.blit(title, (rect.x + 12, rect.y + 10))
            pygame.draw.line(surface, palette.event_ink, (rect.x + 12, rect.y + 14 + title.get_height()),
                             (rect.right - 12, rect.y + 14 + title.get_height()), 2)
            surface.blit(body, (rect.x + 12, rect.y + 20 + title.get_height()))


class Animator:
    """Plays animations in order; with pace 0 (instant) it skips them."""

    def __init__(self) -> None:
        self.queue: deque[Animation] = deque()

    def add(self, animation: Animation) -> None:
        self.queue.append(animation)

    @property
    def busy(self) -> bool:
        return bool(self.queue)

    @property
    def current(self) -> Animation | None:
        return self.queue[0] if self.queue else None

    def update(self, dt: float, pace: float) -> None:
        if pace <= 0:
            self.queue.clear()
            return
        while self.queue:
            current = self.queue[0]
            current.elapsed += dt * pace
            if current.progress < 1.0:
                return
            dt = 0.0
            self.queue.popleft()

    def hidden_seats(self) -> set[int]:
        return {animation.hides_seat for animation in self.queue
                if isinstance(animation, ChipFlight) and animation.hides_seat is not None}

    def draw(self, surface: pygame.Surface, view) -> None:
        if self.queue:
            self.queue[0].draw(surface, view)
