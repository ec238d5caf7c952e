// Projects and outcomes that align with nothing
// kg canned query unaligned (alignment); set its parameters first:
// :param kind => '';
// :param row_limit => 100;
MATCH (x:Project|Outcome)
OPTIONAL MATCH (project:Project {id: x.id})
WITH x, CASE WHEN project IS NULL THEN 'outcome' ELSE 'project' END AS kind
WHERE $kind = '' OR kind = $kind
OPTIONAL MATCH (x)-[:CONTRIBUTES_TO]->(s1:Outcome)
OPTIONAL MATCH (s0:Outcome {id: x.id})
UNWIND [s0.id, s1.id] AS sid
OPTIONAL MATCH (s:Outcome {id: sid})
OPTIONAL MATCH (s)-[:PART_OF]->(u1:Outcome)
OPTIONAL MATCH (u1)-[:PART_OF]->(u2:Outcome)
OPTIONAL MATCH (s)-[:MAPS_TO]-(m:Outcome)
OPTIONAL MATCH (m)-[:PART_OF]->(m1:Outcome)
OPTIONAL MATCH (m1)-[:PART_OF]->(m2:Outcome)
UNWIND [s.id, u1.id, u2.id, m.id, m1.id, m2.id] AS vid
OPTIONAL MATCH (:Outcome {id: vid})-[al:ALIGNS_WITH]->()
WITH x, kind, count(al) AS links, count(DISTINCT s1) AS served
WHERE links = 0
OPTIONAL MATCH (x)-[:PART_OF]->(g0:Programme)
OPTIONAL MATCH (x)-[:PART_OF]->(:Outcome)-[:PART_OF]->(g1:Programme)
OPTIONAL MATCH (x)-[:PART_OF]->(:Outcome)-[:PART_OF]->(:Outcome)-[:PART_OF]->(g2:Programme)
WITH x, kind, served, min(coalesce(g0.id, g1.id, g2.id)) AS programme
RETURN kind, x.id AS id, coalesce(x.name, x.text, x.code) AS name, programme,
       CASE WHEN kind = 'outcome' THEN 'aligns with no framework'
            WHEN served > 0 THEN 'its outcomes align with no framework'
            ELSE 'serves no outcome' END AS reason
ORDER BY kind, programme, id
LIMIT $row_limit
