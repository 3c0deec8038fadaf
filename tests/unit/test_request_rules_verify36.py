"""Who a message at the request's summary is about (verification round, session 36)."""
import pytest

from actions import request_rules as rules


@pytest.mark.parametrize("text, asks", [
    ("ja men skickar ni nåt till henne eller ringer skolan henne? vi är separerade båda har vårdnaden", True),
    ("får hennes mamma veta att jag skickat detta?", True),
    ("ska skolan kontakta pappan?", True),
    ("ringer skolan henne", False),  # no question
    ("kan ni ringa mig istället?", False), ("ja skicka", False),
])
def test_a_question_about_contacting_someone_else_asks_who_is_told(text, asks):
    assert rules.asks_who_is_told(text) is asks


@pytest.mark.parametrize("text, changes", [
    ("ringer skolan henne? vi är separerade", False), ("ring pappan istället", False),
    ("ringer skolan mig?", False), ("ring efter 16, då är han i skolan", True),
    ("jag vill att de RINGER", True), ("kan ni sms:a istället?", True),
])
def test_only_the_writers_own_wish_changes_the_way_to_be_contacted(text, changes):
    assert rules.changes_own_contact_way(text) is changes
