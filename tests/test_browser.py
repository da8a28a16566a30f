"""The browser client (assets/web) in a real browser: Debian's chromium driven by Playwright over
loopback, against the game's own table server started in this process.

A class in miniature: four students on phones (isolated browser contexts, one of them German), a
projector and the teacher join one table of classroom-45 (three years) with two bots, play it to
the end by pressing the buttons their page shows, one student reloads mid-game and is back at its
seat, and every device ends on the debrief. Skipped only where chromium is not installed; `.ci/run`
installs it and sets TABLE_STAKES_E2E=1, which turns a missing browser into a failure.

TABLE_STAKES_SCREENSHOTS=1 also writes docs/screenshots/net_*.png (phone EN and DE, projector,
teacher panel, debrief).
"""

from __future__ import annotations

import os
import re
import time

import pytest

from browser_support import LAPTOP, PHONE, PROJECTOR, ROOT, chromium_path, launch, serve

REQUIRED = os.environ.get("TABLE_STAKES_E2E") == "1"
try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - playwright is a test dependency
    sync_playwright = None

if (chromium_path() is None or sync_playwright is None) and REQUIRED:
    pytest.fail("TABLE_STAKES_E2E=1 but chromium or playwright is missing (apt-get install chromium; "
                "pip install -e .[test])", pytrace=False)
pytestmark = pytest.mark.skipif(chromium_path() is None or sync_playwright is None,
                                reason="needs Debian's chromium (apt-get install chromium) and playwright")

SCREENSHOTS = os.environ.get("TABLE_STAKES_SCREENSHOTS") == "1"
SHOTS = ROOT / "docs" / "screenshots"
SEATS = ["open", "open", "open", "open", "steady", "random"]
TEAMS = ["Blue", "Red", "Grün", "Gold"]
GERMAN = 2  # the student whose browser speaks German
RELOADS = 1  # the student who reloads mid-game
PREFERENCE = ["sit_in", "check", "call", "sit_out", "fold", "all_in"]  # what a student presses, first shown first
GAME_SECONDS = 100
WAIT_MS = 15_000


WIDE = """[...document.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > innerWidth)
  .map(e => e.tagName + '.' + e.className + ' ' + e.getBoundingClientRect().right).slice(0, 8)"""


def shoot(page, name: str) -> None:
    if SCREENSHOTS:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"net_{name}.png"), full_page=name.startswith(("phone", "debrief")))


def seat_of(page) -> int:
    """The seat number the page's top bar shows (1-based, as people count)."""
    text = page.locator("[data-testid=where]").inner_text()
    found = re.search(r"(?:Seat|Platz) (\d+)", text)
    assert found, f"no seat in the top bar: {text!r}"
    return int(found.group(1))


def text_of(locator) -> str:
    return locator.inner_text().replace("\xa0", " ")


def cards_of(page) -> list[str]:
    return page.locator(".me [data-card]").evaluate_all("cards => cards.map(card => card.dataset.card)")


KEYS = {"sit_in": "i", "check": "c", "call": "c", "sit_out": "o", "fold": "f", "all_in": "a"}  # as in the window


def press(page, keyboard: bool = False) -> str | None:
    """Press the student's preferred legal button, if the page shows it one (or its key, for a
    student who plays by keyboard); the kind pressed."""
    panel = page.locator(".actions:not(.pending):not(.idle)")
    if panel.count() == 0:
        return None
    shown = panel.first.locator("button.act[data-kind]").evaluate_all(
        "buttons => buttons.filter(b => !b.disabled && !b.classList.contains('act-go')).map(b => b.dataset.kind)")
    for kind in PREFERENCE:
        if kind in shown and keyboard:
            page.keyboard.press(KEYS[kind])
            return kind
        if kind in shown:
            try:
                panel.first.locator(f"button.act[data-kind={kind}]").click(timeout=2000)
            except Exception:  # the panel was redrawn under the click (a new version): try again next round
                return None
            return kind
    return None


@pytest.fixture(scope="module")
def server():
    running = serve("classroom-45", SEATS, seed=11)
    yield running
    running.stop()


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


def open_page(browser, viewport, url, locale="en-GB"):
    context = browser.new_context(viewport=viewport, locale=locale)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(url)
    return page, errors


def test_a_class_plays_a_table_in_browsers_to_the_debrief(server, browser):
    started = time.monotonic()
    code = server.code
    teacher, teacher_errors = open_page(browser, LAPTOP, f"{server.url}#host={server.host_token}")
    teacher.locator(f'[data-table="{code}"]').wait_for(timeout=WAIT_MS)
    assert "waiting" in teacher.locator(f'[data-table="{code}"]').get_attribute("class")
    projector, projector_errors = open_page(browser, PROJECTOR, f"{server.url}#watch={code}")
    projector.locator(".projector").wait_for(timeout=WAIT_MS)
    assert projector.locator("[data-testid=join-code]").inner_text() == f"{code[:3]}-{code[3:]}"
    qr = projector.locator("[data-key=join-qr]")
    assert qr.get_attribute("src") == f"/qr.svg?join={code}"
    assert qr.evaluate("image => image.complete && image.naturalWidth") > 100  # the server drew it

    students, errors = [], []
    for number, team in enumerate(TEAMS):
        page, page_errors = open_page(browser, PHONE, server.url, locale="de-DE" if number == GERMAN else "en-GB")
        # the code as a person types it: lower case, a dash, spaces
        page.fill("#join-code", f" {code[:3].lower()}-{code[3:].lower()} ")
        page.fill("#join-team", team)
        page.locator("#join-team").press("Enter")
        page.locator(".me").wait_for(timeout=WAIT_MS)
        students.append(page)
        errors.append(page_errors)
    # each team got its own seat, in the order they joined; the page says so
    assert [seat_of(page) for page in students] == [1, 2, 3, 4]
    for page, team in zip(students, TEAMS, strict=True):
        assert team in page.locator(".me h2").inner_text()
        assert page.locator(f".firm[data-seat='{seat_of(page) - 1}'].mine").count() == 1
    # a teammate's phone opens the link the team's page offers: same seat, same view
    red = students[1]
    red.locator(".team-link summary").click()
    link = red.locator(".team-link a").get_attribute("href")
    teammate, teammate_errors = open_page(browser, PHONE, link)
    teammate.locator(".me").wait_for(timeout=WAIT_MS)
    assert seat_of(teammate) == 2 and TEAMS[1] in teammate.locator(".me h2").inner_text()
    teammate.context.close()
    assert not teammate_errors, teammate_errors
    # another teammate types the team's name and the PIN the team's page shows: same seat
    pin = red.locator("[data-key=team-pin]").inner_text()
    assert re.fullmatch(r"\d{4}", pin), pin
    typist, typist_errors = open_page(browser, PHONE, server.url)
    typist.fill("#join-code", code)
    typist.fill("#join-team", TEAMS[1].lower())
    typist.fill("#join-pin", pin)
    typist.locator("#join-team").press("Enter")
    typist.locator(".me").wait_for(timeout=WAIT_MS)
    assert seat_of(typist) == 2
    typist.context.close()
    assert not typist_errors, typist_errors
    german = students[GERMAN]
    assert german.locator("html").get_attribute("lang") == "de"
    assert "Platz 3" in german.locator("[data-testid=where]").inner_text()
    assert "4.000 Mio. $" in text_of(german.locator(".me"))  # the game's German money: "1.234 Mio. $"
    assert "$4,000M" in text_of(students[0].locator(".me")) and "Mio." not in text_of(students[0].locator(".me"))
    for team in TEAMS:
        projector.locator(".firm-list", has_text=team).wait_for(timeout=WAIT_MS)

    table = teacher.locator(f'[data-table="{code}"]')
    for team in TEAMS:
        table.locator(".seats-table", has_text=team).wait_for(timeout=WAIT_MS)
    teacher_controls(teacher, table, students, projector)
    drop_the_line(server, students[0])
    shoot(teacher, "teacher")

    pressed = {index: 0 for index in range(len(students))}
    reloaded = False
    checked_privacy = False
    shot_phones = False
    while time.monotonic() - started < GAME_SECONDS:
        if all(page.locator(".debrief").count() for page in students) and projector.locator(".debrief").count():
            break
        for index, page in enumerate(students):
            if page.locator(".debrief").count():
                continue
            if not checked_privacy and page.locator(".actions:not(.idle)").count() and all(
                    len(cards_of(other)) == 2 for other in students) and projector.locator(".turn").count():
                checked_privacy = check_privacy(students, projector)
            if not shot_phones and checked_privacy and students[0].locator(".actions .amount-tool").count():
                for phone in students:  # nothing wider than the phone: no sideways scrolling
                    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
                shoot(students[0], "phone_en")
                shoot(german, "phone_de")
                shoot(projector, "projector")
                if SCREENSHOTS:  # a classroom projector of 1280×720 too
                    projector.set_viewport_size(LAPTOP)
                    shoot(projector, "projector_720")
                    projector.set_viewport_size(PROJECTOR)
                shot_phones = True
            kind = press(page, keyboard=index == GERMAN)  # the German student plays by keyboard
            if kind:
                pressed[index] += 1
            if index == RELOADS and not reloaded and pressed[index] >= 6 and len(cards_of(page)) == 2:
                reload_mid_game(page)
                reloaded = True
        time.sleep(0.03)
    else:
        pytest.fail(f"no debrief on every device within {GAME_SECONDS} s; presses {pressed}")

    assert reloaded, "the reloading student never held cards after six presses"
    assert checked_privacy, "never saw every student holding cards at once"
    assert all(count > 0 for count in pressed.values()), pressed
    for page in [*students, projector]:
        check_debrief(page)
    for page in students:
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], page.evaluate(WIDE)
    shoot(students[0], "debrief")
    if SCREENSHOTS:
        students[0].set_viewport_size(LAPTOP)
        students[0].screenshot(path=str(SHOTS / "net_debrief_wide.png"), full_page=True)
    assert "Endstand" in german.locator(".debrief").inner_text()
    for page_errors in [*errors, projector_errors, teacher_errors]:
        assert not page_errors, page_errors
    assert time.monotonic() - started < GAME_SECONDS


def teacher_controls(teacher, table, students, projector) -> None:
    """The teacher's panel: a turn timer every device counts down, a pause every device shows (and
    that takes the buttons away), a seat released to another device, which joins again by name, and a
    bot standing in for a team until the team plays again."""
    table.locator("select.timer-select").select_option("60")
    table.locator("[data-control=timer]").click()
    for page in [*students, projector]:
        page.locator("[data-countdown]").wait_for(timeout=WAIT_MS)
        assert re.search(r"\d:\d\d", page.locator("[data-countdown]").inner_text())
    table.locator("[data-control=pause]").click()
    for page in [*students, projector]:
        page.locator(".turn.paused").wait_for(timeout=WAIT_MS)
    assert all(page.locator(".actions:not(.idle)").count() == 0 for page in students)
    table.locator("[data-control=resume]").click()
    for page in students:
        page.locator(".turn.paused").wait_for(state="detached", timeout=WAIT_MS)
    # the fourth team's seat goes to another device: the page says why and offers to join again
    gold = students[3]
    seat = seat_of(gold)
    table.locator(f"tr[data-seat='{seat - 1}'] [data-control=release]").click()
    gold.locator("#join-error").wait_for(timeout=WAIT_MS)
    assert "another device" in gold.locator("#join-error").inner_text()
    assert gold.locator("#join-team").input_value() == TEAMS[3]
    gold.locator("button[type=submit]").click()
    gold.locator(".me").wait_for(timeout=WAIT_MS)
    assert seat_of(gold) == seat
    # a bot stands in for the third team, then the team plays again
    row = table.locator(f"tr[data-seat='{seat_of(students[2]) - 1}']")
    row.locator("[data-control=replace]").click()
    row.locator("[data-control=restore]").click(timeout=WAIT_MS)
    row.locator("[data-control=replace]").wait_for(timeout=WAIT_MS)
    assert row.locator(".bot-tag").count() == 0


def drop_the_line(server, page) -> None:
    """A dropped Wi-Fi: the server's side of the student's connection dies without a close frame
    (Chromium keeps a socket open when Playwright takes the page offline, so it is cut at the server).
    The page says it lost the connection, reconnects with its seat token, and is back at its seat."""
    seat = seat_of(page)
    connections = [client.connection for client in list(server.table.clients) if client.viewer == seat - 1]
    assert connections, "the student's connection is not at the table"
    for connection in connections:
        connection.loop.call_soon_threadsafe(connection.transport.abort)
    page.locator(".conn-retry, .conn-connecting").wait_for(timeout=WAIT_MS)
    page.locator(".conn-open").wait_for(timeout=WAIT_MS)
    assert seat_of(page) == seat
    assert page.locator("#join-code").count() == 0


def check_privacy(students, projector) -> bool:
    """Each student sees its own two cards and nobody else's; the projector sees none. Read while a
    student's turn stands still (the page shows its buttons), so every page shows the same moment."""
    hands = [cards_of(page) for page in students]
    if any(len(hand) != 2 for hand in hands):
        return False
    seen = [card for hand in hands for card in hand]
    assert len(set(seen)) == len(seen), f"two students were shown the same card: {hands}"
    assert projector.locator(".rd-card, [data-card]").count() == 0
    for index, page in enumerate(students):
        mine = set(hands[index])
        others = {card for hand in hands for card in hand} - mine
        ids = set(page.locator("[data-card]").evaluate_all("cards => cards.map(card => card.dataset.card)"))
        assert ids == mine and not ids & others
    return True


def reload_mid_game(page) -> None:
    """A reload (or a new tab) on the same device returns to the seat: same number, same cards."""
    seat, cards = seat_of(page), cards_of(page)
    page.reload()
    page.locator(".me").wait_for(timeout=WAIT_MS)
    page.wait_for_function("() => document.querySelector('.conn-open') !== null", timeout=WAIT_MS)
    assert seat_of(page) == seat
    again = cards_of(page)
    assert again == cards or len(again) == 2, (cards, again)  # the same cards unless a new year dealt new ones
    assert page.locator("#join-code").count() == 0


def check_debrief(page) -> None:
    debrief = page.locator(".debrief")
    debrief.wait_for(timeout=WAIT_MS)
    rows = debrief.locator(".standings-table tbody tr")
    assert rows.count() == len(SEATS)
    ranks = [int(text.rstrip(".")) for text in rows.locator(".rank").all_inner_texts()]
    assert ranks == sorted(ranks) and ranks[0] == 1
    for team in TEAMS:
        assert debrief.locator(".standings-table", has_text=team).count() == 1
    charts = debrief.locator("svg.chart")
    assert charts.count() == 3
    # net worth and compute: one line (or point) per firm; the money flow: one bar per year and measure
    assert debrief.locator("#chart-net-worth .series").count() == len(SEATS)
    assert debrief.locator("#chart-compute .series").count() == len(SEATS)
    assert debrief.locator("#chart-money rect").count() >= 3
    assert debrief.locator(".totals-list dd").count() == 4


def test_a_join_code_nobody_has_is_refused_with_a_readable_message(server, browser):
    page, errors = open_page(browser, PHONE, server.url)
    page.fill("#join-code", "zz")
    page.locator("#join-team").fill("Teal")
    page.locator("button[type=submit]").click()
    assert "6" in page.locator("#join-error").inner_text()  # a code has six characters: said before any message
    page.fill("#join-code", "ZZZ-ZZZ")
    page.locator("button[type=submit]").click()
    message = page.locator("#join-error")
    message.wait_for(timeout=WAIT_MS)
    assert "join code" in message.inner_text()
    assert not errors, errors


def test_a_wrong_teacher_link_says_so(server, browser):
    page, errors = open_page(browser, LAPTOP, f"{server.url}#host=not-the-token")
    message = page.locator(".closed")
    message.wait_for(timeout=WAIT_MS)
    assert "teacher link is not valid" in message.inner_text()
    assert page.locator("[data-table]").count() == 0
    assert not [error for error in errors if "WebSocket" not in error], errors


def test_the_page_loads_nothing_from_elsewhere_and_has_no_inline_code():
    """No CDN, no inline script or style: the CSP (docs/network_next.md) allows only the server's files."""
    web = ROOT / "assets" / "web"
    html = (web / "index.html").read_text(encoding="utf-8")
    assert "<script>" not in html and "style=" not in html and "<style" not in html
    for file in web.rglob("*"):
        if file.suffix in {".html", ".js", ".css"}:
            text = file.read_text(encoding="utf-8")
            assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", text), file
            assert not re.search(r"\.(inner|outer)HTML\s*=|insertAdjacentHTML|document\.write", text), file
