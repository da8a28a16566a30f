"""New-game setup: the seats (name, human or bot, firm), the scenario and the rules.

The left panel has two tabs: the seats, and the teacher options (last year, starting cash,
ante growth, market share of spend, chip lifetime, AMD efficiency), which change the
scenario for this game only (`game.content.options`). The choices live in plain attributes
(`seats`, `scenario_id`, `betting`, `race_mode`, `seed_text`, `tab`, `options`), so `build`
can lay the screen out again at any time (resize, language, palette) without losing them.
Bad input never raises: it shows a message on the screen (for an option, the parser's).
"""

from __future__ import annotations

import html
import os
from dataclasses import dataclass

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UICheckBox, UIDropDownMenu, UILabel, UITextBox, UITextEntryLine

from game.bots import BUILT_IN
from game.content import list_scenarios, load_scenario
from game.content.files import autosave_path
from game.content.locale import ui_locale
from game.content.options import LIFETIMES, changed_options, teacher_defaults, with_teacher_options
from game.content.saves import NAME_MAX, SeatPlayer, check_name
from game.content.text import money, number
from game.core import ScenarioError
from game.core.scenario import BETTING_STRUCTURES, MAX_SEATS, MIN_SEATS
from game.session import Session

from ..i18n import language, t
from ..problems import describe
from ..scene import Scene

HUMAN = "human"
# The 20-minute game: classroom-45's three years with two people and two bots. Its timing notes: a
# decision takes a person ~30 s, a year ~16 decisions at four seats (half of them the bots', which
# take a second) plus a minute of showdown and summary: ~5 minutes a year, ~15 for the game, and
# the end to read.
TWENTY_MINUTES = ("classroom-45", (HUMAN, HUMAN, "steady", "aggressive"))
DEFAULT_BOTS = ("steady", "aggressive", "calculator")  # the three bots of a new table, as in Quick game
BOT_ORDER = ("steady", "aggressive", "calculator", "cautious", "random")  # how the kind menu lists them
SEED_DIGITS = 10
ROW = 42  # pixels from one seat row to the next
OPTION_ROW = 46  # pixels from one teacher option to the next
CONTROL = 34  # height of a control
SEATS, OPTIONS = "seats", "options"  # the tabs of the left panel
NUMBER_CHARACTERS = list("0123456789.,-")  # a minus is let through so that the parser can refuse it


@dataclass
class SeatChoice:
    name: str
    kind: str  # HUMAN or a built-in bot personality
    firm: str  # a profile id of the scenario
    auto_name: bool = True  # the name is the default one (it follows the kind until the player types one)


def bot_personalities() -> list[str]:
    """The built-in bots, in the order the menu shows them."""
    return [name for name in BOT_ORDER if name in BUILT_IN] + [name for name in BUILT_IN if name not in BOT_ORDER]


def _has_text(key: str) -> bool:
    return key in ui_locale(language()).keys()


def personality_name(bot: str) -> str:
    key = f"setup.bots.{bot}"
    return t(key) if _has_text(key) else bot.capitalize()


def _in_language(texts: dict, fallback=""):
    """A scenario's title or notes in the UI language, else in English, else any."""
    if not texts:
        return fallback
    return texts.get(language()) or texts.get("en") or next(iter(texts.values()))


class SetupScene(Scene):
    def __init__(self, app) -> None:
        super().__init__(app)
        scenarios = list_scenarios()
        self.scenario_id = "classic" if "classic" in scenarios else scenarios[0]
        self.scenario = load_scenario(self.scenario_id)
        self.betting = self.scenario.betting
        self.race_mode = self.scenario.race_mode
        self.seed_text = ""
        self.message = ""
        self.tab = SEATS
        self.options = teacher_defaults(self.scenario)
        self.option_problem = ""  # the parser's message for the options as they stand ("" if they are fine)
        kinds = [HUMAN, *DEFAULT_BOTS]
        self.seats = [SeatChoice("", kind, profile.id)
                      for kind, profile in zip(kinds, self.scenario.profiles, strict=False)]
        self._name_defaults()

    # ------------------------------------------------------------------ the choices

    @property
    def max_seats(self) -> int:
        return min(MAX_SEATS, len(self.scenario.profiles), len(self.scenario.rd_deck) // 2)

    def _default_name(self, kind: str, taken: set[str]) -> str:
        if kind == HUMAN:
            number = 1
            while (name := t("setup.default_human", number=number)).casefold() in taken:
                number += 1
            return name
        base = personality_name(kind)
        name, number = base, 2
        while name.casefold() in taken:
            name = t("setup.numbered_name", name=base, number=number)
            number += 1
        return name

    def _name_defaults(self) -> None:
        """Give every seat that still has its default name the default for its kind (unique at the table)."""
        taken = {seat.name.strip().casefold() for seat in self.seats if not seat.auto_name}
        for seat in self.seats:
            if seat.auto_name:
                seat.name = self._default_name(seat.kind, taken)
                taken.add(seat.name.casefold())

    def _free_firm(self) -> str:
        used = {seat.firm for seat in self.seats}
        return next(profile.id for profile in self.scenario.profiles if profile.id not in used)

    def _firm_name(self, firm: str) -> str:
        profile = self.scenario.profile(firm)
        return profile.name if profile is not None else firm

    def add_seat(self) -> None:
        if len(self.seats) >= self.max_seats:
            return
        bots = bot_personalities()
        used = {seat.kind for seat in self.seats}
        kind = next((bot for bot in bots if bot not in used), bots[len(self.seats) % len(bots)])
        self.seats.append(SeatChoice("", kind, self._free_firm()))
        self._name_defaults()
        self.message = ""
        self.refresh()

    def remove_seat(self, index: int) -> None:
        if len(self.seats) <= MIN_SEATS:
            return
        del self.seats[index]
        self._name_defaults()
        self.message = ""
        self.refresh()

    def choose_scenario(self, scenario_id: str) -> None:
        """A new scenario has other firms: every seat gets the scenario's firms in order again,
        and the rules start from the scenario's own."""
        try:
            scenario = load_scenario(scenario_id)
        except ScenarioError as error:
            self.message = t("setup.error_scenario", problem=describe(error))
            self.refresh()
            return
        self.scenario_id, self.scenario = scenario_id, scenario
        del self.seats[self.max_seats:]
        for seat, profile in zip(self.seats, scenario.profiles, strict=False):
            seat.firm = profile.id
        self.betting, self.race_mode = scenario.betting, scenario.race_mode
        self.options, self.option_problem = teacher_defaults(scenario), ""
        self.message = t("setup.firms_reset")
        self.refresh()

    def choose_twenty_minutes(self) -> None:
        """The 20-minute preset: its scenario and seats, each with the scenario's firms in order and a default name."""
        scenario_id, kinds = TWENTY_MINUTES
        self.choose_scenario(scenario_id)
        if self.scenario_id != scenario_id:
            return  # the scenario could not be read: its problem is said
        self.seats = [SeatChoice("", kind, profile.id) for kind, profile in zip(kinds, self.scenario.profiles,
                                                                               strict=False)]
        self._name_defaults()
        self.message = t("twenty_minutes.chosen")
        self.refresh()

    def choose_firm(self, index: int, firm: str) -> None:
        other = next((number for number, seat in enumerate(self.seats) if seat.firm == firm and number != index), None)
        if other is not None:
            self.message = t("setup.error_same_firm", firm=self._firm_name(firm), seat=other + 1)
            self.refresh()  # shows this seat's previous firm again
            return
        self.seats[index].firm = firm
        self.message = ""
        self.refresh()

    def choose_kind(self, index: int, kind: str) -> None:
        self.seats[index].kind = kind
        self._name_defaults()
        self.message = ""
        self.refresh()

    def choose_tab(self, tab: str) -> None:
        self.tab = tab
        self.refresh()

    def set_option(self, name: str, text: str) -> None:
        """A teacher option changed: check the custom rules at once and say what is wrong, if anything."""
        self.options[name] = text
        self.check_options()
        if hasattr(self, "options_tab"):  # without laying out again: the entry being typed in keeps its focus
            self.options_tab.set_text(self._options_tab_text())
        if getattr(self, "reset_button", None) is not None:
            if changed_options(self.scenario, self.options):
                self.reset_button.enable()
            else:
                self.reset_button.disable()

    def reset_options(self) -> None:
        if self.option_problem and self.message == self.option_problem:
            self.message = ""
        self.options, self.option_problem = teacher_defaults(self.scenario), ""
        self.refresh()

    def check_options(self) -> str:
        """The parser's message for the current options ("" when they make a valid scenario), shown on screen."""
        try:
            self.custom_scenario()
        except ScenarioError as error:
            custom = t("setup_options.custom_source", scenario=self.scenario.id)
            self.option_problem = t("setup_options.error", problem=describe(error, source=custom))
            self.show(self.option_problem)
            return self.option_problem
        if self.option_problem and self.message == self.option_problem:
            self.show("")
        self.option_problem = ""
        return ""

    def _options_tab_text(self) -> str:
        changed = len(changed_options(self.scenario, self.options))
        return t("setup_options.tab_options_changed", count=changed) if changed else t("setup_options.tab_options")

    # ------------------------------------------------------------------ layout

    def refresh(self) -> None:
        """Lay the screen out again with the current choices."""
        self.relayout()

    def _columns(self) -> tuple[int, int, int, int]:
        width, _ = self.size
        content = min(width - 48, 1200)
        left = (width - content) // 2
        seats_width = int(content * 0.62)
        return left, seats_width, left + seats_width + 32, content - seats_width - 32

    def build(self) -> None:
        width, _ = self.size
        left, seats_width, rules_x, rules_width = self._columns()
        self._name_defaults()  # the defaults follow the language
        UILabel(pygame.Rect(0, 14, width, 44), t("setup.title"), self.manager, object_id="@heading")
        tab_width = min(300, (seats_width - 24) // 2)
        self.seats_tab = UIButton(pygame.Rect(left, 74, tab_width, 30), t("setup_options.tab_seats"), self.manager,
                                  tool_tip_text=t("setup_options.tip_tab_seats"))
        self.options_tab = UIButton(pygame.Rect(left + tab_width + 8, 74, tab_width, 30), self._options_tab_text(),
                                    self.manager, tool_tip_text=t("setup_options.tip_tab_options"))
        (self.seats_tab if self.tab == SEATS else self.options_tab).select()
        self.seat_widgets: list[dict] = []
        self.seat_controls: dict = {}
        self.add_button = None
        self.option_controls: dict = {}
        self.reset_button = None
        if self.tab == OPTIONS:
            self._build_options(left, seats_width)
        else:
            self._build_seats(left, seats_width)
        self._build_rules(rules_x, rules_width)
        self._build_bottom(left, rules_x, rules_width)

    def _build_seats(self, left: int, seats_width: int) -> None:
        number_width, remove_width, gap = 28, CONTROL, 8
        free = seats_width - number_width - remove_width - 4 * gap - 16
        name_width, kind_width = int(free * 0.33), int(free * 0.30)
        firm_width = free - name_width - kind_width
        x_name = left + 8 + number_width + gap
        x_kind = x_name + name_width + gap
        x_firm = x_kind + kind_width + gap
        x_remove = x_firm + firm_width + gap
        header_y, rows_y = 114, 142
        for x, key in ((x_name, "name"), (x_kind, "kind"), (x_firm, "firm")):
            UILabel(pygame.Rect(x, header_y, -1, 24), t(f"setup.{key}"), self.manager, object_id="@dim")
        kind_options = [(t("setup.kind_human"), HUMAN)] + [
            (t("setup.kind_bot", personality=personality_name(bot)), bot) for bot in bot_personalities()]
        firm_options = [(profile.name, profile.id) for profile in self.scenario.profiles]
        for index, seat in enumerate(self.seats):
            y = rows_y + index * ROW
            UILabel(pygame.Rect(left + 8, y, number_width, CONTROL), t("setup.seat_number", number=index + 1),
                    self.manager, object_id="@dim")
            entry = UITextEntryLine(pygame.Rect(x_name, y, name_width, CONTROL), self.manager,
                                    initial_text=seat.name, placeholder_text=t("setup.name_placeholder"))
            entry.set_text_length_limit(NAME_MAX)
            kind_option = next(option for option in kind_options if option[1] == seat.kind)
            kind = UIDropDownMenu(kind_options, kind_option, pygame.Rect(x_kind, y, kind_width, CONTROL),
                                  self.manager)
            firm_option = next(option for option in firm_options if option[1] == seat.firm)
            firm = UIDropDownMenu(firm_options, firm_option, pygame.Rect(x_firm, y, firm_width, CONTROL),
                                  self.manager)
            remove = UIButton(pygame.Rect(x_remove, y, remove_width, CONTROL), t("setup.remove"), self.manager,
                              tool_tip_text=t("setup.tip_remove"))
            if len(self.seats) <= MIN_SEATS:
                remove.disable()
            self.seat_widgets.append({"name": entry, "kind": kind, "firm": firm, "remove": remove})
        # the same widgets by name ("kind_2"), for tests and end-to-end scripts that look them up
        self.seat_controls = {f"{role}_{index + 1}": widget for index, widgets in enumerate(self.seat_widgets)
                              for role, widget in widgets.items()}
        add_y = rows_y + len(self.seats) * ROW + 4
        self.add_button = UIButton(pygame.Rect(x_name, add_y, 200, CONTROL), t("setup.add_seat"), self.manager,
                                   tool_tip_text=t("setup.tip_add_seat", most=self.max_seats))
        if len(self.seats) >= self.max_seats:
            self.add_button.disable()
        UILabel(pygame.Rect(x_name + 212, add_y, -1, CONTROL),
                t("setup.seat_count", count=len(self.seats), most=self.max_seats), self.manager, object_id="@dim")

    def _build_options(self, left: int, panel_width: int) -> None:
        """The teacher options: a label, a control and what the scenario says, one row each. The
        controls line up after the longest label (its length depends on the language)."""
        lang = language()
        scenario = self.scenario
        defaults = teacher_defaults(scenario)
        label_x = left + 8
        UILabel(pygame.Rect(label_x, 114, -1, 24), t("setup_options.intro"), self.manager, object_id="@dim")
        cash_values = sorted({profile.cash for profile in scenario.profiles})
        amd = scenario.amd_efficiency
        rows = (
            ("last_year", t("setup_options.last_year"), t("setup_options.tip_last_year"),
             t("setup_options.hint_last_year", first=scenario.first_year, last=scenario.last_year)),
            ("cash", t("setup_options.cash"), t("setup_options.tip_cash"),
             t("setup_options.hint_cash", cash=money(cash_values[0], lang) if len(cash_values) == 1
               else t("setup_options.varies"))),
            ("ante_growth", t("setup_options.ante_growth"), t("setup_options.tip_ante_growth"),
             t("setup_options.hint_ante_growth", ante=money(scenario.ante[0], lang), year=scenario.first_year)),
            ("market_share_pct", t("setup_options.market_share"), t("setup_options.tip_market_share"),
             t("setup_options.hint_market_share")),
            ("lifetime", t("setup_options.lifetime"), t("setup_options.tip_lifetime"),
             t("setup_options.hint_lifetime")),
            ("amd_efficiency", t("setup_options.amd_efficiency"), t("setup_options.tip_amd_efficiency"),
             t("setup_options.hint_amd_efficiency", values=number(amd[0], lang) if len(set(amd)) == 1
               else f"{number(min(amd), lang)}–{number(max(amd), lang)}")),
        )
        placeholders = {"cash": t("setup_options.placeholder_by_firm"),
                        "ante_growth": t("setup_options.placeholder_by_year"),
                        "amd_efficiency": t("setup_options.placeholder_by_year")}
        labels = []
        for index, (_, label_text, tip, _) in enumerate(rows):
            label = UILabel(pygame.Rect(label_x, 150 + index * OPTION_ROW, -1, CONTROL), label_text, self.manager)
            label.set_tooltip(tip)
            labels.append(label)
        control_x = label_x + max(label.rect.width for label in labels) + 12
        control_width = 110
        hint_x = control_x + control_width + 12
        for index, (name, _, tip, hint) in enumerate(rows):
            y = 150 + index * OPTION_ROW
            rect = pygame.Rect(control_x, y, control_width, CONTROL)
            value = self.options.get(name, "")
            if name == "last_year":
                choices = [(str(year), str(year)) for year in range(scenario.first_year, scenario.last_year + 1)]
                control = UIDropDownMenu(choices, next((c for c in choices if c[1] == value), choices[-1]), rect,
                                         self.manager)
            elif name == "lifetime":
                years = sorted({*LIFETIMES, scenario.lifetime})
                choices = [(t("setup_options.lifetime_value", years=years_), str(years_)) for years_ in years]
                control = UIDropDownMenu(choices, next((c for c in choices if c[1] == value), choices[0]), rect,
                                         self.manager)
            else:
                control = UITextEntryLine(rect, self.manager, initial_text=value,
                                          placeholder_text="" if defaults[name] else placeholders[name])
                control.set_allowed_characters(NUMBER_CHARACTERS)
                control.set_text_length_limit(12)
                control.set_tooltip(tip)
            self.option_controls[name] = control
            UILabel(pygame.Rect(hint_x, y, -1, CONTROL), hint, self.manager, object_id="@dim")  # the scenario's value
        y = 150 + len(rows) * OPTION_ROW + 8
        self.reset_button = UIButton(pygame.Rect(label_x, y, -1, CONTROL), t("setup_options.reset"),
                                     self.manager, tool_tip_text=t("setup_options.tip_reset"))
        self.reset_button.set_dimensions((self.reset_button.rect.width + 32, CONTROL))  # room around the words
        if not changed_options(scenario, self.options):
            self.reset_button.disable()

    def _build_rules(self, rules_x: int, rules_width: int) -> None:
        width, height = self.size
        y = 76
        UILabel(pygame.Rect(rules_x, y, -1, 24), t("setup.scenario"), self.manager, object_id="@dim")
        scenario_options = []
        for scenario_id in list_scenarios():
            try:
                title = _in_language(load_scenario(scenario_id).title, scenario_id)
            except ScenarioError:
                continue  # a broken scenario file cannot be chosen (the command line names its problem)
            scenario_options.append((title, scenario_id))
        current = next((option for option in scenario_options if option[1] == self.scenario_id),
                       (_in_language(self.scenario.title, self.scenario_id), self.scenario_id))
        self.scenario_menu = UIDropDownMenu(scenario_options or [current], current,
                                            pygame.Rect(rules_x, y + 28, rules_width, CONTROL), self.manager)
        y += 28 + CONTROL + 8
        notes_height = max(72, min(220, height - 536))
        notes = "<br>".join(f"• {html.escape(note)}" for note in _in_language(self.scenario.notes, ()))
        UITextBox(notes, pygame.Rect(rules_x, y, rules_width, notes_height), self.manager)
        y += notes_height + 14

        betting_label = UILabel(pygame.Rect(rules_x, y, -1, 24), t("setup.betting"), self.manager,
                                object_id="@dim")
        betting_label.set_tooltip(t("setup.tip_betting"))
        betting_options = [(t(f"setup.betting_{name}"), name) for name in BETTING_STRUCTURES]
        self.betting_menu = UIDropDownMenu(betting_options,
                                           next(option for option in betting_options if option[1] == self.betting),
                                           pygame.Rect(rules_x, y + 28, rules_width, CONTROL), self.manager)
        y += 28 + CONTROL + 14
        self.race_box = UICheckBox(pygame.Rect(rules_x, y + 2, 20, 20), t("setup.race_mode"), self.manager,
                                   initial_state=self.race_mode, tool_tip_text=t("setup.tip_race_mode"))
        y += 24 + 14
        UILabel(pygame.Rect(rules_x, y, -1, 24), t("setup.seed"), self.manager, object_id="@dim")
        # the entry leaves its note the room it needs (in German at 1024 wide the note ran over the panel)
        note_width = self.app.theme.font(15).size(t("setup.seed_empty"))[0] + 8
        seed_width = max(110, min(rules_width // 2, 180, rules_width - 12 - note_width))
        self.seed_entry = UITextEntryLine(pygame.Rect(rules_x, y + 28, seed_width, CONTROL), self.manager,
                                          initial_text=self.seed_text)
        UILabel(pygame.Rect(rules_x + seed_width + 12, y + 28, -1, CONTROL), t("setup.seed_empty"), self.manager,
                object_id="@dim")
        self.seed_entry.set_allowed_characters("numbers")
        self.seed_entry.set_text_length_limit(SEED_DIGITS)
        self.seed_entry.set_tooltip(t("setup.tip_seed"))

    def _build_bottom(self, left: int, rules_x: int, rules_width: int) -> None:
        width, height = self.size
        self.message_label = UILabel(pygame.Rect(0, height - 108, width, 30), self.message, self.manager,
                                     object_id="@warning")
        self.back_button = UIButton(pygame.Rect(left, height - 64, 200, 44), t("setup.back"), self.manager,
                                    tool_tip_text=t("setup.tip_back"))
        self.start_button = UIButton(pygame.Rect(rules_x + rules_width - 240, height - 64, 240, 44),
                                     t("setup.start"), self.manager, object_id="@primary",
                                     tool_tip_text=t("setup.tip_start"))
        room = self.start_button.rect.x - 16 - (self.back_button.rect.right + 16)
        self.twenty_button = UIButton(pygame.Rect(self.back_button.rect.right + 16 + max(0, room - 260) // 2,
                                                  height - 64, min(260, room), 44), t("twenty_minutes.button"),
                                      self.manager, object_id="@secondary", tool_tip_text=t("twenty_minutes.tip"))

    def draw_background(self, surface: pygame.Surface) -> None:
        super().draw_background(surface)
        palette = self.app.theme.palette
        left, seats_width, rules_x, rules_width = self._columns()
        bottom = self.size[1] - 120
        for rect in (pygame.Rect(left - 12, 66, seats_width + 24, bottom - 66),
                     pygame.Rect(rules_x - 12, 66, rules_width + 24, bottom - 66)):
            pygame.draw.rect(surface, palette.panel, rect, border_radius=8)
            pygame.draw.rect(surface, palette.panel_edge, rect, width=1, border_radius=8)

    # ------------------------------------------------------------------ input

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame_gui.UI_TEXT_ENTRY_CHANGED:
            self._entry_changed(event.ui_element, event.text)
        super().handle_event(event)

    def _entry_changed(self, entry, text: str) -> None:
        if entry is getattr(self, "seed_entry", None):
            self.seed_text = text
            return
        for name, control in self.option_controls.items():
            if control is entry:
                self.set_option(name, text)
                return
        for index, widgets in enumerate(self.seat_widgets):
            if widgets["name"] is entry:
                self.seats[index].name = text
                self.seats[index].auto_name = False
                self.app.log("seat_name", seat=index, name=text)

    def _seat_of(self, element, role: str) -> int | None:
        return next((index for index, widgets in enumerate(self.seat_widgets) if widgets[role] is element), None)

    def on_button(self, button) -> None:
        if button is self.start_button:
            self.start()
        elif button is self.back_button:
            self.app.pop()
        elif button is self.twenty_button:
            self.choose_twenty_minutes()
        elif button is self.add_button:
            self.add_seat()
        elif button is self.seats_tab:
            self.choose_tab(SEATS)
        elif button is self.options_tab:
            self.choose_tab(OPTIONS)
        elif button is self.reset_button:
            self.reset_options()
        elif (index := self._seat_of(button, "remove")) is not None:
            self.remove_seat(index)

    def on_choice(self, menu, text: str) -> None:
        option = menu.selected_option[1]
        if menu is self.scenario_menu:
            if option != self.scenario_id:
                self.choose_scenario(option)
        elif menu is self.betting_menu:
            self.betting = option
        elif menu in (self.option_controls.get("last_year"), self.option_controls.get("lifetime")):
            name = next(name for name, control in self.option_controls.items() if control is menu)
            self.set_option(name, option)
        elif (index := self._seat_of(menu, "kind")) is not None:
            self.choose_kind(index, option)
        elif (index := self._seat_of(menu, "firm")) is not None:
            self.choose_firm(index, option)

    def on_check(self, box, checked: bool) -> None:
        if box is self.race_box:
            self.race_mode = checked

    def on_key(self, event: pygame.event.Event) -> None:
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.start()

    def show(self, message: str) -> None:
        self.message = message
        self.message_label.set_text(message)
        self.dirty = True

    # ------------------------------------------------------------------ starting

    def problem(self) -> str | None:
        """What keeps the game from starting, in words for the player; None when all is well."""
        if not MIN_SEATS <= len(self.seats) <= self.max_seats:
            return t("setup.error_seat_count", least=MIN_SEATS, most=self.max_seats)
        names: dict[str, int] = {}
        firms: dict[str, int] = {}
        for index, seat in enumerate(self.seats):
            number = index + 1
            if not seat.name.strip():
                return t("setup.error_empty_name", seat=number)
            try:
                name = check_name(seat.name)
            except ValueError:
                return t("setup.error_bad_name", seat=number, most=NAME_MAX)
            if name.casefold() in names:
                return t("setup.error_same_name", name=name, seat=names[name.casefold()], other=number)
            names[name.casefold()] = number
            if seat.firm in firms:
                return t("setup.error_same_firm", firm=self._firm_name(seat.firm), seat=firms[seat.firm])
            firms[seat.firm] = number
        if self.seed_text.strip() and not self.seed_text.strip().isdigit():
            return t("setup.error_seed")
        return None

    def custom_scenario(self):
        """The chosen scenario with the teacher options, the chosen betting structure and race mode,
        parsed again as "<id> (custom)"; raises `ScenarioError` with the parser's message."""
        return with_teacher_options(self.scenario, self.options, betting=self.betting, race_mode=self.race_mode)

    def start(self) -> None:
        problem = self.problem()
        if problem is not None:
            self.show(problem)
            return
        if self.check_options():
            return
        seed = int(self.seed_text) if self.seed_text.strip() else int.from_bytes(os.urandom(4), "big")
        try:
            scenario = self.custom_scenario()
            players = [SeatPlayer(seat.name, None if seat.kind == HUMAN else seat.kind) for seat in self.seats]
            session = Session.new(scenario, players, seed, profiles=[seat.firm for seat in self.seats],
                                  autosave_path=autosave_path(create=False))
        except Exception as error:  # a bad scenario, table or bot: say so and stay on this screen
            self.app.log("setup_refused", problem=f"{type(error).__name__}: {error}")
            self.show(t("setup.cannot_start", problem=describe(error)))
            return
        from .table import TableScene
        self.app.log("game_started", players=[player.name for player in session.players],
                     firms=[seat.firm for seat in self.seats], seed=seed)
        self.app.reset_to(TableScene(self.app, session))
