"""The chat page in a real browser: Debian's Chromium, driven headless by Playwright."""
import json
import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect, sync_playwright

pytestmark = pytest.mark.e2e

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Flags as checked on these machines: no sandbox as root, and no background connections
# to hosts the closed network would refuse.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


# `make screenshots` sets this to save pictures of the widget for the docs.
SCREENSHOTS = os.environ.get("SIP_SCREENSHOTS_DIR")


def launched_chromium():
    """Debian's Chromium, headless, for one test module."""
    if not os.path.exists(CHROMIUM):
        pytest.fail("Chromium is missing: run deploy/install-system-packages.sh")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def browser(stack):
    yield from launched_chromium()


@pytest.fixture
def page(browser):
    """A fresh browser context per test: its own sessionStorage, so its own conversation."""
    context = browser.new_context(locale="sv-SE")
    yield context.new_page()
    context.close()


def greeted(page, url):
    page.goto(url)
    expect(page.locator(".sip-log")).to_contain_text("chattbot", timeout=30000)
    return page.locator(".sip-log")


def ask(page, text):
    page.get_by_label("Skriv ditt meddelande").fill(text)
    page.get_by_label("Skriv ditt meddelande").press("Enter")


def user_events(stack, sender: str, text: str) -> int:
    with sqlite3.connect(stack.tracker_db) as db:
        rows = db.execute("select data from events where sender_id = ? and type_name = 'user'", (sender,)).fetchall()
    return sum(1 for (data,) in rows if json.loads(data).get("text") == text)


def test_chat_page_greets_and_answers_a_button_and_a_typed_question(stack, page):
    page.goto(stack.web_url)
    assert page.locator("html").get_attribute("lang") == "sv"
    log = page.locator(".sip-log")
    expect(log).to_contain_text("chattbot", timeout=30000)

    page.get_by_role("button", name="Jag jobbar med SIP").click()
    expect(log).to_contain_text("Välj ett ämne", timeout=30000)

    page.get_by_label("Skriv ditt meddelande").fill("vad är sip")
    page.get_by_role("button", name="Skicka").click()
    expect(log).to_contain_text("Källa:", timeout=30000)


def test_script_typed_into_the_chat_is_shown_as_text(stack, page):
    page.goto(stack.web_url)
    expect(page.locator(".sip-log")).to_contain_text("chattbot", timeout=30000)
    page.get_by_label("Skriv ditt meddelande").fill("<img src=x onerror=window.pwned=1>")
    page.get_by_role("button", name="Skicka").click()
    expect(page.locator(".sip-msg--user").last).to_have_text("<img src=x onerror=window.pwned=1>")
    assert page.evaluate("window.pwned") is None


def test_help_now_is_always_visible_and_gives_the_crisis_help(stack, page):
    page.goto(stack.web_url)
    expect(page.locator(".sip-log")).to_contain_text("chattbot", timeout=30000)
    page.get_by_role("button", name="Behöver du hjälp nu?").click()
    expect(page.locator(".sip-log")).to_contain_text("116 111", timeout=30000)


def test_the_conversation_survives_a_reload(stack, page):
    log = greeted(page, stack.web_url)
    ask(page, "vad är en väg in")
    expect(log).to_contain_text("Källa:", timeout=30000)
    page.reload()
    expect(log).to_contain_text("vad är en väg in")
    expect(log).to_contain_text("Källa:")
    # Restored, not greeted a second time.
    page.wait_for_timeout(1000)
    assert page.locator(".sip-msg--bot", has_text="chattbot").count() == 1


def test_links_in_answers_open_safely_in_a_new_tab(stack, page):
    log = greeted(page, stack.web_url)
    ask(page, "vad är en väg in")
    link = log.locator("a[href^='https://www.1177.se/']").first
    expect(link).to_be_visible(timeout=30000)
    assert link.get_attribute("target") == "_blank"
    assert set(link.get_attribute("rel").split()) >= {"noopener", "noreferrer"}


def test_the_first_message_links_to_the_privacy_notice(stack, page):
    log = greeted(page, stack.web_url)
    link = log.locator("a", has_text="/integritet").first
    expect(link).to_be_visible(timeout=30000)
    with page.context.expect_page(timeout=30000) as opened:
        link.click()
    notice = opened.value
    notice.wait_for_load_state()
    assert notice.url == f"{stack.web_url}/integritet"
    expect(notice.locator("h1")).to_be_visible()


def test_a_message_written_offline_is_sent_once_the_network_is_back(stack, page):
    log = greeted(page, stack.web_url)
    page.context.set_offline(True)
    ask(page, "vem kan få en sip")
    expect(page.locator(".sip-status")).to_contain_text("Ingen kontakt", timeout=10000)
    page.context.set_offline(False)
    expect(log).to_contain_text("20", timeout=40000)
    assert page.locator(".sip-msg--user", has_text="vem kan få en sip").count() == 1


def test_a_resent_message_whose_answer_was_lost_reaches_the_bot_once(stack, page):
    log = greeted(page, stack.web_url)
    sender = page.evaluate("sessionStorage.getItem('sip-guiden-sender')")
    dropped = []

    def lose_first_answer(route):
        if not dropped:
            route.fetch()  # the bot gets the message ...
            dropped.append(True)
            route.abort()  # ... but the answer never arrives
        else:
            route.continue_()

    page.route("**/api/chat", lose_first_answer)
    ask(page, "hur länge gäller ett samtycke")
    expect(log).to_contain_text("1 år", timeout=40000)
    assert dropped
    assert user_events(stack, sender, "hur länge gäller ett samtycke") == 1
    assert page.locator(".sip-msg--bot", has_text="1 år").count() == 1


def test_buttons_work_by_keyboard_and_focus_returns_to_the_input(stack, page):
    greeted(page, stack.web_url)
    button = page.get_by_role("button", name="Jag jobbar med SIP")
    button.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".sip-log")).to_contain_text("Välj ett ämne", timeout=30000)
    assert page.evaluate("document.activeElement.id") == "sip-input"


@pytest.mark.parametrize("width, height, name", [(320, 640, "phone"), (1280, 800, "desktop")])
def test_no_serious_accessibility_violations_and_no_sideways_scrolling(stack, browser, width, height, name):
    context = browser.new_context(locale="sv-SE", viewport={"width": width, "height": height})
    page = context.new_page()
    try:
        greeted(page, stack.web_url)
        page.get_by_role("button", name="Förbereda mig inför SIP-mötet").wait_for()
        results = Axe().run(page)
        serious = [v["id"] for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
        assert serious == [], results.generate_report()
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        if SCREENSHOTS:
            Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(Path(SCREENSHOTS) / f"widget-{name}.png"))
    finally:
        context.close()


def _serious(page) -> list:
    results = Axe().run(page)
    return [v["id"] for v in results.response["violations"] if v["impact"] in ("serious", "critical")]


def test_the_persons_own_pages_pass_axe_at_phone_width(stack, browser, store):
    """/integritet, /mina-uppgifter and the printable preparation (form and document) on a phone."""
    case = store.create_case()
    store.save_answer(case.reference, "important_to_me", "Att må bra och vilja gå till skolan igen", "ung")
    context = browser.new_context(locale="sv-SE", viewport={"width": 320, "height": 640})
    page = context.new_page()
    try:
        for path in ("/integritet", "/mina-uppgifter", "/forberedelse"):
            assert page.goto(f"{stack.web_url}{path}").status == 200, path
            assert page.locator("html").get_attribute("lang") == "sv", path
            assert _serious(page) == [], path
            assert page.evaluate("document.documentElement.scrollWidth") <= 320, path
        page.get_by_label("Referensnummer").fill(case.reference)
        page.get_by_label("Kod").fill(case.code)
        page.get_by_role("button", name="Visa min förberedelse").click()
        expect(page.locator("body")).to_contain_text("Att må bra och vilja gå till skolan igen", timeout=30000)
        assert _serious(page) == []
        assert page.get_by_role("button", name="Skriv ut").is_visible()
    finally:
        context.close()
