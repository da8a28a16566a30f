"""How long the scenario parser takes for many R&D cards: it must grow linearly with their number.

    python bench/scenario_cards.py                 20,000, 100,000 and 400,000 cards
    python bench/scenario_cards.py --cards 400000
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from game.core import parse_scenario  # noqa: E402
from support import scenario_data  # noqa: E402


def seconds(cards: int) -> float:
    data = scenario_data()
    data["rd_cards"] = [{"id": f"c{i}", "title": {"en": "Card", "de": "Karte"}, "domain": "data", "points": 1}
                        for i in range(cards)]
    start = time.perf_counter()
    parse_scenario(data, "many.toml")
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cards", type=int, nargs="*", default=[20_000, 100_000, 400_000])
    for cards in parser.parse_args().cards:
        elapsed = seconds(cards)
        print(f"{cards:>9,} cards: {elapsed:6.2f} s ({elapsed / cards * 1e6:.1f} µs a card)")


if __name__ == "__main__":
    main()
