"""The command line on real files: formats, exit codes, per-item errors, atomic output."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from sitrep import cli
from sitrep.cli import app
from sitrep.out.acled import ACLED_COLUMNS

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "aleppo-russia-iran.txt"
ARTICLE = (
    "Fighting broke out between government forces and rebels in the town of Kadugli "
    "on Monday, killing five people, a local official said.\n"
)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def shared_extractor(monkeypatch: pytest.MonkeyPatch, extractor: Any) -> Any:
    """Hand the CLI the session's real extractor instead of loading a new one per run."""
    monkeypatch.setattr(cli, "_build_extractor", lambda settings: extractor)
    return extractor


def _stderr_lines(result: Any) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


def test_cli_version(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.startswith("sitrep ")


def test_cli_all_bad_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "out.json").write_text("previous")
    result = runner.invoke(
        app,
        ["extract", str(tmp_path / "empty.txt"), str(tmp_path / "missing.txt"), "-o",
         str(tmp_path / "out.json")],
    )  # fmt: skip
    assert result.exit_code == 2
    lines = _stderr_lines(result)
    assert lines[0] == "sitrep: [E001] empty.txt: file is empty."
    assert lines[1].startswith("sitrep: [E007] ")
    assert str(tmp_path / "missing.txt") in lines[1]
    # Nothing processed: the previous output is left alone, no temporary file stays.
    assert (tmp_path / "out.json").read_text() == "previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.txt", "out.json"]


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--published", "yesterday"], "E009"),
        (["--published", "2019-02-30"], "E009"),
        (["--min-confidence", "2"], "E022"),
        (["--config", "missing.toml"], "E023"),
    ],
)
def test_cli_bad_options_exit_2(runner: CliRunner, args: list[str], code: str) -> None:
    result = runner.invoke(app, ["extract", str(EXAMPLE), *args])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"sitrep: [{code}]")
    assert result.stdout == ""


def test_cli_unknown_setting_in_config(runner: CliRunner, tmp_path: Path) -> None:
    config = tmp_path / "s.toml"
    config.write_text("[sitrep]\nfavourite_colour = 'red'\n")
    result = runner.invoke(app, ["extract", str(EXAMPLE), "--config", str(config)])
    assert result.exit_code == 2
    assert "[E022]" in result.stderr and "favourite_colour" in result.stderr


@pytest.mark.parametrize(
    "args",
    [["extract"], ["extract", "x.txt", "--format", "xml"], ["nonsense"], ["extract", "--bogus"]],
)
def test_cli_usage_errors_exit_2(runner: CliRunner, args: list[str]) -> None:
    assert runner.invoke(app, args).exit_code == 2


def test_cli_empty_folder_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", str(tmp_path)])
    assert result.exit_code == 2
    assert "[E014]" in result.stderr


def test_cli_eval_fakes_without_data(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SITREP_EVAL_DIR", raising=False)
    monkeypatch.chdir(tmp_path)  # no ../shared/eval beside the working folder
    result = runner.invoke(app, ["eval", "fakes"])
    assert result.exit_code == 2
    assert result.stderr.startswith("sitrep: [E030]")
    result = runner.invoke(app, ["eval", "fakes", "--data", str(tmp_path)])
    assert result.exit_code == 2
    assert "[E030]" in result.stderr and "fakes-dev.csv" in result.stderr


def test_cli_eval_geo_without_data(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SITREP_EVAL_DIR", str(tmp_path / "nowhere"))
    result = runner.invoke(app, ["eval", "geo"])
    assert result.exit_code == 2
    assert "[E030]" in result.stderr


@pytest.mark.parametrize(
    ("module", "function"),
    [("sitrep.eval.no_such_module", "evaluate"), ("sitrep.errors", "no_such_function")],
)
def test_cli_missing_evaluator_is_e031(
    module: str, function: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(typer.Exit) as info:
        cli._evaluator(module, function, "test")
    assert info.value.exit_code == 2
    assert capsys.readouterr().err.startswith("sitrep: [E031]")


@pytest.mark.model
def test_cli_example_to_json(runner: CliRunner, shared_extractor: Any) -> None:
    result = runner.invoke(app, ["extract", str(EXAMPLE), "--published", "2019-07-01"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["document"]["id"] == "aleppo-russia-iran.txt"
    assert data["document"]["published"] == "2019-07-01"
    assert data["document"]["byline"] == "Omar Youssef"
    for key in ("actors", "places", "events", "deployments", "claims", "credits"):
        assert isinstance(data[key], list)


@pytest.mark.model
def test_cli_example_to_jsonl(runner: CliRunner, shared_extractor: Any) -> None:
    result = runner.invoke(app, ["extract", str(EXAMPLE), "-f", "jsonl"])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    assert json.loads(lines[0])["document"]["id"] == "aleppo-russia-iran.txt"


@pytest.mark.model
def test_cli_example_to_geojson(runner: CliRunner, shared_extractor: Any, tmp_path: Path) -> None:
    out = tmp_path / "a.geojson"
    result = runner.invoke(app, ["extract", str(EXAMPLE), "-f", "geojson", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    collection = json.loads(out.read_text())
    assert collection["type"] == "FeatureCollection"
    assert any("GeoNames" in c for c in collection["credits"])
    for feature in collection["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert feature["properties"]["doc_id"] == "aleppo-russia-iran.txt"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.geojson"]


@pytest.mark.model
def test_cli_example_to_acled(runner: CliRunner, shared_extractor: Any) -> None:
    result = runner.invoke(app, ["extract", str(EXAMPLE), "--format", "acled"])
    assert result.exit_code == 0, result.stderr
    reader = csv.DictReader(io.StringIO(result.stdout))
    assert tuple(reader.fieldnames or ()) == ACLED_COLUMNS
    for row in reader:
        assert row["event_id_cnty"].startswith("aleppo-russia-iran.txt#")


@pytest.mark.model
def test_cli_batch_with_one_bad_file_exits_1(runner: CliRunner, tmp_path: Path) -> None:
    # The real extractor is built by the CLI here (no shared one).
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "b.txt").write_bytes(b"\x00\x01\x02")
    (tmp_path / "c.jsonl").write_text(
        json.dumps({"id": "c1", "text": ARTICLE}) + "\n{broken\n", encoding="utf-8"
    )
    out = tmp_path / "out.jsonl"
    result = runner.invoke(
        app, ["extract", str(tmp_path), "-f", "jsonl", "-o", str(out), "--outlet", "Example"]
    )
    assert result.exit_code == 1
    errors = [line for line in _stderr_lines(result) if "[E" in line]
    assert errors[0].startswith("sitrep: [E002] b.txt:")
    assert errors[1] == (
        "sitrep: [E004] c.jsonl: line 2 is not valid JSON "
        "(Expecting property name enclosed in double quotes); the other lines are read."
    )
    reports = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["document"]["id"] for r in reports] == ["a.txt", "c1"]
    assert all(r["document"]["outlet"] == "Example" for r in reports)
    assert "2 report(s) written, 2 item(s) failed" in result.stderr


@pytest.mark.model
def test_cli_json_for_many_documents_is_an_array(
    runner: CliRunner, shared_extractor: Any, tmp_path: Path
) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "b.txt").write_text(ARTICLE)
    result = runner.invoke(app, ["extract", str(tmp_path), "--quiet"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert [d["document"]["id"] for d in data] == ["a.txt", "b.txt"]
    assert result.stderr == ""


@pytest.mark.model
def test_cli_stdin(runner: CliRunner, shared_extractor: Any) -> None:
    result = runner.invoke(app, ["extract", "-", "--published", "2020-05-01"], input=ARTICLE)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["document"]["id"] == "stdin"
    assert data["document"]["published"] == "2020-05-01"


def test_cli_extract_items_prints_errors_beside_the_progress_bar() -> None:
    from rich.console import Console
    from rich.progress import Progress

    from sitrep.errors import Errors, InputError
    from sitrep.settings import Settings

    stream = io.StringIO()
    progress = Progress(console=Console(file=stream, force_terminal=True, width=200))
    items = [InputError(Errors.E001, item="a.txt"), InputError(Errors.E007, item="b.txt")]
    counts = cli.RunCounts()
    with progress:
        reports = list(cli.extract_items(items, Settings(), counts, progress=progress))
    assert reports == []
    assert (counts.reports, counts.failed, counts.exit_code()) == (0, 2, 2)
    assert "sitrep: [E001] a.txt: file is empty." in stream.getvalue()
    assert "sitrep: [E007] b.txt" in stream.getvalue()


@pytest.mark.parametrize(
    ("reports", "failed", "code"), [(3, 0, 0), (2, 1, 1), (0, 4, 2), (0, 0, 2)]
)
def test_cli_exit_codes(reports: int, failed: int, code: int) -> None:
    assert cli.RunCounts(reports, failed).exit_code() == code


@pytest.mark.model
def test_cli_report_warnings_go_to_stderr_without_failing(
    runner: CliRunner, shared_extractor: Any, tmp_path: Path
) -> None:
    german = tmp_path / "de.txt"
    german.write_text(
        "Die Armee hat am Sonntag die Stadt angegriffen und dabei wurden viele Zivilisten "
        "getötet, sagten Aktivisten der Beobachtungsstelle in der Nacht zum Montag.",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["extract", str(german), "-f", "jsonl"])
    assert result.exit_code == 0
    assert any(
        line.startswith("sitrep: warning: de.txt: text does not look English")
        for line in _stderr_lines(result)
    )
