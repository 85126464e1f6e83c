"""Tests of sitrep.eval.geo's folder entry point and table (no model)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.errors import SitrepError
from sitrep.eval.geo import GoldToponym, _place_overlapping, evaluate_geo_folder, format_geo
from sitrep.types import Place


def test_geo_folder_without_gold_files_is_e030(tmp_path: Path) -> None:
    with pytest.raises(SitrepError, match="E030"):
        evaluate_geo_folder(tmp_path, extractor=None)  # type: ignore[arg-type]


def test_geo_format_one_row_per_file() -> None:
    row = {
        "file": "TR-News.xml",
        "articles": 2,
        "gold_toponyms": 10,
        "coverage": 0.8,
        "acc161": 0.75,
        "acc161_local": 0.9,
        "geonameid_accuracy": None,
        "median_error_km": 3.2,
    }
    table = format_geo({"files": [row, {**row, "file": "GeoVirus.xml"}]})
    lines = table.splitlines()
    assert len(lines) == 4
    assert lines[2] == "| TR-News.xml | 2 | 10 | 0.800 | 0.750 | 0.900 | - | 3.2 |"


@pytest.mark.parametrize(
    ("mentions", "expected"),
    [
        # The name itself, not the relative phrase that contains it.
        ({(0, 22): "near", (13, 22): "country"}, "country"),
        ({(13, 22): "country", (0, 22): "near"}, "country"),
        # One overlapping mention is enough.
        ({(0, 22): "near"}, "near"),
        # Negative: a mention beside the gold span does not count.
        ({(0, 12): "near"}, None),
    ],
)
def test_geo_gold_matches_the_mention_overlapping_most(
    mentions: dict[tuple[int, int], str], expected: str | None
) -> None:
    gold = GoldToponym(start=13, end=22, phrase="Australia", lat=-25.0, lon=135.0, geonameid=None)
    by_id = {
        pid: Place(id=pid, name=pid, lat=0.0, lon=0.0, geo_precision=1)
        for pid in set(mentions.values())
    }
    place = _place_overlapping(mentions, by_id, gold)
    assert (place.id if place else None) == expected


_TINY_TR_NEWS = """<?xml version="1.0" encoding="utf-8"?>
<articles><article docid="1"><text>Shelling hit Aleppo on Monday.</text><toponyms>
<toponym><phrase>Aleppo</phrase><start>13</start><end>19</end>
<gaztag geonameid="170063"><lat>36.20124</lat><lon>37.16117</lon></gaztag></toponym>
</toponyms></article></articles>
"""


@pytest.mark.model
@pytest.mark.parametrize(
    ("options", "exit_code"),
    [
        (["--no-layers"], 0),
        ([], 0),
        # Negative: a layer that is neither a file nor installed is a clear error.
        (["--layer", "no-such-layer-anywhere"], 2),
    ],
)
def test_geo_cli_layer_options(tmp_path: Path, options: list[str], exit_code: int) -> None:
    from typer.testing import CliRunner

    from sitrep.cli import app

    gold = tmp_path / "TR-News.xml"
    gold.write_text(_TINY_TR_NEWS, encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "geo", "--data", str(gold), *options])
    assert result.exit_code == exit_code, result.output
    if exit_code == 0:
        assert "| TR-News.xml | 1 | 1 | 1.000 | 1.000 |" in result.output
