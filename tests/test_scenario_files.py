"""Scenario files, DESIGN.md §2: "A bad file gets an error naming the file, the field and
what is wrong; nothing starts half-loaded."

Each file in tests/data/broken_scenarios/ is a copy of assets/scenarios/classic.toml with
exactly one thing broken; `BROKEN` says which field the error must name and what its
message must say.
"""

from __future__ import annotations

import copy
import tomllib
from pathlib import Path

import pytest

from game.content.scenarios import SCENARIO_DIR, list_scenarios, load_scenario
from game.core import ScenarioError, parse_scenario

BROKEN_DIR = Path(__file__).parent / "data" / "broken_scenarios"

# (file, the field the error names, words its problem must contain)
BROKEN = [
    # missing fields
    ("missing_field.toml", "rules.chip_lifetime_years", ["is missing"]),
    ("title_missing_german.toml", "title.de", ["is missing"]),
    ("effect_missing_param.toml", "events[4].effects[0].factor", ["is missing"]),
    ("condition_without_points.toml", "rd_cards[30].condition.points", ["is missing"]),
    # wrong types
    ("text_for_number.toml", "firms[0].cash", ["must be a whole number", "the text '6000'"]),
    ("number_for_flag.toml", "rules.race_mode", ["must be true or false", "the number 1"]),
    # numbers out of range
    ("negative_price.toml", "market.chips[0].price_usd", ["must be at least 1", "-50000"]),
    ("zero_h100e.toml", "market.chips[1].h100e", ["must be at least 0.001", "got 0.0"]),
    ("market_share_above_one.toml", "rules.market_share_of_spend",
     ["fraction from 0 to 1", "0.6 means 60 %", "got 60"]),
    ("last_before_first.toml", "years.last", ["at least years.first (2024)", "got 2020"]),
    # schedules
    ("short_schedule.toml", "schedules.amd_efficiency", ["lists 6 values", "7 years"]),
    ("negative_growth.toml", "schedules.ante.growth", ["must be greater than 0", "-1.6"]),
    ("negative_supply_growth.toml", "market.amd.supply.growth", ["must be greater than 0", "-2.2"]),
    # unknown names, with a did-you-mean where one is close
    ("unknown_domain.toml", "rd_cards[15].domain",
     ["must be one of algorithms, data, talent, energy, hardware", "'talents'", "did you mean 'talent'?"]),
    ("unknown_betting.toml", "rules.betting",
     ["must be one of no_limit, pot_limit, fixed_limit", "'no-limit'", "did you mean 'no_limit'?"]),
    ("unknown_effect_kind.toml", "events[0].effects[0].kind",
     ["must be one of price, supply, market", "'prices'", "did you mean 'price'?"]),
    ("unknown_condition_test.toml", "rd_cards[8].condition.compute_at_leats",
     ["unknown condition test", "did you mean 'compute_at_least'?"]),
    # a typo of a field that lives in [schedules]: the hint must point there, not to a
    # top-level field that merely shares letters
    ("unknown_top_field.toml", "antee", ["unknown field", "schedules.ante"]),
    ("optional_field_typo.toml", "rd_cards[4].copys", ["unknown field", "did you mean 'copies'?"]),
    # decks and tables too small
    ("empty_rd_deck.toml", "rd_cards", ["holds 0 card(s)", "at least 4"]),
    ("too_few_rd_cards.toml", "rd_cards", ["holds 3 card(s)", "at least 4"]),
    ("too_few_events.toml", "events", ["holds 3 event(s)", "a year reveals 4"]),
    ("event_without_effects.toml", "events[3].effects", ["at least one effect"]),
    ("one_firm.toml", "firms", ["lists 1 firm(s)", "at least 2"]),
    # the chip market
    ("year_without_chip.toml", "market.chips", ["no vendor sells a chip in 2027"]),
    ("duplicate_chip.toml", "market.chips[1].year", ["nvidia already has a chip for 2024"]),
    ("unknown_chip_tier.toml", "market.chips[8].tier",
     ["must be one of flagship, export", "'exprot'", "did you mean 'export'?"]),
    ("duplicate_export_chip.toml", "market.chips[9].year", ["nvidia already has an export-grade chip for 2024"]),
    # export controls: a restricted firm needs an export-grade chip every year
    ("export_restricted_without_export_chip.toml", "firms[2].export_restricted",
     ["Cygnus Systems is export-restricted", "no vendor sells an export-grade chip", "2024"]),
    # duplicate ids
    ("duplicate_card_id.toml", "rd_cards[1].id", ["'mixture_of_experts' is used twice"]),
    ("duplicate_firm_id.toml", "firms[1].id", ["'atlas' is used twice"]),
    # the file itself
    ("wrong_format.toml", "format", ["reads format 1", "got 2"]),
    ("invalid_syntax.toml", "(syntax)", ["not valid TOML", "line 43"]),
    # one 'ä' saved as Latin-1 on line 25: say it is not UTF-8 and where, not a byte offset
    ("not_utf8.toml", "(file)", ["utf-8", "line 25"]),
]


@pytest.mark.parametrize(("file_name", "field", "words"), BROKEN,
                         ids=[case[0].removesuffix(".toml") for case in BROKEN])
def test_broken_file_names_the_file_the_field_and_the_problem(file_name: str, field: str,
                                                              words: list[str]) -> None:
    with pytest.raises(ScenarioError) as caught:
        load_scenario(BROKEN_DIR / file_name)
    error = caught.value
    assert error.source == file_name
    assert error.field == field
    if field in ("(file)", "(syntax)"):
        assert str(error) == f"{file_name}: {error.problem}"
    else:
        assert str(error) == f"{file_name}: field '{field}': {error.problem}"
    for word in words:
        assert word.casefold() in error.problem.casefold(), f"{word!r} not in {error.problem!r}"


def test_every_broken_file_has_a_case() -> None:
    on_disk = sorted(path.name for path in BROKEN_DIR.glob("*.toml"))
    cases = sorted(case[0] for case in BROKEN)
    assert len(cases) == len(set(cases)), "a file is listed twice"
    assert on_disk == cases
    assert len(on_disk) >= 20


def test_every_shipped_scenario_loads() -> None:
    names = list_scenarios()
    assert "classic" in names
    assert names == sorted(path.stem for path in SCENARIO_DIR.glob("*.toml"))
    for name in names:
        scenario = load_scenario(name)
        assert scenario.id == name
        assert load_scenario(SCENARIO_DIR / f"{name}.toml") == scenario


def test_missing_file_is_named(tmp_path: Path) -> None:
    missing = tmp_path / "no_such_table.toml"
    with pytest.raises(ScenarioError) as caught:
        load_scenario(missing)
    assert "no_such_table.toml" in caught.value.source
    assert caught.value.field == "(file)"
    assert caught.value.problem == "no such file"


def test_unknown_shipped_name_is_named_and_the_shipped_ones_listed() -> None:
    with pytest.raises(ScenarioError) as caught:
        load_scenario("clasic")
    assert caught.value.source == "clasic"
    assert caught.value.field == "(file)"
    assert "no such scenario" in caught.value.problem
    for name in list_scenarios():
        assert name in caught.value.problem


def test_loading_a_broken_file_leaves_nothing_behind() -> None:
    before = load_scenario("classic")
    for file_name, _, _ in BROKEN:
        with pytest.raises(ScenarioError):
            load_scenario(BROKEN_DIR / file_name)
    after = load_scenario("classic")
    assert after == before
    assert repr(after) == repr(before)
    assert after.rd_deck == before.rd_deck and after.event_deck == before.event_deck


def test_parse_scenario_does_not_mutate_its_input() -> None:
    readable = 0
    for file_name, _, _ in BROKEN:
        try:
            data = tomllib.loads((BROKEN_DIR / file_name).read_text(encoding="utf-8"))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError):
            continue  # refused before parsing: nothing to mutate
        readable += 1
        untouched = copy.deepcopy(data)
        with pytest.raises(ScenarioError):
            parse_scenario(data, file_name)
        assert data == untouched, file_name
    assert readable == len(BROKEN) - 2

    data = tomllib.loads((SCENARIO_DIR / "classic.toml").read_text(encoding="utf-8"))
    untouched = copy.deepcopy(data)
    parse_scenario(data, "classic.toml")
    assert data == untouched


def test_the_classroom_scenarios_ship_with_teaching_notes_in_both_languages():
    """Issue 5: six scenarios a teacher can use, each with 3-5 talking points in English and German."""
    shipped = set(list_scenarios())
    assert {"classic", "seed-2024", "export-controls", "power-crunch", "dollar-auction", "classroom-45"} <= shipped
    for name in shipped:
        scenario = load_scenario(name)
        for lang in ("en", "de"):
            assert scenario.title[lang].strip(), (name, lang)
            notes = scenario.notes[lang]
            assert 3 <= len(notes) <= 5 and all(note.strip() for note in notes), (name, lang, len(notes))
        assert scenario.notes["en"] != scenario.notes["de"], name  # translated, not copied
    short = load_scenario("classroom-45")
    assert short.years <= 3 < load_scenario("classic").years  # the 45-minute variant plays fewer years
    assert any(firm.export_restricted for firm in load_scenario("export-controls").profiles)
