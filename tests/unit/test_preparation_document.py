"""The printable preparation document in the web app: behind reference and code, escaped, printable."""
from __future__ import annotations

import pytest
from aiohttp.test_utils import TestClient, TestServer

from actions.casestore.store import CodeCheck, StoredAnswer
from channels import preparation_document
from channels.webapp import create_app


@pytest.fixture
def store(backend):
    return backend.open_store()


@pytest.fixture
async def client(store):
    app = create_app("http://127.0.0.1:9")
    app[preparation_document.STORE] = store  # the test's migrated database instead of the default one
    async with TestClient(TestServer(app)) as test_client:
        yield test_client


def _wrong(code: str) -> str:
    return "AAAAAA" if code != "AAAAAA" else "CCCCCC"


async def _post(client, data):
    resp = await client.post(preparation_document.PATH, data=data)
    return resp.status, await resp.text(), resp


async def test_the_form_asks_for_reference_and_code(client):
    resp = await client.get(preparation_document.PATH)
    text = await resp.text()
    assert resp.status == 200
    assert 'name="reference"' in text and 'name="code"' in text and 'method="post"' in text


async def test_the_document_shows_the_answers_in_the_sip_form_structure(client, store):
    new = store.create_case()
    store.save_answer(new.reference, "important_to_me", "Att må bra och vilja gå till skolan igen", "ung")
    store.save_answer(new.reference, "hard_now", None, "ung")
    status, text, resp = await _post(client, {"reference": new.reference.lower(), "code": new.code})
    assert status == 200
    assert resp.headers["Cache-Control"] == "no-store"
    assert "Att må bra och vilja gå till skolan igen" in text
    headings = ["Vad är viktigt för dig?", "Nuläge", "Behov", "Vilka deltar", "Hur jag vill vara med",
                "Frågeställningar", "Praktiskt"]
    positions = [text.index(f"<h2>{h}</h2>") for h in headings]
    assert positions == sorted(positions)
    assert "Hoppade över" in text and "Inte besvarat ännu" in text
    assert "Utkast" in text and "@media print" in text
    assert "Ifyllt av: den unga" in text


async def test_the_document_names_the_organisations(client, store):
    new = store.create_case()
    store.save_answer(new.reference, "who_helps", "kuratorn o bupen", "ung", organisations="elevhalsa,bup")
    _, text, _ = await _post(client, {"reference": new.reference, "code": new.code})
    assert "Verksamheter: Elevhälsan, BUP (barn- och ungdomspsykiatrin)" in text


async def test_a_confirmed_preparation_shows_its_date(client, store):
    new = store.create_case()
    store.set_preparation_completed(new.reference, True)
    _, text, _ = await _post(client, {"reference": new.reference, "code": new.code})
    assert "Klar: " in text and "Utkast" not in text


async def test_answers_are_html_escaped(client, store):
    new = store.create_case()
    store.save_answer(new.reference, "questions", '<script>alert("x")</script>', "ung")
    _, text, _ = await _post(client, {"reference": new.reference, "code": new.code})
    assert "<script>" not in text
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in text


async def test_a_wrong_code_is_refused_and_counts_toward_the_lockout(client, store, backend):
    new = store.create_case()
    store.save_answer(new.reference, "important_to_me", "Hemligt svar", "ung")
    status, text, _ = await _post(client, {"reference": new.reference, "code": _wrong(new.code)})
    assert status == 403
    assert "stämmer inte" in text and "Hemligt svar" not in text
    assert backend.raw("SELECT failed_attempts FROM cases") == [(1,)]


async def test_too_many_wrong_codes_lock_the_case(client, store):
    new = store.create_case()
    for _ in range(store.settings.code_attempts - 1):
        await _post(client, {"reference": new.reference, "code": _wrong(new.code)})
    status, text, _ = await _post(client, {"reference": new.reference, "code": _wrong(new.code)})
    assert status == 429 and "För många försök" in text
    status, _, _ = await _post(client, {"reference": new.reference, "code": new.code})
    assert status == 429
    assert store.check_code(new.reference, new.code) == CodeCheck.LOCKED


async def test_an_unknown_reference_looks_like_a_wrong_code(client):
    status, text, _ = await _post(client, {"reference": "ACDE-FH34", "code": "KX7M3P"})
    assert status == 403 and "stämmer inte" in text


@pytest.mark.parametrize("body", [b"", b"reference=&code=", b"\xff\xfe\x00binary", b"reference=" + b"A" * 10000,
                                  b"reference=<b>x</b>&code=<i>"])
async def test_bad_input_gets_a_clear_swedish_message(client, body):
    resp = await client.post(preparation_document.PATH, data=body,
                             headers={"Content-Type": "application/x-www-form-urlencoded"})
    text = await resp.text()
    assert resp.status in (400, 403)
    assert "Det gick inte att läsa" in text or "stämmer inte" in text
    assert "<b>x</b>" not in text


async def test_the_document_ends_with_the_request_summary_and_the_consents(client, store):
    from datetime import date, timedelta

    from actions.casestore import consents, request_store
    from actions.casestore.consents import Giver, NewConsent, PartyRecord

    new = store.create_case()
    store.save_answer(new.reference, "important_to_me", "Att orka skolan", "ung")
    request_store.save_request(store, new.reference, request_store.RequestData(
        organisation_id="bup", requester_role="ung", child_age=16, sides="bada", needs="Stöd <b>nu</b>",
        contact_name="Kim", contact_phone="0701234567", consent="finns"))
    today = date.today()
    consents.record_consent(store, new.reference, NewConsent(
        under_adult_age=True, givers=[Giver("ung")], parties=[PartyRecord("BUP"), PartyRecord("Hagaskolan")],
        may_share="skolsituationen", valid_from=today, valid_to=today + timedelta(days=300), form="skriftligt"))
    status, text, _ = await _post(client, {"reference": new.reference, "code": new.code})
    assert status == 200
    requests_at, consents_at = text.index("<h2>Min begäran om SIP</h2>"), text.index("<h2>Mina samtycken</h2>")
    assert text.index("Att orka skolan") < requests_at < consents_at < text.index("<footer>")
    assert "Till Barn- och ungdomspsykiatrin (BUP), " in text and "Inkommen" in text
    assert "Stöd &lt;b&gt;nu&lt;/b&gt;" in text and "0701234567" not in text
    assert "Samtycke 1: BUP, Hagaskolan." in text


async def test_the_document_shows_kind_noticed_by_and_the_child_with_the_personnummer_masked(client, store):
    from actions.casestore import request_store

    new = store.create_case()
    request_store.save_request(store, new.reference, request_store.RequestData(
        organisation_id="bup", requester_role="vardnadshavare", child_age=16, sides="bada", needs=None,
        contact_name="Kim", contact_phone=None, consent="finns", kind="uppfoljning", noticed_by="skola",
        child_name="Elsa Andersson", child_personnummer="20100101-2382"))
    status, text, _ = await _post(client, {"reference": new.reference, "code": new.code})
    assert status == 200
    assert "Gäller: uppföljning av en SIP ni redan har" in text and "Behovet märktes först av: skola" in text
    assert "Planen gäller: Elsa Andersson" in text
    # A printout lies around: the date of birth only.
    assert "Personnummer: 20100101-****" in text and "20100101-2382" not in text


async def test_a_document_without_requests_or_consents_has_no_such_sections(client, store):
    new = store.create_case()
    _, text, _ = await _post(client, {"reference": new.reference, "code": new.code})
    assert "Min begäran om SIP" not in text and "Mina samtycken" not in text


async def test_the_print_button_works_under_the_pages_policy(client, store):
    new = store.create_case()
    _, text, resp = await _post(client, {"reference": new.reference, "code": new.code})
    assert "onclick" not in text and '<script src="/static/print.js"' in text
    assert "script-src 'self'" in resp.headers["Content-Security-Policy"]
    script = await client.get("/static/print.js")
    assert script.status == 200 and "window.print()" in await script.text()


async def test_the_school_wishes_are_their_own_escaped_section_at_the_end(client, store):
    from actions import preparation_flow as flow

    items = flow.school()["items"]
    new = store.create_case()
    store.save_answer(new.reference, "hard_now", "Skolan", "ung")
    store.save_answer(new.reference, flow.SCHOOL_WISHES, f"{items[0]}\n{items[3]}\nMer tid <b>på</b> prov", "ung")
    _, text, _ = await _post(client, {"reference": new.reference, "code": new.code})
    school_at = text.index("<h2>Så här vill jag ha det i skolan</h2>")
    assert text.index("<h2>Praktiskt</h2>") < school_at < text.index("<footer>")
    assert "<h3>Redovisa kunskaper</h3>" in text[school_at:]
    assert f'<p class="answer">{items[0]}\n{items[3]}\nMer tid &lt;b&gt;på&lt;/b&gt; prov</p>' in text
    assert "<b>på</b>" not in text


async def test_a_declined_school_module_has_no_section(client, store):
    from actions import preparation_flow as flow

    new = store.create_case()
    store.save_answer(new.reference, "hard_now", "Skolan", "ung")
    store.save_answer(new.reference, flow.SCHOOL_WISHES, None, "ung")
    _, text, _ = await _post(client, {"reference": new.reference, "code": new.code})
    assert "Så här vill jag ha det i skolan" not in text


def test_a_document_filled_in_by_a_guardian_is_titled_about_the_child():
    from channels.preparation_document import render_document

    def page(by: str) -> str:
        return render_document("ACDE-FH34", {"can_do_myself": StoredAnswer("Klä på sig", by, 1)}, None)

    assert "Det här kan barnet själv" in page("vardnadshavare_for_barnet")
    assert "Det här kan jag själv" in page("ung") and "Det här kan barnet själv" not in page("ung")
