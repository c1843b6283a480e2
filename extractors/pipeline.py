"""Extraction as one streaming stage: Articles in, Extractions out (through `nlp.pipe`).

A long article is parsed in pieces (spaCy's memory grows steeply with doc length: a
0.5 MB doc peaks near 1.7 GB), and its pieces' findings are joined back into one
Extraction with spans in article coordinates.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.graph import Article, Claim, Entity, Extraction
from newsgraph.graph.ontology import RELATED_TO

from .chunking import defuse, pieces
from .claim_model import ClaimModel, platt
from .classify import model_claims, untyped_claims
from .entities import find_entities
from .mentions import EntityTable
from .open_triples import OpenTriple, open_triples
from .pairs import PairCandidate, candidate_pairs
from .relations import find_claims

PIECE_CHARS = 10_000  # a piece: ~1,700 words, most articles whole; 16 pieces a batch bound memory


@dataclass
class Analysis:
    """One parsed article's entity table, the rule finders' claims and the candidate pairs built on both."""

    table: EntityTable
    rule_claims: list[Claim]
    pairs: list[PairCandidate]


def analyze(doc: Doc, article: Article) -> Analysis:
    """Entities, rule claims and candidate pairs of one parsed article (what extraction and training share)."""
    table = find_entities(doc)
    rules = list(find_claims(doc, table, article.id))
    return Analysis(table, rules, list(candidate_pairs(doc, table, rules)))


def extract_doc(doc: Doc, article: Article, model: ClaimModel | None = None,
                rules_calibration: tuple[float, float] = (1.0, 0.0)) -> Extraction:
    """The entities and claims of one parsed article: the claim model decides, or the rules alone without
    one (their confidences mapped by `rules_calibration`, see ClaimModel)."""
    if model is None:
        table = find_entities(doc)
        claims = [_calibrated(c, rules_calibration) for c in find_claims(doc, table, article.id)]
        return Extraction(article=article, entities=kept_entities(table, claims), claims=claims)
    found = analyze(doc, article)
    claims = model_claims(found.pairs, model, article.id) + untyped_claims(found.rule_claims)
    return Extraction(article=article, entities=kept_entities(found.table, claims), claims=claims)


def _calibrated(claim: Claim, ab: tuple[float, float]) -> Claim:
    if ab != (1.0, 0.0) and claim.relation != RELATED_TO:
        claim.evidence = [replace(e, confidence=platt(e.confidence, ab)) for e in claim.evidence]
    return claim


def kept_entities(table: EntityTable, claims: list[Claim]) -> list[Entity]:
    """The table's entities, less the slot-found descriptions that no claim uses (slots.py says why)."""
    used = {(c.subject, c.subject_label) for c in claims} | {(c.object, c.object_label) for c in claims}
    return [e for e in table.entities if id(e) not in table.provisional or (e.name, e.label) in used]


def _units(articles: Iterable[Article]) -> Iterator[tuple[str, tuple[Article, int, bool]]]:
    """(text, (article, offset, last piece?)) for nlp.pipe: one unit per short article."""
    for art in articles:
        # Overlong tokens make spaCy's tokenizer quadratic; defuse keeps every offset.
        text = defuse(art.text)
        if len(text) <= PIECE_CHARS:
            yield text, (art, 0, True)
            continue
        parts = iter(pieces(text, PIECE_CHARS))
        ahead = next(parts, None)
        while ahead is not None:
            current, ahead = ahead, next(parts, None)
            yield current[1], (art, current[0], ahead is None)


def _joined(article: Article, parts: list[tuple[int, Extraction]]) -> Extraction:
    """One Extraction from its pieces: entities unioned by name, evidence moved to article offsets."""
    if len(parts) == 1 and parts[0][0] == 0:
        return parts[0][1]
    entities: dict[tuple[str, str], Entity] = {}
    claims: list[Claim] = []
    for offset, x in parts:
        for e in x.entities:
            kept = entities.setdefault((e.label, e.name), Entity(e.name, e.label, []))
            kept.aliases.extend(a for a in e.aliases if a not in kept.aliases)
        for c in x.claims:
            c.evidence = [replace(ev, start=ev.start + offset, end=ev.end + offset) for ev in c.evidence]
            claims.append(c)
    return Extraction(article=article, entities=list(entities.values()), claims=claims)


@dataclass
class OpenExtraction(Extraction):
    """An Extraction with the article's open triples (spans in article coordinates)."""

    open: list[OpenTriple] = field(default_factory=list)


def shifted(t: OpenTriple, offset: int) -> OpenTriple:
    """`t` with its spans moved by `offset` characters (a piece's spans into the article's)."""
    if not offset:
        return t

    def move(span: tuple[int, int]) -> tuple[int, int]:
        return span[0] + offset, span[1] + offset

    return replace(t, subject_span=move(t.subject_span), predicate_span=move(t.predicate_span),
                   object_span=move(t.object_span), extra=[(text, move(span)) for text, span in t.extra])


def extract(articles: Iterable[Article], nlp: Language, batch_size: int = 16,
            model: ClaimModel | None = None, with_open: bool = False,
            rules_calibration: tuple[float, float] = (1.0, 0.0)) -> Iterator[Extraction]:
    """Extract articles one by one as spaCy parses them in batches (memory stays flat).

    With `with_open`, each yields an `OpenExtraction` that also holds every clause-level
    triple, found on the same parsed pieces (one parse, the same safeguards).
    """
    parts: list[tuple[int, Extraction]] = []
    found: list[OpenTriple] = []
    for doc, (article, offset, last) in nlp.pipe(_units(articles), as_tuples=True, batch_size=batch_size):
        parts.append((offset, extract_doc(doc, article, model, rules_calibration)))
        if with_open:
            found.extend(shifted(t, offset) for t in open_triples(doc, article.id))
        if last:
            x = _joined(article, parts)
            yield OpenExtraction(x.article, x.entities, x.claims, open=found) if with_open else x
            parts, found = [], []
