"""The state records' fast copy helpers: the rules build every next state with them."""

from __future__ import annotations

import pytest

from game.content import load_scenario
from game.core import default_seats, new_game
from game.core.state import Firm, State, evolve, setter


@pytest.fixture(scope="module")
def state() -> State:
    scenario = load_scenario("classic")
    return new_game(scenario, default_seats(scenario, 3), 7)


def test_a_setter_copies_the_record_with_only_the_named_fields_changed(state):
    set_turn = setter(State, "to_act", "acted", "log")
    before = tuple(state)
    changed = set_turn(state, 2, 0b101, ())
    assert type(changed) is State
    assert (changed.to_act, changed.acted, changed.log) == (2, 0b101, ())
    assert changed == state._replace(to_act=2, acted=0b101, log=())
    assert changed == evolve(state, to_act=2, acted=0b101, log=())
    assert tuple(state) == before  # the original is untouched
    firm = state.firms[0]
    assert setter(Firm, "cash")(firm, 1) == firm._replace(cash=1)


@pytest.mark.parametrize("names", [("no_such_field",), ("acted", "acted")])
def test_a_setter_refuses_unknown_or_repeated_fields(names):
    with pytest.raises(ValueError, match="fields must be distinct and known"):
        setter(State, *names)
