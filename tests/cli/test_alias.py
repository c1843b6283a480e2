"""`newsgraph alias merge|split|list` as an analyst uses them: at once on the store, in every later
build, and never undone by a rebuild; bad input is one line, a non-zero exit, and nothing changed."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgraph.loaders.store import Store

# Invented articles: "Tories" and "Conservative Party" name one party; the bare "Alvarez" of the
# second is joined to Maria Alvarez of the first by the resolver (a merge an analyst may reject).
ARTICLES = {
    "a1.txt": "Tories Back Housing Bill\n\nThe Tories backed the Housing Bill on Monday, and Senator Maria "
              "Alvarez opposed the Housing Bill.\n",
    "a2.txt": "Party Rejects Rail Plan\n\nThe Conservative Party opposed the Rail Plan on Tuesday. Alvarez "
              "supported the Rail Plan.\n",
}
LATER = {"a3.txt": "Rail Plan Vote\n\nThe Tories criticized the Rail Plan again on Friday.\n"}


def write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def claims(newsgraph, actor: str) -> set[tuple[str, str, str]]:
    r = newsgraph("query", "profile", actor, "--json")
    assert r.returncode == 0, r.stderr
    return {(x["subject"], x["relation"], x["object"]) for x in json.loads(r.stdout)}


def store_state(tmp_path: Path) -> tuple:
    with Store(tmp_path / "store" / "graph.db", readonly=True) as s:
        g = s.graph()
    aliases = tmp_path / "store" / "graph.aliases.yaml"
    return (list(g.nodes()), list(g.relationships()), aliases.read_text() if aliases.exists() else None)


@pytest.fixture
def built(newsgraph, tmp_path, monkeypatch):
    monkeypatch.delenv("NEWSGRAPH_ALIASES", raising=False)
    r = newsgraph("build", str(write(tmp_path / "in", ARTICLES)))
    assert r.returncode == 0, r.stderr
    return newsgraph


def test_merge_applies_at_once_to_later_builds_and_lists(built, tmp_path):
    r = built("alias", "merge", "tories", "Conservative Party")
    assert r.returncode == 0 and "merged 'Tories' (Group, 1 articles) into 'Conservative Party'" in r.stderr, r.stderr
    assert claims(built, "Conservative Party") == {("Conservative Party", "SUPPORTS", "Housing Bill"),
                                                   ("Conservative Party", "OPPOSES", "Rail Plan")}
    assert claims(built, "Tories") == claims(built, "Conservative Party")  # the old name finds the party
    text = (tmp_path / "store" / "graph.aliases.yaml").read_text()
    assert "- alias: Tories\n  into: Conservative Party\n  label: Organization\n" in text
    assert built("build", str(write(tmp_path / "later", LATER))).returncode == 0
    assert ("Conservative Party", "CRITICIZES", "Rail Plan") in claims(built, "Conservative Party")
    listed = json.loads(built("alias", "list", "--json").stdout)
    assert listed == [{"rule": "merge", "name": "Tories", "into": "Conservative Party (Organization)",
                       "now": "Conservative Party"}]



def query_index(path: Path) -> tuple[set, set]:
    """The store's query index (the keys and words a user's text is looked up by)."""
    with Store(path, readonly=True) as s:
        assert s.indexed
        return ({(r["key"], r["node"], r["folded"]) for r in s.run("SELECT key, node, folded FROM match_keys")},
                {(r["word"], r["node"]) for r in s.run("SELECT word, node FROM match_words")})


def test_merge_and_split_keep_the_query_index_right(built, tmp_path):
    path = tmp_path / "store" / "graph.db"
    for change in (("merge", "tories", "Conservative Party"), ("split", "Tories")):
        assert built("alias", *change).returncode == 0
        with Store(path, readonly=True) as s:
            graph = s.graph()
        with Store(tmp_path / f"fresh-{change[0]}.db") as fresh:  # the same graph, indexed from scratch
            fresh.write_graph(graph)
        assert query_index(path) == query_index(tmp_path / f"fresh-{change[0]}.db")  # nothing stale, nothing missed
        if change[0] == "merge":
            party = next(n.id for n in graph.nodes() if n.name == "Conservative Party")
            assert ("tories", party, "tories") in query_index(path)[0]
            # a named query by the merged-away name is answered from the index, by the party
            r = built("query", "who-supports", "--json")
            assert {(x["subject"], x["object"]) for x in json.loads(r.stdout)} >= {("Conservative Party", "Housing Bill")}
            assert claims(built, "tories") == claims(built, "Conservative Party")


def test_split_undoes_a_merge_and_a_resolver_merge_and_survives_a_rebuild(built, tmp_path):
    before = store_state(tmp_path)[:2]
    assert built("alias", "merge", "Tories", "Conservative Party").returncode == 0
    r = built("alias", "split", "Tories")
    assert r.returncode == 0 and "undid the merge of 'Tories' into 'Conservative Party'" in r.stderr, r.stderr
    assert store_state(tmp_path)[:2] == before  # the graph of the first build, exactly
    # the resolver read the bare "Alvarez" of a2 as Maria Alvarez; the analyst says no
    assert ("Maria Alvarez", "SUPPORTS", "Rail Plan") in claims(built, "Maria Alvarez")
    r = built("alias", "split", "Alvarez")
    assert r.returncode == 0 and "split 'Alvarez' from 'Maria Alvarez'" in r.stderr, r.stderr
    assert claims(built, "Maria Alvarez") == {("Maria Alvarez", "OPPOSES", "Housing Bill")}
    assert ("Alvarez", "SUPPORTS", "Rail Plan") in claims(built, "alvarez")
    # a later build keeps the split
    later = {"a4.txt": "Rail Plan Again\n\nAlvarez praised the Rail Plan on Sunday.\n"}
    assert built("build", str(write(tmp_path / "later", later))).returncode == 0
    assert claims(built, "Maria Alvarez") == {("Maria Alvarez", "OPPOSES", "Housing Bill")}


@pytest.mark.parametrize("args,message", [
    (("merge", "Nobody Known", "Conservative Party"), "no actor or policy is named 'Nobody Known'"),
    (("merge", "Conservative Party", "conservative party"), "are already one actor"),
    (("merge", "Tories", "Tories"), "are already one actor"),
    (("split", "Rail Plan"), "was never merged"),
    (("split", "Nobody Known"), "no actor or policy is named"),
])
def test_bad_input_is_one_line_and_changes_nothing(built, tmp_path, args, message):
    before = store_state(tmp_path)
    r = built("alias", *args)
    assert r.returncode == 2 and message in r.stderr and r.stderr.count("\n") == 1, r.stderr
    assert store_state(tmp_path) == before


def test_a_malformed_aliases_file_stops_alias_and_build_with_its_line(built, tmp_path):
    path = tmp_path / "store" / "graph.aliases.yaml"
    path.write_text("merge:\n- alias: Tories\n  into: Conservative Party\n", encoding="utf-8")
    before = store_state(tmp_path)
    for args in (("alias", "merge", "Tories", "Conservative Party"), ("alias", "list"),
                 ("build", str(write(tmp_path / "later", LATER)))):
        r = built(*args)
        assert r.returncode == 2 and f"{path}, line 2: a merge must have `label`" in r.stderr, (args, r.stderr)
        assert r.stderr.count("\n") == 1
    assert store_state(tmp_path) == before


def test_alias_commands_have_help_with_examples(newsgraph):
    for cmd in ("merge", "split", "list"):
        r = newsgraph("alias", cmd, "--help")
        assert r.returncode == 0 and "--aliases" in r.stdout, cmd
    assert "newsgraph alias merge" in newsgraph("alias", "--help").stdout
