"""The scrubber that keeps personal identifiers out of the tracker and logs (channels.pii)."""
from __future__ import annotations

import pytest
from cryptography.fernet import Fernet, MultiFernet

from channels.pii import METADATA_KEY, Found, reveal, scrub, scrub_request


@pytest.mark.parametrize("number", [
    "19121212-1212", "121212-1212", "1212121212", "191212121212", "121212+1212", "20121212 1212",
])
def test_valid_personnummer_in_any_format_is_replaced(number):
    text, found = scrub(f"Mitt barns personnummer är {number}, tack.")
    assert text == "Mitt barns personnummer är [personnummer], tack."
    assert found == [Found("personnummer", number)]


def test_samordningsnummer_is_replaced():
    text, found = scrub("Samordningsnummer 701063-2391")
    assert text == "Samordningsnummer [samordningsnummer]"
    assert found == [Found("samordningsnummer", "701063-2391")]


@pytest.mark.parametrize("number", ["121212-1213", "19121212-1213", "121312-1212"])
def test_invalid_personnummer_is_left_alone(number):
    assert scrub(f"nummer {number}") == (f"nummer {number}", [])


@pytest.mark.parametrize("number", [
    "070-123 45 67", "070-1234567", "+46 70 123 45 67", "+46701234567", "0046 70 123 45 67",
    "08-123 456 78", "031-12 34 56", "0706 12 34 56",
])
def test_phone_numbers_are_replaced(number):
    text, found = scrub(f"Ring mig på {number} efter tre.")
    assert text == "Ring mig på [telefonnummer] efter tre."
    assert found == [Found("telefonnummer", number)]


@pytest.mark.parametrize("address", ["anna.svensson@example.se", "a+b@skola.goteborg.se", "X_Y@EXAMPLE.COM"])
def test_email_addresses_are_replaced(address):
    text, found = scrub(f"Mejla {address}.")
    assert text == "Mejla [e-post]."
    assert found == [Found("e-post", address)]


@pytest.mark.parametrize("text", [
    "Vad är en SIP?", "Mötet är 2024-05-12 klockan 14.30", "Referens KXMP-7RTA och kod AC3479",
    "Han är 12 år och går i klass 6", "Ring 112 om det är akut", "Ring 1177 Vårdguiden",
    "anna@ är ingen adress", "Det kostar 100 000 kronor",
])
def test_text_without_identifiers_is_unchanged(text):
    assert scrub(text) == (text, [])


def test_several_identifiers_in_one_message():
    text, found = scrub("Pnr 121212-1212, tel 0701234568, mejl a@b.se")
    assert text == "Pnr [personnummer], tel [telefonnummer], mejl [e-post]"
    assert sorted(f.kind for f in found) == ["e-post", "personnummer", "telefonnummer"]


def test_values_travel_encrypted_in_metadata_and_decrypt_again():
    cipher = MultiFernet([Fernet(Fernet.generate_key())])
    text, metadata = scrub_request("Pnr 121212-1212", {"lang": "sv"}, cipher)
    assert text == "Pnr [personnummer]"
    assert metadata["lang"] == "sv"
    assert "121212" not in metadata[METADATA_KEY]
    assert reveal(metadata, cipher) == [Found("personnummer", "121212-1212")]


def test_client_metadata_is_scrubbed_and_cannot_forge_the_pii_key():
    cipher = MultiFernet([Fernet(Fernet.generate_key())])
    forged = MultiFernet([Fernet(Fernet.generate_key())]).encrypt(b'[{"kind": "e-post", "value": "x@y.se"}]').decode()
    text, metadata = scrub_request("hej", {"note": "ring 070-123 45 67", METADATA_KEY: forged,
                                           "nested": {"pnr": "121212-1212"}}, cipher)
    assert text == "hej"
    assert metadata["note"] == "ring [telefonnummer]"
    assert "nested" not in metadata
    assert reveal(metadata, cipher) == [Found("telefonnummer", "070-123 45 67")]


def test_nothing_found_adds_no_metadata():
    cipher = MultiFernet([Fernet(Fernet.generate_key())])
    assert scrub_request("Vad är SIP?", {}, cipher) == ("Vad är SIP?", {})
    assert reveal({}, cipher) == []


def test_a_personnummer_shape_is_seen_whether_valid_or_not():
    # The request form reads a mistyped personnummer as a failed correction (actions/request.py).
    from channels.pii import has_id_number_shape

    assert has_id_number_shape("rätt är 20120315-1234") and has_id_number_shape("121212-1212")
    assert not has_id_number_shape("han är 14 år") and not has_id_number_shape("")
