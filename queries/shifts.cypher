// name: shifts
// answers: actors whose stance on a policy or actor (the one named by $key, or any) changed: SUPPORTS then OPPOSES, or the reverse, between two dated articles
// params: $key: newsgraph.graph.normalize(user text) naming the target; null for all;
//   $since, $until: ISO days bounding the articles' dates (inclusive), or null
// rows: subject, subject_type, object, object_type, before, before_date, after, after_date, articles ([before's, after's]), before_sentence, after_sentence
MATCH (o:Entity)-[:KNOWN_AS]->(:Name {key: $key})  // with $key
MATCH (s:Entity)-[r:SUPPORTS|OPPOSES]->(o:Entity)
UNWIND r.ev_articles AS aid
WITH DISTINCT s, r, o, aid
MATCH (a:Article {id: aid})
WITH s, r, o, aid, toString(a.date) AS day,
     [i IN range(0, size(r.ev_articles) - 1) WHERE r.ev_articles[i] = aid][0] AS first
WHERE day IS NOT NULL AND ($since IS NULL OR day >= $since) AND ($until IS NULL OR day <= $until)
// statements in date order, then each one beside the one before it
WITH s, o, {relation: type(r), date: day, article: aid, sentence: r.ev_sentences[first]} AS st
ORDER BY st.date, st.relation, st.article
WITH s, o, collect(st) AS sts
UNWIND range(1, size(sts) - 1) AS i
WITH s, o, sts[i - 1] AS before, sts[i] AS after
WHERE before.relation <> after.relation AND before.date < after.date
RETURN s.name AS subject, s.label AS subject_type, o.name AS object, o.label AS object_type,
       before.relation AS before, before.date AS before_date, after.relation AS after, after.date AS after_date,
       [before.article, after.article] AS articles, before.sentence AS before_sentence, after.sentence AS after_sentence
ORDER BY subject, subject_type, object, object_type, after_date, before_date
