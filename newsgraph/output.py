"""How rows look on a terminal: a plain aligned table, or JSON for machines."""
from __future__ import annotations

import json
from typing import Sequence

# Columns shown in tables, per row shape (JSON keeps every field).
CLAIM_COLUMNS = ("subject", "relation", "object", "confidence", "evidence", "sentence")
PATH_COLUMNS = ("step", "subject", "relation", "object", "sentence")
MAX_CELL = 70


def _props(props: dict) -> str:
    return "{" + ", ".join(f"{k}: {json.dumps(v, ensure_ascii=False, default=str)}"
                           for k, v in sorted(props.items(), key=lambda kv: (kv[0] != "name", kv[0]))) + "}"


def _short_id(element_id: object) -> str:
    # Neo4j element ids are "4:<database uuid>:<n>": the last part tells the rows apart.
    return str(element_id).rsplit(":", 1)[-1] if element_id is not None else "?"


def _graph_value(value: dict) -> str | None:
    """Cypher-like text for a node, relationship or path (see loaders/neo4j_values.py), else None."""
    keys = set(value)
    if keys == {"elementId", "labels", "properties"}:
        return "(" + "".join(f":{lab}" for lab in value["labels"]) + f" {_props(value['properties'])})"
    if keys == {"elementId", "type", "start", "end", "properties"}:
        props = f" {_props(value['properties'])}" if value["properties"] else ""
        return f"(#{_short_id(value['start'])})-[:{value['type']}{props}]->(#{_short_id(value['end'])})"
    if keys == {"nodes", "relationships", "length"}:
        def name(n: dict) -> str:
            return f"({n['properties'].get('name', '#' + _short_id(n['elementId']))})"
        nodes = value["nodes"]
        text = name(nodes[0]) if nodes else ""
        for i, rel in enumerate(value["relationships"]):  # rel i joins nodes i and i+1
            forward = rel["start"] == nodes[i]["elementId"]
            text += (f"-[:{rel['type']}]->" if forward else f"<-[:{rel['type']}]-") + name(nodes[i + 1])
        return text
    return None


def _cell(value: object) -> str:
    if isinstance(value, dict) and _graph_value(value) is not None:
        text = _graph_value(value)
    elif isinstance(value, float):
        text = f"{value:.2f}"
    elif isinstance(value, (list, tuple)):
        text = ", ".join(map(str, value))
    elif value is None:
        text = ""
    else:
        text = str(value)
    text = " ".join(text.split())  # one line per row, whatever the data holds
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "\u2026"


def table(rows: Sequence[dict], columns: Sequence[str] | None = None) -> str:
    """An aligned text table of `rows`; `columns` defaults to a known shape or the first row's keys."""
    if not rows:
        return "(no results)"
    if columns is None:
        keys = set(rows[0])
        columns = next((c for c in (CLAIM_COLUMNS, PATH_COLUMNS) if set(c) <= keys), tuple(rows[0]))
    cells = [[_cell(r.get(c)) for c in columns] for r in rows]
    widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(columns)]
    lines = ["  ".join(c.upper().ljust(w) for c, w in zip(columns, widths)).rstrip()]
    lines += ["  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip() for row in cells]
    return "\n".join(lines)


def as_json(rows: object) -> str:
    return json.dumps(rows, ensure_ascii=False, indent=2, default=str)
