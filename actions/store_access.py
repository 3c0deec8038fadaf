"""The action server's one case store, opened on first use."""
from __future__ import annotations

from actions.casestore.store import CaseStore

_store: CaseStore | None = None


def case_store() -> CaseStore:
    global _store
    if _store is None:
        _store = CaseStore()
    return _store
