"""The layers of the game (DESIGN.md §3): imports point inward only.

The rules core imports nothing of the shell around it. Content (the files: scenarios, locales,
saves, hand histories, exports) builds on the core alone. The match (the one authority over a
running game) builds on the core and the bots, and no shell's module: the shells drive it. The
rings that run without a window (bots, content, the match, the debrief, the headless runner)
never import the pygame client, and importing them loads no pygame. Imports are read from the
source with `ast`, those inside functions included: a lazy import is still an import.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path) -> set[str]:
    """Every module the file at `path` imports, relative imports resolved; ``from a import b``
    counts as importing ``a`` and ``a.b`` (b may be a module)."""
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            module = node.module
            if node.level:
                parts = package.split(".")
                module = ".".join(parts[:len(parts) - node.level + 1] + ([node.module] if node.module else []))
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def within(module: str, prefixes: tuple[str, ...]) -> bool:
    return any(module == prefix or module.startswith(prefix + ".") for prefix in prefixes)


def game_imports(package: str) -> list[tuple[str, str]]:
    """(file, module) for every module of the game that the files under game/`package` import."""
    return [(str(path.relative_to(ROOT)), module) for path in sorted((ROOT / "game" / package).rglob("*.py"))
            for module in sorted(imported_modules(path)) if module.startswith("game.")]


def test_the_scanner_sees_relative_and_lazy_imports(tmp_path, monkeypatch):
    monkeypatch.setitem(globals(), "ROOT", tmp_path)
    source = tmp_path / "game" / "debrief" / "model.py"
    source.parent.mkdir(parents=True)
    source.write_text("from ..client import i18n\nfrom . import charts\n\ndef later():\n    import pygame\n",
                      encoding="utf-8")
    assert {"game.client", "game.client.i18n", "game.debrief", "game.debrief.charts",
            "pygame"} <= imported_modules(source)
    assert ("game/debrief/model.py", "game.client") in game_imports("debrief")


# --------------------------------------------------------------------------- the core and content

def test_the_core_imports_no_shell_module():
    found = [f"{path}: {module}" for path, module in game_imports("core") if not within(module, ("game.core",))]
    assert found == [], "the shell imports the core, never the reverse"


def test_content_builds_on_the_core_alone():
    found = [f"{path}: {module}" for path, module in game_imports("content")
             if not within(module, ("game.core", "game.content"))]
    assert found == [], "every other ring reads and writes its files through content"


# --------------------------------------------------------------------------- the rings around them

# (package under game/, what it must not import, why)
RULES = [
    ("bots", ("game.client",), "bots see observations only and play without a window"),
    ("content", ("game.client",), "files are read and written without a window"),
    ("debrief", ("game.client", "game.session", "game.bots", "game.headless"),
     "the debrief reads a game from its file alone, without a window or bots"),
    ("headless", ("game.client", "game.session"), "the runner plays without a window, through the match"),
    ("match", ("game.client", "game.headless", "game.session", "game.debrief", "game.content"),
     "every shell drives the match (the window, the runner, narration, the soak), never the reverse"),
    ("env", ("game.client", "game.session", "game.headless", "game.net", "game.debrief"),
     "the RL environment plays through the match, without a window, a server or files"),
    ("net", ("game.client", "game.session", "game.headless"),
     "the table server drives the match for devices (and sends the debrief's model, as the window shows it); "
     "a client connects to it, never the reverse"),
]


@pytest.mark.parametrize("package, forbidden, why", RULES, ids=[rule[0] for rule in RULES])
def test_a_ring_imports_only_inward(package, forbidden, why):
    found = [f"{path}: {module}" for path, module in game_imports(package) if within(module, forbidden)]
    assert found == [], why


# Modules whose import must load no pygame.
WITHOUT_PYGAME = ["game.content", "game.debrief", "game.debrief.replay", "game.debrief.charts", "game.match",
                  "game.net.protocol", "game.net.server", "game.net.client", "game.headless.runner", "game.session",
                  "game.narrate", "game.soak", "game.env"]


@pytest.mark.parametrize("module", WITHOUT_PYGAME)
def test_importing_loads_no_pygame(module):
    code = f"import sys, {module}; print(sorted({{name.split('.')[0] for name in sys.modules}} & {{'pygame'}}))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# The window's modules that draw the table, list the bots and explain the coach: none needs numpy
# until a calculator bot is built or the coach estimates a chance.
WITHOUT_NUMPY = ["game.bots", "game.client.table_view", "game.client.scenes.table", "game.client.scenes.setup",
                 "game.client.scenes.glossary"]


@pytest.mark.parametrize("module", WITHOUT_NUMPY)
def test_drawing_the_table_loads_no_numpy(module):
    code = f"import sys, {module}; print(sorted({{name.split('.')[0] for name in sys.modules}} & {{'numpy'}}))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
                         env={**os.environ, "SDL_VIDEODRIVER": "dummy", "PYGAME_HIDE_SUPPORT_PROMPT": "1"})
    assert out.stdout.strip() == "[]"


def test_a_calculator_bot_still_loads_when_named():
    from game.bots import CalculatorBot, make_bot_factory
    assert make_bot_factory("calculator") is CalculatorBot
