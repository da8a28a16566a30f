"""Asks a bot for its action and keeps the run going whatever the bot does.

A bot that raises (an exception, or `sys.exit`, `KeyboardInterrupt` and the like), returns
something that is not a legal action, or takes longer than its time limit gets `pass_action` for
that decision (check if it can, else fold; sit out in the ante round), and the incident is
counted. A bot whose constructor fails passes every decision of its game. A real Ctrl-C still
stops the program: the referee tells it apart from a bot raising `KeyboardInterrupt` itself.
"""

from __future__ import annotations

import signal
import threading
import time
from collections import Counter
from collections.abc import Callable
from contextlib import contextmanager

from game.core import Action, LegalActions, Observation

from .base import pass_action

RAISED, ILLEGAL, TIMEOUT = "raised", "illegal", "timeout"
EXITED = "exited"  # the bot raised SystemExit, KeyboardInterrupt, GeneratorExit or another BaseException
UNBUILT = "unbuilt"  # the bot's constructor failed: it passes every decision of the game


class BotFailure(Exception):
    """Raised by a stand-in for a bot (e.g. one in another process) to say how the bot failed."""

    def __init__(self, incident: str) -> None:
        super().__init__(incident)
        self.incident = incident


class _TimeUp(BaseException):
    """Raised inside a bot that ran past its limit (BaseException, so `except Exception` in
    the bot's own code does not swallow it)."""


def _time_up(signum, frame):
    raise _TimeUp


@contextmanager
def _time_limit(seconds: float | None):
    """Interrupt the block after `seconds` with SIGALRM where that is possible (main thread,
    Unix); elsewhere the block runs to the end and its time is checked afterwards."""
    if not seconds or not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return
    if signal.getsignal(signal.SIGALRM) is not _time_up:
        signal.signal(signal.SIGALRM, _time_up)  # installed once; only armed while a bot thinks
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


_ctrl_c_pressed = False


def _on_ctrl_c(signum, frame):
    global _ctrl_c_pressed
    _ctrl_c_pressed = True
    raise KeyboardInterrupt


def _watch_ctrl_c() -> None:
    """Replace Python's own SIGINT handler with one that also notes the key was pressed (where the
    handler is still Python's: a worker that ignores SIGINT keeps ignoring it)."""
    in_main_thread = threading.current_thread() is threading.main_thread()
    if in_main_thread and signal.getsignal(signal.SIGINT) is signal.default_int_handler:
        signal.signal(signal.SIGINT, _on_ctrl_c)


def _reraise_ctrl_c(error: BaseException) -> None:
    """A KeyboardInterrupt from the keyboard stops the program; one a bot raised is its failure."""
    if isinstance(error, KeyboardInterrupt) and _ctrl_c_pressed:
        raise error


class Referee:
    """Runs one seat's bot: `decide` always returns a legal action; `incidents` counts failures."""

    def __init__(self, bot: object, time_limit: float | None, broken: str | None = None) -> None:
        self.bot = bot
        self.time_limit = time_limit
        self.broken = broken  # the incident every decision counts when there is no working bot
        # a stand-in that keeps its own time (e.g. a bot in another process) is not interrupted here
        self._alarm = None if getattr(bot, "keeps_own_time", False) else time_limit
        self.incidents: Counter[str] = Counter()
        self.last_incident: str | None = None  # what replaced the last decision's action (None: the bot's own)
        self.decisions = 0
        self.seconds = 0.0
        _watch_ctrl_c()

    @classmethod
    def build(cls, factory: Callable[[int], object], seed: int, time_limit: float | None) -> Referee:
        """Build the bot from its seed within its time limit; if that fails, a referee that passes for it."""
        global _ctrl_c_pressed
        _watch_ctrl_c()
        _ctrl_c_pressed = False
        try:
            with _time_limit(None if getattr(factory, "keeps_own_time", False) else time_limit):
                bot = factory(seed)
        except BotFailure as failure:
            return cls(None, time_limit, broken=failure.incident)
        except BaseException as error:  # noqa: BLE001 — whatever the constructor does costs only its game
            _reraise_ctrl_c(error)
            return cls(None, time_limit, broken=UNBUILT)
        return cls(bot, time_limit)

    def decide(self, observation: Observation, legal: LegalActions) -> Action:
        global _ctrl_c_pressed
        self.decisions += 1
        self.last_incident = None
        if self.broken:
            return self._failed(self.broken, legal, 0.0, timed=False)
        start = time.perf_counter()
        _ctrl_c_pressed = False
        try:
            with _time_limit(self._alarm):
                action = self.bot.act(observation, legal)
        except _TimeUp:
            return self._failed(TIMEOUT, legal, start)
        except BotFailure as failure:
            return self._failed(failure.incident, legal, start)
        except Exception:  # any error in the bot's own code costs it this decision, not the run
            return self._failed(RAISED, legal, start)
        except BaseException as error:  # noqa: BLE001 — sys.exit and the like too, but not a real Ctrl-C
            _reraise_ctrl_c(error)
            return self._failed(EXITED, legal, start)
        elapsed = time.perf_counter() - start
        self.seconds += elapsed
        if self._alarm and elapsed > self._alarm:
            return self._failed(TIMEOUT, legal, start, timed=False)
        if not isinstance(action, Action) or action not in legal:
            return self._failed(ILLEGAL, legal, start, timed=False)
        return action

    def _failed(self, incident: str, legal: LegalActions, start: float, *, timed: bool = True) -> Action:
        if timed:
            self.seconds += time.perf_counter() - start
        self.incidents[incident] += 1
        self.last_incident = incident
        return pass_action(legal)
