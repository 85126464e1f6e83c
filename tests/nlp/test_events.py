"""Tests of sitrep.nlp.events: triggers, ACLED/PLOVER types, arguments, modality, negatives.

Sentences are written for these tests in the style of wire reports from
several wars. The model tests parse them with the real English pipeline and
run the actor and event stages alone, with toponyms (and, where a test says
so, quantities and times) set by hand, so the event logic is tested in
isolation; the end-to-end test on the example article runs everything.
"""

from __future__ import annotations

from datetime import date

import pytest
from spacy.tokens import Doc

from sitrep.lexicons import load_lexicon
from sitrep.nlp.actors import ActorCatalogue, ActorRecognizer
from sitrep.nlp.events import EventExtractor
from sitrep.nlp.extensions import (
    QUANTITIES_KEY,
    TIMES_KEY,
    Quantity,
    TimeValue,
    register_extensions,
)
from sitrep.nlp.weapons import weapon_names
from sitrep.types import Event, Span, Toponym

TYPOLOGY = {
    "Battles": {
        "Armed clash",
        "Government regains territory",
        "Non-state actor overtakes territory",
    },
    "Explosions/Remote violence": {
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    },
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
    "Protests": {
        "Peaceful protest",
        "Protest with intervention",
        "Excessive force against protesters",
    },
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    },
}
PLOVER = set(
    "AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT "
    "THREATEN PROTEST SANCTION MOBILIZE COERCE ASSAULT".split()
)


@pytest.fixture(scope="module")
def stages(base_nlp):  # type: ignore[no-untyped-def]
    register_extensions()
    return ActorRecognizer(base_nlp), EventExtractor(base_nlp)


def run(  # type: ignore[no-untyped-def]
    base_nlp,
    stages,
    text: str,
    places: tuple[str, ...] = (),
    hints: dict[str, str] | None = None,
    quantities: tuple[tuple[str, Quantity], ...] = (),
    times: tuple[tuple[str, TimeValue], ...] = (),
) -> Doc:
    """Parse ``text``, set toponyms/quantities/times by hand, run actors and events."""
    doc = base_nlp(text)
    toponyms = []
    for name in places:
        start = 0
        while (start := text.find(name, start)) >= 0:
            toponyms.append(
                Toponym(
                    span=Span(start, start + len(name), name),
                    label="GPE",
                    feature_hint=(hints or {}).get(name),
                )
            )
            start += len(name)
    doc._.sitrep_toponyms = toponyms
    for key, items in ((QUANTITIES_KEY, quantities), (TIMES_KEY, times)):
        spans = []
        for words, value in items:
            start = text.index(words)
            span = doc.char_span(start, start + len(words))
            assert span is not None, words
            attr = "sitrep_quantity" if key == QUANTITIES_KEY else "sitrep_time"
            setattr(span._, attr, value)
            spans.append(span)
        doc.spans[key] = spans
    recognizer, extractor = stages
    recognizer(doc)
    extractor(doc)
    return doc  # type: ignore[no-any-return]


def only_event(doc: Doc) -> Event:
    events: list[Event] = doc._.sitrep_events
    assert len(events) == 1, [(e.trigger.text, e.event_type, e.sub_event_type) for e in events]
    return events[0]


# -- the lexicon as data ----------------------------------------------------------


def test_events_trigger_lexicon_uses_exact_typology_strings() -> None:
    reached: dict[str, set[str]] = {}
    for entry in load_lexicon("event_triggers", "en")["triggers"]:
        assert entry["sub_event_type"] in TYPOLOGY[entry["event_type"]], entry["family"]
        assert entry["plover"] in PLOVER
        reached.setdefault(entry["event_type"], set()).add(entry["sub_event_type"])
    for weapon in load_lexicon("weapons", "en")["weapons"]:
        if weapon["sub_event_type"]:
            assert weapon["sub_event_type"] in TYPOLOGY["Explosions/Remote violence"]
    # refinements reach the rest (tested below); the lexicon alone reaches these
    assert reached["Strategic developments"] == TYPOLOGY["Strategic developments"]
    assert reached["Explosions/Remote violence"] == TYPOLOGY["Explosions/Remote violence"]


# -- trigger -> type, with actors from the parse ---------------------------------------

TYPED = [
    # (text, places, event_type, sub_event_type, actor names that must be there)
    (
        "Syrian government forces clashed with Hay'at Tahrir al-Sham fighters near Saraqib.",
        ("Saraqib",),
        "Battles",
        "Armed clash",
        {"Syria", "Hay'at Tahrir al-Sham"},
    ),
    (
        "Russian warplanes carried out airstrikes on the town of Ariha, killing 12 civilians.",
        ("Ariha",),
        "Explosions/Remote violence",
        "Air/drone strike",
        {"Russia"},
    ),
    (
        "Russian forces shelled the city of Kharkiv with artillery and rockets overnight.",
        ("Kharkiv",),
        "Explosions/Remote violence",
        "Shelling/artillery/missile attack",
        {"Russia"},
    ),
    (
        "A car bomb exploded in a crowded market in Mogadishu on Sunday.",
        ("Mogadishu",),
        "Explosions/Remote violence",
        "Remote explosive/landmine/IED",
        set(),
    ),
    (
        "A suicide bomber blew himself up at a checkpoint in Kabul.",
        ("Kabul",),
        "Explosions/Remote violence",
        "Suicide bomb",
        set(),
    ),
    (
        "Activists said government forces carried out a chlorine gas attack on Douma.",
        ("Douma",),
        "Explosions/Remote violence",
        "Chemical weapon",
        set(),
    ),
    (
        "A grenade attack on a bar in Bujumbura wounded five people.",
        ("Bujumbura",),
        "Explosions/Remote violence",
        "Grenade",
        set(),
    ),
    (
        "The Rapid Support Forces killed dozens of civilians in El Fasher.",
        ("El Fasher",),
        "Violence against civilians",
        "Attack",
        {"Rapid Support Forces"},
    ),
    (
        "Gunmen kidnapped 20 students from a school in Kaduna.",
        ("Kaduna",),
        "Violence against civilians",
        "Abduction/forced disappearance",
        set(),
    ),
    (
        "Soldiers raped several women during a raid on a village in Tigray.",
        ("Tigray",),
        "Violence against civilians",
        "Sexual violence",
        set(),
    ),
    (
        "Hundreds of people protested in Bamako against rising fuel prices.",
        ("Bamako",),
        "Protests",
        "Peaceful protest",
        set(),
    ),
    (
        "Police used tear gas to disperse a protest in Niamey.",
        ("Niamey",),
        "Protests",
        "Protest with intervention",
        set(),
    ),
    (
        "Rioters torched police stations in Nairobi.",
        ("Nairobi",),
        "Riots",
        "Violent demonstration",
        set(),
    ),
    ("A mob lynched a man accused of theft in Kano.", ("Kano",), "Riots", "Mob violence", set()),
    (
        "Islamic State militants took control of the town of Palmyra.",
        ("Palmyra",),
        "Battles",
        "Non-state actor overtakes territory",
        {"Islamic State"},
    ),
    (
        "The Syrian army recaptured the town of Khan Shaykhun.",
        ("Khan Shaykhun",),
        "Battles",
        "Government regains territory",
        {"Syria"},
    ),
    (
        "Police arrested 15 opposition activists in Khartoum.",
        ("Khartoum",),
        "Strategic developments",
        "Arrests",
        set(),
    ),
    (
        "Malian troops defused an improvised explosive device near Gao.",
        ("Gao",),
        "Strategic developments",
        "Disrupted weapons use",
        {"Mali"},
    ),
    (
        "Wagner mercenaries established a base at the airport of Timbuktu.",
        ("Timbuktu",),
        "Strategic developments",
        "Headquarters or base established",
        {"Wagner Group"},
    ),
    (
        "Al-Shabaab militants looted shops in the town of Beledweyne.",
        ("Beledweyne",),
        "Strategic developments",
        "Looting/property destruction",
        {"al-Shabaab"},
    ),
    (
        "Government forces handed over the town of Tabqa to the SDF without a fight.",
        ("Tabqa",),
        "Strategic developments",
        "Non-violent transfer of territory",
        set(),
    ),
    (
        "Ukrainian troops withdrew from Avdiivka after months of fighting.",
        ("Avdiivka",),
        "Strategic developments",
        "Change to group/activity",
        {"Ukraine"},
    ),
    (
        "Turkish and Russian officials met in Ankara to discuss the situation in Idlib.",
        ("Ankara", "Idlib"),
        "Strategic developments",
        "Other",
        {"Turkey", "Russia"},
    ),
    (
        "Hamas and Israel agreed on a ceasefire in Gaza.",
        ("Gaza",),
        "Strategic developments",
        "Agreement",
        {"Hamas", "Israel"},
    ),
    (
        "Israeli airstrikes hit a residential building in Gaza City.",
        ("Gaza City",),
        "Explosions/Remote violence",
        "Air/drone strike",
        {"Israel"},
    ),
    (
        "Houthi forces fired missiles at a commercial ship in the Red Sea.",
        ("Red Sea",),
        "Explosions/Remote violence",
        "Shelling/artillery/missile attack",
        {"Houthis (Ansar Allah)"},
    ),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "places", "event_type", "sub_event_type", "actors"), TYPED)
def test_events_trigger_gives_acled_type(  # type: ignore[no-untyped-def]
    base_nlp, stages, text, places, event_type, sub_event_type, actors
) -> None:
    doc = run(base_nlp, stages, text, places)
    typed = [(e.event_type, e.sub_event_type) for e in doc._.sitrep_events]
    assert (event_type, sub_event_type) in typed
    event = next(
        e
        for e in doc._.sitrep_events
        if (e.event_type, e.sub_event_type) == (event_type, sub_event_type)
    )
    assert actors <= {event.actor1, event.actor2}
    assert event.place_mention is not None and event.place_mention.text in places
    assert event.evidence.rule.startswith("events.trigger:")
    assert event.evidence.explanation
    assert 0.0 < event.confidence <= 1.0


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "actor1", "actor2"),
    [
        # "between X and Y"
        (
            "Heavy clashes erupted between the Rapid Support Forces and the Sudanese army in "
            "Omdurman.",
            "Rapid Support Forces",
            "Sudan",
        ),
        # subject / object, not the nearest name (Russia is only the setting's owner)
        (
            "Ukrainian forces attacked Russian positions near Bakhmut, a Russian official said.",
            "Ukraine",
            "Russia",
        ),
        # "by X": passive agent
        ("Three civilians were killed by Israeli shelling in Khan Younis.", "Israel", "Civilians"),
    ],
)
def test_events_actors_from_the_parse(base_nlp, stages, text, actor1, actor2) -> None:  # type: ignore[no-untyped-def]
    doc = run(base_nlp, stages, text, ("Omdurman", "Bakhmut", "Khan Younis"))
    event = doc._.sitrep_events[0]
    assert {event.actor1, event.actor2} == {actor1, actor2}
    assert event.actor1_mention is not None
    assert doc.text[event.actor1_mention.start : event.actor1_mention.end] == (
        event.actor1_mention.text
    )


@pytest.mark.model
def test_events_speaker_is_not_an_actor(base_nlp, stages) -> None:  # type: ignore[no-untyped-def]
    doc = run(
        base_nlp,
        stages,
        "A spokesman for the Syrian National Army said clashes broke out in Azaz.",
        ("Azaz",),
    )
    event = only_event(doc)
    assert event.actor1 is None and event.actor2 is None
    assert event.confidence < 0.7


@pytest.mark.model
def test_events_weapons_listed(base_nlp, stages) -> None:  # type: ignore[no-untyped-def]
    doc = run(
        base_nlp,
        stages,
        "Russian forces shelled the city of Kharkiv with artillery and rockets.",
        ("Kharkiv",),
    )
    assert {"artillery", "rockets"} <= set(only_event(doc).weapons)


@pytest.mark.model
def test_events_light_weapons_keep_a_clash_a_battle(base_nlp, stages) -> None:  # type: ignore[no-untyped-def]
    doc = run(
        base_nlp,
        stages,
        "Clashes with light weapons broke out between Russian and Iranian forces in the "
        "city, using mortar shells.",
    )
    event = only_event(doc)
    assert (event.event_type, event.sub_event_type) == ("Battles", "Armed clash")
    assert {"light weapons", "mortar"} <= set(event.weapons)


# -- place and date -------------------------------------------------------------------


@pytest.mark.model
def test_events_place_prefers_the_neighbourhood(base_nlp, stages) -> None:  # type: ignore[no-untyped-def]
    doc = run(
        base_nlp,
        stages,
        "Clashes escalated in the neighbourhood of Salah al-Din in Aleppo.",
        ("Salah al-Din", "Aleppo"),
        hints={"Salah al-Din": "neighbourhood", "Aleppo": "city"},
    )
    assert only_event(doc).place_mention.text == "Salah al-Din"  # type: ignore[union-attr]


@pytest.mark.model
def test_events_place_falls_back_to_the_articles_main_place(base_nlp, stages) -> None:  # type: ignore[no-untyped-def]
    doc = run(
        base_nlp,
        stages,
        "The army entered Deraa on Monday. Fighting between the army and rebels "
        "continued for hours.",
        ("Deraa",),
    )
    fighting = next(e for e in doc._.sitrep_events if e.trigger.text == "Fighting")
    assert fighting.place_mention is not None and fighting.place_mention.text == "Deraa"
    assert "article" in fighting.evidence.explanation


@pytest.mark.model
def test_events_date_from_a_time_span_in_the_clause(base_nlp, stages) -> None:  # type: ignore[no-untyped-def]
    text = "Clashes between the SDF and Turkish forces escalated in the past two days in Manbij."
    doc = run(
        base_nlp,
        stages,
        text,
        ("Manbij",),
        times=(("the past two days", TimeValue(date(2024, 5, 1), date(2024, 5, 2), 1)),),
    )
    event = only_event(doc)
    assert (event.date, event.date_end, event.date_precision, event.date_text) == (
        date(2024, 5, 1),
        date(2024, 5, 2),
        1,
        "the past two days",
    )


@pytest.mark.model
def test_events_date_of_another_clause_is_not_taken(base_nlp, stages) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Clashes broke out between Russian and Iranian forces in Aleppo, which the regime "
        "took over at the end of 2016."
    )
    doc = run(
        base_nlp,
        stages,
        text,
        ("Aleppo",),
        times=(("the end of 2016", TimeValue(date(2016, 12, 1), None, 3)),),
    )
    clash = next(
        e
        for e in doc._.sitrep_events
        if e.event_type == "Battles" and e.sub_event_type == "Armed clash"
    )
    assert clash.date is None


# -- casualties -------------------------------------------------------------------------


@pytest.mark.model
def test_events_casualties_from_quantity_spans(base_nlp, stages) -> None:  # type: ignore[no-untyped-def]
    text = "An airstrike on Saraqib killed at least 12 people and wounded 30 others."
    doc = run(
        base_nlp,
        stages,
        text,
        ("Saraqib",),
        quantities=(
            ("at least 12 people", Quantity(12, "killed", "at least", "people")),
            ("30 others", Quantity(30, "injured", None, "others")),
        ),
    )
    event = only_event(doc)
    assert (event.fatalities, event.injuries) == (12, 30)
    assert event.casualties_text == "at least 12 people"


@pytest.mark.model
def test_events_toll_in_the_next_sentence(base_nlp, stages) -> None:  # type: ignore[no-untyped-def]
    text = "Russian missiles struck a shopping centre in Kremenchuk. The toll rose to 20 dead."
    doc = run(
        base_nlp,
        stages,
        text,
        ("Kremenchuk",),
        quantities=(("20 dead", Quantity(20, "killed", None, "dead")),),
    )
    assert doc._.sitrep_events[0].fatalities == 20


@pytest.mark.model
def test_events_casualty_words_without_number(base_nlp, stages) -> None:  # type: ignore[no-untyped-def]
    doc = run(
        base_nlp,
        stages,
        "Clashes between Russian and Iranian forces resulted in deaths and injuries.",
    )
    event = only_event(doc)
    assert event.fatalities is None
    assert event.casualties_text == "deaths and injuries"
    assert "without a number" in event.evidence.explanation


@pytest.mark.model
def test_events_year_is_never_a_casualty(base_nlp, stages) -> None:  # type: ignore[no-untyped-def]
    doc = run(base_nlp, stages, "In 2016 the regime took control of Aleppo.", ("Aleppo",))
    for event in doc._.sitrep_events:
        assert event.fatalities is None and event.injuries is None
        assert "2016" not in (event.casualties_text or "")


# -- modality -------------------------------------------------------------------------


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("The army denied killing civilians in the village of Kafr Nabl.", "negated"),
        ("Ukrainian forces did not shell the town of Horlivka.", "negated"),
        ("Russia may have carried out the airstrike on Idlib.", "hypothetical"),
        ("The rebels threatened to storm the city of Marib.", "threatened"),
        ("Israel will launch a ground offensive on Rafah.", "future"),
        ("Russian forces shelled the town of Horlivka.", "asserted"),
    ],
)
def test_events_modality(base_nlp, stages, text, modality) -> None:  # type: ignore[no-untyped-def]
    doc = run(base_nlp, stages, text, ("Kafr Nabl", "Horlivka", "Idlib", "Marib", "Rafah"))
    assert [e.modality for e in doc._.sitrep_events] == [modality]


# -- merging and negatives ------------------------------------------------------------


@pytest.mark.model
def test_events_repeated_mentions_in_a_sentence_merge(base_nlp, stages) -> None:  # type: ignore[no-untyped-def]
    doc = run(
        base_nlp,
        stages,
        "Israeli airstrikes on Rafah killed 12 people, and the bombing destroyed homes.",
        ("Rafah",),
    )
    violent = [e for e in doc._.sitrep_events if e.event_type == "Explosions/Remote violence"]
    assert len(violent) == 1
    assert violent[0].fatalities == 12


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "The Security Council adopted UN Resolution 2254 in December 2015.",
        "The affected villages are: Kafr Nabl, Hass, Maarat Harma and Kafr Rouma.",
        "Liverpool clashed with Chelsea in a bruising Premier League match on Saturday.",
        "The two candidates clashed in a televised debate before the election.",
        "The battle against inflation will be long, the central bank said.",
        "These clashes raise questions about the future of the city.",
        "Clash of influence\n",
        "The company deployed a new software update in Berlin.",
        "The 2nd Brigade held a graduation ceremony in March.",
    ],
)
def test_events_negative_no_violent_event(base_nlp, stages, text) -> None:  # type: ignore[no-untyped-def]
    doc = run(base_nlp, stages, text, ("Kafr Nabl", "Hass", "Maarat Harma", "Kafr Rouma", "Berlin"))
    violent = [
        e
        for e in doc._.sitrep_events
        if e.event_type in ("Battles", "Explosions/Remote violence", "Violence against civilians")
        and e.confidence >= 0.3
    ]
    assert violent == []
    assert doc._.sitrep_deployments == []


@pytest.mark.model
def test_events_ids_are_sequential(base_nlp, stages) -> None:  # type: ignore[no-untyped-def]
    doc = run(
        base_nlp,
        stages,
        "Russian forces shelled Kharkiv. Ukrainian troops withdrew from Avdiivka.",
        ("Kharkiv", "Avdiivka"),
    )
    assert [e.id for e in doc._.sitrep_events] == ["e1", "e2"]


# -- relations ---------------------------------------------------------------------------


@pytest.mark.model
def test_events_relations_allied_and_hostile(base_nlp, stages) -> None:  # type: ignore[no-untyped-def]
    doc = run(
        base_nlp,
        stages,
        "Clashes broke out between Iranian militias and Russian forces in Aleppo.",
        ("Aleppo",),
    )
    relations = {(r.type, frozenset((r.actor1, r.actor2))) for r in doc._.sitrep_relations}
    assert ("allied", frozenset(("Iran-backed militias", "Iran"))) in relations
    assert ("hostile", frozenset(("Iran-backed militias", "Russia"))) in relations


@pytest.mark.model
def test_events_named_group_is_not_its_backer(base_nlp, stages) -> None:  # type: ignore[no-untyped-def]
    doc = run(
        base_nlp, stages, "Hezbollah fighters clashed with Israeli troops near Metula.", ("Metula",)
    )
    relations = {(r.type, frozenset((r.actor1, r.actor2))) for r in doc._.sitrep_relations}
    assert ("allied", frozenset(("Hezbollah", "Iran"))) not in relations
    assert {only_event(doc).actor1, only_event(doc).actor2} == {"Hezbollah", "Israel"}


# -- the perpetrator of a remote attack -------------------------------------------------


def violent(doc: Doc) -> list[Event]:
    """The violent events of ``doc`` (Battles, Remote violence, Violence against civilians)."""
    kinds = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
    return [e for e in doc._.sitrep_events if e.event_type in kinds]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "places", "perpetrator", "sub_event_type"),
    [
        # passive agent inside a participle clause on the trigger noun
        (
            "At least four people were killed in airstrikes carried out by the Sudanese army "
            "in Nyala.",
            ("Nyala",),
            "Sudan",
            "Air/drone strike",
        ),
        # "believed to be by X"
        (
            "A drone attack believed to be by the Houthis hit a tanker off Hodeidah.",
            ("Hodeidah",),
            "Houthis (Ansar Allah)",
            "Air/drone strike",
        ),
        # the means of a killing names its doer ("died in Israeli strikes")
        ("Three people died in Israeli strikes on Rafah overnight.", ("Rafah",), "Israel", None),
        # victims in the main clause, the doer in the "when" clause: one event
        (
            "Ten civilians were killed on Tuesday when Russian warplanes struck a village "
            "near Kharkiv.",
            ("Kharkiv",),
            "Russia",
            "Air/drone strike",
        ),
        # a state's weapon platform stands for its forces
        (
            "Syrian army helicopters dropped barrel bombs on Daraya.",
            ("Daraya",),
            "Syria",
            "Air/drone strike",
        ),
        (
            "Malian army drones struck a wedding in Mopti, killing twelve civilians.",
            ("Mopti",),
            "Mali",
            "Air/drone strike",
        ),
        (
            "Ukrainian artillery shelled the outskirts of Donetsk on Sunday.",
            ("Donetsk",),
            "Ukraine",
            "Shelling/artillery/missile attack",
        ),
        # a generic state word before a noun of attack
        (
            "Fierce government bombardment of the town killed 43 people.",
            (),
            "Government forces",
            "Shelling/artillery/missile attack",
        ),
        ("Regime warplanes killed 12 people in Douma.", ("Douma",), "Government forces", None),
        (
            "Rebel shelling killed two children in Aleppo.",
            ("Aleppo",),
            "Rebels",
            "Shelling/artillery/missile attack",
        ),
        (
            "Saudi-led coalition jets struck a market in Saada, killing 20 civilians.",
            ("Saada",),
            "Saudi-led coalition",
            "Air/drone strike",
        ),
    ],
)
def test_events_perpetrator_of_remote_violence(  # type: ignore[no-untyped-def]
    base_nlp, stages, text, places, perpetrator, sub_event_type
) -> None:
    doc = run(base_nlp, stages, text, places)
    events = violent(doc)
    assert len(events) == 1, [(e.trigger.text, e.actor1, e.actor2) for e in events]
    event = events[0]
    assert event.actor1 == perpetrator
    assert event.actor2 != perpetrator
    if sub_event_type is not None:
        assert event.sub_event_type == sub_event_type


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "places", "actor1", "actor2"),
    [
        # the armed victims of a strike go second, whatever the word order
        (
            "At least 35 Islamic State militants were killed in air strikes by the US-led "
            "coalition near Raqqa.",
            ("Raqqa",),
            "International coalition",
            "Islamic State",
        ),
        (
            "Ukrainian drones killed twelve Russian soldiers near Bakhmut.",
            ("Bakhmut",),
            "Ukraine",
            "Russia",
        ),
        (
            "RSF fighters were killed when Sudanese army jets bombed their convoy near El Obeid.",
            ("El Obeid",),
            "Sudan",
            "Rapid Support Forces",
        ),
        # a nationality stated of the strikes ("believed to be Russian")
        (
            "The air strikes, believed to be Russian, killed 20 people in Maarat al-Numan.",
            ("Maarat al-Numan",),
            "Russia",
            None,
        ),
    ],
)
def test_events_attacker_first_target_second(  # type: ignore[no-untyped-def]
    base_nlp, stages, text, places, actor1, actor2
) -> None:
    doc = run(base_nlp, stages, text, places)
    events = violent(doc)
    assert len(events) == 1, [(e.trigger.text, e.actor1, e.actor2) for e in events]
    assert events[0].actor1 == actor1
    if actor2 is None:
        assert events[0].actor2 is None or events[0].actor2.startswith("Civilians")
    else:
        assert events[0].actor2 == actor2


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        # a bare count is not an anaphor for the last armed actor
        "Ukrainian forces advanced near Bakhmut. Islamic State beheaded two men in Raqqa.",
        # a nationality of a person is not an attacker
        "The new minister is Russian. Islamic State beheaded two men in Raqqa.",
    ],
)
def test_events_negative_no_side_from_counts_or_nationalities(base_nlp, stages, text) -> None:  # type: ignore[no-untyped-def]
    doc = run(base_nlp, stages, text, ("Bakhmut", "Raqqa"))
    beheading = next(e for e in doc._.sitrep_events if e.trigger.text == "beheaded")
    assert beheading.actor1 == "Islamic State"
    assert beheading.actor2 in (None, "Civilians")


@pytest.mark.model
def test_events_armed_side_carried_from_the_sentence_before(base_nlp, stages) -> None:  # type: ignore[no-untyped-def]
    doc = run(
        base_nlp,
        stages,
        "Russian jets struck the market in Idlib on Monday. Five civilians were killed and "
        "ten wounded.",
        ("Idlib",),
    )
    killing = next(e for e in doc._.sitrep_events if e.trigger.text == "killed")
    assert {killing.actor1, killing.actor2} == {"Russia", "Civilians"}
    assert killing.sub_event_type == "Air/drone strike"


@pytest.mark.model
def test_events_armed_side_not_carried_across_unrelated_sentences(base_nlp, stages) -> None:  # type: ignore[no-untyped-def]
    doc = run(
        base_nlp,
        stages,
        "Russian jets struck the market in Idlib on Monday. The talks in Geneva were "
        "postponed. Five civilians were killed in Daraa.",
        ("Idlib", "Daraa"),
    )
    killing = next(e for e in doc._.sitrep_events if e.trigger.text == "killed")
    assert "Russia" not in {killing.actor1, killing.actor2}


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "not_actor"),
    [
        # a monitor's seat is a place, and the monitor is a source
        (
            "Five people were killed in Idlib, the UK-based Syrian Observatory for Human "
            "Rights said.",
            "United Kingdom",
        ),
        (
            "Fighting killed six people in Idlib, said the Syrian Observatory for Human "
            "Rights, a Britain-based monitor.",
            "United Kingdom",
        ),
        # the owner of a news outlet does not fight
        (
            "A bomb killed six people in Aleppo on Wednesday, the regime's official "
            "television channel reported.",
            "Government forces",
        ),
        ("Russian state media said a drone hit a refinery in Tuapse.", "Russia"),
        # "the Observatory" is a name, not an anaphor for the last armed actor
        (
            "Ukrainian forces advanced near Bakhmut. Islamic State beheaded two men on "
            "Sunday, the Observatory said.",
            "Ukraine",
        ),
    ],
)
def test_events_negative_sources_are_never_sides(base_nlp, stages, text, not_actor) -> None:  # type: ignore[no-untyped-def]
    doc = run(base_nlp, stages, text, ("Idlib", "Aleppo", "Tuapse", "Bakhmut"))
    events = violent(doc)
    assert events
    last = events[-1]
    assert not_actor not in {last.actor1, last.actor2}


# -- sub-event types --------------------------------------------------------------------


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "event_type", "sub_event_type", "actor1", "actor2"),
    [
        # executions are one-sided, however many armed words the sentence has
        (
            "Islamic State militants executed 20 men in Palmyra.",
            "Violence against civilians",
            "Attack",
            "Islamic State",
            None,
        ),
        (
            "Al-Shabaab fighters beheaded two villagers near Kismayo.",
            "Violence against civilians",
            "Attack",
            "al-Shabaab",
            "Civilians (Somalia)",
        ),
        # a weapon used on something makes a remote attack of a verb
        (
            "Terrorists fired tens of mortar shells on residential neighborhoods in Aleppo, "
            "killing eight people.",
            "Explosions/Remote violence",
            "Shelling/artillery/missile attack",
            None,
            None,
        ),
        # shooting at civilians is an attack, not a clash
        (
            "Gunmen opened fire on a bus in northern Burkina Faso, killing six passengers.",
            "Violence against civilians",
            "Attack",
            "Unidentified armed group",
            "Civilians",
        ),
        # two armed sides fighting stay a clash, with their mortar as a weapon
        (
            "Clashes escalated between the army and rebels in Daraa and used mortar shells.",
            "Battles",
            "Armed clash",
            "Government forces",
            "Rebels",
        ),
    ],
)
def test_events_sub_event_type_rules(  # type: ignore[no-untyped-def]
    base_nlp, stages, text, event_type, sub_event_type, actor1, actor2
) -> None:
    doc = run(
        base_nlp,
        stages,
        text,
        ("Palmyra", "Kismayo", "Aleppo", "Burkina Faso", "Daraa"),
        hints={"Burkina Faso": "country"},
    )
    events = violent(doc)
    assert len(events) == 1, [(e.trigger.text, e.sub_event_type) for e in events]
    event = events[0]
    assert (event.event_type, event.sub_event_type) == (event_type, sub_event_type)
    # generic actors carry the document's country when it has one
    if actor1 is not None:
        assert (event.actor1 or "").startswith(actor1)
    if actor2 is None:
        assert event.actor2 is None or event.actor2.startswith("Civilians")
    else:
        assert (event.actor2 or "").startswith(actor2)


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "The captured soldiers were shown on television in Kyiv.",
        "Russian fighter jets were sold to Iran last year.",
        "The army bought new rifles and artillery pieces.",
    ],
)
def test_events_negative_no_event_from_a_weapon_or_participle(base_nlp, stages, text) -> None:  # type: ignore[no-untyped-def]
    doc = run(base_nlp, stages, text, ("Kyiv",))
    assert violent(doc) == []
    assert not [e for e in doc._.sitrep_events if e.event_type == "Battles"]


@pytest.mark.model
def test_events_title_case_headline_triggers(base_nlp, stages) -> None:  # type: ignore[no-untyped-def]
    doc = run(
        base_nlp, stages, "Sudanese Army Jets Bomb Market In Nyala, Kill 12 Civilians", ("Nyala",)
    )
    events = violent(doc)
    assert events and events[0].sub_event_type == "Air/drone strike"
    assert events[0].actor1 == "Sudan"


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        # the lede's bare "attacks" told by the next sentence
        (
            "Terrorist attacks kill 10 in Aleppo. Gunmen fired mortar shells at residential "
            "neighborhoods.",
            "Shelling/artillery/missile attack",
        ),
        # only the opening borrows from the sentence after it
        (
            "The talks were held in Geneva. An attack killed ten people in Aleppo. Gunmen "
            "fired mortar shells at a checkpoint.",
            None,
        ),
    ],
)
def test_events_opening_takes_the_weapon_of_the_next_sentence(  # type: ignore[no-untyped-def]
    base_nlp, stages, text, sub_event_type
) -> None:
    doc = run(base_nlp, stages, text, ("Aleppo", "Geneva"))
    attack = next(e for e in doc._.sitrep_events if e.trigger.text.startswith("attack"))
    if sub_event_type is None:
        assert attack.sub_event_type != "Shelling/artillery/missile attack"
        assert "mortar" not in attack.weapons
    else:
        assert attack.sub_event_type == sub_event_type


# -- weapons ------------------------------------------------------------------------------


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "weapon"),
    [
        ("Snipers shot dead two men in Khartoum.", "light weapons"),
        ("Gunmen opened fire on worshippers in a mosque in Niamey.", "light weapons"),
        ("Soldiers killed three villagers with live ammunition in Khartoum.", "light weapons"),
        ("Israeli tank shells hit a house in Khan Younis.", "artillery"),
        # the trigger itself names the means
        ("Russian forces shelled Kherson overnight.", "artillery"),
        ("Government bombardment killed 43 people in Douma.", "artillery"),
        ("Houthi drones struck an oil facility near Jizan.", "drone"),
        ("Helicopters dropped barrel bombs on Daraya.", "airstrike"),
        ("Warplanes pounded the town of Kafr Nabl.", "airstrike"),
        ("A mortar round landed in a market in Mogadishu, killing four people.", "mortar"),
        ("Militants fired rockets at an army base near Gao.", "rockets"),
        ("Jihadists beheaded a village chief near Mopti.", "knives"),
    ],
)
def test_events_weapons_recorded_by_canonical_name(base_nlp, stages, text, weapon) -> None:  # type: ignore[no-untyped-def]
    doc = run(base_nlp, stages, text)
    events = violent(doc)
    assert events, text
    assert weapon in events[0].weapons
    names = set(weapon_names())
    assert set(events[0].weapons) <= names


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # no shooting word: no firearms
        ("Clashes broke out between the army and rebels in Daraa.", "light weapons"),
        # an air strike is no shelling
        ("Russian warplanes struck a market in Idlib.", "artillery"),
        # a shell fired and a man shot: the mortar is not an air strike
        ("A mortar shell killed two men in Gaza City.", "airstrike"),
    ],
)
def test_events_negative_weapons_not_invented(base_nlp, stages, text, absent) -> None:  # type: ignore[no-untyped-def]
    doc = run(base_nlp, stages, text, ("Daraa", "Idlib", "Gaza City"))
    events = violent(doc)
    assert events
    assert absent not in events[0].weapons


# -- end to end on the example article ----------------------------------------------------


def _side(catalogue: ActorCatalogue, state: str) -> set[str]:
    ids = {state} | {e for e in catalogue.entries if catalogue.patron_of(e) == state}
    return {catalogue.name(i) for i in ids}


@pytest.mark.model
def test_events_example_article(example_report) -> None:  # type: ignore[no-untyped-def]
    catalogue = ActorCatalogue.load()
    russia_side, iran_side = _side(catalogue, "russia"), _side(catalogue, "iran")
    events = example_report.events
    clashes = [e for e in events if (e.event_type, e.sub_event_type) == ("Battles", "Armed clash")]
    assert any(
        (e.actor1 in russia_side and e.actor2 in iran_side)
        or (e.actor1 in iran_side and e.actor2 in russia_side)
        for e in clashes
    )
    strengths = {d.strength for d in example_report.deployments}
    assert {3000, 500} <= strengths
    assert any(d.role == "withdrawn" and d.actor in russia_side for d in example_report.deployments)
    assert any(e.plover == "RETREAT" for e in events)
    assert any(e.plover == "CONSULT" and e.sub_event_type == "Other" for e in events)
    assert any(e.sub_event_type == "Agreement" and e.plover == "AGREE" for e in events)
    assert any(d.kind == "control" for d in example_report.deployments)
    # no place taken for an actor: actor mentions never overlap a non-country place mention
    place_spans = [m for p in example_report.places if p.geo_precision < 4 for m in p.mentions]
    for event in events:
        for mention in (event.actor1_mention, event.actor2_mention):
            if mention is not None:
                assert not any(mention.overlaps(p) for p in place_spans), (event.id, mention)
    place_names = {p.name for p in example_report.places if p.geo_precision < 4}
    assert not {e.actor1 for e in events} & place_names
    assert not {e.actor2 for e in events} & place_names


# -- session 2: bad input, modality, PLOVER-only families, actors from the parse ----

_VIOLENT_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians"}

BAD_INPUT = [
    "The UN Security Council adopted Resolution 2254 in December 2015.",
    "Brigade 46 is stationed near Route 5, north of the town.",
    "For information call +963 11 223 4567 or 0944 123 456.",
    "Bread prices rose 15 percent to 2,500 pounds per kilo in 2016.",
    "Inflation reached 40% in the province, up from 25% in 2019.",
    "The villages of Kafr Nabl, Maarat al-Numan, Saraqib, Binnish, Taftanaz and Sarmin.",
    "Aleppo 12 34 56\nIdlib 7 8 9\nHama 1 2 3\nHoms 10 20 30",
    "Syrian Elections Draw Record Turnout In Damascus",
    "A convoy of 30 trucks carrying flour reached the town on Sunday.",
    "Today's talks in Geneva between the two delegations were postponed.",
    "The 1973 war ended with 2,500 square kilometres of territory changing hands.",
    "He was born in 1982 and studied at the university for 4 years.",
    " ".join(["and the road north of the town leads to the river"] * 60) + ".",
]


@pytest.mark.model
@pytest.mark.parametrize("text", BAD_INPUT)
def test_events_negative_bad_input_invents_no_violence(extractor, text) -> None:  # type: ignore[no-untyped-def]
    """Numbers that are no casualties, lists, tables, long sentences: no violent
    event, no fatalities, and no crash (full pipeline, real quantity stage)."""
    from sitrep.types import Document

    report = extractor.extract_document(Document(id="bad", text=text, published=date(2016, 7, 10)))
    assert not [e for e in report.events if e.event_type in _VIOLENT_TYPES], report.events
    assert all(e.fatalities is None and e.injuries is None for e in report.events)


MODALITY = [
    ("Russian jets may have struck the market in Idlib.", "struck", "hypothetical"),
    ("The rebels threatened to shell the airport.", "shell", "threatened"),
    ("The army denied shelling the village.", "shelling", "negated"),
    ("The militia did not attack the town.", "attack", "negated"),
    ("Government forces plan to attack the town next week.", "attack", "future"),
    ("Turkish forces will launch an offensive against the YPG.", "offensive", "future"),
    ("If talks fail, the army could storm the city.", "storm", "hypothetical"),
    ("Rebels allegedly shelled the market on Monday.", "shelled", "hypothetical"),
    ("Israeli warplanes struck Gaza on Monday.", "struck", "asserted"),
    # an act that is only a risk or a threat has not happened
    (
        "Families in Idlib live with the risk of being killed in relentless air strikes.",
        "strikes",
        "hypothetical",
    ),
    ("Residents of Gaza fear the danger of renewed shelling.", "shelling", "hypothetical"),
    ("The threat of Russian air strikes on Idlib grows.", "strikes", "threatened"),
    # a risk named beside an act that happened leaves the act asserted
    (
        "Air strikes killed ten people in Idlib, raising the risk of famine.",
        "strikes",
        "asserted",
    ),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "trigger", "modality"), MODALITY)
def test_events_modality_table(base_nlp, stages, text, trigger, modality) -> None:  # type: ignore[no-untyped-def]
    doc = run(base_nlp, stages, text, ("Idlib", "Gaza"))
    event = next(e for e in doc._.sitrep_events if trigger in e.trigger.text)
    assert event.modality == modality


DIPLOMATIC = [
    ("Bangladesh has rejected an Indian proposal for a free trade agreement.", "REJECT"),
    ("Italy announced a suspension of air links with Serbia on Wednesday.", "SANCTION"),
    ("Zambia extradited a suspected British militant to Britain on Sunday.", "COOPERATE"),
    ("Sudan's government on Sunday lifted the curfew in the capital.", "CONCEDE"),
    ("Ghana deported 168 Liberians on Monday.", "COERCE"),
    ("The European Union praised Turkey's efforts to host refugees.", "SUPPORT"),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "plover"), DIPLOMATIC)
def test_events_plover_only_families(base_nlp, stages, text, plover) -> None:  # type: ignore[no-untyped-def]
    """Diplomatic and coercive sentences get their PLOVER type, coded
    Strategic developments / Other, and never a violent type."""
    doc = run(base_nlp, stages, text)
    events = doc._.sitrep_events
    assert plover in {e.plover for e in events}, [(e.trigger.text, e.plover) for e in events]
    assert not [e for e in events if e.event_type in _VIOLENT_TYPES]
    typed = next(e for e in events if e.plover == plover)
    assert (typed.event_type, typed.sub_event_type) == ("Strategic developments", "Other")


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "The government refused to comment.",
        "Demand for bread rose in the market.",
        "The curfew was lifted.",
    ],
)
def test_events_negative_plover_family_needs_a_named_party(base_nlp, stages, text) -> None:  # type: ignore[no-untyped-def]
    doc = run(base_nlp, stages, text)
    assert not [e for e in doc._.sitrep_events if e.plover in {"REJECT", "REQUEST", "CONCEDE"}]


ACTOR_RULES = [
    # the victims alone are actor 2, never actor 1
    ("At least 15 civilians were killed in Idlib on Friday.", None, "Civilians"),
    # a doer in the clause when the parse names only victims
    (
        "At least 10 civilians were killed in US-led coalitions strikes west of Raqqa.",
        "International coalition",
        "Civilians",
    ),
    # "during an operation by X"
    (
        "A total of 14 Daesh militants were killed in Raqqa during an operation by "
        "Turkish Armed Forces on Tuesday.",
        "Turkey",
        "Islamic State",
    ),
    # a generic actor word before a group noun
    ("A Syrian rebel group launched a rocket attack on Damascus.", "Rebels (Syria)", None),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "actor1", "actor2"), ACTOR_RULES)
def test_events_actor_rules(base_nlp, stages, text, actor1, actor2) -> None:  # type: ignore[no-untyped-def]
    doc = run(base_nlp, stages, text, ("Idlib", "Raqqa", "Damascus"))
    violent = [e for e in doc._.sitrep_events if e.event_type in _VIOLENT_TYPES]
    assert violent, doc._.sitrep_events
    event = violent[0]
    assert event.actor1 == actor1
    if actor2 is not None:
        assert event.actor2 == actor2


@pytest.mark.model
def test_events_doer_from_the_same_strike_told_elsewhere(base_nlp, stages) -> None:  # type: ignore[no-untyped-def]
    doc = run(
        base_nlp,
        stages,
        "Airstrikes on a village in Idlib killed 12 people on Tuesday. The monitor said "
        "the toll could rise. It said the raids were carried out by Russian jets.",
        ("Idlib",),
    )
    first = doc._.sitrep_events[0]
    assert first.actor1 == "Russia"
    assert "told elsewhere" in first.evidence.explanation


@pytest.mark.model
def test_events_negative_the_outskirts_is_no_anaphor(base_nlp, stages) -> None:  # type: ignore[no-untyped-def]
    doc = run(
        base_nlp, stages, "Ukrainian artillery shelled the outskirts of Donetsk.", ("Donetsk",)
    )
    event = only_event(doc)
    assert (event.actor1, event.actor2) == ("Ukraine", None)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        (
            "A suicide bomber blew himself up at a checkpoint in Hasakah on Monday, killing "
            "16 people. The Islamic State group claimed responsibility for the attack.",
            "Islamic State",
        ),
        # a denied or absent claim names no one
        ("A car bomb exploded in Mogadishu. No group has claimed responsibility.", None),
        ("A car bomb exploded in Mogadishu. Al-Shabaab did not claim responsibility.", None),
    ],
)
def test_events_doer_from_a_claim_of_responsibility(base_nlp, stages, text, actor1) -> None:  # type: ignore[no-untyped-def]
    doc = run(base_nlp, stages, text, ("Hasakah", "Mogadishu"))
    assert doc._.sitrep_events[0].actor1 == actor1


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "violent"),
    [
        # a market is a target in war news: with people killed it is no metaphor
        ("A strike on the market killed five people in Idlib.", True),
        ("The general strike hit shares on the market in Idlib.", False),
    ],
)
def test_events_market_strike_with_casualties_is_no_metaphor(  # type: ignore[no-untyped-def]
    base_nlp, stages, text, violent
) -> None:
    doc = run(base_nlp, stages, text, ("Idlib",))
    found = [e for e in doc._.sitrep_events if e.event_type in _VIOLENT_TYPES]
    assert bool(found) is violent, [(e.trigger.text, e.event_type) for e in found]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "plover"),
    [
        ("The rebels threatened to shell the airport.", "THREATEN"),
        ("The rebels shelled the airport.", "ASSAULT"),
    ],
)
def test_events_threatened_act_is_a_plover_threat(base_nlp, stages, text, plover) -> None:  # type: ignore[no-untyped-def]
    doc = run(base_nlp, stages, text)
    assert [e.plover for e in doc._.sitrep_events] == [plover]


# -- QA from other wars: who did it, to whom, and what is no new event ----------------


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "places", "actor1", "actor2", "sub_event_type"),
    [
        # the speaker and the dateline country are never sides; the soldiers are
        (
            "SANAA, Yemen (AP) - Houthi fighters fired a missile at an army camp in Marib on "
            "Monday, killing at least 12 soldiers, Yemeni military officials said.",
            ("SANAA", "Yemen", "Marib"),
            "Houthis (Ansar Allah)",
            "Yemen",
            None,
        ),
        # a country's possessive on a place is where it happened; civilians are the victims
        (
            "RSF fighters killed 30 civilians in an attack on a village in Sudan's Gezira state "
            "on Sunday.",
            ("Sudan", "Gezira"),
            "Rapid Support Forces",
            "Civilians (Sudan)",
            "Attack",
        ),
        (
            "Suspected jihadists killed 15 civilians in an attack on a village in northern "
            "Burkina Faso's Sahel region.",
            ("Burkina Faso", "Sahel"),
            "Unidentified armed group (Burkina Faso)",
            "Civilians (Burkina Faso)",
            "Attack",
        ),
        # a possessive on a force noun still names the actor
        (
            "Niger's army killed 20 militants near Tillaberi.",
            ("Tillaberi",),
            "Niger",
            "Unidentified armed group",
            None,
        ),
    ],
)
def test_events_sides_not_taken_from_speakers_datelines_or_place_possessives(  # type: ignore[no-untyped-def]
    base_nlp, stages, text, places, actor1, actor2, sub_event_type
) -> None:
    doc = run(base_nlp, stages, text, places)
    event = next(e for e in doc._.sitrep_events if e.event_type in _VIOLENT_TYPES)
    assert (event.actor1, event.actor2) == (actor1, actor2)
    if sub_event_type is not None:
        assert event.sub_event_type == sub_event_type


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        ("The militia targeted unarmed people.", "Violence against civilians"),
        ("Gunmen attacked worshippers outside the mosque.", "Violence against civilians"),
        ("The militia attacked displaced families in the camp.", "Violence against civilians"),
        ("Gunmen opened fire on students in the town.", "Violence against civilians"),
        # negative: armed victims make it a battle, not violence against civilians
        ("The militia attacked army positions outside the town.", "Battles"),
    ],
)
def test_events_unarmed_victims_make_violence_against_civilians(  # type: ignore[no-untyped-def]
    base_nlp, stages, text, event_type
) -> None:
    doc = run(base_nlp, stages, text)
    found = [e.event_type for e in doc._.sitrep_events if e.event_type in _VIOLENT_TYPES]
    assert found and found[0] == event_type, found


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "violent"),
    [
        ("Moscow did not comment on the strikes.", 0),
        ("The army declined to comment on the attack.", 0),
        ("A spokesman refused to comment on the air raids.", 0),
        ("Officials would not say anything about the raid.", 0),
        # negative: the strike told in the same sentence stays an event
        ("Russian jets struck the town, and the ministry did not comment.", 1),
        ("Israeli warplanes bombed Rafah; the army did not comment on the strikes.", 1),
    ],
)
def test_events_comment_on_an_event_is_no_new_event(  # type: ignore[no-untyped-def]
    base_nlp, stages, text, violent
) -> None:
    doc = run(base_nlp, stages, text, ("Rafah",))
    found = [e for e in doc._.sitrep_events if e.event_type in _VIOLENT_TYPES]
    assert len(found) == violent, [(e.trigger.text, e.modality) for e in found]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "count", "actor1"),
    [
        # the claimed attack is the one told before; its claimant is the doer
        (
            "A car bomb exploded at a checkpoint in Mogadishu, killing four soldiers. "
            "Al-Shabaab claimed the bombing.",
            1,
            "al-Shabaab",
        ),
        (
            "A suicide bomber struck a police station in Kabul, killing three policemen. "
            "The Islamic State group claimed the suicide attack.",
            1,
            "Islamic State",
        ),
        # negative: a claimed bombing with nothing told before stays the event
        (
            "Al-Shabaab claimed the bombing of a hotel in Mogadishu that killed 12 people.",
            1,
            "al-Shabaab",
        ),
    ],
)
def test_events_claimed_attack_is_the_attack_told_before(  # type: ignore[no-untyped-def]
    base_nlp, stages, text, count, actor1
) -> None:
    doc = run(base_nlp, stages, text, ("Mogadishu", "Kabul"))
    found = [e for e in doc._.sitrep_events if e.event_type in _VIOLENT_TYPES]
    assert len(found) == count, [(e.trigger.text, e.actor1) for e in found]
    assert found[0].actor1 == actor1


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a cooperative act promised for the future is a PLOVER AGREE (a commitment)
        ("The government will provide food aid to the refugees in the north.", "AGREE"),
        ("Egypt offered to send troops to the peacekeeping mission.", "AGREE"),
        ("The rebels promised to release the prisoners held in the town.", "AGREE"),
        ("The army will withdraw its troops from the city.", "AGREE"),
        # the act done is its own type; offers of condolence and vows are no commitment
        ("The United States gave food aid to Yemen last year.", "AID"),
        ("Residents offered condolences to the families.", None),
        ("He promised that the attack would be avenged.", None),
    ],
)
def test_events_plover_commitment_is_agree(  # type: ignore[no-untyped-def]
    extractor, text, expected
) -> None:
    from sitrep.types import Document

    report = extractor.extract_document(Document(id="t", text=text, published=date(2024, 1, 1)))
    plover = {e.plover for e in report.events}
    if expected is None:
        assert "AGREE" not in plover and not report.events
    else:
        assert expected in plover


# -- coordination of actor mentions (associated actors) -------------------------------


def _parsed(words: list[str], heads: list[int], deps: list[str]) -> Doc:
    """A Doc with a hand-made parse (no model): ``heads`` are absolute token indices."""
    import spacy

    return Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps)


@pytest.mark.parametrize(
    ("words", "heads", "deps", "first", "second", "expected"),
    [
        # "US and British warplanes": conjuncts
        (
            ["US", "and", "British", "warplanes"],
            [3, 0, 0, 3],
            ["nmod", "cc", "conj", "ROOT"],
            (0, 1),
            (2, 4),
            "and",
        ),
        # "Russian-Iranian forces": two modifiers of one noun, only a hyphen between
        (
            ["Russian", "-", "Iranian", "forces"],
            [3, 3, 3, 3],
            ["amod", "punct", "amod", "ROOT"],
            (0, 1),
            (2, 4),
            "and",
        ),
        # "Kurdish fighters and their US allies": the second phrase is a conjunct
        (
            ["Kurdish", "fighters", "and", "their", "US", "allies"],
            [1, 1, 1, 5, 5, 1],
            ["amod", "ROOT", "cc", "poss", "compound", "conj"],
            (0, 2),
            (4, 5),
            "and",
        ),
        # "Syrian or Russian jets": alternatives, not allies
        (
            ["Syrian", "or", "Russian", "jets"],
            [3, 0, 0, 3],
            ["amod", "cc", "conj", "ROOT"],
            (0, 1),
            (2, 4),
            "or",
        ),
        # "SDF foiled ISIS attack": modifiers of one noun with a word between
        (
            ["SDF", "foiled", "ISIS", "attack"],
            [3, 3, 3, 3],
            ["compound", "amod", "compound", "ROOT"],
            (0, 1),
            (2, 3),
            None,
        ),
        # "Turkish troops attacked Kurdish fighters": subject and object
        (
            ["Turkish", "troops", "attacked", "Kurdish", "fighters"],
            [1, 2, 2, 4, 2],
            ["amod", "nsubj", "ROOT", "amod", "dobj"],
            (0, 2),
            (3, 5),
            None,
        ),
    ],
)
def test_events_coordination_of_mentions(
    words: list[str],
    heads: list[int],
    deps: list[str],
    first: tuple[int, int],
    second: tuple[int, int],
    expected: str | None,
) -> None:
    from spacy.tokens import Span as SpacySpan

    from sitrep.nlp.events import coordination

    doc = _parsed(words, heads, deps)
    one, other = SpacySpan(doc, *first), SpacySpan(doc, *second)
    assert coordination(one, other) == expected
    assert coordination(other, one) == expected
