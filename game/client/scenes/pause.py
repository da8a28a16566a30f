"""The pause menu (Escape at the table) and the question before quitting with unsaved changes."""

from __future__ import annotations

from collections.abc import Callable

import pygame
from pygame_gui.elements import UIButton, UILabel

from game.content.saves import SaveError

from ..i18n import t
from ..problems import describe, system_reason
from ..scene import Scene


def _column(app, count: int, top: int, width: int = 320, height: int = 44, gap: int = 10) -> list[pygame.Rect]:
    centre = app.layout_size[0] // 2
    return [pygame.Rect(centre - width // 2, top + index * (height + gap), width, height) for index in range(count)]


class PauseScene(Scene):
    overlay = True

    def __init__(self, app, table) -> None:
        super().__init__(app)
        self.table = table
        self.note = ""

    def build(self) -> None:
        names = ("resume", "save", "load", "settings", "how_to_play", "quit_to_title", "quit")
        glossary = names.index("how_to_play") + 1  # the glossary's button comes after how to play
        top = max(70, self.size[1] // 2 - 250)
        rects = _column(self.app, len(names) + 1, top)
        self.dialog = pygame.Rect(rects[0].x - 40, top - 62, rects[0].width + 80, rects[-1].bottom + 54 - (top - 62))
        UILabel(pygame.Rect(self.dialog.x, top - 50, self.dialog.width, 40), t("pause.title"), self.manager,
                object_id="@heading")
        self.buttons = {name: UIButton(rect, t(f"pause.{name}"), self.manager,
                                       object_id={"resume": "@primary", "quit": "@danger"}.get(name))
                        for name, rect in zip(names, rects[:glossary] + rects[glossary + 1:], strict=True)}
        self.buttons["glossary"] = UIButton(rects[glossary], t("glossary.pause"), self.manager)
        self.note_label = UILabel(pygame.Rect(self.dialog.x, rects[-1].bottom + 12, self.dialog.width, 30), self.note,
                                  self.manager, object_id="@dim")

    def on_button(self, button) -> None:
        name = next((name for name, widget in self.buttons.items() if widget is button), None)
        session = self.table.session
        if name == "resume":
            self.app.pop()
        elif name == "save":
            try:
                path = session.save_new()
            except SaveError as error:
                self.note = t("pause.cannot_save", file=str(error.path), problem=describe(error))
            else:
                self.note = t("pause.saved", file=path.name)
                self.app.log("saved", path=str(path))
            self.note_label.set_text(self.note)
        elif self.open_side_scene(name):
            pass
        elif name == "glossary":
            from .glossary import GlossaryScene
            self.app.push(GlossaryScene(self.app, scenario=session.scenario))
        elif name == "quit_to_title":
            self._leave(self._to_title)
        elif name == "quit":
            self._leave(self.app.quit)

    def _to_title(self) -> None:
        from .title import TitleScene
        self.app.reset_to(TitleScene(self.app))

    def _leave(self, then: Callable[[], None]) -> None:
        if must_confirm_leaving(self.table.session):
            self.app.push(ConfirmLeaveScene(self.app, self.table.session, then))
        else:
            then()

    def request_quit(self) -> None:
        self._leave(self.app.quit)


def must_confirm_leaving(session) -> bool:
    """A running game with moves not saved under a name, or whose autosave is failing, asks before it is left."""
    return not session.is_over and (session.unsaved_changes or session.autosave_error is not None)


class ConfirmLeaveScene(Scene):
    """Leaving a game not saved under a name: save first, leave anyway (the autosave keeps it), or stay.
    While the autosave fails, a warning says what leaving would lose; a save that fails says why."""

    overlay = True

    def __init__(self, app, session, then: Callable[[], None]) -> None:
        super().__init__(app)
        self.session = session
        self.then = then
        self.note = ""  # why saving failed, once it has

    def build(self) -> None:
        width, height = self.size
        names = ("save_and_leave", "leave", "stay")
        self.buttons = {name: UIButton(rect, t(f"confirm.{name}"), self.manager,
                                       object_id={"save_and_leave": "@primary", "leave": "@danger"}.get(name))
                        for name, rect in zip(names, _column(self.app, 3, height // 2 - 20), strict=True)}
        error = self.session.autosave_error
        warning = self.note or ("" if error is None else t("autosave.leave_warning", why=system_reason(error)))
        sentence = warning or t("confirm.explain")
        panel = min(width - 32, max(880, self.app.theme.font(15).size(sentence)[0] + 48))  # the sentence inside it
        self.dialog = pygame.Rect((width - panel) // 2, height // 2 - 126, panel, 288)
        UILabel(pygame.Rect(self.dialog.x, height // 2 - 110, panel, 40), t("confirm.title"), self.manager,
                object_id="@heading")
        self.warning_label = UILabel(pygame.Rect(self.dialog.x + 16, height // 2 - 66, panel - 32, 30), sentence,
                                     self.manager, object_id="@warning" if warning else "@dim")

    def on_button(self, button) -> None:
        name = next((name for name, widget in self.buttons.items() if widget is button), None)
        if name == "stay":
            self.app.pop()
        elif name == "leave":
            self.then()
        elif name == "save_and_leave":
            try:
                self.session.save_new()
            except SaveError as error:  # stay, and say why: leaving now could lose the game
                self.note = t("pause.cannot_save", file=str(error.path), problem=describe(error))
                self.relayout()
                return
            self.then()

    def request_quit(self) -> None:
        self.then()
