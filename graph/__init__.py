"""newsgraph's core: the data model, ids, resolution and the networkx graph.

Imports none of the other packages; every other stage imports this one.
"""
from .errors import (ExportError, InputError, ModelError, Neo4jError, NewsgraphError, QueryError,
                     StoreError, WorkerError)
from .ids import article_id, claim_id, entity_id, evidence_id
from .names import domain_of, is_proper, normalize, outlet_of
from .network import NewsGraph
from .ontology import ALL_RELATIONS, ARTICLE, ENTITY, LABELS, RELATED_TO, RELATIONS
from .records import Article, Claim, Entity, Evidence, Extraction, Node, Relationship
from .resolve import EntityIndex, MergePlan, plan_merge
from .store import GraphStore

__all__ = [
    "ALL_RELATIONS", "ARTICLE", "ENTITY", "LABELS", "RELATED_TO", "RELATIONS",
    "Article", "Claim", "Entity", "EntityIndex", "Evidence", "Extraction", "GraphStore", "MergePlan", "NewsGraph",
    "Node", "Relationship",
    "ExportError", "InputError", "ModelError", "Neo4jError", "NewsgraphError", "QueryError", "StoreError", "WorkerError",
    "article_id", "claim_id", "domain_of", "entity_id", "evidence_id", "is_proper", "normalize", "outlet_of",
    "plan_merge",
]
