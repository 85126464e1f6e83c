"""The store: many articles' reports in SQLite (default) or PostgreSQL, queried as flat rows.

``open_store(location)`` opens a SQLite file or a ``postgresql://`` URL
(created and migrated on open); :class:`Store` adds reports idempotently,
one transaction per document, and answers :class:`Query` filters over
events, deployments, claims, places and actors, as dicts or DataFrames.
"""

from sitrep.store.database import AddResult, Store, open_store
from sitrep.store.query import Query, parse_bbox

__all__ = ["AddResult", "Query", "Store", "open_store", "parse_bbox"]
