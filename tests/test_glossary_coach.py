"""The glossary and the coach, driven headless: the glossary opens from the table (key, button, a
click on a number) and from the pause menu, and explains every term; the coach shows the viewer's
own win chance and pot odds on their own turn only, never behind a hot-seat hand-over, and its
switch is a saved setting.

Screenshots go to $TABLE_STAKES_SCREENSHOT_DIR when it is set (the ones in docs/screenshots/
were made that way), else into the test's temporary folder.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pygame
import pytest

from client_support import click, press, pump
from client_support import make_app as _make_app
from game.bots.reading import pot_after_call, retained_share
from game.client.coach import SAYINGS, advise, lines
from game.client.scenes.glossary import ECONOMICS, KEYS, PARTS, SEE_ALSO, TERMS, GlossaryScene
from game.client.settings import SETTINGS_FILE, Settings
from game.content import load_scenario
from game.content.locale import ui_languages, ui_locale
from game.content.text import money
from game.content.saves import SeatPlayer
from game.core import Action
from game.session import Session

# Words a student meets at the table, besides the economics the issue lists.
TABLE_WORDS = ("effective_compute", "capability", "side_pot", "pot", "all_in", "win_chance", "net_worth",
               "market_event", "rd_cards", "agi")


def make_app(home, **settings):
    app = _make_app(home, **settings)
    pygame.event.clear()  # nothing left over from an earlier test
    return app


def start_table(app, players, seed=11, scenario="classic", session=None):
    from game.client.scenes.table import TableScene
    session = session or Session.new(load_scenario(scenario), players, seed)
    app.push(TableScene(app, session))
    pump(app, 3)
    return session


def table_of(app):
    from game.client.scenes.table import TableScene
    return next(scene for scene in reversed(app.scenes) if isinstance(scene, TableScene))


SOLO = [SeatPlayer("Solo"), SeatPlayer("Bot A", "steady"), SeatPlayer("Bot B", "steady")]


# --------------------------------------------------------------------------- the glossary's texts


def test_the_glossary_explains_every_required_term_and_the_words_at_the_table():
    assert set(ECONOMICS) <= set(TERMS) and set(TABLE_WORDS) <= set(TERMS)
    assert len(ECONOMICS) == 12  # issue #5's list
    assert set(SEE_ALSO) == set(TERMS) and all(set(links) <= set(TERMS) for links in SEE_ALSO.values())
    assert all(term not in links for term, links in SEE_ALSO.items())


@pytest.mark.parametrize("lang", ui_languages())
def test_every_entry_has_a_plain_explanation_the_game_and_a_sourced_real_world_anchor(lang):
    locale = ui_locale(lang)
    from game.client.scenes.how_to_play import scenario_figures
    for term in TERMS:
        for part in PARTS:
            assert locale.get(KEYS[term][part]).strip(), f"{lang}: {term}.{part} is empty"
        sentences = re.split(r"(?<=[.!?])\s+", locale.get(KEYS[term]["what"]).strip())
        assert 2 <= len(sentences) <= 4, f"{lang}: {term}: {len(sentences)} sentences"
        for scenario in ("classic", "seed-2024"):  # every placeholder is filled from any shipped scenario
            figures = {**scenario_figures(load_scenario(scenario), lang), "worlds": "1,024"}
            assert "{" not in locale.text(KEYS[term]["game"], **figures)
    titles = [locale.get(KEYS[term]["title"]) for term in TERMS]
    assert len(set(titles)) == len(titles)


def test_real_world_anchors_quote_the_researched_figures():
    """A few spot checks against shared/research/chip_economics.md ([S1], [S57]/[S60], [S85]/[S89])."""
    english = ui_locale("en")
    assert "10k H100 system" in english.get("glossary.terms.table_stakes.real")
    assert "$15B" in english.get("glossary.terms.vendor_capture.real")
    assert "$194B" in english.get("glossary.terms.vendor_capture.real")
    assert "50 million" in english.get("glossary.terms.agi.real") and "15 million" in english.get(
        "glossary.terms.agi.real")
    assert "72 %" in english.get("glossary.terms.all_pay.real")


# --------------------------------------------------------------------------- opening the glossary


def test_the_glossary_opens_from_the_table_by_key_and_by_button_and_closes_again(home):
    app = make_app(home)
    start_table(app, SOLO)
    table = app.scene
    press(app, pygame.K_g)
    assert isinstance(app.scene, GlossaryScene)
    assert app.scene.scenario is table.session.state.scenario  # the table's own numbers
    press(app, pygame.K_ESCAPE)
    assert app.scene is table
    click(app, table.glossary_button)
    assert isinstance(app.scene, GlossaryScene)
    click(app, app.scene.close_button)
    assert app.scene is table


def test_the_glossary_opens_from_the_pause_menu(home):
    from game.client.scenes.pause import PauseScene

    app = make_app(home)
    start_table(app, SOLO)
    press(app, pygame.K_ESCAPE)
    assert isinstance(app.scene, PauseScene)
    click(app, app.scene.buttons["glossary"])
    assert isinstance(app.scene, GlossaryScene)
    press(app, pygame.K_ESCAPE)
    assert isinstance(app.scene, PauseScene)


def test_the_glossary_lists_every_term_and_moves_between_them(home):
    app = make_app(home)
    app.push(GlossaryScene(app, "pot_odds"))
    pump(app, 2)
    scene = app.scene
    assert scene.term == "pot_odds"
    assert sorted(term for _, term in scene.rows) == sorted(TERMS)  # every term in the list
    titles = [ui_locale("en").get(KEYS[term]["title"]).casefold() for term in scene.order]
    assert titles == sorted(titles)  # alphabetical
    rect, term = next((rect, term) for rect, term in scene.rows if term == "sunk_cost")
    _click_at(app, rect.center)
    assert scene.term == "sunk_cost"
    rect, linked = scene.links[0]
    assert linked == SEE_ALSO["sunk_cost"][0]
    _click_at(app, rect.center)
    assert scene.term == linked
    press(app, pygame.K_HOME)
    assert scene.term == scene.order[0]
    press(app, pygame.K_DOWN)
    assert scene.term == scene.order[1]
    press(app, pygame.K_END)
    assert scene.term == scene.order[-1]


def test_every_term_renders_in_every_language_at_the_smallest_window(home):
    for lang in ui_languages():
        app = make_app(home, language=lang, window_size=(1024, 640))
        app.push(GlossaryScene(app))
        for term in TERMS:
            app.scene.show(term)
            app.draw()
            assert app.scene.links, term
            assert all(rect.bottom <= 640 - 44 for rect, _ in app.scene.links), f"{lang}: {term}: links cut off"
        app.pop()


def _click_at(app, position, steps=3):
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=position, rel=(0, 0), buttons=(0, 0, 0)))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=position, button=1))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=position, button=1))
    pump(app, steps)


# --------------------------------------------------------------------------- tooltips link to it


def test_numbers_name_their_glossary_entry_and_a_click_opens_it(home, monkeypatch):
    from game.client.theme import Theme

    app = make_app(home)
    start_table(app, SOLO)
    table = app.scene
    app.draw()
    hover = table.view.hover
    assert len(hover.terms) == len(hover.regions)
    linked = {term for term in hover.terms if term}
    assert {"pot", "net_worth", "dilution", "effective_compute", "table_stakes", "scarcity_pricing",
            "cuda_moat"} <= linked
    assert linked <= set(TERMS)
    rect = next(rect for (rect, _), term in zip(hover.regions, hover.terms, strict=True)
                if term == "effective_compute")
    # the tooltip says where a click leads
    drawn: list[str] = []
    original = Theme.text
    monkeypatch.setattr(Theme, "text", lambda self, text, *a, **k: drawn.append(text) or original(self, text, *a, **k))
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=rect.center, rel=(0, 0), buttons=(0, 0, 0)))
    pump(app, 1)
    table.mouse_still_since -= 2  # as if the mouse had rested there for two seconds
    app.draw()
    assert "Click for the glossary: Effective compute" in drawn
    # and the click opens that entry
    _click_at(app, rect.center)
    assert isinstance(app.scene, GlossaryScene) and app.scene.term == "effective_compute"
    press(app, pygame.K_ESCAPE)
    assert app.scene is table


def test_a_click_on_a_button_does_not_open_the_glossary(home):
    app = make_app(home)
    session = start_table(app, SOLO)
    table = app.scene
    button = table.buttons["sit_in"]
    app.draw()
    table.view.hover.add(button.rect, "a number under the button", "pot")  # as if one lay beneath it
    click(app, button)
    assert app.scene is table and session.state.year_stakes[0] == 500


# --------------------------------------------------------------------------- the coach


def _facing_a_bet(seed: int = 3) -> Session:
    """Three people at a hot-seat table, 2024: all sit in; the first to act in Q1 bets 800, so the
    next one faces a call of 800."""
    players = [SeatPlayer("Ann"), SeatPlayer("Ben"), SeatPlayer("Cyd")]
    session = Session.new(load_scenario("classic"), players, seed)
    for _ in range(3):
        session.apply(Action("sit_in"))
    session.apply(Action("bet", 800))
    assert session.legal().call_amount == 800
    return session


def test_the_coach_shows_the_chance_and_the_pot_odds_of_the_call(home):
    session = _facing_a_bet()
    seat = session.to_act
    observation, legal = session.observation(seat), session.legal()
    advice = advise(observation, legal)
    assert advice.kind == "call" and 0.0 <= advice.chance <= 1.0
    # pot odds: what the call really loses (chips bought in 2024 are written off by 2030) over the pot after it
    assert retained_share(observation) == 0.0
    pot = observation.pot + 800 * 35 // 100  # classic: the market pays 35 % of every stake
    assert advice.pot == pot == pot_after_call(observation, legal)
    assert advice.needed == pytest.approx(800 / pot) and advice.lost == 800
    headline, needs, detail, sentence = lines(advice, "en")
    needed = round(800 / pot * 100)
    assert headline == f"Win chance {round(advice.chance * 100)} %"
    assert needs == f"the call needs {needed} %"
    assert f"the $800M call ÷ the ${pot:,}M pot after it = {needed} %" in detail and "written off" in detail
    assert sentence.startswith(f"Your chance {round(advice.chance * 100)} %")
    assert ("pays on average" in sentence) == (advice.verdict == "above")
    # the same decision gives the same estimate
    assert advise(observation, legal).chance == advice.chance


def test_late_in_the_game_only_the_depreciating_part_of_a_call_counts():
    session = _facing_a_bet()
    observation, legal = session.observation(session.to_act), session.legal()
    late = observation._replace(year=2029, year_index=5)
    retained = retained_share(late)
    assert retained == pytest.approx(1 / 3)  # classic: 3-year chips, two years of the game left
    advice = advise(late, legal)
    assert advice.lost == round(800 * (1 - retained))
    assert advice.needed == pytest.approx(800 * (1 - retained) / advice.pot)
    _, _, detail, _ = lines(advice, "en")
    assert f"only the ${advice.lost}M that depreciates by the end of 2030 is lost" in detail


def test_every_sentence_variant_reads(home):
    """Each kind of decision and verdict has its sentence in every language, with its numbers."""
    session = _facing_a_bet()
    observation, legal = session.observation(session.to_act), session.legal()
    advice = advise(observation, legal)
    for lang in ui_languages():
        for (kind, verdict) in SAYINGS:
            variant = advice.__class__(kind, 0.38, None if kind == "check" else 0.22, 500, 500, 2000, 0.0,
                                       verdict, 2030, 0.0, 1500, 6000)
            texts = lines(variant, lang)
            assert all(texts) and not any("{" in text for text in texts)
            assert "38 %" in texts[3] or kind == "ante" and verdict.startswith("cannot_pay")
            assert money(1500, lang) in texts[2] and money(6000, lang) in texts[2]  # the investors' preference
    check = advice.__class__("check", 0.38, None, 0, 0, 2000, 0.0, "free", 2030, 0.0, 0, 6000)
    assert lines(check, "en")[3].startswith("Checking is free")
    assert "preference" not in lines(check, "en")[2]  # no investors, nothing to say about them


def test_the_coach_advises_only_the_seat_to_act_from_its_own_view():
    session = _facing_a_bet()
    seat = session.to_act
    with pytest.raises(ValueError):
        advise(session.public_view(), session.legal())
    with pytest.raises(ValueError):
        advise(session.observation((seat + 1) % 3), session.legal())


def test_in_the_ante_round_the_coach_weighs_the_table_stakes(home):
    session = Session.new(load_scenario("classic"), [SeatPlayer("Ann"), SeatPlayer("Ben")], 4)
    advice = advise(session.observation(session.to_act), session.legal())
    assert advice.kind == "ante" and advice.cost == 500 and 0.0 < advice.chance < 1.0
    assert advice.needed == pytest.approx(500 / advice.pot)
    assert lines(advice, "en")[3].startswith("Sitting in")


def test_the_coach_panel_shows_only_on_the_viewers_own_turn_never_behind_a_hand_over(home):
    app = make_app(home, coach=True)
    session = start_table(app, None, session=_facing_a_bet())
    assert type(app.scene).__name__ == "HandOverScene"
    table = table_of(app)
    assert table.viewer is None and table.coach_advice() is None and table.coach_estimates == 0
    app.draw()
    assert "pot_odds" not in table.view.hover.terms
    click(app, app.scene.ready)
    assert app.scene is table and table.viewer == session.to_act
    advice = table.coach_advice()
    assert advice is not None and advice.kind == "call" and 0.0 <= advice.chance <= 1.0
    app.draw()
    assert {"win_chance", "pot_odds"} <= set(table.view.hover.terms)
    # once per decision: more frames, and the player's own mix changes, do not estimate again
    pump(app, 5)
    press(app, pygame.K_RIGHTBRACKET)
    app.draw()
    assert table.coach_estimates == 1
    assert table.coach_seconds[0] < 0.5, "an estimate takes a few milliseconds, never a noticeable pause"
    click(app, table.buttons["check_call"])  # the next player: hand-over again, no coach
    assert type(app.scene).__name__ == "HandOverScene" and table.coach_advice() is None


def test_the_coach_is_silent_on_a_bots_turn(home):
    app = make_app(home, coach=True)
    session = start_table(app, SOLO)
    table = app.scene
    assert table.coach_advice() is not None  # the solo player's ante decision
    app.settings = app.settings.replace(bot_delay=5.0)  # from now on the bots take their time
    click(app, table.buttons["sit_in"])
    assert not session.is_human_turn and table.viewer == 0
    assert table.coach_advice() is None


def test_the_coach_switch_is_a_saved_setting(home):
    app = make_app(home)
    start_table(app, SOLO)
    table = app.scene
    assert not app.settings.coach and table.coach_advice() is None
    assert table.coach_button.text == "Coach: off  [K]"
    press(app, pygame.K_k)
    assert app.settings.coach and table.coach_advice() is not None
    assert json.loads((home / SETTINGS_FILE).read_text())["coach"] is True
    assert Settings.load(home)[0].coach is True
    assert table.coach_button.text == "Coach: on  [K]"
    click(app, table.coach_button)
    assert not app.settings.coach and Settings.load(home)[0].coach is False


def test_the_settings_scene_switches_the_coach(home):
    from game.client.scenes.settings import SettingsScene

    app = make_app(home)
    app.push(SettingsScene(app))
    pump(app, 2)
    scene = app.scene
    assert not scene.coach_box.get_state()
    click(app, scene.coach_box)
    click(app, scene.apply_button)
    assert app.settings.coach and Settings.load(home)[0].coach


def test_settings_saved_before_the_coach_existed_still_load(home):
    document = json.loads(json.dumps({"language": "en", "window_size": [1280, 720], "fullscreen": False,
                                      "animation_speed": "normal", "bot_delay": 0.7, "sound": True,
                                      "colour_blind": False}))
    (home / SETTINGS_FILE).write_text(json.dumps(document))
    settings, warning = Settings.load(home)
    assert warning is None and settings.coach is False


# --------------------------------------------------------------------------- screenshots


def _coach_table(app):
    """A five-seat classic game, clicked through until the player faces a bet (2024, Q1)."""
    players = [SeatPlayer("Ada"), SeatPlayer("Bot A", "steady"), SeatPlayer("Bot B", "aggressive"),
               SeatPlayer("Bot C", "calculator"), SeatPlayer("Bot D", "cautious")]
    start_table(app, players, seed=5)
    for _ in range(3000):
        scene = app.scene
        name = type(scene).__name__
        if name in ("ShowdownScene", "YearSummaryScene"):
            click(app, scene.next_button)
        elif name == "TableScene" and scene.buttons:
            legal = scene._controls_for()
            if legal is not None and legal.can_call:
                return scene
            click(app, scene.buttons["sit_in" if "sit_in" in scene.buttons else "check_call"])
        else:
            pump(app, 1)
    raise AssertionError("the player never faced a bet")


@pytest.mark.parametrize("lang", ["en", "de"])
def test_screenshots_of_the_glossary_and_the_coach(home, tmp_path, lang):
    shots = Path(os.environ.get("TABLE_STAKES_SCREENSHOT_DIR") or tmp_path)
    app = make_app(home, language=lang, coach=True)
    app.screenshot_dir = shots
    table = _coach_table(app)
    advice = table.coach_advice()
    assert advice is not None and advice.kind == "call"
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=(-10, -10), rel=(0, 0), buttons=(0, 0, 0)))
    pump(app, 1)
    assert app.screenshot(f"coach_{lang}.png").exists()
    rect = next(rect for (rect, _), term in zip(table.view.hover.regions, table.view.hover.terms, strict=True)
                if term == "effective_compute")
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=rect.center, rel=(0, 0), buttons=(0, 0, 0)))
    pump(app, 1)
    table.mouse_still_since -= 2
    assert app.screenshot(f"glossary_link_{lang}.png").exists()
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=(-10, -10), rel=(0, 0), buttons=(0, 0, 0)))
    press(app, pygame.K_g)
    assert isinstance(app.scene, GlossaryScene)
    app.scene.show("rent_dissipation")
    assert app.screenshot(f"glossary_{lang}.png").exists()
    app.scene.show("export_controls")
    assert app.screenshot(f"glossary_export_{lang}.png").exists()
    app.scene.show("preference")
    assert app.screenshot(f"glossary_preference_{lang}.png").exists()
