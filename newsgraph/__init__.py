"""newsgraph: news articles in, a graph of who stands where out.

The public API, for use from Python (the `newsgraph` command wires the same parts):

    from newsgraph import Article, ExtractorSpec, NewsGraph, build_extractor, read_articles, run_query
    articles = [a for a in read_articles(["examples/"]) if isinstance(a, Article)]
    graph = NewsGraph()
    for x in build_extractor(ExtractorSpec()).extract(articles):  # ExtractorSpec("rules"): the rules alone
        graph.add(x)
    run_query("who-opposes", graph)

Names load on first use, so `newsgraph --help` does not pay for importing spaCy.
"""
from importlib import import_module

__version__ = "0.1.0"

_WHERE = {
    "Article": "newsgraph.graph", "Claim": "newsgraph.graph", "Entity": "newsgraph.graph",
    "Evidence": "newsgraph.graph", "Extraction": "newsgraph.graph", "NewsGraph": "newsgraph.graph",
    "NewsgraphError": "newsgraph.graph", "Node": "newsgraph.graph", "Relationship": "newsgraph.graph",
    "extract": "newsgraph.extractors", "load_model": "newsgraph.extractors",
    "Extractor": "newsgraph.extractors", "ExtractorSpec": "newsgraph.extractors",
    "build_extractor": "newsgraph.extractors",
    "Skipped": "newsgraph.loaders.readers", "read_articles": "newsgraph.loaders.readers",
    "Store": "newsgraph.loaders.store", "default_store_path": "newsgraph.loaders.store",
    "QUERIES": "newsgraph.queries", "run_query": "newsgraph.queries",
}
__all__ = sorted(_WHERE)


def __getattr__(name: str):
    if name in _WHERE:
        return getattr(import_module(_WHERE[name]), name)
    raise AttributeError(f"module 'newsgraph' has no attribute {name!r}")
