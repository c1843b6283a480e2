// name: who-supports
// answers: which actors support which policies (or the policy named by $key), with evidence
// params: $key: newsgraph.graph.normalize(user text) naming the object (the policy); null for all
//   (lines ending in `// with $key` are left out when $key is null: the lookup is an index seek on :Name(key))
// rows: subject, subject_type, relation, object, object_type, role, confidence, evidence, articles, sentence
MATCH (o:Entity)-[:KNOWN_AS]->(:Name {key: $key})  // with $key
MATCH (s:Entity)-[r:SUPPORTS]->(o:Entity)
RETURN s.name AS subject, s.label AS subject_type, type(r) AS relation,
       o.name AS object, o.label AS object_type, coalesce(r.role, '') AS role,
       round(coalesce(r.confidence, 0.0), 3) AS confidence, size(coalesce(r.ev_articles, [])) AS evidence,
       coalesce(r.articles, []) AS articles, coalesce(r.ev_sentences[0], '') AS sentence
ORDER BY subject, subject_type, relation, object, object_type, r.id
