"""The per-document function mapped over a Dask cluster.

:func:`extract_distributed` cuts the documents into batches, sends each batch
to a Dask worker as one task, and yields ``(document, Report | SitrepError)``
in input order as the batches come back. With no ``address`` it starts a
:class:`distributed.LocalCluster` on this machine (worker processes, one
thread each: spaCy's pipeline holds the GIL); with an address it connects to
a running scheduler (``dask scheduler`` + ``dask worker`` on each machine,
sitrep installed everywhere) and runs the same code.

Each worker process builds one :class:`~sitrep.api.Extractor` per
:class:`~sitrep.settings.Settings` on its first task and keeps it in a
module-level cache (:func:`worker_extractor`), so the spaCy pipeline and the
gazetteer load once per process, not once per task. A document whose
extraction fails comes back as a :class:`SitrepError` (E011) in its place;
the batch and the run go on. With ``parquet_dir``, each batch's events,
deployments and claims are written as one Parquet partition per table
(``events/part-00000.parquet`` …) by the client as the batch arrives, so the
workers need no shared file system.

Limits: the client holds at most ``max_pending`` batches in flight, so memory
stays bounded on long inputs but a slow batch delays the yield of those after
it (input order is kept). Reports travel by pickle: a few tens of kB each.
"""

from __future__ import annotations

import itertools
import json
import math
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sitrep.errors import Errors, SitrepError
from sitrep.settings import Settings
from sitrep.types import Document, Report

if TYPE_CHECKING:
    import pandas as pd
    from distributed import Client

    from sitrep.api import Extractor

#: Tables written per batch under ``parquet_dir``.
PARQUET_TABLES: tuple[str, ...] = ("events", "deployments", "claims")

#: A failure as it travels back from a worker: (document id, code name, message details).
_Failure = tuple[str, str, dict[str, str]]

_extractors: dict[Settings, Extractor] = {}


def worker_extractor(settings: Settings) -> Extractor:
    """The extractor of this process for ``settings``, built on first use and kept.

    On a Dask worker this is the worker-level cache: the spaCy pipeline and
    the gazetteer are loaded by the first task and reused by every later one.
    """
    extractor = _extractors.get(settings)
    if extractor is None:
        from sitrep.api import Extractor

        extractor = Extractor(settings)
        _extractors[settings] = extractor
    return extractor


def _failure(document: Document, error: Exception) -> _Failure:
    if isinstance(error, SitrepError):
        return (document.id, error.code, {k: str(v) for k, v in error.details.items()})
    reason = f"{type(error).__name__}: {error}"
    return (document.id, Errors.E011.name, {"item": document.id, "reason": reason})


def extract_batch(documents: list[Document], settings: Settings) -> list[Report | _Failure]:
    """Extract one batch on a worker; a failing document becomes a failure record.

    The batch goes through ``Extractor.extract_many`` (spaCy's batched
    ``pipe``); when any document fails, the batch is redone one document at a
    time so that only the failing ones are lost. Failures travel as plain
    tuples because :class:`SitrepError` does not survive pickling.
    """
    extractor = worker_extractor(settings)
    try:
        return list(extractor.extract_many(documents))
    except Exception:  # one bad document: find it without losing the others
        results: list[Report | _Failure] = []
        for document in documents:
            try:
                results.append(extractor.extract_document(document))
            except Exception as error:
                results.append(_failure(document, error))
        return results


def _as_result(item: Report | _Failure) -> Report | SitrepError:
    if isinstance(item, Report):
        return item
    _, code, details = item
    try:
        return SitrepError(Errors[code], **details)
    except (KeyError, IndexError):  # a message whose fields did not travel
        return SitrepError(Errors.E011, item=item[0], reason=f"{code} {details}")


def _batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    iterator = iter(documents)
    while batch := list(islice(iterator, size)):
        yield batch


def _parquet_ready(frame: pd.DataFrame) -> pd.DataFrame:
    """Columns Parquet can store with one type per column in every partition.

    Lists and dicts become JSON text; integer columns become nullable
    ``Int64`` (a batch with a missing value must not turn them into floats).
    """
    import pandas as pd

    frame = frame.copy()
    for column in frame.columns:
        values = [v for v in frame[column].tolist() if v is not None and not _is_nan(v)]
        if not values:
            continue
        if all(isinstance(v, bool) for v in values):
            frame[column] = frame[column].astype("boolean")
        elif all(isinstance(v, int) and not isinstance(v, bool) for v in values):
            frame[column] = frame[column].astype("Int64")
        elif any(isinstance(v, list | dict | tuple) for v in values):
            frame[column] = pd.Series(
                [
                    None if v is None or _is_nan(v) else json.dumps(v, ensure_ascii=False)
                    for v in frame[column].tolist()
                ],
                index=frame.index,
                dtype=object,
            )
    return frame


def _is_nan(value: Any) -> bool:
    return isinstance(value, float) and math.isnan(value)


def write_parquet_partition(reports: list[Report], parquet_dir: Path, part: int) -> list[Path]:
    """Write one batch's events, deployments and claims as Parquet partitions.

    Files are ``<parquet_dir>/<table>/part-<part:05d>.parquet``; a table with
    no rows in this batch gets no file. Columns are those of
    :func:`sitrep.out.frames.reports_to_dataframe`; list and dict values are
    stored as JSON text. Read them back with :func:`read_parquet_table`.
    """
    from sitrep.out.frames import reports_to_dataframe

    written: list[Path] = []
    for table in PARQUET_TABLES:
        frame = reports_to_dataframe(reports, table)
        if frame.empty:
            continue
        folder = parquet_dir / table
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"part-{part:05d}.parquet"
        try:
            _parquet_ready(frame).to_parquet(path, index=False)
        except (OSError, ValueError, TypeError) as exc:
            raise SitrepError(Errors.E025, path=path, reason=exc) from exc
        written.append(path)
    return written


def read_parquet_table(parquet_dir: Path | str, table: str = "events") -> pd.DataFrame:
    """All partitions of one table as one DataFrame, schemas unified.

    A column that is empty in one batch is stored as nulls there; the
    partitions' schemas are merged so that it takes its type from the others.
    """
    import pandas as pd
    import pyarrow as pa
    import pyarrow.parquet as pq

    parts = sorted((Path(parquet_dir) / table).glob("part-*.parquet"))
    if not parts:
        return pd.DataFrame()
    tables = [pq.read_table(part) for part in parts]
    schema = pa.unify_schemas([t.schema for t in tables], promote_options="permissive")
    unified = [t.select([n for n in schema.names if n in t.schema.names]) for t in tables]
    merged = pa.concat_tables(unified, promote_options="permissive")
    frame: pd.DataFrame = merged.to_pandas()
    return frame


def start_client(
    address: str | None = None,
    *,
    n_workers: int = 2,
    threads_per_worker: int = 1,
    timeout: float = 30,
) -> Client:
    """A Dask client: connected to ``address``, or to a new local cluster.

    The local cluster runs ``n_workers`` processes of ``threads_per_worker``
    threads on the loopback interface, without a dashboard; close it with
    :func:`close_client`. Raises :class:`SitrepError` E090 when the scheduler
    at ``address`` cannot be reached within ``timeout`` seconds, E091 when
    the local cluster cannot start.
    """
    from distributed import Client, LocalCluster

    if address is not None:
        try:
            return Client(address, timeout=timeout)
        except (OSError, TimeoutError, ValueError) as exc:
            raise SitrepError(Errors.E090, address=address, reason=exc) from exc
    try:
        cluster = LocalCluster(
            n_workers=n_workers,
            threads_per_worker=threads_per_worker,
            processes=True,
            host="127.0.0.1",  # a local cluster listens on loopback only
            dashboard_address=None,
            silence_logs=40,
        )
    except (OSError, TimeoutError, RuntimeError) as exc:
        raise SitrepError(Errors.E091, reason=exc) from exc
    try:
        client = Client(cluster)
    except BaseException:
        cluster.close()
        raise
    client._sitrep_own_cluster = cluster  # type: ignore[attr-defined]
    return client


def close_client(client: Client) -> None:
    """Close a client from :func:`start_client`, and its local cluster if it made one."""
    cluster = getattr(client, "_sitrep_own_cluster", None)
    client.close()
    if cluster is not None:
        cluster.close()


def extract_distributed(
    documents: Iterable[Document],
    *,
    settings: Settings | None = None,
    address: str | None = None,
    client: Client | None = None,
    parquet_dir: Path | str | None = None,
    batch_size: int = 8,
    n_workers: int = 2,
    max_pending: int | None = None,
    timeout: float | None = None,
    connect_timeout: float = 30,
) -> Iterator[tuple[Document, Report | SitrepError]]:
    """Extract documents on a Dask cluster; yield ``(document, report or error)`` in order.

    ``address`` connects to a running scheduler (``tcp://host:8786``); with
    none, a :class:`distributed.LocalCluster` of ``n_workers`` single-thread
    processes is started and closed when the iteration ends (an existing
    ``client`` may be passed instead and is left open). Documents go in
    batches of ``batch_size`` per task, at most ``max_pending`` batches in
    flight (default: two per worker). ``parquet_dir`` also writes each
    batch's events, deployments and claims as Parquet partitions
    (:func:`write_parquet_partition`). ``timeout`` (seconds) bounds the wait
    for one batch; a batch that times out or whose worker dies comes back as
    one E011 error per document. A scheduler that cannot be reached within
    ``connect_timeout`` seconds raises E090 (nothing is yielded); a local
    cluster that cannot start, E091. Results equal a single-process
    ``Extractor.extract_many`` run on the same documents and settings.
    """
    if batch_size < 1:
        raise SitrepError(Errors.E022, name="batch_size", reason="must be at least 1")
    settings = settings or Settings()
    folder = Path(parquet_dir) if parquet_dir is not None else None
    batches = _batches(documents, batch_size)
    first = next(batches, None)
    if first is None:  # nothing to do: no cluster to start
        return
    batches = itertools.chain([first], batches)
    own = client is None
    active = (
        client
        if client is not None
        else start_client(address, n_workers=n_workers, timeout=connect_timeout)
    )
    try:
        workers = max(1, len(active.scheduler_info().get("workers", {})) or n_workers)
        limit = max_pending or 2 * workers
        pending: deque[tuple[list[Document], Any]] = deque()
        part = 0
        exhausted = False
        while True:
            while not exhausted and len(pending) < limit:
                batch = next(batches, None)
                if batch is None:
                    exhausted = True
                    break
                future = active.submit(extract_batch, batch, settings, pure=False)
                pending.append((batch, future))
            if not pending:
                break
            batch, future = pending.popleft()
            results = _collect(batch, future, timeout)
            if folder is not None:
                reports = [r for r in results if isinstance(r, Report)]
                if reports:
                    write_parquet_partition(reports, folder, part)
                part += 1
            yield from zip(batch, results, strict=True)
    finally:
        if own:
            close_client(active)


def _collect(
    batch: list[Document], future: Any, timeout: float | None
) -> list[Report | SitrepError]:
    """The results of one batch's task; a lost task gives one error per document."""
    try:
        items = future.result(timeout=timeout)
    except Exception as error:  # timeout, worker death, unpicklable result
        future.cancel()
        reason = f"batch lost on the cluster ({type(error).__name__}: {error})"
        return [SitrepError(Errors.E011, item=d.id, reason=reason) for d in batch]
    return [_as_result(item) for item in items]
