"""The window, the scene stack and the main loop.

The loop draws only when something changed: an input event, a scene that says it is
dirty or animating, a tooltip that may have appeared, or a blinking text caret. When
nothing happens it sleeps between short polls of the event queue, so an idle game costs
almost no CPU (`pygame.event.wait` polls inside SDL and cost 2 % of a core even idle).
"""

from __future__ import annotations

import json
import os
import time
from fractions import Fraction
from pathlib import Path

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
# The window is drawn in software and copied to the screen as it is. By default SDL copies it through
# OpenGL, which on Linux without a GPU loads Mesa's LLVM rasteriser: 100 MB and 0.1 s of start-up for nothing.
os.environ.setdefault("SDL_FRAMEBUFFER_ACCELERATION", "0")

import pygame  # noqa: E402
import pygame_gui  # noqa: E402

from . import i18n  # noqa: E402
from .layout import ui_scale  # noqa: E402
from .settings import Settings  # noqa: E402
from .theme import Theme  # noqa: E402

FPS = 60
IDLE_POLL = 0.03  # seconds slept between looks at the event queue while nothing happens
TOOLTIP_DELAY = 0.6  # seconds of stillness before a tooltip shows (also set in the theme)
CARET_BLINK = 0.5


class App:
    def __init__(self, settings: Settings, *, data_dir: Path, screenshot_dir: Path | None = None,
                 e2e_log: Path | None = None, idle_poll: float = IDLE_POLL) -> None:
        self.settings = settings
        self.idle_poll = idle_poll
        self.data_dir = data_dir
        self.screenshot_dir = screenshot_dir or data_dir / "screenshots"
        self.e2e_log = e2e_log
        i18n.set_language(settings.language)
        pygame.init()
        pygame.key.set_repeat(400, 40)
        pygame.display.set_caption(i18n.t("app.title"))
        self.screen = self._open_window()
        self._fit_canvas()
        self.theme = Theme(settings.colour_blind)
        self.clock = pygame.time.Clock()
        self.scenes: list = []
        self.running = True
        self.frames_drawn = 0
        self._redraw = True
        self._last_input = time.monotonic()
        self._tooltip_checked = True
        self._next_caret = 0.0
        self._last_damage: tuple | None = None  # (scene, rects): what that scene animated in the frame shown last
        from .sound import Sounds  # the mixer may be missing: Sounds then stays silent
        self.sounds = Sounds(enabled=settings.sound)

    # ------------------------------------------------------------------ window

    def _open_window(self) -> pygame.Surface:
        flags = pygame.RESIZABLE
        if self.settings.fullscreen:
            flags |= pygame.FULLSCREEN
        return pygame.display.set_mode(self.settings.window_size, flags)

    @property
    def size(self) -> tuple[int, int]:
        """The window's size in pixels."""
        return self.screen.get_size()

    def _fit_canvas(self) -> None:
        """Every scene is laid out at `layout_size` (the window ÷ the UI scale) and drawn on `canvas`,
        which is scaled to the window as a whole (issue 13, bug 5: at 1920×1080 the screens stayed
        small). At scale 1 the canvas is the window itself."""
        window = self.size
        self.ui_scale = ui_scale(window, self.settings.ui_scale)
        self.layout_size = (max(1, round(window[0] / self.ui_scale)), max(1, round(window[1] / self.ui_scale)))
        if self.layout_size == window:
            self.canvas = self.screen
            self._padded = None
        else:
            # one pixel more on the right and at the foot (a copy of the last column and row): scaled to the
            # window, each window pixel then comes from exactly window ÷ scale, and a piece of the canvas
            # scaled on its own (`_show`) gives the very pixels the whole frame gives
            width, height = self.layout_size
            self._padded = pygame.Surface((width + 1, height + 1)).convert(self.screen)
            self.canvas = self._padded.subsurface((0, 0, width, height))
            self._steps = tuple(Fraction(window[axis], self.layout_size[axis]) for axis in (0, 1))

    def to_layout(self, pos: tuple[int, int]) -> tuple[int, int]:
        """A point of the window where the scenes lay out (a mouse event's position as the scene sees it)."""
        return (pos[0] * self.layout_size[0] // self.size[0], pos[1] * self.layout_size[1] // self.size[1])

    def to_window(self, pos: tuple[int, int]) -> tuple[int, int]:
        """Where a point of the scenes' layout is drawn in the window (the middle of its scaled pixel)."""
        return (int((pos[0] + 0.5) * self.size[0] / self.layout_size[0]),
                int((pos[1] + 0.5) * self.size[1] / self.layout_size[1]))

    def window_rect(self, rect: pygame.Rect) -> pygame.Rect:
        """Where a rectangle of the scenes' layout is drawn in the window."""
        sx, sy = self.size[0] / self.layout_size[0], self.size[1] / self.layout_size[1]
        left, top = int(rect.x * sx), int(rect.y * sy)
        return pygame.Rect(left, top, int(rect.right * sx + 0.999) - left, int(rect.bottom * sy + 0.999) - top)

    def new_manager(self) -> pygame_gui.UIManager:
        manager = pygame_gui.UIManager(self.layout_size, self.theme.gui_theme(), enable_live_theme_updates=False)
        # pygame_gui reads the mouse in window pixels: it scales them to the layout as the canvas is scaled up
        manager.mouse_pos_scale_factor = [self.layout_size[0] / self.size[0], self.layout_size[1] / self.size[1]]
        # text boxes may use bold: load it now rather than warn on first use
        manager.preload_fonts([{"name": "dejavu_sans", "point_size": size, "style": "bold"} for size in (14,)])
        return manager

    def apply_settings(self, settings: Settings) -> None:
        """Switch language, palette, window size or sound; every scene lays itself out again."""
        settings.save(self.data_dir)  # first: if this fails (OSError), nothing has changed yet
        self._use(settings)

    def _use(self, settings: Settings) -> None:
        reopen = (settings.window_size != self.settings.window_size or settings.fullscreen != self.settings.fullscreen)
        self.settings = settings
        i18n.set_language(settings.language)
        pygame.display.set_caption(i18n.t("app.title"))
        self.theme = Theme(settings.colour_blind)
        self.sounds.enabled = settings.sound
        if reopen:
            self.screen = self._open_window()
        self._fit_canvas()
        for scene in self.scenes:
            scene.relayout()
        self.request_redraw()

    # ------------------------------------------------------------------ scenes

    @property
    def scene(self):
        return self.scenes[-1]

    def push(self, scene) -> None:
        self.scenes.append(scene)
        scene.enter()
        self.log("scene", name=type(scene).__name__)
        self.request_redraw()

    def pop(self):
        scene = self.scenes.pop()
        scene.close()
        if self.scenes:
            self.scene.resume()
            self.log("scene", name=type(self.scene).__name__)
        else:
            self.running = False
        self.request_redraw()
        return scene

    def replace(self, scene) -> None:
        """Swap the top scene for `scene`."""
        old = self.scenes.pop()
        old.close()
        self.push(scene)

    def reset_to(self, scene) -> None:
        """Close every scene and start again from `scene` (e.g. back to the title)."""
        while self.scenes:
            self.scenes.pop().close()
        self.push(scene)

    def request_redraw(self) -> None:
        self._redraw = True

    def quit(self) -> None:
        self.running = False

    # ------------------------------------------------------------------ the loop

    def run(self) -> None:
        while self.running and self.scenes:
            self.step()
        pygame.quit()

    def step(self) -> None:
        """One turn of the main loop: gather input, update, draw if anything changed."""
        scene = self.scene
        busy = scene.busy()
        events = pygame.event.get()
        if not busy and not events and self.idle_poll:
            time.sleep(self.idle_poll)
        dt = min(self.clock.tick(FPS if busy else 0) / 1000.0, 0.1)
        now = time.monotonic()
        for event in events:
            if event.type in (pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP, pygame.KEYDOWN,
                              pygame.TEXTINPUT, pygame.MOUSEWHEEL):
                self._last_input = now
                self._tooltip_checked = False
            self._redraw = True
            if self._handle_global(event):
                continue
            self.scene.handle_event(event)
            if not self.running or not self.scenes:
                return
        scene = self.scene
        settled = (not busy and not events and self._tooltip_checked and not scene.has_text_focus()
                   and not scene.dirty)
        if settled:
            return  # nothing moves, nothing hovers, nothing blinks: no update, no drawing
        scene.update(dt)
        if not self._tooltip_checked and now - self._last_input > TOOLTIP_DELAY + 0.1:
            self._tooltip_checked = True
            self._redraw = True
        if scene.has_text_focus() and now >= self._next_caret:
            self._next_caret = now + CARET_BLINK
            self._redraw = True
        if self._redraw or busy or scene.dirty:
            self.draw(partial=not self._redraw)

    def draw(self, partial: bool = False) -> None:
        """Draw the scenes and show the frame. With `partial` (nothing but the scene's own animation
        changed since the last frame: no input, no tooltip, no new scene) and a top scene that says
        what it animated (`Scene.damage`), only those places and the ones animated in the last frame
        are scaled and sent to the screen: at 1920×1080 scaling and sending a whole frame took 4-6 ms."""
        self._draw_scene(len(self.scenes) - 1)
        scene = self.scene
        damage = None if scene.overlay else scene.damage
        last = self._last_damage
        self._last_damage = (scene, damage) if damage is not None else None
        if partial and damage is not None and last is not None and last[0] is scene:
            self._show(list(damage) + list(last[1]))
        else:
            if self._padded is not None:
                self.scale_whole(self.screen)
            pygame.display.flip()
        self._redraw = False
        self.frames_drawn += 1
        if self.frames_drawn == 1:
            self.log("first_frame")

    def scale_whole(self, window: pygame.Surface) -> None:
        """The canvas scaled to the window's size, onto `window`."""
        self._pad()
        pygame.transform.smoothscale(self._padded, self.size, window)

    def _pad(self) -> None:
        """Copy the canvas's last column and row into the padding beside and under it."""
        width, height = self.layout_size
        self._padded.blit(self.canvas.subsurface((width - 1, 0, 1, height)).copy(), (width, 0))
        self._padded.blit(self._padded.subsurface((0, height - 1, width + 1, 1)).copy(), (0, height))

    def _show(self, places: list[pygame.Rect]) -> None:
        """Send these places of the canvas (in layout pixels) to the window, scaled as a whole frame is."""
        bounds = self.canvas.get_rect()
        if self._padded is None:
            pygame.display.update([place.clip(bounds) for place in places])
            return
        (across, down) = self._steps  # window pixels per layout pixel, as fractions p/q
        if across.denominator > 64 or down.denominator > 64:  # a window size with no short repeat: all of it
            self.scale_whole(self.screen)
            pygame.display.flip()
            return
        self._pad()
        shown = []
        for place in places:
            # a layout pixel blends into the window's pixels around its own, so take a pixel's margin; start and
            # end where a layout pixel falls exactly on a window pixel (every q layout pixels for a scale p/q)
            area = place.inflate(2, 2).clip(bounds)
            if not area.width or not area.height:
                continue
            left, right = _aligned(area.left, area.right, across.denominator, bounds.width)
            top, bottom = _aligned(area.top, area.bottom, down.denominator, bounds.height)
            target = pygame.Rect(int(left * across), int(top * down), int((right - left) * across),
                                 int((bottom - top) * down))
            piece = self._padded.subsurface((left, top, right - left + 1, bottom - top + 1))
            pygame.transform.smoothscale(piece, target.size, self.screen.subsurface(target))
            shown.append(target)
        pygame.display.update(shown)

    def _draw_scene(self, index: int) -> None:
        """Draw the scene at `index`; a dialog (an overlay scene) first draws what lies under it."""
        scene = self.scenes[index]
        if scene.overlay and index > 0:
            self._draw_scene(index - 1)
        scene.settle_widgets()
        scene.draw(self.canvas)

    def _handle_global(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.QUIT:
            self.scene.request_quit()
            return True
        if event.type in (pygame.VIDEORESIZE, pygame.WINDOWSIZECHANGED):
            self.screen = pygame.display.get_surface()
            self._fit_canvas()
            if not self.settings.fullscreen and self.size != self.settings.window_size:
                self.settings = self.settings.replace(window_size=self.size)  # reopen at the size it was left
                try:
                    self.settings.save(self.data_dir)
                except OSError:
                    pass  # the window still works; only the next start opens at the old size
            for scene in self.scenes:
                scene.relayout()
            return True
        if event.type == pygame.KEYDOWN and event.key == pygame.K_F12:
            self.screenshot()
            return True
        if event.type == pygame.KEYDOWN and event.key == pygame.K_F11:
            toggled = self.settings.replace(fullscreen=not self.settings.fullscreen)
            try:
                self.apply_settings(toggled)
            except OSError as error:  # the settings cannot be saved: switch for this session only
                self.log("settings_not_saved", problem=str(error))
                self._use(toggled)
            return True
        return False

    def screenshot(self, name: str | None = None) -> Path | None:
        """Save the window as a PNG; None (and a log line) if the folder cannot be written."""
        path = self.screenshot_dir / (name or f"{type(self.scene).__name__}-{int(time.time() * 1000)}.png")
        self.draw()
        try:
            self.screenshot_dir.mkdir(parents=True, exist_ok=True)
            pygame.image.save(self.screen, str(path))
        except (OSError, pygame.error) as error:
            self.log("screenshot_failed", path=str(path), problem=str(error))
            return None
        self.log("screenshot", path=str(path))
        return path

    def log(self, kind: str, **fields) -> None:
        """One JSON line per notable moment, for end-to-end tests driving a real window."""
        if self.e2e_log is None:
            return
        with open(self.e2e_log, "a", encoding="utf-8") as handle:
            handle.write(json.dumps({"event": kind, "t": round(time.monotonic(), 3), **fields}) + "\n")



def _aligned(start: int, end: int, step: int, limit: int) -> tuple[int, int]:
    """`start` down and `end` up to multiples of `step`, within 0 to `limit`."""
    return start - start % step, min(limit, -(-end // step) * step)
