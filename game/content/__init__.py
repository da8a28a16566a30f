"""Content: every file the game reads or writes, the shell side of the core (DESIGN.md §3).

- `scenarios`: scenario files, checked by the core's parser; `options`: teacher options;
  `check`: ``--check-scenario``;
- `text`: the rules text of cards and events; `locale`: the UI phrases of every language;
- `saves`: the save and hand-history documents and their one reader;
- `reader`: the one hardened reader of every JSON and TOML file;
- `files`: the per-user data folders and atomic writing.

It builds on the core alone and imports no pygame.
"""

from .scenarios import SCENARIO_DIR, list_scenarios, load_scenario

__all__ = ["SCENARIO_DIR", "list_scenarios", "load_scenario"]
