"""Whether a message says its writer is a relative who is not a guardian (knowledge/relative_cues.yml)."""
import pytest

from actions.relative_cues import says_they_are_a_relative


@pytest.mark.parametrize("text", ["jag är mormor", "Jag är hans mormor", "ja e hennes farfar",
                                  "Jag förstår inte. Jag jobbar inte med det, jag är mormor",
                                  "mitt barnbarn mår dåligt", "mormor här, undrar över sip"])
def test_a_relative_says_so(text):
    assert says_they_are_a_relative(text)


@pytest.mark.parametrize("text", ["min mormor hjälper mig", "kan min farmor vara med på mötet", "jag är mamma",
                                  "jag är kurator", "", None])
def test_others_do_not(text):
    # A young person names their grandmother; a parent and staff are not relatives here.
    assert not says_they_are_a_relative(text)
