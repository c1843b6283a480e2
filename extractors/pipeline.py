"""Extraction as one streaming stage: Articles in, Extractions out (through `nlp.pipe`)."""
from __future__ import annotations

from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.graph import Article, Extraction

from .entities import find_entities
from .relations import find_claims


def extract_doc(doc: Doc, article: Article) -> Extraction:
    """The entities and claims of one parsed article."""
    table = find_entities(doc)
    claims = list(find_claims(doc, table, article.id))
    return Extraction(article=article, entities=list(table.entities), claims=claims)


def extract(articles: Iterable[Article], nlp: Language, batch_size: int = 16) -> Iterator[Extraction]:
    """Extract articles one by one as spaCy parses them in batches (memory stays flat)."""
    pairs = ((a.text, a) for a in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield extract_doc(doc, article)
