"""The command line's parameter types: query names and NAME=VALUE checked as they are read."""
from __future__ import annotations

import click
import pytest

from newsgraph.graph import QueryError
from newsgraph.params import Assignment, QueryName


def test_a_query_name_is_checked_and_completed():
    assert QueryName().convert("who-opposes", None, None) == "who-opposes"
    with pytest.raises(QueryError, match="unknown query 'who-likes'; known: who-opposes"):
        QueryName().convert("who-likes", None, None)
    ctx = click.Context(click.Command("query"))
    assert [c.value for c in QueryName().shell_complete(ctx, None, "who-")] == ["who-opposes", "who-supports"]


def test_query_takes_the_stance_questions_too():
    from newsgraph.queries.stance_answer import QUERY_NAMES

    for name in QUERY_NAMES:
        assert QueryName(stances=True).convert(name, None, None) == name
    with pytest.raises(QueryError, match="unknown query 'timeline'"):  # `view --query` draws claim queries
        QueryName().convert("timeline", None, None)
    ctx = click.Context(click.Command("query"))
    assert [c.value for c in QueryName(stances=True).shell_complete(ctx, None, "t")] == ["timeline"]


def test_name_value_pairs():
    assert Assignment().convert("key=a=b", None, None) == ("key", "a=b")
    assert Assignment().convert("key=", None, None) == ("key", "")
    for bad in ("novalue", "=x"):
        with pytest.raises(QueryError, match="is not NAME=VALUE"):
            Assignment().convert(bad, None, None)
