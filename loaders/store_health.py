"""Is an embedded store damaged? Checks on open, and checks of each row as it is read.

A store can be damaged by a disk, a copy cut short, or another program: SQLite's own
`quick_check` finds broken pages; a scan of column types finds a blob or a word where text or a
number belongs; and every row read is checked again, since text whose bytes are not UTF-8 is
only seen when it is decoded. Reading skips a damaged row and notes it (what can be read is
still used); writing refuses a store with any damage, so nothing is added to a broken file.
"""
from __future__ import annotations

import math
import sqlite3
from dataclasses import dataclass, field

from newsgraph.graph import is_text

__all__ = ["Damage", "QUICK_CHECK_MAX_BYTES", "TEXT_CHECK_MAX_BYTES", "quick_check", "type_problems", "text_problems", "register",
           "decode_text", "is_text", "is_confidence"]

# The checks read the whole file: about 20 ms per MB in all (quick_check 2-3 ms, column types 5 ms,
# UTF-8 12 ms; measured on a 33 MB store). Reading commands run them up to 64 MB (rows are checked
# as read anyway); writing commands always run quick_check and the type scan, and the UTF-8 scan up
# to 256 MB, so adding one article to a big store does not cost a minute.
QUICK_CHECK_MAX_BYTES = 64 * 1024 * 1024
TEXT_CHECK_MAX_BYTES = 256 * 1024 * 1024

# The type every column must hold (SQLite's typeof); REAL accepts an integer too.
COLUMNS: dict[str, dict[str, tuple[str, ...]]] = {
    "articles": {c: ("text",) for c in ("id", "title", "date", "url", "source", "text")},
    "nodes": {"id": ("text",), "label": ("text",), "name": ("text",)},
    "aliases": {"node": ("text",), "alias": ("text",)},
    "name_keys": {"label": ("text",), "key": ("text",), "node": ("text",)},
    "node_articles": {"article": ("text",), "node": ("text",)},
    "relationships": {c: ("text",) for c in ("id", "subject", "relation", "object", "role", "predicate")},
    "evidence": {"article": ("text",), "id": ("text",), "relationship": ("text",), "sentence": ("text",),
                 "start": ("integer",), "end": ("integer",), "predicate": ("text",),
                 "confidence": ("real", "integer"), "negated": ("integer",), "hedged": ("integer",)},
}


@dataclass
class Damage:
    """What is wrong with a store, as found so far; `rows` counts rows skipped while reading."""

    problems: list[str] = field(default_factory=list)
    rows: int = 0

    def note(self, problem: str) -> None:
        if len(self.problems) < 3:
            self.problems.append(problem)

    def row(self, table: str, key: object, why: str) -> None:
        self.rows += 1
        self.note(f"{table} row {_show(key)}: {why}")

    def __bool__(self) -> bool:
        return bool(self.problems) or self.rows > 0

    def summary(self) -> str:
        head = f"{self.rows} rows could not be read" if self.rows else "it fails its checks"
        return f"{head} ({'; '.join(self.problems)})"


def quick_check(db: sqlite3.Connection) -> str | None:
    """SQLite's first complaint about the file's pages and indexes, or None if it is sound."""
    rows = db.execute("PRAGMA quick_check(3)").fetchall()
    bad = [str(r[0]) for r in rows if r[0] != "ok"]
    return bad[0] if bad else None


def type_problems(db: sqlite3.Connection, tables: set[str]) -> str | None:
    """The first column holding a value of the wrong type, found by one scan per table."""
    for table, columns in COLUMNS.items():
        if table not in tables:
            continue
        for column, kinds in columns.items():
            allowed = ", ".join(f"'{k}'" for k in kinds)
            # Fixed names from COLUMNS, never user text.
            row = db.execute(f'SELECT typeof("{column}") FROM {table} '
                             f'WHERE typeof("{column}") NOT IN ({allowed}) LIMIT 1').fetchone()
            if row:
                return f"{table}.{column} holds a {row[0]} value where {' or '.join(kinds)} belongs"
        if table == "evidence":
            row = db.execute("SELECT confidence FROM evidence WHERE confidence < 0 OR confidence > 1 "
                             "LIMIT 1").fetchone()
            if row:
                return f"evidence.confidence holds {row[0]!r}, outside 0 to 1"
    return None


def text_problems(db: sqlite3.Connection, tables: set[str]) -> str | None:
    """The first text value that is not UTF-8 (a flipped bit SQLite's checks cannot see)."""
    for table, columns in COLUMNS.items():
        if table not in tables:
            continue
        names = [c for c, kinds in columns.items() if kinds == ("text",)]
        # Fixed names from COLUMNS, never user text; `_is_utf8` is registered on this connection.
        condition = " OR ".join(f'NOT _is_utf8(CAST("{c}" AS BLOB))' for c in names)
        row = db.execute(f"SELECT {names[0]} FROM {table} WHERE {condition} LIMIT 1").fetchone()
        if row:
            return f"{table} row {_show(row[0])} holds text that is not UTF-8"
    return None


def register(db: sqlite3.Connection) -> None:
    """The SQL function text_problems uses: its argument reaches Python as raw bytes."""
    db.create_function("_is_utf8", 1, _is_utf8, deterministic=True)


def _is_utf8(value: object) -> bool:
    if isinstance(value, bytes):
        try:
            value.decode("utf-8")
        except UnicodeDecodeError:
            return False
    return not isinstance(value, str) or is_text(value)


def decode_text(data: bytes) -> str:
    """SQLite text to str. Bytes that are not UTF-8 become lone surrogates, which `is_text`
    refuses, so a damaged value is a skipped row rather than an exception mid-read."""
    return data.decode("utf-8", "surrogateescape")




def is_confidence(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value) \
        and 0 <= value <= 1


def _show(key: object) -> str:
    if isinstance(key, str):
        return repr(key.encode("utf-8", "surrogateescape").decode("utf-8", "replace"))[:60]
    return repr(key)[:60]
