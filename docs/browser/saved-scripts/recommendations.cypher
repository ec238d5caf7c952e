// Recommendations
// kg canned query recommendations (recommendations); set its parameters first:
// :param evaluation => '';
// :param addressee => '';
// :param priority => '';
// :param row_limit => 100;
MATCH (e:Evaluation)-[:MAKES]->(r:Recommendation)
WHERE ($evaluation = '' OR e.id = $evaluation)
  AND ($priority = '' OR toLower(r.priority) = toLower($priority))
  AND ($addressee = '' OR EXISTS { MATCH (r)-[:ADDRESSED_TO]->(a:Organization) WHERE a.id = $addressee OR a.acronym = $addressee })
OPTIONAL MATCH (r)-[:PART_OF]->(parent:Recommendation)
OPTIONAL MATCH (r)-[:ADDRESSED_TO]->(o:Organization)
WITH e, r, parent, collect(o.id) AS addressed_to
OPTIONAL MATCH (r)-[:HAS_RESPONSE]->(m:ManagementResponse)
WITH e, r, parent, addressed_to, coalesce(parent.number, r.number) AS top,
     CASE WHEN m IS NULL THEN NULL ELSE coalesce(m.status, 'responded') END AS response
RETURN e.id AS evaluation, r.number AS number, parent.number AS part_of,
       coalesce(r.heading, r.text) AS recommendation, addressed_to, r.priority AS priority,
       r.time_implication AS timeframe, response
ORDER BY evaluation, size(top), top, size(number), number
LIMIT $row_limit
