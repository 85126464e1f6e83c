"""GeoNames country dumps: download, read, import as a gazetteer layer.

GeoNames publishes one file per country at its export address
(:data:`~sitrep.settings.GEONAMES_DUMP_URL`, ``XX.zip`` holding ``XX.txt``):
every named feature — villages, neighbourhoods, mountains, wadis, military
sites — in a 19-column tab-separated format (geonameid, name, asciiname,
alternatenames, latitude, longitude, feature class, feature code, country
code, cc2, admin1–admin4 codes, population, elevation, dem, timezone,
modification date). cities500, the base index's source, keeps only
populated places of 500 people or more.

:func:`read_geonames_dump` reads a ``.zip`` or a plain ``.txt``; the
division *names* come from the dump's own ADM1/ADM2/ADM3 rows, and
:func:`~sitrep.geo.layers.import_layer` maps the first-order divisions onto
the base index's ISO 3166-2 codes. :func:`download_dump` fetches a dump with
the standard library, a timeout and a size limit.

Limits: one country per file (``allCountries.zip`` would be read but needs
gigabytes of memory); feature classes A (divisions, used for names only)
and those left out of ``feature_classes`` are not imported.
"""

from __future__ import annotations

import io
import re
import tempfile
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from sitrep.errors import Errors, SitrepError
from sitrep.geo.layers import LayerInfo, LayerPlace, ParsedLayer, import_layer, is_arabic
from sitrep.geo.names import is_latin
from sitrep.settings import GEONAMES_DUMP_URL

if TYPE_CHECKING:
    from sitrep.geo.gazetteer import Gazetteer

#: Columns of a GeoNames dump line.
DUMP_COLUMNS = 19
#: Feature classes imported by default: populated places, spots (bases, airports,
#: schools), terrain (mountains), areas, water (wadis, springs), vegetation.
DEFAULT_FEATURE_CLASSES = "PSTLHV"
#: Read the response in blocks of this size.
_BLOCK = 1 << 16

_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")


def looks_like_geonames(line: str) -> bool:
    """Whether a text line is a GeoNames dump row (19 tab-separated fields, numeric id)."""
    fields = line.rstrip("\r\n").split("\t")
    return (
        len(fields) == DUMP_COLUMNS
        and fields[0].isdigit()
        and bool(_NUMBER.match(fields[4]))
        and bool(_NUMBER.match(fields[5]))
    )


def _open_lines(path: Path) -> Iterator[str]:
    """Lines of a dump: the ``XX.txt`` inside a zip, or a plain text file."""
    if path.suffix.lower() == ".zip":
        try:
            archive = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError) as exc:
            raise SitrepError(
                Errors.E040, path=path, reason=f"not a readable zip file ({exc})"
            ) from exc
        with archive:
            members = [
                m
                for m in archive.namelist()
                if m.lower().endswith(".txt") and "readme" not in m.lower()
            ]
            wanted = f"{path.stem.upper()}.txt"
            member = wanted if wanted in members else (members[0] if members else None)
            if member is None:
                raise SitrepError(Errors.E040, path=path, reason="the zip holds no .txt dump")
            try:
                with archive.open(member) as raw:
                    yield from io.TextIOWrapper(raw, encoding="utf-8", errors="replace")
            except (zipfile.BadZipFile, EOFError, OSError) as exc:
                raise SitrepError(
                    Errors.E040, path=path, reason=f"{member} cannot be read ({exc})"
                ) from exc
        return
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            yield from handle
    except OSError as exc:
        raise SitrepError(Errors.E040, path=path, reason=exc.strerror or exc) from exc


def _keep_name(name: str) -> bool:
    """Latin and Arabic spellings only; no codes ("ALP"), links or bare numbers."""
    name = name.strip()
    if not name or name.startswith("http") or name.isdigit():
        return False
    if is_arabic(name):
        return "\ufffd" not in name
    if not is_latin(name):
        return False
    letters = [c for c in name if c.isalpha()]
    return not (len(letters) <= 4 and name.isupper())


def read_geonames_dump(
    path: Path, *, feature_classes: str = DEFAULT_FEATURE_CLASSES
) -> ParsedLayer:
    """Read a GeoNames dump (``XX.zip`` or ``XX.txt``) into layer places.

    Names are the name, the ASCII name and the alternate names (Latin and
    Arabic script; codes and links left out); ``admin2``/``admin3`` are the
    names of the dump's ADM2/ADM3 rows for the row's codes, and rows of one
    (country, admin1 code) share a division vote on import. Lines that do
    not have 19 fields (a truncated file) are skipped with a warning naming
    the line. Raises :class:`SitrepError` E040 when nothing in the file looks
    like a dump.
    """
    path = Path(path)
    classes = set(feature_classes.upper())
    parsed = ParsedLayer(
        path,
        "geonames dump",
        [],
        {
            "geonameid": "1 geonameid",
            "name": "2 name",
            "aliases": "3 asciiname, 4 alternatenames",
            "lat": "5 latitude",
            "lon": "6 longitude",
            "feature": "7-8 feature class and code",
            "country": "9 country code",
            "admin1": "11 admin1 code (divisions named from the dump's ADM rows)",
            "population": "15 population",
        },
    )
    rows: list[tuple[str, list[str]]] = []
    admin_names: dict[tuple[str, ...], str] = {}
    good = 0
    for number, line in enumerate(_open_lines(path), start=1):
        line = line.rstrip("\r\n")
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != DUMP_COLUMNS or not fields[0].isdigit():
            parsed.warnings.append(
                f"{path}, line {number}: {len(fields)} fields, expected {DUMP_COLUMNS} "
                "(a truncated file?); skipped"
            )
            parsed.rows += 1
            if good == 0 and number >= 5:
                raise SitrepError(
                    Errors.E040,
                    path=path,
                    reason="not a GeoNames dump (lines are not 19 tab-separated fields)",
                )
            continue
        good += 1
        code = fields[7]
        if fields[6] == "A" and code in ("ADM1", "ADM2", "ADM3"):
            level = int(code[-1])
            admin_names[(fields[8], *fields[10 : 10 + level])] = fields[2] or fields[1]
        rows.append((f"line {number}", fields))
    if good == 0:
        raise SitrepError(Errors.E040, path=path, reason="no GeoNames dump rows found")
    for label, fields in rows:
        if fields[6] not in classes:
            continue
        # Rows counts what was meant to be imported: divisions and other classes are not.
        parsed.rows += 1
        name = fields[1]
        if "\ufffd" in name:
            parsed.warnings.append(
                f"{path}, {label}: name {name!r} holds invalid UTF-8; the ASCII name is used"
            )
            name = fields[2]
        if not name:
            continue
        try:
            lat, lon = float(fields[4]), float(fields[5])
        except ValueError:
            parsed.warnings.append(f"{path}, {label}, {name!r}: bad coordinates; skipped")
            continue
        spellings = [name, fields[2], *fields[3].split(",")]
        names = list(dict.fromkeys(s.strip() for s in spellings if _keep_name(s)))
        if name not in names:
            names.insert(0, name)
        country, a1, a2, a3 = fields[8], fields[10], fields[11], fields[12]
        parsed.places.append(
            LayerPlace(
                name=name if is_latin(name) else (fields[2] or name),
                lat=lat,
                lon=lon,
                row=label,
                names=names,
                feature=fields[7] or fields[6],
                country=country or None,
                admin2=admin_names.get((country, a1, a2)) if a2 else None,
                admin3=admin_names.get((country, a1, a2, a3)) if a3 else None,
                population=int(fields[14]) if fields[14].isdigit() else 0,
                geonameid=int(fields[0]),
                admin1_group=f"geonames-admin1:{a1}" if a1 else None,
            )
        )
    return parsed


def dump_url(country: str, base_url: str = GEONAMES_DUMP_URL) -> str:
    """``https://…/export/dump/SY.zip`` for a country code and a base address."""
    return urllib.parse.urljoin(base_url.rstrip("/") + "/", f"{country.upper()}.zip")


def download_dump(
    url: str,
    folder: Path,
    *,
    timeout: float = 60.0,
    max_bytes: int = 500_000_000,
) -> Path:
    """Download ``url`` into ``folder`` and return the file's path.

    Method: ``urllib`` (http and https only), the response read in blocks
    into a temporary file that is renamed when complete; a declared or
    actual size over ``max_bytes`` stops the download. Raises
    :class:`SitrepError` E046 naming the URL on any failure.
    """
    scheme = urllib.parse.urlparse(url).scheme
    if scheme not in ("http", "https"):
        raise SitrepError(Errors.E046, url=url, reason="only http and https addresses are read")
    name = Path(urllib.parse.urlparse(url).path).name or "dump.zip"
    target = Path(folder) / name
    request = urllib.request.Request(url, headers={"User-Agent": "sitrep (gazetteer add)"})
    partial = Path(folder) / f".{name}.part"
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise SitrepError(
                    Errors.E046,
                    url=url,
                    reason=f"{declared} bytes, over the limit of {max_bytes} "
                    "(setting max_download_bytes)",
                )
            with open(partial, "wb") as handle:
                size = 0
                while block := response.read(_BLOCK):
                    size += len(block)
                    if size > max_bytes:
                        raise SitrepError(
                            Errors.E046,
                            url=url,
                            reason=f"more than {max_bytes} bytes, over the limit "
                            "(setting max_download_bytes)",
                        )
                    handle.write(block)
        partial.replace(target)
    except urllib.error.HTTPError as exc:
        raise SitrepError(Errors.E046, url=url, reason=f"HTTP {exc.code} {exc.reason}") from exc
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", None) or exc
        raise SitrepError(Errors.E046, url=url, reason=reason) from exc
    finally:
        partial.unlink(missing_ok=True)
    return target


def import_geonames_dump(
    country: str,
    layer_dir: Path,
    base: Gazetteer,
    *,
    file: Path | None = None,
    url: str | None = None,
    base_url: str = GEONAMES_DUMP_URL,
    name: str | None = None,
    feature_classes: str = DEFAULT_FEATURE_CLASSES,
    timeout: float = 60.0,
    max_bytes: int = 500_000_000,
) -> tuple[LayerInfo, list[str]]:
    """Import a GeoNames country dump as layer ``geonames-<cc>`` (or ``name``).

    Reads ``file`` when given, else downloads ``url`` (default: ``XX.zip`` at
    ``base_url``) into a temporary folder. Returns the layer's info and the
    import warnings. See :func:`read_geonames_dump` and
    :func:`~sitrep.geo.layers.import_layer` for the method and the errors.
    """
    country = country.upper()
    if not re.fullmatch(r"[A-Z]{2}", country):
        raise SitrepError(Errors.E022, name="country", reason=f"{country!r} is no ISO alpha-2 code")
    layer_name = name or f"geonames-{country.lower()}"
    if file is not None:
        parsed = read_geonames_dump(Path(file), feature_classes=feature_classes)
        source = str(Path(file).resolve())
    else:
        source = url or dump_url(country, base_url)
        with tempfile.TemporaryDirectory(prefix="sitrep-dump-") as folder:
            path = download_dump(source, Path(folder), timeout=timeout, max_bytes=max_bytes)
            parsed = read_geonames_dump(path, feature_classes=feature_classes)
    foreign = [p for p in parsed.places if p.country and p.country != country]
    if foreign and len(foreign) == len(parsed.places):
        raise SitrepError(
            Errors.E040,
            path=parsed.path,
            reason=f"the dump holds no places of {country} (first: {foreign[0].country})",
        )
    parsed.places = [p for p in parsed.places if p.country in (None, country)]
    if foreign:
        parsed.warnings.append(
            f"{parsed.path}: {len(foreign)} row(s) of other countries left out (not {country})"
        )
    info = import_layer(
        parsed,
        layer_dir,
        base,
        name=layer_name,
        country=country,
        licence="CC BY 4.0",
        credit="GeoNames (geonames.org)",
        source=source,
    )
    return info, parsed.warnings
