"""JSON output: the whole report, spans as {start, end, text}, ISO dates."""

from __future__ import annotations

import json

import pytest

from sitrep.out.facts import CONTRACT_PROPERTIES
from sitrep.out.json import report_to_dict
from sitrep.types import Report


def _is_span(value: object, text: str) -> bool:
    return (
        isinstance(value, dict)
        and set(value) == {"start", "end", "text"}
        and text[value["start"] : value["end"]] == value["text"]
    )


def test_json_top_level_keys(report: Report) -> None:
    data = report.to_dict()
    assert list(data) == [
        "document",
        "actors",
        "places",
        "events",
        "deployments",
        "claims",
        "relations",
        "warnings",
        "credits",
    ]
    json.dumps(data)  # serialisable as is


def test_json_document_metadata(report: Report) -> None:
    document = report_to_dict(report)["document"]
    assert document["id"] == "doc-1"
    assert document["published"] == "2019-07-01"
    assert document["byline"] == "Jane Doe"
    assert _is_span(document["byline_span"], report.document.text)
    assert "text" not in document
    assert report_to_dict(report, include_text=True)["document"]["text"] == report.document.text


@pytest.mark.parametrize(
    "field", ["name", "geonameid", "lat", "lon", "admin1", "country", "feature", "geo_precision"]
)
def test_json_places_contract_fields(report: Report, field: str) -> None:
    place = report_to_dict(report)["places"][0]
    assert field in place
    assert place["name"] == "Hamdaniyah"


def test_json_place_mentions_are_spans(report: Report) -> None:
    place = report_to_dict(report)["places"][0]
    assert place["mentions"] and all(_is_span(m, report.document.text) for m in place["mentions"])


@pytest.mark.parametrize(
    "field",
    ["source", "speaker", "speaker_role", "cue", "content", "type", "events", "deployments"],
)
def test_json_claims_contract_fields(report: Report, field: str) -> None:
    claim = report_to_dict(report)["claims"][0]
    assert field in claim


def test_json_claim_spans(report: Report) -> None:
    claim = report_to_dict(report)["claims"][0]
    text = report.document.text
    for key in ("source", "cue", "content"):
        assert _is_span(claim[key], text), key
    assert claim["events"] == ["e1"]


@pytest.mark.parametrize("table", ["events", "deployments"])
def test_json_facts_carry_every_contract_property(report: Report, table: str) -> None:
    for record in report_to_dict(report)[table]:
        missing = [name for name in CONTRACT_PROPERTIES if name not in record]
        assert not missing


def test_json_event_values(report: Report) -> None:
    events = report_to_dict(report)["events"]
    located, unlocated = events
    text = report.document.text
    assert located["kind"] == "event"
    assert located["place"] == "Hamdaniyah"
    assert located["place_id"] == "p1"
    assert located["date"] == "2019-06-29"
    assert (located["lat"], located["lon"]) == (36.18, 37.11)
    assert text[located["start"] : located["end"]] == located["evidence"]
    assert _is_span(located["trigger"], text)
    assert located["claims"] == ["c1"]
    assert located["source"] == "spokesman of the opposition"
    # Events without a place stay in the JSON output, with null place fields.
    assert unlocated["id"] == "e2"
    assert unlocated["place"] is None and unlocated["lat"] is None
    # No one is quoted for it: the outlet is the source.
    assert unlocated["source"] == "Example News"


@pytest.mark.parametrize(
    ("assoc1", "assoc2"),
    [(["Russia"], []), (["Russia", "Hezbollah"], ["Syrian opposition"]), ([], [])],
)
def test_json_event_associated_actors(report: Report, assoc1: list[str], assoc2: list[str]) -> None:
    report.events[0].assoc_actor1, report.events[0].assoc_actor2 = assoc1, assoc2
    located, unlocated = report_to_dict(report)["events"]
    assert (located["assoc_actor1"], located["assoc_actor2"]) == (assoc1, assoc2)
    assert (unlocated["assoc_actor1"], unlocated["assoc_actor2"]) == ([], [])
    feature = report.to_geojson()["features"][0]["properties"]
    assert (feature["assoc_actor1"], feature["assoc_actor2"]) == (assoc1, assoc2)
    frame = report.to_dataframe("events")
    assert list(frame["assoc_actor1"][0]) == assoc1
    # deployments have no sides to associate
    assert "assoc_actor1" not in report_to_dict(report)["deployments"][0]
    json.dumps(report_to_dict(report))  # JSON-ready


def test_json_deployment_values(report: Report) -> None:
    deployment, control = report_to_dict(report)["deployments"]
    assert deployment["kind"] == "deployment"
    assert deployment["strength"] == 3000
    assert deployment["strength_text"] == "About 3,000"
    assert deployment["role"] == "base"
    assert deployment["event_type"] is None
    assert control["kind"] == "control"
    assert control["extent"] == "military"


def test_json_actors_and_relations(report: Report) -> None:
    data = report_to_dict(report)
    russia = data["actors"][0]
    assert russia["aliases"] == ["Russian"]
    assert _is_span(russia["mentions"][0], report.document.text)
    relation = data["relations"][0]
    assert relation["type"] == "hostile"
    assert _is_span(relation["evidence"]["sentence"], report.document.text)
