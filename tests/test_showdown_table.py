"""The showdown on the table: each shown hand counted up at its seat with the core's numbers (issue 13,
bug 3: a met condition and the Talent-war doubling were applied but never shown), skippable, instant
at the Instant speed."""

from __future__ import annotations

import pygame

from client_support import make_app, pump, press
from game.client.i18n import t
from game.client.scenes.showdown import ShowdownScene
from game.client.tally import tally
from game.content import load_scenario
from game.content.text import money
from game.core import Action, apply_action, legal_actions, new_game, observe
from game.core import events as ev

HAND = ("open_source_community", "star_researcher")  # +1, or +4 when not the compute leader; and +4


def showdown_with_talent_war():
    """Three firms of the classic scenario; the others buy on AMD (more effective compute per dollar), so
    seat 0 does not lead in effective compute;
    seat 0 holds HAND, and Talent war (talent cards ×2) is the year's first event. Everyone checks to the
    showdown. Returns (state before the last step, that step's events, the year's events)."""
    state = new_game(load_scenario("classic"), ["atlas", "borealis", "cygnus"], 3)
    happened = []
    while state.phase == "ante":
        if state.to_act != 0 and state.firms[state.to_act].amd_pct != 100:
            state, events = apply_action(state, Action("set_mix", 100))
        else:
            state, events = apply_action(state, Action("sit_in"))
        happened += events
    rest = [event for event in state.year_events if event != "talent_war"]
    state = state._replace(hands=(HAND, *state.hands[1:]), year_events=("talent_war", *rest[:3]))
    while True:
        legal = legal_actions(state)
        before = state
        state, events = apply_action(state, Action("check" if legal.can_check else "call"))
        happened += events
        if any(isinstance(event, ev.YearEnded) for event in events):
            return before, events, happened


def test_the_tally_shows_the_met_condition_and_the_talent_war_doubling_and_adds_up_to_the_core():
    before, step_events, _ = showdown_with_talent_war()
    shown = next(event for event in step_events if isinstance(event, ev.CardsShown) and event.seat == 0)
    view = observe(before, 0)
    face_up = ("talent_war", *[event.event for event in step_events if isinstance(event, ev.EventRevealed)])
    steps = tally(view, shown, face_up, step_events)
    cards = {step.card: step for step in steps if step.kind == "card"}
    community, star = cards["open_source_community"], cards["star_researcher"]
    assert community.points == 8 and star.points == 8  # (1 → 4) × 2 and 4 × 2
    assert community.notes == ("+4: not the compute leader", "×2 Talent war")
    assert star.notes == ("×2 Talent war",)
    assert steps[0].kind == "compute" and steps[0].points == shown.compute_points
    assert abs(steps[-1].running - shown.capability) < 1e-6  # the core's total, step by step
    assert not any(step.points == 0 and step.kind == "event" for step in steps)  # no "market events +0.0"


def test_the_showdown_counts_up_at_the_seats_and_a_key_skips_to_the_pots(home):
    before, step_events, happened = showdown_with_talent_war()
    app = make_app(home, animation_speed="normal")
    shown = [event for event in step_events if isinstance(event, ev.CardsShown)]
    names = [firm.name for firm in before.firms]
    scene = ShowdownScene(app, before.scenario, names, shown, happened, table=observe(before, 0),
                          step_events=step_events)
    app.push(scene)
    pump(app, 1)
    assert not scene.finished and scene.busy()
    assert scene.next_button.text == t("tally.skip")
    panel = scene.panel_rect(0)
    assert panel.colliderect(scene.layout.seats[0])  # counted at its own seat, not on a page of its own
    press(app, pygame.K_SPACE, 1)
    assert scene.finished and app.scene is scene  # the first press skips to the end of the count
    assert scene.next_button.text == t("showdown.next")
    drawn = []
    text = app.theme.text
    app.theme.text = lambda string, *args, **kwargs: drawn.append(string) or text(string, *args, **kwargs)
    app.draw()
    app.theme.text = text
    pot = next(event for event in happened if isinstance(event, ev.PotAwarded))
    assert t("tally.won", amount=money(pot.shares[0], "en")) in drawn  # the pot landed at its winner
    press(app, pygame.K_SPACE, 1)
    assert scene not in app.scenes  # the second goes on


def test_at_instant_speed_the_showdown_is_counted_at_once(home):
    before, step_events, happened = showdown_with_talent_war()
    app = make_app(home)  # instant animations
    shown = [event for event in step_events if isinstance(event, ev.CardsShown)]
    scene = ShowdownScene(app, before.scenario, [firm.name for firm in before.firms], shown, happened,
                          table=observe(before, 0), step_events=step_events)
    app.push(scene)
    pump(app, 1)
    assert scene.finished and not scene.busy()
    assert scene.steps_landed() == scene.steps
