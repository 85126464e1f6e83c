"""``sitrep ingest``, ``sitrep events``, ``sitrep deployments``, ``sitrep claims``.

Thin commands over :func:`sitrep.store.ingest.ingest` and :class:`Store`
queries; ``sitrep.cli`` registers them. Lines for the user go to stderr as
``sitrep: ...``; results go to stdout or ``-o FILE`` (written atomically).
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TextIO

import typer

from sitrep.errors import Errors, InputError, SitrepError

if TYPE_CHECKING:
    from rich.progress import Progress

    from sitrep.settings import Settings
    from sitrep.store.database import Store
    from sitrep.store.ingest import Failure
    from sitrep.store.query import Query

EXIT_NOTHING = 2

INGEST_HELP = (
    "Ingest articles into the store (SQLite file or PostgreSQL): read, extract, store each "
    "document in its own transaction, skip what is already stored, recluster events. "
    "Exit codes: 0 every item ingested or already stored; 1 some items failed (the rest "
    "was stored); 2 nothing could be stored, or a usage or settings error."
)


class ExportFormat(StrEnum):
    """Formats of ``sitrep events|deployments|claims --format``."""

    jsonl = "jsonl"
    csv = "csv"
    geojson = "geojson"
    acled = "acled"
    parquet = "parquet"


DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="The store: a SQLite file (created when missing) or a postgresql://user@host/db "
        "URL (default: setting 'db', sitrep.db).",
        show_default=False,
    ),
]
ConfigOption = Annotated[
    Path | None,
    typer.Option("--config", help="Settings file (TOML) over the defaults.", dir_okay=False),
]
SinceOption = Annotated[
    str | None,
    typer.Option(
        "--since",
        help="Only facts on or after this day (YYYY-MM-DD; the fact's date, else its article's).",
    ),
]
UntilOption = Annotated[
    str | None, typer.Option("--until", help="Only facts on or before this day (YYYY-MM-DD).")
]
BBoxOption = Annotated[
    str | None,
    typer.Option(
        "--bbox",
        help="Only facts inside W,S,E,N (degrees; W > E crosses the 180th "
        "meridian). Not for claims.",
    ),
]
TypeOption = Annotated[
    str | None,
    typer.Option(
        "--type",
        help="Event type or sub-event type (ACLED, e.g. Battles, 'Armed "
        "clash'); for deployments the kind or role; for claims the claim type.",
    ),
]
ActorOption = Annotated[
    str | None,
    typer.Option(
        "--actor",
        help="Part of an actor's name (either actor of an event or one of its "
        "associated actors, a deployment's actor, a claim's speaker), case-insensitive.",
    ),
]
OutletOption = Annotated[
    str | None, typer.Option("--outlet", help="Only facts from this outlet (whole name).")
]
PlaceOption = Annotated[
    str | None,
    typer.Option(
        "--place", help="Only facts at this place or in this first-order division (whole name)."
    ),
]
CorroborationOption = Annotated[
    int,
    typer.Option(
        "--min-corroboration",
        min=0,
        help="Only events reported by at least this "
        "many independent outlets (events only; 0: no filter).",
    ),
]
FormatOption = Annotated[
    ExportFormat,
    typer.Option(
        "--format",
        "-f",
        case_sensitive=False,
        help="jsonl: one flat row per line; "
        "csv: the same rows as CSV; geojson: a FeatureCollection of located rows; "
        "acled: ACLED CSV (events only); parquet: a Parquet file (needs -o).",
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output", "-o", dir_okay=False, help="Write to this file (atomically) instead of stdout."
    ),
]
LimitOption = Annotated[
    int | None, typer.Option("--limit", min=1, help="At most this many rows (default: all).")
]


def _say(message: object, progress: Progress | None = None) -> None:
    line = f"sitrep: {message}"
    if progress is not None and progress.live.is_started:
        progress.console.print(line, markup=False, highlight=False, soft_wrap=True)
    else:
        typer.echo(line, err=True)


def _fail(error: object) -> typer.Exit:
    _say(error)
    return typer.Exit(EXIT_NOTHING)


def _settings(config: Path | None, db: str | None) -> Settings:
    from sitrep.settings import load_settings

    try:
        return load_settings(config, db=db)
    except SitrepError as error:
        raise _fail(error) from error


def _open(settings: Settings) -> Store:
    from sitrep.store import open_store

    try:
        return open_store(settings.db)
    except SitrepError as error:
        raise _fail(error) from error


def _day(value: str | None, option: str) -> date | None:
    from sitrep.ingest import parse_published

    try:
        return parse_published(value, option)
    except InputError as error:
        raise _fail(error) from error


def _progress(enabled: bool) -> Progress | None:
    if not enabled:
        return None
    from rich.console import Console
    from rich.progress import MofNCompleteColumn, Progress, SpinnerColumn, TextColumn

    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        MofNCompleteColumn(),
        TextColumn("items"),
        console=Console(stderr=True),
        transient=True,
    )


def _same_file(first: Path, second: Path) -> bool:
    try:
        return first.resolve() == second.resolve()
    except OSError:
        return False


def _snapshot(path: Path) -> Path:
    """A private copy of ``path`` (removed at exit), or ``path`` when it cannot be read."""
    import atexit
    import tempfile

    try:
        data = path.read_bytes()
    except OSError:
        return path  # the retry reports the unreadable file itself
    handle, name = tempfile.mkstemp(prefix="sitrep-retry-", suffix=".jsonl")
    with open(handle, "wb") as copy:
        copy.write(data)
    atexit.register(Path(name).unlink, missing_ok=True)
    return Path(name)


def looks_like_scheduler(value: str) -> bool:
    """True for a Dask scheduler address (``tcp://host:port``, ``host:port``)."""
    import re

    return bool(re.match(r"^([a-z]+://)?[A-Za-z0-9_.\-\[\]:]+:\d+/?$", value))


def ingest(
    sources: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="SOURCE",
            help="Files (.txt, .html, .json, .jsonl; .rss/.atom/.xml feeds), folders, - for "
            "stdin, http(s) URLs of pages or of RSS/Atom feeds (each entry's link is fetched).",
            show_default=False,
        ),
    ] = None,
    db: DbOption = None,
    dask: Annotated[
        bool,
        typer.Option(
            "--dask",
            help="Extract on Dask: a local cluster (2 workers), or the scheduler given by "
            "--scheduler.",
        ),
    ] = False,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            metavar="ADDRESS",
            help="Dask scheduler address (tcp://host:8786) to extract on; implies --dask.",
        ),
    ] = None,
    errors: Annotated[
        Path | None,
        typer.Option(
            "--errors",
            dir_okay=False,
            help="Also write each failed item as a JSON line (item, code, reason, source, "
            "record) to this file, to retry with --retry.",
        ),
    ] = None,
    retry: Annotated[
        list[Path] | None,
        typer.Option(
            "--retry",
            dir_okay=False,
            help="Read again the failed items of an earlier run's --errors file (repeatable).",
        ),
    ] = None,
    published: Annotated[
        str | None,
        typer.Option(
            "--published", help="Publication date (YYYY-MM-DD) for inputs that carry none."
        ),
    ] = None,
    outlet: Annotated[
        str | None,
        typer.Option("--outlet", help="Outlet name for inputs that carry none."),
    ] = None,
    no_recluster: Annotated[
        bool,
        typer.Option(
            "--no-recluster", help="Do not recompute the cross-article event clusters at the end."
        ),
    ] = False,
    config: ConfigOption = None,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet",
            "-q",
            help="No progress bar and no summary line; per-item errors are still printed.",
        ),
    ] = False,
) -> None:
    """Ingest articles into the store."""
    from sitrep.store.ingest import IngestHooks
    from sitrep.store.ingest import ingest as run_ingest

    sources = list(sources or [])
    if scheduler is not None and not looks_like_scheduler(scheduler):
        raise _fail(f"--scheduler {scheduler}: expected an address like tcp://host:8786.")
    cluster = scheduler if scheduler is not None else ("local" if dask else None)
    if not sources and not retry:
        raise _fail("nothing to ingest: give files, folders, URLs, feeds or --retry FILE.")
    settings = _settings(config, db)
    published_day = _day(published, "--published")
    store = _open(settings)
    progress = _progress(not quiet and sys.stderr.isatty())
    retry_files = list(retry or [])
    errors_file: TextIO | None = None
    if errors is not None:
        # `--retry failed.jsonl --errors failed.jsonl`: read the old failures before
        # the new ones replace them.
        retry_files = [
            _snapshot(path) if _same_file(path, errors) else path for path in retry_files
        ]
        try:
            errors_file = errors.open("w", encoding="utf-8")
        except OSError as exc:
            raise _fail(SitrepError(Errors.E025, path=errors, reason=exc.strerror or exc)) from exc
    task = progress.add_task("ingesting", total=None) if progress is not None else None

    def on_failure(failure: Failure) -> None:
        _say(failure.reason, progress)
        if errors_file is not None:
            errors_file.write(failure.to_json() + "\n")
            errors_file.flush()

    def on_item() -> None:
        if progress is not None and task is not None:
            progress.advance(task)

    hooks = IngestHooks(
        on_failure=on_failure, on_warning=lambda line: _say(line, progress), on_item=on_item
    )
    try:
        with progress if progress is not None else contextlib.nullcontext(), store:
            counts = run_ingest(
                sources,
                store,
                settings=settings,
                published=published_day,
                outlet=outlet,
                retry=retry_files,
                dask=cluster,
                recluster=not no_recluster,
                hooks=hooks,
            )
    except SitrepError as error:
        raise _fail(error) from error
    finally:
        if errors_file is not None:
            errors_file.close()
    if not quiet:
        _say(counts.summary())
    raise typer.Exit(counts.exit_code())


def _query(
    since: str | None,
    until: str | None,
    bbox: str | None,
    event_type: str | None,
    actor: str | None,
    outlet: str | None,
    place: str | None,
    min_corroboration: int,
) -> Query:
    from sitrep.store.query import Query, parse_bbox

    try:
        return Query(
            since=_day(since, "--since"),
            until=_day(until, "--until"),
            bbox=parse_bbox(bbox) if bbox else None,
            event_type=event_type,
            actor=actor,
            outlet=outlet,
            place=place,
            min_corroboration=min_corroboration,
        )
    except SitrepError as error:
        raise _fail(error) from error


def export_table(
    table: str,
    query: Query,
    settings: Settings,
    fmt: str,
    output: Path | None,
    limit: int | None,
) -> int:
    """Write the rows of ``table`` matching ``query`` as ``fmt``; return how many."""
    from sitrep.cli import open_output
    from sitrep.store.export import BINARY_FORMATS, check_format, write_parquet, write_rows

    try:
        check_format(fmt, table)
    except SitrepError as error:
        raise _fail(error) from error
    if fmt in BINARY_FORMATS and output is None:
        raise _fail(f"--format {fmt} writes a binary file: give -o FILE.")
    with _open(settings) as store:
        rows = store.rows(table, query, limit=limit)
        if fmt in BINARY_FORMATS:
            assert output is not None
            temporary = output.with_name(f".{output.name}.tmp")
            try:
                write_parquet(rows, temporary)
                temporary.replace(output)
            except OSError as exc:
                failure = SitrepError(Errors.E025, path=output, reason=exc.strerror or exc)
                raise _fail(failure) from exc
            finally:
                temporary.unlink(missing_ok=True)
            return len(rows)
        with open_output(output) as (stream, _keep):
            return write_rows(rows, fmt, stream, store=store)


def _run_query(
    table: str,
    db: str | None,
    config: Path | None,
    fmt: ExportFormat,
    output: Path | None,
    limit: int | None,
    **filters: Any,
) -> None:
    query = _query(**filters)
    settings = _settings(config, db)
    count = export_table(table, query, settings, fmt.value, output, limit)
    if output is not None:
        _say(f"{count} {table} row(s) written to {output}.")


def _query_command(table: str, summary: str) -> Callable[..., None]:
    """The ``sitrep <table>`` command: the same filters and output for every table."""

    def command(
        db: DbOption = None,
        since: SinceOption = None,
        until: UntilOption = None,
        bbox: BBoxOption = None,
        event_type: TypeOption = None,
        actor: ActorOption = None,
        outlet: OutletOption = None,
        place: PlaceOption = None,
        min_corroboration: CorroborationOption = 0,
        output_format: FormatOption = ExportFormat.jsonl,
        output: OutputOption = None,
        limit: LimitOption = None,
        config: ConfigOption = None,
    ) -> None:
        _run_query(
            table, db, config, output_format, output, limit,
            since=since, until=until, bbox=bbox, event_type=event_type, actor=actor,
            outlet=outlet, place=place, min_corroboration=min_corroboration,
        )  # fmt: skip

    command.__name__ = command.__qualname__ = table
    command.__doc__ = summary
    return command


events = _query_command(
    "events", "Events from the store, filtered, newest first, with their cluster and corroboration."
)
deployments = _query_command(
    "deployments", "Deployments and control statements from the store, filtered, newest first."
)
claims = _query_command(
    "claims", "Claims (who says what) from the store, filtered, newest article first."
)


def register(app: typer.Typer) -> None:
    """Add the store's commands to the ``sitrep`` app."""
    app.command("ingest", help=INGEST_HELP)(ingest)
    app.command("events")(events)
    app.command("deployments")(deployments)
    app.command("claims")(claims)
