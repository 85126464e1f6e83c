"""The clustering gate: sitrep's cross-article clustering on FA-KES must not fall below its floors.

The floors live in ``src/sitrep/eval/cluster_floors.json`` (rule: the measured
score rounded down to two decimals, less 0.01). The 255 dev articles are
extracted once for the module; clustering them takes well under a second.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from sitrep.eval.clusters import (
    SCORED,
    cluster_scores_below_floors,
    evaluate_clusters,
    format_clusters,
    load_cluster_floors,
)
from sitrep.eval.fakes import read_fakes, row_document
from sitrep.types import Report

pytestmark = [pytest.mark.evaldata, pytest.mark.model]


@pytest.fixture(scope="module")
def fakes_path(eval_dir: Path) -> Path:
    path = eval_dir / "fakes-dev.csv"
    if not path.is_file():
        pytest.skip(f"FA-KES dev split not found at {path}")
    return path


@pytest.fixture(scope="module")
def fakes_reports(fakes_path: Path, extractor: Any) -> list[Report]:
    """sitrep's reports of every dev article, extracted once."""
    return list(extractor.extract_many(row_document(r) for r in read_fakes(fakes_path)))


@pytest.mark.parametrize("scope", ["headline", "all"])
def test_cluster_gate_scores_at_or_above_floors(
    scope: str, fakes_path: Path, fakes_reports: list[Report]
) -> None:
    result = evaluate_clusters(fakes_path, None, scope=scope, reports=fakes_reports)
    table = format_clusters(result)
    print(table)
    floors = load_cluster_floors()["floors"][scope]
    assert set(SCORED) <= set(floors)
    failures = cluster_scores_below_floors(result, floors)
    assert not failures, "clustering below floor:\n" + "\n".join(failures) + "\n\n" + table


def test_cluster_gate_counts_the_gold_groups(fakes_path: Path, fakes_reports: list[Report]) -> None:
    # The gold side is fixed by the data: a change means the data file changed.
    result = evaluate_clusters(fakes_path, None, reports=fakes_reports)
    assert result["articles"] == 255
    assert result["gold_groups"] == 5
    assert result["gold_pairs"] == 6
    assert result["cluster_seconds"] < 10
