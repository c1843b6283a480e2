"""The `newsgraph` command: wires readers, extractors, stores and queries; holds no logic of its own."""
from __future__ import annotations

import os
import sys
import tempfile
import traceback
from pathlib import Path
from typing import Iterable, Iterator

import click

from newsgraph.graph import Article, NewsGraph
from newsgraph.graph.errors import NewsgraphError

from newsgraph.loaders.atomic import atomic_output, is_stdout

from . import output
from .params import Assignment, QueryName

EXIT_SKIPPED = 1  # some inputs were skipped, the rest processed
EXIT_NO_MATCH = 1  # a name matched nothing (as grep's 1: nothing found)


class NewsgraphGroup(click.Group):
    """Turns every failure into one line on stderr and an exit status: never a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            try:
                result = super().invoke(ctx)
            except SystemExit as e:  # commands that set their own status (build, import, ...)
                if _report_damage(ctx) and e.code in (0, None):
                    raise SystemExit(EXIT_SKIPPED) from None
                raise
            if _report_damage(ctx):
                ctx.exit(EXIT_SKIPPED)
            return result
        except NewsgraphError as e:
            click.echo(f"newsgraph: error: {e}", err=True)
            ctx.exit(e.exit_code)
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


def _report_damage(ctx: click.Context) -> bool:
    """One line per store read only in part (damaged rows, records another tool wrote): the rest
    was used, and the command exits 1."""
    damaged = [s for s in ctx.meta.get("stores", []) if s.damage]
    for store in damaged:
        where = f"store {store.path}" if hasattr(store, "path") else f"Neo4j at {store.conn.display_uri}"
        click.echo(f"newsgraph: warning: {where} is damaged: {store.damage.summary()}; the rest was used",
                   err=True)
    return bool(damaged)


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


def extractor_options(f):
    f = click.option("--claim-model", "claim_model", envvar="NEWSGRAPH_CLAIM_MODEL", show_envvar=True, default=None,
                     metavar="DIR",
                     help="Claim model folder (`newsgraph train`) for --extractor model [default: the shipped one].")(f)
    f = click.option("--extractor", envvar="NEWSGRAPH_EXTRACTOR", show_envvar=True, default=None, metavar="NAME",
                     help="What decides the claims: 'rules' or 'model' (the trained claim model) [default: rules, or "
                          "model when --claim-model is given].")(f)
    return model_option(f)


def engine_options(f):
    f = click.option("--scheduler", default="local", show_default=True,
                     help="With --engine dask: a scheduler address (tcp://host:8786) or 'local'.")(f)
    f = click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
                     help="Where extraction runs: this machine, or a Dask cluster.")(f)
    f = click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
                     help="Extraction processes on this machine.")(f)
    return extractor_options(f)


def _remember(ctx: click.Context, param: click.Parameter, value):
    # Kept in the context rather than passed to every command: only neo4j_store() needs them.
    ctx.meta[f"neo4j_{param.name}"] = value
    return value


def neo4j_options(f):
    f = click.option("--deadline", type=click.FloatRange(0), default=None, expose_value=False,
                     callback=_remember, metavar="SECONDS",
                     help="Give up on the whole Neo4j command after this long [default: "
                          "$NEWSGRAPH_NEO4J_DEADLINE or 3600; 0: no limit].")(f)
    f = click.option("--timeout", type=click.FloatRange(0), default=None, expose_value=False,
                     callback=_remember, metavar="SECONDS",
                     help="Give up when Neo4j does not answer connecting, one transaction or one query "
                          "within this long [default: $NEWSGRAPH_NEO4J_TIMEOUT or 60; 0: no limit].")(f)
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

def input_options(f):
    """PATHS and where web pages come from: --feed, --fetch-timeout."""
    f = click.option("--fetch-timeout", "timeout", type=click.FloatRange(0.1, 600), default=20.0, show_default=True,
                     help="Seconds to wait for each web page.")(f)
    f = click.option("--feed", "feeds", multiple=True, metavar="URL",
                     help="An RSS or Atom feed: read every item's page (repeatable).")(f)
    return click.argument("paths", nargs=-1)(f)


class Tally:
    """Counts what a run read, and reports each skipped input as it goes."""

    def __init__(self, feeds: Iterable[str] = (), timeout: float = 20.0) -> None:
        self.read = 0
        self.skipped = 0
        self.feeds = tuple(feeds)
        self.timeout = timeout

    def require(self, paths: tuple[str, ...]) -> None:
        """Something to read: checked before any work (a store opened, a server reached)."""
        if not paths and not self.feeds:
            raise click.UsageError("give PATHS (files, folders, globs, URLs or -) or --feed URL")

    def skip(self, source: str, reason: str) -> None:
        from newsgraph.loaders.readers import Skipped

        self.skipped += 1
        click.echo(f"newsgraph: skipped {Skipped(source, reason)}", err=True)

    def articles(self, paths: Iterable[str]) -> Iterator[Article]:
        from newsgraph.loaders.fetch import Fetcher, default_cache_dir
        from newsgraph.loaders.readers import Skipped, read_articles

        fetcher = Fetcher(default_cache_dir(), timeout=self.timeout)
        for item in read_articles(paths, stdin=sys.stdin.buffer, feeds=self.feeds, fetcher=fetcher):
            if isinstance(item, Skipped):
                self.skipped += 1
                click.echo(f"newsgraph: skipped {item}", err=True)
            else:
                self.read += 1
                yield item


def open_store(path: Path | None, readonly: bool = False):
    from newsgraph.loaders.store import Store, default_store_path

    store = Store(path or default_store_path(), readonly=readonly)
    click.get_current_context().meta.setdefault("stores", []).append(store)  # damage is reported at the end
    return store


def neo4j_store(uri, user, password, database):
    from newsgraph.loaders.neo4j import Connection, Neo4jStore

    meta = click.get_current_context().meta
    store = Neo4jStore(Connection.from_env(uri=uri, user=user, password=password, database=database),
                       timeout=meta.get("neo4j_timeout"), command_deadline=meta.get("neo4j_deadline"))
    meta.setdefault("stores", []).append(store)  # records it cannot read are reported at the end
    return store


def check_model(model: str | None) -> None:
    """A pipeline asked for by name that is not installed: say so, and how to install that one,
    before any input is read (the extractor's own message names the default's package)."""
    import importlib.util

    from newsgraph.extractors.model import model_name

    name = model_name(model)
    if os.sep in name or os.path.exists(name) or importlib.util.find_spec(name.replace("-", "_")) is not None:
        return  # a folder, or an installed package: loading it reports anything else
    from newsgraph.graph.errors import ModelError

    how = (f"python -m spacy download {name}" if name.startswith(("en_core_web_", "xx_"))
           else f"pip install {name.replace('_', '-')}")
    raise ModelError(f"spaCy pipeline {name!r} is not installed; install it with: {how} "
                     f"(or choose another with --model / NEWSGRAPH_MODEL)")


def extractor_spec(model: str | None, extractor: str | None, claim_model: str | None, open_: bool = False):
    """The extractor the settings name, checked (unknown name, bad claim model: one-line errors) before any work."""
    from newsgraph.extractors import ExtractorSpec, prepare_extractor

    return prepare_extractor(ExtractorSpec(extractor or "", model, claim_model or "", open=open_))


def inputs_and_extractor(paths, feeds, timeout, engine: str, model: str | None, extractor: str | None,
                         claim_model: str | None, open_: bool = False):
    """The inputs to read and the extractor to run, each checked before any work (one-line errors)."""
    tally = Tally(feeds, timeout)
    tally.require(paths)
    if engine == "local":  # Dask workers have their own pipelines
        check_model(model)
    return tally, extractor_spec(model, extractor, claim_model, open_)


def run_extraction(articles: Iterable[Article], spec, workers: int, engine: str, scheduler: str):
    if engine == "dask":
        from newsgraph.extractors.distributed import extract_dask

        return extract_dask(articles, spec, scheduler)
    if workers > 1:
        from newsgraph.extractors.parallel import extract_parallel

        return extract_parallel(articles, spec, workers)
    from newsgraph.extractors import build_extractor

    return build_extractor(spec).extract(articles)


def build_info(spec) -> dict[str, str]:
    """What builds a store: this newsgraph's version, the extractor (and claim model) and the spaCy pipeline."""
    from importlib import metadata

    from newsgraph import __version__

    name = spec.pipeline or ""
    try:
        model_version = metadata.version(name.replace("_", "-"))
    except metadata.PackageNotFoundError:
        model_version = ""  # a pipeline loaded from a folder
    claim_model = spec.claim_model or ("shipped" if spec.extractor == "model" else "")
    return {"version": __version__, "model": name, "model_version": model_version, "extractor": spec.extractor,
            "claim_model": claim_model}


def read_graph(store_path, use_neo4j, uri, user, password, database) -> NewsGraph:
    if use_neo4j:
        with neo4j_store(uri, user, password, database) as db:
            return db.graph()
    with open_store(store_path, readonly=True) as store:
        return store.graph()


def progress(items: Iterable, label: str):
    """A progress display on stderr (drawn only on a terminal)."""
    return click.progressbar(items, label=label, file=sys.stderr, show_pos=True, item_show_func=lambda _: None)


# -- commands ----------------------------------------------------------------------------------

@main.command()
@input_options
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to FILE instead of standard output (- is standard output).")
@click.option("--open", "open_", is_flag=True, help="Also emit every clause-level (open) triple.")
@engine_options
def extract(paths, feeds, timeout, out, open_, model, extractor, claim_model, workers, engine, scheduler):
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

    tally, spec = inputs_and_extractor(paths, feeds, timeout, engine, model, extractor, claim_model, open_)
    n = 0
    with atomic_output(out) as fh:
        for x in run_extraction(tally.articles(paths), spec, workers, engine, scheduler):
            n += write_rows(extraction_rows(x), fh)
            if open_:  # found in the same pass, on the same pieces of a long article
                from dataclasses import asdict

                n += write_rows(({"kind": "open", **asdict(t)} for t in x.open), fh)
    click.echo(f"newsgraph: {tally.read} articles, {n} lines, {tally.skipped} skipped", err=True)
    sys.exit(EXIT_SKIPPED if tally.skipped else 0)


@main.command()
@input_options
@store_option
@engine_options
def build(paths, feeds, timeout, store_path, model, extractor, claim_model, workers, engine, scheduler):
    """Extract articles and add them to the embedded store.

    Importing an article already in the store changes nothing; new articles grow the
    same graph. Each article is stored whole or not at all.

    PATHS are files, folders, globs, - (standard input) or http(s) URLs of pages;
    --feed reads every item of an RSS/Atom feed. Each page is fetched once and
    cached by URL ($NEWSGRAPH_CACHE, default ~/.cache/newsgraph/pages); a page that
    cannot be fetched is one line on stderr and the rest goes on.

    \b
    newsgraph build examples/articles
    newsgraph build ~/archive/**/*.html --store archive.db --workers 2
    newsgraph build https://example.org/news/story.html
    newsgraph build --feed https://example.org/politics/rss.xml
    """
    tally, spec = inputs_and_extractor(paths, feeds, timeout, engine, model, extractor, claim_model)
    added = already = 0
    with open_store(store_path) as store:
        rules = aliases_of(store.path)  # the analyst's merges and splits: a malformed file stops here
        def fresh() -> Iterator[Article]:
            nonlocal already
            for art in tally.articles(paths):
                stored = store.stored_article(art.id)
                if stored is None:
                    yield art
                elif stored.text == art.text:  # the same article again: nothing to do
                    already += 1
                else:  # another article under a stored id: never dropped in silence
                    # named by what it says of itself: an Article never holds the file it came from
                    tally.skip(art.url or art.title or f"article {art.id!r}",
                               f"another article with id {art.id!r} is already stored "
                               f"(from {stored.url or stored.source or 'an earlier input'}); give it its own id")

        with progress(run_extraction(fresh(), spec, workers, engine, scheduler), "extracting") as bar:
            for x in bar:
                if store.add(x, rules) is not None:
                    added += 1
                else:
                    already += 1
        if added:
            store.record_build(build_info(spec))
        s = store.stats()
    click.echo(f"articles: {added} added, {already} already stored, {tally.skipped} skipped\n"
               f"store {store.path}: {s['articles']} articles, {s['entities']} entities, "
               f"{s['relationships']} relationships", err=True)
    sys.exit(EXIT_SKIPPED if tally.skipped else 0)


@main.command()
@click.argument("name", metavar="NAME", type=QueryName(stances=True))
@click.argument("args", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table (every field, every source).")
@click.option("--min-sources", type=click.IntRange(1), default=1, show_default=True, metavar="N",
              help="Only claims stated by at least N distinct articles.")
@click.option("--since", default=None, metavar="DAY",
              help="timeline, shifts, contested: only articles dated on or after DAY (2026-10-01).")
@click.option("--until", default=None, metavar="DAY",
              help="timeline, shifts, contested: only articles dated on or before DAY.")
@store_option
@neo4j_switch
def query(name, args, as_json, min_sources, since, until, store_path, use_neo4j, uri, user, password, database):
    """Run a named query. Names match loosely: case, accents, surname, alias, the start of
    each word ("fair rent" finds "Fair Rent Act"), small typos.

    \b
    who-opposes [POLICY]   which actors oppose which policies
    who-supports [POLICY]  which actors support which policies
    funders [ACTOR]        who funds whom
    critics [ACTOR]        who criticizes or accuses whom
    profile ACTOR          everything the graph holds about one actor
    path ACTOR ACTOR       how two actors are connected
    timeline ACTOR [TARGET]  an actor's claims in date order (--since/--until DAY)
    shifts [TARGET]        who changed stance (SUPPORTS <-> OPPOSES) over time
    contested [NAME]       X SUPPORTS Y in one article, X OPPOSES Y in another
    coalitions [POLICY]    groups of actors who take the same stances

    Each claim row names its sources (article title, date, outlet, URL; all of them
    with --json) and how many distinct articles and outlets state it. When a name
    matches nothing, the closest names are printed and the exit status is 1.

    \b
    newsgraph query who-opposes "fair rent"
    newsgraph query critics "Department of Corrections" --json
    newsgraph query who-supports --min-sources 2
    newsgraph query path Alvarez Okafor --neo4j
    newsgraph query timeline Alvarez --since 2026-10-01
    """
    from newsgraph.queries.library import STANCE_NAMES

    if name in STANCE_NAMES:  # the stance questions: their own arguments and row shapes
        stance_query(name, args, as_json, since, until, store_path, use_neo4j, uri, user, password, database)
        return
    if since or until:
        from newsgraph.graph.errors import QueryError

        raise QueryError(f"--since/--until apply to {', '.join(STANCE_NAMES[:-1])}, not to {name!r}")
    from newsgraph.queries import bind
    from newsgraph.queries.answer import Neo4jBackend, answer, store_backend

    bind(name, args)  # an unknown query or wrong arguments: said before any store is opened
    if use_neo4j:
        with neo4j_store(uri, user, password, database) as db:
            result = answer(name, args, Neo4jBackend(db), min_sources)
    else:
        with open_store(store_path, readonly=True) as store:
            result = answer(name, args, store_backend(store), min_sources)
    if result.unmatched:
        no_match(result.unmatched)
    click.echo(output.as_json(result.rows) if as_json else output.table(result.rows))


def stance_query(name, args, as_json, since, until, store_path, use_neo4j, uri, user, password, database) -> None:
    """timeline, shifts, contested, coalitions: the embedded store reads only the claims they need."""
    from newsgraph.queries.stance_answer import COLUMNS, GraphStances, Neo4jStances, answer, bind_stance, table_rows

    bound = bind_stance(name, args, since, until)  # bad names or days: said before any store is opened
    if use_neo4j:
        with neo4j_store(uri, user, password, database) as db:
            rows, matches = answer(name, bound, Neo4jStances(db))
    else:
        from functools import partial

        from newsgraph.loaders.store_claims import claims_subgraph, store_nodes

        with open_store(store_path, readonly=True) as store:
            part = partial(claims_subgraph, store)
            # Names from the query index; a store that predates it (opened read-only) has its nodes read.
            backend = GraphStances.of_store(store, part) if store.indexed else \
                GraphStances.of_nodes(store_nodes(store), part)
            rows, matches = answer(name, bound, backend)
    if any(not m.keys for m in matches):
        no_match([m for m in matches if not m.keys])
    click.echo(output.as_json(rows) if as_json else output.table(table_rows(name, rows), COLUMNS[name]))


def aliases_of(store_path: Path | None):
    """The analyst's alias rules for the store at `store_path` (None: the default store)."""
    from newsgraph.loaders.aliases_file import default_aliases_path, read_rules
    from newsgraph.loaders.store import default_store_path

    return read_rules(default_aliases_path(store_path or default_store_path()))


def no_match(unmatched) -> None:
    """One line per name that matches nothing, with the closest names; exit 1 as grep does."""
    for m in unmatched:
        hint = f"; closest: {', '.join(m.closest)}" if m.closest else ""
        click.echo(f"newsgraph: no actor or policy matches {m.text!r}{hint}", err=True)
    sys.exit(EXIT_NO_MATCH)


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
        with neo4j_store(uri, user, password, database) as db:
            s = db.stats()
    else:
        with open_store(store_path, readonly=True) as store:
            s = {**store.stats(), "built_by": store.built_by()}
    if as_json:
        click.echo(output.as_json(s))
        return
    rows = [{"what": k, "count": s[k]} for k in ("articles", "entities", "relationships", "evidence")]
    rows += [{"what": f"  :{k}", "count": v} for k, v in sorted(s["labels"].items())]
    rows += [{"what": f"  [{k}]", "count": v} for k, v in sorted(s["relations"].items())]
    click.echo(output.table(rows, ("what", "count")))
    built = s.get("built_by") or {}
    if built:
        model = " ".join(x for x in (built.get("model"), built.get("model_version")) if x)
        how = built.get("extractor", "")
        how = f", extractor {how}" + (f" ({built['claim_model']} claim model)" if built.get("claim_model") else "") \
            if how else ""
        click.echo(f"\nbuilt by newsgraph {built.get('version', '?')} with spaCy pipeline {model or '?'}{how}")
        if "," in built.get("versions", ""):
            click.echo(f"(articles added by newsgraph {built['versions'].replace(',', ', ')})")


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
    from newsgraph.loaders.neo4j_aliases import rule_keys

    with open_store(store_path, readonly=True) as store:
        graph = store.graph()
        renamed = rule_keys(aliases_of(store.path), store.alias_keys())  # nodes the analyst's aliases changed
    write_neo4j(graph, batch_size, dry_run, uri, user, password, database, renamed)


@main.command("import")
@input_options
@click.option("--neo4j", "use_neo4j", is_flag=True, hidden=True,
              help="Accepted for compatibility: import always writes to Neo4j.")
@click.option("--batch-size", type=click.IntRange(1, 100_000), default=1000, show_default=True)
@click.option("--dry-run", is_flag=True, help="Print the Cypher and parameter counts; do not connect.")
@neo4j_options
@engine_options
def import_(paths, feeds, timeout, use_neo4j, batch_size, dry_run, uri, user, password, database, model,
            extractor, claim_model, workers, engine, scheduler):
    """Extract articles and write them straight to Neo4j (no embedded store).

    \b
    newsgraph import examples/articles --uri bolt://localhost:7687 --user neo4j
    newsgraph import --feed https://example.org/politics/rss.xml
    """
    tally, spec = inputs_and_extractor(paths, feeds, timeout, engine, model, extractor, claim_model)
    rules = aliases_of(None)  # the analyst's merges and splits: a malformed file stops here
    extractions = run_extraction(tally.articles(paths), spec, workers, engine, scheduler)
    if dry_run:
        graph = NewsGraph()
        for x in extractions:
            rules.add(graph, x)
        write_neo4j(graph, batch_size, dry_run, uri, user, password, database)
        sys.exit(EXIT_SKIPPED if tally.skipped else 0)
    added = already = 0
    with neo4j_store(uri, user, password, database) as db:
        # Each article is resolved against what Neo4j holds ("Krasner" -> "Larry Krasner") and only
        # its own nodes and claims are written; the nodes are read once to name records another
        # tool wrote there (the rest of the graph is never read or rewritten).
        db.check_nodes()
        with progress(extractions, "importing") as bar:
            for x in bar:
                if db.add(x, rules) is not None:
                    added += 1
                else:
                    already += 1
    click.echo(f"imported: {added} articles added, {already} already in Neo4j, {tally.skipped} skipped", err=True)
    sys.exit(EXIT_SKIPPED if tally.skipped else 0)


def write_neo4j(graph: NewsGraph, batch_size, dry_run, uri, user, password, database, renamed=()) -> None:
    if dry_run:
        from newsgraph.loaders.neo4j import dry_run as plan

        for cypher, rows in plan(graph, batch_size):
            click.echo(f"// {rows} rows\n{cypher.strip()}\n")
        return
    from newsgraph.loaders.neo4j import dry_run as plan

    total = sum(rows for _, rows in plan(graph, batch_size))
    with neo4j_store(uri, user, password, database) as db:
        db.ensure_schema()
        if renamed:  # the nodes the analyst's aliases changed are written afresh from the store
            from newsgraph.loaders.neo4j_aliases import forget_named

            forget_named(db, list(renamed))
        with click.progressbar(length=total, label="loading", file=sys.stderr) as bar:
            counts = db.write_graph(graph, batch_size=batch_size, progress=bar.update)
    click.echo("loaded: " + ", ".join(f"{v} {k}" for k, v in counts.items()), err=True)


@main.command()
@click.argument("statement")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.option("-p", "--param", "params", type=Assignment(), multiple=True, metavar="NAME=VALUE",
              help="A query parameter (string).")
@neo4j_options
def cypher(statement, as_json, params, uri, user, password, database):
    """Run a read-only Cypher query on Neo4j and print the rows.

    \b
    newsgraph cypher "MATCH (p:Person)-[r:OPPOSES]->(x:Policy) RETURN p.name, x.name"
    newsgraph cypher "MATCH (n:Entity)-[:KNOWN_AS]->(:Name {key: \\$key}) RETURN n.name" -p key=alvarez
    """
    with neo4j_store(uri, user, password, database) as db:
        rows = db.run(statement, dict(params))
    click.echo(output.as_json(rows) if as_json else output.table(rows))


@main.command("browser-style")
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to FILE instead of standard output (- is standard output).")
def browser_style(out):
    """Write a Neo4j Browser style sheet (GraSS): a colour per label, names as captions.

    Apply it in Neo4j Browser with `:style` and drag the file in (see README).
    """
    from newsgraph.loaders.neo4j import browser_style as grass

    with atomic_output(out) as fh:
        fh.write(grass())


@main.command()
@click.argument("name", nargs=-1, metavar="[NAME]")
@click.option("--query", "query_name", type=QueryName(), default=None, metavar="QUERY",
              help="Draw what this named query answers; its arguments follow as NAME...")
@click.option("--actor", default=None, help="Draw this actor's neighbourhood (the same as giving NAME).")
@click.option("--depth", type=click.IntRange(1, 6), default=1, show_default=True)
@click.option("--top", type=click.IntRange(1, 1000), default=8, show_default=True,
              help="With nothing else asked: draw the claims of this many most connected actors.")
@click.option("--all", "everything", is_flag=True, help="Draw the whole graph.")
@click.option("--coalitions", "coalitions_", is_flag=True,
              help="Draw the coalitions (`query coalitions`): each group's stances, named in the title.")
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("graph.html"), show_default=True, help="The page (- is standard output).")
@store_option
@neo4j_switch
def view(name, query_name, actor, depth, top, everything, coalitions_, out, store_path, use_neo4j, uri, user,
         password, database):
    """Write a picture of the graph as one self-contained HTML page.

    With no NAME, the page shows the claims of the most connected actors (--top);
    NAME (or --actor NAME) shows one actor's neighbourhood; --query draws what a
    named query answers; --all draws everything. The page title says which.

    \b
    newsgraph view -o graph.html
    newsgraph view Alvarez --depth 2 -o alvarez.html
    newsgraph view --query who-opposes "fair rent" -o rent.html
    newsgraph view --all -o everything.html
    newsgraph view --coalitions -o coalitions.html
    """
    from newsgraph.loaders.view import render_html
    from newsgraph.queries.picture import Ask, picture

    ask = Ask(query_name, tuple(name), actor, depth, top, everything, coalitions_)
    ask.check()  # said before reading the store
    drawn = picture(read_graph(store_path, use_neo4j, uri, user, password, database), ask)
    if drawn.unmatched:
        no_match(drawn.unmatched)
    graph, title = drawn.graph, drawn.title
    with atomic_output(out) as fh:
        fh.write(render_html(graph, title=title))
    where = "standard output" if is_stdout(out) else out
    click.echo(f"wrote {where}: {title} ({len(graph)} nodes, {graph.number_of_relationships()} relationships)",
               err=True)


@main.command()
@click.option("--format", "fmt", required=True, type=click.Choice(["neo4j-admin", "graphml", "gexf", "jsonl"]))
@click.option("-o", "--output", "out", required=True, type=click.Path(path_type=Path),
              help="File (graphml, gexf, jsonl; - is standard output) or folder (neo4j-admin).")
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
    from newsgraph.graph.errors import ExportError
    from newsgraph.loaders.export import export as write

    if is_stdout(out) and fmt == "neo4j-admin":
        raise ExportError("neo4j-admin export writes a folder of files; give -o FOLDER")
    graph = read_graph(store_path, use_neo4j, uri, user, password, database)
    if is_stdout(out):
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"graph.{fmt}"
            write(graph, fmt, path)
            sys.stdout.flush()
            sys.stdout.buffer.write(path.read_bytes())
            sys.stdout.buffer.flush()
        return
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


# -- the analyst's aliases -------------------------------------------------------------------------

def aliases_option(f):
    return click.option("--aliases", "aliases_path", type=click.Path(dir_okay=False, path_type=Path),
                        envvar="NEWSGRAPH_ALIASES", show_envvar=True,
                        help="The aliases file [default: beside the store, STORE.aliases.yaml].")(f)


@main.group()
def alias():
    """The analyst's corrections to who is who: merge two actors, split a wrong merge, list them.

    They are kept in an aliases file (YAML; edit it by hand or keep it in version control:
    beside the store as newsgraph.aliases.yaml, or --aliases FILE / $NEWSGRAPH_ALIASES) and
    applied at once to the store, to every later build, and to Neo4j on `load`.

    \b
    newsgraph alias merge "property tax cap" "Measure 31"
    newsgraph alias split "property tax cap"
    newsgraph alias list
    """


def _aliases_path(store, aliases_path):
    from newsgraph.loaders.aliases_file import default_aliases_path

    return aliases_path or default_aliases_path(store.path)


@alias.command("merge")
@click.argument("name")
@click.argument("into")
@store_option
@aliases_option
def alias_merge(name, into, store_path, aliases_path):
    """NAME and INTO are one actor (INTO's name is kept); later articles that say NAME mean INTO.

    \b
    newsgraph alias merge "Tories" "Conservative Party"
    """
    from newsgraph.loaders.aliases_ops import merge

    with open_store(store_path) as store:
        change = merge(store, _aliases_path(store, aliases_path), name, into)
    click.echo(f"{change.summary} (in {_aliases_path(store, aliases_path)})", err=True)


@alias.command("split")
@click.argument("name")
@store_option
@aliases_option
def alias_split(name, store_path, aliases_path):
    """NAME joins no other actor: undoes `alias merge`, or a merge the resolver made.

    The store's articles are read again with the extractor that built it (a rebuild).

    \b
    newsgraph alias split "Tories"
    """
    from newsgraph.loaders.aliases_ops import split

    with open_store(store_path) as store:
        built = store.built_by()
        claim_model = built.get("claim_model", "")
        spec = extractor_spec(built.get("model") or None, built.get("extractor") or None,
                              "" if claim_model == "shipped" else claim_model)

        def reextract(articles):
            articles = list(articles)
            with progress(run_extraction(articles, spec, 1, "local", "local"), "re-reading") as bar:
                yield from bar
        path = _aliases_path(store, aliases_path)
        change = split(store, path, name, reextract)
    now = f"; {name!r} now names: {', '.join(change.names)}" if change.names else ""
    click.echo(f"{change.summary}{now} (in {path})", err=True)


@alias.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@store_option
@aliases_option
def alias_list(as_json, store_path, aliases_path):
    """The merges and splits in the aliases file, and which actor each name belongs to now."""
    from newsgraph.loaders.aliases_ops import listing

    with open_store(store_path, readonly=True) as store:
        rows = listing(store, _aliases_path(store, aliases_path))
    click.echo(output.as_json(rows) if as_json else output.table(rows, ("rule", "name", "into", "now")))


# -- the claim model: train and evaluate ---------------------------------------------------------

@main.command()
@click.argument("gold", nargs=-1, required=True)
@click.option("-o", "--output", "out", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="The model folder to write (model.json and meta.json).")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed for the folds and the learner.")
@click.option("--cv", type=click.IntRange(0, 20), default=5, show_default=True,
              help="Also cross-validate by article with this many folds and record the scores (0: no).")
@model_option
def train(gold, out, seed, cv, model):
    """Fit the claim model on gold-format articles (ONTOLOGY.md), so newsgraph reads your beat.

    \b
    newsgraph train my-annotations/ -o my-model
    newsgraph extract articles/ --claim-model my-model -o claims.jsonl
    """
    from newsgraph.extractors import load_model, model_name
    from newsgraph.extractors.training import train as fit_model

    fitted = fit_model(list(gold), load_model(model), model_name(model), seed=seed, cv=cv)
    fitted.save(out)
    data = fitted.meta["training_data"]
    click.echo(f"trained on {data['articles']} articles ({data['pairs']} candidate pairs, {data['positives']} "
               f"gold claims found): {out}", err=True)
    for name, s in fitted.meta["scores"].items():
        click.echo(f"{name}: typed F1 {s['typed']['f1']:.3f} (P {s['typed']['precision']:.3f} R "
                   f"{s['typed']['recall']:.3f}), untyped F1 {s['untyped']['f1']:.3f}, entities F1 "
                   f"{s['entities']['f1']:.3f}", err=True)


@main.command()
@click.argument("gold", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@extractor_options
def evaluate(gold, as_json, model, extractor, claim_model):
    """Precision, recall and F1 of extraction on gold-format articles (typed, untyped, entities, per type).

    \b
    newsgraph evaluate my-annotations/
    newsgraph evaluate my-annotations/ --claim-model my-model --json
    newsgraph evaluate my-annotations/ --extractor rules
    """
    from newsgraph.extractors import build_extractor
    from newsgraph.extractors.evaluation import calibration, score
    from newsgraph.extractors.gold import read_gold

    golds = read_gold(gold)
    spec = extractor_spec(model, extractor, claim_model)
    found = list(build_extractor(spec).extract(g.article for g in golds))
    scores = score(golds, found)
    cal = calibration(golds, found)
    if as_json:
        click.echo(output.as_json({**scores.to_dict(), "precision_at_confidence": cal}))
        return
    rows = [{"what": w, **getattr(scores, w).to_dict()} for w in ("typed", "untyped", "entities")]
    rows += [{"what": r, **c.to_dict()} for r, c in scores.per_type.items()]
    click.echo(output.table(rows, ("what", "precision", "recall", "f1", "tp", "fp", "fn")))
    click.echo("typed precision of claims at confidence >= " +
               ", ".join(f"{k}: {v['precision']:.3f} ({v['claims']} claims)" for k, v in cal.items()))
    click.echo(f"{scores.articles} articles, extractor {spec.extractor}", err=True)
