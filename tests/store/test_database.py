"""The store on SQLite and PostgreSQL: idempotent adds, transactions, filtered queries."""

from __future__ import annotations

import csv
import dataclasses
import io
from datetime import date
from typing import Any

import pytest
from tests.store.conftest import EventSpec, StoreLocation, make_report

from sitrep.errors import SitrepError
from sitrep.store import Query, Store, open_store
from sitrep.types import Document

HOMS = ("Homs", 34.73, 36.71, "Homs")
IDLIB = ("Idlib", 35.93, 36.63, "Idlib")
KYIV = ("Kyiv", 50.45, 30.52, "Kyiv City")


def _fill(store: Store) -> None:
    store.add(*_pair("a", outlet="SANA", events=[EventSpec(place=HOMS, day=date(2019, 7, 1))]))
    store.add(
        *_pair(
            "b",
            outlet="Reuters",
            events=[
                EventSpec(
                    "Explosions/Remote violence",
                    "Air/drone strike",
                    actor1="Russia",
                    actor2="Civilians",
                    place=IDLIB,
                    day=date(2019, 7, 5),
                    killed=12,
                ),
                EventSpec(place=None, day=None),
            ],
        )
    )
    store.add(
        *_pair(
            "c",
            outlet="Kyiv Independent",
            published=date(2022, 3, 1),
            events=[
                EventSpec(
                    actor1="Russia",
                    actor2="Ukraine",
                    place=KYIV,
                    day=date(2022, 3, 1),
                    assoc_actor1=("Belarus",),
                    assoc_actor2=("Territorial Defence Forces",),
                )
            ],
        )
    )


def _pair(doc_id: str, **kwargs: Any) -> tuple[Document, Any]:
    report = make_report(doc_id, **kwargs)
    return report.document, report


def test_database_add_stores_rows_with_contract_fields(store: Store) -> None:
    document, report = _pair("a", events=[EventSpec(place=HOMS, killed=3)])
    result = store.add(document, report)
    assert (result.doc_id, result.stored) == ("a", True)
    [row] = store.events()
    for name in (
        "event_id",
        "event_type",
        "killed",
        "place_name",
        "lat",
        "lon",
        "evidence",
        "evidence_start",
        "evidence_end",
        "rule",
        "date",
        "doc_id",
        "outlet",
        "title",
        "cluster_id",
        "n_reports",
        "n_outlets",
        "corroboration",
        "contradicted",
    ):
        assert name in row, name
    assert row["killed"] == row["fatalities"] == 3
    assert row["place_name"] == "Homs"
    assert row["cluster_id"] == "a#e1"
    assert row["contradicted"] is False
    assert store.count_deployments() == 1 and store.count_claims() == 1
    assert [p["name"] for p in store.places()] == ["Homs"]
    assert {a["name"] for a in store.actors()} == {"Rebels", "Syria"}


@pytest.mark.parametrize(
    ("second", "matched"),
    [
        ({"doc_id": "a-again"}, "content"),  # same text under another id
        ({"doc_id": "a", "text": "A later version of the page. It changed."}, "url"),
    ],
)
def test_database_add_is_idempotent(store: Store, second: dict[str, Any], matched: str) -> None:
    first = make_report("a", url="https://example.org/a")
    assert store.add(first.document, first).stored
    again = make_report(
        second["doc_id"], url="https://example.org/a", text=second.get("text", first.document.text)
    )
    result = store.add(again.document, again)
    assert (result.doc_id, result.stored, result.matched) == ("a", False, matched)
    assert store.count_documents() == 1
    assert store.count_events() == 1


def test_database_same_id_different_text_is_refused_not_overwritten(store: Store) -> None:
    first = make_report("a")
    store.add(first.document, first)
    other = make_report("a", text="Something else entirely happened. Elsewhere.")
    with pytest.raises(SitrepError) as raised:
        store.add(other.document, other)
    assert raised.value.code == "E074"
    assert "a" in str(raised.value)
    assert store.document("a")["text"] == first.document.text  # type: ignore[index]
    assert not store.has(other.document)


def test_database_has_matches_text_with_other_whitespace(store: Store) -> None:
    report = make_report("a", text="Shelling hit the town.  Five died.\n")
    store.add(report.document, report)
    same = Document(id="z", text="Shelling hit the town. Five died.")
    other = Document(id="y", text="Shelling hit the city. Five died.")
    assert store.has(same)
    assert not store.has(other)


def test_database_failed_add_stores_nothing(store: Store) -> None:
    report = make_report("a", events=[EventSpec(), EventSpec()])
    report.events[1].id = report.events[0].id  # a duplicate key makes the insert fail half-way
    with pytest.raises(SitrepError) as raised:
        store.add(report.document, report)
    assert raised.value.code == "E075"
    assert store.count_documents() == 0
    assert store.count_events() == 0
    assert store.count_claims() == 0


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (Query(), {"a#e1", "b#e1", "b#e2", "c#e1"}),
        (Query(since=date(2019, 7, 2)), {"b#e1", "c#e1"}),  # b#e2: its article's day
        (Query(until=date(2019, 7, 4)), {"a#e1", "b#e2"}),
        (Query(since=date(2019, 7, 1), until=date(2019, 7, 31)), {"a#e1", "b#e1", "b#e2"}),
        (Query(bbox=(35.0, 33.0, 38.0, 37.0)), {"a#e1", "b#e1"}),
        (Query(bbox=(30.0, 50.0, 31.0, 51.0)), {"c#e1"}),
        (Query(bbox=(170.0, -10.0, -170.0, 10.0)), set()),  # across the antimeridian
        (Query(event_type="battles"), {"a#e1", "b#e2", "c#e1"}),
        (Query(event_type="Air/drone strike"), {"b#e1"}),
        (Query(sub_event_type="Armed clash"), {"a#e1", "b#e2", "c#e1"}),
        (Query(actor="russ"), {"b#e1", "c#e1"}),
        (Query(actor="ukraine"), {"c#e1"}),
        (Query(actor="%"), set()),  # wildcards are literal
        (Query(actor="belarus"), {"c#e1"}),  # an associated actor of either side
        (Query(actor="territorial"), {"c#e1"}),
        (Query(outlet="reuters"), {"b#e1", "b#e2"}),
        (Query(outlet="Reut"), set()),  # whole names only
        (Query(place="Idlib"), {"b#e1"}),
        (Query(place="Kyiv City"), {"c#e1"}),
        (Query(text="fighting"), {"a#e1", "b#e1", "b#e2", "c#e1"}),
        (Query(text="no such words"), set()),
        (Query(event_type="Battles", actor="Russia", since=date(2020, 1, 1)), {"c#e1"}),
        (Query(min_corroboration=2), set()),
    ],
)
def test_database_event_filters(store: Store, query: Query, expected: set[str]) -> None:
    _fill(store)
    rows = store.events(query, limit=None)
    assert {f"{r['doc_id']}#{r['event_id']}" for r in rows} == expected
    assert store.count_events(query) == len(expected)


@pytest.mark.parametrize(
    ("assoc1", "assoc2"),
    [
        (("Belarus",), ()),
        (("Belarus", "Wagner Group"), ("Territorial Defence Forces",)),
        ((), ()),  # none named: empty lists, empty ACLED cells
    ],
)
def test_database_keeps_associated_actors(
    store: Store, assoc1: tuple[str, ...], assoc2: tuple[str, ...]
) -> None:
    from sitrep.store.export import write_rows

    spec = EventSpec(actor1="Russia", actor2="Ukraine", assoc_actor1=assoc1, assoc_actor2=assoc2)
    store.add(*_pair("a", events=[spec]))
    [row] = store.events()
    assert (row["assoc_actor1"], row["assoc_actor2"]) == (list(assoc1), list(assoc2))
    stream = io.StringIO()
    write_rows(store.events(), "acled", stream, store=store)
    [acled] = list(csv.DictReader(io.StringIO(stream.getvalue())))
    assert acled["assoc_actor_1"] == "; ".join(assoc1)
    assert acled["assoc_actor_2"] == "; ".join(assoc2)


def test_database_events_newest_first_and_paged(store: Store) -> None:
    _fill(store)
    keys = [f"{r['doc_id']}#{r['event_id']}" for r in store.events(limit=None)]
    assert keys == ["c#e1", "b#e1", "a#e1", "b#e2"]  # a day's ties by document
    page = store.events(limit=2, offset=1)
    assert [f"{r['doc_id']}#{r['event_id']}" for r in page] == keys[1:3]
    assert store.events(limit=None, offset=3)[0]["doc_id"] == keys[3].split("#")[0]


def test_database_undated_event_takes_article_day(store: Store) -> None:
    _fill(store)
    rows = store.events(Query(since=date(2019, 7, 1), until=date(2019, 7, 1)))
    by_key = {f"{r['doc_id']}#{r['event_id']}": r for r in rows}
    assert set(by_key) == {"a#e1", "b#e2"}
    assert by_key["b#e2"]["date"] is None  # filtered by its article's day, not dated by it


@pytest.mark.parametrize(
    ("table", "query", "count"),
    [
        ("deployments", Query(actor="syria"), 3),
        ("deployments", Query(event_type="base"), 3),
        ("deployments", Query(event_type="withdrawn"), 0),
        ("deployments", Query(bbox=(30.0, 50.0, 31.0, 51.0)), 1),
        ("claims", Query(actor="reuters"), 1),
        ("claims", Query(since=date(2022, 1, 1)), 1),
        ("claims", Query(bbox=(0.0, 0.0, 1.0, 1.0)), 3),  # claims have no place: no filter
        ("places", Query(place="Homs"), 1),
        ("actors", Query(actor="rebels"), 3),
    ],
)
def test_database_other_tables_filter(store: Store, table: str, query: Query, count: int) -> None:
    _fill(store)
    assert store.count(table, query) == count
    assert len(store.rows(table, query)) == count


def test_database_sources_and_documents(store: Store) -> None:
    _fill(store)
    sources = store.sources()
    assert sources[0] == {
        "outlet": "Reuters",
        "documents": 1,
        "events": 2,
        "first": "2019-07-01",
        "last": "2019-07-05",
    }
    assert [d["doc_id"] for d in store.documents()] == ["c", "a", "b"]  # newest, then by id
    full = store.document("b")
    assert full is not None and full["report"]["document"]["id"] == "b"
    assert full["text"].startswith("Fighting")
    assert store.document("missing") is None


def test_database_frames(store: Store) -> None:
    _fill(store)
    frame = store.events_frame(Query(outlet="Reuters"))
    assert len(frame) == 2
    assert {"event_id", "killed", "n_outlets"} <= set(frame.columns)
    assert len(store.deployments_frame()) == 3
    assert len(store.claims_frame(Query(actor="nobody"))) == 0


def test_database_remove_deletes_every_row(store: Store) -> None:
    _fill(store)
    assert store.remove("b")
    assert not store.remove("b")
    assert store.count_documents() == 2
    assert store.count_events(Query(outlet="Reuters")) == 0
    assert store.count_claims(Query(actor="reuters")) == 0


def test_database_reopen_keeps_rows(store_location: StoreLocation) -> None:
    with open_store(store_location.location, schema=store_location.schema) as first:
        _fill(first)
    with open_store(store_location.location, schema=store_location.schema) as again:
        assert again.count_events() == 4
        assert again.count_documents() == 3


def test_database_rows_equal_across_backends(store: Store, tmp_path: Any) -> None:
    """Whatever the backend, the rows read back are the ones SQLite gives."""
    _fill(store)
    with open_store(tmp_path / "reference.db") as reference:
        _fill(reference)
        assert store.events(limit=None) == reference.events(limit=None)
        assert store.claims(limit=None) == reference.claims(limit=None)


def test_database_bad_location_is_a_clear_error(tmp_path: Any) -> None:
    folder = tmp_path / "a-folder"
    folder.mkdir()
    with pytest.raises(SitrepError) as raised:
        open_store(folder)
    assert raised.value.code == "E070"
    with pytest.raises(SitrepError) as raised:
        open_store("postgresql://nobody@127.0.0.1:1/none")
    assert raised.value.code == "E070"


def test_database_recluster_merges_reports_of_one_event(store: Store) -> None:
    same_day = date(2019, 7, 5)
    for doc_id, outlet, killed in (("r1", "Reuters", 12), ("r2", "AFP", 20), ("r3", "AFP", 12)):
        spec = EventSpec(
            "Explosions/Remote violence",
            "Air/drone strike",
            actor1="Russia",
            actor2="Civilians",
            place=IDLIB,
            day=same_day,
            killed=killed,
        )
        report = make_report(
            doc_id, outlet=outlet, events=[spec], text=f"Air strikes hit Idlib, {doc_id} reports."
        )
        store.add(report.document, report)
    other = make_report("far", outlet="SANA", events=[EventSpec(place=KYIV, day=same_day)])
    store.add(other.document, other)
    assert store.count_events(Query(min_corroboration=2)) == 0
    clusters = store.recluster()
    assert clusters == 2
    merged = store.events(Query(min_corroboration=2), limit=None)
    assert {r["doc_id"] for r in merged} == {"r1", "r2", "r3"}
    assert {r["cluster_id"] for r in merged} == {"r1#e1"}
    assert all(r["n_reports"] == 3 and r["n_outlets"] == 2 for r in merged)
    assert all(r["contradicted"] for r in merged)  # 12 killed against 20
    assert merged[0]["contradictions"][0]["field"] == "killed"
    [alone] = store.events(Query(outlet="SANA"))
    assert (alone["cluster_id"], alone["n_reports"], alone["contradicted"]) == ("far#e1", 1, False)
    # Incremental: only the window around the given days is recomputed, with the same result.
    assert store.recluster(since=same_day, until=same_day) == 2
    assert store.count_events(Query(min_corroboration=2)) == 3


def _cluster_state(store: Store) -> dict[tuple[str, str], tuple[str, int]]:
    return {
        (r["doc_id"], r["event_id"]): (r["cluster_id"], r["n_reports"])
        for r in store.events(limit=None)
    }


def test_database_incremental_recluster_rewrites_the_partners_outside_the_window(
    store: Store,
) -> None:
    """A new report pulls a member out of a cluster whose other member lies outside the window.

    ``early`` and ``middle`` are month-precise dates 15 days apart (one
    cluster); ``late`` is 14 days after ``middle`` and too far from
    ``early``, so the three cannot be one. The incremental run after
    ``late`` sees ``middle`` but not ``early``: it must rewrite ``early`` too,
    as a full run would, never leave it counting a partner that moved.
    """
    strike = EventSpec(
        "Explosions/Remote violence", "Air/drone strike", "Russia", "Civilians", IDLIB
    )
    days = {"early": date(2019, 6, 1), "middle": date(2019, 6, 16), "late": date(2019, 6, 30)}
    outlets = {"early": "Reuters", "middle": "AFP", "late": "SANA"}
    for name in ("early", "middle"):
        spec = dataclasses.replace(strike, day=days[name], precision=3)
        report = make_report(name, outlet=outlets[name], events=[spec], published=days[name])
        store.add(report.document, report)
    store.recluster()
    assert {v for v in _cluster_state(store).values()} == {("early#e1", 2)}

    spec = dataclasses.replace(strike, day=days["late"])
    late = make_report("late", outlet=outlets["late"], events=[spec], published=days["late"])
    store.add(late.document, late)
    store.recluster(since=days["late"], until=days["late"])
    incremental = _cluster_state(store)
    # Consistent: each cluster id is carried by as many events as it counts.
    for cluster_id, n_reports in incremental.values():
        carriers = [key for key, value in incremental.items() if value[0] == cluster_id]
        assert len(carriers) == n_reports, incremental
    store.recluster()
    assert incremental == _cluster_state(store)


def test_database_summary(store: Store) -> None:
    _fill(store)
    summary = store.summary()
    assert (summary["documents"], summary["events"], summary["deployments"]) == (3, 4, 3)
    assert summary["claims"] == 3
    assert summary["first_date"] == "2019-07-01" and summary["last_date"] == "2022-03-01"
    assert sum(d["count"] for d in summary["dates"]) == 4  # the undated event takes its article's
    assert [d["date"] for d in summary["dates"]] == sorted(d["date"] for d in summary["dates"])
    assert summary["event_types"][0] == {"name": "Battles", "count": 3}
    assert {a["name"] for a in summary["actors"]} == {"Rebels", "Syria"}
    narrowed = store.summary(Query(outlet="Reuters"))
    assert (narrowed["documents"], narrowed["events"]) == (3, 2)
    assert {t["name"] for t in narrowed["event_types"]} == {
        "Battles",
        "Explosions/Remote violence",
    }
    assert store.summary(Query(since=date(2030, 1, 1)))["first_date"] is None


def test_database_count_sources_matches_sources(store: Store) -> None:
    _fill(store)
    assert store.count_sources() == len(store.sources(limit=None)) == 3
    assert store.count_sources(Query(outlet="sana")) == 1


def test_database_reads_run_beside_a_write(store_location: StoreLocation) -> None:
    """Threads read concurrently, and during a transaction, which its own thread reads."""
    import threading
    from concurrent.futures import ThreadPoolExecutor

    with open_store(store_location.location, schema=store_location.schema) as store:
        _fill(store)
        inside: list[int] = []
        outside: list[int] = []
        started, finish = threading.Event(), threading.Event()

        def write() -> None:
            with store.backend.transaction():
                report = make_report("d", events=[EventSpec(place=HOMS)])
                store.add(report.document, report)
                inside.append(store.count_events())  # its own uncommitted row
                started.set()
                finish.wait(10)

        writer = threading.Thread(target=write)
        writer.start()
        assert started.wait(10)
        # The writer holds the write lock: these reads must not wait for it.
        with ThreadPoolExecutor(4) as pool:
            outside += pool.map(lambda _: store.count_events(), range(8))
        finish.set()
        writer.join(10)
        assert inside == [5] and outside == [4] * 8
        assert store.count_events() == 5
