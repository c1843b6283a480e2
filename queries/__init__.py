"""The named queries (who-opposes, who-supports, funders, critics, profile, path)."""
from .library import QUERIES, NamedQuery, bind, claim_row, cypher_params, cypher_text, get_query, run_query, select

# This folder is the package `newsgraph.queries` (pyproject's package-dir). Imported bare (`import queries` from a
# checkout) every module would load twice, and a class of one copy is not the class of the other.
if __name__ != "newsgraph.queries":
    raise ImportError(f"import newsgraph.queries, not {__name__} (install newsgraph: pip install -e .)")

__all__ = ["QUERIES", "NamedQuery", "bind", "claim_row", "cypher_params", "cypher_text", "get_query", "run_query", "select"]
