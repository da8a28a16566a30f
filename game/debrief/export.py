"""The debrief's export: CSV files, the charts as PNG, the hand history as JSON and a README.

The CSV files are UTF-8 with a byte-order mark (so spreadsheets read accents), with a header row
and one row per firm-year / action / chip generation / year, and one row of totals;
docs/debrief.md defines every column. They come in two formats (`CSV_FORMATS`): "excel-de", what
a German Excel opens with a double click (semicolons, a decimal comma, the column titles in the
UI language), the default for a German export; and "international" (commas, a decimal point,
the column names as docs/debrief.md gives them), the default otherwise. Every file is written with
`game.content.files.write_atomically`, so a failed export leaves no half-written file.
matplotlib is imported only when the charts are drawn.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from game.content import text as fmt
from game.content.files import write_atomically
from game.content.locale import ui_locale
from game.content.saves import history_text

from . import charts
from .model import HIGHLY_CONCENTRATED_HHI, LEFT, Debrief

Text = Callable[..., str]  # a UI phrase by key, e.g. game.content.locale.ui_locale("de").text


# --------------------------------------------------------------------------- CSV

FIRM_YEAR_COLUMNS = (
    "year", "complete", "seat", "firm", "profile", "player", "outcome",
    "cash_start_usd_m", "income_usd_m", "raised_usd_m", "opex_usd_m", "spent_on_chips_usd_m", "market_won_usd_m",
    "agi_prize_usd_m", "cash_end_usd_m", "depreciation_usd_m", "book_value_end_usd_m", "net_worth_end_usd_m",
    "ownership_end_pct", "investors_preference_end_usd_m", "score_end_usd_m", "effective_compute_end_h100e",
    "compute_share_end_pct", "capability_public", "capability_shown_at_showdown", "cards_shown",
    "spent_cumulative_usd_m", "won_cumulative_usd_m", "fleet",
)
ACTION_COLUMNS = ("number", "year", "phase", "quarter", "seat", "firm", "player", "action", "amount",
                  "paid_usd_m", "h100e_bought")
FLEET_COLUMNS = ("year", "seat", "firm", "vendor", "chip", "h100e")
YEAR_COLUMNS = ("year", "complete", "firms_seated", "spent_on_chips_usd_m", "markets_paid_usd_m",
                "base_market_paid_usd_m", "stakes_share_paid_usd_m", "vendor_take_usd_m", "rent_dissipation_pct",
                "hhi_compute", "firms_in_race", "hhi_equal_shares", "largest_firm_compute_pct")
TOTAL_COLUMNS = ("years_finished", "spent_on_chips_usd_m", "markets_paid_usd_m", "base_market_paid_usd_m",
                 "stakes_share_paid_usd_m", "vendor_take_usd_m", "vendor_take_pct_of_spend", "rent_dissipation_pct",
                 "chips_book_value_end_usd_m", "firms_in_race_end", "hhi_compute_end", "hhi_equal_shares",
                 "equivalent_equal_firms", "hhi_highly_concentrated", "largest_firm", "largest_firm_compute_pct")
# Every column of every file once, for the column titles in the locale (debrief_csv.<column>).
ALL_COLUMNS = tuple(dict.fromkeys(FIRM_YEAR_COLUMNS + ACTION_COLUMNS + FLEET_COLUMNS + YEAR_COLUMNS + TOTAL_COLUMNS))
CSV_ENCODING = "utf-8-sig"  # UTF-8 with a byte-order mark: spreadsheets then read accents and umlauts right
EXCEL_DE = "excel-de"
INTERNATIONAL = "international"
CSV_FORMATS = (EXCEL_DE, INTERNATIONAL)


def default_csv_format(lang: str) -> str:
    """German Excel's format for a German export, the international one otherwise.

    >>> default_csv_format("de"), default_csv_format("en")
    ('excel-de', 'international')
    """
    return EXCEL_DE if lang == "de" else INTERNATIONAL


def _blank(value: float | None, digits: int) -> float | int | str:
    """A figure rounded to `digits` (a whole number at 0), or empty when there is none."""
    if value is None:
        return ""
    return round(value) if digits == 0 else round(value, digits)


def firm_year_rows(debrief: Debrief, decimal: str = ".") -> list[dict[str, Any]]:
    """One dict per firm and year, keyed by FIRM_YEAR_COLUMNS (`decimal` is the decimal mark of
    the numbers written into the fleet's text)."""
    shares: dict[tuple[int, int], float] = {}
    for year in {row.year for row in debrief.firm_years}:
        rows = [row for row in debrief.firm_years if row.year == year and row.outcome != LEFT]
        total = sum(row.compute_end for row in rows)
        shares.update({(year, row.seat): 100.0 * row.compute_end / total for row in rows if total > 0})
    out = []
    for row in debrief.firm_years:
        firm = debrief.firms[row.seat]
        out.append({
            "year": row.year, "complete": int(row.complete), "seat": row.seat, "firm": row.firm,
            "profile": firm.profile, "player": firm.player, "outcome": row.outcome,
            "cash_start_usd_m": row.cash_start, "income_usd_m": row.income, "raised_usd_m": row.raised,
            "opex_usd_m": row.opex, "spent_on_chips_usd_m": row.spent, "market_won_usd_m": row.won,
            "agi_prize_usd_m": row.agi_prize, "cash_end_usd_m": row.cash_end, "depreciation_usd_m": row.depreciation,
            "book_value_end_usd_m": row.book_value_end, "net_worth_end_usd_m": row.net_worth_end,
            "ownership_end_pct": round(100 * row.ownership_end, 2),
            "investors_preference_end_usd_m": row.preference_end, "score_end_usd_m": row.score_end,
            "effective_compute_end_h100e": round(row.compute_end, 1),
            "compute_share_end_pct": _blank(shares.get((row.year, row.seat)), 2),
            "capability_public": round(row.capability, 2), "capability_shown_at_showdown": int(bool(row.shown)),
            "cards_shown": " + ".join(row.shown), "spent_cumulative_usd_m": row.spent_total,
            "won_cumulative_usd_m": row.won_total,
            "fleet": "; ".join(f"{vendor} {chip}: {str(round(h100e, 1)).replace('.', decimal)}"
                               for vendor, chip, h100e in row.fleet),
        })
    return out


def action_rows(debrief: Debrief) -> list[dict[str, Any]]:
    return [{"number": row.number, "year": row.year, "phase": row.phase, "quarter": row.quarter, "seat": row.seat,
             "firm": row.firm, "player": debrief.firms[row.seat].player, "action": row.action,
             "amount": "" if row.amount is None else row.amount, "paid_usd_m": row.paid,
             "h100e_bought": round(row.h100e, 1)} for row in debrief.actions]


def fleet_rows(debrief: Debrief) -> list[dict[str, Any]]:
    return [{"year": row.year, "seat": row.seat, "firm": row.firm, "vendor": vendor, "chip": chip,
             "h100e": round(h100e, 1)} for row in debrief.firm_years for vendor, chip, h100e in row.fleet]


def year_rows(debrief: Debrief) -> list[dict[str, Any]]:
    return [{"year": year.year, "complete": int(year.complete), "firms_seated": year.seated,
             "spent_on_chips_usd_m": year.spent, "markets_paid_usd_m": year.prize,
             "base_market_paid_usd_m": year.base_market, "stakes_share_paid_usd_m": year.prize - year.base_market,
             "vendor_take_usd_m": year.vendor_take, "rent_dissipation_pct": _blank(year.dissipation, 2),
             "hhi_compute": _blank(year.hhi, 0), "firms_in_race": year.firms_in_race,
             "hhi_equal_shares": _blank(year.hhi_equal, 0),
             "largest_firm_compute_pct": _blank(year.largest_share, 2)}
            for year in debrief.years]


def total_row(debrief: Debrief) -> dict[str, Any]:
    totals = debrief.totals
    return {"years_finished": totals.years, "spent_on_chips_usd_m": totals.spent,
            "markets_paid_usd_m": totals.prize, "base_market_paid_usd_m": totals.base_market,
            "stakes_share_paid_usd_m": totals.stakes_share, "vendor_take_usd_m": totals.vendor_take,
            "vendor_take_pct_of_spend": _blank(totals.vendor_share, 2),
            "rent_dissipation_pct": _blank(totals.dissipation, 2), "chips_book_value_end_usd_m": totals.book_value_end,
            "firms_in_race_end": totals.firms_counted, "hhi_compute_end": _blank(totals.hhi, 0),
            "hhi_equal_shares": _blank(totals.hhi_equal, 0),
            "equivalent_equal_firms": _blank(totals.equivalent_firms, 2),
            "hhi_highly_concentrated": HIGHLY_CONCENTRATED_HHI,
            "largest_firm": "" if totals.largest_seat is None else debrief.firms[totals.largest_seat].name,
            "largest_firm_compute_pct": _blank(totals.largest_share, 2)}


def csv_text(columns: Sequence[str], rows: Iterable[dict[str, Any]], csv_format: str = INTERNATIONAL,
             titles: dict[str, str] | None = None) -> str:
    r"""A CSV document with a header row (one record a line, CRLF line ends): comma-separated with
    the column names and a decimal point, or in German Excel's format (`EXCEL_DE`) semicolon-separated
    with a decimal comma and the header from `titles` (column name -> title).

    >>> csv_text(("year", "share"), [{"year": 2024, "share": 12.5}], EXCEL_DE, {"year": "Jahr", "share": "Anteil"})
    'Jahr;Anteil\r\n2024;12,5\r\n'
    """
    if csv_format not in CSV_FORMATS:
        raise ValueError(f"no CSV format {csv_format!r}; formats are: {', '.join(CSV_FORMATS)}")
    german = csv_format == EXCEL_DE
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=";" if german else ",")
    writer.writerow([titles[column] for column in columns] if german and titles else list(columns))
    for row in rows:
        writer.writerow([_cell(row[column], german) for column in columns])
    return out.getvalue()


def _cell(value: Any, decimal_comma: bool) -> Any:
    """A float with a decimal comma for German Excel (which reads "12.5" as a date or as text)."""
    return str(value).replace(".", ",") if decimal_comma and isinstance(value, float) else value


# --------------------------------------------------------------------------- export

CSV_FILES = {"firm_years.csv": (FIRM_YEAR_COLUMNS, firm_year_rows), "actions.csv": (ACTION_COLUMNS, action_rows),
             "fleet.csv": (FLEET_COLUMNS, fleet_rows), "years.csv": (YEAR_COLUMNS, year_rows),
             "totals.csv": (TOTAL_COLUMNS, lambda debrief: [total_row(debrief)])}
HISTORY_FILE = "history.json"
README_FILE = "README.txt"


def export_debrief(debrief: Debrief, folder: str | os.PathLike, lang: str = "en", *,
                   text: Text | None = None, csv_format: str | None = None) -> list[Path]:
    """Write the debrief into `folder` (created if needed): the CSV files (in `csv_format`, by
    default `default_csv_format(lang)`), the hand history as JSON, every chart as PNG and a README
    that says what each file holds. Returns the files written. Raises `OSError` if the folder
    cannot be written."""
    folder = Path(folder)
    text = text or ui_locale(lang).text
    csv_format = csv_format or default_csv_format(lang)
    titles = {column: text(f"debrief_csv.{column}") for column in ALL_COLUMNS}
    decimal = "," if csv_format == EXCEL_DE else "."
    tables = {**CSV_FILES, "firm_years.csv": (FIRM_YEAR_COLUMNS, lambda debrief: firm_year_rows(debrief, decimal))}
    files: dict[str, str | bytes] = {  # text is written as UTF-8
        name: csv_text(columns, rows(debrief), csv_format, titles).encode(CSV_ENCODING)
        for name, (columns, rows) in tables.items()}
    files[HISTORY_FILE] = history_text(debrief.history)
    files.update({f"{name}.png": image for name, image in charts.pngs(debrief, text, lang).items()})
    files[README_FILE] = readme_text(debrief, text, lang, csv_format)
    written = []
    for name, content in files.items():
        write_atomically(folder / name, content)
        written.append(folder / name)
    return written


def readme_text(debrief: Debrief, text: Text, lang: str, csv_format: str = INTERNATIONAL) -> str:
    """What the export folder holds and what its figures mean, in the UI language."""
    scenario = debrief.scenario
    title = scenario.title.get(lang) or scenario.title.get("en") or scenario.id
    units = "debrief.readme_units_excel_de" if csv_format == EXCEL_DE else "debrief.readme_units_international"
    lines = [text("debrief.readme_title", scenario=title, first=scenario.first_year, last=debrief.year_reached), "",
             text(units), ""]
    for name in (*CSV_FILES, HISTORY_FILE):
        key = name.split(".")[0]
        lines.append(f"{name}: {text(f'debrief.file_{key}')}")
    lines.append(f"*.png: {text('debrief.file_charts')}")
    lines.append("")
    share = fmt.number(100 * debrief.market_share, lang)
    explained = (("label_spent", "explain_spent"), ("label_prize", "explain_prize"), ("label_take", "explain_take"),
                 ("label_dissipation", "explain_dissipation"), ("label_hhi", "explain_hhi"),
                 ("row_capability", "explain_capability"), ("row_depreciation", "explain_depreciation"))
    for label, key in explained:
        lines.append(f"• {text(f'debrief.{label}')}: {text(f'debrief.{key}', share=share)}")
    lines.append("• " + text("debrief.concentration_reference", line=fmt.number(HIGHLY_CONCENTRATED_HHI, lang)))
    return "\n".join(lines) + "\n"


def export_name(scenario_id: str, source: str | os.PathLike | None = None, when: datetime | None = None) -> str:
    """A folder name for an export: the save's file name, else the scenario and the time."""
    if source is not None:
        return Path(source).stem
    return f"{scenario_id}_{(when or datetime.now()).strftime('%Y-%m-%d_%H-%M-%S')}"
