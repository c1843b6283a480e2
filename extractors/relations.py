"""Finding the claims of an article (first cut: subject-verb-object over a small lexicon)."""
from __future__ import annotations

from typing import Iterator

from spacy.tokens import Doc

from newsgraph.graph import Claim, Evidence

from .mentions import EntityTable

LEXICON = {"oppose": "OPPOSES", "support": "SUPPORTS", "criticize": "CRITICIZES", "accuse": "ACCUSES",
           "threaten": "THREATENS", "propose": "PROPOSES", "approve": "APPROVES", "fund": "FUNDS",
           "investigate": "INVESTIGATES", "sue": "INVESTIGATES", "endorse": "SUPPORTS", "reject": "OPPOSES"}


def find_claims(doc: Doc, table: EntityTable, article: str) -> Iterator[Claim]:
    """Yield the claims the article states between entities of `table`."""
    for tok in doc:
        rel = LEXICON.get(tok.lemma_.lower())
        if not rel or tok.pos_ != "VERB":
            continue
        subj = [c for c in tok.children if c.dep_ in ("nsubj",)]
        obj = [c for c in tok.children if c.dep_ in ("dobj",)]
        if not subj or not obj:
            continue
        s, o = table.entity_of(subj[0]), table.entity_of(obj[0])
        if s is None or o is None or s is o:
            continue
        sent = tok.sent
        negated = any(c.dep_ == "neg" for c in tok.children)
        ev = Evidence(article=article, sentence=sent.text, start=sent.start_char, end=sent.end_char,
                      predicate=tok.text, confidence=0.6, negated=negated)
        if negated:
            yield Claim(s.name, s.label, "RELATED_TO", o.name, o.label, [ev], predicate="not " + tok.lemma_)
        else:
            yield Claim(s.name, s.label, rel, o.name, o.label, [ev])
