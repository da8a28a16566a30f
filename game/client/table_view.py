"""Drawing the table from an observation: felt, seats, chip stacks, cards, prices, events, log.

Everything drawn here comes from one `Observation` (what the viewer may know), so a seat
whose cards are private can never be drawn face up by mistake. Every number registers a
hover region with a sentence on what it is and the economics behind it, and most name the
glossary term that explains it further (a click on them opens the glossary there).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import pygame

from game.bots.reading import WORLDS
from game.content.text import describe_card, describe_event, money, number, percent
from game.core import Observation, Phase, Status, hand_capability
from game.core.pots import BASIS_POINTS

from .coach import Advice, lines
from .i18n import fixed, language, t
from .layout import (
    BOTTOM_SEAT_SIZE, CHIP_STEP, MAX_CHIPS_PER_STACK, POT_CHIPS_BASE, POT_LINES, POT_LINES_TOP, POT_TITLE_BOTTOM,
    SMALL_CARD, STAKE_LABEL_TOP, TableLayout, small_card_rects,
)
from .art import card_back, domain_icon, felt, firm_mark, small_card_face
from .theme import Theme

TOOLTIP_WIDTH = 340
LOG_ROOM = 130  # the side panel keeps this much for the log (its heading and six lines or so)
# The glossary entry behind each status badge: a folded firm's stakes are sunk, an all-in firm
# plays for side pots, sitting out (and leaving) is the other side of the table stakes, and a firm
# its investors took over left because of their preference.
STATUS_TERMS = {"folded": "sunk_cost", "all_in": "side_pot", "sitting_out": "table_stakes",
                "exited": "table_stakes", "taken_over": "takeover"}


@dataclass
class HoverRegions:
    """Rectangles with the tooltip each one explains, collected while drawing, and for each the
    glossary term it links to (`terms[i]` belongs to `regions[i]`; None: no entry)."""

    regions: list[tuple[pygame.Rect, str]] = field(default_factory=list)
    terms: list[str | None] = field(default_factory=list)

    def add(self, rect: pygame.Rect, text: str, term: str | None = None) -> None:
        self.regions.append((pygame.Rect(rect), text))
        self.terms.append(term)

    def entry_at(self, pos: tuple[int, int]) -> tuple[str, str | None] | None:
        """(tooltip, glossary term) of the topmost region under `pos`, or None."""
        for index in range(len(self.regions) - 1, -1, -1):
            rect, text = self.regions[index]
            if rect.collidepoint(pos):
                return text, self.terms[index]
        return None

    def at(self, pos: tuple[int, int]) -> str | None:
        entry = self.entry_at(pos)
        return entry[0] if entry else None

    def term_at(self, pos: tuple[int, int]) -> str | None:
        entry = self.entry_at(pos)
        return entry[1] if entry else None


def draw_tooltip(surface: pygame.Surface, theme: Theme, pos: tuple[int, int], text: str,
                 link: str | None = None) -> pygame.Rect:
    """A tooltip near the mouse at `pos`: `text` wrapped, and under it `link` (e.g. where a click
    leads) in the highlight colour; kept inside the surface. Returns the box drawn."""
    palette = theme.palette
    body = theme.text(text, 14, palette.text, width=TOOLTIP_WIDTH)
    footer = theme.text(link, 13, palette.highlight, bold=True, width=TOOLTIP_WIDTH) if link else None
    rect = body.get_rect()
    if footer is not None:
        rect.width = max(rect.width, footer.get_width())
        rect.height += footer.get_height() + 6
    rect = rect.inflate(16, 12)
    rect.topleft = (pos[0] + 14, pos[1] + 16)
    rect.clamp_ip(surface.get_rect())
    pygame.draw.rect(surface, palette.tooltip, rect, border_radius=6)
    pygame.draw.rect(surface, palette.panel_edge, rect, 1, border_radius=6)
    surface.blit(body, (rect.x + 8, rect.y + 6))
    if footer is not None:
        surface.blit(footer, (rect.x + 8, rect.y + 6 + body.get_height() + 6))
    return rect


def short_h100e(value: float) -> str:
    if value >= 1e6:
        return f"{fixed(value / 1e6, 1, language())}M"
    if value >= 1e3:
        return f"{value / 1e3:.0f}k"
    return f"{value:.0f}"


class TableView:
    def __init__(self, theme: Theme) -> None:
        self.theme = theme
        self.hover = HoverRegions()

    def clear_hover(self) -> None:
        """Forget the hover regions of the last frame (each frame registers its own)."""
        self.hover = HoverRegions()

    # ------------------------------------------------------------------ whole table

    def draw(self, surface: pygame.Surface, view: Observation, layout: TableLayout, *, names: Sequence[str],
             shown_cards: dict[int, tuple[str, ...]], log_lines: Sequence[str], highlight_seat: int | None,
             hidden_seats: Sequence[int] = (), coach: Advice | None = None, log_caption: str | None = None,
             marked_lines: int | None = None, cards_caption: str | None = None) -> None:
        """`shown_cards`: cards face up at this year's showdown (no cards: drawn elsewhere);
        `hidden_seats`: seats whose stake animation is still running (their chips are drawn by the
        animation); `coach`: the coach's advice for the viewer, drawn at the foot of the side panel
        (only on the viewer's own turn).
        `log_caption` replaces the log's heading; with `marked_lines` the last that many lines of
        the log are marked (bold, a bar beside them) and the lines before them dimmed;
        `cards_caption` replaces the heading over the viewer's own R&D cards."""
        self.clear_hover()
        palette = self.theme.palette
        surface.fill(palette.background)
        self._felt(surface, layout.felt)
        self._pot(surface, view, layout)
        for seat in range(len(view.firms)):
            self._seat(surface, view, seat, layout, names[seat], seat == highlight_seat, shown_cards.get(seat))
        for seat, firm in enumerate(view.firms):  # after every plate: a stake never hides under a neighbour's
            if firm.quarter_stake and seat not in hidden_seats:
                self._stake(surface, view, seat, layout)
        self._side_panel(surface, view, layout, log_lines, coach, log_caption=log_caption, marked_lines=marked_lines,
                         cards_caption=cards_caption)

    # ------------------------------------------------------------------ felt and pot

    def _felt(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        cloth = felt(rect.size, self.theme.palette)  # drawn once per size and palette
        surface.blit(cloth, cloth.get_rect(center=rect.center))

    def _pot(self, surface: pygame.Surface, view: Observation, layout: TableLayout) -> None:
        """The pot's title over its chips (clear of the tallest stack), and when a firm is all-in
        for less, the main pot and the side pots under them."""
        palette = self.theme.palette
        x, y = layout.pot
        staked = sum(firm.year_stake for firm in view.firms)
        self.chips(surface, (x, y + POT_CHIPS_BASE), staked, view.ante, self._table_mix(view), stacks=5)
        lang = language()
        words = t("table.pot", amount=money(view.pot, lang))
        # a narrow table (the projector beside its join code in a small window) has its side plates near the pot
        size = next((size for size in (22, 20, 18) if self.theme.number(words, size, palette.text).get_width()
                     <= layout.felt.width * 0.42), 16)
        title = self.theme.number(words, size, palette.text)
        title_rect = title.get_rect(midbottom=(x, y + POT_TITLE_BOTTOM))
        surface.blit(title, title_rect)
        share = view.scenario.market_share_bp / BASIS_POINTS
        self.hover.add(title_rect, t("tip.pot", base=money(view.base_market, lang), share=number(share * 100, lang),
                                     staked=money(staked, lang)), "pot")
        pots = view.pots_shown
        if len(pots) < 2:
            return
        parts = [t("table.main_pot", amount=money(pots[0].amount, lang))]
        parts += [t("table.side_pot", number=index, amount=money(pot.amount, lang))
                  for index, pot in enumerate(pots[1:], start=1)]
        line = self.theme.text("  ·  ".join(parts), 14, palette.text_dim)
        if line.get_width() <= POT_LINES[0]:
            rows = [line]
        else:  # one pot a line
            rows = [self.theme.text(part, 13, palette.text_dim) for part in parts]
        top = y + POT_LINES_TOP
        area = None
        for row in rows:
            rect = surface.blit(row, row.get_rect(midtop=(x, top)))
            area = rect if area is None else area.union(rect)
            top = rect.bottom + 1
        self.hover.add(area, t("tip.side_pots"), "side_pot")

    @staticmethod
    def _table_mix(view: Observation) -> float:
        total = sum(firm.year_stake for firm in view.firms)
        if not total:
            return 0.0
        return sum(firm.year_stake * firm.amd_pct for firm in view.firms) / (100 * total)

    def chips(self, surface: pygame.Surface, centre: tuple[int, int], amount: int, unit: int, amd_share: float,
              stacks: int = 2, per_stack: int = MAX_CHIPS_PER_STACK) -> None:
        """Stacks of accelerator chips (green Nvidia, red AMD) showing roughly `amount` $M, standing
        on `centre`: at most `stacks` stacks of `per_stack` chips."""
        if amount <= 0:
            return
        palette = self.theme.palette
        count = max(1, min(per_stack * stacks, round(amount / max(1, unit) * 2)))
        amd_count = round(count * amd_share)
        per_stack = math.ceil(count / stacks)
        x0 = centre[0] - (min(stacks, math.ceil(count / per_stack)) - 1) * 13
        for index in range(count):
            stack, level = divmod(index, per_stack)
            colour = palette.amd if index >= count - amd_count else palette.nvidia
            cx = x0 + stack * 26
            cy = centre[1] - level * CHIP_STEP
            pygame.draw.ellipse(surface, palette.chip_edge, (cx - 12, cy - 6, 24, 12))
            pygame.draw.ellipse(surface, colour, (cx - 11, cy - 6, 22, 10))

    # ------------------------------------------------------------------ seats

    def _seat(self, surface: pygame.Surface, view: Observation, seat: int, layout: TableLayout, player: str,
              to_act: bool, shown: tuple[str, ...] | None) -> None:
        palette = self.theme.palette
        rect = layout.seats[seat]
        firm = view.firms[seat]
        lang = language()
        out = firm.status in (Status.FOLDED, Status.SITTING_OUT, Status.EXITED)
        pygame.draw.rect(surface, palette.panel, rect, border_radius=8)
        accent = palette.firm(seat)
        pygame.draw.rect(surface, accent if not out else palette.folded, (rect.x, rect.y + 8, 4, rect.height - 16))
        pygame.draw.rect(surface, palette.highlight if to_act else palette.panel_edge, rect, 3 if to_act else 1,
                         border_radius=8)
        ink = palette.text_dim if out else palette.text
        status = "taken_over" if firm.taken_over else firm.status
        badge = None if status == Status.ACTIVE else self.theme.text(self._status_text(status), 11, palette.background,
                                                                 bold=True)
        firm_mark(surface, seat, (rect.x + 15, rect.y + 14), 12, accent)
        surface.blit(self.theme.fitted(firm.name, 15, ink, rect.width - 34, bold=True), (rect.x + 26, rect.y + 5))
        surface.blit(self.theme.fitted(player, 12, palette.text_dim, rect.width - 16), (rect.x + 8, rect.y + 24))
        mine = seat == view.viewer and rect.height >= BOTTOM_SEAT_SIZE[1]  # the viewer's own seat, at the bottom
        cash = self.theme.number(money(firm.cash, lang), 15, ink)
        cash_rect = surface.blit(cash, (self._label(surface, t("my_seat.cash"), rect.x + 8, rect.y + 45) if mine
                                        else rect.x + 8, rect.y + 42))
        self.hover.add(cash_rect, t("tip.cash", name=firm.name, cash=money(firm.cash, lang),
                                    worth=money(firm.net_worth, lang)), "net_worth")
        share = self.theme.text(f"{number(firm.ownership * 100, lang)} %", 13,
                                palette.text if mine else palette.text_dim)
        share_rect = surface.blit(share, (rect.right - share.get_width() - 8, rect.y + 44))
        owned = self.theme.text(t("my_seat.owned"), 11, palette.text_dim) if mine else None
        if owned is not None and share_rect.x - owned.get_width() - 5 >= cash_rect.right + 8:  # else the share alone
            surface.blit(owned, (share_rect.x - owned.get_width() - 5, rect.y + 46))
        self.hover.add(share_rect, self._ownership_tip(firm), "dilution")
        if firm.preference:
            self._preference(surface, view, firm, rect)
        compute = self.theme.number(f"{short_h100e(firm.effective_compute)} H100e", 13, ink)
        compute_rect = surface.blit(compute, (self._label(surface, t("my_seat.compute"), rect.x + 8, rect.y + 79)
                                              if mine else rect.x + 8, rect.y + 77))
        bar = pygame.Rect(rect.x + 8, rect.y + 95, rect.width - 16, 8)
        self._compute_bar(surface, view, firm, bar)
        self.hover.add(compute_rect.union(bar), t(
            "tip.compute", compute=number(round(firm.effective_compute), lang),
            efficiency=number(view.amd_efficiency, lang), lots=len(firm.lots),
            points=number(round(10 * view.compute_weight, 1), lang)), "effective_compute")
        if badge is not None:  # a tab on the plate's top edge: the name keeps the plate's width
            badge_rect = badge.get_rect().inflate(10, 4)
            badge_rect.topright = (rect.right - 6, rect.y - badge_rect.height // 2 - 1)
            colour = {"folded": palette.folded, "all_in": palette.all_in, "sitting_out": palette.folded,
                      "exited": palette.exited, "taken_over": palette.exited}[status]
            pygame.draw.rect(surface, colour, badge_rect, border_radius=6)
            surface.blit(badge, badge.get_rect(center=badge_rect.center))
            self.hover.add(badge_rect, self._status_tip(status), STATUS_TERMS[status])
        if firm.export_restricted:
            self._export_tab(surface, view, seat, rect)
        if seat == view.button:
            button = pygame.Rect(0, 0, 20, 20)
            button.bottomright = (rect.right - 6, rect.bottom - 14)
            pygame.draw.ellipse(surface, palette.card_paper, button)
            letter = self.theme.text(t("table.button_letter"), 12, palette.card_ink, bold=True)
            surface.blit(letter, letter.get_rect(center=button.center))
            self.hover.add(button, t("tip.button"))
        if mine and view.my_cards:
            self._my_capability(surface, view, rect)
        if shown is not None:  # face up, or () while the showdown draws them in its own place
            self._small_cards(surface, view, layout.cards[seat], shown, face_up=True)
        elif seat == view.viewer and view.my_cards:  # the viewer's own hand, at their seat
            self._small_cards(surface, view, layout.cards[seat], view.my_cards, face_up=True)
        elif firm.holds_cards and seat != view.viewer and firm.status in (Status.ACTIVE, Status.ALL_IN):
            self._small_cards(surface, view, layout.cards[seat], ("?", "?"), face_up=False)

    def _label(self, surface: pygame.Surface, text: str, x: int, y: int) -> int:
        """A small dim label before a figure at the viewer's seat; returns where the figure starts."""
        image = self.theme.text(text, 11, self.theme.palette.text_dim)
        surface.blit(image, (x, y))
        return x + image.get_width() + 5

    def _my_capability(self, surface: pygame.Surface, view: Observation, plate: pygame.Rect) -> None:
        """The viewer's capability as a showdown would score it now (the core's `hand_capability`), and
        under it its parts, on the last two lines of their plate."""
        lang = language()
        palette = self.theme.palette
        score = hand_capability(view, view.viewer, view.my_cards)
        total = t("my_seat.capability", total=fixed(score.total, 1, lang))
        values = dict(compute=fixed(score.compute_points, 1, lang), cards=number(round(score.card_points, 1), lang))
        parts = t("my_seat.parts_events", events=number(round(score.event_points, 1), lang), **values) \
            if score.event_points else t("my_seat.parts", **values)
        room = plate.width - 16
        size = next((size for size in (12, 11) if self.theme.font(size).size(parts)[0] <= room), 10)
        area = surface.blit(self.theme.fitted(total, 13, palette.highlight, room, bold=True),
                            (plate.x + 8, plate.bottom - 40))
        area = area.union(surface.blit(self.theme.fitted(parts, size, palette.highlight, room),
                                       (plate.x + 8, plate.bottom - 21)))
        self.hover.add(area, f"{total} {parts} — {t('my_seat.capability_tip')}", "capability")

    @staticmethod
    def _ownership_tip(firm) -> str:
        """The founders' share and what it leaves them: the whole net worth, or the founders' claim."""
        lang = language()
        if not firm.preference:  # it never raised: no investors
            return t("tip.ownership_alone", name=firm.name, worth=money(firm.net_worth, lang))
        return t("tip.ownership", name=firm.name, share=number(firm.ownership * 100, lang),
                 score=money(firm.founders_claim, lang), worth=money(firm.net_worth, lang))

    def _preference(self, surface: pygame.Surface, view: Observation, firm, plate: pygame.Rect) -> None:
        """The investors' preference under the founders' share: what they take back first."""
        lang = language()
        amount = money(firm.preference, lang)
        text = self.theme.fitted(t("table.preference", amount=amount), 12, self.theme.palette.text_dim,
                                 plate.width - 16)
        rect = surface.blit(text, (plate.right - text.get_width() - 8, plate.y + 61))
        self.hover.add(rect, t("tip.preference", name=firm.name, preference=amount,
                               growth=percent(view.scenario.investor_return_bp / 100, lang),
                               claim=money(firm.investors_claim, lang), worth=money(firm.net_worth, lang),
                               score=money(firm.founders_claim, lang)), "preference")

    def _export_tab(self, surface: pygame.Surface, view: Observation, seat: int, plate: pygame.Rect) -> None:
        """The mark of an export-restricted firm: a tab on the foot of its plate (clear of the
        compute bar and the button), explained by its tooltip."""
        palette = self.theme.palette
        text = self.theme.fitted(t("table.export_badge"), 10, palette.warning, plate.width - 40, bold=True)
        tab = text.get_rect().inflate(12, 4)
        tab.midtop = (plate.centerx, plate.bottom - 7)
        pygame.draw.rect(surface, palette.panel, tab, border_radius=5)
        pygame.draw.rect(surface, palette.warning, tab, 1, border_radius=5)
        surface.blit(text, text.get_rect(center=tab.center))
        self.hover.add(tab, self.export_tip(view, seat), "export_controls")

    def export_tip(self, view: Observation, seat: int) -> str:
        """What an export-restricted firm may buy this year, and at what price per H100e."""
        lang = language()
        offers = []
        for vendor, price in enumerate(view.export_prices):
            name = t(f"vendor.{'nvidia' if vendor == 0 else 'amd'}")
            chip = view.scenario.export_chips[vendor][view.year_index]
            if chip is None or price is None:
                offers.append(t("tip.export_no_offer", vendor=name))
            else:
                offers.append(t("tip.export_offer", vendor=name, chip=chip.name, price=number(round(price), lang)))
        return t("tip.export_restricted", name=view.firms[seat].name, chips="; ".join(offers))

    @staticmethod
    def _status_text(status: str) -> str:
        """The badge of a firm that is not simply in the hand (`status`: a firm's, or "taken_over")."""
        return t("status.taken_over") if status == "taken_over" else t(f"status.{status}")

    @staticmethod
    def _status_tip(status: str) -> str:
        return t("tip.status_taken_over") if status == "taken_over" else t(f"tip.status_{status}")

    def _compute_bar(self, surface: pygame.Surface, view: Observation, firm, bar: pygame.Rect) -> None:
        """The firm's compute by vendor and chip generation: one segment per lot, newer lots brighter."""
        palette = self.theme.palette
        pygame.draw.rect(surface, palette.background, bar, border_radius=3)
        lots = firm.lots[firm.idle_lots:]
        total = sum(lot.h100e * (view.amd_efficiency if lot.vendor == "amd" else 1.0) for lot in lots)
        if total <= 0:
            return
        x = bar.x
        for lot in lots:
            value = lot.h100e * (view.amd_efficiency if lot.vendor == "amd" else 1.0)
            width = max(1, round(bar.width * value / total))
            base = palette.amd if lot.vendor == "amd" else palette.nvidia
            age = view.year - lot.year
            shade = max(0.45, 1.0 - 0.18 * age)
            colour = tuple(int(c * shade) for c in base[:3])
            pygame.draw.rect(surface, colour, (x, bar.y, min(width, bar.right - x), bar.height))
            x += width

    def _stake(self, surface: pygame.Surface, view: Observation, seat: int, layout: TableLayout) -> None:
        palette = self.theme.palette
        firm = view.firms[seat]
        foot = layout.stakes[seat]
        self.chips(surface, foot, firm.quarter_stake, view.ante, firm.amd_pct / 100,
                   per_stack=layout.stake_stacks[seat])
        label = self.theme.number(money(firm.quarter_stake, language()), 13, palette.text)
        rect = label.get_rect(midtop=(foot[0], foot[1] + STAKE_LABEL_TOP))
        surface.blit(label, rect)
        self.hover.add(rect, t("tip.stake", name=firm.name, quarter=money(firm.quarter_stake, language()),
                               year=money(firm.year_stake, language())), "all_pay")

    # ------------------------------------------------------------------ cards

    def _small_cards(self, surface: pygame.Surface, view: Observation, midbottom: tuple[int, int],
                     cards: Sequence[str], *, face_up: bool) -> None:
        palette = self.theme.palette
        for card, rect in zip(cards, small_card_rects(midbottom, len(cards)), strict=True):
            if face_up:
                definition = view.scenario.rd_cards[card]
                points = f"{definition.points:+d}".replace("-", "−")
                surface.blit(small_card_face(definition.domain, points, SMALL_CARD, palette,
                                             self.domain_colour(definition.domain)), rect)
                self.hover.add(rect, f"{definition.title[language()]}: {describe_card(definition, language())}",
                               "rd_cards")
            else:
                surface.blit(card_back(SMALL_CARD, palette), rect)
                self.hover.add(rect, t("tip.hidden_cards"), "rd_cards")

    def domain_colour(self, domain: str):
        return self.theme.palette.domain(domain)

    def _my_cards(self, surface: pygame.Surface, view: Observation, area: pygame.Rect,
                  caption: str | None = None) -> None:
        palette = self.theme.palette
        if caption is None:
            heading = self.theme.fitted(t("table.your_cards"), 13, palette.text_dim, area.width, bold=True)
        else:  # whose cards these are, when the screen is not theirs (a replay): brighter
            heading = self.theme.fitted(caption, 13, palette.text, area.width, bold=True)
        surface.blit(heading, (area.x, area.y - 18))
        for index, card in enumerate(view.my_cards):
            rect = pygame.Rect(area.x + index * (area.width // 2 + 4), area.y, area.width // 2 - 4, area.height)
            self.rd_card(surface, view.scenario, card, rect)

    def rd_card(self, surface: pygame.Surface, scenario, card: str, rect: pygame.Rect) -> None:
        """A research-paper card: domain band with its icon, title, points and rules text. The
        text is clipped to the card; its tooltip holds it in full."""
        palette = self.theme.palette
        lang = language()
        definition = scenario.rd_cards[card]
        colour = self.domain_colour(definition.domain)
        pygame.draw.rect(surface, palette.card_paper, rect, border_radius=6)
        band = pygame.Rect(rect.x, rect.y, rect.width, 24)
        pygame.draw.rect(surface, colour, band, border_top_left_radius=6, border_top_right_radius=6)
        # the domain's art: its glyph large and faint in the card's corner, under the text
        tint = tuple((c + 3 * p) // 4 for c, p in zip(colour, palette.card_paper, strict=True))
        art = min(rect.width, rect.height - 24) // 2
        domain_icon(surface, definition.domain, (rect.right - art // 2 - 6, rect.bottom - art // 2 - 6), tint, art)
        domain_icon(surface, definition.domain, (band.x + 13, band.centery), palette.card_paper)
        points = self.theme.text(f"{definition.points:+d}".replace("-", "−"), 16, palette.card_paper, bold=True)
        points_rect = points.get_rect(topright=(band.right - 6, band.y + 3))
        domain = self.theme.fitted(t(f"domain.{definition.domain}"), 12, palette.card_paper,
                                   points_rect.left - 4 - (band.x + 26), bold=True)
        surface.blit(domain, (band.x + 26, band.y + 5))
        surface.blit(points, points_rect)
        previous_clip = surface.get_clip()
        surface.set_clip(rect.inflate(-2, -2).clip(previous_clip))  # nothing spills past the card
        bottom = rect.bottom - 4
        title = self.theme.text(definition.title[lang], 13, palette.card_ink, bold=True, width=rect.width - 12)
        cut = self._blit_lines(surface, title, (rect.x + 6, band.bottom + 4), bottom, self.theme.font(13, True))
        body = self.theme.text(describe_card(definition, lang), 11, palette.card_ink, width=rect.width - 12)
        if not cut:
            cut = self._blit_lines(surface, body, (rect.x + 6, band.bottom + 8 + title.get_height()), bottom,
                                   self.theme.font(11))
        if cut:  # the tooltip holds the rest
            more = self.theme.text("…", 13, palette.card_ink, bold=True)
            surface.blit(more, more.get_rect(bottomright=(rect.right - 5, rect.bottom - 1)))
        surface.set_clip(previous_clip)
        pygame.draw.rect(surface, palette.panel_edge, rect, 1, border_radius=6)
        self.hover.add(rect, t("tip.my_card", title=definition.title[lang], text=describe_card(definition, lang)),
                       "rd_cards")

    @staticmethod
    def _blit_lines(surface: pygame.Surface, image: pygame.Surface, topleft: tuple[int, int], bottom: int,
                    font: pygame.font.Font) -> bool:
        """Blit the whole lines of a wrapped text image that fit above `bottom`; True if some did not."""
        room = bottom - topleft[1]
        if image.get_height() <= room:
            surface.blit(image, topleft)
            return False
        lines = max(0, room // font.get_linesize())
        if lines:
            surface.blit(image, topleft, pygame.Rect(0, 0, image.get_width(), lines * font.get_linesize()))
        return True

    # ------------------------------------------------------------------ side panel

    def _side_panel(self, surface: pygame.Surface, view: Observation, layout: TableLayout,
                    log_lines: Sequence[str], coach: Advice | None = None, *, log_caption: str | None = None,
                    marked_lines: int | None = None, cards_caption: str | None = None) -> None:
        palette = self.theme.palette
        rect = layout.side
        lang = language()
        pygame.draw.rect(surface, palette.panel, rect)
        pygame.draw.line(surface, palette.panel_edge, rect.topleft, rect.bottomleft, 1)
        x = rect.x + 14
        y = rect.y + 10
        if view.phase == Phase.ANTE:
            where = t("table.when_ante", year=view.year)
        elif view.phase == Phase.OVER:
            where = t("table.when_over", year=view.year)
        else:
            where = t("table.when_quarter", year=view.year, quarter=view.quarter)
        heading = self.theme.number(where, 20, palette.text)
        surface.blit(heading, (x, y))
        y += 30
        ante = self.theme.text(t("table.ante", amount=money(view.ante, lang)), 15, palette.text)
        ante_rect = surface.blit(ante, (x, y))
        self.hover.add(ante_rect, t("tip.ante", amount=money(view.ante, lang)), "table_stakes")
        y += 26
        if view.viewer is not None and view.my_cards:
            self._my_cards(surface, view, layout.my_cards, cards_caption)
            y = layout.my_cards.bottom + 10
        y = self._prices(surface, view, x, y, rect.width - 28)
        bottom = rect.bottom - 10
        if coach is not None:
            bottom = self._coach(surface, coach, x, bottom, rect.width - 28) - 8
        # The events give way to the log: past LOG_ROOM, each shows its headline only (its text is the tooltip).
        full = self._events_height(view, rect.width - 28, compact=False)
        y = self._events(surface, view, x, y + 6, rect.width - 28, compact=y + 6 + full > bottom - LOG_ROOM)
        self._log(surface, log_lines, pygame.Rect(x, y + 8, rect.width - 28, bottom - y - 8), log_caption,
                  marked_lines)

    def _prices(self, surface: pygame.Surface, view: Observation, x: int, y: int, width: int) -> int:
        """The price per H100e of each vendor's chip the viewer buys: an export-restricted viewer's
        export-grade chips, else (and in the public view) the flagships, with what the
        export-restricted firms at the table pay in the tooltip."""
        palette = self.theme.palette
        lang = language()
        restricted = view.viewer is not None and view.firms[view.viewer].export_restricted
        anyone_restricted = any(firm.export_restricted for firm in view.firms)
        prices = view.prices_for(view.viewer) if view.viewer is not None else view.prices
        catalogue = view.scenario.export_chips if restricted else view.scenario.chips
        for vendor, colour in ((0, palette.nvidia), (1, palette.amd)):
            price = prices[vendor]
            chip = catalogue[vendor][view.year_index]
            name = t(f"vendor.{'nvidia' if vendor == 0 else 'amd'}")
            pygame.draw.circle(surface, colour, (x + 7, y + 9), 6)
            if price is None or chip is None:
                line = t("table.no_chip", vendor=name)
                tip = t("tip.no_export_chip" if restricted else "tip.no_chip", vendor=name)
            else:
                line = t("table.price", vendor=name, chip=chip.name, price=number(round(price), lang))
                base = chip.price_usd / chip.h100e
                scarcity = price / (base * view.price_factor[vendor]) - 1
                supply = view.scenario.supply[vendor][view.year_index] * view.supply_factor[vendor]
                tip = t("tip.price", vendor=name, chip=chip.name, base=number(round(base), lang),
                        events=number(round((view.price_factor[vendor] - 1) * 100), lang),
                        scarcity=number(round(scarcity * 100), lang),
                        bought=number(round(view.bought[vendor]), lang),
                        rate=percent(round(view.scenario.scarcity[vendor] * 100), lang),
                        supply=number(round(supply), lang))
                if vendor == 1:
                    tip += " " + t("tip.amd_efficiency", efficiency=number(view.amd_efficiency, lang))
            if restricted or anyone_restricted:
                tip += " " + self._other_tier_note(view, vendor, restricted=restricted)
            size = 14 if self.theme.font(14).size(line)[0] <= width - 18 else 13  # a six-digit price
            text = self.theme.fitted(line, size, palette.text, width - 18)
            rect = surface.blit(text, (x + 18, y))
            term = "cuda_moat" if vendor == 1 else "scarcity_pricing"  # AMD's line explains its efficiency too
            self.hover.add(rect.union(pygame.Rect(x, y, 14, 18)), tip, term)
            y += 22
        if restricted:
            note = self.theme.fitted(t("table.export_prices"), 12, palette.warning, width)
            rect = surface.blit(note, (x, y))
            self.hover.add(rect, self.export_tip(view, view.viewer))
            y += 18
        return y

    @staticmethod
    def _other_tier_note(view: Observation, vendor: int, *, restricted: bool) -> str:
        """The chip of the tier the viewer does not buy from: for an export-restricted viewer the
        flagship it may not have, for the public and a free firm what the restricted firms pay instead."""
        lang = language()
        name = t(f"vendor.{'nvidia' if vendor == 0 else 'amd'}")
        catalogue, prices = (view.scenario.chips, view.prices) if restricted else \
            (view.scenario.export_chips, view.export_prices)
        chip, price = catalogue[vendor][view.year_index], prices[vendor]
        if chip is None or price is None:
            return t("tip.export_only") if restricted else t("tip.price_no_export", vendor=name)
        return t("tip.price_flagship" if restricted else "tip.price_export", vendor=name, chip=chip.name,
                 price=number(round(price), lang))

    def _event_images(self, view: Observation, width: int, compact: bool) -> list:
        """(event, headline, text or None when `compact`) for each face-up event."""
        palette = self.theme.palette
        lang = language()
        images = []
        for event in view.revealed_events:
            card = view.scenario.events[event]
            if compact:
                title = self.theme.fitted(card.title[lang].upper(), 13, palette.event_ink, width - 14, bold=True)
                images.append((card, title, None))
            else:
                title = self.theme.text(card.title[lang].upper(), 14, palette.event_ink, bold=True, width=width - 14)
                images.append((card, title, self.theme.text(describe_event(card, lang), 12, palette.event_ink,
                                                             width=width - 14)))
        return images

    def _events_height(self, view: Observation, width: int, compact: bool) -> int:
        return 20 + sum(title.get_height() + (body.get_height() + 6 if body else 0) + 14
                        for _, title, body in self._event_images(view, width, compact))

    def _events(self, surface: pygame.Surface, view: Observation, x: int, y: int, width: int,
                compact: bool = False) -> int:
        """The face-up events as newspaper cuttings: headline and text, or with `compact` the headline
        only (the text in its tooltip)."""
        palette = self.theme.palette
        lang = language()
        caption = self.theme.text(t("table.events"), 13, palette.text_dim, bold=True)
        surface.blit(caption, (x, y))
        y += 20
        for card, title, body in self._event_images(view, width, compact):
            rect = pygame.Rect(x, y, width, title.get_height() + (body.get_height() + 6 if body else 0) + 8)
            pygame.draw.rect(surface, palette.event_paper, rect, border_radius=3)
            surface.blit(title, (x + 7, y + 4))
            if body is not None:
                pygame.draw.line(surface, palette.event_ink, (rect.x + 6, rect.y + title.get_height() + 7),
                                 (rect.right - 6, rect.y + title.get_height() + 7), 1)
                surface.blit(body, (x + 7, y + title.get_height() + 10))
                self.hover.add(rect, t("tip.event"), "market_event")
            else:
                self.hover.add(rect, describe_event(card, lang) + " " + t("tip.event"), "market_event")
            y = rect.bottom + 6
        if view.events_to_come and view.phase == Phase.BETTING:
            rest = self.theme.text(t("table.events_to_come", count=view.events_to_come), 13, palette.text_dim)
            rect = surface.blit(rest, (x, y))
            self.hover.add(rect, t("tip.events_to_come"), "market_event")
            y += 20
        return y

    def _log(self, surface: pygame.Surface, lines: Sequence[str], rect: pygame.Rect, caption: str | None = None,
             marked: int | None = None) -> None:
        """The newest log lines that fit, under `caption` (default: the table's, with how to scroll).
        With `marked`, the last `marked` lines are bold with a bar beside them, the rest dimmed."""
        palette = self.theme.palette
        if rect.height < 40:
            return
        heading = self.theme.fitted(t("table.log") if caption is None else caption, 13, palette.text_dim,
                                    rect.width, bold=True)
        surface.blit(heading, rect.topleft)
        indent = 0 if marked is None else 8
        first_marked = len(lines) - (marked or 0)
        shown: list[tuple[pygame.Surface, bool]] = []  # newest first, as many as fit
        room = rect.height - 20
        for index in range(len(lines) - 1, -1, -1):
            current = marked is not None and index >= first_marked
            ink = palette.text if marked is None or current else palette.text_dim
            text = self.theme.text(lines[index], 12, ink, bold=current, width=rect.width - indent)
            if text.get_height() > room:
                break
            room -= text.get_height() + 2
            shown.append((text, current))
        y = rect.y + 20  # oldest shown line under the caption; a full log ends at the bottom
        for text, current in reversed(shown):
            if current:
                pygame.draw.rect(surface, palette.highlight, (rect.x, y, 3, text.get_height()))
            surface.blit(text, (rect.x + indent, y))
            y += text.get_height() + 2

    # ------------------------------------------------------------------ the coach

    def _coach(self, surface: pygame.Surface, advice: Advice, x: int, bottom: int, width: int) -> int:
        """The coach's panel, its foot at `bottom`: the chance against what paying needs (in words,
        and as a bar with a mark at the break-even chance), the pot odds spelled out, one sentence.
        Returns the panel's top."""
        palette = self.theme.palette
        lang = language()
        headline, needs, detail, sentence = lines(advice, lang)
        inner = width - 20
        caption = self.theme.text(t("coach.title"), 12, palette.text_dim, bold=True)
        chance = self.theme.text(headline, 17, palette.text, bold=True)
        wanted = self.theme.text(needs, 13, palette.text)
        detail_image = self.theme.text(detail, 11, palette.text_dim, width=inner)
        sentence_image = self.theme.text(sentence, 13, palette.text, width=inner)
        beside = chance.get_width() + 16 + wanted.get_width() <= inner  # else what paying needs goes below
        height = (8 + caption.get_height() + 4 + chance.get_height() + (0 if beside else wanted.get_height() + 2)
                  + 4 + 8 + 8 + detail_image.get_height() + 6 + sentence_image.get_height() + 10)
        panel = pygame.Rect(x, bottom - height, width, height)
        pygame.draw.rect(surface, palette.tooltip, panel, border_radius=6)
        pygame.draw.rect(surface, palette.highlight, panel, 1, border_radius=6)
        self.hover.add(panel, t("coach.tip_panel", worlds=number(WORLDS, lang)), "win_chance")
        left = panel.x + 10
        y = panel.y + 8
        surface.blit(caption, (left, y))
        y += caption.get_height() + 4
        surface.blit(chance, (left, y))
        y += chance.get_height()
        if beside:
            surface.blit(wanted, wanted.get_rect(bottomright=(panel.right - 10, y - 2)))
        else:
            surface.blit(wanted, (left, y + 2))
            y += wanted.get_height() + 2
        y += 4
        bar = pygame.Rect(left, y, inner, 8)
        pygame.draw.rect(surface, palette.background, bar, border_radius=4)
        filled = pygame.Rect(bar.x, bar.y, round(bar.width * advice.chance), bar.height)
        if filled.width:
            pygame.draw.rect(surface, palette.highlight, filled, border_radius=4)
        if advice.needed is not None:
            mark = bar.x + round(bar.width * advice.needed)
            pygame.draw.line(surface, palette.text, (mark, bar.y - 3), (mark, bar.bottom + 2), 2)
        y = bar.bottom + 8
        detail_rect = surface.blit(detail_image, (left, y))
        self.hover.add(detail_rect, t("coach.tip_pot_odds"), "pot_odds")
        y += detail_image.get_height() + 6
        surface.blit(sentence_image, (left, y))
        return panel.y
