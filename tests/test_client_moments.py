"""The game's end told as moments (issue 13): three awards and a one-line story of the race on the
game-over screen, read from the public view and the yearly snapshots."""

from __future__ import annotations

import pygame

from client_support import close_app, make_app, pump
from game.client.scenes.game_over import GameOverScene
from game.client.scenes.moments import race_story
from game.client.scenes.title import TitleScene
from game.content.text import money
from scene_gallery import finished_session


def test_the_game_over_screen_names_the_biggest_spender_the_best_return_and_the_vendors_take(home):
    app = make_app(home)
    pygame.event.clear()
    app.push(TitleScene(app))
    session = finished_session()
    app.push(GameOverScene(app, session))
    pump(app, 2)
    view = session.public_view()
    spender = max(view.firms, key=lambda firm: firm.spent_total)
    best = max((firm for firm in view.firms if firm.spent_total), key=lambda firm: firm.won_total / firm.spent_total)
    lines = app.scene.awards
    assert lines[0] == f"Biggest spender: {spender.name}, {money(spender.spent_total, 'en')} on chips"
    assert lines[1].startswith(f"Best return on compute: {best.name}, ")
    assert lines[2].startswith(f"The vendors' take: {money(view.vendor_take, 'en')}, ")
    assert app.scene.story.startswith(session.standings()[0].name)
    close_app(app)


def rows(*leaders: int) -> list[dict]:
    """Snapshots of two firms, one moment a year from 2024; `leaders` the richer seat at each."""
    return [{"year": 2024 + index, "point": "start", "seat": seat, "cash": 10 if seat == leader else 5,
             "book_value": 0} for index, leader in enumerate(leaders) for seat in (0, 1)]


def test_the_story_says_since_when_the_winner_led():
    assert race_story(rows(0, 0, 0), 0, "Atlas") == "Atlas led the race on net worth from the first year to the last."
    assert race_story(rows(1, 0, 1, 0, 0), 0, "Atlas") == "Atlas took the lead on net worth in 2027 and kept it."
    assert race_story(rows(0, 1), 0, "Atlas").startswith("Atlas won on the founders' share")


def test_the_setup_screen_offers_a_20_minute_game_that_fits_classroom_45_s_timing(home):
    from game.client.scenes.setup import HUMAN, SetupScene
    from menu_support import click as click_menu
    app = make_app(home)
    pygame.event.clear()
    app.push(TitleScene(app))
    app.push(SetupScene(app))
    pump(app, 2)
    click_menu(app, app.scene.twenty_button)
    setup = app.scene
    assert setup.scenario_id == "classroom-45" and setup.scenario.years == 3
    assert [seat.kind == HUMAN for seat in setup.seats] == [True, True, False, False]
    assert len({seat.firm for seat in setup.seats}) == 4 and len({seat.name for seat in setup.seats}) == 4
    close_app(app)
