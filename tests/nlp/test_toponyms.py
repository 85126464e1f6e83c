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


@pytest.mark.parametrize(
    ("text", "name", "rule"),
    [
        # A town the model missed, placed by the division after a comma.
        ("The baby was born in Wainwright, Alta., last winter.", "Wainwright", "gazetteer"),
        ("Relatives came from Hugo, Oklahoma, for the funeral.", "Hugo", "gazetteer"),
        ("Shelling hit Azaz, Syria, on Friday.", "Azaz", None),
        # A possessive glued to a large place found by the gazetteer.
        ("He is Canada's athlete of the year.", "Canada", None),
        ("Ontario's largest cities have the fewest donors.", "Ontario", None),
    ],
)
def test_toponyms_region_after_comma_and_possessives(
    base_nlp: Any, recognizer: ToponymRecognizer, text: str, name: str, rule: str | None
) -> None:
    toponym = by_text(find(base_nlp, recognizer, text), name)
    if rule is not None:
        assert toponym.rule == rule


@pytest.mark.parametrize(
    "text",
    [
        # The word after the comma is no division or country.
        "Smith, Jones and Brown signed the letter.",
        # The division is real but no place of that name lies in it.
        "Officials said Carter, Oklahoma governor at the time, resigned.",
    ],
)
def test_toponyms_region_after_comma_needs_the_place_there(
    base_nlp: Any, recognizer: ToponymRecognizer, text: str
) -> None:
    names = {t.span.text for t in find(base_nlp, recognizer, text)}
    assert not names & {"Smith", "Jones", "Carter"}


@pytest.mark.parametrize(
    ("text", "name", "count", "rule"),
    [
        # Found once by a cue, the name is a place in its other mentions too.
        (
            "Firefighters reached the town of Innisfail at noon. The Innisfail fire chief "
            "said the Innisfail arena was saved.",
            "Innisfail",
            3,
            "repeat",
        ),
        # Inside an organisation's name, and in an all-capital dateline: an American
        # county is a second-order division of the gazetteer, found inside the longer name.
        (
            "LAUREL COUNTY - A man died in a crash in Laurel County on Thursday, the "
            "Laurel County Sheriff's Office said.",
            "Laurel County",
            3,
            "gazetteer",
        ),
    ],
)
def test_toponyms_repeats_of_a_found_name(
    base_nlp: Any, recognizer: ToponymRecognizer, text: str, name: str, count: int, rule: str
) -> None:
    toponyms = find(base_nlp, recognizer, text)
    found = [t for t in toponyms if t.span.text.lower() == name.lower()]
    assert len(found) == count, [t.span.text for t in toponyms]
    assert any(t.rule == rule for t in found)


def test_toponyms_repeats_never_enter_a_persons_name(
    base_nlp: Any, recognizer: ToponymRecognizer
) -> None:
    text = "Refugees fled Jordan for Syria. Jordan Peterson spoke in Toronto on Monday."
    toponyms = find(base_nlp, recognizer, text)
    second = text.index("Jordan Peterson")
    assert not any(t.span.start == second for t in toponyms)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # The model's entity, grown to the gazetteer's full name.
        ("Polio cases included Angola, Chad, and Democratic Republic of the Congo.",
         "Democratic Republic of the Congo"),
        ("Cholera hit Guinea, Guinea-Bissau and Liberia.", "Guinea-Bissau"),
        ("Children in camps near Goz Beida were ill.", "Goz Beida"),
    ],
)  # fmt: skip
def test_toponyms_entities_grow_to_the_gazetteer_name(
    base_nlp: Any, recognizer: ToponymRecognizer, text: str, name: str
) -> None:
    toponyms = find(base_nlp, recognizer, text)
    whole = by_text(toponyms, name).span
    inside = [t.span.text for t in toponyms if t.span != whole and t.span.overlaps(whole)]
    assert not inside, inside


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("A cow from a Washington state farm tested positive.", "Washington", "province"),
        ("Boko Haram attacked villages in Borno State.", "Borno", "province"),
        # Negative: "state" after a word the gazetteer has no division for.
        ("Fighters of the Islamic State group attacked the town.", "Islamic", None),
    ],
)
def test_toponyms_state_suffix_only_for_known_divisions(
    base_nlp: Any, recognizer: ToponymRecognizer, text: str, name: str, expected: str | None
) -> None:
    found = [t for t in find(base_nlp, recognizer, text) if t.span.text == name]
    if expected is None:
        assert not found
    else:
        assert found and found[0].feature_hint == expected


@pytest.mark.parametrize(
    ("text", "name", "found"),
    [
        # A small town of the story's country after a locative word.
        ("Police in Nairobi and Mombasa said the suspect came from Voi.", "Voi", True),
        # In a list next to places already found.
        ("Rains hit Nairobi, Mombasa, Rongo and Kisumu overnight.", "Rongo", True),
        # Negative: a small town of another country.
        ("Police in Nairobi and Mombasa said the suspect came from Anapa.", "Anapa", False),
        # Negative: months and generic words are no places, whatever the gazetteer says.
        ("Police in Nairobi and Mombasa said the vote was held in March.", "March", False),
        (
            "Police in Nairobi and Mombasa said he was taken to University Hospital.",
            "University",
            False,
        ),
    ],
)
def test_toponyms_small_places_of_the_story_by_context(
    base_nlp: Any, recognizer: ToponymRecognizer, text: str, name: str, found: bool
) -> None:
    names = {t.span.text for t in find(base_nlp, recognizer, text)}
    assert (name in names) == found, names


@pytest.mark.parametrize(
    ("text", "name", "container"),
    [
        # "X neighborhood in (the city of) Y", "the X district of Y": X lies inside Y.
        ("Mortars hit the Bab Amr neighborhood in Homs city on Monday.", "Bab Amr", "Homs"),
        ("Mortars hit the Bab Amr neighbourhood in the city of Homs.", "Bab Amr", "Homs"),
        ("Jets bombed the eastern Hay Tishreen district of Hama.", "Hay Tishreen", "Hama"),
        ("Shells fell on the Wad Nubawi quarter of Omdurman at dawn.", "Wad Nubawi", "Omdurman"),
        # The innermost named container: the district, not the country owning it.
        (
            "Gunmen raided the village of Kouraga in central Mali's Mopti region.",
            "Kouraga",
            "Mopti",
        ),
        # A cued small place and its town after a comma.
        ("Raids hit the Hamra neighbourhood, Beirut, overnight.", "Hamra", "Beirut"),
    ],
)
def test_toponyms_container_phrases_set_the_anchor(
    base_nlp: Any, recognizer: ToponymRecognizer, text: str, name: str, container: str
) -> None:
    toponym = by_text(find(base_nlp, recognizer, text), name)
    assert toponym.relative == "in"
    # The container's span may keep its generic word ("Homs city").
    assert toponym.anchor is not None and toponym.anchor.text.split()[0] == container.split()[0]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # The container of "the X district of Y" is Y, never the other way round.
        ("Jets bombed the eastern Hay Tishreen district of Hama.", "Hama"),
        # A list after one cue is no container: the names are siblings.
        ("Drones struck the villages of Kafr Nabl, Hass and Maarzita.", "Kafr Nabl"),
        ("Fighting spread from Daraa and Homs to Hama.", "Daraa"),
        ("The town of Saraqib, residents said, was quiet.", "Saraqib"),
    ],
)
def test_toponyms_no_container_where_none_is_written(
    base_nlp: Any, recognizer: ToponymRecognizer, text: str, name: str
) -> None:
    assert by_text(find(base_nlp, recognizer, text), name).anchor is None


@pytest.mark.parametrize(
    ("text", "name", "hint", "container"),
    [
        (
            "Israeli strikes hit the southern Gaza Strip city of Khan Younis.",
            "Khan Younis",
            "city",
            "Gaza Strip",
        ),
        ("Jets struck Iraq's western town of Qaim overnight.", "Qaim", "town", "Iraq"),
        ("Jets struck Iraqs western town of Qaim overnight.", "Qaim", "town", "Iraq"),
        # A demonym contains nothing, but the town is still the mention.
        ("Rebels entered the northern Syrian city of Manbij.", "Manbij", "city", None),
        ("Troops left the strategic Ukrainian town of Bakhmut.", "Bakhmut", "town", None),
    ],
)
def test_toponyms_modified_cue_names_the_town(
    base_nlp: Any,
    recognizer: ToponymRecognizer,
    text: str,
    name: str,
    hint: str,
    container: str | None,
) -> None:
    toponyms = find(base_nlp, recognizer, text)
    toponym = by_text(toponyms, name)
    assert toponym.feature_hint == hint
    if container is None:
        assert toponym.anchor is None
    else:
        assert toponym.anchor is not None and toponym.anchor.text == container
        by_text(toponyms, container)


@pytest.mark.parametrize(
    ("text", "owner"),
    [
        # An apostrophe lost in translation or scraping: "Yemens" is Yemen's.
        ("Yemens Marib province was shelled again.", "Yemen"),
        ("Troops entered Syrias northern town of Tabqa.", "Syria"),
        ("Residents fled Sudans western region of Darfur.", "Sudan"),
    ],
)
def test_toponyms_lost_apostrophe_possessive(
    base_nlp: Any, recognizer: ToponymRecognizer, text: str, owner: str
) -> None:
    toponym = by_text(find(base_nlp, recognizer, text), owner)
    assert text[toponym.span.end] == "s"


@pytest.mark.parametrize(
    ("text", "stem"),
    [
        # The word with its "s" is itself a place, or a listed non-place.
        ("Police in Athens said the march was calm.", "Athen"),
        ("Fans in Wales celebrated the win.", "Wale"),
        ("Texas Governor signed the bill.", "Texa"),
        ("Lyons Township voted on Monday.", "Lyon"),
        ("Hamas Gaza chief spoke on Monday.", "Hama"),
        ("Paris Saint-Germain won again.", "Pari"),
        # Not followed by a name or a place word: no possessive.
        ("Sales of bread rose in Aleppo.", "Sale"),
    ],
)
def test_toponyms_lost_apostrophe_negatives(
    base_nlp: Any, recognizer: ToponymRecognizer, text: str, stem: str
) -> None:
    assert stem not in [t.span.text for t in find(base_nlp, recognizer, text)]


@pytest.mark.parametrize(
    ("text", "found", "absent"),
    [
        # A word-like division abbreviation after a town and a comma: both are places.
        ("Lucy was born in Churchill, Man. in March.", {"Churchill", "Man."}, set()),
        ("HOLLIDAY, Mo. - A man was arrested on Friday.", {"Mo."}, set()),
        # An American county inside an office's name, not the town it is named after.
        (
            "On Monday the Plymouth County Sheriff's Office investigated a theft.",
            {"Plymouth County"},
            {"Plymouth"},
        ),
    ],
)
def test_toponyms_dotted_divisions_and_counties(
    base_nlp: Any,
    recognizer: ToponymRecognizer,
    text: str,
    found: set[str],
    absent: set[str],
) -> None:
    names = {t.span.text for t in find(base_nlp, recognizer, text)}
    # Found alone or as the start of a longer name the model tagged ("... Sheriff's Office").
    assert all(any(n.startswith(f) for n in names) for f in found), names
    assert not names & absent


@pytest.mark.parametrize(
    ("text", "name", "container", "owner_role"),
    [
        # "X's Y": a place owning a place is its container, and no government.
        (
            "The crew works out of London's Heathrow, a busy hub.",
            "Heathrow",
            "London",
            "place",
        ),
        # "Division, Country": the division is anchored to its country.
        (
            "She was state champion for Queensland, Australia at seven.",
            "Queensland",
            "Australia",
            None,
        ),
    ],
)
def test_toponyms_possessive_and_country_containers(
    base_nlp: Any,
    recognizer: ToponymRecognizer,
    text: str,
    name: str,
    container: str,
    owner_role: str | None,
) -> None:
    toponyms = find(base_nlp, recognizer, text)
    toponym = by_text(toponyms, name)
    assert toponym.relative == "in" and toponym.anchor is not None
    assert toponym.anchor.text == container
    if owner_role is not None:
        assert by_text(toponyms, container).role == owner_role


@pytest.mark.parametrize(
    "text",
    [
        # Negative: a capital owning a decision is still its government.
        "Moscow's decision angered officials in Kiev.",
    ],
)
def test_toponyms_possessive_of_a_noun_stays_government(
    base_nlp: Any, recognizer: ToponymRecognizer, text: str
) -> None:
    assert by_text(find(base_nlp, recognizer, text), "Moscow").role == "government"


@pytest.mark.parametrize(
    "text",
    [
        # Negative: a division followed by another country is a list, not a container.
        "Refugees from Idlib, Turkey and Lebanon met in Geneva.",
    ],
)
def test_toponyms_division_before_another_country_is_no_container(
    base_nlp: Any, recognizer: ToponymRecognizer, text: str
) -> None:
    idlib = by_text(find(base_nlp, recognizer, text), "Idlib")
    assert idlib.anchor is None or idlib.anchor.text != "Turkey"


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("Moscow defended its Damascus ally at the council.", "Damascus", "government"),
        ("The Kyiv authorities ordered an evacuation.", "Kyiv", "government"),
        ("The Sanaa government rejected the plan.", "Sanaa", "government"),
        # Negative: a capital modifying a place noun is the place.
        ("Shells fell on the Damascus countryside overnight.", "Damascus", "place"),
        ("Fighting reached the Khartoum airport on Monday.", "Khartoum", "place"),
    ],
)
def test_toponyms_capital_modifying_a_government_noun(
    base_nlp: Any, recognizer: ToponymRecognizer, text: str, name: str, role: str
) -> None:
    assert by_text(find(base_nlp, recognizer, text), name).role == role


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Fighting raged in the Syrian border town of Kobani on Saturday.", "Kobani", "SY"),
        ("Shells hit the northern Yemeni city of Saada overnight.", "Saada", "YE"),
        ("Troops entered the Ukrainian town of Izium.", "Izium", "UA"),
        # Negative: no demonym, no stated country.
        ("Fighting raged in the border town of Kobani on Saturday.", "Kobani", None),
    ],
)
def test_toponyms_demonym_before_a_cue_states_the_country(
    base_nlp: Any, recognizer: ToponymRecognizer, text: str, name: str, country: str | None
) -> None:
    assert by_text(find(base_nlp, recognizer, text), name).country_hint == country


@pytest.mark.parametrize(
    ("text", "not_a_place"),
    [
        (
            "The Syrian Observatory for Human Rights said 17 people were killed.",
            "Syrian Observatory",
        ),
        ("The National News Agency reported the raid.", "National News Agency"),
        ("Rebels led by the Fateh al-Sham Front vowed revenge.", "Sham"),
        ("The Sudanese Armed Forces Command denied it.", "Command"),
    ],
)
def test_toponyms_organisation_names_are_not_places(
    base_nlp: Any, recognizer: ToponymRecognizer, text: str, not_a_place: str
) -> None:
    found = [t.span.text for t in find(base_nlp, recognizer, text)]
    assert not any(not_a_place in f for f in found), found


def test_toponyms_place_opening_an_organisation_name_is_kept(
    base_nlp: Any, recognizer: ToponymRecognizer
) -> None:
    text = "A spokesman for Enfield Council said the road would reopen."
    assert "Enfield" in {t.span.text for t in find(base_nlp, recognizer, text)}


def test_toponyms_place_run_into_an_organisation_is_cut(
    base_nlp: Any, recognizer: ToponymRecognizer
) -> None:
    text = "Two boys died in the northern town of Azaz Syrian Observatory says."
    names = [t.span.text for t in find(base_nlp, recognizer, text)]
    assert "Azaz" in names and not any("Observatory" in n for n in names), names


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # A country named once is enough to admit its towns after a locative word.
        ("Mines killed 69 civilians in Syria. They were planted in Manbij.", "Manbij"),
        ("U.S.-backed fighters clashed with militants near Manbij in northern Syria.", "Manbij"),
    ],
)
def test_toponyms_named_country_admits_its_towns(
    base_nlp: Any, recognizer: ToponymRecognizer, text: str, name: str
) -> None:
    assert name in {t.span.text for t in find(base_nlp, recognizer, text)}


def test_toponyms_the_city_is_never_a_country(base_nlp: Any, recognizer: ToponymRecognizer) -> None:
    text = (
        "The group is banned in Russia. Troops clashed with militants 15 kilometers to the "
        "east of the city."
    )
    for t in find(base_nlp, recognizer, text):
        assert t.anchor is None or t.anchor.text != "Russia", t


def test_toponyms_transliterated_name_repeated_by_key(
    base_nlp: Any, recognizer: ToponymRecognizer
) -> None:
    text = (
        "Government Troops Kill 12 Militants in Deir Ezour. Shelling also hit two villages "
        "outside Deir Ezour on Friday, the army said."
    )
    spans = [t.span.start for t in find(base_nlp, recognizer, text) if t.span.text == "Deir Ezour"]
    assert len(spans) == 2, spans


@pytest.mark.parametrize(
    ("text", "name", "found"),
    [
        ("Syria said troops freed Palmyra from the militants in March.", "Palmyra", True),
        ("Kurdish-led forces retook Manbij in August, Syria said.", "Manbij", True),
        # Negative: a person after the same verbs is no town of the story.
        ("Police in Syria said gunmen captured Ahmed Hassan near Homs.", "Ahmed Hassan", False),
        ("Police in Syria said gunmen seized Ahmed near Homs.", "Ahmed", False),
    ],
)
def test_toponyms_object_of_a_territory_verb(
    base_nlp: Any, recognizer: ToponymRecognizer, text: str, name: str, found: bool
) -> None:
    assert (name in {t.span.text for t in find(base_nlp, recognizer, text)}) == found


@pytest.mark.parametrize(
    ("text", "name", "anchor"),
    [
        (
            "Shelling killed five people in Umm Hosh village in the northern parts of Aleppo.",
            "Umm Hosh",
            "Aleppo",
        ),
        (
            "Drones hit Kozatske village in the southern part of Kherson region.",
            "Kozatske",
            "Kherson",
        ),
    ],
)
def test_toponyms_village_in_a_part_of_its_container(
    base_nlp: Any, recognizer: ToponymRecognizer, text: str, name: str, anchor: str
) -> None:
    toponym = by_text(find(base_nlp, recognizer, text), name)
    assert toponym.feature_hint == "village"
    assert toponym.relative == "in" and toponym.anchor is not None
    assert toponym.anchor.text == anchor


@pytest.mark.parametrize(
    ("text", "names", "absent"),
    [
        (
            "Air strikes hit positions near Manbijnorth Syria on Monday.",
            {"Manbij", "Syria"},
            "Manbijnorth Syria",
        ),
        # Negative: a real name ending in a compass word stays whole.
        ("Protesters gathered outside Kingsnorth power station in Kent.", {"Kent"}, "Kings"),
    ],
)
def test_toponyms_glued_compass_word_splits(
    base_nlp: Any, recognizer: ToponymRecognizer, text: str, names: set[str], absent: str
) -> None:
    found = {t.span.text for t in find(base_nlp, recognizer, text)}
    assert names <= found and absent not in found, found


@pytest.mark.parametrize(
    ("text", "name", "found"),
    [
        # A cue makes a listed media name the town it is named after.
        (
            "Strikes hit civilians near the town of Al Mayadeen in eastern Syria.",
            "Al Mayadeen",
            True,
        ),
        # Negative: the channel, with no cue, stays out.
        ("Al Mayadeen reported the strike on Homs.", "Al Mayadeen", False),
        # "-held" and "-controlled" modify the cue noun like listed adjectives.
        ("Shells fell on the militant-held town of Saraqib in Idlib.", "Saraqib", True),
    ],
)
def test_toponyms_cue_beats_a_listed_media_name(
    base_nlp: Any, recognizer: ToponymRecognizer, text: str, name: str, found: bool
) -> None:
    hits = [t for t in find(base_nlp, recognizer, text) if t.span.text == name]
    assert bool(hits) == found, hits
    # Found by the cue itself, not by the model's guess.
    assert all(t.rule.startswith("cue") for t in hits), hits


@pytest.mark.parametrize(
    ("text", "kept", "dropped"),
    [
        (
            "Fighters of the Islamic State in Iraq and Levant were killed near Raqqa.",
            ["Raqqa"],
            ["Iraq", "Levant"],
        ),
        (
            "Militants of al-Qaeda in the Arabian Peninsula stormed a base in Mukalla.",
            ["Mukalla"],
            ["Arabian Peninsula"],
        ),
        (
            "The Islamic State of Iraq and Syria held Mosul until 2017.",
            ["Mosul"],
            ["Iraq", "Syria"],
        ),
        # Negatives: the same places outside a group's name, and a state's own name.
        ("Fighting spread across Iraq and the Levant.", ["Iraq", "Levant"], []),
        ("The Kingdom of Saudi Arabia closed its border.", ["Saudi Arabia"], []),
    ],
)
def test_toponyms_group_names_hold_no_places(
    base_nlp: Any, recognizer: ToponymRecognizer, text: str, kept: list[str], dropped: list[str]
) -> None:
    found = [t.span.text for t in find(base_nlp, recognizer, text)]
    for name in kept:
        assert any(name in f for f in found), (name, found)
    for name in dropped:
        assert name not in found, (name, found)


def test_toponyms_cued_name_ending_in_s_is_no_possessive(
    base_nlp: Any, recognizer: ToponymRecognizer
) -> None:
    # "the town of Limas" names a town; "Limas" is not "Lima's"
    found = [t.span.text for t in find(base_nlp, recognizer, "Shelling hit the town of Limas.")]
    assert found == ["Limas"]
    # a lost apostrophe before a place is still split ("Syrias Idlib")
    found = [t.span.text for t in find(base_nlp, recognizer, "Jets pounded Syrias Idlib province.")]
    assert found[:2] == ["Syria", "Idlib"]


@pytest.mark.parametrize(
    ("text", "name", "found"),
    [
        # A capitalised plural counted by a number names people, not a place.
        ("Extremists admit killing 30 Alawites in Latakia.", "Alawites", False),
        ("Gunmen killed 11 Alawites near Jableh.", "Alawites", False),
        ("The militia killed five Alawites in Homs.", "Alawites", False),
        ("Gunmen abducted dozens of Yazidis near Sinjar.", "Yazidis", False),
        # ...while the place of the sentence stays.
        ("Extremists admit killing 30 Alawites in Latakia.", "Latakia", True),
        # Negatives: a year is no count, and a place spelled so stays a place.
        ("After the 2016 Brussels attacks, police raided homes.", "Brussels", True),
        ("Security was tight after the 2015 Paris attacks.", "Paris", True),
    ],
)
def test_toponyms_counted_plurals_are_people(
    base_nlp: Any, recognizer: ToponymRecognizer, text: str, name: str, found: bool
) -> None:
    names = {t.span.text for t in find(base_nlp, recognizer, text)}
    assert (name in names) == found, names


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        # A place modifying an institution noun is a place mention, role "modifier".
        ("Gomez was arrested by Danbury police on Monday night.", "Danbury", "modifier"),
        ("Officers said Brant OPP closed the highway for hours.", "Brant", "modifier"),
        ("He appeared at Wood Green Crown Court charged with affray.", "Wood Green", "modifier"),
        # A run of capitals in a list of places is a district, not its first word's town.
        (
            "Fire crews from Hornsey, Stoke Newington and Walthamstow attended the blaze.",
            "Stoke Newington",
            "place",
        ),
        # Existing readings stay: a capital as government, a place as a place.
        ("Moscow said it would respond to the strikes.", "Moscow", "government"),
        ("London police said the man was arrested.", "London", "place"),
    ],
)
def test_toponyms_place_modifying_an_institution(
    base_nlp: Any, recognizer: ToponymRecognizer, text: str, name: str, role: str
) -> None:
    assert by_text(find(base_nlp, recognizer, text), name).role == role


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # Negatives: adjectives, eponyms and organisation names hold no place.
        ("Federal police said the road was closed.", "Federal"),
        ("Local police said the road was closed.", "Local"),
        ("He was taken to Thomas Memorial Hospital in the evening.", "Thomas"),
        ("The Syrian Observatory for Human Rights reported clashes.", "Syrian Observatory"),
        ("Fire crews from Hornsey, Stoke Newington and Walthamstow attended the blaze.", "Stoke"),
    ],
)
def test_toponyms_no_modifier_place_where_none_is_written(
    base_nlp: Any, recognizer: ToponymRecognizer, text: str, absent: str
) -> None:
    names = {t.span.text for t in find(base_nlp, recognizer, text)}
    assert absent not in names, names


# Round-up reports: particle names repeated, list containers, demonym homes
# (invented names such as "Zorvakh" and "Qelmirat" written for these tests).


@pytest.mark.parametrize(
    ("text", "name", "count"),
    [
        # A name led by a lowercase particle, found once by a cue, is a place later too,
        # where its container can be read ("al-X area in Hama city").
        (
            "Militants shelled the neighbourhoods of al-Zorvakh and al-Qelmirat on Monday. "
            "Later, rockets fell on al-Zorvakh area in Hama city.",
            "al-Zorvakh",
            2,
        ),
        (
            "The army retook the town of el-Qelmirat. Fighting near el-Qelmirat went on.",
            "el-Qelmirat",
            2,
        ),
        # Negative: a longer word holding the name is no further mention.
        (
            "Militants shelled the neighbourhood of al-Zorvakh on Monday. The "
            "al-Zorvakhiya clan denied it.",
            "al-Zorvakh",
            1,
        ),
    ],
)
def test_toponyms_roundup_particle_names_repeat(
    base_nlp: Any, recognizer: ToponymRecognizer, text: str, name: str, count: int
) -> None:
    found = [t for t in find(base_nlp, recognizer, text) if t.span.text == name]
    assert len(found) == count, found


def test_toponyms_roundup_repeat_takes_the_container_later(
    base_nlp: Any, recognizer: ToponymRecognizer
) -> None:
    text = (
        "Militants shelled the neighbourhoods of al-Zorvakh and al-Qelmirat on Monday. "
        "Later, rockets fell on al-Zorvakh area in Hama city."
    )
    later = [t for t in find(base_nlp, recognizer, text) if t.span.text == "al-Zorvakh"][-1]
    assert later.anchor is not None and later.anchor.text.startswith("Hama"), later


@pytest.mark.parametrize(
    ("text", "anchored", "free"),
    [
        # The last item's own singular noun makes the container its own.
        (
            "Shells hit the towns of Saraqib and Binnish and Zorvakh village in Idlib.",
            ["Zorvakh"],
            ["Saraqib", "Binnish"],
        ),
        # Negative: without such a noun the container holds the whole list.
        (
            "Shells hit the towns of Saraqib and Binnish in Idlib.",
            ["Saraqib", "Binnish"],
            [],
        ),
    ],
)
def test_toponyms_roundup_list_container_and_own_noun(
    base_nlp: Any,
    recognizer: ToponymRecognizer,
    text: str,
    anchored: list[str],
    free: list[str],
) -> None:
    found = {t.span.text: t for t in find(base_nlp, recognizer, text)}
    for name in anchored:
        anchor = found[name].anchor
        assert anchor is not None and anchor.text == "Idlib", found[name]
    for name in free:
        assert found[name].anchor is None, found[name]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # No other place named: the demonym says which country's towns may be retaken.
        ("Syrian government forces recaptured Palmyra from Islamic State.", True),
        ("Russian and Syrian troops recaptured Palmyra on Sunday.", True),
        # Negatives: a person's longer name; no demonym at all.
        ("Syrian officials met Palmyra Smith on Sunday.", False),
        ("Government forces recaptured Palmyra on Sunday.", False),
    ],
)
def test_toponyms_roundup_demonym_gives_the_home_country(
    base_nlp: Any, recognizer: ToponymRecognizer, text: str, found: bool
) -> None:
    names = {t.span.text for t in find(base_nlp, recognizer, text)}
    assert ("Palmyra" in names) is found, names
