"""Tests of sitrep.corpus.distributed: the per-document function on a real Dask LocalCluster.

The machine has 2 shared cores: each cluster here has 2 single-thread worker
processes, every wait is bounded by a timeout, and every cluster is closed
(checked: no child process is left behind).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import psutil
import pytest

from sitrep.api import Extractor
from sitrep.corpus.distributed import (
    PARQUET_TABLES,
    extract_batch,
    extract_distributed,
    read_parquet_table,
    worker_extractor,
)
from sitrep.errors import SitrepError
from sitrep.settings import Settings
from sitrep.types import Document, Report

pytestmark = pytest.mark.model

ARTICLES = [
    "Government forces shelled the town of Kafr Nabl on Monday, killing seven civilians, "
    "the local civil defence said.",
    "Rebels attacked an army checkpoint near Hama on Tuesday. Three soldiers were killed in "
    "the clashes, a military source told state media.",
    "An air strike on a market in Idlib killed at least 15 people on Wednesday, according to "
    "a war monitor.",
    "Protesters gathered in Daraa on Friday to demand the release of detainees.",
    "A car bomb exploded in the city of Azaz on Saturday, killing nine people and wounding "
    "dozens, a hospital official said.",
    "Kurdish-led forces said they had captured two villages east of Raqqa from Islamic State "
    "militants after heavy fighting.",
    "Russian warplanes struck positions in the Latakia countryside overnight, the defence "
    "ministry in Moscow said.",
    "The two sides agreed a ceasefire in the southern city of Daraa on Sunday, officials said.",
    "Unidentified gunmen shot dead a local council member in Deir ez-Zor on Thursday.",
]


@pytest.fixture(scope="module")
def documents(example_text: str) -> list[Document]:
    docs = [
        Document(id=f"doc-{n}", text=text, outlet=f"outlet {n % 3}", published=date(2017, 3, 6))
        for n, text in enumerate(ARTICLES)
    ]
    return [Document(id="example", text=example_text, published=date(2019, 7, 1)), *docs]


def _children() -> set[tuple[int, str]]:
    """Child processes, less multiprocessing's own helpers (they live as long as we do)."""
    found = set()
    for process in psutil.Process().children(recursive=True):
        try:
            command = " ".join(process.cmdline())
        except psutil.Error:  # ended while we looked
            continue
        if "resource_tracker" not in command and "forkserver" not in command:
            found.add((process.pid, command[:200]))
    return found


def test_distributed_results_equal_a_single_process_run(
    documents: list[Document], extractor: Extractor, tmp_path: Path
) -> None:
    expected = [report.to_dict() for report in extractor.extract_many(documents)]
    before = _children()
    results = list(
        extract_distributed(
            documents,
            settings=Settings(),
            batch_size=3,
            n_workers=2,
            parquet_dir=tmp_path,
            timeout=600,
        )
    )
    assert _children() <= before, "the local cluster's processes outlived the run"
    assert [document.id for document, _ in results] == [d.id for d in documents]
    reports = [result for _, result in results]
    assert all(isinstance(r, Report) for r in reports), reports
    assert [r.to_dict() for r in reports if isinstance(r, Report)] == expected

    # one Parquet partition per batch (4 batches of 3, 3, 3, 1 documents)
    events = read_parquet_table(tmp_path, "events")
    assert len(events) == sum(len(r["events"]) for r in expected) > 0
    assert set(events["doc_id"]) <= {d.id for d in documents}
    assert sorted(p.name for p in (tmp_path / "events").iterdir()) == [
        f"part-{n:05d}.parquet" for n in range(4)
    ]
    for table in PARQUET_TABLES:
        frame = read_parquet_table(tmp_path, table)
        assert len(frame) == sum(len(r[table]) for r in expected)


@pytest.fixture(scope="module")
def scheduler_address() -> Iterator[str]:
    """A running cluster of 2 single-thread workers, reached by address as a remote one would be."""
    from distributed import LocalCluster

    cluster = LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        silence_logs=40,
    )
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()


def test_distributed_runs_on_a_cluster_given_by_address(
    scheduler_address: str, documents: list[Document], extractor: Extractor
) -> None:
    chosen = documents[1:4]
    expected = [report.to_dict() for report in extractor.extract_many(chosen)]
    results = list(
        extract_distributed(chosen, address=scheduler_address, batch_size=2, timeout=600)
    )
    assert [d.id for d, _ in results] == [d.id for d in chosen]
    assert [r.to_dict() for _, r in results if isinstance(r, Report)] == expected
    # the cluster is not ours: it is left running for its owner
    from distributed import Client

    with Client(scheduler_address, timeout=30) as client:
        assert len(client.scheduler_info()["workers"]) == 2


def test_distributed_lost_batch_is_an_error_per_document(
    scheduler_address: str, documents: list[Document]
) -> None:
    # No batch can finish in a millisecond: every one is reported lost, none ends the run.
    results = list(
        extract_distributed(documents[:4], address=scheduler_address, batch_size=2, timeout=0.001)
    )
    assert [d.id for d, _ in results] == [d.id for d in documents[:4]]
    for document, result in results:
        assert isinstance(result, SitrepError)
        assert result.code == "E011"
        assert document.id in str(result)


@pytest.mark.parametrize("batch_size", [0, -1])
def test_distributed_refuses_an_empty_batch(batch_size: int) -> None:
    with pytest.raises(SitrepError, match="batch_size"):
        next(extract_distributed([], batch_size=batch_size))


def test_distributed_unreachable_scheduler_is_a_clear_error() -> None:
    # port 9 on loopback: nothing listens there
    with pytest.raises(SitrepError, match=r"E090.*tcp://127\.0\.0\.1:9"):
        next(
            extract_distributed(
                [Document(id="a", text="text")], address="tcp://127.0.0.1:9", connect_timeout=2
            )
        )


def test_distributed_no_documents_start_no_cluster() -> None:
    before = _children()
    started = time.perf_counter()
    assert list(extract_distributed(iter([]))) == []
    assert time.perf_counter() - started < 1.0
    assert _children() <= before


def test_distributed_failing_document_does_not_sink_its_batch(
    extractor: Extractor, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sitrep.corpus import distributed

    strict = Settings(strict_language=True)
    # the worker cache, filled as a worker's first task would fill it
    strict_extractor = Extractor(strict, gazetteer=extractor.gazetteer, nlp=extractor.nlp)
    monkeypatch.setitem(distributed._extractors, strict, strict_extractor)
    assert worker_extractor(strict) is strict_extractor
    batch = [
        Document(id="en", text=ARTICLES[0]),
        Document(
            id="fr",
            text="Les forces gouvernementales ont bombardé la ville lundi, tuant sept civils, "
            "a déclaré la défense civile locale dans un communiqué publié dans la soirée. "
            "Les habitants ont fui vers le nord de la province pendant la nuit.",
        ),
        Document(id="en2", text=ARTICLES[2]),
    ]
    items = extract_batch(batch, strict)
    results: list[Any] = [distributed._as_result(item) for item in items]
    assert isinstance(results[0], Report)
    assert isinstance(results[2], Report)
    assert isinstance(results[1], SitrepError)
    assert results[1].code == "E010"
    assert "fr" in str(results[1])
