"""The `random` personality: uniform over the legal action kinds, amounts uniform in range."""

from __future__ import annotations

import random

from game.core import Action, LegalActions, Observation


class RandomBot:
    """Picks a legal action kind uniformly (set_mix only now and then), then a legal amount."""

    name = "random"

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def act(self, observation: Observation, legal: LegalActions) -> Action:
        kinds = [kind for kind in legal.kinds if kind != "set_mix"]
        kind = self.rng.choice(kinds)
        if kind == "bet":
            return Action(kind, self.rng.randint(legal.bet_min, legal.bet_max))
        if kind == "raise":
            return Action(kind, self.rng.randint(legal.raise_min, legal.raise_max))
        if kind == "raise_funds":
            return Action(kind, self.rng.randint(1, legal.raise_funds_max))
        return Action(kind)
