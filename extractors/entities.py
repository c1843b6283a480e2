"""Finding the entities of an article (first cut: spaCy's named entities, mapped to the ontology)."""
from __future__ import annotations

from spacy.tokens import Doc

from newsgraph.graph import Entity

from .mentions import EntityTable, Mention

NER_LABELS = {"PERSON": "Person", "ORG": "Organization", "GPE": "Place", "LOC": "Place",
              "NORP": "Group", "LAW": "Policy", "FAC": "Place"}


def find_entities(doc: Doc) -> EntityTable:
    """Build the article's entity table from the parse."""
    table = EntityTable(doc)
    by_key: dict[tuple[str, str], Entity] = {}
    for ent in doc.ents:
        label = NER_LABELS.get(ent.label_)
        if not label:
            continue
        name = ent.text.strip()
        entity = by_key.get((label, name))
        if entity is None:
            entity = by_key[(label, name)] = Entity(name=name, label=label)
            table.entities.append(entity)
        table.add_mention(Mention(ent.start, ent.end, entity))
    return table
