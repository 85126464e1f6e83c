"""Modality of an event mention: asserted, negated, hypothetical, future, threatened, historical.

Read from the dependency parse around the trigger: a negation on the trigger
or its verb ("did not attack", "no clashes"), a denial governing it ("denied
killing"), a modal ("may have", "could") or a hedging adverb ("allegedly"),
a denial reaching through a content noun ("denied claims that ... executed"),
a future ("will", "plans to"), a threat ("threatened to storm"), a risk
("the risk of being killed", "the threat of an offensive"), a date decades
or centuries before the document ("the 1516 battle of Dabiq"). Limits: one
modality per trigger; scope is the trigger's verb and up to three governing
verbs; irony and quotation are not read.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from sitrep.nlp.extensions import doc_memo
from sitrep.nlp.time import time_anchor

#: Governing verbs, by the modality they give to what they govern.
DENIAL_VERBS = frozenset("deny refute reject dismiss disprove rebut".split())
THREAT_VERBS = frozenset("threaten warn vow menace".split())
FUTURE_VERBS = frozenset("plan intend prepare expect aim seek pledge promise".split())
HYPOTHETICAL_VERBS = frozenset("allege suspect fear rumor rumour speculate".split())
#: Verbs of demanding: the act demanded has not happened ("Resolution 2216
#: demands the Houthis withdraw", "urged the army to pull back", "called for a
#: ceasefire"). Read only through a clause or infinitive (or "call for"):
#: "ordered an attack", "called the attack a massacre" keep their object.
#: "ask" is left out: "asked whether the army had attacked" is a question
#: about an event, not a demand.
DEMAND_VERBS = frozenset("demand urge call order request insist require press".split())
#: Verbs whose object does the act of their infinitive ("urged Israel to
#: halt its strikes", "ordered troops to attack", "forced the army to
#: withdraw"): the object, not the subject, is the doer of that act.
OBJECT_CONTROL_VERBS = DEMAND_VERBS | frozenset(
    "ask tell force compel pressure pressurise pressurize push persuade convince encourage "
    "invite instruct command direct authorise authorize allow permit help".split()
)
#: "called on Ukraine to stop", "appealed to both sides to cease fire": the
#: preposition that introduces the doer after these verbs.
CONTROL_PREPOSITIONS = {"call": ("on", "upon"), "appeal": ("to",), "prevail": ("on", "upon")}
HYPOTHETICAL_MODALS = frozenset("may might could would should".split())
#: Adverbs that hedge the event itself ("allegedly shelled", "possibly struck").
HYPOTHETICAL_ADVERBS = frozenset("allegedly purportedly supposedly possibly perhaps".split())
FUTURE_MODALS = frozenset("will shall 'll".split())
NEGATORS = frozenset("not n't never no without".split())
#: Nouns whose "of" names an act that has not happened: "civilians face the
#: risk of being killed by air strikes", "the danger of shelling".
RISK_NOUNS = frozenset("risk danger possibility prospect likelihood spectre specter".split())
#: ... and those that make it a threat: "the threat of an offensive".
THREAT_NOUNS = frozenset("threat".split())
#: Nouns whose content clause a denial reaches through them ("denied claims
#: that its troops executed civilians", "rejected reports that ...").
CONTENT_NOUNS = frozenset(
    "claim report allegation accusation charge suggestion rumour rumor".split()
)


#: An event whose own time lies this many years or more before publication is
#: history told as background ("the 1516 battle of Dabiq", "in the 16th
#: century"), not a current event: its modality is ``historical``.
HISTORICAL_YEARS = 20
#: Prepositions that date what they hang on ("in 1516", "during the 1980s");
#: not "since": "in power since 1963" tells of a state that goes on.
_TIME_PREPOSITIONS = frozenset("in during until till by before of around".split())
#: Modifier links by which a time word hangs on an event noun or verb
#: ("the 1516 battle", "fought 1915") or on a month ("February 1982").
_TIME_MODIFIER_DEPS = frozenset({"nummod", "compound", "amod", "nmod", "npadvmod", "tmod"})
#: Words before a year that make it modify a noun as a date, not a count:
#: "the 1516 battle" (a count needs no article: "450 air strikes").
_YEAR_DETERMINERS = frozenset("the a an its their his her".split())
#: Words after a four-digit number that make it a clock time ("1130 am", "1615 GMT").
_CLOCK_WORDS = frozenset("am pm a.m. p.m. gmt utc hrs hours h local".split())
_YEAR = re.compile(r"^\d{4}$")
_DECADE = re.compile(r"^(\d{3}0)'?s$")
_ORDINAL = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)$")
_ORDINAL_WORDS = {
    word: number
    for number, word in enumerate(
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
        "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth "
        "twentieth".split(),
        start=1,
    )
}
_CENTURY_NOUNS = frozenset({"century", "centuries"})

_GOVERNED_DEPS = frozenset({"xcomp", "ccomp", "dobj", "pcomp", "pobj", "prep", "advcl"})


def verbal_anchor(trigger: Token) -> Token:
    """The verb a trigger's modality is read on: itself, or the verb of its clause."""
    current = trigger
    for _ in range(3):
        if current.pos_ in ("VERB", "AUX"):
            return current
        if current.head.i == current.i:
            break
        current = current.head
    return trigger


def _has_negation(token: Token) -> str | None:
    for child in token.children:
        if child.dep_ == "neg" or (child.lower_ in NEGATORS and child.dep_ in ("det", "advmod")):
            return child.text
    return None


def demanded_by(trigger: Token) -> Token | None:
    """The verb of demanding that governs ``trigger`` as the act demanded, or None.

    Method: up to three steps up the parse, a verb of :data:`DEMAND_VERBS`
    reached through a clause or infinitive (``xcomp``, ``ccomp``: "demands
    the Houthis withdraw", "urged the army to withdraw"), or "call" through
    "for" ("called for a ceasefire"). Limits: a demand that was met ("the
    troops withdrew as demanded") is not told apart.
    """
    current = trigger
    for _ in range(3):
        if current.head.i == current.i:
            return None
        head = current.head
        if current.dep_ == "pobj" and head.lower_ == "for" and head.head.lemma_.lower() == "call":
            return head.head
        if current.dep_ in ("xcomp", "ccomp") and head.lemma_.lower() in DEMAND_VERBS:
            if head.lemma_.lower() != "call":
                return head
            # "called on Ukraine to stop shelling" is a demand; "called it
            # an attack", "called to say" are not
            return head if current.dep_ == "xcomp" and controllers_of(head) else None
        if current.dep_ not in ("xcomp", "ccomp", "conj", "dobj", "pobj", "prep"):
            return None
        current = head
    return None


def controllers_of(verb: Token) -> list[Token]:
    """The doers of the act a verb of demanding or causing asks for, if named.

    "Washington urged Israel to halt air strikes": Israel, not Washington,
    would halt (and is the one striking); "called on Ukraine to stop
    shelling", "appealed to both sides to cease fire", "ordered troops to
    attack". Method: the direct object of a verb of
    :data:`OBJECT_CONTROL_VERBS`, or the object of its preposition in
    :data:`CONTROL_PREPOSITIONS`. The caller checks that the act hangs on
    ``verb`` as its infinitive (``xcomp``). Limits: "promised Israel to ..."
    (subject control) is not in the list and keeps its subject.
    """
    lemma = verb.lemma_.lower()
    found: list[Token] = []
    if lemma in OBJECT_CONTROL_VERBS:
        found = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in CONTROL_PREPOSITIONS.get(lemma, ()):
            found += [c for c in prep.children if c.dep_ == "pobj"]
    return found


def _last_year_of(token: Token) -> int | None:
    """The last year a time word stands for: "1516", "1980s", "century" after "16th"."""
    text = token.text
    following = token.doc[token.i + 1].lower_ if token.i + 1 < len(token.doc) else ""
    if (
        _YEAR.match(text)
        and int(text) >= 1000
        and token.ent_type_ != "TIME"
        and following not in _CLOCK_WORDS
    ):
        return int(text)
    decade = _DECADE.match(text.lower())
    if decade:
        return int(decade[1]) + 9
    if token.lemma_.lower() in _CENTURY_NOUNS:
        for child in token.children:
            if child.dep_ not in ("amod", "nummod", "compound"):
                continue
            ordinal = _ORDINAL.match(child.lower_)
            number = int(ordinal[1]) if ordinal else _ORDINAL_WORDS.get(child.lower_)
            if number:
                return number * 100
    return None


def _time_words(holder: Token) -> list[Token]:
    """The words that may date ``holder``: its time prepositions' objects and its modifiers.

    "fought in the 16th century" (the century), "in February 1982" (the
    month and its year), "the 1516 battle" (a year after an article, not a
    count: "450 air strikes"). Not deeper: the subject's own phrase ("the
    regime in power since 1963") dates the subject, not the event.
    """
    found: list[Token] = []
    for child in holder.children:
        if child.dep_ == "prep" and child.lower_ in _TIME_PREPOSITIONS:
            for obj in child.children:
                if obj.dep_ != "pobj":
                    continue
                found.append(obj)
                # "in February 1982", "in the 16th century": only a date's
                # modifiers ("in the 1070 apartment blocks" is no date)
                if obj.ent_type_ == "DATE" or obj.lemma_.lower() in _CENTURY_NOUNS:
                    found += [c for c in obj.children if c.dep_ in _TIME_MODIFIER_DEPS]
        elif child.dep_ in ("npadvmod", "tmod"):
            found += [child, *(c for c in child.children if c.dep_ in _TIME_MODIFIER_DEPS)]
        elif child.dep_ in _TIME_MODIFIER_DEPS and (
            not _YEAR.match(child.text)
            or (child.i > 0 and child.doc[child.i - 1].lower_ in _YEAR_DETERMINERS)
        ):
            found.append(child)
    return found


def historical_time(trigger: Token) -> str | None:
    """The time word that puts an event decades or centuries before publication.

    "the 1516 battle of Dabiq", "In the 16th century, Ottoman forces fought",
    "the 1980s war", "ambushed the troops in February 1982": history told as
    background is no current event. Method: on the trigger, its verb and,
    for a verb in a relative clause, the noun it describes ("the 1516
    battle, where X defeated Y"), a year (four digits, not a clock time or
    a count), a decade ("1980s") or an ordinal century hung by a time
    preposition or as a modifier (:func:`_time_words`) that ends
    :data:`HISTORICAL_YEARS` or more before the document's dateline or
    publication date. Limits: without a date on the document nothing is
    historical; "the centuries-old conflict", eras named without a number
    ("Ottoman times") and years before 1000 are not read.
    """
    anchor_verb = verbal_anchor(trigger)
    holders = [trigger, anchor_verb]
    if anchor_verb.dep_ == "relcl" and anchor_verb.head.i != anchor_verb.i:
        holders.append(anchor_verb.head)
    found: list[tuple[Token, int]] = []
    for holder in dict.fromkeys(holders):
        for word in _time_words(holder):
            year = _last_year_of(word)
            if year is not None:
                found.append((word, year))
    if not found:
        return None
    anchor = time_anchor(trigger.doc)
    if anchor is None:
        return None
    for word, year in found:
        if year <= anchor.year - HISTORICAL_YEARS:
            return word.text
    return None


def modality_of(trigger: Token) -> tuple[str, str | None]:
    """Return ``(modality, cue)`` for an event trigger token.

    ``modality`` is ``asserted``, ``negated``, ``hypothetical``, ``future``,
    ``threatened`` or ``historical`` (dated decades or centuries before the
    document: :func:`historical_time`); ``cue`` the word that decided it
    (None when asserted).
    """
    # The answer depends on the parse and the document's date only, and the
    # event and posture rules ask it of the same words: kept on the Doc.
    memo = doc_memo(trigger.doc, "modality")
    found: tuple[str, str | None] | None = memo.get(trigger.i)
    if found is None:
        found = memo[trigger.i] = _modality_with_history(trigger)
    return found


def _modality_with_history(trigger: Token) -> tuple[str, str | None]:
    modality, cue = _modality_of(trigger)
    if modality == "asserted":
        past = historical_time(trigger)
        if past is not None:
            return "historical", past
    return modality, cue


def _modality_of(trigger: Token) -> tuple[str, str | None]:
    demand = demanded_by(trigger)
    if demand is not None:
        return "hypothetical", demand.text
    anchor = verbal_anchor(trigger)
    # A denial or a threat governing the trigger wins over local cues:
    # "denied that its forces did not ..." is still a denial.
    governor: Token | None = anchor
    for _ in range(3):
        if governor is None or governor.head.i == governor.i:
            break
        through_content = governor.dep_ == "acl" and governor.head.lemma_.lower() in CONTENT_NOUNS
        if not through_content and governor.dep_ not in _GOVERNED_DEPS:
            break
        governor = governor.head
        lemma = governor.lemma_.lower()
        if lemma in THREAT_VERBS:
            return "threatened", governor.text
        if lemma in DENIAL_VERBS:
            return "negated", governor.text
        if lemma in FUTURE_VERBS:
            return "future", governor.text
        if lemma in HYPOTHETICAL_VERBS:
            return "hypothetical", governor.text
        if governor.pos_ == "NOUN" and lemma in RISK_NOUNS:
            return "hypothetical", governor.text
        if governor.pos_ == "NOUN" and lemma in THREAT_NOUNS:
            return "threatened", governor.text
    for token in (trigger, anchor):
        negation = _has_negation(token)
        if negation is not None:
            return "negated", negation
    for child in anchor.children:
        if child.dep_ in ("aux", "auxpass"):
            word = child.lower_
            if word in FUTURE_MODALS:
                return "future", child.text
            if word in HYPOTHETICAL_MODALS:
                return "hypothetical", child.text
        if child.dep_ == "mark" and child.lower_ in ("if", "unless"):
            return "hypothetical", child.text
        if child.dep_ == "advmod" and child.lower_ in HYPOTHETICAL_ADVERBS:
            return "hypothetical", child.text
    if anchor.lower_ == "going" or any(
        c.lower_ == "going" and c.dep_ == "aux" for c in anchor.children
    ):
        return "future", "going to"
    return "asserted", None
