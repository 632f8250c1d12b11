from __future__ import annotations

from pathlib import Path

from verify.fulltext import FullTextIndex, query_words

TEXTS = {
    1: "The appeal was rejected by the Moscow City Court on June 14.",
    2: "The Tagansky District Court ordered the ban in April.",
    3: "The court heard the appeal of the café owner.",
    4: "Nothing about it here at all.",
}


def filled(folder: Path, texts: dict[int, str] = TEXTS) -> FullTextIndex:
    index = FullTextIndex.create(folder)
    writer = index.writer()
    writer.add(texts.items())
    writer.commit()
    return FullTextIndex(folder)


def ids(hits: list[tuple[int, float]]) -> list[int]:
    return [pid for pid, _ in hits]


def test_query_words_are_the_distinct_words_of_two_characters_or_more() -> None:
    assert query_words("The appeal, the APPEAL: a 14 x") == ["the", "appeal", "14"]


def test_rare_exact_words_rank_first_and_scores_fall(tmp_path: Path) -> None:
    index = filled(tmp_path / "ft")
    hits = index.search("Tagansky court", 10)
    assert ids(hits)[0] == 2 and set(ids(hits)) == {1, 2, 3}
    assert [s for _, s in hits] == sorted((s for _, s in hits), reverse=True) and hits[-1][1] > 0
    assert ids(index.search("Tagansky court", 1)) == [2]


def test_stemmed_and_accent_folded_like_fts5_porter_unicode61(tmp_path: Path) -> None:
    index = filled(tmp_path / "ft")
    assert ids(index.search("rejecting", 5)) == [1]
    assert ids(index.search("CAFE", 5)) == [3]


def test_no_words_no_hits(tmp_path: Path) -> None:
    index = filled(tmp_path / "ft")
    assert index.search("!!! ?? a", 5) == [] and index.search("zebra", 5) == []
    assert index.search("court", 0) == []


def test_a_copy_changes_without_touching_its_source(tmp_path: Path) -> None:
    filled(tmp_path / "old")
    copy = FullTextIndex.copy(tmp_path / "old", tmp_path / "new")
    writer = copy.writer()
    writer.delete([2])
    writer.add([(5, "A second Tagansky hearing followed.")])
    writer.commit()
    assert ids(FullTextIndex(tmp_path / "new").search("Tagansky", 5)) == [5]
    assert ids(FullTextIndex(tmp_path / "old").search("Tagansky", 5)) == [2]


def test_abandoned_changes_are_not_seen(tmp_path: Path) -> None:
    filled(tmp_path / "ft")
    writer = FullTextIndex(tmp_path / "ft").writer()
    writer.delete([1, 2, 3])
    writer.abandon()
    assert set(ids(FullTextIndex(tmp_path / "ft").search("court", 5))) == {1, 2, 3}
