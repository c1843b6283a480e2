"""Extraction: articles to entities and typed claims with evidence, with spaCy."""
from .model import MODEL_ENV, installed_models, load_model, model_name
from .open_triples import OpenTriple, open_triples
from .pipeline import extract, extract_doc

__all__ = ["MODEL_ENV", "OpenTriple", "extract", "extract_doc", "installed_models", "load_model", "model_name",
           "open_triples"]
