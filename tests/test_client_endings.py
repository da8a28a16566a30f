"""The end of a game and the rules pages: the game-over scene with its debrief charts, the
debrief data behind them (game.debrief), and How to play, driven headless.

Screenshots go to $TABLE_STAKES_SCREENSHOT_DIR when it is set (the ones in docs/screenshots/
were made that way), else into the test's temporary folder.
"""

from __future__ import annotations

import math

import pygame
import pytest

from client_support import click, close_app, docs_app, make_app, press, pump
from game.client.scenes.game_over import GameOverScene
from game.client.scenes.how_to_play import PAGES, HowToPlayScene, scenario_figures
from game.content import load_scenario
from game.content.text import money, percent
from game.content.saves import SeatPlayer
from game.core import apply_action, history_of, legal_actions, new_game, observe, sit_in, sit_out
from game.core import bet, call, check
from game.debrief import END, NOW, START, public_capability, series, yearly_snapshots
from game.session import Session
from support import make_scenario

BOTS = [SeatPlayer("Bot Steady", "steady"), SeatPlayer("Bot Bold", "aggressive"),
        SeatPlayer("Bot Careful", "cautious"), SeatPlayer("Bot Dice", "random")]


@pytest.fixture
def app(home):
    application = docs_app(home)
    yield application
    close_app(application)


def finished_game(seed: int = 5) -> tuple[Session, dict[int, list[int]]]:
    """A whole game of bots through the session, and each year's cash per seat as seen live at the
    year's first decision."""
    session = Session.new(load_scenario("classic"), BOTS, seed, time_limit=None)
    seen = {session.state.year: [firm.cash for firm in session.state.firms]}
    while not session.is_over:
        session.bot_step()
        view = session.public_view()
        if view.phase == "ante" and view.year not in seen:
            seen[view.year] = [firm.cash for firm in view.firms]
    return session, seen


@pytest.fixture(scope="module")
def game_played():
    return finished_game()


# --------------------------------------------------------------------------- debrief

def test_snapshots_one_row_per_firm_per_year_start_plus_the_end(game_played):
    session, seen = game_played
    rows = yearly_snapshots(session.history())
    firms = len(session.state.firms)
    starts = [row for row in rows if row["point"] == START]
    ends = [row for row in rows if row["point"] == END]
    assert len(starts) == firms * len(seen) and len(ends) == firms
    assert len(rows) == len(starts) + len(ends)
    assert sorted({row["year"] for row in starts}) == sorted(seen)
    for year, cash in seen.items():  # cash at each year's start matches the live game's states
        assert [row["cash"] for row in starts if row["year"] == year] == cash
    final = session.state
    assert [row["cash"] for row in ends] == [firm.cash for firm in final.firms]
    assert {row["year"] for row in ends} == {final.year}
    ranked = {standing.seat: standing for standing in session.standings()}
    view = observe(final, None)
    for row in ends:
        assert row["score"] == ranked[row["seat"]].score
        assert row["net_worth"] == ranked[row["seat"]].net_worth
        assert row["compute"] == view.firms[row["seat"]].effective_compute
        assert row["capability"] == pytest.approx(
            view.compute_weight * 10 * math.log10(max(1.0, row["compute"])))
        assert row["firm"] == final.firms[row["seat"]].name


def test_snapshot_rows_are_in_time_then_seat_order(game_played):
    rows = yearly_snapshots(game_played[0].history())
    keys = [(row["year"] + (row["point"] == END), row["seat"]) for row in rows]
    assert keys == sorted(keys)


def test_public_capability_is_the_scaling_law_term():
    assert public_capability(0, 1.0) == 0.0
    assert public_capability(10_000, 1.0) == pytest.approx(40.0)
    assert public_capability(100_000, 0.7) == pytest.approx(35.0)


def _play_until_over(state, choose):
    while not state.is_over:
        state = apply_action(state, choose(state, legal_actions(state))).state
    return state


def test_snapshots_of_a_game_won_by_agi_in_its_first_year():
    scenario = make_scenario(rules__race_mode=True, rules__agi_threshold_h100e=150.0)
    state = new_game(scenario, ["f0", "f1"], 3)

    def choose(state, legal):  # both sit in; the first bets the minimum, the other calls; then checks
        if legal.can_sit_in:
            return sit_in()
        if legal.can_bet and state.quarter == 1:
            return bet(legal.bet_min)
        return call() if legal.can_call else check()

    final = _play_until_over(state, choose)
    assert final.over_reason == "agi" and final.year == 2024
    rows = yearly_snapshots(history_of(final))
    assert [(row["year"], row["point"]) for row in rows] == [(2024, START)] * 2 + [(2024, END)] * 2
    assert [row["cash"] for row in rows[2:]] == [firm.cash for firm in final.firms]
    assert all(row["compute"] >= 150 for row in rows[2:])


def test_snapshots_of_a_game_ended_by_one_firm_left():
    state = new_game(make_scenario(), ["f0", "f1"], 4)
    final = _play_until_over(state, lambda state, legal: sit_in() if state.to_act == 0 else sit_out())
    assert final.over_reason == "one_firm_left"
    rows = yearly_snapshots(history_of(final))
    assert [(row["year"], row["point"], row["seat"]) for row in rows] == [
        (2024, START, 0), (2024, START, 1), (2025, START, 0), (2025, START, 1), (2025, END, 0), (2025, END, 1)]
    assert [row["status"] for row in rows[-2:]] == ["active", "exited"]
    assert [row["cash"] for row in rows[-2:]] == [firm.cash for firm in final.firms]
    lines = series(rows, "cash")
    assert lines[0][0] == [2024.0, 2025.0, 2026.0]  # the end of 2025 sits where 2026 would start
    assert lines[1][0] == [2024.0, 2025.0, 2026.0]  # the firm that left: its line stops there


def test_snapshots_of_an_unfinished_game_end_with_now():
    state = new_game(make_scenario(), ["f0", "f1"], 5)
    state = apply_action(state, sit_in()).state
    rows = yearly_snapshots(history_of(state))
    assert [row["point"] for row in rows] == [START, START, NOW, NOW]
    assert rows[-2]["cash"] == state.firms[0].cash


# --------------------------------------------------------------------------- game over

def open_game_over(app, session):
    calls = []
    original = GameOverScene._chart

    def counting(scene, name, size):
        calls.append(name)
        return original(scene, name, size)

    GameOverScene._chart = counting
    try:
        from game.client.scenes.title import TitleScene
        app.push(TitleScene(app))
        app.replace(GameOverScene(app, session))
        pump(app, 3)
    finally:
        GameOverScene._chart = original
    return app.scene, calls


def test_game_over_shows_the_standings_and_charts_rendered_once(app, game_played):
    session, _ = game_played
    scene, calls = open_game_over(app, session)
    assert isinstance(scene, GameOverScene)
    app.screenshot("game_over.png")
    standings = session.standings()
    shown = scene.table_rows
    assert [row["seat"] for row in shown] == [standing.seat for standing in standings]
    for row, standing in zip(shown, standings, strict=True):
        assert row["rank"] == str(standing.rank)
        assert row["firm"] == standing.name
        assert row["score"] == money(standing.score, "en")
        assert row["net_worth"] == money(standing.net_worth, "en")
        assert session.players[standing.seat].name in row["player"]
        assert ("left" in row["marks"]) == standing.exited
    assert sorted(calls) == ["capability", "cash", "compute"]  # one render per chart
    for name, rect in scene.chart_rects.items():
        chart = scene.charts[name]
        assert chart.get_size() == rect.size
        colours = {tuple(chart.get_at((x, y))) for x in range(0, rect.width, 3) for y in range(0, rect.height, 9)}
        assert len(colours) > 12, f"the {name} chart looks empty"
    renders = scene.chart_renders
    for _ in range(5):  # frames drawn later only blit the cached charts
        app.draw()
        press(app, pygame.K_LSHIFT, 1)
    assert scene.chart_renders == renders == 3
    scene.relayout()  # a new size, language or palette draws them again, once
    assert scene.chart_renders == 6
    assert scene.chart_ms > 0
    assert "2030" in scene.reason() and scene.headline()


def test_game_over_play_again_starts_a_table_with_the_same_players(app, home, game_played):
    session, _ = game_played
    scene, _ = open_game_over(app, session)
    click(app, scene.play_again_button, 2)
    from game.client.scenes.table import TableScene
    table = app.scene
    assert isinstance(table, TableScene) and len(app.scenes) == 1
    new = table.session
    assert new is not session and new.players == session.players
    assert new.state.scenario == session.state.scenario
    assert new.state.seats == session.state.seats
    assert (home / "autosave.json").exists()


def test_game_over_title_button_and_escape_return_to_the_title(app, game_played):
    from game.client.scenes.title import TitleScene
    session, _ = game_played
    scene, _ = open_game_over(app, session)
    click(app, scene.title_button, 2)
    assert isinstance(app.scene, TitleScene) and len(app.scenes) == 1
    app.replace(GameOverScene(app, session))
    pump(app, 1)
    press(app, pygame.K_ESCAPE, 2)
    assert isinstance(app.scene, TitleScene) and app.running


@pytest.mark.parametrize("reason", ["agi", "one_firm_left"])
def test_game_over_after_an_early_end_says_why(app, reason):
    if reason == "agi":
        scenario = make_scenario(rules__race_mode=True, rules__agi_threshold_h100e=150.0)
        players = [SeatPlayer("Ada", "aggressive"), SeatPlayer("Bo", "aggressive")]
    else:
        scenario = make_scenario()
        players = [SeatPlayer("Ada", "steady"), SeatPlayer("Bo")]  # Bo, a person, sits out twice
    session = Session.new(scenario, players, 9, time_limit=None)
    while not session.is_over:
        if session.is_human_turn:
            session.apply(sit_out())
        else:
            session.bot_step()
    assert session.state.over_reason == reason
    scene, calls = open_game_over(app, session)
    assert len(calls) == 3
    text = scene.reason()
    assert ("AGI" in text) if reason == "agi" else ("left in the race" in text)
    assert [row["seat"] for row in scene.table_rows] == [standing.seat for standing in session.standings()]


# --------------------------------------------------------------------------- how to play

def open_how_to_play(app):
    from game.client.scenes.title import TitleScene
    app.push(TitleScene(app))
    app.push(HowToPlayScene(app))
    pump(app, 2)
    return app.scene


def test_how_to_play_pages_turn_with_the_arrow_keys_and_escape_returns(app):
    from game.client.scenes.title import TitleScene
    scene = open_how_to_play(app)
    assert scene.pages == len(PAGES) and 5 <= scene.pages <= 7
    assert scene.page == 0 and not scene.back_button.is_enabled
    for page in range(1, scene.pages):
        press(app, pygame.K_RIGHT, 2)
        assert scene.page == page
    press(app, pygame.K_RIGHT, 2)  # past the last page nothing happens
    assert scene.page == scene.pages - 1 and app.scene is scene
    press(app, pygame.K_LEFT, 2)
    assert scene.page == scene.pages - 2
    press(app, pygame.K_ESCAPE, 2)
    assert isinstance(app.scene, TitleScene)


def test_how_to_play_next_button_pages_through_then_done_closes(app):
    from game.client.scenes.title import TitleScene
    scene = open_how_to_play(app)
    shots = []
    for page in range(scene.pages):
        assert scene.page == page
        shots.append(app.screenshot(f"how_to_play_{page + 1}.png"))
        if page == scene.pages - 1:
            assert scene.next_button.text == "Done"
        click(app, scene.next_button, 2)
    assert isinstance(app.scene, TitleScene)
    assert all(path.exists() for path in shots)


@pytest.mark.parametrize("size", [(1280, 720), (1024, 640), (1600, 900)])
def test_how_to_play_every_page_draws_at_several_sizes(home, size):
    application = make_app(home, window_size=size)
    scene = HowToPlayScene(application)
    application.push(scene)
    for page in range(scene.pages):
        scene.go_to(page)
        application.draw()
    for _ in range(scene.pages - 1):
        click(application, scene.back_button, 2)
    assert scene.page == 0


def test_how_to_play_quotes_the_default_scenario():
    scenario = load_scenario("classic")
    figures = scenario_figures(scenario, "en")
    assert figures["ante"] == money(scenario.ante[0], "en")
    assert figures["base_market"] == money(scenario.base_market[0], "en")
    assert figures["share"] == percent(scenario.market_share_bp / 100, "en")
    assert figures["lifetime"] == str(scenario.lifetime)
    assert figures["first_year"] == str(scenario.first_year) and figures["last_year"] == str(scenario.last_year)
    chip = scenario.chips[0][0]
    assert figures["nvidia_price"] == "$" + f"{round(chip.price_usd / chip.h100e):,}"
    assert figures["amd_first"] == percent(round(scenario.amd_efficiency[0] * 100), "en")
    assert figures["agi"] == f"{round(scenario.agi_threshold_h100e):,}"
