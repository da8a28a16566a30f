"""Bots that break the rules in every way a student's bot might, for the referee tests."""

import time

from game.core import Action


class Crashes:
    def __init__(self, seed):
        pass

    def act(self, observation, legal):
        raise RuntimeError("my bot has a bug")


class Cheats:
    def __init__(self, seed):
        pass

    def act(self, observation, legal):
        return Action("bet", 10**9)  # never legal


class Dawdles:
    def __init__(self, seed):
        pass

    def act(self, observation, legal):
        while True:  # never returns; only the time limit stops it
            time.sleep(0.001)


class NotABot:
    pass
