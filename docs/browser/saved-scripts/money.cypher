// Money by outcome and kind
// kg canned query money (coverage); set its parameters first:
// :param kind => '';
// :param row_limit => 100;
MATCH (m:Funding)-[:FUNDS]->(x)
WHERE $kind = '' OR m.kind = $kind
OPTIONAL MATCH (e:Evaluation)-[:STATES]->(m)
WITH x, m.kind AS kind, m.currency AS currency, sum(m.amount) AS amount, collect(DISTINCT m.period) AS periods,
     count(DISTINCT m) AS facts, collect(DISTINCT e.id) AS stated_by
RETURN x.id AS funded, coalesce(x.name, x.code, x.text) AS name, kind, amount, currency, periods, facts, stated_by
ORDER BY amount DESC, funded, kind
LIMIT $row_limit
