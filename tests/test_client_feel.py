"""The UI bugs of issue 13 outside the table (part C): the log after a switch of language, plurals,
numbers that wrap with their unit, Escape on the year summary, one date format, the window sizes in
order, and the knock-out screen when no person is left in the race."""

from __future__ import annotations

import pygame
import pytest

from client_support import click, close_app, make_app, press, pump
from game.client.log_lines import log_line, log_texts
from game.client.scenes.game_over import GameOverScene
from game.client.scenes.knocked_out import KnockedOutScene
from game.client.scenes.pause import PauseScene
from game.client.scenes.table import TableScene
from game.client.scenes.year_summary import YearSummaryScene
from game.client.theme import font
from game.content import load_scenario
from game.content.files import histories_dir
from game.content.saves import HISTORY, SeatPlayer, to_json
from game.core import ActionKind, sit_out
from game.core import events as ev
from scene_gallery import finished_session, first_year_with_showdown

BOTS = [SeatPlayer("Bot A", "steady"), SeatPlayer("Bot B", "aggressive"), SeatPlayer("Bot C", "cautious")]


@pytest.fixture
def app(home):
    application = make_app(home)
    pygame.event.clear()
    yield application
    close_app(application)


def test_older_log_lines_change_language_with_the_game(app):
    from game.session import Session
    session = Session.new(load_scenario("classic"), BOTS, 3, time_limit=None)
    app.push(TableScene(app, session))
    table = app.scene
    for _ in range(2000):  # the bots play; the pages between years are read at once
        if sum("begins." in line for line in log_texts(table.log)) >= 3:
            break
        if app.scene is table:
            pump(app, 1)
        else:
            app.pop()
    app.apply_settings(app.settings.replace(language="de"))
    german = log_texts(table.log)[1:]  # the first line is the table's own greeting
    assert not any("begins." in line for line in german)
    assert sum("beginnt" in line for line in german) >= 3


def test_one_winner_wins_the_market_and_two_share_it(app):
    scenario = load_scenario("classic")
    names = ["Ada", "Bo"]
    assert log_line(ev.PotAwarded(0, 5000, (0,), (5000,)), scenario, names) == "Ada wins the market: $5,000M."
    assert log_line(ev.PotAwarded(1, 800, (0, 1), (400, 400)), scenario, names) == \
        "Ada, Bo share side pot 1: $800M."


def test_a_number_and_its_percent_sign_wrap_as_one_word(app):
    text = "aaaa bbbb 65 % cc"
    width = font(16).size("aaaa bbbb 65 ")[0] + 1  # room for the number and a space, not for its unit
    wrapped = app.theme.text(text, 16, (255, 255, 255), width=width)
    first_line = wrapped.subsurface((0, 0, wrapped.get_width(), font(16).get_linesize() - 1)).get_bounding_rect()
    assert first_line.width < font(16).size("aaaa bbbb")[0] + 4  # "65" went down with its "%"


def _table_with_summary(app, session):
    app.push(TableScene(app, session))
    scenario, names, _, year_events = first_year_with_showdown()
    year = next(event.year for event in year_events if isinstance(event, ev.YearEnded))
    app.push(YearSummaryScene(app, scenario, names, year, year_events))
    pump(app, 2)
    return app.scene


def test_escape_on_the_year_summary_opens_the_pause_menu_and_skips_nothing(app):
    from game.session import Session
    summary = _table_with_summary(app, Session.new(load_scenario("classic"), BOTS, 3, time_limit=None))
    press(app, pygame.K_ESCAPE)
    assert isinstance(app.scene, PauseScene)
    assert summary in app.scenes  # still there under the menu
    press(app, pygame.K_ESCAPE)
    assert app.scene is summary


def test_load_and_replays_show_a_save_s_date_in_the_same_format(home):
    from game.client.scenes.load import LoadScene
    from game.client.scenes.replay import ReplayScene
    session = finished_session()
    session.save_new()
    (histories_dir() / "game.json").write_text(to_json(session.history()), encoding="utf-8")
    for language, pattern in (("en", "%d %b %Y, %H:%M"), ("de", "%d.%m.%Y, %H:%M")):
        app = make_app(home, language=language)
        for scene_class in (LoadScene, ReplayScene):
            app.push(scene_class(app))
            pump(app, 1)
            scene = app.scene
            files = scene.listing.saves if scene_class is LoadScene else scene.listing.files
            dated = [(file, item) for file, item in zip(files, scene.file_list_widget.item_list, strict=True)
                     if file.kind != HISTORY]  # a hand history's line names no date
            assert dated
            for file, item in dated:
                assert file.saved_at.astimezone().strftime(pattern) in item["text"], (language, scene_class)
            app.pop()
        close_app(app)


def test_the_window_sizes_are_listed_smallest_first(app):
    from game.client.scenes.settings import SettingsScene
    app = make_app(app.data_dir, window_size=(1500, 800))
    app.push(SettingsScene(app))
    sizes = [tuple(map(int, ident.split("x"))) for _, ident in app.scene.size_menu.options_list]
    assert sizes == sorted(sizes) and (1500, 800) in sizes and len(sizes) == 5
    close_app(app)


def knocked_out_session():
    """Ada (a person) and two bots; Ada sits out two years running, so she is out of the race."""
    from game.session import Session
    session = Session.new(load_scenario("classic"), [SeatPlayer("Ada"), *BOTS[:2]], 3, time_limit=None)
    while session.public_view().firms[0].exit_year == 0:
        if session.is_human_turn:
            legal = session.legal()
            session.apply(sit_out() if any(a.kind == ActionKind.SIT_OUT for a in legal)
                          else next(iter(legal)))
        else:
            session.bot_step()
    assert not session.is_over
    return session


def test_when_no_person_is_left_the_year_s_end_offers_to_skip_to_the_results(app):
    session = knocked_out_session()
    _table_with_summary(app, session)
    press(app, pygame.K_RETURN)
    knocked = app.scene
    assert isinstance(knocked, KnockedOutScene) and knocked.names == ["Ada"]
    click(app, knocked.skip_button)
    assert session.is_over
    assert isinstance(app.scene, GameOverScene)


def test_watching_the_bots_goes_back_to_the_table(app):
    session = knocked_out_session()
    _table_with_summary(app, session)
    press(app, pygame.K_RETURN)
    click(app, app.scene.watch_button)
    assert isinstance(app.scene, TableScene) and not session.is_over
