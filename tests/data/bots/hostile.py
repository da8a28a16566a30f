"""Bots that try to end, hang or crash the run itself, for the headless robustness tests."""

import os
import sys
import time

from game.core import Action


class Exits:
    def __init__(self, seed):
        pass

    def act(self, observation, legal):
        sys.exit("my bot quits")


class Interrupts:
    def __init__(self, seed):
        pass

    def act(self, observation, legal):
        raise KeyboardInterrupt


class ClosesGenerator:
    def __init__(self, seed):
        pass

    def act(self, observation, legal):
        raise GeneratorExit


class FailsToStart:
    def __init__(self, seed):
        raise ValueError("my constructor has a bug")

    def act(self, observation, legal):
        return Action("check")


class Stubborn:
    """Catches everything, the time limit's interruption included, and keeps sleeping."""

    def __init__(self, seed):
        pass

    def act(self, observation, legal):
        while True:
            try:
                time.sleep(0.01)
            except BaseException:  # noqa: BLE001 — the point of this bot
                pass


class Vanishes:
    """Ends its whole process at its first decision."""

    def __init__(self, seed):
        pass

    def act(self, observation, legal):
        os._exit(3)


class Snoops:
    """Looks for the game's state through the interpreter: an illegal bet if it finds one (so the
    referee counts it), else checks, sits in or folds."""

    def __init__(self, seed):
        pass

    def act(self, observation, legal):
        import gc

        from game.core.state import State

        if any(isinstance(thing, State) for thing in gc.get_objects()):
            return Action("bet", 10**9)
        if "check" in legal.kinds:
            return Action("check")
        return Action("sit_in") if "sit_in" in legal.kinds else Action("fold")


class SlowToStart:
    """Takes far longer than a decision's time limit to build."""

    def __init__(self, seed):
        time.sleep(30)

    def act(self, observation, legal):
        return Action("check")
