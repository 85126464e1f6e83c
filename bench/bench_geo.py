"""Benchmark geocoding: gazetteer load time and memory, and geocoding's share of a document.

Run: ``python bench/bench_geo.py [--docs N]``. Prints a small table. The
share compares, in the same run and on the same documents, the spaCy
pipeline (model + sitrep stages) with toponym recognition and resolution.
"""

from __future__ import annotations

import argparse
import resource
import time
import tracemalloc
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "aleppo-russia-iran.txt"
GEOVIRUS = ROOT.parent / "shared" / "eval" / "geo" / "GeoVirus.xml"


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _current_rss_mb() -> float | None:
    """Resident memory now (Linux ``/proc``), which counts SQLite's own allocations too."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return pages * resource.getpagesize() / 1e6


def main() -> None:
    """Measure and print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=30, help="documents to time (default 30)")
    args = parser.parse_args()

    from sitrep.geo.gazetteer import Gazetteer

    Gazetteer.load()  # make sure the index exists before timing a load
    rss_before = _current_rss_mb()
    tracemalloc.start()
    started = time.perf_counter()
    gazetteer = Gazetteer.load()
    load_s = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_after = _current_rss_mb()
    load_rss = (
        f", resident +{rss_after - rss_before:.1f} MB"
        if rss_before is not None and rss_after is not None
        else ""
    )

    from sitrep.api import Extractor
    from sitrep.geo.resolve import resolve_toponyms

    extractor = Extractor(gazetteer=gazetteer)
    texts = [EXAMPLE.read_text(encoding="utf-8")]
    if GEOVIRUS.is_file():
        from sitrep.eval.geo import read_gold

        texts += [a.text for a in read_gold(GEOVIRUS)]
    texts = (texts * (1 + args.docs // len(texts)))[: args.docs]

    recognizer: Any = extractor.nlp.get_pipe("sitrep_toponyms")
    pipeline_s = recognize_s = resolve_s = 0.0
    chars = toponyms = 0
    found_all = []
    for text in texts:
        t0 = time.perf_counter()
        doc = extractor.nlp(text)
        t1 = time.perf_counter()
        found = recognizer.match(doc)
        found_all.append(found)
        t2 = time.perf_counter()
        resolve_toponyms(found, text, gazetteer)
        t3 = time.perf_counter()
        pipeline_s += t1 - t0
        recognize_s += t2 - t1
        resolve_s += t3 - t2
        chars += len(text)
        toponyms += len(found)
    # Loose matching loads each focus country's names once per process: time a warm pass too.
    started = time.perf_counter()
    for text, found in zip(texts, found_all, strict=True):
        resolve_toponyms(found, text, gazetteer)
    warm_resolve_s = time.perf_counter() - started
    geo_s = recognize_s + resolve_s
    rows = [
        (
            "gazetteer index",
            f"{gazetteer.path.stat().st_size / 1e6:.0f} MB, {gazetteer.size():,} entries",
        ),
        ("gazetteer load", f"{load_s * 1000:.0f} ms, peak {peak / 1e6:.1f} MB traced{load_rss}"),
        ("process max RSS", f"{_rss_mb():.0f} MB (model + gazetteer + Python)"),
        (
            "documents",
            f"{len(texts)} ({chars / len(texts):.0f} chars, "
            f"{toponyms / len(texts):.1f} toponyms each)",
        ),
        ("full pipeline / doc", f"{pipeline_s / len(texts) * 1000:.1f} ms"),
        ("toponym recognition / doc", f"{recognize_s / len(texts) * 1000:.1f} ms"),
        ("resolution / doc (cold)", f"{resolve_s / len(texts) * 1000:.1f} ms"),
        ("resolution / doc (warm)", f"{warm_resolve_s / len(texts) * 1000:.1f} ms"),
        (
            "geocoding share (cold)",
            f"{geo_s / (pipeline_s + resolve_s):.1%} of pipeline + resolution",
        ),
        (
            "geocoding share (warm)",
            f"{(recognize_s + warm_resolve_s) / (pipeline_s + warm_resolve_s):.1%}",
        ),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"{'measure':<{width}}  value")
    print(f"{'-' * width}  {'-' * 40}")
    for name, value in rows:
        print(f"{name:<{width}}  {value}")


if __name__ == "__main__":
    main()
