"""The balance report: standard six-seat matchups of mixed personalities.

Every table seats each personality once plus one of them a second time, and every
table is played in all six rotations so that no personality keeps a seat (the first
seat acts first in the first year). The report gives each personality's win rate, how
years are decided, how long games last, whether the early compute leader runs away
with the game, and how often the race ends in AGI.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .runner import RunConfig, run_games, wilson_interval

SEATS = 6


@dataclass
class BalanceReport:
    games: int
    win_rates: dict[str, tuple[float, float, float, int]]  # personality -> (rate, low, high, seats played)
    showdown_share: float  # of years with a winner, the share decided at a showdown (the rest: by folds)
    median_years: float
    early_leader_wins: float  # games where a compute leader after year 2 finishes first, of those with one
    agi_share: float
    end_reasons: dict[str, int]

    def markdown(self) -> str:
        lines = ["| personality | win rate | 95 % interval | seats played |", "|---|---:|---:|---:|"]
        for name, (rate, low, high, played) in sorted(self.win_rates.items(), key=lambda item: -item[1][0]):
            lines.append(f"| {name} | {rate:.1%} | {low:.1%}–{high:.1%} | {played:,} |")
        reasons = ", ".join(f"{reason.replace('_', ' ')} {count:,}"
                            for reason, count in sorted(self.end_reasons.items()))
        lines += [
            "",
            "| figure | value |",
            "|---|---:|",
            f"| games | {self.games:,} |",
            f"| years decided at a showdown (rest: everyone else folded) | {self.showdown_share:.1%} |",
            f"| median game length (years) | {self.median_years:g} |",
            f"| compute leader after year 2 finishes first | {self.early_leader_wins:.1%} |",
            f"| games ending in AGI | {self.agi_share:.1%} |",
            f"| how games ended | {reasons} |",
        ]
        return "\n".join(lines)


def balance_tables(personalities: Sequence[str]) -> list[tuple[str, ...]]:
    """Each personality once, one of them twice, in every rotation."""
    tables = []
    for extra in personalities:
        base = list(personalities) + [extra]
        assert len(base) == SEATS, "the standard matchups need five personalities"
        for shift in range(SEATS):
            tables.append(tuple(base[shift:] + base[:shift]))
    return tables


def balance(personalities: Sequence[str], games_per_table: int, seed: int, scenario: str = "classic",
            jobs: int = 1, progress: Callable[[int], None] | None = None, backend=None) -> BalanceReport:
    wins: dict[str, float] = defaultdict(float)
    played: dict[str, int] = defaultdict(int)
    showdowns = folded = agi = leader_games = leader_wins = 0
    years: list[int] = []
    reasons: dict[str, int] = defaultdict(int)
    done = 0
    for number, seats in enumerate(balance_tables(personalities)):
        config = RunConfig(seats=seats, games=games_per_table, seed=seed * 1000 + number, scenario=scenario)
        for record in run_games(config, jobs=jobs, backend=backend):
            winners = record["winners"]
            for seat, bot in enumerate(seats):
                played[bot] += 1
                if seat in winners:
                    wins[bot] += 1 / len(winners)
            showdowns += record["years_at_showdown"]
            folded += record["years_folded_to_one"]
            years.append(record["years"])
            reasons[record["over_reason"]] += 1
            agi += record["over_reason"] == "agi"
            leaders = record["leader_after_year_2"]
            if leaders:
                leader_games += 1
                leader_wins += bool(set(leaders) & set(winners))
            done += 1
            if progress is not None:
                progress(done)
    rates = {}
    for bot in personalities:
        low, high = wilson_interval(wins[bot], played[bot])
        rates[bot] = (wins[bot] / played[bot], low, high, played[bot])
    return BalanceReport(
        games=done, win_rates=rates, showdown_share=showdowns / max(1, showdowns + folded),
        median_years=statistics.median(years), early_leader_wins=leader_wins / max(1, leader_games),
        agi_share=agi / max(1, done), end_reasons=dict(reasons),
    )
