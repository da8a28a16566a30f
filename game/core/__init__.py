"""The rules core of Table Stakes: a pure, deterministic engine.

Everything else (bots, the headless runner, the pygame client) uses only this API:

>>> from game.content import load_scenario
>>> from game.core import new_game, legal_actions, apply_action, observe, sit_in
>>> state = new_game(load_scenario("classic"), ["atlas", "borealis", "cygnus"], seed=7)
>>> legal = legal_actions(state)
>>> sit_in() in legal
True
>>> state, events = apply_action(state, sit_in())
>>> observe(state, 0).firms[0].cash < observe(state, 1).firms[1].cash
True

The core imports no pygame and no numpy and does no I/O: files are read by
`game.content`, which hands the core plain data.
"""

from .actions import (
    Action, ActionKind, all_in, bet, call, check, fold, parse_action, raise_funds, raise_to, set_mix, sit_in, sit_out,
)
from .cards import Capability, capability
from .codec import History, from_json, history_of, to_json
from .errors import (
    CodecError, IllegalActionError, Money, Problem, RulesVersionError, ScenarioError, SetupError, TableStakesError,
)
from .legal import LegalActions, legal_actions
from .legality import pot_shown
from .observation import FirmView, Observation, hand_capability, observe
from .rules import Standing, Step, advance, apply_action, default_seats, does_not_replay, new_game, replay, standings
from .scenario import Betting, Scenario, parse_scenario
from .state import Phase, State, Status


def clone(state: State) -> State:
    """A copy of `state`. States are immutable values, so the copy shares their parts safely."""
    return state._replace()


__all__ = [
    "Action", "ActionKind", "Betting", "Capability", "CodecError", "FirmView", "History", "IllegalActionError",
    "LegalActions", "Money", "Observation", "Phase", "Problem", "RulesVersionError", "Scenario", "ScenarioError",
    "SetupError", "Standing", "State", "Status", "Step", "TableStakesError", "advance", "all_in", "apply_action", "bet",
    "call", "capability", "check", "clone", "default_seats", "does_not_replay", "fold", "from_json", "hand_capability",
    "history_of", "legal_actions", "new_game", "observe", "parse_action", "parse_scenario", "pot_shown",
    "raise_funds", "raise_to", "replay", "set_mix", "sit_in", "sit_out", "standings", "to_json",
]
