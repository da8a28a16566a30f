"""The command line: the composition root that wires scenarios, seats, bots, runs and the window.

    python main.py                          the game window
    python main.py --narrate                one game between bots, told year by year
    python main.py --serve --seats open,open,steady   host a table for devices on the network
    python main.py --headless --games 1000  a tournament of bot games with statistics
    python main.py --replay FILE            replay a hand history or a save and check its result
    python main.py --check-scenario FILE    check a scenario file and explain what to fix
    python main.py --debrief FILE --out DIR write a game's debrief (CSV, charts, history) to DIR
"""

from __future__ import annotations

import argparse
import math
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from game.bots import BUILT_IN, BotLoadError, make_bot_factory
from game.content import list_scenarios, load_scenario
from game.content.check import explain, summary
from game.content.locale import system_language
from game.content.saves import SaveError, read_game_file
from game.core import ScenarioError, TableStakesError, standings
from game.core.scenario import MAX_SEATS, MIN_SEATS
from game.headless.backends import BACKENDS, BackendError, make_backend
from game.headless.balance import balance
from game.headless.progress import ProgressBar
from game.headless.results import OutputError
from game.headless.runner import Run, RunConfig, summary_table
from game.headless.workers import RunStopped
from game.narrate import play_and_narrate

DEFAULT_SEATS = "random,random,random,random"
MAX_GAMES = 10**9  # a million games take hours; a billion is surely a typo
MAX_SEED = 2**63 - 1
MAX_TIME_LIMIT = 3600.0  # seconds per decision
MAX_TABLES = 8  # tables one host serves: a class of 30 is five tables of six


class UsageError(Exception):
    """A mistake on the command line or in a file it names: one line, exit status 2."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python main.py",
        description="Table Stakes: a poker-style strategy game about the AI compute race. Each year is a hand: "
                    "pay the table stakes in accelerator chips, bet compute through four quarters or fold, and "
                    "the most capable firm wins the year's AI market. Without options it opens the game "
                    "window.",
        epilog=f"Bots: {', '.join(BUILT_IN)}, or FILE.py:ClassName for your own (see docs/bots.md). "
               f"Shipped scenarios: {', '.join(list_scenarios())}. Money is in $M.",
    )
    parser.add_argument("--seats", default=DEFAULT_SEATS, metavar="BOT,BOT,...",
                        help=f"one bot per seat, {MIN_SEATS}-{MAX_SEATS} seats (default: {DEFAULT_SEATS})")
    parser.add_argument("--scenario", default="classic", metavar="NAME|FILE",
                        help="a shipped scenario's name or a scenario .toml file (default: classic)")
    parser.add_argument("--seed", type=int, default=None, metavar="N",
                        help="seed of the game or run; the same seed gives the same results "
                             "(default: 0 for --headless, a new one for a told game)")
    window = parser.add_argument_group("the game window")
    window.add_argument("--size", metavar="WxH", help="window size for this run, e.g. 1280x720")
    window.add_argument("--screenshots", metavar="DIR", help="folder for F12 screenshots")
    window.add_argument("--e2e-log", metavar="FILE", help=argparse.SUPPRESS)  # for end-to-end tests
    parser.add_argument("--narrate", action="store_true",
                        help="instead of the window, tell one game between the --seats bots in plain text")
    run = parser.add_argument_group("headless runs")
    run.add_argument("--headless", action="store_true", help="play many bot games and print statistics")
    run.add_argument("--games", type=int, default=100, metavar="N", help="number of games (default: 100)")
    run.add_argument("--jobs", type=int, default=1, metavar="N",
                     help="processes to play in parallel; results do not depend on it (default: 1)")
    run.add_argument("--out", metavar="FILE|DIR", help="with --headless: write one JSON record per game and the "
                     "summary to FILE; with --debrief: the folder the debrief is written to")
    run.add_argument("--csv", metavar="FILE", help="also write one CSV row per game and seat to FILE")
    run.add_argument("--histories", metavar="DIR", help="write a replayable hand history per game into DIR")
    run.add_argument("--time-limit", type=float, default=1.0, metavar="SECONDS",
                     help="time a bot has per decision; past it the bot checks or folds (default: 1; 0: no limit)")
    run.add_argument("--resume", action="store_true",
                     help="continue the run whose results file is --out (killed or stopped): the games in it are "
                          "kept, the rest played; the same settings give the same files as an uninterrupted run")
    run.add_argument("--isolate-bots", action="store_true",
                     help="run each bot loaded from a file in a process of its own, which sees only its "
                          "observations (slower; see docs/headless.md)")
    run.add_argument("--quiet", action="store_true", help="no progress bar")
    run.add_argument("--backend", choices=BACKENDS, default="process",
                     help="where the games are played: this machine's processes (default), or a Ray cluster "
                          "(the [ray] extra; a local one of --jobs workers unless --ray-address is given)")
    run.add_argument("--ray-address", metavar="HOST:PORT",
                     help="with --backend ray: an existing cluster (as 'ray start --head' prints it)")
    run.add_argument("--balance", action="store_true",
                     help="play the standard six-seat matchups of the built-in personalities (--games per "
                          "table and rotation) and print the balance report")
    net = parser.add_argument_group("hosting a table on the network (docs/network.md)")
    net.add_argument("--serve", action="store_true",
                     help="host tables without a window: --seats names 'open' for a seat devices join, or a bot")
    net.add_argument("--host", default="127.0.0.1", metavar="ADDRESS",
                     help="where to listen (default: 127.0.0.1, this computer only; 0.0.0.0: every network)")
    net.add_argument("--port", type=int, default=8765, metavar="N", help="port to listen on (default: 8765; 0: any)")
    net.add_argument("--tables", type=int, default=1, metavar="N",
                     help=f"how many tables of --seats to host, each with its own join code (1 to {MAX_TABLES})")
    net.add_argument("--timer", type=int, default=None, metavar="SECONDS",
                     help="a turn timer: a seat that has not acted by then is checked or folded (10 to 600)")
    net.add_argument("--on-timeout", choices=("passive", "bot"), default="passive",
                     help="when a turn times out: check/sit out/fold for the seat (passive) or let a bot decide")
    parser.add_argument("--replay", metavar="FILE",
                        help="replay a hand history (or a save) and check it reproduces its result")
    parser.add_argument("--check-scenario", metavar="FILE",
                        help="check a scenario file: a summary if it is good (exit status 0), else the field, "
                             "the problem and how to fix it (exit status 2)")
    debrief = parser.add_argument_group("the debrief of a finished or saved game")
    debrief.add_argument("--debrief", metavar="SAVE_OR_HISTORY",
                         help="export a save's or hand history's debrief (CSV, PNG charts, JSON) to --out DIR")
    debrief.add_argument("--lang", choices=("en", "de"), default=None,
                         help="language of the debrief's charts and README (default: the system's language)")
    debrief.add_argument("--csv-format", choices=("excel-de", "international"), default=None,
                         help="CSV format: excel-de (semicolons, decimal comma, German Excel) or international "
                              "(commas, decimal point); default: excel-de for --lang de, else international")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; the output stops quietly when its reader does (`| head -1`)."""
    try:
        try:
            return _main(argv)
        finally:
            sys.stdout.flush()  # here, where a closed pipe can still be caught, not at exit
    except BrokenPipeError:
        # Python would flush stdout again at exit and report the same closed pipe: point it at devnull
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _main(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.check_scenario:
        return check_scenario(args.check_scenario)
    if args.debrief:
        return export_debrief(args.debrief, args.out, args.lang, args.csv_format)
    try:
        if args.replay:
            return replay_file(args.replay)
        if args.balance:
            return balance_report(args)
        if args.serve:
            return serve_headless(args)
        if not (args.narrate or args.headless):
            return open_window(args)
        bots = parse_seats(args.seats)
        check_numbers(args)
        scenario = load_scenario(args.scenario)
        if len(bots) > len(scenario.profiles):
            raise UsageError(f"scenario '{scenario.id}' seats at most {len(scenario.profiles)} firms, "
                             f"--seats names {len(bots)}")
        factories = [make_bot_factory(bot) for bot in bots]
        if args.headless:
            return headless(args, bots)
        seed = args.seed if args.seed is not None else int.from_bytes(os.urandom(4), "big")
        play_and_narrate(scenario, bots, factories, seed)
        return 0
    except (UsageError, BotLoadError, TableStakesError, OutputError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


def open_window(args: argparse.Namespace) -> int:
    size = None
    if args.size:
        width, _, height = args.size.lower().partition("x")
        if not (width.isdigit() and height.isdigit()) or not (640 <= int(width) <= 7680 and 400 <= int(height) <= 4320):
            raise UsageError(f"--size must look like 1280x720 (at least 640x400), got '{args.size}'")
        size = (int(width), int(height))
    from game.client.run import run  # pygame is imported only when the window is wanted
    return run(size=size, screenshot_dir=Path(args.screenshots) if args.screenshots else None,
               e2e_log=Path(args.e2e_log) if args.e2e_log else None)


def serve_headless(args: argparse.Namespace) -> int:
    """Host tables until Ctrl-C: print where devices connect, each table's join code and the teacher's page."""
    import asyncio

    from game.net.server import OPEN, TIMER_RANGE, Host, lan_urls, new_table, serve_until_stopped

    seats = parse_seats(args.seats)
    check_numbers(args)
    if not 0 <= args.port <= 65535:
        raise UsageError(f"--port must be 0 to 65535, got {args.port}")
    if not 1 <= args.tables <= MAX_TABLES:
        raise UsageError(f"--tables must be 1 to {MAX_TABLES}, got {args.tables}")
    if args.timer is not None and not TIMER_RANGE[0] <= args.timer <= TIMER_RANGE[1]:
        raise UsageError(f"--timer must be {TIMER_RANGE[0]} to {TIMER_RANGE[1]} seconds, got {args.timer}")
    for seat in seats:
        if seat != OPEN:
            make_bot_factory(seat)  # a bot that cannot load is refused now, not when its turn comes
    scenario = load_scenario(args.scenario)
    if len(seats) > len(scenario.profiles):
        raise UsageError(f"scenario '{scenario.id}' seats at most {len(scenario.profiles)} firms, "
                         f"--seats names {len(seats)}")
    seed = args.seed if args.seed is not None else int.from_bytes(os.urandom(4), "big")
    host = Host()
    for number in range(args.tables):
        host.add(new_table(scenario, seats, seed + number, time_limit=args.time_limit or None,
                           timer=args.timer, on_timeout=args.on_timeout))

    def announce(bound: str, port: int) -> None:
        urls = lan_urls(args.host, port)
        host.address = urls[0]
        where = ("every network this computer is on" if args.host in ("0.0.0.0", "::", "")
                 else "this computer only" if bound.startswith("127.") else bound)
        print(f"Table Stakes: serving {scenario.id} at {' or '.join(urls)}  ({where})", flush=True)
        for number, code in enumerate(host.tables, 1):
            print(f"  table {number}: join code {code[:3]}-{code[3:]}", flush=True)
        print(f"The teacher's page (keep it to yourself): {urls[0]}#host={host.token}", flush=True)
        print("Ctrl-C stops the tables.", flush=True)

    try:
        asyncio.run(serve_until_stopped(host, args.host, args.port, announce=announce))
    except KeyboardInterrupt:  # where the loop cannot catch Ctrl-C itself (Windows)
        pass
    except OSError as error:
        raise UsageError(f"cannot listen at {args.host}:{args.port}: {error.strerror or error}") from None
    print("stopped: the tables are closed", flush=True)
    return 0


def parse_seats(text: str) -> list[str]:
    bots = [bot.strip() for bot in text.split(",")]
    if any(not bot for bot in bots):
        raise UsageError(f"--seats has an empty entry: '{text}' (write bots separated by commas)")
    if not MIN_SEATS <= len(bots) <= MAX_SEATS:
        raise UsageError(f"--seats names {len(bots)} bot(s); a table seats {MIN_SEATS} to {MAX_SEATS}")
    return bots


def check_numbers(args: argparse.Namespace) -> None:
    """Refuse numbers that cannot be meant (nan, inf, negative, zero games, absurdly large)."""
    if args.seed is not None and not 0 <= args.seed <= MAX_SEED:
        raise UsageError(f"--seed must be 0 to {MAX_SEED:,}, got {args.seed}")
    if not 1 <= args.games <= MAX_GAMES:
        raise UsageError(f"--games must be 1 to {MAX_GAMES:,}, got {args.games}")
    if args.jobs < 1:
        raise UsageError(f"--jobs must be at least 1, got {args.jobs}")
    if not (math.isfinite(args.time_limit) and 0 <= args.time_limit <= MAX_TIME_LIMIT):
        raise UsageError(f"--time-limit must be 0 (no limit) to {MAX_TIME_LIMIT:g} seconds, got {args.time_limit}")


def capped_jobs(jobs: int) -> int:
    """`jobs`, but no more processes than the machine has processors (saying so on stderr)."""
    processors = os.cpu_count() or 1
    if jobs <= processors:
        return jobs
    print(f"note: --jobs {jobs} is more than this machine's {processors} processor(s); using {processors}",
          file=sys.stderr)
    return processors


def headless(args: argparse.Namespace, bots: list[str]) -> int:
    """Play the run, streaming each game to --out and --csv as it finishes. Exit status 2 if an output is
    refused (before any game), 1 if writing fails, 130 if Ctrl-C stops the run (every finished game is kept)."""
    config = RunConfig(seats=tuple(bots), games=args.games, seed=args.seed or 0, scenario=args.scenario,
                       time_limit=args.time_limit or None, histories=args.histories,
                       isolate_bots=args.isolate_bots)
    jobs = capped_jobs(args.jobs)
    if args.resume and args.out and not Path(args.out).exists():
        print(f"note: '{args.out}' does not exist yet: the run starts from its first game", file=sys.stderr)
    run = Run.open(config, args.out, args.csv, resume=args.resume)
    if args.resume and run.done:
        print(f"resuming: {run.done:,} of {config.games:,} games are in '{args.out}'", file=sys.stderr)
    bar = ProgressBar(args.games, enabled=False if args.quiet else None)
    backend = open_backend(args, jobs)
    try:
        summary = run.play(jobs, progress=bar.update, backend=backend)
    except (OutputError, RunStopped) as error:
        print(f"error: {error}\n{_kept(run, args)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"\nstopped. {_kept(run, args)}", file=sys.stderr)
        return 130
    finally:
        if backend is not None:
            backend.close()
    print(summary_table(summary))
    return 0


def open_backend(args: argparse.Namespace, jobs: int):
    """The backend --backend names (None: this machine's processes); a usage error if it cannot be had."""
    try:
        return make_backend(args.backend, jobs, args.ray_address)
    except BackendError as error:
        raise UsageError(str(error)) from None


def _kept(run: Run, args: argparse.Namespace) -> str:
    if not args.out:
        return f"{run.done:,} games were played; with --out FILE a run can be resumed"
    return f"The {run.done:,} games finished are kept in '{args.out}'; add --resume to the same command to go on."


def balance_report(args: argparse.Namespace) -> int:
    check_numbers(args)
    jobs = capped_jobs(args.jobs)
    load_scenario(args.scenario)  # refuse a broken scenario before any game starts
    personalities = list(BUILT_IN)
    tables = len(personalities) * 6
    bar = ProgressBar(tables * args.games, enabled=False if args.quiet else None)
    backend = open_backend(args, jobs)
    try:
        report = balance(personalities, args.games, args.seed or 0, scenario=args.scenario, jobs=jobs,
                         progress=bar.update, backend=backend)
    finally:
        if backend is not None:
            backend.close()
    print(f"Balance of '{args.scenario}': {tables} six-seat tables (each personality once, one twice, "
          f"in every rotation), {args.games} games each, seed {args.seed or 0}\n")
    print(report.markdown())
    return 0


def check_scenario(path: str) -> int:
    """Load a scenario file as the game would: print its summary (0), or what is wrong and how to fix it (2)."""
    try:
        scenario = load_scenario(path)
    except ScenarioError as error:
        print(explain(error, path))
        return 2
    print(summary(scenario, path))
    return 0


def export_debrief(path: str, out_dir: str | None, lang: str | None, csv_format: str | None = None) -> int:
    """``--debrief FILE --out DIR [--csv-format FORMAT]``: the same export as the debrief screen's button."""
    if not out_dir:
        print("error: --debrief needs --out DIR, the folder to write the debrief to", file=sys.stderr)
        return 2
    from game.debrief import run_debrief
    return run_debrief(path, out_dir, lang or system_language(), csv_format)


def replay_file(path: str) -> int:
    """Replay the game of a hand history or a save and compare its standings with the recorded ones:
    0 if equal, 1 if not."""
    try:
        history = read_game_file(path).history
    except SaveError as error:
        raise UsageError(f"{path}: cannot be read: {error.problem}") from None
    try:
        state = history.replay()
    except TableStakesError as error:
        raise UsageError(f"{path}: does not replay: {error}") from None
    result = standings(state) if state.is_over else ()
    print(f"{path}: {len(history.actions):,} actions replayed, {state.scenario.id}, "
          f"{len(history.seats)} seats, ended {state.year} ({state.over_reason or 'not finished'})")
    if not history.result:
        print("no result was recorded to compare with")
        return 0
    if tuple(result) == tuple(history.result):
        print("the replay reproduces the recorded result")
        return 0
    print("MISMATCH: the replay does not reproduce the recorded result")
    for recorded, replayed in zip(history.result, result, strict=False):
        if recorded != replayed:
            print(f"  recorded {recorded}\n  replayed {replayed}")
    return 1
