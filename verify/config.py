"""Defaults in one place; the CLI reads the environment variables named here."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]

ENV_INDEX = "VERIFY_INDEX"
ENV_SEEDS = "VERIFY_SEEDS"
ENV_EMBED_MODEL = "VERIFY_EMBED_MODEL"
ENV_NLI_MODEL = "VERIFY_MODEL"
ENV_CALIBRATION = "VERIFY_CALIBRATION"
ENV_BACKEND = "VERIFY_BACKEND"

DEFAULT_INDEX = Path("index/default")
DEFAULT_EMBED_MODEL = "sentence-transformers/all-MiniLM-L6-v2"
BUNDLED_NLI = "bundled"
# The verifier when none is named: the cascade (verify.cascade) of the bundled MiniLM and the
# shipped mpnet, which re-scores only the claims whose fact checks and fast scores disagree. Of
# every band measured (benchmarks/cascade_bands.py) it is the most accurate that still verifies
# 8 claims/s on Check-COVID dev on 2 AVX2 cores; `--model fast` is MiniLM alone, `--model accurate`
# mpnet alone (news_dev 0.729 against 0.609, at a sixth of the speed or less).
DEFAULT_NLI = "cascade"
# What computes the models (see verify.backends): ONNX Runtime where it can, else PyTorch.
BACKENDS = ("auto", "onnx", "torch")
DEFAULT_BACKEND = "auto"

# Passages: windows of sentences that overlap by one sentence, capped in characters so a
# passage plus a claim fits the NLI model's 128-256 token window.
CHUNK_SENTENCES = 2
CHUNK_OVERLAP = 1
CHUNK_MAX_CHARS = 600

TOP_K = 5
# Claims verified together: their passages share NLI batches. Larger batches fill the fixed-shape
# bf16 batches better (10.0 against 7.6 SciFact claims/s for 16); output comes a batch at a time.
CLAIM_BATCH = 64
MAX_EVIDENCE = 3
MAX_CLAIM_CHARS = 2_000

# A passage must reach this probability of entailment (contradiction) to support (contradict).
# The contradiction bar is high because the bundled MiniLM model calls plain restatements
# contradictions: on claims/news_dev.jsonl its contradictions alone were right 31% of the time at
# 0.7. Measured with the fact layer on the dev sets (news_dev / seed_dev), contradiction precision
# and supported claims called contradicted: at 0.7, 0.56 / 0.75 and 23 / 2; at 0.8, 0.64 / 0.86
# and 14 / 1; at 0.9, 0.75 / 0.90 and 7 / 0; at 0.95, 0.82 / 0.90 and 5 / 0 (news_dev accuracy
# best at 0.85-0.9). A wrong "contradicted" costs more than a missed one, so 0.9; the fact checks
# catch the changed dates, figures, names and negations the model misses.
SUPPORT_THRESHOLD = 0.5
CONTRADICT_THRESHOLD = 0.9
# The rules of verify/decide.py, in one place:
# contradiction outranks an entailment unless the entailment is stronger by more than this;
COMPARABLE = 0.15
# a model contradiction of a negated claim is not trusted where the same passage contradicts the
# claim without its "not" at least this much too (the model reads neither);
BOTH_WAYS_CONTRADICTION = 0.5
# a passage is "about the claim's event" if the model does not find it plainly unrelated
# (P(entailment) + P(contradiction) at least this) ...
SAME_EVENT_NLI = 0.2
# ... or its aligned sentence holds this share of the claim's content words;
SAME_EVENT_OVERLAP = 0.6
# matching dates or figures support a claim when the aligned sentence shares this much of it,
AGREEMENT_OVERLAP = 0.6
# or this much where two of the claim's own dates or figures match (a paraphrase shares few words);
TWO_FIGURES_OVERLAP = 0.4
# A sentence holding this much of the claim, with every date and figure of it and the same
# polarity, restates it though the model leans (short of its contradiction threshold) the other way:
# its doubts about such close restatements are its name and title shortcuts. At 0.75 the rule
# began to support false claims on news_dev.
CLOSE_RESTATEMENT = 0.8
# the claim without its negation must be entailed this much more than the claim as written.
NEGATION_MARGIN = 0.3
# A source sentence with a "not" the claim lacks (decide.denied_by_source): read without the "not",
# the passage must entail the claim this strongly, and the sentence hold this much of the claim
# (facts.restate.denial_candidate). Measured on the dev sets with the shipped mpnet: at 0.8 the
# rule's catches were all contradictions; a supported claim's passage read 0.62, an unknown's 0.77.
DENIAL_ENTAIL = 0.85
DENIAL_OVERLAP = 0.5
# A contradiction the fact checks decide is stated with at least this confidence: the model may
# read the passage as unrelated (neutral 0.97 gives 1 - neutral = 0.03, "contradicted" at 3%),
# yet fact-decided contradictions were right 0.97-1.00 of the time on news_dev / news_dev2 /
# seed_dev, and 6 of the 7 such verdicts under 0.5 there were right. 0.75 stays well below that.
FACT_CONFLICT_CONFIDENCE = 0.75
# The cascade (verify.cascade): the accurate model re-scores a claim whose fact checks and fast
# scores disagree, and also (a band of -1 turns it off) when the fast model's best entailment is
# within CASCADE_SUPPORT_BAND of the support threshold, or any contradiction reaches the
# contradiction threshold less CASCADE_CONTRADICT_BAND. Wider bands re-score more claims: slower,
# closer to the accurate model alone. Off by measurement: with mpnet at about 9 pairs/s on 2 AVX2
# cores, every band re-scores too many Check-COVID claims to keep 8 claims/s (README, "Two models").
CASCADE_SUPPORT_BAND = -1.0
CASCADE_CONTRADICT_BAND = -1.0
# ... and has it score again the pairs a verdict turns on where the fast model alone would call the
# claim contradicted (no fact check behind it): a wrong "contradicted" costs most, and MiniLM's
# were wrong on 21 of 53 news_dev / news_dev2 claims. It costs Check-COVID dev about a fifth of its
# claims/s (README, "Re-checking the fast model's own contradictions"); False gives that back.
CASCADE_RECHECK_CONTRADICTIONS = True
# ... and, for a claim the fast model leaves unsettled whose most entailing passage leans somewhat
# to it (entailment at least SUPPORT_RECHECK_FLOOR) and holds at least SUPPORT_RECHECK_OVERLAP of
# its content words, has it score that one pair again: MiniLM leaves many plain restatements
# unsettled that mpnet reads as stated (one pair a claim; with every re-check, 38% of
# Check-COVID's claims have some pair re-scored).
CASCADE_RECHECK_SUPPORTS = True
SUPPORT_RECHECK_FLOOR = 0.25
SUPPORT_RECHECK_OVERLAP = 0.25
# ... and also the passage whose sentence holds the most of the claim (at least
# RESTATING_RECHECK_OVERLAP of its content words), however weakly MiniLM reads it: mpnet's reading of
# that pair counts only where it states the claim (entailment at least SUPPORT_THRESHOLD), never
# against it. Replayed on seed_dev, the three news dev sets and Check-COVID it made 19 verdicts right
# and 2 wrong (unknown claims supported), and called no true claim false (README, "Tenth pass").
RESTATING_RECHECK_OVERLAP = 0.4
# ... and every other passage of such a claim whose sentence holds at least RESTATED_OVERLAP of its
# content words and that MiniLM reads as entailing it at least RESTATED_FLOOR (the RESTATED_MOST it
# reads as most entailing), read the same way (support only): the passage that states the claim is
# often not the one sharing most words with it (overlapping passages tie; a paraphrase shares few).
# Replayed on the dev sets: news_dev3 +2.6, news_dev4 +2.6, news_dev5 +2.6, news_dev +0.6 points,
# no claim newly called contradicted; it re-reads about 0.5 more pairs a claim on Check-COVID (0.7
# without the cap, for the same verdicts), paid for by bf16 batches without dummy rows (README,
# "Issue 10's fifteenth pass").
RESTATED_OVERLAP = 0.3
RESTATED_FLOOR = 0.1
RESTATED_MOST = 2
# ... and (the same switch) where the fast model alone supports a claim (rule model_entailment)
# while a passage also reads against it with at least CONTESTED_ENTAILMENT contradiction, or the
# entailing sentence's polarity differs from the claim's (Alignment.polarity_differs), the
# entailing pair and those against: MiniLM entails antonyms, swapped roles ("upheld" for
# "overturned") and denials ("no further closures" for "more closures").
CONTESTED_ENTAILMENT = 0.7


def default_index_dir() -> Path | str:
    """$VERIFY_INDEX (a folder, or an engine URL kept as a string), else index/default."""
    from verify.store_api import index_location

    return index_location(os.environ.get(ENV_INDEX) or DEFAULT_INDEX)


def default_seeds_dir() -> Path:
    return Path(os.environ.get(ENV_SEEDS) or REPO_ROOT / "seeds")
