"""BM25 full-text index of one generation: a tantivy index in the generation's `fulltext/` folder.

Why tantivy and not SQLite FTS5: FTS5 scores every passage that shares a word with the claim
before it can sort, so its time grows with the corpus (p50 of 0.2-0.4 s a claim at 100,000
passages, 3.8 s at 1M); tantivy keeps the top k with block-max WAND: 18-31 ms at 1M (docs/SCALE.md).

A generation's index is never changed once committed: the next write hard-links the segment files
into its own folder (segments are immutable in tantivy; deletes and merges write new files, and
meta.json is replaced, never edited in place), applies its deletes and adds there, and commits.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Any

TOKENIZER = "verify_en"
_WRITER_HEAP = 50_000_000  # bytes tantivy buffers before it writes a segment
_COPIED = (".json",)  # meta.json and .managed.json are replaced on commit: copied, not linked
_LOCKS = ".tantivy-"  # lock files of a writer or a reader; never carried to another generation


def _analyzer() -> Any:
    """Words of letters and digits, lower-cased, accents folded, English-stemmed (like FTS5's
    `porter unicode61` tokenizer, which verify used before)."""
    import tantivy

    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(40))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.ascii_fold())
        .filter(tantivy.Filter.stemmer("english"))
        .build()
    )


def _schema() -> Any:
    import tantivy

    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("rowid", stored=True, indexed=True, fast=True)
    builder.add_text_field("text", stored=False, tokenizer_name=TOKENIZER, index_option="freq")
    return builder.build()


def query_words(query: str) -> list[str]:
    """The claim's distinct words of two characters or more, as the BM25 query is made of."""
    return list(dict.fromkeys(t for t in re.findall(r"\w+", query.lower()) if len(t) > 1))


class FullTextIndex:
    """Read (and, through `writer`, change) the tantivy index in `folder`."""

    def __init__(self, folder: Path) -> None:
        import tantivy

        self.folder = folder
        self._index = tantivy.Index.open(str(folder))
        self._analyzer = _analyzer()
        self._index.register_tokenizer(TOKENIZER, self._analyzer)
        self._searcher: Any = None

    @classmethod
    def create(cls, folder: Path) -> FullTextIndex:
        import tantivy

        folder.mkdir()
        tantivy.Index(_schema(), path=str(folder))
        return cls(folder)

    @classmethod
    def copy(cls, source: Path, target: Path) -> FullTextIndex:
        """A new index at `target` holding what `source` holds; `source` is left untouched."""
        target.mkdir()
        for path in source.iterdir():
            if path.name.startswith(_LOCKS):
                continue
            if path.name.endswith(_COPIED):
                shutil.copyfile(path, target / path.name)
            else:
                os.link(path, target / path.name)
        return cls(target)

    def search(self, query: str, k: int) -> list[tuple[int, float]]:
        """(passage id, BM25 score; higher is better), best first, for passages sharing a word."""
        import tantivy

        tokens = list(dict.fromkeys(t for word in query_words(query) for t in self._analyzer.analyze(word)))
        if not tokens or k < 1:
            return []
        schema = self._index.schema
        query_obj = tantivy.Query.boolean_query(
            [(tantivy.Occur.Should, tantivy.Query.term_query(schema, "text", t)) for t in tokens]
        )
        if self._searcher is None:
            self._searcher = self._index.searcher()
        searcher = self._searcher
        # count=False: counting every match would make tantivy visit them all (no block-max WAND)
        hits = searcher.search(query_obj, k, count=False).hits
        return [(int(searcher.doc(address)["rowid"][0]), float(score)) for score, address in hits]

    def writer(self) -> FullTextWriter:
        return FullTextWriter(self._index)


class FullTextWriter:
    """Deletes and adds, made visible (and durable in the folder) by `commit`."""

    def __init__(self, index: Any) -> None:
        self._writer = index.writer(heap_size=_WRITER_HEAP, num_threads=1)

    def add(self, rows: Iterable[tuple[int, str]]) -> None:
        import tantivy

        for rowid, text in rows:
            self._writer.add_document(tantivy.Document(rowid=rowid, text=text))

    def delete(self, rowids: Iterable[int]) -> None:
        for rowid in rowids:
            self._writer.delete_documents_by_term("rowid", rowid)

    def commit(self) -> None:
        """Commit and let merges finish, so the folder is complete before it is fsynced and renamed."""
        self._writer.commit()
        self._writer.wait_merging_threads()

    def abandon(self) -> None:
        self._writer.rollback()
