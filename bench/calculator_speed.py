#!/usr/bin/env python3
"""Decision time of the `calculator` bot: seeded 6-seat `classic` games, one calculator and
five random bots. Every `CalculatorBot.act` call is timed with `time.perf_counter`; prints the
median and 95th-percentile decision time in ms and how many decisions were timed (target:
median ≤ 5 ms).

    python bench/calculator_speed.py --games 20 --seed 1
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.bots.calculator import CalculatorBot  # noqa: E402
from game.bots.random_bot import RandomBot  # noqa: E402
from game.content import load_scenario  # noqa: E402
from game.core import apply_action, default_seats, legal_actions, new_game, observe  # noqa: E402


def play(scenario, seed: int, seats: int, times: list[tuple[str, float]]) -> None:
    calculator_seat = seed % seats
    bots = [CalculatorBot(seed * 100 + seat) if seat == calculator_seat else RandomBot(seed * 100 + seat)
            for seat in range(seats)]
    state = new_game(scenario, default_seats(scenario, seats), seed)
    while state.phase != "over":
        seat = state.to_act
        legal = legal_actions(state)
        observation = observe(state, seat)
        if seat == calculator_seat:
            start = time.perf_counter()
            action = bots[seat].act(observation, legal)
            times.append((state.phase, time.perf_counter() - start))
        else:
            action = bots[seat].act(observation, legal)
        state = apply_action(state, action).state


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--games", type=int, default=40, help="games to play (default 40)")
    parser.add_argument("--seed", type=int, default=1, help="first game's seed (default 1)")
    parser.add_argument("--seats", type=int, default=6, help="seats per game (default 6)")
    parser.add_argument("--scenario", default="classic", help="scenario id or path (default classic)")
    args = parser.parse_args(argv)
    scenario = load_scenario(args.scenario)
    # One warm-up game builds the scenario's tables and the shared deck orders.
    play(scenario, args.seed + 10_000, args.seats, [])
    times: list[tuple[str, float]] = []
    for game in range(args.games):
        play(scenario, args.seed + game, args.seats, times)
    if not times:
        print("no decisions timed")
        return 1
    print(f"calculator decisions: {len(times)} in {args.games} games ({args.seats} seats, {args.scenario})")
    print(_line("all", [t for _, t in times]))
    for phase in ("ante", "betting"):
        print(_line(phase, [t for p, t in times if p == phase]))
    return 0


def _line(label: str, seconds: list[float]) -> str:
    if not seconds:
        return f"{label:8s} none"
    ms = sorted(t * 1000 for t in seconds)
    p95 = ms[min(len(ms) - 1, int(0.95 * len(ms)))]
    return (f"{label:8s} {len(ms):6d} decisions   median {statistics.median(ms):.2f} ms   "
            f"p95 {p95:.2f} ms   max {ms[-1]:.2f} ms")


if __name__ == "__main__":
    sys.exit(main())
