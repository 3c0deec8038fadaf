"""The chat page in a real browser: Debian's Chromium, driven headless by Playwright."""
import os
import shutil

import pytest
from playwright.sync_api import expect, sync_playwright

pytestmark = pytest.mark.e2e

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Flags as checked on these machines: no sandbox as root, and no background connections
# to hosts the closed network would refuse.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def page(stack):
    if not os.path.exists(CHROMIUM):
        pytest.fail("Chromium is missing: run deploy/install-system-packages.sh")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        page = browser.new_page(locale="sv-SE")
        yield page
        browser.close()


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
