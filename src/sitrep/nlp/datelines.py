"""Place datelines: "BEIRUT (Reuters) -", "MOSCOW (Sputnik)", "WASHINGTON, March 3".

A news agency's dateline names where the story was filed, which in conflict
reporting is often a capital far from the fighting: a Beirut-filed story about
Deir ez-Zor, a Moscow-filed story about Raqqa. Taken as an ordinary place
mention, the dateline pulls the document's focus abroad and becomes the
location of events that the text does not place. The ``sitrep_datelines``
component, after ``sitrep_toponyms``, gives such mentions ``role="dateline"``:
the geocoder still resolves them, but they do not vote for the document's
focus country and are not event locations (:mod:`sitrep.nlp.arguments`
takes only ``role="place"``); the report may still fall back on them when
nothing else places an article (see :func:`sitrep.report.build.main_place`).

Method: a toponym written in capitals ("BEIRUT", "ALEPPO") in a text that
is not itself in capitals, standing where a dateline stands (at the start of
the text or of a line or sentence, or after a date or a heading) and
followed by what follows a dateline (an agency in brackets, a comma, a dash
or the capitalised first word of the story). Limits: mixed-case datelines
("Hama, SANA -") are left as places: state agencies file from the province
they report on, so those datelines do say where events are.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from sitrep.nlp.extensions import doc_text
from sitrep.types import Toponym

#: What may follow a dateline place: an agency in brackets, a comma, a dash,
#: or the story's first word ("BEIRUT A Russian air strike ...").
_AFTER = re.compile(r"\s*(?:\(|,|[-\u2013\u2014]|[A-Z](?:[a-z]|\s))")
#: What may stand right before one: a sentence end, a closing bracket, a
#: date's digits, or a month name (after "Oct 04 2017" or "Last updated").
_BEFORE = re.compile(r"(?:^|[.!?:;)\]\"'\u201d]|\d|\b[A-Z][a-z]+)\s*$")
#: A text with more capital letters than this share is written in capitals.
_MAX_CAPITAL_SHARE = 0.5
#: How much of the text before a mention is read to see where it stands.
_LOOK_BACK = 40


def _capital_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    return sum(c.isupper() for c in letters) / len(letters) if letters else 0.0


def is_dateline(text: str, toponym: Toponym) -> bool:
    """Whether ``toponym`` is a dateline's place name (see the module docstring)."""
    name = toponym.span.text.strip()
    letters = re.sub(r"[^A-Za-z]", "", name)
    if len(letters) < 4 or not name.isupper():
        return False
    start, end = toponym.span.start, toponym.span.end
    if not _AFTER.match(text, end):
        return False
    line_start = text.rfind("\n", 0, start) + 1
    before = text[max(line_start, start - _LOOK_BACK) : start]
    if not _BEFORE.search(before):
        return False
    # The words around must be in ordinary case: in a headline or a text
    # written in capitals every name looks like this.
    around = text[max(0, start - 200) : end + 200]
    return _capital_share(around) <= _MAX_CAPITAL_SHARE


class DatelineMarker:
    """Gives dateline toponyms ``role="dateline"`` (see the module docstring)."""

    def __call__(self, doc: Doc) -> Doc:
        """Mark the dateline toponyms of ``doc`` in place."""
        text = doc_text(doc)
        for toponym in doc._.sitrep_toponyms:
            # A capital in a dateline is not a government speaking either.
            if toponym.role in ("place", "government") and is_dateline(text, toponym):
                toponym.role = "dateline"
        return doc


@Language.factory(
    "sitrep_datelines", assigns=["doc._.sitrep_toponyms"], default_config={"lang": "en"}
)
def make_datelines(nlp: Language, name: str, lang: str) -> DatelineMarker:
    """Create the sitrep_datelines component (no lexicon: the rule is typographic)."""
    return DatelineMarker()
