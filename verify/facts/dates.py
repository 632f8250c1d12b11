"""Dates as intervals of days, the way a reader resolves them.

A source's dates resolve against the article: a date without a year takes the year that puts it
on or before the publication date (after it, in a sentence about the future); "Tuesday" is the
last Tuesday before publication; "the same day", "two days later", "a week earlier" count from
the date before them. A claim's dates keep only what the claim says: "June 14" has no year,
"mid-June" is June 11-20 of any year, "early 2027" January to May, "in the spring" is March 20 -
June 20.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from verify.facts.numbers import parse_number

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
# A month named as writers name one: capitalised ("May", "Nov."), so the verb "may" is no month.
_A_MONTH = re.compile(r"\b(?:" + "|".join(sorted((m.capitalize() for m in MONTHS), key=len, reverse=True)) + r")\b")


def names_a_month(text: str) -> bool:
    """Whether the text names a calendar month ("Nov. 6 to two and a half years")."""
    return bool(_A_MONTH.search(text))


WEEKDAYS = {
    name: i
    for i, names in enumerate(
        [("monday", "mon"), ("tuesday", "tue", "tues"), ("wednesday", "wed"), ("thursday", "thu", "thurs"),
         ("friday", "fri"), ("saturday", "sat"), ("sunday", "sun")]
    )
    for name in names
}  # fmt: skip
SEASONS = {
    "spring": ((3, 20), (6, 20)),
    "summer": ((6, 21), (9, 22)),
    "autumn": ((9, 23), (12, 20)),
    "fall": ((9, 23), (12, 20)),
    "winter": ((12, 21), (3, 19)),
}
PARTS = {"early": (1, 10), "beginning": (1, 10), "start": (1, 10), "mid": (11, 20), "middle": (11, 20)}
PARTS |= {"late": (21, 31), "end": (21, 31)}
NEAR_FUTURE_DAYS = 31
# A year-less date of a verb not in the past, in a sentence that dates another event in the days
# before the article ("voted on Wednesday to raise the fare starting July 1"), is the next one
# after that event when it comes within this many days of it: the sentence's dates go together.
NEAR_EVENT_DAYS = 122
UNIT_DAYS = {"day": 1, "week": 7, "fortnight": 14, "month": 30, "year": 365}
# A length of time in days: a month is a twelfth of a year here, so "72 months" is "six years"
# and "30 months" is "two and a half years" (dates step by UNIT_DAYS's 30-day month instead).
_DURATION_DAYS = {"minute": 1 / 1440, "hour": 1 / 24, "decade": 3650} | UNIT_DAYS | {"month": 365 / 12}
_AND_A_HALF = re.compile(r"\s+and\s+a\s+half\b")
_HALF_A = re.compile(r"\bhalf an? (hour|day|week|fortnight|month|year|decade)\b")
# Words that make a DATE entity something other than a calendar date.
NOT_A_DATE = re.compile(r"\b(?:minutes?|seconds?|quarters?|halves|half|innings?|overtime|periods?|rounds?)\b")
AGE = re.compile(r"\b(\d{1,3})[- ]years?[- ]old\b|\bage(?:d| of)\s+(\d{1,3})\b|\b(\d{1,3})[- ]year[- ]old\b")

_MONTH_RE = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b\.?"
_YEAR_RE = r"(?P<year>(?:1[5-9]|20)\d\d)"
_FULL = [
    re.compile(rf"\b(?P<iso>{_YEAR_RE}-(?P<im>[01]\d)-(?P<id>[0-3]\d))\b"),
    re.compile(rf"\b{_MONTH_RE}\s*(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b(?:,?\s*{_YEAR_RE})?"),
    re.compile(rf"\b(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_RE}(?:,?\s*{_YEAR_RE})?"),
]
_PART = re.compile(
    r"\b(?P<part>early|mid|middle|late|beginning|start|end)(?:[- ]|\s+of\s+)(?:the\s+)?" + _MONTH_RE
    + rf"(?:,?\s*{_YEAR_RE})?"
)  # fmt: skip
_MONTH_ONLY = re.compile(rf"\b{_MONTH_RE}(?:,?\s*(?:of\s+)?{_YEAR_RE})?")
_SEASON = re.compile(
    r"\b(?:(?P<which>next|coming|last|past|(?:earlier|later)\s+this|this)\s+)?"
    r"(?P<part>early|late|mid)?[- ]?(?P<season>spring|summer|autumn|fall|winter)\b(?:\s+(?:of\s+)?" + _YEAR_RE + ")?"
)
_YEAR = re.compile(rf"\b{_YEAR_RE}\b")
_DECADE = re.compile(r"\b(?P<decade>(?:1[5-9]|20)\d)0s\b")
_N = r"(?P<n>a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a few|several|\d+)"
_SHIFT = re.compile(
    rf"\b{_N}\s+(?P<unit>day|week|fortnight|month|year)s?\s+(?P<dir>later|after|earlier|before|ago|on)\b"
)
_NEXT = re.compile(
    r"\b(?:the\s+)?(?P<which>same|that|next|following|previous|prior)\s+"
    r"(?P<unit>day|week|month|year|morning|afternoon|evening|night)\b"
    r"|\bthe\s+(?P<unit2>day|week)\s+(?P<dir>before|after)\b"
)
_PARTS_OF_A_DAY = frozenset({"morning", "afternoon", "evening", "night"})
_NAMED_DAY = re.compile(r"\b(?P<word>today|yesterday|tomorrow|tonight)\b")
_REF_UNIT = re.compile(r"\b(?P<which>last|this|next|past)\s+(?P<unit>week|month|year)\b")
_WEEKDAY = re.compile(
    r"\b(?:(?P<which>last|this|next|past)\s+)?(?P<wd>" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")\b\.?"
)


@dataclass(frozen=True)
class DateValue:
    """An interval of days. `year` None: the text did not say (month-day comparisons only)."""

    first: tuple[int | None, int, int] | None  # (year, month, day)
    last: tuple[int | None, int, int] | None
    weekday: int | None = None

    def iso(self) -> tuple[str | None, str | None]:
        return _iso(self.first), _iso(self.last)


# A date the text gives but the article's own date is needed to place ("last year", "yesterday" in
# a source without one): still a date of its sentence, so a date of the same verb there is not
# the only one, but never agreeing or conflicting with anything.
UNKNOWN_DAY = DateValue(None, None)


def _iso(point: tuple[int | None, int, int] | None) -> str | None:
    if point is None:
        return None
    y, m, d = point
    return f"{y:04d}-{m:02d}-{d:02d}" if y is not None else f"--{m:02d}-{d:02d}"


def _last_day(year: int | None, month: int) -> int:
    if month == 12:
        return 31
    probe = dt.date(year or 2001, month + 1, 1) - dt.timedelta(days=1)
    return probe.day


def _day(d: dt.date) -> DateValue:
    return DateValue((d.year, d.month, d.day), (d.year, d.month, d.day))


def _span(a: dt.date, b: dt.date) -> DateValue:
    return DateValue((a.year, a.month, a.day), (b.year, b.month, b.day))


# "between 2017 and 2022", "from May to July", "2017-2022": one interval from the first's start
# to the second's end. Each side must be a date by itself ("mid-June" and "2017-18" are not ranges).
_RANGE = re.compile(
    r"^(?:(?P<between>between)\s+|from\s+)?(?P<a>.+?)(?:\s+(?P<join>and|to|through|until)\s+|\s*-\s*)(?P<b>.+)$"
)


def _range(
    t: str, reference: dt.date | None, anchor: Anchor | None, future: bool, after: dt.date | None
) -> DateValue | None:
    m = _RANGE.match(t)
    if m is None or (m.group("join") == "and") != bool(m.group("between")):
        return None  # "and" joins a range only after "between"; "between" takes only "and"
    first, second = m.group("a"), m.group("b")
    year = _YEAR.search(second)
    if year and not _YEAR.search(first):
        first = f"{first} {year.group()}"  # "from May to July 2019": May 2019
    a = parse_date(first, reference, anchor, future, after)
    if a is not None and a.first is not None and a.first == a.last and re.fullmatch(r"[0-3]?\d", second):
        y, month, _ = a.first  # "June 1 to 15": the 15th of the same month
        day = int(second)
        b = DateValue((y, month, day), (y, month, day)) if a.first[2] < day <= _last_day(y, month) else None
    else:
        b = parse_date(second, reference, anchor, future, after)
    if a is None or b is None or a.first is None or b.last is None or a.last is None or b.first is None:
        return None
    if (a.first[0] is None) != (b.last[0] is None):
        return None
    if a.first[0] is not None and dt.date(*a.first) > dt.date(*b.last):  # type: ignore[arg-type]
        return None
    return DateValue(a.first, b.last)


def _year_for(
    month: int, day: int, reference: dt.date | None, future: bool, after: dt.date | None = None
) -> int | None:
    """The year a year-less date has in an article of `reference`: on or before it (after it when
    the sentence speaks of the future, or soon after `after`, another event of its sentence)."""
    if reference is None:
        return None
    year = _default_year(month, day, reference, future)
    if after is not None:
        following = next(y for y in (after.year, after.year + 1) if _on(y, month, day) >= after)
        if _on(year, month, day) < after and (_on(following, month, day) - after).days <= NEAR_EVENT_DAYS:
            return following
    return year


def _on(year: int, month: int, day: int) -> dt.date:
    return dt.date(year, month, min(day, _last_day(year, month)))


def _default_year(month: int, day: int, reference: dt.date, future: bool) -> int:
    if future:
        return reference.year if (month, day) >= (reference.month, reference.day) else reference.year + 1
    if (month, day) <= (reference.month, reference.day):
        # ... unless it is the coming one, across New Year ("the vote on Jan. 5" in a story of Dec. 28)
        coming = _on(reference.year + 1, month, day) - reference
        return reference.year + 1 if coming.days <= NEAR_FUTURE_DAYS else reference.year
    # A date a few weeks after the article is the coming one ("the hearing on June 15" in a story
    # of June 2), not one nearly a year before it, which a reporter would give with its year.
    ahead = dt.date(reference.year, month, min(day, _last_day(reference.year, month))) - reference
    return reference.year if ahead.days <= NEAR_FUTURE_DAYS else reference.year - 1


def parse_date(
    text: str,
    reference: dt.date | None = None,
    anchor: Anchor | None = None,
    future: bool = False,
    after: dt.date | None = None,
) -> DateValue | None:
    """The interval a DATE expression names, or None when it is not a calendar date (a duration,
    "the 23rd minute", an age). `reference` is the article's date, `anchor` the last date before
    this one in the text (a day, or a whole month or year) (for "the same day", "two days later"),
    `after` a day of its sentence's that a year-less date not in the past follows (see
    NEAR_EVENT_DAYS)."""
    t = text.lower().replace("\u2019", "'").replace("\u2013", "-").strip()
    part = _part_of_year(t, reference)
    if part is not None:
        return part
    if NOT_A_DATE.search(t) or AGE.search(t):
        return None
    span = _range(t, reference, anchor, future, after)
    if span is not None:
        return span
    for pattern in _FULL:
        m = pattern.search(t)
        if m:
            return _full(m, reference, future, after)
    m = _PART.search(t)
    if m:
        month = MONTHS[m.group("month")]
        lo, hi = PARTS[m.group("part")]
        year = int(m.group("year")) if m.group("year") else _year_for(month, lo, reference, future, after)
        return DateValue((year, month, lo), (year, month, min(hi, _last_day(year, month))))
    shifted = _shifted(t, reference, anchor)
    if shifted is not None:
        return shifted
    m = _NAMED_DAY.search(t)
    if m:
        if reference is None:
            return UNKNOWN_DAY
        delta = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[m.group("word")]
        return _day(reference + dt.timedelta(days=delta))
    m = _WEEKDAY.search(t)
    if m:
        return _weekday(m, reference, future or m.group("which") == "next")
    m = _MONTH_ONLY.search(t)
    if m:  # "May" counts: the tagger called it a date, not the verb
        month = MONTHS[m.group("month")]
        year = int(m.group("year")) if m.group("year") else _year_for(month, 1, reference, future, after)
        return DateValue((year, month, 1), (year, month, _last_day(year, month)))
    m = _SEASON.search(t)
    if m:
        (m1, d1), (m2, d2) = SEASONS[m.group("season")]
        year = int(m.group("year")) if m.group("year") else None
        if year is None and reference is not None:
            year = _season_year((m1, d1), (m2, d2), reference, m.group("which"), future)
        end_year = year + 1 if year is not None and m2 < m1 else year
        return DateValue((year, m1, d1), (end_year, m2, d2))
    m = _REF_UNIT.search(t)
    if m:
        return _reference_unit(m.group("which"), m.group("unit"), reference) if reference else UNKNOWN_DAY
    m = _DECADE.search(t)
    if m:
        start = int(m.group("decade")) * 10
        return DateValue((start, 1, 1), (start + 9, 12, 31))
    m = _YEAR.search(t)
    if m:
        year = int(m.group("year"))
        return DateValue((year, 1, 1), (year, 12, 31))
    return None


_PART_OF_YEAR = re.compile(
    r"\b(?P<which>first|second|third|fourth|last|final)\s+(?:(?P<part>half|quarter)|(?P<n>two|three|four|six|nine|\d+)"
    r"\s+months)\s+of\s+(?:(?P<year>(?:1[89]|20)\d\d)|(?:the|this)\s+year)\b"
)
# "early 2027", "the start of 2027", "mid-2027", "the end of 2027": about a third of the year, as
# "early June" is a third of the month (PARTS); the parts overlap by a month, as a reader's "early
# 2027" may take in May. The whole date only: "from March 2026 to the end of 2027" is a range.
_THIRD_OF_YEAR = re.compile(
    r"(?:(?:in|by|at|until|till|since|from|before|after|around|about)\s+)?(?:the\s+)?"
    r"(?P<part>early|mid|middle|late|beginning|start|end)(?:[- ]|\s+of\s+)(?P<year>(?:1[89]|20)\d\d)"
)
YEAR_THIRDS = {"early": (1, 5), "beginning": (1, 5), "start": (1, 5), "mid": (4, 9), "middle": (4, 9)}
YEAR_THIRDS |= {"late": (8, 12), "end": (8, 12)}
_ORDINAL_PART = {"first": 1, "second": 2, "third": 3, "fourth": 4}
_MONTH_COUNTS = {"two": 2, "three": 3, "four": 4, "six": 6, "nine": 9}


def _part_of_year(t: str, reference: dt.date | None) -> DateValue | None:
    """ "the first half of 2019", "the fourth quarter of 2024", "the first six months of the year",
    "early 2027": the months they span, or None (no such phrase, or no year to put it in)."""
    third = _THIRD_OF_YEAR.fullmatch(t)
    if third is not None:
        whole, (first_month, last_month) = int(third.group("year")), YEAR_THIRDS[third.group("part")]
        return DateValue((whole, first_month, 1), (whole, last_month, _last_day(whole, last_month)))
    m = _PART_OF_YEAR.search(t)
    if m is None:
        return None
    year = int(m.group("year")) if m.group("year") else reference.year if reference else None
    if year is None:
        return None
    which = m.group("which")
    size = 6 if m.group("part") == "half" else 3 if m.group("part") == "quarter" else None
    if size is None:
        n = m.group("n")
        size = int(n) if n.isdigit() else _MONTH_COUNTS[n]
        if not 0 < size <= 12 or which not in ("first", "last", "final"):
            return None
    first_month = 13 - size if which in ("last", "final") else (_ORDINAL_PART[which] - 1) * size + 1
    last_month = first_month + size - 1
    if last_month > 12:
        return None  # "the third half"
    return DateValue((year, first_month, 1), (year, last_month, _last_day(year, last_month)))


def _season_year(
    start: tuple[int, int], end: tuple[int, int], reference: dt.date, which: str | None, future: bool
) -> int:
    """The year a season without one starts in, said in an article of `reference`: "next spring"
    the first to start after it, "last spring" the last to end before it, "this fall" (or
    "earlier/later this fall") the one of its calendar year ("this winter" the one that began
    the December before, in the first half of the year, else the coming one); a bare season the
    last to start on or before it (the next one in a sentence about the future)."""

    def span(year: int) -> tuple[dt.date, dt.date]:
        return _on(year, *start), _on(year + 1 if end < start else year, *end)

    years = [reference.year - 2, reference.year - 1, reference.year, reference.year + 1]
    which = " ".join(which.split()) if which else ""
    if which in ("next", "coming") or (not which and future):
        return next(y for y in years if span(y)[0] > reference)
    if which in ("last", "past"):
        return max(y for y in years if span(y)[1] < reference)
    if which:  # "this", "earlier this", "later this"
        across_new_year = end < start
        return reference.year - 1 if across_new_year and reference.month <= 6 else reference.year
    return max(y for y in years if span(y)[0] <= reference)


def _full(m: re.Match[str], reference: dt.date | None, future: bool, after: dt.date | None) -> DateValue | None:
    groups = m.groupdict()
    if groups.get("iso"):
        y, mo, d = int(groups["year"]), int(groups["im"]), int(groups["id"])
    else:
        mo, d = MONTHS[groups["month"]], int(groups["day"])
        y = int(groups["year"]) if groups.get("year") else _year_for(mo, d, reference, future, after)  # type: ignore[assignment]
    try:
        dt.date(y or 2000, mo, d)
    except ValueError:
        return None
    return DateValue((y, mo, d), (y, mo, d))


def _count(word: str) -> float:
    return parse_number(word) or (3.0 if word in ("a few", "several") else 1.0)


Anchor = dt.date | tuple[dt.date, dt.date]


def _anchor_span(anchor: Anchor | None) -> tuple[dt.date, dt.date] | None:
    if anchor is None:
        return None
    return anchor if isinstance(anchor, tuple) else (anchor, anchor)


def _shifted(t: str, reference: dt.date | None, anchor: Anchor | None) -> DateValue | None:
    """ "two days later", "a week earlier", "the next day", "the following year": counted from the
    date before it (`anchor`: a day, or a whole month or year such as "in 2001"), or from the
    article's date ("three weeks ago")."""
    span = _anchor_span(anchor)
    m = _SHIFT.search(t)
    if m:
        n = _count(m.group("n"))
        unit, direction = m.group("unit"), m.group("dir")
        sign = -1 if direction in ("earlier", "before", "ago") else 1
        if direction == "ago":
            span = (reference, reference) if reference is not None else None
        if span is None or direction == "on":
            return None
        if span[0] != span[1]:  # "two years later" after "in 2001": 2003
            return _shift_period(span, unit, sign * n)
        days = n * UNIT_DAYS[unit]
        when = span[0] + dt.timedelta(days=sign * days)
        slack = 0 if unit in ("day", "week") else int(days * 0.1)
        return _span(when - dt.timedelta(days=slack), when + dt.timedelta(days=slack))
    m = _NEXT.search(t)
    if m and span is not None:
        unit = m.group("unit") or m.group("unit2")
        unit = "day" if unit in _PARTS_OF_A_DAY else unit  # "the next morning" is the next day
        which = m.group("which") or ("previous" if m.group("dir") == "before" else "next")
        if unit != "day" and which in ("same", "that"):
            return None
        sign = {"same": 0, "that": 0, "next": 1, "following": 1, "previous": -1, "prior": -1}[which]
        if span[0] != span[1]:
            return _shift_period(span, unit, sign)
        when = span[0] + dt.timedelta(days=sign * UNIT_DAYS[unit])
        slack = 0 if unit == "day" else UNIT_DAYS[unit] // 2
        return _span(when - dt.timedelta(days=slack), when + dt.timedelta(days=slack))
    return None


def _shift_period(span: tuple[dt.date, dt.date], unit: str, n: float) -> DateValue | None:
    """A whole year or month moved by years or months ("two years later" after 2001 is 2003); a
    shift in days or weeks from a month or a year says no day, so nothing."""
    a, b = span
    whole_year = (a.month, a.day, b.month, b.day) == (1, 1, 12, 31) and a.year == b.year
    whole_month = a.day == 1 and (a.year, a.month) == (b.year, b.month) and b.day == _last_day(b.year, b.month)
    if n != int(n):
        return None
    if unit == "year" and (whole_year or whole_month):
        year = a.year + int(n)
        return DateValue((year, a.month, 1), (year, b.month, _last_day(year, b.month)))
    if unit == "month" and whole_month:
        index = a.year * 12 + a.month - 1 + int(n)
        year, month = divmod(index, 12)
        return DateValue((year, month + 1, 1), (year, month + 1, _last_day(year, month + 1)))
    return None


def _weekday(m: re.Match[str], reference: dt.date | None, future: bool) -> DateValue:
    wd = WEEKDAYS[m.group("wd")]
    if reference is None:
        return DateValue(None, None, wd)
    if future:
        ahead = (wd - reference.weekday()) % 7
        when = reference + dt.timedelta(days=ahead or 7)
    else:
        back = (reference.weekday() - wd) % 7
        if m.group("which") == "last" and back == 0:
            back = 7
        when = reference - dt.timedelta(days=back)
    value = _day(when)
    return DateValue(value.first, value.last, wd)


def _reference_unit(which: str, unit: str, reference: dt.date) -> DateValue:
    if unit == "year":
        year = reference.year + {"last": -1, "past": -1, "this": 0, "next": 1}[which]
        if which == "past":
            return _span(reference - dt.timedelta(days=365), reference)
        return DateValue((year, 1, 1), (year, 12, 31))
    if unit == "month":
        if which == "past":
            return _span(reference - dt.timedelta(days=31), reference)
        month, year = reference.month + {"last": -1, "this": 0, "next": 1}[which], reference.year
        if month == 0:
            month, year = 12, year - 1
        if month == 13:
            month, year = 1, year + 1
        return DateValue((year, month, 1), (year, month, _last_day(year, month)))
    start = reference - dt.timedelta(days=reference.weekday())
    start += dt.timedelta(days={"last": -7, "past": -7, "this": 0, "next": 7}[which])
    return _span(start, start + dt.timedelta(days=6))


def parse_duration(text: str) -> float | None:
    """Days in a length of time ("a week" 7, "34 years" 12,410, "about five hours" 0.21)."""
    t = text.lower().strip()
    alone = _HALF_A.search(t)  # "half an hour"
    if alone:
        return round(0.5 * _DURATION_DAYS[alone.group(1)], 6)
    # "two and a half years", "a year and a half": the half is added to the count
    half = 0.5 if _AND_A_HALF.search(t) else 0.0
    t = _AND_A_HALF.sub(" ", t)
    m = re.search(r"(?P<n>[\w.,]+(?:\s+\w+)?)?[\s-]+(?P<unit>hour|minute|day|week|fortnight|month|year|decade)s?\b", t)
    if not m:
        m2 = re.search(r"\b(?P<unit>hour|day|week|fortnight|month|year|decade)\b", t)
        if not m2:
            return None
        count, unit = 1.0, m2.group("unit")
    else:
        count = parse_number(m.group("n") or "") or 1.0
        unit = m.group("unit")
    return round((count + half) * _DURATION_DAYS[unit], 6)


def gap_days(a: DateValue, b: DateValue) -> int:
    """Days between the near ends of two disjoint intervals, counted within one (leap) year where
    either lacks a year; a very large number when an end is open."""
    ends = (a.first, a.last, b.first, b.last)
    if any(e is None for e in ends):
        return 10**6
    yearless = any(e[0] is None for e in ends if e is not None)

    def day(point: tuple[int | None, int, int] | None) -> dt.date:
        assert point is not None
        year, month, date = point
        return dt.date(2000 if yearless or year is None else year, month, date)

    return min(abs((day(b.first) - day(a.last)).days), abs((day(a.first) - day(b.last)).days))


def compare(claim: DateValue, source: DateValue) -> str:
    """'agree' (the source's date lies inside the claim's), 'conflict' (they cannot be the same
    date) or 'unsure' (they overlap, or one side is too vague to say)."""
    if claim.weekday is not None and source.first is not None and source.first == source.last:
        y, m, d = source.first
        if y is not None and dt.date(y, m, d).weekday() != claim.weekday:
            return "conflict"
        if claim.first is None:
            return "agree" if y is not None else "unsure"
    if claim.first is None or claim.last is None or source.first is None or source.last is None:
        return "unsure"
    if None not in (claim.first[0], claim.last[0], source.first[0], source.last[0]):
        c0, c1 = dt.date(*claim.first), dt.date(*claim.last)  # type: ignore[arg-type]
        s0, s1 = dt.date(*source.first), dt.date(*source.last)  # type: ignore[arg-type]
        if s1 < c0 or c1 < s0:
            return "conflict"
        return "agree" if c0 <= s0 and s1 <= c1 else "unsure"
    # A side without a year: compare within the year (month, day), wrapping at New Year.
    c = _yearless(claim)
    s = _yearless(source)
    if c is None or s is None:
        return "unsure"
    if not _overlaps(c, s):
        return "conflict"
    whole_year = (claim.first[1:], claim.last[1:]) == ((1, 1), (12, 31))
    if whole_year and claim.first[0] is not None and source.first[0] is None:
        return "unsure"  # a year the claim names: a date given without one has no part of it to agree on
    return "agree" if _inside(s, c) else "unsure"


def _yearless(value: DateValue) -> list[tuple[int, int]] | None:
    """Day-of-year ranges (1-366) of an interval, two when it wraps at New Year; None over a year."""
    assert value.first is not None and value.last is not None
    a = dt.date(2000, value.first[1], value.first[2]).timetuple().tm_yday
    b = dt.date(2000, value.last[1], value.last[2]).timetuple().tm_yday
    y0, y1 = value.first[0], value.last[0]
    if y0 is not None and y1 is not None and (y1 - y0 > 1 or (y1 - y0 == 1 and b >= a)):
        return None
    return [(a, b)] if a <= b else [(a, 366), (1, b)]


def _overlaps(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> bool:
    return any(x0 <= y1 and y0 <= x1 for x0, x1 in a for y0, y1 in b)


def _inside(inner: list[tuple[int, int]], outer: list[tuple[int, int]]) -> bool:
    return all(any(o0 <= i0 and i1 <= o1 for o0, o1 in outer) for i0, i1 in inner)


def as_value(first: str | None, last: str | None, weekday: int | None) -> DateValue:
    """A stored DATE fact back as a DateValue."""
    return DateValue(_point(first), _point(last), weekday)


def _point(iso: str | None) -> tuple[int | None, int, int] | None:
    if iso is None:
        return None
    if iso.startswith("--"):
        return None, int(iso[2:4]), int(iso[5:7])
    return int(iso[:4]), int(iso[5:7]), int(iso[8:10])


def shift(value: DateValue, days: float, slack: int = 0) -> DateValue | None:
    """The interval `days` after (before, if negative) a dated event, widened by `slack` days."""
    if value.first is None or value.last is None or value.first[0] is None or value.last[0] is None:
        return None
    a = dt.date(*value.first) + dt.timedelta(days=days - slack)  # type: ignore[arg-type]
    b = dt.date(*value.last) + dt.timedelta(days=days + slack)  # type: ignore[arg-type]
    return _span(a, b)


def before_or_after(value: DateValue, after: bool) -> DateValue | None:
    """Every day strictly after (or before) a dated event, within a century (a year as "before the
    plant closed" can lie decades back)."""
    if value.first is None or value.last is None or value.first[0] is None or value.last[0] is None:
        return None
    if after:
        start = dt.date(*value.last) + dt.timedelta(days=1)  # type: ignore[arg-type]
        return _span(start, start + dt.timedelta(days=36500))
    end = dt.date(*value.first) - dt.timedelta(days=1)  # type: ignore[arg-type]
    return _span(end - dt.timedelta(days=36500), end)


def distance(a: DateValue, b: DateValue) -> int:
    """Days between two intervals' starts, within the year when either lacks one (to cite the
    rival date nearest a claim's: "June 15" against "June 14", not "May 11")."""
    if a.first is None or b.first is None:
        return 10**6
    da = dt.date(2000, a.first[1], a.first[2]).timetuple().tm_yday
    db = dt.date(2000, b.first[1], b.first[2]).timetuple().tm_yday
    years = abs((a.first[0] or 0) - (b.first[0] or 0)) if a.first[0] and b.first[0] else 0
    return years * 366 + abs(da - db)
