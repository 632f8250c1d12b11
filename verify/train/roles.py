"""Who did what to whom, swapped and restated: role rewrites of a sentence parsed by spaCy.

"The Tigers beat the Lions" has one winner. Its roles swapped ("The Lions beat the Tigers", "The
Tigers were beaten by the Lions", "The Tigers lost to the Lions") contradict it; the same relation
restated keeps them ("The Lions were beaten by the Tigers", "The Lions lost to the Tigers") and is
entailed, as is a symmetric relation in either order ("A met B" -> "B met A"). The twins make the
same surface change (two names in the other order, another voice, another verb), so a model must
read the roles, not the word order.

A rewrite is made only where it is safe: two parties that are names (PERSON, ORG, GPE or NORP
entities, or proper-noun chunks of no other entity type) or people and groups ("a 15-year-old
boy", "the council"), each a contiguous phrase with nothing describing it; an affirmative sentence
in the past or present perfect; no pronoun that could change its referent; no clause whose subject
is one of the parties without being written ("beat B, winning the title": swapped, who won?). Each
rewriter returns None (or leaves the kind out) where the sentence is not so.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from typing import Any

from verify.text import negation_count
from verify.train.lexicon import (
    ASYMMETRIC,
    CONVERSES,
    GROUP_NOUNS,
    PERSON_NOUNS,
    ROLE_FORMS,
    SAME_KIND,
    SYMMETRIC_DEALS,
    SYMMETRIC_OBJECT,
    SYMMETRIC_WITH,
    TRANSFERS,
    VERB_FORMS,
)

ROLE_SWAP, ROLE_KEPT, ROLE_CONVERSE, ROLE_SYMMETRIC = "role_swap", "role_kept", "role_converse", "role_symmetric"
FORMS = VERB_FORMS | ROLE_FORMS
NAME_TYPES = {"PERSON": "person", "ORG": "group", "GPE": "group", "NORP": "group"}
_PRONOUNS = {
    "he", "she", "him", "his", "her", "hers", "they", "them", "their", "theirs", "it", "its", "himself",
    "herself", "themselves", "itself", "who", "whom", "whose", "which", "i", "me", "my", "we", "us", "our",
    "you", "your",
}  # fmt: skip
_PERSONAL = {"he", "she", "him", "his", "her", "hers", "they", "them", "their", "theirs"}
# "himself" binds to the subject: with the roles restated it would name the other party.
_REFLEXIVE = {"himself", "herself", "themselves", "itself"}
_PARTY_DEPS = {
    "det", "compound", "amod", "nummod", "poss", "case", "prep", "pobj", "npadvmod", "punct", "nmod", "quantmod",
}  # fmt: skip
_MAX_PARTY_TOKENS = 8
# Head words of proper names that name things, not parties (NER often leaves them untyped).
THING_HEADS = {
    "Act", "Law", "Bill", "Treaty", "Accord", "Accords", "Agreement", "Convention", "Constitution", "Amendment",
    "Declaration", "Cup", "Trophy", "Award", "Awards", "Prize", "Medal", "Championship", "Championships",
    "Tournament", "Open", "Games", "Olympics", "Series", "Title", "Album", "Film", "Show", "Book", "Novel",
    "Song", "Station", "Bridge", "Building", "Tower", "Street", "Road", "Avenue", "Park", "Stadium", "Arena",
    "Museum", "Church", "Cathedral", "River", "Lake", "Mountain", "Island", "Airport", "Festival", "Day",
    "War", "Battle", "Programme", "Program", "Project", "Plan", "Report", "Record", "Records", "Line", "Route",
}  # fmt: skip
_SINGULAR_PLURALS = {"police", "authorities", "troops", "forces", "rebels", "protesters", "people"}


def _heads() -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Head word of each lexicon key's past and participle -> the keys ("taken" -> ["took over"])."""
    past: dict[str, list[str]] = {}
    part: dict[str, list[str]] = {}
    for key in set(ASYMMETRIC) | SYMMETRIC_OBJECT | SYMMETRIC_WITH | set(TRANSFERS) | {"lost"}:
        participle = FORMS.get(key, (key, key))[0]
        past.setdefault(key.split()[0], []).append(key)
        part.setdefault(participle.split()[0], []).append(key)
    return past, part


_PAST_HEADS, _PARTICIPLE_HEADS = _heads()
# A cheap look before parsing: a sentence without one of these words has no role rewrite.
_HEAD_WORDS = sorted({re.escape(w) for w in (*_PAST_HEADS, *_PARTICIPLE_HEADS)}, key=len, reverse=True)
PREFILTER = re.compile(r"\b(?:" + "|".join(_HEAD_WORDS) + r")\b")


@dataclass(frozen=True)
class Party:
    """One of the two parties: its text and place in the sentence, number and kind."""

    start: int
    end: int  # where its place in the sentence ends (after a dropped apposition and its comma)
    text: str
    plural: bool
    kind: str  # "person", "group", or "name" (a proper noun of unknown kind)
    det: bool  # starts with a determiner or is a common noun: lower-cased when it leaves the sentence start


@dataclass(frozen=True)
class Clause:
    """A role verb with its parties: `subject` before the verb, `other` after it (object, object of
    "to"/"with", or agent of a passive). `mid` is the text between subject and verb (auxiliaries,
    adverbs); `verb_end` where the verb word (and a particle right after it) ends."""

    sentence: str  # the text up to the clause's end (a period added where the clause ends earlier)
    start: int  # where the clause begins: 0 for the main clause, else its subject ("after | A beat B")
    verb_index: int
    key: str
    pattern: str  # "object", "with", "lost to", "transfer", "transfer_dative", "passive"
    tense: str  # "past", "perfect", "pluperfect"
    subject: Party
    other: Party
    verb_start: int
    verb_end: int
    adverbs: str  # the adverbs of `mid`, space-joined ("" if none)
    theme: str = ""  # what a transfer moves ("the club", "£2m")
    complement: tuple[int, int] | None = None  # "out of the Cup" of "knocked B out of the Cup"
    theme_end: int = -1  # where the theme of "lent B X" ends

    @property
    def symmetric(self) -> bool:
        return self.pattern == "with" or (self.pattern == "object" and self.key in SYMMETRIC_OBJECT)


def role_rewrites(doc: Any, rng: random.Random) -> list[tuple[str, str]]:
    """(kind, hypothesis) rewrites of one parsed sentence: for a one-way relation every swapped
    form (`role_swap`, contradiction: "B beat A", "A was beaten by B", "A lost to B") and the
    restatements (`role_kept` through the other voice, `role_converse` through the converse verb:
    entailed); for a symmetric one the parties swapped (`role_symmetric`, entailed). `rng` picks
    between converse verbs of one sense ("beat", "defeated"). Empty where no clause is safe."""
    sentence = doc.text
    if "?" in sentence or any(t.lower_ in _REFLEXIVE for t in doc):
        return []
    for clause in _clauses(doc):
        span = clause.sentence[clause.start :]
        personal = any(w.lower() in _PERSONAL for w in re.findall(r"[A-Za-z]+", span))
        if negation_count(sentence[clause.subject.start : clause.other.end]) or any(
            ch.dep_ == "neg" for ch in doc[clause.verb_index].children
        ):
            continue  # "did not beat", "never married": a negated relation (elsewhere: no matter)
        if personal:
            continue  # "after he had become critical": restated, the reader may take him for the other
        out = _rewrite(clause, rng)
        if out:
            return out
    return []


def _rewrite(c: Clause, rng: random.Random) -> list[tuple[str, str]]:
    if not _kinds_fit(c):
        return []
    if c.symmetric:
        return [(ROLE_SYMMETRIC, swap(c))]
    out = [(ROLE_SWAP, swap(c))]
    # Restated, the party after the verb comes first: "B was beaten by A", "B lost to A", "B
    # bought X from A"; but a passive's subject stays first in its converse ("B lost to A").
    kept = other_voice(c, c.other, c.subject) if c.pattern in ("object", "passive") else None
    swapped = other_voice(c, c.subject, c.other) if kept else None
    if kept and swapped:
        out += [(ROLE_KEPT, kept), (ROLE_SWAP, swapped)]
    if c.key in CONVERSES or c.pattern.startswith("transfer"):
        verb = rng.choice(["beat", "defeated"]) if CONVERSES.get(c.key) == "beat" else None
        first, second = (c.subject, c.other) if c.pattern == "passive" else (c.other, c.subject)
        kept, swapped = converse(c, first, second, verb), converse(c, second, first, verb)
        if kept and swapped:
            out += [(ROLE_CONVERSE, kept), (ROLE_SWAP, swapped)]
    return list(dict.fromkeys((kind, text) for kind, text in out if text != c.sentence[c.start :]))


def _kinds_fit(c: Clause) -> bool:
    """Two people, two groups, or a name of unknown kind, for the verbs that need it (SAME_KIND)."""
    kinds = {c.subject.kind, c.other.kind}
    if c.pattern == "with":
        return True  # "signed an agreement with": a club and a player, a firm and a state
    if c.key == "married":
        return "group" not in kinds
    return c.key not in SAME_KIND or len(kinds) == 1 or "name" in kinds


# ---- rendering ------------------------------------------------------------------------------


def _as_subject(p: Party, at_start: bool) -> str:
    return p.text[0].upper() + p.text[1:] if at_start else p.text


def _as_object(p: Party, c: Clause) -> str:
    return p.text[0].lower() + p.text[1:] if p.start == c.start and p.det else p.text


def _be(p: Party, tense: str) -> str:
    return {"past": "were" if p.plural else "was", "perfect": "have been" if p.plural else "has been"}.get(
        tense, "had been"
    )


def _have(p: Party, tense: str) -> str:
    return {"past": "", "perfect": "have" if p.plural else "has"}.get(tense, "had")


def _agree(mid: str, p: Party) -> str:
    """The finite auxiliary of `mid` agreeing with a new subject."""
    pairs = {"was": "were", "has": "have", "is": "are"}
    singular = {v: k for k, v in pairs.items()}
    table = singular if not p.plural else pairs
    return re.sub(r"\b(was|were|has|have|is|are)\b", lambda m: table.get(m.group(1), m.group(1)), mid, count=1)


def _join(*parts: str) -> str:
    return re.sub(r"\s+", " ", " ".join(p.strip() for p in parts if p.strip()))


def _finish(pre: str, clause_text: str, post: str) -> str:
    text = pre + clause_text + post
    return re.sub(r" +([,.;:])", r"\1", text)


def swap(c: Clause) -> str:
    """The two parties exchanged in place, the auxiliary agreeing with the new subject."""
    s = c.sentence
    pre, at_start = s[c.start : c.subject.start], c.subject.start == c.start
    mid = _agree(s[c.subject.end : c.verb_start], c.other)
    return (
        pre
        + _as_subject(c.other, at_start)
        + mid
        + s[c.verb_start : c.other.start]
        + _as_object(c.subject, c)
        + s[c.other.end :]
    )


def other_voice(c: Clause, first: Party, second: Party) -> str | None:
    """The clause in the other voice with `first` as its subject: active -> "first was V-en by
    second", passive -> "first V-ed second". None where what follows would attach to the agent
    ("adopted a boy from Malawi" -> "was adopted by the singer from Malawi")."""
    s = c.sentence
    pre, at_start = s[c.start : c.subject.start], c.subject.start == c.start
    participle = FORMS[c.key][0].split()[0] if c.complement else FORMS[c.key][0]
    complement = s[c.complement[0] : c.complement[1]] if c.complement else ""
    post = s[c.complement[1] :] if c.complement else s[c.other.end :]
    if c.pattern == "object":
        if re.match(r"\s+(?:from|with|of)\b", post):
            return None
        between = s[c.other.end : c.complement[0]] if c.complement else ""
        be = _be(first, c.tense)
        aux, _, been = be.partition(" ")  # adverbs after the first auxiliary: "has also been", "was also"
        clause = _join(
            _as_subject(first, at_start), aux, c.adverbs, been, participle, complement, "by",
            _as_object(second, c), between,
        )  # fmt: skip
        return _finish(pre, clause, post)
    verb = c.key if c.tense == "past" else participle
    if c.complement:  # "knocked B out of the Cup": the particle is the complement's
        verb = verb.split()[0]
    clause = _join(
        _as_subject(first, at_start), _have(first, c.tense), c.adverbs, verb, _as_object(second, c), complement
    )
    return _finish(pre, clause, s[c.other.end :])


def converse(c: Clause, first: Party, second: Party, verb: str | None = None) -> str | None:
    """The relation through its converse verb with `first` as subject: "first lost to second",
    "first bought X from second"; `verb` picks between converses of the same sense."""
    s = c.sentence
    pre, at_start = s[c.start : c.subject.start], c.subject.start == c.start
    post = s[c.other.end :]
    if c.pattern in ("transfer", "transfer_dative"):
        _, new_verb, prep = TRANSFERS[c.key]
        form = new_verb if c.tense == "past" else FORMS[new_verb][0]
        clause = _join(
            _as_subject(first, at_start), _have(first, c.tense), c.adverbs, form, c.theme, prep, _as_object(second, c)
        )
        if c.pattern == "transfer_dative":
            post = s[c.theme_end :]
        return _finish(pre, clause, post)
    new = verb or CONVERSES[c.key]
    if new == "lost to" and re.match(r"\s+to\b", post):
        return None  # "beat B to the award": "lost to A to the award" is no English
    if c.complement or (c.pattern == "passive" and s[c.verb_end : c.other.start].strip() != "by"):
        return None  # "beaten 2-0 by": the converse has no place for what stood before "by"
    head, _, prep = new.partition(" ")
    form = head if c.tense == "past" else FORMS[new][0].split()[0]
    clause = _join(_as_subject(first, at_start), _have(first, c.tense), c.adverbs, form, prep, _as_object(second, c))
    return _finish(pre, clause, post)


# ---- parsing --------------------------------------------------------------------------------


def _party(tok: Any) -> Party | None:
    """The phrase headed by `tok` as a party, or None (a pronoun, a clause, a thing). An apposition
    or a relative clause set off by commas ("Smith, a teacher at the school,") is part of the
    party's place in the sentence but not of its text: the rewrites drop it, as verify.train.
    synthetic.shorten drops such clauses (still entailed), so it can describe no one else."""
    doc = tok.doc
    toks = list(tok.subtree)
    occupied = toks[-1]  # the last token the party takes up in the sentence
    described = [c for c in tok.rights if c.dep_ in ("appos", "relcl")]
    if described:
        comma = doc[described[0].left_edge.i - 1]
        if comma.text != "," or comma.i <= tok.i:
            return None  # a restrictive clause ("the man who ..."): part of who is meant
        toks = [t for t in toks if t.i < comma.i]
        if occupied.i + 1 < len(doc) and doc[occupied.i + 1].text == ",":
            occupied = doc[occupied.i + 1]  # the closing comma
    # (only "in", "at", "on": a place or time reads the same with the event; "a son from Malawi"
    # would become "adopted by the pop star from Malawi")
    trailing = [c for c in tok.rights if c.dep_ == "prep" and c.lower_ in ("in", "at", "on")]
    if trailing and trailing[-1].right_edge.i == toks[-1].i and not described:
        # "Jones in Paris", "a man in Leeds": the place may be the event's; it stays where it is
        toks = [t for t in toks if t.i < trailing[0].i]
        occupied = toks[-1]
    first, last = toks[0], toks[-1]
    if last.i - first.i + 1 != len(toks) or len(toks) > _MAX_PARTY_TOKENS:
        return None
    coordinated = any(t.dep_ == "conj" for t in toks)
    for t in toks:
        if t.lower_ in _PRONOUNS or t.pos_ in ("PRON", "VERB", "AUX"):
            return None
        if t.i != tok.i and t.dep_ not in _PARTY_DEPS and t.dep_ not in ("cc", "conj"):
            return None  # a clause, a participle
        if t.dep_ == "prep" and t.lower_ != "of":
            return None
        if t.is_punct and t.text not in ("-", "\u2013", ".", "'", "\u2019"):
            return None  # (a list with commas: "A, B and C" is too often something else)
        if t.dep_ == "conj" and not (t.tag_ in ("NNP", "NNPS") or t.lower_ in PERSON_NOUNS | GROUP_NOUNS):
            return None  # "Smith and the rest of the squad"
        if t.pos_ == "CCONJ" and t.lower_ != "and":
            return None
    if tok.tag_ in ("NNP", "NNPS"):
        if tok.ent_type_ and tok.ent_type_ not in NAME_TYPES:
            return None  # a work, a law, an event, a product: not a party
        if any(t.pos_ not in ("PROPN", "DET", "PART", "PUNCT", "CCONJ") for t in toks):
            return None
        if any(t.pos_ == "DET" and t.lower_ != "the" for t in toks):
            return None
        kind = NAME_TYPES.get(tok.ent_type_, "name")
    elif tok.lower_ in PERSON_NOUNS:
        kind = "person"
    elif tok.lower_ in GROUP_NOUNS:
        kind = "group"
    else:
        return None
    if any(t.ent_type_ and t.ent_type_ not in NAME_TYPES and t.ent_type_ != "DATE" for t in toks):
        return None  # "the 1990 champion" is fine (an age is DATE too), "the FA Cup holders" not
    start, end = first.idx, occupied.idx + len(occupied.text)
    text = doc.text[start : last.idx + len(last.text)]
    # A common noun's number is its tag's; a name is plural only as a team ("the Lions", tagged
    # either way), not "Evers" or "Jacques Delors".
    plural = tok.tag_ == "NNS" or tok.lower_ in _SINGULAR_PLURALS
    if tok.tag_ in ("NNP", "NNPS") and tok.ent_type_ != "GPE":
        plural = (first.lower_ == "the" and bool(re.search(r"[^s]s$", tok.text))) or (
            tok.tag_ == "NNPS" and tok.ent_type_ == "NORP"  # "Muslims", "Americans"
        )
    if kind == "name" and (tok.text in THING_HEADS or any(ch.isdigit() for ch in text)):
        return None  # "the Ryan White CARE Act", "Windows 7": a thing, whatever NER missed
    plural = plural or coordinated
    return Party(start, end, text, plural, kind, first.pos_ == "DET" or tok.pos_ != "PROPN")


def _tense(v: Any, passive: bool) -> str | None:
    """ "past", "perfect" or "pluperfect" from the verb's auxiliaries; None for any other."""
    aux = [c.lower_ for c in v.children if c.dep_ in ("aux", "auxpass")]
    if passive:
        table = {("was",): "past", ("were",): "past", ("has", "been"): "perfect", ("have", "been"): "perfect"}
        return {**table, ("had", "been"): "pluperfect"}.get(tuple(aux))
    if not aux:
        return "past" if v.tag_ == "VBD" else None
    if v.tag_ == "VBN" and len(aux) == 1:
        return {"has": "perfect", "have": "perfect", "had": "pluperfect"}.get(aux[0])
    return None


def _child(v: Any, deps: tuple[str, ...], text: str | None = None) -> Any:
    return next((c for c in v.children if c.dep_ in deps and (text is None or c.lower_ == text)), None)


def _key(v: Any, tense: str, passive: bool) -> list[str]:
    """Lexicon keys the verb word can be, the particle deciding phrasal ones ("took" + "over")."""
    table = _PARTICIPLE_HEADS if passive or tense != "past" else _PAST_HEADS
    keys = table.get(v.lower_, [])
    particles = {c.lower_ for c in v.children if c.dep_ in ("prt", "prep")}
    return [k for k in keys if " " not in k or k.split()[1] in particles] or []


def _clauses(doc: Any) -> list[Clause]:
    out = []
    for v in doc:
        if v.pos_ != "VERB" or v.tag_ not in ("VBD", "VBN"):
            continue
        clause = _clause(doc, v)
        if clause is not None and _context_ok(doc, v, clause):
            out.append(clause)
    return out


def _clause(doc: Any, v: Any) -> Clause | None:
    subj_tok = _child(v, ("nsubj", "nsubjpass"))
    if subj_tok is None or subj_tok.i > v.i:
        return None
    passive = subj_tok.dep_ == "nsubjpass"
    tense = _tense(v, passive)
    subject = _party(subj_tok)
    if tense is None or subject is None:
        return None
    keys = sorted(_key(v, tense, passive), key=len, reverse=True)
    if not keys:
        return None
    key = keys[0]
    phrasal = key.split()[1] if " " in key else None
    found = _parties_after(doc, v, key, phrasal, passive)
    if found is None:
        return None
    pattern, other, theme, complement, theme_end = found
    if other.start <= v.idx or other.text == subject.text or other.text in subject.text or subject.text in other.text:
        return None
    # Between subject and verb: auxiliaries and adverbs only.
    mid_tokens = [t for t in doc if subject.end <= t.idx < v.idx]
    if any(t.dep_ not in ("aux", "auxpass", "advmod") or t.head.i != v.i for t in mid_tokens):
        return None
    adverbs = " ".join(t.text for t in mid_tokens if t.dep_ == "advmod")
    verb_end = v.idx + len(v.text)
    prt = _child(v, ("prt",))
    if phrasal and prt is not None and prt.i == v.i + 1:
        verb_end = prt.idx + len(prt.text)
    if pattern == "lost to":
        key = "lost to"
    # A subordinate or coordinate clause is rewritten on its own ("Bosh won his first title after |
    # Miami defeated the Thunder 4-1|."): the rest of the sentence is the premise's, not the claim's.
    # Only what the sentence asserts: not "said that A beat B", "hoped A would", "the man who".
    if any(t.dep_ not in ("ROOT", "conj", "advcl") for t in [v, *v.ancestors]):
        return None
    text, start = doc.text, 0
    if v.dep_ != "ROOT":
        last = v.right_edge
        end = last.idx + len(last.text)
        if end <= other.end or (theme_end > 0 and end < theme_end):
            return None
        text, start = doc.text[:end].rstrip(",;:. ") + ".", subject.start
    return Clause(
        text, start, v.i, key, pattern, tense, subject, other, v.idx, verb_end, adverbs, theme, complement, theme_end
    )


def _parties_after(
    doc: Any, v: Any, key: str, phrasal: str | None, passive: bool
) -> tuple[str, Party, str, tuple[int, int] | None, int] | None:
    """(pattern, the party after the verb, a transfer's theme, a complement's span, where a
    dative's theme ends) or None."""
    text = doc.text
    if passive:
        agent = _child(v, ("agent",))
        pobj = _child(agent, ("pobj",)) if agent is not None else None
        party = _party(pobj) if pobj is not None else None
        if party is None or key not in ASYMMETRIC:
            return None
        between = [t for t in doc if v.i < t.i < agent.i]
        out = _child(v, ("prt", "prep"), phrasal) if phrasal else None
        if phrasal == "out" and out is not None and out.i == v.i + 1 and out.right_edge.i == agent.i - 1:
            # "were knocked out of the FA Cup by B": the complement goes after the object
            return "passive", party, "", (out.idx, out.right_edge.idx + len(out.right_edge.text)), -1
        if any(t.head.i != v.i or t.dep_ != "prt" for t in between):
            return None  # "appointed chairman by": nothing but a particle before "by"
        return "passive", party, "", None, -1
    dobj = _child(v, ("dobj",))
    if key == "lost":
        to = _child(v, ("prep",), "to")
        pobj = _child(to, ("pobj",)) if to is not None else None
        score = dobj is None or (pobj is not None and dobj.i > pobj.i)  # "lost to B 2-0"
        party = _party(pobj) if pobj is not None and score and to.i == v.i + 1 else None
        return ("lost to", party, "", None, -1) if party else None
    if key in TRANSFERS and dobj is not None:
        prep = _child(v, ("prep", "dative"), TRANSFERS[key][0])
        pobj = _child(prep, ("pobj",)) if prep is not None else None
        theme = list(dobj.subtree)
        if pobj is not None and theme[0].i == v.i + 1 and prep.i == theme[-1].i + 1:
            party = _party(pobj)
            if party and _party(dobj) is None:  # "sold Smith to Chelsea": a player, not a party
                return "transfer", party, text[theme[0].idx : theme[-1].idx + len(theme[-1].text)], None, -1
        dative = _child(v, ("dative",))
        if dative is not None and dative.i == v.i + 1 and TRANSFERS[key][0] == "to" and dative.lower_ != "to":
            party = _party(dative)
            if party and theme[0].i == dative.right_edge.i + 1 and _party(dobj) is None:
                end = theme[-1].idx + len(theme[-1].text)
                return "transfer_dative", party, text[theme[0].idx : end], None, end
        return None
    if key in SYMMETRIC_WITH:
        # "met with B"; "held talks with B" (the verbs that need such an object: SYMMETRIC_DEALS)
        needs_deal = key in ("held", "signed", "reached", "struck", "formed")
        anchor = (
            v
            if dobj is None and not needs_deal
            else dobj
            if dobj is not None and dobj.lower_ in SYMMETRIC_DEALS
            else None
        )
        with_tok = _child(anchor, ("prep",), "with") if anchor is not None else None
        if with_tok is None and anchor is not None and anchor.i != v.i:
            with_tok = _child(v, ("prep",), "with")  # "signed an agreement | with B", attached to the verb
        pobj = _child(with_tok, ("pobj",)) if with_tok is not None else None
        party = _party(pobj) if pobj is not None else None
        if (
            with_tok is not None
            and party is not None
            and all(
                t.head.i == v.i or (dobj is not None and dobj.i in (t.head.i, t.head.head.i))
                for t in doc
                if v.i < t.i < with_tok.i
            )
        ):
            return "with", party, "", None, -1
        if dobj is None or key not in SYMMETRIC_OBJECT | set(ASYMMETRIC):
            return None
    if dobj is None or (key not in ASYMMETRIC and key not in SYMMETRIC_OBJECT):
        return None
    party = _party(dobj)
    if party is None:
        return None
    between = [t for t in doc if v.i < t.i < dobj.left_edge.i]
    if any(t.dep_ != "prt" or t.head.i != v.i for t in between):
        return None  # "lent B X" and the like: only a particle may stand between verb and object
    complement = None
    after = doc[dobj.right_edge.i + 1] if dobj.right_edge.i + 1 < len(doc) else None
    if phrasal and after is not None and after.head.i == v.i and after.lower_ == phrasal:
        sub = list(after.subtree)
        complement = (sub[0].idx, sub[-1].idx + len(sub[-1].text))  # "out of the FA Cup"
    elif phrasal and not between:
        return None
    return "object", party, "", complement, -1


_DESCRIBES_LAST = re.compile(
    r"^(?:,\s+(?:a|an|the|one|its|his|her|their)\b|,?\s+(?:who|whom|whose|which|that)\b|\s*\()", re.IGNORECASE
)


def _context_ok(doc: Any, v: Any, c: Clause) -> bool:
    """Nothing after the second party describes it ("acquired B, a music company": in the other
    voice it would describe A), the second party is not cut short ("of Meat Loaf"), and no verb
    in the clause depends on the parties without a subject of its own ("beat B, winning the
    title": with the roles restated, the reader may take B for the winner)."""
    if any(ch.dep_ == "mark" and ch.lower_ in ("if", "unless", "whether") for ch in v.children):
        return False  # "if B beat A on Monday": a condition, not an event, and no past tense
    spans = [(c.subject.start, c.subject.end), (c.other.start, c.other.end)]
    for t in doc:
        inside = any(a <= t.idx < b for a, b in spans)  # a party's own, dropped with it
        if t.dep_ == "appos" and not inside and (t.head.i == v.i or any(a <= t.head.idx < b for a, b in spans)):
            return False  # "..., the second Luxembourger to hold the office": whose, once restated?
    expected = {"object": 1, "transfer": 1, "transfer_dative": 1, "passive": 0}.get(c.pattern)
    if expected is not None and sum(ch.dep_ in ("dobj", "attr", "oprd") for ch in v.children) != expected:
        return False  # a second object ("succeeded B in 1995, the second Luxembourger ...")
    rest = c.sentence[c.other.end :]
    if _DESCRIBES_LAST.match(rest) or re.match(r"\s+(?:of|and|&)\b", rest):
        return False
    if re.match(r"\s+[A-Z]", rest):
        return False  # "signed free agents Chris Foster": the party was cut short, or runs on
    for t in v.subtree:
        if t.i == v.i or t.pos_ not in ("VERB", "AUX") or t.dep_ in ("acl", "relcl"):
            continue  # (a relative clause or participle describes a noun of its own: not a party)
        own_subject = any(ch.dep_ in ("nsubj", "nsubjpass") for ch in t.children)
        if t.dep_ in ("advcl", "conj", "xcomp", "pcomp", "ccomp") and not own_subject:
            return False
    return not any(t.dep_ == "conj" and t.head.i == v.i for t in doc)
