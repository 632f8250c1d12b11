"""End-to-end benchmark: index each evidence corpus, verify every claim, print the figures.

    python benchmarks/run.py                       # all sets
    python benchmarks/run.py --sets seed_dev,check-covid --top-k 5 --json results.json

Per set: accuracy, macro-F1, per-label recall, expected calibration error (10 bins) of the raw
confidences (ece) and of 5-fold cross-fitted in-domain calibration (ece_cv), evidence recall (a
retrieved passage holds a gold evidence sentence), and claims/s for retrieval + NLI + checks (index
building and model loading excluded). Then the perturbation suite: every supported claim of
claims/seed_dev.jsonl with its date, number, name or polarity changed must come out `contradicted`.
Indexes are cached in index/bench-<set>/. --json also keeps every verdict (id, gold, label,
confidence).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from datasets import LOADERS, REPO, Benchmark  # noqa: E402
from perturb import PERTURBATIONS  # noqa: E402

from verify.calibrate import Calibrator, cross_fitted, expected_calibration_error  # noqa: E402
from verify.cascade import CascadeNLI  # noqa: E402
from verify.config import DEFAULT_NLI  # noqa: E402
from verify.evaluate import LABEL_ORDER, gold_label, score  # noqa: E402
from verify.pipeline import Verifier  # noqa: E402
from verify.premise import ENV_PREMISE, parse_override  # noqa: E402
from verify.schema import Claim, Label, Verdict  # noqa: E402


def _normal(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().lower()


def is_correct(verdict: Verdict) -> bool:
    return verdict.label is gold_label((verdict.model_extra or {}).get("input_label"))


def calibration_figures(verdicts: list[Verdict], calibration: str | None) -> dict[str, float]:
    """ECE of the raw confidences; of 5-fold cross-fitted in-domain curves (each claim calibrated by
    curves fitted on the other 80% of its set: what a newsroom gets from calibrating on its own
    labelled claims); and, with --calibration, of those curves applied as they are."""
    labels = [v.label.value for v in verdicts]
    raw = [v.confidence for v in verdicts]
    correct = [is_correct(v) for v in verdicts]
    figures = {
        "ece": expected_calibration_error(raw, correct),
        "ece_cv": expected_calibration_error(cross_fitted(labels, raw, correct), correct),
    }
    if calibration:
        curves = Calibrator.load(Path(calibration))
        figures["ece_cal"] = expected_calibration_error([curves(lab, c) for lab, c in zip(labels, raw)], correct)
    return figures


def evidence_recall(verdicts: list[Verdict]) -> float | None:
    hits = checked = 0
    for v in verdicts:
        extra = v.model_extra or {}
        gold = [_normal(t) for t in extra.get("gold_text") or [] if t.strip()]
        if not gold:
            continue
        checked += 1
        cited = [_normal(e.text) for e in v.evidence]
        hits += any(g in c or c in g for g in gold for c in cited)
    return hits / checked if checked else None


def open_index(bench: Benchmark, top_k: int, model: str) -> Verifier:
    """A verifier over the set's evidence corpus (indexed once, cached), with raw confidences."""
    verifier = Verifier(
        REPO / "index" / f"bench-{bench.corpus}",
        nli_model=model,
        top_k=top_k,
        max_evidence=top_k,
        seeds_dir=None,
    )
    started = time.time()
    report = verifier.add(*bench.sources)
    if report.passages_embedded:
        print(
            f"  indexed {len(bench.sources)} sources ({report.passages_embedded} passages) "
            f"in {time.time() - started:.0f}s",
            file=sys.stderr,
        )
    return verifier


def run_set(
    bench: Benchmark, top_k: int, model: str, limit: int | None, calibration: str | None = None
) -> tuple[dict[str, Any], Verifier]:
    verifier = open_index(bench, top_k, model)
    claims = bench.claims[:limit] if limit else bench.claims
    verifier.verify(claims[0])  # load the models before timing
    cascade = verifier.nli if isinstance(verifier.nli, CascadeNLI) else None
    if cascade is not None:
        cascade.accurate.score(["warm-up"], ["warm-up"])  # its load is not timed either
        cascade.rescored_claims = cascade.claims_seen = 0
    started = time.time()
    verdicts = list(verifier.verify_many(claims))
    elapsed = time.time() - started
    report = score(verdicts)
    gold = [_gold(v) for v in verdicts]
    called = [v.label.value for v in verdicts]
    said_false = [g for g, c in zip(gold, called) if c == "contradicted"]
    by_fact = [v for v in verdicts if v.label is Label.CONTRADICTED and any(not f.agrees for f in v.findings)]
    figures = {
        "claims": len(claims),
        "accuracy": report.accuracy,
        "macro_f1": report.macro_f1,
        **{f"recall_{label.value}": report.recall(label) for label in LABEL_ORDER},
        # What matters most: how often "contradicted" is right, and how often true copy is called false.
        "precision_contradicted": said_false.count("contradicted") / len(said_false) if said_false else None,
        "supported_as_contradicted": sum(g == "supported" and c == "contradicted" for g, c in zip(gold, called))
        / max(gold.count("supported"), 1),
        "fact_contradictions_right": (
            sum(_gold(v) == "contradicted" for v in by_fact) / len(by_fact) if by_fact else None
        ),
        "by_tag": _by_tag(verdicts),
        **calibration_figures(verdicts, calibration),
        "evidence_recall": evidence_recall(verdicts),
        "claims_per_s": len(claims) / elapsed,
        # The cascade's share of claims the accurate model scored again.
        "rescored": cascade.rescored_claims / max(cascade.claims_seen, 1) if cascade else None,
        "confusion": report.confusion,
        "verdicts": [[v.id, (v.model_extra or {}).get("input_label"), v.label.value, v.confidence] for v in verdicts],
    }
    return figures, verifier


def _gold(verdict: Verdict) -> str | None:
    """The gold label as supported / contradicted / unknown (FEVER-style labels understood)."""
    label = gold_label((verdict.model_extra or {}).get("input_label"))
    return label.value if label is not None else None


def _by_tag(verdicts: list[Verdict]) -> dict[str, dict[str, float]]:
    """Accuracy per tag of a tagged set (the news sets: paraphrase, exact-date, count, ...)."""
    tags: dict[str, list[bool]] = {}
    for v in verdicts:
        extra = v.model_extra or {}
        for tag in extra.get("tags") or []:
            tags.setdefault(tag, []).append(_gold(v) == v.label.value)
    return {t: {"n": len(oks), "accuracy": sum(oks) / len(oks)} for t, oks in sorted(tags.items())}


def perturbation_suite(verifier: Verifier) -> dict[str, Any]:
    supported = [c for c in LOADERS["seed_dev"]().claims if (c.model_extra or {}).get("label") == "supported"]
    perturbed: list[tuple[str, Claim]] = []
    for claim in supported:
        for kind, change in PERTURBATIONS.items():
            text = change(claim.claim)
            if text:
                perturbed.append((kind, Claim(id=f"{claim.id}-{kind}", claim=text)))
    verdicts = list(verifier.verify_many([c for _, c in perturbed]))
    by_kind: dict[str, list[bool]] = {}
    misses = []
    for (kind, claim), verdict in zip(perturbed, verdicts):
        ok = verdict.label is Label.CONTRADICTED
        by_kind.setdefault(kind, []).append(ok)
        if not ok:
            misses.append(f"{claim.id} [{verdict.label.value}] {claim.claim}")
    total = [ok for oks in by_kind.values() for ok in oks]
    return {
        "perturbed": len(total),
        "contradicted_rate": sum(total) / len(total),
        "by_kind": {k: {"n": len(v), "rate": sum(v) / len(v)} for k, v in by_kind.items()},
        "misses": misses,
    }


def fmt(value: Any) -> str:
    return "-" if value is None else f"{value:.3f}" if isinstance(value, float) else str(value)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sets", default=",".join(LOADERS), help=f"comma-separated, from {', '.join(LOADERS)}")
    parser.add_argument("--top-k", type=int, default=5)
    parser.add_argument(
        "--model", default=DEFAULT_NLI, help="as verify --model (fast, accurate, cascade, bundled:int8, ...)"
    )
    parser.add_argument("--limit", type=int, help="verify at most this many claims per set")
    parser.add_argument(
        "--calibration", help="also report the ECE with these curves applied (a file, or 'check-covid')"
    )
    parser.add_argument("--json", type=Path, help="also write all figures here")
    parser.add_argument(
        "--premise",
        help="force the NLI premise format instead of the model card's: plain, title or title,dateline "
        f"(sets ${ENV_PREMISE}; see verify/premise.py)",
    )
    args = parser.parse_args(argv)
    if args.premise:
        parse_override(args.premise)  # a clear error before any index is built
        os.environ[ENV_PREMISE] = args.premise

    results: dict[str, Any] = {
        "top_k": args.top_k,
        "model": args.model,
        "calibration": args.calibration,
        "premise": args.premise or "model card",
        "sets": {},
    }
    columns = [
        "claims",
        "accuracy",
        "macro_f1",
        "recall_supported",
        "recall_contradicted",
        "recall_unknown",
        "precision_contradicted",
        "supported_as_contradicted",
        "fact_contradictions_right",
        "ece",
        "ece_cv",
        *(["ece_cal"] if args.calibration else []),
        "evidence_recall",
        "claims_per_s",
        *(["rescored"] if args.model.startswith("cascade") else []),
    ]
    for name in args.sets.split(","):
        print(f"{name}: loading", file=sys.stderr)
        figures, verifier = run_set(LOADERS[name](), args.top_k, args.model, args.limit, args.calibration)
        results["sets"][name] = figures
        if name == "seed_dev":
            results["perturbation"] = perturbation_suite(verifier)
    print("| set | " + " | ".join(columns) + " |")
    print("|---" * (len(columns) + 1) + "|")
    for name, figures in results["sets"].items():
        print(f"| {name} | " + " | ".join(fmt(figures[c]) for c in columns) + " |")
    for name, figures in results["sets"].items():
        if figures["by_tag"]:
            tags = ", ".join(f"{t} {v['accuracy']:.2f} (n={v['n']})" for t, v in figures["by_tag"].items())
            print(f"\n{name} accuracy by tag: {tags}")
    if "perturbation" in results:
        p = results["perturbation"]
        kinds = ", ".join(f"{k} {v['rate']:.2f} (n={v['n']})" for k, v in p["by_kind"].items())
        print(f"\nperturbation suite: {p['contradicted_rate']:.3f} of {p['perturbed']} contradicted ({kinds})")
        for miss in p["misses"]:
            print(f"  missed: {miss}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
