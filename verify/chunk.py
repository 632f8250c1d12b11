"""Sentence splitting and passage windows with exact character offsets; pure functions.

Rule-based on purpose: it must keep "U.S.", "Jan. 5", initials, quotes and news datelines
("MOSCOW, August 28. /TASS/. The ...") intact, and return offsets into the original text,
which statistical splitters that normalise whitespace do not guarantee.
"""

from __future__ import annotations

import re

from verify.config import CHUNK_MAX_CHARS, CHUNK_OVERLAP, CHUNK_SENTENCES
from verify.schema import Passage

Span = tuple[int, int]

ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "sr",
        "jr",
        "st",
        "mt",
        "ft",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "cmdr",
        "adm",
        "gov",
        "sen",
        "rep",
        "pres",
        "rev",
        "hon",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mon",
        "tue",
        "wed",
        "thu",
        "fri",
        "sat",
        "sun",
        "approx",
        "est",
        "dept",
        "univ",
        "assn",
        "bros",
        "ave",
        "blvd",
        "rd",
        "e.g",
        "i.e",
        "vs",
        "cf",
        "al",
        "viz",
        "inc",
        "corp",
        "co",
        "ltd",
        "llc",
        "plc",
        "etc",
    ]
)
NUMBER_ABBREVIATIONS = frozenset({"no", "nos", "vol", "pp", "fig", "figs"})
# These usually end a sentence when a capitalised word follows.
SENTENCE_FINAL_ABBREVIATIONS = frozenset({"inc", "corp", "co", "ltd", "llc", "plc", "etc"})
COMMON_STARTERS = frozenset(
    [
        "The",
        "A",
        "An",
        "In",
        "On",
        "At",
        "It",
        "He",
        "She",
        "They",
        "We",
        "I",
        "But",
        "And",
        "This",
        "That",
        "These",
        "Those",
        "There",
        "His",
        "Her",
        "Its",
        "Their",
        "Our",
    ]
)
# A run of terminal punctuation and closing quotes. Matched whole and checked for the whitespace
# after it in Python: a lookahead here would make every failed start re-scan the run (quadratic).
_TERMINAL = re.compile(r"[.!?\u2026]+[\"'\u201d\u2019)\]]*")
_OPENERS = "\"'\u201c\u2018([{"
# A wire dateline ("MOSCOW, August 28. /TASS/.", "LAKEPORT, May 20, 2025 —"): its date is when the
# story was filed, not an event.
DATELINE = re.compile(
    r"[A-Z][A-Z.'\- ]{1,40},\s+(?:[A-Z][a-z]{2,9}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,9})"
    r"(?:,?\s+(?:1[5-9]|20)\d\d)?\.?\s*"
    r"(?:/[^/\n]{1,20}/\.?|\([^)\n]{1,20}\)\.?)?\s*(?:[-\u2013\u2014]\s*)?"
)
_DOTTED_ACRONYM = re.compile(r"[A-Za-z]\.[A-Za-z]\.")  # the last four characters of "U.S." or "e.g."
_WORD = re.compile(r"[\w'\u2019]+")


def dateline_spans(text: str) -> list[Span]:
    """Where datelines sit: at the start of a paragraph (a headline may come before it)."""
    return [(m.start(), m.end()) for s, e in _paragraphs(text) if (m := DATELINE.match(text, s, e))]


def split_sentences(text: str) -> list[Span]:
    """Sentence spans (start, end) of `text`; whitespace between sentences belongs to none."""
    spans: list[Span] = []
    for para_start, para_end in _paragraphs(text):
        start = para_start
        dateline = DATELINE.match(text, para_start, para_end)
        protected_until = dateline.end() if dateline else para_start
        for match in _TERMINAL.finditer(text, para_start, para_end):
            end = match.end()
            if end >= para_end or not text[end].isspace():
                continue
            if end <= protected_until or not _is_boundary(text, match.start(), end, para_end):
                continue
            spans.append(_trim(text, start, end))
            start = end
        if text[start:para_end].strip():
            spans.append(_trim(text, start, para_end))
    return spans


def _paragraphs(text: str) -> list[Span]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]


def _trim(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _is_boundary(text: str, term_start: int, term_end: int, para_end: int) -> bool:
    nxt = term_end
    while nxt < para_end and text[nxt].isspace():
        nxt += 1
    if nxt >= para_end:
        return False  # the paragraph end closes the sentence anyway
    first = text[nxt]
    if not (first.isupper() or first.isdigit() or first in _OPENERS):
        return False
    if text[term_start] != "." or term_end - term_start > 1:
        return True  # "!", "?", an ellipsis, or a period inside closing quotes: 'said "No." Then'

    word_start = term_start
    while word_start > 0 and not text[word_start - 1].isspace():
        word_start -= 1
    word = text[word_start:term_start].lstrip(_OPENERS)
    next_word = _WORD.match(text, nxt, para_end)  # no slicing: a slice per candidate is quadratic
    next_token = next_word.group() if next_word else ""
    if len(word) == 1 and word.isalpha() and word.isupper():
        return False  # an initial: "J. Smith"
    if _DOTTED_ACRONYM.fullmatch((word + ".")[-4:]):
        return next_token in COMMON_STARTERS  # "U.S. officials" vs "in the U.S. The"
    lowered = word.lower()
    if lowered in NUMBER_ABBREVIATIONS:
        return not first.isdigit()  # "No. 5" but "said no. Then"
    if lowered in SENTENCE_FINAL_ABBREVIATIONS:
        return first.isupper()
    return lowered not in ABBREVIATIONS


def _split_long(text: str, span: Span, max_chars: int) -> list[Span]:
    """Cut an over-long sentence at whitespace into pieces of at most max_chars."""
    start, end = span
    pieces = []
    while end - start > max_chars:
        cut = text.rfind(" ", start + 1, start + max_chars)
        cut = cut if cut > start else start + max_chars
        pieces.append(_trim(text, start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    pieces.append((start, end))
    return [p for p in pieces if p[1] > p[0]]


def make_passages(
    text: str,
    source_id: str,
    sentences: int = CHUNK_SENTENCES,
    overlap: int = CHUNK_OVERLAP,
    max_chars: int = CHUNK_MAX_CHARS,
) -> list[Passage]:
    """Windows of `sentences` sentences sharing `overlap` with the next, each <= max_chars."""
    if sentences < 1 or not 0 <= overlap < sentences or max_chars < 20:
        raise ValueError("need sentences >= 1, 0 <= overlap < sentences, max_chars >= 20")
    spans = [piece for span in split_sentences(text) for piece in _split_long(text, span, max_chars)]
    passages: list[Passage] = []
    i = 0
    while i < len(spans):
        j = min(i + sentences, len(spans))
        while j - i > 1 and spans[j - 1][1] - spans[i][0] > max_chars:
            j -= 1
        start, end = spans[i][0], spans[j - 1][1]
        passages.append(Passage(source_id=source_id, start=start, end=end, text=text[start:end]))
        if j == len(spans):
            break
        i = max(i + 1, j - overlap)
    return passages
