"""Versioned JSON for states, actions and hand histories; bad documents are refused clearly."""

import json

import pytest

from game.core import (
    CodecError, History, apply_action, bet, from_json, history_of, new_game, sit_in, to_json,
)
from game.core.actions import Action
from game.core.codec import RULES_VERSION
from support import make_scenario, play, start


def mid_game():
    state, _ = play(start(3), sit_in(), sit_in(), sit_in(), bet(200))
    return state


def test_state_round_trips_exactly():
    state = mid_game()
    text = to_json(state)
    assert from_json(text) == state
    assert json.loads(text)["format"] == "table-stakes/state" and json.loads(text)["version"] == 1


def test_action_and_history_round_trip():
    assert from_json(to_json(bet(300))) == bet(300)
    history = history_of(mid_game())
    again = from_json(to_json(history))
    assert isinstance(again, History) and again == history and again.replay() == mid_game()


def test_a_resumed_state_plays_on_like_the_original():
    state = mid_game()
    resumed = from_json(to_json(state))
    assert apply_action(resumed, Action("call")) == apply_action(state, Action("call"))


@pytest.mark.parametrize("mutate, words", [
    (lambda d: d.update(version=2), "newer than this program"),
    (lambda d: d.update(version="one"), "not supported"),
    (lambda d: d.update(format="something-else"), "not a Table Stakes document"),
    (lambda d: d.pop("firms"), "'firms': is missing"),
    (lambda d: d.pop("scenario"), "'scenario': is missing"),
    (lambda d: d["firms"][0].update(cash=-5), "'firms[0].cash'"),
    (lambda d: d["firms"][1].update(cash="lots"), "'firms[1].cash': expected a whole number"),
    (lambda d: d.update(phase="dancing"), "unknown phase"),
    (lambda d: d.update(to_act=11), "'to_act'"),
    (lambda d: d["hands"].__setitem__(0, ["no-such-card", "blank"]), "no R&D card 'no-such-card'"),
    (lambda d: d["scenario"]["rules"].update(betting="wild"), "rules.betting"),
    (lambda d: d["log"][0].update(action={"kind": "dance", "amount": None}), "unknown action kind"),
])
def test_corrupt_state_documents_are_refused_with_the_field_named(mutate, words):
    doc = json.loads(to_json(mid_game()))
    mutate(doc)
    with pytest.raises(CodecError) as refused:
        from_json(json.dumps(doc))
    assert words in str(refused.value)


@pytest.mark.parametrize("text", ["", "{", "[1, 2]", "null", '{"format": "table-stakes/state"}', "\x00"])
def test_garbage_is_refused(text):
    with pytest.raises(CodecError):
        from_json(text)


def test_history_needs_its_actions():
    doc = json.loads(to_json(history_of(new_game(make_scenario(), ["f0", "f1"], 1))))
    del doc["actions"]
    with pytest.raises(CodecError, match="'actions': is missing"):
        from_json(json.dumps(doc))


def test_saves_and_histories_record_the_rules_version():
    assert json.loads(to_json(mid_game()))["rules"] == RULES_VERSION == 2
    assert json.loads(to_json(history_of(mid_game())))["rules"] == RULES_VERSION


@pytest.mark.parametrize("document", ["state", "history"])
def test_a_file_from_the_old_rules_is_refused_with_a_message_that_says_so(document):
    played = mid_game()
    doc = json.loads(to_json(played if document == "state" else history_of(played)))
    del doc["rules"]  # files written before Economy v2 carry no rules version: rules 1
    with pytest.raises(CodecError, match="played under rules version 1.*would replay it to a different result"):
        from_json(json.dumps(doc))


@pytest.mark.parametrize("rules, words", [(3, "newer than this program's 2"), ("2", "'rules': expected"),
                                          (True, "'rules': expected")])
def test_a_file_from_newer_or_unknown_rules_is_refused(rules, words):
    doc = json.loads(to_json(history_of(mid_game())))
    doc["rules"] = rules
    with pytest.raises(CodecError, match=words):
        from_json(json.dumps(doc))


def test_a_seats_view_and_legal_actions_round_trip_through_json_at_every_step():
    """The view document (a bot's own process reads it; no pickle) gives back the same observation and
    legal actions, for every seat and the public, through whole games of every betting structure."""
    import random

    from game.content import load_scenario
    from game.core import default_seats, legal_actions, observe
    from game.core.codec import view_from_json, view_to_json

    for name in ("classic", "classroom-45", "export-controls"):
        scenario = load_scenario(name)
        state = new_game(scenario, default_seats(scenario, 4), 3)
        rng = random.Random(3)
        while not state.is_over:
            legal = legal_actions(state)
            for viewer in (state.to_act, None):
                observation = observe(state, viewer)
                again, legal_again = view_from_json(view_to_json(observation, legal), scenario)
                assert again == observation
                assert legal_again._replace(why_no_raise="") == legal._replace(why_no_raise="")
                assert legal_again.no_raise_reason == str(legal.no_raise_reason)
                assert list(legal_again) == list(legal)
            state = apply_action(state, rng.choice(list(legal))).state


@pytest.mark.parametrize("damage", [
    lambda doc: doc["observation"].pop("firms"),
    lambda doc: doc["observation"]["firms"][0].update(status="asleep"),
    lambda doc: doc["legal"].update(kinds=["fold", "teleport"]),
    lambda doc: doc.update(format="table-stakes/state"),
])
def test_a_damaged_view_document_is_refused(damage):
    from game.core import legal_actions, observe
    from game.core.codec import view_from_json, view_to_json

    state = mid_game()
    doc = json.loads(view_to_json(observe(state, state.to_act), legal_actions(state)))
    damage(doc)
    with pytest.raises(CodecError):
        view_from_json(json.dumps(doc), state.scenario)
