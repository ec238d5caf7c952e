// title: Which outcomes and projects have been evaluated
// group: evidence
// description: >-
//   Every project, programme and outcome with the evaluations that assessed
//   it (a project or programme that an evaluation evaluates; an outcome that
//   an evaluation rates, states money for, reaches through a project or
//   programme it evaluates, or whose programme it evaluates), the latest evaluation date and the ratings
//   given. An empty list means not evaluated.
// parameters:
//   status: {type: string, default: "", choices: [evaluated, not evaluated], description: "evaluated or not evaluated; empty for all"}
//   kind: {type: string, default: "", choices: [project, programme, outcome], description: "project, programme or outcome; empty for all"}
// columns: [kind, id, name, evaluations, last_evaluated, ratings]
MATCH (x:Project|Programme|Outcome)
OPTIONAL MATCH (project:Project {id: x.id})
OPTIONAL MATCH (programme:Programme {id: x.id})
WITH x, CASE WHEN project IS NOT NULL THEN 'project'
             WHEN programme IS NOT NULL THEN 'programme' ELSE 'outcome' END AS kind
WHERE $kind = '' OR kind = $kind
OPTIONAL MATCH (e0:Evaluation)-[:EVALUATES]->(x)
WITH x, kind, collect(e0.id) AS direct
OPTIONAL MATCH (e1:Evaluation)-[:EVALUATES|STATES]->()-[:CONTRIBUTES_TO|RATES|FUNDS]->(x)
WITH x, kind, direct, collect(e1.id) AS through
OPTIONAL MATCH (x)-[:PART_OF]->(g0:Programme) WHERE kind = 'outcome'
OPTIONAL MATCH (x)-[:PART_OF]->(:Outcome)-[:PART_OF]->(g1:Programme) WHERE kind = 'outcome'
OPTIONAL MATCH (x)-[:PART_OF]->(:Outcome)-[:PART_OF]->(:Outcome)-[:PART_OF]->(g2:Programme) WHERE kind = 'outcome'
WITH x, kind, direct, through, coalesce(g0.id, g1.id, g2.id) AS programme
OPTIONAL MATCH (:Programme {id: programme})<-[:EVALUATES]-(e2:Evaluation)
WITH x, kind, direct, through, collect(e2.id) AS by_programme
UNWIND direct + through + by_programme + [''] AS eid
OPTIONAL MATCH (e:Evaluation {id: eid})
WITH x, kind, collect(DISTINCT e.id) AS evaluations, max(e.date) AS last_evaluated
WHERE $status = '' OR (size(evaluations) > 0) = ($status = 'evaluated')
OPTIONAL MATCH (x)<-[:RATES]-(g:Rating)
RETURN kind, x.id AS id, coalesce(x.name, x.text, x.code) AS name, evaluations, last_evaluated,
       count(g) AS ratings
ORDER BY kind, id
