"""Errors with codes, spaCy-style: a user sees one line, a developer can grep the code."""
from __future__ import annotations


class NewsgraphError(Exception):
    """Base of every error newsgraph reports to a user as one line."""

    code = "E000"
    # The exit status of a command that fails with it (as click's exceptions carry theirs):
    # 2, nothing done (bad arguments, an unreachable server, a busy store, ...).
    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


class InputError(NewsgraphError):
    """An input (file, stdin record) that cannot be read as an article; it is skipped."""

    code = "E001"


class ModelError(NewsgraphError):
    """No usable spaCy pipeline."""

    code = "E002"


class StoreError(NewsgraphError):
    """The embedded store cannot be opened, is busy, or is not a newsgraph store."""

    code = "E003"


class Neo4jError(NewsgraphError):
    """The Neo4j server cannot be reached, refuses the login, or lacks the database."""

    code = "E004"


class QueryError(NewsgraphError):
    """An unknown named query, bad arguments to one, or a Cypher query that fails."""

    code = "E005"


class ExportError(NewsgraphError):
    """An export format or target that cannot be written."""

    code = "E006"


class WorkerError(NewsgraphError):
    """Extraction workers that cannot be started, reached or kept alive (a process pool or Dask)."""

    code = "E007"


class AliasError(NewsgraphError):
    """An analyst's alias merge or split that cannot be made, or a malformed aliases file."""

    code = "E011"
