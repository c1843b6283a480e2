"""Is a Cypher query read-only? The guard of `newsgraph cypher`, sound rather than clever.

Three layers, each enough on its own for what it covers:

1. `refusal(cypher)`, before anything is sent: a Cypher tokenizer (strings with backslash
   escapes, backtick names, `//` and `/* */` comments) finds every bare word of the query, and
   any word that can start a write, an admin command, a file read (`LOAD CSV`), a transaction
   of its own (`IN TRANSACTIONS`) or a procedure call outside a read-only allow-list refuses
   it. A word hidden from the tokenizer is inside a string, a backtick name or a comment, where
   no server reads it as a keyword either; where servers may disagree on where a comment ends
   (U+2028, U+0085, ...), a query that would read differently is refused as ambiguous.
   This is what protects servers that ignore the access mode (ArcadeDB: a write in a READ
   session runs, and a rolled-back CREATE still leaves its label in the schema).
2. On Neo4j itself, which enforces access modes, `explain_refusal` asks the server: `EXPLAIN`
   plans without running, and the summary's query type must be "r" (read).
3. The caller runs the query in a READ session, in a transaction it always rolls back.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Token", "tokenize", "refusal", "server_enforces_access_mode", "explain_refusal", "CypherLexError"]

# Words that begin (or are part of) something other than reading. Matched case-insensitively
# against bare words only, wherever they stand: a property or map key spelt like one of them is
# refused too (write it in backticks), which costs little and keeps the rule simple and sound.
_WRITE = {"CREATE", "MERGE", "DELETE", "DETACH", "SET", "REMOVE", "DROP", "ALTER", "RENAME", "FOREACH",
          "INSERT", "UPDATE", "UPSERT", "TRUNCATE", "IMPORT", "EXPORT", "BACKUP", "RESTORE"}
# Administration commands all start with a verb refused above (CREATE USER, DROP DATABASE, ALTER
# ROLE ...) or with one of these; SHOW and START/STOP are refused by what follows them.
_ADMIN = {"GRANT", "DENY", "REVOKE", "TERMINATE", "ENABLE", "DEALLOCATE", "REALLOCATE", "IMPERSONATE", "USE"}
_ADMIN_AFTER = {"START": {"DATABASE", "DATABASES"}, "STOP": {"DATABASE", "DATABASES"}}
# SHOW lists schema or catalog items; only these read the graph's own schema.
_SHOW_NOUNS = {"INDEX", "INDEXES", "CONSTRAINT", "CONSTRAINTS", "FUNCTION", "FUNCTIONS", "PROCEDURE",
               "PROCEDURES"}
_SHOW_MODIFIERS = {"ALL", "RANGE", "TEXT", "POINT", "VECTOR", "FULLTEXT", "LOOKUP", "BTREE", "UNIQUE",
                   "UNIQUENESS", "NODE", "RELATIONSHIP", "REL", "EXIST", "EXISTENCE", "EXISTS", "KEY",
                   "PROPERTY", "TYPE", "BUILT", "IN", "USER", "DEFINED"}
_OTHER = {"LOAD": "reads files or URLs on the server (LOAD CSV)",
          "CSV": "reads files or URLs on the server (LOAD CSV)",
          "PERIODIC": "commits transactions of its own",
          "TRANSACTIONS": "commits transactions of its own (IN TRANSACTIONS)",
          "TRANSACTION": "controls transactions",
          "COMMIT": "controls transactions", "ROLLBACK": "controls transactions", "BEGIN": "controls transactions"}

# Procedures that only read the graph's own schema (Neo4j's names; lower-cased to compare).
READ_PROCEDURES = frozenset(p.lower() for p in (
    "db.labels", "db.relationshipTypes", "db.propertyKeys", "db.schema.visualization",
    "db.schema.nodeTypeProperties", "db.schema.relTypeProperties", "dbms.components"))
# Namespaces of built-in functions that compute values (dates, points); any other
# `namespace.function(...)` (apoc.*, plugins) may run arbitrary code and is refused.
READ_FUNCTION_NAMESPACES = frozenset({"date", "datetime", "localdatetime", "localtime", "time", "duration",
                                      "point", "vector"})

# Line terminators some Cypher lexer may end a `//` comment at. Neo4j and ArcadeDB end it at \r
# or \n; the others are where lexers written from Unicode or Java rules may disagree.
_LINE_ENDS = "\n\r\u2028\u2029\x85\x0b\x0c"
_LINE_END = re.compile("[" + re.escape(_LINE_ENDS) + "]")
_WORD = re.compile(r"[A-Za-z0-9_]+")  # ASCII only: any other character splits a word, never joins one
_NUMBER = re.compile(r"\d+(\.\d+)?([eE][+-]?\d+)?")


class CypherLexError(ValueError):
    """A query the tokenizer cannot read unambiguously (unterminated string, ambiguous comment)."""


@dataclass(frozen=True)
class Token:
    kind: str  # "word", "name" (backticks), "string", "number", "symbol"
    text: str  # for "name": the name without backticks
    pos: int


def tokenize(cypher: str) -> list[Token]:
    """Cypher's tokens, comments and whitespace dropped. Raises CypherLexError when unsure."""
    out: list[Token] = []
    i, n = 0, len(cypher)
    while i < n:
        c = cypher[i]
        if c.isspace() or c in _LINE_ENDS:
            i += 1
        elif cypher.startswith("//", i):
            m = _LINE_END.search(cypher, i)  # the first of them: one pass, not one per kind
            end = m.start() if m else n
            if end < n and cypher[end] != "\n":
                # Ended early (\r, U+2028, ...): a lexer that runs on to \n would skip the rest of
                # this line. The two readings agree on every word only if that rest opens nothing.
                nl = cypher.find("\n", end)
                rest = cypher[end:nl if nl >= 0 else n]
                if any(x in rest for x in ("'", '"', "`", "/*", "*/")):
                    raise CypherLexError(f"a // comment at character {i} ends ambiguously")
            i = end
        elif cypher.startswith("/*", i):
            end = cypher.find("*/", i + 2)
            if end < 0:
                raise CypherLexError(f"a /* comment at character {i} is never closed")
            i = end + 2
        elif c in "'\"":
            j = i + 1
            while j < n and cypher[j] != c:
                j += 2 if cypher[j] == "\\" else 1
            if j >= n:
                raise CypherLexError(f"a string at character {i} is never closed")
            out.append(Token("string", cypher[i + 1:j], i))
            i = j + 1
        elif c == "`":
            start, j, name = i, i + 1, []
            while True:
                k = cypher.find("`", j)
                if k < 0:
                    raise CypherLexError(f"a `name` at character {i} is never closed")
                name.append(cypher[j:k])
                if cypher.startswith("``", k):  # a doubled backtick is one inside the name
                    name.append("`")
                    j = k + 2
                    continue
                i = k + 1
                break
            out.append(Token("name", "".join(name), start))
        elif c.isdigit() and (m := _NUMBER.match(cypher, i)):  # not "²": a digit to isdigit(), not to \d
            out.append(Token("number", m.group(), i))
            i = m.end()
            # "1abc" is not Cypher; whatever follows is read as the next token, a word if it is one.
        elif m := _WORD.match(cypher, i):
            out.append(Token("word", m.group(), i))
            i = m.end()
        else:
            out.append(Token("symbol", c, i))
            i += 1
    return out


def refusal(cypher: str) -> str | None:
    """Why `cypher` may not run as a read-only query, or None if it only reads."""
    try:
        tokens = tokenize(cypher)
    except CypherLexError as e:
        return f"cannot be checked: {e}"
    if not tokens:
        return "is empty"
    k = 0
    while k < len(tokens):
        tok = tokens[k]
        k += 1
        if tok.kind != "word" or _is_property_key(tokens, k - 1):
            continue
        word = tok.text.upper()
        if word in _WRITE:
            return f"writes ({word})"
        if word in _ADMIN:
            return f"is an administration command ({word})"
        if word in _OTHER:
            return f"{_OTHER[word]} ({word})"
        following = tokens[k].text.upper() if k < len(tokens) and tokens[k].kind == "word" else ""
        if following in _ADMIN_AFTER.get(word, ()):
            return f"is an administration command ({word} {following})"
        if word == "SHOW":
            why, k = _show_refusal(tokens, k)
            if why:
                return why
        elif word == "CALL":
            why, k = _call_refusal(tokens, k)
            if why:
                return why
        elif _is_namespaced_call(tokens, k - 1):
            name, k = _dotted_name(tokens, k - 1)
            if name.split(".")[0].lower() not in READ_FUNCTION_NAMESPACES:
                return f"calls function {name}, which is not on the read-only list"
    return None


def _is_property_key(tokens: list[Token], k: int) -> bool:
    """Token k follows `x.` where x is a name or a closing bracket: `r.role`, `date.truncate`.

    A number before the dot is not enough ("1.CREATE"): only property access puts a word there.
    """
    if k < 2 or tokens[k - 1].kind != "symbol" or tokens[k - 1].text != ".":
        return False
    before = tokens[k - 2]
    return before.kind in ("word", "name") or (before.kind == "symbol" and before.text in ")]}")


def _dotted_name(tokens: list[Token], k: int) -> tuple[str, int]:
    """The dotted name starting at token k (words or backtick names), and the index after it."""
    parts: list[str] = []
    while k < len(tokens) and tokens[k].kind in ("word", "name"):
        parts.append(tokens[k].text)
        if k + 2 < len(tokens) and tokens[k + 1].text == "." and tokens[k + 1].kind == "symbol" \
                and tokens[k + 2].kind in ("word", "name"):
            k += 2
            continue
        k += 1
        break
    return ".".join(parts), k


def _is_namespaced_call(tokens: list[Token], k: int) -> bool:
    """Token k starts `a.b(`... (a function in a namespace), not preceded by a dot itself."""
    if k > 0 and tokens[k - 1].text == "." and tokens[k - 1].kind == "symbol":
        return False
    name, after = _dotted_name(tokens, k)
    return "." in name and after < len(tokens) and tokens[after].text == "("


def _show_refusal(tokens: list[Token], k: int) -> tuple[str | None, int]:
    """After SHOW at k - 1: SHOW [modifiers] INDEXES|CONSTRAINTS|FUNCTIONS|PROCEDURES only."""
    words: list[str] = []
    while k < len(tokens) and tokens[k].kind == "word" and tokens[k].text.upper() in _SHOW_MODIFIERS:
        words.append(tokens[k].text.upper())
        k += 1
    if k < len(tokens) and tokens[k].kind == "word" and tokens[k].text.upper() in _SHOW_NOUNS:
        return None, k + 1
    shown = " ".join(words + ([tokens[k].text.upper()] if k < len(tokens) else []))
    return f"is an administration command (SHOW {shown})", k


def _call_refusal(tokens: list[Token], k: int) -> tuple[str | None, int]:
    """After CALL at k - 1: (why it is refused or None, where to go on checking)."""
    if k < len(tokens) and tokens[k].kind == "symbol" and tokens[k].text in "{(":
        return None, k  # a subquery: its own words are checked like the rest
    name, after = _dotted_name(tokens, k)
    if name.lower() in READ_PROCEDURES:
        return None, after
    return f"calls procedure {name or '?'}, which is not on the read-only list", after


def server_enforces_access_mode(agent: str) -> bool:
    """Neo4j itself refuses writes in a READ session; servers that only speak its protocol
    (ArcadeDB says "Neo4j/5.26.0 compatible (ArcadeDB ...)") may not, and their EXPLAIN may not
    classify queries (ArcadeDB calls every EXPLAIN a write)."""
    return agent.startswith("Neo4j/") and "compatible" not in agent.lower()


def explain_refusal(tx, cypher: str, params: dict) -> str | None:
    """Ask Neo4j what the query would do, without running it: None if it only reads.

    `tx` is a transaction of a READ session; EXPLAIN plans and returns no rows, so nothing runs.
    """
    tokens = tokenize(cypher)
    if tokens and tokens[0].kind == "word" and tokens[0].text.upper() in ("EXPLAIN", "PROFILE"):
        cypher = cypher[tokens[1].pos:] if len(tokens) > 1 else ""
    summary = tx.run("EXPLAIN " + cypher, params).consume()
    kind = summary.query_type
    if kind == "r":
        return None
    names = {"w": "writes", "rw": "reads and writes", "s": "changes the schema"}
    return names.get(kind, f"is of query type {kind!r}, not a read")
