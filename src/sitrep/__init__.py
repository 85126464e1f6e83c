"""sitrep: conflict reporting in, a sourced and geolocated situation picture out.

>>> import sitrep
>>> report = sitrep.extract(text, published="2019-07-01", outlet="Al Jazeera")
>>> report.to_geojson()

Heavy resources (the spaCy pipeline, the gazetteer) load on first use, never
at import time; even spaCy itself is imported only when the API is first used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sitrep.types import (
    Actor,
    Claim,
    Deployment,
    Document,
    Event,
    Place,
    Relation,
    Report,
    Span,
    Toponym,
)

if TYPE_CHECKING:
    from sitrep.api import Extractor, extract

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "Claim",
    "Deployment",
    "Document",
    "Event",
    "Extractor",
    "Place",
    "Relation",
    "Report",
    "Span",
    "Toponym",
    "__version__",
    "extract",
]


def __getattr__(name: str) -> Any:
    # The API pulls in spaCy; load it when first asked for, so that
    # `sitrep --version` and imports of the record types stay fast.
    if name in ("Extractor", "extract"):
        from sitrep import api

        return getattr(api, name)
    raise AttributeError(f"module 'sitrep' has no attribute {name!r}")
