"""Who takes a place from whom, and downed weapons (events end to end, real model)."""

from __future__ import annotations

from typing import Any

import pytest

from sitrep.types import Document, Event

pytestmark = pytest.mark.model


def _events(extractor: Any, text: str) -> list[Event]:
    events: list[Event] = extractor.extract_document(Document(id="t", text=text)).events
    return events


@pytest.mark.parametrize(
    ("text", "sub_event_type", "actor1", "actor2"),
    [
        # "from X" names the side that lost the place, wherever the parse hangs it
        (
            "Syrian government forces recaptured the town of Palmyra from Islamic State.",
            "Government regains territory",
            "Syria",
            "Islamic State",
        ),
        (
            "Ukrainian troops retook the village of Robotyne from Russian forces.",
            "Government regains territory",
            "Ukraine",
            "Russia",
        ),
        (
            "Rebels seized the town of Kafr Nabl from government forces.",
            "Non-state actor overtakes territory",
            "Rebels",
            "Government forces",
        ),
        # negative: "fled from X" in another clause is no losing side
        (
            "Families fled from Raqqa after rebels seized the town of Tabqa.",
            "Non-state actor overtakes territory",
            "Rebels",
            None,
        ),
        # a state force foreign to the story and to the place overtakes it
        (
            "Turkish troops seized the town of Afrin in northern Syria from Kurdish fighters.",
            "Non-state actor overtakes territory",
            "Turkey",
            "Kurdish forces",
        ),
    ],
)
def test_territory_sides_and_type(
    extractor: Any, text: str, sub_event_type: str, actor1: str, actor2: str | None
) -> None:
    found = [(e.sub_event_type, e.actor1, e.actor2) for e in _events(extractor, text)]
    assert (sub_event_type, actor1, actor2) in found, found


@pytest.mark.parametrize(
    ("text", "actor1", "actor2"),
    [
        # the owner of what was shot down is the side acted upon
        (
            "Russian air defenses shot down 12 Ukrainian drones over the Belgorod region.",
            "Russia",
            "Ukraine",
        ),
        ("Air defenses shot down 12 Ukrainian drones over the Belgorod region.", None, "Ukraine"),
        (
            "Ukraine's air force shot down 30 Russian drones over Kyiv overnight.",
            "Ukraine",
            "Russia",
        ),
    ],
)
def test_territory_downed_weapons_belong_to_actor2(
    extractor: Any, text: str, actor1: str | None, actor2: str
) -> None:
    found = [
        (e.actor1, e.actor2)
        for e in _events(extractor, text)
        if e.sub_event_type == "Disrupted weapons use"
    ]
    assert found == [(actor1, actor2)]
