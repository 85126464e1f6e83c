"""Benchmark the store: query latency at 100k events, on SQLite and PostgreSQL.

Run: ``python bench/bench_store.py [--events 100000] [--texts 30] [--postgres URL]``.

The events are real extractions multiplied: the first ``--texts`` FA-KES dev
articles (``../shared/eval/fakes-dev.csv``) are extracted once, and their
event rows are replicated, each copy with its date shifted by up to ±8 years
and its place moved by up to ±3 degrees, and a document of its own from one
of 40 outlets, until ``--events`` rows exist. They are bulk-loaded (with the
schema's indexes) into a fresh SQLite file and, when a PostgreSQL URL is
given (``--postgres``, else ``$SITREP_TEST_POSTGRES``), into a fresh schema
there. Then each query runs ``--repeat`` times and p50 / p99 latencies are
printed:

- ``filtered``: one event type in a one-year window, newest 100 rows;
- ``bbox``: events in a 2°×2° box, newest 100 rows;
- ``count``: how many events of one type since a day;
- ``actor+outlet``: part of an actor's name and one outlet, newest 100 rows;
- ``place count``: how many events in one governorate (no index: a scan);
- ``text``: a word of the evidence sentence, newest 100 rows (no index);
- ``offset``: the page at offset 50,000 of all events.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
FAKES = ROOT.parent / "shared" / "eval" / "fakes-dev.csv"
OUTLETS = [f"Outlet {n:02d}" for n in range(40)]
QUERY_NAMES = ("filtered", "bbox", "count", "actor+outlet", "place count", "text", "offset")


def extract_templates(path: Path, texts: int) -> list[list[dict[str, Any]]]:
    """Event rows of the first ``texts`` articles that have events (one list per article)."""
    from sitrep.api import Extractor
    from sitrep.store.rows import event_rows
    from sitrep.types import Document

    extractor = Extractor()
    templates: list[list[dict[str, Any]]] = []
    with path.open(encoding="utf-8") as handle:
        for number, record in enumerate(csv.DictReader(handle)):
            if len(templates) >= texts:
                break
            published = _fakes_date(record.get("date", ""))
            document = Document(
                id=f"fakes-{number}",
                text=record["article_content"],
                title=record.get("article_title"),
                outlet=record.get("source"),
                published=published,
            )
            rows = event_rows(extractor.extract_document(document))
            if rows:
                templates.append(rows)
    return templates


def _fakes_date(text: str) -> date | None:
    try:
        month, day, year = (int(part) for part in text.split("/"))
        return date(2000 + year if year < 100 else year, month, day)
    except ValueError:
        return None


def replicate(
    templates: list[list[dict[str, Any]]], n_events: int, seed: int = 7
) -> tuple[list[tuple[Any, ...]], list[dict[str, Any]]]:
    """Document rows and event rows: copies of the templates, shifted in time and space."""
    rng = random.Random(seed)
    documents: list[tuple[Any, ...]] = []
    events: list[dict[str, Any]] = []
    copy = 0
    while len(events) < n_events:
        template = templates[copy % len(templates)]
        doc_id = f"{template[0]['doc_id']}~{copy}"
        shift = timedelta(days=rng.randint(-3000, 3000))
        dlat, dlon = rng.uniform(-3, 3), rng.uniform(-3, 3)
        outlet = rng.choice(OUTLETS)
        base_day = _day(template[0].get("published")) or date(2016, 1, 1)
        published = (base_day + shift).isoformat()
        documents.append((doc_id, f"bench-{copy}", outlet, published, "{}"))
        for row in template:
            if len(events) >= n_events:
                break
            new = dict(row)
            new.update(doc_id=doc_id, outlet=outlet, published=published)
            day = _day(row.get("date"))
            new["date"] = (day + shift).isoformat() if day else None
            if new.get("lat") is not None:
                new["lat"] = max(-89.0, min(89.0, float(new["lat"]) + dlat))
                new["lon"] = max(-179.0, min(179.0, float(new["lon"]) + dlon))
            new["cluster_id"] = f"{doc_id}#{row['event_id']}"
            events.append(new)
        copy += 1
    return documents, events


def _day(value: Any) -> date | None:
    if isinstance(value, str) and value:
        return date.fromisoformat(value[:10])
    return None


def load(store: Any, documents: list[tuple[Any, ...]], events: list[dict[str, Any]]) -> float:
    """Bulk-load the rows; return the seconds it took."""
    started = time.perf_counter()
    json_mark = "CAST(? AS JSON)" if store.dialect == "postgresql" else "?"
    with store.backend.transaction():
        store.backend.executemany(
            "INSERT INTO documents (doc_id, content_hash, outlet, published, text, report) "
            f"VALUES (?, ?, ?, ?, '', {json_mark})",
            documents,
        )
    for start in range(0, len(events), 10_000):
        store.bulk_insert("events", events[start : start + 10_000])
    # PostgreSQL: VACUUM sets the visibility map, without which index-only scans
    # read the table anyway (autovacuum would do it later on a live store).
    store.backend.execute("VACUUM ANALYZE" if store.dialect == "postgresql" else "ANALYZE")
    return time.perf_counter() - started


def timed(run: Callable[[], Any], repeat: int) -> tuple[float, float, Any]:
    """p50 and p99 latency in milliseconds, and the last result."""
    run()  # warm the caches once
    latencies = []
    result = None
    for _ in range(repeat):
        started = time.perf_counter()
        result = run()
        latencies.append((time.perf_counter() - started) * 1000)
    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, round(0.99 * (len(latencies) - 1)))]
    return statistics.median(latencies), p99, result


def queries(rng: random.Random) -> dict[str, Callable[[Any], Any]]:
    """The measured queries, each drawing fresh parameters per call."""
    from sitrep.store import Query

    def filtered(store: Any) -> Any:
        year = rng.randint(2009, 2023)
        query = Query(since=date(year, 1, 1), until=date(year, 12, 31), event_type="Battles")
        return len(store.events(query, limit=100))

    def bbox(store: Any) -> Any:
        west, south = rng.uniform(33, 40), rng.uniform(31, 37)
        return len(store.events(Query(bbox=(west, south, west + 2, south + 2)), limit=100))

    def count(store: Any) -> Any:
        since = date(rng.randint(2009, 2023), 1, 1)
        return store.count_events(Query(event_type="Explosions/Remote violence", since=since))

    def actor_outlet(store: Any) -> Any:
        query = Query(actor="syria", outlet=rng.choice(OUTLETS))
        return len(store.events(query, limit=100))

    def place_count(store: Any) -> Any:
        return store.count_events(Query(place=rng.choice(["Aleppo", "Idlib", "Homs", "Damascus"])))

    def text(store: Any) -> Any:
        query = Query(text=rng.choice(["killed", "shelling", "clashes", "strikes"]))
        return len(store.events(query, limit=100))

    def offset(store: Any) -> Any:
        return len(store.events(limit=100, offset=50_000))

    return {
        "filtered": filtered,
        "bbox": bbox,
        "count": count,
        "actor+outlet": actor_outlet,
        "place count": place_count,
        "text": text,
        "offset": offset,
    }


def measure(store: Any, repeat: int) -> dict[str, dict[str, float]]:
    """Latency figures of every query on one store."""
    rng = random.Random(11)
    figures = {}
    for name, run in queries(rng).items():
        p50, p99, result = timed(lambda run=run: run(store), repeat)
        figures[name] = {"p50_ms": round(p50, 2), "p99_ms": round(p99, 2), "rows": result}
    return figures


def main() -> None:
    """Build the stores, measure, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=100_000, help="events to load")
    parser.add_argument("--texts", type=int, default=30, help="FA-KES articles to extract")
    parser.add_argument("--repeat", type=int, default=200, help="runs per query")
    parser.add_argument("--data", type=Path, default=FAKES, help="FA-KES CSV")
    parser.add_argument(
        "--postgres",
        default=None,
        help="PostgreSQL URL (default: $SITREP_TEST_POSTGRES; none: SQLite only)",
    )
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args()

    import os

    from sitrep.store import open_store

    started = time.perf_counter()
    templates = extract_templates(args.data, args.texts)
    n_template_events = sum(len(t) for t in templates)
    print(
        f"extracted {len(templates)} articles with {n_template_events} events "
        f"in {time.perf_counter() - started:.1f} s"
    )
    documents, events = replicate(templates, args.events)
    print(f"replicated to {len(events)} events in {len(documents)} documents")

    results: dict[str, Any] = {"events": len(events), "documents": len(documents)}
    with tempfile.TemporaryDirectory() as folder:
        with open_store(Path(folder) / "bench.db") as store:
            seconds = load(store, documents, events)
            results["sqlite"] = {"load_s": round(seconds, 1), **measure(store, args.repeat)}
        url = args.postgres or os.environ.get("SITREP_TEST_POSTGRES")
        if url:
            schema = f"bench_{os.getpid()}"
            try:
                with open_store(url, schema=schema) as store:
                    seconds = load(store, documents, events)
                    results["postgresql"] = {
                        "load_s": round(seconds, 1),
                        "postgis": store.postgis,
                        **measure(store, args.repeat),
                    }
            finally:
                from sitrep.store.backends import connect

                backend = connect(url)
                backend.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
                backend.close()

    print(f"\nquery latency at {len(events):,} events ({args.repeat} runs each):")
    print(f"{'backend':<12}{'query':<15}{'p50 ms':>9}{'p99 ms':>9}{'rows':>9}")
    for backend in ("sqlite", "postgresql"):
        if backend not in results:
            continue
        print(f"{backend:<12}{'(bulk load)':<15}{results[backend]['load_s']:>9} s")
        for name in QUERY_NAMES:
            figure = results[backend][name]
            print(
                f"{backend:<12}{name:<15}{figure['p50_ms']:>9}{figure['p99_ms']:>9}"
                f"{figure['rows']:>9}"
            )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
