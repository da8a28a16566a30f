"""Asks a bot for its action and keeps the run going whatever the bot does.

A bot that raises, returns something that is not a legal action, or takes longer than
its time limit gets `pass_action` for that decision (check if it can, else fold; sit
out in the ante round), and the incident is counted.
"""

from __future__ import annotations

import signal
import threading
import time
from collections import Counter
from contextlib import contextmanager

from game.core import Action, LegalActions, Observation

from .base import pass_action

RAISED, ILLEGAL, TIMEOUT = "raised", "illegal", "timeout"


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


class Referee:
    """Runs one seat's bot: `decide` always returns a legal action; `incidents` counts failures."""

    def __init__(self, bot: object, time_limit: float | None) -> None:
        self.bot = bot
        self.time_limit = time_limit
        self.incidents: Counter[str] = Counter()
        self.last_incident: str | None = None  # what replaced the last decision's action (None: the bot's own)
        self.decisions = 0
        self.seconds = 0.0

    def decide(self, observation: Observation, legal: LegalActions) -> Action:
        self.decisions += 1
        self.last_incident = None
        start = time.perf_counter()
        try:
            with _time_limit(self.time_limit):
                action = self.bot.act(observation, legal)
        except _TimeUp:
            return self._failed(TIMEOUT, legal, start)
        except Exception:  # any error in the bot's own code costs it this decision, not the run
            return self._failed(RAISED, legal, start)
        elapsed = time.perf_counter() - start
        self.seconds += elapsed
        if self.time_limit and elapsed > self.time_limit:
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
