"""Document-level resolution of hand-built toponyms against the real gazetteer."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

import pytest

from sitrep.geo.gazetteer import Candidate, Gazetteer
from sitrep.geo.resolve import (
    GeoResolution,
    _far_layer_guess,
    _inner_place,
    _prefer_layer,
    abroad_is_supported,
    clean_name,
    dotted_abbreviation,
    dotted_division,
    layer_of,
    resolve_toponyms,
)
from sitrep.types import Place, Span, Toponym


def span(text: str, word: str, nth: int = 0) -> Span:
    """The ``nth`` occurrence of ``word`` in ``text`` as a Span."""
    start = [m.start() for m in re.finditer(re.escape(word), text)][nth]
    return Span(start, start + len(word), word)


def place_of(result: GeoResolution, mention: Span) -> Place | None:
    return result.place(result.place_for(mention))


def names(text: str, *words: str) -> list[Toponym]:
    return [Toponym(span(text, w), "GPE") for w in words]


@pytest.mark.parametrize(
    ("text", "words", "target", "country", "admin1"),
    [
        ("Shelling hit Aleppo and Idlib overnight.", ["Aleppo", "Idlib"], "Aleppo", "SY", "Aleppo"),
        ("Aleppo was quiet.", ["Aleppo"], "Aleppo", "SY", "Aleppo"),
        (
            "Militias clashed in Tripoli. Fighters from Misrata and Benghazi joined, Libya's "
            "government said.",
            ["Tripoli", "Misrata", "Benghazi", "Libya"],
            "Tripoli",
            "LY",
            "Tripoli",
        ),
        (
            "Gunfire in Tripoli, the northern city of Lebanon, after a night of clashes in "
            "Beirut and Sidon.",
            ["Tripoli", "Lebanon", "Beirut", "Sidon"],
            "Tripoli",
            "LB",
            None,
        ),
        ("Troops entered Kharkiv and Izium.", ["Kharkiv", "Izium"], "Kharkiv", "UA", "Kharkiv"),
        ("Fighting in El Fasher, North Darfur.", ["El Fasher"], "El Fasher", "SD", None),
        ("Hama and Homs were shelled.", ["Hama", "Homs"], "Hama", "SY", "Hama"),
    ],
)
def test_resolve_context_picks_the_country(
    gazetteer: Gazetteer,
    text: str,
    words: list[str],
    target: str,
    country: str,
    admin1: str | None,
) -> None:
    result = resolve_toponyms(names(text, *words), text, gazetteer)
    place = place_of(result, span(text, target))
    assert place is not None and place.country == country
    if admin1 is not None:
        assert place.admin1 == admin1
    assert place.geo_precision == 1 and place.geonameid is not None


def test_resolve_country_and_division_precision(gazetteer: Gazetteer) -> None:
    text = "Syria said Idlib province was calm."
    toponyms = [
        Toponym(span(text, "Syria"), "GPE"),
        Toponym(span(text, "Idlib province"), "GPE", feature_hint="province"),
    ]
    result = resolve_toponyms(toponyms, text, gazetteer)
    syria = place_of(result, span(text, "Syria"))
    idlib = place_of(result, span(text, "Idlib province"))
    assert syria is not None and (syria.geo_precision, syria.feature, syria.country) == (
        4,
        "PCLI",
        "SY",
    )
    assert idlib is not None and (idlib.geo_precision, idlib.feature, idlib.admin1) == (
        3,
        "ADM1",
        "Idlib",
    )


def test_resolve_unknown_name_with_relative_phrase_falls_back_to_anchor(
    gazetteer: Gazetteer,
) -> None:
    text = "Clashes in Aleppo spread to the Qwertaniya neighbourhood, west of the city."
    aleppo = span(text, "Aleppo")
    toponyms = [
        Toponym(aleppo, "GPE"),
        Toponym(
            span(text, "Qwertaniya"),
            "LOC",
            feature_hint="neighbourhood",
            relative="west",
            anchor=aleppo,
            rule="cue:neighbourhood",
        ),
    ]
    result = resolve_toponyms(toponyms, text, gazetteer)
    place = place_of(result, span(text, "Qwertaniya"))
    city = place_of(result, aleppo)
    assert place is not None and city is not None
    assert place.geo_precision == 2 and place.name == "Qwertaniya"
    assert (place.lat, place.lon, place.admin1, place.country) == (
        city.lat,
        city.lon,
        "Aleppo",
        "SY",
    )
    assert "west of Aleppo" in place.resolution
    assert place.geonameid is None


def test_resolve_distance_moves_the_point(gazetteer: Gazetteer) -> None:
    text = "Idlib was hit; a village 20 km south of Idlib burned."
    idlib = span(text, "Idlib", 1)
    phrase = span(text, "village 20 km south of Idlib")
    toponyms = [
        Toponym(span(text, "Idlib"), "GPE"),
        Toponym(idlib, "GPE"),
        Toponym(phrase, "LOC", relative="south", anchor=idlib, distance_km=20.0, rule="relative"),
    ]
    result = resolve_toponyms(toponyms, text, gazetteer)
    town = place_of(result, span(text, "Idlib"))
    near = result.place(result.by_mention[(phrase.start, phrase.end)])
    assert town is not None and near is not None
    assert near.geo_precision == 2
    assert near.lat == pytest.approx(town.lat - 20 / 111, abs=0.01)


def test_resolve_loose_spelling_only_inside_focus(gazetteer: Gazetteer) -> None:
    text = "Militias deployed in the towns of Nebul near Aleppo, in northern Syria."
    toponyms = [
        Toponym(span(text, "Nebul"), "GPE", feature_hint="town", rule="cue:town"),
        *names(text, "Aleppo", "Syria"),
    ]
    place = place_of(resolve_toponyms(toponyms, text, gazetteer), span(text, "Nebul"))
    assert place is not None and place.name == "Nubl" and place.country == "SY"


def test_resolve_loose_spelling_never_abroad(gazetteer: Gazetteer) -> None:
    # "Nebul" shares its key with Niebüll (Germany): with Syria in focus it must not go there.
    text = "Fighters reached Nebul. Aleppo and Syria were named."
    toponyms = names(text, "Nebul", "Aleppo", "Syria")
    place = place_of(resolve_toponyms(toponyms, text, gazetteer), span(text, "Nebul"))
    assert place is None or place.country == "SY"


def test_resolve_unknown_name_without_context_stays_unresolved(gazetteer: Gazetteer) -> None:
    text = "Xqzzyville and Hama were mentioned."
    result = resolve_toponyms(names(text, "Xqzzyville", "Hama"), text, gazetteer)
    assert result.place_for(span(text, "Xqzzyville")) is None
    hama = place_of(result, span(text, "Hama"))
    assert hama is not None and hama.country == "SY"


def test_resolve_government_role_still_a_place_but_not_focus(gazetteer: Gazetteer) -> None:
    text = "Moscow said that Tripoli and Benghazi saw fighting."
    toponyms = [
        Toponym(span(text, "Moscow"), "GPE", role="government"),
        *names(text, "Tripoli", "Benghazi"),
    ]
    result = resolve_toponyms(toponyms, text, gazetteer)
    moscow = place_of(result, span(text, "Moscow"))
    assert moscow is not None and moscow.country == "RU"
    assert "RU" not in result.focus


def test_resolve_mentions_collected_per_place(gazetteer: Gazetteer) -> None:
    text = "Aleppo, then Idlib, then Aleppo again."
    toponyms = [
        Toponym(span(text, "Aleppo"), "GPE"),
        Toponym(span(text, "Idlib"), "GPE"),
        Toponym(span(text, "Aleppo", 1), "GPE"),
    ]
    result = resolve_toponyms(toponyms, text, gazetteer)
    aleppo = place_of(result, span(text, "Aleppo"))
    assert aleppo is not None and [m.start for m in aleppo.mentions] == [0, 25]
    assert len(result.places) == 2


def test_resolve_empty_input(gazetteer: Gazetteer) -> None:
    result = resolve_toponyms([], "", gazetteer)
    assert result.places == [] and result.place_for(Span(0, 1, "x")) is None
    assert result.place_for(None) is None


@pytest.mark.parametrize(
    ("text", "name", "hint"),
    [
        ("Idlib province", "Idlib", "province"),
        ("the Hamdania neighborhood", "Hamdania", "neighbourhood"),
        ("Moscow's", "Moscow", None),
        ("Aleppo countryside", "Aleppo", "province"),
        ("Homs", "Homs", None),
        ("City", "City", None),
        # A generic word before the name: the unit named so.
        ("the County of Brant", "Brant", "region"),
        ("Province of Quang Nam", "Quang Nam", "province"),
        # Negatives: no name after the word, or "of" not following it.
        ("County of", "County of", None),
        ("Countyside of Brant", "Countyside of Brant", None),
    ],
)
def test_resolve_clean_name(text: str, name: str, hint: str | None) -> None:
    assert clean_name(text) == (name, hint)


@pytest.mark.parametrize(
    ("text", "unknown", "expected"),
    [
        (
            "Flights left Toronto's Qwertyfield International for Ottawa.",
            "Toronto's Qwertyfield International",
            "Toronto",
        ),
        # "Tal" is a word for a hill: it must not pull in the town At Tall near Damascus.
        ("Aleppo. Militias hold the areas of Tal Qwertour.", "Tal Qwertour", "Aleppo"),
    ],
)
def test_resolve_unknown_name_falls_back_to_place_inside_or_nearby(
    gazetteer: Gazetteer, text: str, unknown: str, expected: str
) -> None:
    toponyms = [
        Toponym(span(text, unknown), "FAC", rule="cue:area"),
        *(
            Toponym(span(text, w), "GPE")
            for w in ("Toronto", "Ottawa", "Aleppo")
            if w in text and w not in unknown
        ),
    ]
    place = place_of(resolve_toponyms(toponyms, text, gazetteer), span(text, unknown))
    assert place is not None and place.geo_precision == 2
    assert expected in place.resolution


def _candidate(
    country: str | None,
    *,
    kind: str = "place",
    population: int = 5_000,
    match: str = "exact",
    name: str = "Name",
    feature: str = "PPL",
) -> Candidate:
    return Candidate(
        id=1,
        name=name,
        lat=0.0,
        lon=0.0,
        feature=feature,
        country=country,
        admin1=None,
        admin1_code=None,
        population=population,
        kind=kind,
        geonameid=None,
        match=match,
    )


# A story clearly set in one country: three of its four sub-national names there.
_SYRIA = Counter({"SY": 9, "US": 6})
_SYRIA_PLACES = Counter({"SY": 3, "TR": 1})
_SUDAN = Counter({"SD": 6, "US": 3})
_SUDAN_PLACES = Counter({"SD": 4})
# No clear focus: two countries alike.
_MIXED = Counter({"FR": 3, "DE": 3})


@pytest.mark.parametrize(
    ("candidate", "focus", "place_focus", "kwargs", "expected"),
    [
        (_candidate("SY"), _SYRIA, _SYRIA_PLACES, {}, True),
        (_candidate("SD"), _SUDAN, _SUDAN_PLACES, {}, True),
        # A small namesake abroad ("Midan" -> Medan, "Media" -> Media, PA) is refused...
        (_candidate("ID"), _SYRIA, _SYRIA_PLACES, {"query": "Name"}, False),
        (_candidate("US"), _SYRIA, _SYRIA_PLACES, {"query": "Name"}, False),
        (_candidate("US"), _SUDAN, _SUDAN_PLACES, {"query": "Name"}, False),
        # ...unless its country is written next to it ("Kilis, Turkey").
        (_candidate("TR"), _SYRIA, _SYRIA_PLACES, {"anchored": True}, True),
        # A large place under its own name is named abroad often (Geneva, Moscow).
        (_candidate("CH", population=200_000), _SYRIA, _SYRIA_PLACES, {"query": "Name"}, True),
        (_candidate("RU", population=10**7), _SUDAN, _SUDAN_PLACES, {"query": "Name"}, True),
        # Under an alternate name only when very large or its country is named.
        (_candidate("DZ", population=150_000), _SYRIA, _SYRIA_PLACES, {"query": "Alias"}, False),
        (_candidate("US", population=150_000), _SYRIA, _SYRIA_PLACES, {"query": "Alias"}, True),
        (_candidate("SA", population=2 * 10**6), _SUDAN, _SUDAN_PLACES, {"query": "Alias"}, True),
        # A loose spelling abroad never.
        (
            _candidate("ID", population=2 * 10**6, match="key"),
            _SYRIA,
            _SYRIA_PLACES,
            {"query": "Name"},
            False,
        ),
        (_candidate("ZA", match="fuzzy"), _MIXED, None, {"query": "Name"}, False),
        # Divisions: own name with the country named; not an alternate name alone.
        (_candidate("US", kind="admin1"), _SYRIA, _SYRIA_PLACES, {"query": "Name"}, True),
        (_candidate("ZM", kind="admin1"), _SYRIA, _SYRIA_PLACES, {"query": "Name"}, True),
        (_candidate("ZM", kind="admin1"), _SYRIA, _SYRIA_PLACES, {"query": "Alias"}, False),
        (_candidate("HN", kind="admin1"), _SYRIA, _SYRIA_PLACES, {"query": "Alias"}, False),
        (_candidate("UA", kind="region"), _SYRIA, _SYRIA_PLACES, {"query": "Alias"}, True),
        (_candidate(None, kind="country"), _SYRIA, _SYRIA_PLACES, {}, True),
        # Without a clear focus, any exact spelling stays acceptable (as before).
        (_candidate("IT"), _MIXED, Counter({"FR": 1, "DE": 1}), {"query": "Name"}, True),
        (_candidate("FR"), _MIXED, None, {"query": "Name"}, True),
    ],
)
def test_resolve_abroad_needs_evidence_in_focused_story(
    candidate: Candidate,
    focus: Counter[str],
    place_focus: Counter[str] | None,
    kwargs: dict[str, Any],
    expected: bool,
) -> None:
    assert abroad_is_supported(candidate, focus, place_focus=place_focus, **kwargs) is expected


@pytest.mark.parametrize(
    ("text", "words", "target", "not_country"),
    [
        (
            "Shelling hit Aleppo, Idlib and Hama; in Midan five died.",
            ["Aleppo", "Idlib", "Hama", "Midan"],
            "Midan",
            "ID",
        ),
        (
            "Shelling hit Aleppo, Idlib and Hama, Media reported.",
            ["Aleppo", "Idlib", "Hama", "Media"],
            "Media",
            "DZ",
        ),
        (
            "Fighting in Khartoum, Omdurman and El Obeid; Peace talks stalled.",
            ["Khartoum", "Omdurman", "El Obeid", "Peace"],
            "Peace",
            "HN",
        ),
        (
            "Strikes on Aden, Taiz and Hodeidah, the White House said.",
            ["Aden", "Taiz", "Hodeidah", "White"],
            "White",
            "RO",
        ),
    ],
)
def test_resolve_focused_story_keeps_names_home(
    gazetteer: Gazetteer, text: str, words: list[str], target: str, not_country: str
) -> None:
    result = resolve_toponyms(names(text, *words), text, gazetteer)
    place = place_of(result, span(text, target))
    assert place is None or place.country != not_country


@pytest.mark.parametrize(
    ("text", "words", "target", "country"),
    [
        (
            "Shelling hit Aleppo, Idlib and Hama; talks resumed in Geneva.",
            ["Aleppo", "Idlib", "Hama", "Geneva"],
            "Geneva",
            "CH",
        ),
        (
            "Troops entered Kharkiv, Izium and Kupiansk, Moscow said.",
            ["Kharkiv", "Izium", "Kupiansk", "Moscow"],
            "Moscow",
            "RU",
        ),
        (
            "Fighting in Khartoum, Omdurman and El Obeid; envoys met in Jeddah.",
            ["Khartoum", "Omdurman", "El Obeid", "Jeddah"],
            "Jeddah",
            "SA",
        ),
    ],
)
def test_resolve_focused_story_large_places_abroad(
    gazetteer: Gazetteer, text: str, words: list[str], target: str, country: str
) -> None:
    result = resolve_toponyms(names(text, *words), text, gazetteer)
    place = place_of(result, span(text, target))
    assert place is not None and place.country == country


def test_resolve_anchor_country_allows_small_place_abroad(gazetteer: Gazetteer) -> None:
    text = "Shelling hit Aleppo, Idlib and Hama; refugees reached Kilis, Turkey."
    toponyms = names(text, "Aleppo", "Idlib", "Hama", "Turkey")
    toponyms.append(Toponym(span(text, "Kilis"), "GPE", relative="in", anchor=span(text, "Turkey")))
    result = resolve_toponyms(toponyms, text, gazetteer)
    place = place_of(result, span(text, "Kilis"))
    assert place is not None and place.country == "TR"


@pytest.mark.parametrize(
    ("text", "words", "target", "country", "admin1"),
    [
        (
            "Shelling hit Eastern Ghouta and Douma.",
            ["Eastern Ghouta", "Douma"],
            "Eastern Ghouta",
            "SY",
            "Rif Dimashq",
        ),
        (
            "Jets flew over the Golan Heights and Quneitra.",
            ["Golan Heights", "Quneitra"],
            "Golan Heights",
            "SY",
            "Quneitra",
        ),
        (
            "Militants attacked the Swat Valley near Mingora.",
            ["Swat Valley", "Mingora"],
            "Swat Valley",
            "PK",
            "Khyber Pakhtunkhwa",
        ),
        ("Clashes in Darfur and Kordofan.", ["Darfur", "Kordofan"], "Darfur", "SD", None),
    ],
)
def test_resolve_regions_carry_admin1(
    gazetteer: Gazetteer,
    text: str,
    words: list[str],
    target: str,
    country: str,
    admin1: str | None,
) -> None:
    result = resolve_toponyms(names(text, *words), text, gazetteer)
    place = place_of(result, span(text, target))
    assert place is not None and (place.country, place.admin1) == (country, admin1)


@pytest.mark.parametrize(
    ("text", "target", "country", "admin1"),
    [
        ("Shelling of eastern Homs and Hama.", "eastern Homs", "SY", "Homs"),
        ("Drones struck northern Kharkiv and Izium.", "northern Kharkiv", "UA", "Kharkiv"),
        ("Raids in North-West Darfur and El Fasher.", "North-West Darfur", "SD", None),
        # A compass word that is part of the name stays.
        ("Raids in the West Bank and Gaza Strip.", "West Bank", "PS", None),
        ("Talks with North Korea and Japan.", "North Korea", "KP", None),
    ],
)
def test_resolve_compass_word_before_a_name(
    gazetteer: Gazetteer, text: str, target: str, country: str, admin1: str | None
) -> None:
    result = resolve_toponyms(names(text, target), text, gazetteer)
    place = place_of(result, span(text, target))
    assert place is not None and place.country == country
    if admin1 is not None:
        assert place.admin1 == admin1
    if target.split()[0] in ("West", "North"):
        assert place.name == target or place.country == country


@pytest.mark.parametrize(
    ("text", "words", "target", "expected"),
    [
        (
            "SANA said Aleppo, Idlib and Hama were shelled.",
            ["SANA", "Aleppo", "Idlib", "Hama"],
            "SANA",
            None,
        ),
        (
            "AP said Aleppo, Idlib and Hama were shelled.",
            ["AP", "Aleppo", "Idlib", "Hama"],
            "AP",
            None,
        ),
        (
            "Floods hit Sydney and Newcastle in NSW.",
            ["Sydney", "Newcastle", "NSW"],
            "NSW",
            "New South Wales",
        ),
        (
            "Fires near Kamloops and Kelowna, B.C.",
            ["Kamloops", "Kelowna", "B.C."],
            "B.C.",
            "British Columbia",
        ),
        (
            "GAZA: strikes on Rafah and Khan Younis.",
            ["GAZA", "Rafah", "Khan Younis"],
            "GAZA",
            "Gaza",
        ),
    ],
)
def test_resolve_short_capitals_are_acronyms_unless_exact(
    gazetteer: Gazetteer, text: str, words: list[str], target: str, expected: str | None
) -> None:
    result = resolve_toponyms(names(text, *words), text, gazetteer)
    place = place_of(result, span(text, target))
    if expected is None:
        assert place is None
    else:
        assert place is not None and place.name == expected


def test_resolve_fallback_place_inherits_admin1(gazetteer: Gazetteer) -> None:
    text = "Shells fell on the Midan district of Damascus and on Homs."
    toponyms = [
        Toponym(span(text, "Damascus"), "GPE"),
        Toponym(span(text, "Homs"), "GPE"),
        Toponym(
            span(text, "Midan"),
            "LOC",
            feature_hint="neighbourhood",
            rule="cue:neighbourhood",
            relative="in",
            anchor=span(text, "Damascus"),
        ),
    ]
    result = resolve_toponyms(toponyms, text, gazetteer)
    place = place_of(result, span(text, "Midan"))
    assert place is not None and (place.country, place.admin1) == ("SY", "Damascus")


def resolve_words(gazetteer: Gazetteer, text: str, words: list[str]) -> dict[str, Place | None]:
    """Resolve the first occurrence of each word; the place of each, by word."""
    result = resolve_toponyms(names(text, *words), text, gazetteer)
    return {w: place_of(result, span(text, w)) for w in words}


@pytest.mark.parametrize(
    ("text", "words", "word", "country", "feature"),
    [
        # A world capital is not its small namesake in the story's country...
        (
            "U.S. officials met in Washington, then flew to Paris, London and Moscow.",
            ["U.S.", "Washington", "Paris", "London", "Moscow"],
            "Paris",
            "FR",
            "PPLC",
        ),
        (
            "U.S. officials met in Washington, then flew to Paris, London and Moscow.",
            ["U.S.", "Washington", "Paris", "London", "Moscow"],
            "Moscow",
            "RU",
            "PPLC",
        ),
        # ...unless the text places the namesake (its state, a neighbouring town).
        (
            "A man of London died in a crash near Corbin, Kentucky.",
            ["London", "Corbin", "Kentucky"],
            "London",
            "US",
            "PPL",
        ),
        # A first-order division, not the small towns named after it.
        (
            "Wildfires burned in Oregon and California, U.S. officials said.",
            ["Oregon", "California", "U.S."],
            "Oregon",
            "US",
            "ADM1",
        ),
        # A division's seat keeps the bare name ("Raqqa" is the city, not the province).
        ("Raqqa was shelled again.", ["Raqqa"], "Raqqa", "SY", "PPLA"),
        # A division abroad nobody names is no rival (Savannah, Georgia, not Mauritius).
        (
            "Storms hit Atlanta and Savannah, Georgia.",
            ["Atlanta", "Savannah", "Georgia"],
            "Savannah",
            "US",
            "PPL",
        ),
        # A country that is also a division's name competes with it on the document.
        (
            "Storms hit Atlanta and Savannah, Georgia.",
            ["Atlanta", "Savannah", "Georgia"],
            "Georgia",
            "US",
            "ADM1",
        ),
        (
            "Russia and Georgia fought in 2008; Tbilisi accused Moscow.",
            ["Russia", "Georgia", "Tbilisi"],
            "Georgia",
            "GE",
            "PCLI",
        ),
        # A capital, not the division of the same name.
        (
            "WASHINGTON - U.S. officials said on Monday that talks would resume.",
            ["WASHINGTON", "U.S."],
            "WASHINGTON",
            "US",
            "PPLC",
        ),
        (
            "Fires burned near Seattle and Spokane, Washington.",
            ["Seattle", "Spokane", "Washington"],
            "Washington",
            "US",
            "ADM1",
        ),
        # A region or sea of regions.json, not the small towns named after it.
        (
            "Officials in Texas, Ohio and Florida said troops in the Middle East were ready.",
            ["Texas", "Ohio", "Florida", "Middle East"],
            "Middle East",
            None,
            "RGN",
        ),
        # A state under its own name; the city bears it only as an alternate name.
        (
            "Tornadoes swept across Oklahoma and Kansas on Sunday.",
            ["Oklahoma", "Kansas"],
            "Oklahoma",
            "US",
            "ADM1",
        ),
    ],
)
def test_resolve_namesakes(
    gazetteer: Gazetteer,
    text: str,
    words: list[str],
    word: str,
    country: str | None,
    feature: str,
) -> None:
    place = resolve_words(gazetteer, text, words)[word]
    assert place is not None
    assert (place.country, place.feature) == (country, feature)


@pytest.mark.parametrize(
    ("query", "focus", "expected"),
    [
        ("Central and South America", ["US"], "South America"),
        ("Toronto's Pearson International", ["CA"], "Toronto"),
        # Generic words are never the place inside ("Island" is an Icelandic name of Iceland).
        ("Waiheke Island", ["NZ"], None),
        ("Salinas Valley", ["US"], "Salinas"),
        ("Grand Valley", ["US"], None),
    ],
)
def test_resolve_inner_place(
    gazetteer: Gazetteer, query: str, focus: list[str], expected: str | None
) -> None:
    found = _inner_place(query, gazetteer, focus)
    assert (found.name if found else None) == expected


@dataclass(frozen=True)
class LayerCandidate(Candidate):
    """A candidate from a user layer (until ``Candidate`` carries ``layer`` itself)."""

    layer: str = "ocha"


def _named_candidate(name: str, layer: str | None, population: int = 1000) -> Candidate:
    fields: dict[str, Any] = {
        "id": population,
        "name": name,
        "lat": 36.0,
        "lon": 37.0,
        "feature": "PPL",
        "country": "SY",
        "admin1": "Aleppo",
        "admin1_code": "SY-HL",
        "population": population,
        "kind": "place",
        "geonameid": None,
        "match": "exact",
    }
    return Candidate(**fields) if layer is None else LayerCandidate(**fields, layer=layer)


@pytest.mark.parametrize(
    ("scored", "winner"),
    [
        # A layer entry of the same name wins a near tie with the base entry.
        ([(3.0, "Tall Aran", None), (2.7, "Tell Aran", "ocha")], "ocha"),
        # A layer entry already best stays best.
        ([(3.0, "Tall Aran", "ocha"), (2.9, "Tall Aran", None)], "ocha"),
        # Negative: a layer entry of another name does not take over.
        ([(3.0, "Tall Aran", None), (2.9, "Nubl", "ocha")], "geonames"),
        # Negative: a layer entry far behind does not take over.
        ([(3.0, "Tall Aran", None), (2.0, "Tall Aran", "ocha")], "geonames"),
    ],
)
def test_resolve_layers_win_ties_over_the_base(
    scored: list[tuple[float, str, str | None]], winner: str
) -> None:
    ranked = [
        (score, _named_candidate(name, layer, 1000 + i))
        for i, (score, name, layer) in enumerate(scored)
    ]
    _, best = _prefer_layer(ranked)
    assert layer_of(best) == winner


@pytest.mark.parametrize(
    ("text", "words", "county", "expected"),
    [
        # American counties are second-order divisions of the base layer (precision 3).
        (
            "Flooding hit Harris County, Texas, near Houston.",
            ["Harris County", "Texas", "Houston"],
            "Harris County",
            ("Harris County", "Texas", "ADM2", 3),
        ),
        # Several counties share a name: the story's places decide which.
        (
            "The Plymouth County Sheriff's Office said a tractor was stolen near Le Mars, Iowa.",
            ["Plymouth County", "Le Mars", "Iowa"],
            "Plymouth County",
            ("Plymouth County", "Iowa", "ADM2", 3),
        ),
        (
            "Beaches in Plymouth County near Brockton, Massachusetts, were closed.",
            ["Plymouth County", "Brockton", "Massachusetts"],
            "Plymouth County",
            ("Plymouth County", "Massachusetts", "ADM2", 3),
        ),
        # A dateline's abbreviation is the county too.
        (
            "PLYMOUTH CO. - A farm near Le Mars, Iowa, was robbed.",
            ["PLYMOUTH CO.", "Le Mars", "Iowa"],
            "PLYMOUTH CO.",
            ("Plymouth County", "Iowa", "ADM2", 3),
        ),
        # Negative: with nothing around it, a county is still no town of that name.
        (
            "Officials in Orange County said the fire was contained.",
            ["Orange County"],
            "Orange County",
            ("Orange County", None, "ADM2", 3),
        ),
    ],
)
def test_resolve_county_is_not_a_distant_namesake(
    gazetteer: Gazetteer,
    text: str,
    words: list[str],
    county: str,
    expected: tuple[str, str | None, str, int],
) -> None:
    place = resolve_words(gazetteer, text, words)[county]
    assert place is not None and place.country == "US"
    name, admin1, feature, precision = expected
    assert (place.name, place.feature, place.geo_precision) == (name, feature, precision)
    if admin1 is not None:
        assert place.admin1 == admin1


@pytest.mark.parametrize(
    ("text", "words", "expected"),
    [
        # A small town abroad is kept when the story names its country...
        (
            "Doctors in Atlanta, Boston and Chicago said the outbreak in Indonesia began in "
            "Sibolga.",
            ["Atlanta", "Boston", "Chicago", "Indonesia", "Sibolga"],
            "ID",
        ),
        # ...and left unresolved when it does not (negative).
        (
            "Doctors in Atlanta, Boston and Chicago said the outbreak began in Sibolga.",
            ["Atlanta", "Boston", "Chicago", "Sibolga"],
            None,
        ),
    ],
)
def test_resolve_small_town_abroad_needs_its_country_named(
    gazetteer: Gazetteer, text: str, words: list[str], expected: str | None
) -> None:
    place = resolve_words(gazetteer, text, words)["Sibolga"]
    assert (place.country if place else None) == expected


@pytest.mark.parametrize(
    ("text", "dateline", "unknown", "expected"),
    [
        # A dateline names where the story was filed: an unknown village is not there.
        (
            "BEIRUT - Shelling hit the village of Qwertaya, north of the front. Homs was calm.",
            "BEIRUT",
            "Qwertaya",
            "Homs",
        ),
        (
            "DAMASCUS (Reuters) - Mortars hit the village of Qwertaya. Later, Aleppo was shelled.",
            "DAMASCUS",
            "Qwertaya",
            "Aleppo",
        ),
        # Negative: the same capital named in the story itself still places the village.
        (
            "Shelling hit Beirut. Then the village of Qwertaya was hit. Homs was calm later on.",
            None,
            "Qwertaya",
            "Beirut",
        ),
    ],
)
def test_resolve_fallback_never_uses_a_dateline(
    gazetteer: Gazetteer, text: str, dateline: str | None, unknown: str, expected: str
) -> None:
    toponyms = [Toponym(span(text, unknown), "GPE", feature_hint="village", rule="cue:village")]
    for word in ("BEIRUT", "DAMASCUS", "Beirut", "Homs", "Aleppo"):
        if word in text:
            role = "dateline" if word == dateline else "place"
            toponyms.append(Toponym(span(text, word), "GPE", role=role))
    place = place_of(resolve_toponyms(toponyms, text, gazetteer), span(text, unknown))
    assert place is not None and place.geo_precision == 2
    assert place.resolution.endswith(expected)


@pytest.mark.parametrize(
    ("text", "inner", "container", "hint", "expected"),
    [
        # A neighbourhood "in Y" whose only namesake lies far away falls back to Y.
        (
            "Shells hit the Salem neighbourhood in Baghdad.",
            "Salem",
            "Baghdad",
            "neighbourhood",
            ("IQ", 2),
        ),
        # A name the gazetteer has near its container is taken there.
        ("Raids hit the town of Douma near Damascus.", "Douma", "Damascus", "town", ("SY", 1)),
        # Negative: with no cue that it is small, "X in Y" read wrongly keeps a known X.
        ("Fighters from Salem in Baghdad were seen.", "Salem", "Baghdad", None, None),
    ],
)
def test_resolve_container_keeps_small_places_near_it(
    gazetteer: Gazetteer,
    text: str,
    inner: str,
    container: str,
    hint: str | None,
    expected: tuple[str, int] | None,
) -> None:
    anchor = span(text, container)
    toponyms = [
        Toponym(
            span(text, inner),
            "GPE",
            feature_hint=hint,
            relative="in",
            anchor=anchor,
            rule=f"cue:{hint}" if hint else "ner",
        ),
        Toponym(anchor, "GPE"),
    ]
    place = place_of(resolve_toponyms(toponyms, text, gazetteer), span(text, inner))
    assert place is not None
    if expected is None:
        assert place.country != "IQ" and place.geo_precision == 1
    else:
        assert (place.country, place.geo_precision) == expected


@pytest.mark.parametrize(
    ("text", "words", "target", "expected"),
    [
        # Second-order divisions (ISO 3166-2) in their country's story.
        (
            "Police in Surrey and Sussex said roads near Guildford were closed.",
            ["Surrey", "Guildford"],
            "Surrey",
            ("GB", "England", 3),
        ),
        (
            "Storms hit Fife and Edinburgh overnight.",
            ["Fife", "Edinburgh"],
            "Fife",
            ("GB", "Scotland", 3),
        ),
        # Negative: an American story keeps its own towns of those names.
        (
            "Police in Suffolk, Virginia, and Norfolk said the storm passed.",
            ["Suffolk", "Virginia", "Norfolk"],
            "Norfolk",
            ("US", None, 1),
        ),
        # Negative: a county named like its country's town is the town ("Leeds").
        (
            "Police in Leeds and Bradford made arrests.",
            ["Leeds", "Bradford"],
            "Leeds",
            ("GB", None, 1),
        ),
    ],
)
def test_resolve_second_order_divisions(
    gazetteer: Gazetteer,
    text: str,
    words: list[str],
    target: str,
    expected: tuple[str, str | None, int],
) -> None:
    place = place_of(resolve_toponyms(names(text, *words), text, gazetteer), span(text, target))
    assert place is not None
    country, admin1, precision = expected
    assert (place.country, place.geo_precision) == (country, precision)
    if admin1 is not None:
        assert place.admin1 == admin1


def _layer_village(name: str, lat: float, lon: float, match: str) -> Candidate:
    return LayerCandidate(
        id=7,
        name=name,
        lat=lat,
        lon=lon,
        feature="PPL",
        country="SY",
        admin1="Homs",
        admin1_code="SY04",
        population=0,
        kind="place",
        geonameid=None,
        match=match,
        layer="ocha",
    )


@pytest.mark.parametrize(
    ("village", "context", "far"),
    [
        # A village matched by a spelling variant, 150 km from every place named: a guess.
        (_layer_village("Kafr Qwert", 34.7, 36.7, "key"), [_named_candidate("Idlib", None)], True),
        # Negative: spelled exactly, it is the village named.
        (
            _layer_village("Kafr Qwert", 34.7, 36.7, "exact"),
            [_named_candidate("Idlib", None)],
            False,
        ),
        # Negative: near a place of the story (20 km), the variant is fine.
        (
            _layer_village("Kafr Qwert", 36.15, 37.1, "key"),
            [_named_candidate("Idlib", None)],
            False,
        ),
    ],
)
def test_resolve_layer_guess_must_lie_near_the_story(
    village: Candidate, context: list[Candidate], far: bool
) -> None:
    assert _far_layer_guess(village, context, context) is far


def test_resolve_layer_guess_inside_a_named_division() -> None:
    village = _layer_village("Kafr Qwert", 34.7, 36.7, "key")
    division = Candidate(
        id=3,
        name="Homs",
        lat=34.6,
        lon=37.9,
        feature="ADM1",
        country="SY",
        admin1="Homs",
        admin1_code="SY-HI",
        population=0,
        kind="admin1",
        geonameid=None,
        match="exact",
    )
    places = [_named_candidate("Idlib", None)]
    assert not _far_layer_guess(village, places, [*places, division])


@pytest.mark.parametrize(
    ("text", "longer", "joined"),
    [
        # A bare name heading a resolved longer name is that place (one sense per document).
        (
            "Militants took the Qwertaa gas field east of Homs. Qwertaa was retaken.",
            "Qwertaa gas field",
            True,
        ),
        ("Jets hit Qwertaa Airport near Homs. Qwertaa was quiet later.", "Qwertaa Airport", True),
        # Negative: a capitalised part that is no place word names something else.
        (
            "The Qwertaa Brigade fought near Homs. Qwertaa was quiet later.",
            "Qwertaa Brigade",
            False,
        ),
    ],
)
def test_resolve_bare_name_joins_the_longer_name(
    gazetteer: Gazetteer, text: str, longer: str, joined: bool
) -> None:
    homs = span(text, "Homs")
    relative = "east" if "east of" in text else "in"
    toponyms = [
        Toponym(span(text, longer), "FAC", relative=relative, anchor=homs, rule="relative"),
        Toponym(homs, "GPE"),
        Toponym(span(text, "Qwertaa", 1), "GPE"),
    ]
    result = resolve_toponyms(toponyms, text, gazetteer)
    bare = result.place_for(span(text, "Qwertaa", 1))
    assert (bare is not None and bare == result.place_for(span(text, longer))) is joined


def anchored(text: str, word: str, container: str) -> Toponym:
    """``word`` before ``container`` and a comma, anchored to it as the toponym stage does."""
    return Toponym(span(text, word), "GPE", relative="in", anchor=span(text, container))


@pytest.mark.parametrize(
    ("text", "start_word", "expected"),
    [
        ("PARIS, Mo. - In 1999 the family moved.", "Mo.", "US-MO"),
        ("She was born in Churchill, Man. in 2016.", "Man.", "CA-MB"),
        ("Police in Springfield, Ill., said on Monday.", "Ill.", "US-IL"),
        ("SEATTLE, WASH. - Rain fell.", "WASH.", "US-WA"),
        # Negative: not after a place and a comma, or without the dot.
        ("The Man. He left.", "Man.", None),
        ("Mo. Farah won the race.", "Mo.", None),
        ("PARIS, Mo - the family moved.", "Mo", None),
    ],
)
def test_resolve_dotted_division(text: str, start_word: str, expected: str | None) -> None:
    start = text.index(start_word)
    assert dotted_division(text, start) == expected
    if expected is None and not start_word.endswith("."):
        assert dotted_abbreviation(text, start) is None


@pytest.mark.parametrize(
    ("text", "toponyms", "word", "expected"),
    [
        # "Town, Abbr." names the division; the town is looked for inside it.
        ("PARIS, Mo. - The family moved.", [("PARIS", "Mo."), ("Mo.", None)], "Mo.", "Missouri"),
        ("PARIS, Mo. - The family moved.", [("PARIS", "Mo."), ("Mo.", None)], "PARIS", "Missouri"),
        (
            "She was born in Churchill, Man. in 2016.",
            [("Churchill", "Man."), ("Man.", None)],
            "Man.",
            "Manitoba",
        ),
        (
            "She was born in Churchill, Man. in 2016.",
            [("Churchill", "Man."), ("Man.", None)],
            "Churchill",
            "Manitoba",
        ),
        # Negative: a word-like abbreviation anywhere else is no place (never the Isle of Man).
        ("The Man. He left for good.", [("Man.", None)], "Man.", None),
    ],
)
def test_resolve_dotted_abbreviations_after_a_place(
    gazetteer: Gazetteer,
    text: str,
    toponyms: list[tuple[str, str | None]],
    word: str,
    expected: str | None,
) -> None:
    built = [
        anchored(text, w, c) if c is not None else Toponym(span(text, w), "GPE")
        for w, c in toponyms
    ]
    place = place_of(resolve_toponyms(built, text, gazetteer), span(text, word))
    assert (None if place is None else place.admin1) == expected


@pytest.mark.parametrize(
    ("text", "toponyms", "word", "nth", "feature"),
    [
        # The seat has an "X City" form of its own: bare "Quebec" is the province.
        (
            "Emery is not allowed to stay in Quebec, Winnipeg police said.",
            [("Quebec", None), ("Winnipeg", None)],
            "Quebec",
            0,
            "ADM1",
        ),
        (
            "Leaders met in Quebec City on Friday.",
            [("Quebec City", None)],
            "Quebec City",
            0,
            "PPLA",
        ),
        # Division words after or before the name.
        (
            "Former New York Gov. Mario Cuomo died on Thursday.",
            [("New York", None)],
            "New York",
            0,
            "ADM1",
        ),
        (
            "He called the governor of New York on Monday.",
            [("New York", None)],
            "New York",
            0,
            "ADM1",
        ),
        # A city word: the town.
        (
            "Members of a New York-based squad were reassigned.",
            [("New York", None)],
            "New York",
            0,
            "PPLA",
        ),
        # Written after a place and a comma: the division, unless the place lies in the town.
        (
            "He was born in Buffalo, New York, in 1950.",
            [("Buffalo", "New York"), ("New York", None)],
            "New York",
            0,
            "ADM1",
        ),
        (
            "Students in Queens, New York, caught the flu.",
            [("Queens", "New York"), ("New York", None)],
            "New York",
            0,
            "PPLA",
        ),
        # Listed with divisions that no notable town shares a name with.
        (
            "Cases were found in Utah, Pennsylvania, Washington and Wyoming.",
            [("Utah", None), ("Pennsylvania", None), ("Washington", None), ("Wyoming", None)],
            "Washington",
            0,
            "ADM1",
        ),
        # Negative: "Washington, D.C." is the capital, not a list of two divisions.
        (
            "A patient in Washington, D.C. was admitted.",
            [("Washington", None), ("D.C.", None)],
            "Washington",
            0,
            "PPLC",
        ),
        # Negative: a bare capital stays the capital.
        (
            "Talks in Washington resumed, U.S. officials said.",
            [("Washington", None), ("U.S.", None)],
            "Washington",
            0,
            "PPLC",
        ),
    ],
)
def test_resolve_division_or_its_seat(
    gazetteer: Gazetteer,
    text: str,
    toponyms: list[tuple[str, str | None]],
    word: str,
    nth: int,
    feature: str,
) -> None:
    built = [
        anchored(text, w, c) if c is not None else Toponym(span(text, w), "GPE")
        for w, c in toponyms
    ]
    place = place_of(resolve_toponyms(built, text, gazetteer), span(text, word, nth))
    assert place is not None and place.feature == feature


@pytest.mark.parametrize(
    ("text", "toponyms", "word", "expected"),
    [
        # No such town in the division written after the comma: the division, precision 3.
        (
            "A car skidded south of Holliday, Missouri, on Route C.",
            [("Holliday", "Missouri"), ("Missouri", None)],
            "Holliday",
            ("Missouri", 3),
        ),
        # Negative: a town that lies there is kept at its own precision.
        (
            "A car skidded near Paris, Missouri, on Route C.",
            [("Paris", "Missouri"), ("Missouri", None)],
            "Paris",
            ("Missouri", 1),
        ),
    ],
)
def test_resolve_comma_container_is_strict(
    gazetteer: Gazetteer,
    text: str,
    toponyms: list[tuple[str, str | None]],
    word: str,
    expected: tuple[str, int],
) -> None:
    built = [
        anchored(text, w, c) if c is not None else Toponym(span(text, w), "GPE")
        for w, c in toponyms
    ]
    place = place_of(resolve_toponyms(built, text, gazetteer), span(text, word))
    assert place is not None and (place.admin1, place.geo_precision) == expected


def test_resolve_possessive_container_keeps_small_place_near_it(gazetteer: Gazetteer) -> None:
    text = "The crew works out of London's Heathrow, a busy hub."
    heathrow = Toponym(
        span(text, "Heathrow"),
        "FAC",
        feature_hint="facility",
        relative="in",
        anchor=span(text, "London"),
    )
    result = resolve_toponyms([Toponym(span(text, "London"), "GPE"), heathrow], text, gazetteer)
    place = place_of(result, heathrow.span)
    # No Heathrow near London in the base layer: London stands in, never Heathrow, Florida.
    assert place is not None and place.country == "GB" and place.geo_precision == 2


@pytest.mark.parametrize(
    ("with_uk", "country"),
    [
        # Only a government named: its country is still the likeliest setting.
        (True, "GB"),
        # Negative: nothing named but the town, its most prominent namesake (Australia's).
        (False, "AU"),
    ],
)
def test_resolve_government_only_story_sets_the_focus(
    gazetteer: Gazetteer, with_uk: bool, country: str
) -> None:
    text = "The UK's fertility regulator approved a treatment developed by doctors in Newcastle."
    newcastle = Toponym(span(text, "Newcastle"), "GPE")
    toponyms = [newcastle]
    if with_uk:
        toponyms.insert(0, Toponym(span(text, "UK"), "GPE", role="government"))
    place = place_of(resolve_toponyms(toponyms, text, gazetteer), newcastle.span)
    assert place is not None and place.country == country


@pytest.mark.parametrize(
    ("country_hint", "country"),
    [
        ("SY", "SY"),
        # Negative: without the demonym the story's focus (Turkey, named) decides.
        (None, None),
    ],
)
def test_resolve_demonym_country_hint_places_the_name(
    gazetteer: Gazetteer, country_hint: str | None, country: str | None
) -> None:
    text = "Fighters crossed from Turkey into the Syrian border town of Kobani."
    toponyms = names(text, "Turkey", "Kobani")
    toponyms[1].country_hint = country_hint
    result = resolve_toponyms(toponyms, text, gazetteer)
    place = place_of(result, span(text, "Kobani"))
    if country is None:
        assert place is None or place.country != "SY"  # a Turkish namesake, or nothing
    else:
        assert place is not None and place.country == country and place.admin1 == "Aleppo"
