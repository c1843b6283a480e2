// name: timeline
// answers: the claims of the actor named by $key (on the target named by $object), one row per stating article, in date order (undated last)
// params: $key: newsgraph.graph.normalize(user text) naming the subject; $object: the same for the object, or null for any;
//   $since, $until: ISO days ('2026-10-01') bounding the articles' dates (inclusive), or null (undated articles are then left out)
// rows: date ('' when undated), subject, subject_type, relation, object, object_type, confidence (the article's strongest), articles ([the article]), sentence (its first)
MATCH (s:Entity)-[:KNOWN_AS]->(:Name {key: $key})
MATCH (o:Entity)-[:KNOWN_AS]->(:Name {key: $object})  // with $object
MATCH (s)-[r:SUPPORTS|OPPOSES|CRITICIZES|ACCUSES|THREATENS|PROPOSES|APPROVES|FUNDS|TARGETS|INVESTIGATES|AFFILIATED_WITH|RELATED_TO]->(o:Entity)
WHERE type(r) <> 'RELATED_TO'  // a claim that fits no type states no stance
UNWIND r.ev_articles AS aid
WITH DISTINCT s, r, o, aid
OPTIONAL MATCH (a:Article {id: aid})
WITH s, r, o, aid, CASE WHEN a.date IS NULL THEN '' ELSE toString(a.date) END AS day,
     [i IN range(0, size(r.ev_articles) - 1) WHERE r.ev_articles[i] = aid] AS idx
WHERE ($since IS NULL OR (day <> '' AND day >= $since)) AND ($until IS NULL OR (day <> '' AND day <= $until))
RETURN day AS date, s.name AS subject, s.label AS subject_type, type(r) AS relation,
       o.name AS object, o.label AS object_type,
       round(reduce(m = 0.0, i IN idx | CASE WHEN r.ev_confidences[i] > m THEN r.ev_confidences[i] ELSE m END), 3) AS confidence,
       [aid] AS articles, r.ev_sentences[idx[0]] AS sentence
ORDER BY CASE WHEN day = '' THEN '~' ELSE day END, subject, subject_type, relation, object, object_type, aid
