"""The game's end told as moments: three awards and a one-line story of the race, from the public
view and the debrief's yearly snapshots (no rule is computed here)."""

from __future__ import annotations

from game.content.text import money, number, percent

from ..i18n import language, t


def awards(view) -> list[str]:
    """Biggest spender (chips bought over the game), best return on compute (markets won per dollar
    of chips) and the vendors' take (what they kept of every dollar staked), each a line."""
    lang = language()
    firms = view.firms
    lines = []
    spender = max(firms, key=lambda firm: firm.spent_total)
    if spender.spent_total > 0:
        lines.append(t("awards.biggest_spender", firm=spender.name, amount=money(spender.spent_total, lang)))
    buyers = [firm for firm in firms if firm.spent_total > 0]
    if buyers:
        best = max(buyers, key=lambda firm: firm.won_total / firm.spent_total)
        lines.append(t("awards.best_return", firm=best.name,
                       ratio=number(round(best.won_total / best.spent_total, 2), lang)))
    staked = sum(firm.spent_total for firm in firms)
    if staked > 0:
        lines.append(t("awards.vendor_take", amount=money(view.vendor_take, lang),
                       share=percent(round(100 * view.vendor_take / staked), lang)))
    return lines


def race_story(snapshots: list[dict], winner_seat: int, winner: str) -> str:
    """One line: since when the winner led on net worth (cash and chips), at the start of each year."""
    moments: dict[tuple[int, str], list[dict]] = {}  # in time order: each year's start, the game's end
    for row in snapshots:
        moments.setdefault((row["year"], row["point"]), []).append(row)
    leaders = [(year, max(rows, key=lambda row: row["cash"] + row["book_value"])["seat"])
               for (year, _), rows in moments.items()]
    if not leaders or leaders[-1][1] != winner_seat:
        return t("awards.story_late", firm=winner)  # the lead on net worth is not the lead on score
    since = leaders[-1][0]
    for year, leader in reversed(leaders):
        if leader != winner_seat:
            break
        since = year
    if since == leaders[0][0]:
        return t("awards.story_wire_to_wire", firm=winner)
    return t("awards.story_took_lead", firm=winner, year=since)
