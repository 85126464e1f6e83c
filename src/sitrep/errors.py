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


class SitrepError(Exception):
    """An error with a catalogue code; ``str()`` gives ``[E001] message``."""

    def __init__(self, code: Errors, **details: object) -> None:
        self.code = code.name
        self.details = details
        self.message = code.value.format(**details)
        super().__init__(f"[{self.code}] {self.message}")


class InputError(SitrepError):
    """One input item cannot be read; the rest of a batch goes on."""
