"""The Neo4j store: connect over Bolt, write a NewsGraph in batches, read it back, run Cypher.

Writes are idempotent: every node and relationship is `MERGE`d on its content-derived id and its
properties `SET` to values unioned client-side with what the database already holds (read in the
same transaction as the batch; see `neo4j_cypher.merge_*`). So a graph of only new articles adds
to the stored one, and a whole merged graph loads to itself. Lists are never unioned in Cypher.

Every message a user can see goes through `_scrub`, so the password never appears in one.
"""
from __future__ import annotations

import os
import random
import re
import time
from dataclasses import dataclass, field
from typing import Callable, Iterator
from urllib.parse import quote, urlsplit

import neo4j
from neo4j import exceptions as driver_errors

from newsgraph.graph import ALL_RELATIONS, Entity, Neo4jError, NewsGraph, QueryError
from newsgraph.graph.resolve import name_keys

from . import neo4j_cypher as cy
from .neo4j_style import browser_style
from .neo4j_values import record_dict

__all__ = ["Connection", "Neo4jStore", "browser_style", "dry_run", "SCHEMES"]

_COMMENT = re.compile(r"//[^\n]*|/\*.*?\*/", re.S)
_SCHEMA_COMMAND = re.compile(
    r"\b(CREATE|DROP|ALTER|RENAME)\s+(OR\s+REPLACE\s+)?(\w+\s+)?(INDEX|CONSTRAINT|DATABASE|ALIAS|USER|ROLE)\b",
    re.I)
SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
DEFAULT_URI = "neo4j://localhost:7687"
DEFAULT_USER = "neo4j"


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
        """The URI without any user:password@ part, for messages."""
        parts = urlsplit(self.uri)
        if "@" not in parts.netloc:
            return self.uri
        return parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]).geturl()


def check_uri(uri: str) -> None:
    shown = Connection(uri, "", "").display_uri
    scheme = uri.split("://", 1)[0].lower() if "://" in uri else ""
    if scheme not in SCHEMES:
        raise Neo4jError(f"{shown}: not a Neo4j URI (use bolt://, neo4j:// or their +s/+ssc forms)")
    if shown != uri:
        # The driver would refuse it with the whole URI, password included, in its message.
        raise Neo4jError(f"{shown}: give the user and password with --user/--password or "
                         "NEO4J_USERNAME/NEO4J_PASSWORD, not inside the URI")


def _first_line(text: str) -> str:
    return (text or "").strip().splitlines()[0] if (text or "").strip() else ""


def dry_run(graph: NewsGraph, batch_size: int = 1000) -> Iterator[tuple[str, int]]:
    """(cypher, rows) for every statement a load would send, schema first; connects to nothing."""
    for statement in cy.SCHEMA:
        yield statement, 0
    for st in cy.write_plan(graph, batch_size):
        yield st.cypher, len(st.rows)


class Neo4jStore:
    """A NewsGraph kept in Neo4j (or anything speaking Bolt and Neo4j 5 Cypher)."""

    def __init__(self, conn: Connection, *, retry_seconds: float = 30.0,
                 connect_timeout: float = 10.0) -> None:
        self.conn = conn
        check_uri(conn.uri)
        try:
            self._driver = neo4j.GraphDatabase.driver(
                conn.uri, auth=(conn.user, conn.password), connection_timeout=connect_timeout,
                max_transaction_retry_time=retry_seconds,
                # Neo4j warns about types the graph does not hold yet (every named query names
                # all twelve); the driver would log each warning to stderr.
                notifications_min_severity="OFF")
        except (driver_errors.ConfigurationError, ValueError) as e:
            raise Neo4jError(f"{conn.display_uri}: bad URI ({self._scrub(str(e))})") from None
        try:
            self._driver.verify_connectivity()
            # verify_connectivity does not open the database: a first query does.
            with self._session() as s:
                s.run("RETURN 1 AS ok").consume()
            # ArcadeDB announces itself as "Neo4j/5.26.0 compatible (ArcadeDB ...)" and gets its own writes.
            agent = self._driver.get_server_info().agent or ""
            self.dialect = cy.ARCADEDB if "arcadedb" in agent.lower() else cy.NEO4J
        except Exception as e:
            self._driver.close()
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
        """Uniqueness constraints and lookup indexes, IF NOT EXISTS: safe to run before every load."""
        try:
            with self._session() as s:
                for statement in cy.SCHEMA:
                    _schema_with_retry(s, statement)
        except Exception as e:
            raise self._error(e, "schema creation") from None

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
            with self._session() as s:
                for st in cy.write_plan(graph, batch_size, self.dialect):
                    _write_with_retry(s, st, merge, self.dialect)
                    counts[st.kind] += len(st.rows)
                    counts["batches"] += 1
                    if progress:
                        progress(len(st.rows))
        except ValueError as e:
            raise Neo4jError(f"{self.conn.display_uri}: {e}") from None
        except Exception as e:
            written = sum(v for k, v in counts.items() if k != "batches")
            raise self._error(e, "the load", f"{written} rows in {counts['batches']} whole batches were "
                                              "written; loading again completes it") from None
        return counts

    # -- reading --------------------------------------------------------------
    def graph(self) -> NewsGraph:
        """Read the whole news graph back; equal to the graph written (`NewsGraph.__eq__`)."""
        try:
            with self._session(read=True) as s:
                nodes = s.execute_read(_read_all, cy.READ_NODES, {})
                articles = s.execute_read(_read_all, cy.READ_ARTICLES, {})
                rels = s.execute_read(_read_all, cy.READ_RELATIONSHIPS, {"types": list(ALL_RELATIONS)})
        except Exception as e:
            raise self._error(e, "reading the graph") from None
        g = NewsGraph()
        for row in nodes:
            node = cy.node_from(row)
            if node is not None:
                # Rebuild the resolution index the way an extraction would have keyed the node.
                g.add_node(node, name_keys(Entity(name=node.name, label=node.label, aliases=node.aliases)))
        for row in articles:
            art = cy.article_from(row)
            g.articles[art.id] = art
        for row in rels:
            if row["subject"] in g.g and row["object"] in g.g:
                flat = {**row["props"], "subject": row["subject"], "object": row["object"]}
                g.add_relationship(cy.relationship_from(flat, row["relation"]))
        return g

    def run(self, cypher: str, params: dict | None = None, *, read_only: bool = True) -> list[dict]:
        """Rows of any Cypher query as dicts. `read_only` refuses a query that writes.

        Neo4j refuses writes in a READ session itself; ArcadeDB ignores the access mode, so the
        query also runs in an explicit transaction that is always rolled back, and the summary
        is checked: a query that changed anything raises QueryError and leaves no data change.
        """
        params = params or {}
        if read_only and _SCHEMA_COMMAND.search(_COMMENT.sub(" ", cypher)):
            # Checked before sending: ArcadeDB applies schema commands outside the transaction,
            # so a rollback would not undo them.
            raise QueryError(f"{_first_line(cypher)[:60]!r}: the query changes the schema; "
                             "only read queries are allowed here")
        try:
            if not read_only:
                with self._session() as s:
                    return s.execute_write(_read_all, cypher, params)
            with self._session(read=True) as s:
                tx = s.begin_transaction()
                try:
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

    def close(self) -> None:
        self._driver.close()

    def __enter__(self) -> "Neo4jStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


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
