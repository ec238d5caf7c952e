// Coverage of each plan, framework and goal
// kg canned query coverage-frameworks (coverage); set its parameters first:
// :param country => '';
// :param row_limit => 100;
MATCH (t:NationalPlan|PlanPriority|UNDAF|UNDAFOutcome|SDG|SDGTarget)
OPTIONAL MATCH (t)-[:PART_OF]->(undaf:UNDAF)
OPTIONAL MATCH (t)-[:PART_OF]->(sdg:SDG)
OPTIONAL MATCH (t)-[:PART_OF]->(plan1:NationalPlan)
OPTIONAL MATCH (t)-[:PART_OF]->(:PlanPriority)-[:PART_OF]->(plan2:NationalPlan)
OPTIONAL MATCH (self:UNDAF|NationalPlan|SDG {id: t.id})
WITH t, coalesce(undaf.id, sdg.id, plan1.id, plan2.id, self.id) AS framework,
     CASE WHEN undaf IS NOT NULL THEN 'UNDAF outcome' WHEN sdg IS NOT NULL THEN 'SDG target'
          WHEN plan1 IS NOT NULL OR plan2 IS NOT NULL THEN 'plan priority' END AS part_kind, self
WHERE $country = '' OR EXISTS { MATCH (:UNDAF|NationalPlan {id: framework})-[:COVERS]->(:Country {id: $country}) }
OPTIONAL MATCH (undaf0:UNDAF {id: t.id})
OPTIONAL MATCH (plan0:NationalPlan {id: t.id})
WITH t, framework, coalesce(part_kind, CASE WHEN undaf0 IS NOT NULL THEN 'UNDAF'
                                            WHEN plan0 IS NOT NULL THEN 'plan' ELSE 'SDG' END) AS kind
OPTIONAL MATCH (t)<-[:PART_OF]-(c1)
OPTIONAL MATCH (c1)<-[:PART_OF]-(c2)
WITH t, framework, kind, collect(DISTINCT c1.id) AS parts1, collect(DISTINCT c2.id) AS parts2
WITH t, framework, kind, [t.id] + parts1 + parts2 AS parts
UNWIND parts AS part
OPTIONAL MATCH (o:Outcome)-[:ALIGNS_WITH]->(:NationalPlan|PlanPriority|UNDAF|UNDAFOutcome|SDG|SDGTarget {id: part})
WITH t, framework, kind, parts, collect(DISTINCT o.id) AS aligned
UNWIND aligned + [''] AS a
OPTIONAL MATCH (o:Outcome {id: a})
OPTIONAL MATCH (o)-[:PART_OF]->(g0:Programme)
OPTIONAL MATCH (o)-[:PART_OF]->(:Outcome)-[:PART_OF]->(g1:Programme)
OPTIONAL MATCH (o)<-[:PART_OF]-(d:Outcome)
WITH t, framework, kind, parts, aligned, collect(DISTINCT coalesce(g0.id, g1.id)) AS owners,
     collect(DISTINCT d.id) AS below1
UNWIND below1 + [''] AS b
OPTIONAL MATCH (:Outcome {id: b})<-[:PART_OF]-(d:Outcome)
WITH t, framework, kind, parts, aligned, owners, below1, collect(DISTINCT d.id) AS below2
WITH t, framework, kind, parts, size(aligned) AS outcomes, owners, aligned + below1 + below2 AS family
UNWIND family + [''] AS f
OPTIONAL MATCH (:Outcome {id: f})-[:MAPS_TO]-(k:Outcome)
WITH t, framework, kind, parts, outcomes, owners, family, collect(DISTINCT k.id) AS kin
UNWIND family + kin + [''] AS s
OPTIONAL MATCH (p:Project|Programme)-[:CONTRIBUTES_TO]->(:Outcome {id: s})
WITH t, framework, kind, parts, outcomes, owners, collect(DISTINCT p.id) AS serving
UNWIND parts AS part
OPTIONAL MATCH (m:Funding)-[:FUNDS]->(:UNDAFOutcome|PlanPriority|NationalPlan|UNDAF|SDG|SDGTarget {id: part})
WITH t, framework, kind, outcomes, serving, owners,
     sum(CASE WHEN m.kind = 'budget' THEN m.amount END) AS budget, count(CASE WHEN m.kind = 'budget' THEN 1 END) AS budgets,
     sum(CASE WHEN m.kind = 'expenditure' THEN m.amount END) AS expenditure, count(CASE WHEN m.kind = 'expenditure' THEN 1 END) AS spent,
     sum(CASE WHEN m.kind = 'contribution' THEN m.amount END) AS contributions, count(CASE WHEN m.kind = 'contribution' THEN 1 END) AS given,
     collect(DISTINCT m.currency) AS currencies
UNWIND serving + owners + [''] AS w
OPTIONAL MATCH (e:Evaluation)-[:EVALUATES]->(:Project|Programme {id: w})
WITH t, framework, kind, outcomes, serving, budget, budgets, expenditure, spent, contributions, given, currencies,
     collect(DISTINCT e.id) AS evaluated_by
UNWIND evaluated_by + [''] AS ev
OPTIONAL MATCH (:Evaluation {id: ev})-[:MAKES]->(r:Recommendation)
WITH t, framework, kind, outcomes, serving, budget, budgets, expenditure, spent, contributions, given, currencies,
     size(evaluated_by) AS evaluations, count(r) AS recommendations
RETURN t.id AS target, kind, framework, coalesce(t.text, t.name) AS text, outcomes, size(serving) AS projects,
       CASE WHEN budgets = 0 THEN NULL ELSE budget END AS budget,
       CASE WHEN spent = 0 THEN NULL ELSE expenditure END AS expenditure,
       CASE WHEN given = 0 THEN NULL ELSE contributions END AS contributions, currencies, evaluations, recommendations
ORDER BY framework, target
LIMIT $row_limit
