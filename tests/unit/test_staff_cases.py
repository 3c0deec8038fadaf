"""What a staff account may see: scoping by organisation and the audit log, on a real database."""
from __future__ import annotations

from datetime import date, datetime, timezone

from actions.casestore import consents
from actions.casestore.consents import Giver, NewConsent, PartyRecord
from channels.staff import auth, cases, statistics
from tests.unit.staff_helpers import OTHER_ORG, OWN_ORG, PASSWORD, linked_case


def _consent(valid_to: date = date(2099, 1, 1)) -> NewConsent:
    return NewConsent(under_adult_age=True, givers=[Giver("vardnadshavare", name="Vårdnadshavare Ett")],
                      parties=[PartyRecord("Hagaskolan", "skola")], may_share="Hur det går i skolan",
                      valid_from=date(2026, 1, 1), valid_to=valid_to, form="muntligt")


def _accounts(store):
    own = auth.create_account(store, OWN_ORG, "anna", PASSWORD)
    other = auth.create_account(store, OTHER_ORG, "bertil", PASSWORD)
    return own, other


def test_a_case_is_visible_only_to_the_organisation_it_was_opened_to(backend):
    store = backend.open_store()
    own, other = _accounts(store)
    reference = linked_case(store, own)
    store.save_answer(reference, "vad_fungerar_bra", "Fotboll på fritiden", "ung")
    unlinked = store.create_case().reference
    store.save_answer(unlinked, "vad_fungerar_bra", "Inget", "ung")

    assert [c.reference for c in cases.list_cases(store, own)] == [reference]
    assert cases.list_cases(store, other) == []
    page = cases.read_case(store, own, reference)
    [prep] = [s for s in page.sections if s.key == "forberedelse"]
    assert prep.data["answers"][0]["answer"] == "Fotboll på fritiden"
    assert cases.read_case(store, other, reference) is None
    assert cases.read_case(store, own, unlinked) is None  # a preparation without a link is shown to nobody


def test_every_case_read_and_every_refusal_is_written_to_the_audit_log(backend):
    store = backend.open_store()
    own, other = _accounts(store)
    reference = linked_case(store, own)
    cases.read_case(store, own, reference)
    cases.read_case(store, own, reference, action="print_case")
    cases.read_case(store, other, reference)
    entries = [(e.username, e.organisation_id, e.action, e.case_reference) for e in cases.audit_entries(store)]
    assert entries == [("anna", OWN_ORG, "link_case", reference), ("anna", OWN_ORG, "read_case", reference),
                       ("anna", OWN_ORG, "print_case", reference), ("bertil", OTHER_ORG, "denied", reference)]


def test_a_wrong_code_opens_nothing_and_counts_towards_the_lockout(backend):
    store = backend.open_store(code_attempts=2)
    own, _ = _accounts(store)
    new = store.create_case()
    assert cases.link_case_with_code(store, own, new.reference, "fel") == "wrong"
    assert cases.list_cases(store, own) == []
    assert cases.link_case_with_code(store, own, new.reference, "fel") == "locked"
    assert cases.link_case_with_code(store, own, new.reference, new.code) == "locked"
    assert cases.link_case_with_code(store, own, "FINNSINTE", new.code) == "unknown"
    assert backend.raw("select count(*) from case_links")[0][0] == 0


def test_the_list_is_newest_first_with_status(backend):
    store = backend.open_store()
    own, _ = _accounts(store)
    first = linked_case(store, own)
    second = linked_case(store, own)
    store.save_answer(first, "vad_fungerar_bra", "Skolan", "vardnadshavare")  # first changed last
    consents.record_consent(store, second, _consent())
    listed = cases.list_cases(store, own)
    assert [c.reference for c in listed] == [first, second]
    assert listed[0].status == ["Förberedelse påbörjad"]
    store.set_preparation_completed(first, True)
    assert cases.list_cases(store, own)[0].status == ["Förberedelse klar"]
    assert listed[1].status == ["Samtycke: att bekräfta"]


def test_a_consent_is_confirmed_only_by_the_organisation_that_sees_the_case(backend):
    store = backend.open_store()
    own, other = _accounts(store)
    reference = linked_case(store, own)
    consents.record_consent(store, reference, _consent())
    consents.record_consent(store, reference, _consent())
    consents.withdraw(store, reference, [2])
    assert not cases.confirm_consent(store, other, reference, 1)
    assert not cases.confirm_consent(store, own, reference, 2)  # withdrawn
    assert cases.confirm_consent(store, own, reference, 1)
    assert not cases.confirm_consent(store, own, reference, 1)  # already confirmed
    [section] = [s for s in cases.read_case(store, own, reference).sections if s.key == "samtycken"]
    states = [c["state"] for c in section.data["consents"]]
    assert states == ["Gäller, bekräftat", "Återkallat"]
    assert [e.action for e in cases.audit_entries(store, reference)].count("confirm_consent") == 1


def test_statistics_count_per_organisation_and_month_within_the_accounts_scope(backend):
    store = backend.open_store()
    own, other = _accounts(store)
    follow_up = auth.create_account(store, OTHER_ORG, "cecilia", PASSWORD, role="uppfoljning")
    mine, theirs = linked_case(store, own), linked_case(store, other)
    for reference in (mine, theirs):
        store.save_answer(reference, "vad_fungerar_bra", "Bra", "ung")
        store.set_preparation_completed(reference, True)
        consents.record_consent(store, reference, _consent())
    consents.withdraw(store, mine, now=datetime(2030, 5, 3, tzinfo=timezone.utc))

    own_figures = statistics.figures(store, own)
    assert [org for org, _ in own_figures.organisations] == [OWN_ORG]
    assert own_figures.counts[(OWN_ORG, "2030-05", "Återkallade samtycken")] == 1
    assert all(org == OWN_ORG for org, _, _ in own_figures.counts)
    every = statistics.figures(store, follow_up)
    assert {org for org, _ in every.organisations} == {OWN_ORG, OTHER_ORG}
    month = datetime.now(timezone.utc).strftime("%Y-%m")
    assert every.counts[(OTHER_ORG, month, "Förberedelser")] == 1
    svg = statistics.svg_chart(every)
    assert svg.startswith("<svg") and "<title" in svg and "2030-05" in svg
