// A seat's own view: its firm, its private R&D cards, and the legal actions as big buttons with an
// amount slider, a number field and presets. Every act carries the snapshot's version.

import { h } from "./dom.js";
import { compute, localized, money, number, percent, t } from "./i18n.js";
import { teamName } from "./table.js";

const PLAIN_KINDS = ["sit_in", "check", "call", "sit_out", "fold", "all_in"]; // in the order shown
const AMOUNT_KINDS = ["bet", "raise", "raise_funds", "set_mix"];
let teamLinkOpen = false; // the teammate link stays open across snapshots once opened
const SHORTCUTS = { f: "fold", c: ["check", "call"], a: "all_in", i: "sit_in", o: "sit_out" };

/** The seat's firm: cards, capability, money and compute. */
export function myPanel(snapshot, index, lang, teamLink = null, pin = null) {
  const view = snapshot.view;
  const seat = view.viewer;
  const firm = view.firms[seat];
  const cards = view.my_cards.map((id) => index.cards.get(id) ?? { id, title: id, points: 0, domain: "" });
  // the server scores the hand as a showdown would now (conditions and revealed events included)
  const scored = view.my_capability;
  const fromCompute = scored ? scored.compute_points : view.compute_weight * 10 * Math.log10(Math.max(1, firm.effective_compute));
  const cardPoints = scored ? scored.card_points + scored.event_points : cards.reduce((sum, card) => sum + (card.points ?? 0), 0);
  const capability = scored ? scored.total : fromCompute + cardPoints;
  return h("section", { class: "panel me", "aria-labelledby": "me-title" },
    h("h2", { id: "me-title" },
      h("span", { class: "seat-no big", "aria-hidden": "true" }, String(seat + 1)),
      h("span", {}, teamName(snapshot, seat, lang), h("span", { class: "firm-sub" }, ` · ${firm.name}`)),
      h("span", { class: "visually-hidden" }, ` (${t("top.seat", { seat: seat + 1 })})`)),
    h("div", { class: "cards", "aria-label": t("me.cards") },
      h("h3", {}, t("me.cards")),
      cards.length
        ? h("ul", { class: "card-list" }, cards.map((card) =>
          h("li", { class: `rd-card domain-${card.domain}`, "data-card": card.id },
            h("span", { class: "card-title" }, localized(card.title, card.id)),
            h("span", { class: "card-domain" }, card.domain ? t(`card.domain.${card.domain}`) : ""),
            h("span", { class: "card-points" }, pointsText(card.points ?? 0)),
            card.condition ? h("span", { class: "card-cond" }, conditionText(card.condition)) : null)))
        : h("p", { class: "muted" }, t("me.no_cards"))),
    h("dl", { class: "my-figures" },
      figure(t("me.capability"), number(capability, 1), "capability",
        cards.length ? `${number(fromCompute, 1)} ${t("me.capability_compute")} ${signed(cardPoints)} ${t("me.capability_cards")}` : null),
      figure(t("me.cash"), money(firm.cash), "cash"),
      figure(t("me.compute"), `${compute(firm.effective_compute)} H100e`, "compute"),
      figure(t("me.ownership"), percent(firm.ownership * 100, 1), "ownership"),
      figure(t("me.score"), money(firm.founders_claim), "score"),
      figure(t("me.net_worth"), money(firm.net_worth), "net-worth")),
    h("p", { class: "muted small" }, t("me.mix", { amd: firm.amd_pct }), " · ",
      t("me.stake", { quarter: money(firm.quarter_stake), year: money(firm.year_stake) })),
    teamLink ? h("details", { class: "team-link", open: teamLinkOpen, on: { toggle: (event) => { teamLinkOpen = event.target.open; } } },
      h("summary", {}, t("me.teammate")),
      pin ? h("p", { class: "small" }, t("me.pin_hint"), " ", h("strong", { class: "pin", "data-key": "team-pin" }, pin)) : null,
      h("p", { class: "small" }, t("me.teammate_hint")),
      h("p", { class: "link-text" }, h("a", { href: teamLink, "data-key": "team-link" }, teamLink))) : null);
}

function figure(label, value, key, note = null) {
  return h("div", { class: `fig fig-${key}` }, h("dt", {}, label), h("dd", {}, value), note ? h("dd", { class: "note" }, note) : null);
}

function pointsText(points) {
  return t(Math.abs(points) === 1 ? "card.point" : "card.points", { points: signed(points) });
}

/** A card's condition in words (the clauses of assets/locale/*.toml [condition]), or "conditional". */
function conditionText(condition) {
  const clauses = [];
  for (const [name, value] of Object.entries(condition)) {
    if (name === "points") continue;
    if (name === "compute_leader") clauses.push(t(value ? "cond.compute_leader" : "cond.not_compute_leader"));
    else if (name.startsWith("amd_share")) clauses.push(t(`cond.${name}`, { percent: percent(value) }));
    else if (name.startsWith("compute_")) clauses.push(t(`cond.${name}`, { h100e: number(value, 0) }));
    else if (name.endsWith("_domain")) clauses.push(t(`cond.${name}`, { domain: t(`card.domain.${value}`) }));
    else if (name === "cash_at_least" || name === "staked_at_least") clauses.push(t(`cond.${name}`, { money: money(value) }));
    else return t("card.condition");
  }
  if (!clauses.length || condition.points === undefined) return t("card.condition");
  return t("card.instead", { points: signed(condition.points), condition: clauses.join(t("cond.and")) });
}

function signed(points) {
  if (points > 0) return `+${number(points)}`;
  if (points === 0) return "±0";
  return number(points);
}

/** The amounts each preset stands for, as the window's table does (game/client/scenes/table.py). */
function presets(kind, low, high, snapshot, legal, share) {
  const clamp = (value) => Math.max(low, Math.min(high, Math.round(value)));
  if (kind === "set_mix") return [["none", 0], ["half", 50], ["all", 100]].map(([name, value]) => [name, clamp(value)]);
  if (kind === "raise_funds") return [["min", low], ["half_max", clamp(Math.floor(high / 2))], ["max", high]];
  const view = snapshot.view;
  let half;
  let pot;
  if (view.phase === "ante") {
    half = Math.floor(high / 2);
    pot = high;
  } else {
    const mine = view.firms[legal.seat].quarter_stake;
    const afterCall = view.pot + Math.floor((legal.call_amount * Math.round(share * 10000)) / 10000);
    const top = mine + legal.call_amount;
    half = top + Math.floor(afterCall / 2);
    pot = top + afterCall;
    if (kind === "bet") {
      half -= top;
      pot -= top;
    }
  }
  return [["min", low], ["half_pot", clamp(half)], ["pot", clamp(pot)], ["max", high]];
}

function formatAmount(kind, value) {
  return kind === "set_mix" ? String(value) : money(value);
}

/**
 * The legal actions for the seat to act, or a line saying why nothing can be done now. `ui` keeps
 * what the player set between snapshots (the amount tool's kind and values); `act(kind, amount)` sends.
 */
export function actionsPanel(snapshot, index, ui, act) {
  const legal = snapshot.legal;
  const state = snapshot.table?.state;
  const seat = snapshot.view.viewer;
  const note = (text) => h("section", { class: "panel actions idle", "aria-labelledby": "act-title" },
    h("h2", { id: "act-title", class: "visually-hidden" }, t("act.title")), h("p", { class: "muted" }, text));
  if (snapshot.table?.bots?.[seat]) return note(t("act.bot_plays"));
  if (!legal) return null;
  if (state === "waiting") return note(t("act.not_started"));
  if (state === "paused") return note(t("act.paused"));
  const pending = ui.pendingVersion === snapshot.version;
  const kinds = legal.kinds;
  const plain = PLAIN_KINDS.filter((kind) => kinds.includes(kind));
  const amountKinds = AMOUNT_KINDS.filter((kind) => kinds.includes(kind) && legal.ranges?.[kind]);
  // a bet or raise is shown at once; raising funds and the AMD share wait until their tab is chosen
  if (!amountKinds.includes(ui.kind)) ui.kind = amountKinds.find((kind) => kind === "bet" || kind === "raise") ?? null;
  const label = (kind) => {
    switch (kind) {
      case "sit_in": return t("act.sit_in", { amount: money(legal.ante ?? snapshot.view.ante) });
      case "call": return t("act.call", { amount: money(legal.call_amount) });
      case "all_in": return t("act.all_in", { amount: money(legal.all_in_amount) });
      default: return t(`act.${kind}`);
    }
  };
  const key = (kind) => Object.entries(SHORTCUTS).find(([, value]) => value === kind || (Array.isArray(value) && value.includes(kind)))?.[0];
  const buttons = h("div", { class: "action-buttons" }, plain.map((kind) =>
    h("button", {
      type: "button", class: ["act", `act-${kind}`], disabled: pending, "data-kind": kind, "data-key": `act-${kind}`,
      on: { click: () => act(kind) },
    }, label(kind), key(kind) ? h("kbd", { "aria-hidden": "true" }, key(kind).toUpperCase()) : null)));
  return h("section", { class: ["panel", "actions", pending && "pending"], "aria-labelledby": "act-title", "data-version": snapshot.version },
    h("h2", { id: "act-title" }, t("act.title"), pending ? h("span", { class: "muted small" }, ` ${t("act.sent")}`) : null),
    buttons,
    amountKinds.length ? amountTool(snapshot, index, ui, act, amountKinds, pending) : null,
    !kinds.includes("bet") && !kinds.includes("raise") && legal.no_raise_reason && snapshot.view.phase !== "ante"
      ? h("p", { class: "muted small" }, t("act.no_raise", { reason: legal.no_raise_reason.text })) : null);
}

function tabsFor(ui, amountKinds, pending) {
  return h("div", { class: "amount-tabs", role: "group", "aria-label": t("act.more") }, amountKinds.map((other) =>
    h("button", {
      type: "button", class: ["tab", other === ui.kind && "selected"], "aria-pressed": String(other === ui.kind),
      "data-key": `tab-${other}`, "data-tab": other, disabled: pending,
      on: { click: () => { ui.kind = other === ui.kind ? null : other; ui.rerender(); } },
    }, t(`act.${other}`))));
}

function amountTool(snapshot, index, ui, act, amountKinds, pending) {
  const legal = snapshot.legal;
  const kind = ui.kind;
  if (!kind) return h("div", { class: "amount-tool" }, tabsFor(ui, amountKinds, pending));
  const [low, high] = legal.ranges[kind];
  const firm = snapshot.view.firms[snapshot.view.viewer];
  const start = kind === "set_mix" ? firm.amd_pct : low;
  const stored = ui.amounts[kind];
  let value = Number.isInteger(stored) && stored >= low && stored <= high ? stored : start;
  ui.amounts[kind] = value;
  const percentKind = kind === "set_mix";
  const fieldLabel = percentKind ? t("act.percent") : t("act.amount");
  const slider = h("input", {
    type: "range", class: "amount-slider", min: low, max: high, step: 1, value, disabled: pending,
    "aria-label": fieldLabel, "data-key": "amount-slider",
  });
  const field = h("input", {
    type: "number", class: "amount-field", min: low, max: high, step: 1, value, inputMode: "numeric", disabled: pending,
    id: "amount-field", "data-key": "amount-field",
  });
  const go = h("button", { type: "button", class: ["act", "act-go", `act-${kind}`], disabled: pending, "data-kind": kind, "data-key": `go-${kind}` },
    t(`act.do.${kind}`, { amount: formatAmount(kind, value) }));
  const set = (next, from) => {
    const clean = Math.max(low, Math.min(high, Math.round(Number(next))));
    if (!Number.isFinite(clean)) return;
    value = clean;
    ui.amounts[kind] = clean;
    if (from !== slider) slider.value = String(clean);
    if (from !== field) field.value = String(clean);
    go.textContent = t(`act.do.${kind}`, { amount: formatAmount(kind, clean) });
  };
  slider.addEventListener("input", () => set(slider.value, slider));
  field.addEventListener("change", () => set(field.value, field));
  field.addEventListener("input", () => {
    if (field.value !== "" && Number(field.value) >= low && Number(field.value) <= high) set(field.value, field);
  });
  field.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      set(field.value, null);
      act(kind, value);
    }
  });
  go.addEventListener("click", () => {
    set(field.value === "" ? value : field.value, null);
    act(kind, value);
  });
  const tabs = amountKinds.length > 1 || (kind !== "bet" && kind !== "raise")
    ? tabsFor(ui, amountKinds, pending) : h("p", { class: "amount-kind" }, t(`act.${kind}`));
  return h("div", { class: "amount-tool", "data-amount-kind": kind },
    tabs,
    h("label", { class: "amount-label", for: "amount-field" }, fieldLabel, " ",
      h("span", { class: "muted" }, t("act.range", { low: formatAmount(kind, low), high: formatAmount(kind, high) }))),
    h("div", { class: "amount-row" }, slider, field),
    h("div", { class: "presets" }, presets(kind, low, high, snapshot, legal, index.share).map(([name, amount]) =>
      h("button", {
        type: "button", class: "preset", disabled: pending, "data-preset": name, "data-key": `preset-${name}`,
        on: { click: () => set(amount, null) },
      }, t(`act.preset.${name}`)))),
    go);
}

/** Keyboard shortcuts as in the window (F, C, A, I, O); never while typing in a field. */
export function shortcut(event, snapshot, act) {
  if (event.ctrlKey || event.metaKey || event.altKey) return false;
  const target = event.target;
  if (target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.tagName === "SELECT")) return false;
  const wanted = SHORTCUTS[event.key.toLowerCase()];
  const kinds = snapshot?.legal?.kinds;
  if (!wanted || !kinds) return false;
  const kind = (Array.isArray(wanted) ? wanted : [wanted]).find((item) => kinds.includes(item));
  if (!kind) return false;
  act(kind);
  return true;
}
