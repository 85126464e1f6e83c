"""Ingest articles into the store: read, skip what is stored, extract, store, recluster.

:func:`ingest` is the library function behind ``sitrep ingest``. It reads
each source (file, folder, JSONL, ``-`` for stdin, a URL, an RSS/Atom feed
URL or file, or the failure records of an earlier run), skips documents the
store already holds (same text or URL: a rerun after a crash resumes where
it stopped), extracts the others in this process or on Dask, stores each
report in its own transaction, and reclusters the events of the days it
touched. Every item that fails becomes one :class:`Failure` (a catalogued
message, and what to read again), handed to a callback as it happens; the
run goes on with the other items.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from sitrep.errors import Errors, InputError, SitrepError
from sitrep.ingest.readers import STDIN, ReaderDefaults, document_from_record, read_sources
from sitrep.ingest.web import FallbackNotice, Skipped, WebLimits, is_url, make_client, read_url
from sitrep.settings import Settings
from sitrep.types import Document, Report

if TYPE_CHECKING:
    import httpx

    from sitrep.api import Extractor
    from sitrep.store.database import Store

#: Exit codes of an ingest run.
EXIT_OK, EXIT_PARTIAL, EXIT_NOTHING = 0, 1, 2

#: Fields of a document written into a failure record (re-read on retry).
_RECORD_FIELDS = ("id", "text", "title", "outlet", "published", "url", "language", "byline")


@dataclass(frozen=True, slots=True)
class Failure:
    """One item that could not be ingested, and how to try it again.

    ``source`` is what to read again (a file, folder, URL or feed); ``record``
    the document itself as a JSONL record when it was read but not stored
    (its extraction or storage failed), so a retry needs no source.
    """

    item: str
    code: str
    reason: str
    source: str | None = None
    record: dict[str, Any] | None = None

    @classmethod
    def from_error(
        cls,
        error: SitrepError,
        item: str,
        *,
        source: str | None = None,
        document: Document | None = None,
    ) -> Failure:
        """A failure for ``error`` about ``item``."""
        record = document_record(document) if document is not None else None
        if source == STDIN:
            source = None  # standard input cannot be read again; the record can
        return cls(item, error.code, str(error), source, record)

    def to_json(self) -> str:
        """One JSON line: ``item``, ``code``, ``reason``, ``source``, ``record``."""
        return json.dumps(
            {
                "item": self.item,
                "code": self.code,
                "reason": self.reason,
                "source": self.source,
                "record": self.record,
            },
            ensure_ascii=False,
        )


@dataclass(slots=True)
class IngestCounts:
    """What happened to the items of one run."""

    stored: int = 0
    skipped: int = 0
    failed: int = 0
    clusters: int | None = None
    first_day: date | None = None
    last_day: date | None = None
    undated: bool = False

    def exit_code(self) -> int:
        """0 nothing failed; 1 some items failed; 2 every item failed (or there were none)."""
        if self.failed == 0 and (self.stored or self.skipped):
            return EXIT_OK
        if self.stored or self.skipped:
            return EXIT_PARTIAL
        return EXIT_NOTHING

    def summary(self) -> str:
        """One line: stored, already stored, failed (and clusters when reclustered)."""
        line = (
            f"{self.stored} document(s) stored, {self.skipped} already stored, {self.failed} failed"
        )
        if self.clusters is not None:
            line += f"; {self.clusters} event cluster(s) in the days touched"
        return line + "."


@dataclass(slots=True)
class IngestHooks:
    """Callbacks of a run: a failure, a warning line, an item done (for a progress bar)."""

    on_failure: Callable[[Failure], None] = lambda failure: None
    on_warning: Callable[[str], None] = lambda line: None
    on_item: Callable[[], None] = lambda: None


@dataclass(slots=True)
class _Pending:
    """A document read and not yet stored, with the source it came from."""

    document: Document
    source: str


@dataclass(slots=True)
class _Reader:
    """Turns source arguments into documents, failures and skips."""

    settings: Settings
    published: date | None
    outlet: str | None
    store: Store
    stdin: BinaryIO | None
    limits: WebLimits
    _client: httpx.Client | None = field(default=None)

    def client(self) -> httpx.Client:
        if self._client is None:
            self._client = make_client(self.limits)
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()

    def read(self, source: str) -> Iterator[Document | InputError | Skipped | FallbackNotice]:
        from sitrep.ingest.feeds import FEED_SUFFIXES, read_feed_file

        options: dict[str, Any] = {
            "published": self.published,
            "outlet": self.outlet,
            "settings": self.settings,
            "known": self.store.has_url,
        }
        if is_url(source):
            yield from read_url(source, self.client(), self.limits, **options)
            return
        path = Path(source)
        if source != STDIN and path.is_file() and path.suffix.lower() in FEED_SUFFIXES:
            yield from read_feed_file(path, self.client(), self.limits, **options)
            return
        yield from read_sources(
            [source],
            published=self.published,
            outlet=self.outlet,
            settings=self.settings,
            stdin=self.stdin,
        )


def ingest(
    sources: Iterable[str],
    store: Store,
    *,
    settings: Settings | None = None,
    published: date | None = None,
    outlet: str | None = None,
    retry: Iterable[Path] = (),
    dask: str | None = None,
    recluster: bool = True,
    hooks: IngestHooks | None = None,
    stdin: BinaryIO | None = None,
    extractor: Extractor | None = None,
    limits: WebLimits | None = None,
) -> IngestCounts:
    """Read ``sources`` (and the failure records in ``retry`` files) into ``store``.

    ``dask`` is None for extraction in this process, ``"local"`` for a Dask
    ``LocalCluster``, or a scheduler address (``tcp://host:8786``): the
    documents then go through :func:`sitrep.corpus.distributed.extract_distributed`
    and each result is stored as it arrives. ``extractor`` may be injected
    (tests); otherwise one is built on the first new document. Returns the
    counts; failures, warnings and progress go to ``hooks``.
    Limits: the URL of a stored page is not fetched again even if the page
    has changed (remove the document to refresh it).
    """
    settings = settings or Settings()
    hooks = hooks or IngestHooks()
    counts = IngestCounts()
    reader = _Reader(
        settings,
        published,
        outlet,
        store,
        stdin,
        limits or WebLimits.from_settings(settings),
    )
    try:
        pending = _new_documents(reader, list(sources), list(retry), store, counts, hooks)
        if dask is None:
            _extract_here(pending, store, settings, counts, hooks, extractor)
        else:
            _extract_on_dask(pending, store, settings, dask, counts, hooks)
    finally:
        reader.close()
    if recluster and counts.stored:
        _recluster(store, counts, hooks)
    return counts


def _new_documents(
    reader: _Reader,
    sources: list[str],
    retry: list[Path],
    store: Store,
    counts: IngestCounts,
    hooks: IngestHooks,
) -> Iterator[_Pending]:
    """The documents not stored yet; failures and skips are counted on the way."""
    items = _all_items(reader, sources, retry, hooks, counts)
    for source, item in items:
        if isinstance(item, FallbackNotice):
            hooks.on_warning(f"warning: {item}")
            continue
        if isinstance(item, Skipped):
            counts.skipped += 1
            hooks.on_item()
            continue
        if isinstance(item, InputError):
            _fail(
                counts,
                hooks,
                Failure.from_error(item, _item_name(item), source=_retry_source(source, item)),
            )
            continue
        try:
            found = store.lookup(item)
        except SitrepError as error:
            _fail(counts, hooks, Failure.from_error(error, item.id, source=source, document=item))
            continue
        if found is not None:
            counts.skipped += 1
            hooks.on_item()
            continue
        yield _Pending(item, source)


def _all_items(
    reader: _Reader,
    sources: list[str],
    retry: list[Path],
    hooks: IngestHooks,
    counts: IngestCounts,
) -> Iterator[tuple[str, Document | InputError | Skipped | FallbackNotice]]:
    for source in sources:
        for item in reader.read(source):
            yield source, item
    for path in retry:
        retry_sources: list[str] = []
        for line_number, entry in _read_failure_file(path, hooks, counts):
            record, again = entry.get("record"), entry.get("source")
            if isinstance(record, dict):
                where = f"{path}:{line_number}"
                defaults = ReaderDefaults(reader.published, reader.outlet, reader.settings)
                try:
                    yield where, document_from_record(record, where, defaults=defaults)
                except InputError as error:
                    yield where, error
            elif isinstance(again, str) and again not in retry_sources:
                retry_sources.append(again)
        for again in retry_sources:
            for item in reader.read(again):
                yield again, item


def _read_failure_file(
    path: Path, hooks: IngestHooks, counts: IngestCounts
) -> Iterator[tuple[int, dict[str, Any]]]:
    """The failure records of an earlier run's ``--errors`` file, one per line."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        error = SitrepError(
            Errors.E015, item=str(path), reason=getattr(exc, "strerror", None) or exc
        )
        _fail(counts, hooks, Failure.from_error(error, str(path)))
        return
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
        except json.JSONDecodeError as exc:
            reason = f"not JSON: {exc.msg}"
            _fail(
                counts,
                hooks,
                Failure.from_error(
                    SitrepError(Errors.E085, path=path, line=number, reason=reason),
                    f"{path}:{number}",
                ),
            )
            continue
        if not isinstance(entry, dict) or not (
            isinstance(entry.get("record"), dict) or isinstance(entry.get("source"), str)
        ):
            reason = "it needs a 'record' object or a 'source' string"
            _fail(
                counts,
                hooks,
                Failure.from_error(
                    SitrepError(Errors.E085, path=path, line=number, reason=reason),
                    f"{path}:{number}",
                ),
            )
            continue
        yield number, entry


def _extract_here(
    pending: Iterable[_Pending],
    store: Store,
    settings: Settings,
    counts: IngestCounts,
    hooks: IngestHooks,
    extractor: Extractor | None,
) -> None:
    for item in pending:
        if extractor is None:
            from sitrep.api import Extractor

            extractor = Extractor(settings)  # a broken setup fails the whole run, once
        try:
            report = extractor.extract_document(item.document)
        except SitrepError as error:
            _fail(
                counts,
                hooks,
                Failure.from_error(
                    error, item.document.id, source=item.source, document=item.document
                ),
            )
            continue
        except Exception as exc:  # a bug in one stage must not stop the batch
            bug = SitrepError(
                Errors.E011, item=item.document.id, reason=f"{type(exc).__name__}: {exc}"
            )
            _fail(
                counts,
                hooks,
                Failure.from_error(
                    bug, item.document.id, source=item.source, document=item.document
                ),
            )
            continue
        _store(item, report, store, counts, hooks)


def _extract_on_dask(
    pending: Iterable[_Pending],
    store: Store,
    settings: Settings,
    address: str,
    counts: IngestCounts,
    hooks: IngestHooks,
) -> None:
    try:
        from sitrep.corpus.distributed import extract_distributed
    except ImportError as exc:
        raise SitrepError(Errors.E086, reason=exc) from exc
    items = list(pending)
    if not items:
        return
    # Documents may come back as copies (pickled to the workers): match them by id.
    by_id = {item.document.id: item for item in items}
    results = extract_distributed(
        [item.document for item in items],
        settings=settings,
        address=None if address == "local" else address,
    )
    for document, result in results:
        item = by_id.get(document.id) or _Pending(document, document.id)
        if isinstance(result, Report):
            _store(item, result, store, counts, hooks)
        else:
            error = (
                result
                if isinstance(result, SitrepError)
                else SitrepError(Errors.E011, item=document.id, reason=result)
            )
            _fail(
                counts,
                hooks,
                Failure.from_error(error, document.id, source=item.source, document=document),
            )


def _store(
    item: _Pending, report: Report, store: Store, counts: IngestCounts, hooks: IngestHooks
) -> None:
    for warning in report.warnings:
        hooks.on_warning(f"warning: {item.document.id}: {warning}")
    try:
        result = store.add(item.document, report)
    except SitrepError as error:
        _fail(
            counts,
            hooks,
            Failure.from_error(error, item.document.id, source=item.source, document=item.document),
        )
        return
    if result.stored:
        counts.stored += 1
        _note_days(counts, item.document, report)
    else:
        counts.skipped += 1
    hooks.on_item()


def _note_days(counts: IngestCounts, document: Document, report: Report) -> None:
    """Widen the window of days the run touched (for an incremental recluster)."""
    for event in report.events:
        day = event.date or document.published
        if day is None:
            counts.undated = True
            continue
        counts.first_day = min(counts.first_day or day, day)
        counts.last_day = max(counts.last_day or day, day)


def _recluster(store: Store, counts: IngestCounts, hooks: IngestHooks) -> None:
    if counts.first_day is None and not counts.undated:
        return  # no events stored: nothing to cluster
    try:
        if counts.undated or counts.first_day is None:
            counts.clusters = store.recluster()
        else:
            counts.clusters = store.recluster(since=counts.first_day, until=counts.last_day)
    except SitrepError as error:
        hooks.on_warning(f"warning: event clusters not updated: {error}")


def _fail(counts: IngestCounts, hooks: IngestHooks, failure: Failure) -> None:
    counts.failed += 1
    hooks.on_failure(failure)
    hooks.on_item()


def _item_name(error: InputError) -> str:
    item = error.details.get("item")
    return str(item) if item is not None else "?"


def _retry_source(source: str, error: InputError) -> str | None:
    """What to read again for a failed item: its own file in a folder, else the source."""
    if source == STDIN:
        return None  # stdin cannot be read twice
    item = _item_name(error)
    folder = Path(source)
    if not is_url(source) and folder.is_dir():
        candidate = folder / item.split(":", 1)[0]
        if candidate.is_file():
            return str(candidate)
    if is_url(item):
        return item  # a feed entry's own link
    return source


def document_record(document: Document) -> dict[str, Any]:
    """A document as a JSONL record sitrep reads back (``id``, ``text``, metadata)."""
    values: dict[str, Any] = {
        "id": document.id,
        "text": document.text,
        "title": document.title,
        "outlet": document.outlet,
        "published": document.published.isoformat() if document.published else None,
        "url": document.url,
        "language": document.language,
        "byline": document.byline,
    }
    return {name: values[name] for name in _RECORD_FIELDS if values[name] is not None}
