"""What `newsgraph view` draws: the part of the graph that answers what the user asked, and
the question as the page's title.

One of: a named query's answer (`--query`), an actor's neighbourhood (NAME), the whole graph
(`--all`), the coalitions' stances (`--coalitions`), or, with nothing asked, the typed claims of
the most connected actors.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from newsgraph.graph import RELATED_TO, NewsGraph, QueryError

from .answer import GraphBackend, resolve
from .library import bind, select
from .matching import Match, match_name

# The first view of a store: this many of its most connected actors, with their claims.
TOP_ACTORS = 8
QUESTIONS = {  # the page title: the question the picture answers
    "who-opposes": ("Who opposes {0}?", "Who opposes which policy?"),
    "who-supports": ("Who supports {0}?", "Who supports which policy?"),
    "funders": ("Who funds {0}?", "Who funds whom?"),
    "critics": ("Who criticizes {0}?", "Who criticizes whom?"),
    "profile": ("Everything about {0}", "Everything"),
    "path": ("How {0} and {1} are connected", ""),
}


@dataclass(frozen=True)
class Ask:
    """What the user asked to see (checked by `check` before any store is read)."""

    query: str | None = None  # a named query, its arguments in `names`
    names: tuple[str, ...] = ()
    actor: str | None = None
    depth: int = 1
    top: int = TOP_ACTORS
    everything: bool = False
    coalitions: bool = False

    def check(self) -> None:
        """One thing asked, the right number of names: else a QueryError saying what is wrong."""
        asked = [x for x in (self.query and "--query", (self.actor or (self.names and not self.query)) and "NAME",
                             self.everything and "--all", self.coalitions and "--coalitions") if x]
        if len(asked) > 1:
            raise QueryError(f"view draws one thing: give only one of {' / '.join(asked)}")
        if self.actor and self.names:
            raise QueryError("give the actor once: NAME or --actor NAME")
        if not self.query and len(self.names) > 1:
            raise QueryError(f"view takes one NAME, got {len(self.names)} (quote a name with spaces; "
                             "--query takes several)")
        if self.query:
            bind(self.query, self.names)  # an unknown query or wrong arguments


@dataclass
class Picture:
    graph: NewsGraph
    title: str
    unmatched: list[Match] = field(default_factory=list)  # names that matched nothing: nothing drawn


def picture(graph: NewsGraph, ask: Ask) -> Picture:
    """The part of `graph` that answers `ask`, and its title."""
    ask.check()
    backend = GraphBackend(graph)
    if ask.query:
        runs, matches = resolve(ask.query, ask.names, backend)
        unmatched = [m for m in matches if not m.keys]
        if unmatched:
            return Picture(NewsGraph(), "", unmatched)
        rels = {r.id: r for bound in runs for r in select(ask.query, graph, **bound)}
        shown = [" / ".join(m.names) for m in matches]
        question, whole = QUESTIONS.get(ask.query, (ask.query, ask.query))
        return Picture(graph.subgraph(rels.values()), question.format(*shown) if shown else whole)
    if ask.actor or ask.names:
        m = match_name(ask.actor or ask.names[0], backend.names())
        if not m.keys:
            return Picture(NewsGraph(), "", [m])
        steps = f"{ask.depth} step{'s' if ask.depth > 1 else ''}"
        return Picture(graph.neighbourhood(graph.named(m.keys), ask.depth),
                       f"{' / '.join(m.names)}: claims within {steps}")
    if ask.everything:
        return Picture(graph, "The whole graph")
    if ask.coalitions:
        from .stance_answer import coalition_claims  # numpy and scipy: only when asked

        stances, groups = coalition_claims(graph)
        named = "; ".join(f"{c['name']} ({c['size']})" for c in groups) or "none found"
        return Picture(graph.subgraph(stances), f"Coalitions: {named}")
    return Picture(most_connected(graph, ask.top), f"The {ask.top} most connected actors and their claims")


def most_connected(graph: NewsGraph, n: int = TOP_ACTORS) -> NewsGraph:
    """The typed claims of the `n` actors in the most of them (a first view worth looking at: the
    whole graph of a real store is a hairball with unreadable captions). RELATED_TO, the claims
    that fit no type, are left to the views that ask for them."""
    claims = [r for r in graph.relationships() if r.relation != RELATED_TO and r.subject != r.object]
    degree: Counter[str] = Counter()
    for rel in claims:
        degree[rel.subject] += 1
        degree[rel.object] += 1
    top = {nid for nid, _ in sorted(degree.items(), key=lambda kv: (-kv[1], graph.node(kv[0]).name))[:n]}
    return graph.subgraph([r for r in claims if r.subject in top or r.object in top])
