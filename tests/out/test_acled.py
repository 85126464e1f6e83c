"""ACLED CSV output: ACLED's columns, actor names and codes, conservative fatalities."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

import pytest

from sitrep.out.acled import (
    ACLED_COLUMNS,
    country_name,
    country_numeric,
    report_to_acled_rows,
    write_acled_csv,
)
from sitrep.types import Report


def test_acled_columns_are_acleds() -> None:
    for name in (
        "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
        "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2",
        "inter2", "interaction", "civilian_targeting", "iso", "region", "country", "admin1",
        "admin2", "admin3", "location", "latitude", "longitude", "geo_precision", "source",
        "source_scale", "notes", "fatalities", "tags", "timestamp",
    ):  # fmt: skip
        assert name in ACLED_COLUMNS
    assert len(ACLED_COLUMNS) == len(set(ACLED_COLUMNS))


def test_acled_one_row_per_event(report: Report) -> None:
    rows = report_to_acled_rows(report, timestamp=0)
    assert [r["event_id_cnty"] for r in rows] == ["doc-1#e1", "doc-1#e2"]


def test_acled_located_event_row(report: Report) -> None:
    row = report_to_acled_rows(report, timestamp=123)[0]
    assert row["event_date"] == "2019-06-29"
    assert row["year"] == "2019"
    assert row["time_precision"] == 2
    assert row["disorder_type"] == "Political violence"
    assert row["event_type"] == "Battles"
    assert row["sub_event_type"] == "Armed clash"
    # ACLED names from report.actors, inter codes from Actor.inter, lower code first.
    assert row["actor1"] == "Military Forces of Iran (1989-)"
    assert row["actor2"] == "Military Forces of Russia (2000-)"
    assert (row["inter1"], row["inter2"], row["interaction"]) == (1, 8, "18")
    assert row["country"] == "Syria"
    assert row["iso"] == 760
    assert row["admin1"] == "Aleppo"
    assert row["location"] == "Hamdaniyah"
    assert (row["latitude"], row["longitude"]) == (36.18, 37.11)
    assert row["geo_precision"] == 2
    assert row["source"] == "Example News"
    assert row["timestamp"] == 123
    assert row["civilian_targeting"] is None


def test_acled_notes_summarise_with_evidence_and_source(report: Report) -> None:
    notes = report_to_acled_rows(report, timestamp=0)[0]["notes"]
    assert notes.startswith("Armed clash between Iran and Russia in Hamdaniyah, Aleppo")
    assert "according to spokesman of the opposition" in notes
    assert "Clashes broke out between Russian and Iranian forces" in notes


@pytest.mark.parametrize(("unnamed", "expected"), [(0, 0), (10, 10)])
def test_acled_unnamed_deaths_are_coded_and_noted(
    report: Report, unnamed: int, expected: int
) -> None:
    row = report_to_acled_rows(report, unnamed_fatalities=unnamed, timestamp=0)[0]
    assert row["fatalities"] == expected
    assert "deaths reported without a number" in row["notes"]


def test_acled_counted_deaths_are_written(report: Report) -> None:
    report.events[0].fatalities = 4
    row = report_to_acled_rows(report, timestamp=0)[0]
    assert row["fatalities"] == 4
    assert "without a number" not in row["notes"]


def test_acled_no_deaths_mentioned_means_zero_without_note(report: Report) -> None:
    report.events[0].casualties_text = "injuries"
    row = report_to_acled_rows(report, unnamed_fatalities=10, timestamp=0)[0]
    assert row["fatalities"] == 0
    assert "Fatalities" not in row["notes"]


def test_acled_unlocated_undated_event(report: Report) -> None:
    row = report_to_acled_rows(report, timestamp=0)[1]
    assert row["location"] is None and row["latitude"] is None
    # No event date: the publication date, coded to ACLED's coarsest precision.
    assert row["event_date"] == "2019-07-01"
    assert row["time_precision"] == 3
    assert "publication date" in row["notes"]
    assert row["actor1"] is None and row["interaction"] is None
    assert row["disorder_type"] == "Political violence"


def test_acled_sole_actor_interaction(report: Report) -> None:
    report.events[0].actor2 = None
    row = report_to_acled_rows(report, timestamp=0)[0]
    assert (row["inter1"], row["inter2"], row["interaction"]) == (1, 0, "10")


def test_acled_country_only_place_is_precision_three(report: Report) -> None:
    report.events[0].place = "p2"
    row = report_to_acled_rows(report, timestamp=0)[0]
    assert row["geo_precision"] == 3
    assert "country" in row["notes"]


def test_acled_civilian_targeting(report: Report) -> None:
    report.events[0].event_type = "Violence against civilians"
    report.events[0].sub_event_type = "Attack"
    assert report_to_acled_rows(report, timestamp=0)[0]["civilian_targeting"] == (
        "Civilian targeting"
    )


@pytest.mark.parametrize(
    ("alpha2", "name", "numeric"),
    [
        ("SY", "Syria", 760),
        ("RU", "Russia", 643),
        ("IR", "Iran", 364),
        ("UA", "Ukraine", 804),
        ("SD", "Sudan", 729),
        ("PS", "Palestine", 275),
        ("ye", "Yemen", 887),
        ("XX", None, None),
        (None, None, None),
        ("SYR", None, None),
    ],
)
def test_acled_country_names(alpha2: str | None, name: str | None, numeric: int | None) -> None:
    assert country_name(alpha2) == name
    assert country_numeric(alpha2) == numeric


def test_acled_csv_has_header_and_rows(report_factory: Callable[..., Report]) -> None:
    stream = io.StringIO()
    count = write_acled_csv([report_factory("a"), report_factory("b")], stream, timestamp=0)
    assert count == 4
    rows = list(csv.DictReader(io.StringIO(stream.getvalue())))
    assert len(rows) == 4
    assert list(rows[0]) == list(ACLED_COLUMNS)
    assert rows[0]["latitude"] == "36.18"
    assert rows[2]["event_id_cnty"] == "b#e1"


@pytest.mark.parametrize(
    ("assoc1", "assoc2", "cell1", "cell2"),
    [
        # ACLED names where the report has the actor, joined by "; " as ACLED does
        (["Russia"], [], "Military Forces of Russia (2000-)", None),
        (
            ["Russia", "Hezbollah"],
            ["Syrian opposition"],
            "Military Forces of Russia (2000-); Hezbollah",
            "Syrian opposition",
        ),
        # none named: the columns stay empty
        ([], [], None, None),
    ],
)
def test_acled_associated_actors(
    report: Report,
    assoc1: list[str],
    assoc2: list[str],
    cell1: str | None,
    cell2: str | None,
) -> None:
    event = report.events[0]
    event.assoc_actor1, event.assoc_actor2 = assoc1, assoc2
    row = report_to_acled_rows(report, timestamp=0)[0]
    assert (row["assoc_actor_1"], row["assoc_actor_2"]) == (cell1, cell2)
    # the main actors and their codes are unchanged by associates
    assert (row["inter1"], row["inter2"]) == (1, 8)
