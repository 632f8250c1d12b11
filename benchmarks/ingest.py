"""Indexing large inputs (issue 11): one huge text file, or many small files, with the real embedder.

    python benchmarks/ingest.py --mb 20            # one 20 MB news-like text file
    python benchmarks/ingest.py --files 2000       # 2,000 small files
    python benchmarks/ingest.py --mb 20 --fake     # the same without the model (chunking, SQLite, FAISS only)

Prints seconds, passages, embedding calls (one pass in batches of store.EMBED_BATCH passages,
across files), the peak resident memory of the process and that memory less the process's
footprint before reading (the model loaded), so the cost of the input itself shows.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

SENTENCE = (
    "On {day} March the council of district {n} approved a budget of {amount} million euros for the "
    "harbour, the mayor said."
)


def write_corpus(folder: Path, megabytes: float, files: int) -> None:
    if files:
        for i in range(files):
            body = " ".join(SENTENCE.format(day=1 + i % 28, n=i, amount=i % 97 + j) for j in range(3))
            (folder / f"story-{i:05d}.txt").write_text(f"Story {i}\n{body}\n", encoding="utf-8")
        return
    target, i = int(megabytes * 1_000_000), 0
    with open(folder / "huge.txt", "w", encoding="utf-8") as out:
        written = 0
        while written < target:
            paragraph = " ".join(SENTENCE.format(day=1 + (i + j) % 28, n=i + j, amount=(i + j) % 97) for j in range(5))
            written += out.write(paragraph + "\n")
            i += 5


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=20.0, help="size of the one text file")
    parser.add_argument("--files", type=int, default=0, help="write this many small files instead")
    parser.add_argument("--fake", action="store_true", help="a hashing embedder instead of the model")
    args = parser.parse_args(argv)

    from verify.embed import SentenceTransformerEmbedder
    from verify.pipeline import Verifier
    from verify.store import STAGE_EMBED

    work = Path(tempfile.mkdtemp(prefix="verify-ingest-"))
    try:
        corpus = work / "corpus"
        corpus.mkdir()
        write_corpus(corpus, args.mb, args.files)
        size = sum(p.stat().st_size for p in corpus.iterdir())
        if args.fake:
            from fake_embedder import HashEmbedder

            embedder = HashEmbedder()
        else:
            embedder = SentenceTransformerEmbedder()
            embedder.embed(["warm up"])
        calls = {"n": 0}
        inner = embedder.embed

        def counted(texts: list[str]):  # type: ignore[no-untyped-def]
            calls["n"] += 1
            return inner(texts)

        embedder.embed = counted  # type: ignore[method-assign]
        verifier = Verifier(work / "idx", embed_model=embedder, nli_model="bundled", seeds_dir=None)
        baseline = peak_rss_mb()
        last = {"t": 0.0}
        stage_started: dict[str, float] = {}

        def progress(stage: str, done: int, total: int) -> None:
            stage_started.setdefault(stage, time.time())
            if time.time() - last["t"] > 30 or done == total:
                last["t"] = time.time()
                print(f"  {stage}: {done:,}/{total:,}", file=sys.stderr, flush=True)

        started = time.time()
        report = verifier.add_sources([corpus], progress=progress)
        seconds = time.time() - started
        figures = {
            "input_bytes": size,
            "files": args.files or 1,
            "passages": report.passages_embedded,
            "embedding_calls": calls["n"] - 0,
            "seconds": round(seconds, 1),
            # The fact layer's parse (spaCy) runs first, then the embedding: the split of the time.
            "facts_seconds": round(stage_started.get(STAGE_EMBED, started + seconds) - started, 1),
            "passages_per_s": round(report.passages_embedded / seconds, 1),
            "peak_rss_mb": round(peak_rss_mb()),
            "rss_before_reading_mb": round(baseline),
            "embedder": embedder.name,
        }
        print(json.dumps(figures, indent=2))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
