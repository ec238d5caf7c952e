// title: Coverage of each plan, framework and goal
// group: coverage
// description: >-
//   For each national plan, plan priority, UNDAF, UNDAF outcome, SDG and SDG
//   target: the ILO outcomes that align with it or a part of it, the projects
//   and programmes that serve those outcomes (as in the supporters query),
//   the money reports state for it or its parts, the evaluations of those projects and
//   programmes and of the programmes the outcomes belong to, and the
//   recommendations those evaluations make. Unknown money is empty, not zero.
// parameters:
//   country: {type: string, default: "", description: "ISO 3166 alpha-3 code of the framework's country (LAO); empty for all"}
// columns: [target, kind, framework, text, outcomes, projects, budget, expenditure, contributions, currencies, evaluations, recommendations]
MATCH (t:NationalPlan|PlanPriority|UNDAF|UNDAFOutcome|SDG|SDGTarget)
OPTIONAL MATCH (t)-[:PART_OF*0..3]->(f:UNDAF|NationalPlan|SDG)
WITH t, min(f.id) AS framework
WHERE $country = '' OR EXISTS { MATCH (:UNDAF|NationalPlan {id: framework})-[:COVERS]->(:Country {id: $country}) }
OPTIONAL MATCH (o:Outcome)-[:ALIGNS_WITH]->(:NationalPlan|PlanPriority|UNDAF|UNDAFOutcome|SDG|SDGTarget)-[:PART_OF*0..3]->(t)
WITH t, framework, collect(DISTINCT o.id) AS aligned
UNWIND aligned + [''] AS oid
OPTIONAL MATCH (o:Outcome {id: oid})
OPTIONAL MATCH (p:Project|Programme)-[:CONTRIBUTES_TO]->(:Outcome)-[:MAPS_TO*0..1]-(:Outcome)-[:PART_OF*0..4]->(o)
OPTIONAL MATCH (o)-[:PART_OF*1..5]->(g:Programme)
WITH t, framework, size(aligned) AS outcomes, collect(DISTINCT p.id) AS serving, collect(DISTINCT g.id) AS owners
OPTIONAL MATCH (m:Funding)-[:FUNDS]->()-[:PART_OF*0..3]->(t)
WITH t, framework, outcomes, serving, owners, sum(CASE WHEN m.kind = 'budget' THEN m.amount END) AS budget, count(CASE WHEN m.kind = 'budget' THEN 1 END) AS budgets,
     sum(CASE WHEN m.kind = 'expenditure' THEN m.amount END) AS expenditure, count(CASE WHEN m.kind = 'expenditure' THEN 1 END) AS spent,
     sum(CASE WHEN m.kind = 'contribution' THEN m.amount END) AS contributions, count(CASE WHEN m.kind = 'contribution' THEN 1 END) AS given,
     collect(DISTINCT m.currency) AS currencies
UNWIND serving + owners + [''] AS w
OPTIONAL MATCH (e:Evaluation)-[:EVALUATES]->(:Project|Programme {id: w})
OPTIONAL MATCH (e)-[:MAKES]->(r:Recommendation)
WITH t, framework, outcomes, serving, budget, budgets, expenditure, spent, contributions, given, currencies,
     count(DISTINCT e) AS evaluations, count(DISTINCT r) AS recommendations
RETURN t.id AS target,
       CASE WHEN EXISTS { MATCH (:UNDAFOutcome {id: t.id}) } THEN 'UNDAF outcome'
            WHEN EXISTS { MATCH (:PlanPriority {id: t.id}) } THEN 'plan priority'
            WHEN EXISTS { MATCH (:NationalPlan {id: t.id}) } THEN 'plan'
            WHEN EXISTS { MATCH (:UNDAF {id: t.id}) } THEN 'UNDAF'
            WHEN EXISTS { MATCH (:SDGTarget {id: t.id}) } THEN 'SDG target'
            ELSE 'SDG' END AS kind,
       framework, coalesce(t.text, t.name) AS text, outcomes, size(serving) AS projects,
       CASE WHEN budgets = 0 THEN NULL ELSE budget END AS budget,
       CASE WHEN spent = 0 THEN NULL ELSE expenditure END AS expenditure,
       CASE WHEN given = 0 THEN NULL ELSE contributions END AS contributions, currencies, evaluations, recommendations
ORDER BY framework, target
