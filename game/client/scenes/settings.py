"""Settings: language, window, size of the screens, animation speed, bot thinking time, sound, colours and the coach.

Changes are collected in a draft and take effect with "Apply", which saves them and lays
out every open scene again (the title, or a running table under the pause menu).
"""

from __future__ import annotations

import dataclasses

import pygame
from pygame_gui.elements import UIButton, UICheckBox, UIDropDownMenu, UIHorizontalSlider, UILabel

from game.content.locale import ui_languages, ui_locale
from game.content.text import number

from ..i18n import language, t
from ..scene import Scene
from ..settings import ANIMATION_SPEEDS, BOT_DELAY_RANGE, UI_SCALES, WINDOW_SIZES, Settings

BOT_DELAY_STEP = 0.1
ROW = 46
CONTROL = 34
LABEL_WIDTH = 250
CONTROL_WIDTH = 360
ROWS = 9  # language, window size, fullscreen, UI scale, animation, bot delay, sound, colours, coach


def language_name(lang: str) -> str:
    """A language by its own name ("English", "Deutsch"), read from that language's file."""
    try:
        return ui_locale(lang).text("settings.language_name")
    except (KeyError, ValueError):
        return lang


def scale_name(scale: str | float) -> str:
    """A UI scale as the settings list it: "Automatic (with the window)", "125 %"."""
    return t("settings.scale_auto") if scale == "auto" else t("settings.scale_value", percent=round(scale * 100))


def _size_id(size: tuple[int, int]) -> str:
    return f"{size[0]}x{size[1]}"


class SettingsScene(Scene):
    def __init__(self, app) -> None:
        super().__init__(app)
        self.base = app.settings  # the settings the draft started from
        self.draft: Settings = app.settings
        self.note = ""
        self.note_is_problem = False

    # ------------------------------------------------------------------ layout

    def build(self) -> None:
        if self.app.settings != self.base:  # changed elsewhere meanwhile (F11 toggles fullscreen)
            self.base = self.draft = self.app.settings
        width, height = self.size
        draft = self.draft
        left = (width - (LABEL_WIDTH + CONTROL_WIDTH + 70)) // 2  # 70: room for the slider's value
        x = left + LABEL_WIDTH
        top = max(76, (height - ROWS * ROW - 100) // 2)
        self.panel_rect = pygame.Rect(left - 24, top - 12, LABEL_WIDTH + CONTROL_WIDTH + 70 + 48, ROWS * ROW + 12)
        UILabel(pygame.Rect(0, top - 56, width, 44), t("settings.title"), self.manager, object_id="@heading")
        rows = iter(range(top, height, ROW))

        def label(key: str, y: int) -> None:
            UILabel(pygame.Rect(left, y, -1, CONTROL), t(f"settings.{key}"), self.manager)

        y = next(rows)
        label("language", y)
        languages = list(ui_languages())
        if draft.language not in languages:
            languages.append(draft.language)
        options = [(language_name(lang), lang) for lang in languages]
        self.language_menu = UIDropDownMenu(options, options[languages.index(draft.language)],
                                            pygame.Rect(x, y, CONTROL_WIDTH, CONTROL), self.manager)

        y = next(rows)
        label("window_size", y)
        sizes = sorted({*WINDOW_SIZES, draft.window_size})  # smallest first, the window's own size among them
        options = [(t("settings.size_value", width=w, height=h), _size_id((w, h))) for w, h in sizes]
        self.size_menu = UIDropDownMenu(options, options[sizes.index(draft.window_size)],
                                        pygame.Rect(x, y, CONTROL_WIDTH, CONTROL), self.manager)
        self.sizes = {_size_id(size): size for size in sizes}

        y = next(rows)
        self.fullscreen_box = UICheckBox(pygame.Rect(x, y + 7, 20, 20), t("settings.fullscreen"), self.manager,
                                         initial_state=draft.fullscreen, tool_tip_text=t("settings.tip_fullscreen"))

        y = next(rows)
        label("ui_scale", y)
        options = [(scale_name(scale), str(scale)) for scale in UI_SCALES]
        self.scales = {str(scale): scale for scale in UI_SCALES}
        self.scale_menu = UIDropDownMenu(options, options[UI_SCALES.index(draft.ui_scale)],
                                         pygame.Rect(x, y, CONTROL_WIDTH, CONTROL), self.manager)

        y = next(rows)
        label("animation_speed", y)
        options = [(t(f"settings.speed_{speed}"), speed) for speed in ANIMATION_SPEEDS]
        self.speed_menu = UIDropDownMenu(options, next(o for o in options if o[1] == draft.animation_speed),
                                         pygame.Rect(x, y, CONTROL_WIDTH, CONTROL), self.manager)

        y = next(rows)
        label("bot_delay", y)
        self.delay_slider = UIHorizontalSlider(pygame.Rect(x, y + 3, CONTROL_WIDTH, CONTROL - 6),
                                               min(max(draft.bot_delay, BOT_DELAY_RANGE[0]), BOT_DELAY_RANGE[1]),
                                               BOT_DELAY_RANGE, self.manager, click_increment=BOT_DELAY_STEP)
        self.delay_slider.set_tooltip(t("settings.tip_bot_delay"))
        self.delay_label = UILabel(pygame.Rect(x + CONTROL_WIDTH + 12, y, -1, CONTROL), self._delay_text(),
                                   self.manager)

        y = next(rows)
        label("sound", y)
        self.sound_box = UICheckBox(pygame.Rect(x, y + 7, 20, 20), t("settings.sound_on"), self.manager,
                                    initial_state=draft.sound)

        y = next(rows)
        label("colours", y)
        self.palette_box = UICheckBox(pygame.Rect(x, y + 7, 20, 20), t("settings.colour_blind"), self.manager,
                                      initial_state=draft.colour_blind, tool_tip_text=t("settings.tip_colour_blind"))

        y = next(rows)
        UILabel(pygame.Rect(left, y, -1, CONTROL), t("coach.settings_label"), self.manager)
        self.coach_box = UICheckBox(pygame.Rect(x, y + 7, 20, 20), t("coach.settings_box"), self.manager,
                                    initial_state=draft.coach, tool_tip_text=t("coach.settings_tip"))

        y = next(rows) + 8
        self.note_label = UILabel(pygame.Rect(0, y, width, 30), self.note, self.manager,
                                  object_id="@warning" if self.note_is_problem else "@dim")
        y += 44
        self.back_button = UIButton(pygame.Rect(width // 2 - 250, y, 240, 44), t("settings.back"), self.manager,
                                    tool_tip_text=t("settings.tip_back"))
        self.apply_button = UIButton(pygame.Rect(width // 2 + 10, y, 240, 44), t("settings.apply"), self.manager,
                                     object_id="@primary", tool_tip_text=t("settings.tip_apply"))

    def draw_background(self, surface: pygame.Surface) -> None:
        super().draw_background(surface)
        palette = self.app.theme.palette
        pygame.draw.rect(surface, palette.panel, self.panel_rect, border_radius=8)
        pygame.draw.rect(surface, palette.panel_edge, self.panel_rect, width=1, border_radius=8)

    def _delay_text(self) -> str:
        return t("settings.seconds", value=number(self.draft.bot_delay, language()))

    # ------------------------------------------------------------------ input

    def _change(self, **changes) -> None:
        self.draft = self.draft.replace(**changes)
        self._set_note("")

    def _set_note(self, text: str, problem: bool = False) -> None:
        if problem != self.note_is_problem:
            self.note, self.note_is_problem = text, problem
            self.relayout()  # the note's colour is its theme class
            return
        self.note = text
        self.note_label.set_text(text)
        self.dirty = True

    def on_choice(self, menu, text: str) -> None:
        option = menu.selected_option[1]
        if menu is self.language_menu:
            self._change(language=option)
        elif menu is self.size_menu:
            self._change(window_size=self.sizes[option])
        elif menu is self.scale_menu:
            self._change(ui_scale=self.scales[option])
        elif menu is self.speed_menu:
            self._change(animation_speed=option)

    def on_check(self, box, checked: bool) -> None:
        if box is self.fullscreen_box:
            self._change(fullscreen=checked)
        elif box is self.sound_box:
            self._change(sound=checked)
        elif box is self.palette_box:
            self._change(colour_blind=checked)
        elif box is self.coach_box:
            self._change(coach=checked)

    def on_slider(self, slider, value) -> None:
        if slider is self.delay_slider:
            delay = round(round(float(value) / BOT_DELAY_STEP) * BOT_DELAY_STEP, 2)
            if delay != self.draft.bot_delay:
                self._change(bot_delay=delay)
                self.delay_label.set_text(self._delay_text())

    def on_button(self, button) -> None:
        if button is self.apply_button:
            self.apply()
        elif button is self.back_button:
            self.app.pop()

    def on_key(self, event: pygame.event.Event) -> None:
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.apply()

    def apply(self) -> None:
        """Save the draft and switch to it: every open scene lays itself out again."""
        settings = self.draft
        try:
            settings.save(self.app.data_dir)  # first, so a folder that cannot be written changes nothing
        except OSError as error:
            self.app.log("settings_not_saved", problem=str(error))
            self._set_note(t("settings.cannot_save", problem=error.strerror or str(error)), problem=True)
            return
        self.app.apply_settings(settings)
        self.base = self.draft = self.app.settings
        self.app.log("settings_applied", **{key: str(value) for key, value in dataclasses.asdict(settings).items()})
        self._set_note(t("settings.saved"))
