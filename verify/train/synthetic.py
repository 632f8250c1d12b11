"""Synthetic claim/evidence pairs made from real sentences, aimed at the verifier's known gaps.

The NLI sets teach general inference, but a fact-checker's claims fail in narrower ways: one date,
number, name, verb or polarity changed, or two names' roles swapped (contradicted), a shortened
restatement of the passage (supported), or a related sentence of the same page, or the passage
plus a detail it never states (unknown). Each generator below makes one of those from a real
sentence, the premise being the sentence alone or with a neighbour from the same page, as the
retriever's passages are, after the page's title when the model reads titles (verify.premise).

Every contradiction kind comes with twins (verify.train.twins; roles: verify.train.roles) that
change the same kind of surface feature and are entailed or neutral, in equal number, taken from
the same sentence where it yields both: a model must not learn "a date / name / verb I have not
seen -> contradiction". Each pair's kind is in its dataset name, `synthetic_<kind>`, so model
cards list them.

Sentences come from Fool-Me-Twice (Wikipedia pages, ../shared/bench/fm2), which the benchmarks do
not evaluate; never from the seed article (our test domain) or from an evaluated corpus. The role
kinds, given the NLI folder, also rewrite the premises of public NLI sets (verify.train.role_pool),
less the held-out sets' sentences and Climate-FEVER's evidence; since real sentences with two safe
parties are rare, generated news-style frames (verify.train.role_frames) fill the rest of the role
kinds' share, as kinds of their own (`synthetic_role_frame_*`).
"""

from __future__ import annotations

import random
import re
import sys
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from verify.mentions import MONTHS, extract_dates, extract_names, extract_numbers
from verify.premise import format_premise
from verify.text import negation_count, without_negation
from verify.train import role_frames, roles, twins
from verify.train.data import Pair, read_jsonl
from verify.train.role_pool import heldout_sentences, pool_passages, sentences_of

MIN_WORDS, MAX_WORDS = 6, 45
_MONTH_NAMES = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip
_AUXILIARY = re.compile(r"\b(is|was|are|were|has been|have been|had been|will|would|can|could|should|must)\b (?!not\b)")
_TRIMMABLE = re.compile(r"\s*\([^()]*\)|,\s+(?:which|who|whose|where|while|although|though)\b[^,]*(?:,|(?=\.$))")
LABEL_SHARE = {"entailment": 1 / 3, "contradiction": 1 / 3, "neutral": 1 / 3}
_WORD_NUMBERS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve", "twenty"]


@dataclass(frozen=True)
class Page:
    """The usable sentences of one Wikipedia page, its title (None where the record has none)
    and whether it is a biography (see twins.looks_like_person)."""

    title: str | None
    sentences: list[str]
    person: bool = False
    pronoun: str = ""  # "He" or "She", whichever more of a biography's sentences start with


def fm2_pages(bench_dir: Path) -> list[Page]:
    """FM2 dev's sentences grouped by their Wikipedia page (each record is one page's claim; a
    record without a page name is a page of its own)."""
    grouped: dict[str, list[str]] = {}
    titles: dict[str, str | None] = {}
    for i, row in enumerate(read_jsonl(bench_dir / "fm2" / "dev.jsonl")):
        key = row.get("wikipedia_page") or f"record {i}"
        titles[key] = row.get("wikipedia_page")
        texts = [e["text"].strip() for e in row["gold_evidence"] + row["retrieved_evidence"]]
        grouped.setdefault(key, []).extend(t for t in texts if _clean_sentence(t))
    pages = []
    for key, texts in grouped.items():
        usable = list(dict.fromkeys(texts))
        title = titles[key]
        if len(usable) >= 2:
            person = bool(title) and twins.looks_like_person(title or "", usable)
            he = sum(s.startswith("He ") for s in usable)
            she = sum(s.startswith("She ") for s in usable)
            pages.append(Page(title, usable, person, ("He" if he >= she else "She") if person else ""))
    return pages


def page_sentences(bench_dir: Path) -> list[list[str]]:
    """Sentences grouped by the Wikipedia page they come from."""
    return [page.sentences for page in fm2_pages(bench_dir)]


def _clean_sentence(text: str) -> bool:
    """A prose sentence of claim size: no markup or formula debris, starts like a sentence."""
    return (
        MIN_WORDS <= len(text.split()) <= MAX_WORDS
        and text[:1].isupper()
        and text.endswith((".", '"'))
        and not re.search(r"[{}\\|=]|\.[A-Z]", text)
    )


def shorten(sentence: str) -> str:
    """Drop parentheticals and non-restrictive relative clauses: what remains is still entailed."""
    shorter = _TRIMMABLE.sub("", sentence).strip()
    shorter = re.sub(r"\s+([,.;])", r"\1", shorter)
    return shorter if len(shorter.split()) >= MIN_WORDS else sentence


def swap_date(sentence: str, rng: random.Random) -> str | None:
    """Change the day, year or month of one date mention (a different date, same wording style)."""
    dates = [d for d in extract_dates(sentence) if d.year or d.day or d.month]
    if not dates:
        return None
    d = rng.choice(dates)
    text = d.text
    if d.day and rng.random() < 0.6:
        day = rng.choice([x for x in range(1, 29) if x != d.day])
        new = re.sub(rf"\b{d.day}(?=\b|st|nd|rd|th)", str(day), text, count=1)
    elif d.year and str(d.year) in text:
        new = text.replace(str(d.year), str(d.year + rng.choice([-11, -4, -2, -1, 1, 2, 3, 6, 10])), 1)
    elif d.month:
        month_word = next((w for w in re.findall(r"[A-Za-z]+", text) if w.rstrip(".").lower() in MONTHS), None)
        if month_word is None:
            return None
        new = text.replace(month_word, rng.choice([m for m in _MONTH_NAMES if MONTHS[m.lower()] != d.month]), 1)
    else:
        return None
    return sentence[: d.start] + new + sentence[d.end :] if new != text else None


def swap_number(sentence: str, rng: random.Random) -> str | None:
    """Replace one quantity by a clearly different one (at least 25% away)."""
    # Clock times and scores ("12:30", "2-1") change meaning, not magnitude, when scaled.
    numbers = [
        n for n in extract_numbers(sentence) if not re.search(r"\d[:\u2013-]\d", sentence[n.start - 2 : n.end + 2])
    ]
    if not numbers:
        return None
    n = rng.choice(numbers)
    digits = re.search(r"\d[\d,]*(?:\.\d+)?", n.text)
    if digits is None:
        word = re.search(r"[a-z]+", n.text.lower())
        if word is None or word.group() not in _WORD_NUMBERS:
            return None
        replacement = rng.choice([w for w in _WORD_NUMBERS if w != word.group()])
        start, end = n.start + word.start(), n.start + word.end()
    else:
        value = float(digits.group().replace(",", ""))
        factor = rng.choice([0.25, 0.5, 0.6, 1.5, 2.0, 3.0, 10.0])
        new_value = value * factor if value >= 4 else value + rng.choice([2, 3, 5, 7])
        decimals = len(digits.group().split(".")[1]) if "." in digits.group() else 0
        replacement = f"{new_value:,.{decimals}f}" if "," in digits.group() else f"{new_value:.{decimals}f}"
        if replacement == digits.group():
            return None
        start, end = n.start + digits.start(), n.start + digits.end()
    return sentence[:start] + replacement + sentence[end:]


def swap_name(sentence: str, other_names: list[str], rng: random.Random) -> str | None:
    """Replace one proper name by a name of the same length (in words) from another page."""
    names = [n for n in extract_names(sentence) if not sentence.startswith(n) and len(n) > 2]
    if not names:
        return None
    name = rng.choice(names)
    rivals = [o for o in other_names if len(o.split()) == len(name.split()) and o not in sentence and o != name]
    if not rivals:
        return None
    return re.sub(rf"\b{re.escape(name)}\b", rng.choice(rivals), sentence, count=1)


def flip_polarity(sentence: str) -> str | None:
    """Negate the first auxiliary ("was founded" -> "was not founded"), or drop the one negation."""
    if negation_count(sentence):
        return without_negation(sentence)
    m = _AUXILIARY.search(sentence)
    if m is None:
        return None
    aux = m.group(1)
    negated = "cannot" if aux == "can" else aux.replace(" been", " not been") if " been" in aux else f"{aux} not"
    return f"{sentence[: m.start()]}{negated} {sentence[m.end() :]}"


def add_unstated_date(sentence: str, rng: random.Random) -> str | None:
    """The sentence plus a date it never gives: the passage no longer decides it (unknown)."""
    if extract_dates(sentence) or not sentence.endswith("."):
        return None
    return f"{sentence[:-1]} in {rng.choice(_MONTH_NAMES)} {rng.randint(1950, 2022)}."


ENTAILMENT, NEUTRAL, CONTRADICTION = "entailment", "neutral", "contradiction"
# Each contradiction kind and its twins: the same kind of surface change, another label.
TWINS: dict[str, tuple[str, ...]] = {
    "date_swap": ("date_restated",),
    "number_swap": ("number_restated",),
    "name_swap": ("name_added", "name_unstated"),
    "negated": ("negated_antonym",),
    "antonym": ("synonym",),
    "role_swap": ("role_kept", "role_converse", "role_symmetric"),
}
# Generated kinds that fill a contradiction kind's share (with their own twins) where real
# sentences fall short of it: the role frames (verify.train.role_frames), separate kinds so model
# cards tell rewrites of real sentences from generated ones.
TOP_UPS: dict[str, tuple[str, tuple[str, ...]]] = {
    "role_swap": (role_frames.SWAP, (role_frames.KEPT, role_frames.CONVERSE, role_frames.SYMMETRIC)),
}
# Twins that never come from their contradiction's sentence ("A met B" -> "B met A" is another
# sentence than "A beat B"): each gets an even share of the twins before same-sentence matching.
UNPAIRED_TWINS = {"role_symmetric", role_frames.SYMMETRIC}
# Contradictions per kind are split evenly but for the swapped roles' weight: they are what the
# verifier reads worst (the probe's role-swap category).
DEFAULT_ROLE_WEIGHT = 1.5
KIND_LABEL: dict[str, str] = {
    **{kind: CONTRADICTION for kind in TWINS},
    "date_restated": ENTAILMENT,
    "number_restated": ENTAILMENT,
    "name_added": ENTAILMENT,
    "name_unstated": NEUTRAL,
    "negated_antonym": ENTAILMENT,
    "synonym": ENTAILMENT,
    "role_kept": ENTAILMENT,
    "role_converse": ENTAILMENT,
    "role_symmetric": ENTAILMENT,
    role_frames.SWAP: CONTRADICTION,
    role_frames.KEPT: ENTAILMENT,
    role_frames.CONVERSE: ENTAILMENT,
    role_frames.SYMMETRIC: ENTAILMENT,
    # Kinds without a contradiction to mirror: they fill their label up to a third.
    "shortened": ENTAILMENT,
    "extracted": ENTAILMENT,
    "same_page": NEUTRAL,  # another sentence of the same page: on topic, not deciding
    "added_date": NEUTRAL,
}
FILLERS = {ENTAILMENT: ("shortened", "extracted"), NEUTRAL: ("same_page", "added_date")}
ROUNDS = 2  # each sentence is tried twice (other windows, other swaps): the rare kinds need it


@dataclass(frozen=True)
class Candidate:
    kind: str
    premise: str
    hypothesis: str
    key: tuple[int, str]  # (round, sentence): a contradiction and its twins from one sentence share it


def synthetic_pairs(
    bench_dir: Path,
    count: int,
    seed: int = 0,
    titles: bool = False,
    nli_dir: Path | None = None,
    heldout_premises: Iterable[str] = (),
    frames: bool = True,
    role_weight: float = DEFAULT_ROLE_WEIGHT,
) -> list[Pair]:
    """About `count` pairs, a third per label (fewer where the sentences run out of a kind): every
    contradiction kind with as many twins, the rest of each label from its filler kinds. With
    `titles`, premises start with the page title (verify.premise.format_premise), as a model that
    reads titles sees them. With `nli_dir`, the role kinds also draw on the NLI sets' premises
    (verify.train.role_pool), less any sentence of `heldout_premises` (the mix's held-out slice).
    With `frames`, role pairs generated from news-style frames (verify.train.role_frames) fill the
    role kinds' share where the real sentences fall short of it. `role_weight` is the swapped roles'
    weight among the contradiction kinds (each other kind weighs 1)."""
    weights = {"role_swap": role_weight}
    rng = random.Random(seed)
    pages = fm2_pages(bench_dir)
    candidates = _candidates(pages, rng, titles)
    pool = _pool_pages(bench_dir, nli_dir, heldout_premises) if nli_dir is not None else []
    # Parsing is what costs (70-170 sentences/s here): a small run parses a sample of the pool.
    limit = max(200, 2 * count)
    candidates.update(_role_candidates(pages, pool, random.Random(f"roles {seed}"), titles, limit))
    target = round(count * LABEL_SHARE[CONTRADICTION])
    if frames:
        candidates.update(_frame_candidates(target, seed, titles, role_weight))
    chosen: list[Candidate] = []
    for kind, n in _shares(candidates, target, weights).items():
        real = min(n, _capacity(candidates, kind, TWINS[kind]))
        chosen += _matched(candidates, kind, real, TWINS[kind])
        if kind in TOP_UPS and n > real:
            top_up, top_up_twins = TOP_UPS[kind]
            chosen += _matched(candidates, top_up, n - real, top_up_twins)
    contradictions = sum(KIND_LABEL[c.kind] == CONTRADICTION for c in chosen)
    for label, fillers in FILLERS.items():
        missing = contradictions - sum(KIND_LABEL[c.kind] == label for c in chosen)
        chosen += _fill(candidates, fillers, missing)
    pairs = [Pair(c.premise, c.hypothesis, KIND_LABEL[c.kind], f"synthetic_{c.kind}") for c in chosen]
    rng.shuffle(pairs)
    return pairs


def _candidates(pages: list[Page], rng: random.Random, titles: bool) -> dict[str, list[Candidate]]:
    """Every kind's rewrites of every sentence (ROUNDS times), shuffled, without repeats."""
    all_names = sorted({n for page in pages for s in page.sentences for n in extract_names(s) if len(n) > 2})
    # Other pages' names by what they name: people by pronoun (no "Joe DiMaggio ... her Emmy"), or
    # a title's qualifier ("film").
    rivals: dict[str, list[str]] = defaultdict(list)
    for page in pages:
        if page.title:
            name, qualifier = twins.page_name(page.title)
            if page.person or qualifier:
                rivals[page.pronoun if page.person else str(qualifier)].append(name)
    out: dict[str, list[Candidate]] = defaultdict(list)
    for rnd in range(ROUNDS):
        for page in pages:
            title = page.title if titles else None
            for sentence in page.sentences:
                neighbour = rng.choice([x for x in page.sentences if x != sentence])
                key = (rnd, sentence)
                premise = format_premise(_passage(sentence, neighbour, rng), title)
                base = shorten(sentence)
                made = {
                    "date_swap": swap_date(base, rng),
                    "date_restated": twins.restate_date(base, rng),
                    "number_swap": swap_number(base, rng),
                    "number_restated": twins.restate_number(base, rng),
                    "name_swap": swap_name(base, all_names, rng),
                    **_name_twins(base, page, premise, rivals, rng),
                    # A lexicon verb negated first: its twin negates the verb's antonym.
                    "negated": twins.negate_verb(base) or flip_polarity(base),
                    "negated_antonym": twins.negate_antonym(base, rng),
                    "antonym": twins.swap_antonym(base, rng),
                    "synonym": twins.swap_synonym(base, rng),
                    "shortened": base,
                    "added_date": add_unstated_date(base, rng),
                }
                for kind, hypothesis in made.items():
                    if hypothesis and hypothesis != sentence:
                        out[kind].append(Candidate(kind, premise, hypothesis, key))
                # Alone, the sentence would only teach "identical text entails": with a neighbour.
                pair = f"{sentence} {neighbour}" if rng.random() < 0.5 else f"{neighbour} {sentence}"
                out["extracted"].append(Candidate("extracted", format_premise(pair, title), sentence, key))
                out["same_page"].append(
                    Candidate("same_page", format_premise(sentence, title), shorten(neighbour), key)
                )
    for kind, pool in out.items():
        unique = list({(c.premise, c.hypothesis): c for c in pool}.values())
        rng.shuffle(unique)
        out[kind] = unique
    return out


def _name_twins(
    sentence: str, page: Page, premise: str, rivals: dict[str, list[str]], rng: random.Random
) -> dict[str, str]:
    """ "He"/"The film" replaced by the page's own name (entailed, when the premise gives the name:
    in the title before it, or in the neighbour sentence) and by another page's (neutral)."""
    if not page.title:
        return {}
    slot = twins.name_slot(sentence, page.title, page.person)
    name, qualifier = twins.page_name(page.title)
    if slot is None or not re.search(rf"\b{re.escape(name)}\b", premise):
        return {}
    out = {"name_added": twins.fill_name(sentence, slot, name)}
    others = [r for r in rivals[page.pronoun if page.person else str(qualifier)] if r != name and r not in premise]
    if others:
        out["name_unstated"] = twins.fill_name(sentence, slot, rng.choice(others))
    return out


def _frame_candidates(target: int, seed: int, titles: bool, role_weight: float) -> dict[str, list[Candidate]]:
    """Frame-generated role pairs (verify.train.role_frames), enough to fill the role kinds' whole
    share of `target` contradictions; the headline is the premise's title when the model reads titles."""
    share = role_weight / (len(TWINS) - 1 + role_weight)
    one_way = round(target * share) + 20
    out: dict[str, list[Candidate]] = defaultdict(list)
    for p in role_frames.frame_pairs(one_way, one_way // 2 + 10, seed):
        premise = format_premise(p.passage, p.headline if titles else None)
        out[p.kind].append(Candidate(p.kind, premise, p.hypothesis, (ROUNDS, f"role frame {p.instance}")))
    return out


def _capacity(candidates: dict[str, list[Candidate]], kind: str, twin_kinds: tuple[str, ...]) -> int:
    """How many contradictions of `kind` can be matched by as many twins."""
    return min(len(candidates[kind]), sum(len(candidates[t]) for t in twin_kinds))


def _shares(candidates: dict[str, list[Candidate]], target: int, weights: dict[str, float]) -> dict[str, int]:
    """Contradictions per kind: `target` split by `weights` (1 where not given), a kind that cannot
    be matched by as many twins (its top-up's included) capped at what it can, its shortfall spread
    over the others."""
    capacity = {kind: _capacity(candidates, kind, twin_kinds) for kind, twin_kinds in TWINS.items()}
    for kind, (top_up, top_up_twins) in TOP_UPS.items():
        capacity[kind] += _capacity(candidates, top_up, top_up_twins)
    shares: dict[str, int] = {}
    open_kinds = sorted(capacity, key=lambda k: capacity[k] / weights.get(k, 1.0))
    remaining = target
    while open_kinds:
        kind = open_kinds[0]
        weight = sum(weights.get(k, 1.0) for k in open_kinds)
        fair = round(remaining * weights.get(kind, 1.0) / weight) if len(open_kinds) > 1 else remaining
        shares[kind] = min(capacity[kind], fair)
        remaining -= shares[kind]
        open_kinds.pop(0)
    return shares


def _matched(candidates: dict[str, list[Candidate]], kind: str, n: int, twin_kinds: tuple[str, ...]) -> list[Candidate]:
    """n contradictions of `kind` and n of its `twin_kinds`: an even share of each unpaired twin
    kind first, then twins of the same sentence, twin kinds in turn, then any."""
    paired = tuple(t for t in twin_kinds if t not in UNPAIRED_TWINS)
    twins_out: list[Candidate] = []
    for t in twin_kinds:
        if t in UNPAIRED_TWINS:
            twins_out += candidates[t][: n // len(twin_kinds)]
    twin_keys = {c.key for t in paired for c in candidates[t]}
    pool = candidates[kind]
    picked = ([c for c in pool if c.key in twin_keys] + [c for c in pool if c.key not in twin_keys])[:n]
    by_key = {t: {c.key: c for c in candidates[t]} for t in paired}
    used = {(c.kind, c.premise, c.hypothesis) for c in twins_out}
    for i, c in enumerate(picked[: n - len(twins_out)]):
        for t in paired[i % len(paired) :] + paired[: i % len(paired)]:
            twin = by_key[t].get(c.key)
            if twin is not None:
                twins_out.append(twin)
                used.add((twin.kind, twin.premise, twin.hypothesis))
                break
    rest = {t: [c for c in candidates[t] if (t, c.premise, c.hypothesis) not in used] for t in twin_kinds}
    while len(twins_out) < n and any(rest.values()):
        for t in twin_kinds:
            if rest[t] and len(twins_out) < n:
                twins_out.append(rest[t].pop(0))
    return picked + twins_out


def _fill(candidates: dict[str, list[Candidate]], kinds: tuple[str, ...], missing: int) -> list[Candidate]:
    """`missing` pairs split evenly over filler kinds (one short of candidates leaves more to the other)."""
    out: list[Candidate] = []
    pools = {k: list(candidates[k]) for k in kinds}
    while len(out) < missing and any(pools.values()):
        for k in kinds:
            if pools[k] and len(out) < missing:
                out.append(pools[k].pop(0))
    return out


def _passage(sentence: str, neighbour: str, rng: random.Random) -> str:
    """The sentence alone or in a two-sentence window with a neighbour, either order."""
    roll = rng.random()
    if roll < 0.4:
        return sentence
    return f"{sentence} {neighbour}" if roll < 0.7 else f"{neighbour} {sentence}"


def _pool_pages(bench_dir: Path, nli_dir: Path, heldout_premises: Iterable[str]) -> list[Page]:
    """The role pool's passages as untitled pages, without the held-out sets' sentences nor those
    of an evaluated corpus (Climate-FEVER's Wikipedia evidence, which FEVER's may repeat)."""
    avoid = heldout_sentences(nli_dir, heldout_premises) | sentences_of(_climate_fever_evidence(bench_dir))
    pages = []
    for passage in pool_passages(nli_dir, avoid, roles.PREFILTER):
        usable = [s for s in passage if _clean_sentence(s)]
        if usable:
            pages.append(Page(None, usable))
    return pages


def _climate_fever_evidence(bench_dir: Path) -> list[str]:
    path = bench_dir / "climate-fever" / "climate-fever.jsonl"
    if not path.exists():
        return []
    return [e["evidence"] for row in read_jsonl(path) for e in row["evidences"]]


def _role_candidates(
    pages: list[Page], pool: list[Page], rng: random.Random, titles: bool, limit: int
) -> dict[str, list[Candidate]]:
    """The role kinds (verify.train.roles) of every sentence a role verb occurs in, on FM2's pages
    and the pool's (a seeded sample of `limit` of the latter where it has more), ROUNDS times
    (another window), shuffled, without repeats.
    Every swapped form is a candidate: few real sentences have two parties around a role verb, and
    "B beat A", "A was beaten by B" and "A lost to B" beside "B was beaten by A" and "B lost to A"
    are the minimal pairs that teach roles."""
    from verify.facts.nlp import nlp

    def worth_parsing(group: list[Page]) -> list[str]:
        return list(dict.fromkeys(s for page in group for s in page.sentences if roles.PREFILTER.search(s)))

    from_pool = worth_parsing(pool)
    if len(from_pool) > limit:
        from_pool = [from_pool[i] for i in sorted(rng.sample(range(len(from_pool)), limit))]
    wanted = list(dict.fromkeys(worth_parsing(pages) + from_pool))
    pages = pages + pool
    started = time.perf_counter()
    docs = dict(zip(wanted, nlp().pipe(wanted, batch_size=64, disable=["lemmatizer"])))
    seconds = time.perf_counter() - started
    rate = len(docs) / max(seconds, 1e-9)
    print(f"role sentences: {len(docs)} parsed in {seconds:.1f} s ({rate:.0f}/s)", file=sys.stderr, flush=True)
    out: dict[str, list[Candidate]] = defaultdict(list)
    for rnd in range(ROUNDS):
        for page in pages:
            title = page.title if titles else None
            for sentence in page.sentences:
                doc = docs.get(sentence)
                made = roles.role_rewrites(doc, rng) if doc is not None else []
                if not made:
                    continue
                others = [x for x in page.sentences if x != sentence]
                passage = _passage(sentence, rng.choice(others), rng) if others else sentence
                premise = format_premise(passage, title)
                for kind, hypothesis in made:
                    out[kind].append(Candidate(kind, premise, hypothesis, (rnd, sentence)))
    for kind, made_of_kind in out.items():
        unique = list({(c.premise, c.hypothesis): c for c in made_of_kind}.values())
        rng.shuffle(unique)
        out[kind] = unique
    return out
