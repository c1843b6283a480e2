"""The embedded store: same graph as NewsGraph, durable, safe with two writers, clear errors."""
from __future__ import annotations

import pickle
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from newsgraph.graph import (ALL_RELATIONS, LABELS, RELATED_TO, Article, Claim, Entity, Evidence, Extraction,
                             NewsGraph, StoreError, entity_id)
from newsgraph.loaders.store import DEFAULT_STORE_ENV, Store, default_store_path


# -- extractions, built by hand -----------------------------------------------------------------
def ev(article: str, start: int, predicate: str = "said", confidence: float = 0.9, **kw) -> Evidence:
    return Evidence(article=article, sentence=f"Sentence at {start} of {article}.", start=start,
                    end=start + 20, predicate=predicate, confidence=confidence, **kw)


def hand_extractions() -> list[Extraction]:
    a1 = Article(id="a1", title="Krasner and ICE", text="Krasner vowed to fight ICE.", date="2026-11-20",
                 url="https://example.org/1", source="a1.txt")
    a2 = Article(id="a2", title="Larry Krasner again", text="Larry Krasner said...", date="2026-11-21")
    a3 = Article(id="a3", title="Soros", text="Backed financially by George Soros.", source="-")
    return [
        Extraction(a1, entities=[
            Entity("Krasner", "Person", ["the district attorney"]),
            Entity("ICE", "Organization", ["Immigration and Customs Enforcement", "the agency"]),
            Entity("ICE OUT", "Policy"),
            Entity("Philadelphia", "Place"),
        ], claims=[
            Claim("Krasner", "Person", "OPPOSES", "ICE", "Organization", [ev("a1", 0, "vowed to fight")]),
            Claim("Krasner", "Person", "SUPPORTS", "ICE OUT", "Policy",
                  [ev("a1", 30, "backs", 0.7, hedged=True), ev("a1", 30, "backs")]),  # same span twice
            Claim("Krasner", "Person", "AFFILIATED_WITH", "Philadelphia", "Place", [ev("a1", 50, "of")]),
            Claim("Krasner", "Person", "RELATED_TO", "ICE", "Organization", [ev("a1", 70, "met")],
                  predicate="meet"),
            Claim("Krasner", "Person", "OPPOSES", "Nobody", "Person", [ev("a1", 90)]),  # not listed: dropped
        ]),
        Extraction(a2, entities=[
            Entity("Larry Krasner", "Person", ["Krasner", "Philadelphia District Attorney"]),
            Entity("Immigration and Customs Enforcement", "Organization"),
            Entity("Philadelphia", "Place"),
        ], claims=[
            Claim("Larry Krasner", "Person", "OPPOSES", "Immigration and Customs Enforcement", "Organization",
                  [ev("a2", 5, "rejected", 0.8), ev("a2", 40, "did not oppose", 0.6, negated=True)]),
            Claim("Larry Krasner", "Person", "AFFILIATED_WITH", "Philadelphia", "Place", [ev("a2", 60)],
                  role="District Attorney"),
        ]),
        Extraction(a3, entities=[
            Entity("George Soros", "Person"),
            Entity("Krasner", "Person"),
            Entity("Republican state lawmakers", "Group"),
        ], claims=[
            Claim("George Soros", "Person", "FUNDS", "Krasner", "Person",
                  [ev("a3", 0, "backed financially by")]),
            Claim("Republican state lawmakers", "Group", "CRITICIZES", "Krasner", "Person", [ev("a3", 30)]),
        ]),
    ]


def random_extractions(seed: int, n: int, claims: int = 4) -> list[Extraction]:
    """Articles over a small vocabulary, so names collide, merge, upgrade and turn ambiguous."""
    rng = random.Random(seed)
    firsts, lasts = ["Ana", "Larry", "John", "Mary"], ["Krasner", "Smith", "Soros", "Lopez", "Adams"]
    pools = {"Organization": ["ICE", "the Senate", "Senate", "City Council", "White House"],
             "Place": ["Philadelphia", "Illinois", "Chicago"],
             "Policy": ["ICE OUT", "welcoming city ordinance", "the budget", "Budget"],
             "Group": ["protesters", "immigrant communities", "Republican lawmakers"]}
    out = []
    for i in range(n):
        aid = f"r{seed}-{i}"
        ents: dict[tuple[str, str], Entity] = {}
        for _ in range(rng.randint(2, 6)):
            label = rng.choice(LABELS)
            if label == "Person":
                last = rng.choice(lasts)
                name = last if rng.random() < 0.3 else f"{rng.choice(firsts)} {last}"
                aliases = [last] if rng.random() < 0.5 and name != last else []
            else:
                name = rng.choice(pools[label])
                aliases = rng.sample(pools[label], rng.randint(0, 1))
            ents.setdefault((label, name), Entity(name, label, [a for a in aliases if a != name]))
        listed = list(ents.values())
        cl = []
        for j in range(rng.randint(0, claims)):
            s, o = rng.choice(listed), rng.choice(listed)
            rel = rng.choice(ALL_RELATIONS)
            evs = [Evidence(aid, f"sentence {k}", 10 * k, 10 * k + rng.randint(3, 9), rng.choice(["x", "y"]),
                            round(rng.random(), 3), rng.random() < 0.1, rng.random() < 0.1)
                   for k in rng.sample(range(6), rng.randint(1, 3))]
            cl.append(Claim(s.name, s.label, rel, o.name, o.label, evs,
                            role=rng.choice(["", "spokeswoman"]) if rel == "AFFILIATED_WITH" else "",
                            predicate=rng.choice(["met", "visited"]) if rel == RELATED_TO else ""))
        out.append(Extraction(Article(id=aid, title=f"t{i}", text=f"text of {aid}", date="2026-11-24"),
                              listed, cl))
    return out


def in_memory(extractions: list[Extraction]) -> NewsGraph:
    g = NewsGraph()
    for ex in extractions:
        if ex.article.id not in g.articles:
            g.add(ex)
    return g


# -- the same graph as NewsGraph ---------------------------------------------------------------
def test_store_graph_equals_newsgraph_and_survives_reopen(tmp_path: Path) -> None:
    exs = hand_extractions()
    path = tmp_path / "s.db"
    with Store(path) as store:
        plans = [store.add(ex) for ex in exs]
        assert store.graph() == in_memory(exs)
    mem = NewsGraph()
    assert plans == [mem.add(ex) for ex in exs]  # same resolution, step by step
    with Store(path, readonly=True) as store:
        assert store.graph() == in_memory(exs)


def test_merging_across_articles_is_what_a_user_sees(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        for ex in hand_extractions():
            store.add(ex)
        g = store.graph()
    krasner = g.node(entity_id("Person", "Krasner"))  # first seen as "Krasner", upgraded later
    assert krasner.name == "Larry Krasner"
    assert krasner.aliases == ["Krasner", "Philadelphia District Attorney", "the district attorney"]
    assert krasner.articles == ["a1", "a2", "a3"]
    ice = g.node(entity_id("Organization", "ICE"))  # found again by its alias
    assert ice.articles == ["a1", "a2"]
    rels = {(r.relation, g.node(r.object).name): r for r in g.relationships()}
    opposes = rels[("OPPOSES", "ICE")]
    assert [(e.article, e.start, e.negated) for e in opposes.evidence] == [
        ("a1", 0, False), ("a2", 5, False), ("a2", 40, True)]
    assert rels[("AFFILIATED_WITH", "Philadelphia")].role == "District Attorney"
    assert rels[("RELATED_TO", "ICE")].predicate == "meet"
    assert len(rels[("SUPPORTS", "ICE OUT")].evidence) == 1  # one piece per span
    assert rels[("FUNDS", "Larry Krasner")].subject == entity_id("Person", "George Soros")


@pytest.mark.parametrize("seed", range(8))
def test_random_articles_give_the_same_graph_as_newsgraph(tmp_path: Path, seed: int) -> None:
    exs = random_extractions(seed, 60)
    with Store(tmp_path / "s.db") as store:
        for ex in exs:
            store.add(ex)
        assert store.graph() == in_memory(exs)
        probe = in_memory(exs)
        for label in LABELS:
            for key in ["krasner", "surname:smith", "senate", "ice", "budget", "protesters"]:
                assert store.candidates(label, key) == probe.candidates(label, key)


def test_adding_a_stored_article_changes_nothing(tmp_path: Path) -> None:
    exs = hand_extractions()
    with Store(tmp_path / "s.db") as store:
        for ex in exs:
            store.add(ex)
        before, stats = store.graph(), store.stats()
        assert store.has_article("a2")
        assert all(store.add(ex) is None for ex in exs)
        assert store.graph() == before and store.stats() == stats


def test_new_articles_grow_the_same_graph_after_reopen(tmp_path: Path) -> None:
    exs = random_extractions(42, 40)
    path = tmp_path / "s.db"
    with Store(path) as store:
        for ex in exs[:25]:
            store.add(ex)
    with Store(path) as store:
        for ex in exs[20:]:  # five already stored, fifteen new
            store.add(ex)
        assert store.graph() == in_memory(exs)


def test_articles_and_stats(tmp_path: Path) -> None:
    exs = hand_extractions()
    with Store(tmp_path / "s.db") as store:
        assert store.stats() == {"articles": 0, "entities": 0, "relationships": 0, "evidence": 0,
                                 "labels": {}, "relations": {}}
        for ex in exs:
            store.add(ex)
        assert list(store.articles()) == [ex.article for ex in exs]
        stats = store.stats()
    assert stats == {
        "articles": 3, "entities": 6, "relationships": 6, "evidence": 9,
        "labels": {"Group": 1, "Organization": 1, "Person": 2, "Place": 1, "Policy": 1},
        "relations": {"AFFILIATED_WITH": 1, "CRITICIZES": 1, "FUNDS": 1, "OPPOSES": 1, "RELATED_TO": 1,
                      "SUPPORTS": 1}}


def test_write_graph_restores_an_export_that_resolves_like_the_original(tmp_path: Path) -> None:
    exs = random_extractions(7, 50)
    original = in_memory(exs[:30])
    with Store(tmp_path / "restored.db") as store:
        store.write_graph(original)
        assert store.graph() == original
        store.write_graph(original)  # a union: writing twice changes nothing
        assert store.graph() == original
        for ex in exs[30:]:
            store.add(ex)
            original.add(ex)
        assert store.graph() == original


# -- opening, paths and bad files -----------------------------------------------------------------
def test_default_store_path(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(DEFAULT_STORE_ENV, str(tmp_path / "mine.db"))
    assert default_store_path() == tmp_path / "mine.db"
    monkeypatch.delenv(DEFAULT_STORE_ENV)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert default_store_path() == tmp_path / "data" / "newsgraph" / "newsgraph.db"
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_store_path() == tmp_path / "home" / ".local" / "share" / "newsgraph" / "newsgraph.db"


def test_a_path_in_a_missing_folder_is_created(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "s.db"
    with Store(path) as store:
        store.add(hand_extractions()[0])
    assert path.is_file()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_readonly_on_a_missing_store_says_build_first_and_creates_nothing(tmp_path: Path) -> None:
    path = tmp_path / "nothing" / "s.db"
    with pytest.raises(StoreError, match=r"no store at .*newsgraph build"):
        Store(path, readonly=True)
    assert not path.exists() and not path.parent.exists()


def test_readonly_store_reads_but_refuses_writes(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    exs = hand_extractions()
    with Store(path) as store:
        store.add(exs[0])
    with Store(path, readonly=True) as store:
        assert store.has_article("a1")
        with pytest.raises(StoreError, match="read-only"):
            store.add(exs[1])
        assert store.graph() == in_memory(exs[:1])


@pytest.mark.parametrize("readonly", [False, True])
def test_a_file_that_is_not_sqlite_is_refused(tmp_path: Path, readonly: bool) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"these are my notes, not a database\n" * 200)
    with pytest.raises(StoreError, match="not a newsgraph store"):
        Store(path, readonly=readonly)
    assert path.read_bytes().startswith(b"these are my notes")


def test_another_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    db.close()
    with pytest.raises(StoreError, match="not a newsgraph store"):
        Store(path)


def test_a_store_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    Store(path).close()
    with sqlite3.connect(path) as db:
        db.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    db.close()
    with pytest.raises(StoreError, match="schema version 99"):
        Store(path)


def test_corrupt_store_is_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    with Store(path) as store:
        for ex in random_extractions(3, 30):
            store.add(ex)
    with sqlite3.connect(path) as db:  # fold the WAL in, so the main file holds everything
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    data = bytearray(path.read_bytes())
    data[4096:] = bytes(len(data) - 4096)  # every page after the first zeroed
    path.write_bytes(bytes(data))
    with pytest.raises(StoreError):
        with Store(path) as store:
            store.graph()


def test_unwritable_paths_are_store_errors(tmp_path: Path) -> None:
    a_file = tmp_path / "plain.txt"
    a_file.write_text("x")
    with pytest.raises(StoreError, match="cannot create the folder"):
        Store(a_file / "s.db")
    with pytest.raises(StoreError, match="is a folder"):
        Store(tmp_path)
    with pytest.raises(StoreError, match="cannot"):
        Store("/proc/newsgraph-test/s.db")


# -- faults with real processes ----------------------------------------------------------------
WRITER = textwrap.dedent("""
    import pickle, sys, time
    from newsgraph.loaders.store import Store
    with open(sys.argv[2], "rb") as f:
        extractions = pickle.load(f)
    with Store(sys.argv[1]) as store:
        if sys.argv[4] == "wait":  # a barrier, so that two writers really start together
            print("ready", flush=True)
            sys.stdin.readline()
        for ex in extractions:
            time.sleep(float(sys.argv[3]))  # stands for the NLP work between two articles
            store.add(ex)
""")


def start_writer(store: Path, extractions: list[Extraction], pickled: Path,
                 pause: float = 0.0, wait: bool = False) -> subprocess.Popen:
    pickled.write_bytes(pickle.dumps(extractions))
    return subprocess.Popen([sys.executable, "-c", WRITER, str(store), str(pickled), str(pause),
                             "wait" if wait else "go"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def stored_count(path: Path) -> int:
    try:
        with Store(path, readonly=True) as store:
            return store.stats()["articles"]
    except StoreError:
        return 0


def kill_inside_a_transaction(proc: subprocess.Popen, path: Path) -> bool:
    """SIGKILL the writer at a moment it holds the write lock, i.e. in the middle of an article.

    True when it was seen holding the lock right before the kill."""
    probe = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        for _ in range(10_000):
            try:
                probe.execute("BEGIN IMMEDIATE")
                probe.execute("ROLLBACK")  # the writer is between two articles: try again
            except sqlite3.OperationalError:  # locked: the writer is inside add()
                return True
        return False
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        probe.close()


def test_sigkill_mid_build_leaves_whole_articles_and_a_rerun_completes(tmp_path: Path) -> None:
    exs = random_extractions(11, 1500, claims=12)
    path = tmp_path / "s.db"
    done, inside = 0, []
    for round_ in range(3):  # kill the same build three times, at different points
        proc = start_writer(path, exs, tmp_path / "exs.pickle")
        deadline = time.monotonic() + 60
        while stored_count(path) < done + 100 + 50 * round_ and time.monotonic() < deadline:
            time.sleep(0.02)
        inside.append(kill_inside_a_transaction(proc, path))
        assert proc.returncode == -signal.SIGKILL
        with Store(path) as store:
            ids = [a.id for a in store.articles()]
            # a prefix of whole articles: exactly what NewsGraph holds after those articles
            assert ids == [ex.article.id for ex in exs[:len(ids)]]
            assert len(ids) < len(exs), "the writer finished before it was killed"
            assert store.graph() == in_memory(exs[:len(ids)])
        assert len(ids) > done
        done = len(ids)
    assert any(inside), "never killed inside an article's transaction"
    proc = start_writer(path, exs, tmp_path / "exs.pickle")
    assert proc.wait(timeout=300) == 0, proc.stderr.read().decode()
    with Store(path, readonly=True) as store:
        assert store.graph() == in_memory(exs)


def test_two_writers_at_once_both_finish_as_some_serial_order(tmp_path: Path) -> None:
    exs = random_extractions(5, 400)
    path = tmp_path / "s.db"
    Store(path).close()
    procs = [start_writer(path, exs[0::2], tmp_path / "even.pickle", pause=0.005, wait=True),
             start_writer(path, exs[1::2], tmp_path / "odd.pickle", pause=0.005, wait=True)]
    for proc in procs:
        assert proc.stdout.readline() == b"ready\n", proc.stderr.read().decode()
    for proc in procs:
        proc.stdin.write(b"go\n")
        proc.stdin.flush()
    for proc in procs:
        assert proc.wait(timeout=300) == 0, proc.stderr.read().decode()
    by_id = {ex.article.id: ex for ex in exs}
    with Store(path, readonly=True) as store:
        order = [a.id for a in store.articles()]
        assert sorted(order) == sorted(by_id)
        writer = [int(i.split("-")[1]) % 2 for i in order]
        assert sum(a != b for a, b in zip(writer, writer[1:])) > 2, "the two writers did not overlap"
        assert store.graph() == in_memory([by_id[i] for i in order])


HOLDER = textwrap.dedent("""
    import sqlite3, sys, time
    db = sqlite3.connect(sys.argv[1], isolation_level=None)
    db.execute("BEGIN IMMEDIATE")
    print("locked", flush=True)
    time.sleep(float(sys.argv[2]))
    db.execute("COMMIT")
""")


def test_a_writer_held_up_too_long_gets_store_is_busy(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    Store(path).close()
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(path), "1.5"], stdout=subprocess.PIPE)
    try:
        assert holder.stdout.readline() == b"locked\n"
        with Store(path, busy_timeout=0.2) as store:
            with pytest.raises(StoreError, match="is busy"):
                store.add(hand_extractions()[0])
            assert not store.has_article("a1")
        with Store(path, busy_timeout=30) as store:  # waits for the lock, then succeeds
            assert store.add(hand_extractions()[0]) is not None
    finally:
        holder.kill()
        holder.wait()


def test_an_article_that_fails_midway_leaves_nothing_behind(tmp_path: Path) -> None:
    good, bad = hand_extractions()[:2]
    # a lone surrogate (undecodable input bytes) in the last evidence: the failure comes after
    # the article, its nodes and most relationships were written in the transaction
    last = bad.claims[-1]
    last.evidence = [Evidence("a2", "bad \udcff bytes", 60, 80, "of", 0.5)]
    with Store(tmp_path / "s.db") as store:
        store.add(good)
        before = store.graph()
        with pytest.raises(StoreError, match="a2.*not valid Unicode"):
            store.add(bad)
        assert not store.has_article("a2")
        assert store.graph() == before


def test_a_relative_xdg_data_home_is_ignored(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(DEFAULT_STORE_ENV, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", "relative/data")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert default_store_path() == tmp_path / ".local" / "share" / "newsgraph" / "newsgraph.db"
