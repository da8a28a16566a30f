"""The modules of the rules core that the optional compiled build compiles with mypyc (`make fast`).

Compiled: the engine's hot paths, whose values the core builds itself. Left as Python in both builds:
the public value types and the boundary that checks what callers hand in (actions.py; legal.py, whose
LegalActions subclasses a NamedTuple, which mypyc cannot compile, and says every refusal, while the
arithmetic of what is legal, legality.py, compiles; errors.py),
the records and their helpers (state.py), the scenario parser (scenario.py), the codec and the
invariants, which are not hot. A compiled function checks its annotations at run time, so anything a
caller may get wrong is checked in Python first.
"""

COMPILED_MODULES = (
    "game/core/rules.py",
    "game/core/legality.py",
    "game/core/market.py",
    "game/core/funding.py",
    "game/core/pots.py",
    "game/core/cards.py",
    "game/core/effects.py",
    "game/core/observation.py",
)
