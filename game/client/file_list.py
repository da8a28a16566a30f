"""What the load screen and the replays' file list share: a list of files with one of them chosen,
the chosen file's details beside it, and below both the files that could not be read, each with
its problem."""

from __future__ import annotations

import html
from datetime import datetime
from typing import NamedTuple

import pygame
import pygame_gui
from pygame_gui.elements import UILabel, UISelectionList, UITextBox

from .i18n import t
from .palette import rgb_to_hex
from .scene import Scene

ITEM_HEIGHT = 32


def saved_when(moment: datetime) -> str:
    """When a file was saved, in local time and the one format of the language (load and replays alike)."""
    return moment.astimezone().strftime(t("files.date_format"))


class FileListLayout(NamedTuple):
    """Where the list and the details box stand (from `top` to `bottom`) and the problems under them."""

    left: int
    content: int  # the width of the whole, centred in the window
    list_width: int
    top: int
    bottom: int
    problems_height: int  # 0 without problems


def file_list_layout(size: tuple[int, int], top: int, problem_rows: int) -> FileListLayout:
    """The layout for a window of `size`, leaving room under it for a note and a row of buttons."""
    width, height = size
    content = min(width - 48, 1200)
    bottom = height - 126
    problems_height = 0
    if problem_rows:
        problems_height = max(60, min(24 * problem_rows + 24, (bottom - top) // 3))
        bottom -= problems_height + 40
    return FileListLayout((width - content) // 2, content, int(content * 0.62), top, bottom, problems_height)


class FileListScene(Scene):
    """A scene choosing one file from a list. A subclass sets `list_id` and `row_id`, builds its widgets
    with `build_file_list`, `build_problems` and a `note_label` of its own (cleared when another row
    is chosen), and fills in the four methods below."""

    list_id: str  # the selection list's object id, for its theme
    row_id: str  # a row's object id before its index

    def __init__(self, app) -> None:
        super().__init__(app)
        self.note = ""
        self.selected: int | None = None  # the chosen row

    # ------------------------------------------------------------------ for subclasses

    @property
    def file_list_widget(self) -> UISelectionList:
        """The list built by `build_file_list`: each scene keeps it under its own name, which tests look for."""
        raise NotImplementedError

    def details_of(self, index: int) -> str:
        """The details box's text for row `index` (pygame_gui's HTML subset)."""
        raise NotImplementedError

    def on_file_chosen(self, index: int | None) -> None:
        """Another row was chosen (None: no row is)."""
        raise NotImplementedError

    def open_selected(self) -> None:
        """Open the chosen file (Enter or a double click)."""
        raise NotImplementedError

    # ------------------------------------------------------------------ layout

    def build_file_list(self, layout: FileListLayout, rows: list[str], count_text: str, details_title: str,
                        empty_text: str) -> UISelectionList:
        """The list's caption, the list with `rows` (the chosen one kept if it still exists, else the
        first), `empty_text` over it when there are none, and the chosen file's details beside it."""
        palette = self.app.theme.palette
        # taller, left-aligned rows in the list (this scene's manager only)
        self.manager.get_theme().load_theme({
            self.list_id: {"misc": {"list_item_height": str(ITEM_HEIGHT)}},
            f"{self.list_id}.@selection_list_item": {
                "misc": {"text_horiz_alignment": "left", "text_horiz_alignment_padding": "10", "shape": "rectangle",
                         "border_width": "0"},
                "colours": {"normal_bg": rgb_to_hex(palette.panel), "hovered_bg": rgb_to_hex(palette.button_hover)}}})
        left, top, bottom, list_width = layout.left, layout.top, layout.bottom, layout.list_width
        details_x, details_width = left + list_width + 24, layout.content - list_width - 24
        UILabel(pygame.Rect(left, top - 30, -1, 26), count_text, self.manager, object_id="@dim")
        UILabel(pygame.Rect(details_x, top - 30, -1, 26), details_title, self.manager, object_id="@dim")
        items = [(row, f"{self.row_id}{index}") for index, row in enumerate(rows)]
        if self.selected is not None and self.selected >= len(rows):
            self.selected = None
        if self.selected is None and rows:
            self.selected = 0
        widget = UISelectionList(pygame.Rect(left, top, list_width, bottom - top), items, self.manager,
                                 object_id=self.list_id, default_selection=items[self.selected] if rows else None)
        if not rows:
            UILabel(pygame.Rect(left, top + 20, list_width, 30), empty_text, self.manager, object_id="@dim")
        details = self.details_of(self.selected) if self.selected is not None else ""
        self.details_box = UITextBox(details, pygame.Rect(details_x, top, details_width, bottom - top), self.manager)
        return widget

    def build_problems(self, layout: FileListLayout, title: str, rows: list[str]) -> UITextBox | None:
        """Under the list: `title` as a warning and a box with `rows` as a bulleted list (None without rows)."""
        if not rows:
            return None
        UILabel(pygame.Rect(layout.left, layout.bottom + 14, -1, 26), title, self.manager, object_id="@warning")
        text = "<br>".join("• " + html.escape(row) for row in rows)
        return UITextBox(text, pygame.Rect(layout.left, layout.bottom + 42, layout.content, layout.problems_height),
                         self.manager)

    # ------------------------------------------------------------------ input

    def handle_event(self, event: pygame.event.Event) -> None:
        super().handle_event(event)
        if getattr(event, "ui_element", None) is not self.file_list_widget:
            return
        if event.type == pygame_gui.UI_SELECTION_LIST_NEW_SELECTION:
            self._select()
        elif event.type == pygame_gui.UI_SELECTION_LIST_DROPPED_SELECTION:
            self._keep_selection()
        elif event.type == pygame_gui.UI_SELECTION_LIST_DOUBLE_CLICKED_SELECTION:
            self._select()
            self.open_selected()

    def on_key(self, event: pygame.event.Event) -> None:
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.open_selected()

    def _keep_selection(self) -> None:
        """A click on the chosen row would unselect it: one file stays chosen, like a radio button."""
        items = self.file_list_widget.item_list
        if self.selected is None or any(item["selected"] for item in items):
            return  # another row was chosen: that click dropped this one
        for item in items:
            if item["object_id"] == f"{self.row_id}{self.selected}":
                item["selected"] = True
                if item["button_element"] is not None:
                    item["button_element"].select()
        self.dirty = True

    def _select(self) -> None:
        chosen = [item["object_id"] for item in self.file_list_widget.item_list if item["selected"]]
        index = int(chosen[-1].rpartition("_")[2]) if chosen else None
        if index == self.selected:
            return
        self.selected = index
        self.note = ""
        self.note_label.set_text("")
        self.details_box.set_text(self.details_of(index) if index is not None else "")
        self.on_file_chosen(index)
        self.dirty = True
