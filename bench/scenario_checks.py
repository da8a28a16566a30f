#!/usr/bin/env python3
"""The headless checks docs/scenarios.md quotes for each shipped scenario, in one run.

Four seats of calculator, aggressive, cautious and steady, the bots rotated through every seat
(games ÷ 4 per rotation, so no bot keeps a firm), seed 1:
- every scenario: each bot's win rate, the share of games ending in AGI, decisions per year, and
  the share of firms that leave the race (two sit-outs running, or a takeover);
- a scenario with export-restricted firms: how often a restricted firm finishes first, and a free one;
- an all-pay year (dollar-auction): rent dissipation, total stakes ÷ the prize.

    python bench/scenario_checks.py --games 400 --jobs 2
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.content import list_scenarios, load_scenario  # noqa: E402
from game.headless.runner import RunConfig, run_games  # noqa: E402

BOTS = ("calculator", "aggressive", "cautious", "steady")


def rotated(scenario: str, games: int, jobs: int) -> list[tuple[tuple[str, ...], dict]]:
    """(the bot in each seat, the game's record) for `games` games over the four rotations."""
    played = []
    for shift in range(len(BOTS)):
        seats = BOTS[shift:] + BOTS[:shift]
        config = RunConfig(seats=seats, games=games // len(BOTS), seed=100 + shift, scenario=scenario,
                           time_limit=None)
        played += [(seats, record) for record in run_games(config, jobs=jobs)]
    return played


def first_share(played, wanted) -> float:
    """Share of games the seats for which `wanted(seats, seat)` holds finished first, per such seat."""
    wins = seats_counted = 0.0
    for seats, record in played:
        for seat in range(len(seats)):
            if wanted(seats, seat):
                seats_counted += 1
                if seat in record["winners"]:
                    wins += 1 / len(record["winners"])
    return wins / seats_counted


def report(name: str, played) -> list[str]:
    scenario = load_scenario(name)
    lines = [f"{name}:"]
    rates = [f"{bot} {first_share(played, lambda seats, seat, bot=bot: seats[seat] == bot):.0%}" for bot in BOTS]
    lines.append("  win: " + ", ".join(rates))
    agi = statistics.fmean(record["over_reason"] == "agi" for _, record in played)
    decisions = sum(sum(seat["decisions"] for seat in record["seats"]) for _, record in played)
    years = sum(record["years"] for _, record in played)
    exits = statistics.fmean(seat["exited"] for _, record in played for seat in record["seats"])
    lines.append(f"  AGI ends {agi:.1%} of games; {decisions / years:.1f} decisions a year (bots' free mix "
                 f"changes included); {exits:.0%} of firms leave the race")
    if scenario.export_restricted:
        profiles = [profile.id for profile in scenario.profiles[:len(BOTS)]]
        restricted = first_share(played, lambda seats, seat: profiles[seat] in scenario.export_restricted)
        free = first_share(played, lambda seats, seat: profiles[seat] not in scenario.export_restricted)
        lines.append(f"  a restricted firm finishes first in {restricted:.0%} of games, a free one in {free:.0%} "
                     f"(25 % is even)")
    if scenario.years == 1 and scenario.market_share_bp == 0:
        spent = sum(seat["spent"] for _, record in played for seat in record["seats"])
        prize = sum(seat["won"] for _, record in played for seat in record["seats"])
        above = statistics.fmean(sum(seat["spent"] for seat in record["seats"])
                                 > sum(seat["won"] for seat in record["seats"]) for _, record in played)
        lines.append(f"  total stakes ÷ prize {spent / prize:.2f}; above 1 in {above:.0%} of games")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--games", type=int, default=400, help="games per scenario, a multiple of 4")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    if args.games < len(BOTS) or args.games % len(BOTS):
        parser.error(f"--games must be a positive multiple of {len(BOTS)}, got {args.games}")
    for name in list_scenarios():
        print("\n".join(report(name, rotated(name, args.games, args.jobs))), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
