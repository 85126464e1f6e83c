"""Events that name other events: adjuncts of time or cause, planned attacks,
weapons of policy, "claim N lives" (sitrep.nlp.events, real model).

Sentences are written for these tests. The parse-level tests run the
English model alone and call the rule functions; the others run the whole
extractor.
"""

from __future__ import annotations

from typing import Any

import pytest

from sitrep.nlp.events import (
    TriggerLexicon,
    WeaponMatter,
    claimed_lives_object,
    earlier_event_adjunct,
    matter_weapon,
    planned_by,
    referenced_event,
)
from sitrep.nlp.weapons import WeaponLexicon
from sitrep.types import Document, Event

pytestmark = pytest.mark.model


def _events(extractor: Any, text: str) -> list[Event]:
    events: list[Event] = extractor.extract_document(Document(id="t", text=text)).events
    return events


def _token(doc: Any, word: str) -> Any:
    return next(t for t in doc if t.text == word)


# -- the rule functions, on the parse -------------------------------------------


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        # a span of time: always another event
        ("Two days after the airstrike, militants stormed a base in Menaka.", "airstrike", True),
        (
            "Weeks after a drone attack on Kosti, a bomb killed two men in Rabak.",
            "attack",
            True,
        ),
        # a cause named by a noun
        ("In retaliation for the shelling, militants attacked a post near Gao.", "shelling", True),
        ("In response to the raids, the rebels fired rockets at Ashkelon.", "raids", True),
        # "since" names an earlier event
        ("Since the offensive, the army has shelled Kharkiv daily.", "offensive", True),
        # "after" alone before its clause: counts, but weakly
        ("After the shelling, jets bombed the market in Taiz.", "shelling", False),
        # negatives: the cause of the deaths, not another event
        ("Ten people were killed after an air strike hit a market in Saada.", "strike", None),
        ("Five soldiers were killed following clashes near Gao.", "clashes", None),
        # the main clause is not in an adjunct
        ("Two days after the airstrike, militants stormed a base in Menaka.", "stormed", None),
        ("Militants attacked a base in Menaka on Sunday.", "attacked", None),
    ],
)
def test_event_references_adjunct_of_another_event(
    base_nlp: Any, nlp: Any, text: str, trigger: str, expected: bool | None
) -> None:
    cues = TriggerLexicon(nlp).adjuncts
    doc = base_nlp(text)
    found = earlier_event_adjunct(_token(doc, trigger), cues)
    assert (found[2] if found is not None else None) == expected, found
    if found is not None:
        assert found[0] <= _token(doc, trigger).i < found[1]


@pytest.mark.parametrize(
    ("text", "trigger", "cue"),
    [
        (
            "Police killed four gunmen who were plotting to attack churches in Kano.",
            "attack",
            "plotting",
        ),
        (
            "The army killed 12 gunmen who were drawing up plans to launch attacks on Kano.",
            "attacks",
            "plans",
        ),
        ("The cell had a plot to bomb the embassy in Bamako.", "bomb", "plot"),
        ("Police arrested three men over plans for an attack on the embassy.", "attack", "plans"),
        # negatives: done acts
        ("The man who planned the attack in Mogadishu was arrested.", "attack", None),
        ("The militants carried out attacks on three villages near Gao.", "attacks", None),
        ("Police killed four gunmen who were plotting to attack churches in Kano.", "killed", None),
    ],
)
def test_event_references_planned_attack(
    base_nlp: Any, nlp: Any, text: str, trigger: str, cue: str | None
) -> None:
    plan_words = TriggerLexicon(nlp).plan_words
    found = planned_by(_token(base_nlp(text), trigger), plan_words)
    assert (found.text if found is not None else None) == cue


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # weapons as a matter of policy
        ("Troops seized papers of the group's chemical weapons programme.", True),
        ("Inspectors found a stockpile of sarin near the port.", True),
        ("The regime, accused of possessing chemical weapons, denied the report.", True),
        ("The country is expanding its drone production with foreign help.", True),
        # weapons used
        ("Government forces shelled the town with chlorine gas.", False),
        ("A drone hit a fuel depot in Port Sudan.", False),
        ("The report blamed the army for the use of chemical weapons in the town.", False),
    ],
)
def test_event_references_weapon_as_matter(
    base_nlp: Any, nlp: Any, text: str, expected: bool
) -> None:
    doc = base_nlp(text)
    weapons = WeaponLexicon(base_nlp).find(doc)
    assert weapons, text
    matter = WeaponMatter.load()
    assert matter_weapon(doc, weapons[0], matter) is expected


@pytest.mark.parametrize(
    ("text", "claim", "lives"),
    [
        ("Rebel attacks in Donetsk claim 14 martyrs", "claim", "martyrs"),
        ("The shelling claimed the lives of nine civilians.", "claimed", "lives"),
        # negatives
        ("Islamic State claimed responsibility for the bombing.", "claimed", None),
        ("The RSF claimed victory in El Fasher.", "claimed", None),
        ("The ministry rejected the claim that 20 people died.", "claim", None),
    ],
)
def test_event_references_claimed_lives_object(
    base_nlp: Any, nlp: Any, text: str, claim: str, lives: str | None
) -> None:
    objects = TriggerLexicon(nlp).claim_objects
    found = claimed_lives_object(_token(base_nlp(text), claim), objects)
    assert (found.text if found is not None else None) == lives


# -- end to end --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "toll", "sub_event_type", "referenced"),
    [
        # the kill of the main clause is its own event, typed by the next
        # sentence's bomb; the drone attack named as a time keeps no toll
        (
            "Just days after a deadly RSF drone attack, a man was killed and 12 others in a "
            "minibus were wounded in a village north of El Obeid on Monday. Witnesses said a "
            "bomb had exploded on the minibus.",
            1,
            "Remote explosive/landmine/IED",
            "drone attack",
        ),
        # the earlier event has a toll of its own
        (
            "Two weeks after an airstrike on Sanaa killed 30 people, a car bomb killed five "
            "soldiers in Aden on Friday.",
            5,
            "Remote explosive/landmine/IED",
            "airstrike",
        ),
        (
            "In retaliation for a drone strike on Kosti, the army shelled Omdurman, killing 9 "
            "civilians.",
            9,
            "Shelling/artillery/missile attack",
            "drone strike",
        ),
    ],
)
def test_event_references_main_clause_keeps_its_toll(
    extractor: Any, text: str, toll: int, sub_event_type: str, referenced: str
) -> None:
    events = _events(extractor, text)
    with_toll = [e for e in events if e.fatalities == toll]
    assert [e.sub_event_type for e in with_toll] == [sub_event_type], [
        (e.trigger.text, e.sub_event_type, e.fatalities) for e in events
    ]
    other = [e for e in events if e.trigger.text == referenced]
    assert other, [e.trigger.text for e in events]
    assert all(e.fatalities != toll for e in other)
    assert all(e.date_text != "Monday" for e in other)


@pytest.mark.parametrize(
    ("text", "toll", "sub_event_type"),
    [
        # the adjunct names the cause of the deaths: one event
        (
            "Ten people were killed after an air strike hit a market in Saada.",
            10,
            "Air/drone strike",
        ),
        ("After heavy shelling, 12 civilians were killed in Khan Younis.", 12, None),
        # a plain toll
        ("A car bomb killed five soldiers in Aden on Friday.", 5, "Remote explosive/landmine/IED"),
        # a toll updated days after: the earlier event's dead
        (
            "Two days after the car bomb attack in Aden, the death toll rose to 40.",
            40,
            "Remote explosive/landmine/IED",
        ),
        (
            "Since the drone strike on the market in Kherson, 3 more people have died of their "
            "wounds.",
            3,
            "Air/drone strike",
        ),
    ],
)
def test_event_references_cause_is_the_same_event(
    extractor: Any, text: str, toll: int, sub_event_type: str | None
) -> None:
    events = _events(extractor, text)
    assert len(events) == 1, [(e.trigger.text, e.fatalities) for e in events]
    assert events[0].fatalities == toll
    expected = sub_event_type or "Shelling/artillery/missile attack"
    assert events[0].sub_event_type == expected


@pytest.mark.parametrize(
    ("text", "toll", "not_sub_event_type"),
    [
        # a weapons programme in the sentence before is no means of the kill
        (
            "The army said it had killed two RSF commanders and seized papers of the group's "
            "chemical weapons programme. Troops killed 30 RSF fighters near Bara, the army "
            "said.",
            30,
            "Chemical weapon",
        ),
        (
            "The army, accused of possessing chemical weapons, bombed a market in Nyala on "
            "Monday, killing 12 people.",
            12,
            "Chemical weapon",
        ),
        # a strike with another toll in the sentence before is another incident
        (
            "Russian drones killed 40 soldiers near Bakhmut on Monday. Ukrainian forces have "
            "killed 25 Wagner members in Soledar, the general said.",
            25,
            "Air/drone strike",
        ),
        (
            "Saudi airstrikes kill 40 fighters in Hodeidah. The army has killed more than 20 "
            "Houthi members near Marib, the minister said on Wednesday.",
            20,
            "Air/drone strike",
        ),
    ],
)
def test_event_references_weapons_of_another_matter(
    extractor: Any, text: str, toll: int, not_sub_event_type: str
) -> None:
    events = _events(extractor, text)
    with_toll = [e for e in events if e.fatalities == toll]
    assert with_toll, [(e.trigger.text, e.fatalities) for e in events]
    assert all(e.sub_event_type != not_sub_event_type for e in with_toll), [
        (e.trigger.text, e.sub_event_type) for e in with_toll
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Government forces shelled the town of Saraqeb with chlorine gas, killing eight people.",
        "A chlorine attack on Douma killed eight people. The gas was dropped by helicopters.",
    ],
)
def test_event_references_chemical_means_still_type(extractor: Any, text: str) -> None:
    events = _events(extractor, text)
    assert any(e.sub_event_type == "Chemical weapon" and e.fatalities == 8 for e in events), [
        (e.trigger.text, e.sub_event_type, e.fatalities) for e in events
    ]


@pytest.mark.parametrize(
    ("text", "toll"),
    [
        ("Police killed four gunmen who were plotting to attack churches in Kano.", 4),
        (
            "Security forces killed 12 gunmen who were preparing plans to launch attacks on "
            "Maiduguri.",
            12,
        ),
    ],
)
def test_event_references_planned_attack_is_not_the_kill(
    extractor: Any, text: str, toll: int
) -> None:
    events = _events(extractor, text)
    kill = [e for e in events if e.fatalities == toll]
    assert [e.trigger.text for e in kill] == ["killed"]
    assert kill[0].modality == "asserted"
    planned = [e for e in events if e.trigger.text.startswith("attack")]
    assert planned and all(e.modality == "future" and e.fatalities is None for e in planned)


def test_event_references_done_attack_stays_asserted(extractor: Any) -> None:
    text = "The man who planned the attack that killed 20 people in Mogadishu was arrested."
    attack = [e for e in _events(extractor, text) if e.trigger.text == "attack"]
    assert [(e.modality, e.fatalities) for e in attack] == [("asserted", 20)]


@pytest.mark.parametrize(
    ("text", "toll"),
    [
        ("Rebel attacks in Donetsk claim 14 martyrs", 14),
        ("Terrorist attacks in Gao claim 20 martyrs", 20),
        ("Gunmen attacks near Kidal claim nine lives", 9),
    ],
)
def test_event_references_claimed_lives(extractor: Any, text: str, toll: int) -> None:
    events = _events(extractor, text)
    assert [e.fatalities for e in events] == [toll], [
        (e.trigger.text, e.fatalities) for e in events
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The ministry rejected the claim that 20 people died in the raid on Kidal.",
        "The RSF claimed 20 villages near Tawila.",
        "Islamic State claimed responsibility for the bombing in Kabul.",
    ],
)
def test_event_references_claim_without_lives(extractor: Any, text: str) -> None:
    events = _events(extractor, text)
    assert not [e for e in events if e.trigger.text.lower().startswith("claim")], [
        (e.trigger.text, e.fatalities) for e in events
    ]


@pytest.mark.parametrize(
    ("text", "toll", "adjunct_actor"),
    [
        (
            "Just days after a deadly RSF drone attack, a man was killed and 12 others in a "
            "minibus were wounded in a village north of El Obeid on Monday.",
            1,
            "Rapid Support Forces",
        ),
        (
            "Weeks after an Israeli airstrike on Rafah, two men were killed in Khan Younis on "
            "Sunday.",
            2,
            "Israel",
        ),
    ],
)
def test_event_references_adjunct_actor_is_not_the_doer(
    extractor: Any, text: str, toll: int, adjunct_actor: str
) -> None:
    events = _events(extractor, text)
    kill = [e for e in events if e.fatalities == toll]
    assert kill, [(e.trigger.text, e.fatalities) for e in events]
    assert all(adjunct_actor not in (e.actor1 or "") for e in kill), [
        (e.trigger.text, e.actor1) for e in kill
    ]


@pytest.mark.parametrize(
    ("text", "referenced"),
    [
        ("The government blamed Saturday's attack on rebels.", True),
        # the apostrophe lost in scraped text still names a known attack
        ("The government blamed Saturdays attack on rebels.", True),
        ("The ministry condemned the attack.", True),
        # an indefinite attack is a new one; "Saturday" naming no day's attack is not read
        ("The ministry condemned an attack on a school.", False),
        ("Rebels launched an attack on Saturday.", False),
    ],
)
def test_event_references_day_possessive(
    base_nlp: Any, nlp: Any, text: str, referenced: bool
) -> None:
    lexicon = TriggerLexicon(nlp)
    doc = base_nlp(text)
    attack = _token(doc, "attack")
    assert (
        referenced_event(attack, lexicon.reference_verbs, lexicon.reference_nouns) is referenced
    ), [(t.text, t.dep_, t.head.text) for t in doc]
