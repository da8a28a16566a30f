"""How to play: the rules on seven illustrated pages.

Every number quoted comes from the default scenario (`classic`), so the pages stay true
when the scenario is rebalanced. Illustrations are drawn with pygame primitives in the
palette's colours, reusing the table's chips and R&D cards.
"""

from __future__ import annotations

import math

import pygame
from pygame_gui.elements import UIButton

from game.content import load_scenario
from game.content.text import describe_event, money, number, percent, signed
from game.core.funding import diluted, founders_claim, grown_preference
from game.core.rules import REVEALED_BY_QUARTER
from game.core.scenario import AMD, NVIDIA

from ..i18n import dollars, language, t
from ..scene import Scene
from ..table_view import TableView

SCENARIO = "classic"  # the default table the pages describe
MARGIN = 48
HEADER = 84
FOOTER = 84
BODY_SIZES = (17, 16, 15, 14, 13)  # the largest that fits the page is used
# The worked example of a funding round ($M): a firm worth EXAMPLE_WORTH raises EXAMPLE_RAISE (a
# quarter of it, within the cap of every hype in the shipped scenarios); a year on, the money has
# earned nothing, or the firm has grown to EXAMPLE_GROWN.
EXAMPLE_WORTH = 8_000
EXAMPLE_RAISE = 2_000
EXAMPLE_GROWN = 20_000

# Each page: its title key, its text blocks and the illustration drawn beside them.
# Blocks: ("quote", key), ("source", key), ("p", key), ("formula", key), ("term", term_key, key).
PAGES: tuple[tuple[str, tuple[tuple[str, ...], ...], str], ...] = (
    ("how_to_play.idea_title", (("quote", "how_to_play.idea_quote"), ("source", "how_to_play.idea_source"),
                                ("p", "how_to_play.idea_1"), ("p", "how_to_play.idea_2"),
                                ("p", "how_to_play.idea_3")), "table"),
    ("how_to_play.year_title", (("term", "how_to_play.term_income", "how_to_play.year_1"),
                                ("term", "how_to_play.term_funding", "how_to_play.year_2"),
                                ("term", "how_to_play.term_stakes", "how_to_play.year_3"),
                                ("term", "how_to_play.term_deal", "how_to_play.year_4"),
                                ("term", "how_to_play.term_quarters", "how_to_play.year_5"),
                                ("term", "how_to_play.term_showdown", "how_to_play.year_6")), "year"),
    ("how_to_play.betting_title", (("term", "how_to_play.term_fold", "how_to_play.bet_fold"),
                                   ("term", "how_to_play.term_check", "how_to_play.bet_check"),
                                   ("term", "how_to_play.term_call", "how_to_play.bet_call"),
                                   ("term", "how_to_play.term_bet", "how_to_play.bet_raise"),
                                   ("term", "how_to_play.term_all_in", "how_to_play.bet_all_in"),
                                   ("p", "limit")), "betting"),
    ("how_to_play.chips_title", (("p", "how_to_play.chips_1"), ("p", "how_to_play.chips_2"),
                                 ("p", "how_to_play.chips_3"), ("p", "how_to_play.chips_4")), "chips"),
    ("how_to_play.capability_title", (("formula", "how_to_play.capability_formula"),
                                      ("p", "how_to_play.capability_1"), ("p", "how_to_play.capability_2"),
                                      ("p", "how_to_play.capability_3")), "capability"),
    ("how_to_play.winning_title", (("p", "how_to_play.winning_1"), ("p", "how_to_play.winning_2"),
                                   ("p", "how_to_play.winning_3"), ("p", "race"),
                                   ("p", "how_to_play.winning_4")), "winning"),
    ("how_to_play.controls_title", (("p", "how_to_play.controls_1"), ("p", "how_to_play.controls_2"),
                                    ("p", "how_to_play.controls_3")), "controls"),
)
LIMIT_TEXT = {"no_limit": "how_to_play.bet_limit", "pot_limit": "how_to_play.bet_limit_pot",
              "fixed_limit": "how_to_play.bet_limit_fixed"}
KEYS = (("F", "how_to_play.key_fold"), ("C", "how_to_play.key_call"), ("B", "how_to_play.key_raise"),
        ("A", "how_to_play.key_all_in"), ("I", "how_to_play.key_sit_in"), ("O", "how_to_play.key_sit_out"),
        ("R", "how_to_play.key_funds"), ("[ ]", "how_to_play.key_mix"), ("Enter", "how_to_play.key_enter"),
        ("G", "how_to_play.key_glossary"), ("K", "how_to_play.key_coach"), ("Esc", "how_to_play.key_escape"),
        ("F11", "how_to_play.key_fullscreen"), ("F12", "how_to_play.key_screenshot"),
        ("← →", "how_to_play.key_pages"))


def draw_page_header(surface: pygame.Surface, theme, title: str, subtitle: str) -> None:
    """A reading page's header (how to play, the glossary): a large title, a small subtitle on its
    baseline, and a rule beneath."""
    palette = theme.palette
    heading = theme.text(title, 30, palette.text, bold=True)
    surface.blit(heading, (MARGIN, 24))
    small = theme.text(subtitle, 14, palette.text_dim)
    surface.blit(small, (MARGIN + heading.get_width() + 16, 24 + heading.get_height() - small.get_height() - 4))
    width = surface.get_width()
    pygame.draw.line(surface, palette.panel_edge, (MARGIN, HEADER - 6), (width - MARGIN, HEADER - 6))


def _first_chip(scenario, vendor: int):
    """The vendor's chip on sale in the first year it sells one."""
    return next((chip for chip in scenario.chips[vendor] if chip is not None), None)


def raise_cap(scenario, hype: float) -> float:
    """The most a firm with `hype` may raise in a year, in percent of its net worth (a hype below
    the scenario's hype for every other firm counts as that, as in the rules)."""
    return scenario.max_raise_pct * (1 + max(hype, scenario.hype_other))


def funding_example(scenario) -> dict[str, int]:
    """The worked example of a round and the investors' preference, computed with the rules' own
    functions ($M; the founders' share in percent)."""
    share = diluted(1.0, EXAMPLE_WORTH, EXAMPLE_RAISE)
    preference = grown_preference(EXAMPLE_RAISE, scenario.investor_return_bp)
    after = EXAMPLE_WORTH + EXAMPLE_RAISE  # the money raised, still in the bank
    return {"worth": EXAMPLE_WORTH, "raised": EXAMPLE_RAISE, "share": share * 100, "preference": preference,
            "after": after, "claim_after": founders_claim(after, share, preference),
            "grown": EXAMPLE_GROWN, "claim_grown": founders_claim(EXAMPLE_GROWN, share, preference)}


def scenario_figures(scenario, lang: str) -> dict[str, str]:
    """The numbers the pages quote, read from `scenario` and formatted for `lang`."""
    first, last = scenario.first_year, scenario.last_year
    ante, market = scenario.ante, scenario.base_market
    income = scenario.profiles[0].income
    nvidia, amd = _first_chip(scenario, NVIDIA), _first_chip(scenario, AMD)
    last_nvidia = next((chip for chip in reversed(scenario.chips[NVIDIA]) if chip is not None), nvidia)
    efficiency = scenario.amd_efficiency
    weight = scenario.compute_weight

    def per_h100e(chip) -> str:
        return "–" if chip is None else dollars(round(chip.price_usd / chip.h100e), lang)

    def growth(values) -> str:
        return number(round(values[1] / values[0], 2), lang) if len(values) > 1 and values[0] else "1"

    price_fall = 0.0
    if nvidia is not None and last_nvidia.year > nvidia.year:
        ratio = (last_nvidia.price_usd / last_nvidia.h100e) / (nvidia.price_usd / nvidia.h100e)
        price_fall = 100 * (1 - ratio ** (1 / (last_nvidia.year - nvidia.year)))
    share = scenario.market_share_bp / 100
    revealed = [REVEALED_BY_QUARTER[q] - REVEALED_BY_QUARTER[q - 1] for q in (2, 3, 4)]
    example = funding_example(scenario)
    return {
        "first_year": str(first), "last_year": str(last),
        "ante": money(ante[0], lang), "ante_growth": growth(ante),
        "income": money(income[0], lang),
        "income_growth": percent(round((income[1] / income[0] - 1) * 100) if len(income) > 1 and income[0] else 0,
                                 lang),
        "base_market": money(market[0], lang), "market_growth": growth(market),
        "share": percent(share, lang), "vendors": percent(100 - share, lang),
        "nvidia_chip": nvidia.name if nvidia else "–", "amd_chip": amd.name if amd else "–",
        "nvidia_price": per_h100e(nvidia), "amd_price": per_h100e(amd), "price_fall": percent(round(price_fall), lang),
        "amd_first": percent(round(efficiency[0] * 100), lang), "amd_last": percent(round(efficiency[-1] * 100), lang),
        "amd_last_year": str(first + efficiency.index(efficiency[-1])),
        "nvidia_scarcity": percent(round(scenario.scarcity[NVIDIA] * 100), lang),
        "amd_scarcity": percent(round(scenario.scarcity[AMD] * 100), lang),
        "nvidia_supply": number(round(scenario.supply[NVIDIA][0]), lang),
        "amd_supply": number(round(scenario.supply[AMD][0]), lang),
        "lifetime": number(scenario.lifetime, lang),
        "weight": number(weight, lang), "ten_times": number(round(10 * weight, 1), lang),
        "doubling": number(round(10 * weight * math.log10(2)), lang),
        "points_100k": number(round(50 * weight, 1), lang), "points_1m": number(round(60 * weight, 1), lang),
        "rd_cards": number(len(scenario.rd_deck), lang),
        "rd_low": signed(min(card.points for card in scenario.rd_cards.values()), lang),
        "rd_high": signed(max(card.points for card in scenario.rd_cards.values()), lang),
        "raise_winner": percent(raise_cap(scenario, scenario.hype_winner), lang),
        "raise_leader": percent(raise_cap(scenario, scenario.hype_leader), lang),
        "raise_other": percent(raise_cap(scenario, scenario.hype_other), lang),
        "investor_return": percent(scenario.investor_return_bp / 100, lang),
        "example_worth": money(example["worth"], lang), "example_raise": money(example["raised"], lang),
        "example_share": percent(round(example["share"], 1), lang),
        "example_preference": money(example["preference"], lang),
        "example_worth_after": money(example["after"], lang),
        "example_claim_after": money(example["claim_after"], lang),
        "example_good_worth": money(example["grown"], lang),
        "example_good_claim": money(example["claim_grown"], lang),
        "agi": number(round(scenario.agi_threshold_h100e), lang),
        "agi_prize": percent(round(scenario.agi_prize_share * 100, 2), lang),
        "before_q2": str(revealed[0]), "before_q3": str(revealed[1]), "before_q4": str(revealed[2]),
    }


class HowToPlayScene(Scene):
    def __init__(self, app, page: int = 0) -> None:
        super().__init__(app)
        self.scenario = load_scenario(SCENARIO)
        self.page = page
        self.pages = len(PAGES)

    # ------------------------------------------------------------------ layout

    def build(self) -> None:
        width, height = self.size
        self.view = TableView(self.app.theme)  # the palette may have changed
        self.figures = scenario_figures(self.scenario, language())
        y = height - FOOTER + 20
        self.back_button = UIButton(pygame.Rect(width // 2 - 300, y, 180, 44), t("how_to_play.back"), self.manager)
        self.next_button = UIButton(pygame.Rect(width // 2 + 120, y, 180, 44), t("how_to_play.next"), self.manager,
                                    object_id="@primary")
        self.close_button = UIButton(pygame.Rect(width - MARGIN - 170, 22, 170, 38), t("how_to_play.close"),
                                     self.manager, tool_tip_text=t("how_to_play.tip_close"))
        self._update_buttons()

    def _update_buttons(self) -> None:
        if self.page == 0:
            self.back_button.disable()
        else:
            self.back_button.enable()
        self.next_button.set_text(t("how_to_play.done") if self.page == self.pages - 1 else t("how_to_play.next"))
        self.dirty = True

    def go_to(self, page: int) -> None:
        page = max(0, min(self.pages - 1, page))
        if page != self.page:
            self.page = page
            self._update_buttons()
            self.app.log("how_to_play_page", page=page + 1)

    # ------------------------------------------------------------------ input

    def on_button(self, button) -> None:
        if button is self.back_button:
            self.go_to(self.page - 1)
        elif button is self.next_button:
            if self.page == self.pages - 1:
                self.app.pop()
            else:
                self.go_to(self.page + 1)
        elif button is self.close_button:
            self.app.pop()

    def on_key(self, event: pygame.event.Event) -> None:
        if event.key in (pygame.K_RIGHT, pygame.K_PAGEDOWN, pygame.K_SPACE):
            self.go_to(self.page + 1)
        elif event.key in (pygame.K_LEFT, pygame.K_PAGEUP, pygame.K_BACKSPACE):
            self.go_to(self.page - 1)
        elif event.key == pygame.K_HOME:
            self.go_to(0)
        elif event.key == pygame.K_END:
            self.go_to(self.pages - 1)

    # ------------------------------------------------------------------ text

    def text(self, key: str) -> str:
        """A page's text with the scenario's numbers filled in."""
        if key == "limit":
            key = LIMIT_TEXT.get(self.scenario.betting, LIMIT_TEXT["no_limit"])
        elif key == "race":
            key = "how_to_play.winning_agi" if self.scenario.race_mode else "how_to_play.winning_no_agi"
        return t(key, **self.figures)

    def _blocks(self, size: int, width: int) -> list[tuple[tuple[tuple[pygame.Surface, int], ...], int]]:
        """The page's text rendered at body `size`: per block, its pieces (surface, x offset) and
        the space after it. A term block is the term in bold with its explanation beside it."""
        theme = self.app.theme
        palette = theme.palette
        _, blocks, _ = PAGES[self.page]
        term_width = max((theme.font(size, True).size(t(block[1]))[0] for block in blocks if block[0] == "term"),
                         default=0) + 16
        rendered = []
        for block in blocks:
            kind = block[0]
            if kind == "quote":
                image = theme.text(self.text(block[1]), size + 7, palette.highlight, bold=True, width=width)
                rendered.append((((image, 0),), 6))
            elif kind == "source":
                image = theme.text(self.text(block[1]), size - 2, palette.text_dim, width=width)
                rendered.append((((image, 0),), size + 4))
            elif kind == "formula":
                image = theme.text(self.text(block[1]), size + 1, palette.highlight, bold=True, width=width)
                rendered.append((((image, 0),), size))
            elif kind == "term":
                term = theme.text(t(block[1]), size, palette.highlight, bold=True)
                body = theme.text(self.text(block[2]), size, palette.text, width=width - term_width)
                rendered.append((((term, 0), (body, term_width)), size // 2 + 4))
            else:
                image = theme.text(self.text(block[1]), size, palette.text, width=width)
                rendered.append((((image, 0),), size // 2 + 4))
        return rendered

    # ------------------------------------------------------------------ drawing

    def areas(self, size: tuple[int, int]) -> tuple[pygame.Rect, pygame.Rect]:
        """Where the text goes (left) and the illustration (right)."""
        width, height = size
        split = int(width * 0.5)
        text = pygame.Rect(MARGIN, HEADER + 8, split - MARGIN - 8, height - HEADER - FOOTER - 16)
        art = pygame.Rect(split + 24, HEADER + 8, width - split - 24 - MARGIN, height - HEADER - FOOTER - 16)
        return text, art

    def draw_background(self, surface: pygame.Surface) -> None:
        super().draw_background(surface)
        theme = self.app.theme
        palette = theme.palette
        width, height = surface.get_size()
        title_key, _, illustration = PAGES[self.page]
        draw_page_header(surface, theme, t(title_key), t("how_to_play.title"))
        text_area, art_area = self.areas((width, height))
        self._draw_text(surface, text_area)
        pygame.draw.rect(surface, palette.panel, art_area, border_radius=10)
        getattr(self, f"_art_{illustration}")(surface, art_area.inflate(-24, -24))
        self._draw_dots(surface, (width // 2, height - FOOTER + 42))

    def _draw_text(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        for size in BODY_SIZES:  # the largest body size whose text fits
            blocks = self._blocks(size, area.width)
            heights = [max(image.get_height() for image, _ in pieces) for pieces, _ in blocks]
            if sum(heights) + sum(gap for _, gap in blocks) <= area.height:
                break
        y = area.y
        for (pieces, gap), height in zip(blocks, heights, strict=True):
            for image, dx in pieces:
                surface.blit(image, (area.x + dx, y))
            y += height + gap

    def _draw_dots(self, surface: pygame.Surface, centre: tuple[int, int]) -> None:
        palette = self.app.theme.palette
        spacing = 22
        x0 = centre[0] - (self.pages - 1) * spacing // 2
        for index in range(self.pages):
            position = (x0 + index * spacing, centre[1] - 8)
            if index == self.page:
                pygame.draw.circle(surface, palette.highlight, position, 7)
            else:
                pygame.draw.circle(surface, palette.panel_edge, position, 6)
                pygame.draw.circle(surface, palette.text_dim, position, 6, 1)
        label = self.app.theme.text(t("how_to_play.page", page=self.page + 1, pages=self.pages), 13,
                                    self.app.theme.palette.text_dim)
        surface.blit(label, label.get_rect(midtop=(centre[0], centre[1] + 6)))

    # ------------------------------------------------------------------ illustrations

    def _label(self, surface, text: str, size: int, colour, width: int = 0, **anchor) -> pygame.Rect:
        """`text` drawn at `anchor` (wrapped to `width` if given)."""
        image = self.app.theme.text(text, size, colour, width=width)
        rect = image.get_rect(**anchor)
        surface.blit(image, rect)
        return rect

    def _art_table(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        """A small table seen from above: four firms around the felt, their stakes and the pot."""
        palette = self.app.theme.palette
        felt = pygame.Rect(0, 0, int(area.width * 0.78), int(area.height * 0.56))
        felt.center = area.center
        pygame.draw.ellipse(surface, palette.rim, felt.inflate(24, 24))
        pygame.draw.ellipse(surface, palette.felt_edge, felt.inflate(6, 6))
        pygame.draw.ellipse(surface, palette.felt, felt)
        pygame.draw.ellipse(surface, palette.felt_edge, felt.inflate(-50, -40), 2)
        ante = self.scenario.ante[0]
        self.view.chips(surface, (felt.centerx, felt.centery + 10), ante * 6, ante, 0.3, stacks=5)
        self._label(surface, t("table.pot", amount=money(self.scenario.base_market[0] + ante * 2, language())),
                    17, palette.text, midbottom=(felt.centerx, felt.centery - 20))
        xs = (felt.centerx - felt.width // 4, felt.centerx + felt.width // 4)
        seats = [(xs[0], felt.bottom + 8), (xs[0], felt.top - 8), (xs[1], felt.top - 8), (xs[1], felt.bottom + 8)]
        stakes = [(xs[0], felt.bottom - 44), (xs[0], felt.top + 56), (xs[1], felt.top + 56), (xs[1], felt.bottom - 44)]
        for index, (profile, seat, stake) in enumerate(zip(self.scenario.profiles[:4], seats, stakes, strict=True)):
            plate = pygame.Rect(0, 0, 160, 42)
            plate.center = seat
            plate.clamp_ip(area)
            pygame.draw.rect(surface, palette.panel, plate, border_radius=8)
            pygame.draw.rect(surface, palette.highlight if index == 0 else palette.panel_edge, plate,
                             2 if index == 0 else 1, border_radius=8)
            name = self.app.theme.fitted(profile.name, 13, palette.text, plate.width - 12, bold=True)
            surface.blit(name, (plate.x + 6, plate.y + 4))
            self._label(surface, money(profile.cash, language()), 12, palette.text_dim,
                        topleft=(plate.x + 6, plate.y + 22))
            self.view.chips(surface, stake, ante * (index + 1), ante, 0.5 if index == 3 else 0.0)

    def _art_year(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        """The year as a timeline: income, table stakes, four quarters with events between, showdown."""
        theme = self.app.theme
        palette = theme.palette
        steps = [("step", t("how_to_play.ill_income"))]
        steps.append(("step", t("how_to_play.ill_stakes")))
        for quarter in range(1, 5):
            if quarter > 1:
                steps.append(("events", REVEALED_BY_QUARTER[quarter] - REVEALED_BY_QUARTER[quarter - 1]))
            steps.append(("quarter", f"Q{quarter}"))
        steps.append(("step", t("how_to_play.ill_showdown")))
        x = area.x + 70
        top, bottom = area.y + 18, area.bottom - 18
        gap = (bottom - top) / (len(steps) - 1)
        pygame.draw.line(surface, palette.panel_edge, (x, top), (x, bottom), 3)
        for index, (kind, value) in enumerate(steps):
            y = round(top + index * gap)
            if kind == "events":
                for card in range(value):
                    rect = pygame.Rect(x + 40 + card * 70, y - 16, 62, 32)
                    pygame.draw.rect(surface, palette.event_paper, rect, border_radius=3)
                    pygame.draw.line(surface, palette.event_ink, (rect.x + 6, rect.y + 8),
                                     (rect.right - 6, rect.y + 8), 3)
                    for line in range(2):
                        pygame.draw.line(surface, palette.text_dim, (rect.x + 6, rect.y + 16 + line * 6),
                                         (rect.right - 6 - line * 12, rect.y + 16 + line * 6), 1)
                caption = t("how_to_play.ill_event") if value == 1 else t("how_to_play.ill_events", count=value)
                self._label(surface, caption, 14, palette.text_dim, midleft=(x + 48 + value * 70, y))
                pygame.draw.circle(surface, palette.event_paper, (x, y), 5)
            elif kind == "quarter":
                pygame.draw.circle(surface, palette.felt, (x, y), 20)
                pygame.draw.circle(surface, palette.highlight, (x, y), 20, 2)
                self._label(surface, value, 15, palette.text, center=(x, y))
                quarter = int(value[1:])
                self.view.chips(surface, (x + 56, y + 8), quarter + 1, 2, 0.0, stacks=1)
            else:
                pygame.draw.circle(surface, palette.highlight, (x, y), 9)
                label = self._label(surface, value, 17, palette.text, midleft=(x + 40, y))
                if index == 0:
                    self._label(surface, f"+{money(self.scenario.profiles[0].income[0], language())}", 15,
                                palette.positive, midleft=(label.right + 16, y))
                elif index == 1:
                    self.view.chips(surface, (label.right + 30, y + 8), 2, 2, 0.0, stacks=1)
                    self._label(surface, money(self.scenario.ante[0], language()), 15, palette.text_dim,
                                midleft=(label.right + 52, y))

    def _art_betting(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        """A quarter played out: who did what, what each has staked, and the pot that results."""
        theme = self.app.theme
        palette = theme.palette
        lang = language()
        scenario = self.scenario
        ante = scenario.ante[0]
        names = [profile.name for profile in scenario.profiles[:4]]
        stakes = [ante] * 4  # everyone paid the table stakes
        moves = ((0, t("how_to_play.ill_bets", amount=money(ante, lang)), ante),
                 (1, t("how_to_play.ill_raises", amount=money(2 * ante, lang)), 2 * ante),
                 (2, t("how_to_play.ill_calls", amount=money(2 * ante, lang)), 2 * ante),
                 (3, t("how_to_play.ill_folds"), 0),
                 (0, t("how_to_play.ill_calls", amount=money(2 * ante, lang)), ante))
        self._label(surface, t("how_to_play.ill_example", year=scenario.first_year), 15, palette.text_dim,
                    topleft=(area.x + 8, area.y))
        self._label(surface, t("how_to_play.ill_staked"), 12, palette.text_dim, topright=(area.right - 8, area.y + 2))
        row_h = min(64, (area.height - 120) // len(moves))
        y = area.y + 34
        for seat, text, paid in moves:
            stakes[seat] += paid
            folded = paid == 0
            name = theme.fitted(names[seat], 15, palette.text_dim if folded else palette.text, 180, bold=True)
            surface.blit(name, name.get_rect(midleft=(area.x + 8, y + row_h // 2)))
            self._label(surface, text, 15, palette.text_dim if folded else palette.highlight,
                        midleft=(area.x + 200, y + row_h // 2))
            if folded:
                for offset in (0, 12):
                    card = pygame.Rect(area.right - 120 + offset, y + row_h // 2 - 20 + offset // 4, 28, 38)
                    pygame.draw.rect(surface, palette.card_back, card, border_radius=3)
                    pygame.draw.rect(surface, palette.card_paper, card.inflate(-6, -6), 1, border_radius=2)
            else:
                self.view.chips(surface, (area.right - 110, y + row_h // 2 + 10), stakes[seat], ante, 0.0, stacks=2)
                self._label(surface, money(stakes[seat], lang), 13, palette.text_dim,
                            midright=(area.right - 8, y + row_h // 2))
            pygame.draw.line(surface, palette.panel_edge, (area.x + 8, y + row_h), (area.right - 8, y + row_h))
            y += row_h
        staked = sum(stakes)
        share = scenario.market_share_bp / 10_000
        pot = scenario.base_market[0] + int(staked * share)
        summary = theme.text(t("how_to_play.ill_pot_sum", base=money(scenario.base_market[0], lang),
                               share=percent(scenario.market_share_bp / 100, lang), staked=money(staked, lang),
                               pot=money(pot, lang)), 15, palette.text, bold=True, width=area.width - 16)
        surface.blit(summary, (area.x + 8, y + 14))

    def _art_chips(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        """Nvidia against AMD, and a lot's book value year by year."""
        theme = self.app.theme
        palette = theme.palette
        lang = language()
        figures = self.figures
        half = area.width // 2
        for index, (vendor, colour, chip_name, price, counts) in enumerate((
                ("nvidia", palette.nvidia, figures["nvidia_chip"], figures["nvidia_price"], percent(100, lang)),
                ("amd", palette.amd, figures["amd_chip"], figures["amd_price"], figures["amd_first"]))):
            cx = area.x + half // 2 + index * half
            base_y = area.y + 150
            for level in range(8):
                y = base_y - level * 9
                pygame.draw.ellipse(surface, palette.chip_edge, (cx - 34, y - 14, 68, 28))
                pygame.draw.ellipse(surface, colour, (cx - 32, y - 14, 64, 24))
            name = theme.text(f"{t('vendor.' + vendor)} {chip_name}", 16, palette.text, bold=True)
            surface.blit(name, name.get_rect(midtop=(cx, base_y + 22)))
            self._label(surface, t("how_to_play.ill_per_h100e", price=price), 14, palette.text_dim,
                        midtop=(cx, base_y + 46))
            self._label(surface, t("how_to_play.ill_counts", share=counts), 14, colour, midtop=(cx, base_y + 68))
        # book value of one lot over its lifetime
        lifetime = self.scenario.lifetime
        chart = pygame.Rect(area.x + 30, area.y + 280, area.width - 60, area.bottom - area.y - 300)
        self._label(surface, t("how_to_play.ill_book_value"), 15, palette.text, midbottom=(chart.centerx, chart.y - 4))
        bars = lifetime + 1
        bar_w = chart.width // bars
        floor = chart.bottom - 22
        full = floor - chart.y - 26
        for year in range(bars):
            value = max(0, lifetime - year) / lifetime
            rect = pygame.Rect(chart.x + year * bar_w + 10, floor - round(full * value), bar_w - 20,
                               max(2, round(full * value)))
            pygame.draw.rect(surface, palette.nvidia if value else palette.exited, rect, border_radius=3)
            caption = percent(round(value * 100), lang) if value else t("how_to_play.ill_retired")
            self._label(surface, caption, 13, palette.text, midbottom=(rect.centerx, rect.y - 2))
            self._label(surface, t("how_to_play.ill_year_n", number=year + 1), 13, palette.text_dim,
                        midtop=(rect.centerx, floor + 4))
        pygame.draw.line(surface, palette.panel_edge, (chart.x, floor), (chart.right, floor), 1)

    def _art_capability(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        """The log curve of the scaling law, an R&D card, and where a staked dollar goes."""
        theme = self.app.theme
        palette = theme.palette
        lang = language()
        weight = self.scenario.compute_weight
        plot = pygame.Rect(area.x + 46, area.y + 10, area.width - 70, int(area.height * 0.5))
        top_points = 60 * weight
        pygame.draw.line(surface, palette.panel_edge, plot.bottomleft, plot.bottomright, 1)
        pygame.draw.line(surface, palette.panel_edge, plot.bottomleft, plot.topleft, 1)
        for points in range(0, int(top_points) + 1, 20):
            y = plot.bottom - plot.height * points / top_points
            pygame.draw.line(surface, palette.panel_edge, (plot.x - 4, y), (plot.x, y))
            self._label(surface, number(points, lang), 12, palette.text_dim, midright=(plot.x - 6, y))
        biggest = 1_000_000
        points_on_curve = []
        for step in range(0, 401):
            compute = biggest * step / 400
            value = weight * 10 * math.log10(max(1.0, compute))
            points_on_curve.append((plot.x + plot.width * step / 400, plot.bottom - plot.height * value / top_points))
        pygame.draw.lines(surface, palette.highlight, False, points_on_curve, 3)
        for compute in (10_000, 100_000, 1_000_000):
            value = weight * 10 * math.log10(compute)
            point = (round(plot.x + plot.width * compute / biggest),
                     round(plot.bottom - plot.height * value / top_points))
            pygame.draw.circle(surface, palette.text, point, 5)
            label = t("how_to_play.ill_points", points=number(round(value, 1), lang))
            # under the curve, to the right of the point (the last one: above, to its left)
            anchor = {"topleft": (point[0] + 10, point[1] + 6)} if compute < biggest else \
                {"bottomright": (point[0] - 4, point[1] - 8)}
            self._label(surface, f"{number(compute, lang)} H100e → {label}", 13, palette.text, **anchor)
            if compute != 10_000:  # too close to the axis' start to label it there too
                self._label(surface, number(compute, lang), 11, palette.text_dim, midtop=(point[0], plot.bottom + 4))
        self._label(surface, t("how_to_play.ill_compute_axis"), 12, palette.text_dim,
                    topright=(plot.right, plot.bottom + 20))
        self._label(surface, t("how_to_play.ill_capability_axis"), 12, palette.text_dim, topleft=(plot.x + 8, plot.y))
        # an R&D card and the pot's split
        low = pygame.Rect(area.x, plot.bottom + 44, area.width, area.bottom - plot.bottom - 44)
        card_id = "mixture_of_experts" if "mixture_of_experts" in self.scenario.rd_cards else \
            next(iter(self.scenario.rd_cards))
        caption = self._label(surface, t("how_to_play.ill_rd_card"), 12, palette.text_dim, topleft=(low.x + 6, low.y))
        card = pygame.Rect(low.x + 6, caption.bottom + 4, 150, min(130, low.bottom - caption.bottom - 4))
        self.view.rd_card(surface, self.scenario, card_id, card)
        split = pygame.Rect(card.right + 30, low.y + 20, low.right - card.right - 40, 34)
        share = self.scenario.market_share_bp / 10_000
        self._label(surface, t("how_to_play.ill_stake"), 15, palette.text, bottomleft=(split.x, split.y - 6))
        market = split.copy()
        market.width = round(split.width * share)
        vendors = pygame.Rect(market.right, split.y, split.width - market.width, split.height)
        pygame.draw.rect(surface, palette.positive, market, border_top_left_radius=5, border_bottom_left_radius=5)
        pygame.draw.rect(surface, palette.exited, vendors, border_top_right_radius=5, border_bottom_right_radius=5)
        self._label(surface, t("how_to_play.ill_to_market", amount=dollars(round(100 * share), lang)),
                    13, palette.positive, topleft=(split.x, split.bottom + 6))
        self._label(surface, t("how_to_play.ill_to_vendors",
                               amount=dollars(100 - round(100 * share), lang)),
                    13, palette.text_dim, topright=(split.right, split.bottom + 6))
        formula = theme.text(t("how_to_play.ill_pot_formula", base=money(self.scenario.base_market[0], lang),
                               year=self.scenario.first_year, share=percent(share * 100, lang)),
                             13, palette.text, width=split.width)
        surface.blit(formula, (split.x, split.bottom + 28))
        event_id = "chip_shortage" if "chip_shortage" in self.scenario.events else next(iter(self.scenario.events))
        self._event_card(surface, self.scenario.events[event_id],
                         pygame.Rect(split.x, split.bottom + 40 + formula.get_height(), split.width, 0), low.bottom)

    def _event_card(self, surface: pygame.Surface, event, rect: pygame.Rect, bottom: int) -> None:
        """A market event as a newspaper headline card, under its caption."""
        theme = self.app.theme
        palette = theme.palette
        lang = language()
        caption = theme.text(t("how_to_play.ill_event_card"), 12, palette.text_dim)
        title = theme.text(event.title[lang].upper(), 14, palette.event_ink, bold=True, width=rect.width - 14)
        body = theme.text(describe_event(event, lang), 12, palette.event_ink, width=rect.width - 14)
        card = pygame.Rect(rect.x, rect.y + caption.get_height() + 4, rect.width,
                           title.get_height() + body.get_height() + 16)
        if card.bottom > bottom:  # a small window: no room for it
            return
        surface.blit(caption, rect.topleft)
        pygame.draw.rect(surface, palette.event_paper, card, border_radius=3)
        pygame.draw.line(surface, palette.event_ink, (card.x + 6, card.y + title.get_height() + 8),
                         (card.right - 6, card.y + title.get_height() + 8), 1)
        surface.blit(title, (card.x + 7, card.y + 5))
        surface.blit(body, (card.x + 7, card.y + title.get_height() + 12))

    def _art_winning(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        """The founders' share before and after the worked example's funding round, the score as what
        the investors' claim leaves of the net worth, the AGI threshold, and the two ways to leave the
        race: sitting out twice, and a takeover by the investors (drawn if there is room for it)."""
        theme = self.app.theme
        palette = theme.palette
        lang = language()
        after = funding_example(self.scenario)["share"] / 100
        radius = min(66, area.width // 8)
        centre_y = area.y + radius + 30
        centres = ((area.x + area.width // 4, centre_y), (area.right - area.width // 4, centre_y))
        for centre, share in zip(centres, (1.0, after), strict=True):
            pygame.draw.circle(surface, palette.exited, centre, radius)
            if share >= 1.0:
                pygame.draw.circle(surface, palette.highlight, centre, radius)
            else:
                points = [centre] + [(centre[0] + radius * math.sin(2 * math.pi * share * step / 60),
                                      centre[1] - radius * math.cos(2 * math.pi * share * step / 60))
                                     for step in range(61)]
                pygame.draw.polygon(surface, palette.highlight, points)
            pygame.draw.circle(surface, palette.panel_edge, centre, radius, 2)
            label = theme.text(percent(round(share * 100, 1), lang), 18, palette.background, bold=True)
            inside = centre if share >= 1 else (centre[0] + radius // 5, centre[1] + radius // 4)
            surface.blit(label, label.get_rect(center=inside))
            self._label(surface, t("how_to_play.ill_ownership"), 14, palette.text_dim,
                        midtop=(centre[0], centre[1] + radius + 8))
        arrow_y = centres[0][1]
        left, right = centres[0][0] + radius + 14, centres[1][0] - radius - 14
        pygame.draw.line(surface, palette.text, (left, arrow_y), (right - 8, arrow_y), 3)
        pygame.draw.polygon(surface, palette.text,
                            [(right, arrow_y), (right - 12, arrow_y - 7), (right - 12, arrow_y + 7)])
        self._label(surface, t("how_to_play.ill_raise"), 13, palette.text, midbottom=((left + right) // 2, arrow_y - 8))
        self._label(surface, self.figures["example_raise"], 13, palette.text, midtop=((left + right) // 2, arrow_y + 8))
        # score = (cash + chips) − the investors' claim
        y = area.y + 2 * radius + 110
        boxes = ((t("how_to_play.ill_net_worth"), palette.nvidia), ("−", None),
                 (t("how_to_play.ill_investors_claim"), palette.exited), ("=", None),
                 (t("how_to_play.ill_score"), palette.positive))
        for size, padding in ((17, 28), (15, 20), (13, 14), (12, 10)):  # the largest that fits: German is long
            images = [theme.text(text, size, palette.background if colour else palette.text, bold=True)
                      for text, colour in boxes]
            total = sum(image.get_width() + (padding if colour else padding // 2)
                        for image, (_, colour) in zip(images, boxes, strict=True))
            if total <= area.width:
                break
        x = area.centerx - total // 2
        for image, (_, colour) in zip(images, boxes, strict=True):
            pad = padding if colour else padding // 2
            rect = pygame.Rect(x, y, image.get_width() + pad, 44)
            if colour:
                pygame.draw.rect(surface, colour, rect, border_radius=8)
            surface.blit(image, image.get_rect(center=rect.center))
            x = rect.right
        if self.scenario.race_mode:
            self._label(surface, t("how_to_play.ill_agi", agi=self.figures["agi"]), 15, palette.text,
                        midtop=(area.centerx, y + 70))
            bar = pygame.Rect(area.x + 40, y + 100, area.width - 80, 14)
            pygame.draw.rect(surface, palette.background, bar, border_radius=7)
            filled = bar.copy()
            filled.width = bar.width * 2 // 3
            pygame.draw.rect(surface, palette.all_in, filled, border_radius=7)
            pygame.draw.rect(surface, palette.panel_edge, bar, 1, border_radius=7)
            pygame.draw.line(surface, palette.highlight, (bar.right - 2, bar.y - 6), (bar.right - 2, bar.bottom + 6), 3)
            self._label(surface, t("how_to_play.ill_compute_axis"), 12, palette.text_dim,
                        topleft=(bar.x, bar.bottom + 6))
            self._label(surface, t("game_over.mark_agi"), 13, palette.highlight, topright=(bar.right, bar.bottom + 6))
            y += 164
        else:
            y += 84
        # sitting out two years running: the firm leaves
        first = self.scenario.first_year + 1
        x = area.x + 20
        for year in (first, first + 1):
            box = pygame.Rect(x, y, 104, 44)
            pygame.draw.rect(surface, palette.folded, box, border_radius=8)
            surface.blit(theme.text(str(year), 14, palette.background, bold=True), (box.x + 10, box.y + 4))
            surface.blit(theme.text(t("how_to_play.ill_sits_out"), 13, palette.background), (box.x + 10, box.y + 23))
            x = box.right + 14
        self._label(surface, "→", 22, palette.text, midleft=(x, y + 22))
        self._label(surface, t("how_to_play.ill_leaves"), 15, palette.text, width=area.right - x - 34,
                    midleft=(x + 34, y + 22))
        # net worth at or below the preference at the start of a year: the investors take over
        y += 58
        if y + 44 > area.bottom:  # a small window: no room for it
            return
        text = theme.text(t("how_to_play.ill_under_water"), 14, palette.background, bold=True)
        box = pygame.Rect(area.x + 20, y, text.get_width() + 24, 44)
        pygame.draw.rect(surface, palette.warning, box, border_radius=8)
        surface.blit(text, text.get_rect(center=box.center))
        self._label(surface, "→", 22, palette.text, midleft=(box.right + 14, y + 22))
        self._label(surface, t("how_to_play.ill_taken_over"), 15, palette.text, width=area.right - box.right - 48,
                    midleft=(box.right + 48, y + 22))

    def _art_controls(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        """The keyboard shortcuts as keycaps."""
        theme = self.app.theme
        palette = theme.palette
        row_h = min(40, area.height // len(KEYS))
        y = area.y + (area.height - row_h * len(KEYS)) // 2
        room = area.right - (area.x + 110) - 12
        # One type size for every row, smaller where (German) lines would not fit, before any ellipsis.
        size = next((size for size in (16, 15, 14) if all(
            theme.text(t(description), size, palette.text).get_width() <= room for _, description in KEYS)), 13)
        for key, description in KEYS:
            cap_text = theme.text(key, 15, palette.card_ink, bold=True)
            cap = pygame.Rect(area.x + 20, y + 3, max(44, cap_text.get_width() + 18), row_h - 8)
            pygame.draw.rect(surface, palette.chip_edge, cap.move(0, 3), border_radius=6)
            pygame.draw.rect(surface, palette.card_paper, cap, border_radius=6)
            surface.blit(cap_text, cap_text.get_rect(center=cap.center))
            line = theme.fitted(t(description), size, palette.text, room)
            surface.blit(line, line.get_rect(midleft=(area.x + 110, cap.centery)))
            y += row_h
