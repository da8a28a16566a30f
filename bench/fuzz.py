"""Fuzz every file the game reads: random mutations of real saves, hand histories and scenarios, each
read through the same entry points the game and its command line use, in this process.

A mutation must be refused with a clear error (`SaveError`, `ScenarioError`) or read safely; a file
that reads is then used as the game would use it: a save or history is replayed and its standings
compared (as ``--replay`` does: only a `TableStakesError` may stop it), a scenario is summarised (as
``--check-scenario`` does) and one short game is played on it with the invariants checked. Anything
else is a *traceback*, and so is a mutation that takes longer than `HANG_SECONDS`; each is printed
with the seed that reproduces it (``--seed-of-one N`` re-runs just that one and shows its traceback).

    python bench/fuzz.py --seconds 60            mutations for a minute, then the figures
    python bench/fuzz.py --count 10000 --jobs 2  10,000 mutations over two processes
    python bench/fuzz.py --seed-of-one 123456    re-run mutation 123456 and keep its input

Mutations: byte flips and random bytes, cuts, insertions, duplicated slices, deep nesting, huge
and non-finite numbers, a byte order mark, bytes that are not UTF-8 and half surrogate pairs.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import signal
import sys
import tempfile
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.content import load_scenario  # noqa: E402
from game.content.check import explain, summary  # noqa: E402
from game.content.saves import SaveError, SeatPlayer, history_text, read_game_file, save_text  # noqa: E402
from game.content.scenarios import SCENARIO_DIR  # noqa: E402
from game.core import (  # noqa: E402
    Action, ScenarioError, TableStakesError, apply_action, default_seats, history_of, legal_actions, new_game,
    standings,
)
from game.core.invariants import violations  # noqa: E402

HANG_SECONDS = 10
PLAY_ACTIONS = 120  # actions of the short game played on a mutated scenario that loads


class Hang(Exception):
    pass


# --------------------------------------------------------------------------- real files to mutate

def _random_game(scenario, seats: int, seed: int, actions: int | None):
    rng = random.Random(seed)
    state = new_game(scenario, default_seats(scenario, seats), seed)
    while not state.is_over and (actions is None or actions > 0):
        state = apply_action(state, _random_action(state, rng)).state
        actions = None if actions is None else actions - 1
    return state


def _random_action(state, rng: random.Random):
    legal = legal_actions(state)
    kind = rng.choice([kind for kind in legal.kinds if kind != "set_mix"] or legal.kinds)
    if kind == "bet":
        return Action(kind, rng.randint(legal.bet_min, legal.bet_max))
    if kind == "raise":
        return Action(kind, rng.randint(legal.raise_min, legal.raise_max))
    if kind == "raise_funds":
        return Action(kind, rng.randint(1, max(1, legal.raise_funds_max)))
    return Action(kind)


def seed_files() -> dict[str, list[bytes]]:
    """Real files the game writes, by kind: saves (a game under way and one over), hand histories
    (of a short and a long scenario) and the shipped scenario files."""
    auction = load_scenario("dollar-auction")
    classic = load_scenario("classic")
    players = (SeatPlayer("Ada"), SeatPlayer("Zoë", "steady"), SeatPlayer("Bo", "cautious"))
    return {
        "save": [save_text(_random_game(auction, 3, 1, 25), players).encode(),
                 save_text(_random_game(auction, 3, 2, None), players).encode()],
        "history": [history_text(history_of(_random_game(auction, 3, 3, None))).encode(),
                    history_text(history_of(_random_game(classic, 2, 4, None))).encode()],
        "scenario": [(SCENARIO_DIR / "dollar-auction.toml").read_bytes(),
                     (SCENARIO_DIR / "classic.toml").read_bytes()],
    }


# --------------------------------------------------------------------------- mutations

def _flip(data: bytearray, rng: random.Random) -> None:
    if data:
        data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)


def _random_byte(data: bytearray, rng: random.Random) -> None:
    if data:
        data[rng.randrange(len(data))] = rng.randrange(256)


def _cut(data: bytearray, rng: random.Random) -> None:
    del data[rng.randrange(len(data) + 1):]


def _delete(data: bytearray, rng: random.Random) -> None:
    start = rng.randrange(len(data) + 1)
    del data[start:start + rng.randint(1, 64)]


def _insert(data: bytearray, rng: random.Random) -> None:
    chunk = rng.choice([b"[", b"{", b"]", b"}", b",", b'"', b":", b"=", b"\n", b"\\", b"0", b"-", b"e9", b"null",
                        b"true", b"[[", b"inf", b"nan", bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))])
    position = rng.randrange(len(data) + 1)
    data[position:position] = chunk


def _duplicate(data: bytearray, rng: random.Random) -> None:
    start = rng.randrange(len(data) + 1)
    piece = data[start:start + rng.randint(1, 400)]
    position = rng.randrange(len(data) + 1)
    data[position:position] = piece


def _nest(data: bytearray, rng: random.Random) -> None:
    depth = rng.choice([33, 100, 600, 1000, 5000, 100_000])
    opener = rng.choice([b"[", b"{\"a\":", b"[[", b"{ a = ["])
    position = rng.randrange(len(data) + 1)
    data[position:position] = opener * depth + rng.choice([b"", b"1" + b"]" * depth, b"]" * depth])


def _huge_number(data: bytearray, rng: random.Random) -> None:
    digits = [index for index, byte in enumerate(data) if 0x30 <= byte <= 0x39]
    if not digits:
        return
    position = rng.choice(digits)
    number = rng.choice([b"9" * rng.choice([31, 400, 4301, 20_000]), b"1e400", b"-1e999", b"NaN", b"Infinity",
                         b"-0", b"1e-320", b"0.0", b"4.9e-324", b"1" + b"0" * 308, b"2e-300", b"-1"])
    data[position:position + 1] = number


def _bom(data: bytearray, rng: random.Random) -> None:
    data[0:0] = rng.choice([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf\xef\xbb\xbf"])


def _bad_utf8(data: bytearray, rng: random.Random) -> None:
    position = rng.randrange(len(data) + 1)
    data[position:position] = rng.choice([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xe4", b"\x80\x80", b"\xf4\x90\x80\x80",
                                          b"\xc0\xaf", b"\x00"])


def _half_surrogate(data: bytearray, rng: random.Random) -> None:
    quotes = [index for index, byte in enumerate(data) if byte == 0x22]
    if quotes:
        position = rng.choice(quotes) + 1
        data[position:position] = rng.choice([b"\\ud800", b"\\udfff", b"\\ud83d", b"\\u0000", b"\\uDC00x"])


MUTATIONS = (_flip, _flip, _random_byte, _random_byte, _cut, _delete, _insert, _insert, _duplicate, _nest,
             _huge_number, _huge_number, _bom, _bad_utf8, _half_surrogate)


def mutate(data: bytes, rng: random.Random) -> tuple[bytes, list[str]]:
    mutated = bytearray(data)
    names = []
    for _ in range(rng.choice((1, 1, 1, 2, 3))):
        mutation = rng.choice(MUTATIONS)
        mutation(mutated, rng)
        names.append(mutation.__name__.lstrip("_"))
    return bytes(mutated), names


# --------------------------------------------------------------------------- the entry points

def use_game_file(path: Path) -> str:
    """What ``--replay`` and the Load and Replays screens do with a save or history: "refused" or "read"."""
    try:
        game = read_game_file(path)
    except SaveError as error:
        assert str(error).startswith(str(path)) and error.reason is not None, error
        return "refused"
    try:
        state = game.history.replay()
    except TableStakesError:
        return "does not replay"
    result = standings(state) if state.is_over else ()
    return "replays" if tuple(result) == tuple(game.history.result) or not game.history.result else "mismatch"


def use_scenario(path: Path, rng: random.Random) -> str:
    """What ``--check-scenario`` does with a scenario file, then a short game on one that loads."""
    try:
        scenario = load_scenario(path)
    except ScenarioError as error:
        explain(error, str(path))
        return "refused"
    summary(scenario, str(path))
    seats = min(len(scenario.profiles), rng.choice((2, 3, 4)))
    state = new_game(scenario, default_seats(scenario, seats), rng.randrange(2**32))
    for _ in range(PLAY_ACTIONS):
        if state.is_over:
            break
        state = apply_action(state, _random_action(state, rng)).state
        broken = violations(state)
        assert not broken, broken
    return "plays"


def one(seed: int, seeds: dict[str, list[bytes]], folder: Path) -> tuple[str, str, list[str]]:
    """Mutation number `seed`: (its kind, its outcome, the mutations applied). Raises what it raised."""
    rng = random.Random(seed)
    kind = rng.choice(("save", "history", "scenario"))
    data, names = mutate(rng.choice(seeds[kind]), rng)
    path = folder / ("mutated.toml" if kind == "scenario" else "mutated.json")
    path.write_bytes(data)
    outcome = use_scenario(path, rng) if kind == "scenario" else use_game_file(path)
    return kind, outcome, names


# --------------------------------------------------------------------------- running

def _on_alarm(signum, frame):
    raise Hang(f"took more than {HANG_SECONDS} s")


def worker(job: int, jobs: int, first: int, count: int | None, deadline: float, queue) -> None:
    seeds = seed_files()
    signal.signal(signal.SIGALRM, _on_alarm)
    folder = Path(tempfile.mkdtemp(prefix="fuzz-", dir="/dev/shm" if os.path.isdir("/dev/shm") else None))
    done, outcomes, failures = 0, {}, []
    seed = first + job
    while (count is None or seed < first + count) and time.monotonic() < deadline:
        signal.alarm(HANG_SECONDS)
        try:
            kind, outcome, _ = one(seed, seeds, folder)
            outcomes[f"{kind} {outcome}"] = outcomes.get(f"{kind} {outcome}", 0) + 1
        except BaseException as error:  # noqa: BLE001 - anything else is what this looks for
            if isinstance(error, KeyboardInterrupt):
                raise
            failures.append((seed, f"{type(error).__name__}: {str(error)[:200]}"))
        finally:
            signal.alarm(0)
        done += 1
        seed += jobs
    queue.put((done, outcomes, failures))


def run(first: int, count: int | None, seconds: float | None, jobs: int) -> int:
    start = time.monotonic()
    deadline = start + seconds if seconds is not None else float("inf")
    queue = multiprocessing.get_context("fork").Queue()
    processes = [multiprocessing.get_context("fork").Process(target=worker, args=(job, jobs, first, count, deadline,
                                                                                  queue)) for job in range(jobs)]
    for process in processes:
        process.start()
    done, outcomes, failures = 0, {}, []
    for _ in processes:
        part_done, part_outcomes, part_failures = queue.get()
        done += part_done
        failures += part_failures
        for key, value in part_outcomes.items():
            outcomes[key] = outcomes.get(key, 0) + value
    for process in processes:
        process.join()
    elapsed = time.monotonic() - start
    print(f"{done:,} mutations in {elapsed:,.0f} s ({done / elapsed:,.0f} a second, {jobs} process(es)), "
          f"seeds {first} to {first + done - 1}: {len(failures)} traceback(s)")
    for key in sorted(outcomes):
        print(f"  {key:<28}{outcomes[key]:>12,}")
    for seed, what in sorted(failures)[:50]:
        print(f"  TRACEBACK seed {seed}: {what}  (python bench/fuzz.py --seed-of-one {seed})")
    return 1 if failures else 0


def reproduce(seed: int) -> int:
    """Re-run mutation `seed` alone, keep its input in the current folder and show any traceback."""
    folder = Path(tempfile.mkdtemp(prefix="fuzz-"))
    try:
        kind, outcome, names = one(seed, seed_files(), folder)
    except BaseException:  # noqa: BLE001
        traceback.print_exc()
        outcome, kind, names = "TRACEBACK", "", []
    for path in folder.iterdir():
        kept = Path.cwd() / f"fuzz-{seed}{path.suffix}"
        kept.write_bytes(path.read_bytes())
        print(f"input kept in {kept}")
    print(f"seed {seed}: {kind} {outcome} after {', '.join(names) or 'see above'}")
    return 1 if outcome == "TRACEBACK" else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, help="run for this long")
    parser.add_argument("--count", type=int, help="run this many mutations")
    parser.add_argument("--first", type=int, default=0, help="the first mutation's seed (default 0)")
    parser.add_argument("--jobs", type=int, default=1, help="processes (default 1)")
    parser.add_argument("--seed-of-one", type=int, metavar="SEED", help="re-run one mutation and show what it did")
    args = parser.parse_args()
    if args.seed_of_one is not None:
        return reproduce(args.seed_of_one)
    if args.seconds is None and args.count is None:
        parser.error("give --seconds or --count")
    return run(args.first, args.count, args.seconds, max(1, args.jobs))


if __name__ == "__main__":
    sys.exit(main())
