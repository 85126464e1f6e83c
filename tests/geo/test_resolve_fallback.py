"""Ranking of tiny namesakes and fall-backs of unknown names (real gazetteer, no model).

Toponyms are built by hand here so that each test exercises the resolver
alone; the sentences and the invented village names ("Zorvakh",
"Qelmirat") are written for these tests.
"""

from __future__ import annotations

import re

import pytest

from sitrep.geo.gazetteer import MATCH_EXACT, MATCH_KEY, Candidate, Gazetteer
from sitrep.geo.resolve import GeoResolution, _spaced_alias, resolve_toponyms
from sitrep.types import Place, Span, Toponym


def mention(text: str, word: str, **fields: object) -> Toponym:
    """A toponym for the first occurrence of ``word`` in ``text``."""
    start = text.index(word)
    return Toponym(Span(start, start + len(word), word), "GPE", **fields)  # type: ignore[arg-type]


def place_of(result: GeoResolution, toponym: Toponym) -> Place | None:
    return result.place(result.place_for(toponym.span))


def toponyms(text: str, spec: list[tuple[str, dict[str, object]]]) -> list[Toponym]:
    """Toponyms for ``(word, fields)`` pairs; ``anchor`` names the anchoring word."""
    out = []
    for word, fields in spec:
        fields = dict(fields)
        anchor = fields.pop("anchor", None)
        if isinstance(anchor, str):
            start = text.index(anchor)
            fields["anchor"] = Span(start, start + len(anchor), anchor)
            fields.setdefault("relative", "in")
        out.append(mention(text, word, **fields))
    return out


@pytest.mark.parametrize(
    ("text", "words", "country", "kind"),
    [
        # A first-order division read by its transliteration key beats a tiny village
        # abroad that GeoNames lists under the run-together spelling.
        ("Fighters attacked a checkpoint in Shabwa.", ["Shabwa"], "YE", "admin1"),
        ("Tribal fighters clashed in Shabwa and Abyan on Sunday.", ["Shabwa", "Abyan"], "YE", None),
        # Negative: the text points to the village's country; the village stays.
        (
            "Floods reached Shabwa, a village near Yangon in Myanmar.",
            ["Shabwa", "Yangon", "Myanmar"],
            "MM",
            "place",
        ),
    ],
)
def test_resolve_fallback_tiny_namesake_abroad_loses(
    gazetteer: Gazetteer, text: str, words: list[str], country: str, kind: str | None
) -> None:
    found = [mention(text, w) for w in words]
    result = resolve_toponyms(found, text, gazetteer)
    place = place_of(result, found[0])
    assert place is not None
    assert place.country == country, place
    if kind == "admin1":
        assert place.geo_precision == 3, place
    elif kind == "place":
        assert place.geo_precision == 1, place


def _entry(name: str, match: str) -> Candidate:
    return Candidate(
        id=1,
        name=name,
        lat=0.0,
        lon=0.0,
        feature="PPL",
        country="MM",
        admin1=None,
        admin1_code=None,
        population=100,
        kind="place",
        geonameid=None,
        match=match,
    )


@pytest.mark.parametrize(
    ("entry_name", "match", "query", "spaced"),
    [
        ("Sha Bwa", MATCH_EXACT, "Shabwa", True),
        ("Kafr Nabl", MATCH_EXACT, "Kafrnabl", True),
        # Negatives: the entry's own spelling, another alias, or a key match.
        ("Shabwa", MATCH_EXACT, "Shabwa", False),
        ("Sha Bwa", MATCH_EXACT, "Sha Bwa", False),
        ("Rangoon", MATCH_EXACT, "Yangon", False),
        ("Sha Bwa", MATCH_KEY, "Shabwa", False),
    ],
)
def test_resolve_fallback_spaced_alias_is_no_exact_spelling(
    entry_name: str, match: str, query: str, spaced: bool
) -> None:
    assert _spaced_alias(_entry(entry_name, match), query) is spaced


LATER_CONTAINER = (
    "Aleppo residents fled. Militants shelled Zorvakh village in Qelmirat area "
    "in the countryside of Homs on Monday."
)
PROVINCE_CONTAINER = "Aleppo residents fled. Militants shelled Zorvakh village in Homs province."
OTHER_SENTENCE = "Aleppo residents fled. Militants shelled Zorvakh village. Homs was calm."
VERB_BETWEEN = "Aleppo residents fled as Zorvakh village was shelled before fighters reached Homs."


@pytest.mark.parametrize(
    ("text", "spec", "expected", "precision"),
    [
        # The container written after the unknown name, through another unknown name.
        (
            LATER_CONTAINER,
            [
                ("Aleppo", {}),
                (
                    "Zorvakh",
                    {"feature_hint": "village", "rule": "cue:village", "anchor": "Qelmirat"},
                ),
                ("Qelmirat", {}),
                ("Homs", {}),
            ],
            "Homs",
            2,
        ),
        # "in Homs province": the division, at precision 3.
        (
            PROVINCE_CONTAINER,
            [
                ("Aleppo", {}),
                ("Zorvakh", {"feature_hint": "village", "rule": "cue:village"}),
                ("Homs", {"feature_hint": "province"}),
            ],
            "Homs",
            3,
        ),
        # Negatives: the later place is in another sentence, or a verb stands between.
        (
            OTHER_SENTENCE,
            [
                ("Aleppo", {}),
                ("Zorvakh", {"feature_hint": "village", "rule": "cue:village"}),
                ("Homs", {}),
            ],
            "Aleppo",
            2,
        ),
        (
            VERB_BETWEEN,
            [
                ("Aleppo", {}),
                ("Zorvakh", {"feature_hint": "village", "rule": "cue:village"}),
                ("Homs", {}),
            ],
            "Aleppo",
            2,
        ),
    ],
)
def test_resolve_fallback_container_named_after_the_name(
    gazetteer: Gazetteer,
    text: str,
    spec: list[tuple[str, dict[str, object]]],
    expected: str,
    precision: int,
) -> None:
    found = toponyms(text, spec)
    result = resolve_toponyms(found, text, gazetteer)
    village = place_of(result, found[1])
    assert village is not None
    assert village.geo_precision == precision, village
    assert re.search(rf"\b{expected}\b", village.resolution), village.resolution


@pytest.mark.parametrize(
    ("text", "words", "halifax"),
    [
        # The place inside an unknown name is taken when it belongs to the story...
        ("A vigil in Halifax Gardens drew crowds in Dartmouth on Sunday.", ["Dartmouth"], True),
        ("A vigil was held in Halifax Gardens on Sunday.", [], True),
        # ...not when it lies across the country from the story's places.
        ("A vigil in Halifax Gardens drew crowds in Strathroy on Sunday.", ["Strathroy"], False),
    ],
)
def test_resolve_fallback_inner_place_must_be_near_the_story(
    gazetteer: Gazetteer, text: str, words: list[str], halifax: bool
) -> None:
    found = sorted(
        [mention(text, "Halifax Gardens"), *(mention(text, w) for w in words)],
        key=lambda t: t.span.start,
    )
    result = resolve_toponyms(found, text, gazetteer)
    place = place_of(result, found[0] if found[0].span.text == "Halifax Gardens" else found[1])
    named_after = place is not None and "named after Halifax" in place.resolution
    assert named_after is halifax, place
