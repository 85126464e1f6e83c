"""The JSON form of a :class:`~sitrep.types.Report` (``--format json`` / ``jsonl``)."""

from __future__ import annotations

from typing import Any

from sitrep.out.facts import fact_properties, span_dict
from sitrep.types import Deployment, Event, Report, plain


def report_to_dict(report: Report, *, include_text: bool = False) -> dict[str, Any]:
    """The whole report as JSON-ready Python values (dates as ISO strings).

    Keys: ``document`` (``id``, ``title``, ``outlet``, ``byline``,
    ``byline_span``, ``published``, ``url``, ``language``, ``length`` — and
    ``text`` when ``include_text``), ``actors``, ``places`` (with
    ``mentions``), ``events``, ``deployments``, ``claims``, ``relations``,
    ``warnings``, ``credits``. Spans everywhere are ``{"start", "end",
    "text"}``. Events and deployments carry the GeoJSON properties of
    :func:`~sitrep.out.facts.fact_properties` (``place`` is the canonical
    place name, ``place_id`` the reference into ``places``, ``claims`` the
    ids of the claims behind them) plus their spans (``trigger``,
    ``place_mention``, actor mentions) and ``lat``/``lon`` when located.
    """
    document = report.document
    document_dict: dict[str, Any] = {
        "id": document.id,
        "title": document.title,
        "outlet": document.outlet,
        "byline": document.byline,
        "byline_span": span_dict(document.byline_span),
        "published": document.published.isoformat() if document.published else None,
        "url": document.url,
        "language": document.language,
        "length": len(document.text),
    }
    if include_text:
        document_dict["text"] = document.text
    return {
        "document": document_dict,
        "actors": plain(report.actors),
        "places": plain(report.places),
        "events": [fact_to_dict(report, event) for event in report.events],
        "deployments": [fact_to_dict(report, item) for item in report.deployments],
        "claims": plain(report.claims),
        "relations": plain(report.relations),
        "warnings": list(report.warnings),
        "credits": list(report.credits),
    }


def fact_to_dict(report: Report, item: Event | Deployment) -> dict[str, Any]:
    """One event or deployment: its contract properties, spans and coordinates."""
    props = fact_properties(report, item)
    place = report.place_by_id(item.place)
    props["lat"] = place.lat if place else None
    props["lon"] = place.lon if place else None
    props["trigger"] = span_dict(item.trigger)
    props["place_mention"] = span_dict(item.place_mention)
    if isinstance(item, Event):
        props["actor1_mention"] = span_dict(item.actor1_mention)
        props["actor2_mention"] = span_dict(item.actor2_mention)
    else:
        props["actor_mention"] = span_dict(item.actor_mention)
    return props
