"""Gazetteer layers: reading users' files, importing them safely, looking places up."""

from __future__ import annotations

import hashlib
import json
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from sitrep.errors import SitrepError
from sitrep.geo.commands import add_layer_file, layers_for_run
from sitrep.geo.gazetteer import Gazetteer
from sitrep.geo.layers import (
    arabic_key,
    detect_columns,
    geometry_point,
    import_layer,
    layer_info,
    list_layers,
    parse_wkt,
    point_in_polygon,
    read_layer_file,
    remove_layer,
)
from sitrep.geo.resolve import resolve_toponyms
from sitrep.out.acled import report_to_acled_rows
from sitrep.out.facts import fact_properties
from sitrep.out.json import report_to_dict
from sitrep.settings import Settings
from sitrep.types import Document, Event, Evidence, Report, Span, Toponym

COMMUNITIES = "ocha_syr_admin4_point_2015.geojson"
ALEPPO_NEIGHBOURHOODS = "ocha_aleppo_city_neighbourhoods_trrcms.json"
DAMASCUS_NEIGHBOURHOODS = "ocha_syr_admin5_damascus_neighbourhoods.geojson"


@pytest.fixture(scope="module")
def base(gazetteer: Gazetteer) -> Gazetteer:
    """The session's base index opened again without layers (imports must not see any)."""
    return Gazetteer(gazetteer.path, cities=gazetteer.cities)


@pytest.fixture(scope="module")
def ocha_dir(tmp_path_factory: pytest.TempPathFactory, shared_dir: Path, base: Gazetteer) -> Path:
    """A temporary layer folder holding the three OCHA Syria layers."""
    folder = tmp_path_factory.mktemp("layers")
    for name in (COMMUNITIES, ALEPPO_NEIGHBOURHOODS, DAMASCUS_NEIGHBOURHOODS):
        path = shared_dir / "gazetteers" / name
        parsed = read_layer_file(path)
        import_layer(parsed, folder, base, name=path.name.split(".")[0].replace("_", "-"))
    return folder


@pytest.fixture(scope="module")
def layered(base: Gazetteer, ocha_dir: Path) -> Gazetteer:
    """Base + the OCHA layers."""
    return Gazetteer(base.path, cities=base.cities, layers=sorted(ocha_dir.glob("*.sqlite")))


# --- schema detection --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("columns", "expected"),
    [
        (
            ["NAME_EN", "NAM_EN_REF", "NAME_ARA", "PCODE", "ADMIN1_EN", "ADMIN2_EN", "ADMIN3_EN"],
            {"name": "NAME_EN", "aliases": "NAM_EN_REF", "arabic": "NAME_ARA", "pcode": "PCODE",
             "admin1": "ADMIN1_EN", "admin2": "ADMIN2_EN", "admin3": "ADMIN3_EN"},
        ),
        (
            ["admin4Name_en", "admin4Name_ar", "admin4Pcode", "admin1Name_en", "admin2Name_en"],
            {"name": "admin4Name_en", "arabic": "admin4Name_ar", "pcode": "admin4Pcode",
             "admin1": "admin1Name_en", "admin2": "admin2Name_en"},
        ),
        (
            ["pCode", "nameEnglish", "nameArabic", "centerLatitude", "centerLongitude"],
            {"name": "nameEnglish", "arabic": "nameArabic", "pcode": "pCode",
             "lat": "centerLatitude", "lon": "centerLongitude"},
        ),
        (["Place Name", "Latitude", "LNG", "Aliases"],
         {"name": "Place Name", "lat": "Latitude", "lon": "LNG", "aliases": "Aliases"}),
        (["name", "lat", "lon", "Country", "Feature"],
         {"name": "name", "lat": "lat", "lon": "lon", "country": "Country", "feature": "Feature"}),
        (["HAY_EN", "HAY_PCODE", "HAY_CODE"], {"name": "HAY_EN", "pcode": "HAY_PCODE"}),
    ],
)  # fmt: skip
def test_layers_detect_columns(columns: list[str], expected: dict[str, str]) -> None:
    found = detect_columns(columns)
    assert {k: found.get(k) for k in expected} == expected


@pytest.mark.parametrize("columns", [["id", "descr", "x1"], ["town", "north", "east"], []])
def test_layers_detect_columns_finds_no_name(columns: list[str]) -> None:
    assert "name" not in detect_columns(columns)


# --- Arabic keys, geometry ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [("الحمدانية", "حمدانيه"), ("نُبُّل", "نبل"), ("إدلب", "ادلب"), ("سراقب", "سـراقب")],
)
def test_layers_arabic_key_equal(a: str, b: str) -> None:
    assert arabic_key(a) == arabic_key(b) != ""


@pytest.mark.parametrize(("a", "b"), [("نبل", "الزهراء"), ("حلب", "حماة")])
def test_layers_arabic_key_different(a: str, b: str) -> None:
    assert arabic_key(a) != arabic_key(b)


SQUARE = [[[0.0, 0.0], [2.0, 0.0], [2.0, 2.0], [0.0, 2.0], [0.0, 0.0]]]
HOLE = [[0.5, 0.5], [1.0, 0.5], [1.0, 1.0], [0.5, 1.0], [0.5, 0.5]]


@pytest.mark.parametrize(
    ("lat", "lon", "polygon", "inside"),
    [
        (1.5, 1.5, [SQUARE], True),
        (3.0, 1.0, [SQUARE], False),
        (0.75, 0.75, [[SQUARE[0], HOLE]], False),
        (1.5, 1.5, [[SQUARE[0], HOLE]], True),
    ],
)
def test_layers_point_in_polygon(lat: float, lon: float, polygon: list, inside: bool) -> None:  # type: ignore[type-arg]
    assert point_in_polygon(lat, lon, polygon) is inside


def test_layers_polygon_centroid_and_wkt() -> None:
    lat, lon, polygon = geometry_point("Polygon", SQUARE)
    assert (lat, lon) == pytest.approx((1.0, 1.0)) and polygon is not None
    kind, coordinates = parse_wkt("POLYGON((0 0, 2 0, 2 2, 0 2, 0 0))")
    assert kind == "Polygon" and geometry_point(kind, coordinates)[:2] == pytest.approx((1, 1))
    assert parse_wkt("POINT (36.1 35.2)") == ("Point", [36.1, 35.2])


# --- reading users' files ------------------------------------------------------------------------


def _write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_layers_csv_with_aliases_and_bad_rows(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "bases.csv",
        "Place Name,Latitude,Longitude,Aliases,Country\n"
        "Kuweires Airbase,36.187,37.583,Kweires|Kuwayris,SY\n"
        "Nowhere Camp,,37.1,,SY\n"
        'Hmeimim,35.401,35.948,"Hmeymim; Khmeimim",SY\n'
        "Broken,abc,37.0,,SY\n",
    )
    parsed = read_layer_file(path)
    assert [p.name for p in parsed.places] == ["Kuweires Airbase", "Hmeimim"]
    assert parsed.places[0].names == ["Kuweires Airbase", "Kweires", "Kuwayris"]
    assert parsed.places[1].names == ["Hmeimim", "Hmeymim", "Khmeimim"]
    assert parsed.columns["name"] == "Place Name"
    assert any("line 3" in w and "no latitude" in w and "bases.csv" in w for w in parsed.warnings)
    assert any("line 5" in w and "not a number" in w for w in parsed.warnings)


def test_layers_tsv_semicolon_aliases(tmp_path: Path) -> None:
    path = _write(
        tmp_path, "p.tsv", "NAME\tLAT\tLON\tALIASES\nTal Abyad\t36.69\t38.95\tTell Abiad;Girê Spî\n"
    )
    parsed = read_layer_file(path)
    assert parsed.format == "tsv"
    assert parsed.places[0].names == ["Tal Abyad", "Tell Abiad", "Girê Spî"]


def test_layers_wrong_columns_are_an_error_naming_them(tmp_path: Path) -> None:
    path = _write(tmp_path, "bad.csv", "town,north,east\nA,1,2\n")
    with pytest.raises(SitrepError) as info:
        read_layer_file(path)
    assert info.value.code == "E043"
    assert "bad.csv" in str(info.value) and "town, north, east" in str(info.value)


def test_layers_invalid_utf8_name_dropped_row_kept(tmp_path: Path) -> None:
    data = b"name,name_ar,lat,lon\nZahraa," + "الزهرا".encode()[:-1] + b",36.0,37.0\n"
    parsed = read_layer_file(_write(tmp_path, "cut.csv", data))
    assert [p.name for p in parsed.places] == ["Zahraa"]
    assert parsed.places[0].names == ["Zahraa"]
    assert any("invalid UTF-8" in w and "line 2" in w for w in parsed.warnings)


def test_layers_truncated_geojson_keeps_complete_features(tmp_path: Path) -> None:
    features = [
        {"type": "Feature", "properties": {"name": f"Village {i}"},
         "geometry": {"type": "Point", "coordinates": [37.0 + i / 10, 36.0]}}
        for i in range(3)
    ]  # fmt: skip
    text = json.dumps({"type": "FeatureCollection", "features": features}, indent=1)
    path = _write(tmp_path, "cut.geojson", text[: text.rindex("Village 2")])
    parsed = read_layer_file(path)
    assert [p.name for p in parsed.places] == ["Village 0", "Village 1"]
    assert any("truncated" in w and "cut.geojson, line" in w for w in parsed.warnings)


def test_layers_unreadable_json_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(SitrepError) as info:
        read_layer_file(_write(tmp_path, "x.json", '{"type": "FeatureCollection", "feat'))
    assert info.value.code == "E041" and "x.json" in str(info.value)


def test_layers_xlsx(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["admin4Name_en", "admin4Pcode", "Latitude", "Longitude", "admin1Name_en"])
    sheet.append(["Tal Aran", "C2137", 36.12, 37.45, "Aleppo"])
    book.save(tmp_path / "cod.xlsx")
    parsed = read_layer_file(tmp_path / "cod.xlsx")
    assert [(p.name, p.pcode, p.admin1) for p in parsed.places] == [("Tal Aran", "C2137", "Aleppo")]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.text(st.characters(blacklist_categories=["Cs"]), max_size=12), min_size=3, max_size=3
    ),
    st.floats(allow_nan=True),
    st.floats(),
)
def test_layers_csv_rows_never_crash(cells: list[str], lat: float, lon: float) -> None:
    row = ",".join(c.replace(",", " ").replace("\n", " ").replace('"', "") for c in cells)
    text = f"name,lat,lon,aliases\nGood,36.0,37.0,\n{row},{lat},{lon}\n"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "layer.csv"
        path.write_text(text, encoding="utf-8")
        parsed = read_layer_file(path)
    assert parsed.places[0].name == "Good"
    for place in parsed.places:
        assert -90 <= place.lat <= 90 and -180 <= place.lon <= 180


# --- importing ------------------------------------------------------------------------------


def test_layers_import_checks_country_and_duplicates(tmp_path: Path, base: Gazetteer) -> None:
    path = _write(
        tmp_path,
        "mine.csv",
        "name,lat,lon,pcode\n"
        "Qalaat Camp,36.0,37.0,X1\n"
        "Jabal Hill,35.5,36.5,X2\n"
        "Paris Depot,48.85,2.35,X3\n"
        "Qalaat Copy,36.01,37.01,X1\n",
    )
    parsed = read_layer_file(path)
    info = import_layer(parsed, tmp_path / "layers", base, name="mine", country="SY")
    assert info.places == 2
    text = "\n".join(parsed.warnings)
    assert "line 4 (X3)" in text and "outside SY" in text
    assert "line 5 (X1)" in text and "duplicate P-code X1" in text
    assert "swapped" not in text.split("line 4")[1]
    assert "mine.csv" in text


def test_layers_swapped_coordinates_hinted(tmp_path: Path, base: Gazetteer) -> None:
    path = _write(tmp_path, "s.csv", "name,lat,lon\nGood,36.0,37.0\nSwapped,38.5,35.5\n")
    parsed = read_layer_file(path)
    import_layer(parsed, tmp_path / "layers", base, name="s", country="SY")
    assert any("swapped" in w for w in parsed.warnings)


def test_layers_failed_import_leaves_layer_and_base_intact(tmp_path: Path, base: Gazetteer) -> None:
    before = hashlib.sha256(base.path.read_bytes()).hexdigest()
    layer_dir = tmp_path / "layers"
    good = _write(tmp_path, "good.csv", "name,lat,lon\nDeir Hafer Camp,36.15,37.7\n")
    import_layer(read_layer_file(good), layer_dir, base, name="mine")
    bad = _write(tmp_path, "bad.csv", "name,lat,lon\nNowhere,,\n")
    with pytest.raises(SitrepError) as info:
        import_layer(read_layer_file(bad), layer_dir, base, name="mine")
    assert info.value.code == "E040" and "bad.csv" in str(info.value)
    assert layer_info(layer_dir / "mine.sqlite").places == 1
    assert [p.name for p in layer_dir.iterdir()] == ["mine.sqlite"]
    assert hashlib.sha256(base.path.read_bytes()).hexdigest() == before


@pytest.mark.parametrize("name", ["Bad Name", "geonames", "", "x" * 70, "../up"])
def test_layers_bad_layer_names_refused(tmp_path: Path, base: Gazetteer, name: str) -> None:
    parsed = read_layer_file(_write(tmp_path, "a.csv", "name,lat,lon\nA,36,37\n"))
    with pytest.raises(SitrepError) as info:
        import_layer(parsed, tmp_path, base, name=name)
    assert info.value.code == "E044"


def test_layers_ocha_communities_imported(ocha_dir: Path) -> None:
    info = layer_info(ocha_dir / "ocha-syr-admin4-point-2015.sqlite")
    assert info.places == 5251
    assert info.credit == "UN OCHA Syria, via HDX" and info.licence == "CC BY-IGO"
    assert info.columns["pcode"] == "PCODE" and info.columns["arabic"] == "NAME_ARA"
    cut = [w for w in info.warnings if "invalid UTF-8" in w]
    assert len(cut) == 6 and all("feature" in w and COMMUNITIES in w for w in cut)
    assert [i.name for i in list_layers(ocha_dir)] == sorted(i.name for i in list_layers(ocha_dir))


# --- lookups -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spelling", "pcode"),
    [
        ("Nubl", "C1655"),
        ("Nabul", "C1655"),
        ("نبل", "C1655"),
        ("Saraqib", "C3916"),
        ("Saraqab", "C3916"),
        ("Tal Aran", "C2137"),
        ("Talaran", "C2137"),
        ("Tell Aran", "C2137"),
        ("Ras al-Ain", "C4988"),
        ("Ras Al Ain", "C4988"),
        ("Ra's al 'Ayn", "C4988"),
        ("Kafr Sousa", "C10011010"),
        ("Youth Housing", "N0119"),
    ],
)
def test_layers_lookup_finds_layer_place(layered: Gazetteer, spelling: str, pcode: str) -> None:
    found = [c for c in layered.lookup(spelling) if c.pcode == pcode]
    assert found and found[0].layer.startswith("ocha-") and found[0].country == "SY"


@pytest.mark.parametrize("spelling", ["Nubl", "Saraqib", "Tal Aran"])
def test_layers_base_alone_has_no_pcode(base: Gazetteer, spelling: str) -> None:
    assert all(c.pcode is None and c.layer == "geonames" for c in base.lookup(spelling))


def test_layers_linked_entry_replaces_base_entry(layered: Gazetteer) -> None:
    nubl = [c for c in layered.lookup("Nubl") if c.country == "SY"]
    assert len(nubl) == 1
    assert nubl[0].geonameid is not None and nubl[0].population > 0
    assert (nubl[0].pcode, nubl[0].admin2, nubl[0].admin1_code) == ("C1655", "A'zaz", "SY-HL")


def test_layers_repeated_names_stay_apart(layered: Gazetteer) -> None:
    found = {c.pcode: c for c in layered.lookup("Ras Al Ain") if c.pcode}
    assert {"C3067", "C4988"} <= set(found)
    assert found["C3067"].admin2 != found["C4988"].admin2
    assert found["C3067"].place_id != found["C4988"].place_id


def test_layers_fuzzy_stays_in_focus_country(layered: Gazetteer) -> None:
    assert "C1655" not in {c.pcode for c in layered.lookup("Nebul")}
    assert "C1655" in {c.pcode for c in layered.fuzzy_lookup("Nebul", ["SY"])}
    assert "C1655" not in {c.pcode for c in layered.fuzzy_lookup("Nebul", ["DE"])}


def test_layers_containing_polygon(layered: Gazetteer) -> None:
    inside = layered.containing(33.4953, 36.26)
    assert [c.layer for c in inside] == ["ocha-syr-admin5-damascus-neighbourhoods"]
    assert layered.containing(36.2, 37.16) and not layered.containing(35.0, 38.0)


def test_layers_load_is_fast_and_credited(base: Gazetteer, ocha_dir: Path) -> None:
    started = time.perf_counter()
    opened = Gazetteer.load(Settings(gazetteer_dir=base.path.parent, layer_dir=ocha_dir))
    assert time.perf_counter() - started < 1.0
    assert len(opened.layer_names) == 3
    assert "Place layer 'ocha-syr-admin4-point-2015': UN OCHA Syria, via HDX (CC BY-IGO)." in (
        opened.credits
    )
    none = Gazetteer.load(Settings(gazetteer_dir=base.path.parent, layer_dir=ocha_dir, layers=()))
    assert none.layer_names == []


def test_layers_unknown_layer_name_is_an_error(base: Gazetteer, ocha_dir: Path) -> None:
    with pytest.raises(SitrepError) as info:
        Gazetteer.load(
            Settings(gazetteer_dir=base.path.parent, layer_dir=ocha_dir, layers=("nope",))
        )
    assert info.value.code == "E045"


# --- end to end: resolution and outputs ----------------------------------------------------------


def _toponym(text: str, name: str) -> Toponym:
    start = text.index(name)
    return Toponym(Span(start, start + len(name), name), "GPE")


def test_layers_pcode_reaches_every_output(layered: Gazetteer) -> None:
    text = "Shelling hit Tal Aran and Nubl in Aleppo province, Syria."
    toponyms = [_toponym(text, n) for n in ("Tal Aran", "Nubl", "Aleppo", "Syria")]
    geo = resolve_toponyms(toponyms, text, layered)
    by_name = {p.name: p for p in geo.places}
    tal_aran = by_name["Tal Aran"]
    assert (tal_aran.pcode, tal_aran.admin2, tal_aran.geo_precision) == ("C2137", "As-Safira", 1)
    assert tal_aran.layer == "ocha-syr-admin4-point-2015"
    event = Event(
        id="e1",
        event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack",
        trigger=Span(0, 8, "Shelling"),
        evidence=Evidence(Span(0, len(text), text), "test"),
        place=tal_aran.id,
    )
    report = Report(
        document=Document(id="d", text=text),
        places=geo.places,
        events=[event],
        credits=list(layered.credits),
    )
    props = fact_properties(report, event)
    assert (props["pcode"], props["admin2"], props["admin3"]) == ("C2137", "As-Safira", "As-Safira")
    row = report_to_acled_rows(report)[0]
    assert (row["pcode"], row["admin2"], row["location"]) == ("C2137", "As-Safira", "Tal Aran")
    as_json = report_to_dict(report)
    place = next(p for p in as_json["places"] if p["id"] == tal_aran.id)
    assert place["pcode"] == "C2137" and place["admin3"] == "As-Safira"
    assert any("UN OCHA Syria, via HDX" in c for c in as_json["credits"])


def test_layers_base_places_have_no_pcode(base: Gazetteer) -> None:
    text = "Shelling hit Nubl in Aleppo province, Syria."
    geo = resolve_toponyms([_toponym(text, "Nubl"), _toponym(text, "Syria")], text, base)
    assert all(p.pcode is None and p.layer == "geonames" for p in geo.places)


# --- commands ------------------------------------------------------------------------------------


def _config(tmp_path: Path, base: Gazetteer) -> Path:
    config = tmp_path / "sitrep.toml"
    config.write_text(
        f'gazetteer_dir = "{base.path.parent}"\nlayer_dir = "{tmp_path / "layers"}"\n',
        encoding="utf-8",
    )
    return config


def test_layers_cli_add_list_info_remove(tmp_path: Path, base: Gazetteer) -> None:
    from sitrep.cli import app

    config = _config(tmp_path, base)
    places = _write(
        tmp_path,
        "bases.csv",
        "name,lat,lon,aliases\nKuweires Airbase,36.187,37.583,Kweires\nBad,,\n",
    )
    runner = CliRunner()
    args = ["add-layer", str(places), "--name", "bases", "--licence", "CC0", "--country", "SY"]
    added = runner.invoke(app, ["gazetteer", *args, "--config", str(config)])
    assert added.exit_code == 1, added.output  # one row skipped
    assert "layer 'bases': 1 places" in added.stdout and "columns used: name=name" in added.stdout
    listed = runner.invoke(app, ["gazetteer", "list", "--config", str(config)])
    assert listed.exit_code == 0 and "bases: 1 places" in listed.stdout and "CC0" in listed.stdout
    shown = runner.invoke(app, ["gazetteer", "info", "bases", "--json", "--config", str(config)])
    assert json.loads(shown.stdout)["places"] == 1
    removed = runner.invoke(app, ["gazetteer", "remove", "bases", "--config", str(config)])
    assert removed.exit_code == 0 and not (tmp_path / "layers" / "bases.sqlite").exists()
    again = runner.invoke(app, ["gazetteer", "remove", "bases", "--config", str(config)])
    assert again.exit_code == 2 and "E045" in again.output


def test_layers_for_run_uses_a_temporary_folder(tmp_path: Path, base: Gazetteer) -> None:
    settings = Settings(gazetteer_dir=base.path.parent, layer_dir=tmp_path / "installed")
    places = _write(tmp_path, "p.csv", "name,lat,lon\nKuweires Airbase,36.187,37.583\n")
    with layers_for_run(settings, [str(places)]) as run:
        assert run.layer_dir is not None and run.layer_dir != settings.layer_dir
        assert Gazetteer.load(run).layer_names == ["p"]
    assert not (tmp_path / "installed").exists()
    with layers_for_run(settings, None, no_layers=True) as run:
        assert run.layers == ()


def test_layers_add_layer_file_library_call(tmp_path: Path, base: Gazetteer) -> None:
    settings = Settings(gazetteer_dir=base.path.parent, layer_dir=tmp_path / "l")
    places = _write(tmp_path, "p.csv", "name,lat,lon\nKuweires Airbase,36.187,37.583\n")
    result = add_layer_file(places, settings, name="p", credit="my team")
    assert result.info.places == 1 and result.skipped == 0
    assert Gazetteer.load(settings).credits[-1] == "Place layer 'p': my team."
    remove_layer(tmp_path / "l", "p")
    assert list_layers(tmp_path / "l") == []


def test_layers_gazetteer_pickles_with_its_layers(layered: Gazetteer) -> None:
    import pickle

    copy = pickle.loads(pickle.dumps(layered))
    assert copy.layer_names == layered.layer_names
    assert [c.pcode for c in copy.lookup("Tal Aran")] == [
        c.pcode for c in layered.lookup("Tal Aran")
    ]


@pytest.mark.parametrize(
    ("toml", "expected"),
    [('layers = ["a", "b"]', ("a", "b")), ("layers = []", ()), ("", None)],
)
def test_layers_setting_from_toml(tmp_path: Path, toml: str, expected: object) -> None:
    from sitrep.settings import load_settings

    path = tmp_path / "s.toml"
    path.write_text(toml, encoding="utf-8")
    assert load_settings(path).layers == expected


@pytest.mark.parametrize(
    "overrides",
    [{"geonames_dump_url": "ftp://x/"}, {"max_download_bytes": 0}, {"layers": (1, 2)}],
)
def test_layers_settings_refused(overrides: dict[str, object]) -> None:
    with pytest.raises(SitrepError) as info:
        Settings(**overrides)  # type: ignore[arg-type]
    assert info.value.code == "E022"
