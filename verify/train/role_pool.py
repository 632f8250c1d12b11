"""Real sentences where two parties may meet, for the role rewrites (verify.train.roles).

FM2's Wikipedia pages hold few sentences with two names around a role verb (23 usable by the
first rewriter), so the role kinds also draw on the premises of public NLI sets: Wikipedia (ConjNLI,
FEVER evidence in DocNLI) and news (RTE, NOPE, CNN/DailyMail articles in FRANK and SummaC's FactCC
and SummEval parts), plus LingNLI's mixed genres. Their sentences are only rewritten here, the sets'
own hypotheses and labels unused.

Never used: MNLI dev-matched (the external held-out set; any sentence of its premises is dropped,
as LingNLI draws on MNLI's sources), the held-out slice of the training mix (the caller passes its
premises), the NLI probe, and the sentences of any evaluated corpus the caller names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from verify.chunk import split_sentences
from verify.train.data import HELDOUT_EXTERNAL, read_jsonl

# dataset -> accepted split prefixes (None: all). Licences: verify.train.licences.
POOL: dict[str, tuple[str, ...] | None] = {
    "conjnli": None,
    "docnli_repo_binary": ("binary-FEVER-NLI/",),  # not binary-MNLI: MNLI premises
    "rte_glue": ("train",),
    "nope": None,
    "lingnli": ("1_Baseline_protocol/train", "2_Ling_on_side_protocol/train", "3_Ling_in_loop_protocol/train"),
    "frank": None,
    "summac_val_subsets": ("factcc", "summeval"),  # not polytope: its licence is not stated
}
_TOKENISED = {"docnli_repo_binary"}  # FEVER's evidence comes tokenised: " , ", "-LRB-", " 's"


def detokenise(text: str) -> str:
    """FEVER-style tokenised text back to prose ("Smith , who" -> "Smith, who")."""
    text = text.replace("-LRB-", "(").replace("-RRB-", ")").replace("``", '"').replace("''", '"')
    text = re.sub(r" ([,.;:!?)%])", r"\1", text)
    text = re.sub(r"\( ", "(", text)
    text = re.sub(r" ('s|'|n't|'re|'ve|'ll|'d|'m)\b", r"\1", text)
    return text.replace(" -- ", " \u2013 ")


def _premises(nli_dir: Path, dataset: str, splits: tuple[str, ...] | None) -> Iterator[str]:
    seen: set[str] = set()
    for row in read_jsonl(nli_dir / "pairs" / f"{dataset}.jsonl"):
        if splits is not None and not row["split"].startswith(splits):
            continue
        if row["premise"] not in seen:
            seen.add(row["premise"])
            yield detokenise(row["premise"]) if dataset in _TOKENISED else row["premise"]


def sentences_of(texts: Iterable[str]) -> set[str]:
    """Every sentence of the texts, tokenised or not (as the pool reads them)."""
    out: set[str] = set()
    for text in texts:
        for variant in {text, detokenise(text)}:
            out.update(variant[s:e] for s, e in split_sentences(variant))
    return out


def heldout_sentences(nli_dir: Path, premises: Iterable[str] = ()) -> set[str]:
    """The sentences no pool passage may hold: those of MNLI dev-matched premises and of
    `premises` (the training mix's held-out slice)."""
    dataset, split = HELDOUT_EXTERNAL
    mnli = (row["premise"] for row in read_jsonl(nli_dir / "pairs" / f"{dataset}.jsonl") if row["split"] == split)
    return sentences_of([*mnli, *premises])


def pool_passages(nli_dir: Path, avoid: set[str], keep: re.Pattern[str] | None = None) -> list[list[str]]:
    """The sentences of each pool premise (in file order, POOL's order) that holds none of `avoid`
    and, when `keep` is given, a sentence where it finds a word; a sentence is kept once."""
    seen: set[str] = set()
    out = []
    for dataset, splits in POOL.items():
        for premise in _premises(nli_dir, dataset, splits):
            sentences = [premise[s:e] for s, e in split_sentences(premise)]
            if any(s in avoid for s in sentences):
                continue
            fresh = [s for s in sentences if s not in seen]
            seen.update(fresh)
            if fresh and (keep is None or any(keep.search(s) for s in fresh)):
                out.append(fresh)
    return out
