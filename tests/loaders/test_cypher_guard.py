"""The read-only guard's tokenizer and rules, without a server (the attack suite runs them on one)."""
from __future__ import annotations

import pytest

from newsgraph.loaders.cypher_guard import refusal, server_enforces_access_mode, tokenize
from newsgraph.queries.library import QUERIES, cypher_text


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_every_named_query_passes(name):
    assert refusal(cypher_text(name)) is None


@pytest.mark.parametrize("cypher", [
    "MATCH (p:Person)-[r:OPPOSES]->(x:Policy) RETURN p.name, x.name",
    "MATCH (n:Entity) WHERE $key IN n.keys RETURN n.name",
    "MATCH ()-[r]->() RETURN r.role AS role, r.predicate AS predicate LIMIT 5",
    "// a comment with CREATE in it\nMATCH (n) RETURN count(n)",
    "/* DROP INDEX x */ RETURN 1",
    "RETURN 'CREATE (n)' AS s, \"DELETE\" AS t, `SET` AS u",
    "RETURN 'it\\'s CREATE' AS s",
    "RETURN date.truncate('day', date()) AS d, n.start AS start",
    "CALL db.labels() YIELD label RETURN label",
    "CALL `db`.`relationshipTypes`()",
    "SHOW INDEXES", "show all constraints",
    "EXPLAIN MATCH (n) RETURN n",
    "MATCH (n) RETURN n // it's fine\nLIMIT 3",
])
def test_read_queries_pass(cypher):
    assert refusal(cypher) is None


@pytest.mark.parametrize("cypher", [
    "//\rCREATE USER evil2 SET PASSWORD 'evilpassword1'",
    "//x\rDROP INDEX newsgraph_entity_name",
    "//x\rDROP CONSTRAINT newsgraph_entity_id",
    "//x\u2028CREATE (n)", "//x\u2029CREATE (n)", "//x\x85CREATE (n)", "//x\r\nCREATE (n)",
    "//x\u2028'\nCREATE (n) //'",  # a lexer ending the comment at \n only reads a CREATE we must not hide
    "/* unterminated CREATE (n)", "RETURN 'unterminated", "RETURN `unterminated",
    "UNWIND [1,2,3] AS i CALL { WITH i CREATE (:Pwn {v:i}) } IN TRANSACTIONS OF 1 ROWS",
    "MATCH (n:Canary) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS",
    "CALL { MATCH (n) RETURN n } IN TRANSACTIONS RETURN n",
    "LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l LIMIT 3",
    "load csv with headers from 'http://127.0.0.1/x' as l return l",
    "MATCH (n) SET n:Label", "MATCH (n) REMOVE n:Label", "CREATE (n)", "MeRgE (n:X)",
    "MATCH (n) FOREACH (x IN [1] | SET n.a = x)",
    "MATCH (n)/**/DETACH/**/DELETE/**/n", "MATCH (n)\u00a0DELETE n",
    "CREATE USER evil SET PASSWORD 'x'", "GRANT ROLE admin TO evil", "SHOW USERS", "SHOW CURRENT USER",
    "SHOW DATABASES", "SHOW PRIVILEGES", "SHOW TRANSACTIONS", "TERMINATE TRANSACTIONS 'x'",
    "START DATABASE neo4j", "STOP DATABASE neo4j", "USE system SHOW USERS",
    "CALL dbms.security.createUser('e', 'p', false)", "CALL apoc.create.node(['X'], {})",
    "CALL `apoc`.`cypher`.`doIt`('CREATE (n)', {})",
    "RETURN apoc.cypher.runFirstColumnSingle('CREATE (n) RETURN n', {})",
    "RETURN 1.CREATE", "", "   // only a comment",
])
def test_writes_admin_and_ambiguity_are_refused(cypher):
    assert refusal(cypher) is not None


def test_tokens_of_strings_names_and_comments():
    toks = tokenize("MATCH (`a``b` {x: 'q\\'//'}) // c\r\nRETURN 1.5e3 /* d */")
    assert [(t.kind, t.text) for t in toks] == [
        ("word", "MATCH"), ("symbol", "("), ("name", "a`b"), ("symbol", "{"), ("word", "x"), ("symbol", ":"),
        ("string", "q\\'//"), ("symbol", "}"), ("symbol", ")"), ("word", "RETURN"), ("number", "1.5e3")]


def test_only_neo4j_itself_is_trusted_with_access_modes():
    assert server_enforces_access_mode("Neo4j/5.26.0")
    assert not server_enforces_access_mode("Neo4j/5.26.0 compatible (ArcadeDB 26.10.2)")
    assert not server_enforces_access_mode("Memgraph/2.0")


def test_a_digit_that_is_no_number_to_cypher_is_read_not_a_crash():
    # "²" is a digit to str.isdigit() but not to the number pattern: it used to raise AttributeError.
    assert refusal("RETURN ² AS x") is None
    assert [t.kind for t in tokenize("RETURN 2²")][:3] == ["word", "number", "symbol"]
