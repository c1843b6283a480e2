// name: critics
// answers: who criticizes or accuses whom (or the actor named by $key)
// params: $key: newsgraph.graph.normalize(user text) matching the object (the criticized actor); null for all
// rows: subject, subject_type, relation, object, object_type, role, confidence, evidence, articles, sentence
MATCH (s:Entity)-[r:CRITICIZES|ACCUSES]->(o:Entity)
WHERE $key IS NULL OR $key IN o.keys
RETURN s.name AS subject, s.label AS subject_type, type(r) AS relation,
       o.name AS object, o.label AS object_type, coalesce(r.role, '') AS role,
       round(coalesce(r.confidence, 0.0), 3) AS confidence, size(coalesce(r.ev_articles, [])) AS evidence,
       coalesce(r.articles, []) AS articles, coalesce(r.ev_sentences[0], '') AS sentence
ORDER BY subject, subject_type, relation, object, object_type, r.id
