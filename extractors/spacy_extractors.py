"""The built-in extractors: spaCy's parse, then the trained claim model ("model") or the rules alone ("rules").

Both run `pipeline.extract`: the same chunking of long articles, the same defusing of
hostile text. With `spec.open` they also yield every clause-level (open) triple, found on
the same parsed pieces in the same pass (so `extract --open` parses each text once and is
as safe on a huge article as `extract`), with spans moved to article offsets.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Iterable, Iterator

from spacy.language import Language

from newsgraph.graph import Article, Extraction

from .claim_model import ClaimModel, load_claim_model
from .extractor import ExtractorSpec, register
from .model import load_model
from .open_triples import OpenTriple, open_triples
from .pipeline import _joined, _units, extract, extract_doc


@dataclass
class OpenExtraction(Extraction):
    """An Extraction with the article's open triples (spans in article coordinates)."""

    open: list[OpenTriple] = field(default_factory=list)


class SpacyExtractor:
    """spaCy's parse, then the claim model's decision (`claim_model`), or the rule finders' without one."""

    def __init__(self, name: str, nlp: Language, claim_model: ClaimModel | None, batch_size: int = 16,
                 open: bool = False) -> None:
        self.name = name
        self.nlp = nlp
        self.claim_model = claim_model
        self.batch_size = batch_size
        self.open = open

    def extract(self, articles: Iterable[Article]) -> Iterator[Extraction]:
        if self.open:
            return self._with_open(articles)
        return extract(articles, self.nlp, self.batch_size, model=self.claim_model)

    def _with_open(self, articles: Iterable[Article]) -> Iterator[OpenExtraction]:
        # pipeline.extract's loop, with each piece's open triples taken from the same parse.
        parts: list[tuple[int, Extraction]] = []
        found: list[OpenTriple] = []
        units = _units(articles)
        for doc, (article, offset, last) in self.nlp.pipe(units, as_tuples=True, batch_size=self.batch_size):
            parts.append((offset, extract_doc(doc, article, self.claim_model)))
            found.extend(shifted(t, offset) for t in open_triples(doc, article.id))
            if last:
                x = _joined(article, parts)
                yield OpenExtraction(article=x.article, entities=x.entities, claims=x.claims, open=found)
                parts, found = [], []


def shifted(t: OpenTriple, offset: int) -> OpenTriple:
    """`t` with its spans moved by `offset` characters (a piece's spans into the article's)."""
    if not offset:
        return t

    def move(span: tuple[int, int]) -> tuple[int, int]:
        return span[0] + offset, span[1] + offset

    return replace(t, subject_span=move(t.subject_span), predicate_span=move(t.predicate_span),
                   object_span=move(t.object_span), extra=[(text, move(span)) for text, span in t.extra])


def _check_claim_model(spec: ExtractorSpec) -> None:
    load_claim_model(spec.claim_model)  # a ClaimModelError names the folder and what is wrong


@register("model", check=_check_claim_model)
def model_extractor(spec: ExtractorSpec) -> SpacyExtractor:
    """spaCy's parse and the trained claim model (the default extractor)."""
    return SpacyExtractor("model", load_model(spec.pipeline), load_claim_model(spec.claim_model),
                          spec.batch_size, spec.open)


@register("rules")
def rules_extractor(spec: ExtractorSpec) -> SpacyExtractor:
    """spaCy's parse and the rule finders alone (no claim model)."""
    return SpacyExtractor("rules", load_model(spec.pipeline), None, spec.batch_size, spec.open)
