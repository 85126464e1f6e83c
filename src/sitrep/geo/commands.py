"""``sitrep gazetteer …``: add, list, inspect and remove gazetteer layers.

A thin command layer over :mod:`sitrep.geo.layers` and :mod:`sitrep.geo.dump`:
:func:`add_layer_file` and :func:`add_geonames_dump` are the plain functions
the commands (and tests) call; :func:`layers_for_run` gives an evaluation run
its own layers without touching the installed ones.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import shutil
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from sitrep.errors import SitrepError
from sitrep.geo.layers import LayerInfo
from sitrep.settings import Settings

if TYPE_CHECKING:
    from sitrep.geo.gazetteer import Gazetteer

#: Warnings printed by a command; the layer's metadata keeps up to 200.
_SHOWN_WARNINGS = 20

gazetteer_app = typer.Typer(
    help=(
        "Gazetteer layers: GeoNames country dumps, OCHA place layers and your own lists "
        "of places, used beside the base index by every command."
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
)


@dataclass(slots=True)
class ImportResult:
    """What an import did: the layer, its warnings, rows read and skipped, time taken."""

    info: LayerInfo
    warnings: list[str]
    rows: int
    seconds: float

    @property
    def skipped(self) -> int:
        """Rows read but not imported."""
        return max(0, self.rows - self.info.places)


def _base(settings: Settings) -> Gazetteer:
    """The base index alone: imports link to it and must not see older layers."""
    from sitrep.geo.gazetteer import Gazetteer

    return Gazetteer.load(settings, with_layers=False)


def add_layer_file(
    path: Path,
    settings: Settings | None = None,
    *,
    name: str | None = None,
    licence: str | None = None,
    credit: str | None = None,
    country: str | None = None,
    feature: str | None = None,
) -> ImportResult:
    """Import a place file as a layer in ``layer_dir_for(settings)``; see :func:`import_layer`.

    Raises :class:`SitrepError` (E040/E041/E043/E044/E042) with the file and
    row; the installed layers and the base index are untouched on error.
    """
    from sitrep.geo.gazetteer import layer_dir_for
    from sitrep.geo.layers import default_layer_name, import_layer, read_layer_file

    settings = settings or Settings()
    started = time.perf_counter()
    parsed = read_layer_file(Path(path), feature=feature)
    layer_name = name or default_layer_name(Path(path))
    info = import_layer(
        parsed,
        layer_dir_for(settings),
        _base(settings),
        name=layer_name,
        country=country,
        licence=licence,
        credit=credit,
    )
    return ImportResult(info, parsed.warnings, parsed.rows, time.perf_counter() - started)


def add_geonames_dump(
    country: str,
    settings: Settings | None = None,
    *,
    file: Path | None = None,
    url: str | None = None,
    name: str | None = None,
    feature_classes: str | None = None,
) -> ImportResult:
    """Import a GeoNames country dump (file, URL or ``settings.geonames_dump_url``)."""
    from sitrep.geo.dump import DEFAULT_FEATURE_CLASSES, import_geonames_dump
    from sitrep.geo.gazetteer import layer_dir_for

    settings = settings or Settings()
    started = time.perf_counter()
    info, warnings = import_geonames_dump(
        country,
        layer_dir_for(settings),
        _base(settings),
        file=file,
        url=url,
        base_url=settings.geonames_dump_url,
        name=name,
        feature_classes=feature_classes or DEFAULT_FEATURE_CLASSES,
        timeout=settings.download_timeout,
        max_bytes=settings.max_download_bytes,
    )
    from sitrep.geo.layers import read_meta

    rows = int(read_meta(info.path).get("rows", "0"))
    return ImportResult(info, warnings, rows, time.perf_counter() - started)


@contextlib.contextmanager
def layers_for_run(
    settings: Settings, layers: Sequence[str] | None, *, no_layers: bool = False
) -> Iterator[Settings]:
    """Settings whose gazetteer opens exactly the given layers (for one run).

    Each entry of ``layers`` is a place file (imported into a temporary layer
    folder for this run only) or the name of an installed layer (copied
    there). ``no_layers`` opens the base alone. Without either, ``settings``
    is returned unchanged (every installed layer is used).
    """
    if no_layers:
        yield dataclasses.replace(settings, layers=())
        return
    if not layers:
        yield settings
        return
    from sitrep.geo.gazetteer import layer_dir_for
    from sitrep.geo.layers import layer_paths

    with tempfile.TemporaryDirectory(prefix="sitrep-layers-") as folder:
        run = dataclasses.replace(settings, layer_dir=Path(folder), layers=None)
        for spec in layers:
            if Path(spec).is_file():
                add_layer_file(Path(spec), run)
            else:
                source = layer_paths(layer_dir_for(settings), [spec])[0]
                shutil.copyfile(source, Path(folder) / source.name)
        yield run


# --- the commands ------------------------------------------------------------------------

Config = Annotated[
    Path | None,
    typer.Option("--config", help="Settings file (TOML) over the defaults.", dir_okay=False),
]


def _settings(config: Path | None) -> Settings:
    from sitrep.settings import load_settings

    try:
        return load_settings(config)
    except SitrepError as error:
        raise _fail(error) from error


def _fail(error: object) -> typer.Exit:
    typer.echo(f"sitrep: {error}", err=True)
    return typer.Exit(2)


def _report(result: ImportResult) -> None:
    info = result.info
    typer.echo(
        f"layer '{info.name}': {info.places:,} places ({info.linked:,} linked to base "
        f"GeoNames places), {info.names:,} names, {info.size_bytes / 1e6:.1f} MB, "
        f"imported in {result.seconds:.1f} s -> {info.path}"
    )
    typer.echo(f"  format: {info.format}; columns used: " + _columns(info.columns))
    typer.echo(f"  credit: {info.credit}; licence: {info.licence}")
    if result.warnings:
        typer.echo(
            f"sitrep: {len(result.warnings)} warning(s); {result.skipped} row(s) skipped:",
            err=True,
        )
        for warning in result.warnings[:_SHOWN_WARNINGS]:
            typer.echo(f"sitrep: warning: {warning}", err=True)
        if len(result.warnings) > _SHOWN_WARNINGS:
            typer.echo(
                f"sitrep: … and {len(result.warnings) - _SHOWN_WARNINGS} more "
                f"('sitrep gazetteer info {info.name}' lists up to 200).",
                err=True,
            )


def _columns(columns: dict[str, str]) -> str:
    return ", ".join(f"{field}={column}" for field, column in columns.items()) or "(none)"


@gazetteer_app.command("add")
def add_command(
    country: Annotated[
        str,
        typer.Argument(metavar="COUNTRY", help="ISO 3166-1 alpha-2 country code, e.g. SY."),
    ],
    file: Annotated[
        Path | None,
        typer.Option(
            "--file",
            help="A GeoNames dump already on disk (XX.zip or XX.txt) instead of downloading.",
            dir_okay=False,
        ),
    ] = None,
    url: Annotated[
        str | None,
        typer.Option(
            "--url",
            help="Download the dump from this address instead of "
            "<geonames_dump_url>/XX.zip (setting geonames_dump_url).",
        ),
    ] = None,
    name: Annotated[
        str | None,
        typer.Option("--name", help="Layer name (default geonames-<cc>)."),
    ] = None,
    feature_classes: Annotated[
        str | None,
        typer.Option(
            "--feature-classes",
            help="GeoNames feature classes to import (default PSTLHV: places, spots, "
            "terrain, areas, water, vegetation).",
        ),
    ] = None,
    config: Config = None,
) -> None:
    """Import a full GeoNames country dump (villages, mountains, sites) as a layer."""
    settings = _settings(config)
    try:
        result = add_geonames_dump(
            country, settings, file=file, url=url, name=name, feature_classes=feature_classes
        )
    except SitrepError as error:
        raise _fail(error) from error
    _report(result)
    raise typer.Exit(1 if result.skipped else 0)


@gazetteer_app.command("add-layer")
def add_layer_command(
    file: Annotated[
        Path,
        typer.Argument(
            metavar="FILE",
            help="Places: CSV/TSV (name, lat, lon, aliases…), GeoJSON, an OCHA COD layer "
            "or neighbourhood file, XLSX (needs openpyxl) or a GeoNames dump.",
            dir_okay=False,
        ),
    ],
    name: Annotated[
        str | None,
        typer.Option("--name", help="Layer name (default: from the file name)."),
    ] = None,
    licence: Annotated[
        str | None,
        typer.Option("--licence", help="Licence of the data (default: guessed for OCHA files)."),
    ] = None,
    credit: Annotated[
        str | None,
        typer.Option("--credit", help="Attribution written into every report's credits."),
    ] = None,
    country: Annotated[
        str | None,
        typer.Option(
            "--country",
            help="ISO alpha-2 code of the country the places lie in (rows outside its "
            "bounding box are skipped with a warning).",
        ),
    ] = None,
    feature: Annotated[
        str | None,
        typer.Option(
            "--feature",
            help="Feature code for places whose file gives none (default PPL, PPLX for "
            "neighbourhood files).",
        ),
    ] = None,
    config: Config = None,
) -> None:
    """Import your own places (or an OCHA layer) as a gazetteer layer."""
    settings = _settings(config)
    try:
        result = add_layer_file(
            file,
            settings,
            name=name,
            licence=licence,
            credit=credit,
            country=country,
            feature=feature,
        )
    except SitrepError as error:
        raise _fail(error) from error
    _report(result)
    raise typer.Exit(1 if result.skipped else 0)


JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]


@gazetteer_app.command("list")
def list_command(as_json: JsonFlag = False, config: Config = None) -> None:
    """List the base index and the installed layers with counts, sources and licences."""
    from sitrep.geo.gazetteer import default_cache_dir, layer_dir_for
    from sitrep.geo.layers import list_layers

    settings = _settings(config)
    layers = list_layers(layer_dir_for(settings))
    active = set(settings.layers) if settings.layers is not None else None
    if as_json:
        typer.echo(
            json.dumps(
                [
                    {**info.as_dict(), "active": active is None or info.name in active}
                    for info in layers
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    base_dir = Path(settings.gazetteer_dir or default_cache_dir()).expanduser()
    typer.echo(f"base: GeoNames cities500 + divisions + countries, in {base_dir}")
    if not layers:
        typer.echo(f"no layers in {layer_dir_for(settings)}")
        return
    for info in layers:
        flag = "" if active is None or info.name in active else " (not active: setting layers)"
        typer.echo(
            f"{info.name}: {info.places:,} places, {info.names:,} names, "
            f"{info.size_bytes / 1e6:.1f} MB, {info.credit} ({info.licence}), "
            f"imported {info.imported}{flag}"
        )


@gazetteer_app.command("info")
def info_command(
    name: Annotated[str, typer.Argument(metavar="NAME", help="Layer name.")],
    as_json: JsonFlag = False,
    config: Config = None,
) -> None:
    """Show one layer: source, format, columns used, counts, licence, import warnings."""
    from sitrep.geo.gazetteer import layer_dir_for
    from sitrep.geo.layers import layer_info, layer_paths

    settings = _settings(config)
    try:
        info = layer_info(layer_paths(layer_dir_for(settings), [name])[0])
    except SitrepError as error:
        raise _fail(error) from error
    if as_json:
        typer.echo(json.dumps(info.as_dict(), ensure_ascii=False, indent=2))
        return
    for label, value in [
        ("name", info.name),
        ("file", str(info.path)),
        ("places", f"{info.places:,} ({info.linked:,} linked to base GeoNames places)"),
        ("names", f"{info.names:,}"),
        ("size", f"{info.size_bytes / 1e6:.2f} MB"),
        ("source", info.source),
        ("format", info.format),
        ("columns used", _columns(info.columns)),
        ("country", info.country or "-"),
        ("credit", info.credit),
        ("licence", info.licence),
        ("imported", info.imported),
        ("warnings", str(len(info.warnings))),
    ]:
        typer.echo(f"{label:>12}: {value}")
    for warning in info.warnings:
        typer.echo(f"  - {warning}")


@gazetteer_app.command("remove")
def remove_command(
    name: Annotated[str, typer.Argument(metavar="NAME", help="Layer name.")],
    config: Config = None,
) -> None:
    """Remove an installed layer (the base index is kept)."""
    from sitrep.geo.gazetteer import layer_dir_for
    from sitrep.geo.layers import remove_layer

    settings = _settings(config)
    try:
        path = remove_layer(layer_dir_for(settings), name)
    except SitrepError as error:
        raise _fail(error) from error
    typer.echo(f"removed layer '{name}' ({path})")
