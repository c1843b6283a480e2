"""Stances over time and coalitions, as a user asks for them: the Python answers, the embedded
store's (which reads only the claims a question needs) and the CLI's, on a dated fixture graph."""
from __future__ import annotations

import json
import re
from functools import partial

import pytest
from stance_graphs import stance_graph

from newsgraph.graph.errors import QueryError
from newsgraph.loaders.store import Store
from newsgraph.loaders.store_claims import claims_subgraph, store_nodes
from newsgraph.queries.stance_answer import GraphStances, answer, bind_stance


@pytest.fixture(scope="module")
def graph():
    return stance_graph()


@pytest.fixture(scope="module")
def store_path(graph, tmp_path_factory):
    path = tmp_path_factory.mktemp("stances") / "graph.db"
    with Store(path) as store:
        store.write_graph(graph)
    return path


def ask(backend, name, *args, since=None, until=None):
    rows, matches = answer(name, bind_stance(name, args, since, until), backend)
    assert all(m.keys for m in matches), matches
    return rows


def test_a_timeline_is_in_date_order_with_undated_articles_last(graph):
    rows = ask(GraphStances.of(graph), "timeline", "ruiz")
    assert [(r["date"], r["relation"], r["object"]) for r in rows] == [
        ("2026-09-01", "OPPOSES", "Fair Rent Act"), ("2026-10-02", "SUPPORTS", "Fair Rent Act"),
        ("2026-10-20", "OPPOSES", "Fair Rent Act"), ("", "SUPPORTS", "Measure 9"), ("", "SUPPORTS", "Transit Levy")]
    first = rows[0]  # one row per article: its strongest confidence, its first sentence, its source
    assert first["confidence"] == 0.8 and first["sentence"] == "Ruiz vetoed the Fair Rent Act."
    assert first["sources"] == [{"title": "Story a1", "date": "2026-09-01", "outlet": "The Valley Ledger",
                                 "url": "https://news.example/a1"}]
    assert "RELATED_TO" not in {r["relation"] for r in ask(GraphStances.of(graph), "timeline", "lind")}


def test_a_timeline_on_one_target_between_two_days(graph):
    rows = ask(GraphStances.of(graph), "timeline", "Ana Ruiz", "fair rent", since="2026-09-02", until="Oct 2, 2026")
    assert [(r["date"], r["relation"]) for r in rows] == [("2026-10-02", "SUPPORTS")]


def test_shifts_give_each_change_of_side_with_both_statements(graph):
    rows = ask(GraphStances.of(graph), "shifts")
    assert [(r["subject"], r["object"], r["before"], r["before_date"], r["after"], r["after_date"]) for r in rows] == [
        ("Ana Ruiz", "Fair Rent Act", "OPPOSES", "2026-09-01", "SUPPORTS", "2026-10-02"),
        ("Ana Ruiz", "Fair Rent Act", "SUPPORTS", "2026-10-02", "OPPOSES", "2026-10-20"),
        ("Ben Ode", "Measure 9", "SUPPORTS", "2026-09-01", "OPPOSES", "2026-10-02")]
    assert rows[0]["before_sentence"] == "Ruiz vetoed the Fair Rent Act."
    assert rows[0]["after_sentence"] == "Ruiz now supports the Fair Rent Act."
    assert [s["outlet"] for s in rows[0]["sources"]] == ["The Valley Ledger", "The Valley Ledger"]
    # Ruiz's undated praise of Measure 9 cannot be placed in time: no shift on it
    assert ask(GraphStances.of(graph), "shifts", "measure 9")[0]["subject"] == "Ben Ode"
    assert [r["after_date"] for r in ask(GraphStances.of(graph), "shifts", since="2026-10-01")] == ["2026-10-20"]


def test_contested_pairs_name_every_source_of_each_side(graph):
    rows = ask(GraphStances.of(graph), "contested")
    assert [(r["subject"], r["object"], r["supports"], r["opposes"]) for r in rows] == [
        ("Ana Ruiz", "Fair Rent Act", ["a3"], ["a1", "a4"]), ("Ben Ode", "Measure 9", ["a1"], ["a3", "a5"])]
    assert [s["date"] for s in rows[1]["opposes_sources"]] == ["October 2, 2026", ""]
    assert ask(GraphStances.of(graph), "contested", "ode") == rows[1:]
    assert ask(GraphStances.of(graph), "contested", "Measure 9") == rows[1:]
    # within bounds, undated articles cannot be placed: Ode's opposition stands on a3 alone
    bounded = ask(GraphStances.of(graph), "contested", since="2026-09-01")
    assert bounded[1]["opposes"] == ["a3"]


def test_coalitions_group_actors_who_take_the_same_sides(graph):
    rows = ask(GraphStances.of(graph), "coalitions")
    assert rows == [
        {"coalition": 1, "name": "Ben Ode & Cara Lind", "members": ["Ben Ode", "Cara Lind", "Tenants Union", "Ana Ruiz"],
         "size": 4, "backs": ["Transit Levy", "Fair Rent Act"], "opposes": []},
        {"coalition": 2, "name": "Dev Rao & Realtors Association", "members": ["Dev Rao", "Realtors Association"],
         "size": 2, "backs": [], "opposes": ["Fair Rent Act", "Transit Levy"]}]
    assert ask(GraphStances.of(graph), "coalitions") == rows  # a fixed seed: the same groups every run
    on_levy = ask(GraphStances.of(graph), "coalitions", "transit levy")
    assert [sorted(c["members"]) for c in on_levy] == [["Ana Ruiz", "Ben Ode", "Cara Lind", "Tenants Union"],
                                                       ["Dev Rao", "Realtors Association"]]


@pytest.mark.parametrize("name,args,bounds", [
    ("timeline", ("ruiz",), {}), ("timeline", ("ruiz", "fair rent act"), {"until": "2026-10-19"}),
    ("timeline", ("Tenants Union",), {"since": "2026-09-01"}), ("shifts", (), {}), ("shifts", ("fair rent",), {}),
    ("contested", (), {}), ("contested", ("ruiz",), {"since": "2026-09-02"}), ("coalitions", (), {}),
    ("coalitions", ("measure 9",), {}),
])
def test_the_embedded_store_reads_only_what_it_needs_and_answers_the_same(graph, store_path, name, args, bounds):
    expected = ask(GraphStances.of(graph), name, *args, **bounds)
    with Store(store_path, readonly=True) as store:
        assert store.indexed  # names matched by seeks on the query index
        assert ask(GraphStances.of_store(store, partial(claims_subgraph, store)), name, *args, **bounds) == expected
        # and with every node read, as for a store made before the query index
        assert ask(GraphStances.of_nodes(store_nodes(store), partial(claims_subgraph, store)),
                   name, *args, **bounds) == expected


def test_the_part_read_holds_only_the_claims_asked_for(store_path):
    with Store(store_path, readonly=True) as store:
        ruiz = {n.id for n in store_nodes(store) if n.name == "Ana Ruiz"}
        part = claims_subgraph(store, ("SUPPORTS",), subjects=ruiz)
    assert {(part.node(r.subject).name, r.relation, part.node(r.object).name) for r in part.relationships()} == {
        ("Ana Ruiz", "SUPPORTS", "Fair Rent Act"), ("Ana Ruiz", "SUPPORTS", "Measure 9"),
        ("Ana Ruiz", "SUPPORTS", "Transit Levy")}
    assert sorted(part.articles) == ["a3", "a5", "a6"] and all(a.text == "" for a in part.articles.values())


@pytest.mark.parametrize("name,args,since,until,message", [
    ("timeline", (), None, None, "takes ACTOR [TARGET]"), ("shifts", ("a", "b"), None, None, "takes [TARGET]"),
    ("timeline", ("ruiz",), "2999-01-01", None, "in the future"),
    ("timeline", ("ruiz",), "whenever", None, "is not a date"),
    ("contested", (), "2026-10-02", "2026-10-01", "is after --until"),
    ("coalitions", (), "2026-10-02", None, "--since/--until apply to"),
    ("contested", ("  ",), None, None, "names nothing"),
])
def test_bad_arguments_are_one_line_errors(name, args, since, until, message):
    with pytest.raises(QueryError, match=re.escape(message)):
        bind_stance(name, args, since, until)


# -- the CLI --------------------------------------------------------------------
@pytest.fixture
def cli(newsgraph, tmp_path, graph, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")  # whole cells, whatever the terminal running the tests
    with Store(tmp_path / "store" / "graph.db") as store:
        store.write_graph(graph)
    return newsgraph


def test_the_cli_prints_a_timeline_and_json(cli):
    r = cli("query", "timeline", "ruiz", "--until", "2026-10-02")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0].split()[:4] == ["DATE", "SUBJECT", "RELATION", "OBJECT"]
    assert lines[1].startswith("2026-09-01  Ana Ruiz  OPPOSES   Fair Rent Act") and len(lines) == 3
    rows = json.loads(cli("query", "timeline", "ruiz", "--json").stdout)
    assert [r["date"] for r in rows][-1] == "" and "undated" in cli("query", "timeline", "ruiz").stdout


def test_the_cli_shows_each_side_of_a_shift_and_a_contested_pair(cli):
    out = cli("query", "shifts", "measure 9").stdout.splitlines()
    assert out[1].split()[:6] == ["Ben", "Ode", "Measure", "9", "SUPPORTS", "2026-09-01"]
    assert out[2].split()[:2] == ["OPPOSES", "2026-10-02"] and len(out) == 3
    out = cli("query", "contested", "ruiz").stdout.splitlines()
    assert "SUPPORTS" in out[1] and "OPPOSES" in out[2] and "The Valley Ledger, 2026-09-01 +1" in out[2]
    assert "Ben Ode & Cara Lind" in cli("query", "coalitions").stdout


@pytest.mark.parametrize("args,status,message", [
    (("timeline", "nobody at all"), 1, "no actor or policy matches 'nobody at all'"),
    (("timeline", "ruiz", "--since", "2999-12-31"), 2, "in the future"),
    (("shifts", "--until", "31/31/2026"), 2, "is not a date"),
    (("who-opposes", "--since", "2026-10-01"), 2, "--since/--until apply to timeline, shifts, contested"),
    (("coalitions", "a", "b"), 2, "takes [POLICY]"),
])
def test_the_cli_says_what_is_wrong_in_one_line(cli, args, status, message):
    r = cli("query", *args)
    assert r.returncode == status and message in r.stderr and r.stderr.count("\n") == 1, r.stderr
    assert r.stdout == ""


def test_view_draws_the_coalitions_with_their_names_in_the_title(cli, tmp_path):
    r = cli("view", "--coalitions", "-o", str(tmp_path / "c.html"))
    assert r.returncode == 0, r.stderr
    page = (tmp_path / "c.html").read_text(encoding="utf-8")
    assert "<title>Coalitions: Ben Ode &amp; Cara Lind (4); Dev Rao &amp; Realtors Association (2)</title>" in page
    assert "(9 nodes, " in r.stderr  # the six members and the three policies they take sides on
    assert "Lind met Ruiz" not in page  # only stances are drawn
    r = cli("view", "--coalitions", "--all", "-o", str(tmp_path / "d.html"))
    assert r.returncode == 2 and "give only one of --all / --coalitions" in r.stderr and r.stderr.count("\n") == 1
    assert not (tmp_path / "d.html").exists()


def test_coalitions_of_many_actors_split_by_the_sides_they_take():
    """Two camps of 120 actors each on three bills: the agreement graph keeps each actor's strongest
    edges only (NEIGHBOURS), and the camps still come out whole."""
    from newsgraph.queries.coalitions import NEIGHBOURS, coalitions

    edges = [{"subject_id": f"{camp}{i:03}", "subject": f"{camp} {i:03}", "subject_type": "Person",
              "relation": relation, "object_id": bill, "object": bill}
             for camp, relation in (("pro", "SUPPORTS"), ("anti", "OPPOSES")) for i in range(120)
             for bill in ("Bill A", "Bill B", "Bill C")]
    assert 120 > NEIGHBOURS
    groups = coalitions(edges)
    assert [(g["size"], g["backs"], g["opposes"]) for g in groups] == [
        (120, [], ["Bill A", "Bill B", "Bill C"]), (120, ["Bill A", "Bill B", "Bill C"], [])]
    assert {m.split()[0] for m in groups[0]["members"]} == {"anti"}
