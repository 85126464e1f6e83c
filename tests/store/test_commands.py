"""``sitrep ingest`` / ``events`` / ``deployments`` / ``claims`` on the command line."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from tests.ingest.local_site import serve_site
from tests.store.conftest import EventSpec, make_report
from typer.testing import CliRunner

from sitrep.cli import app
from sitrep.store import open_store
from sitrep.store.commands import looks_like_scheduler

runner = CliRunner()


@pytest.fixture
def filled_db(tmp_path: Path) -> Path:
    """A SQLite store with three hand-made reports."""
    path = tmp_path / "filled.db"
    with open_store(path) as store:
        for doc_id, outlet, place, day in (
            ("a", "SANA", ("Homs", 34.73, 36.71, "Homs"), date(2019, 7, 1)),
            ("b", "Reuters", ("Idlib", 35.93, 36.63, "Idlib"), date(2019, 7, 5)),
            ("c", "Kyiv Independent", ("Kyiv", 50.45, 30.52, "Kyiv City"), date(2022, 3, 1)),
        ):
            report = make_report(
                doc_id, outlet=outlet, published=day, events=[EventSpec(place=place, day=day)]
            )
            store.add(report.document, report)
    return path


def _invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ([], ["c", "b", "a"]),
        (["--since", "2019-07-02"], ["c", "b"]),
        (["--until", "2019-07-02", "--outlet", "sana"], ["a"]),
        (["--bbox", "35,33,38,37"], ["b", "a"]),
        (["--place", "Kyiv City"], ["c"]),
        (["--type", "Battles", "--actor", "rebel"], ["c", "b", "a"]),
        (["--type", "Protests"], []),
        (["--min-corroboration", "2"], []),
        (["--limit", "1"], ["c"]),
    ],
)
def test_commands_events_filters(filled_db: Path, options: list[str], expected: list[str]) -> None:
    code, out, _ = _invoke("events", "--db", str(filled_db), *options)
    assert code == 0
    assert [json.loads(line)["doc_id"] for line in out.splitlines()] == expected


def test_commands_formats(filled_db: Path, tmp_path: Path) -> None:
    code, out, _ = _invoke("events", "--db", str(filled_db), "-f", "geojson")
    assert code == 0
    collection = json.loads(out)
    assert [f["id"] for f in collection["features"]] == ["c#e1", "b#e1", "a#e1"]
    assert collection["features"][0]["geometry"]["coordinates"] == [30.52, 50.45]

    code, out, _ = _invoke("events", "--db", str(filled_db), "-f", "acled")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and [r["event_id_cnty"] for r in rows] == ["c#e1", "b#e1", "a#e1"]
    assert rows[1]["actor1"] == "Rebels (ACLED)" and rows[1]["inter1"] == "2"
    assert rows[1]["location"] == "Idlib" and rows[1]["source"] == "Reuters"

    code, out, _ = _invoke("deployments", "--db", str(filled_db), "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == 3 and rows[0]["strength"] == "300"

    target = tmp_path / "claims.parquet"
    code, _, err = _invoke("claims", "--db", str(filled_db), "-f", "parquet", "-o", str(target))
    assert code == 0 and "3 claims row(s)" in err
    import pyarrow.parquet as pq

    table = pq.read_table(target)
    assert table.num_rows == 3 and "speaker" in table.column_names

    events_parquet = tmp_path / "events.parquet"
    code, _, _ = _invoke(
        "events", "--db", str(filled_db), "-f", "parquet", "-o", str(events_parquet)
    )
    frame = pq.read_table(events_parquet).to_pandas()
    assert code == 0 and list(frame["doc_id"]) == ["c", "b", "a"]
    assert list(frame["weapons"].iloc[0]) == ["mortar"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["claims", "-f", "acled"], "E021"),
        (["claims", "-f", "geojson"], "E021"),
        (["events", "-f", "parquet"], "-o FILE"),
        (["events", "--bbox", "1,2,3"], "E084"),
        (["events", "--since", "yesterday"], "E009"),
    ],
)
def test_commands_refuse_meaningless_requests(
    filled_db: Path, args: list[str], message: str
) -> None:
    code, _, err = _invoke(*args, "--db", str(filled_db))
    assert code == 2
    assert message in err


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("tcp://10.0.0.5:8786", True),
        ("scheduler:8786", True),
        ("local", False),
        ("data.jsonl", False),
        ("folder/", False),
    ],
)
def test_commands_scheduler_address(value: str, expected: bool) -> None:
    assert looks_like_scheduler(value) is expected


def test_commands_bad_scheduler_is_refused(tmp_path: Path) -> None:
    code, _, err = _invoke("ingest", "x.txt", "--scheduler", "nowhere", "--db", str(tmp_path / "s"))
    assert code == 2 and "--scheduler nowhere" in err


def test_commands_ingest_nothing_to_do(tmp_path: Path) -> None:
    code, _, err = _invoke("ingest", "--db", str(tmp_path / "s.db"))
    assert code == 2 and "nothing to ingest" in err
    code, _, err = _invoke("ingest", str(tmp_path / "missing.txt"), "--db", str(tmp_path / "s.db"))
    assert code == 2 and "E007" in err


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    with serve_site() as base:
        yield base


@pytest.mark.model
def test_commands_ingest_urls_and_feeds_with_errors_file(site: str, tmp_path: Path) -> None:
    db = tmp_path / "web.db"
    errors = tmp_path / "failed.jsonl"
    code, _, err = _invoke(
        "ingest", f"{site}/feed.xml", f"{site}/second.html", f"{site}/error", f"{site}/loop",
        "--db", str(db), "--errors", str(errors),
    )  # fmt: skip
    assert code == 1
    failures = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    assert sorted(f["code"] for f in failures) == ["E078", "E079", "E083", "E083"]
    for failure in failures:
        assert failure["reason"] in err  # one line on stderr per failed item
    assert f"{site}/missing: link not read" in err  # the feed entry's content was used
    assert "4 document(s) stored" in err
    with open_store(db) as store:
        assert store.count_documents() == 4  # article, 404 entry's content, entry-4, second
        assert store.count_events() >= 3

    # A rerun skips what is stored (the feed's links are not fetched again).
    code, _, err = _invoke("ingest", f"{site}/feed.xml", f"{site}/second.html", "--db", str(db))
    assert "0 document(s) stored, 4 already stored" in err
    assert code == 1  # the feed's two broken entries fail again

    code, _, err = _invoke("ingest", "--retry", str(errors), "--db", str(db))
    assert code in (1, 2) and "E079" in err  # still broken: reported again, nothing lost


@pytest.mark.model
def test_commands_retry_into_the_same_errors_file(tmp_path: Path) -> None:
    db, errors, late = tmp_path / "s.db", tmp_path / "failed.jsonl", tmp_path / "late.txt"
    code, _, _ = _invoke("ingest", str(late), "--db", str(db), "--errors", str(errors))
    assert code == 2 and len(errors.read_text(encoding="utf-8").splitlines()) == 1
    late.write_text(
        "Rebels shelled an army post near the border on Monday, killing four soldiers.",
        encoding="utf-8",
    )
    code, _, err = _invoke(
        "ingest", "--retry", str(errors), "--errors", str(errors), "--db", str(db)
    )
    assert code == 0, err
    assert errors.read_text(encoding="utf-8") == ""  # nothing failed this time
    with open_store(db) as store:
        assert store.count_documents() == 1
