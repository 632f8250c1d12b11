"""Record what the verdict rules see once per model, then replay rules and cascades in seconds.

    python benchmarks/replay.py record --model fast --out index/.replay/fast.pkl --sets seed_dev,news_dev
    python benchmarks/replay.py record --model accurate --out index/.replay/accurate.pkl --sets seed_dev,news_dev
    python benchmarks/replay.py score --fast index/.replay/fast.pkl --accurate index/.replay/accurate.pkl
    python benchmarks/replay.py score --fast ... --accurate ... --realign --no-recheck --save a.json
    python benchmarks/replay.py score --fast ... --accurate ... --realign --diff a.json

`record` runs each set through the pipeline with one model and keeps, per claim, what
verify.decide.decide is given: the retrieved passages, the model's scores (and those of the claim
without its negation), the fact alignments and the claim's facts. A run of mpnet over the news
sets takes minutes; every later experiment on the rules reads the recording instead.

`score` replays each claim as the default cascade would decide it: the fast recording's scores,
with the accurate recording's wherever verify.cascade sends the claim (or some of its pairs) to the
accurate model, through the rules of the checked-out code. With `--realign` the claims' facts and
the alignments are computed again from the index (for changes to verify/facts), else the
recorded ones are used. It prints the benchmark's figures per set and, with `--diff`, each claim
whose label differs from a saved replay. The figures match `benchmarks/run.py`'s claim by claim
while the retrieval and the models are unchanged; they say nothing of speed. The recorded scores
are those of the claim as the pipeline restated it (verify/facts/restate.py): a change to the facts
that changes a restatement needs a new recording, which `--realign` alone does not give.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from datasets import LOADERS, REPO  # noqa: E402
from run import open_index  # noqa: E402

import verify.pipeline as pipeline  # noqa: E402
from verify.cascade import Band, CascadeNLI  # noqa: E402
from verify.config import CONTRADICT_THRESHOLD, SUPPORT_THRESHOLD  # noqa: E402
from verify.decide import decide, deciding_rule  # noqa: E402
from verify.evaluate import gold_label  # noqa: E402

LABELS = ("supported", "contradicted", "unknown")


def record(model: str, sets: list[str], out: Path, limit: int | None) -> None:
    """Run each set with `model`, keeping decide()'s inputs for every claim."""
    kept: list[dict[str, Any]] = []
    real_decide = pipeline.decide

    def keep(claim, hits, probs, alignments=None, affirmed=None, *args, **kwargs):  # type: ignore[no-untyped-def]
        facts = args[3] if len(args) > 3 else kwargs.get("claim_facts")
        kept.append(
            {
                "claim": claim,
                "hits": hits,
                "probs": probs.copy(),
                "alignments": alignments,
                "affirmed": None if affirmed is None else affirmed.copy(),
                "claim_facts": facts,
                "denied": kwargs.get("denied"),
            }
        )
        return real_decide(claim, hits, probs, alignments, affirmed, *args, **kwargs)

    pipeline.decide = keep  # type: ignore[assignment]
    recording: dict[str, list[dict[str, Any]]] = {}
    try:
        for name in sets:
            bench = LOADERS[name]()
            verifier = open_index(bench, 5, model)
            verifier.all_denials = True  # every candidate's denial scored; score() applies the condition
            kept.clear()
            list(verifier.verify_many(bench.claims[:limit] if limit else bench.claims))
            recording[name] = list(kept)
            print(f"{name}: {len(kept)} claims recorded", file=sys.stderr)
    finally:
        pipeline.decide = real_decide  # type: ignore[assignment]
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("wb") as f:
        pickle.dump(recording, f)


def realign(name: str, records: list[dict[str, Any]]) -> None:
    """The claims' facts and alignments as the checked-out verify/facts computes them."""
    from verify.facts.extract import claim_facts

    bench = LOADERS[name]()
    verifier = pipeline.Verifier(REPO / "index" / f"bench-{bench.corpus}", nli_model="fast", seeds_dir=None)
    facts = claim_facts([r["claim"].claim for r in records])
    sources = verifier._store.source_facts(sorted({h.passage.source_id for r in records for h in r["hits"]}))
    for r, f in zip(records, facts):
        r["claim_facts"] = f
        r["alignments"] = verifier._align(r["claim"].claim, f, r["hits"], sources)


class _Unused:
    name = "unused"

    def score(self, premises: list[str], hypotheses: list[str]) -> Any:
        raise AssertionError("a replay scores nothing")


def cascade_scores(fast: dict[str, Any], accurate: dict[str, Any], cascade: CascadeNLI) -> tuple[Any, Any, bool]:
    """One claim's scores as the cascade leaves them, and whether the accurate model looked at it:
    the pairs CascadeNLI.second_look names (as the pipeline scores them) take the recorded
    accurate scores."""
    probs, affirmed = fast["probs"].copy(), None if fast["affirmed"] is None else fast["affirmed"].copy()
    look = cascade.second_look(
        probs,
        fast["alignments"],
        SUPPORT_THRESHOLD,
        CONTRADICT_THRESHOLD,
        affirmed,
        lambda: _rule(fast, probs, affirmed),
    )
    if look.whole:
        return accurate["probs"], accurate["affirmed"], True
    probs[look.rows] = accurate["probs"][look.rows]
    if look.restating:
        probs[look.restating] = cascade.stated(
            probs[look.restating], accurate["probs"][look.restating], SUPPORT_THRESHOLD
        )
    if affirmed is not None and look.affirmed:
        affirmed[look.affirmed] = accurate["affirmed"][look.affirmed]
    return probs, affirmed, bool(look)


def replayed_denial(fast: dict[str, Any], accurate: dict[str, Any], probs: Any, affirmed: Any) -> Any:
    """The denial decide.denied_by_source reads, as the cascade pipeline asks it: the accurate
    recording's, for a claim no rule decides on the replayed scores, where the recorded candidate is
    the passage verify.facts.restate.denial_candidate names with the checked-out alignments (a
    recording older than the denials has none)."""
    from verify.decide import not_settled
    from verify.facts.restate import denial_candidate

    recorded = accurate.get("denied")
    if recorded is None or fast["alignments"] is None:
        return None
    candidate = denial_candidate(
        fast["claim"].claim, [(h.passage.text, h.passage.start) for h in fast["hits"]], fast["alignments"]
    )
    if candidate is None or candidate[0] != recorded[0]:
        return None
    return recorded if _rule(fast, probs, affirmed) == not_settled.__name__ else None


def _rule(record: dict[str, Any], probs: Any, affirmed: Any) -> str:
    """The rule deciding a recorded claim on these scores."""
    return deciding_rule(
        record["claim"],
        record["hits"],
        probs,
        record["alignments"],
        affirmed,
        SUPPORT_THRESHOLD,
        CONTRADICT_THRESHOLD,
        record["claim_facts"],
    )


def score(args: argparse.Namespace) -> None:
    with args.fast.open("rb") as f:
        fast = pickle.load(f)
    with args.accurate.open("rb") as f:
        accurate = pickle.load(f)
    band = Band(contradictions=not args.no_recheck, supports=not args.no_support_recheck)
    cascade = CascadeNLI(_Unused(), _Unused(), band)  # type: ignore[arg-type]
    before = json.loads(args.diff.read_text()) if args.diff else {}
    labels: dict[str, str] = {}
    for name, records in fast.items():
        if name not in accurate:
            continue
        if args.realign:
            realign(name, records)
        by_id = {r["claim"].id: r for r in accurate[name]}
        confusion: Counter[tuple[str, str]] = Counter()
        looked = 0
        for r in records:
            probs, affirmed, rescored = cascade_scores(r, by_id[r["claim"].id], cascade)
            looked += rescored
            denied = replayed_denial(r, by_id[r["claim"].id], probs, affirmed)
            verdict = decide(
                r["claim"], r["hits"], probs, r["alignments"], affirmed, claim_facts=r["claim_facts"], denied=denied
            )
            gold = gold_label(r["claim"].extra.get("label"))
            confusion[(gold.value if gold else "unknown", verdict.label.value)] += 1
            labels[r["claim"].id] = verdict.label.value
            if before.get(r["claim"].id, verdict.label.value) != verdict.label.value:
                print(f"  {r['claim'].id}: {before[r['claim'].id]} -> {verdict.label.value} | {r['claim'].claim}")
        print(f"{name}: {_figures(confusion)}, re-scored {looked / max(len(records), 1):.1%}")
    if args.save:
        args.save.write_text(json.dumps(labels), encoding="utf-8")


def _figures(confusion: Counter[tuple[str, str]]) -> str:
    total = sum(confusion.values())
    f1 = []
    for label in LABELS:
        hit = confusion[(label, label)]
        called = sum(confusion[(g, label)] for g in LABELS)
        gold = sum(confusion[(label, c)] for c in LABELS)
        precision, recall = hit / called if called else 0.0, hit / gold if gold else 0.0
        f1.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
    said_false = sum(confusion[(g, "contradicted")] for g in LABELS)
    supported = sum(confusion[("supported", c)] for c in LABELS)
    accuracy = sum(confusion[(label, label)] for label in LABELS) / max(total, 1)
    c_precision = confusion[("contradicted", "contradicted")] / said_false if said_false else float("nan")
    sup_as_c = confusion[("supported", "contradicted")] / max(supported, 1)
    return (
        f"accuracy {accuracy:.3f}, macro-F1 {sum(f1) / 3:.3f}, contradicted precision {c_precision:.3f}, "
        f"supported called contradicted {sup_as_c:.1%}"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    rec = commands.add_parser("record", help="run the sets with one model and keep what the rules see")
    rec.add_argument("--model", required=True, help="fast, accurate, or any --model value")
    rec.add_argument("--out", type=Path, required=True)
    rec.add_argument("--sets", default="seed_dev,news_dev,news_dev2,check-covid")
    rec.add_argument("--limit", type=int, help="the first N claims of each set")
    rep = commands.add_parser("score", help="replay the default cascade over two recordings")
    rep.add_argument("--fast", type=Path, required=True)
    rep.add_argument("--accurate", type=Path, required=True)
    rep.add_argument("--realign", action="store_true", help="recompute facts and alignments with this code")
    rep.add_argument("--no-recheck", action="store_true", help="leave the fast model's own contradictions alone")
    rep.add_argument("--no-support-recheck", action="store_true", help="leave the unsettled claims alone")
    rep.add_argument("--save", type=Path, help="write each claim's label here (JSON)")
    rep.add_argument("--diff", type=Path, help="print the claims whose label differs from this saved replay")
    args = parser.parse_args(argv)
    if args.command == "record":
        unknown = [n for n in args.sets.split(",") if n not in LOADERS]
        if unknown:
            parser.error(f"unknown set(s) {', '.join(unknown)}; choose from {', '.join(LOADERS)}")
        record(args.model, args.sets.split(","), args.out, args.limit)
    else:
        score(args)


if __name__ == "__main__":
    main()
