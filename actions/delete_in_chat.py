"""Deleting everything about a case from inside the chat, once the case is open here.

Wilma, 12, opened her case with reference and code, wrote "radera allt" three times and was sent to
/mina-uppgifter each time; "kan inte du göra det? jag fattar inte den sidan" got the help menu
(persona round, session 33). Now action_delete_my_data asks first (action_ask_delete_everything:
what is saved, that it cannot be undone, "Ja, radera allt" / "Nej, behåll"), and only an explicit
yes to that very question deletes, with the page's own deletion (actions/casestore/rights.py), so
organisations that got a request are told it is withdrawn. Anything else keeps everything; a message
about something else in between makes a later "ja" no answer to it (`asked_just_before`).

The chat itself is deleted with the widget's "Radera samtalet" button, not here: Nova, 15, typed
"radera samtalet" and was offered to delete her whole case (persona round). A wish that names only the
chat gets the button first (`speaks_of_the_chat_only`).

A question about what deleting does is answered, never turned into the offer: a girl of 14 asked "ok men om
jag trycker radera samtalet försvinner mina svar då?? vill ha kvar dom till mötet" and was asked "Vill du att
jag raderar allt nu?" (verification round). Only a wish ("radera allt", "jag vill radera mina svar") asks
(`asks_what_deleting_does`, `answer_what_deleting_does`). A question about a deletion already done, here or
on /mina-uppgifter, gets what that deletion did and what is left (`answered_about_deleting`).
Questions around a deletion not yet done are answered too, without the offer (persona round, session 38,
Johanna): who is told (`asks_who_is_told`), what taking back the samtycke does instead (`asks_withdraw_or_delete`),
whether a new request can be made later; after a no the offer comes again only for a new wish
(`declined_since_asked`).
Rules: data/rules/delete_in_chat.yml; responses: bot/domain/conversation.yml, and for a deletion already
done or questions around one bot/domain/case_access.yml.
"""
from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import request_rules, settings
from actions.answer_rules import question_part, wants_everything_deleted
from actions.bot_history import previous_action, since_the_message_before
from actions.case_access import deleted_since_opened, is_verified
from actions.casestore import request_store, rights
from actions.casestore.models_request import WITHDRAWN
from actions.casestore.request_rights import join_names
from actions.casestore.retention import load_feature_modules
from actions.casestore import consents as consent_store
from actions.consent_rules import in_force_or_upcoming, parse_confirmation, wants_an_organisation_taken_out
from actions.local_time import today
from actions.store_access import case_store
from actions.yes_no import ACKNOWLEDGEMENTS, YES
from bot.nlu.text import fold

ASK = "action_ask_delete_everything"
REPLY = "action_delete_everything_reply"
# The question's buttons (bot/domain/conversation.yml) send these.
YES_PAYLOAD = "/affirm"
# What the question names, in the page's words (actions/casestore/rights.sv.yml `sections`).
SAVED_SECTIONS = ("preparation_answers", "preparation_history", "consents", "sip_requests")
# Slots that hold the deleted case or what was typed for it: after the deletion they would show it
# again (the preparation's role and step, a request's or samtycke's answers). Their names' beginnings.
CASE_SLOT_PREFIXES = ("case_", "prep_", "consent_", "request_")

# Every feature's export sections and delete hooks, as the page loads them (channels/rights_page.py).
load_feature_modules()


# The chat ("radera samtalet", "det jag skrev i chatten") and what is saved in the case. "allt" counts
# as the case: "rensa chatten och allt som har sparats" is both, and the question to delete everything
# names the button too. Folded (bot.nlu.text.fold): "begäran" is "begaran".
_THE_CHAT = re.compile(r"\b(?:chatt\w*|chat|samtalet|konversation\w*)\b")
_CASE_WORDS = r"(?:svar\w*|uppgift\w*|samtyck\w*|begaran\w*|forfragan\w*|arend\w*|forberedels\w*|referens\w*|allt)"
_THE_CASE = re.compile(rf"\b{_CASE_WORDS}\b")
# "bara chatten, inte svaren": the answers named only to be left out.
_NOT_THE_CASE = re.compile(rf"\b(?:inte|ej|utan)\s+(?:(?:mina|min|mitt|de|dom|dem|hans|hennes|sina|alla)\s+)?"
                           rf"{_CASE_WORDS}\b")


def speaks_of_the_chat_only(text: str | None) -> bool:
    """The message names the chat and nothing saved in the case (or leaves that out: "bara chatten,
    inte svaren"). For a wish to delete, the button, not the case's deletion."""
    folded = fold(text or "")
    return bool(_THE_CHAT.search(folded)) and not _THE_CASE.search(_NOT_THE_CASE.sub(" ", folded))


def case_deleted_here(tracker: Tracker) -> bool:
    """Whether the case was deleted in this conversation (its slots are empty since)."""
    return any(event.get("event") == "bot" and (event.get("metadata") or {}).get("utter_action")
               == "utter_delete_everything_done" for event in tracker.events)


def asks_about_the_chat(tracker: Tracker) -> bool:
    """A wish about the chat only; or, once the case was deleted here, any that names the chat ("är allt
    borta nu? även chatten?", Nova, 15): nothing saved is left to tell apart from it."""
    text = tracker.latest_message.get("text")
    return speaks_of_the_chat_only(text) or (
        case_deleted_here(tracker) and not is_verified(tracker) and bool(_THE_CHAT.search(fold(text or ""))))


def tell_how_to_delete_the_chat(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    """The button first; then that it leaves the case, or, the case deleted here, that the chat is left."""
    if case_deleted_here(tracker) and not is_verified(tracker):
        dispatcher.utter_message(response="utter_delete_chat_after_the_case")
        chat_left(dispatcher)
        return
    dispatcher.utter_message(response="utter_delete_chat_button")
    dispatcher.utter_message(response="utter_delete_chat_not_the_case")


def chat_left(dispatcher: CollectingDispatcher) -> None:
    dispatcher.utter_message(response="utter_delete_everything_chat_left",
                             chat_days=settings.load().conversation_retention_days)


# Questions about what deleting does, not wishes to delete (verification round, a girl of 14). Folded.
# Deleting named: the verb, or the button.
_DELETING = re.compile(r"\b(?:radera\w*|ta\s+bort|tar\s+bort|tas\s+bort|rensa\w*|tryck\w*|knappen)\b")
# What happens to something: "försvinner mina svar", "e svaren kvar", "vad händer", "tappar jag…".
_WHAT_HAPPENS = re.compile(r"\b(?:forsvinn\w*|kvar|borta|vad\s+(?:hander|sker|raderas)|forlor\w*|tappar)\b"
                           r"|^\W*(?:(?:ok|okej|men|sa|assa|alltsa)\W+)*(?:raderas|tas\s+bort)\b")  # verb first: asked
# "om jag raderar…?", "ifall man trycker på…?": deleting supposed, then asked about.
_SUPPOSED = re.compile(r"\b(?:om|ifall|nar)\s+(?:jag|man|vi|ni|du)\s+(?:\w+\s+){0,2}?"
                       r"(?:radera\w*|tar\s+bort|tryck\w*|rensar)\b")
# "försvinner den också?", "raderas svaren med?": asked whether something goes along.
_ALSO = re.compile(r"\b(?:ocksa|aven|med)\s*\?")
# The chat's button, named in a question ("om jag trycker radera samtalet…"): not a wish to delete the case,
# and a wish about the chat alone gets the button anyway.
_THE_BUTTON = re.compile(r"[\"”'“]?\b(?:radera|ta\s+bort|rensa)\s+(?:samtalet|chatten|chatt|konversationen)\b[\"”'“]?")
# A wish: "jag vill radera mina svar", "kan du ta bort allt", or the verb opening a sentence ("radera allt",
# "SLUTA. radera allt", "ok men radera allt").
_DELETE_VERB = r"(?:radera|ta\s+bort|rensa|sudda|tomma)"
_WISH = re.compile(
    rf"\bvill\s+(?:att\s+(?:du|ni)\s+)?{_DELETE_VERB}\b"
    rf"|\b(?:kan|kan\s+inte|skulle|snalla)\s+(?:du|ni)\s+(?:\w+\s+)?{_DELETE_VERB}\b"
    rf"|(?:^|[.!?,;:\n]\s*)(?:(?:ok|okej|ja|jo|men|assa|alltsa|nej|snalla|da|sa|bara|sluta|hallo)\s+)*"
    rf"{_DELETE_VERB}\b")
# What deleting the case is, named: then what it removes is said too.
_THE_CASE_DELETED = re.compile(r"\b(?:radera\w*|ta\s+bort|tar\s+bort)\s+(?:(?:mina|min|mitt|hela)\s+)?"
                               r"(?:uppgift\w*|allt|arend\w*)\b|\barendet\b")
# "vill ha kvar dom till mötet", "jag vill inte förlora mina svar": a wish to keep, heard.
_KEEP = re.compile(r"\b(?:vill|ska|behover|maste)\s+(?:\w+\s+)?(?:ha\s+kvar|behalla|spara)\b"
                   r"|\bvill\s+inte\s+(?:att\s+)?(?:\w+\s+){0,2}(?:forsvinn\w*|raderas|tas\s+bort|forlora|tappa)\b")


def wishes_to_delete(text: str | None) -> bool:
    """A wish to delete something saved, the chat's button aside ("om jag trycker radera samtalet" is none)."""
    return bool(_WISH.search(_THE_BUTTON.sub(" ", fold(text or ""))))


def asks_what_deleting_does(text: str | None, deleting_implied: bool = False) -> bool:
    """A question about what deleting does ("e svaren kvar om jag raderar chatten?", "vad händer om jag
    raderar…?"), not a wish to delete. `deleting_implied`: the message came as a wish to delete or as the
    reply to the question to delete everything, so "försvinner mina svar då?" needs no verb."""
    folded = fold(text or "")
    if wishes_to_delete(text):
        return False
    deleting = bool(_DELETING.search(folded)) or deleting_implied
    asked = "?" in folded
    return deleting and (bool(_WHAT_HAPPENS.search(folded)) or (asked and bool(_ALSO.search(folded)))) \
        or asked and bool(_SUPPOSED.search(folded))


def _unconfirmed_draft(tracker: Tracker) -> bool:
    """The case opened here holds no confirmed preparation, samtycke or request: the draft rule deletes it."""
    reference = tracker.get_slot("case_reference")
    if not is_verified(tracker):
        return False  # not known here: the general text (/integritet) says it
    store = case_store()
    return store.preparation_completed_at(reference) is None and \
        not rights.saved_section_keys(store, reference, ("consents", "sip_requests"))


def answer_what_deleting_does(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    """The chat's button deletes only the chat; what deleting the case removes when the question is not
    about the chat or names the case; a wish to keep the answers heard."""
    folded = fold(tracker.latest_message.get("text") or "")
    dispatcher.utter_message(response="utter_delete_question_chat")
    if not (_THE_CHAT.search(folded) or "knappen" in folded) or _THE_CASE_DELETED.search(folded):
        dispatcher.utter_message(response="utter_delete_question_the_case")
    if _KEEP.search(folded):
        dispatcher.utter_message(response="utter_delete_question_keep")
        if _unconfirmed_draft(tracker):
            dispatcher.utter_message(response="utter_delete_question_keep_draft",
                                     draft_days=settings.load().draft_retention_days)


# After a deletion already done (persona round, session 36): "jag har raderat på sidan nu. finns något kvar om
# yusuf?" (Amina, after deleting on /mina-uppgifter) was told the chat's button leaves everything saved, and took
# it that the deletion failed; "vänta fick vårdcentralen veta att jag tog bort den?" (Adam, 19, after deleting
# here) got an article. What that deletion removed, whether an organisation is told, and what is left. Folded.
_DELETED = re.compile(r"\b(?:raderat|raderade|rensat|rensade|tog\s+bort|tagit\s+bort)\b")
# Where: the page, by its name or its place ("på sidan", "på mina uppgifter"); the case, by its code.
_ON_THE_PAGE = re.compile(r"\b(?:sidan|hemsidan|webbsidan|webben|lanken)\b|/mina-uppgifter"
                          r"|\b(?:pa|i)\s+mina\s+uppgifter\b")
_CASE_BY_ITS_CODE = re.compile(r"\bmina\s+uppgifter\b|\bmed\s+(?:koden|referens\w*)\b")
_WHAT_IS_LEFT = re.compile(r"\b(?:kvar|borta|funka\w*|fungera\w*|lyckades|gick\s+(?:det\s+)?igenom|gatt\s+igenom)\b")
_WHO_WAS_TOLD = re.compile(r"\b(?:fick|far|fatt)\s+(?:\w+\s+){0,3}?veta\b|\bvet\s+(?:\w+\s+){0,3}?(?:om|att)\b"
                           r"|\bmeddela\w*|\bnotis\w*")
# "måste jag fråga mina föräldrar om jag vill göra om det": asking again, and the parents.
_PARENTS = re.compile(r"\b(?:foraldr\w*|mamma\w*|pappa\w*|morsan|farsan|vardnadshavar\w*)\b")
_AGAIN = re.compile(r"\b(?:gora\s+om|igen|pa\s+nytt|borja\s+om|skicka\s+en\s+ny|en\s+ny\s+(?:begaran|sip))\b")
PAGE, CHAT = "page", "chat"
# Said after the deletion when a request had already reached its organisation (rights.sv.yml withdrawal_notice).
_NOTICE = re.compile("|".join(re.escape(template).replace(re.escape("{organisations}"), ".+")
                              for key, template in rights.TEXTS["withdrawal_notice"].items() if key != "and"))


def asks_after_deleting(text: str | None) -> bool:
    """A question about a deletion already done: what is left, or whether someone was told ("jag har
    raderat på sidan nu. finns något kvar?", "fick vårdcentralen veta att jag tog bort den?")."""
    folded = fold(text or "")
    return bool(_DELETED.search(folded)) and not wishes_to_delete(text) and question_part(text or "") is not None \
        and bool(_WHAT_IS_LEFT.search(folded) or _WHO_WAS_TOLD.search(folded))


def deleted_where(tracker: Tracker) -> str | None:
    """Where the person deleted: on the page when they say so or the case opened here is gone since; in the
    chat when it was deleted here. None when not known: a question about the chat (or its button) is
    answered as before."""
    folded = fold(tracker.latest_message.get("text") or "")
    if _ON_THE_PAGE.search(folded):
        return PAGE
    if _THE_CHAT.search(folded) and not _WHO_WAS_TOLD.search(folded):
        return None  # "jag har raderat chatten, finns svaren kvar?": what the button does
    if case_deleted_here(tracker) and not is_verified(tracker):
        return CHAT
    if deleted_since_opened(tracker) or _CASE_BY_ITS_CODE.search(folded):
        return PAGE
    return None


def _held_a_request(tracker: Tracker) -> bool | None:
    """Whether the case held a SIP request when the question to delete everything was last asked here."""
    for event in reversed(tracker.events):
        said = (event.get("metadata") or {}).get("utter_action") if event.get("event") == "bot" else None
        if said in ("utter_delete_everything_confirm", "utter_delete_everything_confirm_request"):
            return said == "utter_delete_everything_confirm_request"
    return None


def _notices_said(tracker: Tracker) -> list[str]:
    """The withdrawal notices said when the case was deleted here (delete_everything)."""
    notices: list[str] = []
    for event in tracker.events:
        if event.get("event") != "bot":
            continue
        if (event.get("metadata") or {}).get("utter_action") == "utter_delete_everything_done":
            notices = []  # the last deletion's
        elif _NOTICE.fullmatch(event.get("text") or ""):
            notices.append(event["text"])
    return notices


def _tell_who_was_told(dispatcher: CollectingDispatcher, tracker: Tracker, where: str, asked: bool) -> None:
    """Only a request that had reached its organisation gets it a message, that it is withdrawn
    (actions/casestore/request_rights.py); one not yet delivered goes with the case, never sent
    (request_store._organisation_may_hold). Nothing is sent about answers or samtycken."""
    held = _held_a_request(tracker)
    notices = _notices_said(tracker) if where == CHAT else []
    if notices:
        for notice in notices:
            dispatcher.utter_message(response="utter_deleted_request_was_told", notice=notice)
    elif where == CHAT and held:
        dispatcher.utter_message(response="utter_deleted_request_not_sent")
    elif held is False:
        if asked:
            dispatcher.utter_message(response="utter_deleted_no_request")
    else:
        # The page said it, if so; the chat cannot know afterwards.
        dispatcher.utter_message(response="utter_deleted_request_if_sent")


def _answered_a_deletion_done(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """Answers a question about a deletion already done (`asks_after_deleting`) when it is known where it was
    done; False, and nothing said, otherwise. The page's deletion is what the page says it is (rights.sv.yml
    `page`); the chat is kept for its days unless its button deletes it."""
    text = tracker.latest_message.get("text")
    if not asks_after_deleting(text):
        return False
    where = deleted_where(tracker)
    if where is None:
        return False
    folded = fold(text or "")
    told_only = bool(_WHO_WAS_TOLD.search(folded)) and not _WHAT_IS_LEFT.search(folded)
    reference = tracker.get_slot("case_reference")
    if where == PAGE and is_verified(tracker):
        # Not deleted: what is still saved, and how the page deletes (its own words).
        keys = rights.saved_section_keys(case_store(), reference, SAVED_SECTIONS)
        dispatcher.utter_message(response="utter_deleted_on_the_page_still_there", reference=reference,
                                 saved=said_as_a_list(keys), button=rights.TEXTS["page"]["delete"])
        return True
    if not told_only:
        if where == CHAT:
            dispatcher.utter_message(response="utter_delete_chat_after_the_case")
        elif deleted_since_opened(tracker):
            dispatcher.utter_message(response="utter_deleted_on_the_page", reference=reference)
        else:
            dispatcher.utter_message(response="utter_deleted_on_the_page_unknown")
    _tell_who_was_told(dispatcher, tracker, where, asked=told_only)
    if _names_a_person_told(folded):
        dispatcher.utter_message(response="utter_delete_who_is_told_people")
    if not told_only:
        chat_left(dispatcher)
    if _PARENTS.search(folded) and _AGAIN.search(folded):
        dispatcher.utter_message(response="utter_deleted_ask_again")
    return True


# Questions around a deletion not yet done (persona round, session 38, Johanna, a separated mother): after "nej
# vänta", "får pappan veta att jag raderat? får skolan veta varför?" got the question to delete everything again,
# and "får barnets andra vårdnadshavare veta om jag raderar?" the general text on deleting. Folded.
_WHO_IS_TOLD = re.compile(_WHO_WAS_TOLD.pattern + r"|\b(?:fa|far|fick|fatt)\s+(?:\w+\s+){0,3}?(?:veta|reda\s+pa)\b"
                          r"|\bberatta\w*|\bmarker\b|\bmarka\b")
# Someone told in person, not an organisation: "får pappan veta", "vet barnets andra vårdnadshavare om".
_PERSON = re.compile(_PARENTS.pattern + r"|\bex(?:et|en|man\w*|fru\w*|partner\w*)?\b|\bbarnet\w*\b")
# Deleting named in any tense ("om jag raderar", "att jag raderat", "tagit bort det").
_ANY_DELETING = re.compile(_DELETING.pattern + "|" + _DELETED.pattern)
# Only a samtycke taken away ("får pappan veta om jag tar bort samtycket?"): a withdrawal, not a deletion.
_CONSENT = re.compile(r"\bsamtyck\w*")
_MORE_THAN_THE_CONSENT = re.compile(r"\b(?:radera\w*|allt|uppgift\w*|arend\w*|begaran\w*|forfragan\w*)\b")
# Taking the samtycke back compared with deleting ("vad är skillnaden om jag bara tar tillbaka samtycket
# istället för att radera allt?").
_WITHDRAWING = re.compile(r"\b(?:(?:ta|tar|dra|drar|tagit|dragit)\s+tillbaka|aterkall\w*)\b")
_DELETING_ALL = re.compile(r"\b(?:radera\w*|(?:ta|tar)\s+bort)\b")
_COMPARED = re.compile(r"\b(?:skillnad\w*|istallet|i\s+stallet|eller|hellre|battre|racker|jamfort)\b")
# "kan jag göra en ny begäran sen om det lugnar sig?"
_NEW_REQUEST = re.compile(r"\bny\w*\s+(?:begaran|sip|forfragan)\b")
# A new wish to delete after a no: the overview's or the comparison's button, or the exact command.
_DELETE_PAYLOAD = "/delete_my_data"


def _spoke_of_deleting_last(tracker: Tracker) -> bool:
    """Whether the bot's last turn was about deleting: "får skolan veta varför?" then asks about it too."""
    return any(event.get("event") == "bot" and str((event.get("metadata") or {}).get("utter_action") or "")
               .startswith("utter_delete") for event in since_the_message_before(tracker)) \
        or previous_action(tracker) == ASK


def _about_deleting(text: str | None, deleting_implied: bool) -> bool:
    """The message is about deleting the case: it names deleting, or came as a wish to delete or right after
    the bot spoke of deleting; not about the chat alone, nor about only a samtycke taken away."""
    folded = fold(text or "")
    if speaks_of_the_chat_only(text):
        return False
    if _CONSENT.search(folded) and not _MORE_THAN_THE_CONSENT.search(folded):
        return False
    return deleting_implied or bool(_ANY_DELETING.search(folded))


def asks_who_is_told(text: str | None, deleting_implied: bool = False) -> bool:
    """Whether someone is told about a deletion: "får pappan veta att jag raderat?", "vet skolan då att jag
    tagit bort det", "jag frågade om pappan får veta" (right after the question to delete)."""
    return bool(_WHO_IS_TOLD.search(fold(text or ""))) and _about_deleting(text, deleting_implied)


def asks_withdraw_or_delete(text: str | None) -> bool:
    """Taking back the samtycke compared with deleting everything."""
    folded = fold(text or "")
    return bool(_WITHDRAWING.search(folded) and _CONSENT.search(folded) and _DELETING_ALL.search(folded)
                and _COMPARED.search(folded))


def asks_about_a_new_request(text: str | None, deleting_implied: bool = False) -> bool:
    """"kan jag göra en ny begäran senare?" around a deletion."""
    return bool(_NEW_REQUEST.search(fold(text or ""))) and _about_deleting(text, deleting_implied)


def _names_a_person_told(folded: str) -> bool:
    """"får pappan veta": a person is who would be told (not "fick vårdcentralen veta")."""
    return any(_PERSON.search(match.group(0)) for match in _WHO_IS_TOLD.finditer(folded))


def _requests_not_withdrawn(reference: str) -> list[str]:
    """The organisations of the case's SIP requests not taken back, each once, in order."""
    rows = request_store.requests_for(case_store(), reference)
    return list(dict.fromkeys(request_rules.organisation_name(row["organisation_id"], row["organisation_id"])
                              for row in rows if row["status"] != WITHDRAWN))


def tell_who_would_be_told(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    """What deleting sends, as the code does it: no person is told (nothing is sent but the withdrawal
    notice, actions/casestore/request_rights.py); an organisation that already got a request gets a notice
    that it is withdrawn, with no reason in it (request_store.pending_withdrawal_notices: id and status);
    one not yet delivered is never sent. Nothing is sent about answers or samtycken."""
    dispatcher.utter_message(response="utter_delete_who_is_told_people")
    reference = tracker.get_slot("case_reference")
    if not is_verified(tracker):
        dispatcher.utter_message(response="utter_delete_who_is_told_if_sent")
        return
    names = _requests_not_withdrawn(reference)
    if names:
        dispatcher.utter_message(response="utter_delete_who_is_told_request", organisations=join_names(names))
    elif request_store.requests_for(case_store(), reference):
        dispatcher.utter_message(response="utter_delete_who_is_told_if_sent")  # taken back already
    else:
        dispatcher.utter_message(response="utter_delete_who_is_told_no_request")


# "men samtycket då? gäller det fortfarande om det raderas?" got the text on how long a samtycke lasts (persona
# round, session 39, Elin). Whether the samtycke stays or still holds when everything is deleted.
_STILL_THERE = re.compile(r"\b(?:galler|gall|giltig\w*|kvar|borta|forsvinn\w*|fortfarande|slutar|upphor\w*)\b")
_DELETING_NAMED = re.compile(r"\bradera\w*")


def asks_about_the_consent_when_deleting(text: str | None, deleting_implied: bool = False) -> bool:
    """A question whether a samtycke stays, or still holds, when everything is deleted: "gäller samtycket om det
    raderas?", "är samtycket borta då också?" right after the bot spoke of deleting. Not "om jag tar bort samtycket"
    (a withdrawal)."""
    folded = fold(text or "")
    return "?" in folded and bool(_CONSENT.search(folded)) and bool(_STILL_THERE.search(folded)) \
        and (deleting_implied or bool(_DELETING_NAMED.search(folded)))


def tell_what_deleting_does_to_the_consent(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    """As the code does it: deleting the case removes its samtycken with it, withdrawal time and all (the case
    row's ON DELETE CASCADE, actions/casestore/rights.py delete_opened_case). No hook sends anything about a
    samtycke; only a delivered SIP request gets a withdrawal notice (request_rights.py)."""
    reference = tracker.get_slot("case_reference")
    if is_verified(tracker) and not consent_store.consents(case_store(), reference):
        dispatcher.utter_message(response="utter_consent_none_to_delete", reference=reference)
        return
    dispatcher.utter_message(response="utter_consent_deleted_with_the_case")


def told_about_taking_an_organisation_out(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """"kan jag ta bort bara dem?" about an organisation in a samtycke was offered "Ja, radera allt", and inside
    the withdrawal "kan jag inte bara ta bort socialtjänsten? resten vill jag ha kvar" got three texts on deleting
    (persona round, session 39, Elin, 19). No deleting: a samtycke is not changed here; it is taken back and a new
    one given. Only where a samtycke is talked about, begun taken back, or in force in the case opened here;
    not in the samtycke form, whose summary changes the organisations. False, and nothing said, otherwise."""
    from actions import consent  # here: consent imports modules that import this one

    text = tracker.latest_message.get("text")
    form = tracker.active_loop_name
    if form == consent.FORM or not wants_an_organisation_taken_out(text):
        return False
    if form == consent.WITHDRAW_FORM:
        dispatcher.utter_message(response="utter_consent_withdraw_only_whole")  # then its question again
        return True
    in_force = is_verified(tracker) and in_force_or_upcoming(
        consent_store.consents(case_store(), tracker.get_slot("case_reference")), today())
    if not (in_force or _CONSENT.search(fold(text or ""))):
        return False
    dispatcher.utter_message(response=consent.SOME_PARTIES_OFFER)
    return True


def told_about_deleting_before_it(dispatcher: CollectingDispatcher, tracker: Tracker,
                                  deleting_implied: bool = False) -> bool:
    """Answers a question around a deletion not yet done: taking back the samtycke instead, who is told,
    whether a new request can be made later. No offer to delete: with the case open here, how to ask for it
    (persona round, session 38). False, and nothing said, for any other message."""
    text = tracker.latest_message.get("text")
    implied = deleting_implied or _spoke_of_deleting_last(tracker)
    if asks_withdraw_or_delete(text):
        dispatcher.utter_message(response="utter_delete_or_withdraw")
        return True
    who = asks_who_is_told(text, implied)
    again = asks_about_a_new_request(text, implied)
    the_consent = asks_about_the_consent_when_deleting(text, implied)
    if not (who or again or the_consent):
        return False
    if the_consent:
        tell_what_deleting_does_to_the_consent(dispatcher, tracker)
    if who:
        tell_who_would_be_told(dispatcher, tracker)
    if again:
        dispatcher.utter_message(response="utter_delete_new_request_later")
    if is_verified(tracker) and not wishes_to_delete(text):
        dispatcher.utter_message(response="utter_delete_nothing_deleted_yet")
    return True


def answered_about_deleting(dispatcher: CollectingDispatcher, tracker: Tracker, deleting_implied: bool = False) -> bool:
    """A question about deleting answered: about a deletion already done, or around one not yet done."""
    return _answered_a_deletion_done(dispatcher, tracker) or \
        told_about_deleting_before_it(dispatcher, tracker, deleting_implied)


def declined_since_asked(tracker: Tracker) -> bool:
    """Whether the question to delete everything was asked for the case open now and answered, before the
    latest message, with anything but a yes (a yes deletes the case): "nej vänta" then "får pappan veta?"
    was asked again (persona round, session 38)."""
    last_ask = last_opened = -1
    for index, event in enumerate(tracker.events):
        if event.get("event") == "action" and event.get("name") == ASK:
            last_ask = index
        elif event.get("event") == "slot" and event.get("name") == "case_verified" and event.get("value"):
            last_opened = index
    if last_ask < 0 or last_ask < last_opened:
        return False
    return sum(event.get("event") == "user" for event in tracker.events[last_ask:]) > 1  # the latest is one


def asks_to_delete_again(text: str | None) -> bool:
    """A new wish to delete: typed, or a button that leads to the question."""
    return (text or "").strip().startswith(_DELETE_PAYLOAD) or wishes_to_delete(text) \
        or wants_everything_deleted(text)


def answers_what_deleting_does(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """For action_privacy (actions/preparation.py): "så om jag raderar chatten e svaren kvar?" read as
    `privacy` got the privacy text (verification round). Answers when the message asks what deleting does
    and names deleting; False, and nothing said, otherwise. A question about a deletion already done is
    answered first (`answered_about_deleting`)."""
    if answered_about_deleting(dispatcher, tracker):
        return True
    if case_deleted_here(tracker) and not is_verified(tracker):
        return False  # nothing saved is left: what the privacy text says
    if not asks_what_deleting_does(tracker.latest_message.get("text")):
        return False
    answer_what_deleting_does(dispatcher, tracker)
    return True


def _going_on(tracker: Tracker) -> list:
    """After the question to delete everything is answered without a yes: the preparation goes on if it
    was asked in the middle of it."""
    from actions import preparation  # here: it imports this module

    step = tracker.get_slot("prep_step")
    if is_verified(tracker) and step is not None and step not in preparation.NOT_GOING_ON:
        return [FollowupAction(preparation.START)]
    return []


def asked_just_before(tracker: Tracker) -> bool:
    """Whether the dialogue's last step before the latest message was the question to delete
    everything: a "ja" after something else in between is not a yes to it."""
    return previous_action(tracker) == ASK


def says_yes(text: str | None) -> bool:
    """An explicit yes: the button, or a yes word that opens the message and is not taken back
    ("ja", "Ja, radera allt", "ok ja"), read as the other confirmations are (consent_rules). An "ok"
    or "mm" alone acknowledges, and deleting cannot be undone."""
    text = (text or "").strip()
    if text == YES_PAYLOAD:
        return True
    words = [w for w in re.sub(r"[^\w ]", " ", fold(text)).split() if w not in ACKNOWLEDGEMENTS]
    return parse_confirmation(text) is True and bool(words) and words[0] in YES


def said_as_a_list(keys: list[str]) -> str:
    """"dina svar inför SIP-mötet, dina samtycken och dina SIP-förfrågningar", or "inget ännu"."""
    titles = [rights.TEXTS["sections"][key] for key in keys]
    titles = [title[:1].lower() + title[1:] for title in titles]
    return join_names(titles) if titles else rights.TEXTS["nothing_saved"]


def case_slots_reset(domain: dict[str, Any]) -> list[dict[str, Any]]:
    return [SlotSet(name, None) for name in sorted((domain or {}).get("slots") or {})
            if name.startswith(CASE_SLOT_PREFIXES)]


def delete_everything(dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list:
    """The case and everything under it, as /mina-uppgifter deletes it; the slots that named it go."""
    reference = tracker.get_slot("case_reference")
    notices = rights.delete_opened_case(case_store(), reference) or []
    dispatcher.utter_message(response="utter_delete_everything_done", reference=reference)
    for notice in notices:  # a request already sent: the organisation is told it is withdrawn
        dispatcher.utter_message(text=notice)
    chat_left(dispatcher)
    return case_slots_reset(domain)


async def answer_the_wish(dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list:
    """action_delete_my_data for a wish to delete everything (not its special cases in
    actions/preparation.py): asks first when the case is open here; otherwise where and how."""
    from actions import preparation  # here: it imports this module

    if _answered_a_deletion_done(dispatcher, tracker):
        # "jag har raderat på sidan nu. finns något kvar?": a question, not a wish (persona round, session 36).
        return []
    if told_about_taking_an_organisation_out(dispatcher, tracker):
        # Inside a form, the form asks its question again after this.
        return []
    verified, form = is_verified(tracker), tracker.active_loop_name
    text = tracker.latest_message.get("text")
    if told_about_deleting_before_it(dispatcher, tracker, deleting_implied=True):
        # "får pappan veta att jag raderat?" was asked to delete everything (persona round, session 38). With a
        # wish in the same message ("radera allt, men får skolan veta?") the question to delete comes after.
        asks_after = verified and not form and wishes_to_delete(text) and not asks_withdraw_or_delete(text)
        if asks_after:
            return [FollowupAction(ASK)]
        return _going_on(tracker) if asked_just_before(tracker) else []
    if not (case_deleted_here(tracker) and not verified) and asks_what_deleting_does(text, deleting_implied=True):
        # A question, not a wish: answered, with no offer to delete (verification round, a girl of 14).
        # Inside a form, the form asks its question again after this.
        if asked_just_before(tracker):
            dispatcher.utter_message(response="utter_delete_question_nothing_deleted")
            answer_what_deleting_does(dispatcher, tracker)
            return _going_on(tracker)
        answer_what_deleting_does(dispatcher, tracker)
        return []
    if asks_about_the_chat(tracker):
        # "radera samtalet" asked to delete the case (persona round, Nova, 15). Inside a form, the form
        # asks its question again after this.
        tell_how_to_delete_the_chat(dispatcher, tracker)
        return []
    everything = wants_everything_deleted(text)
    if verified and form == preparation.FORM and everything:
        # Its answers are saved as they are given, so it may end here, and goes on after a no: Nora, 13,
        # at the summary was told to write "avbryt" and then "radera mina uppgifter" (verification round,
        # session 33).
        return [ActiveLoop(None), SlotSet("requested_slot", None), FollowupAction(ASK)]
    if not verified or form:
        # Inside a form the form asks its question next, so a yes could not reach this question.
        dispatcher.utter_message(response="utter_delete_my_data")
        if verified and everything:
            # Not for "ta bort 5" away from the preparation's summary: no wish to delete everything.
            dispatcher.utter_message(response="utter_delete_in_chat_after_form")
        elif not form:
            dispatcher.utter_message(response="utter_delete_in_chat_with_code")
        return []
    if asked_just_before(tracker) and says_yes(tracker.latest_message.get("text")):
        # "ja radera allt" may be read as delete_my_data rather than affirm.
        return delete_everything(dispatcher, tracker, domain)
    if declined_since_asked(tracker) and not asks_to_delete_again(text):
        # After "nej vänta" the question came again for a question about deleting: a tap on its yes by
        # mistake cannot be undone (persona round, session 38). Only a new wish asks again.
        dispatcher.utter_message(response="utter_delete_not_asked_again")
        return _going_on(tracker)
    return [FollowupAction(ASK)]


class ActionAskDeleteEverything(Action):
    """What is saved, that it cannot be undone, and the two buttons."""

    def name(self) -> str:
        return ASK

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        if not is_verified(tracker):
            dispatcher.utter_message(response="utter_delete_my_data")
            return []
        reference = tracker.get_slot("case_reference")
        keys = rights.saved_section_keys(case_store(), reference, SAVED_SECTIONS)
        response = "utter_delete_everything_confirm_request" if "sip_requests" in keys \
            else "utter_delete_everything_confirm"
        dispatcher.utter_message(response=response, reference=reference, saved=said_as_a_list(keys))
        return []


class ActionDeleteEverythingReply(Action):
    """The reply to the question (data/rules/delete_in_chat.yml): only an explicit yes deletes."""

    def name(self) -> str:
        return REPLY

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        text = tracker.latest_message.get("text")
        if is_verified(tracker) and asked_just_before(tracker) and says_yes(text):
            return delete_everything(dispatcher, tracker, domain)
        if answered_about_deleting(dispatcher, tracker, deleting_implied=True):
            # "jag har redan raderat på sidan, finns något kvar?" as the reply (persona round, session 36); "får
            # pappan veta?" (session 38).
            return _going_on(tracker)
        if asks_what_deleting_does(text, deleting_implied=True):
            # "så om jag raderar chatten e svaren kvar?" as the reply: answered (verification round).
            dispatcher.utter_message(response="utter_delete_question_nothing_deleted")
            answer_what_deleting_does(dispatcher, tracker)
            return _going_on(tracker)
        if speaks_of_the_chat_only(text):
            # "nej bara chatten": the button first, then that the case is kept.
            dispatcher.utter_message(response="utter_delete_chat_button")
        dispatcher.utter_message(response="utter_delete_everything_kept")
        return _going_on(tracker)  # asked in the middle of the preparation: it goes on
