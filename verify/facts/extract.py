"""Typed facts from text with spaCy: figures with what they count, dates as intervals, names
with their role, and which verbs are negated. Sources are read once, when they are indexed;
claims once per verification."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from verify.facts import dates as dates_mod
from verify.facts.model import (
    AGE,
    ASKING_VERBS,
    CHANGE,
    CONTEST_VERBS,
    DATE,
    DURATION,
    GAP,
    MONEY,
    NAME,
    ORDINAL,
    PART,
    PERCENT,
    QUANTITY,
    RATIO,
    REFUSING_VERBS,
    SCORE,
    SIDES_OF_A_DAY,
    SOME,
    TIME,
    UNTAGGED,
    UNTAGGED_SIDE,
    WEIGHING_VERBS,
    WHOLE,
    YEAR_BEFORE,
    Fact,
    Party,
    TextFacts,
)
from verify.facts.nlp import MAX_DOC_CHARS, parse_lazily, parse_many
from verify.facts.numbers import SCALES, UNITS, comparator_after, comparator_in, parse_number
from verify.facts.units import unit_after

NAME_GROUPS = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "NORP": "ORG",
    "GPE": "PLACE",
    "LOC": "PLACE",
    "FAC": "PLACE",
    "EVENT": "WORK",
    "WORK_OF_ART": "WORK",
    "LAW": "WORK",
    "PRODUCT": "WORK",
}
# What a count counts, in one word per family: "34 employees" and "34 workers" count the same.
UNIT_FAMILIES = {
    "worker": ("worker", "employee", "staff", "staffer", "workforce", "job", "personnel"),
    "person": ("person", "people", "resident", "individual", "citizen", "inhabitant"),
    "student": ("student", "pupil", "child", "kid", "schoolchild"),
    "home": ("home", "house", "residence", "dwelling", "household"),
    "death": ("death", "fatality", "dead", "victim"),
    "injury": ("injury", "injured", "injure", "casualty"),
    "firefighter": ("firefighter", "fireman", "crew"),
    # those at a game or show: "a crowd of 8,912" counts the "9,000 fans" a claim says attended
    "spectator": ("spectator", "fan", "crowd", "attendee", "onlooker"),
    "vote": ("vote", "ballot"),
    "store": ("store", "shop", "outlet", "location"),
    "case": ("case", "infection"),
    "patient": ("patient",),
    "goal": ("goal",),
    "point": ("point",),
    "inning": ("inning", "innings"),  # the tagger leaves "innings" as its own lemma
}
CANONICAL_UNIT = {word: family for family, words in UNIT_FAMILIES.items() for word in words}
_CENTS = re.compile(r"(?<![a-z])(?<!per )(?<!per-)(?:cents?|pence)\b", re.IGNORECASE)  # not "per cent"
CURRENCIES = {"$": "$", "dollar": "$", "usd": "$", "€": "€", "euro": "€", "£": "£", "pound": "£", "¥": "¥", "yen": "¥"}
_SCORE = re.compile(r"(?<![\d.,:/$-])(\d{1,3}) ?[-\u2013] ?(\d{1,3})(?!\d|[.,]\d|[:/%-]| ?percent| ?per cent)")
_TIME_OF_DAY = re.compile(
    r"(?P<h>\d{1,2})(?::(?P<m>\d\d))?\s*(?P<ap>a\.?m\.?|p\.?m\.?)|(?P<h24>[01]?\d|2[0-3]):(?P<m24>\d\d)"
    r"|\b(?P<word>noon|midnight)\b",
    re.IGNORECASE,
)
# A day the tagger reads as a time: a weekday or a date with a part of the day ("Wednesday
# morning", "the night of June 3"); not "Sunday hours", which is no day at all.
_DAY = (
    r"(?:" + "|".join(sorted(dates_mod.WEEKDAYS, key=len, reverse=True)) + r")"
    r"|(?:" + "|".join(sorted(dates_mod.MONTHS, key=len, reverse=True)) + r")\.?\s+\d{1,2}"
)
_PART_OF_DAY = r"(?:morning|afternoon|evening|night|overnight)"
_NAMES_A_DAY = re.compile(
    rf"^(?:(?:early|late)\s+)?(?:{_DAY})\s+{_PART_OF_DAY}$|^(?:the\s+)?{_PART_OF_DAY}\s+of\s+(?:{_DAY})$"
    rf"|^(?:the\s+)?(?:same|next|following|previous|prior)\s+{_PART_OF_DAY}$|^that\s+{_PART_OF_DAY}$"
    rf"|^(?:early|late)\s+(?:{_DAY})$",
    re.IGNORECASE,
)
# How many times in a row, not how long: "three years in a row", "the third straight year".
_STREAK = re.compile(
    r"\bin\s+a\s+row\b|\b(?:straight|consecutive|successive)\s+(?:day|week|month|year|season)s?\b", re.I
)
# A rank in a run: "the sixth straight day", "fifth consecutive season".
_STREAK_RANK = re.compile(
    r"\b([a-z]+|\d+(?:st|nd|rd|th))\s+(?:straight|consecutive|successive)\s+(day|week|month|year|season)s?\b",
    re.IGNORECASE,
)
_FUTURE = frozenset("will shall scheduled upcoming expected expects planned plans plan intends aims slated".split())
_STOP_LEMMAS = frozenset(
    "be have do say percent % $ million billion thousand year day the a an of half third quarter fifth".split()
)
SCALE_WORDS = frozenset(SCALES) | frozenset(UNITS) - {"a", "an"}
_FIGURE_LABELS = ("CARDINAL", "MONEY", "PERCENT", "QUANTITY", "ORDINAL")


def source_facts(
    text: str,
    published: dt.date | None,
    filed: list[tuple[int, int]] | None = None,
    progress: Callable[[int], None] | None = None,
) -> TextFacts:
    """The facts of an article. `filed`: the dateline's characters, whose date says when the story
    was filed (it can agree with a claim but is not the date of any event in it). `progress` hears
    how many characters are read after each piece: a 20 MB article takes minutes to parse."""
    pieces = list(_pieces(_dateline_cut(text, filed or [])))
    out = TextFacts()
    anchor = Anchors()
    # One piece parsed at a time and its Doc dropped at once: a parsed Doc costs far more memory
    # than its text, so holding every piece of a long article at once ran to gigabytes.
    for (offset, _), doc in zip(pieces, parse_lazily(piece for _, piece in pieces)):
        part = _doc_facts(doc, published, anchor, filed or [], offset)
        out.facts += part.facts
        out.sentences += part.sentences
        out.verbs += part.verbs
        out.doers |= part.doers
        out.undergoers |= part.undergoers
        if progress is not None:
            progress(offset + len(doc.text))
    return out


def claim_facts(claims: Iterable[str]) -> list[TextFacts]:
    """The facts of each claim: nothing resolved against any date, only what the claim says."""
    out = []
    for doc in parse_many(claims):
        facts = _doc_facts(doc, None, Anchors(), [], 0)
        facts.facts += _untagged_sides(doc)
        out.append(facts)
    return out


def _untagged_proper_nouns(tokens: Any, deps: tuple[str, ...]) -> Iterator[tuple[Any, list[Any]]]:
    """The capitalised nouns (PROPN) among `tokens` that the tagger left out of every entity, in one
    of the dependencies `deps`, each with the compound words before it ("Tagansky District" of
    "Court")."""
    for token in tokens:
        if token.pos_ == "PROPN" and not token.ent_type_ and token.dep_ in deps:
            yield token, [c for c in token.children if c.dep_ == "compound" and c.i < token.i]


def _untagged_fact(kind: str, first: Any, last: Any, offset: int, **fields: Any) -> Fact:
    """A fact of the words from `first` to `last` (tokens), in their sentence."""
    sentence = last.sent
    return Fact(
        kind,
        last.doc.text[first.idx : last.idx + len(last)],
        first.idx + offset,
        last.idx + len(last) + offset,
        (sentence.start_char + offset, sentence.end_char + offset),
        **fields,
    )


def _untagged_sides(doc: Any) -> list[Fact]:
    """The sides of a contest that the tagger did not name ("The Falcons beat the Gulls"): a short
    claim gives it too little context to tag a team by its nickname, and the swapped-sides check
    needs both. Capitalised nouns only (PROPN), as doer or object of a contest verb; labelled
    UNTAGGED_SIDE, as they serve that check only."""
    out = []
    for token, words in _untagged_proper_nouns(doc, ("nsubj", "dobj", "nsubjpass", "pobj")):
        role, verb = _role(token)
        if verb in CONTEST_VERBS and role:
            first = min([token, *words], key=lambda t: t.i)
            out.append(_untagged_fact(NAME, first, token, 0, label=UNTAGGED_SIDE, role=role, verb=verb))
    return out


def _untagged_bodies(sent: Any, offset: int) -> list[Fact]:
    """Doers and objects of two or more capitalised words that the tagger did not name ("Moscow's
    Tagansky District Court ruled": it tags only "Moscow"). Kind UNTAGGED: align._names compares
    them only with a claim's name of the same head word ("Meshchansky District Court")."""
    out = []
    for token, words in _untagged_proper_nouns(sent, ("nsubj", "dobj", "nsubjpass")):
        words = [c for c in words if c.text[:1].isupper()]
        if words and not any(c.ent_type_ for c in words):
            role, verb = _role(token)
            first = min(words, key=lambda t: t.i)
            out.append(_untagged_fact(UNTAGGED, first, token, offset, role=role, verb=verb))
    return out


_PLACE_DATELINE = re.compile(r"(?m)^[A-Z][A-Z.'\- ]{1,40}?\s([\u2014\u2013])\s")
_DATELINE_REACH = 300  # characters from the text's start a dateline may open at


def _dateline_cut(text: str, filed: list[tuple[int, int]]) -> str:
    """The text with the dash that ends a dateline ("MILLBROOK, June 3 — More than 60 ...") made a
    full stop, so the tagger does not read "June 3 - More than 60" as one date. Same length, so
    every offset stays true."""
    for start, end in filed:
        lo = max(start, end - 4)
        m = re.search(r"[\u2014\u2013-]", text[lo : end + 3])
        if m:
            at = lo + m.start()
            text = text[:at] + "." + text[at + 1 :]
    # A dateline of a place alone ("MERRITON — Tessaly State University's Board ... voted") is cut
    # too, or the parse makes the place the subject of the lead sentence: at the article's opening
    # only (a headline may stand before it), not "NASA — ..." further down.
    for m in _PLACE_DATELINE.finditer(text, 0, min(len(text), _DATELINE_REACH)):
        text = text[: m.start(1)] + "." + text[m.end(1) :]
    return text


def _pieces(text: str) -> Iterable[tuple[int, str]]:
    """A long text in pieces cut at paragraph breaks (spaCy needs memory in proportion to length)."""
    start = 0
    while len(text) - start > MAX_DOC_CHARS:
        cut = text.rfind("\n", start + MAX_DOC_CHARS // 2, start + MAX_DOC_CHARS)
        if cut <= start:
            cut = text.rfind(" ", start + MAX_DOC_CHARS // 2, start + MAX_DOC_CHARS)
        if cut <= start:
            cut = start + MAX_DOC_CHARS
        yield start, text[start:cut]
        start = cut
    yield start, text[start:]


def _doc_facts(
    doc: Any,
    published: dt.date | None,
    anchor: Anchors,
    filed: list[tuple[int, int]],
    offset: int,
) -> TextFacts:
    out = TextFacts()
    for sent in doc.sents:
        span = (sent.start_char + offset, sent.end_char + offset)
        out.sentences.append(span)
        # (a noun says nothing of when: "the preliminary plan the board approved May 20")
        future = any(t.lower_ in _FUTURE and t.pos_ != "NOUN" for t in sent)
        taken: list[tuple[int, int]] = []
        for m in _SCORE.finditer(sent.text):
            out.facts.append(_score(m, sent, span, offset))
            taken.append((sent.start_char + m.start(), sent.start_char + m.end()))
        for m in _tallies(sent.text):
            out.facts.append(_tally(m, sent, span, offset))
            taken.append((sent.start_char + m.start(), sent.start_char + m.end()))
        ents = list(sent.ents)
        recent = _recent_day(ents, published, filed, offset)
        n_before = len(out.facts)
        for i, ent in enumerate(ents):
            if any(ent.start_char < e and s < ent.end_char for s, e in taken):
                continue
            nxt = ents[i + 1] if i + 1 < len(ents) else None
            if ent.label_ == "DATE" and nxt is not None and _year_after(doc, ent, nxt):
                # "March 14, 2022" tagged as two dates: one date.
                taken.append((nxt.start_char, nxt.end_char))
                ent = doc.char_span(ent.start_char, nxt.end_char) or ent
                ent.label_ = "DATE"
            elif ent.label_ == "DATE" and nxt is not None and _range_start(doc, ent, nxt) is not None:
                # "from 2017 to 2022", "between May 3 and May 9" tagged as two dates: one interval.
                taken.append((nxt.start_char, nxt.end_char))
                ent = doc.char_span(_range_start(doc, ent, nxt), nxt.end_char) or ent
                ent.label_ = "DATE"
            elif (
                ent.label_ == "MONEY" and ent.text.endswith("$") and nxt is not None and nxt.start_char == ent.end_char
            ):
                # "from $64 to $76" tagged as "$64 to $" and "76": one range.
                taken.append((nxt.start_char, nxt.end_char))
                ent = doc.char_span(ent.start_char, nxt.end_char) or ent
                ent.label_ = "MONEY"
            ent = _half_a_unit(doc, ent)
            ratio = _ratio(ent, nxt, span, offset)
            if ratio is not None:  # "nine in ten customers": a share, not counts of 9 and 10
                out.facts.append(ratio)
                taken.append((nxt.start_char, nxt.end_char))  # type: ignore[union-attr]
                continue
            for part in (q for p in _date_and_length(ent) for q in _time_and_day(p)):
                fact = _entity_fact(part, span, offset, published, anchor, filed, future, recent)
                if fact is not None:
                    out.facts.append(_as_range(fact))
                    total = _total_of_parts(part, fact, offset) if fact.role == PART else None
                    if total is not None:
                        out.facts.append(total)
                    gap = _years_since_a_first(part, fact, published)
                    if gap is not None:
                        out.facts.append(gap)
        found = [(f.start - offset, f.end - offset) for f in out.facts[n_before:]]
        untagged = _untagged_lengths(sent, taken + found) + _untagged_ordinals(sent, taken + found)
        for length in untagged + _untagged_ages(sent, taken + found):
            fact = _entity_fact(length, span, offset, published, anchor, filed, future, recent)
            if fact is not None:
                out.facts.append(fact)
                found.append((fact.start - offset, fact.end - offset))
        _others_as_before(out.facts, n_before, doc.text, offset)
        _all_but(out.facts, n_before, doc.text, offset)
        _mark_change_ends(out.facts, n_before, doc.text, offset)
        out.facts += _untagged_shares(sent, taken + found, span, offset)
        out.facts += _untagged_bodies(sent, offset)
        out.facts += _ratio_verbs(sent, span, offset)
        for token in sent:
            if token.pos_ in ("VERB", "AUX") and token.dep_ in ("ROOT", "conj", "ccomp", "xcomp", "advcl", "relcl"):
                if token.pos_ == "AUX" and any(c.pos_ == "VERB" and c.dep_ != "aux" for c in token.children):
                    continue
                negated = int(_negated(token))
                if negated and _until(token):
                    negated = UNDER_NEGATION  # "not allowed to return until Saturday": a wait, not a denial
                if not negated and token.dep_ in ("xcomp", "ccomp") and _negated(token.head):
                    negated = UNDER_NEGATION  # "do not need to vote": whether they vote, it does not say
                if not negated and token.dep_ in ("xcomp", "ccomp") and token.head.lemma_.lower() in ASKING_VERBS:
                    negated = UNDER_NEGATION  # "recommended that the authority dredge": nor whether it did
                if not negated and token.dep_ in ("xcomp", "ccomp") and token.head.lemma_.lower() in WEIGHING_VERBS:
                    negated = UNDER_NEGATION  # "had considered calling a timeout": nor whether she did
                if not negated and token.dep_ in ("xcomp", "ccomp") and _refusing(token.head):
                    negated = UNDER_NEGATION  # "declined to propose", "ruled out raising": turned down
                if not negated and _partly_denied(token):
                    negated = UNDER_NEGATION  # "found dents but no breach": found some things, not others
                out.verbs.append(
                    (token.idx + offset, token.idx + len(token) + offset, token.lemma_.lower(), token.dep_, negated)
                )  # type: ignore[arg-type]
                doer, undergoer = _doer(token), _undergoer(token)
                if doer is not None:
                    out.doers[token.idx + offset] = doer
                if undergoer is not None:
                    out.undergoers[token.idx + offset] = undergoer
    return out


# "from $60 to $72", "between 20 and 30", "7:30 a.m. to 8:25 a.m.", "$4-$5", "$630 million to $650
# million": two ends, each with a digit (so "two-thirds" and "24-inch" stay one figure).
_RANGE = re.compile(
    r"^(?:from\s+|between\s+)?(?P<a>[^\s]*\d[^\s]*(?:\s+(?:[ap]\.?m\.?|thousand|million|billion|trillion))?)"
    r"(?:\s+(?:to|through|and)\s+|\s*[\u2013-]\s*)(?P<b>[^\s]*\d.*)$",
    re.IGNORECASE,
)


def _as_range(fact: Fact) -> Fact:
    """A figure or time whose wording is a range, as value (low end) and upper (high end)."""
    if fact.kind not in (QUANTITY, MONEY, PERCENT, TIME):
        return fact
    m = _RANGE.match(fact.text)
    if m is None:
        return fact
    a, b = m.group("a"), m.group("b")
    if fact.kind == TIME:
        lo, hi = _time_of_day(a), _time_of_day(b)
        if lo is not None and hi is not None and not re.search(r"[ap]\.?m", a, re.I):
            lo += 720 if hi >= 720 and lo + 720 <= hi else 0  # "7:30 to 8:25 p.m.": both p.m.
    else:
        lo, hi = parse_number(a), parse_number(b)
        digits = parse_number(re.sub(r"[^\d.,]", "", b))
        if lo is not None and hi is not None and digits and lo == parse_number(re.sub(r"[^\d.,]", "", a)):
            lo *= hi / digits  # "$1 to $2 million": the scale written once, after the upper end
    if lo is None or hi is None or lo == hi or (fact.kind == TIME and hi < lo):
        return fact  # "11 p.m. to 5 a.m." runs past midnight: left as its first time
    # (a range is both ends, no one end of a change: "grew from 22,000 to 41,000 square feet")
    return dataclasses.replace(fact, value=min(lo, hi), upper=max(lo, hi), change_end="")


def _ratio(ent: Any, nxt: Any, span: tuple[int, int], offset: int) -> Fact | None:
    """ "nine in ten customers", "three out of four": a share as a percentage."""
    if nxt is None or ent.label_ != "CARDINAL" or nxt.label_ != "CARDINAL":
        return None
    between = ent.doc.text[ent.end_char : nxt.start_char].strip().lower()
    if between not in ("in", "out of"):
        return None
    part, whole = parse_number(ent.text), parse_number(nxt.text)
    if part is None or not whole or part > whole:
        return None
    start, end = ent.start_char + offset, nxt.end_char + offset
    text = ent.doc.text[ent.start_char : nxt.end_char]
    return Fact(
        PERCENT,
        text=text,
        start=start,
        end=end,
        sentence=span,
        value=round(100 * part / whole, 1),
        comparator=comparator_in(_prefix(ent) + text),
        unit="%",
        about=(*_about(nxt), _counted(nxt)) if _counted(nxt) else _about(nxt),
        verb=_verb_of(ent.root),
    )


def _year_after(doc: Any, ent: Any, nxt: Any) -> bool:
    gap = doc.text[ent.end_char : nxt.start_char]
    return nxt.label_ == "DATE" and gap.strip() in ("", ",") and bool(re.fullmatch(r"(?:1[5-9]|20)\d\d", nxt.text))


# A length of time the tagger missed ("added as much as 15 minutes": it tags "as much as" a number).
_LENGTH = re.compile(
    r"\b(?:\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty)"
    r"\s+(?:minute|hour|day|week|month|year)s?\b"
    r"(?!\s+(?:ago|later|earlier|before|after|old|from now)\b)",  # when, or an age: no length
    re.IGNORECASE,
)


def _untagged_lengths(sent: Any, covered: list[tuple[int, int]]) -> list[Any]:
    """Lengths of time in the sentence that no fact covers, as TIME spans (read as durations);
    not a streak ("three years in a row")."""
    return _untagged(
        sent, _LENGTH, covered, "TIME", lambda m: bool(_STREAK.search(sent.text[m.start() : m.end() + 10]))
    )


_ORDINAL_DIGITS = re.compile(r"\b\d{1,3}(?:st|nd|rd|th)\b")


def _untagged_ordinals(sent: Any, covered: list[tuple[int, int]]) -> list[Any]:
    """Ordinals in digits the tagger left out of every entity ("in the 23rd mile"), as ORDINAL
    spans (not one inside an entity read otherwise: "the 12th and 58th minutes")."""
    return _untagged(sent, _ORDINAL_DIGITS, covered + [(e.start_char, e.end_char) for e in sent.ents], "ORDINAL")


_BARE_NUMBER = re.compile(r"\b\d{1,3}\b")
# A decade of life, in figures or words ("her 70s", "her late forties"); its value in _DECADE_WORDS.
_DECADE_WORDS = {
    w: 10.0 * (i + 2)
    for i, w in enumerate("twenties thirties forties fifties sixties seventies eighties nineties".split())
}
_DECADES = "[1-9]0'?s|" + "|".join(_DECADE_WORDS)
_DECADE_OF_LIFE = re.compile(rf"\b(?:his|her|their)\s+(?:(?:early|mid|late)[- ]?)?(?:{_DECADES})\b", re.IGNORECASE)


def _untagged_ages(sent: Any, covered: list[tuple[int, int]]) -> list[Any]:
    """Ages the tagger left out of every entity ("until she was nearly 60", "in her early forties"):
    a bare number said of a person (_stated_age) as a CARDINAL span, a decade of life as a DATE."""
    covered = covered + [(e.start_char, e.end_char) for e in sent.ents]
    numbers = [n for n in _untagged(sent, _BARE_NUMBER, covered, "CARDINAL") if _stated_age(n) is not None]
    return numbers + _untagged(sent, _DECADE_OF_LIFE, covered, "DATE")


def _untagged(
    sent: Any,
    pattern: re.Pattern[str],
    covered: list[tuple[int, int]],
    label: str,
    skip: Callable[[re.Match[str]], bool] = lambda m: False,
) -> list[Any]:
    """The sentence's matches of a pattern that overlap none of the covered spans, as spans of a label."""
    out = []
    for m in pattern.finditer(sent.text):
        start, end = sent.start_char + m.start(), sent.start_char + m.end()
        if any(s < end and start < e for s, e in covered) or skip(m):
            continue
        span_ = sent.doc.char_span(start, end, label=label)
        if span_ is not None:
            out.append(span_)
    return out


# Units that point back at the count before: "17 others", "19 of them".
_BACK_UNITS = frozenset("other they them those these".split())
# A bare count as the object of a verb joined to the count before: "accepted 19 of them and rejected 8".
_AND_VERB = re.compile(r"^(?:\s+of\s+(?:them|those|these))?\s+and\s+[a-z]+\s+$", re.IGNORECASE)


def _others_as_before(facts: list[Fact], first: int, text: str, offset: int) -> None:
    """ "killed two people and injured 17 others", "challenged 27 ballots; ... accepted 19 of them
    and rejected 8": a count of "others" or "them", or a bare count right after such a count and a
    verb, counts what the count before it in the sentence counts."""
    for i in range(max(first, 1), len(facts)):
        f = facts[i]
        if f.kind != QUANTITY or f.unit not in _BACK_UNITS | {""}:
            continue
        counted = [g for g in facts[first:i] if g.kind == QUANTITY and g.unit and g.unit not in _BACK_UNITS]
        before = counted[-1] if counted else None
        # "them" is what the sentence counted before, where that is one thing ("challenged 27
        # ballots and filed three lawsuits; ... accepted 19 of them" says not which)
        if before is None or (f.unit != "other" and len({g.unit for g in counted}) > 1):
            continue
        prior = facts[i - 1]
        gap = text[prior.end - offset : f.start - offset]
        if f.unit or (i - 1 >= first and prior.kind == QUANTITY and prior.unit and _AND_VERB.match(gap)):
            facts[i] = dataclasses.replace(f, unit=before.unit)


def _all_but(facts: list[Fact], first: int, text: str, offset: int) -> None:
    """ "cited the complex for 47 code violations ..., and all but six of them have since been
    corrected": the count of "all but" is those left out, so the verb's count is the whole less it
    (41), worked out from the whole right after it ("all but 12 of its 1,460") or else the
    sentence's count before it; where the sentence has none, no count."""
    for i in range(len(facts) - 1, first - 1, -1):
        f = facts[i]
        window = max(0, f.start - offset - 12)
        said = _ALL_BUT.search(text[window : f.start - offset]) if f.kind == QUANTITY else None
        if f.value is None or said is None:
            continue
        wholes = [g for g in facts[first:i] if g.kind == QUANTITY and g.value is not None and g.value > f.value]
        # ... or the whole right after it: "All but 12 of its 1,460 scheduled crossings"
        after = facts[i + 1] if i + 1 < len(facts) else None
        if after is not None and after.role == WHOLE and after.value is not None and after.value > f.value:
            wholes = [after]
        if not wholes:
            del facts[i]
            continue
        whole = wholes[-1]
        rest = (whole.value or 0.0) - f.value
        # (the wording as written: "all except six" too)
        start = window + said.start() + offset
        facts[i] = dataclasses.replace(
            f, text=text[start - offset : f.end - offset], start=start, value=rest, unit=whole.unit
        )


_ALL_BUT = re.compile(r"\ball (?:but|except)\s+$", re.IGNORECASE)


# What comes between a change's two ends: later then earlier ("241,000 fans, down from 256,000";
# "86.4 percent, down from 91 percent"; after "to": "to 2,140 rentals from 1,760", not "12
# finalists chosen from 300"), or earlier then later (after "from": "from $2.50 to $2.75").
_DOWN_FROM = re.compile(r"^[^.;:\d]{0,40}?,?\s*\b(?:up|down)\s*from\s+(?:about\s+|roughly\s+)?$", re.IGNORECASE)
_TO_FROM = re.compile(r"^\s*,?\s*(?:[a-z][\w-]*\s+)?from\s+(?:about\s+|roughly\s+)?$", re.IGNORECASE)
_FROM_TO = re.compile(r"^\s+to\s+$", re.IGNORECASE)
# A tally's second count after the first's unit: "8,913 votes to 7,531".
_COUNT_TO_COUNT = re.compile(r"^\s+([a-z]+)\s+to\s+$", re.IGNORECASE)
_CHANGE_END_KINDS = (QUANTITY, MONEY, PERCENT)


def _mark_change_ends(facts: list[Fact], first: int, text: str, offset: int) -> None:
    """The two figures a sentence gives as a change's ends, marked (Fact.change_end "earlier" and
    "later": align compares which end is which), the earlier taking what the later counts where it
    says nothing itself ("drew 241,000 fans last season, down from 256,000": fans) and money the
    later's period ("$3.1 million a year, up from $2.6 million"). A tally's bare second count takes
    the first's unit too ("8,913 votes to 7,531"), though no change."""
    # (a date between the two ends is read past: "drew about 118,000 visitors last year, up from 104,000")
    figures = [j for j in range(first, len(facts)) if facts[j].kind not in (DATE, TIME)]
    for h, i in zip(figures, figures[1:]):
        a, b = facts[h], facts[i]
        if a.kind != b.kind or a.kind not in _CHANGE_END_KINDS or a.upper is not None or b.upper is not None:
            continue
        gap = text[a.end - offset : b.start - offset]
        before = text[max(a.start - offset - 5, 0) : a.start - offset]
        if _DOWN_FROM.match(gap) or (re.search(r"\bto\s+$", before) and _TO_FROM.match(gap)):
            earlier, later = i, h
        elif re.search(r"\bfrom\s+$", before) and _FROM_TO.match(gap):
            earlier, later = h, i
        else:
            tally = _COUNT_TO_COUNT.match(gap)
            if a.kind == QUANTITY and a.unit and not b.unit and tally and tally.group(1).lower().startswith(a.unit):
                facts[i] = dataclasses.replace(b, unit=a.unit)
            continue
        start, end = facts[earlier], facts[later]
        bare = start.kind == QUANTITY and not start.unit
        per = start.kind == MONEY and "/" in end.unit and start.unit == end.unit.split("/")[0]
        unit = end.unit if bare or per else start.unit
        facts[earlier] = dataclasses.replace(start, unit=unit, change_end="earlier")
        facts[later] = dataclasses.replace(end, change_end="later")


def _half_a_unit(doc: Any, ent: Any) -> Any:
    """ "as much as half" + "an hour": the tagger stops a length of time at "half"; the length,
    tagged TIME, reads as one (DURATION), else the entity as it was."""
    if ent.label_ != "CARDINAL" or not ent.text.lower().endswith("half") or ent.end + 2 > len(doc):
        return ent
    article, unit = doc[ent.end], doc[ent.end + 1]
    if article.lower_ not in ("a", "an") or unit.lemma_.lower() not in _TIME_UNITS:
        return ent
    span = doc.char_span(ent.start_char, unit.idx + len(unit.text), label="TIME")
    return span if span is not None else ent


_TIME_UNITS = frozenset("minute hour day week fortnight month year decade".split())


def _range_start(doc: Any, ent: Any, nxt: Any) -> int | None:
    """Where a range of two dates the tagger split begins ("from 2017 to 2022": at "from";
    "between ... and ...": at "between", which "and" needs), or None when they are no range."""
    if nxt.label_ != "DATE" or dates_mod.parse_date(ent.text) is None or dates_mod.parse_date(nxt.text) is None:
        return None  # both ends dates: "sentenced Thursday to six years" is a date and a length
    gap = doc.text[ent.end_char : nxt.start_char].strip().lower()
    before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
    if gap in ("to", "through", "-", "\u2013") or (gap == "and" and before == "between"):
        return doc[ent.start - 1].idx if before in ("from", "between") else ent.start_char
    return None


# A clause verb's polarity in TextFacts.verbs: 0 affirmed, 1 negated, 2 governed by a negated verb.
UNDER_NEGATION = 2


_NO_ONE = frozenset({"nobody", "nothing", "none", "noone", "neither"})


def _refusing(verb: Any) -> bool:
    """A verb that turns down the act it takes: "declined", "refused", "ruled out"."""
    lemma = verb.lemma_.lower()
    ruled_out = lemma == "rule" and any(c.dep_ == "prt" and c.lower_ == "out" for c in verb.children)
    return lemma in REFUSING_VERBS or ruled_out


def _negated(verb: Any) -> bool:
    """A verb negated in its own clause ("did not reject", "never filed"); a "not" that belongs to a
    noun phrase ("... and not the data that Telegram provides") negates no verb."""
    for child in verb.children:
        if child.dep_ == "neg" or child.lower_ in ("never",):
            return True
        if child.dep_ in ("aux", "auxpass") and any(g.dep_ == "neg" for g in child.children):
            return True
        # "pleaded not guilty", "found him not guilty": the verb's adjective complement denied
        # ("innocent" is "not guilty" said in one word)
        denied = child.lower_ == "innocent" or any(g.dep_ == "neg" for g in child.children)
        if child.dep_ in ("acomp", "oprd", "ccomp") and child.pos_ == "ADJ" and denied:
            return True
        # "no employees would lose their jobs", "includes no new positions", "nobody was hurt":
        # none did it, or none is had; not "made no secret of", nor "no one ... more than"
        if child.dep_ in ("nsubj", "nsubjpass", "dobj") and _none_of(child, verb):
            return True
        # "found no fuel leaking", "saw nobody leaving": the one seen doing it is none
        seen_doing = child.dep_ in ("ccomp", "xcomp") and child.tag_ == "VBG"
        if seen_doing and any(g.dep_ == "nsubj" and g.i < child.i and _none_of(g, child) for g in child.children):
            return True
    return False


# Nouns that "no" turns into an idiom, not a denial: "made no secret of", "had no choice but".
_NO_IDIOMS = frozenset("secret doubt choice question mistake time surprise coincidence accident".split())


def _none_of(party: Any, verb: Any) -> bool:
    """A subject or object that says no one or nothing ("nobody", "no employees"), where that
    denies the verb: not an idiom ("no secret"), an exception ("nobody but Hale", "no one else")
    or a comparison ("no one has won more titles than Tandy")."""
    said_none = party.lower_ in _NO_ONE or any(
        g.dep_ in ("det", "preconj") and g.lower_ in ("no", "neither") for g in party.children
    )
    if not said_none or party.lemma_.lower() in _NO_IDIOMS:
        return False
    # a tally's "1,060 no votes" counts votes against; it denies nothing
    if any(g.dep_ == "nummod" for g in party.children):
        return False
    after = party.doc[party.i + 1].lower_ if party.i + 1 < len(party.doc) else ""
    if after in ("but", "else", "other", "except", "besides"):
        return False
    return not any(t.lower_ == "than" for t in verb.subtree)


def _partly_denied(verb: Any) -> bool:
    """One of a verb's objects (or subjects) said, and another denied: "found dents and scraped
    paint on the hull but no breach" neither finds nor denies finding all that it names. Asked
    only of a verb not negated outright."""
    # The parse may hang the denied one from any noun before it ("... on the hull but no breach"):
    # a "no" before a conjoined noun anywhere in the verb's clause says it.
    return any(
        t.lower_ == "no" and t.dep_ == "det" and t.head.dep_ == "conj" and _clause_verb(t).i == verb.i
        for t in verb.subtree
    )


def _clause_verb(token: Any) -> Any:
    """The nearest verb above a token, through conjoined verbs ("found dents and scraped paint ..."),
    so a "no" in a relative clause belongs to that clause's verb, not the sentence's."""
    node = token.head
    while node.head.i != node.i and not (node.pos_ in ("VERB", "AUX") and node.dep_ != "conj"):
        node = node.head
    return node


def _until(verb: Any) -> bool:
    """A negated verb with an "until" ("will not reopen until the inspection") says when, not whether."""
    return any(t.lower_ in ("until", "till", "unless") for t in verb.subtree)


# Nouns a number names one of ("grade 8", "No. 21", "Gate 3"), and a range of them ("grades 8 through 12");
# "no" only with its full stop ("there was no 2019 budget" keeps its year).
_NUMBERED = re.compile(
    r"(?:\b(?:grades?|room|gate|lane|ward|precinct|pier|exit|chapter|section|article|item|hole|heat|stage|"
    r"round|level|floor|platform|terminal|highway|route|interstate|hwy|road)\.?|\bnos?\.)\s+"
    r"(?:\d+\s*(?:through|to|and|or|-|\u2013)\s*)?$",
    re.IGNORECASE,
)


def _entity_fact(
    ent: Any,
    span: tuple[int, int],
    offset: int,
    published: dt.date | None,
    anchor: Anchors,
    filed: list[tuple[int, int]],
    future: bool,
    recent: dt.date | None = None,
) -> Fact | None:
    start, end = ent.start_char + offset, ent.end_char + offset
    base = {"text": ent.text, "start": start, "end": end, "sentence": span}
    label = ent.label_
    if label in ("TIME", "DATE") and _MATCH_MINUTE.search(ent.text):
        return _match_minute(ent, base)
    if label == "TIME" and _time_of_day(ent.text) is None and _NAMES_A_DAY.search(ent.text.strip()):
        label = "DATE"  # "Wednesday morning", "Tuesday night": a day the tagger read as a time
    numbered = _NUMBERED.search(ent.doc.text[max(0, ent.start_char - 40) : ent.start_char])
    stated = _stated_age(ent) if label in ("DATE", "CARDINAL") and not numbered else None
    if stated is not None:  # "She was 79", "died at 84"
        years, party, act = stated
        comparator = comparator_in(_prefix(ent) + ent.text)
        return Fact(QUANTITY, value=years, comparator=comparator, unit=AGE, verb=act, party=party, **base)
    if label == "DATE" and _STREAK.search(ent.text):
        # "three years in a row", "the third straight year": how many times, not how long; a rank
        # ("the eighth consecutive day above 100 degrees") says which of the run
        streak = _STREAK_RANK.search(ent.text)
        rank = _ordinal(streak.group(1)) if streak is not None else None
        if streak is None or rank is None or rank <= 0:
            return None
        unit = f"{streak.group(2).lower()} in a row"
        return Fact(ORDINAL, value=rank, unit=unit, about=_about(ent), verb=_verb_of(ent.root), **base)
    if label == "DATE" and numbered:
        # "State Highway 19 early Saturday" tagged "19 early Saturday": the day without the road's number
        rest = ent.doc.char_span(ent[0].idx + len(ent[0]) + 1, ent.end_char, label="DATE") if len(ent) > 1 else None
        if rest is None or not ent[0].like_num:
            return None
        return _entity_fact(rest, span, offset, published, anchor, filed, future, recent)
    if label == "DATE":
        age = dates_mod.AGE.search(ent.text.lower())
        if age:
            # (whose age, where a name is the subject: "Harold Vance ... was 34 years old" is his
            # age, not his neighbour's "Marisol Ochoa, 34")
            years = float(next(g for g in age.groups() if g))
            return Fact(
                QUANTITY, value=years, unit=AGE, about=_about(ent), **{**base, "party": _subject_name(ent.root)}
            )
        person = _aged(ent)
        if person:
            # "Park, 19, was making his third appearance": the tagger calls the age a date
            return Fact(QUANTITY, value=float(ent.text), unit=AGE, **{**base, "party": person})
        decade = _AGE_DECADE.search(_prefix(ent) + ent.text)
        if decade:
            # "a man in his 70s": an age between 70 and 79 ("late 40s": 47 to 49), not the 1970s
            lo, hi = _DECADE_PART.get((decade.group(1) or "").lower(), (0, 9))
            tens = _DECADE_WORDS.get(decade.group(2).lower()) or float(decade.group(2).rstrip("'sS"))
            verb = _verb_of(ent.root)
            return Fact(QUANTITY, value=tens + lo, upper=tens + hi, unit=AGE, about=_about(ent), verb=verb, **base)
        in_dateline = any(s <= start < e for s, e in filed)
        # "will raise fares, the company said on Tuesday": a sentence about the future, but the
        # date of a verb in the past tense is in the past (the article's own Tuesday).
        after = recent if not in_dateline and _not_past(ent.root) else None
        denied = _denied_until(ent)
        verb = _lemma(denied) if denied is not None else _event_noun(ent.root) or _verb_of(ent.root)
        ahead = ((future or _said_ahead(ent.root)) and not _in_past(ent.root)) or _for_a_weekday(ent)
        # ("between March 2024 and June 2025" tagged without its "between", which the "and" needs)
        between = "between " if ent.start > 0 and ent.doc[ent.start - 1].lower_ == "between" else ""
        value = dates_mod.parse_date(between + ent.text, published, anchor.of(verb), ahead, after)
        if value is not None:
            value = _counted_from(ent, value)
        if value is None:
            days = dates_mod.parse_duration(ent.text) if _is_duration(ent.text) else None
            if days is None or _in_a_rate(ent):
                return None
            return Fact(
                DURATION,
                value=days,
                comparator=_length_comparator(ent),
                unit=_how_often(ent),
                about=_about(ent),
                verb=verb,
                party=_subject_name(ent.root),
                **base,
            )
        opened, bound = _open_ended(ent, value, published)
        # The interval the text names ("March 2019" in "since March 2019"): the label says which way
        # it is open (align._value), and two spans are compared by the ends they name.
        first, last = value.iso()
        if not in_dateline:
            anchor.saw(_anchor(opened), verb)
        # (a plan the text says no longer holds is dated like a thing: it may agree, never conflict)
        label = "filed" if in_dateline else "which" if _says_which(ent.root) or _superseded_plan(ent.root) else bound
        if label in SIDES_OF_A_DAY:
            # The fact's wording keeps its side ("before Aug. 25"): a reason quoting "Aug. 25"
            # would misstate the claim, and a restatement must not drop the side.
            side = ent.doc[ent.start - 1] if ent.doc[ent.start - 1].lower_ != "to" else ent.doc[ent.start - 2]
            base = {**base, "text": ent.doc.text[side.idx : ent.end_char], "start": side.idx + offset}
        party = _subject_name(ent.root)
        if label == "which":
            # "the 2019 Brushy Peak Fire": the year says which of a named event, and when it was
            party = _year_of_a_name(ent.root) or party
        return Fact(DATE, first=first, last=last, weekday=value.weekday, label=label, verb=verb, party=party, **base)
    if label == "TIME":
        minutes = _time_of_day(ent.text)
        if minutes is not None:
            # "until 5:05 a.m." bounds an event, it does not date it "under" anything: only
            # "about"-like words make a time approximate.
            approximate = re.search(
                r"\b(?:about|around|roughly|approximately|shortly|just)\b", _prefix(ent) + ent.text, re.I
            )
            return Fact(TIME, value=minutes, comparator="~" if approximate else "=", **base)
        days = dates_mod.parse_duration(ent.text) if _is_duration(ent.text) else None
        if days is None or _in_a_rate(ent):
            return None
        comparator = _length_comparator(ent)
        unit = _how_often(ent)
        return Fact(
            DURATION,
            value=days,
            comparator=comparator,
            unit=unit,
            about=_about(ent),
            verb=_verb_of(ent.root),
            party=_subject_name(ent.root),
            **base,
        )
    if label in _FIGURE_LABELS:
        if label == "CARDINAL" and numbered:
            return None  # "grades 8 through 12", "No. 21": which one, not how many
        if label == "CARDINAL" and _CLOCK.fullmatch(ent.text.strip()):
            return None  # "Dufresne's goal 2:14 into overtime": a clock reading counts nothing
        return _figure(ent, base)
    if label in NAME_GROUPS:
        root = ent.root
        if NAME_GROUPS[label] == "PLACE" and root.dep_ == "poss":
            # "Moscow's Tagansky District Court ruled": the court's place is in the court's role
            # ("A St. Petersburg district court ruled" has it so as a compound already).
            root = root.head
        role, verb = _role(root)
        if not role or verb in ("be", "have", "say", "tell"):
            # "Mayor Denise Okafor, who proposed the project, said ...": she is the doer of what
            # her relative clause says, which tells more of her than the "said"
            doing = _relative_doing(root)
            role, verb = ("agent", doing) if doing else (role, verb)
        return Fact(NAME, label=NAME_GROUPS[label], role=role, verb=verb, **base)
    return None


# "the 67th minute", "the 23rd and 67th minutes": a point on a match clock, which the tagger
# calls a time or a date; it is a rank (ordinal), never a length of time.
_MATCH_MINUTE = re.compile(r"\b(?:\d{1,3}(?:st|nd|rd|th)|[a-z]+(?:st|nd|rd|th))[\s-]+minutes?\b", re.IGNORECASE)
# "the fourth minute of stoppage time", "the 10th minute of the second half": a minute of a part,
# not of the match clock
_MINUTE_OF_A_PART = re.compile(r"^\s*of\s+(?:the\s+)?(?:stoppage|added|injury|extra|first|second)\b", re.IGNORECASE)
_ORDINAL_WORD = re.compile(r"\b(\d{1,3})(?:st|nd|rd|th)\b|\b([a-z]+)\b", re.IGNORECASE)


def _match_minute(ent: Any, base: dict[str, Any]) -> Fact | None:
    """The minute of a match as an ordinal counting minutes; several ("the 23rd and 67th minutes")
    give nothing to compare, as which goes with which event the parse does not say."""
    ranks = [
        float(m.group(1)) if m.group(1) else _ordinal(m.group(2))
        for m in _ORDINAL_WORD.finditer(ent.text)
        if m.group(1) or _ordinal(m.group(2) or "") is not None
    ]
    ranks = [r for r in ranks if r is not None and r > 0]
    if len(ranks) != 1 or _MINUTE_OF_A_PART.match(ent.doc.text[ent.end_char : ent.end_char + 30]):
        return None
    # "Kessler's 89th-minute winner": the minute of the goal the noun names, not of the sentence's verb
    head = ent.root.head
    on_noun = ent.root.dep_ in ("compound", "amod", "nmod", "nummod") and head.pos_ == "NOUN"
    verb = head.lemma_.lower() if on_noun else _verb_of(ent.root)
    # whose minute it is: the goal's owner ("Kessler's 89th-minute winner") or the verb's subject,
    # so "sealed the win in the 84th" by another player confirms nothing of Asante's goal
    owner = _child(head, "poss") if on_noun else None
    named = owner is not None and owner.pos_ == "PROPN"
    party = " ".join(t.text.lower() for t in _compound_name(owner)) if named else _subject_name(ent.root)
    return Fact(ORDINAL, value=ranks[0], unit="minute", about=_about(ent), verb=verb, party=party, **base)


# Nouns a day before them only places in time ("Tuesday night", "Monday's vote" is not one of them).
_TIME_NOUNS = frozenset("morning afternoon evening night overnight noon midnight weekend week".split())


_PLANNING_VERBS = frozenset("schedule plan set expect due slate intend".split())


def _superseded_plan(root: Any) -> bool:
    """A date of what "had been scheduled" to happen ("which had been scheduled to begin the fall
    term on Monday, will delay the start by one week"): the old plan's day, not when it happens."""
    verb = _verb_token(root)
    if verb is None or verb.dep_ != "xcomp":
        return False
    plan = verb.head
    had = any(c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ == "VBD" for c in plan.children)
    return plan.lemma_.lower() in _PLANNING_VERBS and had


def _says_which(root: Any) -> bool:
    """A date that modifies a noun says which thing, not when the verb happened: "summer classes",
    "the 2016 fare increase", "started Sunday's stage" ("Tuesday night" and "the morning of June 3"
    do date the verb, and "Tuesday's ruling" dates the ruling: _event_noun)."""
    head = root.head
    owns = root.dep_ == "poss" and not _event_noun(root)
    # "a $212.4 million budget for the 2025-26 school year": what the thing is for, not when (a year
    # or season only: "a hearing on the hit for Sunday" is when the hearing is)
    for_a_thing = (
        root.dep_ == "pobj"
        and head.lower_ == "for"
        and head.head.pos_ == "NOUN"
        and (root.lemma_.lower() in ("year", "season") or bool(re.fullmatch(r"(?:19|20)\d\d", root.text)))
    )
    return (
        (root.dep_ in ("compound", "amod", "nmod", "nummod") or owns)
        and head.i != root.i
        and head.pos_ in ("NOUN", "PROPN")
        and head.lemma_.lower() not in _TIME_NOUNS
    ) or (for_a_thing and head.head.lemma_.lower() not in _TIME_NOUNS)


@dataclass
class Anchors:
    """What a relative date ("the same day", "a week earlier") counts from, as the text goes: the
    last date it gave, or, where that is no single day ("in April", "in 2022"), the last day of the
    same verb ("Kessel was sentenced Thursday ... Brannigan was sentenced a week earlier")."""

    last: dates_mod.Anchor | None = None
    days_by_verb: dict[str, dt.date] = field(default_factory=dict)

    def of(self, verb: str) -> dates_mod.Anchor | None:
        if isinstance(self.last, dt.date):
            return self.last
        return self.days_by_verb.get(verb, self.last)

    def saw(self, anchor: dates_mod.Anchor | None, verb: str) -> None:
        if anchor is None:
            return
        self.last = anchor
        if isinstance(anchor, dt.date) and verb:
            self.days_by_verb[verb] = anchor


def _anchor(value: dates_mod.DateValue) -> dates_mod.Anchor | None:
    """What "the same day" or "two years later" counts from: a day, or a month or year with its year
    ("in 2001"); nothing for a longer or open stretch ("since 2019")."""
    if value.first is None or value.last is None or value.first[0] is None or value.last[0] is None:
        return None
    a, b = dt.date(*value.first), dt.date(*value.last)  # type: ignore[arg-type]
    if a == b:
        return a
    return (a, b) if (b - a).days <= 366 else None


def _open_ended(ent: Any, value: dates_mod.DateValue, published: dt.date | None) -> tuple[dates_mod.DateValue, str]:
    """ "since 2019" runs from 2019 on (to the article's date, for a source); "until May" up to May.
    The second value says which end the text gave ("since", "until"), or is ""."""
    before = ent.doc[ent.start - 1].lower_ if ent.start > 0 else ""
    if before in ("until", "till") and (_negated_head(ent.doc[ent.start - 1]) or _denied_until(ent) is not None):
        # "classes do not start until Aug. 25": they start on Aug. 25, a day, not a stretch up to it
        return value, ""
    if before == "since" and value.first is not None:
        end = (published.year, published.month, published.day) if published else (2100, 12, 31)
        return dates_mod.DateValue(value.first, end), "since"
    if before == "since" and value.weekday is not None:
        return value, "since"  # "since Monday" in an article with no date to place it: a weekday still
    if before in ("until", "till", "through") and value.last is not None:
        return dates_mod.DateValue((1900, 1, 1), value.last), "until"
    # "before Aug. 25", "after the 3rd", "by Friday": a side of a day, not the day (align._value);
    # but "five weeks before Tuesday's ruling" dates the ruling, on that day
    if ent.root.dep_ == "poss":
        return value, ""
    if before in OPEN_SIDES or (before == "to" and ent.start > 1 and ent.doc[ent.start - 2].lower_ == "prior"):
        side = OPEN_SIDES.get(before, "before")
        # "did not expect the Senate to take it up before May": from May on, not before it
        return value, _DENIED_SIDE[side] if _negated_head(ent.doc[ent.start - 1]) else side
    return value, ""


# The word before a date that makes it one side of that day (the label align._value reads).
OPEN_SIDES = {"before": "before", "after": "after", "by": "by"}


# A side of a day under a negated verb: "not before May" is from May on, "not after" by it.
_DENIED_SIDE = {"before": "from", "after": "by", "by": "after"}


def _denied_until(ent: Any) -> Any:
    """The denied verb an "until" date tells the day of, where the parse hung "until" on a later
    clause ("was not diagnosed with measles until three days later, when a rash appeared": the
    diagnosis, not the rash): the nearest verb before "until", in its sentence, when it is negated;
    else None."""
    if ent.start == 0 or ent.doc[ent.start - 1].lower_ not in ("until", "till"):
        return None
    sent = ent.doc[ent.start - 1].sent
    verb = next((t for t in reversed(ent.doc[sent.start : ent.start - 1]) if t.pos_ == "VERB"), None)
    return verb if verb is not None and _negated(verb) else None


def _negated_head(word: Any) -> bool:
    """The verb a word ("until") hangs from is negated ("do not start until", "won't reopen till"),
    or the verb that one completes ("did not expect the chamber to take it up before May")."""
    head = word.head
    for _ in range(3):
        if head.pos_ in ("VERB", "AUX") and _negated(head):
            return True
        if head.dep_ not in ("xcomp", "ccomp") or head.head.i == head.i:
            return False
        head = head.head
    return False


_DATE_TO_LENGTH = re.compile(r"^(?P<date>.+?)\s+to\s+(?P<length>.+)$")


def _date_and_length(ent: Any) -> list[Any]:
    """A date and a length of time the tagger ran together ("sentenced on Nov. 6 to two and a half
    years" tags "Nov. 6 to two and a half years"), as the two entities they are; any other entity
    as itself."""
    m = _DATE_TO_LENGTH.match(ent.text) if ent.label_ == "DATE" else None
    if m is None or not dates_mod.names_a_month(m.group("date")) or dates_mod.names_a_month(m.group("length")):
        return [ent]
    if dates_mod.parse_duration(m.group("length")) is None or not _is_duration(m.group("length")):
        return [ent]
    doc = ent.doc
    parts = [
        doc.char_span(ent.start_char, ent.start_char + m.end("date"), label="DATE"),
        doc.char_span(ent.start_char + m.start("length"), ent.end_char, label="DATE"),
    ]
    return parts if all(p is not None for p in parts) else [ent]


def _time_and_day(ent: Any) -> list[Any]:
    """A time of day and its weekday the tagger ran together ("reopened at 3:25 p.m. Saturday",
    "Saturday at 6:40 a.m."), as a time and a date: the day is a date like any other, to be met
    by a claim's "on Sunday". Any other entity as itself."""
    if ent.label_ != "TIME" or _time_of_day(ent.text) is None:
        return [ent]
    m = _TIME_WITH_DAY.match(ent.text)
    if m is None:
        return [ent]
    day, time = ("day", "time") if m.group("day") is not None else ("day2", "time2")
    doc, at = ent.doc, ent.start_char
    parts = [
        doc.char_span(at + m.start(day), at + m.end(day), label="DATE"),
        doc.char_span(at + m.start(time), at + m.end(time), label="TIME"),
    ]
    return sorted(parts, key=lambda p: p.start_char) if all(p is not None for p in parts) else [ent]


_WEEKDAY_NAME = "(?:" + "|".join(n for n in dates_mod.WEEKDAYS if n.endswith("day")) + ")"  # full names only
_TIME_WITH_DAY = re.compile(
    rf"^(?:(?P<time>.*?\d.*?)\s*,?\s+(?:on\s+)?(?P<day>{_WEEKDAY_NAME}))$"
    rf"|^(?:(?P<day2>{_WEEKDAY_NAME})\s*,?\s+(?:at\s+)?(?P<time2>.*?\d.*))$",
    re.IGNORECASE,
)


def _is_duration(text: str) -> bool:
    """A length of time ("five hours", "the past three years"), not a named period ("the coming
    fiscal year", "this season"), which says when, not how long."""
    if re.search(
        r"\b(?:current|coming|upcoming|this|next|last|previous|following|same)\s+(?:\w+\s+)?(?:hour|day|week|month|year|season)\b",
        text.lower(),
    ):
        return False
    # "a week earlier", "two days later", "three years ago" say when, counted from another date;
    # a text naming a month is a date, or a date and a length run together (_date_and_length).
    if _RELATIVE_WHEN.search(text) or dates_mod.names_a_month(text):
        return False
    # "the first week", "the third year of the contract": which one, not how long
    if _ORDINAL_PERIOD.search(text):
        return False
    # "in the early hours of Saturday": a part of the day, not three hours
    if re.search(r"\b(?:early|small|wee|late|morning|evening)\s+hours\b", text.lower()):
        return False
    # "the day before the vote", "that week": which one too
    if re.fullmatch(r"(?:the|that|this)\s+(?:hour|day|night|week|month|year)", text.strip().lower()):
        return False
    return bool(re.search(r"\b(?:second|minute|hour|day|week|fortnight|month|year|decade)s?\b", text.lower()))


_ORDINAL_PERIOD = re.compile(
    r"\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|final|opening|\d+(?:st|nd|rd|th))\s+"
    r"(?:full\s+)?(?:hour|day|week|month|year|decade)\b",
    re.IGNORECASE,
)
_RELATIVE_WHEN = re.compile(r"\b(?:earlier|later|ago|before|after|prior|since|hence)\b", re.IGNORECASE)


def _aged(ent: Any) -> str:
    """Whose age a bare number between commas after a name is ("Park, 19, was making ...";
    "Marcus Hale, 61, had campaigned"): the name, lower-cased, or ""."""
    root, doc = ent.root, ent.doc
    if (
        not re.fullmatch(r"\d{1,3}", ent.text)
        or int(ent.text) > 120
        or root.dep_ != "appos"
        or root.head.pos_ != "PROPN"
    ):
        return ""
    if not (ent.start > 0 and doc[ent.start - 1].text == "," and ent.end < len(doc) and doc[ent.end].text == ","):
        return ""
    return " ".join(t.text.lower() for t in _compound_name(root.head))


def _stated_age(ent: Any) -> tuple[float, str, str] | None:
    """An age said of a person without the word "age": "She was 79", "Harlan was 85 when he died",
    "died at 84", "moved to the United States at 19" (the tagger calls it a date or a bare number).
    (years, whose: the lower-cased name or "" for a pronoun, the act it dates: the "when" clause's
    verb, the verb "at" hangs on, else "be"), or None."""
    root = ent.root
    years = parse_number(root.text) if root.like_num and re.fullmatch(r"[\w-]+", root.text) else None
    if years is None or not 1 <= years <= 120 or years != int(years):
        return None
    at_an_age = root.dep_ == "pobj" and root.head.lower_ == "at" and root.head.head.pos_ in ("VERB", "AUX")
    if root.dep_ in ("attr", "acomp") and root.head.lemma_ == "be":
        verb = root.head
        when = next((c for c in verb.children if c.dep_ == "advcl" and _opens_with(c, "when")), None)
        act = when.lemma_.lower() if when is not None else "be"
        if when is None and verb.dep_ == "advcl" and verb.head.pos_ == "VERB":
            act = verb.head.lemma_.lower()  # "began writing fiction when she was nearly 60"
    elif at_an_age:
        verb = root.head.head
        act = verb.lemma_.lower()
    else:
        return None
    subject = _clause_subject(verb)
    if subject is not None and subject.lower_ == "who" and verb.dep_ == "relcl":
        subject = verb.head
    if subject is None:
        return None
    if subject.lower_ in ("he", "she"):
        return years, "", act
    # "was 85" of any proper name (the tagger calls "Harlan" an organisation), "at 84" only of a
    # person's ("The stock closed at 84" is no age)
    if subject.pos_ != "PROPN" or (at_an_age and subject.ent_type_ != "PERSON"):
        return None
    return years, " ".join(t.text.lower() for t in _compound_name(subject)), act


def _opens_with(clause: Any, word: str) -> bool:
    """A clause's verb has `word` as its opening adverb or marker ("when she died")."""
    return any(c.dep_ in ("advmod", "mark") and c.lower_ == word for c in clause.children)


# An age told by its decade: "in his 70s", "in her late 40s", "people in their 30s".
_AGE_DECADE = re.compile(rf"\b(?:his|her|their)\s+(?:(early|mid|late)[- ]?)?({_DECADES})\s*$", re.IGNORECASE)
_DECADE_PART = {"early": (0, 3), "mid": (3, 6), "late": (7, 9)}


# What "over" may follow and still mean "more than" before a length of time ("lasted over three
# weeks", "for over an hour"); after anything else it means "across" ("deliberated for about 11
# hours over three days", "rose 5 percent over the past three years").
_OVER_AS_MORE = frozenset("for in of than after within last take run spend wait be serve".split())


def _length_comparator(ent: Any) -> str:
    """A length of time's comparator; "over" that spreads an act across the length is none."""
    comparator = comparator_in(_prefix(ent) + ent.text)
    doc = ent.doc
    over = doc[ent.start - 1] if ent.start > ent.sent.start else None
    if comparator != ">" or over is None or over.lower_ != "over" or over.i <= ent.sent.start:
        return comparator
    before = doc[over.i - 1]
    return comparator if before.lemma_.lower() in _OVER_AS_MORE or before.lower_ in _OVER_AS_MORE else "="


def _prefix(ent: Any) -> str:
    """The few words before an entity, where its comparator may stand ("more than" before "60")."""
    doc = ent.doc
    return doc[max(ent.start - 3, ent.sent.start) : ent.start].text + " "


# Who money is counted by: "per adult", "a head", "for each child".
_PER_PERSON = re.compile(
    r"^\s*(?:per|a|an|for each|for every|each|every)\s+(adult|child|children|person|people|head|resident|household"
    r"|family|student|pupil|worker|employee|member|passenger|patient|taxpayer|homeowner|voter|player)s?\b",
    re.IGNORECASE,
)
_PER_PERSON_WORDS = {"children": "child", "people": "person"}
# (not "$4 million a year earlier": a time, not a rate)
_PER_PERIOD = re.compile(
    # (past what it is per: "$9,000 per turbine each year")
    r"^\s*(?:(?:per|a|an)\s+(?!year|month|week)[a-z-]+\s+)?"
    r"(?:(?:a|an|per|each|every)\s+(year|month|week)\b(?!\s+(?:ago|earlier|later|before|after|prior|from))"
    r"|(annually|yearly|monthly|weekly)\b)",
    re.IGNORECASE,
)
_BOUND_FIRST = re.compile(r"^\s*(?:or|and)\s+(?:more|less|fewer|over|under|up)\b", re.IGNORECASE)
_PER_WORD = {"annually": "year", "yearly": "year", "monthly": "month", "weekly": "week"}


def _end_past_unit(ent: Any) -> int:
    """Where a figure's words end, past the unit noun written right after it ("10" + "votes")."""
    doc, end = ent.doc, ent.end
    if end < len(doc) and doc[end].i == ent.root.head.i and doc[end].pos_ == "NOUN":
        end += 1
    return end


def _after(ent: Any, words: int = 3) -> str:
    """The words right after a figure and its unit ("$600" + "or more on", "10 votes" + "or
    fewer"): where a bound or a rate's period written after a figure stands."""
    end = _end_past_unit(ent)
    return ent.doc[end : end + words].text


def _figure(ent: Any, base: dict[str, Any]) -> Fact | None:
    label, text = ent.label_, ent.text
    # "third" is a rank here, not a fraction (parse_number reads "two-thirds")
    value = _ordinal(text) if label == "ORDINAL" else parse_number(text)
    if value is None:
        return None
    comparator = comparator_in(_prefix(ent) + text)
    if comparator == "=":
        comparator = comparator_after(_after(ent))
    base = {
        **base,
        "verb": _figure_verb(ent.root),
        "period": _year_before(ent) or _period(ent),
        "party": _subject_name(ent.root),
    }
    # "$72," is often tagged a bare number "72": the sign just before it says it is money.
    before = ent.doc.text[max(ent.start_char - 1, 0) : ent.start_char]
    currency = next((c for w, c in CURRENCIES.items() if w in (before + text + " " + _next_word(ent)).lower()), None)
    if before in ("$", "€", "£", "¥"):
        label = "MONEY"
        base = {**base, "text": before + text, "start": base["start"] - 1}
    cents = _CENTS.search(text + " " + _next_word(ent))
    if currency is None and cents is not None and label != "PERCENT":
        # "24 cents a share", "a 50-cent increase": money, a hundredth of the currency unit
        label, value, currency = "MONEY", value / 100, "£" if cents.group().lower() == "pence" else "$"
    if label == "MONEY" and currency is None:
        label = "CARDINAL"  # the tagger sometimes calls "more than 200 million" money
    base["role"] = _figure_role(ent)
    if not base["role"]:
        base["change_end"] = _one_end(ent)
    else:
        base["way"] = _compared_way(ent)
    if label == "MONEY":
        # money by the year, month or week is a rate, compared only with a rate of that period
        # ("$210,000 a year" is not "$420,000 over two years")
        per = _PER_PERIOD.match(_BOUND_FIRST.sub("", _after(ent, 5)))
        unit = (currency or "$") + (f"/{(per.group(1) or _PER_WORD[per.group(2).lower()]).lower()}" if per else "")
        # ... and so is money by the person ("$1,000 per adult and $400 per child" is no household's
        # "$3,200 in one-off payments")
        each = None if per else _PER_PERSON.match(_after(ent, 4))
        if each:
            unit += f"/{_PER_PERSON_WORDS.get(each.group(1).lower(), each.group(1).lower())}"
        return Fact(MONEY, value=value, comparator=comparator, unit=unit, about=_about(ent), **base)
    if label == "PERCENT":
        return Fact(PERCENT, value=value, comparator=comparator, unit="%", about=_about(ent), **base)
    if label == "ORDINAL":
        # "The first patient was diagnosed ...": a rank on the subject says which one is meant
        which = ent.root.dep_ == "amod" and ent.root.head.dep_ in ("nsubj", "nsubjpass")
        return Fact(ORDINAL, value=value, unit=_counted(ent), about=_about(ent), label="which" if which else "", **base)
    measure = unit_after(_unit_words(ent)) if label in ("QUANTITY", "CARDINAL") else None
    if measure == "%":  # "4 per cent", tagged a quantity
        return Fact(PERCENT, value=value, comparator=comparator, unit="%", about=_about(ent), **base)
    if label == "QUANTITY" or measure is not None:
        unit = measure or (ent[-1].lemma_.lower() if ent[-1].pos_ == "NOUN" else "")
        return Fact(QUANTITY, value=value, comparator=comparator, unit=unit, about=_about(ent, count=True), **base)
    if re.fullmatch(r"(?:1[5-9]|20)\d\d", text.strip()):
        return None  # a bare year the tagger called a number
    # "a third of", "two-thirds", "one of three board members": a share, never compared with a count.
    fraction = re.search(r"\b(?:half|halves|thirds?|quarters?|fifths?|tenths?)\b", text.lower())
    if fraction and 0 < value <= 1:  # "a quarter of the budget" is 25 percent of it
        return _share(ent, value, comparator, base)
    unit = "fraction" if fraction or _one_of(ent) else _counted(ent)
    # "knocked out two of the three main pumps": the verb is done to the two, not the three
    whole = _whole_of_a_part(ent)
    base["verb"] = "" if whole else _counted_verb(ent) or base["verb"]
    if not base["role"] and whole:
        base["role"] = WHOLE
    if not base["role"] and _part_of_a_total(ent, unit):
        base["role"] = PART
    if not base["role"] and _some_of(ent):
        base["role"] = SOME
    return Fact(
        QUANTITY, value=value, comparator=comparator, unit=unit, about=_about(ent, count=True), sort=_sort(ent), **base
    )


def _sort(ent: Any) -> tuple[str, ...]:
    """The nouns before a counted noun that say which kind of it is counted: "firefighter" of "nine
    firefighter positions", "police" and "officer" of "four police officer positions"; () where
    none does ("nine positions") or the number counts no noun it modifies."""
    root = ent.root
    if root.dep_ not in ("nummod", "quantmod", "amod", "compound") or root.head.pos_ != "NOUN":
        return ()
    noun = root.head
    if noun.dep_ == "compound" and noun.head.pos_ == "NOUN" and noun.head.i > noun.i:
        # "2,100 vehicle trips" with the number hung on "vehicle": "vehicle" says which trips
        return (noun.lemma_.lower(),)
    words: list[str] = []
    stack = [c for c in noun.children if c.dep_ == "compound" and c.pos_ == "NOUN" and c.i < noun.i]
    while stack:
        token = stack.pop()
        words.append(token.lemma_.lower())
        stack += [c for c in token.children if c.dep_ == "compound" and c.pos_ == "NOUN"]
    return tuple(sorted(words))


def _part_of_a_total(ent: Any, unit: str) -> bool:
    """A count added to another of the same thing: "this state and three neighboring states" count
    four states in all, so "four states" is no other figure than the "three"."""
    doc, i = ent.doc, ent.start - 1
    if i >= ent.sent.start and doc[i].lower_ in ("other", "remaining"):
        return True  # "the other six plaintiffs": the rest of the plaintiffs, besides one named before
    if not unit or i < ent.sent.start or doc[i].lower_ not in ("and", "plus"):
        return False
    # "the Barrawong shire and two neighbouring council areas": besides the one named, whatever
    # the one is called
    if ent.end < len(doc) and doc[ent.end].lower_ in _BESIDES:
        return True
    return any(t.lemma_.lower() == unit for t in doc[max(i - 4, ent.sent.start) : i])


# Words after a count joined to one thing that say the count is besides it.
_BESIDES = frozenset("neighbouring neighboring nearby surrounding adjacent adjoining other more additional".split())


def _years_since_a_first(ent: Any, fact: Fact, published: dt.date | None) -> Fact | None:
    """How long a first or a record has been in coming, worked out from its "since" year and the
    article's date: "Marlow Bay's first state championship since 1998", in a 2026 story, is its
    first in 27 to 28 years (label "since": a length the checks worked out, not one the text gives)."""
    if published is None or fact.kind != DATE or fact.label != "since" or not (fact.first and fact.last):
        return None
    year = fact.first[:4]
    if not year.isdigit() or fact.first[4:] != "-01-01" or fact.last != f"{year}-12-31":
        return None
    if not any(t.lower_ == "first" or t.tag_ in ("JJS", "RBS") for t in ent.sent):
        return None
    years = published.year - int(year)
    if years < 2:
        return None
    return Fact(
        DURATION,
        fact.text,
        fact.start,
        fact.end,
        fact.sentence,
        value=(years - 1) * 365.0,
        upper=years * 365.0,
        label="since",
        verb=fact.verb,
    )


_ONE_OF_A_KIND = frozenset("this that the its their our one a an".split())


def _total_of_parts(ent: Any, part: Fact, offset: int) -> Fact | None:
    """The total a part makes with one thing of its kind before it: "this state and three
    neighboring states" are four states, which is what "sold in four states" says."""
    doc, i = ent.doc, ent.start - 1
    one = next(
        (
            t
            for t in doc[max(i - 4, ent.sent.start) : i]
            if t.lemma_.lower() == part.unit and t.tag_ == "NN" and t.i > 0 and doc[t.i - 1].lower_ in _ONE_OF_A_KIND
        ),
        None,
    )
    if one is None or part.value is None:
        return None
    head = ent.root.head if ent.root.head.lemma_.lower() == part.unit else ent.root
    first, end = doc[one.i - 1].idx, max(head.idx + len(head.text), ent.end_char)
    return dataclasses.replace(
        part, text=doc.text[first:end], start=first + offset, end=end + offset, value=part.value + 1, role=""
    )


# A figure that is a difference between two others (role CHANGE): "rose 4.1 percent", "up $12",
# "twelve dollars more than", "a 50-cent increase", "cut by 30". It is compared with the source's
# differences (stated, or worked out from two of its figures), never held against a level ("$72").
CHANGE_VERBS = frozenset(
    "rise increase fall drop grow climb jump decline raise lower reduce surge slip tumble plunge soar dip "
    "slide shrink boost trim slash hike decrease swell sink cut lift".split()
)
CHANGE_NOUNS = frozenset("increase rise hike drop decline cut reduction jump decrease fall gain growth".split())
# A contest's margin is a difference between two counts ("passed by a margin of 1,382 votes"), in
# these units; a company's "gross margin of 40 percent" is a level.
_MARGIN_UNITS = frozenset("vote point stroke run goal length second seat".split())
_DIFFERENCE_AFTER = frozenset("more less fewer higher lower cheaper dearer above below up down".split())
# "9 mph under the speed limit", "two under par", "$2 million under budget": how far below a mark
# ("$9.4 million under the budget" is what the budget gives)
_UNDER_A_MARK = re.compile(
    r"^\s*under\s+(?:par|budget|estimates?|forecasts?|(?:the\s+)?(?:[a-z]+\s+)?(?:limit|estimate|forecast|target))\b",
    re.IGNORECASE,
)


def _figure_role(ent: Any) -> str:
    """CHANGE for a difference, GAP for a difference between two differences, else "" (a level)."""
    if not _is_change(ent):
        return ""
    # "eliminates seven fewer positions than the May plan": the verb's count is itself a
    # difference, and the comparison makes the figure how far apart two such differences are
    root = ent.root
    counted = root.head if root.dep_ == "nummod" and root.head.pos_ == "NOUN" else root
    taken = counted.dep_ == "dobj" and _changes_a_count(counted.head)
    return GAP if taken and (_compared_after(ent) or _compared_before_unit(ent, counted)) else CHANGE


def _compared_before_unit(ent: Any, counted: Any) -> bool:
    """ "seven fewer positions than the plan", "40 fewer jobs than it had planned": a comparative
    between the figure and its noun, and "than" on the noun or on a clause of it."""
    doc = ent.doc
    between = doc[ent.end] if ent.end < len(doc) else None
    than = any(t.lower_ == "than" for c in counted.children for t in (c, *c.children))
    return between is not None and between.tag_ in ("JJR", "RBR") and than


def _is_change(ent: Any) -> bool:
    root, doc = ent.root, ent.doc
    head = root.head
    # (money a body "raised" is money collected, not a change: "expects the increases to raise $16 million")
    raised = root.dep_ == "dobj" and head.lemma_.lower() == "raise" and ent.label_ == "MONEY"
    changing = head.lemma_.lower() in CHANGE_VERBS | {"up", "down"}
    if root.dep_ in ("npadvmod", "dobj", "advmod") and changing and not raised:
        return True
    if root.dep_ == "pobj" and head.lower_ == "by" and _changes(head.head):
        return True  # "cut by 30", "will go up by 50 cents"
    if root.dep_ == "pobj" and head.lower_ == "by" and head.head.lemma_.lower() in _MARGIN_VERBS:
        return True  # "beat the estimate by 3 cents": a margin, a difference
    if root.dep_ in ("nummod", "compound", "amod", "quantmod") and head.lemma_.lower() in CHANGE_NOUNS:
        return True  # "a $12 increase", "a 4.1 percent rise"
    if ent.label_ == "MONEY" and head.lemma_.lower() == "raise" and root.dep_ in ("nummod", "compound", "amod"):
        return True  # "a $43-an-hour raise" (a share's "6 percent raise" is weighed as offers are)
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in CHANGE_NOUNS:
        return True  # "an increase of $3 million"
    # "an increase of 300 jobs", "a margin of 1,382 votes": the figure counts the noun of "of"
    counted = head if root.dep_ == "nummod" and head.pos_ == "NOUN" else None
    of = counted.head if counted is not None and counted.dep_ == "pobj" else None
    if of is not None and of.lower_ == "of" and of.head.lemma_.lower() in CHANGE_NOUNS:
        return True
    # "grew by about 14,000 visitors", "cut nine turbines from the plan": the count of what a verb of
    # change changes ("fell behind by 15 points" is a level: how far behind)
    by = counted.head if counted is not None and counted.dep_ == "pobj" and counted.head.lower_ == "by" else None
    by_verb = by.head if by is not None else None
    if by_verb is not None and _changes(by_verb) and not any(c.lower_ in ("behind", "ahead") for c in by_verb.children):
        return True
    # "beat Westbrook by seven points", "won by 12 votes": a contest's margin, the difference of its
    # two scores, no count of points anyone scored; so is how far a record was broken ("broke the
    # mark by one goal")
    if by_verb is not None and by_verb.lemma_.lower() in CONTEST_VERBS | _RECORD_VERBS:
        return True
    if counted is not None and counted.dep_ == "dobj" and _changes_a_count(counted.head):
        return True
    if of is not None and of.lower_ == "of" and of.head.lemma_.lower() == "margin":
        return counted is not None and counted.lemma_.lower() in _MARGIN_UNITS
    # "The fare increase amounts to 20 percent", "The cut was $3 million": the change's own size
    sized = (
        head.head if root.dep_ == "pobj" and head.lower_ == "to" else head if root.dep_ in ("attr", "dobj") else None
    )
    # (not "The job cuts amount to about 8 percent of its 4,200 employees": a share of something)
    share_of = ent.end < len(doc) and doc[ent.end].lower_ == "of"
    if sized is not None and sized.lemma_.lower() in _SIZING_VERBS and _subject_is_a_change(sized) and not share_of:
        return True
    after = doc[ent.end].lower_ if ent.end < len(doc) else ""
    before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
    under = _UNDER_A_MARK.match(doc.text[doc[ent.end - 1].idx + len(doc[ent.end - 1].text) :])
    return after in _DIFFERENCE_AFTER or before in ("up", "down") or _compared_after(ent) or under is not None


def _one_end(ent: Any) -> str:
    """The one end of a change a figure is where a sentence gives only that one: "will fall to $19.8
    million" ("later"), "rose from 12 percent" ("earlier"); else "". (Two ends told together are
    marked by _mark_change_ends.)"""
    root = ent.root
    head = root.head
    if root.dep_ == "pobj" and head.lower_ in ("to", "from") and _changes(head.head):
        return "later" if head.lower_ == "to" else "earlier"
    return ""


def _compared_after(ent: Any) -> bool:
    """ "going 4 knots faster than the limit", "12 years older than his brother": a figure, past its
    unit noun, followed by a comparative and "than" is the difference between two things."""
    doc, end = ent.doc, _end_past_unit(ent)
    return end + 1 < len(doc) and doc[end].tag_ in ("JJR", "RBR") and doc[end + 1].lower_ == "than"


_MORE_WORDS = frozenset("more higher greater larger bigger above over".split())
_LESS_WORDS = frozenset("less fewer lower smaller below under cheaper".split())


def _compared_way(ent: Any) -> str:
    """ "more" for a difference told by "more", "higher" after it ("$90,000 more than the city first
    estimated"), "less" for "less", "fewer", "lower"; "up" or "down" for that word before it ("up 8%
    from 1.18 million"); else ""."""
    doc, end = ent.doc, _end_past_unit(ent)
    word = doc[end].lower_ if end < len(doc) else ""
    before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
    if before in ("up", "down"):  # "up 8% from 1.18 million"
        return before
    return "more" if word in _MORE_WORDS else "less" if word in _LESS_WORDS else ""


# Verbs whose "by" figure is a margin between two figures, not a figure of its own: a contest's
# and a comparison's ("beat the estimate by 3 cents", "won by $2 million"). Only where the figure
# is the object of "by" itself: "by 15 points" hangs the number on "points", and a margin told so
# is still compared with the source's margin ("trailed by 13 points").
_MARGIN_VERBS = CONTEST_VERBS | {"exceed", "surpass", "outpace", "trail", "lead", "miss", "outscore", "outpoll"}
# Verbs of a record bettered: their "by" count is the margin over the old mark.
_RECORD_VERBS = frozenset("break better eclipse smash".split())
# Verbs that give a thing's size: "amounts to", "totals", "comes to", "is".
_SIZING_VERBS = frozenset("amount total come be".split())


def _subject_is_a_change(verb: Any) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in CHANGE_NOUNS for c in verb.children)


# Verbs that take away the count they take, besides the verbs of change: "lost 40 employees",
# "shed 12 routes", "laid off 30 workers" (each a difference, not a level). Not "add": "would add
# about 2,100 vehicle trips a day" counts the new trips, and the parse may hang the source's count
# on another noun, so that the claim's alone would be a difference and escape comparison.
_COUNT_CHANGING = frozenset("lose shed eliminate".split())


def _changes_a_count(verb: Any) -> bool:
    """A verb whose object count is how much a count changed: "cut nine turbines", "lost 40
    employees", "laid off 30 workers" (not "raise": money raised is collected)."""
    lemma = verb.lemma_.lower()
    laid_off = lemma == "lay" and any(c.dep_ == "prt" and c.lower_ == "off" for c in verb.children)
    return (_changes(verb) and lemma != "raise") or lemma in _COUNT_CHANGING or laid_off


def _changes(verb: Any) -> bool:
    """A verb of change: "rise", "cut", or one with "up" or "down" ("go up", "push down")."""
    if verb.lemma_.lower() in CHANGE_VERBS or verb.lower_ in ("up", "down"):
        return True
    return any(c.dep_ == "prt" and c.lower_ in ("up", "down") for c in verb.children)


# Verbs that say a figure was multiplied: "attendance doubled" (a ratio of two figures).
RATIO_VERBS = {"double": 2.0, "triple": 3.0, "treble": 3.0, "quadruple": 4.0, "halve": 0.5}


def _ratio_verbs(sent: Any, span: tuple[int, int], offset: int) -> list[Fact]:
    out = []
    for token in sent:
        lemma = token.lemma_.lower()
        if token.pos_ == "VERB" and lemma in RATIO_VERBS:
            start = token.idx + offset
            out.append(
                Fact(
                    QUANTITY,
                    text=token.text,
                    start=start,
                    end=start + len(token),
                    sentence=span,
                    value=RATIO_VERBS[lemma],
                    unit="times",
                    role=RATIO,
                    verb=lemma,
                )
            )
    return out


def _share(ent: Any, value: float, comparator: str, base: dict[str, Any]) -> Fact:
    """A fraction as a percentage; an approximate one, as "a third" is rarely exactly 33.3 percent."""
    return Fact(
        PERCENT,
        value=round(100 * value, 1),
        comparator="~" if comparator == "=" else comparator,
        unit="%",
        about=_about(ent),
        **base,
    )


_FRACTION_WORDS = frozenset({"half", "third", "thirds", "quarter", "quarters", "fifth", "fifths", "tenth", "tenths"})
_FRACTION_COUNTS = frozenset({"a", "one", "two", "three", "four"})


def _untagged_shares(sent: Any, taken: list[tuple[int, int]], span: tuple[int, int], offset: int) -> list[Fact]:
    """ "A quarter of residents", "two-thirds of the budget", "half of the homes" where the tagger
    found no entity: a share of something, as a percentage."""
    out = []
    for token in sent:
        if token.lower_ not in _FRACTION_WORDS or token.i + 1 >= sent.end or token.nbor().lower_ != "of":
            continue
        first = token
        while first.i > sent.start and (first.nbor(-1).lower_ in _FRACTION_COUNTS or first.nbor(-1).text == "-"):
            first = first.nbor(-1)
        if first is token and token.lower_ != "half":
            continue  # "the third of", "first quarter of": an ordinal or a period, not a share
        start, end = first.idx, token.idx + len(token)
        if any(s < end and start < e for s, e in taken):
            continue
        wording = sent.doc.text[start:end]
        value = parse_number(wording)
        if value is None or not 0 < value <= 1:
            continue
        span_ = sent.doc.char_span(start, end)
        if span_ is None:
            continue
        comparator = comparator_in(_prefix(span_) + wording)
        base = {"text": wording, "start": start + offset, "end": end + offset, "sentence": span}
        out.append(_share(span_, value, comparator, {**base, "verb": _verb_of(token)}))
    return out


def _unit_words(ent: Any) -> str:
    """The words after a figure's number, where its unit stands: "60 miles per hour" -> "miles per
    hour", "180" in "180 lbs." -> "lbs.", "95" in "95°F" -> "°F"."""
    numeric = [t for t in ent if t.like_num or t.lower_ in SCALE_WORDS or any(c.isdigit() for c in t.text)]
    if not numeric:
        return ""
    doc, last = ent.doc, numeric[-1]
    end = min(max(ent.end, last.i + 1) + 5, ent.sent.end)
    return doc.text[last.idx + len(last) : doc[end - 1].idx + len(doc[end - 1])] if end > last.i + 1 else ""


# Parts of a game, and periods a figure may be about: "eight points in overtime" is not a count
# of the points "after halftime", nor of the game's.
PERIOD_NOUNS = frozenset(
    "overtime halftime half quarter period inning innings regulation set round leg stage lap".split()
)
# "in", "during", "for", "at" the period say the same; "after" and "before" it do not.
_PERIOD_PREPS = {"in": "", "during": "", "for": "", "at": "", "after": "after", "before": "before", "by": "by"}


def _period(ent: Any) -> str:
    """The part of a game or period a figure is about, from a phrase on the figure or its noun, on
    its verb with no comma between ("scored eight points in overtime": the parse hangs "in overtime"
    on "scored"), or a modifier of its noun or of its verb's subject ("second-quarter profit rose
    18 percent")."""
    if ent.label_ == "ORDINAL":
        return ""  # "the first round": the ordinal names the period, it is not a figure of one
    root = ent.root
    nodes = [root]
    if root.head.pos_ in ("NOUN", "PROPN") and root.head.i != root.i:
        nodes.append(root.head)
    verb = _verb_token(root)
    if verb is not None:
        nodes.append(verb)
        nodes += [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "NOUN"]
    for node in nodes:
        for child in node.children:
            if child in ent:
                continue
            if child.dep_ == "prep" and child.lower_ in _PERIOD_PREPS:
                pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
                if pobj is None or pobj.lemma_.lower() not in PERIOD_NOUNS or pobj in ent:
                    continue
                if verb is not None and node.i == verb.i and _comma_between(ent, child):
                    continue  # "$41.3 million, ..., compared with $35 million, in the same period"
                words = [t.lower_ for t in pobj.subtree if t.dep_ not in ("det", "poss", "punct", "case")]
                return " ".join([_PERIOD_PREPS[child.lower_], *words]).strip()
            if child.dep_ in ("compound", "amod", "nmod") and child.lemma_.lower() in PERIOD_NOUNS | {"quarterly"}:
                words = [t.lower_ for t in child.subtree if t.is_alpha]
                return " ".join("quarter" if w == "quarterly" else w for w in words)
    return ""


# A figure of the year before, said right after it ("$35.0 million, or 81 cents a share, in the same
# period last year", "$731.4 million a year earlier"), or later in its clause with no other figure
# between ("earned 81 cents a share in the second quarter a year earlier"): the comparison's other
# term, not the reported period's figure. Not the base of a change ("rose 18 percent from a year
# earlier"), nor an event's time ("hired 40 workers a year ago", except right after the figure).
_THE_YEAR_BEFORE = (
    r"(?:a|one) year (?:earlier|before)|the year before"
    r"|the (?:same|year-earlier|year-ago|prior-year|prior|previous) (?:period|quarter|year)(?: (?:last|a) year)?"
)
_OF_THE_YEAR_BEFORE = re.compile(
    r"^(?:\s*(?:a|per) share)?(?:\s*,?\s*or\s+[^,;.]{1,30}?,)?\s*,?\s*(?:in\s+|for\s+)?"
    rf"(?:(?:a|one) year ago|{_THE_YEAR_BEFORE})\b",
    re.IGNORECASE,
)
_LATER_IN_CLAUSE = re.compile(
    rf"^[^,;.$\d]*?(?<!from )(?<!than )(?<!over )(?<!since )\b(?:{_THE_YEAR_BEFORE})\b", re.IGNORECASE
)


# ... or that opens the figure's sentence ("A year earlier, it earned 81 cents a share").
_OPENS_WITH_THE_YEAR_BEFORE = re.compile(rf"^\W*(?:in\s+|for\s+)?(?:{_THE_YEAR_BEFORE}|a year ago)\s*,", re.IGNORECASE)


# ... or that the year before owns ("up 3.8 percent from last year's $83.1 million").
_THE_YEAR_BEFORES = re.compile(
    r"\b(?:(?:last|the previous|the prior) (?:fiscal )?year|a year earlier|the year before)['\u2019]s\s*$",
    re.IGNORECASE,
)


def _year_before(ent: Any) -> str:
    """YEAR_BEFORE for a figure the words around it give to the year before, else ""."""
    after = ent.doc.text[ent.end_char : ent.end_char + 100]
    opening = ent.doc.text[ent.sent.start_char : ent.start_char]
    said = (
        _OF_THE_YEAR_BEFORE.match(after)
        or _LATER_IN_CLAUSE.match(after)
        or _OPENS_WITH_THE_YEAR_BEFORE.match(opening)
        or _THE_YEAR_BEFORES.search(opening[-40:])
    )
    return YEAR_BEFORE if said else ""


def _comma_between(ent: Any, phrase: Any) -> bool:
    doc = ent.doc
    lo, hi = sorted((ent.end_char, phrase.idx))
    if phrase.idx < ent.start_char:
        lo, hi = phrase.right_edge.idx + len(phrase.right_edge), ent.start_char
    return any(ch in doc.text[lo:hi] for ch in ",;:\u2014")


def _counted_verb(ent: Any) -> str:
    """The verb of a relative clause on the counted noun: "three board members who voted against"
    counts voters (vote), whatever the main verb ("was one of")."""
    root = ent.root
    if root.dep_ not in ("nummod", "quantmod") or root.head.pos_ not in ("NOUN", "PROPN"):
        return ""
    # (not where the main verb is denied: "Six boats that started did not finish" counts those who
    # did not finish, not starters)
    main = _verb_token(root.head)
    if main is not None and _negated(main):
        return ""
    clause = next((c for c in root.head.children if c.dep_ in ("relcl", "acl") and c.pos_ == "VERB"), None)
    return str(clause.lemma_.lower()) if clause is not None else ""


def _whole_of_a_part(ent: Any) -> bool:
    """The number of a whole a part is taken from: the "three" of "two of the three main pumps"
    (the numeral counts a noun that "of" hangs on another number), the "19" of "11 of 19 free
    throws" (a number, "of", this one)."""
    doc, i = ent.doc, ent.start
    if i - 2 >= ent.sent.start and doc[i - 1].lower_ == "of" and doc[i - 2].like_num:
        return True
    noun = ent.root.head if ent.root.dep_ == "nummod" else None
    if noun is None or noun.dep_ != "pobj" or noun.head.lower_ != "of":
        return False
    part = noun.head.head
    return part.like_num or part.ent_type_ == "CARDINAL"


_GROUP_DETERMINERS = frozenset("the its their those these his her our".split())


def _some_of(ent: Any) -> bool:
    """ "about 4,300 of the homes and businesses that lost power": some of a group whose size the
    words do not give (not "11 of 19", "two of the three pumps": _whole_of_a_part)."""
    doc, i = ent.doc, ent.end
    if i + 2 >= len(doc) or doc[i].lower_ != "of" or doc[i + 1].lower_ not in _GROUP_DETERMINERS:
        return False
    return not (doc[i + 2].like_num or doc[i + 2].ent_type_ == "CARDINAL")


def _one_of(ent: Any) -> bool:
    """ "one of three board members", "one of the injured": one picked out of a group, not a count
    of it. ("Seven of the nine patients" stays a count of patients: seven were treated there.)"""
    doc, i = ent.doc, ent.end
    return ent.text.lower() in ("one", "1") and i < len(doc) and doc[i].lower_ == "of"


def _next_word(ent: Any) -> str:
    return ent.doc[ent.end].text if ent.end < len(ent.doc) else ""


def _for_a_weekday(ent: Any) -> bool:
    """A weekday something is "for" ("issued a red flag warning for Saturday", "set for Tuesday"):
    the day it looks ahead to, the coming one, whatever the tense of the verb that set it."""
    root = ent.root
    return (
        root.dep_ == "pobj"
        and root.head.lower_ == "for"
        and bool(re.fullmatch(_WEEKDAY_NAME + r"(?:\s+(?:morning|afternoon|evening|night))?", ent.text, re.I))
    )


# A length of time in a rate: "one week of pay for every year of service" is neither a week nor a year.
_RATE_AFTER = re.compile(r"^\s*(?:of\s+\w+\s+)?(?:for\s+)?(?:every|each|per)\b", re.IGNORECASE)
_RATE_ITSELF = re.compile(r"^\s*(?:every|each|per)\b", re.IGNORECASE)


def _how_often(ent: Any) -> str:
    """A length of time by the period, "/week" for "three days a week" (the tagger may cut the entity
    at "three days"): how often, not how long, compared only with a frequency of that period, as
    money by the period is a rate. "" for a length ("about a week")."""
    m = _FREQUENCY.search(ent.text + ent.doc.text[ent.end_char : ent.end_char + 16])
    return f"/{m.group(1).lower()}" if m else ""


# A count of times or units, then "a" period: "three days a week", "twice a month" (not "about a
# week", which is a length; "per", "each" and "every" make a rate's term, _in_a_rate).
_FREQUENCY = re.compile(
    r"^(?:.*\b(?:once|twice)|.*\S\s+(?:times?|days?|nights?|hours?|minutes?|sessions?|shifts?|trips?))"
    r"\s+an?\s+(day|week|month|year|season|night|weekend)\b",
    re.IGNORECASE,
)
# A time on the clock, "2:14", which the tagger may take for a number.
_CLOCK = re.compile(r"\d{1,2}:\d{2}")


def _in_a_rate(ent: Any) -> bool:
    """The duration is a rate's term ("every year", "one week of pay for every year")."""
    return bool(_RATE_ITSELF.match(ent.text) or _RATE_AFTER.match(ent.doc.text[ent.end_char : ent.end_char + 30]))


# "Thursday, three days after a freight train derailed": the parse hangs the day on the verb the
# count leads to, whose day it is not; that verb's day is the count away from it.
_COUNT_FROM_A_DAY = re.compile(
    r"^\s*,?\s*(?P<n>a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+(?P<unit>day|week)s?\s+"
    r"(?P<dir>after|before)\b",
    re.IGNORECASE,
)


def _counted_from(ent: Any, value: dates_mod.DateValue) -> dates_mod.DateValue:
    """The day of the event a count after this day leads to ("Thursday, three days after the train
    derailed": the derailment's day is Monday), where the parse gives the day to that event's verb;
    else `value` as it is."""
    m = _COUNT_FROM_A_DAY.match(ent.doc.text[ent.end_char : ent.end_char + 40])
    if m is None or value.first is None or value.first != value.last:
        return value
    year, month, day = value.first
    if year is None:
        return value
    verb = _verb_token(ent.root)
    mark = next((t for t in ent.doc[ent.end : ent.end + 6] if t.lower_ == m.group("dir").lower()), None)
    # only where "after" opens the clause of the verb the parse gave the day ("... derailed"); a
    # count before a noun ("heard the appeal on Feb. 4, six weeks before Tuesday's decision")
    # leaves the day its own verb's
    if verb is None or mark is None or mark.dep_ != "mark" or mark.head.i != verb.i:
        return value
    n = parse_number(m.group("n")) if m.group("n").lower() not in ("a", "an") else 1.0
    if n is None:
        return value
    days = int(n) * (7 if m.group("unit").lower() == "week" else 1)
    when = dt.date(year, month, day) + dt.timedelta(days=-days if m.group("dir").lower() == "after" else days)
    return dates_mod.DateValue((when.year, when.month, when.day), (when.year, when.month, when.day))


def _said_ahead(token: Any) -> bool:
    """Whether the verb a date belongs to is reported as still to come ("said trustees would meet
    Monday", "the advisory could be lifted as early as Thursday evening"): a modal is the future of
    reported speech, so its weekday is the coming one; not with "have" ("could have been lifted
    Monday" looks back)."""
    verb = _verb_token(token)
    if verb is None:
        return False
    auxiliaries = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    return bool(auxiliaries & _MODALS) and "have" not in auxiliaries


_MODALS = frozenset({"would", "could", "might", "may", "will", "shall", "should", "can", "'ll", "wo", "ca"})


def _in_past(token: Any) -> bool:
    """Whether the verb a date belongs to is in the past tense ("said", "was held"), and not one
    that looks ahead ("was scheduled for Tuesday")."""
    verb = _verb_token(token)
    if verb is None or verb.lower_ in _FUTURE:
        return False
    if verb.tag_ == "VBD":
        return True
    # "The merger, approved by both boards on Sept. 19, is expected to close ...": a participle
    # hung on a noun tells what was done to it
    helped = any(c.dep_ in ("aux", "auxpass") for c in verb.children)
    if verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod") and not helped:
        return True
    # "the plan the board approved May 20": a relative clause's verb with a subject of its own and
    # no auxiliary is a past tense the tagger took for a participle
    if verb.tag_ == "VBN" and verb.dep_ == "relcl" and not helped and any(c.dep_ == "nsubj" for c in verb.children):
        return True
    return verb.tag_ == "VBN" and any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in verb.children)


def _not_past(token: Any) -> bool:
    """Whether the verb a date belongs to is in a form that can look ahead: "to raise", "starting",
    "earns", "would open" (not "raised", "was approved", "approved in March")."""
    verb = _verb_token(token)
    if verb is None or verb.tag_ not in ("VB", "VBG", "VBZ", "VBP"):
        return False
    return not any(c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBD", "VBN") for c in verb.children)


# How far back a day of the sentence may lie for its other year-less dates to follow it.
RECENT_DAYS = 31


def _recent_day(
    ents: list[Any], published: dt.date | None, filed: list[tuple[int, int]], offset: int
) -> dt.date | None:
    """The last day a sentence dates in the month up to the article's date ("on Wednesday"), which
    its year-less dates of verbs not in the past follow ("to raise the fare starting July 1")."""
    if published is None:
        return None
    days = []
    for ent in ents:
        if ent.label_ != "DATE" or any(s <= ent.start_char + offset < e for s, e in filed):
            continue
        value = dates_mod.parse_date(ent.text, published)
        if value is None or value.first is None or value.first != value.last or value.first[0] is None:
            continue
        day = dt.date(*value.first)  # type: ignore[arg-type]
        if dt.timedelta(0) <= published - day <= dt.timedelta(days=RECENT_DAYS):
            days.append(day)
    return max(days, default=None)


def _subject_name(token: Any) -> str:
    """The proper name that is the subject of the verb a date belongs to ("Brannigan" in "Brannigan,
    58, was sentenced a week earlier"), lower-cased, or "" (a pronoun, a common noun, no subject).
    A body is named by whose it is ("St. Brennan's board voted": "st. brennan")."""
    verb = _verb_token(token)
    if verb is None:
        return ""
    subject = _clause_subject(verb)
    # A verb with no subject of its own shares the one of the verb it is joined to ("Hale had
    # campaigned on hiring officers and freezing taxes": Hale would freeze them); not through a
    # preposition on a verb with an object, whose doer may be either ("awarded Corvane $9 million
    # in exchange for creating 250 jobs").
    while subject is None and verb.dep_ in ("conj", "pcomp") and verb.i != verb.head.i:
        through = verb.dep_
        verb = _verb_token(verb)
        if verb is None or (through == "pcomp" and _child(verb, "dobj", "dative") is not None):
            return ""
        subject = _clause_subject(verb)
    if subject is not None and subject.pos_ != "PROPN" and subject.lemma_.lower() in _BODIES:
        subject = _child(subject, "poss")
    if subject is not None and _untagged_name(subject):
        return subject.lower_
    if subject is None or subject.pos_ != "PROPN":
        return ""
    owner = _child(subject, "poss")
    owner_words = _compound_name(owner) if owner is not None and owner.pos_ == "PROPN" else []
    return " ".join(t.text.lower() for t in owner_words + _compound_name(subject))


def _clause_subject(verb: Any) -> Any:
    """A verb's subject, or None; an xcomp's is the object of the verb it hangs on, else that verb's
    subject ("ordered Kessel to forfeit $318,000": Kessel forfeits it; "the board voted to approve
    the deal": the board approved it)."""
    subject = _child(verb, "nsubj", "nsubjpass")
    if subject is None and verb.dep_ == "xcomp":
        subject = _child(verb.head, "dobj") or _child(verb.head, "nsubj", "nsubjpass")
    return subject


def _untagged_name(token: Any) -> bool:
    """A surname the tagger calls a common noun, where a common noun could not stand: capitalised,
    singular, opening its sentence with no determiner ("Tremblay stopped 38 of the 41 shots")."""
    return (
        token.pos_ == "NOUN"
        and token.tag_ == "NN"
        and token.is_title
        and token.i == token.sent.start
        and all(c.dep_ in ("appos", "punct") for c in token.children)  # not "Support for Measure H"
    )


def _doer(verb: Any) -> Party | None:
    """A clause verb's subject ("appeal court", "hale"; an xcomp's as _clause_subject says), or
    None for none, a pronoun or a count ("no one")."""
    return _party(_clause_subject(verb))


def _undergoer(verb: Any) -> Party | None:
    """What a clause verb is done to, whatever the voice: its object ("reduce pay": "pay"), its
    passive subject ("prices would be reduced": "price") or the act it takes ("expects it to
    stop": "stop"); None for none or a pronoun."""
    # all the nouns of the phrase, its conjuncts' too ("found dents and a hole in the hull"): a thing
    # is another only if it shares none of them
    thing = _child(verb, "dobj") or _child(verb, "nsubjpass")
    # an act it takes, by that act's verb: "did not expect the outbreak to stop" is of stopping, and
    # "expected more cases" of cases
    clause = _child(verb, "xcomp") or _child(verb, "ccomp") if thing is None else None
    if clause is not None and clause.pos_ in ("VERB", "AUX"):
        # and its conjuncts' ("not determined how fast it was traveling or whether its driver was
        # distracted" is of distracting too)
        acts = [clause, *(c for c in clause.conjuncts if c.pos_ == "VERB")]
        return Party(tuple(a.lemma_.lower() for a in acts))
    return _party(thing, whole=True)


def _party(head: Any, whole: bool = False) -> Party | None:
    """A doer's or undergoer's nouns up to its head ("a diver survey": "diver survey"), or in its
    whole phrase (`whole`), with how many it counts; None for none, a pronoun or a count ("no one")."""
    if head is None or head.pos_ == "PRON" or head.lower_ in _ANYONE:
        return None
    words = tuple(t.lemma_.lower() for t in head.subtree if (whole or t.i <= head.i) and t.pos_ in ("NOUN", "PROPN"))
    # how many of them: "121 finished" is said of other riders than "Eleven riders ... did not"
    count = head if head.pos_ == "NUM" else _child(head, "nummod")
    value = parse_number(count.text) if count is not None else None
    if not words and value is None:
        return None
    return Party(words, head.pos_ == "PROPN", value)


# Subjects that say how many, not who ("no one was killed", "all of them", "none"): any subject.
_ANYONE = frozenset("one none nobody nothing all some many few several both each either neither most".split())


# Bodies of people that act as one and are said by whose they are ("the county's commissioners").
_BODIES = frozenset(
    "board council committee commission panel jury trustee lawyer attorney team player union "
    "shareholder director regulator official staff employee worker member voter".split()
)


def _child(token: Any, *deps: str) -> Any:
    return next((c for c in token.children if c.dep_ in deps), None)


def _year_of_a_name(token: Any) -> str:
    """The proper name a date modifies ("the 2019 Brushy Peak Fire" -> "brushy peak fire"), or ""."""
    head = token.head
    if token.dep_ not in ("nummod", "compound", "nmod", "amod") or head.pos_ != "PROPN":
        return ""
    return " ".join(t.text.lower() for t in _compound_name(head))


def _compound_name(token: Any) -> list[Any]:
    """A proper noun with the proper nouns compounded before it ("Kwame Asante")."""
    before = [t for t in token.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"]
    return [w for t in before for w in _compound_name(t)] + [token]


def _verb_token(token: Any) -> Any:
    """The verb a figure or date belongs to: its nearest verb ancestor, or None."""
    return next((a for a in token.ancestors if a.pos_ in ("VERB", "AUX")), None)


# Nouns that name an act, with the act's verb: "Tuesday's ruling" dates the ruling, not the verb
# of its sentence ("heard arguments ... five weeks before Tuesday's ruling").
_EVENT_NOUNS = {
    "ruling": "rule",
    "decision": "decide",
    "vote": "vote",
    "hearing": "hear",
    "meeting": "meet",
    "arrest": "arrest",
    "sentencing": "sentence",
    "announcement": "announce",
    "resignation": "resign",
    "approval": "approve",
    "rejection": "reject",
    "opening": "open",
    "closure": "close",
    "launch": "launch",
    "collision": "collide",
    "crash": "crash",
    "derailment": "derail",
    "explosion": "explode",
}
# Verbs that only say an event took place ("The collision occurred on Oct. 4"): the date is the
# event's, named by their subject.
_HAPPENS = frozenset("occur happen".split())  # and "take place"
_SCHEDULED = frozenset("schedule set slate plan reschedule postpone".split())  # an act's noun


def _event_noun(token: Any) -> str:
    """The verb of the act a date names as its owner ("Tuesday's ruling", "the March 3 vote"), or ""."""
    head = token.head
    if token.dep_ in ("poss", "compound", "nmod") and head.pos_ == "NOUN":
        return _EVENT_NOUNS.get(head.lemma_.lower(), "")
    return ""


def _verb_of(token: Any) -> str:
    """The verb a figure belongs to ("killed one worker" -> kill), or ""."""
    verb = _verb_token(token)
    return "" if verb is None else _lemma(verb)


# Phrases that say a thing begins ("takes effect on June 1", "goes into effect", "comes into force"):
# one verb, "begin", so they meet "starting July 1" (align.VERB_FAMILIES).
_BEGINS = {("take", "effect"), ("go", "effect"), ("come", "effect"), ("come", "force"), ("enter", "force")}
# A player's coming on as a substitute ("came off the bench in the 77th minute", "came on for
# Reyes"): the act "enter" ("had entered the match four minutes earlier"), not a goal that "came".
_COMES_ON = {("come", "bench"), ("come", "on")}  # a noun it takes, or its particle ("on", not "on Tuesday")


def _lemma(verb: Any) -> str:
    """The verb's lemma, or "begin" for a phrase of _BEGINS, "enter" for one of _COMES_ON."""
    lemma = str(verb.lemma_.lower())
    if lemma == "come" and any(c.dep_ == "prt" and c.lower_ == "out" for c in verb.children):
        return "come out"  # a book, a report: published (align.DATE_EVENT_FAMILIES)
    objects = {g.lemma_.lower() for c in verb.children for g in [c, *c.children] if c.dep_ in ("dobj", "prep")}
    if any((lemma, noun) in _BEGINS for noun in objects):
        return "begin"
    particles = {c.lower_ for c in verb.children if c.dep_ == "prt"}
    if any((lemma, word) in _COMES_ON for word in (objects - {"on"}) | particles):
        return "enter"
    subject = _child(verb, "nsubj")
    if subject is not None and (lemma in _HAPPENS or (lemma == "take" and "place" in objects)):
        return _EVENT_NOUNS.get(subject.lemma_.lower(), lemma)
    planned = _child(verb, "nsubjpass") or _child(verb, "dobj")
    if planned is not None and lemma in _SCHEDULED:
        # "The hearing is scheduled for Nov. 8", "scheduled a hearing for Sunday" date the hearing,
        # as "will hold a hearing on Nov. 18" does
        return _EVENT_NOUNS.get(planned.lemma_.lower(), lemma)
    if lemma in _LIGHT_VERBS:
        # "gave its approval a day later" dates the approval as "approved a day later" would
        act = next((c.lemma_.lower() for c in verb.children if c.dep_ == "dobj"), "")
        return _EVENT_NOUNS.get(act, lemma)
    return lemma


# Verbs that say an act by its noun ("gave its approval", "cast their votes", "held a hearing").
_LIGHT_VERBS = frozenset("give grant cast make hold issue".split())


# Verbs that hand their figure on to the verb they take ("Six tugboats were needed to refloat the
# ship", "It took 40 firefighters to put out the blaze"): the act the figure counts is that one.
_CATENATIVE = frozenset("need require take help use try attempt manage want seek".split())


def _figure_verb(token: Any) -> str:
    """The verb a figure counts for: as _verb_of, but past a catenative verb to the one it takes."""
    verb = _verb_token(token)
    if verb is None:
        return ""
    if verb.lemma_.lower() in _CATENATIVE:
        # its infinitive: an xcomp, or a purpose clause to a passive ("were needed to refloat")
        taken = next(
            (
                c
                for c in verb.children
                if c.dep_ in ("xcomp", "advcl") and c.pos_ == "VERB" and any(g.lower_ == "to" for g in c.lefts)
            ),
            None,
        )
        verb = taken if taken is not None else verb
    return str(verb.lemma_.lower())


_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7}
_ORDINALS |= {"eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "last": -1}


def _ordinal(text: str) -> float | None:
    m = re.search(r"(\d+)(?:st|nd|rd|th)", text.lower())
    if m:
        return float(m.group(1))
    word = next((w for w in re.findall(r"[a-z]+", text.lower()) if w in _ORDINALS), None)
    return float(_ORDINALS[word]) if word else None


def _counted(ent: Any) -> str:
    """What a number counts: the noun it modifies ("60 firefighters"), the noun after "of"
    ("three of the injured"), or nothing when the parse does not say."""
    root = ent.root
    head = root.head
    # "a dozen schoolteachers": the tagger's span starts at "a", the noun's determiner
    if root.dep_ in ("nummod", "amod", "compound", "quantmod", "det") and head.pos_ in ("NOUN", "PROPN", "ADJ"):
        if head.dep_ == "compound" and head.head.pos_ == "NOUN" and head.head.i > head.i:
            return _canonical(head.head)  # "2,100 vehicle trips" hung on "vehicle": trips are counted
        return _canonical(head)
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                return _canonical(pobj)
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN":
        return _canonical(head.head)
    return ""


def _canonical(token: Any) -> str:
    lemma = token.lemma_.lower()
    return CANONICAL_UNIT.get(lemma, lemma)


def _about(ent: Any, count: bool = False) -> tuple[str, ...]:
    """Content words saying what a figure is about: the noun it qualifies, what it is "for" or
    "of", the noun it is an attribute of ("a 4.1 percent rise in revenue" -> rise, revenue).
    For a count (`count`), the counted noun's own modifiers are left out: "board" in "nine board
    members" says what is counted, not which happening, so two counts of board members do not
    share a context through it."""
    root = ent.root
    words: set[str] = set()
    nodes = [root]
    if root.head.pos_ in ("NOUN", "PROPN"):
        nodes.append(root.head)
        words.add(root.head.lemma_.lower())
    elif root.head.lower_ == "of" and root.head.head.pos_ == "NOUN":
        # "a street value of about $40,000": the noun the figure is the measure of; the one written
        # right before "of" where the parse hangs it elsewhere ("earnings of $1.55 a share and
        # revenue of $630 million" hangs the second "of" on "share")
        of = root.head
        before = of.doc[of.i - 1] if of.i > of.sent.start else None
        noun = before if before is not None and before.pos_ == "NOUN" else of.head
        nodes.append(noun)
        words.add(noun.lemma_.lower())
    for node in nodes:
        for child in node.children:
            if count and node is not root and child.dep_ in ("compound", "amod"):
                continue
            if child.dep_ in ("compound", "amod") and child.pos_ in ("NOUN", "PROPN", "ADJ") and child not in ent:
                words.add(child.lemma_.lower())
            # "$1.42 a share", "$18 an hour": what the figure is per
            if node is root and child.dep_ == "npadvmod" and child.pos_ == "NOUN" and child not in ent:
                words.add(child.lemma_.lower())
            if child.dep_ == "prep" and child.lower_ in ("for", "of", "on", "in", "to"):
                for pobj in (g for g in child.children if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN")):
                    words.add(pobj.lemma_.lower())
                    words.update(c.lemma_.lower() for c in pobj.children if c.dep_ == "compound")
                    # "40 percent of the city's 180 miles of water mains": what the measure is of
                    for inner in (
                        g for c in pobj.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                    ):
                        if inner.dep_ == "pobj" and inner.pos_ in ("NOUN", "PROPN"):
                            words.add(inner.lemma_.lower())
                            words.update(c.lemma_.lower() for c in inner.children if c.dep_ == "compound")
    verb = _verb_above(root, nodes)
    if verb is not None:
        changed = verb.lemma_.lower() in CHANGE_VERBS
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ in ("for", "on", "to"):
                for pobj in (g for g in child.children if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN")):
                    words.add(pobj.lemma_.lower())
            # (the small parser may hang the subject on the verb as a compound: "budget" in "the
            # new general fund budget totals $83.1 million")
            subject = child.dep_ in ("nsubj", "nsubjpass") or (child.dep_ == "compound" and verb.pos_ == "VERB")
            if subject and child.pos_ == "NOUN":
                words.add(child.lemma_.lower())
            # What a change verb changes is its object: "raising the tax rate by 3.5 percent".
            if changed and child.dep_ == "dobj" and child.pos_ == "NOUN" and child not in ent:
                words.add(child.lemma_.lower())
        if verb.dep_ in ("acl", "relcl") and verb.head.pos_ == "NOUN":
            # "damage estimated at $385,000", "a damage path that stretched 14.2 miles": what is measured
            words.add(verb.head.lemma_.lower())
    return tuple(sorted(w for w in words if w not in _STOP_LEMMAS and w.isalpha()))


def _verb_above(root: Any, nodes: list[Any]) -> Any | None:
    """The verb a figure belongs to: its head, the head of the noun it qualifies, or the verb of
    its "by", "from", "to" or "at" phrase ("will rise by 5.3 percent", "raise the fare from $1.75")."""
    head = root.head
    if head.pos_ in ("VERB", "AUX"):
        return head
    if len(nodes) > 1 and nodes[1].head.pos_ in ("VERB", "AUX"):
        return nodes[1].head
    if root.dep_ == "pobj" and head.lower_ in ("by", "from", "to", "at") and head.head.pos_ in ("VERB", "AUX"):
        return head.head  # ("will stay at $4": what stays is what the figure is about)
    if head.lower_ == "to" and head.head.lower_ == "from" and head.head.head.pos_ in ("VERB", "AUX"):
        return head.head.head  # "from $1.75 to $2.25", with the "to" hung on the "from"
    return None


def _role(token: Any) -> tuple[str, str]:
    """A name's role in its clause and the verb: the doer ("agent": subject of an active verb, or
    "by" in a passive) or the one done to ("patient"); other positions are not compared."""
    dep, head = token.dep_, token.head
    while dep in ("compound", "appos", "conj") and head.i != token.head.head.i:
        token, dep, head = head, head.dep_, head.head
    if dep == "nsubj" and head.pos_ in ("VERB", "AUX"):
        return "agent", head.lemma_.lower()
    if dep in ("dobj", "nsubjpass") and head.pos_ in ("VERB", "AUX"):
        return "patient", head.lemma_.lower()
    if dep == "pobj" and head.lower_ == "by" and head.head.pos_ == "VERB":
        return "agent", head.head.lemma_.lower()
    # A contest told by its noun: "a 28-24 victory over St. Brendan's" (beaten), "a loss to the
    # Gulls" (the winner, as in "lost to the Gulls").
    noun = head.head.lemma_.lower() if dep == "pobj" else ""
    if head.lower_ == "over" and noun in ("victory", "win"):
        return "patient", "beat"
    if head.lower_ == "to" and noun in ("loss", "defeat"):
        return "venue", "lose"
    # Where an action went: the court an appeal was filed "with", a case taken "to".
    if dep == "pobj" and head.lower_ in ("with", "to", "before", "at"):
        # The parser often hangs "with the court" on the noun before it ("an appeal against the ban
        # with the court"): the verb is the nearest one above.
        verb = next((a for a in head.ancestors if a.pos_ == "VERB"), None)
        if verb is not None:
            return "venue", verb.lemma_.lower()
    return "", ""


def _relative_doing(token: Any) -> str:
    """The verb of a relative clause whose subject is the name itself ("Okafor, who proposed ..."),
    or ""."""
    for child in token.children:
        relative = child.dep_ == "relcl" and child.pos_ == "VERB"
        if relative and any(g.dep_ == "nsubj" and g.lower_ in ("who", "that") for g in child.children):
            return str(child.lemma_.lower())
    return ""


def _time_of_day(text: str) -> float | None:
    m = _TIME_OF_DAY.search(text)
    if not m:
        return None
    if m.group("word"):
        return 720.0 if m.group("word").lower() == "noon" else 0.0
    if m.group("h24") is not None:
        return float(int(m.group("h24")) * 60 + int(m.group("m24")))
    hour = int(m.group("h")) % 12 + (12 if m.group("ap").lower().startswith("p") else 0)
    return float(hour * 60 + int(m.group("m") or 0))


_OUT_TALLY = re.compile(r"\bout(?!scor)[a-z]{3,}\s+(?:[\w'\u2019-]+\s+){0,3}$", re.IGNORECASE)


def _score(m: re.Match[str], sent: Any, span: tuple[int, int], offset: int) -> Fact:
    a, b = int(m.group(1)), int(m.group(2))
    start = sent.start_char + m.start() + offset
    after = sent.text[m.end() : m.end() + 25].lower()
    before = sent.text[max(0, m.start() - 12) : m.start()].lower()
    # "split 4-3", "voted 5-2", "a 5-2 vote", or any score in a sentence about a vote ("The vote ... was 4-3")
    voted = re.search(r"\bsplit\s*$", before) or re.search(r"\bvot(?:e|ed|es|ing)\b", sent.text, re.IGNORECASE)
    role = "vote" if re.match(r"\s*(?:vote|decision|ruling|majority)", after) or voted else ""
    if re.match(r"\s*(?:series|lead in the series)", after) or "series" in before:
        role = "series"
    # A season's record ("went 49-33", "improved to 30-12", "a 54-28 record") is no game's score.
    if re.search(r"\b(?:went|improved to|fell to|dropped to|slipped to|moved to|finished|record of)\s*$", before) or (
        re.match(r"\s*(?:record|mark|overall|on the season|in the regular season)", after)
        # "completed a 13-1 season": the season's record (a "3-1 season opener" is one game)
        or re.match(r"\s*season\b(?!\s+(?:opener|finale|debut|game|high|low|best|series))", after)
    ):
        role = "record"
    # A tally an "out-" verb gives ("outshot Millhaven 37-33", "outrebounded them 48-39") counts
    # shots or rebounds, not the game's score.
    if _OUT_TALLY.search(sent.text[max(0, m.start() - 40) : m.start()]):
        role = "tally"
    owners = _score_owners(sent.char_span(m.start(), m.end(), alignment_mode="expand"))
    bracketed = _bracketed_owner(sent, m)
    if bracketed:  # "giving Ridgeline (13-1) its first lead": Ridgeline's record, whoever the verb's parties
        role, owners = "record", bracketed
    # "outscored them 22-12 in the fourth quarter", "a 14-2 run in the second half": that part's
    # score, not the game's
    part = _SCORE_PERIOD.match(sent.text[m.end() : m.end() + 40])
    return Fact(
        SCORE,
        text=m.group(),
        start=start,
        end=start + len(m.group()),
        sentence=span,
        pair=(a, b),
        role=role,
        about=owners,
        period=" ".join(w for w in (part.group(1) or "", part.group(2)) if w).lower() if part else "",
    )


_SCORE_PERIOD = re.compile(
    r"^\s*(?:run\s+)?(?:in|during)\s+(?:the\s+)?(first|second|third|fourth|final|last|opening)?\s*"
    r"(quarter|half|period|inning|set)\b",  # (not "won 3-2 in overtime" nor "in the first round": the game's)
    re.IGNORECASE,
)


# A vote tally in words: "voted four in favor and three against", "7 votes for, 2 against",
# "by a vote of 4 to 3". The same SCORE as "4-3", so the two wordings meet.
_TALLY_NUMBER = r"(?:\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_TALLY_WORDS = re.compile(
    rf"\b(?P<a>{_TALLY_NUMBER})\s+(?:votes?\s+)?(?:in\s+favou?r|for|yes)\b(?:\s+of(?:\s+[\w'-]+){{1,4}}?)?"
    rf"\s*,?\s+(?:and\s+|with\s+|to\s+)?(?P<b>{_TALLY_NUMBER})\s+(?:votes?\s+)?(?:against|opposed|no)\b",
    re.IGNORECASE,
)
_TALLY_TO = re.compile(
    rf"\b(?:voted|vote\s+of|votes\s+of|split)\s+(?P<a>{_TALLY_NUMBER})\s+to\s+(?P<b>{_TALLY_NUMBER})\b", re.IGNORECASE
)


def _tallies(text: str) -> list[re.Match[str]]:
    """The tallies of a sentence in their order, none overlapping another."""
    out: list[re.Match[str]] = []
    for m in sorted([*_TALLY_WORDS.finditer(text), *_TALLY_TO.finditer(text)], key=lambda m: m.start()):
        if not out or m.start() >= out[-1].end():
            out.append(m)
    return out


def _tally(m: re.Match[str], sent: Any, span: tuple[int, int], offset: int) -> Fact:
    """The tally as a SCORE of role "vote", worded from its first number on."""
    start = sent.start_char + m.start("a") + offset
    text = m.string[m.start("a") : m.end()]
    a, b = parse_number(m.group("a")), parse_number(m.group("b"))
    assert a is not None and b is not None  # both groups are numbers by the pattern
    owners = _score_owners(sent.char_span(m.start("a"), m.end("a"), alignment_mode="expand"))
    return Fact(
        SCORE,
        text=text,
        start=start,
        end=start + len(text),
        sentence=span,
        pair=(int(a), int(b)),
        role="vote",
        about=owners,
    )


def _bracketed_owner(sent: Any, m: re.Match[str]) -> tuple[str, ...]:
    """The name a record in brackets follows ("Ridgeline (13-1)", "St. Brendan's (12-2)"): a
    team's season record, as a sports story gives it after the team's name."""
    text = sent.text
    if not (text[: m.start()].rstrip().endswith("(") and text[m.end() :].lstrip().startswith(")")):
        return ()
    before = text[: m.start()].rstrip()[:-1].rstrip()
    token = next((t for t in sent if t.idx - sent.start_char + len(t.text) == len(before)), None)
    if token is not None and token.tag_ == "POS":
        token = token.head
    if token is None or token.pos_ != "PROPN":
        return ()
    words = [t for t in token.subtree if t.pos_ == "PROPN" and t.is_alpha and t.i <= token.i]
    return tuple(sorted({t.lower_ for t in words}))


# The nouns a season's record is said with ("a 13-1 season", "a 54-28 record").
_RECORD_NOUNS = frozenset("season record mark campaign".split())


def _score_owners(span: Any) -> tuple[str, ...]:
    """Whose score or record it is: the proper names that are the subject or object of its verb
    ("Dunlin went 49-33" -> dunlin; "the Gulls beat the Falcons 118-114" -> both teams), so
    one team's record is never held against another's."""
    if span is None or not len(span):
        return ()
    verb = next((t for t in [span.root, *span.root.ancestors] if t.pos_ in ("VERB", "AUX")), None)
    if verb is None:
        return ()
    parties = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]
    parties += [g for c in verb.children if c.dep_ in ("prep", "agent") for g in c.children if g.dep_ == "pobj"]
    # "won the final 3-1 over Crestview": the side the score is over
    parties += [g for c in span.root.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    if span.root.dep_ in ("nummod", "compound", "amod") and span.root.head.lower_ in _RECORD_NOUNS:
        # "a 13-1 season for the Hawks", "the Hawks' 13-1 record": the noun's owner
        noun = span.root.head
        parties += [c for c in noun.children if c.dep_ == "poss"]
        parties += [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "for" for g in c.children]
    if verb.dep_ in ("advcl", "conj", "xcomp") and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        # "The team won its first title, beating Crestview 3-1": the winner is the main verb's subject
        parties += [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    words = {t.lower_ for p in parties for t in _noun_phrase(p) if t.pos_ == "PROPN" and t.is_alpha}
    return tuple(sorted(words))


def _noun_phrase(token: Any) -> list[Any]:
    """A noun and its modifiers, less the clauses and appositions hung on it ("the Falcons, swept
    by the Gulls this season," is the Falcons)."""
    out = [token]
    for child in token.children:
        if child.dep_ not in ("relcl", "acl", "appos", "advcl", "punct", "cc", "conj", "prep"):
            out += _noun_phrase(child)
    return out
