"""GeoJSON output: one FeatureCollection, [lon, lat], the contract's properties."""

from __future__ import annotations

import json
from collections.abc import Callable

from sitrep.out.facts import CONTRACT_PROPERTIES
from sitrep.out.geojson import reports_to_geojson
from sitrep.types import Report

CONTRACT_NAMES = [
    "kind", "event_type", "sub_event_type", "plover", "actor1", "actor2", "actor", "strength",
    "strength_text", "role", "place", "place_text", "geonameid", "admin1", "country", "pcode",
    "geo_precision", "date", "date_precision", "date_text", "fatalities", "injuries",
    "casualties_text", "weapons", "source", "source_role", "evidence", "doc_id", "start", "end",
    "headline", "confidence", "id", "rule", "modality", "claims",
]  # fmt: skip


def test_geojson_contract_names_are_the_design_ones() -> None:
    assert list(CONTRACT_PROPERTIES) == CONTRACT_NAMES


def test_geojson_one_feature_per_located_fact(report: Report) -> None:
    collection = report.to_geojson()
    assert collection["type"] == "FeatureCollection"
    ids = [f["properties"]["id"] for f in collection["features"]]
    # e2 has no place: not a feature.
    assert ids == ["e1", "d1", "k1"]
    kinds = [f["properties"]["kind"] for f in collection["features"]]
    assert kinds == ["event", "deployment", "control"]


def test_geojson_coordinates_are_lon_lat(report: Report) -> None:
    feature = report.to_geojson()["features"][0]
    assert feature["geometry"] == {"type": "Point", "coordinates": [37.11, 36.18]}


def test_geojson_properties_hold_every_contract_name(report: Report) -> None:
    for feature in report.to_geojson()["features"]:
        missing = [name for name in CONTRACT_NAMES if name not in feature["properties"]]
        assert not missing


def test_geojson_event_properties(report: Report) -> None:
    props = report.to_geojson()["features"][0]["properties"]
    text = report.document.text
    assert props["evidence"] == text[props["start"] : props["end"]]
    assert props["doc_id"] == "doc-1"
    assert props["place"] == "Hamdaniyah"
    assert props["place_text"] == "Hamdaniyah"
    assert props["country"] == "SY"
    assert props["geonameid"] == 170001
    assert props["headline"] is True
    assert props["weapons"] == ["light weapons"]
    assert props["date"] == "2019-06-29"
    assert props["rule"] == "events.trigger:clash"
    assert props["claims"] == ["c1"]


def test_geojson_many_reports_one_collection(report_factory: Callable[..., Report]) -> None:
    first = report_factory("a.txt", credits=["GeoNames", "OCHA COD"])
    second = report_factory("b.txt", credits=["GeoNames"])
    collection = reports_to_geojson([first, second])
    doc_ids = [f["properties"]["doc_id"] for f in collection["features"]]
    assert doc_ids == ["a.txt"] * 3 + ["b.txt"] * 3
    feature_ids = [f["id"] for f in collection["features"]]
    assert len(set(feature_ids)) == len(feature_ids)
    # Credits: a foreign member, each attribution once.
    assert collection["credits"] == ["GeoNames", "OCHA COD"]
    json.dumps(collection)


def test_geojson_no_reports_is_an_empty_collection() -> None:
    assert reports_to_geojson([]) == {"type": "FeatureCollection", "features": [], "credits": []}
