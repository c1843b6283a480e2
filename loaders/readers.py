"""Readers: turn paths (files, folders, globs, "-") into `Article` records, one at a time.

An input that cannot be read never stops the run: it becomes a `Skipped` with the reason,
which the CLI prints as one line, and the other inputs are still read.
"""
from __future__ import annotations

import codecs
import glob
import json
import os
import re
import stat
import sys
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import partial
from typing import BinaryIO, TextIO

import charset_normalizer
import frontmatter
import yaml
from markdown_it import MarkdownIt

from newsgraph.graph import Article, InputError, domain_of

from .html_text import parse_html

TEXT_EXTENSIONS = (".txt", ".md")
HTML_EXTENSIONS = (".html", ".htm")
JSON_EXTENSIONS = (".json", ".jsonl")
SUPPORTED_EXTENSIONS = TEXT_EXTENSIONS + HTML_EXTENSIONS + JSON_EXTENSIONS

# A news article is a few kilobytes; these bounds keep a stray disk image or log from
# exhausting memory. A .jsonl file is streamed, so only each line is bounded.
MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_LINE_BYTES = 16 * 1024 * 1024
# A first line at most this long, with no final period, is a plain-text article's title.
MAX_TITLE_CHARS = 120
# charset-normalizer guesses an encoding from this much of a file (enough, and bounded in time).
MAX_DETECT_BYTES = 256 * 1024
# Below this, detection is a guess; the web's default legacy encoding (WHATWG) is the better one.
MIN_DETECT_BYTES = 64
FALLBACK_ENCODING = "cp1252"
# More control characters than this share of the text means it is not text at all.
MAX_CONTROL_SHARE = 0.05

_FIELDS = ("id", "title", "text", "date", "url")
_GLOB_CHARS = re.compile(r"[*?\[]")


@dataclass(frozen=True)
class Skipped:
    """An input that could not be read as an article, and why."""

    source: str  # the path, "-" for standard input, "path:line" or "path[i]" for a record in a file
    reason: str

    def __str__(self) -> str:
        return str(InputError(_one_line(f"{self.source}: {self.reason}")))


def read_articles(paths: Iterable[str],
                  stdin: TextIO | BinaryIO | None = None,
                  feeds: Iterable[str] = (), fetcher=None) -> Iterator[Article | Skipped]:
    """Yield an `Article` for every article found under `paths`, a `Skipped` for every bad input.

    A path is a file, a folder (searched recursively, in sorted order, for the supported
    extensions), a glob (`*.json`, `**/*.md`), an http(s) URL (the page is fetched), or "-" for
    standard input (`stdin`, default `sys.stdin`), whose content is sniffed: JSON, JSON Lines,
    HTML or plain text. `feeds` are RSS/Atom feed URLs: every item's page is read.
    A file or page reached twice (a folder and a glob, two feeds) is read once.
    `fetcher` (a `fetch.Fetcher`) fetches URLs; by default one with the user's page cache.
    """
    from . import fetch

    seen: set[str] = set()
    if fetcher is None:
        fetcher = fetch.Fetcher(fetch.default_cache_dir())
    for path in paths:
        path = str(path)
        if fetch.is_url(path):
            if path not in seen:
                seen.add(path)
                yield from _guard(path, partial(fetch.read_url, path, fetcher))
            continue
        if path == "-":
            yield from _guard("-", lambda: _read_stdin(stdin if stdin is not None else sys.stdin))
            continue
        for item in _expand(path):
            if isinstance(item, Skipped):
                yield item
                continue
            key = os.path.realpath(item)
            if key not in seen:
                seen.add(key)
                for got in _guard(item, partial(_read_file, item)):
                    yield _text_source(got)
    for feed in feeds:
        yield from _guard(feed, partial(fetch.read_feed, feed, fetcher, seen))


# -- paths --------------------------------------------------------------------------------

def _expand(path: str) -> Iterator[str | Skipped]:
    """The files a path names, or a Skipped saying why it names none."""
    if os.path.isdir(path):  # a folder with no supported files is a Skipped, not silence
        found = False
        for file in _walk(path):
            found = True  # an unreadable subfolder says so itself
            yield file
        if not found:
            yield Skipped(path, f"folder has no supported files ({', '.join(SUPPORTED_EXTENSIONS)})")
    elif os.path.lexists(path):
        yield path
    elif _GLOB_CHARS.search(path):
        found = False
        for match in sorted(glob.iglob(path, recursive=True)):
            if os.path.isdir(match):
                for file in _walk(match):
                    found = True  # an unreadable subfolder says so itself
                    yield file
            elif _supported(match):
                found = True
                yield match
        if not found:
            yield Skipped(path, "no supported files match this pattern")
    else:
        yield Skipped(path, "no such file or folder")


def _walk(folder: str) -> Iterator[str | Skipped]:
    """Supported files under a folder, depth first in name order; hidden entries are left out.

    Symlinks to folders are not followed (one to "/" would walk the whole machine) and no
    folder is visited twice; the walk keeps its own stack, so depth costs no recursion.
    """
    seen: set[tuple[int, int]] = set()

    def listing(path: str) -> Iterator[os.DirEntry] | Skipped | None:
        try:
            st = os.stat(path)
            if (st.st_dev, st.st_ino) in seen:
                return None
            seen.add((st.st_dev, st.st_ino))
            with os.scandir(path) as scan:
                return iter(sorted(scan, key=lambda e: e.name))
        except OSError as e:
            return Skipped(path, f"cannot read folder: {e.strerror or e}")

    top = listing(folder)
    if isinstance(top, Skipped):
        yield top
    stack = [top] if top is not None and not isinstance(top, Skipped) else []
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        if entry.name.startswith("."):
            continue
        try:
            is_dir = entry.is_dir(follow_symlinks=False)
            is_link = entry.is_symlink()
        except OSError:
            continue
        if is_dir:
            sub = listing(entry.path)
            if isinstance(sub, Skipped):
                yield sub
            elif sub is not None:
                stack.append(sub)
        elif is_link and os.path.isdir(entry.path):
            continue  # a symlink to a folder: not followed
        elif _supported(entry.name):
            yield entry.path


def _supported(name: str) -> bool:
    return name.lower().endswith(SUPPORTED_EXTENSIONS)


def _guard(source: str, read: Callable[[], Iterator[Article | Skipped]]) -> Iterator[Article | Skipped]:
    """Run one input's reader; what goes wrong becomes a Skipped, never an exception."""
    try:
        yield from read()
    except PermissionError:
        yield Skipped(source, "permission denied")
    except IsADirectoryError:
        yield Skipped(source, "is a folder")
    except OSError as e:
        yield Skipped(source, f"cannot read: {e.strerror or e}")
    except MemoryError:
        yield Skipped(source, "too large to read into memory")
    except RecursionError:
        yield Skipped(source, "nested too deeply to read")
    except ValueError as e:  # e.g. a JSON integer past Python's 4300-digit limit
        yield Skipped(source, f"cannot read: {_one_line(str(e))[:200]}")


def _text_source(item: Article | Skipped) -> Article | Skipped:
    """A file name that is not valid UTF-8 (undecodable bytes kept as lone surrogates by
    os.fsdecode) shown with U+FFFD instead: stores, JSON and terminals need real text."""
    try:
        item.source.encode("utf-8")
        return item
    except UnicodeEncodeError:
        shown = item.source.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        return replace(item, source=shown)


# -- files --------------------------------------------------------------------------------

def _read_file(path: str) -> Iterator[Article | Skipped]:
    mode = os.stat(path).st_mode
    if not stat.S_ISREG(mode):
        yield Skipped(path, "not a regular file")
        return
    ext = os.path.splitext(path)[1].lower()
    if ext == ".jsonl":
        yield from _read_jsonl_file(path)
        return
    if ext and ext not in SUPPORTED_EXTENSIONS:
        yield Skipped(path, f"unsupported file type {ext!r} (supported: {', '.join(SUPPORTED_EXTENSIONS)})")
        return
    size = os.stat(path).st_size
    if size > MAX_FILE_BYTES:
        yield Skipped(path, f"file too large ({_megabytes(size)}; the limit is {_megabytes(MAX_FILE_BYTES)})")
        return
    with open(path, "rb") as f:
        data = f.read(MAX_FILE_BYTES + 1)
    text = _decode(path, data)
    if isinstance(text, Skipped):
        yield text
    elif ext in TEXT_EXTENSIONS:
        yield _from_text(path, text, markdown=ext == ".md")
    elif ext in HTML_EXTENSIONS:
        yield _from_html(path, text)
    elif ext == ".json":
        yield from _from_json(path, text)
    else:
        yield from _sniffed(path, text)  # no extension: look at the content


def _read_jsonl_file(path: str) -> Iterator[Article | Skipped]:
    """One article per line, streamed: a bad line is skipped, the others are still read."""
    with open(path, "rb") as f:
        head = f.read(8192)
        if _looks_binary(head):
            yield Skipped(path, "binary file, not text")
            return
        f.seek(0)
        found = False
        for number, line in _lines(f):
            if line is None:
                yield Skipped(f"{path}:{number}", f"line too long (over {_megabytes(MAX_LINE_BYTES)})")
                continue
            found = True
            yield from _jsonl_line(path, number, line)
        if not found:
            yield Skipped(path, "empty file")


def _lines(f: BinaryIO) -> Iterator[tuple[int, bytes | None]]:
    """The numbered non-blank lines of a binary stream; None for a line over MAX_LINE_BYTES."""
    number = 0
    while True:
        line = f.readline(MAX_LINE_BYTES + 1)
        if not line:
            return
        number += 1
        if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):  # drain the rest of the long line
                line = f.readline(MAX_LINE_BYTES)
            yield number, None
        elif line.strip():
            yield number, line


def _jsonl_line(path: str, number: int, line: bytes | str) -> Iterator[Article | Skipped]:
    source = f"{path}:{number}"
    if isinstance(line, bytes):
        text = _decode_utf8(source, line, first=number == 1)
        if isinstance(text, Skipped):
            yield text
            return
    else:
        text = line
    try:
        record = json.loads(text)
    except json.JSONDecodeError as e:
        yield Skipped(source, f"malformed JSON: {e.msg}")
        return
    except RecursionError:  # caught here, per line, so the lines after it are still read
        yield Skipped(source, "nested too deeply to read")
        return
    except ValueError as e:  # an integer past Python's 4300-digit limit; per line, like the above
        yield Skipped(source, f"cannot read: {_one_line(str(e))[:200]}")
        return
    if not isinstance(record, dict):
        yield Skipped(source, f"not a JSON object but {_json_kind(record)}")
        return
    yield _from_record(source, path, record)


# -- standard input -----------------------------------------------------------------------

def _read_stdin(stream: TextIO | BinaryIO | None) -> Iterator[Article | Skipped]:
    if stream is None:  # sys.stdin is None when Python runs detached
        yield Skipped("-", "no standard input")
        return
    # Prefer the bytes under a text stream, so invalid UTF-8 is reported, not replaced.
    raw = getattr(stream, "buffer", stream)
    data = raw.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        yield Skipped("-", f"input too large (the limit is {_megabytes(MAX_FILE_BYTES)})")
        return
    text = _decode("-", data) if isinstance(data, bytes) else _check_text("-", data)
    if isinstance(text, Skipped):
        yield text
    else:
        yield from _sniffed("-", text)


def _first_line_is_json(text: str) -> bool:
    line = text.lstrip().split("\n", 1)[0]
    try:
        return isinstance(json.loads(line), dict)
    except json.JSONDecodeError:
        return False
    except ValueError:  # JSON with an integer past the digit limit: JSON Lines, that line skipped
        return line.startswith("{")


def _sniffed(source: str, text: str) -> Iterator[Article | Skipped]:
    """Content whose format no extension tells: JSON, JSON Lines, HTML or plain text."""
    start = text.lstrip()[:15].lower()
    if start.startswith(("{", "[")):
        try:
            parsed = json.loads(text)
        except json.JSONDecodeError as whole:
            if not _first_line_is_json(text):
                yield Skipped(source, f"malformed JSON: {whole.msg} (line {whole.lineno})")
                return
            # Several objects one per line: JSON Lines; a bad line is skipped alone.
            for number, line in enumerate(text.split("\n"), start=1):
                if line.strip():
                    yield from _jsonl_line(source, number, line)
            return
        yield from _json_articles(source, parsed)
    elif start.startswith(("<!doctype html", "<html")):
        yield _from_html(source, text)
    else:
        yield _from_text(source, text, markdown=False)


# -- bytes to text ------------------------------------------------------------------------

# Byte-order marks, longest first (UTF-32's starts with UTF-16's).
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# An HTML page's own word on its encoding (<meta charset> or http-equiv), in its first bytes.
_DECLARED = re.compile(rb"<meta[^>]{0,300}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]{1,40})", re.I)
_XML_DECLARED = re.compile(rb"^\s*<\?xml[^>]{0,200}?encoding\s*=\s*[\"']([A-Za-z0-9_.:-]{1,40})", re.I)


def declared_charset(data: bytes) -> str:
    """The encoding a page or feed declares in its first kilobytes, "" if none (or not one Python knows)."""
    head = data[:4096]
    m = _DECLARED.search(head) or _XML_DECLARED.search(head)
    if not m:
        return ""
    name = m.group(1).decode("ascii", "replace")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return ""


def _decode(source: str, data: bytes, first: bool = True, declared: str = "") -> str | Skipped:
    """Bytes to text: a byte-order mark, else the declared charset (`declared`, or the page's own),
    else UTF-8, else what charset-normalizer detects. Only bytes that are no text are refused."""
    if not data.strip():
        return Skipped(source, "empty file" if source != "-" else "empty input")
    for bom, encoding in _BOMS if first else ():
        if data.startswith(bom):
            try:
                return _check_text(source, data.decode(encoding))
            except UnicodeDecodeError as e:
                return Skipped(source, f"not valid {encoding.upper()} after its byte-order mark "
                                       f"(offset {e.start})")
    if _looks_binary(data):
        return Skipped(source, "binary file, not text")
    candidates = [declared or declared_charset(data), "utf-8"]
    for encoding in dict.fromkeys(c for c in candidates if c):
        try:
            return _check_text(source, data.decode(encoding))
        except (UnicodeDecodeError, LookupError):
            continue
    best = charset_normalizer.from_bytes(data[:MAX_DETECT_BYTES]).best() if len(data) >= MIN_DETECT_BYTES else None
    encoding = best.encoding if best is not None and best.encoding else ""
    if not encoding or encoding.startswith(("utf_16", "utf_32")):  # wide without a mark: a wrong guess
        encoding = FALLBACK_ENCODING
    return _check_text(source, data.decode(encoding, errors="replace"))


def _decode_utf8(source: str, data: bytes, first: bool) -> str | Skipped:
    """A JSON Lines line: JSON text is UTF-8 (RFC 8259), so anything else is a broken line."""
    if _looks_binary(data):
        return Skipped(source, "binary data, not text")
    try:
        text = data.decode("utf-8-sig" if first else "utf-8")
    except UnicodeDecodeError as e:
        return Skipped(source, f"not valid UTF-8 (byte 0x{data[e.start]:02x} at offset {e.start});"
                               " JSON Lines must be UTF-8")
    return _check_text(source, text)


def _check_text(source: str, text: str) -> str | Skipped:
    text = text.removeprefix("\ufeff")
    if not text.strip():
        return Skipped(source, "empty file" if source != "-" else "empty input")
    if "\x00" in text or _control_share(text) > MAX_CONTROL_SHARE:
        return Skipped(source, "binary file, not text")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates from a text stream
        return Skipped(source, "not valid UTF-8 text")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if (b < 32 and b not in b"\t\n\r\f\v\x1b") or b == 127)
    return bool(sample) and controls / len(sample) > MAX_CONTROL_SHARE


def _control_share(text: str) -> float:
    sample = text[:8192]
    controls = sum(1 for c in sample if c not in "\t\n\r\f\v" and unicodedata.category(c) == "Cc")
    return controls / len(sample) if sample else 0.0


# -- formats ------------------------------------------------------------------------------

_MARKDOWN = MarkdownIt("commonmark")
_BLANKS = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")
# Front-matter keys that name the outlet (a site name), in order of preference.
_OUTLET_KEYS = ("source", "outlet", "site_name", "site", "publisher")


def _from_text(source: str, text: str, markdown: bool) -> Article | Skipped:
    """A plain-text or Markdown article: a short first line (or a first heading) is its title."""
    if markdown:
        return _from_markdown(source, text)
    text = text.strip("\n")
    lines = text.split("\n")
    first = lines[0].strip()
    rest = "\n".join(lines[1:]).strip("\n")
    title = ""
    if rest.strip() and _is_title(first, lines[1] if len(lines) > 1 else ""):
        title, text = first, rest
    text = _BLANKS.sub("\n\n", text).strip()
    if not text:
        return Skipped(source, "no article text")
    return Article(text=text, title=title)


def _from_markdown(source: str, text: str) -> Article | Skipped:
    """Markdown as a reader sees it (markdown-it-py), with its YAML front matter's fields."""
    try:
        post = frontmatter.loads(text)
        meta, body = post.metadata, post.content
    except (yaml.YAMLError, ValueError, TypeError):
        meta, body = {}, text  # front matter that is not YAML: read the page as it stands
    blocks = _markdown_blocks(body)
    fields = {k: _clean(_field(_iso(meta.get(k)))) for k in ("id", "title", "date", "url") if k in meta}
    fields = {k: v for k, v in fields.items() if v}
    if "title" not in fields and len(blocks) > 1 and blocks[0][0] == "heading" \
            and len(blocks[0][1]) <= 2 * MAX_TITLE_CHARS:
        fields["title"] = blocks[0][1]
        blocks = blocks[1:]
    text = "\n\n".join(b for _, b in blocks).strip()
    if not text:
        return Skipped(source, "no article text")
    outlet = next((_clean(_field(meta.get(k))) for k in _OUTLET_KEYS if isinstance(meta.get(k), str)), "")
    return Article(text=text, source=outlet or domain_of(fields.get("url", "")), **fields)


def _iso(value: object) -> object:
    """YAML reads `date: 2026-03-14` as a date: back to the text it was."""
    return value.isoformat() if hasattr(value, "isoformat") else value


def _markdown_blocks(body: str) -> list[tuple[str, str]]:
    """The text blocks of a Markdown document, marks dropped: (kind, text), kind "heading" or "text"."""
    blocks: list[tuple[str, str]] = []
    kind = "text"
    for token in _MARKDOWN.parse(body):
        if token.type == "heading_open":
            kind = "heading"
        elif token.type == "inline":
            text = " ".join(_inline_text(token).split())
            if text:
                blocks.append((kind, text))
            kind = "text"
        elif token.type in ("fence", "code_block") and token.content.strip():
            blocks.append(("text", token.content.strip()))
    return blocks


def _inline_text(token) -> str:
    parts = []
    for child in token.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)


def _is_title(first: str, following: str) -> bool:
    """A headline: short, no final period, and not the first line of a wrapped paragraph."""
    if not first or len(first) > MAX_TITLE_CHARS or first.endswith((".", ",", ";", ":")):
        return False
    following = following.strip()
    return not following or not following[0].islower()


def _from_html(source: str, markup: str, url: str = "") -> Article | Skipped:
    """A web page's main text and metadata; `url` is where it was fetched from, if it was."""
    try:
        page = parse_html(markup, url)
    except (ValueError, TypeError, RecursionError) as e:
        return Skipped(source, f"cannot parse HTML ({type(e).__name__})")
    if not page.text.strip():
        return Skipped(source, "HTML has no article text")
    return Article(text=page.text, title=page.title, date=page.date, url=page.url or url,
                   source=page.site or domain_of(page.url or url))


def _from_json(path: str, text: str) -> Iterator[Article | Skipped]:
    try:
        parsed = json.loads(text)
    except json.JSONDecodeError as e:
        yield Skipped(path, f"malformed JSON: {e.msg} (line {e.lineno}, column {e.colno})")
        return
    yield from _json_articles(path, parsed)


def _json_articles(source: str, parsed: object) -> Iterator[Article | Skipped]:
    """One article object, a list of them, or {"articles": [...]}."""
    if isinstance(parsed, dict) and "text" not in parsed and isinstance(parsed.get("articles"), list):
        parsed = parsed["articles"]
    if isinstance(parsed, dict):
        yield _from_record(source, source, parsed)
    elif isinstance(parsed, list):
        if not parsed:
            yield Skipped(source, "empty JSON list")
        for i, record in enumerate(parsed):
            if isinstance(record, dict):
                yield _from_record(f"{source}[{i}]", source, record)
            else:
                yield Skipped(f"{source}[{i}]", f"not a JSON object but {_json_kind(record)}")
    else:
        yield Skipped(source, f"JSON holds {_json_kind(parsed)}, not an article object or a list of them")


def _from_record(where: str, source: str, record: dict) -> Article | Skipped:
    """An article from a JSON object; `where` names the record in messages, `source` its file."""
    if "text" not in record:
        return Skipped(where, "no 'text' field")
    text = _field(record["text"], joiner="\n\n")
    if text is None:
        return Skipped(where, f"'text' is {_json_kind(record['text'])}, not text")
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        return Skipped(where, "empty 'text' field")
    if "\x00" in text:
        return Skipped(where, "'text' holds binary data")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # "\ud800" escapes decode to lone surrogates
        return Skipped(where, "'text' is not valid Unicode")
    fields = {name: _clean(_field(record.get(name))) for name in ("id", "title", "date", "url")}
    return Article(text=text, source=_record_outlet(record) or domain_of(fields["url"]), **fields)


def _record_outlet(record: dict) -> str:
    """The outlet a record names: "source": "Ledger", or {"name": "Ledger"} as news APIs give it."""
    for key in _OUTLET_KEYS:
        value = record.get(key)
        if isinstance(value, dict):
            value = value.get("name")
        if isinstance(value, str) and value.strip():
            return _clean(value)
    return ""


def _field(value: object, joiner: str = " ") -> str | None:
    """A JSON value as a string field: numbers and booleans spelled out, a list of strings
    joined, null empty; None for what has no sensible text (an object)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (str, int, float)):
        return str(value)
    if isinstance(value, list) and all(isinstance(v, (str, int, float)) for v in value):
        return joiner.join(str(v).strip() for v in value if str(v).strip())
    return None


def _clean(value: str | None) -> str:
    """A one-line metadata field; what cannot be text is dropped rather than the article."""
    if not value:
        return ""
    cleaned = _one_line(value).strip()
    try:
        cleaned.encode("utf-8")
    except UnicodeEncodeError:
        return cleaned.encode("utf-8", "replace").decode("utf-8")
    return cleaned


# -- small helpers ------------------------------------------------------------------------

def _json_kind(value: object) -> str:
    kinds = {dict: "an object", list: "a list", str: "a string", bool: "a boolean", type(None): "null"}
    return kinds.get(type(value), "a number")


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB"


def _one_line(text: str) -> str:
    """Text fit for one line of stderr: control characters (a newline in a file name) escaped."""
    return "".join(c if c.isprintable() or c == " " else repr(c)[1:-1] for c in text)
