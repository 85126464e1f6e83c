"""Counts of people: casualties and force strengths.

The ``sitrep_quantities`` component writes ``doc.spans["sitrep_quantities"]``:
each span covers a hedge and a number ("at least 29", "more than 3,000",
"dozens", "between 10 and 15") and carries a
:class:`~sitrep.nlp.extensions.Quantity` with the counted noun (``unit``) and
a ``kind``:

============  ==============================================================
kind          when
============  ==============================================================
killed        a death word governs or follows the count ("29 rebels were
              killed", "killing 12", "the death toll rose to 45", "3 dead")
injured       "wounding 20", "20 injured", "injuring dozens"
casualties    "20 casualties" (killed and injured together, as reported)
displaced     "displacing 300 families", "2,000 refugees"
detained      "arrested 12 men", "40 hostages"
strength      a force noun without a casualty word ("more than 3,000 Iranian
              elements", "including about 250 officers", "a battalion of 400")
other         any other count of people ("500 families live there")
============  ==============================================================

Vague counts keep ``value=None`` with the word as ``qualifier`` ("dozens")
and the smallest and largest numbers it can mean in ``low``/``high`` (dozens:
24..99); :func:`conventional_count` gives the number coders conventionally
record for them. A range ("10 to 15") gives ``value`` = the low end (the
conservative reading) with ``low``/``high``. A count after "including" or
"among them" takes the kind of the count it belongs to, so "18 people
including five children" gives two ``killed`` quantities (the events stage
must not add them up).

What is never a count of people: years, dates and times (the ``sitrep_times``
spans and the NER ``DATE``/``TIME`` entities), money, percentages, distances
and other measures (``not_people_after``), labels ("Resolution 2254",
"Route 5", "Brigade 47": ``not_people_before``), ages ("25-year-old"),
phone numbers, and any number that counts a noun that is not a person noun
("six strikes", "two hospitals").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.attrs import IS_PUNCT, LIKE_NUM, LOWER, ORTH
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from sitrep.lexicons import load_lexicon
from sitrep.nlp.actors import ActorCatalogue
from sitrep.nlp.extensions import (
    QUANTITIES_KEY,
    TIMES_KEY,
    Quantity,
    register_extensions,
    token_strings,
)
from sitrep.nlp.time import doc_dateline

#: NER labels whose numbers are never counts of people.
NOT_PEOPLE_ENTITIES = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"})
#: Words between a count and the casualty word after it ("were killed").
_AUXILIARIES = frozenset(
    {
        "were", "was", "are", "is", "have", "has", "had", "been", "be", "being", "reportedly",
        "also", "later", "allegedly", "all", "both", "mostly", "others", "other", "more",
        "so", "far", "confirmed", "reported", "left", "lay", "now",
    }
)  # fmt: skip
#: Words between a casualty word and the count after it ("death toll rose to 45").
#: Verbs whose object says what befell the counted people ("sustained injuries").
_SUFFERING_VERBS = frozenset({"sustain", "suffer", "receive"})
#: Nouns whose verb carries a casualty count to its object ("the toll rose to 45").
_TOLL_NOUNS = frozenset({"toll", "tally"})
_LEFT_BRIDGES = frozenset(
    {
        "to", "of", "at", "the", "has", "have", "had", "risen", "rose", "climbed", "reached",
        "stood", "stands", "increased", "jumped", "hit", "is", "was", "now", "a", "an",
        "another", "further", "additional", "total", "leaving", "left",
    }
)  # fmt: skip
#: Vague words that count people only with a person noun ("several civilians").
_NEEDS_NOUN = frozenset({"several", "a few", "many", "numerous", "a number", "a handful"})
#: Clock-time shapes and numbers too long to be counts (phone numbers, ids).
_CLOCK_RE = re.compile(r"^\d{1,2}[:.]\d{2}$")


@dataclass(frozen=True, slots=True)
class ParsedNumber:
    """A number read from words or digits; ``value`` None for vague words."""

    value: int | None
    low: int | None = None
    high: int | None = None
    vague: str | None = None


@dataclass(frozen=True, slots=True)
class QuantityLexicon:
    """The words of ``data/<lang>/quantities.json``, ready for lookup."""

    units: dict[str, int]
    tens: dict[str, int]
    scales: dict[str, int]
    vague: dict[str, tuple[int | None, int | None]]
    conventional: dict[str, int]
    qualifiers: dict[str, str]
    casualty_words: dict[str, str]
    weak_casualty_words: frozenset[str]
    person_nouns: frozenset[str]
    force_nouns: frozenset[str]
    force_formations: frozenset[str]
    inclusion_words: tuple[tuple[str, ...], ...]
    not_people_before: frozenset[str]
    not_people_after: frozenset[str]

    @property
    def number_words(self) -> frozenset[str]:
        """Single words that may be part of a spelled-out number."""
        words = set(self.units) | set(self.tens) | set(self.scales)
        return frozenset(w for w in words if " " not in w)


def _phrases(words: Iterable[str]) -> tuple[tuple[str, ...], ...]:
    return tuple(sorted((tuple(w.lower().split()) for w in words), key=len, reverse=True))


@lru_cache(maxsize=8)
def _phrases_by_first_word(words: tuple[str, ...]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """:func:`_phrases` grouped by first word, longest first within each group."""
    grouped: dict[str, list[tuple[str, ...]]] = {}
    for phrase in _phrases(words):
        grouped.setdefault(phrase[0], []).append(phrase)
    return {first: tuple(group) for first, group in grouped.items()}


@lru_cache(maxsize=8)
def quantity_lexicon(lang: str = "en") -> QuantityLexicon:
    """Load the quantities lexicon for ``lang`` (cached)."""
    raw = load_lexicon("quantities", lang)
    vague = {k.lower(): (v.get("low"), v.get("high")) for k, v in raw["vague"].items()}
    conventional = {
        k.lower(): int(v["conventional"]) for k, v in raw["vague"].items() if "conventional" in v
    }
    return QuantityLexicon(
        units={k.lower(): int(v) for k, v in raw["units"].items()},
        tens={k.lower(): int(v) for k, v in raw["tens"].items()},
        scales={k.lower(): int(v) for k, v in raw["scales"].items()},
        vague=vague,
        conventional=conventional,
        qualifiers={k.lower(): str(v) for k, v in raw["qualifiers"].items()},
        casualty_words={k.lower(): str(v) for k, v in raw["casualty_words"].items()},
        weak_casualty_words=frozenset(w.lower() for w in raw["weak_casualty_words"]),
        person_nouns=frozenset(w.lower() for w in raw["person_nouns"]),
        force_nouns=frozenset(w.lower() for w in raw["force_nouns"]),
        force_formations=frozenset(w.lower() for w in raw["force_formations"]),
        inclusion_words=_phrases(raw["inclusion_words"]),
        not_people_before=frozenset(w.lower() for w in raw["not_people_before"]),
        not_people_after=frozenset(w.lower() for w in raw["not_people_after"]),
    )


# ------------------------------------------------------------------ number parser

_NUMBER_TOKEN_RE = re.compile(r"^\d[\d,.]*$")
#: Bound of the per-recognizer memo of words that may start a number.
_MAX_REMEMBERED_WORDS = 100_000
_DIGITS_RE = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+$")
_DOTTED_THOUSANDS_RE = re.compile(r"^\d{1,3}(?:\.\d{3})+$")
_DECIMAL_RE = re.compile(r"^\d+(?:\.\d+)?$")
_RANGE_RE = re.compile(
    r"^(?:between\s+)?(?P<low>.+?)\s*(?:\s(?:to|and|or)\s|-|–|—)\s*(?P<high>.+)$"
)


def parse_number(text: str, lang: str = "en") -> ParsedNumber | None:
    """Read a count written in digits or words; None when it is not one.

    Method: digits with thousands separators ("3,000", "3.000"), decimals
    with a scale ("1.5 million", "2k"), spelled-out numbers ("twenty-five",
    "one hundred and twenty", "a dozen", "two dozen"), vague words
    ("dozens", "tens of thousands": value None, ``low``/``high`` from the
    lexicon) and ranges ("10-15", "between 10 and 15": value = low end).
    Limits: English words only; a decimal without a scale ("1.5") and
    negative numbers are not counts (None); never raises on odd input.
    """
    lex = quantity_lexicon(lang)
    norm = re.sub(r"\s+", " ", text.strip().lower().replace("\u00a0", " "))
    if not norm or len(norm) > 80 or not norm[0].isalnum():
        return None
    single = _parse_single(norm, lex)
    if single is not None:
        return single
    m = _RANGE_RE.match(norm)
    if m:
        low = _parse_single(m["low"].strip(), lex)
        high = _parse_single(m["high"].strip(), lex)
        if (
            low is not None
            and high is not None
            and low.value is not None
            and high.value is not None
        ) and low.value < high.value:
            return ParsedNumber(low.value, low.value, high.value)
    return None


def _parse_single(norm: str, lex: QuantityLexicon) -> ParsedNumber | None:
    if norm in lex.vague:
        low, high = lex.vague[norm]
        return ParsedNumber(None, low, high, vague=norm)
    if _DIGITS_RE.match(norm):
        return ParsedNumber(int(norm.replace(",", "")))
    if _DOTTED_THOUSANDS_RE.match(norm):
        return ParsedNumber(int(norm.replace(".", "")))
    m = re.match(r"^(\d+(?:\.\d+)?)\s*([a-z]+)$", norm)
    if m and m[2] in lex.scales:
        value = float(m[1]) * lex.scales[m[2]]
        return ParsedNumber(round(value)) if value == int(value) else None
    return _parse_words(norm, lex)


def _parse_words(norm: str, lex: QuantityLexicon) -> ParsedNumber | None:
    words = [w for w in re.split(r"[\s-]+", norm) if w and w != "and"]
    if not words:
        return None
    if words[0] in ("a", "an") and len(words) > 1:
        words[0] = "one"
    total, current, seen = 0, 0, False
    last_kind = ""  # "unit", "tens", "scale": "one two" and "twenty thirty" are not numbers
    index = 0
    while index < len(words):
        word = words[index]
        pair = " ".join(words[index : index + 2])
        if pair in lex.units and " " in pair:
            current += lex.units[pair]
            index += 2
            seen = True
            continue
        if word in ("dozen",):
            current = (current or 1) * 12
        elif word in lex.units:
            if last_kind == "unit":
                return None
            current += lex.units[word]
            last_kind = "unit"
        elif word in lex.tens:
            if last_kind in ("unit", "tens"):
                return None
            current += lex.tens[word]
            last_kind = "tens"
        elif _DECIMAL_RE.match(word.replace(",", "")) and not seen:
            number = float(word.replace(",", ""))
            nxt = words[index + 1] if index + 1 < len(words) else ""
            if number != int(number) and nxt not in lex.scales:
                return None
            current += int(number) if number == int(number) else 0
            if number != int(number):
                total += round(number * lex.scales[nxt])
                index += 2
                seen = True
                continue
        elif word == "hundred":
            current = (current or 1) * 100
            last_kind = "scale"
        elif word in lex.scales:
            total += (current or 1) * lex.scales[word]
            current = 0
            last_kind = "scale"
        else:
            return None
        seen = True
        index += 1
    value = total + current
    return ParsedNumber(value) if seen else None


def conventional_count(quantity: Quantity, lang: str = "en") -> int | None:
    """The number to record for ``quantity``: its value, else a convention.

    For vague counts the lexicon's ``conventional`` number of the word is
    used when it has one (e.g. "dozens" 12), else the smallest number the
    word can mean (``low``). None when nothing is known.
    """
    if quantity.value is not None:
        return quantity.value
    lex = quantity_lexicon(lang)
    word = (quantity.qualifier or "").lower()
    if word in lex.conventional:
        return lex.conventional[word]
    return quantity.low


# ----------------------------------------------------------------------- finding


@dataclass(slots=True)
class _Candidate:
    start: int  # token index of the number phrase (after any qualifier)
    end: int
    span_start: int  # including the qualifier
    number: ParsedNumber
    qualifier: str | None


@Language.factory("sitrep_quantities", assigns=["doc.spans"], default_config={"lang": "en"})
def make_quantities(nlp: Language, name: str, lang: str) -> QuantityRecognizer:
    """Create the sitrep_quantities component (lexicons for ``lang``)."""
    return QuantityRecognizer(lang=lang)


def _takes_lives(verb: Token) -> bool:
    """ "lost their lives", "claimed the lives of": a weak verb made a death by its object."""
    return verb.pos_ in ("VERB", "AUX") and any(
        c.dep_ == "dobj" and c.lemma_.lower() == "life" for c in verb.children
    )


class QuantityRecognizer:
    """Write ``doc.spans["sitrep_quantities"]``: counts of people and their kind.

    Method: number phrases (digits, number words, vague words, ranges) with
    the hedge before them are found token by token; numbers inside dates,
    times, money, measures and labels are dropped; the counted noun is the
    number's head in the dependency parse or the person noun after it; the
    kind comes, in this order, from the counted noun itself ("casualties"),
    the casualty word just after ("8 persons killed") or just before
    ("killing 12", "death toll rose to 45"), the count it is included in
    ("including 250 officers"), then the dependency path up from the count
    to the clause verb; with no casualty word a force noun gives
    ``strength`` and a person noun ``other``. Limits: English; one kind per
    count; counts of people with no person noun and no casualty word are
    not kept ("500 were there").
    """

    def __init__(self, lang: str = "en") -> None:
        register_extensions()
        self.lang = lang
        self.lexicon = quantity_lexicon(lang)
        # built once: the property rebuilds the set on every call
        self.number_words = self.lexicon.number_words | {"dozen"}
        #: Nationality nouns count people: "Two Israelis were shot dead".
        self._nationals = frozenset(ActorCatalogue.load(lang).demonyms)
        self._scale_words = frozenset(self.lexicon.scales) | {"dozen"}
        #: Whether a word may start a number, by its text (the test depends on
        #: the word alone: its lower case and lexical flags come from its text).
        self._number_starts: dict[str, bool] = {}
        # longest first, as the lexicon's phrases are tried (built once)
        self._qualifier_phrases = [
            (phrase.split(), canonical)
            for phrase, canonical in sorted(
                self.lexicon.qualifiers.items(), key=lambda kv: -len(kv[0])
            )
        ]

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    # ---------------------------------------------------------------- match

    def match(self, doc: Doc) -> list[tuple[Span, Quantity]]:
        """Find the counts of people in ``doc`` and their quantities."""
        blocked = self._blocked_tokens(doc)
        found: list[tuple[Span, Quantity]] = []
        for candidate in self._number_phrases(doc, blocked):
            quantity = self._classify(doc, candidate, found)
            if quantity is not None:
                found.append((doc[candidate.span_start : candidate.end], quantity))
        found += self._single_victims(doc, blocked, found)
        found.sort(key=lambda pair: pair[0].start)
        return found

    def _single_victims(
        self, doc: Doc, blocked: set[int], found: list[tuple[Span, Quantity]]
    ) -> list[tuple[Span, Quantity]]:
        """One person killed or injured, told with "a"/"an": "A woman was killed".

        Method: "a"/"an" determining a singular person noun (at most one
        word between: "a young girl") whose next word, past auxiliaries, is
        a death or injury word ("was killed", "died", "was wounded"), or
        that is the object of one ("a sniper killed a soldier"). Counts 1
        of that kind; the span covers the article and the noun. The object
        of a preposition or the subject of a verb with an object is a doer
        ("alongside a militia has killed 70"), never counted. Limits: "a man
        who was later killed" is not counted.
        """
        covered = {i for span, _ in found for i in range(span.start, span.end)}
        out: list[tuple[Span, Quantity]] = []
        for index, lower in enumerate(token_strings(doc, LOWER)):
            if lower not in ("a", "an") or index in blocked or index in covered:
                continue
            det = doc[index]
            noun = det.head
            if det.dep_ != "det" or not 0 < noun.i - index <= 2 or noun.tag_ != "NN":
                continue
            if not self._is_person(noun) or self._noun_key(noun) in ("number", "other"):
                continue
            if noun.dep_ == "dobj" and noun.head.pos_ == "VERB":
                # "a sniper killed a soldier": the victim is the object
                kind = self._casualty_kind(noun.head, strong_only=True)
            elif noun.dep_ == "pobj" or (
                noun.dep_ == "nsubj" and any(c.dep_ == "dobj" for c in noun.head.children)
            ):
                continue  # "alongside a militia has killed 70": a doer, not a victim
            else:
                kind = self._right_kind(doc, noun.i + 1)
            if kind in ("killed", "injured"):
                quantity = Quantity(value=1, kind=kind, qualifier=None, unit=noun.text)
                out.append((doc[index : noun.i + 1], quantity))
        return out

    def _blocked_tokens(self, doc: Doc) -> set[int]:
        blocked: set[int] = set()
        for ent in doc.ents:
            if ent.label_ in NOT_PEOPLE_ENTITIES:
                if ent.end < len(doc) and self._is_person(doc[ent.end]):
                    continue  # "Between 10 and 15 people" tagged as a DATE
                # The model sometimes swallows a count into a date
                # ("2016 40 Civilians"): a number right before a person noun stays.
                blocked.update(
                    t.i
                    for t in ent
                    if not (t.i + 1 < len(doc) and t.like_num and self._is_person(doc[t.i + 1]))
                )
        dateline = doc_dateline(doc, self.lang)
        if dateline is not None:
            span = doc.char_span(dateline.start, dateline.end, alignment_mode="expand")
            if span is not None:
                blocked.update(range(span.start, span.end))
        if TIMES_KEY in doc.spans:
            for span in doc.spans[TIMES_KEY]:
                blocked.update(range(span.start, span.end))
        return blocked

    def _is_number_token(self, token: Token) -> bool:
        lower = token.lower_
        if lower in self.number_words:
            return True
        return bool(_NUMBER_TOKEN_RE.match(token.text)) or (
            token.like_num and not token.is_punct and lower not in ("first", "second")
        )

    def _number_phrases(self, doc: Doc, blocked: set[int]) -> Iterable[_Candidate]:
        lex = self.lexicon
        vague_phrases = _phrases_by_first_word(tuple(lex.vague))
        index = 0
        n = len(doc)
        # Most words are no number: decide that from strings and flags read
        # from arrays, once per distinct word, and build Tokens only where a
        # number may start.
        texts, lowers = token_strings(doc, ORTH), token_strings(doc, LOWER)
        flags: list[list[int]] | None = None
        starts = self._number_starts
        if len(starts) > _MAX_REMEMBERED_WORDS:
            starts.clear()  # a long-running process meets ever new words
        while index < n:
            if index in blocked:
                index += 1
                continue
            text = texts[index]
            may_start = starts.get(text)
            if may_start is None:
                if flags is None:
                    flags = doc.to_array([LIKE_NUM, IS_PUNCT]).tolist()
                like_num, is_punct = flags[index]
                lower_text = lowers[index]
                may_start = starts[text] = not (
                    lower_text not in vague_phrases
                    and lower_text not in self.number_words
                    and lower_text not in ("a", "an")
                    and not _NUMBER_TOKEN_RE.match(text)
                    and not (like_num and not is_punct)
                )
            if not may_start:
                index += 1
                continue
            token = doc[index]
            start = index
            end = self._vague_end(doc, index, vague_phrases)
            if end is None and self._is_number_token(token):
                end = index + 1
                # "twenty - five", "one hundred and twenty", "1.5 million", "two dozen"
                while end < n and end not in blocked:
                    nxt = doc[end]
                    if self._is_number_token(nxt) and not nxt.text[0].isdigit():
                        # "1.5 million", "two dozen", but never "2016 Sixteen".
                        if doc[end - 1].text[0].isdigit() and nxt.lower_ not in self._scale_words:
                            break
                        end += 1
                    elif (
                        nxt.text in ("-", "and")
                        and end + 1 < n
                        and self._is_number_token(doc[end + 1])
                        and not doc[end + 1].text[0].isdigit()
                        and not doc[end - 1].text[0].isdigit()
                    ):
                        end += 2
                    else:
                        break
            elif (
                end is None
                and token.lower_ in ("a", "an")
                and index + 1 < n
                and doc[index + 1].lower_ in ("dozen", "hundred", "thousand", "million")
            ):
                end = index + 2  # "a dozen", "a hundred", "a thousand"
            if end is None:
                index += 1
                continue
            end = self._extend_range(doc, start, end, blocked)
            text = doc[start:end].text
            if start > 0 and doc[start - 1].lower_ == "between":
                start -= 1
                text = doc[start:end].text
            parsed = parse_number(text, self.lang)
            if parsed is None:
                index = end
                continue
            span_start, qualifier = self._qualifier(doc, start)
            yield _Candidate(start, end, span_start, parsed, qualifier)
            index = end

    def _vague_end(
        self, doc: Doc, index: int, phrases: dict[str, tuple[tuple[str, ...], ...]]
    ) -> int | None:
        # Called on every token: look only at the phrases that start with it.
        for words in phrases.get(doc[index].lower_, ()):
            end = index + len(words)
            if end <= len(doc) and all(
                doc[i].lower_ == word for i, word in enumerate(words, start=index)
            ):
                return end
        return None

    def _extend_range(self, doc: Doc, start: int, end: int, blocked: set[int]) -> int:
        """Take in "to 15", "- 15", "and 15" (after "between"), "or 15"."""
        if end + 1 >= len(doc) or not doc[start].text[0].isalnum():
            return end
        joiner = doc[end].lower_
        nxt = doc[end + 1]
        after_between = start > 0 and doc[start - 1].lower_ == "between"
        allowed = joiner in ("to", "-", "–", "or") or (joiner == "and" and after_between)
        if allowed and end + 1 not in blocked and self._is_number_token(nxt):
            return end + 2
        # spaCy keeps "10-15" as one token sometimes; parse_number reads it.
        return end

    def _qualifier(self, doc: Doc, start: int) -> tuple[int, str | None]:
        best: tuple[int, str | None] = (start, None)
        if start == 0:
            return best
        before = doc[start - 1].lower_
        for words, canonical in self._qualifier_phrases:
            begin = start - len(words)
            # the last word first: most phrases fail on it, no slice built
            if begin >= 0 and words[-1] == before and [t.lower_ for t in doc[begin:start]] == words:
                return begin, canonical
        return best

    # ------------------------------------------------------------- classify

    def _noun_key(self, token: Token) -> str:
        return token.lemma_.lower() if token.lemma_ else token.lower_

    def _is_person(self, token: Token) -> bool:
        lex = self.lexicon
        keys = {token.lower_, self._noun_key(token), token.lower_.rstrip("s")}
        if keys & (lex.person_nouns | lex.force_nouns):
            return True
        # "two Israelis", "five Syrians": a plural of a nationality
        text = token.text
        return (
            text[:1].isupper()
            and text.endswith("s")
            and (text in self._nationals or text[:-1] in self._nationals)
        )

    def _is_force(self, token: Token) -> bool:
        keys = {token.lower_, self._noun_key(token), token.lower_.rstrip("s")}
        return bool(keys & self.lexicon.force_nouns)

    def _casualty_kind(self, token: Token, strong_only: bool = False) -> str | None:
        lex = self.lexicon
        for key in (token.lower_, self._noun_key(token)):
            kind = lex.casualty_words.get(key)
            if kind is not None:
                if strong_only and key in lex.weak_casualty_words and not _takes_lives(token):
                    return None
                return kind
        return None

    def _counted_noun(self, doc: Doc, cand: _Candidate) -> tuple[Token | None, Token | None]:
        """The person noun the number counts, else the other noun it counts."""
        last = doc[cand.end - 1]
        head = last.head
        other: Token | None = None
        if (
            last.dep_ in ("nummod", "quantmod", "amod", "compound", "nmod")
            and head.i >= cand.end
            and head.i - cand.end <= 6
            and head.pos_ in ("NOUN", "PROPN", "ADJ", "PRON")
        ):
            if self._is_person(head):
                return head, None
            if head.pos_ in ("NOUN", "PROPN"):
                other = head
        # "dozens of civilians", "30 of them", or a person noun just after.
        index = cand.end
        if index < len(doc) and doc[index].lower_ == "of":
            index += 1
        limit = min(len(doc), index + 6)
        while index < limit:
            token = doc[index]
            if token.tag_ in ("DT", "PRP$") and index > cand.end:
                index += 1  # "one of their tanks", "30 of the fighters"
                continue
            if self._is_person(token) and token.pos_ in ("NOUN", "PROPN", "ADJ", "PRON", "VERB"):
                return token, None
            if token.pos_ not in ("ADJ", "PROPN", "NOUN", "NUM", "ADV") and token.text != "-":
                break
            if token.pos_ in ("NOUN", "PROPN") and other is None and not token.ent_type_:
                other = token
            index += 1
        # "a battalion of 400", "a force of 500": the noun before "of".
        if other is None and cand.span_start >= 2 and doc[cand.span_start - 1].lower_ == "of":
            before = doc[cand.span_start - 2]
            if self._noun_key(before) in self.lexicon.force_formations or self._is_force(before):
                return before, other
        return None, other

    def _right_kind(self, doc: Doc, after: int) -> str | None:
        index = after
        limit = min(len(doc), after + 4)
        while index < limit and doc[index].lower_ in _AUXILIARIES:
            index += 1
        if index < len(doc):
            token = doc[index]
            if token.pos_ in ("VERB", "ADJ", "NOUN", "AUX", "PROPN"):
                kind = self._casualty_kind(token, strong_only=True)
                if kind is None and token.lemma_.lower() in _SUFFERING_VERBS:
                    # "100 others sustained injuries", "suffered wounds"
                    for child in token.children:
                        if child.dep_ == "dobj":
                            return self._casualty_kind(child, strong_only=True)
                return kind
        return None

    def _left_kind(self, doc: Doc, before: int, explicit_noun: bool) -> str | None:
        index = before - 1
        limit = max(-1, before - 5)
        while index > limit and doc[index].lower_ in _LEFT_BRIDGES:
            index -= 1
        if index <= limit or index < 0:
            return None
        token = doc[index]
        if token.pos_ not in ("VERB", "NOUN", "ADJ", "AUX", "PROPN"):
            return None
        return self._casualty_kind(token, strong_only=not explicit_noun)

    def _inclusion(self, doc: Doc, cand: _Candidate, noun: Token | None) -> bool:
        for words in self.lexicon.inclusion_words:
            begin = cand.span_start - len(words)
            if begin >= 0 and tuple(t.lower_ for t in doc[begin : cand.span_start]) == words:
                return True
        after = tuple(t.lower_ for t in doc[cand.end : cand.end + 2])
        if after in (("of", "them"), ("of", "whom")):
            return True
        # "five children and two women": a count joined to the one before it.
        return cand.span_start > 0 and doc[cand.span_start - 1].lower_ in ("and", ",", "&")

    def _toll_kind(self, number: Token) -> str | None:
        """The kind a toll gives the bare number it reaches, however far its subject.

        "The death toll in Saturday's car bomb attack on buses in X rose to
        112": the number hangs on "to" (or "at", or is the verb's object or
        attribute: "the toll reached 45", "the toll is 45") of a verb whose
        subject or object is a toll noun ("toll", "tally": "bringing the
        death toll to 30") — or "the number of dead".
        The toll noun's own kind decides ("death toll" and "toll" are deaths).
        """
        head = number.head
        if head.lower_ in ("to", "at") and head.dep_ == "prep":
            verb = head.head
        elif number.dep_ in ("dobj", "attr", "npadvmod", "oprd"):
            verb = head
        else:
            return None
        if verb.pos_ not in ("VERB", "AUX"):
            return None
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not subjects and verb.dep_ == "conj":
            subjects = [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        # "bringing the death toll to 30", "police put the toll at 16"
        subjects += [c for c in verb.children if c.dep_ == "dobj"]
        for subject in subjects:
            if subject.lemma_.lower() in _TOLL_NOUNS:
                for child in subject.children:
                    if child.dep_ in ("compound", "amod"):
                        kind = self._casualty_kind(child, strong_only=True)
                        if kind is not None:
                            return kind
                return "killed"
            if subject.lemma_.lower() == "number":
                # "the number of dead rose to 45"
                for prep in subject.children:
                    if prep.dep_ == "prep" and prep.lower_ == "of":
                        for obj in prep.children:
                            kind = self._casualty_kind(obj, strong_only=True)
                            if kind is not None:
                                return kind
        return None

    def _tree_kind(self, start: Token) -> str | None:
        node = start
        for _ in range(5):
            for child in node.children:
                if child.dep_ in ("acl", "amod", "relcl", "oprd") and child.i > node.i:
                    kind = self._casualty_kind(child, strong_only=True)
                    if kind:
                        return kind
            if node.head == node:
                return None
            node = node.head
            kind = self._casualty_kind(node, strong_only=node.pos_ != "NOUN")
            if kind:
                return kind
            if node.pos_ in ("VERB", "AUX"):
                # "were shot dead", "were found dead": the verb's complement
                # tells the death
                for child in node.children:
                    if child.dep_ in ("oprd", "acomp") and child.lower_ == "dead":
                        return self._casualty_kind(child, strong_only=True)
                return None
        return None

    def _classify(
        self, doc: Doc, cand: _Candidate, found: list[tuple[Span, Quantity]]
    ) -> Quantity | None:
        lex = self.lexicon
        first, last = doc[cand.span_start], doc[cand.end - 1]
        before = doc[cand.span_start - 1] if cand.span_start > 0 else None
        after = doc[cand.end] if cand.end < len(doc) else None
        if before is not None and before.lower_.rstrip(".") in lex.not_people_before:
            return None
        if after is not None:
            after_key = after.lower_
            if after_key in ("-", "–") and cand.end + 1 < len(doc):
                after_key = doc[cand.end + 1].lower_
            if after_key in lex.not_people_after or after_key.startswith("year"):
                return None
            if after.text in (":", "/") or after.like_url:
                return None
        if before is not None and before.text in ("$", "€", "£", "#", "+", "/", ":"):
            return None
        value = cand.number.value
        text = doc[cand.start : cand.end].text
        if _CLOCK_RE.match(text) or (value is not None and value > 10_000_000):
            return None
        digits = re.sub(r"\D", "", text)
        if len(digits) >= 8 and "," not in text:
            return None  # phone numbers, ids
        if value == 0:
            return None
        noun, other = self._counted_noun(doc, cand)
        if noun is None and other is not None:
            return self._unknown_noun_quantity(doc, cand, other)
        if value is not None and 1900 <= value <= 2100 and noun is None:
            return None  # a year
        if (
            "." in text
            and cand.number.vague is None
            and not re.search(r"[a-z]", text.lower())
            and not re.fullmatch(r"\d{1,3}(\.\d{3})+", text)
        ):
            return None  # a decimal is not a head count
        vague = cand.number.vague
        if vague in _NEEDS_NOUN and noun is None:
            return None  # "killed many" says nothing countable
        kind = self._kind(doc, cand, noun, found)
        if kind is None:
            return None
        qualifier = cand.qualifier
        if vague is not None:
            qualifier = f"{qualifier} {vague}" if qualifier else vague
        unit = noun.text if noun is not None and noun.i >= cand.end else None
        if unit is None and noun is not None and noun.i < cand.start:
            unit = noun.text
        del first, last
        number = cand.number
        return Quantity(
            value=number.value,
            kind=kind,
            qualifier=qualifier,
            unit=unit,
            low=number.low,
            high=number.high,
        )

    def _unknown_noun_quantity(self, doc: Doc, cand: _Candidate, noun: Token) -> Quantity | None:
        """A count of a noun outside the person lists ("killing 30 Alawites").

        Kept only when a casualty verb stands right before the count, or
        right after a plural proper noun ("5 Syrians killed"): "six strikes
        killed ..." must not count people.
        """
        kind = self._left_kind(doc, cand.span_start, explicit_noun=False)
        if kind is None and noun.tag_ == "NNPS":
            kind = self._right_kind(doc, noun.i + 1)
        if kind is None or kind == "casualties":
            return None
        number = cand.number
        qualifier = cand.qualifier
        if number.vague is not None:
            qualifier = f"{qualifier} {number.vague}" if qualifier else number.vague
        return Quantity(number.value, kind, qualifier, noun.text, number.low, number.high)

    def _kind(
        self,
        doc: Doc,
        cand: _Candidate,
        noun: Token | None,
        found: list[tuple[Span, Quantity]],
    ) -> str | None:
        if noun is not None:
            own = self._casualty_kind(noun)
            if own is not None and noun.lower_ not in ("body", "bodies"):
                return own
        after_index = noun.i + 1 if noun is not None and noun.i >= cand.end else cand.end
        if noun is not None and after_index < len(doc) and doc[after_index].lower_ == "of":
            after_index = cand.end  # "members of ..." : the noun's own modifier
        kind = self._right_kind(doc, after_index)
        if kind is None and noun is None:
            kind = self._right_kind(doc, cand.end)
        if kind is None:
            kind = self._left_kind(doc, cand.span_start, explicit_noun=noun is not None)
        if kind is None and self._inclusion(doc, cand, noun):
            sentence = doc[cand.start].sent
            previous = [
                (span, q)
                for span, q in found
                if span.start >= sentence.start and cand.span_start - span.end <= 12
            ]
            if previous:
                kind = previous[-1][1].kind
        if kind is None and noun is None:
            kind = self._toll_kind(doc[cand.end - 1])
        if kind is None:
            kind = self._tree_kind(noun if noun is not None else doc[cand.end - 1])
            if kind is not None and noun is None:
                # Implicit people need the count itself next to the verb.
                verb_side = doc[cand.end - 1].head
                if self._casualty_kind(verb_side) is None:
                    kind = None
        if kind is not None:
            return kind
        if noun is None:
            return None
        if self._is_force(noun) or self._noun_key(noun) in self.lexicon.force_formations:
            return "strength"
        return "other"

    # --------------------------------------------------------- annotations

    def set_annotations(self, doc: Doc, found: list[tuple[Span, Quantity]]) -> None:
        """Store the spans under ``doc.spans["sitrep_quantities"]`` with their values."""
        spans = []
        for span, quantity in found:
            span._.sitrep_quantity = quantity
            spans.append(span)
        doc.spans[QUANTITIES_KEY] = spans


def quantities_of(doc: Doc, kinds: Iterable[str] | None = None) -> list[tuple[Span, Quantity]]:
    """The ``(span, Quantity)`` pairs sitrep_quantities wrote on ``doc``, by kind."""
    wanted = set(kinds) if kinds is not None else None
    pairs: list[tuple[Span, Quantity]] = []
    for span in doc.spans.get(QUANTITIES_KEY, []):
        quantity: Any = span._.sitrep_quantity
        if isinstance(quantity, Quantity) and (wanted is None or quantity.kind in wanted):
            pairs.append((span, quantity))
    return pairs
