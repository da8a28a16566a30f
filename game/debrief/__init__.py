"""The debrief (DESIGN.md §6): looking back at a game from its save or hand history.

- `replay`: a recorded game replayed once and stepped through, in the public view or a seat's
  (`Replay`, `open_replay`): what the Replays screen shows;
- `model`: the yearly statements, the table's totals and the year-start snapshots, built from
  a replay of the history (`build_debrief`, `load_debrief`, `yearly_snapshots`);
- `export`: the CSV files, the charts as PNG, the hand history as JSON and a README;
- `charts`: every chart, drawn with matplotlib (imported only when a chart is drawn);
- `cli`: ``python main.py --debrief SAVE_OR_HISTORY --out DIR`` (`run_debrief`).

Nothing here imports pygame: the client's debrief and game-over screens show what these build.
"""

from .cli import run_debrief
from .export import (
    ACTION_COLUMNS, CSV_FILES, FIRM_YEAR_COLUMNS, FLEET_COLUMNS, HISTORY_FILE, README_FILE, TOTAL_COLUMNS,
    YEAR_COLUMNS, export_debrief, export_name,
)
from .model import (
    END, FOLDED, HIGHLY_CONCENTRATED_HHI, LEFT, LOST, NOW, OUTCOMES, PLAYING, SAT_OUT, START, WON, ActionRow,
    Debrief, FirmInfo, FirmYear, TableYear, Totals, build_debrief, equal_shares_hhi, equivalent_firms, herfindahl,
    load_debrief, public_capability, series, top_share, yearly_snapshots,
)

__all__ = [
    "ACTION_COLUMNS", "CSV_FILES", "END", "FIRM_YEAR_COLUMNS", "FLEET_COLUMNS", "FOLDED", "HIGHLY_CONCENTRATED_HHI",
    "HISTORY_FILE", "LEFT", "LOST", "NOW", "OUTCOMES", "PLAYING", "README_FILE", "SAT_OUT", "START", "TOTAL_COLUMNS",
    "WON", "YEAR_COLUMNS", "ActionRow", "Debrief", "FirmInfo", "FirmYear", "TableYear", "Totals", "build_debrief",
    "equal_shares_hhi", "equivalent_firms", "export_debrief", "export_name", "herfindahl", "load_debrief",
    "public_capability", "run_debrief", "series", "top_share", "yearly_snapshots",
]
