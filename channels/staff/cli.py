"""Create a staff account: `make staff-user ORG=<organisation id> USER=<name> [ROLE=handlaggare|uppfoljning]`.

The password comes from SIP_STAFF_PASSWORD or, when that is unset, a hidden prompt asked twice.
It is never printed or logged.
"""
from __future__ import annotations

import argparse
import getpass
import os
import sys

from actions.casestore.store import CaseStore
from channels.staff import auth
from channels.staff.statistics import organisation_names


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Create a staff account for the portal.")
    parser.add_argument("--organisation", required=True, help="an id from knowledge/organisations.yml")
    parser.add_argument("--username", required=True)
    parser.add_argument("--role", default="handlaggare", choices=auth.ROLES)
    args = parser.parse_args(argv)
    if args.organisation not in organisation_names():
        print(f"Unknown organisation id {args.organisation!r}: see knowledge/organisations.yml", file=sys.stderr)
        return 2
    password = os.environ.get("SIP_STAFF_PASSWORD")
    if password is None:
        password = getpass.getpass("Password (at least 12 characters): ")
        if getpass.getpass("Same password again: ") != password:
            print("The passwords differ.", file=sys.stderr)
            return 2
    store = CaseStore()
    try:
        identity = auth.create_account(store, args.organisation, args.username, password, args.role)
    except ValueError as error:
        print(f"Not created: {error}", file=sys.stderr)
        return 2
    finally:
        store.engine.dispose()
    print(f"Created {identity.username} ({identity.role}) for {identity.organisation_id}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
