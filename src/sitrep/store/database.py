"""The store: reports of many articles in one database, queried as flat rows.

:func:`open_store` opens (creating and migrating) a SQLite file or a
PostgreSQL database; :class:`Store` adds one report per document in one
transaction and answers filtered queries over events, deployments, claims,
places, actors and sources, as lists of dicts or pandas DataFrames.

Idempotence: a document is identified by its content hash (whitespace
normalised) and by its URL; adding a document whose text or URL is already
stored stores nothing and says so (``AddResult.stored`` False). A document
whose id is taken by a *different* text is refused (E074), never
overwritten. As each document is one transaction, a run killed at any
moment keeps every document it had finished and none half-way.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from sitrep.errors import Errors, SitrepError
from sitrep.store.backends import Backend, connect, redact_url
from sitrep.store.query import TABLES, Query, where_clause
from sitrep.store.rows import (
    actor_rows,
    claim_rows,
    content_hash,
    deployment_rows,
    event_rows,
    place_rows,
)
from sitrep.store.schema import has_postgis, migrate
from sitrep.types import Document, Report

if TYPE_CHECKING:
    import pandas as pd

#: Default number of rows a query returns.
DEFAULT_LIMIT = 100
#: Days added on each side of the new events' dates when reclustering incrementally
#: (at least the clustering's widest date window: a month-precise date's).
RECLUSTER_MARGIN_DAYS = 16

_FACT_ORDER = "ORDER BY {p}day DESC NULLS LAST, {p}doc_id, {p}{key}"
#: Event columns holding a list of names ("; "-joined); the row's JSON keeps the list.
_NAME_LIST_COLUMNS = ("assoc_actor1", "assoc_actor2")
#: Event columns the clustering rewrites (kept out of the JSON, read beside it).
_CLUSTER_COLUMNS = ("cluster_id", "n_reports", "n_outlets", "contradicted", "contradictions")

#: Per table: its key column and the columns written besides doc_id, key and data.
_TABLE_COLUMNS: dict[str, tuple[str, tuple[str, ...]]] = {
    "events": (
        "event_id",
        (
            "event_type",
            "sub_event_type",
            "actor1",
            "actor2",
            "killed",
            "headline",
            "modality",
            "day",
            "lat",
            "lon",
            "place_name",
            "admin1",
            "country",
            "outlet",
            "confidence",
            "evidence",
            "cluster_id",
            "n_reports",
            "n_outlets",
            "contradicted",
            "assoc_actor1",
            "assoc_actor2",
        ),
    ),
    "deployments": (
        "deployment_id",
        (
            "kind",
            "role",
            "actor",
            "strength",
            "modality",
            "day",
            "lat",
            "lon",
            "place_name",
            "admin1",
            "country",
            "outlet",
            "confidence",
            "evidence",
        ),
    ),
    "claims": ("claim_id", ("type", "speaker", "day", "outlet", "evidence")),
    "places": (
        "place_id",
        ("name", "lat", "lon", "admin1", "country", "geonameid", "day", "outlet"),
    ),
    "actors": ("actor_id", ("name", "kind", "day", "outlet")),
}

_DOCUMENT_SUMMARY = (
    "doc_id",
    "url",
    "content_hash",
    "title",
    "outlet",
    "published",
    "byline",
    "language",
    "length",
    "ingested_at",
)


@dataclass(frozen=True, slots=True)
class AddResult:
    """What :meth:`Store.add` did: the stored document's id, and whether this call stored it.

    ``stored`` is False when the document was already there; ``matched``
    then says how it was recognised (``content`` hash or ``url``).
    """

    doc_id: str
    stored: bool
    matched: str | None = None


def open_store(location: str | Path, *, schema: str | None = None) -> Store:
    """Open the store at ``location``: a SQLite file path, or a ``postgresql://`` URL.

    The database is created when missing and migrated to this sitrep's
    schema. ``schema`` (PostgreSQL only) keeps the tables in a schema of
    that name, created when missing. Raises :class:`SitrepError` E070 when
    the database cannot be opened, E071 when psycopg is missing, E072/E073
    on schema trouble.
    """
    backend = connect(location, schema=schema)
    shown = redact_url(str(location))
    try:
        migrate(backend, shown)
    except BaseException:
        backend.close()
        raise
    return Store(backend, shown)


class Store:
    """Reports in a database; see the module docstring. Use :func:`open_store` to get one."""

    def __init__(self, backend: Backend, location: str) -> None:
        self.backend = backend
        self.location = location
        self.dialect = backend.dialect
        self.postgis = has_postgis(backend)
        # PostgreSQL checks JSON on the way in; SQLite keeps it as text.
        self._json = "CAST(? AS JSON)" if self.dialect == "postgresql" else "?"

    # -- lifecycle ---------------------------------------------------------------

    def close(self) -> None:
        """Close the database connection."""
        self.backend.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.location!r})"

    # -- writing -----------------------------------------------------------------

    def lookup(self, document: Document) -> AddResult | None:
        """The stored copy of ``document`` (``stored`` False), or None when it is new.

        Recognises the same text (content hash) or the same URL. Raises
        :class:`SitrepError` E074 when the document's id is taken by a
        different text (and its URL, if any, is not stored).
        """
        digest = content_hash(document.text)
        rows = self.backend.query("SELECT doc_id FROM documents WHERE content_hash = ?", (digest,))
        if rows:
            return AddResult(rows[0][0], False, "content")
        if document.url:
            rows = self.backend.query("SELECT doc_id FROM documents WHERE url = ?", (document.url,))
            if rows:
                return AddResult(rows[0][0], False, "url")
        rows = self.backend.query("SELECT 1 FROM documents WHERE doc_id = ?", (document.id,))
        if rows:
            raise SitrepError(Errors.E074, item=document.id, doc_id=document.id)
        return None

    def has(self, document: Document) -> bool:
        """True when this document (same text, or same URL) is stored.

        Unlike :meth:`lookup` it never raises: an id taken by another text
        answers False (adding the document would be refused).
        """
        try:
            return self.lookup(document) is not None
        except SitrepError:
            return False

    def has_url(self, url: str) -> bool:
        """True when a document fetched from ``url`` is stored (checked before fetching)."""
        return bool(self.backend.query("SELECT 1 FROM documents WHERE url = ?", (url,)))

    def add(self, document: Document, report: Report) -> AddResult:
        """Store ``report`` of ``document`` in one transaction, unless it is already stored.

        Writes the document row (text, metadata, the report as JSON) and the
        flat rows of its events, deployments, claims, places and actors; each
        event starts as its own cluster until :meth:`recluster`. Raises
        E074 for an id taken by a different text, E075 when the database
        refuses the rows (nothing of the document is then stored).
        """
        from sitrep.out.json import report_to_dict

        with self.backend.transaction():
            found = self.lookup(document)
            if found is not None:
                return found
            try:
                self._insert_document(document, report_to_dict(report))
                self._insert_rows("events", event_rows(report))
                self._insert_rows("deployments", deployment_rows(report))
                self._insert_rows("claims", claim_rows(report))
                self._insert_rows("places", place_rows(report))
                self._insert_rows("actors", actor_rows(report))
            except SitrepError:
                raise
            except Exception as exc:  # a driver error: the transaction rolls back
                raise SitrepError(Errors.E075, item=document.id, reason=exc) from exc
        return AddResult(document.id, True)

    def remove(self, doc_id: str) -> bool:
        """Delete a document and all its rows; True when it was there."""
        with self.backend.transaction():
            if not self.backend.execute("SELECT 1 FROM documents WHERE doc_id = ?", (doc_id,)):
                return False
            for table in _TABLE_COLUMNS:
                self.backend.execute(
                    f"DELETE FROM {table}_data WHERE row_id IN "
                    f"(SELECT row_id FROM {table} WHERE doc_id = ?)",
                    (doc_id,),
                )
                self.backend.execute(f"DELETE FROM {table} WHERE doc_id = ?", (doc_id,))
            self.backend.execute("DELETE FROM documents WHERE doc_id = ?", (doc_id,))
        return True

    def _insert_document(self, document: Document, report: dict[str, Any]) -> None:
        self.backend.execute(
            "INSERT INTO documents (doc_id, url, content_hash, title, outlet, published, "
            "byline, language, length, text, report, ingested_at) "
            f"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, {self._json}, ?)",
            (
                document.id,
                document.url,
                content_hash(document.text),
                document.title,
                document.outlet,
                document.published.isoformat() if document.published else None,
                document.byline,
                document.language,
                len(document.text),
                document.text,
                _dumps(report),
                _now(),
            ),
        )

    def _insert_rows(self, table: str, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        key, columns = _TABLE_COLUMNS[table]
        names = ("doc_id", key, *columns)
        marks = ", ".join(["?"] * len(names))
        self.backend.executemany(
            f"INSERT INTO {table} ({', '.join(names)}) VALUES ({marks})",
            [[_column_value(row, name) for name in names] for row in rows],
        )
        # The JSON goes to <table>_data under the row id the database just gave the row.
        self.backend.executemany(
            f"INSERT INTO {table}_data (row_id, data) SELECT row_id, {self._json} FROM {table} "
            f"WHERE doc_id = ? AND {key} = ?",
            [[_dumps(row), row["doc_id"], row[key]] for row in rows],
        )

    def bulk_insert(self, table: str, rows: Iterable[dict[str, Any]]) -> int:
        """Insert flat rows as they are, in one transaction; return how many.

        For benchmarks and imports of rows made elsewhere (their documents
        must be stored first). Ordinary use goes through :meth:`add`.
        """
        batch = list(rows)
        with self.backend.transaction():
            self._insert_rows(table, batch)
        return len(batch)

    # -- reading -----------------------------------------------------------------

    def events(
        self, query: Query | None = None, limit: int | None = DEFAULT_LIMIT, offset: int = 0
    ) -> list[dict[str, Any]]:
        """Flat event rows matching ``query``, newest first (``limit`` None: all)."""
        return self._select("events", query, limit, offset)

    def count_events(self, query: Query | None = None) -> int:
        """How many events match ``query``."""
        return self._count("events", query)

    def deployments(
        self, query: Query | None = None, limit: int | None = DEFAULT_LIMIT, offset: int = 0
    ) -> list[dict[str, Any]]:
        """Flat deployment and control rows matching ``query``, newest first."""
        return self._select("deployments", query, limit, offset)

    def count_deployments(self, query: Query | None = None) -> int:
        """How many deployments and control statements match ``query``."""
        return self._count("deployments", query)

    def claims(
        self, query: Query | None = None, limit: int | None = DEFAULT_LIMIT, offset: int = 0
    ) -> list[dict[str, Any]]:
        """Flat claim rows matching ``query``, newest article first."""
        return self._select("claims", query, limit, offset)

    def count_claims(self, query: Query | None = None) -> int:
        """How many claims match ``query``."""
        return self._count("claims", query)

    def places(
        self, query: Query | None = None, limit: int | None = DEFAULT_LIMIT, offset: int = 0
    ) -> list[dict[str, Any]]:
        """Resolved places as stored per document (one row per document and place)."""
        return self._select("places", query, limit, offset)

    def actors(
        self, query: Query | None = None, limit: int | None = DEFAULT_LIMIT, offset: int = 0
    ) -> list[dict[str, Any]]:
        """Actors as stored per document (one row per document and actor)."""
        return self._select("actors", query, limit, offset)

    def sources(
        self, query: Query | None = None, limit: int | None = DEFAULT_LIMIT, offset: int = 0
    ) -> list[dict[str, Any]]:
        """Outlets behind the events matching ``query``, most events first.

        Each row: ``outlet``, ``documents`` and ``events`` (counts),
        ``first`` and ``last`` (days of its events).
        """
        where, params = where_clause(query or Query(), "events", postgis=self.postgis)
        sql = (
            "SELECT outlet, COUNT(DISTINCT doc_id), COUNT(*), MIN(day), MAX(day) "
            f"FROM events {where} GROUP BY outlet ORDER BY COUNT(*) DESC, outlet"
        )
        sql, params = _paginate(sql, params, limit, offset, self.dialect)
        return [
            {"outlet": o, "documents": d, "events": n, "first": first, "last": last}
            for o, d, n, first, last in self.backend.query(sql, params)
        ]

    def count_sources(self, query: Query | None = None) -> int:
        """How many outlets (no outlet counting as one) :meth:`sources` would list."""
        where, params = where_clause(query or Query(), "events", postgis=self.postgis)
        sql = f"SELECT COUNT(*) FROM (SELECT outlet FROM events {where} GROUP BY outlet) AS o"
        return int(self.backend.query(sql, params)[0][0])

    def summary(self, query: Query | None = None, *, top_actors: int = 1000) -> dict[str, Any]:
        """What the store holds for ``query``: counts, date span, events per day and type, actors.

        Keys: ``documents`` (all stored), ``events``, ``deployments``,
        ``claims`` (matching counts), ``first_date`` / ``last_date`` (ISO
        days or None), ``dates`` (``{"date", "count"}`` per day with events,
        in order), ``event_types`` and ``actors`` (``{"name", "count"}``, most
        first; at most ``top_actors`` actors). Method: aggregate SQL on the
        narrow fact tables (no JSON read). Limits: the span covers events
        and deployments (claims have no date of their own); events without a
        day are counted but are in no day.
        """
        query = query or Query()
        rows = self.backend.query

        def where(table: str, condition: str) -> tuple[str, list[Any]]:
            clause, params = where_clause(query, table, postgis=self.postgis)
            return (f"{clause} AND {condition}" if clause else f"WHERE {condition}"), params

        firsts: list[str] = []
        lasts: list[str] = []
        for table in ("events", "deployments"):
            clause, params = where_clause(query, table, postgis=self.postgis)
            for first, last in rows(f"SELECT MIN(day), MAX(day) FROM {table} {clause}", params):
                if first is not None:
                    firsts.append(str(first))
                    lasts.append(str(last))
        clause, params = where("events", "day IS NOT NULL")
        per_day = rows(
            f"SELECT day, COUNT(*) FROM events {clause} GROUP BY day ORDER BY day", params
        )
        clause, params = where("events", "event_type IS NOT NULL")
        per_type = rows(
            f"SELECT event_type, COUNT(*) FROM events {clause} "
            "GROUP BY event_type ORDER BY COUNT(*) DESC, event_type",
            params,
        )
        clause, params = where("actors", "name IS NOT NULL")
        top = rows(
            f"SELECT name, COUNT(*) FROM actors {clause} "
            "GROUP BY name ORDER BY COUNT(*) DESC, name LIMIT ?",
            [*params, int(top_actors)],
        )
        return {
            "documents": self.count_documents(),
            "events": self.count_events(query),
            "deployments": self.count_deployments(query),
            "claims": self.count_claims(query),
            "first_date": min(firsts) if firsts else None,
            "last_date": max(lasts) if lasts else None,
            "dates": [{"date": str(day), "count": int(n)} for day, n in per_day],
            "event_types": [{"name": str(name), "count": int(n)} for name, n in per_type],
            "actors": [{"name": str(name), "count": int(n)} for name, n in top],
        }

    def documents(self, limit: int | None = DEFAULT_LIMIT, offset: int = 0) -> list[dict[str, Any]]:
        """Stored documents' metadata (no text, no report), newest first."""
        sql = (
            f"SELECT {', '.join(_DOCUMENT_SUMMARY)} FROM documents "
            "ORDER BY published DESC NULLS LAST, doc_id"
        )
        sql, params = _paginate(sql, [], limit, offset, self.dialect)
        return [
            dict(zip(_DOCUMENT_SUMMARY, row, strict=True))
            for row in self.backend.query(sql, params)
        ]

    def document(self, doc_id: str) -> dict[str, Any] | None:
        """One stored document: its metadata, ``text`` and ``report`` (the JSON report)."""
        names = (*_DOCUMENT_SUMMARY, "text", "report")
        rows = self.backend.query(
            f"SELECT {', '.join(names)} FROM documents WHERE doc_id = ?", (doc_id,)
        )
        if not rows:
            return None
        record = dict(zip(names, rows[0], strict=True))
        record["report"] = _loads(record["report"])
        return record

    def count_documents(self) -> int:
        """How many documents are stored."""
        return int(self.backend.query("SELECT COUNT(*) FROM documents")[0][0])

    def stored_hashes(self) -> dict[str, str]:
        """Every stored document's id → content hash (to compare stores)."""
        return dict(self.backend.query("SELECT doc_id, content_hash FROM documents"))

    def events_frame(self, query: Query | None = None) -> pd.DataFrame:
        """All events matching ``query`` as a pandas DataFrame (one row per event)."""
        return _frame(self.events(query, limit=None))

    def deployments_frame(self, query: Query | None = None) -> pd.DataFrame:
        """All deployments and control statements matching ``query`` as a DataFrame."""
        return _frame(self.deployments(query, limit=None))

    def claims_frame(self, query: Query | None = None) -> pd.DataFrame:
        """All claims matching ``query`` as a DataFrame."""
        return _frame(self.claims(query, limit=None))

    def rows(
        self, table: str, query: Query | None = None, limit: int | None = None, offset: int = 0
    ) -> list[dict[str, Any]]:
        """Rows of ``events``, ``deployments``, ``claims``, ``places`` or ``actors``."""
        if table not in _TABLE_COLUMNS:
            raise SitrepError(Errors.E024, value=table, choices=", ".join(_TABLE_COLUMNS))
        return self._select(table, query, limit, offset)

    def count(self, table: str, query: Query | None = None) -> int:
        """How many rows of ``table`` match ``query``."""
        if table not in _TABLE_COLUMNS:
            raise SitrepError(Errors.E024, value=table, choices=", ".join(_TABLE_COLUMNS))
        return self._count(table, query)

    def _select(
        self, table: str, query: Query | None, limit: int | None, offset: int
    ) -> list[dict[str, Any]]:
        key = _TABLE_COLUMNS[table][0]
        columns = ["d.data"]
        if table == "events":
            columns += [f"t.{c}" for c in _CLUSTER_COLUMNS]
        has_day = TABLES[table].day is not None
        order = _FACT_ORDER if has_day else "ORDER BY {p}doc_id, {p}{key}"
        if limit is None:
            where, params = where_clause(query or Query(), table, postgis=self.postgis, prefix="t.")
            sql = (
                f"SELECT {', '.join(columns)} FROM {table} t "
                f"JOIN {table}_data d ON d.row_id = t.row_id {where} "
                + order.format(p="t.", key=key)
            )
            sql, params = _paginate(sql, params, limit, offset, self.dialect)
        else:
            # Two steps: the page's row ids, sorted and cut on the narrow table (from an
            # index alone for the common filters), then the JSON of those rows only —
            # never sorting or skipping the JSON of every match.
            where, params = where_clause(query or Query(), table, postgis=self.postgis)
            keys = f"row_id, doc_id, {key}" + (", day" if has_day else "")
            inner = f"SELECT {keys} FROM {table} {where} {order.format(p='', key=key)}"
            inner, params = _paginate(inner, params, limit, offset, self.dialect)
            # SQLite's CROSS JOIN keeps the page as the outer loop, which it then runs as
            # a co-routine; with a plain JOIN it materialises the page first, 2-3 times
            # slower (30-40 ms instead of 12-15 for a 2-degree box at 100k events).
            join = "CROSS JOIN" if self.dialect == "sqlite" else "JOIN"
            join_table = f"{join} {table} t ON t.row_id = k.row_id " if table == "events" else ""
            sql = (
                f"SELECT {', '.join(columns)} FROM ({inner}) k "
                f"{join} {table}_data d ON d.row_id = k.row_id {join_table}"
                + order.format(p="k.", key=key)
            )
        rows = self.backend.query(sql, params)
        if table != "events":
            return [_loads(row[0]) for row in rows]
        return [_event_row(*row) for row in rows]

    def _count(self, table: str, query: Query | None) -> int:
        where, params = where_clause(query or Query(), table, postgis=self.postgis)
        return int(self.backend.query(f"SELECT COUNT(*) FROM {table} {where}", params)[0][0])

    # -- clusters ------------------------------------------------------------------

    def recluster(
        self,
        since: date | None = None,
        until: date | None = None,
        *,
        margin_days: int | None = None,
    ) -> int:
        """Recompute cross-article event clusters; return how many clusters there are.

        Method: the stored events (all of them, or with ``since``/``until``
        only those whose day lies within the window widened by
        ``margin_days``, default 16) go through
        :func:`sitrep.corpus.cluster.cluster_events`; each member's
        ``cluster_id``, ``n_reports``, ``n_outlets`` (independent outlets,
        the corroboration), ``contradicted`` and ``contradictions`` are
        written in one transaction; events of the window in no cluster become
        their own. An incremental run also takes in every other member of a
        cluster that an event of the window belongs to, wherever its day: a
        new report can pull a member out of a cluster whose other members lie
        outside the window, and those must be rewritten too, or they would
        keep counting it. Limits: an incremental run does not revisit clusters
        whose members all lie outside the widened window; events without a
        day are only reclustered by a full run.
        """
        try:
            from sitrep.corpus.cluster import cluster_events
        except ImportError as exc:
            raise SitrepError(Errors.E086, reason=exc) from exc
        margin = timedelta(days=RECLUSTER_MARGIN_DAYS if margin_days is None else margin_days)
        query = Query(
            since=since - margin if since is not None else None,
            until=until + margin if until is not None else None,
        )
        # One transaction from read to write: an ingest running beside cannot slip
        # rows in between that the update would then overwrite with stale clusters.
        with self.backend.transaction():
            rows = self.events(query, limit=None)
            if since is not None or until is not None:
                rows += self._cluster_partners(rows)
            updates = _cluster_updates(rows, cluster_events(rows))
            sql = (
                "UPDATE events SET cluster_id = ?, n_reports = ?, n_outlets = ?, "
                f"contradicted = ?, contradictions = {self._json} "
                "WHERE doc_id = ? AND event_id = ?"
            )
            self.backend.executemany(sql, [(*values, *key) for key, values in updates.items()])
        return len({values[0] for values in updates.values()})

    def _cluster_partners(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Events outside ``rows`` sharing a cluster with one of them."""
        have = {(row["doc_id"], row["event_id"]) for row in rows}
        clusters = sorted({row["cluster_id"] for row in rows if (row.get("n_reports") or 1) > 1})
        columns = ", ".join(["d.data", *(f"t.{c}" for c in _CLUSTER_COLUMNS)])
        found: list[dict[str, Any]] = []
        for start in range(0, len(clusters), 500):
            batch = clusters[start : start + 500]
            marks = ", ".join("?" * len(batch))
            for record in self.backend.query(
                f"SELECT {columns} FROM events t JOIN events_data d ON d.row_id = t.row_id "
                f"WHERE t.cluster_id IN ({marks})",
                batch,
            ):
                row = _event_row(*record)
                if (row["doc_id"], row["event_id"]) not in have:
                    found.append(row)
        return found


def _cluster_updates(
    rows: list[dict[str, Any]], clusters: Iterable[Any]
) -> dict[tuple[str, str], tuple[Any, ...]]:
    """Per event key, its new cluster columns; events in no cluster become their own."""
    updates: dict[tuple[str, str], tuple[Any, ...]] = {}
    for cluster in clusters:
        contradicting = list(getattr(cluster, "contradicting", []) or [])
        for doc_id, event_id in cluster.members:
            updates[(doc_id, event_id)] = (
                cluster.cluster_id,
                cluster.n_reports,
                cluster.n_outlets,
                bool(contradicting),
                _dumps(contradicting),
            )
    for row in rows:
        key = (row["doc_id"], row["event_id"])
        if key not in updates:
            updates[key] = (f"{key[0]}#{key[1]}", 1, 1 if row.get("outlet") else 0, False, "[]")
    return updates


def _event_row(
    data: Any,
    cluster_id: str | None,
    n_reports: int,
    n_outlets: int,
    contradicted: Any,
    contradictions: Any,
) -> dict[str, Any]:
    """An event's flat row: its JSON with the cluster columns as they now are."""
    row: dict[str, Any] = _loads(data)
    for name in _NAME_LIST_COLUMNS:
        row.setdefault(name, [])  # rows stored before events had associates
    row.update(
        cluster_id=cluster_id,
        n_reports=n_reports,
        n_outlets=n_outlets,
        corroboration=n_outlets,
        contradicted=bool(contradicted),
        contradictions=_loads(contradictions) if contradictions is not None else [],
    )
    return row


def _column_value(row: dict[str, Any], name: str) -> Any:
    if name == "day":
        return row.get("date") or row.get("published")
    if name in _NAME_LIST_COLUMNS:
        # names as ACLED writes them, for the actor filter's substring match
        return "; ".join(row.get(name) or []) or None
    if name == "contradicted" or name == "headline":
        return bool(row.get(name))
    value = row.get(name)
    if isinstance(value, list | dict):
        return _dumps(value)
    return value


def _paginate(
    sql: str, params: Sequence[Any], limit: int | None, offset: int, dialect: str = "sqlite"
) -> tuple[str, list[Any]]:
    params = list(params)
    if limit is not None:
        sql += " LIMIT ?"
        params.append(int(limit))
    elif offset:
        # SQLite takes OFFSET only after a LIMIT; -1 means none.
        sql += " LIMIT -1" if dialect == "sqlite" else " LIMIT ALL"
    if offset:
        sql += " OFFSET ?"
        params.append(int(offset))
    return sql, params


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def _loads(value: Any) -> Any:
    if isinstance(value, str | bytes):
        return json.loads(value)
    return value  # psycopg already parsed a JSON column


def _now() -> str:
    from datetime import UTC, datetime

    return datetime.now(UTC).isoformat(timespec="seconds")


def _frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    import pandas as pd  # heavy: imported only when a DataFrame is asked for

    return pd.DataFrame(rows)
