"""ACLED-style CSV output (``--format acled``): one row per event, ACLED's columns.

Columns follow ACLED's export (Raleigh et al., "Introducing ACLED", Journal of
Peace Research 2010; ACLED Codebook 2023). sitrep fills what one article can
support and leaves the rest empty (``region``, ``source_scale``;
``assoc_actor_*`` when the article names no associate; ``admin2``/``admin3``
unless the place comes from a gazetteer layer that has them). One column
follows ACLED's: ``pcode``, the OCHA P-code of a place from a layer, so
rows join humanitarian data.

Fatalities: ACLED codes 10 when a report says people died without a number.
sitrep writes 0 by default (``unnamed_fatalities``) and says so in ``notes``:
a machine reading a corpus should not add invented tens to casualty sums;
pass ``unnamed_fatalities=10`` for ACLED's own convention.
"""

from __future__ import annotations

import csv
import re
import time
from collections.abc import Iterable
from typing import Any, TextIO

from sitrep.types import Actor, Event, Place, Report

#: ACLED's column names, in ACLED's export order.
ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
    "pcode",
)

#: ACLED's ``disorder_type`` by event type (and by sub-event type where it differs).
_DISORDER_BY_TYPE = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}
_DISORDER_BY_SUB_TYPE = {
    "Excessive force against protesters": "Political violence; Demonstrations",
    "Mob violence": "Political violence; Demonstrations",
}

#: Where ACLED's country name differs from pycountry's ``common_name`` / ``name``.
_ACLED_COUNTRY_NAMES = {
    "BN": "Brunei",
    "CD": "Democratic Republic of Congo",
    "CG": "Republic of Congo",
    "CI": "Ivory Coast",
    "CV": "Cape Verde",
    "CZ": "Czech Republic",
    "FM": "Micronesia",
    "MK": "North Macedonia",
    "PS": "Palestine",
    "RU": "Russia",
    "SZ": "eSwatini",
    "TR": "Turkey",
    "VA": "Vatican City",
}

# Words that say people died, used to tell "deaths without a number" from no deaths.
_DEATH_WORDS = re.compile(r"\b(dead|deaths?|died|die|killed|killing|fatalit\w*|lives)\b", re.I)

#: ACLED ``inter`` code of civilians.
CIVILIANS_INTER = 7
#: sitrep's ``geo_precision`` for a place known only to its country (ACLED stops at 3).
COUNTRY_PRECISION = 4


def report_to_acled_rows(
    report: Report, *, unnamed_fatalities: int = 0, timestamp: int | None = None
) -> list[dict[str, Any]]:
    """One ACLED row (column name → value) per event of ``report``.

    Method: actors by their ACLED names from ``report.actors``
    (``acled_name``, else the canonical name; associated actors likewise,
    joined by "; " as ACLED does) with ``inter1``/``inter2`` from
    ``Actor.inter`` (``inter2`` 0 without a second actor; ``interaction``
    joins the codes lower first, ``10``…``80`` for a sole actor); country
    name and numeric ``iso`` from pycountry; ``event_id_cnty`` is
    ``doc_id#event_id``; ``source`` is the outlet (the quoted speaker goes
    into ``notes``). An event without a date gets the publication date with
    ``time_precision`` 3 and a note; ``geo_precision`` 4 (country only) is
    written as ACLED's 3 with a note. ``tags`` records sitrep's rule,
    confidence and modality. ``timestamp`` defaults to now (Unix time).
    Limits: events without a place keep empty location columns (ACLED
    itself never has those); ``region`` stays empty, ``admin2``/``admin3``
    and ``pcode`` are filled only from gazetteer layers.
    """
    stamp = int(time.time()) if timestamp is None else timestamp
    actors = _actor_index(report.actors)
    return [
        _event_row(report, event, actors, unnamed_fatalities=unnamed_fatalities, timestamp=stamp)
        for event in report.events
    ]


def write_acled_csv(
    reports: Iterable[Report],
    stream: TextIO,
    *,
    unnamed_fatalities: int = 0,
    timestamp: int | None = None,
) -> int:
    """Write the header and one row per event of every report; return the row count."""
    writer = csv.DictWriter(stream, fieldnames=list(ACLED_COLUMNS), lineterminator="\n")
    writer.writeheader()
    count = 0
    for report in reports:
        rows = report_to_acled_rows(
            report, unnamed_fatalities=unnamed_fatalities, timestamp=timestamp
        )
        writer.writerows(rows)
        count += len(rows)
    return count


def country_name(alpha2: str | None) -> str | None:
    """ACLED's name for an ISO 3166 alpha-2 code ("SY" → "Syria"), or None."""
    record = _country(alpha2)
    if record is None or alpha2 is None:
        return None
    upper = alpha2.upper()
    if upper in _ACLED_COUNTRY_NAMES:
        return _ACLED_COUNTRY_NAMES[upper]
    return str(getattr(record, "common_name", None) or record.name)


def country_numeric(alpha2: str | None) -> int | None:
    """ISO 3166 numeric code ("SY" → 760), ACLED's ``iso`` column, or None."""
    record = _country(alpha2)
    return int(record.numeric) if record is not None else None


def _country(alpha2: str | None) -> Any:
    if not alpha2 or len(alpha2) != 2:
        return None
    import pycountry  # its JSON database loads on first use only

    return pycountry.countries.get(alpha_2=alpha2.upper())


def _actor_index(actors: Iterable[Actor]) -> dict[str, Actor]:
    index: dict[str, Actor] = {}
    for actor in actors:
        index.setdefault(actor.id, actor)
        index.setdefault(actor.name, actor)
    return index


def _event_row(
    report: Report,
    event: Event,
    actors: dict[str, Actor],
    *,
    unnamed_fatalities: int,
    timestamp: int,
) -> dict[str, Any]:
    place = report.place_by_id(event.place)
    notes: list[str] = [_summary(report, event, place)]
    actor1 = actors.get(event.actor1) if event.actor1 else None
    actor2 = actors.get(event.actor2) if event.actor2 else None
    inter1 = actor1.inter if actor1 else None
    inter2 = (actor2.inter if actor2 else None) if event.actor2 else 0

    event_date, time_precision = _acled_date(report, event, notes)
    fatalities = event.fatalities
    if fatalities is None:
        fatalities = 0
        if event.casualties_text and _DEATH_WORDS.search(event.casualties_text):
            fatalities = unnamed_fatalities
            notes.append(
                f"Fatalities: deaths reported without a number ('{event.casualties_text}'); "
                f"coded {unnamed_fatalities} (ACLED's convention would code 10)."
            )
    geo_precision: int | None = place.geo_precision if place else None
    if geo_precision is not None and event.geo_precision is not None:
        geo_precision = max(geo_precision, event.geo_precision)
    if geo_precision is not None and geo_precision >= COUNTRY_PRECISION:
        geo_precision = 3
        notes.append("Location: known only to the country; coded to its centre.")
    if event.modality != "asserted":
        notes.append(f"Modality: {event.modality}.")
    civilian = event.event_type == "Violence against civilians" or CIVILIANS_INTER in (
        inter1,
        inter2,
    )
    country = place.country if place else None
    return {
        "event_id_cnty": f"{report.document.id}#{event.id}",
        "event_date": event_date,
        "year": event_date[:4] if event_date else None,
        "time_precision": time_precision,
        "disorder_type": _DISORDER_BY_SUB_TYPE.get(
            event.sub_event_type, _DISORDER_BY_TYPE.get(event.event_type)
        ),
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "actor1": _actor_name(event.actor1, actor1),
        "assoc_actor_1": _actor_names(event.assoc_actor1, actors),
        "inter1": inter1,
        "actor2": _actor_name(event.actor2, actor2),
        "assoc_actor_2": _actor_names(event.assoc_actor2, actors),
        "inter2": inter2,
        "interaction": _interaction(inter1, inter2),
        "civilian_targeting": "Civilian targeting" if civilian else None,
        "iso": country_numeric(country),
        "region": None,
        "country": country_name(country),
        "admin1": place.admin1 if place else None,
        "admin2": place.admin2 if place else None,
        "admin3": place.admin3 if place else None,
        "location": place.name if place else None,
        "latitude": place.lat if place else None,
        "longitude": place.lon if place else None,
        "geo_precision": geo_precision,
        "source": report.document.outlet or event.source,
        "source_scale": None,
        "notes": " ".join(notes),
        "fatalities": fatalities,
        "tags": f"sitrep rule={event.evidence.rule}; confidence={event.confidence:.2f}"
        + ("; headline" if event.headline else ""),
        "timestamp": timestamp,
        "pcode": place.pcode if place else None,
    }


def _actor_name(name: str | None, actor: Actor | None) -> str | None:
    if actor is not None:
        return actor.acled_name or actor.name
    return name


def _actor_names(names: Iterable[str], actors: dict[str, Actor]) -> str | None:
    """ACLED's associated-actor cell: the ACLED names joined by "; ", or None."""
    written = [_actor_name(name, actors.get(name)) or name for name in names]
    return "; ".join(dict.fromkeys(written)) or None


def _interaction(inter1: int | None, inter2: int | None) -> str | None:
    """ACLED's interaction code: the two inter codes, lower first; ``X0`` for a sole actor."""
    if inter1 is None or inter2 is None:
        return None
    if inter2 == 0:
        return f"{inter1}0"
    low, high = sorted((inter1, inter2))
    return f"{low}{high}"


def _acled_date(report: Report, event: Event, notes: list[str]) -> tuple[str | None, int | None]:
    if event.date is not None:
        # ACLED's time_precision stops at 3 (month); sitrep's coarser dates map onto it.
        precision = min(event.date_precision or 1, 3)
        return event.date.isoformat(), precision
    published = report.document.published
    if published is not None:
        notes.append("Date: the article's publication date; the event date is not stated.")
        return published.isoformat(), 3
    return None, None


def _summary(report: Report, event: Event, place: Place | None) -> str:
    """One sentence: what, who, where, when, according to whom, and the evidence."""
    what = event.sub_event_type or event.event_type
    if event.actor1 and event.actor2:
        who = f" between {event.actor1} and {event.actor2}"
    elif event.actor1 or event.actor2:
        who = f" involving {event.actor1 or event.actor2}"
    else:
        who = ""
    if place is not None:
        where = f" in {place.name}"
        if place.admin1 and place.admin1 != place.name:
            where += f", {place.admin1}"
    elif event.place_mention is not None:
        where = f" in {event.place_mention.text} (not located)"
    else:
        where = ""
    when = f" ({event.date_text})" if event.date_text else ""
    source = event.source or report.document.outlet or "the article"
    if event.source_role:
        source += f", {event.source_role}"
    evidence = " ".join(event.evidence.sentence.text.split()).replace('"', "'")
    return f'{what}{who}{where}{when}, according to {source}: "{evidence}".'
