"""Shared set-up for the staff portal tests: accounts, a linked case, and a portal app on a real store."""
from __future__ import annotations

import re
from pathlib import Path

from aiohttp import web
from cryptography.fernet import Fernet

from actions.casestore.store import CaseStore
from channels.staff import auth, cases
from channels.staff.config import StaffSettings
from channels.staff.portal import setup_portal

PASSWORD = "rätt-lösenord-123"
OWN_ORG, OTHER_ORG = "dalsed_hagaskolan", "dalsed_forskolor"


def staff_settings(tmp_path: Path, **changes) -> StaffSettings:
    values = dict(session_keys=(Fernet.generate_key().decode(),), session_key_file=tmp_path / "staff.key",
                  cookie_secure=False, session_hours=8, login_attempts=3, login_lockout_minutes=15)
    values.update(changes)
    return StaffSettings(**values)


def linked_case(store: CaseStore, identity: auth.StaffIdentity) -> str:
    """A new case opened to the identity's organisation with its reference and code, as staff would."""
    new = store.create_case()
    assert cases.link_case_with_code(store, identity, new.reference, new.code) == "ok"
    return new.reference


def portal_app(store: CaseStore, settings: StaffSettings) -> web.Application:
    app = web.Application()
    setup_portal(app, store=store, settings=settings)
    return app


def csrf_in(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


async def log_in(client, username: str, password: str = PASSWORD):
    form = await client.get("/personal/logga-in")
    token = csrf_in(await form.text())
    return await client.post("/personal/logga-in", data={"username": username, "password": password,
                                                          "csrf": token, "next": "/personal/"},
                             allow_redirects=False)
