"""action_answer_question: answer from the knowledge articles, or offer the best guesses."""
from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any

import yaml
from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import preparation_flow
from actions.after_check_in import reply_after_check_in
from actions.answer_choice import FREE_QUESTION_INTENTS, Choice, Votes, choose, fused_scores, on_topic
from actions.answer_detail import only_in_the_long_text
from actions.answer_rules import a_young_adult, meaning_clauses, own_ages, question_part, reads_as_question
from actions.article_classifier import article_classifier
from actions.article_search import article_search
from actions.conversation import ActionReachAPerson
from actions.follow_up import choice_after, choice_if_it_applies_too, in_context, is_follow_up, near_the_last_answer, \
    ranked_after, read_with_the_last_answer, what_it_may_apply_to
from actions.form_next_steps import next_steps_response
from actions.guide_actions import answers_given, ask_or_answer, continue_typed_guide
from actions.guardian_cues import asks_as_a_parent, said_they_are_a_guardian, without_staff_only_sentences
from actions.guides import guide_for_article
from actions.knowledge_base import SOURCE_LABEL, Article, articles, short_source
from actions.lost_code import says_the_code_is_lost
from actions.relative_cues import said_they_are_a_relative, says_they_are_a_relative
from actions.request_rules import UNG, says_they_have_a_sip
from actions.settings import ROOT
from actions.simpler_words import asks_for_plain_language, asks_for_simpler_words
from actions.source_gaps import asks_as_staff, gap_in
from actions.staff_cues import said_they_are_staff, says_they_work_with_sip, serves_them_in_this_message, without_the_role
from actions.two_questions import combine, question_parts

# Intents that are answered by a fixed article until they get a conversation of their own.
INTENT_ARTICLES: dict[str, str] = yaml.safe_load(
    (ROOT / "knowledge" / "intent_articles.yml").read_text(encoding="utf-8")
)

# Intents whose questions are answered from one topic only (article id prefix).
INTENT_TOPICS: dict[str, str] = yaml.safe_load(
    (ROOT / "knowledge" / "intent_topics.yml").read_text(encoding="utf-8")
)


# Related articles shown as buttons after an answer (knowledge/README.md, `related`).
RELATED_BUTTONS = 2


def article_button(article: Article) -> dict[str, str]:
    return {"title": article.title, "payload": f'/show_article{{"article": "{article.id}"}}'}


def selector_scores(latest_message: dict) -> dict[str, float]:
    selector = (latest_message.get("response_selector") or {}).get("faq") or {}
    return {
        (item.get("intent_response_key") or "").removeprefix("faq/"): float(item.get("confidence") or 0.0)
        for item in selector.get("ranking") or []
    }


def votes(latest_message: dict) -> Votes:
    text = without_the_role(latest_message.get("text") or "")
    return Votes(selector=selector_scores(latest_message),
                 search=dict(article_search().search(text, limit=10)),
                 classifier=article_classifier().scores(text))


def choose_article(tracker: Tracker) -> tuple[list[str], bool, tuple[str, ...]]:
    """Return (the articles to answer with, detailed?, suggestions) for the latest message."""
    intent = (tracker.latest_message.get("intent") or {}).get("name")
    if intent == "show_article":
        # The entity too: a button pressed inside a form may come before its slot is set.
        entity = next((e.get("value") for e in tracker.latest_message.get("entities") or []
                       if e.get("entity") == "article"), None)
        return [tracker.get_slot("article") or entity], False, ()
    last = tracker.get_slot("last_article")
    if intent == "tell_more":
        return [last], True, ()
    answers, suggestions = choose_answers(intent, tracker.latest_message, last)
    again = len(answers) == 1 and asked_again(answers[0], last) and not _wording_for_a_young_adult(tracker, answers[0])
    return answers, again, suggestions


def _wording_for_a_young_adult(tracker: Tracker, answer: str | None) -> bool:
    """The article has an adult wording and the reader is 18–20: asked again, the long text (written to
    children and their families) would take back what it says ("vad händer när jag fyller 21 då" asked twice
    got "barnet och/eller vårdnadshavarna måste samtycka"; final check, session 36). "Berätta mer" still
    gives the long text."""
    article = articles().get(answer or "")
    return article is not None and article.adult_short is not None and said_they_are_a_young_adult(tracker)


def _last_bot_texts(tracker: Tracker) -> set[str]:
    """The texts the bot said in its last turn."""
    texts: list[str] = []
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            if texts:
                break
        elif event.get("event") == "bot" and event.get("text"):
            texts.append(event["text"])
    return set(texts)


def asked_again(answer: str | None, last_article: str | None) -> bool:
    """A question answered by the article just given gets its longer text: the same words again
    would not help (a follow-up on the same topic, or the question asked again). For a guided
    answer too: a follow-up after the guide once started its questions all over again."""
    article = articles().get(answer or "")
    return article is not None and answer == last_article and bool(article.long)


def choose_for_message(intent: str | None, latest_message: dict[str, Any], last_article: str | None = None) -> Choice:
    """The answer to a question parsed as `intent` (Rasa's parse of it in latest_message),
    after the bot last answered with `last_article`."""
    if intent in INTENT_ARTICLES:
        return Choice(INTENT_ARTICLES[intent], ())
    found = votes(latest_message)
    if intent in INTENT_TOPICS:
        found = on_topic(found, INTENT_TOPICS[intent])
    choice = choose(found)
    previous = articles().get(last_article or "")
    if previous is None or intent not in FREE_QUESTION_INTENTS:
        return choice
    # Right after an answer: read in the light of it (actions/follow_up.py).
    text, alone = latest_message.get("text"), fused_scores(found)
    applies_too = choice_if_it_applies_too(previous, text, _clear_answer)
    if applies_too is not None:
        # "gäller det även förskolan?" asks about the last answer, not about förskolan.
        return applies_too
    if read_with_the_last_answer(text):
        with_title = fused_scores(votes(in_context(latest_message, previous)))
        return choice_after(previous, choice, ranked_after(previous, alone, with_title), text)
    if choice.answer is None:
        return near_the_last_answer(previous, alone, choice) or choice
    return choice


def question_part_answer(latest_message: dict[str, Any], last_article: str | None = None) -> str | None:
    """The article that clearly answers the clause that asks, else the whole message; None when
    nothing asks or no article is clear. The story before a question misleads: in "jag skadade mig
    själv förra året men nu mår jag bra. kan mamma va med på sip motet?" it pulled in anmälningsplikt,
    and role words dilute a staff question ("jobbar som sjuksköterska på BUP. vem kan få en SIP?")."""
    text = latest_message.get("text") or ""
    asked = question_part(text)
    if asked is None:
        return None
    # The ResponseSelector judged the whole message, so its vote is left out for a part.
    part = None if asked == text.strip() else \
        choose_for_message("faq", {**latest_message, "text": asked, "response_selector": {}}, last_article).answer
    return part or choose_for_message("faq", latest_message, last_article).answer


# How clearly a part of a message must point to an article to be answered on its own (the article
# search's and the article classifier's fused score, at most 1.5): where both put it first and
# the classifier gives it about 0.7 or more (actions/two_questions.py).
CLEAR_PART = 1.2


def _clear_answer(part: str) -> str | None:
    """The article a part of a message clearly asks for on its own words, or None."""
    ranked = fused_scores(votes({"text": part}))
    return ranked[0][0] if ranked and ranked[0][1] >= CLEAR_PART else None


def choose_answers(intent: str | None, latest_message: dict[str, Any],
                   last_article: str | None = None) -> tuple[list[str], tuple[str, ...]]:
    """The articles that answer a message (two when it asks two things: actions/two_questions.py),
    or, when none, the "Menade du…?" suggestions."""
    whole = choose_for_message(intent, latest_message, last_article)
    parts = question_parts(latest_message.get("text")) if intent in FREE_QUESTION_INTENTS else []
    if len(parts) < 2:
        return ([whole.answer] if whole.answer else []), whole.suggestions
    answers = combine(whole.answer, [_clear_answer(part) for part in parts])
    if len(answers) > 1 and guide_for_article(answers[1]) is not None:
        # A guide asks its own questions, which would follow an answer to another question
        # ("vem blir huvudansvarig? vi som kallade?" started the 3.3 guide); asked alone it starts.
        answers = answers[:1]
    return answers, () if answers else whole.suggestions


def follow_up_answer(latest_message: dict[str, Any], last_article: str | None, form: str | None = None) -> str | None:
    """The article that answers a question right after an answer, read as a follow-up whatever
    the intent classifier made of it ("kan jag välja vem det blir?" as out_of_scope, "vem ringer
    jag då?" as help_now); None unless it reads as a follow-up question and the articles answer it
    in the light of the last one (no "Menade du…?" guesses). Not inside a form, whose question
    comes first."""
    text = latest_message.get("text") or ""
    if not last_article or form or not (is_follow_up(text) and reads_as_question(text)):
        return None
    return choose_for_message("faq", latest_message, last_article).answer


# A free question, or an article the person picked: its offer ("Ta tillbaka samtycke") may
# follow. Not after an action intent, whose own flow says what it does next, nor after
# "Berätta mer", which comes after the offer was shown.
OFFER_AFTER_INTENTS = FREE_QUESTION_INTENTS | {"show_article"}


def offers_fit(tracker: Tracker, staff: bool, offer: str | None = None) -> bool:
    """Inside a form the form's question comes next, so no other action is offered. The offers
    are for young people and guardians, so not for `staff` (someone who said they work with SIP),
    and a guardian's own (`offer`) not for a relative."""
    from actions.request import sent_in_this_conversation  # request imports this module

    intent = (tracker.latest_message.get("intent") or {}).get("name")
    # No "Vill du be om en SIP?" right after one was sent here (persona round, session 35).
    return intent in OFFER_AFTER_INTENTS and not (tracker.active_loop or {}).get("name") and not staff \
        and not sent_in_this_conversation(tracker) and not only_a_guardian_takes_it_up(offer, tracker) \
        and not (offer == "utter_offer_request" and said_they_have_a_sip(tracker))


def said_they_have_a_sip(tracker: Tracker) -> bool:
    """"jag har redan en sip" in any of the person's messages here: "Begära en SIP" came after every answer
    all the same (Elin, 19; persona round, session 39). The phrases: knowledge/request_words.yml."""
    said = [event.get("text") for event in tracker.events if event.get("event") == "user"]
    return any(says_they_have_a_sip(text) for text in [*said, tracker.latest_message.get("text")])


# Giving or withdrawing a samtycke, and asking for a SIP here, are for a guardian or the young person
# (utter_consent_giver_relative, utter_request_role_relative). Preparing for the meeting is not: a relative
# may be at it, or sit beside the child.
GUARDIANS_OFFERS = frozenset({"utter_consent_options", "utter_offer_request"})


def only_a_guardian_takes_it_up(offer: str | None, tracker: Tracker) -> bool:
    """A guardian's offer, to a relative who is no guardian ("jag är mormor" got "Lämna samtycke"; the form
    then had to tell her she cannot; persona round, session 38)."""
    return offer in GUARDIANS_OFFERS and said_they_are_a_relative(tracker)


def asks_what_the_long_text_says(tracker: Tracker, article: Article) -> bool:
    """A typed question (not a button) naming what only the article's longer text speaks of."""
    intent = (tracker.latest_message.get("intent") or {}).get("name")
    text = tracker.latest_message.get("text") or ""
    return bool(article.long) and intent not in ("show_article", "tell_more") and not text.startswith("/") \
        and bool(only_in_the_long_text(text, article))


def answer_with(dispatcher: CollectingDispatcher, tracker: Tracker, article: Article,
                detailed: bool = False, extras: bool = True) -> list[dict[str, Any]]:
    """Say the article (or start its guide) and remember it as the last answer; without `extras`
    only its text (the first of two answers)."""
    guide = guide_for_article(article.id) if not detailed and extras else None
    if guide is not None and guide.not_for(tracker.latest_message.get("text") or ""):
        # Someone who sends the invitation: what the guide says to the one invited does not fit.
        dispatcher.utter_message(text=guide.render_caller_answer(),
                                 buttons=[{"title": "Berätta mer", "payload": "/tell_more"}])
    elif guide is not None:
        # Questions that depend on the asker's situation get a guided answer.
        said = [event.get("text") or "" for event in tracker.events if event.get("event") == "user"]
        # Started again ("Kallad men barnet är inte känt" under a later answer), it keeps what the
        # person answered it: it asked "kommunen eller regionen?" again after giving its steps
        # (persona round, session 32).
        given = answers_given(tracker, guide)
        known = {**guide.known_from([*said, tracker.latest_message.get("text") or ""]), **(given or {})}
        if not given and guide.next_question(known) is not None:
            dispatcher.utter_message(text=guide.data["intro"])
        ask_or_answer(dispatcher, guide, known)
    else:
        # "eleven ar 15, …" from a skolkurator: staff wording and no samtycke buttons for this answer only.
        staff = said_they_are_staff(tracker) or serves_them_in_this_message(tracker)
        offer = article.offer if extras and article.offer and offers_fit(tracker, staff, article.offer) else None
        # The guardian scan reads every message, so only where it would change the wording.
        guardian = not staff and article.staff_short_fits_guardians and \
            (said_they_are_a_guardian(tracker) or _a_parents_question(tracker))
        adult = not staff and not guardian and article.adult_short is not None and said_they_are_a_young_adult(tracker)
        both = staff and not detailed and extras and asks_what_the_long_text_says(tracker, article)
        text = article.render(detailed, for_staff=staff, for_guardian=guardian, both=both, for_adult=adult)
        if guardian:
            # "Personal som själv kallar kan fråga sin chef" is not for a parent (knowledge/guardian_cues.yml).
            text = without_staff_only_sentences(text)
        # The same text as in the bot's last turn ("vem ringer jag då?" after the withdrawal answer,
        # "berätta mer" three times) may hold the answer ("hur gammal måste man vara då?" after UMO),
        # but often does not: said again, with what people ask next as "Menade du…?".
        again = extras and text in _last_bot_texts(tracker)
        more = extras and article.long and not detailed and not both
        buttons = [{"title": "Berätta mer", "payload": "/tell_more"}] if more else []
        if extras and offer is None and not again and not (tracker.active_loop or {}).get("name"):
            # What people usually ask next, one tap away; not beside an offer's buttons, nor
            # inside a form, whose question comes next.
            buttons += [article_button(articles()[r]) for r in article.related[:RELATED_BUTTONS]]
        dispatcher.utter_message(text=text, buttons=buttons)
        if again:
            dispatcher.utter_message(response="utter_answer_again",
                                     buttons=[article_button(articles()[r]) for r in article.related[:3]])
        elif offer:
            dispatcher.utter_message(response=offer)
    return [SlotSet("last_article", article.id), SlotSet("missed_turns", 0), SlotSet("article", None)]


def _a_parents_question(tracker: Tracker) -> bool:
    """"räcker det att en förälder samtycker?" from someone who gave no age of their own: a parent's question,
    which got the young person's "Har du fyllt 18 samtycker du själv" (persona round, session 38). A young
    person who said how old they are keeps the wording written to them (or to 18–20-year-olds)."""
    return asks_as_a_parent(tracker.latest_message.get("text")) and not ages_given(tracker)


def ages_given(tracker: Tracker) -> list[int]:
    """The writer's own age wherever this conversation gives it: "jag är 19" in any message, and the age of
    the one the plan is about where the writer said that is themself (the request's role `ung` with
    `request_age`, the preparation's `prep_role` `ung` with `prep_age`)."""
    said = [event.get("text") for event in tracker.events if event.get("event") == "user"]
    ages = [age for text in [*said, tracker.latest_message.get("text")] for age in own_ages(text)]
    if tracker.get_slot("request_role") == UNG and str(tracker.get_slot("request_age") or "").isdigit():
        ages.append(int(tracker.get_slot("request_age")))
    if tracker.get_slot("prep_role") == UNG and isinstance(tracker.get_slot("prep_age"), (int, float)):
        ages.append(int(tracker.get_slot("prep_age")))
    return ages


def said_they_are_a_young_adult(tracker: Tracker) -> bool:
    """18–20 by every age given, and not writing as a parent: Adam, 19, asking whether his parents must come
    got "du och dina vårdnadshavare" (persona round, session 36)."""
    return a_young_adult(ages_given(tracker)) and not said_they_are_a_guardian(tracker)


def in_fewer_words(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]] | None:
    """Right after an answer: after its longer text, the short answer; after the short one, there
    are no fewer words to give, and the person is told whom to ask. None when the bot's last turn
    was no answer ("för svårt" then says what is hard, and is answered as usual)."""
    article = articles().get(tracker.get_slot("last_article") or "")
    said = " ".join(_last_bot_texts(tracker))
    long_shown = article is not None and bool(article.long) and article.long.strip() in said
    if long_shown:
        dispatcher.utter_message(response="utter_in_fewer_words")
        return answer_with(dispatcher, tracker, article, extras=False)
    if article is None or article.short.strip() not in said:
        return None
    young = not said_they_are_staff(tracker) and not said_they_are_a_guardian(tracker)
    dispatcher.utter_message(response="utter_no_fewer_words" if young else "utter_no_fewer_words_adult")
    return [SlotSet("missed_turns", 0)]


def restate_for_staff(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]] | None:
    """"rektor här alltså" right after an answer worded for a young person or a parent: the same
    answer again, worded for staff. None when the message asks something, names no role, the
    role was known before, or the last answer has no staff wording."""
    text = tracker.latest_message.get("text")
    article = articles().get(tracker.get_slot("last_article") or "")
    if article is None or article.staff_short is None or question_part(text or "") is not None \
            or not says_they_work_with_sip(text) or said_they_are_staff(tracker, before_latest=True):
        return None
    dispatcher.utter_message(response="utter_answer_for_staff")
    return answer_with(dispatcher, tracker, article)


ROLE_ONLY_MAX_WORDS = 6


def only_says_they_work_with_sip(text: str | None) -> bool:
    """"kurator här", "jobbar som sjuksköterska på BUP": a role at work and no question."""
    return bool(text) and len(text.split()) <= ROLE_ONLY_MAX_WORDS and question_part(text) is None \
        and says_they_work_with_sip(text)


def _staff_wish_answered(text: str | None) -> str | None:
    """The article for a wish staff state after who they are, when nothing else answered the message."""
    from actions.staff_welcome import wished_article  # staff_welcome imports this module

    return wished_article(text) if says_they_work_with_sip(text) else None


def only_says_they_are_a_relative(text: str | None) -> bool:
    """"jag är mormor", "hej jag e farfar till en pojke på 13": who they are and no question."""
    return bool(text) and len(text.split()) <= ROLE_ONLY_MAX_WORDS and question_part(text) is None \
        and says_they_are_a_relative(text)


def said_not_in_the_sources(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """A question about what the seeds do not cover ("kan vi få tolk?"): says so, and where to ask
    (actions/source_gaps.py). Not for an article the person picked or "Berätta mer"."""
    intent = (tracker.latest_message.get("intent") or {}).get("name")
    gap = None if intent in ("show_article", "tell_more") else gap_in(_read_for_a_gap(tracker))
    if gap is not None:
        # Who is asking only matters for a gap: reading every message for a role costs.
        dispatcher.utter_message(text=gap.staff_reply if asks_as_staff(tracker) else gap.reply)
    return gap is not None


def _read_for_a_gap(tracker: Tracker) -> str | None:
    """The latest message; where it asks whether the last answer applies to something else too ("gäller det
    även för skolan?" after the KVÅ codes), that question said plainly with the answer's title ("gäller det
    skolan KVÅ-koder för SIP"): the sources may be silent on it (who registers the codes), as they are on
    the same question with the topic named."""
    text = tracker.latest_message.get("text")
    previous = articles().get(tracker.get_slot("last_article") or "")
    subject = what_it_may_apply_to(text)
    return f"gäller det {subject} {previous.title}" if previous is not None and subject is not None else text


def word_meaning_asked(text: str | None) -> preparation_flow.WordHelp | None:
    """The knowledge/preparation/words.yml entry with an explanation for the word the first clause asking
    about one asks about ("vad betyder samordnad", "för långt. vad e huvudman", "men samordnad vad e de");
    None when that word has no explanation there, or no clause asks what one word means."""
    for clause in meaning_clauses(text):
        word = preparation_flow.asks_about_a_word(clause)
        if word is not None:
            # The explanation of the entry for the word, even where an article explains it too.
            helped = preparation_flow.word_help(f"vad är {word}")
            return helped if helped is not None and helped.explanation else None
    return None


def explained_a_word(dispatcher: CollectingDispatcher, tracker: Tracker, found: list[Article]) -> bool:
    """"vad betyder verksamhet": a word of the bot's texts (knowledge/preparation/words.yml) explained from
    there with its source line, if any. The bot's own "Ingen verksamhet ser dina svar…" got "Menade du…?"
    or an article on samtycke (verification round, session 35). Where an article explains the word, or
    the article chosen names it in its title, that article comes first, unless the entry names the article
    itself: then the explanation, with the article one tap away ("vad betyder huvudman" got who the
    huvudmän are and not what the word means; persona round, session 36)."""
    helped = word_meaning_asked(tracker.latest_message.get("text"))
    # The explanations are written for young people; staff keep the article the search found.
    if helped is None or (found and said_they_are_staff(tracker)):
        return False
    if helped.article is None and (preparation_flow.article_explaining(helped.word) is not None
                                   or any(preparation_flow.names_the_word(article.title, helped) for article in found)):
        return False
    source = f"\n{SOURCE_LABEL} {short_source(helped.source)}" if helped.source else ""
    more = articles().get(helped.article or "")
    dispatcher.utter_message(text=f"{helped.explanation.strip()}{source}",
                             buttons=[article_button(more)] if more is not None else [])
    return True


class ActionAnswerQuestion(Action):
    def name(self) -> str:
        return "action_answer_question"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        from actions.preparation import START, edit_named, show_answers_of_the_opened_case  # preparation imports this
        from actions.request import told_who_calls_after_sending  # request imports this module
        from actions.delete_in_chat import answered_about_deleting  # via case_access, imports this module

        if edit_named(tracker) is not None:
            # "ändra 11" after opening a case: the preparation, at that question.
            return [FollowupAction(START)]
        if show_answers_of_the_opened_case(dispatcher, tracker):
            return [SlotSet("missed_turns", 0), SlotSet("article", None)]
        if reply_after_check_in(dispatcher, tracker):
            return [SlotSet("missed_turns", 0), SlotSet("article", None)]
        if told_who_calls_after_sending(dispatcher, tracker):
            # "vem kallar?" right after sending a request: the organisation it went to.
            return [SlotSet("missed_turns", 0), SlotSet("article", None)]
        if answered_about_deleting(dispatcher, tracker):
            # "vänta fick vårdcentralen veta att jag tog bort den?" after deleting got an unrelated article
            # (persona round, session 36): what the deletion did.
            return [SlotSet("missed_turns", 0), SlotSet("article", None)]
        from actions.consent import started_the_wished_withdrawal, told_whose_consent_it_is  # consent imports this

        withdrawal = await started_the_wished_withdrawal(dispatcher, tracker, domain)
        if withdrawal is not None:  # "hej jag vill stoppa samtycke. hur gor jag" (persona round, session 38)
            return withdrawal
        if not said_they_are_staff(tracker) and told_whose_consent_it_is(dispatcher, tracker):
            # "men min fru samtycke, ar det ocksa borta nu?" after the withdrawal (persona round, session 38).
            return [SlotSet("missed_turns", 0), SlotSet("article", None)]
        fewer = in_fewer_words(dispatcher, tracker) if asks_for_simpler_words(tracker.latest_message.get("text")) \
            else None
        if fewer is not None:
            return fewer
        if asks_for_plain_language(tracker.latest_message.get("text")):
            # "jag förstår inte, enkel svenska tack" after no answer got "Menade du…?" (persona round,
            # session 34, a father with Swedish as his second language): how to ask in few words.
            dispatcher.utter_message(response="utter_plain_language")
            return [SlotSet("missed_turns", 0), SlotSet("article", None)]
        if says_the_code_is_lost(tracker.latest_message.get("text")):
            dispatcher.utter_message(response="utter_lost_code")
            return [SlotSet("missed_turns", 0), SlotSet("article", None)]
        from actions.staff_welcome import told_staff_where_notes_belong  # staff_welcome imports this module

        if told_staff_where_notes_belong(dispatcher, tracker):
            # "kan jag spara mina anteckningar här?" from staff, read as another intent than `privacy`, got
            # "Menade du…?" or an unrelated article (verification round, session 39): where notes belong.
            return [SlotSet("missed_turns", 0), SlotSet("article", None)]
        if continue_typed_guide(dispatcher, tracker):
            # "regionen, vc" typed after a guide question reads as a question, but answers it.
            return [SlotSet("missed_turns", 0)]
        restated = restate_for_staff(dispatcher, tracker)
        if restated is not None:
            return restated
        if only_says_they_work_with_sip(tracker.latest_message.get("text")):
            # "kurator här" with no answer before it got "Menade du…?" (the classifier unsure of
            # `staff`; verification round, session 25): what the bot offers staff.
            from actions.staff_welcome import welcome_staff  # staff_welcome imports this module

            welcome_staff(dispatcher, tracker.latest_message.get("text"))
            return [SlotSet("missed_turns", 0), SlotSet("article", None)]
        if only_says_they_are_a_relative(tracker.latest_message.get("text")):
            # "jag är mormor" was `nlu_fallback` (0.55) after session 36's training, not `staff` or `inform`,
            # and would have got "Menade du…?": what a relative can do, whatever the classifier said.
            dispatcher.utter_message(response="utter_relative_welcome")
            return [SlotSet("missed_turns", 0), SlotSet("article", None)]
        from actions.consent import (speaks_of_a_withdrawal,  # here: consent imports this module
                                     told_about_a_new_consent_after_withdrawal, told_staff_the_family_gives_it,
                                     told_which_consent_applies)

        if told_staff_the_family_gives_it(dispatcher, tracker):
            # "mamman sa ok på telefon, kan jag registrera samtycket här?" (verification round, session 35).
            return [SlotSet("missed_turns", 0), SlotSet("article", None)]
        if told_which_consent_applies(dispatcher, tracker) or \
                (speaks_of_a_withdrawal(tracker) and told_about_a_new_consent_after_withdrawal(dispatcher, tracker)):
            # "vilken gäller?" with two consents in force in the opened case (persona round, session 34);
            # "är sipen avslutad nu?? jag gjorde ju ett nytt direkt" (persona round, session 35).
            return [SlotSet("missed_turns", 0), SlotSet("article", None)]
        if said_not_in_the_sources(dispatcher, tracker):
            return [SlotSet("missed_turns", 0), SlotSet("article", None)]
        next_steps = next_steps_response(tracker)
        if next_steps:
            # Inside a form "vad händer sen?" is about the form (then its question comes again).
            dispatcher.utter_message(response=next_steps)
            return [SlotSet("missed_turns", 0)]
        known = articles()
        article_ids, detailed, suggestions = choose_article(tracker)
        found = [known[a] for a in article_ids if a in known]
        if explained_a_word(dispatcher, tracker, found):
            return [SlotSet("missed_turns", 0), SlotSet("article", None)]
        if found:
            # Two questions in one message: the first answer without its buttons and offer, which
            # belong after the last answer.
            events = [event for article in found[:-1]
                      for event in answer_with(dispatcher, tracker, article, extras=False)]
            return events + answer_with(dispatcher, tracker, found[-1], detailed)
        wished = _staff_wish_answered(tracker.latest_message.get("text"))
        if wished is not None:
            # "hej kurator på haga, vill kalla till sip för en elev 14 år med bup-kontakt" was `faq` and got
            # "Menade du…?" (verification round, session 36): a stated wish answered as at the staff welcome.
            return answer_with(dispatcher, tracker, known[wished])

        misses = int(tracker.get_slot("missed_turns") or 0) + 1
        if misses >= 2 and said_they_are_staff(tracker):
            # Not "kontakta skolan, vården eller socialtjänsten där du redan har kontakt", which a
            # BUP nurse or a socialsekreterare cannot use (persona round, session 24).
            dispatcher.utter_message(response="utter_not_found_for_staff")
            return [SlotSet("missed_turns", 0), SlotSet("article", None)]
        if misses >= 2:
            # Asked for, "prata med en människa" needs no apology; after two misses it does.
            dispatcher.utter_message(response="utter_not_understood_again")
            await ActionReachAPerson().run(dispatcher, tracker, domain)
            return [SlotSet("missed_turns", 0), SlotSet("article", None)]
        guesses = [known[a] for a in suggestions if a in known]  # choose() limits how many
        if not guesses:
            dispatcher.utter_message(response="utter_out_of_scope")
            return [SlotSet("missed_turns", misses), SlotSet("article", None)]
        dispatcher.utter_message(response="utter_did_you_mean", buttons=[article_button(a) for a in guesses])
        return [SlotSet("missed_turns", misses), SlotSet("article", None)]


# Above this confidence the intent classifier is left to call a message out of scope (or a request
# for the menu) even right after an answer: in the held-out sets the off-topic questions that read
# as follow-ups ("vad blir det för väder imorgon") scored 0.98 and more, the follow-ups it took for
# out of scope ("hur gammal då?" after UMO) 0.62 and 0.69 (docs/training.md).
SURE_OF_ITS_INTENT = 0.9


def unsure_answer(latest_message: dict[str, Any], last_article: str | None,
                  form: str | None = None) -> str | None:
    """The article for a question the classifier was not sure was off-topic or a request for the
    menu: read as a follow-up, or answered when the articles clearly answer its own words ("vilka
    KVÅ-koder ska jag använda?" was taken for `help` at 0.57 and got the menu; persona round,
    session 20). Not inside a form, whose question comes first."""
    if float((latest_message.get("intent") or {}).get("confidence") or 0.0) >= SURE_OF_ITS_INTENT:
        return None
    answered = follow_up_answer(latest_message, last_article, form)
    text = latest_message.get("text") or ""
    if answered is None and not form and reads_as_question(text):
        answered = _clear_answer(text)
    return answered


class _FollowUpOr(Action, ABC):
    """A question about the last answer that the classifier gave another intent is answered as a
    follow-up; anything else gets the intent's own reply."""

    @abstractmethod
    def name(self) -> str: ...

    @abstractmethod
    def otherwise(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> None: ...

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        answered = unsure_answer(tracker.latest_message, tracker.get_slot("last_article"),
                                 (tracker.active_loop or {}).get("name"))
        if answered is not None:
            return answer_with(dispatcher, tracker, articles()[answered])
        self.otherwise(dispatcher, tracker)
        return []


class ActionOutOfScope(_FollowUpOr):
    def name(self) -> str:
        return "action_out_of_scope"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        # "vad kostar en sip?" is about SIP: not "Det kan jag tyvärr inte svara på. Jag kan svara på frågor om SIP".
        if said_not_in_the_sources(dispatcher, tracker):
            return []
        return await super().run(dispatcher, tracker, domain)

    def otherwise(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
        dispatcher.utter_message(response="utter_out_of_scope")


class ActionHelp(_FollowUpOr):
    """What the bot can do: for staff their menu, not the young person's and guardian's."""

    def name(self) -> str:
        return "action_help"

    def otherwise(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
        dispatcher.utter_message(response="utter_staff_menu" if said_they_are_staff(tracker) else "utter_help")


# Built while the action server starts (it imports every module of the package), so the
# first question does not wait the seconds the search and the classifier take to build.
article_search()
article_classifier()
