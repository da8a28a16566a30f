"""The options a teacher changes in the setup screen, applied to a scenario's data.

A scenario keeps the mapping it was parsed from (`Scenario.source`). Custom rules are made
by copying that mapping, changing a few fields and parsing it again, so a custom table is
checked by exactly the rules a scenario file is, and a bad value gets the parser's message.

Options arrive as the text typed or chosen on the screen; an empty text keeps the
scenario's own value. Numbers may use a decimal comma ("1,8"). Text that is not a number is
passed on as it is, so the parser names the problem ("must be a number, got the text 'x'").

>>> from game.content import load_scenario
>>> classic = load_scenario("classic")
>>> teacher_defaults(classic)["ante_growth"], teacher_defaults(classic)["last_year"]
('1.8', '2030')
>>> custom = with_teacher_options(classic, {"last_year": "2026", "market_share_pct": "50"})
>>> custom.years, custom.market_share_bp, custom.amd_efficiency
(3, 5000, (0.55, 0.7, 0.85))
>>> with_teacher_options(classic, {"ante_growth": "0"})
Traceback (most recent call last):
  ...
game.core.errors.ScenarioError: classic (custom): field 'schedules.ante.growth': must be greater than 0.0, got 0
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from game.core import Problem, Scenario, ScenarioError, parse_scenario

OPTIONS = ("last_year", "cash", "ante_growth", "market_share_pct", "lifetime", "amd_efficiency")
LIFETIMES = (3, 5)  # the teaching choice: economic life vs the hyperscalers' books (DESIGN.md §1.3)


def _number_text(value: float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _all_equal(values) -> bool:
    return len(set(values)) == 1


def teacher_defaults(scenario: Scenario) -> dict[str, str]:
    """The scenario's own value of each option, as the screen shows it ("" where it has none:
    unequal starting cash, an ante or AMD efficiency given year by year)."""
    ante = scenario.source.get("schedules", {}).get("ante")
    amd = scenario.amd_efficiency
    return {
        "last_year": str(scenario.last_year),
        "cash": str(scenario.profiles[0].cash) if _all_equal(p.cash for p in scenario.profiles) else "",
        "ante_growth": _number_text(ante["growth"]) if isinstance(ante, Mapping) and "growth" in ante else "",
        "market_share_pct": f"{scenario.market_share_bp / 100:g}",
        "lifetime": str(scenario.lifetime),
        "amd_efficiency": f"{amd[0]:g}" if _all_equal(amd) else "",
    }


def _parsed(text: str) -> Any:
    """A number if `text` is one (a decimal comma allowed), else the text itself for the parser to refuse."""
    cleaned = text.strip().replace(" ", "").replace("_", "")
    for convert in (int, float):
        try:
            return convert(cleaned.replace(",", ".") if convert is float else cleaned)
        except ValueError:
            continue
    return text.strip()


def changed_options(scenario: Scenario, options: Mapping[str, str]) -> dict[str, str]:
    """The options whose text differs from the scenario's own value (empty text: unchanged)."""
    defaults = teacher_defaults(scenario)
    return {name: text for name, text in options.items()
            if name in defaults and text.strip() and text.strip() != defaults[name]}


def apply_teacher_options(data: dict, options: Mapping[str, str], source: str) -> dict:
    """Change `data` (a scenario mapping, changed in place and returned) by the teacher's options."""
    if text := options.get("last_year", "").strip():
        last = _parsed(text)
        first = data["years"]["first"]
        data["years"]["last"] = last
        if isinstance(last, int) and isinstance(first, int) and last >= first:
            years = last - first + 1
            # schedules given year by year lose the years cut off; so do the chips on sale in them
            schedules = data.get("schedules", {})
            for key in ("ante", "base_market", "amd_efficiency"):
                if isinstance(schedules.get(key), list):
                    schedules[key] = schedules[key][:years]
            for vendor in ("nvidia", "amd"):
                table = data.get("market", {}).get(vendor, {})
                if isinstance(table.get("supply"), list):
                    table["supply"] = table["supply"][:years]
            chips = data.get("market", {}).get("chips")
            if isinstance(chips, list):
                data["market"]["chips"] = [chip for chip in chips
                                           if not (isinstance(chip, Mapping) and isinstance(chip.get("year"), int)
                                                   and chip["year"] > last)]
    if text := options.get("cash", "").strip():
        for firm in data.get("firms", []):
            firm["cash"] = _parsed(text)
    if text := options.get("ante_growth", "").strip():
        ante = data["schedules"]["ante"]
        first = ante.get("first") if isinstance(ante, Mapping) else (ante[0] if ante else 0)
        data["schedules"]["ante"] = {"first": first, "growth": _parsed(text)}
    if text := options.get("market_share_pct", "").strip():
        share = _parsed(text)
        if isinstance(share, (int, float)):
            if not 0 <= share <= 100:
                raise ScenarioError(source, "rules.market_share_of_spend", Problem.of(
                    "scenario_problem.not_a_percentage", "must be from 0 to 100 %, got {given} %", given=text))
            share = share / 100
        data["rules"]["market_share_of_spend"] = share
    if text := options.get("lifetime", "").strip():
        data["rules"]["chip_lifetime_years"] = _parsed(text)
    if text := options.get("amd_efficiency", "").strip():
        years_table = data["years"]
        first, last = years_table["first"], years_table["last"]
        years = last - first + 1 if isinstance(first, int) and isinstance(last, int) and last >= first else 1
        data["schedules"]["amd_efficiency"] = [_parsed(text)] * years
    return data


def with_teacher_options(scenario: Scenario, options: Mapping[str, str], *,
                         betting: str | None = None, race_mode: bool | None = None) -> Scenario:
    """`scenario` with the changed options (and betting structure and race mode), parsed again as
    "<id> (custom)". Raises `ScenarioError` with the parser's message for a bad value."""
    source = f"{scenario.id} (custom)"
    data = scenario.data()
    data.setdefault("rules", {})
    if betting is not None:
        data["rules"]["betting"] = betting
    if race_mode is not None:
        data["rules"]["race_mode"] = race_mode
    apply_teacher_options(data, changed_options(scenario, options), source)
    return parse_scenario(data, source)
