"""Synthetic claim/evidence pairs made from real sentences, aimed at the verifier's known gaps.

The NLI sets teach general inference, but a fact-checker's claims fail in narrower ways: one date,
number, name or polarity changed (contradicted), a shortened restatement of the passage
(supported), or a related sentence of the same page, or the passage plus a detail it never states
(unknown). Each generator below makes one of those from a real sentence, the premise being the
sentence alone or with a neighbour from the same page, as the retriever's passages are.

Sentences come from Fool-Me-Twice (Wikipedia pages, ../shared/bench/fm2), which the benchmarks do
not evaluate; never from the seed article (our test domain) or from an evaluated corpus.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from pathlib import Path

from verify.mentions import MONTHS, extract_dates, extract_names, extract_numbers
from verify.text import negation_count, without_negation
from verify.train.data import Pair, read_jsonl

MIN_WORDS, MAX_WORDS = 6, 45
_MONTH_NAMES = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip
_AUXILIARY = re.compile(r"\b(is|was|are|were|has been|have been|had been|will|would|can|could|should|must)\b (?!not\b)")
_TRIMMABLE = re.compile(r"\s*\([^()]*\)|,\s+(?:which|who|whose|where|while|although|though)\b[^,]*(?:,|(?=\.$))")
LABEL_SHARE = {"entailment": 1 / 3, "contradiction": 1 / 3, "neutral": 1 / 3}
_WORD_NUMBERS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve", "twenty"]


def page_sentences(bench_dir: Path) -> list[list[str]]:
    """Sentences grouped by the Wikipedia page they come from (one FM2 record = one page)."""
    pages = []
    for row in read_jsonl(bench_dir / "fm2" / "dev.jsonl"):
        texts = [e["text"] for e in row["gold_evidence"] + row["retrieved_evidence"]]
        usable = list(dict.fromkeys(t.strip() for t in texts if _clean_sentence(t.strip())))
        if len(usable) >= 2:
            pages.append(usable)
    return pages


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


def synthetic_pairs(bench_dir: Path, count: int, seed: int = 0) -> list[Pair]:
    """About `count` pairs, a third per label, each label's share split evenly over its kinds."""
    rng = random.Random(seed)
    pages = page_sentences(bench_dir)
    all_names = sorted({n for page in pages for s in page for n in extract_names(s) if len(n) > 2})
    makers: dict[str, tuple[str, Callable[[str, str], str | None]]] = {
        "shortened": ("entailment", lambda s, _: shorten(s)),
        "extracted": ("entailment", lambda s, _: s),
        "date_swap": ("contradiction", lambda s, _: swap_date(shorten(s), rng)),
        "number_swap": ("contradiction", lambda s, _: swap_number(shorten(s), rng)),
        "name_swap": ("contradiction", lambda s, _: swap_name(shorten(s), all_names, rng)),
        "negated": ("contradiction", lambda s, _: flip_polarity(shorten(s))),
        # Another sentence of the same page: on topic, but it does not decide the claim.
        "same_page": ("neutral", lambda _, neighbour: shorten(neighbour)),
        "added_date": ("neutral", lambda s, _: add_unstated_date(shorten(s), rng)),
    }
    kinds_per_label = {label: sum(1 for lab, _ in makers.values() if lab == label) for label in LABEL_SHARE}
    quota = {kind: round(count * LABEL_SHARE[label] / kinds_per_label[label]) for kind, (label, _) in makers.items()}
    pairs: list[Pair] = []
    for attempt in range(count * 50):
        open_kinds = [k for k in makers if quota[k] > 0]
        if not open_kinds:
            break
        kind = open_kinds[attempt % len(open_kinds)]
        label, make = makers[kind]
        sentence, neighbour = rng.sample(rng.choice(pages), 2)
        hypothesis = make(sentence, neighbour)
        if not hypothesis or (kind not in ("extracted", "same_page") and hypothesis == sentence):
            continue
        if kind == "extracted":  # alone, the sentence would only teach "identical text entails"
            premise = f"{sentence} {neighbour}" if rng.random() < 0.5 else f"{neighbour} {sentence}"
        elif kind == "same_page":
            premise = sentence
        else:
            premise = _passage(sentence, neighbour, rng)
        pairs.append(Pair(premise, hypothesis, label, f"synthetic_{kind}"))
        quota[kind] -= 1
    rng.shuffle(pairs)
    return pairs


def _passage(sentence: str, neighbour: str, rng: random.Random) -> str:
    """The sentence alone or in a two-sentence window with a neighbour, either order."""
    roll = rng.random()
    if roll < 0.4:
        return sentence
    return f"{sentence} {neighbour}" if roll < 0.7 else f"{neighbour} {sentence}"
