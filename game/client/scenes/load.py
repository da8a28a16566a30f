"""Load a saved game: the saves newest first, the details of the chosen one, and the files
that could not be read with their problem (a damaged file or one from a newer version).
Any save, finished or not, also opens in the debrief without being loaded."""

from __future__ import annotations

import html

import pygame
from pygame_gui.elements import UIButton, UILabel, UISelectionList

from game.content import load_scenario
from game.content.files import autosave_path
from game.content.saves import GameFile, SaveError, SaveListing, list_saves
from game.session import BotFiles, BotFilesInSave, Session

from ..file_list import FileListScene, file_list_layout, saved_when
from ..i18n import language, t
from ..problems import describe
from .setup import personality_name

CONTROL = 44
NAMES_SHOWN = 3  # human names listed in a save's line before "…"


def scenario_title(scenario_id: str) -> str:
    """A shipped scenario's title in the UI language; else its id."""
    try:
        titles = load_scenario(scenario_id).title
    except Exception:  # not shipped (or no longer loads): the id is all there is
        return scenario_id
    return titles.get(language()) or titles.get("en") or scenario_id


def players_summary(info: GameFile) -> str:
    humans = [player.name for player in info.players if player.bot is None]
    bots = len(info.players) - len(humans)
    names = ", ".join(humans[:NAMES_SHOWN]) + (t("load.more_names") if len(humans) > NAMES_SHOWN else "")
    bot_text = t("load.bots_one") if bots == 1 else t("load.bots_many", count=bots)
    if not humans:
        return bot_text
    if not bots:
        return names
    return t("load.humans_and_bots", names=names, bots=bot_text)


def save_line(info: GameFile) -> str:
    line = t("load.item", date=saved_when(info.saved_at), year=info.year, scenario=scenario_title(info.scenario.id),
             players=players_summary(info))
    return t("load.item_over", item=line) if info.over else line


def save_details(info: GameFile) -> str:
    """The chosen save in full (pygame_gui's HTML subset)."""
    e = html.escape
    lines = [f"<b>{e(info.path.name)}</b>",
             e(t("load.saved_at", date=saved_when(info.saved_at))),
             e(t("load.scenario", scenario=scenario_title(info.scenario.id))),
             e(t("load.year", year=info.year)),
             e(t("load.status_over") if info.over else t("load.status_running")),
             "", f"<b>{e(t('load.players'))}</b>"]
    for seat, player in enumerate(info.players, start=1):
        who = t("load.human") if player.bot is None else t("load.bot", bot=personality_name(player.bot))
        lines.append(e(t("load.player", seat=seat, name=player.name, who=who)))
    return "<br>".join(lines)


class LoadScene(FileListScene):
    list_id = "#save_list"
    row_id = "#save_"

    def __init__(self, app) -> None:
        super().__init__(app)
        self.note_is_problem = True
        self.confirming = False  # Load pressed once over a game with unsaved changes
        self.listing = self._read()  # `selected` is an index into listing.saves

    def _read(self) -> SaveListing:
        try:
            return list_saves()
        except OSError as error:  # the saves folder itself cannot be read
            self.note = t("load.cannot_list", problem=error.strerror or str(error))
            return SaveListing([], [])

    # ------------------------------------------------------------------ layout

    def build(self) -> None:
        width, height = self.size
        UILabel(pygame.Rect(0, 14, width, 44), t("load.title"), self.manager, object_id="@heading")
        saves, unreadable = self.listing.saves, self.listing.unreadable
        problems = [t("load.problem", file=error.path.name, problem=describe(error)) for error in unreadable]
        layout = file_list_layout(self.size, 96, len(problems))
        left, content = layout.left, layout.content
        self.save_list = self.build_file_list(layout, [save_line(info) for info in saves],
                                              t("load.saves", count=len(saves)), t("load.details"), t("load.none"))
        self.build_problems(layout, t("load.unreadable", count=len(unreadable)), problems)

        self.note_label = UILabel(pygame.Rect(0, height - 108, width, 30), self.note, self.manager,
                                  object_id="@warning" if self.note_is_problem else "@dim")
        self.back_button = UIButton(pygame.Rect(left, height - 64, 200, CONTROL), t("load.back"), self.manager,
                                    tool_tip_text=t("load.tip_back"))
        self.load_button = UIButton(pygame.Rect(left + content - 240, height - 64, 240, CONTROL), t("load.load"),
                                    self.manager, object_id="@primary", tool_tip_text=t("load.tip_load"))
        self.debrief_button = UIButton(pygame.Rect(left + content - 240 - 16 - 220, height - 64, 220, CONTROL),
                                       t("debrief.open"), self.manager, tool_tip_text=t("debrief.tip_open_load"))
        if self.selected is None:
            self.load_button.disable()
            self.debrief_button.disable()

    def _show(self, note: str, problem: bool = True) -> None:
        self.note, self.note_is_problem = note, problem
        self.relayout()

    # ------------------------------------------------------------------ the file list

    @property
    def file_list_widget(self) -> UISelectionList:
        return self.save_list

    def details_of(self, index: int) -> str:
        return save_details(self.listing.saves[index])

    def on_file_chosen(self, index: int | None) -> None:
        self.confirming = False
        for button in (self.load_button, self.debrief_button):
            if index is None:
                button.disable()
            else:
                button.enable()

    def open_selected(self) -> None:
        self.load()

    # ------------------------------------------------------------------ input

    def on_button(self, button) -> None:
        if button is self.load_button:
            self.load()
        elif button is self.debrief_button:
            self.open_debrief()
        elif button is self.back_button:
            self.app.pop()

    # ------------------------------------------------------------------ loading

    def _game_at_risk(self) -> bool:
        """A running game under this screen with moves not saved under a name (loading replaces its autosave)."""
        for scene in self.app.scenes:
            session = getattr(scene, "session", None)
            if isinstance(session, Session) and session.unsaved_changes and not session.is_over:
                return True
        return False

    def open_debrief(self) -> None:
        """The chosen save's debrief, on top of this screen (Esc comes back); the game is not loaded,
        so a running game stays as it is."""
        if self.selected is None:
            return
        from game.debrief import load_debrief

        from .debrief import DebriefScene
        info = self.listing.saves[self.selected]
        try:
            debrief = load_debrief(info.path)
        except SaveError as error:
            self.app.log("debrief_refused", path=str(info.path), problem=error.problem)
            self._show(self._fitted(t("debrief.cannot_open", file=info.path.name, problem=describe(error))))
            return
        self.app.log("debrief_opened", path=str(info.path))
        self.app.push(DebriefScene(self.app, debrief, source=info.path))

    def _fitted(self, text: str) -> str:
        """`text` cut with an ellipsis to the note's width (a replay's problem can be long)."""
        measure = self.app.theme.font(15)
        room = self.size[0] - 40
        if measure.size(text)[0] <= room:
            return text
        while text and measure.size(text + "…")[0] > room:
            text = text[:-1]
        return text.rstrip() + "…"

    def load(self, bot_files: BotFiles = BotFiles.ASK) -> None:
        if self.selected is None:
            return
        if self._game_at_risk() and not self.confirming:
            self.confirming = True
            self._show(t("load.confirm_replace"))
            return
        info = self.listing.saves[self.selected]
        try:
            session = Session.load(info.path, autosave_path=autosave_path(create=False), bot_files=bot_files)
        except BotFilesInSave as question:  # nothing imported yet: ask first
            from .bot_files import BotFilesScene
            self.app.push(BotFilesScene(self.app, question, self.load))
            return
        except SaveError as error:
            self.app.log("load_refused", path=str(info.path), problem=error.problem)
            self.confirming = False
            self._show(t("load.cannot_load", file=info.path.name, problem=describe(error)))
            return
        except Exception as error:  # never a crash: a bug in loading still becomes a message
            self.app.log("load_refused", path=str(info.path), problem=f"{type(error).__name__}: {error}")
            self.confirming = False
            self._show(t("load.cannot_load", file=info.path.name, problem=f"{type(error).__name__}: {error}"))
            return
        from .table import TableScene
        self.app.log("loaded", path=str(info.path), players=[player.name for player in session.players])
        self.app.reset_to(TableScene(self.app, session))
