"""sitrep's command line: ``sitrep extract``, ``sitrep eval fakes|geo|plover``, ``--version``.

A thin layer: each command parses its arguments, builds one
:class:`~sitrep.settings.Settings` and one :class:`~sitrep.api.Extractor`, and
calls library functions (:func:`sitrep.ingest.read_sources`,
:func:`sitrep.out.writers.write_reports`, the evaluators). Errors about one
input item are printed to stderr as ``sitrep: [E00x] item: reason`` and the
batch goes on.

Exit codes: 0 everything was processed; 1 some items failed (the others were
written); 2 nothing could be processed, or a usage / settings error.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from importlib import import_module
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TextIO, cast

import typer

from sitrep.errors import Errors, InputError, SitrepError
from sitrep.settings import Settings

if TYPE_CHECKING:
    from rich.progress import Progress

    from sitrep.api import Extractor
    from sitrep.types import Document, Report

#: Exit code when every item was processed.
EXIT_OK = 0
#: Exit code when some items failed and the others were written.
EXIT_PARTIAL = 1
#: Exit code when nothing could be processed, or on a usage or settings error.
EXIT_NOTHING = 2

EXIT_CODES_HELP = (
    "Exit codes: 0 all items processed; 1 some items failed (the rest was written); "
    "2 nothing could be processed, or a usage or settings error."
)

app = typer.Typer(
    name="sitrep",
    help=(
        "Conflict reporting in, a sourced and geolocated situation picture out: "
        "events, force postures, claims and places with their evidence. " + EXIT_CODES_HELP
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
eval_app = typer.Typer(
    help="Measure sitrep against public evaluation data (FA-KES events, geoparsing corpora).",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(eval_app, name="eval")


class OutputFormat(StrEnum):
    """Formats of ``sitrep extract --format``."""

    json = "json"
    jsonl = "jsonl"
    geojson = "geojson"
    acled = "acled"


def _package_version() -> str:
    try:
        return version("sitrep")
    except PackageNotFoundError:  # running from a source tree without metadata
        return "unknown"


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"sitrep {_package_version()}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def main(
    show_version: Annotated[
        bool,
        typer.Option(
            "--version",
            help="Print sitrep's version and exit.",
            callback=_version_callback,
            is_eager=True,
        ),
    ] = False,
) -> None:
    """sitrep: a sourced, geolocated situation picture from conflict news."""


def _say(message: object, progress: Progress | None = None) -> None:
    """One line on stderr, prefixed ``sitrep:``, kept clear of the progress bar."""
    line = f"sitrep: {message}"
    if progress is not None and progress.live.is_started:
        progress.console.print(line, markup=False, highlight=False, soft_wrap=True)
    else:
        typer.echo(line, err=True)


def _fail(error: object) -> typer.Exit:
    _say(error)
    return typer.Exit(EXIT_NOTHING)


def _load_settings(config: Path | None, **overrides: Any) -> Settings:
    from sitrep.settings import load_settings

    try:
        return load_settings(config, **overrides)
    except SitrepError as error:
        raise _fail(error) from error


def _build_extractor(settings: Settings) -> Extractor:
    from sitrep.api import Extractor

    try:
        return Extractor(settings)
    except SitrepError as error:
        raise _fail(error) from error
    except Exception as exc:  # a broken stage must end the run with a catalogued line
        reason = f"{type(exc).__name__}: {exc}"
        raise _fail(SitrepError(Errors.E026, reason=reason)) from exc


@dataclass(slots=True)
class RunCounts:
    """What happened to the items of one ``extract`` run."""

    reports: int = 0
    failed: int = 0

    def exit_code(self) -> int:
        """0 all fine, 1 some items failed, 2 nothing processed."""
        if self.reports == 0:
            return EXIT_NOTHING
        return EXIT_PARTIAL if self.failed else EXIT_OK


def extract_items(
    items: Iterable[Document | InputError],
    settings: Settings,
    counts: RunCounts,
    *,
    progress: Progress | None = None,
) -> Iterator[Report]:
    """Reports for the documents among ``items``; errors are printed and counted.

    The :class:`~sitrep.api.Extractor` is built on the first document (so a
    batch of unreadable files fails fast, without loading the model) and
    reused for the whole run; each document goes through
    ``extract_document`` on its own so one failure does not stop the batch.
    An unexpected exception becomes E011 naming the item; a report's
    warnings (text cut, not English) are printed too, without failing it.
    """
    extractor: Extractor | None = None
    task = progress.add_task("extracting", total=None) if progress is not None else None
    for item in items:
        if isinstance(item, InputError):
            counts.failed += 1
            _say(item, progress)
        else:
            if extractor is None:
                extractor = _build_extractor(settings)
            try:
                report = extractor.extract_document(item)
            except SitrepError as error:
                counts.failed += 1
                _say(error, progress)
            except Exception as exc:  # any bug in a stage must not stop a batch
                counts.failed += 1
                reason = f"{type(exc).__name__}: {exc}"
                _say(SitrepError(Errors.E011, item=item.id, reason=reason), progress)
            else:
                counts.reports += 1
                for warning in report.warnings:
                    _say(f"warning: {item.id}: {warning}", progress)
                yield report
        if progress is not None and task is not None:
            progress.advance(task)


@contextlib.contextmanager
def open_output(path: Path | None) -> Iterator[tuple[TextIO, list[bool]]]:
    """A text stream for the output: stdout, or a temporary file renamed onto ``path``.

    The caller sets ``keep[0] = False`` to discard the file (nothing was
    processed); otherwise the temporary file replaces ``path`` atomically on
    success, so a failed run never leaves half a file behind.
    """
    keep = [True]
    if path is None:
        yield sys.stdout, keep
        sys.stdout.flush()
        return
    directory = path.resolve().parent
    try:
        handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - renamed after the with
            "w",
            encoding="utf-8",
            newline="",
            dir=directory,
            prefix=f".{path.name}.",
            suffix=".tmp",
            delete=False,
        )
    except OSError as exc:
        raise _fail(SitrepError(Errors.E025, path=path, reason=exc.strerror or exc)) from exc
    try:
        with handle:
            yield cast(TextIO, handle), keep
        if keep[0]:
            # Temporary files are private (0600); the output gets the usual umask mode.
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(handle.name, 0o666 & ~umask)
            os.replace(handle.name, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(handle.name)


def _peek_two(items: Iterator[Document | InputError]) -> tuple[list[Document | InputError], bool]:
    """The first two items, and whether the input held exactly one."""
    first = [item for _, item in zip(range(2), items, strict=False)]
    return first, len(first) == 1


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


def _parse_date_option(value: str | None, option: str) -> date | None:
    from sitrep.ingest import parse_published

    try:
        return parse_published(value, option)
    except InputError as error:
        raise _fail(error) from error


@app.command(
    help="Extract events, deployments, claims and places from articles. " + EXIT_CODES_HELP
)
def extract(
    paths: Annotated[
        list[str],
        typer.Argument(
            metavar="PATH",
            help=(
                "Files (.txt, .html/.htm, .json, .jsonl), folders (read recursively) "
                "or - for stdin (JSONL when every line is a JSON object, else plain text)."
            ),
            show_default=False,
        ),
    ],
    output_format: Annotated[
        OutputFormat,
        typer.Option(
            "--format",
            "-f",
            help=(
                "json: the whole report (one object for one input document, a JSON array "
                "for several); jsonl: one report per line; geojson: one FeatureCollection "
                "of located events, deployments and control; acled: ACLED-style CSV, "
                "one row per event."
            ),
            case_sensitive=False,
        ),
    ] = OutputFormat.json,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write to this file (atomically: replaced only when the run succeeds) "
            "instead of stdout.",
            dir_okay=False,
        ),
    ] = None,
    published: Annotated[
        str | None,
        typer.Option(
            "--published",
            help="Publication date (YYYY-MM-DD) anchoring relative dates, for inputs that "
            "carry none (plain text; HTML and JSON records without a date).",
        ),
    ] = None,
    outlet: Annotated[
        str | None,
        typer.Option(
            "--outlet",
            help="Outlet name, the source of unattributed statements, for inputs that carry none.",
        ),
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            help="Settings file (TOML, a [sitrep] table or top-level keys) over the defaults.",
            exists=False,
            dir_okay=False,
        ),
    ] = None,
    min_confidence: Annotated[
        float | None,
        typer.Option(
            "--min-confidence",
            help="Drop events and deployments under this confidence (0..1); overrides the "
            "settings file.",
        ),
    ] = None,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet",
            "-q",
            help="No progress bar and no summary line; per-item errors are still printed.",
        ),
    ] = False,
) -> None:
    """Extract events, deployments, claims and places from articles."""
    from sitrep.ingest import read_sources
    from sitrep.out.writers import write_reports

    published_date = _parse_date_option(published, "--published")
    settings = _load_settings(config, min_confidence=min_confidence)
    items = iter(read_sources(paths, published=published_date, outlet=outlet, settings=settings))
    first, single = _peek_two(items)
    if not first:
        raise _fail("nothing to read: the inputs hold no documents.")
    counts = RunCounts()
    show_progress = not quiet and not single and sys.stderr.isatty()
    progress = _progress(show_progress)
    with (
        progress if progress is not None else contextlib.nullcontext(),
        open_output(output) as (stream, keep),
    ):
        reports = extract_items(_chain(first, items), settings, counts, progress=progress)
        try:
            write_reports(reports, output_format.value, stream, single=single)
        except OSError as exc:
            target = output or "stdout"
            raise _fail(SitrepError(Errors.E025, path=target, reason=exc.strerror or exc)) from exc
        keep[0] = counts.reports > 0
    if not quiet and (not single or counts.failed):
        _say(f"{counts.reports} report(s) written, {counts.failed} item(s) failed.")
    raise typer.Exit(counts.exit_code())


def _chain(
    first: list[Document | InputError], rest: Iterator[Document | InputError]
) -> Iterator[Document | InputError]:
    yield from first
    yield from rest


#: Where the shared evaluation data sits beside a checkout of sitrep.
SHARED_EVAL_DIR = Path("..") / "shared" / "eval"


def _eval_data(given: Path | None, default_name: str) -> Path:
    """The evaluation data path: ``--data``, else ``$SITREP_EVAL_DIR/<default_name>``,
    else ``../shared/eval/<default_name>`` when that folder exists."""
    if given is not None:
        return given
    env = os.environ.get("SITREP_EVAL_DIR")
    if env:
        return Path(env) / default_name
    if SHARED_EVAL_DIR.is_dir():
        return SHARED_EVAL_DIR / default_name
    raise _fail(
        SitrepError(Errors.E030, path="(no --data, SITREP_EVAL_DIR unset, no ../shared/eval)")
    )


def _evaluator(module_name: str, function: str, label: str) -> Any:
    """``module.function`` imported on use, or exit 2 with E031."""
    try:
        module = import_module(module_name)
    except ImportError as exc:
        raise _fail(SitrepError(Errors.E031, name=label, reason=exc)) from exc
    found = getattr(module, function, None)
    if found is None:
        reason = f"{module_name}.{function} is missing"
        raise _fail(SitrepError(Errors.E031, name=label, reason=reason))
    return found


def _write_json_result(result: dict[str, Any], output: Path | None) -> None:
    if output is None:
        return
    with open_output(output) as (stream, _keep):
        json.dump(result, stream, ensure_ascii=False, indent=2, default=str)
        stream.write("\n")


#: Options shared by the ``sitrep eval`` commands.
EvalOutput = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="Also write the full result as JSON here.", dir_okay=False),
]
EvalConfig = Annotated[
    Path | None,
    typer.Option("--config", help="Settings file (TOML) over the defaults.", dir_okay=False),
]
EvalLayers = Annotated[
    list[str] | None,
    typer.Option(
        "--layer",
        help="Use this gazetteer layer for the run: a place file (imported for this run "
        "only) or an installed layer's name; repeatable. Default: the installed layers.",
    ),
]
EvalNoLayers = Annotated[
    bool,
    typer.Option("--no-layers", help="Use the base gazetteer alone (no layers)."),
]


@eval_app.command("fakes")
def eval_fakes(
    data: Annotated[
        Path | None,
        typer.Option(
            "--data",
            help="FA-KES CSV file, or a folder holding fakes-dev.csv "
            "(default: $SITREP_EVAL_DIR/fakes-dev.csv).",
        ),
    ] = None,
    limit: Annotated[
        int | None,
        typer.Option("--limit", min=1, help="Score only the first N articles."),
    ] = None,
    output: EvalOutput = None,
    config: EvalConfig = None,
    layer: EvalLayers = None,
    no_layers: EvalNoLayers = False,
) -> None:
    """Score the headline event of FA-KES articles (governorate, killed, cause, actor)."""
    from sitrep.geo.commands import layers_for_run

    path = _eval_data(data, "fakes-dev.csv")
    if path.is_dir():
        path = path / "fakes-dev.csv"
    if not path.is_file():
        raise _fail(SitrepError(Errors.E030, path=path))
    evaluate = _evaluator("sitrep.eval.fakes", "evaluate_fakes", "FA-KES")
    format_scores = _evaluator("sitrep.eval.fakes", "format_scores", "FA-KES")
    try:
        with layers_for_run(_load_settings(config), layer, no_layers=no_layers) as settings:
            extractor = _build_extractor(settings)
            result = evaluate(path, extractor, limit=limit)
    except SitrepError as error:
        raise _fail(error) from error
    typer.echo(format_scores(result))
    _write_json_result(result, output)


@eval_app.command("geo")
def eval_geo(
    data: Annotated[
        Path | None,
        typer.Option(
            "--data",
            help="Folder with the geoparsing corpora (TR-News.xml, GeoVirus.xml) "
            "(default: $SITREP_EVAL_DIR/geo).",
            file_okay=True,
        ),
    ] = None,
    output: EvalOutput = None,
    config: EvalConfig = None,
    layer: EvalLayers = None,
    no_layers: EvalNoLayers = False,
) -> None:
    """Score toponym resolution: coverage and accuracy within 161 km."""
    from sitrep.geo.commands import layers_for_run

    path = _eval_data(data, "geo")
    if not path.exists():
        raise _fail(SitrepError(Errors.E030, path=path))
    evaluate = _evaluator("sitrep.eval.geo", "evaluate_geo_folder", "geoparsing")
    format_geo = _evaluator("sitrep.eval.geo", "format_geo", "geoparsing")
    try:
        with layers_for_run(_load_settings(config), layer, no_layers=no_layers) as settings:
            extractor = _build_extractor(settings)
            result = evaluate(path, extractor)
    except SitrepError as error:
        raise _fail(error) from error
    typer.echo(format_geo(result))
    _write_json_result(result, output)


@eval_app.command("plover")
def eval_plover(
    data: Annotated[
        Path | None,
        typer.Option(
            "--data",
            help="PLOVER gold records (PLOVER_GSR_CAMEO.json), or a folder holding them "
            "(default: $SITREP_EVAL_DIR/plover/PLOVER_GSR_CAMEO.json).",
        ),
    ] = None,
    limit: Annotated[
        int | None,
        typer.Option("--limit", min=1, help="Score only the first N sentences."),
    ] = None,
    output: EvalOutput = None,
    config: EvalConfig = None,
) -> None:
    """Score the PLOVER event type of each gold sentence (labels both PLOVER versions share)."""
    path = _eval_data(data, "plover/PLOVER_GSR_CAMEO.json")
    if path.is_dir():
        path = path / "PLOVER_GSR_CAMEO.json"
    if not path.is_file():
        raise _fail(SitrepError(Errors.E030, path=path))
    evaluate = _evaluator("sitrep.eval.plover", "evaluate_plover", "PLOVER")
    format_plover = _evaluator("sitrep.eval.plover", "format_plover", "PLOVER")
    extractor = _build_extractor(_load_settings(config))
    result = evaluate(path, extractor, limit=limit)
    typer.echo(format_plover(result))
    _write_json_result(result, output)


# Commands that live beside the code they drive (their modules import nothing
# heavy at module level, so `sitrep --help` stays fast).
eval_app.command("claims")(import_module("sitrep.eval.attribution").eval_claims)
eval_app.command("clusters")(import_module("sitrep.corpus.commands").eval_clusters)
import_module("sitrep.store.commands").register(app)
app.add_typer(import_module("sitrep.geo.commands").gazetteer_app, name="gazetteer")
app.command("serve")(import_module("sitrep.web.commands").serve)
