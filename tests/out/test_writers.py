"""Writing report streams: json object/array, jsonl, geojson, acled."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable

import pytest

from sitrep.errors import SitrepError
from sitrep.out.geojson import reports_to_geojson
from sitrep.out.writers import write_reports
from sitrep.types import Report

Factory = Callable[..., Report]


def _write(factory: Factory, fmt: str, count: int, *, single: bool = False) -> str:
    stream = io.StringIO()
    reports = [factory(f"d{i}") for i in range(count)]
    assert write_reports(iter(reports), fmt, stream, single=single) == count
    return stream.getvalue()


def test_writers_json_single_is_an_object(report_factory: Factory) -> None:
    data = json.loads(_write(report_factory, "json", 1, single=True))
    assert data["document"]["id"] == "d0"


@pytest.mark.parametrize("count", [0, 1, 3])
def test_writers_json_many_is_an_array(report_factory: Factory, count: int) -> None:
    data = json.loads(_write(report_factory, "json", count))
    assert [d["document"]["id"] for d in data] == [f"d{i}" for i in range(count)]


def test_writers_jsonl_one_report_per_line(report_factory: Factory) -> None:
    lines = _write(report_factory, "jsonl", 3).splitlines()
    assert [json.loads(line)["document"]["id"] for line in lines] == ["d0", "d1", "d2"]


@pytest.mark.parametrize("count", [0, 2])
def test_writers_geojson_streams_the_collection(report_factory: Factory, count: int) -> None:
    written = json.loads(_write(report_factory, "geojson", count))
    expected = reports_to_geojson([report_factory(f"d{i}") for i in range(count)])
    assert written == json.loads(json.dumps(expected))


def test_writers_acled_rows(report_factory: Factory) -> None:
    rows = list(csv.DictReader(io.StringIO(_write(report_factory, "acled", 2))))
    assert len(rows) == 4


def test_writers_unknown_format() -> None:
    with pytest.raises(SitrepError) as info:
        write_reports([], "xml", io.StringIO())
    assert info.value.code == "E021"
