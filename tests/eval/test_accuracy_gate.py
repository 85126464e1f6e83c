"""The accuracy gate: sitrep's FA-KES and PLOVER scores must not fall below their floors.

The floors live in ``src/sitrep/eval/floors.json`` (a floor only moves up, or
down in a commit that says why). The whole dev split (255 articles) took
about 40 s on the shared 2-core machine mid-session, fast enough for CI, so
the gate uses all of it (``limit`` in floors.json can cut it to the first N).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from sitrep.eval.fakes import (
    FIELDS,
    evaluate_fakes,
    format_scores,
    load_floors,
    scores_below_floors,
)

pytestmark = [pytest.mark.evaldata, pytest.mark.model]


@pytest.fixture(scope="module")
def fakes_result(eval_dir: Path, extractor: Any) -> dict[str, Any]:
    """sitrep and the keyword baseline scored once on the floors' rows."""
    path = eval_dir / "fakes-dev.csv"
    if not path.is_file():
        pytest.skip(f"FA-KES dev split not found at {path}")
    return evaluate_fakes(path, extractor, limit=load_floors().get("limit"))


def test_accuracy_gate_scores_at_or_above_floors(fakes_result: dict[str, Any]) -> None:
    floors = load_floors()["floors"]
    table = format_scores(fakes_result)
    print(table)
    failures = scores_below_floors(fakes_result, floors)
    assert not failures, "accuracy below floor:\n" + "\n".join(failures) + "\n\n" + table


def test_accuracy_gate_floors_cover_every_field() -> None:
    floors = load_floors()["floors"]
    assert set(floors) == set(FIELDS)
    assert all(0.0 <= floors[name] <= 1.0 for name in FIELDS)


def test_accuracy_gate_baseline_unchanged(fakes_result: dict[str, Any]) -> None:
    # The baseline is fixed and deterministic: a change here means the data
    # file or the baseline changed, and every recorded comparison with it too.
    recorded = load_floors()["baseline"]
    measured = {name: round(fakes_result["baseline"][name], 3) for name in FIELDS}
    assert measured == {name: recorded[name] for name in FIELDS}


def test_accuracy_gate_scores_every_article(fakes_result: dict[str, Any]) -> None:
    assert fakes_result["articles"] == len(fakes_result["rows"]) > 0
    assert all(set(row["hits"]) == set(FIELDS) for row in fakes_result["rows"])


def test_accuracy_gate_plover_type_at_or_above_floor(eval_dir: Path, extractor: Any) -> None:
    from sitrep.eval.plover import evaluate_plover, format_plover

    path = eval_dir / "plover" / "PLOVER_GSR_CAMEO.json"
    if not path.is_file():
        pytest.skip(f"PLOVER gold records not found at {path}")
    floor = load_floors()["plover"]["floors"]["accuracy"]
    result = evaluate_plover(path, extractor)
    print(format_plover(result))
    assert result["accuracy"] >= floor, format_plover(result)
