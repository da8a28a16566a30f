// The public table, drawn from a snapshot: used by the seat view (phones) and the projector.
// Everything shown comes from the snapshot's view; nothing here repeats a rule of the game.

import { h } from "./dom.js";
import { clock, compute, localized, money, number, t } from "./i18n.js";

const BOTS = {
  en: { steady: "Steady", aggressive: "Aggressive", calculator: "Calculator", cautious: "Cautious", random: "Random" },
  de: { steady: "Beständig", aggressive: "Aggressiv", calculator: "Rechner", cautious: "Vorsichtig", random: "Zufällig" },
};

/** The lookups a snapshot needs from the scenario sent once in `welcome`. */
export function scenarioIndex(scenario) {
  const cards = new Map((scenario?.rd_cards ?? []).map((card) => [card.id, card]));
  const events = new Map((scenario?.events ?? []).map((event) => [event.id, event]));
  const chips = scenario?.market?.chips ?? [];
  return { scenario, cards, events, chips, share: scenario?.rules?.market_share_of_spend ?? 0 };
}

export function isBot(snapshot, seat) {
  const bots = snapshot.table?.bots;
  if (bots) return Boolean(bots[seat]);
  const team = snapshot.teams?.[seat];
  return typeof team === "string" && Object.hasOwn(BOTS.en, team);
}

/** A seat's name as the table says it: its team (or the bot's name in the page's language). */
export function teamName(snapshot, seat, lang) {
  const team = snapshot.teams?.[seat];
  if (team === null || team === undefined) return t("table.open_seat");
  return BOTS[lang]?.[team] ?? team;
}

export function firmLabel(snapshot, seat, lang) {
  const firm = snapshot.view.firms[seat];
  return `${teamName(snapshot, seat, lang)} · ${firm.name}`;
}

export function phaseText(view) {
  if (view.phase === "over") return t("phase.over", { year: view.year });
  if (view.quarter > 0) return t("phase.quarter", { year: view.year, quarter: view.quarter });
  return t("phase.ante", { year: view.year });
}

/** Seconds left on the turn clock now, or null (no limit). */
export function secondsLeft(clockState) {
  if (!clockState || clockState.left === null || clockState.left === undefined) return null;
  return Math.max(0, clockState.left - (performance.now() - clockState.at) / 1000);
}

/** Whose turn it is, as a line (with the countdown, kept up to date by the page's ticker). */
export function turnLine(snapshot, clockState, lang, viewer) {
  const view = snapshot.view;
  const state = snapshot.table?.state;
  if (state === "waiting") return h("p", { class: "turn waiting" }, t("turn.waiting_start"));
  if (state === "paused") return h("p", { class: "turn paused" }, t("state.paused"));
  if (view.phase === "over" || state === "over") return h("p", { class: "turn over" }, t("state.over"));
  const seat = view.to_act;
  if (seat === null || seat === undefined || seat < 0) return null;
  const mine = viewer !== null && viewer !== undefined && seat === viewer;
  const name = teamName(snapshot, seat, lang);
  const text = mine ? t("turn.you") : isBot(snapshot, seat) ? t("turn.bot", { name }) : t("turn.other", { name });
  const left = secondsLeft(clockState);
  return h("p", { class: ["turn", mine && "mine"], "aria-live": "polite" },
    h("span", { class: "turn-who" }, text),
    left === null ? null : h("span", { class: "countdown", "data-countdown": "1" }, t("turn.left", { time: clock(left) })));
}

function statusBadge(firm, seat, view) {
  if (firm.taken_over) return ["taken_over", t("status.taken_over")];
  if (firm.status === "exited") return ["exited", t("status.exited")];
  if (firm.status === "folded") return ["folded", t("status.folded")];
  if (firm.status === "all_in") return ["all_in", t("status.all_in")];
  if (firm.status === "sitting_out") return ["sitting_out", t("status.sitting_out")];
  if (view.phase !== "over" && view.to_act === seat) return ["to_act", t("status.to_act")];
  return null;
}

/** Every firm at the table: name, stake, status, cash, compute (a list, readable on a phone). */
export function firmsList(snapshot, lang, viewer) {
  const view = snapshot.view;
  const connected = snapshot.table?.connected;
  return h("section", { class: "panel firms", "aria-labelledby": "firms-title" },
    h("h2", { id: "firms-title" }, t("table.title")),
    h("ol", { class: "firm-list" }, view.firms.map((firm, seat) => {
      const badge = statusBadge(firm, seat, view);
      const mine = seat === viewer;
      const device = connected && !isBot(snapshot, seat) && snapshot.teams?.[seat] != null
        ? (connected[seat] > 0 ? null : h("span", { class: "offline" }, t("table.no_device"))) : null;
      return h("li", { class: ["firm", mine && "mine", view.to_act === seat && view.phase !== "over" && "acting",
        badge && `st-${badge[0]}`], "data-seat": seat },
        h("div", { class: "firm-head" },
          h("span", { class: "seat-no", "aria-hidden": "true" }, String(seat + 1)),
          h("span", { class: "firm-name" },
            h("strong", {}, teamName(snapshot, seat, lang)),
            mine ? h("span", { class: "you" }, ` (${t("table.you")})`) : null,
            isBot(snapshot, seat) ? h("span", { class: "bot-tag" }, ` ${t("table.bot")}`) : null,
            h("span", { class: "firm-sub" }, firm.name)),
          view.button === seat ? h("span", { class: "dealer", title: t("table.button"), "aria-label": t("table.button") }, "D") : null,
          badge ? h("span", { class: `badge b-${badge[0]}` }, badge[1]) : null),
        h("dl", { class: "firm-figures" },
          h("div", { title: t("table.quarter_stake") }, h("dt", {}, t("table.stake")), h("dd", {}, money(firm.quarter_stake)),
            h("dd", { class: "year-stake" }, `(${t("table.year_stake", { amount: money(firm.year_stake) })})`)),
          h("div", {}, h("dt", {}, t("table.cash")), h("dd", {}, money(firm.cash))),
          h("div", {}, h("dt", {}, t("table.compute_h100e")), h("dd", {}, compute(firm.effective_compute)))),
        device);
    })));
}

export function potsPanel(snapshot, lang) {
  const view = snapshot.view;
  const pots = view.pots_shown ?? [{ amount: view.pot, eligible: [] }];
  const names = (eligible) => eligible.map((seat) => teamName(snapshot, seat, lang)).join(", ");
  return h("section", { class: "panel pots", "aria-labelledby": "pots-title" },
    h("h2", { id: "pots-title" }, t("pot.title")),
    h("p", { class: "pot-total" }, money(view.pot)),
    pots.length > 1 ? h("ul", { class: "pot-list" }, pots.map((pot, index) =>
      h("li", {}, h("span", {}, index === 0 ? t("pot.main") : t("pot.side", { number: index })), " ",
        h("strong", {}, money(pot.amount)), " ", h("span", { class: "muted" }, t("pot.eligible", { names: names(pot.eligible) })))))
      : null,
    h("p", { class: "muted" }, t("prices.ante", { amount: money(view.ante) })));
}

/** The flagship chip each vendor sells this year (or the export-grade one for a restricted firm). */
function chipName(index, vendor, year, exportGrade) {
  const tier = (item) => item.tier === "export";
  const chip = index.chips.find((item) => item.vendor === vendor && item.year === year && tier(item) === exportGrade);
  return chip ? chip.name : "";
}

export function pricesPanel(snapshot, index, viewer) {
  const view = snapshot.view;
  const restricted = viewer !== null && viewer !== undefined && view.firms[viewer]?.export_restricted;
  const prices = restricted ? view.export_prices : view.prices;
  return h("section", { class: "panel prices", "aria-labelledby": "prices-title" },
    h("h2", { id: "prices-title" }, t("prices.title")),
    h("ul", { class: "price-list" }, ["nvidia", "amd"].map((vendor, i) =>
      h("li", { class: `vendor-${vendor}` },
        h("span", { class: "vendor" }, vendor === "nvidia" ? "Nvidia" : "AMD"), " ",
        h("span", { class: "chip" }, chipName(index, vendor, view.year, Boolean(restricted))), " ",
        h("strong", {}, prices[i] === null ? t("prices.none") : t("prices.per", { price: number(Math.round(prices[i]), 0) }))))));
}

export function eventsPanel(snapshot, index) {
  const view = snapshot.view;
  return h("section", { class: "panel events", "aria-labelledby": "events-title" },
    h("h2", { id: "events-title" }, t("events.title")),
    view.revealed_events.length
      ? h("ul", { class: "event-list" }, view.revealed_events.map((id) =>
        h("li", { class: "event" }, localized(index.events.get(id)?.title, id))))
      : h("p", { class: "muted" }, t("events.none")),
    view.events_to_come ? h("p", { class: "muted" }, t("events.to_come", { count: view.events_to_come })) : null);
}

function logLine(snapshot, entry, lang) {
  const name = teamName(snapshot, entry.seat, lang);
  const action = entry.action;
  const amount = action.amount;
  switch (action.kind) {
    case "bet":
    case "raise":
    case "raise_funds":
      return t(`log.${action.kind}`, { name, amount: money(amount ?? 0) });
    case "call":
    case "all_in":
      return amount ? t(`log.${action.kind}_amount`, { name, amount: money(amount) }) : t(`log.${action.kind}`, { name });
    case "set_mix":
      return t("log.set_mix", { name, amount: amount ?? 0 });
    case "fold":
    case "check":
    case "sit_in":
    case "sit_out":
      return t(`log.${action.kind}`, { name });
    default:
      return t("log.other", { name, kind: action.kind });
  }
}

/** The newest entries first; showdowns of this game too. */
export function logPanel(snapshot, index, lang, limit = 40) {
  const view = snapshot.view;
  const lines = view.log.slice(-limit).map((entry) => logLine(snapshot, entry, lang)).reverse();
  const shows = (view.showdowns ?? []).filter((show) => show.year === view.year).map((show) =>
    t("showdown.shows", {
      name: teamName(snapshot, show.seat, lang),
      cards: show.cards.map((id) => localized(index.cards.get(id)?.title, id)).join(" + "),
      capability: number(show.capability, 1),
    }));
  const all = [...shows, ...lines];
  return h("section", { class: "panel log", "aria-labelledby": "log-title" },
    h("h2", { id: "log-title" }, t("log.title")),
    all.length ? h("ol", { class: "log-list" }, all.map((line) => h("li", {}, line))) : h("p", { class: "muted" }, t("log.empty")));
}
