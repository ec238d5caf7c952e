// title: Money by outcome and kind
// group: coverage
// description: >-
//   The money facts reports state, summed per thing funded (an outcome,
//   project, programme or UNDAF outcome), kind (budget, expenditure,
//   contribution) and currency, largest first, with the periods they cover
//   and the evaluations that state them.
// parameters:
//   kind: {type: string, default: "", choices: [budget, expenditure, contribution], description: "budget, expenditure or contribution; empty for all"}
// columns: [funded, name, kind, amount, currency, periods, facts, stated_by]
MATCH (m:Funding)-[:FUNDS]->(x)
WHERE $kind = '' OR m.kind = $kind
OPTIONAL MATCH (e:Evaluation)-[:STATES]->(m)
WITH x, m.kind AS kind, m.currency AS currency, sum(m.amount) AS amount, collect(DISTINCT m.period) AS periods,
     count(DISTINCT m) AS facts, collect(DISTINCT e.id) AS stated_by
RETURN x.id AS funded, coalesce(x.name, x.code, x.text) AS name, kind, amount, currency, periods, facts, stated_by
ORDER BY amount DESC, funded, kind
