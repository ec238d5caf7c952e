// title: Framework parts no ILO outcome serves
// group: coverage
// description: >-
//   The UNDAF outcomes, plan priorities and SDG targets of every framework
//   the ILO aligns with somewhere that no ILO outcome aligns with, neither
//   directly nor through a part below them; with how many of the framework's
//   parts are served, so a gap reads against the whole.
// parameters:
//   framework: {type: string, default: "", description: "a framework id (UNDAF/KHM/2006-2010, PLAN/LAO/SIXTH-NSEDP, SDG8); empty for all"}
// columns: [framework, target, text, served_parts, parts]
MATCH (t:UNDAFOutcome|PlanPriority|SDGTarget)-[:PART_OF*1..3]->(f:UNDAF|NationalPlan|SDG)
WHERE ($framework = '' OR f.id = $framework)
  AND EXISTS { MATCH (:Outcome)-[:ALIGNS_WITH]->()-[:PART_OF*0..3]->(f) }
WITH f, t, CASE WHEN EXISTS { MATCH (:Outcome)-[:ALIGNS_WITH]->()-[:PART_OF*0..3]->(t) } THEN 1 ELSE 0 END AS served
WITH f, collect(CASE WHEN served = 0 THEN t.id END) AS open, count(t) AS parts, sum(served) AS served_parts
UNWIND open AS tid
MATCH (t:UNDAFOutcome|PlanPriority|SDGTarget {id: tid})
RETURN f.id AS framework, t.id AS target, t.text AS text, served_parts, parts
ORDER BY framework, target
