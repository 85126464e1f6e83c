"""Where events happened when their own phrase does not say it (sitrep.nlp.event_places)."""

from __future__ import annotations

from typing import Any

import pytest

from sitrep.nlp.arguments import DocContext, is_origin
from sitrep.types import Document, Report

pytestmark = pytest.mark.model


def _report(extractor: Any, text: str) -> Report:
    report: Report = extractor.extract_document(Document(id="t", text=text))
    return report


def _event_places(report: Report) -> list[tuple[str, str | None]]:
    """(trigger text, place name) of every event, in text order."""
    names = {p.id: p.name for p in report.places}
    return [
        (e.trigger.text, names.get(e.place) if e.place else None)
        for e in sorted(report.events, key=lambda e: e.trigger.start)
    ]


@pytest.mark.parametrize(
    ("text", "trigger", "place"),
    [
        # a later definite mention says where the first one happened
        (
            "A suicide bomber killed 9 people on Friday. "
            "The blast at a checkpoint in Kandahar also wounded 20. Officials in Kabul "
            "condemned it. Ministers in Kabul met on Saturday.",
            "suicide bomber",
            "Kandahar",
        ),
        # ... through a chain of definite mentions ("the blast" ... "the attack at")
        (
            "A car bomb killed 12 people on Sunday. Police said the blast was heard miles "
            "away. Rescuers searched the rubble of the attack at a market in Sinjar. Officials "
            "in Baghdad condemned it. Ministers in Baghdad met on Monday.",
            "car bomb",
            "Sinjar",
        ),
        # Yemen: the strike is placed by "the strike on a wedding in Hodeidah"
        (
            "A drone strike killed five people on Sunday. "
            "Residents said the strike on a wedding in Hodeidah came at night. Officials in "
            "Sanaa condemned it. Ministers in Sanaa met on Monday.",
            "drone strike",
            "Al Hudaydah",
        ),
        # told three sentences later, beyond the next-sentences rule
        (
            "A drone strike killed five people on Sunday. Officials in Sanaa condemned it. "
            "Ministers in Sanaa met on Monday. Residents said the strike on a wedding in "
            "Hodeidah came at night.",
            "drone strike",
            "Al Hudaydah",
        ),
        # its own place stands: the later blast is another event
        (
            "A car bomb exploded in Kabul on Monday, killing eight. "
            "The blast at a checkpoint in Kandahar on Tuesday killed three soldiers.",
            "car bomb",
            "Kabul",
        ),
        # an indefinite later event lends nothing
        (
            "A car bomb exploded in Kabul on Monday, killing eight. "
            "An airstrike in Kandahar on Tuesday killed three.",
            "car bomb",
            "Kabul",
        ),
    ],
)
def test_event_places_later_definite_mention(
    extractor: Any, text: str, trigger: str, place: str
) -> None:
    found = dict(_event_places(_report(extractor, text)))
    assert found[trigger] == place


@pytest.mark.parametrize(
    ("text", "trigger", "place", "not_place"),
    [
        (
            "Buses carrying families evacuated from the town of Madaya were hit by a car "
            "bomb in Homs on Saturday, killing 30 people.",
            "car bomb",
            "Homs",
            "Madaya",
        ),
        (
            "Thousands of evacuees from Madaya and Zabadani were waiting near Aleppo when a car "
            "bomb killed 40 of them.",
            "car bomb",
            "Aleppo",
            "Madaya",
        ),
        # Sudan: the place the families fled is not where they were shelled
        (
            "Families who fled El Fasher were shelled by the RSF in a camp near Tawila on "
            "Tuesday, killing four.",
            "shelled",
            None,
            "El Fasher",
        ),
        # a name that qualifies a group ("U.S.-backed") is not where it happened
        (
            "U.S.-backed fighters clashed with Islamic State militants near Aleppo in "
            "northern Syria.",
            "clashed",
            "Aleppo",
            "United States",
        ),
        (
            "The Britain-based Syrian Observatory for Human Rights said air strikes killed "
            "15 people in Idlib.",
            "air strikes",
            "Idlib",
            "United Kingdom",
        ),
        # the only name is a qualifier: the event is not put in Iran
        (
            "Iran-backed militias attacked a convoy on Monday, killing six.",
            "attacked",
            None,
            "Iran",
        ),
    ],
)
def test_event_places_origin_or_qualifier_is_not_the_event_place(
    extractor: Any, text: str, trigger: str, place: str | None, not_place: str
) -> None:
    found = dict(_event_places(_report(extractor, text)))
    assert found[trigger] != not_place
    if place is not None:
        assert found[trigger] == place


@pytest.mark.parametrize(
    ("text", "place", "origin"),
    [
        ("Residents evacuated from Madaya reached Idlib.", "Madaya", True),
        ("Thousands of evacuees from Madaya waited in Aleppo.", "Madaya", True),
        ("Families who fled Mosul arrived in Erbil.", "Mosul", True),
        ("Families who fled Mosul arrived in Erbil.", "Erbil", False),
        # "from" that is not about people leaving: the place stands
        ("Rockets were fired at Israel from Gaza.", "Gaza", False),
        ("Fighters attacked the base in Homs.", "Homs", False),
    ],
)
def test_event_places_is_origin(
    nlp: Any, extractor: Any, text: str, place: str, origin: bool
) -> None:
    doc = nlp(text)
    events = nlp.get_pipe("sitrep_events")
    context = DocContext.build(doc, events.catalogue)
    mention = next(p for p in context.places if p.span.text == place)
    assert is_origin(doc, mention) is origin


def test_event_places_other_clause_town_beats_own_clause_country(extractor: Any) -> None:
    # the country in the trigger's clause is coarser than the town of the sentence
    text = "An air strike killed 10 people in Syria on Monday as troops advanced on Aleppo."
    found = dict(_event_places(_report(extractor, text)))
    assert found["air strike"] == "Aleppo"


@pytest.mark.parametrize(
    ("text", "name", "kept"),
    [
        ("U.S.-backed fighters clashed with militants on Monday.", "U.S.", False),
        ("Turkey-backed rebels shelled the town of Tal Rifaat in Syria.", "Turkey", False),
        ("The Britain-based monitor said 15 people were killed in Syria.", "Britain", False),
        # the same names standing alone are places
        ("Gunmen attacked a church in the U.S. on Monday.", "U.S.", True),
        ("Rebels shelled a border post in Turkey on Sunday.", "Turkey", True),
    ],
)
def test_event_places_qualifier_mentions_are_left_out(
    nlp: Any, text: str, name: str, kept: bool
) -> None:
    doc = nlp(text)
    assert any(t.span.text == name for t in doc._.sitrep_toponyms)  # the name is found...
    events = nlp.get_pipe("sitrep_events")
    context = DocContext.build(doc, events.catalogue)
    # ... but as a place of events only when it is not a qualifier
    assert any(p.span.text == name for p in context.places) is kept


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # the next sentence tells where the lead's bombing happened
        (
            "A suicide car bomb killed 43 people on Saturday, a monitor said. A suicide bomber "
            "blew up a van next to buses at a checkpoint in Azaz. Officials in Damascus "
            "condemned it. Ministers in Damascus met on Sunday.",
            "Izaz",
        ),
        # an incident told four sentences later is another one: the article places the lead
        (
            "A suicide car bomb killed 43 people on Saturday, a monitor said. Officials in "
            "Damascus condemned it. Ministers in Damascus met on Sunday. Aid workers arrived "
            "in Damascus. Last month a suicide bomber blew up a van at a checkpoint in Azaz.",
            "Damascus",
        ),
    ],
)
def test_event_places_next_sentences_place_the_lead(extractor: Any, text: str, place: str) -> None:
    found = dict(_event_places(_report(extractor, text)))
    assert found["suicide car bomb"] == place


@pytest.mark.parametrize(
    "text",
    [
        "A car bomb killed 43 people on Saturday as fighters advanced towards Raqqa.",
        "According to the monitor, jets struck a market in Idlib, which rebels hold.",
        "The army said troops shelled villages near Kharkiv and drones hit a depot.",
        "Residents who fled the town said gunmen attacked a camp near El Fasher.",
    ],
)
def test_event_places_in_clause_of_agrees_with_clause_tokens(nlp: Any, text: str) -> None:
    from sitrep.nlp.arguments import clause_tokens, in_clause_of

    doc = nlp(text)
    for token in doc:
        own = set(clause_tokens(token))
        assert [in_clause_of(token, other) for other in doc] == [o.i in own for o in doc]


@pytest.mark.parametrize(
    ("text", "trigger", "place"),
    [
        # "the main port city of Yemen, which ...": the city named before, not the country
        (
            "Questions arise about the future of the city of Hodeidah in the west of Yemen, "
            "the main port city of Yemen, which the Houthis seized in 2014.",
            "seized",
            "Al Hudaydah",
        ),
        # "the capital of Yemen" in apposition: still the city
        ("The Houthis seized Sanaa, the capital of Yemen, in 2014.", "seized", "Sanaa"),
    ],
)
def test_event_places_city_of_a_country_is_the_city_named(
    extractor: Any, text: str, trigger: str, place: str
) -> None:
    report = _report(extractor, text)
    event = next(e for e in report.events if e.trigger.text.startswith(trigger))
    names = {p.id: p.name for p in report.places}
    # placed by its own sentence (no article fallback), at the city's mention
    assert (names.get(event.place or ""), event.geo_precision) == (place, None)
    assert event.place_mention is not None and event.place_mention.text != "Yemen"


@pytest.mark.parametrize(
    ("text", "trigger", "place"),
    [
        # the sentence goes on telling the incident the one before placed
        (
            "Rebels shelled a market in Kharkiv. Elsewhere, drones hit a fuel depot in Sumy. "
            "Two guards were shot dead at the gate.",
            "shot dead",
            "Sumy",
        ),
        # negative: a sentence naming its own place keeps it
        (
            "Rebels shelled a market in Kharkiv. Drones hit a fuel depot in Sumy. "
            "Two guards were shot dead in Izium.",
            "shot dead",
            "Izyum",
        ),
        # a place that is the verb's object is where the act landed
        ("Warplanes pounded Idlib as battles raged in Aleppo.", "pounded", "Idlib"),
        ("Russian jets bombed Kherson while talks went on in Istanbul.", "bombed", "Kherson"),
        # negative: a person as object is no place; the locative phrase places it
        ("Gunmen killed a police officer in Kirkuk.", "killed", "Kirkuk"),
        # the object's phrase comes before one the parse hung on the verb
        ("Ukrainian Army Kills 40 Soldiers in Kherson Advances in Bakhmut.", "Kills", "Kherson"),
    ],
)
def test_event_places_sequel_and_object(
    extractor: Any, text: str, trigger: str, place: str
) -> None:
    found = dict(_event_places(_report(extractor, text)))
    assert found.get(trigger) == place, found


def test_event_places_previous_sentence_joins_the_incident(extractor: Any) -> None:
    # The clashes continue the attack told in Hama: placed there, they are
    # one event with it; never at the article's first place, Palmyra.
    text = (
        "The army retook the town of Palmyra on Sunday. In Hama, army units foiled an "
        "attack by militants on military posts. Heavy clashes broke out between the "
        "defenders of the posts and the militants."
    )
    report = _report(extractor, text)
    names = {p.id: p.name for p in report.places}
    clashes = [e for e in report.events if e.sub_event_type == "Armed clash"]
    assert clashes
    assert {names.get(e.place or "") for e in clashes} == {"Hama"}


def test_event_places_headline_lends_no_place_to_the_lead(extractor: Any) -> None:
    # A Title Case headline sums the story up: the lead's unplaced clash is
    # left to the article rule, not placed by the headline's "Kharkiv".
    text = (
        "Heavy Fighting Rages Around Kharkiv Villages\n"
        "At least 30 fighters were killed in clashes on Sunday, a monitor said. "
        "The army later shelled Izium."
    )
    report = _report(extractor, text)
    clash = [e for e in report.events if e.trigger.text == "clashes"]
    assert clash, [e.trigger.text for e in report.events]
    assert not any("sentence before" in e.evidence.explanation for e in clash)


def _mentions(report: Report) -> dict[str, str | None]:
    """The place mention of each event by trigger text (merged mentions too)."""
    found: dict[str, str | None] = {}
    for event in report.events:
        mention = event.place_mention.text if event.place_mention else None
        for trigger in (event.trigger, *event.also_reported):
            found.setdefault(trigger.text, mention)
    return found


@pytest.mark.parametrize(
    ("text", "trigger", "place"),
    [
        # Ukraine: the fronted region frames the sentence, the town is the setting
        (
            "In the Kharkiv region, a Russian guided bomb struck a residential building in "
            "the town of Kupiansk, killing two women, the governor said.",
            "struck",
            "Kupiansk",
        ),
        (
            "In Zaporizhzhia, Russian artillery hit the village of Stepnohirsk, killing one man.",
            "hit",
            "Stepnohirsk",
        ),
        (
            "In the Donetsk region, Russian forces shelled Kostiantynivka, killing two.",
            "shelled",
            "Kostiantynivka",
        ),
        # negatives: no more specific place in the clause; a place in the
        # subject is where the doers are, not where they struck
        ("In the Kharkiv region, Russian jets struck a school, killing two.", "struck", "Kharkiv"),
        (
            "In the Kharkiv region, soldiers from the town of Izium shelled a school.",
            "shelled",
            "Kharkiv",
        ),
        # Sudan: the town stays when it is named first
        (
            "RSF fighters shelled the town of Tawila in North Darfur, killing four.",
            "shelled",
            "Tawila",
        ),
    ],
)
def test_event_places_own_setting_beats_fronted_region(
    extractor: Any, text: str, trigger: str, place: str
) -> None:
    found = _mentions(_report(extractor, text))
    assert found.get(trigger) == place, found


@pytest.mark.parametrize(
    ("text", "trigger", "place"),
    [
        # the toll sentence belongs to the incident before, not to the next
        # one that opens on its own place
        (
            "In the Kharkiv region, a Russian guided bomb struck a residential building in "
            "the town of Kupiansk, killing two women, the governor said. Four people were "
            "wounded. In Zaporizhzhia, Russian artillery hit the village of Stepnohirsk, "
            "killing one man.",
            "wounded",
            "Kupiansk",
        ),
        (
            "Russian forces shelled the village of Bilozerka in the Kherson region, killing two "
            "people. Five more were wounded. Elsewhere, a drone hit a car near Nikopol.",
            "wounded",
            "Bilozerka",
        ),
        # negative: a sentence that goes on with the incident still places the lead
        (
            "A car bomb killed 43 people on Saturday. The bomb hit buses at a transit point "
            "in Rashideen.",
            "car bomb",
            "Rashideen",
        ),
    ],
)
def test_event_places_next_sentence_of_another_incident_lends_no_place(
    extractor: Any, text: str, trigger: str, place: str
) -> None:
    found = _mentions(_report(extractor, text))
    assert found.get(trigger) == place, found
