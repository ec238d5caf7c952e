// title: Outcomes and projects behind a plan, framework or goal
// group: alignment
// description: >-
//   Which ILO outcomes align with the given national plan, plan priority,
//   UNDAF, UNDAF outcome, SDG or SDG target (or with a part of it), through
//   which part, on what basis, and which projects and programmes serve each
//   of those outcomes, the outcomes below it or an outcome it maps to.
// parameters:
//   target: {type: string, description: "the id, code or acronym of a plan, plan priority, UNDAF, UNDAF outcome, SDG or SDG target (PLAN/LAO/SIXTH-NSEDP)"}
// columns: [target, outcome, outcome_text, via, basis, evidence, projects]
MATCH (scope:NationalPlan|PlanPriority|UNDAF|UNDAFOutcome|SDG|SDGTarget)
WHERE scope.id = $target OR scope.code = $target OR scope.acronym = $target
MATCH (o:Outcome)-[al:ALIGNS_WITH]->(t)-[:PART_OF*0..3]->(scope)
OPTIONAL MATCH (p:Project|Programme)-[:CONTRIBUTES_TO]->(:Outcome)-[:MAPS_TO*0..1]-(:Outcome)-[:PART_OF*0..4]->(o)
WITH scope, o, t, al, p ORDER BY p.id SKIP 0
WITH scope, o, t, al, collect(DISTINCT p.id) AS projects
RETURN scope.id AS target, o.id AS outcome, o.text AS outcome_text, t.id AS via, al.basis AS basis,
       size(al.evidence) AS evidence, projects
ORDER BY target, outcome, via
