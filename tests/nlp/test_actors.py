"""Tests of sitrep.nlp.actors: dictionary, demonyms, capitals, proxies, NER, inter codes.

The model tests run the real English parse (``base_nlp``) and then the actor
stage alone, with toponyms set by hand where a test needs them, so they do not
depend on the other stages.
"""

from __future__ import annotations

import pytest
from spacy.tokens import Span as SpacySpan

from sitrep.lexicons import load_lexicon
from sitrep.nlp.actors import ActorCatalogue, ActorRecognizer, inter_code, slug
from sitrep.nlp.extensions import ACTORS_KEY, register_extensions
from sitrep.types import Span, Toponym

ACLED_TYPES_NEEDED = {
    "state",
    "rebel",
    "militia",
    "external",
    "unidentified",
    "civilians",
    "protesters",
    "rioters",
}


@pytest.fixture(scope="module")
def recognizer(base_nlp):  # type: ignore[no-untyped-def]
    register_extensions()
    return ActorRecognizer(base_nlp)


def actors_of(base_nlp, recognizer, text: str, places: tuple[str, ...] = ()):  # type: ignore[no-untyped-def]
    doc = base_nlp(text)
    toponyms = []
    for name in places:
        start = text.index(name)
        toponyms.append(Toponym(span=Span(start, start + len(name), name), label="GPE"))
    doc._.sitrep_toponyms = toponyms
    recognizer(doc)
    return doc, [(s.text, s._.sitrep_actor) for s in doc.spans[ACTORS_KEY]]


# -- the dictionary as data -------------------------------------------------------


def test_actors_lexicon_entries_have_the_fields_build_reads() -> None:
    entries = load_lexicon("actors", "en")["actors"]
    ids = [e["id"] for e in entries]
    assert len(ids) == len(set(ids))
    for entry in entries:
        for key in ("id", "name", "kind", "acled_name", "inter", "country", "aliases"):
            assert key in entry, (entry["id"], key)
        for affiliate in entry.get("affiliates", []):
            assert affiliate in ids, (entry["id"], affiliate)
    assert {e["kind"] for e in entries} >= ACLED_TYPES_NEEDED


@pytest.mark.parametrize(
    ("actor_id", "acled_name"),
    [
        ("syria", "Military Forces of Syria (2000-)"),
        ("russia", "Military Forces of Russia (2000-)"),
        ("iran", "Military Forces of Iran (1989-)"),
    ],
)
def test_actors_acled_names_follow_typology(actor_id: str, acled_name: str) -> None:
    assert ActorCatalogue.load().describe(actor_id)["acled_name"] == acled_name


@pytest.mark.parametrize(
    ("actor_id", "focus", "inter"),
    [
        ("russia", "SY", 8),  # foreign state forces in Syria
        ("syria", "SY", 1),
        ("russia", None, 1),  # no focus: the entry's default
        ("hts", "SY", 2),
        ("iran_backed_militias", "SY", 3),
        ("civilians@SY", "SY", 7),
    ],
)
def test_actors_inter_code_depends_on_focus_country(
    actor_id: str, focus: str | None, inter: int
) -> None:
    catalogue = ActorCatalogue.load()
    assert catalogue.describe(actor_id, focus)["inter"] == inter


def test_actors_inter_code_of_entry_without_inter() -> None:
    assert inter_code({"kind": "state"}, None, None) is None


@pytest.mark.parametrize(
    ("actor_id", "name", "acled"),
    [
        ("civilians@SY", "Civilians (Syria)", "Civilians (Syria)"),
        (
            "unidentified_armed_group@NG",
            "Unidentified armed group (Nigeria)",
            "Unidentified Armed Group (Nigeria)",
        ),
        ("civilians", "Civilians", "Civilians"),
        ("org:sultan-murad-division", "Sultan Murad Division", "Sultan Murad Division"),
    ],
)
def test_actors_describe_generic_and_generated_ids(actor_id: str, name: str, acled: str) -> None:
    described = ActorCatalogue.load().describe(actor_id)
    assert (described["name"], described["acled_name"]) == (name, acled)


def test_actors_same_side_joins_backer_and_proxy() -> None:
    catalogue = ActorCatalogue.load()
    assert catalogue.same_side("iran", "iran_backed_militias")
    assert catalogue.same_side("hezbollah", "iran")
    assert not catalogue.same_side("iran", "russia")


def test_actors_slug_is_stable() -> None:
    assert slug("Sultan Murad  Division!") == "sultan-murad-division"


# -- recognition on real parses -------------------------------------------------------


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "places", "expected"),
    [
        (
            "Clashes broke out between Russian and Iranian forces in the city.",
            (),
            {"russia", "iran"},
        ),
        ("The power struggle between Moscow and Tehran grew.", (), {"russia", "iran"}),
        ("Iranian-backed militias shelled the village.", (), {"iran_backed_militias"}),
        ("Militias loyal to Tehran shelled the village.", (), {"iran_backed_militias"}),
        ("The Iranians and their militias control the city.", (), {"iran", "iran_backed_militias"}),
        ("Hay'at Tahrir al-Sham fighters attacked an army post.", (), {"hts"}),
        ("The Rapid Support Forces stormed El Fasher.", ("El Fasher",), {"rsf"}),
        ("Houthi rebels fired missiles at a ship.", (), {"houthis"}),
        ("JNIM fighters ambushed a convoy near Gao.", ("Gao",), {"jnim"}),
        ("The Russian-Iranian fighting in the city continued.", (), {"russia", "iran"}),
        # a foreign state's forces say nothing of the country: civilians stay generic
        ("Israeli airstrikes killed civilians in Rafah.", ("Rafah",), {"israel", "civilians"}),
        (
            "Syrian rebels shelled Jableh; civilians fled.",
            ("Jableh",),
            {"rebels@SY", "civilians@SY"},
        ),
        # a wire dateline names where the report was filed, not a government
        (
            "KHARTOUM, June 3 (Reuters) - The Rapid Support Forces shelled a market.",
            (),
            {"rsf"},
        ),
        ("Moscow, in turn, warned Kyiv against any escalation.", (), {"russia", "ukraine"}),
    ],
)
def test_actors_recognised(base_nlp, recognizer, text, places, expected) -> None:  # type: ignore[no-untyped-def]
    _, found = actors_of(base_nlp, recognizer, text, places)
    assert {actor_id for _, actor_id in found} == expected


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "places", "expected"),
    [
        # Kurdish-led forces are their own actor, the SDF keeps its name
        ("Kurdish fighters repelled the attack near Kobani.", ("Kobani",), {"kurdish_forces"}),
        ("The Kurdish-led Syrian Democratic Forces advanced.", (), {"sdf"}),
        # a bare "the coalition" is the coalition the article names in full
        (
            "The Saudi-led coalition bombed Saada. The coalition's jets returned.",
            ("Saada",),
            {"saudi_coalition"},
        ),
        # a generic force word owned by a state is that state's
        ("Russia's air force struck Kharkiv in Ukraine.", ("Kharkiv", "Ukraine"), {"russia"}),
        # "Russian planes" are Russia's forces
        ("Russian planes bombed the village.", (), {"russia"}),
        # "anti-regime groups" fight the regime: they are the rebels
        (
            "Clashes between rival anti-regime groups killed 50 in Douma in Syria.",
            ("Douma", "Syria"),
            {"rebels@SY"},
        ),
        # "forces that support X" are X's proxies
        (
            "Militias that support the Syrian government attacked the village.",
            (),
            {"syria_progov_militias"},
        ),
        # fighters loyal to an unnamed government are its militias, of the story's country
        (
            "Fighters loyal to the government recaptured Mocha in Yemen.",
            ("Mocha", "Yemen"),
            {"progov_militias@YE"},
        ),
        # bare "troops" and an "army drone" are the story's country's forces
        ("Troops repelled an attack on Monguno in Nigeria.", ("Monguno", "Nigeria"), {"nigeria"}),
        ("An army drone struck a market in Omdurman in Sudan.", ("Omdurman", "Sudan"), {"sudan"}),
    ],
)
def test_actors_generic_names_resolved_from_context(  # type: ignore[no-untyped-def]
    base_nlp, recognizer, text, places, expected
) -> None:
    _, found = actors_of(base_nlp, recognizer, text, places)
    assert {actor_id for _, actor_id in found} == expected


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        # a capital in apposition to "the capital" is a place
        "A bomb exploded south of the Somali capital Mogadishu.",
        # "the Syrian side of the crossing" is a place
        "The blast hit the Syrian side of the crossing.",
        # a country before a noun of war locates the war
        "Sudan fighting displaced thousands.",
        # a political "Coalition" named with its country is not a military coalition
        "The US-led coalition bombed Raqqa. The Syrian Coalition condemned the raid.",
    ],
)
def test_actors_negative_place_words_and_political_coalitions(  # type: ignore[no-untyped-def]
    base_nlp, recognizer, text
) -> None:
    _, found = actors_of(base_nlp, recognizer, text)
    ids = [actor_id for _, actor_id in found]
    assert not {"somalia", "syria", "sudan"} & set(ids), found
    assert ids.count("international_coalition") <= 1, found


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "places", "not_expected"),
    [
        # a nationality the dictionary does not know, or peacekeepers: not the host's army
        ("Rwandan troops advanced near Goma in DR Congo.", ("Goma", "DR Congo"), "dr_congo"),
        (
            "Kenyan peacekeeping troops were ambushed near Kismayo in Somalia.",
            ("Kismayo", "Somalia"),
            "somalia",
        ),
        # a named group's own men are not the state's
        ("RSF troops shelled El Fasher in Sudan.", ("El Fasher", "Sudan"), "sudan"),
        # "anti-X" is never X
        ("Anti-Houthi forces advanced on Hodeidah in Yemen.", ("Hodeidah", "Yemen"), "houthis"),
    ],
)
def test_actors_negative_generic_forces_of_someone_else(  # type: ignore[no-untyped-def]
    base_nlp, recognizer, text, places, not_expected
) -> None:
    _, found = actors_of(base_nlp, recognizer, text, places)
    assert not_expected not in {actor_id for _, actor_id in found}, found


@pytest.mark.model
def test_actors_the_regime_is_the_focus_countrys_state(base_nlp, recognizer) -> None:  # type: ignore[no-untyped-def]
    doc, found = actors_of(
        base_nlp,
        recognizer,
        "Fighting continues in Syria. The regime shelled villages in the north of Syria.",
    )
    assert doc._.sitrep_focus_country == "SY"
    assert ("The regime", "syria") in found or ("the regime", "syria") in found


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "He studied at the military academy in the north of Syria.",  # generic as modifier
        "Aleppo witnessed heavy rain in the north of Syria.",  # a city is never an actor
        "Ships docked on the Syrian coast near Tartous.",  # demonym before a place noun
        "The delegation flew from Moscow to Tehran.",  # capitals used as places
    ],
)
def test_actors_not_found_where_names_are_places(base_nlp, recognizer, text) -> None:  # type: ignore[no-untyped-def]
    _, found = actors_of(base_nlp, recognizer, text)
    assert found == []


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "places", "expected"),
    [
        # a state's weapon platforms stand for its forces
        ("Syrian tanks shelled the city of Hama.", ("Hama",), {"syria"}),
        ("Russian jets bombed the market.", (), {"russia"}),
        ("Sudanese army helicopters bombed the camp.", (), {"sudan"}),
        # a generic state word before a platform or a noun of attack
        ("Regime warplanes struck the town.", (), {"government_forces"}),
        ("Government shelling killed two children.", (), {"government_forces", "civilians"}),
        ("Rebel shelling hit the district.", (), {"rebels"}),
        # a leader's possessive names the state's forces
        ("Assad's air force pounded the neighbourhood.", (), {"syria"}),
        # a country name before a force noun is an actor even after "in"
        ("Forty people were killed in Syria army shelling.", ("Syria",), {"syria"}),
        # ... and a place before anything else ("Syria rebels")
        ("Syria rebels shelled a rally.", ("Syria",), {"rebels"}),
        # a generic name through a compound chain ("regime barrel bomb attacks")
        ("Civilians died in regime barrel bomb attacks.", (), {"government_forces", "civilians"}),
        # a nationality stated of strikes or aircraft
        ("The air strikes, believed to be Russian, hit the town.", (), {"russia"}),
    ],
)
def test_actors_platforms_and_attack_modifiers(  # type: ignore[no-untyped-def]
    base_nlp, recognizer, text, places, expected
) -> None:
    _, found = actors_of(base_nlp, recognizer, text, places)
    assert {actor_id.split("@")[0] for _, actor_id in found} == expected


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "places"),
    [
        # "X-based": where a monitor sits
        ("The Britain-based monitor counted the dead.", ()),
        ("The UK-based Syrian Observatory for Human Rights said so.", ()),
        # a generic word modifying something that is no force or attack
        ("Civil defence teams worked in rebel-held areas.", ()),
        ("Aid reached government-held districts.", ()),
        # a country before a noun of attack is where it fell ("a Syria air strike")
        ("Five people died in the Syria air strike.", ("Syria",)),
        ("Syria bombings kill 12 people in Hama countryside.", ("Syria", "Hama")),
        # who holds a place is not who acts in the sentence
        ("Barrel bombs hit an IS-held town.", ()),
        ("Shells fell on the Houthi-controlled port.", ()),
        ("Drones struck Russian-occupied Melitopol.", ("Melitopol",)),
        ("Barrel bombs kill 11 people in the IS town.", ()),
        # a nationality is not an actor
        ("The new minister is Russian.", ()),
    ],
)
def test_actors_negative_locations_and_modifiers(base_nlp, recognizer, text, places) -> None:  # type: ignore[no-untyped-def]
    _, found = actors_of(base_nlp, recognizer, text, places)
    assert found == []


@pytest.mark.model
def test_actors_toponym_role_government_makes_a_capital_an_actor(base_nlp, recognizer) -> None:  # type: ignore[no-untyped-def]
    text = "Officials in Moscow denied the report."
    doc = base_nlp(text)
    start = text.index("Moscow")
    doc._.sitrep_toponyms = [
        Toponym(span=Span(start, start + 6, "Moscow"), label="GPE", role="government")
    ]
    recognizer(doc)
    assert [s._.sitrep_actor for s in doc.spans[ACTORS_KEY]] == ["russia"]


@pytest.mark.model
def test_actors_unknown_armed_organisation_gets_generated_id(base_nlp, recognizer) -> None:  # type: ignore[no-untyped-def]
    doc = base_nlp("The Sultan Murad Division shelled the village of Tal Rifaat.")
    doc.ents = [SpacySpan(doc, 1, 4, label="ORG")]
    recognizer(doc)
    found = {(s.text, s._.sitrep_actor, s.label_) for s in doc.spans[ACTORS_KEY]}
    assert ("Sultan Murad Division", "org:sultan-murad-division", "armed_group") in found


@pytest.mark.model
def test_actors_unarmed_organisation_is_not_an_actor(base_nlp, recognizer) -> None:  # type: ignore[no-untyped-def]
    doc = base_nlp("Al Jazeera Net reported the story.")
    doc.ents = [SpacySpan(doc, 0, 3, label="ORG")]
    recognizer(doc)
    assert list(doc.spans[ACTORS_KEY]) == []


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "places", "expected"),
    [
        # a country's possessive on a place noun or a toponym: where, not who
        ("Gunmen attacked a village in Sudan's Gezira state.", ("Sudan", "Gezira"), set()),
        ("Fighters stormed a camp in central Mali's Mopti region.", ("Mali", "Mopti"), set()),
        ("Rebels shelled villages in Syria's Idlib province.", ("Syria", "Idlib"), set()),
        ("Drones hit Ukraine's Kharkiv overnight.", ("Ukraine", "Kharkiv"), set()),
        # the country after a dateline's city is where the report was filed
        ("ADEN, Yemen (Reuters) - Gunmen attacked a checkpoint.", ("ADEN", "Yemen"), set()),
        # "the district of X": a place even when X is a capital
        ("A car bomb exploded in the Tawahi district of Aden.", ("Tawahi", "Aden"), set()),
        # negatives: a possessive on a force or body names the state
        ("Mali's army attacked the camp.", ("Mali",), {"mali"}),
        ("Ukraine's air force shot down 14 drones.", ("Ukraine",), {"ukraine"}),
        (
            "Yemen, backed by Saudi Arabia, rejected the offer.",
            ("Yemen",),
            {"yemen", "saudi_arabia"},
        ),
    ],
)
def test_actors_country_possessive_of_a_place_is_no_actor(  # type: ignore[no-untyped-def]
    base_nlp, recognizer, text, places, expected
) -> None:
    _, found = actors_of(base_nlp, recognizer, text, places)
    states = {
        a
        for _, a in found
        if a.split("@")[0] in {"mali", "ukraine", "yemen", "sudan", "syria", "saudi_arabia"}
    }
    assert states == expected, found


@pytest.mark.model
def test_actors_place_possessive_votes_for_the_focus_country(base_nlp, recognizer) -> None:  # type: ignore[no-untyped-def]
    doc, _ = actors_of(
        base_nlp,
        recognizer,
        "Gunmen killed 26 civilians in the village of Kolo in central Mali's Mopti region.",
        ("Kolo", "Mali", "Mopti"),
    )
    assert doc._.sitrep_focus_country == "ML"


#: (text, expected actor ids): a generic non-state word on a noun of what a
#: group holds names that group; on a place noun ("in the rebel stronghold of
#: X"), on a group named by its own name, or on other nouns, it names none.
HELD_BY_GENERIC = [
    ("Government forces shelled rebel positions on Monday.", {"government_forces", "rebels"}),
    (
        "The army bombed militant hideouts overnight.",
        {"government_forces", "unidentified_armed_group"},
    ),
    ("Troops stormed insurgent strongholds in the hills.", {"government_forces", "rebels"}),
    ("Warplanes carried out air strikes on rebel positions.", {"rebels"}),
    ("Jets hit jihadist camps near the river.", {"unidentified_armed_group"}),
    ("A militant was killed in the raid.", {"unidentified_armed_group"}),
    # negatives
    ("The rebel cause drew support abroad.", set()),
    ("Rebel-held areas were shelled on Monday.", set()),
    ("Eighteen people were killed in the rebel stronghold of Tessit.", set()),
    ("The militant group Hamas said it fired rockets.", {"hamas"}),
    ("The rebel group Jaysh al-Islam said it shelled the road.", {"jaysh_al_islam"}),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "expected"), HELD_BY_GENERIC)
def test_actors_generic_word_on_held_noun(
    base_nlp,
    recognizer,
    text: str,
    expected: set[str],  # type: ignore[no-untyped-def]
) -> None:
    _, found = actors_of(base_nlp, recognizer, text)
    assert {actor_id.split("@")[0] for _, actor_id in found} == expected
