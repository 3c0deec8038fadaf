"""SIP requests in the staff portal: an organisation sees the cases of requests addressed to it,
and only its own requests in them."""
from __future__ import annotations

from datetime import datetime, timezone

from actions.casestore import request_store
from channels.staff import auth, cases, statistics
from tests.unit.staff_helpers import OTHER_ORG, OWN_ORG, PASSWORD


def _request(organisation_id: str, needs: str) -> request_store.RequestData:
    return request_store.RequestData(organisation_id=organisation_id, requester_role="vardnadshavare", child_age=12,
                                     sides="bada", needs=needs, contact_name="Vh Ett", contact_phone="0701234567",
                                     consent="finns")


def test_a_request_opens_its_case_to_the_addressed_organisation_only(backend):
    store = backend.open_store()
    own = auth.create_account(store, OWN_ORG, "anna", PASSWORD)
    other = auth.create_account(store, OTHER_ORG, "bertil", PASSWORD)
    third = auth.create_account(store, "dalsed_barnhalsoteam", "cecilia", PASSWORD)
    reference = store.create_case().reference
    store.save_answer(reference, "works_well", "Fotbollen", "ung")
    mine = request_store.save_request(store, reference, _request(OWN_ORG, "Stöd i skolan"))
    request_store.save_request(store, reference, _request(OTHER_ORG, "Stöd på förskolan"))

    [listed] = cases.list_cases(store, own)
    assert listed.reference == reference and listed.status[0] == "SIP-begäran: ny"
    assert cases.list_cases(store, third) == [] and cases.read_case(store, third, reference) is None
    page = cases.read_case(store, own, reference)
    assert [s.key for s in page.sections] == ["begaran", "forberedelse", "samtycken"]
    [request] = page.sections[0].data["requests"]
    assert request["needs"] == "Stöd i skolan"  # never the other organisation's request
    assert page.sections[1].data["answers"][0]["answer"] == "Fotbollen"

    assert not cases.mark_request_handled(store, other, reference, mine)
    assert cases.mark_request_handled(store, own, reference, mine)
    assert not cases.mark_request_handled(store, own, reference, mine)
    assert cases.list_cases(store, own)[0].status[0] == "SIP-begäran: hanterad"
    assert cases.list_cases(store, other)[0].status[0] == "SIP-begäran: ny"
    assert "handle_request" in [e.action for e in cases.audit_entries(store, reference)]


def test_requests_are_counted_per_addressed_organisation_and_month(backend):
    store = backend.open_store()
    own = auth.create_account(store, OWN_ORG, "anna", PASSWORD)
    follow_up = auth.create_account(store, OTHER_ORG, "cecilia", PASSWORD, role="uppfoljning")
    for org in (OWN_ORG, OWN_ORG, OTHER_ORG):
        request_store.save_request(store, store.create_case().reference, _request(org, "Behov"))
    month = datetime.now(timezone.utc).strftime("%Y-%m")
    assert statistics.figures(store, own).counts == {(OWN_ORG, month, "SIP-begäranden"): 2}
    every = statistics.figures(store, follow_up).counts
    assert every[(OWN_ORG, month, "SIP-begäranden")] == 2 and every[(OTHER_ORG, month, "SIP-begäranden")] == 1
