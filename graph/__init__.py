"""newsgraph's core: the data model, ids, resolution and the networkx graph.

Imports none of the other packages; every other stage imports this one, from here.
"""
from .errors import (ExportError, InputError, ModelError, Neo4jError, NewsgraphError, QueryError,
                     StoreError, WorkerError)
from .ids import article_id, claim_id, entity_id, evidence_id
from .keys import indexed_resolution_keys, lookup_keys, resolution_keys
from .names import domain_of, is_proper, normalize, outlet_of
from .network import NewsGraph
from .ontology import (ACTOR_LABELS, AGREEING, ALL_RELATIONS, ARTICLE, ENTITY, LABELS, RELATED_TO, RELATIONS,
                       allowed, check_label, check_relation)
from .records import Article, Claim, Entity, Evidence, Extraction, Node, Relationship
from .resolve import EntityIndex, MergePlan, plan_merge
from .store import GraphStore
from .text import clean_sentence, is_text
from .union import better_name, dedupe_evidence, union_node, union_relationship

# This folder is the package `newsgraph.graph` (pyproject's package-dir). Imported bare (`import graph` from a
# checkout) every module would load twice, and a class of one copy is not the class of the other.
if __name__ != "newsgraph.graph":
    raise ImportError(f"import newsgraph.graph, not {__name__} (install newsgraph: pip install -e .)")

__all__ = [
    "ACTOR_LABELS", "AGREEING", "ALL_RELATIONS", "ARTICLE", "ENTITY", "LABELS", "RELATED_TO", "RELATIONS",
    "Article", "Claim", "Entity", "EntityIndex", "Evidence", "Extraction", "GraphStore", "MergePlan", "NewsGraph",
    "Node", "Relationship",
    "ExportError", "InputError", "ModelError", "Neo4jError", "NewsgraphError", "QueryError", "StoreError", "WorkerError",
    "allowed", "article_id", "better_name", "check_label", "check_relation", "claim_id", "clean_sentence", "is_text",
    "dedupe_evidence", "domain_of", "entity_id", "evidence_id", "indexed_resolution_keys", "is_proper", "lookup_keys", "normalize",
    "outlet_of", "plan_merge", "resolution_keys", "union_node", "union_relationship",
]
