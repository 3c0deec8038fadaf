"""The staff portal under /personal/: login, cases of the staff member's organisation, statistics."""
