"""Filters over the store's tables: :class:`Query` and its SQL.

A :class:`Query` says what to keep; :func:`where_clause` turns it into a SQL
``WHERE`` clause (``?`` placeholders, values passed apart, never pasted) for
one table, using only the filters that table has columns for: a claim has no
bounding box, so ``bbox`` does not apply to claims.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sitrep.errors import Errors, SitrepError

#: Bounding box: west, south, east, north in degrees (WGS 84).
BBox = tuple[float, float, float, float]


@dataclass(frozen=True, slots=True)
class Query:
    """What to keep from the store; every filter is optional and they combine with AND.

    - ``since`` / ``until``: the fact's day (its own date, else its
      article's publication date), inclusive;
    - ``bbox``: ``(west, south, east, north)``; west > east crosses the
      antimeridian;
    - ``event_type``: an event's type or sub-event type (a deployment's kind
      or role, a claim's type), case-insensitive;
    - ``sub_event_type``: the sub-event type only;
    - ``actor``: part of an actor's name (either actor of an event or one
      of its associated actors, a deployment's actor, a claim's speaker),
      case-insensitive;
    - ``outlet``: the outlet, case-insensitive, whole name;
    - ``place``: the place name (whole name) or its first-order division;
    - ``min_corroboration``: events reported by at least this many
      independent outlets (0: no filter; ignored by other tables);
    - ``text``: a piece of the evidence sentence, case-insensitive.
    """

    since: date | None = None
    until: date | None = None
    bbox: BBox | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor: str | None = None
    outlet: str | None = None
    place: str | None = None
    min_corroboration: int = 0
    text: str | None = None

    def __post_init__(self) -> None:
        if self.bbox is not None:
            check_bbox(self.bbox)
        if self.min_corroboration < 0:
            raise SitrepError(Errors.E022, name="min_corroboration", reason="must be 0 or more")


def check_bbox(bbox: Sequence[float]) -> BBox:
    """``bbox`` as a checked ``(west, south, east, north)``, or raise E084."""
    value = ",".join(str(v) for v in bbox)
    if len(bbox) != 4:
        raise SitrepError(Errors.E084, value=value, reason="four numbers are needed")
    west, south, east, north = (float(v) for v in bbox)
    if not (-180.0 <= west <= 180.0 and -180.0 <= east <= 180.0):
        raise SitrepError(Errors.E084, value=value, reason="longitudes lie in -180..180")
    if not (-90.0 <= south <= 90.0 and -90.0 <= north <= 90.0):
        raise SitrepError(Errors.E084, value=value, reason="latitudes lie in -90..90")
    if south > north:
        raise SitrepError(Errors.E084, value=value, reason="south is above north")
    return west, south, east, north


def parse_bbox(text: str) -> BBox:
    """``"W,S,E,N"`` as a bounding box, or raise E084."""
    parts = [part.strip() for part in text.split(",")]
    try:
        numbers = [float(part) for part in parts]
    except ValueError as exc:
        raise SitrepError(Errors.E084, value=text, reason="not numbers") from exc
    return check_bbox(numbers)


@dataclass(frozen=True, slots=True)
class TableColumns:
    """Which columns of a table each filter reads (None: the filter does not apply)."""

    day: str | None = "day"
    point: bool = True
    types: tuple[str, ...] = ()
    sub_type: str | None = None
    actors: tuple[str, ...] = ()
    outlet: str | None = "outlet"
    places: tuple[str, ...] = ("place_name", "admin1")
    corroboration: str | None = None
    text: str | None = "evidence"


TABLES: dict[str, TableColumns] = {
    "events": TableColumns(
        types=("event_type", "sub_event_type"),
        sub_type="sub_event_type",
        actors=("actor1", "actor2", "assoc_actor1", "assoc_actor2"),
        corroboration="n_outlets",
    ),
    "deployments": TableColumns(types=("kind", "role"), actors=("actor",)),
    "claims": TableColumns(point=False, types=("type",), actors=("speaker",), places=()),
    "places": TableColumns(places=("name", "admin1"), text=None),
    "actors": TableColumns(point=False, actors=("name",), places=(), text=None),
}


def where_clause(
    query: Query, table: str, *, postgis: bool = False, prefix: str = ""
) -> tuple[str, list[Any]]:
    """The ``WHERE ...`` clause (or ``""``) and its parameters for ``table``.

    ``prefix`` qualifies column names (``"e."``). With ``postgis`` the
    bounding box uses the GiST-indexed ``geom`` column of events.
    """
    columns = TABLES[table]
    parts: list[str] = []
    params: list[Any] = []
    col = prefix
    if columns.day is not None:
        if query.since is not None:
            parts.append(f"{col}{columns.day} >= ?")
            params.append(query.since.isoformat())
        if query.until is not None:
            parts.append(f"{col}{columns.day} <= ?")
            params.append(query.until.isoformat())
    if query.bbox is not None and columns.point:
        west, south, east, north = query.bbox
        if postgis and table == "events" and west <= east:
            parts.append(f"{col}geom && ST_MakeEnvelope(?, ?, ?, ?, 4326)")
            params.extend([west, south, east, north])
        else:
            parts.append(f"{col}lat BETWEEN ? AND ?")
            params.extend([south, north])
            if west <= east:
                parts.append(f"{col}lon BETWEEN ? AND ?")
                params.extend([west, east])
            else:  # crosses the antimeridian
                parts.append(f"({col}lon >= ? OR {col}lon <= ?)")
                params.extend([west, east])
    if query.event_type and columns.types:
        parts.append("(" + " OR ".join(f"lower({col}{c}) = ?" for c in columns.types) + ")")
        params.extend([query.event_type.lower()] * len(columns.types))
    if query.sub_event_type and columns.sub_type:
        parts.append(f"lower({col}{columns.sub_type}) = ?")
        params.append(query.sub_event_type.lower())
    if query.actor and columns.actors:
        pattern = like_pattern(query.actor)
        parts.append(
            "(" + " OR ".join(f"lower({col}{c}) LIKE ? ESCAPE '\\'" for c in columns.actors) + ")"
        )
        params.extend([pattern] * len(columns.actors))
    if query.outlet and columns.outlet:
        parts.append(f"lower({col}{columns.outlet}) = ?")
        params.append(query.outlet.lower())
    if query.place and columns.places:
        parts.append("(" + " OR ".join(f"lower({col}{c}) = ?" for c in columns.places) + ")")
        params.extend([query.place.lower()] * len(columns.places))
    if query.min_corroboration and columns.corroboration:
        parts.append(f"{col}{columns.corroboration} >= ?")
        params.append(query.min_corroboration)
    if query.text and columns.text:
        parts.append(f"lower({col}{columns.text}) LIKE ? ESCAPE '\\'")
        params.append(like_pattern(query.text))
    if not parts:
        return "", params
    return "WHERE " + " AND ".join(parts), params


def like_pattern(fragment: str) -> str:
    """A lower-case ``LIKE`` pattern matching ``fragment`` anywhere (wildcards escaped)."""
    escaped = fragment.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
