"""The tournament runner: many bot games, reproducible from one seed, in parallel.

Each game's seed derives from the run's seed and the game's index, and every game is
played on its own, so the records (sorted by index) are the same whatever the number
of jobs. Nothing time-dependent goes into the records, except incidents of bots that
ran out of time.
"""

from __future__ import annotations

import hashlib
import multiprocessing
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from game.bots import make_bot_factory
from game.content import load_scenario
from game.content.saves import history_text
from game.core import ActionKind, new_game
from game.core import events as ev
from game.match import PUBLIC, Match, TurnDriver

RESULTS_FORMAT = "table-stakes/results"
RESULTS_VERSION = 1


@dataclass(frozen=True)
class RunConfig:
    seats: tuple[str, ...]  # one bot spec per seat: a built-in name or FILE.py:ClassName
    games: int
    seed: int
    scenario: str  # a shipped scenario's name or a file path
    time_limit: float | None = 1.0  # seconds per decision; None = no limit
    histories: str | None = None  # folder for one replayable hand history per game


def game_seed(run_seed: int, index: int) -> int:
    """The seed of game `index`: a stable hash, so it does not depend on which job plays it."""
    digest = hashlib.sha256(f"table-stakes-run:{run_seed}:{index}".encode()).digest()
    return int.from_bytes(digest[:7], "big")


class _Table:
    """What one process needs to play games of a run (built once per worker)."""

    def __init__(self, config: RunConfig) -> None:
        self.config = config
        self.scenario = load_scenario(config.scenario)
        self.factories = [make_bot_factory(spec) for spec in config.seats]
        seat_ids = [profile.id for profile in self.scenario.profiles]
        self.profiles = seat_ids[:len(config.seats)]

    def play(self, index: int) -> dict:
        config = self.config
        seed = game_seed(config.seed, index)
        match = Match(new_game(self.scenario, self.profiles, seed), config.seats)
        driver = TurnDriver(match, dict(enumerate(self.factories)), seed, config.time_limit)
        seats = len(self.profiles)
        hands, folds, showdowns = [0] * seats, [0] * seats, [0] * seats
        years_at_showdown = years_folded_to_one = 0
        third_year = self.scenario.first_year + 2
        leader_after_two: list[int] | None = None
        while not match.is_over:
            happened = driver.step().submitted.events
            for event in happened:
                kind = type(event)  # one look per event: a run sees millions of them
                if kind is ev.Acted:
                    if event.action.kind == ActionKind.FOLD:
                        folds[event.seat] += 1
                elif kind is ev.CardsDealt:
                    for dealt in event.seats:
                        hands[dealt] += 1
                elif kind is ev.CardsShown:
                    showdowns[event.seat] += 1
                elif kind is ev.YearEnded:
                    if event.showdown:
                        years_at_showdown += 1
                    elif any(type(e) is ev.PotAwarded for e in happened):
                        years_folded_to_one += 1
                elif kind is ev.YearStarted and event.year >= third_year and leader_after_two is None:
                    leader_after_two = []  # the leaders once the third year's first decision is up
            if leader_after_two == [] and not match.is_over:
                leader_after_two = sorted(match.view(PUBLIC).compute_leaders)
        if config.histories:
            path = Path(config.histories) / f"game-{index:06d}.json"
            path.write_text(history_text(match.history()), encoding="utf-8")
        final = match.view(PUBLIC)
        rows = {row.seat: row for row in match.standings()}
        winners = [row.seat for row in rows.values() if row.rank == 1]
        referees = driver.referees
        return {
            "game": index,
            "seed": seed,
            "years": final.year - self.scenario.first_year + 1,
            "over_reason": final.over_reason,
            "years_at_showdown": years_at_showdown,
            "years_folded_to_one": years_folded_to_one,
            "leader_after_year_2": leader_after_two,
            "winners": winners,
            "vendor_take": final.vendor_take,
            "seats": [
                {
                    "seat": seat, "bot": config.seats[seat], "firm": firm.name, "rank": rows[seat].rank,
                    "score": rows[seat].score, "net_worth": rows[seat].net_worth,
                    "ownership": round(firm.ownership, 6), "agi": rows[seat].agi_winner,
                    "exited": rows[seat].exited, "hands": hands[seat], "folds": folds[seat],
                    "showdowns": showdowns[seat], "spent": firm.spent_total, "won": firm.won_total,
                    "raised": firm.raised_total, "decisions": referees[seat].decisions,
                    "incidents": dict(sorted(referees[seat].incidents.items())),
                }
                for seat, firm in enumerate(final.firms)
            ],
        }


_worker_table: _Table | None = None


def _start_worker(config: RunConfig) -> None:
    global _worker_table
    _worker_table = _Table(config)


def _play_in_worker(index: int) -> dict:
    return _worker_table.play(index)


def run_games(config: RunConfig, jobs: int = 1,
              progress: Callable[[int], None] | None = None) -> list[dict]:
    """Play every game of the run; returns one record per game, in game order."""
    if config.histories:
        Path(config.histories).mkdir(parents=True, exist_ok=True)
    records: list[dict] = []
    for record in _records(config, jobs):
        records.append(record)
        if progress is not None:
            progress(len(records))
    records.sort(key=lambda record: record["game"])
    return records


def _records(config: RunConfig, jobs: int) -> Iterator[dict]:
    if jobs <= 1 or config.games < 2:
        table = _Table(config)
        for index in range(config.games):
            yield table.play(index)
        return
    chunk = max(1, min(50, config.games // (jobs * 8)))
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
    with context.Pool(jobs, initializer=_start_worker, initargs=(config,)) as pool:
        yield from pool.imap_unordered(_play_in_worker, range(config.games), chunksize=chunk)


def results_document(config: RunConfig, records: Sequence[dict]) -> dict:
    """The results file: the run's settings, one record per game and the summary."""
    return {
        "format": RESULTS_FORMAT,
        "version": RESULTS_VERSION,
        "run": {"seats": list(config.seats), "games": config.games, "seed": config.seed,
                "scenario": config.scenario, "time_limit": config.time_limit},
        "summary": summarize(config, records),
        "games": list(records),
    }


def wilson_interval(successes: float, trials: int, z: float = 1.96) -> tuple[float, float]:
    """95 % interval for a rate (Wilson score), which stays inside 0-1 for small counts."""
    if trials == 0:
        return 0.0, 0.0
    rate = successes / trials
    centre = (rate + z * z / (2 * trials)) / (1 + z * z / trials)
    half = z * ((rate * (1 - rate) + z * z / (4 * trials)) / trials) ** 0.5 / (1 + z * z / trials)
    return max(0.0, centre - half), min(1.0, centre + half)


def summarize(config: RunConfig, records: Sequence[dict]) -> dict:
    games = len(records)
    seats = []
    for seat, spec in enumerate(config.seats):
        rows = [record["seats"][seat] for record in records]
        wins = sum(1 / len(record["winners"]) for record in records if seat in record["winners"])
        hands = sum(row["hands"] for row in rows)
        low, high = wilson_interval(wins, games)
        incidents: Counter[str] = Counter()
        for row in rows:
            incidents.update(row["incidents"])
        seats.append({
            "seat": seat, "bot": spec, "firm": rows[0]["firm"] if rows else "",
            "win_rate": round(wins / games, 6) if games else 0.0,
            "win_rate_95": [round(low, 6), round(high, 6)],
            "mean_score": round(sum(row["score"] for row in rows) / games, 3) if games else 0.0,
            "agi_wins": sum(row["agi"] for row in rows),
            "exits": sum(row["exited"] for row in rows),
            "mean_years_played": round(hands / games, 3) if games else 0.0,
            "fold_rate": round(sum(row["folds"] for row in rows) / hands, 6) if hands else 0.0,
            "showdown_rate": round(sum(row["showdowns"] for row in rows) / hands, 6) if hands else 0.0,
            "mean_spend": round(sum(row["spent"] for row in rows) / games, 3) if games else 0.0,
            "mean_won": round(sum(row["won"] for row in rows) / games, 3) if games else 0.0,
            "incidents": dict(sorted(incidents.items())),
        })
    return {"games": games, "vendor_take": sum(record["vendor_take"] for record in records), "seats": seats}


def summary_table(summary: dict) -> str:
    """The summary as a plain-text table for the terminal."""
    header = (f"{'seat':>4}  {'bot':<14} {'win rate (95% CI)':<22} {'mean score':>11} {'AGI':>5} {'exits':>6} "
              f"{'years':>6} {'fold':>6} {'show':>6} {'spend':>9} {'won':>9}")
    lines = [header, "-" * len(header)]
    for row in summary["seats"]:
        low, high = row["win_rate_95"]
        rate = f"{row['win_rate']:6.1%} ({low:.1%}-{high:.1%})"
        label = row["bot"].rsplit(":", 1)[-1]  # FILE.py:ClassName shows as ClassName
        lines.append(f"{row['seat']:>4}  {label[:14]:<14} {rate:<22} {row['mean_score']:>11,.0f} "
                     f"{row['agi_wins']:>5} {row['exits']:>6} {row['mean_years_played']:>6.2f} "
                     f"{row['fold_rate']:>6.1%} {row['showdown_rate']:>6.1%} {row['mean_spend']:>9,.0f} "
                     f"{row['mean_won']:>9,.0f}")
        if row["incidents"]:
            counts = ", ".join(f"{kind} {count}" for kind, count in row["incidents"].items())
            lines.append(f"      bot incidents: {counts}")
    games = summary["games"] or 1
    lines.append(f"\n{summary['games']:,} games. Money in $M. The chip vendors kept ${summary['vendor_take']:,}M "
                 f"(${summary['vendor_take'] / games:,.0f}M a game). years = years sat in; fold and show = share "
                 f"of those years folded / reaching a showdown.")
    return "\n".join(lines)
