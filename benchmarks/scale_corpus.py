"""The synthetic 1M-passage corpus of the scale benchmark: real text, recombined; vectors near real embeddings.

Text: the evidence corpora of ../shared/bench (SciFact, Check-COVID, Climate-FEVER, FM2) are cut
into passages as verify cuts them (verify.chunk). Those passages come first, verbatim; every
further passage is a fresh mix of sentences drawn at random from the whole pool, as many as a real
passage holds. So the vocabulary and the term frequencies are those of real text, yet no passage
repeats another (a verbatim repeat would put ties at the top of every BM25 ranking).

Vectors: 384-d like the default embedder. A sample of real passages is embedded with the real
model (all-MiniLM-L6-v2); each of the N vectors is one of those anchors plus Gaussian noise of the
same norm, normalised (cosine about 0.7 to its anchor): clusters like a real archive's, where
random vectors would have none (and would make HNSW and IVF look worse than they are).
Queries: real claims from the bench sets, embedded with the same model.
Everything is cached under the cache folder, so a rerun skips the building.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from verify.chunk import make_passages, split_sentences

BENCH = Path(__file__).resolve().parents[2] / "shared" / "bench"
DIMENSION = 384
ANCHORS = 4096  # real passages embedded with the model; every vector is drawn around one of them
QUERY_SETS = ("scifact", "check-covid", "climate-fever", "fm2")
SEED = 13


@dataclass(frozen=True)
class Corpus:
    folder: Path
    size: int

    @property
    def texts_file(self) -> Path:
        return self.folder / "passages.jsonl"  # one JSON string a line; rowid = line number + 1

    @property
    def vectors_file(self) -> Path:
        return self.folder / "vectors.npy"

    def texts(self) -> Iterator[tuple[int, str]]:
        with open(self.texts_file, encoding="utf-8") as lines:
            for rowid, line in enumerate(lines, start=1):
                yield rowid, json.loads(line)

    def vectors(self) -> np.ndarray:
        return np.load(self.vectors_file, mmap_mode="r")


def _read_jsonl(path: Path) -> Iterator[dict]:  # type: ignore[type-arg]
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                yield json.loads(line)


def evidence_texts() -> Iterator[str]:
    """Every evidence document of the bench corpora, as one text."""
    for row in _read_jsonl(BENCH / "scifact" / "corpus.jsonl"):
        yield "\n".join([row["title"], *row["abstract"]])
    for row in _read_jsonl(BENCH / "check-covid" / "corpus.json"):
        yield "\n".join([row["title"], *row["abstract"]])
    seen: set[str] = set()
    for row in _read_jsonl(BENCH / "climate-fever" / "climate-fever.jsonl"):
        for ev in row["evidences"]:
            if ev["evidence"] not in seen:
                seen.add(ev["evidence"])
                yield ev["evidence"]
    for row in _read_jsonl(BENCH / "fm2" / "dev.jsonl"):
        sentences = [e["text"] for e in row["gold_evidence"] + row["retrieved_evidence"]]
        yield "\n".join(s for s in sentences if s not in seen)
        seen.update(sentences)


def claims(count: int) -> list[str]:
    """`count` real claims, taken in turn from each bench set (a fixed random sample of each)."""
    per_set: list[list[str]] = [
        [r["claim"] for r in _read_jsonl(BENCH / "scifact" / "claims_dev.jsonl")],
        [r["claim"] for r in _read_jsonl(BENCH / "check-covid" / "dev" / "covidCheck_dev_composed+extracted.json")],
        [r["claim"] for r in _read_jsonl(BENCH / "climate-fever" / "climate-fever.jsonl")],
        [r["text"] for r in _read_jsonl(BENCH / "fm2" / "dev.jsonl")],  # FM2 calls the claim "text"
    ]
    rng = np.random.default_rng(SEED)
    shuffled = [[s[i] for i in rng.permutation(len(s))] for s in per_set]
    picked: list[str] = []
    for i in range(count):
        pool = shuffled[i % len(shuffled)]
        picked.append(pool[(i // len(shuffled)) % len(pool)])
    return picked


def base_passages() -> list[str]:
    return [p.text for n, text in enumerate(evidence_texts()) for p in make_passages(text, f"doc{n}")]


def write_texts(path: Path, size: int) -> int:
    """The corpus text: the real passages, then sentence mixes; returns how many were real."""
    base = base_passages()
    counts = [len(split_sentences(p)) or 1 for p in base]
    sentences = [p[a:b] for p in base for a, b in split_sentences(p)]
    rng = np.random.default_rng(SEED)
    tmp = path.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8") as out:
        for text in base[:size]:
            out.write(json.dumps(text) + "\n")
        left = size - min(size, len(base))
        while left > 0:
            chunk = min(left, 100_000)
            lengths = rng.choice(counts, size=chunk)
            picks = rng.integers(0, len(sentences), size=int(lengths.sum()))
            at = 0
            for n in lengths:
                out.write(json.dumps(" ".join(sentences[i] for i in picks[at : at + n])) + "\n")
                at += n
            left -= chunk
    tmp.rename(path)
    return min(size, len(base))


def embed_real(texts: list[str]) -> tuple[np.ndarray, float]:
    """Embed with verify's default embedder; returns the vectors and texts per second."""
    from verify.embed import SentenceTransformerEmbedder

    embedder = SentenceTransformerEmbedder()
    embedder.embed(texts[:8])  # load and warm the model outside the timing
    began = time.perf_counter()
    vectors = np.asarray(embedder.embed(texts), dtype=np.float32)
    return vectors, len(texts) / (time.perf_counter() - began)


def write_vectors(path: Path, anchors: np.ndarray, size: int) -> None:
    rng = np.random.default_rng(SEED + 1)
    tmp = path.with_name("vectors.tmp.npy")
    out = np.lib.format.open_memmap(tmp, mode="w+", dtype=np.float32, shape=(size, DIMENSION))
    for start in range(0, size, 100_000):
        n = min(100_000, size - start)
        noise = rng.standard_normal((n, DIMENSION), dtype=np.float32) / np.sqrt(DIMENSION)
        rows = anchors[rng.integers(0, len(anchors), size=n)] + noise
        out[start : start + n] = rows / np.linalg.norm(rows, axis=1, keepdims=True)
    out.flush()
    del out
    tmp.rename(path)


def build(folder: Path, size: int, queries: int, log: dict) -> tuple[Corpus, list[str], np.ndarray]:  # type: ignore[type-arg]
    """The corpus of `size` passages in `folder` (built once), the query claims and their vectors.
    Fills `log` with what building measured (embedding speed of passages and of claims)."""
    folder.mkdir(parents=True, exist_ok=True)
    corpus = Corpus(folder, size)
    info_file = folder / "corpus.json"
    info = json.loads(info_file.read_text()) if info_file.exists() else {}
    if not corpus.texts_file.exists():
        began = time.perf_counter()
        info["real_passages"] = write_texts(corpus.texts_file, size)
        info["text_build_s"] = round(time.perf_counter() - began, 1)
    anchors_file = folder.parent / "anchors.npy"
    if not anchors_file.exists():
        base = base_passages()
        pick = np.random.default_rng(SEED).choice(len(base), size=min(ANCHORS, len(base)), replace=False)
        anchors, rate = embed_real([base[i] for i in sorted(pick)])
        np.save(anchors_file, anchors)
        (folder.parent / "embed_speed.json").write_text(json.dumps({"passages_per_s": round(rate, 1)}))
    if not corpus.vectors_file.exists():
        write_vectors(corpus.vectors_file, np.load(anchors_file), size)
    query_file = folder.parent / f"queries-{queries}.npy"
    texts = claims(queries)
    if not query_file.exists():
        vectors, rate = embed_real(texts)
        np.save(query_file, vectors)
        (folder.parent / f"queries-{queries}.json").write_text(json.dumps({"claims_per_s": round(rate, 1)}))
    info_file.write_text(json.dumps(info))
    log.update(info)
    log.update(json.loads((folder.parent / "embed_speed.json").read_text()))
    log.update(json.loads((folder.parent / f"queries-{queries}.json").read_text()))
    return corpus, texts, np.load(query_file)
