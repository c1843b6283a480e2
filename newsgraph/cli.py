"""The `newsgraph` command: wires readers, extractors, stores and queries; holds no logic of its own."""
from __future__ import annotations

import os
import sys
import tempfile
import traceback
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator

import click

from newsgraph.graph import Article, NewsGraph
from newsgraph.graph.errors import NewsgraphError

from . import output

EXIT_SKIPPED = 1  # some inputs were skipped, the rest processed
EXIT_ERROR = 2  # nothing done: bad arguments, unreachable server, busy store, ...


class NewsgraphGroup(click.Group):
    """Turns every failure into one line on stderr and an exit status: never a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except NewsgraphError as e:
            click.echo(f"newsgraph: error: {e}", err=True)
            ctx.exit(EXIT_ERROR)
        except KeyboardInterrupt:
            click.echo("newsgraph: interrupted; what was already stored is intact", err=True)
            ctx.exit(130)
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort):
            raise
        except Exception as e:  # a bug of ours: still one line, the trace only when asked for
            if os.environ.get("NEWSGRAPH_DEBUG"):
                traceback.print_exc()
            click.echo(f"newsgraph: internal error: {type(e).__name__}: {e} "
                       f"(set NEWSGRAPH_DEBUG=1 for the trace)", err=True)
            ctx.exit(70)


@click.group(cls=NewsgraphGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="newsgraph")
def main() -> None:
    """Turn news articles into a knowledge graph of who stands where.

    \b
    newsgraph build examples/articles        # extract into the embedded store
    newsgraph query who-opposes               # who opposes which policy
    newsgraph query profile "Maria Alvarez"   # everything about one actor
    newsgraph extract article.txt -o claims.jsonl
    """


# -- shared options ------------------------------------------------------------------------------

def store_option(f):
    return click.option("--store", "store_path", type=click.Path(dir_okay=False, path_type=Path),
                        envvar="NEWSGRAPH_STORE", show_envvar=True,
                        help="Embedded store file [default: $XDG_DATA_HOME/newsgraph/newsgraph.db].")(f)


def model_option(f):
    return click.option("--model", envvar="NEWSGRAPH_MODEL", show_envvar=True, default=None,
                        help="spaCy pipeline [default: the best English one installed].")(f)


def engine_options(f):
    f = click.option("--scheduler", default="local", show_default=True,
                     help="With --engine dask: a scheduler address (tcp://host:8786) or 'local'.")(f)
    f = click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
                     help="Where extraction runs: this machine, or a Dask cluster.")(f)
    f = click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
                     help="Extraction processes on this machine.")(f)
    return model_option(f)


def neo4j_options(f):
    f = click.option("--database", envvar="NEO4J_DATABASE", show_envvar=True, default=None,
                     help="Neo4j database [default: the server's default].")(f)
    f = click.option("--password", envvar="NEO4J_PASSWORD", show_envvar=True, default=None,
                     help="Neo4j password (prefer the environment variable).")(f)
    f = click.option("--user", envvar="NEO4J_USERNAME", show_envvar=True, default=None, help="Neo4j user.")(f)
    f = click.option("--uri", envvar="NEO4J_URI", show_envvar=True, default=None,
                     help="Neo4j URI: bolt://, neo4j://, or their +s / +ssc TLS forms.")(f)
    return f


def neo4j_switch(f):
    f = click.option("--neo4j", "use_neo4j", is_flag=True, help="Use Neo4j instead of the embedded store.")(f)
    return neo4j_options(f)


# -- helpers -----------------------------------------------------------------------------------

class Tally:
    """Counts what a run read, and reports each skipped input as it goes."""

    def __init__(self) -> None:
        self.read = 0
        self.skipped = 0

    def articles(self, paths: Iterable[str]) -> Iterator[Article]:
        from newsgraph.loaders.readers import Skipped, read_articles

        for item in read_articles(paths, stdin=sys.stdin.buffer):
            if isinstance(item, Skipped):
                self.skipped += 1
                click.echo(f"newsgraph: skipped {item}", err=True)
            else:
                self.read += 1
                yield item


def open_store(path: Path | None, readonly: bool = False):
    from newsgraph.loaders.store import Store, default_store_path

    return Store(path or default_store_path(), readonly=readonly)


def neo4j_store(uri, user, password, database):
    from newsgraph.loaders.neo4j import Connection, Neo4jStore

    return Neo4jStore(Connection.from_env(uri=uri, user=user, password=password, database=database))


def run_extraction(articles: Iterable[Article], model: str | None, workers: int, engine: str, scheduler: str):
    if engine == "dask":
        from newsgraph.extractors.distributed import extract_dask

        return extract_dask(articles, model, scheduler)
    if workers > 1:
        from newsgraph.extractors.parallel import extract_parallel

        return extract_parallel(articles, model, workers)
    from newsgraph.extractors import extract, load_model

    return extract(articles, load_model(model))


def read_graph(store_path, use_neo4j, uri, user, password, database) -> NewsGraph:
    if use_neo4j:
        with neo4j_store(uri, user, password, database) as db:
            return db.graph()
    with open_store(store_path, readonly=True) as store:
        return store.graph()


@contextmanager
def atomic_output(path: Path | None):
    """Standard output, or a file that appears only once it is complete."""
    if path is None:
        yield sys.stdout
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            yield fh
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def progress(items: Iterable, label: str):
    """A progress display on stderr (drawn only on a terminal)."""
    return click.progressbar(items, label=label, file=sys.stderr, show_pos=True, item_show_func=lambda _: None)


# -- commands ----------------------------------------------------------------------------------

@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to FILE instead of standard output.")
@click.option("--open", "open_", is_flag=True, help="Also emit every clause-level (open) triple.")
@engine_options
def extract(paths, out, open_, model, workers, engine, scheduler):
    """Extract entities and claims from articles, as JSON Lines.

    PATHS are files, folders (searched recursively), globs, or - for standard input;
    formats .txt .md .html .json .jsonl. One line per relationship (article, subject,
    subject_type, relation, object, object_type, and the evidence: sentence, start,
    end, surface, confidence, negated, hedged), and one per entity (article, entity,
    type, aliases).

    \b
    newsgraph extract examples/articles -o claims.jsonl
    cat article.txt | newsgraph extract -
    """
    from newsgraph.loaders.claims_jsonl import extraction_rows, write_rows

    tally = Tally()
    nlp = None
    if open_:
        from newsgraph.extractors import load_model

        nlp = load_model(model)
    n = 0
    with atomic_output(out) as fh:
        for x in run_extraction(tally.articles(paths), model, workers, engine, scheduler):
            n += write_rows(extraction_rows(x), fh)
            if open_:
                from dataclasses import asdict

                from newsgraph.extractors import open_triples

                triples = open_triples(nlp(x.article.text), x.article.id)
                n += write_rows(({"kind": "open", **asdict(t)} for t in triples), fh)
    click.echo(f"newsgraph: {tally.read} articles, {n} lines, {tally.skipped} skipped", err=True)
    sys.exit(EXIT_SKIPPED if tally.skipped else 0)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@store_option
@engine_options
def build(paths, store_path, model, workers, engine, scheduler):
    """Extract articles and add them to the embedded store.

    Importing an article already in the store changes nothing; new articles grow the
    same graph. Each article is stored whole or not at all.

    \b
    newsgraph build examples/articles
    newsgraph build ~/archive/**/*.html --store archive.db --workers 2
    """
    tally = Tally()
    added = already = 0
    with open_store(store_path) as store:
        def fresh() -> Iterator[Article]:
            nonlocal already
            for art in tally.articles(paths):
                if store.has_article(art.id):
                    already += 1
                else:
                    yield art

        with progress(run_extraction(fresh(), model, workers, engine, scheduler), "extracting") as bar:
            for x in bar:
                if store.add(x) is not None:
                    added += 1
                else:
                    already += 1
        s = store.stats()
    click.echo(f"articles: {added} added, {already} already stored, {tally.skipped} skipped\n"
               f"store {store.path}: {s['articles']} articles, {s['entities']} entities, "
               f"{s['relationships']} relationships", err=True)
    sys.exit(EXIT_SKIPPED if tally.skipped else 0)


@main.command()
@click.argument("name", metavar="NAME")
@click.argument("args", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@store_option
@neo4j_switch
def query(name, args, as_json, store_path, use_neo4j, uri, user, password, database):
    """Run a named query. Names match loosely (case, surname, alias).

    \b
    who-opposes [POLICY]   which actors oppose which policies
    who-supports [POLICY]  which actors support which policies
    funders [ACTOR]        who funds whom
    critics [ACTOR]        who criticizes or accuses whom
    profile ACTOR          everything the graph holds about one actor
    path ACTOR ACTOR       how two actors are connected

    \b
    newsgraph query who-opposes
    newsgraph query critics "Department of Corrections" --json
    newsgraph query path Alvarez Okafor --neo4j
    """
    from newsgraph.queries import bind, cypher_params, cypher_text, run_query

    bound = bind(name, args)
    if use_neo4j:
        with neo4j_store(uri, user, password, database) as db:
            rows = db.run(cypher_text(name, **bound), cypher_params(name, **bound))
    else:
        with open_store(store_path, readonly=True) as store:
            rows = run_query(name, store.graph(), **bound)
    click.echo(output.as_json(rows) if as_json else output.table(rows))


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@store_option
@neo4j_switch
def stats(as_json, store_path, use_neo4j, uri, user, password, database):
    """Count articles, entities by label and relationships by type.

    \b
    newsgraph stats
    newsgraph stats --neo4j --json
    """
    if use_neo4j:
        s = read_graph(None, True, uri, user, password, database).stats()
    else:
        with open_store(store_path, readonly=True) as store:
            s = store.stats()
    if as_json:
        click.echo(output.as_json(s))
        return
    rows = [{"what": k, "count": s[k]} for k in ("articles", "entities", "relationships", "evidence")]
    rows += [{"what": f"  :{k}", "count": v} for k, v in sorted(s["labels"].items())]
    rows += [{"what": f"  [{k}]", "count": v} for k, v in sorted(s["relations"].items())]
    click.echo(output.table(rows, ("what", "count")))


@main.command()
@click.option("--batch-size", type=click.IntRange(1, 100_000), default=1000, show_default=True)
@click.option("--dry-run", is_flag=True, help="Print the Cypher and parameter counts; do not connect.")
@store_option
@neo4j_options
def load(batch_size, dry_run, store_path, uri, user, password, database):
    """Write the embedded store's graph to Neo4j (idempotent: loading twice changes nothing).

    \b
    NEO4J_URI=bolt://localhost:7687 NEO4J_USERNAME=neo4j NEO4J_PASSWORD=... newsgraph load
    newsgraph load --dry-run
    """
    with open_store(store_path, readonly=True) as store:
        graph = store.graph()
    write_neo4j(graph, batch_size, dry_run, uri, user, password, database)


@main.command("import")
@click.argument("paths", nargs=-1, required=True)
@click.option("--neo4j", "use_neo4j", is_flag=True, required=True, help="Write straight to Neo4j (required).")
@click.option("--batch-size", type=click.IntRange(1, 100_000), default=1000, show_default=True)
@click.option("--dry-run", is_flag=True, help="Print the Cypher and parameter counts; do not connect.")
@neo4j_options
@engine_options
def import_(paths, use_neo4j, batch_size, dry_run, uri, user, password, database, model, workers, engine,
            scheduler):
    """Extract articles and write them straight to Neo4j.

    \b
    newsgraph import examples/articles --neo4j --uri bolt://localhost:7687 --user neo4j
    """
    tally = Tally()
    graph = NewsGraph()
    if not dry_run:  # resolve new actors against what Neo4j already holds ("Krasner" -> "Larry Krasner")
        with neo4j_store(uri, user, password, database) as db:
            graph = db.graph()
    for x in run_extraction(tally.articles(paths), model, workers, engine, scheduler):
        graph.add(x)
    write_neo4j(graph, batch_size, dry_run, uri, user, password, database)
    sys.exit(EXIT_SKIPPED if tally.skipped else 0)


def write_neo4j(graph: NewsGraph, batch_size, dry_run, uri, user, password, database) -> None:
    if dry_run:
        from newsgraph.loaders.neo4j import dry_run as plan

        for cypher, rows in plan(graph, batch_size):
            click.echo(f"// {rows} rows\n{cypher.strip()}\n")
        return
    from newsgraph.loaders.neo4j import dry_run as plan

    total = sum(rows for _, rows in plan(graph, batch_size))
    with neo4j_store(uri, user, password, database) as db:
        db.ensure_schema()
        with click.progressbar(length=total, label="loading", file=sys.stderr) as bar:
            counts = db.write_graph(graph, batch_size=batch_size, progress=bar.update)
    click.echo("loaded: " + ", ".join(f"{v} {k}" for k, v in counts.items()), err=True)


@main.command()
@click.argument("statement")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE", help="A query parameter (string).")
@neo4j_options
def cypher(statement, as_json, params, uri, user, password, database):
    """Run a read-only Cypher query on Neo4j and print the rows.

    \b
    newsgraph cypher "MATCH (p:Person)-[r:OPPOSES]->(x:Policy) RETURN p.name, x.name"
    newsgraph cypher "MATCH (n:Entity)-[:KNOWN_AS]->(:Name {key: \\$key}) RETURN n.name" -p key=alvarez
    """
    from newsgraph.graph.errors import QueryError

    values = {}
    for p in params:
        k, sep, v = p.partition("=")
        if not sep or not k:
            raise QueryError(f"parameter {p!r} is not NAME=VALUE")
        values[k] = v
    with neo4j_store(uri, user, password, database) as db:
        rows = db.run(statement, values)
    click.echo(output.as_json(rows) if as_json else output.table(rows))


@main.command("browser-style")
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False, path_type=Path), default=None)
def browser_style(out):
    """Write a Neo4j Browser style sheet (GraSS): a colour per label, names as captions.

    Apply it in Neo4j Browser with `:style` and drag the file in (see README).
    """
    from newsgraph.loaders.neo4j import browser_style as grass

    with atomic_output(out) as fh:
        fh.write(grass())


@main.command()
@click.option("--query", "query_name", default=None, metavar="NAME",
              help="Draw only what this named query answers; its arguments follow as ARGS.")
@click.argument("query_args", nargs=-1, metavar="[ARGS]...")
@click.option("--actor", default=None, help="Show this actor's neighbourhood.")
@click.option("--depth", type=click.IntRange(1, 6), default=1, show_default=True)
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("graph.html"), show_default=True)
@store_option
@neo4j_switch
def view(query_name, query_args, actor, depth, out, store_path, use_neo4j, uri, user, password, database):
    """Write the graph (or part of it) as one self-contained HTML page.

    \b
    newsgraph view -o graph.html
    newsgraph view --query who-opposes "Measure K" -o measure-k.html
    newsgraph view --actor Alvarez --depth 2
    """
    from newsgraph.loaders.view import neighbourhood, render_html

    graph = read_graph(store_path, use_neo4j, uri, user, password, database)
    if query_name:
        from newsgraph.queries import bind, select

        graph = subgraph_of(graph, select(query_name, graph, **bind(query_name, query_args)))
    if actor:
        from newsgraph.graph import normalize

        key = normalize(actor)
        ids = [n.id for n in graph.nodes() if key in n.keys]
        if not ids:
            from newsgraph.graph.errors import QueryError

            raise QueryError(f"no actor matches {actor!r}")
        graph = neighbourhood(graph, ids, depth)
    with atomic_output(out) as fh:
        fh.write(render_html(graph))
    click.echo(f"wrote {out} ({len(graph)} nodes, {graph.g.number_of_edges()} relationships)", err=True)


def subgraph_of(graph: NewsGraph, rels) -> NewsGraph:
    """The part of `graph` made of `rels` and their ends."""
    sub = NewsGraph()
    sub.articles = dict(graph.articles)
    for rel in rels:
        for nid in (rel.subject, rel.object):
            sub.add_node(graph.node(nid))
        sub.add_relationship(rel)
    return sub


@main.command()
@click.option("--format", "fmt", required=True, type=click.Choice(["neo4j-admin", "graphml", "gexf", "jsonl"]))
@click.option("-o", "--output", "out", required=True, type=click.Path(path_type=Path),
              help="File (graphml, gexf, jsonl) or folder (neo4j-admin).")
@store_option
@neo4j_switch
def export(fmt, out, store_path, use_neo4j, uri, user, password, database):
    """Export the graph for other tools.

    \b
    newsgraph export --format graphml -o graph.graphml     # Gephi, yEd, Cytoscape
    newsgraph export --format gexf -o graph.gexf
    newsgraph export --format jsonl -o graph.jsonl         # read back with `newsgraph restore`
    newsgraph export --format neo4j-admin -o import/       # CSVs + the neo4j-admin command
    """
    from newsgraph.loaders.export import export as write

    graph = read_graph(store_path, use_neo4j, uri, user, password, database)
    for path in write(graph, fmt, out):
        click.echo(f"wrote {path}", err=True)


@main.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@store_option
def restore(path, store_path):
    """Read a `newsgraph export --format jsonl` file back into the embedded store.

    \b
    newsgraph restore graph.jsonl --store copy.db
    """
    from newsgraph.loaders.export import read_graph_jsonl

    graph = read_graph_jsonl(path)
    with open_store(store_path) as store:
        store.write_graph(graph)
        s = store.stats()
    click.echo(f"restored {path}: store has {s['articles']} articles, {s['entities']} entities, "
               f"{s['relationships']} relationships", err=True)
