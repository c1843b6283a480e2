-- name: names
-- answers: the nodes a user's text may name (matching.py's NameIndex, on the embedded store)
-- rows: id, name, key, folded: one row per key of each node found (a node without keys: one row, key null)
-- statement: exact
SELECT n.id, n.name, k.key, k.folded FROM nodes n LEFT JOIN match_keys k ON k.node = n.id
WHERE n.id IN (SELECT node FROM match_keys WHERE key = :key)
ORDER BY n.id, k.key
-- statement: prefixed
-- :word and :past bound the words that start with :word (:past = :word + U+10FFFF): a range seek
SELECT n.id, n.name, k.key, k.folded FROM nodes n LEFT JOIN match_keys k ON k.node = n.id
WHERE n.id IN (SELECT node FROM match_words WHERE word >= :word AND word < :past)
ORDER BY n.id, k.key
-- statement: nodes
-- the ids of the nodes with key :key (a matched name), in id order
SELECT node FROM match_keys WHERE key = :key ORDER BY node
-- statement: everything
SELECT n.id, n.name, k.key, k.folded FROM nodes n LEFT JOIN match_keys k ON k.node = n.id
ORDER BY n.id, k.key
