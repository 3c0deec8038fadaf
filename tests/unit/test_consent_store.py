"""Consents in the case store on a real, migrated database (SQLite always, PostgreSQL when reachable)."""
from __future__ import annotations

from datetime import date, datetime, timezone

import pytest
from sqlalchemy import delete

from actions.casestore import consents
from actions.casestore.consents import Giver, NewConsent, PartyRecord
from actions.casestore.models import Case

NOW = datetime(2030, 3, 1, 12, 0, tzinfo=timezone.utc)


def _both_guardians(**changes) -> NewConsent:
    values = dict(
        under_adult_age=True,
        givers=[Giver("vardnadshavare", name="Vårdnadshavare Ett"), Giver("vardnadshavare", name="Vårdnadshavare Två")],
        parties=[PartyRecord("BUP Vänersborg", "bup"), PartyRecord("Hagaskolan elevhälsa", "elevhalsa")],
        may_share="Hur det går i skolan och vilka insatser som finns",
        must_not_share="Inget om syskonen",
        child_view="Hon vill att skolan får veta om diagnosen",
        valid_from=date(2030, 3, 1),
        valid_to=date(2031, 3, 1),
        form="muntligt",
    )
    values.update(changes)
    return NewConsent(**values)


def test_a_consent_is_saved_with_each_guardian_and_party(backend):
    store = backend.open_store()
    reference = store.create_case().reference
    assert consents.record_consent(store, reference, _both_guardians(), now=NOW) == 1
    [saved] = consents.consents(store, reference)
    assert [g.name for g in saved.givers] == ["Vårdnadshavare Ett", "Vårdnadshavare Två"]
    assert [g.role for g in saved.givers] == ["vardnadshavare", "vardnadshavare"]
    assert saved.parties == [PartyRecord("BUP Vänersborg", "bup"), PartyRecord("Hagaskolan elevhälsa", "elevhalsa")]
    assert saved.child_view == "Hon vill att skolan får veta om diagnosen"
    assert (saved.valid_from, saved.valid_to) == (date(2030, 3, 1), date(2031, 3, 1))
    assert saved.form == "muntligt" and saved.recorded_via == "chat"
    assert saved.recorded_at == NOW
    assert saved.confirmed_at is None and saved.withdrawn_at is None


def test_free_text_is_encrypted_at_rest(backend):
    store = backend.open_store()
    reference = store.create_case().reference
    consents.record_consent(store, reference, _both_guardians(), now=NOW)
    raw = " ".join(str(v) for table in ("consents", "consent_givers", "consent_parties")
                   for row in backend.raw(f"SELECT * FROM {table}") for v in row)
    for secret in ("Vänersborg", "Hagaskolan", "syskonen", "diagnosen", "insatser", "Vårdnadshavare Ett"):
        assert secret not in raw
    # The organisation type is a category id, kept in clear so staff can sort by it.
    assert "elevhalsa" in raw


def test_a_new_party_is_a_new_consent_with_the_next_number(backend):
    store = backend.open_store()
    reference = store.create_case().reference
    consents.record_consent(store, reference, _both_guardians(), now=NOW)
    second = _both_guardians(parties=[PartyRecord("Habiliteringen", "habilitering")])
    assert consents.record_consent(store, reference, second, now=NOW) == 2
    first, new = consents.consents(store, reference)
    assert [p.name for p in first.parties] == ["BUP Vänersborg", "Hagaskolan elevhälsa"]
    assert [p.name for p in new.parties] == ["Habiliteringen"]


def test_numbers_are_per_case(backend):
    store = backend.open_store()
    mine, other = store.create_case().reference, store.create_case().reference
    consents.record_consent(store, other, _both_guardians(), now=NOW)
    assert consents.record_consent(store, mine, _both_guardians(), now=NOW) == 1
    assert len(consents.consents(store, mine)) == 1


def test_a_consent_needs_a_giver_and_a_party(backend):
    store = backend.open_store()
    reference = store.create_case().reference
    with pytest.raises(ValueError):
        consents.record_consent(store, reference, _both_guardians(givers=[]))
    with pytest.raises(ValueError):
        consents.record_consent(store, reference, _both_guardians(parties=[]))
    assert consents.consents(store, reference) == []


def test_an_unknown_case_is_refused(backend):
    store = backend.open_store()
    with pytest.raises(KeyError):
        consents.record_consent(store, "ACDE-FH34", _both_guardians())


def test_withdrawing_one_consent_keeps_it_with_a_timestamp(backend):
    store = backend.open_store()
    reference = store.create_case().reference
    consents.record_consent(store, reference, _both_guardians(), now=NOW)
    consents.record_consent(store, reference, _both_guardians(), now=NOW)
    later = datetime(2030, 5, 1, 9, 30, tzinfo=timezone.utc)
    assert consents.withdraw(store, reference, [2], now=later) == [2]
    first, second = consents.consents(store, reference)
    assert first.withdrawn_at is None
    assert second.withdrawn_at == later
    assert [p.name for p in second.parties] == ["BUP Vänersborg", "Hagaskolan elevhälsa"]  # never deleted


def test_withdrawing_all_touches_only_those_not_yet_withdrawn(backend):
    store = backend.open_store()
    reference = store.create_case().reference
    for _ in range(3):
        consents.record_consent(store, reference, _both_guardians(), now=NOW)
    first_time = datetime(2030, 4, 1, tzinfo=timezone.utc)
    consents.withdraw(store, reference, [1], now=first_time)
    assert consents.withdraw(store, reference, None, now=datetime(2030, 6, 1, tzinfo=timezone.utc)) == [2, 3]
    assert consents.consents(store, reference)[0].withdrawn_at == first_time
    assert consents.withdraw(store, reference, None) == []


def test_deleting_a_case_deletes_its_consents(backend):
    store = backend.open_store()
    reference = store.create_case().reference
    consents.record_consent(store, reference, _both_guardians(), now=NOW)
    with store.session() as session:
        session.execute(delete(Case).where(Case.reference == reference))
    for table in ("consents", "consent_givers", "consent_parties"):
        assert backend.raw(f"SELECT COUNT(*) FROM {table}") == [(0,)]
