"""The staff portal in a real browser: Debian's Chromium, driven headless by Playwright.

Only the web app runs (the portal needs no Rasa): migrated with `python -m actions.casestore.migrate`,
a staff account made with `python -m channels.staff.cli` (what `make staff-user` runs), and a
case with a preparation and a consent that a member of another organisation must not see.
"""
from __future__ import annotations

import os
import subprocess
from datetime import date
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from actions.casestore import consents, request_store
from actions.casestore.consents import Giver, NewConsent, PartyRecord
from actions.casestore.store import CaseStore
from actions.settings import load as load_settings
from channels.staff import auth, cases
from tests.e2e.conftest import ROOT, VENV_BIN, free_port, start, stop, wait_until_up
from tests.e2e.test_browser import SCREENSHOTS, launched_chromium

pytestmark = pytest.mark.e2e
PASSWORD = "ett-långt-lösenord-42"


@pytest.fixture(scope="module")
def portal(tmp_path_factory):
    base = tmp_path_factory.mktemp("portal")
    data_dir, logs = base / "data", base / "logs"
    logs.mkdir()
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SIP_DATA_DIR": str(data_dir), "SIP_WEB_PORT": str(port),
           "SIP_RASA_URL": "http://127.0.0.1:9"}
    env.pop("SIP_DATABASE_URL", None)
    subprocess.run([str(VENV_BIN / "python"), "-m", "actions.casestore.migrate"], cwd=ROOT, env=env, check=True,
                   capture_output=True)
    for user, org in (("anna", "dalsed_hagaskolan"), ("bertil", "dalsed_forskolor")):
        made = subprocess.run([str(VENV_BIN / "python"), "-m", "channels.staff.cli", "--organisation", org,
                               "--username", user], cwd=ROOT, env={**env, "SIP_STAFF_PASSWORD": PASSWORD},
                              capture_output=True, text=True, check=True)
        assert PASSWORD not in made.stdout + made.stderr
    old = os.environ.get("SIP_DATA_DIR")
    os.environ["SIP_DATA_DIR"] = str(data_dir)
    try:
        store = CaseStore(load_settings())
    finally:
        os.environ.pop("SIP_DATA_DIR") if old is None else os.environ.__setitem__("SIP_DATA_DIR", old)
    anna = auth.PasswordLogin(store).authenticate("anna", PASSWORD)
    new = store.create_case()
    assert cases.link_case_with_code(store, anna, new.reference, new.code) == "ok"
    store.save_answer(new.reference, "works_well", "Fotbollen på tisdagar", "ung")
    store.set_preparation_completed(new.reference, True)
    # A request to Anna's organisation in another case: it opens that case to her organisation.
    requested = store.create_case().reference
    request_store.save_request(store, requested, request_store.RequestData(
        organisation_id="dalsed_hagaskolan", requester_role="vardnadshavare", child_age=11, sides="bada",
        needs="Stöd i skolan och hos BUP", contact_name="Vårdnadshavare Två", contact_phone="0701234567",
        consent="finns"))
    consents.record_consent(store, new.reference, NewConsent(
        under_adult_age=True, givers=[Giver("vardnadshavare", name="Vårdnadshavare Ett")],
        parties=[PartyRecord("Hagaskolan")], may_share="Hur det går i skolan", valid_from=date(2026, 1, 1),
        valid_to=date(2099, 1, 1), form="muntligt"))
    proc, log = start("portal-web", [str(VENV_BIN / "python"), "-m", "channels.webapp"], env, logs)
    try:
        wait_until_up(f"http://127.0.0.1:{port}/health", proc, log)
        yield f"http://127.0.0.1:{port}", new.reference, store, requested
    finally:
        stop(proc)
        store.engine.dispose()


@pytest.fixture(scope="module")
def browser(portal):
    yield from launched_chromium()


def _no_serious_violations(page, name: str | None = None) -> None:
    if SCREENSHOTS and name:  # `make screenshots` saves the portal's pages too
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENSHOTS) / f"portal-{name}.png"), full_page=True)
    results = Axe().run(page)
    serious = [v["id"] for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == [], results.generate_report()


def _log_in(page, url: str, username: str) -> None:
    page.goto(f"{url}/personal/")
    expect(page.get_by_role("heading", name="Logga in")).to_be_visible()
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()


def test_staff_log_in_open_a_case_confirm_a_consent_and_every_page_passes_axe(portal, browser):
    url, reference, store, requested = portal
    context = browser.new_context(locale="sv-SE")
    page = context.new_page()
    try:
        page.goto(f"{url}/personal/logga-in")
        assert page.locator("html").get_attribute("lang") == "sv"
        _no_serious_violations(page)
        _log_in(page, url, "anna")
        expect(page.get_by_role("heading", name="Ärenden för din organisation")).to_be_visible()
        _no_serious_violations(page, "list")

        page.get_by_role("link", name=reference).click()
        expect(page.get_by_role("heading", name=f"Ärende {reference}")).to_be_visible()
        expect(page.locator("#forberedelse")).to_contain_text("Fotbollen på tisdagar")
        _no_serious_violations(page, "case")
        page.get_by_role("button", name="Markera samtycke 1 som bekräftat").click()
        expect(page.locator("#samtycken")).to_contain_text("Gäller, bekräftat")

        page.get_by_role("link", name="Utskriftsvänlig version").click()
        expect(page.get_by_role("heading", name=f"Ärende {reference}")).to_be_visible()
        _no_serious_violations(page)
        page.emulate_media(media="print")
        assert not page.locator("header.top").is_visible()
        page.emulate_media(media="screen")

        page.get_by_role("link", name="Ärenden").click()
        page.get_by_role("link", name=requested).click()
        expect(page.locator("#begaran")).to_contain_text("Stöd i skolan och hos BUP")
        page.get_by_role("button", name="Markera begäran som hanterad").click()
        expect(page.locator("#begaran")).to_contain_text("hanterad")

        page.get_by_role("link", name="Statistik").click()
        expect(page.locator("svg[role=img]")).to_be_visible()
        _no_serious_violations(page, "statistics")

        page.get_by_role("button", name="Logga ut").click()
        expect(page.get_by_role("heading", name="Logga in")).to_be_visible()
        page.goto(f"{url}/personal/arende/{reference}")
        expect(page.get_by_role("heading", name="Logga in")).to_be_visible()
    finally:
        context.close()
    reads = [e.action for e in cases.audit_entries(store, reference)]
    assert reads.count("read_case") >= 2 and "print_case" in reads and "confirm_consent" in reads
    assert "handle_request" in [e.action for e in cases.audit_entries(store, requested)]


def test_another_organisations_staff_gets_no_access_to_the_case(portal, browser):
    url, reference, _, requested = portal
    context = browser.new_context(locale="sv-SE")
    page = context.new_page()
    try:
        _log_in(page, url, "bertil")
        expect(page.get_by_text("Det finns inga ärenden för din organisation just nu.")).to_be_visible()
        for other in (reference, requested):
            assert page.goto(f"{url}/personal/arende/{other}").status == 403
        response = page.goto(f"{url}/personal/arende/{reference}")
        assert response.status == 403
        expect(page.get_by_role("heading", name="Du har inte behörighet till ärendet")).to_be_visible()
        expect(page.locator("main")).not_to_contain_text("Fotbollen")
        _no_serious_violations(page)
    finally:
        context.close()
