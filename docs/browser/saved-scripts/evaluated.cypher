// Which outcomes and projects have been evaluated
// kg canned query evaluated (evidence); set its parameters first:
// :param status => '';
// :param kind => '';
// :param row_limit => 100;
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
LIMIT $row_limit
