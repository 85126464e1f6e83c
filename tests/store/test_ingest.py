"""Ingest into the store: skip what is stored, one error per bad item, retry, survive kill -9."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from sitrep.store import Store, open_store
from sitrep.store.ingest import Failure, IngestCounts, IngestHooks, ingest

PLACES = ["Aleppo", "Homs", "Hama", "Daraa", "Kharkiv", "Mariupol", "Khartoum", "Aden", "Taiz"]
ACTORS = ["Government forces", "Rebels", "Militants", "Army troops"]


def article(number: int) -> dict[str, Any]:
    """A short, distinct conflict report (general wording, numbered so no two are equal)."""
    place = PLACES[number % len(PLACES)]
    actor = ACTORS[number % len(ACTORS)]
    killed = 2 + number
    return {
        "id": f"doc-{number:03d}",
        "text": (
            f"{actor} shelled the outskirts of {place} on Monday, killing {killed} civilians, "
            f"local officials said. Residents said {number + 3} houses were destroyed in the "
            f"attack, report number {number}."
        ),
        "published": f"2019-07-{1 + number % 9:02d}",
        "outlet": ["Reuters", "AFP", "AP"][number % 3],
    }


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


class Collected:
    """Hooks that keep what a run reports."""

    def __init__(self) -> None:
        self.failures: list[Failure] = []
        self.warnings: list[str] = []
        self.hooks = IngestHooks(on_failure=self.failures.append, on_warning=self.warnings.append)


@pytest.mark.parametrize(
    ("stored", "skipped", "failed", "code"),
    [(3, 0, 0, 0), (0, 3, 0, 0), (1, 0, 2, 1), (0, 1, 1, 1), (0, 0, 2, 2), (0, 0, 0, 2)],
)
def test_ingest_exit_codes(stored: int, skipped: int, failed: int, code: int) -> None:
    assert IngestCounts(stored=stored, skipped=skipped, failed=failed).exit_code() == code


@pytest.mark.model
def test_ingest_stores_then_skips_on_rerun(extractor: Any, tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", [article(n) for n in range(3)])
    with open_store(tmp_path / "s.db") as store:
        first = ingest([str(source)], store, extractor=extractor)
        assert (first.stored, first.skipped, first.failed) == (3, 0, 0)
        assert store.count_documents() == 3
        assert store.count_events() >= 3
        events_before = store.events(limit=None)
        again = ingest([str(source)], store, extractor=extractor)
        assert (again.stored, again.skipped, again.failed) == (0, 3, 0)
        assert again.exit_code() == 0
        assert store.events(limit=None) == events_before


@pytest.mark.model
def test_ingest_bad_items_are_one_line_each_and_the_rest_is_stored(
    extractor: Any, tmp_path: Path
) -> None:
    good = article(1)
    clash = dict(article(2), id=good["id"])  # same id, different text
    lines = [json.dumps(good), "{not json", json.dumps({"id": "no-text"}), json.dumps(clash)]
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    seen = Collected()
    with open_store(tmp_path / "s.db") as store:
        counts = ingest(
            [str(source), str(tmp_path / "missing.txt")],
            store,
            extractor=extractor,
            hooks=seen.hooks,
        )
        assert (counts.stored, counts.failed) == (1, 4)
        assert counts.exit_code() == 1
        codes = sorted(f.code for f in seen.failures)
        assert codes == ["E004", "E005", "E007", "E074"]
        duplicate = next(f for f in seen.failures if f.code == "E074")
        assert duplicate.record is not None and duplicate.record["text"] == clash["text"]
        assert store.document(good["id"])["text"] == good["text"]  # type: ignore[index]
        assert all("\n" not in f.reason for f in seen.failures)


@pytest.mark.model
def test_ingest_errors_file_can_be_retried(extractor: Any, tmp_path: Path) -> None:
    later = tmp_path / "later.txt"
    seen = Collected()
    with open_store(tmp_path / "s.db") as store:
        counts = ingest([str(later)], store, extractor=extractor, hooks=seen.hooks)
        assert counts.exit_code() == 2
        errors = tmp_path / "failed.jsonl"
        errors.write_text("".join(f.to_json() + "\n" for f in seen.failures), encoding="utf-8")
        record = json.loads(errors.read_text(encoding="utf-8").splitlines()[0])
        assert set(record) == {"item", "code", "reason", "source", "record"}
        later.write_text(article(4)["text"], encoding="utf-8")  # the file turns up
        retried = ingest([], store, retry=[errors], extractor=extractor)
        assert (retried.stored, retried.failed) == (1, 0)
        assert store.count_documents() == 1


@pytest.mark.model
def test_ingest_retry_of_a_record_and_bad_retry_lines(extractor: Any, tmp_path: Path) -> None:
    errors = tmp_path / "failed.jsonl"
    good = Failure("x", "E011", "[E011] x: extraction failed", None, article(5))
    errors.write_text(
        good.to_json() + "\n" + "[1, 2]\n" + "{broken\n" + json.dumps({"item": "y"}) + "\n",
        encoding="utf-8",
    )
    seen = Collected()
    with open_store(tmp_path / "s.db") as store:
        counts = ingest([], store, retry=[errors], extractor=extractor, hooks=seen.hooks)
    assert (counts.stored, counts.failed) == (1, 3)
    assert {f.code for f in seen.failures} == {"E085"}


def _documents_and_events(path: Path) -> tuple[dict[str, str], list[dict[str, Any]]]:
    with open_store(path) as store:
        events = sorted(store.events(limit=None), key=lambda r: (r["doc_id"], r["event_id"]))
        return store.stored_hashes(), events


def _stored_count(path: Path) -> int:
    if not path.exists():
        return 0
    try:
        with sqlite3.connect(path, timeout=1) as connection:
            return int(connection.execute("SELECT COUNT(*) FROM documents").fetchone()[0])
    except sqlite3.Error:
        return 0  # not created or migrated yet


def _ingest_command(source: Path, db: Path) -> list[str]:
    code = "from sitrep.cli import app; app(prog_name='sitrep')"
    return [sys.executable, "-c", code, "ingest", str(source), "--db", str(db), "--quiet"]


@pytest.mark.model
def test_ingest_killed_with_sigkill_resumes_to_the_same_store(tmp_path: Path) -> None:
    total = 60
    source = write_jsonl(tmp_path / "in.jsonl", [article(n) for n in range(total)])
    reference_db = tmp_path / "reference.db"
    subprocess.run(_ingest_command(source, reference_db), check=True, timeout=600)

    killed_db = tmp_path / "killed.db"
    process = subprocess.Popen(_ingest_command(source, killed_db))
    deadline = time.monotonic() + 300
    while _stored_count(killed_db) < 5 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    stored_at_kill = _stored_count(killed_db)
    assert process.returncode == -signal.SIGKILL
    assert 5 <= stored_at_kill < total, "the run must be killed part-way"

    rerun = subprocess.run(_ingest_command(source, killed_db), timeout=600)
    assert rerun.returncode == 0
    assert _documents_and_events(killed_db) == _documents_and_events(reference_db)
    with open_store(killed_db) as store:
        assert store.count_documents() == total
        # Nothing half-way: every stored document has its claims rows too.
        assert store.count_claims() == _claims(reference_db)


def _claims(path: Path) -> int:
    with open_store(path) as store:
        return store.count_claims()


def test_ingest_nothing_readable_is_exit_2(tmp_path: Path) -> None:
    """Only bad items: nothing stored, no model loaded, exit code 2."""
    with open_store(tmp_path / "s.db") as store:
        assert isinstance(store, Store)
        counts = ingest([str(tmp_path / "none.txt")], store)
        assert counts.exit_code() == 2
        assert counts.first_day is None


@pytest.mark.model
def test_ingest_on_dask_equals_single_process(extractor: Any, tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    source = write_jsonl(tmp_path / "in.jsonl", [article(n) for n in range(4)])
    with open_store(tmp_path / "single.db") as single:
        assert ingest([str(source)], single, extractor=extractor).stored == 4
    with open_store(tmp_path / "dask.db") as on_dask:
        counts = ingest([str(source)], on_dask, dask="local")
        assert (counts.stored, counts.failed) == (4, 0)
    assert _documents_and_events(tmp_path / "dask.db") == _documents_and_events(
        tmp_path / "single.db"
    )
