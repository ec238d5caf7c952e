// Coverage of each outcome
// kg canned query coverage-outcomes (coverage); set its parameters first:
// :param country => '';
// :param kind => '';
// :param row_limit => 100;
MATCH (o:Outcome)
WHERE $kind = '' OR o.kind = $kind
OPTIONAL MATCH (o)-[:PART_OF]->(g0:Programme)
OPTIONAL MATCH (o)-[:PART_OF]->(:Outcome)-[:PART_OF]->(g1:Programme)
OPTIONAL MATCH (o)-[:PART_OF]->(:Outcome)-[:PART_OF]->(:Outcome)-[:PART_OF]->(g2:Programme)
WITH o.id AS outcome, o.kind AS kind, min(coalesce(g0.id, g1.id, g2.id)) AS programme
WHERE $country = '' OR EXISTS { MATCH (:Programme {id: programme})-[:COVERS]->(:Country {id: $country}) }
OPTIONAL MATCH (f:Funding)-[:FUNDS]->(:Outcome {id: outcome})
WITH outcome, kind, programme,
     sum(CASE WHEN f.kind = 'budget' THEN f.amount END) AS budget, count(CASE WHEN f.kind = 'budget' THEN 1 END) AS budgets,
     sum(CASE WHEN f.kind = 'expenditure' THEN f.amount END) AS expenditure, count(CASE WHEN f.kind = 'expenditure' THEN 1 END) AS spent,
     sum(CASE WHEN f.kind = 'contribution' THEN f.amount END) AS contributions, count(CASE WHEN f.kind = 'contribution' THEN 1 END) AS given,
     collect(DISTINCT f.currency) AS currencies
OPTIONAL MATCH (:Outcome {id: outcome})<-[:PART_OF]-(d1:Outcome)
WITH outcome, kind, programme, budget, budgets, expenditure, spent, contributions, given, currencies,
     collect(DISTINCT d1.id) AS below1
UNWIND below1 + [''] AS b
OPTIONAL MATCH (:Outcome {id: b})<-[:PART_OF]-(d2:Outcome)
WITH outcome, kind, programme, budget, budgets, expenditure, spent, contributions, given, currencies,
     below1, collect(DISTINCT d2.id) AS below2
WITH outcome, kind, programme, budget, budgets, expenditure, spent, contributions, given, currencies,
     [outcome] + below1 + below2 AS family
UNWIND family AS f
OPTIONAL MATCH (:Outcome {id: f})-[:MAPS_TO]-(k:Outcome)
WITH outcome, kind, programme, budget, budgets, expenditure, spent, contributions, given, currencies,
     family, collect(DISTINCT k.id) AS kin
UNWIND family + kin AS s
OPTIONAL MATCH (p:Project)-[:CONTRIBUTES_TO]->(:Outcome {id: s})
OPTIONAL MATCH (e1:Evaluation)-[:EVALUATES|STATES]->()-[:CONTRIBUTES_TO|RATES|FUNDS]->(:Outcome {id: s})
WHERE s IN family
WITH outcome, kind, programme, budget, budgets, expenditure, spent, contributions, given, currencies,
     count(DISTINCT p.id) AS projects, collect(DISTINCT e1.id) AS by_work
OPTIONAL MATCH (:Programme {id: programme})<-[:EVALUATES]-(e2:Evaluation)
WITH outcome, kind, programme, budget, budgets, expenditure, spent, contributions, given, currencies, projects,
     by_work, collect(e2.id) AS by_programme
UNWIND by_work + by_programme + [''] AS ev
WITH outcome, kind, programme, budget, budgets, expenditure, spent, contributions, given, currencies, projects,
     collect(DISTINCT CASE WHEN ev <> '' THEN ev END) AS evaluated_by
UNWIND evaluated_by + [''] AS ev
OPTIONAL MATCH (:Evaluation {id: ev})-[:MAKES]->(r:Recommendation)
WITH outcome, kind, programme, budget, budgets, expenditure, spent, contributions, given, currencies, projects,
     size(evaluated_by) AS evaluations, count(r) AS recommendations
RETURN outcome, kind, programme, projects,
       CASE WHEN budgets = 0 THEN NULL ELSE budget END AS budget,
       CASE WHEN spent = 0 THEN NULL ELSE expenditure END AS expenditure,
       CASE WHEN given = 0 THEN NULL ELSE contributions END AS contributions, currencies, evaluations, recommendations
ORDER BY outcome
LIMIT $row_limit
