"""Rewrites of a real sentence that come in matched pairs: a contradiction and a twin that changes
the same kind of surface feature and is entailed (or neutral).

Why: a model trained on contradictions alone learns their surface ("a date I have not seen",
"a name the passage does not repeat", "two names in the other order" -> contradiction). Each
contradiction kind of verify.train.synthetic therefore has twins here:

| contradiction                          | twin (same surface change, other label)                 |
|----------------------------------------|---------------------------------------------------------|
| a date changed                         | the same date written another way, or less precisely (E) |
| a number changed                       | the same number in words/digits, or "more than" less (E) |
| a name replaced by another page's      | "He"/"The film" replaced by the page's own name (E); by  |
|                                        | another page's name, which the passage never states (N)  |
| a verb negated ("did not uphold")      | its antonym negated ("did not overturn") (E)             |
| a verb replaced by its antonym         | by a synonym ("rejected" -> "turned down") (E)           |

Regular expressions over a curated lexicon (verify.train.lexicon), not a parser: on this 2-core
machine spaCy parses the 6,700 FM2 sentences in minutes, and the rewrites need only the verb's
neighbours. Each function returns None where its rewrite would not be safe. Swapped roles need
to know who is subject and object, so they have a module of their own on spaCy's parse, run
only on the sentences a role verb occurs in (verify.train.roles).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from verify.mentions import extract_dates, extract_numbers
from verify.text import negation_count
from verify.train.lexicon import ANTONYMS, BLOCKED_AFTER, KILLED_DIED, SYNONYMS, VERB_FORMS

_PASSIVE_AUX = {"was", "were", "is", "are", "be", "been", "being"}
_PERFECT_AUX = {"has", "have", "had"}
_ADVERBS = {"also", "later", "then", "eventually", "finally", "subsequently", "quickly", "initially", "officially"}
# After these the word is an adjective or a participle, not the sentence's verb ("providing for
# increased trade", "the newly opened bridge").
_BEFORE_ADJECTIVE = {
    "the", "a", "an", "this", "that", "its", "his", "her", "their", "our", "newly", "recently", "more", "most",
    "for", "of", "with", "in", "on", "at", "from", "to", "into", "by", "as", "than",
}  # fmt: skip
_MONTH_NAMES = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip
_NUMBER_WORDS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]


def _relation(pairs: list[tuple[str, str]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for a, b in pairs:
        out.setdefault(a, []).append(b)
        out.setdefault(b, []).append(a)
    return out


ANTONYM_OF = _relation(ANTONYMS)
SYNONYM_OF: dict[str, list[str]] = {}
for _a, _b, _both in SYNONYMS:
    SYNONYM_OF.setdefault(_a, []).append(_b)
    if _both:
        SYNONYM_OF.setdefault(_b, []).append(_a)
# Surface form -> past-tense key; the participle of an irregular verb maps to its key too.
_SURFACE = {past: past for past in VERB_FORMS} | {part: past for past, (part, _) in VERB_FORMS.items()}
_VERB_RE = re.compile(r"\b(" + "|".join(sorted(map(re.escape, _SURFACE), key=len, reverse=True)) + r")\b")


@dataclass(frozen=True)
class VerbSlot:
    """A lexicon verb in a sentence: `key` its past form; `slot` "past" (finite, active) or
    "participle" (after an auxiliary, whose end is `aux_end`)."""

    key: str
    start: int
    end: int
    slot: str
    aux_end: int = -1


def verb_slots(sentence: str) -> list[VerbSlot]:
    """The lexicon verbs of a sentence whose form and auxiliary are clear enough to rewrite."""
    slots = []
    for m in _VERB_RE.finditer(sentence):
        key = _SURFACE[m.group(1)]
        after = sentence[m.end() :].lstrip().lower()
        if any(re.match(rf"{re.escape(b)}\b", after) for b in BLOCKED_AFTER.get(key, ())):
            continue  # an idiom or another sense of the word
        words = list(re.finditer(r"[A-Za-z']+", sentence[: m.start()]))
        prev = words[-1] if words else None
        if prev is not None and prev.group().lower() in _ADVERBS and len(words) > 1:
            prev = words[-2]  # "was later overturned"
        prev_word = prev.group().lower() if prev is not None else ""
        if prev is not None and prev_word in _PASSIVE_AUX | _PERFECT_AUX:
            slots.append(VerbSlot(key, m.start(), m.end(), "participle", prev.end()))
        elif (
            prev_word not in _BEFORE_ADJECTIVE
            and m.group(1) == key
            and prev is not None
            and not after.startswith("by ")
        ):
            # (a participle before "by" with no auxiliary is a reduced passive: "the bridge opened by the mayor")
            slots.append(VerbSlot(key, m.start(), m.end(), "past"))
    return slots


def _form(key: str, slot: str) -> str:
    return key if slot == "past" else VERB_FORMS[key][0]


def _replace(sentence: str, v: VerbSlot, key: str) -> str:
    return sentence[: v.start] + _form(key, v.slot) + sentence[v.end :]


def _negate(sentence: str, v: VerbSlot, key: str) -> str:
    """`key` in the verb's place, negated: "did not overturn", "was not overturned"."""
    if v.slot == "past":
        return sentence[: v.start] + "did not " + VERB_FORMS[key][1] + sentence[v.end :]
    return sentence[: v.aux_end] + " not" + sentence[v.aux_end : v.start] + _form(key, v.slot) + sentence[v.end :]


def _first_slot(sentence: str, relation: dict[str, list[str]]) -> VerbSlot | None:
    """The first verb the relation covers, in an affirmative sentence (a negated antonym swap, "was
    not upheld" -> "was not overturned", says something different, not the opposite)."""
    if negation_count(sentence):
        return None
    return next((v for v in verb_slots(sentence) if v.key in relation), None)


def swap_antonym(sentence: str, rng: random.Random) -> str | None:
    """The verb replaced by one that cannot also be true: "upheld" -> "overturned" (contradiction)."""
    v = _first_slot(sentence, ANTONYM_OF)
    return _replace(sentence, v, rng.choice(ANTONYM_OF[v.key])) if v else None


def swap_synonym(sentence: str, rng: random.Random) -> str | None:
    """The verb replaced by one it entails: "rejected" -> "turned down", "was killed" -> "died"."""
    killed = re.search(rf"\b(?:was|were) {KILLED_DIED[0]}\b(?! by)", sentence)
    if killed and not negation_count(sentence):
        return sentence[: killed.start()] + KILLED_DIED[1] + sentence[killed.end() :]
    v = next((v for v in verb_slots(sentence) if v.key in SYNONYM_OF), None)
    return _replace(sentence, v, rng.choice(SYNONYM_OF[v.key])) if v else None


def negate_verb(sentence: str) -> str | None:
    """The verb that has an antonym, negated: "upheld" -> "did not uphold" (contradiction)."""
    v = _first_slot(sentence, ANTONYM_OF)
    return _negate(sentence, v, v.key) if v else None


def negate_antonym(sentence: str, rng: random.Random) -> str | None:
    """Its antonym negated: "upheld" -> "did not overturn" (entailed: they cannot both be true)."""
    v = _first_slot(sentence, ANTONYM_OF)
    return _negate(sentence, v, rng.choice(ANTONYM_OF[v.key])) if v else None


# ---- names ----------------------------------------------------------------------------------


def page_name(title: str) -> tuple[str, str | None]:
    """(name, what it is) of a page title: "Gandhi (film)" -> ("Gandhi", "film")."""
    m = re.match(r"^(.*?)\s*\((?:\d{4} )?([a-z][a-z ]*)\)$", title.strip())
    return (m.group(1), m.group(2).split()[-1]) if m else (title.strip(), None)


def looks_like_person(title: str, sentences: list[str]) -> bool:
    """A biography page: a 2-4 word capitalised name without a qualifier, whose surname the page
    uses on its own, and sentences that start with "He" or "She"."""
    name, kind = page_name(title)
    words = name.split()
    if kind is not None or not 2 <= len(words) <= 4 or not all(w[:1].isupper() for w in words):
        return False
    if any(ch.isdigit() for ch in name):
        return False
    surname = words[-1]
    uses_surname = any(re.search(rf"\b{re.escape(surname)}\b", s) and name not in s for s in sentences)
    return uses_surname and any(re.match(r"(?:He|She) ", s) for s in sentences)


def name_slot(sentence: str, title: str, person: bool) -> tuple[int, int] | None:
    """Where the page's subject is referred to without its name: a leading "He"/"She" on a
    biography page, or "The film" on the page of a film (the title's qualifier)."""
    if person:
        m = re.match(r"(?:He|She) (?=[a-z])", sentence)
        return (0, m.end() - 1) if m else None
    _, kind = page_name(title)
    if kind is None:
        return None
    m = re.match(rf"The {re.escape(kind)} (?=[a-z])", sentence)
    return (0, m.end() - 1) if m else None


def fill_name(sentence: str, slot: tuple[int, int], name: str) -> str:
    """The slot replaced by a name: "He played for the Pirates." -> "Willie Stargell played for ..."."""
    return sentence[: slot[0]] + name + sentence[slot[1] :]


# ---- dates and numbers restated ---------------------------------------------------------------


def restate_date(sentence: str, rng: random.Random) -> str | None:
    """One date written another way ("30 November 1982" -> "November 30, 1982") or less precisely
    ("in November 1982" -> "in 1982", "in 1982" -> "in the 1980s"): still entailed."""
    options = []
    for d in extract_dates(sentence):
        text = d.text
        if re.search(r"\d\s*[\u2013\u2014-]\s*$", sentence[: d.start]) or re.match(
            r"\s*[\u2013\u2014-]\s*\d", sentence[d.end :]
        ):
            continue  # one end of a range ("in 1826\u20131827"): rewritten alone it garbles the range
        month = r"(" + "|".join(_MONTH_NAMES) + r")"
        dmy = re.fullmatch(rf"(\d{{1,2}}) {month},? (\d{{4}})", text)
        mdy = re.fullmatch(rf"{month} (\d{{1,2}}),? (\d{{4}})", text)
        dm = re.fullmatch(rf"(\d{{1,2}}) {month}", text)
        md = re.fullmatch(rf"{month} (\d{{1,2}})", text)
        if dmy:
            options.append((d.start, d.end, f"{dmy[2]} {dmy[1]}, {dmy[3]}"))
        elif mdy:
            options.append((d.start, d.end, f"{mdy[2]} {mdy[1]} {mdy[3]}"))
        elif dm:
            options.append((d.start, d.end, f"{dm[2]} {dm[1]}"))
        elif md:
            options.append((d.start, d.end, f"{md[2]} {md[1]}"))
        month_year = re.fullmatch(rf"(in )?{month} (\d{{4}})", text)
        if month_year and (month_year[1] or sentence[: d.start].endswith("in ")):  # "in November 1982"
            options.append((d.start, d.end, f"{month_year[1] or ''}{month_year[3]}"))
        year_only = re.fullmatch(r"in (\d{3})(\d)", text)
        if year_only and d.month is None:
            options.append((d.start, d.end, f"in the {year_only[1]}0s"))
    if not options:
        return None
    start, end, new = rng.choice(options)
    return sentence[:start] + new + sentence[end:]


_COMPARATORS = re.compile(
    r"\b(?:about|around|approximately|roughly|nearly|almost|some|over|under|up to|more than|less than|"
    r"fewer than|at least|at most|only|just|than|to|and|or|–|-)\s*$",
    re.IGNORECASE,
)


def restate_number(sentence: str, rng: random.Random) -> str | None:
    """One exact quantity written another way ("five" <-> "5") or bounded below by a rounder one
    ("2,400 people" -> "more than 2,000 people"): still entailed."""
    options = []
    for n in extract_numbers(sentence):
        if n.qualifier != "=" or n.kind == "%" or _COMPARATORS.search(sentence[: n.start]):
            continue
        if re.match(r"(?:1\d{3}|20\d{2})(?![\d,]\d)", n.text):
            continue  # a year the date extractor did not take ("In 1914, ...")
        if re.search(r"[A-Za-z\-\u2013/.]$", sentence[: n.start]) or re.match(r"[\d.,]*\d*[\-\u2013/]", n.text):
            continue  # part of a token ("cm3"), a range ("70-90") or a compound ("78-year-old")
        digits = re.match(r"\$?(\d[\d,]*)(?![\d.,]*\d)(?![A-Za-z])", n.text)
        word = re.match(r"[a-z]+", n.text)
        if word and word.group() in _NUMBER_WORDS:
            value = _NUMBER_WORDS.index(word.group()) + 2
            options.append((n.start, n.start + word.end(), str(value)))
        elif digits and n.value == int(n.value):
            value = int(n.value)
            at = n.start + digits.start(1)
            if 2 <= value <= 12 and not n.text.startswith("$"):
                options.append((at, n.start + digits.end(1), _NUMBER_WORDS[value - 2]))
            elif value >= 20:
                magnitude = 10 ** (len(str(value)) - 1)
                lower = value // magnitude * magnitude
                if lower < value:
                    text = f"{lower:,}" if "," in digits.group(1) or lower >= 10_000 else str(lower)
                    options.append((n.start, n.start + digits.end(1), f"more than {n.text[: digits.start(1)]}{text}"))
    if not options:
        return None
    start, end, new = rng.choice(options)
    return sentence[:start] + new + sentence[end:]
