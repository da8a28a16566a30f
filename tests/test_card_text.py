"""Card and event rules text is generated from the scenario data, in English and German."""

import re
import tomllib

import pytest

from game.content import list_scenarios, load_scenario
from game.content.text import (
    LOCALE_DIR, capability, describe_card, describe_condition, describe_effect, describe_event,
    domain_name, load_locale, money, number, percent, percent_change, signed, supported_languages,
    times, vendor_name,
)
from game.core.scenario import (
    CONDITION_TESTS, DOMAINS, EFFECT_PARAMS, LANGUAGES, VENDORS, Condition, Effect, EventCard, RDCard,
)

MINUS = "\u2212"


def _keys(lang):
    with (LOCALE_DIR / f"{lang}.toml").open("rb") as file:
        data = tomllib.load(file)
    return {f"{table}.{key}" for table, entries in data.items() for key in entries}


def _all_scenario_items():
    for scenario_id in list_scenarios():
        scenario = load_scenario(scenario_id)
        for card in scenario.rd_cards.values():
            yield scenario_id, card
        for event in scenario.events.values():
            yield scenario_id, event


# One value per condition test, and an effect of every kind in every variant the text distinguishes.
_TEST_VALUES = {"percent": 50, "h100e": 100_000, "money": 1_500, "domain": "energy"}


def _every_condition():
    for test, kind in CONDITION_TESTS.items():
        if kind == "bool":
            yield Condition(((test, True),))
            yield Condition(((test, False),))
        elif kind == "domain":
            for domain in DOMAINS:
                yield Condition(((test, domain),))
        else:
            yield Condition(((test, _TEST_VALUES[kind]),))
    yield Condition((("lacks_domain", "data"), ("compute_at_least", 250_000.5)))


def _every_effect():
    for vendor in range(len(VENDORS)):
        for factor in (0.5, 1.0, 1.25):
            yield Effect("price", vendor=vendor, factor=factor)
            yield Effect("supply", vendor=vendor, factor=factor)
    for factor in (0.7, 1.5):
        yield Effect("market", factor=factor)
    for delta in (-0.3, 0.0, 0.25):
        yield Effect("compute_weight", delta=delta)
        yield Effect("amd_efficiency", delta=delta)
    for domain in DOMAINS:
        yield Effect("domain_factor", domain=domain, factor=2.0)
        yield Effect("domain_bonus", domain=domain, points=1.0)
    yield Effect("firm_bonus", points=-2.0)
    for condition in _every_condition():
        yield Effect("firm_bonus", points=3.0, condition=condition)


def _exercise_everything(lang):
    """Describe every effect kind, condition test and card shape; format every kind of number."""
    texts = []
    for effect in _every_effect():
        texts.append(describe_effect(effect, lang))
    texts.append(describe_event(EventCard("two", {}, tuple(_every_effect())[:2]), lang))
    for condition in _every_condition():
        texts.append(describe_condition(condition, lang))
        texts.append(describe_card(RDCard("c", {}, "data", 1, condition, 4), lang))
    for domain in DOMAINS:
        texts.append(describe_card(RDCard("p", {}, domain, -2), lang))
    texts += [money(-1234, lang), number(0.5, lang), percent(50, lang), percent_change(1.4, lang),
              times(2, lang), capability(1, lang)]
    for _, item in _all_scenario_items():
        texts.append(describe_card(item, lang) if isinstance(item, RDCard) else describe_event(item, lang))
    return texts


# --------------------------------------------------------------------------- locale files

def test_both_languages_ship_a_locale_file():
    assert set(supported_languages()) == set(LANGUAGES)


def test_every_key_exists_in_both_locale_files():
    english, german = _keys("en"), _keys("de")
    assert english - german == set(), "missing in de.toml"
    assert german - english == set(), "missing in en.toml"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_key_is_used_by_the_text_module(lang):
    locale = load_locale(lang)
    locale.used.clear()
    _exercise_everything(lang)
    assert locale.keys() - locale.used == set(), "phrases no description uses"
    assert locale.keys() == _keys(lang)


def test_an_unknown_language_is_refused_naming_the_supported_ones():
    with pytest.raises(ValueError, match=r"unknown language 'fr'; supported languages are: de, en"):
        load_locale("fr")


def test_the_locale_is_read_once():
    assert load_locale("en") is load_locale("en")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_effect_kind_and_condition_test_has_text_without_placeholders(lang):
    for text in _exercise_everything(lang):
        assert text and "{" not in text and "}" not in text, text


# --------------------------------------------------------------------------- shipped scenarios

def _condition_numbers(condition, lang):
    numbers = []
    for test, value in condition.tests:
        kind = CONDITION_TESTS[test]
        if kind == "percent":
            numbers.append(percent(value, lang))
        elif kind == "h100e":
            numbers.append(number(value, lang))
        elif kind == "money":
            numbers.append(money(value, lang))
        elif kind == "domain":
            numbers.append(domain_name(value, lang))
    return numbers


def _effect_numbers(effect, lang):
    """How each datum of the effect must appear in its text."""
    numbers = []
    for param in EFFECT_PARAMS[effect.kind]:
        if param == "vendor":
            numbers.append(vendor_name(effect.vendor, lang))
        elif param == "factor":
            shown = times if effect.kind == "domain_factor" else percent_change
            numbers.append(shown(effect.factor, lang))
        elif param == "delta":
            numbers.append(signed(effect.delta, lang))
        elif param == "domain":
            numbers.append(domain_name(effect.domain, lang))
        elif param == "points":
            numbers.append(signed(effect.points, lang))
    if effect.condition is not None:
        numbers += _condition_numbers(effect.condition, lang)
    return numbers


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_shipped_card_and_event_says_every_number_of_its_data(lang):
    checked = 0
    for scenario_id, item in _all_scenario_items():
        if isinstance(item, RDCard):
            text = describe_card(item, lang)
            wanted = [signed(item.points, lang), domain_name(item.domain, lang)]
            if item.condition is not None:
                wanted += [signed(item.condition_points, lang)] + _condition_numbers(item.condition, lang)
        else:
            text = describe_event(item, lang)
            wanted = [n for effect in item.effects for n in _effect_numbers(effect, lang)]
        assert text.strip(), (scenario_id, item.id)
        assert "{" not in text and "}" not in text, (scenario_id, item.id, text)
        for shown in wanted:
            assert shown in text, f"{scenario_id}/{item.id} ({lang}): {shown!r} missing from {text!r}"
        checked += 1
    assert checked > 100


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_event_says_once_that_it_lasts_the_rest_of_the_year(lang):
    phrase = {"en": "for the rest of the year", "de": "für den Rest des Jahres"}[lang]
    for scenario_id, item in _all_scenario_items():
        if isinstance(item, EventCard):
            text = describe_event(item, lang)
            assert text.count(phrase) == 1 and text.endswith(phrase), (scenario_id, item.id, text)


def test_thresholds_are_written_in_the_languages_number_format():
    card = load_scenario("seed-2024").rd_cards["interconnect"]
    assert "1,000,000 H100e" in describe_card(card, "en")
    assert "1.000.000 H100e" in describe_card(card, "de")


def test_negative_numbers_use_a_real_minus_sign():
    event = load_scenario("classic").events["scaling_wall"]
    for lang in LANGUAGES:
        assert "-" not in describe_event(event, lang).replace("AMD-", "")
        assert f"{MINUS}0" in describe_event(event, lang)


# --------------------------------------------------------------------------- exact wording

CLASSIC_CARDS = {
    "rocm_tuning": (
        "+1 capability (Hardware); +4 instead if at least 50 % of the firm's effective compute runs on AMD chips",
        "+1 Fähigkeitspunkt (Hardware); stattdessen +4, wenn mindestens 50 % der effektiven Rechenleistung "
        "der Firma auf AMD-Chips laufen",
    ),
    "synthetic_data": (
        "+1 capability (Data); +5 instead if the firm has at least 100,000 H100e of effective compute",
        "+1 Fähigkeitspunkt (Daten); stattdessen +5, wenn die Firma mindestens 100.000 H100e effektive "
        "Rechenleistung hat",
    ),
    "open_source_community": (
        "+1 capability (Talent); +4 instead if the firm does not lead the table in effective compute "
        "(not even tied)",
        "+1 Fähigkeitspunkt (Talent); stattdessen +4, wenn die Firma bei der effektiven Rechenleistung nicht "
        "vorn liegt (auch nicht gleichauf)",
    ),
    "team_poached": ("−4 capability (Talent)", "−4 Fähigkeitspunkte (Talent)"),
}

CLASSIC_EVENTS = {
    "chip_shortage": (
        "Nvidia prices +40 % for the rest of the year",
        "Nvidia-Preise +40 % für den Rest des Jahres",
    ),
    "amd_volume": (
        "AMD prices −25 % for the rest of the year",
        "AMD-Preise −25 % für den Rest des Jahres",
    ),
    "power_crunch": (
        "Energy cards count ×2; −2 capability for every firm without an Energy card for the rest of the year",
        "Energie-Karten zählen ×2; −2 Fähigkeitspunkte für jede Firma ohne Energie-Karte für den Rest des Jahres",
    ),
    "open_weights": (
        "+3 capability for every firm except the compute leader(s) for the rest of the year",
        "+3 Fähigkeitspunkte für jede Firma mit weniger effektiver Rechenleistung als die führende Firma "
        "für den Rest des Jahres",
    ),
    "scaling_wall": (
        "Compute weight −0.3 (−3 capability per tenfold of effective compute) for the rest of the year",
        "Gewicht der Rechenleistung −0,3 (−3 Fähigkeitspunkte je Verzehnfachung der effektiven Rechenleistung) "
        "für den Rest des Jahres",
    ),
    "export_controls": (
        "Nvidia chip supply −50 % (its price climbs faster as the table buys) for the rest of the year",
        "Angebot an Nvidia-Chips −50 % (der Preis steigt schneller, je mehr am Tisch gekauft wird) "
        "für den Rest des Jahres",
    ),
    "hype_cycle": (
        "Base market in the pot +50 % for the rest of the year",
        "Basismarkt im Pot +50 % für den Rest des Jahres",
    ),
    "rocm_release": (
        "AMD efficiency +0.1 (each AMD H100e counts 0.1 H100e more toward effective compute) "
        "for the rest of the year",
        "AMD-Effizienz +0,1 (jedes AMD-H100e zählt 0,1 H100e mehr zur effektiven Rechenleistung) "
        "für den Rest des Jahres",
    ),
    "paper_published": (
        "+2 capability per Algorithms card for the rest of the year",
        "+2 Fähigkeitspunkte je Algorithmen-Karte für den Rest des Jahres",
    ),
    "amd_anchor_deal": (
        "+2 capability for every firm with at least 50 % of its effective compute on AMD chips "
        "for the rest of the year",
        "+2 Fähigkeitspunkte für jede Firma mit mindestens 50 % ihrer effektiven Rechenleistung auf AMD-Chips "
        "für den Rest des Jahres",
    ),
}


@pytest.mark.parametrize("card_id", CLASSIC_CARDS)
def test_card_wording(card_id):
    card = load_scenario("classic").rd_cards[card_id]
    english, german = CLASSIC_CARDS[card_id]
    assert describe_card(card, "en") == english
    assert describe_card(card, "de") == german


@pytest.mark.parametrize("event_id", CLASSIC_EVENTS)
def test_event_wording(event_id):
    event = load_scenario("classic").events[event_id]
    english, german = CLASSIC_EVENTS[event_id]
    assert describe_event(event, "en") == english
    assert describe_event(event, "de") == german


def test_a_single_effect_is_described_on_its_own():
    effect = load_scenario("classic").events["power_crunch"].effects[0]
    assert describe_effect(effect, "en") == "Energy cards count ×2"
    assert describe_effect(effect, "de") == "Energie-Karten zählen ×2"


def test_a_condition_with_several_tests_joins_them():
    condition = Condition((("lacks_domain", "data"), ("cash_at_least", 2_500)))
    assert describe_condition(condition, "en") == (
        "the firm holds no Data card and the firm has at least $2,500M in cash")
    assert describe_condition(condition, "de") == (
        "die Firma keine Daten-Karte hat und die Firma mindestens 2.500 Mio. $ Bargeld hat")
    bonus = Effect("firm_bonus", points=1.0, condition=condition)
    assert describe_effect(bonus, "en") == (
        "+1 capability for every firm without a Data card and with at least $2,500M in cash")
    assert describe_effect(bonus, "de") == ("+1 Fähigkeitspunkt für jede Firma ohne Daten-Karte und mit mindestens "
                                            "2.500 Mio. $ Bargeld")


def test_a_bonus_without_condition_goes_to_every_firm():
    assert describe_effect(Effect("firm_bonus", points=-1.5), "en") == "−1.5 capability for every firm"
    assert describe_effect(Effect("firm_bonus", points=-1.5), "de") == "−1,5 Fähigkeitspunkte für jede Firma"


def test_more_supply_says_prices_climb_more_slowly_and_no_change_says_nothing_extra():
    assert describe_effect(Effect("supply", vendor=1, factor=1.25), "en") == (
        "AMD chip supply +25 % (its price climbs more slowly as the table buys)")
    assert describe_effect(Effect("supply", vendor=1, factor=1.0), "de") == "Angebot an AMD-Chips ±0 %"


# --------------------------------------------------------------------------- numbers and money

@pytest.mark.parametrize("amount, english, german", [
    (1234, "$1,234M", "1.234 Mio. $"),
    (500, "$500M", "500 Mio. $"),
    (0, "$0M", "0 Mio. $"),
    (3_000_000, "$3,000,000M", "3.000.000 Mio. $"),
    (-200, "−$200M", "−200 Mio. $"),
])
def test_money(amount, english, german):
    assert money(amount, "en") == english
    assert money(amount, "de") == german


@pytest.mark.parametrize("value, english, german", [
    (3_000_000, "3,000,000", "3.000.000"),
    (0.3, "0.3", "0,3"),
    (1234.5, "1,234.5", "1.234,5"),
    (2.0, "2", "2"),
    (0.555, "0.56", "0,56"),
    (-0.25, "−0.25", "−0,25"),
    (-0.0001, "0", "0"),
    (100, "100", "100"),
])
def test_numbers(value, english, german):
    assert number(value, "en") == english
    assert number(value, "de") == german


@pytest.mark.parametrize("factor, shown", [
    (1.4, "+40 %"), (0.75, "−25 %"), (1.15, "+15 %"), (0.7, "−30 %"), (1.0, "±0 %"), (2.0, "+100 %"),
    (1.125, "+12.5 %"),
])
def test_percent_change(factor, shown):
    assert percent_change(factor, "en") == shown
    assert percent_change(factor, "de") == shown.replace(".", ",")


def test_signed_numbers_and_factors():
    assert [signed(v, "en") for v in (2, -2, 0.3, -0.3, 0)] == ["+2", "−2", "+0.3", "−0.3", "±0"]
    assert [signed(v, "de") for v in (0.3, -0.3)] == ["+0,3", "−0,3"]
    assert times(0.5, "en") == "×0.5" and times(0.5, "de") == "×0,5"
    assert percent(50, "en") == "50 %" and percent(12.5, "de") == "12,5 %"


def test_capability_points_are_singular_for_one_in_german():
    assert capability(1, "de") == "+1 Fähigkeitspunkt"
    assert capability(-1, "de") == "−1 Fähigkeitspunkt"
    assert capability(2, "de") == "+2 Fähigkeitspunkte"
    assert capability(1, "en") == capability(1, "en") == "+1 capability"


def test_the_text_module_loads_neither_pygame_nor_numpy():
    import subprocess
    import sys
    from pathlib import Path

    code = ("import sys, game.content.text; "
            "print(sorted(m for m in ('pygame', 'numpy') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).resolve().parents[1],
                         capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_both_languages_fill_each_phrase_from_the_same_values():
    """Both languages' phrases for a key draw on the same values (a German-only value would be a bug)."""
    en, de = load_locale("en"), load_locale("de")
    fields = re.compile(r"\{(\w+)\}")
    # The deliberate differences: after "ohne" German needs no article and after "mit" the
    # dative, so it names the domain where English uses the card with its article.
    allowed = {"firms.has_domain", "firms.lacks_domain"}
    for key in en.keys():
        if key in allowed:
            continue
        assert set(fields.findall(en.get(key))) == set(fields.findall(de.get(key))), key
