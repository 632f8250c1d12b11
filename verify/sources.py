"""Read articles (.txt, .md, .html, .jsonl) into Sources with a stable id and a content hash.

Metadata for a .txt/.md/.html file may sit beside it in `<file>.meta.json`
(title, url, publisher, published, dateline, id); a .md file may also open with a front-matter
block (`---`, `key: value` lines, `---`) as static-site generators and CMS exports write it, and an
.html page's meta tags are read. A .jsonl file holds one article a line:
`{"text": ..., "id"?, "title"?, "url"?, "publisher"?, "published"?, "dateline"?}`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from verify import jsonsafe
from verify.chunk import DATELINE
from verify.errors import VerifyError
from verify.facts.dates import parse_date as parse_day
from verify.schema import Source, source_id_problem

TEXT_SUFFIXES = (".txt", ".md", ".html", ".htm")
SUFFIXES = (*TEXT_SUFFIXES, ".jsonl")
META_SUFFIX = ".meta.json"
METADATA_FIELDS = ("id", "title", "url", "publisher", "published", "dateline")


class SourceError(VerifyError, ValueError):
    """A source file that cannot be read; the message names the file and the reason."""


def iter_source_files(path: Path) -> Iterator[Path]:
    """The readable files under a path (a file, or a folder searched recursively), sorted."""
    if path.is_dir():
        for child in sorted(path.rglob("*")):
            hidden = any(part.startswith(".") for part in child.relative_to(path).parts)
            readable = child.is_file() and child.suffix.lower() in SUFFIXES and not child.name.endswith(META_SUFFIX)
            if readable and not hidden:
                yield child
    elif path.is_file():
        if path.suffix.lower() not in SUFFIXES:
            raise SourceError(f"{path}: unsupported file type (expected one of {', '.join(SUFFIXES)})")
        yield path
    else:
        raise SourceError(f"{path}: no such file or folder")


def read_sources(path: Path) -> list[Source]:
    """All sources in a file or folder."""
    return [source for file in iter_source_files(path) for source in read_file(file)]


def read_file(path: Path) -> list[Source]:
    raw = _read_text(path)
    if path.suffix.lower() == ".jsonl":
        return list(_read_jsonl(path, raw))
    text, markup_meta = plain_text(raw, path.suffix)
    meta = {**markup_meta, **_read_sidecar(path)}
    return [make_source(text, meta, default_id=slugify(path.stem), origin=str(path))]


def plain_text(raw: str, suffix: str) -> tuple[str, dict[str, str]]:
    """The readable text of a .txt/.md/.html document, and any metadata its markup carries."""
    suffix = suffix.lower()
    if suffix in (".html", ".htm"):
        return html_to_text(raw)
    if suffix == ".md":
        meta, body = split_front_matter(raw)
        return markdown_to_text(body), meta
    return raw, {}


# A front-matter block: "---" on the first line, "---" (or YAML's "...") closing it.
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL | re.MULTILINE)
_FRONT_MATTER_LINE = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*?)[ \t]*$")
# Names site generators give our fields ("date" is Jekyll's and Hugo's publication date).
_FRONT_MATTER_ALIASES = {"date": "published", "link": "url", "permalink": "url", "source": "publisher"}


def split_front_matter(raw: str) -> tuple[dict[str, str], str]:
    """A Markdown file's leading front matter as metadata, and the text after it.

    Only top-level `key: value` lines are read (quotes around a value dropped) and only the
    fields a source has (METADATA_FIELDS, or their usual aliases): the block also carries a site
    generator's own keys (layout, tags, author), which are not ours to refuse. The block never
    reaches the indexed text. A file without a closing `---` has no front matter."""
    m = _FRONT_MATTER.match(raw)
    if m is None:
        return {}, raw
    meta: dict[str, str] = {}
    for line in m.group(1).splitlines():
        field = _FRONT_MATTER_LINE.match(line)
        if field is None:
            continue  # an indented or list line belongs to a key we do not read
        key = field.group(1).lower()
        key = key if key in METADATA_FIELDS else _FRONT_MATTER_ALIASES.get(key, "")
        value = field.group(2)
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        if key and value and key not in meta:
            meta[key] = value
    return meta, raw[m.end() :]


def make_source(text: str, meta: dict[str, Any], default_id: str, origin: str | None) -> Source:
    text = text.strip("\n")
    if not text.strip():
        raise SourceError(f"{origin or default_id}: the article has no text")
    unknown = set(meta) - set(METADATA_FIELDS) - {"text"}
    if unknown:
        raise SourceError(f"{origin or default_id}: unknown metadata field(s) {sorted(unknown)}")
    source_id = str(meta.get("id") or default_id)
    problem = source_id_problem(source_id)
    if problem:
        raise SourceError(f"{origin or default_id}: {problem}")
    title = meta.get("title") or first_line(text)
    # An explicit date (metadata, a sidecar, the page's meta tags) wins; wire copy without one
    # often says when it was filed in its dateline ("LAKEPORT, May 20, 2025 —").
    published = parse_date(meta.get("published"), origin or default_id) or dateline_date(text)
    try:
        source = Source(
            id=source_id,
            text=text,
            title=title,
            url=meta.get("url"),
            publisher=meta.get("publisher"),
            published=published,
            dateline=meta.get("dateline"),
            origin=origin,
        )
    except ValidationError as exc:
        error = exc.errors()[0]
        raise SourceError(f"{origin or default_id}: {'.'.join(map(str, error['loc']))}: {error['msg']}") from exc
    # The hash covers text and metadata, not where the file was read from.
    identity = source.model_dump(mode="json", exclude={"origin", "content_hash"})
    source.content_hash = hashlib.sha256(json.dumps(identity, sort_keys=True).encode()).hexdigest()
    return source


# A dateline counts only where wire copy puts it: the first line, or the second after a headline.
DATELINE_LINES = 2


def dateline_date(text: str) -> dt.date | None:
    """The day a leading wire dateline gives, when it gives a year ("LAKEPORT, May 20, 2025 —")."""
    lines = [m for m in re.finditer(r"[^\n]+", text) if m.group().strip()][:DATELINE_LINES]
    for line in lines:
        m = DATELINE.match(text, line.start(), line.end())
        if m is None:
            continue
        value = parse_day(m.group())
        if value is None or value.first is None or value.first != value.last or value.first[0] is None:
            return None
        return dt.date(*value.first)  # type: ignore[arg-type]
    return None


def first_line(text: str) -> str:
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    return re.sub(r"^#+\s*", "", line)[:300]


def slugify(name: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-.")
    return slug or "source"


def parse_date(value: Any, where: str) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError as exc:
        raise SourceError(f"{where}: published {value!r} is not an ISO date (YYYY-MM-DD)") from exc


def _read_text(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceError(f"{path}: not UTF-8 text (byte {exc.start})") from exc
    except OSError as exc:
        raise SourceError(f"{path}: {exc.strerror}") from exc


def _read_sidecar(path: Path) -> dict[str, Any]:
    sidecar = path.with_name(path.name + META_SUFFIX)
    if not sidecar.is_file():
        return {}
    try:
        meta = jsonsafe.loads(_read_text(sidecar))
    except json.JSONDecodeError as exc:
        raise SourceError(f"{sidecar}: invalid JSON ({exc.msg}, line {exc.lineno})") from exc
    except jsonsafe.JSONTooDeep as exc:
        raise SourceError(f"{sidecar}: {exc}") from exc
    if not isinstance(meta, dict):
        raise SourceError(f"{sidecar}: expected a JSON object")
    return meta


def _read_jsonl(path: Path, raw: str) -> Iterator[Source]:
    for number, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            row = jsonsafe.loads(line)
        except json.JSONDecodeError as exc:
            raise SourceError(f"{where}: invalid JSON ({exc.msg})") from exc
        except jsonsafe.JSONTooDeep as exc:
            raise SourceError(f"{where}: {exc}") from exc
        if not isinstance(row, dict) or not isinstance(row.get("text"), str):
            raise SourceError(f"{where}: expected an object with a 'text' string")
        default_id = (
            "url-" + hashlib.sha1(row["url"].encode()).hexdigest()[:16]
            if row.get("url")
            else f"{slugify(path.stem)}-{number}"
        )
        yield make_source(row["text"], {k: v for k, v in row.items() if k != "text"}, default_id, where)


# Each pattern's repeated part excludes its own delimiters, so a failed match stops at the next
# delimiter and the next attempt starts there: linear time even on "![![![..." or "****...".
_MD_IMAGE = re.compile(r"!\[([^\[\]]*)\]\([^()]*\)")
_MD_LINK = re.compile(r"\[([^\[\]]+)\]\([^()]*\)")
_MD_EMPHASIS = [
    re.compile(r"\*\*(?=\S)([^*\n]+)(?<=\S)\*\*"),
    re.compile(r"__(?=\S)([^_\n]+)(?<=\S)__"),
    re.compile(r"\*(?=\S)([^*\n]+)(?<=\S)\*"),
    re.compile(r"`(?=\S)([^`\n]+)(?<=\S)`"),
]


def markdown_to_text(raw: str) -> str:
    """Markdown with its markup removed: headings, emphasis, links and images keep their words."""
    text = _MD_IMAGE.sub(r"\1", raw)
    text = _MD_LINK.sub(r"\1", text)
    text = re.sub(r"^[ \t]{0,3}#{1,6}[ \t]*", "", text, flags=re.MULTILINE)
    text = re.sub(r"^[ \t]{0,3}(?:[-*+]|>)[ \t]+", "", text, flags=re.MULTILINE)
    for pattern in _MD_EMPHASIS:
        text = pattern.sub(r"\1", text)
    return text


class _TextExtractor(HTMLParser):
    BLOCKS = {
        "p",
        "div",
        "br",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "tr",
        "section",
        "article",
        "header",
        "footer",
        "blockquote",
        "figcaption",
        "title",
        "pre",
        "hr",
        "table",
        "ul",
        "ol",
    }
    SKIP = {"script", "style", "noscript", "template", "svg", "head"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.meta: dict[str, str] = {}
        self._skip = 0
        self._in_title = False
        self._title: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            a = {k: v or "" for k, v in attrs}
            key = a.get("property") or a.get("name") or ""
            mapping = {
                "og:title": "title",
                "og:url": "url",
                "article:published_time": "published",
                "og:site_name": "publisher",
            }
            if key in mapping and a.get("content"):
                self.meta.setdefault(mapping[key], a["content"])
        if tag == "title":
            self._in_title = True
        if tag in self.SKIP:
            self._skip += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag in self.SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title.append(data)
        if not self._skip:
            self.parts.append(data)


def html_to_text(raw: str) -> tuple[str, dict[str, str]]:
    """Visible text of an HTML page, one block a line, and metadata from its head."""
    parser = _TextExtractor()
    # html.parser re-scans to the end of the document for every "<" it cannot close (quadratic on
    # "<x<x<x..."). A "<" after the last ">" can never open a tag, so it is fed as text.
    last = raw.rfind(">")
    if raw.find("<", last + 1) >= 0:
        raw = raw[: last + 1] + raw[last + 1 :].replace("<", "&lt;")
    try:
        parser.feed(raw)
        parser.close()
    except AssertionError as exc:  # html.parser asserts on some malformed markup ("<![x")
        raise SourceError(f"unparseable HTML ({exc})") from exc
    lines = (re.sub(r"[ \t\r\f\v\u00a0]+", " ", ln).strip() for ln in "".join(parser.parts).split("\n"))
    text = "\n".join(ln for ln in lines if ln)
    meta = dict(parser.meta)
    title = " ".join("".join(parser._title).split())
    if title:
        meta.setdefault("title", title)
    return text, meta
