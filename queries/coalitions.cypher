// name: coalitions
// answers: the actor-stance graph coalitions are found in: every SUPPORTS/OPPOSES claim (on the target named by $key); newsgraph groups the actors (Louvain, queries/coalitions.py)
// params: $key: newsgraph.graph.normalize(user text) naming the target; null for all
// rows: subject_id, subject, subject_type, relation, object_id, object
MATCH (o:Entity)-[:KNOWN_AS]->(:Name {key: $key})  // with $key
MATCH (s:Entity)-[r:SUPPORTS|OPPOSES]->(o:Entity)
RETURN s.id AS subject_id, s.name AS subject, s.label AS subject_type, type(r) AS relation,
       o.id AS object_id, o.name AS object
ORDER BY subject_id, relation, object_id
