-- name: profile
-- answers: everything the graph holds about the actor named by :key, as subject or object (every type, RELATED_TO too)
-- params: :key: newsgraph.graph.normalize(user text) naming either end; null for all
--   (lines ending in `-- with :key` are left out when :key is null: the lookup is a seek on match_keys)
-- rows: id of each claim, in id order; Store.claims reads them (evidence, ends) into the query's rows
SELECT r.id FROM relationships r
WHERE r.subject IN (SELECT node FROM match_keys WHERE key = :key)  -- with :key
   OR r.object IN (SELECT node FROM match_keys WHERE key = :key)  -- with :key
ORDER BY r.id
