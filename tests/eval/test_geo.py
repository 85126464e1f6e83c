"""Tests of sitrep.eval.geo's folder entry point and table (no model)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.errors import SitrepError
from sitrep.eval.geo import evaluate_geo_folder, format_geo


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
