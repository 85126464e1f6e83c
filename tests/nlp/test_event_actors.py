"""Tests of the actor side of sitrep.nlp.events: who did it (actor 1), to whom (actor 2).

ACLED's actor 1 is the side that attacks; the side hit is actor 2. These
sentences, written for the tests in the style of wire reports from several
wars (Sudan, Ukraine, Gaza, Yemen, the Sahel, Somalia, Syria), check that the
sides come from the parse: the subject of the trigger verb, the owner or
modifier of a trigger noun ("the coalition's air strike", "Russia's air
force"), passive agents, subjects inherited through "managed to", "were able
to" and "and" -- and that victims, sources and place words never become the
doer. Toponyms are set by hand so the tests exercise the actor and event
stages alone.
"""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from sitrep.nlp.actors import ActorRecognizer
from sitrep.nlp.events import EventExtractor
from sitrep.nlp.extensions import register_extensions
from sitrep.types import Event, Span, Toponym

VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians"}


@pytest.fixture(scope="module")
def stages(base_nlp):  # type: ignore[no-untyped-def]
    register_extensions()
    return ActorRecognizer(base_nlp), EventExtractor(base_nlp)


def run(base_nlp, stages, text: str, places: tuple[str, ...] = ()) -> Doc:  # type: ignore[no-untyped-def]
    """Parse ``text``, mark ``places`` as toponyms, run the actor and event stages."""
    doc = base_nlp(text)
    toponyms = []
    for name in places:
        start = 0
        while (start := text.find(name, start)) >= 0:
            toponyms.append(Toponym(span=Span(start, start + len(name), name), label="GPE"))
            start += len(name)
    doc._.sitrep_toponyms = toponyms
    recognizer, extractor = stages
    recognizer(doc)
    extractor(doc)
    return doc  # type: ignore[no-any-return]


def violent(doc: Doc) -> list[Event]:
    return [e for e in doc._.sitrep_events if e.event_type in VIOLENT]


def sides(events: list[Event]) -> list[tuple[str | None, str | None]]:
    return [(e.actor1, e.actor2) for e in events]


# -- the doer from the parse ------------------------------------------------------------


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "places", "actor1", "actor2"),
    [
        # the subject of a verb up the chain: "managed to advance and kill"
        (
            "The Rapid Support Forces managed to advance into El Fasher and kill dozens of "
            "civilians on Sunday.",
            ("El Fasher",),
            "Rapid Support Forces",
            "Civilians",
        ),
        # "were able to kill": the subject of the copula
        (
            "Ukrainian forces were able to kill about 40 Russian soldiers near Kupiansk.",
            ("Kupiansk",),
            "Ukraine",
            "Russia",
        ),
        # subject of the trigger verb is the agent, its object the target
        (
            "Somali army units killed 20 al-Shabaab fighters in an ambush near Afgoye.",
            ("Afgoye",),
            "Somalia",
            "al-Shabaab",
        ),
        # a passive agent
        (
            "Twelve villagers were killed by JNIM fighters near Djenne in central Mali.",
            ("Djenne", "Mali"),
            "JNIM",
            "Civilians",
        ),
        # "at the hands of X"
        (
            "Dozens of civilians died at the hands of RSF fighters in El Geneina.",
            ("El Geneina",),
            "Rapid Support Forces",
            "Civilians",
        ),
        # a noun naming the attacker takes its group from "from"
        (
            "A suicide bomber from al-Shabaab blew himself up at a checkpoint in Mogadishu, "
            "killing six soldiers.",
            ("Mogadishu",),
            "al-Shabaab",
            None,
        ),
        # "militants of X" is X, not a second, unidentified side
        (
            "Militants of Islamic State West Africa Province killed 12 farmers near Maiduguri.",
            ("Maiduguri",),
            "Islamic State West Africa Province",
            "Civilians",
        ),
        # an attack "blamed on" / "claimed by" X
        (
            "An airstrike blamed on the Sudanese army killed 40 people at a market in Kabkabiya.",
            ("Kabkabiya",),
            "Sudan",
            None,
        ),
        (
            "Nine soldiers were killed in an attack claimed by JNIM near Menaka in Mali.",
            ("Menaka", "Mali"),
            "JNIM",
            "Mali",
        ),
        # aircraft whose owner is stated in a clause on the subject
        (
            "Jets believed to belong to the Sudanese army struck a market in Nyala.",
            ("Nyala",),
            "Sudan",
            None,
        ),
    ],
)
def test_event_actors_doer_from_the_parse(  # type: ignore[no-untyped-def]
    base_nlp, stages, text, places, actor1, actor2
) -> None:
    events = violent(run(base_nlp, stages, text, places))
    assert events, text
    first = events[0]
    assert first.actor1 == actor1, sides(events)
    if actor2 is None:
        assert first.actor2 != actor1
    else:
        assert first.actor2 is not None and first.actor2.startswith(actor2), sides(events)


# -- possessive and compound agents -------------------------------------------------------


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "places", "actor1"),
    [
        # a bare "the coalition" is the coalition the article names in full
        (
            "The Saudi-led coalition has stepped up raids on Saada. The coalition's air "
            "strike killed 12 civilians at a market in Saada on Monday.",
            ("Saada",),
            "Saudi-led coalition",
        ),
        # a generic force word owned by a state is that state's ("Russia's air force"),
        # even in a story set in another country
        (
            "Russia's air force struck Kharkiv overnight, killing four people in Ukraine.",
            ("Kharkiv", "Ukraine"),
            "Russia",
        ),
        # a demonym before a noun of attack
        (
            "Israeli air strikes killed five people in Rafah on Tuesday.",
            ("Rafah",),
            "Israel",
        ),
        # "regime" before a noun of attack is the state forces of the story's country
        (
            "Regime strikes killed seven people in Homs in Syria.",
            ("Homs", "Syria"),
            "Syria",
        ),
        # bare "soldiers" in a one-country story are that country's forces
        (
            "Soldiers killed 20 JNIM fighters near Djibo in northern Burkina Faso.",
            ("Djibo", "Burkina Faso"),
            "Burkina Faso",
        ),
        # Kurdish-led forces are a side of their own
        (
            "Kurdish-led forces killed 47 Islamic State militants near Tabqa.",
            ("Tabqa",),
            "Kurdish forces",
        ),
    ],
)
def test_event_actors_owner_or_modifier_of_the_attack(  # type: ignore[no-untyped-def]
    base_nlp, stages, text, places, actor1
) -> None:
    events = violent(run(base_nlp, stages, text, places))
    assert events, text
    assert events[-1].actor1 == actor1, sides(events)


@pytest.mark.model
def test_event_actors_casualties_on_both_sides_are_not_targets(base_nlp, stages) -> None:  # type: ignore[no-untyped-def]
    doc = run(
        base_nlp,
        stages,
        "Government forces clashed with Houthi fighters near Marib in Yemen, killing 14 on "
        "both sides.",
        ("Marib", "Yemen"),
    )
    clash = violent(doc)[0]
    assert {clash.actor1, clash.actor2} == {"Yemen", "Houthis (Ansar Allah)"}, sides(violent(doc))


@pytest.mark.model
def test_event_actors_modifier_of_the_trigger_beats_another_clause(base_nlp, stages) -> None:  # type: ignore[no-untyped-def]
    doc = run(
        base_nlp,
        stages,
        "Russian air strikes killed 30 people in Kupiansk after a Ukrainian drone attack "
        "on Belgorod.",
        ("Kupiansk", "Belgorod"),
    )
    strike = next(e for e in violent(doc) if e.trigger.text == "air strikes")
    assert strike.actor1 == "Russia", sides(violent(doc))


# -- victims, sources and places are never the doer --------------------------------------


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "places", "victim"),
    [
        ("Ten Ukrainian soldiers were killed near Bakhmut on Friday.", ("Bakhmut",), "Ukraine"),
        # a headline drops the passive's auxiliary
        (
            "Al-Shabaab commander killed in Lower Shabelle",
            ("Lower Shabelle",),
            "al-Shabaab",
        ),
        # "X was among the dead"
        (
            "Air strikes killed 25 people in Saada and a Houthi commander was among the dead.",
            ("Saada",),
            "Houthis (Ansar Allah)",
        ),
        # the victim named in an apposition of the subject
        (
            "Abu Omar, the JNIM commander in the area, was killed near Menaka.",
            ("Menaka",),
            "JNIM",
        ),
        # a pronoun victim does not resolve to the killer
        (
            "RSF fighters seized five men in El Geneina and shot them.",
            ("El Geneina",),
            None,
        ),
    ],
)
def test_event_actors_negative_victim_is_never_actor1(  # type: ignore[no-untyped-def]
    base_nlp, stages, text, places, victim
) -> None:
    events = violent(run(base_nlp, stages, text, places))
    assert events, text
    for event in events:
        if victim is not None:
            assert event.actor1 != victim, sides(events)
        else:
            assert event.actor2 != event.actor1 or event.actor1 is None, sides(events)
    if victim is not None:
        assert victim in {e.actor2 for e in events}, sides(events)


@pytest.mark.model
def test_event_actors_negative_victim_not_carried_to_the_next_sentence(base_nlp, stages) -> None:  # type: ignore[no-untyped-def]
    doc = run(
        base_nlp,
        stages,
        "Ten Houthi fighters were killed in air strikes near Marib. On Monday air strikes "
        "killed 23 people in the town.",
        ("Marib",),
    )
    second = violent(doc)[-1]
    assert second.actor1 != "Houthis (Ansar Allah)", sides(violent(doc))


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "places", "not_actor"),
    [
        # a spokesman's government speaks, it does not act
        (
            "Kremlin spokesman Dmitry Peskov expressed sorrow over the deaths of five soldiers "
            "in Belgorod.",
            ("Belgorod",),
            "Russia",
        ),
        # the subject of a reporting verb in the clause is a source
        (
            "The United States says the attack on the outskirts of Khartoum killed more "
            "than 40 people.",
            ("Khartoum",),
            "United States",
        ),
        # who keeps silent about a massacre did not commit it
        (
            "Activists decried the Saudi-led coalition's silence over the Hodeidah massacre.",
            ("Hodeidah",),
            "Saudi-led coalition",
        ),
    ],
)
def test_event_actors_negative_sources_are_never_sides(  # type: ignore[no-untyped-def]
    base_nlp, stages, text, places, not_actor
) -> None:
    events = violent(run(base_nlp, stages, text, places))
    assert events, text
    for event in events:
        assert not_actor not in {event.actor1, event.actor2}, sides(events)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "places", "not_actor"),
    [
        # a capital in apposition to "the capital" is a place
        (
            "A car bomb killed six people south of the Somali capital Mogadishu on Monday.",
            ("Mogadishu",),
            "Somalia",
        ),
        # "the Sudanese side of the border" is a place
        (
            "A drone strike on the Sudanese side of the border crossing killed nine people.",
            (),
            "Sudan",
        ),
        # "X-held" says who holds the place, not who struck it
        (
            "Air strikes hit a market in the Houthi-held city of Hodeidah, killing nine people.",
            ("Hodeidah",),
            "Houthis (Ansar Allah)",
        ),
        # a country before a noun of war locates it ("Sudan fighting kills 20")
        ("Sudan fighting kills 20 in El Fasher", ("El Fasher",), "Sudan"),
        # a political coalition is not the military one
        (
            "The US-led coalition is bombing Raqqa. The Syrian Coalition said a car bomb "
            "killed ten people in Azaz.",
            ("Raqqa", "Azaz"),
            "International coalition",
        ),
    ],
)
def test_event_actors_negative_place_words_do_not_act(  # type: ignore[no-untyped-def]
    base_nlp, stages, text, places, not_actor
) -> None:
    events = violent(run(base_nlp, stages, text, places))
    assert events, text
    assert not_actor not in {events[-1].actor1, events[-1].actor2}, sides(events)


@pytest.mark.model
def test_event_actors_background_battle_is_its_own_event(base_nlp, stages) -> None:  # type: ignore[no-untyped-def]
    doc = run(
        base_nlp,
        stages,
        "Airstrikes on villages near Manbij killed at least 85 civilians on Tuesday as "
        "intense fighting was underway between Islamic State and the Syrian Democratic "
        "Forces.",
        ("Manbij",),
    )
    events = violent(doc)
    strike = next(e for e in events if e.event_type == "Explosions/Remote violence")
    battle = next(e for e in events if e.event_type == "Battles")
    assert strike.fatalities == 85
    assert battle.fatalities is None
    assert {battle.actor1, battle.actor2} == {"Islamic State", "Syrian Democratic Forces"}
    assert strike.actor1 not in ("Islamic State", "Syrian Democratic Forces")


# -- associated actors (ACLED's assoc_actor_1 / assoc_actor_2) -------------------------


def all_sides(events: list[Event]) -> list[tuple[object, ...]]:
    return [(e.actor1, e.assoc_actor1, e.actor2, e.assoc_actor2) for e in events]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "places", "actor1", "assoc1", "actor2", "assoc2"),
    [
        # coordinated doers of a one-sided act are allies, not the side hit
        (
            "American and British jets struck Houthi radar sites near Hodeidah on Sunday.",
            ("Hodeidah",),
            "United States",
            ["United Kingdom"],
            "Houthis (Ansar Allah)",
            [],
        ),
        # "X-Y forces": two modifiers of one noun
        (
            "Russian-Iranian forces shelled the outskirts of Saraqeb overnight.",
            ("Saraqeb",),
            "Russia",
            ["Iran"],
            None,
            [],
        ),
        # forces it is "backed by" took part
        (
            "Malian soldiers backed by Russian helicopters attacked a camp near Mopti.",
            ("Mopti",),
            "Mali",
            ["Russia"],
            None,
            [],
        ),
        # named "together with" the doer
        (
            "Iraqi forces, together with US special forces, raided an Islamic State hideout "
            "near Hawija.",
            ("Hawija",),
            "Iraq",
            ["United States"],
            "Islamic State",
            [],
        ),
        # a clash with a third party: the coordinated subjects fight on one side
        (
            "Syrian and Russian forces clashed with rebels near Hama.",
            ("Hama",),
            "Syria",
            ["Russia"],
            "Rebels",
            [],
        ),
        # coordinated victims of another state are the side hit's associates
        (
            "Houthi drones struck Saudi and Emirati troops near Marib.",
            ("Marib",),
            "Houthis (Ansar Allah)",
            [],
            "Saudi Arabia",
            ["United Arab Emirates"],
        ),
        (
            "Israeli troops clashed with Hamas and Islamic Jihad fighters in Khan Younis.",
            ("Khan Younis",),
            "Israel",
            [],
            "Hamas",
            ["Palestinian Islamic Jihad"],
        ),
    ],
)
def test_event_actors_associates(  # type: ignore[no-untyped-def]
    base_nlp, stages, text, places, actor1, assoc1, actor2, assoc2
) -> None:
    events = violent(run(base_nlp, stages, text, places))
    assert (actor1, assoc1, actor2, assoc2) in all_sides(events), all_sides(events)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "places", "actor1", "actor2"),
    [
        # two sides of a clash are opponents, not associates
        ("Russian and Ukrainian forces clashed near Bakhmut.", ("Bakhmut",), "Russia", "Ukraine"),
        (
            "Fighting broke out between the Sudanese army and the RSF in Omdurman.",
            ("Omdurman",),
            "Sudan",
            "Rapid Support Forces",
        ),
        # a backer named only in "Iranian-backed" is an affiliation
        (
            "Iranian-backed militias shelled the town of Mayadin.",
            ("Mayadin",),
            "Iran-backed militias",
            None,
        ),
        # a state backer is neither the side hit nor an associate
        (
            "Rebels backed by Turkey attacked Kurdish positions near Afrin.",
            ("Afrin",),
            "Rebels",
            None,
        ),
        # soldiers and policemen of one state are one side hit, not two
        (
            "Militants killed four soldiers and three policemen near Gao.",
            ("Gao",),
            "Unidentified armed group",
            "Government forces",
        ),
        # the speaker is no associate of the doer it reports
        (
            "The Malian army said Russian helicopters struck a village near Mopti.",
            ("Mopti",),
            "Russia",
            None,
        ),
        # alternatives ("or") are uncertain doers: neither an ally nor the side hit
        (
            "Residents said Syrian or Russian jets bombed a bakery in Ariha.",
            ("Ariha",),
            "Syria",
            None,
        ),
        # two sides of an agreement are its parties, not allies
        (
            "Russia and Turkey agreed on a ceasefire in Idlib.",
            ("Idlib",),
            "Russia",
            "Turkey",
        ),
    ],
)
def test_event_actors_negative_no_associates(  # type: ignore[no-untyped-def]
    base_nlp, stages, text, places, actor1, actor2
) -> None:
    events = run(base_nlp, stages, text, places)._.sitrep_events
    assert (actor1, [], actor2, []) in all_sides(events), all_sides(events)


# -- armed people killed and named by no group -----------------------------------------


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "places", "actor1"),
    [
        # kill euphemisms: the side hit is armed, so a state force fights a clash
        ("Syrian forces eliminated 40 terrorists near Deir ez-Zor.", ("Deir ez-Zor",), "Syria"),
        ("Iraqi troops destroyed dozens of terrorists near Kirkuk.", ("Kirkuk",), "Iraq"),
        ("Nigerien soldiers neutralised 15 fighters near Diffa.", ("Diffa",), "Niger"),
        # ... as a plain "killed" is
        (
            "The army killed 25 fighters in an operation near Mopti.",
            ("Mopti",),
            "Government forces",
        ),
        (
            "The army killed 25 militants in an operation near Mopti.",
            ("Mopti",),
            "Government forces",
        ),
    ],
)
def test_event_actors_armed_victims_are_a_side(  # type: ignore[no-untyped-def]
    base_nlp, stages, text, places, actor1
) -> None:
    doc = run(base_nlp, stages, text, places)
    events = violent(doc)
    assert [(e.sub_event_type, e.actor1) for e in events] == [("Armed clash", actor1)], text
    actor2 = events[0].actor2
    assert actor2 is not None and actor2.startswith("Unidentified armed group"), actor2
    # the side hit is an actor mention of the document (for the report's actors)
    assert any(
        s.text in text and s._.sitrep_actor.startswith("unidentified")
        for s in doc.spans["sitrep_actors"]
    )


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "places", "actor2"),
    [
        # a named group is the side hit, not an unidentified one
        ("The army killed 25 Islamic State fighters near Kirkuk.", ("Kirkuk",), "Islamic State"),
        # someone's own fighters are not a new side
        ("The group said 12 of its fighters were killed near Kirkuk.", ("Kirkuk",), None),
        # civilians stay civilians
        ("Gunmen killed 12 civilians near Mopti.", ("Mopti",), "Civilians"),
        # fighters tied to a side by name are no unidentified group
        (
            "Rebels killed 13 pro-government fighters near Idlib.",
            ("Idlib",),
            "Pro-government militias",
        ),
        (
            "Rebels killed 13 fighters loyal to President Bashar al-Assad near Idlib.",
            ("Idlib",),
            None,
        ),
    ],
)
def test_event_actors_negative_armed_victims(  # type: ignore[no-untyped-def]
    base_nlp, stages, text, places, actor2
) -> None:
    events = violent(run(base_nlp, stages, text, places))
    assert events, text
    assert [e.actor2 for e in events] == [actor2], all_sides(events)


@pytest.mark.model
def test_event_actors_negative_euphemism_without_people(base_nlp, stages) -> None:  # type: ignore[no-untyped-def]
    doc = run(base_nlp, stages, "The army destroyed a terrorist hideout near Kirkuk.", ("Kirkuk",))
    assert violent(doc) == []
