"""Regular-expression dates, numbers and proper names, for the draft splitter's check-worthiness
(verify extract) and the synthetic training pairs. Verdicts use the spaCy fact layer
(verify/facts) instead.

Pure functions with character offsets. Dates in a source resolve against its publication date
("On March 20" in an article of 2018-08-28 is 2018-03-20); dates in a claim keep only what the
claim states ("June 14" has no year).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from verify.facts.dates import MONTHS  # one table of month names for both fact readers

_MONTH = (
    r"(?P<month>(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?)"  # \b: "Marie" is not "Mar"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)"
PART_DAYS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}

_DATE_PATTERNS = [
    re.compile(rf"\b(?P<iso>{_YEAR}-(?P<imonth>[01]\d)-(?P<iday>[0-3]\d))\b"),
    re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?:,?\s+{_YEAR}\b)?"),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR}\b)?"),
    re.compile(rf"\b(?P<part>early|mid|late)[- ]{_MONTH}(?:,?\s+{_YEAR}\b)?", re.IGNORECASE),
    re.compile(rf"\b{_MONTH}(?:,?\s+{_YEAR}\b)?"),
    re.compile(rf"\b(?:in|since|by|until|during|of|from|early|late)\s+{_YEAR}\b"),
]
_RELATIVE = re.compile(
    r"\b(?:(?:on\s+)?the\s+same\s+day|(?P<n>a|one|two|three|four|five|six|seven|\d+)\s+(?P<unit>day|week)s?\s+later"
    r"|the\s+(?:next|following)\s+(?P<next>day|week))\b",
    re.IGNORECASE,
)
_SMALL_NUMBERS = {
    "a": 1,
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
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "hundred": 100,
}


@dataclass(frozen=True)
class DateMention:
    text: str
    start: int
    end: int
    year: int | None = None
    month: int | None = None
    day: int | None = None
    part: str | None = None  # "early" / "mid" / "late" of the month

    def __str__(self) -> str:
        if self.year and self.month and self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        month = dt.date(2000, self.month, 1).strftime("%B") if self.month else ""
        bits = [f"{self.part}-{month}" if self.part else month, str(self.day or ""), str(self.year or "")]
        return " ".join(b for b in bits if b) or self.text

    def day_range(self) -> tuple[int, int] | None:
        if self.day:
            return self.day, self.day
        return PART_DAYS.get(self.part or "")


def extract_dates(text: str, reference: dt.date | None = None) -> list[DateMention]:
    """Date mentions, longest match first at each position; months without a year resolve against
    `reference` (the last such date not after it); "the same day" / "a week later" against the
    previous full date in the text."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for pattern in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            mention = _mention(m, reference)
            if mention is not None:
                found.append(mention)
                taken.append((m.start(), m.end()))
    found.sort(key=lambda d: d.start)
    return _with_relatives(text, found)


def _mention(m: re.Match[str], reference: dt.date | None) -> DateMention | None:
    groups = m.groupdict()
    if groups.get("iso"):
        y, mo, d = int(groups["year"]), int(groups["imonth"]), int(groups["iday"])
        return DateMention(m.group(), m.start(), m.end(), y, mo, d) if _valid(y, mo, d) else None
    month = MONTHS.get((groups.get("month") or "").rstrip(".").lower())
    # "May" alone is too often the verb at a sentence start; only "in May" and the like count.
    lone_may = (groups.get("month") or "").rstrip(".") == "May" and not groups.get("day")
    preceding = m.string[max(0, m.start() - 7) : m.start()]
    if (
        lone_may
        and not groups.get("year")
        and not re.search(r"\b(?:in|of|since|until|by|early|mid|late)[- ]$", preceding)
    ):
        return None
    day = int(groups["day"]) if groups.get("day") else None
    year = int(groups["year"]) if groups.get("year") else None
    if day is not None and not 1 <= day <= 31:
        return None
    part = groups["part"].lower() if groups.get("part") else None
    if year is None and month is not None and reference is not None:
        year = reference.year if (month, day or 1) <= (reference.month, reference.day) else reference.year - 1
    if month is None and year is None:
        return None
    return DateMention(m.group(), m.start(), m.end(), year, month, day, part)


def _valid(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def _with_relatives(text: str, found: list[DateMention]) -> list[DateMention]:
    out = list(found)
    for m in _RELATIVE.finditer(text):
        anchor = next((d for d in reversed(found) if d.end <= m.start() and d.year and d.month and d.day), None)
        if anchor is None:
            continue
        if m.group("n"):
            count = _SMALL_NUMBERS.get(m.group("n").lower()) or int(m.group("n"))
            days = count * (7 if m.group("unit").lower() == "week" else 1)
        elif m.group("next"):
            days = 7 if m.group("next").lower() == "week" else 1
        else:
            days = 0
        assert anchor.year and anchor.month and anchor.day
        when = dt.date(anchor.year, anchor.month, anchor.day) + dt.timedelta(days=days)
        out.append(DateMention(m.group(), m.start(), m.end(), when.year, when.month, when.day))
    out.sort(key=lambda d: d.start)
    return out


# ---- numbers ------------------------------------------------------------------------------

_QUALIFIERS = {
    "more than": ">",
    "over": ">",
    "above": ">",
    "exceeding": ">",
    "at least": ">=",
    "no fewer than": ">=",
    "less than": "<",
    "fewer than": "<",
    "under": "<",
    "below": "<",
    "at most": "<=",
    "up to": "<=",
    "about": "~",
    "around": "~",
    "roughly": "~",
    "approximately": "~",
    "some": "~",
    "nearly": "~<",
    "almost": "~<",
    "just under": "~<",
    "just over": "~>",
}
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "k": 1e3, "m": 1e6, "bn": 1e9}
_NUMBER = re.compile(
    r"(?P<qual>\b(?:" + "|".join(sorted(map(re.escape, _QUALIFIERS), key=len, reverse=True)) + r")\s+)?"
    r"(?P<cur>[$€£¥])?(?P<num>\d[\d,]*(?:\.\d+)?|\b(?:" + "|".join(k for k in _SMALL_NUMBERS if k != "a") + r")\b)"
    r"(?:\s*(?P<scale>thousand|million|billion|trillion|bn|k|m)\b)?"
    r"(?:\s*(?P<pct>%|percent\b|per cent\b))?"
    r"(?:[\s-]+(?P<unit>[a-z]+))?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class NumberMention:
    text: str
    start: int
    end: int
    value: float
    qualifier: str = "="  # one of = > >= < <= ~ ~< ~>
    kind: str = ""  # "$", "%", or the unit word that follows ("users", "tons")

    def bounds(self) -> tuple[float, float]:
        """The interval of values the mention allows."""
        v, q = self.value, self.qualifier
        return {
            "=": (v * 0.995, v * 1.005),
            ">": (v * 1.000001, float("inf")),
            ">=": (v, float("inf")),
            "<": (float("-inf"), v * 0.999999),
            "<=": (float("-inf"), v),
            "~": (v * 0.9, v * 1.1),
            "~<": (v * 0.9, v),
            "~>": (v, v * 1.1),
        }[q]


def extract_numbers(text: str, dates: list[DateMention] | None = None) -> list[NumberMention]:
    """Quantities in the text; digits that belong to a date (a day, a year) are not numbers."""
    dates = extract_dates(text) if dates is None else dates
    out = []
    for m in _NUMBER.finditer(text):
        start = m.start("num") if not m.group("cur") else m.start("cur")
        if any(d.start <= m.start("num") < d.end for d in dates):
            continue
        raw = m.group("num").lower()
        value = float(_SMALL_NUMBERS[raw]) if raw in _SMALL_NUMBERS else float(raw.replace(",", ""))
        if re.fullmatch(r"(?:1[89]|20)\d\d", raw) and not (m.group("cur") or m.group("scale") or m.group("pct")):
            continue  # a bare year such as "2018"
        scale = (m.group("scale") or "").lower()
        value *= _SCALES.get(scale, 1.0)
        kind = m.group("cur") or ("%" if m.group("pct") else _singular((m.group("unit") or "").lower()))
        qualifier = _QUALIFIERS.get(" ".join((m.group("qual") or "").lower().split()), "=")
        out.append(NumberMention(text[start : m.end()].strip(), start, m.end(), value, qualifier, kind))
    return out


def _singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and len(word) > 3 else word


# ---- names -----------------------------------------------------------------------------

_NAME = re.compile(r"\b[A-Z][\w’'\-]*(?:\s+(?:of\s+|de\s+|the\s+)?[A-Z][\w’'\-]*)*")
_NOT_NAMES = {
    "the",
    "a",
    "an",
    "on",
    "in",
    "at",
    "it",
    "he",
    "she",
    "they",
    "we",
    "i",
    "but",
    "and",
    "this",
    "that",
    "according",
    "regardless",
    "after",
    "before",
    "during",
    "when",
    "while",
    "if",
    "as",
    "by",
    "for",
    "from",
    "with",
    "since",
    "his",
    "her",
    "its",
    "their",
    "our",
    "there",
    "what",
    "who",
    "mr",
    "mrs",
    "ms",
    "dr",
}


def extract_names(text: str) -> list[str]:
    """Capitalised phrases (people, organisations, places), possessive "'s" removed, dates left out."""
    names = []
    phrases = (p for m in _NAME.finditer(text) for p in re.split(r"[’']s\b\s*", m.group()) if p)
    for phrase in phrases:
        words = phrase.split()
        while words and (words[0].lower() in _NOT_NAMES or words[0].rstrip(".").lower() in MONTHS):
            words = words[1:]
        while words and words[-1].rstrip(".").lower() in MONTHS:
            words = words[:-1]
        if words and not (len(words) == 1 and words[0].isdigit()):
            names.append(" ".join(words))
    return names
