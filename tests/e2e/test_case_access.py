"""Opening a case again in a new conversation, with the real bot and case store."""
import uuid

import pytest

from actions import settings
from actions.casestore.store import CaseStore
from tests.e2e.conftest import buttons, texts

pytestmark = pytest.mark.e2e


def sender() -> str:
    return f"test-{uuid.uuid4().hex[:12]}"


@pytest.fixture
def store(stack, monkeypatch) -> CaseStore:
    monkeypatch.setenv("SIP_DATA_DIR", str(stack.data_dir))
    return CaseStore(settings.load())


def test_reference_then_code_opens_the_case(stack, store):
    new = store.create_case()
    store.save_answer(new.reference, "important_to_me", "Att få sova", answered_by="ung")
    who = sender()
    assert "referensnummer" in texts(stack.rest(who, "jag vill fortsätta"))
    assert "kod" in texts(stack.rest(who, new.reference.lower())).lower()
    reply = stack.rest(who, new.code)
    assert f"ditt ärende {new.reference}" in texts(reply)
    assert "svarat på 1 frågor" in texts(reply)
    assert "Radera mina uppgifter" in buttons(reply)


def test_a_wrong_code_is_refused_and_nothing_is_shown(stack, store):
    new = store.create_case()
    wrong = "AAAAAA" if new.code != "AAAAAA" else "CCCCCC"
    who = sender()
    stack.rest(who, "jag har en kod")
    stack.rest(who, new.reference)
    text = texts(stack.rest(who, wrong))
    assert "stämmer inte" in text
    assert new.reference not in text
    # The person can try again, starting with the reference.
    stack.rest(who, new.reference)
    assert f"ditt ärende {new.reference}" in texts(stack.rest(who, new.code))


def test_stopping_leaves_the_case_closed(stack, store):
    who = sender()
    stack.rest(who, "jag vill fortsätta")
    assert "slutar" in texts(stack.rest(who, "avbryt"))
    assert "ärende" not in texts(stack.rest(who, "hej"))
