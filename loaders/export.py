"""`newsgraph export`: write a NewsGraph in one of the formats other tools read.

neo4j-admin  a folder of CSV files for `neo4j-admin database import full`, plus import.sh
graphml      one GraphML file (Gephi, yEd, Cytoscape)
gexf         one GEXF file (Gephi)
jsonl        one JSON Lines file that read_graph_jsonl reads back unchanged
"""
from __future__ import annotations

from pathlib import Path

from newsgraph.graph import ExportError, NewsGraph

from newsgraph.loaders.atomic import atomic_folder_files, atomic_path
from newsgraph.loaders.export_jsonl import read_graph_jsonl, write_jsonl
from newsgraph.loaders.export_neo4j import write_neo4j_admin
from newsgraph.loaders.export_networkx import write_gexf, write_graphml

FORMATS = ("neo4j-admin", "graphml", "gexf", "jsonl")

__all__ = ["FORMATS", "export", "read_graph_jsonl"]


def export(graph: NewsGraph, fmt: str, path: Path) -> list[Path]:
    """Write `graph` as `fmt` to `path` (a folder for neo4j-admin, else a file); the files written."""
    if fmt not in FORMATS:
        raise ExportError(f"format {fmt!r}: unknown (choose one of {', '.join(FORMATS)})")
    path = Path(path)
    try:
        if fmt == "neo4j-admin":
            if path.exists() and not path.is_dir():
                raise ExportError(f"{path}: is a file; neo4j-admin export writes a folder")
            with atomic_folder_files(path) as tmp:
                written = write_neo4j_admin(graph, tmp)
            return [path / p.name for p in written]
        if path.is_dir():
            raise ExportError(f"{path}: is a folder; {fmt} export writes one file")
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written beside the target and renamed: a full disk leaves the previous export whole.
        with atomic_path(path) as tmp:
            if fmt == "graphml":
                write_graphml(graph, tmp)
            elif fmt == "gexf":
                write_gexf(graph, tmp)
            else:
                write_jsonl(graph, tmp)
        return [path]
    except OSError as e:
        where = e.filename or path
        raise ExportError(f"{where}: cannot write: {e.strerror or e}") from None
