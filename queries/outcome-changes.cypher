// title: Outcome codes that changed between biennia
// group: coverage
// description: >-
//   Outcomes that a report maps to an outcome of the same kind in another
//   biennium: renumbered (one to one), split (one to several) or merged
//   (several to one); with both texts, so a reader can follow an outcome
//   from one programme-and-budget period to the next.
// parameters: {}
// columns: [outcome, biennium, text, becomes, new_biennium, new_text, change, basis]
MATCH (a:Outcome)-[m:MAPS_TO]->(b:Outcome)
WHERE a.kind = b.kind AND coalesce(a.biennium, '') <> coalesce(b.biennium, '')
WITH a, b, m, COUNT { MATCH (a)-[:MAPS_TO]->(x:Outcome) WHERE x.kind = a.kind } AS outgoing,
     COUNT { MATCH (b)<-[:MAPS_TO]-(y:Outcome) WHERE y.kind = b.kind } AS incoming
RETURN a.id AS outcome, a.biennium AS biennium, a.text AS text, b.id AS becomes, b.biennium AS new_biennium,
       b.text AS new_text,
       CASE WHEN outgoing > 1 THEN 'split' WHEN incoming > 1 THEN 'merged' ELSE 'renumbered' END AS change,
       m.basis AS basis
ORDER BY outcome, becomes
