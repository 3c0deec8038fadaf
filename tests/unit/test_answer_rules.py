"""Free-text answers: clean_answer (trimming, skipping, length) and is_knowledge_question."""
from __future__ import annotations

import pytest

from actions.answer_rules import (
    MAX_ANSWER_LENGTH,
    QUESTION_CONFIDENCE,
    QUESTION_CONFIDENCE_WITH_MARK,
    SKIP_WORDS,
    SURE_OFF_TOPIC,
    Answer,
    answer_and_question,
    asks_the_bot,
    chats_with_the_bot,
    clean_answer,
    is_knowledge_question,
    question_part,
    pressed_an_answer_button,
    reads_as_question,
    says_go_on,
    says_nothing,
)


def test_plain_answer_is_kept():
    assert clean_answer("Att må bra") == Answer("Att må bra")


def test_whitespace_is_folded_and_trimmed():
    assert clean_answer("  Att  må\n\nbra\t och   gå till skolan  ") == Answer("Att må bra och gå till skolan")


@pytest.mark.parametrize("typed", sorted(SKIP_WORDS))
def test_every_skip_word_skips(typed):
    assert clean_answer(typed) == Answer(None)


@pytest.mark.parametrize("typed", ["Hoppa över", "HOPPA ÖVER!", "  vet   inte. ", "Nästa", "hoppa\növer"])
def test_skip_words_are_recognised_in_any_case_spacing_and_punctuation(typed):
    assert clean_answer(typed) == Answer(None)


def test_a_sentence_containing_a_skip_word_is_an_answer():
    assert clean_answer("Jag vet inte om jag vill gå dit") == Answer("Jag vet inte om jag vill gå dit")


@pytest.mark.parametrize("typed", ["hoppa över den", "Hoppa över frågan!", "skippa den", "nästa fråga",
                                   "kan vi hoppa över den här?", "jag hoppar över den frågan", "skippar den tack",
                                   "jag vill hoppa över den", "hopa över", "hoppa  över   den"])
def test_a_wish_to_skip_with_a_few_words_around_it_skips(typed):
    assert clean_answer(typed) == Answer(None)


@pytest.mark.parametrize("typed", ["vet inte asså", "ja vet inte ärligt", "vet ej typ", "ingen aning alltså",
                                   "idk asså"])
def test_a_dont_know_with_fillers_skips_like_vet_ej(typed):
    # "vet inte asså" was saved word for word while "vet ej" was a skip (persona round, session 30).
    assert clean_answer(typed) == Answer(None)


@pytest.mark.parametrize("typed", ["vet inte vad jag vill", "mamma vet inte att jag mår dåligt"])
def test_a_dont_know_with_more_to_say_is_an_answer(typed):
    assert clean_answer(typed) == Answer(typed)


@pytest.mark.parametrize("typed", ["vill inte säga", "den vill jag inte svara på", "vill helst inte svara på det",
                                   "det vill jag helst inte svara på", "vill ej svara", "vill inte säga just nu"])
def test_a_refusal_skips_only_where_the_question_allows_it(typed):
    assert clean_answer(typed, refusal_skips=True) == Answer(None)
    # To "Finns det något som inte får berättas?" a refusal is itself the answer.
    assert clean_answer(typed) == Answer(typed)


@pytest.mark.parametrize("typed", ["att jag får hoppa över idrotten", "vill inte säga det till mamma",
                                   "skippa mötet och bara skriva", "nästa fråga är om skolan va",
                                   "hon vill inte svara när lärarna frågar"])
def test_an_answer_that_mentions_skipping_something_else_is_kept(typed):
    assert clean_answer(typed, refusal_skips=True) == Answer(typed)


@pytest.mark.parametrize("typed", ["kan vi hoppa över den här?", "får jag skippa den?"])
def test_a_skip_put_as_a_question_is_not_a_question_to_answer(typed):
    # Review, session 24: these opened like questions, were answered and the question asked again.
    assert not asks_the_bot("inform", typed)
    assert not is_knowledge_question("faq", 0.95, typed)


@pytest.mark.parametrize("value", [None, "", "   \n\t "])
def test_nothing_typed_is_skipped(value):
    assert clean_answer(value) == Answer(None)


def test_answer_at_the_limit_is_accepted():
    text = "a" * MAX_ANSWER_LENGTH
    assert clean_answer(text) == Answer(text)


def test_answer_over_the_limit_is_too_long_and_not_kept():
    assert clean_answer("a" * (MAX_ANSWER_LENGTH + 1)) == Answer(None, too_long=True)


def test_length_is_measured_after_folding_whitespace():
    text = "ja   " * 500  # 2500 characters typed, 1499 once runs of spaces are folded
    assert len(text) > MAX_ANSWER_LENGTH
    assert clean_answer(text) == Answer(" ".join(["ja"] * 500))


# --- is_knowledge_question: a typed question inside a form is answered, not saved ----------

def test_confident_faq_is_a_question():
    assert is_knowledge_question("faq", QUESTION_CONFIDENCE, "kan jag ta med en kompis")


def test_less_confident_faq_without_question_mark_is_an_answer():
    assert not is_knowledge_question("faq", QUESTION_CONFIDENCE - 0.01, "kan jag ta med en kompis")


def test_a_question_mark_lowers_the_bar():
    assert is_knowledge_question("faq", QUESTION_CONFIDENCE_WITH_MARK, "kan jag ta med en kompis?")
    assert not is_knowledge_question("faq", QUESTION_CONFIDENCE_WITH_MARK - 0.01, "kan jag ta med en kompis?")


@pytest.mark.parametrize("intent", [None, "affirm", "out_of_scope", "show_article"])
def test_other_intents_are_never_questions(intent):
    assert not is_knowledge_question(intent, 1.0, "vad är sip?")


# --- asks_the_bot: a question typed instead of an answer, whatever its intent's confidence ---

@pytest.mark.parametrize("text", ["vem kommer se det här?", "får mina föräldrar läsa det jag skrev här?",
                                  "vad menar du med längre fram?", "Kan jag ändra det sen ?"])
def test_a_question_to_the_bot_is_not_an_answer(text):
    # Whatever the classifier made of it: inside a form "vad menar du…?" is often `inform`.
    assert all(asks_the_bot(intent, text) for intent in ("nlu_fallback", "faq", "inform", "open_case", None))


@pytest.mark.parametrize("text", ["att ha kompisar?", "vem kommer se det här", "skolan? och sömnen", "", None])
def test_an_unsure_answer_or_one_without_question_mark_is_an_answer(text):
    assert not asks_the_bot("nlu_fallback", text)


def test_a_question_mark_does_not_make_a_command_a_question():
    assert not asks_the_bot("stop", "kan vi sluta?") and not asks_the_bot("crisis_check_in", "vad ska jag göra?")


# --- reads_as_question: asking about something, or asking for it to be done ----------------


@pytest.mark.parametrize("text", ["Vad godkänner jag när jag ger samtycke till SIP?", "hur begär man en sip",
                                  "kan man ångra sitt samtycke", "Samtycke, hur länge?"])
def test_questions_read_as_questions(text):
    assert reads_as_question(text)


@pytest.mark.parametrize("text", ["jag vill ge samtycke", "/give_consent", "stoppa samtycket direkt", "", None])
def test_requests_do_not_read_as_questions(text):
    assert not reads_as_question(text)


@pytest.mark.parametrize("text,part", [
    ("jobbar som sjuksköterska på BUP. vem kan få en SIP?", "vem kan få en SIP?"),
    ("kurator här: hur länge gäller samtycket", "hur länge gäller samtycket"),
    ("jag är kurator, vilka KVÅ-koder ska vi använda?", "vilka KVÅ-koder ska vi använda?"),
    ("vi på soc undrar om skolan får kalla till sip?", "vi på soc undrar om skolan får kalla till sip?"),
    ("jag jobbar på soc", None), ("kurator här", None), ("", None),
])
def test_the_question_part_of_a_message_starts_at_the_clause_that_asks(text, part):
    assert question_part(text) == part


@pytest.mark.parametrize("text,expected", [
    ("maste jag ga pa motet", True), ("hur lang tid tar motet", True), ("vilka kommer pa motet", True),
    # Indirect clauses, as answers to the preparation's questions read: saved, not answered.
    ("vem som ska bestämma", False), ("var mötet ska vara", False), ("vad jag ska göra efter nian", False),
    ("hur det går i skolan", False),
])
def test_an_indirect_clause_is_an_answer_however_sure_the_classifier(text, expected):
    assert is_knowledge_question("faq", 0.99, text) is expected


@pytest.mark.parametrize("text, both", [
    ("matte o att somna. och vem bestämmer vad som händer sen?",
     ("matte o att somna", "och vem bestämmer vad som händer sen?")),
    ("matte o att somna. och vem bestämmer vad som händer sen",
     ("matte o att somna", "och vem bestämmer vad som händer sen")),
    ("skolan är jobbig, var ska jag gå?", ("skolan är jobbig", "var ska jag gå?")),
    ("mina polare o fotboll. vem leder mötet?", ("mina polare o fotboll", "vem leder mötet?")),
    ("matte. och när är mötet", ("matte", "och när är mötet")),
])
def test_an_answer_typed_before_a_question_is_told_apart_from_it(text, both):
    assert answer_and_question(text) == both


@pytest.mark.parametrize("text", [
    "vad är en sip?", "fotboll", "typ skolan?", "", None,
    # One sentence that asks as a whole.
    "skolan är jobbig och är det normalt?",
    # Openers that answer nothing.
    "jag undrar en sak. vem får läsa det här?", "hej! vad är en sip?", "ok, vem ser det", "Tack. Vem ser mina svar?",
    # Clauses of an answer that open like a question, without a question mark.
    "fotboll, kan spela varje dag", "skolan, hur lärarna pratar", "skolan, var jobbigt förut",
    "skolan, varför jag inte går dit", "mamma och vem som helst som lyssnar",
    # A time the answer speaks of: "och när schemat ändras" was lost (persona round, session 29).
    "ljud. och när schemat ändras", "högljudda lektioner och när det blir rörigt",
])
def test_a_message_that_only_asks_or_only_answers_is_not_cut(text):
    assert answer_and_question(text) is None


# --- chats_with_the_bot: small talk to the bot typed instead of an answer ---

def test_sure_off_topic_small_talk_to_the_bot_is_not_an_answer():
    assert chats_with_the_bot("out_of_scope", SURE_OFF_TOPIC, "lol vilken musik gillar du")
    assert chats_with_the_bot("out_of_scope", 0.97, "Vad tycker DU om?")
    # Asking by word order alone, in a short message the classifier does not place (session 24).
    assert chats_with_the_bot("out_of_scope", 0.65, "gillar du fortnite")
    assert chats_with_the_bot("nlu_fallback", 0.55, "spelar du minecraft")


@pytest.mark.parametrize("intent, confidence, text", [
    ("out_of_scope", SURE_OFF_TOPIC - 0.01, "lol vilken musik gillar du"),  # not sure enough
    ("out_of_scope", 0.99, "det är jobbigt när du inte får sova"),  # "du" in an answer that asks nothing
    ("inform", 0.99, "att du lyssnar på mig"),  # an answer that speaks to someone
    ("out_of_scope", 0.99, "fotboll och gaming"),  # off-topic to the classifier, but says nothing to the bot
    ("out_of_scope", 0.99, "dumt"),  # "du" only inside another word
    ("out_of_scope", 0.99, "om du frågar mig så gaming"),  # "du" second, but not after a verb that asks
    ("out_of_scope", 0.6, "vet du vad jag gillar fotboll"),  # "vet du" opens an answer
    ("nlu_fallback", 0.5, "asså du vet, skolan suger"),  # a filler before "du"
    ("inform", 0.5, "kan du hjälpa mig med läxorna"),  # an answer the classifier places (not off-topic)
    ("out_of_scope", 0.6, "gillar du att jag spelar fotboll varje dag efter skolan"),  # long: an answer to weigh
])
def test_answers_are_not_small_talk(intent, confidence, text):
    assert not chats_with_the_bot(intent, confidence, text)


# --- says_nothing: emoji, signs or keyboard runs typed as an answer (persona round, session 24) ---

@pytest.mark.parametrize("text", ["😭😭😭", "...", "!!", "🙂 🙃", "asdfghjkl", "ASDF", "qwerty", "lkjhg", "jkjkjk",
                                  "asdf asdf", "sdfgh!!"])
def test_signs_and_keyboard_runs_say_nothing(text):
    assert says_nothing(text)


@pytest.mark.parametrize("text", ["", "   ", "5", "nej", "hmm", "pff", "mvh", "fotboll 😭", "asdf jag vet inte",
                                  "ja", "kompisar", "typ", "sfi", "ok 👍", "12 år"])
def test_words_and_numbers_say_something(text):
    assert not says_nothing(text)


# --- says_go_on: "fortsätt" typed at a form's question (persona round, session 24) ---

@pytest.mark.parametrize("text", ["fortsätt", "Fortsätt!", "fortsatt tack"])
def test_fortsatt_at_a_question_says_go_on(text):
    assert says_go_on({"text": text, "intent": {"name": "continue_preparation", "confidence": 1.0}})


@pytest.mark.parametrize("text, intent", [
    ("fortsätta i skolan", "continue_preparation"),  # an answer the classifier took for the intent
    ("fortsätt", "inform"),
    ("jag vill fortsätta med fotbollen", "continue_preparation"),
])
def test_other_messages_do_not_say_go_on(text, intent):
    assert not says_go_on({"text": text, "intent": {"name": intent, "confidence": 0.9}})


def test_only_a_pressed_button_is_an_answer_button():
    assert pressed_an_answer_button({"text": '/show_article{"article": "sip_vad_ar"}', "intent": {"name": "show_article"}})
    assert pressed_an_answer_button({"text": "/tell_more", "intent": {"name": "tell_more"}})
    # Typed words the classifier took for "Berätta mer" (it asks what the form's question means).
    assert not pressed_an_answer_button({"text": "vad menas me det", "intent": {"name": "tell_more"}})
    assert not pressed_an_answer_button({"text": "/tell_more", "intent": {"name": "inform"}})


@pytest.mark.parametrize("text, wish", [
    # Persona round, session 28: saved as the answer to "Vad behöver du hjälp med?".
    ("orkar inte mer. jag vill sluta och ta bort allt jag skrivit", True), ("SLUTA. radera allt", True),
    ("att ta bort det som är jobbigt", False), ("att lärarna tar bort läxorna", False), ("läsa å skriva", False),
])
def test_a_wish_to_delete_everything_inside_a_form(text, wish):
    from actions.answer_rules import wants_everything_deleted

    assert wants_everything_deleted(text) is wish


@pytest.mark.parametrize("lead, question, word", [
    # Persona rounds, session 28: the first half was saved as what is hard, and the word not explained.
    ("mentor sa ordet insats", "vad menar det", "insats"),
    ("min mentor pratade om insatser", "vad betyder det?", "insatser"),
    ("matte o att somna", "och vem bestämmer vad som händer sen?", None),
    ("fotboll o kompisar", "vem får läsa det här?", None),
])
def test_the_word_a_question_asks_the_meaning_of(lead, question, word):
    from actions.answer_rules import word_asked_about

    assert word_asked_about(lead, question) == word
