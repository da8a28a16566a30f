"""One line of the table's action log per public event, in the current language."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import partial

from game.content.text import money, number
from game.core import ActionKind, Scenario
from game.core import events as ev

from .i18n import fixed, language, t


# The log line's text for each kind of action, by the amounts it names.
_STAKE_LINES = {ActionKind.BET: "log.bet", ActionKind.RAISE: "log.raise", ActionKind.CALL: "log.call",
                ActionKind.ALL_IN: "log.all_in"}
_PLAIN_LINES = {ActionKind.FOLD: "log.fold", ActionKind.CHECK: "log.check", ActionKind.SIT_OUT: "log.sit_out"}


class LogLine:
    """A log line kept as what happened rather than as text, so that it reads in the language of the
    moment: after a switch of language the older lines change too (issue 13). `str(line)` is its text."""

    __slots__ = ("_render", "_language", "_text")

    def __init__(self, render: Callable[[], str]) -> None:
        self._render = render
        self._language: str | None = None
        self._text = ""

    def __str__(self) -> str:
        if self._language != language():  # rendered once per language: the table draws the log every frame
            self._language, self._text = language(), self._render()
        return self._text

    def __contains__(self, words: str) -> bool:
        return words in str(self)


def logged(event, scenario: Scenario, names: Sequence[str]) -> LogLine | None:
    """The log line for `event` (see `log_line`) as a `LogLine`, or None for events the log leaves out."""
    if log_line(event, scenario, names) is None:
        return None
    return LogLine(partial(log_line, event, scenario, tuple(names)))


def log_line(event, scenario: Scenario, names: Sequence[str]) -> str | None:
    """The log line for `event`, or None for events the log leaves out."""
    lang = language()
    if isinstance(event, ev.YearStarted):
        return t("log.year_started", year=event.year, ante=money(scenario.ante[event.year - scenario.first_year], lang))
    if isinstance(event, ev.Acted):
        action = event.action
        name = names[event.seat]
        if action.kind in _STAKE_LINES:
            return t(_STAKE_LINES[action.kind], name=name, amount=money(event.paid, lang),
                     to=money(action.amount or 0, lang))
        if action.kind == ActionKind.SET_MIX:
            return t("log.set_mix", name=name, share=action.amount)
        if action.kind in _PLAIN_LINES:
            return t(_PLAIN_LINES[action.kind], name=name)
        if action.kind == ActionKind.SIT_IN:
            return t("log.sit_in", name=name, amount=money(event.paid, lang))
        return None  # raise_funds: FundsRaised says more
    if isinstance(event, ev.FundsRaised):  # priced at the firm's net worth (`valuation`)
        return t("log.funds_raised", name=names[event.seat], amount=money(event.amount, lang),
                 worth=money(event.valuation, lang), share=round(event.ownership * 100),
                 preference=money(event.preference, lang))
    if isinstance(event, ev.TakenOver):
        return t("log.taken_over", name=names[event.seat], worth=money(event.net_worth, lang),
                 preference=money(event.preference, lang))
    if isinstance(event, ev.AgiPrizeAwarded):
        return t("log.agi_prize", name=names[event.seat], amount=money(event.amount, lang))
    if isinstance(event, ev.SatOut):
        return t("log.cannot_pay", name=names[event.seat])
    if isinstance(event, ev.Exited):
        return t("log.exited", name=names[event.seat], score=money(event.score, lang))
    if isinstance(event, ev.EventRevealed):
        return t("log.event", title=scenario.events[event.event].title[lang])
    if isinstance(event, ev.QuarterStarted):
        return t("log.quarter", quarter=event.quarter)
    if isinstance(event, ev.CardsShown):
        cards = " + ".join(scenario.rd_cards[card].title[lang] for card in event.cards)
        return t("log.shows", name=names[event.seat], capability=fixed(event.capability, 1, lang), cards=cards)
    if isinstance(event, ev.PotAwarded):
        winners = ", ".join(names[seat] for seat in event.winners)
        shared = len(event.winners) > 1
        if event.pot == 0:
            key = "log.wins_main_shared" if shared else "log.wins_main"
        else:
            key = "log.wins_side_shared" if shared else "log.wins_side"
        return t(key, names=winners, amount=money(event.amount, lang), number=event.pot)
    if isinstance(event, ev.YearEnded):
        return t("log.vendors", amount=money(event.vendor_take, lang))
    if isinstance(event, ev.LotsRetired):
        return t("log.retired", name=names[event.seat], h100e=number(round(event.h100e), lang))
    if isinstance(event, ev.OpexPaid) and event.idle_lots:
        return t("log.idle", name=names[event.seat], lots=event.idle_lots)
    if isinstance(event, ev.GameOver):
        return t(f"log.over_{event.reason}")
    return None


def log_texts(lines: Iterable[LogLine | str]) -> list[str]:
    """The log's lines as text in the current language (a line may also be plain text)."""
    return [str(line) for line in lines]
