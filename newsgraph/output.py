"""How rows look on a terminal: a table that fits the terminal's width, or JSON for machines."""
from __future__ import annotations

import json
import shutil
from typing import Sequence

# Columns shown in tables, per row shape (JSON keeps every field).
CITED_COLUMNS = ("subject", "relation", "object", "confidence", "n_articles", "n_outlets", "source", "sentence")
CLAIM_COLUMNS = ("subject", "relation", "object", "confidence", "evidence", "sentence")
PATH_COLUMNS = ("step", "subject", "relation", "object", "sentence")
HEADERS = {"confidence": "CONF", "n_articles": "ARTS", "n_outlets": "OUTLETS"}
# Columns that give up width when the terminal is narrow (the others keep theirs: short words, numbers).
FLEXIBLE = {"sentence", "source", "object", "subject", "what", "coalition", "members", "backs", "opposes"}
MIN_FLEXIBLE = 10
# Who gives up width first, and down to how much: the sentence (it is in --json whole), the
# source, then names, then the sentence again.
SHRINK = (("sentence", 40), ("source", 16), ("subject", 22), ("object", 22), ("sentence", 24),
          ("source", 12), ("subject", 16), ("object", 16))
# Width when standard output is not a terminal and COLUMNS is not set (a pipe, a file).
PIPE_WIDTH = 200


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
    graph = _graph_value(value) if isinstance(value, dict) else None
    if graph is not None:
        text = graph
    elif isinstance(value, float):
        text = f"{value:.2f}"
    elif isinstance(value, (list, tuple)):
        text = ", ".join(map(str, value))
    elif value is None:
        text = ""
    else:
        text = str(value)
    lead = len(text) - len(text.lstrip(" "))  # kept: `stats` indents its sub-counts
    return " " * lead + " ".join(text.split())  # one line per row, whatever the data holds


def source_cell(row: dict) -> str:
    """The first source of a row as a reporter cites it: outlet (or title), date; +N more."""
    sources = row.get("sources") or []
    if not sources:
        return ""
    first = sources[0]
    text = ", ".join(x for x in (first.get("outlet") or first.get("title"), first.get("date")) if x)
    return text + (f" +{len(sources) - 1}" if len(sources) > 1 else "")


def width() -> int:
    return shutil.get_terminal_size((PIPE_WIDTH, 24)).columns


def fit(widths: list[int], columns: Sequence[str], max_width: int, gap: int = 2) -> list[int]:
    """Column widths that fit `max_width`: columns give up width in the order of SHRINK (each
    down to its floor), then the widest flexible column a character at a time, so names and
    numbers stay whole as long as possible."""
    widths = list(widths)
    excess = sum(widths) + gap * (len(widths) - 1) - max_width
    for name, floor in SHRINK:
        if excess <= 0:
            break
        if name in columns:
            i = columns.index(name)
            cut = min(excess, max(0, widths[i] - floor))
            widths[i] -= cut
            excess -= cut
    while excess > 0:
        shrinkable = [i for i, c in enumerate(columns) if c in FLEXIBLE and widths[i] > MIN_FLEXIBLE]
        if not shrinkable:
            break  # narrower than the table can be: let the terminal wrap it
        i = max(shrinkable, key=lambda j: (widths[j], j))
        widths[i] -= 1
        excess -= 1
    return widths


def _clip(text: str, w: int) -> str:
    return text if len(text) <= w else text[: w - 1] + "\u2026"


def table(rows: Sequence[dict], columns: Sequence[str] | None = None, max_width: int | None = None) -> str:
    """A table of `rows` at most `max_width` (default: the terminal's) characters wide;
    `columns` defaults to a known shape or the first row's keys. Long cells end in "…"."""
    if not rows:
        return "(no results)"
    if columns is None:
        keys = set(rows[0])
        columns = next((c for c in (CITED_COLUMNS, CLAIM_COLUMNS, PATH_COLUMNS)
                        if set(c) - {"source"} <= keys), tuple(rows[0]))
    headers = [HEADERS.get(c, c.upper()) for c in columns]
    cells = [[source_cell(r) if c == "source" else _cell(r.get(c)) for c in columns] for r in rows]
    natural = [max(len(h), *(len(row[i]) for row in cells)) for i, h in enumerate(headers)]
    widths = fit(natural, list(columns), max_width or width())
    lines = ["  ".join(_clip(h, w).ljust(w) for h, w in zip(headers, widths)).rstrip()]
    lines += ["  ".join(_clip(v, w).ljust(w) for v, w in zip(row, widths)).rstrip() for row in cells]
    return "\n".join(lines)


def as_json(rows: object) -> str:
    return json.dumps(rows, ensure_ascii=False, indent=2, default=str)
