"""The built-in extractors: spaCy's parse, then the trained claim model ("model") or the rules alone ("rules").

Both run `pipeline.extract`: the same chunking of long articles, the same defusing of
hostile text. With `spec.open` they also yield every clause-level (open) triple, found on
the same parsed pieces in the same pass (so `extract --open` parses each text once and is
as safe on a huge article as `extract`), with spans moved to article offsets.
"""
from __future__ import annotations

from typing import Iterable, Iterator

from spacy.language import Language

from newsgraph.graph import Article, Extraction

from .claim_model import ClaimModel, ClaimModelError, load_claim_model
from .extractor import ExtractorSpec, register
from .model import load_model
from .pipeline import extract


class SpacyExtractor:
    """spaCy's parse, then the claim model's decision (`claim_model`), or the rule finders' without one."""

    def __init__(self, name: str, nlp: Language, claim_model: ClaimModel | None, batch_size: int = 16,
                 open: bool = False, rules_calibration: tuple[float, float] = (1.0, 0.0)) -> None:
        self.name = name
        self.nlp = nlp
        self.claim_model = claim_model
        self.batch_size = batch_size
        self.open = open
        self.rules_calibration = rules_calibration

    def extract(self, articles: Iterable[Article]) -> Iterator[Extraction]:
        return extract(articles, self.nlp, self.batch_size, model=self.claim_model, with_open=self.open,
                       rules_calibration=self.rules_calibration)


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
    return SpacyExtractor("rules", load_model(spec.pipeline), None, spec.batch_size, spec.open,
                          _rules_calibration(spec))


def _rules_calibration(spec: ExtractorSpec) -> tuple[float, float]:
    """How right the rules' confidences are, as the claim model folder measured it (none without one)."""
    try:
        return load_claim_model(spec.claim_model).rules_calibration
    except ClaimModelError:
        return (1.0, 0.0)  # the rules work without a model; their confidences are then uncalibrated
