"""Actor recognition and actor roles on reports from wars outside the dev data.

Sentences written for the tests in wire-service style (Yemen, Sudan, Mali,
Syria, Gaza, Ukraine) check who the actors are and which side each takes:
a country's possessive on a group says where the group is ("Yemen's
Houthi rebels"), coordinated attackers are one side ("US and British
warplanes"), "X-linked"/"X-backed" names one group, a nationality on a
generic category gives its country ("Palestinian militants"), counted
nationals are civilians ("Two Israelis were shot dead"), "the troops" in a
state's statement are that state's, the UN is an actor that takes no side,
and a demanded act is not asserted. Each table has its negative rows.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from sitrep.nlp.actors import ActorCatalogue
from sitrep.types import Document, Event, Report

pytestmark = pytest.mark.model

VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians"}


def _report(extractor: Any, text: str) -> Report:
    report: Report = extractor.extract_document(
        Document(id="roles", text=text, published=date(2024, 5, 1))
    )
    return report


def _event(report: Report, trigger: str) -> Event:
    found = [e for e in report.events if e.trigger.text == trigger]
    assert found, [e.trigger.text for e in report.events]
    return found[0]


# -- sides of an event ------------------------------------------------------------------

#: (text, trigger, actor 1, actor 2)
SIDES: list[tuple[str, str, str | None, str | None]] = [
    # a country's possessive on a group names where the group is: one actor
    (
        "Yemen's Houthi rebels fired an anti-ship missile at a tanker in the Red Sea on Tuesday.",
        "fired",
        "Houthis (Ansar Allah)",
        None,
    ),
    (
        "Sudan's RSF shelled a market in El Fasher on Sunday, killing 12 civilians.",
        "shelled",
        "Rapid Support Forces",
        "Civilians (Sudan)",
    ),
    (
        "Syria's Kurdish-led SDF attacked Islamic State fighters near Deir ez-Zor on Friday.",
        "attacked",
        "Syrian Democratic Forces",
        "Islamic State",
    ),
    # ... and on the country's own forces it is the state, once
    (
        "Mali's army carried out air strikes on rebel positions near Kidal on Monday.",
        "air strikes",
        "Mali",
        "Rebels",  # the positions are the rebels': they are the side hit
    ),
    # negative: a possessive on an act keeps the state as the doer
    (
        "Russia's attack on the town of Avdiivka killed 12 civilians on Monday.",
        "attack",
        "Russia",
        "Civilians",
    ),
    # coordinated attackers are one side; the object is actor 2
    (
        "US and British warplanes later bombed Houthi targets in Hodeidah.",
        "bombed",
        "United States",
        "Houthis (Ansar Allah)",
    ),
    (
        "Russia and Iran attacked rebels near Aleppo in Syria on Monday.",
        "attacked",
        "Russia",
        "Rebels (Syria)",
    ),
    # negative: coordinated subjects of a clash fight each other
    ("Russian and Iranian forces clashed in Aleppo on Monday.", "clashed", "Russia", "Iran"),
    (
        "Clashes broke out between Russian and Iranian forces in Aleppo on Monday.",
        "Clashes",
        "Russia",
        "Iran",
    ),
    # "X-linked", "X-backed" before a named group: the group alone
    (
        "Al-Qaeda-linked JNIM attacked an army base near Mopti in central Mali on Sunday, "
        "killing 20 soldiers.",
        "attacked",
        "JNIM",
        "Mali",
    ),
    (
        "US-backed SDF fighters attacked Islamic State positions near Raqqa on Monday.",
        "attacked",
        "Syrian Democratic Forces",
        "Islamic State",
    ),
    # a nationality on a generic category gives it that country
    (
        "Palestinian militants opened fire on Israeli civilians near Nablus on Monday.",
        "opened fire",
        "Unidentified armed group (Palestine)",
        "Civilians (Israel)",
    ),
    # FA-KES strips apostrophes: "Assads forces" are still the Syrian state's
    (
        "Assads forces shelled the town of Douma in Syria on Monday, killing 10 civilians.",
        "shelled",
        "Syria",
        "Civilians (Syria)",
    ),
    # counted nationals hit are civilians of that country, the army only a source
    ("Two Israelis were shot dead near Jenin, the Israeli army said.", "shot dead", None, None),
    # negative: the nationality's forces named as forces stay the state
    (
        "Israeli forces killed two Palestinians in Jenin on Monday.",
        "killed",
        "Israel",
        "Civilians (Palestine)",
    ),
]


@pytest.mark.parametrize(("text", "trigger", "actor1", "actor2"), SIDES)
def test_actor_roles_sides(
    extractor: Any, text: str, trigger: str, actor1: str | None, actor2: str | None
) -> None:
    event = _event(_report(extractor, text), trigger)
    if trigger == "shot dead":
        # the victims are actor 2 as civilians; the army is never a side
        assert (event.actor2, event.fatalities) == ("Civilians (Israel)", 2)
        assert event.actor1 not in ("Israel", "Government forces", "Government forces (Israel)")
        return
    assert (event.actor1, event.actor2) == (actor1, actor2)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Yemen's Houthi rebels fired an anti-ship missile at a tanker.", "Yemen"),
        ("Sudan's RSF shelled a market in El Fasher on Sunday.", "Sudan"),
        ("Al-Qaeda-linked JNIM attacked an army base near Mopti on Sunday.", "al-Qaeda"),
        ("US-backed SDF fighters attacked Islamic State positions near Raqqa.", "United States"),
    ],
)
def test_actor_roles_locator_and_backer_are_no_actor(
    extractor: Any, text: str, absent: str
) -> None:
    report = _report(extractor, text)
    assert absent not in {a.name for a in report.actors}
    assert all(absent not in (e.actor1, e.actor2) for e in report.events)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # still an actor of its own when not a locator or a backer
        ("Russia's attack on the town killed 12 civilians on Monday.", "Russia"),
        ("Yemen's government said Houthi rebels fired a missile at a tanker.", "Yemen"),
        ("Al-Qaeda attacked an army base near Mopti on Sunday.", "al-Qaeda"),
    ],
)
def test_actor_roles_state_kept_when_it_acts(extractor: Any, text: str, name: str) -> None:
    report = _report(extractor, text)
    assert name in {a.name for a in report.actors}


# -- backed groups, generic categories, the story's country --------------------------------


def test_actor_roles_backed_group_has_a_proper_name(extractor: Any) -> None:
    report = _report(
        extractor,
        "US-backed fighters attacked Islamic State positions near Raqqa in Syria on Monday.",
    )
    event = _event(report, "attacked")
    assert event.actor1 == "United States-backed armed group (Syria)"
    actor = next(a for a in report.actors if a.name == event.actor1)
    assert (actor.kind, actor.country) == ("militia", "SY")
    assert "_" not in actor.name


@pytest.mark.parametrize(
    ("actor_id", "focus", "name"),
    [
        ("usa_backed", None, "United States-backed armed group"),
        ("usa_backed@SY", None, "United States-backed armed group (Syria)"),
        # an entry with declared affiliates keeps them: no generated name
        ("iran_backed_militias", "SY", None),
    ],
)
def test_actor_roles_backed_ids_described(actor_id: str, focus: str | None, name: str) -> None:
    catalogue = ActorCatalogue.load("en")
    described = catalogue.describe(actor_id, focus)
    if name is None:
        assert described["name"] == catalogue.entries[actor_id]["name"]
        return
    assert described["name"] == name
    assert catalogue.patron_of(actor_id) == "usa"
    assert catalogue.same_side("usa", actor_id)


SAHEL = (
    "Tuareg rebels said on Monday they killed dozens of Wagner mercenaries and Malian "
    "soldiers in heavy fighting near the Algerian border. The Malian army said its forces "
    "had eliminated many terrorists during the battle."
)


def test_actor_roles_generic_category_takes_the_story_country(extractor: Any) -> None:
    report = _report(extractor, SAHEL)
    event = _event(report, "killed")
    assert event.actor1 == "Rebels (Mali)"
    assert event.actor2 == "Wagner Group"
    # a vague toll is kept as words, never as a made-up number (quantity rules)
    assert (event.fatalities, event.casualties_text) == (None, "dozens")
    assert "Rebels (Russia)" not in {a.name for a in report.actors}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a foreign force alone does not make the story its country's
        ("Rebels attacked Wagner mercenaries and Malian soldiers on Monday.", "Rebels (Mali)"),
        # mercenaries serve abroad: their country is not the story's
        (
            "Tuareg rebels said they killed dozens of Russian mercenaries and Malian soldiers.",
            "Rebels (Mali)",
        ),
        # negative: a place named as a place still decides over state forces
        ("Russian jets bombed rebels in Idlib in northwestern Syria on Monday.", "Rebels (Syria)"),
    ],
)
def test_actor_roles_focus_country(extractor: Any, text: str, name: str) -> None:
    assert name in {a.name for a in _report(extractor, text).actors}


# -- the speaker's side, international organisations ----------------------------------------


@pytest.mark.parametrize(
    ("text", "trigger", "actor1"),
    [
        (
            "Russian forces attacked the town of Avdiivka. Ukrainian officials said the troops "
            "had withdrawn from the town.",
            "withdrawn",
            "Ukraine",
        ),
        # negative: no state speaker, the troops stay the generic state forces
        (
            "Russian forces attacked the town of Avdiivka. Residents said the troops had "
            "withdrawn from the town.",
            "withdrawn",
            "Government forces",
        ),
    ],
)
def test_actor_roles_speakers_troops(
    extractor: Any, text: str, trigger: str, actor1: str | None
) -> None:
    assert _event(_report(extractor, text), trigger).actor1 == actor1


def test_actor_roles_un_security_council_is_an_actor(extractor: Any) -> None:
    report = _report(extractor, "The UN Security Council again called for a ceasefire in Gaza.")
    un = [a for a in report.actors if a.name == "United Nations"]
    assert un and un[0].kind == "international"
    assert _event(report, "called for").actor1 == "United Nations"
    # a ceasefire called for is no agreement
    assert "Agreement" not in {e.sub_event_type for e in report.events}


def test_actor_roles_un_takes_no_side() -> None:
    catalogue = ActorCatalogue.load("en")
    assert not catalogue.is_armed("united_nations")
    assert catalogue.is_armed("un_peacekeepers")


# -- demanded acts -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "trigger", "modality"),
    [
        ("Resolution 2216 demands the Houthis withdraw from Sanaa.", "withdraw", "hypothetical"),
        (
            "The UN urged the rebels to withdraw their fighters from the town.",
            "withdraw",
            "hypothetical",
        ),
        (
            "The Council demanded that the militia withdraw from the town.",
            "withdraw",
            "hypothetical",
        ),
        # negatives: an act done, an act named by a verb of calling
        ("The Houthis withdrew from Sanaa on Monday.", "withdrew", "asserted"),
        (
            "Officials called the attack on the market a massacre after gunmen killed 12 people.",
            "killed",
            "asserted",
        ),
    ],
)
def test_actor_roles_demanded_act_is_not_asserted(
    extractor: Any, text: str, trigger: str, modality: str
) -> None:
    assert _event(_report(extractor, text), trigger).modality == modality


def test_actor_roles_demanded_act_not_in_violent_events(extractor: Any) -> None:
    report = _report(extractor, "Resolution 2216 demands the Houthis withdraw from Sanaa.")
    asserted = [e for e in report.events if e.trigger.text == "withdraw"]
    assert all(e.modality != "asserted" for e in asserted)
    assert not [e for e in report.events if e.event_type in VIOLENT]
