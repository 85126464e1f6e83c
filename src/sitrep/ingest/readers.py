"""Read articles from files, folders and stdin into :class:`~sitrep.types.Document`.

:func:`read_sources` is the one entry point: it takes what a user names on the
command line and yields one :class:`Document` per article, or an
:class:`~sitrep.errors.InputError` for an item that cannot be read, so a batch
goes on past a bad file. Offsets in every later stage point into
``Document.text``: the decoded file text as is (a UTF-8 byte-order mark
dropped), the ``text`` field of a JSON record, or the text trafilatura
extracted from an HTML page.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO

from sitrep.errors import Errors, InputError
from sitrep.ingest.byline import detect_byline
from sitrep.settings import Settings
from sitrep.types import Document, Span

#: File suffixes sitrep reads, by reader.
TEXT_SUFFIXES = frozenset({".txt"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
JSON_SUFFIXES = frozenset({".json"})
JSONL_SUFFIXES = frozenset({".jsonl"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES

#: The name ``-`` stands for standard input.
STDIN = "-"

# Control characters that legitimately occur in text files.
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\v\x1b")
# Share of other control bytes above which a file is taken for binary.
_MAX_CONTROL_SHARE = 0.05
# Share of non-ASCII characters above which a cp1252 reading is taken for garbage:
# legacy-encoded European text is mostly ASCII with a few accented letters.
_MAX_LEGACY_NON_ASCII_SHARE = 0.3

_RECORD_FIELDS = ("id", "title", "published", "outlet", "url", "language", "byline")


@dataclass(frozen=True, slots=True)
class ReaderDefaults:
    """What the caller says for items that do not say it themselves.

    ``published`` and ``outlet`` fill in a document's publication date and
    outlet when the item (a plain text, an HTML page without the metadata, a
    record without the field) carries none; ``settings`` bounds what is read
    (``max_bytes``).
    """

    published: date | None = None
    outlet: str | None = None
    settings: Settings = field(default_factory=Settings)


def read_sources(
    paths: Iterable[str | Path],
    *,
    published: date | None = None,
    outlet: str | None = None,
    settings: Settings | None = None,
    stdin: BinaryIO | None = None,
) -> Iterator[Document | InputError]:
    """Yield a :class:`Document` per article found in ``paths``, or an error per bad item.

    Each path may be a ``.txt``, ``.html``/``.htm``, ``.json`` (one record or a
    list of records) or ``.jsonl`` file (one record per line), a folder (read
    recursively, in sorted order, supported suffixes only, hidden entries
    skipped), or ``-`` for standard input (JSONL when every non-empty line is a
    JSON object, else one plain text). A record has ``text`` and optionally
    ``id``, ``title``, ``published`` (ISO date), ``outlet``, ``url``,
    ``language`` and ``byline``.

    ``published`` and ``outlet`` fill in for items that carry none (plain text
    always; HTML and records when they lack the field). Document ids are the
    record's ``id``, else the file name (relative to a named folder), with
    ``:LINE`` for JSONL lines and ``:N`` for the N-th record of a JSON list.

    Errors are yielded, never raised (codes from :mod:`sitrep.errors`): empty
    (E001), binary (E002), undecodable (E003), broken JSON (E004), record
    without text (E005), over ``settings.max_bytes`` (E006 — for JSONL, per
    line), missing (E007), unsupported suffix (E008), bad ``published``
    (E009), not a record (E012), a field of the wrong type (E013), a folder
    without readable files (E014), unreadable file (E015), HTML without
    article text (E016).
    """
    defaults = ReaderDefaults(published, outlet, settings or Settings())
    for raw in paths:
        if str(raw) == STDIN:
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from _read_stdin(stream, defaults)
            continue
        path = Path(raw)
        if path.is_dir():
            yield from _read_folder(path, defaults)
        elif path.exists():
            yield from _read_file(path, path.name, defaults)
        else:
            yield InputError(Errors.E007, item=str(raw))


def parse_published(value: object, item: str) -> date | None:
    """An ISO date (``2019-07-01``, or a timestamp whose date part is used), or None.

    Raises :class:`InputError` E009 for anything else, including non-strings.
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            return datetime.fromisoformat(text).date()
        except ValueError:
            pass
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    raise InputError(Errors.E009, item=item, value=value)


def decode_bytes(data: bytes, item: str) -> str:
    """Decode file bytes to text, or raise :class:`InputError`.

    Method: refuse binary data (NUL bytes, or more than 5% control bytes:
    E002); decode UTF-16 when it starts with its byte-order mark; then UTF-8
    (a byte-order mark dropped); then cp1252, kept only when the result looks
    like text (no C0 control characters, at most 30% non-ASCII characters),
    else E003. Limits: other legacy encodings (cp1256, KOI8-R …) are refused
    rather than guessed.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(Errors.E003, item=item, reason=f"bad UTF-16: {exc.reason}") from exc
    if b"\x00" in data:
        raise InputError(Errors.E002, item=item, reason="it contains NUL bytes")
    sample = data[:65536]
    controls = sum(1 for byte in sample if byte < 0x20 and byte not in _TEXT_CONTROLS)
    if sample and controls / len(sample) > _MAX_CONTROL_SHARE:
        raise InputError(Errors.E002, item=item, reason=f"{controls} control bytes")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        utf8_error = f"not UTF-8 at byte {exc.start}"
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise InputError(Errors.E003, item=item, reason=utf8_error) from exc
    non_ascii = sum(1 for ch in text if not ch.isascii())
    if non_ascii / max(len(text), 1) > _MAX_LEGACY_NON_ASCII_SHARE:
        raise InputError(
            Errors.E003, item=item, reason=f"{utf8_error}; as cp1252 it reads as garbage"
        )
    return text


def document_from_text(
    text: str,
    item: str,
    *,
    published: date | None = None,
    outlet: str | None = None,
) -> Document:
    """A :class:`Document` for a plain text, with its byline detected.

    The text is kept as is (offsets stay valid); see
    :func:`~sitrep.ingest.byline.detect_byline` for what counts as a byline.
    """
    byline = detect_byline(text)
    return Document(
        id=item,
        text=text,
        outlet=outlet,
        published=published,
        byline=byline.name if byline else None,
        byline_span=byline.span if byline else None,
    )


def document_from_record(
    record: object, item: str, *, defaults: ReaderDefaults | None = None
) -> Document:
    """A :class:`Document` from one parsed JSON record, or raise :class:`InputError`.

    ``defaults`` fill in the outlet and publication date the record lacks.

    ``item`` names the record in messages and is its id when it has none.
    A given ``byline`` is located in the first 500 characters of the text when
    it appears there; without one, the byline is detected as for plain text.
    """
    if not isinstance(record, dict):
        raise InputError(Errors.E012, item=item, kind=type(record).__name__)
    defaults = defaults or ReaderDefaults()
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(Errors.E005, item=item)
    fields: dict[str, str | None] = {}
    for name in _RECORD_FIELDS:
        if name != "published":
            fields[name] = _optional_string(record.get(name), name, item)
    doc_id = fields["id"] or item
    published = parse_published(record.get("published"), doc_id)
    document = Document(
        id=doc_id,
        text=text,
        title=fields["title"],
        outlet=fields["outlet"] or defaults.outlet,
        published=published or defaults.published,
        url=fields["url"],
        language=fields["language"],
    )
    if fields["byline"]:
        document.byline = fields["byline"]
        document.byline_span = find_span(text, fields["byline"])
    else:
        found = detect_byline(text)
        if found is not None:
            document.byline, document.byline_span = found.name, found.span
    return document


def find_span(text: str, needle: str, *, within: int = 500) -> Span | None:
    """The first occurrence of ``needle`` in the first ``within`` characters, as a span."""
    needle = needle.strip()
    if not needle:
        return None
    start = text.find(needle, 0, within + len(needle))
    if start < 0:
        return None
    return Span(start, start + len(needle), needle)


def _optional_string(value: Any, name: str, item: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise InputError(Errors.E013, item=item, field=name, kind=type(value).__name__)
    text = str(value).strip()
    return text or None


def _read_folder(folder: Path, defaults: ReaderDefaults) -> Iterator[Document | InputError]:
    found = False
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if path.is_file() and path.suffix.lower() in SUPPORTED_SUFFIXES:
            found = True
            yield from _read_file(path, relative.as_posix(), defaults)
    if not found:
        yield InputError(Errors.E014, item=str(folder))


def _read_file(path: Path, item: str, defaults: ReaderDefaults) -> Iterator[Document | InputError]:
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        yield InputError(Errors.E008, item=item, suffix=suffix or "(none)")
        return
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl_file(path, item, defaults)
        return
    try:
        size = path.stat().st_size
        limit = defaults.settings.max_bytes
        if size > limit:
            raise InputError(Errors.E006, item=item, size=size, limit=limit)
        if size == 0:
            raise InputError(Errors.E001, item=item)
        data = _read_bytes(path, item)
        yield from _read_data(data, item, suffix, defaults)
    except InputError as error:
        yield error


def _read_bytes(path: Path, item: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(Errors.E015, item=item, reason=exc.strerror or exc) from exc


def _read_data(
    data: bytes, item: str, suffix: str, defaults: ReaderDefaults
) -> Iterator[Document | InputError]:
    """Documents from one whole file's bytes (not JSONL: that is read by line)."""
    text = decode_bytes(data, item)
    if not text.strip():
        raise InputError(Errors.E001, item=item)
    if suffix in HTML_SUFFIXES:
        yield document_from_html(text, item, defaults=defaults)
    elif suffix in JSON_SUFFIXES:
        yield from _records_from_json(text, item, defaults)
    else:
        yield document_from_text(text, item, published=defaults.published, outlet=defaults.outlet)


def document_from_html(
    html: str,
    item: str,
    *,
    published: date | None = None,
    outlet: str | None = None,
    defaults: ReaderDefaults | None = None,
) -> Document:
    """A :class:`Document` with id ``item`` from an HTML page, with trafilatura.

    ``published`` and ``outlet`` (else those of ``defaults``) stand in when
    the page's metadata gives no date or site name; the page's own win.

    Method: ``trafilatura.bare_extraction`` with metadata (Barbaresi,
    "Trafilatura: A Web Scraping Library and Command-Line Tool for Text
    Discovery and Extraction", ACL 2021) gives the main text, title, date,
    author and site name; the author becomes the byline, located in the
    extracted text when it appears near the top. ``Document.text`` is the
    extracted text, so offsets point into it, not into the HTML.
    Limits: pages trafilatura finds no main text in give E016.
    """
    import trafilatura  # heavy: imported only when an HTML file is read

    if defaults is not None:
        published = published or defaults.published
        outlet = outlet or defaults.outlet
    extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    text = getattr(extracted, "text", None) if extracted is not None else None
    if not isinstance(text, str) or not text.strip():
        raise InputError(Errors.E016, item=item)
    author = getattr(extracted, "author", None)
    try:
        page_date = parse_published(getattr(extracted, "date", None), item)
    except InputError:
        # A page's own date metadata is often malformed; fall back, never fail on it.
        page_date = None
    document = Document(
        id=item,
        text=text,
        title=getattr(extracted, "title", None) or None,
        outlet=getattr(extracted, "sitename", None) or outlet,
        published=page_date or published,
        url=getattr(extracted, "url", None) or None,
        language=getattr(extracted, "language", None) or None,
    )
    if isinstance(author, str) and author.strip():
        document.byline = author.strip()
        document.byline_span = find_span(text, document.byline)
    else:
        found = detect_byline(text)
        if found is not None:
            document.byline, document.byline_span = found.name, found.span
    return document


def _records_from_json(
    text: str, item: str, defaults: ReaderDefaults
) -> Iterator[Document | InputError]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(Errors.E004, item=item, line=exc.lineno, reason=exc.msg) from exc
    if isinstance(data, list):
        if not data:
            raise InputError(Errors.E001, item=item)
        for number, record in enumerate(data, start=1):
            try:
                yield document_from_record(record, f"{item}:{number}", defaults=defaults)
            except InputError as error:
                yield error
    else:
        yield document_from_record(data, item, defaults=defaults)


def _read_jsonl_file(
    path: Path, item: str, defaults: ReaderDefaults
) -> Iterator[Document | InputError]:
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield InputError(Errors.E015, item=item, reason=exc.strerror or exc)
        return
    with handle:
        yield from _read_jsonl_lines(handle, item, defaults)


def _read_jsonl_lines(
    lines: Iterable[bytes], item: str, defaults: ReaderDefaults
) -> Iterator[Document | InputError]:
    """One document per JSONL line; a bad line is an error naming its number."""
    limit = defaults.settings.max_bytes
    any_record = False
    for number, raw in enumerate(lines, start=1):
        where = f"{item}:{number}"
        if len(raw) > limit:
            yield InputError(Errors.E006, item=where, size=len(raw), limit=limit)
            any_record = True
            continue
        try:
            line = decode_bytes(raw, where)
        except InputError as error:
            yield error
            any_record = True
            continue
        if not line.strip():
            continue
        any_record = True
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(Errors.E004, item=item, line=number, reason=exc.msg)
            continue
        try:
            yield document_from_record(record, where, defaults=defaults)
        except InputError as error:
            yield error
    if not any_record:
        yield InputError(Errors.E001, item=item)


def _read_stdin(stream: BinaryIO, defaults: ReaderDefaults) -> Iterator[Document | InputError]:
    item = "stdin"
    limit = defaults.settings.max_bytes
    data = stream.read(limit + 1)
    if len(data) > limit:
        # Reading on would hold the whole stream in memory; say so instead.
        yield InputError(Errors.E006, item=item, size=f"more than {limit}", limit=limit)
        return
    if not data.strip():
        yield InputError(Errors.E001, item=item)
        return
    lines = data.splitlines(keepends=True)
    if _all_json_objects(lines):
        yield from _read_jsonl_lines(lines, item, defaults)
        return
    try:
        text = decode_bytes(data, item)
    except InputError as error:
        yield error
        return
    if not text.strip():
        yield InputError(Errors.E001, item=item)
        return
    yield document_from_text(text, item, published=defaults.published, outlet=defaults.outlet)


def _all_json_objects(lines: list[bytes]) -> bool:
    """True when every non-empty line parses as a JSON object (and there is one)."""
    seen = False
    for raw in lines:
        if not raw.strip():
            continue
        try:
            value = json.loads(raw)
        except (json.JSONDecodeError, UnicodeDecodeError):
            return False
        if not isinstance(value, dict):
            return False
        seen = True
    return seen
