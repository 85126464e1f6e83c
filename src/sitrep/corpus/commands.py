"""``sitrep eval clusters``: the command over :func:`sitrep.eval.clusters.evaluate_clusters`.

Registered on the ``eval`` group by one line at the bottom of
:mod:`sitrep.cli`; the helpers of that module (settings, extractor, data
path, JSON output) are imported when the command runs, so that importing
this module never imports the CLI half-built.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer


class ClusterScope(StrEnum):
    """Which events ``sitrep eval clusters`` clusters."""

    headline = "headline"
    all = "all"


def eval_clusters(
    data: Annotated[
        Path | None,
        typer.Option(
            "--data",
            help="FA-KES CSV file, or a folder holding fakes-dev.csv "
            "(default: $SITREP_EVAL_DIR/fakes-dev.csv).",
        ),
    ] = None,
    scope: Annotated[
        ClusterScope,
        typer.Option(
            "--scope",
            help="Cluster the articles' headline events only, or all their events "
            "(articles are compared by their headline events either way).",
        ),
    ] = ClusterScope.headline,
    day_window: Annotated[
        int,
        typer.Option(
            "--day-window", min=0, help="Days either side within which day-dated reports merge."
        ),
    ] = 1,
    max_km: Annotated[
        float,
        typer.Option(
            "--max-km", min=0.1, help="Largest distance in km between two located reports."
        ),
    ] = 25.0,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Also write the full result as JSON here.", dir_okay=False
        ),
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option("--config", help="Settings file (TOML) over the defaults.", dir_okay=False),
    ] = None,
) -> None:
    """Score cross-article event clustering on FA-KES (same date, governorate and toll)."""
    from sitrep import cli
    from sitrep.corpus.cluster import ClusterSettings
    from sitrep.errors import Errors, SitrepError
    from sitrep.eval.clusters import evaluate_clusters, format_clusters

    path = cli._eval_data(data, "fakes-dev.csv")
    if path.is_dir():
        path = path / "fakes-dev.csv"
    if not path.is_file():
        raise cli._fail(SitrepError(Errors.E030, path=path))
    defaults = ClusterSettings()
    try:
        cluster_settings = ClusterSettings(
            day_window=day_window,
            week_window=max(day_window, defaults.week_window),
            month_window=max(day_window, defaults.month_window),
            max_km=max_km,
        )
    except SitrepError as error:
        raise cli._fail(error) from error
    extractor = cli._build_extractor(cli._load_settings(config))
    result = evaluate_clusters(path, extractor, scope=scope.value, settings=cluster_settings)
    typer.echo(format_clusters(result))
    cli._write_json_result(result, output)
