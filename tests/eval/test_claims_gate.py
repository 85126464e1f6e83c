"""The claims gate: sitrep's source, cue and content F1 must not fall below their floors.

Floors live in ``src/sitrep/eval/claims_floors.json`` (measured F1 rounded down
less 0.01; a floor only moves up, or down in a commit that says why). The
texts come from ``../shared/eval/fakes-dev.csv``; without them the gate skips
with the reason. The 40 gold articles take a few seconds once the model is
loaded.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from sitrep.eval.attribution import (
    ROLES,
    claims_below_floors,
    evaluate_claims,
    format_claims,
    load_claims_floors,
)

pytestmark = [pytest.mark.evaldata, pytest.mark.model]


@pytest.fixture(scope="module")
def claims_result(eval_dir: Path, extractor: Any) -> dict[str, Any]:
    """sitrep's claims scored once against the attribution gold."""
    path = eval_dir / "fakes-dev.csv"
    if not path.is_file():
        pytest.skip(f"FA-KES dev split not found at {path}")
    return evaluate_claims(path, extractor, limit=load_claims_floors().get("limit"))


def test_claims_gate_scores_at_or_above_floors(claims_result: dict[str, Any]) -> None:
    table = format_claims(claims_result)
    print(table)
    failures = claims_below_floors(claims_result, load_claims_floors()["floors"])
    assert not failures, "claims below floor:\n" + "\n".join(failures) + "\n\n" + table


def test_claims_gate_goal_of_issue_5(claims_result: dict[str, Any]) -> None:
    # Issue #5: at least 0.75 overlap F1 on source and content.
    for role in ("source", "content"):
        assert claims_result["scores"][role]["overlap"]["f1"] >= 0.75, format_claims(claims_result)


def test_claims_gate_floors_cover_every_role() -> None:
    floors = load_claims_floors()["floors"]
    assert set(floors) == set(ROLES)
    assert all(set(m) == {"overlap_f1", "exact_f1"} for m in floors.values())
    assert all(0.0 <= v <= 1.0 for m in floors.values() for v in m.values())


def test_claims_gate_scores_every_gold_article(claims_result: dict[str, Any]) -> None:
    # A changed data file must show up, not shrink the test set silently.
    assert claims_result["stale"] == [] and claims_result["missing"] == []
    assert claims_result["articles"] == len(claims_result["rows"]) >= 40
