"""Latency of ``GET /api/events`` on a store of 100k events, under a bounded concurrent load.

Method: a SQLite store is filled from real extractions (the example article
and a short dispatch, extracted by the real pipeline): ``--docs`` copies of
them are stored with ``Store.add`` (distinct ids, outlets and publication
dates), then the store holds ``--events`` events in all, the rest being the
real event rows repeated with their dates spread over two years and their
points jittered by up to half a degree (``Store.bulk_insert``). The store
is built once and reused (``--db``). ``sitrep serve`` then runs in its own
process (one uvicorn worker) on a free loopback port, and ``--clients``
asyncio clients (httpx) send ``--requests`` requests in all (or stop after
``--max-seconds``), cycling through a mix of queries (first page, type filter, bounding box, date
range, GeoJSON, a deep page); each client waits for its answer before
sending the next, so at most ``--clients`` requests are in flight.
The run stops by itself after the last request.

Output: p50 / p90 / p99 / max latency per query and overall, requests per
second, written as JSON to ``bench/results/bench_api.json`` and printed.
Limits: client and server share the machine's cores; numbers are for
loopback, no TLS, SQLite on local disk.

Usage: python bench/bench_api.py [--events 100000] [--clients 8] [--requests 700]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
EXAMPLE = ROOT / "examples" / "aleppo-russia-iran.txt"
SECOND_ARTICLE = (
    "KHARTOUM, May 4 (Desert Wire) - Heavy clashes broke out on Saturday between the "
    "Sudanese army and the Rapid Support Forces in the city of Omdurman, killing 12 "
    "civilians, a local medical source said. Artillery shelling hit the Karari district "
    "of Omdurman, residents told reporters."
)
OUTLETS = [f"Outlet {i:02d}" for i in range(20)]
START = date(2023, 1, 1)
SPAN_DAYS = 730

QUERIES: dict[str, str] = {
    "first page": "/api/events?limit=100",
    "type": "/api/events?type=Battles&limit=100",
    "bbox": "/api/events?bbox=36.0,35.5,38.0,37.0&limit=100",
    "dates": "/api/events?since=2024-03-01&until=2024-03-31&limit=100",
    "outlet+corroboration": "/api/events?outlet=Outlet%2007&min_corroboration=1&limit=100",
    "geojson": "/api/events.geojson?limit=100",
    "deep page": "/api/events?limit=100&offset=50000",
}


def build_store(path: Path, n_events: int, n_docs: int, seed: int = 7) -> int:
    """Fill a new SQLite store at ``path`` with ``n_events`` events; return the count."""
    from sitrep.api import Extractor
    from sitrep.store import open_store
    from sitrep.store.rows import event_rows
    from sitrep.types import Document

    rng = random.Random(seed)
    extractor = Extractor()
    bases = [
        Document(id="base-aleppo", text=EXAMPLE.read_text(encoding="utf-8")),
        Document(id="base-omdurman", text=SECOND_ARTICLE),
    ]
    reports = [extractor.extract_document(d) for d in bases]
    if path.exists():
        path.unlink()
    with open_store(path) as store:
        doc_ids: list[tuple[str, str, date]] = []
        for i in range(n_docs):
            k = i % len(bases)
            published = START + timedelta(days=rng.randrange(SPAN_DAYS))
            outlet = OUTLETS[i % len(OUTLETS)]
            document = replace(
                bases[k],
                id=f"doc-{i:05d}",
                text=f"{bases[k].text}\n[copy {i}]",
                outlet=outlet,
                published=published,
                url=f"https://example.org/{i}",
            )
            report = replace(reports[k], document=document)
            store.add(document, report)
            doc_ids.append((document.id, outlet, published))
        templates = [row for report in reports for row in event_rows(report)]
        remaining = n_events - store.count_events()
        batch: list[dict[str, Any]] = []
        for j in range(max(remaining, 0)):
            row = dict(rng.choice(templates))
            doc_id, outlet, published = doc_ids[j % len(doc_ids)]
            day = START + timedelta(days=rng.randrange(SPAN_DAYS))
            row.update(
                doc_id=doc_id,
                id=f"x{j}",
                event_id=f"x{j}",
                outlet=outlet,
                published=published.isoformat(),
                date=day.isoformat(),
                cluster_id=f"{doc_id}#x{j}",
                n_reports=1,
                n_outlets=1,  # one outlet per document, as Store.add would count it
                corroboration=1,
            )
            if row.get("lat") is not None:
                row["lat"] = round(row["lat"] + rng.uniform(-0.5, 0.5), 5)
                row["lon"] = round(row["lon"] + rng.uniform(-0.5, 0.5), 5)
            batch.append(row)
            if len(batch) == 5000:
                store.bulk_insert("events", batch)
                batch = []
        store.bulk_insert("events", batch)
        return store.count_events()


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(db: Path, port: int) -> subprocess.Popen[bytes]:
    """``sitrep serve`` on ``db`` in its own process; returns once it answers."""
    sitrep = Path(sys.executable).with_name("sitrep")
    process = subprocess.Popen(
        [str(sitrep), "serve", "--db", str(db), "--port", str(port), "--tiles", "none"],
        env={**os.environ, "SITREP_LOG": "warning"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/config", timeout=1)
            return process
        except httpx.HTTPError:
            time.sleep(0.2)
    process.terminate()
    raise RuntimeError("sitrep serve did not start")


async def run_load(
    base: str, clients: int, requests: int, max_seconds: float
) -> dict[str, list[float]]:
    """Send ``requests`` requests from ``clients`` concurrent clients; latencies (ms) per query.

    Clients stop taking new requests after ``max_seconds`` (the run always ends).
    """
    names = list(QUERIES)
    latencies: dict[str, list[float]] = {name: [] for name in names}
    counter = iter(range(requests))
    failures: list[str] = []

    deadline = time.monotonic() + max_seconds

    async def client(session: httpx.AsyncClient) -> None:
        for i in counter:
            if time.monotonic() > deadline:
                return
            name = names[i % len(names)]
            started = time.perf_counter()
            response = await session.get(base + QUERIES[name])
            latencies[name].append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                failures.append(f"{name}: {response.status_code}")

    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(limits=limits, timeout=60) as session:
        for name in names:  # warm up: one of each, not timed
            await session.get(base + QUERIES[name])
        await asyncio.gather(*(client(session) for _ in range(clients)))
    if failures:
        raise RuntimeError(f"{len(failures)} requests failed, e.g. {failures[:3]}")
    return latencies


def percentile(values: list[float], q: float) -> float:
    """The ``q`` quantile (0..1) of ``values``, nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered)) - 1))]


def summarise(values: list[float]) -> dict[str, float]:
    """p50, p90, p99, max and mean of latencies in ms."""
    return {
        "n": len(values),
        "p50_ms": round(percentile(values, 0.50), 2),
        "p90_ms": round(percentile(values, 0.90), 2),
        "p99_ms": round(percentile(values, 0.99), 2),
        "max_ms": round(max(values), 2),
        "mean_ms": round(statistics.fmean(values), 2),
    }


def main() -> None:
    """Build (or reuse) the store, start the server, run the load, print and save the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000, help="events in the store")
    parser.add_argument("--docs", type=int, default=500, help="documents stored with Store.add")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients")
    parser.add_argument("--requests", type=int, default=700, help="requests in all")
    parser.add_argument(
        "--max-seconds", type=float, default=300, help="stop sending new requests after this"
    )
    parser.add_argument(
        "--db", type=Path, default=RESULTS / "bench_api.db", help="store file (reused when full)"
    )
    args = parser.parse_args()
    args.db.parent.mkdir(parents=True, exist_ok=True)

    from sitrep.store import open_store

    count = 0
    if args.db.exists():
        with open_store(args.db) as store:
            count = store.count_events()
    if count != args.events:
        started = time.perf_counter()
        count = build_store(args.db, args.events, args.docs)
        print(f"built {args.db}: {count} events in {time.perf_counter() - started:.1f} s")

    port = free_port()
    server = start_server(args.db, port)
    try:
        started = time.perf_counter()
        latencies = asyncio.run(
            run_load(f"http://127.0.0.1:{port}", args.clients, args.requests, args.max_seconds)
        )
        elapsed = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=30)

    every = [v for values in latencies.values() for v in values]
    result = {
        "events_in_store": count,
        "clients": args.clients,
        "requests": len(every),
        "seconds": round(elapsed, 2),
        "requests_per_second": round(len(every) / elapsed, 1),
        "overall": summarise(every),
        "per_query": {name: summarise(values) for name, values in latencies.items()},
        "queries": QUERIES,
        "cpus": os.cpu_count(),
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "bench_api.json").write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
