"""Flat properties of events, deployments and control statements.

One function, :func:`fact_properties`, gives the property set of the output
contract (``DESIGN.md``) for an event or a deployment; the GeoJSON, JSON,
ACLED CSV and DataFrame outputs all start from it, so a field means the same
thing in every format.
"""

from __future__ import annotations

from typing import Any

from sitrep.types import Deployment, Event, Place, Report, Span

#: The contract's property names, in the order they are written.
CONTRACT_PROPERTIES: tuple[str, ...] = (
    "kind",
    "event_type",
    "sub_event_type",
    "plover",
    "actor1",
    "actor2",
    "actor",
    "strength",
    "strength_text",
    "role",
    "place",
    "place_text",
    "geonameid",
    "admin1",
    "country",
    "pcode",
    "geo_precision",
    "date",
    "date_precision",
    "date_text",
    "fatalities",
    "injuries",
    "casualties_text",
    "weapons",
    "source",
    "source_role",
    "evidence",
    "doc_id",
    "start",
    "end",
    "headline",
    "confidence",
    "id",
    "rule",
    "modality",
    "claims",
)


#: Place properties beyond the contract (from gazetteer layers), present on every fact.
PLACE_EXTRA_PROPERTIES: tuple[str, ...] = ("admin2", "admin3", "layer")


def fact_properties(report: Report, item: Event | Deployment) -> dict[str, Any]:
    """The contract properties of one event or deployment, JSON-ready.

    Every property is present for every kind (null where it does not apply:
    ``strength`` on an event, ``event_type`` on a deployment), so a table of
    mixed features has one schema. ``source`` falls back to the outlet when
    no one is quoted; ``evidence`` is the sentence text and ``start``/``end``
    its offsets in the document. Extra keys after the contract ones:
    ``admin2``, ``admin3`` and ``layer`` (from a gazetteer layer; ``layer`` is
    ``geonames`` for the base index), ``place_id``, ``explanation``; on
    events ``date_end``, ``assoc_actor1`` and ``assoc_actor2`` (ACLED's
    associated actors: lists of canonical names, empty when none); on
    deployments ``extent``, ``composition``, ``strength_qualifier``.
    """
    place = report.place_by_id(item.place)
    props: dict[str, Any] = dict.fromkeys((*CONTRACT_PROPERTIES, *PLACE_EXTRA_PROPERTIES))
    sentence = item.evidence.sentence
    props.update(
        place=place.name if place else None,
        place_text=item.place_mention.text if item.place_mention else None,
        date=item.date.isoformat() if item.date else None,
        date_precision=item.date_precision,
        date_text=item.date_text,
        source=item.source or report.document.outlet,
        source_role=item.source_role,
        evidence=sentence.text,
        doc_id=report.document.id,
        start=sentence.start,
        end=sentence.end,
        headline=False,
        confidence=item.confidence,
        id=item.id,
        rule=item.evidence.rule,
        modality=item.modality,
        claims=list(item.claims),
        weapons=[],
    )
    props.update(_place_properties(place))
    if place is not None and item.geo_precision is not None:
        props["geo_precision"] = max(item.geo_precision, place.geo_precision)
    if isinstance(item, Event):
        props.update(
            kind="event",
            event_type=item.event_type,
            sub_event_type=item.sub_event_type,
            plover=item.plover,
            actor1=item.actor1,
            actor2=item.actor2,
            fatalities=item.fatalities,
            injuries=item.injuries,
            casualties_text=item.casualties_text,
            weapons=list(item.weapons),
            headline=item.headline,
        )
        extra: dict[str, Any] = {
            "date_end": item.date_end.isoformat() if item.date_end else None,
            "assoc_actor1": list(item.assoc_actor1),
            "assoc_actor2": list(item.assoc_actor2),
        }
    else:
        props.update(
            kind=item.kind,
            actor=item.actor,
            strength=item.strength,
            strength_text=item.strength_text,
            role=item.role,
        )
        extra = {
            "extent": item.extent,
            "composition": item.composition,
            "strength_qualifier": item.strength_qualifier,
        }
    props["also_reported"] = [span_dict(span) for span in item.also_reported]
    props["place_id"] = item.place if place else None
    props["explanation"] = item.evidence.explanation
    props.update(extra)
    return props


def _place_properties(place: Place | None) -> dict[str, Any]:
    if place is None:
        return {}
    return {
        "geonameid": place.geonameid,
        "admin1": place.admin1,
        "country": place.country,
        "pcode": place.pcode,
        "geo_precision": place.geo_precision,
        "admin2": place.admin2,
        "admin3": place.admin3,
        "layer": place.layer,
    }


def span_dict(span: Span | None) -> dict[str, Any] | None:
    """A span as ``{"start", "end", "text"}``, or None."""
    if span is None:
        return None
    return {"start": span.start, "end": span.end, "text": span.text}
