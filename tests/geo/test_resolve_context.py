"""Namesakes read from the whole document: neighbours, named divisions, settlement cues."""

from __future__ import annotations

import re

import pytest

# the resolver tests' helpers; test modules are imported rootdir-less by pytest
from test_resolve import place_of, span

from sitrep.geo.gazetteer import Gazetteer
from sitrep.geo.resolve import GeoResolution, resolve_toponyms
from sitrep.types import Span, Toponym


def every(text: str, *words: str) -> list[Toponym]:
    """A toponym for every occurrence of each word, in text order."""
    found = [
        Toponym(Span(m.start(), m.end(), w), "GPE")
        for w in words
        for m in re.finditer(rf"(?<!\w){re.escape(w)}(?!\w)", text)
    ]
    return sorted(found, key=lambda t: t.span.start)


def resolved(text: str, words: list[str], gazetteer: Gazetteer) -> GeoResolution:
    return resolve_toponyms(every(text, *words), text, gazetteer)


def assert_reading(
    gazetteer: Gazetteer,
    text: str,
    words: list[str],
    target: str,
    country: str,
    admin1: str | None,
) -> None:
    """``target`` in ``text`` resolves in ``country`` (and ``admin1`` when given)."""
    place = place_of(resolved(text, words, gazetteer), span(text, target))
    assert place is not None and place.country == country
    if admin1 is not None:
        assert place.admin1 == admin1


@pytest.mark.parametrize(
    ("text", "words", "target", "country", "admin1"),
    [
        # Two names shared by towns in two countries: the pair that lies together wins.
        (
            "A man from Edmonton was taken to a London hospital after the fight.",
            ["Edmonton", "London"],
            "London",
            "GB",
            None,
        ),
        (
            "A man from Edmonton was taken to a London hospital after the fight.",
            ["Edmonton", "London"],
            "Edmonton",
            "GB",
            None,
        ),
        # ...and the other way round when the neighbours are Canadian.
        (
            "Police in London said the suspect was arrested in Kitchener, near Guelph.",
            ["London", "Kitchener", "Guelph"],
            "London",
            "CA",
            "Ontario",
        ),
        (
            "Officials in Edmonton and Calgary closed schools as snow fell.",
            ["Edmonton", "Calgary"],
            "Edmonton",
            "CA",
            "Alberta",
        ),
        # Neither name alone decides the story's country: the larger reading stands.
        ("Protesters marched through London on Saturday.", ["London"], "London", "GB", None),
    ],
)
def test_resolve_context_names_shared_abroad_follow_their_neighbours(
    gazetteer: Gazetteer,
    text: str,
    words: list[str],
    target: str,
    country: str,
    admin1: str | None,
) -> None:
    assert_reading(gazetteer, text, words, target, country, admin1)


@pytest.mark.parametrize(
    ("text", "words", "target", "kind_expected"),
    [
        # "the city of X": a settlement, never the country of that name; with no such
        # town in the gazetteer it falls back to the county the story names.
        (
            "The rodeo returns to Turkey on Friday, the city of Turkey said. The Hall County "
            "town near the river hosts it every year, Texas officials said.",
            ["Turkey", "Hall County", "Texas"],
            "Turkey",
            "near",
        ),
        # Without the cue a country stays a country.
        (
            "Turkey shelled villages near the border, the army of Syria said.",
            ["Turkey", "Syria"],
            "Turkey",
            "PCLI",
        ),
        # "the largest city of X": X contains the city, it is no settlement itself.
        (
            "Clashes broke out in Aleppo, the second largest city of Syria, on Monday.",
            ["Aleppo", "Syria"],
            "Syria",
            "PCLI",
        ),
        # The cue belongs to the name right after it, not to the country after a comma.
        (
            "Police stand guard in the northern city of Irbid, Jordan, after the attack.",
            ["Irbid", "Jordan"],
            "Jordan",
            "PCLI",
        ),
    ],
)
def test_resolve_context_settlement_cue_excludes_countries(
    gazetteer: Gazetteer, text: str, words: list[str], target: str, kind_expected: str
) -> None:
    place = place_of(resolved(text, words, gazetteer), span(text, target))
    assert place is not None and place.feature == kind_expected
    if kind_expected == "near":
        # Placed in the named county, not in a town far away that once bore the name.
        assert place.country == "US" and place.admin1 == "Texas"


@pytest.mark.parametrize(
    ("text", "county", "admin1"),
    [
        (
            "Samples were taken from ducks in Crawford County, located in Pennsylvania. "
            "Ohio officials said.",
            "Crawford County",
            "Commonwealth of Pennsylvania",
        ),
        (
            "Samples were taken from ducks in Crawford County, located in Wisconsin. "
            "Ohio officials said.",
            "Crawford County",
            "Wisconsin",
        ),
    ],
)
def test_resolve_context_county_inside_named_division(
    gazetteer: Gazetteer, text: str, county: str, admin1: str
) -> None:
    words = [county, "Pennsylvania", "Wisconsin", "Ohio"]
    place = place_of(resolved(text, [w for w in words if w in text], gazetteer), span(text, county))
    assert place is not None and place.feature == "ADM2" and place.admin1 == admin1


@pytest.mark.parametrize(
    ("text", "words", "target", "nth", "feature"),
    [
        # A list of two divisions or more around the name makes it the division.
        (
            "Officials are investigating cases in Washington, Pennsylvania and California.",
            ["Washington", "Pennsylvania", "California"],
            "Washington",
            0,
            "ADM1",
        ),
        (
            "Cases were found in Utah, Virginia, Washington, West Virginia and Wyoming.",
            ["Utah", "Virginia", "Washington", "West Virginia", "Wyoming"],
            "Washington",
            0,
            "ADM1",
        ),
        # "Washington, D.C., and Baltimore": one division only, the capital stays.
        (
            "A patient was admitted in Washington, D.C., and another in Baltimore.",
            ["Washington", "D.C.", "Baltimore"],
            "Washington",
            0,
            "PPLC",
        ),
        ("Talks were held in Washington on Monday.", ["Washington"], "Washington", 0, "PPLC"),
        # One sense per discourse: the state named by a cue is the state when bare too...
        (
            "New York state officials declared an emergency. At least 75 people have died "
            "in New York since April, Paterson officials said.",
            ["New York", "Paterson"],
            "New York",
            1,
            "ADM1",
        ),
        # A division's seat of the very same name stays the town when bare.
        (
            "Homs governor Ali Hamed said the bombing in Homs killed 30 people.",
            ["Homs"],
            "Homs",
            1,
            "PPLA",
        ),
        (
            "Raqqa's governor said airstrikes hit Raqqa overnight.",
            ["Raqqa"],
            "Raqqa",
            1,
            "PPLA",
        ),
        # ...and a bare name with no such cue keeps its usual reading.
        (
            "At least 75 people have died in New York since April, Paterson officials said.",
            ["New York", "Paterson"],
            "New York",
            0,
            "PPLA",
        ),
    ],
)
def test_resolve_context_division_or_town_by_the_story(
    gazetteer: Gazetteer, text: str, words: list[str], target: str, nth: int, feature: str
) -> None:
    mention = span(text, target, nth)
    place = place_of(resolved(text, words, gazetteer), mention)
    assert place is not None and place.feature == feature


def test_resolve_context_government_keeps_the_capital(gazetteer: Gazetteer) -> None:
    text = "Washington state farms were hit by frost, and Washington warned Moscow."
    first, second = span(text, "Washington"), span(text, "Washington", 1)
    toponyms = [
        Toponym(first, "GPE"),
        Toponym(second, "GPE", role="government"),
        Toponym(span(text, "Moscow"), "GPE", role="government"),
    ]
    result = resolve_toponyms(toponyms, text, gazetteer)
    state, capital = place_of(result, first), place_of(result, second)
    assert state is not None and state.feature == "ADM1"
    assert capital is not None and capital.feature == "PPLC"


@pytest.mark.parametrize(
    ("text", "words", "target", "country", "admin1"),
    [
        # The famous namesake's country is named: the small home town gets no focus help.
        (
            "She was in France on a family trip when a gunman opened fire in Paris. Her "
            "daughter studies in Georgetown and the family will return to Kentucky soon.",
            ["France", "Paris", "Georgetown", "Kentucky"],
            "Paris",
            "FR",
            None,
        ),
        # Without France named, the Kentucky neighbours still place the small town.
        (
            "The fair in Paris drew crowds from Georgetown and Lexington, Kentucky.",
            ["Paris", "Georgetown", "Lexington", "Kentucky"],
            "Paris",
            "US",
            "Kentucky",
        ),
        # A named division does not take a bare name from a far larger town at home...
        (
            "The Mayor of Boston declared an emergency as cases rose in New York and Texas.",
            ["Boston", "New York", "Texas"],
            "Boston",
            "US",
            "Massachusetts",
        ),
        # ...but still beats a namesake abroad ("London" with Kentucky named).
        (
            "Flooding hit London and Corbin in Kentucky overnight.",
            ["London", "Corbin", "Kentucky"],
            "London",
            "US",
            "Kentucky",
        ),
    ],
)
def test_resolve_context_famous_and_dwarfed_namesakes(
    gazetteer: Gazetteer,
    text: str,
    words: list[str],
    target: str,
    country: str,
    admin1: str | None,
) -> None:
    assert_reading(gazetteer, text, words, target, country, admin1)


@pytest.mark.parametrize(
    ("text", "words", "target", "country", "admin1"),
    [
        # A town's alias does not win a named division over the town owning the name.
        (
            "Doctors at a hospital in Pittsburgh joined colleagues in Los Angeles and San "
            "Diego, California.",
            ["Pittsburgh", "Los Angeles", "San Diego", "California"],
            "Pittsburgh",
            "US",
            "Commonwealth of Pennsylvania",
        ),
        # A small town far from every place of the story, its country otherwise unnamed,
        # is left unresolved rather than placed on another continent...
        (
            "He met a contact at a bar in Piccadilly, near his home in Muswell Hill, London.",
            ["Piccadilly", "Muswell Hill", "London"],
            "Piccadilly",
            None,
            None,
        ),
        # ...but stands with neighbours or its country named.
        (
            "Miners in Piccadilly and Kalgoorlie went on strike, officials in Perth said.",
            ["Piccadilly", "Kalgoorlie", "Perth"],
            "Piccadilly",
            "AU",
            "Western Australia",
        ),
        (
            "Miners in Piccadilly went on strike, officials in Australia said.",
            ["Piccadilly", "Australia"],
            "Piccadilly",
            "AU",
            "Western Australia",
        ),
    ],
)
def test_resolve_context_aliases_and_lone_far_towns(
    gazetteer: Gazetteer,
    text: str,
    words: list[str],
    target: str,
    country: str | None,
    admin1: str | None,
) -> None:
    place = place_of(resolved(text, words, gazetteer), span(text, target))
    if country is None:
        assert place is None
    else:
        assert place is not None and (place.country, place.admin1) == (country, admin1)
