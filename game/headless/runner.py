"""The tournament runner: many bot games, reproducible from one seed, in parallel.

Each game's seed derives from the run's seed and the game's index, and every game is
played on its own, so the records (in game order) are the same whatever the number
of jobs. Nothing time-dependent goes into the records, except incidents of bots that
ran out of time and games lost to a bot that hung its process.

Games with a bot loaded from a file are played in worker processes (game.headless.workers)
even with one job, so a bot that ends or hangs its process costs only its game. `Run` streams
the records to the run's files as they finish (game.headless.results) and keeps only the sums
of the summary, so a run of any length needs the memory of a few games.
"""

from __future__ import annotations

import hashlib
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from game.bots import BUILT_IN, make_bot_factory
from game.bots.isolated import START_SECONDS, IsolatedFactory
from game.content import load_scenario
from game.content.files import write_atomically
from game.content.saves import history_text
from game.core import ActionKind, new_game
from game.core import events as ev
from game.match import PUBLIC, Match, TurnDriver

from .results import (
    RESULTS_FORMAT, RESULTS_VERSION, CsvFile, OutputError, ResultsFile, check_file_path, remove_stale_temporaries,
)
from .workers import RunStopped, play_in_workers


@dataclass(frozen=True)
class RunConfig:
    seats: tuple[str, ...]  # one bot spec per seat: a built-in name or FILE.py:ClassName
    games: int
    seed: int
    scenario: str  # a shipped scenario's name or a file path
    time_limit: float | None = 1.0  # seconds per decision; None = no limit
    histories: str | None = None  # folder for one replayable hand history per game
    isolate_bots: bool = False  # run each bot loaded from a file in a process of its own


def run_settings(config: RunConfig) -> dict:
    """What makes the run's results what they are (not how it is played: jobs, isolation)."""
    return {"seats": list(config.seats), "games": config.games, "seed": config.seed, "scenario": config.scenario,
            "time_limit": config.time_limit}


def game_seed(run_seed: int, index: int) -> int:
    """The seed of game `index`: a stable hash, so it does not depend on which job plays it."""
    digest = hashlib.sha256(f"table-stakes-run:{run_seed}:{index}".encode()).digest()
    return int.from_bytes(digest[:7], "big")


def has_file_bots(config: RunConfig) -> bool:
    return any(spec not in BUILT_IN for spec in config.seats)


class _Table:
    """What one process needs to play games of a run (built once per worker).

    `deadlines[slot]`, when given, is kept at the monotonic time by which the bot deciding now must
    be done (0 between decisions), for the parent to see a worker stuck in a bot."""

    def __init__(self, config: RunConfig, deadlines=None, slot: int = 0) -> None:
        self.config = config
        self.scenario = load_scenario(config.scenario)
        self.factories = [IsolatedFactory(spec, config.time_limit) if config.isolate_bots and spec not in BUILT_IN
                          else make_bot_factory(spec) for spec in config.seats]
        seat_ids = [profile.id for profile in self.scenario.profiles]
        self.profiles = seat_ids[:len(config.seats)]
        self.deadlines = deadlines if config.time_limit else None
        self.slot = slot

    def play(self, index: int) -> dict:
        config = self.config
        seed = game_seed(config.seed, index)
        deadlines, slot, limit = self.deadlines, self.slot, config.time_limit
        seats = len(self.profiles)
        if deadlines is not None:  # the bots' constructors each have the time of a decision (and a bot
            # process its time to start)
            deadlines[slot] = time.monotonic() + limit * seats + (START_SECONDS if config.isolate_bots else 0.0)
        match = Match(new_game(self.scenario, self.profiles, seed), config.seats)
        driver = TurnDriver(match, dict(enumerate(self.factories)), seed, limit)
        hands, folds, showdowns = [0] * seats, [0] * seats, [0] * seats
        years_at_showdown = years_folded_to_one = 0
        third_year = self.scenario.first_year + 2
        leader_after_two: list[int] | None = None
        while not match.is_over:
            if deadlines is not None:
                deadlines[slot] = time.monotonic() + limit
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
        if deadlines is not None:
            deadlines[slot] = 0.0
        if config.histories:
            path = Path(config.histories) / f"game-{index:06d}.json"
            try:
                write_atomically(path, history_text(match.history()))
            except OSError as error:
                raise RunStopped(f"--histories: cannot write '{path}': {error.strerror or error}") from None
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


def _worker_player(config: RunConfig, deadlines, slot: int) -> Callable[[int], dict]:
    return _Table(config, deadlines, slot).play


_TABLES: dict[RunConfig, _Table] = {}  # per process: a distributed backend's worker plays many games of a run


def play_one(config: RunConfig, index: int) -> dict:
    """Game `index` of the run, played in this process (its table built once per process and run)."""
    table = _TABLES.get(config)
    if table is None:
        _TABLES.clear()
        table = _TABLES[config] = _Table(config)
    return table.play(index)


def play_games(config: RunConfig, jobs: int = 1, first: int = 0, backend=None) -> Iterator[dict]:
    """The records of games `first` to the last, in game order, played by `jobs` processes (in this
    process when that is one and every bot is built in), or by `backend` (game.headless.backends)."""
    games = range(first, config.games)
    if backend is not None:
        yield from backend.play(config, games)
        return
    if jobs <= 1 and not has_file_bots(config):
        table = _Table(config)
        for index in games:
            yield table.play(index)
        return
    yield from play_in_workers(partial(_worker_player, config), partial(game_seed, config.seed), games,
                               max(1, min(jobs, len(games))), config.time_limit)


def run_games(config: RunConfig, jobs: int = 1,
              progress: Callable[[int], None] | None = None, backend=None) -> list[dict]:
    """Play every game of the run; returns one record per game, in game order (all in memory: for
    short runs; `Run` streams a run of any length to its files)."""
    if config.histories:
        Path(config.histories).mkdir(parents=True, exist_ok=True)
    records: list[dict] = []
    for record in play_games(config, jobs, backend=backend):
        records.append(record)
        if progress is not None:
            progress(len(records))
    return records


class Run:
    """A run whose records go to its files as they finish, in game order: `open` checks and opens
    every output before the first game (raising `OutputError`), `play` plays the games still to
    play and returns the summary. With `resume`, the games already in the results file are kept (if
    there is none yet, the run starts from its first game)."""

    def __init__(self, config: RunConfig, results: ResultsFile | None, table: CsvFile | None, tally: Tally) -> None:
        self.config = config
        self.results = results
        self.table = table
        self.tally = tally

    @classmethod
    def open(cls, config: RunConfig, out: str | None = None, csv: str | None = None, resume: bool = False) -> Run:
        if resume and not out:
            raise OutputError("--resume needs --out FILE: the results file of the run to continue")
        out_path = check_file_path("--out", out) if out else None
        csv_path = check_file_path("--csv", csv) if csv else None
        if config.histories:
            _prepare_folder(Path(config.histories))
        tally = Tally(config)
        header = {"format": RESULTS_FORMAT, "version": RESULTS_VERSION, "run": run_settings(config)}
        results = table = None
        try:
            if out_path and resume and out_path.exists():  # (a run killed before it made the file starts anew)
                results, finished = ResultsFile.resume(out_path, header)
                counted = tally.counting(finished)
                if csv_path:
                    remove_stale_temporaries(csv_path.resolve().parent, csv_path.name)
                    table = CsvFile.rewrite(csv_path, counted)
                else:
                    for _ in counted:
                        pass
            else:
                _try_writing([("--out", out_path), ("--csv", csv_path)])
                results = ResultsFile.start(out_path, header) if out_path else None
                table = CsvFile.start(csv_path) if csv_path else None
        except BaseException:
            for opened in (results, table):
                if opened is not None:
                    opened.close()
            raise
        return cls(config, results, table, tally)

    @property
    def done(self) -> int:
        return self.tally.count

    def play(self, jobs: int = 1, progress: Callable[[int], None] | None = None, backend=None) -> dict:
        """Play the games still to play (on `backend`, when one is given); returns the summary. Raises
        `OutputError` or `RunStopped` when a file cannot be written (every game before is kept),
        KeyboardInterrupt on Ctrl-C."""
        results, table, tally = self.results, self.table, self.tally
        try:
            for record in play_games(self.config, jobs, first=tally.count, backend=backend):
                if results is not None:
                    results.write(record)
                if table is not None:
                    table.write(record)
                tally.add(record)
                if progress is not None:
                    progress(tally.count)
            summary = tally.summary()
            if results is not None:
                results.finish(summary)
            return summary
        finally:
            for opened in (results, table):
                if opened is not None:
                    opened.close()


def _try_writing(outputs: list[tuple[str, Path | None]]) -> None:
    """Open each output for appending, so that one that cannot be written is refused before any other
    is emptied; files this made are removed again if a later one fails."""
    made: list[Path] = []
    try:
        for option, path in outputs:
            if path is None:
                continue
            existed = path.exists()
            try:
                open(path, "ab").close()
            except OSError as error:
                raise OutputError(f"{option}: cannot write '{path}': {error.strerror or error}") from None
            if not existed:
                made.append(path)
    except OutputError:
        for path in made:
            path.unlink(missing_ok=True)
        raise


def _prepare_folder(folder: Path) -> None:
    """The histories folder, made and tried before the first game; temporary files of a killed run removed."""
    try:
        if folder.exists() and not folder.is_dir():
            raise OutputError(f"--histories: '{folder}' exists and is not a folder")
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / ".table-stakes-probe.tmp"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as error:
        raise OutputError(f"--histories: cannot write into '{folder}': {error.strerror or error}") from None
    remove_stale_temporaries(folder, "game-")


class Tally:
    """The summary's sums, added up one record at a time in game order (so the same at any job count,
    and a run of any length keeps one game's worth of them)."""

    def __init__(self, config: RunConfig) -> None:
        self.config = config
        seats = len(config.seats)
        self.count = 0  # records added, failed games included
        self.games = 0  # games played to the end
        self.failed: Counter[str] = Counter()
        self.vendor_take = 0
        self.firms: list[str] = [""] * seats
        self.wins = [0.0] * seats
        self.sums = [Counter() for _ in range(seats)]
        self.incidents = [Counter() for _ in range(seats)]

    def add(self, record: dict) -> None:
        self.count += 1
        if "failed" in record:
            self.failed[record["failed"]] += 1
            return
        if not self.games:
            self.firms = [row["firm"] for row in record["seats"]]
        self.games += 1
        self.vendor_take += record["vendor_take"]
        winners = record["winners"]
        for seat, row in enumerate(record["seats"]):
            if seat in winners:
                self.wins[seat] += 1 / len(winners)
            sums = self.sums[seat]
            for key in ("score", "agi", "exited", "hands", "folds", "showdowns", "spent", "won"):
                sums[key] += row[key]
            self.incidents[seat].update(row["incidents"])

    def counting(self, records: Iterator[dict]) -> Iterator[dict]:
        """`records`, each added as it passes."""
        for record in records:
            self.add(record)
            yield record

    def summary(self) -> dict:
        games = self.games
        seats = []
        for seat, spec in enumerate(self.config.seats):
            sums, wins = self.sums[seat], self.wins[seat]
            hands = sums["hands"]
            low, high = wilson_interval(wins, games)
            seats.append({
                "seat": seat, "bot": spec, "firm": self.firms[seat],
                "win_rate": round(wins / games, 6) if games else 0.0,
                "win_rate_95": [round(low, 6), round(high, 6)],
                "mean_score": round(sums["score"] / games, 3) if games else 0.0,
                "agi_wins": sums["agi"],
                "exits": sums["exited"],
                "mean_years_played": round(hands / games, 3) if games else 0.0,
                "fold_rate": round(sums["folds"] / hands, 6) if hands else 0.0,
                "showdown_rate": round(sums["showdowns"] / hands, 6) if hands else 0.0,
                "mean_spend": round(sums["spent"] / games, 3) if games else 0.0,
                "mean_won": round(sums["won"] / games, 3) if games else 0.0,
                "incidents": dict(sorted(self.incidents[seat].items())),
            })
        return {"games": games, "failed": dict(sorted(self.failed.items())), "vendor_take": self.vendor_take,
                "seats": seats}


def summarize(config: RunConfig, records: Sequence[dict]) -> dict:
    """The summary of a run's records."""
    tally = Tally(config)
    for record in records:
        tally.add(record)
    return tally.summary()


def wilson_interval(successes: float, trials: int, z: float = 1.96) -> tuple[float, float]:
    """95 % interval for a rate (Wilson score), which stays inside 0-1 for small counts."""
    if trials == 0:
        return 0.0, 0.0
    rate = successes / trials
    centre = (rate + z * z / (2 * trials)) / (1 + z * z / trials)
    half = z * ((rate * (1 - rate) + z * z / (4 * trials)) / trials) ** 0.5 / (1 + z * z / trials)
    return max(0.0, centre - half), min(1.0, centre + half)


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
    if summary["failed"]:
        lost = ", ".join(f"{reason} {count}" for reason, count in summary["failed"].items())
        lines.append(f"\n{sum(summary['failed'].values()):,} games failed: {lost} (a bot hung or ended its "
                     f"process; those games are not in the figures above)")
    lines.append(f"\n{summary['games']:,} games. Money in $M. The chip vendors kept ${summary['vendor_take']:,}M "
                 f"(${summary['vendor_take'] / games:,.0f}M a game). years = years sat in; fold and show = share "
                 f"of those years folded / reaching a showdown.")
    return "\n".join(lines)
