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
