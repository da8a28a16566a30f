"""Economy v2 in words and on screen: rounds priced at net worth, the investors' preference, the
takeover, the founders' claim as the score, the AGI prize and uncapped scarcity, as the log, the
year summary, game over, the glossary, the narration and the documents tell them, in English and
German (headless, dummy driver)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from client_support import close_app, make_app, pump
from game.client import i18n
from game.client.log_lines import log_line
from game.client.scenes.game_over import GameOverScene
from game.client.scenes.glossary import KEYS, SEE_ALSO, TERMS
from game.client.scenes.how_to_play import funding_example, scenario_figures
from game.client.scenes.year_summary import YearSummaryScene
from game.content import load_scenario
from game.content.locale import ui_languages, ui_locale
from game.content.text import money
from game.content.saves import SeatPlayer
from game.core import Action, parse_scenario
from game.core import events as ev
from game.narrate import Narrator
from game.session import Session
from support import make_scenario, scenario_data, with_firm

ROOT = Path(__file__).resolve().parents[1]
PLAYERS = [SeatPlayer("Ada"), SeatPlayer("Bo"), SeatPlayer("Cy")]
NAMES = [player.name for player in PLAYERS]


@pytest.fixture
def speak():
    """`set_language`, with the language before the test restored after it."""
    before = i18n.language()
    yield i18n.set_language
    i18n.set_language(before)


def passive(session: Session) -> Action:
    legal = session.legal()
    if "sit_out" in legal.kinds:
        return Action("sit_in") if legal.can_sit_in else Action("sit_out")
    return Action("check") if legal.can_check else Action("call")


def play_to_the_end(session: Session, actions: list[Action]) -> list:
    """`actions` first, then the most passive legal move until the game is over; the events of it all."""
    events = []
    for action in actions:
        events += session.apply(action).events
    while not session.is_over:
        events += session.apply(passive(session)).events
    return events


def takeover_game() -> tuple[Session, list]:
    """Ada raises $312M before her first table stakes, goes all-in and loses to Bo's big fleet; her
    one-year chips are then worth nothing, so at the start of 2025 her net worth ($0M) is below her
    investors' preference ($359M: $312M grown by 15 %) and they take her firm over."""
    data = scenario_data(funding={"enabled": True, "max_raise_pct": 25, "hype_winner": 1.0, "hype_leader": 0.5,
                                  "hype_other": 0.25, "investor_return": 0.15}, rules__chip_lifetime_years=1)
    data = with_firm(data, 1, cash=5000, lots=[{"year": 2024, "vendor": "nvidia", "chip": "old", "h100e": 1e6,
                                                "cost": 0}])
    session = Session.new(parse_scenario(data, "t.toml"), PLAYERS, 1)
    assert session.to_act == 0
    events = play_to_the_end(session, [Action("raise_funds", 312), Action("sit_in"), Action("sit_in"),
                                       Action("sit_in"), Action("all_in"), Action("call"), Action("fold")])
    return session, events


def agi_game() -> tuple[Session, list]:
    """A race won at the first showdown: Ada goes all-in, Bo calls, Cy folds; the winner's compute
    passes the 150 H100e threshold, and the AGI prize is the others' net worth."""
    session = Session.new(make_scenario(rules__race_mode=True, rules__agi_threshold_h100e=150.0), PLAYERS, 9)
    events = play_to_the_end(session, [Action("sit_in")] * 3 + [Action("all_in"), Action("call"), Action("fold")])
    assert session.state.over_reason == "agi"
    return session, events


@pytest.fixture(scope="module")
def taken_over():
    return takeover_game()


@pytest.fixture(scope="module")
def agi_won():
    return agi_game()


# --------------------------------------------------------------------------- the log

@pytest.mark.parametrize("lang", ui_languages())
def test_the_log_tells_a_round_a_takeover_and_the_agi_prize(speak, lang):
    speak(lang)
    scenario = load_scenario("classic")
    raised = log_line(ev.FundsRaised(0, 2000, 8000, 0.8, 2300), scenario, NAMES)
    taken = log_line(ev.TakenOver(1, 2100, 2300), scenario, NAMES)
    prize = log_line(ev.AgiPrizeAwarded(2, 45678), scenario, NAMES)
    assert all(line and "{" not in line for line in (raised, taken, prize))
    assert raised.startswith("Ada") and money(2000, lang) in raised and money(8000, lang) in raised
    assert "80 %" in raised and money(2300, lang) in raised  # the founders' share and the preference after it
    assert taken.startswith("Bo") and money(2100, lang) in taken and money(2300, lang) in taken
    assert prize.startswith("Cy") and money(45678, lang) in prize and "AGI" in prize
    assert ("taken over by its investors" in taken) if lang == "en" else ("übernommen" in taken)


# --------------------------------------------------------------------------- the year summary and game over

def test_the_year_summary_tells_the_takeover_as_the_next_year_opens(home, taken_over):
    session, events = taken_over
    ended = next(event for event in events if isinstance(event, ev.YearEnded) and event.year == 2024)
    assert any(isinstance(event, ev.TakenOver) for event in events[events.index(ended):])
    app = make_app(home)
    scene = YearSummaryScene(app, session.state.scenario, NAMES, 2024, events)
    app.push(scene)
    pump(app, 1)
    (line,) = scene._prize_and_takeover_lines("en")
    assert line.startswith("At the start of 2025, Ada was taken over by its investors")
    assert "$359M" in line and "score of 0" in line
    close_app(app)


def test_game_over_shows_the_preference_and_a_takeover(home, taken_over):
    session, _ = taken_over
    app = make_app(home)
    scene = GameOverScene(app, session)
    app.push(scene)
    pump(app, 2)
    ada = next(row for row in scene.table_rows if row["seat"] == 0)
    assert ada["marks"] == "taken over" and ada["score"] == "$0M" and ada["preference"] == "$359M"
    assert next(row for row in scene.table_rows if row["seat"] == 2)["preference"] == "–"  # no investors
    assert ada["rank"] == str(len(PLAYERS))  # score 0 comes last
    close_app(app)


def test_game_over_and_the_summary_tell_the_agi_prize(home, agi_won):
    session, events = agi_won
    view = session.public_view()
    prizes = [event for event in events if isinstance(event, ev.AgiPrizeAwarded)]
    assert prizes and view.agi_prize == sum(event.amount for event in prizes) > 0
    app = make_app(home)
    game_over = GameOverScene(app, session)
    app.push(game_over)
    pump(app, 2)
    assert f"AGI prize, {money(view.agi_prize, 'en')}" in game_over.reason()
    assert "ranks by score" in game_over.reason()
    ended = next(event for event in events if isinstance(event, ev.YearEnded))
    summary = YearSummaryScene(app, session.state.scenario, NAMES, ended.year, events)
    app.push(summary)
    pump(app, 1)
    (line,) = summary._prize_and_takeover_lines("en")
    assert money(view.agi_prize, "en") in line and "100 % of the other firms' net worth" in line
    close_app(app)


# --------------------------------------------------------------------------- the glossary and how to play

@pytest.mark.parametrize("lang", ui_languages())
def test_the_glossary_explains_the_preference_the_founders_claim_and_the_takeover(lang):
    locale = ui_locale(lang)
    figures = {**scenario_figures(load_scenario("classic"), lang), "worlds": "1"}
    for term in ("preference", "founders_claim", "takeover"):
        assert term in TERMS and term in SEE_ALSO
        for part in ("title", "what", "game", "real", "source"):
            assert locale.get(KEYS[term][part]).strip(), f"{lang}: {term}.{part}"
    preference = locale.text(KEYS["preference"]["game"], **figures)
    for amount in (8000, 2000, 2300, 10000, 7700, 20000, 16000):  # the worked example, in this language
        assert money(amount, lang) in preference, amount
    assert "15 %" in preference
    assert "1×" in locale.get(KEYS["preference"]["real"])  # the real-world term: a 1× liquidation preference
    title = locale.get(KEYS["preference"]["title"])
    assert title == ("Investors' preference" if lang == "en" else "Liquidationspräferenz")
    for term in ("dilution", "net_worth", "agi"):  # the entries the new rules changed
        game = locale.text(KEYS[term]["game"], **figures)
        assert "{" not in game and ("net worth" in game.lower() if lang == "en" else "Nettovermögen" in game)


def test_the_worked_example_is_what_the_rules_compute():
    example = funding_example(load_scenario("classic"))
    assert example == {"worth": 8000, "raised": 2000, "share": 80.0, "preference": 2300, "after": 10000,
                       "claim_after": 7700, "grown": 20000, "claim_grown": 16000}


def test_the_caps_the_texts_quote_are_the_scenarios():
    scenario = make_scenario(
        funding={"enabled": True, "max_raise_pct": 20, "hype_winner": 1.0, "hype_leader": 0.5, "hype_other": 0.25,
                 "investor_return": 0.1},
        rules__agi_prize_share=0.5, market__nvidia={"scarcity": 0.5, "supply": [80_000] * 3},
        market__amd={"scarcity": 0.25, "supply": [12_000] * 3})
    figures = scenario_figures(scenario, "en")
    assert (figures["raise_winner"], figures["raise_leader"], figures["raise_other"]) == ("40 %", "30 %", "25 %")
    assert figures["investor_return"] == "10 %" and figures["agi_prize"] == "50 %"
    assert (figures["nvidia_scarcity"], figures["amd_scarcity"]) == ("50 %", "25 %")
    assert (figures["nvidia_supply"], figures["amd_supply"]) == ("80,000", "12,000")


# --------------------------------------------------------------------------- nothing says the old rules

OLD_RULES = (
    re.compile(r"up to \+[\d{]"), re.compile(r"bis zu \+[\d{]"),  # a capped scarcity markup
    re.compile(r"once the year's supply"), re.compile(r"wenn das Angebot des Jahres"),
    re.compile(r"ownership × net worth|share × net worth|Eigentumsanteil × Nettovermögen|Anteil × Nettovermögen"),
    re.compile(r"wins (the game )?outright|gewinnt sofort"),  # AGI winners ranked first
    re.compile(r"of its valuation|ihrer Bewertung|a \{valuation\}"),  # rounds priced above net worth
)


def documents() -> dict[str, str]:
    texts = {f"ui/{lang}: {key}": ui_locale(lang).get(key) for lang in ui_languages()
             for key in ui_locale(lang).keys()}
    for path in (ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))):
        texts[str(path.relative_to(ROOT))] = path.read_text(encoding="utf-8")
    return texts


def test_no_text_still_tells_the_old_rules():
    stale = [f"{where}: {pattern.pattern}" for where, text in documents().items() for pattern in OLD_RULES
             if pattern.search(text)]
    assert not stale, "\n".join(stale)


# --------------------------------------------------------------------------- the narration

def test_the_narration_tells_the_round_the_takeover_and_the_prize():
    out = io.StringIO()
    narrator = Narrator(load_scenario("classic"), NAMES, out)
    for event in (ev.FundsRaised(0, 2000, 8000, 0.8, 2300), ev.TakenOver(1, 2100, 2300), ev.Exited(1, 0),
                  ev.AgiPrizeAwarded(2, 45678)):
        narrator.note(event, None)
    told = out.getvalue()
    assert "Ada raises $2,000M at its net worth of $8,000M (founders keep 80%; investors' preference now $2,300M)" \
        in told
    assert "Bo is taken over by its investors: net worth $2,100M, preference $2,300M" in told
    assert "Bo leaves the race" not in told  # the takeover already said so
    assert "Cy reaches AGI and adds the AGI prize, $45,678M (100% of the other firms' net worth)" in told
