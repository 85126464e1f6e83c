"""Actor order of non-violent acts: the doer first, armed or not (end to end, real model)."""

from __future__ import annotations

from typing import Any

import pytest

from sitrep.types import Document

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    ("text", "sub_event_type", "actor1", "actor2"),
    [
        # a request: the unarmed body that asks is actor 1
        (
            "The U.N. Security Council called on the RSF to halt its siege of El Fasher.",
            "Other",
            "United Nations",
            "Rapid Support Forces",
        ),
        (
            "The United Nations called on Russia to halt its attacks on Kharkiv.",
            "Other",
            "United Nations",
            "Russia",
        ),
        # negatives: violent acts still list the armed side first
        ("Police arrested 12 protesters in Khartoum.", "Arrests", "Police (Sudan)", None),
        (
            "Sudanese soldiers opened fire on protesters in Omdurman.",
            "Excessive force against protesters",
            "Sudan",
            "Protesters",
        ),
    ],
)
def test_event_sides_doer_first(
    extractor: Any, text: str, sub_event_type: str, actor1: str, actor2: str | None
) -> None:
    events = extractor.extract_document(Document(id="t", text=text)).events
    found = [(e.sub_event_type, e.actor1, e.actor2) for e in events]
    matching = [f for f in found if f[0] == sub_event_type]
    assert matching, found
    assert matching[0][1] == actor1
    if actor2 is not None:
        assert matching[0][2] == actor2


@pytest.mark.parametrize(
    ("text", "trigger", "actor1", "actor2", "assoc"),
    [
        # helpers named with the doer are its associates, not the side hit
        (
            "Sudanese army troops retook the town of Sinja with the help of allied militias.",
            "retook",
            "Sudan",
            None,
            ["Militia"],
        ),
        (
            "Government forces, with the support of Russian warplanes, attacked rebel "
            "positions in Hama province.",
            "attacked",
            "Government forces",
            "Rebels",
            ["Russia"],
        ),
        (
            "The army recaptured the town of Suran together with allied militias.",
            "recaptured",
            "Government forces",
            None,
            ["Militia"],
        ),
        (
            "Russian troops alongside Wagner fighters attacked Ukrainian positions near Bakhmut.",
            "attacked",
            "Russia",
            "Ukraine",
            ["Wagner Group"],
        ),
        # negatives: "clashed with" names the other side; a state backer is
        # an affiliation, neither a side nor an associate
        (
            "Government troops clashed with local clan militias near the base.",
            "clashed",
            "Government forces",
            "Militia",
            [],
        ),
        (
            "Rebels backed by Turkey attacked Kurdish fighters near Afrin.",
            "attacked",
            "Rebels",
            "Kurdish forces",
            [],
        ),
    ],
)
def test_event_sides_helpers_are_associates(
    extractor: Any,
    text: str,
    trigger: str,
    actor1: str,
    actor2: str | None,
    assoc: list[str],
) -> None:
    events = extractor.extract_document(Document(id="t", text=text)).events
    found = {e.trigger.text: (e.actor1, e.actor2, e.assoc_actor1) for e in events}
    assert found.get(trigger) == (actor1, actor2, assoc), found


@pytest.mark.parametrize(
    ("text", "sub_event_type", "fatalities"),
    [
        # a seizure told with a killing carries no toll: the attack does
        (
            "Al-Shabaab said its fighters had killed 41 soldiers and seized weapons and "
            "vehicles in the attack on the base.",
            "Disrupted weapons use",
            None,
        ),
        ("Police killed two gunmen and arrested five others in Kano.", "Arrests", None),
        # negatives: the violent act keeps its toll
        (
            "Soldiers killed 12 militants and seized weapons in a raid on a camp near Gao.",
            "Armed clash",
            12,
        ),
        (
            "Al-Shabaab said its fighters had killed 41 soldiers and seized weapons and "
            "vehicles in the attack on the base.",
            "Armed clash",
            41,
        ),
    ],
)
def test_event_sides_seizure_carries_no_toll(
    extractor: Any, text: str, sub_event_type: str, fatalities: int | None
) -> None:
    events = extractor.extract_document(Document(id="t", text=text)).events
    found = {e.sub_event_type: e.fatalities for e in events}
    assert sub_event_type in found, found
    assert found[sub_event_type] == fatalities, found
