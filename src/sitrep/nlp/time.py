"""Time expressions resolved against the publication date.

The ``sitrep_time`` component finds time expressions (the English model's
``DATE``/``TIME`` entities plus the token patterns of ``data/en/time.json``)
and resolves each one to a :class:`~sitrep.nlp.extensions.TimeValue` against
an anchor date: the dateline written at the start of the text when there is
one, else ``Document.published``. Resolution is plain rules first
(:func:`resolve_time_expression`); dateparser is only a fallback for shapes
the rules do not know, because it is slow and reads durations as dates.

Conventions (news style, ACLED's ``time_precision`` plus 4 for a year):

=============================  =========================================  =========
expression                     resolved to                                precision
=============================  =========================================  =========
"3 March 2017", "March 3"      that day (a year-less date: the latest     1
                               such day not after the anchor + 7 days)
"Sunday", "on Thursday night"  latest such weekday on or before the       1
                               anchor ("last Sunday": strictly before)
"today", "this morning"        the anchor                                 1
"yesterday", "last night"      the day before                             1
"overnight"                    the day before .. the anchor               1
"the past two days"            anchor-1 .. anchor (N days end on the      by length
                               anchor); "the past 24 hours" likewise
"two weeks ago"                anchor - 14 days; days 1, weeks 2,         1..4
                               months 3, years 4
"last week"/"last weekend"     the previous Monday..Sunday / Sat..Sun     2
"last month", "March 2016"     the whole month                            3
"early/mid/late March"         days 1-10 / 11-20 / 21-end                 3
"end of 2016"                  December 2016                              3
"beginning of 2016"            January 2016                               3
"early/mid/late 2016"          Jan-Apr / May-Aug / Sep-Dec                4
"2016", "last year"            the whole year                             4
"earlier this year"            1 January .. anchor                        4
"since 2011"                   2011-01-01 .. anchor                       by length
=============================  =========================================  =========

A range's precision follows its length: up to two days 1, a week 2, a month
3, more 4. Pure durations ("for five years", "a two-day truce"), ages
("25-year-old"), frequencies ("every day") and clock times alone ("at 5 pm")
are not times of events: no TimeValue, no span. Relative expressions need an
anchor: without one only absolute dates are kept.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from spacy.attrs import LIKE_NUM, LOWER, ORTH
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from sitrep.lexicons import load_lexicon
from sitrep.nlp.extensions import (
    TIMES_KEY,
    TimeValue,
    doc_memo,
    doc_text,
    register_extensions,
    token_strings,
)

#: How far after the anchor a year-less date may fall before it is read as last year's.
FUTURE_TOLERANCE = timedelta(days=7)
#: Datelines are looked for in this many characters at the start of the text.
DATELINE_WINDOW = 300
_MIN_YEAR, _MAX_YEAR = 1900, 2100


@dataclass(frozen=True, slots=True)
class TimeLexicon:
    """The words of ``data/<lang>/time.json`` and the regexes built from them."""

    weekdays: dict[str, int]
    months: dict[str, int]
    units: dict[str, str]
    numbers: dict[str, int]
    same_day: frozenset[str]
    previous_day: frozenset[str]
    overnight: frozenset[str]
    period_openers: dict[str, str]
    non_event: re.Pattern[str]
    weekday_re: str
    month_re: str
    unit_re: str
    number_re: str
    hedge_re: str
    opener_re: str
    left_extensions: tuple[tuple[str, ...], ...]
    matcher_patterns: tuple[tuple[str, list[dict[str, Any]]], ...]


def _alternation(words: Iterable[str]) -> str:
    # Longest first so "sept" wins over "sep" and "a few" over "a".
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=8)
def time_lexicon(lang: str = "en") -> TimeLexicon:
    """Load and compile the time lexicon for ``lang`` (cached)."""
    raw = load_lexicon("time", lang)
    weekdays = {k.lower(): int(v) for k, v in raw["weekdays"].items()}
    months = {k.lower(): int(v) for k, v in raw["months"].items()}
    units = {k.lower(): str(v) for k, v in raw["units"].items()}
    numbers = {k.lower(): int(v) for k, v in raw["small_numbers"].items()}
    openers = {k.lower(): str(v) for k, v in raw["period_openers"].items()}
    non_event = re.compile(r"\b(?:" + _alternation(raw["non_event"]) + r")\b")
    return TimeLexicon(
        weekdays=weekdays,
        months=months,
        units=units,
        numbers=numbers,
        same_day=frozenset(w.lower() for w in raw["same_day"]),
        previous_day=frozenset(w.lower() for w in raw["previous_day"]),
        overnight=frozenset(w.lower() for w in raw["overnight"]),
        period_openers=openers,
        non_event=non_event,
        weekday_re=_alternation(weekdays),
        month_re=_alternation(months),
        unit_re=_alternation(units),
        number_re=r"\d+|" + _alternation(numbers),
        hedge_re=_alternation(w.lower() for w in raw["hedges"]),
        opener_re=_alternation(openers),
        left_extensions=tuple(
            tuple(w.lower() for w in seq)
            for seq in sorted(raw["left_extensions"], key=len, reverse=True)
        ),
        matcher_patterns=tuple(
            (str(p["label"]), list(p["pattern"])) for p in raw["matcher_patterns"]
        ),
    )


# --------------------------------------------------------------------------- dates


def _add_months(day: date, months: int) -> date:
    month_index = day.year * 12 + day.month - 1 + months
    year, month = divmod(month_index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _safe_date(year: int, month: int, day: int) -> date | None:
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _range_precision(start: date, end: date) -> int:
    days = (end - start).days
    if days <= 1:
        return 1
    if days <= 7:
        return 2
    if days <= 31:
        return 3
    return 4


def _range(start: date, end: date) -> TimeValue:
    if end < start:
        start, end = end, start
    return TimeValue(start=start, end=end, precision=_range_precision(start, end))


def _year_of_yearless(month: int, day: int, anchor: date | None) -> date | None:
    """The latest ``day month`` not after ``anchor`` (+ tolerance); None without anchor."""
    if anchor is None:
        return None
    candidate = _safe_date(anchor.year, month, day)
    if candidate is None or candidate > anchor + FUTURE_TOLERANCE:
        candidate = _safe_date(anchor.year - 1, month, day)
    return candidate


def _two_digit_year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year < 70 else 1900
    return year


# ----------------------------------------------------------------- normalisation

_CLOCK_RE = re.compile(
    r"\b(?:at |around |about )?\d{1,2}(?:[:.]\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)(?=\W|$)"
    r"|\b(?:at |around )?\d{1,2}:\d{2}(?::\d{2})?\b"
    r"|\b(?:gmt|utc|local time)\b"
)
_LEADING_PREPS = ("on ", "in ", "at ", "during ", "by ", "from ", "of ", "until ", "till ")


def _normalise(text: str) -> str:
    text = text.lower().replace("’", "'").replace("\u2013", "-").replace("\u2014", "-")
    text = re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", text)
    text = re.sub(r"\bmid-", "mid ", text)
    text = re.sub(r"[,()]", " ", text)
    text = re.sub(r"\s+", " ", text).strip(" .;:-'\"")
    return text


def _number(word: str, lex: TimeLexicon) -> int | None:
    word = word.strip()
    if word.isdigit():
        return int(word)
    return lex.numbers.get(word)


def _unit_delta(anchor: date, count: int, unit: str) -> date:
    """``anchor`` moved ``count`` units back (hours round to whole days)."""
    if unit == "hour":
        return anchor - timedelta(days=count // 24)
    if unit == "day":
        return anchor - timedelta(days=count)
    if unit == "week":
        return anchor - timedelta(weeks=count)
    if unit == "month":
        return _add_months(anchor, -count)
    return _add_months(anchor, -12 * count)


#: Bound of the per-recognizer memo of words that are pattern anchors.
_MAX_REMEMBERED_WORDS = 100_000
_UNIT_PRECISION = {"hour": 1, "day": 1, "week": 2, "month": 3, "year": 4}


# -------------------------------------------------------------------- resolution


def resolve_time_expression(text: str, anchor: date | None, lang: str = "en") -> TimeValue | None:
    """Resolve one time expression against ``anchor`` (the publication date).

    Results are memoised per (text, anchor, lexicon): news repeats its
    expressions ("on Sunday", "the past two days") and dateparser is slow.

    Method: the text is lower-cased and stripped of a leading preposition and
    of clock times, then tried against the rules listed in this module's
    docstring, built from ``data/<lang>/time.json``; dateparser (with
    ``RELATIVE_BASE`` = anchor and ``PREFER_DATES_FROM='past'``) is the last
    resort for expressions that name a month or say "ago". Limits: English
    only; a numeric date such as 03/04/2017 is read day first (unless the
    second part is over 12); relative expressions give None without an
    anchor; durations, ages and frequencies give None.
    """
    return _resolve_memo(text, anchor, lang, id(time_lexicon(lang)))


@lru_cache(maxsize=8192)
def _resolve_memo(text: str, anchor: date | None, lang: str, lexicon_id: int) -> TimeValue | None:
    del lexicon_id  # part of the key only: a new lexicon directory gives new results
    return _resolve_uncached(text, anchor, lang)


def _resolve_uncached(text: str, anchor: date | None, lang: str) -> TimeValue | None:
    lex = time_lexicon(lang)
    if re.fullmatch(r"\s*(?:in |on |by )?(?:may|march)\s*", text):
        return None  # lower-case "may", "march" are verbs
    norm = _normalise(text)
    if not norm or lex.non_event.search(norm):
        return None
    if re.search(r"\d+ ?-(?:year|day|hour|week|month|minute)", norm):
        return None  # "a two-day truce", "25-year-old": adjectives, not dates
    if norm.startswith("for "):
        # "for five years" is a duration; "for the past two days" is a range.
        norm = norm[4:]
        if not re.match(r"(?:the )?(?:past|last|previous) ", norm):
            return None
    norm = _CLOCK_RE.sub(" ", norm)
    norm = re.sub(r"\s+", " ", norm).strip()
    if not norm:
        return None
    for prep in _LEADING_PREPS:
        if norm.startswith(prep):
            norm = norm[len(prep) :]
            break
    if norm.startswith("since "):
        inner = _resolve_plain(norm[6:], anchor, lex)
        if inner is None:
            return None
        if anchor is None or anchor < inner.start:
            return inner
        return _range(inner.start, anchor)
    value = _resolve_plain(norm, anchor, lex)
    if value is None:
        value = _resolve_with_dateparser(norm, anchor, lex)
    return value


def _resolve_plain(norm: str, anchor: date | None, lex: TimeLexicon) -> TimeValue | None:
    absolute = _resolve_absolute(norm, anchor, lex)
    if absolute is not None:
        return absolute
    if anchor is None:
        return None
    return _resolve_relative(norm, anchor, lex)


def _resolve_absolute(norm: str, anchor: date | None, lex: TimeLexicon) -> TimeValue | None:
    m_re, wd_re = lex.month_re, lex.weekday_re
    # A weekday before a full date adds nothing: "sunday 10 jul 2016".
    norm = re.sub(rf"^(?:{wd_re})\.? (?=\d|(?:{m_re})\b)", "", norm)
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", norm):
        day = _safe_date(int(m[1]), int(m[2]), int(m[3]))
        return TimeValue(day, None, 1) if day else None
    if m := re.fullmatch(r"(\d{1,2})[./-](\d{1,2})[./-](\d{4}|\d{2})", norm):
        first, second, year = int(m[1]), int(m[2]), _two_digit_year(m[3])
        day_first = second <= 12
        day = _safe_date(year, second, first) if day_first else _safe_date(year, first, second)
        return TimeValue(day, None, 1) if day else None
    if m := re.fullmatch(rf"(?:the )?(\d{{1,2}}) (?:of )?({m_re})\.?(?: (\d{{4}}))?", norm):
        return _day_month_year(int(m[1]), lex.months[m[2]], m[3], anchor)
    if m := re.fullmatch(rf"({m_re})\.? (?:the )?(\d{{1,2}})(?: (\d{{4}}))?", norm):
        return _day_month_year(int(m[2]), lex.months[m[1]], m[3], anchor)
    if m := re.fullmatch(
        rf"(?:(?:the )?({lex.opener_re}) )?({m_re})\.?(?: (?:of )?(\d{{4}}))?", norm
    ):
        month = lex.months[m[2]]
        if m[3]:
            year = int(m[3])
        elif anchor is not None:
            year = anchor.year if month <= anchor.month else anchor.year - 1
        else:
            return None
        if not _MIN_YEAR <= year <= _MAX_YEAR:
            return None
        return _month_part(year, month, lex.period_openers.get(m[1] or "", ""))
    if m := re.fullmatch(rf"(?:(?:the )?({lex.opener_re}) )?(\d{{4}})", norm):
        year = int(m[2])
        if not _MIN_YEAR <= year <= _MAX_YEAR:
            return None
        return _year_part(year, lex.period_openers.get(m[1] or "", ""))
    return None


def _day_month_year(
    day: int, month: int, year_text: str | None, anchor: date | None
) -> TimeValue | None:
    if year_text:
        resolved = _safe_date(int(year_text), month, day)
    else:
        resolved = _year_of_yearless(month, day, anchor)
    return TimeValue(resolved, None, 1) if resolved else None


def _month_part(year: int, month: int, part: str) -> TimeValue:
    last = calendar.monthrange(year, month)[1]
    if part == "early":
        return TimeValue(date(year, month, 1), date(year, month, 10), 3)
    if part == "mid":
        return TimeValue(date(year, month, 11), date(year, month, 20), 3)
    if part in ("late", "end"):
        return TimeValue(date(year, month, 21), date(year, month, last), 3)
    if part == "start":
        return TimeValue(date(year, month, 1), date(year, month, 10), 3)
    return TimeValue(date(year, month, 1), date(year, month, last), 3)


def _year_part(year: int, part: str) -> TimeValue:
    if part == "end":
        return TimeValue(date(year, 12, 1), date(year, 12, 31), 3)
    if part == "start":
        return TimeValue(date(year, 1, 1), date(year, 1, 31), 3)
    if part == "early":
        return TimeValue(date(year, 1, 1), date(year, 4, 30), 4)
    if part == "mid":
        return TimeValue(date(year, 5, 1), date(year, 8, 31), 4)
    if part == "late":
        return TimeValue(date(year, 9, 1), date(year, 12, 31), 4)
    return TimeValue(date(year, 1, 1), date(year, 12, 31), 4)


def _latest_weekday(anchor: date, weekday: int, strictly_before: bool = False) -> date:
    back = (anchor.weekday() - weekday) % 7
    if back == 0 and strictly_before:
        back = 7
    return anchor - timedelta(days=back)


def _resolve_relative(norm: str, anchor: date, lex: TimeLexicon) -> TimeValue | None:
    if norm in lex.same_day:
        return TimeValue(anchor, None, 1)
    if norm in lex.previous_day:
        return TimeValue(anchor - timedelta(days=1), None, 1)
    if norm in lex.overnight:
        return TimeValue(anchor - timedelta(days=1), anchor, 1)
    if norm == "the day before yesterday":
        return TimeValue(anchor - timedelta(days=2), None, 1)
    wd = re.fullmatch(
        rf"(?:(last|this|past|early|late|on) )?({lex.weekday_re})\.?(?:'s)?"
        r"(?: (?:morning|afternoon|evening|night|dawn|noon|midday))?",
        norm,
    )
    if wd:
        day = _latest_weekday(anchor, lex.weekdays[wd[2]], strictly_before=wd[1] == "last")
        return TimeValue(day, None, 1)
    if re.fullmatch(r"(?:(?:this|last|past|the) )?week-?end", norm):
        saturday = _latest_weekday(anchor, 5, strictly_before=norm.startswith("last"))
        return TimeValue(saturday, min(saturday + timedelta(days=1), anchor), 2)
    if m := re.fullmatch(
        rf"(?:(?:{lex.hedge_re}) )?({lex.number_re})(?: of)? ({lex.unit_re}) (?:ago|earlier|back)",
        norm,
    ):
        count = _number(m[1], lex)
        unit = lex.units[m[2]]
        if count is None:
            return None
        return TimeValue(_unit_delta(anchor, count, unit), None, _UNIT_PRECISION[unit])
    if m := re.fullmatch(
        rf"(?:the )?(past|last|previous|recent) (?:({lex.number_re}) )?({lex.unit_re})", norm
    ):
        return _recent_period(m[1], m[2], lex.units[m[3]], anchor, lex)
    if m := re.fullmatch(r"(earlier |later )?this (week|month|year)", norm):
        unit = m[2]
        if unit == "week":
            return TimeValue(anchor - timedelta(days=anchor.weekday()), anchor, 2)
        if unit == "month":
            return TimeValue(anchor.replace(day=1), anchor, 3)
        return TimeValue(date(anchor.year, 1, 1), anchor, 4)
    if m := re.fullmatch(rf"(?:the )?({lex.opener_re}) (last|this) (month|year)", norm):
        if m[3] == "year":
            year = anchor.year - 1 if m[2] == "last" else anchor.year
            return _year_part(year, lex.period_openers[m[1]])
        month_day = _add_months(anchor, -1) if m[2] == "last" else anchor
        return _month_part(month_day.year, month_day.month, lex.period_openers[m[1]])
    return None


def _recent_period(
    word: str, count_text: str | None, unit: str, anchor: date, lex: TimeLexicon
) -> TimeValue | None:
    if count_text is None and word == "last":
        # "last week/month/year": the previous calendar period.
        if unit == "week":
            monday = anchor - timedelta(days=anchor.weekday() + 7)
            return TimeValue(monday, monday + timedelta(days=6), 2)
        if unit == "month":
            previous = _add_months(anchor.replace(day=1), -1)
            return TimeValue(previous, _month_end(previous.year, previous.month), 3)
        if unit == "year":
            return TimeValue(date(anchor.year - 1, 1, 1), date(anchor.year - 1, 12, 31), 4)
    if word == "recent" and count_text is None:
        count = 7 if unit == "day" else 3
    else:
        parsed = _number(count_text, lex) if count_text else 1
        if parsed is None or parsed <= 0:
            return None
        count = parsed
    if unit == "hour":
        start = anchor - timedelta(days=max(1, -(-count // 24)))
    elif unit == "day":
        start = anchor - timedelta(days=count - 1)
    else:
        start = _unit_delta(anchor, count, unit) + timedelta(days=1)
    return _range(start, anchor)


_DATEPARSER_PERIODS = {"day": 1, "week": 2, "month": 3, "year": 4}


@lru_cache(maxsize=64)
def _date_parser(anchor: date | None) -> Any:
    """A dateparser parser for one anchor, built once (building one is slow)."""
    from dateparser.date import DateDataParser  # slow import: only when needed

    settings: dict[str, Any] = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if anchor is not None:
        settings["RELATIVE_BASE"] = datetime(anchor.year, anchor.month, anchor.day)
    return DateDataParser(languages=["en"], settings=settings)


def _resolve_with_dateparser(norm: str, anchor: date | None, lex: TimeLexicon) -> TimeValue | None:
    """Last resort; only for text naming a month or saying "ago" (dateparser reads
    bare durations such as "five years" as dates)."""
    if not re.search(rf"\b(?:{lex.month_re})\b|\bago\b", norm):
        return None
    if re.search(r"\b(?:may|march)\b", norm) and not re.search(r"\d", norm):
        return None  # the verbs "may" and "march"
    if anchor is None and not re.search(r"\b\d{4}\b", norm):
        return None  # no year and no anchor: dateparser would use today
    try:
        data = _date_parser(anchor).get_date_data(norm)
    except Exception:  # dateparser raises many kinds on odd input; a miss is fine
        return None
    parsed = getattr(data, "date_obj", None)
    if not isinstance(parsed, datetime):
        return None
    if not _MIN_YEAR <= parsed.year <= _MAX_YEAR:
        return None
    period = str(getattr(data, "period", None) or "day")
    return TimeValue(parsed.date(), None, _DATEPARSER_PERIODS.get(period, 1))


# ---------------------------------------------------------------------- datelines


@dataclass(frozen=True, slots=True)
class Dateline:
    """A date written at the start of an article, with its character offsets."""

    value: date
    start: int
    end: int


def _dateline_regexes(lex: TimeLexicon) -> list[tuple[re.Pattern[str], str]]:
    m_re, wd_re = lex.month_re, lex.weekday_re
    wd = rf"(?:(?:{wd_re})\.?,? )?"
    flags = re.IGNORECASE
    return [
        (re.compile(rf"\b{wd}(\d{{1,2}})(?:st|nd|rd|th)? ({m_re})\.?,? (\d{{4}})\b", flags), "dmy"),
        (re.compile(rf"\b{wd}({m_re})\.? (\d{{1,2}})(?:st|nd|rd|th)?,? (\d{{4}})\b", flags), "mdy"),
        # "Jul 282016": day and year run together by a lost separator.
        (re.compile(rf"\b({m_re})\.? (\d{{1,2}})((?:19|20)\d\d)\b", flags), "mdy"),
        (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), "ymd"),
        (re.compile(r"(?<![\d.])(\d{1,2})[./-](\d{1,2})[./-]((?:19|20)\d\d)(?!\d)"), "dmy_numeric"),
    ]


def find_dateline(text: str, published: date | None = None, lang: str = "en") -> Dateline | None:
    """The dateline of an article: the first full date in its first characters.

    Method: looks in the first :data:`DATELINE_WINDOW` characters for a date
    with day, month and year ("Sun 10 Jul 2016", "12 February 2015",
    "Posted on April 19 2017", "26.12.2014", "6-09-2013"), else for an agency
    dateline at the very start ("BEIRUT, March 3 (Reuters) -"), whose year is
    taken from ``published`` (no year, no published: None). Limits: a full
    date in a headline is taken for the dateline; numeric dates are read day
    first.
    """
    lex = time_lexicon(lang)
    head = text[:DATELINE_WINDOW]
    best: Dateline | None = None
    for pattern, shape in _dateline_regexes(lex):
        for m in pattern.finditer(head):
            if best is not None and m.start() >= best.start:
                break
            if not _dateline_position(head, m.start()):
                continue
            value = _dateline_value(m, shape, lex)
            if value is not None:
                best = Dateline(value, m.start(), m.end())
                break
    if best is not None:
        return best
    agency = re.match(
        rf"\s*[A-Z][A-Za-z .'-]{{1,40}},? ({lex.month_re})\.? (\d{{1,2}})\b(?:,? (\d{{4}}))?",
        head,
        flags=re.IGNORECASE,
    )
    if agency and agency[0].split(",")[0].strip().isupper():
        month, day = lex.months[agency[1].lower()], int(agency[2])
        if agency[3]:
            value = _safe_date(int(agency[3]), month, day)
        else:
            value = _year_of_yearless(month, day, published)
        if value is not None:
            return Dateline(value, agency.start(1), agency.end())
    return None


#: A date after one of these words is part of a sentence, not a dateline.
_IN_SENTENCE_WORDS = frozenset(
    {"on", "of", "in", "since", "until", "till", "from", "before", "after", "to", "the", "and"}
)
_DATELINE_PREFIX_RE = re.compile(r"(?:posted|published|updated|dated|released)\s+on\s*$", re.I)


def _dateline_position(head: str, start: int) -> bool:
    """A dateline stands at the start, after a heading or a label, not inside a
    sentence ("the attack of 3 March 2017" is an event date)."""
    before = head[:start]
    words = before.split()
    if not words:
        return True
    if _DATELINE_PREFIX_RE.search(before):
        return True
    return words[-1].lower().strip(",.;:") not in _IN_SENTENCE_WORDS


def _dateline_value(m: re.Match[str], shape: str, lex: TimeLexicon) -> date | None:
    if shape == "dmy":
        return _safe_date(int(m[3]), lex.months[m[2].lower()], int(m[1]))
    if shape == "mdy":
        return _safe_date(int(m[3]), lex.months[m[1].lower()], int(m[2]))
    if shape == "ymd":
        return _safe_date(int(m[1]), int(m[2]), int(m[3]))
    first, second = int(m[1]), int(m[2])
    if second <= 12:
        return _safe_date(int(m[3]), second, first)
    return _safe_date(int(m[3]), first, second)


def document_dateline(doc: Doc | str) -> date | None:
    """The dateline date at the start of ``doc`` (a Doc or a text), or None.

    See :func:`find_dateline`; a Doc's ``sitrep_document.published`` dates a
    year-less agency dateline.
    """
    text, published = (doc, None) if isinstance(doc, str) else (doc_text(doc), published_date(doc))
    found = find_dateline(text, published)
    return found.value if found else None


def published_date(doc: Doc) -> date | None:
    """``doc._.sitrep_document.published`` as a date, or None."""
    document = doc._.sitrep_document if Doc.has_extension("sitrep_document") else None
    published = getattr(document, "published", None)
    if isinstance(published, datetime):
        return published.date()
    return published if isinstance(published, date) else None


def time_anchor(doc: Doc, lang: str = "en") -> date | None:
    """The date relative expressions of ``doc`` are resolved against.

    The dateline written in the text wins over ``Document.published`` (a
    file's date is often a crawl date); either may be missing (then None).
    """
    found = doc_dateline(doc, lang)
    return found.value if found else published_date(doc)


def doc_dateline(doc: Doc, lang: str = "en") -> Dateline | None:
    """:func:`find_dateline` of ``doc``'s text and publication date, found once per Doc.

    Several stages ask for it (times, quantities, the modality of every
    event): the answer is kept on the Doc, per publication date and language.
    """
    published = published_date(doc)
    memo = doc_memo(doc, "dateline")
    key = (published, lang)
    if key not in memo:
        memo[key] = find_dateline(doc_text(doc), published, lang)
    found: Dateline | None = memo[key]
    return found


# ---------------------------------------------------------------------- component


def pattern_anchors(
    patterns: Iterable[list[dict[str, Any]]],
) -> tuple[frozenset[str], list[re.Pattern[str]], bool] | None:
    """For each Matcher pattern, one required token test every match must pass.

    Method: the last token of the pattern that is not optional and tests
    ``LOWER`` (a word or ``IN`` a list), ``TEXT`` ``REGEX`` or ``LIKE_NUM``.
    Returns the union ``(words, regexes, any number)``, or None when a
    pattern has no such token or has a repeated token (``*``, ``+``: no
    bound on its length); then the whole Doc must be scanned.
    """
    words: set[str] = set()
    regexes: list[re.Pattern[str]] = []
    numbers = False
    for pattern in patterns:
        anchor = None
        for spec in pattern:
            if spec.get("OP") in ("*", "+"):
                return None  # a match of unbounded length: no window holds it
            if spec.get("OP") == "?":
                continue
            lower, text = spec.get("LOWER"), spec.get("TEXT")
            if (
                isinstance(lower, str)
                or (isinstance(lower, dict) and "IN" in lower)
                or (isinstance(text, dict) and "REGEX" in text)
                or spec.get("LIKE_NUM") is True
            ):
                anchor = spec
        if anchor is None:
            return None
        lower, text = anchor.get("LOWER"), anchor.get("TEXT")
        if isinstance(lower, str):
            words.add(lower)
        elif isinstance(lower, dict):
            words.update(str(w) for w in lower["IN"])
        elif isinstance(text, dict):
            regex = str(text["REGEX"])
            # one search per distinct expression (several patterns share the year's)
            if all(r.pattern != regex for r in regexes):
                regexes.append(re.compile(regex))
        else:
            numbers = True
    return frozenset(words), regexes, numbers


@Language.factory("sitrep_time", assigns=["doc.spans"], default_config={"lang": "en"})
def make_time(nlp: Language, name: str, lang: str) -> TimeRecognizer:
    """Create the sitrep_time component (lexicons for ``lang``)."""
    return TimeRecognizer(nlp.vocab, lang=lang)


class TimeRecognizer:
    """Write ``doc.spans["sitrep_times"]``: resolved time expressions.

    Candidates are the NER ``DATE``/``TIME`` entities and the Matcher
    patterns of ``data/<lang>/time.json``, widened over words such as
    "since" and "end of", merged when adjacent ("Thursday" + "night") and
    de-overlapped (longest wins). Only candidates that resolve are written;
    the dateline itself is left out (it dates the article, not an event).
    """

    def __init__(self, vocab: Any = None, lang: str = "en") -> None:
        register_extensions()
        self.lang = lang
        self.lexicon = time_lexicon(lang)
        self.matcher: Matcher | None = None
        if vocab is not None:
            self.matcher = Matcher(vocab)
            for label, pattern in self.lexicon.matcher_patterns:
                self.matcher.add(label, [pattern])
        self.anchors = pattern_anchors([p for _, p in self.lexicon.matcher_patterns])
        self.longest = max((len(p) for _, p in self.lexicon.matcher_patterns), default=0)
        #: Whether a word is an anchor, by its text (its lower case and its
        #: LIKE_NUM flag come from its text): each distinct word tested once.
        self._is_anchor: dict[str, bool] = {}

    def __call__(self, doc: Doc) -> Doc:
        spans = self.match(doc)
        self.set_annotations(doc, spans)
        return doc

    def match(self, doc: Doc) -> list[tuple[Span, TimeValue]]:
        """Find and resolve the time expressions of ``doc``."""
        published = published_date(doc)
        dateline = doc_dateline(doc, self.lang)
        anchor = dateline.value if dateline else published
        candidates = [ent for ent in doc.ents if ent.label_ in ("DATE", "TIME")]
        if self.matcher is not None:
            candidates.extend(Span(doc, start, end) for start, end in self._pattern_matches(doc))
        candidates = [self._widen(span) for span in candidates]
        candidates = filter_spans(candidates)
        resolved: list[tuple[Span, TimeValue]] = []
        index = 0
        while index < len(candidates):
            span = candidates[index]
            # "Thursday" + "night", "Sunday" + "10 July": try the pair first.
            if index + 1 < len(candidates) and candidates[index + 1].start == span.end:
                pair = doc[span.start : candidates[index + 1].end]
                value = resolve_time_expression(pair.text, anchor, self.lang)
                if value is not None:
                    resolved.append((pair, value))
                    index += 2
                    continue
            value = resolve_time_expression(span.text, anchor, self.lang)
            if value is not None:
                resolved.append((span, value))
            index += 1
        if dateline is not None:
            resolved = [
                (span, value)
                for span, value in resolved
                if span.end_char <= dateline.start or span.start_char >= dateline.end
            ]
        return resolved

    def _pattern_matches(self, doc: Doc) -> list[tuple[int, int]]:
        """The Matcher's matches, found by running it only around anchor words.

        Every match holds the anchor token of its pattern (a required token,
        see :func:`pattern_anchors`), so windows of the longest pattern's
        length around the anchors hold every match: the same result as a
        run over the whole Doc, at a fraction of the cost on long articles.
        """
        assert self.matcher is not None
        if self.anchors is None:
            return [(start, end) for _, start, end in self.matcher(doc)]
        words, patterns, numbers = self.anchors
        reach = max(self.longest, 1)
        windows: list[list[int]] = []
        texts, lowers = token_strings(doc, ORTH), token_strings(doc, LOWER)
        like_nums: list[int] | None = None
        known = self._is_anchor
        if len(known) > _MAX_REMEMBERED_WORDS:
            known.clear()  # a long-running process meets ever new words
        for i, text in enumerate(texts):
            is_anchor = known.get(text)
            if is_anchor is None:
                if like_nums is None:
                    like_nums = doc.to_array(LIKE_NUM).tolist()
                is_anchor = known[text] = bool(
                    lowers[i] in words
                    or (numbers and like_nums[i])
                    or any(p.search(text) for p in patterns)
                )
            if not is_anchor:
                continue
            begin, end = max(0, i - reach + 1), min(len(doc), i + reach)
            if windows and begin <= windows[-1][1]:
                windows[-1][1] = max(windows[-1][1], end)
            else:
                windows.append([begin, end])
        found: list[tuple[int, int]] = []
        for begin, end in windows:
            found += [(begin + s, begin + e) for _, s, e in self.matcher(doc[begin:end])]
        return found

    def _widen(self, span: Span) -> Span:
        doc = span.doc
        start = span.start
        # Drop a leading "on"/"in": the expression is what follows.
        while start < span.end - 1 and doc[start].lower_ in ("on", "in", "at", "during"):
            start += 1
        for words in self.lexicon.left_extensions:
            begin = start - len(words)
            # the last word first: most extensions fail on it, no slice built
            if (
                begin >= 0
                and doc[start - 1].lower_ == words[-1]
                and tuple(t.lower_ for t in doc[begin:start]) == words
            ):
                start = begin
                break
        return doc[start : span.end]

    def set_annotations(self, doc: Doc, resolved: list[tuple[Span, TimeValue]]) -> None:
        """Store the spans under ``doc.spans["sitrep_times"]`` with their values."""
        spans = []
        for span, value in resolved:
            span._.sitrep_time = value
            spans.append(span)
        doc.spans[TIMES_KEY] = spans
