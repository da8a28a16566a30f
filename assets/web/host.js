// The teacher panel (#host=<token>): the lobby's tables and the controls the host role may send
// (docs/network.md: start, pause/resume, timer, replace, restore, release, end).

import { h } from "./dom.js";
import { clock, localized, money, t } from "./i18n.js";

const TIMERS = [null, 30, 60, 120];
const BOT_NAMES = {
  en: { steady: "Steady", aggressive: "Aggressive", calculator: "Calculator", cautious: "Cautious", random: "Random" },
  de: { steady: "Beständig", aggressive: "Aggressiv", calculator: "Rechner", cautious: "Vorsichtig", random: "Zufällig" },
};

function displayCode(code) {
  return code && code.length === 6 ? `${code.slice(0, 3)}-${code.slice(3)}` : code;
}

function seatName(table, seat, lang) {
  const team = table.teams[seat];
  if (team === null || team === undefined) return t("host.open");
  return BOT_NAMES[lang]?.[team] ?? team;
}

/**
 * The panel: `lobby` is the latest lobby message, `ui` keeps the teacher's choices between lobbies
 * (timer fields, a pending "end" confirmation), `control(fields)` sends a control message.
 */
export function hostView(lobby, ui, lang, control) {
  const tables = lobby?.tables ?? [];
  return h("section", { class: "host", "aria-labelledby": "host-title" },
    h("h2", { id: "host-title" }, t("host.title")),
    lobby?.address ? h("p", { class: "host-address" }, t("host.address", { address: lobby.address })) : null,
    tables.length ? h("div", { class: "host-tables" }, tables.map((table) => tableCard(table, ui, lang, control)))
      : h("p", { class: "muted" }, t("host.no_tables")));
}

function tableCard(table, ui, lang, control) {
  const mine = ui[table.code] ?? (ui[table.code] = { timer: table.timer ?? null, onTimeout: table.on_timeout ?? "passive", ending: false });
  const send = (fields) => control({ table: table.code, ...fields });
  const state = table.state;
  const timerSelect = h("select", {
    id: `timer-${table.code}`, "data-key": `timer-${table.code}`, class: "timer-select",
    on: { change: (event) => { mine.timer = event.target.value === "" ? null : Number(event.target.value); } },
  }, TIMERS.map((seconds) => h("option", { value: seconds === null ? "" : String(seconds), selected: mine.timer === seconds },
    seconds === null ? t("host.timer_off") : t("host.timer_s", { seconds }))));
  const timeoutSelect = h("select", {
    id: `timeout-${table.code}`, "data-key": `timeout-${table.code}`, class: "timeout-select",
    on: { change: (event) => { mine.onTimeout = event.target.value; } },
  }, ["passive", "bot"].map((value) => h("option", { value, selected: mine.onTimeout === value }, t(`host.timeout_${value}`))));
  const endButton = h("button", {
    type: "button", class: ["control", "danger", mine.ending && "confirming"], "data-key": `end-${table.code}`, "data-control": "end",
    disabled: state === "over",
    on: {
      click: () => {
        if (mine.ending) {
          mine.ending = false;
          send({ do: "end" });
        } else {
          mine.ending = true;
          endButton.textContent = t("host.end_confirm");
          endButton.classList.add("confirming");
        }
      },
      blur: () => { mine.ending = false; endButton.textContent = t("host.end"); endButton.classList.remove("confirming"); },
    },
  }, mine.ending ? t("host.end_confirm") : t("host.end"));
  const toAct = table.to_act !== null && table.to_act !== undefined && table.to_act >= 0 && state === "playing"
    ? t("host.turn", { name: seatName(table, table.to_act, lang) }) : null;
  return h("article", { class: ["panel", "host-table", `state-${state}`], "data-table": table.code },
    h("header", { class: "host-table-head" },
      h("h3", {}, h("span", { class: "code" }, displayCode(table.code)), " ",
        h("span", { class: "scenario" }, localized(table.title, table.scenario))),
      h("span", { class: `badge state-badge s-${state}` }, t(`state.${state}`))),
    h("p", { class: "host-line" },
      t("host.year", {
        year: table.year, years: table.years,
        phase: state === "over" || table.phase === "over" ? t("host.phase_over") : table.quarter > 0 ? `Q${table.quarter}` : t("host.phase_ante"),
      }),
      toAct ? ` · ${toAct}` : "",
      table.turn_left !== null && table.turn_left !== undefined
        ? h("span", { class: "countdown", "data-countdown-table": table.code }, ` · ${t("turn.left", { time: clock(table.turn_left) })}`)
        : null),
    h("table", { class: "seats-table" },
      h("thead", {}, h("tr", {},
        h("th", { scope: "col" }, t("host.seat")), h("th", { scope: "col" }, t("host.team")),
        h("th", { scope: "col", class: "num" }, t("host.devices")), h("th", { scope: "col" }, t("host.standings")), h("th", { scope: "col" }, ""))),
      h("tbody", {}, table.teams.map((team, seat) => {
        const standing = (table.standings ?? []).find((row) => row.seat === seat);
        const bot = table.bots?.[seat];
        return h("tr", { "data-seat": seat, class: [table.to_act === seat && state === "playing" && "acting"] },
          h("td", {}, String(seat + 1)),
          h("td", {}, seatName(table, seat, lang), bot ? h("span", { class: "bot-tag" }, ` ${t("table.bot")}`) : null),
          h("td", { class: "num" }, String(table.connected?.[seat] ?? 0)),
          h("td", {}, standing ? `${standing.rank}. ${money(standing.score)}` : ""),
          h("td", {}, h("div", { class: "seat-controls" },
            !bot && team !== null && state !== "over" ? h("button", {
              type: "button", class: "control small", "data-control": "replace", "data-key": `replace-${table.code}-${seat}`,
              on: { click: () => send({ do: "replace", seat, bot: "steady" }) },
            }, t("host.replace")) : null,
            !bot && team !== null && state !== "over" ? h("button", {
              type: "button", class: "control small", "data-control": "release", "data-key": `release-${table.code}-${seat}`,
              title: t("host.release_hint"), on: { click: () => send({ do: "release", seat }) },
            }, t("host.release")) : null,
            bot && table.team_seats?.[seat] && state !== "over" ? h("button", {
              type: "button", class: "control small", "data-control": "restore", "data-key": `restore-${table.code}-${seat}`,
              title: t("host.restore_hint"), on: { click: () => send({ do: "restore", seat }) },
            }, t("host.restore")) : null)));
      }))),
    h("div", { class: "host-controls" },
      state === "waiting" ? h("button", {
        type: "button", class: "control primary", "data-control": "start", "data-key": `start-${table.code}`,
        title: t("host.start_hint"), on: { click: () => send({ do: "start" }) },
      }, t("host.start")) : null,
      state === "playing" ? h("button", {
        type: "button", class: "control", "data-control": "pause", "data-key": `pause-${table.code}`, on: { click: () => send({ do: "pause" }) },
      }, t("host.pause")) : null,
      state === "paused" ? h("button", {
        type: "button", class: "control primary", "data-control": "resume", "data-key": `resume-${table.code}`, on: { click: () => send({ do: "resume" }) },
      }, t("host.resume")) : null,
      h("div", { class: "timer-group" },
        h("label", { for: `timer-${table.code}` }, t("host.timer")), timerSelect,
        h("label", { for: `timeout-${table.code}` }, t("host.on_timeout")), timeoutSelect,
        h("button", {
          type: "button", class: "control", "data-control": "timer", "data-key": `settimer-${table.code}`, disabled: state === "over",
          on: { click: () => send({ do: "timer", seconds: mine.timer, on_timeout: mine.onTimeout }) },
        }, t("host.set_timer"))),
      h("a", { class: "control link", href: `#watch=${table.code}`, target: "_blank", rel: "noopener" }, t("host.watch")),
      endButton));
}
