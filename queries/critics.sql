-- name: critics
-- answers: who criticizes or accuses whom (or the actor named by :key)
-- params: :key: newsgraph.graph.normalize(user text) naming the object (the criticized actor); null for all
--   (lines ending in `-- with :key` are left out when :key is null: the lookup is a seek on match_keys)
-- rows: id of each claim, in id order; Store.claims reads them (evidence, ends) into the query's rows
SELECT r.id FROM relationships r
WHERE r.relation IN ('CRITICIZES', 'ACCUSES')
  AND r.object IN (SELECT node FROM match_keys WHERE key = :key)  -- with :key
ORDER BY r.id
