"""The JSON Lines export: the whole graph, one record a line, read back unchanged.

Lines come in the order a reader needs them: every article, every node, then
every relationship with its evidence:
  {"kind": "article", "id": ..., "title": ..., "text": ..., ...}
  {"kind": "node", "id": ..., "label": ..., "name": ..., "aliases": [...], "articles": [...]}
  {"kind": "relationship", "id": ..., "subject": ..., "relation": ..., "object": ...,
   "role": ..., "predicate": ..., "confidence": ..., "evidence": [{...}, ...]}
`confidence` of a relationship is derived (its strongest evidence) and ignored on reading.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from newsgraph.graph import Article, Entity, Evidence, ExportError, NewsGraph, Node, Relationship
from newsgraph.graph.ontology import check_label, check_relation
from newsgraph.graph.resolve import name_keys

KINDS = ("article", "node", "relationship")
# The JSON type each field must have; a wrong one would build a record that compares unequal.
_TYPES: dict[str, type | tuple[type, ...]] = {
    "id": str, "text": str, "title": str, "date": str, "url": str, "source": str,
    "label": str, "name": str, "aliases": list, "articles": list,
    "subject": str, "relation": str, "object": str, "role": str, "predicate": str, "evidence": list,
    "article": str, "sentence": str, "start": int, "end": int, "confidence": (int, float),
    "negated": bool, "hedged": bool,
}


def write_jsonl(graph: NewsGraph, path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as f:
        for _, art in sorted(graph.articles.items()):
            f.write(_line({"kind": "article", **art.to_dict()}))
        for node in graph.nodes():
            f.write(_line({"kind": "node", **node.to_dict()}))
        for rel in graph.relationships():
            f.write(_line({"kind": "relationship", **rel.to_dict()}))


def read_graph_jsonl(path: Path) -> NewsGraph:
    """The NewsGraph a jsonl export holds; ExportError naming the file and line if it is not one."""
    graph = NewsGraph()
    try:
        f = path.open(encoding="utf-8")
    except OSError as e:
        raise ExportError(f"{path}: cannot read: {e.strerror or e}") from None
    with f:
        lineno = 0
        try:
            for lineno, line in enumerate(f, start=1):
                if line.strip():
                    _add(graph, json.loads(line))
        except UnicodeDecodeError:
            raise ExportError(f"{path}:{lineno + 1}: not UTF-8 text") from None
        except json.JSONDecodeError as e:
            raise ExportError(f"{path}:{lineno}: not JSON: {e.msg} at column {e.colno}") from None
        except (KeyError, TypeError, ValueError) as e:
            raise ExportError(f"{path}:{lineno}: not a newsgraph record: {_reason(e)}") from None
    return graph


def _add(graph: NewsGraph, rec: Any) -> None:
    if not isinstance(rec, dict):
        raise TypeError("a line must hold a JSON object")
    kind = rec.get("kind")
    if kind == "article":
        art = Article(**_fields(rec, ("text",), ("id", "title", "date", "url", "source")))
        graph.articles[art.id] = art
    elif kind == "node":
        f = _fields(rec, ("id", "label", "name"), ("aliases", "articles"))
        check_label(f["label"])
        if not all(isinstance(x, str) for x in [*f.get("aliases", []), *f.get("articles", [])]):
            raise TypeError("aliases and articles must be lists of strings")
        node = Node(**f)
        # The name keys let the read graph resolve new articles like the one exported.
        graph.add_node(node, name_keys(Entity(node.name, node.label, list(node.aliases))))
    elif kind == "relationship":
        f = _fields(rec, ("id", "subject", "relation", "object"), ("role", "predicate", "evidence"))
        check_relation(f["relation"])
        for end in ("subject", "object"):
            if f[end] not in graph.g:
                raise ValueError(f"{end} {f[end]!r} is no node listed before it")
        f["evidence"] = [Evidence(**_fields(ev, ("article", "sentence", "start", "end", "predicate",
                                                  "confidence"), ("negated", "hedged")))
                         for ev in f.get("evidence", [])]
        graph.add_relationship(Relationship(**f))
    else:
        raise ValueError(f"unknown kind {kind!r} (expected one of {', '.join(KINDS)})")


def _fields(rec: Any, required: tuple[str, ...], optional: tuple[str, ...]) -> dict:
    if not isinstance(rec, dict):
        raise TypeError("a record must be a JSON object")
    missing = [k for k in required if k not in rec]
    if missing:
        raise KeyError(", ".join(missing))
    out = {k: rec[k] for k in (*required, *optional) if k in rec}
    for k, v in out.items():
        want = _TYPES[k]
        if not isinstance(v, want) or (want is int and isinstance(v, bool)):
            raise TypeError(f"{k} has the wrong type ({type(v).__name__})")
    return out


def _reason(e: Exception) -> str:
    if isinstance(e, KeyError):
        return f"missing {e.args[0]}"
    return str(e)


def _line(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"
