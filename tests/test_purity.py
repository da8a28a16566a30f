"""The rules core stays pure: no pygame, no numpy, no I/O modules loaded by importing it."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_importing_the_core_loads_neither_pygame_nor_numpy():
    code = ("import sys, game.core, game.core.invariants; "
            "print(sorted(m for m in ('pygame', 'numpy', 'socket', 'tomllib', 'matplotlib') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_core_sources_use_no_global_random_clock_or_files():
    forbidden = ("import random", "import time", "open(", "import pickle", "import os", "import socket", "print(")
    for path in (ROOT / "game" / "core").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        for word in forbidden:
            assert word not in text, f"{path.name} uses {word!r}"
