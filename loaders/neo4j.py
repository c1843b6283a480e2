"""The Neo4j store: connect over Bolt, write a NewsGraph in batches, read it back, run Cypher.

Writes are idempotent: every node and relationship is `MERGE`d on its content-derived id and its
properties `SET` to values unioned client-side with what the database already holds (read in the
same transaction as the batch; see `neo4j_cypher.merge_*`). So a graph of only new articles adds
to the stored one, and a whole merged graph loads to itself. Lists are never unioned in Cypher.

Every message a user can see goes through `_scrub`, so the password never appears in one.
"""
from __future__ import annotations

import contextlib
import logging
import os
import random
import time
from dataclasses import dataclass, field
from typing import Callable, Iterator, TypeVar
from urllib.parse import quote, urlsplit

import neo4j
from neo4j import exceptions as driver_errors

from newsgraph.graph import (ALL_RELATIONS, LABELS, Extraction, MergePlan, Neo4jError, NewsGraph, QueryError,
                             indexed_resolution_keys, normalize, plan_merge, resolution_keys)
from newsgraph.graph.aliases import AliasRules
from newsgraph.graph.keys import SURNAME

from . import cypher_guard
from . import neo4j_cypher as cy
from .deadline import DeadlineExceeded, deadline
from .store_health import Damage, is_confidence, is_text
from .neo4j_style import browser_style
from .neo4j_values import record_dict

__all__ = ["Connection", "Neo4jStore", "browser_style", "dry_run", "SCHEMES"]

# The driver logs server notifications and its own warnings on the "neo4j" logger; with no
# handler, Python prints them on stderr. Every message a user sees is ours (one line).
logging.getLogger("neo4j").addHandler(logging.NullHandler())
logging.getLogger("neo4j").propagate = False

T = TypeVar("T")  # the record `_readable` makes
SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
DEFAULT_URI = "neo4j://localhost:7687"
DEFAULT_USER = "neo4j"
# How long one operation (connecting, one transaction, one query) and a whole command may wait
# for the server; a server that stops answering is reported after these, never waited on forever.
TIMEOUT_ENV, DEFAULT_TIMEOUT = "NEWSGRAPH_NEO4J_TIMEOUT", 60.0
DEADLINE_ENV, DEFAULT_DEADLINE = "NEWSGRAPH_NEO4J_DEADLINE", 3600.0


def seconds_setting(value: float | str | None, env: str, default: float) -> float:
    """A duration from a flag, else the environment, else the default; 0 means no limit."""
    raw = value if value is not None else os.environ.get(env)
    if raw is None or raw == "":
        return default
    try:
        seconds = float(raw)
    except (TypeError, ValueError):
        seconds = -1.0
    if not seconds >= 0 or seconds == float("inf"):  # also catches NaN
        raise Neo4jError(f"{env}: {raw!r} is not a number of seconds (0 for no limit)")
    return seconds


@dataclass(frozen=True)
class Connection:
    """Where and as whom to connect; `database=None` means the server's default database."""

    uri: str
    user: str
    password: str = field(repr=False)
    database: str | None = None

    @classmethod
    def from_env(cls, uri: str | None = None, user: str | None = None, password: str | None = None,
                 database: str | None = None) -> "Connection":
        """Flags first, then NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE, then defaults."""
        env = os.environ
        return cls(uri=uri or env.get("NEO4J_URI") or DEFAULT_URI,
                   user=user or env.get("NEO4J_USERNAME") or DEFAULT_USER,
                   password=password if password is not None else env.get("NEO4J_PASSWORD", ""),
                   database=database or env.get("NEO4J_DATABASE") or None)

    @property
    def display_uri(self) -> str:
        """The URI without any user:password@ part, for messages.

        Cut at the last "@" after the scheme, not parsed: a password holding "/", "?" or "#"
        unescaped would end a parser's host part early and leave itself in the "rest".
        """
        scheme, sep, rest = self.uri.partition("://")
        if not sep or "@" not in rest:
            return self.uri
        return f"{scheme}://{rest.rsplit('@', 1)[1]}"


def check_uri(uri: str) -> None:
    shown = Connection(uri, "", "").display_uri
    scheme = uri.split("://", 1)[0].lower() if "://" in uri else ""
    if scheme not in SCHEMES:
        raise Neo4jError(f"{shown}: not a Neo4j URI (use bolt://, neo4j:// or their +s/+ssc forms)")
    if shown != uri:
        # The driver would refuse it with the whole URI, password included, in its message.
        raise Neo4jError(f"{shown}: give the user and password with --user/--password or "
                         "NEO4J_USERNAME/NEO4J_PASSWORD, not inside the URI")
    try:
        _ = urlsplit(uri).port  # what the driver will parse: a bad IPv6 host or port fails here
    except ValueError as e:
        raise Neo4jError(f"{shown}: bad URI ({e})") from None


def _first_line(text: str) -> str:
    return (text or "").strip().splitlines()[0] if (text or "").strip() else ""


def dry_run(graph: NewsGraph, batch_size: int = 1000) -> Iterator[tuple[str, int]]:
    """(cypher, rows) for every statement a load would send, schema first; connects to nothing."""
    for statement in cy.SCHEMA:
        yield statement, 0
    for st in cy.write_plan(graph, batch_size):
        yield st.cypher, len(st.rows)


class Neo4jStore:
    """A NewsGraph kept in Neo4j (or anything speaking Bolt and Neo4j 5 Cypher): a `GraphStore`."""

    query_language = "cypher"

    def __init__(self, conn: Connection, *, retry_seconds: float = 30.0,
                 connect_timeout: float = 10.0, timeout: float | None = None,
                 command_deadline: float | None = None) -> None:
        """`timeout` bounds connecting, each transaction and each query; `command_deadline` the
        time from here to closing. None: NEWSGRAPH_NEO4J_TIMEOUT / _DEADLINE or the defaults."""
        self.conn = conn
        self.timeout = seconds_setting(timeout, TIMEOUT_ENV, DEFAULT_TIMEOUT)
        self.command_deadline = seconds_setting(command_deadline, DEADLINE_ENV, DEFAULT_DEADLINE)
        self._whole = contextlib.ExitStack()
        self.damage = Damage()  # records graph() could not read (written by another tool)
        self._schema_ready = False
        self._known: dict[tuple[str, str], list[tuple[str, str]]] = {}  # candidates read for add()
        check_uri(conn.uri)
        try:
            self._driver = neo4j.GraphDatabase.driver(
                conn.uri, auth=(conn.user, conn.password), connection_timeout=connect_timeout,
                # Neo4j warns about types the graph does not hold yet (every named query names all
                # twelve); the driver logs them on the "neo4j" logger, muted above. (Asking the server
                # not to send them, notifications_min_severity, fails against Bolt servers before 5.2.)
                max_transaction_retry_time=retry_seconds)
        except (driver_errors.ConfigurationError, ValueError) as e:
            raise Neo4jError(f"{conn.display_uri}: bad URI ({self._scrub(str(e))})") from None
        try:
            with deadline(self.timeout, "connecting"):
                self._driver.verify_connectivity()
                # verify_connectivity does not open the database: a first query does.
                with self._session() as s:
                    summary = s.run("RETURN 1 AS ok").consume()
                # ArcadeDB announces itself as "Neo4j/5.26.0 compatible (ArcadeDB ...)" and gets its own writes.
                agent = (summary.server.agent if summary.server else "") or ""
                self.dialect = cy.ARCADEDB if "arcadedb" in agent.lower() else cy.NEO4J
        except DeadlineExceeded as e:
            self.close()
            raise self._timed_out(e) from None
        except Exception as e:
            self.close()
            raise self._error(e, "connect") from None

    # -- errors ---------------------------------------------------------------
    def _scrub(self, text: str) -> str:
        text = text.replace(self.conn.uri, self.conn.display_uri)
        if self.conn.password:
            for form in {self.conn.password, quote(self.conn.password, safe=""), quote(self.conn.password)}:
                text = text.replace(form, "***")
        return text

    def _error(self, e: Exception, doing: str, after: str = "") -> Neo4jError:
        """One line for a driver exception: what failed, where, and why; never the password."""
        tail = f"; {after}" if after else ""
        where = self.conn.display_uri
        if isinstance(e, Neo4jError):
            return e
        if isinstance(e, driver_errors.AuthError):
            hint = "" if self.conn.password else " (no password given: set NEO4J_PASSWORD or --password)"
            return Neo4jError(f"{where}: login refused for user {self.conn.user!r}: wrong user or password{hint}")
        code = getattr(e, "code", "") or ""
        if code.endswith("DatabaseNotFound"):
            return Neo4jError(f"{where}: database {self.conn.database!r} does not exist")
        if isinstance(e, (driver_errors.ServiceUnavailable, driver_errors.SessionExpired,
                          ConnectionError, OSError)):
            if doing == "connect":
                return Neo4jError(f"{where}: cannot reach the server ({self._scrub(self._reason(e))})")
            return Neo4jError(f"{where}: lost the server during {doing} "
                              f"({self._scrub(self._reason(e))}){tail}")
        message = getattr(e, "message", None) or str(e)
        return Neo4jError(f"{where}: {doing} failed: {self._scrub(_first_line(message))}"
                          + (f" [{code}]" if code else "") + tail)

    def _timed_out(self, e: DeadlineExceeded, after: str = "") -> Neo4jError:
        """One line for a deadline: what timed out, after how long, and which setting sets it."""
        setting = f"--deadline or {DEADLINE_ENV}" if e.what == "the whole command" else f"--timeout or {TIMEOUT_ENV}"
        tail = f"; {after}" if after else ""
        return Neo4jError(f"{self.conn.display_uri}: timed out {e.what}: the server did not answer within "
                          f"{e.seconds:g} s (set {setting}){tail}")

    @staticmethod
    def _reason(e: Exception) -> str:
        text = str(e)
        if "Connection refused" in text:
            return "connection refused"
        if "timed out" in text.lower():
            return "timed out"
        return _first_line(text) or type(e).__name__

    def _session(self, read: bool = False) -> neo4j.Session:
        return self._driver.session(database=self.conn.database,
                                    default_access_mode=neo4j.READ_ACCESS if read else neo4j.WRITE_ACCESS)

    # -- writing --------------------------------------------------------------
    def ensure_schema(self) -> None:
        """Uniqueness constraints and lookup indexes, IF NOT EXISTS: safe to run before every load
        (and run once per connection)."""
        if self._schema_ready:
            return
        try:
            with deadline(self.timeout, "creating the schema"), self._session() as s:
                for statement in cy.SCHEMA:
                    _schema_with_retry(s, statement)  # schema commands run in their own auto-commit tx
        except DeadlineExceeded as e:
            raise self._timed_out(e) from None
        except Exception as e:
            raise self._error(e, "schema creation") from None
        self._schema_ready = True

    # -- one article at a time (GraphStore) -------------------------------------
    def has_article(self, article_id: str) -> bool:
        return self.run(cy.HAS_ARTICLE, {"id": article_id})[0]["n"] > 0

    def candidates(self, label: str, key: str) -> list[tuple[str, str]]:
        """The `EntityIndex` question, asked of what Neo4j holds: the nodes a NewsGraph read back
        from it (`graph()`) would give. Answered from the keys `add` read for its article, else
        looked up."""
        if (label, key) not in self._known:
            self._look_up([key])
        return self._known.get((label, key), [])

    def _look_up(self, keys: list[str]) -> None:
        """Read the nodes carrying these resolution keys (one round trip; index seeks on :Name(key))
        and remember, per (label, key), the nodes whose own resolution keys include it."""
        bare = sorted({k.removeprefix(SURNAME) for k in keys if k})
        found: dict[tuple[str, str], dict[str, str]] = {}
        for row in self.run(cy.READ_NODES_BY_KEY, {"keys": bare}):
            node = _readable("node", row, self.damage, cy.node_from)
            if node is None:
                continue
            # As graph() indexes a node: its name, and the keys an extraction would give it.
            own = set(indexed_resolution_keys(node.name, resolution_keys(node.label, node.name, node.aliases)))
            for key in (row["key"], SURNAME + row["key"]):
                if key in own:
                    found.setdefault((node.label, key), {})[node.id] = node.name
        for key in keys:
            for label in LABELS:
                self._known[(label, key)] = sorted(found.get((label, key), {}).items())

    def add(self, extraction: Extraction, aliases: AliasRules | None = None) -> MergePlan | None:
        """Merge one article against what Neo4j holds: its entities resolved by a lookup of their
        name keys, then only its nodes and claims written, each unioned with the stored values
        (`write_graph`'s merge). None (and nothing written) if the article is already there.
        `aliases`: the analyst's merges and splits, applied to the article (graph/aliases.py)."""
        art = extraction.article
        if self.has_article(art.id):
            return None
        if aliases:
            extraction = aliases.apply(extraction)
        keys = {k for e in extraction.entities for k in resolution_keys(e.label, e.name, e.aliases)}
        for e in extraction.entities:  # resolve() also looks a person's single words up
            if e.label == "Person":
                keys |= {w for w in normalize(e.name).split()} | {SURNAME + w for w in normalize(e.name).split()}
        self._known = {}
        self._look_up(sorted(keys))
        plan = plan_merge(extraction, aliases.index(self) if aliases else self)
        self._known = {}
        part = NewsGraph()
        part.apply(plan)
        part.articles[art.id] = art
        self.write_graph(part)
        return plan

    def check_nodes(self) -> None:
        """Read every node's fields (not its claims, not the articles) and note in `damage` those
        another tool wrote in a shape newsgraph cannot read, as `graph()` would."""
        try:
            with deadline(self.timeout, "reading the entities"), self._session(read=True) as s:
                nodes = s.execute_read(_read_all, cy.READ_NODES, {})
        except DeadlineExceeded as e:
            raise self._timed_out(e) from None
        except Exception as e:
            raise self._error(e, "reading the graph") from None
        for row in nodes:
            _readable("node", row, self.damage, cy.node_from)

    def stats(self) -> dict:
        """Counts in the shape every store reports them (read whole: records another tool wrote
        are named in `damage`)."""
        return self.graph().stats()

    def write_graph(self, graph: NewsGraph, batch_size: int = 1000,
                    progress: Callable[[int], None] | None = None, *, merge: bool = True) -> dict:
        """Write `graph` in batches; returns counts per kind. `progress(n)` gets the rows of each batch.

        With `merge` (the default) each batch is unioned with the stored values of its nodes and
        claims first, so `graph` may hold only new articles; `merge=False` overwrites them with
        `graph`'s values (faster; right when `graph` is the whole merged graph). Entity
        resolution is the caller's: resolve new articles against `graph()` to reuse node ids.
        Each batch is one managed write transaction (retried on transient errors), so a load cut
        short leaves whole batches only, and running it again completes it exactly.
        """
        self.ensure_schema()
        counts = {"nodes": 0, "names": 0, "articles": 0, "mentions": 0, "relationships": 0, "batches": 0}
        try:
            for st in cy.write_plan(graph, batch_size, self.dialect):
                # A session per batch, closed inside the batch's deadline (closing talks too).
                with deadline(self.timeout, f"writing batch {counts['batches'] + 1}"), self._session() as s:
                    _write_with_retry(s, st, merge, self.dialect)
                    counts[st.kind] += len(st.rows)
                    counts["batches"] += 1
                    if progress:
                        progress(len(st.rows))
        except ValueError as e:
            raise Neo4jError(f"{self.conn.display_uri}: {e}") from None
        except (Exception, DeadlineExceeded) as e:
            written = sum(v for k, v in counts.items() if k != "batches")
            after = (f"{written} rows in {counts['batches']} whole batches were written; "
                     "loading again completes it")
            if isinstance(e, DeadlineExceeded):
                raise self._timed_out(e, after) from None
            raise self._error(e, "the load", after) from None
        return counts

    # -- reading --------------------------------------------------------------
    def graph(self) -> NewsGraph:
        """Read the whole news graph back; equal to the graph written (`NewsGraph.__eq__`)."""
        try:
            # A session per read, opened and closed inside its deadline: closing talks to the server.
            with deadline(self.timeout, "reading the entities"), self._session(read=True) as s:
                nodes = s.execute_read(_read_all, cy.READ_NODES, {})
            with deadline(self.timeout, "reading the articles"), self._session(read=True) as s:
                articles = s.execute_read(_read_all, cy.READ_ARTICLES, {})
            with deadline(self.timeout, "reading the relationships"), self._session(read=True) as s:
                rels = s.execute_read(_read_all, cy.READ_RELATIONSHIPS, {"types": list(ALL_RELATIONS)})
        except DeadlineExceeded as e:
            raise self._timed_out(e) from None
        except Exception as e:
            raise self._error(e, "reading the graph") from None
        g = NewsGraph()
        # A record another tool wrote in a shape we cannot read is skipped and named (self.damage).
        for row in nodes:
            node = _readable("node", row, self.damage, cy.node_from)
            if node is not None:
                # Neo4j keeps no resolution keys: rebuild them the way an extraction would have keyed the node.
                g.add_node(node, resolution_keys(node.label, node.name, node.aliases))
        for row in articles:
            art = _readable("article", row, self.damage, cy.article_from)
            if art is not None:
                g.articles[art.id] = art
        for row in rels:
            if row["subject"] in g and row["object"] in g:
                flat = {**row["props"], "subject": row["subject"], "object": row["object"]}
                rel = _readable("relationship", flat, self.damage, lambda r: cy.relationship_from(r, row["relation"]))
                if rel is not None:
                    g.add_relationship(rel)
        return g

    def run(self, cypher: str, params: dict | None = None, *, read_only: bool = True) -> list[dict]:
        """Rows of any Cypher query as dicts. `read_only` refuses a query that writes.

        Neo4j refuses writes in a READ session itself; ArcadeDB ignores the access mode, so the
        query also runs in an explicit transaction that is always rolled back, and the summary
        is checked: a query that changed anything raises QueryError and leaves no data change.
        """
        params = params or {}
        if read_only:
            # Checked before sending: ArcadeDB ignores the READ access mode and applies schema
            # changes (and new labels) even when the transaction is rolled back.
            why = cypher_guard.refusal(cypher)
            if why:
                raise QueryError(f"{_first_line(cypher)[:60]!r}: the query {why}; "
                                 "only read queries are allowed here")
        try:
            with deadline(self.timeout, "running the query"):
                return self._run_checked(cypher, params, read_only)
        except DeadlineExceeded as e:
            raise self._timed_out(e) from None

    def _run_checked(self, cypher: str, params: dict, read_only: bool) -> list[dict]:
        try:
            if not read_only:
                with self._session() as s:
                    return s.execute_write(_read_all, cypher, params)
            with self._session(read=True) as s:
                tx = s.begin_transaction()
                try:
                    why = None
                    if cypher_guard.server_enforces_access_mode(self._server_agent()):
                        why = cypher_guard.explain_refusal(tx, cypher, params)
                    if why:
                        raise QueryError(f"{_first_line(cypher)[:60]!r}: the server says the query {why}; "
                                         "only read queries are allowed here")
                    result = tx.run(cypher, params)
                    rows = [record_dict(r) for r in result]
                    summary = result.consume()
                finally:
                    tx.rollback()
            if summary.counters.contains_updates or summary.counters.contains_system_updates:
                raise QueryError(f"{_first_line(cypher)[:60]!r}: the query writes; "
                                 "only read queries are allowed here")
            return rows
        except QueryError:
            raise
        except driver_errors.ClientError as e:
            code = e.code or ""
            if "AccessMode" in code or "Forbidden" in code:
                raise QueryError(f"{_first_line(cypher)[:60]!r}: the query writes; "
                                 "only read queries are allowed here") from None
            if code.endswith("DatabaseNotFound") or code.startswith("Neo.ClientError.Security"):
                raise self._error(e, "the query") from None
            raise QueryError(f"Cypher failed: {self._scrub(_first_line(e.message or str(e)))}") from None
        except Exception as e:
            raise self._error(e, "the query") from None

    def _server_agent(self) -> str:
        if not hasattr(self, "_agent"):
            self._agent = self._driver.get_server_info().agent or ""
        return self._agent

    def close(self) -> None:
        """Close the connections; bounded, since a server that stopped answering may not take
        a goodbye either (a connection cut short by a deadline is dropped, not drained)."""
        self._whole.close()
        driver = getattr(self, "_driver", None)
        if driver is None:
            return
        try:
            with deadline(min(self.timeout, 5.0) or 5.0, "closing the connection"):
                driver.close()
        except (Exception, DeadlineExceeded):
            pass

    def __enter__(self) -> "Neo4jStore":
        self._whole.enter_context(deadline(self.command_deadline, "the whole command"))
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        self.close()
        if isinstance(exc, DeadlineExceeded):
            raise self._timed_out(exc) from None


def _readable(kind: str, row: dict, damage: Damage, make: Callable[[dict], T | None]) -> T | None:
    """`make(row)` if the row holds what newsgraph writes (text where text belongs, and so on)."""
    try:
        made = make(row)
        if made is not None:
            _check_types(made)
        return made
    except (KeyError, TypeError, ValueError, AttributeError) as e:
        damage.row(kind, row.get("id"), f"not a newsgraph {kind} ({type(e).__name__}: {_first_line(str(e))[:80]})")
        return None


def _check_types(record: object) -> None:
    for name, value in vars(record).items():
        if name in ("id", "name", "label", "text", "title", "date", "url", "source", "subject", "object",
                    "relation", "role", "predicate") and not is_text(value):
            raise TypeError(f"{name} is {type(value).__name__}, not text")
        if name in ("aliases", "articles") and not all(is_text(v) for v in value):
            raise TypeError(f"{name} holds something other than text")
        if name == "evidence":
            for ev in value:
                if not (is_text(ev.article) and is_text(ev.sentence) and is_text(ev.predicate)
                        and is_confidence(ev.confidence)):
                    raise ValueError("evidence with a field of the wrong type or a confidence outside 0 to 1")


def _schema_with_retry(session: neo4j.Session, statement: str, attempts: int = 5) -> None:
    # Schema commands run in their own auto-commit transaction, which the driver does not retry;
    # on Neo4j two loads creating the same constraint at once can deadlock (a transient error),
    # or the later one, despite IF NOT EXISTS, finds the earlier one's index: what we wanted.
    for attempt in range(attempts):
        try:
            session.run(statement).consume()
            return
        except driver_errors.ClientError as e:
            if (e.code or "").endswith("EquivalentSchemaRuleAlreadyExists"):
                return
            raise
        except driver_errors.TransientError:
            if attempt == attempts - 1:
                raise
            time.sleep(random.uniform(0.05, 0.2) * 2 ** attempt)


def _write_with_retry(session: neo4j.Session, st: cy.Statement, merge: bool, dialect: str,
                      attempts: int = 5) -> None:
    # On ArcadeDB nodes are created by match-then-create (see neo4j_cypher.node_cypher), so a
    # second writer creating the same new node at the same moment makes one batch fail its
    # uniqueness check; run again, that batch finds the node and updates it. The driver retries only transient
    # errors, and ArcadeDB reports this one as a generic client error (SemanticError), so any
    # client error is retried: the statements are ours, never user text, and a real fault
    # fails the same way every time and is raised after the last attempt.
    for attempt in range(attempts):
        try:
            session.execute_write(_write_batch, st, merge, dialect)
            return
        except driver_errors.ClientError as e:
            if attempt == attempts - 1 or isinstance(e, driver_errors.AuthError) \
                    or (e.code or "").endswith("DatabaseNotFound"):
                raise
            time.sleep(random.uniform(0.05, 0.2) * 2 ** attempt)


def _write_batch(tx: neo4j.ManagedTransaction, st: cy.Statement, merge: bool, dialect: str) -> None:
    rows = st.rows
    if merge and st.kind == "nodes":
        read = cy.lock_nodes_by_id(st.label) if dialect == cy.NEO4J else cy.READ_NODES_BY_ID
        stored = [r.data() for r in tx.run(read, ids=[r["id"] for r in rows])]
        rows = cy.merge_node_rows(rows, stored)
    elif merge and st.kind == "relationships":
        ends = [{"id": r["id"], "subject": r["subject"], "object": r["object"]} for r in rows]
        stored = [r.data() for r in tx.run(cy.read_relationships_by_id(st.relation, dialect), rows=ends)]
        rows = cy.merge_relationship_rows(rows, stored, st.relation)
    tx.run(st.cypher, rows=rows).consume()


def _read_all(tx: neo4j.ManagedTransaction, cypher: str, params: dict) -> list[dict]:
    return [record_dict(r) for r in tx.run(cypher, params)]
