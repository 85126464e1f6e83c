"""Tests of sitrep.nlp.deployments: force postures and control statements.

Sentences written for these tests, in the style of wire reports; parsed by the
real English pipeline, then the actor and event stages alone with toponyms and
quantities set by hand (see ``tests/nlp/test_events.py``).
"""

from __future__ import annotations

from typing import Any

import pytest

# the shared fixture and helper; test modules are imported rootdir-less by pytest
import test_events

from sitrep.lexicons import load_lexicon
from sitrep.nlp.extensions import Quantity
from sitrep.types import Deployment

run = test_events.run
stages = test_events.stages

ROLES = {"headquarters", "base", "deployed", "reinforced", "withdrawn", "stationed"}


def postures(doc) -> list[Deployment]:  # type: ignore[no-untyped-def]
    return list(doc._.sitrep_deployments)


def test_deployments_lexicon_roles_are_the_contract_roles() -> None:
    cues = load_lexicon("deployment_cues", "en")
    assert set(cues["roles"]) == ROLES
    assert set(cues["extent"]) == {"military", "administrative", "economic", "influence"}


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "places", "role", "actor", "place"),
    [
        (
            "The headquarters of the Russian forces is located at Hmeimim air base in Latakia.",
            ("Hmeimim", "Latakia"),
            "headquarters",
            "Russia",
            "Hmeimim",
        ),
        ("Turkey has military bases in Afrin.", ("Afrin",), "base", "Turkey", "Afrin"),
        (
            "Russia withdrew its troops from the Kherson region.",
            ("Kherson",),
            "withdrawn",
            "Russia",
            "Kherson",
        ),
        (
            "Syrian army reinforcements arrived in Deir ez-Zor on Monday.",
            ("Deir ez-Zor",),
            "reinforced",
            "Syria",
            "Deir ez-Zor",
        ),
        (
            "Hundreds of RSF fighters are deployed in Omdurman.",
            ("Omdurman",),
            "deployed",
            "Rapid Support Forces",
            "Omdurman",
        ),
        (
            "Wagner mercenaries are stationed in Kidal.",
            ("Kidal",),
            "stationed",
            "Wagner Group",
            "Kidal",
        ),
        # a camp of fighters is a base (a camp of civilians is not: negatives)
        ("Al-Shabaab runs a training camp in Jilib.", ("Jilib",), "base", "al-Shabaab", "Jilib"),
    ],
)
def test_deployments_role_actor_place(base_nlp, stages, text, places, role, actor, place) -> None:  # type: ignore[no-untyped-def]
    found = [
        (d.role, d.actor, d.place_mention.text if d.place_mention else None)
        for d in postures(
            run(base_nlp, stages, text, places, hints={"Hmeimim": "facility", "Latakia": "city"})
        )
    ]
    assert (role, actor, place) in found


@pytest.mark.model
def test_deployments_strength_composition_and_one_per_listed_place(base_nlp, stages) -> None:  # type: ignore[no-untyped-def]
    text = (
        "More than 3,000 Iranian fighters are deployed in the towns of Kafr Nabl and Hass, "
        "including about 250 officers."
    )
    doc = run(
        base_nlp,
        stages,
        text,
        ("Kafr Nabl", "Hass"),
        quantities=(
            (
                "More than 3,000 Iranian fighters",
                Quantity(3000, "strength", "more than", "fighters", low=3000),
            ),
            ("about 250 officers", Quantity(250, "strength", "about", "officers")),
        ),
    )
    deployed = [d for d in postures(doc) if d.role == "deployed"]
    assert sorted(d.place_mention.text for d in deployed if d.place_mention) == [
        "Hass",
        "Kafr Nabl",
    ]
    for posture in deployed:
        assert posture.actor == "Iran"
        assert posture.strength == 3000
        assert posture.strength_text == "More than 3,000 Iranian fighters"
        assert posture.strength_qualifier == "more than"
        assert posture.composition == "including about 250 officers"
        assert posture.evidence.rule.startswith("deployments.deployed")


@pytest.mark.model
def test_deployments_strength_from_the_parse_without_quantity_stage(base_nlp, stages) -> None:  # type: ignore[no-untyped-def]
    doc = run(
        base_nlp, stages, "About 500 Turkish soldiers are stationed in Bashiqa.", ("Bashiqa",)
    )
    (posture,) = [d for d in postures(doc) if d.role == "stationed"]
    assert (posture.strength, posture.strength_text, posture.strength_qualifier) == (
        500,
        "About 500",
        "About",
    )


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "place", "actor", "strength"),
    [
        ("The RSF has deployed about 5,000 fighters around El Fasher.", "El Fasher", None, 5000),
        ("Russia sent 300 soldiers to Qamishli on Monday.", "Qamishli", "Russia", 300),
    ],
)
def test_deployments_sender_is_the_actor_and_object_the_strength(  # type: ignore[no-untyped-def]
    base_nlp, stages, text, place, actor, strength
) -> None:
    doc = run(base_nlp, stages, text, (place,))
    found = [(d.actor, d.strength) for d in postures(doc) if d.kind == "deployment"]
    assert any(s == strength and (actor is None or a == actor) for a, s in found), found


@pytest.mark.model
def test_deployments_existential_there_are(base_nlp, stages) -> None:  # type: ignore[no-untyped-def]
    doc = run(base_nlp, stages, "There are 800 Russian troops in Qamishli.", ("Qamishli",))
    found = [(d.role, d.actor, d.strength) for d in postures(doc)]
    assert ("stationed", "Russia", 800) in found


@pytest.mark.model
def test_deployments_anaphor_resolved_to_the_forces_named_before(base_nlp, stages) -> None:  # type: ignore[no-untyped-def]
    doc = run(
        base_nlp,
        stages,
        "Iranian forces and militias are deployed across the province. The headquarters "
        "of these forces is located in Palmyra.",
        ("Palmyra",),
    )
    hq = [d for d in postures(doc) if d.role == "headquarters"]
    assert [(d.actor, d.place_mention.text if d.place_mention else None) for d in hq] == [
        ("Iran", "Palmyra")
    ]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "places", "actor", "place", "extent"),
    [
        (
            "The town of Saraqib is now under the control of HTS.",
            ("Saraqib",),
            "Hay'at Tahrir al-Sham",
            "Saraqib",
            "military",
        ),
        (
            "Russia withdrew from Aleppo, leaving the city in the custody of the Iranians.",
            ("Aleppo",),
            "Iran",
            "Aleppo",
            "military",
        ),
        (
            "The military control of Raqqa is for the SDF.",
            ("Raqqa",),
            "Syrian Democratic Forces",
            "Raqqa",
            "military",
        ),
        (
            "Russian influence is limited to state institutions in Damascus.",
            ("Damascus",),
            "Russia",
            "Damascus",
            "administrative",
        ),
        (
            "Islamic State militants took control of Palmyra.",
            ("Palmyra",),
            "Islamic State",
            "Palmyra",
            "military",
        ),
        ("Tehran is unique in its control of Aleppo.", ("Aleppo",), "Iran", "Aleppo", "military"),
        # "the second largest city of Yemen, which ...": the city meant, not the country
        (
            "Clashes erupted in the port of Hodeidah in the west of Yemen, the main port "
            "city of Yemen, which the Houthis took control of in 2014.",
            ("Hodeidah", "Yemen"),
            "Houthis (Ansar Allah)",
            "Hodeidah",
            "military",
        ),
        # a country named as itself stays the place
        (
            "Clashes erupted in Aden and across Yemen, which the Houthis took control of in 2015.",
            ("Aden", "Yemen"),
            "Houthis (Ansar Allah)",
            "Yemen",
            "military",
        ),
    ],
)
def test_deployments_control_statements(
    base_nlp, stages, text, places, actor, place, extent
) -> None:  # type: ignore[no-untyped-def]
    doc = run(base_nlp, stages, text, places)
    control = [
        (d.actor, d.place_mention.text if d.place_mention else None, d.extent, d.role)
        for d in postures(doc)
        if d.kind == "control"
    ]
    assert (actor, place, extent, "controls") in control


@pytest.mark.model
def test_deployments_withdrawal_is_also_an_event(base_nlp, stages) -> None:  # type: ignore[no-untyped-def]
    doc = run(base_nlp, stages, "Russia withdrew its last troops from Aleppo by air.", ("Aleppo",))
    assert [(d.role, d.actor) for d in postures(doc)] == [("withdrawn", "Russia")]
    (event,) = doc._.sitrep_events
    assert (event.event_type, event.sub_event_type, event.plover) == (
        "Strategic developments",
        "Change to group/activity",
        "RETREAT",
    )


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("The company deployed a new software update in Berlin.", ("Berlin",)),
        ("There are more than 3,000 students in the university of Mosul.", ("Mosul",)),
        ("The bank has branches in Erbil.", ("Erbil",)),
        ("Fans were stationed outside the stadium in Madrid.", ("Madrid",)),
        ("The price of bread is under the control of the ministry.", ()),
        # a camp that shelters civilians is no base of whoever attacked it
        ("Militants attacked the Zamzam refugee camp near Kadugli.", ("Kadugli",)),
        (
            "The RSF shelled the Abu Shouk camp, home to thousands of people who fled, "
            "near El Fasher.",
            ("El Fasher",),
        ),
        ("Jets bombed a camp housing displaced families in Idlib.", ("Idlib",)),
    ],
)
def test_deployments_negative_no_posture(base_nlp, stages, text, places) -> None:  # type: ignore[no-untyped-def]
    assert postures(run(base_nlp, stages, text, places)) == []


@pytest.mark.model
def test_deployments_ids_and_evidence(base_nlp, stages) -> None:  # type: ignore[no-untyped-def]
    text = "Turkey has military bases in Afrin. Russia withdrew its troops from Kherson."
    doc = run(base_nlp, stages, text, ("Afrin", "Kherson"))
    found = postures(doc)
    assert [d.id for d in found] == [f"d{n}" for n in range(1, len(found) + 1)]
    for posture in found:
        sentence = posture.evidence.sentence
        assert text[sentence.start : sentence.end] == sentence.text
        assert posture.evidence.explanation
        assert 0.0 < posture.confidence <= 1.0


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "places", "place"),
    [
        # "in the country" is the document's country, not the village named before
        (
            "Gunmen attacked the village of Kolo in central Mali's Mopti region. About 1,000 "
            "Russian mercenaries are deployed in the country, diplomats said.",
            ("Kolo", "Mali", "Mopti"),
            "Mali",
        ),
        (
            "Jihadists raided the village of Dori in Burkina Faso's Sahel region. Some 300 "
            "Russian troops are stationed across the country.",
            ("Dori", "Burkina Faso", "Sahel"),
            "Burkina Faso",
        ),
        # negative: with the country never named as a place, no place rather than the village
        (
            "Gunmen attacked the village of Kolo on Saturday. About 1,000 Russian mercenaries "
            "are deployed in the country.",
            ("Kolo",),
            None,
        ),
        # negative: a named place still wins
        (
            "Gunmen attacked the village of Kolo. About 1,000 Russian mercenaries are deployed "
            "in Timbuktu.",
            ("Kolo", "Timbuktu"),
            "Timbuktu",
        ),
    ],
)
def test_deployments_in_the_country_is_the_focus_country(  # type: ignore[no-untyped-def]
    base_nlp, stages, text, places, place
) -> None:
    found = [
        d.place_mention.text if d.place_mention else None
        for d in postures(run(base_nlp, stages, text, places))
        if d.kind == "deployment"
    ]
    assert found == [place]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "hits"),
    [
        ("The town is under the control of the rebels.", 1),
        # by lemma only: "controls" is read as "control"
        ("The town is under the controls of the rebels.", 1),
        # the patterns are the phrase's own words: "fell" (lemma "fall") is
        # found by its form, not by its lemma
        ("The town fell to the rebels.", 0),
        # the patterns are lemmas of the phrase's own words: "hands" is no lemma
        ("The villages were in the hands of the army.", 0),
        ("The army controls the road and the rebels hold the hills.", 0),
        ("", 0),
    ],
)
def test_deployments_lemma_phrases_find_what_the_token_matcher_finds(
    base_nlp: Any, text: str, hits: int
) -> None:
    from sitrep.nlp.deployments import PostureFinder

    finder = PostureFinder(base_nlp)
    doc = base_nlp(text)
    by_tokens = {(s, e) for _, s, e in finder.control_lemmas(doc)}
    by_phrases = {(s, e) for _, s, e in finder.control_lemma_phrases(doc)}
    assert by_phrases == by_tokens
    assert len(by_phrases) == hits
    assert finder._control_hits(doc) == sorted(
        by_phrases | {(s, e) for _, s, e in finder.control_phrases(doc)}
    )
