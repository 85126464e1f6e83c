"""Lexicons as data: load sitrep's package data files by name and language.

Actor lists, cue verbs, event triggers, weapons and transliteration rules live
in ``sitrep/data/<lang>/<name>.json`` (language-independent ones in
``sitrep/data/<name>.json``) and are loaded with :mod:`importlib.resources`.
A user directory given in the settings (``lexicon_dir``) is looked at first,
so users can edit a copy without touching the package.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

_override_dir: Path | None = None


def set_lexicon_dir(path: Path | None) -> None:
    """Look for lexicon files in ``path`` before the packaged ones."""
    global _override_dir
    _override_dir = path
    load_lexicon.cache_clear()


@lru_cache(maxsize=64)
def load_lexicon(name: str, lang: str = "en") -> Any:
    """Return the parsed JSON lexicon ``name`` for ``lang``.

    Lookup order: ``<lexicon_dir>/<lang>/<name>.json``,
    ``<lexicon_dir>/<name>.json``, then the same two inside the package.
    Raises FileNotFoundError naming every place looked at.
    """
    tried: list[str] = []
    if _override_dir is not None:
        for candidate in (_override_dir / lang / f"{name}.json", _override_dir / f"{name}.json"):
            tried.append(str(candidate))
            if candidate.is_file():
                return json.loads(candidate.read_text(encoding="utf-8"))
    root = resources.files("sitrep") / "data"
    for res in (root / lang / f"{name}.json", root / f"{name}.json"):
        tried.append(str(res))
        if res.is_file():
            return json.loads(res.read_text(encoding="utf-8"))
    raise FileNotFoundError(f"lexicon '{name}' not found; looked in: {', '.join(tried)}")
