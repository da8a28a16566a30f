"""The showdown, on the table: the hands still in turn face up at their seats, each firm's capability
counts up step by step (compute by the scaling law, each card with the condition or event that
changed it, each event's bonus), then every pot slides to its winners.

Space, Enter or the button skips to the end; a second press goes on. At the Instant animation
speed the count is over at once. The numbers are the core's (see `game.client.tally`).

The table under the count is drawn once and kept; each seat's panel is drawn again only when a
step lands, and the running figure comes from cached glyphs, so a frame is mostly blits. The scene
tells the app what moved (`damage`: the running figures, turning cards, a panel whose step landed,
flying chips), so a large window scales and shows only those places.
"""

from __future__ import annotations

import pygame
from pygame_gui.elements import UIButton, UILabel

from game.content.text import describe_card, describe_event, money, signed
from game.core import events as ev

from ..animation import ChipFlight
from ..art import Digits, card_back, felt, firm_mark, small_card_face
from ..i18n import fixed, language, t
from ..layout import table_layout, turned
from ..scene import ContinueScene
from ..table_view import TableView, draw_tooltip
from ..tally import TallyStep, parts_only, tally

FLIP_SECONDS = 0.5
STEP_SECONDS = 0.55
POT_SECONDS = 0.8
LINE = 16  # pixels from one line of a panel to the next
NOTE = 14
HEADER = 26
FOOT = 30
CARD = (40, 54)


class ShowdownScene(ContinueScene):
    def __init__(self, app, scenario, names, shown: list, year_events: list, *, table=None,
                 step_events=(), log_lines=(), bottom_seat: int = 0) -> None:
        """`shown`: the CardsShown events in showing order; `table`: the view just before the showdown
        (drawn under the count, and read for each firm's facts), with `step_events` the events of
        the step that brought the showdown (what its last action bought, the events it turned),
        `log_lines` the table's log before that step, and `bottom_seat` the seat the table had turned to
        the bottom."""
        super().__init__(app)
        self.scenario = scenario
        self.names = names
        self.shown = shown
        self.table = table
        self.log_lines = list(log_lines)
        self.bottom_seat = bottom_seat
        self.pots = [event for event in year_events if isinstance(event, ev.PotAwarded)]
        self.year = next(event.year for event in year_events if isinstance(event, ev.YearEnded))
        self.view = TableView(app.theme)
        self.digits = Digits()
        if table is not None:
            turned = [event.event for event in step_events if isinstance(event, ev.EventRevealed)]
            self.face_up = tuple(table.revealed_events) + tuple(event for event in turned
                                                                if event not in table.revealed_events)
            self.tallies = {event.seat: tally(table, event, self.face_up, step_events) for event in shown}
        else:
            self.face_up = ()
            self.tallies = {event.seat: parts_only(event) for event in shown}
        self.best = max(event.capability for event in shown)
        self.steps = max(len(steps) for steps in self.tallies.values())
        self.count_ends = FLIP_SECONDS + STEP_SECONDS * self.steps
        self.ends = self.count_ends + POT_SECONDS * len(self.pots)
        self.clock = 0.0
        self.sounded: set = set()
        self._background: tuple | None = None  # (key, surface)
        self._panels: dict[tuple, pygame.Surface] = {}
        self._tip_texts: dict[tuple, tuple[list[str], str]] = {}
        self._moved: list[pygame.Rect] = []  # what this frame drew that may differ from the last one
        self._panel_keys: dict[int, tuple] = {}  # the panel image each seat showed in the last frame
        self._frame_key: tuple | None = None  # what the rest of the last frame was drawn with

    # ------------------------------------------------------------------ time

    @property
    def finished(self) -> bool:
        return self.clock >= self.ends

    def enter(self) -> None:
        super().enter()
        if self.app.settings.pace <= 0:
            self.skip()

    def skip(self) -> None:
        self.clock = self.ends
        self.sounded |= {"flip", "win", *range(len(self.pots))}
        self._counted(skipped=True)

    def _counted(self, *, skipped: bool) -> None:
        """The count is over: the button goes on now (said in the log, which end-to-end tests wait on)."""
        self._label_button()
        self.app.log("showdown_counted", year=self.year, skipped=skipped)
        self.dirty = True
        self._frame_key = None  # the button's label changed: the next frame is shown whole

    def busy(self) -> bool:
        return not self.finished

    def update(self, dt: float) -> None:
        if not self.finished:
            self.clock = min(self.ends, self.clock + dt * max(self.app.settings.pace, 0.0))
            self.dirty = True
            self._sound()
            if self.finished:
                self._counted(skipped=False)
        super().update(dt)

    def _sound(self) -> None:
        sounds = self.app.sounds
        if "flip" not in self.sounded:
            self.sounded.add("flip")
            sounds.play("card_flip")
        for index in range(len(self.pots)):
            if index not in self.sounded and self.clock >= self.count_ends + POT_SECONDS * index:
                self.sounded.add(index)
                sounds.play("chips")
        if "win" not in self.sounded and self.clock >= self.ends - POT_SECONDS * 0.3:
            self.sounded.add("win")
            sounds.play("win")

    def steps_landed(self) -> float:
        """How many tally steps have landed, with the fraction of the one landing now."""
        return max(0.0, min(float(self.steps), (self.clock - FLIP_SECONDS) / STEP_SECONDS))

    # ------------------------------------------------------------------ widgets and input

    def build(self) -> None:
        self.layout = turned(table_layout(self.size, len(self.names)), self.bottom_seat)
        play = self.layout.actions
        UILabel(pygame.Rect(play.x, play.y + 4, play.width, 36), t("showdown.title", year=self.year), self.manager,
                object_id="@heading")
        self.next_button = UIButton(pygame.Rect(play.centerx - 130, play.bottom - 60, 260, 44), t("showdown.next"),
                                    self.manager, object_id="@primary")
        self._label_button()
        self._background = None
        self._panels.clear()

    def _label_button(self) -> None:
        if self.next_button is not None:
            self.next_button.set_text(t("showdown.next") if self.finished else t("tally.skip"))

    def on_button(self, button) -> None:
        if button is self.next_button and not self.finished:
            self.skip()
        else:
            super().on_button(button)

    def on_key(self, event: pygame.event.Event) -> None:
        if event.key in (pygame.K_RETURN, pygame.K_SPACE, pygame.K_KP_ENTER) and not self.finished:
            self.skip()
        else:
            super().on_key(event)

    # ------------------------------------------------------------------ drawing

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        tooltip = None
        if self.mouse_resting() and not self.manager.get_hovering_any_element():
            tooltip = self.view.hover.at(self.mouse_pos)
            if tooltip:
                draw_tooltip(surface, self.app.theme, self.mouse_pos, tooltip)
        # only the count moved, if the rest was drawn alike last frame (no tooltip, same table and button)
        key = (surface.get_size(), self.app.theme.palette, language(), self.finished)
        self.damage = list(self._moved) if key == self._frame_key and not tooltip else None
        self._frame_key = key if not tooltip else None
        self.dirty = False

    def draw_background(self, surface: pygame.Surface) -> None:
        surface.blit(self._table_image(surface.get_size()), (0, 0))
        self._moved = []
        self.view.clear_hover()
        landed = self.steps_landed()
        flip = min(1.0, self.clock / FLIP_SECONDS)
        for event in self.shown:
            self._panel(surface, event, landed, flip)
        self._pots(surface)

    def _table_image(self, size: tuple[int, int]) -> pygame.Surface:
        """The table as it stood before the showdown (or the bare felt when no view came), drawn once."""
        key = (size, self.app.theme.palette, language())
        if self._background is not None and self._background[0] == key:
            return self._background[1]
        image = pygame.Surface(size)
        self.view.theme = self.app.theme
        if self.table is not None:
            self.view.draw(image, self.table, self.layout, names=self.names,
                           shown_cards={event.seat: () for event in self.shown}, log_lines=self.log_lines,
                           highlight_seat=None)
        else:
            image.fill(self.app.theme.palette.background)
            cloth = felt(self.layout.felt.size, self.app.theme.palette)
            image.blit(cloth, cloth.get_rect(center=self.layout.felt.center))
        self._background = (key, image)
        return image

    def panel_rect(self, seat: int) -> pygame.Rect:
        """Where a shown seat's panel goes: over its plate, wide enough for the lines, kept on the table."""
        steps = self.tallies[seat]
        lines = sum(1 + len(step.notes) for step in steps)
        text_height = HEADER + lines * LINE + FOOT + 8
        height = max(text_height, HEADER + 2 * CARD[1] + 14)
        plate = self.layout.seats[seat]
        rect = pygame.Rect(0, 0, max(plate.width + 40, 250), height)
        rect.center = plate.center
        rect.clamp_ip(pygame.Rect(0, 0, self.layout.side.x, self.layout.actions.y))
        return rect

    def _panel(self, surface: pygame.Surface, shown: ev.CardsShown, landed: float, flip: float) -> None:
        rect = self.panel_rect(shown.seat)
        steps = self.tallies[shown.seat]
        whole = min(len(steps), int(landed))
        counted = self.clock >= self.count_ends
        winner = counted and shown.capability == self.best
        key = (shown.seat, whole, winner, flip >= 1.0, rect.size)
        image = self._panels.get(key)
        if image is None:
            image = self._panels[key] = self._panel_image(shown, steps, whole, winner, flip >= 1.0, rect.size)
        surface.blit(image, rect)
        if self._panel_keys.get(shown.seat) != (key, rect.topleft):  # a step landed, the cards turned over
            self._panel_keys[shown.seat] = (key, rect.topleft)
            self._moved.append(rect)
        self._register_tips(shown, steps, rect)
        cards = self._card_rects(rect)
        if flip < 1.0:  # the cards turn: narrowing to their edge, then widening face up
            scale = abs(1 - 2 * flip)
            for card, area in zip(shown.cards, cards, strict=True):
                face = self._card_face(card) if flip >= 0.5 else card_back(CARD, self.app.theme.palette)
                squeezed = pygame.transform.scale(face, (max(2, round(CARD[0] * scale)), CARD[1]))
                surface.blit(squeezed, squeezed.get_rect(center=area.center))
                self._moved.append(area)
        # the running total: the last landed step's, moving toward the next while it lands
        if whole >= len(steps):
            value = steps[-1].running if steps else 0.0
        else:
            before = steps[whole - 1].running if whole else 0.0
            value = before + (steps[whole].running - before) * (landed - whole)
        palette = self.app.theme.palette
        self._moved.append(self.digits.draw(surface, fixed(value, 1, language()), 20,
                                            palette.highlight if winner else palette.text,
                                            (rect.right - 10, rect.bottom - FOOT + 2)))

    def _card_rects(self, panel: pygame.Rect) -> list[pygame.Rect]:
        return [pygame.Rect(panel.x + 8, panel.y + HEADER + index * (CARD[1] + 6), *CARD) for index in range(2)]

    def _card_face(self, card: str) -> pygame.Surface:
        palette = self.app.theme.palette
        definition = self.scenario.rd_cards[card]
        return small_card_face(definition.domain, f"{definition.points:+d}".replace("-", "−"), CARD, palette,
                               palette.domain(definition.domain))

    def _panel_image(self, shown: ev.CardsShown, steps: list[TallyStep], whole: int, winner: bool, flipped: bool,
                     size: tuple[int, int]) -> pygame.Surface:
        """A seat's panel with `whole` steps landed: its mark and name, its cards, one line per landed
        step (with the notes that explain it), and the label of the running total."""
        theme = self.app.theme
        palette = theme.palette
        lang = language()
        image = pygame.Surface(size, pygame.SRCALPHA)
        rect = image.get_rect()
        pygame.draw.rect(image, palette.panel, rect, border_radius=10)
        pygame.draw.rect(image, palette.highlight if winner else palette.firm(shown.seat), rect, 3 if winner else 2,
                         border_radius=10)
        firm_mark(image, shown.seat, (16, 14), 14, palette.firm(shown.seat))
        name = theme.fitted(self.names[shown.seat], 14, palette.highlight if winner else palette.text,
                            rect.width - 36, bold=True)
        image.blit(name, (28, 5))
        if flipped:
            for card, area in zip(shown.cards, self._card_rects(pygame.Rect((0, 0), size)), strict=True):
                image.blit(self._card_face(card), area)
        left = 8 + CARD[0] + 8
        right = rect.width - 10
        y = HEADER
        for step in steps[:whole]:
            points = theme.text(signed(round(step.points, 1), lang), 13, palette.text, bold=True)
            image.blit(points, points.get_rect(topright=(right, y)))
            label = theme.fitted(step.label, 13, palette.text, right - left - points.get_width() - 6)
            image.blit(label, (left, y))
            y += LINE
            for note in step.notes:
                image.blit(theme.fitted(note, 12, palette.highlight, right - left - 8), (left + 8, y))
                y += NOTE + (LINE - NOTE)
        pygame.draw.line(image, palette.panel_edge, (left, rect.height - FOOT - 2), (right, rect.height - FOOT - 2))
        caption = theme.fitted(t("tally.capability"), 13, palette.text_dim, right - left - 60,
                               bold=True)
        image.blit(caption, (left, rect.height - FOOT + 6))
        return image

    def _register_tips(self, shown: ev.CardsShown, steps: list[TallyStep], rect: pygame.Rect) -> None:
        """Each card's full text on its card; the face-up events on the panel's lines, and over them
        what a line means where it says more (the scaling law on the compute line)."""
        cards, events = self._tips(shown.cards)
        for text, area in zip(cards, self._card_rects(rect), strict=True):
            self.view.hover.add(area, text, "rd_cards")
        left = rect.x + 16 + CARD[0]
        if events:
            self.view.hover.add(pygame.Rect(left, rect.y + HEADER, rect.right - 10 - left, rect.height - HEADER - FOOT),
                                events, "market_event")
        y = rect.y + HEADER
        for step in steps[:min(len(steps), int(self.steps_landed()))]:
            if step.tip:
                self.view.hover.add(pygame.Rect(left, y, rect.right - 10 - left, LINE), step.tip, "scaling_law")
            y += LINE * (1 + len(step.notes))

    def _tips(self, cards: tuple[str, ...]) -> tuple[list[str], str]:
        """The tooltips of a hand's cards and of the face-up events, worded once per language (every
        frame registers them)."""
        lang = language()
        key = (cards, lang)
        if key not in self._tip_texts:
            scenario = self.scenario
            self._tip_texts[key] = (
                [t("tally.card_tip", title=scenario.rd_cards[card].title[lang],
                   text=describe_card(scenario.rd_cards[card], lang)) for card in cards],
                "; ".join(t("tally.event_tip", event=scenario.events[event].title[lang],
                            text=describe_event(scenario.events[event], lang)) for event in self.face_up))
        return self._tip_texts[key]

    def _pots(self, surface: pygame.Surface) -> None:
        """Each pot in turn slides from the pot to its winners, its amount written beside them once landed."""
        if self.clock < self.count_ends or self.table is None and not self.pots:
            return
        palette = self.app.theme.palette
        ante = self.scenario.ante[self.table.year_index] if self.table is not None else 1
        lang = language()
        for index, pot in enumerate(self.pots):
            start = self.count_ends + POT_SECONDS * index
            if self.clock < start:
                return
            progress = 1.0 if self.finished else min(1.0, (self.clock - start) / POT_SECONDS)
            for seat, share in zip(pot.winners, pot.shares, strict=True):
                target = self.panel_rect(seat).midtop
                if progress < 1.0:
                    flight = ChipFlight(self.layout.pot, target, share, ante, 0.0)
                    flight.elapsed = progress * flight.duration
                    self._moved.append(flight.draw(surface, self.view))
                else:
                    won = t("tally.won", amount=money(share, lang))
                    if len(self.pots) > 1:  # which pot: a firm all-in for less wins only what it matched
                        name = t("showdown.main_pot") if pot.pot == 0 else t("showdown.side_pot", number=pot.pot)
                        won = t("tally.pot_won", pot=name, won=won)
                    label = self.app.theme.text(won, 15, palette.background, bold=True)
                    box = label.get_rect(midbottom=(target[0], target[1] + 2 - index * 24)).inflate(14, 6)
                    pygame.draw.rect(surface, palette.highlight, box, border_radius=8)
                    surface.blit(label, label.get_rect(center=box.center))
                    self._moved.append(box)
                    if len(self.pots) > 1:
                        self.view.hover.add(box, t("showdown.side_pots_note"), "side_pot")
