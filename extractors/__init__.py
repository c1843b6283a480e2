"""Extraction: articles to entities and typed claims with evidence, with spaCy."""
from .model import MODEL_ENV, installed_models, load_model, model_name
from .pipeline import extract, extract_doc

__all__ = ["MODEL_ENV", "extract", "extract_doc", "installed_models", "load_model", "model_name"]
