"""Loaders for the labelled benchmark sets in ../shared/bench and the seed dev claims.

Each loader returns a Benchmark: the evidence corpus as Sources and the claims as Claims whose
extra fields carry the gold `label` and gold evidence (`gold_sources`, `gold_text`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from verify.schema import Claim, Source
from verify.sources import make_source, read_sources
from verify.train.bench_pairs import in_calibration_split
from verify.train.data import read_jsonl

REPO = Path(__file__).resolve().parents[1]
BENCH = REPO.parent / "shared" / "bench"


@dataclass
class Benchmark:
    name: str
    sources: list[Source]
    claims: list[Claim]
    corpus: str = ""  # index name; sets over the same corpus share one index

    def __post_init__(self) -> None:
        self.corpus = self.corpus or self.name


def _abstract_source(doc_id: str, title: str, sentences: list[str]) -> Source:
    # One sentence a line, so the splitter never joins two abstract sentences.
    return make_source("\n".join([title, *sentences]), {"id": doc_id, "title": title}, doc_id, None)


def seed_dev() -> Benchmark:
    claims = []
    for row in read_jsonl(REPO / "claims" / "seed_dev.jsonl"):
        gold = [row["evidence"]] if row.get("evidence") else []
        claims.append(Claim(id=row["id"], claim=row["claim"], label=row["label"], gold_text=gold, kind=row.get("kind")))
    return Benchmark("seed_dev", read_sources(REPO / "seeds"), claims)


def _news(split: str, folder: str = "news") -> Benchmark:
    """Hand-written news claims over the articles in claims/news/ (tagged by what they test).
    news_dev is for tuning; news_dev2 (other articles) is a second tuning set, for checking that a
    change tuned on news_dev carries over; news_test is held out: report it, never tune on it.
    All three retrieve from every article in claims/news/ (one shared index, bench-news), so the
    other sets' articles are distractors for each. A set over another folder of articles
    (`folder`) has an index of its own."""
    claims = []
    for row in read_jsonl(REPO / "claims" / f"news_{split}.jsonl"):
        gold = [row["evidence"]] if row.get("evidence") else []
        extra = {"gold_text": gold, "tags": row.get("tags", []), "gold_sources": [row["source"]]}
        claims.append(Claim(id=row["id"], claim=row["claim"], label=row["label"], **extra))
    return Benchmark(f"news_{split}", read_sources(REPO / "claims" / folder), claims, corpus=folder)


def news_dev() -> Benchmark:
    return _news("dev")


def news_dev2() -> Benchmark:
    return _news("dev2")


def news_test() -> Benchmark:
    return _news("test")


def news_dev3() -> Benchmark:
    """A third tuning set over six other articles (claims/news3/, its own index, bench-news3),
    written by someone who had not read the code: a fresh look at what it still gets wrong."""
    return _news("dev3", "news3")


def news_test2() -> Benchmark:
    """A second held-out set over five other articles (claims/news4/, its own index, bench-news4),
    written by someone who had not read the code: report it, never tune on it."""
    return _news("test2", "news4")


def news_dev4() -> Benchmark:
    """A fourth tuning set over six other articles (claims/news5/, its own index, bench-news5),
    written by someone who had not read the code, and first run before any change tuned on it."""
    return _news("dev4", "news5")


def news_dev5() -> Benchmark:
    """A fifth set over six other articles (claims/news6/, its own index, bench-news6), written by
    someone who had not read the code; run first to measure a pass's changes on articles it never
    saw (before and after), then a tuning set."""
    return _news("dev5", "news6")


def news_dev6() -> Benchmark:
    """A sixth set over six other articles (claims/news7/, its own index, bench-news7), written by
    someone who had not read the code; run first to measure a pass's changes on articles it never
    saw (before and after), then a tuning set."""
    return _news("dev6", "news7")


def news_dev7() -> Benchmark:
    """A seventh set over six other articles (claims/news8/, its own index, bench-news8), written by
    someone who had not read the code; run first to measure a pass's changes on articles it never
    saw (before and after), then a tuning set."""
    return _news("dev7", "news8")


def news_dev8() -> Benchmark:
    """An eighth set over six other articles (claims/news9/, its own index, bench-news9), written by
    someone who had not read the code; run first to measure a pass's changes on articles it never
    saw, then a tuning set."""
    return _news("dev8", "news9")


def news_dev9() -> Benchmark:
    """A ninth set over six other articles (claims/news10/, its own index, bench-news10), written by
    someone who had not read the code; run first to measure a pass's changes on articles it never
    saw, then a tuning set."""
    return _news("dev9", "news10")


def news_dev10() -> Benchmark:
    """A tenth set over six other articles (claims/news11/, its own index, bench-news11), written by
    someone who had not read the code; run first to measure a pass's changes on articles it never
    saw, then a tuning set."""
    return _news("dev10", "news11")


def news_dev11() -> Benchmark:
    """An eleventh set over six other articles (claims/news12/, its own index, bench-news12), written
    by someone who had not read the code; run first to measure a pass's changes on articles it never
    saw, then a tuning set."""
    return _news("dev11", "news12")


def news_dev12() -> Benchmark:
    """A twelfth set over six other articles (claims/news13/, its own index, bench-news13), written
    by someone who had not read the code; run first to measure a pass's changes on articles it never
    saw, then a tuning set."""
    return _news("dev12", "news13")


def news_dev13() -> Benchmark:
    """A thirteenth set over six other articles (claims/news14/, its own index, bench-news14), written
    by someone who had not read the code; run first to measure a pass's changes on articles it never
    saw, then a tuning set."""
    return _news("dev13", "news14")


def news_dev14() -> Benchmark:
    """A fourteenth set over six other articles (claims/news15/, its own index, bench-news15), written
    by someone who had not read the code or the earlier sets; run at a pass's base and its end only,
    never looked into."""
    return _news("dev14", "news15")


def news_dev15() -> Benchmark:
    """A fifteenth set over six other articles (claims/news16/, its own index, bench-news16), written
    by someone who had not read the code or the earlier sets; run at a pass's base and its end only,
    never looked into."""
    return _news("dev15", "news16")


def news_dev16() -> Benchmark:
    """A sixteenth set over six other articles (claims/news17/, its own index, bench-news17), written
    by someone who had not read the code or the earlier sets; run at a pass's base and its end only,
    never looked into."""
    return _news("dev16", "news17")


def news_dev17() -> Benchmark:
    """A seventeenth set over six other articles (claims/news18/, its own index, bench-news18),
    written by someone who had not read the code or the earlier sets; run at a pass's base and its
    end only, never looked into."""
    return _news("dev17", "news18")


def news_dev18() -> Benchmark:
    """An eighteenth set over six other articles (claims/news19/, its own index, bench-news19),
    written by someone who had not read the code or the earlier sets; run at a pass's base and its
    end only, never looked into."""
    return _news("dev18", "news19")


def news_dev19() -> Benchmark:
    """A nineteenth set over six other articles (claims/news20/, its own index, bench-news20),
    written by someone who had not read the code or the earlier sets; run at a pass's base and its
    end only, never looked into."""
    return _news("dev19", "news20")


def climate_fever() -> Benchmark:
    """Climate-FEVER without DISPUTED; every evidence sentence is a source of its own."""
    sources: dict[str, Source] = {}
    claims = []
    for row in read_jsonl(BENCH / "climate-fever" / "climate-fever.jsonl"):
        for ev in row["evidences"]:
            if ev["evidence_id"] not in sources:
                sources[ev["evidence_id"]] = make_source(
                    ev["evidence"], {"id": ev["evidence_id"], "title": ev["article"]}, ev["evidence_id"], None
                )
        if row["claim_label"] == "DISPUTED":
            continue
        gold = [ev["evidence"] for ev in row["evidences"] if ev["evidence_label"] == row["claim_label"]]
        claims.append(Claim(id=row["claim_id"], claim=row["claim"], label=row["claim_label"], gold_text=gold))
    return Benchmark("climate-fever", list(sources.values()), claims)


def scifact() -> Benchmark:
    """SciFact dev claims against the full 5,183-abstract corpus."""
    sources = [
        _abstract_source(str(d["doc_id"]), d["title"], d["abstract"])
        for d in read_jsonl(BENCH / "scifact" / "corpus.jsonl")
    ]
    abstracts = {s.id: s.text.split("\n")[1:] for s in sources}
    claims = []
    for row in read_jsonl(BENCH / "scifact" / "claims_dev.jsonl"):
        labels = {r["label"] for rs in row["evidence"].values() for r in rs}
        label = labels.pop() if labels else "NOT_ENOUGH_INFO"
        gold = [abstracts[d][i] for d, rs in row["evidence"].items() for r in rs for i in r["sentences"]]
        claims.append(
            Claim(
                id=str(row["id"]), claim=row["claim"], label=label, gold_text=gold, gold_sources=list(row["evidence"])
            )
        )
    return Benchmark("scifact", sources, claims)


def check_covid(calibration: bool = False) -> Benchmark:
    """Check-COVID dev claims against its 347-abstract corpus; with `calibration`, instead the part
    of the train split the bundled model never trained on (verify.train.bench_pairs)."""
    split = "train" if calibration else "dev"
    folder = BENCH / "check-covid"
    corpus = {d["cord_id"]: d for d in read_jsonl(folder / "corpus.json")}
    sources = [_abstract_source(c, d["title"], d["abstract"]) for c, d in corpus.items()]
    claims = []
    for row in read_jsonl(folder / split / f"covidCheck_{split}_composed+extracted.json"):
        if calibration and not in_calibration_split(row["claim"]):
            continue
        label = {"SUPPORT": "supported", "REFUTE": "contradicted", "NOTENOUGHINFO": "unknown"}[row["label"]]
        abstract = corpus[row["cord_id"]]["abstract"]
        gold = (
            [abstract[e["sent_index"]] for e in row["evidence_set"] if e["type"] == "PRIMARY"]
            if label != "unknown"
            else []
        )
        claims.append(
            Claim(id=row["id"], claim=row["claim"], label=label, gold_text=gold, gold_sources=[row["cord_id"]])
        )
    return Benchmark("check-covid-calibration" if calibration else "check-covid", sources, claims, corpus="check-covid")


LOADERS = {
    "seed_dev": seed_dev,
    "news_dev": news_dev,
    "news_dev2": news_dev2,
    "news_test": news_test,
    "news_dev3": news_dev3,
    "news_test2": news_test2,
    "news_dev4": news_dev4,
    "news_dev5": news_dev5,
    "news_dev6": news_dev6,
    "news_dev7": news_dev7,
    "news_dev8": news_dev8,
    "news_dev9": news_dev9,
    "news_dev10": news_dev10,
    "news_dev11": news_dev11,
    "news_dev12": news_dev12,
    "news_dev13": news_dev13,
    "news_dev14": news_dev14,
    "news_dev15": news_dev15,
    "news_dev16": news_dev16,
    "news_dev17": news_dev17,
    "news_dev18": news_dev18,
    "news_dev19": news_dev19,
    "check-covid": check_covid,
    "scifact": scifact,
    "climate-fever": climate_fever,
}
# Labelled data that calibration may be fitted on: never the evaluation sets above, never what the
# bundled model trained on (so not FM2, whose pairs and sentences are in its training data).
CALIBRATION_LOADERS = {"check-covid-calibration": lambda: check_covid(calibration=True)}
