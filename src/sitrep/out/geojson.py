"""GeoJSON output (``--format geojson``): one FeatureCollection for any number of reports."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from sitrep.out.facts import fact_properties
from sitrep.types import Deployment, Event, Report


def reports_to_geojson(reports: Iterable[Report]) -> dict[str, Any]:
    """A FeatureCollection of every located event, deployment and control statement.

    Method: one Point feature per event or deployment whose place resolved,
    coordinates ``[lon, lat]`` (RFC 7946), properties from
    :func:`~sitrep.out.facts.fact_properties` (``kind`` is ``event``,
    ``deployment`` or ``control``; ``doc_id`` names the document). The
    feature ``id`` is ``doc_id#fact_id``, unique across documents. The
    collection's foreign member ``credits`` holds the data attributions
    (GeoNames, user layers) of all reports, each once.
    Limits: facts without a place are not features; they stay in the JSON output.
    """
    features: list[dict[str, Any]] = []
    credits: list[str] = []
    for report in reports:
        features.extend(report_features(report))
        credits.extend(c for c in report.credits if c not in credits)
    return {"type": "FeatureCollection", "features": features, "credits": credits}


def report_features(report: Report) -> Iterator[dict[str, Any]]:
    """The GeoJSON Point features of one report (events first, then deployments)."""
    items: list[Event | Deployment] = [*report.events, *report.deployments]
    for item in items:
        place = report.place_by_id(item.place)
        if place is None:
            continue
        yield {
            "type": "Feature",
            "id": f"{report.document.id}#{item.id}",
            "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
            "properties": fact_properties(report, item),
        }
