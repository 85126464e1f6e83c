"""sitrep: conflict reporting in, a sourced and geolocated situation picture out.

>>> import sitrep
>>> report = sitrep.extract(text, published="2019-07-01", outlet="Al Jazeera")
>>> report.to_geojson()

Heavy resources (the spaCy pipeline, the gazetteer) load on first use, never
at import time.
"""

from sitrep.api import Extractor, extract
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
