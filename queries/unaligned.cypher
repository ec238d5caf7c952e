// title: Projects and outcomes that align with nothing
// group: alignment
// description: >-
//   Outcomes that reach no UNDAF outcome, plan, plan priority or SDG, neither
//   themselves nor through an outcome above them or one they map to, and projects none of whose
//   outcomes do (or that serve no outcome at all), with the programme they
//   belong to.
// parameters:
//   kind: {type: string, default: "", choices: [project, outcome], description: "project or outcome; empty for both"}
// columns: [kind, id, name, programme, reason]
MATCH (x:Project|Outcome)
WHERE NOT EXISTS { MATCH (x)-[:CONTRIBUTES_TO*0..1]->(:Outcome)-[:MAPS_TO*0..1]-(:Outcome)-[:PART_OF*0..4]->(:Outcome)-[:ALIGNS_WITH]->() }
WITH x, CASE WHEN EXISTS { MATCH (:Project {id: x.id}) } THEN 'project' ELSE 'outcome' END AS kind
WHERE $kind = '' OR kind = $kind
OPTIONAL MATCH (x)-[:PART_OF*1..5]->(g:Programme)
WITH x, kind, min(g.id) AS programme
RETURN kind, x.id AS id, coalesce(x.name, x.text, x.code) AS name, programme,
       CASE WHEN kind = 'outcome' THEN 'aligns with no framework'
            WHEN EXISTS { MATCH (x)-[:CONTRIBUTES_TO]->(:Outcome) } THEN 'its outcomes align with no framework'
            ELSE 'serves no outcome' END AS reason
ORDER BY kind, programme, id
