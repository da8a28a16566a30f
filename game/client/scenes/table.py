"""The table: where the game is played.

The scene draws the viewer's observation, offers exactly the actions `legal_actions` allows,
lets bots act after a short delay, animates what happened, and hands the screen over between
human players so nobody sees another player's cards.

Two helpers for learning: the glossary (G, its button, or a click on a number whose tooltip names
a glossary term) and the coach (K, its button, or the settings), which on the viewer's own turn
shows their estimated win chance and the pot odds of paying, computed once per decision.
"""

from __future__ import annotations

import math
from collections import deque
from typing import NamedTuple

import pygame
from pygame_gui.elements import UIButton, UIHorizontalSlider, UILabel, UITextEntryLine

from game.content.text import money, percent
from game.core import Action, ActionKind, IllegalActionError, all_in, call, check, fold, set_mix, sit_in, sit_out
from game.core import events as ev
from game.core.funding import diluted
from game.net.client import Debrief

from ..animation import Animator, ChipFlight, Headline
from ..coach import Advice, advise
from ..i18n import language, t
from ..layout import TableLayout, lowered, table_layout, turned
from ..problems import describe, system_reason
from ..log_lines import log_texts, logged
from ..scene import Scene
from ..table_view import TableView, draw_tooltip
from .glossary import GlossaryScene, term_title

SHORTCUTS = {pygame.K_f: "fold", pygame.K_c: "check_call", pygame.K_b: "bet_raise", pygame.K_a: "all_in",
             pygame.K_i: "sit_in", pygame.K_o: "sit_out", pygame.K_r: "raise_funds"}
MIX_KEYS = {pygame.K_LEFTBRACKET: -10, pygame.K_RIGHTBRACKET: 10}  # AMD share of stakes, in steps of 10 %
BANNER_HEIGHT = 30  # the autosave banner across the top of the table
GLOSSARY_KEY = pygame.K_g
COACH_KEY = pygame.K_k


def banner_text(autosave_error, fits) -> str:
    """The banner's sentence; a folder too long for the window (`fits(text)` says) is cut at its start,
    "…" and the rest: its end names it best. The tooltip gives the whole path."""
    folder, why = str(autosave_error.path.parent), system_reason(autosave_error)
    text = t("autosave.failed", folder=folder, why=why)
    cut = 0
    while not fits(text) and cut < len(folder):
        cut += 4
        text = t("autosave.failed", folder="…" + folder[cut:], why=why)
    return text


class RowWidths(NamedTuple):
    """Widths in the control bar's second row (see `TableScene._second_row`)."""

    amount: int  # the amount slider
    entry: int  # the amount typed
    preset: int  # each preset button (½ pot, pot, max)
    label: int  # "AMD share 100 %"
    mix: int  # the AMD share slider


class SellSharesScene(Scene):
    """The question before selling shares (R or Raise funds): what the founders keep and what the
    investors' preference becomes; Enter sells, Escape cancels."""

    overlay = True

    def __init__(self, app, table: TableScene, amount: int) -> None:
        super().__init__(app)
        self.table = table
        self.amount = amount
        lang = language()
        observation = table.observation()
        me = observation.firms[table.viewer]
        worth = observation.valuations[table.viewer]
        after = diluted(me.ownership, worth, amount)
        self.lines = [
            t("sell_shares.title", amount=money(amount, lang)),
            t("sell_shares.ownership", after=percent(round(after * 100, 1), lang),
              now=percent(round(me.ownership * 100, 1), lang)),
            t("sell_shares.preference", after=money(me.preference + amount, lang), now=money(me.preference, lang),
              growth=percent(observation.scenario.investor_return_bp / 100, lang)),
        ]

    def _images(self, width: int) -> list[pygame.Surface]:
        theme = self.app.theme
        return [theme.text(self.lines[0], 20, theme.palette.text, bold=True, width=width),
                *(theme.text(line, 15, theme.palette.text, width=width) for line in self.lines[1:])]

    def build(self) -> None:
        width, height = self.size
        inner = min(560, width - 80)
        text_height = sum(image.get_height() + 12 for image in self._images(inner))
        self.dialog = pygame.Rect(0, 0, inner + 40, text_height + 100)
        self.dialog.center = (width // 2, height // 2)
        buttons = self.dialog.bottom - 64
        self.confirm = UIButton(pygame.Rect(self.dialog.centerx - 250, buttons, 240, 44), t("sell_shares.confirm"),
                                self.manager, object_id="@primary")
        self.cancel = UIButton(pygame.Rect(self.dialog.centerx + 10, buttons, 240, 44), t("sell_shares.cancel"),
                               self.manager)

    def draw_background(self, surface: pygame.Surface) -> None:
        super().draw_background(surface)
        y = self.dialog.y + 20
        for image in self._images(self.dialog.width - 40):
            surface.blit(image, (self.dialog.x + 20, y))
            y += image.get_height() + 12

    def on_button(self, button) -> None:
        if button is self.confirm:
            self._sell()
        elif button is self.cancel:
            self.app.pop()

    def on_key(self, event: pygame.event.Event) -> None:
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self._sell()

    def _sell(self) -> None:
        self.app.pop()  # first: the table acts as the screen it is again
        self.table.act(Action("raise_funds", self.amount))


class TableScene(Scene):
    def __init__(self, app, session) -> None:
        super().__init__(app)
        self.session = session
        self.view = TableView(app.theme)
        self.animator = Animator()
        self.log: deque[str] = deque(maxlen=300)
        self.logged = 0  # lines ever written to the log (it keeps the newest 300)
        self.seen_upto: dict[int, int] = {}  # per seat: how many lines were logged when it last left the screen
        self.log_scroll = 0  # lines scrolled back from the newest
        self.year_events: list = []
        self.frozen_view = None  # the view drawn while a year's last moments animate
        self.debrief = None  # a network game's end, once the server sent it
        self.after_animation: list = []  # scenes to show once the animations are over
        self.viewer: int | None = None
        self.bottom_seat = 0  # the seat drawn at the bottom: the viewer's, or the last viewer's
        self.bot_clock = 0.0
        self.message = ""
        self.buttons: dict[str, UIButton] = {}
        self.amount_slider: UIHorizontalSlider | None = None
        self.amount_entry: UITextEntryLine | None = None
        self.mix_slider: UIHorizontalSlider | None = None
        self.presets: dict[str, UIButton] = {}
        self.built_for: tuple | None = None
        self.coach_cache: tuple[tuple, Advice] | None = None  # (decision, advice): one estimate per decision
        self.coach_estimates = 0  # how many estimates were computed (each takes a few ms)
        self.coach_seconds: list[float] = []  # how long each took
        started = session.public_view()
        if started.log:  # loaded or continued: the game goes on
            self._note(t("resumed.log", scenario=session.scenario.title[language()], year=started.year))
        else:
            self._note(t("log.game_started", scenario=session.scenario.title[language()]))

    # ------------------------------------------------------------------ state shown

    @property
    def layout(self) -> TableLayout:
        """The table turned so that the person at the screen sits at the bottom (the last one to have
        been there while the screen is handed over)."""
        return turned(self.base_layout, self.bottom_seat)

    @property
    def names(self) -> list[str]:
        return [player.name for player in self.session.players]

    def observation(self):
        """The view on screen: the viewer's own (public once the game is over, or with nobody at the
        screen), or the one frozen while a year's last moments animate."""
        if self.frozen_view is not None:
            return self.frozen_view
        if self.viewer is None or self.session.is_over:
            return self.session.public_view()
        return self.session.observation(self.viewer)

    # ------------------------------------------------------------------ lifecycle

    def enter(self) -> None:
        super().enter()
        self._next_turn()

    def resume(self) -> None:
        super().resume()
        if not self.after_animation:
            self.frozen_view = None
        self._next_turn()

    def build(self) -> None:
        width, height = self.size  # a large window shows the table scaled up (see Scene)
        error = self.session.autosave_error
        if error is not None or self.session.status is not None:  # lower, so that the banner covers no seat
            self.base_layout = lowered(table_layout((width, height - BANNER_HEIGHT), len(self.session.players)),
                                       BANNER_HEIGHT)
        else:
            self.base_layout = table_layout(self.size, len(self.session.players))
        self.built_for = None
        self.buttons, self.presets = {}, {}
        self.amount_slider = self.amount_entry = self.mix_slider = None
        self.autosave_banner = None
        if error is not None:
            self.autosave_banner = UILabel(pygame.Rect(0, 0, width, BANNER_HEIGHT), self._banner_text(error),
                                           self.manager, object_id="#autosave_banner")
            self.autosave_banner.set_tooltip(t("autosave.tip_failed", file=str(error.path)))
        self._build_actions()

    def _banner_text(self, error) -> str:
        font, room = self.app.theme.font(15, bold=True), self.size[0] - 24
        return banner_text(error, lambda text: font.size(text)[0] <= room)

    def _update_autosave_banner(self) -> None:
        """Across the top of the window while autosaving fails: the folder and the reason, and in its
        tooltip what is at stake (the player must not learn it only after a crash)."""
        error = self.session.autosave_error
        text = None if error is None else self._banner_text(error)
        if text == (self.autosave_banner.text if self.autosave_banner is not None else None):
            return
        self.app.log("autosave_banner", shown=text is not None, text=text)
        self.relayout()

    def busy(self) -> bool:
        status = self.session.status
        counting = status is not None and status.turn_left is not None and status.table == "playing"
        return self.animator.busy or self._bot_to_act() or counting

    # ------------------------------------------------------------------ turns

    def _bot_to_act(self) -> bool:
        return not self.session.is_over and self.session.is_bot_turn and not self.after_animation

    def _next_turn(self) -> None:
        """Decide what the screen shows next: a pending summary, a hand-over, or the controls."""
        if self.animator.busy:
            return
        if self.after_animation:
            scene = self.after_animation.pop(0)
            self.app.push(scene)
            return
        self.frozen_view = None
        view = self.session.public_view()
        self.app.log("table", year=view.year, phase=view.phase, quarter=view.quarter, to_act=view.to_act,
                     over=view.is_over)
        if view.is_over and self.session.status is None:
            from .game_over import GameOverScene
            self.app.replace(GameOverScene(self.app, self.session))
            return
        if self.debrief is not None:  # a network game's end: the server's standings and years
            self.show_debrief()
            return
        hot_seat = self.session.hot_seat
        if hot_seat.needs_handover(view, self.viewer):
            from .handover import HandOverScene
            seat = view.to_act
            if self.viewer is not None:
                self.seen_upto[self.viewer] = self.logged
            self.viewer = None  # nobody's cards show behind the hand-over screen
            self.app.push(HandOverScene(self.app, self.names[seat], on_ready=lambda: self._reveal_to(seat),
                                        news=self.news_for(seat)))
            return
        self.viewer = hot_seat.screen_seat(view, self.viewer)
        if self.viewer is not None:
            self.bottom_seat = self.viewer
        self._build_actions()
        self.dirty = True

    def _note(self, line) -> None:
        self.log.append(line)
        self.logged += 1

    def news_for(self, seat: int) -> list:
        """The log lines written since `seat` last left the screen (all of them before its first turn)."""
        count = self.logged - self.seen_upto.get(seat, 0)
        return list(self.log)[-count:] if count else []

    def _reveal_to(self, seat: int) -> None:
        self.viewer = self.bottom_seat = seat
        self.app.sounds.play("your_turn")
        self.app.log("turn", seat=seat)

    def update(self, dt: float) -> None:
        self._take_updates()
        was_busy = self.animator.busy
        self.animator.update(dt, self.app.settings.pace)
        if was_busy:
            self.dirty = True
            if not self.animator.busy:
                self._next_turn()
        if self._bot_to_act() and not self.animator.busy:
            self.bot_clock += dt
            delay = self.app.settings.bot_delay if self.app.settings.pace > 0 else 0.0
            if self.bot_clock >= delay:
                self.bot_clock = 0.0
                before = self.observation()
                step = self.session.bot_step()
                self._after_step(before, step)
        super().update(dt)  # last, so widgets built for this turn are ready to draw

    def _take_updates(self) -> None:
        """Steps and refusals that arrived without this screen asking (a network game's): shown as a
        local game shows its own."""
        before, status = self.observation(), self._standing()
        for update in self.session.updates():
            if isinstance(update, IllegalActionError):
                self._refused(update)
            elif isinstance(update, Debrief):
                self.debrief = update
                self.dirty = True
            else:
                self._after_step(before, update)
                before = self.observation()
        if self.debrief is not None and not self.animator.busy:
            self._next_turn()
            return
        if self._standing() != status:
            self.built_for = None
            self._build_actions()
            self.dirty = True

    def show_debrief(self) -> None:
        from .net_over import NetGameOverScene
        from .title import TitleScene

        def leave() -> None:
            self.session.leave()
            self.app.reset_to(TitleScene(self.app))
        self.app.log("debrief", standings=[row["name"] for row in self.debrief.document.get("standings") or []])
        self.app.replace(NetGameOverScene(self.app, self.session.public_view(), self.debrief.document, leave))

    def _standing(self) -> tuple | None:
        """The status of a game played elsewhere but for its running clock: a change rebuilds the controls."""
        status = self.session.status
        return None if status is None else status._replace(turn_left=None)

    # ------------------------------------------------------------------ applying actions

    def act(self, action: Action) -> None:
        """A human's action: refused actions show why; nothing changes."""
        if self.session.is_over or not self.session.is_human_turn or self.animator.busy:
            return
        before = self.observation()
        try:
            step = self.session.apply(action)
        except IllegalActionError as refused:
            self._refused(refused, action)
            return
        self.message = ""
        self.app.log("action", seat=self.viewer, action=str(action))
        if step is None:  # sent: the step comes back through `updates`
            self.built_for = None
            self._build_actions()
            return
        self._after_step(before, step)

    def _refused(self, refused: IllegalActionError, action: Action | None = None) -> None:
        self.message = describe(refused)
        self.app.sounds.play("error")
        self.app.log("refused", action=str(action), reason=str(refused))
        self._update_message()

    def _after_step(self, before, step) -> None:
        """Log, animate and sound what `step` did; `before` is the view on screen when it was taken."""
        self.app.log("applied", version=step.version, seat=step.seat, action=str(step.action), bot=step.by_bot,
                     autosaved=self.session.autosave_error is None)
        self._update_autosave_banner()
        layout = self.layout
        observation = self.observation()
        year_over = any(isinstance(event, ev.YearEnded) for event in step.events)
        logged_before = self.logged  # the showdown draws the log as it was: its own lines would tell the result
        showdown = []
        for event in step.events:
            line = logged(event, before.scenario, self.names)
            if line:
                self._note(line)
                self.log_scroll = 0  # something happened: show the newest lines
            self.year_events.append(event)
            if isinstance(event, ev.Acted) and event.paid > 0 and event.action.kind != ActionKind.SIT_IN:
                firm = observation.firms[event.seat]
                self.animator.add(ChipFlight(layout.seats[event.seat].center, layout.stakes[event.seat], event.paid,
                                             before.scenario.ante[before.year_index], firm.amd_pct / 100,
                                             hides_seat=None if year_over else event.seat))
                self.app.sounds.play("chips")
            elif isinstance(event, ev.Acted) and event.action.kind == ActionKind.FOLD:
                self.app.sounds.play("fold")
            elif isinstance(event, ev.EventRevealed):
                self.animator.add(Headline(event.event, observation, layout.felt))
                self.app.sounds.play("event")
            elif isinstance(event, ev.CardsShown):  # the showdown scene turns them and counts
                showdown.append(event)
            elif isinstance(event, ev.PotAwarded) and not showdown:  # a showdown's pots slide in its scene
                for seat, share in zip(event.winners, event.shares, strict=True):
                    self.animator.add(ChipFlight(layout.pot, layout.seats[seat].center, share,
                                                 before.scenario.ante[before.year_index], 0.0))
                self.app.sounds.play("win")
        if year_over:
            self._close_year(before, step, showdown, self.logged - logged_before)
        self.built_for = None
        self._build_actions()
        self.dirty = True
        if not self.animator.busy:
            self._next_turn()

    def _close_year(self, before, step, showdown: list, lines_of_step: int) -> None:
        """Keep the old table on screen while its last moments animate, then show the summaries."""
        from .showdown import ShowdownScene
        from .year_summary import YearSummaryScene
        self.frozen_view = before
        year_events, self.year_events = self.year_events, []
        ended = [event for event in year_events if isinstance(event, ev.YearEnded)][0]
        scenario = before.scenario
        labels = [f"{player} · {firm.name}" for player, firm in zip(self.names, before.firms, strict=True)]
        if showdown:
            self.after_animation.append(ShowdownScene(self.app, scenario, labels, showdown, year_events, table=before,
                                                      step_events=step.events,
                                                      log_lines=log_texts(self.log)[:len(self.log) - lines_of_step],
                                                      bottom_seat=self.bottom_seat))
        self.after_animation.append(YearSummaryScene(self.app, scenario, labels, ended.year, year_events))
        # events after YearEnded belong to the next year (its income, its ante round)
        index = year_events.index(ended)
        self.year_events = year_events[index + 1:]

    # ------------------------------------------------------------------ controls

    def _controls_for(self):
        """The legal actions if the human to act is the one watching, else None."""
        if (self.session.is_over or not self.session.is_human_turn or self.viewer != self.session.to_act
                or self.animator.busy or self.after_animation):
            return None
        return self.session.legal()

    def _build_actions(self) -> None:
        if self.manager is None:
            return
        legal = self._controls_for()
        key = (legal, self.size, language())
        if key == self.built_for:
            return
        self.built_for = key
        for widget in [*self.buttons.values(), *self.presets.values(), self.amount_slider, self.amount_entry,
                       self.mix_slider, getattr(self, "mix_label", None),
                       getattr(self, "pause_button", None), getattr(self, "waiting_label", None),
                       getattr(self, "glossary_button", None), getattr(self, "coach_button", None)]:
            if widget is not None:
                widget.kill()
        self.buttons, self.presets = {}, {}
        self.amount_slider = self.amount_entry = self.mix_slider = None
        self.widget_tips: list[tuple[pygame.Rect, str]] = []  # widgets pygame_gui gives no tooltip
        area = self.layout.actions
        self.pause_button = UIButton(pygame.Rect(area.right - 96, area.y + 8, 86, 32), t("table.menu"),
                                     self.manager, tool_tip_text=t("tip.menu"))
        self.coach_button = UIButton(pygame.Rect(area.right - 146, area.bottom - 32, 136, 28), self._coach_label(),
                                     self.manager, tool_tip_text=t("coach.tip_toggle"))
        self.glossary_button = UIButton(pygame.Rect(area.right - 276, area.bottom - 32, 124, 28),
                                        t("glossary.button"), self.manager, tool_tip_text=t("glossary.tip_button"))
        if legal is None:
            self.waiting_label = UILabel(pygame.Rect(area.x + 10, area.y + 10, area.width - 120, 30),
                                         self._waiting_text(), self.manager)
            self.buttons = {}
            self._update_message()
            self.announce_widgets()
            return
        lang = language()
        observation = self.observation()
        me = observation.firms[legal.seat]
        specs: list[tuple[str, str, str, int, bool]] = []

        def add_button(name: str, label: str, tip: str, width: int = 150, primary: bool = False) -> None:
            specs.append((name, label, tip, width, primary))

        if legal.is_ante_round:
            if legal.can_sit_in:
                add_button("sit_in", t("action.sit_in", amount=money(legal.ante, lang)),
                           t("tip.sit_in", amount=money(legal.ante, lang)), 200, primary=True)
            add_button("sit_out", t("action.sit_out"), t("tip.sit_out"))
            if legal.can_raise_funds:
                add_button("raise_funds", t("action.raise_funds"), self._raise_funds_tip(observation, legal))
                self._amount_widgets(1, legal.raise_funds_max, min(legal.raise_funds_max, legal.ante),
                                     presets=("max",))
        else:
            if legal.can_fold:
                add_button("fold", t("action.fold"), t("tip.fold"))
            if legal.can_check:
                add_button("check_call", t("action.check"), t("tip.check"))
            elif legal.can_call:
                add_button("check_call", t("action.call", amount=money(legal.call_amount, lang)),
                           t("tip.call", amount=money(legal.call_amount, lang)), primary=True)
            if legal.can_bet or legal.can_raise:
                low, high = legal.bet_range or legal.raise_range
                label = t("action.bet") if legal.can_bet else t("action.raise")
                add_button("bet_raise", label, t("tip.bet" if legal.can_bet else "tip.raise",
                                                 low=money(low, lang), high=money(high, lang)))
                self._amount_widgets(low, high, low)
            if legal.can_all_in:
                add_button("all_in", t("action.all_in", amount=money(legal.all_in_amount, lang)),
                           t("tip.all_in"), 170)
        self._place_buttons(specs)
        self._mix_widgets(me.amd_pct, legal.seat)
        self._update_message()
        self.announce_widgets()

    def _place_buttons(self, specs: list[tuple[str, str, str, int, bool]]) -> None:
        """The action buttons in a row, each at least its usual width and wide enough for its label
        (amounts and German words can be long). If they do not fit beside the menu button, they
        shrink to their labels; if even that is too wide, the menu button moves to the foot row."""
        area = self.layout.actions
        gaps = 8 * (len(specs) - 1)
        labels = [self.app.theme.font(15, primary).size(label)[0] for _, label, _, _, primary in specs]
        widths = [max(least, width + 24) for (_, _, _, least, _), width in zip(specs, labels, strict=True)]
        room = self.pause_button.rect.left - 8 - (area.x + 10)
        if sum(widths) + gaps > room:
            widths = [width + 14 for width in labels]
        if sum(widths) + gaps > room:
            self.pause_button.set_relative_position((area.right - 372, area.bottom - 32))
            self.pause_button.set_dimensions((86, 28))
        x = area.x + 10
        for (name, label, tip, _, primary), width in zip(specs, widths, strict=True):
            self.buttons[name] = UIButton(pygame.Rect(x, area.y + 8, width, 34), label, self.manager,
                                          tool_tip_text=tip, object_id="@primary" if primary else None)
            x += width + 8

    @staticmethod
    def _raise_funds_tip(observation, legal) -> str:
        """The round's terms: its price (the net worth), the cap, what the preference becomes and
        what share the founders keep if they raise all they may."""
        lang = language()
        worth = observation.valuations[legal.seat]
        most = legal.raise_funds_max
        me = observation.firms[legal.seat]
        return t("tip.raise_funds", worth=money(worth, lang), most=money(most, lang),
                 preference=money(me.preference, lang),
                 growth=percent(observation.scenario.investor_return_bp / 100, lang),
                 after=percent(round(diluted(me.ownership, worth, most) * 100, 1), lang))

    def _waiting_text(self) -> str:
        if self.session.is_over:
            return t("table.game_over")
        status = self.session.status
        if self.animator.busy or self.after_animation or status is not None and status.table != "playing":
            return ""  # a network table waiting or paused: the banner says why nobody acts
        seat = self.session.to_act
        player = self.session.players[seat]
        return t("table.waiting_bot" if player.bot else "table.waiting_human", name=player.name)

    def _second_row(self, presets: int) -> RowWidths:
        """The widths of the second row's widgets: the amount slider, its entry and `presets` preset
        buttons on the left, the AMD share (its label, sized for "100 %", and slider) on the right.
        In a narrow window the sliders, then the entry and the presets, give up width until both
        groups fit side by side."""
        label = self.app.theme.font(15).size(t("table.mix", amd=100))[0] + 16
        widths = RowWidths(200, 100, 64, label, 166)
        room = self.layout.actions.width - 20
        for name, least in (("amount", 120), ("mix", 110), ("entry", 84), ("preset", 56), ("amount", 80)):
            used = (widths.amount + 6 + widths.entry + 6 + presets * (widths.preset + 4) + 12
                    if presets else 0) + widths.label + widths.mix
            excess = used - room
            if excess <= 0:
                break
            cut = -(-excess // presets) if name == "preset" else excess  # each preset gives up its part
            widths = widths._replace(**{name: max(least, getattr(widths, name) - cut)})
        return widths

    def _amount_widgets(self, low: int, high: int, start: int,
                        presets: tuple[str, ...] = ("half_pot", "pot", "max")) -> None:
        area = self.layout.actions
        widths = self._second_row(len(presets))
        y = area.y + 50
        x = area.x + 10
        self.amount_slider = UIHorizontalSlider(pygame.Rect(x, y, widths.amount, 28), start, (low, max(low, high)),
                                                self.manager)
        x += widths.amount + 6
        self.amount_entry = UITextEntryLine(pygame.Rect(x, y, widths.entry, 28), self.manager,
                                            placeholder_text=t("table.amount_placeholder"))
        self.amount_entry.set_allowed_characters("numbers")
        self.amount_entry.set_text(str(start))
        x += widths.entry
        self.widget_tips.append((pygame.Rect(area.x + 10, y, x - area.x - 10, 28), t("tip.amount_slider")))
        x += 6
        for name in presets:
            self.presets[name] = UIButton(pygame.Rect(x, y, widths.preset, 28), t(f"action.preset_{name}"),
                                          self.manager, tool_tip_text=t(f"tip.preset_{name}"))
            x += widths.preset + 4

    def _mix_widgets(self, amd_pct: int, seat: int) -> None:
        area = self.layout.actions
        widths = self._second_row(len(self.presets) if self.amount_slider is not None else 0)
        y = area.y + 50
        slider = pygame.Rect(area.right - 10 - widths.mix, y, widths.mix, 28)
        label = pygame.Rect(slider.x - widths.label, y, widths.label, 28)
        self.mix_label = UILabel(label, t("table.mix", amd=100), self.manager,
                                 object_id="@dim")  # sized for the widest text, then set
        self.mix_label.set_text(t("table.mix", amd=amd_pct))
        self.mix_slider = UIHorizontalSlider(slider, amd_pct, (0, 100), self.manager)
        tip = t("tip.mix")
        observation = self.observation()
        if observation.firms[seat].export_restricted:  # what its dollars buy is not the flagships
            tip += " " + self.view.export_tip(observation, seat)
        self.widget_tips.append((label.union(slider), tip))

    def _update_message(self) -> None:
        self.dirty = True

    def message_rect(self) -> pygame.Rect:
        """Where the message (a refusal, a hint) stands: on a panel at the foot of the table, left of the
        bottom seat, growing upward as it wraps, so it is read whole and covers no control."""
        play = self.layout.actions
        bottom_seat = self.layout.seats[0]
        width = min(460, bottom_seat.left - play.x - 20) if bottom_seat.left - play.x >= 260 else play.width - 20
        text = self.app.theme.text(self.message, 14, self.app.theme.palette.text, width=width - 20)
        rect = pygame.Rect(play.x + 10, 0, width, text.get_height() + 16)
        rect.bottom = play.y - 6
        return rect

    def _draw_message(self, surface: pygame.Surface) -> None:
        if not self.message:
            return
        palette = self.app.theme.palette
        rect = self.message_rect()
        pygame.draw.rect(surface, palette.panel, rect, border_radius=8)
        pygame.draw.rect(surface, palette.warning, rect, 2, border_radius=8)
        text = self.app.theme.text(self.message, 14, palette.text, width=rect.width - 20)
        surface.blit(text, (rect.x + 10, rect.y + 8))

    def _typed_amount(self) -> int | None:
        if self.amount_entry is None:
            return None
        text = self.amount_entry.get_text().strip()
        if not text.isdigit():
            self.message = t("table.type_amount")
            self._update_message()
            return None
        return int(text)

    def _press(self, name: str) -> None:
        legal = self._controls_for()
        if legal is None:
            return
        if name == "fold" and legal.can_fold:
            self.act(fold())
        elif name == "check_call":
            self.act(check() if legal.can_check else call())
        elif name == "all_in":
            self.act(all_in())
        elif name == "sit_in":
            self.act(sit_in())
        elif name == "sit_out":
            self.act(sit_out())
        elif name == "raise_funds":  # selling shares cannot be undone: its terms first
            amount = self._typed_amount()
            if amount is not None:
                self.app.push(SellSharesScene(self.app, self, amount))
        elif name == "bet_raise":
            amount = self._typed_amount()
            if amount is not None:
                self.act(Action("bet" if legal.can_bet else "raise", amount))

    def _preset(self, name: str) -> None:
        legal = self._controls_for()
        if legal is None or self.amount_slider is None:
            return
        low, high = self.amount_slider.value_range
        observation = self.observation()
        if legal.is_ante_round:
            value = {"half_pot": high // 2, "pot": high, "max": high}[name]
        else:
            mine = observation.firms[legal.seat].quarter_stake
            pot_after_call = observation.pot_with(legal.call_amount)
            top = mine + legal.call_amount
            value = {"half_pot": top + pot_after_call // 2, "pot": top + pot_after_call, "max": high}[name]
            if legal.can_bet:
                value -= top
        value = max(low, min(high, value))
        self.amount_slider.set_current_value(value)
        self.amount_entry.set_text(str(value))

    # ------------------------------------------------------------------ input

    def on_button(self, button) -> None:
        if button is self.pause_button:
            self.on_escape()
            return
        if button is getattr(self, "glossary_button", None):
            self.open_glossary()
            return
        if button is getattr(self, "coach_button", None):
            self.toggle_coach()
            return
        for name, widget in self.buttons.items():
            if button is widget:
                self._press(name)
                return
        for name, widget in self.presets.items():
            if button is widget:
                self._preset(name)
                return

    def on_slider(self, slider, value) -> None:
        if slider is self.amount_slider and self.amount_entry is not None:
            self.amount_entry.set_text(str(int(value)))
        elif slider is self.mix_slider:
            self.mix_label.set_text(t("table.mix", amd=int(value)))

    def handle_event(self, event: pygame.event.Event) -> None:
        super().handle_event(event)
        if event.type == pygame.MOUSEBUTTONUP and self.mix_slider is not None:
            legal = self._controls_for()
            value = int(self.mix_slider.get_current_value())
            if legal is not None and value != self.observation().firms[legal.seat].amd_pct:
                self.act(set_mix(value))
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1 and self.app.scene is self:
            where = self.app.to_layout(event.pos)
            term = None if self._over_widget(where) else self.view.hover.term_at(where)
            if term is not None:
                self.open_glossary(term)
                return
        if event.type == pygame.MOUSEWHEEL and self.layout.side.collidepoint(self.mouse_pos):
            self._scroll_log(event.y * 3)

    def on_text_entered(self, entry, text: str) -> None:
        if entry is self.amount_entry:
            legal = self._controls_for()
            if legal is not None:
                self._press("raise_funds" if legal.is_ante_round else "bet_raise")

    def on_key(self, event: pygame.event.Event) -> None:
        name = SHORTCUTS.get(event.key)
        if name is not None:
            self._press(name)
        elif event.key == GLOSSARY_KEY:
            self.open_glossary()
        elif event.key == COACH_KEY:
            self.toggle_coach()
        elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            legal = self._controls_for()
            if legal is not None and self.amount_entry is not None:
                self._press("raise_funds" if legal.is_ante_round else "bet_raise")
        elif event.key in MIX_KEYS:
            legal = self._controls_for()
            if legal is not None:
                current = self.observation().firms[legal.seat].amd_pct
                wanted = max(0, min(100, current + MIX_KEYS[event.key]))
                if wanted != current:
                    self.act(set_mix(wanted))
        elif event.key in (pygame.K_PAGEUP, pygame.K_PAGEDOWN):
            self._scroll_log(5 if event.key == pygame.K_PAGEUP else -5)

    def _scroll_log(self, lines: int) -> None:
        self.log_scroll = max(0, min(len(self.log) - 1, self.log_scroll + lines))
        self.dirty = True

    def on_escape(self) -> None:
        if self.session.status is not None:  # a network game: nothing to save here, only the table to leave
            from .join import LeaveTableScene
            self.app.push(LeaveTableScene(self.app, self.session))
            return
        from .pause import PauseScene
        self.app.push(PauseScene(self.app, self))

    def _over_widget(self, pos: tuple[int, int]) -> bool:
        return any(element.visible and element.rect.collidepoint(pos)
                   for element in self.manager.get_root_container().elements)

    # ------------------------------------------------------------------ glossary and coach

    def open_glossary(self, term: str | None = None) -> None:
        """The glossary, at `term` if given; its numbers are this table's scenario's."""
        self.app.push(GlossaryScene(self.app, term, self.session.scenario))

    def _coach_label(self) -> str:
        return t("coach.toggle_on") if self.app.settings.coach else t("coach.toggle_off")

    def toggle_coach(self) -> None:
        """Switch the coach on or off and keep the choice (it is a setting)."""
        settings = self.app.settings.replace(coach=not self.app.settings.coach)
        try:
            settings.save(self.app.data_dir)
        except OSError as error:  # it still switches, for this session
            self.app.log("settings_not_saved", problem=str(error))
        self.app.settings = settings
        self.app.log("coach", on=settings.coach)
        button = getattr(self, "coach_button", None)
        if button is not None:
            button.set_text(self._coach_label())
        self.dirty = True

    def coach_advice(self) -> Advice | None:
        """The coach's advice for the player at the screen, or None: only when the coach is on and it
        is the turn of the seat whose view is on screen. Estimated once per decision (the player's own
        mix changes do not change the decision) and kept for every frame after."""
        if not self.app.settings.coach:
            return None
        legal = self._controls_for()
        if legal is None:
            return None
        observation = self.observation()
        log = observation.log
        position = len(log)
        while position and log[position - 1].seat == legal.seat and log[position - 1].action.kind == ActionKind.SET_MIX:
            position -= 1
        decision = (id(self.session), legal.seat, observation.year_index, observation.phase, observation.quarter,
                    position)
        if self.coach_cache is None or self.coach_cache[0] != decision:
            advice = advise(observation, legal)
            self.coach_cache = (decision, advice)
            self.coach_estimates += 1
            self.coach_seconds.append(advice.seconds)
            self.app.log("coach_estimate", seat=legal.seat, chance=round(advice.chance, 3),
                         ms=round(advice.seconds * 1000, 1))
        return self.coach_cache[1]

    def request_quit(self) -> None:
        """The window's close button: leave at once unless the game has moves not saved under a name."""
        from .pause import ConfirmLeaveScene, must_confirm_leaving
        if must_confirm_leaving(self.session):
            self.app.push(ConfirmLeaveScene(self.app, self.session, self.app.quit))
        else:
            self.app.quit()

    # ------------------------------------------------------------------ drawing

    def draw(self, surface: pygame.Surface) -> None:
        self._draw_table(surface)
        self.dirty = False

    def _draw_table(self, surface: pygame.Surface) -> None:
        observation = self.observation()
        shown = {}
        for record in observation.showdowns:
            if record.year == observation.year:
                shown[record.seat] = record.cards
        status = self.session.status
        highlight = None if observation.is_over or status is not None and status.table != "playing" else \
            observation.to_act
        labels = [self._player_label(seat) for seat in range(len(self.names))]
        self.view.theme = self.app.theme
        self.view.draw(surface, observation, self.layout, names=labels, shown_cards=shown,
                       log_lines=log_texts(self.log)[:len(self.log) - self.log_scroll], highlight_seat=highlight,
                       hidden_seats=self.animator.hidden_seats(), coach=self.coach_advice())
        self.animator.draw(surface, self.view)
        self._draw_message(surface)
        self._draw_status(surface)
        self.manager.draw_ui(surface)
        self._draw_tooltip(surface)

    def status_text(self) -> str:
        """The banner's sentence for a game played elsewhere: the connection, the host's pause, the turn timer."""
        status = self.session.status
        if status is None:
            return ""
        if status.connection == "lost":
            return t("net_client.lost", why=describe(status.problem) if status.problem else "")
        if status.connection != "connected":
            return t("net_client.reconnecting")
        if status.table == "waiting":
            taken, seats = status.seats_taken
            if taken < seats:
                return t("net_client.waiting_for_teams", taken=taken, seats=seats)
            return t("net_client.waiting_for_host")
        if status.table == "paused":
            return t("net_client.paused")
        if status.table == "over" or self.session.is_over:
            return t("net_client.over")
        if status.bot_plays_seat:
            return t("net_client.bot_plays_your_seat")
        if status.turn_left is not None:
            seconds = math.ceil(status.turn_left)
            seat = self.session.to_act
            if seat == self.viewer:
                return t("net_client.your_time", seconds=seconds)
            return t("net_client.their_time", name=self.names[seat], seconds=seconds)
        return ""

    def _draw_status(self, surface: pygame.Surface) -> None:
        text = self.status_text()
        if not text:
            return
        palette = self.app.theme.palette
        strip = pygame.Rect(0, 0, surface.get_width(), BANNER_HEIGHT)
        status = self.session.status
        urgent = status.connection != "connected" or (status.turn_left is not None and status.turn_left < 10)
        pygame.draw.rect(surface, palette.warning if urgent else palette.panel, strip)
        font = self.app.theme.font(16, bold=True)
        image = font.render(text, True, palette.background if urgent else palette.text)
        surface.blit(image, image.get_rect(center=strip.center))

    def _player_label(self, seat: int) -> str:
        player = self.session.players[seat]
        if not player.bot:
            return player.name
        from .setup import personality_name
        return t("table.bot_label", name=player.name, bot=personality_name(player.bot))

    def _draw_tooltip(self, surface: pygame.Surface) -> None:
        """The tooltip of what the mouse rests on: a widget pygame_gui gives none, else a number on
        the table, with the glossary entry a click opens."""
        if not self.mouse_resting():
            return
        text = next((tip for rect, tip in getattr(self, "widget_tips", ()) if rect.collidepoint(self.mouse_pos)), None)
        term = None
        if text is None and not self.manager.get_hovering_any_element():
            text, term = self.view.hover.entry_at(self.mouse_pos) or (None, None)
        if text:
            draw_tooltip(surface, self.app.theme, self.mouse_pos, text,
                         t("glossary.link", term=term_title(term)) if term else None)
