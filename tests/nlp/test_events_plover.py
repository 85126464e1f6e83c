"""Tests of sitrep.nlp.events on PLOVER's political and diplomatic events.

A strategic development needs a doer: a catalogued actor, or a state,
organisation, people or office the parse names as the subject
(:func:`sitrep.nlp.events.named_party`). Sentences are written for these
tests; the model tests run the actor and event stages alone on the real
English parse.
"""

from __future__ import annotations

from typing import Any

import pytest
from spacy.tokens import Doc

from sitrep.nlp.actors import ActorCatalogue, ActorRecognizer
from sitrep.nlp.events import EventExtractor, TriggerLexicon, _plover_of, named_party
from sitrep.nlp.extensions import register_extensions

_VIOLENT_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians"}


@pytest.fixture(scope="module")
def stages(base_nlp):  # type: ignore[no-untyped-def]
    register_extensions()
    return ActorRecognizer(base_nlp), EventExtractor(base_nlp)


def run(base_nlp, stages, text: str) -> Doc:  # type: ignore[no-untyped-def]
    """Parse ``text`` and run the actor and event stages (no toponyms)."""
    doc = base_nlp(text)
    doc._.sitrep_toponyms = []
    recognizer, extractor = stages
    recognizer(doc)
    extractor(doc)
    return doc  # type: ignore[no-any-return]


def plover_types(doc: Doc) -> set[str]:
    return {e.plover for e in doc._.sitrep_events if e.plover}


def assert_plover(doc: Any, present: set[str], absent: set[str]) -> None:
    """The sentence's events carry every type of ``present`` and none of ``absent``."""
    found = plover_types(doc)
    shown = [(e.trigger.text, e.plover, e.modality) for e in doc._.sitrep_events]
    assert present <= found, shown
    assert not found & absent, shown


# -- modality turns the PLOVER type -------------------------------------------------


@pytest.mark.parametrize(
    ("plover", "modality", "cue", "expected"),
    [
        ("AGREE", "negated", "not", "REJECT"),  # "will not accept"
        ("RETREAT", "negated", "not", "REJECT"),  # "has not withdrawn"
        ("SUPPORT", "future", "will", "AGREE"),  # "will support"
        ("AID", "threatened", "threatened", "THREATEN"),
        ("AID", "asserted", None, "AID"),
        # a coercive act announced is a threat; one demanded or doubted is not
        ("SANCTION", "future", "will", "THREATEN"),
        ("COERCE", "hypothetical", "would", "THREATEN"),
        ("COERCE", "hypothetical", "called", "COERCE"),
        ("SANCTION", "asserted", None, "SANCTION"),
        ("CONSULT", "future", "will", "AGREE"),  # "will visit": intent to meet
        # negatives: a violent act denied stays what it is, a meeting held too
        ("ASSAULT", "negated", "not", "ASSAULT"),
        ("CONSULT", "asserted", None, "CONSULT"),
        ("ASSAULT", "future", "will", "ASSAULT"),
        ("REQUEST", "negated", "not", "REQUEST"),
        (None, "negated", "not", None),
    ],
)
def test_events_plover_modality_turns_the_type(
    plover: str | None, modality: str, cue: str | None, expected: str | None
) -> None:
    assert _plover_of(plover, modality, cue) == expected


# -- the lexicon ------------------------------------------------------------------


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "word", "plover"),
    [
        ("The envoy telephoned his counterpart.", "telephoned", "CONSULT"),
        ("The bishop will mediate between the parties.", "mediate", "CONSULT"),
        ("The minister declined to attend.", "declined", "REJECT"),
        ("The garrison surrendered at dawn.", "surrendered", "RETREAT"),
        ("The junta declared a state of emergency.", "state of emergency", "COERCE"),
        ("The bank announced an asset freeze.", "asset freeze", "SANCTION"),
        ("The king pardoned the poets.", "pardoned", "CONCEDE"),
        ("The two states ratified the treaty.", "treaty", "AGREE"),
        ("The council hailed the vote.", "hailed", "SUPPORT"),
        ("The fund approved a loan.", "loan", "AID"),
        ("Dockers picketed the port.", "picketed", "PROTEST"),
    ],
)
def test_events_plover_trigger_words(base_nlp, text, word, plover) -> None:  # type: ignore[no-untyped-def]
    lexicon = TriggerLexicon(base_nlp)
    doc = base_nlp(text)
    found = {doc[m.start : m.end].text: m.rule.plover for m in lexicon.find(doc)}
    assert found.get(word) == plover, found


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "word"),
    [
        # "according" has the lemma "accord"; "recalled" is remembering
        ("According to the report, the bridge is open.", "According"),
        ("She recalled that the bridge was open.", "recalled"),
        ("The refugees returned home.", "returned"),
    ],
)
def test_events_plover_negative_not_trigger_words(base_nlp, text, word) -> None:  # type: ignore[no-untyped-def]
    lexicon = TriggerLexicon(base_nlp)
    doc = base_nlp(text)
    assert word not in {doc[m.start : m.end].text for m in lexicon.find(doc)}


# -- the doer of a strategic development -------------------------------------------


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "trigger", "party"),
    [
        ("The Nordic Council has agreed to set up an institute in Bergen.", "agreed", "Council"),
        ("Vice-President Hamid Osei has declined to resign.", "declined", "Osei"),
        ("The Armenian and Azeri sides have agreed to exchange lists.", "agreed", "sides"),
        ("Chile says it will not accept more asylum seekers.", "accept", "Chile"),
        ("The foreign ministry has rejected the note.", "rejected", "ministry"),
        ("Brazil is ready to contribute 2,000 troops.", "ready", "Brazil"),
        # negatives: a common noun, a pronoun with no speaker, no subject at all
        ("Officials have agreed to review the plan.", "agreed", None),
        ("They rejected the note.", "rejected", None),
        ("An agreement was reached on Friday.", "agreement", None),
    ],
)
def test_events_named_party(base_nlp, text, trigger, party) -> None:  # type: ignore[no-untyped-def]
    doc = base_nlp(text)
    token = next(t for t in doc if t.text == trigger)
    found = named_party(token, ActorCatalogue.load(), frozenset({"ministry", "president"}))
    if party is None:
        assert found is None, found.text if found is not None else None
    else:
        assert found is not None and party in found.text


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "plover"),
    [
        ("The Nordic Council has agreed to set up a fisheries institute in Bergen.", "AGREE"),
        (
            "Paraguayan ministers agreed on Monday to provide 20 million dollars to Bolivia.",
            "AGREE",
        ),
        ("Norway will support Iceland's bid to join the customs union.", "AGREE"),
        ("Brazil is ready to contribute up to 2,000 troops to a force in Haiti.", "AGREE"),
        ("Vice-President Hamid Osei has declined to resign despite pressure.", "REJECT"),
        ("Chile says it will not accept any more asylum seekers this year.", "REJECT"),
        ("The Kenyan foreign minister telephoned his Ugandan counterpart on Tuesday.", "CONSULT"),
        ("Tanzanian troops had completed their withdrawal from the town of Kasulu.", "RETREAT"),
        ("The Chadian government denied a request for a corridor to Abeche.", "REJECT"),
        ("The Nigerien junta released 40 political prisoners on Friday.", "CONCEDE"),
        ("The Kremlin said Putin did not agree to the plan.", "REJECT"),
        ("Rwandan rebels said their forces had completed their withdrawal.", "RETREAT"),
        ("Norway on Monday gave Malawi 5 million dollars of aid for schools.", "AID"),
        ("The Gabonese minister has been indicted by a court and will resign.", "AGREE"),
        ("The Chilean government declared a state of emergency in the south.", "COERCE"),
        (
            "Ghana threatened to break off ties with Togo on the eve of a visit by its envoy.",
            "THREATEN",
        ),
    ],
)
def test_events_plover_named_doer_makes_an_event(base_nlp, stages, text, plover) -> None:  # type: ignore[no-untyped-def]
    doc = run(base_nlp, stages, text)
    events = doc._.sitrep_events
    assert plover in plover_types(doc), [(e.trigger.text, e.plover, e.modality) for e in events]
    assert not [e for e in events if e.event_type in _VIOLENT_TYPES]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # no doer at all: nothing is invented
        ("An agreement was reached on Friday.", {"AGREE"}),
        ("Officials have agreed to review the plan.", {"AGREE"}),
        ("Talks were held in the capital.", {"CONSULT"}),
        ("Officials said their forces had completed their withdrawal.", {"RETREAT"}),
        ("Their forces had completed their withdrawal from the hills.", {"RETREAT"}),
        # a refusal is no retreat, a kind of noun no act, a participle no support
        ("Vice-President Hamid Osei has declined to resign despite pressure.", {"RETREAT"}),
        ("Aid workers returned to the camp near Gulu.", {"AID"}),
        ("US-backed fighters entered the town.", {"SUPPORT"}),
        ("The minister declined to comment on the report.", {"REJECT"}),
        ("According to the ministry, the bridge is open.", {"AGREE"}),
        ("Foreign troops remain in the country under a defence pact.", {"AGREE"}),
        # a statement or a publication is no refusal or release
        ("The Chadian army denied any involvement in the raid.", {"REJECT"}),
        ("The Chadian army denied that its units had entered Darfur.", {"REJECT"}),
        ("The Nigerien ministry released a video of the ceremony.", {"CONCEDE"}),
        # a participle describing a noun tells no act of support
        ("Militias backed by Iran entered the town on Monday.", {"SUPPORT"}),
        ("Surrendering rebels left the town of Bria.", {"RETREAT"}),
        # a deal that is the subject of a negated verb is not refused
        ("The transfer deal was not overseen by the Nordic Council.", {"REJECT"}),
    ],
)
def test_events_plover_negative_no_event_without_an_act_or_doer(  # type: ignore[no-untyped-def]
    base_nlp, stages, text, absent
) -> None:
    doc = run(base_nlp, stages, text)
    assert not plover_types(doc) & absent, [(e.trigger.text, e.plover) for e in doc._.sitrep_events]


# -- refusals, commitments and threats around other triggers -----------------------


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # what a refusal refuses is no event of its own
        (
            "Oman rejected an offer to host talks on a peace agreement with Qatar.",
            {"REJECT"},
            {"AGREE", "CONSULT"},
        ),
        ("Serbia and Kosovo failed to reach agreement on the border.", {"REJECT"}, {"AGREE"}),
        ("The Kenyan government said it would not meet the rebels.", {"REJECT"}, {"CONSULT"}),
        # a denial of a violent act is that act negated, not a refusal
        ("The Malian army denied killing civilians near Mopti.", set(), {"REJECT"}),
        # intent to do violence is no commitment to cooperate
        ("The Macedonian army is ready to resume shelling the hills.", set(), {"AGREE"}),
        # a threat keeps its type beside an unrelated clause
        (
            "Peru threatened to break off relations with Bolivia on the eve of a visit.",
            {"THREATEN"},
            set(),
        ),
    ],
)
def test_events_plover_governing_triggers(  # type: ignore[no-untyped-def]
    base_nlp, stages, text, present, absent
) -> None:
    assert_plover(run(base_nlp, stages, text), present, absent)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        ("Soldiers tortured dozens of detainees in the prison near Kadugli.", "Attack"),
        ("Militiamen beat up three journalists in El Fasher.", "Attack"),
        ("Gunmen assassinated a district governor in Kunduz.", "Attack"),
    ],
)
def test_events_plover_violence_against_people(  # type: ignore[no-untyped-def]
    base_nlp, stages, text, sub_event_type
) -> None:
    doc = run(base_nlp, stages, text)
    found = [(e.sub_event_type, e.plover) for e in doc._.sitrep_events]
    assert (sub_event_type, "ASSAULT") in found, found


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        # a stoppage of work is no attack
        "Teachers of the national union called off a four-day strike over pay.",
        "Dock workers began an open-ended strike on Monday.",
    ],
)
def test_events_plover_negative_labour_strike_is_no_attack(base_nlp, stages, text) -> None:  # type: ignore[no-untyped-def]
    doc = run(base_nlp, stages, text)
    assert "ASSAULT" not in plover_types(doc)


@pytest.mark.model
def test_events_plover_air_strike_among_workers_stays(base_nlp, stages) -> None:  # type: ignore[no-untyped-def]
    doc = run(base_nlp, stages, "A drone strike killed four workers at the port of Mokha.")
    assert "ASSAULT" in plover_types(doc)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # cooperation stopped is a sanction
        ("Norway halted economic aid to Eritrea on Tuesday.", {"SANCTION"}, {"AID"}),
        ("The Dutch minister cancelled a planned visit to Suriname.", {"SANCTION"}, {"CONSULT"}),
        # cooperation done or resumed stays what it is
        ("Norway sent economic aid to Eritrea on Tuesday.", {"AID"}, {"SANCTION"}),
        ("The Dutch minister began a visit to Suriname.", {"CONSULT"}, {"SANCTION"}),
        # a coercive act announced is a threat, one eased a concession
        ("Colombian truckers said they would boycott the talks.", {"THREATEN"}, {"SANCTION"}),
        ("The Bolivian army lifted the curfew in Sucre on Sunday.", {"CONCEDE"}, {"COERCE"}),
        ("The Bolivian army imposed a curfew in Sucre on Sunday.", {"COERCE"}, {"CONCEDE"}),
    ],
)
def test_events_plover_stopped_or_announced_acts(  # type: ignore[no-untyped-def]
    base_nlp, stages, text, present, absent
) -> None:
    assert_plover(run(base_nlp, stages, text), present, absent)
