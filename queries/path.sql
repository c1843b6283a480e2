-- name: path
-- answers: how two actors are connected: the shortest chain of claims, direction ignored, up to 6 hops
-- params: each statement's own (below); the walk itself is library.walk, a level at a time
-- rows: see each statement; sql.py turns the chain's hops into the query's rows
-- statement: ends
-- the nodes a key names (:key normalized, as for the other queries), in id order
SELECT node FROM match_keys WHERE key = :key ORDER BY node
-- statement: neighbours
-- every node joined by a claim to a node of :level (a JSON list of node ids), either direction
SELECT subject AS node, object AS neighbour FROM relationships
WHERE subject IN (SELECT value FROM json_each(:level))
UNION
SELECT object AS node, subject AS neighbour FROM relationships
WHERE object IN (SELECT value FROM json_each(:level))
ORDER BY node, neighbour
-- statement: hop
-- the claims between nodes :u and :v, either direction
SELECT id FROM relationships WHERE subject = :u AND object = :v
UNION
SELECT id FROM relationships WHERE subject = :v AND object = :u
