"""The command line's own parameter types: what a value must be is checked as it is read."""
from __future__ import annotations

import click


class QueryName(click.ParamType):
    """A named query's name: checked as the command line is read (one line listing the known
    ones if it is not), and completed by the shell."""

    name = "query"

    def __init__(self, stances: bool = False) -> None:
        self.stances = stances  # also the stance questions (timeline, ...), which `query` answers

    def convert(self, value, param, ctx):
        from newsgraph.queries.library import STANCE_NAMES, get_query

        if self.stances and value in STANCE_NAMES:
            return value
        return get_query(value).name  # an unknown name is a QueryError: one line, exit 2

    def shell_complete(self, ctx, param, incomplete):
        from click.shell_completion import CompletionItem

        from newsgraph.queries.library import QUERIES, STANCE_NAMES

        names = [*QUERIES, *STANCE_NAMES] if self.stances else list(QUERIES)
        return [CompletionItem(n) for n in names if n.startswith(incomplete)]


class Assignment(click.ParamType):
    """NAME=VALUE, as a (name, value) pair."""

    name = "NAME=VALUE"

    def convert(self, value, param, ctx):
        if isinstance(value, tuple):
            return value
        k, sep, v = value.partition("=")
        if not sep or not k:
            from newsgraph.graph.errors import QueryError

            raise QueryError(f"parameter {value!r} is not NAME=VALUE")
        return k, v
