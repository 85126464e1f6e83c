"""Modality of an event mention: asserted, negated, hypothetical, future, threatened.

Read from the dependency parse around the trigger: a negation on the trigger
or its verb ("did not attack", "no clashes"), a denial governing it ("denied
killing"), a modal ("may have", "could") or a hedging adverb ("allegedly"),
a denial reaching through a content noun ("denied claims that ... executed"),
a future ("will", "plans to"), a threat ("threatened to storm"), a risk
("the risk of being killed", "the threat of an offensive"). Limits: one
modality per trigger; scope is the trigger's verb and up to three governing
verbs; irony and quotation are not read.
"""

from __future__ import annotations

from spacy.tokens import Token

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
            return head if head.lemma_.lower() != "call" else None
        if current.dep_ not in ("xcomp", "ccomp", "conj", "dobj", "pobj", "prep"):
            return None
        current = head
    return None


def modality_of(trigger: Token) -> tuple[str, str | None]:
    """Return ``(modality, cue)`` for an event trigger token.

    ``modality`` is ``asserted``, ``negated``, ``hypothetical``, ``future`` or
    ``threatened``; ``cue`` the word that decided it (None when asserted).
    """
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
