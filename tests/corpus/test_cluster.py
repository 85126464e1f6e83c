"""Tests of sitrep.corpus.cluster: cross-article event clusters from hand-built rows."""

from __future__ import annotations

import random
import time
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.corpus.cluster import (
    ClusterSettings,
    EventCluster,
    cluster_events,
    cluster_fields_by_member,
    distance_km,
    event_rows,
    events_compatible,
    sub_event_types_compatible,
)
from sitrep.errors import SitrepError
from sitrep.types import Document, Event, Evidence, Place, Report, Span

# Two points in one town (about 2 km apart) and one 60 km away.
TOWN = (36.20, 37.16)
TOWN_NEAR = (36.21, 37.18)
FAR = (36.70, 37.40)


def row(doc_id: str, event_id: str = "e1", **fields: Any) -> dict[str, Any]:
    """An event row with sensible defaults: an air strike in one town on one day."""
    base: dict[str, Any] = {
        "doc_id": doc_id,
        "event_id": event_id,
        "outlet": f"outlet-{doc_id}",
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Air/drone strike",
        "date": "2016-07-10",
        "time_precision": 1,
        "lat": TOWN[0],
        "lon": TOWN[1],
        "geo_precision": 1,
        "place_name": "Town",
        "admin1": "North Province",
        "country": "SY",
        "actor1": "Air Force of Ruritania",
        "actor2": None,
        "killed": 12,
        "modality": "asserted",
        "evidence": f"Evidence sentence of document {doc_id} about the air strike on the town.",
    }
    base.update(fields)
    return base


def members(clusters: list[EventCluster]) -> list[list[str]]:
    return [c.member_keys for c in clusters]


@pytest.mark.parametrize(
    ("second", "same"),
    [
        ({}, True),
        ({"date": "2016-07-11"}, True),  # ±1 day
        ({"lat": TOWN_NEAR[0], "lon": TOWN_NEAR[1], "place_name": "Suburb"}, True),
        ({"killed": 13}, True),  # within the tolerance
        ({"killed": 20}, True),  # disputed toll: one incident, a contradiction
        ({"actor1": None}, True),  # an unnamed perpetrator contradicts no one
        ({"actor1": "Unidentified Armed Group"}, True),
        ({"actor1": "Rebels", "killed": 12}, True),  # same toll: perpetrator disputed
        (
            {"sub_event_type": "Shelling/artillery/missile attack", "killed": 12},
            True,
        ),  # compatible means, same toll
        ({"date": "2016-07-13", "time_precision": 2}, True),  # a week-level date is wider
        ({"date": "2016-07-14", "time_precision": 2}, False),
        ({"lat": None, "lon": None, "geo_precision": 3, "place_name": "North Province"}, True),
        # negative cases
        ({"date": "2016-07-12"}, False),  # two days apart at day precision
        ({"lat": FAR[0], "lon": FAR[1], "place_name": "Far Town"}, False),
        ({"country": "IQ"}, False),
        ({"event_type": "Battles", "sub_event_type": "Armed clash"}, False),
        ({"sub_event_type": "Suicide bomb"}, False),  # incompatible means
        ({"sub_event_type": "Shelling/artillery/missile attack", "killed": None}, False),
        ({"actor1": "Rebels", "killed": 5}, False),  # another perpetrator, another toll
        ({"actor1": "Rebels", "killed": None}, False),
        ({"killed": 40}, False),  # tolls a factor 3 apart: two incidents
        ({"modality": "negated"}, False),
        ({"modality": "hypothetical"}, False),
        ({"date": None}, False),  # undated: stays single
        ({"time_precision": 4}, False),  # a year is no date for an incident
        ({"doc_id": "a"}, False),  # the same article's two events are two events
        ({"geo_precision": 4, "lat": None, "lon": None, "killed": None}, False),
    ],
)
def test_cluster_pair_rules(second: dict[str, Any], same: bool) -> None:
    first = row("a")
    other = row(second.pop("doc_id", "b"), "e2", **second)
    assert events_compatible(first, other) is same
    clusters = cluster_events([first, other])
    assert (len(clusters) == 1) is same


def test_cluster_country_level_report_joins_located_one_with_the_same_toll() -> None:
    country_level = row("b", lat=None, lon=None, geo_precision=4, admin1=None, place_name="SY")
    assert events_compatible(row("a"), country_level)
    assert not events_compatible(row("a"), {**country_level, "killed": 3})


@pytest.mark.parametrize(
    ("event_type", "first", "second", "compatible"),
    [
        ("Explosions/Remote violence", "Air/drone strike", "Air/drone strike", True),
        ("Explosions/Remote violence", "Air/drone strike", "Chemical weapon", True),
        ("Explosions/Remote violence", "Suicide bomb", "Remote explosive/landmine/IED", True),
        ("Battles", "Armed clash", "Government regains territory", True),
        ("Explosions/Remote violence", "Air/drone strike", "Suicide bomb", False),
        ("Violence against civilians", "Attack", "Abduction/forced disappearance", False),
        ("Strategic developments", "Agreement", "Arrests", False),
        ("Battles", "Armed clash", None, False),
    ],
)
def test_cluster_sub_event_types_compatible(
    event_type: str, first: str, second: str | None, compatible: bool
) -> None:
    assert sub_event_types_compatible(event_type, first, second) is compatible


def test_cluster_lists_outlets_corroboration_and_toll_contradictions() -> None:
    rows = [
        row("a", outlet="Wire A", killed=12),
        row("b", outlet="Paper B", killed=12, date="2016-07-11"),
        row("c", outlet="Paper C", killed=20),
        row("d", outlet="Paper B", killed=11),  # the same outlet again
    ]
    [cluster] = cluster_events(rows)
    assert cluster.cluster_id == "a#e1"
    assert cluster.members == [("a", "e1"), ("b", "e1"), ("c", "e1"), ("d", "e1")]
    assert cluster.outlets == ["Paper B", "Paper C", "Wire A"]
    assert cluster.n_reports == 4
    assert cluster.n_outlets == 3
    assert cluster.killed == 12
    assert cluster.corroborating == ["a#e1", "b#e1", "d#e1"]
    assert cluster.contradicted
    assert cluster.contradicting == [
        {"field": "killed", "values": {11: ["d#e1"], 12: ["a#e1", "b#e1"], 20: ["c#e1"]}}
    ]
    assert (cluster.date_first, cluster.date_last) == ("2016-07-10", "2016-07-11")
    assert cluster.row_fields()["contradicted"] is True


def test_cluster_lists_perpetrator_contradictions() -> None:
    rows = [row("a"), row("b"), row("c", actor1="Rebels"), row("d", actor1=None)]
    [cluster] = cluster_events(rows)
    assert cluster.actor1 == "Air Force of Ruritania"
    assert cluster.contradicting == [
        {
            "field": "actor1",
            "values": {"Air Force of Ruritania": ["a#e1", "b#e1"], "Rebels": ["c#e1"]},
        }
    ]
    assert cluster.corroborating == ["a#e1", "b#e1", "d#e1"]


def test_cluster_without_disagreement_has_no_contradictions() -> None:
    [cluster] = cluster_events([row("a"), row("b", killed=13)])
    assert not cluster.contradicted
    assert cluster.contradicting == []
    assert cluster.corroborating == ["a#e1", "b#e1"]


@pytest.mark.parametrize(
    ("outlets", "evidence", "hashes", "independent"),
    [
        (["A", "B", "C"], None, None, 3),
        (["A", "A", "B"], None, None, 2),  # the same outlet twice counts once
        (["a ", "A", "B"], None, None, 2),  # outlet names are folded
        (["A", "B", "C"], ["same wire copy of the story, word for word here"] * 3, None, 1),
        (["A", "B", "C"], ["same wire copy of the story, word for word here", "x", "y"], None, 3),
        (["A", "B", "C"], ["short", "short", "short"], None, 3),  # too short to be a copy
        (["A", "B", "C"], None, ["h1", "h1", "h2"], 2),  # identical document text
        ([None, None, "B"], None, None, 3),  # unnamed outlets are told apart by document
    ],
)
def test_cluster_counts_independent_outlets(
    outlets: list[str | None],
    evidence: list[str] | None,
    hashes: list[str] | None,
    independent: int,
) -> None:
    rows = []
    for number, outlet in enumerate(outlets):
        fields: dict[str, Any] = {"outlet": outlet}
        if evidence is not None:
            fields["evidence"] = evidence[number]
        if hashes is not None:
            fields["content_hash"] = hashes[number]
        rows.append(row(f"d{number}", **fields))
    [cluster] = cluster_events(rows)
    assert cluster.n_outlets == independent
    assert cluster.row_fields()["corroboration"] == independent


def test_cluster_complete_linkage_stops_chains() -> None:
    # a-b and b-c are one day apart, a-c two: the chain must not glue a to c.
    rows = [row("a", date="2016-07-10"), row("b", date="2016-07-11"), row("c", date="2016-07-12")]
    clusters = cluster_events(rows)
    assert len(clusters) == 2
    assert sum(c.n_reports for c in clusters) == 3


def test_cluster_prefers_the_closest_match() -> None:
    # b is one day from a and the same day as c, with c's toll: b joins c.
    rows = [
        row("a", date="2016-07-10", killed=30),
        row("b", date="2016-07-11", killed=12),
        row("c", date="2016-07-11", killed=12),
    ]
    assert members(cluster_events(rows)) == [["a#e1"], ["b#e1", "c#e1"]]


def test_cluster_is_deterministic_whatever_the_input_order() -> None:
    rows = [row(f"d{n}", date=f"2016-07-{10 + n % 3:02d}", killed=12 + n % 2) for n in range(9)]
    expected = [c.to_dict() for c in cluster_events(rows)]
    for seed in range(5):
        shuffled = rows[:]
        random.Random(seed).shuffle(shuffled)
        assert [c.to_dict() for c in cluster_events(shuffled)] == expected


def test_cluster_every_row_in_exactly_one_cluster() -> None:
    rows = [row("a"), row("b"), row("c", date=None), row("d", modality="negated")]
    clusters = cluster_events(rows)
    seen = [m for c in clusters for m in c.members]
    assert sorted(seen) == [("a", "e1"), ("b", "e1"), ("c", "e1"), ("d", "e1")]
    fields = cluster_fields_by_member(clusters)
    assert fields[("a", "e1")]["cluster_id"] == fields[("b", "e1")]["cluster_id"] == "a#e1"
    assert fields[("c", "e1")]["n_reports"] == 1


@pytest.mark.parametrize(
    "aliases",
    [
        {"id": "e1", "fatalities": 12, "date_precision": 1, "place": "Town"},  # Report.to_dict()
        {"event_id": "e1", "killed": 12, "time_precision": 1, "place_name": "Town"},  # store
        {"event_id": "e1", "killed": 12.0, "lat": 36.2, "date": date(2016, 7, 10)},  # DataFrame
    ],
)
def test_cluster_reads_every_spelling_of_a_row(aliases: dict[str, Any]) -> None:
    first = row("a")
    second = row("b")
    for key in ("event_id", "killed", "time_precision", "place_name"):
        second.pop(key)
    second.update(aliases)
    assert events_compatible(first, second)


def test_cluster_handles_missing_values() -> None:
    sparse = {"doc_id": "x", "event_id": "e1"}
    nan_row = row("y", killed=float("nan"), lat=float("nan"), lon=float("nan"), date="garbage")
    clusters = cluster_events([sparse, nan_row])
    assert len(clusters) == 2


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"day_window": 5, "week_window": 3}, "growing"),
        ({"day_window": -1}, "non-negative"),
        ({"max_km": 0}, "positive"),
        ({"killed_tolerance": -0.1}, "non-negative"),
        ({"max_toll_ratio": 0.5}, "at least 1"),
    ],
)
def test_cluster_settings_refuse_meaningless_values(fields: dict[str, Any], message: str) -> None:
    with pytest.raises(SitrepError, match=message):
        ClusterSettings(**fields)


def test_cluster_settings_change_the_rules() -> None:
    two_days = [row("a", date="2016-07-10"), row("b", date="2016-07-12")]
    assert len(cluster_events(two_days)) == 2
    assert len(cluster_events(two_days, ClusterSettings(day_window=2))) == 1
    far = [row("a"), row("b", lat=FAR[0], lon=FAR[1], place_name="Far Town")]
    assert len(cluster_events(far, ClusterSettings(max_km=100))) == 1


@pytest.mark.parametrize(
    ("a", "b", "km"),
    [
        ((36.2, 37.16), (36.2, 37.16), 0.0),
        ((0.0, 0.0), (0.0, 1.0), 111.2),
        ((51.5074, -0.1278), (48.8566, 2.3522), 343.5),
    ],
)
def test_cluster_distance_km(a: tuple[float, float], b: tuple[float, float], km: float) -> None:
    assert distance_km(*a, *b) == pytest.approx(km, abs=1.0)


def test_cluster_grid_finds_neighbours_across_cell_borders() -> None:
    # 10 km apart across a cell border and across a first-order division border
    rows = [
        row("a", lat=36.2249, lon=37.0, admin1="North"),
        row("b", lat=36.2251, lon=37.1, admin1="South"),
    ]
    assert len(cluster_events(rows)) == 1


@given(
    st.lists(
        st.fixed_dictionaries(
            {
                "day": st.integers(0, 6),
                "precision": st.sampled_from([1, 2, 3, 4, None]),
                "lat": st.one_of(st.none(), st.floats(35.0, 37.0)),
                "killed": st.one_of(st.none(), st.integers(0, 60)),
                "actor": st.sampled_from([None, "A", "B"]),
                "sub": st.sampled_from(["Air/drone strike", "Suicide bomb", "Chemical weapon"]),
            }
        ),
        max_size=25,
    )
)
@settings(max_examples=60, deadline=None)
def test_cluster_members_are_pairwise_compatible(specs: list[dict[str, Any]]) -> None:
    rows = [
        row(
            f"d{n % 7}",
            f"e{n}",
            date=(date(2016, 7, 1) + timedelta(days=s["day"])).isoformat(),
            time_precision=s["precision"],
            lat=s["lat"],
            lon=37.0 if s["lat"] is not None else None,
            killed=s["killed"],
            actor1=s["actor"],
            sub_event_type=s["sub"],
            outlet=f"o{n % 3}",
        )
        for n, s in enumerate(specs)
    ]
    by_key = {(r["doc_id"], r["event_id"]): r for r in rows}
    clusters = cluster_events(rows)
    assert sorted(m for c in clusters for m in c.members) == sorted(by_key)
    for cluster in clusters:
        assert 1 <= cluster.n_outlets <= cluster.n_reports
        assert len({doc for doc, _ in cluster.members}) == cluster.n_reports
        for i, first in enumerate(cluster.members):
            for second in cluster.members[i + 1 :]:
                assert events_compatible(by_key[first], by_key[second])


def test_cluster_scales_to_many_events() -> None:
    # 20,000 events over two years in 20 divisions: blocking keeps this near-linear.
    rng = random.Random(7)
    rows = []
    for n in range(20_000):
        division = rng.randrange(20)
        rows.append(
            row(
                f"d{n}",
                date=(date(2016, 1, 1) + timedelta(days=rng.randrange(730))).isoformat(),
                lat=30.0 + division + rng.uniform(-0.3, 0.3),
                lon=40.0 + rng.uniform(-0.3, 0.3),
                admin1=f"Division {division}",
                killed=rng.randrange(1, 30),
                outlet=f"outlet {rng.randrange(40)}",
            )
        )
    started = time.perf_counter()
    clusters = cluster_events(rows)
    elapsed = time.perf_counter() - started
    assert sum(c.n_reports for c in clusters) == len(rows)
    assert any(c.n_reports > 1 for c in clusters)
    assert elapsed < 60, f"clustering 20k events took {elapsed:.1f} s"


def _report(doc_id: str, outlet: str, killed: int) -> Report:
    text = f"An air strike killed {killed} people in Town on Sunday."
    place = Place(id="p1", name="Town", lat=TOWN[0], lon=TOWN[1], admin1="North", country="SY")
    event = Event(
        id="e1",
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        trigger=Span(3, 13, "air strike"),
        evidence=Evidence(sentence=Span(0, len(text), text), rule="test"),
        place="p1",
        date=date(2016, 7, 10),
        date_precision=1,
        fatalities=killed,
        headline=True,
    )
    document = Document(id=doc_id, text=text, outlet=outlet, published=date(2016, 7, 10))
    return Report(document=document, places=[place], events=[event])


def test_cluster_event_rows_of_reports() -> None:
    reports = [_report("a", "Wire", 12), _report("b", "Paper", 12), _report("c", "Other", 40)]
    rows = [r for report in reports for r in event_rows(report)]
    assert rows[0]["outlet"] == "Wire"
    assert rows[0]["event_id"] == "e1"
    assert rows[0]["killed"] == 12
    assert rows[0]["lat"] == TOWN[0]
    assert members(cluster_events(rows)) == [["a#e1", "b#e1"], ["c#e1"]]
    # Report.to_dict() rows work too (no outlet: every document its own outlet)
    dict_rows = [e for report in reports for e in report.to_dict()["events"]]
    assert members(cluster_events(dict_rows)) == [["a#e1", "b#e1"], ["c#e1"]]
