"""Event tolls end to end: the quantity stage's counts reach the events (real model)."""

from __future__ import annotations

from typing import Any

import pytest

from sitrep.types import Document, Report

pytestmark = pytest.mark.model


def _report(extractor: Any, text: str) -> Report:
    report: Report = extractor.extract_document(Document(id="t", text=text))
    return report


@pytest.mark.parametrize(
    ("text", "fatalities", "injuries"),
    [
        # a toll however far its verb from the number
        ("The death toll in the car bomb attack on the market in Mosul rose to 112.", 112, None),
        ("A drone strike hit a bus in Sumy, bringing the death toll to 9.", 9, None),
        (
            "At least 50 people lost their lives and 100 others sustained injuries in twin "
            "bomb attacks in Homs.",
            50,
            100,
        ),
        ("Rebel shelling claimed the lives of 14 people in Donetsk.", 14, None),
        # one victim told with an article
        ("A woman was killed and a boy was wounded when mortar shells hit Jaramana.", 1, 1),
        ("A sniper killed a soldier at a checkpoint near Kirkuk.", 1, None),
        # a militaries' euphemism for killing, with people as its object
        ("Government forces destroyed over 60 terrorists near Palmyra.", 60, None),
        ("The ministry said its troops destroyed up to 300 servicemen near Bakhmut.", 300, None),
    ],
)
def test_event_tolls_reach_the_event(
    extractor: Any, text: str, fatalities: int | None, injuries: int | None
) -> None:
    events = _report(extractor, text).events
    assert events, text
    assert (events[0].fatalities, events[0].injuries) == (fatalities, injuries)


@pytest.mark.parametrize(
    "text",
    [
        # no people: nothing was killed
        "The army destroyed five tanks and two depots near Izium.",
        "The vote count rose to 112 on Monday in Kyiv.",
        # the doer told with an article is no victim
        "Soldiers alongside a local militia killed the commander near Gao.",
    ],
)
def test_event_tolls_negatives(extractor: Any, text: str) -> None:
    events = _report(extractor, text).events
    assert all(e.fatalities is None for e in events), [
        (e.trigger.text, e.fatalities) for e in events
    ]
    assert not [e for e in events if e.trigger.text == "destroyed"]


@pytest.mark.parametrize(
    ("text", "first_toll"),
    [
        # a bare toll sentence updates the event told before it
        ("Jets struck the market in Saraqib on Monday. The death toll rose to 12.", 12),
        # a wider division may sum up the same incident
        ("Jets struck the market in Saraqib on Monday. The toll in Idlib province rose to 12.", 12),
        ("Jets struck the market in Saraqib on Monday. The toll in Saraqib rose to 12.", 12),
        # a toll in another city counts another incident's dead
        (
            "Shells hit the Jobar district of Damascus, causing damage. "
            "The death toll from rocket attacks in Homs city rose to 5.",
            None,
        ),
        (
            "Drones hit a depot in the village of Kodyma. "
            "The toll from the shelling of the town of Lyman rose to 4.",
            None,
        ),
    ],
)
def test_event_tolls_of_the_next_sentence(
    extractor: Any, text: str, first_toll: int | None
) -> None:
    events = sorted(_report(extractor, text).events, key=lambda e: e.trigger.start)
    assert events, text
    assert events[0].fatalities == first_toll, [(e.trigger.text, e.fatalities) for e in events]
