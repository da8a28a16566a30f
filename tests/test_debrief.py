"""The debrief's data and export (the game.debrief package: model, export, charts, cli), headless.

The hand-checked game runs on the small test scenario (tests/support.py): ante $100M, base
market $1,000M, half of every staked dollar back into the market, 1 H100e for $1M (AMD counts
half), chips written off over five years, every card and event worth nothing, no income.
"""

from __future__ import annotations

import csv
import itertools
import json
import math
import random

import pytest

from game.content import load_scenario
from game.content.locale import ui_locale
from game.content.saves import SaveError, SeatPlayer, read_game_file
from game.core import (
    Action, apply_action, bet, check, fold, from_json, history_of, legal_actions, new_game, set_mix, sit_in, sit_out,
    to_json,
)
from game.debrief import (
    ACTION_COLUMNS, CSV_FILES, FIRM_YEAR_COLUMNS, FLEET_COLUMNS, FOLDED, LEFT, LOST, PLAYING, SAT_OUT, TOTAL_COLUMNS,
    WON, YEAR_COLUMNS, build_debrief, equal_shares_hhi, equivalent_firms, export_debrief, herfindahl, load_debrief,
    run_debrief, top_share, yearly_snapshots,
)
from game.debrief.charts import CHARTS, PRINT_STYLE, chart, rgba
from game.debrief.model import _YearEnd
from game.debrief.replay import Replay
from game.session import Session
from support import make_scenario, random_action, scenario_data

FILES = {*CSV_FILES, "history.json", "README.txt", *(f"{name}.png" for name in CHARTS)}


def hand_checked_game(name0: str = "Firm 0"):
    """Three years, two firms (see the test below for every figure)."""
    data = scenario_data()
    data["firms"][0]["name"] = name0
    from game.core import parse_scenario
    state = new_game(parse_scenario(data, "test.toml"), ["f0", "f1"], 1)
    actions = [
        # 2024: seat 0 acts first; it bets 200 in Q1 and seat 1 folds
        sit_in(), sit_in(), bet(200), fold(),
        # 2025: the button moved to seat 0; seat 1 buys AMD only; both check to the showdown
        set_mix(100), sit_in(), sit_in(), *[check()] * 8,
        # 2026: seat 0 sits in, seat 1 sits out: seat 0 takes the market alone
        sit_in(), sit_out(),
    ]
    for action in actions:
        state = apply_action(state, action).state
    assert state.is_over and state.over_reason == "last_year"
    return state


@pytest.fixture(scope="module")
def checked():
    state = hand_checked_game()
    return state, build_debrief(history_of(state), [SeatPlayer("Ada"), SeatPlayer("Bo", "steady")])


def statement(debrief, seat):
    return {row.year: row for row in debrief.of_firm(seat)}


# --------------------------------------------------------------------------- the numbers

def test_yearly_statements_of_the_hand_checked_game(checked):
    _, debrief = checked
    zero, one = statement(debrief, 0), statement(debrief, 1)
    # 2024: stakes 300 + 100; the market pays 1,000 + 50 % of 400 = 1,200 to seat 0
    assert zero[2024][5:14] == (1000, 0, 0, 0, 300, 1200, 0, 1900, 60)  # cash start ... AGI prize ... depreciation
    assert (zero[2024].book_value_end, zero[2024].compute_end, zero[2024].outcome) == (240, 300.0, WON)
    assert (one[2024].spent, one[2024].won, one[2024].cash_end, one[2024].outcome) == (100, 0, 900, FOLDED)
    assert (one[2024].book_value_end, one[2024].depreciation) == (80, 20)  # $100M loses a fifth a year
    # 2025: 100 each (seat 1 on AMD at half efficiency); the showdown pays 1,000 + 100 to seat 0
    assert (zero[2025].cash_start, zero[2025].spent, zero[2025].won, zero[2025].cash_end) == (1900, 100, 1100, 2900)
    assert (zero[2025].book_value_end, zero[2025].depreciation) == (180 + 80, 80)
    assert (one[2025].cash_end, one[2025].compute_end, one[2025].book_value_end, one[2025].depreciation) == (
        800, 150.0, 60 + 80, 40)
    assert one[2025].outcome == LOST and one[2025].fleet == (("nvidia", "nvidia-2024", 100.0),
                                                              ("amd", "amd-2025", 100.0))
    # 2026: seat 0 alone: 1,000 + 50 % of 100
    assert (zero[2026].spent, zero[2026].won, zero[2026].cash_end, zero[2026].depreciation) == (100, 1050, 3850, 100)
    assert (zero[2026].book_value_end, zero[2026].spent_total, zero[2026].won_total) == (120 + 60 + 80, 500, 3350)
    assert (one[2026].outcome, one[2026].spent, one[2026].cash_end, one[2026].book_value_end) == (SAT_OUT, 0, 800, 100)
    assert all(row.complete and row.ownership_end == 1.0 for row in debrief.firm_years)


def test_capability_is_public_only(checked):
    _, debrief = checked
    zero, one = statement(debrief, 0), statement(debrief, 1)
    # 2024 ended by a fold: no cards shown, so the compute term alone
    assert zero[2024].shown == () and zero[2024].capability == pytest.approx(10 * math.log10(300))
    # 2025 went to the showdown: the capability shown there (cards worth 0 here)
    assert len(zero[2025].shown) == 2 and zero[2025].capability == pytest.approx(10 * math.log10(400))
    assert len(one[2025].shown) == 2 and one[2025].capability == pytest.approx(10 * math.log10(150))


def test_table_totals_rent_dissipation_vendors_take_and_concentration(checked):
    state, debrief = checked
    years = {year.year: year for year in debrief.years}
    assert (years[2024].spent, years[2024].prize, years[2024].base_market, years[2024].vendor_take) == (
        400, 1200, 1000, 200)
    assert years[2024].hhi == pytest.approx(75 ** 2 + 25 ** 2) and years[2024].largest_share == pytest.approx(75)
    assert years[2024].dissipation == pytest.approx(100 * 400 / 1200)
    assert (years[2024].firms_in_race, years[2024].hhi_equal) == (2, 5000)
    totals = debrief.totals
    assert (totals.years, totals.spent, totals.prize, totals.base_market, totals.vendor_take) == (
        3, 700, 3350, 3000, 350)
    assert totals.stakes_share == 350 and totals.dissipation == pytest.approx(100 * 700 / 3350)
    assert totals.vendor_share == pytest.approx(50.0)
    assert totals.vendor_take == state.vendor_take and totals.base_market == state.base_paid
    share = 100 * 500 / 650  # 2026: 300 + 100 + 100 H100e against 100 + half of 100
    assert totals.hhi == pytest.approx(share ** 2 + (100 - share) ** 2)
    assert totals.largest_seat == 0 and totals.largest_share == pytest.approx(share)
    # the fair reference: two equal firms would give 5,000; this table is as concentrated as ~1.55 equal firms
    assert (totals.firms_counted, totals.hhi_equal) == (2, 5000)
    assert totals.equivalent_firms == pytest.approx(10_000 / totals.hhi) and 1.5 < totals.equivalent_firms < 1.6
    assert totals.book_value_end == 260 + 100
    assert [row.score for row in debrief.standings] == [3850 + 260, 800 + 100]


def test_action_rows_say_when_and_what_each_action_paid(checked):
    _, debrief = checked
    rows = debrief.actions
    assert len(rows) == 17 and [row.number for row in rows] == list(range(1, 18))
    assert rows[0][1:] == (2024, "ante", 0, 0, "Firm 0", "sit_in", None, 100, 100.0)
    assert rows[2][1:] == (2024, "betting", 1, 0, "Firm 0", "bet", 200, 200, 200.0)
    assert rows[3][1:] == (2024, "betting", 1, 1, "Firm 1", "fold", None, 0, 0.0)
    assert rows[4][1:] == (2025, "ante", 0, 1, "Firm 1", "set_mix", 100, 0, 0.0)
    assert sum(row.paid for row in rows) == debrief.totals.spent


def test_concentration_helpers():
    assert herfindahl([1, 1, 1, 1]) == 2500 and herfindahl([5]) == 10_000 and herfindahl([]) is None
    assert top_share([1, 1, 2], 1) == 50 and top_share([0, 0], 1) is None
    assert [equal_shares_hhi(n) for n in (2, 4, 5)] == [5000, 2500, 2000] and equal_shares_hhi(0) is None
    assert equivalent_firms(herfindahl([1, 1, 1, 1])) == 4 and equivalent_firms(None) is None


# --------------------------------------------------------------------------- the books match the core

def _random_history(seed: int, seats: int, **changes):
    rng = random.Random(seed)
    state = new_game(make_scenario(**changes), [f"f{i}" for i in range(seats)], seed)
    while not state.is_over:
        state = apply_action(state, random_action(state, rng)).state
    return history_of(state)


@pytest.mark.parametrize("seed", range(12))
def test_the_year_end_view_carried_through_an_action_lands_on_the_cores_view(seed):
    """A year ends inside an action, so the debrief reads its end from the public view before the
    action carried through the action's public events. Carried through whole actions, that view
    equals the core's own after every action: cash, lots, idle lots, ownership, preference, exits
    and the weights of the face-up events (funding, opex, AMD, exits)."""
    changes = {"funding__enabled": True, "opex__enabled": True, "opex__usd_per_h100e_year": 400_000,
               "market__nvidia__scarcity": 0.5, "market__amd__scarcity": 0.3}
    if seed % 3 == 0:
        changes["schedules__amd_efficiency"] = [0.5, 0.7, 0.9]
    if seed % 2 == 0:  # events that change the weights the carried view must follow
        changes["events"] = [
            {"id": "wall", "title": {"en": "W", "de": "W"}, "effects": [{"kind": "compute_weight", "delta": -0.3}]},
            {"id": "rocm", "title": {"en": "R", "de": "R"}, "effects": [{"kind": "amd_efficiency", "delta": 0.2}]},
            {"id": "moat", "title": {"en": "M", "de": "M"}, "effects": [{"kind": "amd_efficiency", "delta": -0.6}]},
            {"id": "big", "title": {"en": "B", "de": "B"}, "effects": [{"kind": "compute_weight", "delta": 0.4}]}]
    history = _random_history(seed, 2 + seed % 5, **changes)
    replay = Replay(history)
    for step in range(1, replay.length + 1):
        carried = _YearEnd(replay, step)
        for event in replay.events(step):
            carried.apply(event)
        view = replay.observation(step, None)
        for mine, theirs in zip(carried.firms, view.firms, strict=True):
            assert (mine.cash, mine.lots, mine.ownership, mine.preference, mine.status == "exited") == (
                theirs.cash, theirs.lots, theirs.ownership, theirs.preference, theirs.status == "exited")
            if theirs.status != "exited":
                assert mine.idle_lots == theirs.idle_lots
        if view.phase == "betting":
            assert carried.weights() == (view.compute_weight, view.amd_efficiency)
    debrief = build_debrief(history)
    final = history.replay()
    for row in debrief.firm_years:
        assert row.cash_end == row.cash_start + row.income + row.raised - row.opex - row.spent + row.won + row.agi_prize
    for seat, firm in enumerate(final.firms):
        last = debrief.of_firm(seat)[-1]
        assert (last.cash_end, last.spent_total, last.won_total) == (firm.cash, firm.spent_total, firm.won_total)
        assert sum(row.income for row in debrief.of_firm(seat)) == firm.income_total
        assert sum(row.opex for row in debrief.of_firm(seat)) == firm.opex_total
        assert sum(row.raised for row in debrief.of_firm(seat)) == firm.raised_total
    ranked = {standing.seat: standing for standing in debrief.standings}
    for seat in range(len(final.firms)):
        last = debrief.of_firm(seat)[-1]
        assert (last.score_end, last.net_worth_end) == (ranked[seat].score, ranked[seat].net_worth)
    totals = debrief.totals
    assert (totals.vendor_take, totals.base_market) == (final.vendor_take, final.base_paid)
    assert totals.spent == totals.vendor_take + totals.stakes_share
    assert [year.vendor_take for year in debrief.years] == list(final.vendor_take_by_year)


def test_year_starts_agree_with_the_snapshots():
    history = _random_history(4, 4, funding__enabled=True)
    debrief = build_debrief(history)
    starts = {(row["year"], row["seat"]): row["cash"] for row in yearly_snapshots(history) if row["point"] == "start"}
    for row in debrief.firm_years:
        if (row.year, row.seat) in starts:
            assert starts[(row.year, row.seat)] == row.cash_start + row.income - row.opex


def test_a_firm_that_left_has_no_rows_after_its_last_year():
    state = new_game(make_scenario(), ["f0", "f1", "f2"], 4)
    while not state.is_over:
        legal = legal_actions(state)
        if legal.can_sit_in:
            state = apply_action(state, sit_in() if state.to_act != 2 else sit_out()).state
        else:
            state = apply_action(state, check() if legal.can_check else Action("call")).state
    debrief = build_debrief(history_of(state))
    assert [row.outcome for row in debrief.of_firm(2)] == [SAT_OUT, LEFT]
    assert [row.year for row in debrief.of_firm(2)] == [2024, 2025]
    assert debrief.series("cash")[2][0] == [2024, 2025]
    assert debrief.totals.firms_counted == 2


def test_an_unfinished_game_ends_with_the_year_being_played():
    state = new_game(make_scenario(), ["f0", "f1"], 5)
    for action in (sit_in(), sit_in(), bet(300)):
        state = apply_action(state, action).state
    debrief = build_debrief(history_of(state))
    assert not debrief.over and debrief.year_reached == 2024
    assert [(row.outcome, row.complete, row.spent) for row in debrief.firm_years] == [
        (PLAYING, False, 400), (PLAYING, False, 100)]
    assert debrief.totals.years == 0 and debrief.totals.spent == 0 and debrief.totals.dissipation is None
    assert debrief.of_firm(0)[0].book_value_end == 400  # bought this year: at cost


def test_a_debrief_of_a_classic_bot_game_is_consistent():
    players = [SeatPlayer(f"Bot {i}", bot) for i, bot in enumerate(["steady", "aggressive", "cautious", "random"])]
    session = Session.new(load_scenario("classic"), players, 8, time_limit=None)
    while not session.is_over:
        session.bot_step()
    debrief = build_debrief(session.history(), session.players)
    assert [firm.player for firm in debrief.firms] == ["Bot 0", "Bot 1", "Bot 2", "Bot 3"]
    assert debrief.totals.vendor_take == session.state.vendor_take
    assert {year.year for year in debrief.years} == set(range(2024, session.state.year + 1))


# --------------------------------------------------------------------------- files

def read_csv(path):
    raw = path.read_bytes()
    raw.decode("utf-8")  # strictly UTF-8 (the byte-order mark included)
    assert raw.startswith(b"\xef\xbb\xbf"), "a byte-order mark, so spreadsheets read UTF-8"
    with path.open(encoding="utf-8-sig", newline="") as file:
        reader = csv.DictReader(file)
        return reader.fieldnames, list(reader)


def test_export_writes_every_file_and_the_csv_files_read_back(tmp_path):
    state = hand_checked_game("Zürich Öko-AI, “Ltd”")
    debrief = build_debrief(history_of(state), [SeatPlayer("Jürgen"), SeatPlayer("Bo", "steady")])
    written = export_debrief(debrief, tmp_path / "out", "en")
    assert {path.name for path in written} == FILES == {path.name for path in (tmp_path / "out").iterdir()}

    header, rows = read_csv(tmp_path / "out" / "firm_years.csv")
    assert header == list(FIRM_YEAR_COLUMNS) and len(rows) == 6
    first = rows[0]
    assert (first["year"], first["seat"], first["firm"], first["player"], first["outcome"]) == (
        "2024", "0", "Zürich Öko-AI, “Ltd”", "Jürgen", "won")
    assert (first["spent_on_chips_usd_m"], first["market_won_usd_m"], first["cash_end_usd_m"],
            first["depreciation_usd_m"], first["book_value_end_usd_m"]) == ("300", "1200", "1900", "60", "240")
    assert first["compute_share_end_pct"] == "75.0" and first["fleet"] == "nvidia nvidia-2024: 300.0"
    assert [row["capability_shown_at_showdown"] for row in rows] == ["0", "0", "1", "1", "0", "0"]

    header, rows = read_csv(tmp_path / "out" / "actions.csv")
    assert header == list(ACTION_COLUMNS) and len(rows) == 17
    assert [rows[2][key] for key in ("year", "quarter", "seat", "action", "amount", "paid_usd_m")] == [
        "2024", "1", "0", "bet", "200", "200"]
    assert rows[0]["amount"] == "" and rows[0]["player"] == "Jürgen"

    header, rows = read_csv(tmp_path / "out" / "fleet.csv")
    assert header == list(FLEET_COLUMNS)
    assert [(row["year"], row["seat"], row["vendor"], row["h100e"]) for row in rows if row["seat"] == "1"] == [
        ("2024", "1", "nvidia", "100.0"), ("2025", "1", "nvidia", "100.0"), ("2025", "1", "amd", "100.0"),
        ("2026", "1", "nvidia", "100.0"), ("2026", "1", "amd", "100.0")]

    header, rows = read_csv(tmp_path / "out" / "years.csv")
    assert header == list(YEAR_COLUMNS) and [row["vendor_take_usd_m"] for row in rows] == ["200", "100", "50"]
    header, rows = read_csv(tmp_path / "out" / "totals.csv")
    assert header == list(TOTAL_COLUMNS) and len(rows) == 1
    assert (rows[0]["spent_on_chips_usd_m"], rows[0]["markets_paid_usd_m"], rows[0]["vendor_take_usd_m"],
            rows[0]["rent_dissipation_pct"], rows[0]["hhi_equal_shares"], rows[0]["equivalent_equal_firms"]) == (
        "700", "3350", "350", "20.9", "5000", "1.55")

    history = from_json((tmp_path / "out" / "history.json").read_text(encoding="utf-8"))
    assert history == history_of(state) and history.replay() == state
    for name in CHARTS:
        png = (tmp_path / "out" / f"{name}.png").read_bytes()
        assert png.startswith(b"\x89PNG\r\n\x1a\n")
        width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
        assert (width, height) == (1200, 720)
    readme = (tmp_path / "out" / "README.txt").read_text(encoding="utf-8")
    assert "firm_years.csv" in readme and "Rent dissipation" in readme and "comma-separated" in readme
    assert "[S" not in readme  # the research note's source tags are for us, not for the classroom


def read_german_excel_csv(path):
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "a byte-order mark, or Excel reads the umlauts as two characters each"
    with path.open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.reader(file, delimiter=";"))
    return rows[0], rows[1:]


def test_the_german_export_opens_in_german_excel(tmp_path):
    state = hand_checked_game("Zürich Öko-AI; “Ltd”")
    debrief = build_debrief(history_of(state), [SeatPlayer("Jürgen"), SeatPlayer("Bo", "steady")])
    export_debrief(debrief, tmp_path, "de")
    readme = (tmp_path / "README.txt").read_text(encoding="utf-8")
    assert "Nachbesprechung" in readme and "Rentendissipation" in readme and "Semikolons" in readme
    header, rows = read_german_excel_csv(tmp_path / "firm_years.csv")
    german = ui_locale("de")
    assert header == [german.get(f"debrief_csv.{column}") for column in FIRM_YEAR_COLUMNS]
    assert header[:4] == ["Jahr", "Jahr abgeschlossen (1/0)", "Platz", "Firma"]
    first = dict(zip(FIRM_YEAR_COLUMNS, rows[0], strict=True))
    assert first["firm"] == "Zürich Öko-AI; “Ltd”"  # the semicolon in the name is quoted, not a new column
    assert first["compute_share_end_pct"] == "75,0" and first["fleet"] == "nvidia nvidia-2024: 300,0"
    assert first["cash_end_usd_m"] == "1900"  # whole $M stay whole numbers
    header, rows = read_german_excel_csv(tmp_path / "totals.csv")
    totals = dict(zip(TOTAL_COLUMNS, rows[0], strict=True))
    assert header[0] == "Abgeschlossene Jahre" and totals["rent_dissipation_pct"] == "20,9"
    assert totals["hhi_highly_concentrated"] == "1800"


def test_the_international_format_is_an_option_in_every_language(tmp_path):
    debrief = build_debrief(history_of(hand_checked_game()))
    export_debrief(debrief, tmp_path, "de", csv_format="international")
    header, rows = read_csv(tmp_path / "firm_years.csv")
    assert header == list(FIRM_YEAR_COLUMNS) and rows[0]["compute_share_end_pct"] == "75.0"
    assert "Kommas" in (tmp_path / "README.txt").read_text(encoding="utf-8")
    with pytest.raises(ValueError, match="no CSV format 'excel'"):
        export_debrief(debrief, tmp_path / "x", "en", csv_format="excel")


def test_every_csv_column_has_a_title_in_every_language():
    from game.debrief.export import ALL_COLUMNS
    for lang in ("en", "de"):
        titles = [ui_locale(lang).get(f"debrief_csv.{column}") for column in ALL_COLUMNS]
        assert all(titles) and len(set(titles)) == len(titles), lang


def test_every_chart_renders_headless_with_ink_on_it():
    debrief = build_debrief(history_of(hand_checked_game()))
    text = ui_locale("en").text
    for name in CHARTS:
        pixels, size = rgba(chart(debrief, name, (480, 300), PRINT_STYLE, text, "en", legend=True))
        assert size == (480, 300) and len(pixels) == 480 * 300 * 4
        assert len(set(pixels[i:i + 3] for i in range(0, len(pixels), 4 * 37))) > 8, name
    with pytest.raises(ValueError, match="no chart 'pie'"):
        chart(debrief, "pie", (300, 200), PRINT_STYLE, text, "en")


# --------------------------------------------------------------------------- reading files, run_debrief

def _history_file(tmp_path, state=None):
    path = tmp_path / "game.history.json"
    path.write_text(to_json(history_of(state or hand_checked_game())), encoding="utf-8")
    return path


def test_read_game_file_takes_a_history_or_a_save(tmp_path):
    state = hand_checked_game()
    game = read_game_file(_history_file(tmp_path, state))
    assert game.players is None and game.history == history_of(state)
    save = Session.new(make_scenario(), [SeatPlayer("Ada"), SeatPlayer("Bo", "steady")], 3).save(tmp_path / "s.json")
    game = read_game_file(save)
    assert [player.name for player in game.players] == ["Ada", "Bo"] and game.history.seed == 3
    assert load_debrief(save).firms[1].bot == "steady"


def test_a_save_whose_bot_is_gone_still_has_a_debrief(tmp_path):
    save = Session.new(make_scenario(), [SeatPlayer("Ada"), SeatPlayer("Bo", "steady")], 3).save(tmp_path / "s.json")
    document = json.loads(save.read_text(encoding="utf-8"))
    document["players"][1]["bot"] = "gone.py:MyBot"
    save.write_text(json.dumps(document), encoding="utf-8")
    assert load_debrief(save).firms[1].bot == "gone.py:MyBot"


def test_run_debrief_writes_the_folder_and_a_summary(tmp_path, capsys):
    assert run_debrief(str(_history_file(tmp_path)), str(tmp_path / "out")) == 0
    out = capsys.readouterr()
    assert out.err == ""
    assert "Rent dissipation (total spend ÷ total prize): 20.9 %." in out.out and "Exported 16 files" in out.out
    assert "HHI 6,450 with 2 firms in the race (equal shares would give 5,000)" in out.out and "[S" not in out.out
    assert {path.name for path in (tmp_path / "out").iterdir()} == FILES
    assert run_debrief(str(_history_file(tmp_path)), str(tmp_path / "aus"), "de") == 0
    assert "Rentendissipation" in capsys.readouterr().out


def _damaged_history(tmp_path):
    document = json.loads(_history_file(tmp_path).read_text(encoding="utf-8"))
    document["actions"][2] = ["bet", 999_999]
    path = tmp_path / "damaged.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


@pytest.mark.parametrize("make, words", [
    (lambda tmp: tmp / "missing.json", "no such file"),
    (lambda tmp: tmp, "is a folder"),
    (lambda tmp: _write(tmp / "notes.txt", "just some notes"), "is not valid JSON (line 1, column 1"),
    (lambda tmp: _write(tmp / "empty.json", ""), "is empty"),
    (lambda tmp: _write(tmp / "list.json", "[1, 2]"), "expected a JSON object, got list"),
    (lambda tmp: _write(tmp / "other.json", '{"format": "something/else"}'), "its format is 'something/else'"),
    (lambda tmp: _write(tmp / "plain.json", '{"a": 1}'), "it has no 'format' field"),
    (lambda tmp: _write(tmp / "future.json", '{"format": "table-stakes/history", "version": 9}'), "version 9"),
    (lambda tmp: _write(tmp / "save.json", '{"format": "table-stakes/save", "version": 1}'), "'saved_at' is missing"),
    (lambda tmp: _write_bytes(tmp / "binary.json", b"\xff\xfe\x00garbage"), "not UTF-8"),
    (_damaged_history, "does not replay"),
])
def test_bad_input_exits_2_with_one_line_naming_the_file(tmp_path, capsys, make, words):
    path = make(tmp_path)
    assert run_debrief(str(path), str(tmp_path / "out")) == 2
    out = capsys.readouterr()
    assert out.out == ""
    lines = out.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {path}") and words in lines[0], out.err
    assert "Traceback" not in out.err
    assert not (tmp_path / "out").exists()


def test_a_bad_output_folder_or_language_exits_2(tmp_path, capsys):
    history = _history_file(tmp_path)
    blocker = _write(tmp_path / "a-file", "x")
    assert run_debrief(str(history), str(blocker)) == 2
    assert capsys.readouterr().err.strip() == f"error: {blocker}: exists and is not a folder"
    assert run_debrief(str(history), str(tmp_path / "out"), "fr") == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and "unknown language 'fr'" in err


def test_a_recorded_result_that_does_not_match_is_refused(tmp_path):
    path = _history_file(tmp_path)
    document = json.loads(path.read_text(encoding="utf-8"))
    document["result"][0]["score"] += 1
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(SaveError, match="recorded result does not match"):
        load_debrief(path)


def test_export_folders_are_named_after_the_save_or_the_time_and_never_reused(tmp_path):
    from datetime import datetime

    from game.content.files import free_path
    from game.debrief import export_name
    assert export_name("classic", tmp_path / "table-stakes_2026-01-02.json") == "table-stakes_2026-01-02"
    assert export_name("classic", None, datetime(2026, 3, 4, 5, 6, 7)) == "classic_2026-03-04_05-06-07"
    assert free_path(tmp_path, "game") == tmp_path / "game"
    (tmp_path / "game").mkdir()
    (tmp_path / "game-2").mkdir()
    assert free_path(tmp_path, "game") == tmp_path / "game-3"


def _write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def _write_bytes(path, data):
    path.write_bytes(data)
    return path


def test_the_debrief_and_its_charts_import_neither_pygame_nor_matplotlib_until_drawing():
    import subprocess
    import sys
    from pathlib import Path

    code = ("import sys, game.debrief, game.debrief.charts; "
            "print(sorted(m for m in ('pygame', 'matplotlib') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).resolve().parents[1], capture_output=True,
                         text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_charts_show_score_with_the_preference_ownership_compute_on_a_log_axis_and_the_teams():
    """Issue 14: what decided the winner is on the charts, named by firm and team."""
    import dataclasses

    debrief = build_debrief(history_of(hand_checked_game()), [SeatPlayer("Team Rot"), SeatPlayer("Firm 1")])
    # as if seat 1 had raised funds: its investors' preference is drawn beside its score
    rows = tuple(row._replace(preference_end=300, ownership_end=0.8) if row.seat == 1 else row
                 for row in debrief.firm_years)
    debrief = dataclasses.replace(debrief, firm_years=rows)
    text = ui_locale("en").text

    def axes_of(name):
        return chart(debrief, name, (640, 360), PRINT_STYLE, text, "en", legend=True).axes[0]

    compute = axes_of("compute")
    assert compute.get_yscale() == "log"
    assert [label.get_text() for label in compute.get_legend().get_texts()] == ["Firm 0 (Team Rot)", "Firm 1"]
    score = axes_of("score")
    dotted = [line for line in score.get_lines() if line.get_linestyle() == ":"]
    assert len(score.get_lines()) == 3 and len(dotted) == 1 and set(dotted[0].get_ydata()) == {300}
    assert [line.get_ydata()[-1] for line in score.get_lines()[:2]] == [
        debrief.of_firm(0)[-1].score_end, debrief.of_firm(1)[-1].score_end]
    ownership = axes_of("ownership")
    assert [list(line.get_ydata()) for line in ownership.get_lines()] == [[100.0] * 3, [80.0] * 3]
    concentration = axes_of("concentration")
    labels = [label.get_text() for label in concentration.figure.legends[0].get_texts()]
    assert any("equal shares" in label for label in labels) and any("1,800" in label for label in labels)
    assert not any("[S" in label or "Real world" in label for label in labels)


def test_the_command_line_chooses_the_csv_format(tmp_path, capsys):
    from game.cli import main

    history = _history_file(tmp_path)
    assert main(["--debrief", str(history), "--out", str(tmp_path / "de"), "--lang", "de"]) == 0
    assert read_german_excel_csv(tmp_path / "de" / "years.csv")[0][0] == "Jahr"
    assert main(["--debrief", str(history), "--out", str(tmp_path / "intl"), "--lang", "de",
                 "--csv-format", "international"]) == 0
    assert read_csv(tmp_path / "intl" / "years.csv")[0] == list(YEAR_COLUMNS)
    capsys.readouterr()


@pytest.mark.parametrize("size", [(240, 200), (300, 170), (330, 230)])
def test_small_charts_keep_their_labels_apart(size):
    """The small charts of the game-over screen and the debrief at 1024×640 ran '24'25'26… into one
    another and, squeezed under a long German title, stacked their values: no two labels of an axis
    may touch, whatever chart and size."""
    from scene_gallery import finished_state

    debrief = build_debrief(history_of(finished_state()))
    text = ui_locale("de").text
    for name in CHARTS:
        figure = chart(debrief, name, size, PRINT_STYLE, text, "de")
        renderer = figure.canvas.get_renderer()
        axes = figure.axes[0]
        for labels, along in ((axes.get_xticklabels(), "x"), (axes.get_yticklabels(), "y")):
            boxes = sorted((label.get_window_extent(renderer) for label in labels
                            if label.get_visible() and label.get_text()), key=lambda box: (box.x0, box.y0))
            for first, second in itertools.pairwise(boxes):
                apart = second.x0 - first.x1 if along == "x" else abs(second.y0 - first.y0) - first.height
                assert apart >= 1, f"{name} at {size}: labels on its {along} axis touch"
