"""Document-level resolution of hand-built toponyms against the real gazetteer."""

from __future__ import annotations

import re

import pytest

from sitrep.geo.gazetteer import Gazetteer
from sitrep.geo.resolve import GeoResolution, clean_name, resolve_toponyms
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
