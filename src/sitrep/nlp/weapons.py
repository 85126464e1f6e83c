"""Weapons named in a sentence, and the ACLED sub-type they point to.

The lexicon ``data/<lang>/weapons.json`` lists weapons with their words, the
Explosions/Remote violence sub-type they imply (light weapons imply none:
they keep an armed clash a clash) and a priority for sentences naming
several. Limits: a weapon named in the sentence is assumed to be used in the
event of that sentence.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from sitrep.lexicons import load_lexicon


@dataclass(frozen=True, slots=True)
class WeaponMention:
    """A weapon found in the text: lexicon name, token offsets, implied sub-type."""

    name: str
    start: int
    end: int
    sub_event_type: str | None
    priority: int
    plover_mode: str | None


class WeaponLexicon:
    """Find weapons with a spaCy ``PhraseMatcher`` over the lexicon's words.

    Words in capitals of up to six letters (``IED``, ``UAV``) match
    case-sensitively, the rest case-insensitively.
    """

    def __init__(self, nlp: Language, lang: str = "en") -> None:
        self.entries = {w["name"]: w for w in load_lexicon("weapons", lang)["weapons"]}
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.orth = PhraseMatcher(nlp.vocab, attr="ORTH")
        for name, entry in self.entries.items():
            for word in entry["words"]:
                target = self.orth if word.isupper() and len(word) <= 6 else self.lower
                target.add(name, [nlp.make_doc(word)])

    def find(self, doc: Doc) -> list[WeaponMention]:
        """Every weapon mention of ``doc``, longest first where they overlap."""
        raw = sorted([*self.lower(doc), *self.orth(doc)], key=lambda m: (m[1], -(m[2] - m[1])))
        found: list[WeaponMention] = []
        last_end = -1
        for match_id, start, end in raw:
            if start < last_end:
                continue
            name = doc.vocab.strings[match_id]
            entry = self.entries[name]
            found.append(
                WeaponMention(
                    name=name,
                    start=start,
                    end=end,
                    sub_event_type=entry.get("sub_event_type"),
                    priority=int(entry.get("priority", 0)),
                    plover_mode=entry.get("plover_mode"),
                )
            )
            last_end = end
        return found


def weapons_in(mentions: list[WeaponMention], unit: Span) -> list[WeaponMention]:
    """The weapon mentions inside a sentence unit."""
    return [w for w in mentions if unit.start <= w.start and w.end <= unit.end]


def strongest_sub_type(mentions: list[WeaponMention]) -> WeaponMention | None:
    """The weapon that decides the sub-type (highest priority with a sub-type)."""
    typed = [w for w in mentions if w.sub_event_type]
    return max(typed, key=lambda w: w.priority) if typed else None


@lru_cache(maxsize=4)
def weapon_names(lang: str = "en") -> tuple[str, ...]:
    """All weapon names of the lexicon (for documentation and tests)."""
    return tuple(w["name"] for w in load_lexicon("weapons", lang)["weapons"])
