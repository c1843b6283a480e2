"""Citations: which articles and outlets state each claim, so a reporter can cite a row.

Applied to the rows of every store alike (the embedded one and Neo4j), after the named query.
"""
from __future__ import annotations

from typing import Iterable, Mapping

from newsgraph.graph import Article, clean_sentence
from newsgraph.graph import outlet_of as outlet

__all__ = ["cite", "clean_sentence", "min_sources", "outlet_of", "source_of"]


def outlet_of(article: Article) -> str:
    """The publication: the page's site name, else its web domain; "" when neither is known."""
    return outlet(article.source, article.url)


def source_of(article: Article) -> dict:
    return {"title": article.title, "date": article.date, "outlet": outlet_of(article), "url": article.url}


def cite(rows: Iterable[dict], articles: Mapping[str, Article]) -> list[dict]:
    """Rows with `sources` (title, date, outlet, url of each stating article, oldest first),
    `n_articles` and `n_outlets` (articles without a known outlet count as one unknown outlet each),
    and a clean `sentence`."""
    out = []
    for row in rows:
        row = dict(row)
        if "sentence" in row:
            row["sentence"] = clean_sentence(row["sentence"] or "")
        if "articles" in row:
            arts = [articles[a] for a in row["articles"] if a in articles]
            sources = sorted((source_of(a) for a in arts), key=lambda s: (s["date"] or "~", s["title"]))
            row["sources"] = sources
            row["n_articles"] = len(row["articles"])
            known = {s["outlet"] for s in sources if s["outlet"]}
            row["n_outlets"] = len(known) + sum(1 for s in sources if not s["outlet"]) \
                + (len(row["articles"]) - len(arts))
        out.append(row)
    return out


def min_sources(rows: list[dict], n: int) -> list[dict]:
    """Rows stated by at least `n` distinct articles (path rows have no count and are kept)."""
    return [r for r in rows if r.get("n_articles", n) >= n]
