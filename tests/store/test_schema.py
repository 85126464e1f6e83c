"""Migrations: numbered, recorded in schema_version, applied once, each atomically."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from tests.store.conftest import EventSpec, StoreLocation, make_report

from sitrep.errors import SitrepError
from sitrep.store import Query, open_store
from sitrep.store import database as database_module
from sitrep.store import rows as rows_module
from sitrep.store import schema as schema_module
from sitrep.store.backends import Backend, connect
from sitrep.store.schema import MIGRATIONS, SCHEMA_VERSION, Migration, current_version, migrate
from sitrep.types import Report


def test_schema_migrations_are_numbered_in_order() -> None:
    versions = [m.version for m in MIGRATIONS]
    assert versions == list(range(1, len(MIGRATIONS) + 1))
    assert versions[-1] == SCHEMA_VERSION


def test_schema_version_recorded_once(store_location: StoreLocation) -> None:
    for _ in range(2):  # opening again applies nothing new
        with open_store(store_location.location, schema=store_location.schema) as store:
            rows = store.backend.execute("SELECT version FROM schema_version ORDER BY version")
            assert [r[0] for r in rows] == [m.version for m in MIGRATIONS]


def test_schema_upgrade_from_an_older_version(store_location: StoreLocation) -> None:
    backend = connect(store_location.location, schema=store_location.schema)
    try:
        assert migrate(backend, "test", target=1) == 1
        tables = backend.execute("SELECT COUNT(*) FROM events")
        assert tables == [(0,)]
    finally:
        backend.close()
    with open_store(store_location.location, schema=store_location.schema) as store:
        assert current_version(store.backend) == SCHEMA_VERSION


def test_schema_newer_database_is_refused(store_location: StoreLocation) -> None:
    with open_store(store_location.location, schema=store_location.schema) as store:
        store.backend.execute(
            "INSERT INTO schema_version (version, description) VALUES (?, ?)",
            (SCHEMA_VERSION + 1, "from the future"),
        )
    with pytest.raises(SitrepError) as raised:
        open_store(store_location.location, schema=store_location.schema)
    assert raised.value.code == "E072"


def test_schema_failed_migration_leaves_previous_version(
    store_location: StoreLocation, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = Migration(
        SCHEMA_VERSION + 1,
        "half-broken",
        ("CREATE TABLE extra_table (x INTEGER)", "THIS IS NOT SQL"),
    )
    monkeypatch.setattr(schema_module, "MIGRATIONS", (*MIGRATIONS, broken))
    monkeypatch.setattr(schema_module, "SCHEMA_VERSION", broken.version)
    backend = connect(store_location.location, schema=store_location.schema)
    try:
        with pytest.raises(SitrepError) as raised:
            schema_module.migrate(backend, "test")
        assert raised.value.code == "E073"
        assert current_version(backend) == SCHEMA_VERSION
        with pytest.raises(Exception):  # noqa: B017 - the driver's own error type
            backend.execute("SELECT * FROM extra_table")
    finally:
        backend.close()


def test_schema_render_fills_types_per_dialect() -> None:
    statement = "CREATE TABLE t (a {json}, b {real}, c {bool} DEFAULT {false})"
    assert schema_module.render(statement, "sqlite") == (
        "CREATE TABLE t (a TEXT, b REAL, c INTEGER DEFAULT 0)"
    )
    assert schema_module.render(statement, "postgresql") == (
        "CREATE TABLE t (a JSON, b DOUBLE PRECISION, c BOOLEAN DEFAULT FALSE)"
    )
    assert dataclasses.is_dataclass(MIGRATIONS[0])


def _insert_document(backend: Backend, report: Report) -> str:
    """Insert the report's document row as every schema version kept it; return the
    placeholder that casts a JSON parameter on this backend."""
    from sitrep.out.json import report_to_dict

    json_mark = "CAST(? AS JSON)" if backend.dialect == "postgresql" else "?"
    document = report.document
    backend.execute(
        "INSERT INTO documents (doc_id, content_hash, outlet, published, text, report) "
        f"VALUES (?, ?, ?, ?, ?, {json_mark})",
        (
            document.id,
            rows_module.content_hash(document.text),
            document.outlet,
            document.published.isoformat() if document.published else None,
            document.text,
            json.dumps(report_to_dict(report), default=str),
        ),
    )
    return json_mark


def _add_in_v3_layout(backend: Backend, report: Report) -> None:
    """Store a report as sitrep did at schema version 3: the JSON inside the fact tables."""
    json_mark = _insert_document(backend, report)
    for table, make in (
        ("events", rows_module.event_rows),
        ("deployments", rows_module.deployment_rows),
        ("claims", rows_module.claim_rows),
        ("places", rows_module.place_rows),
        ("actors", rows_module.actor_rows),
    ):
        key, columns = database_module._TABLE_COLUMNS[table]
        # columns of later migrations did not exist yet
        columns = tuple(c for c in columns if c not in database_module._NAME_LIST_COLUMNS)
        names = ("doc_id", key, *columns, "data")
        marks = ", ".join(["?"] * (len(names) - 1) + [json_mark])
        for row in make(report):
            values = [database_module._column_value(row, name) for name in names[:-1]]
            backend.execute(
                f"INSERT INTO {table} ({', '.join(names)}) VALUES ({marks})",
                [*values, json.dumps(row, ensure_ascii=False, default=str)],
            )


def test_schema_upgrade_moves_stored_rows(store_location: StoreLocation, tmp_path: Path) -> None:
    """A store filled at version 3 reads back, after the upgrade, as one filled now."""
    reports = [
        make_report("a", outlet="SANA"),
        make_report("b", outlet="Reuters", events=[EventSpec(), EventSpec(day=None, place=None)]),
    ]
    backend = connect(store_location.location, schema=store_location.schema)
    try:
        assert migrate(backend, "test", target=3) == 3
        with backend.transaction():
            for report in reports:
                _add_in_v3_layout(backend, report)
    finally:
        backend.close()
    with (
        open_store(store_location.location, schema=store_location.schema) as upgraded,
        open_store(tmp_path / "reference.db") as reference,
    ):
        assert current_version(upgraded.backend) == SCHEMA_VERSION
        for report in reports:
            reference.add(report.document, report)
        for table in ("events", "deployments", "claims", "places", "actors"):
            assert upgraded.rows(table) == reference.rows(table), table
            assert upgraded.count(table) == reference.count(table) > 0
        assert upgraded.events(Query(outlet="reuters"), limit=1)[0]["doc_id"] == "b"
        with pytest.raises(Exception):  # noqa: B017 - the driver's own error type
            upgraded.backend.execute("SELECT data FROM events")
        # Writes and deletes work on the new layout.
        extra = make_report("c")
        upgraded.add(extra.document, extra)
        assert upgraded.remove("a")
        assert upgraded.count_events() == 3
        assert upgraded.backend.query("SELECT COUNT(*) FROM events_data") == [(3,)]
        assert upgraded.backend.query("SELECT COUNT(*) FROM actors_data") == [(4,)]


def _add_in_v4_layout(backend: Backend, report: Report) -> None:
    """Store a report as sitrep did at schema version 4: events with no associated actors."""
    json_mark = _insert_document(backend, report)
    key, columns = database_module._TABLE_COLUMNS["events"]
    names = ("doc_id", key, *(c for c in columns if c not in ("assoc_actor1", "assoc_actor2")))
    for row in rows_module.event_rows(report):
        for name in ("assoc_actor1", "assoc_actor2"):
            del row[name]  # version 4 wrote no such field
        backend.execute(
            f"INSERT INTO events ({', '.join(names)}) VALUES ({', '.join(['?'] * len(names))})",
            [database_module._column_value(row, name) for name in names],
        )
        backend.execute(
            f"INSERT INTO events_data (row_id, data) SELECT row_id, {json_mark} FROM events "
            "WHERE doc_id = ? AND event_id = ?",
            (json.dumps(row, default=str), row["doc_id"], row["event_id"]),
        )


def test_schema_upgrade_adds_associated_actors(store_location: StoreLocation) -> None:
    """Events stored at version 4 keep every field; new ones carry associates and filter on them."""
    old = make_report("a", events=[EventSpec(), EventSpec(day=None, place=None)])
    backend = connect(store_location.location, schema=store_location.schema)
    try:
        assert migrate(backend, "test", target=4) == 4
        with backend.transaction():
            _add_in_v4_layout(backend, old)
        before = [tuple(r) for r in backend.query("SELECT data FROM events_data ORDER BY row_id")]
    finally:
        backend.close()
    with open_store(store_location.location, schema=store_location.schema) as upgraded:
        assert current_version(upgraded.backend) == SCHEMA_VERSION
        after = upgraded.backend.query("SELECT data FROM events_data ORDER BY row_id")
        assert [tuple(r) for r in after] == before  # nothing stored is rewritten
        rows = upgraded.events(limit=None)
        assert len(rows) == 2
        assert all(r["assoc_actor1"] == [] and r["assoc_actor2"] == [] for r in rows)
        assert upgraded.backend.query("SELECT assoc_actor1, assoc_actor2 FROM events") == [
            (None, None),
            (None, None),
        ]
        new = make_report(
            "b",
            text="Warplanes struck the town, the article b says.",
            events=[EventSpec(actor1="United States", assoc_actor1=("United Kingdom", "France"))],
        )
        upgraded.add(new.document, new)
        assert [r["doc_id"] for r in upgraded.events(Query(actor="kingdom"))] == ["b"]
        assert upgraded.events(Query(actor="france"))[0]["assoc_actor1"] == [
            "United Kingdom",
            "France",
        ]
        assert upgraded.count_events(Query(actor="rebels")) == 2  # old rows still filter
