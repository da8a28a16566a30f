"""The headless debrief: ``python main.py --debrief SAVE_OR_HISTORY --out DIR [--lang de] [--csv-format FORMAT]``."""

from __future__ import annotations

import sys
from pathlib import Path

from game.content import text as fmt
from game.content.locale import ui_locale
from game.content.saves import SaveError

from .export import Text, export_debrief
from .model import Debrief, load_debrief


def run_debrief(path: str, out_dir: str, lang: str = "en", csv_format: str | None = None) -> int:
    """Read a save or hand history, write its export into `out_dir` (the CSV files in `csv_format`,
    by default the language's: see `export.default_csv_format`) and print the table's totals and
    what was written. Returns 0, or 2 with one line on stderr naming the file and the problem."""
    try:
        text = ui_locale(lang).text
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    try:
        debrief = load_debrief(path)
    except SaveError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        print(f"error: {out}: exists and is not a folder", file=sys.stderr)
        return 2
    try:
        written = export_debrief(debrief, out, lang, text=text, csv_format=csv_format)
    except OSError as error:
        print(f"error: {error.filename or out}: cannot be written: {error.strerror or error}", file=sys.stderr)
        return 2
    print(summary_text(debrief, text, lang))
    print(text("debrief.exported", count=len(written), folder=str(out)))
    return 0


def summary_text(debrief: Debrief, text: Text, lang: str) -> str:
    """The table totals in a few lines of plain text."""
    totals = debrief.totals
    lines = [text("debrief.summary_spent", spent=fmt.money(totals.spent, lang), prize=fmt.money(totals.prize, lang),
                  years=totals.years),
             text("debrief.summary_take", take=fmt.money(totals.vendor_take, lang),
                  share=_percent_text(totals.vendor_share, lang)),
             text("debrief.summary_dissipation", value=_percent_text(totals.dissipation, lang)),
             text("debrief.summary_hhi", hhi=_number_or_dash(totals.hhi, lang), n=totals.firms_counted,
                  equal=_number_or_dash(totals.hhi_equal, lang),
                  firms=_number_or_dash(totals.equivalent_firms, lang, digits=1))]
    return "\n".join(lines)


def _number_or_dash(value: float | None, lang: str, digits: int = 0) -> str:
    return "–" if value is None else fmt.number(round(value, digits) if digits else round(value), lang)


def _percent_text(value: float | None, lang: str) -> str:
    return "–" if value is None else fmt.percent(round(value, 1), lang)
