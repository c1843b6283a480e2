"""The aliases file: YAML an analyst edits and versions; a malformed one is one line naming the file and line."""
from __future__ import annotations

import pytest

from newsgraph.graph.aliases import AliasRules, Merge
from newsgraph.graph.errors import AliasError
from newsgraph.loaders.aliases_file import HEADER, default_aliases_path, read_rules, write_rules


def test_it_lives_beside_the_store_unless_told_otherwise(tmp_path, monkeypatch):
    monkeypatch.delenv("NEWSGRAPH_ALIASES", raising=False)
    assert default_aliases_path(tmp_path / "news.db") == tmp_path / "news.aliases.yaml"
    monkeypatch.setenv("NEWSGRAPH_ALIASES", str(tmp_path / "team" / "aliases.yaml"))
    assert default_aliases_path(tmp_path / "news.db") == tmp_path / "team" / "aliases.yaml"


def test_rules_round_trip_and_a_missing_file_is_no_rules(tmp_path):
    path = tmp_path / "aliases.yaml"
    assert not read_rules(path)
    rules = AliasRules([Merge("Tories", "Conservative Party", "Organization")], ["Labour Party"])
    write_rules(path, rules)
    assert read_rules(path) == rules
    text = path.read_text(encoding="utf-8")
    assert text.startswith(HEADER) and "alias: Tories" in text and "- Labour Party" in text


@pytest.mark.parametrize("text,line,message", [
    ("split:\n- Labour Party\n\t- Tories\n", 3, "not valid YAML"),
    ("merge:\n- alias: Tories\n  into: Conservative Party\n", 2, "must have `label`"),
    ("merge:\n- alias: Tories\n  into: Conservative Party\n  label: Party\n", 4, "is not one of"),
    ("merge:\n- alias: Tories\n  into: tories\n  label: Group\n", 2, "merged into itself"),
    ("split:\n- Tories\n- TORIES\n", 3, "named twice"),
    ("split:\n- [a, b]\n", 2, "must be a name"),
    ("merges:\n- x\n", 1, "unknown section 'merges'"),
    ("- Tories\n", 1, "expected `merge:` and `split:`"),
    ("merge:\n- alias: Tories\n  into: Conservative Party\n  label: Organization\n  note: x\n", 2, "unknown field 'note'"),
])
def test_a_malformed_file_names_the_file_and_line(tmp_path, text, line, message):
    path = tmp_path / "aliases.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(AliasError) as e:
        read_rules(path)
    assert str(e.value).startswith(f"[E011] {path}, line {line}: ")
    assert message in str(e.value) and "\n" not in str(e.value)
