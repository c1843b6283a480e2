"""A dated graph made without the NLP model, for the stance questions (timeline, shifts,
contested, coalitions): actors who change sides, agree and disagree, over dated and undated articles."""
from __future__ import annotations

from newsgraph.graph import Article, Claim, Entity, Evidence, Extraction, NewsGraph

LABELS = {"Ana Ruiz": "Person", "Ben Ode": "Person", "Tenants Union": "Group", "Realtors Association": "Organization",
          "Cara Lind": "Person", "Dev Rao": "Person", "Fair Rent Act": "Policy", "Measure 9": "Policy",
          "Transit Levy": "Policy", "City Council": "Organization"}
ARTICLES = {  # (date as the source gave it, outlet)
    "a1": ("2026-09-01", "The Valley Ledger"),
    "a2": ("2026-09-15T08:00:00-07:00", "Herald"),
    "a3": ("October 2, 2026", "The Valley Ledger"),
    "a4": ("2026-10-20", ""),
    "a5": ("", ""),  # undated
    "a6": ("sometime in autumn", "Herald"),  # a date that names no day: undated
}
# (article, subject, relation, object, confidence, sentence)
CLAIMS = [
    ("a1", "Ana Ruiz", "OPPOSES", "Fair Rent Act", 0.8, "Ruiz vetoed the Fair Rent Act."),
    ("a1", "Ana Ruiz", "OPPOSES", "Fair Rent Act", 0.6, "Ruiz repeated her opposition to the Fair Rent Act."),
    ("a1", "Tenants Union", "SUPPORTS", "Fair Rent Act", 0.9, "The Tenants Union backed the Fair Rent Act."),
    ("a1", "Realtors Association", "OPPOSES", "Fair Rent Act", 0.7, "The Realtors Association fought the act."),
    ("a1", "Ben Ode", "SUPPORTS", "Measure 9", 0.75, "Ode endorsed Measure 9."),
    ("a2", "Ben Ode", "SUPPORTS", "Fair Rent Act", 0.66, "Ode backed the Fair Rent Act."),
    ("a2", "Cara Lind", "SUPPORTS", "Fair Rent Act", 0.7, "Lind backed the Fair Rent Act."),
    ("a2", "Cara Lind", "SUPPORTS", "Transit Levy", 0.7, "Lind backed the Transit Levy."),
    ("a2", "Ben Ode", "SUPPORTS", "Transit Levy", 0.7, "Ode backed the Transit Levy."),
    ("a2", "Tenants Union", "CRITICIZES", "Ana Ruiz", 0.8, "The union slammed Ruiz."),
    ("a3", "Ana Ruiz", "SUPPORTS", "Fair Rent Act", 0.9, "Ruiz now supports the Fair Rent Act."),
    ("a3", "Ben Ode", "OPPOSES", "Measure 9", 0.85, "Ode now opposes Measure 9."),
    ("a3", "Dev Rao", "OPPOSES", "Transit Levy", 0.7, "Rao opposed the Transit Levy."),
    ("a3", "Realtors Association", "OPPOSES", "Transit Levy", 0.6, "The Realtors Association opposed the levy."),
    ("a3", "Dev Rao", "OPPOSES", "Fair Rent Act", 0.5, "Rao opposed the Fair Rent Act."),
    ("a4", "Ana Ruiz", "OPPOSES", "Fair Rent Act", 0.7, "Ruiz turned against the Fair Rent Act again."),
    ("a4", "City Council", "APPROVES", "Transit Levy", 0.9, "The City Council passed the Transit Levy."),
    ("a4", "Tenants Union", "SUPPORTS", "Transit Levy", 0.6, "The union backed the levy."),
    ("a5", "Ana Ruiz", "SUPPORTS", "Measure 9", 0.4, "Ruiz praised Measure 9."),
    ("a5", "Ben Ode", "OPPOSES", "Measure 9", 0.6, "Ode spoke against Measure 9."),
    ("a6", "Ana Ruiz", "SUPPORTS", "Transit Levy", 0.5, "Ruiz backed the levy."),
    ("a6", "Cara Lind", "RELATED_TO", "Ana Ruiz", 0.3, "Lind met Ruiz."),
]


def stance_graph() -> NewsGraph:
    g = NewsGraph()
    for aid, (date, outlet) in ARTICLES.items():
        mine = [c for c in CLAIMS if c[0] == aid]
        names = sorted({c[1] for c in mine} | {c[3] for c in mine})
        claims, pos = [], 0
        for _, s, rel, o, conf, sentence in mine:
            claims.append(Claim(s, LABELS[s], rel, o, LABELS[o],
                                [Evidence(aid, sentence, pos, pos + len(sentence), sentence.split()[1], conf)],
                                predicate="met" if rel == "RELATED_TO" else ""))
            pos += len(sentence) + 1
        text = " ".join(c[5] for c in mine)
        g.add(Extraction(Article(text, id=aid, title=f"Story {aid}", date=date, source=outlet,
                                 url=f"https://news.example/{aid}"),
                         [Entity(n, LABELS[n]) for n in names], claims))
    return g
