// title: Coverage of each outcome
// group: coverage
// description: >-
//   For each ILO outcome: the projects that serve it, an outcome below it or
//   an outcome it maps to,
//   the budget, expenditure and contributions reports state for it, the evaluations that
//   assessed it (by evaluating a project or programme that serves it, the
//   programme it belongs to, or by rating it or stating money for it) and the
//   recommendations those evaluations make. An amount no document states is
//   empty (unknown), never zero.
// parameters:
//   country: {type: string, default: "", description: "ISO 3166 alpha-3 code of the outcome's programme's country (LAO); empty for all"}
//   kind: {type: string, default: "", description: "outcome kind (country programme outcome, DWCP outcome, P&B outcome, priority, project outcome); empty for all"}
// columns: [outcome, kind, programme, projects, budget, expenditure, contributions, currencies, evaluations, recommendations]
MATCH (o:Outcome)
WHERE $kind = '' OR o.kind = $kind
OPTIONAL MATCH (o)-[:PART_OF*1..5]->(g:Programme)
WITH o, min(g.id) AS programme
WHERE $country = '' OR EXISTS { MATCH (:Programme {id: programme})-[:COVERS]->(:Country {id: $country}) }
OPTIONAL MATCH (p:Project)-[:CONTRIBUTES_TO]->(:Outcome)-[:MAPS_TO*0..1]-(:Outcome)-[:PART_OF*0..4]->(o)
WITH o, programme, count(DISTINCT p) AS projects
OPTIONAL MATCH (f:Funding)-[:FUNDS]->(o)
WITH o, programme, projects, sum(CASE WHEN f.kind = 'budget' THEN f.amount END) AS budget, count(CASE WHEN f.kind = 'budget' THEN 1 END) AS budgets,
     sum(CASE WHEN f.kind = 'expenditure' THEN f.amount END) AS expenditure, count(CASE WHEN f.kind = 'expenditure' THEN 1 END) AS spent,
     sum(CASE WHEN f.kind = 'contribution' THEN f.amount END) AS contributions, count(CASE WHEN f.kind = 'contribution' THEN 1 END) AS given,
     collect(DISTINCT f.currency) AS currencies
OPTIONAL MATCH (e1:Evaluation)-[:EVALUATES|STATES]->()-[:CONTRIBUTES_TO|RATES|FUNDS]->(:Outcome)-[:PART_OF*0..4]->(o)
WITH o, programme, projects, budget, budgets, expenditure, spent, contributions, given, currencies, collect(e1.id) AS by_work
OPTIONAL MATCH (o)-[:PART_OF*1..5]->(:Programme)<-[:EVALUATES]-(e2:Evaluation)
WITH o, programme, projects, budget, budgets, expenditure, spent, contributions, given, currencies, by_work, collect(e2.id) AS by_programme
UNWIND by_work + by_programme + [''] AS ev
OPTIONAL MATCH (:Evaluation {id: ev})-[:MAKES]->(r:Recommendation)
WITH o, programme, projects, budget, budgets, expenditure, spent, contributions, given, currencies,
     count(DISTINCT CASE WHEN ev <> '' THEN ev END) AS evaluations, count(DISTINCT r) AS recommendations
RETURN o.id AS outcome, o.kind AS kind, programme, projects,
       CASE WHEN budgets = 0 THEN NULL ELSE budget END AS budget,
       CASE WHEN spent = 0 THEN NULL ELSE expenditure END AS expenditure,
       CASE WHEN given = 0 THEN NULL ELSE contributions END AS contributions, currencies, evaluations, recommendations
ORDER BY outcome
