"""Round-up reports: unknown names placed by the passage, loose readings, demonyms.

Toponyms are built by hand so that each test exercises the resolver alone
(real gazetteer, no model). The sentences and the invented names
("Zorvakh", "Qelmirat", "Tulsah") are written for these tests.
"""

from __future__ import annotations

from collections import Counter

import pytest

from sitrep.geo.gazetteer import Gazetteer
from sitrep.geo.resolve import GeoResolution, _demonym_countries, _focus, resolve_toponyms
from sitrep.types import Place, Span, Toponym


def mention(text: str, word: str, nth: int = 0, **fields: object) -> Toponym:
    """A toponym for the ``nth`` occurrence of ``word`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return Toponym(Span(start, start + len(word), word), "GPE", **fields)  # type: ignore[arg-type]


def build(text: str, spec: list[tuple[str, dict[str, object]]]) -> list[Toponym]:
    """Toponyms for ``(word, fields)``; ``nth`` picks an occurrence, ``anchor`` a container word."""
    out = []
    for word, given in spec:
        fields = dict(given)
        nth = int(fields.pop("nth", 0))  # type: ignore[call-overload]
        anchor = fields.pop("anchor", None)
        if isinstance(anchor, str):
            start = text.index(anchor)
            fields["anchor"] = Span(start, start + len(anchor), anchor)
            fields.setdefault("relative", "in")
        out.append(mention(text, word, nth, **fields))
    return sorted(out, key=lambda t: t.span.start)


def place_at(result: GeoResolution, toponym: Toponym) -> Place | None:
    return result.place(result.place_for(toponym.span))


def named(found: list[Toponym], word: str, nth: int = 0) -> Toponym:
    return [t for t in found if t.span.text == word][nth]


VILLAGE: dict[str, object] = {"feature_hint": "village", "rule": "cue:village"}


# -- "X city": the town, not the division of that name -----------------------------------


@pytest.mark.parametrize(
    ("text", "spec", "word", "feature", "precision"),
    [
        # A wrong container (the list's last item's) must not push "Damascus city" to
        # the governorate: a division passes any town's anchor, the capital does not.
        (
            "Shells hit the cities of Damascus and Hama and the Qelmirat camp in Idlib. "
            "Rockets fell on Damascus city.",
            [
                ("Damascus", {"feature_hint": "city", "rule": "cue:city", "anchor": "Idlib"}),
                ("Hama", {"feature_hint": "city", "rule": "cue:city"}),
                ("Qelmirat", {"feature_hint": "facility", "rule": "cue:facility"}),
                ("Idlib", {}),
                ("Damascus city", {"nth": 0}),
            ],
            "Damascus",
            "PPLC",
            1,
        ),
        # Negative: a division with no notable town of its name keeps its reading
        # ("a Saskatchewan city" cue says nothing against the province).
        (
            "Flights left from a Saskatchewan city airport on Monday.",
            [("Saskatchewan", {"feature_hint": "city"})],
            "Saskatchewan",
            "ADM1",
            3,
        ),
    ],
)
def test_resolve_roundup_city_word_keeps_the_town(
    gazetteer: Gazetteer,
    text: str,
    spec: list[tuple[str, dict[str, object]]],
    word: str,
    feature: str,
    precision: int,
) -> None:
    found = build(text, spec)
    place = place_at(resolve_toponyms(found, text, gazetteer), named(found, word))
    assert place is not None
    assert (place.feature, place.geo_precision) == (feature, precision), place


# -- nearest place: a division named just before counts ----------------------------------

PASSAGE = (
    "Gunmen attacked a market in Idlib on Monday. Later, shells fell on several villages "
    "in Hama province. A source said that Zorvakh village was hit, killing a woman."
)


@pytest.mark.parametrize(
    ("hama", "expected", "precision"),
    [
        # The division the passage is about, named as a setting just before.
        ({"feature_hint": "province"}, "Hama", 3),
        # Negatives: a division naming an institution or a dateline is no setting; the
        # town named before stays the nearest place.
        ({"feature_hint": "province", "role": "modifier"}, "Idlib", 2),
        ({"feature_hint": "province", "role": "dateline"}, "Idlib", 2),
    ],
)
def test_resolve_roundup_division_named_just_before(
    gazetteer: Gazetteer, hama: dict[str, object], expected: str, precision: int
) -> None:
    found = build(PASSAGE, [("Idlib", {}), ("Hama", hama), ("Zorvakh", VILLAGE)])
    place = place_at(resolve_toponyms(found, PASSAGE, gazetteer), named(found, "Zorvakh"))
    assert place is not None
    assert place.admin1 == expected and place.geo_precision == precision, place
    assert "nearest place mentioned" in place.resolution


def test_resolve_roundup_division_far_before_is_no_nearest_place(gazetteer: Gazetteer) -> None:
    # Negative: with no town named, a division named long before (a new passage) is too
    # wide a guess: the village stays unresolved.
    text = "Officials in Hama province met on Monday. " + "Talks went on for hours. " * 14
    text += "A source said that Zorvakh village was hit."
    found = build(text, [("Hama", {"feature_hint": "province"}), ("Zorvakh", VILLAGE)])
    result = resolve_toponyms(found, text, gazetteer)
    assert place_at(result, named(found, "Zorvakh")) is None


# -- containers after a chain of unknown names -------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        # A second unknown name the toponym stage did not take ("al-Qelmirat area") and a
        # compass adjective after the division's name are links of the chain.
        (
            "Shells fell on Aleppo on Monday. A woman was killed when militants fired two "
            "mortar shells on Zorvakh village in al-Qelmirat area in the northeastern "
            "countryside of Hama central province",
            "Hama",
            3,
        ),
        (
            "Shells fell on Aleppo on Monday. A child was hurt in Zorvakh village near the "
            "Kafr Semmo area outside Hama on Tuesday.",
            "Hama",
            2,
        ),
        # Negatives: a verb in the gap, or a new sentence, breaks the chain; the place
        # named before is the nearest one.
        (
            "Shells fell on Aleppo on Monday. Militants shelled Zorvakh village and then "
            "moved their guns toward Hama.",
            "Aleppo",
            2,
        ),
        (
            "Shells fell on Aleppo on Monday. Militants shelled Zorvakh village. In the "
            "countryside of Hama, farmers fled.",
            "Aleppo",
            2,
        ),
    ],
)
def test_resolve_roundup_container_after_a_chain(
    gazetteer: Gazetteer, text: str, expected: str, precision: int
) -> None:
    hama: dict[str, object] = {"feature_hint": "province"} if "Hama central" in text else {}
    found = build(text, [("Aleppo", {}), ("Zorvakh", VILLAGE), ("Hama", hama)])
    place = place_at(resolve_toponyms(found, text, gazetteer), named(found, "Zorvakh"))
    assert place is not None
    assert place.admin1 == expected and place.geo_precision == precision, place


# -- loose readings in Latin-script countries --------------------------------------------


@pytest.mark.parametrize(
    ("text", "words", "country"),
    [
        # "Tulsah" reaches Tulsa, Oklahoma only by its transliteration key; naming the
        # United States as an actor does not make an American town of it.
        (
            "The United States said its aircraft struck Tulsah in eastern Syria on Monday, "
            "and the United States vowed more strikes.",
            ["United States", "Tulsah"],
            None,
        ),
        (
            "The United States said its aircraft struck Tulsah on Monday.",
            ["United States", "Tulsah"],
            None,
        ),
        # Negative: a story placed in the country by its towns keeps the loose reading.
        (
            "Storms hit Oklahoma City and Tulsah overnight, and Norman lost power.",
            ["Oklahoma City", "Tulsah", "Norman"],
            "US",
        ),
    ],
)
def test_resolve_roundup_loose_key_in_latin_script_country(
    gazetteer: Gazetteer, text: str, words: list[str], country: str | None
) -> None:
    found = build(text, [(w, {}) for w in words])
    place = place_at(resolve_toponyms(found, text, gazetteer), named(found, "Tulsah"))
    if country is None:
        assert place is None or place.geonameid is None or place.country != "US", place
    else:
        assert place is not None and place.country == country and place.geonameid, place


@pytest.mark.parametrize(
    ("text", "country", "precision"),
    [
        # A sentence describing the unknown name places it, a country included.
        (
            "Zorvakh is the site of an old fortress in what is now eastern Syria, officials said.",
            "SY",
            None,
        ),
        (
            "Militants gathered at Zorvakh, a village near Hama, before dawn.",
            "SY",
            2,
        ),
        # Negatives: no description ("is", "a village"), no place; a bare "was" tells
        # what happened there, not where it lies.
        ("Militants from Zorvakh moved on toward Syria's border.", None, None),
        ("Zorvakh was shelled by troops based in Hama.", None, None),
    ],
)
def test_resolve_roundup_description_places_an_unknown_name(
    gazetteer: Gazetteer, text: str, country: str | None, precision: int | None
) -> None:
    words = [w for w in ("Zorvakh", "Syria", "Hama") if w in text]
    found = build(text, [(w, {}) for w in words])
    place = place_at(resolve_toponyms(found, text, gazetteer), named(found, "Zorvakh"))
    if country is None:
        assert place is None, place
        return
    assert place is not None and place.country == country, place
    assert "describing" in place.resolution
    if precision is not None:
        assert place.geo_precision == precision, place


# -- demonyms as weak focus evidence -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "country"),
    [
        # Only Palestinian actors named: Bethlehem is the West Bank town, not the larger
        # Bethlehem, Pennsylvania.
        ("Palestinian police said the town of Bethlehem was closed on Monday.", "PS"),
        ("Palestinians marched in Bethlehem as Israeli troops watched.", "PS"),
        # Negatives: American actors name the other one; with no demonym at all the
        # West Bank town has nothing for it (a larger namesake wins).
        ("American officials said the town of Bethlehem was closed on Monday.", "US"),
        ("Officials said the town of Bethlehem was closed on Monday.", None),
    ],
)
def test_resolve_roundup_demonym_is_weak_focus(
    gazetteer: Gazetteer, text: str, country: str | None
) -> None:
    found = build(text, [("Bethlehem", {"rule": "cue:town", "feature_hint": "town"})])
    place = place_at(resolve_toponyms(found, text, gazetteer), found[0])
    assert place is not None
    if country is None:
        assert place.country != "PS", place
    else:
        assert place.country == country, place


@pytest.mark.parametrize(
    ("text", "words", "absent"),
    [
        # Towns of the story give the focus: "Russian" jets move nothing to Russia.
        (
            "Russian jets struck Idlib, Saraqib and Ariha, and Russian officials said the "
            "raids hit Maarat al-Numan too.",
            ["Idlib", "Saraqib", "Ariha", "Maarat al-Numan"],
            "RU",
        ),
    ],
)
def test_resolve_roundup_demonym_below_place_mentions(
    gazetteer: Gazetteer, text: str, words: list[str], absent: str
) -> None:
    found = build(text, [(w, {}) for w in words])
    result = resolve_toponyms(found, text, gazetteer)
    assert absent not in result.focus
    assert result.focus[:1] == ["SY"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Syrian and Yemeni officials met Sudanese envoys.", {"SY": 1, "YE": 1, "SD": 1}),
        ("Two Yemenis and a Yemeni doctor were hurt.", {"YE": 2}),
        # Negatives: words that are no demonym of a country, and demonyms inside toponyms.
        ("Kurdish and Arab fighters met in the Islamic quarter.", {}),
    ],
)
def test_resolve_roundup_demonym_countries(
    gazetteer: Gazetteer, text: str, expected: dict[str, int]
) -> None:
    assert _demonym_countries(text, [], gazetteer) == Counter(expected)


def test_resolve_roundup_demonym_inside_a_toponym_is_not_counted(gazetteer: Gazetteer) -> None:
    text = "Shelling hit the Syrian Coast on Monday."
    found = build(text, [("Syrian Coast", {})])
    assert _demonym_countries(text, found, gazetteer) == Counter()


def test_resolve_roundup_focus_without_names_uses_demonyms() -> None:
    # No names at all: demonyms are the only evidence; with none, no focus.
    assert _focus([], demonyms=Counter({"SY": 4})) == Counter({"SY": 1})
    assert _focus([], demonyms=Counter()) == Counter()
    assert _focus([], places_only=True, demonyms=Counter({"SY": 4})) == Counter()
