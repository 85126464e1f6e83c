"""Find the author line (byline) at the top of a plain-text article.

News text pasted or exported as plain text often starts with the author's
name on its own line, sometimes with the place the story was filed from:
``By Jane Doe``, ``Jane Doe-Kyiv``, ``Jane Doe, Khartoum``. The author is not
a source of the article's claims, so the reader records the name and its span
on the :class:`~sitrep.types.Document` and the attribution stage keeps it out
of the speakers. The text itself is never changed, so offsets stay valid.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from sitrep.lexicons import load_lexicon
from sitrep.types import Span

#: Longest first line (in words, prefix and filing place included) taken as a byline.
MAX_BYLINE_WORDS = 6

# A line ending like a sentence, a headline question or a lead-in is no byline.
_FINAL_PUNCTUATION = tuple(".!?:;,\"'”’)…")
# Dashes that separate a name from the filing place: "Jane Doe - Kyiv", "Jane Doe—Kyiv".
_SPACED_DASH = re.compile(r"\s+[-–—]\s*|\s*[–—]\s*")
_WORD = re.compile(r"\S+")


@dataclass(frozen=True, slots=True)
class Byline:
    """An author line: the name(s), where they are, and the filing place if given."""

    name: str
    span: Span
    line: Span
    place: str | None = None


@dataclass(frozen=True, slots=True)
class _Vocabulary:
    prefixes: tuple[str, ...]
    particles: frozenset[str]
    not_name_words: frozenset[str]


@lru_cache(maxsize=4)
def _vocabulary(lang: str) -> _Vocabulary:
    data = load_lexicon("byline", lang)
    prefixes = sorted((p.lower() for p in data["prefixes"]), key=len, reverse=True)
    return _Vocabulary(
        prefixes=tuple(prefixes),
        particles=frozenset(p.lower() for p in data["particles"]),
        not_name_words=frozenset(w.lower() for w in data["not_name_words"]),
    )


def detect_byline(text: str, *, lang: str = "en") -> Byline | None:
    """Return the byline when the first non-blank line of ``text`` is one.

    Method: the first non-blank line must have at most
    :data:`MAX_BYLINE_WORDS` words, no digits, no sentence-final punctuation,
    and read as ``[By] Name Surname [and Name Surname]`` optionally followed
    by a filing place (``-City``, `` - City``, ``, City``). A name is 2–4
    capitalised words (lower-case particles such as ``al-`` or ``van``
    allowed); none of them may be a word of the ``byline`` lexicon's
    ``not_name_words`` (function words, news-desk words), which rejects
    title-case headlines and section titles. An all-capitals line counts
    only after a prefix ("BY JANE DOE").

    Limits: a heuristic. A hyphenated surname at the end of the line
    ("Mary Smith-Jones") is read as name plus filing place; a two- or
    three-word title-case headline made only of proper names
    ("Kyiv Kharkiv Odesa") can pass.
    """
    vocab = _vocabulary(lang)
    match = re.search(r"\S[^\n]*", text)
    if match is None:
        return None
    line_start = match.start()
    line = match.group().rstrip()
    words = line.split()
    if not words or len(words) > MAX_BYLINE_WORDS:
        return None
    if line.endswith(_FINAL_PUNCTUATION) or any(ch.isdigit() for ch in line):
        return None
    body_start = _after_prefix(line, vocab.prefixes)
    has_prefix = body_start > 0
    letters = [ch for ch in line if ch.isalpha()]
    if not has_prefix and letters and all(ch.isupper() for ch in letters):
        return None
    name_end, place = _split_place(line, body_start, vocab)
    name_text = line[body_start:name_end]
    if not _is_name_list(name_text, vocab, allow_caps=has_prefix):
        return None
    # Offsets are taken in the original text; the name is a slice of the line.
    lead = len(name_text) - len(name_text.lstrip())
    name = name_text.strip()
    start = line_start + body_start + lead
    span = Span(start, start + len(name), name)
    return Byline(
        name=name,
        span=span,
        line=Span(line_start, line_start + len(line), line),
        place=place,
    )


def _after_prefix(line: str, prefixes: tuple[str, ...]) -> int:
    """Offset just after a byline prefix ("By ") in ``line``, or 0."""
    lowered = line.lower()
    for prefix in prefixes:
        if lowered.startswith(prefix + " "):
            return len(prefix) + 1
    return 0


def _split_place(line: str, body_start: int, vocab: _Vocabulary) -> tuple[int, str | None]:
    """Where the name part ends in ``line``, and the filing place if any."""
    body = line[body_start:]
    if "," in body:
        cut = body.index(",")
        place = body[cut + 1 :].strip()
        if _is_place(place, vocab):
            return body_start + cut, place
        return len(line), None
    dashes = list(_SPACED_DASH.finditer(body))
    if dashes:
        last = dashes[-1]
        place = body[last.end() :].strip()
        if _is_place(place, vocab):
            return body_start + last.start(), place
        return len(line), None
    words = list(_WORD.finditer(body))
    last_word = words[-1].group() if words else ""
    if len(words) >= 2 and "-" in last_word:
        head, _, tail = last_word.rpartition("-")
        # "Omar al-Hassan" is a name with a particle, not "Omar al" filed from "Hassan".
        if head.lower() not in vocab.particles and _is_place(tail, vocab):
            return body_start + words[-1].start() + len(head), tail
    return len(line), None


def _is_place(text: str, vocab: _Vocabulary) -> bool:
    # Place names may hold words a person's name may not ("Gaza City", "North Darfur").
    words = text.split()
    return 1 <= len(words) <= 3 and all(
        _is_name_word(w, vocab, allow_caps=True, check_words=False) for w in words
    )


def _is_name_list(text: str, vocab: _Vocabulary, *, allow_caps: bool) -> bool:
    names = re.split(r"\s+(?:and|&)\s+", text.strip(), flags=re.IGNORECASE)
    return all(_is_name(name, vocab, allow_caps=allow_caps) for name in names)


def _is_name(text: str, vocab: _Vocabulary, *, allow_caps: bool) -> bool:
    words = text.split()
    if not 2 <= len(words) <= 4:
        return False
    if words[-1].endswith("."):
        return False
    capitalised = [w for w in words if w.lower() not in vocab.particles]
    if len(capitalised) < 1:
        return False
    return all(_is_name_word(w, vocab, allow_caps=allow_caps) for w in words)


def _is_name_word(
    word: str, vocab: _Vocabulary, *, allow_caps: bool, check_words: bool = True
) -> bool:
    """A capitalised name word, an initial, a particle, or ``al-Name``."""
    lowered = word.lower()
    if check_words and lowered in vocab.not_name_words:
        return False
    if lowered in vocab.particles:
        return True
    if re.fullmatch(r"[A-Z]\.", word):
        return True
    parts = word.split("-")
    if len(parts) > 1 and parts[0].lower() in vocab.particles:
        parts = parts[1:]
    for part in parts:
        core = part.replace("'", "").replace("’", "")
        if not core or not core.isalpha() or not core[0].isupper():
            return False
        if not allow_caps and len(core) > 1 and core.isupper():
            return False
    return True
