"""Checking a teacher's scenario file: a summary when it loads, a way to fix it when it does not.

`python main.py --check-scenario FILE` prints `summary(...)` or `explain(...)`. The rules
core says *what* is wrong (`ScenarioError`: file, field, problem); this module adds *how
to fix it*: a hint chosen by the kind of problem, and what the field means, its unit,
its allowed values and an example (the same facts docs/scenarios.md lists for every field).

>>> from game.core import ScenarioError
>>> print(explain(ScenarioError("my.toml", "rules.chip_lifetime_years", "must be at least 1, got 0")))
my.toml: the scenario has a problem and was not loaded
  field:      rules.chip_lifetime_years
  problem:    must be at least 1, got 0
  how to fix: use a value inside the allowed range: 1 to 20 (years).
  the field:  years a chip counts toward compute, including the year it was bought; then it is
              retired. Example: chip_lifetime_years = 5
"""

from __future__ import annotations

import re
import textwrap
from typing import NamedTuple

from game.core import Scenario, ScenarioError
from game.core.scenario import CONDITION_TESTS, EFFECT_PARAMS

DOCS = "docs/scenarios.md"
WIDTH = 100


class FieldHelp(NamedTuple):
    meaning: str
    allowed: str  # unit and allowed values
    example: str


_SCHEDULE = ("one value per year as a list, or { first = ..., growth = ... } (growth: factor per year, above 0, "
             "at most 100; every year's value must stay in the range)")

# Every field a scenario file may hold, by its path without list indices ("firms.cash").
# docs/scenarios.md documents the same fields (a test keeps the two in step).
FIELDS: dict[str, FieldHelp] = {
    "format": FieldHelp("the version of the file format", "the whole number 1", "format = 1"),
    "id": FieldHelp("the scenario's short name, used on the command line (--scenario ID) and in export folder "
                    "names", "1 to 40 letters, digits, - and _, starting with a letter or digit", 'id = "my-class"'),
    "title": FieldHelp("the scenario's title, in English and German", "a table with en and de",
                       'title = { en = "My class", de = "Meine Klasse" }'),
    "title.en": FieldHelp("the title in English", "text", 'en = "My class"'),
    "title.de": FieldHelp("the title in German", "text", 'de = "Meine Klasse"'),
    "notes": FieldHelp("teaching notes shown in the setup screen", "a table with en and de",
                       '[notes] en = ["..."] de = ["..."]'),
    "notes.en": FieldHelp("teaching notes in English", "a list of texts, 3–5 are best", 'en = ["First point."]'),
    "notes.de": FieldHelp("teaching notes in German", "a list of texts, 3–5 are best", 'de = ["Erster Punkt."]'),
    "years": FieldHelp("the years the game plays, one hand each", "a table with first and last",
                       "[years] first = 2024  last = 2030"),
    "years.first": FieldHelp("the first year", "a whole year, 1900 to 3000", "first = 2024"),
    "years.last": FieldHelp("the last year", "a whole year, from years.first to years.first + 49",
                            "last = 2030"),
    "rules": FieldHelp("the rules of the table", "a table", "[rules]"),
    "rules.betting": FieldHelp("the betting structure", "no_limit, pot_limit or fixed_limit",
                               'betting = "no_limit"'),
    "rules.race_mode": FieldHelp("whether a firm that wins a showdown with agi_threshold_h100e of compute ends "
                                 "the game and takes the AGI prize (agi_prize_share)", "true or false",
                                 "race_mode = true"),
    "rules.agi_threshold_h100e": FieldHelp("the effective compute that ends the race in race mode",
                                           "H100e, above 0, at most 10^12", "agi_threshold_h100e = 12_000_000"),
    "rules.agi_prize_share": FieldHelp("in race mode, the AGI winner adds this share of every other firm's net "
                                       "worth to its own (optional, default 1.0: the winner takes the market)",
                                       "0 to 10", "agi_prize_share = 1.0"),
    "rules.chip_lifetime_years": FieldHelp("years a chip counts toward compute, including the year it was "
                                           "bought; then it is retired", "1 to 20 (years)",
                                           "chip_lifetime_years = 5"),
    "rules.market_share_of_spend": FieldHelp("the share of every staked dollar that goes into the pot (the rest "
                                             "goes to the chip vendors)",
                                             "a fraction from 0 to 1 (0.35 = 35 %), at most 4 decimals",
                                             "market_share_of_spend = 0.35"),
    "rules.compute_weight": FieldHelp("how much compute counts in capability (optional, default 1.0)",
                                      "0 to 10", "compute_weight = 1.0"),
    "funding": FieldHelp("the yearly funding round", "a table", "[funding]"),
    "funding.enabled": FieldHelp("whether firms may sell shares to raise cash", "true or false",
                                 "enabled = true"),
    "funding.max_raise_pct": FieldHelp("the most a firm may raise in a year, as a share of its net worth, "
                                       "before hype: it may raise max_raise_pct × (1 + hype) of it",
                                       "0 to 100 (percent)", "max_raise_pct = 25"),
    "funding.hype_winner": FieldHelp("hype for last year's market winner: it may raise max_raise_pct × (1 + hype) "
                                     "of its net worth (rounds are always priced at net worth)",
                                     "0 to 10", "hype_winner = 1.0"),
    "funding.hype_leader": FieldHelp("hype for the compute leader", "0 to 10", "hype_leader = 0.5"),
    "funding.hype_other": FieldHelp("hype for every other firm", "0 to 10", "hype_other = 0.25"),
    "funding.investor_return": FieldHelp("the return investors expect: every dollar raised adds to their "
                                         "preference, which grows by this every year (optional, default 0.15)",
                                         "a fraction from 0 to 10 (0.15 = 15 %), at most 4 decimals",
                                         "investor_return = 0.15"),
    "opex": FieldHelp("power and operations, paid every year", "a table", "[opex]"),
    "opex.enabled": FieldHelp("whether firms pay opex for their compute", "true or false", "enabled = false"),
    "opex.usd_per_h100e_year": FieldHelp("opex per H100e of effective compute per year",
                                         "US dollars, 0 to 1,000,000",
                                         "usd_per_h100e_year = 1500"),
    "schedules": FieldHelp("numbers that change every year", "a table", "[schedules]"),
    "schedules.ante": FieldHelp("the table stakes each year", f"$M, 1 to 10^9; {_SCHEDULE}",
                                "ante = { first = 500, growth = 1.8 }"),
    "schedules.base_market": FieldHelp("the base market in each year's pot", f"$M, 0 to 10^9; {_SCHEDULE}",
                                       "base_market = { first = 1500, growth = 1.5 }"),
    "schedules.amd_efficiency": FieldHelp("how much an AMD H100e counts each year", f"0 to 2; {_SCHEDULE}",
                                          "amd_efficiency = [0.55, 0.70, 0.85]"),
    "schedules.ante.first": FieldHelp("the ante in the first year", "$M, 1 to 10^9", "first = 500"),
    "schedules.ante.growth": FieldHelp("the ante's factor per year (every year's ante must stay 1 to 10^9)",
                                       "above 0, at most 100 (1.8 = +80 % a year)", "growth = 1.8"),
    "schedules.base_market.first": FieldHelp("the base market in the first year", "$M, 0 to 10^9", "first = 1500"),
    "schedules.base_market.growth": FieldHelp("the base market's factor per year (every year's must stay 0 to "
                                              "10^9)", "above 0, at most 100", "growth = 1.5"),
    "schedules.amd_efficiency.first": FieldHelp("AMD efficiency in the first year", "0 to 2", "first = 0.55"),
    "schedules.amd_efficiency.growth": FieldHelp("AMD efficiency's factor per year (every year's must stay 0 "
                                                 "to 2)", "above 0, at most 100", "growth = 1.2"),
    "market": FieldHelp("the chip market", "a table", "[market]"),
    "market.chips": FieldHelp("the chip catalogue: one flagship per vendor and year (at least one vendor a "
                              "year), optionally one export-grade chip", "a list of tables",
                              'chips = [{ vendor = "nvidia", year = 2024, name = "H100 SXM", h100e = 1.0, '
                              'price_usd = 50_000, power_w = 700, first_year = 2022 }]'),
    "market.chips.vendor": FieldHelp("who sells the chip", "nvidia or amd", 'vendor = "nvidia"'),
    "market.chips.year": FieldHelp("the year it is on sale", "a year from years.first to years.last",
                                   "year = 2024"),
    "market.chips.name": FieldHelp("the chip's name", "text", 'name = "H100 SXM"'),
    "market.chips.h100e": FieldHelp("H100-equivalents per chip (dense BF16 TFLOPS ÷ 989)", "0.001 to 1000",
                                    "h100e = 2.28"),
    "market.chips.price_usd": FieldHelp("the all-in price per chip: chip plus servers, network and building",
                                        "US dollars, 1 to 10^9", "price_usd = 50_000"),
    "market.chips.power_w": FieldHelp("the chip's board power", "watts, 1 to 10^7", "power_w = 700"),
    "market.chips.first_year": FieldHelp("the year the chip first shipped", "a year, at most the chip's year",
                                         "first_year = 2022"),
    "market.chips.tier": FieldHelp("flagship (what everyone buys; the default) or export (what "
                                   "export-restricted firms buy instead)", "flagship or export", 'tier = "export"'),
    "market.nvidia": FieldHelp("Nvidia's scarcity and supply", "a table", "[market.nvidia]"),
    "market.amd": FieldHelp("AMD's scarcity and supply", "a table", "[market.amd]"),
    "market.nvidia.scarcity": FieldHelp("how fast Nvidia's price climbs as the table buys", "0 to 10",
                                        "scarcity = 0.5"),
    "market.amd.scarcity": FieldHelp("how fast AMD's price climbs as the table buys", "0 to 10", "scarcity = 0.2"),
    "market.nvidia.supply": FieldHelp("H100e the table can buy from Nvidia in a year before the price has "
                                      "risen by the full scarcity", f"H100e, 1 to 10^12; {_SCHEDULE}",
                                      "supply = { first = 100_000, growth = 2.2 }"),
    "market.amd.supply": FieldHelp("H100e the table can buy from AMD in a year (as for Nvidia)",
                                   f"H100e, 1 to 10^12; {_SCHEDULE}", "supply = { first = 30_000, growth = 2.2 }"),
    "market.nvidia.supply.first": FieldHelp("Nvidia's supply in the first year", "H100e, 1 to 10^12",
                                            "first = 100_000"),
    "market.nvidia.supply.growth": FieldHelp("Nvidia's supply factor per year (every year's supply must stay 1 "
                                             "to 10^12)", "above 0, at most 100", "growth = 2.2"),
    "market.amd.supply.first": FieldHelp("AMD's supply in the first year", "H100e, 1 to 10^12", "first = 30_000"),
    "market.amd.supply.growth": FieldHelp("AMD's supply factor per year (every year's supply must stay 1 to "
                                          "10^12)", "above 0, at most 100", "growth = 2.2"),
    "firms": FieldHelp("the firm profiles a seat can play (at least 2)", "a list of [[firms]] tables",
                       '[[firms]] id = "atlas" name = "Atlas AI" cash = 6000 income = 1200 income_growth = 0.15'),
    "firms.id": FieldHelp("the firm's short name (unique)", "1 to 40 letters, digits, - and _", 'id = "atlas"'),
    "firms.name": FieldHelp("the firm's name as shown", "text", 'name = "Atlas AI"'),
    "firms.cash": FieldHelp("cash at the start", "$M, 0 to 10^9", "cash = 6000"),
    "firms.income": FieldHelp("base income in the first year, paid at the start of every year", "$M, 0 to 10^9",
                              "income = 1200"),
    "firms.income_growth": FieldHelp("income growth per year (every year's income must stay 0 to 10^9)",
                                     "−0.5 to 2.0 (0.15 = +15 % a year)",
                                     "income_growth = 0.15"),
    "firms.amd_pct": FieldHelp("share of every stake spent on AMD at the start (optional, default 0)",
                               "0 to 100 (percent)", "amd_pct = 25"),
    "firms.export_restricted": FieldHelp("whether the firm may buy only export-grade chips (optional, "
                                         "default false); every year then needs a chip with tier = \"export\"",
                                         "true or false", "export_restricted = true"),
    "firms.lots": FieldHelp("chips the firm holds at the start (optional)", "a list of tables",
                            'lots = [{ year = 2024, vendor = "nvidia", chip = "H100", h100e = 20_000, cost = 1000 }]'),
    "firms.lots.year": FieldHelp("the year the lot was bought", "a year, at most years.first", "year = 2023"),
    "firms.lots.vendor": FieldHelp("who made the chips", "nvidia or amd", 'vendor = "nvidia"'),
    "firms.lots.chip": FieldHelp("the chips' name", "text", 'chip = "H100 SXM"'),
    "firms.lots.h100e": FieldHelp("the lot's compute", "H100e, above 0, at most 10^12", "h100e = 20_000"),
    "firms.lots.cost": FieldHelp("what the lot cost (its book value when new)", "$M, 0 to 10^9", "cost = 1000"),
    "rd_cards": FieldHelp("the private R&D deck (at least 4 cards; two per seat are dealt)",
                          "a list of [[rd_cards]] tables",
                          '[[rd_cards]] id = "star" title = { en = "Star", de = "Star" } domain = "talent" points = 4'),
    "rd_cards.id": FieldHelp("the card's short name (unique)", "1 to 40 letters, digits, - and _",
                             'id = "star_researcher"'),
    "rd_cards.title": FieldHelp("the card's title", "a table with en and de",
                                'title = { en = "Star researcher", de = "Star-Forscherin" }'),
    "rd_cards.title.en": FieldHelp("the card's title in English", "text", 'en = "Star researcher"'),
    "rd_cards.title.de": FieldHelp("the card's title in German", "text", 'de = "Star-Forscherin"'),
    "rd_cards.domain": FieldHelp("the card's domain", "algorithms, data, talent, energy or hardware",
                                 'domain = "talent"'),
    "rd_cards.points": FieldHelp("capability points", "a whole number, −10 to 10", "points = 4"),
    "rd_cards.condition": FieldHelp("points that replace `points` when all its tests hold (optional)",
                                    "a table of tests plus points",
                                    "condition = { amd_share_at_least = 50, points = 4 }"),
    "rd_cards.condition.points": FieldHelp("the points when the condition holds", "a whole number, −10 to 10",
                                           "points = 4"),
    "rd_cards.copies": FieldHelp("how many copies of the card the deck holds (optional, default 1)", "1 to 50",
                                 "copies = 2"),
    "events": FieldHelp("the market-event deck (at least 4; four are revealed a year)",
                        "a list of [[events]] tables",
                        '[[events]] id = "boom" title = { en = "Boom", de = "Boom" } '
                        'effects = [{ kind = "market", factor = 1.3 }]'),
    "events.id": FieldHelp("the event's short name (unique)", "1 to 40 letters, digits, - and _",
                           'id = "chip_shortage"'),
    "events.title": FieldHelp("the event's headline", "a table with en and de",
                              'title = { en = "Chip shortage", de = "Chipmangel" }'),
    "events.title.en": FieldHelp("the headline in English", "text", 'en = "Chip shortage"'),
    "events.title.de": FieldHelp("the headline in German", "text", 'de = "Chipmangel"'),
    "events.copies": FieldHelp("how many copies the deck holds (optional, default 1)", "1 to 50", "copies = 2"),
    "events.effects": FieldHelp("what the event does for the rest of the year (at least one effect)",
                                "a list of tables, each with a kind",
                                'effects = [{ kind = "price", vendor = "nvidia", factor = 1.4 }]'),
    "events.effects.kind": FieldHelp("the effect", ", ".join(EFFECT_PARAMS), 'kind = "price"'),
    "events.effects.vendor": FieldHelp("whose price or supply changes", "nvidia or amd", 'vendor = "nvidia"'),
    "events.effects.factor": FieldHelp("a multiplier (price, supply, market, domain_factor)",
                                       "0.01 to 10 (1.4 = +40 %)", "factor = 1.4"),
    "events.effects.delta": FieldHelp("a change added (compute_weight, amd_efficiency)", "−5 to 5",
                                      "delta = -0.3"),
    "events.effects.domain": FieldHelp("the R&D domain affected", "algorithms, data, talent, energy or hardware",
                                       'domain = "energy"'),
    "events.effects.points": FieldHelp("capability points (domain_bonus, firm_bonus)", "−20 to 20",
                                       "points = -2"),
    "events.effects.condition": FieldHelp("which firms a firm_bonus applies to (optional): all tests must hold",
                                          "a table of tests", 'condition = { lacks_domain = "energy" }'),
}
_TESTS = ", ".join(CONDITION_TESTS)
for _test, _kind in CONDITION_TESTS.items():
    _allowed = {"percent": "0 to 100 (percent)", "h100e": "H100e, 0 to 10^12", "money": "$M, 0 to 10^9",
                "bool": "true or false", "domain": "algorithms, data, talent, energy or hardware"}[_kind]
    _example = {"percent": "50", "h100e": "100_000", "money": "1000", "bool": "true", "domain": '"energy"'}[_kind]
    for _where in ("rd_cards.condition", "events.effects.condition"):
        FIELDS[f"{_where}.{_test}"] = FieldHelp(f"condition test {_test}", _allowed, f"{_test} = {_example}")


# How to fix each kind of problem, by a pattern on the problem's words. First match wins.
# {where}, {example}, {e_g} and {allowed} are filled in from the field (see `how_to_fix`).
HINTS: list[tuple[str, str]] = [
    (r"no such file|no such scenario|cannot be read|is a folder|not a regular file",
     "check the file's name and folder (a shipped scenario can be named without .toml, e.g. classic)."),
    (r"not UTF-8", "save the file as UTF-8 text in your editor (\"Save as…\", encoding UTF-8)."),
    (r"is too large", "a scenario file is a few dozen KB: check that this is the file you meant."),
    (r"nested too deeply", "remove the extra [ ] or { }: no field of a scenario nests lists or tables that deep."),
    (r"digits", "write a number the field's range allows (see the field's entry in docs/scenarios.md)."),
    (r"not valid TOML", "fix the line named: text needs double quotes, each setting is `name = value`, and "
                        "every [ { \" opened must be closed."),
    (r"reads format", "set `format = 1` at the top of the file."),
    (r"is missing", "add the field{where}: {example}."),
    (r"must be a whole number", "write a whole number, without quotes or a decimal point{e_g}."),
    (r"must be a number", "write a number, without quotes{e_g}."),
    (r"must be true or false", "write true or false, in lower case and without quotes{e_g}."),
    (r"must be non-empty text", "write the text in double quotes{e_g}."),
    (r"must be a fraction", "write the share as a fraction: 0.35 means 35 %."),
    (r"must be one of", "use one of the values listed, spelt exactly as there{e_g}."),
    (r"must be (at least|at most|greater than)|grows past|falls below",
     "use a value inside the allowed range: {allowed}."),
    (r"lists \d+ values but the scenario has \d+ years",
     "give exactly one value per year from years.first to years.last, or write "
     "{ first = ..., growth = ... } instead of a list."),
    (r"unknown condition test", f"use one of the tests {_TESTS}."),
    (r"unknown field", "check the spelling (see the suggestion, if any) or delete the line; every field a "
                       f"scenario may hold is listed in {DOCS}."),
    (r"is used twice", "give each one its own id."),
    (r"must be a short name", "write the id with letters, digits, - and _ only, e.g. {example}."),
    (r"already has (a chip|an export-grade chip) for",
     "each vendor sells one flagship and at most one export-grade chip a year: change the year of one "
     "entry or remove it."),
    (r"no vendor sells a chip in", "add a chip for that year to market.chips, e.g. { vendor = \"nvidia\", "
                                   "year = ..., name = \"...\", h100e = 1.0, price_usd = 50_000, power_w = 700, "
                                   "first_year = ... }."),
    (r"is export-restricted, but no vendor sells",
     "add an export-grade chip for that year to market.chips (the same fields plus tier = \"export\"), or "
     "set export_restricted = false for this firm."),
    (r"holds \d+ card", "add R&D cards, or raise the `copies` of some, until the deck holds enough."),
    (r"holds \d+ event", "add events, or raise the `copies` of some, to at least 4."),
    (r"lists \d+ firm", "add [[firms]] tables: a game needs at least 2 firms."),
    (r"needs at least one test", "give the condition a test, e.g. condition = { amd_share_at_least = 50, "
                                 "points = 4 }."),
    (r"at least one effect", "add an effect, e.g. effects = [{ kind = \"market\", factor = 1.2 }]."),
    (r"non-empty list of texts", "write a list of texts, e.g. en = [\"First point.\", \"Second point.\"]."),
    (r"must be a table", "write a table: a [section] heading, or { name = value, ... }."),
    (r"must be a list", "write a list in square brackets, e.g. [1, 2, 3]."),
]


# Hints for one field's problem, checked before HINTS: (field pattern, problem pattern, hint).
FIELD_HINTS: list[tuple[str, str, str]] = [
    (r"^market\.chips\[\d+\]\.year$", r"must be at most",
     "remove the chips of the years after years.last from market.chips (or set years.last later)."),
    (r"^market\.chips\[\d+\]\.year$", r"must be at least",
     "remove the chips of the years before years.first from market.chips (or set years.first earlier)."),
]


def field_help(field: str) -> FieldHelp | None:
    """What a field is, e.g. for "firms[2].cash" or "events[0].effects[1].factor"."""
    return FIELDS.get(re.sub(r"\[\d+\]", "", field))


def how_to_fix(error: ScenarioError) -> str:
    """A sentence saying how to fix the problem `error` names."""
    help_ = field_help(error.field)
    leaf = error.field.rsplit(".", 1)[-1]
    table = error.field.rpartition(".")[0]
    values = {
        "where": f" in {table}" if table else " at the top of the file",
        "example": help_.example if help_ else f"{leaf} = ...",
        "e_g": f", e.g. {help_.example}" if help_ else "",
        "allowed": help_.allowed if help_ else "see the problem above",
    }
    for field_pattern, pattern, hint in FIELD_HINTS:
        if re.search(field_pattern, error.field) and re.search(pattern, error.problem):
            return hint
    for pattern, hint in HINTS:
        if re.search(pattern, error.problem):
            for name, value in values.items():
                hint = hint.replace(f"{{{name}}}", value)
            return hint
    return f"see {DOCS}: it lists every field, its unit, its allowed values and an example."


def explain(error: ScenarioError, path: str | None = None) -> str:
    """The error as a teacher reads it: file, field, problem, how to fix it, what the field is."""
    whole_file = error.field in ScenarioError.WHOLE_FILE
    lines = [f"{error.source}: the scenario has a problem and was not loaded"]
    if path is not None and path != error.source:
        lines.append(f"  {'file:':<12}{path}")  # never wrapped: a path must stay copyable
    lines.append(_row("field", "(the file itself)" if whole_file else error.field))
    lines.append(_row("problem", error.problem))
    lines.append(_row("how to fix", how_to_fix(error)))
    help_ = None if whole_file else field_help(error.field)
    if help_ is not None:
        lines.append(_row("the field", f"{help_.meaning}. Example: {help_.example}"))
    return "\n".join(lines)


def _row(label: str, text: str) -> str:
    head = f"  {label + ':':<12}"
    return textwrap.fill(text, WIDTH, initial_indent=head, subsequent_indent=" " * len(head),
                         break_on_hyphens=False, break_long_words=False)


def _money(amount: int) -> str:
    return f"${amount:,}M"


def _span(values) -> str:
    low, high = min(values), max(values)
    return f"{low:g}" if low == high else f"{low:g}–{high:g}"


def summary(scenario: Scenario, source: str) -> str:
    """A short summary of a scenario that loaded: years, firms, decks and the key numbers."""
    s = scenario
    first, last = s.first_year, s.last_year
    restricted = sum(profile.export_restricted for profile in s.profiles)
    seats = min(8, len(s.profiles), len(s.rd_deck) // 2)
    cash = {profile.cash for profile in s.profiles}
    income = {profile.income[0] for profile in s.profiles}
    flagships = sum(chip is not None for vendor in s.chips for chip in vendor)
    export = sum(chip is not None for vendor in s.export_chips for chip in vendor)
    betting = s.betting.replace("_", "-")
    race = (f"on: a showdown won with {s.agi_threshold_h100e:,.0f} H100e ends the race and adds "
            f"{s.agi_prize_share * 100:g} % of the others' net worth" if s.race_mode else "off")
    rows = [
        ("years", f"{first}–{last} ({s.years} year{'s' if s.years != 1 else ''})"),
        ("firms", f"{len(s.profiles)} ({restricted} export-restricted); a table seats 2 to {seats}"
                  if restricted else f"{len(s.profiles)}; a table seats 2 to {seats}"),
        ("cash", " / ".join(_money(c) for c in sorted(cash)) + " at the start; income "
                 + " / ".join(_money(i) for i in sorted(income)) + f" in {first}"),
        ("betting", f"{betting}; race mode {race}"),
        ("ante", f"{_money(s.ante[0])} in {first}" + (f" → {_money(s.ante[-1])} in {last}" if s.years > 1 else "")),
        ("market", f"base {_money(s.base_market[0])} in {first}"
                   + (f" → {_money(s.base_market[-1])} in {last}" if s.years > 1 else "")
                   + f"; {s.market_share_bp / 100:g} % of every stake goes into the pot"),
        ("chips", f"{flagships} flagship{'s' if flagships != 1 else ''}"
                  + (f", {export} export-grade" if export else "")
                  + f"; they count {s.lifetime} year{'s' if s.lifetime != 1 else ''};"
                  + f" AMD efficiency {_span(s.amd_efficiency)}"),
        ("funding", f"on, up to {s.max_raise_pct} % × (1 + hype) of net worth a year; investors expect "
                    f"{s.investor_return_bp / 100:g} % a year" if s.funding else "off"),
        ("opex", f"on, ${s.opex_usd_per_h100e:,.0f} per H100e a year" if s.opex else "off"),
        ("decks", f"{len(s.rd_deck)} R&D cards ({len(s.rd_cards)} kinds), "
                  f"{len(s.event_deck)} market events ({len(s.events)} kinds)"),
        ("notes", ", ".join(f"{len(s.notes[lang])} in {name}" for lang, name in (("en", "English"),
                                                                                   ("de", "German")))),
    ]
    lines = [f"{source}: OK — \"{s.title['en']}\" / \"{s.title['de']}\" (id {s.id})"]
    lines += [_row(label, text) for label, text in rows]
    return "\n".join(lines)
