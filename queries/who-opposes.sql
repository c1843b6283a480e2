-- name: who-opposes
-- answers: which actors oppose which policies (or the policy named by :key), with evidence
-- params: :key: newsgraph.graph.normalize(user text) naming the object (the policy); null for all
--   (lines ending in `-- with :key` are left out when :key is null: the lookup is a seek on match_keys)
-- rows: id of each claim, in id order; Store.claims reads them (evidence, ends) into the query's rows
SELECT r.id FROM relationships r
WHERE r.relation IN ('OPPOSES')
  AND r.object IN (SELECT node FROM match_keys WHERE key = :key)  -- with :key
ORDER BY r.id
