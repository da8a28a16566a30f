#!/usr/bin/env python3
"""The probe table: does any fixed trick beat adaptive play? (issue #9's balance targets)

Each probe bot (bench/probe_bots.py: the calculator with one fixed trick) plays in one seat
against calculator, aggressive and steady; the same games are played with the plain
calculator in that seat (same game seeds, same opponents' seeds). The probe's seat rotates
through all four positions, a quarter of the games each. For every probe the table gives its
win rate (shared first places count as fractions), the difference to the calculator's, and the
95 % interval of that difference, from the paired per-game differences (the games share their
deals, so the pairing removes much of the luck). Target: no probe more than 5 points above the
calculator, and the interval's upper end at most 8 points.

    python bench/probes.py --scenario classic --games 2000 --jobs 2
    python bench/probes.py --scenario classic seed-2024 classroom-45 --games 2000 --jobs 2 --out docs/probes.md
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.headless.runner import RunConfig, run_games  # noqa: E402

PROBE_FILE = Path(__file__).resolve().with_name("probe_bots.py")
OPPONENTS = ("calculator", "aggressive", "steady")
BASELINE = "calculator"
PROBES = ("SellMax", "AllIn", "SellMaxAllIn", "AmdOnly", "NvidiaOnly", "SitOut", "CallEverything")
SEATS = 4
POINTS_ABOVE, UPPER_END = 5.0, 8.0  # the targets, in points of win rate


def spec(probe: str) -> str:
    return BASELINE if probe == BASELINE else f"{PROBE_FILE}:{probe}"


def play_row(probe: str, scenario: str, games: int, seed: int, jobs: int) -> list[dict]:
    """Per game (in a fixed order): the probe's share of first place, its record, the game's record."""
    results = []
    per_rotation = games // SEATS
    for rotation in range(SEATS):
        seats = list(OPPONENTS)
        seats.insert(rotation, spec(probe))
        config = RunConfig(seats=tuple(seats), games=per_rotation, seed=seed * 100 + rotation, scenario=scenario,
                           time_limit=None)
        for record in run_games(config, jobs=jobs):
            mine = record["seats"][rotation]
            share = 1 / len(record["winners"]) if rotation in record["winners"] else 0.0
            results.append({"win": share, "seat": mine, "game": record})
    return results


def summarise(probe: str, rows: list[dict], baseline: list[dict] | None) -> dict:
    wins = [row["win"] for row in rows]
    count = len(wins)
    summary = {
        "probe": probe, "games": count, "win": statistics.fmean(wins),
        "score": statistics.fmean(row["seat"]["score"] for row in rows),
        "exited": statistics.fmean(row["seat"]["exited"] for row in rows),
        "raised": statistics.fmean(row["seat"]["raised"] for row in rows),
        "agi": statistics.fmean(row["game"]["over_reason"] == "agi" for row in rows),
        "agi_mine": statistics.fmean(row["seat"]["agi"] for row in rows),
        "years": statistics.median(row["game"]["years"] for row in rows),
    }
    if baseline is not None:
        differences = [mine["win"] - base["win"] for mine, base in zip(rows, baseline, strict=True)]
        mean = statistics.fmean(differences)
        spread = 1.96 * statistics.stdev(differences) / math.sqrt(count)
        summary["difference"] = (mean, mean - spread, mean + spread)
    return summary


def table(scenario: str, summaries: list[dict]) -> str:
    lines = [f"### `{scenario}`", "",
             "| seat 0's bot | win rate | − calculator | 95 % interval | verdict | mean score $M | raised $M | "
             "exited | AGI games | AGI its own | median years |",
             "|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|"]
    for row in summaries:
        if "difference" in row:
            mean, low, high = (100 * value for value in row["difference"])
            ok = mean <= POINTS_ABOVE and high <= UPPER_END
            difference, interval = f"{mean:+.1f}", f"{low:+.1f} to {high:+.1f}"
            verdict = "ok" if ok else "**ahead**"
        else:
            difference, interval, verdict = "—", "—", "baseline"
        lines.append(f"| {row['probe']} | {row['win']:.1%} | {difference} | {interval} | {verdict} | "
                     f"{row['score']:,.0f} | {row['raised']:,.0f} | {row['exited']:.0%} | {row['agi']:.1%} | "
                     f"{row['agi_mine']:.1%} | {row['years']:g} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scenario", nargs="+", default=["classic"])
    parser.add_argument("--games", type=int, default=2000, help="games per row, a multiple of 4 (default 2000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--probes", nargs="+", default=list(PROBES), choices=PROBES)
    parser.add_argument("--out", type=Path, help="also write the tables (Markdown) to this file")
    args = parser.parse_args()
    if args.games < SEATS or args.games % SEATS:
        parser.error(f"--games must be a positive multiple of {SEATS}, got {args.games}")
    started = time.perf_counter()
    out = []
    failed = False
    for scenario in args.scenario:
        baseline = play_row(BASELINE, scenario, args.games, args.seed, args.jobs)
        summaries = [summarise(BASELINE, baseline, None)]
        for probe in args.probes:
            summaries.append(summarise(probe, play_row(probe, scenario, args.games, args.seed, args.jobs), baseline))
            print(table(scenario, summaries), "\n", file=sys.stderr, flush=True)
        failed |= any("difference" in row and (100 * row["difference"][0] > POINTS_ABOVE
                                               or 100 * row["difference"][2] > UPPER_END) for row in summaries)
        out.append(table(scenario, summaries))
    text = "\n\n".join(out) + (f"\n\n{args.games:,} games per row, seed {args.seed}, "
                               f"{time.perf_counter() - started:,.0f} s.\n")
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
