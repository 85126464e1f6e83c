"""Force postures (deployments, bases, headquarters, withdrawals) and control.

Read by :class:`PostureFinder` from the parse with the cue words of
``data/<lang>/deployment_cues.json``:

- postures: a role word ("deployed", "headquarters", "bases", "withdrew",
  "reinforcements", "there are N elements in Y") with its actor (subject,
  modifier, "of X", an anaphor such as "these forces" resolved backwards),
  its places (locative phrases; a list of places gives one posture each),
  its strength (a ``strength`` quantity, or the noun's number in the parse)
  and composition ("including about 250 officers");
- control: "under the control of X", "in the custody of X", "X's control of
  Y", "the military control of Y is for X", "X influence is limited to state
  institutions", "X took control of Y", with an ``extent`` (military,
  administrative, economic, influence).

A withdrawal is also an event (Strategic developments) in
:mod:`sitrep.nlp.events`: the posture says where forces left, the event says
that something happened. Limits: sentence-local apart from anaphors; a
posture with no place in its sentence is placed at the article's main place
with a low confidence, and says so.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.attrs import LEMMA, LOWER
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token

from sitrep.lexicons import load_lexicon
from sitrep.nlp.arguments import (
    DocContext,
    PlaceMention,
    attached_places,
    coordinated_places,
    count_of,
    group_actors,
    is_anaphor,
    is_heading,
    most_specific,
    noun_phrase,
    resolve_anaphor,
    settlement_meant,
    text_span,
    time_for,
)
from sitrep.nlp.extensions import doc_memo, token_strings
from sitrep.nlp.modality import modality_of
from sitrep.types import Deployment, Evidence

_COPULAS = frozenset("be become remain".split())
_CONTROL_VERBS = frozenset("control hold administer occupy".split())
_HAVING_VERBS = frozenset("have maintain operate keep run establish build set open use".split())


@dataclass(slots=True)
class Posture:
    """A posture or control statement before ids are given."""

    kind: str
    role: str
    trigger: Span
    unit: Span
    actor: Span | None
    place: PlaceMention | None
    place_rule: str
    rule: str
    reasons: list[str]
    strength: int | None = None
    strength_text: str | None = None
    strength_qualifier: str | None = None
    composition: str | None = None
    extent: str | None = None
    modality: str = "asserted"
    time: Span | None = None
    confidence: float = 0.6


class PostureFinder:
    """Find force postures and control statements in a processed Doc."""

    def __init__(self, nlp: Language, lang: str = "en") -> None:
        cues = load_lexicon("deployment_cues", lang)
        self.role_words: dict[str, str] = {}
        self.role_phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        for role, words in cues["roles"].items():
            for word in words:
                if len(nlp.make_doc(word)) == 1:
                    self.role_words.setdefault(word.lower(), role)
                else:
                    self.role_phrases.add(role, [nlp.make_doc(word)])
        self.control_words = frozenset(w.lower() for w in cues["control_words"])
        self.control_phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.control_lemmas = Matcher(nlp.vocab)
        # The same lemma sequences for a PhraseMatcher, which finds them
        # several times faster than the token Matcher on a lemmatised Doc.
        self.control_lemma_phrases = PhraseMatcher(nlp.vocab, attr="LEMMA")
        for phrase in cues["control_phrases"]:
            self.control_phrases.add("control", [nlp.make_doc(phrase)])
            self.control_lemmas.add(
                "control", [[{"LEMMA": t.lower_} for t in nlp.make_doc(phrase)]]
            )
            words = [t.text for t in nlp.make_doc(phrase)]
            if words:
                lemmas = [w.lower() for w in words]
                self.control_lemma_phrases.add(
                    "control", [Doc(nlp.vocab, words=words, lemmas=lemmas)]
                )
        self.extent_words = {k: frozenset(v) for k, v in cues["extent"].items()}
        self.composition_cues = tuple(cues["composition_cues"])
        self.civilian_camp_words = frozenset(w.lower() for w in cues.get("civilian_camp_words", []))

    def find(self, context: DocContext) -> list[Deployment]:
        """Every posture and control statement of the Doc, with ids ``d1`` …"""
        doc = context.doc
        if not doc.has_annotation("DEP"):
            return []
        postures: list[Posture] = []
        for unit in context.units:
            if is_heading(unit):
                continue
            postures += self._control(context, unit)
            postures += self._roles(context, unit)
        return [self._record(f"d{n}", p, context) for n, p in enumerate(_dedupe(postures), 1)]

    # -- control -------------------------------------------------------------

    def _control_hits(self, doc: Doc) -> list[tuple[int, int]]:
        """Control phrases of the whole Doc, matched once and cached on it (sorted)."""
        memo = doc_memo(doc, "postures")
        if "control_hits" not in memo:
            hits = {(s, e) for _, s, e in self.control_phrases(doc)}
            # Without lemmas the token Matcher raises spaCy's own error.
            lemma_matcher = (
                self.control_lemma_phrases if doc.has_annotation("LEMMA") else self.control_lemmas
            )
            hits |= {(s, e) for _, s, e in lemma_matcher(doc)}
            memo["control_hits"] = sorted(hits)
        cached: list[tuple[int, int]] = memo["control_hits"]
        return cached

    def _control(self, context: DocContext, unit: Span) -> list[Posture]:
        doc = context.doc
        out: list[Posture] = []
        used: set[int] = set()
        hits = self._control_hits(doc)
        # Hits are sorted: those starting in the unit are one run of them.
        begin = bisect_left(hits, (unit.start, unit.start))
        stop = bisect_left(hits, (unit.end, unit.end))
        for start, end in hits[begin:stop]:
            if not (unit.start <= start and end <= unit.end) or start in used:
                continue
            used.update(range(start, end))
            phrase = doc[start:end]
            last = phrase[-1]
            actors: list[Span] = []
            place: PlaceMention | None = None
            place_rule = "none"
            if last.lower_ in ("of", "by", "to"):
                obj = next((c for c in last.children if c.dep_ == "pobj"), None)
                if obj is None and last.i + 1 < len(doc):
                    obj = _next_noun_head(doc, last.i + 1)
                if obj is not None:
                    actors = group_actors(context, obj)
                place, place_rule = self._control_place(context, unit, phrase, exclude=actors)
            else:  # "took control (of Y)"
                verb = phrase.root if phrase.root.pos_ == "VERB" else phrase[0]
                subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                if subject is None and verb.dep_ == "relcl":
                    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
                if subject is not None:
                    actors = group_actors(context, subject)
                place, place_rule = self._of_place(context, phrase[-1])
                if place is None:
                    place, place_rule = self._control_place(context, unit, phrase, actors)
            for actor in _distinct(actors)[:2] or []:
                out.append(
                    self._control_posture(
                        context, unit, phrase, actor, place, place_rule, "control.phrase"
                    )
                )
        # Words as strings from one array: a Token is built only for control words.
        lowers = token_strings(doc, LOWER)
        for i in range(unit.start, unit.end):
            if i in used or lowers[i] not in self.control_words:
                continue
            token = doc[i]
            lemma = token.lemma_.lower()
            if token.pos_ == "NOUN" and lemma in (
                "control",
                "custody",
                "influence",
                "grip",
                "dominance",
                "hegemony",
                "sway",
                "authority",
            ):
                actors = self._noun_control_actors(context, token)
                place, place_rule = self._of_place(context, token)
                if place is None and actors:
                    place, place_rule = self._control_place(
                        context, unit, doc[token.i : token.i + 1], actors
                    )
            elif token.pos_ == "VERB" and lemma in _CONTROL_VERBS:
                subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
                obj = next((c for c in token.children if c.dep_ == "dobj"), None)
                if subject is None or obj is None:
                    continue
                actors = group_actors(context, subject)
                place = next((p for p in context.places if p.start <= obj.i < p.end), None)
                place_rule = "parse"
                if place is None:
                    continue
            else:
                continue
            for actor in _distinct(actors)[:2]:
                out.append(
                    self._control_posture(
                        context,
                        unit,
                        doc[token.i : token.i + 1],
                        actor,
                        place,
                        place_rule,
                        f"control.word:{lemma}",
                    )
                )
        return out

    def _noun_control_actors(self, context: DocContext, token: Token) -> list[Span]:
        actors: list[Span] = []
        for child in token.children:
            if child.dep_ == "poss":
                actors += (
                    resolve_anaphor(context, child)
                    if is_anaphor(child)
                    else group_actors(context, child)
                )
            elif child.dep_ in ("amod", "compound", "nmod"):
                actors += context.actors_on(range(child.left_edge.i, child.i + 1))
        if actors:
            return actors
        # "the control of Y is for X": the actor hangs on the copula, which a
        # rough parse may attach anywhere up to the sentence root.
        verbs = [token.head, token.head.head, token.sent.root]
        for verb in dict.fromkeys(v for v in verbs if v.lemma_.lower() in _COPULAS):
            for child in verb.children:
                if child.dep_ == "prep" and child.lower_ in ("for", "with", "to", "by"):
                    for obj in child.children:
                        if obj.dep_ == "pobj":
                            actors += group_actors(context, obj)
        return actors

    def _of_place(self, context: DocContext, token: Token) -> tuple[PlaceMention | None, str]:
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in ("of", "over", "in", "on"):
                indices = set(range(child.i, child.right_edge.i + 1))
                places = [p for p in context.places if p.start in indices and not p.is_anchor]
                if places:
                    return places[0], "parse"
        return None, "none"

    def _control_place(
        self, context: DocContext, unit: Span, phrase: Span, exclude: Sequence[Span]
    ) -> tuple[PlaceMention | None, str]:
        """The place a control phrase is about: the nearest before it, else the article's.

        A country named only as where an unnamed settlement lies ("the
        second largest city of Syria, which ...") gives way to the last place
        named below country level before it: the city meant.
        """
        excluded = {i for a in exclude for i in range(a.start, a.end)}
        in_unit = [
            p
            for p in context.places
            if unit.start <= p.start
            and p.end <= unit.end
            and p.start not in excluded
            and not p.is_anchor
        ]
        before = [p for p in in_unit if p.end <= phrase.start]
        if before:
            # "the city of Aleppo ..., the second largest city of Syria, which the
            # regime took control of": the country only says where the city is
            return settlement_meant(context.doc, before[-1], before) or before[-1], "sentence"
        if in_unit:
            return in_unit[0], "sentence"
        if context.main_place is not None:
            return context.main_place, "article"
        return None, "none"

    def _control_posture(
        self,
        context: DocContext,
        unit: Span,
        trigger: Span,
        actor: Span,
        place: PlaceMention | None,
        place_rule: str,
        rule: str,
    ) -> Posture:
        extent = self._extent(trigger.root, unit)
        reasons = [f"control cue '{trigger.text}' with actor '{actor.text}'", f"extent {extent}"]
        confidence = 0.6
        if place is None:
            confidence -= 0.3
            reasons.append("no place found")
        elif place_rule == "article":
            confidence -= 0.2
            reasons.append("place from the article's main place")
        else:
            reasons.append(f"place from the {place_rule}")
        return Posture(
            kind="control",
            role="controls",
            trigger=trigger,
            unit=unit,
            actor=actor,
            place=place,
            place_rule=place_rule,
            rule=rule,
            reasons=reasons,
            extent=extent,
            modality=modality_of(trigger.root)[0],
            time=time_for(context, trigger.root, unit),
            confidence=round(confidence, 2),
        )

    def _extent(self, token: Token, unit: Span) -> str:
        """military, administrative, economic or influence, from the cue's own words first."""
        own = {c.lemma_.lower() for c in token.children if c.dep_ in ("amod", "compound")}
        own |= {c.lower_ for c in token.children if c.dep_ in ("amod", "compound")}
        for extent in ("military", "administrative", "economic"):
            if own & self.extent_words.get(extent, frozenset()):
                return extent
        verb = token.head
        complement = {
            t.lower_ for c in verb.children if c.dep_ == "prep" and c.i > token.i for t in c.subtree
        }
        if complement & self.extent_words.get("administrative", frozenset()):
            return "administrative"
        if complement & self.extent_words.get("economic", frozenset()):
            return "economic"
        if token.lower_ in self.extent_words.get("influence", frozenset()):
            return "influence"
        return "military"

    # -- postures ------------------------------------------------------------

    def _role_hits(self, doc: Doc) -> tuple[list[tuple[int, int, str]], list[tuple[int, str]]]:
        """Role phrases and role words of the whole Doc, found once and cached on it.

        Words are read as strings from one array; a Token is built only for
        the words of the lexicon (to check the part of speech).
        """
        memo = doc_memo(doc, "postures")
        if "role_hits" not in memo:
            strings = doc.vocab.strings
            phrases = [(s, e, strings[m]) for m, s, e in self.role_phrases(doc)]
            words: list[tuple[int, str]] = []
            role_words = self.role_words
            lemmas = token_strings(doc, LEMMA)
            for i, lower in enumerate(token_strings(doc, LOWER)):
                role = role_words.get(lower) or role_words.get(lemmas[i].lower())
                if role is not None and doc[i].pos_ in ("NOUN", "VERB", "ADJ", "PROPN"):
                    words.append((i, role))
            memo["role_hits"] = (phrases, words)
        cached: tuple[list[tuple[int, int, str]], list[tuple[int, str]]] = memo["role_hits"]
        return cached

    def _roles(self, context: DocContext, unit: Span) -> list[Posture]:
        doc = context.doc
        triggers: list[tuple[Span, str]] = []
        phrases, words = self._role_hits(doc)
        for start, end, role in phrases:
            if unit.start <= start and end <= unit.end:
                triggers.append((doc[start:end], role))
        taken = {i for span, _ in triggers for i in range(span.start, span.end)}
        for i, role in words:
            if unit.start <= i < unit.end and i not in taken:
                triggers.append((doc[i : i + 1], role))
        out: list[Posture] = []
        for trigger, role in triggers:
            out += self._posture(context, unit, trigger, role)
        return out

    def _civilian_camp(self, head: Token) -> bool:
        """A camp that shelters civilians ("a displacement camp", "the camp, home
        to thousands of people who fled", "a camp housing displaced persons"):
        no military base."""
        if head.lemma_.lower() not in ("camp", "camps"):
            return False
        words = self.civilian_camp_words
        for child in head.children:
            if (
                child.dep_ in ("compound", "amod", "nmod", "appos", "advmod")
                and child.lower_ in words
            ):
                return True
            # "a camp for displaced people", "a camp housing displaced persons"
            if child.dep_ in ("prep", "acl", "relcl", "appos") and any(
                t.lower_ in words for t in child.subtree if t.i - child.i <= 4
            ):
                return True
        # "the camp, home to thousands" where the parse hangs "home" elsewhere
        after = [t.lower_ for t in head.doc[head.i + 1 : head.i + 3] if not t.is_punct]
        return bool(after) and after[0] in ("home", "housing", "sheltering", "hosting")

    def _posture(self, context: DocContext, unit: Span, trigger: Span, role: str) -> list[Posture]:
        head = trigger.root
        if role == "base" and self._civilian_camp(head):
            return []
        holder = head
        reasons = [f"posture cue '{trigger.text}' ({role})"]
        if trigger.text.lower().startswith("there"):
            holder = next((c for c in head.children if c.dep_ in ("attr", "nsubj")), head)
            if holder == head:
                return []
        actors: list[Span] = []
        force: Token | None = None
        if (holder.pos_ in ("NOUN", "PROPN") and holder != head) or head.pos_ == "NOUN":
            force = holder
            actors = group_actors(context, holder)
            verb = holder.head
            if not actors and holder.dep_ == "dobj" and verb.lemma_.lower() in _HAVING_VERBS:
                # "Turkey has military bases in Afrin": the owner is the subject
                subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
                if subject is not None:
                    actors = group_actors(context, subject)
        else:
            subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
            for subject in subjects:
                if self.role_words.get(subject.lower_):
                    return []  # "the headquarters ... is located": the noun speaks
                actors += group_actors(context, subject)
                force = subject
            obj = next((c for c in head.children if c.dep_ == "dobj"), None)
            if obj is not None and head.lemma_.lower() in ("deploy", "send", "dispatch"):
                # "X deployed 5,000 fighters": the sender is the actor, the
                # object carries the strength.
                if not actors:
                    actors = group_actors(context, obj)
                force = obj
        if not actors and force is not None and is_anaphor(force):
            actors = resolve_anaphor(context, force)
        actors = [a for a in _distinct(actors) if context.catalogue.is_armed(a._.sitrep_actor)]
        if not actors:
            return []
        places = self._posture_places(context, head, holder)
        place_rule = "parse" if places else "none"
        if not places and _in_the_country(head, holder):
            # "deployed in the country": the document's country, never the
            # village the article happens to name first
            places = focus_country_places(context)
            place_rule = "country" if places else "none"
            reasons.append("'the country': the document's focus country")
        elif not places and context.main_place is not None:
            places, place_rule = [context.main_place], "article"
        strength, strength_text, qualifier = self._strength(context, unit, force, actors)
        composition = self._composition(unit, force)
        modality = modality_of(head)[0]
        when = time_for(context, head, unit)
        out: list[Posture] = []
        targets: list[PlaceMention | None] = list(places) if places else [None]
        for actor in actors[:2]:
            for place in targets:
                confidence = 0.6
                these = [*reasons, f"actor '{actor.text}'"]
                if place_rule == "parse":
                    confidence += 0.15
                    these.append("place attached in the parse")
                    if len(places) > 1:
                        these.append(f"one of {len(places)} places listed together")
                elif place_rule == "country":
                    these.append("placed at the country level")
                elif place_rule == "article":
                    confidence -= 0.25
                    these.append("no place in the sentence: the article's main place")
                else:
                    confidence -= 0.3
                if strength is not None:
                    confidence += 0.05
                    these.append(f"strength '{strength_text}'")
                out.append(
                    Posture(
                        kind="deployment",
                        role=role,
                        trigger=trigger,
                        unit=unit,
                        actor=actor,
                        place=place,
                        place_rule=place_rule,
                        rule=f"deployments.{role}:{head.lemma_}",
                        reasons=these,
                        strength=strength,
                        strength_text=strength_text,
                        strength_qualifier=qualifier,
                        composition=composition,
                        modality=modality,
                        time=when,
                        confidence=round(min(confidence, 0.9), 2),
                    )
                )
        return out

    def _posture_places(
        self, context: DocContext, head: Token, holder: Token
    ) -> list[PlaceMention]:
        places: list[PlaceMention] = []
        if not places:
            # "Aleppo has become an Iranian stronghold", "Aleppo, one of Iran's strongholds":
            # the place is the copula's subject, not a phrase of the clause.
            for token in (holder, head):
                verb = token.head
                if token.dep_ == "attr" and verb.lemma_.lower() in _COPULAS:
                    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
                    if subject is not None:
                        places = [p for p in context.places if p.start <= subject.i < p.end]
                if token.dep_ == "pobj" and token.head.head.dep_ == "appos":
                    anchor = token.head.head.head
                    places = [p for p in context.places if p.start <= anchor.i < p.end]
                if places:
                    break
        if not places:
            places = attached_places(context, holder, strict=True) or attached_places(
                context, head, strict=True
            )
        if not places:
            return []
        listed = coordinated_places(context.doc, places)
        if listed:
            return listed
        best = most_specific(places)
        return [best] if best is not None else []

    def _strength(
        self, context: DocContext, unit: Span, force: Token | None, actors: Sequence[Span]
    ) -> tuple[int | None, str | None, str | None]:
        if force is None:
            return None, None, None
        phrase = set(noun_phrase(force))
        for span in context.quantities:
            quantity = span._.sitrep_quantity
            if quantity.kind != "strength" or not (unit.start <= span.start < unit.end):
                continue
            if (
                span.start in phrase
                or span.end - 1 in phrase
                or force.i in range(span.start, span.end)
            ):
                value = quantity.value if quantity.value is not None else quantity.low
                return value, span.text, quantity.qualifier
        if not context.quantities:
            return count_of(force)
        return None, None, None

    def _composition(self, unit: Span, force: Token | None) -> str | None:
        if force is None:
            return None
        doc = unit.doc
        for token in doc[force.i + 1 : min(unit.end, force.i + 16)]:
            if (
                token.lower_ in ("and", ";")
                and token.i > force.i + 1
                and doc[token.i - 1].text == ","
            ):
                break
            if any(
                token.lower_ == cue.split()[0]
                and doc[token.i : token.i + len(cue.split())].text.lower() == cue
                for cue in self.composition_cues
            ):
                end = token.i + 1
                for t in doc[token.i + 1 : unit.end]:
                    if t.is_punct or t.lower_ == "and":
                        break
                    end = t.i + 1
                return doc[token.i : end].text
        return None

    # -- writing -------------------------------------------------------------

    def _record(self, posture_id: str, posture: Posture, context: DocContext) -> Deployment:
        time_value = posture.time._.sitrep_time if posture.time is not None else None
        actor_id = posture.actor._.sitrep_actor if posture.actor is not None else None
        return Deployment(
            id=posture_id,
            kind="control" if posture.kind == "control" else "deployment",
            actor=context.catalogue.name(actor_id) if actor_id else None,
            role=posture.role,
            evidence=Evidence(
                sentence=text_span(posture.unit),
                rule=posture.rule,
                explanation="; ".join(posture.reasons),
            ),
            trigger=text_span(posture.trigger),
            actor_mention=text_span(posture.actor) if posture.actor is not None else None,
            strength=posture.strength,
            strength_text=posture.strength_text,
            strength_qualifier=posture.strength_qualifier,
            composition=posture.composition,
            extent=posture.extent,
            place_mention=posture.place.span if posture.place is not None else None,
            date=time_value.start if time_value is not None else None,
            date_precision=time_value.precision if time_value is not None else None,
            date_text=posture.time.text if posture.time is not None else None,
            modality=posture.modality,
            confidence=posture.confidence,
        )


#: Nouns by which a report names the country it is about ("in the country").
_COUNTRY_NOUNS = frozenset({"country", "nation"})
#: Locative prepositions of a posture's place ("deployed in", "stationed across").
_POSTURE_PREPS = frozenset("in inside across throughout within into to".split())


def _in_the_country(head: Token, holder: Token) -> bool:
    """True when the posture is placed by "in the country", "across the nation".

    Method: a locative preposition on the posture cue or its force noun whose
    object is "country"/"nation" with a definite determiner and no
    complement ("the country's north" or "the country of X" name more).
    Limits: "in this country" said by a speaker of their own is read the same.
    """
    for holder_token in dict.fromkeys((head, holder)):
        for prep in holder_token.children:
            if prep.dep_ != "prep" or prep.lower_ not in _POSTURE_PREPS:
                continue
            for obj in prep.children:
                if (
                    obj.dep_ == "pobj"
                    and obj.lemma_.lower() in _COUNTRY_NOUNS
                    and any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in obj.children)
                    and not any(c.dep_ == "prep" for c in obj.children)
                ):
                    return True
    return False


def focus_country_places(context: DocContext) -> list[PlaceMention]:
    """The document's mentions of its focus country as a place, first one only.

    Method: a place mention whose text is the focus country's name (as the
    actor catalogue spells it, or its geonames name). Limits: a country the
    text never names as such ("the Sahel state") gives no place.
    """
    focus = context.doc._.sitrep_focus_country
    if not focus:
        return []
    name = context.catalogue.country_name(focus).lower()
    for place in context.places:
        text = context.doc[place.start : place.end].text.lower()
        if text == name or text == f"{name}'s":
            return [place]
    return []


def _distinct(actors: Sequence[Span]) -> list[Span]:
    out: list[Span] = []
    for actor in actors:
        if all(a._.sitrep_actor != actor._.sitrep_actor for a in out):
            out.append(actor)
    return out


def _next_noun_head(doc: Doc, start: int) -> Token | None:
    for token in doc[start : min(len(doc), start + 5)]:
        if token.pos_ in ("NOUN", "PROPN", "PRON"):
            return token
    return None


def _dedupe(postures: list[Posture]) -> list[Posture]:
    """One posture per (unit, kind, role, actor, place): the most confident."""
    best: dict[tuple[int, str, str, str, int], Posture] = {}
    for posture in postures:
        key = (
            posture.unit.start,
            posture.kind,
            posture.role,
            posture.actor._.sitrep_actor if posture.actor is not None else "",
            posture.place.start if posture.place is not None else -1,
        )
        if key not in best or posture.confidence > best[key].confidence:
            best[key] = posture
    return sorted(best.values(), key=lambda p: (p.trigger.start, p.role))
