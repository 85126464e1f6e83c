"""Arguments of events and force postures: actors, places, times, counts.

Shared by :mod:`sitrep.nlp.events` and :mod:`sitrep.nlp.deployments`. Reads
what the earlier stages wrote on the Doc (actor spans, toponyms, time and
quantity spans) and the dependency parse; works with whatever is there (an
empty stage gives fewer arguments, never an error).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from spacy.attrs import DEP, HEAD
from spacy.tokens import Doc, Span, Token

from sitrep.nlp.actors import ActorCatalogue
from sitrep.nlp.extensions import (
    ACTORS_KEY,
    QUANTITIES_KEY,
    TIMES_KEY,
    Quantity,
    TimeValue,
    doc_memo,
    doc_text,
    token_strings,
)
from sitrep.nlp.quantities import parse_number
from sitrep.types import Span as TextSpan

#: Specificity of a place by its feature hint: lower is more specific.
SPECIFICITY = {
    "facility": 0,
    "neighbourhood": 1,
    "neighborhood": 1,
    "village": 2,
    "mountain": 2,
    "town": 3,
    "city": 4,
    "region": 5,
    "province": 5,
    "country": 6,
}
LOCATIVE_PREPS = frozenset(
    "in at near on around across throughout inside outside from into within along of "
    "towards toward to outskirts".split()
)
#: Verbs whose subject is a source, not a participant ("X said", "X reported").
REPORTING_VERBS = frozenset(
    "say tell report believe add state claim confirm announce explain note insist "
    "accuse affirm acknowledge argue assert".split()
)
#: "U.S.-backed fighters", "Britain-based monitor", "Daesh-held villages": a
#: name joined by a hyphen to one of these words qualifies a group; it is
#: not where anything happened.
_QUALIFIER_AFTER = re.compile(
    r"\.?\s?[-‐‑–]\s?(?:backed|based|led|held|allied|funded|linked|controlled|"
    r"supported|sponsored|affiliated|aligned|brokered|born|trained|armed|run|bound)\b",
    re.IGNORECASE,
)
#: Lemmas whose "from X" names where people or things came from, not where
#: something happened ("evacuated from", "fled from", "displaced from").
ORIGIN_WORDS = frozenset(
    "evacuate evacuee evacuation flee displace displaced escape return returnee "
    "come originate hail relocate transfer deport expel "
    # people "from X" came from there: "residents from the towns of X"
    "resident people family civilian villager refugee migrant worker pilgrim "
    "student passenger native".split()
)
#: Verbs whose direct object is the place left ("families who fled Aleppo").
LEAVING_VERBS = frozenset("flee leave escape evacuate abandon".split())
#: How far up the parse an origin phrase is looked for ("evacuated from the
#: northern towns of X": X -> of -> towns -> from -> evacuated).
_ORIGIN_DEPTH = 5
_ANAPHOR_DETS = frozenset("these those this that such the its their both".split())
_PRONOUNS = frozenset("they them it its their he him his she her".split())


@dataclass(slots=True)
class PlaceMention:
    """A toponym usable as an event's place: token range, text span, hints."""

    start: int
    end: int
    span: TextSpan
    feature_hint: str | None = None
    is_anchor: bool = False
    #: Named as where people came from ("evacuees from X"): see :func:`is_origin`.
    is_origin: bool = False

    @property
    def specificity(self) -> float:
        """Rank by feature hint (lower is more specific; unknown sits in the middle)."""
        return SPECIFICITY.get(self.feature_hint or "", 3.5)


@dataclass(slots=True)
class DocContext:
    """Everything the event and posture rules read from one Doc, indexed once."""

    doc: Doc
    catalogue: ActorCatalogue
    units: list[Span]
    actors: list[Span]
    places: list[PlaceMention]
    times: list[Span]
    quantities: list[Span]
    main_place: PlaceMention | None = None
    actor_at: dict[int, list[Span]] = field(default_factory=dict)
    unit_starts: list[int] | None = None
    #: ``(start, end, actor id)`` of each span of ``actor_at``, in the same
    #: order: read once (an extension attribute costs microseconds a read).
    actor_keys_at: dict[int, list[tuple[int, int, str]]] = field(default_factory=dict)

    @classmethod
    def build(cls, doc: Doc, catalogue: ActorCatalogue) -> DocContext:
        """Index the Doc's actor spans, toponyms, times and quantities."""
        spans = list(doc.spans[ACTORS_KEY]) if ACTORS_KEY in doc.spans else []
        actor_ids = {id(a): a._.sitrep_actor for a in spans}
        actors = [a for a in spans if actor_ids[id(a)]]
        times = list(doc.spans[TIMES_KEY]) if TIMES_KEY in doc.spans else []
        quantities = list(doc.spans[QUANTITIES_KEY]) if QUANTITIES_KEY in doc.spans else []
        context = cls(
            doc=doc,
            catalogue=catalogue,
            units=sentence_units(doc),
            actors=sorted(actors, key=lambda s: s.start),
            places=place_mentions(doc, actors),
            times=[t for t in times if isinstance(t._.sitrep_time, TimeValue)],
            quantities=[q for q in quantities if isinstance(q._.sitrep_quantity, Quantity)],
        )
        for span in context.actors:
            key = (span.start, span.end, actor_ids[id(span)])
            for i in range(span.start, span.end):
                context.actor_at.setdefault(i, []).append(span)
                context.actor_keys_at.setdefault(i, []).append(key)
        for place in context.places:
            # a country named without a feature hint is still the least specific
            if place.feature_hint is None and place.span.text.lower() in catalogue.state_names:
                place.feature_hint = "country"
            place.is_origin = is_origin(doc, place)
        # Where people came from ("evacuees from X") is not where the story is.
        context.main_place = main_place(
            [p for p in context.places if not p.is_origin] or context.places
        )
        return context

    def actors_on(self, indices: Iterable[int]) -> list[Span]:
        """Actor spans that start on one of ``indices`` (each once, in text order)."""
        wanted = set(indices)
        seen: dict[tuple[int, int, str], Span] = {}
        for i in sorted(wanted):
            spans = self.actor_at.get(i)
            if not spans:
                continue
            keys = self.actor_keys_at.get(i)
            if keys is None or len(keys) != len(spans):  # ``actor_at`` set by hand
                keys = [(s.start, s.end, s._.sitrep_actor) for s in spans]
            for key, span in zip(keys, spans, strict=True):
                seen.setdefault(key, span)
        return sorted(seen.values(), key=lambda s: s.start)

    def _unit_starts(self) -> list[int]:
        # Units are sorted and disjoint: their starts index them (built once).
        if self.unit_starts is None or len(self.unit_starts) != len(self.units):
            self.unit_starts = [u.start for u in self.units]
        return self.unit_starts

    def unit_of(self, token: Token) -> Span:
        """The sentence unit holding ``token``."""
        starts = self._unit_starts()
        position = bisect_right(starts, token.i) - 1
        if position >= 0 and token.i < self.units[position].end:
            return self.units[position]
        return token.sent

    def previous_unit(self, unit: Span) -> Span | None:
        """The unit before ``unit``, if any."""
        starts = self._unit_starts()
        position = bisect_left(starts, unit.start)
        if 0 < position < len(starts) and starts[position] == unit.start:
            return self.units[position - 1]
        return None

    def next_unit(self, unit: Span) -> Span | None:
        """The unit after ``unit``, if any."""
        starts = self._unit_starts()
        position = bisect_left(starts, unit.start)
        if position + 1 < len(starts) and starts[position] == unit.start:
            return self.units[position + 1]
        return None


def sentence_units(doc: Doc) -> list[Span]:
    """Sentences, split again at line breaks (headings and captions are their own units).

    spaCy's sentencizer joins a heading line to the next sentence; a line
    break is a hard boundary in news text. Whitespace at the edges is dropped.
    """
    units: list[Span] = []
    sents = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
    text = doc_text(doc)
    for sent in sents:
        start = sent.start
        # Most sentences hold no line break: skip the token walk for them
        # (the trailing whitespace of the last token counts too).
        end_char = sent.end_char + len(doc[sent.end - 1].whitespace_) if len(sent) else 0
        if "\n" not in text[sent.start_char : end_char]:
            units.append(sent)
            continue
        for token in sent:
            if "\n" in token.text or (token.i > start and "\n" in token.nbor(-1).whitespace_):
                if token.i > start:
                    units.append(doc[start : token.i])
                start = token.i + 1 if "\n" in token.text else token.i
        if start < sent.end:
            units.append(doc[start : sent.end])
    cleaned: list[Span] = []
    for unit in units:
        first, last = unit.start, unit.end - 1
        while first <= last and doc[first].is_space:
            first += 1
        while last >= first and doc[last].is_space:
            last -= 1
        if first <= last:
            cleaned.append(doc[first : last + 1])
    return cleaned


def is_heading(unit: Span, max_tokens: int = 6) -> bool:
    """True for a section heading or title line: short, no verb, no final stop."""
    # Every rule asks it of every unit: the answer is kept on the Doc.
    memo = doc_memo(unit.doc, "is_heading")
    key = (unit.start, unit.end, max_tokens)
    found: bool | None = memo.get(key)
    if found is None:
        found = memo[key] = _is_heading(unit, max_tokens)
    return found


def _is_heading(unit: Span, max_tokens: int) -> bool:
    if len(unit) > max_tokens:
        # count the words only as far as needed: long units are never headings
        words = 0
        for token in unit:
            words += not token.is_punct
            if words > max_tokens:
                return False
    if not any(not t.is_punct for t in unit):
        return False
    if unit[-1].text in (".", "!", "?", '"', ")"):
        return False
    return not any(t.pos_ in ("VERB", "AUX") and t.tag_ != "VBN" for t in unit)


def text_span(span: Span | Token) -> TextSpan:
    """A :class:`sitrep.types.Span` (character offsets) for a spaCy span or token."""
    if isinstance(span, Token):
        return TextSpan(span.idx, span.idx + len(span.text), span.text)
    start, end = span.start_char, span.end_char
    if span.start == span.end:
        return TextSpan(start, end, span.text)
    # Span.text joins its tokens; the Doc's text, built once, sliced is the same.
    return TextSpan(start, end, doc_text(span.doc)[start:end])


def place_mentions(doc: Doc, actors: Sequence[Span]) -> list[PlaceMention]:
    """Toponyms with role ``place`` as token ranges (NER places when there are none).

    The fallback on spaCy's GPE/LOC/FAC entities keeps events locatable
    while the toponym stage is absent; names taken as actors, and names
    that qualify a group by a hyphen ("U.S.-backed", "Britain-based"), are
    skipped.
    """
    actor_tokens = {i for a in actors for i in range(a.start, a.end)}
    found: list[PlaceMention] = []
    toponyms = list(doc._.sitrep_toponyms)
    # An anchor of a relative phrase ("Hamdania, west of the city") is only a
    # reference point when it is named right there, not elsewhere in the text.
    anchors = {
        (t.anchor.start, t.anchor.end)
        for t in toponyms
        if t.anchor is not None and abs(t.anchor.start - t.span.end) <= 60
    }
    text = doc_text(doc)
    for toponym in toponyms:
        if toponym.role != "place":
            continue
        if _QUALIFIER_AFTER.match(text, toponym.span.end):
            continue  # "U.S.-backed fighters": a qualifier, not a location
        if any(
            toponym.span.start <= doc[i].idx < toponym.span.end
            for i in actor_tokens_at(doc, actor_tokens, toponym.span.start, toponym.span.end)
        ):
            continue  # used as an actor here ("Russia withdrew")
        span = doc.char_span(toponym.span.start, toponym.span.end, alignment_mode="expand")
        if span is None:
            continue
        found.append(
            PlaceMention(
                start=span.start,
                end=span.end,
                span=toponym.span,
                feature_hint=toponym.feature_hint,
                is_anchor=(toponym.span.start, toponym.span.end) in anchors,
            )
        )
    if not toponyms:
        for ent in doc.ents:
            if ent.label_ in ("GPE", "LOC", "FAC") and not any(
                i in actor_tokens for i in range(ent.start, ent.end)
            ):
                found.append(PlaceMention(ent.start, ent.end, text_span(ent)))
    return sorted(found, key=lambda p: p.start)


def actor_tokens_at(doc: Doc, actor_tokens: set[int], start: int, end: int) -> list[int]:
    """Indices of actor tokens whose text lies within characters ``start:end``."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return []
    return [i for i in range(span.start, span.end) if i in actor_tokens]


def main_place(places: Sequence[PlaceMention]) -> PlaceMention | None:
    """The article's main place: its most named non-country toponym (first mention).

    Limits: counts surface forms, so spelling variants split the vote.
    """
    candidates = [p for p in places if p.feature_hint != "country"] or list(places)
    if not candidates:
        return None
    counts = Counter(p.span.text.lower() for p in candidates)
    best = max(counts.values())
    return next(p for p in candidates if counts[p.span.text.lower()] == best)


def noun_phrase(token: Token) -> list[int]:
    """Token indices of the phrase a noun heads, with its "of" complements.

    "the leaders of Iranian forces" -> all of it; relative clauses and other
    prepositions are left out (they carry other arguments).
    """
    indices = list(range(token.left_edge.i, token.i + 1))
    for child in token.rights:
        if child.dep_ in ("prep",) and child.lower_ == "of":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    indices += [i for i in noun_phrase(obj)]
                    indices += [i for c in conjuncts(obj) for i in noun_phrase(c)]
        elif child.dep_ in ("amod", "compound", "appos") or (
            child.dep_ in ("prep", "acl") and child.lower_ in ("loyal", "backed")
        ):
            indices += list(range(child.i, child.right_edge.i + 1))
    return indices


def conjuncts(token: Token) -> list[Token]:
    """The tokens coordinated with ``token`` ("X and Y" -> [Y]), depth-first."""
    out: list[Token] = []
    for child in token.children:
        if child.dep_ == "conj":
            out.append(child)
            out += conjuncts(child)
    return out


def group_actors(context: DocContext, token: Token) -> list[Span]:
    """Actors named by ``token``'s phrase and its coordinated phrases.

    An anaphor ("these forces", "them", "the two parties") is resolved to
    the actors named just before it.
    """
    found: list[Span] = []
    for head in [token, *conjuncts(token)]:
        here = context.actors_on(noun_phrase(head))
        if not here and is_anaphor(head, context.catalogue.anaphor_nouns):
            here = resolve_anaphor(context, head)
        found += [s for s in here if s not in found]
    return found


def is_anaphor(token: Token, nouns: frozenset[str] | None = None) -> bool:
    """A pronoun, or a common noun with a demonstrative ("these forces", "both sides").

    A proper name is never an anaphor: "the Observatory said" names a
    monitor, it does not point back to the last armed actor; nor is a bare
    count ("two men"). With ``nouns`` (the actor lexicon's nouns of armed
    groups and sides), a common noun must be one of them: "the outskirts",
    "the city" point back to no actor.
    """
    if token.lower_ in _PRONOUNS:
        return True
    if token.pos_ == "PROPN":
        return False
    if nouns is not None and token.lower_ not in nouns and token.lemma_.lower() not in nouns:
        return False
    dets = [c.lower_ for c in token.children if c.dep_ in ("det", "poss", "nummod", "predet")]
    # "the two parties" points back; "two men" (a bare count) does not
    return any(d in _ANAPHOR_DETS for d in dets) and all(
        d in _ANAPHOR_DETS or d == "two" for d in dets
    )


def resolve_anaphor(context: DocContext, token: Token) -> list[Span]:
    """Actors an anaphor points back to, searching this unit then the previous one.

    "the two parties" / "both sides" take the last two distinct sides;
    others the last armed actor. Limits: no gender or number agreement.
    """
    unit = context.unit_of(token)
    previous = context.previous_unit(unit)
    window_start = previous.start if previous is not None else unit.start
    before = [a for a in context.actors if window_start <= a.start and a.end <= token.i]
    armed = [a for a in before if context.catalogue.is_armed(a._.sitrep_actor)]
    if not armed:
        return []
    cat = context.catalogue
    words = {c.lower_ for c in token.children} | {token.lower_}
    if words & {"two", "both", "parties", "sides"}:
        sides: list[Span] = []
        for span in reversed(armed):
            if not any(cat.same_side(span._.sitrep_actor, s._.sitrep_actor) for s in sides):
                sides.append(span)
            if len(sides) == 2:
                break
        # Name each side by its first mention in the window ("Iranian forces"
        # rather than the "militias loyal to them" named after them).
        named: list[Span] = []
        for side in reversed(sides):
            same = [a for a in armed if cat.same_side(a._.sitrep_actor, side._.sitrep_actor)]
            states = [a for a in same if cat.kind(a._.sitrep_actor) == "state"]
            named.append((states or same)[0])
        return named
    if token.lemma_.lower() in ("militia", "proxy", "group", "faction"):
        preferred = [a for a in armed if cat.kind(a._.sitrep_actor) == "militia"]
    else:
        preferred = [a for a in armed if cat.kind(a._.sitrep_actor) != "militia"]
    return [(preferred or armed)[-1]]


def clause_head(token: Token) -> Token:
    """The verb heading the clause that holds ``token`` (or the root)."""
    current = token
    while current.pos_ not in ("VERB", "AUX") and current.head.i != current.i:
        current = current.head
    return current


_CLAUSE_DEPS = frozenset("ccomp relcl advcl parataxis acl xcomp csubj".split())


def clause_tokens(token: Token) -> tuple[int, ...]:
    """Indices of the clause around ``token`` minus embedded clauses and sources.

    Leaves out nested clauses that do not hold the token (relative clauses,
    reported speech, coordinated clauses), "according to X", and the subject
    of a reporting verb. The answer depends on the parse only: it is kept
    on the Doc (``user_data``) for the next rule that asks.
    """
    cache = doc_memo(token.doc, "clause_tokens")
    found: tuple[int, ...] | None = cache.get(token.i)
    if found is None:
        found = cache[token.i] = _clause_tokens(token)
    return found


def _clause_tokens(token: Token) -> tuple[int, ...]:
    head = clause_head(token)
    doc = token.doc
    heads, starts, children, deps = _parse_arrays(doc)
    # The token and its ancestors, read from the heads array.
    holding = {token.i}
    current, steps = token.i, 0
    while heads[current] != current and steps < len(heads):
        current = heads[current]
        holding.add(current)
        steps += 1
    skip: set[int] = set()
    # The head's subtree, walked over the children lists (no Token built
    # but for a nested clause, whose edges are read from the parse).
    stack = [head.i]
    while stack:
        index = stack.pop()
        stack.extend(children[starts[index] : starts[index + 1]])
        if index in holding or index == head.i:
            continue
        dep = deps[index]
        if dep in _CLAUSE_DEPS or (dep == "conj" and doc[index].pos_ in ("VERB", "AUX")):
            other = doc[index]
            skip.update(range(other.left_edge.i, other.right_edge.i + 1))
    for child in head.children:
        holds = child.left_edge.i <= token.i <= child.right_edge.i
        if child.dep_ == "prep" and child.lower_ == "according":
            skip.update(range(child.left_edge.i, child.right_edge.i + 1))
        if child.dep_ == "nsubj" and head.lemma_.lower() in REPORTING_VERBS and not holds:
            skip.update(range(child.left_edge.i, child.right_edge.i + 1))
    return tuple(i for i in range(head.left_edge.i, head.right_edge.i + 1) if i not in skip)


def _parse_arrays(doc: Doc) -> tuple[list[int], list[int], list[int], list[str]]:
    """Each token's head index, its children and its dependency label, read
    from arrays once per Doc (kept on it).

    The children of token ``i`` are ``children[starts[i] : starts[i + 1]]``
    (in text order): two flat lists rather than a list per token.
    """
    memo = doc_memo(doc, "parse_arrays")
    found: tuple[list[int], list[int], list[int], list[str]] | None = memo.get("arrays")
    if found is None:
        heads = [i + offset for i, offset in enumerate(doc.to_array(HEAD).astype("int64").tolist())]
        starts = [0] * (len(heads) + 1)
        for i, head in enumerate(heads):
            if head != i:
                starts[head + 1] += 1
        for i in range(len(heads)):
            starts[i + 1] += starts[i]
        children = [0] * starts[-1]
        free = starts[:-1]
        for i, head in enumerate(heads):
            if head != i:
                children[free[head]] = i
                free[head] += 1
        found = memo["arrays"] = (heads, starts, children, token_strings(doc, DEP))
    return found


def in_clause_of(token: Token, other: Token) -> bool:
    """True when ``other`` is among :func:`clause_tokens` of ``token``.

    The same answer (on projective parses) without listing the clause: a
    walk from ``other`` up to the clause's verb that fails on crossing a
    nested clause, "according to" or a reporting verb's subject (the cost
    of the walk, not of the sentence, for each place tested).
    """
    head = clause_head(token)
    if not head.left_edge.i <= other.i <= head.right_edge.i:
        return False
    holding = {token.i, *[a.i for a in token.ancestors]}
    current = other
    while current != head:
        if current.head.i == current.i:
            return False  # another root: not inside this clause's verb
        if current.i not in holding and (
            current.dep_ in _CLAUSE_DEPS
            or (current.dep_ == "conj" and current.pos_ in ("VERB", "AUX"))
        ):
            return False
        if current.head == head and current.i not in holding:
            if current.dep_ == "prep" and current.lower_ == "according":
                return False
            if current.dep_ == "nsubj" and head.lemma_.lower() in REPORTING_VERBS:
                return False
        current = current.head
    return True


def phrase_without_clauses(token: Token) -> set[int]:
    """Indices of ``token``'s subtree minus relative and other nested clauses."""
    return set(_phrase_without_clauses(token))


def _phrase_without_clauses(token: Token) -> frozenset[int]:
    # The answer depends on the parse only, and the place rules ask it of
    # the same clause heads again and again: kept on the Doc.
    cache = doc_memo(token.doc, "phrase_without_clauses")
    found: frozenset[int] | None = cache.get(token.i)
    if found is None:
        indices = set(range(token.left_edge.i, token.right_edge.i + 1))
        for other in token.subtree:
            if other != token and other.dep_ in _CLAUSE_DEPS:
                indices -= set(range(other.left_edge.i, other.right_edge.i + 1))
        found = cache[token.i] = frozenset(indices)
    return found


def attached_places(
    context: DocContext, token: Token, *, strict: bool = False
) -> list[PlaceMention]:
    """Places in locative phrases hanging on ``token``, its head or its clause verb.

    A place named as the token's own direct object counts too ("warplanes
    pounded Idlib"), and so does a locative phrase on that object ("killed
    18 fighters in X") when it comes before the verb's own.

    With ``strict``, only the token's own phrases and, when it is the subject
    or object of a verb, that verb's. Nested clauses inside a locative phrase
    ("on most fronts, where the headquarters is in Y") and origins
    (:func:`is_origin`: "evacuees from X") are left out.
    """
    holders = [token]
    if token.head.i != token.i and (not strict or token.dep_ in ("nsubj", "nsubjpass", "dobj")):
        holders.append(token.head)
    head = clause_head(token)
    if head not in holders and not strict:
        holders.append(head)
    for holder in holders:
        indices: set[int] = set()
        object_indices: set[int] = set()
        for child in holder.children:
            if child.dep_ in ("prep", "agent") and child.lower_ in LOCATIVE_PREPS:
                indices |= _phrase_without_clauses(child)
            if child.dep_ in ("npadvmod", "advmod") and child.i > holder.i:
                indices |= _phrase_without_clauses(child)
            if child.dep_ != "dobj" or holder is not token:
                continue
            # "warplanes pounded Idlib": a place that is the verb's object
            # is where the act landed
            if any(p.start <= child.i < p.end for p in context.places):
                indices |= _phrase_without_clauses(child)
            # "kills 18 fighters in X" with the phrase on the object
            for grandchild in child.children:
                if grandchild.dep_ == "prep" and grandchild.lower_ in LOCATIVE_PREPS:
                    object_indices |= _phrase_without_clauses(grandchild)
        found = [p for p in context.places if p.start in indices and _usable(p)]
        on_object = [p for p in context.places if p.start in object_indices and _usable(p)]
        # The object's phrase comes first: a later phrase on the verb may
        # belong to a clause the parse joined to it ("Kills 18 Fighters in
        # X Advances in Y" in a headline).
        if on_object and (not found or on_object[0].start < found[0].start):
            return on_object
        if found:
            return found
    return []


def _usable(place: PlaceMention) -> bool:
    """A place that can say where something happened (no anchor, no origin)."""
    return not place.is_anchor and not place.is_origin


def is_origin(doc: Doc, place: PlaceMention) -> bool:
    """True when ``place`` is named as where someone came from.

    Method: from the place's head token, climb through ``pobj``/``prep`` and
    noun heads ("the towns of X") up to :data:`_ORIGIN_DEPTH` steps; a
    ``from`` whose head is an :data:`ORIGIN_WORDS` lemma, or the place being
    the object of a :data:`LEAVING_VERBS` verb, makes it an origin. Limits:
    reads the parse, so a misattached "from" is missed or over-read.
    """
    token = doc[place.start : place.end].root
    for _ in range(_ORIGIN_DEPTH):
        head = token.head
        if head.i == token.i:
            return False
        if token.dep_ == "dobj" and head.lemma_.lower() in LEAVING_VERBS:
            return True
        if head.dep_ == "prep" and head.lower_ == "from" and token.dep_ == "pobj":
            return _names_origin(head.head)
        if token.dep_ not in ("pobj", "prep", "compound", "appos", "conj", "nmod", "amod"):
            return False
        token = head
    return False


def origin_spans(doc: Doc) -> set[tuple[int, int]]:
    """Character spans of the toponyms named as origins (:func:`is_origin`).

    For the article-level choice of a main place
    (:func:`sitrep.report.build.main_place`), where the towns evacuees came
    from must not outvote the place they were attacked.
    """
    found: set[tuple[int, int]] = set()
    for toponym in doc._.sitrep_toponyms:
        span = doc.char_span(toponym.span.start, toponym.span.end, alignment_mode="expand")
        if span is None or toponym.role != "place":
            continue
        if is_origin(doc, PlaceMention(span.start, span.end, toponym.span)):
            found.add((toponym.span.start, toponym.span.end))
    return found


def _names_origin(word: Token) -> bool:
    """ "evacuated", "evacuees", or "thousands of evacuees" (the parse may hang
    "from X" on the count)."""
    words = [word, *(g for c in word.children if c.lower_ == "of" for g in c.children)]
    return any(w.lemma_.lower() in ORIGIN_WORDS or w.lower_ in ORIGIN_WORDS for w in words)


def most_specific(places: Sequence[PlaceMention]) -> PlaceMention | None:
    """The most specific place (feature hint), the first named on a tie."""
    if not places:
        return None
    return min(places, key=lambda p: (p.specificity, p.start))


def coordinated_places(doc: Doc, places: Sequence[PlaceMention]) -> list[PlaceMention]:
    """Places listed together ("the towns of X and Y"): one posture each.

    Method: a place whose last token is a ``conj`` of a token of another
    listed place. Returns [] when the places are not a list (then the most
    specific one is used).
    """
    listed: list[PlaceMention] = []
    for place in places:
        token = doc[place.end - 1]
        if token.dep_ != "conj":
            continue
        for other in places:
            if other is not place and other.start <= token.head.i < other.end:
                for item in (other, place):
                    if item not in listed:
                        listed.append(item)
    return sorted(listed, key=lambda p: p.start)


def time_for(context: DocContext, token: Token, unit: Span) -> Span | None:
    """The time expression of the event: in its clause, else a main-clause time of the unit.

    A time inside another clause ("..., which the regime took in 2016") is
    not taken for an event of the main clause.
    """
    in_unit = [t for t in context.times if unit.start <= t.start and t.end <= unit.end]
    if not in_unit:
        return None
    clause = set(clause_tokens(token))
    attached = [t for t in in_unit if t.start in clause]
    if not attached:
        attached = [t for t in in_unit if not any(a.dep_ in _CLAUSE_DEPS for a in t.root.ancestors)]
    if not attached:
        return None
    return min(attached, key=lambda t: abs(t.start - token.i))


def number_value(token: Token) -> int | None:
    """The integer a number token spells ("3,000", "five", "dozens" -> None).

    Read by the quantity stage's :func:`~sitrep.nlp.quantities.parse_number`
    (digits, separators and the number words of its lexicon).
    """
    parsed = parse_number(token.text)
    return parsed.value if parsed is not None else None


def count_of(token: Token) -> tuple[int | None, str | None, str | None]:
    """A head count read from the parse: ``(value, text, qualifier)`` for a noun.

    Used when the quantity stage gave nothing: the noun's ``nummod`` child
    and its ``quantmod``/``advmod`` hedge ("more than 3,000 elements").
    Years and other numbers not modifying the noun are never read.
    """
    for child in token.children:
        if child.dep_ == "nummod":
            value = number_value(child)
            if value is None:
                continue
            hedges = [c for c in child.children if c.dep_ in ("quantmod", "advmod")]
            hedges += [
                c
                for c in token.children
                if c.dep_ == "amod" and c.lower_ == "more" and c.i < child.i
            ]
            start = min([child.i, *[h.i for h in hedges]])
            qualifier = " ".join(t.text for t in token.doc[start : child.i]) or None
            return value, token.doc[start : child.i + 1].text, qualifier
    return None, None, None


#: Nouns of an unnamed settlement whose "of X" names the country it is in.
SETTLEMENT_NOUNS = frozenset("city town village capital port stronghold".split())


def country_of_settlement(doc: Doc, place: PlaceMention) -> bool:
    """True for a country named as the container of a settlement noun ("city of Syria").

    "The second largest city of Syria, which the regime took": the country
    says where an unnamed city lies, the city meant is named elsewhere
    (see :func:`settlement_meant`).
    """
    if place.feature_hint != "country":
        return False
    token = doc[place.start : place.end].root
    prep = token.head
    return (
        token.dep_ == "pobj"
        and prep.lower_ in ("of", "in")
        and prep.head.lemma_.lower() in SETTLEMENT_NOUNS
    )


def settlement_meant(
    doc: Doc, place: PlaceMention, earlier: Sequence[PlaceMention]
) -> PlaceMention | None:
    """The named place a "city of <country>" phrase stands for, or None.

    Method: when ``place`` is a country that only contains an unnamed
    settlement (:func:`country_of_settlement`), the last place below
    country level among ``earlier`` (the sentence's other places) that ends
    before it ("the city of Aleppo in the north of Syria, ..., the second
    largest city of Syria"). Limits: a city named only in an earlier
    sentence is not looked for.
    """
    if not country_of_settlement(doc, place):
        return None
    named = [p for p in earlier if p.end <= place.start and p.feature_hint != "country"]
    return named[-1] if named else None
