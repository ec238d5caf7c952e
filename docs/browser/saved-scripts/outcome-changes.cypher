// Outcome codes that changed between biennia
// kg canned query outcome-changes (coverage); set its parameters first:
// :param row_limit => 100;
MATCH (a:Outcome)-[m:MAPS_TO]->(b:Outcome)
WHERE a.kind = b.kind AND coalesce(a.biennium, '') <> coalesce(b.biennium, '')
WITH a, b, m, COUNT { MATCH (a)-[:MAPS_TO]->(x:Outcome) WHERE x.kind = a.kind } AS outgoing,
     COUNT { MATCH (b)<-[:MAPS_TO]-(y:Outcome) WHERE y.kind = b.kind } AS incoming
RETURN a.id AS outcome, a.biennium AS biennium, a.text AS text, b.id AS becomes, b.biennium AS new_biennium,
       b.text AS new_text,
       CASE WHEN outgoing > 1 THEN 'split' WHEN incoming > 1 THEN 'merged' ELSE 'renumbered' END AS change,
       m.basis AS basis
ORDER BY outcome, becomes
LIMIT $row_limit
