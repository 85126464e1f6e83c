"""Weapons named in a report decide the sub-event type (sitrep.nlp.weapons, real model)."""

from __future__ import annotations

from typing import Any

import pytest

from sitrep.types import Document

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        # guided and aerial bombs are dropped from aircraft
        ("Two guided bombs hit a hardware store in Kharkiv.", "Air/drone strike"),
        ("Aerial bombs struck a school in Kherson on Monday.", "Air/drone strike"),
        # a bare bomb that goes off is a planted device
        ("A bomb exploded near a market in Kabul.", "Remote explosive/landmine/IED"),
        ("A roadside bomb hit a police patrol near Kirkuk.", "Remote explosive/landmine/IED"),
    ],
)
def test_weapons_bombs_by_how_they_are_delivered(
    extractor: Any, text: str, sub_event_type: str
) -> None:
    events = extractor.extract_document(Document(id="t", text=text)).events
    assert [e.sub_event_type for e in events] == [sub_event_type]
