// name: path
// answers: how two actors are connected: the shortest chain of claims, direction ignored, up to 6 hops
// params: $a, $b: newsgraph.graph.normalize(user text) of each end, looked up by :Name(key)
// rows: step (1..n), subject, relation, object, sentence; each hop in its true direction, the
//       strongest claim (then lowest id) where two nodes share several
MATCH (a:Entity)-[:KNOWN_AS]->(:Name {key: $a})
MATCH (b:Entity)-[:KNOWN_AS]->(:Name {key: $b}) WHERE b <> a
MATCH p = shortestPath((a)-[:SUPPORTS|OPPOSES|CRITICIZES|ACCUSES|THREATENS|PROPOSES|APPROVES|FUNDS|TARGETS|INVESTIGATES|AFFILIATED_WITH|RELATED_TO*..6]-(b))
WITH p, a, b ORDER BY length(p), a.id, b.id LIMIT 1
UNWIND range(0, length(p) - 1) AS i
WITH i, nodes(p)[i] AS u, nodes(p)[i + 1] AS v
MATCH (u)-[r:SUPPORTS|OPPOSES|CRITICIZES|ACCUSES|THREATENS|PROPOSES|APPROVES|FUNDS|TARGETS|INVESTIGATES|AFFILIATED_WITH|RELATED_TO]-(v)
WITH i, r ORDER BY i, r.confidence DESC, r.id
WITH i, collect(r)[0] AS r
RETURN i + 1 AS step, startNode(r).name AS subject, type(r) AS relation, endNode(r).name AS object,
       coalesce(r.ev_sentences[0], '') AS sentence
ORDER BY step
