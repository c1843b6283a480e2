"""Invented gold-format articles (ONTOLOGY.md "Gold files") for the training and evaluation tests.

Written for the tests; no text or annotation comes from the project's evaluation sets.
"""
from __future__ import annotations

import json
from pathlib import Path

ARTICLES = [
    ("g1", "Senator Ann Polk opposes the Harbor Tunnel Act. The Dockworkers Union praised the Harbor Tunnel Act.",
     [("Ann Polk", "Person", ["Polk", "Senator Ann Polk"]), ("Harbor Tunnel Act", "Policy", []),
      ("Dockworkers Union", "Organization", [])],
     [("Ann Polk", "OPPOSES", "Harbor Tunnel Act"), ("Dockworkers Union", "SUPPORTS", "Harbor Tunnel Act")]),
    ("g2", "Mayor Tom Reyes criticized the Riverside Council. The council rejected the Night Market Ordinance.",
     [("Tom Reyes", "Person", ["Reyes", "Mayor Tom Reyes"]), ("Riverside Council", "Organization", ["council"]),
      ("Night Market Ordinance", "Policy", [])],
     [("Tom Reyes", "CRITICIZES", "Riverside Council"), ("Riverside Council", "OPPOSES", "Night Market Ordinance")]),
    ("g3", "The Green Valley Party backed the Clean Streams Bill. Governor Lena Ortiz signed the Clean Streams Bill.",
     [("Green Valley Party", "Organization", []), ("Clean Streams Bill", "Policy", []),
      ("Lena Ortiz", "Person", ["Ortiz", "Governor Lena Ortiz"])],
     [("Green Valley Party", "SUPPORTS", "Clean Streams Bill"), ("Lena Ortiz", "APPROVES", "Clean Streams Bill")]),
    ("g4", "Businessman Carl Weber gave $2 million to the Safer Roads Fund. Weber attacked the Transit Authority.",
     [("Carl Weber", "Person", ["Weber"]), ("Safer Roads Fund", "Organization", []),
      ("Transit Authority", "Organization", [])],
     [("Carl Weber", "FUNDS", "Safer Roads Fund"), ("Carl Weber", "CRITICIZES", "Transit Authority")]),
    ("g5", "The Farmers Alliance condemned the Water Rights Act. Representative Maya Chen introduced the Water Rights Act.",
     [("Farmers Alliance", "Organization", []), ("Water Rights Act", "Policy", []),
      ("Maya Chen", "Person", ["Chen", "Representative Maya Chen"])],
     [("Farmers Alliance", "CRITICIZES", "Water Rights Act"), ("Maya Chen", "PROPOSES", "Water Rights Act")]),
    ("g6", "Judge Omar Haddad blocked the Curfew Order. The Civil Liberties League applauded the ruling and opposed "
           "the Curfew Order.",
     [("Omar Haddad", "Person", ["Haddad", "Judge Omar Haddad"]), ("Curfew Order", "Policy", []),
      ("Civil Liberties League", "Organization", [])],
     [("Omar Haddad", "OPPOSES", "Curfew Order"), ("Civil Liberties League", "OPPOSES", "Curfew Order")]),
]


def gold_dict(aid: str, text: str, entities: list, triples: list) -> dict:
    return {"id": aid, "title": "", "date": "2026-01-01", "text": text,
            "entities": [{"name": n, "type": t, "aliases": a} for n, t, a in entities],
            "triples": [{"subject": s, "relation": r, "object": o, "evidence": text} for s, r, o in triples]}


def write_gold(folder: Path) -> Path:
    """Write the invented gold articles into `folder`, one file each."""
    folder.mkdir(parents=True, exist_ok=True)
    for aid, text, ents, triples in ARTICLES:
        (folder / f"{aid}.json").write_text(json.dumps(gold_dict(aid, text, ents, triples)), encoding="utf-8")
    return folder
