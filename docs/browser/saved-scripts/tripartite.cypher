// Tripartite balance per programme
// kg canned query tripartite (partners); set its parameters first:
// :param programme => '';
// :param row_limit => 100;
MATCH (g:Programme)
WHERE $programme = '' OR g.id = $programme OR g.acronym = $programme
OPTIONAL MATCH (g)-[:PARTNERS_WITH|FUNDED_BY]->(o1:Organization)
WITH g, collect(o1.id) AS own
OPTIONAL MATCH (g)<-[:PART_OF]-(:Project)-[:PARTNERS_WITH|FUNDED_BY]->(o2:Organization)
WITH g, own, collect(o2.id) AS projects
UNWIND own + projects + [''] AS oid
OPTIONAL MATCH (o:Organization {id: oid})
WITH g, collect(DISTINCT CASE WHEN o.kind = 'government' THEN o.id END) AS government,
     collect(DISTINCT CASE WHEN o.kind = 'employers' THEN o.id END) AS employers,
     collect(DISTINCT CASE WHEN o.kind = 'workers' THEN o.id END) AS workers,
     count(DISTINCT CASE WHEN NOT o.kind IN ['government', 'employers', 'workers'] THEN o.id END) AS others
OPTIONAL MATCH (g)<-[:EVALUATES]-(e1:Evaluation)
WITH g, government, employers, workers, others, collect(e1.id) AS own
OPTIONAL MATCH (g)<-[:PART_OF]-(:Project)<-[:EVALUATES]-(e2:Evaluation)
WITH g, government, employers, workers, others, own, collect(e2.id) AS through
UNWIND own + through + [''] AS eid
OPTIONAL MATCH (:Evaluation {id: eid})-[:MAKES]->(r:Recommendation)-[:ADDRESSED_TO]->(c:Organization)
WHERE c.kind IN ['government', 'employers', 'workers']
WITH g, government, employers, workers, others, count(DISTINCT r) AS recommendations_to_constituents
RETURN g.id AS programme, government, employers, workers, others, recommendations_to_constituents,
       CASE WHEN size(government) = 0 THEN ['government'] ELSE [] END
       + CASE WHEN size(employers) = 0 THEN ['employers'] ELSE [] END
       + CASE WHEN size(workers) = 0 THEN ['workers'] ELSE [] END AS missing
ORDER BY programme
LIMIT $row_limit
