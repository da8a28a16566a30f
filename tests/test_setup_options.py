"""The teacher options of the new-game setup (issue #5): years, starting cash, ante growth, market
share of spend, chip lifetime and AMD efficiency, applied by copying the scenario's data and
parsing it again. The screen is driven headless with clicks and typing, as in test_client_setup.

The screenshot of the options tab goes to $TABLE_STAKES_SCREENSHOT_DIR when it is set (the one
in docs/screenshots/ was made that way), else into the test's temporary folder.
"""

from __future__ import annotations

import pytest

from menu_support import choose, click, pump, title_screen, type_into
from game.content import load_scenario
from game.content.options import changed_options, teacher_defaults, with_teacher_options
from game.core import ScenarioError, default_seats, new_game


@pytest.fixture
def app(home):
    return title_screen(home)


def open_options(app):
    from game.client.scenes.setup import SetupScene

    click(app, app.scene.buttons["new_game"])
    setup = app.scene
    assert isinstance(setup, SetupScene)
    click(app, setup.options_tab)
    assert setup.tab == "options" and setup.option_controls, "the options tab did not open"
    return setup


# --------------------------------------------------------------------------- the screen

def test_teacher_options_change_the_game_that_starts(app):
    from game.client.scenes.table import TableScene

    setup = open_options(app)
    controls = setup.option_controls
    assert setup.seat_widgets == [], "the seats are on the other tab"
    assert controls["cash"].get_text() == "6000" and controls["ante_growth"].get_text() == "1.8"
    assert controls["market_share_pct"].get_text() == "35" and controls["lifetime"].selected_option[1] == "3"
    assert controls["amd_efficiency"].get_text() == "", "classic's AMD efficiency changes by year"

    choose(app, controls["last_year"], "2026")
    type_into(app, controls["cash"], "8000")
    type_into(app, controls["ante_growth"], "2,5")  # a decimal comma is fine
    type_into(app, controls["market_share_pct"], "50")
    choose(app, controls["lifetime"], "5")
    type_into(app, controls["amd_efficiency"], "1")
    click(app, setup.race_box)
    assert setup.message == ""
    assert setup.options_tab.text == "Teacher options · 6 changed"
    app.screenshot("setup_options.png")

    click(app, setup.start_button)
    table = app.scenes[0]
    assert isinstance(table, TableScene), setup.message
    scenario = table.session.state.scenario
    assert (scenario.id, scenario.first_year, scenario.last_year) == ("classic", 2024, 2026)
    assert {profile.cash for profile in scenario.profiles} == {8000}
    assert scenario.ante == (500, 1250, 3125)
    assert scenario.market_share_bp == 5000 and scenario.lifetime == 5
    assert scenario.amd_efficiency == (1.0, 1.0, 1.0)
    assert scenario.race_mode is False
    assert table.session.state.firms[0].cash == 8000 + 1200  # starting cash plus the first year's income
    pump(app)


def test_an_invalid_option_shows_the_parsers_message_and_the_game_does_not_start(app):
    from game.client.scenes.setup import SetupScene
    from game.client.scenes.table import TableScene

    setup = open_options(app)
    type_into(app, setup.option_controls["ante_growth"], "0")
    assert setup.message == ("Teacher options: classic (custom): field 'schedules.ante.growth': "
                             "must be greater than 0.0, got 0")
    assert setup.message_label.text == setup.message
    click(app, setup.start_button)
    assert isinstance(app.scene, SetupScene), "a bad option keeps the game from starting"

    type_into(app, setup.option_controls["ante_growth"], "1.2.3")
    assert "must be a number, got the text '1.2.3'" in setup.message
    type_into(app, setup.option_controls["ante_growth"], "1.5")
    assert setup.message == "", "a good value clears the message"

    type_into(app, setup.option_controls["market_share_pct"], "150")
    assert "rules.market_share_of_spend" in setup.message and "0 to 100 %" in setup.message
    type_into(app, setup.option_controls["market_share_pct"], "20")
    type_into(app, setup.option_controls["cash"], "-5")
    assert "field 'firms[0].cash': must be at least 0, got -5" in setup.message
    type_into(app, setup.option_controls["cash"], "5000")
    assert setup.message == ""

    click(app, setup.start_button)
    assert isinstance(app.scenes[0], TableScene), setup.message
    scenario = app.scenes[0].session.state.scenario
    assert scenario.market_share_bp == 2000 and scenario.ante[:2] == (500, 750)


def test_options_follow_the_scenario_survive_a_relayout_and_reset(app):
    setup = open_options(app)
    type_into(app, setup.option_controls["market_share_pct"], "10")
    setup.relayout()  # a resize or a language change keeps the options and the tab
    assert setup.tab == "options" and setup.option_controls["market_share_pct"].get_text() == "10"
    assert setup.options_tab.text == "Teacher options · 1 changed"

    choose(app, setup.scenario_menu, "seed-2024")  # a new scenario starts from its own values
    assert setup.options == teacher_defaults(load_scenario("seed-2024"))
    controls = setup.option_controls
    assert controls["cash"].get_text() == "" and controls["ante_growth"].get_text() == "1.6"  # classic: 1.8
    assert [text for text, _ in controls["last_year"].options_list][0] == "2024"

    type_into(app, controls["cash"], "20000")
    type_into(app, controls["ante_growth"], "-1")
    assert setup.options_tab.text == "Teacher options · 2 changed" and "schedules.ante.growth" in setup.message
    assert setup.reset_button.is_enabled
    click(app, setup.reset_button)
    assert setup.options == teacher_defaults(load_scenario("seed-2024"))
    assert not setup.reset_button.is_enabled and setup.options_tab.text == "Teacher options"
    assert setup.message == "", "undoing the options clears their message"

    click(app, setup.seats_tab)
    assert setup.tab == "seats" and len(setup.seat_widgets) == 4 and setup.option_controls == {}


def test_the_dollar_auction_offers_its_own_lifetime_and_a_single_year(app):
    setup = open_options(app)
    choose(app, setup.scenario_menu, "dollar-auction")
    controls = setup.option_controls
    assert [ident for _, ident in controls["last_year"].options_list] == ["2024"]
    assert [ident for _, ident in controls["lifetime"].options_list] == ["1", "3", "5"]
    assert controls["lifetime"].selected_option[1] == "1"
    assert controls["amd_efficiency"].get_text() == "1"


# --------------------------------------------------------------------------- applying the options

def test_fewer_years_cut_every_year_by_year_list_and_the_chips_of_the_years_cut_off():
    seed = load_scenario("seed-2024")  # its AMD efficiency is a list, one value per year
    short = with_teacher_options(seed, {"last_year": "2026"})
    assert short.years == 3 and short.amd_efficiency == seed.amd_efficiency[:3]
    assert all(chip is None or chip.year <= 2026 for vendor in short.chips for chip in vendor)
    assert short.ante == seed.ante[:3] and short.base_market == seed.base_market[:3]

    export = load_scenario("export-controls")
    cut = with_teacher_options(export, {"last_year": "2025"})
    assert cut.years == 3 and [chip.name for chip in cut.export_chips[0]] == ["H800", "H20", "H20"]
    state = new_game(cut, default_seats(cut, 4), 1)
    assert state.scenario.last_year == 2025


def test_unchanged_or_empty_options_leave_the_scenario_as_it_is():
    for name in ("classic", "seed-2024", "dollar-auction", "export-controls"):
        scenario = load_scenario(name)
        defaults = teacher_defaults(scenario)
        assert changed_options(scenario, defaults) == {}
        assert changed_options(scenario, dict.fromkeys(defaults, "")) == {}
        assert with_teacher_options(scenario, defaults) == scenario


def test_one_cash_for_every_firm_and_an_ante_given_year_by_year_gets_a_growth():
    seed = load_scenario("seed-2024")
    assert teacher_defaults(seed)["cash"] == "", "the article's firms start unequal"
    equal = with_teacher_options(seed, {"cash": "5000"})
    assert {profile.cash for profile in equal.profiles} == {5000}
    auction = load_scenario("dollar-auction")  # its ante is a list: [50]
    assert teacher_defaults(auction)["ante_growth"] == ""
    assert with_teacher_options(auction, {"ante_growth": "2"}).ante == (50,)


def test_a_bad_option_raises_the_parsers_error_naming_the_custom_scenario():
    classic = load_scenario("classic")
    cases = [({"lifetime": "0"}, "rules.chip_lifetime_years", "must be at least 1"),
             ({"amd_efficiency": "3"}, "schedules.amd_efficiency[0]", "must be at most 2.0"),
             ({"last_year": "2040"}, "schedules.amd_efficiency", "lists 7 values but the scenario has 17 years"),
             ({"market_share_pct": "-1"}, "rules.market_share_of_spend", "must be from 0 to 100 %")]
    for options, field, words in cases:
        with pytest.raises(ScenarioError) as caught:
            with_teacher_options(classic, options)
        assert caught.value.source == "classic (custom)"
        assert caught.value.field == field and words in caught.value.problem, caught.value
