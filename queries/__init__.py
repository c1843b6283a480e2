"""The named queries (who-opposes, who-supports, funders, critics, profile, path)."""
from .library import QUERIES, NamedQuery, bind, claim_row, cypher_params, cypher_text, get_query, run_query, select

__all__ = ["QUERIES", "NamedQuery", "bind", "claim_row", "cypher_params", "cypher_text", "get_query", "run_query", "select"]
