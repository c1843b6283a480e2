"""The `newsgraph extract` output: JSON Lines, one line per relationship and one per entity.

This is the format ../shared/eval/score.py reads; its field names are the ontology's.
"""
from __future__ import annotations

import json
from typing import IO, Iterator

from newsgraph.graph import Extraction


def extraction_rows(extraction: Extraction) -> Iterator[dict]:
    """One dict per claim-evidence pair, then one per entity, of one article."""
    art = extraction.article.id
    for claim in extraction.claims:
        for ev in claim.evidence:
            row: dict[str, object] = {
                "article": art, "subject": claim.subject, "subject_type": claim.subject_label,
                "relation": claim.relation, "object": claim.object, "object_type": claim.object_label}
            if claim.role:
                row["role"] = claim.role
            if claim.predicate:
                row["predicate"] = claim.predicate
            row.update({"sentence": ev.sentence, "start": ev.start, "end": ev.end,
                        "surface": ev.predicate, "confidence": round(ev.confidence, 3),
                        "negated": ev.negated, "hedged": ev.hedged})
            yield row
    for ent in extraction.entities:
        yield {"article": art, "entity": ent.name, "type": ent.label, "aliases": list(ent.aliases)}


def write_rows(rows: Iterator[dict], out: IO[str]) -> int:
    """Write rows as JSON Lines; returns how many."""
    n = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        n += 1
    return n
