"""Reading gold-format files: what `train` and `evaluate` take, and the one-line errors for bad ones."""
from __future__ import annotations

import json

import pytest

from newsgraph.extractors.gold import GoldError, read_gold

from .gold_fixtures import gold_dict, write_gold


def test_gold_files_are_read_with_their_entities_and_claims(tmp_path):
    golds = read_gold([write_gold(tmp_path / "gold")])
    assert len(golds) == 6
    g = next(g for g in golds if g.article.id == "g1")
    assert g.resolve("Senator Ann Polk") == {"Ann Polk"} and g.resolve("the Polk") == {"Ann Polk"} and g.resolve("Ann") == set()
    assert ("Ann Polk", "OPPOSES", "Harbor Tunnel Act") in g.required


@pytest.mark.parametrize("break_it, says", [
    (lambda d: d.pop("text"), "missing key 'text'"),
    (lambda d: d["entities"][0].update(type="Politician"), "entities[0]: type 'Politician'"),
    (lambda d: d["triples"][0].update(subject="Nobody"), "triples[0]: subject 'Nobody'"),
    (lambda d: d["triples"][0].update(relation="LIKES"), "triples[0]: relation 'LIKES'"),
    (lambda d: d.update(entities="none"), "key 'entities' must be a list"),
])
def test_a_malformed_gold_file_is_named_with_the_key(tmp_path, break_it, says):
    d = gold_dict("x", "Ann Polk opposes the Act.", [("Ann Polk", "Person", []), ("Act", "Policy", [])],
                  [("Ann Polk", "OPPOSES", "Act")])
    break_it(d)
    f = tmp_path / "bad.json"
    f.write_text(json.dumps(d))
    with pytest.raises(GoldError) as e:
        read_gold([f])
    assert str(f) in str(e.value) and says in str(e.value)


def test_broken_json_names_the_file_and_line(tmp_path):
    f = tmp_path / "broken.json"
    f.write_text('{\n  "id": "x",\n  "text": \n}')
    with pytest.raises(GoldError, match=r"broken.json: line 4: not JSON"):
        read_gold([f])


def test_duplicate_ids_and_empty_folders_are_refused(tmp_path):
    write_gold(tmp_path / "a")
    write_gold(tmp_path / "b")
    with pytest.raises(GoldError, match="duplicate article id"):
        read_gold([tmp_path / "a", tmp_path / "b"])
    (tmp_path / "empty").mkdir()
    with pytest.raises(GoldError, match="no gold files"):
        read_gold([tmp_path / "empty"])
