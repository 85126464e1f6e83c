"""Tests of sitrep.types: spans and the JSON form of records."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitrep.types import Document, Event, Evidence, Report, Span, plain


@pytest.mark.parametrize(
    ("a", "b", "overlaps", "contains"),
    [
        (Span(0, 10, ""), Span(2, 5, ""), True, True),
        (Span(0, 10, ""), Span(10, 12, ""), False, False),  # touching is not overlapping
        (Span(5, 8, ""), Span(0, 6, ""), True, False),
        (Span(0, 3, ""), Span(4, 9, ""), False, False),
    ],
)
def test_types_span_relations(a: Span, b: Span, overlaps: bool, contains: bool) -> None:
    assert a.overlaps(b) is overlaps and b.overlaps(a) is overlaps
    assert a.contains(b) is contains


@given(st.integers(0, 1000), st.integers(0, 1000), st.integers(0, 1000), st.integers(0, 1000))
def test_types_span_overlap_is_symmetric(a: int, b: int, c: int, d: int) -> None:
    first, second = Span(min(a, b), max(a, b), ""), Span(min(c, d), max(c, d), "")
    assert first.overlaps(second) == second.overlaps(first)


def test_types_plain_gives_json_values() -> None:
    event = Event(
        id="e1",
        event_type="Battles",
        sub_event_type="Armed clash",
        trigger=Span(0, 7, "clashes"),
        evidence=Evidence(sentence=Span(0, 20, "clashes broke out."), rule="r"),
        date=date(2020, 1, 2),
    )
    report = Report(document=Document(id="d", text="clashes broke out."), events=[event])
    data = plain(report)
    assert data["events"][0]["date"] == "2020-01-02"
    assert data["events"][0]["trigger"] == {"start": 0, "end": 7, "text": "clashes"}
    assert report.place_by_id(None) is None and report.place_by_id("p9") is None
