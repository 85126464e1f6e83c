"""Write rows read from the store: ACLED CSV, GeoJSON, JSONL, Parquet, CSV.

The rows are the store's flat dicts (:mod:`sitrep.store.rows`). ACLED rows
go through :func:`sitrep.out.acled.report_to_acled_rows` — the same mapping
as ``sitrep extract --format acled`` — on a small report rebuilt from each
stored row and its document's actors, plus a note on the cluster when other
reports corroborate the event. GeoJSON features are the located rows.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from sitrep.errors import Errors, SitrepError
from sitrep.types import Actor, Document, Event, Evidence, Place, Report, Span

if TYPE_CHECKING:
    from sitrep.store.database import Store

#: Export formats, and the tables each applies to.
EXPORT_FORMATS: dict[str, tuple[str, ...]] = {
    "jsonl": ("events", "deployments", "claims", "places", "actors"),
    "csv": ("events", "deployments", "claims", "places", "actors"),
    "parquet": ("events", "deployments", "claims", "places", "actors"),
    "geojson": ("events", "deployments", "places"),
    "acled": ("events",),
}
#: Formats written as bytes to a file (not to a text stream).
BINARY_FORMATS = frozenset({"parquet"})


def check_format(fmt: str, table: str) -> None:
    """Raise E021 when ``fmt`` does not apply to ``table``."""
    allowed = [name for name, tables in EXPORT_FORMATS.items() if table in tables]
    if fmt not in allowed:
        raise SitrepError(Errors.E021, value=fmt, choices=", ".join(allowed))


def write_rows(
    rows: list[dict[str, Any]], fmt: str, stream: TextIO, *, store: Store | None = None
) -> int:
    """Write ``rows`` as ``fmt`` (any format but Parquet) to ``stream``; return the row count.

    ``acled`` needs ``store`` (for the actors' ACLED names and codes).
    """
    if fmt == "jsonl":
        for row in rows:
            stream.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
    elif fmt == "csv":
        write_csv(rows, stream)
    elif fmt == "geojson":
        json.dump(rows_to_geojson(rows), stream, ensure_ascii=False, default=str)
        stream.write("\n")
    elif fmt == "acled":
        if store is None:
            raise ValueError("ACLED output needs the store")
        return write_acled(rows, store, stream)
    else:
        raise SitrepError(Errors.E021, value=fmt, choices=", ".join(EXPORT_FORMATS))
    return len(rows)


def write_csv(rows: list[dict[str, Any]], stream: TextIO) -> None:
    """A CSV with every field of every row (lists and objects as JSON)."""
    columns = column_order(rows)
    writer = csv.DictWriter(stream, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({name: _cell(row.get(name)) for name in columns})


def write_parquet(rows: list[dict[str, Any]], path: Path) -> int:
    """A Parquet file of ``rows`` (pyarrow); return the row count.

    Lists of strings stay lists; objects and lists of objects (spans,
    contradictions) are written as JSON text, so every column has one type.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns = column_order(rows)
    data: dict[str, list[Any]] = {name: [] for name in columns}
    nested = {name for name in columns if any(_is_nested(row.get(name)) for row in rows)}
    for row in rows:
        for name in columns:
            value = row.get(name)
            data[name].append(
                json.dumps(value, ensure_ascii=False, default=str)
                if name in nested and value is not None
                else value
            )
    table = pa.table(data) if rows else pa.table({})
    pq.write_table(table, path)
    return len(rows)


def rows_to_geojson(rows: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """A FeatureCollection: one Point per row with ``lat``/``lon``, the row as properties."""
    features = []
    for row in rows:
        lat, lon = row.get("lat"), row.get("lon")
        if lat is None or lon is None:
            continue
        properties = {k: v for k, v in row.items() if k not in ("lat", "lon")}
        features.append(
            {
                "type": "Feature",
                "id": f"{row.get('doc_id')}#{row.get('id')}",
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": properties,
            }
        )
    return {"type": "FeatureCollection", "features": features}


def write_acled(rows: list[dict[str, Any]], store: Store, stream: TextIO) -> int:
    """ACLED CSV rows for stored event rows (see the module docstring); return the count."""
    from sitrep.out.acled import ACLED_COLUMNS, report_to_acled_rows

    writer = csv.DictWriter(stream, fieldnames=list(ACLED_COLUMNS), lineterminator="\n")
    writer.writeheader()
    actors_by_doc: dict[str, list[Actor]] = {}
    for row in rows:
        doc_id = str(row.get("doc_id"))
        if doc_id not in actors_by_doc:
            actors_by_doc[doc_id] = _stored_actors(store, doc_id)
        report = report_of_row(row, actors_by_doc[doc_id])
        for acled in report_to_acled_rows(report):
            if (row.get("n_reports") or 1) > 1:
                acled["notes"] += (
                    f" Corroboration: {row['n_reports']} reports from "
                    f"{row.get('n_outlets')} outlet(s) (cluster {row.get('cluster_id')})."
                )
            writer.writerow(acled)
    return len(rows)


def report_of_row(row: dict[str, Any], actors: list[Actor]) -> Report:
    """A one-event :class:`Report` rebuilt from a stored event row (for the ACLED mapping)."""
    document = Document(
        id=str(row.get("doc_id")),
        text="",
        title=row.get("title"),
        outlet=row.get("outlet"),
        published=_date(row.get("published")),
        url=row.get("url"),
    )
    place = None
    if row.get("lat") is not None and row.get("lon") is not None:
        place = Place(
            id=str(row.get("place_id") or "place"),
            name=str(row.get("place") or ""),
            lat=float(row["lat"]),
            lon=float(row["lon"]),
            geonameid=row.get("geonameid"),
            admin1=row.get("admin1"),
            country=row.get("country"),
            geo_precision=int(row.get("geo_precision") or 1),
            pcode=row.get("pcode"),
        )
    start, end = int(row.get("start") or 0), int(row.get("end") or 0)
    sentence = Span(start, end, str(row.get("evidence") or ""))
    event = Event(
        id=str(row.get("id")),
        event_type=str(row.get("event_type") or ""),
        sub_event_type=str(row.get("sub_event_type") or ""),
        trigger=Span(
            int(row.get("trigger_start") or start),
            int(row.get("trigger_end") or start),
            str(row.get("trigger_text") or ""),
        ),
        evidence=Evidence(sentence, str(row.get("rule") or ""), str(row.get("explanation") or "")),
        plover=row.get("plover"),
        actor1=row.get("actor1"),
        actor2=row.get("actor2"),
        assoc_actor1=list(row.get("assoc_actor1") or []),
        assoc_actor2=list(row.get("assoc_actor2") or []),
        place=place.id if place else None,
        date=_date(row.get("date")),
        date_end=_date(row.get("date_end")),
        date_precision=row.get("date_precision"),
        date_text=row.get("date_text"),
        fatalities=row.get("fatalities"),
        injuries=row.get("injuries"),
        casualties_text=row.get("casualties_text"),
        weapons=list(row.get("weapons") or []),
        source=row.get("source"),
        source_role=row.get("source_role"),
        modality=str(row.get("modality") or "asserted"),
        headline=bool(row.get("headline")),
        confidence=float(row.get("confidence") or 0.0),
    )
    return Report(document=document, actors=actors, places=[place] if place else [], events=[event])


def column_order(rows: Iterable[dict[str, Any]]) -> list[str]:
    """Every key of the rows, in order of first appearance."""
    seen: dict[str, None] = {}
    for row in rows:
        for name in row:
            seen.setdefault(name, None)
    return list(seen)


def _stored_actors(store: Store, doc_id: str) -> list[Actor]:
    rows = store.backend.query(
        "SELECT d.data FROM actors a JOIN actors_data d ON d.row_id = a.row_id WHERE a.doc_id = ?",
        (doc_id,),
    )
    actors = []
    for (data,) in rows:
        record = json.loads(data) if isinstance(data, str) else data
        actors.append(
            Actor(
                id=str(record.get("id")),
                name=str(record.get("name")),
                kind=str(record.get("kind") or ""),
                acled_name=record.get("acled_name"),
                inter=record.get("inter"),
                country=record.get("country"),
            )
        )
    return actors


def _date(value: Any) -> date | None:
    if isinstance(value, str) and value:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _is_nested(value: Any) -> bool:
    if isinstance(value, dict):
        return True
    return isinstance(value, list) and any(isinstance(v, dict | list) for v in value)


def _cell(value: Any) -> Any:
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return value
