"""The extractor interface: articles in, Extractions out, chosen by name.

Everything that extracts - a single process, the process pool, Dask, `extract --open`, the
CLI - holds an `ExtractorSpec` and asks the registry for the extractor it names, so a trained
claim model, the rules alone or another extractor is swapped in by a setting. The spec is a
small frozen dataclass: it pickles to a worker process or a Dask worker, which rebuilds the
same extractor from it (once per process: `build` is cached on the spec).

The registry works like spaCy's: `@register("name")` on a factory `(spec) -> Extractor`,
and `get("name")` to look one up. The built-in ones (spacy_extractors.py) are "rules" (the
default: spaCy's parse and the rule finders) and "model" (spaCy's parse and the trained
claim model, which reads the rules' findings among its features). The default is the one
that measures better on articles neither was tuned on (README, "Extraction"); naming a claim
model folder chooses "model".
"""
from __future__ import annotations

import os
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Iterator, Protocol, runtime_checkable

from newsgraph.graph import Article, Extraction
from newsgraph.graph.errors import NewsgraphError

from .model import model_name

EXTRACTOR_ENV = "NEWSGRAPH_EXTRACTOR"
DEFAULT_EXTRACTOR = "rules"


class ExtractorError(NewsgraphError):
    """An extractor name that no extractor is registered under."""

    code = "E010"


@runtime_checkable
class Extractor(Protocol):
    """Turns articles into Extractions, one per article, in input order, as a stream."""

    name: str

    def extract(self, articles: Iterable[Article]) -> Iterator[Extraction]: ...


@dataclass(frozen=True)
class ExtractorSpec:
    """What it takes to rebuild an extractor in another process: picklable, hashable.

    Empty fields mean "the setting": `extractor` $NEWSGRAPH_EXTRACTOR, else "model" when a claim
    model folder is named, else "rules";
    `pipeline` $NEWSGRAPH_MODEL, else the best English spaCy pipeline installed;
    `claim_model` the shipped claim model. `resolved()` fills them in once, in the parent,
    so that every worker builds the same extractor.
    """

    extractor: str = ""
    pipeline: str | None = None  # the spaCy pipeline's name
    claim_model: str = ""  # a claim model folder; "" = the shipped model (claim_model.DEFAULT_DIR)
    batch_size: int = 16  # texts per nlp.pipe batch
    open: bool = False  # also every clause-level (open) triple: Extractions are then OpenExtractions

    def resolved(self) -> ExtractorSpec:
        """This spec with the settings read: the name and pipeline chosen, the folder made absolute.

        The shipped model stays "" so a Dask worker on another machine uses its own copy.
        """
        if self.batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, not {self.batch_size}")
        name = self.extractor or os.environ.get(EXTRACTOR_ENV) or ("model" if self.claim_model else DEFAULT_EXTRACTOR)
        folder = str(Path(self.claim_model).expanduser().resolve()) if self.claim_model else ""
        return replace(self, extractor=name, pipeline=model_name(self.pipeline), claim_model=folder)


Factory = Callable[[ExtractorSpec], Extractor]
Check = Callable[[ExtractorSpec], None]


@dataclass(frozen=True)
class Registered:
    factory: Factory
    check: Check | None = None  # a cheap test of the spec the parent runs before starting any worker


_REGISTRY: dict[str, Registered] = {}


def register(name: str, check: Check | None = None) -> Callable[[Factory], Factory]:
    """Decorator: make `factory` the extractor called `name` (`check` validates a spec cheaply)."""
    def deco(factory: Factory) -> Factory:
        _REGISTRY[name] = Registered(factory, check)
        return factory
    return deco


def known() -> list[str]:
    """The registered extractors' names, sorted."""
    _load_builtins()
    return sorted(_REGISTRY)


def get(name: str) -> Factory:
    """The factory registered as `name`; an unknown name is an ExtractorError listing the known ones."""
    return _entry(name).factory


def _entry(name: str) -> Registered:
    _load_builtins()
    try:
        return _REGISTRY[name]
    except KeyError:
        raise ExtractorError(f"unknown extractor {name!r}; known extractors: {', '.join(known())}") from None


def prepare(spec: ExtractorSpec | None = None) -> ExtractorSpec:
    """`spec` resolved and checked, before any worker starts or any input is read.

    An unknown extractor name and (for "model") a missing or malformed claim model fail
    here, as one-line errors. The spaCy pipeline is only named here, not loaded: workers load it.
    """
    spec = (spec or ExtractorSpec()).resolved()
    entry = _entry(spec.extractor)
    if entry.check is not None:
        entry.check(spec)
    return spec


@lru_cache(maxsize=4)
def build(spec: ExtractorSpec) -> Extractor:
    """The extractor `spec` describes, built once per process (a worker builds it at its first chunk)."""
    spec = spec.resolved()
    return _entry(spec.extractor).factory(spec)


def _load_builtins() -> None:
    # The built-in extractors register themselves on import; imported late because they
    # import the pipeline, which this module's users (the CLI's option parsing) need not load.
    from . import spacy_extractors  # noqa: F401
