"""pandas DataFrames of a report's events, deployments, claims, places and actors."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from sitrep.errors import Errors, SitrepError
from sitrep.out.json import fact_to_dict, report_to_dict
from sitrep.types import Report

if TYPE_CHECKING:
    import pandas as pd

#: Tables :func:`report_to_dataframe` can build.
TABLES: tuple[str, ...] = ("events", "deployments", "claims", "places", "actors")


def report_to_dataframe(report: Report, what: str = "events") -> pd.DataFrame:
    """One table of ``report``: ``events``, ``deployments``, ``claims``, ``places`` or ``actors``.

    Rows are the JSON records of :func:`~sitrep.out.json.report_to_dict` with
    every span flattened into ``<name>_start``, ``<name>_end``, ``<name>_text``
    columns (claims' ``evidence`` into ``evidence_start`` … ``evidence_rule``),
    and a ``doc_id`` column. Lists (weapons, mentions, aliases) stay lists.
    Raises :class:`SitrepError` E024 for an unknown table name.
    """
    return reports_to_dataframe([report], what)


def reports_to_dataframe(reports: Iterable[Report], what: str = "events") -> pd.DataFrame:
    """The same table over many reports, one ``doc_id`` column telling them apart."""
    import pandas as pd  # heavy: imported only when a DataFrame is asked for

    if what not in TABLES:
        raise SitrepError(Errors.E024, value=what, choices=", ".join(TABLES))
    rows: list[dict[str, Any]] = []
    for report in reports:
        rows.extend(table_rows(report, what))
    return pd.DataFrame(rows)


def table_rows(report: Report, what: str) -> list[dict[str, Any]]:
    """The rows of :func:`report_to_dataframe` as plain dicts, without pandas.

    One dict per event, deployment, claim, place or actor (``what``), spans
    flattened and ``doc_id`` first, as in the DataFrame. Limits: ``what``
    is not checked here (an unknown name raises ``KeyError``); use
    :data:`TABLES`.
    """
    doc_id = report.document.id
    if what == "events":
        records = [fact_to_dict(report, event) for event in report.events]
    elif what == "deployments":
        records = [fact_to_dict(report, item) for item in report.deployments]
    else:
        records = report_to_dict(report)[what]
    rows = []
    for record in records:
        row = {"doc_id": doc_id}
        row.update(_flatten(record))
        rows.append(row)
    return rows


def _flatten(record: dict[str, Any]) -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in record.items():
        if _is_span(value):
            for part in ("start", "end", "text"):
                flat[f"{key}_{part}"] = value[part]
        elif isinstance(value, dict) and _is_span(value.get("sentence")):
            # An Evidence record: its sentence span, rule and explanation.
            for part in ("start", "end", "text"):
                flat[f"{key}_{part}"] = value["sentence"][part]
            flat[f"{key}_rule"] = value.get("rule")
            flat[f"{key}_explanation"] = value.get("explanation")
        else:
            flat[key] = value
    return flat


def _is_span(value: Any) -> bool:
    return isinstance(value, dict) and set(value) == {"start", "end", "text"}
