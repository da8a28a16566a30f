"""A bot that tries every way to cheat through what it is given (tests/test_no_cheating.py).

It records which tricks worked in `worked` and otherwise checks or folds.
"""

from __future__ import annotations

import dataclasses

from game.bots import Bot, pass_action
from game.core import Action, LegalActions, Observation


def _tricks(observation: Observation):
    """(name, attempt) pairs; each attempt tries to change the game through the observation."""
    scenario = observation.scenario
    card = next(iter(scenario.rd_cards.values()))
    event = next(iter(scenario.events.values()))
    return [
        ("rewrite a card's points",
         lambda: scenario.rd_cards.__setitem__(card.id, dataclasses.replace(card, points=10))),
        ("add a card", lambda: scenario.rd_cards.update({"ace": card})),
        ("drop an event", lambda: scenario.events.pop(event.id)),
        ("edit a card title", lambda: card.title.__setitem__("en", "mine")),
        ("set a card's points", lambda: setattr(card, "points", 10)),
        ("edit the rules in the source", lambda: scenario.source["rules"].__setitem__("compute_weight", 9.0)),
        ("edit the decks in the source", lambda: scenario.source["rd_cards"].append({})),
        ("edit the notes", lambda: scenario.notes.__setitem__("en", ("mine",))),
        ("swap a firm profile", lambda: scenario.profiles_by_id.__setitem__("x", None)),
        ("change the ante", lambda: setattr(scenario, "ante", (1,) * scenario.years)),
        ("append to the log", lambda: observation.log.append(None)),
    ]


class CheatingBot(Bot):
    def __init__(self, seed: int) -> None:
        super().__init__(seed)
        self.worked: list[str] = []

    def act(self, observation: Observation, legal: LegalActions) -> Action:
        for name, attempt in _tricks(observation):
            try:
                attempt()
            except (TypeError, AttributeError, dataclasses.FrozenInstanceError):
                continue
            self.worked.append(name)
        return pass_action(legal)
