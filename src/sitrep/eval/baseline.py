"""A keyword-counting baseline for the FA-KES headline-event fields.

The reference every FA-KES figure is read against: what counting words gets
without parsing anything. It is deliberately plain and fixed — its keyword
lists are constants here, not user lexicons, because changing them would move
the reference. It never sees the coded answers; the keywords are the domain's
common words (shelling, car bomb, rebels), not strings taken from the data.

- governorate: the governorate whose names (see
  :data:`sitrep.eval.fakes.GOVERNORATE_NAMES`) are mentioned most often in
  title and text; ties go to the one mentioned first;
- killed: the largest number (digits or a number word; years left out)
  written within five words before "killed", "dead" or "died";
- cause and actor: the category whose keywords occur most often; none → unknown,
  ties → the category listed first.
"""

from __future__ import annotations

import re

from sitrep.eval.fakes import (
    ACTOR_COALITION,
    ACTOR_GOVERNMENT,
    ACTOR_ISIS,
    ACTOR_NUSRA,
    ACTOR_OPPOSITION,
    ACTOR_SELF_ADMINISTRATION,
    ACTOR_UNKNOWN,
    CAUSE_CHEMICAL,
    CAUSE_EXECUTION,
    CAUSE_EXPLOSION,
    CAUSE_SHELLING,
    CAUSE_SHOOTING,
    CAUSE_UNKNOWN,
    GOVERNORATE_NAMES,
    FakesPrediction,
)


def _alternation(words: tuple[str, ...]) -> re.Pattern[str]:
    # Longest first so "car bomb" is taken before "bomb"; word-bounded.
    ordered = sorted(words, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(ordered) + r")", re.IGNORECASE)


def _name_pattern(name: str) -> str:
    # "deir ez zor" also matches "Deir ez-Zor" and "Deir-ez-Zor".
    return r"[\s\-]?".join(re.escape(part) for part in name.split())


_GOVERNORATE_PATTERNS: dict[str, re.Pattern[str]] = {
    label: re.compile(
        r"\b(?:"
        + "|".join(_name_pattern(n) for n in sorted(names, key=len, reverse=True))
        + r")\b",
        re.IGNORECASE,
    )
    for label, names in GOVERNORATE_NAMES.items()
}

#: Cause keywords (prefixes, word-initial), in tie-break order.
CAUSE_KEYWORDS: dict[str, tuple[str, ...]] = {
    CAUSE_SHELLING: (
        "shell",
        "air ?strike",
        "air ?raid",
        "raids?",
        "mortar",
        "rocket",
        "missile",
        "artillery",
        "barrel bomb",
        "bombard",
        "warplane",
    ),
    CAUSE_EXPLOSION: (
        "explosi",
        "explod",
        "blast",
        "car bomb",
        "suicide",
        "bomber",
        "ied",
        "landmine",
        "booby",
    ),
    CAUSE_CHEMICAL: ("chemical", "chlorine", "sarin", "toxic", "poison", "nerve agent", "gas\\b"),
    CAUSE_SHOOTING: ("shot\\b", "shooting", "gunfire", "gunmen", "gunman", "sniper", "clash"),
    CAUSE_EXECUTION: ("execut", "behead", "firing squad"),
}

#: Actor keywords (prefixes, word-initial), in tie-break order.
ACTOR_KEYWORDS: dict[str, tuple[str, ...]] = {
    ACTOR_GOVERNMENT: (
        "regime",
        "government forces",
        "government troops",
        "syrian army",
        "syrian troops",
        "syrian forces",
        "russian",
        "assad",
        "pro-government",
        "hezbollah",
    ),
    ACTOR_OPPOSITION: (
        "rebel",
        "opposition",
        "free syrian army",
        "fsa\\b",
        "jaish al",
        "ahrar al",
        "insurgent",
    ),
    ACTOR_ISIS: (
        "islamic state",
        "isis\\b",
        "isil\\b",
        "daesh",
        "is\\b(?= (?:group|fighters|militants))",
    ),
    ACTOR_COALITION: ("coalition", "u\\.s\\.-led", "us-led", "american", "pentagon"),
    ACTOR_SELF_ADMINISTRATION: ("sdf\\b", "syrian democratic forces", "ypg\\b", "kurdish"),
    ACTOR_NUSRA: ("nusra", "fateh al-sham", "fatah al-sham", "tahrir al-sham", "hts\\b"),
}

_CAUSE_PATTERNS = {c: _alternation(k) for c, k in CAUSE_KEYWORDS.items()}
_ACTOR_PATTERNS = {c: _alternation(k) for c, k in ACTOR_KEYWORDS.items()}

_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
}
_NUMBER = r"\d[\d,]*|" + "|".join(_NUMBER_WORDS)
# A lookahead, so that every number before the verb is a candidate (a consuming
# match starting at "2016" would swallow the "12" in "In 2016, 12 were killed").
_KILLED_AFTER_NUMBER = re.compile(
    rf"\b({_NUMBER})\b(?=(?:[\s\-]+[\w'\-]+){{0,5}}?[\s\-]+(?:killed|dead|died)\b)",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?:19|20)\d\d")


def _number_value(text: str) -> int | None:
    if _YEAR.fullmatch(text):
        return None  # a year, not a toll
    text = text.lower().replace(",", "")
    if text.isdigit():
        return int(text)
    return _NUMBER_WORDS.get(text)


def most_mentioned_governorate(text: str) -> str | None:
    """The governorate named most often in ``text`` (ties: first mentioned); None if none."""
    best: tuple[int, int, str] | None = None
    for label, pattern in _GOVERNORATE_PATTERNS.items():
        found = list(pattern.finditer(text))
        if not found:
            continue
        key = (len(found), -found[0].start(), label)
        if best is None or key[:2] > best[:2]:
            best = key
    return None if best is None else best[2]


def largest_killed_number(text: str) -> int | None:
    """The largest number written within five words before killed/dead/died, or None."""
    values = [
        value
        for match in _KILLED_AFTER_NUMBER.finditer(text)
        if (value := _number_value(match.group(1))) is not None
    ]
    return max(values) if values else None


def _most_counted(text: str, patterns: dict[str, re.Pattern[str]], default: str) -> str:
    counts = {category: len(pattern.findall(text)) for category, pattern in patterns.items()}
    best = max(counts.values(), default=0)
    if best == 0:
        return default
    return next(c for c, n in counts.items() if n == best)


def predict_baseline(title: str, text: str) -> FakesPrediction:
    """The keyword baseline's reading of one article (title and text together).

    Method: word counts as described in this module's docstring. Limits: no
    parsing, no notion of which incident the article is about; a number of
    dead from an older incident or a war-wide toll wins when it is larger.
    """
    article = f"{title}\n{text}" if title else text
    return FakesPrediction(
        governorate=most_mentioned_governorate(article),
        killed=largest_killed_number(article),
        cause=_most_counted(article, _CAUSE_PATTERNS, CAUSE_UNKNOWN),
        actor=_most_counted(article, _ACTOR_PATTERNS, ACTOR_UNKNOWN),
    )
