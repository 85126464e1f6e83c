"""Tests of sitrep.report.build: claim linking and headline choice (no model)."""

from __future__ import annotations

import re

import pytest

from sitrep.report.build import _title_stem, choose_headline, link_claims, title_span
from sitrep.types import Claim, Deployment, Event, Evidence, Place, Span

TEXT = (
    "Sources said clashes broke out in the city. "
    "According to the spokesman, 500 fighters are deployed in the town. "
    "A bomb exploded in the market."
)


def _span(fragment: str) -> Span:
    start = TEXT.index(fragment)
    return Span(start, start + len(fragment), fragment)


def _event(eid: str, trigger: str, **kwargs: object) -> Event:
    sentence = next(s for s in TEXT.split(". ") if trigger in s)
    return Event(
        id=eid,
        event_type=str(kwargs.pop("event_type", "Battles")),
        sub_event_type=str(kwargs.pop("sub_event_type", "Armed clash")),
        trigger=_span(trigger),
        evidence=Evidence(sentence=_span(sentence), rule="test"),
        **kwargs,  # type: ignore[arg-type]
    )


def _claims() -> list[Claim]:
    return [
        Claim(
            id="c1",
            cue=_span("said"),
            content=_span("clashes broke out in the city"),
            type="indirect",
            source=_span("Sources"),
            speaker="sources",
            speaker_kind="unnamed",
        ),
        Claim(
            id="c2",
            cue=_span("According to"),
            content=_span("500 fighters are deployed in the town"),
            type="according_to",
            source=_span("the spokesman"),
            speaker="Jane Doe",
            speaker_role="spokesman",
        ),
    ]


def test_build_link_claims_gives_speaker_and_back_links() -> None:
    claims = _claims()
    clash = _event("e1", "clashes")
    deployment = Deployment(
        id="d1",
        kind="deployment",
        actor="X",
        role="deployed",
        trigger=_span("deployed"),
        evidence=Evidence(sentence=_span("500 fighters are deployed in the town"), rule="test"),
    )
    link_claims([clash], [deployment], claims, outlet="Wire")
    assert clash.claims == ["c1"] and clash.source == "sources"
    assert deployment.claims == ["c2"]
    assert (deployment.source, deployment.source_role) == ("Jane Doe", "spokesman")
    assert claims[0].events == ["e1"] and claims[1].deployments == ["d1"]


def test_build_link_claims_unattributed_belongs_to_outlet() -> None:
    bomb = _event("e2", "exploded", event_type="Explosions/Remote violence")
    link_claims([bomb], [], _claims(), outlet="Wire")
    assert bomb.claims == [] and bomb.source == "Wire" and bomb.source_role is None


@pytest.mark.parametrize(
    ("events", "expected"),
    [
        # a violent event with a toll beats an earlier meeting
        (
            [
                _event(
                    "e1", "clashes", event_type="Strategic developments", sub_event_type="Other"
                ),
                _event("e2", "exploded", event_type="Explosions/Remote violence", fatalities=5),
            ],
            "e2",
        ),
        # a negated event is not the headline when an asserted one exists
        (
            [
                _event("e1", "clashes", modality="negated", fatalities=3),
                _event("e2", "exploded", event_type="Explosions/Remote violence"),
            ],
            "e2",
        ),
        # of two equal events the earlier one wins
        ([_event("e1", "clashes"), _event("e2", "exploded")], "e1"),
    ],
)
def test_build_choose_headline_marks_exactly_one(events: list[Event], expected: str) -> None:
    best = choose_headline(events)
    assert best is not None and best.id == expected
    assert [e.id for e in events if e.headline] == [expected]


def test_build_choose_headline_empty_is_none() -> None:
    assert choose_headline([]) is None


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # the toll in the title names the incident, even a later one
        ("Bomb kills 7 in market", "e2"),
        ("Seven dead as bomb hits market", "e2"),
        # a title number that is no event's toll changes nothing
        ("Clashes in 2016: 12 weeks of war", "e1"),
        # no title: the earlier strong event
        (None, "e1"),
    ],
)
def test_build_choose_headline_prefers_the_title_toll(title: str | None, expected: str) -> None:
    events = [
        _event("e1", "clashes", fatalities=3),
        _event("e2", "exploded", event_type="Explosions/Remote violence", fatalities=7),
    ]
    best = choose_headline(events, title=title)
    assert best is not None and best.id == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [("Airstrikes hit the city", "e2"), ("Clashes rage", "e1"), ("Floods", "e1")],
)
def test_build_choose_headline_title_trigger_plural_folded(title: str, expected: str) -> None:
    events = [
        _event("e1", "clashes", event_type="Explosions/Remote violence"),
        _event("e2", "exploded", event_type="Explosions/Remote violence"),
    ]
    # "exploded" is no title word; rename the trigger to a plural-folded one
    events[1].trigger = Span(events[1].trigger.start, events[1].trigger.end, "airstrike")
    best = choose_headline(events, title=title)
    assert best is not None and best.id == expected


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("Kills", "kill"),
        ("killed", "kill"),
        ("Airstrikes", "airstrike"),
        ("clashes", "clash"),
        ("Bombing", "bomb"),
        ("shelled", "shell"),
        # too short to fold: no stem under four letters
        ("dies", "dies"),
        ("died", "died"),
    ],
)
def test_build_title_stem_folds_light_endings(word: str, stem: str) -> None:
    assert _title_stem(word) == stem


@pytest.mark.parametrize(
    ("title", "trigger", "expected"),
    [
        # a means shared with the title beats being first
        ("Airstrikes hit the city", "airstrikes", "e2"),
        # "killed" for "Kills": a casualty word, weaker than being first
        ("Bomb kills 7 in market", "killed", "e1"),
    ],
)
def test_build_choose_headline_casualty_words_weigh_less(
    title: str, trigger: str, expected: str
) -> None:
    events = [
        _event("e1", "clashes", event_type="Explosions/Remote violence"),
        _event("e2", "exploded", event_type="Explosions/Remote violence"),
    ]
    events[1].trigger = Span(events[1].trigger.start, events[1].trigger.end, trigger)
    best = choose_headline(events, title=title)
    assert best is not None and best.id == expected


def test_build_merge_repeated_events_folds_the_same_clash() -> None:
    from sitrep.report.build import merge_repeated_events

    first = _event("e1", "clashes", actor1="A", actor2="B", place="p1")
    again = _event("e2", "exploded", actor1="B", actor2="A", fatalities=4, weapons=["mortar"])
    merged = merge_repeated_events([first, again])
    assert [e.id for e in merged] == ["e1"]
    assert merged[0].fatalities == 4 and merged[0].weapons == ["mortar"]
    assert merged[0].also_reported == [again.trigger]


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        # associates named in either report are kept, each once
        (
            {"assoc_actor1": ["UK"]},
            {"assoc_actor1": ["UK", "France"], "assoc_actor2": ["D"]},
            (["UK", "France"], ["D"]),
        ),
        ({}, {"assoc_actor1": ["UK"]}, (["UK"], [])),
        ({}, {}, ([], [])),
        # never one of the merged record's two actors
        ({"assoc_actor1": ["UK"]}, {"assoc_actor2": ["A", "B"]}, (["UK"], [])),
    ],
)
def test_build_merge_repeated_events_unions_associates(
    first: dict[str, object], second: dict[str, object], expected: tuple[list[str], list[str]]
) -> None:
    from sitrep.report.build import merge_repeated_events

    one = _event("e1", "clashes", actor1="A", actor2="B", place="p1", **first)
    two = _event("e2", "exploded", actor1="A", actor2="B", **second)
    [merged] = merge_repeated_events([one, two])
    assert (merged.assoc_actor1, merged.assoc_actor2) == expected


@pytest.mark.parametrize(
    ("second", "why"),
    [
        ({"actor1": "A", "actor2": "C"}, "other actors"),
        ({"actor1": "A", "actor2": "B", "place": "p2"}, "other place"),
        (
            {"actor1": "A", "actor2": "B", "fatalities": 9},
            "conflicting toll stays a separate claim",
        ),
        ({"actor1": "A", "actor2": "B", "modality": "negated"}, "a denial is not a report"),
        (
            {
                "actor1": "A",
                "actor2": "B",
                "event_type": "Explosions/Remote violence",
                "sub_event_type": "Air/drone strike",
            },
            "other type",
        ),
    ],
)
def test_build_merge_repeated_events_keeps_different_events_apart(
    second: dict[str, object], why: str
) -> None:
    from sitrep.report.build import merge_repeated_events

    first = _event("e1", "clashes", actor1="A", actor2="B", place="p1", fatalities=3)
    other = _event("e2", "exploded", **second)
    assert len(merge_repeated_events([first, other])) == 2, why


def _places_for_merge() -> list[Place]:
    return [
        Place(id="sy", name="Syria", lat=35.0, lon=38.0, country="SY", geo_precision=4),
        Place(id="idlib", name="Idlib", lat=35.9, lon=36.6, country="SY", geo_precision=1),
        Place(id="hama", name="Hama", lat=35.1, lon=36.8, country="SY", geo_precision=1),
        Place(id="iq", name="Iraq", lat=33.0, lon=44.0, country="IQ", geo_precision=4),
    ]


@pytest.mark.parametrize(
    ("first", "second", "merged", "place"),
    [
        # "Syria regime raids kill 10" + "regime aircraft killed 10 in Idlib": one event
        (
            {"actor1": "Syria", "place": "sy", "fatalities": 10},
            {"actor1": "Syria", "actor2": "Civilians", "place": "idlib", "fatalities": 10},
            True,
            "idlib",
        ),
        # no toll to tie them: "a mosque was also destroyed by regime airstrikes" stays apart
        (
            {"actor1": "Syria", "place": "sy", "fatalities": 4},
            {"actor1": "Syria", "place": "hama"},
            False,
            "sy",
        ),
        # two towns are two events, whatever the toll
        (
            {"actor1": "Syria", "place": "idlib", "fatalities": 4},
            {"actor1": "Syria", "place": "hama", "fatalities": 4},
            False,
            "idlib",
        ),
        # a town in another country is another event
        (
            {"actor1": "Syria", "place": "iq", "fatalities": 4},
            {"actor1": "Syria", "place": "idlib", "fatalities": 4},
            False,
            "iq",
        ),
        # actors that are not one a part of the other stay apart
        (
            {"actor1": "Syria", "place": "sy", "fatalities": 4},
            {"actor1": "Rebels", "actor2": "Syria", "place": "idlib", "fatalities": 4},
            False,
            "sy",
        ),
    ],
)
def test_build_merge_repeated_events_country_and_town(
    first: dict[str, object], second: dict[str, object], merged: bool, place: str
) -> None:
    from sitrep.report.build import merge_repeated_events

    kinds = {"event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike"}
    one = _event("e1", "clashes", **kinds, **first)
    two = _event("e2", "exploded", **kinds, **second)
    kept = merge_repeated_events([one, two], _places_for_merge())
    assert (len(kept) == 1) is merged
    assert kept[0].place == place
    if merged:  # the merged record keeps actor 1 and takes the victims named only once
        assert (kept[0].actor1, kept[0].actor2) == ("Syria", second.get("actor2"))


@pytest.mark.parametrize(
    ("second", "merged"),
    [
        ("Activists said the civilians were killed as jets hit a building in the town.", True),
        ("Medics said the victims died when the jets hit the market.", True),
        ("The three children who were killed were buried as jets hit the area.", True),
        # a toll-less second strike is another one: no definite dead, or "also"
        ("Jets hit a building in the town, activists said.", False),
        ("Civilians were killed as jets hit a building in the town.", False),
        ("The civilians were also killed as jets hit another building.", False),
        ("The fighters killed two guards as jets hit the town.", False),
    ],
)
def test_build_merge_repeated_events_definite_dead_tie_a_country_and_a_town(
    second: str, merged: bool
) -> None:
    from sitrep.report.build import merge_repeated_events

    first = "Jets killed 11 civilians in northern Syria."
    text = f"{first} {second}"
    one = Event(
        id="e1",
        trigger=Span(0, 4, "Jets"),
        evidence=Evidence(sentence=Span(0, len(first), first), rule="test"),
        actor1="Syria",
        actor2="Civilians",
        place="sy",
        fatalities=11,
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
    )
    start = len(first) + 1
    hit = text.index("hit", start) if "hit" in text[start:] else start
    two = Event(
        id="e2",
        trigger=Span(hit, hit + 3, "hit"),
        evidence=Evidence(sentence=Span(start, len(text), second), rule="test"),
        actor1="Syria",
        actor2="Civilians",
        place="idlib",
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
    )
    kept = merge_repeated_events([one, two], _places_for_merge())
    assert (len(kept) == 1) is merged
    if merged:  # the town the second report names replaces the country
        assert kept[0].place == "idlib" and kept[0].fatalities == 11


def test_build_locate_by_article_uses_the_main_place() -> None:
    from sitrep.report.build import locate_by_article
    from sitrep.types import Place

    town = Place(
        id="p1",
        name="Town",
        lat=1.0,
        lon=2.0,
        country="SY",
        admin1="Idlib",
        mentions=[Span(0, 4, "Town"), Span(50, 54, "Town")],
    )
    country = Place(
        id="p2",
        name="Syria",
        lat=3.0,
        lon=4.0,
        country="SY",
        geo_precision=4,
        mentions=[Span(10, 15, "Syria")],
    )
    abroad = Place(
        id="p3", name="Ankara", lat=5.0, lon=6.0, country="TR", mentions=[Span(60, 66, "Ankara")]
    )
    foreign_country = Place(
        id="p4",
        name="Russia",
        lat=7.0,
        lon=8.0,
        country="RU",
        geo_precision=4,
        mentions=[Span(70, 76, "Russia")],
    )
    unplaced = _event("e1", "clashes")
    at_country = _event("e2", "exploded", place="p2")
    elsewhere = _event("e3", "exploded", place="p3")
    at_foreign_country = _event("e4", "exploded", place="p4")
    places = [town, country, abroad, foreign_country]
    events = [unplaced, at_country, elsewhere, at_foreign_country]
    locate_by_article(events, places, focus=["SY"])
    assert unplaced.place == "p1" and unplaced.geo_precision == 2
    assert at_country.place == "p1" and "main place" in at_country.evidence.explanation
    assert elsewhere.place == "p3" and elsewhere.geo_precision is None
    assert at_foreign_country.place == "p1"
    # without a focus country, a foreign country stays
    kept = _event("e5", "exploded", place="p4")
    locate_by_article([kept], places, focus=[])
    assert kept.place == "p4"


def test_build_locate_by_article_without_a_subnational_place_changes_nothing() -> None:
    from sitrep.report.build import locate_by_article
    from sitrep.types import Place

    country = Place(id="p2", name="Syria", lat=3.0, lon=4.0, country="SY", geo_precision=4)
    event = _event("e1", "clashes", place="p2")
    locate_by_article([event], [country], focus=["SY"])
    assert event.place == "p2" and event.geo_precision is None


def test_build_date_undated_uses_the_article_date_at_week_precision() -> None:
    from datetime import date

    from sitrep.report.build import date_undated

    dated = _event("e1", "clashes", date=date(2020, 1, 5), date_precision=1)
    undated = _event("e2", "exploded")
    date_undated([dated, undated], date(2020, 1, 7))
    assert (dated.date, dated.date_precision) == (date(2020, 1, 5), 1)
    assert (undated.date, undated.date_precision, undated.date_text) == (date(2020, 1, 7), 2, None)
    nothing = _event("e3", "clashes")
    date_undated([nothing], None)
    assert nothing.date is None


def _posture(pid: str, sentence: str, **kwargs: object) -> Deployment:
    return Deployment(
        id=pid,
        kind=str(kwargs.pop("kind", "deployment")),  # type: ignore[arg-type]
        actor=str(kwargs.pop("actor", "X")),
        role=str(kwargs.pop("role", "deployed")),
        evidence=Evidence(sentence=_span(sentence), rule="test"),
        place=str(kwargs.pop("place", "p1")),
        **kwargs,  # type: ignore[arg-type]
    )


def test_build_merge_repeated_postures() -> None:
    from sitrep.report.build import merge_repeated_postures

    first = _posture("d1", "Sources said clashes broke out in the city")
    again = _posture("d2", "A bomb exploded in the market", strength=500)
    other_role = _posture("d3", "A bomb exploded in the market", role="withdrawn")
    other_strength = _posture("d4", "A bomb exploded in the market", strength=900)
    merged = merge_repeated_postures([first, again, other_role, other_strength])
    assert [d.id for d in merged] == ["d1", "d3", "d4"]
    assert merged[0].strength == 500 and merged[0].also_reported == [again.evidence.sentence]


def test_build_main_place_skips_a_dateline_only_place() -> None:
    from sitrep.report.build import main_place
    from sitrep.types import Place

    # "MOSCOW (Sputnik) - ... near Raqqa": Moscow is named only by the dateline
    moscow = Place(
        id="m", name="Moscow", lat=55.7, lon=37.6, country="RU", mentions=[Span(0, 6, "MOSCOW")]
    )
    raqqa = Place(
        id="r", name="Raqqa", lat=35.9, lon=39.0, country="SY", mentions=[Span(80, 85, "Raqqa")]
    )
    places = [moscow, raqqa]
    assert main_place(places, focus=["RU"], datelines={(0, 6)}) == raqqa
    # without the dateline marking, the focus country's place wins
    assert main_place(places, focus=["RU"]) == moscow
    # a dateline place is the last resort when nothing else is named
    assert main_place([moscow], focus=["RU"], datelines={(0, 6)}) == moscow
    # a dateline place also named in the story counts as named
    moscow.mentions.append(Span(40, 46, "Moscow"))
    assert main_place(places, focus=["RU"], datelines={(0, 6)}) == moscow


def test_build_main_place_does_not_count_origins_or_governments() -> None:
    from sitrep.report.build import main_place
    from sitrep.types import Place

    # "evacuees from Kafr Nabl" three times, the attack "in Sarmada" once
    kafr_nabl = Place(
        id="f",
        name="Kafr Nabl",
        lat=35.9,
        lon=36.7,
        country="SY",
        mentions=[Span(10, 14, "Kafr"), Span(90, 94, "Kafr"), Span(200, 204, "Kafr")],
    )
    sarmada = Place(
        id="r", name="Sarmada", lat=36.2, lon=37.1, country="SY", mentions=[Span(60, 68, "R")]
    )
    origins = {(10, 14), (90, 94), (200, 204)}
    assert main_place([kafr_nabl, sarmada], focus=["SY"]) == kafr_nabl
    assert main_place([kafr_nabl, sarmada], focus=["SY"], uncounted=origins) == sarmada
    # a place also named as where something happened counts those mentions
    assert main_place([kafr_nabl, sarmada], focus=["SY"], uncounted={(10, 14)}) == kafr_nabl
    # an origin is still the last resort when nothing else is named
    assert main_place([kafr_nabl], focus=["SY"], uncounted=origins) == kafr_nabl
    # "its Damascus ally" in the lead is the government: no lead bonus, no count
    damascus = Place(
        id="d", name="Damascus", lat=33.5, lon=36.3, country="SY", mentions=[Span(5, 13, "D")]
    )
    khan = Place(
        id="k",
        name="Khan Shaykhun",
        lat=35.4,
        lon=36.6,
        country="SY",
        mentions=[Span(900, 904, "K")],
    )
    assert main_place([damascus, khan], focus=["SY"]) == damascus
    assert main_place([damascus, khan], focus=["SY"], uncounted={(5, 13)}) == khan


def test_build_main_place_in_a_secondary_focus_country() -> None:
    from sitrep.report.build import locate_by_article, main_place
    from sitrep.types import Place

    # "US-led coalition strikes kill 21 in northern Syria ... Aleppo province"
    us = Place(id="us", name="United States", lat=0, lon=0, country="US", geo_precision=4)
    syria = Place(id="sy", name="Syria", lat=0, lon=0, country="SY", geo_precision=4)
    aleppo = Place(
        id="a",
        name="Aleppo",
        lat=36.2,
        lon=37.1,
        country="SY",
        geo_precision=3,
        mentions=[Span(90, 96, "Aleppo")],
    )
    places = [us, syria, aleppo]
    assert main_place(places, focus=["US", "SY"]) == aleppo
    in_syria = _event("e1", "clashes", place="sy")
    in_us = _event("e2", "exploded", place="us")
    locate_by_article([in_syria, in_us], places, focus=["US", "SY"])
    assert in_syria.place == "a" and in_syria.geo_precision == 3
    # an event set in the first focus country is not moved to the second's place
    assert in_us.place == "us"


def test_build_choose_headline_passes_over_a_roundup_sentence() -> None:
    from sitrep.types import Place

    # "attacks in Damascus, Aleppo and Idlib" sums up; the detailed incident wins
    text = "Attacks in Damascus, Aleppo and Idlib killed 6. Shells hit Aleppo, killing 5."
    first = text.split(". ")[0]
    second = text[len(first) + 2 :]

    def at(fragment: str) -> Span:
        start = text.index(fragment)
        return Span(start, start + len(fragment), fragment)

    def place(pid: str, name: str, admin1: str, *mentions: Span) -> Place:
        return Place(id=pid, name=name, lat=0, lon=0, admin1=admin1, mentions=list(mentions))

    damascus = place("d", "Damascus", "Damascus", at("Damascus"))
    aleppo = place("a", "Aleppo", "Aleppo", at("Aleppo"), Span(59, 65, "Aleppo"))
    idlib = place("i", "Idlib", "Idlib", at("Idlib"))
    roundup = Event(
        id="e1",
        event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack",
        trigger=at("Attacks"),
        evidence=Evidence(sentence=at(first), rule="test"),
        place="d",
        fatalities=6,
    )
    detail = Event(
        id="e2",
        event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack",
        trigger=at("Shells"),
        evidence=Evidence(sentence=at(second), rule="test"),
        place="a",
        fatalities=5,
    )
    title = "6 killed in attacks in Damascus, Aleppo and Idlib"
    best = choose_headline([roundup, detail], title=title, places=[damascus, aleppo, idlib])
    assert best is detail
    # without the other divisions the first sentence is a single incident and wins
    best = choose_headline([roundup, detail], title=title, places=[damascus, aleppo])
    assert best is roundup


def _roundup_article() -> tuple[str, list[Event], dict[str, Place]]:
    """A round-up: a dated title naming three divisions, then one incident per division."""
    text = (
        "3 May 2019 Four killed in attacks in Sanaa, Taiz and Aden. "
        "Shells hit Sanaa, injuring seven. "
        "A rocket killed two people in Taiz. "
        "Mortars hit Aden, killing two."
    )

    def at(fragment: str) -> Span:
        start = text.index(fragment)
        return Span(start, start + len(fragment), fragment)

    sentences = [at(s.strip()) for s in re.split(r"(?<=\.) ", text)]
    places = {
        "s": Place(id="s", name="Sanaa", lat=0, lon=0, admin1="Sanaa", mentions=[at("Sanaa")]),
        "t": Place(id="t", name="Taiz", lat=0, lon=0, admin1="Taiz", mentions=[at("Taiz")]),
        "a": Place(id="a", name="Aden", lat=0, lon=0, admin1="Aden", mentions=[at("Aden")]),
    }

    def event(eid: str, trigger: str, sentence: int, place: str, toll: int | None) -> Event:
        return Event(
            id=eid,
            event_type="Explosions/Remote violence",
            sub_event_type="Shelling/artillery/missile attack",
            trigger=at(trigger),
            evidence=Evidence(sentence=sentences[sentence], rule="test"),
            place=place,
            fatalities=toll,
        )

    events = [
        event("title", "attacks", 0, "s", 4),
        event("sanaa", "Shells", 1, "s", None),
        event("taiz", "rocket", 2, "t", 2),
        event("aden", "Mortars", 3, "a", 2),
    ]
    return text, events, places


@pytest.mark.parametrize(
    ("tolls", "expected"),
    [
        ({"taiz": 2, "aden": 2}, "taiz"),  # equals: the first told
        ({"taiz": 2, "aden": 3}, "aden"),  # the deadliest
        ({"taiz": None, "aden": 1}, "aden"),  # the only one with a toll
        ({"taiz": 4, "aden": 1}, "taiz"),  # the title's toll does not lift the summary
    ],
)
def test_build_choose_headline_takes_a_roundups_deadliest_incident(
    tolls: dict[str, int | None], expected: str
) -> None:
    text, events, places = _roundup_article()
    for event in events:
        event.fatalities = tolls.get(event.id, event.fatalities)
    title = "Four killed in attacks in Sanaa, Taiz and Aden"
    # the title's own event sums up the round-up's incidents
    best = choose_headline(events, title=title, places=list(places.values()), text=text)
    assert best is not None and best.id == expected


def test_build_choose_headline_two_divisions_make_no_roundup() -> None:
    text, events, places = _roundup_article()
    title = "Four killed in attacks in Sanaa and Aden"
    del places["t"]
    for event in events:
        event.place = "s" if event.place == "t" else event.place
    best = choose_headline(events, title=title, places=list(places.values()), text=text)
    # not a round-up: the title's toll and places decide as usual
    assert best is not None and best.id in ("title", "aden")


@pytest.mark.parametrize(
    ("text", "title", "expected"),
    [
        ("3 May 2019 Four killed in Taiz. More text.", "Four killed in Taiz", (11, 30)),
        ("FOUR KILLED IN TAIZ - more text", "Four killed in Taiz", (0, 19)),
        ("Four  killed, in Taiz. More", "Four killed in Taiz", (0, 21)),
        ("Fighters killed four in Taiz.", "Four killed in Taiz", None),  # reworded
        ("Four killed in Taiz.", None, None),
        ("Four killed in Taiz.", "", None),
    ],
)
def test_build_title_span(text: str, title: str | None, expected: tuple[int, int] | None) -> None:
    assert title_span(text, title) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Airstrikes kill 4 in Syria's Idlib", {"s"}),  # Sarmin lies in Idleb/Idlib
        ("Shelling hits al-Sarmin", {"s"}),  # the article does not matter
        ("Clashes near Hama", set()),
        ("Ten killed", set()),
        (None, set()),
    ],
)
def test_build_title_places_by_transliteration_key(title: str | None, expected: set[str]) -> None:
    from sitrep.report.build import title_places
    from sitrep.types import Place

    sarmin = Place(
        id="s", name="Sarmin", lat=35.9, lon=36.7, admin1="Idleb", mentions=[Span(0, 6, "Sermin")]
    )
    country = Place(id="c", name="Syria", lat=35, lon=38, geo_precision=4)
    assert title_places([sarmin, country], title) == expected


def test_build_title_actors_and_headline_doer() -> None:
    from sitrep.report.build import title_actors
    from sitrep.types import Actor

    russia = Actor(id="russia", name="Russia", kind="state", aliases=["Russian", "Moscow"])
    rebels = Actor(id="rebels", name="Rebels", kind="rebel", aliases=["rebels"])
    assert title_actors([russia, rebels], "Russian strikes kill 17 in Ashara") == {"Russia"}
    assert title_actors([russia, rebels], "Strikes kill 17") == set()
    assert title_actors([russia], None) == set()
    # of two equal events, the one whose doer the title names is the headline
    events = [
        _event("e1", "clashes", actor1="Rebels", confidence=0.25),
        _event("e2", "exploded", actor1="Russia", confidence=0.5),
    ]
    best = choose_headline(events, title="Russian jets pound town", actors=[russia, rebels])
    assert best is not None and best.id == "e2"
    best = choose_headline(events, title="Jets pound town", actors=[russia, rebels])
    assert best is not None and best.id == "e1"


def test_build_divisions_named_counts_the_events_country_only() -> None:
    from sitrep.report.build import _divisions_named
    from sitrep.types import Place

    text = "Clashes in Aleppo between Russian and Iranian forces, a struggle of Moscow and Tehran."
    sentence = Span(0, len(text), text)

    def place(name: str, admin1: str, country: str) -> Place:
        start = text.index(name)
        return Place(
            id=name,
            name=name,
            lat=0,
            lon=0,
            admin1=admin1,
            country=country,
            mentions=[Span(start, start + len(name), name)],
        )

    places = [
        place("Aleppo", "Aleppo", "SY"),
        place("Moscow", "Moskva", "RU"),
        place("Tehran", "Tehran", "IR"),
    ]
    assert _divisions_named(sentence, places, "SY") == 1
    assert _divisions_named(sentence, places, "RU") == 1


def test_build_merge_repeated_events_folds_a_repeated_possibility() -> None:
    from sitrep.report.build import merge_repeated_events

    first = _event("e1", "clashes", actor1="A", actor2="B", modality="hypothetical")
    again = _event("e2", "exploded", actor1="B", actor2="A", modality="hypothetical")
    asserted = _event("e3", "exploded", actor1="A", actor2="B")
    assert len(merge_repeated_events([first, again])) == 1
    assert len(merge_repeated_events([first, asserted])) == 2


def _said(eid: str, word: str, start: int, **kwargs: object) -> Event:
    """An event whose trigger is ``word`` at ``start`` (no text needed)."""
    span = Span(start, start + len(word), word)
    return Event(
        id=eid,
        event_type=str(kwargs.pop("event_type", "Battles")),
        sub_event_type=str(kwargs.pop("sub_event_type", "Armed clash")),
        trigger=span,
        evidence=Evidence(sentence=span, rule="test"),
        **kwargs,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(
    ("attack", "shelling", "kept"),
    [
        # "Militia attack kills 40" + "the militia shelled a camp, killing 40"
        (
            {"actor1": "M", "fatalities": 40},
            {"actor1": "M", "fatalities": 40},
            ["Shelling/artillery/missile attack"],
        ),
        # negatives: another toll, no doer named, another doer
        (
            {"actor1": "M", "fatalities": 40},
            {"actor1": "M", "fatalities": 12},
            ["Armed clash", "Shelling/artillery/missile attack"],
        ),
        (
            {"fatalities": 40},
            {"actor1": "M", "fatalities": 40},
            ["Armed clash", "Shelling/artillery/missile attack"],
        ),
        (
            {"actor1": "M", "fatalities": 40},
            {"actor1": "N", "fatalities": 40},
            ["Armed clash", "Shelling/artillery/missile attack"],
        ),
    ],
)
def test_build_generic_attack_takes_the_type_of_its_means(
    attack: dict[str, object], shelling: dict[str, object], kept: list[str]
) -> None:
    from sitrep.report.build import merge_repeated_events

    generic = _said("e1", "attack", 10, **attack)
    specific = _said(
        "e2",
        "shelled",
        80,
        event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack",
        **shelling,
    )
    merged = merge_repeated_events([generic, specific])
    assert [e.sub_event_type for e in merged] == kept
