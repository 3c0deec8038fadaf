"""The portal over HTTP on a real store: every staff endpoint refuses without login (401) and
refuses another organisation's case (403); CSRF, throttling, cookies and escaping."""
from __future__ import annotations

from datetime import date

import pytest
from aiohttp.test_utils import TestClient, TestServer

from actions.casestore import consents, migrate
from actions.casestore.consents import Giver, NewConsent, PartyRecord
from channels.staff import auth, cases
from channels.staff.portal import STAFF_ROUTES
from tests.unit.conftest import Backend, _sqlite_reader
from tests.unit.staff_helpers import (OTHER_ORG, OWN_ORG, PASSWORD, csrf_in, linked_case, log_in, portal_app,
                                      staff_settings)


@pytest.fixture
def sqlite_backend(tmp_path):
    """SQLite only: the HTTP layer is the same on every database; the store tests cover PostgreSQL."""
    path = tmp_path / "db" / "casestore.sqlite3"
    migrate.upgrade(f"sqlite:///{path}")
    backend = Backend("sqlite", f"sqlite:///{path}", tmp_path, _sqlite_reader(path), [])
    yield backend
    for store in backend._opened:
        store.engine.dispose()


@pytest.fixture
async def portal(sqlite_backend, tmp_path):
    store = sqlite_backend.open_store()
    own = auth.create_account(store, OWN_ORG, "anna", PASSWORD)
    auth.create_account(store, OTHER_ORG, "bertil", PASSWORD)
    reference = linked_case(store, own)
    store.save_answer(reference, "vad_fungerar_bra", "<script>window.pwned=1</script>", "ung")
    store.set_preparation_completed(reference, True)
    consents.record_consent(store, reference, NewConsent(
        under_adult_age=True, givers=[Giver("vardnadshavare", name="Vh Ett")], parties=[PartyRecord("Hagaskolan")],
        may_share="Skolan", valid_from=date(2026, 1, 1), valid_to=date(2099, 1, 1), form="muntligt"))
    client = TestClient(TestServer(portal_app(store, staff_settings(tmp_path))))
    await client.start_server()
    client.store, client.reference = store, reference
    yield client
    await client.close()


def _paths(reference: str, case_routes_only: bool = False):
    for method, path in STAFF_ROUTES:
        if case_routes_only and "{reference}" not in path:
            continue
        yield method, path.replace("{reference}", reference).replace("{number}", "1").replace("{request_id}", "1")


async def test_every_staff_endpoint_needs_a_login(portal):
    for method, path in _paths(portal.reference):
        response = await portal.request(method, path, allow_redirects=False)
        assert response.status == 401, (method, path)
        body = await response.text()
        if "/api/" in path:
            assert (await response.json())["error"]
        else:
            assert 'name="password"' in body and "pwned" not in body and "Vh Ett" not in body


async def test_every_case_endpoint_refuses_another_organisations_case(portal):
    response = await log_in(portal, "bertil")
    assert response.status == 303
    csrf = csrf_in(await (await portal.get("/personal/")).text())
    for method, path in _paths(portal.reference, case_routes_only=True):
        response = await portal.request(method, path, data={"csrf": csrf} if method == "POST" else None,
                                        allow_redirects=False)
        assert response.status == 403, (method, path)
        assert "Skolan" not in await response.text()
    assert [c.confirmed_at for c in consents.consents(portal.store, portal.reference)] == [None]


async def test_own_case_is_shown_escaped_and_its_read_is_audited(portal):
    assert (await log_in(portal, "anna")).status == 303
    listing = await portal.get("/personal/")
    assert portal.reference in await listing.text()
    page = await portal.get(f"/personal/arende/{portal.reference}")
    body = await page.text()
    assert page.status == 200 and 'lang="sv"' in body
    assert "&lt;script&gt;window.pwned=1&lt;/script&gt;" in body and "<script>window" not in body
    printed = await portal.get(f"/personal/arende/{portal.reference}/utskrift")
    assert printed.status == 200 and "Bekräfta" not in await printed.text()
    api = await portal.get(f"/personal/api/arenden/{portal.reference}")
    assert [s["key"] for s in (await api.json())["sections"]][-2:] == ["forberedelse", "samtycken"]
    actions = [e.action for e in cases.audit_entries(portal.store, portal.reference)]
    assert actions == ["link_case", "read_case", "print_case", "read_case"]


async def test_a_post_without_the_sessions_csrf_token_changes_nothing(portal):
    await log_in(portal, "anna")
    path = f"/personal/arende/{portal.reference}/samtycke/1/bekrafta"
    for data in ({}, {"csrf": "gissat"}):
        assert (await portal.post(path, data=data, allow_redirects=False)).status == 403
    assert consents.consents(portal.store, portal.reference)[0].confirmed_at is None
    csrf = csrf_in(await (await portal.get(f"/personal/arende/{portal.reference}")).text())
    response = await portal.post(path, data={"csrf": csrf}, allow_redirects=False)
    assert response.status == 303
    assert consents.consents(portal.store, portal.reference)[0].confirmed_at is not None


async def test_login_needs_the_login_forms_csrf_token(portal):
    response = await portal.post("/personal/logga-in", data={"username": "anna", "password": PASSWORD},
                                 allow_redirects=False)
    assert response.status == 403 and auth.COOKIE not in response.cookies


async def test_failed_logins_are_throttled_even_with_the_right_password_afterwards(portal):
    for _ in range(3):
        assert (await log_in(portal, "anna", "fel-lösenord-123")).status == 401
    response = await log_in(portal, "anna")
    assert response.status == 429 and auth.COOKIE not in response.cookies


async def test_logout_ends_the_session_even_for_a_copied_cookie(portal):
    response = await log_in(portal, "anna")
    cookie = response.cookies[auth.COOKIE].value
    csrf = csrf_in(await (await portal.get("/personal/")).text())
    assert (await portal.post("/personal/logga-ut", data={"csrf": csrf}, allow_redirects=False)).status == 303
    replay = await portal.get("/personal/api/arenden", cookies={auth.COOKIE: cookie})
    assert replay.status == 401


async def test_the_session_cookie_is_httponly_strict_and_secure_when_configured(sqlite_backend, tmp_path):
    store = sqlite_backend.open_store()
    auth.create_account(store, OWN_ORG, "anna", PASSWORD)
    async with TestClient(TestServer(portal_app(store, staff_settings(tmp_path, cookie_secure=True)))) as client:
        form = await client.get("/personal/logga-in")
        response = await client.post("/personal/logga-in", allow_redirects=False, data={
            "username": "anna", "password": PASSWORD, "csrf": csrf_in(await form.text()),
            "next": "https://elak.example/"}, cookies={"sip_staff_login": form.cookies["sip_staff_login"].value})
        assert response.status == 303 and response.headers["Location"] == "/personal/"
        morsel = response.cookies[auth.COOKIE]
        assert morsel["httponly"] and morsel["secure"] and morsel["samesite"] == "Strict"
        assert morsel["path"] == "/personal/"


async def test_a_case_opened_with_reference_and_code_appears_in_the_list(portal):
    await log_in(portal, "bertil")
    new = portal.store.create_case()
    csrf = csrf_in(await (await portal.get("/personal/")).text())
    wrong = await portal.post("/personal/oppna", data={"csrf": csrf, "reference": new.reference, "code": "fel"})
    assert wrong.status == 400 and "stämmer inte" in await wrong.text()
    response = await portal.post("/personal/oppna", data={"csrf": csrf, "reference": new.reference.lower(),
                                                          "code": new.code}, allow_redirects=False)
    assert response.status == 303 and response.headers["Location"] == f"/personal/arende/{new.reference}"
    listed = await (await portal.get("/personal/api/arenden")).json()
    assert [c["reference"] for c in listed["cases"]] == [new.reference]


async def test_statistics_page_has_a_chart_and_a_table(portal):
    await log_in(portal, "anna")
    response = await portal.get("/personal/statistik")
    body = await response.text()
    assert response.status == 200 and "<svg" in body and "<table" in body and "Förberedelser" in body


async def test_a_request_is_marked_handled_from_the_case_page(portal):
    from actions.casestore import request_store
    request_id = request_store.save_request(portal.store, portal.reference, request_store.RequestData(
        organisation_id=OWN_ORG, requester_role="ung", child_age=17, sides="kommun", needs="<b>Stöd</b>",
        contact_name=None, contact_phone=None, consent="saknas"))
    await log_in(portal, "anna")
    page = await (await portal.get(f"/personal/arende/{portal.reference}")).text()
    assert "&lt;b&gt;Stöd&lt;/b&gt;" in page
    path = f"/personal/arende/{portal.reference}/begaran/{request_id}/hanterad"
    assert (await portal.post(path, data={"csrf": "fel"}, allow_redirects=False)).status == 403
    response = await portal.post(path, data={"csrf": csrf_in(page)}, allow_redirects=False)
    assert response.status == 303
    assert request_store.requests_for(portal.store, portal.reference)[0]["status"] == "handled"


async def test_after_login_the_browser_returns_to_the_page_it_asked_for_but_never_off_site(portal):
    asked = await portal.get(f"/personal/arende/{portal.reference}")
    assert asked.status == 401 and f'value="/personal/arende/{portal.reference}"' in await asked.text()
    assert "default-src 'none'" in asked.headers["Content-Security-Policy"]
    token = csrf_in(await asked.text())
    failed = await portal.post("/personal/logga-in", data={"username": "anna", "password": "fel-men-langt-1",
                                                           "csrf": token, "next": f"/personal/arende/{portal.reference}"})
    assert f'value="/personal/arende/{portal.reference}"' in await failed.text()
    for target, expected in ((f"/personal/arende/{portal.reference}", f"/personal/arende/{portal.reference}"),
                             ("//elak.example/personal/", "/personal/"), ("https://elak.example/", "/personal/")):
        form = await portal.get("/personal/logga-in")
        response = await portal.post("/personal/logga-in", allow_redirects=False, data={
            "username": "anna", "password": PASSWORD, "csrf": csrf_in(await form.text()), "next": target})
        assert response.headers["Location"] == expected
        portal.session.cookie_jar.clear()


async def test_injection_and_oversized_references_are_refused_and_shown_nowhere(portal):
    await log_in(portal, "anna")
    for reference in ("' OR '1'='1", "x' UNION SELECT code_hash FROM cases --", "A" * 5000, "<script>x</script>"):
        response = await portal.get(f"/personal/arende/{reference}")
        body = await response.text()
        assert response.status in (403, 404) and "pwned" not in body and "<script>x" not in body
        api = await portal.get(f"/personal/api/arenden/{reference}")
        assert api.status in (403, 404)
    csrf = csrf_in(await (await portal.get("/personal/")).text())
    opened = await portal.post("/personal/oppna", data={"csrf": csrf, "reference": "' OR 1=1 --", "code": "x" * 10000})
    assert opened.status == 400
    assert [c["reference"] for c in (await (await portal.get("/personal/api/arenden")).json())["cases"]] == [
        portal.reference]


async def test_the_web_app_serves_the_portal_behind_its_security_headers(sqlite_backend, tmp_path, monkeypatch):
    from channels.webapp import create_app

    monkeypatch.setenv("SIP_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("SIP_DATABASE_URL", sqlite_backend.url)
    async with TestClient(TestServer(create_app("http://127.0.0.1:9"))) as client:
        for method, path in _paths("ABCD-EFGH"):
            response = await client.request(method, path, allow_redirects=False)
            assert response.status == 401, (method, path)
            assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
        login = await client.get("/personal/logga-in")
        assert login.status == 200 and "Logga in" in await login.text()
        assert (await client.get("/personal/static/portal.css")).status == 200


async def test_the_case_page_shows_the_sip_form_fields_of_a_request_to_the_organisation(portal):
    from actions.casestore import request_store
    request_store.save_request(portal.store, portal.reference, request_store.RequestData(
        organisation_id=OWN_ORG, requester_role="vardnadshavare", child_age=14, sides="bada", needs="Stöd",
        contact_name="Anna", contact_phone="0701234567", consent="finns", contact_preference="sms",
        kind="uppfoljning", noticed_by="regional_hs", child_name="Elsa <i>Andersson</i>",
        child_personnummer="20100101-2382", contact_time="efter <b>kl 16</b>"))
    await log_in(portal, "anna")
    page = await (await portal.get(f"/personal/arende/{portal.reference}")).text()
    assert "Uppföljning av en SIP ni redan har" in page
    assert "Passar bäst att ringa</dt><dd>efter &lt;b&gt;kl 16&lt;/b&gt;</dd>" in page
    assert "Regional hälso- och sjukvård" in page
    assert "Elsa &lt;i&gt;Andersson&lt;/i&gt;" in page  # escaped like every answer
    assert "20100101-2382" in page  # the organisation needs it to find the right person
    assert "kontaktad via SMS" in page


async def test_the_case_page_says_a_familjehem_wrote_the_childs_answers_down(portal):
    # Saved as the young person's own, it said "svar av den unga" and hid that a familjehem wrote them.
    portal.store.save_answer(portal.reference, "hard_now", "Matte", "familjehem_med_barnet")
    await log_in(portal, "anna")
    body = await (await portal.get(f"/personal/arende/{portal.reference}")).text()
    assert "Matte <span class=\"meta\">(svar av den unga tillsammans med familjehemmet," in body
    assert "(svar av den unga," in body  # the young person's own answer in the fixture keeps its label
