"""The printable preparation document in the web app: behind reference and code, escaped, printable."""
from __future__ import annotations

import pytest
from aiohttp.test_utils import TestClient, TestServer

from actions.casestore.store import CodeCheck
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
