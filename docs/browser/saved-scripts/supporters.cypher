// Outcomes and projects behind a plan, framework or goal
// kg canned query supporters (alignment); set its parameters first:
// :param target => 'PLAN/LAO/SIXTH-NSEDP';
// :param row_limit => 100;
MATCH (scope:NationalPlan|PlanPriority|UNDAF|UNDAFOutcome|SDG|SDGTarget)
WHERE scope.id = $target OR scope.code = $target OR scope.acronym = $target
OPTIONAL MATCH (scope)<-[:PART_OF]-(t1)
OPTIONAL MATCH (t1)<-[:PART_OF]-(t2)
UNWIND [scope.id, t1.id, t2.id] AS tid
MATCH (o:Outcome)-[al:ALIGNS_WITH]->(t:NationalPlan|PlanPriority|UNDAF|UNDAFOutcome|SDG|SDGTarget {id: tid})
WITH DISTINCT scope, o, t, al
UNWIND [o.id] + [''] AS a
OPTIONAL MATCH (:Outcome {id: a})<-[:PART_OF]-(d:Outcome)
WITH scope, o, t, al, collect(DISTINCT d.id) AS below1
UNWIND below1 + [''] AS b
OPTIONAL MATCH (:Outcome {id: b})<-[:PART_OF]-(d:Outcome)
WITH scope, o, t, al, below1, collect(DISTINCT d.id) AS below2
WITH scope, o, t, al, [o.id] + below1 + below2 AS family
UNWIND family + [''] AS f
OPTIONAL MATCH (:Outcome {id: f})-[:MAPS_TO]-(k:Outcome)
WITH scope, o, t, al, family, collect(DISTINCT k.id) AS kin
UNWIND family + kin AS s
OPTIONAL MATCH (p:Project|Programme)-[:CONTRIBUTES_TO]->(:Outcome {id: s})
WITH scope, o, t, al, collect(DISTINCT p.id) AS projects
RETURN scope.id AS target, o.id AS outcome, o.text AS outcome_text, t.id AS via, al.basis AS basis,
       size(al.evidence) AS evidence, projects
ORDER BY target, outcome, via
LIMIT $row_limit
