"""Score PLOVER event types against the OEDA gold standard records.

Method: each gold record is one sentence coded with a PLOVER event type
(``/work/shared/eval/plover/PLOVER_GSR_CAMEO.json``, coded with PLOVER 0.5b1).
sitrep extracts the sentence (published = the record's date); its predicted
type is the PLOVER type of the most confident asserted event that has one.
Accuracy is computed on the labels both PLOVER versions share (TYPOLOGY.md);
the old-only labels (FIGHT, DEMAND, DISAPPROVE, INVESTIGATE) are reported
apart, FIGHT also against ASSAULT (into which it was merged).

Limits: one label per sentence, while a sentence may hold several events;
records without text (the DOCUMENT record) are skipped.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sitrep.types import Document, Report

if TYPE_CHECKING:
    from sitrep.api import Extractor

#: PLOVER types of the current manual.
CURRENT = frozenset(
    "AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT THREATEN "
    "PROTEST SANCTION MOBILIZE COERCE ASSAULT".split()
)
#: Labels of PLOVER 0.5b1 that the current manual no longer has.
OLD_ONLY = {"FIGHT": "ASSAULT", "DEMAND": None, "DISAPPROVE": None, "INVESTIGATE": None}


def load_plover_records(path: Path) -> list[dict[str, Any]]:
    """Gold records with a sentence and an event type (the DOCUMENT record dropped)."""
    records = json.loads(Path(path).read_text(encoding="utf-8"))
    return [r for r in records if r.get("text") and r.get("event") not in (None, "DOCUMENT")]


def predicted_plover(report: Report) -> str | None:
    """The PLOVER type sitrep gives the sentence: its most confident asserted event's."""
    typed = [e for e in report.events if e.plover]
    asserted = [e for e in typed if e.modality == "asserted"] or typed
    if not asserted:
        return None
    return max(asserted, key=lambda e: e.confidence).plover


def score_plover(pairs: list[tuple[str, str | None]]) -> dict[str, Any]:
    """Accuracy over (gold, predicted) pairs, split into shared and old-only labels."""
    shared = [(g, p) for g, p in pairs if g in CURRENT]
    old = [(g, p) for g, p in pairs if g in OLD_ONLY]
    correct = sum(1 for g, p in shared if g == p)
    per_label: dict[str, dict[str, int]] = {}
    for gold, pred in shared:
        row = per_label.setdefault(gold, {"n": 0, "correct": 0})
        row["n"] += 1
        row["correct"] += int(gold == pred)
    old_mapped = sum(1 for g, p in old if OLD_ONLY[g] is not None and OLD_ONLY[g] == p)
    return {
        "n_shared": len(shared),
        "accuracy": correct / len(shared) if shared else 0.0,
        "predicted_share": sum(1 for _, p in shared if p) / len(shared) if shared else 0.0,
        "per_label": per_label,
        "n_old_only": len(old),
        "old_only_predictions": dict(Counter(f"{g}->{p}" for g, p in old)),
        "fight_as_assault": old_mapped / max(1, sum(1 for g, _ in old if g == "FIGHT")),
    }


def evaluate_plover(
    path: Path, extractor: Extractor, *, limit: int | None = None
) -> dict[str, Any]:
    """Run sitrep on every gold sentence and score its PLOVER type."""
    records = load_plover_records(path)[:limit]
    documents = []
    for record in records:
        try:
            published = date.fromisoformat(record.get("date", ""))
        except ValueError:
            published = None
        documents.append(Document(id=record["id"], text=record["text"], published=published))
    pairs = [
        (record["event"], predicted_plover(report))
        for record, report in zip(records, extractor.extract_many(documents), strict=True)
    ]
    return score_plover(pairs)


def format_plover(result: dict[str, Any]) -> str:
    """A plain-text table of the PLOVER scores."""
    lines = [
        f"PLOVER type accuracy (shared labels, n={result['n_shared']}): "
        f"{result['accuracy']:.3f}; sentences with a prediction: {result['predicted_share']:.3f}",
        f"FIGHT (old label) predicted as ASSAULT: {result['fight_as_assault']:.3f}",
    ]
    for label, row in sorted(result["per_label"].items()):
        lines.append(f"  {label:<10} {row['correct']:>3}/{row['n']:<3}")
    return "\n".join(lines)
