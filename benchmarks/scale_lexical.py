"""Full-text (BM25) engines of the scale benchmark: SQLite FTS5 as verify uses it, tantivy and bm25s.

Each engine builds once into the cache folder and answers `search(claim, depth)` with passage
rowids, best first. Every engine is given the claim as verify's store receives it (the claim text);
FTS5 turns it into a query exactly as verify.store.IndexStore.bm25_search does (an OR of every
distinct word of two characters or more), or in a variant named by `fts5_query`.
"""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.scale_corpus import Corpus

BATCH = 20_000  # rows per insert batch


def claim_terms(query: str) -> list[str]:
    """The words verify's BM25 query is made of (verify.store.IndexStore.bm25_search)."""
    return list(dict.fromkeys(t for t in re.findall(r"\w+", query.lower()) if len(t) > 1))


def folder_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.is_dir() else path.stat().st_size


class Fts5:
    """SQLite FTS5 with verify's tokenizer (porter unicode61) and bm25() ranking."""

    def __init__(self, folder: Path, build_query: Callable[[str], str] | None = None) -> None:
        self.path = folder / "fts5.sqlite"
        self.build_query = build_query or (lambda q: " OR ".join(f'"{t}"' for t in claim_terms(q)))
        self.conn: sqlite3.Connection | None = None

    def build(self, corpus: Corpus) -> None:
        tmp = self.path.with_suffix(".tmp")
        tmp.unlink(missing_ok=True)
        conn = sqlite3.connect(tmp)
        conn.execute("CREATE VIRTUAL TABLE passages_fts USING fts5(text, tokenize = 'porter unicode61')")
        rows: list[tuple[int, str]] = []
        for row in corpus.texts():
            rows.append(row)
            if len(rows) == BATCH:
                conn.executemany("INSERT INTO passages_fts (rowid, text) VALUES (?, ?)", rows)
                rows = []
        conn.executemany("INSERT INTO passages_fts (rowid, text) VALUES (?, ?)", rows)
        conn.execute("INSERT INTO passages_fts(passages_fts) VALUES ('optimize')")
        conn.commit()
        conn.close()
        tmp.rename(self.path)

    def open(self) -> None:
        self.conn = sqlite3.connect(self.path.resolve().as_uri() + "?mode=ro", uri=True)

    def search(self, query: str, depth: int) -> list[int]:
        assert self.conn is not None
        match = self.build_query(query)
        if not match:
            return []
        rows = self.conn.execute(
            "SELECT rowid FROM passages_fts WHERE passages_fts MATCH ? ORDER BY bm25(passages_fts) LIMIT ?",
            (match, depth),
        )
        return [r[0] for r in rows]

    def size(self) -> int:
        return folder_bytes(self.path)


class Fts5Rarest(Fts5):
    """The fix tried first: FTS5 sent only the claim's `keep` rarest words (by document frequency,
    read from an fts5vocab table) among those in at most `max_share` of the passages."""

    def __init__(self, folder: Path, keep: int = 4, max_share: float = 0.01) -> None:
        super().__init__(folder, self._rarest)
        self.keep, self.max_share = keep, max_share
        self.stem: Any = None
        self.passages = 0

    def open(self) -> None:
        import Stemmer

        super().open()
        assert self.conn is not None
        self.conn.execute("CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, passages_fts, 'row')")
        self.passages = self.conn.execute("SELECT count(*) FROM passages_fts").fetchone()[0]
        self.stem = Stemmer.Stemmer("porter").stemWord  # FTS5's porter tokenizer stems the same way

    def _rarest(self, query: str) -> str:
        assert self.conn is not None
        counts = {}
        for term in claim_terms(query):
            row = self.conn.execute("SELECT doc FROM temp.vocab WHERE term = ?", (self.stem(term),)).fetchone()
            if row:
                counts[term] = row[0]
        ranked = sorted(counts, key=counts.__getitem__)
        chosen = [t for t in ranked if counts[t] <= self.max_share * self.passages][: self.keep] or ranked[:1]
        return " OR ".join(f'"{t}"' for t in chosen)


class Tantivy:
    """tantivy (Rust, Lucene-like; block-max WAND for top-k) with its English stemming tokenizer."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / "tantivy"
        self.index: Any = None
        self.searcher: Any = None

    def _schema(self) -> Any:
        import tantivy

        builder = tantivy.SchemaBuilder()
        builder.add_integer_field("rowid", stored=True, fast=True)
        builder.add_text_field("text", stored=False, tokenizer_name="en_stem")
        return builder.build()

    def build(self, corpus: Corpus) -> None:
        import shutil

        import tantivy

        tmp = self.path.with_name("tantivy.tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir()
        index = tantivy.Index(self._schema(), path=str(tmp))
        writer = index.writer(heap_size=512_000_000, num_threads=2)
        for rowid, text in corpus.texts():
            writer.add_document(tantivy.Document(rowid=rowid, text=text))
        writer.commit()
        writer.wait_merging_threads()
        tmp.rename(self.path)

    def open(self) -> None:
        import tantivy

        self.index = tantivy.Index.open(str(self.path))
        self.searcher = self.index.searcher()

    def search(self, query: str, depth: int) -> list[int]:
        terms = claim_terms(query)
        if not terms:
            return []
        parsed = self.index.parse_query(" ".join(f'"{t}"' for t in terms), ["text"])
        # count=False: counting every match would turn off block-max WAND
        hits = self.searcher.search(parsed, depth, count=False).hits
        return [self.searcher.doc(address)["rowid"][0] for _, address in hits]

    def size(self) -> int:
        return folder_bytes(self.path)


class Bm25s:
    """bm25s (scores precomputed into a sparse matrix; numpy at query time), English stemmer."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / "bm25s"
        self.retriever: Any = None
        self.stem: Any = None

    def build(self, corpus: Corpus) -> None:
        import shutil

        import bm25s
        import Stemmer

        tokenizer = bm25s.tokenization.Tokenizer(stopwords=None, stemmer=Stemmer.Stemmer("english"))
        ids: list[list[int]] = []
        texts: list[str] = []
        for _, text in corpus.texts():
            texts.append(text)
            if len(texts) == BATCH:
                ids.extend(tokenizer.tokenize(texts, update_vocab=True, show_progress=False, return_as="ids"))
                texts = []
        if texts:
            ids.extend(tokenizer.tokenize(texts, update_vocab=True, show_progress=False, return_as="ids"))
        retriever = bm25s.BM25()
        retriever.index(tokenizer.to_tokenized_tuple(ids), show_progress=False)
        tmp = self.path.with_name("bm25s.tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        retriever.save(str(tmp))
        tmp.rename(self.path)

    def open(self) -> None:
        import bm25s
        import Stemmer

        self.retriever = bm25s.BM25.load(str(self.path), mmap=False)
        self.stem = Stemmer.Stemmer("english").stemWord

    def search(self, query: str, depth: int) -> list[int]:
        vocab = self.retriever.vocab_dict
        tokens = [s for s in (self.stem(t) for t in claim_terms(query)) if s in vocab]
        if not tokens:
            return []
        docs, _ = self.retriever.retrieve([tokens], k=depth, show_progress=False, n_threads=1)
        return [int(d) + 1 for d in docs[0]]  # bm25s counts documents from 0, rowids from 1

    def size(self) -> int:
        return folder_bytes(self.path)


def timed_build(engine: Any, corpus: Corpus) -> float | None:
    """Build unless cached; seconds taken, or None when the cached copy was used."""
    if engine.path.exists():
        return None
    began = time.perf_counter()
    engine.build(corpus)
    return time.perf_counter() - began
