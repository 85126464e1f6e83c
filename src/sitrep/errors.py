"""sitrep's error catalogue: stable codes, messages that say what to do.

Every error a user can meet is listed here once, with a code (``E001``) that
stays stable across releases, so scripts and issue reports can refer to it.
"""

from __future__ import annotations

from enum import StrEnum


class Errors(StrEnum):
    """Messages, formatted with ``str.format``; the member name is the code."""

    E001 = "{item}: file is empty."
    E002 = "{item}: looks like a binary file ({reason}); give sitrep text, HTML, JSON or JSONL."
    E003 = "{item}: cannot decode the text as UTF-8 or a common legacy encoding ({reason})."
    E004 = "{item}: line {line} is not valid JSON ({reason}); the other lines are read."
    E005 = "{item}: record has no 'text' field (a JSONL/JSON record needs 'text')."
    E006 = "{item}: file is {size} bytes, over the limit of {limit} bytes (setting max_bytes)."
    E007 = "{item}: no such file or folder."
    E008 = "{item}: unsupported file type '{suffix}'; sitrep reads .txt, .html, .json and .jsonl."
    E009 = "{item}: '{value}' is not an ISO date (YYYY-MM-DD) for 'published'."
    E010 = "{item}: text looks like '{language}', not English; sitrep's pipeline is English-only."
    E011 = "{item}: extraction failed ({reason}). Please report this with the input."
    E012 = "{item}: expected a JSON object with a 'text' field (or a list of them), got {kind}."
    E013 = "{item}: field '{field}' must be a string, got {kind}."
    E014 = "{item}: folder holds no .txt, .html, .htm, .json or .jsonl files."
    E015 = "{item}: cannot read the file ({reason})."
    E016 = "{item}: no article text found in the HTML page."
    E020 = (
        "Cannot load the spaCy pipeline '{name}': {reason}. Install it with: pip install {package}"
    )
    E021 = "Unknown output format '{value}'; choose one of: {choices}."
    E022 = "Setting '{name}': {reason}."
    E023 = "Cannot read settings file {path}: {reason}."
    E024 = "Unknown table '{value}'; choose one of: {choices}."
    E025 = "Cannot write {path}: {reason}."
    E026 = "Cannot build sitrep's extractor: {reason}. Please report this."
    E030 = "Evaluation data not found at {path}; pass --data or set SITREP_EVAL_DIR."
    E031 = "The {name} evaluator is not available in this installation ({reason})."
    E040 = "Gazetteer file {path}: {reason}."
    E041 = "Gazetteer file {path}, line {line}: {reason}."
    E042 = (
        "Gazetteer index {path}: {reason}. Delete the file to have it rebuilt, "
        "or set gazetteer_dir to a writable folder."
    )
    # Gazetteer layers and GeoNames dumps (sitrep.geo.layers, sitrep.geo.dump): E043-E049.
    E043 = (
        "Gazetteer file {path}: no {missing} column among: {columns}. Accepted names "
        "(any case, punctuation ignored): {accepted}."
    )
    E044 = "Layer name '{name}': {reason}."
    E045 = "No gazetteer layer named '{name}' in {path}; 'sitrep gazetteer list' shows them."
    E046 = "Cannot download {url}: {reason}. Use --file with a dump downloaded by hand."
    # Store, ingest of URLs and feeds (sitrep.store, sitrep.ingest.web/feeds): E070-E089.
    E070 = "Cannot open the store {location}: {reason}."
    E071 = "PostgreSQL stores need psycopg: pip install 'sitrep[postgres]' ({reason})."
    E072 = (
        "The store {location} has schema version {found}, newer than this sitrep knows "
        "({known}); upgrade sitrep."
    )
    E073 = "Store {location}: migration {version} failed ({reason}); nothing of it was applied."
    E074 = (
        "{item}: a different text is already stored under the id '{doc_id}'; give the "
        "document another id (JSONL 'id') instead of overwriting the stored one."
    )
    E075 = "{item}: cannot store it ({reason}); nothing of it was stored."
    E076 = "{item}: not an http(s) URL."
    E077 = "{item}: cannot fetch it ({reason}); check the address and the network."
    E078 = "{item}: HTTP {status} {reason}."
    E079 = "{item}: too many redirects (more than {limit}), or a redirect loop."
    E080 = "{item}: the page is over the limit of {limit} bytes (setting max_bytes)."
    E081 = "{item}: content type '{content_type}' is neither HTML, plain text nor a feed."
    E082 = "{item}: not a readable RSS/Atom feed ({reason})."
    E083 = "{item}: feed entry has neither a fetchable link nor content ({reason})."
    E084 = "'{value}' is not a bounding box W,S,E,N in degrees ({reason})."
    E085 = "{path}, line {line}: not a failure record to retry ({reason})."
    E086 = "sitrep's corpus module (clustering, Dask) is not available here ({reason})."
    # Corpus: Dask scale-out (sitrep.corpus.distributed): E090-E094.
    E090 = (
        "Cannot reach the Dask scheduler at {address} ({reason}); start one "
        "('dask scheduler', then 'dask worker ADDRESS' on each machine) or give no address "
        "for a local cluster."
    )
    E091 = "Cannot start a local Dask cluster ({reason})."


class SitrepError(Exception):
    """An error with a catalogue code; ``str()`` gives ``[E001] message``."""

    def __init__(self, code: Errors, **details: object) -> None:
        self.code = code.name
        self.details = details
        self.message = code.value.format(**details)
        super().__init__(f"[{self.code}] {self.message}")


class InputError(SitrepError):
    """One input item cannot be read; the rest of a batch goes on."""
