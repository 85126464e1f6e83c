"""Tests of sitrep.eval.clusters: the clustering score on hand-built rows and reports (no model)."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from sitrep.eval.clusters import (
    article_links,
    cluster_scores_below_floors,
    evaluate_clusters,
    format_clusters,
    gold_incident_key,
    load_cluster_floors,
    score_article_links,
)
from sitrep.eval.fakes import FakesRow
from sitrep.types import Document, Event, Evidence, Place, Report, Span


def fakes_row(unit_id: str, outlet: str, day: int, governorate: str, killed: int) -> FakesRow:
    return FakesRow(
        unit_id=unit_id,
        title="",
        text="",
        outlet=outlet,
        published=date(2016, 7, day),
        governorate=governorate,
        actor="unknown",
        cause="shelling",
        killed=killed,
        label=1,
    )


# Gold: a+b+c one incident (two outlets, c the same outlet as a), d+e another,
# f alone.
ROWS = [
    fakes_row("a", "wire", 10, "north", 12),
    fakes_row("b", "paper", 10, "north", 12),
    fakes_row("c", "wire", 10, "north", 12),
    fakes_row("d", "paper", 11, "south", 5),
    fakes_row("e", "radio", 11, "south", 5),
    fakes_row("f", "radio", 12, "north", 30),
]


@pytest.mark.parametrize(
    ("links", "expected"),
    [
        (
            {("a", "b"), ("a", "c"), ("b", "c"), ("d", "e")},
            {"precision": 1.0, "recall": 1.0, "groups_full": 2, "wrongly_merged_incidents": 0},
        ),
        (
            {("a", "b")},
            {"precision": 1.0, "recall": 0.25, "groups_partial": 1, "groups_missed": 1},
        ),
        (set(), {"precision": 0.0, "recall": 0.0, "f1": 0.0, "groups_missed": 2}),
        (
            {("a", "f"), ("d", "e")},
            {"precision": 0.5, "recall": 0.25, "wrong_pairs": 1, "wrongly_merged_incidents": 2},
        ),
    ],
)
def test_clusters_score_article_links(
    links: set[tuple[str, str]], expected: dict[str, float]
) -> None:
    result = score_article_links(ROWS, links)
    assert result["gold_pairs"] == 4
    assert result["gold_groups"] == 2
    for name, value in expected.items():
        assert result[name] == pytest.approx(value), name


def test_clusters_gold_group_needs_two_outlets() -> None:
    rows = [fakes_row("a", "wire", 10, "north", 12), fakes_row("b", "wire", 10, "north", 12)]
    result = score_article_links(rows, {("a", "b")})
    assert result["gold_groups"] == 0
    assert result["gold_pairs"] == 1
    assert result["precision"] == 1.0


def test_clusters_gold_incident_key() -> None:
    assert gold_incident_key(ROWS[0]) == ("2016-07-10", "north", 12)


PLACES = {
    "north": Place(id="p1", name="Northtown", lat=36.2, lon=37.1, admin1="North", country="SY"),
    "south": Place(id="p1", name="Southtown", lat=33.5, lon=36.3, admin1="South", country="SY"),
}


def report(unit_id: str, outlet: str, day: int, where: str, killed: int, **extra: str) -> Report:
    text = f"Shelling killed {killed} people in the town on day {day}. {extra.get('more', '')}"
    event = Event(
        id="e1",
        event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack",
        trigger=Span(0, 8, "Shelling"),
        evidence=Evidence(sentence=Span(0, 50, text[:50]), rule="test"),
        place="p1",
        date=date(2016, 7, day),
        date_precision=1,
        fatalities=killed,
        headline=True,
    )
    document = Document(id=unit_id, text=text, outlet=outlet, published=date(2016, 7, day))
    return Report(document=document, places=[PLACES[where]], events=[event])


REPORTS = [
    report("a", "wire", 10, "north", 12),
    report("b", "paper", 10, "north", 12),
    report("c", "wire", 10, "north", 12),
    report("d", "paper", 11, "south", 5),
    report("e", "radio", 11, "south", 5),
    report("f", "radio", 12, "north", 30),
]


def test_clusters_article_links_from_reports() -> None:
    assert article_links(REPORTS) == {("a", "b"), ("a", "c"), ("b", "c"), ("d", "e")}


def test_clusters_article_without_headline_is_linked_to_nothing() -> None:
    lone = report("g", "tv", 10, "north", 12)
    lone.events[0].headline = False
    assert all("g" not in pair for pair in article_links([*REPORTS, lone]))
    # with scope "all" its event is clustered but, without a headline, links nothing
    assert all("g" not in pair for pair in article_links([*REPORTS, lone], scope="all"))


def test_clusters_unknown_scope_is_refused() -> None:
    with pytest.raises(ValueError, match="scope"):
        article_links(REPORTS, scope="some")


HEADER = (
    "unit_id article_title article_content source date location "
    "nb_civilians nb_noncivilians label actor cause_of_death"
).split()


def write_csv(path: Path, rows: list[FakesRow]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for row in rows:
            assert row.published is not None
            published = f"{row.published.month}/{row.published.day}/{row.published.year % 100}"
            record = [row.unit_id, "", "text", row.outlet, published, row.governorate]
            writer.writerow([*record, row.killed, 0, 1, row.actor, row.cause])
    return path


def test_clusters_evaluate_end_to_end(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "fakes.csv", ROWS)
    result = evaluate_clusters(path, None, reports=REPORTS)
    assert result["articles"] == 6
    assert result["events"] == 6
    assert result["precision"] == result["recall"] == result["f1"] == 1.0
    assert [g["status"] for g in result["groups"]] == ["full", "full"]
    table = format_clusters(result)
    assert "| merged fully | 2 |" in table
    assert "| pairwise F1 | 1.000 |" in table


def test_clusters_floors_file_is_well_formed() -> None:
    floors = load_cluster_floors()
    for scope in ("headline", "all"):
        assert set(floors["floors"][scope]) >= {"precision", "recall", "f1"}
        assert all(0.0 <= v <= 1.0 for v in floors["floors"][scope].values())


@pytest.mark.parametrize(
    ("result", "failures"),
    [
        ({"precision": 0.5, "recall": 0.5}, 0),
        ({"precision": 0.1, "recall": 0.5}, 1),
        ({"precision": 0.5}, 1),  # a missing score fails, never passes silently
    ],
)
def test_clusters_scores_below_floors(result: dict[str, float], failures: int) -> None:
    floors = {"precision": 0.2, "recall": 0.4}
    assert len(cluster_scores_below_floors(result, floors)) == failures


def test_clusters_evaluate_needs_an_extractor_or_reports(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "fakes.csv", ROWS)
    with pytest.raises(ValueError, match="extractor"):
        evaluate_clusters(path, None)


def test_clusters_cli_missing_data_exits_2(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from sitrep.cli import app

    result = CliRunner().invoke(app, ["eval", "clusters", "--data", str(tmp_path / "none.csv")])
    assert result.exit_code == 2
    assert "E030" in result.output


@pytest.mark.parametrize("options", [["--day-window", "-1"], ["--scope", "some"]])
def test_clusters_cli_refuses_bad_options(tmp_path: Path, options: list[str]) -> None:
    from typer.testing import CliRunner

    from sitrep.cli import app

    path = write_csv(tmp_path / "fakes.csv", ROWS)
    result = CliRunner().invoke(app, ["eval", "clusters", "--data", str(path), *options])
    assert result.exit_code == 2


@pytest.mark.model
def test_clusters_cli_end_to_end(tmp_path: Path) -> None:
    import json

    from typer.testing import CliRunner

    from sitrep.cli import app

    texts = {
        "a": "A car bomb killed 9 people in the town of Azaz on Saturday, an official said.",
        "b": "Nine people were killed when a car bomb exploded in Azaz on Saturday, medics said.",
        "c": "Rebels and government forces clashed near Hama on Tuesday; two fighters died.",
    }
    rows = [
        fakes_row("a", "wire", 10, "aleppo", 9),
        fakes_row("b", "paper", 10, "aleppo", 9),
        fakes_row("c", "radio", 12, "hama", 2),
    ]
    path = write_csv(tmp_path / "fakes.csv", rows)
    content = path.read_text(encoding="utf-8")
    for unit_id, text in texts.items():
        content = content.replace(f"{unit_id},,text,", f"{unit_id},,{text.replace(',', '')},")
    path.write_text(content, encoding="utf-8")
    output = tmp_path / "result.json"
    result = CliRunner().invoke(
        app, ["eval", "clusters", "--data", str(path), "--scope", "all", "-o", str(output)]
    )
    assert result.exit_code == 0, result.output
    assert "pairwise F1" in result.output
    written = json.loads(output.read_text(encoding="utf-8"))
    assert written["articles"] == 3
    assert written["scope"] == "all"
    assert written["gold_pairs"] == 1
