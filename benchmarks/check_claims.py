"""Check a labelled news claims file against its articles (claims/news/, or --articles DIR).

    python benchmarks/check_claims.py claims/news_dev2.jsonl
    python benchmarks/check_claims.py --articles claims/news3 claims/news_dev3.jsonl

Every line must have a unique `id`, a `claim`, a `label` (supported / contradicted / unknown), a
`source` that names an article in the articles folder, `tags` from the news sets' vocabulary and an
`evidence` string that is a verbatim substring of that article (empty for unknown claims). Prints
each problem and exits 1 if there is any.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

NEWS = Path(__file__).resolve().parents[1] / "claims" / "news"
LABELS = {"supported", "contradicted", "unknown"}
TAGS = {
    "paraphrase", "exact-date", "relative-date", "vague-date", "count", "comparator", "score", "money",
    "percent", "name", "role", "negation", "temporal-order", "not-addressed",
}  # fmt: skip


def problems(path: Path, articles: Path = NEWS) -> list[str]:
    found: list[str] = []
    ids: set[str] = set()
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        row = json.loads(line)
        where = f"{path.name}:{n} {row.get('id')}"
        if row.get("id") in ids:
            found.append(f"{where}: duplicate id")
        ids.add(row.get("id"))
        if not row.get("claim"):
            found.append(f"{where}: no claim")
        if row.get("label") not in LABELS:
            found.append(f"{where}: label {row.get('label')!r}")
        if set(row.get("tags") or []) - TAGS or not row.get("tags"):
            found.append(f"{where}: tags {row.get('tags')!r}")
        article = articles / f"{row.get('source')}.txt"
        if not article.is_file():
            found.append(f"{where}: no article {article.name}")
            continue
        evidence = row.get("evidence", "")
        if row.get("label") == "unknown":
            if evidence:
                found.append(f"{where}: an unknown claim has evidence")
        elif not evidence or evidence not in article.read_text(encoding="utf-8"):
            found.append(f"{where}: evidence is not a verbatim substring of {article.name}")
    return found


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=Path, default=NEWS, help="the folder of the claims' articles")
    parser.add_argument("claims", nargs="+", type=Path, help="labelled claims files (JSONL)")
    args = parser.parse_args(argv)
    if not args.articles.is_dir():
        parser.error(f"--articles {args.articles}: not a folder")
    folders = [str(p) for p in args.claims if p.is_dir()]
    if folders:
        parser.error(f"{', '.join(folders)}: a folder, not a claims file (give the articles with --articles)")
    bad = 0
    for path in args.claims:
        found = problems(path, args.articles)
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        labels = Counter(r.get("label") for r in rows)
        print(f"{path}: {len(rows)} claims ({', '.join(f'{k} {v}' for k, v in sorted(labels.items()))}); "
              f"{len(found)} problems")  # fmt: skip
        for p in found:
            print("  " + p)
        bad += len(found)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
