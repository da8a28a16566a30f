"""The table scene, driven headless by clicks: hot-seat play to the end, privacy, refused input."""

from __future__ import annotations

import pygame
import pytest

from client_support import click, make_app, pump, type_text
from game.client.i18n import t
from game.content import load_scenario
from game.content.saves import SeatPlayer
from game.session import Session


def start_table(app, players, seed=11, scenario="classic"):
    from game.client.scenes.table import TableScene
    session = Session.new(load_scenario(scenario), players, seed)
    app.push(TableScene(app, session))
    pump(app, 2)
    return session


HOT_SEAT = [SeatPlayer("Alice"), SeatPlayer("Bob"), SeatPlayer("Bot A", "steady"), SeatPlayer("Bot B", "cautious")]


def scene_name(app) -> str:
    return type(app.scene).__name__


def play_one_click(app) -> str:
    """Do what a careful person at the screen would do next, by clicking; returns what was clicked."""
    scene = app.scene
    name = scene_name(app)
    if name == "HandOverScene":
        click(app, scene.ready)
        return "ready"
    if name in ("ShowdownScene", "YearSummaryScene"):
        click(app, scene.next_button)
        return "next"
    if name == "TableScene":
        for wanted in ("sit_in", "check_call", "sit_out"):
            if wanted in scene.buttons:
                click(app, scene.buttons[wanted])
                return wanted
        pump(app, 1)  # a bot's turn or an animation
        return "wait"
    raise AssertionError(f"unexpected scene {name}")


def test_two_humans_and_two_bots_play_a_whole_game_by_clicking(home):
    app = make_app(home)
    session = start_table(app, HOT_SEAT)
    seen = set()
    for _ in range(5000):
        if scene_name(app) == "GameOverScene":
            break
        seen.add(play_one_click(app))
    assert scene_name(app) == "GameOverScene" and session.is_over
    assert {"ready", "next", "check_call"} <= seen  # hand-overs, summaries and betting all happened
    assert session.state.year >= 2025


def test_the_hand_over_screen_hides_every_private_card(home):
    app = make_app(home)
    start_table(app, HOT_SEAT)
    assert scene_name(app) == "HandOverScene"  # Alice acts first: the screen must be handed to her
    table = app.scenes[-2]
    assert table.viewer is None and table.observation().my_cards == ()
    click(app, app.scene.ready)
    assert scene_name(app) == "TableScene" and app.scene.viewer == 0
    click(app, app.scene.buttons["sit_in"])  # Alice sits in; Bob is next: hand over again
    assert scene_name(app) == "HandOverScene"
    table = app.scenes[-2]
    assert table.viewer is None
    app.draw()
    # nothing card-coloured is drawn where the viewer's own cards would be
    paper = app.theme.palette.card_paper
    area = table.layout.my_cards
    pixels = {tuple(app.screen.get_at((x, y)))[:3] for x in range(area.x, area.right, 7)
              for y in range(area.y, area.bottom, 7)}
    assert paper not in pixels


def test_a_raise_typed_below_the_minimum_shows_a_message_not_a_crash(home):
    app = make_app(home)
    session = start_table(app, [SeatPlayer("Solo"), SeatPlayer("Bot", "steady")])
    click(app, app.scene.buttons["sit_in"])
    for _ in range(50):
        if "bet_raise" in app.scene.buttons:
            break
        pump(app, 1)
    table = app.scene
    before = session.state
    type_text(app, table.amount_entry, "7")  # the minimum bet is the $500M ante
    click(app, table.buttons["bet_raise"])
    assert session.state is before
    assert "cannot bet $7M" in table.message and "minimum bet" in table.message


def test_keyboard_shortcuts_act(home):
    app = make_app(home)
    session = start_table(app, [SeatPlayer("Solo"), SeatPlayer("Bot", "steady")])
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_i, mod=0, unicode="i", scancode=0))
    pump(app, 3)
    assert session.state.firms[0].status in ("active", "all_in") and session.state.year_stakes[0] == 500


def test_escape_opens_the_pause_menu_and_resume_closes_it(home):
    app = make_app(home)
    start_table(app, [SeatPlayer("Solo"), SeatPlayer("Bot", "steady")])
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_ESCAPE, mod=0, unicode="", scancode=0))
    pump(app, 2)
    assert scene_name(app) == "PauseScene"
    click(app, app.scene.buttons["resume"])
    assert scene_name(app) == "TableScene"


def test_the_window_relayouts_when_resized(home):
    app = make_app(home)
    start_table(app, HOT_SEAT)
    app.screen = pygame.display.set_mode((1600, 900), pygame.RESIZABLE)
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, size=(1600, 900), w=1600, h=900))
    pump(app, 2)
    table = app.scenes[0]
    assert app.ui_scale == 1.25  # laid out for 1280×720, drawn 1.25 times as large: it fills the window
    assert table.layout.window.size == (1280, 720) and table.layout.side.right == 1280


def test_every_number_has_a_tooltip_and_prices_explain_scarcity(home):
    app = make_app(home)
    session = start_table(app, [SeatPlayer("Solo"), SeatPlayer("Bot", "steady"), SeatPlayer("Bot 2", "steady")])
    click(app, app.scene.buttons["sit_in"])
    for _ in range(50):
        if app.scene.buttons:
            break
        pump(app, 1)
    table = app.scene
    app.draw()
    texts = [text for _, text in table.view.hover.regions]
    assert any("scarcity" in text and "H100e" in text for text in texts)  # the price lines
    assert any("net worth" in text for text in texts)  # cash
    assert any("Effective compute" in text for text in texts)
    assert any("base market" in text for text in texts)  # the pot
    price_rect = next(rect for rect, text in table.view.hover.regions if "scarcity" in text)
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=price_rect.center, rel=(0, 0), buttons=(0, 0, 0)))
    pump(app, 1)
    table.mouse_still_since -= 2  # as if the mouse had rested there for two seconds
    app.draw()
    tooltip_colour = app.theme.palette.tooltip
    x, y = price_rect.center
    assert any(tuple(app.screen.get_at((x + dx, y + 30))[:3]) == tooltip_colour for dx in range(20, 200, 5))
    assert session.state.phase == "betting"


def test_brackets_change_the_amd_mix_and_the_log_scrolls(home):
    app = make_app(home)
    session = start_table(app, [SeatPlayer("Solo"), SeatPlayer("Bot", "steady")])
    for _ in range(3):
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RIGHTBRACKET, mod=0, unicode="]",
                                             scancode=0))
    pump(app, 3)
    assert session.state.firms[0].amd_pct == 30
    table = app.scene
    table.log.extend(f"line {number}" for number in range(40))
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_PAGEUP, mod=0, unicode="", scancode=0))
    pump(app, 2)
    assert table.log_scroll == 5


def test_the_raise_funds_button_states_the_rounds_terms_and_raising_shows_the_preference(home):
    from game.content.text import money
    from game.core.funding import diluted

    app = make_app(home)
    session = start_table(app, [SeatPlayer("Solo"), SeatPlayer("Bot", "steady")])
    table = app.scene
    legal = session.legal()
    worth = session.observation(0).valuations[0]
    assert legal.can_raise_funds and 0 < legal.raise_funds_max < worth
    tip = table.buttons["raise_funds"].tool_tip_text
    assert f"Sell shares at your net worth, {money(worth, 'en')}" in tip
    assert f"up to {money(legal.raise_funds_max, 'en')} this year (hype decides how much" in tip
    assert "investors' preference ($0M now), which grows 15 % a year" in tip
    after = round(diluted(1.0, worth, legal.raise_funds_max) * 100, 1)
    assert f"leaves you {after} % of the firm" in tip
    type_text(app, table.amount_entry, "1000")
    click(app, table.buttons["raise_funds"])
    click(app, app.scene.confirm)
    assert session.state.firms[0].preference == 1000
    assert any("raises $1,000M at its net worth" in line and "preference is $1,000M" in line for line in table.log)
    app.draw()
    assert any(term == "preference" for term in table.view.hover.terms)


def recorded_text(theme) -> list[str]:
    """Every string drawn through the theme from now on (`Theme.fitted` renders through `Theme.text`)."""
    drawn: list[str] = []
    text = theme.text

    def recording(string, *args, **kwargs):
        drawn.append(string)
        return text(string, *args, **kwargs)

    theme.text = recording
    return drawn


def to_fourth_quarter(app, session) -> None:
    """Sit in and check or call until every event is face up and it is the person's turn again."""
    for _ in range(400):
        view = session.public_view()
        if view.quarter == 4 and view.phase == "betting" and app.scene.buttons:
            return
        play_one_click(app)
    raise AssertionError("the fourth quarter never came")


def test_the_log_keeps_its_heading_and_lines_when_the_events_and_the_coach_fill_the_side_panel(home):
    app = make_app(home, coach=True)
    session = start_table(app, [SeatPlayer("Solo"), SeatPlayer("Bot A", "steady"), SeatPlayer("Bot B", "cautious")])
    to_fourth_quarter(app, session)
    table = app.scene
    assert len(session.public_view().revealed_events) == 4
    table.log.extend(f"line {number}" for number in range(40))
    drawn = recorded_text(app.theme)
    app.draw()
    assert t("table.log") in drawn
    assert sum(1 for text in drawn if text.startswith("line ")) >= 5  # the newest lines, more than a glimpse


def test_a_long_refusal_is_shown_whole_on_a_panel_clear_of_the_buttons(home):
    app = make_app(home)
    start_table(app, [SeatPlayer("Solo"), SeatPlayer("Bot", "steady")])
    table = app.scene
    message = ("Atlas AI cannot call now: it must first sit in or sit out for this year; legal now are: sit in, "
               "sit out, raise funds")
    table.message = message
    table._update_message()
    drawn = recorded_text(app.theme)
    app.draw()
    assert any(text == message for text in drawn)  # whole, not cut at a label's end
    panel = table.message_rect()
    assert app.screen.get_rect().contains(panel)
    widgets = [element.rect for element in table.manager.get_root_container().elements if element.visible]
    assert panel.collidelist(widgets) == -1


def test_after_continue_the_log_says_the_game_goes_on_not_that_a_new_one_began(home):
    from game.client.scenes.table import TableScene
    app = make_app(home)
    session = start_table(app, [SeatPlayer("Solo"), SeatPlayer("Bot", "steady")])
    click(app, app.scene.buttons["sit_in"])
    path = session.save(home / "saved.json")
    loaded = Session.load(path)
    table = TableScene(app, loaded)
    first = str(table.log[0])
    assert first == t("resumed.log", scenario=loaded.scenario.title["en"], year=loaded.public_view().year)
    assert not any(str(line).startswith("A new game") for line in table.log)


def test_selling_shares_asks_first_and_shows_the_new_ownership_and_preference(home):
    from game.content.text import money, percent
    from game.core.funding import diluted

    app = make_app(home)
    session = start_table(app, [SeatPlayer("Solo"), SeatPlayer("Bot", "steady")])
    table = app.scene
    worth = session.observation(0).valuations[0]
    type_text(app, table.amount_entry, "1000")
    table.manager.set_focus_set(None)  # R is a shortcut when no text field has the keys
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_r, mod=0, unicode="r", scancode=0))
    pump(app, 2)
    assert session.state.firms[0].preference == 0  # nothing sold yet: it asks
    dialog = app.scene
    assert type(dialog).__name__ == "SellSharesScene"
    after = percent(round(diluted(1.0, worth, 1000) * 100, 1), "en")
    assert t("sell_shares.ownership", after=after, now=percent(100, "en")) in dialog.lines
    assert any(money(1000, "en") in line for line in dialog.lines)
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_ESCAPE, mod=0, unicode="", scancode=0))
    pump(app, 2)
    assert app.scene is table and session.state.firms[0].preference == 0  # cancelled
    click(app, table.buttons["raise_funds"])
    click(app, app.scene.confirm)
    assert app.scene is table and session.state.firms[0].preference == 1000


def test_in_hot_seat_the_table_turns_so_the_person_acting_sits_at_the_bottom(home):
    app = make_app(home)
    start_table(app, HOT_SEAT)
    click(app, app.scene.ready)  # Alice, seat 0
    table = app.scene
    assert table.layout.seats[0] == table.base_layout.seats[0]
    click(app, table.buttons["sit_in"])
    click(app, app.scene.ready)  # Bob, seat 1
    assert table.viewer == 1
    assert table.layout.seats[1] == table.base_layout.seats[0]  # Bob's plate is the bottom one
    assert table.layout.seats[0] == table.base_layout.seats[len(HOT_SEAT) - 1]  # Alice one place before him


def test_your_seat_shows_your_cards_and_your_capability_as_the_core_scores_it(home):
    from game.client.i18n import fixed
    from game.core import hand_capability

    app = make_app(home)
    session = start_table(app, [SeatPlayer("Solo"), SeatPlayer("Bot", "steady")])
    table = app.scene
    click(app, table.buttons["sit_in"])
    view = session.observation(0)
    assert view.my_cards
    drawn = recorded_text(app.theme)
    app.draw()
    score = hand_capability(view, 0, view.my_cards)
    assert f"capability ≈ {fixed(score.total, 1, 'en')}" in drawn
    assert any(text.startswith(f"= compute {fixed(score.compute_points, 1, 'en')} + cards ") for text in drawn)
    assert {t("my_seat.cash"), t("my_seat.owned"), t("my_seat.compute")} <= set(drawn)
    plate = table.layout.seats[0]
    cards = [rect for rect, text in table.view.hover.regions if not table.layout.side.colliderect(rect)
             and any(text.startswith(session.scenario.rd_cards[card].title["en"] + ":") for card in view.my_cards)]
    assert len(cards) == 2 and all(rect.bottom <= plate.top for rect in cards)  # face up at the seat too


def test_the_hand_over_screen_says_what_happened_since_that_persons_last_turn(home):
    app = make_app(home)
    start_table(app, HOT_SEAT)
    click(app, app.scene.ready)  # Alice
    table = app.scene
    click(app, table.buttons["sit_in"])
    handover = app.scene
    assert type(handover).__name__ == "HandOverScene"
    alice_sat_in = [line for line in handover.news if line.startswith("Alice")]
    assert alice_sat_in and alice_sat_in[0] in handover.news_lines()  # Bob reads what Alice did
    click(app, handover.ready)  # Bob
    click(app, table.buttons["sit_in"])
    for _ in range(50):
        if scene_name(app) == "HandOverScene":
            break
        pump(app, 1)
    back_to_alice = app.scene
    assert any(line.startswith("Bob") for line in back_to_alice.news)
    assert not any(line in back_to_alice.news for line in alice_sat_in)  # her own move she saw already


def test_at_1920_by_1080_the_table_grows_with_the_window_and_clicks_land_where_things_are_drawn(home):
    app = make_app(home, window_size=(1920, 1080))
    session = start_table(app, [SeatPlayer("Solo"), SeatPlayer("Bot", "steady")])
    table = app.scene
    assert app.ui_scale == 1.5
    app.draw()
    plate = table.layout.seats[0]
    on_screen = pygame.Rect(plate.x * 1.5, plate.y * 1.5, plate.width * 1.5, plate.height * 1.5)
    assert on_screen.width >= 1.5 * 184  # the seat boxes grow (they stayed 184 pixels wide on a huge felt)
    highlight = app.theme.palette.highlight
    border = [tuple(app.screen.get_at((x, on_screen.bottom - 2)))[:3] for x in range(on_screen.x + 20,
                                                                                       on_screen.right - 20, 9)]
    assert border.count(highlight) > len(border) // 2  # the plate of the seat to act, drawn at its scaled place
    button = table.buttons["sit_in"].rect
    assert button.height * 1.5 >= 50  # and so do the buttons
    where = (round(button.centerx * 1.5), round(button.centery * 1.5))
    for kind in (pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
        values = dict(pos=where, rel=(0, 0), buttons=(0, 0, 0)) if kind == pygame.MOUSEMOTION else \
            dict(pos=where, button=1)
        pygame.event.post(pygame.event.Event(kind, **values))
    pump(app, 3)
    assert session.public_view().firms[0].year_stake > 0  # the click sat in: it paid the table stakes


@pytest.mark.parametrize("size", [(1024, 640), (1280, 720), (1920, 1080)])
def test_a_status_tab_on_the_top_seat_stays_in_the_window(home, size):
    """The 'SITTING OUT' tab stands on a plate's top edge: at the top seat it was cut by the window's edge."""
    from game.client.scenes.table import TableScene
    from game.core import apply_action, new_game, sit_in, sit_out

    state = new_game(load_scenario("classic"), ["atlas", "borealis", "cygnus", "delphi"], 3)
    while state.phase == "ante":
        state, _ = apply_action(state, sit_out() if state.to_act == 2 else sit_in())
    app = make_app(home, window_size=size)
    app.push(TableScene(app, Session(state, [SeatPlayer("Ada"), SeatPlayer("B", "steady"), SeatPlayer("C", "steady"),
                                             SeatPlayer("D", "steady")], time_limit=None)))
    pump(app, 2)
    table = app.scene
    app.draw()
    top = min(range(4), key=lambda seat: table.layout.seats[seat].y)
    tip = t("tip.status_sitting_out")
    tabs = [rect for rect, text in table.view.hover.regions if text == tip]
    assert tabs and table.layout.seats[top].colliderect(tabs[0].inflate(0, 4)), "the tab stands on the top plate"
    assert all(pygame.Rect((0, 0), app.layout_size).contains(tab) for tab in tabs), tabs
