"""The exports: neo4j-admin CSV, GraphML, GEXF, JSON Lines, read back the way their users would."""
from __future__ import annotations

import csv
import json
import os
import re
import stat
import subprocess
from pathlib import Path

import networkx as nx
import pytest

from newsgraph.graph import (Article, Evidence, ExportError, NewsGraph, Node, Relationship, claim_id,
                             entity_id)
from newsgraph.loaders.export import FORMATS, export, read_graph_jsonl

TRICKY = 'Says "no", then; yes,\nand\x1fthen </script> & <b>'


def _node(label: str, name: str, aliases=(), articles=("a1",)) -> Node:
    return Node(id=entity_id(label, name), label=label, name=name, aliases=sorted(aliases),
                articles=sorted(articles))


def _ev(article: str, sentence: str, start: int, predicate: str, confidence: float, **flags) -> Evidence:
    return Evidence(article=article, sentence=sentence, start=start, end=start + 12, predicate=predicate,
                    confidence=confidence, **flags)


@pytest.fixture
def graph() -> NewsGraph:
    g = NewsGraph()
    for art in (Article(text="Krasner opposed ICE.\nSoros funds Krasner.", id="a1", title='ICE, "out"; now',
                        date="2026-11-24", url="https://example.com/1", source="a1.json"),
                Article(text="The council approved it.", id="a2", title="Council", date="2026-11-25")):
        g.articles[art.id] = art
    krasner = _node("Person", "Larry Krasner", ["Krasner", "the district attorney"], ["a1", "a2"])
    soros = _node("Person", "George Soros")
    ice = _node("Organization", "ICE", ["Immigration and Customs Enforcement"])
    philly = _node("Place", "Philadelphia", articles=["a2"])
    policy = _node("Policy", "ICE OUT; the \"welcoming\" ordinance", articles=["a2"])
    group = _node("Group", "immigrant communities", articles=["a2"])
    for n in (krasner, soros, ice, philly, policy, group):
        g.add_node(n)

    def rel(s: Node, r: str, o: Node, evidence: list[Evidence], **kw) -> None:
        g.add_relationship(Relationship(id=claim_id(s.id, r, o.id, kw.get("predicate", "")), subject=s.id,
                                        relation=r, object=o.id, evidence=evidence, **kw))

    rel(krasner, "OPPOSES", ice, [_ev("a1", TRICKY, 0, "opposed", 0.9),
                                  _ev("a2", "Krasner fights ICE.", 40, "fights", 0.7, hedged=True)])
    rel(soros, "FUNDS", krasner, [_ev("a1", "Soros funds Krasner.", 21, "funds", 0.8)])
    rel(krasner, "AFFILIATED_WITH", philly, [_ev("a2", "Philadelphia District Attorney Larry Krasner", 0,
                                                 "District Attorney", 1.0)], role="District Attorney")
    rel(krasner, "SUPPORTS", policy, [_ev("a2", "Krasner did not back it.", 3, "back", 0.6, negated=True)])
    rel(group, "RELATED_TO", policy, [_ev("a2", "Communities marched about it.", 7, "march", 0.5)],
        predicate="march about")
    return g


# -- the format list and bad targets ------------------------------------------------
def test_formats_are_the_documented_four():
    assert FORMATS == ("neo4j-admin", "graphml", "gexf", "jsonl")


def test_unknown_format_is_a_one_line_export_error(graph, tmp_path):
    with pytest.raises(ExportError) as err:
        export(graph, "csv", tmp_path / "x.csv")
    assert "'csv'" in str(err.value) and "graphml" in str(err.value) and "\n" not in str(err.value)


def test_file_format_into_a_folder_is_refused(graph, tmp_path):
    with pytest.raises(ExportError, match="is a folder"):
        export(graph, "graphml", tmp_path)


def test_neo4j_admin_into_a_file_is_refused(graph, tmp_path):
    target = tmp_path / "taken"
    target.write_text("x")
    with pytest.raises(ExportError, match="is a file"):
        export(graph, "neo4j-admin", target)


def test_unwritable_target_names_the_path(graph, tmp_path):
    blocker = tmp_path / "blocker"
    blocker.write_text("a file, not a folder")
    with pytest.raises(ExportError) as err:
        export(graph, "jsonl", blocker / "out.jsonl")
    assert "blocker" in str(err.value) and "cannot write" in str(err.value)


def test_missing_parent_folders_are_created(graph, tmp_path):
    target = tmp_path / "new" / "dir" / "g.gexf"
    assert export(graph, "gexf", target) == [target]
    assert target.exists()


# -- neo4j-admin --------------------------------------------------------------------
# The header grammar of neo4j-admin's CSV files, from the Operations Manual
# ("CSV header format"): <name>:<field_type>; ID, LABEL, START_ID, END_ID, TYPE,
# IGNORE, or a property type (array types end in []); no type means string.
_TYPES = ("int", "long", "float", "double", "boolean", "byte", "short", "char", "string", "point",
          "date", "localtime", "time", "localdatetime", "datetime", "duration")
_FIELD = re.compile(r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)?(?::(?P<type>ID|LABEL|START_ID|END_ID|TYPE|IGNORE|"
                    + "|".join(_TYPES) + r")(?P<array>\[\])?)?$")


def _header(fields: list[str]) -> dict[str, str]:
    """Field kinds of a header, checked against the documented grammar."""
    kinds = {}
    for f in fields:
        m = _FIELD.match(f)
        assert m, f"not a neo4j-admin header field: {f!r}"
        kind = m["type"] or "string"
        assert not (m["array"] and kind in ("ID", "LABEL", "START_ID", "END_ID", "TYPE")), f
        if kind in ("ID", "LABEL", "START_ID", "END_ID", "TYPE"):
            assert not (kind != "ID" and m["name"]), f"{f!r}: only :ID keeps a name"
        kinds[m["name"] or ":" + kind] = kind + (m["array"] or "")
    return kinds


def _read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    # The same RFC 4180 reading neo4j-admin does: "," between fields, '"' quotes, '""' a quote.
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter=",", quotechar='"', doublequote=True, strict=True))
    return rows[0], [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]


def _array(value: str) -> list[str]:
    return value.split("\x1f") if value else []


@pytest.fixture
def admin(graph, tmp_path) -> dict[str, Path]:
    written = export(graph, "neo4j-admin", tmp_path / "neo4j")
    return {p.name: p for p in written}


def test_neo4j_admin_writes_node_and_relationship_files_and_the_script(admin):
    assert set(admin) == {"entities.csv", "articles.csv", "names.csv", "claims.csv", "mentions.csv",
                          "known_as.csv", "schema.cypher", "import.sh"}


def test_neo4j_admin_headers_follow_the_documented_format(admin):
    entities = _header(_read_csv(admin["entities.csv"])[0])
    assert entities == {"id": "ID", "name": "string", "label": "string", "aliases": "string[]",
                        "keys": "string[]", "articles": "string[]", ":LABEL": "LABEL"}
    articles = _header(_read_csv(admin["articles.csv"])[0])
    assert articles["id"] == "ID" and articles[":LABEL"] == "LABEL" and "title" in articles
    assert articles["date"] == "date"  # a Neo4j date, as the loader stores it
    claims = _header(_read_csv(admin["claims.csv"])[0])
    assert {k: claims[k] for k in (":START_ID", ":END_ID", ":TYPE")} == {
        ":START_ID": "START_ID", ":END_ID": "END_ID", ":TYPE": "TYPE"}
    assert claims["confidence"] == "double"
    for name, kind in {"articles": "string[]", "ev_articles": "string[]", "ev_sentences": "string[]",
                       "ev_starts": "long[]", "ev_ends": "long[]", "ev_predicates": "string[]",
                       "ev_confidences": "double[]", "ev_negated": "boolean[]",
                       "ev_hedged": "boolean[]"}.items():
        assert claims[name] == kind
    assert _header(_read_csv(admin["mentions.csv"])[0]) == {
        ":START_ID": "START_ID", ":END_ID": "END_ID", ":TYPE": "TYPE"}


def test_neo4j_admin_entities_carry_labels_and_lists(graph, admin):
    _, rows = _read_csv(admin["entities.csv"])
    by_id = {r["id:ID"]: r for r in rows}
    assert set(by_id) == {n.id for n in graph.nodes()}
    for n in graph.nodes():
        row = by_id[n.id]
        assert row["name"] == n.name and row["label"] == n.label
        assert _array(row[":LABEL"]) == ["Entity", n.label]
        assert _array(row["aliases:string[]"]) == n.aliases
        assert _array(row["keys:string[]"]) == n.keys
        assert _array(row["articles:string[]"]) == n.articles


def test_neo4j_admin_claims_keep_every_evidence_field_through_quoting(graph, admin):
    _, rows = _read_csv(admin["claims.csv"])
    by_id = {r["id"]: r for r in rows}
    assert len(rows) == len(list(graph.relationships()))
    for rel in graph.relationships():
        row = by_id[rel.id]
        assert (row[":START_ID"], row[":TYPE"], row[":END_ID"]) == (rel.subject, rel.relation, rel.object)
        assert row["role"] == rel.role and row["predicate"] == rel.predicate
        assert float(row["confidence:double"]) == rel.confidence
        ev = rel.evidence
        assert _array(row["ev_articles:string[]"]) == [e.article for e in ev]
        assert _array(row["ev_predicates:string[]"]) == [e.predicate for e in ev]
        assert [int(x) for x in _array(row["ev_starts:long[]"])] == [e.start for e in ev]
        assert [int(x) for x in _array(row["ev_ends:long[]"])] == [e.end for e in ev]
        assert [float(x) for x in _array(row["ev_confidences:double[]"])] == [e.confidence for e in ev]
        assert _array(row["ev_negated:boolean[]"]) == ["true" if e.negated else "false" for e in ev]
        assert _array(row["ev_hedged:boolean[]"]) == ["true" if e.hedged else "false" for e in ev]
        # The array delimiter cannot be escaped: inside a value it becomes a space.
        assert _array(row["ev_sentences:string[]"]) == [e.sentence.replace("\x1f", " ") for e in ev]
    tricky = [s for r in rows for s in _array(r["ev_sentences:string[]"]) if "</script>" in s]
    assert tricky == ['Says "no", then; yes,\nand then </script> & <b>']


def test_neo4j_admin_articles_and_mentions_have_no_dangling_ids(graph, admin):
    _, arts = _read_csv(admin["articles.csv"])
    assert {a["id:ID"]: a["title"] for a in arts} == {"a1": 'ICE, "out"; now', "a2": "Council"}
    assert {a[":LABEL"] for a in arts} == {"Article"}
    assert next(a for a in arts if a["id:ID"] == "a1")["text"] == graph.articles["a1"].text
    _, mentions = _read_csv(admin["mentions.csv"])
    assert {(m[":START_ID"], m[":END_ID"]) for m in mentions} == {
        (a, n.id) for n in graph.nodes() for a in n.articles}
    assert {m[":TYPE"] for m in mentions} == {"MENTIONS"}
    _, ents = _read_csv(admin["entities.csv"])
    ids = {a["id:ID"] for a in arts} | {e["id:ID"] for e in ents}
    assert len(ids) == len(arts) + len(ents), "ids must be unique across all node files"
    _, claims = _read_csv(admin["claims.csv"])
    for r in [*claims, *mentions]:
        assert r[":START_ID"] in ids and r[":END_ID"] in ids


def test_import_script_runs_the_exact_neo4j_admin_command(admin, tmp_path):
    script = admin["import.sh"]
    assert script.stat().st_mode & stat.S_IXUSR
    subprocess.run(["sh", "-n", str(script)], check=True)
    # neo4j-admin is not installed here: a stand-in on PATH records the argv the script passes.
    fake_bin = tmp_path / "bin"
    fake_bin.mkdir()
    record = tmp_path / "argv.txt"
    (fake_bin / "neo4j-admin").write_text(f'#!/bin/sh\npwd > "{record}"\nprintf "%s\\n" "$@" >> "{record}"\n')
    (fake_bin / "neo4j-admin").chmod(0o755)
    env = {k: v for k, v in os.environ.items() if k != "NEO4J_HOME"}
    env["PATH"] = f"{fake_bin}{os.pathsep}{env.get('PATH', '')}"
    subprocess.run(["sh", str(script), "newsdb"], check=True, env=env, cwd=tmp_path)
    cwd, *argv = record.read_text().splitlines()
    assert Path(cwd) == script.parent  # the relative file names resolve beside the script
    assert argv[:4] == ["database", "import", "full", "newsdb"]
    assert argv.count("--nodes=entities.csv") == 1 and "--nodes=articles.csv" in argv
    assert "--relationships=claims.csv" in argv and "--relationships=mentions.csv" in argv
    assert "--nodes=names.csv" in argv and "--relationships=known_as.csv" in argv
    assert "--array-delimiter=U+001F" in argv and "--multiline-fields=true" in argv
    for arg in argv:
        if arg.startswith(("--nodes=", "--relationships=")):
            assert (script.parent / arg.split("=", 1)[1]).exists()


def test_neo4j_admin_of_an_empty_graph_writes_headers_only(tmp_path):
    written = export(NewsGraph(), "neo4j-admin", tmp_path / "empty")
    for p in written:
        if p.suffix == ".csv":
            header, rows = _read_csv(p)
            assert header and rows == []


# -- GraphML and GEXF -----------------------------------------------------------------
@pytest.mark.parametrize("fmt,read", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_networkx_formats_read_back_with_names_types_and_evidence(graph, tmp_path, fmt, read):
    path = tmp_path / f"g.{fmt}"
    assert export(graph, fmt, path) == [path]
    back = read(path)
    assert back.number_of_nodes() == len(graph)
    assert back.number_of_edges() == graph.g.number_of_edges()
    for n in graph.nodes():
        attrs = back.nodes[n.id]
        assert attrs["name"] == n.name and attrs["kind"] == n.label and attrs["label"] == n.name
        assert attrs["aliases"] == "; ".join(n.aliases)
    edges = {(u, v, d["relation"]): d for u, v, d in back.edges(data=True)}
    for rel in graph.relationships():
        d = edges[(rel.subject, rel.object, rel.relation)]
        assert float(d["confidence"]) == rel.confidence and d["role"] == rel.role
        evidence = json.loads(d["evidence"])
        assert [e["sentence"] for e in evidence] == [e.sentence for e in rel.evidence]
        assert [e["negated"] for e in evidence] == [e.negated for e in rel.evidence]
        assert {e["title"] for e in evidence} <= {a.title for a in graph.articles.values()}


@pytest.mark.parametrize("fmt,read", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_networkx_formats_survive_characters_xml_cannot_hold(tmp_path, fmt, read):
    g = NewsGraph()
    g.add_node(_node("Person", "Bad\x0bName\x00"))
    path = tmp_path / f"g.{fmt}"
    export(g, fmt, path)
    assert [d["name"] for _, d in read(path).nodes(data=True)] == ["Bad Name "]


# -- JSON Lines -----------------------------------------------------------------------
def test_jsonl_round_trip_gives_an_equal_graph(graph, tmp_path):
    path = tmp_path / "g.jsonl"
    assert export(graph, "jsonl", path) == [path]
    back = read_graph_jsonl(path)
    assert back == graph
    assert back is not graph and list(back.relationships())[0].evidence


def test_jsonl_has_one_record_a_line_articles_then_nodes_then_relationships(graph, tmp_path):
    path = tmp_path / "g.jsonl"
    export(graph, "jsonl", path)
    kinds = [json.loads(line)["kind"] for line in path.read_text(encoding="utf-8").splitlines()]
    assert kinds == ["article"] * 2 + ["node"] * 6 + ["relationship"] * 5 + ["end"]


def test_jsonl_read_back_still_resolves_names(graph, tmp_path):
    path = tmp_path / "g.jsonl"
    export(graph, "jsonl", path)
    back = read_graph_jsonl(path)
    krasner = entity_id("Person", "Larry Krasner")
    assert back.candidates("Person", "krasner") == [(krasner, "Larry Krasner")]


def test_jsonl_of_an_empty_graph_round_trips(tmp_path):
    path = tmp_path / "empty.jsonl"
    export(NewsGraph(), "jsonl", path)
    assert read_graph_jsonl(path) == NewsGraph()


@pytest.mark.parametrize("bad_line,reason", [
    ('{"kind": "node", "id": "e-1"', "not JSON"),
    ('["a list"]', "JSON object"),
    ('{"kind": "edge"}', "unknown kind 'edge'"),
    ('{"kind": "node", "id": "e-1", "label": "Animal", "name": "Rex"}', "not an ontology label"),
    ('{"kind": "node", "id": "e-1", "label": "Person"}', "missing name"),
    ('{"kind": "node", "id": "e-1", "label": "Person", "name": 5}', "name has the wrong type"),
    ('{"kind": "relationship", "id": "c-1", "subject": "e-x", "relation": "FUNDS", "object": "e-y"}',
     "subject 'e-x' is no node"),
])
def test_jsonl_bad_line_names_the_file_and_line(graph, tmp_path, bad_line, reason):
    path = tmp_path / "g.jsonl"
    export(graph, "jsonl", path)
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.insert(3, bad_line)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ExportError) as err:
        read_graph_jsonl(path)
    message = str(err.value)
    assert f"{path}:4:" in message and reason in message and "\n" not in message


def test_jsonl_missing_file_is_an_export_error(tmp_path):
    with pytest.raises(ExportError, match="cannot read"):
        read_graph_jsonl(tmp_path / "nope.jsonl")
