"""The neo4j-admin export: CSV files `neo4j-admin database import full` reads, and import.sh.

It mirrors the Neo4j graph model of newsgraph (loaders/neo4j_cypher.py), so the named queries run
on an imported database as on a loaded one:
  (:Entity:<Label> {id, name, label, aliases, keys, articles})
  -[:<TYPE> {id, role, predicate, confidence, articles, ev_articles, ev_sentences, ev_starts,
             ev_ends, ev_predicates, ev_confidences, ev_negated, ev_hedged}]->(:Entity)
  (:Entity)-[:KNOWN_AS]->(:Name {key})
  (:Article {id, title, date: date, date_text, url, source, text})-[:MENTIONS]->(:Entity)
neo4j-admin creates no constraints or indexes: schema.cypher holds the loader's, to run once the
database is started (`cypher-shell -f schema.cypher`, or paste it into Browser).

Arrays are joined with U+001F (the ASCII unit separator): neo4j-admin has no escape for
an array delimiter, and news text can hold any printable one (`;` `|` `,`). The same
character separates the labels of the :LABEL column. Fields are quoted the RFC 4180
way (a quote doubled), and sentences may span lines, hence --multiline-fields=true.
Confidences are `double`: neo4j-admin's `float` is 32-bit and would turn 0.9 into
0.8999999761581421.
"""
from __future__ import annotations

import csv
import shlex
from pathlib import Path

from newsgraph.graph import ARTICLE, ENTITY, NewsGraph

from .neo4j_cypher import KNOWN_AS, NAME, SCHEMA, article_row

ARRAY_DELIMITER = "\x1f"
ARRAY_DELIMITER_ARG = "U+001F"  # how neo4j-admin's --array-delimiter names it
MENTIONS = "MENTIONS"

ENTITY_HEADER = ["id:ID", "name", "label", "aliases:string[]", "keys:string[]", "articles:string[]", ":LABEL"]
ARTICLE_HEADER = ["id:ID", "title", "date:date", "date_text", "url", "source", "text", ":LABEL"]
NAME_HEADER = ["key:ID(Name)", ":LABEL"]
KNOWN_AS_HEADER = [":START_ID", ":END_ID(Name)", ":TYPE"]
CLAIM_HEADER = [":START_ID", ":END_ID", ":TYPE", "id", "role", "predicate", "confidence:double",
                "articles:string[]", "ev_articles:string[]", "ev_sentences:string[]", "ev_starts:long[]",
                "ev_ends:long[]", "ev_predicates:string[]", "ev_confidences:double[]",
                "ev_negated:boolean[]", "ev_hedged:boolean[]"]
MENTION_HEADER = [":START_ID", ":END_ID", ":TYPE"]

FILES = {"entities": "entities.csv", "articles": "articles.csv", "names": "names.csv",
         "claims": "claims.csv", "mentions": "mentions.csv", "known_as": "known_as.csv",
         "schema": "schema.cypher", "script": "import.sh"}


def write_neo4j_admin(graph: NewsGraph, folder: Path) -> list[Path]:
    """Write the CSV files and import.sh into `folder` (created); return the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    entities = folder / FILES["entities"]
    articles = folder / FILES["articles"]
    claims = folder / FILES["claims"]
    mentions = folder / FILES["mentions"]
    _write(entities, ENTITY_HEADER, (
        [n.id, n.name, n.label, _array(n.aliases), _array(n.keys), _array(n.articles),
         _array([ENTITY, n.label])] for n in graph.nodes()))
    _write(articles, ARTICLE_HEADER, (_article_row(a) for _, a in sorted(graph.articles.items())))
    names, known_as = folder / FILES["names"], folder / FILES["known_as"]
    # Names live in their own id space (ID(Name)): a name may equal an entity or article id.
    _write(names, NAME_HEADER, ([k, NAME] for k in sorted({k for n in graph.nodes() for k in n.keys})))
    _write(known_as, KNOWN_AS_HEADER, ([n.id, k, KNOWN_AS] for n in graph.nodes() for k in n.keys))
    _write(claims, CLAIM_HEADER, (_claim_row(r) for r in graph.relationships()))
    _write(mentions, MENTION_HEADER, (
        [aid, n.id, MENTIONS] for n in graph.nodes() for aid in n.articles if aid in graph.articles))
    schema = folder / FILES["schema"]
    schema.write_text("".join(f"{statement};\n" for statement in SCHEMA), encoding="utf-8")
    script = folder / FILES["script"]
    script.write_text(import_script(), encoding="utf-8")
    script.chmod(0o755)
    return [entities, articles, names, claims, mentions, known_as, schema, script]


def _article_row(article) -> list[str]:
    # As the loader stores it: a date value (empty when the text is no ISO date), no local paths.
    row = article_row(article)
    return [row["id"], row["title"], row["date"].isoformat() if row["date"] else "", row["date_text"] or "",
            row["url"], row["source"], row["text"], ARTICLE]


def import_command(database: str = "neo4j") -> list[str]:
    """The neo4j-admin argv that imports the files, run from their folder.

    The database name comes right after `full`: from Neo4j 5.19 on, a name after the
    options is read as one more input file.
    """
    return ["neo4j-admin", "database", "import", "full", database,
            f"--nodes={FILES['entities']}", f"--nodes={FILES['articles']}", f"--nodes={FILES['names']}",
            f"--relationships={FILES['claims']}", f"--relationships={FILES['mentions']}",
            f"--relationships={FILES['known_as']}",
            "--delimiter=,", f"--array-delimiter={ARRAY_DELIMITER_ARG}", "--quote=\"",
            "--multiline-fields=true", "--id-type=string"]


def import_script() -> str:
    argv = [shlex.quote(a) for a in import_command()]
    argv[0] = '"${NEO4J_HOME:+$NEO4J_HOME/bin/}neo4j-admin"'
    argv[4] = '"$database"'
    argv[:5] = [" ".join(argv[:5])]  # the command on one line, then one option a line
    return (
        "#!/bin/sh\n"
        "# Import these files into a Neo4j database (stop Neo4j first):\n"
        "#   sh import.sh [DATABASE [OPTION...]]   (default: neo4j; set NEO4J_HOME if neo4j-admin is not on PATH)\n"
        "# A database that exists is refused: every install has an empty `neo4j` once Neo4j has run, so\n"
        "# replace it with   sh import.sh neo4j --overwrite-destination=true\n"
        "# Then start Neo4j and create the indexes:   cypher-shell -f schema.cypher\n"
        "# Arrays and the :LABEL column are separated by U+001F, the ASCII unit separator.\n"
        "set -e\n"
        'cd "$(dirname "$0")"\n'
        'database="${1:-neo4j}"\n'
        '[ "$#" -gt 0 ] && shift\n'
        + " \\\n  ".join(argv) + ' \\\n  "$@"\n'
    )


def _claim_row(rel) -> list[str]:
    ev = rel.evidence
    return [rel.subject, rel.object, rel.relation, rel.id, rel.role, rel.predicate, repr(rel.confidence),
            _array(sorted({e.article for e in ev})),
            _array([e.article for e in ev]), _array([e.sentence for e in ev]),
            _array([str(e.start) for e in ev]), _array([str(e.end) for e in ev]),
            _array([e.predicate for e in ev]), _array([repr(float(e.confidence)) for e in ev]),
            _array([_bool(e.negated) for e in ev]), _array([_bool(e.hedged) for e in ev])]


def _bool(value: bool) -> str:
    return "true" if value else "false"


def _array(values: list[str]) -> str:
    # A delimiter inside a value would split it in two; a space keeps the text readable.
    return ARRAY_DELIMITER.join(v.replace(ARRAY_DELIMITER, " ") for v in values)


def _write(path: Path, header: list[str], rows) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f, delimiter=",", quotechar='"', doublequote=True,
                         quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        out.writerow(header)
        out.writerows(rows)
