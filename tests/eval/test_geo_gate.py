"""Accuracy gate for geocoding: TR-News and GeoVirus scores must stay above their floors.

Runs the real pipeline on a fixed subset (the first N articles of each file,
N in ``geo_floors.json``) to keep CI short (about 20 s after the model loads).
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from sitrep.eval.geo import evaluate_geo

pytestmark = [pytest.mark.evaldata, pytest.mark.model]

FLOORS: dict[str, Any] = json.loads(
    (resources.files("sitrep") / "eval" / "geo_floors.json").read_text(encoding="utf-8")
)
FILES = sorted(k for k in FLOORS if not k.startswith("_"))


@pytest.fixture(scope="module")
def scores(eval_dir: Path, extractor: Any) -> dict[str, dict[str, Any]]:
    results = {}
    for name in FILES:
        path = eval_dir / "geo" / name
        if not path.is_file():
            pytest.skip(f"{path} not found")
        results[name] = evaluate_geo(path, extractor, limit=FLOORS[name]["limit"])
    return results


@pytest.mark.parametrize(
    ("name", "metric"),
    [(n, m) for n in FILES for m in FLOORS[n] if m != "limit"],
)
def test_geo_gate_score_above_floor(
    scores: dict[str, dict[str, Any]], name: str, metric: str
) -> None:
    score = scores[name][metric]
    floor = FLOORS[name][metric]
    assert score is not None and score >= floor, (
        f"{name} {metric} = {score} fell below its floor {floor}; "
        "see src/sitrep/eval/geo_floors.json"
    )


def test_geo_gate_counts_are_sane(scores: dict[str, dict[str, Any]]) -> None:
    for name, result in scores.items():
        assert result["articles"] == FLOORS[name]["limit"]
        assert 0 < result["matched"] <= result["gold_toponyms"]
