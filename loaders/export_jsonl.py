"""The JSON Lines export: the whole graph, one record a line, read back unchanged.

Lines come in the order a reader needs them: every article, every node, then
every relationship with its evidence:
  {"kind": "article", "id": ..., "title": ..., "text": ..., ...}
  {"kind": "node", "id": ..., "label": ..., "name": ..., "aliases": [...], "articles": [...]}
  {"kind": "relationship", "id": ..., "subject": ..., "relation": ..., "object": ...,
   "role": ..., "predicate": ..., "confidence": ..., "evidence": [{...}, ...]}
  {"kind": "end", "articles": N, "nodes": N, "relationships": N}
`confidence` of a relationship is derived (its strongest evidence) and ignored on reading.
The closing "end" line makes a cut-short file detectable: reading refuses a file without it,
or whose counts differ from what it holds.
"""
from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from newsgraph.graph import (Article, Evidence, ExportError, NewsGraph, Node, Relationship, check_label,
                             check_relation, resolution_keys)

KINDS = ("article", "node", "relationship", "end")
# The JSON type each field must have; a wrong one would build a record that compares unequal.
_TYPES: dict[str, type | tuple[type, ...]] = {
    "id": str, "text": str, "title": str, "date": str, "url": str, "source": str,
    "label": str, "name": str, "aliases": list, "articles": list,
    "subject": str, "relation": str, "object": str, "role": str, "predicate": str, "evidence": list,
    "article": str, "sentence": str, "start": int, "end": int, "confidence": (int, float),
    "negated": bool, "hedged": bool,
}


def write_jsonl(graph: NewsGraph, path: Path) -> None:
    counts = {"articles": 0, "nodes": 0, "relationships": 0}
    with path.open("w", encoding="utf-8", newline="\n") as f:
        for _, art in sorted(graph.articles.items()):
            f.write(_line({"kind": "article", **art.to_dict()}))
            counts["articles"] += 1
        for node in graph.nodes():
            f.write(_line({"kind": "node", **node.to_dict()}))
            counts["nodes"] += 1
        for rel in graph.relationships():
            f.write(_line({"kind": "relationship", **rel.to_dict()}))
            counts["relationships"] += 1
        f.write(_line({"kind": "end", **counts}))


def read_graph_jsonl(path: Path) -> NewsGraph:
    """The NewsGraph a jsonl export holds; ExportError naming the file and line if it is not one."""
    graph = NewsGraph()
    try:
        f = path.open(encoding="utf-8")
    except OSError as e:
        raise ExportError(f"{path}: cannot read: {e.strerror or e}") from None
    with f:
        lineno = 0
        end: dict | None = None
        try:
            for lineno, line in enumerate(f, start=1):
                if not line.strip():
                    continue
                if end is not None:
                    raise ValueError("a line after the closing \"end\" line")
                rec = json.loads(line, parse_constant=_no_constant)
                if isinstance(rec, dict) and rec.get("kind") == "end":
                    end = rec
                else:
                    _add(graph, rec)
        except UnicodeDecodeError:
            raise ExportError(f"{path}:{lineno + 1}: not UTF-8 text") from None
        except json.JSONDecodeError as e:
            raise ExportError(f"{path}:{lineno}: not JSON: {e.msg} at column {e.colno}") from None
        except (KeyError, TypeError, ValueError) as e:
            raise ExportError(f"{path}:{lineno}: not a newsgraph record: {_reason(e)}") from None
    held = {"articles": len(graph.articles), "nodes": len(graph),
            "relationships": sum(1 for _ in graph.relationships())}
    if end is None:
        raise ExportError(f"{path}: not a whole export: no closing \"end\" line after line {lineno} "
                          "(cut short? export again)")
    if any(end.get(k) != v for k, v in held.items()):
        said = ", ".join(f"{end.get(k)} {k}" for k in held)
        raise ExportError(f"{path}: not a whole export: its closing line says {said}, "
                          f"it holds {', '.join(f'{v} {k}' for k, v in held.items())}")
    return graph


def _no_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number newsgraph stores")


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
        # The resolution keys let the read graph resolve new articles like the one exported.
        graph.add_node(node, resolution_keys(node.label, node.name, node.aliases))
    elif kind == "relationship":
        f = _fields(rec, ("id", "subject", "relation", "object"), ("role", "predicate", "evidence"))
        check_relation(f["relation"])
        for end in ("subject", "object"):
            if f[end] not in graph:
                raise ValueError(f"{end} {f[end]!r} is no node listed before it")
        evidence = [_fields(ev, ("article", "sentence", "start", "end", "predicate", "confidence"),
                            ("negated", "hedged")) for ev in f.get("evidence", [])]
        for ev in evidence:
            if not (math.isfinite(ev["confidence"]) and 0 <= ev["confidence"] <= 1):
                raise ValueError(f"confidence {ev['confidence']!r} is not a number from 0 to 1")
        f["evidence"] = [Evidence(**ev) for ev in evidence]
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
    # allow_nan=False: NaN and Infinity are not JSON; the export never holds them.
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"), allow_nan=False) + "\n"
