"""Coalitions: groups of actors who take the same stances, found by community detection.

The actor-stance graph joins two actors by how often they agree (both SUPPORTS or both OPPOSES the
same policy or actor) less how often they disagree (each actor keeping its 25 strongest such edges);
networkx's Louvain method, with a fixed seed, finds its communities. Each group is named by its most central members (the most agreement
within the group) and listed with the targets most of its members back or oppose.

The stances are read the same way on every store (the Cypher twin, `coalitions.cypher`, returns
the stance edges `stance_edges` gives); the grouping runs here for both, since Louvain is not
Cypher (Neo4j's is a GDS plugin, which a Community server does not have).
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any

from .stances import STANCES, Claims, StanceQuery, _claims

SEED = 0  # Louvain is randomized: a fixed seed gives the same groups on every run and store
MIN_MEMBERS = 2  # a "group" of one is no coalition
NAMED_BY = 2  # members named in a group's name
SIGN = {"SUPPORTS": 1, "OPPOSES": -1}
NEIGHBOURS = 25  # agreement edges an actor keeps (its strongest); see _agreement


def stance_edges(graph: Claims, key: str | None = None, **_: str | None) -> list[dict]:
    """Every SUPPORTS/OPPOSES claim (on the target named by `key`), as the Cypher twin returns it."""
    rows = [{"subject_id": r.subject, "subject": graph.node(r.subject).name,
             "subject_type": graph.node(r.subject).label, "relation": r.relation,
             "object_id": r.object, "object": graph.node(r.object).name}
            for r in _claims(graph, STANCES, object=key)]
    return sorted(rows, key=lambda r: (r["subject_id"], r["relation"], r["object_id"]))


def coalitions(edges: list[dict]) -> list[dict]:
    """Groups of actors from stance edges (see the module docstring), biggest first."""
    stance: dict[str, dict[str, int]] = defaultdict(dict)  # actor -> target -> +1 / -1 (0: both said)
    names: dict[str, str] = {}
    targets: dict[str, str] = {}
    for e in sorted(edges, key=lambda e: (e["subject_id"], e["relation"], e["object_id"])):
        names[e["subject_id"]], targets[e["object_id"]] = e["subject"], e["object"]
        sign = SIGN[e["relation"]]
        old = stance[e["subject_id"]].get(e["object_id"])
        stance[e["subject_id"]][e["object_id"]] = sign if old is None or old == sign else 0
    import networkx as nx  # here: the other stance queries need neither it nor numpy and scipy

    g = nx.Graph()
    g.add_nodes_from(sorted(stance))
    g.add_weighted_edges_from(_agreement(stance))
    groups: list[dict[str, Any]] = []
    for community in nx.community.louvain_communities(g, weight="weight", seed=SEED):
        members = sorted(community)
        if len(members) < MIN_MEMBERS:
            continue
        strength = {m: sum(g[m][o]["weight"] for o in g[m] if o in community) for m in members}
        ranked = sorted(members, key=lambda m: (-strength[m], names[m], m))
        backs, opposes = _shared(ranked, stance, targets)
        groups.append({"name": " & ".join(names[m] for m in ranked[:NAMED_BY]),
                       "members": [names[m] for m in ranked], "size": len(ranked),
                       "backs": backs, "opposes": opposes})
    groups.sort(key=lambda c: (-c["size"], c["name"]))
    return [{"coalition": i, **c} for i, c in enumerate(groups, start=1)]


def _agreement(stance: dict[str, dict[str, int]]) -> list[tuple[str, str, int]]:
    """The edges of the actor graph: (a, b, agreements less disagreements) where that is positive,
    each actor keeping its NEIGHBOURS strongest (an edge stays when either end keeps it).

    The weights are one sparse product, S S^T over the actor-by-target matrix of +1/-1 stances
    (pairs counted per target would be quadratic in a popular target's actors); the cap keeps
    Louvain's graph at most NEIGHBOURS edges an actor when thousands take the same side.
    """
    actors = sorted(stance)
    targets = sorted({t for sides in stance.values() for t, sign in sides.items() if sign})
    col = {t: j for j, t in enumerate(targets)}
    cells = [(i, col[t], sign) for i, a in enumerate(actors) for t, sign in stance[a].items() if sign]
    if not cells:
        return []
    import numpy as np
    from scipy import sparse

    rows, cols, signs = zip(*cells)
    s = sparse.csr_matrix((signs, (rows, cols)), shape=(len(actors), len(targets)), dtype=np.int64)
    w = (s @ s.T).tocoo()
    near: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for i, j, v in zip(w.row.tolist(), w.col.tolist(), w.data.tolist()):
        if i != j and v > 0:
            near[i].append((-v, j))
    kept: set[tuple[int, int]] = set()
    for i, others in near.items():
        for _, j in sorted(others)[:NEIGHBOURS]:
            kept.add((min(i, j), max(i, j)))
    weight = {(i, j): int(v) for i, j, v in zip(w.row.tolist(), w.col.tolist(), w.data.tolist())}
    return [(actors[i], actors[j], weight[(i, j)]) for i, j in sorted(kept)]


def _shared(members: list[str], stance: dict[str, dict[str, int]], targets: dict[str, str]) -> tuple[list[str], list[str]]:
    """The targets at least two members back (or oppose), and more of them than take the other side."""
    count: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for m in members:
        for target, sign in stance[m].items():
            if sign:
                count[target][0 if sign > 0 else 1] += 1
    backs = [t for t, (p, n) in count.items() if p >= MIN_MEMBERS and p > n]
    opposes = [t for t, (p, n) in count.items() if n >= MIN_MEMBERS and n > p]

    def order(ts: list[str], side: int) -> list[str]:
        return [targets[t] for t in sorted(ts, key=lambda t: (-count[t][side], targets[t], t))]
    return order(backs, 0), order(opposes, 1)


COALITIONS = StanceQuery("coalitions", "groups of actors who take the same stances (on POLICY), with what "
                         "each group backs and opposes", ("key",), 0, ("POLICY",), STANCES, ("object",), stance_edges)
