"""Flat rows of a report for the store's tables.

The rows are the table rows of :mod:`sitrep.out.frames` (themselves built on
:func:`sitrep.out.facts.fact_properties`), so a stored event has the same
fields as ``Report.to_dataframe("events")`` — plus the document's fields
(``title``, ``outlet``, ``url``, ``published``) and the names the store
contract uses for some of them (``event_id`` for ``id``, ``killed`` for
``fatalities``, ``place_name`` for ``place`` …), so callers may use either.
"""

from __future__ import annotations

import hashlib
from typing import Any

from sitrep.out.frames import table_rows
from sitrep.types import Document, Report

#: Contract alias → the flat field it repeats, for event and deployment rows.
FACT_ALIASES: dict[str, str] = {
    "plover_type": "plover",
    "killed": "fatalities",
    "injured": "injuries",
    "place_name": "place",
    "evidence_start": "start",
    "evidence_end": "end",
    "claim_ids": "claims",
    "time_precision": "date_precision",
    "speaker": "source",
}

#: The cluster fields every event row carries (a lone report is its own cluster).
CLUSTER_FIELDS = ("cluster_id", "n_reports", "n_outlets", "corroboration", "contradicted")


def content_hash(text: str) -> str:
    """SHA-256 of the text with runs of whitespace collapsed (hex).

    Whitespace is normalised so one article fetched twice with different
    line ends or trailing blanks hashes the same; any change of words does not.
    """
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def document_fields(document: Document) -> dict[str, Any]:
    """The document fields repeated on every fact row."""
    return {
        "doc_id": document.id,
        "title": document.title,
        "outlet": document.outlet,
        "url": document.url,
        "published": document.published.isoformat() if document.published else None,
    }


def event_rows(report: Report) -> list[dict[str, Any]]:
    """One flat dict per event: frame row, document fields, contract aliases, lone cluster."""
    rows = []
    digest = content_hash(report.document.text)
    for row in _rows(report, "events", id_name="event_id"):
        # Lets clustering count a wire story re-published by two outlets once.
        row["content_hash"] = digest
        key = f"{row['doc_id']}#{row['id']}"
        row.update(
            cluster_id=key,
            n_reports=1,
            n_outlets=1 if report.document.outlet else 0,
            contradicted=False,
            contradictions=[],
        )
        row["corroboration"] = row["n_outlets"]
        rows.append(row)
    return rows


def deployment_rows(report: Report) -> list[dict[str, Any]]:
    """One flat dict per deployment or control statement."""
    return _rows(report, "deployments", id_name="deployment_id")


def claim_rows(report: Report) -> list[dict[str, Any]]:
    """One flat dict per claim (spans flattened into ``<name>_start/_end/_text``)."""
    return _rows(report, "claims", id_name="claim_id")


def place_rows(report: Report) -> list[dict[str, Any]]:
    """One flat dict per resolved place (mentions kept as a list)."""
    return _rows(report, "places", id_name="place_id")


def actor_rows(report: Report) -> list[dict[str, Any]]:
    """One flat dict per actor (aliases and mentions kept as lists)."""
    return _rows(report, "actors", id_name="actor_id")


def _rows(report: Report, what: str, *, id_name: str | None = None) -> list[dict[str, Any]]:
    """``what``'s frame rows with the document fields, the contract aliases and,
    when ``id_name`` is given, the row's ``id`` under that name too."""
    fields = document_fields(report.document)
    rows = []
    for row in table_rows(report, what):
        merged = dict(row)
        if id_name is not None:
            merged[id_name] = merged["id"]
        for name, value in fields.items():
            merged.setdefault(name, value)
        for alias, name in FACT_ALIASES.items():
            if name in merged and alias not in merged:
                merged[alias] = merged[name]
        rows.append(merged)
    return rows
