"""The contact centre's details in "Prata med en människa": labels from knowledge/contact_labels.yml."""
from actions.conversation import contact_labels, contact_lines, municipality


def test_only_filled_in_details_are_shown_with_their_labels_in_order():
    local = {"contact_centre_url": "https://www.dalsed.se", "contact_centre_phone": "000-123 45",
             "contact_centre_hours": "", "contact_centre_name": "Kommunens kontaktcenter"}
    assert contact_lines(local) == ["Telefon: 000-123 45", "Webb: https://www.dalsed.se"]


def test_nothing_is_shown_when_nothing_is_filled_in():
    assert contact_lines({key: "" for key in contact_labels()}) == []


def test_every_contact_detail_of_the_municipality_file_has_a_label():
    details = {key for key in municipality() if key.startswith("contact_centre_") and key != "contact_centre_name"}
    assert details == set(contact_labels())
