"""GeoNames country dumps: reading the 19-column format, downloading from a local server."""

from __future__ import annotations

import http.server
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitrep.errors import SitrepError
from sitrep.geo.commands import add_geonames_dump
from sitrep.geo.dump import (
    download_dump,
    dump_url,
    import_geonames_dump,
    looks_like_geonames,
    read_geonames_dump,
)
from sitrep.geo.gazetteer import Gazetteer
from sitrep.geo.layers import layer_info
from sitrep.settings import Settings

SHARED_ROWS = "geonames_cities500_SY_and_neighbours.txt"


def _row(*fields: str) -> str:
    assert len(fields) == 19
    return "\t".join(fields)


#: Rows the cities500 extract lacks: divisions (names only) and a mountain with an Arabic name.
EXTRA_ROWS = [
    _row("9000001", "Aleppo Governorate", "Aleppo Governorate", "", "36.2", "37.6", "A", "ADM1",
         "SY", "", "09", "", "", "", "0", "", "400", "Asia/Damascus", "2020-01-01"),
    _row("9000002", "Mount Simeon District", "Mount Simeon District", "", "36.3", "37.0", "A",
         "ADM2", "SY", "", "09", "0901", "", "", "0", "", "400", "Asia/Damascus", "2020-01-01"),
    _row("9000003", "Jabal Barakat", "Jabal Barakat", "Jebel Barakat,جبل بركات,Гора", "36.35",
         "36.95", "T", "MT", "SY", "", "09", "0901", "", "", "0", "870", "860", "Asia/Damascus",
         "2020-01-01"),
]  # fmt: skip


@pytest.fixture(scope="module")
def dump_text(shared_dir: Path) -> str:
    """Syria's rows of the shared GeoNames file plus the extra rows above."""
    path = shared_dir / "gazetteers" / SHARED_ROWS
    rows = [
        line
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.split("\t")[8:9] == ["SY"]
    ]
    return "\n".join([*rows, *EXTRA_ROWS]) + "\n"


@pytest.fixture(scope="module")
def dump_zip(tmp_path_factory: pytest.TempPathFactory, dump_text: str) -> Path:
    """``SY.zip`` holding ``SY.txt``, as GeoNames publishes it."""
    path = tmp_path_factory.mktemp("dump") / "SY.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("SY.txt", dump_text)
        archive.writestr("readme.txt", "not a dump")
    return path


@pytest.fixture(scope="module")
def base(gazetteer: Gazetteer) -> Gazetteer:
    """The session's base index without layers."""
    return Gazetteer(gazetteer.path, cities=gazetteer.cities)


class _Server:
    def __init__(self, folder: Path) -> None:
        handler = _handler(folder)
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)


def _handler(folder: Path) -> type[http.server.SimpleHTTPRequestHandler]:
    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
            super().__init__(*args, directory=str(folder), **kwargs)

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


@pytest.fixture(scope="module")
def server(dump_zip: Path) -> Iterator[str]:
    """A local HTTP server serving the dump's folder; yields its base URL."""
    running = _Server(dump_zip.parent)
    running.thread.start()
    try:
        yield running.url
    finally:
        running.httpd.shutdown()
        running.httpd.server_close()


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (EXTRA_ROWS[2], True),
        ("name\tlat\tlon", False),
        ("\t".join(["x"] * 19), False),
        (EXTRA_ROWS[2].rsplit("\t", 3)[0], False),
    ],
)
def test_dump_looks_like_geonames(line: str, expected: bool) -> None:
    assert looks_like_geonames(line) is expected


def test_dump_read_zip_names_and_divisions(dump_zip: Path) -> None:
    parsed = read_geonames_dump(dump_zip)
    by_name = {p.name: p for p in parsed.places}
    assert "Aleppo Governorate" not in by_name  # divisions give names only
    hill = by_name["Jabal Barakat"]
    assert hill.feature == "MT" and hill.admin2 == "Mount Simeon District"
    assert "جبل بركات" in hill.names and "Гора" not in hill.names
    assert by_name["Nubl"].geonameid == 166331
    assert len(parsed.places) == 290 + 1


def test_dump_feature_classes_filter(dump_zip: Path) -> None:
    parsed = read_geonames_dump(dump_zip, feature_classes="T")
    assert [p.name for p in parsed.places] == ["Jabal Barakat"]


def test_dump_truncated_line_is_reported(tmp_path: Path, dump_text: str) -> None:
    path = tmp_path / "SY.txt"
    path.write_text(dump_text + EXTRA_ROWS[2][:40], encoding="utf-8")
    parsed = read_geonames_dump(path)
    line = dump_text.count("\n") + 1
    assert any(f"SY.txt, line {line}" in w and "truncated" in w for w in parsed.warnings)
    assert len(parsed.places) == 291


@pytest.mark.parametrize("content", [b"PK\x03\x04broken", b""])
def test_dump_bad_zip_is_an_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "SY.zip"
    path.write_bytes(content)
    with pytest.raises(SitrepError) as info:
        read_geonames_dump(path)
    assert info.value.code == "E040" and "SY.zip" in str(info.value)


def test_dump_not_a_dump_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "SY.txt"
    path.write_text("a,b,c\n" * 10, encoding="utf-8")
    with pytest.raises(SitrepError) as info:
        read_geonames_dump(path)
    assert info.value.code == "E040"


def test_dump_url_from_base() -> None:
    assert dump_url("sy", "http://mirror.example/dump") == "http://mirror.example/dump/SY.zip"
    assert dump_url("SY").endswith("/export/dump/SY.zip")


def test_dump_download_and_import(tmp_path: Path, server: str, base: Gazetteer) -> None:
    info, warnings = import_geonames_dump("SY", tmp_path / "layers", base, base_url=server)
    assert info.name == "geonames-sy" and info.places == 291 and info.linked >= 290
    assert info.source == server + "SY.zip" and info.licence == "CC BY 4.0"
    assert warnings == []
    layered = Gazetteer(base.path, cities=base.cities, layers=[info.path])
    hill = [c for c in layered.lookup("Jebel Barakat") if c.layer == "geonames-sy"]
    assert hill and hill[0].admin1_code == "SY-HL" and hill[0].admin2 == "Mount Simeon District"
    assert [c.name for c in layered.lookup("جبل بركات")] == ["Jabal Barakat"]
    nubl = [c for c in layered.lookup("Nubl") if c.country == "SY"]
    assert len(nubl) == 1 and nubl[0].geonameid == 166331 and nubl[0].admin1 == "Aleppo"
    assert "Place layer 'geonames-sy': GeoNames (geonames.org) (CC BY 4.0)." in layered.credits


@pytest.mark.parametrize(
    ("path", "limit", "reason"),
    [("XX.zip", 10_000_000, "HTTP 404"), ("SY.zip", 100, "over the limit")],
)
def test_dump_download_errors(
    tmp_path: Path, server: str, path: str, limit: int, reason: str
) -> None:
    with pytest.raises(SitrepError) as info:
        download_dump(server + path, tmp_path, max_bytes=limit)
    assert info.value.code == "E046" and reason in str(info.value) and path in str(info.value)
    assert list(tmp_path.iterdir()) == []


def test_dump_failed_download_keeps_the_layer(tmp_path: Path, server: str, base: Gazetteer) -> None:
    settings = Settings(
        gazetteer_dir=base.path.parent, layer_dir=tmp_path / "layers", geonames_dump_url=server
    )
    first = add_geonames_dump("SY", settings)
    with pytest.raises(SitrepError):
        add_geonames_dump("SY", settings, url=server + "missing.zip")
    assert layer_info(first.info.path).places == first.info.places


def test_dump_refuses_non_http_and_bad_country(tmp_path: Path, base: Gazetteer) -> None:
    with pytest.raises(SitrepError) as info:
        download_dump("file:///etc/passwd", tmp_path)
    assert info.value.code == "E046"
    with pytest.raises(SitrepError) as bad:
        import_geonames_dump("Syria", tmp_path, base)
    assert bad.value.code == "E022"


def test_dump_cli_add(tmp_path: Path, server: str, base: Gazetteer, dump_zip: Path) -> None:
    from sitrep.cli import app

    config = tmp_path / "sitrep.toml"
    config.write_text(
        f'gazetteer_dir = "{base.path.parent}"\nlayer_dir = "{tmp_path / "layers"}"\n'
        f'geonames_dump_url = "{server}"\n',
        encoding="utf-8",
    )
    runner = CliRunner()
    result = runner.invoke(app, ["gazetteer", "add", "SY", "--config", str(config)])
    assert result.exit_code == 0, result.output
    assert "layer 'geonames-sy': 291 places" in result.stdout
    from_file = runner.invoke(
        app,
        ["gazetteer", "add", "SY", "--file", str(dump_zip), "--name", "sy-file",
         "--feature-classes", "T", "--config", str(config)],
    )  # fmt: skip
    assert from_file.exit_code == 0 and "layer 'sy-file': 1 places" in from_file.stdout
    other = runner.invoke(app, ["gazetteer", "add", "SY", "--url", server + "none.zip",
                                "--config", str(config)])  # fmt: skip
    assert other.exit_code == 2 and "E046" in other.output
