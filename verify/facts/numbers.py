"""Reading figures as newsrooms write them: digits, words ("thirty-four", "a dozen", "twice"),
scale words ("$48.2 million"), and the comparator in front ("more than 60", "nearly 100")."""

from __future__ import annotations

import re

UNITS = {
    "zero": 0, "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALES = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
SHORT_SCALES = {"k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12}
MULTIPLES = {"once": 1, "twice": 2, "thrice": 3, "dozen": 12, "dozens": 12, "score": 20}
FRACTIONS = {"half": 0.5, "third": 1 / 3, "thirds": 1 / 3, "quarter": 0.25, "quarters": 0.25}
FRACTIONS |= {"fifth": 0.2, "fifths": 0.2, "tenth": 0.1, "tenths": 0.1}

# Longest first, so "no more than" wins over "more than".
COMPARATORS = {
    "no more than": "<=", "no fewer than": ">=", "no less than": ">=", "not more than": "<=",
    "more than": ">", "greater than": ">", "over": ">", "above": ">", "exceeding": ">", "upwards of": ">",
    "in excess of": ">", "at least": ">=", "a minimum of": ">=", "less than": "<", "fewer than": "<",
    "under": "<", "below": "<", "at most": "<=", "up to": "<=", "a maximum of": "<=", "as many as": "<=",
    "as much as": "<=", "as long as": "<=",
    "about": "~", "around": "~", "roughly": "~", "approximately": "~", "some": "~", "an estimated": "~",
    "estimated": "~", "close to": "~<", "nearly": "~<", "almost": "~<", "just under": "~<",
    "just shy of": "~<", "just over": "~>", "just above": "~>", "more than double": ">", "almost double": "~<",
    # a verb that passes the figure ("will top $31,000"; not "the top 10")
    "tops": ">", "topped": ">", "topping": ">", "will top": ">", "would top": ">", "to top": ">",
    "exceeds": ">", "exceeded": ">", "will exceed": ">", "to exceed": ">", "surpassed": ">", "surpasses": ">",
}  # fmt: skip
_COMPARATOR = re.compile(
    r"\b(?:" + "|".join(re.escape(c) for c in sorted(COMPARATORS, key=len, reverse=True)) + r")\b", re.IGNORECASE
)
_DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+")
_WORD = re.compile(r"[a-z]+", re.IGNORECASE)


def comparator_in(text: str) -> str:
    """The comparator a phrase ends with or contains ("More than 60" -> ">"), "=" if none."""
    found = _COMPARATOR.findall(text)
    return COMPARATORS[found[-1].lower()] if found else "="


# A bound written after the figure: "prizes of $600 or more", "groups of 10 or fewer".
_BOUND_AFTER = re.compile(
    r"^\s*(?:or|and)\s+(?:(?P<up>more|over|higher|above|greater|up|longer|older)"
    r"|(?P<down>less|fewer|under|lower|below|shorter|younger))\b",
    re.IGNORECASE,
)


def comparator_after(text: str) -> str:
    """The bound the words right after a figure put on it ("or more" -> ">="), "=" if none."""
    m = _BOUND_AFTER.match(text)
    if m is None:
        return "="
    return ">=" if m.group("up") else "<="


def parse_number(text: str) -> float | None:
    """The value of a figure's wording: "48.2 million" -> 48.2e6, "Thirty-four" -> 34,
    "a dozen" -> 12, "two-thirds" -> 0.667, "$2m" -> 2e6; None when it holds no number."""
    lowered = text.lower().replace("\u2013", "-")
    digits = _DIGITS.search(lowered)
    words = [w for w in _WORD.findall(lowered.replace("-", " "))]
    if digits:
        value = float(digits.group().replace(",", ""))
        tail = lowered[digits.end() :].strip()
        short = re.match(r"([a-z]+)\b", tail)
        if short and short.group(1) in SHORT_SCALES:
            return value * SHORT_SCALES[short.group(1)]
        for word in words:
            if word in SCALES and word != "hundred":
                return value * SCALES[word]
            if word == "hundred":
                value *= 100
        return value
    return _words_value(words)


def _words_value(words: list[str]) -> float | None:
    total, current, seen = 0.0, 0.0, False
    fraction_of: float | None = None
    for word in words:
        if word in UNITS and not (word in ("a", "an") and seen):
            current += UNITS[word]
            seen = seen or word not in ("a", "an")
            if word in ("a", "an"):
                current = max(current, 1)
        elif word in TENS:
            current += TENS[word]
            seen = True
        elif word == "hundred":
            current = max(current, 1) * 100
            seen = True
        elif word in SCALES or word in MULTIPLES:
            factor = SCALES.get(word) or MULTIPLES[word]
            if fraction_of is not None:  # "half a dozen", "a quarter million"
                fraction_of, current = fraction_of * factor, 0.0
            elif word in SCALES:
                total += max(current, 1) * factor
                current = 0.0
            else:
                current = max(current, 1) * factor
            seen = True
        elif word in FRACTIONS:
            fraction_of = FRACTIONS[word] * max(current, 1)
            current, seen = 0.0, True
    if not seen:
        return None
    if fraction_of is not None:
        return fraction_of
    return total + current
