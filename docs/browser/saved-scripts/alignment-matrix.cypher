// Outcome × framework alignment matrix
// kg canned query alignment-matrix (alignment); set its parameters first:
// :param country => '';
// :param row_limit => 100;
MATCH (o:Outcome)-[al:ALIGNS_WITH]->(t)
OPTIONAL MATCH (t)-[:PART_OF]->(f1:UNDAF|NationalPlan|SDG)
OPTIONAL MATCH (t)-[:PART_OF]->(:PlanPriority)-[:PART_OF]->(f2:NationalPlan)
WITH o, al, t, coalesce(f1.id, f2.id, t.id) AS fid
MATCH (f:UNDAF|NationalPlan|SDG {id: fid})
WHERE $country = '' OR EXISTS { MATCH (f)-[:COVERS]->(:Country {id: $country}) }
WITH o, f, count(DISTINCT t) AS targets,
     sum(CASE WHEN al.basis = 'stated' THEN 1 ELSE 0 END) AS stated,
     sum(CASE WHEN al.basis = 'inferred' THEN 1 ELSE 0 END) AS inferred
RETURN o.id AS outcome, o.text AS outcome_text, f.id AS framework, f.name AS framework_name,
       targets, stated, inferred
ORDER BY outcome, framework
LIMIT $row_limit
