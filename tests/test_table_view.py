"""The table as drawn: pots as a player reads them, export restrictions, cards kept inside their
rectangles, tooltips, and a layout where nothing covers anything else (headless, dummy driver)."""

from __future__ import annotations

import itertools

import pygame
import pytest

from client_support import make_app, pump
from game.client.i18n import t
from game.client.layout import pot_area, small_cards_rect, stake_area, table_layout
from game.client.table_view import TableView
from game.content import load_scenario
from game.content.text import describe_card, number
from game.content.saves import SeatPlayer
from game.core import Action, apply_action, legal_actions, new_game, observe, parse_scenario
from game.core import events as ev
from game.core.pots import Pot
from game.session import Session
from support import scenario_data, with_firm


@pytest.fixture
def app(home):
    return make_app(home)


def draw_table(app, view, seats: int | None = None) -> TableView:
    """Draw `view` on the app's screen as the table scene does; returns the drawing (its hover regions)."""
    table = TableView(app.theme)
    layout = table_layout(app.size, seats or len(view.firms))
    table.draw(app.screen, view, layout, names=[f"Player {seat}" for seat in range(len(view.firms))],
               shown_cards={}, log_lines=[], highlight_seat=view.to_act)
    return table


def record_text(table: TableView) -> list[str]:
    """Every string the drawing renders from now on (`Theme.fitted` renders through `Theme.text`)."""
    drawn: list[str] = []
    text = table.theme.text

    def recording_text(string, *args, **kwargs):
        drawn.append(string)
        return text(string, *args, **kwargs)

    table.theme.text = recording_text
    return drawn


def tips(table: TableView) -> list[str]:
    return [text for _, text in table.hover.regions]


# --------------------------------------------------------------------------- pots

def betting_round(cash_of_seat_1: int = 1000):
    """The test table (ante 100, base market 1,000, half of every stake to the market), three seats
    in; seat 0 opens Q1 with a bet of 300. Yields the state after each action of the round."""
    scenario = parse_scenario(with_firm(scenario_data(), 1, cash=cash_of_seat_1), "test.toml")
    state = new_game(scenario, ["f0", "f1", "f2"], 1)
    while state.phase == "ante":
        state = apply_action(state, Action("sit_in")).state
    assert state.to_act == 0
    state = apply_action(state, Action("bet", 300)).state
    yield state
    while state.quarter == 1 and state.phase == "betting":
        legal = legal_actions(state)
        state = apply_action(state, Action("call") if legal.can_call else Action("all_in")).state
        yield state


def test_a_bet_facing_callers_with_nobody_all_in_is_one_pot_not_a_side_pot(app):
    state = next(betting_round())
    view = observe(state, None)
    assert len(view.pots) == 2  # the core's layers: up to the callers' 100, and the uncalled 300 above
    assert all(firm.status == "active" for firm in view.firms)
    assert view.pots_shown == (Pot(600, view.pot, (0, 1, 2)),)  # 1,000 + half of 600 staked
    table = draw_table(app, view)
    assert t("tip.side_pots") not in tips(table)  # no "main … · side 1: …" line


def test_an_all_in_for_less_splits_off_a_side_pot(app):
    round_ = betting_round(cash_of_seat_1=250)
    next(round_)
    after_all_in = next(round_)  # seat 1 goes all-in for 250 (150 more); seat 2 has not called yet
    view = observe(after_all_in, None)
    assert [firm.year_stake for firm in view.firms] == [400, 250, 100] and view.firms[1].status == "all_in"
    assert len(view.pots) == 3  # levels 100, 250 and 400: only the all-in at 250 cuts the pot
    assert view.pots_shown == (Pot(600, 1000 + 300, (0, 1, 2)), Pot(150, 75, (0,)))
    assert t("tip.side_pots") in tips(draw_table(app, view))
    called = next(round_)  # seat 2 calls 400: the side pot is the part seat 1 could not match
    view = observe(called, None)
    assert view.pots_shown == (Pot(750, 1375, (0, 1, 2)), Pot(300, 150, (0, 2)))
    assert sum(pot.amount for pot in view.pots_shown) == view.pot
    table = draw_table(app, view)
    drawn_tip = next(rect for rect, text in table.hover.regions if text == t("tip.side_pots"))
    assert drawn_tip.top > table_layout(app.size, 3).pot[1]  # under the pot's title and chips


# --------------------------------------------------------------------------- export restrictions

def export_table(seats: int = 4):
    """The export-controls table in its second year (2024: the H20 is the restricted firms'
    Nvidia chip, AMD sells them nothing), every firm in, Q1. Seats 1 and 3 are restricted."""
    scenario = load_scenario("export-controls")
    state = new_game(scenario, [profile.id for profile in scenario.profiles[:seats]], 5)
    while not (state.year == 2024 and state.phase == "betting"):
        legal = legal_actions(state)
        action = "sit_in" if "sit_in" in legal.kinds else "check" if legal.can_check else "call"
        state = apply_action(state, Action(action)).state
    return state


def test_an_export_restricted_firm_carries_a_badge_that_explains_it(app):
    state = export_table()
    view = observe(state, None)
    assert [firm.export_restricted for firm in view.firms] == [False, True, False, True]
    table = draw_table(app, view)
    layout = table_layout(app.size, 4)
    for seat, firm in enumerate(view.firms):
        badges = [rect for rect, text in table.hover.regions if text.startswith(f"{firm.name} is export-restricted")]
        if not firm.export_restricted:
            assert badges == []
            continue
        (badge,) = badges
        plate = layout.seats[seat]
        assert plate.left < badge.centerx < plate.right and badge.top < plate.bottom < badge.bottom  # on its foot
        tip = table.export_tip(view, seat)
        assert "only the vendors' export-grade chips" in tip
        h20 = number(round(view.export_prices[0]), "en")
        assert f"Nvidia H20 at ${h20} per H100e" in tip and "nothing from AMD" in tip
        assert table.hover.term_at(badge.center) == "export_controls"  # a click opens its glossary entry


def test_a_restricted_viewer_sees_the_prices_it_pays_and_others_see_the_flagships(app):
    state = export_table()
    restricted = observe(state, 1)
    assert restricted.prices_for(1) == restricted.export_prices != restricted.prices
    table = TableView(app.theme)
    drawn = record_text(table)
    layout = table_layout(app.size, 4)
    table.draw(app.screen, restricted, layout, names=["a", "b", "c", "d"], shown_cards={}, log_lines=[],
               highlight_seat=None)
    h20 = number(round(restricted.export_prices[0]), "en")
    h100 = number(round(restricted.prices[0]), "en")
    flagship = state.scenario.chips[0][state.year_index].name
    assert f"Nvidia H20: ${h20} per H100e" in drawn and "AMD: nothing on sale" in drawn
    assert not any(f"${h100} per H100e" in text for text in drawn)
    assert t("table.export_prices") in drawn
    nvidia_tip = next(text for text in tips(table) if text.startswith("Nvidia sells the H20"))
    assert f"the {flagship} (${h100} per H100e), is not for you" in nvidia_tip
    assert any(text.startswith("AMD sells no export-grade chip this year") for text in tips(table))

    for viewer in (0, None):  # a free firm and the public: flagships, the export-grade price in the tooltip
        view = observe(state, viewer)
        table = TableView(app.theme)
        drawn = record_text(table)
        table.draw(app.screen, view, layout, names=["a", "b", "c", "d"], shown_cards={}, log_lines=[],
                   highlight_seat=None)
        assert f"Nvidia {flagship}: ${h100} per H100e" in drawn and t("table.export_prices") not in drawn
        nvidia_tip = next(text for text in tips(table) if text.startswith(f"Nvidia sells the {flagship}"))
        assert f"Export-restricted firms buy the H20 instead: ${h20} per H100e." in nvidia_tip
        assert any("Export-restricted firms can buy nothing from AMD this year." in text for text in tips(table))


def test_the_table_tells_a_restricted_player_what_its_mix_buys(app):
    from game.client.scenes.table import TableScene
    scenario = load_scenario("export-controls")
    session = Session.new(scenario, [SeatPlayer("Lin"), SeatPlayer("Bot", "steady")], 3, ["jade", "atlas"])
    app.push(TableScene(app, session))
    pump(app, 2)
    table = app.scene
    mix_tip = next(text for _, text in table.widget_tips if text.startswith(t("tip.mix")))
    assert "Jade River AI is export-restricted" in mix_tip


def test_the_german_table_names_export_controls(tmp_path, monkeypatch):
    monkeypatch.setenv("TABLE_STAKES_HOME", str(tmp_path))
    app = make_app(tmp_path, language="de")
    view = observe(export_table(), 1)
    table = TableView(app.theme)
    drawn = record_text(table)
    table.draw(app.screen, view, table_layout(app.size, 4), names=["a", "b", "c", "d"], shown_cards={},
               log_lines=[], highlight_seat=None)
    assert drawn.count("EXPORTKONTROLLE") == 2 and "Exportkontrolle: Du kaufst Exportchips" in drawn
    assert any(text.startswith("Jade River AI unterliegt Exportkontrollen") for text in tips(table))


# --------------------------------------------------------------------------- cards and tooltips

def longest_card(scenario, lang: str) -> str:
    return max(scenario.rd_cards, key=lambda card: len(describe_card(scenario.rd_cards[card], lang))
               + len(scenario.rd_cards[card].title[lang]))


@pytest.mark.parametrize("lang", ["en", "de"])
def test_a_card_text_never_spills_past_the_card(tmp_path, monkeypatch, lang):
    monkeypatch.setenv("TABLE_STAKES_HOME", str(tmp_path))
    app = make_app(tmp_path, language=lang)
    scenario = load_scenario("classic")
    card = longest_card(scenario, lang)
    surface = pygame.Surface((400, 300))
    surface.fill((1, 2, 3))
    rect = pygame.Rect(50, 40, 111, 74)  # a card of the compact showdown
    table = TableView(app.theme)
    table.rd_card(surface, scenario, card, rect)
    outside = [(x, y) for x in range(0, 400, 2) for y in range(0, 300, 2) if not rect.collidepoint(x, y)]
    assert all(tuple(surface.get_at(point))[:3] == (1, 2, 3) for point in outside)
    assert tuple(surface.get_at((rect.x + 20, rect.y + 40)))[:3] != (1, 2, 3)  # the card itself is drawn
    (text,) = tips(table)
    assert describe_card(scenario.rd_cards[card], lang) in text  # the tooltip holds it in full


def year_with_showdown(seats: int = 5):
    """Every firm sits in and checks to the end of the year: all of them show their cards."""
    scenario = load_scenario("classic")
    state = new_game(scenario, [profile.id for profile in scenario.profiles[:seats]], 2)
    happened = []
    while not any(isinstance(event, ev.YearEnded) for event in happened):
        legal = legal_actions(state)
        action = "sit_in" if "sit_in" in legal.kinds else "check" if legal.can_check else "call"
        state, events = apply_action(state, Action(action))
        happened += events
    return state, happened


def test_the_showdown_shows_a_cards_full_text_when_the_mouse_rests_on_it(app):
    from game.client.scenes.showdown import ShowdownScene
    state, happened = year_with_showdown()
    shown = [event for event in happened if isinstance(event, ev.CardsShown)]
    assert len(shown) == 5  # two rows of shorter cards
    scene = ShowdownScene(app, state.scenario, [firm.name for firm in state.firms], shown, happened)
    app.push(scene)
    pump(app, 2)
    app.draw()
    regions = len(scene.view.hover.regions)
    app.draw()
    assert len(scene.view.hover.regions) == regions == 10  # one per card, afresh each frame
    rect, text = scene.view.hover.regions[0]
    card = state.scenario.rd_cards[shown[0].cards[0]]
    assert text.endswith(describe_card(card, "en"))
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=rect.center, rel=(0, 0), buttons=(0, 0, 0)))
    pump(app, 1)
    tooltip = app.theme.palette.tooltip
    app.draw()
    below = [(rect.centerx + dx, rect.centery + 40) for dx in range(20, 200, 5)]
    assert not any(tuple(app.screen.get_at(point))[:3] == tooltip for point in below)  # not yet: the mouse moved
    scene.mouse_still_since -= 2  # as if it had rested there for two seconds
    app.draw()
    assert any(tuple(app.screen.get_at(point))[:3] == tooltip for point in below)


# --------------------------------------------------------------------------- layout

def placed(layout):
    plates = list(layout.seats)
    cards = [small_cards_rect(place) for place in layout.cards]
    labels = [stake_area(foot, stack)[1] for foot, stack in zip(layout.stakes, layout.stake_stacks, strict=True)]
    return plates, cards, labels


@pytest.mark.parametrize("size,seat_counts", [((1280, 720), range(2, 9)), ((1024, 640), range(2, 7))])
def test_plates_cards_stake_labels_and_the_pot_title_never_overlap(size, seat_counts):
    for seats in seat_counts:
        layout = table_layout(size, seats)
        plates, cards, labels = placed(layout)
        things = plates + cards + labels + [pot_area(layout.pot)[0]]
        for first, second in itertools.combinations(things, 2):
            assert not first.colliderect(second), (size, seats, first, second)


@pytest.mark.parametrize("size", [(1280, 720), (1024, 640), (1600, 900)])
def test_every_seats_cards_and_stake_are_on_the_table_area(size):
    for seats in range(2, 9):
        layout = table_layout(size, seats)
        area = pygame.Rect(0, 0, layout.side.x, layout.actions.y)
        plates, cards, labels = placed(layout)
        for rect in cards + labels:
            assert area.contains(rect), (size, seats, rect)
        for seat, card_rect in enumerate(cards):  # the top seat's cards too (above it is the window's edge)
            assert not any(card_rect.colliderect(label) for label in labels), (size, seats, seat)


@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_amd_share_fits_beside_the_amount_presets_in_a_small_window(tmp_path, monkeypatch, lang):
    from game.client.scenes.table import TableScene
    monkeypatch.setenv("TABLE_STAKES_HOME", str(tmp_path))
    app = make_app(tmp_path, language=lang, window_size=(1024, 640))
    session = Session.new(load_scenario("classic"), [SeatPlayer("Solo"), SeatPlayer("Bot", "steady")], 11)
    app.push(TableScene(app, session))
    pump(app, 2)
    table = app.scene
    table._press("sit_in")
    for _ in range(50):
        if "bet_raise" in table.buttons:
            break
        pump(app, 1)
    assert table.presets and table.mix_slider is not None
    row = [table.amount_slider, table.amount_entry, *table.presets.values(), table.mix_label, table.mix_slider]
    for first, second in itertools.combinations(row, 2):
        assert not first.rect.colliderect(second.rect), (first, second)
    label_width = app.theme.font(15).size(t("table.mix", amd=100))[0]
    assert table.mix_label.rect.width >= label_width  # "AMD share 100 %" is never cut
    for widget in row:
        assert table.layout.actions.contains(widget.rect)


# --------------------------------------------------------------------------- the investors' preference

def funded_table() -> tuple:
    """The classic table in 2024, every firm in, Q1, after the first firm to act raised $1,500M at its
    net worth before paying the table stakes. Returns the state and that firm's seat."""
    state = new_game(load_scenario("classic"), ["atlas", "borealis", "cygnus"], 5)
    raiser = state.to_act
    state = apply_action(state, Action("raise_funds", 1_500)).state
    while state.phase == "ante":
        state = apply_action(state, Action("sit_in")).state
    return state, raiser


def regions_linked_to(table: TableView, term: str) -> list[tuple[pygame.Rect, str]]:
    return [(rect, text) for (rect, text), linked in zip(table.hover.regions, table.hover.terms, strict=True)
            if linked == term]


def test_a_firm_that_raised_shows_its_investors_preference_under_its_ownership(app):
    state, raiser = funded_table()
    view = observe(state, None)
    firm = view.firms[raiser]
    assert firm.preference == 1_500 and firm.ownership < 1
    table = TableView(app.theme)
    drawn = record_text(table)
    table.draw(app.screen, view, table_layout(app.size, 3), names=["A", "B", "C"], shown_cards={}, log_lines=[],
               highlight_seat=view.to_act)
    assert "preference $1,500M" in drawn
    ((preference, tip),) = regions_linked_to(table, "preference")  # only the firm with investors has one
    plate = table_layout(app.size, 3).seats[raiser]
    ownership = next(rect for rect, _ in regions_linked_to(table, "dilution") if plate.contains(rect))
    assert plate.contains(preference)
    assert preference.right == ownership.right and preference.top >= ownership.bottom  # right under it
    assert "$1,500M back first" in tip and "15 % a year" in tip
    assert f"leaves the founders ${firm.founders_claim:,}M, the score" in tip
    assert "take the firm over" in tip
    ownership_tips = [text for _, text in regions_linked_to(table, "dilution")]
    assert sum("its investors hold the rest" in text for text in ownership_tips) == 1
    assert sum("with no investors, its score is its whole net worth" in text for text in ownership_tips) == 2


def test_a_firm_its_investors_took_over_says_so_on_its_badge(app):
    state, raiser = funded_table()
    view = observe(state, None)
    firms = list(view.firms)
    firms[raiser] = firms[raiser]._replace(status="exited", exit_year=view.year, preference=firms[raiser].net_worth)
    view = view._replace(firms=tuple(firms))
    assert view.firms[raiser].taken_over
    table = TableView(app.theme)
    drawn = record_text(table)
    table.draw(app.screen, view, table_layout(app.size, 3), names=["A", "B", "C"], shown_cards={}, log_lines=[],
               highlight_seat=None)
    assert "TAKEN OVER" in drawn and "EXITED" not in drawn
    ((badge, tip),) = regions_linked_to(table, "takeover")
    assert tip == t("tip.status_taken_over") and "score of 0" in tip
    plate = table_layout(app.size, 3).seats[raiser]
    assert plate.left < badge.centerx < plate.right and badge.top < plate.top < badge.bottom  # a tab on its top edge


def test_the_price_tooltip_states_the_uncapped_scarcity_rule(app):
    state, _ = funded_table()
    view = observe(state, None)
    table = draw_table(app, view)
    ((_, nvidia),) = regions_linked_to(table, "scarcity_pricing")
    ((_, amd),) = regions_linked_to(table, "cuda_moat")  # AMD's line explains its efficiency too
    for vendor, tip in enumerate((nvidia, amd)):  # the scenario's rate and this year's supply
        rate = round(view.scenario.scarcity[vendor] * 100)
        supply = round(view.scenario.supply[vendor][view.year_index] * view.supply_factor[vendor])
        assert f"(+{rate} % for every {supply:,} H100e bought, with no cap)" in tip
    assert "the price of the next chip" in nvidia


def test_a_folded_firms_name_is_not_cut_by_its_badge(app):
    scenario = parse_scenario(with_firm(scenario_data(), 1, name="Eridani Research"), "test.toml")
    state = new_game(scenario, ["f0", "f1", "f2"], 1)
    while state.phase == "ante":
        state = apply_action(state, Action("sit_in")).state
    state = apply_action(state, Action("bet", 300)).state
    state = apply_action(state, Action("fold")).state
    view = observe(state, None)
    assert view.firms[1].status == "folded"
    table = TableView(app.theme)
    drawn = record_text(table)
    layout = table_layout(app.size, len(view.firms))
    table.draw(app.screen, view, layout, names=["Player 0", "Player 1", "Player 2"], shown_cards={}, log_lines=[],
               highlight_seat=view.to_act)
    assert t("status.folded") in drawn
    assert not any(text.startswith("Eridani") and text.endswith("…") for text in drawn)  # the name whole
