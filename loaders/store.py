"""The embedded store: the merged graph in one SQLite file, no server needed.

Each article is merged in its own transaction with the same `plan_merge` the
in-memory `NewsGraph` uses, resolved against the resolution keys already stored, so a
store and a `NewsGraph` fed the same extractions hold the same graph and ids.
Every write is keyed (insert-or-ignore, upsert by id), so the cost of adding an
article depends on the article, not on the size of the store.
"""
from __future__ import annotations

import json
import os
import sqlite3
import stat
from collections import defaultdict
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator

from newsgraph.graph import (Article, Evidence, Extraction, MergePlan, NewsGraph, Node, Relationship,
                             StoreError, dedupe_evidence, evidence_id, indexed_resolution_keys, plan_merge,
                             union_node, union_relationship)
from newsgraph.graph.aliases import AliasRules
from newsgraph.graph.claims import ClaimSet
from newsgraph.graph.names import fold

from .store_health import (QUICK_CHECK_MAX_BYTES, TEXT_CHECK_MAX_BYTES, Damage, decode_text, is_confidence, is_text, quick_check,
                           register, text_problems, type_problems)

DEFAULT_STORE_ENV = "NEWSGRAPH_STORE"
SCHEMA_VERSION = 1
FORMAT = "newsgraph"
# Two writers at once wait for each other rather than fail: an article is one
# short transaction (about a millisecond) between much longer NLP work, so two
# `build`s on one store interleave article by article and both finish; since
# resolution runs inside the write lock, the result is that of some serial order.
# Only a lock held longer than this (a huge write_graph, a stuck process)
# turns into "is busy".
BUSY_TIMEOUT = 30.0

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE articles (
    seq INTEGER PRIMARY KEY,             -- insertion order, so articles() reads back as added
    id TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL, date TEXT NOT NULL, url TEXT NOT NULL, source TEXT NOT NULL,
    text TEXT NOT NULL);
CREATE TABLE nodes (id TEXT PRIMARY KEY, label TEXT NOT NULL, name TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE aliases (
    node TEXT NOT NULL REFERENCES nodes(id), alias TEXT NOT NULL,
    PRIMARY KEY (node, alias)) WITHOUT ROWID;
CREATE TABLE name_keys (                 -- the EntityIndex: resolution looks up (label, key)
    label TEXT NOT NULL, key TEXT NOT NULL, node TEXT NOT NULL REFERENCES nodes(id),
    PRIMARY KEY (label, key, node)) WITHOUT ROWID;
CREATE TABLE node_articles (             -- keyed by article first: one article's rows share a page
    article TEXT NOT NULL, node TEXT NOT NULL REFERENCES nodes(id),
    PRIMARY KEY (article, node)) WITHOUT ROWID;
CREATE TABLE relationships (
    id TEXT PRIMARY KEY,
    subject TEXT NOT NULL REFERENCES nodes(id), relation TEXT NOT NULL,
    object TEXT NOT NULL REFERENCES nodes(id),
    role TEXT NOT NULL, predicate TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE evidence (
    -- id = evidence_id(claim, article, start, end): one row per claim and span. The id already
    -- determines the article, so keying by (article, id) is as unique and keeps an article's rows
    -- on one page (fewer pages written per article).
    article TEXT NOT NULL, id TEXT NOT NULL,
    relationship TEXT NOT NULL REFERENCES relationships(id),
    sentence TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    predicate TEXT NOT NULL, confidence REAL NOT NULL,
    negated INTEGER NOT NULL, hedged INTEGER NOT NULL,
    PRIMARY KEY (article, id)) WITHOUT ROWID;
"""
# What the named queries read, so a query reads its answer and not the store: claims by either end
# (a query without a name reads claims by type, a good share of them: a scan), evidence by claim,
# and the keys a user may type for a node (`Node.keys`), folded (no accents) and cut into words for
# prefix matching. All derived from the tables above: a store made before they existed gets them
# the next time it is opened for writing (QUERY_INDEX in meta). They about double the cost of
# adding an article (bench/store_growth.py), still a small part of extracting it.
_QUERY_INDEX = """
CREATE TABLE IF NOT EXISTS match_keys (
    key TEXT NOT NULL, node TEXT NOT NULL REFERENCES nodes(id), folded TEXT NOT NULL,
    PRIMARY KEY (key, node)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS match_keys_by_node ON match_keys (node);
CREATE TABLE IF NOT EXISTS match_words (
    word TEXT NOT NULL, node TEXT NOT NULL REFERENCES nodes(id),
    PRIMARY KEY (word, node)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS relationships_by_object ON relationships (object, relation);
CREATE INDEX IF NOT EXISTS relationships_by_subject ON relationships (subject);
CREATE INDEX IF NOT EXISTS evidence_by_relationship ON evidence (relationship);
"""
QUERY_INDEX = "query_index"  # meta key, "1" once the tables above exist and are filled


def default_store_path() -> Path:
    """$NEWSGRAPH_STORE, else $XDG_DATA_HOME/newsgraph/newsgraph.db (XDG default ~/.local/share)."""
    env = os.environ.get(DEFAULT_STORE_ENV)
    if env:
        return Path(env).expanduser()
    data = os.environ.get("XDG_DATA_HOME", "")
    # The XDG spec says a relative (or empty) value is invalid and must be ignored.
    base = Path(data) if data and os.path.isabs(data) else Path.home() / ".local" / "share"
    return base / "newsgraph" / "newsgraph.db"


class Store:
    """The graph in one SQLite file (a `GraphStore`); an `EntityIndex` too (resolution reads its resolution
    keys, `name_keys`)."""

    query_language = "sql"

    def __init__(self, path: str | Path, *, readonly: bool = False,
                 busy_timeout: float = BUSY_TIMEOUT) -> None:
        self.path = Path(path).expanduser()
        self.readonly = readonly
        self.damage = Damage()  # what reading found wrong; see store_health
        self._db: sqlite3.Connection | None = None
        self._db = self._connect(busy_timeout)
        try:
            self._open_schema()
        except BaseException:
            self.close()
            raise

    # -- opening --------------------------------------------------------------
    def _connect(self, busy_timeout: float) -> sqlite3.Connection:
        kind = _not_a_file(self.path)
        if kind:
            # SQLite would open a FIFO and wait on it forever, or fail later with a vaguer message.
            raise StoreError(f"cannot use {self.path} as a store: it is {kind}, not a file")
        if self.readonly:
            if not self.path.exists():
                raise StoreError(f"there is no store at {self.path} yet; run `newsgraph build` first")
            uri = f"{self.path.resolve().as_uri()}?mode=ro"
            if not os.access(self.path.resolve().parent, os.W_OK):
                # A read-only mount (or folder): SQLite cannot create the WAL index beside the
                # file, so open it as immutable. Nothing can be writing to it there anyway.
                uri += "&immutable=1"
        else:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as e:
                raise StoreError(f"cannot create the folder for store {self.path}: {e.strerror}") from None
            if not os.access(self.path.resolve().parent, os.W_OK):
                raise StoreError(f"cannot write to store {self.path}: its folder is read-only "
                                 "(reading commands can still use it)")
            uri = f"{self.path.resolve().as_uri()}?mode=rwc"
        try:
            # isolation_level=None: we issue BEGIN/COMMIT ourselves (one transaction per article).
            db = sqlite3.connect(uri, uri=True, timeout=busy_timeout, isolation_level=None)
        except sqlite3.Error as e:
            raise StoreError(f"cannot open store {self.path}: {e}") from None
        db.text_factory = decode_text  # damaged text is caught row by row, not mid-read
        register(db)
        return db

    def _open_schema(self) -> None:
        with self._errors("open"):
            db = self._conn
            tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if not tables and not self.readonly:
                self._create()
                tables = {"meta"}
            if "meta" not in tables:
                raise StoreError(f"{self.path} is not a newsgraph store (an SQLite file without its tables)")
            meta = dict(db.execute("SELECT key, value FROM meta"))
            raw_version = meta.get("schema_version", "")
            if meta.get("format") != FORMAT or not isinstance(raw_version, str) \
                    or not (raw_version.isascii() and raw_version.isdigit() and len(raw_version) < 10):
                raise StoreError(f"{self.path} is not a newsgraph store, or a damaged one "
                                 "(its meta table is not ours)")
            version = int(raw_version)
            if version != SCHEMA_VERSION:
                raise StoreError(f"store {self.path} has schema version {version}; "
                                 f"this newsgraph reads version {SCHEMA_VERSION}")
            self._check_health(tables)  # before anything below may write to the file
            self.indexed = meta.get(QUERY_INDEX) == "1"
            if not self.indexed and not self.readonly:
                self._index_for_queries()
            if not self.readonly:
                # WAL: readers never block the writer, and a killed process leaves the file whole.
                # synchronous=NORMAL: in WAL mode a commit survives a crashed or killed process;
                # only a power cut can drop the last few commits (never corrupt the file), and a
                # rerun of `build` re-adds exactly those articles, so FULL's fsync per article
                # would buy little at a large cost per article.
                db.execute("PRAGMA journal_mode = WAL")
                db.execute("PRAGMA synchronous = NORMAL")
            db.execute("PRAGMA cache_size = -65536")  # 64 MiB: keep the key indexes in memory

    def _check_health(self, tables: set[str]) -> None:
        """Writers refuse a damaged store (nothing is added to it); readers note what they find
        and go on, skipping damaged rows, so what can be read still is."""
        db = self._conn
        size = self.path.stat().st_size
        if self.readonly and size > QUICK_CHECK_MAX_BYTES:
            return
        problem = quick_check(db) or type_problems(db, tables)
        if problem is None and size <= TEXT_CHECK_MAX_BYTES:
            problem = text_problems(db, tables)
        if problem is None:
            return
        if not self.readonly:
            raise StoreError(f"store {self.path} is damaged: {problem}; nothing was written to it "
                             "(`newsgraph export --format jsonl` saves what can be read)")
        self.damage.note(problem)

    def _index_for_queries(self) -> None:
        """Add the query index to a store made before it (one transaction; a no-op if another
        process did it meanwhile)."""
        with self._write("index", "the query index") as db:
            if db.execute("SELECT 1 FROM meta WHERE key = ?", (QUERY_INDEX,)).fetchone() is None:
                for stmt in _QUERY_INDEX.split(";"):
                    if stmt.strip():
                        db.execute(stmt)
                aliases = _grouped(db.execute("SELECT node, alias FROM aliases"))
                for nid, label, name in db.execute("SELECT id, label, name FROM nodes").fetchall():
                    self._index_keys(db, Node(id=nid, label=label, name=name, aliases=aliases.get(nid, [])))
                db.execute("INSERT INTO meta (key, value) VALUES (?, '1')", (QUERY_INDEX,))
        self.indexed = True

    def _create(self) -> None:
        db = self._conn
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("BEGIN IMMEDIATE")
        try:
            # Another process may have created the schema while we waited for the lock.
            if db.execute("SELECT 1 FROM sqlite_master WHERE name = 'meta'").fetchone() is None:
                # one statement at a time: executescript() would COMMIT our transaction
                for stmt in (_SCHEMA + _QUERY_INDEX).split(";"):
                    if stmt.strip():
                        db.execute(stmt)
                db.executemany("INSERT INTO meta (key, value) VALUES (?, ?)",
                               [("format", FORMAT), ("schema_version", str(SCHEMA_VERSION)), (QUERY_INDEX, "1")])
            db.execute("COMMIT")
        except BaseException:
            db.rollback()
            raise

    @property
    def _conn(self) -> sqlite3.Connection:
        if self._db is None:
            raise StoreError(f"store {self.path} is closed")
        return self._db

    @contextmanager
    def _errors(self, doing: str) -> Iterator[None]:
        """Turn SQLite's exceptions into one-line StoreErrors naming the store."""
        try:
            yield
        except sqlite3.OperationalError as e:
            msg = str(e)
            if "locked" in msg or "busy" in msg:
                raise StoreError(f"store {self.path} is busy: another newsgraph process is writing to it; "
                                 "try again when it is done") from None
            raise StoreError(f"cannot {doing} store {self.path}: {msg}") from None
        except sqlite3.DatabaseError as e:
            msg = str(e)
            if "malformed" in msg:
                raise StoreError(f"store {self.path} is damaged ({msg}); nothing was written to it") from None
            if "not a database" in msg:
                raise StoreError(f"{self.path} is not a newsgraph store (not a valid SQLite file: {msg})") \
                    from None
            raise StoreError(f"cannot {doing} store {self.path}: {msg}") from None

    @contextmanager
    def _write(self, doing: str, what: str) -> Iterator[sqlite3.Connection]:
        """One write transaction: BEGIN IMMEDIATE takes the write lock before we read anything,
        so resolution sees every article committed before ours, and a failure undoes it all."""
        if self.readonly:
            raise StoreError(f"cannot {doing} store {self.path}: it was opened read-only")
        db = self._conn
        with self._errors(doing):
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
                db.execute("COMMIT")
            except UnicodeEncodeError as e:  # lone surrogates from undecodable input bytes
                db.rollback()
                raise StoreError(f"cannot store {what}: its text is not valid Unicode ({e.reason})") from None
            except BaseException:
                if db.in_transaction:
                    db.rollback()
                raise

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        """One read transaction: a consistent snapshot even while another process writes."""
        db = self._conn
        with self._errors("read"):
            db.execute("BEGIN")
            try:
                yield db
            finally:
                db.execute("COMMIT")

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- EntityIndex ------------------------------------------------------------
    def candidates(self, label: str, key: str) -> list[tuple[str, str]]:
        with self._errors("read"):
            rows = self._conn.execute(
                "SELECT k.node, n.name FROM name_keys k JOIN nodes n ON n.id = k.node "
                "WHERE k.label = ? AND k.key = ? ORDER BY k.node", (label, key)).fetchall()
        return [(nid, name) for nid, name in rows]

    # -- writing ----------------------------------------------------------------
    def has_article(self, article_id: str) -> bool:
        with self._errors("read"):
            row = self._conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row is not None

    def stored_article(self, article_id: str) -> Article | None:
        """The stored article with this id, or None."""
        with self._errors("read"):
            row = self._conn.execute("SELECT id, title, date, url, source, text FROM articles WHERE id = ?",
                                     (article_id,)).fetchone()
        if row is None:
            return None
        aid, title, date, url, source, text = row
        return Article(text=text, id=aid, title=title, date=date, url=url, source=source)

    def add(self, extraction: Extraction, aliases: AliasRules | None = None) -> MergePlan | None:
        """Merge one article in one transaction; None (and no change) if it is already stored.
        `aliases`: the analyst's merges and splits, applied to the article (graph/aliases.py)."""
        art = extraction.article
        with self._write("add to", f"article {art.id}") as db:
            if db.execute("SELECT 1 FROM articles WHERE id = ?", (art.id,)).fetchone():
                return None
            if aliases:
                extraction = aliases.apply(extraction)
            plan = plan_merge(extraction, aliases.index(self) if aliases else self)
            self._insert_articles(db, [art])
            for node in plan.nodes:
                self._union_node(db, node, plan.resolution_keys.get(node.id, ()))
            for rel in plan.relationships:
                self._union_relationship(db, rel)
        return plan

    def write_graph(self, graph: NewsGraph) -> None:
        """Union a whole NewsGraph in, in one transaction (restoring an export)."""
        with self._write("write to", "the graph") as db:
            self._insert_articles(db, graph.articles.values())
            for node in graph.nodes():
                self._union_node(db, node, graph.resolution_keys_of(node.id))
            for rel in graph.relationships():
                self._union_relationship(db, rel)

    def replace_graph(self, graph: NewsGraph, touched: Iterable[str] = ()) -> None:
        """Replace every stored node and claim with `graph`'s, in one transaction (the analyst's
        aliases applied to the whole store); articles stay, and `graph`'s new ones are added.
        `touched`: the name keys the change was about, remembered (`alias_keys`) so that `load`
        rewrites those nodes on Neo4j, whose load only unions."""
        with self._write("write to", "the graph") as db:
            row = db.execute("SELECT value FROM meta WHERE key = 'aliases.touched'").fetchone()
            keys = sorted(set(json.loads(row[0]) if row else []) | set(touched))
            db.execute("INSERT INTO meta (key, value) VALUES ('aliases.touched', ?) "
                       "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (json.dumps(keys),))
            # The query index (match_keys, match_words) is derived from the nodes: emptied with them and
            # rebuilt as each node is written back, so a named query finds the merged names.
            for table in ("evidence", "relationships", "name_keys", "match_keys", "match_words", "aliases",
                          "node_articles", "nodes"):
                db.execute(f"DELETE FROM {table}")  # fixed table names
            self._insert_articles(db, graph.articles.values())
            for node in graph.nodes():
                self._union_node(db, node, graph.resolution_keys_of(node.id))
            for rel in graph.relationships():
                self._union_relationship(db, rel)

    def alias_keys(self) -> list[str]:
        """The name keys every alias merge or split so far was about (see replace_graph)."""
        with self._errors("read"):
            row = self._conn.execute("SELECT value FROM meta WHERE key = 'aliases.touched'").fetchone()
        return list(json.loads(row[0])) if row else []

    def _insert_articles(self, db: sqlite3.Connection, articles: Iterable[Article]) -> None:
        db.executemany(
            "INSERT OR IGNORE INTO articles (id, title, date, url, source, text) VALUES (?, ?, ?, ?, ?, ?)",
            [(a.id, a.title, a.date, a.url, a.source, a.text) for a in articles])

    def _union_node(self, db: sqlite3.Connection, node: Node, keys: Iterable[str]) -> None:
        """`union_node` written as a delta, so a busy node costs no more than a new one: the stored
        node is read without its aliases and articles (the union only adds to them), and the
        union's aliases, articles and resolution keys are inserted beside what is stored."""
        row = db.execute("SELECT label, name FROM nodes WHERE id = ?", (node.id,)).fetchone()
        merged = union_node(None if row is None else Node(id=node.id, label=row[0], name=row[1]), node)
        if row is None:
            db.execute("INSERT INTO nodes (id, label, name) VALUES (?, ?, ?)", (node.id, merged.label, merged.name))
        elif merged.name != row[1]:
            db.execute("UPDATE nodes SET name = ? WHERE id = ?", (merged.name, node.id))
            db.execute("DELETE FROM aliases WHERE node = ? AND alias = ?", (node.id, merged.name))
        db.executemany("INSERT OR IGNORE INTO aliases (node, alias) VALUES (?, ?)",
                       [(node.id, a) for a in merged.aliases])
        db.executemany("INSERT OR IGNORE INTO node_articles (article, node) VALUES (?, ?)",
                       [(a, node.id) for a in merged.articles])
        db.executemany("INSERT OR IGNORE INTO name_keys (label, key, node) VALUES (?, ?, ?)",
                       [(merged.label, k, node.id) for k in indexed_resolution_keys(merged.name, keys)])
        # A node's keys only grow (an old name stays as an alias), so only the new ones are added.
        self._index_keys(db, merged)

    @staticmethod
    def _index_keys(db: sqlite3.Connection, node: Node) -> None:
        """The query index of `node`: its keys (what a user may type), folded, and their words."""
        keys = [(k, node.id, fold(k)) for k in node.keys]
        db.executemany("INSERT OR IGNORE INTO match_keys (key, node, folded) VALUES (?, ?, ?)", keys)
        db.executemany("INSERT OR IGNORE INTO match_words (word, node) VALUES (?, ?)",
                       sorted({(w, node.id) for _, _, f in keys for w in f.split()}))

    def _union_relationship(self, db: sqlite3.Connection, rel: Relationship) -> None:
        """`union_relationship` written as a delta: the stored claim is read without its evidence,
        and the union's evidence inserted beside it (INSERT OR IGNORE keeps the piece stored first
        for a span, as the union does)."""
        row = db.execute("SELECT role, predicate FROM relationships WHERE id = ?", (rel.id,)).fetchone()
        old = None if row is None else Relationship(id=rel.id, subject=rel.subject, relation=rel.relation,
                                                    object=rel.object, role=row[0], predicate=row[1])
        merged = union_relationship(old, rel)
        db.execute(
            "INSERT INTO relationships (id, subject, relation, object, role, predicate) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
            "role = excluded.role, predicate = excluded.predicate",
            (merged.id, merged.subject, merged.relation, merged.object, merged.role, merged.predicate))
        db.executemany(
            'INSERT OR IGNORE INTO evidence (id, relationship, article, sentence, start, "end", predicate, '
            "confidence, negated, hedged) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(evidence_id(rel.id, e.article, e.start, e.end), rel.id, e.article, e.sentence, e.start, e.end,
              e.predicate, float(e.confidence), int(e.negated), int(e.hedged)) for e in merged.evidence])

    # -- reading ----------------------------------------------------------------
    def articles(self) -> Iterator[Article]:
        """Every stored article, in the order they were added.

        Read in pages, so no statement stays open between two items: the caller may
        add to the store while iterating, and a large store is never all in memory.
        """
        last = 0
        while True:
            with self._errors("read"):
                rows = self._conn.execute(
                    "SELECT seq, id, title, date, url, source, text FROM articles WHERE seq > ? "
                    "ORDER BY seq LIMIT 500", (last,)).fetchall()
            if not rows:
                return
            for last, aid, title, date, url, source, text in rows:
                if not all(is_text(v) for v in (aid, title, date, url, source, text)):
                    self.damage.row("articles", aid, "a field is not text")
                    continue
                yield Article(text=text, id=aid, title=title, date=date, url=url, source=source)

    def graph(self) -> NewsGraph:
        """The whole store read back into a NewsGraph (one consistent snapshot)."""
        g = NewsGraph()
        with self._read() as db:
            for art in self.articles():
                g.articles[art.id] = art
            # Every row is checked as read: a damaged one is skipped and noted in self.damage.
            aliases = _grouped(self._valid("aliases", db.execute("SELECT node, alias FROM aliases")))
            node_articles = _grouped(self._valid("node_articles",
                                                 db.execute("SELECT node, article FROM node_articles")))
            keys: dict[str, list[str]] = defaultdict(list)
            for label, key, nid in self._valid("name_keys", db.execute("SELECT label, key, node FROM name_keys")):
                keys[nid].append(key)
            for nid, label, name in self._valid("nodes", db.execute(
                    "SELECT id, label, name FROM nodes ORDER BY id").fetchall()):
                try:
                    g.add_node(Node(id=nid, label=label, name=name, aliases=aliases.get(nid, []),
                                    articles=node_articles.get(nid, [])), keys.get(nid, ()))
                except (ValueError, TypeError) as e:
                    self.damage.row("nodes", nid, str(e))
            evidence = self._evidence(db.execute('SELECT relationship, article, sentence, start, "end", '
                                                 "predicate, confidence, negated, hedged FROM evidence"))
            for rid, s, relation, o, role, predicate in self._valid("relationships", db.execute(
                    "SELECT id, subject, relation, object, role, predicate FROM relationships").fetchall()):
                if s not in g or o not in g:
                    self.damage.row("relationships", rid, "an end is a node that could not be read")
                    continue
                try:
                    g.add_relationship(Relationship(id=rid, subject=s, relation=relation, object=o, role=role,
                                                    predicate=predicate, evidence=evidence.get(rid, [])))
                except (ValueError, TypeError) as e:
                    self.damage.row("relationships", rid, str(e))
        return g

    # -- answering queries ----------------------------------------------------------
    def run(self, statement: str, params: dict | None = None) -> list[dict]:
        """Rows of one read-only SQL statement (the named queries' SQL, in queries/), as dicts.

        `query_only` makes SQLite itself refuse a statement that would write."""
        with self._read() as db:
            db.execute("PRAGMA query_only = ON")
            try:
                cur = db.execute(statement, params or {})
                cols = [d[0] for d in cur.description or ()]
                return [dict(zip(cols, row)) for row in cur]
            finally:
                db.execute("PRAGMA query_only = OFF")

    def claims(self, ids: Iterable[str]) -> ClaimSet:
        """The claims with these ids, with all their evidence and their two ends' names: a
        query's answer read from the indexes, nothing else (no article text, no other claim).
        Damaged rows are skipped and noted, as `graph()` does."""
        wanted = json.dumps(sorted(set(ids)))
        out = ClaimSet()
        with self._read() as db:
            rels = list(self._valid("relationships", db.execute(
                "SELECT id, subject, relation, object, role, predicate FROM relationships "
                "WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id", (wanted,))))
            ends = json.dumps(sorted({n for r in rels for n in (r[1], r[3])}))
            for nid, label, name in self._valid("nodes", db.execute(
                    "SELECT id, label, name FROM nodes WHERE id IN (SELECT value FROM json_each(?))", (ends,))):
                try:
                    out.nodes[nid] = Node(id=nid, label=label, name=name)
                except (ValueError, TypeError) as e:
                    self.damage.row("nodes", nid, str(e))
            evidence = self._evidence(db.execute(
                'SELECT relationship, article, sentence, start, "end", predicate, confidence, negated, hedged '
                "FROM evidence WHERE relationship IN (SELECT value FROM json_each(?))", (wanted,)))
        for rid, s, relation, o, role, predicate in rels:
            if s not in out.nodes or o not in out.nodes:
                self.damage.row("relationships", rid, "an end is a node that could not be read")
                continue
            try:
                out.relationships.append(Relationship(
                    id=rid, subject=s, relation=relation, object=o, role=role, predicate=predicate,
                    evidence=dedupe_evidence(rid, evidence.get(rid, []))))  # as NewsGraph holds it
            except (ValueError, TypeError) as e:
                self.damage.row("relationships", rid, str(e))
        out.articles = self.sources({ev.article for r in out.relationships for ev in r.evidence})
        return out

    def sources(self, ids: Iterable[str]) -> dict[str, Article]:
        """The articles with these ids, without their text (what a row's citation needs)."""
        out = {}
        with self._read() as db:
            for row in self._valid("articles", db.execute(
                    "SELECT id, title, date, url, source FROM articles WHERE id IN (SELECT value FROM json_each(?))",
                    (json.dumps(sorted(set(ids))),))):
                aid, title, date, url, source = row
                out[aid] = Article(text="", id=aid, title=title, date=date, url=url, source=source)
        return out

    def _evidence(self, rows: Iterable[tuple]) -> dict[str, list[Evidence]]:
        """Evidence rows by claim id; a row not of its types is skipped and noted."""
        evidence: dict[str, list[Evidence]] = defaultdict(list)
        for row in rows:
            rid, art, sentence, start, end, predicate, conf, neg, hedged = row
            if not (all(is_text(v) for v in (rid, art, sentence, predicate)) and is_confidence(conf)
                    and all(type(v) is int for v in (start, end, neg, hedged))):
                self.damage.row("evidence", rid, "a field is not of its type")
                continue
            evidence[rid].append(Evidence(article=art, sentence=sentence, start=start, end=end,
                                          predicate=predicate, confidence=conf,
                                          negated=bool(neg), hedged=bool(hedged)))
        return evidence

    def _valid(self, table: str, rows: Iterable[tuple], text_fields: int | None = None) -> Iterator[tuple]:
        """Rows whose every field (or first `text_fields`) is text; the others noted as damage."""
        for row in rows:
            if all(is_text(v) for v in row[:text_fields]):
                yield row
            else:
                self.damage.row(table, row[0], "a field is not text")

    # -- provenance -------------------------------------------------------------
    def record_build(self, info: dict[str, str]) -> None:
        """Remember what built the store (newsgraph version, spaCy pipeline): `built.*` meta keys,
        the latest build's values; a store built by several versions says so in `built.versions`."""
        with self._write("write to", "the build record") as db:
            meta = dict(db.execute("SELECT key, value FROM meta WHERE key LIKE 'built.%'"))
            rows = {f"built.{k}": str(v) for k, v in info.items()}
            if "version" in info:
                seen = [v for v in meta.get("built.versions", "").split(",") if v]
                rows["built.versions"] = ",".join(dict.fromkeys([*seen, str(info["version"])]))
            db.executemany("INSERT INTO meta (key, value) VALUES (?, ?) "
                           "ON CONFLICT (key) DO UPDATE SET value = excluded.value", sorted(rows.items()))

    def built_by(self) -> dict[str, str]:
        """What built the store, as `record_build` wrote it ({} for a store from before it existed)."""
        with self._errors("read"):
            rows = self._conn.execute("SELECT key, value FROM meta WHERE key LIKE 'built.%' ORDER BY key")
            return {k.removeprefix("built."): v for k, v in rows}

    def stats(self) -> dict:
        """Counts: articles, entities, relationships, evidence, and per label / relationship type."""
        with self._read() as db:
            count = {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # fixed table names
                     for t in ("articles", "nodes", "relationships", "evidence")}
            labels = dict(self._valid("nodes", db.execute(
                "SELECT label, count(*) FROM nodes GROUP BY label ORDER BY label"), 1))
            relations = dict(self._valid("relationships", db.execute(
                "SELECT relation, count(*) FROM relationships GROUP BY relation ORDER BY relation"), 1))
        return {"articles": count["articles"], "entities": count["nodes"],
                "relationships": count["relationships"], "evidence": count["evidence"],
                "labels": labels, "relations": relations}


def _not_a_file(path: Path) -> str | None:
    """What `path` is when it exists and is not a regular file (symlinks followed), else None."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return None
    except OSError:
        return None  # unreadable or a dangling link: opening says why
    if stat.S_ISREG(mode):
        return None
    for test, kind in ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device")):
        if test(mode):
            return kind
    return "not a regular file"


def _grouped(rows: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for key, value in rows:
        out[key].append(value)
    return out
