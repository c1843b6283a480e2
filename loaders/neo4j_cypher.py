"""The Cypher the Neo4j loader sends: schema, batched writes, and the reads that rebuild a NewsGraph.

Labels and relationship types reach query text only from graph/ontology.py (they cannot be
parameters); every value travels as a parameter. Each write statement is one
`UNWIND $rows AS row MERGE ...` over a batch, so a batch is one round trip and one transaction.

The model on Neo4j:
- `(:Entity:<Label> {id, name, label, aliases, keys, articles})`: the domain graph.
- `(:Entity)-[:KNOWN_AS]->(:Name {key})`: one node per normalized name (`Node.keys`), unique on `key`,
  so a lookup by name is an index seek (a `$key IN n.keys` test cannot use any Neo4j index).
- `(:Article {id, title, date, url, source, text})` and `(:Article)-[:MENTIONS]->(:Entity)`:
  provenance, kept off the domain relationship types so Browser and the named queries see a clean graph.
  `date` is a Neo4j `date` (the raw text in `date_text` when it was not a plain ISO date); `url` is
  kept only when it is a web address and `source` is its host: never a path on the builder's disk.
- `(:Entity)-[:<TYPE> {id, role, predicate, confidence, articles, ev_*}]->(:Entity)`: one claim, its
  evidence as parallel lists in `Relationship.evidence` order (sorted), so nothing is lost.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any, Iterator
from urllib.parse import urlsplit

from newsgraph.graph import (ALL_RELATIONS, ARTICLE, ENTITY, LABELS, Article, Evidence, NewsGraph, Node,
                             Relationship, check_label, check_relation, outlet_of, union_node,
                             union_relationship)
from newsgraph.graph.dates import day_of

MENTIONS = "MENTIONS"  # internal: Article -> Entity, never a domain claim
NAME = "Name"  # (:Name {key}): a normalized name, what users look actors up by
KNOWN_AS = "KNOWN_AS"  # internal: Entity -> Name
NEO4J, ARCADEDB = "neo4j", "arcadedb"  # the Cypher dialects the loader writes

SCHEMA: tuple[str, ...] = (
    f"CREATE CONSTRAINT newsgraph_entity_id IF NOT EXISTS FOR (n:{ENTITY}) REQUIRE n.id IS UNIQUE",
    f"CREATE CONSTRAINT newsgraph_article_id IF NOT EXISTS FOR (a:{ARTICLE}) REQUIRE a.id IS UNIQUE",
    # The named queries find actors by any of their names through (:Name {key}).
    f"CREATE CONSTRAINT newsgraph_name_key IF NOT EXISTS FOR (k:{NAME}) REQUIRE k.key IS UNIQUE",
    # Browser and `newsgraph cypher` users look actors up by exact name. No relationship-id indexes:
    # claims are always reached from their nodes, and on ArcadeDB twelve of them cost ~20% of a load.
    f"CREATE INDEX newsgraph_entity_name IF NOT EXISTS FOR (n:{ENTITY}) ON (n.name)",
    # "Which articles, from when": a range index serves date comparisons and ORDER BY a.date.
    f"CREATE INDEX newsgraph_article_date IF NOT EXISTS FOR (a:{ARTICLE}) ON (a.date)",
)

# Evidence fields, in the order of the Evidence dataclass, stored as parallel lists.
EVIDENCE_FIELDS: tuple[tuple[str, str], ...] = (
    ("ev_articles", "article"), ("ev_sentences", "sentence"), ("ev_starts", "start"),
    ("ev_ends", "end"), ("ev_predicates", "predicate"), ("ev_confidences", "confidence"),
    ("ev_negated", "negated"), ("ev_hedged", "hedged"),
)
ARTICLE_FIELDS: tuple[str, ...] = ("title", "date", "url", "source", "text")
STORED_ARTICLE_FIELDS: tuple[str, ...] = (*ARTICLE_FIELDS, "date_text")


@dataclass(frozen=True)
class Statement:
    """One batch: Cypher text plus its rows (sent as `$rows`)."""

    kind: str  # "nodes", "names", "articles", "mentions", "relationships"
    cypher: str
    rows: list[dict]
    relation: str = ""  # the type of a relationships batch
    label: str = ""  # the label of a nodes batch


NODE_FIELDS: tuple[str, ...] = ("name", "label", "aliases", "keys", "articles")
REL_FIELDS: tuple[str, ...] = ("role", "predicate", "confidence", "articles",
                               *(prop for prop, _ in EVIDENCE_FIELDS))


def _set(var: str, fields: tuple[str, ...]) -> str:
    # Flat rows and one SET per property: ArcadeDB decodes a nested `props` map about a third
    # slower, and an explicit list says exactly what a load may touch.
    return "SET " + ", ".join(f"{var}.{f} = row.{f}" for f in fields)


def node_cypher(label: str, dialect: str = NEO4J) -> str:
    if dialect == ARCADEDB:
        # A MERGE by hand: match on the one constrained label, create with both labels when absent.
        # ArcadeDB scans for a two-label MERGE (5-15 s per 1,000 rows and growing), and
        # `MERGE (n:Entity {id}) SET n:Person` trips its uniqueness check (adding a label moves the
        # record). Rows of one batch have distinct ids.
        return (f"UNWIND $rows AS row OPTIONAL MATCH (n:{ENTITY} {{id: row.id}}) "
                f"FOREACH (_ IN CASE WHEN n IS NULL THEN [1] ELSE [] END | "
                f"CREATE (m:{ENTITY}:{check_label(label)} {{id: row.id}}) {_set('m', NODE_FIELDS)}) "
                f"WITH n, row WHERE n IS NOT NULL {_set('n', NODE_FIELDS)}")
    # Neo4j seeks the Entity.id uniqueness constraint for this MERGE (and locks the key).
    return (f"UNWIND $rows AS row MERGE (n:{ENTITY}:{check_label(label)} {{id: row.id}}) "
            f"{_set('n', NODE_FIELDS)}")


NAMES_CYPHER = (f"UNWIND $rows AS row MATCH (n:{ENTITY} {{id: row.id}}) UNWIND row.keys AS key "
                f"MERGE (k:{NAME} {{key: key}}) MERGE (n)-[:{KNOWN_AS}]->(k)")

ARTICLE_CYPHER = (f"UNWIND $rows AS row MERGE (a:{ARTICLE} {{id: row.id}}) "
                  f"{_set('a', STORED_ARTICLE_FIELDS)}")

MENTIONS_CYPHER = (f"UNWIND $rows AS row MATCH (a:{ARTICLE} {{id: row.article}}) "
                   f"MATCH (n:{ENTITY} {{id: row.entity}}) MERGE (a)-[:{MENTIONS}]->(n)")


def relationship_cypher(relation: str) -> str:
    return (f"UNWIND $rows AS row MATCH (s:{ENTITY} {{id: row.subject}}) "
            f"MATCH (o:{ENTITY} {{id: row.object}}) "
            f"MERGE (s)-[r:{check_relation(relation)} {{id: row.id}}]->(o) {_set('r', REL_FIELDS)}")


def node_row(node: Node) -> dict:
    return {"id": node.id, "name": node.name, "label": node.label, "aliases": list(node.aliases),
            "keys": node.keys, "articles": list(node.articles)}


def _iso_date(text: str) -> dt.date | None:
    """The calendar day a date text gives (`2026-11-24`, `2026-11-24T09:30:00Z`, `Nov 24, 2026`), if
    any: graph/dates.py's reading, which the embedded store's stance queries share."""
    return day_of(text)


def _web_url(url: str) -> str:
    return url if urlsplit(url).scheme.lower() in ("http", "https") and urlsplit(url).hostname else ""


def published(article: Article) -> Article:
    """The article as Neo4j keeps it: a web URL or none; its outlet as source (else the URL's host); no local paths."""
    url = _web_url(article.url)
    source = outlet_of(article.source, url or _web_url(article.source))
    return replace(article, url=url, source=source)


def article_row(article: Article) -> dict:
    article = published(article)
    date = _iso_date(article.date)
    return {"id": article.id, **{f: getattr(article, f) for f in ARTICLE_FIELDS}, "date": date,
            # the text only when the date alone would not give it back
            "date_text": None if date is not None and date.isoformat() == article.date else article.date or None}


def relationship_row(rel: Relationship) -> dict:
    row: dict = {"id": rel.id, "subject": rel.subject, "object": rel.object, "role": rel.role,
                 "predicate": rel.predicate, "confidence": float(rel.confidence),
                 "articles": sorted({e.article for e in rel.evidence})}
    for prop, attr in EVIDENCE_FIELDS:
        row[prop] = [getattr(e, attr) for e in rel.evidence]
    return row


# A batch also ends once its text passes this many characters: a thousand long articles in one
# message is more than a server takes ("BOLT message too large"), and more than one transaction
# should hold. A single row larger than this still goes, alone.
BATCH_CHARS = 4_000_000


def _chunks(rows: list[dict], size: int, max_chars: int = BATCH_CHARS) -> Iterator[list[dict]]:
    chunk: list[dict] = []
    chars = 0
    for row in rows:
        n = _row_chars(row)
        if chunk and (len(chunk) >= size or chars + n > max_chars):
            yield chunk
            chunk, chars = [], 0
        chunk.append(row)
        chars += n
    if chunk:
        yield chunk


def _row_chars(row: dict) -> int:
    """About how many characters a row sends: its strings, and the strings in its lists."""
    n = 0
    for v in row.values():
        if isinstance(v, str):
            n += len(v)
        elif isinstance(v, list):
            n += sum(len(x) if isinstance(x, str) else 8 for x in v)
        else:
            n += 8
    return n


def write_plan(graph: NewsGraph, batch_size: int = 1000, dialect: str = NEO4J) -> Iterator[Statement]:
    """Every batch a load sends, nodes and articles before the relationships that need them."""
    if batch_size < 1:
        raise ValueError(f"batch size must be at least 1, not {batch_size}")
    nodes = list(graph.nodes())
    for label in LABELS:
        rows = [node_row(n) for n in nodes if n.label == label]
        for chunk in _chunks(rows, batch_size):
            yield Statement("nodes", node_cypher(label, dialect), chunk, label=label)
    names = [{"id": n.id, "keys": n.keys} for n in nodes]
    for chunk in _chunks(names, batch_size):
        yield Statement("names", NAMES_CYPHER, chunk)
    articles = [article_row(graph.articles[a]) for a in sorted(graph.articles)]
    for chunk in _chunks(articles, batch_size):
        yield Statement("articles", ARTICLE_CYPHER, chunk)
    # Only articles the graph holds get a node, so MENTIONS never points at a stub.
    mentions = [{"article": a, "entity": n.id} for n in nodes for a in n.articles if a in graph.articles]
    for chunk in _chunks(mentions, batch_size):
        yield Statement("mentions", MENTIONS_CYPHER, chunk)
    rels = list(graph.relationships())
    for relation in ALL_RELATIONS:
        rows = [relationship_row(r) for r in rels if r.relation == relation]
        for chunk in _chunks(rows, batch_size):
            yield Statement("relationships", relationship_cypher(relation), chunk, relation)


# -- reading back --------------------------------------------------------------
# What `node_from` reads, the same in every read of nodes.
_NODE_COLUMNS = "n.id AS id, n.label AS label, n.name AS name, n.aliases AS aliases, n.articles AS articles"
READ_NODES = f"MATCH (n:{ENTITY}) RETURN {_NODE_COLUMNS}"
READ_ARTICLES = f"MATCH (a:{ARTICLE}) RETURN a.id AS id, properties(a) AS props"
READ_RELATIONSHIPS = (f"MATCH (s:{ENTITY})-[r]->(o:{ENTITY}) WHERE type(r) IN $types "
                      "RETURN s.id AS subject, type(r) AS relation, o.id AS object, properties(r) AS props")


# Resolving one article against Neo4j (`Neo4jStore.add`): the nodes carrying any of its name keys,
# each an index seek on :Name(key), in one round trip.
READ_NODES_BY_KEY = (f"UNWIND $keys AS key MATCH (n:{ENTITY})-[:{KNOWN_AS}]->(:{NAME} {{key: key}}) "
                     "RETURN key, n.id AS id, n.label AS label, n.name AS name, n.aliases AS aliases, "
                     "n.articles AS articles ORDER BY key, id")
HAS_ARTICLE = f"MATCH (a:{ARTICLE} {{id: $id}}) RETURN count(a) AS n"


def node_from(row: dict) -> Node | None:
    if row.get("label") not in LABELS or not row.get("id"):
        return None  # someone else's node with our label: not ours to read
    return Node(id=row["id"], label=row["label"], name=row.get("name") or "",
                aliases=list(row.get("aliases") or []), articles=list(row.get("articles") or []))


def article_from(row: dict) -> Article:
    props = dict(row["props"])
    date: Any = props.get("date")  # a neo4j.time.Date, or what another tool wrote
    props["date"] = props.get("date_text") or (date.iso_format() if hasattr(date, "iso_format") else date)
    return Article(id=row["id"], **{f: props.get(f) or "" for f in ARTICLE_FIELDS})


def relationship_from(row: dict, relation: str) -> Relationship:
    """A relationship from a flat row: what `relationship_row` writes, or properties(r) plus ends."""
    lists = [list(row.get(prop) or []) for prop, _ in EVIDENCE_FIELDS]
    evidence = [Evidence(article=a, sentence=s, start=int(st), end=int(en), predicate=pr,
                         confidence=float(c), negated=bool(ng), hedged=bool(hd))
                for a, s, st, en, pr, c, ng, hd in zip(*lists)]
    return Relationship(id=row["id"], subject=row["subject"], relation=relation, object=row["object"],
                        role=row.get("role") or "", predicate=row.get("predicate") or "", evidence=evidence)


# -- merging a batch with what the database holds ------------------------------------
# A load may carry only new articles (`import --neo4j`), so before a batch is written the
# stored values of its nodes and claims are read in the same transaction and unioned with it
# client-side, by graph/union.py's rules (name upgrade, aliases and articles unioned,
# evidence deduplicated by article and span). A graph that already holds everything unions
# to itself, so loading it twice changes nothing.
READ_NODES_BY_ID = f"UNWIND $ids AS id MATCH (n:{ENTITY} {{id: id}}) RETURN {_NODE_COLUMNS}"


# Setting a property takes the write lock, held to the commit (the Cypher manual's locking idiom);
# removing it again in the same statement leaves nothing behind.
_LOCK = "_newsgraph_lock"


def lock_nodes_by_id(label: str) -> str:
    """Neo4j: MERGE and write-lock each node first, then read it, in the batch's transaction.

    Neo4j reads committed data without locks, so two writers could both read a node, union, and
    the later one overwrite the earlier one's articles; the lock makes the second wait and read
    the first one's values. A node just created has no label property yet and reads as absent
    (`node_from` gives None).
    """
    return (f"UNWIND $ids AS id MERGE (n:{ENTITY}:{check_label(label)} {{id: id}}) "
            f"SET n.{_LOCK} = true REMOVE n.{_LOCK} RETURN {_NODE_COLUMNS}")


def read_relationships_by_id(relation: str, dialect: str = ARCADEDB) -> str:
    if dialect == NEO4J:
        # As lock_nodes_by_id: MERGE holds the claim's lock from this read to the commit.
        return (f"UNWIND $rows AS row MATCH (s:{ENTITY} {{id: row.subject}}) MATCH (o:{ENTITY} {{id: row.object}}) "
                f"MERGE (s)-[r:{check_relation(relation)} {{id: row.id}}]->(o) SET r.{_LOCK} = true REMOVE r.{_LOCK} "
                "RETURN s.id AS subject, o.id AS object, properties(r) AS props")
    return (f"UNWIND $rows AS row MATCH (s:{ENTITY} {{id: row.subject}})-[r:{check_relation(relation)}]->"
            f"(o:{ENTITY} {{id: row.object}}) WHERE r.id = row.id "
            "RETURN s.id AS subject, o.id AS object, properties(r) AS props")


def merge_node_rows(rows: list[dict], stored: list[dict]) -> list[dict]:
    """Rows with each one already stored replaced by its union with the stored node."""
    old = {n.id: n for n in (node_from(r) for r in stored) if n is not None}
    return [node_row(union_node(old[row["id"]], _own_node(row))) if row["id"] in old else row for row in rows]


def _own_node(row: dict) -> Node:
    node = node_from(row)
    if node is None:  # `node_row` always writes a label and an id
        raise ValueError(f"not a newsgraph node row: {row.get('id')!r}")
    return node


def merge_relationship_rows(rows: list[dict], stored: list[dict], relation: str) -> list[dict]:
    """Rows with each one already stored replaced by its union with the stored claim."""
    old = {r["props"]["id"]: relationship_from({**r["props"], "subject": r["subject"], "object": r["object"]},
                                               relation)
           for r in stored if "ev_articles" in r["props"]}  # a claim just MERGEd by the read is not stored yet
    return [relationship_row(union_relationship(old[row["id"]], relationship_from(row, relation)))
            if row["id"] in old else row for row in rows]
