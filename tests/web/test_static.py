"""The committed map assets (src/sitrep/web/static) are in sync with web/ and local-only."""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WEB = ROOT / "web"
STATIC = ROOT / "src" / "sitrep" / "web" / "static"
BUNDLED = ("leaflet", "leaflet.markercluster", "world-atlas")


def _bundle() -> dict[str, dict[str, str]]:
    return dict(json.loads((STATIC / "bundle.json").read_text()))


def _locked_version(name: str) -> str:
    lock = json.loads((WEB / "package-lock.json").read_text())
    return str(lock["packages"][f"node_modules/{name}"]["version"])


@pytest.mark.parametrize("name", [*BUNDLED, "swagger-ui-dist", "esbuild", "topojson-client"])
def test_static_versions_match_the_lock_file(name: str) -> None:
    assert _bundle()["versions"][name] == _locked_version(name), (
        f"{name}: rebuild the page with: cd web && npm ci && npm run build"
    )


@pytest.mark.parametrize("name", ["leaflet", "leaflet.markercluster", "world-atlas"])
def test_static_banner_names_the_bundled_versions(name: str) -> None:
    banner = (STATIC / "app.js").read_text(encoding="utf-8").splitlines()[0]
    label = {
        "leaflet": "Leaflet ",
        "leaflet.markercluster": "Leaflet.markercluster ",
        "world-atlas": "world-atlas ",
    }[name]
    assert f"{label}{_locked_version(name)}" in banner


def test_static_built_from_the_current_sources() -> None:
    sources = _bundle()["sources"]
    on_disk = {p.name for p in (WEB / "src").iterdir() if p.is_file()}
    assert set(sources) == on_disk, "web/src changed: cd web && npm ci && npm run build"
    for name, digest in sources.items():
        actual = hashlib.sha256((WEB / "src" / name).read_bytes()).hexdigest()
        assert actual == digest, f"web/src/{name} changed since the build: npm run build"
    assert (STATIC / "index.html").read_bytes() == (WEB / "src" / "index.html").read_bytes()


def test_static_page_loads_nothing_from_elsewhere() -> None:
    page = (STATIC / "index.html").read_text()
    for url in re.findall(r'(?:src|href)="([^"]+)"', page):
        assert not re.match(r"^(https?:)?//", url), f"index.html loads {url} from another site"
    code = (STATIC / "app.js").read_text(encoding="utf-8")
    assert "cdn." not in code and "unpkg.com" not in code


def test_static_outlines_are_natural_earth_countries() -> None:
    outlines = json.loads((STATIC / "countries.geojson").read_text())
    assert outlines["type"] == "FeatureCollection" and "Natural Earth" in outlines["source"]
    names = {f["properties"]["name"] for f in outlines["features"]}
    assert len(names) > 150 and {"Syria", "Sudan", "Ukraine"} <= names
    assert (STATIC / "countries.geojson").stat().st_size < 400_000


def test_static_licences_ship_with_the_bundle() -> None:
    text = (STATIC / "THIRD-PARTY-LICENSES.txt").read_text()
    assert "Agafonkin" in text and "Leaver" in text and "Natural Earth" in text
    assert "SmartBear" in text and "Apache License" in text  # Swagger UI, for /docs


def test_static_files_are_package_data() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    patterns = config["tool"]["setuptools"]["package-data"]["sitrep"]
    assert "web/static/*" in patterns and "web/static/docs/*" in patterns
    total = sum(p.stat().st_size for p in STATIC.iterdir() if p.is_file())
    assert total < 600_000, f"the built page is {total} bytes: keep it small"
    # Swagger UI: its bundle, stylesheet and favicon only (no source maps, no ES builds).
    docs = {p.name: p.stat().st_size for p in (STATIC / "docs").iterdir()}
    assert set(docs) == {"swagger-ui-bundle.js", "swagger-ui.css", "favicon-32x32.png"}
    assert sum(docs.values()) < 2_100_000


def test_static_swagger_ui_has_no_source_map_reference() -> None:
    for name in ("swagger-ui-bundle.js", "swagger-ui.css"):
        tail = (STATIC / "docs" / name).read_text(encoding="utf-8")[-300:]
        assert "sourceMappingURL" not in tail, name
