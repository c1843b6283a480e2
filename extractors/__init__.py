"""Extraction: articles to entities and typed claims with evidence, with spaCy."""
from .extractor import EXTRACTOR_ENV, Extractor, ExtractorError, ExtractorSpec
from .extractor import build as build_extractor
from .extractor import get as get_extractor
from .extractor import known as extractor_names
from .extractor import prepare as prepare_extractor
from .extractor import register as register_extractor
from .model import MODEL_ENV, installed_models, load_model, model_name
from .open_triples import OpenTriple, open_triples
from .pipeline import OpenExtraction, extract, extract_doc

__all__ = ["EXTRACTOR_ENV", "Extractor", "ExtractorError", "ExtractorSpec", "MODEL_ENV", "OpenExtraction",
           "OpenTriple", "build_extractor", "extract", "extract_doc", "extractor_names", "get_extractor",
           "installed_models", "load_model", "model_name", "open_triples", "prepare_extractor",
           "register_extractor"]
