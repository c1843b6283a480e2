"""The predicate lexicon is data: it loads, it is checked, and it can be extended without code."""
from __future__ import annotations

import json

import pytest

from newsgraph.extractors.lexicon import LEXICON_PATH, load_lexicon, parse_lexicon


def test_packaged_lexicon_loads_with_every_section():
    lex = load_lexicon()
    assert lex.verb("oppose")[0].type == "OPPOSES"
    assert lex.verb("push back on")[0].type == "OPPOSES"
    assert lex.verb("push")[0].object_labels == ("Policy",)
    assert lex.nouns["lawsuit"].objects["against"][0].type == "INVESTIGATES"
    assert lex.money_preps["against"] == "OPPOSES"
    assert lex.modifiers["back"] == "FUNDS"


def test_unknown_relation_is_rejected_at_load():
    data = json.loads(LEXICON_PATH.read_text(encoding="utf-8"))
    data["verbs"]["adore"] = "LOVES"
    with pytest.raises(ValueError, match="adore"):
        parse_lexicon(data)


def test_new_entry_extends_the_lexicon():
    data = json.loads(LEXICON_PATH.read_text(encoding="utf-8"))
    data["verbs"]["excoriate publicly"] = "CRITICIZES"
    data["verbs"]["torpedo"] = {"type": "OPPOSES", "object_labels": ["Policy"]}
    lex = parse_lexicon(data)
    assert lex.verb("excoriate publicly")[0].type == "CRITICIZES"
    assert lex.verb("torpedo")[0].fits("Person", "Policy") and not lex.verb("torpedo")[0].fits("Person", "Person")


def test_reverse_sense_is_read():
    assert any(s.reverse for s in load_lexicon().verb("pass"))
