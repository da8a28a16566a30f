"""Content loading (the shell side): reads scenario files and hands the core plain data."""

from .scenarios import SCENARIO_DIR, list_scenarios, load_scenario

__all__ = ["SCENARIO_DIR", "list_scenarios", "load_scenario"]
