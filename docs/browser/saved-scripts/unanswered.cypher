// Recommendations without a management response
// kg canned query unanswered (recommendations); set its parameters first:
// :param evaluation => '';
// :param row_limit => 100;
MATCH (e:Evaluation)-[:MAKES]->(r:Recommendation)
WHERE ($evaluation = '' OR e.id = $evaluation) AND NOT EXISTS { MATCH (r)-[:HAS_RESPONSE]->() }
OPTIONAL MATCH (r)-[:ADDRESSED_TO]->(o:Organization)
WITH e, r, collect(o.id) AS addressed_to,
     COUNT { MATCH (e)-[:MAKES]->(:Recommendation)-[:HAS_RESPONSE]->() } AS responses_in_report
RETURN e.id AS evaluation, r.number AS number, coalesce(r.heading, r.text) AS recommendation, addressed_to,
       responses_in_report
ORDER BY evaluation, size(number), number
LIMIT $row_limit
