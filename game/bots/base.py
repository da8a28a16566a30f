"""The bot API: a bot sees an observation and the legal actions, never the state.

A bot is any class whose instances have `act(observation, legal) -> Action`; it is
built with one argument, its own seed. Subclass `Bot` to get a seeded generator
(`self.rng`) and a default `name`. A bot may keep whatever memory it likes between
its turns; the runner creates one instance per seat per game.
"""

from __future__ import annotations

import random

from game.core import Action, LegalActions, Observation, check, fold, sit_out


class Bot:
    """Base class for bots: `self.rng` is a `random.Random` seeded for this seat and game."""

    name = "bot"

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.rng = random.Random(seed)

    def act(self, observation: Observation, legal: LegalActions) -> Action:
        raise NotImplementedError


def pass_action(legal: LegalActions) -> Action:
    """The action taken for a bot that failed: check if it can, else fold; in the ante round, sit out."""
    if legal.can_check:
        return check()
    if legal.can_fold:
        return fold()
    return sit_out()
