"""Toponym recognition on sentences written for these tests (real model, real gazetteer)."""

from __future__ import annotations

from typing import Any

import pytest

from sitrep.geo.gazetteer import Gazetteer
from sitrep.nlp.toponyms import ToponymRecognizer
from sitrep.types import Toponym

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def recognizer(gazetteer: Gazetteer) -> ToponymRecognizer:
    component = ToponymRecognizer()
    component.set_gazetteer(gazetteer)
    return component


def find(base_nlp: Any, recognizer: ToponymRecognizer, text: str) -> list[Toponym]:
    return recognizer.match(base_nlp(text))


def by_text(toponyms: list[Toponym], text: str) -> Toponym:
    hits = [t for t in toponyms if t.span.text == text]
    assert hits, f"{text!r} not among {[t.span.text for t in toponyms]}"
    return hits[0]


@pytest.mark.parametrize(
    "text",
    [
        "Aleppo saw heavy shelling on Monday, residents said.",
        "Government aircraft bombed Aleppo and its countryside overnight.",
        "Reinforcements arrived in Aleppo from Hama before dawn.",
        "Aleppo has become a stronghold of the militias.",
    ],
)
def test_toponyms_aleppo_is_never_a_person(
    base_nlp: Any, recognizer: ToponymRecognizer, text: str
) -> None:
    toponyms = find(base_nlp, recognizer, text)
    assert any(t.span.text == "Aleppo" for t in toponyms)


@pytest.mark.parametrize(
    ("text", "name", "hint"),
    [
        ("Rebels shelled the town of Saraqib at night.", "Saraqib", "town"),
        ("Drones struck the village of Kafr Nabl.", "Kafr Nabl", "village"),
        ("Snipers were seen in the neighbourhood of Salaheddine.", "Salaheddine", "neighbourhood"),
        ("Troops massed in Bustan al-Qasr neighborhood.", "Bustan al-Qasr", "neighbourhood"),
        ("Artillery hit positions on Mount Qasioun.", "Mount Qasioun", "mountain"),
        ("Raids continued in Idlib countryside.", "Idlib", "province"),
        ("Aid reached the camp of Rukban.", "Rukban", "facility"),
    ],
)
def test_toponyms_cue_words_give_feature_hints(
    base_nlp: Any, recognizer: ToponymRecognizer, text: str, name: str, hint: str
) -> None:
    toponym = by_text(find(base_nlp, recognizer, text), name)
    assert toponym.feature_hint == hint
    assert toponym.rule.startswith("cue")


def test_toponyms_lists_after_a_cue(base_nlp: Any, recognizer: ToponymRecognizer) -> None:
    text = (
        "Fighters moved into the villages of Tell Qarah, Umm Hosh and Kafr Hamra "
        "in Aleppo countryside."
    )
    toponyms = find(base_nlp, recognizer, text)
    for name in ("Tell Qarah", "Umm Hosh", "Kafr Hamra"):
        toponym = by_text(toponyms, name)
        assert toponym.feature_hint == "village"
        assert toponym.relative == "in" and toponym.anchor is not None
        assert toponym.anchor.text == "Aleppo"


@pytest.mark.parametrize(
    "text",
    [
        "Russian and Iranian officers met in Damascus.",
        "The Syrians and the Iranians disagreed.",
        "A Turkish drone was shot down.",
    ],
)
def test_toponyms_demonyms_are_not_places(
    base_nlp: Any, recognizer: ToponymRecognizer, text: str
) -> None:
    found = {t.span.text for t in find(base_nlp, recognizer, text)}
    assert not found & {"Russian", "Iranian", "Syrians", "Iranians", "Turkish"}


@pytest.mark.parametrize(
    ("text", "not_a_place"),
    [
        ("Abdul Rahman Mustafa said the attack was repelled.", "Abdul Rahman Mustafa"),
        ("Al Jazeera reported the strike.", "Al Jazeera"),
        ("Commander Hussein Ali denied the claim.", "Hussein Ali"),
    ],
)
def test_toponyms_people_and_outlets_stay_out(
    base_nlp: Any, recognizer: ToponymRecognizer, text: str, not_a_place: str
) -> None:
    found = [t.span.text for t in find(base_nlp, recognizer, text)]
    assert not any(not_a_place in f or f in not_a_place for f in found), found


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("The rivalry between Moscow and Tehran deepened.", "Moscow", "government"),
        ("The rivalry between Moscow and Tehran deepened.", "Tehran", "government"),
        ("Moscow said the talks would continue.", "Moscow", "government"),
        ("Protesters gathered in Moscow on Sunday.", "Moscow", "place"),
        ("Missiles struck Kyiv overnight.", "Kyiv", "place"),
    ],
)
def test_toponyms_capitals_as_governments(
    base_nlp: Any, recognizer: ToponymRecognizer, text: str, name: str, role: str
) -> None:
    assert by_text(find(base_nlp, recognizer, text), name).role == role


def test_toponyms_relative_phrase_to_the_city(base_nlp: Any, recognizer: ToponymRecognizer) -> None:
    text = (
        "Clashes broke out in Homs on Friday. Later they spread to the neighborhood of "
        "Bab Amr, south of the city."
    )
    toponym = by_text(find(base_nlp, recognizer, text), "Bab Amr")
    assert toponym.relative == "south"
    assert toponym.anchor is not None and toponym.anchor.text == "Homs"


def test_toponyms_relative_phrase_with_distance(
    base_nlp: Any, recognizer: ToponymRecognizer
) -> None:
    text = "Shelling hit farms 15 km north of Idlib on Tuesday."
    toponyms = find(base_nlp, recognizer, text)
    phrase = [t for t in toponyms if t.rule == "relative"]
    assert phrase and phrase[0].relative == "north" and phrase[0].distance_km == 15.0
    assert phrase[0].anchor is not None and phrase[0].anchor.text == "Idlib"


def test_toponyms_facility_east_of_the_city(base_nlp: Any, recognizer: ToponymRecognizer) -> None:
    text = "Mortars fell on Deir ez-Zor. The air base east of the city was also hit."
    toponyms = find(base_nlp, recognizer, text)
    phrase = [t for t in toponyms if t.rule == "relative"]
    assert phrase and phrase[0].feature_hint == "facility"
    assert phrase[0].anchor is not None and phrase[0].anchor.text == "Deir ez-Zor"


def test_toponyms_spans_match_text(base_nlp: Any, recognizer: ToponymRecognizer) -> None:
    text = "In the towns of Nubl and Zahraa, west of Aleppo, and in Idlib province, fighting raged."
    for toponym in find(base_nlp, recognizer, text):
        assert text[toponym.span.start : toponym.span.end] == toponym.span.text


def test_toponyms_component_writes_doc(nlp: Any) -> None:
    doc = nlp("Shelling hit Hama and Idlib.")
    assert {t.span.text for t in doc._.sitrep_toponyms} >= {"Hama", "Idlib"}


@pytest.mark.parametrize(
    ("name", "known_rest", "expected"),
    [
        ("Syrias Idlib", False, ["Syria", "Idlib"]),
        ("Syria's Idlib", False, ["Syria", "Idlib"]),
        ("Ukraines Kharkiv", False, ["Ukraine", "Kharkiv"]),
        ("Sudans Darfur", False, ["Sudan", "Darfur"]),
        ("Syrias Ghouta", True, ["Syria", "Ghouta"]),
        ("Syrias", False, ["Syria"]),
        # The word as written is a place, or its stem names no country or division.
        ("Homs", False, None),
        ("Philippines", False, None),
        ("Athens Airport", False, None),
        ("Marcus Aurelius", False, None),
        # A person after a country's possessive is no place.
        ("Syrias Assad", True, None),
        ("Russias Putin", True, None),
    ],
)
def test_toponyms_possessive_split(
    recognizer: ToponymRecognizer, name: str, known_rest: bool, expected: list[str] | None
) -> None:
    recognizer._compile()
    recognizer._lookup_cache = {}
    parts = recognizer._possessive_parts(name, 10, "ner", "GPE", known_rest=known_rest)
    if expected is None:
        assert parts is None
        return
    assert parts is not None
    assert [p.toponym.span.text for p in parts] == expected
    assert parts[0].toponym.span.start == 10
    if len(parts) == 2:
        inner = parts[1].toponym
        assert inner.relative == "in" and inner.anchor == parts[0].toponym.span
        assert name[inner.span.start - 10 :].startswith(inner.span.text)


@pytest.mark.parametrize(
    ("text", "place", "owner"),
    [
        ("Airstrikes hit Syrias Idlib on Monday, monitors said.", "Idlib", "Syria"),
        ("Air raids on Syrias Ghouta killed dozens, rescuers said.", "Ghouta", "Syria"),
        ("Militants were killed in Syrias Idlib province on Monday.", "Idlib", "Syria"),
        ("Shelling hit the town of Syrias Saraqeb, monitors said.", "Saraqeb", "Syria"),
        ("Drones struck Ukraines Kharkiv region overnight.", "Kharkiv", "Ukraine"),
    ],
)
def test_toponyms_glued_possessive_in_text(
    base_nlp: Any, recognizer: ToponymRecognizer, text: str, place: str, owner: str
) -> None:
    toponyms = find(base_nlp, recognizer, text)
    inner = by_text(toponyms, place)
    by_text(toponyms, owner)
    assert inner.anchor is not None and inner.anchor.text == owner


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Western powers condemned the shelling of Aleppo.", "Western"),
        ("Officials in the Central said Aleppo was calm.", "Central"),
        ("Mon 12 Dec 2016 Shelling hit Aleppo.", "Mon"),
        ("Grad rockets hit Donetsk overnight.", "Grad"),
        ("SANA said Aleppo was shelled.", "SANA"),
    ],
)
def test_toponyms_generic_words_are_not_places(
    base_nlp: Any, recognizer: ToponymRecognizer, text: str, word: str
) -> None:
    toponyms = find(base_nlp, recognizer, text)
    assert word not in [t.span.text for t in toponyms]
    assert toponyms, "the real place of the sentence is still found"
