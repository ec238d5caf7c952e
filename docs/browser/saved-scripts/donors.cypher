// Donor portfolios
// kg canned query donors (coverage); set its parameters first:
// :param donor => '';
// :param row_limit => 100;
MATCH (d:Organization)
WHERE ($donor = '' OR d.id = $donor OR d.acronym = $donor)
  AND EXISTS { MATCH (d)<-[:FUNDED_BY|PROVIDED_BY]-() }
OPTIONAL MATCH (d)<-[l:FUNDED_BY]-(:Project|Programme)
WITH d, sum(l.amount) AS linked, count(l.amount) AS linked_known, collect(DISTINCT l.currency) AS linked_currencies
OPTIONAL MATCH (d)<-[:PROVIDED_BY]-(m:Funding)
WITH d, linked, linked_known, linked_currencies, sum(m.amount) AS provided, count(m) AS provided_known,
     collect(DISTINCT m.currency) AS provided_currencies
UNWIND linked_currencies + provided_currencies + [''] AS cur
WITH d, CASE WHEN linked_known + provided_known = 0 THEN NULL
             ELSE coalesce(linked, 0) + coalesce(provided, 0) END AS amount,
     collect(DISTINCT CASE WHEN cur <> '' THEN cur END) AS currencies
OPTIONAL MATCH (d)<-[:FUNDED_BY]-(:Project|Programme)-[:CONTRIBUTES_TO]->(o:Outcome)
WITH d, amount, currencies, collect(DISTINCT o.id) AS outcomes
OPTIONAL MATCH (d)<-[:FUNDED_BY]-(x:Project|Programme)
WITH d, amount, currencies, outcomes, collect(DISTINCT x.id) AS funds
RETURN d.id AS donor, d.name AS name, d.country AS country, funds, outcomes, amount, currencies
ORDER BY size(funds) DESC, donor
LIMIT $row_limit
