"""Events read as an ACLED coder would, on short reports from wars outside the dev data.

The texts are written for these tests in wire-service style (Ukraine,
Sudan, Gaza, Yemen, the Sahel, Somalia, DR Congo, Myanmar); each row states
the facts a coder would sign for the headline event, and the sentences that
must yield no event (cumulative tolls, background, references to an event
told elsewhere, hypotheticals, resolutions, lists of villages, sport).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from sitrep.types import Document, Event, Report

pytestmark = pytest.mark.model

UKRAINE = (
    "KYIV, May 26 (Reuters) - A Russian missile strike on a hardware store in the "
    "northeastern city of Kharkiv killed at least seven people and wounded 24 on Saturday, "
    "regional governor Oleh Syniehubov said. Officials in Kyiv condemned the attack. "
    "The war has killed tens of thousands of people since February 2022."
)
UKRAINE_DRONES = (
    "Ukrainian drones struck an oil refinery in Russia's Krasnodar region on Friday, causing "
    "a fire, local authorities said. No casualties were reported."
)
SUDAN = (
    "At least 15 civilians were killed when the Rapid Support Forces shelled a market in "
    "El Fasher on Sunday, a local resistance committee said. The Sudanese army carried out "
    "air strikes on RSF positions east of the city. The war between the army and the RSF "
    "has killed more than 150,000 people since April 2023, according to some estimates."
)
SUDAN_RETAKE = (
    "The Sudanese army said on Saturday it had recaptured the city of Wad Madani, the "
    "capital of Gezira state, from the Rapid Support Forces. A ceasefire could be agreed in "
    "talks in Jeddah next month, diplomats said."
)
SUDAN_DENIAL = (
    "Fighters of the Rapid Support Forces raped at least 20 women during an attack on a "
    "village in Gezira state last week, a UN official said. Sudan's army-aligned government "
    "denied claims that its troops had executed civilians in Khartoum."
)
GAZA = (
    "GAZA, July 27 (AP) - An Israeli airstrike hit a school sheltering displaced families "
    "in Deir al-Balah on Saturday, killing at least 30 people, Palestinian health officials "
    "said. Hamas condemned the bombing as a massacre."
)
YEMEN = (
    "Saudi-led coalition air raids hit a detention centre in the southwestern Yemeni city "
    "of Dhamar on Sunday, killing more than 100 people, the International Committee of the "
    "Red Cross said."
)
SOMALIA = (
    "MOGADISHU, March 15 (Reuters) - A car bomb exploded near a hotel in the Somali capital "
    "on Thursday night, killing nine people, police said. Al-Shabaab gunmen then stormed the "
    "building and fought security forces for hours. The group claimed responsibility for "
    "the bombing. Officials in Mogadishu condemned the bombing."
)
SAHEL = (
    "Tuareg rebels said on Monday they killed dozens of Wagner mercenaries and Malian "
    "soldiers in heavy fighting near the Algerian border. The Malian army said its forces "
    "had eliminated many terrorists during the battle."
)
CONGO = (
    "M23 rebels seized the town of Kanyabayonga in eastern Congo's North Kivu province on "
    "Friday after fighting with the Congolese army and allied militia, local officials said."
)
MYANMAR = (
    "Myanmar military jets bombed a village in Sagaing region on Sunday, killing at least "
    "17 civilians including nine children, according to a local resistance group. The junta "
    "did not comment on the strike."
)

#: (text, published, facts of the headline event)
HEADLINES: list[tuple[str, date, dict[str, Any]]] = [
    (
        UKRAINE,
        date(2024, 5, 26),
        {
            "sub_event_type": "Shelling/artillery/missile attack",
            "actor1": "Russia",
            "fatalities": 7,
            "injuries": 24,
            "date": date(2024, 5, 25),
            "date_precision": 1,
        },
    ),
    (
        UKRAINE_DRONES,
        date(2024, 6, 21),
        {"sub_event_type": "Air/drone strike", "actor1": "Ukraine", "fatalities": None},
    ),
    (
        SUDAN,
        date(2024, 6, 10),
        {
            "sub_event_type": "Shelling/artillery/missile attack",
            "actor1": "Rapid Support Forces",
            "fatalities": 15,
            "date": date(2024, 6, 9),
        },
    ),
    (
        SUDAN_RETAKE,
        date(2025, 1, 11),
        {"sub_event_type": "Government regains territory", "actor1": "Sudan"},
    ),
    (
        SUDAN_DENIAL,
        date(2024, 4, 2),
        {"sub_event_type": "Sexual violence", "actor1": "Rapid Support Forces"},
    ),
    (
        GAZA,
        date(2024, 7, 27),
        {"sub_event_type": "Air/drone strike", "actor1": "Israel", "fatalities": 30},
    ),
    (
        YEMEN,
        date(2019, 9, 1),
        {"sub_event_type": "Air/drone strike", "fatalities": 100, "date": date(2019, 9, 1)},
    ),
    (
        SOMALIA,
        date(2024, 3, 15),
        {
            "sub_event_type": "Remote explosive/landmine/IED",
            "fatalities": 9,
            "date": date(2024, 3, 14),
        },
    ),
    (
        CONGO,
        date(2024, 6, 28),
        {"sub_event_type": "Non-state actor overtakes territory", "actor1": "M23"},
    ),
    (
        MYANMAR,
        date(2024, 1, 7),
        {"sub_event_type": "Air/drone strike", "actor1": "Myanmar", "fatalities": 17},
    ),
]


def _report(extractor: Any, text: str, published: date) -> Report:
    report: Report = extractor.extract_document(Document(id="war", text=text, published=published))
    return report


def _headline(report: Report) -> Event:
    heads = [e for e in report.events if e.headline]
    assert len(heads) == 1, [e.trigger.text for e in report.events]
    return heads[0]


@pytest.mark.parametrize(("text", "published", "facts"), HEADLINES)
def test_other_wars_headline_facts(
    extractor: Any, text: str, published: date, facts: dict[str, Any]
) -> None:
    event = _headline(_report(extractor, text, published))
    got = {key: getattr(event, key) for key in facts}
    assert got == facts


#: (text, published, words of a sentence that must yield no event)
NO_EVENT_SENTENCES: list[tuple[str, date, str]] = [
    # cumulative tolls of the war, never an incident
    (UKRAINE, date(2024, 5, 26), "The war has killed tens of thousands"),
    (SUDAN, date(2024, 6, 10), "has killed more than 150,000"),
    ("The war has killed 500,000 people since 2011.", date(2024, 5, 1), "500,000"),
    # a reference to the event told elsewhere
    (UKRAINE, date(2024, 5, 26), "Officials in Kyiv condemned the attack"),
    (SOMALIA, date(2024, 3, 15), "claimed responsibility for the bombing"),
    (SOMALIA, date(2024, 3, 15), "Officials in Mogadishu condemned the bombing"),
    (MYANMAR, date(2024, 1, 7), "did not comment on the strike"),
    # a note on the event, not an event
    (UKRAINE_DRONES, date(2024, 6, 21), "No casualties were reported"),
    # hypothetical agreement
    (SUDAN_RETAKE, date(2025, 1, 11), "A ceasefire could be agreed"),
    # lists, resolutions, sport
    (
        "The villages of Kafr Nabl, Maarat Harma, Hish and Kafr Sajna lie on the road.",
        date(2024, 5, 1),
        "villages",
    ),
    (
        "Real Madrid crushed Barcelona 4-0 in a clash on Sunday, with the striker firing two "
        "shots into the net. The team's attack was on fire.",
        date(2024, 5, 1),
        "Real Madrid",
    ),
]


@pytest.mark.parametrize(("text", "published", "words"), NO_EVENT_SENTENCES)
def test_other_wars_no_event_from(extractor: Any, text: str, published: date, words: str) -> None:
    report = _report(extractor, text, published)
    violent = [
        e
        for e in report.events
        if words in e.evidence.sentence.text
        and (e.event_type != "Strategic developments" or e.sub_event_type == "Agreement")
    ]
    assert violent == []


@pytest.mark.parametrize(
    ("text", "published", "number"),
    [
        (SUDAN, date(2024, 6, 10), 150000),
        (UKRAINE, date(2024, 5, 26), 10000),
        (
            "The UN Security Council again called for the implementation of Resolution 2254.",
            date(2024, 5, 1),
            2254,
        ),
    ],
)
def test_other_wars_background_numbers_are_no_toll(
    extractor: Any, text: str, published: date, number: int
) -> None:
    report = _report(extractor, text, published)
    assert all(e.fatalities != number for e in report.events)


@pytest.mark.parametrize(
    ("text", "published", "trigger", "expected"),
    [
        # a bare "bombing" where the article's means is a car bomb is no air strike
        (SOMALIA, date(2024, 3, 15), "car bomb", "Remote explosive/landmine/IED"),
        # the army's word for killing is a trigger; the terrorists it killed
        # are an armed side: a clash, as "killed militants" is
        (SAHEL, date(2024, 7, 29), "eliminated", "Armed clash"),
        # a denial reaching through "claims that"
        (SUDAN_DENIAL, date(2024, 4, 2), "executed", "Attack"),
    ],
)
def test_other_wars_event_types(
    extractor: Any, text: str, published: date, trigger: str, expected: str
) -> None:
    report = _report(extractor, text, published)
    found = [e for e in report.events if e.trigger.text == trigger]
    assert found and found[0].sub_event_type == expected
    assert not any(e.sub_event_type == "Air/drone strike" for e in report.events if text is SOMALIA)


@pytest.mark.parametrize(
    ("text", "published", "trigger", "modality"),
    [
        (SUDAN_DENIAL, date(2024, 4, 2), "executed", "negated"),
        (SUDAN_DENIAL, date(2024, 4, 2), "raped", "asserted"),
    ],
)
def test_other_wars_modality(
    extractor: Any, text: str, published: date, trigger: str, modality: str
) -> None:
    report = _report(extractor, text, published)
    found = [e for e in report.events if e.trigger.text == trigger]
    assert found and found[0].modality == modality


@pytest.mark.parametrize(
    ("text", "published", "absent"),
    [
        # "detention centre" names a building, not an arrest
        (YEMEN, date(2019, 9, 1), "Arrests"),
        # "condemned the bombing as a massacre": no new killing
        (GAZA, date(2024, 7, 27), "Attack"),
    ],
)
def test_other_wars_no_sub_type(extractor: Any, text: str, published: date, absent: str) -> None:
    report = _report(extractor, text, published)
    assert absent not in {e.sub_event_type for e in report.events}


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("The army said it neutralised a drone over the city on Monday.", date(2024, 5, 1)),
        ("The team was eliminated from the cup on Sunday.", date(2024, 5, 1)),
    ],
)
def test_other_wars_kill_euphemism_needs_people(extractor: Any, text: str, published: date) -> None:
    report = _report(extractor, text, published)
    assert not [e for e in report.events if e.trigger.text in ("neutralised", "eliminated")]


def _base_name(name: str | None) -> str | None:
    """An actor's name without the country a generic name takes ("Rebels (Mali)")."""
    return name.split(" (")[0] if name else None


def _event_by_trigger(report: Report, trigger: str) -> Event:
    found = [e for e in report.events if e.trigger.text == trigger]
    assert found, [e.trigger.text for e in report.events]
    return found[0]


#: (text, trigger, actor1, actor2): the positions, hideouts and camps of a
#: group named by a generic word are that group's: it is the side hit.
HELD_TARGETS = [
    (
        "Government forces shelled rebel positions near Gao on Monday.",
        "shelled",
        "Government forces",
        "Rebels",
    ),
    (
        "The army bombed militant hideouts in the hills on Sunday.",
        "bombed",
        "Government forces",
        "Unidentified armed group",
    ),
    (
        "Warplanes carried out air strikes on rebel positions on Friday.",
        "air strikes",
        None,
        "Rebels",
    ),
    (
        "The shelling of rebel positions near the river killed five fighters.",
        "shelling",
        None,
        "Rebels",
    ),
    # negative: "in the rebel stronghold of X" only says where; no rebel side
    (
        "An air strike killed 18 people in the rebel stronghold of Tessit on Monday.",
        "air strike",
        None,
        None,
    ),
]


@pytest.mark.parametrize(("text", "trigger", "actor1", "actor2"), HELD_TARGETS)
def test_other_wars_generic_holder_is_the_target(
    extractor: Any, text: str, trigger: str, actor1: str | None, actor2: str | None
) -> None:
    event = _event_by_trigger(_report(extractor, text, date(2024, 5, 6)), trigger)
    assert (_base_name(event.actor1), _base_name(event.actor2)) == (actor1, actor2)


#: (text, trigger, doer, modality): the object of "urge/call on/press X to
#: halt/stop" does the act halted; the one who urges never does it.
DEMANDED_ACTS = [
    (
        "Washington urged Israel to halt air strikes in Gaza on Monday.",
        "air strikes",
        "Israel",
        "hypothetical",
    ),
    ("Russia called on Ukraine to stop shelling Donetsk.", "shelling", "Ukraine", "hypothetical"),
    (
        "Britain urged Russia to stop attacks on Ukrainian ports.",
        "attacks",
        "Russia",
        "hypothetical",
    ),
    (
        "The president ordered troops to attack the town.",
        "attack",
        "Government forces",
        "hypothetical",
    ),
    # negatives: the subject does the act ("use" is no verb of demanding)
    ("Israel launched air strikes in Gaza on Monday.", "air strikes", "Israel", "asserted"),
    ("The army used drones to attack rebel positions.", "attack", "Government forces", "asserted"),
]


@pytest.mark.parametrize(("text", "trigger", "doer", "modality"), DEMANDED_ACTS)
def test_other_wars_demanded_act_belongs_to_the_one_asked(
    extractor: Any, text: str, trigger: str, doer: str, modality: str
) -> None:
    report = _report(extractor, text, date(2024, 5, 6))
    event = _event_by_trigger(report, trigger)
    assert (_base_name(event.actor1), event.modality) == (doer, modality)
    assert not [
        e
        for e in report.events
        if e.event_type != "Strategic developments"
        and e.modality == "asserted"
        and e.actor1 in ("United States", "United Kingdom")
    ]


#: (text, trigger, state that only comments): who expresses sorrow, sympathy
#: or condolences is never a side of the deaths.
COMMENTATORS = [
    (
        "Kremlin spokesman Dmitry Peskov expressed sorrow over the deaths of five soldiers.",
        "deaths",
        "Russia",
    ),
    ("The Kremlin expressed condolences over the deaths of five soldiers.", "deaths", "Russia"),
    (
        "Moscow offered sympathy to the families after the deaths of five soldiers in the blast.",
        "blast",
        "Russia",
    ),
    (
        "The Kremlin mourned the deaths of three soldiers killed in a drone attack.",
        "drone attack",
        "Russia",
    ),
]


@pytest.mark.parametrize(("text", "trigger", "commentator"), COMMENTATORS)
def test_other_wars_commentator_is_no_side(
    extractor: Any, text: str, trigger: str, commentator: str
) -> None:
    report = _report(extractor, text, date(2024, 5, 6))
    violent = [e for e in report.events if e.event_type != "Strategic developments"]
    assert violent, [e.trigger.text for e in report.events]
    assert all(commentator not in (e.actor1, e.actor2) for e in violent)


#: (text, trigger, modality): an event dated decades or centuries before the
#: article is history, not a current event.
HISTORY = [
    (
        "The town recalls the 1516 battle of Dabiq, where the Ottomans beat the Mamluks.",
        "battle",
        "historical",
    ),
    (
        "In the 16th century, Ottoman forces fought the Safavids near Tabriz.",
        "fought",
        "historical",
    ),
    ("During the 1980s, the army shelled Kurdish villages.", "shelled", "historical"),
    ("In February 1982 the army attacked the city.", "attacked", "historical"),
    # negatives: recent dates, counts, clock times and "since" are no history
    ("Rebels attacked the town in 2023, killing 1500 people.", "attacked", "asserted"),
    ("The army shelled the town on Monday, killing 1920 people.", "shelled", "asserted"),
    ("Russian jets bombed the town around 1130 am on Monday.", "bombed", "asserted"),
    ("Jets carried out 1450 air strikes on the province on Monday.", "air strikes", "asserted"),
    (
        "Troops have held the fort since the 19th century, but rebels attacked it on Monday.",
        "attacked",
        "asserted",
    ),
]


@pytest.mark.parametrize(("text", "trigger", "modality"), HISTORY)
def test_other_wars_history_is_not_current(
    extractor: Any, text: str, trigger: str, modality: str
) -> None:
    event = _event_by_trigger(_report(extractor, text, date(2024, 5, 6)), trigger)
    assert event.modality == modality
