"""Score cross-article event clustering against the FA-KES coders.

FA-KES (Abu Salem et al., ICWSM 2019, CC BY 4.0) codes each article with the
date, governorate and death toll of the incident it reports. Articles that
share all three are taken as reports of one incident (the *gold incident*
key); a *gold group* is such an incident reported by more than one outlet.
:func:`evaluate_clusters` extracts every article with sitrep, clusters the
events with :func:`sitrep.corpus.cluster.cluster_events`, places each article
in the cluster of its headline event, and reports:

- gold groups merged fully (all their articles in one cluster), partly (some),
  or missed;
- distinct gold incidents wrongly merged (sharing a cluster with another gold
  incident) and the wrong article pairs;
- pairwise precision, recall and F1 over article pairs (a pair is predicted
  when both articles' headline events share a cluster, gold when both
  articles share the gold key);
- among the wrong pairs, the *near* ones: same coded governorate, coded
  dates at most :data:`NEAR_DAYS` apart. Reading them shows most to be one
  incident told with two tolls or coded under two publication dates, so
  ``precision_near`` (correct plus near pairs over predicted) bounds the
  precision from above as ``precision`` bounds it from below.

``scope="headline"`` clusters only the articles' headline events;
``scope="all"`` clusters every event of every article (as the store does)
and still reads each article by its headline event's cluster.

Limits: the gold key is coarse and strict. Two outlets that give different
tolls for one incident are two gold incidents here, so part of what counts
as a wrong merge is a disputed toll that sitrep records as a contradiction;
and an article's date is its publication date, not the incident's. The dev
split holds few gold pairs, so recall moves in large steps.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from itertools import combinations
from pathlib import Path
from typing import Any

from sitrep.corpus.cluster import ClusterSettings, cluster_events, event_rows
from sitrep.eval.fakes import FakesRow, ReportSource, read_fakes, row_document
from sitrep.types import Report

#: The scopes :func:`evaluate_clusters` knows.
SCOPES: tuple[str, ...] = ("headline", "all")
#: The scores the gate pins (see ``cluster_floors.json``).
SCORED: tuple[str, ...] = ("precision", "recall", "f1")

GoldKey = tuple[str, str, int]
#: Coded dates at most this many days apart count as "near" (see ``near_pairs``).
NEAR_DAYS = 7


def gold_incident_key(row: FakesRow) -> GoldKey:
    """The coded incident of an article: (date, governorate, killed)."""
    published = row.published.isoformat() if row.published else ""
    return (published, row.governorate, row.killed)


def article_links(
    reports: Sequence[Report], *, scope: str = "headline", settings: ClusterSettings | None = None
) -> set[tuple[str, str]]:
    """The article pairs sitrep says report the same incident.

    A pair is linked when the two articles' headline events share a cluster.
    ``scope="headline"`` clusters only the headline events; ``"all"`` every
    event of every article (as the store does), where a headline event may
    also join another article's secondary event (a background mention) and
    so not its headline. An article without a headline event is linked to
    nothing. Pairs are ``(smaller id, larger id)``.
    """
    if scope not in SCOPES:
        raise ValueError(f"unknown scope {scope!r}; choose one of {', '.join(SCOPES)}")
    rows = [
        row for report in reports for row in event_rows(report) if scope == "all" or row["headline"]
    ]
    headlines = {(row["doc_id"], row["event_id"]) for row in rows if row["headline"]}
    links: set[tuple[str, str]] = set()
    for cluster in cluster_events(rows, settings):
        docs = sorted({member[0] for member in cluster.members if member in headlines})
        links |= set(combinations(docs, 2))
    return links


def _pairs(groups: Iterable[Sequence[str]]) -> set[tuple[str, str]]:
    return {(a, b) for members in groups for a, b in combinations(sorted(members), 2)}


def _incident_label(key: GoldKey) -> str:
    return f"{key[0]} {key[1]} {key[2]} killed"


def _near_incidents(first: GoldKey, second: GoldKey) -> bool:
    """Same governorate, coded dates at most a week apart: maybe one incident
    coded under two publication dates, or with two tolls."""
    if first[1] != second[1] or not first[0] or not second[0]:
        return False
    days = abs(date.fromisoformat(first[0]) - date.fromisoformat(second[0])).days
    return days <= NEAR_DAYS


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def score_article_links(rows: Sequence[FakesRow], links: set[tuple[str, str]]) -> dict[str, Any]:
    """Compare sitrep's article links with the gold incidents (see the module docstring)."""
    gold: dict[GoldKey, list[str]] = defaultdict(list)
    outlets: dict[GoldKey, set[str]] = defaultdict(set)
    for row in rows:
        key = gold_incident_key(row)
        gold[key].append(row.unit_id)
        outlets[key].add(row.outlet.strip().lower())
    gold_pairs = _pairs(gold.values())
    true_pairs = gold_pairs & links
    precision = _ratio(len(true_pairs), len(links))
    recall = _ratio(len(true_pairs), len(gold_pairs))
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    groups: list[dict[str, Any]] = []
    for key, members in sorted(gold.items()):
        if len(members) < 2 or len(outlets[key]) < 2:
            continue
        pairs = _pairs([members])
        found = len(pairs & links)
        status = "full" if found == len(pairs) else "partial" if found else "missed"
        groups.append(
            {"incident": _incident_label(key), "articles": sorted(members), "status": status}
        )

    key_of = {row.unit_id: gold_incident_key(row) for row in rows}
    wrong = sorted(links - gold_pairs)
    wrongly_merged = {key_of[article] for pair in wrong for article in pair}
    near = [pair for pair in wrong if _near_incidents(key_of[pair[0]], key_of[pair[1]])]
    full = sum(g["status"] == "full" for g in groups)
    partial = sum(g["status"] == "partial" for g in groups)
    return {
        "articles": len(rows),
        "gold_incidents": len(gold),
        "gold_groups": len(groups),
        "groups_full": full,
        "groups_partial": partial,
        "groups_missed": len(groups) - full - partial,
        "gold_pairs": len(gold_pairs),
        "predicted_pairs": len(links),
        "true_pairs": len(true_pairs),
        "wrong_pairs": len(wrong),
        "wrongly_merged_incidents": len(wrongly_merged),
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "near_pairs": len(near),
        "precision_near": _ratio(len(true_pairs) + len(near), len(links)),
        "groups": groups,
        "wrong_merges": [
            {"articles": list(pair), "incidents": [_incident_label(key_of[a]) for a in pair]}
            for pair in wrong
        ],
    }


def evaluate_clusters(
    path: Path | str,
    extractor: ReportSource | None,
    *,
    scope: str = "headline",
    settings: ClusterSettings | None = None,
    reports: Sequence[Report] | None = None,
) -> dict[str, Any]:
    """Extract every FA-KES article, cluster the events, score against the gold incidents.

    ``reports`` (the reports of the file's rows, in order) skips extraction,
    for iterating on the clustering rules. Returns the
    :func:`score_article_links` figures plus ``data``, ``scope``,
    ``events`` (rows clustered), ``extract_seconds``, ``cluster_seconds``.
    """
    rows = read_fakes(path)
    started = time.perf_counter()
    if reports is None:
        if extractor is None:
            raise ValueError("evaluate_clusters needs an extractor or the reports")
        reports = list(extractor.extract_many(row_document(r) for r in rows))
    extract_seconds = time.perf_counter() - started
    started = time.perf_counter()
    links = article_links(reports, scope=scope, settings=settings)
    cluster_seconds = time.perf_counter() - started
    result = score_article_links(rows, links)
    events = sum(
        len(r.events) if scope == "all" else any(e.headline for e in r.events) for r in reports
    )
    return {
        "data": str(path),
        "scope": scope,
        "events": events,
        "extract_seconds": round(extract_seconds, 3),
        "cluster_seconds": round(cluster_seconds, 3),
        **result,
    }


def format_clusters(result: dict[str, Any]) -> str:
    """A short Markdown summary of :func:`evaluate_clusters`'s result."""
    lines = [
        f"FA-KES cross-article clustering ({result['scope']} events): "
        f"{result['articles']} articles, {result['events']} events clustered "
        f"in {result['cluster_seconds']:.2f} s",
        "",
        "| measure | value |",
        "|---|---|",
        f"| gold groups (same date, governorate, toll; >1 outlet) | {result['gold_groups']} |",
        f"| merged fully | {result['groups_full']} |",
        f"| merged partly | {result['groups_partial']} |",
        f"| missed | {result['groups_missed']} |",
        f"| distinct gold incidents wrongly merged | {result['wrongly_merged_incidents']} "
        f"(of {result['gold_incidents']}) |",
        f"| article pairs: gold / predicted / correct | {result['gold_pairs']} / "
        f"{result['predicted_pairs']} / {result['true_pairs']} |",
        f"| pairwise precision | {result['precision']:.3f} |",
        f"| pairwise recall | {result['recall']:.3f} |",
        f"| pairwise F1 | {result['f1']:.3f} |",
        f"| wrong pairs in one governorate within {NEAR_DAYS} days (gold) | "
        f"{result['near_pairs']} of {result['wrong_pairs']} |",
        f"| pairwise precision counting those | {result['precision_near']:.3f} |",
    ]
    return "\n".join(lines)


# --- the gate ------------------------------------------------------------------------

#: The floors file beside this module.
FLOORS_PATH = Path(__file__).with_name("cluster_floors.json")


def load_cluster_floors(path: Path | None = None) -> dict[str, Any]:
    """Read the clustering floors (``{"floors": {scope: {score: floor}}, ...}``)."""
    with (path or FLOORS_PATH).open(encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


def cluster_scores_below_floors(result: dict[str, Any], floors: dict[str, float]) -> list[str]:
    """One message per score under its floor; empty when the gate passes."""
    failures: list[str] = []
    for name, floor in floors.items():
        score = result.get(name)
        if not isinstance(score, int | float):
            failures.append(f"{name}: no score in the result (floor {floor})")
        elif score < floor:
            failures.append(f"{name}: {score:.3f} < floor {floor}")
    return failures
