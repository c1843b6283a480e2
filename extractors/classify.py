"""From candidate pairs to claims: the claim model decides, the ontology constrains, polarity qualifies.

A pair becomes a typed claim when the model gives its type a probability at or above the
model's threshold and the arguments' labels fit the type (ONTOLOGY.md). The probability is
the evidence's confidence. A negated pair ("did not oppose") never becomes a typed claim;
a refusal ("refused to back") is opposition, as the ontology's conventions read it.
"""
from __future__ import annotations

from typing import Iterable

from newsgraph.graph import Claim, Evidence
from newsgraph.graph.ontology import AGREEING, RELATED_TO, allowed

from .claim_model import ClaimModel
from .pairs import PairCandidate

def decide(pair: PairCandidate, model: ClaimModel) -> list[tuple[str, float]]:
    """The (relation, probability) claims the model reads in `pair`, after the ontology and polarity."""
    if pair.negated:
        return []
    out: dict[str, float] = {}
    for rel, p in model.probabilities(pair.features, floor=model.threshold).items():
        if p < model.threshold:
            continue
        if pair.refusal and rel in AGREEING:
            rel = "OPPOSES"
        if allowed(rel, pair.subject.label, pair.object.label):
            out[rel] = max(p, out.get(rel, 0.0))
    return sorted(out.items())


def model_claims(pairs: Iterable[PairCandidate], model: ClaimModel, article: str) -> list[Claim]:
    """Typed claims for every pair the model accepts, merged per (subject, relation, object, role)."""
    claims: dict[tuple, Claim] = {}
    for pair in pairs:
        for rel, p in decide(pair, model):
            role = pair.role if rel == "AFFILIATED_WITH" else ""
            key = (pair.subject.name, pair.subject.label, rel, pair.object.name, pair.object.label, role)
            claim = claims.get(key)
            if claim is None:
                claim = claims[key] = Claim(pair.subject.name, pair.subject.label, rel, pair.object.name,
                                            pair.object.label, [], role=role)
            claim.evidence.append(Evidence(article, pair.sent.text, pair.start, pair.end, pair.predicate, p,
                                           negated=False, hedged=pair.hedged))
    return list(claims.values())


def untyped_claims(rule_claims: Iterable[Claim]) -> list[Claim]:
    """The rule finders' RELATED_TO claims (negated and unknown predicates), kept beside the model's."""
    return [c for c in rule_claims if c.relation == RELATED_TO]
