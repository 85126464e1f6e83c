"""Ingest: read files, folders and stdin into :class:`~sitrep.types.Document` records."""

from sitrep.ingest.byline import Byline, detect_byline
from sitrep.ingest.readers import (
    STDIN,
    SUPPORTED_SUFFIXES,
    decode_bytes,
    document_from_text,
    parse_published,
    read_sources,
)

__all__ = [
    "STDIN",
    "SUPPORTED_SUFFIXES",
    "Byline",
    "decode_bytes",
    "detect_byline",
    "document_from_text",
    "parse_published",
    "read_sources",
]
