"""Geocoding: an offline gazetteer and document-level toponym resolution."""

from sitrep.geo.gazetteer import Gazetteer
from sitrep.geo.resolve import GeoResolution, resolve_toponyms

__all__ = ["Gazetteer", "GeoResolution", "resolve_toponyms"]
