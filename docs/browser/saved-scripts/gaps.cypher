// Framework parts no ILO outcome serves
// kg canned query gaps (coverage); set its parameters first:
// :param framework => '';
// :param row_limit => 100;
MATCH (t:UNDAFOutcome|PlanPriority|SDGTarget)
OPTIONAL MATCH (t)-[:PART_OF]->(f1:UNDAF|NationalPlan|SDG)
OPTIONAL MATCH (t)-[:PART_OF]->(:PlanPriority)-[:PART_OF]->(f2:NationalPlan)
WITH t, coalesce(f1.id, f2.id) AS fid
WHERE fid IS NOT NULL AND ($framework = '' OR fid = $framework)
WITH t, fid, CASE WHEN EXISTS { MATCH (:Outcome)-[:ALIGNS_WITH]->(t) }
                    OR EXISTS { MATCH (:Outcome)-[:ALIGNS_WITH]->()-[:PART_OF]->(t) }
                    OR EXISTS { MATCH (:Outcome)-[:ALIGNS_WITH]->()-[:PART_OF]->()-[:PART_OF]->(t) }
                  THEN 1 ELSE 0 END AS served
WITH fid, collect(CASE WHEN served = 0 THEN t.id END) AS open, count(t) AS parts, sum(served) AS served_parts
MATCH (f:UNDAF|NationalPlan|SDG {id: fid})
WHERE served_parts > 0 OR EXISTS { MATCH (:Outcome)-[:ALIGNS_WITH]->(f) }
UNWIND open AS tid
MATCH (t:UNDAFOutcome|PlanPriority|SDGTarget {id: tid})
RETURN fid AS framework, t.id AS target, t.text AS text, served_parts, parts
ORDER BY framework, target
LIMIT $row_limit
