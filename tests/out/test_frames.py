"""DataFrames of events, deployments, claims, places and actors."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sitrep.errors import SitrepError
from sitrep.out.facts import CONTRACT_PROPERTIES
from sitrep.out.frames import TABLES, reports_to_dataframe
from sitrep.types import Report


@pytest.mark.parametrize(
    ("what", "rows"),
    [("events", 2), ("deployments", 2), ("claims", 1), ("places", 2), ("actors", 3)],
)
def test_frames_row_counts(report: Report, what: str, rows: int) -> None:
    frame = report.to_dataframe(what)
    assert len(frame) == rows
    assert (frame["doc_id"] == "doc-1").all()


def test_frames_events_have_contract_columns(report: Report) -> None:
    frame = report.to_dataframe("events")
    assert set(CONTRACT_PROPERTIES) <= set(frame.columns)
    assert {"trigger_start", "trigger_end", "trigger_text"} <= set(frame.columns)


def test_frames_claims_flatten_spans(report: Report) -> None:
    frame = report.to_dataframe("claims")
    for column in ("cue_text", "content_start", "source_end", "evidence_rule"):
        assert column in frame.columns
    assert frame.loc[0, "cue_text"] == "said"


def test_frames_many_reports(report_factory: Callable[..., Report]) -> None:
    frame = reports_to_dataframe([report_factory("a"), report_factory("b")], "places")
    assert list(frame["doc_id"]) == ["a", "a", "b", "b"]


@pytest.mark.parametrize("what", ["event", "toponyms", ""])
def test_frames_unknown_table_is_refused(report: Report, what: str) -> None:
    with pytest.raises(SitrepError) as info:
        report.to_dataframe(what)
    assert info.value.code == "E024"
    assert "events" in str(info.value)
    assert what not in TABLES
