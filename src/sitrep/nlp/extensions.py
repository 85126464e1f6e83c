"""The contract between sitrep's spaCy components: what each one writes.

Components communicate only through these attributes, registered once by
:func:`register_extensions`:

========================  ===========================================================
where                     what
========================  ===========================================================
``doc._.sitrep_document`` the :class:`~sitrep.types.Document` being processed (or None)
``doc._.sitrep_toponyms`` ``list[Toponym]`` (sitrep_toponyms)
``doc._.sitrep_focus_country`` ISO-3166 alpha-2 code of the country the document is
                          about, or None (sitrep_actors)
``doc.spans["sitrep_actors"]`` actor mentions; ``span._.sitrep_actor`` = actor id of
                          ``data/en/actors.json`` (sitrep_actors)
``doc.spans["sitrep_times"]`` time expressions; ``span._.sitrep_time`` =
                          :class:`TimeValue` (sitrep_time)
``doc.spans["sitrep_quantities"]`` numbers of people; ``span._.sitrep_quantity`` =
                          :class:`Quantity` (sitrep_quantities)
``doc._.sitrep_claims``   ``list[Claim]`` (sitrep_attribution)
``doc._.sitrep_events``   ``list[Event]`` (sitrep_events)
``doc._.sitrep_deployments`` ``list[Deployment]``, kinds deployment and control (sitrep_events)
``doc._.sitrep_relations`` ``list[Relation]`` (sitrep_events)
========================  ===========================================================
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from spacy.tokens import Doc, Span

DOC_LIST_ATTRS = (
    "sitrep_toponyms",
    "sitrep_claims",
    "sitrep_events",
    "sitrep_deployments",
    "sitrep_relations",
)
ACTORS_KEY = "sitrep_actors"
TIMES_KEY = "sitrep_times"
QUANTITIES_KEY = "sitrep_quantities"


@dataclass(frozen=True, slots=True)
class TimeValue:
    """A time expression resolved against the publication date.

    ``precision`` follows ACLED's ``time_precision``: 1 day, 2 week, 3 month;
    sitrep adds 4 for year. ``end`` is set for ranges ("the past two days").
    """

    start: date
    end: date | None
    precision: int


@dataclass(frozen=True, slots=True)
class Quantity:
    """A count of people: ``value`` with its ``qualifier`` and ``kind``.

    ``kind`` is ``killed``, ``injured``, ``strength`` (troops, fighters,
    elements, officers), ``displaced``, ``detained`` or ``other``;
    ``qualifier`` is the hedge ("more than", "about", "at least", "dozens");
    ``low``/``high`` keep a range. ``unit`` is the counted noun ("officers").
    """

    value: int | None
    kind: str
    qualifier: str | None = None
    unit: str | None = None
    low: int | None = None
    high: int | None = None


def _list_getter(name: str):  # type: ignore[no-untyped-def]
    def get(doc: Doc) -> list[object]:
        store = doc.user_data.setdefault(("sitrep", name), [])  # type: ignore[call-overload]
        assert isinstance(store, list)
        return store

    return get


def _list_setter(name: str):  # type: ignore[no-untyped-def]
    def set_(doc: Doc, value: list[object]) -> None:
        doc.user_data[("sitrep", name)] = list(value)  # type: ignore[index]

    return set_


def register_extensions() -> None:
    """Register sitrep's extension attributes on Doc and Span (idempotent)."""
    if not Doc.has_extension("sitrep_document"):
        Doc.set_extension("sitrep_document", default=None)
    if not Doc.has_extension("sitrep_focus_country"):
        Doc.set_extension("sitrep_focus_country", default=None)
    for name in DOC_LIST_ATTRS:
        if not Doc.has_extension(name):
            # A getter over user_data gives each Doc its own list (a default
            # list would be shared by every Doc).
            Doc.set_extension(name, getter=_list_getter(name), setter=_list_setter(name))
    for name in ("sitrep_actor", "sitrep_time", "sitrep_quantity"):
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)


def doc_memo(doc: Doc, name: str) -> dict[Any, Any]:
    """A dict kept on ``doc`` under ``name`` for answers that depend on its parse only.

    Rules that ask the same question of a Doc many times (a token's clause,
    a sentence's toll words) keep their answers here, in ``doc.user_data``,
    so they live and die with the Doc.
    """
    store: dict[Any, Any] = doc.user_data  # spaCy keys user_data by tuples too
    memo: dict[Any, Any] = store.setdefault(("sitrep", name), {})
    return memo


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc.

    spaCy joins every token each time ``Doc.text`` is read; stages that slice
    the text by character offsets in a loop read it from here instead. (A
    Doc's text never changes: retokenising keeps it.)
    """
    key = ("sitrep", "text")
    text = doc.user_data.get(key)  # type: ignore[call-overload]
    if not isinstance(text, str):
        text = doc.text
        doc.user_data[key] = text  # type: ignore[index]
    return text


def token_strings(doc: Doc, attr: int) -> list[str]:
    """The string of token attribute ``attr`` (``ORTH``, ``LOWER``, ``LEMMA`` …) of
    every token of ``doc``, read once per Doc from one array.

    Why: ``Token.lower_`` and ``Token.text`` build a Token per word; loops
    that test every word against a lexicon read strings from here and build
    Tokens only for the words they keep. The list is shared by every stage:
    callers must not change it. Limits: string attributes only (a flag such
    as ``LIKE_NUM`` would come back as a string of its 0/1 value); the first
    read is kept, so it must come after the model's components (sitrep's
    stages run after ``ner``, and none retokenises).
    """
    memo = doc_memo(doc, "token_strings")
    found: list[str] | None = memo.get(attr)
    if found is None:
        strings = doc.vocab.strings
        found = [strings[h] for h in doc.to_array(attr).tolist()]
        memo[attr] = found
    return found
