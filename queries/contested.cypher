// name: contested
// answers: pairs with opposite stances stated: X SUPPORTS Y in one article, X OPPOSES Y in another (about the actor or policy named by $key, at either end, or all)
// params: $key: newsgraph.graph.normalize(user text) naming either end; null for all;
//   $since, $until: ISO days bounding the articles' dates (inclusive), or null (undated articles are then left out)
// rows: subject, subject_type, object, object_type, supports (article ids, oldest first), opposes (the same), supports_sentence, opposes_sentence (each side's oldest)
MATCH (n:Entity)-[:KNOWN_AS]->(:Name {key: $key})  // with $key
WITH DISTINCT n  // with $key
MATCH (s:Entity)-[r:SUPPORTS|OPPOSES]->(o:Entity)
WHERE s = n OR o = n  // with $key
UNWIND r.ev_articles AS aid
WITH DISTINCT s, r, o, aid
OPTIONAL MATCH (a:Article {id: aid})
WITH s, r, o, aid, CASE WHEN a.date IS NULL THEN '' ELSE toString(a.date) END AS day,
     [i IN range(0, size(r.ev_articles) - 1) WHERE r.ev_articles[i] = aid][0] AS first
WHERE ($since IS NULL OR (day <> '' AND day >= $since)) AND ($until IS NULL OR (day <> '' AND day <= $until))
WITH s, r, o, aid, r.ev_sentences[first] AS sentence
ORDER BY CASE WHEN day = '' THEN '~' ELSE day END, aid
WITH s, o, type(r) AS relation, collect(aid) AS articles, collect(sentence) AS sentences
WITH s, o, collect({relation: relation, articles: articles, sentence: sentences[0]}) AS sides
WHERE size(sides) = 2
WITH s, o, [x IN sides WHERE x.relation = 'SUPPORTS'][0] AS sup, [x IN sides WHERE x.relation = 'OPPOSES'][0] AS opp
RETURN s.name AS subject, s.label AS subject_type, o.name AS object, o.label AS object_type,
       sup.articles AS supports, opp.articles AS opposes, sup.sentence AS supports_sentence, opp.sentence AS opposes_sentence
ORDER BY subject, subject_type, object, object_type
