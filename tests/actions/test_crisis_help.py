"""The crisis reply, and the offer to go on with a form it interrupted."""
from __future__ import annotations

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.crisis_help import ActionCrisisHelp, ActionEverydayTalk, ActionResumeForm, crisis_reply, help_data


async def _run(action, tracker, domain):
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, tracker, domain)
    return dispatcher.messages, events


async def test_outside_a_form_only_the_help_is_given(tracker_for, domain):
    messages, events = await _run(ActionCrisisHelp(), tracker_for("crisis"), domain)
    assert [m["text"] for m in messages] == [crisis_reply()]
    assert events == []


async def test_inside_a_form_the_help_comes_first_then_an_offer_to_go_on(tracker_for, domain):
    tracker = tracker_for("crisis", active_loop={"name": "preparation_form"})
    messages, events = await _run(ActionCrisisHelp(), tracker, domain)
    assert messages[0]["text"] == crisis_reply()
    [button] = messages[1]["buttons"]
    assert button["payload"] == '/resume_form{"form_name": "preparation_form"}'
    assert events == []  # nothing is resumed until the person asks


async def test_the_offer_resumes_the_named_form(tracker_for, domain):
    tracker = tracker_for("resume_form")
    tracker.latest_message["entities"] = [{"entity": "form_name", "value": "preparation_form"}]
    _, events = await _run(ActionResumeForm(), tracker, domain)
    # Active first, so Rasa does not validate the answers given so far again, as on activation.
    assert events == [{"event": "active_loop", "name": "preparation_form", "timestamp": None},
                      {"event": "followup", "name": "preparation_form", "timestamp": None}]


async def test_an_unknown_form_name_is_not_run(tracker_for, domain):
    tracker = tracker_for("resume_form")
    tracker.latest_message["entities"] = [{"entity": "form_name", "value": "action_restart"}]
    messages, events = await _run(ActionResumeForm(), tracker, domain)
    assert events == []
    assert messages[0]["response"] == "utter_help"


async def test_everyday_talk_is_thanked_with_the_help_one_tap_away(tracker_for, domain):
    messages, events = await _run(ActionEverydayTalk(), tracker_for("everyday_talk"), domain)
    [message] = messages
    assert message["text"] == help_data()["everyday_talk"] and "Tack för att du berättar" in message["text"]
    assert crisis_reply() not in message["text"]
    assert [b["payload"] for b in message["buttons"]] == [help_data()["button"]["payload"]]
    assert events == []


def _user_event(text: str, intent: str = "crisis") -> dict:
    return {"event": "user", "text": text, "parse_data": {"text": text, "intent": {"name": intent}}}


async def test_staff_about_a_child_in_their_care_get_112_and_anmalningsplikt(tracker_for, domain):
    from actions.knowledge_base import articles

    text = "lärare. elev berättade på sip-mtg att pappa slår. måste jag anmäla själv?"
    messages, _ = await _run(ActionCrisisHelp(), tracker_for("crisis", text=text, events=[_user_event(text)]), domain)
    article = articles()[help_data()["staff_article"]]
    assert messages[0]["text"].startswith("Är någon i fara just nu? Ring 112.")
    assert article.render(for_staff=True) in messages[0]["text"] and "Bris" not in messages[0]["text"]
    assert [b["payload"] for b in messages[0]["buttons"]] == [help_data()["button"]["payload"]]
    assert len(messages) == 1  # the anmälningsplikt article, which answers the question, is not said twice


async def test_staff_whose_crisis_words_are_about_no_one_get_the_staff_reply(tracker_for, domain):
    # A district nurse about a patient got the young person's help, Bris first (persona round, session 27).
    events = [_user_event("jag är distriktssköterska på en vårdcentral", "staff"),
              _user_event("men om det egentligen är en BUP-fråga? psykisk ohälsa, självskada")]
    messages, _ = await _run(ActionCrisisHelp(), tracker_for("crisis", text=events[-1]["text"], events=events), domain)
    assert messages[0]["text"].startswith(help_data()["staff_reply"]) and "Bris" not in messages[0]["text"]


async def test_staff_writing_about_themself_and_children_writing_about_a_parent_get_the_full_help(tracker_for, domain):
    for text in ("kurator här och jag orkar inte leva längre", "min mamma slår mig när pappa inte är hemma"):
        messages, _ = await _run(ActionCrisisHelp(), tracker_for("crisis", text=text, events=[_user_event(text)]),
                              domain)
        assert messages[0]["text"] == crisis_reply(), text


@pytest.mark.parametrize("events,slots", [
    ([_user_event("min dotter sa att hon inte vill leva")], {}),
    ([_user_event("jag är pappa till en kille på 14", "greet"), _user_event("han säger att han vill dö")], {}),
    ([_user_event("han säger att han vill dö")], {"request_role": "vardnadshavare"}),
    # A parent who also works in a school, about their own child: the parent's reply.
    ([_user_event("lärare här. min son skär sig")], {}),
    # A grandmother: the adult's reply, which says "barnet", not "ditt barn" (persona round, session 27).
    ([_user_event("jag är mormor"), _user_event("mitt barnbarn skär sig i armarna")], {}),
])
async def test_a_guardian_about_their_own_child_gets_the_help_written_to_a_parent(tracker_for, domain, events, slots):
    from actions.crisis_help import guardian_reply

    text = events[-1]["text"]
    messages, _ = await _run(ActionCrisisHelp(), tracker_for("crisis", text=text, events=events[:-1], slots=slots),
                             domain)
    assert messages[0]["text"] == guardian_reply() != crisis_reply()
    assert "Är barnet eller någon annan i fara just nu? Ring 112." in guardian_reply()
    assert "För dig som är under 18" not in guardian_reply() and "Barnet kan själv ringa Bris" in guardian_reply()
    assert "ditt barn" not in guardian_reply().lower()


async def test_a_guardian_check_in_asks_about_the_child_not_are_you_ok(tracker_for, domain):
    from actions.crisis_help import ActionCrisisCheckIn

    text = "min son har slutat äta och sover hela dagarna"
    messages, _ = await _run(ActionCrisisCheckIn(), tracker_for("crisis_check_in", text=text), domain)
    assert messages[0]["text"] == help_data()["check_in_guardian"] and "barnet" in messages[0]["text"]
    assert [b["payload"] for b in messages[0]["buttons"]] == [help_data()["button"]["payload"]]


async def test_a_follow_up_read_as_help_now_after_an_answer_is_answered_with_the_button(tracker_for, domain):
    tracker = tracker_for("help_now", text="vem ringer jag då?", slots={"last_article": "sip_vem_uppmarksammar_behov"})
    messages, events = await _run(ActionCrisisHelp(), tracker, domain)
    assert "Källa:" in messages[0]["text"] and messages[0]["text"] != crisis_reply()
    assert messages[-1]["text"] == help_data()["follow_up_help"]
    assert [b["payload"] for b in messages[-1]["buttons"]] == [help_data()["button"]["payload"]]
    assert any(e.get("name") == "last_article" for e in events)


@pytest.mark.parametrize("text,slots", [
    ("akut, vem ringer jag då?", {"last_article": "sip_vem_uppmarksammar_behov"}),  # says it is urgent
    ("vem ringer jag då?", {}),  # no answer before it
    ("jag behöver hjälp nu", {"last_article": "sip_vem_uppmarksammar_behov"}),  # no question
])
async def test_help_now_that_is_urgent_or_not_about_an_answer_gets_the_crisis_reply(tracker_for, domain, text, slots):
    messages, _ = await _run(ActionCrisisHelp(), tracker_for("help_now", text=text, slots=slots), domain)
    assert messages[0]["text"] == crisis_reply()


async def test_staff_about_a_child_in_the_message_before_get_the_staff_reply(tracker_for, domain):
    events = [_user_event("kurator här. elev har en plan att ta sitt liv", "crisis"),
              _user_event("ska jag ringa 112 eller bup akut?", "help_now")]
    messages, _ = await _run(ActionCrisisHelp(), tracker_for("help_now", text="ska jag ringa 112 eller bup akut?",
                                                              events=events), domain)
    assert messages[0]["text"].startswith(help_data()["staff_reply"]) and "Bris" not in messages[0]["text"]


async def test_a_staff_check_in_about_a_child_gets_the_staff_reply_not_are_you_ok(tracker_for, domain):
    from actions.crisis_help import ActionCrisisCheckIn

    text = "lärare här. elev säger att mamma dricker och inte vaknar på morgnarna"
    messages, _ = await _run(ActionCrisisCheckIn(), tracker_for("crisis_check_in", text=text,
                                                                 events=[_user_event(text, "crisis_check_in")]), domain)
    assert messages[0]["text"].startswith(help_data()["staff_reply"])
    assert help_data()["check_in"] not in [m.get("text") for m in messages]


async def test_a_staff_check_in_from_the_classifier_alone_answers_the_question(tracker_for, domain):
    # Persona round, session 33: a biträdande rektor's question on samtycke got 112 and anmälningsplikt.
    from actions.crisis_help import ActionCrisisCheckIn

    text = ("hej, har varit här förut. hemmasittaren åk 8 igen. VH har nu sagt ja till sip men pappan vill inte, "
            "mamman vill. de har gemensam vårdnad. kör vi?")
    messages, _ = await _run(ActionCrisisCheckIn(), tracker_for("crisis_check_in", text=text, events=[
        _user_event("jag är biträdande rektor på en högstadieskola", "staff"), _user_event(text, "crisis_check_in")]),
        domain)
    texts = [m.get("text") or "" for m in messages]
    assert not any(t.startswith(help_data()["staff_reply"]) for t in texts)
    assert any("samtycke" in t.lower() for t in texts[:-1]) and texts[-1] == help_data()["follow_up_help"]


async def test_a_check_in_on_a_question_the_sources_do_not_cover_says_so_with_the_help_one_tap_away(
        tracker_for, domain):
    # Persona round, session 33: a grandmother's fear got only the check-in.
    from actions.crisis_help import ActionCrisisCheckIn
    from actions.source_gaps import gap_reply

    text = "men kan dom ta honom ifrån henne? svara bara ja eller nej snälla, jag har inte sovit på hela natten"
    messages, _ = await _run(ActionCrisisCheckIn(), tracker_for("crisis_check_in", text=text), domain)
    assert [m["text"] for m in messages] == [gap_reply(text), help_data()["follow_up_help"]]
    assert [b["payload"] for b in messages[-1]["buttons"]] == [help_data()["button"]["payload"]]


async def test_staff_whose_check_in_is_about_no_one_in_their_care_get_112_without_the_young_persons_help(
        tracker_for, domain):
    from actions.crisis_help import ActionCrisisCheckIn

    text = "LSS-handläggare. vi har kallat BUP till SIP två gånger och de har inte kommit, suck"
    messages, _ = await _run(ActionCrisisCheckIn(), tracker_for("crisis_check_in", text=text), domain)
    assert [m["text"] for m in messages] == [help_data()["check_in_staff"]] and not messages[0]["buttons"]
    # Asked as a question, the articles answer it (avvikelser), with the help one tap away.
    messages, _ = await _run(ActionCrisisCheckIn(), tracker_for("crisis_check_in", text=text + ". vad gör jag?"), domain)
    assert messages[0]["text"].startswith("En avvikelse") and messages[-1]["text"] == help_data()["follow_up_help"]


async def test_staff_pressing_the_help_button_after_the_staff_reply_get_the_full_help(tracker_for, domain):
    events = [_user_event("kurator här. elev har en plan att ta sitt liv")]
    payload = help_data()["button"]["payload"]
    messages, _ = await _run(ActionCrisisHelp(), tracker_for("crisis", text=payload, events=events), domain)
    assert messages[0]["text"] == crisis_reply()


@pytest.mark.parametrize("help_before", [True, False])
async def test_a_clear_question_is_answered_with_the_button_not_only_checked_in(tracker_for, domain, help_before):
    from actions.crisis_help import ActionCrisisCheckIn
    from actions.knowledge_base import articles

    text = "tack. vart vänder man sig om barnet mår psykiskt dåligt och är under 18?"
    before = [_user_event("min dotter sa att hon inte vill leva"), {"event": "action", "name": "action_crisis_help"}]
    messages, events = await _run(ActionCrisisCheckIn(), tracker_for(
        "crisis_check_in", text=text, events=before if help_before else before[:1]), domain)
    assert "Källa:" in messages[0]["text"]
    assert messages[0]["text"] in {a.render(for_guardian=True) for a in articles().values()}  # a parent's wording
    assert messages[-1]["text"] == help_data()["follow_up_help"] and messages[-1]["buttons"]
    assert any(e.get("name") == "last_article" for e in events)


async def test_a_check_in_on_what_asks_nothing_stays_a_check_in(tracker_for, domain):
    from actions.crisis_help import ActionCrisisCheckIn

    messages, _ = await _run(ActionCrisisCheckIn(), tracker_for(
        "crisis_check_in", text="min dotter skadade sig förra året"), domain)
    # "skadade" is a danger word (help.yml gentle_reply.not_when): the parent's check-in that names 112.
    assert [m["text"] for m in messages] == [help_data()["check_in_guardian_danger"]]


async def test_asking_for_a_person_after_the_help_gets_the_chats_not_the_switchboard(tracker_for, domain):
    from actions.conversation import ActionReachAPerson

    before = [_user_event("jag skar mig igår"), {"event": "action", "name": "action_crisis_help"}]
    messages, _ = await _run(ActionReachAPerson(), tracker_for("human", text="jag vill inte ringa nån", events=before),
                             domain)
    assert [m["text"] for m in messages] == [help_data()["chat_instead"]]
    assert "bris.se" in messages[0]["text"] and "mind.se" in messages[0]["text"]
    messages, _ = await _run(ActionReachAPerson(), tracker_for("human", text="kan jag prata med en människa"), domain)
    assert help_data()["chat_instead"] not in [m.get("text") for m in messages]


async def test_asking_for_a_person_long_after_the_help_gets_the_municipality(tracker_for, domain):
    # Persona round, session 33: a 17-year-old, not understood twice about samtycke many messages
    # after the help, got Bris and Självmordslinjen again.
    from actions.conversation import ActionReachAPerson

    later = [_user_event(text, "inform") for text in ("gitarr", "matte", "ändra fråga 9", "det stämmer")]
    before = [_user_event("ibland känns allt meningslöst"), {"event": "action", "name": "action_crisis_help"}, *later]
    messages, _ = await _run(ActionReachAPerson(), tracker_for("human", text="kan jag prata med en människa",
                                                                events=before), domain)
    assert help_data()["chat_instead"] not in [m.get("text") for m in messages] and messages


async def test_asking_for_a_person_after_a_check_in_alone_gets_the_municipality(tracker_for, domain):
    # A parent checked in on by mistake is not offered Självmordslinjen when asking whom to talk to.
    from actions.conversation import ActionReachAPerson

    before = [_user_event("räcker det att hon och jag säger ja?"), {"event": "action", "name": "action_crisis_check_in"}]
    messages, _ = await _run(ActionReachAPerson(), tracker_for(
        "human", text="vem på kommunen kan jag prata med om det", events=before), domain)
    assert help_data()["chat_instead"] not in [m.get("text") for m in messages] and messages


async def test_a_check_in_answers_the_question_not_the_story_before_it(tracker_for, domain):
    # Verification round, session 19: the story of past self-harm pulled in the article on
    # anmälningsplikt for a teenager asking whether mum may come to the meeting.
    from actions.crisis_help import ActionCrisisCheckIn
    from actions.knowledge_base import articles

    text = "jag skadade mig själv förra året men nu mår jag bra. kan mamma va med på sip motet?"
    messages, _ = await _run(ActionCrisisCheckIn(), tracker_for("crisis_check_in", text=text), domain)
    assert messages[0]["text"] == articles()["sip_vilka_deltar"].render()
    assert messages[-1]["text"] == help_data()["follow_up_help"]


def _after_the_offer(typed: str, offered: bool = True, between: tuple = ()):
    from rasa_sdk import Tracker

    button = {"title": help_data()["resume_offer"]["button"], "payload": '/resume_form{"form_name": "request_form"}'}
    parse = {"text": typed, "intent": {"name": "open_case", "confidence": 1.0}, "entities": []}
    events = [{"event": "bot", "text": crisis_reply(), "data": {"buttons": []}},
              {"event": "bot", "text": help_data()["resume_offer"]["text"], "data": {"buttons": [button] if offered else []}},
              *between,
              {"event": "user", "text": typed, "parse_data": parse}]
    return Tracker("test-user", {}, parse, events, False, None, {}, "action_listen")


_A_QUESTION_ANSWERED = ({"event": "user", "text": "vad är bup?", "parse_data": {}},
                        {"event": "bot", "text": "BUP är…", "data": {"buttons": [{"title": "Berätta mer",
                                                                               "payload": "/tell_more"}]}})


async def test_continue_typed_after_a_question_since_the_offer_resumes_the_form(domain):
    # Persona round, session 24: after a question in between, "fortsätt" asked for a reference number.
    from actions.preparation import ActionPreparationResume

    _, events = await _run(ActionPreparationResume(), _after_the_offer("fortsätt", between=_A_QUESTION_ANSWERED),
                           domain)
    assert events[0] == {"event": "active_loop", "name": "request_form", "timestamp": None}


async def test_continue_typed_after_the_form_has_run_again_is_not_a_resume(domain):
    from actions.crisis_help import typed_resume

    ran = ({"event": "active_loop", "name": "request_form", "timestamp": None},
           {"event": "active_loop", "name": None, "timestamp": None})
    assert typed_resume(_after_the_offer("fortsätt", between=ran)) is None
    assert typed_resume(_after_the_offer("fortsätt", between=_A_QUESTION_ANSWERED)) == "request_form"


def test_continue_naming_another_form_does_not_resume_the_offered_one():
    # "Jag vill fortsätta min förberedelse" reopened a paused form (persona round, session 29).
    from actions.crisis_help import typed_resume

    assert typed_resume(_after_the_offer("Jag vill fortsätta min förberedelse")) is None
    assert typed_resume(_after_the_offer("fortsätt med begäran")) == "request_form"


@pytest.mark.parametrize("typed", ["Fortsätt där jag var", "fortsatt", "kan vi fortsätta nu"])
async def test_continue_typed_after_the_offer_resumes_the_form(domain, typed):
    # Persona round, session 20: typed, it was read as opening a case and asked for a reference number.
    from actions.case_access import ActionOpenCase

    _, events = await _run(ActionOpenCase(), _after_the_offer(typed), domain)
    assert events == [{"event": "active_loop", "name": "request_form", "timestamp": None},
                      {"event": "followup", "name": "request_form", "timestamp": None}]


async def test_continue_typed_without_the_offer_opens_a_case(domain):
    from actions.case_access import ActionOpenCase

    _, events = await _run(ActionOpenCase(), _after_the_offer("jag vill fortsätta", offered=False), domain)
    assert events[-1] == {"event": "followup", "name": "case_access_form", "timestamp": None}


async def test_continue_typed_after_the_offer_read_as_the_preparation_resumes_the_form(domain):
    # Verification round, session 20: "fortsätt" was continue_preparation and started the preparation anew.
    from actions.preparation import ActionPreparationResume

    _, events = await _run(ActionPreparationResume(), _after_the_offer("fortsätt"), domain)
    assert events == [{"event": "active_loop", "name": "request_form", "timestamp": None},
                      {"event": "followup", "name": "request_form", "timestamp": None}]


async def test_a_parent_naming_a_diagnosis_gets_the_help_then_the_answer_to_the_question(tracker_for, domain):
    from actions.crisis_help import guardian_reply
    from actions.knowledge_base import articles

    text = "Vår dotter har en ätstörning och får hjälp av BUP. Vem kallar till en SIP?"
    messages, events = await _run(ActionCrisisHelp(), tracker_for("crisis", text=text, events=[_user_event(text)]),
                                  domain)
    assert messages[0]["text"] == guardian_reply()
    assert messages[1]["text"] == help_data()["answer_after_help"]
    answered = next(e["value"] for e in events if e.get("name") == "last_article")
    assert messages[2]["text"] == articles()[answered].render(for_guardian=True)
    assert "kalla" in messages[2]["text"].lower()


async def test_staff_asking_about_a_pupil_with_anorexia_get_their_answer_after_the_help(tracker_for, domain):
    text = ("Skolsköterska här. Jag förbereder SIP för en elev med anorexi där soc också är inkopplad. "
            "Får BUP lämna ut sekretessuppgifter till mig med stöd av samtycket?")
    messages, events = await _run(ActionCrisisHelp(), tracker_for("crisis", text=text, events=[_user_event(text)]),
                                  domain)
    assert messages[0]["text"].startswith("Är någon i fara just nu? Ring 112.")
    assert messages[-2]["text"] == help_data()["answer_after_help"]
    assert {"event": "slot", "name": "last_article", "value": "samtycke_vilka_uppgifter", "timestamp": None} in events


@pytest.mark.parametrize("text", [
    # Persona round, session 34: the first message, with the role in it, got the crisis reply written to a
    # child ("Bris … Berätta också för en vuxen som du litar på") and no answer.
    "Hej, distriktsläkare på VC här. Har fått kallelse till SIP för en 12-åring med ätstörning som är listad "
    "hos oss men aldrig varit här. Räknas kallelsen som remiss?",
    # Saying "jag", of a child named by age.
    "Distriktsläkare på VC här. Jag har fått kallelse till SIP för en 12-åring med ätstörning som är listad "
    "hos oss men aldrig varit här. Räknas kallelsen som remiss?",
])
async def test_a_role_in_the_first_message_gets_the_staff_reply_then_the_answer(tracker_for, domain, text):
    messages, events = await _run(ActionCrisisHelp(), tracker_for("crisis", text=text, events=[_user_event(text)]),
                                  domain)
    assert messages[0]["text"].startswith(help_data()["staff_reply"]) and "Bris" not in messages[0]["text"]
    assert messages[1]["text"] == help_data()["answer_after_help"]
    assert any(e.get("name") == "last_article" and e.get("value") for e in events)


async def test_a_name_and_here_before_the_role_gets_the_staff_reply(tracker_for, domain):
    # Verification round, session 34: the school nurse got the reply written to a child.
    text = ("Hej! Jonas här, skolsköterska på en högstadieskola. Vi har en elev i åk 8 med självskadebeteende och "
            "misstänkt ätstörning. Hon har blivit kallad till SIP. Behövs samtycke för att skolan ska få prata med BUP?")
    messages, _ = await _run(ActionCrisisHelp(), tracker_for("crisis", text=text, events=[_user_event(text)]), domain)
    assert messages[0]["text"].startswith(help_data()["staff_reply"]) and "Bris" not in messages[0]["text"]
    # No article answers "Behövs samtycke för att skolan ska få prata med BUP?" clearly: the nearest ones
    # as buttons, so the question is not lost (it got only the help).
    assert messages[1]["text"] == help_data()["suggest_after_help"]
    payloads = [b["payload"] for b in messages[1]["buttons"]]
    assert payloads and all(p.startswith("/show_article") for p in payloads)
    assert not any(help_data()["staff_article"] in p for p in payloads)


async def test_a_young_person_with_an_unclear_question_gets_the_help_alone(tracker_for, domain):
    text = "jag skadar mig själv. behövs samtycke för att skolan ska få prata med bup?"
    messages, _ = await _run(ActionCrisisHelp(), tracker_for("crisis", text=text, events=[_user_event(text)]), domain)
    assert help_data()["suggest_after_help"] not in [m.get("text") for m in messages]


@pytest.mark.parametrize("text", ["jag har ätstörning och vill inte leva",
                                  "jag är en 15-åring med ätstörning, vem kallar till sip?"])
async def test_a_young_person_about_themself_still_gets_the_full_help(tracker_for, domain, text):
    messages, _ = await _run(ActionCrisisHelp(), tracker_for("crisis", text=text, events=[_user_event(text)]), domain)
    assert messages[0]["text"] == crisis_reply()


@pytest.mark.parametrize("text,active_loop", [
    ("jag vill inte leva längre. vem kallar till sip?", None),  # the writer is the one at risk
    ("min dotter vill inte leva. vem kallar till sip?", {"name": "preparation_form"}),  # the form's offer comes
])
async def test_the_help_alone_for_someone_at_risk_themself_or_inside_a_form(tracker_for, domain, text, active_loop):
    tracker = tracker_for("crisis", text=text, events=[_user_event(text)], active_loop=active_loop)
    messages, events = await _run(ActionCrisisHelp(), tracker, domain)
    assert help_data()["answer_after_help"] not in [m.get("text") for m in messages]
    assert not any(e.get("name") == "last_article" for e in events)


def _after_check_in(tracker_for, said_first: str, text: str, ranking: list):
    """The tracker of `text` answered right after the check-in on `said_first`."""
    tracker = tracker_for("faq", text=text, ranking=ranking)
    tracker.events = [_user_event(said_first, "crisis_check_in"), {"event": "action", "name": "action_crisis_check_in"},
                      {"event": "action", "name": "action_listen"}, *tracker.events]
    return tracker


async def test_not_in_danger_after_the_check_in_gets_whom_to_talk_to(tracker_for, domain):
    # It got the article on refusing a SIP, on its "nej" and "inte" (persona round, session 26).
    from actions.answer_question import ActionAnswerQuestion

    text = "nej ja e inte i fara asså. bara trött på allt med skolan o hemma"
    messages, _ = await _run(ActionAnswerQuestion(), _after_check_in(
        tracker_for, "ja mår typ dåligt hela tiden", text, [("sip_neka", 0.5), ("samtycke_saknas", 0.2)]), domain)
    [message] = messages
    assert message["text"] == help_data()["not_in_danger"]["reply"] and "En väg in" in message["text"]
    assert [b["payload"] for b in message["buttons"]] == [help_data()["button"]["payload"]]


@pytest.mark.parametrize("action, intent, text, key", [
    # Read as everyday talk, it got only the thanks (verification round, session 26).
    ("everyday", "everyday_talk", "nej ja e inte i fara asså. bara trött på allt med skolan o hemma", "not_in_danger"),
    # `deny`, it got "Nu hängde jag inte med"; and never "Vad bra att ingen är i fara".
    ("fallback", "deny", "nej jag har det inte bra", "not_well"),
    ("answer", "faq", "inte i fara men jag mår dåligt", "not_well"),
])
async def test_each_action_a_reply_after_the_check_in_reaches_answers_it(tracker_for, domain, action, intent, text, key):
    from actions.answer_question import ActionAnswerQuestion
    from actions.fallback import ActionDefaultFallback

    run = {"everyday": ActionEverydayTalk, "fallback": ActionDefaultFallback, "answer": ActionAnswerQuestion}[action]
    tracker = _after_check_in(tracker_for, "ja mår typ dåligt hela tiden", text, [("sip_neka", 0.5)])
    tracker.latest_message["intent"] = {"name": intent, "confidence": 0.9}
    messages, _ = await _run(run(), tracker, domain)
    assert messages[0]["text"] == help_data()[key]["reply"]
    assert [b["payload"] for b in messages[0]["buttons"]] == [help_data()["button"]["payload"]]


@pytest.mark.parametrize("text, first", [
    ("nej ja e inte i fara asså", "min dotter mår dåligt"),  # a parent: the reply speaks to a young person
    ("nej men vem kan få en sip?", "ja mår dåligt"),  # a question
    # The check-in invites the question again; and a "nej" that says one is not well (review, session 26).
    ("nej jag menade vad är sip, ingen fara", "ja mår dåligt"),
])
async def test_other_replies_after_the_check_in_are_answered_as_usual(tracker_for, domain, text, first):
    from actions.answer_question import ActionAnswerQuestion

    messages, _ = await _run(ActionAnswerQuestion(), _after_check_in(tracker_for, first, text, [("sip_vem_kan_fa", 0.9)]),
                             domain)
    assert help_data()["not_in_danger"]["reply"] not in [m.get("text") for m in messages]


async def test_not_in_danger_without_a_check_in_before_is_answered_as_usual(tracker_for, domain):
    from actions.answer_question import ActionAnswerQuestion

    messages, _ = await _run(ActionAnswerQuestion(), tracker_for(
        "faq", text="nej ja e inte i fara", ranking=[("sip_neka", 0.9)]), domain)
    assert help_data()["not_in_danger"]["reply"] not in [m.get("text") for m in messages]


@pytest.mark.parametrize("text", [
    "det känns jobbigt att jag har skrivit om min dotters självskada förra året. kan du radera allt jag har skrivit?",
    # Verification round, session 28: an article on samtycke followed.
    "min son skär sig och jag skrev om det här innan, ångrar mig. hur tar jag bort det",
])
async def test_a_wish_to_delete_what_was_written_gets_how_after_the_help(tracker_for, domain, text):
    # A mother got the help and then the article on avvikelser (persona round, session 28).
    from actions.crisis_help import guardian_reply

    messages, _ = await _run(ActionCrisisHelp(), tracker_for("crisis", text=text), domain)
    assert messages[0]["text"] == guardian_reply()
    assert [m.get("response") for m in messages[1:]] == ["utter_delete_my_data"]


@pytest.mark.parametrize("text, wish", [("kan du radera allt?", True), ("hur tar jag bort det jag skrev", True),
                                        ("min dotter tar bort allt från sitt rum", False), ("hon tar det hårt", False)])
def test_a_wish_to_delete_what_was_written(text, wish):
    from actions.crisis_help import wants_what_they_wrote_deleted

    assert wants_what_they_wrote_deleted(text) is wish


@pytest.mark.parametrize("text", ["va? jag behöver ingen hjälp nu, jag svarade på din fråga. vi tillhör kommunen",
                                  "jag behöver ingen hjälp nu, tack", "jag är inte i kris"])
async def test_help_declined_gets_no_crisis_reply(tracker_for, domain, text):
    # A skolkurator got the whole crisis reply (`help_now`; verification round, session 32).
    messages, events = await _run(ActionCrisisHelp(), tracker_for("help_now", confidence=0.62, text=text), domain)
    assert [m["text"] for m in messages] == [help_data()["help_declined"]] and events == []
    # Inside a form the rules end it after this action: the way back is offered.
    messages, _ = await _run(ActionCrisisHelp(), tracker_for("help_now", text=text,
                                                             active_loop={"name": "request_form"}), domain)
    assert messages[1]["text"] == help_data()["resume_offer"]["text"]


@pytest.mark.parametrize("text", ["jag behöver hjälp nu", "/help_now", "hjälp nu", "jag får ingen hjälp av någon"])
async def test_help_asked_for_still_gets_the_crisis_reply(tracker_for, domain, text):
    messages, _ = await _run(ActionCrisisHelp(), tracker_for("help_now", text=text), domain)
    assert messages[0]["text"] == crisis_reply()


async def test_a_retraction_with_no_crisis_before_is_read_as_any_message(tracker_for, domain):
    # "oj fel, skolan e kommunal. kommunen menade jag" (`retract`) got "Hjälpen finns kvar" (verification
    # round, session 32).
    from actions.crisis_help import ActionCrisisStillAvailable

    text = "oj fel, skolan e kommunal. kommunen menade jag"
    messages, _ = await _run(ActionCrisisStillAvailable(), tracker_for("retract", confidence=0.78, text=text), domain)
    assert help_data()["still_available"] not in [m.get("text") for m in messages]
    after_help = tracker_for("retract", text="jag skojade",
                             events=[{"event": "action", "name": "action_crisis_help", "timestamp": None}])
    messages, _ = await _run(ActionCrisisStillAvailable(), after_help, domain)
    assert [m["text"] for m in messages] == [help_data()["still_available"]]
