"""Tests of sitrep.eval.plover: the scorer on hand-made pairs and reports."""

from __future__ import annotations

import pytest

from sitrep.eval.plover import predicted_plover, score_plover
from sitrep.types import Document, Event, Evidence, Report, Span


def _event(plover: str | None, confidence: float, modality: str = "asserted") -> Event:
    return Event(
        id="e",
        event_type="Battles",
        sub_event_type="Armed clash",
        trigger=Span(0, 1, "x"),
        evidence=Evidence(sentence=Span(0, 1, "x"), rule="t"),
        plover=plover,
        confidence=confidence,
        modality=modality,
    )


@pytest.mark.parametrize(
    ("events", "expected"),
    [
        ([], None),
        ([_event(None, 0.9)], None),
        ([_event("AGREE", 0.4), _event("ASSAULT", 0.8)], "ASSAULT"),
        ([_event("ASSAULT", 0.9, "negated"), _event("AGREE", 0.3)], "AGREE"),
    ],
)
def test_plover_predicted_type(events: list[Event], expected: str | None) -> None:
    report = Report(document=Document(id="d", text="x"), events=events)
    assert predicted_plover(report) == expected


def test_plover_score_splits_old_labels() -> None:
    result = score_plover(
        [("AGREE", "AGREE"), ("ASSAULT", None), ("FIGHT", "ASSAULT"), ("DEMAND", "REQUEST")]
    )
    assert result["n_shared"] == 2 and result["accuracy"] == 0.5
    assert result["n_old_only"] == 2 and result["fight_as_assault"] == 1.0
    assert result["per_label"]["AGREE"] == {"n": 1, "correct": 1}
