"""The action log: an immutable sequence that grows without copying, and older states keep theirs."""

from __future__ import annotations

import pickle

import pytest

from game.content import load_scenario
from game.core import apply_action, default_seats, from_json, new_game, sit_in, sit_out, to_json
from game.core.state import ActionLog, LogEntry


@pytest.fixture(scope="module")
def start():
    scenario = load_scenario("classic")
    return new_game(scenario, default_seats(scenario, 3), 7)


def test_an_older_state_keeps_its_log_when_play_goes_on(start):
    first = apply_action(start, sit_in()).state
    second = apply_action(first, sit_in()).state
    assert (len(start.log), len(first.log), len(second.log)) == (0, 1, 2)
    assert [entry.action for entry in second.log] == [sit_in(), sit_in()]
    assert first.log == (LogEntry(start.to_act, sit_in()),)


def test_playing_an_older_state_differently_leaves_the_other_line_alone(start):
    first = apply_action(start, sit_in()).state
    kept = apply_action(first, sit_in()).state
    other = apply_action(first, sit_out()).state
    assert kept.log[-1].action == sit_in() and other.log[-1].action == sit_out()
    assert kept.log[:1] == other.log[:1] == first.log


def test_a_log_equals_the_tuple_of_its_entries_and_hashes_alike(start):
    state = apply_action(start, sit_in()).state
    entries = tuple(state.log)
    assert state.log == entries and entries == state.log and hash(state.log) == hash(entries)
    assert state.log == ActionLog(entries) and state.log != ActionLog()
    assert state.log[0] == state.log[-1] == entries[0]
    with pytest.raises(IndexError, match="out of range"):
        state.log[1]


def test_a_state_with_its_log_survives_json_and_a_log_pickle(start):
    state = apply_action(apply_action(start, sit_in()).state, sit_out()).state
    assert from_json(to_json(state)) == state
    first = apply_action(start, sit_in()).state
    copied = pickle.loads(pickle.dumps(first.log))  # only the entries it sees, not the shared rest
    assert copied == first.log and type(copied) is ActionLog and len(copied._entries) == 1
